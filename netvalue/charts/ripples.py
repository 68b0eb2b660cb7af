"""Charts of the ripples page (Ringe i vandet). Every builder takes an aggregated frame from
netvalue.spread, so a figure's size depends on periods, rings, units or networks, never on measurement rows."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from netvalue import formats
from netvalue.charts.style import (
    OKABE_ITO,
    RING_COLOURS,
    TYPE_COLOURS,
    apply_style,
    empty_figure,
    month_axis,
    period_label,
)
from netvalue.i18n import label, t
from netvalue.safetext import plot, plot_clip, plot_frame
from netvalue.spread import RINGS

BACKGROUND_RING = "#EDEDED"
# Sequential, single-hue (colour-blind safe); zero is a neutral grey so "never reached" stands apart.
ACTIVITY_SCALE = [[0.0, "#F0F0F0"], [1e-6, "#DEEBF7"], [0.35, "#6BAED6"], [0.7, "#2171B5"], [1.0, "#08306B"]]
VALUE_SCALE = "Cividis"


def ripple_chart(ring_df: pd.DataFrame, lang: str = "da", grain: str = "month", name: str = "",
                 per_network: bool = False) -> go.Figure:
    """Concentric rings around the home unit, one frame per period, with a play button and a slider.

    ring_df: spread.ring_spread (period, ring, units, people, places, share, reached). Left: each ring is
    an annulus whose coloured arc is the share of its places taking part; right: units taking part per ring.
    The figure opens on the last period; ▶ plays from the first. per_network: units count once per network
    (the all-networks view).
    """
    title = t("ripples.chart.ripple.title", lang, name=plot(name))
    if ring_df.empty:
        return empty_figure(title, lang)
    wide = {c: ring_df.pivot_table(index="period", columns="ring", values=c, aggfunc="sum")
            .reindex(columns=list(RINGS), fill_value=0).fillna(0).sort_index()
            for c in ("units", "people", "places", "share", "reached")}
    pers = list(wide["units"].index)
    arr = {c: w.to_numpy() for c, w in wide.items()}
    ring_names = [t(f"ripples.ring.{r}", lang) for r in RINGS]
    pp = t("ripples.chart.ripple.people", lang)
    xmax = max(1, int(arr["units"].max()))

    def traces(i: int, full: bool) -> list[dict]:
        """The moving traces for period i: plain dicts, and in the frames only what changes (plotly merges a
        frame into the traces it names), so a frame per period stays cheap to build and to send."""
        out: list[dict] = []
        for r in RINGS:
            share = float(arr["share"][i, r])
            hover = t("ripples.chart.ripple.hover", lang, units=int(arr["units"][i, r]),
                      places=int(arr["places"][i, r]), share=formats.percent(share, lang),
                      people=formats.number(arr["people"][i, r], lang), reached=int(arr["reached"][i, r]))
            tr = {"type": "barpolar", "theta": [180.0 * share], "width": [360.0 * share],
                  "hovertemplate": f"<b>{ring_names[r]}</b><br>{hover}<extra></extra>"}
            if full:
                tr.update({"r": [1], "base": [r], "name": ring_names[r], "showlegend": False, "subplot": "polar",
                           "marker": {"color": RING_COLOURS[r], "line": {"color": "white", "width": 1}}})
            out.append(tr)
        units = [int(u) for u in arr["units"][i]]
        people = [int(p) for p in arr["people"][i]]
        bar = {"type": "bar", "x": units, "text": [f"{u} · {p} {pp}" for u, p in zip(units, people, strict=True)]}
        if full:
            bar.update({"y": ring_names, "orientation": "h", "marker": {"color": RING_COLOURS}, "showlegend": False,
                        "textposition": "outside", "cliponaxis": False,
                        "hovertemplate": "%{y}: %{x}<extra></extra>", "xaxis": "x", "yaxis": "y"})
        out.append(bar)
        return out

    fig = make_subplots(rows=1, cols=2, specs=[[{"type": "polar"}, {"type": "xy"}]], column_widths=[0.5, 0.5],
                        horizontal_spacing=0.26)
    fig.add_trace(go.Barpolar(
        r=[1] * len(RINGS), base=list(RINGS), theta=[180] * len(RINGS), width=[360] * len(RINGS),
        marker={"color": BACKGROUND_RING, "line": {"color": "white", "width": 2}}, showlegend=False,
        hoverinfo="skip", subplot="polar",
    ))
    labels = [period_label(p, grain, lang) for p in pers]
    fig.add_traces(traces(len(pers) - 1, full=True))
    moving = list(range(1, len(RINGS) + 2))
    fig.frames = [{"name": lab, "data": traces(i, full=False), "traces": moving} for i, lab in enumerate(labels)]
    duration = 250 if grain == "month" else 600
    anim = {"mode": "immediate", "frame": {"duration": duration, "redraw": True}, "transition": {"duration": 0},
            "fromcurrent": False}
    fig.update_layout(
        polar={"hole": 0, "bgcolor": "white", "radialaxis": {"visible": False, "range": [0, len(RINGS)]},
               "angularaxis": {"visible": False, "rotation": 90, "direction": "clockwise"}},
        updatemenus=[{
            "type": "buttons", "direction": "left", "showactive": False, "x": 0, "y": -0.16, "xanchor": "left",
            "yanchor": "top", "pad": {"t": 0, "r": 10},
            "buttons": [
                {"label": t("ripples.play", lang), "method": "animate", "args": [None, anim]},
                {"label": t("ripples.pause", lang), "method": "animate",
                 "args": [[None], {"mode": "immediate", "frame": {"duration": 0, "redraw": False},
                                   "transition": {"duration": 0}}]},
            ],
        }],
        sliders=[{
            "active": len(pers) - 1, "x": 0.2, "len": 0.8, "y": -0.12, "yanchor": "top", "pad": {"t": 10},
            "currentvalue": {"prefix": t(f"ripples.grain.{grain}", lang) + ": ",
                             "font": {"size": 16, "color": "#222222"}},
            "font": {"color": "#555555", "size": 12}, "ticklen": 4, "minorticklen": 0,
            "steps": [{"label": lab, "method": "animate",
                       "args": [[lab], {"mode": "immediate", "frame": {"duration": 0, "redraw": True},
                                        "transition": {"duration": 0}}]} for lab in labels],
        }],
    )
    fig.update_xaxes(range=[0, xmax * 1.45], title_text=t(
        "ripples.chart.ripple.bars_all" if per_network else "ripples.chart.ripple.bars", lang), showgrid=True)
    fig.update_yaxes(categoryorder="array", categoryarray=ring_names[::-1], showgrid=False)
    apply_style(fig, title, lang=lang, height=580)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 60, "b": 150}, showlegend=False)
    return fig


def spread_chart(spread_df: pd.DataFrame, lang: str = "da", grain: str = "month") -> go.Figure:
    """Three stacked panels sharing the time axis: active networks, units reached and people taking part,
    a line per network type and a black dotted line for all, with a marker per period (so one period still
    shows). spread_df: spread.spread_over_time."""
    title = t("ripples.chart.spread.title", lang)
    if spread_df.empty:
        return empty_figure(title, lang)
    panels = [("networks", "ripples.chart.spread.networks"), ("units", "ripples.chart.spread.units"),
              ("people", "ripples.chart.spread.people")]
    fig = make_subplots(rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.07,
                        subplot_titles=[t(k, lang) for _, k in panels])
    types = [x for x in TYPE_COLOURS if x in set(spread_df["type"])] + ["all"]
    # With few periods the markers carry the chart (one month has no line at all): draw them big enough to see.
    few = spread_df["period"].nunique() <= 3
    for i, (col, _) in enumerate(panels, start=1):
        for typ in types:
            part = spread_df[spread_df["type"] == typ]
            is_all = typ == "all"
            name = t("ripples.chart.spread.all", lang) if is_all else label("type", typ, lang)
            fig.add_trace(go.Scatter(
                x=part["period"], y=part[col], mode="lines+markers", name=name, legendgroup=typ, showlegend=i == 1,
                marker={"size": (10 if is_all else 8) if few else (4 if is_all else 3)},
                line={"color": OKABE_ITO["black"] if is_all else TYPE_COLOURS[typ], "width": 3 if is_all else 2,
                      "dash": "dot" if is_all else "solid", "shape": "hv"},
                hovertemplate=f"{name}: %{{y}}<extra></extra>",
            ), row=i, col=1)
        fig.update_yaxes(rangemode="tozero", row=i, col=1)
    month_axis(fig, spread_df["period"], lang, grain)
    fig.update_layout(hovermode="x unified")
    apply_style(fig, title, lang=lang, height=660)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 80, "b": 60}, legend={"y": -0.06, "yanchor": "top"})
    return fig


def events_chart(events: pd.DataFrame, lang: str = "da", grain: str = "quarter") -> go.Figure:
    """Bars per period: networks started as new and by budding (above zero) and ended (below zero); a line
    of the cumulative number started on the right axis. events: spread.network_events."""
    title = t("ripples.chart.events.title", lang)
    if events.empty:
        return empty_figure(title, lang)
    x = [period_label(p, grain, lang) for p in events["period"]]
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    bars = [("ripples.chart.events.new", events["started"] - events["budded"], OKABE_ITO["blue"]),
            ("ripples.chart.events.budded", events["budded"], OKABE_ITO["orange"]),
            ("ripples.chart.events.ended", -events["ended"], OKABE_ITO["grey"])]
    for key, y, colour in bars:
        name = t(key, lang)
        fig.add_trace(go.Bar(x=x, y=y, name=name, marker_color=colour,
                             customdata=np.abs(np.asarray(y)),
                             hovertemplate=f"{name}: %{{customdata}}<extra></extra>"), secondary_y=False)
    name = t("ripples.chart.events.cumulative", lang)
    fig.add_trace(go.Scatter(x=x, y=events["cumulative"], mode="lines", name=name,
                             line={"color": OKABE_ITO["black"], "width": 2, "dash": "dot"},
                             hovertemplate=f"{name}: %{{y}}<extra></extra>"), secondary_y=True)
    fig.update_layout(barmode="relative", hovermode="x unified")
    fig.update_yaxes(title_text=t("ripples.chart.events.axis", lang), secondary_y=False, dtick=1)
    fig.update_yaxes(title_text=t("ripples.chart.events.axis_cum", lang), secondary_y=True, rangemode="tozero",
                     showgrid=False, tickmode="auto", nticks=6)
    fig.update_xaxes(type="category", tickangle=-45, nticks=14)
    return apply_style(fig, title, lang=lang, height=420)


def _unique(labels: list[str], ids: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    for lab in labels:
        seen[lab] = seen.get(lab, 0) + 1
    return [f"{lab} ({i})" if seen[lab] > 1 else lab for lab, i in zip(labels, ids, strict=True)]


def activity_heatmap(activity: pd.DataFrame, lang: str = "da") -> go.Figure:
    """Units (rows, in org-tree order) × months (columns), coloured by the number of active networks; areas
    and centres in bold. activity: spread.unit_activity."""
    title = t("ripples.chart.heatmap.title", lang)
    if activity.empty:
        return empty_figure(title, lang)
    activity = plot_frame(activity, ["unit_id", "label"])
    units = list(dict.fromkeys(activity["unit_id"]))
    info = activity.drop_duplicates("unit_id").set_index("unit_id")
    z = activity.pivot(index="unit_id", columns="period", values="networks").reindex(units)
    labels = [f"<b>{info.at[u, 'label']}</b>" if info.at[u, "level"] in ("area", "centre") else info.at[u, "label"]
              for u in units]
    labels = _unique(labels, units)
    periods = list(z.columns)
    # One template for every cell, not a text per cell: per-cell text made this figure grow with units × months
    # (1.8 MB of 2.3 MB at 500 units).
    hover = t("ripples.chart.heatmap.hover", lang, unit="%{y}", period="%{x|%Y-%m}", n="%{z:.0f}")
    fig = go.Figure(go.Heatmap(
        z=z.to_numpy(), x=periods, y=labels, zmin=0, zmax=max(1, int(z.to_numpy().max())),
        colorscale=ACTIVITY_SCALE, colorbar={"title": {"text": t("ripples.chart.heatmap.colour", lang)}},
        hovertemplate=hover + "<extra></extra>", xgap=0, ygap=1,
    ))
    fig.update_yaxes(autorange="reversed", showgrid=False, tickfont={"size": 13})
    fig.update_xaxes(showgrid=False)
    month_axis(fig, periods, lang)
    return apply_style(fig, title, lang=lang, height=min(3000, max(320, 20 * len(units) + 140)))


def org_treemap(tree_act: pd.DataFrame, lang: str = "da", colour_by: str = "networks") -> go.Figure:
    """The org tree as a treemap, each box coloured by the networks taking part in its part of the
    organisation (colour_by='networks') or their mean overall value ('value'; grey where none is measured).
    tree_act: spread.tree_activity."""
    title = t("ripples.chart.tree.title", lang)
    if tree_act.empty:
        return empty_figure(title, lang)
    d = plot_frame(tree_act.reset_index(drop=True))
    n_text = [t("ripples.chart.tree.networks", lang, n=int(n)) for n in d["networks"]]
    val = d["value"].astype("float64")
    v_text = [t("ripples.chart.tree.no_value", lang) if math.isnan(v) else t("ripples.chart.tree.value", lang,
                                                                                v=formats.number(v, lang)) for v in val]
    if colour_by == "value":
        colours = val.fillna(-1).to_numpy()
        # below 0 means "no value measured": a grey step under the value scale (0..100)
        scale = [[0.0, "#BDBDBD"], [0.0099, "#BDBDBD"]] + [
            [0.01 + 0.99 * f, c] for f, c in ((0.0, "#00204D"), (0.25, "#31446B"), (0.5, "#666970"),
                                               (0.75, "#958F78"), (1.0, "#FFE945"))]
        marker = {"colors": colours, "colorscale": scale, "cmin": -1, "cmax": 100,
                  "colorbar": {"title": {"text": t("perspective.overall", lang)}, "tickvals": [0, 25, 50, 75, 100]}}
    else:
        colours = d["networks"].to_numpy()
        # the scale runs to the busiest working unit; the centres and areas above it saturate at the dark end
        units = d.loc[d["level"] == "unit", "networks"]
        top = int(units.max()) if len(units) else int(colours.max())
        marker = {"colors": colours, "colorscale": ACTIVITY_SCALE, "cmin": 0, "cmax": max(1, top),
                  "colorbar": {"title": {"text": t("ripples.chart.heatmap.colour", lang)}}}
    fig = go.Figure(go.Treemap(
        ids=d["unit_id"], labels=d["name"], parents=d["parent_id"].fillna(""),
        customdata=np.column_stack([n_text, v_text]), marker=marker,
        texttemplate="%{label}<br>%{customdata[0]}", hovertemplate="<b>%{label}</b><br>%{customdata[0]}<br>"
        "%{customdata[1]}<extra></extra>", maxdepth=4, root={"color": "white"}, tiling={"pad": 2},
    ))
    apply_style(fig, title, lang=lang, height=620)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 60, "b": 10})
    return fig


def budding_chart(lin: pd.DataFrame, lang: str = "da", until: pd.Timestamp | None = None) -> go.Figure:
    """The families that budded: one row per network (parent above its buds), a line over its lifetime
    coloured by type, a dotted connector from the parent to each bud and the overall value at the end.
    lin: spread.lineage. until: where a running network's line stops (default: the latest date shown)."""
    title = t("ripples.chart.budding.title", lang)
    if lin.empty:
        return empty_figure(title, lang)
    d = lin.reset_index(drop=True)
    last = pd.Timestamp(until) if until is not None else max(d["started_on"].max(), d["ended_on"].max())
    stop = d["ended_on"].fillna(last).where(lambda s: s >= d["started_on"], d["started_on"])
    rows = dict(zip(d["network_id"], d["row"], strict=True))
    fig = go.Figure()
    # connectors first, so the lifetimes are drawn over them
    cx: list[object] = []
    cy: list[object] = []
    for _, r in d[d["parent_network_id"].isin(set(rows))].iterrows():
        cx += [r["started_on"], r["started_on"], None]
        cy += [rows[r["parent_network_id"]], r["row"], None]
    fig.add_trace(go.Scatter(x=cx, y=cy, mode="lines", name=t("ripples.chart.budding.bud", lang),
                             line={"color": OKABE_ITO["grey"], "width": 2, "dash": "dot"}, hoverinfo="skip"))
    for typ, colour in TYPE_COLOURS.items():
        part = d[d["type"] == typ]
        if part.empty:
            continue
        xs: list[object] = []
        ys: list[object] = []
        texts: list[str] = []
        for i, r in part.iterrows():
            v = r["overall"]
            text = t("ripples.chart.budding.hover", lang, name=plot(f"{r['network_id']} {r['name']}"),
                     generation=r["generation"], origin=t(f"ripples.origin.{r['origin']}", lang),
                     start=formats.month_short(r["started_on"], lang),
                     end=t("ripples.chart.budding.running", lang) if pd.isna(r["ended_on"])
                     else formats.month_short(r["ended_on"], lang),
                     value=(f"{t('perspective.overall', lang)}: {formats.number(v, lang)}" if pd.notna(v)
                            else t("ripples.chart.tree.no_value", lang)))
            xs += [r["started_on"], stop[i], None]
            ys += [r["row"], r["row"], None]
            texts += [text, text, ""]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines+markers", name=label("type", typ, lang),
                                 line={"color": colour, "width": 9}, marker={"size": 11, "color": colour},
                                 text=texts, hovertemplate="%{text}<extra></extra>"))
    scored = d[d["overall"].notna()]
    fig.add_trace(go.Scatter(
        x=stop[scored.index], y=scored["row"], mode="text",
        text=[f"   {formats.number(v, lang)}" for v in scored["overall"]],
        textposition="middle right", showlegend=False, hoverinfo="skip", textfont={"size": 14},
    ))
    names = [f"{'↳ ' if g else ''}{plot(i)} {plot_clip(n, 39)}"
             for i, n, g in zip(d["network_id"], d["name"], d["generation"].fillna(0), strict=True)]
    fig.update_yaxes(tickvals=d["row"], ticktext=names, autorange="reversed", showgrid=False)
    lo_x = d["started_on"].min()
    month_axis(fig, pd.date_range(lo_x.to_period("M").start_time, last, freq="MS"), lang)
    fig.update_xaxes(range=[lo_x - pd.Timedelta(days=60), last + (last - lo_x) * 0.07])
    return apply_style(fig, title, lang=lang, height=max(300, 30 * len(d) + 140))
