"""UI plumbing shared by app.py and the pages: the cached store, cached queries, language and filters.

Streamlit lives here and in pages/; the library (netvalue/) never imports it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

import st_internals
from netvalue import filters as flt
from netvalue import i18n, scoring, service
from netvalue.explain import escape_markdown
from netvalue.schema import NETWORK_TYPES, PERSPECTIVES
from netvalue.store import Store, default_path


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    # A fresh checkout has no store file: create it from the embedded sample. A store that exists but is
    # empty was made so on purpose (netvalue init); the pages then offer the sample or the upload.
    fresh = path != ":memory:" and not Path(path).exists()
    store = Store(path)
    if fresh:
        service.ensure_sample(store)
    return store


def store() -> Store:
    """The process-wide store (one DuckDB connection; each thread gets its own cursor)."""
    return _store(str(default_path()))


def version() -> int:
    return store().data_version()


@st.cache_data(show_spinner=False, max_entries=64)
def _table(path: str, ver: int, name: str) -> pd.DataFrame:
    return _store(path).table(name)


def table(name: str) -> pd.DataFrame:
    """A record type's rows, cached until the store changes."""
    s = store()
    return _table(s.path, s.data_version(), name)


@st.cache_data(show_spinner=False, max_entries=64)
def _stats(path: str, ver: int, grain: str, start: date | None, end: date | None) -> pd.DataFrame:
    return _store(path).indicator_stats(grain, start, end)


def stats(grain: str = "all", start: date | None = None, end: date | None = None) -> pd.DataFrame:
    """Measurements aggregated in DuckDB per network and indicator (and period), cached per store version."""
    s = store()
    return _stats(s.path, s.data_version(), grain, start, end)


@st.cache_data(show_spinner=False, max_entries=8)
def _period_range(path: str, ver: int) -> tuple[date | None, date | None]:
    return _store(path).period_range()


def period_range() -> tuple[date | None, date | None]:
    """First and last month with data, cached per store version (the sidebar asks on every run)."""
    s = store()
    return _period_range(s.path, s.data_version())


@st.cache_data(show_spinner=False, max_entries=8)
def _is_empty(path: str, ver: int) -> bool:
    return _store(path).is_empty()


def is_empty() -> bool:
    """Whether the store holds no records, cached per store version (every page asks on every run)."""
    s = store()
    return _is_empty(s.path, s.data_version())


def story_card(title: str, meta: str, text: str, limit: int | None = None) -> None:
    """A bordered card for one story; user text is escaped, and cut at a word near limit characters."""
    if limit is not None and len(text) > limit:
        text = text[: limit - 3].rsplit(" ", 1)[0] + " …"
    with st.container(border=True):
        st.markdown(f"**{escape_markdown(title)}**")
        st.caption(meta)
        st.markdown(escape_markdown(text))


def lang() -> str:
    return st.session_state.get("_lang", "da")


def tr(key: str, /, **values: object) -> str:
    return i18n.t(key, lang(), **values)


def month_end(d: date | None) -> date | None:
    return None if d is None else (pd.Timestamp(d) + pd.offsets.MonthEnd(0)).date()


def months(lo: date, hi: date) -> list[str]:
    return [p.strftime("%Y-%m") for p in pd.period_range(lo, hi, freq="M")]


def _unit_options(org: pd.DataFrame) -> tuple[list[str], dict[str, str]]:
    """Units in tree order (areas, their centres, their units), labelled with indentation."""
    parent = dict(zip(org["unit_id"], org["parent_id"], strict=True))
    names = dict(zip(org["unit_id"], org["name"], strict=True))
    level = dict(zip(org["unit_id"], org["level"], strict=True))
    children: dict[str | None, list[str]] = {}
    for uid in org.sort_values("name")["unit_id"]:
        p = parent[uid] if isinstance(parent[uid], str) else None
        children.setdefault(p, []).append(uid)
    order, labels = [], {}

    def walk(u: str, depth: int) -> None:
        if level.get(u) not in ("area", "centre", "unit"):
            return
        order.append(u)
        labels[u] = "\u2003" * (depth - 1) + names[u]
        for c in children.get(u, []):
            walk(c, depth + 1)

    for root in children.get(None, []):
        for c in children.get(root, []):
            walk(c, 1)
    return order, labels


def sidebar_filters() -> flt.Filters:
    """Draw the shared sidebar filters and return them. Call once per run (app.py).

    The filters live in the session (app.py draws them on every page, so they survive page switches) and
    are mirrored to the URL with language-neutral values (`?lang=en&from=2014-01&to=2015-12&types=welfare
    &unit=C-SUO&w=2-1-1`), so a filtered view can be shared as a link. A new session reads them from the
    URL; anything unreadable falls back to its default. (Streamlit's bind="query-params" would write the
    translated labels into the URL, so it is not used here.)
    """
    lo, hi = period_range()
    lo = date(lo.year, lo.month, 1) if lo else None
    hi = date(hi.year, hi.month, 1) if hi else None
    org = table("org_units")
    order, labels = _unit_options(org)
    ss = st.session_state
    # The filters' values live under keys of their own (_lang, _period, _types, _unit) and are handed to the
    # widgets as their defaults on every run. Widget state alone did not survive a page switch in the
    # browser: the switch reran app.py with the sidebar widgets reset to their defaults.
    if "_filters_initialised" not in ss:
        initial = flt.from_query(st.query_params.to_dict(), (lo, hi), set(order))
        ss["_lang"] = initial.lang
        ss["_types"] = list(initial.types)
        ss["_unit"] = initial.unit_id
        if lo and hi:
            ss["_period"] = (flt.month_str(initial.start), flt.month_str(initial.end))
        ss.setdefault("weights", initial.weight_map)
        ss["_filters_initialised"] = True
    with st.sidebar:
        L = st.segmented_control("Sprog / Language", options=["da", "en"], default=ss["_lang"], required=True,
                                 key="lang", format_func=lambda x: {"da": "Dansk", "en": "English"}[x]) or "da"
        ss["_lang"] = L
        st.header(i18n.t("filters.header", L))
        start, end = lo, hi
        if lo and hi:
            opts = months(lo, hi)
            current = ss.get("_period")
            if not isinstance(current, tuple) or len(current) != 2 or not set(current) <= set(opts):
                current = (opts[0], opts[-1])
            a, b = st.select_slider(i18n.t("filters.period", L), options=opts, value=current, key="period")
            ss["_period"] = (a, b)
            start, end = flt.parse_month(a), flt.parse_month(b)
        types = st.multiselect(i18n.t("filters.types", L), options=list(NETWORK_TYPES), default=ss["_types"],
                               key="types", format_func=lambda x: i18n.label("type", x, L))
        ss["_types"] = list(types)
        if ss.get("_unit") not in order:
            ss["_unit"] = None
        unit = st.selectbox(i18n.t("filters.unit", L), options=order, key="unit",
                            index=None if ss["_unit"] is None else order.index(ss["_unit"]),
                            format_func=lambda u: labels[u], placeholder=i18n.t("filters.whole", L))
        ss["_unit"] = unit
        w = ss["weights"]
        st.caption(i18n.t("filters.weights_in_use", L, weights=weights_text(w, L)))
    f = flt.Filters(start, end, tuple(types) or NETWORK_TYPES, unit, tuple(w.items()), L)
    wanted = flt.to_query(f)
    # Keep parameters a page owns (e.g. ?network=N05) and replace only the shared ones.
    for k in ("lang", "from", "to", "types", "unit", "w"):
        if k not in wanted and k in st.query_params:
            del st.query_params[k]
    for k, v in wanted.items():
        if st.query_params.get(k) != v:
            st.query_params[k] = v
    return f


def weights_text(weights: dict[str, float], lang_: str) -> str:
    w = scoring.normalise_weights(weights)
    return ", ".join(f"{i18n.label('perspective', p, lang_)} {w[p]:.0%}" for p in PERSPECTIVES)


def current_filters() -> flt.Filters:
    """The filters app.py drew in this run."""
    if "_filters" not in st.session_state:
        _run_through_app()
    return st.session_state["_filters"]


def _run_through_app() -> None:
    # A direct link to a page on a freshly started server makes Streamlit run that page file alone, in its
    # old "pages/ folder" mode, until some run has called st.navigation (streamlit/streamlit#9624). Tell the
    # page manager what app.py is about to tell it anyway, and run again: this time through app.py, on the
    # same page, with the sidebar filters.
    st_internals.use_navigation_mode()
    st.rerun()


def stop_if_empty() -> None:
    """On an empty store: say so, offer the sample and the upload page, and stop the page here."""
    if not is_empty():
        return
    st.subheader(tr("empty.title"))
    st.write(tr("empty.body"))
    if st.button(tr("empty.load_sample"), type="primary", key="empty_load_sample"):
        service.ensure_sample(store())
        st.rerun()
    st.page_link("pages/upload.py", label=tr("page.upload"), icon=":material/upload_file:")
    st.stop()
