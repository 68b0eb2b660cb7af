"""depth_breadth page (coming)."""

import streamlit as st

import ui

st.title(ui.tr("page.depth_breadth"))
st.info(ui.tr("page.coming"))
