"""Pure transforms: aggregated measurements -> indicator, perspective and overall scores, balance,
evidence mix and net DKK. Inputs are never mutated.

The input `stats` is what Store.indicator_stats returns: one row per network, indicator (and period at
a grain) with n, value_mean, value_sum and n_<evidence level>. An indicator's score over a window is
computed from its mean value in that window.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from netvalue.schema import EVIDENCE_LEVELS, PERSPECTIVES

EQUAL_WEIGHTS: dict[str, float] = dict.fromkeys(PERSPECTIVES, 1.0)
# An indicator counts in kroner when its unit starts with DKK, kr or kroner ("kr. pr. måned", "DKK/år").
DKK_UNIT = r"^\s*(?:dkk|kr\.?|kroner)(?:\s|/|$)"


def normalise_weights(weights: Mapping[str, float] | None = None) -> dict[str, float]:
    """Weights for the three perspectives summing to 1; equal when None. Raises ValueError if all zero."""
    w = dict(EQUAL_WEIGHTS if weights is None else weights)
    unknown = set(w) - set(PERSPECTIVES)
    if unknown:
        raise ValueError(f"unknown perspectives in weights: {sorted(unknown)}")
    vals = {p: float(w.get(p, 0.0)) for p in PERSPECTIVES}
    if any(v < 0 or not np.isfinite(v) for v in vals.values()):
        raise ValueError("weights must be finite and not negative")
    largest = max(vals.values())
    if largest <= 0:
        raise ValueError("at least one weight must be above zero")
    # Scale by the largest first: three weights of 1e308 would otherwise sum to infinity and come out as 0.
    scaled = {p: v / largest for p, v in vals.items()}
    total = sum(scaled.values())
    return {p: v / total for p, v in scaled.items()}


def indicator_scores(stats: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """One row per stats row of a value indicator: perspective, value (the mean) and score 0..100."""
    cat = indicators[["indicator_id", "perspective", "worst", "best"]]
    m = stats.merge(cat, on="indicator_id", how="inner")
    m = m[m["perspective"].isin(PERSPECTIVES)]
    span = (m["best"] - m["worst"]).replace(0, np.nan)
    score = 100 * ((m["value_mean"] - m["worst"]) / span).clip(0, 1)
    keys = [c for c in ("network_id", "indicator_id", "period") if c in m.columns]
    out = m[[*keys, "perspective"]].assign(value=m["value_mean"], score=score, n=m["n"])
    return out.sort_values(keys).reset_index(drop=True)


def perspective_scores(scores: pd.DataFrame, by: Sequence[str] = ("network_id",)) -> pd.DataFrame:
    """Mean indicator score per perspective, wide: by + citizen, economy, staff (NaN where not measured)."""
    by = list(by)
    if scores.empty:
        return pd.DataFrame({**{b: pd.Series(dtype=scores[b].dtype if b in scores else object) for b in by},
                             **{p: pd.Series(dtype="float64") for p in PERSPECTIVES}})
    wide = scores.groupby([*by, "perspective"], observed=True)["score"].mean().unstack("perspective")
    wide = wide.reindex(columns=list(PERSPECTIVES)).astype("float64")
    wide.columns.name = None
    return wide.reset_index()


def overall_score(persp: pd.DataFrame, weights: Mapping[str, float] | None = None) -> pd.Series:
    """Weighted mean of the perspectives present in each row, weights renormalised over those present."""
    w = normalise_weights(weights)
    vals = persp[list(PERSPECTIVES)].to_numpy(dtype="float64")
    wv = np.array([w[p] for p in PERSPECTIVES])
    present = ~np.isnan(vals)
    wsum = (present * wv).sum(axis=1)
    num = np.nansum(vals * wv, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(wsum > 0, num / wsum, np.nan)
    out = np.clip(out, 0, 100)  # a weighted mean of 0..100 scores; only round-off (100.00000000000001) is cut
    return pd.Series(out, index=persp.index, name="overall")


def balance(persp: pd.DataFrame) -> pd.Series:
    """How evenly the three legs are served: 1 - (highest - lowest leg) / 100; NaN unless all three are measured."""
    vals = persp[list(PERSPECTIVES)]
    out = 1 - (vals.max(axis=1, skipna=False) - vals.min(axis=1, skipna=False)) / 100
    return out.rename("balance")


def with_value(persp: pd.DataFrame, weights: Mapping[str, float] | None = None) -> pd.DataFrame:
    """A copy of a perspective table with overall and balance columns added."""
    return persp.assign(overall=overall_score(persp, weights), balance=balance(persp))


def evidence_mix(stats: pd.DataFrame, indicators: pd.DataFrame | None = None,
                 by: Sequence[str] = ("network_id",)) -> pd.DataFrame:
    """Share of the underlying measurements at each evidence level (value indicators only when a catalogue
    is given): by + n + share_<level>."""
    by = list(by)
    s = stats
    if indicators is not None:
        value_ids = indicators.loc[indicators["perspective"].isin(PERSPECTIVES), "indicator_id"]
        s = stats[stats["indicator_id"].isin(value_ids)]
    cols = [f"n_{lvl}" for lvl in EVIDENCE_LEVELS]
    g = s.groupby(by, observed=True)[["n", *cols]].sum().reset_index()
    total = g["n"].replace(0, np.nan)
    shares = {f"share_{lvl}": g[f"n_{lvl}"] / total for lvl in EVIDENCE_LEVELS}
    return pd.concat([g[[*by, "n"]], pd.DataFrame(shares)], axis=1)


def net_dkk(stats: pd.DataFrame, indicators: pd.DataFrame, by: Sequence[str] = ("network_id",)) -> pd.DataFrame:
    """Economy value in kroner minus input cost in kroner: by + saved_dkk, cost_dkk, net_dkk."""
    by = list(by)
    cat = indicators[["indicator_id", "perspective", "unit"]]
    dkk = cat[cat["unit"].fillna("").astype(str).str.lower().str.contains(DKK_UNIT, regex=True)]
    m = stats.merge(dkk, on="indicator_id", how="inner")
    saved = m["value_sum"].where(m["perspective"] == "economy", 0.0)
    cost = m["value_sum"].where(m["perspective"] == "input", 0.0)
    g = m[by].assign(saved_dkk=saved, cost_dkk=cost).groupby(by, observed=True)[["saved_dkk", "cost_dkk"]].sum()
    g = g.reset_index()
    return g.assign(net_dkk=g["saved_dkk"] - g["cost_dkk"])


def network_scores(
    stats: pd.DataFrame,
    indicators: pd.DataFrame,
    networks: pd.DataFrame,
    weights: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """One row per network (every network, measured or not): network_id, name, type, citizen, economy,
    staff, overall, balance."""
    persp = with_value(perspective_scores(indicator_scores(stats, indicators)), weights)
    base = networks[["network_id", "name", "type"]]
    out = base.merge(persp, on="network_id", how="left")
    cols = ["network_id", "name", "type", *PERSPECTIVES, "overall", "balance"]
    return out[cols].sort_values("network_id").reset_index(drop=True)


def trend(stats: pd.DataFrame, indicators: pd.DataFrame, weights: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Per period: the mean over networks of each perspective score, and overall. stats must have period."""
    per_network = perspective_scores(indicator_scores(stats, indicators), by=("network_id", "period"))
    if per_network.empty:
        return pd.DataFrame(columns=["period", *PERSPECTIVES, "overall"])
    g = per_network.groupby("period")[list(PERSPECTIVES)].mean().reset_index()
    return g.assign(overall=overall_score(g, weights))
