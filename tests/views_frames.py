"""A tiny hand-made Source for the view tests: one area, one centre, three units and an outside partner; two
networks in the first half of 2020 (N2 budded from N1 and ran March–April). No measurements."""

from __future__ import annotations

from datetime import date

import pandas as pd

from netvalue.schema import RECORD_TYPES

T = pd.Timestamp
NAT = pd.NaT

STATS_COLUMNS = ["network_id", "indicator_id", "n", "value_mean", "value_sum", "n_self_reported", "n_measured",
                 "n_evaluated_internal", "n_evaluated_external"]


class FrameSource:
    """The view layer's Source over frames in memory."""

    def __init__(self, tables: dict[str, pd.DataFrame], bounds: tuple[date | None, date | None]) -> None:
        self.tables = tables
        self.bounds = bounds

    def table(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def stats(self, grain: str, start: date | None, end: date | None) -> pd.DataFrame:
        cols = STATS_COLUMNS if grain == "all" else [*STATS_COLUMNS[:2], "period", *STATS_COLUMNS[2:]]
        return pd.DataFrame({c: pd.Series(dtype="float64" if c.startswith("value") else
                                          "datetime64[us]" if c == "period" else
                                          "int64" if c.startswith("n") and c not in ("network_id",) else "str")
                             for c in cols})

    def period_range(self) -> tuple[date | None, date | None]:
        return self.bounds

    def measurements(self, network_ids: list[str]) -> pd.DataFrame:
        m = self.tables.get("measurements")
        if m is None:
            m = pd.DataFrame({c: pd.Series(dtype="datetime64[us]" if c == "period" else "float64" if c == "value"
                                           else "str") for c in RECORD_TYPES["measurements"].column_names})
        return m[m["network_id"].isin(network_ids)]


def tiny() -> FrameSource:
    org = pd.DataFrame({
        "unit_id": ["M", "A", "C", "U1", "U2", "U3", "X"],
        "name": ["Kommunen", "Området", "Centret", "Enhed 1", "Enhed 2", "Enhed 3", "Foreningen"],
        "parent_id": [None, "M", "A", "C", "C", "A", None],
        "level": ["municipality", "area", "centre", "unit", "unit", "unit", "external"],
    }).astype({"unit_id": "str", "name": "str", "parent_id": "str", "level": "str"})
    networks = pd.DataFrame({
        "network_id": ["N1", "N2"], "name": ["Første", "Knoppen"], "type": ["welfare", "learning"],
        "home_unit_id": ["U1", "U2"], "leader": ["a", "b"], "purpose": ["p", "q"],
        "started_on": [T("2020-01-01"), T("2020-03-01")], "ended_on": [NAT, T("2020-04-30")],
        "parent_network_id": [None, "N1"],
    }).astype({"network_id": "str", "name": "str", "type": "str", "home_unit_id": "str", "parent_network_id": "str"})
    part = pd.DataFrame({
        "network_id": ["N1", "N1", "N1", "N2"],
        "unit_id": ["U1", "U2", "X", "U2"],
        "joined_on": [T("2020-01-01"), T("2020-02-15"), T("2020-01-01"), T("2020-03-01")],
        "left_on": [NAT, NAT, NAT, T("2020-04-30")],
        "people": [5, 3, 2, 4],
    }).astype({"network_id": "str", "unit_id": "str", "people": "int64"})
    indicators = pd.DataFrame({"indicator_id": pd.Series(dtype="str"), "name": pd.Series(dtype="str"),
                               "perspective": pd.Series(dtype="str"), "unit": pd.Series(dtype="str"),
                               "worst": pd.Series(dtype="float64"), "best": pd.Series(dtype="float64")})
    stories = pd.DataFrame({"network_id": pd.Series(dtype="str"), "told_on": pd.Series(dtype="datetime64[us]"),
                            "perspective": pd.Series(dtype="str"), "title": pd.Series(dtype="str"),
                            "text": pd.Series(dtype="str")})
    return FrameSource({"org_units": org, "networks": networks, "participation": part, "indicators": indicators,
                        "stories": stories}, (date(2020, 1, 1), date(2020, 6, 1)))
