"""Test helpers and the tiny data set, shared by the test modules (import as tests.support)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import pandas as pd

from netvalue.schema import RECORD_TYPES

Rows = Sequence[Sequence[object]]

# The upload contract as ../shared/DESIGN.md writes it, kept apart from netvalue.schema on purpose.
DESIGN_COLUMNS = {
    "org_units": ["unit_id", "name", "parent_id", "level"],
    "networks": ["network_id", "name", "type", "home_unit_id", "leader", "purpose", "started_on", "ended_on",
                 "parent_network_id"],
    "participation": ["network_id", "unit_id", "joined_on", "left_on", "people"],
    "indicators": ["indicator_id", "name", "perspective", "unit", "worst", "best"],
    "measurements": ["network_id", "indicator_id", "period", "value", "evidence", "note"],
    "stories": ["network_id", "told_on", "perspective", "title", "text"],
}


def make_csv(rows: Rows, delimiter: str = ",", encoding: str = "utf-8", newline: str = "\n") -> bytes:
    """CSV bytes from rows (header first), written the way csv.writer quotes them."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=delimiter, lineterminator=newline)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buf.getvalue().encode(encoding)


def typed(record_type: str, rows: Rows, where: str = "ingest", columns: Sequence[str] | None = None) -> pd.DataFrame:
    """The frame a record type's rows should become, typed by hand from the schema's column kinds.

    rows are data rows in canonical column order (no header); "" and None mean empty. where="ingest" gives
    the dtypes ingest.prepare produces, where="store" those Store.table reads back from DuckDB.
    """
    rt = RECORD_TYPES[record_type]
    names = list(columns or rt.column_names)
    df = pd.DataFrame([[None if v == "" else v for v in r] for r in rows], columns=names, dtype=object)
    dtypes = {}
    for name in names:
        kind = rt.column(name).kind
        if kind in ("int",):
            dtypes[name] = "Int64" if where == "ingest" else "int64"
        elif kind == "float":
            dtypes[name] = "float64"
        elif kind in ("date", "month"):
            dtypes[name] = "datetime64[s]" if where == "ingest" else "datetime64[us]"
        else:
            dtypes[name] = "str"
    return df.astype(dtypes)


ORG_UNITS: list[list[str]] = [
    ["unit_id", "name", "parent_id", "level"],
    ["K", "Albertslund Kommune", "", "municipality"],
    ["A1", "Social og Sundhed", "K", "area"],
    ["C1", "Center for Sundhed og Omsorg", "A1", "centre"],
    ["U1", "Hjemmeplejen Nord", "C1", "unit"],
    ["U2", "Træning og Rehabilitering", "C1", "unit"],
    ["X1", "Region Hovedstaden", "K", "external"],
]
INDICATORS: list[list[str]] = [
    ["indicator_id", "name", "perspective", "unit", "worst", "best"],
    ["sat", "Borgertilfredshed", "citizen", "skala 1-5", "1", "5"],
    ["sick", "Sygefravær", "staff", "dage", "20", "0"],  # lower is better
    ["saved", "Sparede udgifter", "economy", "DKK", "0", "100000"],
    ["cost", "Investeret tid i kroner", "input", "DKK", "100000", "0"],
]
NETWORKS: list[list[str]] = [
    ["network_id", "name", "type", "home_unit_id", "leader", "purpose", "started_on", "ended_on",
     "parent_network_id"],
    ["N1", "Tidlig opsporing", "welfare", "U1", "Netværksleder, Hjemmeplejen", "Opdage funktionstab tidligt",
     "2014-01-01", "", ""],
    ["N2", "Frivillighed", "learning", "U2", "Netværksleder, Træning", "Lære af frivillige", "2014-06-01", "", "N1"],
]
PARTICIPATION: list[list[str]] = [
    ["network_id", "unit_id", "joined_on", "left_on", "people"],
    ["N1", "U1", "2014-01-01", "", "4"],
    ["N1", "X1", "2014-02-01", "2014-12-31", "1"],
    ["N2", "U2", "2014-06-01", "", "3"],
]
MEASUREMENTS: list[list[str]] = [
    ["network_id", "indicator_id", "period", "value", "evidence", "note"],
    ["N1", "sat", "2014-01", "4", "measured", ""],
    ["N1", "sat", "2014-02", "5", "self_reported", "god måned"],
    ["N1", "sick", "2014-01", "10", "", ""],
    ["N1", "saved", "2014-01", "50000", "evaluated_external", ""],
    ["N1", "cost", "2014-01", "20000", "measured", ""],
    ["N2", "sat", "2014-06", "3", "self_reported", ""],
]
STORIES: list[list[str]] = [
    ["network_id", "told_on", "perspective", "title", "text"],
    ["N1", "2014-03-15", "citizen", "Fru Hansen går selv i Kvickly igen", "Efter tre uger med træning …"],
]

TINY_ROWS: dict[str, list[list[str]]] = {
    "org_units": ORG_UNITS,
    "indicators": INDICATORS,
    "networks": NETWORKS,
    "participation": PARTICIPATION,
    "measurements": MEASUREMENTS,
    "stories": STORIES,
}
