"""The method view without Streamlit, on the tiny set (see tests/test_views_networks.py for its figures).

Whole history: N1 has citizen 87.5, economy 50, staff 50; N2 only citizen 50. N1's overall lies between 50 and
87.5 under any weights and N2's is 50 while the citizen weight is above 0, a tie going to the lower id: so near the
current weights N1 ranks first and N2 second (no network moves). With the citizen weight 0 N2 has no overall
value, so under some weights of the grid only one of the top two stays.
"""

from __future__ import annotations

from datetime import date

import pytest

from netvalue.filters import Filters
from netvalue.views import StoreSource
from netvalue.views.method import RADIUS, catalogue, method_view, ranking_sensitivity, score_curve_view
from netvalue.views.registry import REGISTRY

FEB = date(2014, 2, 1)


@pytest.fixture(scope="module")
def tiny(tiny_loaded) -> StoreSource:
    return StoreSource(tiny_loaded)


def test_the_view_is_registered():
    assert REGISTRY["method"] is method_view and REGISTRY["method_curve"] is score_curve_view


def test_the_ranking_over_the_whole_history(tiny):
    v = method_view(tiny, Filters())
    s = v.sensitivity
    assert (s.k, s.kept_near, s.kept_any, s.moved, s.ranked) == (2, 2, 1, 0, 2)
    assert s.ranges[["network_id", "rank", "best", "worst"]].values.tolist() == [["N1", 1, 1, 1], ["N2", 2, 2, 2]]
    assert len(s.overlap_chart.data) == 2 and len(s.ranks_chart.data) > 0
    assert v.weights == pytest.approx({"citizen": 1 / 3, "economy": 1 / 3, "staff": 1 / 3})


def test_the_weights_in_the_filters(tiny):
    v = method_view(tiny, Filters(weights=(("citizen", 2.0), ("economy", 1.0), ("staff", 1.0))))
    assert v.weights == pytest.approx({"citizen": 0.5, "economy": 0.25, "staff": 0.25})
    assert [round(b.x[0]) for b in v.weights_chart.data] == [50, 25, 25]


def test_a_one_month_window_ranks_too_few(tiny):
    v = method_view(tiny, Filters(start=FEB, end=FEB))
    assert v.empty_reason is None and v.sensitivity is None, "only N1 is measured in February"
    assert len(v.catalogue) == 4, "the catalogue does not depend on the window"


def test_no_types_ranks_nothing_but_keeps_the_method(tiny):
    v = method_view(tiny, Filters(types=()))
    assert v.empty_reason == "no_types" and v.sensitivity is None
    assert len(v.catalogue) == 4


def test_the_catalogue_in_words(tiny, tiny_tables):
    before = tiny_tables["indicators"].copy()
    cat = catalogue(tiny_tables["indicators"], "da").set_index("indicator_id")
    assert cat.loc["sick", "direction"] == "lavere er bedre" and cat.loc["sat", "direction"] == "højere er bedre"
    assert cat["kroner"].to_dict() == {"sat": "", "sick": "", "saved": "ja", "cost": "ja"}
    assert cat.loc["sat", "perspective"] == "Borger"
    assert catalogue(tiny_tables["indicators"], "en").set_index("indicator_id").loc["saved", "kroner"] == "yes"
    assert tiny_tables["indicators"].equals(before), "the input is untouched"


def test_curves_run_from_worst_to_best(tiny):
    curve = score_curve_view(tiny, Filters(), "sick")
    assert list(curve.data[1].x) == [20.0, 0.0] and list(curve.data[1].y) == [0, 100]
    assert score_curve_view(tiny, Filters(), "no such indicator") is None


def test_ranking_sensitivity_needs_two_measured_networks(tiny):
    scores = method_view(tiny, Filters()).selection.scores
    assert ranking_sensitivity(scores.iloc[:1], {"citizen": 1, "economy": 1, "staff": 1}, "da") is None
    assert RADIUS == 0.1
