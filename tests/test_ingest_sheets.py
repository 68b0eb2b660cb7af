"""Reading spreadsheets as the person saw them (DESIGN "Reading spreadsheets"): the number style from the whole
file or a question, cell formats, Danish dates and months, .ods, title rows, extra sheets, merged cells, the
user's own column names, one line per repeated cause. Every file is made from bytes here."""

from __future__ import annotations

import codecs
import io
import zipfile
from datetime import datetime

import openpyxl
import pandas as pd
import pytest

from netvalue import ingest, templates, workbook
from netvalue.__main__ import main
from netvalue.ingest import IngestError
from tests.support import NETWORKS, ORG_UNITS, TINY_ROWS, make_csv

REFS = [(f"{n}.csv", make_csv(r)) for n, r in TINY_ROWS.items() if n in ("org_units", "indicators", "networks")]
HEADER = ["network_id", "indicator_id", "period", "value"]


def values(data: bytes, name: str = "m.csv", decimal: str | None = None) -> list[float]:
    plan = ingest.prepare([*REFS, (name, data)], decimal=decimal)
    return plan.frames["measurements"]["value"].tolist()


def refused(files, decimal: str | None = None) -> IngestError:
    with pytest.raises(IngestError) as info:
        ingest.prepare(files, decimal=decimal)
    return info.value


def measurements(*vals: str, delimiter: str = "\t", encoding: str = "utf-8") -> bytes:
    rows = [HEADER] + [["N1", "sat", f"2014-{i + 1:02d}", v] for i, v in enumerate(vals)]
    return make_csv(rows, delimiter=delimiter, encoding=encoding)


# -- the number style: decided by the whole file, or asked ------------------------------------------------------
@pytest.mark.parametrize(("vals", "delimiter", "expected"), [
    (["16.500", "4,5"], "\t", [16500.0, 4.5]),  # a decimal comma elsewhere: the dot is a thousands dot
    (["16.500", "1.234.567"], "\t", [16500.0, 1234567.0]),  # two dots: thousands
    (["16.500", "1.234,5"], "\t", [16500.0, 1234.5]),  # both marks: the last is the decimal
    (["16.500", "4.5"], "\t", [16.5, 4.5]),  # a decimal point elsewhere
    (["16.500", "2.12345"], "\t", [16.5, 2.12345]),  # more than three digits after the dot
    (["16.500", "0.250"], "\t", [16.5, 0.25]),  # 0.250 cannot be a thousands group
    (["16.500", "8.250"], ";", [16500.0, 8250.0]),  # ';' is the list separator of decimal-comma programs
    (["16", "4"], ",", [16.0, 4.0]),  # nothing to decide
    (["55 %", "4,5 %"], "\t", [55.0, 4.5]),  # percent as shown
    (["16.500 kr.", "kr. 4,50"], "\t", [16500.0, 4.5]),  # kroner as shown
])
def test_the_number_style_comes_from_the_whole_file(vals, delimiter, expected):
    assert values(measurements(*vals, delimiter=delimiter)) == expected


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252", "utf-8-sig"])
def test_thousands_without_evidence_are_asked_about_never_guessed(encoding):
    data = measurements("16.500", "8.250", "37.000", encoding=encoding)
    err = refused([*REFS, ("kroner.txt", data)])
    assert err.question == "decimal"
    (p,) = err.problems
    assert (p.file, p.line, p.column, p.value, p.code) == ("kroner.txt", 2, "value", "16.500", "decimal_question")
    assert "16.500 er 16500 med punktum som tusindtalsskilletegn, men 16,5 med decimalpunktum" in p.describe("da")
    assert "--decimal comma" in p.describe("en")
    assert values(data, "kroner.txt", decimal=",") == [16500.0, 8250.0, 37000.0]
    assert values(data, "kroner.txt", decimal=".") == [16.5, 8.25, 37.0]


def test_evidence_both_ways_is_a_question_too_and_the_answer_leaves_the_odd_cell_as_a_problem():
    data = measurements("4,5", "4.25")
    err = refused([*REFS, ("m.csv", data)])
    assert err.question == "decimal" and err.problems[0].code == "decimal_conflict"
    err = refused([*REFS, ("m.csv", data)], decimal=",")
    assert [(p.line, p.code, p.value) for p in err.problems] == [(3, "bad_number", "4.25")]


def test_the_answer_does_not_override_a_file_that_shows_its_own_style():
    assert values(measurements("16.500", "4,5"), decimal=".") == [16500.0, 4.5]


def test_the_command_line_names_the_option_and_loads_with_it(tmp_path, capsys):
    files = []
    for name, data in [*REFS, ("kroner.txt", measurements("16.500", "8.250"))]:
        (tmp_path / name).write_bytes(data)
        files.append(str(tmp_path / name))
    db = str(tmp_path / "s.duckdb")
    assert main(["load", "--db", db, "--lang", "da", *files]) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[0] == "afvist: 1 problem(er); intet er gemt."
    assert "--decimal comma (16.500 er seksten tusind fem hundrede)" in err
    assert main(["load", "--db", db, "--lang", "da", "--decimal", "comma", *files]) == 0
    out = capsys.readouterr().out
    assert out.startswith("upload nr. 1 gemt — Organisationsenheder: 6 nye, 0 erstattede;"), out
    assert main(["load", "--db", db, "--lang", "en", "--decimal", "comma", files[-1]]) == 0
    assert capsys.readouterr().out.startswith("batch 2 loaded — measurements: 0 added, 2 replaced")


# -- cells as displayed ----------------------------------------------------------------------------------------
def _book(sheets: dict[str, list[list]], formats: dict[tuple[str, str], str] | None = None,
          merges: dict[str, str] | None = None) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
        for (sheet, cell), fmt in (formats or {}).items():
            if sheet == title:
                ws[cell].number_format = fmt
        for sheet, rng in (merges or {}).items():
            if sheet == title:
                ws.merge_cells(rng)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_percent_cells_are_read_as_shown_and_the_preview_says_so():
    data = _book({"Målinger": [["Netværk", "Indikator", "Måned", "Værdi"], ["N1", "sat", "2014-01", 0.549],
                               ["N1", "sick", "2014-01", 0.045], ["N1", "sat", "2014-02", 12.345]]},
                 {("Målinger", "D2"): "0%", ("Målinger", "D3"): "0.0%", ("Målinger", "D4"): "0.0"})
    plan = ingest.prepare([*REFS, ("m.xlsx", data)])
    assert plan.frames["measurements"]["value"].tolist() == [55.0, 4.5, 12.3]
    (item,) = [it for it in templates.preview_plan(plan) if it.record_type == "measurements"]
    (line,) = templates.reread_lines(item, "da")
    assert line == "Værdi: 3 celler er læst, som de blev vist, fx 55 % → 55, 4,5 % → 4,5, 12,345 → 12,3."


def test_text_cells_in_a_workbook_follow_the_file_style_not_a_guess():
    sheet = [["network_id", "indicator_id", "period", "value"], ["N1", "sat", "2014-01", "37.000"],
             ["N1", "sat", "2014-02", 12.5]]
    err = refused([*REFS, ("m.xlsx", _book({"Målinger": sheet}))])
    assert err.question == "decimal" and err.problems[0].sheet == "Målinger" and err.problems[0].line == 2
    sheet.append(["N1", "sat", "2014-03", "4,5"])
    assert values(_book({"Målinger": sheet}), "m.xlsx") == [37000.0, 12.5, 4.5]


@pytest.mark.parametrize(("text", "expected"), [
    ("31-03-15", "2015-03-31"), ("01-09-13", "2013-09-01"), ("31.03.2015", "2015-03-31"),
    ("31-03-2015", "2015-03-31"), ("1. marts 2015", "2015-03-01"), ("15-okt-99", "1999-10-15"),
])
def test_danish_dates_as_libreoffice_writes_them(text, expected):
    rows = [NETWORKS[0], NETWORKS[1], ["N2", "x", "welfare", "U1", "", "", text, "", ""]]
    plan = ingest.prepare([("o.csv", make_csv(ORG_UNITS)), ("n.csv", make_csv(rows, delimiter=";"))])
    assert plan.frames["networks"]["started_on"].iloc[-1] == pd.Timestamp(expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("mar-15", "2015-03"), ("maj-15", "2015-05"), ("dec-13", "2013-12"), ("okt.-14", "2014-10"),
    ("May-15", "2015-05"), ("Oct-15", "2015-10"), ("marts 2015", "2015-03"), ("31-03-15", "2015-03"),
])
def test_months_with_danish_and_english_names(text, expected):
    data = make_csv([HEADER, ["N1", "sat", text, "4"]], delimiter=";")
    plan = ingest.prepare([*REFS, ("m.csv", data)])
    assert plan.frames["measurements"]["period"].iloc[0] == pd.Timestamp(expected + "-01")


# -- .ods ------------------------------------------------------------------------------------------------------
def _ods(rows_xml: str, name: str = "Målinger") -> bytes:
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
               f'<table:table table:name="{name}">{rows_xml}</table:table>'
               '</office:spreadsheet></office:body></office:document-content>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
    return buf.getvalue()


def _row(*cells: str, repeat: int = 1) -> str:
    return f'<table:table-row table:number-rows-repeated="{repeat}">' + "".join(cells) + "</table:table-row>"


def _s(text: str) -> str:
    return f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'


def _n(value: str, shown: str, kind: str = "float") -> str:
    return (f'<table:table-cell office:value-type="{kind}" office:value="{value}"><text:p>{shown}</text:p>'
            "</table:table-cell>")


def test_an_ods_sheet_reads_percent_dates_and_numbers_as_shown():
    date = ('<table:table-cell office:value-type="date" office:date-value="2014-03-01"><text:p>mar-14</text:p>'
            "</table:table-cell>")
    empty = '<table:table-cell table:number-columns-repeated="16000"/>'
    rows = (_row(_s("Netværk"), _s("Indikator"), _s("Måned"), _s("Værdi"), empty)
            + _row(_s("N1"), _s("sat"), date, _n("0.549", "55 %", "percentage"), empty)
            + _row(_s("N1"), _s("sick"), date, _n("16500", "16.500"), empty)
            + _row(_s("N2"), _s("sat"), date, _n("4.45", "4,5"), empty)
            + _row(empty, repeat=1048000))
    plan = ingest.prepare([*REFS, ("m.ods", _ods(rows))])
    f = plan.frames["measurements"]
    assert f["value"].tolist() == [55.0, 16500.0, 4.5]
    assert f["period"].tolist() == [pd.Timestamp("2014-03-01")] * 3
    assert plan.parsed[-1].sheet == "Målinger" and plan.parsed[-1].lines.tolist() == [2, 3, 4]


def test_ods_merged_cells_are_named_as_the_likely_cause_of_the_empty_values():
    merged = ('<table:table-cell office:value-type="string" table:number-rows-spanned="3">'
              '<text:p>N1</text:p></table:table-cell>')
    covered = "<table:covered-table-cell/>"
    rows = (_row(_s("Netværk"), _s("Indikator"), _s("Måned"), _s("Værdi"))
            + _row(merged, _s("sat"), _s("2014-01"), _n("4", "4"))
            + _row(covered, _s("sat"), _s("2014-02"), _n("4", "4"))
            + _row(covered, _s("sat"), _s("2014-03"), _n("4", "4")))
    err = refused([*REFS, ("m.ods", _ods(rows))])
    codes = [(p.code, p.column, p.line) for p in err.problems]
    assert codes == [("missing_value", "Netværk", 3), ("missing_value", "Netværk", 4), ("merged_cells", None, None)]
    assert "A2:A4" in err.problems[-1].describe("da") and "flettede celler" in err.problems[-1].describe("da")


# -- the shape of the sheet --------------------------------------------------------------------------------------
def test_a_title_row_above_the_header_is_passed_over_with_a_note():
    data = "Målinger 2014;;;\r\n;;;\r\nNetværk;Indikator;Måned;Værdi\r\nN1;sat;2014-01;4,5\r\n".encode("cp1252")
    plan = ingest.prepare([*REFS, ("m.csv", data)])
    assert plan.frames["measurements"]["value"].tolist() == [4.5]
    assert plan.parsed[-1].lines.tolist() == [4]
    (note,) = plan.notes
    assert note.code == "title_rows" and "linje 3" in note.describe("da")


def test_a_missing_header_is_reported_at_its_own_line_under_a_title():
    data = "Målinger 2014\r\nNetværk;Indikator;Måned\r\nN1;sat;2014-01\r\n".encode("cp1252")
    err = refused([*REFS, ("m.csv", data)])
    assert [(p.line, p.column, p.code) for p in err.problems] == [(2, "value", "missing_column")]


def test_sheets_that_are_no_record_type_are_skipped_with_a_note():
    data = _book({"Noter": [["Indberetning til netværksstrukturen"], ["Tallene er foreløbige"]],
                  "Målinger": [["Netværk", "Indikator", "Måned", "Værdi"], ["N1", "sat", "2014-01", 4.5]],
                  "Overblik": [["Netværk", "Antal målinger"], ["N1", 1]]})
    plan = ingest.prepare([*REFS, ("m.xlsx", data)])
    assert plan.frames["measurements"]["value"].tolist() == [4.5]
    assert [(n.sheet, n.code) for n in plan.notes] == [("Noter", "sheet_skipped"), ("Overblik", "sheet_skipped")]
    only_notes = _book({"Noter": [["Indberetning"]], "Overblik": [["Netværk", "Antal"]]})
    err = refused([("m.xlsx", only_notes)])
    assert [p.code for p in err.problems] == ["no_record_sheets"]
    assert "Noter, Overblik" in err.problems[0].describe("da")


def test_a_sheet_named_after_a_record_type_is_never_skipped_silently():
    data = _book({"Målinger": [["Netværk", "Antal"], ["N1", 1]]})
    err = refused([*REFS, ("m.xlsx", data)])
    assert {p.code for p in err.problems} >= {"missing_column"}


def test_xlsx_merged_cells_are_named():
    rows = [["Netværk", "Indikator", "Måned", "Værdi"], ["N1", "sat", "2014-01", 4], [None, "sat", "2014-02", 4]]
    err = refused([*REFS, ("m.xlsx", _book({"Målinger": rows}, merges={"Målinger": "A2:A3"}))])
    assert [p.code for p in err.problems] == ["missing_value", "merged_cells"]
    assert "A2:A3" in err.problems[-1].describe("en")


# -- messages --------------------------------------------------------------------------------------------------
def test_a_cause_repeated_thousands_of_times_is_one_line_with_the_count_and_first_rows():
    rows = [["Netværk", "Indikator", "Måned", "Værdi"]] + [["N1", "sat", f"{1900 + i // 12}-{i % 12 + 1:02d}", ""]
                                                            for i in range(2400)]
    err = refused([*REFS, ("m.csv", make_csv(rows, delimiter=";"))])
    (cause,) = err.causes()
    assert (cause.count, cause.lines, cause.column) == (2400, (2, 3, 4, 5, 6), "Værdi")
    assert err.report("da") == ("fil m.csv, linje 2, 3, 4, 5, 6, kolonne Værdi: Værdien mangler. (2.400 gange i "
                                "alt; de første 5 er nævnt)")
    frame = templates.problems_frame(err.causes(), "da")
    assert len(frame) == 1 and frame["Linje"].tolist() == [2]
    assert "2.400 gange i alt" in frame["Problem"].iloc[0] and "linje 2, 3, 4, 5, 6" in frame["Problem"].iloc[0]


def test_the_example_row_warning_only_for_the_template_examples_in_full():
    from netvalue import service

    plan = ingest.prepare(service.sample_files())
    assert templates.example_rows_in(plan) == [], "the municipality's own data holds rows equal to an example"


# -- what a file may cost ------------------------------------------------------------------------------------------
def test_a_nul_byte_late_in_a_file_refuses_it():
    data = measurements(*(["4"] * 5000)) + b"N1\tsat\t2030-01\t4\x00\n"
    assert len(data) > 20_000
    err = refused([*REFS, ("m.csv", data)])
    assert [p.code for p in err.problems] == ["not_tabular"]


def test_a_line_with_more_fields_than_any_table_is_refused_before_it_is_split():
    data = b"network_id;" + b";".join(b"x" for _ in range(524_000)) + b"\n"
    err = refused([("m.csv", data)])
    assert [(p.code, p.line) for p in err.problems] == [("too_many_columns", 1)]
    wide = b"network_id,indicator_id,period,value\n" + b"N1,sat,2014-01,4\n" * 10 + b"," * 100_000 + b"\n"
    assert [p.code for p in refused([("m.csv", wide)]).problems] == ["too_many_columns"]


def test_too_many_files_in_one_load_are_refused_at_once():
    err = refused([(f"f{i}.csv", b"a;b\n1;2\n") for i in range(ingest.MAX_FILES + 1)])
    assert [p.code for p in err.problems] == ["too_many_files"]


def test_problems_kept_are_capped_over_all_kinds():
    header = ["network_id", "indicator_id", "period", "value"] + [f"x{i}" for i in range(400)]
    err = refused([("m.csv", make_csv([header, ["N1", "sat", "2014-01", "4", *["1"] * 400]]))])
    assert len(err.problems) == 400 and err.total == 400  # one unknown column each: under the cap
    assert ingest.MAX_PROBLEMS_KEPT >= 400


def _bomb(member: str, size: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr(member, b"<sst>" + b"<si><t>a</t></si>" * (size // 16) + b"</sst>")
    return buf.getvalue()


def test_a_workbook_that_unpacks_far_beyond_its_size_is_refused_before_it_is_opened():
    data = _bomb("xl/sharedStrings.xml", 20 * 2**20)
    assert len(data) < 1_000_000
    err = refused([("bombe.xlsx", data)])
    assert [p.code for p in err.problems] == ["workbook_ratio"]
    assert "gange sin størrelse" in err.problems[0].describe("da")


def test_a_workbook_too_large_unpacked_is_refused(monkeypatch):
    monkeypatch.setattr(workbook, "MAX_UNCOMPRESSED", 1000)
    err = refused([("stor.xlsx", _bomb("xl/sharedStrings.xml", 5000))])
    assert [p.code for p in err.problems] == ["workbook_too_large"]


def test_utf16_unicode_text_with_a_title_and_bom():
    text = "Målinger\r\nNetværk\tIndikator\tMåned\tVærdi\r\nN1\tsat\t31-03-15\t4,5\r\n"
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    assert values(data, "m.txt") == [4.5]


def test_xlsx_date_cells_and_formula_results(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Målinger"
    ws.append(["Netværk", "Indikator", "Måned", "Værdi"])
    ws.append(["N1", "sat", datetime(2015, 5, 1), 4.5])
    ws["C2"].number_format = "MMM-YY"
    buf = io.BytesIO()
    wb.save(buf)
    plan = ingest.prepare([*REFS, ("m.xlsx", buf.getvalue())])
    assert plan.frames["measurements"]["period"].tolist() == [pd.Timestamp("2015-05-01")]


@pytest.mark.parametrize(("name", "make", "words"), [
    ("bombe.xlsx", lambda: _bomb("xl/sharedStrings.xml", 20 * 2**20), "gange sin størrelse"),
    ("linje.csv", lambda: b"network_id;" + b";".join(b"x" for _ in range(524_000)) + b"\n", "flere kolonner"),
    ("nul.csv", lambda: measurements(*(["4"] * 5000)) + b"N1\tsat\t2030-01\t4\x00\n", "hverken CSV/tekst"),
])
def test_hostile_files_are_refused_through_the_command_line_with_a_reason(tmp_path, capsys, name, make, words):
    path = tmp_path / name
    path.write_bytes(make())
    assert main(["load", "--db", str(tmp_path / "s.duckdb"), "--lang", "da", str(path)]) == 1
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err and "Error" not in err, err


LAUGHS = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
          + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
          + ']><d>&j;</d>')


@pytest.mark.parametrize("member", ["content.xml", "xl/workbook.xml"])
def test_entity_expansion_in_a_workbook_is_refused_not_expanded(member):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        if member == "content.xml":
            z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        else:
            z.writestr("xl/_rels/workbook.xml.rels", "<Relationships/>")
        z.writestr(member, LAUGHS)
    err = refused([("latter.ods" if member == "content.xml" else "latter.xlsx", buf.getvalue())])
    assert [p.code for p in err.problems] == ["bad_xlsx"]
