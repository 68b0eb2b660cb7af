"""Vi skaber forbindelser: which parts of the organisation work together in networks, whether the connections
grow, and which units bridge the director areas. Widgets and layout only: draws netvalue.views.connections."""

from __future__ import annotations

import streamlit as st

import ui
from netvalue.i18n import t
from netvalue.views.connections import ConnectionsView

LEVELS = ["auto", "unit", "centre", "area"]

f = ui.current_filters()
st.title(ui.tr("connections.title"))
st.caption(ui.tr("connections.intro"))

ui.stop_if_empty()

# The chosen level lives under a key of its own and the control has a key per language (as the sidebar's
# filters do), so a language switch neither resets it nor feeds one language's labels to the other's widget.
ss = st.session_state
level_key = f"connections_level_{f.lang}"
level = ss.get("_connections_level", "auto")


def _keep_level() -> None:
    ss["_connections_level"] = ss[level_key]


view: ConnectionsView = ui.view("connections", f, None if level == "auto" else level)  # type: ignore[assignment]
if view.window_text:
    st.caption(view.window_text)
if view.empty_reason != "no_pairs" and ui.stop_if_no_selection(view.empty_reason):
    st.stop()

unchanged = ui.tr("compare.unchanged")
for col, (label, value, delta) in zip(st.columns(len(view.metrics)), view.metrics, strict=True):
    flat = delta == unchanged
    col.metric(label, value, delta, border=True, delta_arrow="off" if flat else "auto",
               delta_color="off" if flat else "normal")
st.caption(view.comparison_text)
if view.empty:
    st.info(view.empty_text)
else:
    st.markdown("\n".join(f"- {line}" for line in view.facts))
with st.expander(ui.tr("connections.method.title")):
    st.markdown(view.method)

if not view.empty:
    st.header(ui.tr("connections.section.graph"))
    st.segmented_control(ui.tr("connections.level"), LEVELS, default=level, required=True, key=level_key,
                         on_change=_keep_level, format_func=lambda x, lang=f.lang: t(f"connections.level.{x}", lang))
    ui.chart(view.figures["graph"], "connections_graph", view.alt["graph"])
    st.caption(ui.tr("connections.how_graph"))

    st.header(ui.tr("connections.section.matrix"))
    ui.chart(view.figures["matrix"], "connections_matrix", view.alt["matrix"])
    st.caption(ui.tr("connections.how_matrix"))

st.header(ui.tr("connections.section.path"))
ui.chart(view.figures["path"], "connections_path", view.alt["path"])
st.caption(ui.tr("connections.how_path"))

if not view.empty:
    st.header(ui.tr("connections.section.bridges"))
    st.dataframe(view.bridges_table, width="stretch", hide_index=True, key="connections_bridges")
    st.caption(ui.tr("connections.bridges.caption"))
    if view.bridges_note:
        st.caption(view.bridges_note)
    ui.downloads(view.bridges_table, "connections_bridges", ui.tr("connections.section.bridges"), view.window_label)
    st.dataframe(view.communities_table, width="stretch", key="connections_communities")
    st.caption(ui.tr("connections.communities.caption"))
    ui.downloads(view.communities_table.reset_index, "connections_communities",
                 ui.tr("export.title.communities"), view.window_label)
