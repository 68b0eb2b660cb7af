"""The only module that talks to DuckDB. Identifiers come from netvalue.schema; values are always bound."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from netvalue import privacy
from netvalue.schema import EVIDENCE_LEVELS, LOAD_ORDER, RECORD_TYPES, SCHEMA_VERSION, ddl

if TYPE_CHECKING:  # frames come from callers, and DuckDB's .df() loads pandas itself: a CSV load needs neither
    import pandas as pd

DEFAULT_DB = Path("data") / "netvalue.duckdb"
GRAINS = {"all": None, "year": "year", "quarter": "quarter", "month": "month"}


class StoreBusy(RuntimeError):
    """Another process holds the store file."""


class StoreIntegrityError(RuntimeError):
    """A write or undo would break a foreign key or touch rows a later batch changed.

    code (foreign_keys, no_batch, already_undone, later_batch) and params let the UI say it in Danish;
    str() is the English message.
    """

    def __init__(self, message: str, details: Sequence[str] = (), code: str = "", **params: object) -> None:
        super().__init__(message)
        self.details = list(details)
        self.code = code
        self.params = params


@dataclass
class LoadResult:
    batch_id: int
    added: dict[str, int] = field(default_factory=dict)
    replaced: dict[str, int] = field(default_factory=dict)

    @property
    def total_added(self) -> int:
        return sum(self.added.values())

    @property
    def total_replaced(self) -> int:
        return sum(self.replaced.values())


class BulkDeclined(RuntimeError):
    """A CSV file read by DuckDB holds something only ingest can explain; the load was rolled back, nothing written.

    stage is "read" when DuckDB could not read the file (a ragged line, bytes that are not UTF-8), "judge"
    when the rows it read were not accepted.
    """

    def __init__(self, message: str, stage: str) -> None:
        super().__init__(message)
        self.stage = stage


@dataclass(frozen=True)
class CsvSpec:
    """A CSV file that Store.load reads with DuckDB itself (netvalue.bulk decides which files and how).

    columns: the canonical column of each field, in file order (the first line is the header and is skipped).
    A number counts only when it matches number_pattern in full (RE2), a date only in one of date_formats;
    anything else becomes NULL, which the summary shows as missing. enum_spellings maps spellings met in the
    file to canonical values while reading.
    """

    path: Path
    record_type: str
    delimiter: str
    columns: tuple[str, ...]
    decimal: str = "."
    number_pattern: str = r"[+-]?[0-9]{1,9}(\.[0-9]{1,6})?"
    date_formats: tuple[str, ...] = ("%Y-%m-%d",)
    enum_spellings: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass
class CsvSummary:
    """What DuckDB found in one batch's rows of a record type, for netvalue.bulk to judge."""

    record_type: str
    rows: int
    distinct_keys: int  # distinct hashes of the key: fewer than rows means a duplicate (or, rarely, a collision)
    missing: dict[str, int]  # required column -> rows where it is NULL after typing
    distinct: dict[str, list[str | None]]  # text-like column -> every distinct value
    date_range: dict[str, tuple[date | None, date | None]]
    unknown_references: dict[str, list[str]]  # foreign-key column -> values with no target (a few)


def default_path() -> Path:
    """--db default: NETVALUE_DB, then data/netvalue.duckdb."""
    env = os.environ.get("NETVALUE_DB")
    return Path(env) if env else DEFAULT_DB


def _unregister(cur: duckdb.DuckDBPyConnection, view: str) -> None:
    # After a failed statement the transaction is aborted and unregistering fails too; that second error
    # must not hide the first, which says what was wrong.
    with suppress(duckdb.Error):
        cur.unregister(view)


def _cols(name: str) -> list[str]:
    return RECORD_TYPES[name].column_names


def _key_match(name: str, left: str, right: str) -> str:
    return " AND ".join(f"{left}.{k} = {right}.{k}" for k in RECORD_TYPES[name].key)


class _Versions:
    """The data version of each open store file, read once after each write instead of on every ask (a page
    view asks about ten times). Only a Store in this process can change it: DuckDB lets one process at a time
    open the file for writing. A read that overlaps a write is not kept."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: dict[str, tuple[int, int]] = {}  # key -> (generation when read, version)
        self._generation: dict[str, int] = {}
        self._open_writes: dict[str, int] = {}

    def read(self, key: str, fetch: Callable[[], int]) -> int:
        with self._lock:
            generation = self._generation.get(key, 0)
            kept = self._kept.get(key)
            if kept is not None and kept[0] == generation:
                return kept[1]
        value = fetch()
        with self._lock:
            if self._generation.get(key, 0) == generation and not self._open_writes.get(key):
                self._kept[key] = (generation, value)
        return value

    def forget(self, key: str) -> None:
        with self._lock:
            self._generation[key] = self._generation.get(key, 0) + 1
            self._kept.pop(key, None)

    @contextmanager
    def writing(self, key: str) -> Iterator[None]:
        with self._lock:
            self._open_writes[key] = self._open_writes.get(key, 0) + 1
        self.forget(key)
        try:
            yield
        finally:
            with self._lock:
                self._open_writes[key] -= 1
            self.forget(key)


_versions = _Versions()


class Store:
    """A DuckDB store: one connection per process, a cursor per thread, writes serialised."""

    def __init__(self, path: str | Path = ":memory:", *, busy_timeout: float = 10.0) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + busy_timeout
        while True:
            try:
                self._con = duckdb.connect(self.path)
                break
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise
                if time.monotonic() >= deadline:
                    raise StoreBusy(
                        f"The store {self.path} is busy: another program (perhaps the dashboard) has it open. "
                        "Try again when it has finished, or use another --db."
                    ) from exc
                time.sleep(0.2)
        self._write_lock = threading.RLock()
        self._local = threading.local()
        # Two Stores on one file in one process share DuckDB's database, and so the remembered data version.
        self._version_key = f":memory:{id(self)}" if self.path == ":memory:" else os.path.realpath(self.path)
        _versions.forget(self._version_key)  # another process may have written while no Store held the file
        self.migrate()

    # -- connection plumbing -------------------------------------------------------------------
    def _cur(self) -> duckdb.DuckDBPyConnection:
        cur = getattr(self._local, "cur", None)
        if cur is None:
            cur = self._con.cursor()
            self._local.cur = cur
        return cur

    def close(self) -> None:
        self._con.close()
        _versions.forget(self._version_key)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _df(self, sql: str, params: Sequence[object] = ()) -> pd.DataFrame:
        res = self._cur().execute(sql, list(params))
        types = [str(d[1]) for d in res.description]
        df = res.df()
        # DuckDB hands an all-NULL or empty VARCHAR column over as object; keep text columns one dtype.
        for col, typ in zip(df.columns, types, strict=True):
            if typ == "VARCHAR" and df[col].dtype == object:
                df[col] = df[col].astype("str")
        return df

    @contextmanager
    def _transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._write_lock, _versions.writing(self._version_key):
            cur = self._cur()
            cur.execute("BEGIN TRANSACTION")
            try:
                yield cur
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            else:
                cur.execute("COMMIT")

    # -- schema ----------------------------------------------------------------------------------
    def migrate(self) -> None:
        """Create missing tables and record the schema version."""
        with self._transaction() as cur:
            for stmt in ddl():
                cur.execute(stmt)
            rows = cur.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
            row = rows[0] if rows else None
            if row is None:
                cur.execute("INSERT INTO meta VALUES ('schema_version', ?), ('data_version', '0')",
                            [str(SCHEMA_VERSION)])
            elif int(row[0]) > SCHEMA_VERSION:
                raise RuntimeError(f"The store was written by a newer netvalue (schema {row[0]}).")
            elif int(row[0]) < SCHEMA_VERSION:
                # Future migrations go here, one step per version.
                cur.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION)])

    def schema_version(self) -> int:
        return int(self._cur().execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()[0][0])

    def data_version(self) -> int:
        """A number that grows with every committed change; use it as a cache key."""
        return _versions.read(self._version_key, self._read_data_version)

    def _read_data_version(self) -> int:
        return int(self._cur().execute("SELECT value FROM meta WHERE key = 'data_version'").fetchall()[0][0])

    def _bump(self, cur: duckdb.DuckDBPyConnection) -> None:
        cur.execute("UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) WHERE key = 'data_version'")

    # -- reading ---------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        return {n: int(self._cur().execute(f"SELECT count(*) FROM {n}").fetchall()[0][0]) for n in LOAD_ORDER}

    def is_empty(self) -> bool:
        return all(v == 0 for v in self.counts().values())

    def table(self, name: str, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """All rows of one record type, canonical columns (or the ones asked for), ordered by key."""
        rt = RECORD_TYPES[name]
        cols = rt.column_names if columns is None else [rt.column(c).name for c in columns]  # KeyError if unknown
        return self._df(f"SELECT {', '.join(cols)} FROM {name} ORDER BY {', '.join(rt.key)}")

    def keys(self, name: str, column: str) -> pd.Series:
        """The distinct values of a key column, for foreign-key checks."""
        if column not in _cols(name):
            raise KeyError(column)
        return self._df(f"SELECT DISTINCT {column} AS k FROM {name}")["k"]

    def measurements(self, network_ids: Sequence[str] | None = None) -> pd.DataFrame:
        """Raw measurements, optionally for some networks only (for drill-down, not for overviews)."""
        cols = ", ".join(_cols("measurements"))
        if network_ids is None:
            return self._df(f"SELECT {cols} FROM measurements ORDER BY network_id, indicator_id, period")
        return self._df(
            f"SELECT {cols} FROM measurements WHERE network_id IN (SELECT unnest(?::VARCHAR[])) "
            "ORDER BY network_id, indicator_id, period",
            [list(network_ids)],
        )

    def indicator_stats(
        self,
        grain: str = "all",
        start: date | None = None,
        end: date | None = None,
        network_ids: Sequence[str] | None = None,
        detail: bool = True,
    ) -> pd.DataFrame:
        """Measurements aggregated per network, indicator (and period at a grain) inside DuckDB.

        Columns: network_id, indicator_id, [period], n, value_mean, and with detail (the default) value_sum
        and n_<evidence level> for each level, ordered by the group. detail=False is what scores need and
        nothing more (no sums, no evidence counts, no ordering): about half the work at a million rows.
        """
        if grain not in GRAINS:
            raise ValueError(f"grain must be one of {sorted(GRAINS)}")
        period = f"date_trunc('{GRAINS[grain]}', period)" if GRAINS[grain] else None
        where, params = ["TRUE"], []
        if start is not None:
            where.append("period >= ?")
            params.append(start)
        if end is not None:
            where.append("period <= ?")
            params.append(end)
        if network_ids is not None:
            where.append("network_id IN (SELECT unnest(?::VARCHAR[]))")
            params.append(list(network_ids))
        group = ["network_id", "indicator_id"] + ([f"{period}"] if period else [])
        select_period = f", CAST({period} AS DATE) AS period" if period else ""
        evid = ", ".join(
            f"count(*) FILTER (WHERE evidence = '{lvl}') AS n_{lvl}" for lvl in EVIDENCE_LEVELS
        )
        extra = f", sum(value) AS value_sum, {evid}" if detail else ""
        order = f" ORDER BY {', '.join(group)}" if detail else ""
        sql = (
            f"SELECT network_id, indicator_id{select_period}, count(*) AS n, avg(value) AS value_mean{extra} "
            f"FROM measurements WHERE {' AND '.join(where)} GROUP BY {', '.join(group)}{order}"
        )
        return self._df(sql, params)

    def period_range(self) -> tuple[date | None, date | None]:
        """First and last month with any measurement or participation."""
        row = self._cur().execute(
            "SELECT min(d), max(d) FROM (SELECT period AS d FROM measurements UNION ALL "
            "SELECT joined_on FROM participation UNION ALL SELECT started_on FROM networks)"
        ).fetchall()[0]
        return row[0], row[1]

    def batches(self) -> pd.DataFrame:
        return self._df("SELECT * FROM batches ORDER BY batch_id DESC")

    # -- writing ---------------------------------------------------------------------------------
    def load(self, frames: dict[str, pd.DataFrame], who: str = "", files: Sequence[str] = (),
             csv: Sequence[CsvSpec] = (), accept: Callable[[CsvSummary], bool] | None = None) -> LoadResult:
        """Upsert frames of any record types in one transaction, in dependency order.

        Frames hold canonical columns (typed as netvalue.ingest makes them). csv files are read by DuckDB
        straight into their table; accept then judges each record type's CsvSummary, and a False raises
        BulkDeclined. Everything or nothing is written: a refusal, a failed foreign-key check or any error
        rolls the whole batch back.
        """
        unknown = (set(frames) | {s.record_type for s in csv}) - set(RECORD_TYPES)
        if unknown:
            raise KeyError(f"unknown record types: {sorted(unknown)}")
        with self._transaction() as cur:
            batch_id = int(cur.execute("SELECT coalesce(max(batch_id), 0) + 1 FROM batches").fetchall()[0][0])
            result = LoadResult(batch_id)
            judged: set[str] = set()
            for name in LOAD_ORDER:
                specs = [s for s in csv if s.record_type == name]
                if name not in frames and not specs:
                    continue
                added = replaced = 0
                if name in frames:
                    added, replaced = self._upsert(cur, name, frames[name], batch_id)
                if specs:
                    more, also = self._bulk_upsert(cur, name, specs, batch_id, accept)
                    added, replaced = added + more, replaced + also
                    if accept is not None:
                        judged.add(name)
                result.added[name], result.replaced[name] = added, replaced
            # Loads replace rows by key and never remove a key, so only references out of what this batch
            # wrote can break; a CSV batch that was judged had its references checked in its summary.
            self._check_foreign_keys(cur, [n for n in LOAD_ORDER if (n in frames or n in result.added)
                                           and n not in judged])
            cur.execute(
                "INSERT INTO batches VALUES (?, ?, ?, ?, ?, ?, NULL)",
                [batch_id, datetime.now(), privacy.mask(who), ", ".join(privacy.mask(f) for f in files),
                 result.total_added, result.total_replaced],
            )
            self._bump(cur)
        return result

    def _upsert(self, cur: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame, batch_id: int) -> tuple[int, int]:
        rt = RECORD_TYPES[name]
        missing = [c for c in rt.column_names if c not in frame.columns]
        if missing:
            raise KeyError(f"{name}: missing columns {missing}")
        casts = ", ".join(f"CAST(src.{c.name} AS {c.sql_type}) AS {c.name}" for c in rt.columns)
        cur.register("_incoming_frame", frame[rt.column_names])
        try:
            cur.execute(f"CREATE OR REPLACE TEMP TABLE _incoming AS SELECT {casts} FROM _incoming_frame src")
        finally:
            _unregister(cur, "_incoming_frame")
        cols = ", ".join(rt.column_names)
        cur.execute(
            f"INSERT INTO {name}__replaced SELECT {cols}, batch_id, ? FROM {name} t "
            f"WHERE EXISTS (SELECT 1 FROM _incoming i WHERE {_key_match(name, 'i', 't')})",
            [batch_id],
        )
        replaced = int(cur.execute(
            f"DELETE FROM {name} t WHERE EXISTS (SELECT 1 FROM _incoming i WHERE {_key_match(name, 'i', 't')})"
        ).fetchall()[0][0])
        cur.execute(f"INSERT INTO {name} SELECT {cols}, ? FROM _incoming", [batch_id])
        total = int(cur.execute("SELECT count(*) FROM _incoming").fetchall()[0][0])
        cur.execute("DROP TABLE _incoming")
        return total - replaced, replaced

    def _bulk_upsert(self, cur: duckdb.DuckDBPyConnection, name: str, specs: Sequence[CsvSpec], batch_id: int,
                     accept: Callable[[CsvSummary], bool] | None) -> tuple[int, int]:
        """Read CSV files into a table as part of a batch; (added, replaced). Raises BulkDeclined."""
        rt = RECORD_TYPES[name]
        cols = ", ".join(rt.column_names)
        had_rows = bool(cur.execute(f"SELECT count(*) FROM (SELECT 1 FROM {name} LIMIT 1)").fetchall()[0][0])
        total = 0
        for spec in specs:
            select, params = _csv_select(spec, batch_id)
            try:
                total += int(cur.execute(f"INSERT INTO {name} ({cols}, batch_id) {select}", params).fetchall()[0][0])
            except duckdb.Error as exc:  # a ragged row, bad encoding, an unclosed quote: ingest says where
                raise BulkDeclined(f"{spec.path.name}: {str(exc).splitlines()[0]}", "read") from exc
        if accept is not None and not accept(self._batch_summary(cur, name, batch_id)):
            raise BulkDeclined(f"{name}: the rows need ingest's checks", "judge")
        replaced = 0
        if had_rows:
            # Rows of earlier batches with a key this batch brings are archived, then replaced.
            older = (f"t.batch_id IS DISTINCT FROM ? AND EXISTS (SELECT 1 FROM {name} i WHERE i.batch_id = ? "
                     f"AND {_key_match(name, 'i', 't')})")
            cur.execute(f"INSERT INTO {name}__replaced SELECT {cols}, batch_id, ? FROM {name} t WHERE {older}",
                        [batch_id, batch_id, batch_id])
            replaced = int(cur.execute(f"DELETE FROM {name} t WHERE {older}", [batch_id, batch_id]).fetchall()[0][0])
        # Rows older than the batch that frames of the same batch replaced were already deleted above.
        return total - replaced, replaced

    def _batch_summary(self, cur: duckdb.DuckDBPyConnection, name: str, batch_id: int) -> CsvSummary:
        """One scan over a batch's rows of a table: counts, key duplicates, missing values, distinct texts."""
        rt = RECORD_TYPES[name]
        texts = [c.name for c in rt.columns if c.kind in ("id", "text", "free", "enum")]
        dates = [c.name for c in rt.columns if c.kind in ("date", "month")]
        required = [c.name for c in rt.columns if c.required]
        last = rt.column(rt.key[-1])
        # With a month as the last key, the duplicate check groups by the other keys and also lists them.
        grouped = [k for k in rt.key[:-1] if k in texts] if last.kind == "month" else []
        listed = [c for c in texts if c not in grouped]
        parts = ["count(*)", *(f"count(*) - count({c})" for c in required), *(f"list(DISTINCT {c})" for c in listed),
                 *(f"min({c}), max({c})" for c in dates)]
        row = list(cur.execute(f"SELECT {', '.join(parts)} FROM {name} WHERE batch_id = ?", [batch_id]).fetchall()[0])
        rows = int(row.pop(0))
        missing = {c: int(row.pop(0)) for c in required}
        distinct = {c: list(row.pop(0) or []) for c in listed}
        date_range = {c: (row.pop(0), row.pop(0)) for c in dates}
        duplicates, key_lists = self._duplicate_keys(cur, name, batch_id, grouped)
        distinct.update(key_lists)
        distinct = {c: distinct[c] for c in texts}
        keys = rows - duplicates
        unknown: dict[str, list[str]] = {}
        for fk in rt.foreign_keys:
            values = [v for v in distinct.get(fk.column, []) if v is not None]
            bad = cur.execute(f"SELECT unnest(?::VARCHAR[]) AS v EXCEPT SELECT {fk.target_column} FROM {fk.target} "
                              "ORDER BY v LIMIT 20", [values]).fetchall()
            if bad:
                unknown[fk.column] = [r[0] for r in bad]
        return CsvSummary(name, rows, keys, missing, distinct, date_range, unknown)

    def _duplicate_keys(self, cur: duckdb.DuckDBPyConnection, name: str, batch_id: int,
                        listed: Sequence[str] = ()) -> tuple[int, dict[str, list[str | None]]]:
        """Rows of a batch whose key another row of the batch also has (0 when every key is unique), and the
        distinct values of the listed key columns (month keys only), found in the same pass."""
        rt = RECORD_TYPES[name]
        last = rt.column(rt.key[-1])
        where = f"FROM {name} WHERE batch_id = ?"
        if last.kind != "month":
            n = cur.execute(f"SELECT count(*) - count(DISTINCT ({', '.join(rt.key)})) {where}", [batch_id]).fetchall()
            return int(n[0][0]), {}
        # One bit per month within each (other keys, year) group: a duplicate shows as fewer bits than rows.
        # Exact, and far cheaper than hashing a million keys.
        others = ", ".join(rt.key[:-1])
        lists = "".join(f", list(DISTINCT {c})" for c in listed)
        row = cur.execute(
            f"SELECT coalesce(sum(n - bit_count(b)), 0){lists} FROM (SELECT {others}, count(*) AS n, "
            f"bit_or(1::INTEGER << (month({last.name}) - 1)::INTEGER) AS b {where} AND {last.name} IS NOT NULL "
            f"GROUP BY {others}, year({last.name}))", [batch_id]).fetchall()[0]
        return int(row[0]), {c: list(v or []) for c, v in zip(listed, row[1:], strict=True)}

    def _check_foreign_keys(self, cur: duckdb.DuckDBPyConnection, names: Sequence[str] = LOAD_ORDER) -> None:
        problems = []
        for name in names:
            for fk in RECORD_TYPES[name].foreign_keys:
                rows = cur.execute(
                    f"SELECT DISTINCT c.{fk.column} FROM {name} c WHERE c.{fk.column} IS NOT NULL AND NOT EXISTS "
                    f"(SELECT 1 FROM {fk.target} p WHERE p.{fk.target_column} = c.{fk.column}) LIMIT 5"
                ).fetchall()
                problems += [f"{name}.{fk.column} = {r[0]!r} has no {fk.target}.{fk.target_column}" for r in rows]
        if problems:
            raise StoreIntegrityError("Foreign keys would break; nothing was written.", problems, "foreign_keys")

    def undo(self, batch_id: int) -> None:
        """Restore exactly the state before a batch; refuse when a later batch touched the same rows."""
        with self._transaction() as cur:
            rows = cur.execute("SELECT undone_at FROM batches WHERE batch_id = ?", [batch_id]).fetchall()
            row = rows[0] if rows else None
            if row is None:
                raise StoreIntegrityError(f"There is no batch {batch_id}.", code="no_batch", batch=batch_id)
            if row[0] is not None:
                raise StoreIntegrityError(f"Batch {batch_id} is already undone.", code="already_undone",
                                          batch=batch_id)
            clashes = []
            for name in LOAD_ORDER:
                key = RECORD_TYPES[name].key
                keysel = ", ".join(key)
                # Keys this batch wrote that a later batch has since replaced.
                n = cur.execute(
                    f"SELECT count(*) FROM {name}__replaced r WHERE r.batch_id = ? AND r.replaced_by > ?",
                    [batch_id, batch_id],
                ).fetchall()[0][0]
                if n:
                    clashes.append(f"{name}: {n} rows ({keysel}) were changed again by a later upload")
            if clashes:
                raise StoreIntegrityError(
                    f"Batch {batch_id} cannot be undone: later uploads changed the same rows. Undo those first.",
                    clashes, "later_batch", batch=batch_id,
                )
            for name in reversed(LOAD_ORDER):
                cols = ", ".join(_cols(name))
                cur.execute(f"DELETE FROM {name} WHERE batch_id = ?", [batch_id])
                cur.execute(
                    f"INSERT INTO {name} SELECT {cols}, batch_id FROM {name}__replaced WHERE replaced_by = ?",
                    [batch_id],
                )
                cur.execute(f"DELETE FROM {name}__replaced WHERE replaced_by = ?", [batch_id])
            self._check_foreign_keys(cur)
            cur.execute("UPDATE batches SET undone_at = ? WHERE batch_id = ?", [datetime.now(), batch_id])
            self._bump(cur)

    # -- backups ---------------------------------------------------------------------------------------
    def _all_tables(self) -> list[str]:
        return ["meta", "batches", *LOAD_ORDER, *(f"{n}__replaced" for n in LOAD_ORDER)]

    def backup(self, directory: str | Path) -> dict:
        """Write every table as Parquet plus manifest.json into a new directory; return the manifest.

        Tables are read inside one transaction, so the backup is one consistent state. The directory is
        written under a temporary name and renamed at the end: a crash never leaves a half backup.
        Paths never enter SQL: rows come out as Arrow tables and pyarrow writes the files.
        """
        import pyarrow.parquet as pq

        target = Path(directory)
        if target.exists() and any(target.iterdir()):
            raise FileExistsError(f"{target} exists and is not empty")
        target.parent.mkdir(parents=True, exist_ok=True)
        # A unique temporary name: a leftover .partial (a crash, or another backup running now) is never
        # deleted or reused; it holds no finished backup, and the operator may remove it.
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent))
        counts: dict[str, int] = {}
        try:
            with self._transaction() as cur:
                for name in self._all_tables():
                    arrow = cur.sql(f"SELECT * FROM {name}").to_arrow_table()
                    pq.write_table(arrow, tmp / f"{name}.parquet")
                    counts[name] = arrow.num_rows
                version = int(cur.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchall()[0][0])
            manifest = {"format": "netvalue-backup-1", "schema_version": SCHEMA_VERSION, "data_version": version,
                        "created": datetime.now().isoformat(timespec="seconds"), "rows": counts}
            (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        try:
            if target.exists():
                target.rmdir()  # empty (checked above); fails if something arrived meanwhile
            tmp.rename(target)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)
            raise FileExistsError(f"{target} exists and is not empty") from None
        return manifest

    def restore(self, directory: str | Path,
                check: Callable[[dict[str, pd.DataFrame]], None] | None = None) -> dict:
        """Replace everything in the store with a backup, in one transaction; return its manifest.

        Anything wrong with the backup (missing or damaged files, a manifest that does not match, columns
        other than the store's own, rows check refuses) raises ValueError and leaves the store as it was.
        check gets every table of the backup as a DataFrame before anything is written (service.restore passes
        ingest's rules). Column names come from the store's tables, never from the files, so a crafted backup
        cannot put SQL into the statement.
        """
        import pyarrow.parquet as pq

        source = Path(directory)
        try:
            manifest = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ValueError(f"{source} is not a netvalue backup (no readable manifest.json)") from exc
        rows = manifest.get("rows") if isinstance(manifest, dict) else None
        try:
            readable = (isinstance(rows, dict) and manifest.get("format") == "netvalue-backup-1"
                        and int(manifest.get("schema_version", 0)) <= SCHEMA_VERSION and isinstance(rows, dict))
        except (TypeError, ValueError):
            readable = False
        if not readable:
            raise ValueError(f"{source} is a backup this netvalue cannot read (its manifest.json does not fit)")
        tables = {}
        for name in self._all_tables():
            try:
                tables[name] = pq.read_table(source / f"{name}.parquet")
            except Exception as exc:  # any unreadable file (missing, truncated, not Parquet) is a damaged backup
                raise ValueError(f"{name}.parquet cannot be read ({type(exc).__name__}): "
                                 "the backup is damaged") from exc
        with self._transaction() as cur:
            before = int(cur.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchall()[0][0])
            columns = {}
            for name, arrow in tables.items():
                own = [d[0] for d in cur.execute(f"SELECT * FROM {name} LIMIT 0").description]
                if sorted(arrow.column_names) != sorted(own):
                    raise ValueError(f"{name}.parquet has the columns {arrow.column_names}, the store has {own}: "
                                     "the backup is damaged or not from netvalue")
                if arrow.num_rows != rows.get(name):
                    raise ValueError(f"{name}.parquet holds {arrow.num_rows} rows, the manifest says "
                                     f"{rows.get(name)}: the backup is damaged")
                columns[name] = own
            if check is not None:
                try:
                    frames = {name: arrow.select(columns[name]).to_pandas() for name, arrow in tables.items()}
                except Exception as exc:  # a value pyarrow cannot turn into pandas is a damaged backup
                    raise ValueError(f"the backup cannot be read ({type(exc).__name__}): it is damaged") from exc
                check(frames)
            for name, arrow in tables.items():
                own = columns[name]
                cur.execute(f"DELETE FROM {name}")
                cur.register("_restore_rows", arrow)
                try:
                    cols = ", ".join(own)
                    cur.execute(f"INSERT INTO {name} ({cols}) SELECT {cols} FROM _restore_rows")
                except duckdb.Error as exc:
                    raise ValueError(f"{name}.parquet does not fit the store ({exc}): the backup is damaged") from exc
                finally:
                    _unregister(cur, "_restore_rows")
            self._check_foreign_keys(cur)
            # The version must move past every version this store has shown, or a cache keyed by it would
            # serve what was there before the restore.
            try:
                after = max(before, int(manifest.get("data_version", 0))) + 1
            except (TypeError, ValueError):
                after = before + 1
            cur.execute("UPDATE meta SET value = ? WHERE key = 'data_version'", [str(after)])
        return manifest

    # -- references for the benchmark ----------------------------------------------------------------
    def reference_group_by(self) -> pd.DataFrame:
        """Bare DuckDB: mean value per network and indicator, the floor any scoring query stands on."""
        return self._df("SELECT network_id, indicator_id, avg(value) AS v FROM measurements GROUP BY ALL")


def _csv_select(spec: CsvSpec, batch_id: int) -> tuple[str, list[object]]:
    """SELECT typing a CSV file's fields into the record type's columns and batch_id; its parameters."""
    rt = RECORD_TYPES[spec.record_type]
    fields = {name: f"f{i}" for i, name in enumerate(spec.columns)}
    exprs: list[str] = []
    params: list[object] = []
    for c in rt.columns:
        f = fields.get(c.name)
        raw = f or "NULL::VARCHAR"  # the reader gives NULL for an empty field, quoted or not
        if c.kind in ("id", "text", "free"):
            exprs.append(raw)
        elif c.kind == "enum":
            spellings = spec.enum_spellings.get(c.name, {})
            expr = raw
            if spellings and f:
                expr = f"CASE {raw} {' '.join('WHEN ? THEN ?' for _ in spellings)} ELSE {raw} END"
                params += [x for pair in spellings.items() for x in pair]
            if c.default is not None:
                expr = f"coalesce({expr}, ?)"
                params.append(c.default)
            exprs.append(expr)
        elif c.kind == "float":
            number = f"replace({f}, ',', '.')" if spec.decimal == "," else f
            exprs.append(f"CASE WHEN regexp_full_match({f}, ?) THEN CAST({number} AS DOUBLE) END" if f else "NULL")
            if f:
                params.append(spec.number_pattern)
        elif c.kind in ("date", "month"):
            # The first format alone first: most files use one spelling, and one format is cheaper than a list.
            first, rest = spec.date_formats[0], list(spec.date_formats[1:])
            one, many = f"try_strptime({f}, ?)", f"try_strptime({f}, ?::VARCHAR[])"
            if c.kind == "month":  # a format without a day already gives the first of the month
                many = f"date_trunc('month', {many})"
                if "%d" in first:
                    one = f"date_trunc('month', {one})"
            parsed = f"coalesce({one}, {many})" if rest else one
            exprs.append(f"CAST({parsed} AS DATE)" if f else "NULL::DATE")
            if f:
                params += [first, rest] if rest else [first]
        else:
            raise ValueError(f"{c.name}: the DuckDB reader does not type {c.kind} columns")
    types = {f"f{i}": "VARCHAR" for i in range(len(spec.columns))}
    sql = (f"SELECT {', '.join(exprs)}, ? FROM read_csv(?, header = false, skip = 1, delim = ?, quote = '\"', "
           "escape = '\"', columns = ?, auto_detect = false, strict_mode = true, null_padding = false)")
    return sql, [*params, batch_id, str(spec.path), spec.delimiter, types]


def reference_read_csv(path: str | Path) -> int:
    """Bare DuckDB: read a CSV file into a table of a fresh in-memory database; the rows read."""
    con = duckdb.connect(":memory:")
    try:
        con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?)", [str(path)])
        return int(con.execute("SELECT count(*) FROM t").fetchall()[0][0])
    finally:
        con.close()
