"""netvalue: the Streamlit entry point. Page config, shared sidebar filters, navigation over pages/."""

import logging
import os

import streamlit as st

import ui
from netvalue.i18n import t
from netvalue.store import StoreBusy

log = logging.getLogger("netvalue")

st.set_page_config(page_title="netvalue", page_icon=":material/water:", layout="wide")


def main() -> None:
    ui.page_styles()
    filters = ui.sidebar_filters()
    st.session_state["_filters"] = filters
    ui.upload_gate()  # logs who may upload once per process, so a closed or open gate shows in the log at once
    ui.start_backups()  # the scheduled backups of the running app; one thread per process
    L = filters.lang
    pages = [
        st.Page("pages/overview.py", title=t("page.overview", L), icon=":material/dashboard:", default=True,
                url_path="overview"),
        st.Page("pages/networks.py", title=t("page.networks", L), icon=":material/hub:", url_path="networks"),
        st.Page("pages/ripples.py", title=t("page.ripples", L), icon=":material/water:", url_path="ripples"),
        st.Page("pages/connections.py", title=t("page.connections", L), icon=":material/share:",
                url_path="connections"),
        st.Page("pages/depth_breadth.py", title=t("page.depth_breadth", L), icon=":material/stacked_bar_chart:",
                url_path="depth_breadth"),
        st.Page("pages/upload.py", title=t("page.upload", L), icon=":material/upload_file:", url_path="upload"),
        st.Page("pages/method.py", title=t("page.method", L), icon=":material/functions:", url_path="method"),
    ]
    # This run's pages by their URL path, for the pages' own links (ui.page): a link to a Page object costs no
    # file-system lookup, a link to a file name one per link (ten on the overview).
    st.session_state["_pages"] = {p.url_path: p for p in pages}
    st.navigation(pages, position="sidebar").run()


try:
    main()
except StoreBusy:
    # Another program (the command line, a backup) holds the store file; it is let go within seconds.
    log.warning("the store is busy")
    st.warning(t("app.busy", st.session_state.get("_lang", "da")))
except Exception:  # Streamlit's rerun and stop are BaseExceptions and pass through untouched
    # Tests set NETVALUE_RAISE=1 so a failing page fails its test instead of showing the message below.
    if os.environ.get("NETVALUE_RAISE") == "1":
        raise
    log.exception("a page failed")
    st.error(t("app.error", st.session_state.get("_lang", "da")))
