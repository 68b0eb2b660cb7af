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
    assert st_internals.element_root(at).children, "the element tree's root holds what the page drew"
    assert len(specs) == 1 and specs[0]["data"][0]["type"] == "bar"


def test_websocket_messages_round_trip():
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    back = BackMsg()
    back.ParseFromString(st_internals.rerun_message("ripples", "lang=en"))
    assert back.rerun_script.page_name == "ripples" and back.rerun_script.query_string == "lang=en"
    done = ForwardMsg()
    done.script_finished = ForwardMsg.FINISHED_SUCCESSFULLY
    assert st_internals.is_script_finished(done.SerializeToString())
    assert not st_internals.is_script_finished(ForwardMsg().SerializeToString())


def test_secrets_files_option_and_reset_exist(tmp_path):
    from streamlit import config
    from streamlit.runtime.secrets import secrets_singleton

    assert hasattr(secrets_singleton, "_reset")
    path = tmp_path / "secrets.toml"
    path.write_text('[netvalue]\nopen_uploads = true\n', encoding="utf-8")
    before = st_internals.set_secrets_files([str(path)])
    try:
        assert config.get_option("secrets.files") == [str(path)]
        import streamlit as st

        assert st.secrets["netvalue"]["open_uploads"] is True
    finally:
        st_internals.set_secrets_files(before)


def test_widget_string_state_can_be_sent():
    from streamlit.proto.WidgetStates_pb2 import WidgetStates
    from streamlit.testing.v1 import AppTest

    assert "string_value" in WidgetStates().widgets.add().DESCRIPTOR.fields_by_name
    at = AppTest.from_string("import streamlit as st\nst.text_input('x', key='x')\nst.write(st.session_state.x)\n")
    at.run()
    st_internals.send_widget_string(at, at.text_input(key="x"), "sent")
    assert at.text_input(key="x").value == "sent"
