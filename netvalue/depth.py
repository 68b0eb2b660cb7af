"""Pure transforms for the open question "i dybden eller i bredden?": depth, breadth, concentration,
the organisation's path between them, and value in deeply worked against lightly touched parts.

Definitions (the page states them too):

- Level and entity. The user picks a level: ``unit``, ``centre`` or ``area`` (director area). An
  *entity* is an internal org unit at that level. Participation by an org unit below the level is
  rolled up the org tree to its ancestor at the level. Participation by an org unit *above* the level
  (e.g. a whole centre when the level is unit) cannot be given to one entity and is left out (and
  counted, so the page can say how much). External partners never count: breadth is about the
  municipality's own organisation.
- A participation row counts in a period when it overlaps the period and its network is active in it
  (started on or before the period's last day, not ended before its first day).
- Activity of an entity in a period = the number of distinct networks it takes part in (its *depth*);
  optionally people = the people its org units send (per network and org unit, the latest row in the
  period). Concentration (HHI, 1/HHI, Gini, Lorenz) is computed on the chosen activity.
- Breadth = reached entities / all entities at the level (in the chosen part of the organisation).
- Depth = networks per reached entity (mean; median and distribution alongside).
- HHI = sum of squared activity shares over entities; 1/HHI = the effective number of entities.
- Gini over *all* entities at the level, unreached ones with 0 activity included, so it measures how
  unevenly network activity is spread over the whole organisation (1 - 1/n when one entity has it all).
- Value of an entity on a perspective = the mean of that perspective's score (scoring.network_scores over
  the period) over the networks it takes part in; networks without a score on that leg are skipped.
- Deep vs touched-once: entities with at least k networks against entities with exactly one, per
  perspective; difference of means with a seeded percentile bootstrap: each group resampled on its own when
  every entity is one row (basis "period"), whole entities with all their years when an entity has several
  rows (basis "year").
- Trend: ordinary least squares of value on depth over reached entities, with the 95% confidence band
  of the mean line: t quantile with n - 2 degrees of freedom, or cluster-robust (CR1) by entity with G - 1
  when an entity has several rows.
- Analysis.method (Method) records which of these ran; the page's method text is chosen from it.

Inputs are never mutated.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from netvalue import formats, scoring
from netvalue.i18n import t
from netvalue.orgtree import INTERNAL_LEVEL_RANK as LEVEL_RANK
from netvalue.orgtree import level_map, subtree
from netvalue.schema import PERSPECTIVES

DEPTH_LEVELS: tuple[str, ...] = ("unit", "centre", "area")
ACTIVITIES: tuple[str, ...] = ("networks", "people")
# The time steps of the path between breadth and depth (depth.windows also takes "all": the whole window).
PATH_GRAINS: tuple[str, ...] = ("month", "quarter", "year")
VALUE_COLUMNS: tuple[str, ...] = (*PERSPECTIVES, "overall")
GROUPS: tuple[str, ...] = ("none", "once", "between", "deep")
MIN_N = 3
RESAMPLES = 2000
SEED = 2013
LEVEL = 0.95


# --------------------------------------------------------------------------------------------
# The org tree at a level
# --------------------------------------------------------------------------------------------

def entity_frame(org_units: pd.DataFrame, level: str, scope: str | None = None) -> pd.DataFrame:
    """The entities at `level` in the chosen part of the organisation: entity_id, name, parent_name.

    scope is a unit_id (the sidebar's part of the organisation) or None for the whole municipality. An
    entity belongs when any org unit of the scope's subtree rolls up to it (so a unit chosen below the
    level gives its one ancestor at the level)."""
    lm = level_map(org_units, level)
    if scope is not None:
        lm = lm[lm["unit_id"].isin(subtree(org_units, scope))]
    ids = sorted(set(lm["entity_id"]))
    names = dict(zip(org_units["unit_id"], org_units["name"], strict=True))
    parent = dict(zip(org_units["unit_id"], org_units["parent_id"], strict=True))
    out = pd.DataFrame({
        "entity_id": pd.Series(ids, dtype="str"),
        "name": pd.Series([names[i] for i in ids], dtype="str"),
        "parent_name": pd.Series([names.get(parent[i]) if isinstance(parent[i], str) else None for i in ids],
                                 dtype="str"),
    })
    return out.sort_values(["name", "entity_id"]).reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Periods and links (entity, network, period)
# --------------------------------------------------------------------------------------------

def windows(start: date | pd.Timestamp, end: date | pd.Timestamp, grain: str = "all") -> pd.DataFrame:
    """Periods between start (a day) and end (a day, inclusive): period (first day of the calendar
    period), start, end (the calendar period clipped to [start, end]). grain: all, quarter or year."""
    lo, hi = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    if hi < lo:
        raise ValueError("end is before start")
    if grain == "all":
        return pd.DataFrame({"period": [lo], "start": [lo], "end": [hi]})
    if grain not in PATH_GRAINS:
        raise ValueError(f"grain must be all or one of {PATH_GRAINS}")
    freq = {"month": "M", "quarter": "Q", "year": "Y"}[grain]
    periods = pd.period_range(lo, hi, freq=freq)
    first = periods.start_time.normalize()
    last = periods.end_time.normalize()
    return pd.DataFrame({
        "period": first,
        "start": np.maximum(first, lo),
        "end": np.minimum(last, hi),
    }).reset_index(drop=True)


def _active_rows(participation: pd.DataFrame, networks: pd.DataFrame, wins: pd.DataFrame) -> pd.DataFrame:
    """Participation rows of the given networks, one per window they overlap (the row and its network both
    active there); per (period, network, unit) the latest row only. wins: sorted, non-overlapping windows.
    Work and output grow with (rows x windows overlapped), not rows x all windows."""
    nets = networks[["network_id", "started_on", "ended_on"]]
    p = participation[["network_id", "unit_id", "joined_on", "left_on", "people"]]
    p = p[p["network_id"].isin(nets["network_id"])].merge(nets, on="network_id")
    never = np.datetime64("2262-01-01", "ns")

    def days(col: str) -> np.ndarray:
        v = p[col].to_numpy("datetime64[ns]")
        return np.where(np.isnat(v), never, v)

    a = np.maximum(days("joined_on"), days("started_on"))
    b = np.minimum(days("left_on"), days("ended_on"))
    starts = wins["start"].to_numpy("datetime64[ns]")
    ends = wins["end"].to_numpy("datetime64[ns]")
    first = np.searchsorted(ends, a, side="left")  # first window ending on or after the row starts
    last = np.searchsorted(starts, b, side="right") - 1  # last window starting on or before the row ends
    count = np.clip(last - first + 1, 0, None)
    row = np.repeat(np.arange(len(p)), count)
    offset = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
    win = first[row] + offset
    x = p.iloc[row].reset_index(drop=True).assign(period=wins["period"].to_numpy()[win])
    x = x.sort_values("joined_on", kind="stable")
    return x.drop_duplicates(["period", "network_id", "unit_id"], keep="last")


def links(participation: pd.DataFrame, networks: pd.DataFrame, org_units: pd.DataFrame, level: str,
          wins: pd.DataFrame, scope: str | None = None) -> pd.DataFrame:
    """Who takes part in what, at the level: period, entity_id, network_id, people (summed over the
    entity's org units). Only org units in the scope's subtree count; see the module docstring."""
    lm = level_map(org_units, level)
    if scope is not None:
        lm = lm[lm["unit_id"].isin(subtree(org_units, scope))]
    rows = _active_rows(participation, networks, wins).merge(lm, on="unit_id", how="inner")
    out = rows.groupby(["period", "entity_id", "network_id"], as_index=False)["people"].sum()
    out["people"] = out["people"].astype("int64")
    return out.sort_values(["period", "entity_id", "network_id"]).reset_index(drop=True)


def unattributed(participation: pd.DataFrame, networks: pd.DataFrame, org_units: pd.DataFrame, level: str,
                 wins: pd.DataFrame, scope: str | None = None) -> int:
    """How many (network, org unit) participations in the windows are by internal org units above the level
    (a whole centre or area taking part), which no single entity at the level can be given."""
    lvl = dict(zip(org_units["unit_id"], org_units["level"], strict=True))
    above = {u for u, v in lvl.items() if LEVEL_RANK.get(v, 99) < LEVEL_RANK[level]}
    if scope is not None:
        above &= subtree(org_units, scope)
    rows = _active_rows(participation, networks, wins)
    rows = rows[rows["unit_id"].isin(above)]
    return int(rows[["network_id", "unit_id"]].drop_duplicates().shape[0])


def activity_table(all_links: pd.DataFrame, entities: pd.DataFrame, wins: pd.DataFrame) -> pd.DataFrame:
    """Per period and entity (all of them, zeros for the unreached): period, entity_id, name, parent_name,
    networks (distinct networks: the depth), people."""
    g = all_links.groupby(["period", "entity_id"]).agg(networks=("network_id", "nunique"), people=("people", "sum"))
    grid = wins[["period"]].merge(entities, how="cross")
    out = grid.merge(g.reset_index(), on=["period", "entity_id"], how="left")
    out = out.assign(networks=out["networks"].fillna(0).astype("int64"),
                     people=out["people"].fillna(0).astype("int64"))
    return out.sort_values(["period", "name", "entity_id"]).reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Concentration
# --------------------------------------------------------------------------------------------

def _values(x: Sequence[float] | np.ndarray | pd.Series) -> np.ndarray:
    a = np.asarray(x, dtype="float64")
    if np.any(a < 0) or not np.all(np.isfinite(a)):
        raise ValueError("activity must be finite and not negative")
    return a


def hhi(x: Sequence[float] | np.ndarray | pd.Series) -> float:
    """Herfindahl-Hirschman index of activity shares, 1/n (even) .. 1 (all in one); NaN without activity."""
    a = _values(x)
    total = a.sum()
    return float(((a / total) ** 2).sum()) if total > 0 else math.nan


def gini(x: Sequence[float] | np.ndarray | pd.Series) -> float:
    """Gini coefficient over all entities given (zeros included): 0 even .. 1 - 1/n all in one."""
    a = np.sort(_values(x))
    n, total = a.size, a.sum()
    if n == 0 or total <= 0:
        return math.nan
    i = np.arange(1, n + 1)
    return float(2 * (i * a).sum() / (n * total) - (n + 1) / n)


def lorenz(x: Sequence[float] | np.ndarray | pd.Series) -> pd.DataFrame:
    """The Lorenz curve: share_entities (0, 1/n, ..., 1) against share_activity, entities sorted from least
    to most active. Empty without activity."""
    a = np.sort(_values(x))
    total = a.sum()
    if a.size == 0 or total <= 0:
        return pd.DataFrame({"share_entities": pd.Series(dtype="float64"),
                             "share_activity": pd.Series(dtype="float64")})
    return pd.DataFrame({
        "share_entities": np.arange(a.size + 1) / a.size,
        "share_activity": np.concatenate([[0.0], np.cumsum(a) / total]),
    })


def measures(activity: pd.DataFrame, by: str = "networks") -> dict[str, float]:
    """Breadth, depth and concentration of one activity table (see activity_table).

    n_entities, reached, breadth, depth_mean, depth_median, depth_max (networks per reached entity),
    total (of `by`), hhi, effective_n (1/HHI), gini (on `by`, over all entities)."""
    if by not in ACTIVITIES:
        raise ValueError(f"by must be one of {ACTIVITIES}")
    n = len(activity)
    reached = activity[activity["networks"] > 0]
    h = hhi(activity[by]) if n else math.nan
    depth = reached["networks"].astype("float64")
    return {
        "n_entities": n,
        "reached": len(reached),
        "breadth": len(reached) / n if n else math.nan,
        "depth_mean": float(depth.mean()) if len(depth) else math.nan,
        "depth_median": float(depth.median()) if len(depth) else math.nan,
        "depth_max": int(depth.max()) if len(depth) else 0,
        "total": float(activity[by].sum()),
        "hhi": h,
        "effective_n": 1 / h if h > 0 else math.nan,
        "gini": gini(activity[by]) if n else math.nan,
    }


def depth_distribution(activity: pd.DataFrame, k: int | None = None) -> pd.DataFrame:
    """How many entities take part in 0, 1, 2, ... networks: networks, entities, group (none, once,
    between, deep for at least k networks; deep from 2 when k is None)."""
    top = int(activity["networks"].max()) if len(activity) else 0
    counts = activity["networks"].value_counts()
    depth = np.arange(top + 1)
    out = pd.DataFrame({"networks": depth, "entities": [int(counts.get(d, 0)) for d in depth]})
    out["entities"] = out["entities"].astype("int64")
    return out.assign(group=group_of(out["networks"], k))


def group_of(networks: pd.Series, k: int | None) -> pd.Series:
    """none (0), once (1), deep (at least k), between (the rest)."""
    k = 2 if k is None else k
    g = np.select([networks <= 0, networks == 1, networks >= k], ["none", "once", "deep"], "between")
    return pd.Series(g, index=networks.index, dtype="str", name="group")


def path(all_links: pd.DataFrame, entities: pd.DataFrame, wins: pd.DataFrame, by: str = "networks") -> pd.DataFrame:
    """The organisation's path: per period (of wins) the measures of that period (see measures) plus start, end
    and networks (the number of distinct networks with an attributable participant)."""
    act = activity_table(all_links, entities, wins)
    nets = all_links.groupby("period")["network_id"].nunique()
    rows = [{"period": period, **measures(part, by), "networks": int(nets.get(period, 0))}
            for period, part in act.groupby("period", sort=True)]
    cols = ["period", "n_entities", "reached", "breadth", "depth_mean", "depth_median", "depth_max", "total",
            "hhi", "effective_n", "gini", "networks"]
    out = pd.DataFrame(rows, columns=cols)
    return wins[["period", "start", "end"]].merge(out, on="period", how="inner")[[*cols[:1], "start", "end",
                                                                                   *cols[1:]]]


# --------------------------------------------------------------------------------------------
# Value per entity
# --------------------------------------------------------------------------------------------

def network_scores_by_period(stats: pd.DataFrame, indicators: pd.DataFrame,
                             weights: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Per network and period: network_id, period, citizen, economy, staff, overall, balance (stats at a grain,
    as Store.indicator_stats(grain) returns them)."""
    persp = scoring.perspective_scores(scoring.indicator_scores(stats, indicators), by=("network_id", "period"))
    return scoring.with_value(persp, weights)


def entity_values(all_links: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """Per period and reached entity: the mean of its networks' scores on each leg and overall (NaN-skipping)
    and n_scored (networks with an overall score). scores: per network (scoring.network_scores, used for every
    period) or per network and period (network_scores_by_period)."""
    cols = [c for c in VALUE_COLUMNS if c in scores.columns]
    on = ["network_id", "period"] if "period" in scores.columns else ["network_id"]
    m = all_links[["period", "entity_id", "network_id"]].drop_duplicates().merge(
        scores[[*on, *cols]], on=on, how="left")
    g = m.groupby(["period", "entity_id"])
    out = g[cols].mean()
    out["n_scored"] = g["overall"].count().astype("int64") if "overall" in cols else 0
    return out.reset_index()


def unit_table(activity: pd.DataFrame, values: pd.DataFrame, k: int) -> pd.DataFrame:
    """The per-entity (and period) table: activity_table columns, group (none/once/between/deep), the value
    columns and n_scored; sorted by period, networks (most first), then name."""
    out = activity.merge(values, on=["period", "entity_id"], how="left")
    for c in VALUE_COLUMNS:
        if c not in out:
            out[c] = np.nan
    out["n_scored"] = out["n_scored"].fillna(0).astype("int64") if "n_scored" in out else 0
    out["group"] = group_of(out["networks"], k)
    cols = ["period", "entity_id", "name", "parent_name", "networks", "people", "group", *VALUE_COLUMNS, "n_scored"]
    out = out[cols].sort_values(["period", "networks", "name"], ascending=[True, False, True])
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Trend with a confidence band (numpy only)
# --------------------------------------------------------------------------------------------

def _t_pdf(x: np.ndarray, df: float) -> np.ndarray:
    c = math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)
    return np.exp(c - (df + 1) / 2 * np.log1p(x * x / df))


def _t_cdf_upper(q: float, df: float, steps: int = 4000) -> float:
    """P(T <= q) for q >= 0 by Simpson's rule on [0, q]."""
    if q <= 0:
        return 0.5
    x = np.linspace(0.0, q, steps + 1)
    y = _t_pdf(x, df)
    h = q / steps
    return 0.5 + h / 3 * (y[0] + y[-1] + 4 * y[1:-1:2].sum() + 2 * y[2:-1:2].sum())


def t_quantile(p: float, df: float) -> float:
    """The p quantile of Student's t with df degrees of freedom (closed form for df 1 and 2, otherwise
    bisection on a numerically integrated distribution function; accurate to about 1e-8)."""
    if not 0 < p < 1:
        raise ValueError("p must be between 0 and 1")
    if df <= 0:
        raise ValueError("df must be positive")
    if p < 0.5:
        return -t_quantile(1 - p, df)
    if p == 0.5:
        return 0.0
    if df == 1:
        return math.tan(math.pi * (p - 0.5))
    if df == 2:
        return (2 * p - 1) / math.sqrt(2 * p * (1 - p))
    lo, hi = 0.0, 1.0
    while _t_cdf_upper(hi, df) < p:
        lo, hi = hi, hi * 2
    for _ in range(60):
        mid = (lo + hi) / 2
        if _t_cdf_upper(mid, df) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def _design(x: np.ndarray) -> np.ndarray:
    return np.column_stack([np.ones_like(x), x])


def _clean(x, y, clusters=None) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    xa, ya = np.asarray(x, dtype="float64"), np.asarray(y, dtype="float64")
    ok = np.isfinite(xa) & np.isfinite(ya)
    ca = None if clusters is None else np.asarray(clusters, dtype=object)[ok]
    return xa[ok], ya[ok], ca


def _ols(xa: np.ndarray, ya: np.ndarray, ca: np.ndarray | None) -> dict | None:
    """Coefficients, their covariance and degrees of freedom: classic OLS, or cluster-robust (CR1, G - 1 degrees
    of freedom) when some cluster holds more than one point. None when there is no line to fit."""
    n = xa.size
    if n < 2 or ((xa - xa.mean()) ** 2).sum() <= 0:
        return None
    X = _design(xa)
    xtx_inv = np.linalg.inv(X.T @ X)
    beta = xtx_inv @ X.T @ ya
    resid = ya - X @ beta
    ssr = float(resid @ resid)
    out = {"n": n, "beta": beta, "ssr": ssr, "cov": None, "df": n - 2, "robust": False}
    if n < 3:
        return out
    groups = None if ca is None else pd.factorize(pd.Series(ca))[0]
    g_count = 0 if groups is None else int(groups.max()) + 1
    if groups is not None and g_count < n:
        if g_count < 3:
            return out
        scores = np.zeros((g_count, 2))
        np.add.at(scores, groups, X * resid[:, None])
        meat = scores.T @ scores
        c = g_count / (g_count - 1) * (n - 1) / (n - 2)
        out.update(cov=c * xtx_inv @ meat @ xtx_inv, df=g_count - 1, robust=True)
    else:
        out.update(cov=ssr / (n - 2) * xtx_inv)
    return out


def linear_fit(x: Sequence[float] | np.ndarray | pd.Series, y: Sequence[float] | np.ndarray | pd.Series,
               level: float = LEVEL, clusters: Sequence[object] | np.ndarray | pd.Series | None = None
               ) -> dict[str, float]:
    """Least squares y = intercept + slope * x: n, slope, intercept, slope_lo, slope_hi (the level interval of
    the slope), se (residual standard error), r2, robust (1.0 when cluster-robust), df (the degrees of freedom
    of the t quantile the interval used).

    Classic OLS standard errors with n - 2 degrees of freedom; when clusters are given and some cluster holds
    several points (the same entity in several years), cluster-robust CR1 errors with G - 1 degrees of freedom.
    Intervals are NaN below 3 points (or 3 clusters); everything is NaN when x does not vary."""
    xa, ya, ca = _clean(x, y, clusters)
    nan = math.nan
    out = {"n": int(xa.size), "slope": nan, "intercept": nan, "slope_lo": nan, "slope_hi": nan, "se": nan,
           "r2": nan, "robust": 0.0, "df": nan}
    f = _ols(xa, ya, ca)
    if f is None:
        return out
    intercept, slope = (float(b) for b in f["beta"])
    out.update(slope=slope, intercept=intercept)
    if f["cov"] is None:
        return out
    syy = float(((ya - ya.mean()) ** 2).sum())
    half = t_quantile(0.5 + level / 2, f["df"]) * math.sqrt(max(f["cov"][1, 1], 0.0))
    out.update(slope_lo=slope - half, slope_hi=slope + half, se=math.sqrt(f["ssr"] / (f["n"] - 2)),
               r2=1 - f["ssr"] / syy if syy > 0 else nan, robust=1.0 if f["robust"] else 0.0, df=float(f["df"]))
    return out


def fit_band(x: Sequence[float] | np.ndarray | pd.Series, y: Sequence[float] | np.ndarray | pd.Series,
             grid: Sequence[float] | np.ndarray, level: float = LEVEL,
             clusters: Sequence[object] | np.ndarray | pd.Series | None = None) -> pd.DataFrame:
    """The fitted mean line and its level confidence band on grid: x, fit, lo, hi (lo/hi NaN without enough
    points). The band is t * the standard error of the mean line, se(x0) = sqrt([1, x0] V [1, x0]')."""
    xa, ya, ca = _clean(x, y, clusters)
    g = np.asarray(grid, dtype="float64")
    f = _ols(xa, ya, ca)
    if f is None:
        nan = np.full(g.shape, np.nan)
        return pd.DataFrame({"x": g, "fit": nan, "lo": nan, "hi": nan})
    fit = f["beta"][0] + f["beta"][1] * g
    if f["cov"] is None:
        lo = hi = np.full(g.shape, np.nan)
    else:
        G = _design(g)
        se = np.sqrt(np.clip(np.einsum("ij,jk,ik->i", G, f["cov"], G), 0, None))
        half = t_quantile(0.5 + level / 2, f["df"]) * se
        lo, hi = fit - half, fit + half
    return pd.DataFrame({"x": g, "fit": fit, "lo": lo, "hi": hi})


def _clusters(units: pd.DataFrame) -> pd.Series | None:
    """The entity of each row when an entity appears in several rows (entity-years), else None."""
    ids = units["entity_id"]
    return ids if ids.duplicated().any() else None


def value_depth_fits(units: pd.DataFrame, columns: Sequence[str] = VALUE_COLUMNS,
                     level: float = LEVEL, points: int = 25) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Value against depth over the reached rows of a unit_table, per value column (cluster-robust by entity
    when an entity appears in several periods).

    Returns (fits: perspective, n, slope, intercept, slope_lo, slope_hi, se, r2, robust, df;
             bands: perspective, x, fit, lo, hi on an even grid over the observed depths)."""
    reached = units[units["networks"] > 0]
    fits, bands = [], []
    for c in columns:
        d = reached[["entity_id", "networks", c]].dropna()
        cl = _clusters(d)
        fits.append({"perspective": c, **linear_fit(d["networks"], d[c], level, cl)})
        if len(d) >= 2 and d["networks"].nunique() > 1:
            grid = np.linspace(d["networks"].min(), d["networks"].max(), points)
            bands.append(fit_band(d["networks"], d[c], grid, level, cl).assign(perspective=c))
    fit_cols = ["perspective", "n", "slope", "intercept", "slope_lo", "slope_hi", "se", "r2", "robust", "df"]
    band_cols = ["perspective", "x", "fit", "lo", "hi"]
    band = pd.concat(bands, ignore_index=True)[band_cols] if bands else pd.DataFrame(columns=band_cols)
    return pd.DataFrame(fits, columns=fit_cols), band


# --------------------------------------------------------------------------------------------
# Deep against touched-once: bootstrap
# --------------------------------------------------------------------------------------------

def bootstrap_diff(a: Sequence[float] | np.ndarray, b: Sequence[float] | np.ndarray, resamples: int = RESAMPLES,
                   seed: int = SEED, level: float = LEVEL) -> tuple[float, float]:
    """Percentile bootstrap interval of mean(a) - mean(b), each group resampled with replacement on its own,
    from numpy.random.default_rng(seed): the same inputs and seed always give the same interval."""
    xa, xb = np.asarray(a, dtype="float64"), np.asarray(b, dtype="float64")
    if xa.size == 0 or xb.size == 0:
        return math.nan, math.nan
    rng = np.random.default_rng(seed)
    ma = xa[rng.integers(0, xa.size, size=(resamples, xa.size))].mean(axis=1)
    mb = xb[rng.integers(0, xb.size, size=(resamples, xb.size))].mean(axis=1)
    alpha = (1 - level) / 2
    lo, hi = np.quantile(ma - mb, [alpha, 1 - alpha])
    return float(lo), float(hi)


def cluster_bootstrap_diff(values: Sequence[float] | np.ndarray, in_a: Sequence[bool] | np.ndarray,
                           in_b: Sequence[bool] | np.ndarray, clusters: Sequence[object] | np.ndarray,
                           resamples: int = RESAMPLES, seed: int = SEED, level: float = LEVEL) -> tuple[float, float]:
    """Percentile bootstrap interval of mean(values[in_a]) - mean(values[in_b]) resampling whole clusters (an
    entity with all its years) with replacement, so repeated years of one entity do not pass for independent
    evidence. Resamples with an empty side are dropped. Seeded like bootstrap_diff."""
    v = np.asarray(values, dtype="float64")
    a, b = np.asarray(in_a, dtype=bool), np.asarray(in_b, dtype=bool)
    codes = pd.factorize(pd.Series(np.asarray(clusters, dtype=object)))[0]
    g = int(codes.max()) + 1 if codes.size else 0
    if g == 0 or not a.any() or not b.any():
        return math.nan, math.nan
    sums = np.zeros((g, 2))
    counts = np.zeros((g, 2))
    np.add.at(sums[:, 0], codes[a], v[a])
    np.add.at(sums[:, 1], codes[b], v[b])
    np.add.at(counts[:, 0], codes[a], 1)
    np.add.at(counts[:, 1], codes[b], 1)
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, g, size=(resamples, g))
    weights = np.zeros((resamples, g))
    np.add.at(weights, (np.repeat(np.arange(resamples), g), draws.ravel()), 1)
    s, c = weights @ sums, weights @ counts
    ok = (c[:, 0] > 0) & (c[:, 1] > 0)
    diff = s[ok, 0] / c[ok, 0] - s[ok, 1] / c[ok, 1]
    if diff.size == 0:
        return math.nan, math.nan
    alpha = (1 - level) / 2
    lo, hi = np.quantile(diff, [alpha, 1 - alpha])
    return float(lo), float(hi)


def verdict(n_deep: int, n_once: int, lo: float, hi: float, min_n: int = MIN_N) -> str:
    """too_few (a side has fewer than min_n), cannot_tell (the interval holds zero), higher or lower."""
    if n_deep < min_n or n_once < min_n or math.isnan(lo) or math.isnan(hi):
        return "too_few"
    if lo <= 0 <= hi:
        return "cannot_tell"
    return "higher" if lo > 0 else "lower"


def compare_deep_once(units: pd.DataFrame, k: int, columns: Sequence[str] = VALUE_COLUMNS,
                      resamples: int = RESAMPLES, seed: int = SEED, level: float = LEVEL,
                      min_n: int = MIN_N) -> pd.DataFrame:
    """Value in rows with at least k networks against rows with exactly one, per value column.

    Columns: perspective, k, n_deep, n_once (rows with a value), units_deep, units_once (distinct entities),
    mean_deep, mean_once, diff, lo, hi, verdict, interval (which bootstrap gave lo and hi: "groups", "clusters", or
    "none" without one). One row per entity: the stratified bootstrap_diff ("groups"). Entity-years
    (an entity in several rows): cluster_bootstrap_diff by entity ("clusters"). The verdict needs min_n distinct
    entities on each side. Every column is bootstrapped from the same seed, so one leg's interval does not depend
    on which other legs are compared."""
    if k < 2:
        raise ValueError("k must be at least 2 (deep means more than one network)")
    rows = []
    for c in columns:
        d = units[(units["networks"] >= 1) & units[c].notna()]
        deep, once = d["networks"] >= k, d["networks"] == 1
        a, b = d.loc[deep, c].to_numpy(dtype="float64"), d.loc[once, c].to_numpy(dtype="float64")
        ua, ub = int(d.loc[deep, "entity_id"].nunique()), int(d.loc[once, "entity_id"].nunique())
        ma = float(a.mean()) if a.size else math.nan
        mb = float(b.mean()) if b.size else math.nan
        if not (a.size and b.size):
            lo, hi, interval = math.nan, math.nan, "none"
        elif d["entity_id"].duplicated().any():
            sub = d[deep | once]
            lo, hi = cluster_bootstrap_diff(sub[c], sub["networks"] >= k, sub["networks"] == 1, sub["entity_id"],
                                            resamples, seed, level)
            interval = "clusters"
        else:
            lo, hi = bootstrap_diff(a, b, resamples, seed, level)
            interval = "groups"
        rows.append({"perspective": c, "k": k, "n_deep": int(a.size), "n_once": int(b.size), "units_deep": ua,
                     "units_once": ub, "mean_deep": ma, "mean_once": mb, "diff": ma - mb, "lo": lo, "hi": hi,
                     "verdict": verdict(ua, ub, lo, hi, min_n), "interval": interval})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------
# Plain sentences
# --------------------------------------------------------------------------------------------

def fmt_number(x: float | None, lang: str = "da", decimals: int = 1) -> str:
    """A number for a sentence: a real minus sign, a decimal comma in Danish; – for missing."""
    if x is None or not math.isfinite(float(x)):
        return "–"
    s = f"{abs(float(x)):.{decimals}f}"
    if lang == "da":
        s = s.replace(".", ",")
    negative = float(x) < 0 and float(s.replace(",", ".")) != 0
    return ("−" if negative else "") + s


def sentence(row: pd.Series | Mapping[str, object], level: str, lang: str = "da", per: str = "period",
             min_n: int = MIN_N) -> str:
    """What one row of compare_deep_once says, and how sure it is, in plain Danish or English.
    per: "period" (one row per entity over the period) or "year" (entity-years; the n then counts entity-years
    and entities when an entity appears in several years)."""
    entities = t(f"depth.entities.{level}", lang)
    repeated = per == "year" and (int(row["n_deep"]) != int(row["units_deep"])
                                  or int(row["n_once"]) != int(row["units_once"]))
    counts = {"n_deep": int(row["n_deep"]), "n_once": int(row["n_once"]), "u_deep": int(row["units_deep"]),
              "u_once": int(row["units_once"]), "entities": entities, "obs": t(f"depth.obs.{level}", lang)}
    values = {
        "entities": entities,
        "Entities": entities[:1].upper() + entities[1:],
        "k": int(row["k"]),
        "leg": t(f"depth.leg.{row['perspective']}", lang),
        "per": t("depth.per.year", lang) if per == "year" else "",
        "per_once": t("depth.per.year_once", lang) if per == "year" else "",
        "nobs": t(f"depth.n.{'year' if repeated else 'period'}", lang, **counts),
        "min_n": min_n,
        "diff": fmt_number(abs(float(row["diff"])), lang),
        "signed": fmt_number(row["diff"], lang),
        "lo": fmt_number(row["lo"], lang),
        "hi": fmt_number(row["hi"], lang),
        "pct": formats.percent(LEVEL, lang),
    }
    return t(f"depth.sentence.{row['verdict']}", lang, **values)


# --------------------------------------------------------------------------------------------
# What ran: the method the page's explanation names
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Method:
    """Which computation produced the figures, read off what ran, so every sentence naming a method is chosen
    from it (method_text, point_text) and cannot describe a computation that did not run.

    point: "entity" (one point per entity over the period) or "entity_year" (one per entity and year).
    trend: the trend line's interval: "ols" (classic errors, t with n - 2 degrees of freedom), "cluster"
        (cluster-robust CR1 errors by entity, t with G - 1), "mixed" (legs differ), "none" (no interval).
    interval: the deep-against-once interval: "groups" (bootstrap, each group resampled on its own),
        "clusters" (bootstrap of whole entities with all their years), "mixed", "none"."""

    point: str
    trend: str
    interval: str


def _one_of(kinds: set[str]) -> str:
    return "none" if not kinds else kinds.pop() if len(kinds) == 1 else "mixed"


def method_of(basis: str, fits: pd.DataFrame, comparison: pd.DataFrame) -> Method:
    """The Method that value_depth_fits (fits) and compare_deep_once (comparison) used, for basis year or period."""
    with_interval = fits[fits["slope_lo"].notna()] if len(fits) else fits
    trend = {"cluster" if r else "ols" for r in with_interval.get("robust", pd.Series(dtype=float)) == 1.0}
    intervals = set(comparison["interval"]) - {"none"} if len(comparison) else set()
    return Method(point="entity_year" if basis == "year" else "entity", trend=_one_of(trend),
                  interval=_one_of(intervals))


# The text of each method, by name: literal keys, so a search for a key finds the method that shows it.
TREND_TEXTS = {"ols": "depth.method.trend_ols", "cluster": "depth.method.trend_cluster",
               "mixed": "depth.method.trend_mixed", "none": "depth.method.trend_none"}
INTERVAL_TEXTS = {"groups": "depth.method.interval_groups", "clusters": "depth.method.interval_clusters",
                  "mixed": "depth.method.interval_mixed", "none": "depth.method.interval_none"}
POINT_TEXTS = {"entity": "depth.how.value_entity", "entity_year": "depth.how.value_entity_year"}
CAVEAT_TEXTS = {"entity": "depth.method.caveats_entity", "entity_year": "depth.method.caveats_entity_year"}


def words(level: str, lang: str = "da") -> dict[str, str]:
    """The words for the level's entities that the depth texts take: entities ("enheder"), Entities,
    entities_def ("enhederne"), entities_def_cap, entity ("enhed"), the_entity ("enheden"), obs ("enhedsår"), Obs."""
    entities = t(f"depth.entities.{level}", lang)
    entities_def = t(f"depth.entities_def.{level}", lang)
    return {"entities": entities, "Entities": entities[:1].upper() + entities[1:], "entities_def": entities_def,
            "entities_def_cap": entities_def[:1].upper() + entities_def[1:],
            "entity": t(f"level.{level}", lang).lower(), "the_entity": t(f"depth.the_entity.{level}", lang),
            "obs": t(f"depth.obs.{level}", lang), "Obs": t(f"depth.obs.{level}", lang).capitalize()}


def method_text(method: Method, level: str, lang: str = "da") -> str:
    """The page's "Definitions and caveats" as Markdown bullets, naming the methods that ran."""
    w = words(level, lang)
    parts = [
        t("depth.method.common", lang, **w),
        t(TREND_TEXTS[method.trend], lang, **w),
        t(INTERVAL_TEXTS[method.interval], lang, resamples=RESAMPLES, seed=SEED, min_n=MIN_N, **w),
        t(CAVEAT_TEXTS[method.point], lang, **w),
    ]
    return "\n".join(parts)


def point_text(method: Method, level: str, lang: str = "da") -> str:
    """How to read the value-against-depth chart: what one point is (an entity, or an entity in a year)."""
    return t(POINT_TEXTS[method.point], lang, **words(level, lang))


# --------------------------------------------------------------------------------------------
# Everything the page shows, in one call
# --------------------------------------------------------------------------------------------

BASES: tuple[str, ...] = ("year", "period")


@dataclass(frozen=True)
class Analysis:
    """The depth-versus-breadth figures for one selection (all small, aggregated frames)."""

    level: str
    basis: str
    k: int
    entities: pd.DataFrame
    activity: pd.DataFrame  # whole period, per entity
    measures: dict
    distribution: pd.DataFrame
    lorenz: pd.DataFrame
    path: pd.DataFrame
    units: pd.DataFrame  # per entity (basis "period") or per entity and year (basis "year")
    fits: pd.DataFrame
    bands: pd.DataFrame
    comparison: pd.DataFrame
    unattributed: int
    method: Method


def analyse(participation: pd.DataFrame, networks: pd.DataFrame, org_units: pd.DataFrame,
            indicators: pd.DataFrame, stats: pd.DataFrame, *, start: date, end: date, level: str = "unit",
            scope: str | None = None, basis: str = "year", by: str = "networks", grain: str = "quarter", k: int = 3,
            weights: Mapping[str, float] | None = None, resamples: int = RESAMPLES, seed: int = SEED) -> Analysis:
    """Breadth, depth, concentration, the path, value against depth and deep against once for the selected
    networks between start and end (days, end inclusive).

    stats: Store.indicator_stats at grain "year" for basis "year" (value per entity and year), at grain "all"
    for basis "period" (value per entity over the whole period)."""
    if basis not in BASES:
        raise ValueError(f"basis must be one of {BASES}")
    ents = entity_frame(org_units, level, scope)
    whole = windows(start, end, "all")
    whole_links = links(participation, networks, org_units, level, whole, scope)
    act = activity_table(whole_links, ents, whole)
    steps = windows(start, end, grain)
    route = path(links(participation, networks, org_units, level, steps, scope), ents, steps, by)
    if basis == "year":
        wins = windows(start, end, "year")
        value_links = links(participation, networks, org_units, level, wins, scope)
        scores = network_scores_by_period(stats, indicators, weights)
        units = unit_table(activity_table(value_links, ents, wins), entity_values(value_links, scores), k)
    else:
        scores = scoring.network_scores(stats, indicators, networks, weights)
        units = unit_table(act, entity_values(whole_links, scores), k)
    fits, bands = value_depth_fits(units)
    comparison = compare_deep_once(units, k, resamples=resamples, seed=seed)
    return Analysis(
        level=level, basis=basis, k=k, entities=ents, activity=act, measures=measures(act, by),
        distribution=depth_distribution(act, k), lorenz=lorenz(act[by]), path=route, units=units, fits=fits,
        bands=bands, comparison=comparison,
        unattributed=unattributed(participation, networks, org_units, level, whole, scope),
        method=method_of(basis, fits, comparison),
    )


def localised_table(units: pd.DataFrame, basis: str, k: int, lang: str = "da") -> pd.DataFrame:
    """The per-entity table for showing and downloading: headers and groups in the language, values rounded to
    one decimal, a year column for basis "year" (none for "period")."""
    out = units.copy()
    out["group"] = out["group"].map(lambda g: t(f"depth.group.{g}", lang, k=k)).astype("str")
    for c in VALUE_COLUMNS:
        out[c] = out[c].astype("float64").round(1)
    cols = ["entity_id", "name", "parent_name", "networks", "people", "group", *VALUE_COLUMNS, "n_scored"]
    if basis == "year":
        out["period"] = pd.to_datetime(out["period"]).dt.year.astype("int64")
        cols = ["period", *cols]
    names = {c: t(f"depth.col.{c}", lang) for c in cols if c not in VALUE_COLUMNS}
    names.update({c: t(f"perspective.{c}", lang) for c in VALUE_COLUMNS})
    return out[cols].rename(columns=names).reset_index(drop=True)
