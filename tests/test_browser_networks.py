"""Real browser: a network's page opened from a shared link on a one-month window reads its month, shows the
score its view computes, flags the thin evidence next to it, and keeps that score through English and back."""

from __future__ import annotations

from datetime import date

import pytest

from netvalue import keyfigures as kf
from netvalue import service
from netvalue.filters import Filters
from netvalue.i18n import t
from netvalue.store import Store
from netvalue.views import StoreSource
from netvalue.views.networks import network_view
from tests.browser_support import SCREENSHOTS, browser_page, need_chromium, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser


def _metrics(page) -> dict[str, str]:
    out = {}
    for m in page.locator("[data-testid='stMetric']").all():
        label = m.locator("[data-testid='stMetricLabel']").inner_text().strip()
        out[label] = m.locator("[data-testid='stMetricValue']").inner_text().strip()
    return out


def _switch_language(page, to: str) -> None:
    page.locator("[data-testid='stSidebar']").get_by_text({"da": "Dansk", "en": "English"}[to], exact=True).click()
    page.wait_for_timeout(500)
    wait_for_app(page)


def test_a_networks_page_on_one_month_through_a_language_round_trip(tmp_path):
    chromium = need_chromium()
    store = Store(":memory:")
    service.ensure_sample(store)
    month = date(2016, 3, 1)
    expected = network_view(StoreSource(store), Filters(month, month), "N05").figures["overall"]
    store.close()
    with streamlit_server(tmp_path / "netvalue.duckdb") as url, browser_page(chromium) as page:
        page.set_viewport_size({"width": 1400, "height": 2600})
        page.goto(f"{url}/networks?from=2016-03&to=2016-03&network=N05")
        wait_for_app(page)
        # A first visit to a page's own URL runs once more through app.py (ui._run_through_app): wait for that run.
        page.wait_for_selector("[data-testid=stMetricLabel]", timeout=60_000)
        wait_for_app(page)
        assert page.locator("[data-testid='stException']").count() == 0
        score = kf.format_number(expected, "da")
        assert _metrics(page)[t("networks.col.overall", "da")] == score
        main = page.inner_text("[data-testid='stMain']")
        assert t("evidence.thin", "da") in main and "Perioden marts 2016" in main
        ticks = page.eval_on_selector_all(".js-plotly-plot .xtick text", "els => els.map(e => e.textContent)")
        assert "marts 2016" in ticks and not any("23:59" in x or "00:00" in x for x in ticks), ticks
        _switch_language(page, "en")
        assert _metrics(page)[t("networks.col.overall", "en")] == kf.format_number(expected, "en")
        _switch_language(page, "da")
        assert page.locator("[data-testid='stException']").count() == 0
        assert _metrics(page)[t("networks.col.overall", "da")] == score
        assert "network=N05" in page.url
        page.screenshot(path=str(SCREENSHOTS / "networks_one_month_round_trip.png"), full_page=True)
