"""Downloads: tables as CSV (Danish Excel by default) and Excel workbooks, safe against formula injection.

Pure helpers, no Streamlit. Every writer neutralises text that a spreadsheet would run as a formula
(a cell starting with =, +, -, @, tab or carriage return gets a leading apostrophe), so a network name
typed by a user can never become a formula in a director's Excel.

API (kept stable, other pages use it):
    neutralise_formulas(df) -> DataFrame
    to_csv_bytes(df, danish=True) -> bytes
    to_xlsx_bytes(df, sheet_name) -> bytes
"""

from __future__ import annotations

import io
import re

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from netvalue import formats

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


def to_csv_bytes(df: pd.DataFrame, danish: bool = True) -> bytes:
    """CSV bytes. danish=True: ';' separator and decimal comma, UTF-8 with BOM so Danish Excel reads æøå.

    danish=False: ',' separator and decimal point, plain UTF-8. Every text field (and every column name) is
    quoted, so a spreadsheet that splits on the other locale's separator cannot cut a cell like
    ``Netværk;=cmd|…`` into a formula; numbers and dates stay bare, so spreadsheets read them as numbers and dates.
    Rows end in CRLF: a spreadsheet also ends a row at a bare CR.
    """
    out = _for_file(df)
    sep, decimal = (";", ",") if danish else (",", ".")
    columns = [_csv_column(out.iloc[:, i], decimal) for i in range(out.shape[1])]
    header = sep.join(_quoted(str(c)) for c in out.columns)
    lines = [header, *(sep.join(cells) for cells in zip(*columns, strict=True))] if columns else [header]
    text = "\r\n".join(lines) + "\r\n"
    return text.encode("utf-8-sig" if danish else "utf-8")


def _sheet_title(sheet_name: str) -> str:
    title = _SHEET_FORBIDDEN.sub(" ", str(sheet_name or "")).strip().strip("'")
    return (title or "Data")[:31]


def _xlsx_text(value: object) -> object:
    # Excel cannot store most control characters; a vertical tab that ingest let through in a note made the
    # whole download fail. They become U+FFFD, so the reader sees that something was there.
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value) if isinstance(value, str) else value


def to_xlsx_bytes(df: pd.DataFrame, sheet_name: str = "Data") -> bytes:
    """An Excel workbook (openpyxl) with one sheet holding df, formulas neutralised, header row frozen."""
    out = _for_file(df)
    out = out.rename(columns={c: _xlsx_text(c) for c in out.columns})
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(_xlsx_text)
    title = _sheet_title(sheet_name)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        out.to_excel(writer, sheet_name=title, index=False)
        sheet = writer.sheets[title]
        sheet.freeze_panes = "A2"
        for index, column in enumerate(out.columns, start=1):
            values = [str(column), *(str(v) for v in out[column].head(200).tolist())]
            width = min(60, max(8, max(len(v) for v in values) + 2))
            sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    return buffer.getvalue()
