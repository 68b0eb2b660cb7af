"""Real browser: the connections page on a copy of the sample shows the library's figures, switches to English
and back, and follows the period slider narrowed to one month (the last month of the window it opens on)."""

from __future__ import annotations

import shutil

import pytest

from netvalue.filters import Filters
from netvalue.store import Store
from netvalue.views import StoreSource
from netvalue.views.connections import connections_view
from netvalue.windows import last_months
from tests.browser_support import SCREENSHOTS, browser_page, need_chromium, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser


def metric(page, label: str) -> str:  # type: ignore[no-untyped-def]
    box = page.locator("[data-testid='stMetric']").filter(has=page.get_by_text(label, exact=True)).first
    return box.locator("[data-testid='stMetricValue']").inner_text().strip()


def wait_charts(page, n: int = 3) -> None:  # type: ignore[no-untyped-def]
    wait_for_app(page)
    page.wait_for_function(f"() => document.querySelectorAll('.js-plotly-plot').length >= {n}", timeout=60_000)
    assert page.locator("[data-testid='stException']").count() == 0, page.inner_text("body")[:2000]


def test_the_connections_page_in_a_browser(sample_file, tmp_path):
    chromium = need_chromium()
    db = tmp_path / "netvalue.duckdb"
    shutil.copyfile(sample_file, db)
    with Store(db) as s:  # the library's figures, before the server holds the file
        src = StoreSource(s)
        opening = last_months(s.period_range())  # the window the sidebar opens on
        shown = connections_view(src, Filters(start=opening.start, end=opening.end))
        one_month = connections_view(src, Filters(start=opening.end, end=opening.end))
    assert shown.counts["connections"] > one_month.counts["connections"] > 0
    with streamlit_server(db) as url, browser_page(chromium) as page:
        page.set_viewport_size({"width": 1400, "height": 3000})
        page.goto(url + "/connections")
        wait_charts(page)
        assert page.locator("h1").first.inner_text().strip() == "Vi skaber forbindelser"
        assert metric(page, "Forbindelser") == shown.metric_values["Forbindelser"]
        assert metric(page, "På tværs af direktørområder") == shown.metric_values["På tværs af direktørområder"]
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "connections.png"), full_page=True)

        page.locator("[data-testid='stSidebar']").get_by_text("English", exact=True).click()
        page.wait_for_selector("h1:has-text('We create connections')", timeout=60_000)
        wait_charts(page)
        assert metric(page, "Connections") == shown.metric_values["Forbindelser"]
        assert "How the figures are computed" in page.inner_text("[data-testid='stMain']")
        page.locator("[data-testid='stSidebar']").get_by_text("Dansk", exact=True).click()
        page.wait_for_selector("h1:has-text('Vi skaber forbindelser')", timeout=60_000)
        wait_charts(page)

        # narrow the period to one month: the lower thumb to the end, where the upper thumb already is
        page.locator("[data-testid='stSidebar'] [data-testid='stSlider'] input[type='range']").first.focus()
        page.keyboard.press("End")
        page.wait_for_function("m => new URL(location.href).searchParams.get('from') === m",
                               arg=f"{opening.end:%Y-%m}", timeout=60_000)
        wait_charts(page)
        page.wait_for_function(
            "v => [...document.querySelectorAll('[data-testid=\"stMetricValue\"]')]"
            ".some(e => e.innerText.trim() === v)", arg=one_month.metric_values["Forbindelser"], timeout=60_000)
        assert metric(page, "Forbindelser") == one_month.metric_values["Forbindelser"]
        assert f"Perioden: {opening.label('da').split(' – ')[-1]}." in page.inner_text("[data-testid='stMain']")
        page.screenshot(path=str(SCREENSHOTS / "connections_one_month.png"), full_page=True)
