"""Benchmark of the connections figures: the command, the page's view and its figure JSON, at N networks against
the embedded sample.

    python -m tools.bench_connections [--networks 2000] [--repeats 3] [--skip-page] [--json FILE]

For each store (the sample made by ``python -m netvalue init --sample``, and a large one from
tools.largesample with every record type loaded through netvalue), it measures:

- command: wall seconds of ``python -m netvalue connections --db STORE`` in a subprocess (start-up included),
  median of the repeats; goal < 5 s;
- view: seconds of netvalue.views.connections.connections_view(StoreSource(store), Filters()) in this process
  (a fresh call each time, nothing cached), median; and the bytes of the figure JSON it builds; goal ≤ 2 MB;
- page: the page's first render under Streamlit's AppTest (tools/bench_pages.py in a subprocess, as the main
  benchmark does), unless --skip-page; goal within 3× the sample's.

The lead's bench can call run(networks) and print(format_table(result)).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from netvalue.filters import Filters  # noqa: E402
from netvalue.store import Store  # noqa: E402
from netvalue.views import StoreSource  # noqa: E402
from netvalue.views.connections import connections_view  # noqa: E402
from tools import bench  # noqa: E402

COMMAND_LIMIT_S = 5.0
FIGURE_BYTES_LIMIT = bench.FIGURE_BYTES_LIMIT
PAGE_RATIO_GOAL = bench.PAGE_RATIO_GOAL


def large_store(networks: int, path: Path, workdir: Path) -> Path:
    """A store file with a large synthetic set (every record type) loaded through netvalue."""
    measurements, others, _ = bench.write_data(networks, workdir)
    store = bench.store_with([*others, measurements], path)
    store.close()
    return path


def time_command(db: Path, repeats: int) -> dict[str, object]:
    runs, rows = [], 0
    for _ in range(repeats):
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "netvalue", "connections", "--db", str(db)], cwd=ROOT,
                              capture_output=True, text=True, check=True)
        runs.append(time.perf_counter() - t0)
        rows = len(proc.stdout.splitlines()) - 1
    return {"seconds": statistics.median(runs), "runs": runs, "years": rows}


def time_view(db: Path, repeats: int) -> dict[str, object]:
    runs, sizes, level, nodes = [], {}, "", 0
    with Store(db) as store:
        for _ in range(repeats):
            t0 = time.perf_counter()
            view = connections_view(StoreSource(store), Filters())
            runs.append(time.perf_counter() - t0)
        sizes = {k: len(f.to_json().encode("utf-8")) for k, f in view.figures.items()}
        level, nodes = view.level, len(view.nodes)
    return {"seconds": statistics.median(runs), "runs": runs, "figure_bytes": sum(sizes.values()),
            "figure_bytes_each": sizes, "graph_level": level, "nodes": nodes}


def time_page(db: Path, workdir: Path) -> dict[str, object]:
    out = bench.bench_pages(db, ["connections"], timeout=600, workdir=workdir)
    page = out["pages"]["connections"] if "pages" in out else out["connections"]
    return {"first_render_s": page.get("first_render_s"), "app_run_s": page.get("app_run_s"),
            "page_run_s": page.get("page_run_s"), "rerun_s": page.get("rerun_s"),
            "figure_bytes": page.get("figure_bytes"), "errors": page.get("errors")}


def run(networks: int = 2000, repeats: int = 3, page: bool = True) -> dict[str, object]:
    """Measure the sample and a large store; a dict of the figures (see format_table)."""
    with tempfile.TemporaryDirectory(prefix="bench-connections-") as tmp:
        work = Path(tmp)
        stores = {"sample": bench.sample_store(work / "sample.duckdb"),
                  "large": large_store(networks, work / "large.duckdb", work / "csv")}
        result: dict[str, object] = {"networks": networks}
        for name, db in stores.items():
            result[name] = {"command": time_command(db, repeats), "view": time_view(db, repeats)}
            if page:
                result[name]["page"] = time_page(db, work)  # type: ignore[index]
    return result


def format_table(result: dict) -> str:
    s, big = result["sample"], result["large"]
    n = result["networks"]
    lines = [f"connections: sample against {n} networks", f"{'what':<40}{'sample':>12}{f'{n} networks':>16}  goal"]

    def row(what: str, a: float | None, b: float | None, unit: str, goal: str) -> None:
        def fmt(v: float | None) -> str:
            return "–" if v is None else (f"{v:.3f} s" if unit == "s" else f"{v / 1024:.0f} KiB")

        lines.append(f"{what:<40}{fmt(a):>12}{fmt(b):>16}  {goal}")

    row("command (subprocess)", s["command"]["seconds"], big["command"]["seconds"], "s", f"< {COMMAND_LIMIT_S:g} s")
    row("view, first call", s["view"]["seconds"], big["view"]["seconds"], "s", "")
    row("view figure JSON", s["view"]["figure_bytes"], big["view"]["figure_bytes"], "bytes", "≤ 2 MB")
    if "page" in s:
        row("page first render (AppTest)", s["page"]["first_render_s"], big["page"]["first_render_s"], "s",
            f"≤ {PAGE_RATIO_GOAL:g}× sample")
        row("  of which app.py and its default page", s["page"]["app_run_s"], big["page"]["app_run_s"], "s", "")
        row("  of which the connections page", s["page"]["page_run_s"], big["page"]["page_run_s"], "s", "")
        row("page cached rerun (AppTest)", s["page"]["rerun_s"], big["page"]["rerun_s"], "s", "< 0.5 s")
        row("page figure JSON (AppTest)", s["page"]["figure_bytes"], big["page"]["figure_bytes"], "bytes", "≤ 2 MB")
    lines.append(f"graph drawn at {s['view']['graph_level']} level ({s['view']['nodes']} nodes) and at "
                 f"{big['view']['graph_level']} level ({big['view']['nodes']} nodes)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tools.bench_connections", description=__doc__.splitlines()[0])
    p.add_argument("--networks", type=int, default=2000)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--skip-page", action="store_true", help="leave out the AppTest page render")
    p.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    args = p.parse_args(argv)
    result = run(args.networks, args.repeats, not args.skip_page)
    print(format_table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
