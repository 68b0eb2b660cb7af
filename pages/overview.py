"""The directors' overview: how many networks are working, what they are worth on each leg and in kroner
(against the same period a year earlier), the legs as a triangle and over time, the strongest and weakest
networks and the latest stories."""

from dataclasses import replace

import streamlit as st

import ui
from netvalue import explain, scoring
from netvalue import filters as flt
from netvalue import keyfigures as kf
from netvalue.charts import overview as charts
from netvalue.i18n import label

f = ui.current_filters()
L = f.lang
st.title(ui.tr("overview.title"))

ui.stop_if_empty()

weights_text = ui.weights_text(f.weight_map, L)
st.caption(ui.tr("overview.intro", start=flt.month_str(f.start), end=flt.month_str(f.end), weights=weights_text))

@st.cache_data(show_spinner=False, max_entries=32)
def _compute(path: str, version: int, f: flt.Filters) -> dict | None:
    """Everything the overview shows for one store version and one set of filters (None: nothing matches).

    Cached as a whole, so a rerun that changes nothing here (a click elsewhere, a page switch back) costs
    a lookup instead of the scores, the year-earlier comparison and three figures.
    """
    participation, org_units, indicators = ui.table("participation"), ui.table("org_units"), ui.table("indicators")
    all_networks = ui.table("networks")
    networks = flt.select_networks(all_networks, participation, org_units, f)
    if networks.empty:
        return None
    end = ui.month_end(f.end)
    stats = ui.stats("all", f.start, end)
    stats = stats[stats["network_id"].isin(networks["network_id"])]
    now = kf.headline(networks, participation, org_units, stats, indicators, f.weight_map, f.start, f.end)
    prev_start, prev_end = kf.previous_year(f.start, f.end)
    prev_networks = flt.select_networks(all_networks, participation, org_units,
                                        replace(f, start=prev_start, end=prev_end))
    prev_stats = ui.stats("all", prev_start, ui.month_end(prev_end))
    before = kf.headline(prev_networks, participation, org_units, prev_stats, indicators, f.weight_map, prev_start,
                         prev_end)
    if prev_stats.empty and prev_networks.empty:
        before = dict.fromkeys(before)
    scores = scoring.network_scores(stats, indicators, networks, f.weight_map)
    people = kf.people_per_network(networks, participation, org_units, f.start, f.end)
    points = kf.ternary_points(scores, people)
    q = ui.stats("quarter", f.start, end)
    q = q[q["network_id"].isin(networks["network_id"])]
    table = scores.merge(kf.evidence_columns(stats, indicators), on="network_id", how="left")
    top, bottom = kf.strongest_weakest(table, 5)
    return {
        "n_networks": len(networks), "now": now, "delta": kf.changes(now, before), "prev": (prev_start, prev_end),
        "running": kf.active_at_end(networks, f.end), "points": len(points), "top": top, "bottom": bottom,
        "ternary": charts.legs_ternary(points, f.lang),
        "trend": charts.perspective_trend(scoring.trend(q, indicators, f.weight_map), f.lang),
        "strong_weak": charts.strongest_weakest(top, bottom, f.lang),
        "stories": kf.latest_stories(ui.table("stories"), networks, f.start, f.end, 3),
    }


data = _compute(ui.store().path, ui.version(), f)
if data is None:
    st.warning(ui.tr("empty.no_match"))
    st.stop()
now, delta, running = data["now"], data["delta"], data["running"]
prev_start, prev_end = data["prev"]


def _delta(key: str, decimals: int = 0) -> str | None:
    return None if delta[key] is None else kf.format_number(delta[key], L, decimals, signed=True)


# -- Key figures -----------------------------------------------------------------------------------------------
c = st.columns(4)
c[0].metric(ui.tr("overview.active"), int(now["networks"]), _delta("networks"), border=True,
            help=ui.tr("overview.active_help", running=running))
c[1].metric(ui.tr("overview.units"), int(now["units"]), _delta("units"), border=True,
            help=ui.tr("overview.units_help"))
c[2].metric(ui.tr("overview.people"), kf.format_number(now["people"], L), _delta("people"), border=True,
            help=ui.tr("overview.people_help"))
c[3].metric(ui.tr("overview.net_dkk"), kf.format_kr(now["net_dkk"], L),
            None if delta["net_dkk"] is None else kf.format_kr(delta["net_dkk"], L, signed=True), border=True,
            help=ui.tr("overview.net_dkk_help", saved=kf.format_kr(now["saved_dkk"], L),
                       cost=kf.format_kr(now["cost_dkk"], L)))
c = st.columns(4)
for col, p in zip(c, ("citizen", "economy", "staff", "overall"), strict=True):
    col.metric(label("perspective", p, L), kf.format_number(now[p], L), _delta(p), border=True,
               help=ui.tr(f"overview.{p}_help"))
st.caption(ui.tr("overview.delta_note", start=flt.month_str(prev_start), end=flt.month_str(prev_end),
                 running=running, weights=weights_text))

# -- The three legs ---------------------------------------------------------------------------------------------
left, right = st.columns(2)
with left:
    st.plotly_chart(data["ternary"], width="stretch", key="overview_ternary")
    st.caption(ui.tr("overview.how_ternary", shown=data["points"], total=data["n_networks"],
                     balance=kf.format_number(now["balance"], L, 2)))
with right:
    st.plotly_chart(data["trend"], width="stretch", key="overview_trend")
    st.caption(ui.tr("overview.how_trend", weights=weights_text))

# -- Strongest and weakest --------------------------------------------------------------------------------------
top, bottom = data["top"], data["bottom"]
left, right = st.columns([3, 2])
with left:
    st.plotly_chart(data["strong_weak"], width="stretch", key="overview_strong_weak")
    st.caption(ui.tr("overview.how_strong_weak", weights=weights_text))
    if len(top) or len(bottom):
        st.markdown(ui.tr("overview.open_network"))
        a, b = st.columns(2)
        for col, part in ((a, top), (b, bottom)):
            for row in part.itertuples():
                col.page_link("pages/networks.py", label=row.name, icon=":material/hub:",
                              query_params={**flt.to_query(f), "network": row.network_id})

# -- Latest stories ---------------------------------------------------------------------------------------------
with right:
    st.subheader(ui.tr("overview.stories"))
    stories = data["stories"]
    if stories.empty:
        st.info(ui.tr("overview.no_stories"))
    for story in stories.itertuples():
        persp = label("perspective", story.perspective, L) if isinstance(story.perspective, str) else "–"
        meta = ui.tr("overview.story_meta", network=explain.escape_markdown(story.network_name),
                     date=story.told_on.date().isoformat(), perspective=persp)
        ui.story_card(story.title, meta, str(story.text), limit=320)
