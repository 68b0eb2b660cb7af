"""Why a network scores as it does: the networks table, a network's score indicator by indicator, its
measurements, scores over time, units, partners and family (budding). Pure; inputs are never mutated."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import numpy as np
import pandas as pd

from netvalue import keyfigures, safetext, scoring
from netvalue.schema import EVIDENCE_LEVELS, PERSPECTIVES

_PERSPECTIVE_ORDER = {p: i for i, p in enumerate((*PERSPECTIVES, "input"))}
TABLE_COLUMNS = [
    "network_id", "name", "type", "active", "started_on", "ended_on", "leader", *PERSPECTIVES, "overall",
    "balance", "n", "thin", "share_self_reported", "share_measured", "share_evaluated", "people", "units",
    "partners", "net_dkk",
]


def network_table(networks: pd.DataFrame, stats: pd.DataFrame, indicators: pd.DataFrame,
                  participation: pd.DataFrame, org_units: pd.DataFrame, weights: Mapping[str, float] | None,
                  start: date | None, end: date | None, scores: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per given network: scores, evidence mix (thin: fewer than keyfigures.THIN_EVIDENCE value
    measurements), people, units, partners and net kroner over the window (stats already cut to the window).
    `active` is True when the network is running at the end of the window. scores: scoring.network_scores of
    (at least) these networks when already made, e.g. a selection's, so every page shows the very same numbers."""
    if scores is None:
        scores = scoring.network_scores(stats, indicators, networks, weights)
    else:
        scores = scores[scores["network_id"].isin(networks["network_id"])]
    mix = keyfigures.evidence_columns(stats, indicators)
    reach = keyfigures.people_per_network(networks, participation, org_units, start, end)
    money = scoring.net_dkk(stats, indicators)[["network_id", "net_dkk"]]
    info = networks[["network_id", "started_on", "ended_on", "leader"]]
    out = scores.merge(info, on="network_id", how="left")
    out = out.merge(mix[["network_id", "n", "thin", "share_self_reported", "share_measured", "share_evaluated"]],
                    on="network_id", how="left")
    out = out.merge(reach, on="network_id", how="left").merge(money, on="network_id", how="left")
    out["n"] = out["n"].fillna(0).astype("int64")
    out["thin"] = out["thin"].fillna(True).astype("bool")  # no measurements at all: the thinnest evidence
    at = pd.Timestamp(end) + pd.offsets.MonthEnd(0) if end is not None else pd.Timestamp.max
    out["active"] = out["ended_on"].isna() | (out["ended_on"] >= at)
    return out[TABLE_COLUMNS].sort_values("network_id").reset_index(drop=True)


def search(table: pd.DataFrame, query: str | None, columns: tuple[str, ...] = ("network_id", "name", "leader"),
           extra: pd.Series | None = None) -> pd.DataFrame:
    """Rows where every word of the query occurs (case-insensitive) in one of the columns (or in extra, a text
    per row such as the translated type). An empty query keeps every row."""
    words = [w for w in str(query or "").casefold().split() if w]
    if not words:
        return table
    hay = pd.Series("", index=table.index, dtype="str")
    for c in columns:
        hay = hay + " " + table[c].fillna("").astype("str")
    if extra is not None:
        hay = hay + " " + extra.reindex(table.index).fillna("").astype("str")
    hay = hay.str.casefold()
    mask = pd.Series(True, index=table.index)
    for w in words:
        mask &= hay.str.contains(w, regex=False)
    return table[mask]


def indicator_breakdown(stats: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """One network's stats (one row per indicator) -> the indicator catalogue entry, the mean value, its score
    and the evidence mix, value indicators first by perspective, then input indicators (score NaN)."""
    cols = ["indicator_id", "name", "perspective", "unit", "worst", "best", "value", "score", "n",
            *[f"share_{lvl}" for lvl in EVIDENCE_LEVELS]]
    if stats.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c in ("worst", "best", "value", "score") or
                                          c.startswith("share_") else ("int64" if c == "n" else "str"))
                             for c in cols})
    scored = scoring.indicator_scores(stats, indicators)[["indicator_id", "score"]]
    m = stats.merge(indicators[["indicator_id", "name", "perspective", "unit", "worst", "best"]], on="indicator_id",
                    how="inner")
    m = m.merge(scored, on="indicator_id", how="left")
    total = m["n"].replace(0, np.nan)
    shares = {f"share_{lvl}": m[f"n_{lvl}"] / total for lvl in EVIDENCE_LEVELS}
    out = m.assign(value=m["value_mean"], **shares)
    out = out.assign(_order=out["perspective"].map(_PERSPECTIVE_ORDER)).sort_values(["_order", "name"])
    return out[cols].reset_index(drop=True)


def perspective_breakdown(breakdown: pd.DataFrame, weights: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Per perspective: score (mean of its indicator scores), indicators (how many), weight (renormalised over
    the perspectives measured) and contribution (weight x score; the contributions sum to the overall value)."""
    w = scoring.normalise_weights(weights)
    value = breakdown[breakdown["perspective"].isin(PERSPECTIVES)]
    g = value.groupby("perspective")["score"].agg(["mean", "count"])
    score = pd.Series([g["mean"].get(p, np.nan) for p in PERSPECTIVES], dtype="float64")
    count = pd.Series([int(g["count"].get(p, 0)) for p in PERSPECTIVES], dtype="int64")
    present = score.notna()
    raw = pd.Series([w[p] for p in PERSPECTIVES], dtype="float64").where(present, 0.0)
    weight = raw / raw.sum() if raw.sum() > 0 else raw * np.nan
    weight = weight.where(present)
    return pd.DataFrame({"perspective": list(PERSPECTIVES), "score": score, "indicators": count,
                         "weight": weight, "contribution": weight * score})


def measurement_scores(measurements: pd.DataFrame, indicators: pd.DataFrame, start: date | None = None,
                       end: date | None = None) -> pd.DataFrame:
    """Raw measurements of a network in the window with each one's own score (the same formula as the
    indicator score, on the single value), sorted by perspective, indicator and period."""
    m = measurements
    if start is not None:
        m = m[m["period"] >= pd.Timestamp(start)]
    if end is not None:
        m = m[m["period"] <= pd.Timestamp(end) + pd.offsets.MonthEnd(0)]
    cat = indicators[["indicator_id", "name", "perspective", "unit", "worst", "best"]]
    m = m.merge(cat, on="indicator_id", how="inner")
    span = (m["best"] - m["worst"]).replace(0, np.nan)
    score = (100 * ((m["value"] - m["worst"]) / span).clip(0, 1)).where(m["perspective"].isin(PERSPECTIVES))
    out = m.assign(score=score, _order=m["perspective"].map(_PERSPECTIVE_ORDER))
    out = out.sort_values(["_order", "name", "period"])
    return out[["indicator_id", "name", "perspective", "period", "value", "unit", "score", "evidence",
                "note"]].reset_index(drop=True)


def timeline(stats: pd.DataFrame, indicators: pd.DataFrame, weights: Mapping[str, float] | None = None) -> pd.DataFrame:
    """One network's stats at a grain (with period) -> per period: citizen, economy, staff, overall."""
    persp = scoring.perspective_scores(scoring.indicator_scores(stats, indicators), by=("period",))
    if persp.empty:
        return pd.DataFrame({"period": pd.Series(dtype="datetime64[us]"),
                             **{c: pd.Series(dtype="float64") for c in (*PERSPECTIVES, "overall")}})
    return persp.assign(overall=scoring.overall_score(persp, weights)).sort_values("period").reset_index(drop=True)


def network_units(participation: pd.DataFrame, org_units: pd.DataFrame, network_id: str,
                  start: date | None = None, end: date | None = None) -> pd.DataFrame:
    """The units and external partners taking part in a network during the window: unit_id, name, level,
    external, joined_on, left_on, people; internal units first, then partners, each by joining date."""
    p = participation[participation["network_id"] == network_id]
    p = keyfigures.active_participation(p, start, end)
    m = p.merge(org_units[["unit_id", "name", "level"]], on="unit_id", how="left")
    m = m.assign(external=m["level"] == "external")
    m = m.sort_values(["external", "joined_on", "name"])
    return m[["unit_id", "name", "level", "external", "joined_on", "left_on", "people"]].reset_index(drop=True)


def family(networks: pd.DataFrame, network_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the network it budded from — zero or one row, those that budded from it) as network_id, name, type,
    started_on rows."""
    cols = ["network_id", "name", "type", "started_on"]
    me = networks[networks["network_id"] == network_id]
    parent_id = me["parent_network_id"].iloc[0] if len(me) else None
    parent = networks[networks["network_id"] == parent_id] if isinstance(parent_id, str) else networks.iloc[0:0]
    children = networks[networks["parent_network_id"] == network_id].sort_values(["started_on", "network_id"])
    return parent[cols].reset_index(drop=True), children[cols].reset_index(drop=True)


def network_ids(networks: pd.DataFrame) -> list[str]:
    return [str(x) for x in networks["network_id"]]


def escape_markdown(text: object) -> str:
    """User text made safe to show through Markdown (netvalue.safetext.md, its one home)."""
    return safetext.md(text)
