"""UI plumbing shared by app.py and the pages: the cached store, cached queries, language and filters.

Streamlit lives here and in pages/; the library (netvalue/) never imports it.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

import st_internals
from netvalue import access, backups, formats, i18n, orgtree, service, windows
from netvalue import filters as flt
from netvalue.explain import escape_markdown
from netvalue.schema import NETWORK_TYPES
from netvalue.store import Store, default_path
from netvalue.views.registry import REGISTRY

st_internals.keep_wire_forms()

_stores: dict[str, Store] = {}
_stores_lock = threading.Lock()


def _store(path: str) -> Store:
    # Process-wide, not st.cache_resource: any browser can send Streamlit's "clear_cache" message, which empties
    # cache_resource for everyone; a second Store on the same file would bring a second write lock.
    with _stores_lock:
        if path not in _stores:
            # A fresh checkout has no store file: create it from the embedded sample. A store that exists but is
            # empty was made so on purpose (netvalue init); the pages then offer the sample or the upload.
            fresh = path != ":memory:" and not Path(path).exists()
            store = Store(path)
            if fresh:
                service.ensure_sample(store)
            _stores[path] = store
        return _stores[path]


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


class _CachedSource:
    """The view layer's Source over the cached store queries of this module."""

    def table(self, name: str) -> pd.DataFrame:
        return table(name)

    def stats(self, grain: str, start: date | None, end: date | None) -> pd.DataFrame:
        return stats(grain, start, end)

    def period_range(self) -> tuple[date | None, date | None]:
        return period_range()

    def measurements(self, network_ids: Sequence[str]) -> pd.DataFrame:
        # Not cached here: the view that asks (a network's page) is cached as a whole.
        return store().measurements(list(network_ids))


def source() -> _CachedSource:
    return _CachedSource()


# cache_resource, not cache_data: a view holds plotly figures, and cache_data would unpickle them (revalidating
# every trace) on each hit: 90 ms of a warm overview rerun. Views are frozen and pages only draw them.
# Its figures are serialised once, not on every rerun (st_internals.keep_wire_forms; most of a warm view's CPU).
@st.cache_resource(show_spinner=False, max_entries=64)
def _view(path: str, ver: int, name: str, f: flt.Filters, extra: tuple) -> object:
    made = REGISTRY[name](source(), f, *extra)
    st_internals.freeze_figures(made)
    return made


def view(name: str, f: flt.Filters, *extra: object) -> object:
    """A page's view (netvalue.views.registry.REGISTRY[name]) for the filters, cached by the one rule: the store's path
    and data version, the view's name, the filters and the view's own arguments."""
    s = store()
    return _view(s.path, s.data_version(), name, f, tuple(extra))


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


@st.cache_resource(show_spinner=False, max_entries=8)
def _unit_options_cached(path: str, ver: int) -> tuple[list[str], dict[str, str]]:
    return _unit_options(table("org_units"))


def _unit_options(org: pd.DataFrame) -> tuple[list[str], dict[str, str]]:
    """Areas, centres and units in tree order (netvalue.orgtree), labelled with indentation."""
    tree = orgtree.org_tree(org)
    tree = tree[tree["level"].isin(("area", "centre", "unit"))]
    return list(tree["unit_id"]), {u: "\u2003" * max(d - 1, 0) + n
                                   for u, d, n in zip(tree["unit_id"], tree["depth"], tree["name"], strict=True)}


def sidebar_filters() -> flt.Filters:
    """Draw the shared sidebar filters and return them. Call once per run (app.py).

    The filters live in the session under keys of their own (_lang, _period, _types, _unit) and are handed to
    the widgets as defaults on every run: widget state alone did not survive a page switch in the browser. They
    hold ids only (type ids, unit ids, months as 2019-05); labels are formatting applied when drawn, and each
    widget whose labels change with the language has a key per language, so switching language and back never
    feeds one language's labels to the other's widget. They are mirrored to the URL with the same ids
    (`?lang=en&from=2014-01&to=2015-12&types=welfare&unit=C-SUO&w=2-1-1`), so a view can be shared as a link.
    Without from/to in the URL the window opens on the latest twelve months; the whole history is one click.
    """
    lo, hi = period_range()
    lo = date(lo.year, lo.month, 1) if lo else None
    hi = date(hi.year, hi.month, 1) if hi else None
    s = store()
    order, labels = _unit_options_cached(s.path, s.data_version())
    ss = st.session_state
    if "_filters_initialised" not in ss:
        params = st.query_params.to_dict()
        initial = flt.from_query(params, (lo, hi), set(order))
        ss["_lang"] = initial.lang
        ss["_types"] = list(initial.types)
        ss["_unit"] = initial.unit_id
        if lo and hi:
            if "from" in params or "to" in params:
                ss["_period"] = (flt.month_str(initial.start), flt.month_str(initial.end))
            else:
                opening = windows.last_months((lo, hi))
                ss["_period"] = (flt.month_str(opening.start), flt.month_str(opening.end))
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
            a, b = st.select_slider(i18n.t("filters.period", L), options=opts, value=current, key=f"period_{L}",
                                    format_func=lambda m: windows.month_label(flt.parse_month(m), L))
            ss["_period"] = (a, b)
            start, end = flt.parse_month(a), flt.parse_month(b)
            left, right = st.columns(2, gap="xsmall")
            # wrap: a narrow sidebar cut "Seneste 12 mdr." to "Seneste 12 …"; the label wraps instead.
            if left.button(i18n.t("filters.last_12", L), key="period_last_12", width="stretch", wrap=True):
                w = windows.last_months((lo, hi))
                _set_period(flt.month_str(w.start), flt.month_str(w.end))
            if right.button(i18n.t("filters.all_history", L), key="period_all", width="stretch", wrap=True):
                _set_period(opts[0], opts[-1])
        kept = [x for x in ss["_types"] if x in NETWORK_TYPES]
        types = st.multiselect(i18n.t("filters.types", L), options=list(NETWORK_TYPES), default=kept,
                               key=f"types_{L}", format_func=lambda x: i18n.label("type", x, L),
                               placeholder=i18n.t("filters.types_placeholder", L))
        ss["_types"] = [x for x in types if x in NETWORK_TYPES]
        if not ss["_types"]:
            st.warning(i18n.t("filters.no_types", L))
        if ss.get("_unit") not in order:
            ss["_unit"] = None
        unit = st.selectbox(i18n.t("filters.unit", L), options=order, key=f"unit_{L}",
                            index=None if ss["_unit"] is None else order.index(ss["_unit"]),
                            format_func=lambda u: labels[u], placeholder=i18n.t("filters.whole", L))
        ss["_unit"] = unit if unit in order else None
        w = ss["weights"]
        st.caption(i18n.t("filters.weights_in_use", L, weights=weights_text(w, L)))
    f = flt.Filters(start, end, tuple(ss["_types"]), ss["_unit"], tuple(w.items()), L)
    wanted = flt.to_query(f)
    # Keep parameters a page owns (e.g. ?network=N05) and replace only the shared ones.
    for k in ("lang", "from", "to", "types", "unit", "w"):
        if k not in wanted and k in st.query_params:
            del st.query_params[k]
    for k, v in wanted.items():
        if st.query_params.get(k) != v:
            st.query_params[k] = v
    return f


def _set_period(a: str, b: str) -> None:
    """Move the period slider (both languages' widgets) and rerun."""
    ss = st.session_state
    ss["_period"] = (a, b)
    for L in i18n.LANGS:
        ss.pop(f"period_{L}", None)
    st.rerun()


def weights_text(weights: dict[str, float], lang_: str) -> str:
    return formats.weights(weights, lang_)


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


STATIC = Path(__file__).resolve().parent / "static"


@functools.cache
def _page_assets() -> tuple[str, str]:
    css = "\n".join((STATIC / name).read_text(encoding="utf-8") for name in ("screen.css", "print.css", "phone.css"))
    # The hook's own element container takes no room; the script still runs.
    css += '\n[data-testid="stElementContainer"]:has(.nv-print-hook) { display: none !important; }'
    script = (STATIC / "print.js").read_text(encoding="utf-8")
    return f"<style>{css}</style>", f'<span class="nv-print-hook"></span><script>{script}</script>'


def page_styles() -> None:
    """The print and phone stylesheets (static/print.css, static/phone.css) and the script that fits wide charts
    to the paper (static/print.js: constant code, no user input). Call once per run (app.py)."""
    style, script = _page_assets()
    st.html(style)
    st.html(script, unsafe_allow_javascript=True)


def page(url_path: str) -> object:
    """The st.Page app.py made for url_path in this run (for st.page_link); the file name where there is none."""
    return st.session_state.get("_pages", {}).get(url_path, f"pages/{url_path}.py")


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


def stop_if_no_selection(reason: str | None) -> bool:
    """Say why a view is empty (no type chosen, nothing matches); True when the page should stop."""
    if reason is None:
        return False
    if reason == "no_types":
        st.warning(tr("empty.no_types"))
    else:
        st.warning(tr("empty.no_match"))
    return True


# -- access and backups (netvalue.access, netvalue.backups) ----------------------------------------------------
def _secrets() -> tuple[dict, list[access.ConfigProblem]]:
    """st.secrets as a plain dict, and the problems reading the secrets files. Streamlit treats a file it cannot
    parse like no file at all; here it is a problem, so that it closes the upload gate instead of opening it."""
    paths = [str(p) for p in st.get_option("secrets.files")]
    problems = access.secrets_file_problems(paths)
    try:
        loaded = st.secrets.load_if_toml_exists()
        secrets = st.secrets.to_dict() if loaded else {}
    except Exception:  # a secrets directory Streamlit cannot read
        loaded, secrets = False, {}
    if not loaded and not problems and any(Path(p).exists() for p in paths):
        problems = [access.ConfigProblem.of("unreadable_other")]
    return ({} if problems else secrets), problems


def upload_gate() -> access.Gate:
    """Who may upload and undo, from the secrets and the environment; logged once per process and configuration."""
    secrets, problems = _secrets()
    gate = access.gate_from(secrets, os.environ, problems)
    access.log_once(gate)
    return gate


def backup_schedule() -> backups.Schedule | None:
    """The backup schedule in the settings; None when there is none or the settings have problems."""
    secrets, problems = _secrets()
    return None if problems or access.check_secrets(secrets) else backups.schedule_from(secrets)


def start_backups() -> None:
    """Start the scheduled backups of the running app (once per process; later calls do nothing)."""
    schedule = backup_schedule()
    if schedule is not None and backups.running() is None:
        s = store()
        backups.start(lambda: s, schedule)


# -- charts with their text alternatives, and table downloads ------------------------------------------------
def chart(fig: object, key: str, summary_md: str | None = None) -> None:
    """A chart and, right under it, its text alternative (WCAG 1.1.1): the summary sentence and the data behind a
    toggle. key names the chart; the toggle is key + "_alt". summary_md: the view's own sentence instead of the
    generic one, Markdown with its user text escaped already (netvalue.views.connections writes such)."""
    st.plotly_chart(fig, width="stretch", key=key)
    chart_text(fig, key, summary_md)


def chart_text(fig: object, key: str, summary_md: str | None = None) -> None:
    """The text alternative of a chart drawn above: made once per figure (netvalue.views.alternatives, kept with
    the cached view). The table is HTML made there with every cell escaped, in a region the keyboard can scroll
    (st.table's scrolling box could not take the focus)."""
    from netvalue.views import alternatives

    if fig is None:
        return
    alt = alternatives.alternative(fig, lang())
    with st.container(key=f"alt_{key}"):  # static/print.css leaves it off paper, where the chart itself is
        st.caption(summary_md or escape_markdown(alt.summary))
        if alt.table.empty:
            return
        with st.expander(tr("alt.show_data"), key=f"{key}_alt"):
            st.html(alt.html)


def _file_stem(title: str) -> str:
    text = title.lower().translate(str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"}))
    return "_".join("".join(c if c.isalnum() and c.isascii() else " " for c in text).split()) or "tabel"


def downloads(frame: pd.DataFrame | Callable[[], pd.DataFrame], key: str, title: str, window: str | None,
              extra: Sequence[tuple[str, str]] = (), file: str | None = None) -> None:
    """CSV and Excel buttons for a table the page shows: frame as the files hold it (rounded as the page shows it,
    formats.with_decimals), under a header naming title, the window as the page names it, the filters, the weights
    and the data version (netvalue.export.header; extra: rows of its own). The files are made when a button is
    clicked, not on every run; so is frame when it is a callable (a pure function: it runs on another thread).
    Buttons: key + "_csv", key + "_xlsx"."""
    from datetime import datetime

    from netvalue import export

    f = current_filters()
    L = f.lang
    unit = None
    if f.unit_id is not None:
        org = table("org_units")
        unit = str(dict(zip(org["unit_id"], org["name"], strict=True)).get(f.unit_id, f.unit_id))
    fields = {"window": window, "types": f.types, "unit": unit, "weights": weights_text(f.weight_map, L),
              "version": version(), "extra": tuple(extra)}

    def _frame() -> pd.DataFrame:
        return frame() if callable(frame) else frame

    def _csv() -> bytes:  # runs on another thread: plain values only, never Streamlit
        head = export.header(title, L, made=datetime.now(), **fields)
        return export.to_csv_bytes(_frame(), danish=L == "da", header=head)

    def _xlsx() -> bytes:
        return export.to_xlsx_bytes(_frame(), title, header=export.header(title, L, made=datetime.now(), **fields))

    stem = file or _file_stem(title)
    # A row that sizes the buttons to their labels and wraps: fixed column shares cut them to "D." in a narrow column.
    row = st.container(horizontal=True, wrap=True, gap="small")
    hint = i18n.t("export.help", L, title=escape_markdown(title))
    row.download_button(i18n.t("export.csv", L), _csv, file_name=stem + ".csv", mime=export.CSV_MIME,
                      icon=":material/download:", on_click="ignore", key=f"{key}_csv", help=hint)
    row.download_button(i18n.t("export.xlsx", L), _xlsx, file_name=stem + ".xlsx", mime=export.XLSX_MIME,
                      icon=":material/download:", on_click="ignore", key=f"{key}_xlsx", help=hint)
