"""The method page as data: the weights in use, how much the ranking of the selected networks depends on them,
and the indicator catalogue with each indicator's score curve. The ranking starts from the one selection
(netvalue.views.selection.select), so its scores are the networks table's."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from netvalue import formats, scoring, sensitivity
from netvalue import keyfigures as kf
from netvalue.charts import method as charts
from netvalue.filters import Filters
from netvalue.i18n import label, t
from netvalue.views import Source
from netvalue.views.selection import Selection, select

RADIUS = 0.1  # "a little": each weight moved up to 10 percentage points
GRID_STEP = 0.05
TOP_K = 10


@dataclass(frozen=True)
class Sensitivity:
    k: int  # the size of the top list (10, or fewer networks measured)
    kept_near: int | None  # the fewest of the top k kept when the weights move a little (None: no such grid point)
    kept_any: int  # the fewest of the top k kept under any weights of the grid
    moved: int  # networks whose rank changes when the weights move a little
    ranked: int  # networks measured, so ranked
    ranges: pd.DataFrame  # sensitivity.rank_ranges
    overlap_chart: go.Figure
    ranks_chart: go.Figure


@dataclass(frozen=True)
class MethodView:
    selection: Selection
    weights: dict[str, float]  # normalised, summing to 1
    weights_chart: go.Figure
    sensitivity: Sensitivity | None  # None when fewer than two selected networks are measured
    catalogue: pd.DataFrame  # the indicators with perspective, direction and kroner as text in the language

    @property
    def empty_reason(self) -> str | None:
        return self.selection.empty_reason


def ranking_sensitivity(scores: pd.DataFrame, weights: dict[str, float], lang: str) -> Sensitivity | None:
    """How much the ranking of the scored networks depends on the weights; None with fewer than two measured."""
    measured = scores.dropna(subset=["overall"])
    if len(measured) < 2:
        return None
    grid = sensitivity.simplex_grid(GRID_STEP)
    overlap = sensitivity.top_overlap(measured, weights, grid, k=TOP_K)
    ranges = sensitivity.rank_ranges(measured, weights, grid, radius=RADIUS)
    return Sensitivity(
        k=int(overlap["k"].iloc[0]), kept_near=sensitivity.nearby_overlap(overlap, RADIUS),
        kept_any=int(overlap["overlap"].min()), moved=int((ranges["best"] != ranges["worst"]).sum()),
        ranked=len(ranges), ranges=ranges,
        overlap_chart=charts.overlap_ternary(overlap, weights, lang), ranks_chart=charts.rank_ranges(ranges, lang),
    )


def catalogue(indicators: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The indicator catalogue as the page shows it: perspective, direction and kroner in words."""
    return indicators.assign(
        perspective=indicators["perspective"].map(lambda p: label("perspective", p, lang)),
        direction=(indicators["best"] > indicators["worst"]).map(
            lambda up: t("method.higher_better" if up else "method.lower_better", lang)),
        kroner=indicators["unit"].map(kf.is_dkk_unit).map(lambda d: t("method.yes", lang) if d else ""),
    ).reset_index(drop=True)


def method_view(src: Source, f: Filters) -> MethodView:
    sel = select(src, f)
    weights = scoring.normalise_weights(f.weight_map)
    indicators = src.table("indicators")
    return MethodView(
        selection=sel, weights=weights, weights_chart=charts.weights_bar(f.weight_map, f.lang),
        sensitivity=None if sel.empty else ranking_sensitivity(sel.scores, f.weight_map, f.lang),
        catalogue=catalogue(indicators, f.lang),
    )


def score_curve_view(src: Source, f: Filters, indicator_id: str) -> go.Figure | None:
    """One indicator's score curve (its own view: the page draws the one picked, not all of them at ~35 ms each);
    None for an unknown indicator."""
    indicators = src.table("indicators")
    row = indicators[indicators["indicator_id"] == indicator_id]
    return charts.score_curve(row.iloc[0], f.lang) if len(row) else None


CATALOGUE_COLUMNS = {"name": "method.col.name", "perspective": "method.col.perspective", "unit": "method.col.unit",
                     "worst": "method.col.worst", "best": "method.col.best", "direction": "method.col.direction",
                     "kroner": "method.col.kroner", "indicator_id": "method.col.id"}  # column: its header's key


def catalogue_frame(cat: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The indicator catalogue as the downloads hold it: the page's columns under their headers, worst and best
    as written in the catalogue (full precision, as the page shows them)."""
    heads = {c: t(key, lang) for c, key in CATALOGUE_COLUMNS.items()}
    out = cat[list(CATALOGUE_COLUMNS)].rename(columns=heads).reset_index(drop=True)
    return formats.with_decimals(out, {heads["worst"]: None, heads["best"]: None})
