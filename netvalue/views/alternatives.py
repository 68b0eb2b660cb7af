"""A chart's text alternative (WCAG 1.1.1) made once per figure: the summary sentence and the readable table
(netvalue.charts.alt_text), kept with the figure a cached view holds, so a warm rerun of a page draws them
without building them again (the ripple chart's took 26-190 ms, a page's charts together several hundred).

Pure: the result depends only on the figure and the language. Figures in views are never changed once made;
a figure built anew (not from a view) simply gets its own alternative."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from netvalue import safetext
from netvalue.charts import alt_text

_ATTR = "_nv_alternatives"  # plotly lets a figure carry attributes that start with "_"; they are never drawn
_lock = threading.Lock()


@dataclass(frozen=True)
class ChartAlternative:
    summary: str
    table: pd.DataFrame  # formatted for the language (text cells), as a reader reads it
    html: str  # the table as HTML (every cell escaped): a labelled region a keyboard can scroll, for st.html


def make(fig: go.Figure, lang: str) -> ChartAlternative:
    """The alternative built from scratch."""
    raw = alt_text.figure_table(fig, lang)
    text = alt_text.figure_summary(fig, lang, table=raw)
    table = alt_text.frame_table(raw, lang)
    title = alt_text.plain(fig.layout.title.text) if fig.layout.title is not None else ""
    numeric = [pd.api.types.is_numeric_dtype(raw[c].dtype) for c in raw.columns]
    return ChartAlternative(text, table, table_html(table, title, numeric))


def table_html(table: pd.DataFrame, title: str, numeric: list[bool]) -> str:
    """A table as HTML in a region that scrolls when it is wide and can take the keyboard's focus, so the
    scrolling works without a mouse (WCAG 2.1.1; axe: scrollable-region-focusable). Every cell is escaped. Its
    look is the class nv-alt in static/screen.css, not a style per cell: the page sends this HTML on every rerun,
    and inline styles made it several times larger."""
    def cell(tag: str, v: object, right: bool) -> str:
        scope = ' scope="col"' if tag == "th" else ""
        align = ' class="nv-r"' if right else ""
        return f"<{tag}{scope}{align}>{safetext.html(v)}</{tag}>"

    head = "".join(cell("th", c, r) for c, r in zip(table.columns, numeric, strict=False))
    body = "".join("<tr>" + "".join(cell("td", v, r) for v, r in zip(row, numeric, strict=False)) + "</tr>"
                   for row in table.itertuples(index=False))
    name = safetext.html(title)
    return (f'<div role="region" tabindex="0" aria-label="{name}" class="nv-alt">'
            f"<table><caption>{name}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


def alternative(fig: go.Figure, lang: str) -> ChartAlternative:
    """make(fig, lang), remembered on the figure: the second call for the same figure is a lookup."""
    cache = getattr(fig, _ATTR, None)
    if cache is None:
        with _lock:
            cache = getattr(fig, _ATTR, None)
            if cache is None:
                cache = {}
                setattr(fig, _ATTR, cache)
    found = cache.get(lang)
    if found is None:
        found = make(fig, lang)
        cache[lang] = found
    return found
