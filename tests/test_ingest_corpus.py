"""tests/corpus: files LibreOffice Calc wrote in a Danish locale (tools/make_corpus.sh), loaded through the command
line into a fresh store; the stored rows must equal the plain sample's, or the refusal must say why (and ask
what only the user can answer). See tests/corpus/README.md for how each file was made."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from netvalue import service
from netvalue.__main__ import main
from netvalue.store import Store
from netvalue.workbook import round_shown
from tools.make_corpus import subset

CORPUS = Path(__file__).parent / "corpus"
ALL = ("org_units", "indicators", "networks", "participation", "measurements", "stories")
M = ("measurements",)
PERCENT = ("regained_function", "sick_leave")

# file -> (record types it holds, what must happen: "loads", "rounds" (percent shown without decimals),
#          "asks" (the number style), or a refusal's words)
CASES: dict[str, tuple[tuple[str, ...], str]] = {
    "alle_typer.xlsx": (ALL, "loads"),
    "alle_typer.ods": (ALL, "loads"),
    "maalinger_titel.xlsx": (M, "loads"),
    "maalinger_hele_procent.xlsx": (M, "rounds"),
    "maalinger_maanedsnavne.ods": (M, "loads"),
    "maalinger_maanedsnavne.csv": (M, "loads"),
    "maalinger_semikolon_cp1252.csv": (M, "loads"),
    "maalinger_semikolon_utf8.csv": (M, "loads"),
    "maalinger_komma_utf8.csv": (M, "loads"),
    "maalinger_unicode.txt": (M, "loads"),
    "maalinger_tabulator_cp1252.txt": (M, "loads"),
    "kroner_tabulator.txt": (M, "asks"),
    "deltagelse_korte_datoer.csv": (("participation",), "loads"),
    "netvaerk_punktum_datoer.csv": (("networks",), "loads"),
    "maalinger_flettet.ods": (M, "flettede celler"),
}


def _plain(names) -> list[tuple[str, bytes]]:
    f = subset()
    return [(f"{n}.csv", f[n].to_csv(index=False).encode()) for n in names]


@pytest.fixture(scope="module")
def expected(tmp_path_factory) -> dict[str, pd.DataFrame]:
    """The plain sample subset, stored: what every corpus file must come to."""
    with Store(tmp_path_factory.mktemp("plain") / "plain.duckdb") as s:
        service.load_files(s, _plain(ALL))
        return {n: s.table(n) for n in ALL}


def _store_with_the_rest(db: Path, holds: tuple[str, ...]) -> None:
    """A store holding the plain subset of the record types the file does not hold (but points at)."""
    needed = [n for n in ALL[: max(ALL.index(h) for h in holds)] if n not in holds]
    with Store(db) as s:
        if needed:
            service.load_files(s, _plain(needed))


def test_the_corpus_is_what_the_readme_lists():
    files = {p.name for p in CORPUS.iterdir() if p.name != "README.md"}
    assert files == set(CASES)
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in readme for name in CASES)
    assert sum(p.stat().st_size for p in CORPUS.iterdir()) < 600_000, "the corpus stays small"


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_libreoffice_file_loads_as_the_person_saw_it_or_is_refused_with_the_reason(name, tmp_path, capsys,
                                                                                     expected):
    holds, outcome = CASES[name]
    db = tmp_path / "s.duckdb"
    _store_with_the_rest(db, holds)
    with Store(db) as s:
        before = {n: len(s.table(n)) for n in ALL}
    code = main(["load", "--db", str(db), "--lang", "da", str(CORPUS / name)])
    out, err = capsys.readouterr()
    if outcome in ("loads", "rounds", "asks"):
        if outcome == "asks":
            assert code == 1
            assert "--decimal comma" in err and "37.000" in err, err
            assert "Traceback" not in err
            code = main(["load", "--db", str(db), "--lang", "da", "--decimal", "comma", str(CORPUS / name)])
            out, err = capsys.readouterr()
        assert code == 0, err
        assert out.splitlines()[-1].startswith("upload nr. "), "the summary is in the language asked for"
        with Store(db) as s:
            for n in holds:
                want = expected[n]
                if outcome == "asks":
                    want = want[want["indicator_id"] == "saved_costs"].reset_index(drop=True)
                if outcome == "rounds":
                    want = want.copy()
                    pct = want["indicator_id"].isin(PERCENT)
                    # "55 %" shown is 55: rounded as the screen rounds (half away from zero), not as pandas does
                    want.loc[pct, "value"] = want.loc[pct, "value"].map(lambda v: round_shown(v, 0))
                pd.testing.assert_frame_equal(s.table(n), want, obj=f"{name}: {n}")
    else:
        assert code == 1
        assert outcome in err and "Traceback" not in err, err
        with Store(db) as s:
            assert {n: len(s.table(n)) for n in ALL} == before, "a refused load writes nothing"


def test_the_extra_sheets_of_a_workbook_are_skipped_with_a_note(tmp_path, capsys):
    code = main(["load", "--db", str(tmp_path / "s.duckdb"), "--lang", "da", str(CORPUS / "alle_typer.ods")])
    out, _ = capsys.readouterr()
    assert code == 0
    notes = [line for line in out.splitlines() if line.startswith("bemærk:")]
    assert len(notes) == 2 and "ark Noter" in notes[0] and "ark Overblik" in notes[1], out


def test_percent_and_thousands_are_shown_in_the_preview_as_read():
    from netvalue import ingest, templates

    refs = _plain(("org_units", "indicators", "networks"))
    items = {}
    for name in ("maalinger_hele_procent.xlsx", "maalinger_semikolon_cp1252.csv"):
        plan = ingest.prepare([*refs, (name, (CORPUS / name).read_bytes())])
        items.update({it.file[-4:]: it for it in templates.preview_plan(plan) if it.record_type == "measurements"})
    (xlsx,) = templates.reread_lines(items["xlsx"], "da")
    assert xlsx.startswith("Værdi: 97 celler er læst, som de blev vist, fx 55 % → 55")
    (csv,) = templates.reread_lines(items[".csv"], "da")
    assert "37.000 → 37000" in csv
    lines = {line for line, _, _ in items["xlsx"].reread[0].examples}
    assert lines <= set(items["xlsx"].head.index), "the preview holds rows from every reinterpreted column"
