"""Every page's tables have their CSV and Excel buttons, and every chart its text alternative (found by key),
under AppTest on the sample; and the frames the downloads hold (netvalue.views.*), checked on the sample."""

from __future__ import annotations

from datetime import date

import pytest

from netvalue import filters as flt
from netvalue import scoring, service
from netvalue.schema import NETWORK_TYPES
from netvalue.store import Store
from netvalue.views import StoreSource
from netvalue.views import method as mv
from netvalue.views import networks as nv
from netvalue.views.overview import key_figures_frame, overview_view
from tests.apptest_support import run_app

WHOLE = {"from": "2013-09", "to": "2019-12"}
PAGES = {
    "pages/overview.py": (["overview_figures"], ["overview_ternary", "overview_trend", "overview_strong_weak"]),
    "pages/networks.py": (["networks"], []),
    "pages/connections.py": (["connections_bridges", "connections_communities"],
                             ["connections_graph", "connections_matrix", "connections_path"]),
    "pages/depth_breadth.py": (["depth"], ["depth_distribution", "depth_lorenz", "depth_path", "depth_compare",
                                           "depth_value"]),
    "pages/method.py": (["method_catalogue"], ["method_weights_bar", "method_overlap", "method_ranks",
                                               "method_curve"]),
    "pages/ripples.py": (["ripples_by_generation", "ripples_by_origin"],
                         ["ripple_chart", "spread_chart", "events_chart", "heatmap", "treemap", "budding_chart"]),
}


def _keys(at, kind: str) -> set[str]:
    return {str(e.key) for e in at.get(kind) if getattr(e, "key", None)} if kind != "expander" else \
        {str(e.key) for e in at.expander if getattr(e, "key", None)}


@pytest.mark.parametrize("page", list(PAGES))
def test_every_table_has_its_downloads_and_every_chart_its_text_alternative(app_store, page):
    at = run_app(page, params={"lang": "en", **WHOLE})
    assert not at.exception, at.exception
    tables, charts = PAGES[page]
    assert {f"{k}_{x}" for k in tables for x in ("csv", "xlsx")} <= _keys(at, "download_button")
    assert {f"{k}_alt" for k in charts} <= _keys(at, "expander")
    labels = {b.label for b in at.get("download_button") if b.key.endswith(("_csv", "_xlsx"))}
    assert labels == {"Download as CSV", "Download as Excel"}
    assert len(at.get("plotly_chart")) == len(charts) or page == "pages/networks.py"


def test_a_networks_page_has_downloads_for_its_legs_measurements_units_and_partners(app_store):
    at = run_app("pages/networks.py", params={"lang": "da", "network": "N01", **WHOLE})
    assert not at.exception, at.exception
    keys = _keys(at, "download_button")
    for k in ("network_legs", "network_measurements", "network_units", "network_partners"):
        assert {f"{k}_csv", f"{k}_xlsx"} <= keys, k
    assert {"network_indicators_alt", "network_evidence_alt", "network_history_alt", "network_timeline_alt"} <= \
        _keys(at, "expander")
    assert {b.label for b in at.get("download_button") if b.key.startswith("network_")} == {"Hent som CSV",
                                                                                            "Hent som Excel"}


@pytest.fixture(scope="module")
def sample() -> StoreSource:
    s = Store(":memory:")
    service.ensure_sample(s)
    yield StoreSource(s)
    s.close()


def _filters(lang: str, start: date = date(2019, 1, 1)) -> flt.Filters:
    return flt.Filters(start, date(2019, 12, 1), NETWORK_TYPES, None, tuple(scoring.EQUAL_WEIGHTS.items()), lang)


def test_the_key_figures_hold_both_windows_and_the_change_as_whole_numbers(sample):
    view = overview_view(sample, _filters("da"))
    out = key_figures_frame(view, "da")
    assert list(out.columns) == ["Nøgletal", "Enhed", "januar 2019 – december 2019", "januar 2018 – december 2018",
                                 "Ændring"]
    assert len(out) == len(view.figures)
    first = view.figures[0]
    assert out.iloc[0, 2] == first.value and out.iloc[0, 3] == first.earlier and out.iloc[0, 4] == first.change
    assert out.attrs["netvalue_decimals"] == dict.fromkeys(out.columns[2:], 0)
    assert set(out["Enhed"]) == {"antal", "kr.", "point (0–100)"}


def test_a_networks_tables_are_downloaded_under_the_pages_headers(sample):
    me = nv.network_view(sample, _filters("en", date(2013, 9, 1)), "N01")
    legs = nv.legs_frame(me, "en")
    assert list(legs.columns) == ["Leg", "Score", "Indicators", "Weight", "Contribution to overall value"]
    assert legs["Leg"].tolist() == ["Citizen", "Economy", "Staff"]
    assert legs["Weight"].sum() == pytest.approx(100)
    assert legs.attrs["netvalue_decimals"] == {"Score": 0, "Weight": 0, "Contribution to overall value": 1}
    ind = me.breakdown["indicator_id"].iloc[0]
    rows = nv.measurements_frame(me, ind, "en")
    assert list(rows.columns) == ["Month", "Value", "Score", "Evidence", "Note"]
    assert len(rows) == (me.measurements["indicator_id"] == ind).sum() > 0
    units = nv.units_frame(me.units, "en")
    assert list(units.columns) == ["Unit", "Joined", "Left", "People"]
    assert len(units) == len(me.units) and units["Joined"].str.match(r"^\d{4}-\d{2}-\d{2}$").all()


def test_the_catalogue_download_keeps_the_pages_columns(sample):
    view = mv.method_view(sample, _filters("da"))
    out = mv.catalogue_frame(view.catalogue, "da")
    assert len(out) == len(view.catalogue)
    assert list(out.columns) == ["Indikator", "Ben", "Enhed", "Værst (score 0)", "Bedst (score 100)", "Retning",
                                 "Indgår i kroner", "Id"]




def test_a_download_makes_its_table_only_when_clicked(app_store):
    from streamlit.testing.v1 import AppTest

    def app():
        import pandas as pd
        import streamlit as st

        import ui

        calls = st.session_state.setdefault("calls", [])
        st.session_state["_filters"] = ui.flt.Filters()
        ui.downloads(lambda: calls.append(1) or pd.DataFrame({"a": [1]}), "lazy", "Titel", "januar 2019")

    at = AppTest.from_function(app).run()
    assert not at.exception, at.exception
    assert {"lazy_csv", "lazy_xlsx"} <= {str(b.key) for b in at.get("download_button")}
    at.run()
    assert at.session_state["calls"] == [], "a rerun builds no download table"
