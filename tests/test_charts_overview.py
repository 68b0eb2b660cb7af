"""Chart builders of the overview, the network pages and the method page, tested on fig.data / fig.layout."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from netvalue.charts import method as mc
from netvalue.charts import networks as nc
from netvalue.charts import overview as oc
from netvalue.charts.style import EVIDENCE_COLOURS, PERSPECTIVE_COLOURS, TYPE_COLOURS
from netvalue.i18n import t


def scores() -> pd.DataFrame:
    return pd.DataFrame({
        "network_id": ["a", "b", "c", "d"],
        "name": ["Alfa", "Beta", "Gamma", "Delta"],
        "type": ["welfare", "learning", "welfare", "innovation"],
        "citizen": [90.0, 10.0, 60.0, np.nan],
        "economy": [10.0, 90.0, 60.0, 70.0],
        "staff": [50.0, 50.0, 60.0, 40.0],
        "overall": [50.0, 50.0, 60.0, 55.0],
        "share_self_reported": [1.0, 0.25, np.nan, 0.5],
        "people": [10, 40, 0, 5],
    })


def titled(fig: go.Figure) -> str:
    return fig.layout.title.text


# -- Overview -----------------------------------------------------------------------------------------------------
def test_legs_ternary_one_trace_per_type_sized_by_people():
    fig = oc.legs_ternary(scores(), "da")
    assert titled(fig) == t("chart.ternary.title", "da")
    networks = [tr for tr in fig.data if tr.hoverinfo != "skip"]  # the other trace marks the centre
    assert [tr.type for tr in networks] == ["scatterternary", "scatterternary"]
    welfare, learning = networks
    assert welfare.name == "Velfærdsnetværk" and learning.name == "Læringsnetværk"
    assert list(welfare.a) == [90.0, 60.0] and list(welfare.b) == [10.0, 60.0] and list(welfare.c) == [50.0, 60.0]
    assert welfare.marker.color == TYPE_COLOURS["welfare"]
    # area ∝ people: b (40 people) gets the largest marker, c (0 people) the smallest allowed
    assert learning.marker.size[0] == oc.MAX_MARKER
    assert welfare.marker.size[0] == pytest.approx(oc.MAX_MARKER * np.sqrt(10 / 40))
    assert welfare.marker.size[1] == oc.MIN_MARKER
    assert "d" not in {row[0] for tr in networks for row in tr.customdata}, "d has no citizen leg"
    assert fig.layout.ternary.sum == 100
    assert fig.layout.ternary.aaxis.title.text == "Borger"
    assert fig.layout.ternary.caxis.title.text == "Medarbejder<br>(trivsel og faglighed)", "breaks before the bracket"


def test_ternary_shows_the_whole_triangle_with_its_centre_marked():
    fig = oc.legs_ternary(scores().dropna(subset=["citizen"]).assign(people=5), "da")
    t = fig.layout.ternary
    assert (t.aaxis.min, t.baxis.min, t.caxis.min) == (0, 0, 0)
    centre = [tr for tr in fig.data if tr.hoverinfo == "skip"]
    assert len(centre) == 1 and list(centre[0].a) == pytest.approx([100 / 3])

def test_legs_ternary_without_complete_networks_says_so():
    fig = oc.legs_ternary(scores().iloc[3:], "en")
    assert fig.data == ()
    assert fig.layout.annotations[0].text == t("chart.no_data", "en")
    assert titled(fig) == t("chart.ternary.title", "en")


def test_strongest_weakest_two_panels_with_evidence_text():
    s = scores()
    fig = oc.strongest_weakest(s.iloc[[2, 3]], s.iloc[[0, 1]], "da")
    assert titled(fig) == "Stærkeste og svageste netværk"
    assert [a.text for a in fig.layout.annotations] == ["Højest samlet værdi", "Lavest samlet værdi"]
    bars = {(tr.name, tr.yaxis): tr for tr in fig.data}
    top_welfare = bars[("Velfærdsnetværk", "y")]
    assert list(top_welfare.y) == ["Gamma"] and list(top_welfare.text) == ["60 (– % selvrapporteret)"]
    assert list(bars[("Innovationsnetværk", "y")].text) == ["55 (50 % selvrapporteret)"]
    assert list(bars[("Læringsnetværk", "y2")].text) == ["50 (25 % selvrapporteret)"]
    assert sum(tr.showlegend is not False for tr in fig.data) == 3, "each type once in the legend"
    assert fig.layout.xaxis.range == (0, 100)
    longest = max(len(x) for tr in fig.data for x in tr.text)
    assert fig.layout.margin.r >= 7 * longest, "the label beside a full bar has room in the margin"


def test_strongest_weakest_empty():
    fig = oc.strongest_weakest(scores().iloc[0:0], scores().iloc[0:0], "da")
    assert fig.layout.annotations[0].text == t("chart.no_data", "da")


def test_perspective_trend_draws_measured_legs_only():
    trend = pd.DataFrame({"period": pd.to_datetime(["2014-01-01", "2014-04-01"]), "citizen": [40.0, 50.0],
                          "economy": [np.nan, np.nan], "staff": [60.0, 70.0], "overall": [50.0, 60.0]})
    fig = oc.perspective_trend(trend, "en")
    assert [tr.name for tr in fig.data] == ["Citizen", "Staff", "Overall value"]
    assert fig.data[0].line.color == PERSPECTIVE_COLOURS["citizen"]
    assert fig.data[2].line.dash == "dot"
    assert fig.layout.yaxis.range == (0, 100)
    assert oc.perspective_trend(trend, "en", title="X").layout.title.text == "X"


def test_legend_never_runs_into_the_title():
    fig = oc.perspective_trend(pd.DataFrame({"period": pd.to_datetime(["2014-01-01"]), "citizen": [1.0]}), "da")
    assert fig.layout.title.yref == "container" and fig.layout.legend.yref == "container"
    assert fig.layout.legend.y < 1 and fig.layout.margin.t >= 100


# -- Networks -----------------------------------------------------------------------------------------------------
def breakdown() -> pd.DataFrame:
    return pd.DataFrame({
        "indicator_id": ["sat", "saved", "sick", "cost"],
        "name": ["Borgertilfredshed", "Sparede udgifter", "Sygefravær", "Investeret tid"],
        "perspective": ["citizen", "economy", "staff", "input"],
        "unit": ["skala 1-5", "DKK", "dage", "DKK"],
        "worst": [1.0, 0.0, 20.0, 100000.0], "best": [5.0, 100000.0, 0.0, 0.0],
        "value": [4.5, 50000.0, 10.0, 20000.0], "score": [87.5, 50.0, 50.0, np.nan], "n": [2, 1, 1, 1],
        "share_self_reported": [0.5, 0.0, 1.0, 0.0], "share_measured": [0.5, 0.0, 0.0, 1.0],
        "share_evaluated_internal": [0.0, 0.0, 0.0, 0.0], "share_evaluated_external": [0.0, 1.0, 0.0, 0.0],
    })


def test_indicator_bars_one_bar_per_value_indicator():
    fig = nc.indicator_bars(breakdown(), "da")
    assert titled(fig) == t("chart.indicators.title", "da")
    assert [tr.name for tr in fig.data] == ["Borger", "Kommune (økonomi)", "Medarbejder (trivsel og faglighed)"]
    assert [list(tr.x) for tr in fig.data] == [[87.5], [50.0], [50.0]]
    assert list(fig.data[0].text) == ["88 (50 % selvrapporteret)"]
    assert "Investeret tid" not in [y for tr in fig.data for y in tr.y], "inputs are not value"
    assert fig.data[2].marker.color == PERSPECTIVE_COLOURS["staff"]


def test_indicator_bars_without_scores():
    fig = nc.indicator_bars(breakdown().iloc[[3]], "da")
    assert fig.layout.annotations[0].text == t("chart.no_data", "da")


def test_evidence_bar_stacks_to_one_hundred_per_leg():
    fig = nc.evidence_bar(breakdown(), "en")
    assert fig.layout.barmode == "stack"
    assert [tr.name for tr in fig.data] == ["Self-reported", "Measured", "Evaluated internally",
                                            "Evaluated externally"]
    assert list(fig.data[0].y) == ["Citizen", "Economy", "Staff"]
    total = np.sum([np.array(tr.x, dtype=float) for tr in fig.data], axis=0)
    assert total.tolist() == pytest.approx([100, 100, 100])
    assert list(fig.data[0].x) == pytest.approx([50, 0, 100])
    assert fig.data[3].marker.color == EVIDENCE_COLOURS["evaluated_external"]


def test_indicator_history_markers_by_evidence_and_worst_best_lines():
    meas = pd.DataFrame({"indicator_id": ["sat", "sat", "sat", "sick"],
                         "period": pd.to_datetime(["2014-01-01", "2014-02-01", "2014-03-01", "2014-01-01"]),
                         "value": [4.0, 5.0, 3.0, 10.0],
                         "evidence": ["measured", "self_reported", "measured", "self_reported"]})
    fig = nc.indicator_history(meas, breakdown().iloc[0], "da")
    assert titled(fig) == "Målingerne af Borgertilfredshed"
    names = [tr.name for tr in fig.data]
    assert names[1:3] == ["Selvrapporteret", "Målt"]
    assert list(fig.data[2].y) == [4.0, 3.0]
    assert names[3:] == ["værst 1 (score 0)", "bedst 5 (score 100)"]
    assert list(fig.data[4].y) == [5.0, 5.0]
    assert fig.layout.yaxis.title.text == "skala 1-5"
    assert nc.indicator_history(meas.iloc[0:0], breakdown().iloc[0], "da").data == ()


def test_network_timeline_has_its_own_title():
    trend = pd.DataFrame({"period": pd.to_datetime(["2014-01-01"]), "citizen": [40.0], "economy": [50.0],
                          "staff": [60.0], "overall": [50.0]})
    fig = nc.network_timeline(trend, "en")
    assert titled(fig) == t("chart.network_timeline.title_quarter", "en")
    assert len(fig.data) == 4
    assert list(fig.layout.xaxis.ticktext) == ["Q1 2014"], "one point is a quarter, not a millisecond"
    monthly = nc.network_timeline(trend, "da", "month")
    assert titled(monthly) == "Netværkets score måned for måned"
    assert list(monthly.layout.xaxis.ticktext) == ["januar 2014"]


# -- Method ---------------------------------------------------------------------------------------------------------
def test_score_curve_is_flat_outside_worst_and_best():
    ind = pd.Series({"name": "Sygefravær", "perspective": "staff", "unit": "%", "worst": 8.0, "best": 2.0})
    fig = mc.score_curve(ind, "da")
    assert titled(fig) == "Fra værdi til score: Sygefravær"
    line = fig.data[0]
    assert list(line.x) == [0.5, 2.0, 8.0, 9.5]
    assert list(line.y) == [100.0, 100.0, 0.0, 0.0], "lower is better: below best scores 100"
    assert list(fig.data[1].text) == ["værst 8", "bedst 2"]
    assert fig.data[0].line.color == PERSPECTIVE_COLOURS["staff"]
    same = ind.copy()
    same["best"] = 8.0
    assert mc.score_curve(same, "da").data == ()


def test_overlap_ternary_colours_by_overlap_and_marks_the_current_weights():
    overlap = pd.DataFrame({"citizen": [1.0, 0.0, 0.5], "economy": [0.0, 1.0, 0.5], "staff": [0.0, 0.0, 0.0],
                            "distance": [0.6, 0.6, 0.3], "overlap": [7, 9, 10], "k": [10, 10, 10]})
    fig = mc.overlap_ternary(overlap, {"citizen": 2.0, "economy": 1.0, "staff": 1.0}, "en")
    grid, now = fig.data
    assert list(grid.a) == [100.0, 0.0, 50.0]
    assert list(grid.marker.color) == [7, 9, 10]
    assert grid.marker.cmin == 6 and grid.marker.cmax == 10
    assert list(now.a) == [50.0] and list(now.b) == [25.0] and now.name == "The weights in use"
    assert "top 10" in grid.marker.colorbar.title.text


def test_rank_ranges_lines_from_best_to_worst():
    ranges = pd.DataFrame({"network_id": ["c", "a"], "name": ["Gamma", "Alfa"], "type": ["innovation", "welfare"],
                           "rank": [1, 2], "best": [1, 1], "worst": [2, 4]})
    fig = mc.rank_ranges(ranges, "da")
    lines = [tr for tr in fig.data if tr.mode == "lines"]
    assert [list(tr.x) for tr in lines] == [[1, 2], [1, 4]]
    dots = {tr.name: tr for tr in fig.data if tr.mode == "markers"}
    assert list(dots["Velfærdsnetværk"].y) == ["2. Alfa"] and list(dots["Velfærdsnetværk"].x) == [2]
    assert dots["Innovationsnetværk"].marker.color == TYPE_COLOURS["innovation"]
    assert list(fig.layout.yaxis.categoryarray) == ["2. Alfa", "1. Gamma"]
    assert fig.layout.xaxis.range == (0.5, 4.5)


def test_weights_bar_shows_shares():
    fig = mc.weights_bar({"citizen": 2.0, "economy": 1.0, "staff": 1.0}, "da")
    assert [list(tr.x) for tr in fig.data] == [[50.0], [25.0], [25.0]]
    assert [tr.text[0] for tr in fig.data] == ["50\u00a0%", "25\u00a0%", "25\u00a0%"]
    assert mc.weights_bar({"citizen": 0.0, "economy": 0.0, "staff": 0.0}, "da").data == ()


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_builder_titles_its_chart(lang):
    figs = [oc.legs_ternary(scores(), lang), oc.strongest_weakest(scores(), scores(), lang),
            nc.indicator_bars(breakdown(), lang), nc.evidence_bar(breakdown(), lang),
            mc.weights_bar({"citizen": 1, "economy": 1, "staff": 1}, lang)]
    assert all(f.layout.title.text for f in figs)
    assert len({f.layout.title.text for f in figs}) == len(figs)
