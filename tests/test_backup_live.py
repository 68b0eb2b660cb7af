"""Backups while the dashboard runs (netvalue.backups), restore refusing a crafted backup with ingest's rules, and
the command line refusing a --db that is no store. Hostile input goes through the real entry points: the command
line (`python -m netvalue restore/backup/scores`) and Store/backups as the running app calls them."""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from netvalue import backups, service
from netvalue.store import Store
from tests.support import TINY_ROWS, make_csv

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "netvalue", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def tiny_files() -> list[tuple[str, bytes]]:
    return [(f"{name}.csv", make_csv(rows)) for name, rows in TINY_ROWS.items()]


def state(store: Store) -> tuple[dict[str, int], list[int], int]:
    return store.counts(), sorted(store.batches()["batch_id"].tolist()), store.data_version()


# -- the schedule, names, retention ----------------------------------------------------------------------------
def test_take_names_the_backup_by_its_time_and_keeps_only_the_newest(tmp_path, loaded):
    where = tmp_path / "backups"
    where.mkdir()
    (where / "notes.txt").write_text("the operator's own file")
    (where / ".netvalue-20250101T000000Z.x.partial").mkdir()  # a crash's leftover: not ours to delete
    schedule = backups.Schedule(where, every_hours=24, keep=2)
    start = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)
    names = [backups.take(loaded, schedule, start + timedelta(days=d))[0].name for d in range(3)]
    assert names == ["netvalue-20260301T020000Z", "netvalue-20260302T020000Z", "netvalue-20260303T020000Z"]
    assert sorted(p.name for p in where.iterdir()) == [".netvalue-20250101T000000Z.x.partial",
                                                       "netvalue-20260302T020000Z", "netvalue-20260303T020000Z",
                                                       "notes.txt"]
    again = backups.take(loaded, schedule, start + timedelta(days=2))[0]
    assert again.name == "netvalue-20260303T020000Z-2", "the same second twice gets its own name"


def test_the_next_backup_is_due_every_hours_after_the_newest(tmp_path, loaded):
    schedule = backups.Schedule(tmp_path / "b", every_hours=6, keep=3)
    now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    assert backups.seconds_until_due(schedule, now) == 0, "no backup yet: due now"
    backups.take(loaded, schedule, now)
    assert backups.seconds_until_due(schedule, now + timedelta(hours=1)) == 5 * 3600
    assert backups.seconds_until_due(schedule, now + timedelta(hours=7)) == 0


def test_schedule_from_the_settings():
    assert backups.schedule_from({}) is None
    assert backups.schedule_from({"netvalue": {"backup_dir": "/srv/b"}}) == backups.Schedule(Path("/srv/b"), 24.0, 7)
    assert backups.schedule_from({"netvalue": {"backup_dir": "b", "backup_every_hours": 2, "backup_keep": 3}}) == (
        backups.Schedule(Path("b"), 2.0, 3))


def test_the_scheduler_starts_once_per_process_and_writes_a_restorable_backup(tmp_path, loaded):
    schedule = backups.Schedule(tmp_path / "b", every_hours=24, keep=2)
    try:
        assert backups.start(lambda: loaded, schedule) is True
        assert backups.start(lambda: loaded, schedule) is False, "a second start does nothing"
        assert backups.start(lambda: loaded, backups.Schedule(tmp_path / "c")) is False
        first = backups.running()
        for _ in range(600):  # the first backup is due at once; wait for the thread to finish it
            if backups.existing(schedule.directory):
                break
            first.stopped.wait(0.1)
    finally:
        backups.stop()
    done = backups.existing(schedule.directory)
    assert len(done) == 1 and not (tmp_path / "c").exists()
    with Store(":memory:") as copy:
        service.restore(copy, done[0])
        assert copy.counts() == loaded.counts()


def _measurements(n: int) -> bytes:
    """n measurements with distinct keys (two networks × four indicators × months of 1900–2100), long notes."""
    keys = [(net, ind) for net in ("N1", "N2") for ind in ("sat", "sick", "saved", "cost")]
    rows = [["network_id", "indicator_id", "period", "value", "evidence", "note"]]
    rows += [[*keys[i % 8], f"{1900 + (i // 8) // 12}-{(i // 8) % 12 + 1:02d}", str(i % 5 + 1), "measured",
              "en lang bemærkning, der gør filen stor nok til DuckDB-vejen"] for i in range(n)]
    return make_csv(rows)


@pytest.mark.parametrize("n", [2_400, 19_000], ids=["checked by ingest", "read by DuckDB (bulk)"])
def test_a_backup_taken_during_a_load_is_exactly_before_or_exactly_after_it(tmp_path, n):
    path = tmp_path / "live.duckdb"
    with Store(path) as store:
        service.load_files(store, tiny_files(), who="test")
        before = state(store)
        big = [("measurements.csv", _measurements(n))]
        loading = threading.Event()
        finished = threading.Event()

        def load() -> None:
            loading.set()
            try:
                service.load_files(store, big, who="big")
            finally:
                finished.set()

        taken = []
        worker = threading.Thread(target=load)
        worker.start()
        loading.wait()
        while not finished.is_set() or len(taken) < 2:
            taken.append(store.backup(tmp_path / f"b{len(taken)}")["rows"])
        worker.join()
        after = state(store)
    assert after[1] == [*before[1], before[1][-1] + 1] and after[0]["measurements"] >= n, "the load went in"
    seen = set()
    for i in range(len(taken)):
        with Store(":memory:") as copy:
            service.restore(copy, tmp_path / f"b{i}")
            got = state(copy)
        # A restore moves the data version on by one; the rows and batches must be one of the two states exactly.
        assert got[:2] in (before[:2], after[:2]), f"backup {i} is neither before nor after the load"
        seen.add(got[:2] == after[:2])
    assert True in seen, "the last backup saw the finished load"


def test_backup_keeps_an_existing_partial_directory_and_still_succeeds(tmp_path, loaded):
    leftover = tmp_path / ".bk.partial"
    leftover.mkdir()
    (leftover / "precious.txt").write_text("not ours")
    loaded.backup(tmp_path / "bk")
    assert (leftover / "precious.txt").read_text() == "not ours"
    assert (tmp_path / "bk" / "manifest.json").is_file()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == [".bk.partial"], "no temp left"


# -- restore: a crafted backup meets the rules every upload meets --------------------------------------------------
def _edit(backup: Path, table: str, change) -> None:
    arrow = pq.read_table(backup / f"{table}.parquet")
    frame = arrow.to_pandas()
    change(frame)
    pq.write_table(pa.Table.from_pandas(frame, schema=arrow.schema, preserve_index=False), backup / f"{table}.parquet")


def _set(table: str, row: int, column: str, value: object):
    def change(frame: pd.DataFrame) -> None:
        frame.loc[row, column] = value
    return table, change


CRAFTED = {
    "cpr in a purpose": (_set("networks", 0, "purpose", "Borger 010190-1234 deltog"), "CPR"),
    "cpr in a story title": (_set("stories", 0, "title", "Fra 0101901234"), "CPR"),
    "cpr in a replaced row": (_set("networks__replaced", 0, "purpose", "Ring 010190-1234"), "CPR"),
    "cpr in a file name": (_set("batches", 0, "files", "010190-1234.csv"), "CPR"),
    "unknown type": (_set("networks", 0, "type", "sinister"), "column type"),
    "unknown evidence": (_set("measurements", 0, "evidence", "hearsay"), "column evidence"),
    "NaN value": (_set("measurements", 0, "value", float("nan")), "column value"),
    "infinite value": (_set("measurements", 0, "value", float("inf")), "column value"),
    "infinite worst": (_set("indicators", 0, "worst", float("-inf")), "column worst"),
    "negative people": (_set("participation", 0, "people", -4), "column people"),
    "cycle in the org tree": (_set("org_units", 0, "parent_id", "U1"), "column parent_id"),
    "broken reference": (_set("measurements", 0, "network_id", "N404"), "column network_id"),
    "a newer schema in meta": (("meta", lambda f: f.__setitem__("value", f["value"].where(
        f["key"] != "schema_version", "999"))), "meta.parquet"),
}


@pytest.fixture
def live(tmp_path):
    """A store with the tiny set and a correction (so the archive of replaced rows holds rows), and its backup."""
    path = tmp_path / "live.duckdb"
    with Store(path) as store:
        service.load_files(store, tiny_files(), who="test")
        nets = [list(r) for r in TINY_ROWS["networks"]]
        nets[1][1] += " (rettet)"
        service.load_files(store, [("networks.csv", make_csv(nets))], who="rettelse")
        store.backup(tmp_path / "backup")
    return path, tmp_path / "backup"


@pytest.mark.parametrize("case", list(CRAFTED))
def test_restore_refuses_a_crafted_backup_before_anything_is_written(live, case):
    path, backup = live
    (table, change), where = CRAFTED[case]
    _edit(backup, table, change)
    with Store(path) as store:
        before = state(store)
    r = cli("restore", str(backup), "--replace", "--db", str(path))
    assert r.returncode == 1, r.stdout + r.stderr
    assert r.stderr.startswith("refused: ") and "the store is as it was" in r.stderr
    assert where in r.stderr, r.stderr
    assert "Traceback" not in r.stderr and "010190" not in r.stderr, "never a traceback, never the number"
    with Store(path) as store:
        assert state(store) == before


def test_an_honest_backup_with_replaced_rows_still_restores(live, tmp_path):
    path, backup = live
    target = tmp_path / "target.duckdb"
    r = cli("restore", str(backup), "--db", str(target))
    assert r.returncode == 0, r.stderr
    with Store(path) as a, Store(target) as b:
        assert a.counts() == b.counts() and len(a.batches()) == len(b.batches())


# -- --db that is no store --------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["directory", "empty file", "/dev/null", "not duckdb"])
def test_a_db_that_is_no_store_is_refused_in_one_sentence(tmp_path, kind):
    where = {"directory": tmp_path, "empty file": tmp_path / "empty.duckdb", "/dev/null": Path("/dev/null"),
             "not duckdb": tmp_path / "notes.duckdb"}[kind]
    if kind == "empty file":
        where.write_bytes(b"")
    if kind == "not duckdb":
        where.write_text("hello, this is a text file\n")
    for command in (["scores"], ["init"], ["backup", str(tmp_path / "bk")], ["restore", str(tmp_path / "bk")]):
        r = cli(*command, "--db", str(where))
        assert r.returncode == 2, (command, r.stderr)
        assert r.stderr.startswith(f"refused: --db {where} ") and r.stderr.count("\n") == 1, r.stderr
        assert "Traceback" not in r.stderr
    assert not (tmp_path / "bk").exists()


def test_cli_backup_leaves_an_existing_partial_directory_alone(live, tmp_path):
    path, _ = live
    leftover = tmp_path / ".nightly.partial"
    leftover.mkdir()
    (leftover / "precious.txt").write_text("not ours")
    r = cli("backup", str(tmp_path / "nightly"), "--db", str(path))
    assert r.returncode == 0, r.stderr
    assert (leftover / "precious.txt").read_text() == "not ours"
    assert (tmp_path / "nightly" / "manifest.json").is_file()
