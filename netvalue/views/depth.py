"""The depth-and-breadth page (I dybden eller i bredden) as data: the choices that fit the window, breadth,
depth and concentration, the path between them, deep against touched-once and value against depth, with
every figure, sentence and the downloadable table.

The choices fit the window: depth counted year by year only when the window spans more than one calendar
year (otherwise a point would be a month called a unit-year), and path steps that give more than one point
when the window allows it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from netvalue import depth, formats
from netvalue.charts import depth as charts
from netvalue.filters import Filters
from netvalue.i18n import label, t
from netvalue.views import Source
from netvalue.views.selection import Selection, select
from netvalue.windows import Window

MONTH_STEPS_UP_TO = 24  # windows up to this many months may follow the path month by month
PREFERRED_GRAIN = "quarter"


@dataclass(frozen=True)
class DepthChoices:
    """The bases and path steps that make sense for the filters' window (the first of each is the default)."""

    window: Window | None
    bases: tuple[str, ...]
    grains: tuple[str, ...]


@dataclass(frozen=True)
class DepthView:
    selection: Selection
    choices: DepthChoices
    level: str
    basis: str  # the basis used (a choice that does not fit the window falls back to the first that does)
    grain: str
    by: str
    k: int
    words: dict[str, str]  # entities, entity (for the page's sentences)
    analysis: depth.Analysis | None
    metrics: dict[str, str]  # breadth, breadth_value, depth, hhi, effective, gini (formatted)
    units_reached: int  # reached working units (level unit): the overview's "Enheder nået" for the same filters
    notes: tuple[str, ...]  # captions under the controls
    distribution: go.Figure | None
    lorenz: go.Figure | None
    path: go.Figure | None
    comparison_lines: tuple[str, ...]
    compare: go.Figure | None
    value: go.Figure | None
    fit_lines: tuple[str, ...]
    table: pd.DataFrame
    file_name: str

    @property
    def empty_reason(self) -> str | None:
        return self.selection.empty_reason

    @property
    def no_entities(self) -> bool:
        return self.analysis is not None and self.analysis.entities.empty


def _periods(win: Window, months: int) -> int:
    """How many calendar periods of the given length (1, 3 or 12 months) the window touches."""
    def no(d: date) -> int:
        return (d.year * 12 + d.month - 1) // months

    return no(win.end) - no(win.start) + 1


def choices_for(win: Window | None) -> DepthChoices:
    """The bases and path steps that fit a window."""
    if win is None:
        return DepthChoices(None, ("period",), (PREFERRED_GRAIN,))
    bases = ("year", "period") if win.start.year != win.end.year else ("period",)
    grains = [g for g, m in (("month", 1), ("quarter", 3), ("year", 12))
              if _periods(win, m) > 1 and (g != "month" or win.months <= MONTH_STEPS_UP_TO)]
    if not grains:
        grains = ["month"]  # one month: one point, named as the month it is
    if PREFERRED_GRAIN in grains:
        grains.remove(PREFERRED_GRAIN)
        grains.insert(0, PREFERRED_GRAIN)
    return DepthChoices(win, bases, tuple(grains))


def depth_choices(src: Source, f: Filters) -> DepthChoices:
    return choices_for(select(src, f).window)


def _words(level: str, lang: str) -> dict[str, str]:
    return depth.words(level, lang)


def _metrics(m: dict, words: dict[str, str], lang: str) -> dict[str, str]:
    num = depth.fmt_number
    return {
        "breadth": formats.percent(m["breadth"] if m["n_entities"] else None, lang),
        "breadth_value": t("depth.m.breadth_value", lang, reached=m["reached"], n=m["n_entities"], **words),
        "depth": num(m["depth_mean"], lang),
        "depth_median": num(m["depth_median"], lang),
        "depth_max": str(m["depth_max"]),
        "hhi": num(m["hhi"], lang, 3),
        "effective": num(m["effective_n"], lang),
        "gini": num(m["gini"], lang, 2),
    }


def _fit_lines(a: depth.Analysis, level: str, basis: str, words: dict[str, str], lang: str) -> tuple[str, ...]:
    num = depth.fmt_number
    lines = []
    for _, fit in a.fits.iterrows():
        leg = label("perspective", fit["perspective"], lang)
        if pd.isna(fit["slope_lo"]):
            lines.append(t("depth.fit.none", lang, leg=leg, **words))
        else:
            lines.append(t("depth.fit.line", lang, leg=leg, slope=num(fit["slope"], lang),
                           lo=num(fit["slope_lo"], lang), hi=num(fit["slope_hi"], lang), n=int(fit["n"]),
                           pct=formats.percent(depth.LEVEL, lang),
                           obs=t(f"depth.obs.{level}", lang) if basis == "year" else words["entities"]))
    return tuple(lines)


def depth_view(src: Source, f: Filters, level: str = "unit", basis: str = "year", by: str = "networks",
               grain: str = PREFERRED_GRAIN, k: int = 3) -> DepthView:
    """Everything the page shows for the filters and its own controls (a basis or step that does not fit the
    window is replaced by the first that does)."""
    L = f.lang
    sel = select(src, f)
    ch = choices_for(sel.window)
    basis = basis if basis in ch.bases else ch.bases[0]
    grain = grain if grain in ch.grains else ch.grains[0]
    level = level if level in depth.DEPTH_LEVELS else depth.DEPTH_LEVELS[0]
    by = by if by in depth.ACTIVITIES else depth.ACTIVITIES[0]
    words = _words(level, L)
    if sel.empty:
        return DepthView(sel, ch, level, basis, grain, by, k, words, None, {}, 0, (), None, None, None, (), None,
                         None, (), pd.DataFrame(), "")
    win = sel.window
    assert win is not None
    stats = src.stats("year" if basis == "year" else "all", win.start, win.last_day)
    stats = stats[stats["network_id"].isin(sel.networks["network_id"])]
    a = depth.analyse(src.table("participation"), sel.networks, src.table("org_units"), src.table("indicators"),
                      stats, start=win.start, end=win.last_day, level=level, scope=f.unit_id, basis=basis, by=by,
                      grain=grain, k=k, weights=f.weight_map)
    m = a.measures
    notes = [t("depth.activity_note_window", L, activity=t(f"depth.activity.{by}", L).lower(), window=win.label(L))]
    if "year" not in ch.bases:
        notes.append(t("depth.basis_only_period", L))
    if a.unattributed:
        notes.append(t("depth.unattributed", L, n=a.unattributed, **words))
    table = depth.localised_table(a.units, basis, k, L)
    return DepthView(
        selection=sel, choices=ch, level=level, basis=basis, grain=grain, by=by, k=k, words=words, analysis=a,
        metrics=_metrics(m, words, L), units_reached=int(m["reached"]) if level == "unit" else 0,
        notes=tuple(notes),
        distribution=charts.depth_distribution_chart(a.distribution, level, k, L),
        lorenz=charts.lorenz_chart(a.lorenz, m["gini"], level, L),
        path=charts.path_chart(a.path, level, grain, L),
        comparison_lines=tuple(depth.sentence(row, level, L, per=basis) for _, row in a.comparison.iterrows()),
        compare=charts.compare_chart(a.comparison, level, k, L),
        value=charts.value_depth_chart(a.units, a.bands, level, L),
        fit_lines=_fit_lines(a, level, basis, words, L),
        table=table,
        file_name=f"{t('depth.file', L)}_{level}_{win.key().replace('..', '_')}",
    )
