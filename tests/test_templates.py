"""netvalue.templates: the CSV and Excel templates and the column guide come from netvalue.schema and pass ingest;
the tables the upload page shows (preview, problem report, history) are exact."""

from __future__ import annotations

import codecs
import csv
import io

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from netvalue import ingest, service, templates
from netvalue.ingest import Problem
from netvalue.schema import LOAD_ORDER, RECORD_TYPES
from tests.support import make_csv, typed


def template_files() -> list[tuple[str, bytes]]:
    return [(templates.csv_filename(name), templates.csv_template(name)) for name in LOAD_ORDER]


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


# -- CSV templates -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", LOAD_ORDER)
def test_csv_template_has_the_canonical_header_and_the_schema_example(name):
    data = templates.csv_template(name)
    assert data.startswith(codecs.BOM_UTF8), "UTF-8 with BOM, so Danish Excel shows æøå"
    rows = csv_rows(data)
    assert rows[0] == RECORD_TYPES[name].column_names
    assert rows[-1] == [c.example for c in RECORD_TYPES[name].columns]


def test_csv_templates_are_written_the_danish_way():
    rows = csv_rows(templates.csv_template("measurements"))
    assert rows == [["network_id", "indicator_id", "period", "value", "evidence", "note"],
                    ["N01", "citizen_satisfaction", "2015-03", "4,2", "self_reported", ""]]
    assert b"\r\n" in templates.csv_template("measurements")


def test_org_units_template_carries_the_example_units_parents_up_to_the_root():
    org = templates.example_frame("org_units")
    assert org["unit_id"].tolist() == ["ALB", "A-BSV", "C-SUO", "U-HJEM-NORD"]
    assert org["level"].tolist() == ["municipality", "area", "centre", "unit"]
    parents = dict(zip(org["unit_id"], org["parent_id"], strict=True))
    assert parents["U-HJEM-NORD"] == RECORD_TYPES["org_units"].column("parent_id").example
    assert all(p == "" or p in parents for p in parents.values())


def test_the_example_rows_pass_ingest_when_uploaded_together():
    plan = ingest.prepare(template_files(), None)
    assert plan.rows() == {"org_units": 4, "indicators": 1, "networks": 1, "participation": 1, "measurements": 1,
                           "stories": 1}
    pd.testing.assert_frame_equal(plan.frames["measurements"], typed(
        "measurements", [["N01", "citizen_satisfaction", "2015-03-01", 4.2, "self_reported", ""]]))
    pd.testing.assert_frame_equal(plan.frames["networks"], typed("networks", [[
        "N01", "Observation og tidlig opsporing i hjemmeplejen", "welfare", "U-HJEM-NORD",
        "Netværksleder, Hjemmeplejen Nord", "Opdage tegn på funktionstab tidligt", "2013-09-01", "", ""]]))


def test_the_example_rows_also_load_onto_the_sample(store):
    service.load_files(store, service.sample_files(), who="sample")
    _plan, result = service.load_files(store, template_files(), who="test")
    # The examples use the sample's ids: they replace rows; only the example story (a new date) is added.
    assert result.added == {"org_units": 0, "indicators": 0, "networks": 0, "participation": 0, "measurements": 0,
                            "stories": 1}
    assert result.replaced == {"org_units": 4, "indicators": 1, "networks": 1, "participation": 1,
                               "measurements": 1, "stories": 0}


# -- Excel template ----------------------------------------------------------------------------------------------
def test_xlsx_template_opens_with_a_guide_first_and_a_sheet_per_record_type():
    wb = openpyxl.load_workbook(io.BytesIO(templates.xlsx_template()))
    assert wb.sheetnames == ["Vejledning", *(RECORD_TYPES[n].label_da for n in LOAD_ORDER)]
    for name in LOAD_ORDER:
        ws = wb[RECORD_TYPES[name].label_da]
        assert [c.value for c in ws[1]] == RECORD_TYPES[name].column_names
    ws = wb["Målinger"]
    assert [c.value for c in ws[2]] == ["N01", "citizen_satisfaction", "2015-03", 4.2, "self_reported", None]
    types = [dv for dv in wb["Netværk"].data_validations.dataValidation if "C2" in str(dv.sqref)]
    assert types and types[0].formula1 == '"welfare,innovation,learning"'


def test_xlsx_template_reads_back_as_the_csv_templates():
    from_xlsx = ingest.prepare([(templates.XLSX_FILENAME, templates.xlsx_template())], None)
    from_csv = ingest.prepare(template_files(), None)
    assert [p.sheet for p in from_xlsx.parsed] == [RECORD_TYPES[n].label_da for n in LOAD_ORDER]
    for name in LOAD_ORDER:
        pd.testing.assert_frame_equal(from_xlsx.frames[name], from_csv.frames[name], check_exact=True)


def test_guide_sheet_lists_every_column_in_both_languages():
    wb = openpyxl.load_workbook(io.BytesIO(templates.xlsx_template()))
    rows = [[("" if v is None else str(v)) for v in r] for r in wb["Vejledning"].iter_rows(values_only=True)]
    assert tuple(rows[0]) == templates.GUIDE_COLUMNS
    body = rows[1:]
    assert len(body) == sum(len(rt.columns) for rt in RECORD_TYPES.values())
    for name, rt in RECORD_TYPES.items():
        for c in rt.columns:
            row = next(r for r in body if r[0].startswith(name + " ") and r[1] == c.name)
            assert row[2].startswith("ja" if c.required else "nej")
            assert row[3] == c.doc_da and row[4] == c.doc_en
            assert row[8] == ", ".join(c.aliases)
            for v in c.allowed:
                assert v in row[7]


def test_guide_shows_danish_value_spellings_beside_the_allowed_values():
    g = templates.guide_frame()
    row = g[(g["Kolonne / Column"] == "type")].iloc[0]
    assert row["Tilladte værdier / Allowed values"] == (
        "welfare (velfærd, velfærdsnetværk, welfare network); innovation (innovationsnetværk, innovation network); "
        "learning (læring, læringsnetværk, learning network)")
    assert row["Format (dansk)"] == "en af: welfare, innovation, learning"
    ev = g[(g["Kolonne / Column"] == "evidence")].iloc[0]
    assert ev["Påkrævet / Required"] == "nej, standard self_reported / no, default self_reported"


# -- preview, report, history ------------------------------------------------------------------------------------
DANISH = ("netværk;indikator;måned;værdi;evidens\r\n"
          "N01;citizen_satisfaction;01-03-2015;4,5;målt\r\n"
          "N01;citizen_satisfaction;01-04-2015;3,9;selvrapporteret\r\n").encode("cp1252")


def test_preview_of_a_checked_plan_shows_the_rows_as_read():
    # org_units, indicators and networks from the templates give the measurements their N01 and indicator.
    plan = ingest.prepare([*template_files()[:3], ("målinger.csv", DANISH)], None)
    item = next(i for i in templates.preview_plan(plan) if i.file == "målinger.csv")
    assert (item.record_type, item.rows, item.typed, item.sheet) == ("measurements", 2, True, None)
    expected = pd.DataFrame({"network_id": ["N01", "N01"], "indicator_id": ["citizen_satisfaction"] * 2,
                             "period": ["2015-03", "2015-04"], "value": [4.5, 3.9],
                             "evidence": ["measured", "self_reported"], "note": [None, None]},
                            index=pd.Index([2, 3], name="#")).astype({"note": "str", "network_id": "str",
                                                                      "indicator_id": "str", "period": "str",
                                                                      "evidence": "str"})
    pd.testing.assert_frame_equal(item.head, expected, check_index_type=False)


def test_preview_of_raw_files_detects_the_type_and_keeps_the_cells():
    bad = "netværk;måned;værdi;værdi\r\nN01;03-2015;abc;1\r\n".encode("cp1252")
    items = templates.preview_files([("x.csv", bad), ("empty.csv", b"")])
    assert len(items) == 1, "unreadable files are left to the problem report"
    it = items[0]
    assert (it.record_type, it.rows, it.typed) == ("measurements", 1, False)
    pd.testing.assert_frame_equal(it.head, pd.DataFrame(
        [["N01", "03-2015", "abc", "1"]], columns=["netværk", "måned", "værdi", "værdi (2)"],
        index=pd.Index([2], name="#"), dtype="str"), check_index_type=False)


def test_problems_frame_is_the_report_in_the_language():
    problems = [
        Problem("m.csv", 3, "value", "abc", "bad_number", expected_key="expected.number"),
        Problem("m.csv", 4, "network_id", "N77", "unknown_reference", "networks.network_id"),
        Problem("book.xlsx", 2, "type", "x", "not_allowed", "welfare, innovation, learning", sheet="Netværk"),
        Problem("old.xls", None, None, None, "old_xls"),
    ]
    got = templates.problems_frame(problems, "da")
    want = pd.DataFrame({
        "Fil": ["m.csv", "m.csv", "book.xlsx", "old.xls"],
        "Ark": ["", "", "Netværk", ""],
        "Linje": pd.array([3, 4, 2, None], dtype="Int64"),
        "Kolonne": ["value", "network_id", "type", ""],
        "Værdi": ["abc", "N77", "x", ""],
        "Problem": ["Ikke et tal.", "Findes hverken i databasen eller i denne upload.", "Værdien er ikke tilladt.",
                    "Gamle .xls-filer kan ikke læses: gem som .xlsx eller CSV."],
        "Forventet": ["et tal, fx 1234,5 eller 1.234,5", "et id fra networks.network_id",
                      "en af: welfare, innovation, learning", ""],
    }).astype({c: "str" for c in ("Fil", "Ark", "Kolonne", "Værdi", "Problem", "Forventet")})
    pd.testing.assert_frame_equal(got, want)
    assert list(templates.problems_frame(problems, "en").columns) == [
        "File", "Sheet", "Line", "Column", "Value", "Problem", "Expected"]


def test_history_frame_names_who_when_what_and_whether_undone():
    batches = pd.DataFrame({
        "batch_id": [2, 1], "loaded_at": pd.to_datetime(["2025-03-02 10:05:09", "2025-03-01 09:00:00"]),
        "who": ["passphrase", "sample"], "files": ["målinger.csv", "org_units.csv, networks.csv"],
        "added": [10, 40], "replaced": [2, 0], "undone_at": pd.to_datetime(["2025-03-02 11:00:00", None]),
    })
    got = templates.history_frame(batches, "en")
    want = pd.DataFrame({
        "No.": [2, 1], "When": ["2025-03-02 10:05", "2025-03-01 09:00"], "Who": ["passphrase", "sample"],
        "Files": ["målinger.csv", "org_units.csv, networks.csv"], "Added": [10, 40], "Replaced": [2, 0],
        "Status": ["Undone 2025-03-02 11:00", "In effect"],
    }).astype({c: "str" for c in ("When", "Who", "Files", "Status")})
    pd.testing.assert_frame_equal(got, want)
    assert batches["batch_id"].tolist() == [2, 1], "the input is not mutated"


def test_load_summary_counts_rows_per_record_type_in_danish():
    assert templates.load_summary({"networks": 2, "measurements": 1234, "stories": 0}, "da") == (
        "Netværk: 2, Målinger: 1.234")
    assert templates.load_summary({"measurements": 1234}, "en") == "Measurements: 1,234"


def test_newest_by_name_keeps_the_last_copy_of_a_file_name_in_upload_order():
    files = [("målinger.csv", b"old"), ("netværk.csv", b"n"), ("målinger.csv", b"new"), ("x.csv", b"x")]
    assert templates.newest_by_name(files) == ([("netværk.csv", b"n"), ("målinger.csv", b"new"), ("x.csv", b"x")],
                                               ["målinger.csv"])
    assert templates.newest_by_name([]) == ([], [])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hs.lists(hs.lists(hs.text(max_size=8), min_size=1, max_size=5), max_size=6), hs.sampled_from([";", ",", "\t"]))
def test_any_csv_gets_a_preview_and_a_report_never_an_exception(rows, delimiter):
    data = make_csv(rows, delimiter=delimiter)
    for it in templates.preview_files([("x.csv", data)]):
        assert len(it.head) == min(it.rows, templates.PREVIEW_ROWS)
        assert it.head.columns.is_unique
    try:
        ingest.prepare([("x.csv", data)], None)
    except ingest.IngestError as exc:
        report = templates.problems_frame(exc.problems, "da")
        assert len(report) == len(exc.problems) > 0
        assert report["Problem"].map(lambda s: not s.startswith("problem.")).all(), "every problem has a text"


def test_example_rows_left_in_an_upload_are_found_by_file_and_line():
    plan = ingest.prepare(template_files(), None)
    assert templates.example_rows_in(plan) == [(templates.csv_filename(n), 5 if n == "org_units" else 2)
                                               for n in LOAD_ORDER]
    own = "network_id;indicator_id;period;value\r\nN01;citizen_satisfaction;2015-03;4,3\r\n".encode("cp1252")
    plan = ingest.prepare([*template_files()[:3], ("mine.csv", own)], None)
    assert [h for h in templates.example_rows_in(plan) if h[0] == "mine.csv"] == [], "another value is not the example"


def test_csv_templates_are_made_once_not_on_every_run_of_the_upload_page():
    """The upload page offers all six on every run; building them each time was a third of a refused upload's
    run. The bytes are a function of the schema alone."""
    assert all(templates.csv_template(n) is templates.csv_template(n) for n in LOAD_ORDER)
