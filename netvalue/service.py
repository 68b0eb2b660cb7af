"""Named operations the pages and the command line share: load files, seed the sample, score networks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

import pandas as pd

from netvalue import bulk, ingest, scoring
from netvalue.store import LoadResult, Store

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "sample"


def load_files(store: Store, files: Sequence[tuple[str, bytes]], who: str = "",
               decimal: str | None = None) -> tuple[ingest.LoadPlan, LoadResult]:
    """Validate files together and write them as one batch. Raises ingest.IngestError (nothing written).

    decimal (',' or '.') is the user's answer for files whose numbers do not show their style (ingest.prepare).

    Large measurement CSVs take netvalue.bulk's DuckDB path; when it declines, everything goes through
    ingest.prepare, which gives the same rows or the row-level report.
    """
    fast = bulk.load(store, files, who=who, decimal=decimal)
    if fast is not None:
        return fast
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
    stats = store.indicator_stats("all", start, end, detail=False)
    networks = store.table("networks", ["network_id", "name", "type"])
    return scoring.network_scores(stats, store.table("indicators"), networks, weights)
