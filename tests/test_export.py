"""Downloads: formula injection neutralised, Danish CSV round trip, Excel workbooks."""

from __future__ import annotations

import csv
import io

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from netvalue import export


def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "navn": ["=SUM(A1:A9)", "+45 1234", "-1", "@cmd", "\tx", "\rx", "Ærø Å-sø", None],
        "værdi": [1.5, -2.25, 1234567.5, 0.0, np.nan, 3.0, 4.0, 5.0],
        "antal": [1, 2, 3, 4, 5, 6, 7, 8],
        "dato": pd.to_datetime(["2015-03-01"] * 8),
    })


def test_neutralise_formulas_prefixes_every_dangerous_text_cell():
    out = export.neutralise_formulas(frame())
    assert out["navn"].tolist()[:7] == ["'=SUM(A1:A9)", "'+45 1234", "'-1", "'@cmd", "'\tx", "'\rx", "Ærø Å-sø"]
    assert pd.isna(out["navn"].iloc[7])


def test_neutralise_formulas_leaves_numbers_dates_and_the_input_alone():
    df = frame()
    before = df.copy()
    out = export.neutralise_formulas(df)
    pd.testing.assert_frame_equal(df, before)  # not mutated
    pd.testing.assert_series_equal(out["værdi"], before["værdi"])
    pd.testing.assert_series_equal(out["antal"], before["antal"])
    pd.testing.assert_series_equal(out["dato"], before["dato"])
    assert out["navn"].dtype == before["navn"].dtype


def test_neutralise_formulas_handles_object_columns_with_mixed_values():
    df = pd.DataFrame({"x": pd.Series(["=1", 2, None, "ok"], dtype=object)})
    out = export.neutralise_formulas(df)
    assert out["x"].tolist()[:2] == ["'=1", 2]
    assert out["x"].iloc[2] is None
    assert out["x"].iloc[3] == "ok"


def test_danish_csv_round_trips_through_pandas():
    data = export.to_csv_bytes(frame(), danish=True)
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, so Danish Excel reads æøå"
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == '"navn";"værdi";"antal";"dato"'
    assert "1234567,5" in text
    back = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")
    assert back["værdi"].tolist()[:4] == [1.5, -2.25, 1234567.5, 0.0]
    assert np.isnan(back["værdi"].iloc[4])
    assert back["antal"].tolist() == list(range(1, 9))
    assert back["navn"].iloc[0] == "'=SUM(A1:A9)"
    assert back["navn"].iloc[6] == "Ærø Å-sø"
    assert back["dato"].iloc[0] == "2015-03-01"


def test_english_csv_uses_comma_and_decimal_point():
    data = export.to_csv_bytes(frame().head(3), danish=False)
    assert not data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8").splitlines()
    assert lines[0] == '"navn","værdi","antal","dato"'
    assert lines[1] == '"\'=SUM(A1:A9)",1.5,1,2015-03-01'
    back = pd.read_csv(io.BytesIO(data))
    assert back["værdi"].tolist() == [1.5, -2.25, 1234567.5]


def test_csv_neutralises_dangerous_column_names_too():
    data = export.to_csv_bytes(pd.DataFrame({"=HYPERLINK(1)": [1]}), danish=True)
    assert data.decode("utf-8-sig").splitlines()[0] == '"\'=HYPERLINK(1)"'


def test_xlsx_opens_with_openpyxl_and_holds_safe_values():
    data = export.to_xlsx_bytes(frame(), "Netværk")
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Netværk"]
    ws = wb["Netværk"]
    assert [c.value for c in ws[1]] == ["navn", "værdi", "antal", "dato"]
    assert ws["A2"].value == "'=SUM(A1:A9)"
    assert ws["A2"].data_type == "s", "a string, not a formula"
    assert ws["B2"].value == 1.5
    assert ws["C4"].value == 3
    assert ws["A8"].value == "Ærø Å-sø"
    assert ws.freeze_panes == "A2"
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_xlsx_sheet_names_are_made_valid():
    data = export.to_xlsx_bytes(pd.DataFrame({"a": [1]}), "Net[værk]: alle/ud af *? en meget lang titel")
    name = openpyxl.load_workbook(io.BytesIO(data)).sheetnames[0]
    assert len(name) <= 31
    assert not set(name) & set("[]:*?/\\")
    assert openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes(pd.DataFrame({"a": [1]}), ""))).sheetnames == ["Data"]


def test_xlsx_accepts_timezone_aware_dates():
    df = pd.DataFrame({"t": pd.to_datetime(["2015-03-01T10:00"]).tz_localize("Europe/Copenhagen")})
    ws = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes(df, "t"))).active
    assert ws["A2"].value.year == 2015


@given(st.lists(st.text(max_size=12), min_size=1, max_size=20))
def test_no_neutralised_cell_starts_a_formula(values):
    out = export.neutralise_formulas(pd.DataFrame({"x": values}))
    for before, after in zip(values, out["x"], strict=True):
        assert not after.startswith(export.FORMULA_PREFIXES)
        assert after in (before, "'" + before)


@pytest.mark.parametrize("danish", [True, False])
def test_an_empty_frame_still_writes_its_header(danish):
    data = export.to_csv_bytes(pd.DataFrame({"a": pd.Series(dtype="float64")}), danish=danish)
    assert data.decode("utf-8-sig").strip() == '"a"'


@pytest.mark.parametrize("danish", [True, False])
def test_every_text_field_is_quoted_so_the_other_locales_separator_cannot_cut_out_a_formula(danish):
    df = pd.DataFrame({"navn": ["Netværk;=cmd|' /C calc'!A0", "Netværk,=cmd|' /C calc'!A0", "Netværk\t=1+2"],
                       "tal": [1.5, 2.0, None]})
    text = export.to_csv_bytes(df, danish=danish).decode("utf-8-sig")
    sep, dec = (";", ",") if danish else (",", ".")
    assert text.splitlines()[1:] == [f'"Netværk;=cmd|\' /C calc\'!A0"{sep}1{dec}5',
                                     f'"Netværk,=cmd|\' /C calc\'!A0"{sep}2{dec}0', f'"Netværk\t=1+2"{sep}']
    for other in (";", ",", "\t"):  # whichever separator a spreadsheet splits on, no cell starts a formula
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=other):
            assert not any(cell.startswith(export.FORMULA_PREFIXES) for cell in row), (other, row)


# -- The provenance header above a download's table ---------------------------------------------------------------
def _head(lang: str = "da", unit: str | None = "=HYPERLINK(\"x\")") -> export.Header:
    from datetime import datetime

    return export.header("Netværk", lang, window="januar 2019 – december 2019", types=["welfare"], unit=unit,
                         weights="Borger 50 %, Kommune 25 %, Medarbejder 25 %", version=12,
                         made=datetime(2026, 12, 7, 17, 5))


def _small() -> pd.DataFrame:
    from netvalue import formats

    return formats.with_decimals(pd.DataFrame({"Navn": ["Ærø", "-1 ud"], "Score": [65.387, 21.0],
                                               "Balance": [0.8123, None]}), {"Score": 0, "Balance": 2})


def test_danish_csv_has_the_header_then_an_empty_line_then_the_rounded_table():
    text = export.to_csv_bytes(_small(), danish=True, header=_head()).decode("utf-8-sig")
    assert text.split("\r\n") == [
        '"Netværk"',
        '"Periode";"januar 2019 – december 2019"',
        '"Netværkstyper";"Velfærdsnetværk"',
        '"Del af organisationen";"\'=HYPERLINK(""x"")"',
        '"Vægte";"Borger 50 %, Kommune 25 %, Medarbejder 25 %"',
        '"Dataversion";"12"',
        '"Filen er lavet";"2026-12-07 17:05"',
        "",
        '"Navn";"Score";"Balance"',
        '"Ærø";65;0,81',
        '"\'-1 ud";21;',
        "",
    ]
    back = pd.read_csv(io.StringIO(text), sep=";", decimal=",", skiprows=len(_head().rows) + 2)
    assert back["Navn"].tolist() == ["Ærø", "'-1 ud"]
    assert back["Score"].tolist() == [65, 21]
    assert back["Balance"][0] == 0.81 and np.isnan(back["Balance"][1])


def test_english_csv_header_uses_english_labels_and_the_decimal_point():
    head = export.header("Networks", "en", window="January 2019 – December 2019",
                         types=["welfare", "innovation", "learning"], unit=None, weights="Citizen 33%",
                         version=None)
    lines = export.to_csv_bytes(_small(), danish=False, header=head).decode("utf-8").split("\r\n")
    assert lines[:7] == ['"Networks"', '"Period","January 2019 – December 2019"', '"Network types","all three types"',
                         '"Part of the organisation","the whole municipality"', '"Weights","Citizen 33%"',
                         '"Data version","–"', ""]
    assert lines[7:10] == ['"Navn","Score","Balance"', '"Ærø",65,0.81', '"\'-1 ud",21,']


def test_no_csv_field_of_the_header_starts_a_formula_whatever_the_separator():
    text = export.to_csv_bytes(_small(), danish=True, header=_head(unit="x;=cmd|' /C calc'!A0")).decode("utf-8-sig")
    for other in (";", ",", "\t"):
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=other):
            assert not any(cell.startswith(export.FORMULA_PREFIXES) for cell in row), (other, row)


def test_workbook_has_the_header_rows_above_a_bold_filtered_table():
    ws = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes(_small(), "Netværk", header=_head()))).active
    rows = [tuple(c.value for c in row[:3]) for row in ws.iter_rows()]
    assert rows[:9] == [("Netværk", None, None), ("Periode", "januar 2019 – december 2019", None),
                        ("Netværkstyper", "Velfærdsnetværk", None),
                        ("Del af organisationen", "'=HYPERLINK(\"x\")", None),
                        ("Vægte", "Borger 50 %, Kommune 25 %, Medarbejder 25 %", None), ("Dataversion", "12", None),
                        ("Filen er lavet", "2026-12-07 17:05", None), (None, None, None),
                        ("Navn", "Score", "Balance")]
    assert rows[9:] == [("Ærø", 65, 0.81), ("'-1 ud", 21, None)]
    assert ws["D4"].value is None and ws["B4"].data_type == "s"
    assert ws["A1"].font.bold and ws["A9"].font.bold and ws["C9"].font.bold and not ws["A10"].font.bold
    assert ws.freeze_panes == "A10"
    assert ws.auto_filter.ref == "A9:C11"
    assert ws["C10"].number_format == "0.00"
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_without_a_header_the_files_are_as_before():
    assert export.to_csv_bytes(_small()).decode("utf-8-sig").split("\r\n")[0] == '"Navn";"Score";"Balance"'
    ws = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes(_small(), "x"))).active
    assert ws.freeze_panes == "A2" and ws["A1"].value == "Navn"
