"""Charts of the method page: how a value becomes a score, and how much the ranking depends on the weights.
Pure builders: frames in, a plotly Figure out."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from netvalue import formats
from netvalue.charts.overview import room_for_legend
from netvalue.charts.style import OKABE_ITO, PERSPECTIVE_COLOURS, TYPE_COLOURS, apply_style, empty_figure
from netvalue.i18n import label, t
from netvalue.safetext import plot, plot_frame
from netvalue.schema import PERSPECTIVES

# Sequential, colour-blind-safe scale for "how many of the top ten stay" (light = few, dark = all).
OVERLAP_SCALE = [[0.0, "#F7F4B8"], [0.5, "#5DA5A3"], [1.0, "#08306B"]]


def score_curve(indicator: pd.Series, lang: str = "da") -> go.Figure:
    """The score (0..100) an indicator gives as a function of its mean value: 0 at worst, 100 at best, a
    straight line between and flat outside. Works for 'lower is better' (worst > best) too."""
    title = t("chart.score_curve.title", lang, name=plot(indicator["name"]))
    worst, best = float(indicator["worst"]), float(indicator["best"])
    if worst == best or not np.isfinite(worst) or not np.isfinite(best):
        return empty_figure(title, lang)
    lo, hi = min(worst, best), max(worst, best)
    pad = (hi - lo) * 0.25
    x = np.array([lo - pad, lo, hi, hi + pad])
    y = 100 * np.clip((x - worst) / (best - worst), 0, 1)
    colour = PERSPECTIVE_COLOURS.get(indicator.get("perspective"), OKABE_ITO["black"])
    fig = go.Figure(go.Scatter(x=x, y=y, mode="lines", line={"color": colour, "width": 3},
                               name=t("chart.score_axis", lang),
                               hovertemplate="%{x:.4g} → %{y:.0f}<extra></extra>"))
    fig.add_trace(go.Scatter(
        x=[worst, best], y=[0, 100], mode="markers+text", showlegend=False,
        text=[t("chart.score_curve.worst", lang, value=formats.short(worst, lang)),
              t("chart.score_curve.best", lang, value=formats.short(best, lang))],
        textposition=["top center", "bottom center"],
        marker={"color": colour, "size": 10}, hoverinfo="skip",
    ))
    unit = indicator.get("unit")
    fig.update_xaxes(title_text=t("chart.score_curve.x", lang,
                                  unit=plot(unit) if isinstance(unit, str) and unit else "–"))
    fig.update_yaxes(range=[-8, 112], title_text=t("chart.score_axis", lang), tickvals=[0, 25, 50, 75, 100])
    fig = apply_style(fig, title, lang=lang, height=340)
    fig.update_layout(showlegend=False)
    return fig


def overlap_ternary(overlap: pd.DataFrame, current: dict[str, float], lang: str = "da") -> go.Figure:
    """Every weight vector of the grid as a point in the weights triangle, coloured by how many of its top ten
    are also in the current top ten; the current weights as a black cross. overlap: sensitivity.top_overlap."""
    title = t("chart.overlap.title", lang)
    if overlap.empty:
        return empty_figure(title, lang)
    k = int(overlap["k"].iloc[0])
    pct = formats.plotly_locale(lang).percent_suffix
    fig = go.Figure()
    fig.add_trace(go.Scatterternary(
        a=100 * overlap["citizen"], b=100 * overlap["economy"], c=100 * overlap["staff"], mode="markers",
        name=t("chart.overlap.grid", lang),
        marker={"color": overlap["overlap"], "cmin": max(0, int(overlap["overlap"].min()) - 1), "cmax": max(k, 1),
                "colorscale": OVERLAP_SCALE,
                "size": 11, "symbol": "hexagon", "line": {"width": 0},
                "colorbar": {"title": {"text": t("chart.overlap.colorbar", lang, k=k), "side": "right"},
                             "thickness": 14, "len": 0.7, "tickformat": "d", "dtick": 1, "x": 0.86,
                             "xanchor": "left", "y": 0.45}},
        hovertemplate=(label("perspective", "citizen", lang) + f" %{{a:.0f}}{pct}<br>"
                       + label("perspective", "economy", lang) + f" %{{b:.0f}}{pct}<br>"
                       + label("perspective", "staff", lang) + f" %{{c:.0f}}{pct}<br>"
                       + t("chart.overlap.hover", lang, k=k) + ": %{marker.color}<extra></extra>"),
    ))
    total = sum(current.values()) or 1.0
    fig.add_trace(go.Scatterternary(
        a=[100 * current["citizen"] / total], b=[100 * current["economy"] / total],
        c=[100 * current["staff"] / total], mode="markers", name=t("chart.overlap.current", lang),
        marker={"color": "black", "size": 16, "symbol": "x-thin", "line": {"width": 3, "color": "black"}},
        hovertemplate=t("chart.overlap.current", lang) + "<extra></extra>",
    ))
    axis = {"min": 0, "ticksuffix": pct, "dtick": 20, "gridcolor": "#DDDDDD", "tickfont": {"size": 11}}
    fig.update_layout(ternary={
        "sum": 100, "bgcolor": "white", "domain": {"x": [0.04, 0.74], "y": [0, 1]},
        "aaxis": {**axis, "title": {"text": t("chart.ternary.citizen", lang)}},
        "baxis": {**axis, "title": {"text": t("chart.ternary.economy", lang)}},
        "caxis": {**axis, "title": {"text": t("chart.ternary.staff", lang)}},
    })
    fig = room_for_legend(apply_style(fig, title, lang=lang, height=520), top=100)
    fig.update_layout(margin={"l": 80, "r": 30, "b": 50})
    return fig


def rank_ranges(ranges: pd.DataFrame, lang: str = "da", top: int = 15) -> go.Figure:
    """Per network (the current top 15): a line from its best to its worst rank when the weights move a little,
    and a dot at its rank now, coloured by type. ranges: sensitivity.rank_ranges."""
    title = t("chart.rank_ranges.title", lang)
    data = plot_frame(ranges.sort_values("rank").head(top))
    if data.empty:
        return empty_figure(title, lang)
    names = [f"{r}. {n}" for r, n in zip(data["rank"], data["name"], strict=True)] if "name" in data else \
        [f"{r}. {n}" for r, n in zip(data["rank"], data["network_id"], strict=True)]
    fig = go.Figure()
    for y, best, worst in zip(names, data["best"], data["worst"], strict=True):
        fig.add_trace(go.Scatter(x=[best, worst], y=[y, y], mode="lines", showlegend=False, hoverinfo="skip",
                                 line={"color": "#999999", "width": 6}))
    types = data["type"] if "type" in data else pd.Series("welfare", index=data.index)
    for typ, colour in TYPE_COLOURS.items():
        mask = (types == typ).to_numpy()
        if not mask.any():
            continue
        part = data[mask]
        fig.add_trace(go.Scatter(
            x=part["rank"], y=[n for n, m in zip(names, mask, strict=True) if m], mode="markers",
            name=label("type", typ, lang), marker={"color": colour, "size": 13, "line": {"color": "white", "width": 1}},
            customdata=np.column_stack([part["best"], part["worst"]]),
            hovertemplate=("%{y}<br>" + t("chart.rank_ranges.hover", lang)
                           + "<extra></extra>"),
        ))
    fig.update_yaxes(categoryorder="array", categoryarray=names[::-1], showgrid=False)
    worst = int(data["worst"].max())
    ticks = list(range(1, worst + 1)) if worst <= 10 else [1, *range(5, worst + 1, 5)]
    fig.update_xaxes(range=[0.5, worst + 0.5], tickvals=ticks,
                     title_text=t("chart.rank_ranges.axis", lang))
    return room_for_legend(apply_style(fig, title, lang=lang, height=max(340, 30 * len(data) + 170)), top=110)


def weights_bar(weights: dict[str, float], lang: str = "da") -> go.Figure:
    """The weights in use as one stacked 100 % bar, a segment per perspective."""
    title = t("chart.weights.title", lang)
    total = sum(weights.get(p, 0.0) for p in PERSPECTIVES)
    if total <= 0:
        return empty_figure(title, lang)
    fig = go.Figure()
    for p in PERSPECTIVES:
        share = 100 * weights.get(p, 0.0) / total
        fig.add_trace(go.Bar(x=[share], y=[""], orientation="h", name=label("perspective", p, lang),
                             marker_color=PERSPECTIVE_COLOURS[p], text=[formats.percent(share / 100, lang)],
                             textposition="inside", insidetextanchor="middle",
                             hovertemplate=label("perspective", p, lang) + ": %{x:.0f}"
                             + formats.plotly_locale(lang).percent_suffix + "<extra></extra>"))
    fig.update_layout(barmode="stack")
    fig.update_xaxes(range=[0, 100], visible=False)
    fig.update_yaxes(visible=False)
    fig = room_for_legend(apply_style(fig, title, lang=lang, height=170), top=80)
    fig.update_layout(margin={"b": 10}, legend={"traceorder": "normal"})
    return fig
