"""netvalue.depth: roll-up, periods, concentration, the path, value per entity, trend, bootstrap, sentences."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netvalue import depth

T = pd.Timestamp
NaT = pd.NaT


def org() -> pd.DataFrame:
    return pd.DataFrame({
        "unit_id": ["K", "A1", "A2", "C1", "C2", "U1", "U2", "U3", "X"],
        "name": ["Kommunen", "Område 1", "Område 2", "Center 1", "Center 2", "Enhed 1", "Enhed 2", "Enhed 3",
                 "Borgere"],
        "parent_id": [None, "K", "K", "A1", "A2", "C1", "C1", "C2", "K"],
        "level": ["municipality", "area", "area", "centre", "centre", "unit", "unit", "unit", "external"],
    })


def nets() -> pd.DataFrame:
    return pd.DataFrame({
        "network_id": ["N1", "N2", "N3", "N4"],
        "name": ["Et", "To", "Tre", "Fire"],
        "type": ["welfare", "learning", "innovation", "welfare"],
        "started_on": [T("2014-01-01"), T("2014-01-01"), T("2014-01-01"), T("2014-01-01")],
        "ended_on": [NaT, NaT, NaT, T("2014-02-28")],
    })


def part() -> pd.DataFrame:
    return pd.DataFrame({
        "network_id": ["N1", "N1", "N2", "N2", "N3", "N4", "N1"],
        "unit_id": ["U1", "U2", "U1", "C1", "X", "U3", "U1"],
        "joined_on": [T("2014-01-01"), T("2014-02-01"), T("2014-01-01"), T("2014-01-01"), T("2014-01-01"),
                      T("2014-01-01"), T("2014-03-01")],
        "left_on": [T("2014-02-15"), NaT, NaT, NaT, NaT, NaT, NaT],
        "people": [2, 3, 4, 1, 9, 5, 6],
    })


# -- the org tree at a level -----------------------------------------------------------------------

def test_level_map_rolls_units_up_and_leaves_out_higher_and_external_units():
    out = depth.level_map(org(), "centre").sort_values("unit_id").reset_index(drop=True)
    expected = pd.DataFrame({"unit_id": ["C1", "C2", "U1", "U2", "U3"],
                             "entity_id": ["C1", "C2", "C1", "C1", "C2"]}).astype("str")
    pd.testing.assert_frame_equal(out, expected)
    assert set(depth.level_map(org(), "unit")["unit_id"]) == {"U1", "U2", "U3"}
    assert dict(depth.level_map(org(), "area").values.tolist())["U3"] == "A2"


def test_level_map_refuses_an_unknown_level():
    with pytest.raises(ValueError):
        depth.level_map(org(), "team")


def test_entity_frame_follows_the_scope():
    units = depth.entity_frame(org(), "unit", scope="C1")
    assert units["entity_id"].tolist() == ["U1", "U2"]
    assert units["parent_name"].tolist() == ["Center 1", "Center 1"]
    # A unit chosen below the level gives its one ancestor at the level.
    assert depth.entity_frame(org(), "centre", scope="U3")["entity_id"].tolist() == ["C2"]
    assert depth.entity_frame(org(), "area")["entity_id"].tolist() == ["A1", "A2"]


# -- periods and links ----------------------------------------------------------------------------

def test_windows_clip_calendar_quarters_to_the_selection():
    w = depth.windows(date(2014, 2, 1), date(2014, 8, 15), "quarter")
    expected = pd.DataFrame({
        "period": [T("2014-01-01"), T("2014-04-01"), T("2014-07-01")],
        "start": [T("2014-02-01"), T("2014-04-01"), T("2014-07-01")],
        "end": [T("2014-03-31"), T("2014-06-30"), T("2014-08-15")],
    })
    pd.testing.assert_frame_equal(w, expected, check_dtype=False)
    assert len(depth.windows(date(2014, 2, 1), date(2016, 1, 31), "year")) == 3
    assert len(depth.windows(date(2014, 2, 1), date(2016, 1, 31), "all")) == 1
    with pytest.raises(ValueError):
        depth.windows(date(2015, 1, 1), date(2014, 1, 1))


def whole(start="2014-01-01", end="2014-12-31"):
    return depth.windows(T(start), T(end), "all")


def test_links_roll_up_sum_people_and_keep_the_latest_row():
    w = whole()
    units = depth.links(part(), nets(), org(), "unit", w)
    expected = pd.DataFrame({
        "period": [T("2014-01-01")] * 4,
        "entity_id": ["U1", "U1", "U2", "U3"],
        "network_id": ["N1", "N2", "N1", "N4"],
        "people": [6, 4, 3, 5],  # U1 in N1: the latest row (6 people from March), not 2 + 6
    })
    pd.testing.assert_frame_equal(units, expected, check_dtype=False)
    centres = depth.links(part(), nets(), org(), "centre", w)
    assert centres[["entity_id", "network_id", "people"]].values.tolist() == [
        ["C1", "N1", 9], ["C1", "N2", 5], ["C2", "N4", 5]]


def test_links_respect_the_period_and_the_network_being_active():
    march = whole("2014-03-01", "2014-03-31")
    lk = depth.links(part(), nets(), org(), "unit", march)
    # N4 ended in February, so U3 no longer counts although its row has no left_on.
    assert sorted(map(tuple, lk[["entity_id", "network_id"]].values.tolist())) == [
        ("U1", "N1"), ("U1", "N2"), ("U2", "N1")]


def test_unattributed_counts_whole_centres_taking_part():
    assert depth.unattributed(part(), nets(), org(), "unit", whole()) == 1  # C1 in N2
    assert depth.unattributed(part(), nets(), org(), "centre", whole()) == 0
    assert depth.unattributed(part(), nets(), org(), "unit", whole(), scope="C2") == 0


def _naive_links(p: pd.DataFrame, n: pd.DataFrame, lm: pd.DataFrame, wins: pd.DataFrame) -> set[tuple]:
    out = set()
    for _, r in p.merge(n, on="network_id").iterrows():
        for _, w in wins.iterrows():
            on = (r["joined_on"] <= w["end"] and (pd.isna(r["left_on"]) or r["left_on"] >= w["start"])
                  and r["started_on"] <= w["end"] and (pd.isna(r["ended_on"]) or r["ended_on"] >= w["start"]))
            if on and r["unit_id"] in set(lm["unit_id"]):
                ent = dict(lm.values.tolist())[r["unit_id"]]
                out.add((w["period"], ent, r["network_id"]))
    return out


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["N1", "N2", "N3", "N4"]), st.sampled_from(["U1", "U2", "U3", "C1", "X"]),
                          st.integers(0, 700), st.one_of(st.none(), st.integers(0, 400))), min_size=1, max_size=12))
def test_links_agree_with_a_naive_cross_check(rows):
    base = T("2013-06-01")
    p = pd.DataFrame({
        "network_id": [r[0] for r in rows], "unit_id": [r[1] for r in rows],
        "joined_on": [base + pd.Timedelta(days=r[2]) for r in rows],
        "left_on": [NaT if r[3] is None else base + pd.Timedelta(days=r[2] + r[3]) for r in rows],
        "people": [1] * len(rows),
    })
    wins = depth.windows(date(2013, 8, 1), date(2015, 3, 31), "quarter")
    got = depth.links(p, nets(), org(), "centre", wins)
    expected = _naive_links(p, nets(), depth.level_map(org(), "centre"), wins)
    assert set(map(tuple, got[["period", "entity_id", "network_id"]].values.tolist())) == expected


def test_activity_table_has_every_entity_with_zeros():
    w = whole()
    act = depth.activity_table(depth.links(part(), nets(), org(), "unit", w), depth.entity_frame(org(), "unit"), w)
    assert act[["entity_id", "networks", "people"]].values.tolist() == [
        ["U1", 2, 10], ["U2", 1, 3], ["U3", 1, 5]]


def test_transforms_do_not_mutate_their_inputs():
    p, n, o = part(), nets(), org()
    depth.analyse(p, n, o, indicators(), stats_year(), start=date(2014, 1, 1), end=date(2014, 12, 31), k=2)
    pd.testing.assert_frame_equal(p, part())
    pd.testing.assert_frame_equal(n, nets())
    pd.testing.assert_frame_equal(o, org())


# -- concentration ----------------------------------------------------------------------------------

def test_all_activity_in_one_unit_gives_hhi_one():
    assert depth.hhi([0, 0, 7, 0]) == 1.0
    assert depth.gini([0, 0, 7, 0]) == pytest.approx(3 / 4)  # 1 - 1/n


@pytest.mark.parametrize("n", [1, 2, 5, 37])
def test_an_even_spread_gives_hhi_one_over_n_and_gini_zero(n):
    assert depth.hhi([3] * n) == pytest.approx(1 / n)
    assert depth.gini([3] * n) == pytest.approx(0.0)


def test_a_known_lorenz_curve_and_gini():
    curve = depth.lorenz([3, 0, 1, 0])
    expected = pd.DataFrame({"share_entities": [0, 0.25, 0.5, 0.75, 1.0],
                             "share_activity": [0, 0, 0, 0.25, 1.0]})
    pd.testing.assert_frame_equal(curve, expected)
    # By hand: mean absolute difference 20 / (2 * 4^2 * mean 1) = 0.625.
    assert depth.gini([3, 0, 1, 0]) == pytest.approx(0.625)


def test_concentration_without_activity_is_missing_and_negative_activity_is_refused():
    assert math.isnan(depth.hhi([0, 0]))
    assert math.isnan(depth.gini([0, 0]))
    assert depth.lorenz([0, 0]).empty
    with pytest.raises(ValueError):
        depth.hhi([1, -1])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 50), min_size=1, max_size=30).filter(lambda v: sum(v) > 0), st.integers(1, 9))
def test_concentration_bounds_and_scale_invariance(values, scale):
    n = len(values)
    h, g = depth.hhi(values), depth.gini(values)
    assert 1 / n - 1e-12 <= h <= 1 + 1e-12
    assert -1e-12 <= g <= 1 - 1 / n + 1e-12
    assert depth.hhi([v * scale for v in values]) == pytest.approx(h)
    assert depth.gini([v * scale for v in values]) == pytest.approx(g)
    curve = depth.lorenz(values)
    assert curve["share_activity"].is_monotonic_increasing
    assert curve["share_activity"].iloc[-1] == pytest.approx(1.0)


def activity(networks: list[int], people: list[int] | None = None) -> pd.DataFrame:
    n = len(networks)
    return pd.DataFrame({"period": [T("2014-01-01")] * n, "entity_id": [f"E{i}" for i in range(n)],
                         "name": [f"E{i}" for i in range(n)], "parent_name": ["P"] * n,
                         "networks": networks, "people": people or networks})


def test_measures_by_hand():
    m = depth.measures(activity([0, 1, 3, 0]))
    assert m["n_entities"] == 4 and m["reached"] == 2
    assert m["breadth"] == 0.5
    assert m["depth_mean"] == 2.0 and m["depth_median"] == 2.0 and m["depth_max"] == 3
    assert m["hhi"] == pytest.approx((1 / 4) ** 2 + (3 / 4) ** 2)
    assert m["effective_n"] == pytest.approx(1 / m["hhi"])
    assert m["gini"] == pytest.approx(0.625)
    by_people = depth.measures(activity([1, 1], people=[1, 3]), by="people")
    assert by_people["hhi"] == pytest.approx(0.625) and by_people["depth_mean"] == 1.0


def test_depth_distribution_counts_and_groups():
    dist = depth.depth_distribution(activity([0, 1, 3, 0, 2]), k=3)
    expected = pd.DataFrame({"networks": [0, 1, 2, 3], "entities": [2, 1, 1, 1],
                             "group": ["none", "once", "between", "deep"]})
    pd.testing.assert_frame_equal(dist, expected, check_dtype=False)


def test_the_path_moves_from_deep_to_broad():
    o = org()
    p = pd.DataFrame({
        "network_id": ["N1", "N2", "N1", "N2"],
        "unit_id": ["U1", "U1", "U2", "U3"],
        "joined_on": [T("2014-01-01"), T("2014-01-01"), T("2015-01-01"), T("2015-01-01")],
        "left_on": [T("2014-12-31"), T("2014-12-31"), NaT, NaT],
        "people": [1, 1, 1, 1],
    })
    wins = depth.windows(date(2014, 1, 1), date(2015, 12, 31), "year")
    route = depth.path(depth.links(p, nets(), o, "unit", wins), depth.entity_frame(o, "unit"), wins)
    assert route["breadth"].tolist() == pytest.approx([1 / 3, 2 / 3])
    assert route["depth_mean"].tolist() == [2.0, 1.0]
    assert route["hhi"].tolist() == pytest.approx([1.0, 0.5])
    assert route["networks"].tolist() == [2, 2]


# -- value per entity -------------------------------------------------------------------------------

def test_entity_values_average_the_networks_scores_and_skip_missing_legs():
    lk = pd.DataFrame({"period": [T("2014-01-01")] * 3, "entity_id": ["U1", "U1", "U2"],
                       "network_id": ["N1", "N2", "N1"], "people": [1, 1, 1]})
    scores = pd.DataFrame({"network_id": ["N1", "N2"], "citizen": [40.0, 60.0], "economy": [np.nan, 20.0],
                           "staff": [10.0, 30.0], "overall": [25.0, 35.0]})
    out = depth.entity_values(lk, scores)
    expected = pd.DataFrame({"period": [T("2014-01-01")] * 2, "entity_id": ["U1", "U2"], "citizen": [50.0, 40.0],
                             "economy": [20.0, np.nan], "staff": [20.0, 10.0], "overall": [30.0, 25.0],
                             "n_scored": [2, 1]})
    pd.testing.assert_frame_equal(out, expected, check_dtype=False)
    table = depth.unit_table(activity([2, 1, 0]).assign(entity_id=["U1", "U2", "U3"]), out, k=2)
    assert table["group"].tolist() == ["deep", "once", "none"]
    assert table["n_scored"].tolist() == [2, 1, 0]


def test_entity_values_by_period_match_network_and_period():
    lk = pd.DataFrame({"period": [T("2014-01-01"), T("2015-01-01")], "entity_id": ["U1", "U1"],
                       "network_id": ["N1", "N1"], "people": [1, 1]})
    scores = pd.DataFrame({"network_id": ["N1", "N1"], "period": [T("2014-01-01"), T("2015-01-01")],
                           "citizen": [10.0, 70.0], "economy": [1.0, 1.0], "staff": [1.0, 1.0],
                           "overall": [4.0, 24.0]})
    assert depth.entity_values(lk, scores)["citizen"].tolist() == [10.0, 70.0]


# -- trend ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("p", "df", "expected"), [
    (0.975, 1, 12.706205), (0.975, 2, 4.302653), (0.975, 3, 3.182446), (0.975, 5, 2.570582),
    (0.975, 10, 2.228139), (0.975, 30, 2.042272), (0.995, 3, 5.840909), (0.95, 20, 1.724718),
    (0.975, 100000, 1.959988),
])
def test_t_quantile_matches_the_tables(p, df, expected):
    assert depth.t_quantile(p, df) == pytest.approx(expected, abs=2e-6)
    assert depth.t_quantile(1 - p, df) == pytest.approx(-expected, abs=2e-6)


def test_the_fit_recovers_an_exact_line():
    x = np.array([1, 2, 3, 4, 5, 6.0])
    f = depth.linear_fit(x, 2 + 3 * x)
    assert f["slope"] == pytest.approx(3) and f["intercept"] == pytest.approx(2)
    assert f["slope_lo"] == pytest.approx(3) and f["slope_hi"] == pytest.approx(3)
    assert f["r2"] == pytest.approx(1)
    band = depth.fit_band(x, 2 + 3 * x, [0, 10])
    assert band["fit"].tolist() == pytest.approx([2, 32])
    assert band["lo"].tolist() == pytest.approx([2, 32]) and band["hi"].tolist() == pytest.approx([2, 32])


def test_the_confidence_band_by_hand():
    # x 0..3, y 1 3 2 5: slope 1.1, intercept 1.1, SSR 2.7, s^2 = 1.35, t(0.975, 2) = 4.302653.
    x, y = [0, 1, 2, 3], [1, 3, 2, 5]
    f = depth.linear_fit(x, y)
    assert f["slope"] == pytest.approx(1.1) and f["intercept"] == pytest.approx(1.1)
    s = math.sqrt(1.35)
    half_slope = 4.302653 * s / math.sqrt(5)
    assert f["slope_lo"] == pytest.approx(1.1 - half_slope, abs=1e-5)
    band = depth.fit_band(x, y, [1.5, 0.0])
    half = [4.302653 * s * math.sqrt(1 / 4), 4.302653 * s * math.sqrt(1 / 4 + 2.25 / 5)]
    assert (band["hi"] - band["fit"]).tolist() == pytest.approx(half, abs=1e-5)
    assert (band["fit"] - band["lo"]).tolist() == pytest.approx(half, abs=1e-5)


def test_the_fit_needs_points_that_vary():
    assert math.isnan(depth.linear_fit([2, 2, 2], [1, 2, 3])["slope"])
    two = depth.linear_fit([1, 2], [1, 3])
    assert two["slope"] == pytest.approx(2) and math.isnan(two["slope_lo"])


def test_repeated_entities_get_cluster_robust_errors():
    rng = np.random.default_rng(4)
    x = rng.integers(1, 6, 12).astype(float)
    y = 50 + 2 * x + rng.normal(0, 5, 12)
    # Each entity seen twice with the same numbers: the classic fit would count it as twice the evidence.
    xx, yy, cl = np.repeat(x, 2), np.repeat(y, 2), np.repeat(np.arange(12), 2)
    naive = depth.linear_fit(xx, yy)
    robust = depth.linear_fit(xx, yy, clusters=cl)
    assert robust["robust"] == 1.0 and naive["robust"] == 0.0
    assert robust["slope"] == pytest.approx(naive["slope"])
    # By hand: CR1 on the doubled data equals c * HC0 of the single data, c = G/(G-1) * (2n-1)/(2n-2).
    X = np.column_stack([np.ones(12), x])
    inv = np.linalg.inv(X.T @ X)
    u = y - X @ (inv @ X.T @ y)
    hc0 = inv @ (X.T * u**2) @ X @ inv
    c = 12 / 11 * 23 / 22
    half = depth.t_quantile(0.975, 11) * math.sqrt(c * hc0[1, 1])
    assert robust["slope_hi"] - robust["slope"] == pytest.approx(half)
    assert robust["slope_hi"] - robust["slope"] > naive["slope_hi"] - naive["slope"]
    one_each = depth.linear_fit(x, y, clusters=np.arange(12))
    assert one_each == depth.linear_fit(x, y)


def units_frame(networks: list[int], values: list[float], entities: list[str] | None = None) -> pd.DataFrame:
    n = len(networks)
    data = {"period": [T("2014-01-01")] * n, "entity_id": entities or [f"E{i}" for i in range(n)],
            "name": [f"E{i}" for i in range(n)], "parent_name": ["P"] * n, "networks": networks, "people": networks,
            "group": ["x"] * n, "n_scored": networks}
    for c in depth.VALUE_COLUMNS:
        data[c] = values
    return pd.DataFrame(data)


def test_value_depth_fits_per_leg():
    units = units_frame([0, 1, 2, 3, 4], [np.nan, 12.0, 14.0, 16.0, 18.0])
    fits, bands = depth.value_depth_fits(units, points=3)
    assert fits["perspective"].tolist() == list(depth.VALUE_COLUMNS)
    assert fits["slope"].tolist() == pytest.approx([2.0] * 4)
    assert fits["n"].tolist() == [4] * 4
    citizen = bands[bands["perspective"] == "citizen"]
    assert citizen["x"].tolist() == [1.0, 2.5, 4.0] and citizen["fit"].tolist() == pytest.approx([12, 15, 18])


# -- bootstrap ---------------------------------------------------------------------------------------

def test_the_bootstrap_is_reproducible_with_a_seed():
    a, b = [60, 65, 58, 70, 62], [50, 55, 49, 52]
    assert depth.bootstrap_diff(a, b, seed=7) == depth.bootstrap_diff(a, b, seed=7)
    assert depth.bootstrap_diff(a, b, seed=7) != depth.bootstrap_diff(a, b, seed=8)


def test_the_bootstrap_covers_a_known_difference_and_excludes_zero():
    rng = np.random.default_rng(11)
    once = rng.normal(50, 6, 30)
    deep = rng.normal(50, 6, 25) + 10  # the true difference is 10
    lo, hi = depth.bootstrap_diff(deep, once, resamples=2000, seed=2013)
    assert lo < 10 < hi
    assert lo > 0
    exact = depth.bootstrap_diff(once + 10, once, seed=1)
    assert exact[0] < 10 < exact[1]


def test_the_cluster_bootstrap_does_not_count_repeated_years_as_new_evidence():
    rng = np.random.default_rng(3)
    a, b = rng.normal(55, 8, 8), rng.normal(50, 8, 8)
    values = np.repeat(np.concatenate([a, b]), 5)  # every entity five years, the same value
    in_a = np.repeat([True] * 8 + [False] * 8, 5)
    clusters = np.repeat(np.arange(16), 5)
    lo, hi = depth.cluster_bootstrap_diff(values, in_a, ~in_a, clusters, seed=5)
    assert (lo, hi) == depth.cluster_bootstrap_diff(values, in_a, ~in_a, clusters, seed=5)
    naive = depth.bootstrap_diff(values[in_a], values[~in_a], seed=5)
    single = depth.bootstrap_diff(a, b, seed=5)
    assert hi - lo > 1.5 * (naive[1] - naive[0])
    assert hi - lo == pytest.approx(single[1] - single[0], rel=0.35)


def test_verdicts():
    assert depth.verdict(5, 5, 1.0, 9.0) == "higher"
    assert depth.verdict(5, 5, -9.0, -1.0) == "lower"
    assert depth.verdict(5, 5, -1.0, 9.0) == "cannot_tell"
    assert depth.verdict(2, 5, 1.0, 9.0) == "too_few"
    assert depth.verdict(5, 5, math.nan, math.nan) == "too_few"


def test_compare_deep_once_by_hand():
    units = units_frame([1, 1, 1, 2, 3, 3, 4, 0], [40.0, 42.0, 44.0, 99.0, 60.0, 62.0, 64.0, np.nan])
    out = depth.compare_deep_once(units, k=3, columns=("citizen",), seed=1)
    row = out.iloc[0]
    assert (row["n_deep"], row["n_once"], row["units_deep"], row["units_once"]) == (3, 3, 3, 3)
    assert row["mean_deep"] == pytest.approx(62) and row["mean_once"] == pytest.approx(42)
    assert row["diff"] == pytest.approx(20)
    # Any resample's difference lies between 60 - 44 = 16 and 64 - 40 = 24.
    assert 16 <= row["lo"] < 20 < row["hi"] <= 24
    assert row["verdict"] == "higher"
    k2 = depth.compare_deep_once(units, k=2, columns=("citizen",), seed=1).iloc[0]
    assert k2["n_deep"] == 4 and k2["mean_deep"] == pytest.approx((99 + 60 + 62 + 64) / 4)
    few = depth.compare_deep_once(units, k=4, columns=("citizen",)).iloc[0]
    assert few["verdict"] == "too_few" and few["n_deep"] == 1
    with pytest.raises(ValueError):
        depth.compare_deep_once(units, k=1)


def test_compare_counts_entities_not_entity_years_for_too_few():
    units = units_frame([1, 1, 1, 3, 3, 3], [40.0, 41, 42, 60, 61, 62], entities=["A", "A", "B", "C", "C", "C"])
    row = depth.compare_deep_once(units, k=3, columns=("citizen",)).iloc[0]
    assert (row["n_once"], row["units_once"], row["units_deep"]) == (3, 2, 1)
    assert row["verdict"] == "too_few"


# -- sentences ---------------------------------------------------------------------------------------

def comparison_row(verdict: str, diff: float, lo: float, hi: float, n_deep=12, n_once=31, **kw) -> dict:
    return {"perspective": "staff", "k": 3, "n_deep": n_deep, "n_once": n_once, "units_deep": kw.get("u_deep", n_deep),
            "units_once": kw.get("u_once", n_once), "diff": diff, "lo": lo, "hi": hi, "verdict": verdict}


def test_the_sentence_says_higher_with_numbers_and_n():
    en = depth.sentence(comparison_row("higher", 8.0, 2.0, 14.0), "unit", "en")
    assert en == ("Units with 3 or more networks score 8.0 points higher on the staff perspective (well-being and "
                  "skills) than units with one network (95% interval of the difference 2.0 to 14.0; n = 12 and 31).")
    da = depth.sentence(comparison_row("higher", 8.0, 2.0, 14.0), "unit", "da")
    assert "8,0 point højere" in da and "2,0 til 14,0" in da and "n = 12 og 31" in da


def test_the_sentence_says_cannot_tell_when_the_interval_spans_zero():
    row = comparison_row(depth.verdict(12, 31, -3.5, 9.0), 2.5, -3.5, 9.0)
    en = depth.sentence(row, "centre", "en")
    assert "cannot tell" in en and "−3.5 to 9.0" in en and "includes zero" in en and "centres" in en
    assert "kan ikke afgøre" in depth.sentence(row, "centre", "da")


def test_the_sentence_says_cannot_tell_with_too_few_on_a_side():
    row = comparison_row(depth.verdict(2, 31, 1.0, 9.0), 5.0, 1.0, 9.0, n_deep=2)
    en = depth.sentence(row, "unit", "en")
    assert "cannot tell" in en and "too few units" in en and "at least 3" in en


def test_the_sentence_names_unit_years_when_counted_year_by_year():
    row = comparison_row("lower", -8.7, -13.9, -2.5, n_deep=31, n_once=43, u_deep=8, u_once=21)
    en = depth.sentence(row, "unit", "en", per="year")
    assert "8.7 points lower" in en and "in a year" in en
    assert "n = 31 and 43 unit-years from 8 and 21 units" in en


def test_the_sentence_keeps_plain_n_when_every_entity_appears_once():
    row = comparison_row("higher", 11.3, 3.3, 20.2, n_deep=13, n_once=9)
    en = depth.sentence(row, "unit", "en", per="year")
    assert "n = 13 and 9)" in en and "unit-years" not in en


def test_fmt_number():
    assert depth.fmt_number(-1.54, "da") == "−1,5"
    assert depth.fmt_number(2.0, "en") == "2.0"
    assert depth.fmt_number(-0.01, "en") == "0.0"
    assert depth.fmt_number(math.nan) == "–"


# -- the whole analysis on a small scored example ------------------------------------------------------

def indicators() -> pd.DataFrame:
    return pd.DataFrame({"indicator_id": ["c", "e", "s"], "name": ["c", "e", "s"],
                         "perspective": ["citizen", "economy", "staff"], "unit": ["", "", ""],
                         "worst": [0.0, 0.0, 0.0], "best": [100.0, 100.0, 100.0]})


def stats_year() -> pd.DataFrame:
    rows = []
    for nid, v in (("N1", 80.0), ("N2", 40.0), ("N3", 10.0), ("N4", 60.0)):
        for ind in ("c", "e", "s"):
            rows.append({"network_id": nid, "indicator_id": ind, "period": T("2014-01-01"), "n": 1, "value_mean": v,
                         "value_sum": v, "n_self_reported": 1, "n_measured": 0, "n_evaluated_internal": 0,
                         "n_evaluated_external": 0})
    return pd.DataFrame(rows)


def test_analyse_puts_it_together():
    a = depth.analyse(part(), nets(), org(), indicators(), stats_year(), start=date(2014, 1, 1),
                      end=date(2014, 12, 31), level="unit", basis="year", grain="quarter", k=2)
    assert a.measures["reached"] == 3 and a.measures["breadth"] == 1.0
    assert a.unattributed == 1
    assert a.path["period"].tolist() == [T("2014-01-01"), T("2014-04-01"), T("2014-07-01"), T("2014-10-01")]
    u = a.units.set_index("entity_id")
    assert u.loc["U1", "citizen"] == pytest.approx(60.0)  # N1 80 and N2 40
    assert u.loc["U3", "overall"] == pytest.approx(60.0)
    assert a.comparison["verdict"].eq("too_few").all()
    whole_period = depth.analyse(part(), nets(), org(), indicators(), stats_year().drop(columns="period"),
                                 start=date(2014, 1, 1), end=date(2014, 12, 31), basis="period", k=2)
    assert whole_period.units.set_index("entity_id").loc["U1", "citizen"] == pytest.approx(60.0)
    with pytest.raises(ValueError):
        depth.analyse(part(), nets(), org(), indicators(), stats_year(), start=date(2014, 1, 1),
                      end=date(2014, 12, 31), basis="month")


def test_localised_table_headers_and_groups():
    units = units_frame([3, 1], [55.55, 40.0])
    units["group"] = ["deep", "once"]
    da = depth.localised_table(units, "year", 3, "da")
    assert list(da.columns[:4]) == ["År", "Id", "Navn", "Hører under"]
    assert da["Gruppe"].tolist() == ["Dybt (mindst 3)", "Ét netværk"]
    assert da["Borger"].tolist() == [55.6, 40.0]
    en = depth.localised_table(units, "period", 3, "en")
    assert "Year" not in en.columns and "Citizen" in en.columns


def test_the_downloaded_table_is_danish_excel_csv_and_neutralises_formulas():
    from netvalue import export

    units = units_frame([3, 1], [55.55, 40.0])
    units["group"] = ["deep", "once"]
    units["name"] = ["=1+1", "@SUM(A1)"]
    text = export.to_csv_bytes(depth.localised_table(units, "year", 3, "da"), danish=True).decode("utf-8-sig")
    header, first = text.splitlines()[:2]
    assert header.startswith('"År";"Id";"Navn";"Hører under";"Netværk')
    assert ';"\'=1+1";' in first and ';"\'@SUM(A1)";' in text, "text quoted, formulas neutralised"
    assert ";55,6;" in first
