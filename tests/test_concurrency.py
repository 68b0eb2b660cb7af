"""Concurrent users: threads loading, undoing and reading through one Store lose no rows and never see half a batch;
a second process (the command line) that finds the store held gets a clear "busy" message after a bounded wait (the
Store's busy_timeout, 10 s; the command line has no setting for it), and a dashboard started while the command line
holds the store says the store is busy, logs it, and works for the next visitor once the store is free."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from netvalue import service
from netvalue.schema import LOAD_ORDER
from netvalue.store import Store, StoreIntegrityError
from tests.apptest_support import run_app
from tests.support import make_csv, typed

ROOT = Path(__file__).resolve().parent.parent
WRITERS = 4
BATCHES = 6  # per writer
MONTHS = 3  # per batch
NETS, INDICATORS = ("N1", "N2"), ("sat", "sick", "saved", "cost")  # from the tiny set (tests/support.py)
ROWS_PER_BATCH = len(NETS) * len(INDICATORS) * MONTHS  # 24
BUSY_TIMEOUT = 10.0  # Store's default; the command line has no setting for it
MARGIN = 10.0


def month(i: int) -> str:
    return f"{2000 + i // 12:04d}-{i % 12 + 1:02d}"


def batch_csv(writer: int, b: int) -> bytes:
    """A measurements file whose keys no other batch uses: its own months."""
    first = (writer * BATCHES + b) * MONTHS
    rows = [["network_id", "indicator_id", "period", "value", "evidence", "note"]]
    rows += [[n, ind, month(first + k), str(writer * 100 + b + k), "measured", f"w{writer} b{b}"]
             for n in NETS for ind in INDICATORS for k in range(MONTHS)]
    return make_csv(rows)


def undone(b: int) -> bool:
    return b % 3 == 2  # every writer undoes its batches 2 and 5 again


@pytest.fixture
def shared(tmp_path, tiny_files):
    with Store(tmp_path / "shared.duckdb") as store:
        service.load_files(store, tiny_files, who="tiny")
        yield store


def test_threads_loading_undoing_and_reading_lose_nothing_and_never_see_half_a_batch(shared):
    base = shared.counts()["measurements"]
    base_batches = len(shared.batches())
    done = threading.Event()
    errors: list[BaseException] = []
    seen: list[list[int]] = []
    refused: list[str] = []

    def writer(w: int) -> None:
        try:
            for b in range(BATCHES):
                _, result = service.load_files(shared, [(f"w{w}b{b}.csv", batch_csv(w, b))], who=f"writer {w}")
                assert result.added == {"measurements": ROWS_PER_BATCH}
                if undone(b):
                    shared.undo(result.batch_id)
                if b == 1:  # a load that breaks a foreign key half-way in: rolled back as a whole
                    bad = typed("measurements", [["N1", "sat", f"{1990 + w}-01-01", 1.0, "measured", ""],
                                                 ["NX", "sat", f"{1990 + w}-02-01", 1.0, "measured", ""]])
                    try:
                        shared.load({"measurements": bad}, who=f"writer {w}")
                    except StoreIntegrityError as exc:
                        refused.append(exc.code)
        except BaseException as exc:  # handed to the main thread
            errors.append(exc)

    def reader() -> None:
        mine: list[int] = []
        seen.append(mine)
        try:
            while not done.is_set():
                n = shared.counts()["measurements"]
                assert (n - base) % ROWS_PER_BATCH == 0, f"{n - base} rows: not a sum of whole batches"
                stats = shared.indicator_stats("all")
                total = int(stats["n"].sum())
                assert (total - base) % ROWS_PER_BATCH == 0, f"indicator_stats saw {total - base} rows"
                mine.append(n)
        except BaseException as exc:  # handed to the main thread
            errors.append(exc)

    readers = [threading.Thread(target=reader) for _ in range(2)]
    writers = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
    for t in readers + writers:
        t.start()
    for t in writers:
        t.join(120)
    done.set()
    for t in readers:
        t.join(30)
    assert not errors, errors
    assert all(not t.is_alive() for t in readers + writers)

    kept = WRITERS * sum(not undone(b) for b in range(BATCHES))
    assert shared.counts()["measurements"] == base + kept * ROWS_PER_BATCH
    assert refused == ["foreign_keys"] * WRITERS
    batches = shared.batches()
    assert len(batches) == base_batches + WRITERS * BATCHES, "refused loads leave no batch"
    assert sorted(batches["batch_id"]) == list(range(1, len(batches) + 1)), "batch ids unique and gapless"
    assert (batches["undone_at"].notna()).sum() == WRITERS * sum(undone(b) for b in range(BATCHES))
    # Exactly the kept batches' rows, each with its own values.
    m = shared.table("measurements")
    notes = m["note"].value_counts()
    for w in range(WRITERS):
        for b in range(BATCHES):
            assert notes.get(f"w{w} b{b}", 0) == (0 if undone(b) else ROWS_PER_BATCH), (w, b)
    assert not (m["period"] < pd.Timestamp("2000-01-01")).any(), "nothing of the refused loads"
    # The readers really read while the writers wrote.
    assert all(len(s) >= 3 for s in seen), [len(s) for s in seen]
    assert any(len(set(s)) >= 2 for s in seen), "the readers saw the store change under them"


def test_one_store_serves_reads_from_many_threads_at_once(shared):
    expected = {n: shared.table(n) for n in LOAD_ORDER}
    errors: list[BaseException] = []

    def read() -> None:
        try:
            for _ in range(20):
                for n in LOAD_ORDER:
                    pd.testing.assert_frame_equal(shared.table(n), expected[n])
        except BaseException as exc:  # handed to the main thread
            errors.append(exc)

    threads = [threading.Thread(target=read) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors


def cli(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "netvalue", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_the_command_line_says_busy_after_a_bounded_wait_while_the_store_is_held(tmp_path, tiny_files):
    db = tmp_path / "held.duckdb"
    extra = tmp_path / "measurements.csv"
    extra.write_bytes(batch_csv(9, 0))
    with Store(db) as store:
        service.load_files(store, tiny_files, who="tiny")
        before = store.counts()
        t0 = time.monotonic()
        procs = {"scores": cli("scores", "--db", str(db)), "load": cli("load", "--db", str(db), str(extra))}
        results = {k: (*p.communicate(timeout=BUSY_TIMEOUT + MARGIN + 10), p.returncode) for k, p in procs.items()}
        elapsed = time.monotonic() - t0
        assert store.counts() == before, "the refused load wrote nothing"
    for name, (out, err, code) in results.items():
        assert code != 0, name
        assert "busy" in err.lower(), (name, err)
        assert "Traceback" not in err, (name, err)
        assert str(db) in err, "the message names the store"
        assert out == "", name
    assert BUSY_TIMEOUT - 0.5 <= elapsed < BUSY_TIMEOUT + MARGIN, f"{elapsed:.1f} s: waited, and not forever"


def test_the_command_line_waits_and_proceeds_when_the_store_is_let_go(tmp_path, tiny_files):
    db = tmp_path / "released.duckdb"
    store = Store(db)
    service.load_files(store, tiny_files, who="tiny")
    t0 = time.monotonic()
    proc = cli("scores", "--db", str(db), "--format", "csv")
    time.sleep(3)
    store.close()
    out, err, code = (*proc.communicate(timeout=BUSY_TIMEOUT + MARGIN), proc.returncode)
    assert code == 0, err
    assert time.monotonic() - t0 < BUSY_TIMEOUT + MARGIN
    lines = out.splitlines()
    assert lines[0].startswith("network_id,name,type,citizen,economy,staff,overall,balance")
    assert sorted(x.split(",")[0] for x in lines[1:]) == ["N1", "N2"]


def test_the_dashboard_started_while_the_command_line_holds_the_store_says_so_and_recovers(
        tmp_path, tiny_files, monkeypatch, caplog):
    db = tmp_path / "dashboard.duckdb"
    with Store(db) as store:
        service.load_files(store, tiny_files, who="tiny")
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from netvalue.store import Store; s = Store(sys.argv[1]); "
         "print('held', flush=True); time.sleep(120)", str(db)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        monkeypatch.setenv("NETVALUE_DB", str(db))
        monkeypatch.delenv("NETVALUE_RAISE")  # the production path: app.py turns failures into a message
        t0 = time.monotonic()
        at = run_app(timeout=BUSY_TIMEOUT + MARGIN + 30)
        assert time.monotonic() - t0 < BUSY_TIMEOUT + MARGIN
        assert not at.exception
        assert at.warning and "optaget" in at.warning[0].value, "a busy store is said to be busy, not broken"
        assert "Traceback" not in at.warning[0].value and str(db) not in at.warning[0].value, "details stay in the log"
        assert any("busy" in r.getMessage() + str(r.exc_info and r.exc_info[1]) for r in caplog.records), \
            "the log says why"
    finally:
        holder.kill()
        holder.wait(30)
        holder.stdout.close()
    at = run_app()  # the failure was not cached: the next visitor gets the dashboard
    assert not at.exception and not at.error
    assert at.title
