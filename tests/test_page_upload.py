"""AppTest of the upload page: templates, a Danish-format upload through the file uploader with preview and
report before anything is written, commit, history, undo (and its refusal), and the gate."""

from __future__ import annotations

import io
import re
from datetime import datetime

import openpyxl
import pandas as pd
import pytest

from netvalue import templates
from netvalue.schema import LOAD_ORDER, RECORD_TYPES
from netvalue.store import Store
from tests.apptest_support import run_app
from tests.support import make_csv, typed

PAGE = "pages/upload.py"
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x", "client_id": "id",
        "client_secret": "s", "server_metadata_url": "https://login.example/.well-known/openid-configuration"}


def danish(rows: list[list[str]]) -> bytes:
    """What Danish Excel writes for "CSV (semikolonsepareret)": ';', cp1252, CRLF."""
    return make_csv(rows, delimiter=";", encoding="cp1252", newline="\r\n")


NETWORKS_DA = danish([
    ["netværk", "navn", "netværkstype", "hjemmeenhed", "leder", "formål", "startdato", "slutdato", "udsprunget_af"],
    ["N99", "Pårørende i centrum", "velfærd", "U-HJEM-NORD", "Netværksleder, Hjemmeplejen Nord",
     "Pårørende inddrages tidligt", "01-03-2015", "", ""],
])
MEASUREMENTS_DA = danish([
    ["netværk", "indikator", "måned", "værdi", "evidens", "bemærkning"],
    ["N99", "citizen_satisfaction", "01-03-2015", "4,5", "målt", "Første måling"],
    ["N99", "citizen_satisfaction", "15-04-2015", "3,9", "selvrapporteret", ""],
    ["N99", "saved_costs", "05-2015", "12.500,5", "evalueret eksternt", ""],
])
BAD_MEASUREMENTS = danish([
    ["netværk", "indikator", "måned", "værdi"],
    ["N01", "citizen_satisfaction", "01-03-2015", "4,5"],
    ["N77", "citizen_satisfaction", "01-03-2015", "4,5"],
    ["N01", "citizen_satisfaction", "31-02-2015", "4,5"],
    ["N01", "wellbeing", "03-2015", "mange"],
])
FIXED_MEASUREMENTS = danish([
    ["netværk", "indikator", "måned", "værdi"],
    ["N01", "citizen_satisfaction", "01-03-2015", "4,5"],
    ["N02", "citizen_satisfaction", "01-03-2015", "4,5"],
    ["N01", "citizen_satisfaction", "28-02-2015", "4,5"],
    ["N01", "wellbeing", "03-2015", "61,5"],
])




@pytest.fixture
def db(app_store, monkeypatch):
    path = app_store
    monkeypatch.delenv("NETVALUE_UPLOAD_PASSPHRASE", raising=False)
    monkeypatch.setenv("NETVALUE_OPEN_UPLOADS", "1")  # uploads are closed unless opened on purpose (a demo)
    return path


def state(db) -> tuple[dict[str, int], int, int]:
    """What a refused upload must not change: the counts, the data version and the number of batches."""
    with Store(db) as s:
        return s.counts(), s.data_version(), len(s.batches())


def texts(at) -> list[str]:
    return [e.value for kind in ("markdown", "caption", "info", "success", "warning", "error") for e in at.get(kind)]


def upload(at, *files: tuple[str, bytes]):
    at.file_uploader[0].set_value([(name, data, "text/csv") for name, data in files]).run()
    assert not at.exception, at.exception
    return at


def commit(at):
    at.button(key="upload_commit").click().run()
    assert not at.exception, at.exception
    return at


def frame_with(at, column: str) -> pd.DataFrame:
    """The shown table that has a column (AppTest's dataframes carry no key)."""
    found = [d.value for d in at.dataframe if column in d.value.columns]
    assert len(found) == 1, f"{len(found)} tables with a column {column!r}"
    return found[0]


def unescaped(markdown: str) -> str:
    """Markdown as the reader sees its characters: file names are drawn escaped (netvalue.safetext.md)."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def previews(at) -> list[str]:
    """The labels of the preview's expanders (one per file or sheet)."""
    return [unescaped(e.label) for e in at.expander if "→" in e.label]


def undo_pick(at):
    return next(sb for sb in at.selectbox if sb.key.startswith("upload_undo_pick"))


def history(at) -> pd.DataFrame:
    return frame_with(at, "Hvem")


def report(at, column: str = "Problem") -> pd.DataFrame:
    return frame_with(at, column)


# -- templates -------------------------------------------------------------------------------------------------
def test_page_offers_every_template_and_says_uploads_are_open(db):
    at = run_app(PAGE)
    assert not at.exception
    assert at.title[0].value == "Upload af registreringer"
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Excel-skabelon (alle posttyper + vejledning)", "Organisationsenheder", "Indikatorer",
                      "Netværk", "Deltagelse", "Målinger", "Fortællinger"]
    assert any("Uploads er åbne" in i.value for i in at.info)
    assert len(at.file_uploader) == 1 and at.file_uploader[0].accept_multiple_files
    assert history(at).iloc[0]["Hvem"] == "sample"


# -- the Danish export, checked, previewed, saved ------------------------------------------------------------------
def test_danish_excel_export_is_previewed_then_saved_as_one_batch(db):
    at = run_app(PAGE)
    before = state(db)
    upload(at, ("netværk.csv", NETWORKS_DA), ("målinger.csv", MEASUREMENTS_DA))
    assert previews(at) == ["**netværk.csv** → Netværk (1 række)",
                                              "**målinger.csv** → Målinger (3 rækker)"]
    preview = at.dataframe[1].value
    assert preview["value"].tolist() == [4.5, 3.9, 12500.5] and preview["period"].tolist() == [
        "2015-03", "2015-04", "2015-05"]
    assert at.success[0].value == "Klar til at gemme: Netværk: 1, Målinger: 3."
    assert state(db) == before, "nothing is written before the commit"

    commit(at)
    assert at.success[0].value.startswith("Gemt som upload nr. 2 (nye rækker: 4, erstattede: 0;")
    counts, version, n_batches = state(db)
    assert counts["networks"] == before[0]["networks"] + 1 and counts["measurements"] == before[0]["measurements"] + 3
    assert version > before[1] and n_batches == before[2] + 1
    with Store(db) as s:
        got = s.measurements(["N99"])
    pd.testing.assert_frame_equal(got, typed("measurements", [
        ["N99", "citizen_satisfaction", "2015-03-01", 4.5, "measured", "Første måling"],
        ["N99", "citizen_satisfaction", "2015-04-01", 3.9, "self_reported", ""],
        ["N99", "saved_costs", "2015-05-01", 12500.5, "evaluated_external", ""],
    ], where="store"))
    row = history(at).iloc[0]
    assert (row["Nr."], row["Hvem"], row["Filer"], row["Nye rækker"], row["Status"]) == (
        2, "open (demo)", "netværk.csv, målinger.csv", 4, "Gældende")
    assert not previews(at), "the uploader starts empty again after a save"


def test_overview_shows_the_new_network_at_once(db):
    at = run_app()
    active = int(next(m for m in at.metric if m.label == "Aktive netværk").value)
    at.switch_page(PAGE).run()
    upload(at, ("netværk.csv", NETWORKS_DA))
    commit(at)
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    assert int(next(m for m in at.metric if m.label == "Aktive netværk").value) == active + 1


def test_an_excel_workbook_with_a_sheet_per_record_type(db):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Netværk"
    ws.append(["network_id", "name", "type", "home_unit_id", "started_on"])
    ws.append(["N98", "Sundhed på tværs", "innovationsnetværk", "U-SUNDC", datetime(2016, 1, 4)])
    ws = wb.create_sheet("Målinger")
    ws.append(["netværk", "indikator", "periode", "værdi"])
    ws.append(["N98", "wellbeing", "2016-02", 71.5])
    wb.create_sheet("Vejledning").append(["Kolonne", "Beskrivelse"])
    buf = io.BytesIO()
    wb.save(buf)
    at = run_app(PAGE)
    upload(at, ("netvalue.xlsx", buf.getvalue()))
    assert previews(at) == ["**netvalue.xlsx [Netværk]** → Netværk (1 række)",
                                              "**netvalue.xlsx [Målinger]** → Målinger (1 række)"]
    commit(at)
    with Store(db) as s:
        assert s.measurements(["N98"])["value"].tolist() == [71.5]
        assert s.table("networks").set_index("network_id").loc["N98", "type"] == "innovation"


# -- refused files ---------------------------------------------------------------------------------------------
def test_a_bad_file_is_reported_by_line_and_column_and_changes_nothing_then_the_fix_loads(db):
    at = run_app(PAGE)
    before = state(db)
    upload(at, ("målinger.csv", BAD_MEASUREMENTS))
    assert at.error[0].value.startswith("Filerne kan ikke indlæses: 3 problemer. Intet er gemt.")
    report_ = report(at)
    assert list(report_.columns) == ["Fil", "Ark", "Linje", "Kolonne", "Værdi", "Problem", "Forventet"]
    where = sorted(zip(report_["Linje"], report_["Kolonne"], report_["Problem"], strict=True))
    # The report names the columns as the file did (its Danish headers), not netvalue's internal names.
    assert where == [(3, "netværk", "Findes hverken i databasen eller i denne upload."),
                     (4, "måned", "Ikke en gyldig måned."), (5, "værdi", "Ikke et tal.")]
    assert set(report_["Fil"]) == {"målinger.csv"}
    assert previews(at) == ["**målinger.csv** → Målinger (4 rækker)"]
    assert not [b for b in at.button if b.key == "upload_commit"], "no commit button for a refused upload"
    assert state(db) == before

    # The corrected export dropped on top of the old one: the uploader holds both, the newest copy counts.
    upload(at, ("målinger.csv", BAD_MEASUREMENTS), ("målinger.csv", FIXED_MEASUREMENTS))
    assert not at.error
    assert any("Samme filnavn er uploadet mere end én gang (målinger.csv)" in unescaped(c.value) for c in at.caption)
    commit(at)
    counts, _, _ = state(db)
    with Store(db) as s:
        batch = s.batches().iloc[0]
        got = s.measurements(["N01", "N02"])
    assert (batch["files"], batch["added"] + batch["replaced"]) == ("målinger.csv", 4)
    assert counts["measurements"] == before[0]["measurements"] + batch["added"]
    stored = set(zip(got["network_id"], got["indicator_id"], got["period"].dt.strftime("%d-%m-%Y"), got["value"],
                     strict=True))
    assert {("N01", "citizen_satisfaction", "01-03-2015", 4.5), ("N02", "citizen_satisfaction", "01-03-2015", 4.5),
            ("N01", "citizen_satisfaction", "01-02-2015", 4.5), ("N01", "wellbeing", "01-03-2015", 61.5)} <= stored


UNREADABLE = [
    ("gammel.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 600, "Gamle .xls-filer kan ikke læses: gem som .xlsx eller CSV."),
    ("billede.csv", bytes(range(256)) * 40, "Filen er hverken CSV/tekst eller et regneark (.xlsx, .ods)."),
    ("tom.csv", b"", "Filen er tom."),
    # Never an exception's name: what it means to the user, and what to do.
    ("ødelagt.xlsx", b"PK\x03\x04 not really a workbook",
     "Regnearket kan ikke åbnes; filen ser ud til at være beskadiget. Åbn den i Excel eller LibreOffice, og gem "
     "den igen."),
    ("indkøb.csv", "vare;pris\r\nmælk;12,5\r\n".encode("cp1252"), "Overskriften passer ikke til nogen posttype."),
]


def test_unreadable_files_get_a_friendly_report_never_a_traceback(db):
    at = run_app(PAGE)
    before = state(db)
    upload(at, *[(name, data) for name, data, _ in UNREADABLE], ("netværk.csv", NETWORKS_DA))
    problems = report(at)
    assert sorted(zip(problems["Fil"], problems["Problem"], strict=True)) == sorted(
        (name, problem) for name, _, problem in UNREADABLE), "one problem per bad file; the good file has none"
    assert previews(at) == ["**indkøb.csv** → posttype ikke genkendt (1 række)",
                                              "**netværk.csv** → Netværk (1 række)"]
    assert state(db) == before, "one bad file refuses the whole upload"


def test_a_store_change_between_check_and_commit_is_caught_and_nothing_is_written(db):
    at = run_app(PAGE)
    upload(at, ("netværk.csv", NETWORKS_DA))
    commit(at)  # batch 2: N99
    upload(at, ("målinger.csv", MEASUREMENTS_DA))
    assert at.success[0].value == "Klar til at gemme: Målinger: 3."
    with Store(db) as s:  # someone else undoes N99 meanwhile
        s.undo(2)
    before = state(db)
    commit(at)
    assert at.error[0].value.startswith("Filerne kan ikke indlæses: 3 problemer")
    assert state(db) == before


# -- history and undo ------------------------------------------------------------------------------------------
def test_undo_asks_first_then_restores_the_counts(db):
    at = run_app(PAGE)
    before = state(db)[0]
    upload(at, ("netværk.csv", NETWORKS_DA), ("målinger.csv", MEASUREMENTS_DA))
    commit(at)
    assert undo_pick(at).value == 2
    at.button(key="upload_undo").click().run()
    assert unescaped(at.warning[0].value) == (
        "Fortryd upload nr. 2 (netværk.csv, målinger.csv)? Rækker, den tilføjede, fjernes "
        "(4), og rækker, den erstattede, kommer tilbage (0).")
    at.button(key="upload_undo_cancel").click().run()
    assert state(db)[0] != before, "cancel undoes nothing"
    at.button(key="upload_undo").click().run()
    at.button(key="upload_undo_yes").click().run()
    assert not at.exception
    assert at.success[0].value == "Upload nr. 2 er fortrudt. Alle sider viser nu data uden den."
    assert state(db)[0] == before
    assert history(at).iloc[0]["Status"].startswith("Fortrudt ")
    assert undo_pick(at).options == ["Nr. 1 · " + history(at).iloc[1]["Tidspunkt"]
                                                            + " · sample · " + history(at).iloc[1]["Filer"]]


def test_undo_refused_when_a_later_upload_changed_the_same_rows(db):
    at = run_app(PAGE)
    upload(at, ("netværk.csv", NETWORKS_DA))
    commit(at)
    renamed = NETWORKS_DA.replace("Pårørende i centrum".encode("cp1252"), "Pårørende først".encode("cp1252"))
    upload(at, ("netværk_rettet.csv", renamed))
    commit(at)
    assert state(db)[0]["networks"] == 29
    before = state(db)
    undo_pick(at).set_value(2).run()
    at.button(key="upload_undo").click().run()
    at.button(key="upload_undo_yes").click().run()
    assert not at.exception
    message = at.error[0].value
    assert message.startswith("Upload nr. 2 kan ikke fortrydes: senere uploads har ændret de samme rækker")
    assert "networks: 1 rows (network_id) were changed again by a later upload" in message
    assert state(db) == before


# -- the gate ----------------------------------------------------------------------------------------------------
def _submit(at, passphrase: str):
    at.text_input(key="upload_passphrase").input(passphrase)
    next(b for b in at.button if b.label == "Lås op").click().run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("where", ["secrets", "environment"])
def test_a_passphrase_guards_the_uploader_and_undo(db, monkeypatch, where):
    secret = "Fælles nøgle 2025"
    monkeypatch.delenv("NETVALUE_OPEN_UPLOADS")
    if where == "environment":
        monkeypatch.setenv("NETVALUE_UPLOAD_PASSPHRASE", secret)
        at = run_app(PAGE)
    else:
        at = run_app(PAGE, secrets={"netvalue": {"upload_passphrase": secret}})
    assert not at.exception
    assert len(at.file_uploader) == 0
    assert not [b for b in at.button if b.key == "upload_undo"]
    assert any("kræver netværksstrukturens adgangskode" in i.value for i in at.info)
    _submit(at, "forkert")
    assert [e.value for e in at.error] == ["Forkert adgangskode."]
    assert len(at.file_uploader) == 0
    _submit(at, secret)
    assert len(at.file_uploader) == 1
    assert not at.text_input, "unlocked: the passphrase field is gone"
    assert secret not in repr(at.session_state.to_dict()), "the session keeps a token, not the passphrase"
    upload(at, ("netværk.csv", NETWORKS_DA))
    commit(at)
    assert history(at).iloc[0]["Hvem"] == "passphrase"
    assert all(secret not in t for t in texts(at))


def test_oidc_login_and_the_uploader_list(db, monkeypatch):
    monkeypatch.delenv("NETVALUE_OPEN_UPLOADS")
    at = run_app(PAGE, secrets={"auth": AUTH, "netvalue": {"uploaders": ["team@albertslund.dk"]}})
    at.user = {"is_logged_in": False}
    at.run()
    assert len(at.file_uploader) == 0
    assert at.button(key="upload_login").label == "Log ind"
    at.button(key="upload_login").click().run()
    assert not at.exception, "a login that cannot start is a message, not a traceback"

    at.user = {"is_logged_in": True, "email": "director@albertslund.dk"}
    at.run()
    assert len(at.file_uploader) == 0
    assert at.error[0].value.startswith("Du er logget ind som director@albertslund.dk, men står ikke på listen")

    at.user = {"is_logged_in": True, "email": "Team@Albertslund.dk"}
    at.run()
    assert at.success[0].value == "Logget ind som Team@Albertslund.dk."
    upload(at, ("netværk.csv", NETWORKS_DA))
    commit(at)
    assert history(at).iloc[0]["Hvem"] == "team@albertslund.dk"


def test_page_in_english(db):
    at = run_app(PAGE, params={"lang": "en"})
    assert at.title[0].value == "Upload records"
    upload(at, ("m.csv", BAD_MEASUREMENTS))
    problems = report(at)
    assert list(problems.columns) == ["File", "Sheet", "Line", "Column", "Value", "Problem", "Expected"]
    assert "Not a number." in problems["Problem"].tolist()


def test_the_excel_template_uploaded_unchanged_warns_about_its_example_rows(db):
    at = run_app(PAGE)
    upload(at, (templates.XLSX_FILENAME, templates.xlsx_template()))
    assert previews(at) == [f"**{templates.XLSX_FILENAME} [{RECORD_TYPES[n].label_da}]** → {RECORD_TYPES[n].label_da} "
                            f"({'4 rækker' if n == 'org_units' else '1 række'})" for n in LOAD_ORDER]
    assert unescaped(at.warning[0].value).startswith(
        "Skabelonens eksempelrække er med i uploaden (netvalue_skabelon.xlsx "
        "[Organisationsenheder]:5, netvalue_skabelon.xlsx [Indikatorer]:2")


# -- spreadsheets as the person saw them ------------------------------------------------------------------------
CORPUS = __import__("pathlib").Path(__file__).parent / "corpus"


def test_an_ambiguous_number_style_is_asked_then_the_answer_checks_again_and_saves(db):
    at = run_app(PAGE)
    before = state(db)
    kroner = (CORPUS / "kroner_tabulator.txt").read_bytes()
    upload(at, ("kroner.txt", kroner))
    assert at.error[0].value.startswith("Filerne kan ikke indlæses: 1 problem.")
    (radio,) = [r for r in at.radio if r.key == "upload_decimal_0"]
    assert radio.value is None, "nothing is guessed"
    assert radio.options[0].startswith("Decimalkomma: 16.500 er seksten tusind fem hundrede")
    assert "37.000" in report(at)["Værdi"].tolist()
    radio.set_value("comma").run()
    assert not at.exception, at.exception
    assert not at.error
    assert at.success[0].value.startswith("Klar til at gemme: Målinger: 100.")
    shown = [unescaped(c.value) for c in at.caption]  # user text is escaped for Markdown
    assert any("Værdi: 100 celler er læst, som de blev vist, fx 37.000 → 37000" in c for c in shown), shown
    assert state(db) == before, "nothing is written before Save"
    commit(at)
    with Store(db) as s:
        m = s.table("measurements")
    assert m[(m["network_id"] == "N01") & (m["indicator_id"] == "saved_costs")]["value"].iloc[0] == 37000.0


def test_an_ods_workbook_with_extra_sheets_is_read_with_notes_and_percent_shown(db):
    at = run_app(PAGE)
    upload(at, ("alle_typer.ods", (CORPUS / "alle_typer.ods").read_bytes()))
    assert not at.error, [e.value for e in at.error]
    (note,) = [i.value for i in at.info if i.value.startswith("Bemærk, hvordan filerne er læst:")]
    assert "ark Noter" in note.replace("\\", "") and "ark Overblik" in note.replace("\\", "")
    shown = [unescaped(c.value) for c in at.caption]  # user text is escaped for Markdown
    assert any(c.startswith("Værdi: 97 celler er læst, som de blev vist, fx 54,9% → 54,9") for c in shown), shown
    head = next(d.value for d in at.dataframe if "value" in d.value.columns and "indicator_id" in d.value.columns)
    assert 54.9 in head["value"].tolist(), "the preview holds rows from the reinterpreted column"


def test_the_picker_takes_every_kind_of_file_the_corpus_holds():
    from netvalue import ingest

    assert {p.suffix.lstrip(".") for p in CORPUS.iterdir() if p.name != "README.md"} <= set(ingest.FILE_TYPES)
    source = __import__("pathlib").Path(PAGE).read_text(encoding="utf-8")
    assert "type=list(ingest.FILE_TYPES)" in source, "the picker offers what ingest reads"


def test_a_large_csv_is_checked_by_duckdb_previewed_from_its_first_rows_and_saved(db):
    nets = [f"N{i:02d}" for i in range(1, 29)]
    rows = [["netværk", "indikator", "måned", "værdi"]]
    for i in range(36_000):
        rows.append([nets[i % 28], "citizen_satisfaction", f"{1900 + i // 28 // 12}-{i // 28 % 12 + 1:02d}", "4,5"])
    data = danish(rows)
    assert len(data) > 1024 * 1024, "large enough for the DuckDB check"
    at = run_app(PAGE)
    before = state(db)
    upload(at, ("store_maalinger.csv", data))
    assert at.success[0].value == "Klar til at gemme: Målinger: 36.000."
    assert previews(at) == ["**store_maalinger.csv** → Målinger (36.000 rækker)"]
    head = frame_with(at, "indicator_id")
    assert head.index.tolist()[:5] == [2, 3, 4, 5, 6] and head["value"].tolist()[:5] == [4.5] * 5
    assert state(db) == before, "the check writes nothing"
    commit(at)
    with Store(db) as s:
        assert s.counts()["measurements"] == before[0]["measurements"] + 36_000
