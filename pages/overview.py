"""The directors' overview: how many networks are working, what they are worth on each leg and in kroner
against the window just before, the legs as a triangle and over time, the strongest and weakest networks and
the latest stories. Draws netvalue.views.overview; computes nothing itself."""

from functools import partial

import streamlit as st

import ui
from netvalue import explain, formats
from netvalue import filters as flt
from netvalue import keyfigures as kf
from netvalue.i18n import label
from netvalue.views.overview import OverviewView, figure_label, figure_text, key_figures_frame, trend_caption

f = ui.current_filters()
L = f.lang
st.title(ui.tr("overview.title"))

ui.stop_if_empty()

view: OverviewView = ui.view("overview", f)
weights_text = ui.weights_text(f.weight_map, L)
win = view.selection.window
if win is not None:
    st.caption(ui.tr("overview.window_intro", window=win.label(L)))
if ui.stop_if_no_selection(view.empty_reason):
    st.stop()

comp = view.comparison
HELP = {"networks": ui.tr("overview.active_help", running=view.running), "units": ui.tr("overview.units_help"),
        "people": ui.tr("overview.people_help"), "cross_area": ui.tr("overview.cross_area_help"),
        "net_dkk": ui.tr("overview.net_dkk_help", saved=kf.format_kr(view.headline["saved_dkk"], L),
                         cost=kf.format_kr(view.headline["cost_dkk"], L))}


# -- Key figures -----------------------------------------------------------------------------------------------
# How much network work (4), then what it is worth: kroner, wider so "5,3 mio. kr." is never cut, and the legs.
for row, widths in ((view.figures[:4], [1] * 4), (view.figures[4:], [1.5] + [1] * (len(view.figures) - 5))):
    cols = st.columns(widths)
    for col, fig in zip(cols, row, strict=True):
        name = figure_label(fig.key, L)
        delta = None if fig.change is None else figure_text(fig.kind, fig.change, L, signed=True)
        flat = delta is not None and delta.lstrip("+-−") in {"0", "0 kr.", "DKK 0"}
        col.metric(name, figure_text(fig.kind, fig.value, L), ui.tr("compare.unchanged") if flat else delta,
                   border=True, height="stretch",
                   help=HELP[fig.key] if fig.key in HELP else ui.tr(f"overview.{fig.key}_help"),
                   delta_arrow="off" if flat else "auto", delta_color="off" if flat else "normal")
if comp is not None and comp.available:
    key = "compare.caption_one" if comp.shown.months == 1 else "compare.caption"
    st.caption(ui.tr(key, shown=comp.shown.label(L), earlier=comp.earlier.label(L), months=comp.shown.months))
elif comp is not None:
    st.info(ui.tr("compare.none", **comp.reason_values(view.selection.data_start, L)))
st.caption(ui.tr("filters.weights_in_use", weights=weights_text))
ui.downloads(partial(key_figures_frame, view, L), "overview_figures", ui.tr("export.keyfig.title"),
             win.label(L) if win is not None else None,
             extra=[(ui.tr("export.compare"), comp.earlier.label(L))] if comp is not None and comp.available else [])

# -- The three legs ---------------------------------------------------------------------------------------------
left, right = st.columns(2)
with left:
    ui.chart(view.ternary, "overview_ternary")
    st.caption(ui.tr("overview.how_ternary", shown=view.points, total=view.n_networks,
                     balance=kf.format_number(view.headline["balance"], L, 2)))
with right:
    ui.chart(view.trend, "overview_trend")
    st.caption(trend_caption(view, L, weights_text))

# -- Strongest and weakest (the whole width: in a narrow column the bars and their evidence labels were cut) -----
top, bottom = view.top, view.bottom
ui.chart(view.strong_weak, "overview_strong_weak")
st.caption(ui.tr("overview.how_strong_weak", weights=weights_text))
if len(top) or len(bottom):
    st.markdown(ui.tr("overview.open_network"))
    a, b = st.columns(2)
    for col, part in ((a, top), (b, bottom)):
        for row in part.itertuples():
            thin = f" · {ui.tr('evidence.thin')}" if getattr(row, "thin", False) else ""
            col.page_link(ui.page("networks"), label=explain.escape_markdown(str(row.name)) + thin,
                          icon=":material/hub:", query_params={**flt.to_query(f), "network": row.network_id})
    if bool(top.get("thin", False).any() if len(top) else False) or \
            bool(bottom.get("thin", False).any() if len(bottom) else False):
        st.caption(ui.tr("evidence.thin_note", n=kf.THIN_EVIDENCE))

# -- Latest stories ---------------------------------------------------------------------------------------------
st.subheader(ui.tr("overview.stories"))
stories = view.stories
if stories.empty:
    st.info(ui.tr("overview.no_stories"))
for col, story in zip(st.columns(3) if len(stories) else (), stories.itertuples(), strict=False):
    with col:
        persp = label("perspective", story.perspective, L) if isinstance(story.perspective, str) else "–"
        meta = ui.tr("overview.story_meta", network=explain.escape_markdown(story.network_name),
                     date=formats.day(story.told_on, L), perspective=persp)
        ui.story_card(story.title, meta, str(story.text), limit=320)

# -- The council report: the same figures as an A4 PDF, made when the button is clicked ---------------------------
from netvalue import report  # noqa: E402 - this block is kept apart at the end of the page on purpose

if report.chromium_path() is None:
    st.caption(ui.tr("report.no_chromium"))
else:
    _store = ui.store()  # the callable runs on another thread: it gets the store, never Streamlit
    st.download_button(ui.tr("report.button"), data=lambda: report.pdf_for_store(_store, f),
                       file_name=report.file_name(f), mime="application/pdf", key="overview_report",
                       help=ui.tr("report.button_help"), icon=":material/picture_as_pdf:", on_click="ignore")
