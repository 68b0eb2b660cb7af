"""networks page (coming)."""

import streamlit as st

import ui

st.title(ui.tr("page.networks"))
st.info(ui.tr("page.coming"))
