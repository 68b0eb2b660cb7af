"""The network explorer: a searchable, sortable table of every network with its scores and evidence mix, and
one network's own page (bound to ?network=... so it can be shared): what made its score, down to the
measurements, its scores over time, units, partners, stories, purpose, leader and family (budding)."""

from functools import partial

import pandas as pd
import streamlit as st

import ui
from netvalue import explain, export
from netvalue import filters as flt
from netvalue import keyfigures as kf
from netvalue.charts import networks as charts
from netvalue.i18n import label
from netvalue.safetext import md
from netvalue.schema import PERSPECTIVES

f = ui.current_filters()
L = f.lang
ss = st.session_state

if ui.is_empty():
    st.title(ui.tr("page.networks"))
ui.stop_if_empty()


@st.cache_data(show_spinner=False, max_entries=32)
def _measurements(path: str, ver: int, network_id: str) -> pd.DataFrame:
    """One network's raw measurements (drill-down only), cached until the store changes."""
    return ui.store().measurements([network_id])


def _open(network_id: str | None) -> None:
    """Show a network's page (None: the table). The choice lives in the URL as ?network=<id>, to be shared."""
    if network_id is None:
        if "network" in st.query_params:
            del st.query_params["network"]
    else:
        st.query_params["network"] = network_id


def _open_picked() -> None:
    _open(ss.get("network_pick"))


def _open_selected(ids: list[str]) -> None:
    rows = ss["networks_table"].selection.rows
    if rows:
        _open(ids[rows[0]])


all_networks = ui.table("networks")
participation, org_units, indicators = ui.table("participation"), ui.table("org_units"), ui.table("indicators")
names = dict(zip(all_networks["network_id"], all_networks["name"], strict=True))
end = ui.month_end(f.end)
stats = ui.stats("all", f.start, end)
weights_text = ui.weights_text(f.weight_map, L)

# The chosen network is the URL's ?network=<id>; an unknown id falls back to the table (and leaves the URL).
chosen = st.query_params.get("network")
if chosen is not None and chosen not in names:
    _open(None)
    chosen = None
ss["network_pick"] = chosen


def _picker() -> None:
    st.selectbox(ui.tr("networks.choose"), options=sorted(names), index=None, key="network_pick",
                 on_change=_open_picked, format_func=lambda i: f"{names.get(i, i)} ({i})",
                 placeholder=ui.tr("networks.choose_placeholder"))


@st.fragment(key="network_history_part")
def _indicator_history(measured: pd.DataFrame, breakdown: pd.DataFrame, lang: str) -> None:
    """One indicator's measurements month by month, picked here: a new pick reruns only this part of the page."""
    ind_names = dict(zip(breakdown["indicator_id"], breakdown["name"], strict=True))
    pick = st.selectbox(ui.tr("networks.indicator"), list(breakdown["indicator_id"]), key="network_indicator",
                        format_func=lambda i: ind_names.get(i, i))
    ind = breakdown[breakdown["indicator_id"] == pick].iloc[0]
    left, right = st.columns([3, 2])
    with left:
        st.plotly_chart(charts.indicator_history(measured, ind, lang), width="stretch", key="network_history")
        st.caption(ui.tr("networks.how_history", worst=f"{ind['worst']:g}", best=f"{ind['best']:g}",
                         mean=kf.format_number(ind["value"], lang, 2),
                         score=kf.format_number(ind["score"], lang) if pd.notna(ind["score"]) else "–"))
    with right:
        rows = measured[measured["indicator_id"] == pick]
        st.dataframe(
            rows.assign(evidence=rows["evidence"].map(lambda e: label("evidence", e, lang)),
                        period=rows["period"].dt.strftime("%Y-%m"), note=rows["note"].fillna("")),
            hide_index=True, width="stretch", column_order=["period", "value", "score", "evidence", "note"],
            column_config={
                "period": st.column_config.TextColumn(ui.tr("networks.col.period")),
                "value": st.column_config.NumberColumn(ui.tr("networks.col.value"), format="%.4g"),
                "score": st.column_config.NumberColumn(ui.tr("networks.col.score"), format="%.0f"),
                "evidence": st.column_config.TextColumn(ui.tr("networks.col.evidence")),
                "note": st.column_config.TextColumn(ui.tr("networks.col.note")),
            },
        )


# == The table of all networks ================================================================================
if chosen is None:
    st.title(ui.tr("networks.title"))
    st.caption(ui.tr("networks.intro", start=flt.month_str(f.start), end=flt.month_str(f.end), weights=weights_text))
    _picker()
    selected = flt.select_networks(all_networks, participation, org_units, f)
    if selected.empty:
        st.warning(ui.tr("empty.no_match"))
        st.stop()
    table = explain.network_table(selected, stats[stats["network_id"].isin(selected["network_id"])], indicators,
                                  participation, org_units, f.weight_map, f.start, f.end)
    type_labels = table["type"].map(lambda x: label("type", x, L))
    left, right = st.columns([2, 1])
    query = left.text_input(ui.tr("networks.search"), key="networks_search", placeholder=ui.tr("networks.search_hint"))
    sort_options = ["overall", *PERSPECTIVES, "balance", "share_self_reported", "people", "net_dkk", "name",
                    "started_on"]
    sort_by = right.selectbox(ui.tr("networks.sort"), sort_options, key="networks_sort",
                              format_func=lambda c: ui.tr(f"networks.col.{c}"))
    view = explain.search(table, query, extra=type_labels)
    ascending = sort_by in ("name", "share_self_reported")
    view = view.sort_values([sort_by, "name"], ascending=[ascending, True], na_position="last").reset_index(drop=True)
    if view.empty:
        st.info(ui.tr("networks.no_search_match", query=query))
        st.stop()
    shown = view.assign(
        type=view["type"].map(lambda x: label("type", x, L)),
        active=view["active"].map(lambda a: ui.tr("networks.running" if a else "networks.ended")),
        **{c: 100 * view[c] for c in ("share_self_reported", "share_measured", "share_evaluated")},
    )
    score_col = {c: st.column_config.ProgressColumn(ui.tr(f"networks.col.{c}"), min_value=0, max_value=100,
                                                    format="%.0f") for c in ("overall", *PERSPECTIVES)}
    pct_col = {c: st.column_config.NumberColumn(ui.tr(f"networks.col.{c}"), format="%.0f %%",
                                                help=ui.tr(f"networks.help.{c}"))
               for c in ("share_self_reported", "share_measured", "share_evaluated")}
    columns = ["name", "overall", "share_self_reported", "share_measured", "share_evaluated", *PERSPECTIVES,
               "balance", "type", "active", "n", "people", "units", "partners", "net_dkk", "leader", "network_id"]
    st.dataframe(
        shown, hide_index=True, width="stretch", height=min(38 * len(shown) + 40, 760), column_order=columns,
        key="networks_table", on_select=partial(_open_selected, list(view["network_id"])), selection_mode="single-row",
        column_config={
            "name": st.column_config.TextColumn(ui.tr("networks.col.name"), width="large"),
            "type": st.column_config.TextColumn(ui.tr("networks.col.type")),
            "active": st.column_config.TextColumn(ui.tr("networks.col.active")),
            **score_col,
            "balance": st.column_config.NumberColumn(ui.tr("networks.col.balance"), format="%.2f",
                                                     help=ui.tr("networks.help.balance")),
            **pct_col,
            "n": st.column_config.NumberColumn(ui.tr("networks.col.n"), help=ui.tr("networks.help.n")),
            "people": st.column_config.NumberColumn(ui.tr("networks.col.people")),
            "units": st.column_config.NumberColumn(ui.tr("networks.col.units")),
            "partners": st.column_config.NumberColumn(ui.tr("networks.col.partners")),
            "net_dkk": st.column_config.NumberColumn(ui.tr("networks.col.net_dkk"), format="localized"),
            "leader": st.column_config.TextColumn(ui.tr("networks.col.leader")),
            "network_id": st.column_config.TextColumn(ui.tr("networks.col.network_id")),
        },
    )
    st.caption(ui.tr("networks.how_table", n=len(view), total=len(table), weights=weights_text))
    out = shown[columns].rename(columns={c: ui.tr(f"networks.col.{c}") for c in columns})
    a, b, _ = st.columns([1, 1, 3])
    # The files are made when a button is clicked (a callable), not on every run: the workbook alone cost 0.5 s.
    a.download_button(ui.tr("networks.download_csv"), partial(export.to_csv_bytes, out, danish=L == "da"),
                      file_name=ui.tr("networks.file") + ".csv", mime=export.CSV_MIME, icon=":material/download:",
                      on_click="ignore", key="networks_csv")
    b.download_button(ui.tr("networks.download_xlsx"), partial(export.to_xlsx_bytes, out, ui.tr("page.networks")),
                      file_name=ui.tr("networks.file") + ".xlsx", mime=export.XLSX_MIME, icon=":material/download:",
                      on_click="ignore", key="networks_xlsx")
    st.stop()

# == One network's page ========================================================================================
me = all_networks[all_networks["network_id"] == chosen].iloc[0]
back, pick = st.columns([1, 2], vertical_alignment="bottom")
back.button(ui.tr("networks.back"), icon=":material/arrow_back:", on_click=_open, args=(None,), type="tertiary")
with pick:
    _picker()
st.title(explain.escape_markdown(me["name"]))
home = org_units.loc[org_units["unit_id"] == me["home_unit_id"], "name"]
ended = me["ended_on"]
status = (ui.tr("networks.status_ended", date=ended.date().isoformat()) if pd.notna(ended)
          else ui.tr("networks.status_running"))
home_name = explain.escape_markdown(home.iloc[0]) if len(home) else "–"
st.caption(ui.tr("networks.meta", type=label("type", me["type"], L), home=home_name,
                 started=me["started_on"].date().isoformat(), status=status, id=md(chosen)))
if pd.notna(me["purpose"]):
    st.markdown(f"> {explain.escape_markdown(me['purpose'])}")
st.markdown(ui.tr("networks.leader", leader=explain.escape_markdown(me["leader"]) if pd.notna(me["leader"]) else "–"))
if not flt.select_networks(all_networks[all_networks["network_id"] == chosen], participation, org_units, f).shape[0]:
    st.info(ui.tr("networks.outside_filters"))

mine = stats[stats["network_id"] == chosen]
breakdown = explain.indicator_breakdown(mine, indicators)
legs = explain.perspective_breakdown(breakdown, f.weight_map)
row = explain.network_table(all_networks[all_networks["network_id"] == chosen], mine, indicators, participation,
                            org_units, f.weight_map, f.start, f.end).iloc[0]

# -- Score, right next to its evidence ---------------------------------------------------------------------------
c = st.columns(4)
c[0].metric(ui.tr("networks.col.overall"), kf.format_number(row["overall"], L), border=True,
            help=ui.tr("networks.help.overall"))
c[1].metric(ui.tr("networks.col.share_self_reported"), kf.format_number(100 * row["share_self_reported"], L) + " %"
            if pd.notna(row["share_self_reported"]) else "–", border=True, help=ui.tr("networks.help.evidence_metric"))
c[2].metric(ui.tr("networks.col.balance"), kf.format_number(row["balance"], L, 2), border=True,
            help=ui.tr("networks.help.balance"))
c[3].metric(ui.tr("networks.col.net_dkk"), kf.format_kr(row["net_dkk"], L), border=True,
            help=ui.tr("networks.help.net_dkk"))
st.caption(ui.tr("networks.score_note", start=flt.month_str(f.start), end=flt.month_str(f.end), weights=weights_text,
                 n=int(row["n"]), people=int(row["people"]), units=int(row["units"]), partners=int(row["partners"])))

if breakdown.empty:
    st.info(ui.tr("networks.no_measurements"))
else:
    st.subheader(ui.tr("networks.why"))
    present = legs.dropna(subset=["score"])
    terms = " + ".join(f"{kf.format_number(w, L, 2)} · {kf.format_number(s, L)}"
                       for w, s in zip(present["weight"], present["score"], strict=True))
    st.markdown(ui.tr("networks.formula", terms=terms or "–", overall=kf.format_number(row["overall"], L)))
    legs_shown = legs.assign(perspective=legs["perspective"].map(lambda p: label("perspective", p, L)),
                             weight=100 * legs["weight"])
    st.dataframe(legs_shown, hide_index=True, width="stretch", column_config={
        "perspective": st.column_config.TextColumn(ui.tr("networks.col.perspective")),
        "score": st.column_config.ProgressColumn(ui.tr("networks.col.score"), min_value=0, max_value=100,
                                                 format="%.0f"),
        "indicators": st.column_config.NumberColumn(ui.tr("networks.col.indicators")),
        "weight": st.column_config.NumberColumn(ui.tr("networks.col.weight"), format="%.0f %%"),
        "contribution": st.column_config.NumberColumn(ui.tr("networks.col.contribution"), format="%.1f",
                                                      help=ui.tr("networks.help.contribution")),
    })
    left, right = st.columns([3, 2])
    with left:
        st.plotly_chart(charts.indicator_bars(breakdown, L), width="stretch", key="network_indicators")
        st.caption(ui.tr("networks.how_indicators"))
    with right:
        st.plotly_chart(charts.evidence_bar(breakdown, L), width="stretch", key="network_evidence")
        st.caption(ui.tr("networks.how_evidence"))

    # -- Down to the measurements ----------------------------------------------------------------------------------
    st.subheader(ui.tr("networks.measurements"))
    measured = explain.measurement_scores(_measurements(ui.store().path, ui.version(), chosen), indicators, f.start,
                                          f.end)
    _indicator_history(measured, breakdown, L)

# -- Over time ------------------------------------------------------------------------------------------------
quarters = ui.stats("quarter", f.start, end)
st.plotly_chart(charts.network_timeline(explain.timeline(quarters[quarters["network_id"] == chosen], indicators,
                                                         f.weight_map), L), width="stretch", key="network_timeline")
st.caption(ui.tr("networks.how_timeline", weights=weights_text))

# -- Units and partners, stories, family -----------------------------------------------------------------------
units = explain.network_units(participation, org_units, chosen, f.start, f.end)
left, right = st.columns(2)
units = units.assign(joined_on=units["joined_on"].dt.strftime("%Y-%m-%d"),
                     left_on=units["left_on"].dt.strftime("%Y-%m-%d").fillna(ui.tr("networks.still_in")))
unit_cols = {
    "name": st.column_config.TextColumn(ui.tr("networks.col.unit")),
    "joined_on": st.column_config.TextColumn(ui.tr("networks.col.joined_on")),
    "left_on": st.column_config.TextColumn(ui.tr("networks.col.left_on")),
    "people": st.column_config.NumberColumn(ui.tr("networks.col.people")),
}
for col, external, key in ((left, False, "networks.units"), (right, True, "networks.partners")):
    with col:
        part = units[units["external"] == external]
        st.subheader(ui.tr(key, n=part["unit_id"].nunique()))
        if part.empty:
            st.caption(ui.tr("networks.none"))
        else:
            st.dataframe(part, hide_index=True, width="stretch", column_order=list(unit_cols), column_config=unit_cols)

left, right = st.columns(2)
with left:
    st.subheader(ui.tr("networks.stories"))
    stories = ui.table("stories")
    stories = stories[stories["network_id"] == chosen].sort_values("told_on", ascending=False)
    if stories.empty:
        st.caption(ui.tr("networks.no_stories"))
    for story in stories.itertuples():
        persp = label("perspective", story.perspective, L) if isinstance(story.perspective, str) else "–"
        ui.story_card(story.title, f"{story.told_on.date().isoformat()} · {persp}", str(story.text))
with right:
    st.subheader(ui.tr("networks.family"))
    parent, children = explain.family(all_networks, chosen)
    st.markdown(ui.tr("networks.budded_from"))
    if parent.empty:
        st.caption(ui.tr("networks.no_parent"))
    for r in parent.itertuples():
        st.button(f"{md(r.name)} ({r.started_on.year})", key=f"parent_{r.network_id}", on_click=_open,
                  args=(r.network_id,), icon=":material/north_west:")
    st.markdown(ui.tr("networks.budded_into"))
    if children.empty:
        st.caption(ui.tr("networks.no_children"))
    for r in children.itertuples():
        st.button(f"{md(r.name)} ({r.started_on.year})", key=f"child_{r.network_id}", on_click=_open,
                  args=(r.network_id,), icon=":material/south_east:")
