"""The one selection every page starts from: filters -> window, the networks they pick, the part of the
organisation in scope, the measurements of the window and the networks' scores."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from netvalue import filters as flt
from netvalue import scoring
from netvalue.orgtree import subtree
from netvalue.views import Source
from netvalue.windows import Window, first_of_month, window


@dataclass(frozen=True)
class Selection:
    """What the filters pick. empty_reason: None, "no_data" (an empty store), "no_types" (every network type
    cleared) or "no_match" (nothing in the window and part of the organisation)."""

    filters: flt.Filters
    window: Window | None
    data_start: date | None
    networks: pd.DataFrame  # the selected networks
    scope: frozenset[str] | None  # unit ids of the chosen part of the organisation (None: the whole municipality)
    stats: pd.DataFrame  # measurements of the window, per network and indicator, of the selected networks
    scores: pd.DataFrame  # scoring.network_scores of the selected networks in the window
    empty_reason: str | None

    @property
    def empty(self) -> bool:
        return self.empty_reason is not None

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(sorted(self.networks["network_id"]))


def resolve_window(src: Source, f: flt.Filters) -> tuple[Window | None, date | None]:
    bounds = src.period_range()
    lo = first_of_month(bounds[0]) if bounds[0] else None
    return window(f.start, f.end, bounds), lo


def select(src: Source, f: flt.Filters, win: Window | None = None) -> Selection:
    """The selection of the filters over their window (or over win, e.g. the earlier window of a comparison)."""
    shown, data_start = resolve_window(src, f)
    win = win or shown
    networks_all = src.table("networks")
    empty_net = networks_all.iloc[0:0]
    empty_stats = pd.DataFrame(columns=["network_id", "indicator_id", "n", "value_mean"])
    if win is None:
        return Selection(f, None, data_start, empty_net, None, empty_stats,
                         scoring.network_scores(empty_stats, src.table("indicators"), empty_net, f.weight_map),
                         "no_data")
    org = src.table("org_units")
    scope = None if f.unit_id is None else frozenset(subtree(org, f.unit_id))
    windowed = replace(f, start=win.start, end=win.end)
    networks = flt.select_networks(networks_all, src.table("participation"), org, windowed)
    reason = "no_types" if not f.types else ("no_match" if networks.empty else None)
    stats = src.stats("all", win.start, win.last_day)
    stats = stats[stats["network_id"].isin(networks["network_id"])].reset_index(drop=True)
    scores = scoring.network_scores(stats, src.table("indicators"), networks, f.weight_map)
    return Selection(f, win, data_start, networks, scope, stats, scores, reason)
