"""CPR numbers in any spelling are refused wherever text enters (every text column, ids, names, file names) and
never echoed: through ingest.prepare from bytes, the command line (`python -m netvalue load`) and the upload
page (AppTest). Near misses (no date, eleven digits, amounts, phone numbers, a date and a number) still load."""

from __future__ import annotations

import io
import subprocess
import sys
import unicodedata
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import st_internals
from netvalue import bulk, ingest, privacy, service, templates
from netvalue.store import Store
from tests.apptest_support import run_app
from tests.support import TINY_ROWS, make_csv

ROOT = Path(__file__).resolve().parent.parent
DIGITS = "0403887391"  # 4 March 1988; every spelling below is this number
LAST4 = "7391"

# name -> the number as someone wrote it
SPELLINGS = {
    "dash": "040388-7391",
    "ten digits": "0403887391",
    "space": "040388 7391",
    "dots and dash": "04.03.88-7391",
    "slash": "040388/7391",
    "spaces between every group": "04 03 88 7391",
    "spaced dash": "040388 - 7391",
    "en dash": "040388\u20137391",
    "em dash": "040388\u20147391",
    "non-breaking hyphen": "040388\u20117391",
    "minus sign": "040388\u22127391",
    "non-breaking space": "040388\u00a07391",
    "narrow non-breaking space": "040388\u202f7391",
    "zero-width space inside": "0403\u200b887391",
    "soft hyphen inside": "04038\u00ad87391",
    "word joiner inside": "040388\u20607391",
    "fullwidth digits": "\uff10\uff14\uff10\uff13\uff18\uff18\uff0d\uff17\uff13\uff19\uff11",
    "arabic-indic digits": "".join(chr(0x0660 + int(d)) for d in DIGITS),
    "line break": "040388-\n7391",
    "crlf": "040388\r\n7391",
    "four-digit year": "04031988-7391",
    "four-digit year, no dash": "040319887391",
    "excel number without its leading zero": "403887391",
    "excel float without its leading zero": "403887391.0",
}
# In running text (all but the whole-cell Excel spellings, which are only a number when they are the whole cell)
IN_TEXT = [k for k in SPELLINGS if not k.startswith("excel")]

NEAR_MISSES = {
    "no such day": "320388-7391",
    "no such month": "041388-7391",
    "29 February of no leap year": "290289-7391",
    "eleven digits": "04038873912",
    "twelve digits with no real year": "040390127391",
    "an amount": "1.234.567,50",
    "a phone number": "+45 12 34 56 78",
    "a date and a number": "04.03.2015 7391",
    "nine digits inside text": "sag 403887391",
    "nine digits with no date": "993887391",
    "a period": "2015-03",
}


def shown_forms(spelling: str) -> list[str]:
    """What must never appear in any output: the number as written, in ASCII, and its last four digits."""
    return [spelling, DIGITS, LAST4, unicodedata.normalize("NFKC", spelling)]


def assert_not_echoed(text: str) -> None:
    for spelling in SPELLINGS.values():
        for form in shown_forms(spelling):
            assert form not in text, f"{form!r} is echoed"


# -- the screen itself ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(SPELLINGS))
def test_every_spelling_is_found_and_masked(name):
    spelling = SPELLINGS[name]
    assert privacy.contains_cpr(spelling)
    assert privacy.hits(pd.Series([spelling, "intet her"], dtype="str")).tolist() == [True, False]
    assert privacy.mask(spelling) == privacy.MASK
    if name in IN_TEXT:
        text = f"Borgeren ({spelling}) ringede"
        assert privacy.hits([text]).tolist() == [True]
        assert privacy.mask(text) == f"Borgeren ({privacy.MASK}) ringede"


@pytest.mark.parametrize("name", list(NEAR_MISSES))
def test_near_misses_are_no_cpr_number(name):
    text = NEAR_MISSES[name]
    assert not privacy.contains_cpr(text)
    assert privacy.hits([text, f"note: {text}"]).tolist() == [False, False]
    assert privacy.mask(text) == text


def test_an_excel_number_is_screened_as_the_number_it_shows():
    assert privacy.hits(pd.Series([403887391, 403887391.0, 993887391, 12, None], dtype=object)).tolist() == [
        True, True, False, False, False]


def test_the_first_pass_holds_every_hit_and_few_else():
    cells = [*SPELLINGS.values(), *(f"x {s} y" for k, s in SPELLINGS.items() if k in IN_TEXT),
             *NEAR_MISSES.values(), "Møde med pårørende 12.03.2015", "Hjemmeplejen Nord", ""]
    first = privacy.candidates(cells)
    exact = [privacy.contains_cpr(c) for c in cells]
    assert all(first[i] for i, hit in enumerate(exact) if hit), "the vectorised pass never drops a number"
    assert not first[-3:].any()


@pytest.mark.parametrize("text", ["040388-7391²", "040388-7391¼", "①040388-7391"])
def test_a_footnote_mark_or_fraction_next_to_the_number_is_no_digit_of_it(text):
    assert privacy.hits([text]).tolist() == [True]
    assert privacy.mask(text) == text.replace("040388-7391", privacy.MASK)


def test_mask_keeps_the_rest_of_the_text_and_masks_every_number():
    text = "Hr. A (040388-7391) og fru B (0101 90 1234) – ring 12 34 56 78"
    assert privacy.mask(text) == f"Hr. A ({privacy.MASK}) og fru B ({privacy.MASK}) – ring 12 34 56 78"


# -- ingest.prepare from bytes ------------------------------------------------------------------------------------
COLUMNS = {  # record type -> columns of every text kind: ids, names, leader, titles, free text
    "networks": ["network_id", "name", "leader", "purpose"],
    "org_units": ["unit_id", "name"],
    "indicators": ["name", "unit"],
    "measurements": ["note"],
    "stories": ["title", "text"],
}
WHERE = [(r, c) for r, cols in COLUMNS.items() for c in cols]


def tiny_with(record: str, column: str, value: str) -> list[tuple[str, bytes]]:
    """The tiny set as CSV files, with the first data row's cell of record.column set to value."""
    files = []
    for name, rows in TINY_ROWS.items():
        rows = [list(r) for r in rows]
        if name == record:
            rows[1][rows[0].index(column)] = value
        files.append((f"{name}.csv", make_csv(rows)))
    return files


def refused(files) -> ingest.IngestError:
    with pytest.raises(ingest.IngestError) as info:
        ingest.prepare(files, None)
    return info.value


def all_text(err: ingest.IngestError) -> str:
    frames = [templates.problems_frame(err.problems, lang).to_csv() for lang in ("da", "en")]
    return "\n".join([err.report("da"), err.report("en"), str(err), repr(err.problems), *frames])


@pytest.mark.parametrize(("record", "column"), WHERE)
@pytest.mark.parametrize("name", IN_TEXT)
def test_prepare_refuses_a_cpr_number_in_any_text_column_and_never_echoes_it(name, record, column):
    err = refused(tiny_with(record, column, f"x {SPELLINGS[name]} y"))
    assert (f"{record}.csv", 2, column, "cpr") in [(p.file, p.line, p.column, p.code) for p in err.problems]
    assert_not_echoed(all_text(err))
    assert privacy.MASK in err.report("en")


@pytest.mark.parametrize("name", [k for k in SPELLINGS if k.startswith("excel")])
def test_prepare_refuses_a_lost_leading_zero_as_the_whole_cell(name):
    err = refused(tiny_with("networks", "leader", SPELLINGS[name]))
    assert [(p.line, p.column, p.code) for p in err.problems] == [(2, "leader", "cpr")]
    assert_not_echoed(all_text(err))


def test_prepare_refuses_an_excel_number_cell_that_lost_its_leading_zero():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "networks"
    for r in TINY_ROWS["networks"]:
        ws.append(list(r))
    ws["E2"] = 403887391  # leader, typed as a number: Excel shows 403887391
    buf = io.BytesIO()
    wb.save(buf)
    files = [(n, d) for n, d in tiny_with("networks", "leader", "x") if n != "networks.csv"]
    err = refused([*files, ("netvaerk.xlsx", buf.getvalue())])
    assert [(p.file, p.sheet, p.line, p.column, p.code) for p in err.problems] == [
        ("netvaerk.xlsx", "networks", 2, "leader", "cpr")]
    assert_not_echoed(all_text(err))


@pytest.mark.parametrize("name", list(NEAR_MISSES))
def test_prepare_takes_the_near_misses(name):
    plan = ingest.prepare(tiny_with("measurements", "note", NEAR_MISSES[name]), None)
    assert plan.frames["measurements"]["note"].iloc[0] == NEAR_MISSES[name]


@pytest.mark.parametrize("name", IN_TEXT)
def test_a_file_name_with_a_cpr_number_is_refused_unread_and_not_echoed(name):
    files = tiny_with("stories", "title", "Fin titel")
    files[-1] = (f"notat {SPELLINGS[name]}.csv", files[-1][1])
    seen = []
    with pytest.raises(ingest.IngestError) as info:
        ingest.prepare(files, None, progress=lambda step, i, n, where: seen.append(where))
    err = info.value
    assert [(p.line, p.column, p.code) for p in err.problems] == [(None, None, "cpr_file_name")]
    assert err.problems[0].file == f"notat {privacy.MASK}.csv"
    assert_not_echoed(all_text(err) + "\n".join(seen))
    assert "CPR" in err.report("da") and "CPR" in err.report("en")


def test_a_sheet_name_with_a_cpr_number_is_refused_unread_and_not_echoed():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Hr. A 040388-7391"
    for r in TINY_ROWS["stories"]:
        ws.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    files = [*tiny_with("stories", "title", "x")[:-1], ("fortællinger.xlsx", buf.getvalue())]
    err = refused(files)
    assert [(p.file, p.sheet, p.code) for p in err.problems] == [
        ("fortællinger.xlsx", f"Hr. A {privacy.MASK}", "cpr_sheet_name")]
    assert_not_echoed(all_text(err))


def test_a_problem_of_another_kind_never_quotes_a_cpr_number_either():
    """A number in a date column is a bad date; the report still masks the value it quotes."""
    err = refused(tiny_with("networks", "started_on", "040388-7391"))
    assert [(p.column, p.code, p.value) for p in err.problems] == [("started_on", "bad_date", privacy.MASK)]
    assert_not_echoed(all_text(err))


# -- where names are kept and shown ----------------------------------------------------------------------------------
def test_the_load_history_never_keeps_a_cpr_number(store):
    store.load({}, who="kontor 040388-7391", files=["notat 040388-7391.csv"])
    kept = store.batches()[["who", "files"]].to_numpy().tolist()
    assert kept == [[f"kontor {privacy.MASK}", f"notat {privacy.MASK}.csv"]]
    old = pd.DataFrame({"batch_id": [1], "loaded_at": [pd.Timestamp("2024-01-01")], "who": ["t"],
                        "files": ["a.csv, notat 0403887391.csv"], "added": [1], "replaced": [0],
                        "undone_at": [pd.NaT]})
    assert templates.history_frame(old, "da").iloc[0, 3] == f"a.csv, notat {privacy.MASK}.csv"


def test_the_preview_of_a_refused_file_masks_the_number():
    data = make_csv([TINY_ROWS["stories"][0], ["N1", "2014-03-15", "citizen", "Titel", "cpr 04.03.88-7391"]])
    items = templates.preview_files([("fortællinger.csv", data)])
    assert items[0].head.iloc[0].tolist() == ["N1", "2014-03-15", "citizen", "Titel", f"cpr {privacy.MASK}"]


def test_replaced_duplicate_names_are_masked():
    _, older = templates.newest_by_name([("x 040388-7391.csv", b"a"), ("x 040388-7391.csv", b"b")])
    assert older == [f"x {privacy.MASK}.csv"]


def test_the_bulk_path_declines_what_ingest_would_refuse(loaded):
    header = TINY_ROWS["measurements"][0]
    base = [["N1", "sat", f"2015-{m:02d}", "4", "measured", "fin"] for m in range(1, 13)]
    for files in ([("m.csv", make_csv([header, *base, ["N2", "sat", "2015-01", "4", "", "04.03.88 7391"]]))],
                  [("m 040388-7391.csv", make_csv([header, *base]))]):
        before = loaded.counts()
        assert bulk.load(loaded, files, who="t", min_bytes=0) is None
        assert loaded.counts() == before
        with pytest.raises(ingest.IngestError) as info:
            service.load_files(loaded, files, who="t")
        assert_not_echoed(info.value.report("en"))
    assert bulk.load(loaded, [("m.csv", make_csv([header, *base]))], who="t", min_bytes=0) is not None


# -- the command line --------------------------------------------------------------------------------------------
def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "netvalue", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=300)


def spelling_files(values: dict[str, str]) -> list[tuple[str, bytes]]:
    """One org_units file per value: a municipality named by it (file names and ids carry no digits)."""
    header = TINY_ROWS["org_units"][0]
    return [(f"enheder_{chr(97 + i // 26)}{chr(97 + i % 26)}.csv",
             make_csv([header, [f"K{chr(97 + i // 26)}{chr(97 + i % 26)}", v, "", "municipality"]]))
            for i, v in enumerate(values.values())]


def test_the_command_line_refuses_every_spelling_and_a_cpr_file_name_and_never_echoes_them(tmp_path):
    files = spelling_files(SPELLINGS)
    header = TINY_ROWS["org_units"][0]
    files.append(("borger 040388-7391.csv", make_csv([header, ["KZ", "Kommune", "", "municipality"]])))
    paths = []
    for name, data in files:
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    db = tmp_path / "s.duckdb"
    proc = cli("load", "--db", str(db), *paths)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    assert_not_echoed(out)
    for name, _ in files[:-1]:
        assert f"file {name}, line 2, column name, value '{privacy.MASK}'" in out, (name, out)
    assert f"borger {privacy.MASK}.csv" in out
    assert "Traceback" not in out
    with Store(db) as s:
        assert len(s.batches()) == 0 and sum(s.counts().values()) == 0, "nothing is written"


def test_the_command_line_does_not_echo_a_missing_file_name(tmp_path):
    proc = cli("load", "--db", str(tmp_path / "s.duckdb"), str(tmp_path / "borger 040388-7391.csv"))
    assert proc.returncode == 2 and f"borger {privacy.MASK}.csv" in proc.stderr
    assert_not_echoed(proc.stdout + proc.stderr)


def test_the_command_line_loads_the_near_misses(tmp_path):
    paths = []
    for name, data in spelling_files(NEAR_MISSES):
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    db = tmp_path / "s.duckdb"
    proc = cli("load", "--db", str(db), *paths)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with Store(db) as s:
        assert sorted(s.table("org_units")["name"]) == sorted(NEAR_MISSES.values())


# -- the upload page ---------------------------------------------------------------------------------------------
def page_text(at) -> str:
    """Everything the page holds: every element's proto as text, and every table's cells."""
    parts = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(st_internals.element_root(at))
    parts += [d.value.to_csv() for d in at.dataframe]
    return "\n".join(parts)


def test_the_upload_page_refuses_every_spelling_writes_nothing_and_never_shows_the_number(app_store, monkeypatch):
    monkeypatch.delenv("NETVALUE_UPLOAD_PASSPHRASE", raising=False)
    monkeypatch.setenv("NETVALUE_OPEN_UPLOADS", "1")  # the explicit demo opt-in, where uploads are closed by default
    files = spelling_files(SPELLINGS)
    header = TINY_ROWS["org_units"][0]
    files.append(("borger 040388-7391.csv", make_csv([header, ["KZ", "Kommune", "", "municipality"]])))
    with Store(app_store) as s:
        before = s.counts(), len(s.batches())
    at = run_app("pages/upload.py")
    at.file_uploader[0].set_value([(n, d, "text/csv") for n, d in files]).run()
    assert not at.exception, at.exception
    assert at.error, "the upload is refused in words"
    report = next(d.value for d in at.dataframe if "Problem" in d.value.columns)
    refused_files = set(report.loc[report["Problem"].str.contains("CPR"), report.columns[0]])
    assert refused_files == {n for n, _ in files[:-1]} | {f"borger {privacy.MASK}.csv"}
    assert not [b for b in at.button if b.key == "upload_commit"], "nothing to save"
    shown = page_text(at)
    assert "enheder_aa.csv" in shown and privacy.MASK in shown, "the walk sees the report and the preview"
    assert_not_echoed(shown)
    with Store(app_store) as s:
        assert (s.counts(), len(s.batches())) == before


# -- properties --------------------------------------------------------------------------------------------------
SEPARATORS = ["", "", "-", " ", ".", "/", "\u2013", "\u2011", "\u00a0", "\n", "\r\n", " - "]
INVISIBLE = ["", "", "\u200b", "\u00ad", "\u2060", "\ufeff", "\u0301", "\ufe0f"]  # format and combining
DIGIT_SETS = [0x30, 0xFF10, 0x0660, 0x06F0, 0x0966, 0x1D7CE]  # ASCII, fullwidth, Arabic-Indic, ..., mathematical


@st.composite
def spelled_cpr(draw) -> str:
    day = draw(st.dates(min_value=pd.Timestamp("1900-01-01").date(), max_value=pd.Timestamp("2029-12-31").date()))
    groups = [f"{day.day:02d}", f"{day.month:02d}", f"{day.year % 100:02d}",
              f"{draw(st.integers(0, 9999)):04d}"]
    zero = draw(st.sampled_from(DIGIT_SETS))
    out = ""
    for i, g in enumerate(groups):
        digits = [chr(zero + int(d)) for d in g]
        out += "".join(d + draw(st.sampled_from(INVISIBLE)) for d in digits)
        if i < 3:
            out += draw(st.sampled_from(SEPARATORS))
    return out


AROUND = st.text(st.characters(exclude_categories=["Nd", "No", "Cs"]), max_size=12).map(lambda s: f" {s} ")


@settings(max_examples=300, deadline=None)
@given(cpr=spelled_cpr(), before=AROUND, after=AROUND)
def test_any_spelling_in_any_text_is_found_by_both_passes_and_masked(cpr, before, after):
    text = before + cpr + after
    assert privacy.contains_cpr(text)
    assert privacy.hits([text]).tolist() == [True]
    masked = privacy.mask(text)
    assert not privacy.contains_cpr(masked) and privacy.MASK in masked


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=40))
def test_the_first_pass_never_misses_what_the_exact_check_finds(text):
    if privacy.contains_cpr(text):
        assert privacy.candidates([text]).tolist() == [True]
