"""Backups: Store.backup/restore round trip every table (the records, the batches, the archives of replaced rows),
undo works after a restore, a damaged backup is refused and leaves the store as it was, and the data version moves
on. Then the command line: `python -m netvalue backup DIR` and `python -m netvalue restore DIR [--replace]`.

Each finding these tests made was fixed in netvalue/store.py; RESTORE_FIX says what.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from netvalue import service
from netvalue.schema import LOAD_ORDER
from netvalue.store import Store, StoreIntegrityError
from tests.support import TINY_ROWS, make_csv

ROOT = Path(__file__).resolve().parent.parent
ARCHIVES = [f"{n}__replaced" for n in LOAD_ORDER]
ALL_TABLES = ["meta", "batches", *LOAD_ORDER, *ARCHIVES]


def history(store: Store) -> None:
    """The sample (batch 1), a correction replacing rows (batch 2), an addition undone again (batch 3)."""
    service.ensure_sample(store)
    nets = store.table("networks").head(3)
    rows = [list(nets.columns)] + [
        [r.network_id, r.name + " (rettet)", r.type, r.home_unit_id, r.leader, r.purpose,
         r.started_on.date().isoformat(), "" if pd.isna(r.ended_on) else r.ended_on.date().isoformat(),
         r.parent_network_id if isinstance(r.parent_network_id, str) else ""] for r in nets.itertuples()]
    m = store.table("measurements").head(100)
    mrows = [list(m.columns)] + [[r.network_id, r.indicator_id, r.period.strftime("%Y-%m"), r.value + 1, r.evidence,
                                  "rettet"] for r in m.itertuples()]
    service.load_files(store, [("networks.csv", make_csv(rows)), ("measurements.csv", make_csv(mrows))],
                       who="rettelse")
    story = [["network_id", "told_on", "perspective", "title", "text"],
             ["N01", "2016-01-05", "staff", "En ny historie", "Fortalt og fortrudt."]]
    _, result = service.load_files(store, [("stories.csv", make_csv(story))], who="fortrudt")
    store.undo(result.batch_id)


def snapshot(store: Store, scratch: Path) -> dict[str, object]:
    """Everything a restore must bring back: each record type and the batches through Store, every table's rows
    and the archives' contents through a backup (their only public reader), and the data version."""
    out: dict[str, object] = {n: store.table(n) for n in LOAD_ORDER}
    out["batches"] = store.batches()
    where = scratch / f"snap-{uuid.uuid4().hex}"
    manifest = store.backup(where)
    out["rows"] = manifest["rows"]
    for name in ARCHIVES:
        df = pd.read_parquet(where / f"{name}.parquet")
        out[name] = df.sort_values(list(df.columns)).reset_index(drop=True)
    shutil.rmtree(where)
    out["data_version"] = store.data_version()
    return out


def assert_same_data(a: dict[str, object], b: dict[str, object]) -> None:
    for name in [*LOAD_ORDER, "batches", *ARCHIVES]:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)
    assert a["rows"] == b["rows"]


@pytest.fixture
def original(tmp_path):
    with Store(tmp_path / "original.duckdb") as store:
        history(store)
        yield store


@pytest.fixture
def backup_dir(original, tmp_path):
    path = tmp_path / "backup"
    original.backup(path)
    return path


def test_the_history_touches_every_kind_of_table(original, tmp_path):
    snap = snapshot(original, tmp_path)
    assert snap["rows"]["networks__replaced"] == 3
    assert snap["rows"]["measurements__replaced"] == 100
    assert len(snap["batches"]) == 3 and snap["batches"]["undone_at"].notna().sum() == 1


def test_backup_writes_every_table_and_a_manifest(original, backup_dir):
    manifest = json.loads((backup_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == "netvalue-backup-1"
    assert set(manifest["rows"]) == set(ALL_TABLES)
    assert {p.name for p in backup_dir.iterdir()} == {"manifest.json", *(f"{n}.parquet" for n in ALL_TABLES)}
    for name in LOAD_ORDER:
        assert manifest["rows"][name] == original.counts()[name]
        assert pq.read_metadata(backup_dir / f"{name}.parquet").num_rows == manifest["rows"][name]
    assert manifest["data_version"] == original.data_version()
    assert not list(backup_dir.parent.glob(".*partial")), "no half-written directory is left behind"


def test_backup_refuses_a_directory_that_holds_files(original, tmp_path):
    target = tmp_path / "full"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    with pytest.raises(FileExistsError):
        original.backup(target)
    assert [p.name for p in target.iterdir()] == ["keep.txt"]


@pytest.mark.parametrize("target_holds", ["nothing", "other data"])
def test_restore_brings_back_every_table_exactly(original, backup_dir, tmp_path, target_holds):
    want = snapshot(original, tmp_path)
    with Store(tmp_path / "target.duckdb") as target:
        if target_holds == "other data":
            service.load_files(target, [(f"{n}.csv", make_csv(r)) for n, r in TINY_ROWS.items()], who="tiny")
        before = target.data_version()
        manifest = target.restore(backup_dir)
        got = snapshot(target, tmp_path)
    assert_same_data(got, want)
    assert manifest["rows"] == want["rows"]
    assert got["data_version"] > max(before, manifest["data_version"]), "a cache keyed by the version moves on"


def test_undo_works_after_a_restore(original, backup_dir, tmp_path):
    with Store(tmp_path / "target.duckdb") as target:
        target.restore(backup_dir)
        target.undo(2)
        original.undo(2)
        assert_same_data(snapshot(target, tmp_path) | {"batches": original.batches()},
                         snapshot(original, tmp_path) | {"batches": original.batches()})
        assert target.table("networks")["name"].str.endswith("(rettet)").sum() == 0
        assert target.counts()["measurements"] == original.counts()["measurements"]
        with pytest.raises(StoreIntegrityError) as info:
            target.undo(3)
        assert info.value.code == "already_undone", "the undone batch stays undone after a restore"


def test_restoring_into_the_same_store_keeps_its_data_and_moves_the_version(original, backup_dir, tmp_path):
    want = snapshot(original, tmp_path)
    original.restore(backup_dir)
    got = snapshot(original, tmp_path)
    assert_same_data(got, want)
    assert got["data_version"] == want["data_version"] + 1


def test_a_next_load_after_a_restore_gets_the_next_batch_number(original, backup_dir, tmp_path):
    with Store(tmp_path / "target.duckdb") as target:
        target.restore(backup_dir)
        _, result = service.load_files(target, [("stories.csv", make_csv(
            [["network_id", "told_on", "perspective", "title", "text"],
             ["N02", "2016-02-01", "citizen", "Efter gendannelsen", "Ny historie."]]))], who="efter")
        assert result.batch_id == 4


# -- damaged backups ---------------------------------------------------------------------------------------------
def _edit_manifest(d: Path, change) -> None:
    m = json.loads((d / "manifest.json").read_text(encoding="utf-8"))
    change(m)
    (d / "manifest.json").write_text(json.dumps(m), encoding="utf-8")


def _truncate(d: Path) -> None:
    p = d / "measurements.parquet"
    p.write_bytes(p.read_bytes()[: p.stat().st_size // 2])


def _flip(d: Path) -> None:
    p = d / "networks.parquet"
    b = bytearray(p.read_bytes())
    for i in range(200, 260):
        b[i] ^= 0xFF
    p.write_bytes(bytes(b))


def _wrong_table(d: Path) -> None:
    shutil.copy(d / "stories.parquet", d / "networks.parquet")
    _edit_manifest(d, lambda m: m["rows"].__setitem__("networks", m["rows"]["stories"]))


def _column_dropped(d: Path) -> None:
    table = pq.read_table(d / "networks.parquet")
    pq.write_table(table.drop_columns(["leader"]), d / "networks.parquet")


def _orphans(d: Path) -> None:
    table = pq.read_table(d / "org_units.parquet").slice(0, 3)
    pq.write_table(table, d / "org_units.parquet")
    _edit_manifest(d, lambda m: m["rows"].__setitem__("org_units", 3))


DAMAGE = {
    "parquet_deleted": lambda d: (d / "networks.parquet").unlink(),
    "parquet_truncated": _truncate,
    "parquet_bytes_flipped": _flip,
    "manifest_rows_edited": lambda d: _edit_manifest(d, lambda m: m["rows"].__setitem__("networks", 5)),
    "manifest_rows_removed": lambda d: _edit_manifest(d, lambda m: m.pop("rows")),
    "manifest_a_list": lambda d: (d / "manifest.json").write_text("[1, 2]", encoding="utf-8"),
    "manifest_garbage": lambda d: (d / "manifest.json").write_text("{{{", encoding="utf-8"),
    "manifest_deleted": lambda d: (d / "manifest.json").unlink(),
    "manifest_newer_schema": lambda d: _edit_manifest(d, lambda m: m.__setitem__("schema_version", 99)),
    "manifest_other_format": lambda d: _edit_manifest(d, lambda m: m.__setitem__("format", "something-else")),
    "another_tables_file": _wrong_table,
    "a_column_dropped": _column_dropped,
    "foreign_keys_broken": _orphans,
}

RESTORE_FIX = (
    "netvalue/store.py Store.restore: turn every way a backup can be unreadable into ValueError('<dir>: <file> ... "
    "the backup is damaged'): wrap pq.read_table (FileNotFoundError, OSError, pyarrow.ArrowInvalid) and check the "
    "manifest's shape (a dict with a 'rows' dict of ints) before use (today KeyError/AttributeError); compare each "
    "file's column names with the table's own columns before inserting (today a stories file read as networks "
    "raises a Binder error that cur.unregister in the finally block masks as 'TransactionContext Error: Current "
    "transaction is aborted', and a file missing a column is restored with that column NULL, see "
    "a_column_dropped)")
UNCLEAR = {"parquet_deleted", "parquet_truncated", "parquet_bytes_flipped", "manifest_rows_removed",
           "manifest_a_list", "another_tables_file"}
SILENTLY_ACCEPTED = {"a_column_dropped"}


def _case(name: str, unclear: set[str]) -> object:
    return name  # every finding below was fixed in Store.restore; RESTORE_FIX keeps the story


@pytest.mark.parametrize("damage", [_case(n, SILENTLY_ACCEPTED) for n in DAMAGE])
def test_a_damaged_backup_leaves_the_store_as_it_was(original, backup_dir, tmp_path, damage):
    DAMAGE[damage](backup_dir)
    with Store(tmp_path / "target.duckdb") as target:
        service.load_files(target, [(f"{n}.csv", make_csv(r)) for n, r in TINY_ROWS.items()], who="tiny")
        before = snapshot(target, tmp_path)
        with pytest.raises(Exception):  # noqa: B017 - which error is the next test's concern
            target.restore(backup_dir)
        after = snapshot(target, tmp_path)
        assert_same_data(after, before)
        assert after["data_version"] == before["data_version"]
        service.load_files(target, [("stories.csv", make_csv(TINY_ROWS["stories"]))], who="next")  # still works


@pytest.mark.parametrize("damage", [_case(n, UNCLEAR | SILENTLY_ACCEPTED) for n in DAMAGE])
def test_a_damaged_backup_is_refused_with_a_clear_message(backup_dir, damage):
    DAMAGE[damage](backup_dir)
    with Store(":memory:") as target, pytest.raises((ValueError, StoreIntegrityError)) as info:
        target.restore(backup_dir)
    text = str(info.value)
    if isinstance(info.value, StoreIntegrityError):
        assert info.value.details, "a refused foreign key names the rows"
    else:
        words = text.replace(str(backup_dir), "<dir>")  # the path itself may hold the word
        assert "backup" in words.lower(), text
        assert "<dir>" in words or any(f"{n}." in words for n in ALL_TABLES), "it says which backup or file"


def test_a_backup_that_is_not_a_directory_is_refused(tmp_path):
    with Store(":memory:") as target, pytest.raises(ValueError, match="not a netvalue backup"):
        target.restore(tmp_path / "no-such-backup")


def test_a_crafted_backup_cannot_run_sql(backup_dir, tmp_path):
    flag = tmp_path / "pwned.csv"
    meta = pq.read_table(backup_dir / "meta.parquet")
    evil = f"value) SELECT * FROM _restore_rows; COPY (SELECT 42 AS x) TO '{flag}'; --"
    pq.write_table(meta.rename_columns(["key", evil]), backup_dir / "meta.parquet")
    with Store(":memory:") as target:
        with contextlib.suppress(ValueError, StoreIntegrityError):
            target.restore(backup_dir)
        assert not flag.exists(), "a column name in a backup ran a COPY statement"
        assert target.is_empty(), "a backup with foreign column names is refused"


# -- the command line ------------------------------------------------------------------------------------------
# `python -m netvalue backup DIR [--db FILE]` and `python -m netvalue restore DIR [--replace] [--db FILE]`.
def cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "netvalue", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture
def original_file(tmp_path):
    path = tmp_path / "cli.duckdb"
    with Store(path) as store:
        history(store)
    return path


def _counts(path: Path) -> dict[str, int]:
    with Store(path) as s:
        return s.counts()


def test_cli_backup_writes_the_backup_and_says_where_and_how_much(original_file, tmp_path):
    target = tmp_path / "bk"
    r = cli("backup", str(target), "--db", str(original_file))
    assert r.returncode == 0, r.stderr
    assert str(target) in r.stdout, "it says where"
    counts = _counts(original_file)
    assert str(counts["measurements"]) in r.stdout and str(counts["networks"]) in r.stdout, "and the row counts"
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    assert {k: manifest["rows"][k] for k in LOAD_ORDER} == counts


def test_cli_backup_into_a_directory_with_files_is_refused_in_words(original_file, tmp_path):
    target = tmp_path / "full"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    r = cli("backup", str(target), "--db", str(original_file))
    assert r.returncode != 0
    assert "Traceback" not in r.stderr and str(target) in r.stderr
    assert [p.name for p in target.iterdir()] == ["keep.txt"]


def test_cli_restore_refuses_to_overwrite_data_without_replace(original_file, tmp_path):
    target = tmp_path / "bk"
    assert cli("backup", str(target), "--db", str(original_file)).returncode == 0
    other = tmp_path / "other.duckdb"
    with Store(other) as s:
        service.load_files(s, [(f"{n}.csv", make_csv(r)) for n, r in TINY_ROWS.items()], who="tiny")
        before = s.counts()
    r = cli("restore", str(target), "--db", str(other))
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert "--replace" in r.stderr and "Traceback" not in r.stderr
    assert _counts(other) == before, "nothing was restored"


def test_cli_restore_with_replace_brings_the_backup_back(original_file, tmp_path):
    target = tmp_path / "bk"
    assert cli("backup", str(target), "--db", str(original_file)).returncode == 0
    other = tmp_path / "other.duckdb"
    with Store(other) as s:
        service.load_files(s, [(f"{n}.csv", make_csv(r)) for n, r in TINY_ROWS.items()], who="tiny")
    r = cli("restore", str(target), "--db", str(other), "--replace")
    assert r.returncode == 0, r.stderr
    with Store(original_file) as a, Store(other) as b:
        assert_same_data(snapshot(b, tmp_path), snapshot(a, tmp_path))


def test_cli_restore_into_an_empty_store_needs_no_replace(original_file, tmp_path):
    target = tmp_path / "bk"
    assert cli("backup", str(target), "--db", str(original_file)).returncode == 0
    fresh = tmp_path / "fresh.duckdb"
    r = cli("restore", str(target), "--db", str(fresh))
    assert r.returncode == 0, r.stderr
    assert _counts(fresh) == _counts(original_file)


CLI_DAMAGE = ["parquet_deleted", "parquet_truncated", "parquet_bytes_flipped", "manifest_rows_edited",
              "manifest_rows_removed", "another_tables_file", "a_column_dropped", "foreign_keys_broken"]
CLI_FIX = ("netvalue/__main__.py cmd_restore catches ValueError and OSError only: a manifest without 'rows' "
           "(KeyError), another table's file (duckdb TransactionException) end in a traceback, and a file missing "
           "a column is restored (exit 0). Fixed by the Store.restore fix above (everything a ValueError).")


@pytest.mark.parametrize("damage", CLI_DAMAGE)
def test_cli_restore_of_a_damaged_backup_fails_in_words_and_changes_nothing(original_file, tmp_path, damage):
    target = tmp_path / "bk"
    assert cli("backup", str(target), "--db", str(original_file)).returncode == 0
    DAMAGE[damage](target)
    before = _counts(original_file)
    r = cli("restore", str(target), "--db", str(original_file), "--replace")
    assert "Traceback" not in r.stderr, r.stderr
    assert r.returncode == 1 and "refused" in r.stderr, (r.returncode, r.stderr)
    assert _counts(original_file) == before
