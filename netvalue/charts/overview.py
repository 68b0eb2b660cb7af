"""Charts of the directors' overview: the three legs as a triangle, the legs over time, value per network and
the strongest and weakest networks. Pure builders: frames in, a plotly Figure out."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from netvalue import formats
from netvalue.charts.style import (
    OKABE_ITO,
    PERSPECTIVE_COLOURS,
    TYPE_COLOURS,
    apply_style,
    empty_figure,
    month_axis,
    period_label,
)
from netvalue.i18n import label, t
from netvalue.safetext import plot_frame
from netvalue.schema import NETWORK_TYPES, PERSPECTIVES

MAX_MARKER = 34  # px diameter of the biggest network in the triangle
MIN_MARKER = 9
BAR_TEXT_PX = 7  # px per character of a 13 px bar label, with room to spare


def room_for_legend(fig: go.Figure, top: int = 110) -> go.Figure:
    """Title pinned to the top of the figure and the legend right under it (both in px from the top of the
    figure), the plot starting `top` px down, so a legend that wraps onto two rows never runs into the title
    or the plot. Call after apply_style (it needs the height)."""
    height = fig.layout.height or 450
    fig.update_layout(title={"yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 12}},
                      legend={"yref": "container", "y": 1 - 44 / height, "yanchor": "top", "xref": "container",
                              "x": 0.01, "xanchor": "left"},
                      margin={"t": top})
    return fig


def perspective_trend(trend: pd.DataFrame, lang: str = "da", title: str | None = None,
                      grain: str = "quarter") -> go.Figure:
    """Lines of the mean score per perspective (and overall) over time; trend has period + perspective columns,
    one row per period of grain (the x-axis names them: style.month_axis)."""
    title = title or t("chart.perspective_trend.title", lang)
    cols = [p for p in (*PERSPECTIVES, "overall") if p in trend.columns and trend[p].notna().any()]
    if trend.empty or not cols:
        return empty_figure(title, lang)
    fig = go.Figure()
    for p in cols:
        fig.add_trace(go.Scatter(
            x=trend["period"], y=trend[p], mode="lines+markers", name=label("perspective", p, lang),
            line={"color": PERSPECTIVE_COLOURS[p], "width": 3 if p == "overall" else 2,
                  "dash": "dot" if p == "overall" else "solid"},
            marker={"size": 5},
            connectgaps=False,
            customdata=[period_label(x, grain, lang) for x in trend["period"]],
            hovertemplate="%{customdata}: %{y:.0f}<extra>" + label("perspective", p, lang) + "</extra>",
        ))
    fig.update_yaxes(range=[0, 100], title_text=t("chart.score_axis", lang))
    fig.update_xaxes(title_text=t("chart.period_axis", lang))
    month_axis(fig, trend["period"], lang, grain)
    return room_for_legend(apply_style(fig, title, lang=lang, height=500))


def marker_sizes(people: pd.Series, max_px: int = MAX_MARKER, min_px: int = MIN_MARKER) -> np.ndarray:
    """Marker diameters with area proportional to people: the biggest gets max_px, none below min_px."""
    p = people.fillna(0).to_numpy(dtype="float64").clip(min=0)
    top = p.max() if len(p) else 0.0
    if top <= 0:
        return np.full(len(p), float(min_px))
    return np.maximum(max_px * np.sqrt(p / top), min_px)


def legs_ternary(points: pd.DataFrame, lang: str = "da") -> go.Figure:
    """Each network a point in the triangle of the three legs (its citizen, economy and staff scores as shares
    of their sum): size = people taking part, colour = network type. points: network_id, name, type, citizen,
    economy, staff, people (networks with all three legs measured)."""
    title = t("chart.ternary.title", lang)
    data = plot_frame(points).dropna(subset=list(PERSPECTIVES))
    data = data[data[list(PERSPECTIVES)].sum(axis=1) > 0]
    if data.empty:
        return empty_figure(title, lang)
    sizes = pd.Series(marker_sizes(data["people"]), index=data.index)
    fig = go.Figure()
    hover = ("<b>%{customdata[0]}</b><br>"
             + label("perspective", "citizen", lang) + ": %{customdata[1]:.0f}<br>"
             + label("perspective", "economy", lang) + ": %{customdata[2]:.0f}<br>"
             + label("perspective", "staff", lang) + ": %{customdata[3]:.0f}<br>"
             + t("chart.people", lang) + ": %{customdata[4]}<extra></extra>")
    for typ in NETWORK_TYPES:
        part = data[data["type"] == typ]
        if part.empty:
            continue
        fig.add_trace(go.Scatterternary(
            a=part["citizen"], b=part["economy"], c=part["staff"], mode="markers",
            name=label("type", typ, lang),
            marker={"color": TYPE_COLOURS[typ], "size": sizes[part.index], "opacity": 0.8,
                    "line": {"color": "white", "width": 1}},
            customdata=np.column_stack([part["name"], part["citizen"], part["economy"], part["staff"],
                                        part["people"]]),
            hovertemplate=hover,
        ))
    # The whole triangle, never zoomed: the centre (a third on each leg) is balance only when every axis
    # starts at 0, and the caption says so. The centre is marked.
    fig.add_trace(go.Scatterternary(
        a=[100 / 3], b=[100 / 3], c=[100 / 3], mode="markers+text", name=t("chart.ternary.balance", lang),
        text=[t("chart.ternary.balance", lang)], textposition="bottom center", hoverinfo="skip",
        marker={"symbol": "x-thin", "size": 14, "line": {"width": 2, "color": OKABE_ITO["black"]}},
        showlegend=False,
    ))
    axis = {"linewidth": 1, "ticks": "outside", "ticksuffix": formats.plotly_locale(lang).percent_suffix,
            "gridcolor": "#DDDDDD", "tickfont": {"size": 11},
            "dtick": 10}
    fig.update_layout(ternary={
        "sum": 100,
        "bgcolor": "white",
        # A long leg name breaks before its bracket: "Medarbejder (trivsel og faglighed)" ran off the corner.
        **{f"{ax}axis": {**axis, "min": 0, "title": {"text": t(f"chart.ternary.{p}", lang).replace(" (", "<br>("),
                                                     "font": {"size": 14}}}
           for ax, p in zip("abc", PERSPECTIVES, strict=True)},
    })
    fig = room_for_legend(apply_style(fig, title, lang=lang, height=500), top=100)
    fig.update_layout(margin={"l": 90, "r": 90, "b": 50})
    return fig


def strongest_weakest(top: pd.DataFrame, bottom: pd.DataFrame, lang: str = "da") -> go.Figure:
    """Two panels of horizontal bars: the strongest and the weakest networks by overall value, coloured by
    type, each bar labelled with its score and its share of self-reported measurements. top and bottom:
    network_id, name, type, overall, share_self_reported."""
    title = t("chart.strong_weak.title", lang)
    if top.empty and bottom.empty:
        return empty_figure(title, lang)
    top, bottom = plot_frame(top), plot_frame(bottom)
    panels = [(t("chart.strong_weak.strongest", lang), top), (t("chart.strong_weak.weakest", lang), bottom)]
    panels = [(name, part) for name, part in panels if not part.empty]
    fig = make_subplots(rows=len(panels), cols=1, shared_xaxes=True, vertical_spacing=0.12,
                        subplot_titles=[name for name, _ in panels],
                        row_heights=[max(1, len(part)) for _, part in panels])
    shown: set[str] = set()
    for row, (_, part) in enumerate(panels, start=1):
        order = part.sort_values("overall")  # highest at the top of each panel
        for typ in NETWORK_TYPES:
            sub = order[order["type"] == typ]
            if sub.empty:
                continue
            text = [t("chart.strong_weak.bar_text", lang, score=formats.number(s, lang),
                      self=formats.number(100 * sr, lang))
                    for s, sr in zip(sub["overall"], sub["share_self_reported"], strict=True)]
            fig.add_trace(go.Bar(
                x=sub["overall"], y=sub["name"], orientation="h", name=label("type", typ, lang),
                marker_color=TYPE_COLOURS[typ], showlegend=typ not in shown,
                text=text, textposition="outside", cliponaxis=False, textfont={"size": 13},
                hovertemplate="%{y}<br>" + t("perspective.overall", lang) + ": %{x:.0f}<extra></extra>",
            ), row=row, col=1)
            shown.add(typ)
        fig.update_yaxes(categoryorder="array", categoryarray=list(order["name"]), row=row, col=1)
    fig.update_xaxes(range=[0, 100], tickvals=[0, 20, 40, 60, 80, 100])
    fig.update_xaxes(title_text=t("chart.score_axis", lang), row=len(panels), col=1)
    n = len(top) + len(bottom)
    fig = room_for_legend(apply_style(fig, title, lang=lang, height=max(360, 34 * n + 220)), top=120)
    # The label beside a full bar runs into the right margin: room for the longest one, in px of the 13 px font
    # (a share of the axis, as before, cut "71 (100 % selvrapport" in a narrow column).
    longest = max((len(str(x)) for tr in fig.data for x in (tr.text or ())), default=0)
    fig.update_layout(bargap=0.25, legend={"traceorder": "normal"}, margin={"r": BAR_TEXT_PX * longest + 16})
    for ann in fig.layout.annotations:  # the panel titles: left-aligned, bold
        ann.update(x=0, xanchor="left", font={"size": 15})
    return fig
