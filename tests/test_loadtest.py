"""A small run of tools/loadtest.py against a real `streamlit run` on loopback: 3 chromium sessions for 15 s open
the pages without an error, each finishes at least one page, and the tool stops by itself."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser_support import need_chromium

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SESSIONS, SECONDS, RAMP, PAGE_TIMEOUT = 3, 15, 3, 90
HARD = SECONDS + RAMP + PAGE_TIMEOUT + 30 + 90  # the tool's own deadline, plus starting the server and chromium


def test_a_small_load_runs_without_errors_and_stops_by_itself(tmp_path):
    chromium = need_chromium()
    out = tmp_path / "load.json"
    r = subprocess.run([sys.executable, str(ROOT / "tools" / "loadtest.py"), "--sessions", str(SESSIONS),
                        "--seconds", str(SECONDS), "--ramp", str(RAMP), "--page-timeout", str(PAGE_TIMEOUT),
                        "--chromium", chromium, "--json", str(out)],
                       cwd=ROOT, capture_output=True, text=True, timeout=HARD)
    assert out.exists(), r.stdout + r.stderr
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["errors"] == 0, result["error_samples"]
    assert result["sessions_with_a_page"] == SESSIONS, result["pages_per_session"]
    assert len(result["pages"]) >= 3, "the sessions start at different pages"
    assert not result["cut_off"]
    assert result["wall_s"] < SECONDS + RAMP + PAGE_TIMEOUT
    assert r.returncode == 0, r.stdout + r.stderr
    assert "median s" in r.stdout and "p95 s" in r.stdout, "it prints the figures"


@pytest.mark.parametrize("url", ["http://example.com:8501", "http://10.0.0.1:8501"])
def test_the_load_test_refuses_a_server_that_is_not_on_this_machine(url):
    r = subprocess.run([sys.executable, str(ROOT / "tools" / "loadtest.py"), "--url", url, "--seconds", "1"],
                       cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert "loopback" in r.stderr or "this machine" in r.stderr
