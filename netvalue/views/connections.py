"""The connections page (Vi skaber forbindelser) as one pure view: source + filters -> every figure, frame and
sentence the page draws. The sidebar filters apply: network types and part of the organisation pick the
networks (views.selection), the part of the organisation also keeps the connections touching it, and the
period gives the window of the graph, matrix and analytics and the calendar years of the yearly path."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from netvalue import connections as conn
from netvalue import filters as flt
from netvalue.charts import connections as charts
from netvalue.explain import escape_markdown
from netvalue.i18n import t
from netvalue.keyfigures import format_number
from netvalue.views import Source
from netvalue.views.selection import select
from netvalue.windows import Comparison, Window, comparison

TOP_BRIDGES = 15
METRICS: tuple[tuple[str, str], ...] = (("connections", "connections"), ("cross_area", "cross_area"),
                                        ("external", "external"), ("units", "connected_units"))


@dataclass(frozen=True)
class ConnectionsView:
    """Everything the connections page shows. empty_reason: None, or no_data / no_types / no_match (from the
    selection: the page says why with the other pages' words) / no_pairs (networks, but no two nodes in one
    at the same time in the window: empty_text says so)."""

    lang: str
    empty_reason: str | None
    window_text: str = ""
    networks: int = 0
    counts: dict[str, float] = field(default_factory=dict)
    years: pd.DataFrame = field(default_factory=conn.empty_years)
    nodes: pd.DataFrame = field(default_factory=pd.DataFrame)
    edges: pd.DataFrame = field(default_factory=pd.DataFrame)
    matrix: pd.DataFrame = field(default_factory=pd.DataFrame)
    area_labels: dict[str, str] = field(default_factory=dict)
    level: str = "unit"
    analytics: conn.Analytics | None = None
    bridges_table: pd.DataFrame = field(default_factory=pd.DataFrame)
    communities_table: pd.DataFrame = field(default_factory=pd.DataFrame)
    facts: tuple[str, ...] = ()
    figures: dict[str, go.Figure] = field(default_factory=dict)
    alt: dict[str, str] = field(default_factory=dict)
    bridges_note: str = ""
    method: str = ""
    metrics: tuple[tuple[str, str, str | None], ...] = ()  # (label, value, change against the earlier window)
    comparison_text: str = ""  # which windows the changes compare, or why there are none
    window_label: str = ""  # the window as the page names it (windows.Window.label), for the downloads' header

    @property
    def empty(self) -> bool:
        return self.empty_reason is not None

    @property
    def metric_values(self) -> dict[str, str]:
        """label -> value of the key figures, as the page shows them."""
        return {label: value for label, value, _ in self.metrics}

    @property
    def empty_text(self) -> str:
        return t("connections.empty.no_pairs", self.lang) if self.empty_reason == "no_pairs" else ""


def pct(x: float, lang: str) -> str:
    """'42 %' / '42%'; '–' when missing."""
    if x is None or pd.isna(x):
        return "–"
    return format_number(100 * float(x), lang) + (" %" if lang == "da" else "%")


def _share_fact(years: pd.DataFrame, lang: str) -> str | None:
    y = years[years["cross_share"].notna()]
    if y.empty:
        return None
    last = y.iloc[-1]
    values = {"year": int(last["year"]), "share": pct(last["cross_share"], lang)}
    if len(y) == 1:
        return t("connections.facts.share_one", lang, **values)
    prev = y.iloc[-2]
    now, before = round(100 * last["cross_share"]), round(100 * prev["cross_share"])
    key = "share_up" if now > before else "share_down" if now < before else "share_same"
    return t(f"connections.facts.{key}", lang, prev=pct(prev["cross_share"], lang), prev_year=int(prev["year"]),
             **values)


def _area_labels(place: pd.DataFrame, area_ids: list[str], lang: str) -> dict[str, str]:
    names = dict(zip(place["unit_id"], place["name"], strict=True))
    return {a: t("connections.external", lang) if a == conn.EXTERNAL else names.get(a, a) for a in area_ids}


def connection_counts(src: Source, f: flt.Filters, win: Window | None = None) -> dict[str, float]:
    """connections.window_counts of the filters' selection over their window (or over win, e.g. the earlier
    window of a comparison): the one function for these figures on every page and in the report."""
    sel = select(src, f, win)
    part = src.table("participation")
    part = part[part["network_id"].isin(sel.networks["network_id"])]
    start, end = (sel.window.start, sel.window.last_day) if sel.window is not None else (None, None)
    edges = conn.window_edges(conn.spell_pairs(part), conn.places(src.table("org_units")), start, end, sel.scope)
    return conn.window_counts(edges)


def _metrics(counts: dict[str, float], earlier: dict[str, float] | None, lang: str
             ) -> tuple[tuple[str, str, str | None], ...]:
    out = []
    for key, col in METRICS:
        change = None if earlier is None else counts[col] - earlier[col]
        delta = None if change is None else (t("compare.unchanged", lang) if change == 0 else
                                             format_number(change, lang, 0, signed=True))
        out.append((t(f"connections.metric.{key}", lang), format_number(counts[col], lang), delta))
    return tuple(out)


def _comparison_text(comp: Comparison, data_start: date | None, lang: str) -> str:
    """Which windows the changes compare (the overview's words), or why there are none."""
    if comp.available:
        key = "compare.caption_one" if comp.shown.months == 1 else "compare.caption"
        return t(key, lang, shown=comp.shown.label(lang), earlier=comp.earlier.label(lang), months=comp.shown.months)
    return t("compare.none", lang, **comp.reason_values(data_start, lang))


def connections_view(src: Source, f: flt.Filters, level: str | None = None) -> ConnectionsView:
    """The connections page for the filters. level: draw the graph at unit, centre or area level (None: the
    finest level with at most connections.MAX_GRAPH_NODES nodes)."""
    lang = f.lang
    sel = select(src, f)
    if sel.empty or sel.window is None:
        return ConnectionsView(lang, sel.empty_reason or "no_data")
    win = sel.window
    start, end = win.start, win.last_day
    org = src.table("org_units")
    place = conn.places(org)
    part = src.table("participation")
    part = part[part["network_id"].isin(sel.networks["network_id"])]
    scope = sel.scope
    sp = conn.spell_pairs(part)
    pair_networks = conn.window_pair_networks(sp, start, end, scope)
    edges = conn.window_edges(sp, place, start, end, scope)
    links = conn.window_links(part, start, end)
    nodes = conn.window_nodes(links, place, edges, scope)
    years = conn.yearly_from_pairs(sp, place, scope, (win.start.year, win.end.year))
    counts = conn.window_counts(edges)
    window_text = t("connections.window", lang, window=win.label(lang), networks=len(sel.networks))
    method = t("connections.method.body", lang, max_nodes=conn.MAX_GRAPH_NODES)
    comp = comparison(win, sel.data_start)
    compare_text = _comparison_text(comp, sel.data_start, lang)
    earlier = connection_counts(src, f, comp.earlier) if comp.available else None
    metrics = _metrics(counts, earlier, lang)
    if edges.empty:
        return ConnectionsView(lang, "no_pairs", window_text, len(sel.networks), counts, years, nodes, edges,
                               figures={"path": charts.path_chart(years, lang)}, alt={"path": _path_alt(years, lang)},
                               method=method, metrics=metrics, comparison_text=compare_text,
                               window_label=win.label(lang))

    matrix = conn.area_matrix(edges, place)
    areas = list(matrix.index)
    labels = _area_labels(place, areas, lang)
    level = level if level in conn.GRAPH_LEVELS else conn.graph_level(nodes)
    g_nodes, g_edges = conn.graph(nodes, links, pair_networks, place, level)
    g_nodes = conn.layout(g_nodes, g_edges)
    an = conn.analytics(nodes, edges, place=place)

    figures = {
        "graph": charts.graph_chart(g_nodes, g_edges, areas, lang, level),
        "matrix": charts.matrix_chart(matrix, labels, lang),
        "path": charts.path_chart(years, lang),
    }
    alt = {"graph": _graph_alt(g_nodes, g_edges, counts, level, lang),
           "matrix": _matrix_alt(matrix, labels, lang), "path": _path_alt(years, lang)}
    facts = _facts(counts, years, an, labels, lang)
    bridges = an.bridges.head(TOP_BRIDGES)
    bridges_table = pd.DataFrame({
        t("connections.bridges.name", lang): bridges["name"],
        t("connections.bridges.area", lang): bridges["area_id"].map(labels).fillna(bridges["area_name"]),
        t("connections.bridges.connections", lang): bridges["connections"],
        t("connections.bridges.areas_reached", lang): bridges["areas_reached"],
        t("connections.bridges.betweenness", lang): bridges["betweenness"].round(3),
        t("connections.bridges.articulation", lang): [t("connections.yes" if a else "connections.no", lang)
                                                      for a in bridges["articulation"]],
    })
    comm = an.contingency.copy()
    comm.columns = [labels.get(a, a) for a in comm.columns]
    comm.index = pd.Index([t("connections.communities.community", lang, n=int(i)) for i in comm.index],
                          name=t("connections.communities.label", lang))
    note = "" if an.exact else t("connections.bridges.estimated", lang, k=conn.BETWEENNESS_SAMPLE)
    return ConnectionsView(
        lang, None, window_text, len(sel.networks), counts, years, nodes, edges, matrix, labels, level, an,
        bridges_table, comm, tuple(facts), figures, alt, note, method, metrics, compare_text, win.label(lang),
    )


def _facts(counts: dict[str, float], years: pd.DataFrame, an: conn.Analytics, labels: dict[str, str],
           lang: str) -> list[str]:
    n = lambda x: format_number(x, lang)  # noqa: E731
    out = [t("connections.facts.window", lang, units=n(counts["connected_units"]), connections=n(counts["connections"]),
             cross=n(counts["cross_area"]), external=n(counts["external"]))]
    share = _share_fact(years, lang)
    if share:
        out.append(share)
    with_pairs = years[years["connections"] > 0]
    if len(with_pairs):
        last = with_pairs.iloc[-1]
        out.append(t("connections.facts.new", lang, new=n(last["new"]), year=int(last["year"])))
    b = an.bridges
    if len(b) and b["betweenness"].iloc[0] > 0:
        top = b.iloc[0]
        out.append(t("connections.facts.bridge", lang, name=escape_markdown(top["name"]),
                     area=escape_markdown(labels.get(top["area_id"], top["area_name"])),
                     areas=_areas_text(int(top["areas_reached"]), lang)))
    cut = int(b["articulation"].sum()) if len(b) else 0
    out.append(t("connections.facts.cut_none", lang) if cut == 0 else t("connections.facts.cut_one", lang)
               if cut == 1 else t("connections.facts.cut_some", lang, n=format_number(cut, lang)))
    if len(an.contingency):
        ari = "–" if pd.isna(an.ari) else format_number(an.ari, lang, 2).replace("-", "−")
        out.append(t("connections.facts.communities", lang, k=len(an.contingency), ari=ari))
    return out


def _areas_text(n: int, lang: str) -> str:
    return t(f"connections.facts.areas.{n}" if n in (0, 1) else "connections.facts.areas.n", lang, n=n)


def _graph_alt(nodes: pd.DataFrame, edges: pd.DataFrame, counts: dict[str, float], level: str, lang: str) -> str:
    return t("connections.alt.graph", lang, nodes=format_number(len(nodes), lang),
             what=t(f"connections.alt.what.{level}", lang), edges=format_number(len(edges), lang),
             cross=format_number(counts["cross_area"], lang))


def _matrix_alt(matrix: pd.DataFrame, labels: dict[str, str], lang: str) -> str:
    inside = [a for a in matrix.index if a != conn.EXTERNAL]
    m = matrix.loc[inside, inside]
    within = int(pd.Series(m.to_numpy().diagonal()).sum()) if len(m) else 0
    best, pair = 0, None
    for i, a in enumerate(inside):
        for b in inside[i + 1:]:
            if m.at[a, b] > best:
                best, pair = int(m.at[a, b]), (a, b)
    if pair is None:
        return t("connections.alt.matrix_none", lang, within=format_number(within, lang))
    return t("connections.alt.matrix", lang, a=labels[pair[0]], b=labels[pair[1]], n=format_number(best, lang),
             within=format_number(within, lang))


def _path_alt(years: pd.DataFrame, lang: str) -> str:
    first, last = years.iloc[0], years.iloc[-1]
    values = {"first": int(first["year"]), "c0": format_number(first["connections"], lang),
              "s0": pct(first["cross_share"], lang)}
    if len(years) == 1:
        return t("connections.alt.path_one", lang, **values)
    return t("connections.alt.path", lang, last=int(last["year"]), c1=format_number(last["connections"], lang),
             s1=pct(last["cross_share"], lang), **values)
