"""The directors' overview: key figures, value per network, the three legs over time."""

import streamlit as st

import ui
from netvalue import filters as flt
from netvalue import keyfigures, scoring
from netvalue.charts import overview as charts

f = ui.current_filters()
L = f.lang
st.title(ui.tr("overview.title"))

if ui.store().is_empty():
    st.subheader(ui.tr("empty.title"))
    st.write(ui.tr("empty.body"))
    if st.button(ui.tr("empty.load_sample"), type="primary"):
        from netvalue import service

        service.ensure_sample(ui.store())
        st.rerun()
    st.page_link("pages/upload.py", label=ui.tr("page.upload"), icon=":material/upload_file:")
    st.stop()

networks = flt.select_networks(ui.table("networks"), ui.table("participation"), ui.table("org_units"), f)
if networks.empty:
    st.warning(ui.tr("empty.no_match"))
    st.stop()

end = ui.month_end(f.end)
stats = ui.stats("all", f.start, end)
stats = stats[stats["network_id"].isin(networks["network_id"])]
indicators = ui.table("indicators")
scores = scoring.network_scores(stats, indicators, networks, f.weight_map)
figs = keyfigures.key_figures(networks, ui.table("participation"), ui.table("org_units"), f.start, f.end)
money = scoring.net_dkk(stats, indicators)

c = st.columns(4)
c[0].metric(ui.tr("overview.active"), figs["networks"])
c[1].metric(ui.tr("overview.units"), figs["units"])
c[2].metric(ui.tr("overview.people"), figs["people"])
c[3].metric(ui.tr("overview.net_dkk"), f"{money['net_dkk'].sum():,.0f} kr.".replace(",", "."))
c = st.columns(4)
for col, p in zip(c, ("citizen", "economy", "staff", "overall"), strict=True):
    col.metric(ui.tr(f"perspective.{p}"), "–" if scores[p].isna().all() else f"{scores[p].mean():.0f}")
st.caption(ui.tr("filters.weights_in_use", weights=ui.weights_text(f.weight_map, L)))

st.plotly_chart(charts.network_value_bars(scores, L), width="stretch")
st.caption(ui.tr("overview.how_bars"))
q = ui.stats("quarter", f.start, end)
q = q[q["network_id"].isin(networks["network_id"])]
st.plotly_chart(charts.perspective_trend(scoring.trend(q, indicators, f.weight_map), L), width="stretch")
st.caption(ui.tr("overview.how_trend"))
