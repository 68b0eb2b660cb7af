"""Every use of Streamlit's internals, in one small module (UI side: the library never imports it).

Streamlit offers no public API for these; tests/test_st_internals.py checks each one against the pinned
Streamlit, so an upgrade that moves them fails that test instead of failing a page.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any

STREAMLIT_VERSION = "1.67.0"  # the version these internals were checked against (requirements.txt pins it)


def use_navigation_mode() -> None:
    """Tell the page manager this app uses st.navigation, not the pages/ directory.

    A direct link to a page on a freshly started server makes Streamlit run that page file alone, in its old
    "pages/ folder" mode, until some run has called st.navigation (streamlit/streamlit#9624); AppTest
    re-derives that mode on every run because a pages/ folder sits beside app.py.
    """
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False


def patch_apptest_navigation() -> None:
    """Make every PagesManager that AppTest creates use navigation mode (see use_navigation_mode)."""
    from streamlit.runtime.pages_manager import PagesManager

    if getattr(PagesManager.__init__, "_netvalue_patched", False):
        return
    original = PagesManager.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    init._netvalue_patched = True  # type: ignore[attr-defined]
    PagesManager.__init__ = init  # type: ignore[method-assign]


@contextmanager
def only_fragment(at: Any, key: str) -> Iterator[Any]:
    """Inside the block at.run() reruns only the fragment named key, as the browser asks when a widget inside
    it changes (AppTest alone always reruns the whole app): its script runner is handed the fragment's ids."""
    from streamlit.testing.v1 import local_script_runner

    ids = at._fragment_storage.resolve_target(key)
    assert ids, f"no fragment {key!r} on the page"
    original = local_script_runner.RerunData
    local_script_runner.RerunData = partial(original, fragment_id_queue=list(ids))
    try:
        yield at
    finally:
        local_script_runner.RerunData = original


def chart_specs(at: Any) -> list[str]:
    """The figure JSON of each plotly chart in an AppTest element tree, as sent to the browser."""
    return [c.proto.spec for c in at.get("plotly_chart")]


def table_wire_forms(at: Any) -> list[tuple[bytes, bytes, str]]:
    """Each st.dataframe in an AppTest element tree as sent to the browser: its Arrow data, the Styler's display
    values (Arrow) and the Styler's CSS."""
    return [(d.proto.arrow_data.data, d.proto.arrow_data.styler.display_values, d.proto.arrow_data.styler.styles)
            for d in at.dataframe]


def element_root(at: Any) -> Any:
    """The root of an AppTest's element tree, to walk every element the page drew."""
    return at._tree


def html_bodies(at: Any) -> list[str]:
    """The HTML of every st.html element an AppTest's page drew (AppTest has no public reader for them)."""
    out: list[str] = []

    def walk(node: Any) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and type(proto).__name__ == "Html":
            out.append(proto.body)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return out


def chart_dicts(at: Any) -> list[dict]:
    return [json.loads(s) for s in chart_specs(at)]


def rerun_message(page: str, query: str = "") -> bytes:
    """The websocket message a browser sends to run a page (Streamlit's BackMsg.rerun_script)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_name = page
    return msg.SerializeToString()


def is_script_finished(raw: bytes) -> bool:
    """Whether a websocket message from the server ends a script run (ForwardMsg.script_finished)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    fwd = ForwardMsg()
    fwd.ParseFromString(raw)
    return fwd.WhichOneof("type") == "script_finished"


def set_secrets_files(paths: list[str]) -> list[str]:
    """Point Streamlit at these secrets files, as `streamlit run --secrets.files PATH` does; the earlier list."""
    from streamlit import config

    before = list(config.get_option("secrets.files"))
    config.set_option("secrets.files", list(paths), "command-line")
    forget_secrets()
    return before


def forget_secrets() -> None:
    """Make st.secrets read its files again on next use, as a freshly started server does."""
    from streamlit.runtime.secrets import secrets_singleton

    secrets_singleton._reset()


def send_widget_string(at: Any, element: Any, value: str) -> Any:
    """Run the app as if the browser had sent value as element's string widget state (what a crafted client can
    send for a table selection, which AppTest offers no method for)."""
    from streamlit.proto.WidgetStates_pb2 import WidgetStates

    states = WidgetStates()
    state = states.widgets.add()
    state.id = element.proto.id
    state.string_value = value
    return at._run(states)


# -- the browser's file upload (tools/hostilebench.py) ----------------------------------------------------------
# How Streamlit's frontend uploads: it asks for upload URLs over the websocket (BackMsg.file_urls_request, answered
# by ForwardMsg.file_urls_response), PUTs each file as multipart form data to its URL with the XSRF cookie echoed in
# a header, then reruns the page with the file_uploader widget's state listing the uploaded files.
XSRF_COOKIE = "_streamlit_xsrf"  # the cookie Streamlit sets on any page or /_stcore/health response
XSRF_HEADER = "X-Xsrftoken"  # where the frontend echoes the cookie's value on a PUT or DELETE


@dataclass(frozen=True)
class UploadTarget:
    """Where one file goes: the server's id for it and its PUT and DELETE paths (relative to the base URL)."""

    file_id: str
    upload_url: str
    delete_url: str


def _forward(raw: bytes) -> Any:
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    fwd = ForwardMsg()
    fwd.ParseFromString(raw)
    return fwd


def session_id_of(raw: bytes) -> str | None:
    """The session id a new_session ForwardMsg carries (the frontend sends it back in file_urls_request)."""
    fwd = _forward(raw)
    if fwd.WhichOneof("type") != "new_session":
        return None
    return fwd.new_session.initialize.session_id or None


def file_urls_request(request_id: str, names: Sequence[str], session_id: str = "") -> bytes:
    """The BackMsg that asks the server for one upload URL per file name."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    msg = BackMsg()
    msg.file_urls_request.request_id = request_id
    msg.file_urls_request.file_names.extend(names)
    msg.file_urls_request.session_id = session_id
    return msg.SerializeToString()


def file_urls_response(raw: bytes) -> tuple[str, list[UploadTarget], str] | None:
    """(request id, targets, error message) when raw answers a file_urls_request, else None."""
    fwd = _forward(raw)
    if fwd.WhichOneof("type") != "file_urls_response":
        return None
    r = fwd.file_urls_response
    return r.response_id, [UploadTarget(u.file_id, u.upload_url, u.delete_url) for u in r.file_urls], r.error_msg


def new_elements(raw: bytes) -> list[tuple[str, Any]]:
    """(type, element proto) of each element a ForwardMsg delta draws (an empty list for other messages)."""
    fwd = _forward(raw)
    if fwd.WhichOneof("type") != "delta" or fwd.delta.WhichOneof("type") != "new_element":
        return []
    el = fwd.delta.new_element
    kind = el.WhichOneof("type")
    return [(kind, getattr(el, kind))] if kind else []


def file_uploader_ids(raw: bytes) -> list[str]:
    """The widget ids of the file uploaders a ForwardMsg draws (derived by Streamlit from the key and args)."""
    return [el.id for kind, el in new_elements(raw) if kind == "file_uploader"]


def alert_texts(raw: bytes) -> list[tuple[str, str]]:
    """(kind, body) of each st.error/warning/info/success a ForwardMsg draws; an exception counts as an error."""
    from streamlit.proto.Alert_pb2 import Alert

    out = []
    for kind, el in new_elements(raw):
        if kind == "alert":
            out.append((Alert.Format.Name(el.format).lower(), el.body))
        elif kind == "exception":
            out.append(("exception", f"{el.type}: {el.message}"))
    return out


def upload_rerun_message(page: str, widget_id: str, files: Sequence[tuple[UploadTarget, str, int]]) -> bytes:
    """The rerun a browser sends once every file is uploaded: the file_uploader's state lists each file's id, name,
    size and URLs (an empty list is what it sends after the user removed the files)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    msg = BackMsg()
    msg.rerun_script.page_name = page
    state = msg.rerun_script.widget_states.widgets.add()
    state.id = widget_id
    value = state.file_uploader_state_value
    value.SetInParent()  # an uploader with no files still sends its (empty) state
    for target, name, size in files:
        info = value.uploaded_file_info.add()
        info.file_id, info.name, info.size = target.file_id, name, size
        info.file_urls.file_id = target.file_id
        info.file_urls.upload_url = target.upload_url
        info.file_urls.delete_url = target.delete_url
    return msg.SerializeToString()


# -- what a warm rerun need not do again ------------------------------------------------------------------------
# A cached view hands the same figure objects to st.plotly_chart on every rerun, and formats.styler the same
# Styler for the same table; Streamlit turns each into its wire form anew every time (a deep copy and JSON for a
# figure; a render of every cell for a Styler): most of a warm page view's CPU at 2,000 networks. Only what is
# marked as never changing is kept: a figure through freeze_figures, a Styler with formats.FROZEN_ATTR set.
_SPEC_ATTR = "_netvalue_spec"  # on a frozen figure: its dict and JSON as st.plotly_chart makes them (None: not yet)
_STYLER_PROTO_ATTR = "_netvalue_styler_proto"  # on a frozen Styler: the ArrowData.styler message Streamlit made
_styler_lock = threading.Lock()  # Streamlit's rendering changes the Styler's own state: one thread at a time


class _FrozenSpec(dict):
    """A frozen figure's dict as plotly.tools.return_figure_from_figure_or_data returns it, with its JSON."""

    __slots__ = ("json",)


def freeze_figures(obj: object, depth: int = 3) -> None:
    """Mark every plotly figure in obj (a view: a dataclass, or a figure, dict, list or tuple of them) as never
    changing again, so that st.plotly_chart serialises it once (see keep_wire_forms). A copy of a marked figure
    (copy.deepcopy, pickle, go.Figure(fig)) is not marked."""
    from plotly.basedatatypes import BaseFigure

    if isinstance(obj, BaseFigure):
        obj.__dict__.setdefault(_SPEC_ATTR, None)
    elif depth <= 0:
        return
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            freeze_figures(getattr(obj, f.name), depth - 1)
    elif isinstance(obj, dict):
        for v in obj.values():
            freeze_figures(v, depth - 1)
    elif isinstance(obj, list | tuple):
        for v in obj:
            freeze_figures(v, depth - 1)


def keep_wire_forms() -> None:
    """Have st.plotly_chart serialise a frozen figure once and st.dataframe render a frozen Styler once, and
    reuse the result on later runs (the same bytes go to the browser). Idempotent; process-wide."""
    import plotly.io
    import plotly.tools
    from streamlit.elements import arrow

    from netvalue.formats import FROZEN_ATTR

    if getattr(plotly.io.to_json, "_netvalue_patched", False):
        return
    to_dict, to_json = plotly.tools.return_figure_from_figure_or_data, plotly.io.to_json
    marshall = arrow.marshall_styler

    def figure_dict(figure_or_data: Any, validate_figure: bool) -> Any:
        held = getattr(figure_or_data, "__dict__", {})
        if _SPEC_ATTR not in held:
            return to_dict(figure_or_data, validate_figure)
        spec = held[_SPEC_ATTR]
        if spec is None:
            spec = _FrozenSpec(to_dict(figure_or_data, validate_figure))
            spec.json = to_json(spec, validate=False)
            held[_SPEC_ATTR] = spec
        return spec

    def figure_json(fig: Any, *args: Any, **kwargs: Any) -> str:
        if type(fig) is _FrozenSpec and not args and kwargs == {"validate": False}:
            return fig.json
        return to_json(fig, *args, **kwargs)

    def styler(proto: Any, data: Any, default_uuid: str) -> None:
        if not getattr(data, FROZEN_ATTR, False):
            marshall(proto, data, default_uuid)
            return
        with _styler_lock:
            kept = getattr(data, _STYLER_PROTO_ATTR, None)
            if kept is None:
                marshall(proto, data, default_uuid)
                kept = type(proto.styler)()
                kept.CopyFrom(proto.styler)
                setattr(data, _STYLER_PROTO_ATTR, kept)
                return
        proto.styler.CopyFrom(kept)

    for fn in (figure_dict, figure_json, styler):
        fn._netvalue_patched = True  # type: ignore[attr-defined]
    plotly.tools.return_figure_from_figure_or_data = figure_dict
    plotly.io.to_json = figure_json
    arrow.marshall_styler = styler
