"""Headline figures: counts, value, net kroner, the year-earlier comparison, strongest and weakest, stories.

Expectations are worked out by hand from the tiny set in tests/support.py:
N1 (welfare, U1 + external X1 during 2014) measures sat 4 and 5 (mean 4.5 -> 87.5), sick 10 (-> 50), saved
50 000 DKK (-> 50) and costs 20 000 DKK; N2 (learning, U2, budded from N1) measures sat 3 (-> 50).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from netvalue import keyfigures as kf
from netvalue import scoring


def test_key_figures_count_networks_internal_units_and_people_at_the_end(tiny_tables):
    figs = kf.key_figures(
        tiny_tables["networks"],
        tiny_tables["participation"],
        tiny_tables["org_units"],
        date(2014, 1, 1),
        date(2014, 12, 1),
    )
    # X1 is external (not a unit reached) but its one person is still there on 2014-12-31.
    assert figs == {"networks": 2, "units": 2, "people": 8}
    later = kf.key_figures(
        tiny_tables["networks"],
        tiny_tables["participation"],
        tiny_tables["org_units"],
        date(2015, 1, 1),
        date(2015, 6, 1),
    )
    assert later == {"networks": 2, "units": 2, "people": 7}


def test_people_per_network_splits_units_and_external_partners(tiny_tables):
    out = kf.people_per_network(
        tiny_tables["networks"],
        tiny_tables["participation"],
        tiny_tables["org_units"],
        date(2014, 1, 1),
        date(2014, 12, 1),
    )
    expected = pd.DataFrame({"network_id": ["N1", "N2"], "people": [5, 3], "units": [1, 1], "partners": [1, 0]})
    pd.testing.assert_frame_equal(out, expected.astype({"network_id": out["network_id"].dtype}))


def test_people_of_an_ended_network_are_counted_at_its_own_end(tiny_tables):
    networks = tiny_tables["networks"].assign(ended_on=pd.to_datetime(["2014-06-30", None]).astype("datetime64[us]"))
    part = tiny_tables["participation"].assign(
        left_on=pd.to_datetime(["2014-06-30", "2014-12-31", None]).astype("datetime64[us]")
    )
    out = kf.people_per_network(networks, part, tiny_tables["org_units"], date(2014, 1, 1), date(2015, 12, 1))
    assert out.set_index("network_id")["people"].to_dict() == {"N1": 5, "N2": 3}


@pytest.mark.parametrize("unit", ["DKK", "dkk", "kr.", "kr", "kroner", "kr. pr. måned", "DKK/år", " kr pr. borger"])
def test_kroner_units_are_recognised(unit):
    assert kf.is_dkk_unit(unit)


@pytest.mark.parametrize("unit", ["timer", "krop", "antal", "", None, np.nan, "1.000 kr.", "%"])
def test_other_units_are_not_kroner(unit):
    assert not kf.is_dkk_unit(unit)


def test_the_kroner_rule_is_the_one_net_dkk_uses(tiny_loaded, tiny_tables):
    stats = tiny_loaded.indicator_stats("all")
    units = {"sat": "skala 1-5", "sick": "dage", "saved": "kr. pr. måned", "cost": "kr. pr. måned"}
    indicators = tiny_tables["indicators"].assign(unit=tiny_tables["indicators"]["indicator_id"].map(units))
    flagged = set(indicators.loc[indicators["unit"].map(kf.is_dkk_unit), "indicator_id"])
    assert flagged == {"saved", "cost"}
    assert scoring.net_dkk(stats, indicators).to_dict("records") == [
        {"network_id": "N1", "saved_dkk": 50000.0, "cost_dkk": 20000.0, "net_dkk": 30000.0}
    ]


def test_headline_for_the_tiny_set(tiny_loaded, tiny_tables):
    stats = tiny_loaded.indicator_stats("all", date(2014, 1, 1), date(2014, 12, 31))
    out = kf.headline(
        tiny_tables["networks"],
        tiny_tables["participation"],
        tiny_tables["org_units"],
        stats,
        tiny_tables["indicators"],
        None,
        date(2014, 1, 1),
        date(2014, 12, 1),
    )
    assert out == pytest.approx(
        {
            "networks": 2,
            "units": 2,
            "people": 8,
            "citizen": (87.5 + 50) / 2,
            "economy": 50.0,
            "staff": 50.0,
            "overall": (62.5 + 50) / 2,  # N1: (87.5 + 50 + 50) / 3, N2: citizen only
            "balance": 1 - (87.5 - 50) / 100,  # N2 has one leg, so no balance
            "net_dkk": 30000.0,
            "saved_dkk": 50000.0,
            "cost_dkk": 20000.0,
        }
    )


def test_headline_of_an_empty_window_has_no_value(tiny_loaded, tiny_tables):
    stats = tiny_loaded.indicator_stats("all", date(2010, 1, 1), date(2010, 12, 31))
    out = kf.headline(
        tiny_tables["networks"].iloc[0:0],
        tiny_tables["participation"],
        tiny_tables["org_units"],
        stats,
        tiny_tables["indicators"],
        None,
        date(2010, 1, 1),
        date(2010, 12, 1),
    )
    assert out["networks"] == 0
    assert all(out[k] is None for k in ("citizen", "economy", "staff", "overall", "balance", "net_dkk"))


def test_weights_change_the_headline_overall(tiny_loaded, tiny_tables):
    stats = tiny_loaded.indicator_stats("all")
    args = (
        tiny_tables["networks"],
        tiny_tables["participation"],
        tiny_tables["org_units"],
        stats,
        tiny_tables["indicators"],
    )
    citizen_only = kf.headline(*args, {"citizen": 1, "economy": 0, "staff": 0}, None, None)
    assert citizen_only["overall"] == pytest.approx((87.5 + 50) / 2)


def test_changes_are_current_minus_previous_and_none_when_missing():
    out = kf.changes({"a": 3.0, "b": None, "c": float("nan"), "d": 2.0}, {"a": 1.0, "b": 2.0, "c": 1.0})
    assert out == {"a": 2.0, "b": None, "c": None, "d": None}


def _scores(values: dict[str, float | None]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "network_id": list(values),
            "name": [f"Net {k}" for k in values],
            "type": "welfare",
            "overall": [np.nan if v is None else v for v in values.values()],
        }
    )


def test_strongest_and_weakest():
    scores = _scores({"a": 10, "b": 90, "c": 50, "d": None, "e": 70, "f": 30, "g": 60, "h": 20})
    top, bottom = kf.strongest_weakest(scores, 3)
    assert top["network_id"].tolist() == ["b", "e", "g"]
    assert bottom["network_id"].tolist() == ["f", "h", "a"]  # lowest last


def test_strongest_and_weakest_never_share_a_network():
    top, bottom = kf.strongest_weakest(_scores({"a": 10, "b": 90, "c": 50, "d": 70}), 3)
    assert top["network_id"].tolist() == ["b", "d", "c"]
    assert bottom["network_id"].tolist() == ["a"]
    top, bottom = kf.strongest_weakest(_scores({"a": None}), 3)
    assert top.empty and bottom.empty


def test_ties_are_ranked_by_name():
    top, _ = kf.strongest_weakest(_scores({"b": 50, "a": 50, "c": 60}), 3)
    assert top["network_id"].tolist() == ["c", "a", "b"]


def test_latest_stories_in_the_window_newest_first():
    stories = pd.DataFrame(
        {
            "network_id": ["N1", "N1", "N2", "N3"],
            "told_on": pd.to_datetime(["2014-03-15", "2015-01-10", "2014-11-30", "2014-12-01"]),
            "perspective": ["citizen", "staff", None, "economy"],
            "title": ["A", "B", "C", "D"],
            "text": ["a", "b", "c", "d"],
        }
    )
    networks = pd.DataFrame({"network_id": ["N1", "N2"], "name": ["Et", "To"]})
    out = kf.latest_stories(stories, networks, date(2014, 1, 1), date(2014, 12, 1), n=5)
    assert out["title"].tolist() == ["C", "A"]  # B is after the window, D's network is not selected
    assert out["network_name"].tolist() == ["To", "Et"]
    assert kf.latest_stories(stories, networks, None, None, n=1)["title"].tolist() == ["B"]


def test_ternary_points_need_all_three_legs():
    scores = pd.DataFrame(
        {
            "network_id": ["a", "b", "c", "d"],
            "name": list("abcd"),
            "type": "welfare",
            "citizen": [10.0, 20.0, 0.0, np.nan],
            "economy": [20.0, 20.0, 0.0, 5.0],
            "staff": [30.0, 20.0, 0.0, 5.0],
            "overall": [20.0, 20.0, 0.0, 5.0],
        }
    )
    people = pd.DataFrame({"network_id": ["a"], "people": [7]})
    out = kf.ternary_points(scores, people)
    assert out["network_id"].tolist() == ["a", "b"]
    assert out["people"].tolist() == [7, 0]


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "signed", "text"),
    [
        (1234567.891, "da", 1, False, "1.234.567,9"),
        (1234567.891, "en", 1, False, "1,234,567.9"),
        (12.0, "da", 0, True, "+12"),
        (-3.4, "en", 0, True, "-3"),
        (-0.2, "da", 0, True, "0"),
        (-0.2, "da", 0, False, "0"),
        (0.004, "da", 2, False, "0,00"),
        (None, "da", 0, False, "–"),
        (float("nan"), "en", 0, False, "–"),
    ],
)
def test_format_number(value, lang, decimals, signed, text):
    assert kf.format_number(value, lang, decimals, signed) == text


@pytest.mark.parametrize(
    ("value", "lang", "signed", "text"),
    [
        (31_584_500, "da", False, "31,6 mio. kr."),
        (31_584_500, "en", False, "DKK 31.6m"),
        (-31_584_500, "en", True, "-DKK 31.6m"),
        (450_000, "da", True, "+450.000 kr."),
        (-450_000, "da", False, "-450.000 kr."),
        (450_000, "en", False, "DKK 450,000"),
        (None, "da", False, "–"),
    ],
)
def test_format_kr(value, lang, signed, text):
    assert kf.format_kr(value, lang, signed) == text


def test_active_at_end(tiny_tables):
    networks = tiny_tables["networks"].assign(ended_on=pd.to_datetime(["2014-06-30", None]).astype("datetime64[us]"))
    assert kf.active_at_end(networks, date(2014, 6, 1)) == 2
    assert kf.active_at_end(networks, date(2014, 7, 1)) == 1
    assert kf.active_at_end(networks, None) == 1


@given(st.lists(st.one_of(st.none(), st.floats(0, 100)), min_size=0, max_size=15), st.integers(1, 6))
def test_strongest_are_never_below_weakest(values, n):
    scores = _scores({f"n{i:02d}": v for i, v in enumerate(values)})
    top, bottom = kf.strongest_weakest(scores, n)
    measured = sum(v is not None for v in values)
    assert len(top) == min(n, measured)
    assert len(top) + len(bottom) == min(2 * n, measured)
    assert set(top["network_id"]).isdisjoint(bottom["network_id"])
    if len(top) and len(bottom):
        assert top["overall"].min() >= bottom["overall"].max()


def test_a_centre_taking_part_as_a_whole_is_not_a_unit_reached(tiny_tables):
    part = tiny_tables["participation"]
    whole_centre = pd.DataFrame(
        {
            "network_id": ["N1"],
            "unit_id": ["C1"],
            "joined_on": [pd.Timestamp("2014-02-01")],
            "left_on": [pd.NaT],
            "people": [2],
        }
    ).astype(part.dtypes.to_dict())
    with_centre = pd.concat([part, whole_centre], ignore_index=True)
    figs = kf.key_figures(
        tiny_tables["networks"], with_centre, tiny_tables["org_units"], date(2014, 1, 1), date(2014, 12, 1)
    )
    assert figs["units"] == 2  # U1 and U2, as the ripples page counts them; C1 is not a working unit
    assert figs["people"] == 8 + 2
