"""netvalue.scoring: pure transforms from aggregated measurements to scores. Every expectation below is worked
out by hand from the catalogue and the stats rows in this file."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netvalue import scoring
from netvalue.schema import EVIDENCE_LEVELS, PERSPECTIVES

# indicator_id, name, perspective, unit, worst, best
CATALOGUE = pd.DataFrame(
    [
        ["sat", "Tilfredshed", "citizen", "skala 1-5", 1.0, 5.0],
        ["qual", "Livskvalitet", "citizen", "skala 0-10", 0.0, 10.0],
        ["sick", "Sygefravær", "staff", "dage", 20.0, 0.0],  # lower is better
        ["saved", "Sparet", "economy", "DKK", 0.0, 100_000.0],
        ["hrs", "Sparede timer", "economy", "timer", 0.0, 100.0],
        ["cost", "Investering", "input", "kr.", 100_000.0, 0.0],
    ],
    columns=["indicator_id", "name", "perspective", "unit", "worst", "best"],
).astype({"indicator_id": "str", "name": "str", "perspective": "str", "unit": "str"})

NETWORKS = pd.DataFrame(
    [["N1", "Opsporing", "welfare"], ["N2", "Frivillighed", "learning"], ["N3", "Sundhed på ny", "innovation"],
     ["N4", "Bo i Albertslund", "innovation"]],
    columns=["network_id", "name", "type"],
).astype("str")

STAT_COLS = ["network_id", "indicator_id", "n", "value_mean", "value_sum", *(f"n_{lvl}" for lvl in EVIDENCE_LEVELS)]


def stats_frame(rows: list[tuple], period: bool = False) -> pd.DataFrame:
    cols = STAT_COLS if not period else [*STAT_COLS[:2], "period", *STAT_COLS[2:]]
    df = pd.DataFrame(rows, columns=cols)
    df = df.astype({"network_id": "str", "indicator_id": "str", "n": "int64", "value_mean": "float64",
                    "value_sum": "float64", **{f"n_{lvl}": "int64" for lvl in EVIDENCE_LEVELS}})
    if period:
        df["period"] = pd.to_datetime(df["period"])
    return df


# network, indicator, n, mean, sum, n_self_reported, n_measured, n_evaluated_internal, n_evaluated_external
STATS = stats_frame([
    ("N1", "sat", 2, 4.5, 9.0, 1, 1, 0, 0),             # (4.5-1)/4 = 0.875 -> 87.5
    ("N1", "qual", 1, 2.5, 2.5, 0, 1, 0, 0),            # 2.5/10 -> 25
    ("N1", "sick", 1, 10.0, 10.0, 1, 0, 0, 0),          # (10-20)/(0-20) = 0.5 -> 50
    ("N1", "saved", 1, 50_000.0, 50_000.0, 0, 0, 0, 1),  # 50
    ("N1", "cost", 1, 20_000.0, 20_000.0, 0, 1, 0, 0),   # input: no score
    ("N2", "sat", 1, 3.0, 3.0, 1, 0, 0, 0),             # 50
    ("N2", "sick", 1, 25.0, 25.0, 0, 1, 0, 0),          # -0.25 clipped -> 0
    ("N2", "saved", 1, 150_000.0, 150_000.0, 0, 0, 1, 0),  # 1.5 clipped -> 100
    ("N2", "hrs", 1, 50.0, 50.0, 1, 0, 0, 0),           # 50
    ("N3", "sat", 1, 4.0, 4.0, 1, 0, 0, 0),             # 75
    ("N3", "sick", 1, 15.0, 15.0, 1, 0, 0, 0),          # (15-20)/(-20) = 0.25 -> 25
])

# Perspective means by hand.
N1 = {"citizen": (87.5 + 25) / 2, "economy": 50.0, "staff": 50.0}
N2 = {"citizen": 50.0, "economy": (100 + 50) / 2, "staff": 0.0}
N3 = {"citizen": 75.0, "economy": np.nan, "staff": 25.0}


def persp_frame(rows: dict[str, dict[str, float]]) -> pd.DataFrame:
    return pd.DataFrame([{"network_id": k, **v} for k, v in rows.items()]).astype(
        {"network_id": "str", **dict.fromkeys(PERSPECTIVES, "float64")})


# -- indicator scores ----------------------------------------------------------------------------------


def test_indicator_scores_by_hand_with_clipping_and_lower_is_better():
    got = scoring.indicator_scores(STATS, CATALOGUE)
    expected = pd.DataFrame(
        [["N1", "qual", "citizen", 2.5, 25.0, 1], ["N1", "sat", "citizen", 4.5, 87.5, 2],
         ["N1", "saved", "economy", 50_000.0, 50.0, 1], ["N1", "sick", "staff", 10.0, 50.0, 1],
         ["N2", "hrs", "economy", 50.0, 50.0, 1], ["N2", "sat", "citizen", 3.0, 50.0, 1],
         ["N2", "saved", "economy", 150_000.0, 100.0, 1], ["N2", "sick", "staff", 25.0, 0.0, 1],
         ["N3", "sat", "citizen", 4.0, 75.0, 1], ["N3", "sick", "staff", 15.0, 25.0, 1]],
        columns=["network_id", "indicator_id", "perspective", "value", "score", "n"],
    ).astype({"network_id": "str", "indicator_id": "str", "perspective": "str", "n": "int64"})
    pd.testing.assert_frame_equal(got, expected)


@pytest.mark.parametrize(
    ("worst", "best", "value", "score"),
    [(1, 5, 1, 0.0), (1, 5, 5, 100.0), (1, 5, 3, 50.0), (1, 5, 0, 0.0), (1, 5, 9, 100.0),
     (20, 0, 0, 100.0), (20, 0, 20, 0.0), (20, 0, 5, 75.0), (20, 0, 30, 0.0), (20, 0, -1, 100.0),
     (-10, 10, 0, 50.0)],
)
def test_indicator_score_formula(worst, best, value, score):
    cat = pd.DataFrame([["x", "X", "citizen", "", float(worst), float(best)]], columns=CATALOGUE.columns)
    stats = stats_frame([("N1", "x", 1, float(value), float(value), 1, 0, 0, 0)])
    assert scoring.indicator_scores(stats, cat)["score"].tolist() == [score]


def test_indicator_scores_leave_out_input_and_uncatalogued_indicators():
    stats = stats_frame([("N1", "cost", 1, 1.0, 1.0, 1, 0, 0, 0), ("N1", "ghost", 1, 1.0, 1.0, 1, 0, 0, 0)])
    assert scoring.indicator_scores(stats, CATALOGUE).empty


def test_indicator_scores_keep_the_period():
    stats = stats_frame([("N1", "sat", "2014-02-01", 1, 5.0, 5.0, 1, 0, 0, 0),
                         ("N1", "sat", "2014-01-01", 1, 3.0, 3.0, 1, 0, 0, 0)], period=True)
    got = scoring.indicator_scores(stats, CATALOGUE)
    assert got.columns.tolist() == ["network_id", "indicator_id", "period", "perspective", "value", "score", "n"]
    assert got["period"].dt.strftime("%Y-%m").tolist() == ["2014-01", "2014-02"]
    assert got["score"].tolist() == [50.0, 100.0]


# -- perspectives, overall, balance -------------------------------------------------------------------------


def test_perspective_scores_are_means_of_indicator_scores():
    got = scoring.perspective_scores(scoring.indicator_scores(STATS, CATALOGUE))
    pd.testing.assert_frame_equal(got, persp_frame({"N1": N1, "N2": N2, "N3": N3}))


def test_perspective_scores_of_nothing():
    empty = scoring.indicator_scores(STATS.iloc[:0], CATALOGUE)
    got = scoring.perspective_scores(empty)
    assert got.columns.tolist() == ["network_id", *PERSPECTIVES]
    assert got.empty


def test_overall_with_equal_weights_renormalised_over_present_perspectives():
    persp = persp_frame({"N1": N1, "N2": N2, "N3": N3})
    got = scoring.overall_score(persp)
    expected = [(N1["citizen"] + 50 + 50) / 3, (50 + 75 + 0) / 3, (75 + 25) / 2]
    np.testing.assert_allclose(got.to_numpy(), expected)
    assert got.name == "overall"
    assert got.index.equals(persp.index)


def test_overall_with_custom_weights():
    persp = persp_frame({"N1": N1, "N2": N2, "N3": N3})
    got = scoring.overall_score(persp, {"citizen": 2, "economy": 1, "staff": 1})
    expected = [(2 * 56.25 + 50 + 50) / 4, (2 * 50 + 75 + 0) / 4, (2 * 75 + 25) / 3]
    np.testing.assert_allclose(got.to_numpy(), expected)


def test_overall_is_nan_when_no_present_perspective_has_weight():
    persp = persp_frame({"N1": N1, "N3": N3, "N4": dict.fromkeys(PERSPECTIVES, np.nan)})
    got = scoring.overall_score(persp, {"economy": 1})
    assert got.iloc[0] == 50.0
    assert got.iloc[1:].isna().all()


def test_normalise_weights():
    assert scoring.normalise_weights() == pytest.approx(dict.fromkeys(PERSPECTIVES, 1 / 3))
    assert scoring.normalise_weights({"citizen": 2, "economy": 1, "staff": 1}) == {
        "citizen": 0.5, "economy": 0.25, "staff": 0.25}
    assert scoring.normalise_weights({"staff": 3}) == {"citizen": 0.0, "economy": 0.0, "staff": 1.0}


@pytest.mark.parametrize(
    "weights",
    [{"citizen": 0, "economy": 0, "staff": 0}, {}, {"citizen": -1, "economy": 1, "staff": 1},
     {"citizen": float("nan"), "economy": 1, "staff": 1}, {"citizen": float("inf")}, {"input": 1, "citizen": 1}],
)
def test_normalise_weights_rejects(weights):
    with pytest.raises(ValueError):
        scoring.normalise_weights(weights)


def test_balance():
    persp = persp_frame({"N1": N1, "N2": N2, "N3": N3,
                         "N5": {"citizen": 40.0, "economy": 40.0, "staff": 40.0}})
    got = scoring.balance(persp)
    assert got.name == "balance"
    assert got.iloc[0] == pytest.approx(1 - (56.25 - 50) / 100)
    assert got.iloc[1] == pytest.approx(1 - (75 - 0) / 100)
    assert np.isnan(got.iloc[2])  # economy not measured
    assert got.iloc[3] == 1.0


def test_with_value_adds_overall_and_balance_to_a_copy():
    persp = persp_frame({"N1": N1})
    got = scoring.with_value(persp, {"citizen": 1, "economy": 0, "staff": 0})
    assert got.columns.tolist() == ["network_id", *PERSPECTIVES, "overall", "balance"]
    assert got["overall"].tolist() == [56.25]
    assert got["balance"].tolist() == [pytest.approx(0.9375)]
    assert "overall" not in persp


# -- evidence and kroner ------------------------------------------------------------------------------------


def test_evidence_mix_of_value_indicators():
    got = scoring.evidence_mix(STATS, CATALOGUE)
    expected = pd.DataFrame(
        [["N1", 5, 2 / 5, 2 / 5, 0.0, 1 / 5], ["N2", 4, 2 / 4, 1 / 4, 1 / 4, 0.0], ["N3", 2, 1.0, 0.0, 0.0, 0.0]],
        columns=["network_id", "n", *(f"share_{lvl}" for lvl in EVIDENCE_LEVELS)],
    ).astype({"network_id": "str", "n": "int64"})
    pd.testing.assert_frame_equal(got, expected)


def test_evidence_mix_without_catalogue_counts_every_measurement():
    got = scoring.evidence_mix(STATS)
    n1 = got[got["network_id"] == "N1"].iloc[0]
    assert n1["n"] == 6  # the input measurement counts too
    assert [n1[f"share_{lvl}"] for lvl in EVIDENCE_LEVELS] == pytest.approx([2 / 6, 3 / 6, 0, 1 / 6])


def test_evidence_shares_sum_to_one():
    got = scoring.evidence_mix(STATS, CATALOGUE)
    np.testing.assert_allclose(got[[f"share_{lvl}" for lvl in EVIDENCE_LEVELS]].sum(axis=1), 1.0)


def test_net_dkk_is_saved_minus_cost():
    got = scoring.net_dkk(STATS, CATALOGUE)
    expected = pd.DataFrame(
        [["N1", 50_000.0, 20_000.0, 30_000.0], ["N2", 150_000.0, 0.0, 150_000.0]],
        columns=["network_id", "saved_dkk", "cost_dkk", "net_dkk"],
    ).astype({"network_id": "str"})
    pd.testing.assert_frame_equal(got, expected)


def test_net_dkk_uses_the_sum_over_the_window_and_only_kroner_units():
    stats = stats_frame([("N1", "saved", 3, 10_000.0, 30_000.0, 3, 0, 0, 0),
                         ("N1", "hrs", 1, 99.0, 99.0, 1, 0, 0, 0),
                         ("N1", "cost", 2, 4_000.0, 8_000.0, 2, 0, 0, 0)])
    got = scoring.net_dkk(stats, CATALOGUE)
    assert got[["saved_dkk", "cost_dkk", "net_dkk"]].values.tolist() == [[30_000.0, 8_000.0, 22_000.0]]


# -- per network and over time --------------------------------------------------------------------------------


def test_network_scores_include_networks_without_measurements():
    got = scoring.network_scores(STATS, CATALOGUE, NETWORKS)
    expected = pd.DataFrame(
        [["N1", "Opsporing", "welfare", 56.25, 50.0, 50.0, (56.25 + 100) / 3, 0.9375],
         ["N2", "Frivillighed", "learning", 50.0, 75.0, 0.0, 125 / 3, 0.25],
         ["N3", "Sundhed på ny", "innovation", 75.0, np.nan, 25.0, 50.0, np.nan],
         ["N4", "Bo i Albertslund", "innovation", np.nan, np.nan, np.nan, np.nan, np.nan]],
        columns=["network_id", "name", "type", *PERSPECTIVES, "overall", "balance"],
    ).astype({"network_id": "str", "name": "str", "type": "str"})
    pd.testing.assert_frame_equal(got, expected)


def test_network_scores_with_weights_and_no_stats_at_all():
    got = scoring.network_scores(STATS, CATALOGUE, NETWORKS, {"citizen": 2, "economy": 1, "staff": 1})
    np.testing.assert_allclose(got["overall"].to_numpy()[:3], [53.125, 43.75, 175 / 3])
    empty = scoring.network_scores(STATS.iloc[:0], CATALOGUE, NETWORKS)
    assert empty["network_id"].tolist() == ["N1", "N2", "N3", "N4"]
    assert empty[[*PERSPECTIVES, "overall", "balance"]].isna().all().all()


PERIOD_STATS = stats_frame([
    ("N1", "sat", "2014-01-01", 1, 5.0, 5.0, 1, 0, 0, 0),           # 100
    ("N2", "sat", "2014-01-01", 1, 1.0, 1.0, 1, 0, 0, 0),           # 0
    ("N1", "sick", "2014-01-01", 1, 0.0, 0.0, 1, 0, 0, 0),          # 100
    ("N1", "sat", "2014-02-01", 1, 3.0, 3.0, 1, 0, 0, 0),           # 50
    ("N1", "saved", "2014-02-01", 1, 25_000.0, 25_000.0, 1, 0, 0, 0),  # 25
    ("N1", "cost", "2014-02-01", 1, 1.0, 1.0, 1, 0, 0, 0),          # input: ignored
], period=True)


def test_trend_per_period():
    got = scoring.trend(PERIOD_STATS, CATALOGUE)
    expected = pd.DataFrame(
        {"period": pd.to_datetime(["2014-01-01", "2014-02-01"]),
         "citizen": [(100 + 0) / 2, 50.0], "economy": [np.nan, 25.0], "staff": [100.0, np.nan],
         "overall": [(50 + 100) / 2, (50 + 25) / 2]})
    pd.testing.assert_frame_equal(got, expected)


def test_trend_with_custom_weights_and_empty_input():
    got = scoring.trend(PERIOD_STATS, CATALOGUE, {"citizen": 1, "economy": 3, "staff": 0})
    assert got["overall"].tolist() == [50.0, (50 + 3 * 25) / 4]
    empty = scoring.trend(PERIOD_STATS.iloc[:0], CATALOGUE)
    assert empty.empty
    assert empty.columns.tolist() == ["period", *PERSPECTIVES, "overall"]


# -- purity ----------------------------------------------------------------------------------------------------


def test_transforms_do_not_mutate_their_inputs():
    inputs = {"stats": STATS.copy(deep=True), "cat": CATALOGUE.copy(deep=True), "nets": NETWORKS.copy(deep=True),
              "pstats": PERIOD_STATS.copy(deep=True)}
    before = copy.deepcopy(inputs)
    ind = scoring.indicator_scores(inputs["stats"], inputs["cat"])
    ind_before = ind.copy(deep=True)
    persp = scoring.perspective_scores(ind)
    persp_before = persp.copy(deep=True)
    scoring.overall_score(persp)
    scoring.balance(persp)
    scoring.with_value(persp)
    scoring.evidence_mix(inputs["stats"], inputs["cat"])
    scoring.net_dkk(inputs["stats"], inputs["cat"])
    scoring.network_scores(inputs["stats"], inputs["cat"], inputs["nets"])
    scoring.trend(inputs["pstats"], inputs["cat"])
    weights = {"citizen": 2.0, "economy": 1.0, "staff": 1.0}
    scoring.normalise_weights(weights)
    assert weights == {"citizen": 2.0, "economy": 1.0, "staff": 1.0}
    pd.testing.assert_frame_equal(ind, ind_before)
    pd.testing.assert_frame_equal(persp, persp_before)
    for k in inputs:
        pd.testing.assert_frame_equal(inputs[k], before[k], obj=k)


# -- properties ------------------------------------------------------------------------------------------------

# Bounded magnitudes: beyond ~1e150 the difference of two doubles can overflow to inf (see the report).
_num = st.floats(-1e9, 1e9, allow_nan=False)


@st.composite
def _case(draw):
    n_ind = draw(st.integers(1, 5))
    cat_rows, stat_rows = [], []
    for i in range(n_ind):
        worst = draw(_num)
        best = draw(_num.filter(lambda b, w=worst: b != w))
        cat_rows.append([f"i{i}", f"I{i}", draw(st.sampled_from([*PERSPECTIVES, "input"])), "", worst, best])
    for net in ("N1", "N2", "N3"):
        for i in range(n_ind):
            if draw(st.booleans()):
                v = draw(_num)
                stat_rows.append((net, f"i{i}", 1, v, v, 1, 0, 0, 0))
    cat = pd.DataFrame(cat_rows, columns=CATALOGUE.columns)
    w = draw(st.fixed_dictionaries(dict.fromkeys(PERSPECTIVES, st.floats(0, 100))).filter(
        lambda d: sum(d.values()) > 0))
    return stats_frame(stat_rows), cat, w


@settings(max_examples=80, deadline=None)
@given(_case())
def test_scores_stay_within_0_100_and_balance_within_0_1(case):
    stats, cat, weights = case
    ind = scoring.indicator_scores(stats, cat)
    assert ind["score"].notna().all()
    assert ind["score"].between(0, 100).all()
    net = scoring.network_scores(stats, cat, NETWORKS, weights)
    for col in (*PERSPECTIVES, "overall"):
        vals = net[col].dropna()
        assert vals.between(0, 100).all(), col
    b = net["balance"].dropna()
    assert b.between(0, 1).all()
    # balance is defined exactly when all three legs are measured
    assert (net["balance"].notna() == net[list(PERSPECTIVES)].notna().all(axis=1)).all()
    # overall is a weighted mean: between the lowest and highest leg present
    legs = net[list(PERSPECTIVES)]
    has = net["overall"].notna()
    assert (net.loc[has, "overall"] >= legs[has].min(axis=1) - 1e-9).all()
    assert (net.loc[has, "overall"] <= legs[has].max(axis=1) + 1e-9).all()


# -- the fast paths equal the plain pandas pipeline ---------------------------------------------------------------
# The straightforward merge/sort/groupby implementation the module used to have, kept as the oracle: the optimised
# functions must give the same frames to the bit (a mean depends on the order pandas adds the scores in, and on
# which of its methods it picks for the rows it is given).


def _ref_indicator_scores(stats: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    cat = indicators[["indicator_id", "perspective", "worst", "best"]]
    m = stats.merge(cat, on="indicator_id", how="inner")
    m = m[m["perspective"].isin(PERSPECTIVES)]
    span = (m["best"] - m["worst"]).replace(0, np.nan)
    score = 100 * ((m["value_mean"] - m["worst"]) / span).clip(0, 1)
    keys = [c for c in ("network_id", "indicator_id", "period") if c in m.columns]
    out = m[[*keys, "perspective"]].assign(value=m["value_mean"], score=score, n=m["n"])
    return out.sort_values(keys).reset_index(drop=True)


def _ref_perspective_scores(scores: pd.DataFrame, by: tuple[str, ...] = ("network_id",)) -> pd.DataFrame:
    by = list(by)
    if scores.empty:
        return pd.DataFrame({**{b: pd.Series(dtype=scores[b].dtype if b in scores else object) for b in by},
                             **{p: pd.Series(dtype="float64") for p in PERSPECTIVES}})
    wide = scores.groupby([*by, "perspective"], observed=True)["score"].mean().unstack("perspective")
    wide = wide.reindex(columns=list(PERSPECTIVES)).astype("float64")
    wide.columns.name = None
    return wide.reset_index()


def _ref_with_value(persp: pd.DataFrame, weights: dict[str, float] | None) -> pd.DataFrame:
    w = scoring.normalise_weights(weights)
    vals = persp[list(PERSPECTIVES)].to_numpy(dtype="float64")
    wv = np.array([w[p] for p in PERSPECTIVES])
    wsum = (~np.isnan(vals) * wv).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        overall = np.clip(np.where(wsum > 0, np.nansum(vals * wv, axis=1) / wsum, np.nan), 0, 100)
    legs = persp[list(PERSPECTIVES)]
    balance = 1 - (legs.max(axis=1, skipna=False) - legs.min(axis=1, skipna=False)) / 100
    return persp.assign(overall=pd.Series(overall, index=persp.index), balance=balance)


def _ref_network_scores(stats: pd.DataFrame, indicators: pd.DataFrame, networks: pd.DataFrame,
                        weights: dict[str, float] | None) -> pd.DataFrame:
    persp = _ref_with_value(_ref_perspective_scores(_ref_indicator_scores(stats, indicators)), weights)
    out = networks[["network_id", "name", "type"]].merge(persp, on="network_id", how="left")
    cols = ["network_id", "name", "type", *PERSPECTIVES, "overall", "balance"]
    return out[cols].sort_values("network_id").reset_index(drop=True)


# Ids whose sorted order differs from the order they are drawn in; "zz" ones are never drawn, so never catalogued.
_id = st.text(alphabet="abcXY_", min_size=1, max_size=3)


@st.composite
def _inputs(draw):
    ind_ids = draw(st.lists(_id, min_size=1, max_size=6, unique=True))
    cat_rows = []
    for i in ind_ids:
        worst, best = draw(st.one_of(
            st.just((0.0, 100.0)),  # score == value: the short decimals below, whose compensated mean depends on order
            _num.map(lambda w: (w, w)),  # best == worst: the indicator scores NaN
            st.tuples(_num, _num)))
        cat_rows.append([i, i.upper(), draw(st.sampled_from([*PERSPECTIVES, "input"])), "", worst, best])
    cat = pd.DataFrame(cat_rows, columns=CATALOGUE.columns).astype(
        {"indicator_id": "str", "name": "str", "perspective": "str", "unit": "str"})
    net_ids = draw(st.lists(_id, max_size=5, unique=True))
    nets = pd.DataFrame([[n, f"Net {n}", draw(st.sampled_from(["welfare", "learning"]))] for n in net_ids],
                        columns=["network_id", "name", "type"]).astype("str")
    periods = draw(st.integers(0, 3))  # 0: stats over the whole window, without a period column
    keys = [(n, i, p) for n in [*net_ids, "zz_net", "zz_other"] for i in [*ind_ids, "zz_ind"]
            for p in range(max(periods, 1))]
    chosen = draw(st.lists(st.sampled_from(keys), unique=True, max_size=len(keys)))  # in any order, maybe none
    rows = []
    for n, i, p in chosen:
        decimals = [0.0, 0.01, 0.1, 0.2, 0.7, 33.3, 66.7, 99.9]
        v = draw(st.one_of(_num, st.sampled_from([*decimals, *(r[4] for r in cat_rows)])))
        k = draw(st.integers(1, 5))
        rows.append((n, i, *([f"2014-0{p + 1}-01"] if periods else []), k, v, v * k, k, 0, 0, 0))
    stats = stats_frame(rows, period=bool(periods))
    weights = draw(st.one_of(st.none(), st.fixed_dictionaries(dict.fromkeys(PERSPECTIVES, st.floats(0, 100))).filter(
        lambda d: sum(d.values()) > 0)))
    return stats, cat, nets, weights


@settings(max_examples=150, deadline=None)
@given(_inputs())
def test_fast_scoring_equals_the_plain_pandas_pipeline(inputs):
    stats, cat, nets, weights = inputs
    exact = {"check_exact": True}
    ind = scoring.indicator_scores(stats, cat)
    pd.testing.assert_frame_equal(ind, _ref_indicator_scores(stats, cat), **exact)
    for by in [("network_id",), *([("network_id", "period"), ("period",)] if "period" in stats else [])]:
        persp = scoring.perspective_scores(ind, by)
        pd.testing.assert_frame_equal(persp, _ref_perspective_scores(ind, by), **exact)
        pd.testing.assert_frame_equal(scoring.with_value(persp, weights), _ref_with_value(persp, weights), **exact)
    pd.testing.assert_frame_equal(scoring.network_scores(stats, cat, nets, weights),
                                  _ref_network_scores(stats, cat, nets, weights), **exact)


# pandas' mean of scores 0.2, 0.1 and 0.01 is 0.10333333333333333 taken in that order, 0.10333333333333335 taken
# as 0.1, 0.2, 0.01 or 0.01, 0.2, 0.1: the plain pipeline takes a network's scores in key order, and so must we.
ORDER_CATALOGUE = pd.DataFrame(
    [[i, i.upper(), "citizen", "", 0.0, 100.0] for i in ("c", "a", "b")], columns=CATALOGUE.columns,
).astype({"indicator_id": "str", "name": "str", "perspective": "str", "unit": "str"})


def test_network_scores_add_a_networks_scores_in_indicator_order():
    stats = stats_frame([("N1", "b", 1, 0.1, 0.1, 1, 0, 0, 0), ("N1", "a", 1, 0.2, 0.2, 1, 0, 0, 0),
                         ("N1", "c", 1, 0.01, 0.01, 1, 0, 0, 0)])
    got = scoring.network_scores(stats, ORDER_CATALOGUE, NETWORKS)
    assert got["citizen"].iloc[0] == 0.10333333333333333
    pd.testing.assert_frame_equal(got, _ref_network_scores(stats, ORDER_CATALOGUE, NETWORKS, None), check_exact=True)
    assert scoring.perspective_scores(scoring.indicator_scores(stats, ORDER_CATALOGUE))["citizen"].tolist() == [
        0.10333333333333333]


def test_network_scores_add_an_indicators_periods_in_period_order():
    stats = stats_frame([("N1", "a", "2014-02-01", 1, 0.1, 0.1, 1, 0, 0, 0),
                         ("N1", "a", "2014-01-01", 1, 0.2, 0.2, 1, 0, 0, 0),
                         ("N1", "a", "2014-03-01", 1, 0.01, 0.01, 1, 0, 0, 0)], period=True)
    got = scoring.network_scores(stats, ORDER_CATALOGUE, NETWORKS)
    assert got["citizen"].iloc[0] == 0.10333333333333333
    pd.testing.assert_frame_equal(got, _ref_network_scores(stats, ORDER_CATALOGUE, NETWORKS, None), check_exact=True)


# pandas means a sorted run of groups with a plain sum, and unsorted groups with a compensated one, which differ
# for these four scores (0.25201171875 and 0.25201171875000006): rows the result leaves out still decide which.
FOUR_SCORES = (0.0, 0.01, 100 * (0.998046875 / 100), 0.0)
FOUR_CATALOGUE = pd.DataFrame(
    [[i, i.upper(), "citizen", "", 0.0, 100.0] for i in "abcd"], columns=CATALOGUE.columns,
).astype({"indicator_id": "str", "name": "str", "perspective": "str", "unit": "str"})


def test_network_scores_count_the_rows_of_networks_not_listed_as_the_plain_pipeline_does():
    stats = stats_frame([*(("N1", i, 1, v, v, 1, 0, 0, 0) for i, v in zip("abcd", FOUR_SCORES, strict=True)),
                         ("N9", "a", 1, 5.0, 5.0, 1, 0, 0, 0)])
    got = scoring.network_scores(stats, FOUR_CATALOGUE, NETWORKS)
    pd.testing.assert_frame_equal(got, _ref_network_scores(stats, FOUR_CATALOGUE, NETWORKS, None), check_exact=True)


def test_perspective_scores_count_other_perspectives_as_the_plain_pipeline_does():
    scores = pd.DataFrame({"network_id": ["N1"] * 5 + ["N2"], "perspective": ["citizen"] * 4 + ["input"] * 2,
                           "score": [*FOUR_SCORES, 5.0, 5.0]}).astype({"network_id": "str", "perspective": "str"})
    got = scoring.perspective_scores(scores)
    pd.testing.assert_frame_equal(got, _ref_perspective_scores(scores), check_exact=True)
    assert got["network_id"].tolist() == ["N1", "N2"]  # a network with only an input score is a row, all NaN
    assert got.loc[1, list(PERSPECTIVES)].isna().all()


def test_network_scores_of_empty_stats_equal_the_plain_pipeline():
    for stats in (STATS.iloc[:0], PERIOD_STATS.iloc[:0]):
        pd.testing.assert_frame_equal(scoring.network_scores(stats, CATALOGUE, NETWORKS),
                                      _ref_network_scores(stats, CATALOGUE, NETWORKS, None), check_exact=True)


def test_a_catalogue_with_a_repeated_indicator_id_is_refused():
    twice = pd.concat([CATALOGUE, CATALOGUE.iloc[:1]], ignore_index=True)
    with pytest.raises(ValueError, match="unique"):
        scoring.network_scores(STATS, twice, NETWORKS)
    with pytest.raises(ValueError, match="unique"):
        scoring.indicator_scores(STATS, twice)
