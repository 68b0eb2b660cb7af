"""Real browser: the overview, a network's page (opened from a shared link) and the method page load without an
exception, draw their charts, and leave screenshots in artifacts/screenshots for a human to look at."""

from __future__ import annotations

import pytest

from tests.browser_support import SCREENSHOTS, browser_page, need_chromium, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    chromium = need_chromium()
    db = tmp_path_factory.mktemp("browser_dashboard") / "netvalue.duckdb"
    with streamlit_server(db) as url:
        with browser_page(chromium) as page:  # the first session creates the store from the sample
            page.goto(url + "/")
            wait_for_app(page)
        yield url, chromium


def shoot(server, path: str, name: str, height: int, charts: int) -> str:
    url, chromium = server
    with browser_page(chromium) as page:
        page.set_viewport_size({"width": 1400, "height": height})  # Streamlit scrolls inside the page: be tall
        page.goto(url + path)
        wait_for_app(page)
        page.wait_for_selector("h1", timeout=60_000)
        page.wait_for_function(f"() => document.querySelectorAll('.js-plotly-plot').length >= {charts}",
                               timeout=60_000)
        page.wait_for_timeout(1000)
        assert page.locator("[data-testid='stException']").count() == 0, page.inner_text("body")[:2000]
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        return page.inner_text("[data-testid='stMain']")


def test_overview(server):
    text = shoot(server, "/", "dashboard_overview", 2400, 3)
    assert "Aktive netværk" in text and "Nettoværdi i kroner" in text
    assert "Seneste fortællinger" in text


def test_overview_in_english(server):
    text = shoot(server, "/?lang=en", "dashboard_overview_en", 2400, 3)
    assert "Active networks" in text and "Latest stories" in text


@pytest.mark.parametrize("query", ["", "?lang=en", "?from=2013-09&to=2019-12"])
def test_no_key_figure_is_cut_on_a_laptop_screen(server, query):
    # "Nettoværdi i kroner 5,3 mi…" and "Medarbejder (trivsel og fag…" were cut at 1400 px with five to a row.
    url, chromium = server
    with browser_page(chromium) as page:
        page.set_viewport_size({"width": 1400, "height": 1200})
        page.goto(url + "/" + query)
        wait_for_app(page)
        page.wait_for_selector("[data-testid=stMetricValue]", timeout=60_000)
        page.wait_for_timeout(500)
        cut = page.evaluate("""() => [...document.querySelectorAll(
                '[data-testid=stMetricValue], [data-testid=stMetricLabel]')]
            .flatMap(e => [e, ...e.querySelectorAll('*')])
            .filter(e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
            .map(e => e.textContent)""")
        values = page.locator("[data-testid=stMetricValue]").all_inner_texts()
    assert len(values) == 9
    assert any("kr." in v or "DKK" in v for v in values)
    assert cut == [], f"cut: {cut}"


def test_a_shared_network_link(server):
    text = shoot(server, "/networks?network=N07", "dashboard_network_N07", 4400, 4)
    assert "Hverdagsrehabilitering i hjemmeplejen" in text
    assert "Hvad bygger scoren på?" in text and "Selvrapporteret" in text


def test_the_networks_table(server):
    url, chromium = server
    with browser_page(chromium) as page:
        page.set_viewport_size({"width": 1400, "height": 1600})
        page.goto(url + "/networks")
        wait_for_app(page)
        page.wait_for_selector("[data-testid='stDataFrame']", timeout=60_000)
        assert page.locator("[data-testid='stException']").count() == 0
        # By key: the button's label stands twice in the DOM (once inside its help tooltip's hover target).
        xlsx = page.locator(".st-key-networks_xlsx [data-testid=stDownloadButton]")
        assert xlsx.count() == 1 and xlsx.inner_text().strip().endswith("Hent som Excel")
        assert page.locator("[data-testid=stDownloadButton]").count() == 2, "the table's CSV and Excel"
        page.screenshot(path=str(SCREENSHOTS / "dashboard_networks.png"), full_page=True)


def test_method(server):
    text = shoot(server, "/method", "dashboard_method", 4600, 4)
    assert "Sådan beregnes tallene" in text and "Indikatorkataloget" in text
    assert "Top 10 ved små ændringer" in text
