"""method page (coming)."""

import streamlit as st

import ui

st.title(ui.tr("page.method"))
st.info(ui.tr("page.coming"))
