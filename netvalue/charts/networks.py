"""Charts of a network's page: what made its score, its evidence, its scores over time and one indicator's
measurements. Pure builders: frames in, a plotly Figure out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from netvalue import formats
from netvalue.charts.overview import perspective_trend, room_for_legend
from netvalue.charts.style import EVIDENCE_COLOURS, PERSPECTIVE_COLOURS, apply_style, empty_figure
from netvalue.i18n import label, t
from netvalue.safetext import plot, plot_clip
from netvalue.schema import EVIDENCE_LEVELS, PERSPECTIVES
from netvalue.windows import month_label


def _short(text: str, n: int = 38) -> str:
    """A name for an axis: at most n characters, escaped for Plotly (clipped first, so no entity is cut)."""
    return plot_clip(text, n)


def indicator_bars(breakdown: pd.DataFrame, lang: str = "da") -> go.Figure:
    """One bar per value indicator (score 0..100), grouped and coloured by perspective, labelled with the
    score and the share of self-reported measurements. breakdown: explain.indicator_breakdown."""
    title = t("chart.indicators.title", lang)
    data = breakdown[breakdown["perspective"].isin(PERSPECTIVES)].dropna(subset=["score"])
    if data.empty:
        return empty_figure(title, lang)
    order = {p: i for i, p in enumerate(PERSPECTIVES)}
    data = data.assign(_o=data["perspective"].map(order)).sort_values(["_o", "score"], ascending=[False, True])
    fig = go.Figure()
    for p in PERSPECTIVES:
        part = data[data["perspective"] == p]
        if part.empty:
            continue
        text = [t("chart.indicators.bar_text", lang, score=formats.number(s, lang),
                  self=formats.number(100 * sr, lang))
                for s, sr in zip(part["score"], part["share_self_reported"], strict=True)]
        fig.add_trace(go.Bar(
            x=part["score"], y=[_short(n) for n in part["name"]], orientation="h",
            name=label("perspective", p, lang), marker_color=PERSPECTIVE_COLOURS[p],
            text=text, textposition="outside", cliponaxis=False,
            customdata=list(zip(part["name"].map(plot), part["value"], part["unit"].fillna("").map(plot), part["n"],
                                strict=True)),
            hovertemplate=("<b>%{customdata[0]}</b><br>" + t("chart.indicators.mean", lang)
                           + ": %{customdata[1]:.4g} %{customdata[2]}<br>" + t("chart.score_axis", lang)
                           + ": %{x:.0f}<br>n = %{customdata[3]}<extra></extra>"),
        ))
    fig.update_yaxes(categoryorder="array", categoryarray=[_short(n) for n in data["name"]])
    fig.update_xaxes(range=[0, 135], tickvals=[0, 20, 40, 60, 80, 100], title_text=t("chart.score_axis", lang))
    return room_for_legend(apply_style(fig, title, lang=lang, height=max(320, 34 * len(data) + 170)), top=110)


def evidence_bar(breakdown: pd.DataFrame, lang: str = "da") -> go.Figure:
    """One horizontal 100 % bar per perspective: the share of its value measurements at each evidence level."""
    title = t("chart.evidence.title", lang)
    data = breakdown[breakdown["perspective"].isin(PERSPECTIVES) & (breakdown["n"] > 0)]
    if data.empty:
        return empty_figure(title, lang)
    counts = data.assign(**{lvl: data[f"share_{lvl}"] * data["n"] for lvl in EVIDENCE_LEVELS})
    g = counts.groupby("perspective")[["n", *EVIDENCE_LEVELS]].sum()
    g = g.reindex([p for p in PERSPECTIVES if p in g.index])
    ylab = [label("perspective", p, lang) for p in g.index]
    pct = formats.plotly_locale(lang).percent_suffix
    fig = go.Figure()
    for lvl in EVIDENCE_LEVELS:
        share = 100 * g[lvl] / g["n"]
        fig.add_trace(go.Bar(
            x=share, y=ylab, orientation="h", name=label("evidence", lvl, lang),
            marker={"color": EVIDENCE_COLOURS[lvl], "line": {"color": "#666666", "width": 0.5}},
            hovertemplate="%{y}: %{x:.0f}" + pct + "<extra>" + label("evidence", lvl, lang) + "</extra>",
        ))
    fig.update_layout(barmode="stack")
    fig.update_xaxes(range=[0, 100], tickvals=[0, 25, 50, 75, 100], ticksuffix=pct,
                     title_text=t("chart.evidence.axis", lang))
    fig.update_yaxes(autorange="reversed")
    fig = room_for_legend(apply_style(fig, title, lang=lang, height=260 + 45 * len(g)), top=170)
    fig.update_layout(legend={"traceorder": "normal"}, margin={"r": 30})
    return fig


# Up to this many points a time axis names each period itself; more and plotly's own date ticks read well.
FEW_PERIODS = 12


def period_axis(fig: go.Figure, periods: pd.Series, lang: str = "da", grain: str = "month") -> go.Figure:
    """A time axis that reads as months (or quarters) whatever the number of points: with few periods each is a
    tick named as the reader writes it ("maj 2019", "1. kvt. 2019"), and a single period gets half a month of
    room either side instead of plotly's zoom to the millisecond."""
    ps = pd.Series(pd.to_datetime(periods.dropna().unique())).sort_values()
    if ps.empty or len(ps) > FEW_PERIODS:
        return fig
    text = [t(f"chart.period_tick.{grain}", lang, month=month_label(p.date(), lang), quarter=(p.month - 1) // 3 + 1,
              year=p.year) for p in ps]
    pad = pd.Timedelta(days=16 if grain == "month" else 46)
    fig.update_xaxes(type="date", tickmode="array", tickvals=list(ps), ticktext=text,
                     range=[ps.iloc[0] - pad, ps.iloc[-1] + pad])
    return fig


def network_timeline(timeline: pd.DataFrame, lang: str = "da", grain: str = "quarter") -> go.Figure:
    """The network's three legs and overall value month by month or quarter by quarter (explain.timeline)."""
    fig = perspective_trend(timeline, lang, title=t(f"chart.network_timeline.title_{grain}", lang))
    return period_axis(fig, timeline["period"], lang, grain) if len(fig.data) else fig


def indicator_history(measurements: pd.DataFrame, indicator: pd.Series, lang: str = "da") -> go.Figure:
    """One indicator's monthly measurements for a network (at most one per month), a marker per month coloured
    by evidence, with the catalogue's worst (score 0) and best (score 100) as dashed lines."""
    title = t("chart.indicator_history.title", lang, name=plot(indicator["name"]))
    data = measurements[measurements["indicator_id"] == indicator["indicator_id"]].sort_values("period")
    if data.empty:
        return empty_figure(title, lang)
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=data["period"], y=data["value"], mode="lines", showlegend=False,
                             line={"color": "#888888", "width": 1}, hoverinfo="skip"))
    for lvl in EVIDENCE_LEVELS:
        part = data[data["evidence"] == lvl]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=part["period"], y=part["value"], mode="markers", name=label("evidence", lvl, lang),
            marker={"color": EVIDENCE_COLOURS[lvl], "size": 10, "line": {"color": "#333333", "width": 1}},
            customdata=[formats.month(p, lang) for p in part["period"]],
            hovertemplate="%{customdata}: %{y:.4g}<extra>" + label("evidence", lvl, lang) + "</extra>",
        ))
    x = [data["period"].min(), data["period"].max()]
    for key, value, dash in (("worst", indicator["worst"], "dot"), ("best", indicator["best"], "dash")):
        fig.add_trace(go.Scatter(x=x, y=[value, value], mode="lines", hoverinfo="skip",
                                 name=t(f"chart.indicator_history.{key}", lang, value=formats.short(value, lang)),
                                 line={"dash": dash, "color": "#555555", "width": 1.5}))
    unit = indicator.get("unit")
    fig.update_yaxes(title_text=plot(unit) if isinstance(unit, str) and unit else t("chart.value_axis", lang))
    fig.update_xaxes(title_text=t("chart.period_axis", lang))
    return period_axis(room_for_legend(apply_style(fig, title, lang=lang, height=420), top=120), data["period"], lang)
