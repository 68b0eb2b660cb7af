"""tools/hostilebench.py's upload protocol, end to end once: a real `streamlit run app.py` with open uploads, the
browser's file_urls_request, multipart PUT with the XSRF cookie and the rerun with the uploader's state, and the
page's refusal read back from the ForwardMsg deltas. No timing assertions: the benchmark prints figures."""

from __future__ import annotations

import socket

import pytest

from netvalue.i18n import t
from tools import hostilebench


def _can_listen() -> bool:
    try:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            s.listen()
        return True
    except OSError:
        return False


def test_a_bad_file_uploaded_as_the_browser_does_is_refused_on_the_page(tmp_path):
    if not _can_listen():
        pytest.skip("no loopback sockets here: a Streamlit server cannot start")
    lines = []
    [row] = hostilebench.measure(tmp_path / "sample.duckdb", ["small_bad"], sessions=1, rounds=1, window=1.0,
                                 log=lines.append)
    v = row.verdict
    assert v.statuses == [204], "the PUT was not accepted (XSRF cookie and header, or the session id)"
    assert ("error", t("upload.refused", "da", n=1)) in v.alerts, v.alerts
    assert v.outcome() == "refused"
    assert not any(kind == "exception" for kind, _ in v.alerts)
    assert lines == [hostilebench.line(row)]
    assert row.during and row.idle and row.after  # the other session viewed pages before, during and after
    assert row.uploads >= 2, "a short upload is repeated until the window is full"
    assert row.views_during >= 2
