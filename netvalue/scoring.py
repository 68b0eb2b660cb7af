"""Pure transforms: aggregated measurements -> indicator, perspective and overall scores, balance,
evidence mix and net DKK. Inputs are never mutated.

The input `stats` is what Store.indicator_stats returns: one row per network, indicator (and period at
a grain) with n, value_mean, value_sum and n_<evidence level>. An indicator's score over a window is
computed from its mean value in that window.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import NamedTuple

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


_PERSPECTIVE_INDEX = pd.Index(PERSPECTIVES)


class _Scored(NamedTuple):
    """The stats rows of catalogued value indicators as positional arrays, in the order indicator_scores sorts
    them (network_id, indicator_id, period)."""

    rows: np.ndarray  # positions in stats
    catalogue_rows: np.ndarray  # positions in the catalogue
    network: np.ndarray  # position in network_ids; -1 where the id is missing
    network_ids: pd.Index  # the distinct network ids of stats, sorted
    perspective: np.ndarray  # index into PERSPECTIVES
    score: np.ndarray


def _lookup(codes: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """positions[codes], where code -1 (a missing value) looks up -1."""
    return np.append(positions, -1)[codes]


def _ranks(codes: np.ndarray) -> np.ndarray:
    """Sort ranks from the codes of factorize(sort=True): a missing value (-1) last, where sort_values puts it."""
    return np.where(codes < 0, codes.max(initial=-1) + 1, codes)


def _stable_order(ranks: Sequence[np.ndarray]) -> np.ndarray:
    """Positions that order rows by the ranks (non-negative integers), the first rank first, ties in row order."""
    dims = [int(r.max(initial=0)) + 1 for r in ranks]
    if math.prod(dims) <= 1 << 16:
        # numpy sorts 16-bit integers by radix: many times faster than its stable sort of wider ones.
        return np.argsort(np.ravel_multi_index(ranks, dims).astype(np.uint16), kind="stable")
    return np.lexsort(ranks[::-1])


def _scored(stats: pd.DataFrame, indicators: pd.DataFrame) -> _Scored:
    """Score each stats row of a catalogued value indicator (catalogue ids are unique, as the store keys them)."""
    catalogue = pd.Index(indicators["indicator_id"])
    if not catalogue.is_unique:
        raise ValueError("indicator ids must be unique in the catalogue")
    # Sort and look up the few distinct ids rather than every row's string: that is most of a merge's cost.
    ind_codes, ind_ids = pd.factorize(stats["indicator_id"], sort=True)
    row_cat = _lookup(ind_codes, catalogue.get_indexer(ind_ids))
    row_persp = _lookup(row_cat, _PERSPECTIVE_INDEX.get_indexer(indicators["perspective"]))
    rows = np.flatnonzero(row_persp >= 0)
    net_codes, net_ids = pd.factorize(stats["network_id"], sort=True)
    ranks = [_ranks(net_codes[rows]), ind_codes[rows]]
    if "period" in stats.columns:
        ranks.append(_ranks(pd.factorize(stats["period"], sort=True)[0][rows]))
    rows = rows[_stable_order(ranks)]
    cat = row_cat[rows]
    worst = indicators["worst"].to_numpy(dtype="float64")
    span = indicators["best"].to_numpy(dtype="float64") - worst
    span = np.where(span == 0, np.nan, span)
    with np.errstate(all="ignore"):  # as pandas arithmetic: a tiny span overflows to inf and is clipped to 1
        frac = (stats["value_mean"].to_numpy(dtype="float64")[rows] - worst[cat]) / span[cat]
    # Clip as Series.clip does (what is in range stays, -0.0 included), so scores match it bit for bit.
    frac = np.where(frac < 0, 0.0, np.where(frac > 1, 1.0, frac))
    return _Scored(rows, cat, net_codes[rows], net_ids, row_persp[rows], 100 * frac)


def indicator_scores(stats: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """One row per stats row of a value indicator: perspective, value (the mean) and score 0..100, sorted by keys."""
    s = _scored(stats, indicators)
    keys = [c for c in ("network_id", "indicator_id", "period") if c in stats.columns]
    return pd.DataFrame({**{k: stats[k].array.take(s.rows) for k in keys},
                         "perspective": indicators["perspective"].array.take(s.catalogue_rows),
                         "value": stats["value_mean"].array.take(s.rows), "score": s.score,
                         "n": stats["n"].array.take(s.rows)})


def _cell_means(cells: np.ndarray, score: np.ndarray, n_cells: int) -> np.ndarray:
    """The mean score of each cell 0..n_cells-1 (NaN where empty); rows in cell -1 count in none.

    Computed by groupby, which picks its method from the rows it is given: a plain sum per run when the cells
    come sorted and no score is NaN, a compensated sum in row order otherwise. To match the groupby of a frame
    bit for bit, pass every row it saw, in its order, with cells numbered in the order of its groups."""
    # Categorical codes are used as they are: no hashing, and every cell comes back in order.
    grouper = pd.Categorical.from_codes(cells, categories=pd.RangeIndex(n_cells))
    return pd.Series(score).groupby(grouper, observed=False).mean().to_numpy()


def perspective_scores(scores: pd.DataFrame, by: Sequence[str] = ("network_id",)) -> pd.DataFrame:
    """Mean indicator score per perspective, wide: by + citizen, economy, staff (NaN where not measured)."""
    by = list(by)
    if scores.empty:
        return pd.DataFrame({**{b: pd.Series(dtype=scores[b].dtype if b in scores else object) for b in by},
                             **{p: pd.Series(dtype="float64") for p in PERSPECTIVES}})
    # The cells are the groups of groupby([*by, "perspective"]) in its sorted order: a row missing a key is in
    # none, and a perspective outside PERSPECTIVES (input) has cells too, so its rows are in the table (all NaN).
    persp_codes, persps = pd.factorize(scores["perspective"], sort=True)
    keys = [pd.factorize(scores[b], sort=True) for b in by]
    valid = np.logical_and.reduce([persp_codes >= 0, *(codes >= 0 for codes, _ in keys)])
    dims = [max(len(values), 1) for _, values in keys]
    flat = np.ravel_multi_index([np.where(valid, codes, 0) for codes, _ in keys], dims)
    combo_codes, combos = pd.factorize(flat[valid], sort=True)
    combo = np.full(len(scores), -1)
    combo[valid] = combo_codes
    cells = np.where(valid, combo * len(persps) + persp_codes, -1)
    means = _cell_means(cells, scores["score"].to_numpy(dtype="float64"), len(combos) * len(persps))
    means = np.column_stack([means.reshape(len(combos), len(persps)), np.full(len(combos), np.nan)])
    legs = means[:, persps.get_indexer(PERSPECTIVES)]  # -1, a perspective never scored, picks the NaN column
    # infer_objects: groupby's result index turns object keys into the type they hold (str), so do the same.
    key_cols = {b: values.take(codes).infer_objects()
                for b, (_, values), codes in zip(by, keys, np.unravel_index(combos, dims), strict=True)}
    return pd.DataFrame({**key_cols, **{p: legs[:, i] for i, p in enumerate(PERSPECTIVES)}})


def _overall(vals: np.ndarray, weights: Mapping[str, float] | None) -> np.ndarray:
    w = normalise_weights(weights)
    wv = np.array([w[p] for p in PERSPECTIVES])
    present = ~np.isnan(vals)
    wsum = (present * wv).sum(axis=1)
    num = np.nansum(vals * wv, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(wsum > 0, num / wsum, np.nan)
    return np.clip(out, 0, 100)  # a weighted mean of 0..100 scores; only round-off (100.00000000000001) is cut


def _balance(vals: np.ndarray) -> np.ndarray:
    return 1 - (vals.max(axis=1) - vals.min(axis=1)) / 100


def _legs(persp: pd.DataFrame) -> np.ndarray:
    return persp[list(PERSPECTIVES)].to_numpy(dtype="float64")


def overall_score(persp: pd.DataFrame, weights: Mapping[str, float] | None = None) -> pd.Series:
    """Weighted mean of the perspectives present in each row, weights renormalised over those present."""
    return pd.Series(_overall(_legs(persp), weights), index=persp.index, name="overall")


def balance(persp: pd.DataFrame) -> pd.Series:
    """How evenly the three legs are served: 1 - (highest - lowest leg) / 100; NaN unless all three are measured."""
    return pd.Series(_balance(_legs(persp)), index=persp.index, name="balance")


def with_value(persp: pd.DataFrame, weights: Mapping[str, float] | None = None) -> pd.DataFrame:
    """A copy of a perspective table with overall and balance columns added."""
    vals = _legs(persp)
    return persp.assign(overall=_overall(vals, weights), balance=_balance(vals))


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
    staff, overall, balance.

    Equal to with_value(perspective_scores(indicator_scores(stats, indicators))) left-joined onto networks and
    sorted by network_id, without building the frames in between or grouping by strings."""
    s = _scored(stats, indicators)
    n = len(PERSPECTIVES)
    # Every scored row, networks unknown to `networks` included: _cell_means must see what the groupby saw.
    cells = np.where(s.network >= 0, s.network * n + s.perspective, -1)
    means = _cell_means(cells, s.score, len(s.network_ids) * n).reshape(-1, n)
    # Positions in the order networks.sort_values("network_id") puts them.
    order = networks["network_id"].reset_index(drop=True).sort_values().index.to_numpy()
    base = {c: networks[c].array.take(order) for c in ("network_id", "name", "type")}
    # A network with no stats rows (-1) picks the all-NaN row added at the end.
    legs = np.vstack([means, np.full((1, n), np.nan)])[s.network_ids.get_indexer(base["network_id"])]
    return pd.DataFrame({**base, **{p: legs[:, i] for i, p in enumerate(PERSPECTIVES)},
                         "overall": _overall(legs, weights), "balance": _balance(legs)})


def trend(stats: pd.DataFrame, indicators: pd.DataFrame, weights: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Per period: the mean over networks of each perspective score, and overall. stats must have period."""
    per_network = perspective_scores(indicator_scores(stats, indicators), by=("network_id", "period"))
    if per_network.empty:
        return pd.DataFrame(columns=["period", *PERSPECTIVES, "overall"])
    g = per_network.groupby("period")[list(PERSPECTIVES)].mean().reset_index()
    return g.assign(overall=overall_score(g, weights))
