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
    markdown_table: pd.DataFrame  # the same with every cell and column name escaped for Markdown (st.table)


def make(fig: go.Figure, lang: str) -> ChartAlternative:
    """The alternative built from scratch."""
    raw = alt_text.figure_table(fig, lang)
    text = alt_text.figure_summary(fig, lang, table=raw)
    table = alt_text.frame_table(raw, lang)
    return ChartAlternative(text, table, table.map(safetext.md).rename(columns=safetext.md))


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
