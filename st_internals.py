"""Every use of Streamlit's internals, in one small module (UI side: the library never imports it).

Streamlit offers no public API for these; tests/test_st_internals.py checks each one against the pinned
Streamlit, so an upgrade that moves them fails that test instead of failing a page.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
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


def chart_dicts(at: Any) -> list[dict]:
    return [json.loads(s) for s in chart_specs(at)]
