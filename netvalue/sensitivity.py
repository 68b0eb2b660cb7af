"""How much the ranking of networks depends on the weights: the top ten's overlap with the current top ten
over a grid of weight vectors, and each network's range of ranks when the weights move a little.

Pure and vectorised: an input of n networks and g weight vectors costs one n x g matrix product.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from netvalue.schema import PERSPECTIVES
from netvalue.scoring import normalise_weights

P = list(PERSPECTIVES)


def simplex_grid(step: float = 0.1) -> pd.DataFrame:
    """Every weight vector (citizen, economy, staff) on a grid of the given step, each summing to 1."""
    n = round(1 / step)
    if n < 1 or not np.isclose(n * step, 1):
        raise ValueError("step must divide 1, e.g. 0.1 or 0.05")
    rows = [(i / n, j / n, (n - i - j) / n) for i in range(n + 1) for j in range(n + 1 - i)]
    return pd.DataFrame(rows, columns=P)


def _overall_matrix(persp: pd.DataFrame, grid: pd.DataFrame) -> np.ndarray:
    """n x g overall values: weighted mean of the legs present, weights renormalised (as scoring.overall_score)."""
    vals = persp[P].to_numpy(dtype="float64")
    w = grid[P].to_numpy(dtype="float64").T  # 3 x g
    present = ~np.isnan(vals)
    wsum = present.astype("float64") @ w
    num = np.nan_to_num(vals) @ w
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(wsum > 0, num / wsum, np.nan)


def _ranks(overall: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Rank 1 = best per column; ties (equal to 9 decimals, so float noise is no tie-breaker) broken by id;
    NaN stays NaN."""
    overall = np.round(overall, 9)
    n, g = overall.shape
    ranks = np.full((n, g), np.nan)
    id_order = np.argsort(np.argsort(ids, kind="stable"), kind="stable")  # position of each id when sorted
    for j in range(g):
        col = overall[:, j]
        ok = ~np.isnan(col)
        idx = np.flatnonzero(ok)
        order = idx[np.lexsort((id_order[idx], -col[idx]))]
        ranks[order, j] = np.arange(1, len(order) + 1)
    return ranks


def ranks(persp: pd.DataFrame, weights: Mapping[str, float] | None = None) -> pd.Series:
    """Rank of each network (1 = highest overall value) under the weights; NaN for networks not measured."""
    grid = pd.DataFrame([normalise_weights(weights)])
    r = _ranks(_overall_matrix(persp, grid), persp["network_id"].to_numpy(dtype="str"))
    return pd.Series(r[:, 0], index=persp.index, name="rank")


def distance(grid: pd.DataFrame, weights: Mapping[str, float] | None) -> pd.Series:
    """How far each grid vector is from the (normalised) weights: the largest change of any one weight."""
    w = normalise_weights(weights)
    return (grid[P] - pd.Series(w)[P]).abs().max(axis=1).rename("distance")


def top_overlap(persp: pd.DataFrame, weights: Mapping[str, float] | None, grid: pd.DataFrame,
                k: int = 10) -> pd.DataFrame:
    """grid + distance + overlap: how many of the top k under each weight vector are also in the top k under
    the current weights (k is cut to the number of measured networks)."""
    ids = persp["network_id"].to_numpy(dtype="str")
    full = pd.concat([pd.DataFrame([normalise_weights(weights)]), grid[P]], ignore_index=True)
    r = _ranks(_overall_matrix(persp, full), ids)
    measured = int((~np.isnan(r[:, 0])).sum())
    k_eff = min(k, measured)
    top = r <= k_eff  # NaN compares False
    overlap = (top[:, 1:] & top[:, [0]]).sum(axis=0)
    out = grid[P].reset_index(drop=True).assign(distance=distance(grid, weights).to_numpy(), overlap=overlap)
    return out.assign(k=k_eff)


def rank_ranges(persp: pd.DataFrame, weights: Mapping[str, float] | None, grid: pd.DataFrame,
                radius: float = 0.1) -> pd.DataFrame:
    """Per measured network: rank now, best and worst rank over the grid vectors within radius of the current
    weights (the current weights always included), best current rank first."""
    near = grid[distance(grid, weights) <= radius + 1e-9]
    full = pd.concat([pd.DataFrame([normalise_weights(weights)]), near[P]], ignore_index=True)
    ids = persp["network_id"].to_numpy(dtype="str")
    r = _ranks(_overall_matrix(persp, full), ids)
    keep = ~np.isnan(r[:, 0])
    extra = [c for c in ("name", "type") if c in persp.columns]
    out = persp.loc[keep, ["network_id", *extra]].reset_index(drop=True)
    out = out.assign(rank=r[keep, 0].astype("int64"), best=np.nanmin(r[keep], axis=1).astype("int64"),
                     worst=np.nanmax(r[keep], axis=1).astype("int64"))
    return out.sort_values("rank").reset_index(drop=True)


def nearby_overlap(overlap: pd.DataFrame, radius: float = 0.1) -> int | None:
    """The smallest top-k overlap among grid vectors within radius (None when none is that near)."""
    near = overlap[overlap["distance"] <= radius + 1e-9]
    return int(near["overlap"].min()) if len(near) else None
