"""Named operations the pages and the command line share: load files, seed the sample, score networks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from netvalue import bulk, loadrules
from netvalue.schema import LOAD_ORDER, RECORD_TYPES, SCHEMA_VERSION
from netvalue.store import LoadResult, Store

if TYPE_CHECKING:  # pandas, ingest and scoring load where they are used: a CLI load of a large CSV needs none
    import pandas as pd

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "sample"


def load_files(store: Store, files: Sequence[tuple[str, bytes]], who: str = "",
               decimal: str | None = None) -> tuple[loadrules.LoadPlan, LoadResult]:
    """Validate files together and write them as one batch. Raises ingest.IngestError (nothing written).

    decimal (',' or '.') is the user's answer for files whose numbers do not show their style (ingest.prepare).

    Large measurement CSVs take netvalue.bulk's DuckDB path; when it declines, everything goes through
    ingest.prepare, which gives the same rows or the row-level report.
    """
    fast = bulk.load(store, files, who=who, decimal=decimal)
    if fast is not None:
        return fast
    from netvalue import ingest

    plan = ingest.prepare(files, store, decimal=decimal)
    result = store.load(plan.frames, who=who, files=plan.files)
    return plan, result


def sample_files(directory: Path = SAMPLE_DIR) -> list[tuple[str, bytes]]:
    """The embedded sample as (name, bytes) pairs."""
    paths = sorted(directory.glob("*.csv"))
    if not paths:
        raise FileNotFoundError(f"no sample CSV files in {directory}")
    return [(p.name, p.read_bytes()) for p in paths]


def ensure_sample(store: Store, directory: Path = SAMPLE_DIR) -> bool:
    """Load the embedded sample into an empty store; True when it did."""
    if not store.is_empty():
        return False
    load_files(store, sample_files(directory), who="sample")
    return True


def network_scores(
    store: Store,
    weights: Mapping[str, float] | None = None,
    start: date | None = None,
    end: date | None = None,
) -> pd.DataFrame:
    """One row per network with citizen, economy, staff, overall and balance over a window."""
    from netvalue import scoring

    stats = store.indicator_stats("all", start, end, detail=False)
    networks = store.table("networks", ["network_id", "name", "type"])
    return scoring.network_scores(stats, store.table("indicators"), networks, weights)


# -- restore: a backup is as untrusted as an upload ------------------------------------------------------------
class _Keys:
    """KeySource over restored frames (for checking the archive of replaced rows against everything restored)."""

    def __init__(self, frames: Mapping[str, pd.DataFrame]) -> None:
        self.frames = frames

    def keys(self, name: str, column: str) -> pd.Series:
        import pandas as pd

        parts = [f[column] for n, f in self.frames.items() if n in (name, f"{name}__replaced") and column in f]
        return pd.concat(parts, ignore_index=True) if parts else pd.Series([], dtype="str")

    def table(self, name: str) -> pd.DataFrame:
        return self.frames[name]


def _as_text(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """A record type's restored rows spelled as a CSV file from the template would spell them."""
    import pandas as pd

    out = pd.DataFrame(index=frame.index)
    for c in RECORD_TYPES[name].columns:
        raw = frame[c.name]
        text = raw.astype("str").where(raw.notna(), "")
        if c.kind in ("date", "month"):
            when = pd.to_datetime(raw, errors="coerce")
            text = text.where(when.isna(), when.dt.strftime("%Y-%m" if c.kind == "month" else "%Y-%m-%d"))
        elif c.kind == "int":
            number = pd.to_numeric(raw, errors="coerce")
            whole = number.notna() & (number == number.round())
            text = text.where(~whole, number.where(whole, 0).astype("int64").astype("str"))
        out[c.name] = text
    return out


def _csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def check_backup(frames: Mapping[str, pd.DataFrame]) -> None:
    """Refuse a backup whose rows break ingest's rules (CPR numbers, unknown types and evidence levels, numbers
    that are not numbers, negative people, cycles in the org tree, broken references): the same checks an upload
    passes, run by ingest.prepare on the rows spelled as CSV. Raises ValueError naming file, line and column."""
    from netvalue import ingest

    files = [(f"{name}.parquet", _csv(_as_text(frames[name], name))) for name in LOAD_ORDER if len(frames[name])]
    problems: list[ingest.Problem] = []
    total = 0
    try:
        ingest.prepare(files)
    except ingest.IngestError as exc:
        problems, total = exc.problems, exc.total
    # Rows that uploads replaced come back with undo; they meet the same rules. One key can have been replaced
    # more than once, so each generation of the archive is checked on its own, against every restored key.
    source = _Keys(frames)
    for name in LOAD_ORDER:
        archive = frames[f"{name}__replaced"]
        if not len(archive):
            continue
        generation = archive.groupby(list(RECORD_TYPES[name].key), dropna=False, sort=False).cumcount()
        for g in sorted(generation.unique()):
            rows = archive[(generation == g).to_numpy()]
            try:
                ingest.prepare([(f"{name}__replaced.parquet", _csv(_as_text(rows, name)))], source)
            except ingest.IngestError as exc:
                problems, total = problems + exc.problems, total + exc.total
    for column in ("who", "files"):
        text = frames["batches"][column].astype("str").where(frames["batches"][column].notna(), "")
        hits = int(ingest.cpr_hits(text).sum())
        if hits:
            problems.append(ingest.Problem("batches.parquet", None, column, "", "cpr", expected_key="expected.no_cpr"))
            total += 1
    meta = dict(zip(frames["meta"]["key"], frames["meta"]["value"], strict=True))
    if set(meta) != {"schema_version", "data_version"} or not all(str(v).isdigit() for v in meta.values()) \
            or int(meta["schema_version"]) > SCHEMA_VERSION:
        raise ValueError("meta.parquet does not hold a schema and data version this netvalue can use: "
                         "the backup is damaged or not from netvalue; nothing was restored")
    if problems:
        report = ingest.IngestError(problems, total).report("en", limit=20)
        raise ValueError(f"the backup breaks the rules every upload meets ({total} problem(s)); nothing was "
                         f"restored:\n{report}")


def restore(store: Store, directory: str | Path) -> dict:
    """Replace the store's contents with a backup after checking its rows with ingest's rules; its manifest."""
    return store.restore(directory, check=check_backup)
