"""Text alternatives for charts (WCAG 1.1.1): a short summary sentence and the data behind a figure as a
table, made from the Figure itself so they always say what the chart draws. Pure; the figure is not changed.

A page shows the sentence under the chart and the table behind a toggle, e.g.

    st.caption(alt_text.figure_summary(fig, L))
    with st.expander(t("alt.show_data", L)):
        st.table(alt_text.figure_table(fig, L))
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from netvalue.i18n import t

_TAG = re.compile(r"<[^>]+>")


def plain(text: object) -> str:
    """Plotly label text without its HTML tags (<br>, <b>); None -> ''."""
    if text is None:
        return ""
    return " ".join(_TAG.sub(" ", str(text)).split())


def _axis_title(fig: go.Figure, trace: go.BaseTraceType, letter: str) -> str:
    ref = getattr(trace, f"{letter}axis", None) or letter
    name = f"{letter}axis" + ref[1:]
    axis = fig.layout[name] if name in fig.layout else None  # noqa: SIM401 - plotly layouts have no .get
    return plain(axis.title.text) if axis is not None and axis.title is not None else ""


def _values(v: object) -> list:
    if v is None:
        return []
    return list(np.asarray(v, dtype=object).ravel()) if not isinstance(v, str) else [v]


def _label(v: object) -> object:
    if isinstance(v, (pd.Timestamp, np.datetime64, date)):
        return pd.Timestamp(v).strftime("%Y-%m")
    if isinstance(v, str) and re.match(r"^\d{4}-\d{2}-\d{2}", v):
        return v[:7]
    return plain(v) if isinstance(v, str) else v


def _number(v: object) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def _xy_names(fig: go.Figure, lang: str) -> tuple[str, str]:
    """Column names for the labels and the values of x/y traces: the first axis title any trace has (subplots
    often title only their bottom axis), else Name and Value."""
    lab = val = ""
    for tr in fig.data:
        if not (hasattr(tr, "x") and hasattr(tr, "y")):
            continue
        horizontal = getattr(tr, "orientation", None) == "h"
        lab = lab or _axis_title(fig, tr, "y" if horizontal else "x")
        val = val or _axis_title(fig, tr, "x" if horizontal else "y")
    return lab or t("alt.label", lang), val or t("alt.value", lang)


def figure_table(fig: go.Figure, lang: str = "da") -> pd.DataFrame:
    """The data a figure draws, one row per point, as a reader would tabulate it.

    Lines over time (scatter with lines) become one row per x and one column per line. Bars and markers
    become rows of series, label and value (horizontal bars: the label is y). Ternary points get one column
    per corner. Heatmaps become one row per y and one column per x. Traces without data, and marks a reader
    cannot hover (hoverinfo "skip": a reference point, a guide line), are left out.
    """
    fig = go.Figure(fig)  # a copy: the traces below are filtered without touching the caller's figure
    fig.data = [tr for tr in fig.data if getattr(tr, "hoverinfo", None) != "skip"]
    lines = [tr for tr in fig.data if tr.type == "scatter" and "lines" in str(tr.mode or "lines")]
    series_col = t("alt.series", lang)
    if lines and len(lines) == len(fig.data):
        x_name = _axis_title(fig, lines[0], "x") or t("alt.x", lang)
        wide: dict[str, dict[object, object]] = {}
        order: list[object] = []
        for tr in lines:
            col = wide.setdefault(plain(tr.name) or t("alt.value", lang), {})
            for x, y in zip(_values(tr.x), _values(tr.y), strict=False):
                key = _label(x)
                if key not in order:
                    order.append(key)
                col[key] = _number(y)
        out = pd.DataFrame({x_name: order})
        for name, col in wide.items():
            out[name] = [col.get(k) for k in order]
        return out
    rows: list[dict[str, object]] = []
    for tr in fig.data:
        name = plain(getattr(tr, "name", None))
        if tr.type == "scatterternary":
            titles = [plain(fig.layout.ternary[f"{ax}axis"].title.text) or ax for ax in "abc"]
            labels = [plain(c[0]) for c in tr.customdata] if tr.customdata is not None else _values(tr.text)
            for i, (a, b, c) in enumerate(zip(_values(tr.a), _values(tr.b), _values(tr.c), strict=False)):
                row = {series_col: name, t("alt.label", lang): labels[i] if i < len(labels) else ""}
                row.update(dict(zip(titles, (_number(a), _number(b), _number(c)), strict=True)))
                rows.append(row)
        elif tr.type == "heatmap":
            z = np.asarray(tr.z, dtype=object)
            xs = [_label(x) for x in _values(tr.x)] or list(range(z.shape[1] if z.ndim == 2 else 0))
            ys = [_label(y) for y in _values(tr.y)] or list(range(z.shape[0]))
            y_name = _axis_title(fig, tr, "y") or t("alt.label", lang)
            return pd.DataFrame([{y_name: y, **{str(x): _number(v) for x, v in zip(xs, zr, strict=False)}}
                                 for y, zr in zip(ys, z, strict=False)])
        elif hasattr(tr, "x") and hasattr(tr, "y"):
            horizontal = getattr(tr, "orientation", None) == "h"
            labels, values = (_values(tr.y), _values(tr.x)) if horizontal else (_values(tr.x), _values(tr.y))
            lab_name, val_name = _xy_names(fig, lang)
            for lab, val in zip(labels, values, strict=False):
                rows.append({series_col: name, lab_name: _label(lab), val_name: _number(val)})
    out = pd.DataFrame(rows)
    if not out.empty and (out[series_col] == "").all():
        out = out.drop(columns=series_col)
    return out


def figure_summary(fig: go.Figure, lang: str = "da") -> str:
    """One sentence for a screen reader: the chart's title, what it holds and, for bars, the highest and
    the lowest value."""
    title = plain(fig.layout.title.text) if fig.layout.title is not None else ""
    table = figure_table(fig, lang)
    if table.empty:
        return t("alt.summary_empty", lang, title=title)
    traces = [tr for tr in fig.data if getattr(tr, "hoverinfo", None) != "skip"]
    series = [plain(tr.name) for tr in traces if plain(getattr(tr, "name", None))]
    text = t("alt.summary", lang, title=title, rows=len(table),
             series=", ".join(dict.fromkeys(series)) or t("alt.one_series", lang))
    bars = [tr for tr in traces if tr.type == "bar"]
    if bars:
        points = []
        for tr in bars:
            horizontal = tr.orientation == "h"
            labels, values = (_values(tr.y), _values(tr.x)) if horizontal else (_values(tr.x), _values(tr.y))
            points += [(v, plain(lab)) for lab, v in zip(labels, (_number(v) for v in values), strict=False)
                       if v is not None]
        if points:
            hi, lo = max(points), min(points)
            text += " " + t("alt.summary_range", lang, high=plain(hi[1]), high_value=format_value(hi[0], lang),
                            low=plain(lo[1]), low_value=format_value(lo[0], lang))
    return text


def format_value(v: object, lang: str = "da", decimals: int = 1) -> str:
    """A number as a reader in lang writes it (1.234,5 / 1,234.5), without trailing ,0; text as it is."""
    f = _number(v)
    if f is None:
        return "–" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)
    d = 0 if float(f).is_integer() else decimals
    s = f"{f:,.{d}f}"
    return s.replace(",", "\0").replace(".", ",").replace("\0", ".") if lang == "da" else s


def frame_table(frame: pd.DataFrame, lang: str = "da", columns: Mapping[str, str] | None = None,
                decimals: int = 1) -> pd.DataFrame:
    """A frame made ready to read as a table: columns picked and renamed by `columns` (all when None),
    numbers written the way a reader in lang writes them, months as 2015-03, missing values as '–'."""
    df = frame[list(columns)] if columns else frame
    out = pd.DataFrame(index=range(len(df)))
    for c in df.columns:
        s = df[c].reset_index(drop=True)
        if pd.api.types.is_datetime64_any_dtype(s):
            out[(columns or {}).get(c, c)] = [x.strftime("%Y-%m") if pd.notna(x) else "–" for x in s]
        else:
            out[(columns or {}).get(c, c)] = [format_value(x, lang, decimals) for x in s]
    return out


def table_for(obj: go.Figure | pd.DataFrame, lang: str = "da") -> pd.DataFrame:
    """The readable table behind a figure or a frame (formatted for lang)."""
    return frame_table(figure_table(obj, lang) if isinstance(obj, go.Figure) else obj, lang)
