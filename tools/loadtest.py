"""A bounded load test: N concurrent headless chromium sessions opening the dashboard's pages for a while.

    python tools/loadtest.py --sessions 20 --seconds 60
    python tools/loadtest.py --sessions 5 --seconds 30 --networks 200 --json load.json

It starts `streamlit run app.py` on 127.0.0.1 (tests/browser_support.streamlit_server) over a fresh store holding
the sample (or, with --networks N, a large generated set), or uses --url of a server already running on this
machine (loopback only: this is not a tool for loading someone else's server). One chromium (Debian's, via
playwright) holds one browser context per session, so 20 sessions fit a small machine; each session opens the
pages in turn (each session starting at a different page) until the time is up. A page's render time runs from
the navigation until its title is drawn, the script has finished and no skeleton is left. An error is an
exception box on the page, the app's "something went wrong" message, or a wait that timed out.

It stops by itself: no page is started after --seconds, every wait has --page-timeout, and a hard deadline
(--seconds + --ramp + --page-timeout + 30 s) cancels whatever is still running. Prints render times per page
(median, p95, max) and the error count; exits 0 when there were no errors and every session finished a page.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from netvalue import sample, service  # noqa: E402
from netvalue.i18n import t  # noqa: E402
from netvalue.store import Store  # noqa: E402
from tools import largesample  # noqa: E402
from tools.harness import CHROMIUM_ARGS, chromium_path, streamlit_server  # noqa: E402

PAGES = ["", "networks", "ripples", "depth_breadth", "upload", "method"]  # url paths; "" is the overview
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
APP_ERROR = [t("app.error", "da")[:30], t("app.error", "en")[:30]]
RENDERED = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  return app !== null && app.getAttribute('data-test-script-state') === 'notRunning'
    && document.querySelectorAll("[data-testid='stSkeleton']").length === 0
    && document.querySelector("[data-testid='stMain'] h1") !== null;
}"""


@dataclass
class Visit:
    session: int
    page: str
    started: float  # seconds since the load began
    seconds: float
    ok: bool
    error: str = ""


def cpu_by_kind() -> dict[str, float]:
    """CPU seconds used so far by this process's descendants: the Streamlit server and chromium (Linux /proc).

    Sampled before and after the load, the difference says whether the server or the browser used the machine.
    Processes that ended in between are not counted; {} where /proc is not there.
    """
    tick = os.sysconf("SC_CLK_TCK")
    stats: dict[int, tuple[int, float, str]] = {}
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else []:
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        stats[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick, cmd)
    out = {"server": 0.0, "chromium": 0.0, "other": 0.0}
    me = os.getpid()
    for pid, (_ppid, cpu, cmd) in stats.items():
        up, seen = pid, set()
        while up in stats and up != me and up not in seen:
            seen.add(up)
            up = stats[up][0]
        if up != me or pid == me:
            continue
        kind = "server" if "streamlit" in cmd else "chromium" if "chrom" in cmd else "other"
        out[kind] += cpu
    return out


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100), nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


async def visit(page, url: str, name: str, timeout_ms: float) -> str:
    """Open one page and wait until it has drawn; '' when fine, else what went wrong."""
    try:
        await page.goto(f"{url}/{name}", wait_until="domcontentloaded", timeout=timeout_ms)
        await page.wait_for_function(RENDERED, timeout=timeout_ms, polling=100)
    except Exception as exc:  # a timeout or a closed page: an error of this visit, not of the tool
        return f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"
    if await page.locator("[data-testid='stException']").count():
        return "exception: " + (await page.locator("[data-testid='stException']").first.inner_text())[:160]
    body = await page.locator("[data-testid='stMain']").inner_text()
    for text in APP_ERROR:
        if text in body:
            return "app error message: " + text
    return ""


async def session(browser, i: int, n: int, url: str, pages: list[str], t0: float, stop_at: float, ramp: float,
                  timeout_ms: float, visits: list[Visit], contexts: list, screenshot: Path | None) -> None:
    """Session i of n: start after its share of the ramp, then open pages in turn until stop_at.

    Its browser context goes into contexts; the caller closes them all (after counting their CPU time)."""
    await asyncio.sleep(ramp * i / n)
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    contexts.append(context)
    page = await context.new_page()
    k = i
    while time.monotonic() < stop_at:
        name = pages[k % len(pages)]
        k += 1
        start = time.monotonic()
        error = await visit(page, url, name, timeout_ms)
        visits.append(Visit(i, name or "overview", start - t0, time.monotonic() - start, not error, error))
        if screenshot is not None and i == 0 and not error:
            await page.screenshot(path=str(screenshot), full_page=False)


async def run(url: str, sessions: int, seconds: float, ramp: float, page_timeout: float, chromium: str,
              pages: list[str], screenshot: Path | None) -> tuple[list[Visit], float, bool, dict[str, float]]:
    """The visits, the wall time, whether the hard deadline cut sessions off, and CPU seconds by process kind."""
    from playwright.async_api import async_playwright

    visits: list[Visit] = []  # appended from one event loop
    contexts: list = []
    hard = seconds + ramp + page_timeout + 30
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        try:
            cpu0 = cpu_by_kind()
            t0 = time.monotonic()
            stop_at = t0 + ramp + seconds
            tasks = [asyncio.create_task(session(browser, i, sessions, url, pages, t0, stop_at, ramp,
                                                 page_timeout * 1000, visits, contexts, screenshot))
                     for i in range(sessions)]
            done, pending = await asyncio.wait(tasks, timeout=hard)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            wall = time.monotonic() - t0
            cpu1 = cpu_by_kind()
            crashed = [task.exception() for task in done if task.exception() is not None]
            if crashed:
                raise crashed[0]
            return visits, wall, bool(pending), {k: round(cpu1[k] - cpu0.get(k, 0.0), 1) for k in cpu1}
        finally:
            for context in contexts:
                await context.close()
            await browser.close()


def summary(visits: list[Visit], sessions: int) -> dict[str, object]:
    by_page: dict[str, dict[str, object]] = {}
    for name in dict.fromkeys(v.page for v in visits):
        mine = [v for v in visits if v.page == name]
        times = [v.seconds for v in mine if v.ok]
        by_page[name] = {
            "visits": len(mine),
            "errors": sum(not v.ok for v in mine),
            "median_s": statistics.median(times) if times else None,
            "p95_s": percentile(times, 95) if times else None,
            "max_s": max(times) if times else None,
        }
    ok_times = [v.seconds for v in visits if v.ok]
    per_session = [sum(v.ok for v in visits if v.session == i) for i in range(sessions)]
    return {
        "pages": by_page,
        "visits": len(visits),
        "errors": sum(not v.ok for v in visits),
        "error_samples": list(dict.fromkeys(v.error for v in visits if not v.ok))[:10],
        "median_s": statistics.median(ok_times) if ok_times else None,
        "p95_s": percentile(ok_times, 95) if ok_times else None,
        "max_s": max(ok_times) if ok_times else None,
        "pages_per_session": per_session,
        "sessions_with_a_page": sum(n > 0 for n in per_session),
    }


def _fmt(x: object) -> str:
    return "–" if x is None else f"{x:.2f}"


def report(result: dict[str, object]) -> str:
    lines = [f"{'page':<15}{'visits':>8}{'errors':>8}{'median s':>10}{'p95 s':>9}{'max s':>9}"]
    for name, r in result["pages"].items():  # type: ignore[union-attr]
        lines.append(f"{name:<15}{r['visits']:>8}{r['errors']:>8}{_fmt(r['median_s']):>10}{_fmt(r['p95_s']):>9}"
                     f"{_fmt(r['max_s']):>9}")
    lines.append(f"{'all':<15}{result['visits']:>8}{result['errors']:>8}{_fmt(result['median_s']):>10}"
                 f"{_fmt(result['p95_s']):>9}{_fmt(result['max_s']):>9}")
    lines.append(f"{result['sessions']} sessions × {result['seconds']:g} s (ramp {result['ramp']:g} s), wall "
                 f"{result['wall_s']:.1f} s; pages per session {result['pages_per_session']}; "
                 f"sessions that finished a page: {result['sessions_with_a_page']}/{result['sessions']}")
    cpu = result["cpu_s"]
    if cpu and any(cpu.values()):  # type: ignore[union-attr]
        lines.append(f"CPU seconds during the load on {result['cpus']} cores: server {cpu['server']:.0f}, "  # type: ignore[index]
                     f"chromium {cpu['chromium']:.0f}, other {cpu['other']:.0f}")  # type: ignore[index]
    if result["cut_off"]:
        lines.append("the hard deadline cut sessions off")
    for e in result["error_samples"]:  # type: ignore[union-attr]
        lines.append(f"error: {e}")
    return "\n".join(lines)


def _loopback(url: str) -> bool:
    return (urlsplit(url).hostname or "") in LOOPBACK


def prepare_store(db: Path, networks: int | None) -> dict[str, int]:
    with Store(db) as store:
        if networks:
            paths = sample.write_csv(largesample.generate(networks), db.parent / "csv")
            service.load_files(store, [(p.name, p.read_bytes()) for p in paths], who="loadtest")
        else:
            service.ensure_sample(store)
        return store.counts()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sessions", type=int, default=20, help="concurrent browser sessions (default 20)")
    p.add_argument("--seconds", type=float, default=60.0, help="how long each session keeps opening pages (60)")
    p.add_argument("--ramp", type=float, default=5.0, help="sessions start spread over this many seconds (5)")
    p.add_argument("--page-timeout", type=float, default=90.0, help="longest wait for one page, seconds (90)")
    p.add_argument("--pages", default=",".join(x or "overview" for x in PAGES),
                   help="comma-separated url paths (default: every page)")
    p.add_argument("--url", help="a server already running on this machine (loopback only)")
    p.add_argument("--db", type=Path, help="store for the server this tool starts (default: a fresh one)")
    p.add_argument("--networks", type=int, help="fill the fresh store with a generated set of N networks")
    p.add_argument("--chromium", default=None, help="chromium binary (default: chromium on PATH)")
    p.add_argument("--json", type=Path, help="write the figures here too")
    p.add_argument("--screenshot", type=Path, help="save session 0's last good page here")
    args = p.parse_args(argv)
    if args.sessions < 1 or args.seconds <= 0 or args.page_timeout <= 0 or args.ramp < 0:
        p.error("--sessions must be at least 1; --seconds and --page-timeout above 0; --ramp not negative")
    if args.url and not _loopback(args.url):
        p.error("--url must be a server on this machine (127.0.0.1, localhost or ::1)")
    chromium = args.chromium or chromium_path()
    if not chromium:
        p.error("chromium not found (apt-get install chromium, or --chromium PATH)")
    pages = ["" if x.strip() == "overview" else x.strip().strip("/") for x in args.pages.split(",") if x.strip()]

    with ExitStack() as stack:
        url = args.url.rstrip("/") if args.url else None
        counts: dict[str, int] | None = None
        if url is None:
            db = args.db or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="loadtest-"))) / "load.duckdb"
            if not db.exists():
                counts = prepare_store(db, args.networks)
            url = stack.enter_context(streamlit_server(db))
        print(f"load test: {args.sessions} sessions × {args.seconds:g} s against {url}"
              + (f" ({counts['networks']} networks, {counts['measurements']} measurements)" if counts else ""),
              flush=True)
        visits, wall, cut_off, cpu = asyncio.run(run(url, args.sessions, args.seconds, args.ramp,
                                                     args.page_timeout, chromium, pages, args.screenshot))
    result = summary(visits, args.sessions) | {"sessions": args.sessions, "seconds": args.seconds,
                                                "ramp": args.ramp, "wall_s": wall, "cut_off": cut_off, "cpu_s": cpu,
                                                "cpus": os.cpu_count(), "store_counts": counts,
                                                "visits_log": [asdict(v) for v in visits]}
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    return 0 if result["errors"] == 0 and result["sessions_with_a_page"] == args.sessions else 1


if __name__ == "__main__":
    raise SystemExit(main())
