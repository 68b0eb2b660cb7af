"""The half of ingest that needs no table library: what a refused load says, the plan a load makes, and the
rules read from a file's text alone (encoding, delimiter, record type, number style, the years a date may have).

netvalue.ingest builds on this and re-exports every name, so `ingest.IngestError` is this module's class. The
command line's load of a large measurement CSV (netvalue.bulk) needs only this half, so it never imports pandas,
which costs about 0.4 s of start-up.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING

from netvalue import privacy
from netvalue.i18n import t
from netvalue.schema import RECORD_TYPES, fold, header_map

if TYPE_CHECKING:
    import pandas as pd

    from netvalue.ingest import Parsed, Table

MAX_BYTES = 50 * 1024 * 1024
MAX_PROBLEMS_PER_KIND = 20  # per file, column and kind of problem; the total is still counted
MAX_PROBLEMS_KEPT = 2_000  # over all kinds: a file with thousands of bad columns costs no more than this
MAX_COLUMNS = 500  # columns of a table and fields of a line; the widest record type has nine
MAX_FILES = 100  # files in one load
FILE_TYPES = ("csv", "txt", "tsv", "xlsx", "xls", "ods")  # what the upload page's picker offers (.xls: to explain)
HEADER_SCAN = 10  # rows looked through for the header under a title
DECIMAL_QUESTIONS = ("decimal_question", "decimal_conflict")  # problems the user answers by naming the style
DECIMALS = {"comma": ",", "point": "."}  # the answer's names (command line, page) -> the decimal mark
GROUP_AFTER = 3  # a cause repeated more often than this is reported once, with its count and first rows
_WS = re.compile(r"^[\s\u00a0\ufeff]+|[\s\u00a0\ufeff]+$")


# Problems whose expectation is raw text (a list of values, columns, a target) and the sentence it goes in.
_EXPECTED_TEMPLATE = {
    "unknown_reference": ("expected.key_of", "target"),
    "not_allowed": ("expected.one_of", "values"),
    "unknown_column": ("expected.columns", "columns"),
    "missing_column": ("expected.columns", "columns"),
    "unknown_type": ("expected.record_types", "types"),
}


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: str | None
    value: str | None
    code: str
    expected: str = ""
    sheet: str | None = None
    params: tuple[tuple[str, str], ...] = ()
    expected_key: str = ""
    count: int = 1  # > 1: one line standing for this many problems of the same cause
    lines: tuple[int, ...] = ()  # their first rows

    def __post_init__(self) -> None:
        # Whatever a problem quotes (file and sheet names, headers, cells) never carries a CPR number.
        for name in ("file", "sheet", "column", "value"):
            v = getattr(self, name)
            if v:
                object.__setattr__(self, name, privacy.mask(v))

    def expected_text(self, lang: str = "en") -> str:
        """What was expected, in the language: its own text key, or its raw expectation put into words."""
        if self.expected_key:
            return t(self.expected_key, lang, **dict(self.params))
        if self.expected and self.code in _EXPECTED_TEMPLATE:
            key, slot = _EXPECTED_TEMPLATE[self.code]
            return t(key, lang, **{slot: self.expected})
        return self.expected

    def describe(self, lang: str = "en") -> str:
        """One line: where, what is wrong, what was expected."""
        where = [t("where.file", lang, file=self.file)]
        if self.sheet:
            where.append(t("where.sheet", lang, sheet=self.sheet))
        if self.count > 1 and self.lines:
            rows = ", ".join(str(x) for x in self.lines)
            where.append(t("where.rows" if self.sheet else "where.lines", lang, lines=rows))
        elif self.line is not None:
            where.append(t("where.row" if self.sheet else "where.line", lang, line=self.line))
        if self.column:
            where.append(t("where.column", lang, column=self.column))
        if self.value not in (None, ""):
            where.append(t("where.value", lang, value=repr(_clip(self.value))))
        text = ", ".join(where) + ": " + self.message(lang)
        expected = self.expected_text(lang)
        if expected:
            text += " " + t("where.expected", lang, expected=expected)
        return text

    def message(self, lang: str = "en") -> str:
        """What is wrong, with the count when this line stands for many."""
        # A decimal figure in a message (a file's size) is written the reader's way: 52,3 MB in Danish.
        text = t(f"problem.{self.code}", lang, **{k: _decimal(v, lang) for k, v in self.params})
        if self.count > 1:
            text += " " + t("where.times", lang, n=_count(self.count, lang), shown=len(self.lines))
        return text


def _decimal(value: object, lang: str) -> object:
    return f"{value:.1f}".replace(".", "," if lang == "da" else ".") if isinstance(value, float) else value


def _count(n: int, lang: str) -> str:
    return f"{n:,}".replace(",", "." if lang == "da" else ",")


def _clip(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _kind(p: Problem) -> tuple[str, str | None, str | None, str]:
    return (p.file, p.sheet, p.column, p.code)


class IngestError(ValueError):
    """The documented validation error: the load is refused and nothing is written."""

    def __init__(self, problems: Sequence[Problem], total: int | None = None,
                 counts: dict[tuple[str, str | None, str | None, str], int] | None = None,
                 notes: Sequence[Problem] = ()) -> None:
        self.problems = list(problems)
        self.total = total if total is not None else len(self.problems)
        self.counts = counts or {}
        self.notes = list(notes)
        self.tables: list[Table] = []  # the first rows of every table read, for the preview (not read again)
        super().__init__(self.report("en", limit=5))

    @property
    def question(self) -> str | None:
        """'decimal' when the load waits for the user to say how numbers are written; None otherwise."""
        return "decimal" if any(p.code in DECIMAL_QUESTIONS for p in self.problems) else None

    def causes(self) -> list[Problem]:
        """The problems with each repeated cause (file, sheet, column, kind) folded into one line with its count
        and first rows; the question, if any, first."""
        groups: dict[tuple, list[Problem]] = {}
        for p in self.problems:
            groups.setdefault(_kind(p), []).append(p)
        out: list[Problem] = []
        for k, ps in groups.items():
            n = max(self.counts.get(k, len(ps)), len(ps))
            if n > GROUP_AFTER and all(p.line is not None for p in ps):
                first = ps[0]
                out.append(Problem(first.file, first.line, first.column, first.value, first.code, first.expected,
                                   first.sheet, first.params, first.expected_key, n,
                                   tuple(p.line for p in ps[:5] if p.line is not None)))
            else:
                out.extend(ps)
        out.sort(key=lambda p: p.code not in DECIMAL_QUESTIONS)
        return out

    def report(self, lang: str = "en", limit: int | None = 50) -> str:
        causes = self.causes()
        shown = causes if limit is None else causes[:limit]
        lines = [p.describe(lang) for p in shown]
        covered = sum(p.count for p in shown)
        if self.total > covered:
            lines.append(t("problem.more", lang, n=self.total - covered))
        return "\n".join(lines)


@dataclass
class LoadPlan:
    """Validated frames per record type, ready for Store.load, and where they came from."""

    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    parsed: list[Parsed] = field(default_factory=list)
    bulk_files: list[str] = field(default_factory=list)  # files DuckDB read itself (netvalue.bulk)
    bulk_rows: dict[str, int] = field(default_factory=dict)
    notes: list[Problem] = field(default_factory=list)  # sheets skipped, title rows passed over

    @property
    def files(self) -> list[str]:
        return list(dict.fromkeys([*(p.file for p in self.parsed), *self.bulk_files]))

    def rows(self) -> dict[str, int]:
        out = {k: len(v) for k, v in self.frames.items()}
        for k, n in self.bulk_rows.items():
            out[k] = out.get(k, 0) + n
        return out


# -- bytes -> text ---------------------------------------------------------------------------------
def decode(data: bytes) -> str:
    """Text from bytes: BOMs first, then UTF-16 without BOM, UTF-8, and cp1252 (latin-1 for its gaps)."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    else:
        head = data[:4000]
        if len(head) >= 4 and head.count(b"\x00") > len(head) // 3:
            even, odd = head[0::2].count(0), head[1::2].count(0)
            enc = "utf-16-le" if odd > even else "utf-16-be"
            return data.decode(enc, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def _known_headers() -> set[str]:
    return {k for rt in RECORD_TYPES.values() for k in header_map(rt)}


def sniff_delimiter(first_line: str) -> str:
    """The delimiter that splits the line (or lines) into the most known headers, then the most cells."""
    known = _known_headers()
    best, best_score = ",", (-1, -1)
    for d in (";", "\t", ",", "|"):
        score = (-1, -1)
        for line in first_line.split("\n")[:HEADER_SCAN]:
            try:
                cells = next(csv.reader([line.rstrip("\r")], delimiter=d), [])
            except csv.Error:  # e.g. a bare carriage return inside the line
                continue
            cells = cells[: MAX_COLUMNS + 1]  # a wider line is refused anyway; folding 500,000 cells took seconds
            score = max(score, (sum(fold(c) in known for c in cells), len(cells)))
        if score > best_score:
            best, best_score = d, score
    return best


# -- record type ----------------------------------------------------------------------------------
def detect_record_type(header: Sequence[str], filename: str = "") -> str | None:
    """The record type whose required columns the header holds; the file name breaks ties."""
    folded = [fold(h) for h in header if str(h).strip()]
    hint = fold(PurePath(filename).stem) if filename else ""
    best, best_score = None, None
    for rt in RECORD_TYPES.values():
        hm = header_map(rt)
        mapped = {hm[h] for h in folded if h in hm}
        required = {c.name for c in rt.columns if c.required}
        complete = required <= mapped
        named = bool(hint) and (fold(rt.name) in hint or fold(rt.label_da) in hint or fold(rt.label_en) in hint)
        unknown = sum(h not in hm for h in folded)
        score = (complete, len(mapped & required) - unknown, len(mapped), named)
        if best_score is None or score > best_score:
            best, best_score = rt.name, score
    if best_score is None or best_score[2] == 0:
        return None
    return best


YEARS = (1900, 2100)  # a date outside these years is a typing error, not a record


# -- the number style -----------------------------------------------------------------------------
# Plain pattern strings, written for RE2 ([0-9] not \d, literal characters not \u escapes), so ingest's pandas
# runs them vectorised on Arrow strings; Python's re reads them the same way (number_style below).
_SPACES = "[ \t\xa0\u202f]"  # thousands separators Excel may write: space, no-break space, narrow no-break
_SPACES_OR_MINUS = "[ \t\xa0\u202f\u2212]"
# Evidence of a number style in one spelling (spaces, sign, % and currency already gone). A comma followed
# by other than three digits, or after a leading 0 or four digits, or after dot-groups, or two dots: comma style.
_COMMA_EVIDENCE = (r"^[+-]?(?:[0-9]*,(?:[0-9]{1,2}|[0-9]{4,})|0,[0-9]+|[0-9]{4,},[0-9]+"
                   r"|[0-9]{1,3}(?:\.[0-9]{3})+,[0-9]+|[0-9]{1,3}(?:\.[0-9]{3}){2,})$")
_POINT_EVIDENCE = (r"^[+-]?(?:[0-9]*\.(?:[0-9]{1,2}|[0-9]{4,})|0\.[0-9]+|[0-9]{4,}\.[0-9]+"
                   r"|[0-9]{1,3}(?:,[0-9]{3})+\.[0-9]+|[0-9]{1,3}(?:,[0-9]{3}){2,})$")
_AMBIGUOUS = r"^[+-]?[1-9][0-9]{0,2}[.,][0-9]{3}$"  # 16.500 or 1,250: a thousands group or three decimals
_AFFIX = "(?i)^(?:kr\\.?|dkk)[ \xa0]*|[ \xa0]*(?:%|kr\\.?|dkk)$"  # as a spreadsheet shows percent and kroner


@dataclass(frozen=True)
class NumberStyle:
    """How a file writes numbers: decimal ',' or '.', or None when the user must say; with the evidence."""

    decimal: str | None
    comma: int = 0  # spellings that can only be decimal comma (4,5 · 1.234,5 · 1.234.567)
    point: int = 0  # spellings that can only be decimal point
    ambiguous: str | None = None  # the first spelling that reads two ways (16.500)
    comma_example: str | None = None
    point_example: str | None = None


def decide_style(comma: Sequence[str], point: Sequence[str], ambiguous: Sequence[str], delimiter: str | None,
                 answer: str | None = None) -> NumberStyle:
    """The file's number style from its distinct spellings that show a decimal comma, a decimal point, or read
    both ways (each in the order the file has them; an ambiguous one shows neither), never cell by cell.

    One-sided evidence decides. With none, a spelling such as 16.500 (16500 or 16,5?) is read as Danish in a
    ';'-separated file (the list separator of decimal-comma locales) and otherwise waits for the user's answer
    (',' or '.'); so does evidence both ways. Without such spellings the style does not matter.
    """
    ev = {"comma": len(comma), "point": len(point), "ambiguous": ambiguous[0] if ambiguous else None,
          "comma_example": comma[0] if comma else None, "point_example": point[0] if point else None}
    if comma and not point:
        return NumberStyle(",", **ev)
    if point and not comma:
        return NumberStyle(".", **ev)
    if not comma and not point:
        if not ambiguous:
            return NumberStyle(answer or ",", **ev)
        if delimiter == ";":
            return NumberStyle(",", **ev)
    return NumberStyle(answer, **ev)


_AFFIX_RE, _SPACES_RE = re.compile(_AFFIX), re.compile(_SPACES)
_COMMA_RE, _POINT_RE, _AMBIGUOUS_RE = re.compile(_COMMA_EVIDENCE), re.compile(_POINT_EVIDENCE), re.compile(_AMBIGUOUS)


def bare(spelling: str) -> str:
    """A spelling without the spaces, minus sign, percent and currency a spreadsheet may show around a number."""
    return _SPACES_RE.sub("", _AFFIX_RE.sub("", spelling)).replace("\u2212", "-")


def number_style(values: Sequence[str], delimiter: str | None, answer: str | None = None) -> NumberStyle:
    """decide_style over a few cells' text in plain Python (netvalue.bulk's first lines); ingest.number_style
    does the same over a whole file's column with pandas."""
    uniq = [bare(v) for v in dict.fromkeys(v for v in values if v != "")]
    # fullmatch: the patterns are anchored, and a bare `$` would also match before a final newline in Python.
    comma = [v for v in uniq if _COMMA_RE.fullmatch(v)]
    point = [v for v in uniq if _POINT_RE.fullmatch(v)]
    amb = [v for v in uniq if _AMBIGUOUS_RE.fullmatch(v) and not _COMMA_RE.fullmatch(v)
           and not _POINT_RE.fullmatch(v)]
    return decide_style(comma, point, amb, delimiter, answer)
