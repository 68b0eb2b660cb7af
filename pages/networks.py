"""The network explorer: a searchable, sortable table of every network with its scores and evidence mix, and
one network's own page (bound to ?network=... so it can be shared): what made its score, down to the
measurements, its scores over time, units, partners, stories, purpose, leader and family (budding).
Draws netvalue.views.networks; computes nothing itself.

Widgets hold ids (network, indicator and sort ids) and show labels through format_func; a widget whose label
changes with the language has a key per language (networks_sort_da / networks_sort_en), its choice mirrored in
the session (_networks_sort), so a round trip between the languages keeps the choice."""

from functools import partial

import pandas as pd
import streamlit as st

import ui
from netvalue import formats
from netvalue import keyfigures as kf
from netvalue.explain import escape_markdown
from netvalue.i18n import label, t
from netvalue.schema import PERSPECTIVES
from netvalue.views import networks as nv
from netvalue.views.networks import NetworksView, NetworkView

f = ui.current_filters()
L = f.lang
# Streamlit writes column formats itself: Danish "33 %", English "33%".
PCT_FORMAT = "%.0f %%" if L == "da" else "%.0f%%"
ss = st.session_state

if ui.is_empty():
    st.title(ui.tr("page.networks"))
ui.stop_if_empty()

view: NetworksView = ui.view("networks", f)
names = view.names
weights_text = ui.weights_text(f.weight_map, L)


def _open(network_id: str | None) -> None:
    """Show a network's page (None: the table). The choice lives in the URL as ?network=<id>, to be shared."""
    if network_id is None:
        if "network" in st.query_params:
            del st.query_params["network"]
    else:
        st.query_params["network"] = network_id


def _open_picked(key: str) -> None:
    _open(ss.get(key))


def _open_selected(ids: list[str]) -> None:
    rows = ss["networks_table"].selection.rows
    # The selection comes from the browser; a crafted one (an index out of range, not a number) is ignored.
    if rows and isinstance(rows[0], int) and 0 <= rows[0] < len(ids):
        _open(ids[rows[0]])


# The chosen network is the URL's ?network=<id>; an unknown id falls back to the table (and leaves the URL).
chosen = st.query_params.get("network")
if chosen is not None and chosen not in names:
    _open(None)
    chosen = None
PICK = f"network_pick_{L}"
ss[PICK] = chosen


def _picker() -> None:
    st.selectbox(ui.tr("networks.choose"), options=sorted(names), index=None, key=PICK,
                 on_change=_open_picked, args=(PICK,), format_func=lambda i: f"{names.get(i, i)} ({i})",
                 placeholder=ui.tr("networks.choose_placeholder"))


def _sort_label(column: str, lang: str) -> str:
    return t(f"networks.col.{column}", lang)  # the run's language, not the session's at call time


def _pct(x: object) -> str:
    return formats.percent(None if x is None else float(x), L)


@st.fragment(key="network_history_part")
def _indicator_history(me: NetworkView, lang: str) -> None:
    """One indicator's measurements month by month, picked here: a new pick reruns only this part of the page."""
    measured, breakdown = me.measurements, me.breakdown
    ind_names = dict(zip(breakdown["indicator_id"], breakdown["name"], strict=True))
    options = list(breakdown["indicator_id"])
    kept = ss.get("_network_indicator")
    pick = st.selectbox(ui.tr("networks.indicator"), options, key=f"network_indicator_{lang}",
                        index=options.index(kept) if kept in options else 0,
                        format_func=lambda i: ind_names.get(i, i), placeholder=ui.tr("app.choose"))
    ss["_network_indicator"] = pick
    ind = breakdown[breakdown["indicator_id"] == pick].iloc[0]
    title = ui.tr("export.title.measurements", indicator=ind["name"])
    left, right = st.columns([3, 2])
    with left:
        ui.chart(ui.view("network_history", f, chosen, pick), "network_history")
        st.caption(ui.tr("networks.how_history", worst=formats.short(ind["worst"], lang),
                         best=formats.short(ind["best"], lang), mean=formats.number(ind["value"], lang, 2),
                         score=formats.number(ind["score"], lang)))
    with right:
        rows = measured[measured["indicator_id"] == pick]
        st.dataframe(
            rows.assign(evidence=rows["evidence"].map(lambda e: label("evidence", e, lang)),
                        period=[formats.month(p, lang) for p in rows["period"]],
                        value=[formats.short(v, lang) for v in rows["value"]],
                        score=[formats.number(v, lang) for v in rows["score"]], note=rows["note"].fillna("")),
            hide_index=True, width="stretch", column_order=["period", "value", "score", "evidence", "note"],
            column_config={
                "period": st.column_config.TextColumn(ui.tr("networks.col.period")),
                "value": st.column_config.TextColumn(ui.tr("networks.col.value")),
                "score": st.column_config.TextColumn(ui.tr("networks.col.score")),
                "evidence": st.column_config.TextColumn(ui.tr("networks.col.evidence")),
                "note": st.column_config.TextColumn(ui.tr("networks.col.note")),
            },
        )
        ui.downloads(partial(nv.measurements_frame, me, pick, lang), "network_measurements", f"{me.name}: {title}",
                     me.window.label(lang))


# == The table of all networks ================================================================================
if chosen is None:
    st.title(ui.tr("networks.title"))
    if view.window is not None:
        st.caption(ui.tr("networks.intro_window", window=view.window.label(L), weights=weights_text))
    _picker()
    if ui.stop_if_no_selection(view.empty_reason):
        st.stop()
    left, right = st.columns([2, 1])
    query = left.text_input(ui.tr("networks.search"), value=ss.get("_networks_search") or "",
                            key=f"networks_search_{L}", placeholder=ui.tr("networks.search_hint"))
    ss["_networks_search"] = query
    kept_sort = ss.get("_networks_sort")
    sort_by = right.selectbox(ui.tr("networks.sort"), nv.SORT_OPTIONS, key=f"networks_sort_{L}",
                              index=nv.SORT_OPTIONS.index(kept_sort) if kept_sort in nv.SORT_OPTIONS else 0,
                              format_func=partial(_sort_label, lang=L), placeholder=ui.tr("app.choose"))
    ss["_networks_sort"] = sort_by
    shown = nv.table_rows(view.table, query, sort_by, L)
    if shown.empty:
        st.info(ui.tr("networks.no_search_match", query=query))
        st.stop()
    score_col = {c: st.column_config.ProgressColumn(ui.tr(f"networks.col.{c}"), min_value=0, max_value=100,
                                                    format="%.0f") for c in ("overall", *PERSPECTIVES)}
    pct_col = {c: st.column_config.NumberColumn(ui.tr(f"networks.col.{c}"), format=PCT_FORMAT,
                                                help=ui.tr(f"networks.help.{c}")) for c in nv.SHARES}
    # Past TABLE_PAGE_ROWS rows the table shows a page at a time (the sort and search above cover every row).
    pages = nv.row_pages(len(shown))
    page = 0
    if ss.get("_networks_rows_for") != (query, sort_by):  # a new search or sort starts on its first page
        ss["_networks_rows_for"] = (query, sort_by)
        ss["_networks_rows"] = 0
        ss.pop(f"networks_rows_{L}", None)
    if len(pages) > 1:
        kept_page = ss.get("_networks_rows", 0)
        page = st.selectbox(
            ui.tr("networks.rows"), range(len(pages)), key=f"networks_rows_{L}",
            index=kept_page if isinstance(kept_page, int) and 0 <= kept_page < len(pages) else 0,
            # The language is bound here: Streamlit may call format_func after the run.
            format_func=lambda i: t("networks.rows_option", L, first=formats.integer(pages[i][0], L),
                                    last=formats.integer(pages[i][1], L), n=formats.integer(len(shown), L)),
            help=ui.tr("networks.rows_help", size=formats.integer(nv.TABLE_PAGE_ROWS, L)),
            placeholder=ui.tr("app.choose"))
        ss["_networks_rows"] = page
    part = nv.page_of(shown, page)
    st.dataframe(
        formats.styler(part, L, {"balance": 2, "net_dkk": 0}), hide_index=True, width="stretch",
        height=min(38 * len(part) + 40, 760),
        column_order=list(nv.COLUMNS), key="networks_table",
        on_select=partial(_open_selected, list(part["network_id"])), selection_mode="single-row",
        column_config={
            "name": st.column_config.TextColumn(ui.tr("networks.col.name"), width="large"),
            "thin": st.column_config.TextColumn(ui.tr("networks.col.thin"),
                                                help=ui.tr("networks.help.thin", n=kf.THIN_EVIDENCE)),
            "type": st.column_config.TextColumn(ui.tr("networks.col.type")),
            "active": st.column_config.TextColumn(ui.tr("networks.col.active")),
            **score_col,
            "balance": st.column_config.NumberColumn(ui.tr("networks.col.balance"),
                                                     help=ui.tr("networks.help.balance")),
            **pct_col,
            "n": st.column_config.NumberColumn(ui.tr("networks.col.n"), help=ui.tr("networks.help.n")),
            "people": st.column_config.NumberColumn(ui.tr("networks.col.people")),
            "units": st.column_config.NumberColumn(ui.tr("networks.col.units")),
            "partners": st.column_config.NumberColumn(ui.tr("networks.col.partners")),
            "net_dkk": st.column_config.NumberColumn(ui.tr("networks.col.net_dkk")),
            "leader": st.column_config.TextColumn(ui.tr("networks.col.leader")),
            "network_id": st.column_config.TextColumn(ui.tr("networks.col.network_id")),
        },
    )
    st.caption(ui.tr("networks.how_table", shown=len(shown), n=len(view.table), weights=weights_text))
    ui.downloads(partial(nv.download_frame, shown, L), "networks", ui.tr("page.networks"),
                 view.window.label(L) if view.window is not None else None, file=ui.tr("networks.file"))
    st.stop()

# == One network's page ========================================================================================
me: NetworkView | None = ui.view("network", f, chosen)
if me is None:  # the store changed under the link (e.g. emptied): back to the table
    _open(None)
    st.rerun()
fig = me.figures
back, pick = st.columns([1, 2], vertical_alignment="bottom")
back.button(ui.tr("networks.back"), icon=":material/arrow_back:", on_click=_open, args=(None,), type="tertiary")
with pick:
    _picker()
st.title(escape_markdown(me.name))
status = (ui.tr("networks.status_ended", date=me.ended_on.isoformat()) if me.ended_on is not None
          else ui.tr("networks.status_running"))
st.caption(ui.tr("networks.meta", type=label("type", me.type, L), home=escape_markdown(me.home or "–"),
                 started=me.started_on.isoformat(), status=status, id=escape_markdown(chosen)))
if me.purpose:
    st.markdown(f"> {escape_markdown(me.purpose)}")
st.markdown(ui.tr("networks.leader", leader=escape_markdown(me.leader) if me.leader else "–"))
if me.outside:
    st.info(ui.tr("networks.outside", window=me.window.label(L),
                  reasons="; ".join(ui.tr(f"networks.outside.{r}") for r in me.outside)))

# -- Score, right next to its evidence ---------------------------------------------------------------------------
thin = bool(fig["thin"]) and pd.notna(fig["overall"])
c = st.columns(4)
c[0].metric(ui.tr("networks.col.overall"), kf.format_number(fig["overall"], L), border=True,
            delta=ui.tr("evidence.thin") if thin else None, delta_color="off", delta_arrow="off",
            help=ui.tr("networks.help.overall"))
c[1].metric(ui.tr("networks.col.share_self_reported"), _pct(fig["share_self_reported"]), border=True,
            help=ui.tr("networks.help.evidence_metric"))
c[2].metric(ui.tr("networks.col.balance"), kf.format_number(fig["balance"], L, 2), border=True,
            help=ui.tr("networks.help.balance"))
c[3].metric(ui.tr("networks.col.net_dkk"), kf.format_kr(fig["net_dkk"], L), border=True,
            help=ui.tr("networks.help.net_dkk"))
st.caption(ui.tr("networks.score_note_window", window=me.window.label(L), weights=weights_text,
                 n=kf.format_number(fig["n"], L), people=kf.format_number(fig["people"], L),
                 units=kf.format_number(fig["units"], L), partners=kf.format_number(fig["partners"], L)))
if thin:
    st.caption(ui.tr("evidence.thin_note", n=kf.THIN_EVIDENCE))

if not me.measured:
    st.info(ui.tr("networks.no_measurements"))
else:
    st.subheader(ui.tr("networks.why"))
    terms = " + ".join(f"{kf.format_number(w, L, 2)} · {kf.format_number(s, L)}" for w, s in me.terms)
    st.markdown(ui.tr("networks.formula", terms=terms or "–", overall=kf.format_number(fig["overall"], L)))
    legs = me.legs
    legs_shown = legs.assign(perspective=legs["perspective"].map(lambda p: label("perspective", p, L)),
                             weight=100 * legs["weight"])
    st.dataframe(formats.styler(legs_shown, L, {"contribution": 1}), hide_index=True, width="stretch",
                 column_config={
        "perspective": st.column_config.TextColumn(ui.tr("networks.col.perspective")),
        "score": st.column_config.ProgressColumn(ui.tr("networks.col.score"), min_value=0, max_value=100,
                                                 format="%.0f"),
        "indicators": st.column_config.NumberColumn(ui.tr("networks.col.indicators")),
        "weight": st.column_config.NumberColumn(ui.tr("networks.col.weight"), format=PCT_FORMAT),
        "contribution": st.column_config.NumberColumn(ui.tr("networks.col.contribution"),
                                                      help=ui.tr("networks.help.contribution")),
    })
    ui.downloads(partial(nv.legs_frame, me, L), "network_legs", f"{me.name}: {ui.tr('export.title.legs')}",
                 me.window.label(L))
    left, right = st.columns([3, 2])
    with left:
        ui.chart(me.indicator_chart, "network_indicators")
        st.caption(ui.tr("networks.how_indicators"))
    with right:
        ui.chart(me.evidence_chart, "network_evidence")
        st.caption(ui.tr("networks.how_evidence"))

    # -- Down to the measurements ----------------------------------------------------------------------------------
    st.subheader(ui.tr("networks.measurements"))
    _indicator_history(me, L)

# -- Over time ------------------------------------------------------------------------------------------------
ui.chart(me.timeline_chart, "network_timeline")
st.caption(ui.tr(f"networks.how_timeline_{me.timeline_grain}", weights=weights_text))

# -- Units and partners, stories, family -----------------------------------------------------------------------
unit_cols = {
    "name": st.column_config.TextColumn(ui.tr("networks.col.unit")),
    "joined_on": st.column_config.TextColumn(ui.tr("networks.col.joined_on")),
    "left_on": st.column_config.TextColumn(ui.tr("networks.col.left_on")),
    "people": st.column_config.NumberColumn(ui.tr("networks.col.people")),
}
left, right = st.columns(2)
for col, part, key in ((left, me.units, "networks.units"), (right, me.partners, "networks.partners")):
    with col:
        heading = ui.tr(key, n=part["unit_id"].nunique())
        st.subheader(heading)
        if part.empty:
            st.caption(ui.tr("networks.none"))
        else:
            shown_part = part.assign(joined_on=part["joined_on"].dt.strftime("%Y-%m-%d"),
                                     left_on=part["left_on"].dt.strftime("%Y-%m-%d").fillna(ui.tr("networks.still_in")))
            st.dataframe(shown_part, hide_index=True, width="stretch", column_order=list(unit_cols),
                         column_config=unit_cols)
            ui.downloads(partial(nv.units_frame, part, L), f"network_{key.split('.')[1]}", f"{me.name}: {heading}",
                         me.window.label(L))

left, right = st.columns(2)
with left:
    st.subheader(ui.tr("networks.stories"))
    if me.stories.empty:
        st.caption(ui.tr("networks.no_stories"))
    for story in me.stories.itertuples():
        persp = label("perspective", story.perspective, L) if isinstance(story.perspective, str) else "–"
        ui.story_card(story.title, f"{story.told_on.date().isoformat()} · {persp}", str(story.text))
with right:
    st.subheader(ui.tr("networks.family"))
    st.markdown(ui.tr("networks.budded_from"))
    if me.parent.empty:
        st.caption(ui.tr("networks.no_parent"))
    for r in me.parent.itertuples():
        st.button(f"{escape_markdown(r.name)} ({r.started_on.year})", key=f"parent_{r.network_id}", on_click=_open,
                  args=(r.network_id,), icon=":material/north_west:")
    st.markdown(ui.tr("networks.budded_into"))
    if me.children.empty:
        st.caption(ui.tr("networks.no_children"))
    for r in me.children.itertuples():
        st.button(f"{escape_markdown(r.name)} ({r.started_on.year})", key=f"child_{r.network_id}", on_click=_open,
                  args=(r.network_id,), icon=":material/south_east:")
