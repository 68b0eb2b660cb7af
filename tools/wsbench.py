"""Many users at once, measured on the server: N sessions click through the pages together over Streamlit's own
websocket protocol (no browsers: browsers on the same machine mostly measure themselves), and the server's CPU
seconds per warm page view are read from /proc.

    python -m tools.wsbench [--db PATH | --networks 2000] [--sessions 10] [--rounds 3] [--pages overview,...]

The issue's figure: `python -m tools.wsbench --networks 2000` (builds a 2,000-network store, about a million
measurement rows, with tools.largesample into a temporary directory first; about half a minute). The goal is
at most WARM_CPU_GOAL_S of server CPU per warm page view, for every page; each page's line says whether it met it.
tools/bench.py runs the same measurement for its table (--sessions).

It starts `streamlit run app.py` on a free loopback port against the store (default: a fresh sample store),
opens N sessions, warms every page once per session (filling the caches), then runs the rounds: each session
asks for every page in turn (a rerun_script with the page's name), all sessions at once. A page view ends when
the server sends script_finished. Printed: per page the median and worst wall time of a view, and the server's
CPU seconds per warm view (user + system of the server process over the rounds, divided by the views).
Traffic goes to 127.0.0.1 only; the loop is bounded by --rounds and a timeout per view.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import st_internals  # noqa: E402
from tools.bench import WARM_CPU_LIMIT_S  # noqa: E402
from tools.harness import streamlit_server  # noqa: E402

DEFAULT_PAGES = ("overview", "networks", "ripples", "depth_breadth", "method", "connections")
VIEW_TIMEOUT_S = 120.0
# The goal: server CPU seconds per warm page view, 10 sessions at once, 2,000 networks (one home: tools/bench.py).
WARM_CPU_GOAL_S = WARM_CPU_LIMIT_S


def build_store(networks: int, directory: Path) -> Path:
    """A store with N generated networks (tools.largesample), loaded the way the command line loads CSV files."""
    from netvalue import service
    from netvalue.store import Store
    from tools.bench import write_data

    measurements, others, _ = write_data(networks, directory / "csv")
    path = directory / f"n{networks}.duckdb"
    with Store(path) as store:
        service.load_files(store, [(p.name, p.read_bytes()) for p in (*others, measurements)], who="wsbench")
    return path


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and its threads (from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_pid(port: int) -> int:
    """The pid of the process listening on the port (the streamlit server)."""
    inode = None
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        parts = line.split()
        if int(parts[1].split(":")[1], 16) == port and parts[3] == "0A":
            inode = parts[9]
            break
    if inode is None:
        raise RuntimeError(f"nothing listens on port {port}")
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            for fd in (proc / "fd").iterdir():
                if os.readlink(fd) == f"socket:[{inode}]":
                    return int(proc.name)
        except OSError:
            continue
    raise RuntimeError("the server process was not found")


def memory_bytes(pid: int) -> dict[str, int]:
    """The process's resident memory now (VmRSS) and at its peak (VmHWM), in bytes (from /proc)."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            out[name] = int(value.split()[0]) * 1024
    return out


class Session:
    """One browser tab, as Streamlit's frontend speaks to the server."""

    def __init__(self, url: str) -> None:
        self.url = url.replace("http://", "ws://") + "/_stcore/stream"
        self.ws = None

    async def open(self) -> None:
        import websockets

        self.ws = await websockets.connect(self.url, subprotocols=["streamlit"], max_size=None,
                                           origin=None, open_timeout=60)

    async def view(self, page: str, query: str = "") -> float:
        """Ask for a page and wait for the run to finish; the wall seconds it took."""
        t0 = time.perf_counter()
        await self.ws.send(st_internals.rerun_message(page, query))
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), VIEW_TIMEOUT_S)
            if st_internals.is_script_finished(raw):
                return time.perf_counter() - t0

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()


def _page_query(page: str) -> tuple[str, str]:
    """'networks?network=N0001' -> ('networks', 'network=N0001'): a page with URL parameters (one network's page)."""
    name, _, query = page.partition("?")
    return name, query


async def _run(url: str, pid: int, sessions: int, rounds: int, pages: list[str]) -> dict[str, object]:
    tabs = [Session(url) for _ in range(sessions)]
    await asyncio.gather(*(t.open() for t in tabs))
    try:
        for page in pages:  # warm: every session sees every page once, so the caches are full
            await asyncio.gather(*(t.view(*_page_query(page)) for t in tabs))
        times: dict[str, list[float]] = {p: [] for p in pages}
        page_cpu = dict.fromkeys(pages, 0.0)
        cpu0, wall0 = cpu_seconds(pid), time.perf_counter()
        for _ in range(rounds):
            for page in pages:
                before = cpu_seconds(pid)
                done = await asyncio.gather(*(t.view(*_page_query(page)) for t in tabs))
                page_cpu[page] += cpu_seconds(pid) - before
                times[page].extend(done)
        cpu, wall = cpu_seconds(pid) - cpu0, time.perf_counter() - wall0
        memory = memory_bytes(pid)
    finally:
        await asyncio.gather(*(t.close() for t in tabs))
    views = sessions * rounds * len(pages)
    return {"sessions": sessions, "rounds": rounds, "views": views, "server_cpu_s": cpu, "wall_s": wall,
            "cpu_per_view_s": cpu / views, "rss_bytes": memory.get("VmRSS"), "peak_rss_bytes": memory.get("VmHWM"),
            "pages": {p: {"median_s": statistics.median(v), "worst_s": max(v),
                          "cpu_per_view_s": page_cpu[p] / (sessions * rounds)} for p, v in times.items()}}


def measure(db: Path, sessions: int = 10, rounds: int = 3, pages: list[str] | None = None) -> dict[str, object]:
    with streamlit_server(db) as url:
        port = int(url.rsplit(":", 1)[1])
        return asyncio.run(_run(url, server_pid(port), sessions, rounds, list(pages or DEFAULT_PAGES)))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tools.wsbench", description=__doc__.split("\n")[0])
    source = p.add_mutually_exclusive_group()
    source.add_argument("--db", type=Path, default=None, help="store file (default: a fresh sample store)")
    source.add_argument("--networks", type=int, default=None,
                        help="build a store with this many generated networks first (2000 ≈ a million measurements)")
    p.add_argument("--sessions", type=int, default=10)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--pages", default=",".join(DEFAULT_PAGES),
                   help="comma-separated pages, each optionally with URL parameters: networks?network=N0001")
    args = p.parse_args(argv)
    if args.networks is not None and args.networks < 1:
        p.error("--networks must be at least 1")
    with tempfile.TemporaryDirectory(prefix="netvalue-wsbench-") as tmp:
        db = args.db or Path(tmp) / "sample.duckdb"
        what = f"store {db}" if args.db else "a fresh sample store"
        if args.networks is not None:
            t0 = time.perf_counter()
            db = build_store(args.networks, Path(tmp))
            what = f"{args.networks:,} generated networks (built in {time.perf_counter() - t0:.0f} s)"
        load0 = os.getloadavg()
        r = measure(db, args.sessions, args.rounds, [x for x in args.pages.split(",") if x])
        load1 = os.getloadavg()
    print(f"{what}: {r['sessions']} sessions × {r['rounds']} rounds = {r['views']} warm page views "
          f"in {r['wall_s']:.1f} s")
    print(f"load average before / after: {load0[0]:.2f} / {load1[0]:.2f} (CPU seconds move less with the load "
          "than wall time)")
    print(f"server CPU per warm page view: {r['cpu_per_view_s']:.3f} s (goal ≤ {WARM_CPU_GOAL_S:g} s)")
    if r["rss_bytes"]:
        mib = 2**20
        print(f"server memory after the rounds: {r['rss_bytes'] / mib:.0f} MiB "
              f"(peak {r['peak_rss_bytes'] / mib:.0f} MiB)")
    for page, v in r["pages"].items():  # type: ignore[union-attr]
        met = "met" if v["cpu_per_view_s"] <= WARM_CPU_GOAL_S else "NOT MET"
        print(f"  {page:<22} CPU {v['cpu_per_view_s']:.3f} s/view ({met}: ≤ {WARM_CPU_GOAL_S:g})  "
              f"median {v['median_s']:.2f} s  worst {v['worst_s']:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
