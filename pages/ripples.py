"""Ringe i vandet: how network work spreads over time and across the organisation, and which networks budded
from which. The network choice travels in the URL as ?network=N05 (anything else falls back to all)."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import ui
from netvalue import explain, scoring, spread
from netvalue import filters as flt
from netvalue.charts import ripples as charts
from netvalue.safetext import md

ALL = ""  # the "all networks" choice


@st.cache_data(show_spinner=False, max_entries=8)
def _tree(ver: int) -> pd.DataFrame:
    return spread.org_tree(ui.table("org_units"))


@st.cache_data(show_spinner=False, max_entries=32)
def _links(ver: int, ids: tuple[str, ...], start: date, end: date, grain: str) -> pd.DataFrame:
    """Active (period, network, unit) links of the selected networks, with their ring."""
    part = ui.table("participation")
    links = spread.active_links(part[part["network_id"].isin(ids)], start, end, grain)
    return spread.rings(links, ui.table("networks"), _tree(ver))


@st.cache_data(show_spinner=False, max_entries=16)
def _over_time(ver: int, ids: tuple[str, ...], start: date, end: date, unit_id: str | None, lang: str) -> dict:
    """The spread, events and heatmap figures: they depend only on the selection, not on the network picked
    for the rings or the treemap's colouring, so a click there does not rebuild them."""
    org, networks_all = ui.table("org_units"), ui.table("networks")
    selected = networks_all[networks_all["network_id"].isin(ids)]
    tree, links = _tree(ver), _links(ver, ids, start, end, "month")
    months = spread.periods(start, end, "month")
    scope = None if unit_id is None else flt.subtree(org, unit_id)
    running = spread.active_networks(selected, start, end, "month")
    return {
        "spread": charts.spread_chart(spread.spread_over_time(selected, running, links, tree, months, scope), lang),
        "events": charts.events_chart(spread.network_events(selected, spread.periods(start, end, "quarter")), lang),
        "heatmap": charts.activity_heatmap(spread.unit_activity(links, tree, months, scope), lang),
    }


@st.cache_data(show_spinner=False, max_entries=32)
def _ripple_figure(ver: int, ids: tuple[str, ...], start: date, end: date, choice: str | None, grain: str,
                   lang: str, title: str) -> go.Figure:
    """The animated rings for one network (or all of the selection), cached per choice and time step."""
    networks_all = ui.table("networks")
    shown = [choice] if choice else list(ids)
    glinks = _links(ver, ids, start, end, grain)
    glinks = glinks[glinks["network_id"].isin(shown)]
    chosen = networks_all[networks_all["network_id"].isin(shown)]
    r_start, r_end = spread.lifetime(chosen, start, end) if choice else (start, end)
    running = spread.active_networks(chosen, r_start, r_end, grain)
    ring_df = spread.ring_spread(glinks, spread.ring_places(chosen, _tree(ver)), running,
                                 spread.periods(r_start, r_end, grain))
    return charts.ripple_chart(ring_df, lang, grain, title, per_network=not choice)


@st.cache_data(show_spinner=False, max_entries=16)
def _scores_and_facts(ver: int, ids: tuple[str, ...], start: date, end: date, f_start: date | None,
                      f_end: date | None, unit_id: str | None, weights: tuple) -> tuple[pd.DataFrame, dict]:
    """Every network's scores in the period, and the plain facts of the selection."""
    org, networks_all, participation = ui.table("org_units"), ui.table("networks"), ui.table("participation")
    tree = _tree(ver)
    selected = networks_all[networks_all["network_id"].isin(ids)]
    sel_part = spread.rings(participation[participation["network_id"].isin(ids)], networks_all, tree)
    stats = ui.stats("all", f_start, ui.month_end(f_end))
    scores = scoring.network_scores(stats, ui.table("indicators"), networks_all, dict(weights))
    scope = None if unit_id is None else flt.subtree(org, unit_id)
    return scores, spread.plain_facts(selected, sel_part, tree, start, end, scope)


def _pct(x: float) -> str:
    return "–" if pd.isna(x) else f"{100 * x:.0f} %"


# Fragments: a click on the time step or the treemap's colouring reruns only its own section, not the page.
@st.fragment(key="ripples_rings")
def _rings(ver: int, ids: tuple[str, ...], start: date, end: date, names: dict[str, str], drawn_for: str,
           lang: str) -> None:
    """The network and time-step pickers and the animated rings of the chosen network.

    The network also picks the budding family further down and the ?network= link, which a fragment rerun
    cannot redraw: a new network reruns the whole page (drawn_for is the network the page was drawn for)."""
    left, right = st.columns([3, 1])
    choice = left.selectbox(ui.tr("ripples.choose_network"), [ALL, *ids], key="ripples_network",
                            format_func=lambda n: ui.tr("ripples.all_networks") if n == ALL else f"{n} · {names[n]}")
    if choice != drawn_for:
        st.rerun()
    grain = right.segmented_control(ui.tr("ripples.grain"), ["month", "quarter"], default="month", required=True,
                                    key="ripples_grain", format_func=lambda g: ui.tr(f"ripples.grain.{g}")) or "month"
    title = f"{choice} {names[choice]}" if choice else ui.tr("ripples.all_networks")
    st.plotly_chart(_ripple_figure(ver, ids, start, end, choice, grain, lang, title), width="stretch",
                    key="ripple_chart")
    st.caption(ui.tr("ripples.how_ripple") + ("" if choice else " " + ui.tr("ripples.how_ripple_all")))
    if choice:
        # Shown in a code span: the id as it goes in a link (percent-encoded), so no character can end the span.
        st.caption(ui.tr("ripples.share_link", network=quote(choice, safe="")))


@st.fragment(key="ripples_tree")
def _treemap(tree_act: pd.DataFrame, lang: str) -> None:
    """The organisation as a treemap, with its colouring picker."""
    colour_by = st.segmented_control(ui.tr("ripples.colour_by"), ["networks", "value"], default="networks",
                                     required=True, key="ripples_colour",
                                     format_func=lambda x: ui.tr(f"ripples.colour_by.{x}")) or "networks"
    st.plotly_chart(charts.org_treemap(tree_act, lang, colour_by), width="stretch", key="treemap")
    st.caption(ui.tr("ripples.how_tree"))


f = ui.current_filters()
L = f.lang
st.title(ui.tr("ripples.title"))
st.caption(ui.tr("ripples.intro"))

ui.stop_if_empty()

networks_all = ui.table("networks")
participation = ui.table("participation")
org = ui.table("org_units")
selected = flt.select_networks(networks_all, participation, org, f)
if selected.empty:
    st.warning(ui.tr("empty.no_match"))
    st.stop()

ver = ui.version()
tree = _tree(ver)
lo, hi = ui.period_range()
start = f.start or date(lo.year, lo.month, 1)
end = f.end or date(hi.year, hi.month, 1)
scope = None if f.unit_id is None else flt.subtree(org, f.unit_id)
ids = tuple(sorted(selected["network_id"]))
links = _links(ver, ids, start, end, "month")
months = spread.periods(start, end, "month")
scores, facts = _scores_and_facts(ver, ids, start, end, f.start, f.end, f.unit_id, f.weights)

# -- Plain facts ---------------------------------------------------------------------------------
c = st.columns(4)
c[0].metric(ui.tr("ripples.metric.networks"), len(selected))
c[1].metric(ui.tr("ripples.metric.first_year"), facts["first_year_networks"])
c[2].metric(ui.tr("ripples.metric.reached"), f"{facts['units_reached']} / {facts['units_total']}")
c[3].metric(ui.tr("ripples.metric.never"), _pct(facts["never_reached_share"]))
lines = [
    ui.tr("ripples.facts.first_year", n=facts["first_year_networks"],
          start=spread.period_label(facts["first_year_from"], "month"),
          end=spread.period_label(facts["first_year_to"], "month")),
    ui.tr("ripples.facts.units", reached=facts["units_reached"], total=facts["units_total"],
          never=_pct(facts["never_reached_share"])),
]
if facts["top_unit"]:
    lines.append(ui.tr("ripples.facts.top_unit", unit=explain.escape_markdown(facts["top_unit"]),
                       n=facts["top_unit_networks"]))
window = {"start": spread.period_label(facts["last_year_from"], "month"), "end": spread.period_label(end, "month")}
if facts["top_rings"]:
    rings_text = ui.tr("ripples.facts.and").join(ui.tr(f"ripples.ring.{r}") for r in facts["top_rings"])
    per_ring = ", ".join(f"{r}: {n}" for r, n in facts["growth"].items())
    lines.append(ui.tr("ripples.facts.growth", rings=rings_text, n=facts["growth"][facts["top_rings"][0]],
                       per_ring=per_ring, **window))
else:
    lines.append(ui.tr("ripples.facts.no_growth", **window))
st.markdown("\n".join(f"- {line}" for line in lines))
with st.expander(ui.tr("ripples.method.title")):
    st.markdown(ui.tr("ripples.method.body"))

# -- The rings grow ------------------------------------------------------------------------------
st.header(ui.tr("ripples.section.rings"))
names = dict(zip(selected["network_id"], selected["name"], strict=True))
options = [ALL, *ids]
ss = st.session_state
if "ripples_network" not in ss:
    wanted = st.query_params.get("network", ALL)
    ss["ripples_network"] = wanted if wanted in names else ALL
elif ss["ripples_network"] not in options:
    ss["ripples_network"] = ALL
choice = ss["ripples_network"]  # what the network picker in the rings' fragment shows on this run
_rings(ver, ids, start, end, names, choice, L)
if choice:
    st.query_params["network"] = choice
elif "network" in st.query_params:
    del st.query_params["network"]

# -- Spread over time ----------------------------------------------------------------------------
st.header(ui.tr("ripples.section.time"))
over_time = _over_time(ver, ids, start, end, f.unit_id, L)
st.plotly_chart(over_time["spread"], width="stretch", key="spread_chart")
st.caption(ui.tr("ripples.how_spread"))
st.plotly_chart(over_time["events"], width="stretch", key="events_chart")
st.caption(ui.tr("ripples.how_events"))

# -- Across the organisation ---------------------------------------------------------------------
st.header(ui.tr("ripples.section.units"))
st.plotly_chart(over_time["heatmap"], width="stretch", key="heatmap")
st.caption(ui.tr("ripples.how_heatmap"))
_treemap(spread.tree_activity(tree, links, scores[scores["network_id"].isin(ids)], f.unit_id), L)

# -- Budding -------------------------------------------------------------------------------------
st.header(ui.tr("ripples.section.budding"))
buds = spread.budding(networks_all)
lin = spread.lineage(buds, [choice] if choice else ids, scores, max_rows=60)
if lin.empty:
    st.info(ui.tr("ripples.no_budding_network", network=md(choice)) if choice else ui.tr("ripples.no_budding"))
else:
    until = pd.Timestamp(ui.month_end(end))
    st.plotly_chart(charts.budding_chart(lin, L, until), width="stretch", key="budding_chart")
    st.caption(ui.tr("ripples.how_budding"))
mine = buds[buds["network_id"].isin(ids)]
by_gen = spread.value_by(mine, scores, "generation")
by_origin = spread.value_by(mine, scores, "origin")
cols = {"n": ui.tr("ripples.budding.n"), "n_scored": ui.tr("ripples.budding.n_scored"),
        "mean_overall": ui.tr("ripples.budding.mean")}
a, b = st.columns(2)
a.subheader(ui.tr("ripples.budding.by_generation"))
a.dataframe(by_gen.rename(columns={"generation": ui.tr("ripples.budding.generation"), **cols}), width="stretch",
            hide_index=True, column_config={cols["mean_overall"]: st.column_config.NumberColumn(format="%.0f")})
b.subheader(ui.tr("ripples.budding.by_origin"))
b.dataframe(by_origin.assign(origin=[ui.tr(f"ripples.origin.{o}") for o in by_origin["origin"]])
            .rename(columns={"origin": ui.tr("ripples.budding.origin"), **cols}), width="stretch", hide_index=True,
            column_config={cols["mean_overall"]: st.column_config.NumberColumn(format="%.0f")})
st.caption(ui.tr("ripples.how_budding_table"))
o = by_origin.set_index("origin")
if {"new", "from_ended"} <= set(o.index) and o.loc["new", "n_scored"] and o.loc["from_ended", "n_scored"]:
    st.markdown(ui.tr("ripples.budding.answer", bud=f"{o.loc['from_ended', 'mean_overall']:.0f}",
                      n_bud=int(o.loc["from_ended", "n_scored"]), new=f"{o.loc['new', 'mean_overall']:.0f}",
                      n_new=int(o.loc["new", "n_scored"])))
st.caption(ui.tr("filters.weights_in_use", weights=ui.weights_text(f.weight_map, L)))
