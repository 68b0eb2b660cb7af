"""The council report: an A4 PDF of the overview's figures for a window, with the strongest and weakest
networks and their evidence, ripples, connections, stories and the method, in Danish or English.

The figures come from the same functions the pages draw (never copies of them); this package only lays
them out (document.py renders HTML) and prints them with Debian's chromium (pdf.py). No Streamlit, no SQL.

    meta = report.meta_from_store(store)
    pdf = report.make_pdf(source, report.window_filters(meta, lang="da"), meta)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

import pandas as pd

from netvalue import filters as flt
from netvalue import formats
from netvalue import keyfigures as kf
from netvalue.charts import alt_text
from netvalue.i18n import label, t
from netvalue.report.document import Block, Document, Section, footer_html, render_html
from netvalue.report.pdf import ChromiumMissing, PrintFailed, chromium_path, html_to_pdf, printer
from netvalue.schema import NETWORK_TYPES
from netvalue.views import Source, StoreSource
from netvalue.views.overview import OverviewView, figure_label, figure_text, overview_view, trend_caption
from netvalue.views.ripples import ripples_view
from netvalue.windows import Window, month_label

__all__ = ["ChromiumMissing", "Document", "PrintFailed", "ReportMeta", "build", "chromium_path", "file_name",
           "make_pdf", "meta_from_store", "pdf_for_store", "printer", "render_html", "to_pdf", "window_filters"]

STORY_LIMIT = 900  # characters of a story's text in print


@dataclass(frozen=True)
class ReportMeta:
    """What traces a report back to its data: the store's data version, the months it holds data for, and
    when the data last changed (the latest upload; None when unknown)."""

    data_version: int
    data_from: date | None
    data_to: date | None
    changed: datetime | None = None


def meta_from_store(store) -> ReportMeta:
    """The store's data version, period and last upload time."""
    lo, hi = store.period_range()
    batches = store.batches()
    changed = None
    if len(batches):
        last = pd.to_datetime(batches["loaded_at"]).max()
        changed = None if pd.isna(last) else last.to_pydatetime()
    return ReportMeta(store.data_version(), _first_day(lo), _first_day(hi), changed)


def _first_day(d: date | None) -> date | None:
    return None if d is None else date(d.year, d.month, 1)


def window_filters(meta: ReportMeta, start: date | None = None, end: date | None = None, lang: str = "da",
                   base: flt.Filters | None = None) -> flt.Filters:
    """Filters for a report: base (default: every type, the whole municipality, equal weights) with the window
    start..end (first days of months), each defaulting to the store's first and last month."""
    f = base or flt.Filters()
    return replace(f, start=start or meta.data_from, end=end or meta.data_to, lang=lang)


def source_for(store) -> StoreSource:
    """The Source (table, stats, period_range) the view functions read, over a Store."""
    return StoreSource(store)


# -- Text helpers ---------------------------------------------------------------------------------------------------
_MATH = {r"\bar{x}_i": "x̄ᵢ", "I_p": "Iₚ", "w_p": "wₚ"}


def plain(text: str) -> str:
    """A page text made plain for print: Markdown bold and inline math marks dropped."""
    for k, v in _MATH.items():
        text = text.replace(k, v)
    text = re.sub(r"\$([^$]*)\$", r"\1", text)
    return text.replace("**", "").replace("`", "")


def weights_text(weights: dict[str, float], lang: str) -> str:
    return formats.weights(weights, lang)


def day_text(d: date | None, lang: str) -> str:
    """'1. december 2026' / '1 December 2026'."""
    if d is None:
        return "–"
    m = month_label(d, lang)
    return f"{d.day}. {m}" if lang == "da" else f"{d.day} {m}"


def _month(d: date | None, lang: str) -> str:
    return "–" if d is None else month_label(d, lang)


def window_text(start: date | None, end: date | None, lang: str) -> str:
    """'maj 2019' for one month, else 'januar 2019 – december 2019' (windows.Window.label)."""
    if start is None or end is None:
        return f"{_month(start, lang)} – {_month(end, lang)}"
    return Window(start, end).label(lang)


def _types_text(f: flt.Filters) -> str:
    if set(f.types) == set(NETWORK_TYPES):
        return t("report.fact.all_types", f.lang)
    return ", ".join(label("type", x, f.lang) for x in NETWORK_TYPES if x in f.types)


def _unit_text(f: flt.Filters, org_units: pd.DataFrame) -> str:
    if f.unit_id is None:
        return t("report.fact.whole", f.lang)
    names = dict(zip(org_units["unit_id"], org_units["name"], strict=True))
    return str(names.get(f.unit_id, f.unit_id))


def _pct(x: object, lang: str) -> str:
    return "–" if x is None or pd.isna(x) else kf.format_number(100 * float(x), lang) + (" %" if lang == "da" else "%")


# -- Sections -------------------------------------------------------------------------------------------------------
def _kf_label(key: str, lang: str) -> str:
    return figure_label(key, lang)


def _kf_text(kind: str, v: float | None, lang: str, signed: bool = False) -> str:
    return figure_text(kind, v, lang, signed)


def _keyfigures(view: OverviewView, lang: str) -> Section:
    comp = view.comparison
    now_w = comp.shown.label(lang)
    if comp.available:
        header = (t("report.kf.figure", lang), now_w, comp.earlier.label(lang), t("report.kf.change", lang))
        rows = tuple((_kf_label(k.key, lang), _kf_text(k.kind, k.value, lang), _kf_text(k.kind, k.earlier, lang),
                      _kf_text(k.kind, k.change, lang, signed=True)) for k in view.figures)
        numeric = frozenset({1, 2, 3})
        key = "compare.caption_one" if comp.shown.months == 1 else "compare.caption"
        note = t(key, lang, shown=now_w, earlier=comp.earlier.label(lang), months=comp.shown.months)
    else:
        header = (t("report.kf.figure", lang), now_w)
        rows = tuple((_kf_label(k.key, lang), _kf_text(k.kind, k.value, lang)) for k in view.figures)
        numeric = frozenset({1})
        note = t("report.kf.no_compare", lang, **comp.reason_values(view.selection.data_start, lang))
    h = view.headline
    blocks = [
        Block("table", header=header, rows=rows, numeric=numeric, strong=1, css="keyfigures"),
        Block("note", text=note),
        Block("text", text=t("overview.active_help", lang, running=view.running)),
        Block("text", text=t("overview.net_dkk_help", lang, saved=kf.format_kr(h["saved_dkk"], lang),
                             cost=kf.format_kr(h["cost_dkk"], lang))),
    ]
    return Section("keyfigures", t("report.s.keyfigures", lang), tuple(blocks))


def _chart(key: str, fig, caption: str, lang: str) -> Block:
    return Block("chart", key=key, figure=fig, caption=caption, summary=alt_text.figure_summary(fig, lang))


def _legs(view: OverviewView, lang: str, weights: str) -> Section:
    balance = kf.format_number(view.headline["balance"], lang, 2)
    return Section("legs", t("report.s.legs", lang), (
        _chart("ternary", view.ternary, t("overview.how_ternary", lang, shown=view.points, total=view.n_networks,
                                          balance=balance), lang),
        _chart("trend", view.trend, trend_caption(view, lang, weights), lang),
    ), new_page=True)


def _network_rows(part: pd.DataFrame, lang: str) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (str(r.name), label("type", r.type, lang), kf.format_number(r.overall, lang), kf.format_number(r.n, lang),
         _pct(r.share_self_reported, lang), _pct(r.share_measured, lang), _pct(r.share_evaluated, lang),
         t("evidence.thin", lang) if r.thin else "–")
        for r in part.itertuples())


def _strong_weak(view: OverviewView, lang: str, weights: str) -> Section:
    header = tuple(t(f"report.sw.{k}", lang) for k in ("network", "type", "overall", "n", "self", "measured",
                                                      "evaluated", "evidence"))
    blocks = [_chart("strong_weak", view.strong_weak, t("overview.how_strong_weak", lang, weights=weights), lang)]
    if view.top.empty and view.bottom.empty:
        blocks.append(Block("text", text=t("report.sw.none", lang)))
    for key, part in (("strongest", view.top), ("weakest", view.bottom)):
        if part.empty:
            continue
        blocks.append(Block("heading", text=t(f"report.sw.{key}", lang)))
        blocks.append(Block("table", header=header, rows=_network_rows(part, lang), numeric=frozenset({2, 3, 4, 5, 6}),
                            css="networks"))
    blocks.append(Block("note", text=t("evidence.thin_note", lang, n=kf.THIN_EVIDENCE)))
    return Section("strong_weak", t("report.s.strong_weak", lang), tuple(blocks), new_page=True)


def _ripples(src: Source, f: flt.Filters, lang: str) -> Section:
    """The ripples page's plain facts (netvalue.views.ripples) and its spread chart."""
    rv = ripples_view(src, f)
    blocks = [Block("text", text=t("report.ripples.intro", lang)),
              Block("list", items=tuple(from_markdown(x) for x in rv.fact_lines))]
    if rv.spread is not None:
        blocks.append(_chart("ripples_spread", rv.spread, "", lang))
    return Section("ripples", t("report.s.ripples", lang), tuple(blocks), new_page=True)


_MD_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~$:])")
CONNECTION_CHARTS = ("matrix", "path")  # the graph itself is for the screen: too dense for paper


def from_markdown(text: str) -> str:
    """A sentence a page writes as Markdown, as plain text: bold marks dropped, escaped characters restored."""
    return _MD_ESCAPED.sub(r"\1", re.sub(r"(?<!\\)\*\*", "", text))


def _connections(src: Source, f: flt.Filters, lang: str) -> Section:
    title = t("report.s.connections", lang)
    try:
        from netvalue.views.connections import connections_view
    except ImportError:  # the connections page is not on this branch yet: say so in the report
        return Section("connections", title, (Block("hook", text=t("report.connections.hook", lang)),))
    cv = connections_view(src, f)
    if cv.empty and cv.empty_reason != "no_pairs":
        return Section("connections", title, (Block("text", text=t("report.connections.none", lang)),))
    blocks = [Block("text", text=from_markdown(cv.window_text))] if cv.window_text else []
    changes = any(change is not None for _, _, change in cv.metrics)
    header = ((t("report.kf.figure", lang), t("report.fact.window", lang), t("report.kf.change", lang)) if changes
              else (t("report.kf.figure", lang), t("report.fact.window", lang)))
    rows = tuple((label, value, change or "–") if changes else (label, value) for label, value, change in cv.metrics)
    blocks += [Block("table", header=header, rows=rows, numeric=frozenset(range(1, len(header))), strong=1,
                     css="keyfigures"),
               Block("note", text=from_markdown(cv.comparison_text))]
    if cv.empty_text:
        blocks.append(Block("text", text=from_markdown(cv.empty_text)))
    if cv.facts:
        blocks.append(Block("list", items=tuple(from_markdown(x) for x in cv.facts)))
    for key in CONNECTION_CHARTS:
        fig = cv.figures.get(key)
        if fig is not None:
            blocks.append(Block("chart", key=f"connections_{key}", figure=fig,
                                summary=from_markdown(cv.alt.get(key, "")) or alt_text.figure_summary(fig, lang)))
    return Section("connections", title, tuple(blocks), new_page=True)


def _stories(view: OverviewView, lang: str) -> Section:
    stories = view.stories
    if stories.empty:
        return Section("stories", t("report.s.stories", lang), (Block("text", text=t("report.stories.none", lang)),))
    blocks = []
    for s in stories.itertuples():
        persp = label("perspective", s.perspective, lang) if isinstance(s.perspective, str) else "–"
        text = str(s.text)
        if len(text) > STORY_LIMIT:
            text = text[: STORY_LIMIT - 2].rsplit(" ", 1)[0] + " …"
        meta = t("overview.story_meta", lang, network=s.network_name, date=day_text(s.told_on.date(), lang),
                 perspective=persp)
        blocks.append(Block("story", title=str(s.title), meta=meta, text=text))
    return Section("stories", t("report.s.stories", lang), tuple(blocks))


METHOD_STEPS = ("indicator", "perspective", "overall", "balance", "evidence", "net_dkk")


def _method(view: OverviewView, lang: str, weights: str) -> Section:
    blocks: list[Block] = [Block("text", text=plain(t("method.intro", lang).split(". Vægtene")[0].split(
        ". The weights")[0] + ".")), Block("note", text=t("report.method.weights", lang, weights=weights))]
    for step in METHOD_STEPS:
        blocks.append(Block("heading", text=t(f"method.{step}.title", lang)))
        blocks.append(Block("text", text=plain(t(f"method.{step}.text", lang))))
    blocks.append(Block("heading", text=t("report.method.reading", lang)))
    balance = kf.format_number(view.headline["balance"], lang, 2)
    blocks.append(Block("list", items=(
        t("report.method.compare", lang),
        t("overview.how_ternary", lang, shown=view.points, total=view.n_networks, balance=balance),
        trend_caption(view, lang, weights),
        t("overview.how_strong_weak", lang, weights=weights),
        t("report.method.bw", lang),
    )))
    return Section("method", t("report.s.method", lang), tuple(blocks), new_page=True)


def _appendix(sections: Sequence[Section], lang: str) -> Section:
    blocks: list[Block] = []
    for s in sections:
        for b in s.blocks:
            if b.kind != "chart" or b.figure is None:
                continue
            table = alt_text.table_for(b.figure, lang)
            if table.empty:
                continue
            blocks.append(Block("heading", text=alt_text.plain(b.figure.layout.title.text)))
            blocks.append(Block("table", header=tuple(str(c) for c in table.columns),
                                rows=tuple(tuple(str(v) for v in row) for row in table.itertuples(index=False)),
                                numeric=frozenset(range(1, len(table.columns))), css="chart-data"))
    return Section("data", t("report.s.data", lang), tuple(blocks), new_page=True)


# -- The report -----------------------------------------------------------------------------------------------------
def build(src: Source, f: flt.Filters, meta: ReportMeta, made: datetime | None = None) -> Document:
    """The report for filters f as a Document: the overview's view (netvalue.views.overview) laid out for paper."""
    lang = f.lang
    view = overview_view(src, f)
    weights = weights_text(f.weight_map, lang)
    win = view.selection.window
    win_text = win.label(lang) if win is not None else "–"
    types, unit = _types_text(f), _unit_text(f, src.table("org_units"))
    comp = view.comparison
    if comp is None:
        compare = "–"
    elif comp.available:
        compare = comp.earlier.label(lang)
    else:
        compare = t("report.fact.no_compare", lang, window=comp.earlier.label(lang))
    made = made or datetime.now()
    facts = (
        (t("report.fact.window", lang), win_text),
        (t("report.fact.compare", lang), compare),
        (t("report.fact.data_to", lang), _month(meta.data_to, lang)),
        (t("report.fact.updated", lang), day_text(meta.changed.date(), lang) if meta.changed else "–"),
        (t("report.fact.types", lang), types),
        (t("report.fact.unit", lang), unit),
        (t("report.fact.weights", lang), weights),
        (t("report.fact.made", lang), day_text(made.date(), lang)),
    )
    if view.empty_reason is not None:
        body = [Section("keyfigures", t("report.s.keyfigures", lang),
                        (Block("note", text=t("report.empty" if view.empty_reason == "no_data"
                                              else f"empty.{view.empty_reason}", lang)),)),
                _method(view, lang, weights)]
    else:
        body = [_keyfigures(view, lang), _legs(view, lang, weights), _strong_weak(view, lang, weights),
                _ripples(src, f, lang), _connections(src, f, lang), _stories(view, lang),
                _method(view, lang, weights)]
        body.append(_appendix(body, lang))
    values = {"version": meta.data_version, "window": win_text, "types": types, "unit": unit, "weights": weights}
    return Document(
        lang=lang, title=t("report.title", lang), subtitle=t("report.subtitle", lang), window=win_text, facts=facts,
        trace=t("report.trace", lang, **values), sections=tuple(body),
        footer=t("report.footer", lang, data_to=_month(meta.data_to, lang), **values),
        page_word=(t("report.page", lang), t("report.of", lang)),
    )


def to_pdf(doc: Document) -> bytes:
    """Print a Document to A4 PDF bytes (ChromiumMissing, PrintFailed)."""
    return html_to_pdf(render_html(doc), footer_html(doc))


def make_pdf(src: Source, f: flt.Filters, meta: ReportMeta) -> bytes:
    """The report for filters f as A4 PDF bytes."""
    return to_pdf(build(src, f, meta))


def pdf_for_store(store, f: flt.Filters) -> bytes:
    """The report of a store for filters f (an open window runs to the data's ends) as A4 PDF bytes."""
    return make_pdf(source_for(store), f, meta_from_store(store))


def file_name(f: flt.Filters) -> str:
    """'netvalue-rapport-2019-01..2019-12.pdf' / 'netvalue-report-…': language-neutral months, no user text."""
    span = f"{f.start:%Y-%m}..{f.end:%Y-%m}" if f.start and f.end else "all"
    return f"netvalue-{'rapport' if f.lang == 'da' else 'report'}-{span}.pdf"
