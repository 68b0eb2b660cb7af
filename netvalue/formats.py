"""Numbers, percentages, money and dates for a reader, in Danish or English: the one place that decides how a
figure is written (pages, charts, downloads and the report all call it).

The symbols, month names and plural rules come from the CLDR data Babel ships (Danish: da_DK; English:
en_GB, since the municipality writes British English). A missing value (None, NaN, NaT) is "–" everywhere.
Pure and Streamlit-free.

    number(1234.5, "da", 1)        -> "1.234,5"        number(1234.5, "en", 1) -> "1,234.5"
    percent(0.333, "da")           -> "33 %" (no-break space)   percent(0.333, "en") -> "33%"
    money(5_300_000, "da")         -> "5,3 mio. kr."   money(5_300_000, "en")  -> "DKK 5.3m"
    month(date(2019, 5, 1), "da")  -> "maj 2019"       day(date(2019, 5, 31), "da") -> "31. maj 2019"
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

import numpy as np
import pandas as pd
from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers

LOCALES = {"da": "da_DK", "en": "en_GB"}
MISSING = "–"
NBSP = "\u00a0"
# How many decimals a download keeps for a float column the caller says nothing about.
DEFAULT_DOWNLOAD_DECIMALS = 2
# A frame can carry its own display precision: df.attrs[DECIMALS_ATTR] = {column: decimals or None (full)}.
DECIMALS_ATTR = "netvalue_decimals"


def _locale_id(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["en"])


@cache
def _symbols(lang: str) -> tuple[str, str, str]:
    """(decimal symbol, group symbol, percent suffix) from CLDR."""
    loc = _locale_id(lang)
    pattern = Locale.parse(loc).percent_formats[None].pattern  # da: "#,##0 %", en: "#,##0%"
    suffix = pattern[pattern.rindex("0") + 1:]
    return babel_numbers.get_decimal_symbol(loc), babel_numbers.get_group_symbol(loc), suffix


def is_missing(value: object) -> bool:
    """None, NaN, NaT and pandas' NA."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def number(value: float | None, lang: str = "da", decimals: int = 0, signed: bool = False) -> str:
    """A number the way a Danish (1.234,5) or English (1,234.5) reader writes it; '–' for missing. A signed
    number that rounds to zero is "0" without a sign (st.metric shows no arrow for it); a negative number
    that rounds to zero is never "-0"."""
    if is_missing(value):
        return MISSING
    value = float(value)  # type: ignore[arg-type]
    if math.isinf(value):
        return MISSING
    dec, group, _ = _symbols(lang)
    if round(value, decimals) == 0:
        return "0" if signed else f"{0:.{decimals}f}".replace(".", dec)
    text = f"{value:{'+' if signed else ''},.{decimals}f}"
    return text.translate(str.maketrans({",": group, ".": dec}))


def short(value: float | None, lang: str = "da") -> str:
    """A measured value with the decimals it needs (as Python's :g, at most six significant digits): 0,5 / 1.234,5 /
    12; '–' for missing."""
    if is_missing(value):
        return MISSING
    g = f"{float(value):g}"  # type: ignore[arg-type]
    if "e" in g or "inf" in g or "nan" in g:
        return MISSING if "inf" in g or "nan" in g else g.replace(".", _symbols(lang)[0])
    decimals = len(g.split(".")[1]) if "." in g else 0
    return number(float(value), lang, decimals)  # type: ignore[arg-type]


def integer(value: float | None, lang: str = "da") -> str:
    """A count: number(value, lang, 0)."""
    return number(value, lang, 0)


def percent(share: float | None, lang: str = "da", decimals: int = 0, signed: bool = False) -> str:
    """A share 0..1 as a percentage: Danish "33 %" (no-break space), English "33%"; '–' for missing."""
    if is_missing(share):
        return MISSING
    text = number(100 * float(share), lang, decimals, signed)  # type: ignore[arg-type]
    return text + _symbols(lang)[2]


def points(value: float | None, lang: str = "da", decimals: int = 0, signed: bool = True) -> str:
    """A difference of percentages in percentage points: "+3 procentpoint" / "+3 percentage points"."""
    if is_missing(value):
        return MISSING
    text = number(value, lang, decimals, signed)
    word = "procentpoint" if lang == "da" else ("percentage point" if text.lstrip("+-") == "1" else
                                               "percentage points")
    return f"{text}{NBSP}{word}"


def money(dkk: float | None, lang: str = "da", signed: bool = False) -> str:
    """Kroner for a reader: "450.000 kr." / "DKK 450,000"; from a million "31,6 mio. kr." / "DKK 31.6m"; from a
    billion "1,2 mia. kr." / "DKK 1.2bn"; '–' for missing."""
    if is_missing(dkk):
        return MISSING
    value = float(dkk)  # type: ignore[arg-type]
    size = abs(value)
    scale, decimals, da_unit, en_unit = ((1e9, 1, "mia. kr.", "bn") if size >= 1e9 else
                                         (1e6, 1, "mio. kr.", "m") if size >= 1e6 else
                                         (1.0, 0, "kr.", ""))
    if lang == "da":
        return f"{number(value / scale, lang, decimals, signed)} {da_unit}"
    num = number(size / scale, lang, decimals)
    if num == number(0, lang, decimals):
        return f"DKK {num}{en_unit}"
    sign = "-" if value < 0 else ("+" if signed else "")
    return f"{sign}DKK {num}{en_unit}"


def _as_date(d: object) -> date | None:
    if is_missing(d):
        return None
    if isinstance(d, pd.Timestamp):
        return d.date()
    if isinstance(d, datetime):
        return d.date()
    if isinstance(d, date):
        return d
    if isinstance(d, str):
        return pd.Timestamp(d).date()
    raise TypeError(f"not a date: {d!r}")


def month(d: object, lang: str = "da") -> str:
    """A month: "maj 2019" / "May 2019"; '–' for missing."""
    day_ = _as_date(d)
    return MISSING if day_ is None else babel_dates.format_date(day_, "LLLL y", locale=_locale_id(lang))


def month_short(d: object, lang: str = "da", with_year: bool = True) -> str:
    """A month for a chart tick: "maj 2019" / "May 2019" abbreviated where CLDR abbreviates ("jan. 2019",
    "Jan 2019"); '–' for missing."""
    day_ = _as_date(d)
    if day_ is None:
        return MISSING
    return babel_dates.format_date(day_, "LLL y" if with_year else "LLL", locale=_locale_id(lang))


def month_range(a: object, b: object, lang: str = "da") -> str:
    """Two months as a span: "maj 2019", "maj–december 2019", "maj 2019 – marts 2020"; an open end is '–'."""
    start, end = _as_date(a), _as_date(b)
    if start is None or end is None:
        return f"{month(start, lang)} – {month(end, lang)}"
    if (start.year, start.month) == (end.year, end.month):
        return month(start, lang)
    if start.year == end.year:
        first = babel_dates.format_date(start, "LLLL", locale=_locale_id(lang))
        return f"{first}–{month(end, lang)}"
    return f"{month(start, lang)} – {month(end, lang)}"


def day(d: object, lang: str = "da") -> str:
    """A date: "31. maj 2019" / "31 May 2019"; '–' for missing."""
    day_ = _as_date(d)
    return MISSING if day_ is None else babel_dates.format_date(day_, "long", locale=_locale_id(lang))


def plural(n: float, lang: str = "da") -> str:
    """The CLDR plural category of n in lang: "one" or "other" (Danish and English use no others)."""
    return Locale.parse(_locale_id(lang)).plural_form(abs(n))


# --- Plotly ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlotlyLocale:
    """What a Plotly figure needs to write numbers as the reader does. `separators` is Plotly's layout
    attribute (decimal symbol first, then the thousands symbol); the formats are d3-format strings that use
    them; Plotly's own "%" format has no space, so percentages are drawn from 0..100 with `percent_suffix`."""

    separators: str
    integer: str
    decimal1: str
    decimal2: str
    percent_suffix: str

    def hover(self, decimals: int = 0) -> str:
        """The d3 format for a hover template placeholder, e.g. "%{y:" + loc.hover(1) + "}"."""
        return f",.{decimals}f"


def plotly_locale(lang: str = "da") -> PlotlyLocale:
    """Separators and tick/hover formats for Plotly in lang (Danish: separators ",.", "33 %")."""
    dec, group, suffix = _symbols(lang)
    return PlotlyLocale(separators=dec + group, integer=",d", decimal1=",.1f", decimal2=",.2f",
                        percent_suffix=suffix)


# --- Tables and downloads ---------------------------------------------------------------------------------------


def with_decimals(df: pd.DataFrame, decimals: Mapping[str, int | None]) -> pd.DataFrame:
    """A copy of df that says how many decimals each column shows (None: keep full precision in downloads)."""
    out = df.copy()
    out.attrs[DECIMALS_ATTR] = {**df.attrs.get(DECIMALS_ATTR, {}), **dict(decimals)}
    return out


def decimals_of(df: pd.DataFrame, decimals: Mapping[str, int | None] | None = None) -> dict[Any, int | None]:
    """The display precision of df's columns: what the frame carries, overridden by `decimals`."""
    return {**df.attrs.get(DECIMALS_ATTR, {}), **dict(decimals or {})}


def round_frame(df: pd.DataFrame, decimals: Mapping[str, int | None] | None = None,
                default: int | None = DEFAULT_DOWNLOAD_DECIMALS) -> pd.DataFrame:
    """A copy of df with every float column rounded to what the page shows: `decimals[column]` (or what the
    frame carries, see with_decimals), else `default`; None keeps full precision. A column rounded to 0
    decimals becomes a whole-number column (Int64). Other columns untouched."""
    spec = decimals_of(df, decimals)
    out = df.copy()
    for column in out.columns:
        if not pd.api.types.is_float_dtype(out[column].dtype):
            continue
        places = spec.get(column, default)
        if places is None:
            continue
        rounded = out[column].round(places)
        finite = rounded.dropna()
        # A whole-number column is written "65", not "65,0".
        whole = places == 0 and bool(np.isfinite(finite.to_numpy()).all())
        out[column] = rounded.astype("Int64") if whole else rounded
    return out


def format_frame(df: pd.DataFrame, lang: str = "da", decimals: Mapping[str, int | None] | None = None,
                 percent_columns: tuple[str, ...] = (), money_columns: tuple[str, ...] = (),
                 month_columns: tuple[str, ...] = (), day_columns: tuple[str, ...] = ()) -> pd.DataFrame:
    """A copy of df with the named columns written as text for a reader (numbers, percentages of a 0..1
    share, kroner, months, dates); other numeric columns written with number() at their decimals (default 0).
    Missing values are '–'. For tables that are read, not sorted: st.dataframe sorts text as text."""
    spec = decimals_of(df, decimals)
    out = df.copy()
    for column in out.columns:
        places = spec.get(column)
        series = out[column]
        if column in percent_columns:
            out[column] = [percent(v, lang, places or 0) for v in series]
        elif column in money_columns:
            out[column] = [money(v, lang) for v in series]
        elif column in month_columns:
            out[column] = [month(v, lang) for v in series]
        elif column in day_columns:
            out[column] = [day(v, lang) for v in series]
        elif pd.api.types.is_bool_dtype(series.dtype):
            continue
        elif pd.api.types.is_numeric_dtype(series.dtype):
            out[column] = [number(v, lang, 0 if places is None else places) for v in series]
        else:
            out[column] = series.where(series.notna(), MISSING)
    return out


def styler(df: pd.DataFrame, lang: str = "da", decimals: Mapping[str, int | None] | None = None) -> Any:
    """A pandas Styler that writes df's numbers the reader's way (Danish 1.234,5) and missing values as '–',
    while the values stay numbers (st.dataframe accepts a Styler and still sorts by value).

    Equal frames give the same Styler object (see FROZEN_ATTR): a page asks for its table on every rerun, and
    building and rendering a Styler was most of a warm networks page. Do not change what it returns."""
    key = _styler_key(df, lang, decimals)
    if key is not None:
        with _stylers_lock:
            hit = _stylers.get(key)
            if hit is not None:
                _stylers.move_to_end(key)
                return hit
    # A copy: the caller may change its frame afterwards, the shared Styler must keep showing this one.
    style = _new_styler(df.copy() if key is not None else df, lang, decimals)
    if key is not None:
        setattr(style, FROZEN_ATTR, True)
        with _stylers_lock:
            style = _stylers.setdefault(key, style)
            _stylers.move_to_end(key)
            while len(_stylers) > STYLER_CACHE_SIZE:
                _stylers.popitem(last=False)
    return style


# Set on a Styler that never changes after it is made, so that its rendering may be kept (st_internals does).
FROZEN_ATTR = "netvalue_frozen"
STYLER_CACHE_SIZE = 64
_stylers: OrderedDict[tuple, Any] = OrderedDict()
_stylers_lock = threading.Lock()


def _styler_key(df: pd.DataFrame, lang: str, decimals: Mapping[str, int | None] | None) -> tuple | None:
    """Everything a Styler from styler() depends on: the values and index (hashed row by row), the column
    names and types, the language and the precision; None for a frame pandas cannot hash."""
    try:
        rows = pd.util.hash_pandas_object(df, index=True).to_numpy().tobytes()
        spec = tuple(sorted((str(k), v) for k, v in decimals_of(df, decimals).items()))
    except TypeError:  # unhashable cells (lists, dicts)
        return None
    return (lang, spec, tuple(df.columns), tuple(str(t) for t in df.dtypes), df.index.name, str(df.index.dtype),
            len(df), rows)


def _new_styler(df: pd.DataFrame, lang: str, decimals: Mapping[str, int | None] | None) -> Any:
    dec, group, _ = _symbols(lang)
    spec = decimals_of(df, decimals)
    style = df.style.format(na_rep=MISSING, thousands=group, decimal=dec, precision=0)
    for column in df.columns:
        if pd.api.types.is_float_dtype(df[column].dtype):
            style = style.format(na_rep=MISSING, thousands=group, decimal=dec, precision=spec.get(column) or 0,
                                 subset=[column])
    return style


def weights(weights_: Mapping[str, float], lang: str = "da") -> str:
    """The weights in use as every page and the report name them: 'Borger 33 %, Kommune 33 %, …' (normalised)."""
    from netvalue.i18n import label
    from netvalue.schema import PERSPECTIVES
    from netvalue.scoring import normalise_weights

    w = normalise_weights(weights_)
    return ", ".join(f"{label('perspective', p, lang)} {percent(w[p], lang)}" for p in PERSPECTIVES)
