"""Test and benchmark harness shared by tests/ and tools/: a real `streamlit run app.py` on a free loopback port,
Debian's chromium driven by playwright, and app.py under Streamlit's AppTest. tools/ never imports tests/."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# One list of chromium flags for the report's printer, the tests and the tools.
from netvalue.report.pdf import CHROMIUM_ARGS, chromium_path  # noqa: F401 - chromium_path re-exported

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(db: Path, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """A real Streamlit server on loopback, stopped afterwards; yields its base URL."""
    port = free_port()
    env = {**os.environ, "NETVALUE_DB": str(db), **(extra_env or {})}
    log = open(db.with_suffix(".log"), "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("streamlit did not start:\n" + db.with_suffix(".log").read_text(errors="replace"))
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@contextmanager
def browser_page(executable: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            yield page
        finally:
            browser.close()


def wait_for_app(page, timeout: float = 90_000) -> None:
    """Wait until Streamlit has run the script to the end and the page has drawn (no skeletons left)."""
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0", timeout=timeout
    )
    page.wait_for_timeout(800)  # let plotly finish drawing before a screenshot


def run_app(page: str | None = None, params: dict[str, str | list[str]] | None = None,
            secrets: dict | None = None, timeout: float = 60) -> Any:
    """Run app.py under AppTest once (optionally with URL query parameters and secrets), then switch to a page."""
    from streamlit.testing.v1 import AppTest

    import st_internals

    st_internals.patch_apptest_navigation()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    for k, v in (secrets or {}).items():
        at.secrets[k] = v
    at.run()
    if page is not None:
        at.switch_page(page)
        at.run()
    return at
