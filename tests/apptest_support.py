"""Running the real app.py under Streamlit's AppTest.

AppTest re-derives Streamlit's old "pages/ directory" mode on every run because a `pages/` folder sits
beside app.py; on a rerun it then executes the current page alone, skipping app.py (and so the sidebar
filters and st.navigation). A real `streamlit run` never does that once st.navigation is called. We tell
AppTest's page manager what the real server knows: this app uses st.navigation, not the pages/ directory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest, local_script_runner

APP = str(Path(__file__).resolve().parent.parent / "app.py")

_original_init = PagesManager.__init__


def _init_with_navigation(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
    _original_init(self, *args, **kwargs)
    PagesManager.uses_pages_directory = False


PagesManager.__init__ = _init_with_navigation  # type: ignore[method-assign]


def run_app(page: str | None = None, params: dict[str, str | list[str]] | None = None,
            secrets: dict | None = None, timeout: float = 60) -> AppTest:
    """Run app.py once (optionally with URL query parameters and secrets), then switch to a page."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    for k, v in (secrets or {}).items():
        at.secrets[k] = v
    at.run()
    if page is not None:
        at.switch_page(page)
        at.run()
    return at


def charts(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


@contextmanager
def only_fragment(at: AppTest, key: str) -> Iterator[AppTest]:
    """Inside the block at.run() reruns only the fragment named key (@st.fragment(key=...)), as the browser asks
    when a widget inside it changes; AppTest alone always reruns the whole app. Its script runner asks for each
    run with local_script_runner.RerunData, here given the fragment's ids. The element tree then holds only what
    the fragment drew (or the whole page, if the fragment asked for a full rerun)."""
    ids = at._fragment_storage.resolve_target(key)
    assert ids, f"no fragment {key!r} on the page"
    original = local_script_runner.RerunData
    local_script_runner.RerunData = partial(original, fragment_id_queue=list(ids))
    try:
        yield at
    finally:
        local_script_runner.RerunData = original
