"""How every number is made: the weights (set here for every page of the session), how much the ranking
depends on them, the formulas in plain Danish and English, and the indicator catalogue. Draws
netvalue.views.method; computes nothing itself.

The sliders and the indicator pick have a key per language (method_w_citizen_da, method_indicator_en): the
weights live in st.session_state["weights"] and the pick in _method_indicator, and each language's widgets start
from them, so a round trip between the languages keeps both."""

from functools import partial

import streamlit as st

import ui
from netvalue import scoring
from netvalue.i18n import label
from netvalue.schema import PERSPECTIVES
from netvalue.views import method as mv
from netvalue.views.method import MethodView

f = ui.current_filters()
L = f.lang
ss = st.session_state
SLIDER = {p: f"method_w_{p}_{L}" for p in PERSPECTIVES}

st.title(ui.tr("method.title"))
st.write(ui.tr("method.intro"))
view: MethodView = ui.view("method", f)


# -- Weights: sliders with their own keys, copied into st.session_state["weights"] for every page ---------------
def _slider_start() -> dict[str, int]:
    try:
        w = scoring.normalise_weights(ss.get("weights"))
    except ValueError:
        w = scoring.normalise_weights(None)
    return {p: round(100 * w[p]) for p in PERSPECTIVES}


def _apply_sliders() -> None:
    new = {p: float(ss[SLIDER[p]]) for p in PERSPECTIVES}  # SLIDER of the run that drew the sliders
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
def _curve(view: MethodView, lang: str) -> None:
    """One indicator's score curve, picked from the catalogue: a new pick reruns only this part of the page."""
    cat = view.catalogue
    names = dict(zip(cat["indicator_id"], cat["name"], strict=True))
    options = list(names)
    kept = ss.get("_method_indicator")
    pick = st.selectbox(ui.tr("method.curve_pick"), options, key=f"method_indicator_{lang}",
                        index=options.index(kept) if kept in options else 0, format_func=names.get,
                        placeholder=ui.tr("app.choose"))
    ss["_method_indicator"] = pick
    ui.chart(ui.view("method_curve", f, pick), "method_curve")
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
    ui.chart(view.weights_chart, "method_weights_bar")
    st.caption(ui.tr("method.how_weights", weights=ui.weights_text(f.weight_map, L)))
right.button(ui.tr("method.equal"), on_click=_equal_weights, icon=":material/balance:", key="method_equal")

# -- Ranking sensitivity -------------------------------------------------------------------------------------
st.header(ui.tr("method.sensitivity"))
if view.selection.window is not None:
    st.caption(ui.tr("method.sensitivity_window", window=view.selection.window.label(L)))
sens = view.sensitivity
if ui.stop_if_no_selection(view.empty_reason):
    pass  # the formulas and the catalogue below still hold
elif sens is None:
    st.info(ui.tr("method.sensitivity_few"))
else:
    k = sens.k
    c = st.columns(3)
    c[0].metric(ui.tr("method.kept_near", k=k), "–" if sens.kept_near is None else f"{sens.kept_near} / {k}",
                border=True, help=ui.tr("method.kept_near_help", k=k))
    c[1].metric(ui.tr("method.kept_any", k=k), f"{sens.kept_any} / {k}", border=True,
                help=ui.tr("method.kept_any_help", k=k))
    c[2].metric(ui.tr("method.moved"), f"{sens.moved} / {sens.ranked}", border=True, help=ui.tr("method.moved_help"))
    left, right = st.columns(2)
    with left:
        ui.chart(sens.overlap_chart, "method_overlap")
        st.caption(ui.tr("method.how_overlap", k=k))
    with right:
        ui.chart(sens.ranks_chart, "method_ranks")
        st.caption(ui.tr("method.how_ranks", weights=ui.weights_text(f.weight_map, L)))

# -- The formulas ----------------------------------------------------------------------------------------------
st.header(ui.tr("method.formulas"))
for step in ("indicator", "perspective", "overall", "balance", "evidence", "net_dkk", "headline"):
    with st.container(border=True):
        st.subheader(ui.tr(f"method.{step}.title"))
        st.latex(ui.tr(f"method.{step}.latex"))
        st.markdown(ui.tr(f"method.{step}.text"))

with st.container(border=True):
    st.subheader(ui.tr("method.comparison.title"))
    st.markdown(ui.tr("method.comparison.text"))
with st.container(border=True):
    st.subheader(ui.tr("method.connections.title"))
    st.markdown(ui.tr("connections.method.body"))

# -- The indicator catalogue -----------------------------------------------------------------------------------
st.header(ui.tr("method.catalogue"))
cat = view.catalogue
if cat.empty:
    st.info(ui.tr("method.no_indicators"))
    st.stop()
st.dataframe(cat, hide_index=True, width="stretch",
             column_order=["name", "perspective", "unit", "worst", "best", "direction", "kroner", "indicator_id"],
             column_config={
                 "name": st.column_config.TextColumn(ui.tr("method.col.name")),
                 "perspective": st.column_config.TextColumn(ui.tr("method.col.perspective")),
                 "unit": st.column_config.TextColumn(ui.tr("method.col.unit")),
                 "worst": st.column_config.NumberColumn(ui.tr("method.col.worst"), format="%g"),
                 "best": st.column_config.NumberColumn(ui.tr("method.col.best"), format="%g"),
                 "direction": st.column_config.TextColumn(ui.tr("method.col.direction")),
                 "kroner": st.column_config.TextColumn(ui.tr("method.col.kroner"), help=ui.tr("method.kroner_help")),
                 "indicator_id": st.column_config.TextColumn(ui.tr("method.col.id")),
             })
st.caption(ui.tr("method.how_catalogue"))
ui.downloads(partial(mv.catalogue_frame, cat, L), "method_catalogue", ui.tr("method.catalogue"),
             view.selection.window.label(L) if view.selection.window is not None else None)
_curve(view, L)
