"""Hostile uploads against the running app, sent as the browser sends them, while other sessions click through
pages: does each file stay within its budget, and do the other sessions notice?

    python -m tools.hostilebench [--db PATH] [--sessions 3] [--rounds 3] [--window 5] [--cases wide,long_line,...]

It starts `streamlit run app.py` on a loopback port with open uploads (NETVALUE_OPEN_UPLOADS=1) against the store
(default: a fresh sample store), makes the hostile files in a temporary directory, and for each file:

1. idle: the other sessions (--sessions) view overview and networks in turn, all at once, for --window seconds;
2. hostile: a fresh session opens the upload page and uploads the file exactly as Streamlit's frontend does
   (file_urls_request over the websocket, a multipart PUT per file with the XSRF cookie echoed in its header,
   then a rerun whose file_uploader state lists the files), while the other sessions keep viewing pages until
   the upload's run has finished. An upload shorter than the window is removed and uploaded again until the
   window is full: one 0.2 s upload overlaps too few views for a median, and two idle medians of one round
   each already differed by 1.5x;
3. the user removes the files (a DELETE per file and a rerun with an empty uploader, as the frontend does).

Printed per file: the upload's wall time from the first request until the page has drawn its verdict (the run's
script_finished) and the server CPU seconds it cost, against 10 s; the server's peak resident memory above its
level before the upload (VmHWM, reset through /proc/PID/clear_refs, and VmRSS sampled every 20 ms) against
1 GiB; the resident memory left once the files are removed; and the other sessions' median page view time during
the upload against their idle median (goal ≤ 1.5×) and after it. Idle and hostile measurements are interleaved
and the load average is printed with them: the machine may be shared. Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import http.client
import mimetypes
import os
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import st_internals  # noqa: E402
from netvalue import ingest  # noqa: E402
from netvalue.i18n import t  # noqa: E402
from tools.harness import streamlit_server  # noqa: E402
from tools.wsbench import VIEW_TIMEOUT_S, Session, cpu_seconds, memory_bytes, server_pid  # noqa: E402

UPLOAD_PAGE = "upload"
OTHER_PAGES = ("overview", "networks")
GOAL_SECONDS = 10.0
GOAL_BYTES = 2**30
GOAL_SLOWDOWN = 1.5
WINDOW_S = 5.0  # seconds of the others' views behind each figure (idle, during, after)
KEPT_BYTES = 64 * 2**20  # memory still held after the files are removed, above which it "did not return"
MIB = 2**20
SERVER_ENV = {"NETVALUE_OPEN_UPLOADS": "1"}
LIMIT = ingest.MAX_BYTES - 64 * 1024  # just under the 50 MiB limit, leaving room for the multipart framing


# -- the hostile files ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Case:
    key: str
    what: str
    files: tuple[Path, ...]
    size: int  # bytes in all files


def _wide(d: Path, _ids: dict) -> list[Path]:
    """0.7 MB: a header of 100,000 columns and two rows as wide."""
    cols = 100_000
    header = ";".join(f"c{i}" for i in range(cols))
    row = ";".join(["1"] * cols)
    p = d / "wide.csv"
    p.write_text(f"{header}\n{row}\n{row}\n", encoding="utf-8")
    return [p]


def _long_line(d: Path, _ids: dict) -> list[Path]:
    """1 MB: one line of 524,288 fields."""
    p = d / "long_line.csv"
    p.write_text(";".join(["1"] * 524_288) + "\n", encoding="utf-8")
    return [p]


_XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        "</Types>"),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="measurements" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'sharedStrings" Target="sharedStrings.xml"/></Relationships>'),
    "xl/worksheets/sheet1.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        "</sheetData></worksheet>"),
}


def _xlsx_bomb(d: Path, _ids: dict, expanded: int = 2**30) -> list[Path]:
    """About 1 MB: a workbook whose shared strings unpack to 1 GiB (deflate's best ratio is about 1,000:1)."""
    p = d / "bomb.xlsx"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, text in _XLSX_PARTS.items():
            zf.writestr(name, text)
        with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
                    b'spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>network_id</t></si><si><t>')
            chunk = b"A" * (16 * MIB)
            for _ in range(expanded // len(chunk)):
                f.write(chunk)
            f.write(b"</t></si></sst>")
    return [p]


def _garbage(d: Path, _ids: dict, size: int = LIMIT) -> list[Path]:
    """Just under 50 MiB of printable garbage: letters, digits, separators, quotes, lines of random length."""
    rng = np.random.default_rng(15)
    alphabet = np.frombuffer(b'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789;;;,,,""  .-\t', np.uint8)
    data = alphabet[rng.integers(0, len(alphabet), size)]
    breaks = np.cumsum(rng.integers(10, 200, size // 50))  # a line break every ~100 bytes
    data[breaks[breaks < size]] = ord("\n")
    p = d / "garbage.csv"
    p.write_bytes(data.tobytes())
    return [p]


def _many(d: Path, ids: dict, n: int = 2_000) -> list[Path]:
    """2,000 tiny measurement files in one upload."""
    net, ind = ids["networks"][0], ids["indicators"][0]
    out = []
    for i in range(n):
        p = d / f"tiny_{i:04d}.csv"
        p.write_text(f"network_id,indicator_id,period,value\n{net},{ind},2015-{i % 12 + 1:02d},{i % 5 + 1}\n",
                     encoding="utf-8")
        out.append(p)
    return out


def _measurements(d: Path, ids: dict, size: int = LIMIT, bad_last: bool = True) -> list[Path]:
    """Just under 50 MiB of good measurements (unique keys, sample networks and indicators, months 1900-2099)
    with one bad month on the last line: refused only after the whole file is read. Or all good (bad_last
    False): the page reads and checks the whole file and offers to load it."""
    nets, inds = ids["networks"], ids["indicators"]
    months = [f"{y}-{m:02d}" for y in range(1900, 2100) for m in range(1, 13)]
    keys = len(nets) * len(inds) * len(months)
    bare = len(f"{nets[0]},{inds[0]},1900-01,3.5,measured,\n")
    pad = "x" * max(0, size // keys - bare - 1)
    lines = ["network_id,indicator_id,period,value,evidence,note"]
    for n in nets:
        for i in inds:
            value = ids["values"].get(i, "1")
            lines.extend(f"{n},{i},{m},{value},measured,{pad}" for m in months)
    text = "\n".join(lines) + "\n"
    while len(text) > size - 100:  # cut whole lines until the last one fits under the limit
        text = text[: text.rfind("\n", 0, len(text) - 1) + 1]
    if bad_last:
        text += f"{nets[0]},{inds[0]},2015-13,3.5,measured,{pad}\n"
    p = d / ("maalinger_stor.csv" if bad_last else "maalinger_gode.csv")
    p.write_text(text, encoding="utf-8")
    return [p]


def _small_bad(d: Path, ids: dict) -> list[Path]:
    """One small measurement file with one bad month: the quick protocol check (tests/test_hostilebench.py)."""
    p = d / "maalinger_fejl.csv"
    p.write_text(f"network_id,indicator_id,period,value\n{ids['networks'][0]},{ids['indicators'][0]},2015-13,3\n",
                 encoding="utf-8")
    return [p]


MAKERS: dict[str, tuple[str, Callable[[Path, dict], list[Path]]]] = {
    "wide": ("CSV with 100,000 columns", _wide),
    "long_line": ("one line of 524,288 fields", _long_line),
    "xlsx_bomb": (".xlsx, shared strings unpack to 1 GiB", _xlsx_bomb),
    "garbage": ("50 MB of printable garbage", _garbage),
    "many_files": ("2,000 tiny files in one upload", _many),
    "big_bad": ("50 MB of measurements, bad last line", _measurements),
    "big_good": ("50 MB of good measurements", functools.partial(_measurements, bad_last=False)),
    "small_bad": ("one small file with one bad month", _small_bad),
}
DEFAULT_CASES = ("wide", "long_line", "xlsx_bomb", "garbage", "many_files", "big_bad", "big_good")


def make_case(key: str, directory: Path, ids: dict) -> Case:
    what, maker = MAKERS[key]
    sub = directory / key
    sub.mkdir(parents=True, exist_ok=True)
    files = tuple(maker(sub, ids))
    return Case(key, what, files, sum(p.stat().st_size for p in files))


def store_ids(db: Path) -> dict:
    """Network and indicator ids (and a plausible value per indicator) from the store, creating the sample store
    when the file does not exist yet. Read before the server starts: DuckDB lets one process hold the file."""
    from netvalue import service
    from netvalue.store import Store

    fresh = not db.exists()
    with Store(db) as store:
        if fresh:
            service.ensure_sample(store)
        nets = sorted(store.keys("networks", "network_id").astype(str))
        inds = sorted(store.keys("indicators", "indicator_id").astype(str))
        m = store.measurements()
    values = {str(k): f"{v:g}" for k, v in m.groupby("indicator_id")["value"].first().items()}
    return {"networks": nets, "indicators": inds, "values": values}


# -- the browser's side of an upload ----------------------------------------------------------------------------
def xsrf_cookie(base: str) -> str | None:
    """The XSRF cookie's value, as the browser gets it with the page (any Streamlit response sets it)."""
    with urllib.request.urlopen(base + "/_stcore/health", timeout=10) as r:
        for header in r.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            if name.strip() == st_internals.XSRF_COOKIE:
                return rest.split(";", 1)[0]
    return None


def _request(base: str, method: str, path: str, xsrf: str | None, body: bytes = b"",
             content_type: str | None = None) -> int:
    host, port = base.removeprefix("http://").rsplit(":", 1)
    conn = http.client.HTTPConnection(host, int(port), timeout=VIEW_TIMEOUT_S)
    headers = {"Origin": base}
    if content_type:
        headers["Content-Type"] = content_type
    if xsrf:  # the double-submit pattern: the cookie, and its value again in a header
        headers["Cookie"] = f"{st_internals.XSRF_COOKIE}={xsrf}"
        headers[st_internals.XSRF_HEADER] = xsrf
    try:
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        resp.read()
        return resp.status
    finally:
        conn.close()


def put_file(base: str, path: str, name: str, data: bytes, xsrf: str | None) -> int:
    """PUT one file as the frontend does: multipart form data with one part named after the file."""
    boundary = uuid.uuid4().hex
    mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{name}"\r\n'
            f"Content-Type: {mime}\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return _request(base, "PUT", path, xsrf, body, f"multipart/form-data; boundary={boundary}")


@dataclass
class Verdict:
    """What the upload page said after the run with the files."""

    seconds: float = 0.0  # from the first request until script_finished of the run with the files
    put_seconds: float = 0.0
    cpu_s: float = 0.0
    statuses: list[int] = field(default_factory=list)
    alerts: list[tuple[str, str]] = field(default_factory=list)

    def outcome(self, lang: str = "da") -> str:
        refused = t("upload.refused", lang, n=2).split(":")[0]  # "Filerne kan ikke indlæses"
        if any(s >= 400 for s in self.statuses):
            return f"HTTP {max(self.statuses)}"
        for kind, body in self.alerts:
            if kind == "error" and body.startswith(refused):
                return "refused"
        for kind, body in self.alerts:
            if kind in ("error", "exception"):
                return "error: " + body[:60]
        if any(kind == "success" for kind, _ in self.alerts):
            return "accepted"
        return "no verdict"


class Tab(Session):
    """A browser tab that also uploads (wsbench's Session speaks the page views)."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.base = url
        self.session_id = ""
        self.uploaded: list[tuple[st_internals.UploadTarget, str, int]] = []

    async def run(self, message: bytes) -> list[bytes]:
        """Send a BackMsg that starts a run; every ForwardMsg up to its script_finished."""
        await self.ws.send(message)
        out = []
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), VIEW_TIMEOUT_S)
            out.append(raw)
            self.session_id = st_internals.session_id_of(raw) or self.session_id
            if st_internals.is_script_finished(raw):
                return out

    async def uploader(self) -> str:
        """Open the upload page; the file_uploader's widget id."""
        ids = [i for raw in await self.run(st_internals.rerun_message(UPLOAD_PAGE)) for i in
               st_internals.file_uploader_ids(raw)]
        if not ids:
            raise RuntimeError("the upload page drew no file uploader (is the server started with open uploads?)")
        return ids[0]

    async def targets(self, names: Sequence[str]) -> list[st_internals.UploadTarget]:
        request_id = uuid.uuid4().hex
        await self.ws.send(st_internals.file_urls_request(request_id, names, self.session_id))
        while True:
            got = st_internals.file_urls_response(await asyncio.wait_for(self.ws.recv(), VIEW_TIMEOUT_S))
            if got is not None and got[0] == request_id:
                if got[2]:
                    raise RuntimeError(f"file_urls_request refused: {got[2]}")
                return got[1]

    async def upload(self, widget_id: str, files: Sequence[Path], xsrf: str | None, pid: int | None = None) -> Verdict:
        """Upload the files as the frontend does and wait for the page's verdict."""
        v = Verdict()
        cpu0 = cpu_seconds(pid) if pid else 0.0
        t0 = time.perf_counter()
        names = [p.name for p in files]
        targets = await self.targets(names)

        def put_all() -> list[int]:
            return [put_file(self.base, tg.upload_url, p.name, p.read_bytes(), xsrf) for tg, p in zip(targets, files,
                                                                                                 strict=True)]

        v.statuses = await asyncio.to_thread(put_all)
        v.put_seconds = time.perf_counter() - t0
        uploaded = [(tg, p.name, p.stat().st_size) for tg, p, s in zip(targets, files, v.statuses, strict=True)
                    if s < 300]
        msgs = await self.run(st_internals.upload_rerun_message(UPLOAD_PAGE, widget_id, uploaded))
        v.seconds = time.perf_counter() - t0
        v.cpu_s = cpu_seconds(pid) - cpu0 if pid else 0.0
        v.alerts = [a for raw in msgs for a in st_internals.alert_texts(raw)]
        self.uploaded = uploaded
        return v

    async def remove(self, widget_id: str, xsrf: str | None) -> None:
        """The user removes the files: a DELETE for each, then a rerun with an empty uploader."""
        def delete_all() -> None:
            for tg, _, _ in self.uploaded:
                _request(self.base, "DELETE", tg.delete_url, xsrf)

        await asyncio.to_thread(delete_all)
        await self.run(st_internals.upload_rerun_message(UPLOAD_PAGE, widget_id, []))


# -- measuring --------------------------------------------------------------------------------------------------
class MemoryWatch:
    """Peak resident memory of the server while a block runs: VmHWM reset before (where the kernel lets us) and
    VmRSS sampled every 20 ms, whichever is higher."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.before = memory_bytes(pid)["VmRSS"]
        self.peak = self.before
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, memory_bytes(self.pid)["VmRSS"])

    def __enter__(self) -> MemoryWatch:
        try:
            Path(f"/proc/{self.pid}/clear_refs").write_text("5")  # resets VmHWM to VmRSS (Linux >= 4.0)
            self.hwm_reset = True
        except OSError:
            self.hwm_reset = False
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        m = memory_bytes(self.pid)
        self.peak = max(self.peak, m["VmRSS"], m["VmHWM"] if self.hwm_reset else 0)


async def browse(tabs: Sequence[Tab], rounds: int, until: asyncio.Event | None = None) -> dict[str, list[float]]:
    """Each tab views the other pages in turn, all tabs at once: rounds times, or until the event is set (at
    least one round)."""
    times: dict[str, list[float]] = {p: [] for p in OTHER_PAGES}

    async def one(tab: Tab) -> None:
        done = 0
        while (until is None and done < rounds) or (until is not None and (done == 0 or not until.is_set())):
            for page in OTHER_PAGES:
                times[page].append(await tab.view(page))
            done += 1

    await asyncio.gather(*(one(tb) for tb in tabs))
    return times


def medians(times: dict[str, list[float]]) -> dict[str, float]:
    return {p: statistics.median(v) for p, v in times.items() if v}


def worst_ratio(during: dict[str, float], idle: dict[str, float]) -> float:
    return max(during[p] / idle[p] for p in idle if p in during and idle[p] > 0)


@dataclass
class Row:
    case: Case
    verdict: Verdict
    idle: dict[str, float]
    during: dict[str, float]
    after: dict[str, float]
    views_during: int
    rss_before: int
    peak: int
    held: int  # after the run, files still in the uploader
    kept: int  # after the files were removed
    load: tuple[float, float, float]
    uploads: int = 1  # the file was uploaded this many times in a row while the others' views were timed


async def _upload(tab: Tab, widget: str, case: Case, xsrf: str | None, pid: int, done: asyncio.Event,
                  window: float) -> tuple[Verdict, int]:
    """Upload the files, and again (removed in between, as a user retrying) until window seconds have passed:
    a short upload alone would overlap too few of the others' views to give them a median. The first verdict,
    and how many uploads there were."""
    try:
        t0 = time.perf_counter()
        first = await tab.upload(widget, case.files, xsrf, pid)
        n = 1
        while time.perf_counter() - t0 < window:
            await tab.remove(widget, xsrf)
            await tab.upload(widget, case.files, xsrf, pid)
            n += 1
        return first, n
    finally:
        done.set()


def _after(seconds: float) -> asyncio.Event:
    """An event the running loop sets after seconds."""
    done = asyncio.Event()
    asyncio.get_running_loop().call_later(seconds, done.set)
    return done


async def _run(url: str, pid: int, cases: Sequence[Case], sessions: int, rounds: int, window: float,
               log: Callable[[str], None] = print) -> list[Row]:
    xsrf = xsrf_cookie(url)
    others = [Tab(url) for _ in range(sessions)]
    await asyncio.gather(*(tb.open() for tb in others))
    rows: list[Row] = []

    async def quiet() -> dict[str, float]:
        return medians(await browse(others, rounds, _after(window) if window else None))

    try:
        await browse(others, 1)  # warm: every session has seen every page once, so the caches are full
        idle = await quiet()
        for case in cases:
            tab = Tab(url)
            await tab.open()
            try:
                widget = await tab.uploader()
                done = asyncio.Event()
                load = os.getloadavg()
                with MemoryWatch(pid) as mem:
                    (verdict, uploads), during_times = await asyncio.gather(
                        _upload(tab, widget, case, xsrf, pid, done, window), browse(others, rounds, done))
                held = memory_bytes(pid)["VmRSS"]
                await tab.remove(widget, xsrf)
                kept = memory_bytes(pid)["VmRSS"]
            finally:
                await tab.close()
            after = await quiet()
            rows.append(Row(case, verdict, idle, medians(during_times), after,
                            sum(len(v) for v in during_times.values()), mem.before, mem.peak, held, kept, load,
                            uploads))
            log(line(rows[-1]))
            idle = after  # the next file's idle figure is this one's after (interleaved, no extra views)
    finally:
        await asyncio.gather(*(tb.close() for tb in others))
    return rows


def measure(db: Path, case_keys: Sequence[str], sessions: int = 3, rounds: int = 3, window: float = WINDOW_S,
            log: Callable[[str], None] = print) -> list[Row]:
    ids = store_ids(db)
    with tempfile.TemporaryDirectory(prefix="netvalue-hostile-") as tmp:
        cases = [make_case(k, Path(tmp), ids) for k in case_keys]
        with streamlit_server(db, SERVER_ENV) as url:
            port = int(url.rsplit(":", 1)[1])
            return asyncio.run(_run(url, server_pid(port), cases, sessions, rounds, window, log))


HEADER = (f"{'file':<11} {'size':>8} {'page said':<14} {'time':>7} {'PUTs':>6} {'CPU':>6} {'peak +RSS':>10} "
          f"{'held':>7} {'kept':>7} {'others':>7} {'after':>6} {'uploads':>7} {'views':>5}  load")


def line(r: Row) -> str:
    v = r.verdict
    slow = worst_ratio(r.during, r.idle)
    after = worst_ratio(r.after, r.idle)
    peak = (r.peak - r.rss_before) / MIB
    ok_time = "✓" if v.seconds < GOAL_SECONDS else "✗"
    ok_mem = "✓" if r.peak - r.rss_before < GOAL_BYTES else "✗"
    ok_slow = "✓" if slow <= GOAL_SLOWDOWN else "✗"
    return (f"{r.case.key:<11} {r.case.size / 1e6:>6.1f}MB {v.outcome():<14} {v.seconds:>6.1f}s{ok_time}"
            f" {v.put_seconds:>5.1f}s {v.cpu_s:>5.1f}s {peak:>7.0f}MiB{ok_mem} "
            f"{(r.held - r.rss_before) / MIB:>4.0f}MiB "
            f"{(r.kept - r.rss_before) / MIB:>4.0f}MiB {slow:>5.2f}×{ok_slow} {after:>5.2f}× {r.uploads:>7} "
            f"{r.views_during:>5}  {r.load[0]:.2f}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tools.hostilebench", description=__doc__.split("\n")[0])
    p.add_argument("--db", type=Path, default=None, help="store file (default: a fresh sample store)")
    p.add_argument("--sessions", type=int, default=3, help="other sessions viewing pages meanwhile")
    p.add_argument("--rounds", type=int, default=3, help="views of each page per session for an idle figure when "
                   "--window is 0")
    p.add_argument("--window", type=float, default=WINDOW_S,
                   help="seconds the others' views are timed for each figure; a shorter upload is repeated")
    p.add_argument("--cases", default=",".join(DEFAULT_CASES), help=f"of {', '.join(MAKERS)}")
    args = p.parse_args(argv)
    keys = [k for k in args.cases.split(",") if k]
    unknown = set(keys) - set(MAKERS)
    if unknown:
        p.error(f"unknown cases: {', '.join(sorted(unknown))}")
    print(f"goals: refused or read in < {GOAL_SECONDS:.0f} s and < {GOAL_BYTES / MIB:.0f} MiB above the server's "
          f"memory before; other sessions' median page view ≤ {GOAL_SLOWDOWN}× idle")
    print(f"{args.sessions} other sessions on {', '.join(OTHER_PAGES)}; load average at start "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)")
    print("time: first request to the page's verdict · PUTs: of it, sending the files · CPU: server CPU seconds "
          "meanwhile (all sessions) · held: resident memory "
          "above before, files still in the uploader · kept: after the user removed them · others/after: worst "
          "page's median view time during/after the upload ÷ idle · uploads: of the file in a row (a short one "
          "is repeated to fill the window) · views: the others' page views timed meanwhile")
    print(HEADER)
    with tempfile.TemporaryDirectory(prefix="netvalue-hostilebench-") as tmp:
        db = args.db or Path(tmp) / "sample.duckdb"
        rows = measure(db, keys, args.sessions, args.rounds, args.window)
    idle = {p: statistics.median([r.idle[p] for r in rows]) for p in OTHER_PAGES}
    print("idle median page view: " + ", ".join(f"{p} {s:.2f} s" for p, s in idle.items()))
    failed = [r.case.key for r in rows if r.verdict.seconds >= GOAL_SECONDS or r.peak - r.rss_before >= GOAL_BYTES
              or worst_ratio(r.during, r.idle) > GOAL_SLOWDOWN]
    print("goals met by every file" if not failed else f"goals missed by: {', '.join(failed)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
