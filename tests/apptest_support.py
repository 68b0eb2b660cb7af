"""Running the real app.py under Streamlit's AppTest.

AppTest re-derives Streamlit's old "pages/ directory" mode on every run because a `pages/` folder sits
beside app.py; on a rerun it then executes the current page alone, skipping app.py (and so the sidebar
filters and st.navigation). A real `streamlit run` never does that once st.navigation is called. We tell
AppTest's page manager what the real server knows: this app uses st.navigation, not the pages/ directory.
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

import st_internals
from st_internals import only_fragment  # noqa: F401 - the page tests import it from here
from tools.harness import run_app  # noqa: F401 - the page tests import it from here

APP = str(Path(__file__).resolve().parent.parent / "app.py")

st_internals.patch_apptest_navigation()


def charts(at: AppTest) -> list[dict]:
    return st_internals.chart_dicts(at)


