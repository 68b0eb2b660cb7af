"""The benchmark: netvalue at a million measurement rows, each figure beside a bare-DuckDB or small-data reference.

``python -m tools.bench [--networks N] [--out DIR] [--skip-pages]`` generates N networks
(tools.largesample.generate; N=2000 is about a million measurement rows), writes them as CSV files into a
temporary directory and measures, in one run and on the same files:

- load: service.load_files on the measurements file into a store that already holds the other record types
  (reading, validation and writing; a large file takes netvalue.bulk's DuckDB path) against bare DuckDB
  read_csv of the same file (store.reference_read_csv); and, for the record, the upload page's way
  (ingest.prepare with its preview frames, then Store.load);
- scores: service.network_scores against a bare DuckDB group-by (Store.reference_group_by), medians of repeats;
- concurrency: one thread loads the measurements file into a file-backed store as a fresh batch while another
  reads through the same Store; the reads finished during the load and their worst latency;
- pages: every page of app.py's navigation under Streamlit's AppTest (tools/bench_pages.py, in a subprocess
  so this process never imports streamlit), at N networks against the embedded sample: first render, cached
  rerun (medians of the repeats) and the bytes of figure JSON sent to the browser;
- peak memory of this process and of the page subprocess (VmHWM; ru_maxrss kept beside it in the JSON).

It prints the machine and an aligned table (what, netvalue, reference, ratio, goal, met) and writes the whole
result as JSON (default bench-results/bench.json). This module imports neither streamlit nor duckdb.
"""

from __future__ import annotations

import argparse
import gc
import importlib.metadata
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from netvalue import bulk, ingest, sample, service
from netvalue.store import Store, reference_read_csv
from tools import largesample

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
PAGES_TOOL = ROOT / "tools" / "bench_pages.py"
DEFAULT_OUT = Path("bench-results")
DEFAULT_PAGES = ("overview", "networks", "ripples", "connections", "depth_breadth", "upload", "method")
MIB = 1024 * 1024
GIB = 1024 * MIB

# Goals (see the task): ratios against the reference, absolute limits for pages and memory.
LOAD_GOAL = 1.5
CHECK_GOAL = 3.0  # the upload page's check against the command line's load of the same file
SCORES_GOAL = 2.0
PAGE_RATIO_GOAL = 3.0
PAGE_FIRST_LIMIT_S = 20.0
PAGE_RERUN_LIMIT_S = 0.3  # a cached rerun (issue 12)
FIGURE_BYTES_LIMIT = 2 * 1024 * 1024
MEMORY_LIMIT = 1.5 * GIB
WARM_CPU_LIMIT_S = 0.1  # server CPU seconds per warm page view with many sessions at once (tools/wsbench.py)
SESSIONS = 10


@dataclass
class Figure:
    """One line of the table: a measured figure, its reference measured in the same run, and the goal."""

    key: str
    what: str
    unit: str  # "s", "bytes", "count"
    figure: float
    reference: float | None
    goal: str
    met: bool | None
    ratio: float | None = None

    def __post_init__(self) -> None:
        if self.ratio is None and self.reference:
            self.ratio = self.figure / self.reference


# -- the machine -----------------------------------------------------------------------------------------------
def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def machine() -> dict[str, object]:
    """CPU model, cores, memory, load and library versions (read without importing duckdb or streamlit)."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) * 1024
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_bytes": mem,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "duckdb": _version("duckdb"),
        "pandas": _version("pandas"),
        "streamlit": _version("streamlit"),
        "plotly": _version("plotly"),
    }


def load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def ru_maxrss_bytes() -> int:
    """resource.getrusage ru_maxrss (KiB on Linux) in bytes."""
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) * 1024


def peak_rss_bytes() -> int:
    """This process's own peak resident memory: VmHWM from /proc/self/status, else ru_maxrss.

    Linux carries a parent's ru_maxrss across fork and exec (a bench started from a big pytest process would
    report pytest's peak); VmHWM belongs to this program's own address space.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return ru_maxrss_bytes()


# -- helpers ------------------------------------------------------------------------------------------------------
def timed(fn: Callable[[], object]) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def app_pages(app: Path = APP) -> list[str]:
    """The page names of app.py's st.navigation, in order (pages/<name>.py); the default list if unreadable."""
    try:
        found = re.findall(r"st\.Page\(\s*[\"']pages/([A-Za-z0-9_]+)\.py[\"']", app.read_text(encoding="utf-8"))
    except OSError:
        found = []
    return found or list(DEFAULT_PAGES)


def _files(paths: Sequence[Path]) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in paths]


def write_data(networks: int, directory: Path) -> tuple[Path, list[Path], int]:
    """Generate N networks as CSV files; (measurements file, the other files, measurement rows)."""
    frames = largesample.generate(networks)
    rows = len(frames["measurements"])
    paths = sample.write_csv(frames, directory)
    del frames
    gc.collect()
    measurements = next(p for p in paths if p.stem == "measurements")
    return measurements, [p for p in paths if p != measurements], rows


def store_with(others: Sequence[Path], path: str | Path = ":memory:") -> Store:
    """A store holding every record type but the measurements (loaded through netvalue, untimed)."""
    store = Store(path)
    service.load_files(store, _files(others), who="bench")
    return store


# -- load and scores -----------------------------------------------------------------------------------------------
def bench_load(measurements: Path, others: Sequence[Path], repeats: int) -> dict[str, object]:
    """Median seconds to load the measurements file through netvalue vs bare DuckDB read_csv, interleaved.

    Also timed: the upload page's way (its check -- netvalue.bulk.check by DuckDB, or ingest.prepare where
    DuckDB steps aside -- then the save), and the check alone against the command line's load (goal: ≤ 3×).
    """
    ours, ref, page, check = [], [], [], []
    rows = 0
    fast = False
    for _ in range(repeats):
        ref_s, rows = timed(lambda: reference_read_csv(measurements))
        ref.append(ref_s)
        for runs, how in ((ours, "service"), (page, "page")):
            store = store_with(others)
            try:
                files = _files([measurements])
                if how == "service":
                    s, out = timed(lambda store=store, files=files: service.load_files(store, files, who="bench"))
                    fast = bool(out[0].bulk_files)
                else:
                    def page_way(store: Store = store, files: list = files) -> None:
                        t0 = time.perf_counter()
                        checked = bulk.check(store, files)  # as pages/upload.py checks, then saves
                        plan = ingest.prepare(files, store) if checked is None else None
                        check.append(time.perf_counter() - t0)
                        if plan is None:
                            service.load_files(store, files, who="bench")
                        else:
                            store.load(plan.frames, who="bench")

                    s, _ = timed(page_way)
                runs.append(s)
            finally:
                store.close()
            gc.collect()
    return {"netvalue_s": statistics.median(ours), "reference_s": statistics.median(ref), "netvalue_runs": ours,
            "reference_runs": ref, "rows": rows, "fast_path": fast, "page_s": statistics.median(page),
            "page_runs": page, "check_s": statistics.median(check), "check_runs": check}


_BARE_READ_CSV = ("import duckdb, sys; con = duckdb.connect(sys.argv[1]); "
                  "con.execute('CREATE TABLE m AS SELECT * FROM read_csv(?)', [sys.argv[2]]); con.close()")


def _child(cmd: Sequence[str], **kwargs: object) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user and system, all its threads) of a child process run to its end."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, **kwargs)  # type: ignore[call-overload]
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, cmd)
    return wall, usage.ru_utime + usage.ru_stime


def bench_load_process(measurements: Path, others: Sequence[Path], repeats: int, work: Path) -> dict[str, object]:
    """Median wall and CPU seconds of `python -m netvalue load FILE` as a whole process (start-up and imports
    included) into a store holding the other record types, against a bare `python -c` DuckDB read_csv of the same
    file. CPU seconds, which other work on a shared machine moves far less than wall time, are judged too."""
    ours, ref, ours_cpu, ref_cpu = [], [], [], []
    for i in range(repeats):
        bare = work / f"bare-{i}.duckdb"
        s, cpu = _child([sys.executable, "-c", _BARE_READ_CSV, str(bare), str(measurements)], cwd=ROOT)
        ref.append(s)
        ref_cpu.append(cpu)
        db = work / f"process-{i}.duckdb"
        store_with(others, db).close()
        s, cpu = _child([sys.executable, "-m", "netvalue", "load", "--db", str(db), str(measurements)], cwd=ROOT,
                        stdout=subprocess.DEVNULL)
        ours.append(s)
        ours_cpu.append(cpu)
        for path in (bare, db):
            path.unlink(missing_ok=True)
    return {"netvalue_s": statistics.median(ours), "reference_s": statistics.median(ref), "netvalue_runs": ours,
            "reference_runs": ref, "netvalue_cpu_s": statistics.median(ours_cpu),
            "reference_cpu_s": statistics.median(ref_cpu), "netvalue_cpu_runs": ours_cpu, "reference_cpu_runs": ref_cpu}


def bench_scores(store: Store, repeats: int) -> dict[str, object]:
    """Median seconds of service.network_scores vs store.reference_group_by on the same store, interleaved."""
    ours, ref = [], []
    networks = groups = 0
    for _ in range(repeats):
        s, groups_df = timed(store.reference_group_by)
        ref.append(s)
        groups = len(groups_df)
        s, scores = timed(lambda: service.network_scores(store))
        ours.append(s)
        networks = len(scores)
    return {"netvalue_s": statistics.median(ours), "reference_s": statistics.median(ref), "netvalue_runs": ours,
            "reference_runs": ref, "networks_scored": networks, "groups": groups}


# -- concurrency -----------------------------------------------------------------------------------------------------
def _read(store: Store, i: int) -> None:
    if i % 2 == 0:
        store.indicator_stats("all")
    else:
        store.table("networks")


def bench_concurrency(store: Store, measurements: Path, idle_window_s: float = 5.0) -> dict[str, object]:
    """Load the measurements file as a fresh batch in one thread while another thread reads the same Store.

    Reads alternate store.indicator_stats("all") and store.table("networks"). Reported: reads finished while
    the load ran, the worst latency of any read that overlapped the load, the load's own duration, and the
    reads the same reader finishes in an equal span with no load (measured for up to idle_window_s, scaled).
    """
    files = _files([measurements])
    # Idle baseline: the reader alone.
    idle: list[float] = []
    t_end = time.perf_counter() + idle_window_s
    i = 0
    while True:
        s, _ = timed(lambda i=i: _read(store, i))
        idle.append(s)
        i += 1
        if time.perf_counter() >= t_end and len(idle) >= 4:
            break
    idle_window = sum(idle)
    started, done = threading.Event(), threading.Event()
    span: dict[str, float] = {}
    errors: list[str] = []

    def loader() -> None:
        try:
            started.wait()
            span["start"] = time.perf_counter()
            service.load_files(store, files, who="bench (concurrent)")
        except Exception as exc:  # reported, not raised: the reader thread must stop too
            errors.append(f"load: {type(exc).__name__}: {exc}")
        finally:
            span["end"] = time.perf_counter()
            done.set()

    reads: list[tuple[float, float]] = []  # (start, end) of every read that overlapped the load

    def reader() -> None:
        j = 0
        started.set()
        while not done.is_set():
            a = time.perf_counter()
            try:
                _read(store, j)
            except Exception as exc:
                errors.append(f"read: {type(exc).__name__}: {exc}")
                break
            reads.append((a, time.perf_counter()))
            j += 1

    threads = [threading.Thread(target=loader, name="bench-load"), threading.Thread(target=reader, name="bench-read")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    load_s = span["end"] - span["start"]
    overlapping = [(a, b) for a, b in reads if b >= span["start"]]
    finished_during = [(a, b) for a, b in overlapping if b <= span["end"]]
    latencies = [b - a for a, b in overlapping]
    return {
        "load_s": load_s,
        "reads_during_load": len(finished_during),
        "reads_overlapping_load": len(overlapping),
        "max_latency_s": max(latencies) if latencies else None,
        "median_latency_s": statistics.median(latencies) if latencies else None,
        "idle_median_latency_s": statistics.median(idle),
        "idle_reads": len(idle),
        "idle_window_s": idle_window,
        "idle_reads_in_load_time": len(idle) * load_s / idle_window if idle_window > 0 else None,
        "errors": errors,
    }


# -- pages (in a subprocess) -------------------------------------------------------------------------------------------
def sample_store(path: Path) -> Path:
    """A store made the documented way: python -m netvalue init --sample --db PATH."""
    subprocess.run([sys.executable, "-m", "netvalue", "init", "--sample", "--db", str(path)], cwd=ROOT,
                   check=True, capture_output=True, text=True, env=_env(path))
    return path


def _env(db: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["NETVALUE_DB"] = str(db)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    return env


def bench_sessions(db: Path, pages: Sequence[str], sessions: int, rounds: int = 3) -> dict[str, object]:
    """tools/wsbench.py against one store: server CPU per warm page view with `sessions` tabs at once."""
    from tools import wsbench  # starts a streamlit server: imported only when asked for

    shown = [p for p in pages if p in wsbench.DEFAULT_PAGES]  # the upload page is closed to a bench session
    return wsbench.measure(db, sessions, rounds, shown)


def bench_pages(db: Path, pages: Sequence[str], timeout: float, workdir: Path, repeats: int = 1) -> dict[str, object]:
    """Run tools/bench_pages.py against one store; its JSON (per page timings, figure bytes, peak memory)."""
    out = workdir / f"pages-{db.stem}.json"
    cmd = [sys.executable, str(PAGES_TOOL), "--pages", ",".join(pages), "--timeout", str(timeout), "--json", str(out),
           "--repeats", str(repeats)]
    proc = subprocess.run(cmd, cwd=ROOT, env=_env(db), capture_output=True, text=True)
    if proc.returncode != 0 or not out.is_file():
        raise RuntimeError(
            f"{PAGES_TOOL.name} failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


# -- the figures ---------------------------------------------------------------------------------------------------
def figures(result: dict) -> list[Figure]:
    """The table rows from a result dict (as run() builds it)."""
    rows: list[Figure] = []
    ld, sc, cc = result["load"], result["scores"], result["concurrency"]
    ratio = ld["netvalue_s"] / ld["reference_s"]
    how = "DuckDB path" if ld.get("fast_path") else "pandas path"
    rows.append(Figure("load", f"load measurements CSV ({ld['rows']:,} rows, {how}) vs DuckDB read_csv", "s",
                       ld["netvalue_s"], ld["reference_s"], f"≤ {LOAD_GOAL:g}×", ratio <= LOAD_GOAL))
    if "load_process" in result:
        lp = result["load_process"]
        rows.append(Figure("load.process", "python -m netvalue load as a whole process vs python -c read_csv", "s",
                           lp["netvalue_s"], lp["reference_s"], f"≤ {LOAD_GOAL:g}×",
                           lp["netvalue_s"] / lp["reference_s"] <= LOAD_GOAL))
        if lp.get("reference_cpu_s"):
            rows.append(Figure("load.process_cpu", "python -m netvalue load as a whole process, CPU, vs python -c "
                               "read_csv", "s", lp["netvalue_cpu_s"], lp["reference_cpu_s"], f"≤ {LOAD_GOAL:g}×",
                               lp["netvalue_cpu_s"] / lp["reference_cpu_s"] <= LOAD_GOAL))
    if "page_s" in ld:
        rows.append(Figure("load.page", "same file the upload page's way (check with preview, then save)", "s",
                           ld["page_s"], ld["reference_s"], "— (for the record)", None))
    if "check_s" in ld:
        rows.append(Figure("load.check", "the upload page's check of the same file vs the command line's load", "s",
                           ld["check_s"], ld["netvalue_s"], f"≤ {CHECK_GOAL:g}×",
                           ld["check_s"] / ld["netvalue_s"] <= CHECK_GOAL))
    ratio = sc["netvalue_s"] / sc["reference_s"]
    rows.append(Figure("scores", f"network scores ({sc['networks_scored']:,} networks) vs DuckDB group-by", "s",
                       sc["netvalue_s"], sc["reference_s"], f"≤ {SCORES_GOAL:g}×", ratio <= SCORES_GOAL))
    rows.append(Figure("concurrency.reads", "reads finished during a concurrent load vs same span idle", "count",
                       cc["reads_during_load"], cc["idle_reads_in_load_time"], "≥ 2 reads",
                       cc["reads_during_load"] >= 2 and not cc["errors"]))
    max_lat = cc["max_latency_s"] or 0.0
    rows.append(Figure("concurrency.max_latency", "max read latency during load vs the load's duration", "s",
                       max_lat, cc["load_s"], "< 1× (never waits out the load)",
                       max_lat < cc["load_s"] and not cc["errors"]))
    pages = result.get("pages")
    if pages:
        big, small = pages["at_n"], pages["sample"]
        for name in pages["pages"]:
            b, s = big["pages"][name], small["pages"][name]
            ok = not b["errors"]
            first = b["first_render_s"]
            rows.append(Figure(f"page.{name}.first_render", f"page {name}: first render, N vs sample", "s", first,
                               s["first_render_s"], f"≤ {PAGE_RATIO_GOAL:g}× and < {PAGE_FIRST_LIMIT_S:g} s",
                               ok and first / s["first_render_s"] <= PAGE_RATIO_GOAL and first < PAGE_FIRST_LIMIT_S))
            if "first_render_cpu_s" in b and s.get("first_render_cpu_s"):
                # The same ratio in CPU seconds: on a shared machine the wall-time ratio above moves with the load.
                cpu = b["first_render_cpu_s"]
                rows.append(Figure(f"page.{name}.first_render_cpu", f"page {name}: first render CPU, N vs sample",
                                   "s", cpu, s["first_render_cpu_s"], f"≤ {PAGE_RATIO_GOAL:g}×",
                                   ok and cpu / s["first_render_cpu_s"] <= PAGE_RATIO_GOAL))
            rows.append(Figure(f"page.{name}.rerun", f"page {name}: cached rerun, N vs sample", "s", b["rerun_s"],
                               s["rerun_s"], f"< {PAGE_RERUN_LIMIT_S:g} s", ok and b["rerun_s"] < PAGE_RERUN_LIMIT_S))
            ref_bytes = s["figure_bytes"] or None
            rows.append(Figure(f"page.{name}.figure_bytes",
                               f"page {name}: figure JSON bytes ({b['charts']} charts), N vs sample", "bytes",
                               b["figure_bytes"], ref_bytes, "≤ 2 MiB", ok and b["figure_bytes"] <= FIGURE_BYTES_LIMIT))
    ws = result.get("sessions")
    if ws and ws["at_n"]["pages"]:
        big, small = ws["at_n"], ws["sample"]
        rows.append(Figure("sessions.warm_cpu", f"server CPU per warm page view, {big['sessions']} sessions at once, "
                           "N vs sample", "s", big["cpu_per_view_s"], small["cpu_per_view_s"],
                           f"≤ {WARM_CPU_LIMIT_S:g} s", big["cpu_per_view_s"] <= WARM_CPU_LIMIT_S))
        for name, b in big["pages"].items():
            rows.append(Figure(f"sessions.{name}.warm_cpu", f"page {name}: server CPU per warm view, N vs sample",
                               "s", b["cpu_per_view_s"], small["pages"][name]["cpu_per_view_s"],
                               f"≤ {WARM_CPU_LIMIT_S:g} s", b["cpu_per_view_s"] <= WARM_CPU_LIMIT_S))
    mem = result["memory"]
    rows.append(Figure("memory.main", "peak memory, bench process (load, scores, concurrency)", "bytes",
                       mem["main_bytes"], None, "≤ 1.5 GiB", mem["main_bytes"] <= MEMORY_LIMIT))
    if pages:
        rows.append(Figure("memory.pages", "peak memory, page process, N vs sample", "bytes", mem["pages_bytes"],
                           mem["pages_sample_bytes"], "≤ 1.5 GiB", mem["pages_bytes"] <= MEMORY_LIMIT))
    return rows


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "bytes":
        if value >= GIB:
            return f"{value / GIB:.2f} GiB"
        if value >= MIB:
            return f"{value / MIB:.1f} MiB"
        return f"{value / 1024:.1f} KiB" if value >= 1024 else f"{value:.0f} B"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def format_table(rows: Sequence[Figure]) -> str:
    """An aligned text table: what, netvalue, reference, ratio, goal, met."""
    head = ("what", "netvalue", "reference", "ratio", "goal", "met")
    body = [
        (r.what, _fmt(r.figure, r.unit), _fmt(r.reference, r.unit), "—" if r.ratio is None else f"{r.ratio:.2f}×",
         r.goal, "—" if r.met is None else ("yes" if r.met else "NO"))
        for r in rows
    ]
    widths = [max(len(x[i]) for x in [head, *body]) for i in range(len(head))]
    right = {1, 2, 3}

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths,
                                                                                                  strict=True)))
    return "\n".join([line(head), "  ".join("-" * w for w in widths), *(line(b) for b in body)])


def format_machine(m: dict, load: dict) -> str:
    mem = m.get("memory_bytes")
    return (f"machine: {m['cpu']}, {m['cores']} cores, {(mem or 0) / GIB:.1f} GiB memory; Python {m['python']}, "
            f"duckdb {m['duckdb']}, pandas {m['pandas']}, streamlit {m['streamlit']}, plotly {m['plotly']}\n"
            f"load average (1/5/15 min): at start {load.get('start')}, at end {load.get('end')}")


# -- the run ---------------------------------------------------------------------------------------------------------
def run(networks: int = 2000, pages: Sequence[str] | None = None, repeats: int = 3, page_timeout: float = 300,
        log: Callable[[str], None] = lambda s: None, sessions: int = SESSIONS) -> dict:
    """The whole benchmark; a JSON-ready dict with machine, raw measurements and the table rows."""
    t0 = time.perf_counter()
    result: dict = {"networks": networks, "started": datetime.now().isoformat(timespec="seconds"),
                    "machine": machine(), "load_average": {"start": load_average()}, "repeats": repeats}
    with tempfile.TemporaryDirectory(prefix="netvalue-bench-") as tmp:
        work = Path(tmp)
        log(f"generating {networks} networks ...")
        measurements, others, rows = write_data(networks, work / "csv")
        result["data"] = {"measurement_rows": rows, "measurements_bytes": measurements.stat().st_size,
                          "files": {p.name: p.stat().st_size for p in [*others, measurements]}}
        log(f"{rows:,} measurement rows; load x{repeats} ...")
        result["load"] = bench_load(measurements, others, repeats)
        log("load as a whole process ...")
        result["load_process"] = bench_load_process(measurements, others, repeats, work)
        db = work / "bench.duckdb"
        store = store_with(others, db)
        try:
            service.load_files(store, _files([measurements]), who="bench")
            log("scores ...")
            result["scores"] = bench_scores(store, max(repeats, 1) + 2)
            log("concurrent load and reads ...")
            result["concurrency"] = bench_concurrency(store, measurements)
        finally:
            store.close()
        gc.collect()
        result["memory"] = {"main_bytes": peak_rss_bytes(), "main_ru_maxrss_bytes": ru_maxrss_bytes()}
        if pages:
            log("pages on the sample ...")
            small_db = sample_store(work / "sample.duckdb")
            small = bench_pages(small_db, pages, page_timeout, work, repeats)
            log(f"pages at {networks} networks ...")
            big = bench_pages(db, pages, page_timeout, work, repeats)
            result["pages"] = {"pages": list(pages), "at_n": big, "sample": small}
            result["memory"]["pages_bytes"] = big["peak_rss_bytes"]
            result["memory"]["pages_sample_bytes"] = small["peak_rss_bytes"]
            if sessions > 0:
                log(f"{sessions} sessions at once over the websocket, sample and N ...")
                result["sessions"] = {"sample": bench_sessions(small_db, pages, sessions),
                                      "at_n": bench_sessions(db, pages, sessions)}
    result["load_average"]["end"] = load_average()
    result["elapsed_s"] = time.perf_counter() - t0
    result["figures"] = [asdict(f) for f in figures(result)]
    return result


def main(networks: int = 2000, out: Path = DEFAULT_OUT, skip_pages: bool = False, pages: Sequence[str] | None = None,
         repeats: int = 3, sessions: int = SESSIONS) -> int:
    """Run, print the machine and the table, write <out>/bench.json; 0 when it ran (goals missed or not)."""
    chosen = [] if skip_pages else list(pages or app_pages())
    unknown = sorted(set(chosen) - set(app_pages()))
    if unknown:
        print(f"unknown page(s): {', '.join(unknown)}; app.py has {', '.join(app_pages())}", file=sys.stderr)
        return 2

    def log(s: str) -> None:
        print(f"[bench] {s}", file=sys.stderr, flush=True)

    result = run(networks, chosen, repeats, log=log, sessions=sessions)
    rows = [Figure(**f) for f in result["figures"]]
    print(format_machine(result["machine"], result["load_average"]))
    print(f"data: {networks} networks, {result['data']['measurement_rows']:,} measurement rows "
          f"({result['data']['measurements_bytes'] / MIB:.1f} MiB CSV); {repeats} repeat(s); "
          f"bench took {result['elapsed_s']:.0f} s")
    print(format_table(rows))
    missed = [r.key for r in rows if r.met is False]
    print(f"goals met: {sum(r.met is True for r in rows)} of {len(rows)}"
          + (f"; missed: {', '.join(missed)}" if missed else ""))
    for page_case in ("at_n", "sample"):
        for name, p in (result.get("pages") or {}).get(page_case, {}).get("pages", {}).items():
            for e in p["errors"]:
                print(f"page {name} ({page_case}) raised: {e}", file=sys.stderr)
    for e in result["concurrency"]["errors"]:
        print(f"concurrency: {e}", file=sys.stderr)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / "bench.json"
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"wrote {path}")
    return 0


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--networks", type=int, default=2000, help="networks to generate (2000 ≈ a million measurements)")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="directory for bench.json (default bench-results)")
    p.add_argument("--skip-pages", action="store_true", help="leave out the AppTest page figures")
    p.add_argument("--pages", default=None, help="comma-separated pages to time (default: all of app.py's)")
    p.add_argument("--repeats", type=int, default=3,
                   help="repeats for load, pages (median; default 3) and scores (repeats + 2)")
    p.add_argument("--sessions", type=int, default=SESSIONS,
                   help=f"tabs at once for the server-CPU figure (tools/wsbench.py; default {SESSIONS}, 0 skips)")


def cli(argv: Sequence[str] | None = None) -> int:
    """python -m tools.bench [--networks N] [--out DIR] [--skip-pages] [--pages a,b] [--repeats R] [--sessions S]"""
    p = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.split("\n")[0])
    add_arguments(p)
    args = p.parse_args(argv)
    if args.networks < 1 or args.repeats < 1 or args.sessions < 0:
        print("--networks and --repeats must be at least 1, --sessions at least 0", file=sys.stderr)
        return 2
    pages = [x.strip() for x in args.pages.split(",") if x.strip()] if args.pages else None
    return main(args.networks, args.out, args.skip_pages, pages, args.repeats, args.sessions)


if __name__ == "__main__":
    raise SystemExit(cli())
