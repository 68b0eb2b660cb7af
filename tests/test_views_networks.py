"""The networks views without Streamlit: the table and one network's page, on the tiny set (hand-worked figures,
see tests/test_explain.py) and on the sample (the same score on every page for the same filters).

Tiny set: N1 (welfare, home U1, from 2014-01) has sat 4 (2014-01, measured) and 5 (2014-02, self-reported), sick 10
(2014-01), saved 50 000 DKK (2014-01, evaluated externally) and cost 20 000 DKK (input); N2 (learning, home U2,
from 2014-06) has sat 3 (2014-06). Whole history: N1 citizen 87.5, economy 50, staff 50, overall 62.5; N2 50.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from netvalue import keyfigures as kf
from netvalue import service
from netvalue.filters import Filters
from netvalue.store import Store
from netvalue.views import StoreSource
from netvalue.views import networks as nv
from netvalue.views.method import method_view
from netvalue.views.networks import (
    COLUMNS,
    download_frame,
    network_view,
    networks_view,
    table_rows,
)
from netvalue.views.overview import overview_view
from netvalue.views.registry import REGISTRY

FEB = date(2014, 2, 1)


@pytest.fixture(scope="module")
def tiny(tiny_loaded) -> StoreSource:
    return StoreSource(tiny_loaded)


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> StoreSource:
    store = Store(Path(tmp_path_factory.mktemp("views_networks")) / "sample.duckdb")
    service.ensure_sample(store)
    yield StoreSource(store)
    store.close()


def test_the_views_are_registered():
    assert REGISTRY["networks"] is networks_view and REGISTRY["network"] is network_view


def test_the_table_over_the_whole_history(tiny):
    v = networks_view(tiny, Filters())
    assert v.empty_reason is None and v.window.label("da") == "januar 2014 – juni 2014"
    t = v.table.set_index("network_id")
    assert t.loc["N1", ["citizen", "economy", "staff", "overall"]].tolist() == pytest.approx([87.5, 50, 50, 62.5])
    assert t.loc["N2", "overall"] == pytest.approx(50.0)
    assert t["n"].tolist() == [4, 1]
    assert t["thin"].tolist() == [True, True], f"fewer than {kf.THIN_EVIDENCE} measurements"
    assert v.names == {"N1": "Tidlig opsporing", "N2": "Frivillighed"}


def test_a_one_month_window(tiny):
    v = networks_view(tiny, Filters(start=FEB, end=FEB))
    assert v.window.label("da") == "februar 2014" and v.window.months == 1
    assert v.table["network_id"].tolist() == ["N1"], "N2 starts in June"
    assert v.table[["citizen", "overall", "n"]].iloc[0].tolist() == pytest.approx([100.0, 100.0, 1])
    me = network_view(tiny, Filters(start=FEB, end=FEB), "N1")
    assert me.timeline_grain == "month"
    assert me.timeline["period"].tolist() == [pd.Timestamp("2014-02-01")]
    assert me.timeline["citizen"].tolist() == [100.0]
    assert me.terms == ((1.0, 100.0),), "only the citizen leg is measured in February"
    axis = me.timeline_chart.layout.xaxis
    assert list(axis.ticktext) == ["februar 2014"], "a month, not a millisecond"
    assert pd.Timestamp(axis.range[0]) < pd.Timestamp("2014-02-01") < pd.Timestamp(axis.range[1])
    assert me.figures["overall"] == v.table["overall"].iloc[0]


def test_no_types_shows_no_networks(tiny):
    v = networks_view(tiny, Filters(types=()))
    assert v.empty_reason == "no_types"
    assert v.table.empty


def test_a_network_outside_the_filters_says_why(tiny):
    assert network_view(tiny, Filters(types=()), "N1").outside == ("types",)
    assert network_view(tiny, Filters(start=FEB, end=FEB), "N2").outside == ("period",)
    assert network_view(tiny, Filters(unit_id="U2"), "N1").outside == ("unit",)
    assert network_view(tiny, Filters(types=("learning",), start=FEB, end=FEB), "N1").outside == ("types",)
    both = network_view(tiny, Filters(types=("welfare",), start=FEB, end=FEB), "N2")
    assert both.outside == ("types", "period")
    inside = network_view(tiny, Filters(unit_id="U1"), "N1")
    assert inside.outside == () and inside.selected
    # outside or not, its figures are its own over the window
    assert network_view(tiny, Filters(types=()), "N1").figures["overall"] == pytest.approx(62.5)


def test_an_unknown_network_has_no_page(tiny):
    assert network_view(tiny, Filters(), "N9") is None


def test_one_networks_page(tiny):
    me = network_view(tiny, Filters(), "N1")
    assert (me.name, me.type, me.home, me.leader) == ("Tidlig opsporing", "welfare", "Hjemmeplejen Nord",
                                                     "Netværksleder, Hjemmeplejen")
    assert me.started_on == date(2014, 1, 1) and me.ended_on is None
    f = me.figures
    assert (f["overall"], f["n"], f["thin"], f["people"], f["units"], f["partners"], f["net_dkk"]) == \
        (pytest.approx(62.5), 4, True, 5, 1, 1, 30000.0)  # X1 (1 person) is still in at the end of June
    assert sum(w * s for w, s in me.terms) == pytest.approx(62.5)
    assert me.legs["contribution"].sum() == pytest.approx(62.5)
    assert me.breakdown["indicator_id"].tolist() == ["sat", "saved", "sick", "cost"]
    assert me.units["unit_id"].tolist() == ["U1"] and me.partners["unit_id"].tolist() == ["X1"]
    assert me.stories["title"].tolist() == ["Fru Hansen går selv i Kvickly igen"]
    assert me.parent.empty and me.children["network_id"].tolist() == ["N2"]
    assert me.timeline_grain == "month" and len(me.timeline) == 2
    assert me.indicator_chart is not None and me.evidence_chart is not None


def test_measurement_rows_keep_to_the_window(tiny, tiny_loaded):
    me = network_view(tiny, Filters(start=FEB, end=FEB), "N1")
    rows = me.measurements
    assert rows[["indicator_id", "value", "score", "evidence"]].values.tolist() == [["sat", 5.0, 100.0,
                                                                                    "self_reported"]]


def test_a_network_without_measurements(tiny):
    me = network_view(tiny, Filters(start=FEB, end=FEB), "N2")
    assert not me.measured and me.indicator_chart is None and me.measurements.empty
    assert pd.isna(me.figures["overall"]) and me.figures["n"] == 0 and me.terms == ()


def test_table_rows_search_sort_and_words(tiny):
    table = networks_view(tiny, Filters()).table
    rows = table_rows(table, "", "overall", "da")
    assert rows["network_id"].tolist() == ["N1", "N2"]
    assert rows["thin"].tolist() == ["spinkelt grundlag"] * 2
    assert rows["type"].tolist() == ["Velfærdsnetværk", "Læringsnetværk"]
    assert rows["share_self_reported"].tolist() == pytest.approx([50.0, 100.0])
    assert table_rows(table, "", "name", "en")["network_id"].tolist() == ["N2", "N1"]
    assert table_rows(table, "læring", "overall", "da")["network_id"].tolist() == ["N2"]
    assert table_rows(table, "learning", "overall", "en")["network_id"].tolist() == ["N2"]
    assert table_rows(table, "", "no such column", "da")["network_id"].tolist() == ["N1", "N2"]
    assert table["share_self_reported"].tolist() == pytest.approx([0.5, 1.0]), "the view's frame is untouched"
    out = download_frame(rows, "en")
    assert len(out.columns) == len(COLUMNS) and out.columns[0] == "Network" and "Evidence base" in out.columns


# -- The same score on every page -------------------------------------------------------------------------------
FILTERS = [
    Filters(),
    Filters(start=date(2019, 1, 1), end=date(2019, 12, 1)),
    Filters(start=date(2016, 3, 1), end=date(2016, 3, 1), types=("welfare", "learning")),
    Filters(unit_id="C-SUO", weights=(("citizen", 2.0), ("economy", 1.0), ("staff", 1.0))),
]


@pytest.mark.parametrize("f", FILTERS)
def test_a_networks_score_is_the_same_on_every_page(sample, f):
    table = networks_view(sample, f).table.set_index("network_id")
    over = overview_view(sample, f)
    listed = pd.concat([over.top, over.bottom])
    assert len(listed) > 0
    for row in listed.itertuples():
        assert table.loc[row.network_id, "overall"] == row.overall
        assert bool(table.loc[row.network_id, "thin"]) == bool(row.thin)
        assert network_view(sample, f, row.network_id).figures["overall"] == row.overall
    ranges = method_view(sample, f).sensitivity.ranges
    by_score = table.dropna(subset=["overall"]).reset_index().sort_values(["overall", "network_id"],
                                                                          ascending=[False, True])
    assert ranges["network_id"].tolist() == by_score["network_id"].tolist(), "the method page ranks the same scores"


def test_one_months_measurements_read_as_a_month(tiny, tiny_loaded):
    from netvalue.charts import networks as charts

    me = network_view(tiny, Filters(start=FEB, end=FEB), "N1")
    rows = me.measurements
    fig = charts.indicator_history(rows, me.breakdown.iloc[0], "en")
    assert list(fig.layout.xaxis.ticktext) == ["February 2014"]
    many = pd.DataFrame({"period": pd.date_range("2014-01-01", periods=13, freq="MS")})
    assert charts.period_axis(charts.go.Figure(), many["period"]).layout.xaxis.ticktext is None, \
        "more than a year of months: plotly's own date ticks"


# -- the table a page at a time ---------------------------------------------------------------------------------
def test_row_pages_count_rows_from_one():
    assert nv.row_pages(0) == []
    assert nv.row_pages(3, size=3) == [(1, 3)]
    assert nv.row_pages(7, size=3) == [(1, 3), (4, 6), (7, 7)]
    assert nv.row_pages(nv.TABLE_PAGE_ROWS + 1) == [(1, nv.TABLE_PAGE_ROWS),
                                                    (nv.TABLE_PAGE_ROWS + 1, nv.TABLE_PAGE_ROWS + 1)]


def test_page_of_gives_each_row_once_and_clamps_a_page_past_the_end():
    rows = pd.DataFrame({"network_id": [f"N{i}" for i in range(7)]})
    pages = [nv.page_of(rows, p, size=3)["network_id"].tolist() for p in range(3)]
    assert pages == [["N0", "N1", "N2"], ["N3", "N4", "N5"], ["N6"]]
    assert nv.page_of(rows, 9, size=3)["network_id"].tolist() == ["N6"]
    assert nv.page_of(rows, -1, size=3)["network_id"].tolist() == ["N0", "N1", "N2"]
    assert nv.page_of(rows.iloc[:0], 0, size=3).empty
    assert rows["network_id"].tolist() == [f"N{i}" for i in range(7)], "the input is not changed"


@pytest.mark.parametrize("filters", [Filters(), Filters(types=("learning",)), Filters(start=FEB, end=FEB)],
                         ids=["selected", "outside the types", "one month"])
def test_the_history_view_draws_what_the_network_page_would(tiny, filters):
    # Its own cached view (the page drew it anew on every rerun): the same figure from the same numbers, whether
    # the filters select the network or not.
    from netvalue.charts import networks as charts

    me = network_view(tiny, filters, "N1")
    assert len(me.breakdown)
    for ind in me.breakdown.itertuples():
        row = me.breakdown[me.breakdown["indicator_id"] == ind.indicator_id].iloc[0]
        expected = charts.indicator_history(me.measurements, row, filters.lang)
        assert nv.indicator_history_view(tiny, filters, "N1", ind.indicator_id).to_json() == expected.to_json()
    assert nv.indicator_history_view(tiny, filters, "N1", "no_such_indicator") is None
    assert REGISTRY["network_history"] is nv.indicator_history_view
