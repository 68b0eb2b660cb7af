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


def test_the_upload_messages_are_the_browsers():
    """The builders tools/hostilebench.py sends and the readers it parses replies with, against the protos and the
    server code of the installed Streamlit (field names, the XSRF cookie, the upload route)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
    from streamlit.web.server.server import UPLOAD_FILE_ENDPOINT
    from streamlit.web.server.starlette import starlette_server_config
    from streamlit.web.server.starlette.starlette_routes import _ROUTE_UPLOAD_FILE

    assert starlette_server_config.XSRF_COOKIE_NAME == st_internals.XSRF_COOKIE
    back = BackMsg.FromString(st_internals.file_urls_request("r1", ["a.csv", "b.csv"], "s1"))
    assert back.WhichOneof("type") == "file_urls_request"
    assert (back.file_urls_request.request_id, list(back.file_urls_request.file_names),
            back.file_urls_request.session_id) == ("r1", ["a.csv", "b.csv"], "s1")

    # The server's answer, built as app_session builds it from the upload manager's URLs.
    [url] = MemoryUploadedFileManager(UPLOAD_FILE_ENDPOINT).get_upload_urls("s1", ["a.csv"])
    assert url.upload_url == "/" + _ROUTE_UPLOAD_FILE.format(session_id="s1", file_id=url.file_id)
    fwd = ForwardMsg()
    fwd.file_urls_response.response_id = "r1"
    fwd.file_urls_response.file_urls.add(file_id=url.file_id, upload_url=url.upload_url, delete_url=url.delete_url)
    rid, [target], error = st_internals.file_urls_response(fwd.SerializeToString())
    assert (rid, target.file_id, target.upload_url, error) == ("r1", url.file_id, url.upload_url, "")
    assert st_internals.file_urls_response(ForwardMsg(script_finished=1).SerializeToString()) is None

    widget = "$$ID-x-upload_files_0"
    rerun = BackMsg.FromString(st_internals.upload_rerun_message("upload", widget, [(target, "a.csv", 7)]))
    [state] = rerun.rerun_script.widget_states.widgets
    assert (rerun.rerun_script.page_name, state.id, state.WhichOneof("value")) == (
        "upload", widget, "file_uploader_state_value")
    [info] = state.file_uploader_state_value.uploaded_file_info
    assert (info.file_id, info.name, info.size, info.file_urls.upload_url) == (url.file_id, "a.csv", 7, url.upload_url)
    empty = BackMsg.FromString(st_internals.upload_rerun_message("upload", "w", []))
    assert empty.rerun_script.widget_states.widgets[0].WhichOneof("value") == "file_uploader_state_value"

    new = ForwardMsg()
    new.new_session.initialize.session_id = "s1"
    assert st_internals.session_id_of(new.SerializeToString()) == "s1"
    drawn = ForwardMsg()
    drawn.delta.new_element.file_uploader.id = "w1"
    assert st_internals.file_uploader_ids(drawn.SerializeToString()) == ["w1"]
    said = ForwardMsg()
    said.delta.new_element.alert.body = "nej"
    said.delta.new_element.alert.format = said.delta.new_element.alert.ERROR
    assert st_internals.alert_texts(said.SerializeToString()) == [("error", "nej")]


# -- keep_wire_forms: what a warm rerun reuses -------------------------------------------------------------------
_FIGURE_APP = """
import plotly.graph_objects as go
import streamlit as st
import st_internals

st_internals.keep_wire_forms()

@st.cache_resource
def view():
    twins = [go.Figure(go.Bar(x=["a<b", "ø"], y=[1.5, float("nan")]), layout={"title": {"text": "Æble"}})
             for _ in range(2)]
    st_internals.freeze_figures({"figures": twins[:1]})
    return twins

frozen, unmarked = view()
st.plotly_chart(frozen, key="frozen")
st.plotly_chart(unmarked, key="unmarked")
"""


def _count_calls(monkeypatch, owner: object, name: str) -> list[object]:
    calls: list[object] = []
    original = getattr(owner, name)

    def counted(self, *args, **kwargs):
        calls.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def test_a_frozen_figure_is_serialised_once_and_sent_as_a_fresh_one_would_be(monkeypatch):
    from plotly.basedatatypes import BaseFigure
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(_FIGURE_APP)
    at.run()
    frozen, unmarked = st_internals.chart_specs(at)
    assert frozen == unmarked, "the kept JSON is what Streamlit makes of an unmarked twin"
    to_dict = _count_calls(monkeypatch, BaseFigure, "to_dict")
    at.run()
    assert st_internals.chart_specs(at) == [frozen, unmarked]
    # Only the unmarked twin went through to_dict again: Streamlit still serialises through the two plotly
    # functions keep_wire_forms wraps. If an upgrade bypasses them, every rerun serialises again and this fails.
    assert len(to_dict) == 1, to_dict


def test_freeze_figures_marks_figures_in_a_view_but_not_their_copies():
    import copy
    import dataclasses

    import plotly.graph_objects as go

    @dataclasses.dataclass(frozen=True)
    class View:
        chart: go.Figure
        more: dict

    a, b = go.Figure(go.Bar(x=[1], y=[2])), go.Figure(go.Scatter(x=[1], y=[2]))
    st_internals.freeze_figures(View(a, {"b": (b,)}))
    assert all(st_internals._SPEC_ATTR in f.__dict__ for f in (a, b))
    for twin in (copy.deepcopy(a), go.Figure(a)):
        assert st_internals._SPEC_ATTR not in twin.__dict__


_STYLER_APP = """
import pandas as pd
import streamlit as st
import st_internals
from netvalue import formats

st_internals.keep_wire_forms()
df = pd.DataFrame({"name": ["a<b", "ø"], "value": [1234.5, None], "n": [3, 4]})
st.dataframe(formats.styler(df, "da", {"value": 1}), key="frozen")
st.dataframe(formats._new_styler(df, "da", {"value": 1}), key="fresh")
"""


def test_a_frozen_styler_is_rendered_once_and_sent_as_a_fresh_one_would_be(monkeypatch):
    from pandas.io.formats.style import Styler
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(_STYLER_APP)
    at.run()

    frozen, fresh = st_internals.table_wire_forms(at)
    assert frozen == fresh and b"1.234,5" in frozen[1], "the kept rendering is Streamlit's of an unshared Styler"
    translate = _count_calls(monkeypatch, Styler, "_translate")
    at.run()
    assert st_internals.table_wire_forms(at) == [frozen, fresh]
    # Only the unshared Styler was rendered again: st.dataframe still renders through arrow.marshall_styler.
    assert len(translate) == 1, translate


def test_html_bodies_reads_what_st_html_drew():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string("import streamlit as st\nst.html('<div role=\"region\">x &lt; y</div>')\n").run()
    assert st_internals.html_bodies(at) == ['<div role="region">x &lt; y</div>']
