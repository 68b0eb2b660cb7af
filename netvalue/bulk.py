"""The fast path for large measurement CSV files: DuckDB reads, types and checks them inside the load.

ingest.prepare reads every file with pandas, which costs about a second and a half per million measurement
rows. A measurement file of a plain shape (a clean header in the first line, one record per line or quoted
fields, text that decodes as ingest decodes it) is instead handed to Store.load as a CsvSpec: DuckDB reads it
straight into the table in the load's transaction, typing numbers and months only in strict forms that read
the same under ingest's rules. One scan then summarises what arrived (row count, duplicate keys, empty
required cells, every distinct id, evidence level and note, the month range, unknown networks and
indicators) and `judge` applies ingest's rules to that summary.

Anything the fast path cannot prove ingest would read the same way -- a number such as "1.234,5" or " 4,2",
a month outside 1900-2100, whitespace around an id, an unknown alias, a note that looks like a CPR number, a
duplicate key, a ragged line -- rolls the load back before COMMIT, and service.load_files runs the ordinary
path, which gives the same rows or the row-level report. So a file loads to the same rows either way; only
the time differs.
"""

from __future__ import annotations

import codecs
import csv
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from netvalue import loadrules, privacy
from netvalue.schema import RECORD_TYPES, fold, header_map, value_map
from netvalue.store import BulkDeclined, CsvSpec, CsvSummary, LoadResult, Store

if TYPE_CHECKING:  # ingest (and pandas with it) loads only for files the fast path leaves to it
    from netvalue import ingest

MIN_BYTES = 1024 * 1024  # below a megabyte the ordinary path takes well under a second anyway
RECORD_TYPE = "measurements"
HEAD_LINES = 2000  # lines read in Python for the decimal style and the spellings of evidence levels

# A number in the file's own style only: the other separator anywhere means the row is declined, and then
# ingest's number_style over the whole file picks the same style (see test_bulk's spellings test). At most
# fifteen digits, so DuckDB and pandas round alike.
NUMBER_PATTERNS = {
    ".": r"[+-]?[0-9]{1,9}(\.[0-9]{1,6})?",
    ",": r"[+-]?[0-9]{1,9}(,[0-9]{1,6})?",
}
# Where the first lines gave no evidence of the style, a spelling with exactly three decimals (16.500) may be
# a thousands group that ingest would ask about: DuckDB then declines it and ingest decides.
STRICT_PATTERNS = {
    ".": r"[+-]?[0-9]{1,9}(\.([0-9]{1,2}|[0-9]{4,6}))?",
    ",": r"[+-]?[0-9]{1,9}(,([0-9]{1,2}|[0-9]{4,6}))?",
}
# Each of these accepts only spellings ingest.parse_dates also accepts, for the same month.
MONTH_FORMATS = ("%Y-%m", "%Y-%m-%d", "%d-%m-%Y", "%m-%Y", "%d.%m.%Y")


def _scratch() -> str | None:
    """Memory-backed /dev/shm for the copy DuckDB reads when there is one, else the system's temp directory."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def _text_bytes(data: bytes, transcode: bool = False) -> bytes | None:
    """The file without a BOM for DuckDB to read as UTF-8; None for what it should not read.

    DuckDB refuses bytes that are not UTF-8, so a file whose first megabyte is UTF-8 is handed over as it is
    (no second pass over it in Python); otherwise, or with transcode=True for the retry after DuckDB refused
    it, it is decoded as ingest.decode does (cp1252 from Danish Excel) and written as UTF-8.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    if b"\x00" in data[:20000]:
        return None  # UTF-16 or binary: the ordinary path decodes or refuses it
    head = data[: 1 << 20]
    head = head[: head.rfind(b"\n") + 1] or head
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        transcode = True  # not UTF-8 from the start: no point letting DuckDB find out
    if transcode:
        data = loadrules.decode(data).encode("utf-8")
    if b"\r" in data and b"\r\n" not in data:
        return None  # old Mac line ends
    if b'"' in data and any(s in data for s in (b' "', b'\t"', b'\xa0"')):
        # DuckDB drops blanks before an opening quote (and the quotes); Python's csv keeps them all.
        return None
    return data


def _head(data: bytes, delimiter: str) -> list[list[str]]:
    text = data[: 1 << 20].decode("utf-8", errors="ignore")
    lines = text.splitlines()[:HEAD_LINES]
    try:
        return list(csv.reader(lines, delimiter=delimiter))
    except csv.Error:
        return []


def spec_for(filename: str, data: bytes, directory: Path, min_bytes: int = MIN_BYTES,
             transcode: bool = False, decimal: str | None = None) -> CsvSpec | None:
    """A CsvSpec for a measurement CSV the fast path can take (written into directory), else None (also for
    any other file: small, Excel, another record type)."""
    if len(data) < min_bytes or len(data) > loadrules.MAX_BYTES or data.startswith((b"PK\x03\x04", b"\xd0\xcf")):
        return None
    text = _text_bytes(data, transcode)
    if text is None:
        return None
    first = text[: text.find(b"\n")].rstrip(b"\r").decode("utf-8", errors="replace")
    if not first.strip():
        return None
    delimiter = loadrules.sniff_delimiter(first)
    rows = _head(text, delimiter)
    if len(rows) < 2:
        return None
    rt = RECORD_TYPES[RECORD_TYPE]
    if len(rows[0]) > len(rt.columns):
        return None  # unknown or doubled columns, which ingest names; not folded here, 100,000 of them took 0.4 s
    header = [loadrules._WS.sub("", h) for h in rows[0]]
    hm = header_map(rt)
    columns = [hm.get(fold(h)) if h else None for h in header]
    required = {c.name for c in rt.columns if c.required}
    if (None in columns or len(set(columns)) != len(columns) or not required <= set(columns)
            or loadrules.detect_record_type(header, PurePath(filename).name) != RECORD_TYPE):
        return None
    body = [r for r in rows[1:] if len(r) == len(columns)]
    values = [r[columns.index("value")].strip() for r in body]
    style = loadrules.number_style(values, delimiter, decimal)
    if style.decimal is None:
        return None  # ingest asks the user
    evidence = bool(style.comma or style.point) or delimiter == ";"
    pattern = (NUMBER_PATTERNS if evidence else STRICT_PATTERNS)[style.decimal]
    spellings: dict[str, dict[str, str]] = {}
    for c in rt.columns:
        if c.kind == "enum" and c.name in columns:
            vm = value_map(c)
            seen = {r[columns.index(c.name)] for r in body}
            spellings[c.name] = {s: vm[fold(s)] for s in sorted(seen)
                                 if s and s not in c.allowed and vm.get(fold(s)) in c.allowed}
    path = directory / f"{len(list(directory.iterdir()))}.csv"
    path.write_bytes(text)
    return CsvSpec(path, RECORD_TYPE, delimiter, tuple(columns), style.decimal, pattern, MONTH_FORMATS, spellings)


def _clean(value: str) -> bool:
    return value == value.strip().strip("\ufeff")


def judge(summary: CsvSummary) -> bool:
    """True when ingest's rules accept every row the summary describes, with the values DuckDB gave them."""
    rt = RECORD_TYPES[summary.record_type]
    if summary.rows == 0 or summary.distinct_keys != summary.rows or any(summary.missing.values()):
        return False
    if summary.unknown_references:
        return False
    for name, values in summary.distinct.items():
        c = rt.column(name)
        present = [v for v in values if v is not None]
        if not all(_clean(v) for v in present):
            return False
        if c.kind == "enum" and not set(present) <= set(c.allowed):
            return False
        if c.kind in privacy.SCREENED_KINDS and privacy.any_hit(present):
            return False
    for low, high in summary.date_range.values():
        if low is not None and (low.year < loadrules.YEARS[0] or high.year > loadrules.YEARS[1]):
            return False
    return True


def load(store: Store, files: Sequence[tuple[str, bytes]], who: str = "",
         min_bytes: int = MIN_BYTES, decimal: str | None = None) -> tuple[loadrules.LoadPlan, LoadResult] | None:
    """Load files with the measurement CSVs read by DuckDB; None when the ordinary path must do it.

    Files the fast path does not take (small, Excel, other record types, odd shapes) go through ingest.prepare
    into the same batch. None, with nothing written, when no file suits the fast path, when the others do not
    pass ingest.prepare on their own, or when DuckDB's reading is declined.
    """
    try:
        return _load(store, files, who, min_bytes, transcode=False, decimal=decimal)
    except BulkDeclined as exc:
        if exc.stage != "read" or all(data.isascii() for _, data in files):
            return None
    try:  # DuckDB refused the bytes: perhaps cp1252, which ingest decodes; once more, as UTF-8
        return _load(store, files, who, min_bytes, transcode=True, decimal=decimal)
    except BulkDeclined:
        return None


def _prepare(others: Sequence[tuple[str, bytes]], store: Store, decimal: str | None) -> loadrules.LoadPlan:
    """ingest.prepare of the files the fast path leaves (raises IngestError); an empty plan when there are none."""
    if not others:
        return loadrules.LoadPlan()
    from netvalue import ingest

    return ingest.prepare(others, store, decimal=decimal)


def _load(store: Store, files: Sequence[tuple[str, bytes]], who: str, min_bytes: int,
          transcode: bool, decimal: str | None = None, accept=judge, heads: list | None = None,
          ) -> tuple[loadrules.LoadPlan, LoadResult] | None:
    if any(privacy.contains_cpr(name) for name, _ in files):
        return None  # ingest.prepare refuses the name with its report
    with tempfile.TemporaryDirectory(prefix="netvalue-bulk-", dir=_scratch()) as tmp:
        specs: list[CsvSpec] = []
        others: list[tuple[str, bytes]] = []
        names: list[str] = []
        for filename, data in files:
            spec = spec_for(filename, data, Path(tmp), min_bytes, transcode, decimal)
            if spec is None:
                others.append((filename, data))
            else:
                specs.append(spec)
                names.append(PurePath(filename).name or "upload")
                if heads is not None:
                    heads.append((names[-1], spec, data))
        if not specs:
            return None
        try:
            plan = _prepare(others, store, decimal)
        except loadrules.IngestError:
            return None
        plan.bulk_files = names
        result = store.load(plan.frames, who=who, files=plan.files, csv=specs, accept=accept)
        written = result.added.get(RECORD_TYPE, 0) + result.replaced.get(RECORD_TYPE, 0)
        plan.bulk_rows = {RECORD_TYPE: written - len(plan.frames.get(RECORD_TYPE, ()))}
        return plan, result



PREVIEW_BYTES = 64 * 1024  # the head of a file typed by ingest for the preview: far more than its first rows


def check(store: Store, files: Sequence[tuple[str, bytes]], decimal: str | None = None,
          min_bytes: int = MIN_BYTES) -> tuple[loadrules.LoadPlan, list[ingest.Parsed]] | None:
    """The upload page's check of large measurement CSVs, by DuckDB: the same read and judgement as load, in a
    transaction that is always rolled back, so nothing is written. (plan, previews) when load would accept the
    files -- the plan counts the rows, the previews are each bulk file's first rows typed by ingest (only those
    are fetched) -- or None when the ordinary check (ingest.prepare) must do it.
    """
    verdict: list[bool] = []

    def accept_and_roll_back(summary: CsvSummary) -> bool:
        verdict.append(judge(summary))
        counted.append(summary.rows)
        return False  # never write: Store.load rolls the whole batch back

    counted: list[int] = []
    heads: list = []
    for transcode in (False, True):
        verdict.clear()
        counted.clear()
        heads.clear()
        try:
            _load(store, files, "", min_bytes, transcode, decimal, accept_and_roll_back, heads)
        except BulkDeclined as exc:
            if exc.stage == "judge" and verdict and all(verdict):
                break  # load would accept these rows; they were rolled back
            if exc.stage == "read" and not transcode and not all(data.isascii() for _, data in files):
                continue  # perhaps cp1252, which ingest decodes: once more, as UTF-8
            return None
        return None  # no file for the fast path, or the others do not pass on their own
    else:
        return None
    plan = _plan_of(store, files, heads, decimal)
    if plan is None:
        return None
    plan.bulk_rows = {RECORD_TYPE: sum(counted) - len(plan.frames.get(RECORD_TYPE, ()))}
    previews = []
    for name, spec, data in heads:
        p = _preview(name, data, spec.decimal)
        if p is not None:
            previews.append(p)
    return plan, previews


def _plan_of(store: Store, files: Sequence[tuple[str, bytes]], heads: list, decimal: str | None,
             ) -> loadrules.LoadPlan | None:
    bulk_names = {name for name, _, _ in heads}
    others = [(f, d) for f, d in files if (PurePath(f).name or "upload") not in bulk_names]
    try:
        plan = _prepare(others, store, decimal)
    except loadrules.IngestError:
        return None
    plan.bulk_files = [name for name, _, _ in heads]
    return plan


def _preview(name: str, data: bytes, decimal: str) -> ingest.Parsed | None:
    """The first rows of a bulk file typed by ingest's own rules (only these are read for the preview)."""
    from netvalue import ingest

    head = data[:PREVIEW_BYTES]
    head = head[: head.rfind(b"\n") + 1] or head
    try:
        (table,) = ingest.read_tables(head, name)
        col = ingest._Collector()
        return ingest.parse_table(table, col, decimal)
    except (ingest.IngestError, ValueError):
        return None
