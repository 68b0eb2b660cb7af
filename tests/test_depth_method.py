"""The depth page's method text names the computation that ran: each sentence naming degrees of freedom, a
bootstrap scheme or what a point is, is chosen from depth.Method, and Method is read off the computation."""

from __future__ import annotations

import pandas as pd
import pytest

from netvalue import depth
from netvalue.store import Store

T = pd.Timestamp


def units(entities: list[str], networks: list[int], values: list[float], years: list[int] | None = None
          ) -> pd.DataFrame:
    n = len(entities)
    data = {"period": [T(f"{y}-01-01") for y in (years or [2014] * n)], "entity_id": entities, "name": entities,
            "parent_name": ["P"] * n, "networks": networks, "people": networks, "group": ["x"] * n,
            "n_scored": networks}
    for c in depth.VALUE_COLUMNS:
        data[c] = values
    return pd.DataFrame(data)


# One row per entity: what basis "period" gives.
PERIOD = units([f"E{i}" for i in range(9)], [1, 1, 1, 1, 3, 3, 4, 5, 2],
               [40.0, 45.0, 50.0, 42.0, 60.0, 58.0, 70.0, 66.0, 52.0])
# Four entities in three years each: what basis "year" gives (entity-years).
YEAR = units([e for e in ("A", "B", "C", "D") for _ in range(3)], [1, 3, 4, 1, 1, 3, 3, 4, 5, 1, 1, 2],
             [40.0, 60.0, 65.0, 45.0, 47.0, 62.0, 58.0, 70.0, 72.0, 41.0, 39.0, 50.0], [2014, 2015, 2016] * 4)


def run(u: pd.DataFrame, basis: str) -> tuple[pd.DataFrame, pd.DataFrame, depth.Method]:
    fits, _ = depth.value_depth_fits(u)
    comparison = depth.compare_deep_once(u, 3)
    return fits, comparison, depth.method_of(basis, fits, comparison)


def test_one_row_per_entity_runs_classic_errors_and_a_bootstrap_per_group():
    fits, comparison, method = run(PERIOD, "period")
    assert method == depth.Method(point="entity", trend="ols", interval="groups")
    reached = PERIOD[PERIOD["networks"] > 0]
    assert (fits["robust"] == 0.0).all() and (fits["df"] == len(reached) - 2).all()
    row = comparison.iloc[0]
    a = PERIOD.loc[PERIOD["networks"] >= 3, "citizen"].to_numpy()
    b = PERIOD.loc[PERIOD["networks"] == 1, "citizen"].to_numpy()
    assert (row["lo"], row["hi"]) == depth.bootstrap_diff(a, b)


def test_entity_years_run_cluster_robust_errors_and_a_cluster_bootstrap_by_entity():
    fits, comparison, method = run(YEAR, "year")
    assert method == depth.Method(point="entity_year", trend="cluster", interval="clusters")
    assert (fits["robust"] == 1.0).all() and (fits["df"] == YEAR["entity_id"].nunique() - 1).all()
    sub = YEAR[(YEAR["networks"] >= 3) | (YEAR["networks"] == 1)]
    expected = depth.cluster_bootstrap_diff(sub["citizen"], sub["networks"] >= 3, sub["networks"] == 1,
                                            sub["entity_id"])
    assert (comparison.iloc[0]["lo"], comparison.iloc[0]["hi"]) == expected
    assert (comparison["interval"] == "clusters").all()


def test_year_basis_with_each_entity_once_is_named_as_what_ran():
    """A one-year window: basis "year" yet every entity is one row, so the plain methods run and are named."""
    one_year = PERIOD.assign(period=T("2014-01-01"))
    _, _, method = run(one_year, "year")
    assert method == depth.Method(point="entity_year", trend="ols", interval="groups")


def test_too_few_points_name_no_interval():
    tiny = units(["A", "B"], [1, 3], [40.0, 60.0])
    _, _, method = run(tiny, "period")
    assert method.trend == "none"


# What each text says, for each method
DF_OLS = {"da": "n − 2 frihedsgrader", "en": "n − 2 degrees of freedom"}
DF_CLUSTER = {"da": "G − 1 frihedsgrader", "en": "G − 1 degrees of freedom"}
BY_GROUP = {"da": "hver gruppe trækkes for sig", "en": "each group drawn on its own"}
BY_CLUSTER = {"da": "hele enheder med alle deres år", "en": "whole units with all their years"}


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize(("trend", "ols", "cluster"), [("ols", True, False), ("cluster", False, True),
                                                       ("mixed", True, True), ("none", False, False)])
def test_the_trend_sentence_names_the_degrees_of_freedom_of_the_errors_that_ran(lang, trend, ols, cluster):
    text = depth.method_text(depth.Method("entity_year", trend, "clusters"), "unit", lang)
    assert (DF_OLS[lang] in text) == ols
    assert (DF_CLUSTER[lang] in text) == cluster


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize(("interval", "group", "cluster"), [("groups", True, False), ("clusters", False, True),
                                                            ("none", False, False)])
def test_the_interval_sentence_names_the_bootstrap_that_ran(lang, interval, group, cluster):
    text = depth.method_text(depth.Method("entity", "ols", interval), "unit", lang)
    assert (BY_GROUP[lang] in text) == group
    assert (BY_CLUSTER[lang] in text) == cluster
    assert ("bootstrap" in text) == (interval != "none")


def test_the_interval_sentence_of_mixed_legs_names_both_schemes():
    text = depth.method_text(depth.Method("entity_year", "mixed", "mixed"), "unit", "da")
    assert "klyngebootstrap" in text and "hver gruppe for sig" in text


@pytest.mark.parametrize(("point", "da", "en"), [
    ("entity", "hvert punkt er en af enhederne:", "each point is one of the units:"),
    ("entity_year", "hvert punkt er en af enhederne i ét år (et af enhedsår)", "each point is one of the units in "
                                                                               "one year (one of the unit-years)"),
])
def test_the_chart_caption_says_what_a_point_is(point, da, en):
    method = depth.Method(point, "ols", "groups")
    assert da in depth.point_text(method, "unit", "da")
    assert en in depth.point_text(method, "unit", "en")
    other = "i ét år" if point == "entity" else "i perioden"
    assert other not in depth.point_text(method, "unit", "da")


def test_the_sample_in_the_default_mode_runs_and_names_cluster_methods(sample_file):
    """The default mode on the embedded sample (the issue's n = 189 unit-years): the text must not say n − 2."""
    with Store(sample_file) as s:
        tables = {n: s.table(n) for n in ("participation", "networks", "org_units", "indicators")}
        lo, hi = s.period_range()
        stats = {grain: s.indicator_stats(grain, lo, (pd.Timestamp(hi) + pd.offsets.MonthEnd(0)).date())
                 for grain in ("year", "all")}
    end = (pd.Timestamp(hi) + pd.offsets.MonthEnd(0)).date()
    args = (tables["participation"], tables["networks"], tables["org_units"], tables["indicators"])
    year = depth.analyse(*args, stats["year"], start=lo, end=end, basis="year", resamples=200)
    assert year.method == depth.method_of("year", year.fits, year.comparison)
    assert year.method == depth.Method("entity_year", "cluster", "clusters")
    assert year.units["entity_id"].duplicated().any()
    text = depth.method_text(year.method, "unit", "da")
    assert "n − 2" not in text and "hver gruppe trækkes for sig" not in text
    period = depth.analyse(*args, stats["all"], start=lo, end=end, basis="period", resamples=200)
    assert period.method == depth.Method("entity", "ols", "groups")
    assert not period.units["entity_id"].duplicated().any()
    reached = period.units[period.units["networks"] > 0]
    assert (period.fits["df"] == reached[list(depth.VALUE_COLUMNS)].notna().sum().to_numpy() - 2).all()


@pytest.mark.parametrize(("u", "da", "en"), [(PERIOD, "Enheder", "Units"), (YEAR, "Enhedsår", "Unit-years")])
def test_the_value_chart_names_its_points_as_what_they_are(u, da, en):
    from netvalue.charts import depth as charts

    _, bands = depth.value_depth_fits(u)
    for lang, name in (("da", da), ("en", en)):
        fig = charts.value_depth_chart(u, bands, "unit", lang)
        assert next(tr.name for tr in fig.data if tr.mode == "markers") == name
