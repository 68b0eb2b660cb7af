"""Vi skaber forbindelser: the connections networks make between units the line organisation keeps apart.
Pure transforms; inputs are never mutated. Definitions (DESIGN.md "Connections"; docs/connections.md):

* A **node** is a participating unit of any level (a whole centre taking part is a node of its own, beside
  its units), external actors included.
* Its **area** is the nearest ancestor-or-self of level ``area`` (from orgtree.org_tree, the one walk up the
  tree); an external node's area is ``external`` (a unit is external when it or something above it is); a
  node with no area above it is its own area.
* Two distinct nodes are **connected** on a day when both have a spell (``joined_on`` .. ``left_on``, both
  days included; an open spell runs on) in the same network that covers that day. They are connected in a
  calendar year (or a window of days) when there is such a day in it. A pair is counted once however many
  networks or spells connect it.
* Per year: connected_units (nodes in at least one connection), connections (unordered pairs), cross_area
  (both internal, different areas), external (exactly one external), new (connected this year and in no
  earlier year), cross_share = cross_area / pairs with both nodes internal (NaN when there are none). The
  years run from the first to the last year of any joined_on or left_on date; an open spell counts up to
  the end of that last year.

Everything is computed from one self-merge of the spells per network (pairs of spells, then days, then
years), never from a Python loop over pairs.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from netvalue.orgtree import org_tree

YEAR_COLUMNS: tuple[str, ...] = ("year", "connected_units", "connections", "cross_area", "external", "new",
                                 "cross_share")
EXTERNAL = "external"
KINDS: tuple[str, ...] = ("within_area", "cross_area", "external", "both_external")
SEED = 2013
EXACT_BETWEENNESS_NODES = 1500  # above this many nodes betweenness is estimated from a seeded sample of sources
BETWEENNESS_SAMPLE = 200
_OPEN = np.datetime64("9999-12-31", "D")


# --------------------------------------------------------------------------------------------
# Nodes and their areas
# --------------------------------------------------------------------------------------------

def places(org_units: pd.DataFrame, tree: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every org unit as a possible node: unit_id, name, level, external, area_id (the design's area:
    nearest area ancestor-or-self, ``external``, or the unit itself), area_name, centre_id (nearest centre
    ancestor-or-self, <NA> when none). tree is orgtree.org_tree(org_units) when the caller has it."""
    tree = org_tree(org_units) if tree is None else tree
    ext = tree["external"].to_numpy(dtype=bool)
    uid = tree["unit_id"].astype("str")
    area = tree["area_id"].astype("str").fillna(uid)
    area = area.where(~ext, EXTERNAL)
    names = dict(zip(uid, tree["name"].astype("str"), strict=True))
    return pd.DataFrame({
        "unit_id": uid.to_numpy(),
        "name": tree["name"].astype("str").to_numpy(),
        "level": tree["level"].astype("str").to_numpy(),
        "external": ext,
        "area_id": area.astype("str").to_numpy(),
        "area_name": pd.array([names.get(a, a) if a != EXTERNAL else EXTERNAL for a in area], dtype="str"),
        "centre_id": tree["centre_id"].astype("str").where(~ext).to_numpy(),
    }).astype({"unit_id": "str", "name": "str", "level": "str", "area_id": "str", "area_name": "str",
               "centre_id": "str"})


# --------------------------------------------------------------------------------------------
# Pairs of spells
# --------------------------------------------------------------------------------------------

def _days(s: pd.Series) -> np.ndarray:
    return pd.to_datetime(s).to_numpy().astype("datetime64[D]")


def _day(d: date | pd.Timestamp | None, default: np.datetime64) -> np.datetime64:
    return default if d is None or pd.isna(d) else np.datetime64(pd.Timestamp(d).date(), "D")


@dataclass(frozen=True)
class SpellPairs:
    """Pairs of spells of two distinct nodes in the same network that overlap on at least one day.

    units: node ids (codes index into it); a < b as codes, so each unordered pair has one spelling.
    start, end: the days both spells cover (end is _OPEN for two open spells)."""

    units: np.ndarray
    network: np.ndarray
    a: np.ndarray
    b: np.ndarray
    start: np.ndarray
    end: np.ndarray
    last_day: np.datetime64 | None = None  # the last day of the last year with participation
    first_year: int | None = None
    networks: np.ndarray = field(default_factory=lambda: np.array([], dtype=object))


def spell_pairs(participation: pd.DataFrame) -> SpellPairs:
    """All overlapping spell pairs of distinct nodes, by one self-merge of the spells per network."""
    p = participation[["network_id", "unit_id", "joined_on", "left_on"]]
    joined = _days(p["joined_on"])
    left_raw = _days(p["left_on"])
    left = np.where(np.isnat(left_raw), _OPEN, left_raw)
    ok = ~np.isnat(joined) & (left >= joined)
    net_codes, nets = pd.factorize(p["network_id"].astype("str"))
    unit_codes, units = pd.factorize(p["unit_id"].astype("str"), sort=True)
    units = np.asarray(units, dtype=object)
    if not ok.any():
        empty = np.array([], dtype=np.int64)
        nodays = np.array([], dtype="datetime64[D]")
        return SpellPairs(units, empty, empty, empty, nodays, nodays, None, None, np.asarray(nets, dtype=object))
    dated = np.concatenate([joined[ok], left_raw[ok & ~np.isnat(left_raw)]])
    last_year = int(dated.max().astype("datetime64[Y]").astype(int)) + 1970
    first_year = int(joined[ok].min().astype("datetime64[Y]").astype(int)) + 1970
    s = pd.DataFrame({"n": net_codes[ok], "u": unit_codes[ok], "j": joined[ok], "l": left[ok]})
    m = s.merge(s, on="n", suffixes=("a", "b"))
    m = m[(m["ua"].to_numpy() < m["ub"].to_numpy())]
    start = np.maximum(m["ja"].to_numpy(), m["jb"].to_numpy())
    end = np.minimum(m["la"].to_numpy(), m["lb"].to_numpy())
    keep = start <= end
    return SpellPairs(
        units=units,
        network=m["n"].to_numpy()[keep].astype(np.int64),
        a=m["ua"].to_numpy()[keep].astype(np.int64),
        b=m["ub"].to_numpy()[keep].astype(np.int64),
        start=start[keep].astype("datetime64[D]"),
        end=end[keep].astype("datetime64[D]"),
        last_day=np.datetime64(f"{last_year}-12-31", "D"),
        first_year=first_year,
        networks=np.asarray(nets, dtype=object),
    )


def _node_flags(sp: SpellPairs, place: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per node code: external (bool) and an area code (int; a unit not in the org tree is its own area)."""
    pl = place.set_index("unit_id")
    ids = pd.Index(sp.units.astype(str))
    ext = pl["external"].reindex(ids).fillna(False).to_numpy(dtype=bool)
    area = pl["area_id"].reindex(ids).astype("str").fillna(pd.Series(ids, index=ids)).to_numpy(dtype=object)
    area_codes, _ = pd.factorize(area)
    return ext, area_codes.astype(np.int64)


def _in_scope(sp: SpellPairs, scope: Collection[str] | None) -> np.ndarray:
    """Per pair: at least one node lies in scope (all pairs when scope is None)."""
    if scope is None:
        return np.ones(sp.a.size, dtype=bool)
    inside = np.isin(sp.units.astype(str), np.asarray(list(scope), dtype=str))
    return inside[sp.a] | inside[sp.b]


# --------------------------------------------------------------------------------------------
# Per calendar year
# --------------------------------------------------------------------------------------------

def empty_years() -> pd.DataFrame:
    out = pd.DataFrame({c: pd.Series([], dtype="int64") for c in YEAR_COLUMNS[:-1]})
    out["cross_share"] = pd.Series([], dtype="float64")
    return out


def yearly_pairs(sp: SpellPairs, scope: Collection[str] | None = None, last_year: int | None = None) -> pd.DataFrame:
    """One row per (pair, year) connected: a, b (node codes), year. Distinct. Open spells run to the end of
    last_year (default: the last year with participation)."""
    if sp.a.size == 0 or sp.last_day is None:
        return pd.DataFrame({"a": np.array([], dtype=np.int64), "b": np.array([], dtype=np.int64),
                             "year": np.array([], dtype=np.int64)})
    keep = _in_scope(sp, scope)
    last_day = sp.last_day if last_year is None else np.datetime64(f"{last_year}-12-31", "D")
    start, end = sp.start[keep], np.minimum(sp.end[keep], last_day)
    a, b = sp.a[keep], sp.b[keep]
    sy = start.astype("datetime64[Y]").astype(np.int64) + 1970
    ey = end.astype("datetime64[Y]").astype(np.int64) + 1970
    n = ey - sy + 1
    idx = np.repeat(np.arange(n.size), n)
    offset = np.arange(idx.size) - np.repeat(np.cumsum(n) - n, n)
    out = pd.DataFrame({"a": a[idx], "b": b[idx], "year": sy[idx] + offset})
    return out.drop_duplicates(ignore_index=True)


def yearly(participation: pd.DataFrame, org_units: pd.DataFrame, scope: Collection[str] | None = None,
           tree: pd.DataFrame | None = None, years: tuple[int, int] | None = None) -> pd.DataFrame:
    """The design's table: one row per calendar year from the first to the last year with participation
    (or the years given, inclusive), columns YEAR_COLUMNS. scope (a set of unit ids) keeps the pairs with at
    least one node in it; `new` still looks at every earlier year of the data."""
    sp = spell_pairs(participation)
    return yearly_from_pairs(sp, places(org_units, tree), scope, years)


def yearly_from_pairs(sp: SpellPairs, place: pd.DataFrame, scope: Collection[str] | None = None,
                      years: tuple[int, int] | None = None) -> pd.DataFrame:
    if sp.first_year is None or sp.last_day is None:
        return empty_years()
    first = sp.first_year
    last = int(sp.last_day.astype("datetime64[Y]").astype(np.int64)) + 1970
    lo, hi = years if years is not None else (first, last)
    all_years = pd.Index(np.arange(lo, hi + 1, dtype=np.int64), name="year")
    yp = yearly_pairs(sp, scope, max(hi, last))
    yp = yp[yp["year"] <= hi]
    ext, area = _node_flags(sp, place)
    a, b, y = yp["a"].to_numpy(), yp["b"].to_numpy(), yp["year"].to_numpy()
    ea, eb = ext[a], ext[b]
    internal = ~ea & ~eb
    frame = pd.DataFrame({
        "year": y,
        "connections": 1,
        "cross_area": (internal & (area[a] != area[b])).astype(np.int64),
        "external": (ea ^ eb).astype(np.int64),
        "internal": internal.astype(np.int64),
    })
    sums = frame.groupby("year").sum()
    nodes = pd.DataFrame({"year": np.concatenate([y, y]), "u": np.concatenate([a, b])}).drop_duplicates()
    key = a * max(len(sp.units), 1) + b
    first_year = pd.Series(y).groupby(key).min()
    out = pd.DataFrame(index=all_years)
    out["connected_units"] = nodes.groupby("year").size()
    for c in ("connections", "cross_area", "external"):
        out[c] = sums[c] if len(sums) else 0
    out["new"] = first_year.value_counts()
    out = out.fillna(0).astype("int64")
    internal_n = sums["internal"].reindex(all_years, fill_value=0) if len(sums) else pd.Series(0, index=all_years)
    share = out["cross_area"] / internal_n.where(internal_n > 0)
    out["cross_share"] = share.astype("float64")
    return out.reset_index()[list(YEAR_COLUMNS)]


# --------------------------------------------------------------------------------------------
# A window of days: edges, nodes, the area matrix
# --------------------------------------------------------------------------------------------

def window_pair_networks(sp: SpellPairs, start: date | None = None, end: date | None = None,
                         scope: Collection[str] | None = None) -> pd.DataFrame:
    """Which networks connect which pairs on at least one day of [start, end] (both included; None = open):
    a, b (unit ids, a < b), network_id; distinct."""
    lo, hi = _day(start, np.datetime64("0001-01-01", "D")), _day(end, _OPEN)
    keep = _in_scope(sp, scope) & (np.maximum(sp.start, lo) <= np.minimum(sp.end, hi))
    e = pd.DataFrame({"a": sp.a[keep], "b": sp.b[keep], "n": sp.network[keep]}).drop_duplicates()
    ids = sp.units.astype(str)
    return pd.DataFrame({
        "a": pd.array(ids[e["a"].to_numpy()], dtype="str"),
        "b": pd.array(ids[e["b"].to_numpy()], dtype="str"),
        "network_id": pd.array(np.asarray(sp.networks, dtype=str)[e["n"].to_numpy()], dtype="str"),
    })


def window_edges(sp: SpellPairs, place: pd.DataFrame, start: date | None = None, end: date | None = None,
                 scope: Collection[str] | None = None) -> pd.DataFrame:
    """The pairs connected on at least one day of [start, end] (both included; None = open): a, b (unit
    ids, a < b), networks (how many networks connect them in the window), a_area, b_area, kind (KINDS)."""
    pn = window_pair_networks(sp, start, end, scope)
    out = pn.groupby(["a", "b"], as_index=False).size().rename(columns={"size": "networks"})
    out["networks"] = out["networks"].astype(np.int64)
    pl = place.set_index("unit_id")
    ext = pl["external"]
    ea = out["a"].map(ext).fillna(False).to_numpy(dtype=bool)
    eb = out["b"].map(ext).fillna(False).to_numpy(dtype=bool)
    out["a_area"] = out["a"].map(pl["area_id"]).fillna(out["a"]).astype("str")
    out["b_area"] = out["b"].map(pl["area_id"]).fillna(out["b"]).astype("str")
    same = (out["a_area"] == out["b_area"]).to_numpy(dtype=bool)
    out["kind"] = pd.array(np.select([ea & eb, ea ^ eb, same], ["both_external", "external", "within_area"],
                                     "cross_area"), dtype="str")
    return out.sort_values(["a", "b"], ignore_index=True)


def window_counts(edges: pd.DataFrame) -> dict[str, float]:
    """connected_units, connections, cross_area, external, internal and cross_share of a window's edges."""
    kinds = edges["kind"].value_counts()
    internal = int(kinds.get("within_area", 0) + kinds.get("cross_area", 0))
    cross = int(kinds.get("cross_area", 0))
    return {
        "connected_units": int(pd.concat([edges["a"], edges["b"]]).nunique()),
        "connections": len(edges),
        "cross_area": cross,
        "external": int(kinds.get("external", 0)),
        "internal": internal,
        "cross_share": cross / internal if internal else float("nan"),
    }


def cross_area_count(participation: pd.DataFrame, org_units: pd.DataFrame, start: date | None,
                     end: date | None, scope: Collection[str] | None = None) -> int:
    """Connections across director areas in the window [start, end] (days, both included): the overview's
    key figure. Compare two windows by calling it twice."""
    return window_counts(window_edges(spell_pairs(participation), places(org_units), start, end, scope))["cross_area"]


def window_links(participation: pd.DataFrame, start: date | None = None, end: date | None = None) -> pd.DataFrame:
    """(network_id, unit_id) of the spells covering at least one day of [start, end]; distinct."""
    lo, hi = _day(start, np.datetime64("0001-01-01", "D")), _day(end, _OPEN)
    joined = _days(participation["joined_on"])
    left = _days(participation["left_on"])
    left = np.where(np.isnat(left), _OPEN, left)
    act = (joined <= hi) & (left >= lo) & (left >= joined)
    return participation.loc[act, ["network_id", "unit_id"]].drop_duplicates(ignore_index=True)


def window_nodes(links: pd.DataFrame, place: pd.DataFrame, edges: pd.DataFrame,
                 scope: Collection[str] | None = None) -> pd.DataFrame:
    """The nodes taking part in the window (links from window_links; with a scope, those in it or connected
    to it): unit_id, name, level, external, area_id, area_name, centre_id, networks (networks taken part in
    during the window), connections (how many other nodes it is connected to). Ordered by unit_id."""
    nets = links.groupby("unit_id").size()
    if scope is not None:
        nets = nets[nets.index.isin(set(scope) | set(edges["a"]) | set(edges["b"]))]
    degree = pd.concat([edges["a"], edges["b"]]).value_counts()
    ids = pd.Index(sorted(nets.index.astype(str)), dtype="str", name="unit_id")
    out = place.set_index("unit_id").reindex(ids).reset_index()
    out["unit_id"] = out["unit_id"].astype("str")
    out["name"] = out["name"].fillna(out["unit_id"]).astype("str")
    out["level"] = out["level"].astype("str")
    out["external"] = out["external"].fillna(False).astype(bool)
    out["area_id"] = out["area_id"].fillna(out["unit_id"]).astype("str")
    out["area_name"] = out["area_name"].fillna(out["name"]).astype("str")
    out["networks"] = nets.reindex(ids).to_numpy(dtype=np.int64)
    out["connections"] = degree.reindex(ids, fill_value=0).to_numpy(dtype=np.int64)
    return out[["unit_id", "name", "level", "external", "area_id", "area_name", "centre_id", "networks",
                "connections"]]


GRAPH_LEVELS: tuple[str, ...] = ("unit", "centre", "area")
MAX_GRAPH_NODES = 150


def _group_of(nodes: pd.DataFrame, level: str) -> pd.Series:
    """unit_id -> the node it is drawn as at a level: itself, its centre (a unit above any centre stays
    itself), or its area; external actors always stay themselves."""
    uid = nodes["unit_id"]
    if level == "unit":
        g = uid
    elif level == "centre":
        g = nodes["centre_id"].fillna(uid)
    else:
        g = nodes["area_id"]
    g = g.where(~nodes["external"].to_numpy(dtype=bool), uid)
    return pd.Series(g.astype("str").to_numpy(), index=uid.to_numpy())


def graph_level(nodes: pd.DataFrame, max_nodes: int = MAX_GRAPH_NODES) -> str:
    """The finest level (unit, centre, area) at which the graph has at most max_nodes nodes."""
    for level in GRAPH_LEVELS[:-1]:
        if _group_of(nodes, level).nunique() <= max_nodes:
            return level
    return GRAPH_LEVELS[-1]


def graph(nodes: pd.DataFrame, links: pd.DataFrame, pair_networks: pd.DataFrame, place: pd.DataFrame,
          level: str = "unit") -> tuple[pd.DataFrame, pd.DataFrame]:
    """The graph to draw at a level. Nodes: node_id, label, area_id, area_name, external, members (nodes
    drawn as it), networks (distinct networks its members take part in). Edges: a, b (node ids, a < b),
    networks (distinct networks connecting a member of one with a member of the other); pairs inside one
    drawn node are left out."""
    group = _group_of(nodes, level)
    pl = place.set_index("unit_id")
    l2 = links[links["unit_id"].isin(group.index)]
    nets = pd.DataFrame({"g": l2["unit_id"].map(group), "n": l2["network_id"]}).drop_duplicates()
    nets = nets.groupby("g").size()
    members = group.value_counts()
    ids = pd.Index(sorted(set(group)), dtype="str")
    first = nodes.assign(g=group.to_numpy()).drop_duplicates("g").set_index("g")
    label = [str(pl.at[g, "name"]) if g in pl.index else g for g in ids]
    area_id = [str(pl.at[g, "area_id"]) if g in pl.index else str(first.at[g, "area_id"]) for g in ids]
    out_nodes = pd.DataFrame({
        "node_id": ids.to_numpy(),
        "label": label,
        "area_id": area_id,
        "area_name": [str(first.at[g, "area_name"]) for g in ids],
        "external": np.array([bool(first.at[g, "external"]) for g in ids], dtype=bool),
        "members": members.reindex(ids).to_numpy(dtype=np.int64),
        "networks": nets.reindex(ids, fill_value=0).to_numpy(dtype=np.int64),
    }).astype({"node_id": "str", "label": "str", "area_id": "str", "area_name": "str"})
    pn = pair_networks[pair_networks["a"].isin(group.index) & pair_networks["b"].isin(group.index)]
    ga, gb = pn["a"].map(group).to_numpy(dtype=object), pn["b"].map(group).to_numpy(dtype=object)
    lo, hi = np.where(ga < gb, ga, gb), np.where(ga < gb, gb, ga)
    e = pd.DataFrame({"a": lo, "b": hi, "n": pn["network_id"].to_numpy()})
    e = e[e["a"] != e["b"]].drop_duplicates()
    edges = e.groupby(["a", "b"], as_index=False).size().rename(columns={"size": "networks"})
    edges = edges.astype({"a": "str", "b": "str", "networks": "int64"})
    return out_nodes, edges.sort_values(["a", "b"], ignore_index=True)


def layout(nodes: pd.DataFrame, edges: pd.DataFrame, seed: int = SEED) -> pd.DataFrame:
    """A copy of nodes with x, y from a seeded spring layout (networkx): the same data draws the same picture.
    Nodes that work together in many networks are pulled close; nodes with no connection sit at the rim."""
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(nodes["node_id"])
    g.add_weighted_edges_from(zip(edges["a"], edges["b"], edges["networks"], strict=True), weight="networks")
    if g.number_of_nodes() == 0:
        return nodes.assign(x=pd.Series(dtype="float64"), y=pd.Series(dtype="float64"))
    pos = nx.spring_layout(g, weight="networks", seed=seed, iterations=60)
    return nodes.assign(x=[round(float(pos[u][0]), 4) for u in nodes["node_id"]],
                        y=[round(float(pos[u][1]), 4) for u in nodes["node_id"]])


def area_order(place: pd.DataFrame, area_ids: Collection[str]) -> list[str]:
    """Areas for display: director areas by name, then units that are their own area, external last."""
    pl = place.set_index("unit_id")
    ids = sorted(set(area_ids))
    real = [a for a in ids if a in pl.index and pl.at[a, "level"] == "area"]
    other = [a for a in ids if a != EXTERNAL and a not in real]
    name = pl["name"].to_dict()
    out = sorted(real, key=lambda a: (name.get(a, a), a)) + sorted(other, key=lambda a: (name.get(a, a), a))
    return out + ([EXTERNAL] if EXTERNAL in ids else [])


def area_matrix(edges: pd.DataFrame, place: pd.DataFrame) -> pd.DataFrame:
    """Area × area connection counts in the window: symmetric; the diagonal holds the pairs within one area.
    Index and columns are area ids in area_order."""
    order = area_order(place, set(edges["a_area"]) | set(edges["b_area"]))
    if not order:
        return pd.DataFrame(dtype="int64")
    x = pd.crosstab(edges["a_area"], edges["b_area"]).reindex(index=order, columns=order, fill_value=0)
    m = x.to_numpy(dtype=np.int64)
    sym = m + m.T - np.diag(np.diag(m))
    return pd.DataFrame(sym, index=pd.Index(order, name="area"), columns=pd.Index(order, name="with"))


# --------------------------------------------------------------------------------------------
# Graph analytics (networkx): bridges and working communities against the formal areas
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Analytics:
    """bridges: the internal nodes with betweenness, articulation, areas_reached (one row per internal node
    with a connection, most between first); communities: unit_id, community (1 = largest); contingency:
    community × area counts; ari: adjusted Rand index of communities against areas (NaN when undefined);
    exact: whether betweenness is exact (False: estimated from a seeded sample of sources)."""

    bridges: pd.DataFrame
    communities: pd.DataFrame
    contingency: pd.DataFrame
    ari: float
    exact: bool


def _comb2(x: np.ndarray) -> float:
    x = np.asarray(x, dtype=np.float64)
    return float((x * (x - 1) / 2).sum())


def adjusted_rand(contingency: pd.DataFrame) -> float:
    """Adjusted Rand index from a contingency table (Hubert and Arabie); NaN when fewer than two items or
    when both partitions are trivial in the same way."""
    m = contingency.to_numpy(dtype=np.float64)
    n = m.sum()
    if n < 2:
        return float("nan")
    index = _comb2(m)
    rows, cols = _comb2(m.sum(axis=1)), _comb2(m.sum(axis=0))
    expected = rows * cols / _comb2(np.array([n]))
    top = (rows + cols) / 2
    if top == expected:
        return float("nan")
    return (index - expected) / (top - expected)


def betweenness(ids: list[str], a: list[str], b: list[str]) -> np.ndarray:
    """Normalised betweenness centrality of an undirected, unweighted graph (Brandes' accumulation, run for all
    sources at once as matrix products over the BFS levels): networkx.betweenness_centrality's value (to about
    six significant digits: the products run in float32) in a fraction of its time for a few hundred nodes.
    ids: the nodes; a, b: the edges."""
    n = len(ids)
    if n < 3:
        return np.zeros(n)
    pos = {u: i for i, u in enumerate(ids)}
    adj = np.zeros((n, n), dtype=np.float32)
    ia = np.fromiter((pos[x] for x in a), dtype=np.int64, count=len(a))
    ib = np.fromiter((pos[x] for x in b), dtype=np.int64, count=len(b))
    adj[ia, ib] = 1.0
    adj[ib, ia] = 1.0
    np.fill_diagonal(adj, 0.0)
    seen = np.eye(n, dtype=bool)
    sigma = np.eye(n)  # sigma[s, v]: shortest paths from s to v
    levels = [seen.copy()]  # levels[d][s, v]: v lies d hops from s
    frontier = np.eye(n, dtype=np.float32)
    while True:
        nxt = frontier @ adj
        nxt[seen] = 0.0
        reached = nxt > 0
        if not reached.any():
            break
        seen |= reached
        sigma[reached] = nxt[reached]
        levels.append(reached)
        frontier = nxt
    inv = 1.0 / np.where(seen, sigma, 1.0)
    delta = np.zeros((n, n))
    for d in range(len(levels) - 1, 0, -1):
        coeff = np.where(levels[d], (1.0 + delta) * inv, 0.0).astype(np.float32)
        back = coeff @ adj
        m = levels[d - 1]
        delta[m] += sigma[m] * back[m]
    total = delta.sum(axis=0) - np.diag(delta)
    return total / ((n - 1) * (n - 2))


def analytics(nodes: pd.DataFrame, edges: pd.DataFrame, seed: int = SEED,
              place: pd.DataFrame | None = None) -> Analytics:
    """Betweenness, articulation points and Louvain communities on the internal graph of a window.

    External actors are left out: citizens take part in nearly every network and would stand as the bridge
    of everything. Betweenness counts shortest paths in hops (normalised 0..1). place (from places()) orders
    the contingency table's areas as area_order does."""
    import networkx as nx  # only the page needs it; the command starts faster without it

    internal = nodes[~nodes["external"]]
    e = edges[edges["kind"].isin(["within_area", "cross_area"])]
    g = nx.Graph()
    g.add_nodes_from(internal["unit_id"])
    g.add_weighted_edges_from(zip(e["a"], e["b"], e["networks"], strict=True), weight="networks")
    g.remove_nodes_from([u for u, d in list(g.degree) if d == 0])
    n = g.number_of_nodes()
    exact = n <= EXACT_BETWEENNESS_NODES
    if n:
        if exact:
            ids_ = list(g.nodes)
            ea, eb = zip(*g.edges, strict=True) if g.number_of_edges() else ((), ())
            bc = dict(zip(ids_, betweenness(ids_, list(ea), list(eb)).tolist(), strict=True))
        else:
            bc = nx.betweenness_centrality(g, k=BETWEENNESS_SAMPLE, seed=seed, normalized=True)
        cut = set(nx.articulation_points(g))
        comms = nx.community.louvain_communities(g, weight="networks", seed=seed)
    else:
        bc, cut, comms = {}, set(), []
    area = dict(zip(nodes["unit_id"], nodes["area_id"], strict=True))
    ids = sorted(g.nodes)
    # other areas reached: distinct areas across each node's internal edges, its own area left out
    ends = pd.DataFrame({"u": np.concatenate([e["a"].to_numpy(), e["b"].to_numpy()]),
                         "area": np.concatenate([e["b_area"].to_numpy(), e["a_area"].to_numpy()])})
    ends = ends[ends["area"].to_numpy() != ends["u"].map(area).to_numpy()].drop_duplicates()
    info = nodes.set_index("unit_id").reindex(pd.Index(ids, dtype="str"))
    degree = pd.concat([e["a"], e["b"]]).value_counts()
    bridges = pd.DataFrame({
        "unit_id": pd.array(ids, dtype="str"),
        "name": info["name"].astype("str").to_numpy(),
        "area_id": info["area_id"].astype("str").to_numpy(),
        "area_name": info["area_name"].astype("str").to_numpy(),
        "connections": degree.reindex(ids, fill_value=0).to_numpy(dtype=np.int64),
        "areas_reached": ends.groupby("u").size().reindex(ids, fill_value=0).to_numpy(dtype=np.int64),
        "betweenness": np.array([bc.get(u, 0.0) for u in ids], dtype=np.float64),
        "articulation": np.array([u in cut for u in ids], dtype=bool),
    }).astype({"name": "str", "area_id": "str", "area_name": "str"})
    bridges = bridges.sort_values(["betweenness", "unit_id"], ascending=[False, True], ignore_index=True)
    ordered = sorted((sorted(c) for c in comms), key=lambda c: (-len(c), c[0]))
    communities = pd.DataFrame({
        "unit_id": pd.array([u for c in ordered for u in c], dtype="str"),
        "community": np.array([i + 1 for i, c in enumerate(ordered) for _ in c], dtype=np.int64),
    })
    if len(communities):
        areas = communities["unit_id"].map(area)
        contingency = pd.crosstab(communities["community"], areas)
        if place is not None:
            contingency = contingency[area_order(place, contingency.columns)]
        contingency.columns.name = "area"
    else:
        contingency = pd.DataFrame(dtype="int64")
    return Analytics(bridges, communities, contingency, adjusted_rand(contingency) if len(contingency) else
                     float("nan"), exact)
