"""The comparison rule of DESIGN.md: equal windows that never overlap, named, and no arrow without earlier data."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netvalue.windows import Window, add_months, comparison, last_months, month_label, window


def test_previous_window_is_equal_and_just_before():
    w = Window(date(2019, 1, 1), date(2019, 12, 1))
    assert w.previous() == Window(date(2018, 1, 1), date(2018, 12, 1))
    assert Window(date(2016, 3, 1), date(2016, 3, 1)).previous() == Window(date(2016, 2, 1), date(2016, 2, 1))


def test_labels_name_months_as_a_reader_writes_them():
    assert month_label(date(2019, 5, 1), "da") == "maj 2019"
    assert month_label(date(2019, 5, 1), "en") == "May 2019"
    assert Window(date(2016, 3, 1), date(2016, 3, 1)).label("da") == "marts 2016"
    assert Window(date(2019, 1, 1), date(2019, 12, 1)).label("en") == "January 2019 – December 2019"


def test_no_comparison_when_the_earlier_window_starts_before_the_data():
    whole = Window(date(2013, 9, 1), date(2019, 12, 1))
    c = comparison(whole, date(2013, 9, 1))
    assert not c.available and c.reason == "before_data"
    last = comparison(Window(date(2019, 1, 1), date(2019, 12, 1)), date(2013, 9, 1))
    assert last.available and last.earlier == Window(date(2018, 1, 1), date(2018, 12, 1))
    assert not comparison(last.shown, None).available


def test_opening_window_is_the_latest_twelve_months_or_less():
    assert last_months((date(2013, 9, 1), date(2019, 12, 1))) == Window(date(2019, 1, 1), date(2019, 12, 1))
    assert last_months((date(2019, 6, 1), date(2019, 12, 1))) == Window(date(2019, 6, 1), date(2019, 12, 1))
    assert last_months((None, None)) is None


def test_window_fills_open_ends_from_the_data_and_refuses_days_inside_a_month():
    assert window(None, None, (date(2013, 9, 14), date(2019, 12, 31))) == Window(date(2013, 9, 1),
                                                                                  date(2019, 12, 1))
    with pytest.raises(ValueError):
        Window(date(2019, 1, 2), date(2019, 3, 1))


months = st.integers(min_value=2000 * 12, max_value=2030 * 12)


@given(a=months, n=st.integers(min_value=1, max_value=120), first=months)
def test_every_comparison_is_equal_length_and_disjoint(a, n, first):
    start = date(a // 12, a % 12 + 1, 1)
    shown = Window(start, add_months(start, n - 1))
    c = comparison(shown, date(first // 12, first % 12 + 1, 1))
    assert c.earlier.months == shown.months
    assert not c.earlier.overlaps(shown)
    assert add_months(c.earlier.end, 1) == shown.start
    assert c.available == (c.earlier.start >= date(first // 12, first % 12 + 1, 1))
