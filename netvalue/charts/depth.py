"""Charts of the depth-versus-breadth page. Every builder takes small aggregated frames from netvalue.depth
and returns a titled plotly Figure."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from netvalue import formats
from netvalue.charts.style import OKABE_ITO, PERSPECTIVE_COLOURS, apply_style, empty_figure, percent_ticks, period_label
from netvalue.depth import VALUE_COLUMNS, fmt_number, words
from netvalue.i18n import label, t
from netvalue.safetext import plot_frame

GROUP_COLOURS = {
    "none": OKABE_ITO["grey"],
    "once": OKABE_ITO["orange"],
    "between": OKABE_ITO["sky"],
    "deep": OKABE_ITO["blue"],
}
PATH_SCALE = "Cividis"
LEGEND_BELOW = {"orientation": "h", "yanchor": "top", "y": -0.2, "x": 0, "xanchor": "left"}
LABEL_GAP = 0.07  # path labels closer than this (share of the axis ranges) to a shown label are left to hover


def _words(level: str, lang: str) -> dict[str, str]:
    return words(level, lang)


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def depth_distribution_chart(dist: pd.DataFrame, level: str, k: int, lang: str = "da") -> go.Figure:
    """Bars: how many entities take part in 0, 1, 2, ... networks, coloured by group (none, once, between,
    deep). dist: netvalue.depth.depth_distribution output."""
    w = _words(level, lang)
    title = t("depth.chart.distribution.title", lang, **w)
    if dist.empty or dist["entities"].sum() == 0:
        return empty_figure(title, lang)
    fig = go.Figure()
    for group, colour in GROUP_COLOURS.items():
        part = dist[dist["group"] == group]
        if part.empty:
            continue
        fig.add_trace(go.Bar(
            x=part["networks"], y=part["entities"], name=t(f"depth.group.{group}", lang, k=k),
            marker_color=colour, text=part["entities"], textposition="outside",
            hovertemplate="%{x}: %{y}<extra></extra>",
        ))
    fig.update_xaxes(title_text=t("depth.chart.networks_axis", lang, **w), dtick=1)
    fig.update_yaxes(title_text=t("depth.chart.count_axis", lang, **w), rangemode="tozero")
    fig = apply_style(fig, title, lang=lang, height=460)
    fig.update_layout(legend=LEGEND_BELOW)
    return fig


def lorenz_chart(curve: pd.DataFrame, gini_value: float, level: str, lang: str = "da") -> go.Figure:
    """The Lorenz curve of activity over entities against the diagonal of perfect equality.
    curve: netvalue.depth.lorenz output."""
    w = _words(level, lang)
    title = t("depth.chart.lorenz.title", lang, gini=fmt_number(gini_value, lang, 2))
    if curve.empty:
        return empty_figure(title, lang)
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=[0, 1], y=[0, 1], mode="lines", name=t("depth.chart.lorenz.equal", lang),
        line={"color": OKABE_ITO["grey"], "dash": "dash", "width": 2}, hoverinfo="skip",
    ))
    fig.add_trace(go.Scatter(
        x=curve["share_entities"], y=curve["share_activity"], mode="lines", name=t("depth.chart.lorenz.curve", lang),
        line={"color": OKABE_ITO["blue"], "width": 3, "shape": "linear"}, fill="tonexty",
        fillcolor=_rgba(OKABE_ITO["blue"], 0.12),
        customdata=np.column_stack([[formats.percent(v, lang) for v in curve["share_entities"]],
                                    [formats.percent(v, lang) for v in curve["share_activity"]]]),
        hovertemplate="%{customdata[0]} → %{customdata[1]}<extra></extra>",
    ))
    fig.update_xaxes(title_text=t("depth.chart.lorenz.x", lang, **w), range=[0, 1], **percent_ticks(lang))
    fig.update_yaxes(title_text=t("depth.chart.lorenz.y", lang), range=[0, 1], **percent_ticks(lang),
                     scaleanchor="x", scaleratio=1)
    return apply_style(fig, title, lang=lang)


def path_labels(data: pd.DataFrame, labels: list[str], grain: str, x_span: float = 1.0,
                y_span: float | None = None) -> list[str]:
    """Which points of the path carry a text label: the latest always, the first unless it sits on the latest;
    then each year (year grain) or each January (month and quarter grains) unless it sits within LABEL_GAP (a share
    of the drawn axis spans x_span, y_span) of a label already shown. The rest are left to hover."""
    n = len(data)
    x = data["breadth"].to_numpy(dtype="float64")
    y = data["depth_mean"].to_numpy(dtype="float64")
    xs = max(float(x_span), 1e-9)
    ys = max(float(y_span if y_span is not None else y.max()), 1e-9)
    keep: list[int] = []
    for i in [n - 1, *range(n - 1)]:
        wanted = i in (0, n - 1) or grain == "year" or pd.Timestamp(data["period"].iloc[i]).month == 1
        near = any(math.hypot((x[i] - x[j]) / xs, (y[i] - y[j]) / ys) < LABEL_GAP for j in keep)
        if wanted and (i == n - 1 or not near):
            keep.append(i)
    return [lab if i in keep else "" for i, lab in enumerate(labels)]


def path_chart(path: pd.DataFrame, level: str, grain: str, lang: str = "da") -> go.Figure:
    """The organisation's path in the depth-breadth plane: x breadth, y depth, one point per period joined in
    time order; points coloured from dark (first) to light (last); labelled (every point for years; the first,
    the last and each first quarter for quarters, unless crowded: see path_labels). path: netvalue.depth.path."""
    w = _words(level, lang)
    title = t("depth.chart.path.title", lang)
    data = path.dropna(subset=["breadth", "depth_mean"]).sort_values("period")
    data = data[data["reached"] > 0]
    if data.empty:
        return empty_figure(title, lang)
    labels = [period_label(p, grain, lang) for p in data["period"]]
    xmax = min(1.0, max(0.1, float(data["breadth"].max()) * 1.15))
    ymax = max(1.5, float(data["depth_mean"].max()) * 1.15)
    shown = path_labels(data, labels, grain, xmax, ymax)
    hover = [
        f"{lab}<br>{t('depth.m.breadth', lang)}: {formats.percent(b, lang)} ({r}/{e})<br>{t('depth.m.depth', lang)}: "
        f"{fmt_number(d, lang, 2)}"
        for lab, b, r, e, d in zip(labels, data["breadth"], data["reached"], data["n_entities"], data["depth_mean"],
                                   strict=True)
    ]
    fig = go.Figure(go.Scatter(
        x=data["breadth"], y=data["depth_mean"], mode="lines+markers+text", name=t("depth.chart.path.trace", lang),
        text=shown, textposition="top center", textfont={"size": 12},
        line={"color": OKABE_ITO["grey"], "width": 2},
        marker={"size": 11, "color": list(range(len(data))), "colorscale": PATH_SCALE, "showscale": False,
                "line": {"color": "#222222", "width": 1}},
        hovertext=hover, hoverinfo="text",
    ))
    fig.update_xaxes(title_text=t("depth.chart.path.x", lang, **w), range=[0, xmax], **percent_ticks(lang, xmax))
    fig.update_yaxes(title_text=t("depth.chart.path.y", lang, **w), range=[0, ymax])
    fig = apply_style(fig, title, lang=lang, height=480)
    fig.update_layout(showlegend=False)
    return fig


def value_depth_chart(units: pd.DataFrame, bands: pd.DataFrame, level: str, lang: str = "da",
                      columns: tuple[str, ...] = VALUE_COLUMNS) -> go.Figure:
    """One panel per leg (and overall): each reached entity's depth against the mean score of its networks,
    the least-squares trend and its 95% confidence band. units: netvalue.depth.unit_table; bands: the second
    result of netvalue.depth.value_depth_fits."""
    w = _words(level, lang)
    title = t("depth.chart.value.title", lang)
    reached = plot_frame(units[units["networks"] > 0], ["name"])
    if reached.empty or reached[list(columns)].isna().all().all():
        return empty_figure(title, lang)
    # A point is an entity, or an entity in one year when the table holds several years of one entity.
    points_key = ("depth.chart.value.points_year" if reached["entity_id"].duplicated().any()
                  else "depth.chart.value.points")
    cols = 2
    rows = math.ceil(len(columns) / cols)
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=[label("perspective", c, lang) for c in columns],
                        horizontal_spacing=0.08, vertical_spacing=0.14)
    for i, c in enumerate(columns):
        r, col = i // cols + 1, i % cols + 1
        colour = PERSPECTIVE_COLOURS.get(c, OKABE_ITO["black"])
        first = i == 0
        band = bands[bands["perspective"] == c] if not bands.empty else bands
        if not band.empty and band["lo"].notna().all():
            fig.add_trace(go.Scatter(x=band["x"], y=band["hi"], mode="lines", line={"width": 0},
                                     showlegend=False, hoverinfo="skip", legendgroup="band"), row=r, col=col)
            fig.add_trace(go.Scatter(
                x=band["x"], y=band["lo"], mode="lines", line={"width": 0}, fill="tonexty",
                fillcolor=_rgba(colour if colour != "#000000" else "#555555", 0.18),
                name=t("depth.chart.value.band", lang), showlegend=first, legendgroup="band", hoverinfo="skip",
            ), row=r, col=col)
        if not band.empty:
            fig.add_trace(go.Scatter(
                x=band["x"], y=band["fit"], mode="lines", line={"color": colour, "width": 3},
                name=t("depth.chart.value.fit", lang), showlegend=first, legendgroup="fit",
                hovertemplate="%{x:.1f} → %{y:.1f}<extra></extra>",
            ), row=r, col=col)
        d = reached.dropna(subset=[c])
        names = d["name"].astype("str")
        if "period" in d.columns and reached["period"].nunique() > 1:
            names = names + " (" + pd.to_datetime(d["period"]).dt.year.astype("str") + ")"
        fig.add_trace(go.Scatter(
            x=d["networks"], y=d[c], mode="markers", name=t(points_key, lang, **w),
            marker={"color": colour, "size": 9, "opacity": 0.6, "line": {"color": "white", "width": 1}},
            text=names, showlegend=first, legendgroup="points",
            hovertemplate="%{text}<br>%{x} → %{y:.1f}<extra></extra>",
        ), row=r, col=col)
        fig.update_xaxes(dtick=1, row=r, col=col, title_text=t("depth.chart.networks_axis", lang, **w)
                         if r == rows else None)
        fig.update_yaxes(range=[0, 100], row=r, col=col, title_text=t("chart.score_axis", lang) if col == 1 else None)
    fig = apply_style(fig, title, lang=lang, height=330 * rows + 120)
    fig.update_layout(legend={**LEGEND_BELOW, "y": -0.08})
    return fig


def compare_chart(comparison: pd.DataFrame, level: str, k: int, lang: str = "da") -> go.Figure:
    """Dot and 95% interval of the difference in mean score (deep minus once) per leg, with a line at zero;
    legs with too few entities on a side say so instead. comparison: netvalue.depth.compare_deep_once."""
    title = t("depth.chart.compare.title", lang, k=k)
    if comparison.empty:
        return empty_figure(title, lang)
    data = comparison.iloc[::-1]  # the first leg on top
    names = [label("perspective", p, lang) for p in data["perspective"]]
    fig = go.Figure(go.Scatter(x=[0] * len(names), y=names, mode="markers", marker={"opacity": 0},
                               showlegend=False, hoverinfo="skip"))  # keeps every leg on the axis
    ok = data["verdict"] != "too_few"
    shown = data[ok]
    for _, row in shown.iterrows():
        p = row["perspective"]
        fig.add_trace(go.Scatter(
            x=[row["diff"]], y=[label("perspective", p, lang)], mode="markers+text",
            marker={"color": PERSPECTIVE_COLOURS.get(p, OKABE_ITO["black"]), "size": 13},
            error_x={"type": "data", "symmetric": False, "array": [row["hi"] - row["diff"]],
                     "arrayminus": [row["diff"] - row["lo"]], "thickness": 3, "width": 8,
                     "color": PERSPECTIVE_COLOURS.get(p, OKABE_ITO["black"])},
            text=[t("depth.chart.compare.n", lang, n_deep=int(row["n_deep"]), n_once=int(row["n_once"]))],
            textposition="top center", showlegend=False, name=label("perspective", p, lang),
            hovertemplate=(f"{t('depth.chart.compare.diff', lang)}: {fmt_number(row['diff'], lang)} "
                           f"[{fmt_number(row['lo'], lang)}; {fmt_number(row['hi'], lang)}]<extra></extra>"),
        ))
    for _, row in data[~ok].iterrows():
        fig.add_annotation(
            x=0, y=label("perspective", row["perspective"], lang), showarrow=False, xanchor="left",
            text=t("depth.chart.compare.too_few", lang) + " (" + t(
                "depth.chart.compare.n", lang, n_deep=int(row["n_deep"]), n_once=int(row["n_once"])) + ")",
            font={"color": "#555555", "size": 13},
        )
    fig.add_vline(x=0, line={"color": "#222222", "width": 1.5, "dash": "dot"})
    lims = pd.concat([shown["lo"], shown["hi"]]).dropna()
    span = max(10.0, float(lims.abs().max()) * 1.15) if len(lims) else 10.0
    fig.update_xaxes(title_text=t("depth.chart.compare.x", lang), range=[-span, span], zeroline=False)
    fig.update_yaxes(categoryorder="array", categoryarray=names, type="category", range=[-0.6, len(names) - 0.25])
    fig = apply_style(fig, title, lang=lang, height=120 + 70 * len(data))
    fig.update_layout(showlegend=False)
    return fig
