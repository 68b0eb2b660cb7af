"""The upload contract made visible: templates and the column guide (built from netvalue.schema), and the
tables the upload page shows about a load (preview, problem report, history). Pure; no Streamlit.

Templates: per record type a CSV written the way Danish Excel saves it (``;``, decimal comma, UTF-8 with BOM)
with the canonical header and the schema's example row, and one .xlsx workbook with a guide sheet
("Vejledning", which ingest skips) and a sheet per record type. The example rows pass ``ingest.prepare``
when uploaded together: the org_units template carries the example unit's parents up to the municipality, so
that its parent_id points at a row that exists.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from netvalue import export, privacy
from netvalue.i18n import label, t
from netvalue.ingest import IngestError, LoadPlan, Parsed, Problem, Reread, Table, detect_record_type, prepare
from netvalue.schema import LOAD_ORDER, RECORD_TYPES, Column

GUIDE_SHEET = "Vejledning"
XLSX_FILENAME = "netvalue_skabelon.xlsx"
XLSX_MIME = export.XLSX_MIME
CSV_MIME = export.CSV_MIME
PREVIEW_ROWS = 5

# The example unit (schema: U-HJEM-NORD under C-SUO) needs its parents in the same upload, up to the root.
# They also show the ladder of levels and that only the municipality has an empty parent_id.
ORG_PARENTS: tuple[tuple[str, str, str, str], ...] = (
    ("ALB", "Albertslund Kommune", "", "municipality"),
    ("A-BSV", "Børn, Sundhed og Velfærd", "ALB", "area"),
    ("C-SUO", "Center for Sundhed og Omsorg", "A-BSV", "centre"),
)



def _both(key: str, /, **values: str) -> str:
    """A guide heading or cell in both languages: 'dansk / English'."""
    return f"{t(key, 'da', **values)} / {t(key, 'en', **values)}"


GUIDE_COLUMNS = (
    _both("upload.guide_record"),
    _both("upload.guide_column"),
    _both("upload.guide_required"),
    t("upload.guide_doc", "da"),
    t("upload.guide_doc", "en"),
    t("upload.guide_format", "da"),
    t("upload.guide_format", "en"),
    _both("upload.guide_allowed"),
    _both("upload.guide_aliases"),
    _both("upload.guide_example"),
)


# -- templates ------------------------------------------------------------------------------------------------
def example_frame(name: str) -> pd.DataFrame:
    """The example rows of one record type as text, canonical columns (the schema's Column.example)."""
    rt = RECORD_TYPES[name]
    rows = [[c.example for c in rt.columns]]
    if name == "org_units":
        rows = [list(r) for r in ORG_PARENTS] + rows
    return pd.DataFrame(rows, columns=rt.column_names, dtype="str")


def csv_filename(name: str) -> str:
    return f"netvalue_skabelon_{name}.csv"


@functools.cache
def csv_template(name: str) -> bytes:
    """Header and example rows as Danish Excel writes CSV: ';', decimal comma, UTF-8 with BOM."""
    return export.to_csv_bytes(example_frame(name), danish=True)


def _format_text(c: Column, lang: str) -> str:
    if c.kind in ("int", "float", "date", "month"):
        return t("expected.integer" if c.kind == "int" else f"expected.{'number' if c.kind == 'float' else c.kind}",
                 lang)
    if c.kind == "enum":
        return t("expected.one_of", lang, values=", ".join(c.allowed))
    if c.kind == "free":
        return t("expected.no_cpr", lang)
    return ""


def _allowed_text(c: Column) -> str:
    parts = []
    for v in c.allowed:
        danish = [k for k, target in c.value_aliases.items() if target == v and k != v]
        parts.append(f"{v} ({', '.join(danish)})" if danish else v)
    return "; ".join(parts)


def guide_frame() -> pd.DataFrame:
    """Every column of every record type: required, Danish and English description, format, allowed values
    (with the Danish spellings accepted), Danish header aliases and the example."""
    rows = []
    for name in LOAD_ORDER:
        rt = RECORD_TYPES[name]
        for c in rt.columns:
            if c.required:
                required = _both("upload.guide_yes")
            elif c.default is not None:
                required = _both("upload.guide_default", default=c.default)
            else:
                required = _both("upload.guide_no")
            rows.append([f"{rt.name} ({rt.label_da})", c.name, required, c.doc_da, c.doc_en, _format_text(c, "da"),
                         _format_text(c, "en"), _allowed_text(c), ", ".join(c.aliases), c.example])
    return pd.DataFrame(rows, columns=list(GUIDE_COLUMNS), dtype="str")


def _excel_value(c: Column, text: str) -> object:
    """An example cell as Excel would hold it: numbers as numbers, dates as dates, the rest as text."""
    if text == "":
        return None
    if c.kind in ("int", "float"):
        number = float(text.replace(".", "").replace(",", ".")) if "," in text else float(text)
        return int(number) if c.kind == "int" else number
    if c.kind == "date":
        return date.fromisoformat(text)
    return "'" + text if text.startswith(export.FORMULA_PREFIXES) else text


def xlsx_template() -> bytes:
    """One workbook: the guide sheet first, then a sheet per record type with its header and example rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    wb = Workbook()
    guide = wb.active
    guide.title = GUIDE_SHEET
    gf = export.neutralise_formulas(guide_frame())
    guide.append(list(gf.columns))
    for row in gf.itertuples(index=False):
        guide.append(list(row))
    widths = (28, 20, 18, 40, 40, 30, 30, 45, 40, 28)
    for i, w in enumerate(widths, start=1):
        guide.column_dimensions[get_column_letter(i)].width = w
    for cell in guide[1]:
        cell.font, cell.fill = bold, fill
    for row in guide.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    guide.freeze_panes = "C2"
    for name in LOAD_ORDER:
        rt = RECORD_TYPES[name]
        ws = wb.create_sheet(rt.label_da)
        ws.append(rt.column_names)
        for cell in ws[1]:
            cell.font, cell.fill = bold, fill
        for _, ex in example_frame(name).iterrows():
            ws.append([_excel_value(c, ex[c.name]) for c in rt.columns])
        for i, c in enumerate(rt.columns, start=1):
            letter = get_column_letter(i)
            ws.column_dimensions[letter].width = max(14, min(45, len(c.name) + 4, 4 + max(
                len(str(v)) for v in example_frame(name)[c.name])))
            for cell in ws[letter][1:]:
                if c.kind == "date":
                    cell.number_format = "dd-mm-yyyy"
                elif c.kind in ("id", "text", "free", "enum", "month"):
                    cell.number_format = "@"
            if c.kind == "enum":
                # A drop-down of the canonical values; Danish spellings stay allowed, so no error box.
                dv = DataValidation(type="list", formula1='"' + ",".join(c.allowed) + '"', allow_blank=True,
                                    showErrorMessage=False)
                ws.add_data_validation(dv)
                dv.add(f"{letter}2:{letter}5000")
        ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@functools.lru_cache(maxsize=1)
def _schema_examples() -> dict[str, pd.DataFrame]:
    """The example rows of each record type's template, typed as ingest types them."""
    plan = prepare([(csv_filename(n), csv_template(n)) for n in LOAD_ORDER], None)
    return {n: f.reset_index(drop=True) for n, f in plan.frames.items()}


def _same(a: object, b: object) -> bool:
    return (pd.isna(a) and pd.isna(b)) if (pd.isna(a) or pd.isna(b)) else a == b


def example_rows_in(plan: LoadPlan) -> list[tuple[str, int]]:
    """(file [sheet], line of the schema's example) of every table whose rows are the template's example rows in
    full and nothing else: a template uploaded as it came would write made-up data.

    A table that merely holds a row equal to an example is the municipality's own data (the sample's first
    indicator and its units are the template's examples), and is not warned about."""
    examples = _schema_examples()
    hits = []
    for p in plan.parsed:
        ex = examples[p.record_type]
        k = len(ex)
        if len(p.frame) != k:
            continue
        if all(_same(p.frame[c].iloc[i], ex[c].iloc[i]) for i in range(k) for c in p.frame.columns):
            hits.append((p.source, int(p.lines[k - 1])))
    return hits


# -- what the page shows about a load --------------------------------------------------------------------------
@dataclass(frozen=True)
class PreviewItem:
    """One CSV file or Excel sheet of an upload: its record type, row count and first rows."""

    file: str
    sheet: str | None
    record_type: str | None
    rows: int
    head: pd.DataFrame
    typed: bool  # True: as netvalue read it (canonical columns); False: raw cells as in the file
    reread: tuple[Reread, ...] = ()  # columns with cells read differently from their spelling

    @property
    def source(self) -> str:
        return f"{self.file} [{self.sheet}]" if self.sheet else self.file


def _display(p: Parsed, n: int) -> pd.DataFrame:
    """The first n rows as typed, and the example rows of every reinterpreted column (index: line)."""
    rt = RECORD_TYPES[p.record_type]
    lines = set(int(x) for x in p.lines[:n])
    for r in p.reread:
        lines.update(line for line, _, _ in r.examples)
    pick = np.flatnonzero(np.isin(p.lines, sorted(lines)))
    head = p.frame.iloc[pick].copy()
    for c in rt.columns:
        if c.kind in ("date", "month"):
            head[c.name] = head[c.name].dt.strftime("%Y-%m" if c.kind == "month" else "%Y-%m-%d")
    head.index = pd.Index(p.lines[pick], name="#")
    return head


def preview_plan(plan: LoadPlan, n: int = PREVIEW_ROWS) -> list[PreviewItem]:
    """Per file and sheet of a checked load: record type, rows and the first rows as typed (index: line), with
    rows from every column netvalue reinterpreted (55 % → 55)."""
    return [PreviewItem(p.file, p.sheet, p.record_type, len(p.frame), _display(p, n), True, tuple(p.reread))
            for p in plan.parsed]


def preview_checked(plan: LoadPlan, bulk_heads: Sequence[Parsed], n: int = PREVIEW_ROWS) -> list[PreviewItem]:
    """preview_plan, plus the files DuckDB checked (netvalue.bulk.check): their first rows as ingest types them,
    and the rows counted by DuckDB (shared out only when one such file holds them all)."""
    items = preview_plan(plan, n)
    total = sum(plan.bulk_rows.values())
    for p in bulk_heads:
        rows = total if len(bulk_heads) == 1 else len(p.frame)
        items.append(PreviewItem(p.file, p.sheet, p.record_type, rows, _display(p, n), True, tuple(p.reread)))
    return items


def reread_lines(item: PreviewItem, lang: str) -> list[str]:
    """One sentence per reinterpreted column: its name, how many cells, and examples '55 % → 55'."""
    from netvalue.keyfigures import format_number

    out = []
    for r in item.reread:
        examples = ", ".join(f"{_local(shown, lang) if r.generated else shown} → {_local(read, lang)}"
                             for _, shown, read in r.examples[:3])
        out.append(t("upload.reread", lang, column=r.column, n=format_number(r.count, lang), examples=examples))
    return out


def _local(read: str, lang: str) -> str:
    """A read number in the language's decimal mark (dates stay ISO)."""
    number = read.removesuffix(" %")
    if lang == "da" and number.replace(".", "", 1).lstrip("-").isdigit():
        return read.replace(".", ",")
    return read


def _unique(header: Sequence[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, h in enumerate(header):
        h = h or f"#{i + 1}"
        seen[h] = seen.get(h, 0) + 1
        out.append(h if seen[h] == 1 else f"{h} ({seen[h]})")
    return out


def preview_tables(tables: Sequence[Table], n: int = PREVIEW_ROWS) -> list[PreviewItem]:
    """Per table read: the recognised record type (or None), rows and the first raw rows."""
    items = []
    for tb in tables:
        rt = detect_record_type(tb.header, tb.file if tb.sheet is None else tb.sheet)
        head = tb.cells.head(n).iloc[:, : len(tb.header)].copy()
        head.columns = _unique(tb.header)
        # Raw cells of a refused load: the CPR number that refused it must not show here either.
        head = head.map(lambda v: "" if v is None else privacy.mask(v)).astype("str")
        head.columns = [privacy.mask(h) for h in head.columns]
        head.index = pd.Index(tb.lines[: len(head)], name="#")
        sheet = privacy.mask(tb.sheet) if tb.sheet else tb.sheet
        items.append(PreviewItem(privacy.mask(tb.file), sheet, rt, len(tb.lines), head, False))
    return items


def preview_refused(exc: IngestError, n: int = PREVIEW_ROWS) -> list[PreviewItem]:
    """For a refused load: the tables ingest read before refusing it, raw (the files are not read again);
    unreadable files are left out here, the problem report names them."""
    return preview_tables(exc.tables, n)


def preview_files(files: Sequence[tuple[str, bytes]], n: int = PREVIEW_ROWS) -> list[PreviewItem]:
    """Per readable file and sheet: the recognised record type (or None), rows and the first raw rows."""
    from netvalue.ingest import read_tables

    tables = []
    for filename, data in files:
        try:
            tables += read_tables(data, filename)
        except IngestError:
            continue
    return preview_tables(tables, n)


def newest_by_name(files: Sequence[tuple[str, bytes]]) -> tuple[list[tuple[str, bytes]], list[str]]:
    """Keep the newest of files uploaded under the same name (a corrected file dropped on top of the old one),
    in upload order; also return the names that were replaced."""
    last = {name: i for i, (name, _) in enumerate(files)}
    kept = [f for i, f in enumerate(files) if last[f[0]] == i]
    replaced = list(dict.fromkeys(privacy.mask(name) for i, (name, _) in enumerate(files) if last[name] != i))
    return kept, replaced


def expected_text(p: Problem, lang: str) -> str:
    """What was expected, in the language (see Problem.expected_text)."""
    return p.expected_text(lang)


def _problem_text(p: Problem, lang: str) -> str:
    """What is wrong; for a line standing for a repeated cause, with its count and first rows."""
    if p.count > 1 and p.lines:
        where = t("where.rows" if p.sheet else "where.lines", lang, lines=", ".join(map(str, p.lines)))
        return f"{p.message(lang)} – {where}"
    return p.message(lang)


def notes_lines(notes: Sequence[Problem], lang: str) -> list[str]:
    """What the reader passed over (sheets skipped, title rows), one sentence each."""
    return [p.describe(lang) for p in notes]


def problems_frame(problems: Sequence[Problem], lang: str) -> pd.DataFrame:
    """The validation report: file, sheet, line, column, value, problem, expected — headers in the language."""
    cols = [t(f"upload.col_{k}", lang) for k in ("file", "sheet", "line", "column", "value", "problem", "expected")]
    rows = [[p.file, p.sheet or "", p.line, p.column or "", p.value if p.value is not None else "",
             _problem_text(p, lang), expected_text(p, lang)] for p in problems]
    df = pd.DataFrame(rows, columns=cols)
    df[cols[2]] = pd.array(df[cols[2]].tolist(), dtype="Int64")
    for c in cols[:2] + cols[3:]:
        df[c] = df[c].astype("str")
    return df


def load_summary(rows: dict[str, int], lang: str) -> str:
    """'Netværk: 2, Målinger: 1.234' — the row count per record type of a plan, in load order."""
    from netvalue.keyfigures import format_number

    return ", ".join(f"{label('record', k, lang)}: {format_number(v, lang)}" for k, v in rows.items() if v)


def _when(ts: object) -> str:
    return "" if ts is None or pd.isna(ts) else pd.Timestamp(ts).strftime("%Y-%m-%d %H:%M")


def history_frame(batches: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Store.batches() for people: number, when, who, files, added, replaced and whether it is undone (file
    names masked: a batch loaded before names were screened may hold a CPR number)."""
    keys = ("batch", "when", "who", "files", "added", "replaced", "status")
    cols = [t(f"upload.h_{k}", lang) for k in keys]
    status = [t("upload.status_active", lang) if pd.isna(u) else t("upload.status_undone", lang, when=_when(u))
              for u in batches["undone_at"]]
    df = pd.DataFrame({
        cols[0]: batches["batch_id"].astype("int64").to_numpy(),
        cols[1]: [_when(v) for v in batches["loaded_at"]],
        cols[2]: batches["who"].fillna("").astype("str").to_numpy(),
        cols[3]: batches["files"].fillna("").astype("str").map(privacy.mask).to_numpy(),
        cols[4]: batches["added"].astype("int64").to_numpy(),
        cols[5]: batches["replaced"].astype("int64").to_numpy(),
        cols[6]: status,
    })
    for c in (cols[1], cols[6]):
        df[c] = df[c].astype("str")
    return df
