"""Spread transforms (netvalue.spread) on tiny hand-built org trees and participation; expectations by hand."""

from __future__ import annotations

import threading
from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netvalue import spread as sp

NA = pd.NA
T = pd.Timestamp


def frame(cols: list[str], rows: list[tuple], dates: tuple[str, ...] = ()) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=cols)
    for c in dates:
        df[c] = pd.to_datetime(df[c]).astype("datetime64[us]")
    return df


#   K municipality
#   ├── A1 area ── C1 centre ── U1, U2, U3
#   │           └─ C2 centre ── U4
#   ├── A2 area ── C3 centre ── U5
#   └── X1 external ── X2 external (a partner's sub-unit)
ORG = frame(["unit_id", "name", "parent_id", "level"], [
    ("K", "Kommunen", None, "municipality"),
    ("A1", "Område 1", "K", "area"),
    ("A2", "Område 2", "K", "area"),
    ("C1", "Center 1", "A1", "centre"),
    ("C2", "Center 2", "A1", "centre"),
    ("C3", "Center 3", "A2", "centre"),
    ("U1", "Enhed 1", "C1", "unit"),
    ("U2", "Enhed 2", "C1", "unit"),
    ("U3", "Enhed 3", "C1", "unit"),
    ("U4", "Enhed 4", "C2", "unit"),
    ("U5", "Enhed 5", "C3", "unit"),
    ("X1", "Borgere", "K", "external"),
    ("X2", "Borgere, Nord", "X1", "external"),
])


def nets(rows: list[tuple]) -> pd.DataFrame:
    return frame(["network_id", "name", "type", "home_unit_id", "started_on", "ended_on", "parent_network_id"],
                 rows, ("started_on", "ended_on"))


def part(rows: list[tuple]) -> pd.DataFrame:
    return frame(["network_id", "unit_id", "joined_on", "left_on", "people"], rows, ("joined_on", "left_on"))


NETS = nets([
    ("N1", "Hjem i en enhed", "welfare", "U1", "2020-01-01", None, None),
    ("N2", "Hjem i et center", "welfare", "C1", "2020-01-01", None, None),
    ("N3", "Hjem i et område", "learning", "A1", "2020-01-01", None, None),
    ("N4", "Hjem hos en ekstern", "innovation", "X1", "2020-01-01", None, None),
    ("N5", "Hjem i kommunen", "innovation", "K", "2020-01-01", None, None),
])


@pytest.fixture(scope="module")
def tree() -> pd.DataFrame:
    return sp.org_tree(ORG)


# --------------------------------------------------------------------------------------------
# The org tree
# --------------------------------------------------------------------------------------------
def test_org_tree_orders_area_centre_unit_and_finds_area_and_centre(tree):
    assert list(tree["unit_id"]) == ["K", "A1", "C1", "U1", "U2", "U3", "C2", "U4", "A2", "C3", "U5", "X1", "X2"]
    t = tree.set_index("unit_id")
    assert list(t.loc[["U1", "C1", "A1", "K", "U5", "X2"], "area_id"].fillna("-")) == ["A1", "A1", "A1", "-", "A2",
                                                                                          "-"]
    assert list(t.loc[["U1", "C1", "A1", "U4"], "centre_id"].fillna("-")) == ["C1", "C1", "-", "C2"]
    assert list(t.loc[["X1", "X2", "K", "U1"], "external"]) == [True, True, False, False]
    assert list(t.loc[["K", "A1", "C1", "U1"], "depth"]) == [0, 1, 2, 3]
    assert t.at["U1", "label"] == "\u2003\u2003\u2003Enhed 1"
    assert list(tree["order"]) == list(range(len(ORG)))


def test_org_tree_does_not_mutate_its_input():
    before = ORG.copy()
    sp.org_tree(ORG)
    pd.testing.assert_frame_equal(ORG, before)


def _run_with_deadline(fn, seconds: float = 10.0):
    """Run fn in a thread and fail (instead of hanging the suite) if it does not finish in time."""
    box: dict[str, object] = {}
    th = threading.Thread(target=lambda: box.setdefault("out", fn()), daemon=True)
    th.start()
    th.join(seconds)
    assert not th.is_alive(), "did not finish: a loop in the tree hangs it"
    return box["out"]


BROKEN = frame(["unit_id", "name", "parent_id", "level"], [
    ("K", "Kommunen", None, "municipality"),
    ("A1", "Område 1", "K", "area"),
    ("C1", "Center 1", "A1", "centre"),
    ("U1", "Enhed 1", "C1", "unit"),
    ("M1", "Løkke 1", "M2", "unit"),  # M1 and M2 are each other's parent
    ("M2", "Løkke 2", "M1", "unit"),
    ("M3", "Løkkecenter", "M4", "centre"),  # a loop through a centre
    ("M4", "Løkkeenhed", "M3", "unit"),
    ("O1", "Forældreløs", "GONE", "unit"),  # its parent does not exist
    ("S1", "Sin egen", "S1", "unit"),  # its own parent
])


def test_a_malformed_tree_neither_hangs_nor_loses_units():
    tree = _run_with_deadline(lambda: sp.org_tree(BROKEN))
    assert sorted(tree["unit_id"]) == sorted(BROKEN["unit_id"])
    # the well-formed part first, then the orphan and self-parented unit as roots, then the loops by name
    assert list(tree["unit_id"]) == ["K", "A1", "C1", "U1", "O1", "S1", "M1", "M2", "M3", "M4"]
    t = tree.set_index("unit_id")
    assert t.at["M4", "centre_id"] == "M3"  # the way up stops at the repeat, after finding the centre
    assert pd.isna(t.at["M1", "centre_id"]) and pd.isna(t.at["M1", "area_id"])
    assert list(t.loc[["M1", "O1", "S1"], "depth"]) == [0, 0, 0]


def test_rings_in_a_malformed_tree_are_decided_on_what_was_found():
    tree = _run_with_deadline(lambda: sp.org_tree(BROKEN))
    n = nets([("B1", "I løkken", "welfare", "M4", "2020-01-01", None, None),
              ("B2", "I løkken", "welfare", "M1", "2020-01-01", None, None)])
    pairs = pd.DataFrame({"network_id": ["B1", "B1", "B1", "B2", "B2", "B2"],
                          "unit_id": ["M4", "M3", "U1", "M2", "O1", "S1"]})
    got = _run_with_deadline(lambda: sp.rings(pairs, n, tree))
    assert list(got["ring"]) == [0, 1, 3, 3, 3, 3]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=-1, max_value=7), min_size=1, max_size=8),
       st.lists(st.sampled_from(["municipality", "area", "centre", "unit", "external"]), min_size=8, max_size=8))
def test_any_parent_map_gives_a_full_tree_and_rings_0_to_4(parents, levels):
    ids = [f"u{i}" for i in range(len(parents))]
    org = pd.DataFrame({"unit_id": ids, "name": ids,
                        "parent_id": [None if p < 0 else f"u{p}" for p in parents],  # loops, self and missing
                        "level": levels[: len(ids)]})
    tree = sp.org_tree(org)
    assert sorted(tree["unit_id"]) == sorted(ids)
    n = pd.DataFrame({"network_id": ["N"], "home_unit_id": [ids[0]]})
    got = sp.rings(pd.DataFrame({"network_id": "N", "unit_id": ids}), n, tree)
    assert set(got["ring"].astype(int)) <= set(sp.RINGS)
    assert got["ring"].iloc[0] == 0
    places = sp.ring_places(n, tree)
    assert places["places"].sum() == len(ids)
    counts = got["ring"].astype(int).value_counts().reindex(list(sp.RINGS), fill_value=0)
    assert list(places["places"]) == list(counts)


# --------------------------------------------------------------------------------------------
# Rings
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("network", "unit", "ring"), [
    # home is a unit (U1 under C1 under A1)
    ("N1", "U1", 0), ("N1", "U2", 1), ("N1", "C1", 1), ("N1", "U4", 2), ("N1", "C2", 2), ("N1", "A1", 2),
    ("N1", "U5", 3), ("N1", "A2", 3), ("N1", "K", 3), ("N1", "X1", 4), ("N1", "X2", 4),
    # home is a centre: its own units are ring 1
    ("N2", "C1", 0), ("N2", "U1", 1), ("N2", "U3", 1), ("N2", "C2", 2), ("N2", "U4", 2), ("N2", "A1", 2),
    ("N2", "U5", 3), ("N2", "X2", 4),
    # home is an area: ring 1 is empty, the whole area is ring 2
    ("N3", "A1", 0), ("N3", "C1", 2), ("N3", "U1", 2), ("N3", "U4", 2), ("N3", "U5", 3), ("N3", "K", 3),
    ("N3", "X1", 4),
    # home is external: internal units are ring 3, other externals ring 4
    ("N4", "X1", 0), ("N4", "X2", 4), ("N4", "U1", 3), ("N4", "C1", 3), ("N4", "K", 3),
    # home is the municipality itself
    ("N5", "K", 0), ("N5", "U1", 3), ("N5", "A2", 3), ("N5", "X1", 4),
])
def test_the_ring_of_every_case(tree, network, unit, ring):
    got = sp.rings(pd.DataFrame({"network_id": [network], "unit_id": [unit]}), NETS, tree)
    assert got["ring"].iloc[0] == ring


def test_rings_is_a_copy_with_an_int64_ring_and_na_where_it_cannot_be_placed(tree):
    pairs = pd.DataFrame({"network_id": ["N1", "N1", "N9", "N1"], "unit_id": ["U2", "ZZ", "U1", "U2"],
                          "people": [1, 2, 3, 4]}, index=[10, 11, 12, 13])
    before = pairs.copy()
    got = sp.rings(pairs, NETS, tree)
    expected = before.assign(ring=pd.array([1, NA, NA, 1], dtype="Int64"))
    pd.testing.assert_frame_equal(got, expected)
    pd.testing.assert_frame_equal(pairs, before)


def test_ring_places_by_hand(tree):
    got = sp.ring_places(NETS, tree)
    expected = pd.DataFrame({
        "network_id": np.repeat(["N1", "N2", "N3", "N4", "N5"], 5),
        "ring": list(sp.RINGS) * 5,
        "places": [1, 3, 3, 4, 2,  # U1: C1 U2 U3 | A1 C2 U4 | K A2 C3 U5 | X1 X2
                   1, 3, 3, 4, 2,  # C1: U1 U2 U3 | A1 C2 U4 | ...
                   1, 0, 6, 4, 2,  # A1: - | C1 U1 U2 U3 C2 U4 | ...
                   1, 0, 0, 11, 1,  # X1: every internal entry is ring 3; X2 ring 4
                   1, 0, 0, 10, 2],  # K
    }).astype({"network_id": "str", "ring": "int64", "places": "int64"})
    pd.testing.assert_frame_equal(got, expected)


def test_ring_places_agrees_with_rings_of_every_unit(tree):
    pairs = NETS[["network_id"]].merge(tree[["unit_id"]], how="cross")
    counted = sp.rings(pairs, NETS, tree).groupby(["network_id", "ring"]).size()
    places = sp.ring_places(NETS, tree).set_index(["network_id", "ring"])["places"]
    assert counted.reindex(places.index, fill_value=0).astype("int64").equals(places)


# --------------------------------------------------------------------------------------------
# Periods and taking part
# --------------------------------------------------------------------------------------------
def test_periods():
    assert list(sp.periods(date(2019, 11, 1), date(2020, 2, 1))) == [T("2019-11-01"), T("2019-12-01"),
                                                                      T("2020-01-01"), T("2020-02-01")]
    assert list(sp.periods(date(2019, 11, 1), date(2020, 4, 1), "quarter")) == [T("2019-10-01"), T("2020-01-01"),
                                                                                 T("2020-04-01")]
    assert sp.periods(date(2020, 3, 1), date(2020, 1, 1)).empty
    with pytest.raises(ValueError):
        sp.periods(date(2020, 1, 1), date(2020, 2, 1), "week")


SPELLS = part([
    ("N1", "U2", "2020-01-31", "2020-03-01", 2),  # joins on a month's last day, leaves on a month's first day
    ("N1", "U3", "2020-02-01", None, 4),  # still taking part
    ("N1", "U4", "2020-01-15", "2020-01-31", 1),  # one month only
    ("N1", "U5", "2020-01-10", "2020-02-05", 2),  # joins, leaves ...
    ("N1", "U5", "2020-04-20", None, 5),  # ... and joins again after a gap in March
    ("N1", "U1", "2020-01-01", None, 3),  # overlapping spells of one unit: counted once
    ("N1", "U1", "2020-02-10", "2020-02-20", 7),
    ("N1", "C1", "2019-06-01", None, 1),  # joined before the window: from the window's start
    ("N1", "C2", "2019-06-01", "2019-12-31", 1),  # left before the window: not there
    ("N1", "A1", "2020-05-01", None, 1),  # joins after the window: not there
    ("N1", "A2", "2020-03-10", "2020-02-01", 1),  # left before it joined (bad row): never
])


def test_active_links_at_join_and_leave_boundaries():
    got = sp.active_links(SPELLS, date(2020, 1, 1), date(2020, 4, 1))
    rows = [
        ("2020-01-01", "N1", "C1", 1), ("2020-01-01", "N1", "U1", 3), ("2020-01-01", "N1", "U2", 2),
        ("2020-01-01", "N1", "U4", 1), ("2020-01-01", "N1", "U5", 2),
        ("2020-02-01", "N1", "C1", 1), ("2020-02-01", "N1", "U1", 7), ("2020-02-01", "N1", "U2", 2),
        ("2020-02-01", "N1", "U3", 4), ("2020-02-01", "N1", "U5", 2),
        ("2020-03-01", "N1", "C1", 1), ("2020-03-01", "N1", "U1", 3), ("2020-03-01", "N1", "U2", 2),
        ("2020-03-01", "N1", "U3", 4),
        ("2020-04-01", "N1", "C1", 1), ("2020-04-01", "N1", "U1", 3), ("2020-04-01", "N1", "U3", 4),
        ("2020-04-01", "N1", "U5", 5),
    ]
    expected = frame(["period", "network_id", "unit_id", "people"], rows, ("period",)).astype(
        {"network_id": "str", "unit_id": "str", "people": "int64"})
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected)


def test_active_links_per_quarter_take_the_latest_joined_spell():
    got = sp.active_links(SPELLS[SPELLS["unit_id"].isin(["U1", "U2", "U5"])], date(2020, 1, 1), date(2020, 6, 1),
                          "quarter")
    expected = frame(["period", "network_id", "unit_id", "people"], [
        ("2020-01-01", "N1", "U1", 7), ("2020-01-01", "N1", "U2", 2), ("2020-01-01", "N1", "U5", 2),
        ("2020-04-01", "N1", "U1", 3), ("2020-04-01", "N1", "U5", 5),
    ], ("period",)).astype({"network_id": "str", "unit_id": "str", "people": "int64"})
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected)


@settings(max_examples=80, deadline=None)
@given(st.integers(0, 40), st.one_of(st.none(), st.integers(0, 40)), st.integers(0, 30))
def test_active_links_follow_the_documented_rule(join_day, leave_day, month_offset):
    base = pd.Timestamp("2020-01-01")
    joined = base + pd.Timedelta(days=join_day)
    left = None if leave_day is None else base + pd.Timedelta(days=leave_day)
    p = part([("N1", "U1", joined.date().isoformat(), None if left is None else left.date().isoformat(), 1)])
    month = pd.Timestamp("2019-12-01") + pd.DateOffset(months=month_offset % 4)
    got = sp.active_links(p, month.date(), month.date())
    month_end = month + pd.offsets.MonthEnd(0)
    rule = joined <= month_end and (left is None or left >= month)
    assert len(got) == int(rule)


_SPELL = st.tuples(st.sampled_from(["N1", "N2", "N10"]), st.sampled_from(["U1", "U2", "Ü3"]),
                   st.integers(0, 200), st.one_of(st.none(), st.integers(0, 200)), st.integers(0, 9))


@settings(max_examples=60, deadline=None)
@given(st.lists(_SPELL, min_size=0, max_size=12), st.integers(0, 5), st.integers(0, 5),
       st.sampled_from(["month", "quarter"]))
def test_active_links_equal_a_spell_by_spell_reading(spells, first, length, grain):
    """Against the rule read one period at a time: each (period, network, unit) whose spell covers part of the
    period, once, with the people of the latest-joined covering spell (the later row on a tie)."""
    base = pd.Timestamp("2020-01-01")
    rows = [(n, u, (base + pd.Timedelta(days=j)).date().isoformat(),
             None if leave is None else (base + pd.Timedelta(days=j + leave)).date().isoformat(), people)
            for n, u, j, leave, people in spells]
    p = part(rows) if rows else part([("N1", "U1", "2020-01-01", None, 1)]).iloc[0:0]
    step = sp.MONTHS_PER_PERIOD[grain]
    start = (base + pd.DateOffset(months=first * step)).date()
    end = (base + pd.DateOffset(months=(first + length) * step)).date()
    got = sp.active_links(p, start, end, grain)
    expected = []
    for period in sp.periods(start, end, grain):
        period_end = period + pd.DateOffset(months=step) - pd.Timedelta(days=1)
        best: dict[tuple[str, str], tuple[pd.Timestamp, int]] = {}
        for n, u, j, left, people in rows:
            covers = pd.Timestamp(j) <= period_end and (left is None or pd.Timestamp(left) >= period)
            if covers and ((n, u) not in best or pd.Timestamp(j) >= best[(n, u)][0]):
                best[(n, u)] = (pd.Timestamp(j), people)
        expected += [(period, n, u, best[(n, u)][1]) for n, u in sorted(best)]
    want = pd.DataFrame(expected, columns=["period", "network_id", "unit_id", "people"])
    assert list(got.itertuples(index=False, name=None)) == list(want.itertuples(index=False, name=None))


def test_active_networks_by_start_and_end():
    n = nets([("N1", "a", "welfare", "U1", "2020-01-31", "2020-02-01", None),
              ("N2", "b", "learning", "U2", "2019-01-01", None, None),
              ("N3", "c", "welfare", "U3", "2020-04-01", None, None)])
    got = sp.active_networks(n, date(2020, 1, 1), date(2020, 3, 1))
    expected = frame(["period", "network_id", "type"], [
        ("2020-01-01", "N1", "welfare"), ("2020-01-01", "N2", "learning"),
        ("2020-02-01", "N1", "welfare"), ("2020-02-01", "N2", "learning"),
        ("2020-03-01", "N2", "learning"),
    ], ("period",)).astype({"network_id": "str", "type": "str"})
    pd.testing.assert_frame_equal(got, expected)


def test_lifetime_clips_the_window_to_the_networks():
    n = nets([("N1", "a", "welfare", "U1", "2020-02-14", "2020-05-03", None)])
    assert sp.lifetime(n, date(2020, 1, 1), date(2020, 12, 1)) == (date(2020, 2, 1), date(2020, 5, 1))
    running = nets([("N1", "a", "welfare", "U1", "2019-02-14", None, None)])
    assert sp.lifetime(running, date(2020, 1, 1), date(2020, 12, 1)) == (date(2020, 1, 1), date(2020, 12, 1))
    before = nets([("N1", "a", "welfare", "U1", "2018-02-14", "2018-05-01", None)])
    assert sp.lifetime(before, date(2020, 1, 1), date(2020, 12, 1)) == (date(2020, 1, 1), date(2020, 12, 1))


# --------------------------------------------------------------------------------------------
# Ripples
# --------------------------------------------------------------------------------------------
def test_ring_spread_by_hand(tree):
    n = NETS[NETS["network_id"] == "N1"]
    p = part([
        ("N1", "U1", "2020-01-01", None, 3),  # ring 0
        ("N1", "U2", "2020-01-05", "2020-01-20", 2),  # ring 1, January only
        ("N1", "U3", "2020-02-01", None, 4),  # ring 1 from February
        ("N1", "X1", "2020-02-01", None, 10),  # ring 4
        ("N1", "ZZ", "2020-01-01", None, 9),  # not in the tree: left out
    ])
    start, end = date(2020, 1, 1), date(2020, 2, 1)
    links = sp.rings(sp.active_links(p, start, end), n, tree)
    got = sp.ring_spread(links, sp.ring_places(n, tree), sp.active_networks(n, start, end),
                         sp.periods(start, end))
    expected = frame(["period", "ring", "units", "people", "places", "share", "reached"], [
        ("2020-01-01", 0, 1, 3, 1, 1.0, 1), ("2020-01-01", 1, 1, 2, 3, 1 / 3, 1), ("2020-01-01", 2, 0, 0, 3, 0.0, 0),
        ("2020-01-01", 3, 0, 0, 4, 0.0, 0), ("2020-01-01", 4, 0, 0, 2, 0.0, 0),
        ("2020-02-01", 0, 1, 3, 1, 1.0, 1), ("2020-02-01", 1, 1, 4, 3, 1 / 3, 2), ("2020-02-01", 2, 0, 0, 3, 0.0, 0),
        ("2020-02-01", 3, 0, 0, 4, 0.0, 0), ("2020-02-01", 4, 1, 10, 2, 0.5, 1),
    ], ("period",)).astype({"ring": "int64", "units": "int64", "people": "int64", "places": "int64",
                            "reached": "int64"})
    pd.testing.assert_frame_equal(got, expected)


def test_ring_spread_for_several_networks_counts_a_unit_once_per_network(tree):
    n = NETS[NETS["network_id"].isin(["N1", "N5"])]
    p = part([("N1", "U1", "2020-01-01", None, 3), ("N5", "U1", "2020-01-01", None, 2),
              ("N5", "K", "2020-01-01", None, 1)])
    start = date(2020, 1, 1)
    links = sp.rings(sp.active_links(p, start, start), n, tree)
    got = sp.ring_spread(links, sp.ring_places(n, tree), sp.active_networks(n, start, start),
                         sp.periods(start, start)).set_index("ring")
    assert list(got["units"]) == [2, 0, 0, 1, 0]  # U1 is ring 0 of N1 and ring 3 of N5; K is N5's home
    assert list(got["places"]) == [2, 3, 3, 14, 4]  # N1's places + N5's places
    assert got.at[3, "share"] == pytest.approx(1 / 14)


# --------------------------------------------------------------------------------------------
# Spread over time
# --------------------------------------------------------------------------------------------
def test_spread_over_time_by_type_and_all(tree):
    n = nets([("W1", "w", "welfare", "U1", "2020-01-01", None, None),
              ("L1", "l", "learning", "U4", "2020-02-01", None, None)])
    p = part([("W1", "U1", "2020-01-01", None, 3), ("W1", "X1", "2020-01-01", None, 20),
              ("L1", "U4", "2020-02-01", None, 2), ("L1", "U1", "2020-02-01", None, 1)])
    start, end = date(2020, 1, 1), date(2020, 2, 1)
    per = sp.periods(start, end)
    links = sp.active_links(p, start, end)
    got = sp.spread_over_time(n, sp.active_networks(n, start, end), links, tree, per)
    expected = frame(["period", "type", "networks", "units", "people"], [
        ("2020-01-01", "welfare", 1, 1, 23), ("2020-02-01", "welfare", 1, 1, 23),
        ("2020-01-01", "learning", 0, 0, 0), ("2020-02-01", "learning", 1, 2, 3),
        ("2020-01-01", "all", 1, 1, 23), ("2020-02-01", "all", 2, 2, 26),  # U1 once, though in both networks
    ], ("period",)).astype({"type": "str", "networks": "int64", "units": "int64", "people": "int64"})
    pd.testing.assert_frame_equal(got, expected)
    scoped = sp.spread_over_time(n, sp.active_networks(n, start, end), links, tree, per, scope={"U4", "C2"})
    assert list(scoped.loc[scoped["type"] == "all", "units"]) == [0, 1]
    assert list(scoped.loc[scoped["type"] == "all", "people"]) == [0, 2]
    assert list(scoped.loc[scoped["type"] == "all", "networks"]) == [1, 2]  # networks are the selection's


def test_network_events_per_quarter():
    n = nets([("N1", "a", "welfare", "U1", "2019-05-01", "2020-02-29", None),  # started before the window
              ("N2", "b", "welfare", "U1", "2020-03-31", None, "N1"),  # budded in Q1
              ("N3", "c", "learning", "U1", "2020-04-01", "2020-06-30", None),
              ("N4", "d", "learning", "U1", "2020-05-15", None, "N3")])
    got = sp.network_events(n, sp.periods(date(2020, 1, 1), date(2020, 9, 1), "quarter"))
    expected = frame(["period", "started", "budded", "ended", "cumulative"], [
        ("2020-01-01", 1, 1, 1, 2), ("2020-04-01", 2, 1, 1, 4), ("2020-07-01", 0, 0, 0, 4),
    ], ("period",)).astype({"started": "int64", "budded": "int64", "ended": "int64", "cumulative": "int64"})
    pd.testing.assert_frame_equal(got, expected)


# --------------------------------------------------------------------------------------------
# Across units
# --------------------------------------------------------------------------------------------
def test_unit_activity_is_a_full_grid_in_tree_order(tree):
    p = part([("N1", "U1", "2020-01-01", None, 3), ("N2", "U1", "2020-02-01", None, 1),
              ("N1", "U4", "2020-01-01", "2020-01-31", 1), ("N1", "X1", "2020-01-01", None, 9),
              ("N1", "K", "2020-01-01", None, 1)])
    start, end = date(2020, 1, 1), date(2020, 2, 1)
    got = sp.unit_activity(sp.active_links(p, start, end), tree, sp.periods(start, end), scope={"A1", "C1", "U1",
                                                                                                  "U2", "C2", "U4"})
    units = ["A1", "C1", "U1", "U2", "C2", "U4"]
    assert list(dict.fromkeys(got["unit_id"])) == units  # tree order; no externals, no municipality
    wide = got.pivot(index="unit_id", columns="period", values="networks").loc[units]
    assert wide.to_numpy().tolist() == [[0, 0], [0, 0], [1, 2], [0, 0], [0, 0], [1, 0]]
    assert got.loc[got["unit_id"] == "U1", "label"].iloc[0] == "\u2003\u2003\u2003Enhed 1"
    everything = sp.unit_activity(sp.active_links(p, start, end), tree, sp.periods(start, end))
    assert len(everything) == 2 * 10  # 10 internal units below the municipality, 2 months


def test_tree_activity_counts_networks_in_each_subtree_and_their_value(tree):
    pairs = pd.DataFrame({"network_id": ["N1", "N1", "N2", "N3", "N3"], "unit_id": ["U1", "U2", "U1", "U4", "X1"]})
    scores = pd.DataFrame({"network_id": ["N1", "N2", "N3"], "overall": [60.0, np.nan, 40.0]})
    got = sp.tree_activity(tree, pairs, scores).set_index("unit_id")
    assert list(got.index) == ["K", "A1", "C1", "U1", "U2", "U3", "C2", "U4", "A2", "C3", "U5"]  # no externals
    assert list(got["networks"]) == [3, 3, 2, 2, 1, 0, 1, 1, 0, 0, 0]
    assert list(got["own"]) == [0, 0, 0, 2, 1, 0, 0, 1, 0, 0, 0]
    assert got.at["K", "value"] == pytest.approx(50.0)  # N1 and N3 have a value; N2 has none
    assert got.at["C1", "value"] == pytest.approx(60.0)
    assert pd.isna(got.at["U3", "value"])
    assert pd.isna(got.at["K", "parent_id"]) and got.at["U1", "parent_id"] == "C1"
    sub = sp.tree_activity(tree, pairs, scores, root="C1")
    assert list(sub["unit_id"]) == ["C1", "U1", "U2", "U3"]
    assert pd.isna(sub["parent_id"].iloc[0])  # the chosen root is the top of the treemap


# --------------------------------------------------------------------------------------------
# Budding
# --------------------------------------------------------------------------------------------
BUDS = nets([
    ("N1", "Rod", "welfare", "U1", "2014-01-01", "2015-06-30", None),
    ("N2", "Knop af afsluttet", "welfare", "U1", "2015-06-30", None, "N1"),  # parent ended that day
    ("N3", "Knop af kørende", "learning", "U1", "2016-01-01", None, "N2"),  # generation 2
    ("N4", "Ukendt forælder", "welfare", "U1", "2016-01-01", None, "GHOST"),
    ("N5", "Løkke a", "welfare", "U1", "2016-01-01", None, "N6"),
    ("N6", "Løkke b", "welfare", "U1", "2016-01-01", None, "N5"),
    ("N7", "Under løkken", "welfare", "U1", "2016-01-01", None, "N5"),
    ("N8", "Alene", "innovation", "U1", "2014-01-01", None, None),
])


def test_budding_generations_origins_and_families():
    got = _run_with_deadline(lambda: sp.budding(BUDS))
    assert list(got["network_id"]) == [f"N{i}" for i in range(1, 9)]
    assert got["generation"].tolist() == [0, 1, 2, 1, NA, NA, NA, 0]
    assert list(got["origin"]) == ["new", "from_ended", "from_running", "unknown", "unknown", "unknown", "unknown",
                                   "new"]
    assert list(got["family"].fillna("-")) == ["N1", "N1", "N1", "-", "-", "-", "-", "N8"]
    assert got.loc[got["network_id"] == "N3", "parent_name"].iloc[0] == "Knop af afsluttet"


def test_value_by_generation_and_origin():
    buds = sp.budding(BUDS)
    scores = pd.DataFrame({"network_id": ["N1", "N2", "N3", "N8"], "overall": [40.0, 60.0, np.nan, 50.0]})
    got = sp.value_by(buds, scores, "generation")
    expected = pd.DataFrame({"generation": pd.array([0, 1, 2], dtype="Int64"), "n": [2, 2, 1], "n_scored": [2, 1, 0],
                             "mean_overall": pd.array([45.0, 60.0, NA], dtype="Float64")})
    pd.testing.assert_frame_equal(got, expected)
    by_origin = sp.value_by(buds, scores, "origin")
    assert list(by_origin["origin"]) == ["new", "from_ended", "from_running", "unknown"]
    assert list(by_origin["n"]) == [2, 1, 1, 4]
    assert by_origin["mean_overall"].iloc[1] == pytest.approx(60.0)


def test_lineage_keeps_families_that_budded_parent_before_child():
    buds = sp.budding(BUDS)
    got = sp.lineage(buds)
    assert list(got["network_id"]) == ["N1", "N2", "N3"]  # N8 never budded; N4-N7 have no known family
    assert list(got["row"]) == [0, 1, 2]
    assert got["overall"].isna().all()
    assert sp.lineage(buds, keep=["N8"]).empty
    assert list(sp.lineage(buds, keep=["N3"])["network_id"]) == ["N1", "N2", "N3"]
    more = nets([*BUDS.itertuples(index=False, name=None),
                 ("N9", "Rod 2", "welfare", "U1", "2017-01-01", None, None),
                 ("N10", "Knop 2", "welfare", "U1", "2017-02-01", None, "N9")])
    assert list(sp.lineage(sp.budding(more), max_rows=4)["network_id"]) == ["N1", "N2", "N3"]
    assert len(sp.lineage(sp.budding(more), max_rows=5)) == 5


# --------------------------------------------------------------------------------------------
# Plain facts
# --------------------------------------------------------------------------------------------
def test_plain_facts_by_hand(tree):
    n = nets([("N1", "a", "welfare", "U1", "2019-03-01", "2019-06-30", None),
              ("N2", "b", "welfare", "U4", "2020-02-10", None, None),  # starts in the first twelve months
              ("N3", "c", "welfare", "U5", "2020-06-01", None, None)])  # starts after them
    p = sp.rings(part([
        ("N1", "U1", "2019-03-01", "2019-06-30", 2),
        ("N2", "U4", "2020-02-10", None, 2),
        ("N2", "U1", "2020-09-01", None, 1),  # ring 2 of N2, new in the last year
        ("N2", "U2", "2019-12-01", "2019-12-31", 1),  # before the window
        ("N3", "U5", "2020-06-01", None, 3),  # ring 0 of N3, new in the last year
        ("N3", "C3", "2020-12-01", None, 1),  # ring 1 of N3, new in the last year
        ("N3", "U1", "2020-07-01", None, 1),  # ring 3 of N3: U1 now takes part in two networks
        ("N3", "X1", "2021-02-01", None, 7),  # after the window
    ]), n, tree)
    facts = sp.plain_facts(n, p, tree, date(2020, 1, 1), date(2020, 12, 1))
    assert facts["first_year_from"] == T("2020-01-01") and facts["first_year_to"] == T("2020-12-01")
    assert facts["first_year_networks"] == 2  # N1 ended before; N2 and N3 run in 2020
    assert (facts["units_reached"], facts["units_total"]) == (3, 5)  # U1, U4, U5 of U1..U5
    assert facts["never_reached_share"] == pytest.approx(2 / 5)
    assert (facts["top_unit"], facts["top_unit_networks"]) == ("Enhed 1", 2)
    assert facts["growth"] == {0: 2, 1: 1, 2: 1, 3: 1, 4: 0}  # N2's U4 (Feb) and N3's U5 are ring 0
    assert facts["top_rings"] == (0,)
    assert facts["last_year_from"] == T("2020-01-01")
    assert (facts["first_year_months"], facts["last_year_months"]) == (12, 12)
    scoped = sp.plain_facts(n, p, tree, date(2020, 1, 1), date(2020, 12, 1), scope={"C1", "U1", "U2", "U3"})
    assert (scoped["units_reached"], scoped["units_total"]) == (1, 3)
    assert scoped["growth"] == {0: 0, 1: 0, 2: 1, 3: 1, 4: 0}  # only units in scope grow: U1 twice


def test_plain_facts_of_a_short_window_cover_only_the_window(tree):
    """Four months: the 'first twelve' and the 'last twelve' months are the window itself, and no join before
    the window counts as growth in it."""
    n = nets([("N2", "b", "welfare", "U4", "2020-02-10", None, None)])
    p = sp.rings(part([("N2", "U4", "2020-02-10", None, 2), ("N2", "U1", "2020-09-01", None, 1)]), n, tree)
    facts = sp.plain_facts(n, p, tree, date(2020, 9, 1), date(2020, 12, 1))
    assert (facts["first_year_from"], facts["first_year_to"]) == (T("2020-09-01"), T("2020-12-01"))
    assert (facts["first_year_months"], facts["last_year_months"]) == (4, 4)
    assert facts["last_year_from"] == T("2020-09-01")
    assert facts["growth"] == {0: 0, 1: 0, 2: 1, 3: 0, 4: 0}  # U4 joined in February, before the window
    one = sp.plain_facts(n, p, tree, date(2020, 5, 1), date(2020, 5, 1))
    assert (one["first_year_months"], one["last_year_months"], one["top_rings"]) == (1, 1, ())


def test_plain_facts_first_year_starts_with_the_first_network():
    n = nets([("N1", "a", "welfare", "U1", "2013-09-01", None, None),
              ("N2", "b", "welfare", "U1", "2014-08-31", None, None),
              ("N3", "c", "welfare", "U1", "2014-09-01", None, None)])
    p = sp.rings(part([("N1", "U1", "2013-09-01", None, 1)]), n, sp.org_tree(ORG))
    facts = sp.plain_facts(n, p, sp.org_tree(ORG), date(2010, 1, 1), date(2015, 12, 1))
    assert facts["first_year_from"] == T("2013-09-01") and facts["first_year_to"] == T("2014-08-01")
    assert facts["first_year_networks"] == 2
    assert facts["top_rings"] == ()  # nobody joined in 2015
