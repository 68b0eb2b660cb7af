"""How every number is made: the weights (set here for every page of the session), how much the ranking
depends on them, the formulas in plain Danish and English, and the indicator catalogue."""

import pandas as pd
import streamlit as st

import ui
from netvalue import filters as flt
from netvalue import formats, scoring, sensitivity
from netvalue import keyfigures as kf
from netvalue.charts import method as charts
from netvalue.i18n import label
from netvalue.schema import PERSPECTIVES

f = ui.current_filters()
L = f.lang
ss = st.session_state
SLIDER = {p: f"method_w_{p}" for p in PERSPECTIVES}
RADIUS = 0.1  # "a little": each weight moved up to 10 percentage points

st.title(ui.tr("method.title"))
st.write(ui.tr("method.intro"))


# -- Weights: sliders with their own keys, copied into st.session_state["weights"] for every page ---------------
def _slider_start() -> dict[str, int]:
    try:
        w = scoring.normalise_weights(ss.get("weights"))
    except ValueError:
        w = scoring.normalise_weights(None)
    return {p: round(100 * w[p]) for p in PERSPECTIVES}


def _apply_sliders() -> None:
    new = {p: float(ss[SLIDER[p]]) for p in PERSPECTIVES}
    if sum(new.values()) <= 0:
        ss["method_weights_zero"] = True  # keep the previous weights
        return
    ss["method_weights_zero"] = False
    ss["weights"] = new


def _equal_weights() -> None:
    for p in PERSPECTIVES:
        ss[SLIDER[p]] = 33
    ss["method_weights_zero"] = False
    ss["weights"] = dict(scoring.EQUAL_WEIGHTS)


@st.fragment(key="method_curve_part")
def _curve(indicators: pd.DataFrame, lang: str) -> None:
    """One indicator's score curve, picked from the catalogue: a new pick reruns only this part of the page."""
    names = dict(zip(indicators["indicator_id"], indicators["name"], strict=True))
    pick = st.selectbox(ui.tr("method.curve_pick"), list(names), key="method_indicator", format_func=names.get)
    st.plotly_chart(charts.score_curve(indicators[indicators["indicator_id"] == pick].iloc[0], lang), width="stretch",
                    key="method_curve")
    st.caption(ui.tr("method.how_curve"))


if any(SLIDER[p] not in ss for p in PERSPECTIVES):  # first visit, or back from another page
    start = _slider_start()
    for p in PERSPECTIVES:
        ss[SLIDER[p]] = start[p]
    ss["method_weights_zero"] = False

st.header(ui.tr("method.weights"))
st.write(ui.tr("method.weights_intro"))
cols = st.columns(3)
for col, p in zip(cols, PERSPECTIVES, strict=True):
    col.slider(label("perspective", p, L), 0, 100, step=1, key=SLIDER[p], on_change=_apply_sliders,
               help=ui.tr("method.weight_help"))
if ss.get("method_weights_zero"):
    st.error(ui.tr("method.weights_zero", weights=ui.weights_text(f.weight_map, L)))
left, right = st.columns([3, 1], vertical_alignment="center")
with left:
    st.plotly_chart(charts.weights_bar(f.weight_map, L), width="stretch", key="method_weights_bar")
    st.caption(ui.tr("method.how_weights", weights=ui.weights_text(f.weight_map, L)))
right.button(ui.tr("method.equal"), on_click=_equal_weights, icon=":material/balance:", key="method_equal")

# -- Ranking sensitivity -------------------------------------------------------------------------------------
st.header(ui.tr("method.sensitivity"))
networks = flt.select_networks(ui.table("networks"), ui.table("participation"), ui.table("org_units"), f)
stats = ui.stats("all", f.start, ui.month_end(f.end))
stats = stats[stats["network_id"].isin(networks["network_id"])]
scores = scoring.network_scores(stats, ui.table("indicators"), networks, f.weight_map)
measured = scores.dropna(subset=["overall"])
if len(measured) < 2:
    st.info(ui.tr("method.sensitivity_few"))
else:
    grid = sensitivity.simplex_grid(0.05)
    overlap = sensitivity.top_overlap(measured, f.weight_map, grid, k=10)
    ranges = sensitivity.rank_ranges(measured, f.weight_map, grid, radius=RADIUS)
    k = int(overlap["k"].iloc[0])
    least = sensitivity.nearby_overlap(overlap, RADIUS)
    moved = int((ranges["best"] != ranges["worst"]).sum())
    c = st.columns(3)
    c[0].metric(ui.tr("method.kept_near", k=k), "–" if least is None else f"{least} / {k}", border=True,
                help=ui.tr("method.kept_near_help", k=k))
    c[1].metric(ui.tr("method.kept_any", k=k), f"{int(overlap['overlap'].min())} / {k}", border=True,
                help=ui.tr("method.kept_any_help", k=k))
    c[2].metric(ui.tr("method.moved"), f"{moved} / {len(ranges)}", border=True, help=ui.tr("method.moved_help"))
    left, right = st.columns(2)
    with left:
        st.plotly_chart(charts.overlap_ternary(overlap, f.weight_map, L), width="stretch", key="method_overlap")
        st.caption(ui.tr("method.how_overlap", k=k))
    with right:
        st.plotly_chart(charts.rank_ranges(ranges, L), width="stretch", key="method_ranks")
        st.caption(ui.tr("method.how_ranks", weights=ui.weights_text(f.weight_map, L)))

# -- The formulas ----------------------------------------------------------------------------------------------
st.header(ui.tr("method.formulas"))
for step in ("indicator", "perspective", "overall", "balance", "evidence", "net_dkk", "headline"):
    with st.container(border=True):
        st.subheader(ui.tr(f"method.{step}.title"))
        st.latex(ui.tr(f"method.{step}.latex"))
        st.markdown(ui.tr(f"method.{step}.text"))

# -- The indicator catalogue -----------------------------------------------------------------------------------
st.header(ui.tr("method.catalogue"))
indicators = ui.table("indicators")
if indicators.empty:
    st.info(ui.tr("method.no_indicators"))
    st.stop()
cat = indicators.assign(
    perspective=indicators["perspective"].map(lambda p: label("perspective", p, L)),
    direction=(indicators["best"] > indicators["worst"]).map(
        lambda up: ui.tr("method.higher_better" if up else "method.lower_better")),
    kroner=indicators["unit"].map(kf.is_dkk_unit).map(lambda d: ui.tr("method.yes") if d else ""),
    worst=[formats.short(v, L) for v in indicators["worst"]],
    best=[formats.short(v, L) for v in indicators["best"]],
)
st.dataframe(cat, hide_index=True, width="stretch",
             column_order=["name", "perspective", "unit", "worst", "best", "direction", "kroner", "indicator_id"],
             column_config={
                 "name": st.column_config.TextColumn(ui.tr("method.col.name")),
                 "perspective": st.column_config.TextColumn(ui.tr("method.col.perspective")),
                 "unit": st.column_config.TextColumn(ui.tr("method.col.unit")),
                 "worst": st.column_config.TextColumn(ui.tr("method.col.worst")),
                 "best": st.column_config.TextColumn(ui.tr("method.col.best")),
                 "direction": st.column_config.TextColumn(ui.tr("method.col.direction")),
                 "kroner": st.column_config.TextColumn(ui.tr("method.col.kroner"), help=ui.tr("method.kroner_help")),
                 "indicator_id": st.column_config.TextColumn(ui.tr("method.col.id")),
             })
st.caption(ui.tr("method.how_catalogue"))
_curve(indicators, L)
