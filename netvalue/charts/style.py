"""One palette and one layout for every chart. Colours are Okabe-Ito, safe for the common colour-vision
deficiencies; each network type and each perspective keeps its colour on every page."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from netvalue.formats import percent, plotly_locale
from netvalue.i18n import t
from netvalue.windows import month_label

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}
TYPE_COLOURS = {"welfare": OKABE_ITO["blue"], "innovation": OKABE_ITO["orange"], "learning": OKABE_ITO["green"]}
PERSPECTIVE_COLOURS = {
    "citizen": OKABE_ITO["purple"],
    "economy": OKABE_ITO["sky"],
    "staff": OKABE_ITO["vermillion"],
    "overall": OKABE_ITO["black"],
    "input": OKABE_ITO["grey"],
}
EVIDENCE_COLOURS = {
    "self_reported": "#D9D9D9",
    "measured": OKABE_ITO["sky"],
    "evaluated_internal": OKABE_ITO["blue"],
    "evaluated_external": "#003F5C",
}
# Rings 0..4, from the home unit outwards: a sequential, colour-blind-safe ramp (cividis-like).
RING_COLOURS = ["#00204D", "#31446B", "#666970", "#958F78", "#CBBA69"]
FONT = "Source Sans Pro, Arial, sans-serif"
MAX_TIME_TICKS = 8  # month names are long: more than this many crowd a time axis


def apply_style(fig: go.Figure, title: str, *, lang: str = "da", height: int = 420,
                legend_title: str | None = None) -> go.Figure:
    """Title, readable font sizes, white background, a legend above the plot and the reader's number separators
    (Danish "0,5" and "1.234"); returns the same figure."""
    fig.update_layout(
        separators=plotly_locale(lang).separators,
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 18}},
        font={"family": FONT, "size": 14, "color": "#222222"},
        height=height,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        paper_bgcolor="white",
        plot_bgcolor="white",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "title": {"text": legend_title or ""}},
        hoverlabel={"font_size": 14},
    )
    fig.update_xaxes(showgrid=True, gridcolor="#EEEEEE", zeroline=False, automargin=True)
    fig.update_yaxes(showgrid=True, gridcolor="#EEEEEE", zeroline=False, automargin=True)
    return fig


def percent_ticks(lang: str = "da", top: float = 1.0) -> dict[str, list]:
    """Tick values and texts for an axis of shares 0..top, written as the reader writes percentages (Danish
    "20 %": Plotly's own "%" format has no space): update_xaxes(**percent_ticks(lang))."""
    step = next(s for s in (0.05, 0.1, 0.2, 0.25) if top / s <= 6)
    values = [round(i * step, 4) for i in range(int(top / step + 1e-9) + 1)]
    return {"tickvals": values, "ticktext": [percent(v, lang) for v in values]}


def empty_figure(title: str, lang: str = "da") -> go.Figure:
    """A titled figure that says there is nothing to show."""
    fig = go.Figure()
    fig.add_annotation(text=t("chart.no_data", lang), showarrow=False, font={"size": 16}, x=0.5, y=0.5,
                       xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return apply_style(fig, title, lang=lang, height=300)


def period_label(period: date | pd.Timestamp, grain: str = "month", lang: str = "da") -> str:
    """A period as readers name it: 'maj 2016' (month), '2016 K2' / '2016 Q2' (quarter), '2016' (year)."""
    p = pd.Timestamp(period)
    if grain == "year":
        return str(p.year)
    if grain == "quarter":
        return f"{p.year} {'K' if lang == 'da' else 'Q'}{p.quarter}"
    return month_label(p, lang)


def month_axis(fig: go.Figure, periods: Iterable[date | pd.Timestamp], lang: str = "da", grain: str = "month",
               *, max_ticks: int = MAX_TIME_TICKS, **where: object) -> go.Figure:
    """A date x-axis over periods (first days) named as readers name them, whatever the window: explicit ticks
    with period_label text (at most max_ticks, evenly spaced, the first always), and a range of half a period
    either side, so one period is a point in the middle, not a millisecond of an axis. where: row/col of a
    subplot (default: every x-axis). Returns the same figure."""
    pers = sorted({pd.Timestamp(p) for p in periods})
    if not pers:
        return fig
    step = math.ceil(len(pers) / max_ticks)
    if grain == "month" and step > 1:
        step = next(s for s in (2, 3, 6, 12, 24, 36, 60, 120) if s >= step or s == 120)
    ticks = pers[::step]
    months = {"month": 1, "quarter": 3, "year": 12}.get(grain, 1)
    half = pd.Timedelta(days=15 * months)
    fig.update_xaxes(type="date", tickmode="array", tickvals=ticks,
                     ticktext=[period_label(p, grain, lang) for p in ticks],
                     range=[pers[0] - half, pers[-1] + half], hoverformat="%Y-%m", **where)
    return fig
