"""Backups while the dashboard runs: a schedule from the settings, named backup directories, retention, and one
background thread per process that writes them through Store.backup (one transaction; written under a temporary
name and renamed). No SQL here: the store does the reading.

Settings (``[netvalue]`` in ``.streamlit/secrets.toml``): ``backup_dir`` (where), ``backup_every_hours`` (default
24), ``backup_keep`` (how many to keep, default 7). A backup is a directory ``netvalue-YYYYMMDDTHHMMSSZ`` (UTC)
holding Parquet files and manifest.json; ``python -m netvalue restore DIR`` brings one back into a stopped app.
"""

from __future__ import annotations

import logging
import re
import shutil
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from netvalue.store import Store

log = logging.getLogger("netvalue.backups")

PREFIX = "netvalue-"
NAME_RE = re.compile(r"^netvalue-(\d{8}T\d{6}Z)(?:-(\d+))?$")
DEFAULT_EVERY_HOURS = 24.0
DEFAULT_KEEP = 7


@dataclass(frozen=True)
class Schedule:
    """Where and how often the running app writes backups, and how many it keeps."""

    directory: Path
    every_hours: float = DEFAULT_EVERY_HOURS
    keep: int = DEFAULT_KEEP


def schedule_from(secrets: Mapping[str, object]) -> Schedule | None:
    """The schedule in secrets' [netvalue] section (checked by access.check_secrets first); None without
    backup_dir."""
    nv = secrets.get("netvalue")
    if not isinstance(nv, Mapping) or not isinstance(nv.get("backup_dir"), str) or not nv["backup_dir"].strip():
        return None
    return Schedule(Path(nv["backup_dir"].strip()), float(nv.get("backup_every_hours", DEFAULT_EVERY_HOURS)),
                    int(nv.get("backup_keep", DEFAULT_KEEP)))


def name_for(when: datetime) -> str:
    """The directory name of a backup taken at when (UTC)."""
    return f"{PREFIX}{when.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def taken_at(path: Path) -> datetime | None:
    """When a backup directory of ours was taken (from its name); None for anything else."""
    m = NAME_RE.match(path.name)
    return datetime.strptime(m.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC) if m else None


def existing(directory: Path) -> list[Path]:
    """Finished backups in directory (ours by name, with a manifest), oldest first."""
    if not directory.is_dir():
        return []
    found = [p for p in directory.iterdir() if p.is_dir() and taken_at(p) and (p / "manifest.json").is_file()]
    m = {p: NAME_RE.match(p.name) for p in found}
    return sorted(found, key=lambda p: (m[p].group(1), int(m[p].group(2) or 0)))  # type: ignore[union-attr]


def prune(directory: Path, keep: int) -> list[Path]:
    """Remove the oldest finished backups beyond the newest keep; what was removed. Nothing else is touched."""
    done = existing(directory)
    gone = done[: max(0, len(done) - keep)]
    for path in gone:
        shutil.rmtree(path)
    return gone


_take_lock = threading.Lock()  # the schedule and the button may ask at the same moment


def take(store: Store, schedule: Schedule, now: datetime | None = None) -> tuple[Path, dict]:
    """Write one backup now and prune; (its directory, its manifest)."""
    now = now or datetime.now(UTC)
    with _take_lock:
        schedule.directory.mkdir(parents=True, exist_ok=True)
        base = name_for(now)
        target = schedule.directory / base
        n = 1
        while target.exists():  # two backups within one second (the button twice)
            n += 1
            target = schedule.directory / f"{base}-{n}"
        manifest = store.backup(target)
        removed = prune(schedule.directory, schedule.keep)
    log.info("backup written to %s (%d rows); %d old backup(s) removed", target,
             sum(manifest["rows"].values()), len(removed))
    return target, manifest


def seconds_until_due(schedule: Schedule, now: datetime | None = None) -> float:
    """Seconds until the next scheduled backup: every_hours after the newest one (0 when there is none)."""
    now = now or datetime.now(UTC)
    done = existing(schedule.directory)
    last = taken_at(done[-1]) if done else None
    if last is None:
        return 0.0
    return max(0.0, (last + timedelta(hours=schedule.every_hours) - now).total_seconds())


class Scheduler:
    """The background thread that takes scheduled backups. At most one per process: see start()."""

    def __init__(self, get_store: Callable[[], Store], schedule: Schedule) -> None:
        self.get_store = get_store
        self.schedule = schedule
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="netvalue-backups", daemon=True)

    def _run(self) -> None:
        while not self.stopped.is_set():
            wait = seconds_until_due(self.schedule)
            if wait > 0:
                self.stopped.wait(min(wait, 3600.0))  # wake at least hourly: the directory may have changed
                continue
            try:
                take(self.get_store(), self.schedule)
            except Exception:  # a full disk or a busy store must not end the schedule
                log.exception("scheduled backup to %s failed; trying again in an hour", self.schedule.directory)
                self.stopped.wait(3600.0)

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join(timeout=30)


_running: Scheduler | None = None
_running_lock = threading.Lock()


def start(get_store: Callable[[], Store], schedule: Schedule) -> bool:
    """Start the scheduler unless one runs in this process already; True when this call started it."""
    global _running
    with _running_lock:
        if _running is not None:
            if _running.schedule != schedule:
                log.warning("backup settings changed; the new schedule takes effect after a restart")
            return False
        _running = Scheduler(get_store, schedule)
        _running.thread.start()
    log.info("backups every %s h to %s, keeping %d", schedule.every_hours, schedule.directory, schedule.keep)
    return True


def running() -> Scheduler | None:
    """The process's scheduler, if one was started."""
    return _running


def stop() -> None:
    """Stop the process's scheduler (tests, and a clean shutdown)."""
    global _running
    with _running_lock:
        scheduler, _running = _running, None
    if scheduler is not None:
        scheduler.stop()
