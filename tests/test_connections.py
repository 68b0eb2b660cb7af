"""Connections (DESIGN.md "Connections"): tiny hand-made frames in, exact frames out; a property test against
a plain re-statement of the definition."""

from __future__ import annotations

from datetime import date
from itertools import combinations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netvalue import connections as conn

ORG = pd.DataFrame(
    [
        ("ALB", "Kommunen", None, "municipality"),
        ("A1", "Område 1", "ALB", "area"),
        ("A2", "Område 2", "ALB", "area"),
        ("C1", "Center 1", "A1", "centre"),
        ("U1", "Enhed 1", "C1", "unit"),
        ("U2", "Enhed 2", "C1", "unit"),
        ("C2", "Center 2", "A2", "centre"),
        ("U3", "Enhed 3", "C2", "unit"),
        ("L1", "Løs enhed", "ALB", "unit"),  # no area above it: its own area
        ("X1", "Borgere", "ALB", "external"),
        ("X2", "Foreninger", "ALB", "external"),
    ],
    columns=["unit_id", "name", "parent_id", "level"],
).astype("str")


def part(*rows: tuple[str, str, str, str | None]) -> pd.DataFrame:
    """Participation rows (network, unit, joined_on, left_on or None for an open spell)."""
    return pd.DataFrame({
        "network_id": pd.array([r[0] for r in rows], dtype="str"),
        "unit_id": pd.array([r[1] for r in rows], dtype="str"),
        "joined_on": pd.to_datetime([r[2] for r in rows]).astype("datetime64[us]"),
        "left_on": pd.to_datetime([r[3] for r in rows]).astype("datetime64[us]"),
        "people": np.ones(len(rows), dtype=np.int64),
    })


def table(*rows: tuple) -> pd.DataFrame:
    """The expected yearly frame: (year, connected_units, connections, cross_area, external, new, cross_share)."""
    out = pd.DataFrame(list(rows), columns=list(conn.YEAR_COLUMNS))
    return out.astype({c: "int64" for c in conn.YEAR_COLUMNS[:-1]} | {"cross_share": "float64"})


NAN = float("nan")


def check(p: pd.DataFrame, expected: pd.DataFrame) -> None:
    before = p.copy()
    got = conn.yearly(p, ORG)
    pd.testing.assert_frame_equal(got, expected)
    pd.testing.assert_frame_equal(p, before)  # not mutated


# -- Areas -----------------------------------------------------------------------------------

def test_places_give_each_node_its_area():
    pl = conn.places(ORG).set_index("unit_id")
    assert pl["area_id"].to_dict() == {
        "ALB": "ALB", "A1": "A1", "C1": "A1", "U1": "A1", "U2": "A1", "A2": "A2", "C2": "A2", "U3": "A2",
        "L1": "L1", "X1": "external", "X2": "external"}
    assert pl.loc["U3", "area_name"] == "Område 2" and pl.loc["L1", "area_name"] == "Løs enhed"
    assert pl.loc["U1", "centre_id"] == "C1" and pd.isna(pl.loc["X1", "centre_id"])


# -- Per year --------------------------------------------------------------------------------

def test_spells_touching_on_one_day_connect_in_that_year_only():
    p = part(("N1", "U1", "2015-01-01", "2015-06-30"), ("N1", "U3", "2015-06-30", None))
    check(p, table((2015, 2, 1, 1, 0, 1, 1.0)))


def test_spells_in_different_years_of_one_network_never_meet_and_empty_years_get_zeros():
    p = part(("N1", "U1", "2014-01-01", "2014-12-31"), ("N1", "U2", "2015-01-01", "2015-05-01"))
    check(p, table((2014, 0, 0, 0, 0, 0, NAN), (2015, 0, 0, 0, 0, 0, NAN)))


def test_a_unit_that_rejoins_is_connected_only_in_its_spells():
    p = part(("N1", "U1", "2014-01-01", "2014-03-31"), ("N1", "U1", "2016-01-01", None),
             ("N1", "U2", "2014-06-01", "2016-12-31"))
    check(p, table((2014, 0, 0, 0, 0, 0, NAN), (2015, 0, 0, 0, 0, 0, NAN), (2016, 2, 1, 0, 0, 1, 0.0)))


def test_open_spells_run_to_the_last_year_and_new_counts_first_years_only():
    p = part(("N1", "U1", "2014-05-01", None), ("N1", "X1", "2013-01-01", None),
             ("N1", "U3", "2016-02-01", "2016-03-01"))
    check(p, table(
        (2013, 0, 0, 0, 0, 0, NAN),
        (2014, 2, 1, 0, 1, 1, NAN),
        (2015, 2, 1, 0, 1, 0, NAN),
        (2016, 3, 3, 1, 2, 2, 1.0),
    ))


def test_a_whole_centre_taking_part_is_a_node_beside_its_units():
    p = part(("N1", "C1", "2015-01-01", None), ("N1", "U1", "2015-01-01", "2015-12-31"),
             ("N1", "U3", "2015-03-01", "2015-04-01"))
    check(p, table((2015, 3, 3, 2, 0, 3, 2 / 3)))


def test_two_externals_make_a_connection_that_is_neither_cross_area_nor_external():
    p = part(("N1", "U1", "2015-01-01", None), ("N1", "X1", "2015-01-01", None), ("N1", "X2", "2015-01-01", None))
    check(p, table((2015, 3, 3, 0, 2, 3, NAN)))


def test_a_unit_with_no_area_above_it_is_its_own_area():
    p = part(("N1", "L1", "2015-01-01", None), ("N1", "U1", "2015-01-01", None), ("N1", "ALB", "2015-01-01", None))
    check(p, table((2015, 3, 3, 3, 0, 3, 1.0)))


def test_a_pair_connected_through_two_networks_is_counted_once():
    p = part(("N1", "U1", "2015-01-01", None), ("N1", "U3", "2015-01-01", None),
             ("N2", "U1", "2015-02-01", "2015-05-01"), ("N2", "U3", "2015-01-01", "2015-12-31"))
    check(p, table((2015, 2, 1, 1, 0, 1, 1.0)))
    sp = conn.spell_pairs(p)
    edges = conn.window_edges(sp, conn.places(ORG))
    assert edges[["a", "b", "networks", "kind"]].to_dict("records") == [
        {"a": "U1", "b": "U3", "networks": 2, "kind": "cross_area"}]


def test_new_across_years():
    p = part(("N1", "U1", "2014-01-01", None), ("N1", "U2", "2014-01-01", None),
             ("N2", "U1", "2015-06-01", "2015-06-30"), ("N2", "U3", "2015-01-01", "2016-06-30"),
             ("N3", "U3", "2016-01-01", None), ("N3", "U2", "2016-01-01", None))
    check(p, table(
        (2014, 2, 1, 0, 0, 1, 0.0),
        (2015, 3, 2, 1, 0, 1, 0.5),
        (2016, 3, 2, 1, 0, 1, 0.5),
    ))


def test_scope_keeps_pairs_touching_the_part_and_years_can_be_given():
    p = part(("N1", "U1", "2015-01-01", None), ("N1", "U2", "2015-01-01", None), ("N1", "U3", "2015-01-01", None))
    got = conn.yearly(p, ORG, scope={"C2", "U3"}, years=(2014, 2016))
    pd.testing.assert_frame_equal(got, table(
        (2014, 0, 0, 0, 0, 0, NAN), (2015, 3, 2, 2, 0, 2, 1.0), (2016, 3, 2, 2, 0, 0, 1.0)))


def test_no_participation_gives_an_empty_table_with_the_columns():
    got = conn.yearly(part(), ORG)
    assert list(got.columns) == list(conn.YEAR_COLUMNS) and got.empty


# -- A window --------------------------------------------------------------------------------

def window_parts() -> pd.DataFrame:
    return part(("N1", "U1", "2015-01-01", "2015-06-30"), ("N1", "U3", "2015-06-30", None),
                ("N1", "X1", "2015-01-01", None), ("N2", "U1", "2016-01-01", None), ("N2", "U2", "2016-01-01", None))


def test_window_edges_follow_the_days_of_the_window():
    sp, pl = conn.spell_pairs(window_parts()), conn.places(ORG)
    first_half = conn.window_edges(sp, pl, date(2015, 1, 1), date(2015, 6, 29))
    assert first_half[["a", "b", "kind"]].values.tolist() == [["U1", "X1", "external"]]
    touching = conn.window_edges(sp, pl, date(2015, 6, 30), date(2015, 6, 30))
    assert touching[["a", "b", "kind"]].values.tolist() == [
        ["U1", "U3", "cross_area"], ["U1", "X1", "external"], ["U3", "X1", "external"]]
    y2016 = conn.window_edges(sp, pl, date(2016, 1, 1), date(2016, 12, 31))
    assert y2016[["a", "b", "kind"]].values.tolist() == [["U1", "U2", "within_area"], ["U3", "X1", "external"]]
    assert conn.window_counts(y2016) == {"connected_units": 4, "connections": 2, "cross_area": 0, "external": 1,
                                         "internal": 1, "cross_share": 0.0}
    scoped = conn.window_edges(sp, pl, None, None, scope={"U2"})
    assert scoped[["a", "b"]].values.tolist() == [["U1", "U2"]]


def test_cross_area_count_for_two_windows():
    p = window_parts()
    assert conn.cross_area_count(p, ORG, date(2015, 6, 1), date(2015, 6, 30)) == 1
    assert conn.cross_area_count(p, ORG, date(2015, 7, 1), date(2015, 12, 31)) == 0


def test_window_nodes_and_the_area_matrix():
    p = window_parts()
    sp, pl = conn.spell_pairs(p), conn.places(ORG)
    edges = conn.window_edges(sp, pl, date(2015, 1, 1), date(2016, 12, 31))
    nodes = conn.window_nodes(conn.window_links(p, date(2015, 1, 1), date(2016, 12, 31)), pl, edges)
    assert nodes[["unit_id", "area_id", "networks", "connections"]].values.tolist() == [
        ["U1", "A1", 2, 3], ["U2", "A1", 1, 1], ["U3", "A2", 1, 2], ["X1", "external", 1, 2]]
    m = conn.area_matrix(edges, pl)
    assert list(m.index) == ["A1", "A2", "external"] and list(m.columns) == ["A1", "A2", "external"]
    assert m.to_numpy().tolist() == [[1, 1, 1], [1, 0, 1], [1, 1, 0]]


def test_the_graph_aggregates_to_centres_and_areas_with_networks_as_weights():
    p = part(("N1", "U1", "2015-01-01", None), ("N1", "U3", "2015-01-01", None), ("N1", "X1", "2015-01-01", None),
             ("N2", "U2", "2015-01-01", None), ("N2", "U3", "2015-01-01", None), ("N3", "U1", "2015-01-01", None),
             ("N3", "U2", "2015-01-01", None), ("N3", "L1", "2015-01-01", None))
    sp, pl = conn.spell_pairs(p), conn.places(ORG)
    edges = conn.window_edges(sp, pl)
    links = conn.window_links(p)
    nodes = conn.window_nodes(links, pl, edges)
    pn = conn.window_pair_networks(sp)
    units, unit_edges = conn.graph(nodes, links, pn, pl, "unit")
    assert units["node_id"].tolist() == ["L1", "U1", "U2", "U3", "X1"]
    assert unit_edges.values.tolist() == [["L1", "U1", 1], ["L1", "U2", 1], ["U1", "U2", 1], ["U1", "U3", 1],
                                          ["U1", "X1", 1], ["U2", "U3", 1], ["U3", "X1", 1]]
    centres, centre_edges = conn.graph(nodes, links, pn, pl, "centre")
    assert centres[["node_id", "label", "members", "networks"]].values.tolist() == [
        ["C1", "Center 1", 2, 3], ["C2", "Center 2", 1, 2], ["L1", "Løs enhed", 1, 1], ["X1", "Borgere", 1, 1]]
    # C1 and C2 meet in N1 (U1-U3) and N2 (U2-U3): two networks; U1-U2 inside C1 is left out
    assert centre_edges.values.tolist() == [["C1", "C2", 2], ["C1", "L1", 1], ["C1", "X1", 1], ["C2", "X1", 1]]
    areas, area_edges = conn.graph(nodes, links, pn, pl, "area")
    assert areas["node_id"].tolist() == ["A1", "A2", "L1", "X1"] and areas["label"].tolist()[:2] == [
        "Område 1", "Område 2"]
    assert area_edges.values.tolist() == [["A1", "A2", 2], ["A1", "L1", 1], ["A1", "X1", 1], ["A2", "X1", 1]]
    assert conn.graph_level(nodes, max_nodes=5) == "unit"
    assert conn.graph_level(nodes, max_nodes=4) == "centre"
    assert conn.graph_level(nodes, max_nodes=3) == "area"
    placed = conn.layout(centres, centre_edges)
    again = conn.layout(centres, centre_edges)
    pd.testing.assert_frame_equal(placed, again)
    assert placed[["x", "y"]].notna().all().all()


# -- Graph analytics -------------------------------------------------------------------------

def test_bridges_and_communities_on_a_path():
    # U1 - U2 (N1), U2 - U3 (N2): U2 holds the graph together; X1 is left out of the analytics
    p = part(("N1", "U1", "2015-01-01", None), ("N1", "U2", "2015-01-01", None),
             ("N2", "U2", "2015-01-01", None), ("N2", "U3", "2015-01-01", None), ("N2", "X1", "2015-01-01", None))
    sp, pl = conn.spell_pairs(p), conn.places(ORG)
    edges = conn.window_edges(sp, pl)
    an = conn.analytics(conn.window_nodes(conn.window_links(p), pl, edges), edges)
    assert an.exact
    b = an.bridges.set_index("unit_id")
    assert list(b.index) == ["U2", "U1", "U3"]
    assert b.loc["U2", "betweenness"] == pytest.approx(1.0) and b.loc["U1", "betweenness"] == 0.0
    assert b["articulation"].to_dict() == {"U2": True, "U1": False, "U3": False}
    assert b["areas_reached"].to_dict() == {"U2": 1, "U1": 0, "U3": 1}
    assert set(an.communities["unit_id"]) == {"U1", "U2", "U3"}
    assert an.contingency.to_numpy().sum() == 3


@pytest.mark.parametrize(("seed", "n", "p"), [(1, 40, 0.08), (2, 40, 0.08), (3, 120, 0.3)])
def test_betweenness_equals_networkx(seed, n, p):
    import networkx as nx

    g = nx.gnp_random_graph(n, p, seed=seed)  # sparse (several components and bridges) and dense
    g.add_node(99)  # an isolated node
    ids = [str(u) for u in g.nodes]
    a, b = zip(*((str(u), str(v)) for u, v in g.edges), strict=True)
    ours = conn.betweenness(ids, list(a), list(b))
    theirs = nx.betweenness_centrality(nx.relabel_nodes(g, str), normalized=True)
    assert ours == pytest.approx([theirs[u] for u in ids], rel=1e-5, abs=1e-9)


def test_adjusted_rand_index():
    perfect = pd.DataFrame([[2, 0], [0, 2]])
    assert conn.adjusted_rand(perfect) == pytest.approx(1.0)
    # labels (0, 0, 1, 1) against (0, 0, 1, 2): 4/7, as in the textbook example
    assert conn.adjusted_rand(pd.DataFrame([[2, 0], [0, 1], [0, 1]])) == pytest.approx(4 / 7)
    assert np.isnan(conn.adjusted_rand(pd.DataFrame([[1]])))


# -- Property: the table against a plain re-statement of the definition ----------------------

UNITS = ["U1", "U2", "U3", "C1", "L1", "X1", "X2"]


@st.composite
def participations(draw) -> pd.DataFrame:
    rows = []
    for _ in range(draw(st.integers(0, 14))):
        start = draw(st.integers(0, 4 * 365))
        length = draw(st.one_of(st.none(), st.integers(0, 2 * 365)))
        j = pd.Timestamp("2014-01-01") + pd.Timedelta(days=start)
        left = None if length is None else str((j + pd.Timedelta(days=length)).date())
        rows.append((draw(st.sampled_from(["N1", "N2", "N3"])), draw(st.sampled_from(UNITS)), str(j.date()), left))
    return part(*rows)


def naive_pairs_by_year(p: pd.DataFrame) -> dict[int, set[tuple[str, str]]]:
    rows = list(p.itertuples(index=False))
    dates = [r.joined_on for r in rows] + [r.left_on for r in rows if not pd.isna(r.left_on)]
    last = max(dates).year if dates else 0
    out: dict[int, set[tuple[str, str]]] = {}
    for r, s in combinations(rows, 2):
        if r.network_id != s.network_id or r.unit_id == s.unit_id:
            continue
        for y in range(min(r.joined_on.year, s.joined_on.year), last + 1):
            lo = max(r.joined_on, s.joined_on, pd.Timestamp(y, 1, 1))
            hi = min([pd.Timestamp(y, 12, 31), *(x for x in (r.left_on, s.left_on) if not pd.isna(x))])
            if lo <= hi:
                out.setdefault(y, set()).add(tuple(sorted((r.unit_id, s.unit_id))))
    return out


@settings(max_examples=60, deadline=None)
@given(participations())
def test_property_counts_hold_together(p):
    got = conn.yearly(p, ORG)
    assert (got["connections"] >= got["cross_area"] + got["external"]).all()
    assert (got["new"] <= got["connections"]).all()
    naive = naive_pairs_by_year(p)
    ever = set().union(*naive.values()) if naive else set()
    assert int(got["new"].sum()) == len(ever)
    assert {int(y): int(n) for y, n in zip(got["year"], got["connections"], strict=True) if n} == {
        y: len(s) for y, s in naive.items() if s}
    area = {"U1": "A1", "U2": "A1", "C1": "A1", "U3": "A2", "L1": "L1", "X1": None, "X2": None}
    cross = {y: sum(1 for a, b in s if area[a] and area[b] and area[a] != area[b]) for y, s in naive.items()}
    external = {y: sum(1 for a, b in s if (area[a] is None) != (area[b] is None)) for y, s in naive.items()}
    by_year = got.set_index("year")
    for y in naive:
        assert by_year.at[y, "cross_area"] == cross[y] and by_year.at[y, "external"] == external[y]
