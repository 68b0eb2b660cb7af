"""Hostile input everywhere: every reader, every free-text column, the URL, the method page's weights, the pages
with hostile data in the store, and the downloads. Nothing raises but the documented errors; nothing a user typed
becomes a formula, Markdown or SQL.

Each finding these tests made was fixed where it was; the *_FIX texts say what and where.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import tomllib
import zipfile
import zlib
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from netvalue import export, ingest, scoring, service, templates
from netvalue import filters as flt
from netvalue.ingest import IngestError
from netvalue.schema import NETWORK_TYPES, PERSPECTIVES, RECORD_TYPES
from netvalue.store import Store
from tests.apptest_support import run_app
from tests.support import TINY_ROWS, make_csv

ROOT = Path(__file__).resolve().parent.parent
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SMALL_FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def only_ingest_errors(call, *args):
    """Run a reader; an IngestError is a fine answer (with at least one problem), anything else fails the test."""
    try:
        return call(*args)
    except IngestError as exc:
        assert exc.problems, "an IngestError names its problems"
        assert exc.report("da") and exc.report("en")
        return None


# -- every reader on arbitrary bytes ------------------------------------------------------------------------------
@FUZZ
@given(prefix=st.sampled_from([b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b"PK\x03\x04",
                               b"\xd0\xcf\x11\xe0", b"unit_id;name;parent_id;level\r\n", b"\x00\x00"]),
       body=st.binary(max_size=3000),
       name=st.sampled_from(["x.csv", "x.xlsx", "", "../../etc/passwd", "a\x00b.csv", "ø.tsv"]))
def test_read_tables_on_arbitrary_bytes_raises_only_ingest_error(prefix, body, name):
    tables = only_ingest_errors(ingest.read_tables, prefix + body, name)
    if tables is not None:
        assert tables and all(isinstance(h, str) for t in tables for h in t.header)
        assert all(len(t.lines) == len(t.cells) for t in tables)
        assert all("/" not in t.file for t in tables), "a file name never carries a path into a report"


HEADERS = [RECORD_TYPES[n].column_names for n in RECORD_TYPES] + [["enhed", "navn", "overordnet", "niveau"]]
ENCODINGS = {"utf-8": None, "utf-8-sig": None, "cp1252": "cp1252", "utf-16": None, "utf-16-le": None}


@st.composite
def text_files(draw) -> tuple[bytes, str]:
    encoding = draw(st.sampled_from(sorted(ENCODINGS)))
    codec = ENCODINGS[encoding]
    chars = st.characters(codec=codec) if codec else st.characters(exclude_categories=["Cs"])
    delim = draw(st.sampled_from([";", ",", "\t"]))
    real = draw(st.booleans())
    header = draw(st.sampled_from(HEADERS)) if real else draw(st.lists(st.text(chars, max_size=8), max_size=6))
    width = max(len(header), 1)
    rows = draw(st.lists(st.lists(st.text(chars, max_size=12), min_size=0, max_size=width + 1), max_size=8))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    quoted = draw(st.booleans())
    if not quoted:  # cells joined as they are: stray quotes, delimiters and line breaks inside cells
        return newline.join(delim.join(row) for row in [header, *rows]).encode(encoding), encoding
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=delim, lineterminator=newline)
    for row in [header, *rows]:
        writer.writerow(row)
    return buf.getvalue().encode(encoding), encoding


@FUZZ
@given(text_files())
def test_arbitrary_text_in_any_encoding_and_delimiter_raises_only_ingest_error(file):
    data, _encoding = file
    only_ingest_errors(ingest.read_tables, data, "upload.csv")
    plan = only_ingest_errors(ingest.prepare, [("upload.csv", data)])
    if plan is not None:
        assert plan.frames and all(len(f) for f in plan.frames.values())


XLSX_FIX = ("netvalue/ingest.py _read_xlsx catches errors of openpyxl.load_workbook only; the sheets are read "
            "lazily (read_only=True) in ws.iter_rows, which raises zlib.error, zipfile.BadZipFile (bad CRC), "
            "xml.etree.ElementTree.ParseError, NotImplementedError (zip version) or TypeError for a damaged "
            "workbook. Wrap the whole read (load_workbook and the loop over wb.worksheets) in "
            "`except Exception as exc` -> IngestError([Problem(name, ..., 'bad_xlsx', reason=type(exc).__name__)])")
# What a damaged workbook raises today instead of IngestError (an AssertionError would be a fault of the test).
XLSX_CRASHES = (zlib.error, zipfile.BadZipFile, ElementTree.ParseError, NotImplementedError, TypeError, ValueError,
                KeyError, IndexError, AttributeError, OSError, EOFError)


XLSX_MEMBERS = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "docProps/app.xml", "evil.bin"]


def _zip_of(*members: tuple[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=method) as z:
        for name, content in members:
            z.writestr(name, content)
    return buf.getvalue()


XML_BITS = [b"<?xml version='1.0'?><a/>", b"<", b"<x>&bad;</x>"]


@st.composite
def zips(draw) -> bytes:
    members = draw(st.lists(st.tuples(st.sampled_from(XLSX_MEMBERS),
                                      st.one_of(st.binary(max_size=200), st.sampled_from(XML_BITS))),
                            max_size=6, unique_by=lambda m: m[0]))
    return _zip_of(*members, method=draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])))


@settings(FUZZ, report_multiple_bugs=False)
@given(zips())
@example(b"PK\x03\x04")
@example(_zip_of(("[Content_Types].xml", b"<")))
def test_a_zip_that_is_not_a_workbook_raises_only_ingest_error(data):
    assert only_ingest_errors(ingest.read_tables, data, "book.xlsx") is None


TEMPLATE = templates.xlsx_template()


def flipped(data: bytes, flips: list[tuple[int, int]]) -> bytes:
    b = bytearray(data)
    for pos, xor in flips:
        b[pos % len(b)] ^= xor
    return bytes(b)


@settings(SMALL_FUZZ, report_multiple_bugs=False)
@given(st.lists(st.tuples(st.integers(0, len(TEMPLATE) - 1), st.integers(1, 255)), min_size=1, max_size=6))
def test_a_damaged_workbook_raises_only_ingest_error(flips):
    only_ingest_errors(ingest.prepare, [("skabelon.xlsx", flipped(TEMPLATE, flips))])


def _member_rewritten(name: str, change) -> bytes:
    """The template with one zip member's raw (compressed) bytes changed, its CRC left as it was."""
    with zipfile.ZipFile(io.BytesIO(TEMPLATE)) as src:
        info = src.getinfo(name)
    raw = bytearray(TEMPLATE)
    off = info.header_offset  # the local header: 30 bytes, then the name and its own extra field
    name_len, extra_len = (int.from_bytes(raw[off + i:off + i + 2], "little") for i in (26, 28))
    start = off + 30 + name_len + extra_len
    change(raw, start, info.compress_size)
    return bytes(raw)


def _xml_broken() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(TEMPLATE)) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet") and item.filename.endswith("2.xml"):
                data = data[: len(data) // 2]  # a sheet cut off in the middle of its XML
            dst.writestr(item, data)
    return buf.getvalue()


def _corrupt_deflate(raw: bytearray, start: int, size: int) -> None:
    for i in range(start + size // 3, start + size // 3 + 8):
        raw[i] ^= 0x5A


@pytest.mark.parametrize("case", ["deflate", "xml"])
def test_named_workbook_damage_is_a_problem_not_a_crash(case):
    data = _member_rewritten("xl/worksheets/sheet2.xml", _corrupt_deflate) if case == "deflate" else _xml_broken()
    with pytest.raises(IngestError) as info:
        ingest.prepare([("skabelon.xlsx", data)])
    assert info.value.problems[0].code == "bad_xlsx"


def test_the_undamaged_template_reads_as_a_workbook():
    # The damage tests above start from this workbook: it must be readable as it is.
    tables = ingest.read_tables(TEMPLATE, "skabelon.xlsx")
    assert {ingest.detect_record_type(t.header) for t in tables} >= {"networks", "measurements"}


# -- free text -------------------------------------------------------------------------------------------------
FREE_TEXT = [("networks", "purpose"), ("networks", "name"), ("networks", "leader"), ("measurements", "note"),
             ("stories", "title"), ("stories", "text"), ("org_units", "name"), ("indicators", "name"),
             ("indicators", "unit")]


@pytest.fixture(scope="module")
def tiny_store():
    """A store holding the tiny set: the source of known keys, and where accepted text is written."""
    s = Store(":memory:")
    service.load_files(s, [(f"{n}.csv", make_csv(r)) for n, r in TINY_ROWS.items()], who="tiny")
    yield s
    s.close()


def _with_text(record: str, column: str, text: str) -> bytes:
    rows = [list(r) for r in TINY_ROWS[record]]
    rows[1][rows[0].index(column)] = text
    return make_csv(rows[:2], newline="\r\n")  # CRLF: the csv module then quotes a cell holding a bare CR


@FUZZ
@given(where=st.sampled_from(FREE_TEXT), text=st.text(max_size=120))
def test_arbitrary_free_text_is_stored_as_given_or_refused_with_ingest_error(tiny_store, where, text):
    record, column = where
    plan = only_ingest_errors(ingest.prepare, [(f"{record}.csv", _with_text(record, column, text))], tiny_store)
    if plan is None:
        return
    stripped = ingest._WS.sub("", text)
    got = plan.frames[record][column].iloc[0]
    assert got == stripped or (stripped == "" and pd.isna(got)), "ingest keeps what was typed, trimmed"
    tiny_store.load(plan.frames, who="fuzz")
    stored = tiny_store.table(record)[column]
    assert (stored == stripped).any() if stripped else stored.isna().any(), "and so does the store"


@st.composite
def cpr_numbers(draw) -> tuple[str, str]:
    """A CPR-shaped number: a real date as ddmmyy, then four digits, with '-', ' ' or nothing between."""
    yy = draw(st.integers(0, 99))
    year = 2000 + yy if yy % 4 == 0 else 1900 + yy  # what netvalue's screening checks the date against
    d = draw(st.dates(date(year, 1, 1), date(year, 12, 31)))
    digits = f"{d.day:02d}{d.month:02d}{yy:02d}{draw(st.integers(0, 9999)):04d}"
    sep = draw(st.sampled_from(["-", " ", ""]))
    return digits[:6] + sep + digits[6:], digits


NO_DIGITS = st.text(st.characters(exclude_categories=["Nd", "Cs"]), max_size=30)


@FUZZ
@given(where=st.sampled_from(FREE_TEXT), cpr=cpr_numbers(), before=NO_DIGITS, after=NO_DIGITS)
def test_a_cpr_number_in_any_free_text_is_always_refused_and_never_echoed(tiny_store, where, cpr, before, after):
    record, column = where
    shown, digits = cpr
    data = _with_text(record, column, before + shown + after)
    with pytest.raises(IngestError) as info:
        ingest.prepare([(f"{record}.csv", data)], tiny_store)
    err = info.value
    codes = {p.code for p in err.problems}
    assert "cpr" in codes or "not_tabular" in codes, codes
    for text in (err.report("da"), err.report("en"), str(err), repr(err.problems)):
        assert digits not in text and shown not in text


# -- the URL -------------------------------------------------------------------------------------------------
BOUNDS = (date(2013, 9, 1), date(2019, 12, 1))
UNITS = {"ALB", "A-BSV", "U-HJEM-NORD"}
KEYS = ["from", "to", "types", "unit", "w", "lang", "network", "period", "x"]
NUMBER_TEXT = st.one_of(st.floats(-1e300, 1e300).map(repr), st.integers(-5, 10**6).map(str),
                        st.sampled_from(["nan", "inf", "-inf", "0", "1_0", " 1", "0x10", "1e-999"]))


@FUZZ
@given(st.dictionaries(st.sampled_from(KEYS),
                       st.one_of(st.text(max_size=40),
                                 st.lists(NUMBER_TEXT, min_size=3, max_size=3).map("-".join),
                                 st.lists(st.sampled_from([*NETWORK_TYPES, "x", ""]), max_size=4).map(",".join),
                                 st.sampled_from(["2014-05", "1899-01", "2200-12", "2015-13", "da", "en", "ALB"])),
                       max_size=8))
def test_garbage_query_parameters_fall_back_to_defaults(params):
    f = flt.from_query(params, BOUNDS, UNITS)
    assert f.start is not None and f.end is not None
    assert BOUNDS[0] <= f.start <= f.end <= BOUNDS[1]
    assert f.types and set(f.types) <= set(NETWORK_TYPES)
    assert f.unit_id is None or f.unit_id in UNITS
    assert f.lang in ("da", "en")
    w = scoring.normalise_weights(f.weight_map)
    assert math.isclose(sum(w.values()), 1.0) and all(v >= 0 for v in w.values())
    # Reading the link it writes gives the same filters back.
    back = flt.from_query(flt.to_query(f), BOUNDS, UNITS)
    assert (back.start, back.end, set(back.types), back.unit_id, back.lang) == (f.start, f.end, set(f.types),
                                                                                f.unit_id, f.lang)
    again = scoring.normalise_weights(back.weight_map)
    assert all(math.isclose(again[p], w[p], abs_tol=1e-12) for p in PERSPECTIVES)


def test_huge_weights_in_the_url_still_give_weights_that_sum_to_one():
    f = flt.from_query({"w": "1e308-1e308-1e308"}, BOUNDS, UNITS)
    w = scoring.normalise_weights(f.weight_map)
    assert math.isclose(sum(w.values()), 1.0)


# -- the pages -------------------------------------------------------------------------------------------------
MARKDOWN_KINDS = ("title", "header", "subheader", "caption", "markdown", "info", "warning", "error", "success")
PAGES = ["pages/overview.py", "pages/networks.py", "pages/ripples.py", "pages/depth_breadth.py",
         "pages/upload.py", "pages/method.py"]
HOSTILE = {
    "script": "<script>alert(document.cookie)</script><img src=x onerror=alert(1)>",
    "sql": "'; DROP TABLE networks; -- \" OR 1=1",
    "long_unicode": "Æøå🦆\u202e\u200b\x7f%00%0d%0a" * 2500,
}




@pytest.fixture
def app_db(app_store):
    return app_store


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_query_strings_on_every_page(app_db, page, kind):
    text = HOSTILE[kind]
    params = {k: text for k in ("from", "to", "types", "unit", "w", "lang", "network", "period")}
    at = run_app(page, params=params)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, f"{page} shows its title"
    assert at.multiselect(key="types_da").value == list(NETWORK_TYPES), "garbage falls back to every type"
    assert at.selectbox(key="unit_da").value is None
    assert at.segmented_control(key="lang").value == "da"
    shown = "\n".join(str(getattr(e, "value", "")) for kind_ in MARKDOWN_KINDS for e in at.get(kind_))
    assert "<script>" not in shown, "a query parameter is never echoed into the page"


def test_weights_all_zero_give_a_message_not_an_exception(app_db):
    at = run_app("pages/method.py")
    for p in PERSPECTIVES:
        at.slider(key=f"method_w_{p}_da").set_value(0).run()
        assert not at.exception, [e.value for e in at.exception]
    # Citizen and economy went to 0 one by one; the last slider to 0 is refused and staff keeps all the weight.
    assert len(at.error) == 1, "all weights zero is said in words"
    assert "Mindst én vægt" in at.error[0].value, at.error[0].value
    assert "Medarbejder (trivsel og faglighed) 100\u00a0%" in at.error[0].value, \
        "the message says which weights still apply"
    assert at.session_state["weights"] == {"citizen": 0.0, "economy": 0.0, "staff": 33.0}
    at.switch_page("pages/overview.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Medarbejder (trivsel og faglighed) 100\u00a0%" in c.value for c in at.caption), \
        "other pages use the kept weights"


def test_a_search_with_regex_and_markdown_characters_is_plain_text(app_db):
    at = run_app("pages/networks.py")
    for query in ("(", "[a-", "*", "\\", "' OR 1=1 --", "<b>x</b>"):
        at.text_input(key="networks_search_da").set_value(query).run()
        assert not at.exception, (query, [e.value for e in at.exception])


# -- hostile data in the store, shown on the pages --------------------------------------------------------------
MARK = "](https://tracker.invalid/p.png)"
EVIL = f"![x{MARK} [klik](javascript:alert(1)) <b>fed</b> =HYPERLINK(\"https://x.invalid\") _ * #"


@pytest.fixture(scope="module")
def evil_store(tmp_path_factory):
    """The sample, with hostile names, purpose, leader and a newest story for network N01 and its home unit."""
    path = tmp_path_factory.mktemp("hostile_data") / "evil.duckdb"
    with Store(path) as store:
        service.ensure_sample(store)
        net = store.table("networks")
        n01 = net[net["network_id"] == "N01"].iloc[0]
        org = store.table("org_units")
        home = org[org["unit_id"] == n01["home_unit_id"]].iloc[0]
        files = [
            ("org_units.csv", make_csv([["unit_id", "name", "parent_id", "level"],
                                        [home["unit_id"], "Enhed " + EVIL, home["parent_id"], home["level"]]])),
            ("networks.csv", make_csv([RECORD_TYPES["networks"].column_names,
                                       ["N01", "Netværk " + EVIL, n01["type"], n01["home_unit_id"], "Leder " + EVIL,
                                        "Formål " + EVIL, "2013-09-01", "", ""]])),
            ("stories.csv", make_csv([RECORD_TYPES["stories"].column_names,
                                      ["N01", "2015-06-01", "citizen", "Titel " + EVIL, "Tekst " + EVIL]])),
        ]
        service.load_files(store, files, who="<script>alert(1)</script>")
    return path


@pytest.fixture
def evil_db(evil_store, monkeypatch):
    monkeypatch.setenv("NETVALUE_DB", str(evil_store))
    return evil_store


MD_FIX = ("pages show data-derived text through Markdown without explain.escape_markdown: pages/networks.py "
          "st.title(me['name']) and the networks.meta caption's home unit name; pages/overview.py the "
          "overview.story_meta caption's network name; pages/ripples.py the ripples.facts.top_unit line's unit "
          "name. Escape them (explain.escape_markdown) as the purpose, leader and stories already are, so an "
          "uploaded name cannot render a link or a tracking image.")


@pytest.mark.parametrize(("page", "params"), [
    ("pages/overview.py", {"from": "2015-01", "to": "2015-12"}),
    ("pages/networks.py", {"network": "N01"}),
    ("pages/networks.py", {}),
    ("pages/ripples.py", {"network": "N01"}),
    ("pages/depth_breadth.py", {}),
    ("pages/upload.py", {}),
    ("pages/method.py", {}),
])
def test_hostile_text_in_the_store_is_shown_as_text(evil_db, page, params):
    at = run_app(page, params=params)
    assert not at.exception, [e.value for e in at.exception]
    shown = [str(getattr(e, "value", "")) for k in MARKDOWN_KINDS for e in at.get(k)]
    assert not [s for s in shown if MARK in s], "an uploaded name renders as a Markdown image or link"


# -- downloads -------------------------------------------------------------------------------------------------
# Text a worksheet can hold: XML 1.0 forbids most control characters (openpyxl raises IllegalCharacterError).
SHEET_TEXT = st.text(st.characters(exclude_categories=["Cs"], exclude_characters=[
    chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32))]), max_size=20)
DANGEROUS = st.sampled_from(["=", "+", "-", "@", "\t", "\r", "=cmd|'/c calc'!A1", "+1", "-2", "@SUM(1)"])
CELL = st.one_of(SHEET_TEXT, st.tuples(DANGEROUS, SHEET_TEXT).map("".join), st.none())


def _frames(text: st.SearchStrategy) -> st.SearchStrategy:
    return st.lists(st.tuples(text, text), min_size=1, max_size=8).map(
        lambda rows: pd.DataFrame({"navn": [a for a, _ in rows], "note": pd.Series([b for _, b in rows], dtype="str"),
                                   "tal": [float(i) for i in range(len(rows))]}))


def _no_formula(value: object) -> bool:
    return not (isinstance(value, str) and value.startswith(export.FORMULA_PREFIXES))


def _csv_cells(df: pd.DataFrame, danish: bool) -> list[list[str]]:
    data = export.to_csv_bytes(df, danish=danish)
    text = data.decode("utf-8-sig" if danish else "utf-8")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";" if danish else ","))


CSV_CR_FIX = ("netvalue/export.py to_csv_bytes(danish=False) writes lineterminator='\\n', so the csv module does "
              "not quote a cell holding a bare carriage return: 'a\\r=1+2' splits into a new row whose first cell "
              "is the formula =1+2 (spreadsheets and csv readers end a row at a bare CR). Use lineterminator='\\r\\n' "
              "for the English CSV too (then every cell with CR or LF is quoted), as the Danish one already does.")


@FUZZ
@given(df=_frames(CELL), header=st.one_of(SHEET_TEXT, DANGEROUS))
@example(df=pd.DataFrame({"navn": ["Netværk\r=1+2"], "note": pd.Series(["x"], dtype="str"), "tal": [0.0]}),
         header="navn")
@pytest.mark.parametrize("danish", [True, False])
def test_csv_downloads_never_hold_a_cell_that_starts_a_formula(danish, df, header):
    df = df.rename(columns={"navn": header or "navn"}) if header not in df.columns else df
    rows = _csv_cells(df, danish)
    bad = [cell for row in rows for cell in row if not _no_formula(cell)]
    assert not bad, bad
    assert len(rows) == len(df) + 1, "one line per row: text never breaks out of its cell"


def test_a_carriage_return_inside_a_cell_does_not_start_a_formula_row_in_the_english_csv():
    rows = _csv_cells(pd.DataFrame({"navn": ["Netværk\r=1+2"], "tal": [1.0]}), False)
    assert [r[0] for r in rows if r and r[0].startswith("=")] == []


def test_a_carriage_return_inside_a_cell_stays_in_its_cell_in_the_danish_csv():
    rows = _csv_cells(pd.DataFrame({"navn": ["Netværk\r=1+2"], "tal": [1.0]}), True)
    assert rows == [["navn", "tal"], ["Netværk\r=1+2", "1,0"]]


@FUZZ
@given(df=_frames(CELL), sheet=SHEET_TEXT, header=st.one_of(SHEET_TEXT, DANGEROUS))
def test_excel_downloads_never_hold_a_formula_or_a_cell_that_starts_one(df, sheet, header):
    df = df.rename(columns={"navn": header or "navn"}) if header not in df.columns else df
    ws = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes(df, sheet))).active
    cells = [c for row in ws.iter_rows() for c in row]
    assert ws.max_row == len(df) + 1
    assert all(c.data_type != "f" for c in cells)
    bad = [c.value for c in cells if not _no_formula(c.value)]
    assert not bad, bad


@settings(SMALL_FUZZ, report_multiple_bugs=False)
@given(st.text(st.characters(codec="utf-8", max_codepoint=0x1F), min_size=1, max_size=5))
@example("\x0b")
def test_excel_downloads_survive_control_characters_the_upload_accepted(junk):
    rows = [list(r) for r in TINY_ROWS["measurements"]]
    rows[1][5] = f"god{junk[:2]}måned"
    plan = only_ingest_errors(ingest.prepare, [(f"{n}.csv", make_csv(r)) for n, r in TINY_ROWS.items()
                                               if n != "measurements"] + [("measurements.csv", make_csv(rows))])
    if plan is None:
        return
    data = export.to_xlsx_bytes(plan.frames["measurements"], "Målinger")
    assert openpyxl.load_workbook(io.BytesIO(data)).active.max_row == len(rows)


# -- configuration ---------------------------------------------------------------------------------------------
def test_server_configuration_limits_uploads_and_protects_forms():
    conf = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    server, client = conf["server"], conf.get("client", {})
    assert server["enableXsrfProtection"] is True
    assert server["maxUploadSize"] * 1024 * 1024 <= ingest.MAX_BYTES, "the browser limit is not above the reader's"
    assert client.get("showErrorDetails") == "none", "tracebacks stay in the server log"
    assert conf.get("browser", {}).get("gatherUsageStats") is False
    assert server.get("enableCORS", True) is True


# -- hostile files cost bounded time and memory (issue 15; measured by tools/hostilebench.py) ------------------
def _ragged(bad: int) -> bytes:
    """A measurement CSV the vectorised reader cannot take (a quoted line break), then `bad` lines with a field too
    many: the csv-module path."""
    head = 'network_id;indicator_id;period;value\n"N01";"x\ny";2015-01;1\n'
    return (head + "N01;citizen_satisfaction;2015-01;1;extra\n" * bad).encode()


def test_a_file_of_ragged_lines_counts_every_one_and_keeps_only_a_few():
    bad = 30_000
    with pytest.raises(ingest.IngestError) as info:
        ingest.prepare([("ragged.csv", _ragged(bad))])
    exc = info.value
    assert {p.code for p in exc.problems} == {"too_many_fields"}
    assert exc.total == bad  # counted through prepare (it used to say 20)
    assert len(exc.problems) == ingest.MAX_PROBLEMS_PER_KIND
    assert [p.line for p in exc.problems[:2]] == [4, 5]


def test_a_refused_file_leaves_no_reference_cycle_holding_its_rows():
    """A frame holding its own exception kept the whole parse alive until a full garbage collection, which
    Streamlit's runner no longer does after each run (postScriptGC = false): 300 MiB after a refused upload."""
    import gc

    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        try:
            ingest.prepare([("ragged.csv", _ragged(2_000))])
        except ingest.IngestError as exc:
            kept = exc
        frames, tb = [], kept.__traceback__
        while tb is not None:
            frames.append(tb.tb_frame.f_code.co_name)
            tb = tb.tb_next
        assert frames[1:] == ["prepare"]  # no frames of the readers below it, with their rows
        del kept, tb
        gc.collect()
        cyclic = [o for o in gc.garbage if isinstance(o, ingest.IngestError)
                  or (type(o).__name__ == "frame" and "netvalue" in o.f_code.co_filename)]
        assert cyclic == []
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()


def test_a_line_of_half_a_million_fields_is_refused_without_folding_them():
    with pytest.raises(ingest.IngestError) as info:
        ingest.prepare([("long.csv", (";".join(["1"] * 524_288) + "\n").encode())])
    assert [p.code for p in info.value.problems] == ["too_many_columns"]
    assert ingest.sniff_delimiter(";".join(["network_id", "value"] + ["x"] * 100_000)) == ";"
