"""Ranking sensitivity: the weight grid, ranks, top-k overlap and rank ranges, worked out by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netvalue import scoring, sensitivity

EQUAL = {"citizen": 1.0, "economy": 1.0, "staff": 1.0}
CITIZEN = {"citizen": 1.0, "economy": 0.0, "staff": 0.0}
ECONOMY = {"citizen": 0.0, "economy": 1.0, "staff": 0.0}


def persp() -> pd.DataFrame:
    # overall with equal weights: a 50, b 50, c 60, d 55 (two legs), e not measured
    return pd.DataFrame({
        "network_id": ["a", "b", "c", "d", "e"],
        "name": ["Alfa", "Beta", "Gamma", "Delta", "Epsilon"],
        "type": ["welfare", "learning", "innovation", "welfare", "welfare"],
        "citizen": [90.0, 10.0, 60.0, np.nan, np.nan],
        "economy": [10.0, 90.0, 60.0, 70.0, np.nan],
        "staff": [50.0, 50.0, 60.0, 40.0, np.nan],
    })


def test_simplex_grid():
    g = sensitivity.simplex_grid(0.5)
    expected = pd.DataFrame({"citizen": [0.0, 0.0, 0.0, 0.5, 0.5, 1.0], "economy": [0.0, 0.5, 1.0, 0.0, 0.5, 0.0],
                             "staff": [1.0, 0.5, 0.0, 0.5, 0.0, 0.0]})
    pd.testing.assert_frame_equal(g, expected)
    fine = sensitivity.simplex_grid(0.1)
    assert len(fine) == 66
    assert np.allclose(fine.sum(axis=1), 1)
    assert (fine >= 0).all().all()
    with pytest.raises(ValueError):
        sensitivity.simplex_grid(0.3)


def test_ranks_break_ties_by_id_and_leave_unmeasured_blank():
    p = persp()
    before = p.copy()
    r = sensitivity.ranks(p, EQUAL)
    pd.testing.assert_frame_equal(p, before)
    assert r.iloc[:4].tolist() == [3.0, 4.0, 1.0, 2.0]  # c 60, d 55, a 50 = b 50 (a first by id)
    assert np.isnan(r.iloc[4])
    citizen = sensitivity.ranks(p, CITIZEN)
    assert citizen.iloc[:3].tolist() == [1.0, 3.0, 2.0]
    assert np.isnan(citizen.iloc[3]), "d has no citizen leg, so it has no value when only citizens count"
    assert sensitivity.ranks(p, ECONOMY).iloc[:4].tolist() == [4.0, 1.0, 3.0, 2.0]


def test_distance_is_the_largest_change_of_one_weight():
    g = pd.DataFrame([CITIZEN, {"citizen": 0.5, "economy": 0.25, "staff": 0.25}])
    assert sensitivity.distance(g, EQUAL).tolist() == pytest.approx([2 / 3, 1 / 6])


def test_top_overlap_counts_shared_members_of_the_top_k():
    grid = pd.DataFrame([CITIZEN, ECONOMY])
    out = sensitivity.top_overlap(persp(), EQUAL, grid, k=2)
    # now: top 2 = {c, d}; citizen only: {a, c}; economy only: {b, d}
    expected = pd.DataFrame({"citizen": [1.0, 0.0], "economy": [0.0, 1.0], "staff": [0.0, 0.0],
                             "distance": [2 / 3, 2 / 3], "overlap": [1, 1], "k": [2, 2]})
    pd.testing.assert_frame_equal(out, expected, check_dtype=False)


def test_top_overlap_cuts_k_to_the_networks_measured():
    out = sensitivity.top_overlap(persp(), EQUAL, pd.DataFrame([CITIZEN]), k=10)
    assert out["k"].tolist() == [4]
    assert out["overlap"].tolist() == [3]  # d drops out when only citizens count


def test_rank_ranges_over_the_nearby_weights():
    p = persp()
    near = sensitivity.rank_ranges(p, EQUAL, sensitivity.simplex_grid(0.5), radius=0.2)
    # no grid vector is within 0.2 of equal weights: every range is just the rank now
    assert near[["network_id", "rank", "best", "worst"]].to_dict("records") == [
        {"network_id": "c", "rank": 1, "best": 1, "worst": 1},
        {"network_id": "d", "rank": 2, "best": 2, "worst": 2},
        {"network_id": "a", "rank": 3, "best": 3, "worst": 3},
        {"network_id": "b", "rank": 4, "best": 4, "worst": 4},
    ]
    wide = sensitivity.rank_ranges(p, EQUAL, sensitivity.simplex_grid(0.5), radius=1.0).set_index("network_id")
    assert wide.loc["a", ["best", "worst"]].tolist() == [1, 4]  # first on citizens, last on economy
    assert wide.loc["d", ["best", "worst"]].tolist() == [1, 4]  # first at (½, ½, 0), last on staff only
    assert wide.loc["a", "name"] == "Alfa"
    assert "e" not in wide.index


def test_nearby_overlap():
    out = pd.DataFrame({"distance": [0.05, 0.1, 0.3], "overlap": [9, 7, 2]})
    assert sensitivity.nearby_overlap(out, 0.1) == 7
    assert sensitivity.nearby_overlap(out, 0.01) is None


scores = st.one_of(st.just(np.nan), st.floats(0, 100, allow_nan=False))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(scores, scores, scores), min_size=1, max_size=14),
       st.tuples(st.integers(0, 5), st.integers(0, 5), st.integers(1, 5)))
def test_invariants(rows, w):
    p = pd.DataFrame(rows, columns=["citizen", "economy", "staff"]).assign(
        network_id=[f"n{i:02d}" for i in range(len(rows))])
    weights = dict(zip(("citizen", "economy", "staff"), map(float, w), strict=True))
    grid = sensitivity.simplex_grid(0.25)
    out = sensitivity.top_overlap(p, weights, pd.concat([grid, pd.DataFrame([scoring.normalise_weights(weights)])]),
                                  k=5)
    assert (out["overlap"] <= out["k"]).all()
    assert out["overlap"].iloc[-1] == out["k"].iloc[-1], "the current weights share their whole top k"
    # ranks follow the overall value scoring computes
    overall = scoring.overall_score(p, weights)
    r = sensitivity.ranks(p, weights)
    assert r.isna().equals(overall.isna())
    ranked = overall[r.sort_values().dropna().index]
    assert sorted(r.dropna()) == list(range(1, len(ranked) + 1))
    assert (np.diff(ranked.to_numpy()) <= 1e-6).all(), "a better rank never has a lower overall value"
    ranges = sensitivity.rank_ranges(p, weights, grid, radius=0.25)
    assert (ranges["best"] <= ranges["rank"]).all() and (ranges["rank"] <= ranges["worst"]).all()
