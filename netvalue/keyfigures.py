"""Headline figures for a selection: active networks, units reached, people taking part, the three legs,
overall value and net kroner, and their change against the same-length window one year earlier.

Pure: frames in, frames or plain dicts out; inputs are never mutated.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date

import pandas as pd

from netvalue import formats, scoring
from netvalue.schema import PERSPECTIVES

HEADLINE_SCORES = (*PERSPECTIVES, "overall", "balance")
# A network's score rests on thin evidence below this many value measurements in the window (e.g. five
# indicators measured for half a year give 30): the strongest/weakest lists and the report flag it.
THIN_EVIDENCE = 30


def active_participation(participation: pd.DataFrame, start: date | None, end: date | None) -> pd.DataFrame:
    """Participation rows that overlap the period [start, end-of-month]."""
    p = participation
    if end is not None:
        p = p[p["joined_on"] <= pd.Timestamp(end) + pd.offsets.MonthEnd(0)]
    if start is not None:
        p = p[p["left_on"].isna() | (p["left_on"] >= pd.Timestamp(start))]
    return p


def _at_end(p: pd.DataFrame, end: date | None) -> pd.DataFrame:
    """Rows still taking part at the end of the period, each (network, unit) once (the latest joining)."""
    at_end = p if end is None else p[p["left_on"].isna() | (p["left_on"] >= pd.Timestamp(end) + pd.offsets.MonthEnd(0))]
    return at_end.sort_values("joined_on").drop_duplicates(["network_id", "unit_id"], keep="last")


def units_reached(participation: pd.DataFrame, org_units: pd.DataFrame, start: date | None, end: date | None,
                  scope: Iterable[str] | None = None) -> set[str]:
    """Units reached: the working units (level `unit`: not a centre or area taking part as a whole, not an
    external partner) in the chosen part of the organisation (scope; None = all) that take part in the window.
    The one definition of "units reached", on every page."""
    p = active_participation(participation, start, end)
    working = org_units.loc[org_units["level"] == "unit", "unit_id"]
    if scope is not None:
        working = working[working.isin(set(scope))]
    return set(p["unit_id"]) & set(working)


def key_figures(networks: pd.DataFrame, participation: pd.DataFrame, org_units: pd.DataFrame,
                start: date | None, end: date | None, scope: Iterable[str] | None = None) -> dict[str, int]:
    """networks: the selected networks. units: units_reached by them; people: everyone taking part at the end
    of the window in the chosen part of the organisation (scope; None = all), each (network, unit) once."""
    p = active_participation(participation[participation["network_id"].isin(networks["network_id"])], start, end)
    latest = _at_end(p, end)
    if scope is not None:
        latest = latest[latest["unit_id"].isin(set(scope))]
    return {
        "networks": len(networks),
        "units": len(units_reached(p, org_units, start, end, scope)),
        "people": int(latest["people"].sum()) if len(latest) else 0,
    }


def people_per_network(networks: pd.DataFrame, participation: pd.DataFrame, org_units: pd.DataFrame,
                       start: date | None, end: date | None) -> pd.DataFrame:
    """One row per given network: network_id, people, units (internal units reached in the period) and partners
    (external units in the period). people counts those taking part at the end of the period, or at the
    network's own end when it ended earlier (so a closed network still shows who took part)."""
    ids = networks[["network_id", "ended_on"]].drop_duplicates("network_id")
    p = active_participation(participation[participation["network_id"].isin(ids["network_id"])], start, end)
    external = set(org_units.loc[org_units["level"] == "external", "unit_id"])
    is_ext = p["unit_id"].isin(external)
    units = p[~is_ext].groupby("network_id")["unit_id"].nunique().rename("units")
    partners = p[is_ext].groupby("network_id")["unit_id"].nunique().rename("partners")
    window_end = pd.Timestamp(end) + pd.offsets.MonthEnd(0) if end is not None else pd.Timestamp.max
    ref = p[["network_id"]].merge(ids, on="network_id", how="left")["ended_on"]
    ref = ref.where(ref.notna() & (ref < window_end), window_end).to_numpy()
    joined, left = p["joined_on"].to_numpy(), p["left_on"].to_numpy()
    taking_part = (joined <= ref) & (p["left_on"].isna().to_numpy() | (left >= ref))
    latest = p[taking_part].sort_values("joined_on").drop_duplicates(["network_id", "unit_id"], keep="last")
    people = latest.groupby("network_id")["people"].sum().rename("people")
    out = ids[["network_id"]].merge(people.reset_index(), on="network_id", how="left")
    out = out.merge(units.reset_index(), on="network_id", how="left").merge(partners.reset_index(), on="network_id",
                                                                            how="left")
    for c in ("people", "units", "partners"):
        out[c] = out[c].fillna(0).astype("int64")
    return out.reset_index(drop=True)


def is_dkk_unit(unit: object) -> bool:
    """True when an indicator's unit is Danish kroner ("DKK", "kr.", "kroner", also "kr. pr. måned"): the rule
    scoring.net_dkk uses."""
    return isinstance(unit, str) and re.match(scoring.DKK_UNIT, unit.lower()) is not None


def value_figures(scores: pd.DataFrame, money: pd.DataFrame) -> dict[str, float | None]:
    """Headline value of a selection: the mean over networks of each leg, overall and balance (None when no
    network is measured), and the summed net kroner (None when no kroner indicator is measured)."""
    out: dict[str, float | None] = {}
    for c in HEADLINE_SCORES:
        col = scores[c].dropna() if c in scores else pd.Series(dtype="float64")
        out[c] = float(col.mean()) if len(col) else None
    out["net_dkk"] = float(money["net_dkk"].sum()) if len(money) else None
    out["saved_dkk"] = float(money["saved_dkk"].sum()) if len(money) else None
    out["cost_dkk"] = float(money["cost_dkk"].sum()) if len(money) else None
    return out


def changes(current: dict[str, float | None], previous: dict[str, float | None]) -> dict[str, float | None]:
    """current - previous for every key in current; None where either side is missing."""
    out: dict[str, float | None] = {}
    for k, v in current.items():
        p = previous.get(k)
        ok = v is not None and p is not None and not (math.isnan(v) or math.isnan(p))
        out[k] = (v - p) if ok else None
    return out


def evidence_columns(stats: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Per network: n (value measurements), share_<level> for each evidence level, share_evaluated (internal
    plus external) and thin (fewer than THIN_EVIDENCE value measurements in the window). The shares of a
    network sum to 1; they are NaN for a network without value measurements."""
    mix = scoring.evidence_mix(stats, indicators)
    return mix.assign(share_evaluated=mix["share_evaluated_internal"] + mix["share_evaluated_external"],
                      thin=mix["n"].fillna(0) < THIN_EVIDENCE)


def ranked(scores: pd.DataFrame) -> pd.DataFrame:
    """Measured networks, best overall value first (ties by name, then id)."""
    s = scores.dropna(subset=["overall"])
    return s.sort_values(["overall", "name", "network_id"], ascending=[False, True, True]).reset_index(drop=True)


def strongest_weakest(scores: pd.DataFrame, n: int = 5) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The n highest and the n lowest overall values (lowest last). With fewer than 2n measured networks the
    two lists share none: the weakest get what the strongest did not take."""
    r = ranked(scores)
    top = r.head(n)
    rest = r.iloc[len(top):]
    bottom = rest.tail(min(n, len(rest)))
    return top.reset_index(drop=True), bottom.reset_index(drop=True)


def latest_stories(stories: pd.DataFrame, networks: pd.DataFrame, start: date | None, end: date | None,
                   n: int = 3) -> pd.DataFrame:
    """The n newest stories of the given networks told in the period, with the network's name."""
    s = stories[stories["network_id"].isin(networks["network_id"])]
    if start is not None:
        s = s[s["told_on"] >= pd.Timestamp(start)]
    if end is not None:
        s = s[s["told_on"] <= pd.Timestamp(end) + pd.offsets.MonthEnd(0)]
    names = networks[["network_id", "name"]].rename(columns={"name": "network_name"})
    s = s.merge(names, on="network_id", how="left")
    return s.sort_values(["told_on", "title"], ascending=[False, True]).head(n).reset_index(drop=True)


def ternary_points(scores: pd.DataFrame, people: pd.DataFrame) -> pd.DataFrame:
    """Networks with all three legs measured (and not all zero), with people: the points of the ternary chart."""
    s = scores.dropna(subset=list(PERSPECTIVES))
    s = s[s[list(PERSPECTIVES)].sum(axis=1) > 0]
    out = s.merge(people[["network_id", "people"]], on="network_id", how="left")
    return out.assign(people=out["people"].fillna(0).astype("int64")).reset_index(drop=True)



def headline(networks: pd.DataFrame, participation: pd.DataFrame, org_units: pd.DataFrame, stats: pd.DataFrame,
             indicators: pd.DataFrame, weights: dict[str, float] | None, start: date | None,
             end: date | None, scope: Iterable[str] | None = None) -> dict[str, float | None]:
    """Every headline number of a selection over a window (stats already cut to the window): networks, units,
    people, citizen, economy, staff, overall, balance, net_dkk, saved_dkk, cost_dkk."""
    s = stats[stats["network_id"].isin(networks["network_id"])]
    scores = scoring.network_scores(s, indicators, networks, weights)
    counts = key_figures(networks, participation, org_units, start, end, scope)
    return {**{k: float(v) for k, v in counts.items()}, **value_figures(scores, scoring.net_dkk(s, indicators))}


def format_number(value: float | None, lang: str = "da", decimals: int = 0, signed: bool = False) -> str:
    """Kept for callers: formats.number (one home for how a figure is written)."""
    return formats.number(value, lang, decimals, signed)


def format_kr(value: float | None, lang: str = "da", signed: bool = False) -> str:
    """Kept for callers: formats.money."""
    return formats.money(value, lang, signed)


def active_at_end(networks: pd.DataFrame, end: date | None) -> int:
    """How many of the networks are still running at the end of the period."""
    if end is None:
        return int(networks["ended_on"].isna().sum())
    at = pd.Timestamp(end) + pd.offsets.MonthEnd(0)
    return int((networks["ended_on"].isna() | (networks["ended_on"] >= at)).sum())
