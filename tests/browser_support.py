"""Real-browser test support: the harness in tools/harness.py, and the pytest rule for a missing chromium."""

from __future__ import annotations

import os

import pytest

from tools.harness import (  # noqa: F401 - re-exported for the browser tests
    CHROMIUM_ARGS,
    ROOT,
    SCREENSHOTS,
    browser_page,
    chromium_path,
    free_port,
    streamlit_server,
    wait_for_app,
)


def need_chromium() -> str:
    """The chromium binary; skip on a laptop without one, fail where CI demands the browser tests."""
    path = chromium_path()
    if path is None:
        if os.environ.get("NETVALUE_REQUIRE_BROWSER") == "1":
            pytest.fail("chromium is required here (NETVALUE_REQUIRE_BROWSER=1) but not installed")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    return path
