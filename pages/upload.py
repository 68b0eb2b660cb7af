"""upload page (coming)."""

import streamlit as st

import ui

st.title(ui.tr("page.upload"))
st.info(ui.tr("page.coming"))
