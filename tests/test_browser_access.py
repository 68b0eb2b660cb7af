"""Real browser against a real `streamlit run app.py` whose secrets file is broken (a missing quote): the upload
page says uploads are closed and what to fix, shows no file picker and no passphrase field, and the server log
says so once. Secrets are pointed to with STREAMLIT_SECRETS_FILES, the environment form of `--secrets.files`."""

from __future__ import annotations

import pytest

from tests.browser_support import SCREENSHOTS, browser_page, need_chromium, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser
SECRET = "Fælles nøgle 2025"


@pytest.fixture(scope="module")
def broken_server(tmp_path_factory, request):
    chromium = need_chromium()
    where = tmp_path_factory.mktemp("browser_access")
    secrets = where / "secrets.toml"
    secrets.write_text(f'[netvalue]\nupload_passphrase = "{SECRET}\n', encoding="utf-8")  # the closing quote is missing
    db = where / "netvalue.duckdb"
    env = {"STREAMLIT_SECRETS_FILES": str(secrets), "NETVALUE_OPEN_UPLOADS": "", "NETVALUE_UPLOAD_PASSPHRASE": "ok"}
    with streamlit_server(db, env) as url:
        yield url, chromium, db.with_suffix(".log")


def test_a_broken_secrets_file_shows_the_closed_message_and_no_file_picker(broken_server):
    url, chromium, log = broken_server
    for _ in range(2):  # two visits: the log line comes once
        with browser_page(chromium) as page:
            page.goto(url + "/upload")
            wait_for_app(page)
            page.wait_for_selector("text=Upload og fortryd er lukket for alle", timeout=60_000)
            body = page.inner_text("body")
            assert "linje 2, kolonne" in body, "says where the file is broken"
            assert SECRET not in body
            assert page.locator("[data-testid='stFileUploader']").count() == 0, "no file picker"
            assert page.locator("input[type='password']").count() == 0, "no passphrase field"
            assert page.locator("[data-testid='stException']").count() == 0
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "upload-closed.png"), full_page=True)
    text = log.read_text(errors="replace")
    assert text.count("uploads and undo are CLOSED") == 1, text[-2000:]
    assert SECRET not in text
