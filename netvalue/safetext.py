"""User text shown as text, never as markup: one home for escaping it wherever it is drawn.

Names, ids, units, leaders, titles and file names come from uploads. Streamlit renders Markdown in
st.markdown, captions, st.info and friends, titles, and in widget labels (buttons, page links, expanders,
tabs, metrics); Plotly renders an HTML-like subset (`<a href>`, `<b>`, `<br>`, `<span style>`) in titles,
tick labels, legends, hover labels and treemap or heatmap labels. Unescaped, a name `![t](https://x/p.png)`
makes every visitor's browser fetch that address and `<a href="…">` becomes a live link.

- `md(text)`: for anything Streamlit reads as Markdown (labels included). Every character with a meaning in
  Markdown or in Streamlit's extensions (`:red[…]`, `:material/…:`, `$…$`) is backslash-escaped, so links,
  images, emphasis, headings, lists, tables, code, HTML and math show as typed; bare addresses (`https://…`,
  `www.…`, `a@b.dk`), which GFM links after escapes are resolved, get an invisible word joiner (U+2060).
- `plot(text)`: for text Plotly draws. `&`, `<` and `>` become entities (Plotly decodes entities, so
  `<a href=…>` shows as typed), `$` a numeric entity (Plotly typesets `$…$` as TeX when MathJax is present).
- `plot_frame(frame)`: a copy of a frame with every text cell `plot`-escaped; chart builders call it on their
  input first, so ids, names and units are escaped once, consistently (keys still match each other).
"""

from __future__ import annotations

import html as _html
import re

import pandas as pd

# ASCII punctuation with a meaning in CommonMark, GFM or Streamlit's Markdown: links and images ([]()!),
# emphasis (*_~), code (`), headings and setext lines (#=-), lists (+-.) and quotes (>), tables (|), HTML and
# entities (<>&), autolinks (: . @), Streamlit's colours, icons and emoji (:), math ($), escapes (\), braces.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:@&=])")
# GFM links bare addresses (https://…, www.…, name@host) after escapes are resolved, and Streamlit finds :emoji:,
# :material/…: icons and :colour[…] in the resolved text too: an invisible word joiner after ':' and '@' and
# inside 'www.' breaks each pattern without changing what is shown.
_JOIN = "\u2060"
_WWW = re.compile(r"(?i)(www)(?=\\\.)")
_PLOT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "$": "&#36;"})


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def md(text: object) -> str:
    """User text made inert for Markdown (and Streamlit's labels): every Markdown character is escaped, and bare
    addresses, emoji and icon codes are broken by an invisible word joiner."""
    escaped = _MD_SPECIAL.sub(r"\\\1", _text(text))
    escaped = escaped.replace(":", ":" + _JOIN).replace("@", "@" + _JOIN)
    return _WWW.sub(r"\1" + _JOIN, escaped)


def html(text: object) -> str:
    """User text made inert in HTML (element text and quoted attribute values)."""
    return _html.escape(_text(text), quote=True)


def plot(text: object) -> str:
    """User text made inert for Plotly's HTML-like text: <, > and & as entities, $ as &#36;."""
    return _text(text).translate(_PLOT)


def plot_clip(text: object, n: int) -> str:
    """plot(text) of at most n characters as shown (…-ended): clipped before escaping, so no entity is cut."""
    raw = _text(text)
    return plot(raw if len(raw) <= n else raw[: n - 1] + "…")


def _escape_cell(v: object) -> object:
    return v.translate(_PLOT) if isinstance(v, str) else v


def _escape_column(s: pd.Series) -> pd.Series:
    if isinstance(s.dtype, pd.CategoricalDtype):
        return s.cat.rename_categories(_escape_cell)  # escaping is one-to-one: categories stay distinct
    if s.dtype == object:
        return s.map(_escape_cell) if s.map(lambda v: isinstance(v, str) and v != plot(v)).any() else s
    if pd.api.types.is_string_dtype(s.dtype):
        if not s.str.contains(r"[&<>$]", regex=True, na=False).any():
            return s
        for ch, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("$", "&#36;")):  # & first
            s = s.str.replace(ch, entity, regex=False)
        return s
    return s


def plot_frame(frame: pd.DataFrame | pd.Series, columns: list[str] | None = None) -> pd.DataFrame | pd.Series:
    """A copy with every text cell (of the given columns, default all) plot-escaped; numbers, dates and missing
    values untouched. A Series (one record, e.g. an indicator) is escaped value by value."""
    if isinstance(frame, pd.Series):
        return frame.map(_escape_cell) if frame.dtype == object else _escape_column(frame)
    out = frame.copy()
    for c in columns if columns is not None else list(out.columns):
        out[c] = _escape_column(out[c])
    return out
