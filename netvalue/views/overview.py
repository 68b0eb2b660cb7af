"""The directors' overview as data: key figures with their comparison, the three legs, the legs over time, the
strongest and weakest networks with their evidence, and the latest stories."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from netvalue import connections, formats, scoring
from netvalue import keyfigures as kf
from netvalue.charts import overview as charts
from netvalue.filters import Filters
from netvalue.i18n import label, t
from netvalue.views import Source
from netvalue.views.selection import Selection, select
from netvalue.windows import Comparison, comparison

# The key figures in the order the page and the report show them; kind says how each is formatted.
KEY_FIGURES: tuple[tuple[str, str], ...] = (
    ("networks", "count"), ("units", "count"), ("people", "count"), ("cross_area", "count"), ("net_dkk", "money"),
    ("citizen", "score"), ("economy", "score"), ("staff", "score"), ("overall", "score"),
)
# The text key of each key figure's name (the legs are named by i18n.label("perspective", key)): one map for the
# page and the report.
FIGURE_LABELS: dict[str, str] = {"networks": "overview.active", "units": "overview.units",
                                 "people": "overview.people", "cross_area": "overview.cross_area",
                                 "net_dkk": "overview.net_dkk"}


def figure_label(key: str, lang: str) -> str:
    return t(FIGURE_LABELS[key], lang) if key in FIGURE_LABELS else label("perspective", key, lang)


def figure_text(kind: str, value: float | None, lang: str, signed: bool = False) -> str:
    """A key figure as the overview and the report write it: kroner for money, whole numbers otherwise."""
    if kind == "money":
        return kf.format_kr(value, lang, signed=signed)
    return kf.format_number(value, lang, 0, signed=signed)


@dataclass(frozen=True)
class KeyFigure:
    key: str
    kind: str  # count | money | score
    value: float | None
    earlier: float | None  # the same figure in the earlier window (None: no comparison)
    change: float | None  # value - earlier, None when either is missing or there is no comparison


@dataclass(frozen=True)
class OverviewView:
    selection: Selection
    comparison: Comparison | None
    figures: tuple[KeyFigure, ...]
    headline: dict[str, float | None]
    running: int  # networks still running at the end of the window
    n_networks: int
    points: int  # networks with all three legs measured (the triangle's points)
    top: pd.DataFrame
    bottom: pd.DataFrame
    ternary: go.Figure | None
    trend: go.Figure | None
    strong_weak: go.Figure | None
    stories: pd.DataFrame

    @property
    def empty_reason(self) -> str | None:
        return self.selection.empty_reason

    def figure(self, key: str) -> KeyFigure:
        return next(f for f in self.figures if f.key == key)


# Up to this many months the legs over time go month by month, above it quarter by quarter.
TREND_MONTHLY_UP_TO = 24


def trend_grain(months: int) -> str:
    return "month" if months <= TREND_MONTHLY_UP_TO else "quarter"


def trend_caption(view: OverviewView, lang: str, weights: str) -> str:
    """The "how to read" text of the legs over time for the grain the view drew (month or quarter)."""
    win = view.selection.window
    if win is not None and trend_grain(win.months) == "month":
        return t("overview.how_trend_month", lang, weights=weights)
    return t("overview.how_trend", lang, weights=weights)


def headline_of(src: Source, sel: Selection) -> dict[str, float | None]:
    """Every headline number of a selection (the one function the overview, the report and the other pages use)."""
    if sel.window is None:
        return dict.fromkeys(("networks", "units", "people", "cross_area", *kf.HEADLINE_SCORES, "net_dkk",
                              "saved_dkk", "cost_dkk"))
    participation, org = src.table("participation"), src.table("org_units")
    out = kf.headline(sel.networks, participation, org, sel.stats, src.table("indicators"), sel.filters.weight_map,
                      sel.window.start, sel.window.end, sel.scope)
    mine = participation[participation["network_id"].isin(sel.networks["network_id"])]
    out["cross_area"] = float(connections.cross_area_count(mine, org, sel.window.start, sel.window.last_day,
                                                           sel.scope))
    return out


def _change(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or pd.isna(a) or pd.isna(b) else a - b


def overview_view(src: Source, f: Filters, n_list: int = 5, n_stories: int = 3) -> OverviewView:
    sel = select(src, f)
    now = headline_of(src, sel)
    comp = comparison(sel.window, sel.data_start) if sel.window is not None else None
    before = None
    if comp is not None and comp.available and not sel.empty:
        before = headline_of(src, select(src, f, comp.earlier))
    figures = tuple(
        KeyFigure(k, kind, now[k], None if before is None else before[k],
                  None if before is None else _change(now[k], before[k]))
        for k, kind in KEY_FIGURES)
    if sel.empty:
        empty = pd.DataFrame()
        return OverviewView(sel, comp, figures, now, 0, 0, 0, empty, empty, None, None, None, empty)
    indicators = src.table("indicators")
    win = sel.window
    people = kf.people_per_network(sel.networks, src.table("participation"), src.table("org_units"), win.start,
                                   win.end)
    points = kf.ternary_points(sel.scores, people)
    grain = trend_grain(win.months)
    q = src.stats(grain, win.start, win.last_day)
    q = q[q["network_id"].isin(sel.networks["network_id"])]
    table = sel.scores.merge(kf.evidence_columns(sel.stats, indicators), on="network_id", how="left")
    top, bottom = kf.strongest_weakest(table, n_list)
    return OverviewView(
        selection=sel, comparison=comp, figures=figures, headline=now,
        running=kf.active_at_end(sel.networks, win.end), n_networks=len(sel.networks), points=len(points),
        top=top, bottom=bottom,
        ternary=charts.legs_ternary(points, f.lang),
        trend=charts.perspective_trend(scoring.trend(q, indicators, f.weight_map), f.lang, grain=grain),
        strong_weak=charts.strongest_weakest(top, bottom, f.lang),
        stories=kf.latest_stories(src.table("stories"), sel.networks, win.start, win.end, n_stories),
    )


UNIT_KEYS = {"count": "export.keyfig.unit.count", "money": "export.keyfig.unit.money",
             "score": "export.keyfig.unit.score"}  # a key figure's kind: the text key of its unit


def key_figures_frame(view: OverviewView, lang: str) -> pd.DataFrame:
    """The key figures as the downloads hold them: one row per figure with its unit, the value in the window
    shown, in the window before it (when there is a comparison) and the change, rounded as the page shows them
    (whole numbers and whole kroner)."""
    comp = view.comparison
    shown = view.selection.window.label(lang) if view.selection.window is not None else t("export.keyfig.value", lang)
    earlier = comp.earlier.label(lang) if comp is not None and comp.available else None
    out = pd.DataFrame({
        t("export.keyfig.name", lang): [figure_label(k.key, lang) for k in view.figures],
        t("export.keyfig.unit", lang): [t(UNIT_KEYS[k.kind], lang) for k in view.figures],
        shown: [k.value for k in view.figures],
    })
    if earlier is not None:
        out[earlier] = [k.earlier for k in view.figures]
        out[t("export.keyfig.change", lang)] = [k.change for k in view.figures]
    numbers = list(out.columns[2:])
    for c in numbers:
        out[c] = pd.to_numeric(out[c], errors="coerce").astype("float64")
    return formats.with_decimals(out, dict.fromkeys(numbers, 0))
