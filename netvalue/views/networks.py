"""The network explorer as data: the table of the selected networks (scores, evidence mix, thin evidence) with
its search, sort and downloads, and one network's page: what made its score indicator by indicator, its scores
over time, units and partners, stories and budding family.

Every score comes from the one selection (netvalue.views.selection.select) over the filters' window, so a
network's score is the same number in the table, on its own page, on the overview and on the method page."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from netvalue import explain, formats
from netvalue import filters as flt
from netvalue.charts import networks as charts
from netvalue.filters import Filters
from netvalue.i18n import label, t
from netvalue.schema import NETWORK_TYPES, PERSPECTIVES
from netvalue.views import Source
from netvalue.views.selection import Selection, resolve_window, select
from netvalue.windows import Window

SORT_OPTIONS: tuple[str, ...] = ("overall", *PERSPECTIVES, "balance", "share_self_reported", "people", "net_dkk",
                                 "name", "started_on")
ASCENDING = frozenset({"name", "share_self_reported"})  # the sorts where the smallest comes first
SHARES = ("share_self_reported", "share_measured", "share_evaluated")
# The table's columns in the order shown and downloaded.
COLUMNS: tuple[str, ...] = ("name", "overall", "thin", *SHARES, *PERSPECTIVES, "balance", "type", "active", "n",
                            "people", "units", "partners", "net_dkk", "leader", "network_id")
# Up to this many months the network's scores over time are drawn month by month, above it quarter by quarter.
MONTHLY_UP_TO = 24
# The table shows this many rows at a time: styling and sending 2,000 rows cost the server 0.2 CPU-s on every
# rerun of every session (tools/wsbench.py); the sort and search above the table work on all rows.
TABLE_PAGE_ROWS = 200


@dataclass(frozen=True)
class NetworksView:
    selection: Selection
    names: dict[str, str]  # every network in the store, id -> name (the picker opens any of them)
    table: pd.DataFrame  # explain.network_table of the selected networks (thin included), by network_id

    @property
    def empty_reason(self) -> str | None:
        return self.selection.empty_reason

    @property
    def window(self) -> Window | None:
        return self.selection.window


def networks_view(src: Source, f: Filters) -> NetworksView:
    sel = select(src, f)
    networks = src.table("networks")
    names = dict(zip(networks["network_id"], networks["name"], strict=True))
    if sel.window is None:
        return NetworksView(sel, names, pd.DataFrame(columns=explain.TABLE_COLUMNS))
    win = sel.window
    table = explain.network_table(sel.networks, sel.stats, src.table("indicators"), src.table("participation"),
                                  src.table("org_units"), f.weight_map, win.start, win.end, sel.scores)
    return NetworksView(sel, names, table)


def table_rows(table: pd.DataFrame, query: str | None, sort_by: str, lang: str) -> pd.DataFrame:
    """The rows the table shows: those matching the search (the translated type too), sorted (ties by name),
    with type, status and thin evidence as text and the evidence shares in percent."""
    # Each distinct value is translated once (a dict lookup per row): this runs on every rerun of the page.
    type_label = {x: label("type", x, lang) for x in table["type"].unique()}
    rows = explain.search(table, query, extra=table["type"].map(type_label))
    sort_by = sort_by if sort_by in SORT_OPTIONS else "overall"
    rows = rows.sort_values([sort_by, "name"], ascending=[sort_by in ASCENDING, True],
                            na_position="last").reset_index(drop=True)
    status = {True: t("networks.running", lang), False: t("networks.ended", lang)}
    thin = {True: t("evidence.thin", lang), False: ""}
    return rows.assign(
        type=rows["type"].map(type_label),
        active=rows["active"].map(lambda a: status[bool(a)]),
        thin=rows["thin"].map(lambda x: thin[bool(x)]),
        **{c: 100 * rows[c] for c in SHARES},
    )


def row_pages(n: int, size: int = TABLE_PAGE_ROWS) -> list[tuple[int, int]]:
    """The table's pages as (first, last) row numbers counted from 1: [(1, 200), (201, 400), ...]."""
    return [(first, min(first + size - 1, n)) for first in range(1, n + 1, size)]


def page_of(rows: pd.DataFrame, page: int, size: int = TABLE_PAGE_ROWS) -> pd.DataFrame:
    """The rows of one page of the table (page counted from 0; a page past the end gives the last page)."""
    last = max(0, (len(rows) - 1) // size)
    page = min(max(0, page), last)
    return rows.iloc[page * size:(page + 1) * size]


def download_frame(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The shown rows as the CSV and Excel downloads hold them: the table's columns under their headers."""
    out = rows[list(COLUMNS)]
    # Rounded as the table shows them: balance to two decimals, every other figure whole.
    decimals = {t(f"networks.col.{c}", lang): 2 if c == "balance" else 0 for c in COLUMNS
                if pd.api.types.is_float_dtype(out[c].dtype)}
    return formats.with_decimals(out.rename(columns={c: t(f"networks.col.{c}", lang) for c in COLUMNS}), decimals)


# == One network ================================================================================================
@dataclass(frozen=True)
class NetworkView:
    network_id: str
    name: str
    type: str
    home: str | None  # the home unit's name
    started_on: date
    ended_on: date | None
    purpose: str | None
    leader: str | None
    window: Window
    outside: tuple[str, ...]  # why the filters leave it out: "types", "period", "unit"; () when selected
    figures: dict[str, object]  # its row of the networks table (overall, thin, shares, balance, n, people, ...)
    breakdown: pd.DataFrame  # explain.indicator_breakdown: indicator by indicator
    legs: pd.DataFrame  # explain.perspective_breakdown: leg by leg, weight and contribution
    terms: tuple[tuple[float, float], ...]  # (weight, score) of each leg measured: overall = sum of products
    indicator_chart: go.Figure | None
    evidence_chart: go.Figure | None
    timeline: pd.DataFrame  # explain.timeline at timeline_grain
    timeline_grain: str  # month | quarter
    timeline_chart: go.Figure
    measurements: pd.DataFrame  # its raw measurements in the window, each with its score (the drill-down)
    units: pd.DataFrame  # explain.network_units, internal units
    partners: pd.DataFrame  # explain.network_units, external partners
    stories: pd.DataFrame  # newest first
    parent: pd.DataFrame
    children: pd.DataFrame

    @property
    def selected(self) -> bool:
        return not self.outside

    @property
    def measured(self) -> bool:
        return not self.breakdown.empty


def outside_reasons(networks: pd.DataFrame, participation: pd.DataFrame, org_units: pd.DataFrame, f: Filters,
                    win: Window, network_id: str) -> tuple[str, ...]:
    """Which of the filters leave the network out: its type is not chosen, it is not running in the window, it
    does not involve the chosen part of the organisation. () when the filters select it."""
    me = networks[networks["network_id"] == network_id]
    reasons = []
    if me["type"].iloc[0] not in f.types:
        reasons.append("types")
    every_type = replace(f, types=NETWORK_TYPES, start=win.start, end=win.end)
    if flt.select_networks(me, participation, org_units, replace(every_type, unit_id=None)).empty:
        reasons.append("period")
    if f.unit_id is not None and flt.select_networks(me, participation, org_units,
                                                     replace(every_type, start=None, end=None)).empty:
        reasons.append("unit")
    return tuple(reasons)


def _date(x: object) -> date | None:
    return None if x is None or pd.isna(x) else pd.Timestamp(x).date()


def _text(x: object) -> str | None:
    return None if x is None or pd.isna(x) or not str(x).strip() else str(x)


def network_view(src: Source, f: Filters, network_id: str) -> NetworkView | None:
    """One network's page over the filters' window; None for an unknown id or an empty store. Its figures are
    its row of the networks table whether or not the filters select it (outside then says why not)."""
    networks = src.table("networks")
    sel = select(src, f)
    if sel.window is None or network_id not in set(networks["network_id"]):
        return None
    win = sel.window
    participation, org, indicators = src.table("participation"), src.table("org_units"), src.table("indicators")
    me = networks[networks["network_id"] == network_id]
    outside = () if network_id in sel.ids else outside_reasons(networks, participation, org, f, win, network_id)
    if not outside:
        stats = sel.stats[sel.stats["network_id"] == network_id]
    else:
        stats = src.stats("all", win.start, win.last_day)
        stats = stats[stats["network_id"] == network_id]
    row = explain.network_table(me, stats, indicators, participation, org, f.weight_map, win.start, win.end,
                                None if outside else sel.scores).iloc[0]
    breakdown = explain.indicator_breakdown(stats, indicators)
    legs = explain.perspective_breakdown(breakdown, f.weight_map)
    present = legs.dropna(subset=["score"])
    grain = "month" if win.months <= MONTHLY_UP_TO else "quarter"
    over_time = src.stats(grain, win.start, win.last_day)
    timeline = explain.timeline(over_time[over_time["network_id"] == network_id], indicators, f.weight_map)
    units = explain.network_units(participation, org, network_id, win.start, win.end)
    stories = src.table("stories")
    stories = stories[stories["network_id"] == network_id].sort_values(["told_on", "title"], ascending=[False, True])
    parent, children = explain.family(networks, network_id)
    home = org.loc[org["unit_id"] == me["home_unit_id"].iloc[0], "name"]
    m = me.iloc[0]
    return NetworkView(
        network_id=network_id, name=str(m["name"]), type=str(m["type"]),
        home=str(home.iloc[0]) if len(home) else None,
        started_on=_date(m["started_on"]), ended_on=_date(m["ended_on"]),  # type: ignore[arg-type]
        purpose=_text(m["purpose"]), leader=_text(m["leader"]), window=win, outside=outside,
        figures=row.to_dict(), breakdown=breakdown, legs=legs,
        terms=tuple(zip(present["weight"].astype(float), present["score"].astype(float), strict=True)),
        indicator_chart=None if breakdown.empty else charts.indicator_bars(breakdown, f.lang),
        evidence_chart=None if breakdown.empty else charts.evidence_bar(breakdown, f.lang),
        timeline=timeline, timeline_grain=grain,
        timeline_chart=charts.network_timeline(timeline, f.lang, grain),
        measurements=explain.measurement_scores(src.measurements([network_id]), breakdown, win.start, win.end),
        units=units[~units["external"]].reset_index(drop=True),
        partners=units[units["external"]].reset_index(drop=True),
        stories=stories.reset_index(drop=True), parent=parent, children=children,
    )




def indicator_history_view(src: Source, f: Filters, network_id: str, indicator_id: str) -> go.Figure | None:
    """One indicator's measurements month by month for one network over the filters' window: the chart under
    "down to the measurements" (its own view: the page draws the one picked, cached, instead of building it on
    every rerun). The same figure as charts.indicator_history of network_view's measurements and breakdown row;
    None when the network has no such indicator in the window."""
    win, _ = resolve_window(src, f)
    if win is None:
        return None
    stats = src.stats("all", win.start, win.last_day)
    breakdown = explain.indicator_breakdown(stats[stats["network_id"] == network_id], src.table("indicators"))
    row = breakdown[breakdown["indicator_id"] == indicator_id]
    if row.empty:
        return None
    measured = explain.measurement_scores(src.measurements([network_id]), breakdown, win.start, win.end)
    return charts.indicator_history(measured, row.iloc[0], f.lang)


# == One network's tables as the downloads hold them ============================================================
def legs_frame(me: NetworkView, lang: str) -> pd.DataFrame:
    """The legs table (perspective, score, indicators, weight in %, contribution) under its headers, rounded
    as the page shows it."""
    legs = me.legs
    out = pd.DataFrame({
        t("networks.col.perspective", lang): legs["perspective"].map(lambda p: label("perspective", p, lang)),
        t("networks.col.score", lang): legs["score"],
        t("networks.col.indicators", lang): legs["indicators"],
        t("networks.col.weight", lang): 100 * legs["weight"],
        t("networks.col.contribution", lang): legs["contribution"],
    }).reset_index(drop=True)
    return formats.with_decimals(out, {t("networks.col.score", lang): 0, t("networks.col.weight", lang): 0,
                                       t("networks.col.contribution", lang): 1})


def measurements_frame(me: NetworkView, indicator_id: str, lang: str) -> pd.DataFrame:
    """One indicator's measurements (month, value, score, evidence, note) as the drill-down table shows them."""
    rows = me.measurements[me.measurements["indicator_id"] == indicator_id]
    out = pd.DataFrame({
        t("networks.col.period", lang): [formats.month(p, lang) for p in rows["period"]],
        t("networks.col.value", lang): rows["value"].astype("float64"),
        t("networks.col.score", lang): rows["score"].astype("float64"),
        t("networks.col.evidence", lang): rows["evidence"].map(lambda e: label("evidence", e, lang)),
        t("networks.col.note", lang): rows["note"].fillna(""),
    }).reset_index(drop=True)
    return formats.with_decimals(out, {t("networks.col.value", lang): None, t("networks.col.score", lang): 0})


def units_frame(part: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A network's units or partners (name, joined, left or still in, people) under their headers."""
    return pd.DataFrame({
        t("networks.col.unit", lang): part["name"],
        t("networks.col.joined_on", lang): part["joined_on"].dt.strftime("%Y-%m-%d"),
        t("networks.col.left_on", lang): part["left_on"].dt.strftime("%Y-%m-%d").fillna(t("networks.still_in", lang)),
        t("networks.col.people", lang): part["people"],
    }).reset_index(drop=True)
