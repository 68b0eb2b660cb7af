"""Crash safety: a load killed at any moment (SIGKILL) leaves the store exactly as before or exactly as after it.

A store file holds the sample plus the org units, indicators and networks of a large generated set; a subprocess
(tests/crash_worker.py) loads that set's ~100,000 measurements into a copy of it and is killed at moments spread
over its write phase (measured first, on an uninterrupted run that also gives the "after" state). After each kill
the store must open, every table must equal the before or the after state (row counts and an order-independent
checksum of every row), and the next load must succeed and give the after state.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pandas as pd
import pytest

from netvalue import ingest, sample, service
from netvalue.schema import LOAD_ORDER
from netvalue.store import Store
from tools import largesample

ROOT = Path(__file__).resolve().parent.parent
WORKER = ROOT / "tests" / "crash_worker.py"
NETWORKS = 200  # ~100,000 measurement rows: a write phase of 0.1-0.4 s on a 2-core machine
# Kill moments: parts of the measured write phase, then right after the commit (while the store closes).
MOMENTS: tuple[float | str, ...] = (0.05, 0.25, 0.5, 0.75, 0.95, 1.2, "done")
VOLATILE = {"batches": ["loaded_at"]}  # wall-clock columns that differ between two runs of the same load
WHO = "crash worker"


def checksum(df: pd.DataFrame) -> int:
    """Order-independent: the sum (mod 2**64) of one hash per row."""
    if df.empty:
        return 0
    return int(pd.util.hash_pandas_object(df, index=False).sum())


def state(store: Store, scratch: Path) -> dict[str, object]:
    """Every table of the store as (rows, checksum), plus the data version.

    Record types are read through Store.table; the bookkeeping tables and the archives of replaced rows through
    a backup (the only public way to read them), whose manifest also counts every table.
    """
    out: dict[str, object] = {"counts": store.counts(), "data_version": store.data_version()}
    for name in LOAD_ORDER:
        df = store.table(name)
        out[name] = (len(df), checksum(df))
    where = scratch / f"snap-{uuid.uuid4().hex}"
    manifest = store.backup(where)
    for name, rows in manifest["rows"].items():
        if name in LOAD_ORDER:
            continue
        df = pd.read_parquet(where / f"{name}.parquet").drop(columns=VOLATILE.get(name, []))
        out[name] = (rows, checksum(df))
    shutil.rmtree(where)
    return out


def run_worker(db: Path, csv: Path, kill_after: float | str | None) -> tuple[list[str], float]:
    """Run the worker; with kill_after, SIGKILL it that many seconds after it says "writing", or with "done" as soon
    as it says it committed (while it closes the store, which checkpoints the write-ahead log).

    Returns the lines it printed and how long its write phase took, from "writing" to "done" (or to the kill).
    """
    proc = subprocess.Popen([sys.executable, str(WORKER), str(db), str(csv)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT)
    lines: list[str] = []
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line.strip())
            if line.startswith("writing"):
                break
        assert lines[-1:] == ["writing"], f"worker failed before writing: {lines} {proc.stderr.read()}"
        t0 = time.monotonic()
        if kill_after is None:
            for line in proc.stdout:
                lines.append(line.strip())
                if line.startswith("done"):
                    phase = time.monotonic() - t0  # committed; closing (a checkpoint) follows
            assert proc.wait(60) == 0, proc.stderr.read()
            return lines, phase
        if kill_after == "done":
            for line in proc.stdout:
                lines.append(line.strip())
                if line.startswith("done"):
                    break
        else:
            time.sleep(float(kill_after))
        proc.kill()
        proc.wait(30)
        lines += [x.strip() for x in proc.stdout]
        return lines, time.monotonic() - t0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(30)
        proc.stdout.close()
        proc.stderr.close()


@pytest.fixture(scope="module")
def setting(tmp_path_factory):
    """The base store file, the measurements file, the before and after states and the write phase's length."""
    root = tmp_path_factory.mktemp("crash")
    frames = largesample.generate(NETWORKS)
    paths = {p.stem: p for p in sample.write_csv(frames, root / "csv")}
    base = root / "base.duckdb"
    with Store(base) as store:
        service.ensure_sample(store)
        service.load_files(store, [(paths[n].name, paths[n].read_bytes())
                                   for n in ("org_units", "indicators", "networks")], who="setup")
        before = state(store, root)
    assert before["counts"]["measurements"] > 0, "the sample is in the base store"
    # An uninterrupted run: how long the write phase takes, and the after state.
    after_db = root / "after.duckdb"
    shutil.copy(base, after_db)
    lines, phase = run_worker(after_db, paths["measurements"], None)
    assert lines[-1].startswith("done"), lines
    with Store(after_db) as store:
        after = state(store, root)
    assert after["counts"]["measurements"] >= len(frames["measurements"])
    assert after != before
    return {"root": root, "base": base, "csv": paths["measurements"], "before": before, "after": after,
            "phase": phase}


def next_load(store: Store, csv: Path) -> None:
    """The load the worker does, in this process."""
    plan = ingest.prepare([(csv.name, csv.read_bytes())], store)
    store.load(plan.frames, who=WHO, files=plan.files)


def test_a_load_killed_at_any_moment_leaves_before_or_after(setting):
    root, before, after, phase = setting["root"], setting["before"], setting["after"], setting["phase"]
    outcomes = []
    for i, moment in enumerate(MOMENTS):
        db = root / f"kill{i}.duckdb"
        shutil.copy(setting["base"], db)
        lines, _ = run_worker(db, setting["csv"], moment if moment == "done" else moment * phase)
        finished = any(x.startswith("done") for x in lines)
        with Store(db, busy_timeout=5) as store:  # the killed process's lock is gone: it opens at once
            now = state(store, root)
            assert now in (before, after), f"a kill at {moment} of the write phase left a third state"
            if finished:
                assert now == after, "the worker said it committed, so the load must be there"
            outcomes.append(("before" if now == before else "after", finished))
            # The next load succeeds: after a rolled-back load it gives exactly the after state; after a committed
            # one it replaces every row with itself.
            next_load(store, setting["csv"])
            again = state(store, root)
            if now == before:
                assert again == after
            else:
                for name in LOAD_ORDER:
                    assert again[name] == after[name], name
                assert again["batches"][0] == after["batches"][0] + 1
                assert again["measurements__replaced"][0] > after["measurements__replaced"][0]
        db.unlink()
    # The kills really interrupted loads in flight (not only before or after the whole thing).
    assert ("before", False) in outcomes, outcomes
    assert outcomes[-1] == ("after", True), outcomes  # killed while closing after the commit: the load is there


def test_a_store_killed_mid_load_still_takes_backups_and_undo(setting):
    db = setting["root"] / "undo.duckdb"
    shutil.copy(setting["base"], db)
    run_worker(db, setting["csv"], 0.5 * setting["phase"])
    with Store(db) as store:
        next_load(store, setting["csv"])
        batches = store.batches()  # newest first; one or two loads, depending on where the kill landed
        for batch_id in batches.loc[batches["who"] == WHO, "batch_id"]:
            store.undo(int(batch_id))
        now = state(store, setting["root"])
    before = setting["before"]
    for name in LOAD_ORDER:
        assert now[name] == before[name], name
    assert now["data_version"] > before["data_version"]
