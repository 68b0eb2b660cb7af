"""netvalue.ingest: bytes in, typed frames or row-level problems out. Nothing here touches a store unless a
test passes one in as the source of known keys."""

from __future__ import annotations

import codecs
import io
import random
from datetime import date, datetime

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netvalue import ingest, service
from netvalue.ingest import IngestError, Problem
from tests.support import MEASUREMENTS, NETWORKS, ORG_UNITS, TINY_ROWS, make_csv, typed

# -- helpers --------------------------------------------------------------------------------------------


def data_rows(name: str) -> list[list[str]]:
    """The tiny set's rows of one record type without the header, as fresh lists."""
    return [list(r) for r in TINY_ROWS[name][1:]]


def expected_tiny(name: str) -> pd.DataFrame:
    """What the tiny set's file of one record type must become (evidence defaults to self_reported)."""
    rows = data_rows(name)
    if name == "measurements":
        for r in rows:
            r[4] = r[4] or "self_reported"
    return typed(name, rows)


def files_without(name: str) -> list[tuple[str, bytes]]:
    """The tiny set as canonical CSV files, leaving one record type out."""
    return [(f"{n}.csv", make_csv(r)) for n, r in TINY_ROWS.items() if n != name]


def with_file(name: str, data: bytes, filename: str | None = None) -> list[tuple[str, bytes]]:
    """The tiny set with one record type's file replaced."""
    return [*files_without(name), (filename or f"{name}.csv", data)]


def refused(files, store=None) -> IngestError:
    with pytest.raises(IngestError) as info:
        ingest.prepare(files, store)
    return info.value


def only(err: IngestError, code: str | None = None) -> Problem:
    """The one problem of an IngestError (of a given code), failing if there are others."""
    probs = [p for p in err.problems if code is None or p.code == code]
    assert len(probs) == 1, [(p.file, p.line, p.column, p.code) for p in err.problems]
    assert len(err.problems) == 1, [(p.file, p.line, p.column, p.code) for p in err.problems]
    return probs[0]


def where(p: Problem) -> tuple:
    return (p.file, p.line, p.column, p.code)


M_HEADER = MEASUREMENTS[0]


def measurements_file(*rows: list[str], **kw) -> bytes:
    return make_csv([M_HEADER, *rows], **kw)


# -- reading what people actually upload -------------------------------------------------------------------


def test_canonical_comma_utf8_gives_exact_frames(tiny_files):
    plan = ingest.prepare(tiny_files)
    assert list(plan.frames) == ["org_units", "indicators", "networks", "participation", "measurements", "stories"]
    for name in TINY_ROWS:
        pd.testing.assert_frame_equal(plan.frames[name], expected_tiny(name))
    assert plan.files == [f for f, _ in tiny_files]
    assert plan.rows() == {"org_units": 6, "indicators": 4, "networks": 2, "participation": 3,
                           "measurements": 6, "stories": 1}


def test_file_order_does_not_matter(tiny_files):
    plan = ingest.prepare(list(reversed(tiny_files)))
    for name in TINY_ROWS:
        pd.testing.assert_frame_equal(plan.frames[name], expected_tiny(name))


DANISH = {
    "org_units": "Enhed ID;Navn;Overordnet ID;Niveau\r\n"
                 "K;Albertslund Kommune;;Kommune\r\n"
                 "A1;Social og Sundhed;K;Direktørområde\r\n"
                 "C1;Center for Sundhed;A1;center\r\n"
                 "U1;Hjemmeplejen Nord;C1;enhed\r\n"
                 "U2;Træning;C1;Enhed\r\n"
                 "X1;Region Hovedstaden;K;ekstern\r\n",
    "indicators": "Indikator ID;Navn;Perspektiv;Måleenhed;Værste;Bedste\r\n"
                  "sat;Borgertilfredshed;borger;skala 1-5;1;5\r\n"
                  "sick;Sygefravær;medarbejder;dage;20;0\r\n"
                  "saved;Sparede udgifter;kommune;kr.;0;1.000.000\r\n"
                  "cost;Investering;investering;kr.;100.000;0\r\n",
    "networks": "Netværk ID;Navn;Type;Hjemmeenhed;Netværksleder;Formål;Startdato;Slutdato;Udsprunget af\r\n"
                "N1;Tidlig opsporing;Velfærdsnetværk;U1;Leder, Hjemmeplejen;Øget livskvalitet;01-01-2014;;\r\n"
                "N2;Frivillighed;læring;U2;;Lære af frivillige på Æblevej;01.06.2014;31-12-2015;N1\r\n",
    "participation": "Netværk ID;Enhed ID;Deltager fra;Deltager til;Antal personer\r\n"
                     "N1;U1;01-01-2014;;4\r\n"
                     "N2;X1;1.7.2014;30-06-2015;2\r\n",
    "measurements": "Netværk;Indikator;Måned;Værdi;Evidens;Bemærkning\r\n"
                    "N1;saved;01-01-2014;1.234,5;målt;Æblegrød på øen\r\n"
                    "N1;sat;2014-02;4,5;Selvrapporteret;\r\n"
                    "N1;sick;15.03.2014;12;evalueret eksternt;\r\n"
                    "N2;cost;2014-07-31;-2.500;;\r\n",
    "stories": "Netværk ID;Dato;Perspektiv;Titel;Fortælling\r\n"
               "N1;15-03-2014;borger;Fru Jørgensen;Hun går selv i Kvickly igen\r\n",
}
DANISH_EXPECTED = {
    "org_units": [["K", "Albertslund Kommune", "", "municipality"], ["A1", "Social og Sundhed", "K", "area"],
                  ["C1", "Center for Sundhed", "A1", "centre"], ["U1", "Hjemmeplejen Nord", "C1", "unit"],
                  ["U2", "Træning", "C1", "unit"], ["X1", "Region Hovedstaden", "K", "external"]],
    "indicators": [["sat", "Borgertilfredshed", "citizen", "skala 1-5", 1.0, 5.0],
                   ["sick", "Sygefravær", "staff", "dage", 20.0, 0.0],
                   ["saved", "Sparede udgifter", "economy", "kr.", 0.0, 1_000_000.0],
                   ["cost", "Investering", "input", "kr.", 100_000.0, 0.0]],
    "networks": [["N1", "Tidlig opsporing", "welfare", "U1", "Leder, Hjemmeplejen", "Øget livskvalitet",
                  "2014-01-01", "", ""],
                 ["N2", "Frivillighed", "learning", "U2", "", "Lære af frivillige på Æblevej", "2014-06-01",
                  "2015-12-31", "N1"]],
    "participation": [["N1", "U1", "2014-01-01", "", 4], ["N2", "X1", "2014-07-01", "2015-06-30", 2]],
    "measurements": [["N1", "saved", "2014-01-01", 1234.5, "measured", "Æblegrød på øen"],
                     ["N1", "sat", "2014-02-01", 4.5, "self_reported", ""],
                     ["N1", "sick", "2014-03-01", 12.0, "evaluated_external", ""],
                     ["N2", "cost", "2014-07-01", -2500.0, "self_reported", ""]],
    "stories": [["N1", "2014-03-15", "citizen", "Fru Jørgensen", "Hun går selv i Kvickly igen"]],
}


def test_danish_excel_csv_cp1252_semicolon_decimal_comma_headers_and_values():
    files = [(f"{name}.csv", text.encode("cp1252")) for name, text in DANISH.items()]
    with pytest.raises(UnicodeDecodeError):
        files[0][1].decode("utf-8")  # really cp1252, not UTF-8
    plan = ingest.prepare(files)
    for name, rows in DANISH_EXPECTED.items():
        pd.testing.assert_frame_equal(plan.frames[name], typed(name, rows))


def test_thousands_dot_and_decimal_comma():
    data = "netværk_id;indikator_id;periode;værdi\nN1;saved;2014-01;1.234,5\nN1;saved;2014-02;1234,5\n" \
           "N1;saved;2014-03;1.234\nN1;saved;2014-04;0,25\n"
    plan = ingest.prepare(with_file("measurements", data.encode("cp1252")))
    assert plan.frames["measurements"]["value"].tolist() == [1234.5, 1234.5, 1234.0, 0.25]


def test_decimal_point_in_canonical_comma_file():
    data = measurements_file(["N1", "sat", "2014-01", "4.25", "", ""], ["N1", "sat", "2014-02", "1,234.5", "", ""])
    plan = ingest.prepare(with_file("measurements", data))
    assert plan.frames["measurements"]["value"].tolist() == [4.25, 1234.5]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"])
def test_encodings(encoding):
    rows = [["unit_id", "name", "parent_id", "level"], ["K", "Kommunen", "", "kommune"],
            ["U1", "Ældreplejen på Øen – Åbyen", "K", "enhed"]]
    data = make_csv(rows, delimiter="\t" if encoding.startswith("utf-16") else ",", encoding=encoding)
    if encoding == "utf-8-sig":
        assert data.startswith(codecs.BOM_UTF8)
    if encoding == "utf-16":
        assert data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    plan = ingest.prepare([("enheder.txt", data)])
    expected = typed("org_units", [["K", "Kommunen", "", "municipality"],
                                   ["U1", "Ældreplejen på Øen – Åbyen", "K", "unit"]])
    pd.testing.assert_frame_equal(plan.frames["org_units"], expected)


def test_excel_unicode_text_utf16_tab_separated_with_decimal_comma():
    text = "Netværk ID\tIndikator\tMåned\tVærdi\tEvidens\tBemærkning\r\n" \
           "N1\tsat\t2014-01\t4,5\tmålt\tgod på Ærø\r\nN1\tsick\t2014-01\t12\t\t\r\n"
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    plan = ingest.prepare(with_file("measurements", data, "Målinger.txt"))
    expected = typed("measurements", [["N1", "sat", "2014-01-01", 4.5, "measured", "god på Ærø"],
                                      ["N1", "sick", "2014-01-01", 12.0, "self_reported", ""]])
    pd.testing.assert_frame_equal(plan.frames["measurements"], expected)


def test_crlf_line_endings(tiny_rows):
    files = [(f"{n}.csv", make_csv(r, newline="\r\n")) for n, r in tiny_rows.items()]
    assert b"\r\n" in files[0][1]
    plan = ingest.prepare(files)
    for name in TINY_ROWS:
        pd.testing.assert_frame_equal(plan.frames[name], expected_tiny(name))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2014-03-05", date(2014, 3, 5)), ("05-03-2014", date(2014, 3, 5)), ("5-3-2014", date(2014, 3, 5)),
     ("05.03.2014", date(2014, 3, 5)), ("05/03/2014", date(2014, 3, 5)), ("2014-3-5", date(2014, 3, 5)),
     ("29-02-2016", date(2016, 2, 29)), (" 31-12-2015 ", date(2015, 12, 31))],
)
def test_date_formats(text, expected):
    rows = [NETWORKS[0], ["N1", "x", "welfare", "U1", "", "", text, "", ""]]
    plan = ingest.prepare([("org.csv", make_csv(ORG_UNITS)), ("networks.csv", make_csv(rows))])
    assert plan.frames["networks"]["started_on"].tolist() == [pd.Timestamp(expected)]


@pytest.mark.parametrize(
    "text", ["2015-03", "2015-3", "2015-03-01", "2015-03-17", "2015-03-31", "17-03-2015", "17.03.2015", "03-2015",
             "3.2015", "2015-03-17 13:45"],
)
def test_month_from_yyyy_mm_or_any_date_in_it(text):
    data = measurements_file(["N1", "sat", text, "4", "", ""])
    plan = ingest.prepare(with_file("measurements", data))
    assert plan.frames["measurements"]["period"].tolist() == [pd.Timestamp(2015, 3, 1)]


def test_danish_enum_values(tiny_rows):
    tiny_rows["networks"][1][2] = "Velfærdsnetværk"
    tiny_rows["networks"][2][2] = "læringsnetværk"
    tiny_rows["indicators"][1][2] = "Borger"
    tiny_rows["indicators"][2][2] = "medarbejdere"
    tiny_rows["indicators"][3][2] = "kommuneperspektiv"
    tiny_rows["org_units"][1][3] = "kommune"
    tiny_rows["measurements"][1][4] = "Målt"
    tiny_rows["measurements"][2][4] = "selvrapporteret"
    tiny_rows["measurements"][4][4] = "Evalueret eksternt"
    tiny_rows["stories"][1][2] = "borgerperspektivet"
    plan = ingest.prepare([(f"{n}.csv", make_csv(r)) for n, r in tiny_rows.items()])
    for name in TINY_ROWS:
        pd.testing.assert_frame_equal(plan.frames[name], expected_tiny(name))


def test_quoted_fields_with_delimiter_quotes_and_line_breaks():
    rows = [["N1", "sat", "2014-01", "4", "målt", "a; b, c"],
            ["N1", "sat", "2014-02", "5", "", 'han sagde "hej"'],
            ["N1", "sat", "2014-03", "3", "", "linje et\nlinje to"]]
    data = make_csv([M_HEADER, *rows], delimiter=";", encoding="cp1252")
    assert b'"a; b, c"' in data and b'"han sagde ""hej"""' in data
    plan = ingest.prepare(with_file("measurements", data))
    expected = typed("measurements", [["N1", "sat", "2014-01-01", 4.0, "measured", "a; b, c"],
                                      ["N1", "sat", "2014-02-01", 5.0, "self_reported", 'han sagde "hej"'],
                                      ["N1", "sat", "2014-03-01", 3.0, "self_reported", "linje et\nlinje to"]])
    pd.testing.assert_frame_equal(plan.frames["measurements"], expected)
    assert plan.parsed[-1].lines.tolist() == [2, 3, 4]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_line_number_after_an_embedded_line_break(newline):
    rows = [["N1", "sat", "2014-01", "4", "", f"to{newline}linjer"],  # lines 2-3
            ["N1", "sat", "2014-02", "4", "", f"tre{newline}hele{newline}linjer"],  # lines 4-6
            ["N1", "sat", "2014-03", "fire", "", ""]]  # line 7
    data = measurements_file(*rows, newline=newline)
    p = only(refused(with_file("measurements", data)))
    assert where(p) == ("measurements.csv", 7, "value", "bad_number")
    assert p.value == "fire"


def test_blank_lines_are_skipped_but_counted():
    data = b"unit_id,name,parent_id,level\n\nK,Kommunen,,municipality\n\n\nU1,Enhed,K,nonsense\n"
    p = only(refused([("org.csv", data)]))
    assert where(p) == ("org.csv", 6, "level", "not_allowed")


def _workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


XLSX_SHEETS: dict[str, list[list[object]]] = {
    "Vejledning": [["Sådan udfylder du skabelonen"], ["Én række pr. måling"]],
    "Enheder": [["Enhed ID", "Navn", "Overordnet ID", "Niveau"], ["K", "Kommunen", None, "kommune"],
                ["U1", "Hjemmeplejen", "K", "enhed"]],
    "Indikatorer": [["indicator_id", "name", "perspective", "unit", "worst", "best"],
                    ["sat", "Tilfredshed", "borger", "skala", 1, 5], ["sick", "Sygefravær", "staff", "dage", 20, 0]],
    "Netværk": [["network_id", "name", "type", "home_unit_id", "leader", "purpose", "started_on", "ended_on",
                 "parent_network_id"],
                ["N1", "Opsporing", "velfærd", "U1", None, None, datetime(2014, 1, 1), None, None],
                ["N2", "Frivillige", "learning", "U1", None, "Frivillighed", date(2014, 6, 1),
                 datetime(2015, 12, 31), "N1"]],
    "Deltagelse": [["network_id", "unit_id", "joined_on", "left_on", "people"],
                   ["N1", "U1", datetime(2014, 1, 1), None, 4], ["N2", "U1", datetime(2014, 6, 1), None, 2.0]],
    "Målinger": [["network_id", "indicator_id", "period", "value", "evidence", "note"],
                 ["N1", "sat", datetime(2014, 1, 15), 4.5, "målt", None],
                 ["N1", "sick", "2014-02", 12, None, "tekst"],
                 ["N2", "sat", datetime(2014, 6, 1), 1234.5, "evaluated_internal", None]],
    "Fortællinger": [["network_id", "told_on", "perspective", "title", "text"],
                     ["N1", datetime(2014, 3, 15), "citizen", "Titel", "Tekst"]],
}


def test_xlsx_one_record_type_per_sheet_with_date_and_number_cells():
    plan = ingest.prepare([("upload.xlsx", _workbook(XLSX_SHEETS))])
    assert set(plan.frames) == set(TINY_ROWS)
    expected = {
        "org_units": [["K", "Kommunen", "", "municipality"], ["U1", "Hjemmeplejen", "K", "unit"]],
        "indicators": [["sat", "Tilfredshed", "citizen", "skala", 1.0, 5.0],
                       ["sick", "Sygefravær", "staff", "dage", 20.0, 0.0]],
        "networks": [["N1", "Opsporing", "welfare", "U1", "", "", "2014-01-01", "", ""],
                     ["N2", "Frivillige", "learning", "U1", "", "Frivillighed", "2014-06-01", "2015-12-31", "N1"]],
        "participation": [["N1", "U1", "2014-01-01", "", 4], ["N2", "U1", "2014-06-01", "", 2]],
        "measurements": [["N1", "sat", "2014-01-01", 4.5, "measured", ""],
                         ["N1", "sick", "2014-02-01", 12.0, "self_reported", "tekst"],
                         ["N2", "sat", "2014-06-01", 1234.5, "evaluated_internal", ""]],
        "stories": [["N1", "2014-03-15", "citizen", "Titel", "Tekst"]],
    }
    for name, rows in expected.items():
        pd.testing.assert_frame_equal(plan.frames[name], typed(name, rows))
    assert {p.sheet for p in plan.parsed} == set(XLSX_SHEETS) - {"Vejledning"}


def test_xlsx_problem_names_sheet_and_row():
    sheets = {k: v for k, v in XLSX_SHEETS.items() if k != "Vejledning"}
    sheets["Målinger"] = [*sheets["Målinger"], ["N1", "sat", datetime(2014, 9, 1), "mange", None, None]]
    p = only(refused([("upload.xlsx", _workbook(sheets))]))
    assert (p.file, p.sheet, p.line, p.column, p.code) == ("upload.xlsx", "Målinger", 5, "value", "bad_number")
    assert "række 5" in p.describe("da") and "ark Målinger" in p.describe("da")
    assert "row 5" in p.describe("en")


@pytest.mark.parametrize("filename", ["measurements.csv", "data.csv", "org_units.csv", "upload", "x.txt"])
def test_record_type_comes_from_the_header_not_the_file_name(filename):
    plan = ingest.prepare([("enheder.csv", make_csv(ORG_UNITS)), (filename, make_csv(TINY_ROWS["networks"]))])
    pd.testing.assert_frame_equal(plan.frames["networks"], expected_tiny("networks"))
    assert [(p.file, p.record_type) for p in plan.parsed] == [("enheder.csv", "org_units"), (filename, "networks")]


def test_detect_record_type_from_header():
    assert ingest.detect_record_type(["Netværk", "Indikator", "Måned", "Værdi"]) == "measurements"
    assert ingest.detect_record_type(["network_id", "unit_id", "joined_on", "people"]) == "participation"
    assert ingest.detect_record_type(["network_id", "told_on", "title", "text"]) == "stories"
    assert ingest.detect_record_type(["farve", "størrelse"]) is None


def test_optional_columns_may_be_left_out():
    data = make_csv([["network_id", "indicator_id", "period", "value"], ["N1", "sat", "2014-01", "4"]])
    plan = ingest.prepare(with_file("measurements", data))
    expected = typed("measurements", [["N1", "sat", "2014-01-01", 4.0, "self_reported", ""]])
    pd.testing.assert_frame_equal(plan.frames["measurements"], expected)


# -- refusals: each names file, line, column and what is wrong ---------------------------------------------


def test_missing_column():
    data = make_csv([["network_id", "indicator_id", "period", "note"], ["N1", "sat", "2014-01", ""]])
    p = only(refused(with_file("measurements", data, "m.csv")))
    assert where(p) == ("m.csv", 1, "value", "missing_column")
    assert "value" in p.expected


def test_unknown_column():
    data = make_csv([[*M_HEADER, "farve"], ["N1", "sat", "2014-01", "4", "", "", "grøn"]])
    p = only(refused(with_file("measurements", data, "m.csv")))
    assert where(p) == ("m.csv", 1, "farve", "unknown_column")


def test_duplicate_column():
    data = make_csv([[*M_HEADER, "værdi"], ["N1", "sat", "2014-01", "4", "", "", "5"]])
    p = only(refused(with_file("measurements", data, "m.csv")))
    assert where(p) == ("m.csv", 1, "værdi", "duplicate_column")


def test_header_matching_no_record_type():
    p = only(refused([("x.csv", b"farve,stoerrelse\nroed,stor\n")]))
    assert where(p) == ("x.csv", 1, None, "unknown_type")


@pytest.mark.parametrize("value", ["fire", "4,5,6", "1.2.3,4", "4 stk", "kr", "nan", "inf", "1e999", "9" * 400])
def test_wrong_number(value):
    data = measurements_file(["N1", "sat", "2014-01", "4", "", ""], ["N1", "sat", "2014-02", value, "", ""])
    p = only(refused(with_file("measurements", data, "m.csv")))
    assert where(p) == ("m.csv", 3, "value", "bad_number")
    assert p.value == value


def test_missing_required_value():
    data = measurements_file(["N1", "sat", "2014-01", "", "", ""])
    p = only(refused(with_file("measurements", data, "m.csv")))
    assert where(p) == ("m.csv", 2, "value", "missing_value")


@pytest.mark.parametrize("text", ["31-02-2014", "2014-02-30", "32.01.2014", "2014-13-01", "1. martz 2014", "31-02-14",
                                  "2014"])
def test_impossible_or_unreadable_date(text):
    rows = [NETWORKS[0], NETWORKS[1], ["N2", "x", "welfare", "U1", "", "", text, "", ""]]
    p = only(refused(with_file("networks", make_csv(rows), "n.csv")))
    assert where(p) == ("n.csv", 3, "started_on", "bad_date")
    assert p.value == text


@pytest.mark.parametrize("text", ["2014-13", "13-2014", "martz 2014", "mar-2", "2014-02-30"])
def test_impossible_month(text):
    p = only(refused(with_file("measurements", measurements_file(["N1", "sat", text, "4", "", ""]), "m.csv")))
    assert where(p) == ("m.csv", 2, "period", "bad_month")


@pytest.mark.parametrize(
    ("record", "row", "column"),
    [
        ("networks", ["N1", "x", "sport", "U1", "", "", "2014-01-01", "", ""], "type"),
        ("org_units", ["A1", "Social og Sundhed", "K", "by"], "level"),
        ("measurements", ["N1", "sat", "2014-01", "4", "rygte", ""], "evidence"),
        ("indicators", ["sat", "x", "glæde", "", "1", "5"], "perspective"),
    ],
)
def test_value_not_in_allowed_set(record, row, column):
    if record == "networks":
        files = with_file("networks", make_csv([NETWORKS[0], row, NETWORKS[2]]), "n.csv")
    elif record == "org_units":
        files = with_file("org_units", make_csv([ORG_UNITS[0], ORG_UNITS[1], row, *ORG_UNITS[3:]]), "n.csv")
    elif record == "indicators":
        files = with_file("indicators", make_csv([TINY_ROWS["indicators"][0], row, *TINY_ROWS["indicators"][2:]]),
                          "n.csv")
    else:
        files = with_file("measurements", measurements_file(row), "n.csv")
    p = only(refused(files))
    assert where(p) == ("n.csv", 3 if record == "org_units" else 2, column, "not_allowed")
    assert p.value == row[RECORD_INDEX[record][column]]


RECORD_INDEX = {name: {c: i for i, c in enumerate(rows[0])} for name, rows in TINY_ROWS.items()}


def test_misspelt_root_level_is_reported_as_such_not_as_a_missing_parent():
    rows = [ORG_UNITS[0], ["K", "Kommunen", "", "kommunne"], *ORG_UNITS[2:]]
    p = only(refused(with_file("org_units", make_csv(rows), "o.csv")))
    assert where(p) == ("o.csv", 2, "level", "not_allowed")


def test_story_perspective_must_be_one_of_the_three_legs():
    """'investering' is an alias of the indicator perspective 'input', which stories do not allow."""
    rows = [TINY_ROWS["stories"][0], ["N1", "2014-03-15", "investering", "Titel", "Tekst"]]
    p = only(refused(with_file("stories", make_csv(rows), "s.csv")))
    assert where(p) == ("s.csv", 2, "perspective", "not_allowed")


def test_unknown_foreign_key():
    data = measurements_file(["N1", "sat", "2014-01", "4", "", ""], ["N9", "sat", "2014-01", "4", "", ""])
    p = only(refused(with_file("measurements", data, "m.csv")))
    assert where(p) == ("m.csv", 3, "network_id", "unknown_reference")
    assert p.value == "N9"
    assert p.expected == "networks.network_id"


def test_foreign_key_supplied_by_another_file_in_the_same_load():
    extra = make_csv([NETWORKS[0], ["N9", "Ny", "innovation", "U1", "", "", "2015-01-01", "", "N2"]])
    data = measurements_file(["N9", "sat", "2015-01", "4", "", ""])
    plan = ingest.prepare([*with_file("measurements", data), ("flere_netværk.csv", extra)])
    assert plan.frames["networks"]["network_id"].tolist() == ["N1", "N2", "N9"]
    assert plan.frames["measurements"]["network_id"].tolist() == ["N9"]


def test_foreign_key_already_in_the_store(store, tiny_files):
    service.load_files(store, tiny_files)
    data = measurements_file(["N2", "sick", "2014-07", "3", "", ""])
    plan = ingest.prepare([("m.csv", data)], store)
    assert plan.frames["measurements"]["network_id"].tolist() == ["N2"]
    # Without the store the same file is refused.
    assert {where(p) for p in refused([("m.csv", data)]).problems} == {
        ("m.csv", 2, "network_id", "unknown_reference"), ("m.csv", 2, "indicator_id", "unknown_reference")}


def test_unknown_parent_unit():
    rows = [*ORG_UNITS, ["U3", "Ny", "C9", "unit"]]
    p = only(refused(with_file("org_units", make_csv(rows), "o.csv")))
    assert where(p) == ("o.csv", 8, "parent_id", "unknown_reference")


def test_ended_on_before_started_on():
    rows = [NETWORKS[0], NETWORKS[1], ["N2", "x", "learning", "U2", "", "", "01-06-2014", "31-05-2014", ""]]
    p = only(refused(with_file("networks", make_csv(rows), "n.csv")))
    assert where(p) == ("n.csv", 3, "ended_on", "end_before_start")
    # The message names this row's start date, not another row's.
    assert "2014-06-01" in p.describe("en")
    assert "2014-01-01" not in p.describe("en")


def test_left_on_before_joined_on():
    rows = [TINY_ROWS["participation"][0], ["N1", "U1", "2014-05-01", "2014-04-30", "2"]]
    p = only(refused(with_file("participation", make_csv(rows), "p.csv")))
    assert where(p) == ("p.csv", 2, "left_on", "end_before_start")
    assert "2014-05-01" in p.describe("en")


def test_negative_people():
    rows = [TINY_ROWS["participation"][0], ["N1", "U1", "2014-01-01", "", "-3"]]
    p = only(refused(with_file("participation", make_csv(rows), "p.csv")))
    assert where(p) == ("p.csv", 2, "people", "negative")
    assert p.value == "-3"


@pytest.mark.parametrize("people", ["2.5", "2,5", "to", "1e-1"])
def test_non_integer_people(people):
    rows = [TINY_ROWS["participation"][0], ["N1", "U1", "2014-01-01", "", people]]
    p = only(refused(with_file("participation", make_csv(rows), "p.csv")))
    assert where(p) == ("p.csv", 2, "people", "bad_integer")


def test_whole_number_people_written_as_float_is_accepted():
    rows = [TINY_ROWS["participation"][0], ["N1", "U1", "2014-01-01", "", "4.0"]]
    plan = ingest.prepare(with_file("participation", make_csv(rows)))
    assert plan.frames["participation"]["people"].tolist() == [4]


def test_duplicate_key_within_one_file():
    data = measurements_file(["N1", "sat", "2014-01", "4", "", ""], ["N1", "sick", "2014-01", "4", "", ""],
                             ["N1", "sat", "2014-01-20", "5", "", ""])  # the same month as line 2
    p = only(refused(with_file("measurements", data, "m.csv")))
    assert where(p) == ("m.csv", 4, "network_id, indicator_id, period", "duplicate_key")
    assert "m.csv:2" in p.describe("en")


def test_duplicate_key_across_two_files():
    a = measurements_file(["N1", "sat", "2014-01", "4", "", ""])
    b = measurements_file(["N1", "sick", "2014-01", "4", "", ""], ["N1", "sat", "2014-01", "5", "", ""])
    p = only(refused([*files_without("measurements"), ("a.csv", a), ("b.csv", b)]))
    assert where(p) == ("b.csv", 3, "network_id, indicator_id, period", "duplicate_key")
    assert "a.csv:2" in p.describe("en")


@pytest.mark.parametrize("data", [b"", b"   \r\n\n  ", codecs.BOM_UTF8, codecs.BOM_UTF16_LE])
def test_empty_file(data):
    p = only(refused([("tom.csv", data)]))
    assert where(p) == ("tom.csv", None, None, "empty_file")


def test_header_only_file():
    p = only(refused([("m.csv", make_csv([M_HEADER]))]))
    assert where(p) == ("m.csv", None, None, "no_rows")


def test_binary_garbage():
    data = random.Random(7).randbytes(3000)
    p = only(refused([("billede.png", data)]))
    assert where(p) == ("billede.png", None, None, "not_tabular")


def test_old_xls_signature():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
    p = only(refused([("gammel.xls", data)]))
    assert where(p) == ("gammel.xls", None, None, "old_xls")


def test_file_size_in_a_message_is_written_the_readers_way():
    p = only(refused([("stor.csv", b"x" * (ingest.MAX_BYTES + 2_450_000))]))
    assert p.message("da") == "Filen er for stor (52,3 MB; højst 50 MB)."
    assert p.message("en") == "The file is too large (52.3 MB; at most 50 MB)."


def test_broken_xlsx():
    p = only(refused([("ødelagt.xlsx", b"PK\x03\x04" + bytes(100))]))
    assert where(p) == ("ødelagt.xlsx", None, None, "bad_xlsx")


def test_file_over_max_bytes(monkeypatch):
    data = measurements_file(["N1", "sat", "2014-01", "4", "", ""])
    monkeypatch.setattr(ingest, "MAX_BYTES", len(data) - 1)
    p = only(refused([("stor.csv", data)]))
    assert where(p) == ("stor.csv", None, None, "too_large")
    monkeypatch.setattr(ingest, "MAX_BYTES", len(data))
    assert len(ingest.read_tables(data, "stor.csv")) == 1


def test_unclosed_quote_with_a_huge_field_is_a_problem_not_a_crash():
    data = b'network_id,indicator_id,period,value\nN1,sat,2014-01,"' + b"x" * 200_000
    err = refused([("m.csv", data)])
    assert err.problems[0].file == "m.csv"


def test_row_with_more_fields_than_header():
    data = make_csv([M_HEADER, ["N1", "sat", "2014-01", "4", "", "", "ekstra"]])
    p = only(refused([("m.csv", data)]))
    assert where(p) == ("m.csv", 2, None, "too_many_fields")


@pytest.mark.parametrize(
    ("record", "column", "cpr"),
    [("measurements", "note", "010190-1234"), ("measurements", "note", "0101901234"),
     ("measurements", "note", "010190 1234"), ("networks", "purpose", "311299-4321"),
     ("stories", "text", "2902001234"), ("stories", "title", "150575-2222")],
)
def test_cpr_number_in_free_text_is_refused_and_not_echoed(record, column, cpr):
    rows = [list(r) for r in TINY_ROWS[record]]
    rows[1][RECORD_INDEX[record][column]] = f"Borgeren ({cpr}) ringede"
    err = refused(with_file(record, make_csv(rows), "fil.csv"))
    p = only(err)
    assert where(p) == ("fil.csv", 2, column, "cpr")
    digits = cpr.replace("-", "").replace(" ", "")
    for text in (err.report("da"), err.report("en"), str(err), p.describe("da"), p.describe("en"), repr(p)):
        assert cpr not in text
        assert digits not in text
        assert digits[-4:] not in text
    assert "CPR" in err.report("en") and "CPR" in err.report("da")


@pytest.mark.parametrize("text", ["ring 9999999999", "sag 3213001234", "tlf 43 68 68 68", "12345678901",
                                  "010190-12345", "beløb 1234567890 kr"])
def test_ten_digit_numbers_that_are_not_dates_are_accepted(text):
    data = measurements_file(["N1", "sat", "2014-01", "4", "", text])
    plan = ingest.prepare(with_file("measurements", data))
    assert plan.frames["measurements"]["note"].tolist() == [text]


def test_worst_equals_best():
    rows = [*TINY_ROWS["indicators"], ["flat", "Flad", "citizen", "", "3", "3,0"]]
    p = only(refused(with_file("indicators", make_csv(rows), "i.csv")))
    assert where(p) == ("i.csv", 6, "best", "worst_equals_best")


def test_org_unit_cycle():
    rows = [*ORG_UNITS, ["P", "Pe", "Q", "unit"], ["Q", "Qu", "P", "unit"]]
    err = refused(with_file("org_units", make_csv(rows), "o.csv"))
    p = only(err)
    assert where(p) == ("o.csv", 8, "parent_id", "cycle")
    assert "P → Q → P" in p.describe("en")


def test_org_unit_cycle_through_the_store(store, tiny_files):
    service.load_files(store, tiny_files)
    # C1 is re-parented below U1, which sits below C1 already.
    data = make_csv([ORG_UNITS[0], ["C1", "Center", "U1", "centre"]])
    p = only(refused([("o.csv", data)], store))
    assert where(p) == ("o.csv", 2, "parent_id", "cycle")


def test_unit_pointing_at_itself():
    rows = [*ORG_UNITS, ["U3", "Selv", "U3", "unit"]]
    err = refused(with_file("org_units", make_csv(rows), "o.csv"))
    assert ("o.csv", 8, "parent_id", "self_reference") in {where(p) for p in err.problems}


def test_unit_row_without_id_or_parent_is_reported_not_a_crash():
    rows = [*ORG_UNITS, ["", "Uden id", "", "unit"]]
    err = refused(with_file("org_units", make_csv(rows), "o.csv"))
    assert {where(p) for p in err.problems} == {("o.csv", 8, "unit_id", "missing_value"),
                                                ("o.csv", 8, "parent_id", "root_parent")}


def test_only_the_root_may_lack_a_parent():
    rows = [*ORG_UNITS, ["U3", "Forældreløs", "", "unit"]]
    p = only(refused(with_file("org_units", make_csv(rows), "o.csv")))
    assert where(p) == ("o.csv", 8, "parent_id", "root_parent")


def test_network_budding_from_itself():
    rows = [NETWORKS[0], NETWORKS[1], ["N2", "x", "learning", "U2", "", "", "2014-06-01", "", "N2"]]
    p = only(refused(with_file("networks", make_csv(rows), "n.csv")))
    assert where(p) == ("n.csv", 3, "parent_network_id", "self_reference")


def test_every_problem_of_a_load_is_reported_together():
    bad_m = measurements_file(["N1", "sat", "2014-01", "x", "", ""], ["N1", "sat", "2014-02", "4", "rygte", ""])
    bad_p = make_csv([TINY_ROWS["participation"][0], ["N1", "U1", "2014-01-01", "", "-1"]])
    err = refused([*files_without("measurements")[:-2], ("m.csv", bad_m), ("p.csv", bad_p),
                   ("s.csv", make_csv(TINY_ROWS["stories"]))])
    assert {where(p) for p in err.problems} == {("m.csv", 2, "value", "bad_number"),
                                                ("m.csv", 3, "evidence", "not_allowed"),
                                                ("p.csv", 2, "people", "negative")}
    assert err.total == 3


def test_many_problems_of_one_kind_are_capped_but_counted():
    rows = [["N1", "sat", f"2014-{m:02d}", "x", "", ""] for m in range(1, 13)] + \
           [["N1", "sick", f"2014-{m:02d}", "x", "", ""] for m in range(1, 13)]
    err = refused(with_file("measurements", measurements_file(*rows)))
    assert err.total == 24
    assert len(err.problems) == ingest.MAX_PROBLEMS_PER_KIND
    # One line per cause (file, column, kind) with its count and first rows, not twenty lines and "4 more".
    assert err.report("en", limit=None).splitlines() == [
        "file measurements.csv, lines 2, 3, 4, 5, 6, column value, value 'x': Not a number. (24 times in all; the "
        "first 5 named) expected: a number, e.g. 1234.5 or 1234,5"]
    assert "24 gange i alt" in err.report("da")


@pytest.mark.parametrize(("lang", "line", "column"), [("da", "linje 3", "kolonne value"),
                                                      ("en", "line 3", "column value")])
def test_problem_describe_mentions_line_and_column(lang, line, column):
    data = measurements_file(["N1", "sat", "2014-01", "4", "", ""], ["N1", "sat", "2014-02", "fire", "", ""])
    p = only(refused(with_file("measurements", data, "m.csv")))
    text = p.describe(lang)
    assert line in text and column in text and "m.csv" in text and "'fire'" in text
    assert text != p.describe("da" if lang == "en" else "en")


# -- properties ---------------------------------------------------------------------------------------------

PREFIXES = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, b"PK\x03\x04", b"\xd0\xcf\x11\xe0",
            b"network_id,indicator_id,period,value\n", b"unit_id;name;parent_id;level\r\n", b'"']


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=600))
def test_arbitrary_bytes_raise_only_ingest_error(prefix, body):
    try:
        plan = ingest.prepare([("x.csv", prefix + body)])
    except IngestError as exc:
        assert exc.problems
        assert all(p.file == "x.csv" for p in exc.problems)
    else:
        assert plan.frames


class KnownKeys:
    """A stand-in for a store that already holds the tiny set's keys (keeps the property test fast)."""

    def keys(self, name: str, column: str) -> pd.Series:
        return typed(name, data_rows(name))[column]

    def table(self, name: str) -> pd.DataFrame:
        return typed(name, data_rows(name))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(note=st.text(max_size=80))
def test_arbitrary_note_text_raises_only_ingest_error(note):
    data = measurements_file(["N1", "sat", "2014-01", "4", "", note])
    try:
        plan = ingest.prepare([("m.csv", data)], KnownKeys())
    except IngestError as exc:
        assert exc.problems
        assert not ingest.cpr_hits(pd.Series([note])).any() or exc.problems[0].code == "cpr"
    else:
        got = plan.frames["measurements"]["note"].tolist()
        stripped = ingest._WS.sub("", note)
        assert len(got) == 1
        assert got[0] == stripped or (stripped == "" and pd.isna(got[0]))


def test_progress_reports_each_file_and_the_checks(tiny_files):
    calls = []
    ingest.prepare(tiny_files, None, lambda *a: calls.append(a))
    n = len(tiny_files)
    reads = [c for c in calls if c[0] == "read"]
    assert reads == [("read", i, n, name) for i, (name, _) in enumerate(tiny_files)]
    assert sum(c[0] == "parse" for c in calls) == n
    assert calls[-1] == ("check", 0, 1, "")


def test_an_unknown_reference_says_what_was_expected_in_both_languages(tiny_files):
    bad = make_csv([["network_id", "indicator_id", "period", "value"], ["N9", "sat", "2015-03", "4"]])
    with pytest.raises(ingest.IngestError) as exc:
        ingest.prepare([*tiny_files, ("bad.csv", bad)])
    (problem,) = [p for p in exc.value.problems if p.file == "bad.csv"]
    assert problem.expected_text("da") == "et id fra networks.network_id"
    assert problem.expected_text("en") == "an id from networks.network_id"
    assert "forventet: et id fra networks.network_id" in problem.describe("da")
