"""Each Streamlit internal that st_internals.py uses, checked against the installed Streamlit: an upgrade that
moves one fails here, not on a page."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import st_internals

ROOT = Path(__file__).resolve().parent.parent


def test_the_checked_version_is_the_pinned_and_installed_one():
    pinned = [line for line in (ROOT / "requirements.txt").read_text().splitlines() if line.startswith("streamlit==")]
    assert pinned == [f"streamlit=={st_internals.STREAMLIT_VERSION}"]
    assert importlib.metadata.version("streamlit") == st_internals.STREAMLIT_VERSION


def test_page_manager_mode_flag_exists():
    from streamlit.runtime.pages_manager import PagesManager

    assert hasattr(PagesManager, "uses_pages_directory")
    before = PagesManager.uses_pages_directory
    try:
        st_internals.use_navigation_mode()
        assert PagesManager.uses_pages_directory is False
    finally:
        PagesManager.uses_pages_directory = before


def test_fragment_rerun_hook_exists():
    from streamlit.testing.v1 import AppTest, local_script_runner

    assert callable(local_script_runner.RerunData)
    assert "fragment_id_queue" in local_script_runner.RerunData.__dataclass_fields__
    at = AppTest.from_string("import streamlit as st\n@st.fragment(key='f')\ndef f():\n    st.write('x')\nf()\n")
    at.run()
    assert at._fragment_storage.resolve_target("f")
    with st_internals.only_fragment(at, "f"):
        at.run()
    assert not at.exception


def test_chart_specs_read_the_figure_json():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string("import plotly.graph_objects as go, streamlit as st\n"
                             "st.plotly_chart(go.Figure(go.Bar(x=[1], y=[2])))\n")
    at.run()
    specs = st_internals.chart_dicts(at)
    assert len(specs) == 1 and specs[0]["data"][0]["type"] == "bar"
