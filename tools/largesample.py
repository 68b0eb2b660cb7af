"""Large synthetic benchmark sets for netvalue: N networks, about 500 measurement rows each, vectorised.

Development tooling, kept out of the library's import path: the benchmark (tools/bench.py), the load test and
the scale tests use it. It reuses the embedded sample's catalogue and helpers from netvalue.sample.

Command line: ``python -m tools.largesample --networks N [--out DIR] [--seed S]``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from netvalue.sample import (  # the sample's catalogue and helpers: one source for both data sets
    _EXTERNAL,
    _INDICATORS,
    _LAST,
    _N_MONTHS,
    _frame,
    _indicator_frame,
    _iso,
    _measurements,
    _month_end,
    _month_start,
    _random_evaluations,
    write_csv,
)

_UNIT_KINDS = (
    "Hjemmepleje", "Plejecenter", "Træningsteam", "Sundhedsteam", "Dagtilbud", "Skole", "Bibliotek",
    "Jobcenterteam", "Familieteam", "Bostøtte", "Vej og Park", "Administration",
)
_CENTRE_KINDS = (
    "Sundhed og Omsorg", "Børn og Familier", "Skole", "Social og Psykiatri", "Kultur og Fritid",
    "By og Miljø", "Beskæftigelse", "Økonomi og Personale",
)
_THEMES = {
    "welfare": ("Tidlig opsporing", "Hverdagsrehabilitering", "Gode overgange", "Medicinhåndtering",
                "Demensvenlig hverdag", "Fællesskab mod ensomhed", "Unge i job", "Udsatte familier",
                "Mad og måltider", "Faldforebyggelse"),
    "innovation": ("Sundhed på ny", "Bo i byen", "Byen designet til børn", "Klimatilpasning",
                   "Fremtidens velfærd", "Grøn omstilling"),
    "learning": ("Frivillighed på tværs", "Samskabelse i praksis", "Velfærdsteknologi", "Ledelse i netværk",
                 "Digital inklusion", "Faglig refleksion"),
}
_PURPOSE = {
    "welfare": "Borgerne skal opleve en sammenhængende indsats på tværs af faggrænser: {theme}.",
    "innovation": "Et vildt problem uden kendt ejer skal løses sammen med borgere og partnere: {theme}.",
    "learning": "Medarbejdere skal dele viden og reflektere sammen på tværs af organisationen: {theme}.",
}
_TYPES = np.array(["welfare", "innovation", "learning"], dtype=object)
# Inclusion probability of each indicator (in catalogue order) by network type.
_INCLUDE = np.array(
    [
        # cs   rf   re   ci   sc   sh   cp   wb   en   pd   sl   hi   nc
        [.95, .70, .60, .50, .95, .85, .45, .95, .75, .70, .75, .98, .95],  # welfare
        [.95, .45, .35, .95, .85, .60, .30, .85, .95, .70, .55, .98, .95],  # innovation
        [.90, .45, .35, .70, .70, .85, .30, .95, .95, .95, .75, .98, .95],  # learning
    ]
)
_LARGE_STORIES = (
    ("citizen", "En borger fik hverdagen tilbage",
     "Medarbejdere fra flere enheder fandt sammen en løsning, som ingen af dem kunne have skabt alene. "
     "Borgeren klarer nu selv mere af hverdagen."),
    ("staff", "Kolleger på tværs",
     "Netværket har givet medarbejderne nye kolleger på tværs af faggrænser og mere lyst til at udvikle "
     "arbejdet."),
    ("economy", "Færre dobbeltopgaver",
     "Enhederne opdagede, at de løste den samme opgave hver for sig. Nu løses den én gang, og timerne bruges "
     "på borgerne i stedet."),
    ("citizen", "Pårørende som partnere",
     "De pårørende blev inviteret med fra starten og er nu en fast del af netværkets møder."),
)


def _large(n_networks: int, seed: int) -> dict[str, pd.DataFrame]:
    """A large synthetic set with n_networks networks, vectorised throughout."""
    rng = np.random.default_rng(seed)

    # Org tree: root, areas, centres, units (grouped so that siblings are contiguous), externals.
    n_internal = max(48, n_networks // 4)
    n_areas = max(2, min(8, n_internal // 60))
    n_centres = max(2 * n_areas, n_internal // 12)
    n_leaf = n_internal - 1 - n_areas - n_centres
    area_of_centre = np.sort(np.arange(n_centres) % n_areas)
    centre_of_unit = np.sort(np.concatenate([np.arange(n_centres),
                                             rng.integers(0, n_centres, n_leaf - n_centres)]))
    area_of_unit = area_of_centre[centre_of_unit]
    area_ids = np.array([f"A-{i + 1:02d}" for i in range(n_areas)], dtype=object)
    centre_ids = np.array([f"C-{i + 1:03d}" for i in range(n_centres)], dtype=object)
    width = max(4, len(str(n_leaf)))
    unit_ids = np.array([f"U-{i + 1:0{width}d}" for i in range(n_leaf)], dtype=object)
    unit_names = np.array([f"{_UNIT_KINDS[i % len(_UNIT_KINDS)]} {i + 1}" for i in range(n_leaf)], dtype=object)
    ext_ids = np.array([e[0] for e in _EXTERNAL], dtype=object)
    org_units = _frame("org_units", {
        "unit_id": np.concatenate([["ALB"], area_ids, centre_ids, unit_ids, ext_ids]),
        "name": np.concatenate([
            ["Albertslund Kommune"],
            [f"Direktørområde {i + 1}" for i in range(n_areas)],
            [f"Center for {_CENTRE_KINDS[i % len(_CENTRE_KINDS)]} {i + 1}" for i in range(n_centres)],
            unit_names,
            [e[1] for e in _EXTERNAL],
        ]),
        "parent_id": np.concatenate([[""], np.full(n_areas, "ALB", dtype=object), area_ids[area_of_centre],
                                     centre_ids[centre_of_unit], np.full(len(ext_ids), "ALB", dtype=object)]),
        "level": np.concatenate([["municipality"], np.full(n_areas, "area", dtype=object),
                                 np.full(n_centres, "centre", dtype=object), np.full(n_leaf, "unit", dtype=object),
                                 np.full(len(ext_ids), "external", dtype=object)]),
    })

    # Networks: start months (more early on), some end, some bud from networks that just ended.
    n = n_networks
    start_m = np.sort(np.floor(60 * rng.random(n) ** 2).astype(np.int64))
    type_code = rng.choice(3, size=n, p=[0.55, 0.25, 0.20])
    duration = rng.integers(24, 61, n)
    end_m = np.where(rng.random(n) < 0.3, start_m + duration - 1, _N_MONTHS)
    ended = end_m <= _LAST
    end_m = np.where(ended, end_m, _N_MONTHS)
    last_m = np.minimum(end_m, _LAST)
    # popularity of units: a few units host and join many networks (depth), many only a few (breadth)
    weight = 1.0 / (1.0 + rng.permutation(n_leaf)) ** 0.9
    weight /= weight.sum()
    home = rng.choice(n_leaf, size=n, p=weight)
    ended_idx = np.flatnonzero(ended)
    ended_order = ended_idx[np.argsort(end_m[ended_idx], kind="stable")]
    ended_sorted = end_m[ended_order]
    lo = np.searchsorted(ended_sorted, start_m - 4, side="left")
    hi = np.searchsorted(ended_sorted, start_m + 1, side="right")
    pick = lo + np.floor(rng.random(n) * np.maximum(hi - lo, 1)).astype(np.int64)
    budded = (hi > lo) & (rng.random(n) < 0.35)
    if ended_order.size:
        parent = np.where(budded, ended_order[np.minimum(pick, ended_order.size - 1)], -1)
    else:
        parent = np.full(n, -1, dtype=np.int64)
    width = max(2, len(str(n)))
    network_ids = np.array([f"N{i + 1:0{width}d}" for i in range(n)], dtype=object)
    leader = np.array([f"Netværksleder, {unit_names[h]}" for h in home], dtype=object)
    inherit = budded & (rng.random(n) < 0.5)
    leader[inherit] = leader[parent[inherit]]
    theme_draw = rng.random(n)
    names, purposes = [], []
    for i in range(n):
        themes = _THEMES[_TYPES[type_code[i]]]
        theme = themes[int(theme_draw[i] * len(themes))]
        names.append(f"{theme} – {unit_names[home[i]]}")
        purposes.append(_PURPOSE[_TYPES[type_code[i]]].format(theme=theme.lower()))
    networks = _frame("networks", {
        "network_id": network_ids,
        "name": names,
        "type": _TYPES[type_code],
        "home_unit_id": unit_ids[home],
        "leader": leader,
        "purpose": purposes,
        "started_on": _iso(_month_start(start_m)),
        "ended_on": _iso(np.where(ended, _month_end(last_m), np.datetime64("NaT", "D"))),
        "parent_network_id": np.where(parent >= 0, network_ids[np.maximum(parent, 0)], ""),
    })

    # Participation: home unit at the start, then rings 1..4 joining later the further out they are.
    extra = rng.poisson(5, n)
    p_net = np.repeat(np.arange(n), extra)
    k = p_net.size
    ring = rng.choice(np.arange(1, 5), size=k, p=[0.35, 0.25, 0.2, 0.2])
    centre_lo = np.searchsorted(centre_of_unit, np.arange(n_centres), side="left")
    centre_n = np.bincount(centre_of_unit, minlength=n_centres)
    area_lo = np.searchsorted(area_of_unit, np.arange(n_areas), side="left")
    area_n = np.bincount(area_of_unit, minlength=n_areas)
    u = rng.random(k)
    c = centre_of_unit[home[p_net]]
    a = area_of_unit[home[p_net]]
    sibling = centre_lo[c] + np.floor(u * centre_n[c]).astype(np.int64)
    in_area = area_lo[a] + np.floor(u * area_n[a]).astype(np.int64)
    anywhere = rng.choice(n_leaf, size=k, p=weight)
    external = rng.choice(len(ext_ids), size=k, p=_external_weights())
    unit_code = np.select([ring == 1, ring == 2, ring == 3], [sibling, in_area, anywhere], n_leaf + external)
    join_off = ring * 2 + np.floor(rng.exponential(5.0, k)).astype(np.int64)
    people = np.where(ring == 4, rng.integers(2, 41, k), rng.integers(1, 7, k))
    # home rows first, then drop repeated (network, unit) pairs and joins after the network's last month
    all_net = np.concatenate([np.arange(n), p_net])
    all_unit = np.concatenate([home, unit_code])
    all_join = np.concatenate([start_m, start_m[p_net] + join_off])
    all_people = np.concatenate([rng.integers(3, 13, n), people])
    pair_key = all_net * (n_leaf + len(ext_ids)) + all_unit
    _, first_idx = np.unique(pair_key, return_index=True)
    first_idx = np.sort(first_idx)
    first_idx = first_idx[all_join[first_idx] <= last_m[all_net[first_idx]]]
    j_net, j_unit, j_join, j_people = all_net[first_idx], all_unit[first_idx], all_join[first_idx], \
        all_people[first_idx]
    is_home = j_join == start_m[j_net]
    is_home &= j_unit == home[j_net]
    m = j_net.size
    join_day = np.where(is_home, 0, rng.integers(0, 28, m))
    leave_m = j_join + 2 + rng.integers(0, 24, m)
    leaves = (~is_home) & (rng.random(m) < 0.15) & (leave_m < last_m[j_net])
    rejoin_m = leave_m + 3 + rng.integers(0, 10, m)
    rejoins = leaves & (rng.random(m) < 0.25) & (rejoin_m <= last_m[j_net])
    joined = _month_start(j_join) + join_day.astype("timedelta64[D]")
    nat = np.datetime64("NaT", "D")
    net_end = np.where(ended, _month_end(last_m), nat)
    left = np.where(leaves, _month_start(leave_m) + rng.integers(0, 28, m).astype("timedelta64[D]"), net_end[j_net])
    r_idx = np.flatnonzero(rejoins)
    r_joined = _month_start(rejoin_m[r_idx]) + rng.integers(0, 28, r_idx.size).astype("timedelta64[D]")
    p_all_net = np.concatenate([j_net, j_net[r_idx]])
    p_all_unit = np.concatenate([j_unit, j_unit[r_idx]])
    p_joined = np.concatenate([joined, r_joined])
    p_left = np.concatenate([left, net_end[j_net[r_idx]]])
    p_people = np.concatenate([j_people, j_people[r_idx]])
    order = np.lexsort((p_all_unit, p_joined, p_all_net))
    all_unit_ids = np.concatenate([unit_ids, ext_ids])
    participation = _frame("participation", {
        "network_id": network_ids[p_all_net[order]],
        "unit_id": all_unit_ids[p_all_unit[order]],
        "joined_on": _iso(p_joined[order]),
        "left_on": _iso(p_left[order]),
        "people": p_people[order].astype(np.int64),
    })

    # Measurements: indicators by type, monthly from shortly after the start.
    include = rng.random((n, len(_INDICATORS))) < _INCLUDE[type_code]
    pair_net, pair_ind = np.nonzero(include)  # row-major: sorted by network, then indicator
    measurements = _measurements(
        rng,
        network_ids,
        start_m,
        last_m,
        pair_net.astype(np.int64),
        pair_ind.astype(np.int64),
        np.zeros(pair_net.size, dtype=bool),
        rng.integers(0, 3, pair_net.size),
        _random_evaluations(rng, n),
        drop_share=0.0,
        note_share=0.005,
    )

    # Stories: about one network in five tells one.
    s_net = np.flatnonzero(rng.random(n) < 0.2)
    s_kind = rng.integers(0, len(_LARGE_STORIES), s_net.size)
    span = last_m[s_net] - start_m[s_net] + 1
    s_month = start_m[s_net] + np.floor(rng.random(s_net.size) * span).astype(np.int64)
    stories = _frame("stories", {
        "network_id": network_ids[s_net],
        "told_on": _iso(_month_start(s_month) + rng.integers(0, 28, s_net.size).astype("timedelta64[D]")),
        "perspective": np.array([s[0] for s in _LARGE_STORIES], dtype=object)[s_kind],
        "title": np.array([s[1] for s in _LARGE_STORIES], dtype=object)[s_kind],
        "text": np.array([s[2] for s in _LARGE_STORIES], dtype=object)[s_kind],
    })
    return {
        "org_units": org_units,
        "indicators": _indicator_frame(),
        "networks": networks,
        "participation": participation,
        "measurements": measurements,
        "stories": stories,
    }


def _external_weights() -> np.ndarray:
    """How often each external unit is reached in large sets (citizens most)."""
    w = np.array([6, 3, 3, 3, 1.5, 1, 1, 1, 0.25, 0.25])[: len(_EXTERNAL)]
    return w / w.sum()


def generate(networks: int, seed: int = 2013) -> dict[str, pd.DataFrame]:
    """A large benchmark set with N networks (the six record types, canonical columns)."""
    if int(networks) < 1:
        raise ValueError("networks must be a positive whole number")
    return _large(int(networks), seed)


def main(argv: Sequence[str] | None = None) -> int:
    """Write a large set with N networks as CSV files."""
    parser = argparse.ArgumentParser(prog="python -m tools.largesample", description=main.__doc__)
    parser.add_argument("--networks", type=int, required=True, help="how many networks")
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--seed", type=int, default=2013, help="random seed (default 2013)")
    args = parser.parse_args(argv)
    if args.networks < 1:
        parser.error("--networks must be at least 1")
    frames = generate(args.networks, seed=args.seed)
    for path in write_csv(frames, args.out):
        print(f"{path}  ({len(frames[path.stem])} rows)", file=sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
