"""Running the real app.py under Streamlit's AppTest.

AppTest re-derives Streamlit's old "pages/ directory" mode on every run because a `pages/` folder sits
beside app.py; on a rerun it then executes the current page alone, skipping app.py (and so the sidebar
filters and st.navigation). A real `streamlit run` never does that once st.navigation is called. We tell
AppTest's page manager what the real server knows: this app uses st.navigation, not the pages/ directory.
"""

from __future__ import annotations

from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

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
