"""Time every page of app.py under Streamlit's AppTest against the store in $NETVALUE_DB (run by tools/bench.py).

For each page, a fresh AppTest (tools.harness.run_app, which works around AppTest's pages/ quirk) with
st.cache_data and st.cache_resource cleared: the first render is run_app(page) — app.py with the sidebar and the
default page, then the switch to the page — timed in its two steps; the cached rerun is a second at.run() on the
page. Also the bytes of figure JSON the page sends (the PlotlyChart protos' `spec`), exceptions, and this process's peak
memory (VmHWM; see peak_memory_bytes). One warm-up run first, so imports and opening the store are not charged
to the first page. With --repeats R each page is measured R times (a fresh AppTest each time): the figures
are the medians, every run is kept in the JSON.

    NETVALUE_DB=store.duckdb python tools/bench_pages.py --pages overview,networks --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

import st_internals  # noqa: E402
from tools.bench import peak_rss_bytes  # noqa: E402
from tools.harness import run_app  # noqa: E402


def chart_bytes(at) -> list[int]:  # type: ignore[no-untyped-def]
    """The bytes of figure JSON (PlotlyChart.spec) of each plotly chart in the page's element tree."""
    return [len(spec.encode("utf-8")) for spec in st_internals.chart_specs(at)]


def peak_memory_bytes() -> int:
    """This process's own peak resident memory (see tools.bench.peak_rss_bytes)."""
    return peak_rss_bytes()


def measure(page: str, timeout: float) -> dict[str, object]:
    st.cache_data.clear()
    st.cache_resource.clear()  # views are cached as resources: a first render must build them again
    c0, t0 = time.process_time(), time.perf_counter()
    at = run_app(None, timeout=timeout)  # app.py, sidebar and the default page: the first step of run_app(page)
    t1 = time.perf_counter()
    at.switch_page(f"pages/{page}.py")
    at.run()
    t2, c2 = time.perf_counter(), time.process_time()
    errors = [str(e.value) for e in at.exception]
    sizes = chart_bytes(at)
    t3 = time.perf_counter()
    at.run()
    t4 = time.perf_counter()
    errors += [str(e.value) for e in at.exception if str(e.value) not in errors]
    return {
        "first_render_s": t2 - t0,
        # CPU seconds of this process (every thread, DuckDB's included): on a shared machine the wall time also
        # holds other processes' turns, the CPU time only the page's own work.
        "first_render_cpu_s": c2 - c0,
        "app_run_s": t1 - t0,
        "page_run_s": t2 - t1,
        "rerun_s": t4 - t3,
        "charts": len(sizes),
        "figure_bytes": sum(sizes),
        "chart_bytes": sizes,
        "elements": len(list(at.main)),
        "errors": errors,
    }


def measure_median(page: str, timeout: float, repeats: int) -> dict[str, object]:
    """measure() repeated with a fresh AppTest each time; the run with the median first render, all runs kept."""
    runs = [measure(page, timeout) for _ in range(max(1, repeats))]
    ordered = sorted(runs, key=lambda r: r["first_render_s"])  # type: ignore[arg-type, return-value]
    out = dict(ordered[(len(ordered) - 1) // 2])
    out["rerun_s"] = statistics.median(r["rerun_s"] for r in runs)  # type: ignore[misc]
    out["first_render_runs"] = [r["first_render_s"] for r in runs]
    out["first_render_cpu_s"] = statistics.median(r["first_render_cpu_s"] for r in runs)  # type: ignore[misc]
    out["rerun_runs"] = [r["rerun_s"] for r in runs]
    out["errors"] = list(dict.fromkeys(e for r in runs for e in r["errors"]))  # type: ignore[attr-defined]
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--pages", required=True, help="comma-separated page names (pages/<name>.py)")
    p.add_argument("--timeout", type=float, default=300.0, help="AppTest timeout per run, seconds")
    p.add_argument("--json", type=Path, required=True, help="where to write the result")
    p.add_argument("--repeats", type=int, default=1, help="measure each page this many times (median)")
    args = p.parse_args(argv)
    if not os.environ.get("NETVALUE_DB"):
        p.error("set NETVALUE_DB to the store to benchmark")
    os.chdir(ROOT)
    t0 = time.perf_counter()
    warm = run_app(None, timeout=args.timeout)
    warmup_s = time.perf_counter() - t0
    result: dict[str, object] = {
        "db": os.environ["NETVALUE_DB"],
        "warmup_s": warmup_s,
        "warmup_errors": [str(e.value) for e in warm.exception],
        "pages": {},
    }
    for page in [x.strip() for x in args.pages.split(",") if x.strip()]:
        result["pages"][page] = measure_median(page, args.timeout, args.repeats)  # type: ignore[index]
    result["peak_rss_bytes"] = peak_memory_bytes()
    result["ru_maxrss_bytes"] = int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) * 1024
    args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
