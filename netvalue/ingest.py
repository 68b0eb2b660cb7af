"""Bytes -> typed record frames, with row-level problems (file, line, column, value, what, expected).

Reads what Danish Excel writes: `;`, `,` or tab; decimal comma; cp1252, UTF-8 (with or without BOM) and
UTF-16; dd-mm-yyyy dates; Danish headers and values; .xlsx workbooks with one record type per sheet.
Nothing here writes: `prepare` returns a LoadPlan or raises IngestError listing every problem.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Protocol

import numpy as np
import pandas as pd

from netvalue import privacy, workbook
from netvalue.i18n import t
from netvalue.loadrules import (  # the pandas-free half, re-exported: ingest.IngestError is loadrules' class
    _AFFIX,
    _AMBIGUOUS,
    _COMMA_EVIDENCE,
    _POINT_EVIDENCE,
    _SPACES,
    _SPACES_OR_MINUS,
    _WS,
    HEADER_SCAN,
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_FILES,
    MAX_PROBLEMS_KEPT,
    MAX_PROBLEMS_PER_KIND,
    YEARS,
    IngestError,
    LoadPlan,
    NumberStyle,
    Problem,
    _clip,
    _kind,
    decide_style,
    decode,
    detect_record_type,
    sniff_delimiter,
)
from netvalue.loadrules import DECIMAL_QUESTIONS as DECIMAL_QUESTIONS
from netvalue.loadrules import DECIMALS as DECIMALS
from netvalue.loadrules import FILE_TYPES as FILE_TYPES
from netvalue.loadrules import GROUP_AFTER as GROUP_AFTER
from netvalue.schema import LOAD_ORDER, RECORD_TYPES, RecordType, fold, header_map, value_map
from netvalue.workbook import Change

RELEASE_AFTER = 4 * 1024 * 1024  # bytes read in one load after which unused allocator memory is given back


class KeySource(Protocol):
    """What prepare needs from a store: existing key values and the org tree."""

    def keys(self, name: str, column: str) -> pd.Series: ...

    def table(self, name: str) -> pd.DataFrame: ...


@dataclass
class Table:
    """Raw cells of one CSV file or Excel sheet, before types: header and rows with their line numbers."""

    file: str
    header: list[str]
    cells: pd.DataFrame  # columns are positions 0..n-1; CSV cells are str, Excel cells keep numbers
    lines: np.ndarray
    sheet: str | None = None
    delimiter: str | None = None
    typed: bool = False  # True when cells may hold numbers (Excel); CSV cells are all text
    notes: list[Problem] = field(default_factory=list)  # what the reader passed over, for the user to know
    merged: list[str] = field(default_factory=list)  # merged cell ranges of a sheet
    changes: dict[int, Change] = field(default_factory=dict)  # column position -> cells read as displayed


@dataclass(frozen=True)
class Reread:
    """Cells of one column that netvalue read differently from how they are spelled or stored
    (percent, thousands separators, rounding as displayed, two-digit years, month names)."""

    column: str  # the user's header
    count: int
    examples: tuple[tuple[int, str, str], ...]  # (line, as in the file, as read)
    generated: bool = False  # True: "as in the file" is netvalue's rendering of a cell format, not the user's text


@dataclass
class Parsed:
    """One table typed as a record type: canonical columns, and the line of each row."""

    file: str
    record_type: str
    frame: pd.DataFrame
    lines: np.ndarray
    sheet: str | None = None
    headers: dict[str, str] = field(default_factory=dict)  # canonical column -> the header the file used
    reread: list[Reread] = field(default_factory=list)
    decimal: str | None = None  # the number style the file was read in

    @property
    def source(self) -> str:
        return f"{self.file} [{self.sheet}]" if self.sheet else self.file

    def header(self, column: str) -> str:
        """The file's own name for a canonical column."""
        return self.headers.get(column, column)


def _head_of(table: Table, n: int = 5) -> Table:
    """The table with only its first rows: what a preview of a refused load needs, and no more memory."""
    return Table(table.file, table.header, table.cells.head(n).copy(), table.lines.copy(), table.sheet,
                 table.delimiter, table.typed, table.notes)


class _Collector:
    """Gathers problems, keeping the first few of each kind per column and counting the rest."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.notes: list[Problem] = []
        self.tables: list[Table] = []  # every table read, so a refused load can still be previewed
        self.total = 0
        self._seen: dict[tuple[str, str | None, str | None, str], int] = {}

    def add(self, p: Problem) -> None:
        self.total += 1
        k = _kind(p)
        n = self._seen.get(k, 0)
        if n < MAX_PROBLEMS_PER_KIND and len(self.problems) < MAX_PROBLEMS_KEPT:
            self.problems.append(p)
        self._seen[k] = n + 1

    def rows(self, table: Table | Parsed, mask: np.ndarray | pd.Series, column: str, code: str,
             values: pd.Series | None = None, expected: str = "", expected_key: str = "",
             **params: str) -> None:
        idx = np.flatnonzero(np.asarray(mask, dtype=bool))
        if not len(idx):
            return
        lines = table.lines[idx]
        vals = values.iloc[idx] if values is not None else None
        cap = MAX_PROBLEMS_PER_KIND
        for j, (_i, line) in enumerate(zip(idx, lines, strict=True)):
            if j >= cap:
                self.total += len(idx) - cap
                k = (table.file, table.sheet, column, code)
                self._seen[k] = self._seen.get(k, 0) + len(idx) - cap
                break
            v = None if vals is None else vals.iloc[j]
            self.add(Problem(table.file, int(line), column, None if v is None else str(v), code, expected,
                             table.sheet, tuple(params.items()), expected_key))

    def merge(self, exc: IngestError) -> None:
        """Take over a file's refusal: its problems kept and its counts, also of the problems only counted."""
        for p in exc.problems:
            self.add(p)
        for k, n in exc.counts.items():
            kept = sum(1 for p in exc.problems if _kind(p) == k)
            if n > kept:
                self.total += n - kept
                self._seen[k] = self._seen.get(k, 0) + n - kept

    def lines(self, file: str, lines: Sequence[int], code: str, sheet: str | None = None) -> None:
        """A problem without a column on each of these lines: the first few built, the rest only counted (a
        garbage file has hundreds of thousands of them)."""
        cap = MAX_PROBLEMS_PER_KIND
        for line in lines[:cap]:
            self.add(Problem(file, int(line), None, None, code, sheet=sheet))
        if len(lines) > cap:
            self.total += len(lines) - cap
            k = (file, sheet, None, code)
            self._seen[k] = self._seen.get(k, 0) + len(lines) - cap

    def error(self) -> IngestError:
        exc = IngestError(self.problems, self.total, dict(self._seen), self.notes)
        exc.tables = [_head_of(tb) for tb in self.tables]
        return exc

    def raise_if_any(self) -> None:
        # Raised straight from error(), never bound to a local here: a frame holding its own exception is a
        # reference cycle, and the traceback then keeps every caller's locals (the whole file, its parsed rows)
        # alive until a full garbage collection, which Streamlit's runner no longer does after each run.
        if self.total:
            raise self.error()


# -- bytes -> tables ------------------------------------------------------------------------------
def _looks_binary(text: str) -> bool:
    if "\x00" in text:  # anywhere: text never holds a NUL, and one late in a file must not be stored
        return True
    sample = text[:20000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\r\n") or ch == "\ufffd")
    return bad > max(2, len(sample) // 200)


def _problem(name: str, code: str, line: int | None = None, sheet: str | None = None,
             **params: str | float) -> IngestError:
    return IngestError([Problem(name, line, None, None, code, "", sheet, tuple(params.items()))])


def read_tables(data: bytes, filename: str) -> list[Table]:
    """Split a CSV/text file or an .xlsx/.ods workbook into raw tables. Raises IngestError for what is not
    readable. Notes (sheets skipped, title rows passed over) ride on the tables (Table.notes)."""
    name = PurePath(filename).name or "upload"
    if len(data) > MAX_BYTES:
        # In MiB, as Streamlit counts its 50 MB upload limit, so both say the same limit.
        raise _problem(name, "too_large", size=len(data) / 2**20, limit=f"{MAX_BYTES // 2**20}")
    if not data.strip():
        raise _problem(name, "empty_file")
    if data.startswith(b"PK\x03\x04"):
        return _read_workbook(data, name)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _problem(name, "old_xls")
    text = decode(data)
    if _looks_binary(text):
        raise _problem(name, "not_tabular")
    return [_read_csv_text(text, name)]


def _check_width(text: str, delim: str, name: str) -> None:
    """Refuse a line with more fields than any table may have, before a reader builds them."""
    if text.count(delim) < MAX_COLUMNS:
        return
    for i, line in enumerate(text.split("\n"), start=1):
        if line.count(delim) >= MAX_COLUMNS:
            raise _problem(name, "too_many_columns", i, limit=str(MAX_COLUMNS))


def _fit(header: Sequence[object]) -> tuple[str | None, bool, int]:
    """(best record type, whether the header holds all its required columns, known headers in it)."""
    folded = [fold(h) for h in header if str(h).strip()]
    best: tuple[str | None, bool, int] = (None, False, 0)
    for rt in RECORD_TYPES.values():
        hm = header_map(rt)
        mapped = {hm[h] for h in folded if h in hm}
        required = {c.name for c in rt.columns if c.required}
        cand = (rt.name, required <= mapped, len(mapped))
        if (cand[1], cand[2]) > (best[1], best[2]):
            best = cand
    return best


def _header_row(rows: Sequence[Sequence[object]]) -> int:
    """Which of the first rows is the header: the first that holds a record type's required columns, else the
    one with the most known headers (at least two), else the first."""
    best, best_n = 0, -1
    for i, r in enumerate(rows[:HEADER_SCAN]):
        _, complete, n = _fit(r)
        if complete:
            return i
        if n > best_n and (i == 0 or n >= 2):
            best, best_n = i, n
    return best


def _header_width(rows: Sequence[Sequence[object]]) -> tuple[int, int]:
    """(header row, its width without empty trailing cells), as _table counts the fields a row may have."""
    k = _header_row(rows)
    header = [_WS.sub("", str(h)) if h is not None else "" for h in rows[k]]
    while header and header[-1] == "":
        header.pop()
    return k, len(header)


def _title_note(name: str, lines: Sequence[int], k: int, sheet: str | None) -> Problem:
    return Problem(name, int(lines[k]), None, None, "title_rows", "", sheet,
                   (("n", str(k)), ("line", str(int(lines[k])))))


def _read_csv_text(text: str, name: str) -> Table:
    text = text.lstrip("\ufeff")
    head = "\n".join(line for line in text[:200_000].split("\n")[: HEADER_SCAN * 3] if line.strip())
    delim = sniff_delimiter(head)
    _check_width(text, delim, name)
    fast = _read_csv_fast(text, name, delim)
    if fast is not None:
        return fast
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    rows: list[list[str]] = []
    lines: list[int] = []
    prev = 0
    k, width = 0, -1  # the header row and its width, known once the first rows are in
    too_many: list[int] = []
    try:
        for record in reader:
            start = prev + 1
            prev = reader.line_num
            if not record or all(not c.strip() for c in record):
                continue
            if width >= 0 and len(record) > width and any(c.strip() for c in record[width:]):
                too_many.append(start)  # the file is refused: from here on only the lines are counted
                continue
            if not too_many:
                rows.append(record)
                lines.append(start)
                if len(rows) == HEADER_SCAN:
                    k, width = _header_width(rows)
    except csv.Error:  # e.g. an unclosed quote running past the field size limit
        raise _problem(name, "not_tabular", prev + 1) from None
    if not rows:
        raise _problem(name, "empty_file")
    if too_many:
        early = [ln for r, ln in zip(rows[k + 1:], lines[k + 1:], strict=True)
                 if len(r) > width and any(c.strip() for c in r[width:])]
        col = _Collector()
        col.lines(name, early + too_many, "too_many_fields")
        col.raise_if_any()
    k = _header_row(rows)
    table = _table(name, rows[k], rows[k + 1:], lines[k + 1:], None, delim)
    if k:
        table.notes.append(_title_note(name, lines, k, None))
    return table


def _read_csv_fast(text: str, name: str, delim: str) -> Table | None:
    """A vectorised read for the common case where every record is one physical line; None otherwise.

    The csv-module path above handles everything (quoted line breaks, ragged rows) but costs seconds per
    million rows; this one costs a fraction of a second and gives the same cells and line numbers.
    """
    if len(text) < 100_000 or text.startswith(("\n", "\r")) or ("\r" in text and "\r\n" not in text):
        return None
    body = text.replace("\r\n", "\n") if "\r\n" in text else text
    n_lines = body.count("\n") + (0 if body.endswith("\n") else 1)
    try:
        if '"' not in body and "\n\n" not in body:
            # No quoting and no blank lines: the fastest reader, row i is line i + 1.
            df = pd.read_csv(io.BytesIO(body.encode("utf-8")), sep=delim, header=None, dtype=str,
                             engine="pyarrow", keep_default_na=False)
        else:
            df = pd.read_csv(io.StringIO(body), sep=delim, header=None, dtype=str, engine="c",
                             keep_default_na=False, na_filter=False, skip_blank_lines=False)
    except (ValueError, pd.errors.ParserError, csv.Error, OSError, MemoryError):
        return None
    if len(df) != n_lines or df.shape[1] < 1:
        return None  # a quoted field held a line break: line numbers need the csv-module path
    df = df.fillna("").astype("str")
    df.columns = range(df.shape[1])
    filled = (df != "").any(axis=1).to_numpy()
    if not filled.any():
        raise _problem(name, "empty_file")
    lines = np.flatnonzero(filled) + 1
    df = df[filled]
    k = _header_row([list(r) for r in df.head(HEADER_SCAN).itertuples(index=False)])
    header = [_WS.sub("", h) for h in df.iloc[k]]
    cells = df.iloc[k + 1:].reset_index(drop=True)
    while header and header[-1] == "":
        header.pop()
    width = len(header)
    if cells.shape[1] > width:
        extra = cells.iloc[:, width:]
        over = (extra.apply(lambda c: c.str.strip()) != "").any(axis=1).to_numpy()
        if over.any():
            col = _Collector()
            col.lines(name, lines[k + 1:][over], "too_many_fields")
            col.raise_if_any()
        cells = cells.iloc[:, :width]
    table = Table(name, header, cells, lines[k + 1:].astype(np.int64), None, delim)
    if k:
        table.notes.append(_title_note(name, lines, k, None))
    return table


def _table(name: str, header: list, rows: list[list], lines: list[int], sheet: str | None,
           delim: str | None) -> Table:
    # Spreadsheets pad rows with empty trailing cells and headers with empty trailing columns.
    header = [_WS.sub("", str(h)) if h is not None else "" for h in header]
    while header and header[-1] == "":
        header.pop()
    width = len(header)
    too_many: list[int] = []
    fixed: list[list] = []
    for r, line in zip(rows, lines, strict=True):
        if len(r) > width:
            if any(c not in ("", None) and str(c).strip() for c in r[width:]):
                too_many.append(line)
            r = r[:width]
        elif len(r) < width:
            r = list(r) + [""] * (width - len(r))
        fixed.append(r)
    if too_many:
        col = _Collector()
        col.lines(name, too_many, "too_many_fields", sheet)
        col.raise_if_any()
    cells = pd.DataFrame(fixed, columns=range(width), dtype=object) if fixed else pd.DataFrame(
        columns=range(width), dtype=object)
    return Table(name, header, cells, np.asarray(lines, dtype=np.int64), sheet, delim)


GUIDE_SHEETS = {"guide", "vejledning", "kolonneguide", "column guide"}


def _named_type(sheet: str) -> str | None:
    """The record type a sheet's name names (its English name or its Danish or English label)."""
    f = fold(sheet)
    for rt in RECORD_TYPES.values():
        if f in {fold(rt.name), fold(rt.label_da), fold(rt.label_en)}:
            return rt.name
    return None


def _read_workbook(data: bytes, name: str) -> list[Table]:
    # A damaged workbook can fail anywhere inside the zip, XML or openpyxl readers with almost any exception
    # type; every one of them means the same to the user: the file cannot be read.
    try:
        zf = workbook.open_zip(data)
        k = workbook.kind(zf)
        if k is None:
            raise workbook.WorkbookError("not_tabular")
        sheets = workbook.read_xlsx(zf, data, MAX_COLUMNS) if k == "xlsx" else workbook.read_ods(zf, MAX_COLUMNS)
    except workbook.WorkbookError as exc:
        raise _problem(name, exc.code, **exc.params) from None
    except Exception:
        raise _problem(name, "bad_xlsx") from None
    tables: list[Table] = []
    notes: list[Problem] = []
    for sh in sheets:
        if not sh.rows or sh.name.lower() in GUIDE_SHEETS:
            continue
        k = _header_row(sh.rows)
        rt_name, complete, _ = _fit(sh.rows[k])
        required = [c for c in RECORD_TYPES[rt_name].columns if c.required] if rt_name else []
        hm = header_map(RECORD_TYPES[rt_name]) if rt_name else {}
        held = {hm.get(fold(h)) for h in sh.rows[k] if str(h).strip()} - {None}
        if not (complete or _named_type(sh.name) or (required and len(held & {c.name for c in required})
                                                      >= len(required) - 1)):
            # Notes, an overview, a chart's data: not records. Said, not refused.
            notes.append(Problem(name, None, None, _clip(", ".join(str(c) for c in sh.rows[k] if str(c).strip())),
                                 "sheet_skipped", "", sh.name))
            continue
        table = _table(name, sh.rows[k], sh.rows[k + 1:], sh.lines[k + 1:], sh.name, None)
        table.typed = True
        table.merged = sh.merged
        table.changes = sh.changes
        if k:
            table.notes.append(_title_note(name, sh.lines, k, sh.name))
        tables.append(table)
    if not tables:
        if notes:
            raise IngestError([Problem(name, None, None, None, "no_record_sheets", ", ".join(RECORD_TYPES), None,
                                       (("sheets", ", ".join(p.sheet or "" for p in notes)),
                                        ("types", ", ".join(RECORD_TYPES))),
                                       "expected.record_types")])
        raise _problem(name, "empty_file")
    tables[0].notes[:0] = notes
    return tables


# -- typed conversion -----------------------------------------------------------------------------
# Plain pattern strings (not compiled), written for RE2 ([0-9] not \d, literal characters not \u escapes),
# so pandas runs them vectorised on Arrow strings instead of falling back to Python's re row by row.
_NUM_COMMA = r"^[+-]?(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?(?:[eE][+-]?[0-9]+)?$"
_NUM_DOT = r"^[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$"


def _on_distinct(raw: pd.Series, fn: Callable[[pd.Series], pd.Series | np.ndarray]) -> pd.Series | np.ndarray:
    """fn computed once per distinct cell and spread back over the rows.

    A large file repeats itself (a million measurement rows hold some 80 months and a few thousand values),
    so typing the distinct spellings is several times cheaper than typing every row.
    """
    if len(raw) < 10_000 or raw.dtype == object:
        return fn(raw)
    codes, uniq = pd.factorize(raw, use_na_sentinel=False)
    if len(uniq) > len(raw) // 2:
        return fn(raw)
    res = fn(pd.Series(uniq, dtype=raw.dtype))
    spread = np.asarray(res)[codes]
    return pd.Series(spread, index=raw.index, dtype=res.dtype) if isinstance(res, pd.Series) else spread


def _clean(s: pd.Series, typed: bool = True) -> pd.Series:
    """Cells as stripped strings ('' for empty); numbers from Excel (typed cells) stay numbers."""
    if not typed:
        return _on_distinct(s.fillna("").astype("str"), lambda u: u.str.strip().str.strip("\ufeff"))
    return s.map(lambda v: _WS.sub("", v) if isinstance(v, str) else ("" if v is None else v)).astype(object)


def _is_str(s: pd.Series) -> np.ndarray:
    return s.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)


_GROUPED = "(?i)^[+-]?[0-9]{1,3}(?:[., \xa0\u202f][0-9]{3})+(?:[.,][0-9]+)?$|%|kr|dkk"


def _bare(txt: pd.Series) -> pd.Series:
    """Spellings without the spaces, minus sign, percent and currency a spreadsheet may show around a number."""
    if txt.str.contains(_SPACES_OR_MINUS + "|%|[kK][rR]|[dD][kK][kK]", regex=True).any():
        txt = txt.str.replace(_AFFIX, "", regex=True).str.replace(_SPACES, "", regex=True)
        txt = txt.str.replace("\u2212", "-", regex=False)
    return txt


def number_style(values: pd.Series, delimiter: str | None, answer: str | None = None) -> NumberStyle:
    """decide_style over a whole file's number cells, vectorised (loadrules.number_style does it in Python)."""
    txt = values[values != ""].astype("str")
    uniq = _bare(pd.Series(txt.unique(), dtype="str"))
    comma_hit = uniq.str.match(_COMMA_EVIDENCE).to_numpy(dtype=bool)
    point_hit = uniq.str.match(_POINT_EVIDENCE).to_numpy(dtype=bool)
    amb = uniq.str.match(_AMBIGUOUS).to_numpy(dtype=bool) & ~comma_hit & ~point_hit
    return decide_style(*(uniq[m].tolist() for m in (comma_hit, point_hit, amb)), delimiter, answer)


def parse_numbers(s: pd.Series, decimal: str) -> pd.Series:
    """Floats from cleaned cells; NaN where a non-empty cell is not a number in the given style. A trailing
    % or a kr./DKK around the number is how a spreadsheet showed it: the number is read as shown."""
    out = pd.Series(np.nan, index=s.index, dtype="float64")
    if s.dtype == object:
        is_num = s.map(lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)).to_numpy(dtype=bool)
    else:
        is_num = np.zeros(len(s), dtype=bool)
    if is_num.any():
        out[is_num] = s[is_num].astype("float64")
    txt_mask = ~is_num & (s != "").to_numpy(dtype=bool)
    if txt_mask.any():
        txt = _bare(s[txt_mask].astype("str"))
        if decimal == ",":
            ok = txt.str.match(_NUM_COMMA)
            norm = txt.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
        else:
            ok = txt.str.match(_NUM_DOT)
            norm = txt.str.replace(",", "", regex=False)
        out[txt.index[ok.to_numpy(dtype=bool)]] = pd.to_numeric(norm[ok], errors="coerce").to_numpy()
    return out.where(np.isfinite(out))  # 1e999 or 400 digits overflow to infinity: not a number


_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DATE_DK = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})(?: \d{1,2}[:.]\d{2}(?:[:.]\d{2})?)?$")
_DATE_DK2 = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{2})$")  # 31-03-15: LibreOffice's Danish short date
_DATE_NAMED = re.compile(r"^(\d{1,2})\.?[-. ]+([^\W\d_]{3,9})\.?[-. ]+(\d{4}|\d{2})$")  # 31. mar 2015, 31-mar-15
_MONTH_ISO = re.compile(r"^(\d{4})-(\d{1,2})$")
_MONTH_DK = re.compile(r"^(\d{1,2})[-./](\d{4})$")
_MONTH_NAMED = re.compile(r"^([^\W\d_]{3,9})\.?[-. /]+(\d{4}|\d{2})$")  # mar-15, maj-15, dec-13, marts 2015
_MONTH_ISO_FAST = r"[0-9]{4}-[0-9]{2}"
_DATE_ISO_FAST = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_REREAD_DATES = (_DATE_DK2, _DATE_NAMED, _MONTH_NAMED)  # spellings the preview shows as reinterpreted

# Danish month names and abbreviations, and the English ones (none of which means another month in Danish).
MONTHS: dict[str, int] = {}
for _i, _names in enumerate((
        ("januar", "jan", "january"), ("februar", "feb", "february"), ("marts", "mar", "march"),
        ("april", "apr"), ("maj", "may"), ("juni", "jun", "june"), ("juli", "jul", "july"),
        ("august", "aug"), ("september", "sep", "sept"), ("oktober", "okt", "october", "oct"),
        ("november", "nov"), ("december", "dec")), start=1):
    for _n in _names:
        MONTHS[_n] = _i
TWO_DIGIT_PIVOT = 30  # 00-29 is 2000-2029, 30-99 is 1930-1999, as LibreOffice reads two-digit years




def _ymd(y: pd.Series, m: pd.Series, d: pd.Series) -> pd.Series:
    year = pd.to_numeric(y)
    short = (y.astype("str").str.len() == 2).to_numpy(dtype=bool)
    if short.any():
        year = year.where(~short, year + np.where(year < TWO_DIGIT_PIVOT, 2000, 1900))
    year = year.where((year >= YEARS[0]) & (year <= YEARS[1]))
    month_txt = m.astype("str").str.lower().str.rstrip(".")
    month = pd.to_numeric(month_txt.map(lambda v: MONTHS.get(v, v)), errors="coerce")
    frame = pd.DataFrame({"year": year, "month": month, "day": pd.to_numeric(d, errors="coerce")})
    return pd.to_datetime(frame, errors="coerce")


def parse_dates(s: pd.Series, month: bool = False) -> pd.Series:
    """Dates (datetime64, NaT when not a real date) from ISO, dd-mm-yyyy, dd.mm.yyyy, dd-mm-yy and dates with
    a month name; with month=True also yyyy-mm, mm-yyyy and mar-15 / maj 2015, and every date becomes the first
    of its month."""
    txt = s.astype("str")
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[s]")
    pending = txt != ""
    # The common exact forms first, vectorised; whatever they leave goes through the patterns below.
    for fmt, rx in (((_MONTH_ISO_FAST, "%Y-%m"),) if month else ()) + ((_DATE_ISO_FAST, "%Y-%m-%d"),):
        if not pending.any():
            break
        cand = pending & txt.str.fullmatch(fmt).fillna(False)
        if cand.any():
            parsed = pd.to_datetime(txt[cand], format=rx, errors="coerce")
            ok = parsed.notna() & parsed.dt.year.between(*YEARS)
            out[ok[ok].index] = parsed[ok].astype("datetime64[s]").to_numpy()
            pending[ok[ok].index] = False
    patterns: list[tuple[re.Pattern, tuple[int, int, int | None]]] = [
        (_DATE_ISO, (1, 2, 3)), (_DATE_DK, (3, 2, 1)), (_DATE_DK2, (3, 2, 1)), (_DATE_NAMED, (3, 2, 1))]
    if month:
        patterns += [(_MONTH_ISO, (1, 2, None)), (_MONTH_DK, (2, 1, None)), (_MONTH_NAMED, (2, 1, None))]
    for rx, (yi, mi, di) in patterns:
        if not pending.any():
            break
        ex = txt[pending].str.extract(rx)
        hit = ex[0].notna()
        if not hit.any():
            continue
        ex = ex[hit]
        d = ex[di - 1] if di else pd.Series("1", index=ex.index)
        parsed = _ymd(ex[yi - 1], ex[mi - 1], d)
        out[ex.index] = parsed.astype("datetime64[s]").to_numpy()
        pending[ex.index] = False
    if month:
        out = out.dt.to_period("M").dt.to_timestamp().astype("datetime64[s]")
    return out


def cpr_hits(text: pd.Series) -> np.ndarray:
    """Rows whose text holds a CPR number in any spelling (netvalue.privacy.hits)."""
    return privacy.hits(text)


def mask_cpr(text: str) -> str:
    """The text with every CPR number masked, so a report never echoes one (netvalue.privacy.mask)."""
    return privacy.mask(text)


def _reread(table: Table, mask: np.ndarray, raw: pd.Series, read: pd.Series, column: str, kind: str) -> Reread | None:
    """The cells of one column netvalue read differently from their spelling, with a few examples."""
    idx = np.flatnonzero(mask)
    if not len(idx):
        return None
    ex = []
    for i in idx[:5]:
        v = read.iloc[i]
        shown = (pd.Timestamp(v).strftime("%Y-%m" if kind == "month" else "%Y-%m-%d") if kind in ("date", "month")
                 else f"{float(v):.10g}")
        ex.append((int(table.lines[i]), str(raw.iloc[i]), shown))
    return Reread(column, len(idx), tuple(ex))


def _convert(table: Table, rt: RecordType, colmap: dict[int, str], col: _Collector, decimal: str | None) -> Parsed:
    """Type every cell of a mapped table; decimal None: the number style waits for the user, so number
    spellings are not judged yet."""
    present = {name: pos for pos, name in colmap.items()}
    headers = {name: table.header[pos] for name, pos in present.items()}
    frame: dict[str, pd.Series] = {}
    reread: list[Reread] = []
    n = len(table.cells)
    for c in rt.columns:
        user = headers.get(c.name, c.name)
        if c.name in present:
            raw = _clean(table.cells[present[c.name]], table.typed)
        else:
            raw = pd.Series([""] * n, dtype="str")
        raw.index = range(n)
        empty = (raw == "").to_numpy(dtype=bool)
        if c.default is not None:
            raw = raw.where(~empty, c.default)
            empty = np.zeros(n, dtype=bool)
        if c.required:
            col.rows(table, empty, user, "missing_value")
        if c.kind in ("id", "text", "free"):
            val = raw.astype(str).where(~empty, None)
            if c.kind in privacy.SCREENED_KINDS:
                hits = _on_distinct(raw.astype("str"), cpr_hits)
                if hits.any():
                    masked = raw.astype("str").where(hits, "").map(mask_cpr)  # the text around it helps
                    col.rows(table, hits, user, "cpr", masked, expected_key="expected.no_cpr")
            frame[c.name] = val.astype("str")
        elif c.kind == "enum":
            vm = value_map(c)
            spelled = raw.astype("str")
            lookup = {v: vm.get(fold(v)) if v else None for v in spelled.unique() if isinstance(v, str)}
            mapped = spelled.map(lookup)
            mapped = mapped.where(mapped.isin(c.allowed))  # an alias shared with another column may not fit
            bad = ~empty & mapped.isna().to_numpy(dtype=bool)
            col.rows(table, bad, user, "not_allowed", raw, ", ".join(c.allowed))
            frame[c.name] = mapped.astype("str")
        elif c.kind in ("int", "float"):
            num = _on_distinct(raw, lambda u, d=decimal or ",": parse_numbers(u, d))
            bad = ~empty & num.isna().to_numpy(dtype=bool)
            if decimal is None:  # the question comes first; a spelling is judged once the style is known
                txt_bad = bad & (_is_str(raw) if table.typed else np.ones(n, dtype=bool))
                bad = bad & ~txt_bad
            exp = "expected.integer" if c.kind == "int" else "expected.number"
            col.rows(table, bad, user, "bad_number" if c.kind == "float" else "bad_integer", raw,
                     expected_key=exp)
            if c.kind == "int":
                frac = ~bad & ~empty & (num % 1 != 0).to_numpy(dtype=bool)
                col.rows(table, frac, user, "bad_integer", raw, expected_key=exp)
                neg = ~bad & ~empty & (num < 0).to_numpy(dtype=bool)
                col.rows(table, neg, user, "negative", raw, expected_key=exp)
                frame[c.name] = num.where(~(frac | neg)).round().astype("Int64")
            else:
                frame[c.name] = num
            ok = ~empty & num.notna().to_numpy(dtype=bool)
            pos = present.get(c.name)
            change = table.changes.get(pos) if pos is not None else None
            if change is not None and change.count:
                reread.append(Reread(user, change.count, tuple(change.examples), change.generated))
            elif pos is not None:
                strs = _is_str(raw) if table.typed else np.ones(n, dtype=bool)
                if strs.any():
                    spelled = raw.where(strs, "").astype("str")
                    grouped = _on_distinct(spelled, lambda u: u.str.contains(_GROUPED, regex=True)
                                           .fillna(False).to_numpy(dtype=bool))
                    r = _reread(table, ok & strs & np.asarray(grouped, dtype=bool), raw, num, user, c.kind)
                    if r:
                        reread.append(r)
        else:  # date, month
            d = _on_distinct(raw, lambda u, m=c.kind == "month": parse_dates(u, month=m))
            bad = ~empty & d.isna().to_numpy(dtype=bool)
            col.rows(table, bad, user, f"bad_{c.kind}", raw, expected_key=f"expected.{c.kind}")
            frame[c.name] = d
            ok = ~empty & d.notna().to_numpy(dtype=bool)
            if ok.any():
                spelled = raw.astype("str")
                odd = _on_distinct(spelled, lambda u: np.logical_or.reduce(
                    [u.str.match(rx.pattern).fillna(False).to_numpy(dtype=bool) for rx in _REREAD_DATES]))
                r = _reread(table, ok & np.asarray(odd, dtype=bool), raw, d, user, c.kind)
                if r:
                    reread.append(r)
    out = pd.DataFrame(frame, index=range(n))[rt.column_names]
    return Parsed(table.file, rt.name, out, table.lines, table.sheet, headers, reread, decimal)


def map_columns(table: Table, col: _Collector) -> tuple[RecordType, dict[int, str]] | None:
    """The table's record type and which position holds which canonical column; None (with problems) when
    the header does not fit."""
    rt_name = detect_record_type(table.header, table.file if table.sheet is None else table.sheet)
    header_line = int(table.lines[0]) - 1 if len(table.lines) and table.sheet is None else None
    if any(p.code == "title_rows" for p in table.notes):
        header_line = next(int(p.line) for p in table.notes if p.code == "title_rows" and p.line is not None)
    if rt_name is None:
        col.add(Problem(table.file, 1 if table.sheet is None else None, None, _clip(", ".join(table.header)),
                        "unknown_type", ", ".join(RECORD_TYPES), table.sheet))
        return None
    rt = RECORD_TYPES[rt_name]
    hm = header_map(rt)
    colmap: dict[int, str] = {}
    before = col.total
    for pos, h in enumerate(table.header):
        if not h.strip():
            if table.cells[pos].map(lambda v: str(v).strip() != "").any():
                col.add(Problem(table.file, header_line, f"#{pos + 1}", "", "unknown_column",
                                ", ".join(rt.column_names), table.sheet))
            continue
        name = hm.get(fold(h))
        if name is None:
            col.add(Problem(table.file, header_line, h, None, "unknown_column", ", ".join(rt.column_names),
                            table.sheet))
        elif name in colmap.values():
            col.add(Problem(table.file, header_line, h, None, "duplicate_column", "", table.sheet))
        else:
            colmap[pos] = name
    for c in rt.columns:
        if c.required and c.name not in colmap.values():
            col.add(Problem(table.file, header_line, c.name, None, "missing_column", ", ".join(rt.column_names),
                            table.sheet))
    if col.total > before:
        return None
    if table.cells.empty:
        col.add(Problem(table.file, None, None, None, "no_rows", "", table.sheet))
        return None
    return rt, colmap


def _number_cells(mapped: Sequence[tuple[Table, RecordType, dict[int, str]]]) -> pd.Series:
    """Every number cell spelled as text in one file's tables, for its number style."""
    parts = []
    for table, rt, colmap in mapped:
        for pos, name in colmap.items():
            if rt.column(name).kind in ("int", "float"):
                v = _clean(table.cells[pos], table.typed)
                if table.typed:
                    v = v[_is_str(v)]
                parts.append(v.astype("str"))
    return pd.concat(parts, ignore_index=True) if parts else pd.Series(dtype="str")


def _where_first(mapped: Sequence[tuple[Table, RecordType, dict[int, str]]], spelling: str | None) -> Problem:
    """The first cell spelled so, as the place the question points at."""
    for table, rt, colmap in mapped:
        for pos, name in colmap.items():
            if rt.column(name).kind in ("int", "float"):
                v = _bare(_clean(table.cells[pos], table.typed).astype("str"))
                hit = np.flatnonzero((v == spelling).to_numpy(dtype=bool))
                if len(hit):
                    return Problem(table.file, int(table.lines[hit[0]]), table.header[pos], spelling, "", "",
                                   table.sheet)
    table = mapped[0][0]
    return Problem(table.file, None, None, spelling, "", "", table.sheet)


def _num_text(v: float, lang: str) -> str:
    text = f"{v:.6f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "da" else text


def _file_style(mapped: Sequence[tuple[Table, RecordType, dict[int, str]]], answer: str | None,
                col: _Collector) -> str | None:
    """The number style of one file, or None with the question (or the conflict) put to the user."""
    if not mapped:
        return answer or ","
    style = number_style(_number_cells(mapped), mapped[0][0].delimiter if mapped[0][0].sheet is None else None,
                         answer)
    if style.decimal is not None:
        return style.decimal
    if style.comma and style.point:
        at = _where_first(mapped, style.point_example)
        col.add(Problem(at.file, at.line, at.column, style.comma_example, "decimal_conflict", "", at.sheet,
                        (("comma", style.comma_example or ""), ("point", style.point_example or "")),
                        "expected.decimal_answer"))
        return None
    at = _where_first(mapped, style.ambiguous)
    s = style.ambiguous or ""
    grouped = float(re.sub(r"[.,]", "", s) or 0)
    decimal = float(s.replace(",", ".") or 0)
    params = (("value", s), ("thousands_da", _num_text(grouped, "da")), ("thousands_en", _num_text(grouped, "en")),
              ("decimal_da", _num_text(decimal, "da")), ("decimal_en", _num_text(decimal, "en")))
    col.add(Problem(at.file, at.line, at.column, s, "decimal_question", "", at.sheet, params,
                    "expected.decimal_answer"))
    return None


def parse_table(table: Table, col: _Collector, decimal: str | None = None) -> Parsed | None:
    """Map the header to a record type and type every cell; problems go to the collector. Without decimal the
    number style comes from this table alone."""
    m = map_columns(table, col)
    if m is None:
        return None
    if decimal is None:
        decimal = _file_style([(table, *m)], None, col)
    return _finish(table, *m, col, decimal)


def _finish(table: Table, rt: RecordType, colmap: dict[int, str], col: _Collector, decimal: str | None) -> Parsed:
    missing = sum(n for k, n in col._seen.items() if k[0] == table.file and k[1] == table.sheet
                  and k[3] == "missing_value")
    p = _convert(table, rt, colmap, col, decimal)
    now = sum(n for k, n in col._seen.items() if k[0] == table.file and k[1] == table.sheet
              and k[3] == "missing_value")
    if table.merged and now > missing:
        col.add(Problem(table.file, None, None, None, "merged_cells", "", table.sheet,
                        (("ranges", ", ".join(table.merged[:5]) + (" …" if len(table.merged) > 5 else "")),
                         ("n", str(len(table.merged))))))
    return p


# -- rules across rows and files ------------------------------------------------------------------
def _rules(p: Parsed, col: _Collector) -> None:
    f = p.frame
    if p.record_type == "networks":
        _end_before_start(p, col, "started_on", "ended_on")
        selfref = (f["parent_network_id"] == f["network_id"]).fillna(False).to_numpy(dtype=bool)
        col.rows(p, selfref, p.header("parent_network_id"), "self_reference", f["parent_network_id"])
    elif p.record_type == "participation":
        _end_before_start(p, col, "joined_on", "left_on")
    elif p.record_type == "indicators":
        same = (f["worst"] == f["best"]).fillna(False).to_numpy(dtype=bool)
        col.rows(p, same, p.header("best"), "worst_equals_best", f["best"])
    elif p.record_type == "org_units":
        selfref = (f["parent_id"] == f["unit_id"]).fillna(False).to_numpy(dtype=bool)
        col.rows(p, selfref, p.header("parent_id"), "self_reference", f["parent_id"])
        orphan = (f["parent_id"].isna() & f["level"].notna() & (f["level"] != "municipality")).to_numpy(dtype=bool)
        col.rows(p, orphan, p.header("parent_id"), "root_parent", f["level"])


def _end_before_start(p: Parsed, col: _Collector, start: str, end: str) -> None:
    """Rows ending before they start; each message names that row's own start date."""
    f = p.frame
    bad = (f[end] < f[start]).fillna(False).to_numpy(dtype=bool)
    ends, starts = f[end].dt.date.astype(str), f[start].dt.date.astype(str)
    for i in np.flatnonzero(bad):
        col.add(Problem(p.file, int(p.lines[i]), p.header(end), ends.iloc[i], "end_before_start", "", p.sheet,
                        (("start", starts.iloc[i]),)))


def _check_keys(parts: list[Parsed], rt: RecordType, col: _Collector) -> None:
    frame = pd.concat([p.frame[list(rt.key)] for p in parts], ignore_index=True)
    where = np.concatenate([np.full(len(p.frame), i) for i, p in enumerate(parts)])
    lines = np.concatenate([p.lines for p in parts])
    dup = (frame.duplicated(keep=False) & frame.notna().all(axis=1)).to_numpy(dtype=bool)
    if not dup.any():
        return
    keystr = frame[dup].astype(str).agg(" / ".join, axis=1)
    first: dict[str, int] = {}
    for i in np.flatnonzero(dup):
        k = keystr.loc[i]
        if k not in first:
            first[k] = i
            continue
        j = first[k]
        src = parts[where[i]]
        other = f"{parts[where[j]].source}:{lines[j]}"
        key = ", ".join(src.header(k_) for k_ in rt.key)
        col.add(Problem(src.file, int(lines[i]), key, _clip(k), "duplicate_key", "", src.sheet,
                        (("key", key), ("other", other))))


def _check_references(by_type: dict[str, list[Parsed]], store: KeySource | None, col: _Collector) -> None:
    known: dict[tuple[str, str], set] = {}

    def universe(target: str, column: str) -> set:
        if (target, column) not in known:
            vals: set = set()
            for p in by_type.get(target, []):
                vals.update(p.frame[column].dropna().tolist())
            if store is not None:
                vals.update(store.keys(target, column).dropna().tolist())
            known[(target, column)] = vals
        return known[(target, column)]

    for name, parts in by_type.items():
        for fk in RECORD_TYPES[name].foreign_keys:
            allowed = universe(fk.target, fk.target_column)
            for p in parts:
                vals = p.frame[fk.column]
                bad = (vals.notna() & ~vals.isin(allowed)).to_numpy(dtype=bool)
                col.rows(p, bad, p.header(fk.column), "unknown_reference", vals, f"{fk.target}.{fk.target_column}")


def _check_cycles(by_type: dict[str, list[Parsed]], store: KeySource | None, col: _Collector) -> None:
    if "org_units" not in by_type:
        return
    parent: dict[str, str | None] = {}

    def edges(frame: pd.DataFrame) -> dict[str, str | None]:
        # Missing ids are NaN (not None) in pandas' string dtype; a row without a unit_id has no edge.
        return {u: (q if isinstance(q, str) else None)
                for u, q in zip(frame["unit_id"], frame["parent_id"], strict=True) if isinstance(u, str)}

    if store is not None:
        parent.update(edges(store.table("org_units")))
    for p in by_type["org_units"]:
        parent.update(edges(p.frame))
    reported: set[str] = set()
    for p in by_type["org_units"]:
        for i, uid in enumerate(p.frame["unit_id"]):
            if not isinstance(uid, str):
                continue
            seen, cur = [uid], parent.get(uid)
            while cur is not None and cur not in seen and len(seen) < 10_000:
                seen.append(cur)
                cur = parent.get(cur)
            if cur is not None and cur in seen and uid not in reported:
                reported.update(seen)
                col.add(Problem(p.file, int(p.lines[i]), p.header("parent_id"), uid, "cycle", "", p.sheet,
                                (("path", " → ".join([*seen[seen.index(cur):], cur])),)))


Progress = Callable[[str, int, int, str], None]


def prepare(files: Sequence[tuple[str, bytes]], store: KeySource | None = None,
            progress: Progress | None = None, decimal: str | None = None) -> LoadPlan:
    """Read, type and check every file of one load together; raise IngestError with all problems.

    decimal (',' or '.') answers the question of how numbers are written, for files whose own numbers do not
    say (16.500: sixteen thousand five hundred, or sixteen and a half?); without it such a file is refused with
    that question (IngestError.question == 'decimal').

    progress, when given, is called as (step, i, n, name): ("read", i, n, file) before each file,
    ("parse", i, n, file or sheet) before each table and ("check", 0, 1, "") before the checks across files.
    """
    plan, error = None, None
    try:
        plan = _prepare(files, store, progress, decimal)
    except IngestError as exc:
        # Without the traceback, whose frames hold every table read (and callers may keep the error to show).
        error = exc.with_traceback(None)
    if sum(len(b) for _, b in files) > RELEASE_AFTER:
        # pyarrow's allocator (mimalloc) keeps the pages of a large read for reuse: a refused 50 MB file left
        # some 190 MiB resident in the server until the next upload (tools/hostilebench.py).
        import pyarrow as pa

        pa.default_memory_pool().release_unused()
    if error is not None:
        try:
            raise error
        finally:
            del error  # no frame holding its own exception (a cycle that keeps files alive until a full gc)
    return plan  # type: ignore[return-value]


def _prepare(files: Sequence[tuple[str, bytes]], store: KeySource | None, progress: Progress | None,
             decimal: str | None) -> LoadPlan:
    col = _Collector()
    if len(files) > MAX_FILES:
        col.add(Problem(t("where.upload", "en"), None, None, None, "too_many_files", "", None,
                        (("n", str(len(files))), ("limit", str(MAX_FILES)))))
        col.raise_if_any()
    parsed: list[Parsed] = []
    for i, (filename, data) in enumerate(files):
        if privacy.contains_cpr(filename):  # the name would be shown and kept in the load history
            col.add(Problem(filename, None, None, None, "cpr_file_name"))
            continue
        if progress:
            progress("read", i, len(files), filename)
        try:
            tables = read_tables(data, filename)
        except IngestError as exc:
            col.merge(exc)
            continue
        mapped = []
        for table in tables:
            if table.sheet and privacy.contains_cpr(table.sheet):  # shown in the preview, like a file name
                col.add(Problem(table.file, None, None, None, "cpr_sheet_name", sheet=table.sheet))
                continue
            col.tables.append(table)
            col.notes.extend(table.notes)
            m = map_columns(table, col)
            if m is not None:
                mapped.append((table, *m))
        style = _file_style(mapped, decimal, col)
        for j, (table, rt, colmap) in enumerate(mapped):
            if progress:
                where = table.file if table.sheet is None else f"{table.file} [{table.sheet}]"
                progress("parse", j, len(mapped), privacy.mask(where))
            parsed.append(_finish(table, rt, colmap, col, style))
    if progress:
        progress("check", 0, 1, "")
    by_type: dict[str, list[Parsed]] = {}
    for p in parsed:
        _rules(p, col)
        by_type.setdefault(p.record_type, []).append(p)
    for name, parts in by_type.items():
        _check_keys(parts, RECORD_TYPES[name], col)
    _check_references(by_type, store, col)
    _check_cycles(by_type, store, col)
    col.raise_if_any()
    plan = LoadPlan(parsed=parsed, notes=col.notes)
    for name in LOAD_ORDER:
        if name in by_type:
            plan.frames[name] = pd.concat([p.frame for p in by_type[name]], ignore_index=True)
    return plan


def read_directory_files(paths: Sequence[object]) -> list[tuple[str, bytes]]:
    """(name, bytes) pairs for files on disk, as prepare takes them."""
    from pathlib import Path

    return [(Path(p).name, Path(p).read_bytes()) for p in paths]  # type: ignore[arg-type]
