"""I dybden eller i bredden: the analysts' comparison of depth and breadth, with honest uncertainty.
Draws netvalue.views.depth; computes nothing itself."""

from __future__ import annotations

import streamlit as st

import ui
from netvalue import depth
from netvalue.i18n import label
from netvalue.views.depth import DepthChoices, DepthView

f = ui.current_filters()
L = f.lang
st.title(ui.tr("depth.title"))
st.write(ui.tr("depth.intro"))

ui.stop_if_empty()

choices: DepthChoices = ui.view("depth_choices", f)
if choices.window is not None:
    st.caption(ui.tr("depth.window", window=choices.window.label(L)))

# -- controls: only the choices that fit the window are offered ----------------------------------
ss = st.session_state


def _choice(key: str) -> str:
    """A per-language widget key for a choice whose labels change with the language (Streamlit keeps a radio's
    value as its label, so one key across languages came back as 'Enhed'); the id chosen carries over."""
    keyed = f"{key}_{L}"
    if keyed not in ss and ss.get(f"_{key}") is not None:
        ss[keyed] = ss[f"_{key}"]
    return keyed


def _keep(key: str, value: str) -> str:
    ss[f"_{key}"] = value
    return value


# A choice of a longer window is dropped; the first that fits this one is the default.
for key, options in (("depth_basis", choices.bases), ("depth_grain", choices.grains)):
    if ss.get(f"_{key}") is not None and ss[f"_{key}"] not in options:
        ss.pop(f"_{key}")
        for lang_ in ("da", "en"):
            ss.pop(f"{key}_{lang_}", None)
c = st.columns([2, 2, 3])
level = _keep("depth_level", c[0].radio(ui.tr("depth.level"), depth.DEPTH_LEVELS, key=_choice("depth_level"),
                                        horizontal=True, format_func=lambda x: label("level", x, L),
                                        help=ui.tr("depth.level_help")))
entities_word = ui.tr(f"depth.entities.{level}")
basis = _keep("depth_basis", c[1].radio(ui.tr("depth.basis"), choices.bases, key=_choice("depth_basis"),
                                        horizontal=True, format_func=lambda x: ui.tr(f"depth.basis.{x}"),
                                        help=ui.tr("depth.basis_help", entities=entities_word)))
k = c[2].slider(ui.tr("depth.k"), min_value=2, max_value=10, value=3, key="depth_k", help=ui.tr("depth.k_help"))
c = st.columns([2, 2, 3])
by = _keep("depth_by", c[0].radio(ui.tr("depth.activity"), depth.ACTIVITIES, key=_choice("depth_by"),
                                  horizontal=True, format_func=lambda x: ui.tr(f"depth.activity.{x}"),
                                  help=ui.tr("depth.activity_help")))
grain = _keep("depth_grain", c[1].radio(ui.tr("depth.grain"), choices.grains, key=_choice("depth_grain"),
                                        horizontal=True, format_func=lambda x: ui.tr(f"depth.grain.{x}")))

view: DepthView = ui.view("depth", f, level, basis, by, grain, k)
if ui.stop_if_no_selection(view.empty_reason):
    st.stop()
words = view.words
if view.no_entities:
    st.warning(ui.tr("depth.no_entities", **words))
    st.stop()
for note in view.notes:
    st.caption(note)
st.caption(ui.tr("depth.weights_note", weights=ui.weights_text(f.weight_map, L)))

# -- 1. breadth, depth and concentration in the period -----------------------------------------
st.header(ui.tr("depth.h.measures"))
m = view.metrics
c = st.columns(5)
c[0].metric(ui.tr("depth.m.breadth"), m["breadth"], help=ui.tr("depth.m.breadth_help", **words))
c[0].caption(m["breadth_value"])
c[1].metric(ui.tr("depth.m.depth"), m["depth"],
            help=ui.tr("depth.m.depth_help", median=m["depth_median"], max=m["depth_max"]))
c[2].metric(ui.tr("depth.m.hhi"), m["hhi"], help=ui.tr("depth.m.hhi_help"))
c[3].metric(ui.tr("depth.m.effective"), m["effective"], help=ui.tr("depth.m.effective_help", **words))
c[4].metric(ui.tr("depth.m.gini"), m["gini"], help=ui.tr("depth.m.gini_help", **words))

c = st.columns(2)
with c[0]:
    ui.chart(view.distribution, "depth_distribution")
    st.caption(ui.tr("depth.how.distribution", **words))
with c[1]:
    ui.chart(view.lorenz, "depth_lorenz")
    st.caption(ui.tr("depth.how.lorenz", **words))

# -- 2. the path -------------------------------------------------------------------------------
st.header(ui.tr("depth.h.path"))
ui.chart(view.path, "depth_path")
st.caption(ui.tr("depth.how.path", **words))

# -- 3. deep against touched once (the answer first) --------------------------------------------
st.header(ui.tr("depth.h.compare"))
st.markdown("\n".join(f"- {line}" for line in view.comparison_lines))
ui.chart(view.compare, "depth_compare")
st.caption(ui.tr("depth.how.compare"))

# -- 4. value against depth ---------------------------------------------------------------------
st.header(ui.tr("depth.h.value"))
ui.chart(view.value, "depth_value")
st.caption(depth.point_text(view.analysis.method, level, L))
st.markdown("\n".join(f"- {line}" for line in view.fit_lines))

# -- 5. the table and its downloads --------------------------------------------------------------
st.header(ui.tr("depth.h.table", entity=words["entity"]))
st.caption(ui.tr("depth.table_note", entity=words["entity"]))
st.dataframe(view.table, width="stretch", hide_index=True)
ui.downloads(view.table, "depth", ui.tr("depth.h.table", entity=words["entity"]),
             choices.window.label(L) if choices.window is not None else None, file=view.file_name)

with st.expander(ui.tr("depth.h.method")):
    st.markdown(depth.method_text(view.analysis.method, level, L))
