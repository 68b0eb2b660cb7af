"""Vi skaber forbindelser: which parts of the organisation work together in networks, whether the connections
grow, and which units bridge the director areas. Widgets and layout only: everything shown comes from
netvalue.views.connections."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

import ui
from netvalue import filters as flt
from netvalue.i18n import t
from netvalue.views.connections import ConnectionsView, connections_view

LEVELS = ["auto", "unit", "centre", "area"]


class _UiSource:
    """The view's Source over the UI's cached queries."""

    def table(self, name: str) -> pd.DataFrame:
        return ui.table(name)

    def stats(self, grain: str, start: date | None, end: date | None) -> pd.DataFrame:
        return ui.stats(grain, start, end)

    def period_range(self) -> tuple[date | None, date | None]:
        return ui.period_range()


@st.cache_data(show_spinner=False, max_entries=16)
def _view(path: str, ver: int, f: flt.Filters, level: str) -> ConnectionsView:
    return connections_view(_UiSource(), f, None if level == "auto" else level)


f = ui.current_filters()
st.title(ui.tr("connections.title"))
st.caption(ui.tr("connections.intro"))

ui.stop_if_empty()

level = st.session_state.get("connections_level") or "auto"
view = _view(ui.store().path, ui.version(), f, level)
if view.window_text:
    st.caption(view.window_text)
if view.empty and view.empty_reason != "no_pairs":
    st.warning(view.empty_text)
    st.stop()

for col, (label, value) in zip(st.columns(len(view.metrics)), view.metrics, strict=True):
    col.metric(label, value)
if view.empty:
    st.info(view.empty_text)
else:
    st.markdown("\n".join(f"- {line}" for line in view.facts))
with st.expander(ui.tr("connections.method.title")):
    st.markdown(view.method)

if not view.empty:
    st.header(ui.tr("connections.section.graph"))
    st.segmented_control(ui.tr("connections.level"), LEVELS, default="auto", required=True, key="connections_level",
                         format_func=lambda x, lang=f.lang: t(f"connections.level.{x}", lang))
    st.plotly_chart(view.figures["graph"], width="stretch", key="connections_graph")
    st.caption(view.alt["graph"])
    st.caption(ui.tr("connections.how_graph"))

    st.header(ui.tr("connections.section.matrix"))
    st.plotly_chart(view.figures["matrix"], width="stretch", key="connections_matrix")
    st.caption(view.alt["matrix"])
    st.caption(ui.tr("connections.how_matrix"))

st.header(ui.tr("connections.section.path"))
st.plotly_chart(view.figures["path"], width="stretch", key="connections_path")
if "path" in view.alt:
    st.caption(view.alt["path"])
st.caption(ui.tr("connections.how_path"))

if not view.empty:
    st.header(ui.tr("connections.section.bridges"))
    st.dataframe(view.bridges_table, width="stretch", hide_index=True, key="connections_bridges")
    st.caption(ui.tr("connections.bridges.caption"))
    if view.bridges_note:
        st.caption(view.bridges_note)
    st.dataframe(view.communities_table, width="stretch", key="connections_communities")
    st.caption(ui.tr("connections.communities.caption"))
