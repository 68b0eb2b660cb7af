"""How long the council report takes: `python -m netvalue report` on the embedded sample and on a large set
(2,000 networks by default), end to end as a user runs it, with the in-process split into figures (the views),
HTML and printing (chromium). Goals (issue 16): < 10 s for the sample, < 30 s at 2,000 networks.

    python -m tools.bench_report [--networks 2000] [--repeats 1]

Development tooling: it prints figures and asserts nothing (tests are never timed).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from netvalue import report, sample, service
from netvalue.store import Store
from tools import largesample

ROOT = Path(__file__).resolve().parent.parent
GOALS = {"sample": 10.0, "large": 30.0}


def make_store(path: Path, networks: int | None, workdir: Path) -> Path:
    """A store file holding the sample (networks None) or a generated set of N networks (loading untimed)."""
    with Store(path) as store:
        if networks is None:
            service.ensure_sample(store)
        else:
            files = sample.write_csv(largesample.generate(networks), workdir / "csv")
            service.load_files(store, [(p.name, p.read_bytes()) for p in files], who="bench")
    return path


def cli_seconds(db: Path, out: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of `python -m netvalue report`, interpreter start, imports and chromium
    included. On a shared machine the wall time grows with the load; the CPU time does not."""
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "netvalue", "report", "--db", str(db), "--out", str(out)], cwd=ROOT,
                       capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    seconds = time.perf_counter() - began
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        raise RuntimeError(r.stderr.strip())
    return seconds, (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)


def split_seconds(db: Path) -> dict[str, float]:
    """In one process: the views and layout (build), the HTML, and chromium's printing."""
    with Store(db) as store:
        meta = report.meta_from_store(store)
        t0 = time.perf_counter()
        doc = report.build(report.source_for(store), report.window_filters(meta), meta)
        t1 = time.perf_counter()
    html = report.render_html(doc)
    t2 = time.perf_counter()
    from netvalue.report.document import footer_html
    from netvalue.report.pdf import html_to_pdf

    pdf = html_to_pdf(html, footer_html(doc))
    t3 = time.perf_counter()
    return {"build": t1 - t0, "html": t2 - t1, "print": t3 - t2, "pages_kb": len(pdf) / 1024}


def run(networks: int, repeats: int) -> list[tuple[str, float, dict[str, float]]]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench_report_") as tmp:
        work = Path(tmp)
        for name, n in (("sample", None), ("large", networks)):
            db = make_store(work / f"{name}.duckdb", n, work)
            runs = [cli_seconds(db, work / f"{name}.pdf") for _ in range(repeats)]
            split = split_seconds(db)
            split["cpu"] = statistics.median(c for _, c in runs)
            rows.append((name, statistics.median(w for w, _ in runs), split))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench_report", description=__doc__.splitlines()[0])
    parser.add_argument("--networks", type=int, default=2000, help="networks in the large set (default 2000)")
    parser.add_argument("--repeats", type=int, default=1, help="runs of the command line per set (median)")
    args = parser.parse_args(argv)
    if args.networks < 1 or args.repeats < 1:
        parser.error("--networks and --repeats must be at least 1")
    if report.chromium_path() is None:
        print("chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 1
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'set':<22} {'command line':>13} {'CPU':>7} {'goal':>6} {'views+layout':>13} {'html':>6} {'print':>6} "
          f"{'PDF':>8}")
    for name, wall, split in run(args.networks, args.repeats):
        label = "sample" if name == "sample" else f"{args.networks} networks"
        goal = GOALS[name]
        verdict = "ok" if wall < goal else "SLOW"
        print(f"{label:<22} {wall:>11.1f} s {split['cpu']:>5.1f} s {goal:>4.0f} s {split['build']:>11.2f} s "
              f"{split['html']:>4.2f} s {split['print']:>4.1f} s {split['pages_kb']:>5.0f} kB  {verdict}")
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
