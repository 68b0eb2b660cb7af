"""Ringe i vandet: how network work spreads over time and across the organisation. Pure transforms;
inputs are never mutated, and every output is aggregated (its size depends on periods, rings, units or
networks, never on the number of measurement rows).

Rings
-----
The ring of a participating unit is seen from its network's home unit in the org tree:

* 0 the home unit itself;
* 1 elsewhere under the same centre (the home's siblings, and the centre itself);
* 2 elsewhere in the same director area;
* 3 elsewhere in the municipality;
* 4 outside the municipality: a unit of level ``external`` (or any unit below one).

"Same centre" means the nearest centre on the way up the tree (a unit's own row counts, so a centre is its
own centre); "same area" likewise. The rules are applied in the order 0, 4, 1, 2, 3, which settles the
edge cases:

* a home unit that is a **centre**: its own units are ring 1, the other centres of its area ring 2;
* a home unit that is a **director area**: it has no centre, so ring 1 is empty and everything in the area
  is ring 2;
* a home unit that is **the municipality** itself: every internal unit is ring 3;
* a home unit that is **external**: the home is ring 0, other external actors ring 4, every internal
  unit ring 3 (an external home shares no centre or area with anyone);
* a **centre or area taking part as a whole** gets the ring of its own place in the tree (the centre of
  the home unit is ring 1; the municipality itself is ring 3);
* a **malformed tree** (a loop of parents, or a parent that does not exist) never hangs: each unit's way
  up stops at the first unit seen twice or at a missing parent, and the ring is decided on what was
  found. A unit that is not in the org tree at all cannot be placed: its ring is missing (<NA>) and it
  is left out of the ring figures.

Taking part over time
---------------------
A participation row (a "spell") is active in a month when ``joined_on <= month end`` and
(``left_on`` is empty or ``left_on >= month start``): a unit that joins on the 31st counts for that month,
and one that leaves on the 1st still counts for that month. The same holds per quarter. Comparing months
is done on whole month numbers, so the rule is exact: month(joined_on) <= m <= month(left_on).

A unit that **joins, leaves and joins again** has two spells: it is active in the months of either spell,
not in the gap, and counted once per month however its spells overlap. People in a month are those of the
latest-joined spell active in that month (never the sum of overlapping spells). Such a unit is "reached"
once: the first month it takes part. Spells are taken as they are: a spell is not cut to its network's
start and end dates, and the home unit only counts as taking part when it has a participation row.

A network is active in a month when ``started_on <= month end`` and (``ended_on`` is empty or
``ended_on >= month start``).

Budding (knopskydning)
----------------------
Generation 0 is a network with no parent; a bud is one more than its parent. A parent id that is not in
the table still makes a bud (generation 1, origin ``unknown``); a loop of parents cannot be ordered, so
the networks in it and below it get generation <NA>. The origin says where a network came from: ``new``,
``from_ended`` (the parent had ended on or before the day the bud started) or ``from_running``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import numpy as np
import pandas as pd

from netvalue import keyfigures
from netvalue.orgtree import ancestors, org_tree  # noqa: F401 - org_tree re-exported: one home, orgtree

RINGS: tuple[int, ...] = (0, 1, 2, 3, 4)
# Months in one period of each time step of the ripples page (the store's grains are store.GRAINS).
MONTHS_PER_PERIOD: dict[str, int] = {"month": 1, "quarter": 3}
ORIGINS: tuple[str, ...] = ("new", "from_ended", "from_running", "unknown")


# --------------------------------------------------------------------------------------------
# The org tree
# --------------------------------------------------------------------------------------------
def _ring_codes(same: np.ndarray, ext: np.ndarray, centre_u: pd.Series, centre_h: pd.Series,
                area_u: pd.Series, area_h: pd.Series) -> np.ndarray:
    same_centre = (centre_u.notna() & (centre_u == centre_h).fillna(False)).to_numpy(dtype=bool)
    same_area = (area_u.notna() & (area_u == area_h).fillna(False)).to_numpy(dtype=bool)
    return np.select([same, ext, same_centre, same_area], [0, 4, 1, 2], 3)


def rings(pairs: pd.DataFrame, networks: pd.DataFrame, tree: pd.DataFrame) -> pd.DataFrame:
    """A copy of pairs (any frame with network_id and unit_id) with the ring of each unit seen from its
    network's home unit (Int64; <NA> for a unit not in the tree or a network not in the table)."""
    keys = pairs[["network_id", "unit_id"]].drop_duplicates()
    if len(keys) < len(pairs):  # work on the distinct pairs, then spread the rings back over the rows
        ring_of = rings(keys, networks, tree).set_index(["network_id", "unit_id"])["ring"]
        idx = pd.MultiIndex.from_frame(pairs[["network_id", "unit_id"]])
        return pairs.assign(ring=ring_of.reindex(idx).array)
    place = tree.set_index("unit_id")[["area_id", "centre_id", "external"]]
    home = pairs["network_id"].map(networks.set_index("network_id")["home_unit_id"])
    unit = pairs["unit_id"]
    known_unit = unit.isin(place.index).to_numpy(dtype=bool)
    codes = _ring_codes(
        (unit == home).fillna(False).to_numpy(dtype=bool),
        unit.map(place["external"]).fillna(False).to_numpy(dtype=bool),
        unit.map(place["centre_id"]), home.map(place["centre_id"]),
        unit.map(place["area_id"]), home.map(place["area_id"]),
    )
    ring = pd.array(np.where(known_unit & home.notna().to_numpy(dtype=bool), codes, -1), dtype="Int64")
    ring[ring == -1] = pd.NA
    return pairs.assign(ring=ring)


def ring_places(networks: pd.DataFrame, tree: pd.DataFrame) -> pd.DataFrame:
    """How many places (entries of the org tree: units, and the centres and areas themselves) lie in each
    ring of each network: network_id, ring, places (every ring 0..4, zeros included; ring 0 is always 1).
    Computed on groups of units sharing area, centre and externality, so it is cheap for large trees."""
    g = (tree.assign(area_id=tree["area_id"].fillna("\0"), centre_id=tree["centre_id"].fillna("\0"))
         .groupby(["area_id", "centre_id", "external"], as_index=False).size())
    g["area_id"] = g["area_id"].replace("\0", pd.NA)
    g["centre_id"] = g["centre_id"].replace("\0", pd.NA)
    place = tree.set_index("unit_id")
    homes = pd.DataFrame({"home_unit_id": networks["home_unit_id"].drop_duplicates().astype("str")})
    homes["h_area"] = homes["home_unit_id"].map(place["area_id"])
    homes["h_centre"] = homes["home_unit_id"].map(place["centre_id"])
    homes["h_ext"] = homes["home_unit_id"].map(place["external"])
    homes["h_known"] = homes["home_unit_id"].isin(place.index)
    x = homes.merge(g, how="cross")
    x["ring"] = _ring_codes(np.zeros(len(x), dtype=bool), x["external"].to_numpy(dtype=bool),
                            x["centre_id"], x["h_centre"], x["area_id"], x["h_area"])
    # the home's own group holds the home itself, which is ring 0, not the ring its group gets
    own = (x["h_known"] & (x["area_id"].fillna("\0") == x["h_area"].fillna("\0"))
           & (x["centre_id"].fillna("\0") == x["h_centre"].fillna("\0"))
           & (x["external"] == x["h_ext"].fillna(False).astype(bool)))
    x["size"] = x["size"] - own.astype("int64")
    per_home = x.groupby(["home_unit_id", "ring"])["size"].sum()
    full = pd.MultiIndex.from_product([homes["home_unit_id"], list(RINGS)], names=["home_unit_id", "ring"])
    per_home = per_home.reindex(full, fill_value=0).reset_index(name="places")
    per_home.loc[per_home["ring"] == 0, "places"] = 1
    out = networks[["network_id", "home_unit_id"]].merge(per_home, on="home_unit_id", how="left")
    out = out[["network_id", "ring", "places"]].astype({"ring": "int64", "places": "int64"})
    return out.sort_values(["network_id", "ring"]).reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Periods
# --------------------------------------------------------------------------------------------
def _month_no(s: pd.Series) -> np.ndarray:
    """Whole month number (year * 12 + month - 1) of each date; NaN where the date is missing."""
    d = pd.to_datetime(s)
    return (d.dt.year * 12 + d.dt.month - 1).to_numpy(dtype="float64", na_value=np.nan)


def _period_no(d: date | pd.Timestamp, grain: str) -> int:
    return (d.year * 12 + d.month - 1) // MONTHS_PER_PERIOD[grain]


def _period_start(p: np.ndarray, grain: str) -> pd.Series:
    # Each distinct period is dated once: p has a row per (period, network, unit) link, 10⁵–10⁶ of them.
    uniq, inverse = np.unique(np.asarray(p, dtype="int64"), return_inverse=True)
    m = uniq * MONTHS_PER_PERIOD[grain]
    starts = pd.to_datetime(pd.DataFrame({"year": m // 12, "month": m % 12 + 1, "day": 1})).astype("datetime64[us]")
    return pd.Series(starts.to_numpy()[inverse.ravel()])


def periods(start: date | pd.Timestamp, end: date | pd.Timestamp, grain: str = "month") -> pd.Series:
    """The first day of each period (month or quarter) from the one holding start to the one holding end."""
    if grain not in MONTHS_PER_PERIOD:
        raise ValueError(f"grain must be one of {sorted(MONTHS_PER_PERIOD)}")
    lo, hi = _period_no(start, grain), _period_no(end, grain)
    return _period_start(np.arange(lo, max(lo, hi + 1)), grain).rename("period")


def lifetime(networks: pd.DataFrame, start: date, end: date) -> tuple[date, date]:
    """The part of the window [start, end] (first days of months) in which any of the networks runs: from
    the first start to the last end (end itself while one is still running). The whole window when none
    of them runs in it."""
    s = pd.to_datetime(networks["started_on"]).dropna()
    if s.empty:
        return start, end
    e = pd.to_datetime(networks["ended_on"])
    lo = max(pd.Timestamp(start), s.min().to_period("M").start_time)
    hi = pd.Timestamp(end) if e.isna().any() else min(pd.Timestamp(end), e.max().to_period("M").start_time)
    if hi < lo:
        return start, end
    return lo.date(), hi.date()


def _expand(first: np.ndarray, last: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row index and period number for every period of every [first, last] interval (vectorised)."""
    n = (last - first + 1).astype("int64")
    rows = np.repeat(np.arange(len(n)), n)
    offset = np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)
    return rows, first.astype("int64")[rows] + offset


def _spans(begin: pd.Series, finish: pd.Series, lo: int, hi: int, grain: str) -> tuple[np.ndarray, np.ndarray]:
    """First and last period number of each [begin, finish] date span, clipped to [lo, hi]; rows that fall
    outside get first > last. An empty finish means 'still going'."""
    div = MONTHS_PER_PERIOD[grain]
    b = _month_no(begin)
    f = _month_no(finish)
    first = np.where(np.isnan(b), hi + 1, np.floor(np.nan_to_num(b, nan=0) / div))
    last = np.where(np.isnan(f), hi, np.floor(np.nan_to_num(f, nan=0) / div))
    return np.maximum(first, lo).astype("int64"), np.minimum(last, hi).astype("int64")


def active_links(participation: pd.DataFrame, start: date, end: date, grain: str = "month") -> pd.DataFrame:
    """Each (period, network, unit) taking part, with its people: period (first day), network_id, unit_id,
    people. One row per unit per network per period however many spells cover it; people from the
    latest-joined active spell. Periods run from the one holding start to the one holding end."""
    lo, hi = _period_no(start, grain), _period_no(end, grain)
    first, last = _spans(participation["joined_on"], participation["left_on"], lo, hi, grain)
    keep = first <= last
    p = participation.loc[keep]
    # Sorted integer codes instead of the ids: the expanded rows (one per spell per period, about a million at
    # 2,000 networks over six years) sort and dedupe in numpy, and each id is looked up once at the end.
    net_code, nets = pd.factorize(p["network_id"], sort=True)
    unit_code, units = pd.factorize(p["unit_id"], sort=True)
    joined = p["joined_on"].to_numpy(dtype="datetime64[us]").astype("int64")
    people = p["people"].fillna(0).to_numpy(dtype="int64")
    rows, pno = _expand(first[keep], last[keep])
    net, unit = net_code[rows], unit_code[rows]
    # Stable, last key first: by period, network, unit, then joined, so the latest-joined spell comes last.
    order = np.lexsort((joined[rows], unit, net, pno))
    pno, net, unit, rows = pno[order], net[order], unit[order], rows[order]
    last_of_key = np.ones(len(order), dtype=bool)
    last_of_key[:-1] = (pno[1:] != pno[:-1]) | (net[1:] != net[:-1]) | (unit[1:] != unit[:-1])
    out = pd.DataFrame({
        "period": _period_start(pno[last_of_key], grain).to_numpy(),
        "network_id": nets.take(net[last_of_key]).astype("str"),
        "unit_id": units.take(unit[last_of_key]).astype("str"),
        "people": people[rows[last_of_key]],
    })
    return out.astype({"network_id": "str", "unit_id": "str"})


def active_networks(networks: pd.DataFrame, start: date, end: date, grain: str = "month") -> pd.DataFrame:
    """Each (period, network) in which the network runs: period, network_id, type."""
    lo, hi = _period_no(start, grain), _period_no(end, grain)
    first, last = _spans(networks["started_on"], networks["ended_on"], lo, hi, grain)
    keep = first <= last
    rows, pno = _expand(first[keep], last[keep])
    n = networks.loc[keep, ["network_id", "type"]].iloc[rows]
    out = pd.DataFrame({"period": _period_start(pno, grain).to_numpy(),
                        "network_id": n["network_id"].to_numpy(), "type": n["type"].to_numpy()})
    out = out.astype({"network_id": "str", "type": "str"})
    return out.sort_values(["period", "network_id"]).reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Ripples: units and people by ring over time
# --------------------------------------------------------------------------------------------
def ring_spread(links: pd.DataFrame, places: pd.DataFrame, running: pd.DataFrame,
                periods_: pd.Series) -> pd.DataFrame:
    """Per period and ring: units taking part, people, places and the share of places reached, and how
    many have been reached so far (cumulative).

    links: active_links with a ring column (rings()); for several networks a unit counts once per network.
    places: ring_places. running: active_networks (the networks whose places count in a period, together
    with any network that has links then). periods_: the periods to show (periods()).
    Columns: period, ring, units, people, places, share (units / places, 0 when no places), reached.
    """
    per = pd.to_datetime(periods_).astype("datetime64[us]")
    lk = links[links["ring"].notna() & links["period"].isin(per)].astype({"ring": "int64"})
    grid = pd.MultiIndex.from_product([per, list(RINGS)], names=["period", "ring"])
    g = lk.groupby(["period", "ring"]).agg(units=("unit_id", "size"), people=("people", "sum"))
    g = g.reindex(grid, fill_value=0)
    nets = pd.concat([running[["period", "network_id"]], lk[["period", "network_id"]]]).drop_duplicates()
    pl = nets.merge(places, on="network_id").groupby(["period", "ring"])["places"].sum()
    g["places"] = pl.reindex(grid, fill_value=0)
    first = lk.groupby(["network_id", "unit_id"]).agg(period=("period", "min"), ring=("ring", "first"))
    new = first.groupby(["period", "ring"]).size().reindex(grid, fill_value=0)
    g["reached"] = new.groupby(level="ring").cumsum()
    out = g.reset_index()
    out["share"] = (out["units"] / out["places"].where(out["places"] > 0)).fillna(0.0).clip(0, 1)
    out = out.astype({"ring": "int64", "units": "int64", "people": "int64", "places": "int64",
                      "reached": "int64"})
    return out[["period", "ring", "units", "people", "places", "share", "reached"]]


# --------------------------------------------------------------------------------------------
# Spread over time
# --------------------------------------------------------------------------------------------
def spread_over_time(networks: pd.DataFrame, running: pd.DataFrame, links: pd.DataFrame,
                     tree: pd.DataFrame, periods_: pd.Series, scope: Iterable[str] | None = None) -> pd.DataFrame:
    """Per period and network type (and 'all'): networks running, internal units reached, people taking
    part. running: active_networks; links: active_links. scope: the unit ids counted for units and people
    (None: all); units never count external actors, people do (citizens, relatives and partners take part
    too). Columns: period, type, networks, units, people; every period and type, zeros included."""
    types = list(dict.fromkeys(networks["type"]))
    ptype = networks.set_index("network_id")["type"]
    lk = links.assign(type=links["network_id"].map(ptype))
    if scope is not None:
        lk = lk[lk["unit_id"].isin(set(scope))]
    internal = set(tree.loc[~tree["external"], "unit_id"])
    lk_int = lk[lk["unit_id"].isin(internal)]
    run = running[running["network_id"].isin(set(networks["network_id"]))]
    per = pd.to_datetime(periods_).astype("datetime64[us]")
    parts = []
    for typ in [*types, "all"]:
        r = run if typ == "all" else run[run["type"] == typ]
        a = lk if typ == "all" else lk[lk["type"] == typ]
        b = lk_int if typ == "all" else lk_int[lk_int["type"] == typ]
        parts.append(pd.DataFrame({
            "period": per.to_numpy(),
            "type": typ,
            "networks": r.groupby("period")["network_id"].nunique().reindex(per, fill_value=0).to_numpy(),
            "units": b.groupby("period")["unit_id"].nunique().reindex(per, fill_value=0).to_numpy(),
            "people": a.groupby("period")["people"].sum().reindex(per, fill_value=0).to_numpy(),
        }))
    out = pd.concat(parts, ignore_index=True).astype({"type": "str", "networks": "int64", "units": "int64",
                                                      "people": "int64"})
    return out


def network_events(networks: pd.DataFrame, periods_: pd.Series, grain: str = "quarter") -> pd.DataFrame:
    """Per period: networks started (of them budded: with a parent), ended, and the cumulative count of
    networks started up to the end of the period (counting those started before the first period).
    Columns: period, started, budded, ended, cumulative."""
    div = MONTHS_PER_PERIOD[grain]
    per = pd.to_datetime(periods_).astype("datetime64[us]")
    pno = (per.dt.year * 12 + per.dt.month - 1).to_numpy() // div
    s = np.floor(_month_no(networks["started_on"]) / div)
    e = np.floor(_month_no(networks["ended_on"]) / div)
    budded = networks["parent_network_id"].notna().to_numpy(dtype=bool)
    started = np.array([(s == p).sum() for p in pno], dtype="int64")
    return pd.DataFrame({
        "period": per.to_numpy(),
        "started": started,
        "budded": np.array([((s == p) & budded).sum() for p in pno], dtype="int64"),
        "ended": np.array([(e == p).sum() for p in pno], dtype="int64"),
        "cumulative": np.array([(s <= p).sum() for p in pno], dtype="int64"),
    })


# --------------------------------------------------------------------------------------------
# Across units
# --------------------------------------------------------------------------------------------
def unit_activity(links: pd.DataFrame, tree: pd.DataFrame, periods_: pd.Series,
                  scope: Iterable[str] | None = None) -> pd.DataFrame:
    """Networks active per internal unit per period, every unit and period (zeros included), units in tree
    order. scope: the unit ids to show (None: every internal unit). Columns: unit_id, label, level, period,
    networks."""
    t = tree[~tree["external"] & (tree["level"] != "municipality")]
    if scope is not None:
        t = t[t["unit_id"].isin(set(scope))]
    per = pd.to_datetime(periods_).astype("datetime64[us]")
    counts = links[links["unit_id"].isin(set(t["unit_id"]))].groupby(["unit_id", "period"])["network_id"].nunique()
    grid = pd.MultiIndex.from_product([t["unit_id"], per], names=["unit_id", "period"])
    out = counts.reindex(grid, fill_value=0).rename("networks").reset_index()
    info = t.set_index("unit_id")
    out.insert(1, "label", out["unit_id"].map(info["label"]))
    out.insert(2, "level", out["unit_id"].map(info["level"]))
    return out.astype({"unit_id": "str", "label": "str", "level": "str", "networks": "int64"})


def tree_activity(tree: pd.DataFrame, pairs: pd.DataFrame, scores: pd.DataFrame | None = None,
                  root: str | None = None) -> pd.DataFrame:
    """The internal org tree (below root, root included; the whole tree when None) with, per node:
    networks (distinct networks taking part anywhere in its subtree), own (networks the unit takes part in
    itself) and value (mean overall value of the networks in its subtree that have one; <NA> when none).
    pairs: (network_id, unit_id) taking part in the window. scores: network_id, overall.
    Columns: unit_id, parent_id, name, level, networks, own, value; parent_id is empty for the top row."""
    t = tree[~tree["external"]]
    if root is not None:
        keep = set(ancestors(t).query("ancestor_id == @root")["unit_id"])
        t = t[t["unit_id"].isin(keep)]
    ids = set(t["unit_id"])
    pr = pairs[["network_id", "unit_id"]].drop_duplicates()
    pr = pr[pr["unit_id"].isin(ids)]
    up = pr.merge(ancestors(t), on="unit_id")
    up = up[up["ancestor_id"].isin(ids)][["ancestor_id", "network_id"]].drop_duplicates()
    info = t.set_index("unit_id")
    out = pd.DataFrame({"unit_id": t["unit_id"].to_numpy()})
    parent = out["unit_id"].map(info["parent_id"])
    out["parent_id"] = parent.where(parent.isin(ids) & (out["unit_id"] != root)).astype("str")
    out["name"] = out["unit_id"].map(info["name"])
    out["level"] = out["unit_id"].map(info["level"])
    out["networks"] = out["unit_id"].map(up.groupby("ancestor_id")["network_id"].size()).fillna(0).astype("int64")
    out["own"] = out["unit_id"].map(pr.groupby("unit_id")["network_id"].size()).fillna(0).astype("int64")
    if scores is not None and len(scores):
        v = up.merge(scores[["network_id", "overall"]], on="network_id").dropna(subset=["overall"])
        out["value"] = out["unit_id"].map(v.groupby("ancestor_id")["overall"].mean()).astype("Float64")
    else:
        out["value"] = pd.array([pd.NA] * len(out), dtype="Float64")
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Budding (knopskydning)
# --------------------------------------------------------------------------------------------
def budding(networks: pd.DataFrame) -> pd.DataFrame:
    """Each network with where it came from: network_id, name, type, started_on, ended_on,
    parent_network_id, parent_name, generation (Int64), origin (new/from_ended/from_running/unknown),
    family (the generation-0 network at the top of its line; <NA> in a loop or below an unknown parent),
    in network_id order."""
    n = networks.sort_values("network_id").reset_index(drop=True)
    parent = {i: (p if isinstance(p, str) and p else None)
              for i, p in zip(n["network_id"], n["parent_network_id"], strict=True)}
    gen: dict[str, int | None] = {}
    fam: dict[str, str | None] = {}
    for start in n["network_id"]:
        path: list[str] = []
        on_path: set[str] = set()
        cur: str | None = start
        base_gen: int | None
        base_fam: str | None
        while True:
            if cur in gen:
                base_gen, base_fam = gen[cur], fam[cur]
                break
            if cur in on_path:  # a loop of parents: nothing on or below it can be ordered
                base_gen, base_fam = None, None
                break
            if cur not in parent:  # the parent is not in the table: a bud of something unknown
                base_gen, base_fam = 0, None
                break
            path.append(cur)
            on_path.add(cur)
            if parent[cur] is None:
                gen[cur], fam[cur] = 0, cur
                path.pop()
                base_gen, base_fam = 0, cur
                break
            cur = parent[cur]
        for node in reversed(path):
            base_gen = None if base_gen is None else base_gen + 1
            gen[node], fam[node] = base_gen, base_fam
    pid = n["parent_network_id"]
    pinfo = n.set_index("network_id")
    p_known = pid.isin(pinfo.index)
    p_end = pid.map(pinfo["ended_on"])
    origin = np.select(
        [pid.isna().to_numpy(dtype=bool), ~p_known.to_numpy(dtype=bool),
         (p_end.notna() & (p_end <= n["started_on"])).to_numpy(dtype=bool)],
        ["new", "unknown", "from_ended"], "from_running")
    generation = pd.array([gen[i] for i in n["network_id"]], dtype="Int64")
    origin = np.where(generation.isna(), "unknown", origin)
    return pd.DataFrame({
        "network_id": n["network_id"],
        "name": n["name"],
        "type": n["type"],
        "started_on": n["started_on"],
        "ended_on": n["ended_on"],
        "parent_network_id": pid,
        "parent_name": pid.map(pinfo["name"]).astype("str"),
        "generation": generation,
        "origin": pd.Series(origin, dtype="str"),
        "family": pd.Series([fam[i] for i in n["network_id"]], dtype="str"),
    })


def value_by(buds: pd.DataFrame, scores: pd.DataFrame, by: str = "generation") -> pd.DataFrame:
    """Mean overall value of the networks by generation or origin: by, n (networks), n_scored (with a
    value), mean_overall (<NA> when none is scored). scores: network_id, overall."""
    m = buds[["network_id", by]].merge(scores[["network_id", "overall"]], on="network_id", how="left")
    m = m[m[by].notna()]
    g = m.groupby(by).agg(n=("network_id", "size"), n_scored=("overall", "count"), mean_overall=("overall", "mean"))
    g = g.reset_index().astype({"n": "int64", "n_scored": "int64", "mean_overall": "Float64"})
    if by == "origin":
        g = g.set_index("origin").reindex([o for o in ORIGINS if o in set(g["origin"])]).reset_index()
    return g.reset_index(drop=True)


def lineage(buds: pd.DataFrame, keep: Iterable[str] | None = None,
            scores: pd.DataFrame | None = None, max_rows: int | None = None) -> pd.DataFrame:
    """The families that budded (a generation-0 network with at least one bud, and its buds), parent before
    child, siblings by start date; only families with a member in keep (None: all). max_rows: keep whole
    families, in order of their first start, while they fit (the first family always). Columns: those of
    budding() plus overall (<NA> when unscored) and row (0.. from the top)."""
    b = buds[buds["family"].notna()]
    sizes = b.groupby("family")["network_id"].size()
    b = b[b["family"].isin(sizes[sizes > 1].index)]
    if keep is not None:
        fams = set(b.loc[b["network_id"].isin(set(keep)), "family"])
        b = b[b["family"].isin(fams)]
    kids: dict[str | None, list[str]] = {}
    for i, p in zip(b.sort_values(["started_on", "network_id"])["network_id"],
                    b.sort_values(["started_on", "network_id"])["parent_network_id"], strict=True):
        kids.setdefault(p if isinstance(p, str) else None, []).append(i)
    roots = b.loc[b["generation"] == 0].sort_values(["started_on", "network_id"])["network_id"]
    order: list[str] = []
    stack = list(reversed(list(roots)))
    while stack:
        u = stack.pop()
        if u in order:
            continue
        order.append(u)
        stack.extend(reversed(kids.get(u, [])))
    out = b.set_index("network_id").loc[order].reset_index()
    if max_rows is not None and len(out) > max_rows:
        sizes_in_order = out.groupby("family", sort=False).size()
        fits = sizes_in_order.cumsum() <= max_rows
        fits.iloc[0] = True
        out = out[out["family"].isin(fits[fits].index)].reset_index(drop=True)
    if scores is not None:
        out = out.merge(scores[["network_id", "overall"]], on="network_id", how="left")
    else:
        out["overall"] = np.nan
    out["overall"] = out["overall"].astype("Float64")
    out["row"] = np.arange(len(out), dtype="int64")
    return out


# --------------------------------------------------------------------------------------------
# Plain facts
# --------------------------------------------------------------------------------------------
def plain_facts(networks: pd.DataFrame, participation: pd.DataFrame, tree: pd.DataFrame,
                start: date, end: date, scope: Iterable[str] | None = None) -> dict[str, object]:
    """Facts for a selection, computed: networks = the selected networks; participation = their
    participation with a ring column (rings()); start/end = the first days of the window's first and last
    month; scope = the unit ids of the chosen part of the organisation (None: all).

    * first_year_*: networks running in the first twelve months (fewer when the window is shorter:
      first_year_months), counted from the later of the window start and the first network's start (so the
      whole history starts when network work started);
    * units_*: working units (level ``unit``) in scope taking part at some time in the window, of all of
      them, and the share never reached;
    * top_unit_*: the unit (any internal level) with most networks in the window (the first in tree order
      on a tie);
    * growth: new units reached per ring in the last twelve months of the window (the whole window when it
      is shorter: last_year_from, last_year_months), units in scope only; a (network, unit) pair
      counts in the month it first joined, ever); top_rings are the rings with most (all of them on a tie;
      empty when none grew).
    """
    s_no, e_no = _period_no(start, "month"), _period_no(end, "month")
    started = _month_no(networks["started_on"])
    first_no = int(max(s_no, np.nanmin(started))) if len(networks) and not np.isnan(started).all() else s_no
    fy_end = min(first_no + 11, e_no)
    f1, l1 = _spans(networks["started_on"], networks["ended_on"], first_no, fy_end, "month")
    in_scope = set(tree["unit_id"]) if scope is None else set(scope)
    working = tree[(tree["level"] == "unit") & tree["unit_id"].isin(in_scope)]
    f2, l2 = _spans(participation["joined_on"], participation["left_on"], s_no, e_no, "month")
    window = participation[f2 <= l2]
    reached_units = keyfigures.units_reached(participation, tree, start, end, in_scope)
    internal = tree[~tree["external"] & tree["unit_id"].isin(in_scope)]
    per_unit = window[window["unit_id"].isin(set(internal["unit_id"]))].groupby("unit_id")["network_id"].nunique()
    rank = per_unit.index.map(tree.set_index("unit_id")["order"])
    top_unit = per_unit.iloc[np.lexsort((rank.to_numpy(), -per_unit.to_numpy()))].head(1)
    names = tree.set_index("unit_id")["name"]
    in_part = participation[participation["unit_id"].isin(in_scope)]
    first_join = in_part.groupby(["network_id", "unit_id"]).agg(j=("joined_on", "min"), ring=("ring", "first"))
    jn = _month_no(first_join["j"])
    ly_no = max(e_no - 11, s_no)  # the last twelve months, or the whole window when it is shorter
    recent = first_join[(jn >= ly_no) & (jn <= e_no)]
    growth = recent["ring"].dropna().astype("int64").value_counts().reindex(list(RINGS), fill_value=0)
    top_rings = tuple(int(k) for k, v in growth.items() if v == growth.max() and v > 0)
    total = len(working)
    return {
        "first_year_from": _period_start(np.array([first_no]), "month").iloc[0],
        "first_year_to": _period_start(np.array([fy_end]), "month").iloc[0],
        "first_year_months": fy_end - first_no + 1,
        "first_year_networks": int((f1 <= l1).sum()),
        "units_reached": len(reached_units),
        "units_total": total,
        "never_reached_share": (total - len(reached_units)) / total if total else float("nan"),
        "top_unit": None if top_unit.empty else str(names.get(top_unit.index[0], top_unit.index[0])),
        "top_unit_networks": 0 if top_unit.empty else int(top_unit.iloc[0]),
        "growth": {int(k): int(v) for k, v in growth.items()},
        "top_rings": top_rings,
        "last_year_from": _period_start(np.array([ly_no]), "month").iloc[0],
        "last_year_months": e_no - ly_no + 1,
    }
