"""Text alternatives for charts (WCAG 1.1.1): a short summary sentence and the data behind a figure as a
table, made from the Figure itself so they always say what the chart draws. Pure; the figure is not changed.

A page shows the sentence under the chart and the table behind a toggle, e.g.

    st.caption(alt_text.figure_summary(fig, L))
    with st.expander(t("alt.show_data", L)):
        st.table(alt_text.figure_table(fig, L))
"""

from __future__ import annotations

import html
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
    """Plotly label text as a reader reads it: without its HTML tags (<br>, <b>) and with its entities decoded
    (user text in a chart is escaped for Plotly, &lt; for <); None -> ''. Whoever draws the result escapes it."""
    if text is None:
        return ""
    return " ".join(html.unescape(_TAG.sub(" ", str(text))).split())


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


def _xy_names(fig: go.Figure, traces: list, lang: str) -> tuple[str, str]:
    """Column names for the labels and the values of x/y traces: the first axis title any trace has (subplots
    often title only their bottom axis), else Name and Value. Values on axes with different titles (counts on
    the left, shares on the right) are just Value."""
    lab = val = ""
    titles = set()
    for tr in traces:
        if not (hasattr(tr, "x") and hasattr(tr, "y")):
            continue
        horizontal = _horizontal(tr)
        lab = lab or _axis_title(fig, tr, "y" if horizontal else "x")
        title = _axis_title(fig, tr, "x" if horizontal else "y")
        val = val or title
        titles.add(title)
    if len(titles - {""}) > 1:
        val = ""
    return lab or t("alt.label", lang), val or t("alt.value", lang)


def _merged(tr: go.BaseTraceType, update: dict) -> go.BaseTraceType:
    out = type(tr)(tr)
    out.update({k: v for k, v in update.items() if k != "type"})
    return out


def shown_frame(fig: go.Figure) -> str | None:
    """The name of the animation frame the figure opens on (its slider's active step), None without frames."""
    if not fig.frames or not fig.layout.sliders:
        return None
    slider = fig.layout.sliders[0]
    steps = slider.steps or ()
    if not steps:
        return None
    step = steps[min(max(int(slider.active or 0), 0), len(steps) - 1)]
    args = step.args or ()
    names = args[0] if args else None
    name = names[0] if isinstance(names, (list, tuple)) and names else names
    return None if name is None else str(name)


def _traces(fig: go.Figure) -> list[go.BaseTraceType]:
    """The traces a reader sees: those of the frame the slider shows merged into the figure's own (as plotly.js
    merges a frame into the traces it names), without the marks a reader cannot hover."""
    traces = list(fig.data)
    name = shown_frame(fig)
    frame = next((fr for fr in fig.frames if fr.name == name), None) if name is not None else None
    if frame is not None and frame.data:
        targets = list(frame.traces) if frame.traces is not None else list(range(len(frame.data)))
        for i, data in zip(targets, frame.data, strict=False):
            if 0 <= i < len(traces):
                traces[i] = _merged(traces[i], data.to_plotly_json())
    return [tr for tr in traces if getattr(tr, "hoverinfo", None) != "skip"]


def _is_dates(values: list) -> bool:
    found = [v for v in values if v is not None]
    return bool(found) and all(isinstance(v, (pd.Timestamp, np.datetime64, date)) or
                               (isinstance(v, str) and re.match(r"^\d{4}-\d{2}-\d{2}", v)) for v in found)


def _is_text(values: list) -> bool:
    found = [v for v in values if v is not None]
    return bool(found) and all(isinstance(v, str) and _number(v) is None for v in found)


def _horizontal(tr: go.BaseTraceType) -> bool:
    """Labels on y and values on x: horizontal bars, and markers along a category y axis."""
    if getattr(tr, "orientation", None) == "h":
        return True
    return tr.type == "scatter" and _is_text(_values(tr.y)) and not _is_text(_values(tr.x))


def _hidden_scale(fig: go.Figure, tr: go.BaseTraceType) -> bool:
    """Both axes without tick labels: the positions are a layout (a network graph), not data to read."""
    for letter in "xy":
        ref = getattr(tr, f"{letter}axis", None) or letter
        name = f"{letter}axis" + ref[1:]
        axis = fig.layout[name] if name in fig.layout else None  # noqa: SIM401 - plotly layouts have no .get
        if axis is None or axis.showticklabels is not False:
            return False
    return True


def _hover_text_only(tr: go.BaseTraceType) -> bool:
    """A trace whose hover shows its text and nothing else: the text is the datum."""
    return str(getattr(tr, "hovertemplate", None) or "").replace("<extra></extra>", "") == "%{text}"


def _bounds(tr: go.BaseTraceType, letter: str, values: list) -> tuple[list, list] | None:
    err = getattr(tr, f"error_{letter}", None)
    if err is None or err.array is None:
        return None
    plus = [_number(v) for v in _values(err.array)]
    minus = [_number(v) for v in _values(err.arrayminus)] if err.arrayminus is not None else plus
    vals = [_number(v) for v in values]
    lo = [None if v is None or m is None else v - m for v, m in zip(vals, minus, strict=False)]
    hi = [None if v is None or p is None else v + p for v, p in zip(vals, plus, strict=False)]
    return lo, hi


def _treemap_rows(tr: go.BaseTraceType, lang: str) -> list[dict[str, object]]:
    labels = [plain(v) for v in _values(tr.labels)]
    ids = [str(v) for v in _values(tr.ids)] if tr.ids is not None else labels
    parents = [str(v) for v in _values(tr.parents)]
    by_id = dict(zip(ids, labels, strict=False))
    values = [_number(v) for v in _values(tr.values)] if tr.values is not None else None
    custom = [[plain(c) for c in _values(row)] for row in tr.customdata] if tr.customdata is not None else None
    rows: list[dict[str, object]] = []
    for i, lab in enumerate(labels):
        row: dict[str, object] = {t("alt.label", lang): lab,
                                  t("alt.parent", lang): by_id.get(parents[i], parents[i]) if i < len(parents) else ""}
        if values is not None:
            row[t("alt.value", lang)] = values[i] if i < len(values) else None
        if custom is not None:
            row[t("alt.details", lang)] = " · ".join(c for c in custom[i] if c) if i < len(custom) else ""
        rows.append(row)
    return rows


def _heatmap(fig: go.Figure, maps: list[go.BaseTraceType], lang: str) -> pd.DataFrame:
    """Heatmaps over the same cells (one for the cells between areas, one for the diagonal) read as one
    table: one row per y and one column per x, a cell taken from the first map that has it."""
    tr = maps[0]
    z = np.asarray(tr.z, dtype=object)
    for other in maps[1:]:
        oz = np.asarray(other.z, dtype=object)
        if oz.shape == z.shape:
            z = np.where(np.vectorize(lambda v: _number(v) is None)(z), oz, z)
    xs = [_label(x) for x in _values(tr.x)] or list(range(z.shape[1] if z.ndim == 2 else 0))
    ys = [_label(y) for y in _values(tr.y)] or list(range(z.shape[0]))
    y_name = _axis_title(fig, tr, "y") or t("alt.label", lang)
    return pd.DataFrame([{y_name: y, **{str(x): _number(v) for x, v in zip(xs, zr, strict=False)}}
                         for y, zr in zip(ys, z, strict=False)])


def figure_table(fig: go.Figure, lang: str = "da") -> pd.DataFrame:
    """The data a figure draws, one row per point, as a reader would tabulate it.

    Lines over time (scatter with lines) become one row per x and one column per line. Bars and markers
    become rows of series, label and value (horizontal bars, and markers along a category y axis: the label is
    y), with the lower and upper bound where the marks carry error bars. Ternary points get one column per
    corner. Heatmaps become one row per y and one column per x. A treemap becomes one row per box with the box
    it sits in. Marks whose hover is their text alone (a node of a network graph, a network's lifetime) and
    marks placed on axes without a scale become rows of series and that text. An animated figure is read at
    the frame its slider shows. Traces without data, and marks a reader cannot hover (hoverinfo "skip": a
    reference point, a guide line), are left out; the figure is not changed.
    """
    traces = _traces(fig)
    series_col = t("alt.series", lang)
    maps = [tr for tr in traces if tr.type == "heatmap"]
    if maps:
        return _heatmap(fig, maps, lang)
    plain_lines = [tr for tr in traces if tr.type == "scatter" and "lines" in str(tr.mode or "lines")
                   and not _hover_text_only(tr) and not _hidden_scale(fig, tr)]
    if plain_lines and len(plain_lines) == len(traces):
        first_x = _values(plain_lines[0].x)
        x_name = _axis_title(fig, plain_lines[0], "x") or t("alt.period" if _is_dates(first_x) else "alt.x", lang)
        wide: dict[str, dict[object, object]] = {}
        order: list[object] = []
        for tr in plain_lines:
            col = wide.setdefault(plain(tr.name) or t("alt.value", lang), {})
            for x, y in zip(_values(tr.x), _values(tr.y), strict=False):
                if x is None:
                    continue
                key = _label(x)
                if key not in order:
                    order.append(key)
                col[key] = _number(y)
        out = pd.DataFrame({x_name: order})
        for name, col in wide.items():
            out[name] = [col.get(k) for k in order]
        return out
    rows: list[dict[str, object]] = []
    lab_name, val_name = _xy_names(fig, traces, lang)
    for tr in traces:
        name = plain(getattr(tr, "name", None))
        if tr.type == "scatterternary":
            titles = [plain(fig.layout.ternary[f"{ax}axis"].title.text) or ax for ax in "abc"]
            labels = [plain(c[0]) for c in tr.customdata] if tr.customdata is not None else _values(tr.text)
            for i, (a, b, c) in enumerate(zip(_values(tr.a), _values(tr.b), _values(tr.c), strict=False)):
                row = {series_col: name, t("alt.label", lang): labels[i] if i < len(labels) else ""}
                row.update(dict(zip(titles, (_number(a), _number(b), _number(c)), strict=True)))
                rows.append(row)
        elif tr.type == "treemap":
            rows += _treemap_rows(tr, lang)
        elif tr.type == "scatter" and (_hover_text_only(tr) or _hidden_scale(fig, tr)):
            texts = [plain(v) for v in (_values(tr.text) or _values(tr.hovertext))]
            for text in dict.fromkeys(x for x in texts if x):
                rows.append({series_col: name, t("alt.details", lang): text})
        elif hasattr(tr, "x") and hasattr(tr, "y"):
            xs, ys = _values(tr.x), _values(tr.y)
            horizontal = _horizontal(tr)
            labels, values = (ys, xs) if horizontal else (xs, ys)
            bounds = _bounds(tr, "x" if horizontal else "y", values)
            for i, (lab, val) in enumerate(zip(labels, values, strict=False)):
                if lab is None and val is None:
                    continue
                row = {series_col: name, lab_name: _label(lab) if plain(lab) else name, val_name: _number(val)}
                if bounds is not None:
                    row[t("alt.low", lang)] = bounds[0][i] if i < len(bounds[0]) else None
                    row[t("alt.high", lang)] = bounds[1][i] if i < len(bounds[1]) else None
                rows.append(row)
    out = pd.DataFrame(rows)
    for col in (series_col, t("alt.label", lang)):
        if col in out.columns and out[col].fillna("").eq("").all():
            out = out.drop(columns=col)
    if series_col in out.columns and lab_name in out.columns and lab_name != series_col and \
            out[series_col].astype(str).eq(out[lab_name].astype(str)).all():
        out = out.drop(columns=series_col)  # one mark per series (a leg's dot): the series says it once
    return out


def figure_summary(fig: go.Figure, lang: str = "da", table: pd.DataFrame | None = None) -> str:
    """One sentence for a screen reader: the chart's title, what it holds, for bars the highest and the lowest
    value, and for an animated chart the frame it shows. table: figure_table(fig, lang), when made already."""
    title = plain(fig.layout.title.text) if fig.layout.title is not None else ""
    table = figure_table(fig, lang) if table is None else table
    if table.empty:
        return t("alt.summary_empty", lang, title=title)
    traces = _traces(fig)
    series = [plain(tr.name) for tr in traces if plain(getattr(tr, "name", None))]
    text = t("alt.summary_one" if len(table) == 1 else "alt.summary", lang, title=title, rows=len(table),
             series=", ".join(dict.fromkeys(series)) or t("alt.one_series", lang))
    bars = [tr for tr in traces if tr.type == "bar"]
    if bars:
        points = []
        for tr in bars:
            horizontal = tr.orientation == "h"
            labels, values = (_values(tr.y), _values(tr.x)) if horizontal else (_values(tr.x), _values(tr.y))
            points += [(v, plain(lab) or plain(tr.name), plain(tr.name))
                       for lab, v in zip(labels, (_number(v) for v in values), strict=False) if v is not None]
        if points and min(p[0] for p in points) < max(p[0] for p in points):
            # Stacked bars repeat their labels (Borger for each kind of evidence): the series tells them apart.
            repeated = len({p[1] for p in points}) < len(points)

            def said(p: tuple) -> str:
                return f"{p[2]}, {p[1]}" if repeated and p[2] and p[2] != p[1] else p[1]

            hi = max(points, key=lambda p: p[0])
            lo = min(points, key=lambda p: p[0])
            text += " " + t("alt.summary_range", lang, high=said(hi), high_value=format_value(hi[0], lang),
                            low=said(lo), low_value=format_value(lo[0], lang))
    frame = shown_frame(fig)
    if frame is not None:
        text += " " + t("alt.summary_frame", lang, frame=plain(frame))
    return text


def format_value(v: object, lang: str = "da", decimals: int = 1) -> str:
    """A number as a reader in lang writes it (1.234,5 / 1,234.5), without trailing ,0; text as it is."""
    f = _number(v)
    if f is None:
        return "–" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)
    if round(f, decimals) == 0:
        return "0"  # -0.001 is 0, never -0,0
    d = 0 if float(f).is_integer() else decimals
    s = f"{f:,.{d}f}"
    return s.replace(",", "\0").replace(".", ",").replace("\0", ".") if lang == "da" else s


def _looks_like_years(s: pd.Series) -> bool:
    v = pd.to_numeric(s, errors="coerce")
    return bool(len(v) and v.notna().all() and (v == v.round()).all() and v.between(1900, 2200).all())


def frame_table(frame: pd.DataFrame, lang: str = "da", columns: Mapping[str, str] | None = None,
                decimals: int = 1) -> pd.DataFrame:
    """A frame made ready to read as a table: columns picked and renamed by `columns` (all when None),
    numbers written the way a reader in lang writes them, months as 2015-03, missing values as '–'."""
    df = frame[list(columns)] if columns else frame
    out = pd.DataFrame(index=range(len(df)))
    for i, c in enumerate(df.columns):
        s = df[c].reset_index(drop=True)
        if (i == 0 or str(c).strip().lower() in ("år", "year")) and _looks_like_years(s):  # 2014, never 2.014
            out[(columns or {}).get(c, c)] = [str(int(x)) if pd.notna(x) else "–" for x in s]
        elif pd.api.types.is_datetime64_any_dtype(s):
            out[(columns or {}).get(c, c)] = [x.strftime("%Y-%m") if pd.notna(x) else "–" for x in s]
        else:
            nums = pd.to_numeric(s, errors="coerce")
            # shares of one (a Lorenz curve) would read 0,0 … 0,1 at one decimal
            small = bool(nums.notna().any() and nums.abs().max() <= 1 and (nums != nums.round()).any())
            out[(columns or {}).get(c, c)] = [format_value(x, lang, max(decimals, 2) if small else decimals)
                                              for x in s]
    return out


def table_for(obj: go.Figure | pd.DataFrame, lang: str = "da") -> pd.DataFrame:
    """The readable table behind a figure or a frame (formatted for lang)."""
    return frame_table(figure_table(obj, lang) if isinstance(obj, go.Figure) else obj, lang)
