"""ripples page (coming)."""

import streamlit as st

import ui

st.title(ui.tr("page.ripples"))
st.info(ui.tr("page.coming"))
