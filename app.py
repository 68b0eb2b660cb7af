"""netvalue: the Streamlit entry point. Page config, shared sidebar filters, navigation over pages/."""

import streamlit as st

import ui
from netvalue.i18n import t

st.set_page_config(page_title="netvalue", page_icon=":material/water:", layout="wide")

filters = ui.sidebar_filters()
st.session_state["_filters"] = filters
L = filters.lang

pages = [
    st.Page("pages/overview.py", title=t("page.overview", L), icon=":material/dashboard:", default=True,
            url_path="overview"),
    st.Page("pages/networks.py", title=t("page.networks", L), icon=":material/hub:", url_path="networks"),
    st.Page("pages/ripples.py", title=t("page.ripples", L), icon=":material/water:", url_path="ripples"),
    st.Page("pages/depth_breadth.py", title=t("page.depth_breadth", L), icon=":material/stacked_bar_chart:",
            url_path="depth_breadth"),
    st.Page("pages/upload.py", title=t("page.upload", L), icon=":material/upload_file:", url_path="upload"),
    st.Page("pages/method.py", title=t("page.method", L), icon=":material/functions:", url_path="method"),
]
st.navigation(pages, position="sidebar").run()
