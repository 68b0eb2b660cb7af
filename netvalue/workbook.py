"""Workbooks (.xlsx, .ods) -> sheets of cells as the person saw them in their spreadsheet.

A number cell is read as displayed: a percent cell showing ``55 %`` (stored 0.549) is 55, and a cell whose
format shows a fixed number of decimals is rounded to them. Every cell changed that way is counted per column
with a few examples, so the upload page can show "55 % → 55". Date cells become ISO dates. Merged cells are
listed by range, because they are the usual cause of many empty values.

The zip is checked before anything is decompressed: members, the uncompressed total and the compression ratio
(a small workbook that expands to a gigabyte is refused, not opened).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from xml.etree import ElementTree as ET

MAX_MEMBERS = 2_000
MAX_UNCOMPRESSED = 32 * 1024 * 1024  # unpacked; about 100,000 rows, read in well under 10 s: larger goes as CSV
MAX_RATIO = 100  # a member that expands more than this (and past a megabyte) is a zip bomb, not a spreadsheet
MAX_ROWS = 2_000_000  # rows of one sheet, counting repeated rows
EXAMPLES = 5


class WorkbookError(Exception):
    """The workbook is refused; code names an ingest problem text, params fill it."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass
class Change:
    """Cells of one column read differently from their stored value (percent, rounding as displayed)."""

    count: int = 0
    examples: list[tuple[int, str, str]] = field(default_factory=list)  # (row, as shown, as read)
    generated: bool = False  # True: "as shown" is netvalue's rendering of the cell's format (decimal point)

    def add(self, row: int, shown: str, read: str) -> None:
        self.count += 1
        if len(self.examples) < EXAMPLES:
            self.examples.append((row, shown, read))


@dataclass
class Sheet:
    name: str
    rows: list[list[object]] = field(default_factory=list)  # str, int or float; '' for empty
    lines: list[int] = field(default_factory=list)  # the row number of each row in the sheet
    merged: list[str] = field(default_factory=list)
    changes: dict[int, Change] = field(default_factory=dict)  # column position -> cells read as displayed

    def change(self, col: int) -> Change:
        return self.changes.setdefault(col, Change())


def open_zip(data: bytes) -> zipfile.ZipFile:
    """The zip, after checking it is not a bomb; WorkbookError otherwise."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise WorkbookError("bad_xlsx", reason="zip") from None
    if len(infos) > MAX_MEMBERS:
        raise WorkbookError("workbook_too_large", size=f"{len(infos)}", limit=f"{MAX_UNCOMPRESSED // 2**20}")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise WorkbookError("workbook_too_large", size=f"{total / 2**20:.0f}", limit=f"{MAX_UNCOMPRESSED // 2**20}")
    for i in infos:
        if i.file_size > 2**20 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise WorkbookError("workbook_ratio", ratio=f"{i.file_size // max(i.compress_size, 1)}")
    return zf


def kind(zf: zipfile.ZipFile) -> str | None:
    """'xlsx', 'ods' or None for a zip that is neither."""
    names = set(zf.namelist())
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "content.xml" in names and "mimetype" in names:
        try:
            mime = zf.read("mimetype")[:100]
        except Exception:  # a damaged member: not a spreadsheet we can read
            return None
        if b"opendocument.spreadsheet" in mime:
            return "ods"
    return None


def column_letter(i: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def round_shown(v: float, decimals: int) -> float:
    """v rounded as a spreadsheet displays it: half away from zero on the value's 15 significant digits, so
    0.285 × 100 (28.499999999999996 in binary) shows as 29, as it does on screen."""
    q = Decimal(f"{v:.15g}").quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return float(q)


def _fmt(v: float, decimals: int) -> str:
    return f"{v:.{decimals}f}"


def _plain(v: float) -> str:
    return f"{v:.10g}"


# -- .xlsx -----------------------------------------------------------------------------------------------------
_FMT_NOISE = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')


def format_decimals(fmt: str | None) -> tuple[bool, int | None]:
    """(percent, decimals shown) of an Excel number format code; decimals None for General, text, scientific."""
    if not fmt or fmt in ("General", "@"):
        return False, None
    sec = _FMT_NOISE.sub("", fmt.split(";")[0])
    percent = "%" in sec
    if "E" in sec.upper() or not re.search(r"[0#?]", sec):
        return percent, (0 if percent else None)
    m = re.search(r"\.([0#?]+)", sec)
    return percent, len(m.group(1)) if m else 0


def _xlsx_cell(v: object, fmt: str | None, sheet: Sheet, row: int, col: int) -> object:
    if v is None:
        return ""
    if isinstance(v, datetime):
        return v.date().isoformat() if v.time() == time(0) else v.isoformat(sep=" ")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, time):
        return v.isoformat()
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, (int, float)):
        percent, decimals = format_decimals(fmt)
        if percent:
            shown = round_shown(v * 100, decimals or 0)
            shown = int(shown) if float(shown).is_integer() else shown
            change = sheet.change(col)
            change.generated = True
            change.add(row, _fmt(v * 100, decimals or 0) + " %", _plain(shown))
            return shown
        if decimals is not None and isinstance(v, float):
            shown = round_shown(v, decimals)
            if shown != v:
                change = sheet.change(col)
                change.generated = True
                change.add(row, _plain(v), _fmt(v, decimals))
            return shown
        return v
    return str(v)


_MAIN = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main")


def _tag(name: str) -> frozenset[str]:
    return frozenset(f"{{{ns}}}{name}" for ns in _MAIN)


_XL_ROW, _XL_C, _XL_V, _XL_IS, _XL_T, _XL_R, _XL_SI, _XL_MERGE = (
    _tag(n) for n in ("row", "c", "v", "is", "t", "r", "si", "mergeCell"))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _string_item(si: ET.Element) -> str:
    """The text of a shared or inline string: plain <t>, or rich-text runs <r><t>; phonetic hints left out."""
    parts = []
    for ch in si:
        if ch.tag in _XL_T:
            parts.append(ch.text or "")
        elif ch.tag in _XL_R:
            parts.extend(t.text or "" for t in ch if t.tag in _XL_T)
    return "".join(parts)


def _part(zf: zipfile.ZipFile, target: str) -> str:
    """A relationship target of xl/workbook.xml as a path in the zip."""
    if target.startswith("/"):
        return target[1:]
    parts: list[str] = ["xl"]
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def _column_index(ref: str) -> int:
    n = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            n = n * 26 + ord(ch) - 64
        else:
            break
    return n - 1


class _Styles:
    """Number format code of each cell style, and whether it shows a date."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        from openpyxl.styles.numbers import BUILTIN_FORMATS

        custom: dict[int, str] = {}
        self.formats: list[str] = []
        try:
            root = ET.fromstring(zf.read("xl/styles.xml"))
        except KeyError:
            root = None
        if root is not None:
            for el in root.iter():
                name = _local(el.tag)
                if name == "numFmt":
                    custom[int(el.get("numFmtId", "0"))] = el.get("formatCode", "General")
            for el in root:
                if _local(el.tag) == "cellXfs":
                    for xf in el:
                        fid = int(xf.get("numFmtId", "0"))
                        self.formats.append(custom.get(fid) or BUILTIN_FORMATS.get(fid, "General"))
        self._date: dict[int, bool] = {}

    def format(self, style: int) -> str:
        return self.formats[style] if 0 <= style < len(self.formats) else "General"

    def is_date(self, style: int) -> bool:
        if style not in self._date:
            from openpyxl.styles.numbers import is_date_format

            self._date[style] = is_date_format(self.format(style))
        return self._date[style]


def read_xlsx(zf: zipfile.ZipFile, data: bytes, max_columns: int) -> list[Sheet]:
    """Every sheet of an .xlsx workbook, streamed from its XML (several times faster than openpyxl's cells);
    WorkbookError when a row is wider than max_columns or a sheet longer than MAX_ROWS."""
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

    book = ET.fromstring(zf.read("xl/workbook.xml"))
    epoch = CALENDAR_WINDOWS_1900
    listed: list[tuple[str, str]] = []
    for el in book.iter():
        name = _local(el.tag)
        if name == "workbookPr" and el.get("date1904") in ("1", "true"):
            epoch = CALENDAR_MAC_1904
        elif name == "sheet":
            rid = next((v for k, v in el.attrib.items() if _local(k) == "id"), "")
            listed.append((el.get("name", f"#{len(listed) + 1}"), rid))
    rels = {el.get("Id"): el.get("Target", "") for el in ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))}
    shared: list[str] = []
    if "xl/sharedStrings.xml" in zf.namelist():
        with zf.open("xl/sharedStrings.xml") as fh:
            for _, el in ET.iterparse(fh):
                if el.tag in _XL_SI:
                    shared.append(_string_item(el))
                    el.clear()
    styles = _Styles(zf)
    sheets = []
    for title, rid in listed:
        sheet = Sheet(title)
        path = _part(zf, rels.get(rid, ""))
        if path not in zf.namelist():
            continue
        with zf.open(path) as fh:
            row_no = 0
            for _, el in ET.iterparse(fh):
                tag = el.tag
                if tag in _XL_ROW:
                    row_no = int(el.get("r") or row_no + 1)
                    cells: list[object] = []
                    pos = -1
                    for c in el:
                        if c.tag not in _XL_C:
                            continue
                        ref = c.get("r")
                        pos = _column_index(ref) if ref else pos + 1
                        kind = c.get("t", "n")
                        v = None
                        if kind == "inlineStr":
                            v = "".join(_string_item(x) for x in c if x.tag in _XL_IS)
                        else:
                            text = next((x.text for x in c if x.tag in _XL_V), None)
                            if text is None:
                                continue
                            if kind == "s":
                                v = shared[int(text)] if text.isdigit() and int(text) < len(shared) else ""
                            elif kind == "n":
                                style = int(c.get("s", "0") or 0)
                                num = float(text)
                                if styles.is_date(style):
                                    v = from_excel(num, epoch)
                                else:
                                    v = int(num) if num.is_integer() and "." not in text and "E" not in text.upper() \
                                        else num
                                    v = _xlsx_cell(v, styles.format(style), sheet, row_no, pos)
                            elif kind == "b":
                                v = "TRUE" if text == "1" else "FALSE"
                            else:  # str (a formula's text), e (an error such as #DIV/0!), d (an ISO date)
                                v = text
                        v = _xlsx_cell(v, None, sheet, row_no, pos) if not isinstance(v, (int, float, str)) else v
                        if v == "" or v is None or (isinstance(v, str) and not v.strip()):
                            continue
                        if pos >= max_columns:
                            raise WorkbookError("too_many_columns", limit=str(max_columns))
                        if len(cells) < pos:
                            cells.extend([""] * (pos - len(cells)))
                        cells.append(v)
                    if cells:
                        if len(sheet.rows) >= MAX_ROWS:
                            raise WorkbookError("too_many_rows", limit=f"{MAX_ROWS:,}")
                        sheet.rows.append(cells)
                        sheet.lines.append(row_no)
                    el.clear()
                elif tag in _XL_MERGE:
                    sheet.merged.append(el.get("ref", ""))
        sheets.append(sheet)
    return sheets


# -- .ods ------------------------------------------------------------------------------------------------------
_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_O = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_X = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE, _ROW, _CELL, _COVERED = _T + "table", _T + "table-row", _T + "table-cell", _T + "covered-table-cell"


def _walk(node: ET.Element, parts: list[str]) -> None:
    if node.text:
        parts.append(node.text)
    for ch in node:
        if ch.tag == _X + "s":
            parts.append(" " * int(ch.get(_X + "c", "1") or 1))
        elif ch.tag == _X + "tab":
            parts.append("\t")
        elif ch.tag == _X + "line-break":
            parts.append("\n")
        else:
            _walk(ch, parts)
        if ch.tail:
            parts.append(ch.tail)


def _text(el: ET.Element) -> str:
    """The text a cell shows: paragraphs joined by line breaks, <text:s c="n"/> as n spaces."""
    paras = []
    for p in el:
        if p.tag in (_X + "p", _X + "h"):
            parts: list[str] = []
            _walk(p, parts)
            paras.append("".join(parts))
    return "\n".join(paras)


def shown_decimals(value: float, shown: str) -> int | None:
    """How many decimals the displayed text gives the value (by its digits, whatever the locale); None if unsure."""
    digits = re.sub(r"\D", "", shown).lstrip("0")
    if not digits or len(digits) > 17:
        return None
    for d in range(0, 11):
        if _fmt(abs(value), d).replace(".", "").lstrip("0") == digits:
            return d
    return None


def _ods_value(el: ET.Element, sheet: Sheet, row: int, col: int) -> object:
    vtype = el.get(_O + "value-type")
    shown = _text(el)
    if vtype in ("float", "currency", "percentage"):
        try:
            v = float(el.get(_O + "value", ""))
        except ValueError:
            return shown
        if vtype == "percentage":
            v *= 100
        d = shown_decimals(v, shown)
        read = round_shown(v, d) if d is not None else v
        read = int(read) if float(read).is_integer() and abs(read) < 2**53 else read
        if vtype == "percentage" or read != v:
            sheet.change(col).add(row, shown, _plain(read))
        return read
    if vtype == "date":
        iso = el.get(_O + "date-value", "")
        return iso[:10] if iso.endswith("T00:00:00") or len(iso) == 10 else iso.replace("T", " ")
    return shown


def read_ods(zf: zipfile.ZipFile, max_columns: int) -> list[Sheet]:
    """Every sheet of an .ods workbook, streamed: repeated empty rows and columns are never expanded."""
    sheets: list[Sheet] = []
    sheet: Sheet | None = None
    stack: list[ET.Element] = []
    row_no = 0
    with zf.open("content.xml") as fh:
        for event, el in ET.iterparse(fh, events=("start", "end")):
            if event == "start":
                stack.append(el)
                if el.tag == _TABLE:
                    sheet = Sheet(el.get(_T + "name", f"#{len(sheets) + 1}"))
                    row_no = 0
                continue
            stack.pop()
            if el.tag == _ROW and sheet is not None:
                repeat = int(el.get(_T + "number-rows-repeated", "1") or 1)
                cells: list[object] = []
                pending = 0
                col = 0
                for c in el:
                    if c.tag not in (_CELL, _COVERED):
                        continue
                    n = int(c.get(_T + "number-columns-repeated", "1") or 1)
                    value = _ods_value(c, sheet, row_no + 1, col) if c.tag == _CELL else ""
                    span_c = int(c.get(_T + "number-columns-spanned", "1") or 1)
                    span_r = int(c.get(_T + "number-rows-spanned", "1") or 1)
                    if span_c > 1 or span_r > 1:
                        sheet.merged.append(f"{column_letter(col)}{row_no + 1}:"
                                            f"{column_letter(col + span_c - 1)}{row_no + span_r}")
                    if value == "" or (isinstance(value, str) and not value.strip()):
                        pending += n
                    else:
                        if col + n > max_columns:
                            raise WorkbookError("too_many_columns", limit=str(max_columns))
                        cells += [""] * pending + [value] * n
                        pending = 0
                    col += n
                if cells:
                    if len(sheet.rows) + repeat > MAX_ROWS:
                        raise WorkbookError("too_many_rows", limit=f"{MAX_ROWS:,}")
                    for k in range(repeat):
                        sheet.rows.append(cells if k == 0 else list(cells))
                        sheet.lines.append(row_no + 1 + k)
                row_no += repeat
                if stack:
                    stack[-1].remove(el)
            elif el.tag == _TABLE and sheet is not None:
                sheets.append(sheet)
                sheet = None
                if stack:
                    stack[-1].remove(el)
    return sheets
