"""I dybden eller i bredden: the analysts' comparison of depth and breadth, with honest uncertainty."""

from __future__ import annotations

from datetime import date
from functools import partial

import pandas as pd
import streamlit as st

import ui
from netvalue import depth, export, formats
from netvalue import filters as flt
from netvalue.charts import depth as charts
from netvalue.i18n import label

f = ui.current_filters()
L = f.lang
st.title(ui.tr("depth.title"))
st.write(ui.tr("depth.intro"))

ui.stop_if_empty()

networks = flt.select_networks(ui.table("networks"), ui.table("participation"), ui.table("org_units"), f)
if networks.empty or f.start is None or f.end is None:
    st.warning(ui.tr("empty.no_match"))
    st.stop()

# -- controls ---------------------------------------------------------------------------------
c = st.columns([2, 2, 3])
level = c[0].radio(ui.tr("depth.level"), depth.DEPTH_LEVELS, key="depth_level", horizontal=True,
                   format_func=lambda x: label("level", x, L), help=ui.tr("depth.level_help"))
entities_word = ui.tr(f"depth.entities.{level}")
basis = c[1].radio(ui.tr("depth.basis"), depth.BASES, key="depth_basis", horizontal=True,
                   format_func=lambda x: ui.tr(f"depth.basis.{x}"), help=ui.tr("depth.basis_help",
                                                                             entities=entities_word))
k = c[2].slider(ui.tr("depth.k"), min_value=2, max_value=10, value=3, key="depth_k", help=ui.tr("depth.k_help"))
c = st.columns([2, 2, 3])
by = c[0].radio(ui.tr("depth.activity"), depth.ACTIVITIES, key="depth_by", horizontal=True,
                format_func=lambda x: ui.tr(f"depth.activity.{x}"), help=ui.tr("depth.activity_help"))
grain = c[1].radio(ui.tr("depth.grain"), depth.GRAINS, key="depth_grain", horizontal=True,
                   format_func=lambda x: ui.tr(f"depth.grain.{x}"))


@st.cache_data(show_spinner=False, max_entries=32)
def _analysis(ver: int, start: date, end: date, types: tuple[str, ...], unit: str | None,
              weights: tuple[tuple[str, float], ...], level: str, basis: str, by: str, grain: str,
              k: int) -> depth.Analysis:
    sel = flt.select_networks(ui.table("networks"), ui.table("participation"), ui.table("org_units"),
                              flt.Filters(start, end, types, unit, weights))
    last_day = ui.month_end(end)
    stats = ui.stats("year" if basis == "year" else "all", start, last_day)
    return depth.analyse(ui.table("participation"), sel, ui.table("org_units"), ui.table("indicators"), stats,
                         start=start, end=last_day, level=level, scope=unit, basis=basis, by=by, grain=grain, k=k,
                         weights=dict(weights))


a = _analysis(ui.version(), f.start, f.end, tuple(f.types), f.unit_id, tuple(f.weights), level, basis, by, grain, k)
words = depth.words(level, L)
if a.entities.empty:
    st.warning(ui.tr("depth.no_entities", **words))
    st.stop()

st.caption(ui.tr("depth.activity_note", activity=ui.tr(f"depth.activity.{by}").lower(),
                 start=formats.month(f.start, L), end=formats.month(f.end, L)))
st.caption(ui.tr("depth.weights_note", weights=ui.weights_text(f.weight_map, L)))
if a.unattributed:
    st.caption(ui.tr("depth.unattributed", n=a.unattributed, **words))

# -- 1. breadth, depth and concentration in the period -----------------------------------------
st.header(ui.tr("depth.h.measures"))
m = a.measures
num = depth.fmt_number
c = st.columns(5)
c[0].metric(ui.tr("depth.m.breadth"), formats.percent(m["breadth"] if m["n_entities"] else None, L),
            help=ui.tr("depth.m.breadth_help", **words))
c[0].caption(ui.tr("depth.m.breadth_value", reached=m["reached"], n=m["n_entities"], **words))
c[1].metric(ui.tr("depth.m.depth"), num(m["depth_mean"], L),
            help=ui.tr("depth.m.depth_help", median=num(m["depth_median"], L), max=m["depth_max"]))
c[2].metric(ui.tr("depth.m.hhi"), num(m["hhi"], L, 3), help=ui.tr("depth.m.hhi_help"))
c[3].metric(ui.tr("depth.m.effective"), num(m["effective_n"], L), help=ui.tr("depth.m.effective_help", **words))
c[4].metric(ui.tr("depth.m.gini"), num(m["gini"], L, 2), help=ui.tr("depth.m.gini_help", **words))

c = st.columns(2)
with c[0]:
    st.plotly_chart(charts.depth_distribution_chart(a.distribution, level, k, L), width="stretch")
    st.caption(ui.tr("depth.how.distribution", **words))
with c[1]:
    st.plotly_chart(charts.lorenz_chart(a.lorenz, m["gini"], level, L), width="stretch")
    st.caption(ui.tr("depth.how.lorenz", **words))

# -- 2. the path -------------------------------------------------------------------------------
st.header(ui.tr("depth.h.path"))
st.plotly_chart(charts.path_chart(a.path, level, grain, L), width="stretch")
st.caption(ui.tr("depth.how.path", **words))

# -- 3. deep against touched once (the answer first) --------------------------------------------
st.header(ui.tr("depth.h.compare"))
st.markdown("\n".join(f"- {depth.sentence(row, level, L, per=basis)}" for _, row in a.comparison.iterrows()))
st.plotly_chart(charts.compare_chart(a.comparison, level, k, L), width="stretch")
st.caption(ui.tr("depth.how.compare"))

# -- 4. value against depth ---------------------------------------------------------------------
st.header(ui.tr("depth.h.value"))
st.plotly_chart(charts.value_depth_chart(a.units, a.bands, level, L), width="stretch")
st.caption(depth.point_text(a.method, level, L))
lines = []
for _, fit in a.fits.iterrows():
    leg = label("perspective", fit["perspective"], L)
    if pd.isna(fit["slope_lo"]):
        lines.append("- " + ui.tr("depth.fit.none", leg=leg, **words))
    else:
        lines.append("- " + ui.tr("depth.fit.line", leg=leg, slope=num(fit["slope"], L), lo=num(fit["slope_lo"], L),
                                  hi=num(fit["slope_hi"], L), n=int(fit["n"]), pct=formats.percent(depth.LEVEL, L),
                                  obs=ui.tr(f"depth.obs.{level}") if basis == "year" else entities_word))
st.markdown("\n".join(lines))

# -- 5. the table and its downloads --------------------------------------------------------------
st.header(ui.tr("depth.h.table", entity=words["entity"]))
st.caption(ui.tr("depth.table_note", entity=words["entity"]))
table = depth.localised_table(a.units, a.basis, k, L)
st.dataframe(table, width="stretch", hide_index=True)
name = f"{ui.tr('depth.file')}_{level}_{flt.month_str(f.start)}_{flt.month_str(f.end)}"
c = st.columns(2)
# The files are made when a button is clicked (a callable), not on every run: the workbook alone cost 0.5 s.
c[0].download_button(ui.tr("depth.download.csv"), partial(export.to_csv_bytes, table, danish=True), f"{name}.csv",
                     mime=export.CSV_MIME, key="depth_csv")
c[1].download_button(ui.tr("depth.download.xlsx"), partial(export.to_xlsx_bytes, table, ui.tr("depth.file")),
                     f"{name}.xlsx", mime=export.XLSX_MIME, key="depth_xlsx")

with st.expander(ui.tr("depth.h.method")):
    st.markdown(depth.method_text(a.method, level, L))
