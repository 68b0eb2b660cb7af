"""The view layer: one pure function per page (or section), from a data source and the filters to everything
that page shows — figures, frames, plotly figures and the values of its sentences — as a frozen dataclass.

Pages cache a view (one cache-key rule: the store's path and data version, the view and the filters) and draw
it; they compute nothing themselves. A figure shown on two pages comes from one function, so it is equal on
both for the same filters (tests/test_views_invariants.py checks it).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

import pandas as pd


class Source(Protocol):
    """Where views read data: a record type's rows, measurements aggregated by DuckDB, the data's months, and
the raw measurements of a few networks (a network's drill-down)."""

    def table(self, name: str) -> pd.DataFrame: ...

    def stats(self, grain: str, start: date | None, end: date | None) -> pd.DataFrame: ...

    def period_range(self) -> tuple[date | None, date | None]: ...

    def measurements(self, network_ids: Sequence[str]) -> pd.DataFrame: ...


class StoreSource:
    """A Source over a netvalue.store.Store (the command line, the report and the tests use it directly; the
    dashboard wraps the same calls in Streamlit's caches)."""

    def __init__(self, store: object) -> None:
        self._store = store

    def table(self, name: str) -> pd.DataFrame:
        return self._store.table(name)  # type: ignore[attr-defined]

    def stats(self, grain: str, start: date | None, end: date | None) -> pd.DataFrame:
        return self._store.indicator_stats(grain, start, end)  # type: ignore[attr-defined]

    def period_range(self) -> tuple[date | None, date | None]:
        return self._store.period_range()  # type: ignore[attr-defined]

    def measurements(self, network_ids: Sequence[str]) -> pd.DataFrame:
        return self._store.measurements(list(network_ids))  # type: ignore[attr-defined]
