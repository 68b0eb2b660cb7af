"""The shared filters (period, network types, part of the organisation, weights) as data: parsing them
from URL query parameters, writing them back, and applying them to frames. Pure; never raises on bad input."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from netvalue.orgtree import subtree
from netvalue.schema import NETWORK_TYPES, PERSPECTIVES
from netvalue.scoring import EQUAL_WEIGHTS, normalise_weights

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
NO_TYPES = "none"  # the URL's word for "every network type cleared" (shown as such, never as all types)


@dataclass(frozen=True)
class Filters:
    start: date | None = None  # first day of the first month
    end: date | None = None  # first day of the last month
    types: tuple[str, ...] = NETWORK_TYPES
    unit_id: str | None = None  # None = the whole municipality
    weights: tuple[tuple[str, float], ...] = field(default=tuple(EQUAL_WEIGHTS.items()))
    lang: str = "da"

    @property
    def weight_map(self) -> dict[str, float]:
        return dict(self.weights)


def month_str(d: date | None) -> str:
    return "" if d is None else f"{d.year:04d}-{d.month:02d}"


def parse_month(text: str | None) -> date | None:
    m = _MONTH.match(text or "")
    if not m or not 1 <= int(m.group(2)) <= 12 or not 1900 <= int(m.group(1)) <= 2200:
        return None
    return date(int(m.group(1)), int(m.group(2)), 1)


def _clamp(d: date | None, lo: date | None, hi: date | None) -> date | None:
    if d is None:
        return None
    if lo is not None and d < lo:
        return lo
    if hi is not None and d > hi:
        return hi
    return d


def from_query(params: Mapping[str, str], bounds: tuple[date | None, date | None] = (None, None),
               unit_ids: set[str] | None = None) -> Filters:
    """Filters from URL query parameters; anything unreadable falls back to its default."""
    lo, hi = bounds
    start = _clamp(parse_month(params.get("from")), lo, hi) or lo
    end = _clamp(parse_month(params.get("to")), lo, hi) or hi
    if start and end and start > end:
        start, end = lo, hi
    raw_types = str(params.get("types", ""))
    types = tuple(x for x in NETWORK_TYPES if x in raw_types.split(","))
    if raw_types == NO_TYPES:
        types = ()
    elif not types:
        types = NETWORK_TYPES
    unit = params.get("unit") or None
    if unit is not None and (unit_ids is None or unit not in unit_ids):
        unit = None
    weights = EQUAL_WEIGHTS
    raw = str(params.get("w", ""))
    parts = raw.split("-") if raw else []
    if len(parts) == len(PERSPECTIVES):
        try:
            cand = {p: float(v) for p, v in zip(PERSPECTIVES, parts, strict=True)}
            normalise_weights(cand)
            weights = cand
        except ValueError:
            weights = EQUAL_WEIGHTS
    lang = params.get("lang") if params.get("lang") in ("da", "en") else "da"
    return Filters(start, end, types, unit, tuple(weights.items()), lang)


def _num(v: float) -> str:
    # Positional and shortest-exact: "{:g}" wrote 1e-07 (whose "-" splits the w parameter) and cut digits.
    return np.format_float_positional(float(v) + 0.0, trim="-")


def to_query(f: Filters) -> dict[str, str]:
    """URL query parameters for filters (defaults left out, so a plain link stays plain)."""
    q: dict[str, str] = {"lang": f.lang}
    if f.start:
        q["from"] = month_str(f.start)
    if f.end:
        q["to"] = month_str(f.end)
    if set(f.types) != set(NETWORK_TYPES):
        q["types"] = ",".join(f.types) or NO_TYPES
    if f.unit_id:
        q["unit"] = f.unit_id
    w = f.weight_map
    if len(set(w.values())) > 1:
        q["w"] = "-".join(_num(w[p]) for p in PERSPECTIVES)
    return q


def select_networks(networks: pd.DataFrame, participation: pd.DataFrame, org_units: pd.DataFrame,
                    f: Filters) -> pd.DataFrame:
    """Networks of the chosen types, active in the period, that involve the chosen part of the organisation
    (their home unit or a participating unit lies in it)."""
    n = networks[networks["type"].isin(f.types)]
    if f.end is not None:
        n = n[n["started_on"] <= pd.Timestamp(f.end) + pd.offsets.MonthEnd(0)]
    if f.start is not None:
        n = n[n["ended_on"].isna() | (n["ended_on"] >= pd.Timestamp(f.start))]
    if f.unit_id is not None:
        units = subtree(org_units, f.unit_id)
        involved = set(participation.loc[participation["unit_id"].isin(units), "network_id"])
        n = n[n["home_unit_id"].isin(units) | n["network_id"].isin(involved)]
    return n.reset_index(drop=True)
