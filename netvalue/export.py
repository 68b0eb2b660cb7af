"""Downloads: tables as CSV (Danish Excel by default) and Excel workbooks, safe against formula injection.

Pure helpers, no Streamlit. Every writer neutralises text that a spreadsheet would run as a formula
(a cell starting with =, +, -, @, tab or carriage return gets a leading apostrophe), so a network name
typed by a user can never become a formula in a director's Excel.

API (kept stable, other pages use it):
    neutralise_formulas(df) -> DataFrame
    to_csv_bytes(df, danish=True, header=None) -> bytes
    to_xlsx_bytes(df, sheet_name, header=None) -> bytes
    header(title, lang, ...) -> Header: what a download says about where its numbers come from

Where the header goes. A table can be handed on without the page it came from, so every download says which
window, filters and weights made it and from which data version (a Header: a title and rows of label and
value). In the CSV the header comes first as rows of two quoted fields (label, value), then one empty line, then
the table with its own header row: a spreadsheet opens it as one sheet with the provenance on top, and a program
reads the table with skiprows=len(header.rows) + 2. In the workbook the header rows stand above the table on
the same sheet (the title in bold), then an empty row, then the table under a bold header row that is frozen and
carries an autofilter, so sorting and filtering still work on the table alone. Same sheet rather than a second
"Om tabellen" sheet: a printed, copied or mailed sheet then still says where its figures come from, and the CSV
and the workbook read alike. Header values are user text too (a unit's name): they are neutralised like cells.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from netvalue import formats
from netvalue.i18n import label, t
from netvalue.schema import NETWORK_TYPES

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _neutralise_value(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _is_text_column(series: pd.Series) -> bool:
    return pd.api.types.is_object_dtype(series.dtype) or pd.api.types.is_string_dtype(series.dtype)


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of df where every text cell that a spreadsheet would read as a formula starts with an apostrophe.

    Numbers, dates and missing values are untouched; so are the column names; the input is not mutated.
    """
    out = df.copy()
    for column in out.columns:
        series = out[column]
        if _is_text_column(series):
            out[column] = series.map(_neutralise_value, na_action="ignore").astype(series.dtype)
    return out


def _safe_header(df: pd.DataFrame) -> pd.DataFrame:
    """Neutralise the column names too (for the written file only)."""
    return df.rename(columns={c: _neutralise_value(c) for c in df.columns if isinstance(c, str)})


def _for_file(df: pd.DataFrame) -> pd.DataFrame:
    # Round to what the page shows (formats.with_decimals on the frame; two decimals when it says nothing), so
    # a download never holds "65,38581386725991" where the page said 65.
    out = _safe_header(neutralise_formulas(formats.round_frame(df)))
    for column in out.columns:
        if isinstance(out[column].dtype, pd.DatetimeTZDtype):
            out[column] = out[column].dt.tz_localize(None)
    return out


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _csv_column(series: pd.Series, decimal: str) -> list[str]:
    """One column's cells as CSV fields: text always quoted, numbers and dates bare, missing values empty."""
    missing = series.isna().to_numpy()
    if pd.api.types.is_bool_dtype(series.dtype) or not (
            pd.api.types.is_numeric_dtype(series.dtype) or pd.api.types.is_datetime64_any_dtype(series.dtype)):
        values = series.tolist()
        return ["" if gone else _quoted(v) if isinstance(v, str) else _number(v, decimal)
                for v, gone in zip(values, missing, strict=True)]
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        times = series.dropna()
        midnight = bool((times == times.dt.normalize()).all())
        text = series.dt.strftime("%Y-%m-%d" if midnight else "%Y-%m-%d %H:%M:%S")
        return ["" if gone else v for v, gone in zip(text.tolist(), missing, strict=True)]
    return ["" if gone else _number(v, decimal) for v, gone in zip(series.tolist(), missing, strict=True)]


def _number(value: object, decimal: str) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _quoted(str(value))  # a date or anything else in a text column is text
    text = repr(value) if isinstance(value, float) else str(value)
    return text.replace(".", decimal)


@dataclass(frozen=True)
class Header:
    """What a download says above its table: a title and (label, value) rows."""

    title: str
    rows: tuple[tuple[str, str], ...] = ()


def types_text(types: Sequence[str], lang: str) -> str:
    """The network types chosen, as a reader names them ('alle tre typer' when all are)."""
    if set(types) >= set(NETWORK_TYPES):
        return t("report.fact.all_types", lang)
    return ", ".join(label("type", x, lang) for x in NETWORK_TYPES if x in types) or "–"


def header(title: str, lang: str, *, window: str | None, types: Sequence[str], unit: str | None, weights: str,
           version: int | None, made: datetime | None = None, extra: Sequence[tuple[str, str]] = ()) -> Header:
    """The provenance of a table: its title, the window as the page names it, the network types, the part of the
    organisation (None: the whole municipality), the weights in words, the store's data version and when the
    file was made. extra: further rows a table needs (the earlier window of the overview's key figures)."""
    rows = [(t("report.fact.window", lang), window or "–"), *extra,
            (t("report.fact.types", lang), types_text(types, lang)),
            (t("report.fact.unit", lang), unit or t("report.fact.whole", lang)),
            (t("report.fact.weights", lang), weights),
            (t("export.version", lang), "–" if version is None else str(version))]
    if made is not None:
        rows.append((t("export.made", lang), made.strftime("%Y-%m-%d %H:%M")))
    return Header(title, tuple(rows))


def _header_cells(head: Header) -> list[tuple[str, str]]:
    return [(_neutralise_value(str(head.title)), ""),
            *((_neutralise_value(str(k)), _neutralise_value(str(v))) for k, v in head.rows)]


def to_csv_bytes(df: pd.DataFrame, danish: bool = True, header: Header | None = None) -> bytes:
    """CSV bytes. danish=True: ';' separator and decimal comma, UTF-8 with BOM so Danish Excel reads æøå.

    danish=False: ',' separator and decimal point, plain UTF-8. Every text field (and every column name) is
    quoted, so a spreadsheet that splits on the other locale's separator cannot cut a cell like
    ``Netværk;=cmd|…`` into a formula; numbers and dates stay bare, so spreadsheets read them as numbers and dates.
    Rows end in CRLF: a spreadsheet also ends a row at a bare CR. header: the provenance rows above the table
    (see the module's docstring), every field quoted and neutralised.
    """
    out = _for_file(df)
    sep, decimal = (";", ",") if danish else (",", ".")
    columns = [_csv_column(out.iloc[:, i], decimal) for i in range(out.shape[1])]
    names = sep.join(_quoted(str(c)) for c in out.columns)
    lines = [names, *(sep.join(cells) for cells in zip(*columns, strict=True))] if columns else [names]
    if header is not None:
        top = [_quoted(k) + (sep + _quoted(v) if v else "") for k, v in _header_cells(header)]
        lines = [*top, "", *lines]
    text = "\r\n".join(lines) + "\r\n"
    return text.encode("utf-8-sig" if danish else "utf-8")


def _sheet_title(sheet_name: str) -> str:
    title = _SHEET_FORBIDDEN.sub(" ", str(sheet_name or "")).strip().strip("'")
    return (title or "Data")[:31]


def _xlsx_text(value: object) -> object:
    # Excel cannot store most control characters; a vertical tab that ingest let through in a note made the
    # whole download fail. They become U+FFFD, so the reader sees that something was there.
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value) if isinstance(value, str) else value


def to_xlsx_bytes(df: pd.DataFrame, sheet_name: str = "Data", header: Header | None = None) -> bytes:
    """An Excel workbook (openpyxl) with one sheet holding df, formulas neutralised, header row frozen.

    header: the provenance rows above the table (see the module's docstring); the table's header row is then
    bold and carries an autofilter. Numbers stay numbers, shown with the decimals they were rounded to."""
    out = _for_file(df)
    out = out.rename(columns={c: _xlsx_text(c) for c in out.columns})
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(_xlsx_text)
    title = _sheet_title(sheet_name)
    buffer = io.BytesIO()
    top = [] if header is None else [(_xlsx_text(k), _xlsx_text(v)) for k, v in _header_cells(header)]
    first = len(top) + 1 if top else 0  # the table's header row, 0-based for pandas
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        out.to_excel(writer, sheet_name=title, index=False, startrow=first)
        sheet = writer.sheets[title]
        sheet.freeze_panes = f"A{first + 2}"
        for i, (k, v) in enumerate(top, start=1):
            sheet.cell(row=i, column=1, value=k).font = Font(bold=True, size=13 if i == 1 else None)
            if v:
                sheet.cell(row=i, column=2, value=v)
        if top:
            for index in range(1, out.shape[1] + 1):
                sheet.cell(row=first + 1, column=index).font = Font(bold=True)
            if out.shape[1]:
                last = sheet.cell(row=first + 1 + len(out), column=out.shape[1]).coordinate
                sheet.auto_filter.ref = f"A{first + 1}:{last}"
        spec = formats.decimals_of(df)
        for index, column in enumerate(out.columns, start=1):
            values = [str(column), *(str(v) for v in out[column].head(200).tolist())]
            width = min(60, max(8, max(len(v) for v in values) + 2))
            letter = sheet.cell(row=first + 1, column=index).column_letter
            sheet.column_dimensions[letter].width = width
            places = spec.get(df.columns[index - 1])
            if places and pd.api.types.is_float_dtype(out[column].dtype):
                for row in range(first + 2, first + 2 + len(out)):
                    sheet.cell(row=row, column=index).number_format = "0." + "0" * int(places)
    return buffer.getvalue()
