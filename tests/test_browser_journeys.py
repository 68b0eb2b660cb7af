"""Journeys a person clicks through in the real browser (Debian chromium against `streamlit run`), each checked
against the figures the view layer computes for the same filters on a copy of the same data: the language
round trip on every page, a one-month window, no types, a small unit, a shared link, one figure on two pages."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest

from netvalue import keyfigures as kf
from netvalue.filters import Filters
from netvalue.i18n import t
from netvalue.views.overview import overview_view
from tests.browser_support import SCREENSHOTS, browser_page, need_chromium, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser

PAGES = ("overview", "networks", "ripples", "depth_breadth", "method")


@pytest.fixture(scope="module")
def reference(sample_source):
    """The same sample in a store of the test's own (the server holds its file)."""
    return sample_source


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    chromium = need_chromium()
    db = tmp_path_factory.mktemp("journeys") / "netvalue.duckdb"
    with streamlit_server(db) as url:
        with browser_page(chromium) as page:
            page.goto(url + "/")
            wait_for_app(page)
        yield url, chromium


def metrics(page) -> dict[str, str]:
    """Every st.metric on the page: label -> value, as the person reads them."""
    out = {}
    for m in page.locator("[data-testid='stMetric']").all():
        label = m.locator("[data-testid='stMetricLabel']").inner_text().strip()
        out[label] = m.locator("[data-testid='stMetricValue']").inner_text().strip()
    return out


def open_page(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)
    assert page.locator("[data-testid='stException']").count() == 0, page.inner_text("body")[:2000]


def switch_language(page, to: str) -> None:
    page.locator("[data-testid='stSidebar']").get_by_text({"da": "Dansk", "en": "English"}[to], exact=True).click()
    page.wait_for_timeout(500)
    wait_for_app(page)


def tick_texts(page) -> list[str]:
    """The x-axis tick labels of every plotly chart (SVG text, so textContent)."""
    return page.eval_on_selector_all(".js-plotly-plot .xtick text", "els => els.map(e => e.textContent)")


def main_text(page) -> str:
    return page.inner_text("[data-testid='stMain']")


@pytest.mark.parametrize("name", PAGES)
def test_language_round_trip_keeps_every_figure(server, name):
    url, chromium = server
    with browser_page(chromium) as page:
        page.set_viewport_size({"width": 1400, "height": 2400})
        open_page(page, f"{url}/{'' if name == 'overview' else name}")
        before = list(metrics(page).values())
        switch_language(page, "en")
        assert "Ingen netværk" not in main_text(page)
        in_english = list(metrics(page).values())
        switch_language(page, "da")
        text = main_text(page)
        assert t("empty.no_match", "da") not in text and t("app.error", "da") not in text
        after = list(metrics(page).values())
        query = parse_qs(urlsplit(page.url).query)
        assert "types" not in query, f"the URL holds ids only, and all types is the default: {query}"
        assert after == before
        assert len(in_english) == len(before)
        page.screenshot(path=str(SCREENSHOTS / f"journey_round_trip_{name}.png"), full_page=True)


def test_one_month_window_reads_right_on_the_overview(server, reference):
    url, chromium = server
    with browser_page(chromium) as page:
        page.set_viewport_size({"width": 1400, "height": 2400})
        open_page(page, f"{url}/?from=2016-03&to=2016-03")
        page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length >= 3", timeout=60_000)
        shown = metrics(page)
        view = overview_view(reference, Filters(date(2016, 3, 1), date(2016, 3, 1)))
        assert shown[t("overview.active", "da")] == str(int(view.figure("networks").value))
        assert shown[t("overview.units", "da")] == str(int(view.figure("units").value))
        text = main_text(page)
        assert "marts 2016" in text and "februar 2016" in text, "both windows are named"
        axes = " ".join(tick_texts(page))
        assert axes and "23:59" not in axes and "00:00" not in axes
        page.screenshot(path=str(SCREENSHOTS / "journey_one_month_overview.png"), full_page=True)


def test_one_month_window_on_every_page_has_no_error(server):
    url, chromium = server
    with browser_page(chromium) as page:
        page.set_viewport_size({"width": 1400, "height": 2400})
        for name in PAGES[1:]:
            open_page(page, f"{url}/{name}?from=2016-03&to=2016-03")
            text = main_text(page)
            assert t("app.error", "da") not in text
            axes = " ".join(tick_texts(page))
            assert "23:59" not in axes and "00:00" not in axes, name
            page.screenshot(path=str(SCREENSHOTS / f"journey_one_month_{name}.png"), full_page=True)


def test_no_types_shows_no_networks_and_says_so(server):
    url, chromium = server
    with browser_page(chromium) as page:
        open_page(page, f"{url}/?types=none")
        assert metrics(page) == {}
        assert t("empty.no_types", "da") in main_text(page)
        picker = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").inner_html()
        assert t("filters.types_placeholder", "da") in picker and "Choose options" not in picker


def test_a_small_unit_counts_the_same_units_on_overview_and_ripples(server, reference):
    url, chromium = server
    f = Filters(date(2019, 1, 1), date(2019, 12, 1), unit_id="U-DEMENS")
    expected = overview_view(reference, f).figure("units").value
    with browser_page(chromium) as page:
        page.set_viewport_size({"width": 1400, "height": 2400})
        open_page(page, f"{url}/?from=2019-01&to=2019-12&unit=U-DEMENS")
        assert metrics(page)[t("overview.units", "da")] == str(int(expected))
        open_page(page, f"{url}/ripples?from=2019-01&to=2019-12&unit=U-DEMENS")
        reached = metrics(page)[t("ripples.metric.reached", "da")]
        assert reached.split("/")[0].strip() == str(int(expected))


def test_a_shared_link_opens_with_its_filters_and_figures(server, reference):
    url, chromium = server
    f = Filters(date(2014, 1, 1), date(2015, 12, 1), types=("welfare",), lang="en")
    view = overview_view(reference, f)
    with browser_page(chromium) as page:
        page.set_viewport_size({"width": 1400, "height": 2400})
        open_page(page, f"{url}/?lang=en&from=2014-01&to=2015-12&types=welfare")
        shown = metrics(page)
        assert shown[t("overview.active", "en")] == str(int(view.figure("networks").value))
        assert shown[t("overview.net_dkk", "en")] == kf.format_kr(view.figure("net_dkk").value, "en")
        sidebar = page.inner_text("[data-testid='stSidebar']")
        assert "Welfare network" in sidebar and "January 2014" in sidebar


def test_active_networks_agree_between_overview_and_ripples(server):
    url, chromium = server
    with browser_page(chromium) as page:
        page.set_viewport_size({"width": 1400, "height": 2400})
        open_page(page, f"{url}/?from=2016-01&to=2016-12&types=welfare,learning")
        overview = metrics(page)[t("overview.active", "da")]
        open_page(page, f"{url}/ripples?from=2016-01&to=2016-12&types=welfare,learning")
        assert metrics(page)[t("ripples.metric.networks", "da")] == overview
