"""Charts of the connections page: the connection graph, the area × area matrix and the yearly path.
Pure: frames in (from netvalue.connections), a plotly Figure out. User text (unit and area names) is escaped."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from netvalue.charts.style import OKABE_ITO, apply_style, empty_figure
from netvalue.i18n import t

# Director areas take the Okabe-Ito colours in turn; grey is kept for external actors.
AREA_PALETTE: tuple[str, ...] = tuple(OKABE_ITO[c] for c in ("blue", "orange", "green", "vermillion", "purple",
                                                              "sky", "yellow", "black"))
EXTERNAL_COLOUR = OKABE_ITO["grey"]
EDGE_CLASSES: tuple[tuple[int, int | None, float], ...] = ((1, 1, 0.6), (2, 3, 1.6), (4, None, 3.2))


def plot_text(text: object) -> str:
    """User text made safe for Plotly's HTML-like labels (titles, ticks, hover, legend)."""
    return html.escape(str(text), quote=False)


def area_colours(area_ids: list[str]) -> dict[str, str]:
    """A colour per area id in the given order; 'external' is grey."""
    out, i = {}, 0
    for a in area_ids:
        if a == "external":
            out[a] = EXTERNAL_COLOUR
        else:
            out[a] = AREA_PALETTE[i % len(AREA_PALETTE)]
            i += 1
    return out


def _edge_class_label(lo: int, hi: int | None) -> str:
    if hi is None:
        return f"{lo}+"
    return str(lo) if lo == hi else f"{lo}–{hi}"


def graph_chart(nodes: pd.DataFrame, edges: pd.DataFrame, areas: list[str], lang: str, level: str = "unit",
                height: int = 620) -> go.Figure:
    """The connection graph: nodes (connections.layout output: node_id, label, area_id, area_name, external,
    members, networks, x, y) coloured by area in the order of `areas`, sized by networks; edges (a, b,
    networks) drawn in three widths by the number of shared networks."""
    title = t("connections.chart.graph.title", lang, level=t(f"connections.chart.graph.level.{level}", lang))
    if nodes.empty:
        return empty_figure(title, lang)
    fig = go.Figure()
    pos = nodes.set_index("node_id")[["x", "y"]]
    for lo, hi, width in EDGE_CLASSES:
        e = edges[(edges["networks"] >= lo) & ((edges["networks"] <= hi) if hi is not None else True)]
        if e.empty:
            continue
        xa, ya = pos.loc[e["a"], "x"].to_numpy(), pos.loc[e["a"], "y"].to_numpy()
        xb, yb = pos.loc[e["b"], "x"].to_numpy(), pos.loc[e["b"], "y"].to_numpy()
        gap = np.full(len(e), np.nan)
        fig.add_trace(go.Scatter(
            x=np.column_stack([xa, xb, gap]).ravel(), y=np.column_stack([ya, yb, gap]).ravel(), mode="lines",
            line={"width": width, "color": "rgba(80,80,80,0.35)"}, hoverinfo="skip",
            name=t("connections.chart.graph.edges", lang, label=_edge_class_label(lo, hi)),
        ))
    colours = area_colours(areas)
    biggest = max(int(nodes["networks"].max()), 1)
    for a in areas:
        n = nodes[nodes["area_id"] == a]
        if n.empty:
            continue
        ext = a == "external"
        name = t("connections.external", lang) if ext else plot_text(n["area_name"].iloc[0])
        hover = [t("connections.chart.graph.hover", lang, name=plot_text(r.label),
                   area=t("connections.external", lang) if ext else plot_text(r.area_name),
                   networks=int(r.networks), members=int(r.members)) for r in n.itertuples()]
        fig.add_trace(go.Scatter(
            x=n["x"], y=n["y"], mode="markers", name=name, text=hover, hovertemplate="%{text}<extra></extra>",
            marker={"size": (8 + 26 * np.sqrt(n["networks"].to_numpy() / biggest)).round(1),
                    "color": colours[a], "symbol": "diamond" if ext else "circle",
                    "line": {"width": 1, "color": "white"}},
        ))
    apply_style(fig, title, height=height)
    fig.update_layout(legend={"orientation": "v", "yanchor": "top", "y": 1.0, "xanchor": "left", "x": 1.01})
    fig.update_xaxes(showticklabels=False, showgrid=False, title_text=t("connections.chart.graph.x", lang))
    fig.update_yaxes(showticklabels=False, showgrid=False, title_text=t("connections.chart.graph.y", lang))
    return fig


def matrix_chart(matrix: pd.DataFrame, labels: dict[str, str], lang: str) -> go.Figure:
    """Area × area heatmap: connections between two areas coloured, the diagonal (within one area) grey and
    apart. labels: area id -> display name (already translated; escaped here)."""
    title = t("connections.chart.matrix.title", lang)
    if matrix.empty:
        return empty_figure(title, lang)
    names = [plot_text(labels.get(a, a)) for a in matrix.index]
    m = matrix.to_numpy(dtype=float)
    eye = np.eye(len(m), dtype=bool)
    between = np.where(eye, np.nan, m)
    within = np.where(eye, m, np.nan)
    hover = [[t("connections.chart.matrix.hover", lang, a=names[i], b=names[j], n=int(m[i, j]))
              for j in range(len(m))] for i in range(len(m))]
    # each trace writes only its own cells: a number between two areas, "(n)" on the diagonal
    between_text = [["" if i == j else str(int(m[i, j])) for j in range(len(m))] for i in range(len(m))]
    within_text = [[f"({int(m[i, j])})" if i == j else "" for j in range(len(m))] for i in range(len(m))]
    fig = go.Figure()
    fig.add_trace(go.Heatmap(
        z=between, x=names, y=names, colorscale="Blues", zmin=0, name=t("connections.chart.matrix.between", lang),
        text=between_text, customdata=hover, hovertemplate="%{customdata}<extra></extra>", texttemplate="%{text}",
        xgap=2, ygap=2, colorbar={"title": {"text": t("connections.chart.matrix.between", lang)}},
    ))
    fig.add_trace(go.Heatmap(
        z=within, x=names, y=names, colorscale=[[0, "#E6E6E6"], [1, "#E6E6E6"]], showscale=False,
        name=t("connections.chart.matrix.within", lang), text=within_text, customdata=hover,
        hovertemplate="%{customdata}<extra></extra>", texttemplate="%{text}", xgap=2, ygap=2,
    ))
    apply_style(fig, title, height=max(320, 90 + 60 * len(m)))
    fig.update_xaxes(title_text=t("connections.chart.matrix.axis", lang), showgrid=False, side="bottom")
    fig.update_yaxes(title_text=t("connections.chart.matrix.axis", lang), showgrid=False, autorange="reversed")
    return fig


def path_chart(years: pd.DataFrame, lang: str) -> go.Figure:
    """The yearly path: connections (line) and new connections (bars) on top; the cross-area share and the
    external share (of all connections) below, in per cent."""
    title = t("connections.chart.path.title", lang)
    if years.empty:
        return empty_figure(title, lang)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08, row_heights=[0.55, 0.45])
    x = years["year"].astype(int).astype(str).tolist()
    fig.add_trace(go.Bar(x=x, y=years["new"].tolist(), name=t("connections.chart.path.new", lang),
                         marker_color=OKABE_ITO["sky"]), row=1, col=1)
    fig.add_trace(go.Scatter(x=x, y=years["connections"].tolist(), name=t("connections.chart.path.connections", lang),
                             mode="lines+markers", line={"color": OKABE_ITO["black"], "width": 2.5}), row=1, col=1)
    conns = years["connections"].where(years["connections"] > 0)
    fig.add_trace(go.Scatter(x=x, y=(100 * years["cross_share"]).round(1).tolist(),
                             name=t("connections.chart.path.cross_share", lang), mode="lines+markers",
                             line={"color": OKABE_ITO["blue"], "width": 2.5}), row=2, col=1)
    fig.add_trace(go.Scatter(x=x, y=(100 * years["external"] / conns).round(1).tolist(),
                             name=t("connections.chart.path.external_share", lang), mode="lines+markers",
                             line={"color": OKABE_ITO["vermillion"], "width": 2.5, "dash": "dash"}), row=2, col=1)
    apply_style(fig, title, height=560)
    fig.update_yaxes(title_text=t("connections.chart.path.count_axis", lang), rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title_text=t("connections.chart.path.share_axis", lang), range=[0, 100], row=2, col=1)
    fig.update_xaxes(title_text=t("connections.chart.path.year", lang), type="category", row=2, col=1)
    return fig
