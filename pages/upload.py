"""Upload: the network-structure team's page. Templates → upload → preview and validation report (nothing written
yet) → save as one batch → history → undo. Uploading and undo are behind the gate of netvalue.access."""

from __future__ import annotations

import logging
import time

import streamlit as st

import ui
from netvalue import access, backups, bulk, ingest, service, templates
from netvalue.explain import escape_markdown
from netvalue.export import to_csv_bytes
from netvalue.i18n import label, t
from netvalue.keyfigures import format_number
from netvalue.safetext import md
from netvalue.schema import LOAD_ORDER
from netvalue.store import StoreBusy, StoreIntegrityError

log = logging.getLogger("netvalue.upload")
L = ui.lang()
ss = st.session_state
store = ui.store()


def n(x: float) -> str:
    return format_number(x, L)


def rows(k: int) -> str:
    return ui.tr("upload.rows", n=k)


def secs(t0: float) -> str:
    return format_number(time.perf_counter() - t0, L, 1)


def flash(where: str, kind: str, text: str, details: list[str] | None = None) -> None:
    """A message to show in a section after the next rerun (the page reruns after a save or an undo)."""
    ss[f"upload_flash_{where}"] = (kind, text, details or [])


def show_flash(where: str) -> None:
    kind, text, details = ss.pop(f"upload_flash_{where}", (None, "", []))
    if kind:
        getattr(st, kind)(text + "".join(f"\n- {d}" for d in details))


st.title(ui.tr("upload.title"))
st.caption(ui.tr("upload.intro"))

# -- 1. Templates -----------------------------------------------------------------------------------------------
templates_box = st.expander(ui.tr("upload.templates"), icon=":material/download:",
                            expanded=not (store.batches()["who"] != "sample").any())
templates_box.markdown(ui.tr("upload.templates_body"))


@st.cache_data(show_spinner=False)
def _xlsx() -> bytes:
    return templates.xlsx_template()


templates_box.download_button(ui.tr("upload.template_xlsx"), _xlsx(), templates.XLSX_FILENAME, templates.XLSX_MIME,
                              icon=":material/table_view:", key="template_xlsx", type="primary")
templates_box.caption(ui.tr("upload.template_csv"))
cols = [c for _ in range(2) for c in templates_box.columns(3)]
for col, name in zip(cols, LOAD_ORDER, strict=True):
    col.download_button(label("record", name, L), templates.csv_template(name), templates.csv_filename(name),
                        templates.CSV_MIME, icon=":material/download:", key=f"template_{name}", width="stretch")
templates_box.caption(ui.tr("upload.order_hint"))

# -- 2. Gate ----------------------------------------------------------------------------------------------------
st.subheader(ui.tr("upload.upload"))
show_flash("upload")
gate = ui.upload_gate()
user = st.user
decision = access.decide(gate, logged_in=bool(user.get("is_logged_in", False)), email=user.get("email"),
                         email_verified=user.get("email_verified"), token=ss.get("upload_token"))

if gate.mode == "closed":
    if [p.code for p in gate.problems] == ["not_configured"]:
        st.info(ui.tr("access.not_configured"), icon=":material/lock:")
    else:
        st.error(ui.tr("access.closed") + "".join(f"\n- {access.explain(p, L)}" for p in gate.problems),
                 icon=":material/block:")
elif gate.mode == "open":
    st.info(ui.tr("access.gate_open"), icon=":material/lock_open:")
elif gate.mode == "oidc":
    if decision.reason == "login_needed":
        st.info(ui.tr("upload.gate_login_needed"), icon=":material/lock:")
        if st.button(ui.tr("upload.login"), key="upload_login", type="primary"):
            try:
                st.login(gate.provider or "default")
            except Exception:
                log.exception("st.login failed")
                st.error(ui.tr("upload.login_failed"))
    else:
        email = str(user.get("email") or "?")
        if decision.allowed:
            st.success(ui.tr("upload.gate_logged_in", email=email), icon=":material/verified_user:")
        else:
            st.error(ui.tr(f"upload.gate_{decision.reason}", email=email), icon=":material/block:")
        if st.button(ui.tr("upload.logout"), key="upload_logout"):
            st.logout()
elif decision.allowed:
    c1, c2 = st.columns([4, 1], vertical_alignment="center")
    c1.success(ui.tr("upload.unlocked"), icon=":material/lock_open:")
    if c2.button(ui.tr("upload.lock"), key="upload_lock"):
        ss.pop("upload_token", None)
        st.rerun()
else:
    st.info(ui.tr("upload.gate_passphrase_needed"), icon=":material/lock:")
    with st.form("upload_unlock", clear_on_submit=True):
        given = st.text_input(ui.tr("upload.passphrase"), type="password", key="upload_passphrase")
        if st.form_submit_button(ui.tr("upload.unlock")):
            attempt = access.GUARD.attempt(gate, given, ss.setdefault("upload_backoff", access.Backoff()))
            if attempt.outcome == "unlocked":
                ss["upload_token"] = access.session_token(gate)
                st.rerun()
            elif attempt.outcome == "wait":
                st.error(ui.tr("access.wait", seconds=attempt.seconds))
            else:
                st.error(ui.tr("access.wrong_wait", seconds=attempt.seconds) if attempt.seconds
                         else ui.tr("upload.passphrase_wrong"))


def refusal(exc: StoreIntegrityError) -> str:
    """The store's refusal in the UI language (its English message when it has no code)."""
    return ui.tr(f"store.{exc.code}", **exc.params) if exc.code else str(exc)


# -- 2. Upload, check, preview, save ----------------------------------------------------------------------------
def check(files: list[tuple[str, bytes]], decimal: str | None) -> dict:
    """Read and check the files against the store (nothing is written); remembered per files, store version and
    the user's answer about the number style."""
    size = sum(len(b) for _, b in files) / 1e6
    t0 = time.perf_counter()
    with st.status(ui.tr("upload.checking", n=len(files), mb=format_number(size, L, 1)), expanded=False) as status:
        st.write(ui.tr("upload.step_read"))
        st.write(ui.tr("upload.step_check"))
        bar = st.progress(0.0)

        def progress(step: str, i: int, total: int, name: str) -> None:
            start = {"read": 0.0, "parse": 0.3, "check": 0.8}[step]
            share = start + (0.3 * i / max(total, 1) if step != "check" else 0)
            bar.progress(min(share, 1.0), text=ui.tr(f"progress.{step}", file=md(name), i=i + 1, n=total))

        try:
            # Large measurement CSVs are checked by DuckDB (as the command line loads them) and only their first
            # rows are typed for the preview; everything else, or when DuckDB steps aside, by ingest.
            checked = bulk.check(store, files, decimal)
            if checked is not None:
                plan, heads = checked
                status.update(label=ui.tr("upload.checked_ok", rows=rows(sum(plan.rows().values())),
                                          seconds=secs(t0)), state="complete")
                return {"plan": plan, "error": None, "preview": templates.preview_checked(plan, heads)}
            plan = ingest.prepare(files, store, progress, decimal=decimal)
        except ingest.IngestError as exc:
            status.update(label=ui.tr("upload.checked_bad", n=exc.total, seconds=secs(t0)), state="error")
            # Kept in the session without its traceback, whose frames hold the files and everything parsed.
            exc = exc.with_traceback(None)
            return {"plan": None, "error": exc, "preview": templates.preview_refused(exc)}
        status.update(label=ui.tr("upload.checked_ok", rows=rows(sum(plan.rows().values())), seconds=secs(t0)),
                      state="complete")
    return {"plan": plan, "error": None, "preview": templates.preview_plan(plan)}


def show_preview(items: list[templates.PreviewItem]) -> None:
    if not items:
        return
    st.markdown(f"**{ui.tr('upload.preview')}** · {ui.tr('upload.preview_body')}")
    for it in items:
        head = ui.tr("upload.preview_item" if it.record_type else "upload.preview_unknown", source=md(it.source),
                     record=label("record", it.record_type or "", L), rows=rows(it.rows))
        with st.expander(head, expanded=len(items) <= 2 or bool(it.reread)):
            for line in templates.reread_lines(it, L):
                st.caption(escape_markdown(line))
            st.caption(ui.tr("upload.preview_first" if it.typed else "upload.preview_raw", n=len(it.head)))
            st.dataframe(it.head, width="stretch")


def show_notes(notes: list[ingest.Problem]) -> None:
    """Sheets skipped and title rows passed over: said, so nobody wonders where a sheet went."""
    if notes:
        st.info(ui.tr("upload.notes") + "".join(f"\n- {escape_markdown(line)}"
                                                for line in templates.notes_lines(notes, L)),
                icon=":material/info:")


def save(files: list[tuple[str, bytes]], result: dict, who: str) -> None:
    """Write the checked plan as one batch; re-check first when the store changed since the check."""
    plan: ingest.LoadPlan = result["plan"]
    t0 = time.perf_counter()
    with st.status(ui.tr("upload.writing", rows=rows(sum(plan.rows().values()))), expanded=False) as status:
        try:
            if plan.bulk_files:  # DuckDB reads the large files again, inside the load's own transaction
                plan, res = service.load_files(store, files, who=who, decimal=result["decimal"])
            else:
                if result["version"] != store.data_version():
                    plan = ingest.prepare(files, store, decimal=result["decimal"])
                res = store.load(plan.frames, who=who, files=plan.files)
        except ingest.IngestError as exc:
            status.update(state="error")
            ss.pop("upload_check", None)
            flash("upload", "error", ui.tr("upload.refused", n=exc.total))
            return
        except StoreIntegrityError as exc:
            status.update(state="error")
            st.error(ui.tr("upload.store_refused") + f"\n\n{refusal(exc)}"
                     + "".join(f"\n- {md(d)}" for d in exc.details))
            return
        except StoreBusy:
            status.update(state="error")
            st.error(ui.tr("upload.busy"))
            return
        except Exception:
            log.exception("upload failed")
            status.update(state="error")
            st.error(ui.tr("upload.unexpected"))
            return
        status.update(state="complete")
    flash("upload", "success", ui.tr("upload.saved", batch=res.batch_id, added=n(res.total_added),
                                     replaced=n(res.total_replaced), seconds=secs(t0)))
    ss.pop("upload_check", None)
    ss["upload_round"] = ss.get("upload_round", 0) + 1  # a fresh, empty file uploader
    st.rerun()


if decision.allowed:
    uploaded = st.file_uploader(ui.tr("upload.files"), type=list(ingest.FILE_TYPES),
                                accept_multiple_files=True, help=ui.tr("upload.files_help"),
                                key=f"upload_files_{ss.get('upload_round', 0)}")
    if uploaded:
        # A corrected file dropped on top of the old one: the uploader keeps both; the newest copy counts.
        files, older = templates.newest_by_name([(f.name, f.getvalue()) for f in uploaded])
        if older:
            st.caption(ui.tr("upload.duplicates", names=", ".join(md(o) for o in older)))
        decimal_key = f"upload_decimal_{ss.get('upload_round', 0)}"
        answer = ss.get(decimal_key)
        decimal = ingest.DECIMALS.get(answer) if answer else None
        signature = (tuple((f.file_id, f.name, f.size) for f in uploaded), store.data_version(), decimal)
        result = ss.get("upload_check")
        if result is None or result["signature"] != signature:
            try:
                result = {**check(files, decimal), "signature": signature, "version": store.data_version(),
                          "decimal": decimal}
            except Exception:
                log.exception("checking an upload failed")
                st.error(ui.tr("upload.unexpected"))
                st.stop()
            ss["upload_check"] = result
        if (result["error"] is not None and result["error"].question == "decimal") or decimal:
            # The number style is the user's to say, never guessed: the files are checked again with the answer.
            st.radio(ui.tr("upload.decimal_question"), list(ingest.DECIMALS), index=None, key=decimal_key,
                     format_func=lambda k: t(f"upload.decimal_{k}", L), help=ui.tr("upload.decimal_help"))
        if result["error"] is not None:  # the verdict first, then how the files were read
            exc: ingest.IngestError = result["error"]
            st.error(ui.tr("upload.refused", n=exc.total), icon=":material/error:")
            show_notes(exc.notes)
            st.markdown(f"**{ui.tr('upload.report')}**")
            report = templates.problems_frame(exc.causes(), L)
            st.dataframe(report, width="stretch", hide_index=True, key="upload_report",
                         column_config={ui.tr("upload.col_line"): st.column_config.NumberColumn(
                             help=ui.tr("upload.line_help"), format="%d")})
            if exc.total > len(exc.problems):
                st.caption(ui.tr("upload.report_shown", shown=n(len(exc.problems)), total=n(exc.total)))
            st.download_button(ui.tr("upload.report_download"), to_csv_bytes(report), ui.tr("upload.report_file"),
                               templates.CSV_MIME, icon=":material/download:", key="upload_report_csv")
            show_preview(result["preview"])
        else:  # look, then save
            show_notes(result["plan"].notes)
            show_preview(result["preview"])
            hits = templates.example_rows_in(result["plan"])
            if hits:
                st.warning(ui.tr("upload.example_rows", where=", ".join(f"{md(src)}:{line}" for src, line in hits[:5])),
                           icon=":material/warning:")
            st.success(ui.tr("upload.ready", summary=templates.load_summary(result["plan"].rows(), L)),
                       icon=":material/task_alt:")
            if st.button(ui.tr("upload.commit"), type="primary", key="upload_commit", icon=":material/save:"):
                save(files, result, decision.who or "")

# -- Backups of the running app (netvalue.backups), for uploaders -----------------------------------------------
def backup_section() -> None:
    """The backup schedule, the newest backup and a button that takes one now (Store.backup: one transaction)."""
    schedule = ui.backup_schedule()
    with st.expander(ui.tr("backup.title"), icon=":material/backup:"):
        if schedule is None:
            st.caption(ui.tr("backup.no_schedule"))
            return
        st.caption(ui.tr("backup.schedule", hours=n(schedule.every_hours), dir=schedule.directory, keep=schedule.keep))
        done = backups.existing(schedule.directory)
        if done:
            st.caption(ui.tr("backup.latest", name=done[-1].name))
        if st.button(ui.tr("backup.now"), key="backup_now", icon=":material/backup:"):
            try:
                path, manifest = backups.take(store, schedule)
            except Exception:
                log.exception("backup from the upload page failed")
                st.error(ui.tr("backup.failed"))
            else:
                st.success(ui.tr("backup.done", name=path.name, rows=n(sum(manifest["rows"].values()))))


if decision.allowed:
    backup_section()

# -- 3. History and undo ----------------------------------------------------------------------------------------
st.subheader(ui.tr("upload.history"))
show_flash("history")
batches = store.batches()
if batches.empty:
    st.info(ui.tr("upload.history_empty"))
    st.stop()
st.caption(ui.tr("upload.history_body"))
history = templates.history_frame(batches, L)
st.dataframe(history, width="stretch", hide_index=True, key="upload_history",
             column_config={history.columns[3]: st.column_config.TextColumn(width="medium")})

if not decision.allowed:
    st.caption(ui.tr("access.closed_undo" if gate.mode == "closed" else "upload.need_access"))
    st.stop()
active = batches[batches["undone_at"].isna()]
if active.empty:
    st.caption(ui.tr("upload.undo_none"))
    st.stop()
by_id = {int(r.batch_id): r for r in active.itertuples()}
when = dict(zip(history.iloc[:, 0], history.iloc[:, 1], strict=True))


def _option(b: int) -> str:
    r = by_id[b]
    # L, not ui.tr: a format_func may be called outside the script run (AppTest), where there is no session.
    return t("upload.undo_option", L, batch=b, when=when[b], who=r.who or "–", files=r.files or "–")


pending = ss.get("upload_undo_pending")
if pending not in by_id:
    c1, c2 = st.columns([4, 1], vertical_alignment="bottom")
    # Keyed by the newest batch, so that after a save or an undo the picker starts at the newest upload again.
    pick = c1.selectbox(ui.tr("upload.undo_pick"), list(by_id), format_func=_option,
                        key=f"upload_undo_pick_{max(by_id)}", placeholder=ui.tr("app.choose"))
    if c2.button(ui.tr("upload.undo"), key="upload_undo", icon=":material/undo:"):
        ss["upload_undo_pending"] = pick
        st.rerun()
else:
    r = by_id[pending]
    st.warning(ui.tr("upload.undo_confirm", batch=pending, files=md(r.files) if r.files else "–", added=n(r.added),
                     replaced=n(r.replaced)), icon=":material/warning:")
    c1, c2, _ = st.columns([1, 1, 4])
    yes = c1.button(ui.tr("upload.undo_yes"), type="primary", key="upload_undo_yes")
    no = c2.button(ui.tr("upload.undo_cancel"), key="upload_undo_cancel")
    if no:
        ss.pop("upload_undo_pending", None)
        st.rerun()
    if yes:
        ss.pop("upload_undo_pending", None)
        try:
            store.undo(pending)
        except StoreIntegrityError as exc:
            flash("history", "error", refusal(exc), exc.details)
        except StoreBusy:
            flash("history", "error", ui.tr("upload.busy"))
        except Exception:
            log.exception("undo failed")
            flash("history", "error", ui.tr("upload.unexpected"))
        else:
            flash("history", "success", ui.tr("upload.undone", batch=pending))
            ss.pop("upload_check", None)
        st.rerun()
