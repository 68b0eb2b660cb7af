"""Real-browser tests: `streamlit run app.py` on loopback, Debian's chromium driven by playwright."""

from __future__ import annotations

import pytest

from tests.browser_support import SCREENSHOTS, browser_page, need_chromium, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser

PAGES = ["", "networks", "ripples", "depth_breadth", "upload", "method"]  # "" is the overview (default page)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    chromium = need_chromium()
    db = tmp_path_factory.mktemp("browser") / "netvalue.duckdb"
    with streamlit_server(db) as url:
        yield url, chromium


def test_overview_shows_title_and_a_plotly_chart(server):
    url, chromium = server
    with browser_page(chromium) as page:
        page.goto(url + "/")
        wait_for_app(page)
        page.wait_for_selector(".js-plotly-plot", timeout=60_000)
        assert "netværkenes værdi" in page.inner_text("h1").lower()
        assert page.locator(".js-plotly-plot").count() >= 1
        assert page.locator("[data-testid='stException']").count() == 0
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "overview-first.png"), full_page=True)


@pytest.mark.parametrize("name", PAGES)
def test_every_page_loads_without_exception(server, name):
    url, chromium = server
    with browser_page(chromium) as page:
        page.goto(f"{url}/{name}")
        wait_for_app(page)
        page.wait_for_selector("h1", timeout=60_000)
        assert page.locator("[data-testid='stException']").count() == 0, page.inner_text("body")[:2000]
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        assert "does not seem to exist" not in page.inner_text("body")
        page.screenshot(path=str(SCREENSHOTS / f"{name or 'overview'}.png"), full_page=True)


def test_a_shared_link_opens_its_page_on_a_fresh_server(tmp_path):
    """The first request a server sees is a shared link to a page, with filters: it must open that page."""
    chromium = need_chromium()
    with streamlit_server(tmp_path / "fresh.duckdb") as url, browser_page(chromium) as page:
        page.goto(f"{url}/method?lang=en&types=learning")
        wait_for_app(page)
        assert page.locator("[data-testid='stException']").count() == 0, page.inner_text("body")[:2000]
        assert "does not seem to exist" not in page.inner_text("body")
        assert "/method" in page.url
        assert "types=learning" in page.url
        assert "Language" in page.inner_text("[data-testid='stSidebar']")


def test_switching_pages_in_the_sidebar_keeps_the_filters(server):
    url, chromium = server
    with browser_page(chromium) as page:
        page.goto(f"{url}/?types=welfare,learning")
        wait_for_app(page)
        for link in ("Metode", "Netværk", "Ringe i vandet", "Overblik"):
            page.get_by_role("link", name=link).first.click()
            page.wait_for_timeout(500)
            wait_for_app(page)
            assert page.locator("[data-testid='stException']").count() == 0, f"after {link}"
            assert "types=welfare%2Clearning" in page.url or "types=welfare,learning" in page.url, page.url
