"""netvalue.formats: how a figure is written in Danish and in English."""

from __future__ import annotations

import io
from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from netvalue import export, formats
from netvalue import keyfigures as kf

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "signed", "text"),
    [
        (1234567.891, "da", 1, False, "1.234.567,9"),
        (1234567.891, "en", 1, False, "1,234,567.9"),
        (48.5, "da", 1, False, "48,5"),
        (9.24, "en", 1, False, "9.2"),
        (12.0, "da", 0, True, "+12"),
        (-3.4, "en", 0, True, "-3"),
        (-0.2, "da", 0, True, "0"),
        (-0.2, "da", 0, False, "0"),
        (-0.004, "da", 2, False, "0,00"),
        (1234, "da", 0, False, "1.234"),
        (np.int64(1234), "en", 0, False, "1,234"),
        (None, "da", 0, False, "–"),
        (float("nan"), "en", 0, False, "–"),
        (pd.NA, "da", 1, False, "–"),
        (float("inf"), "da", 0, False, "–"),
    ],
)
def test_number(value, lang, decimals, signed, text):
    assert formats.number(value, lang, decimals, signed) == text


@pytest.mark.parametrize(
    ("share", "lang", "decimals", "text"),
    [
        (1 / 3, "da", 0, f"33{NBSP}%"),
        (1 / 3, "en", 0, "33%"),
        (0.16, "en", 0, "16%"),
        (0.0, "en", 0, "0%"),
        (0.485, "da", 1, f"48,5{NBSP}%"),
        (None, "da", 0, "–"),
        (float("nan"), "en", 0, "–"),
    ],
)
def test_percent(share, lang, decimals, text):
    assert formats.percent(share, lang, decimals) == text


def test_points_says_percentage_points():
    assert formats.points(3, "da") == f"+3{NBSP}procentpoint"
    assert formats.points(1, "en") == f"+1{NBSP}percentage point"
    assert formats.points(-2, "en") == f"-2{NBSP}percentage points"


@pytest.mark.parametrize(
    ("value", "lang", "signed", "text"),
    [
        (1234, "da", False, "1.234 kr."),
        (1234, "en", False, "DKK 1,234"),
        (5_300_000, "da", False, "5,3 mio. kr."),
        (5_300_000, "en", False, "DKK 5.3m"),
        (31_584_500, "da", False, "31,6 mio. kr."),
        (-31_584_500, "en", True, "-DKK 31.6m"),
        (450_000, "da", True, "+450.000 kr."),
        (-450_000, "da", False, "-450.000 kr."),
        (1_230_000_000, "da", False, "1,2 mia. kr."),
        (1_230_000_000, "en", False, "DKK 1.2bn"),
        (-0.3, "en", True, "DKK 0"),
        (None, "da", False, "–"),
        (float("nan"), "en", False, "–"),
    ],
)
def test_money(value, lang, signed, text):
    assert formats.money(value, lang, signed) == text


def test_keyfigures_names_delegate_to_formats():
    assert kf.format_number(48.5, "da", 1) == formats.number(48.5, "da", 1) == "48,5"
    assert kf.format_kr(5_300_000, "en") == formats.money(5_300_000, "en")


@pytest.mark.parametrize(
    ("d", "lang", "text"),
    [
        (date(2019, 5, 1), "da", "maj 2019"),
        (date(2019, 5, 1), "en", "May 2019"),
        (pd.Timestamp("2019-12-31"), "da", "december 2019"),
        ("2019-03-01", "da", "marts 2019"),
        (None, "da", "–"),
        (pd.NaT, "en", "–"),
    ],
)
def test_month(d, lang, text):
    assert formats.month(d, lang) == text


def test_day():
    assert formats.day(date(2019, 5, 31), "da") == "31. maj 2019"
    assert formats.day(date(2019, 5, 31), "en") == "31 May 2019"
    assert formats.day(None, "en") == "–"


@pytest.mark.parametrize(
    ("a", "b", "lang", "text"),
    [
        (date(2019, 5, 1), date(2019, 5, 31), "da", "maj 2019"),
        (date(2019, 5, 1), date(2019, 12, 1), "da", "maj–december 2019"),
        (date(2019, 5, 1), date(2019, 12, 1), "en", "May–December 2019"),
        (date(2019, 5, 1), date(2020, 3, 1), "da", "maj 2019 – marts 2020"),
        (date(2019, 5, 1), date(2020, 3, 1), "en", "May 2019 – March 2020"),
        (None, date(2020, 3, 1), "en", "– – March 2020"),
    ],
)
def test_month_range(a, b, lang, text):
    assert formats.month_range(a, b, lang) == text


@pytest.mark.parametrize(("n", "lang", "form"), [(1, "da", "one"), (2, "da", "other"), (0, "da", "other"),
                                                 (1, "en", "one"), (0, "en", "other"), (21, "en", "other")])
def test_plural_follows_cldr(n, lang, form):
    assert formats.plural(n, lang) == form


def test_plotly_locale_separators_render_danish_ticks():
    da, en = formats.plotly_locale("da"), formats.plotly_locale("en")
    assert da.separators == ",." and en.separators == ".,"
    assert da.percent_suffix == f"{NBSP}%" and en.percent_suffix == "%"
    fig = go.Figure(go.Bar(x=["a"], y=[1.5]))
    fig.update_layout(separators=da.separators)
    assert fig.layout.separators == ",."


def test_round_frame_rounds_floats_to_what_the_page_shows_and_keeps_full_where_said():
    df = pd.DataFrame({"name": ["a", "b"], "score": [65.38581386725991, 12.5],
                       "balance": [0.123456, 0.98765], "p": [0.0123456, 0.5], "n": [3, 4]})
    df = formats.with_decimals(df, {"score": 0, "p": None})
    out = formats.round_frame(df)
    assert out["score"].tolist() == [65, 12]  # half to even, as the page writes 12.5 -> "12"
    assert str(out["score"].dtype) == "Int64"
    assert out["balance"].tolist() == [0.12, 0.99]  # the default: two decimals
    assert out["p"].tolist() == [0.0123456, 0.5]  # None: full precision
    assert out["n"].tolist() == [3, 4]
    assert df["score"].tolist() == [65.38581386725991, 12.5]  # input untouched


def test_format_frame_writes_each_column_the_readers_way():
    df = pd.DataFrame({"name": ["a", None], "score": [48.46, None], "share": [0.333, 0.5],
                       "kr": [5_300_000.0, 1234.0], "month": [pd.Timestamp("2019-05-01"), pd.NaT]})
    out = formats.format_frame(df, "da", {"score": 1}, percent_columns=("share",), money_columns=("kr",),
                               month_columns=("month",))
    assert out.to_dict("list") == {"name": ["a", "–"], "score": ["48,5", "–"], "share": [f"33{NBSP}%", f"50{NBSP}%"],
                                   "kr": ["5,3 mio. kr.", "1.234 kr."], "month": ["maj 2019", "–"]}


def test_styler_writes_danish_decimals_and_a_dash_for_missing():
    df = pd.DataFrame({"score": [1234.56, None]})
    html = formats.styler(df, "da", {"score": 1}).to_html()
    assert "1.234,6" in html and "–" in html and "1234.56" not in html.split("<tbody>")[1].split("data")[0]


def test_csv_download_rounds_to_the_page_and_keeps_full_precision_where_a_column_says_so():
    df = pd.DataFrame({"score": [65.38581386725991], "p_value": [0.0123456789]})
    text = export.to_csv_bytes(formats.with_decimals(df, {"score": 0, "p_value": None})).decode("utf-8-sig")
    assert text.splitlines()[1] == "65;0,0123456789"
    default = export.to_csv_bytes(df).decode("utf-8-sig")
    assert default.splitlines()[1] == "65,39;0,01"
    frame = pd.read_excel(io.BytesIO(export.to_xlsx_bytes(df)))
    assert frame["score"].tolist() == [65.39]



@pytest.mark.parametrize(("lang", "separators"), [("da", ",."), ("en", ".,")])
def test_charts_write_numbers_the_readers_way(lang, separators):
    from netvalue.charts import overview, style

    assert style.empty_figure("x", lang).layout.separators == separators
    assert style.apply_style(go.Figure(), "x", lang=lang).layout.separators == separators
    top = pd.DataFrame({"network_id": ["a"], "name": ["A"], "type": ["welfare"], "overall": [48.5],
                        "share_self_reported": [0.5]})
    assert overview.strongest_weakest(top, top.iloc[0:0], lang).layout.separators == separators


@pytest.mark.parametrize(("value", "lang", "text"), [(0.5, "da", "0,5"), (1234.5, "da", "1.234,5"), (12.0, "en", "12"),
                                                     (0.125, "en", "0.125"), (None, "da", "–")])
def test_short_keeps_the_decimals_a_value_has(value, lang, text):
    assert formats.short(value, lang) == text


def test_percent_ticks_write_the_readers_percentages():
    from netvalue.charts.style import percent_ticks

    da = percent_ticks("da")
    assert da["tickvals"] == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert da["ticktext"][:2] == ["0\u00a0%", "20\u00a0%"]
    assert percent_ticks("en", 0.3)["ticktext"] == ["0%", "5%", "10%", "15%", "20%", "25%", "30%"]


@pytest.mark.parametrize(("w", "lang", "text"), [
    ({"citizen": 1, "economy": 1, "staff": 2}, "da",
     "Borger 25\u00a0%, Kommune (økonomi) 25\u00a0%, Medarbejder (trivsel og faglighed) 50\u00a0%"),
    ({"citizen": 3, "economy": 1, "staff": 0}, "en", "Citizen 75%, Economy 25%, Staff 0%"),
])
def test_weights_sentence_one_home(w, lang, text):
    import ui
    from netvalue import report

    assert formats.weights(w, lang) == text
    assert report.weights_text(w, lang) == ui.weights_text(w, lang) == text


def test_styler_gives_equal_tables_one_shared_styler_and_different_ones_their_own():
    # Shared: Streamlit's rendering of it is kept (st_internals.keep_wire_forms); a page rerun builds its
    # table anew each time, so equal content, not the same frame object, must find it.
    df = pd.DataFrame({"name": ["a", "b"], "score": [1234.56, None]})
    shared = formats.styler(df, "da", {"score": 1})
    assert getattr(shared, formats.FROZEN_ATTR) is True
    assert formats.styler(df.copy(), "da", {"score": 1}) is shared
    others = [formats.styler(df, "en", {"score": 1}), formats.styler(df, "da", {"score": 2}),
              formats.styler(df.assign(score=[1234.57, None]), "da", {"score": 1}),
              formats.styler(df.rename(columns={"name": "navn"}), "da", {"score": 1}),
              formats.styler(df.set_axis([5, 6]), "da", {"score": 1})]
    assert all(o is not shared for o in others) and len({id(o) for o in others}) == len(others)
    df.loc[0, "score"] = 1.0  # the caller changes its frame afterwards: the shared Styler keeps what it was given
    assert "1.234,6" in shared.to_html()


def test_styler_of_a_frame_pandas_cannot_hash_is_made_anew():
    df = pd.DataFrame({"x": [[1], [2]], "y": [1.5, 2.5]})
    one, two = formats.styler(df, "da", {"y": 1}), formats.styler(df, "da", {"y": 1})
    assert one is not two and not getattr(one, formats.FROZEN_ATTR, False)
    assert "1,5" in one.to_html()
