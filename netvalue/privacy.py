"""Personal data: find Danish CPR numbers however people write them, and mask them so no message echoes one.

A CPR number is a date as ddmmyy (or ddmmyyyy) and four digits. People write it `010190-1234`, `010190 1234`,
`01.01.90-1234`, `010190/1234`, `01 01 90 1234`, with an en dash or a non-breaking hyphen, with a soft hyphen
or a zero-width space pasted in, in fullwidth digits, across a line break, or as an Excel number that lost its
leading zero (`101901234`). Every text is screened in a normal form: NFKC, format and combining characters
(soft hyphen, zero-width space, joiners) removed, any script's decimal digits as ASCII (a superscript or a
fraction is no digit: `…-1234²` is a number and a footnote mark), and every separator people put between the
groups (dashes, spaces and line breaks, dots, slashes) as `-`.

`hits` screens a column: a vectorised first pass (pyarrow: one RE2 pattern over every cell; NFKC only for the
cells with characters beyond ASCII and Danish letters) leaves the few cells that could hold a number for the
exact check in Python (group boundaries and a real date). A million distinct Danish notes take about 0.25 s.
"""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy and pandas load with the first column screened: a CLI load may never need them
    import numpy as np
    import pandas as pd

MASK = "******-****"
PYTHON_SCREEN_MAX = 20_000  # any_hit screens this many texts in plain Python rather than load pandas and pyarrow
SCREENED_KINDS = ("id", "text", "free")  # the column kinds (netvalue.schema.KINDS) screened: every text column
YEARS4 = (1800, 2099)  # a four-digit year outside these is no birth year (_LOOSE holds the same range)
_MAX_SEP = 3  # separator characters allowed between two groups, e.g. " - " or "\r\n"
_SEP_CHARS = "./\u2212\u2044\u2215"  # dot, slash, minus sign, fraction slash, division slash
_STRIP = ("Cf", "Mn", "Me")  # format characters (soft hyphen, zero-width space, BOM) and combining marks

# The exact patterns over the normal form (ASCII digits, separators folded to '-'). A four-digit year only as
# ddmmyyyy (`01011990-1234`): `12.03.2015 1400` is a date and a number. It is tried first, so it is masked whole.
_SEP = f"-{{0,{_MAX_SEP}}}"
_CPR4 = re.compile(r"(?<![0-9])([0-9]{2})([0-9]{2})([0-9]{4})" + _SEP + r"([0-9]{4})(?![0-9])")
_CPR2 = re.compile(r"(?<![0-9])([0-9]{2})" + _SEP + r"([0-9]{2})" + _SEP + r"([0-9]{2})" + _SEP
                   + r"([0-9]{4})(?![0-9])")
_LOST_ZERO = re.compile(r"[1-9][0-9]{8}(?:-0+)?")  # a whole (stripped) cell; '.' is folded: 101901234.0 too

# The first pass, for RE2 (pyarrow) over NFKC text with format and combining characters removed: a superset of
# what the exact check finds, cheap enough for a million cells. Days and months are checked here already, so a
# date followed by a number seldom reaches Python; a cell with any other script's digits always does.
_SEP_RE2 = r"[\p{Pd}\p{Z}\t\n\x0b\f\r\x1c-\x1f\x{85}./\x{2212}\x{2044}\x{2215}]"
_S = _SEP_RE2 + f"{{0,{_MAX_SEP}}}"
_DD, _MM = "(?:0[1-9]|[12][0-9]|3[01])", "(?:0[1-9]|1[0-2])"
_LOOSE_PARTS = (
    rf"(?:^|[^0-9])(?:{_DD}{_S}{_MM}{_S}[0-9]{{2}}|{_DD}{_MM}(?:1[89]|20)[0-9]{{2}}){_S}[0-9]{{4}}(?:[^0-9]|$)",
    rf"^{_SEP_RE2}*[1-9][0-9]{{8}}(?:{_SEP_RE2}0+)?{_SEP_RE2}*$",
    r"[^\P{Nd}0-9]",
)
_LOOSE = "|".join(_LOOSE_PARTS)
# For cells beyond Danish letters, matched after NFKC: no digit boundaries (¼ becomes 1⁄4 there, a digit that the
# exact check does not count), so this stays a superset of the exact check.
_LOOSE_NFKC = "|".join((_LOOSE_PARTS[0].replace("(?:^|[^0-9])", "").replace("(?:[^0-9]|$)", ""),
                        *_LOOSE_PARTS[1:]))
_STRIP_RE2 = r"[\p{Cf}\p{Mn}\p{Me}]"
# Any character but ASCII, the no-break space and the Latin-1 letters (æ, ø, å, é ...), which NFKC leaves alone.
_EXOTIC = r"[^\x00-\x7f\x{a0}\x{c0}-\x{d6}\x{d8}-\x{f6}\x{f8}-\x{ff}]"


def _is_sep(ch: str) -> bool:
    return ch in _SEP_CHARS or ch.isspace() or unicodedata.category(ch) in ("Pd", "Zs", "Zl", "Zp")


_ASCII_FOLD = str.maketrans({c: "-" for c in map(chr, range(128)) if _is_sep(c)})


def _fold(ch: str) -> str:
    """One character of the normal form: '' for a format or combining character, an ASCII digit, '-' for a
    separator, else the character itself."""
    if unicodedata.category(ch) in _STRIP:
        return ""
    d = unicodedata.decimal(ch, None)
    if d is not None:
        return str(d)
    if _is_sep(ch):
        return "-"
    return ch


def _normal(text: str) -> tuple[str, list[int]]:
    """The normal form and, for each of its characters, the index of the character of text it came from."""
    if text.isascii():
        return text.translate(_ASCII_FOLD), list(range(len(text)))
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        # Digits are decimal digits of any script (fullwidth too); a symbol NFKC would turn into digits (², ¼,
        # ①) is no digit and stays itself, so "010190-1234²" still ends where the number ends.
        if unicodedata.decimal(ch, None) is not None:
            f = _fold(ch)
        else:
            piece = unicodedata.normalize("NFKC", ch) if not ch.isascii() else ch
            f = _fold(piece) if len(piece) == 1 else ch
            if f.isdigit():
                f = ch
        if f:
            out.append(f)
            origin.append(i)
    return "".join(out), origin


def normalise(text: str) -> str:
    """The form a text is screened in: NFKC, no format or combining characters, ASCII digits, separators as '-'."""
    text = str(text)
    return text.translate(_ASCII_FOLD) if text.isascii() else _normal(text)[0]


def _valid(dd: str, mm: str, year: str) -> bool:
    d, m, y = int(dd), int(mm), int(year)
    if len(year) == 4:
        if not YEARS4[0] <= y <= YEARS4[1]:
            return False
    else:
        y += 2000 if y % 4 == 0 else 1900  # a century where 29 February exists whenever it can
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def _spans(norm: str) -> list[tuple[int, int]]:
    """Spans of the normal form that are a CPR number (a real date and four digits)."""
    spans = []
    for rx in (_CPR4, _CPR2):
        pos = 0
        while (m := rx.search(norm, pos)) is not None:
            if _valid(m.group(1), m.group(2), m.group(3)):
                spans.append(m.span())
                pos = m.end()
            else:
                pos = m.start() + 1  # another reading may start inside, e.g. after a digit that is no day
    core = norm.strip("-")
    if _LOST_ZERO.fullmatch(core) and _valid("0" + core[0], core[1:3], core[3:5]):
        start = norm.index(core)
        spans.append((start, start + len(core)))
    return spans


def find(text: str) -> list[tuple[int, int]]:
    """(start, end) in text of every CPR number it holds, however written; merged, in order."""
    text = str(text)
    norm, origin = _normal(text)
    out: list[tuple[int, int]] = []
    for a, b in sorted((origin[s], origin[e - 1] + 1) for s, e in _spans(norm)):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def contains_cpr(text: object) -> bool:
    """True when the text holds a CPR number in any spelling (see the module's docstring)."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return False
    return bool(_spans(normalise(str(text))))


def mask(text: object) -> str:
    """The text with every CPR number replaced by ******-****, so a message never echoes the number."""
    text = "" if text is None else str(text)
    spans = find(text)
    if not spans:
        return text
    out, pos = [], 0
    for a, b in spans:
        out += [text[pos:a], MASK]
        pos = b
    out.append(text[pos:])
    masked = "".join(out)
    return masked if not contains_cpr(masked) else MASK  # never half-masked


def _as_text(values: pd.Series | Iterable[object]) -> pd.Series:
    import numpy as np
    import pandas as pd

    s = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    if s.dtype != "str":
        s = s.map(lambda v: None if v is None or (isinstance(v, float) and np.isnan(v)) else str(v))
    return s.astype("str")


def candidates(values: pd.Series | Iterable[object]) -> np.ndarray:
    """The vectorised first pass: True for every cell that could hold a CPR number (a superset of hits)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    s = _as_text(values)
    if s.empty:
        return np.zeros(0, dtype=bool)
    arr = pa.array(s.array)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    # Most cells are ASCII or Danish (æ, ø, å, é: letters NFKC leaves alone, and a no-break space the pattern
    # takes as a separator): those are matched as they are. Only the rest (other digits, soft hyphens, widths,
    # superscripts ...) pay for NFKC and the stripping of format characters.
    exotic = pc.match_substring_regex(arr, _EXOTIC).fill_null(False)
    hit = pc.match_substring_regex(arr, _LOOSE).fill_null(False).to_numpy(zero_copy_only=False).astype(bool)
    rest = np.flatnonzero(exotic.to_numpy(zero_copy_only=False))
    if len(rest):
        normal = pc.replace_substring_regex(pc.utf8_normalize(arr.take(pa.array(rest)), form="NFKC"), _STRIP_RE2, "")
        hit[rest] |= pc.match_substring_regex(normal, _LOOSE_NFKC).fill_null(False).to_numpy(zero_copy_only=False)
    return hit


def hits(values: pd.Series | Iterable[object]) -> np.ndarray:
    """For each cell: True when it holds a CPR number in any spelling. Numbers (Excel cells) are screened as the
    text Excel shows, so 101901234 is 0101901234 without its leading zero."""
    import numpy as np

    s = _as_text(values)
    out = candidates(s)
    idx = np.flatnonzero(out)
    out[idx] = [contains_cpr(v) for v in s.iloc[idx].tolist()]
    return out


def any_hit(texts: Sequence[str]) -> bool:
    """hits(texts).any(): whether any text holds a CPR number. A few texts (a file's distinct ids and notes) are
    screened by the exact check alone, which is what hits finally runs, so the answer is the same."""
    if len(texts) > PYTHON_SCREEN_MAX or "pandas" in sys.modules:  # there the vectorised first pass is cheaper
        return bool(hits(texts).any())
    return any(contains_cpr(v) for v in texts)
