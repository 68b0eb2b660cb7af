"""PROVISIONAL: the overview's figures until netvalue.views.overview lands on main; then the report draws
overview_view and this module goes. It calls the same library functions as pages/overview.py."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import pandas as pd

from netvalue import filters as flt
from netvalue import keyfigures as kf
from netvalue import scoring
from netvalue.charts import overview as charts
from netvalue.views.selection import resolve_window
from netvalue.windows import comparison

THIN_MIN_N = 6
THIN_SELF_SHARE = 0.8


def _month_end(d):
    return None if d is None else (pd.Timestamp(d) + pd.offsets.MonthEnd(0)).date()


def overview(src, f: flt.Filters) -> SimpleNamespace:
    participation, org_units, indicators = src.table("participation"), src.table("org_units"), src.table("indicators")
    all_networks = src.table("networks")
    networks = flt.select_networks(all_networks, participation, org_units, f)
    stats = src.stats("all", f.start, _month_end(f.end))
    stats = stats[stats["network_id"].isin(networks["network_id"])]
    now = kf.headline(networks, participation, org_units, stats, indicators, f.weight_map, f.start, f.end)
    win, data_start = resolve_window(src, f)
    cmp = comparison(win, data_start)
    ps, pe = cmp.earlier.start, cmp.earlier.end
    prev_networks = flt.select_networks(all_networks, participation, org_units, replace(f, start=ps, end=pe))
    prev_stats = src.stats("all", ps, _month_end(pe))
    prev_stats = prev_stats[prev_stats["network_id"].isin(prev_networks["network_id"])]
    has_prev = cmp.available
    before = (kf.headline(prev_networks, participation, org_units, prev_stats, indicators, f.weight_map, ps, pe)
              if has_prev else None)
    scores = scoring.network_scores(stats, indicators, networks, f.weight_map)
    people = kf.people_per_network(networks, participation, org_units, f.start, f.end)
    points = kf.ternary_points(scores, people)
    q = src.stats("quarter", f.start, _month_end(f.end))
    q = q[q["network_id"].isin(networks["network_id"])]
    table = scores.merge(kf.evidence_columns(stats, indicators), on="network_id", how="left")
    table["thin"] = (table["n"].fillna(0) < THIN_MIN_N) | (table["share_self_reported"].fillna(1) >= THIN_SELF_SHARE)
    top, bottom = kf.strongest_weakest(table, 5)
    return SimpleNamespace(
        start=f.start, end=f.end, prev_start=ps, prev_end=pe, has_previous=has_prev, now=now, before=before,
        change=kf.changes(now, before) if before else dict.fromkeys(now),
        running=kf.active_at_end(networks, f.end), n_networks=len(networks), shown=len(points),
        ternary=charts.legs_ternary(points, f.lang),
        trend=charts.perspective_trend(scoring.trend(q, indicators, f.weight_map), f.lang),
        strong_weak=charts.strongest_weakest(top, bottom, f.lang), top=top, bottom=bottom,
        stories=kf.latest_stories(src.table("stories"), networks, f.start, f.end, 3),
        networks=networks, scores=scores,
    )


DA_MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
             "november", "december")
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")


def month(d, lang: str) -> str:
    if d is None:
        return "–"
    return f"{(DA_MONTHS if lang == 'da' else EN_MONTHS)[d.month - 1]} {d.year}"


def day(d, lang: str) -> str:
    if d is None:
        return "–"
    if lang == "da":
        return f"{d.day}. {DA_MONTHS[d.month - 1]} {d.year}"
    return f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}"
