"""Time windows of whole months, and the comparison rule every change arrow follows (DESIGN.md "Comparisons").

A window runs from the first day of its first month to the last day of its last month. A change compares the
shown window with the window of equal length just before it (they never overlap). The comparison exists only
when the earlier window lies wholly inside the data: an earlier window that starts before the first month
with data would compare a full window with a part of one, so then there is no arrow and a sentence says why.
Pure; nothing here reads the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from netvalue import formats


def first_of_month(d: date | pd.Timestamp) -> date:
    return date(d.year, d.month, 1)


def add_months(d: date, n: int) -> date:
    m = d.year * 12 + d.month - 1 + n
    return date(m // 12, m % 12 + 1, 1)


def month_label(d: date | pd.Timestamp, lang: str = "da") -> str:
    """'maj 2019' / 'May 2019' (formats.month: one home for how a month is written)."""
    return formats.month(d, lang)


@dataclass(frozen=True, order=True)
class Window:
    """Whole months from start (first day of the first month) to end (first day of the last month)."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start.day != 1 or self.end.day != 1 or self.end < self.start:
            raise ValueError(f"not a window of whole months: {self.start} – {self.end}")

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @property
    def last_day(self) -> date:
        return (pd.Timestamp(self.end) + pd.offsets.MonthEnd(0)).date()

    def previous(self) -> Window:
        """The window of equal length that ends the month before this one starts."""
        return Window(add_months(self.start, -self.months), add_months(self.start, -1))

    def overlaps(self, other: Window) -> bool:
        return self.start <= other.end and other.start <= self.end

    def label(self, lang: str = "da") -> str:
        """'maj 2019' for one month, else 'januar 2019 – december 2019'."""
        if self.months == 1:
            return month_label(self.start, lang)
        return f"{month_label(self.start, lang)} – {month_label(self.end, lang)}"

    def key(self) -> str:
        """'2019-01..2019-12': language-neutral, for files and footnotes."""
        return f"{self.start:%Y-%m}..{self.end:%Y-%m}"


def window(start: date | None, end: date | None, bounds: tuple[date | None, date | None]) -> Window | None:
    """The window of the filters, open ends taken from the data's bounds; None when there is no data at all."""
    lo, hi = bounds
    a = start or lo
    b = end or hi
    if a is None or b is None:
        return None
    a, b = first_of_month(a), first_of_month(b)
    return Window(min(a, b), max(a, b))


def last_months(bounds: tuple[date | None, date | None], n: int = 12) -> Window | None:
    """The latest n months with data (fewer when the data is shorter): the overview's opening window."""
    lo, hi = bounds
    if lo is None or hi is None:
        return None
    end = first_of_month(hi)
    return Window(max(first_of_month(lo), add_months(end, -(n - 1))), end)


@dataclass(frozen=True)
class Comparison:
    """The shown window, the one just before it, and whether a change between them may be shown."""

    shown: Window
    earlier: Window
    available: bool
    reason: str | None  # why not: "before_data" (the earlier window starts before the first data)

    def reason_values(self, data_start: date | None, lang: str = "da") -> dict[str, str]:
        return {"earlier": self.earlier.label(lang), "shown": self.shown.label(lang),
                "first": month_label(data_start, lang) if data_start else "–"}


def comparison(shown: Window, data_start: date | None) -> Comparison:
    """The comparison rule: equal length, no overlap, and the earlier window wholly inside the data."""
    earlier = shown.previous()
    ok = data_start is not None and earlier.start >= first_of_month(data_start)
    return Comparison(shown, earlier, ok, None if ok else "before_data")
