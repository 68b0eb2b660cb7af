"""Ringe i vandet: how network work spreads over time and across the organisation, and which networks budded
from which. The network choice travels in the URL as ?network=N05 (anything else falls back to all).
Draws netvalue.views.ripples; computes nothing itself."""

from __future__ import annotations

from functools import partial
from urllib.parse import quote

import streamlit as st

import ui
from netvalue import filters as flt
from netvalue import formats
from netvalue.views.ripples import ALL, RING_STEPS, TREE_COLOURS, BuddingView, RingsView, RipplesView


# Fragments: a click on the time step or the treemap's colouring reruns only its own section, not the page.
@st.fragment(key="ripples_rings")
def _rings(f: flt.Filters, ids: tuple[str, ...], names: dict[str, str], drawn_for: str) -> None:
    """The network and time-step pickers and the animated rings of the chosen network.

    The network also picks the budding family further down and the ?network= link, which a fragment rerun
    cannot redraw: a new network reruns the whole page (drawn_for is the network the page was drawn for)."""
    left, right = st.columns([3, 1])
    choice = left.selectbox(ui.tr("ripples.choose_network"), [ALL, *ids], key="ripples_network",
                            format_func=lambda n: ui.tr("ripples.all_networks") if n == ALL else f"{n} · {names[n]}",
                            placeholder=ui.tr("app.choose"))
    if choice != drawn_for:
        st.rerun()
    step = right.segmented_control(ui.tr("ripples.grain"), list(RING_STEPS), default="month", required=True,
                                   key="ripples_grain", format_func=lambda g: ui.tr(f"ripples.grain.{g}")) or "month"
    rings: RingsView = ui.view("ripples_rings", f, choice, step)
    ui.chart(rings.figure, "ripple_chart")
    st.caption(ui.tr("ripples.how_ripple") + ("" if choice else " " + ui.tr("ripples.how_ripple_all")))
    if choice:
        # Shown in a code span: the id as it goes in a link (percent-encoded), so no character can end the span.
        st.caption(ui.tr("ripples.share_link", network=quote(choice, safe="")))


@st.fragment(key="ripples_tree")
def _treemap(f: flt.Filters) -> None:
    """The organisation as a treemap, with its colouring picker."""
    colour_by = st.segmented_control(ui.tr("ripples.colour_by"), list(TREE_COLOURS), default="networks",
                                     required=True, key="ripples_colour",
                                     format_func=lambda x: ui.tr(f"ripples.colour_by.{x}")) or "networks"
    ui.chart(ui.view("ripples_tree", f, colour_by), "treemap")
    st.caption(ui.tr("ripples.how_tree"))


f = ui.current_filters()
L = f.lang
st.title(ui.tr("ripples.title"))
st.caption(ui.tr("ripples.intro"))

ui.stop_if_empty()

view: RipplesView = ui.view("ripples", f)
win = view.selection.window
if win is not None:
    st.caption(ui.tr("ripples.window", window=win.label(L)))
if ui.stop_if_no_selection(view.empty_reason):
    st.stop()

# -- Plain facts ---------------------------------------------------------------------------------
for col, (name, value) in zip(st.columns(4), view.metrics, strict=True):
    col.metric(name, value)
st.markdown("\n".join(f"- {line}" for line in view.fact_lines))
with st.expander(ui.tr("ripples.method.title")):
    st.markdown(ui.tr("ripples.method.body"))

# -- The rings grow ------------------------------------------------------------------------------
st.header(ui.tr("ripples.section.rings"))
ids, names = view.ids, view.names
ss = st.session_state
if "ripples_network" not in ss:
    wanted = st.query_params.get("network", ALL)
    ss["ripples_network"] = wanted if wanted in names else ALL
elif ss["ripples_network"] not in (ALL, *ids):
    ss["ripples_network"] = ALL
choice = ss["ripples_network"]  # what the network picker in the rings' fragment shows on this run
_rings(f, ids, names, choice)
if choice:
    st.query_params["network"] = choice
elif "network" in st.query_params:
    del st.query_params["network"]

# -- Spread over time ----------------------------------------------------------------------------
st.header(ui.tr("ripples.section.time"))
ui.chart(view.spread, "spread_chart")
st.caption(ui.tr("ripples.how_spread"))
ui.chart(view.events, "events_chart")
st.caption(ui.tr("ripples.how_events"))

# -- Across the organisation ---------------------------------------------------------------------
st.header(ui.tr("ripples.section.units"))
ui.chart(view.heatmap, "heatmap")
st.caption(ui.tr("ripples.how_heatmap"))
_treemap(f)

# -- Budding -------------------------------------------------------------------------------------
st.header(ui.tr("ripples.section.budding"))
buds: BuddingView = ui.view("ripples_budding", f, choice)
if buds.figure is None:
    st.info(buds.empty_text)
else:
    ui.chart(buds.figure, "budding_chart")
    st.caption(ui.tr("ripples.how_budding"))
values = {view.mean_column: st.column_config.NumberColumn(format="%.0f")}
a, b = st.columns(2)
for col, frame, name, heading in ((a, view.by_generation, "by_generation", ui.tr("ripples.budding.by_generation")),
                                  (b, view.by_origin, "by_origin", ui.tr("ripples.budding.by_origin"))):
    with col:
        st.subheader(heading)
        st.dataframe(frame, width="stretch", hide_index=True, column_config=values)
        ui.downloads(partial(formats.with_decimals, frame, {view.mean_column: 0}), f"ripples_{name}", heading,
                     win.label(L) if win is not None else None)
st.caption(ui.tr("ripples.how_budding_table"))
if view.budding_answer:
    st.markdown(view.budding_answer)
st.caption(ui.tr("filters.weights_in_use", weights=ui.weights_text(f.weight_map, L)))
