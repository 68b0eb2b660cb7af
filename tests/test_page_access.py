"""The upload gate through the real app: secrets files written to disk and read the way Streamlit reads them
(`secrets.files`, as `streamlit run --secrets.files PATH` sets it), the closed page for every half-written
configuration, the start-up log line, and the passphrase back-off per session and for everyone."""

from __future__ import annotations

import pytest

import st_internals
from netvalue import access
from tests.apptest_support import run_app

PAGE = "pages/upload.py"
SECRET = "Fælles nøgle 2025"


@pytest.fixture
def db(app_store, monkeypatch):
    monkeypatch.delenv(access.ENV_PASSPHRASE, raising=False)
    monkeypatch.delenv(access.ENV_OPEN, raising=False)
    monkeypatch.setattr(access, "GUARD", access.Guard())  # a fresh process-wide back-off per test
    monkeypatch.setattr(access, "_logged", set())  # and a fresh "logged once" memory, as a new process has
    return app_store


@pytest.fixture
def secrets_file(tmp_path):
    """write(text) puts text into a secrets.toml of its own and points Streamlit at it (and only it)."""
    path = tmp_path / ".streamlit" / "secrets.toml"
    path.parent.mkdir()
    before: list[list[str]] = []

    def write(text: str):
        path.write_text(text, encoding="utf-8")
        before.append(st_internals.set_secrets_files([str(path)]))
        return path

    yield write
    if before:
        st_internals.set_secrets_files(before[0])


def texts(at) -> list[str]:
    return [e.value for kind in ("markdown", "caption", "info", "success", "warning", "error") for e in at.get(kind)]


def assert_closed(at) -> None:
    assert not at.exception
    assert len(at.file_uploader) == 0, "no file picker"
    assert not [b for b in at.button if b.key in ("upload_undo", "upload_login")], "no undo, no login"
    assert not [t for t in at.text_input if t.key == "upload_passphrase"], "no passphrase field"


BROKEN = {
    "missing quote": ('[netvalue]\nupload_passphrase = "Fælles nøgle 2025\n', "linje 2, kolonne 39"),
    "a number": ("[netvalue]\nupload_passphrase = 482913\n", "`upload_passphrase` under `[netvalue]` skal være tekst"),
    "empty": ('[netvalue]\nupload_passphrase = ""\n', "`upload_passphrase` under `[netvalue]` er tom"),
    "whitespace": ('[netvalue]\nupload_passphrase = "   "\n', "`upload_passphrase` under `[netvalue]` er tom"),
    "misspelled section": (f'[netvaleu]\nupload_passphrase = "{SECRET}"\n', "mente du `[netvalue]`?"),
    "unknown key": (f'[netvalue]\nupload_passphrase = "{SECRET}"\nupload_pasphrase = "x"\n',
                    "mente du `upload_passphrase`?"),
    "half an auth": ('[auth]\nclient_id = "id"\n[netvalue]\nuploaders = ["team@albertslund.dk"]\n',
                     "`[auth]` mangler: redirect_uri, cookie_secret, client_secret, server_metadata_url"),
    "uploaders a string": ('[auth]\nredirect_uri = "r"\ncookie_secret = "c"\nclient_id = "i"\nclient_secret = "s"\n'
                           'server_metadata_url = "u"\n[netvalue]\nuploaders = "team@albertslund.dk"\n',
                           "`uploaders` skal være en liste"),
    "open as text": ('[netvalue]\nopen_uploads = "true"\n', "`open_uploads` skal være `true` eller `false`"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_secrets_file_closes_uploads_and_undo_and_says_what_to_fix(db, secrets_file, caplog, case):
    text, fix = BROKEN[case]
    secrets_file(text)
    with caplog.at_level("INFO", logger="netvalue.access"):
        at = run_app(PAGE)
        at.run()
    assert_closed(at)
    assert any("Fortryd er lukket" in c.value for c in at.caption)
    shown = "\n".join(texts(at))
    assert "Upload og fortryd er lukket for alle" in shown and fix in shown
    assert SECRET not in shown and "482913" not in shown
    logged = [r.getMessage() for r in caplog.records if r.name == "netvalue.access"]
    assert len(logged) == 1 and "CLOSED" in logged[0], "logged once, not on every run"
    assert SECRET not in logged[0] and "482913" not in logged[0]


def test_no_secrets_at_all_means_uploads_are_off_and_the_page_says_how_to_switch_them_on(db, tmp_path):
    before = st_internals.set_secrets_files([str(tmp_path / "nowhere" / "secrets.toml")])
    try:
        at = run_app(PAGE)
    finally:
        st_internals.set_secrets_files(before)
    assert_closed(at)
    assert any("open_uploads = true" in i.value for i in at.info)


def test_open_uploads_in_the_secrets_file_opens_the_demo(db, secrets_file):
    secrets_file("[netvalue]\nopen_uploads = true\n")
    at = run_app(PAGE)
    assert not at.exception and len(at.file_uploader) == 1
    assert any("demo-tilstand" in i.value for i in at.info)


def _guess(at, passphrase: str):
    at.text_input(key="upload_passphrase").input(passphrase)
    next(b for b in at.button if b.label == "Lås op").click().run()
    assert not at.exception, at.exception
    return at


def test_a_good_secrets_file_asks_for_the_passphrase_and_wrong_guesses_back_off(db, secrets_file, caplog):
    secrets_file(f'[netvalue]\nupload_passphrase = "{SECRET}"\n')
    at = run_app(PAGE)
    assert len(at.file_uploader) == 0 and at.text_input(key="upload_passphrase")
    with caplog.at_level("WARNING", logger="netvalue.access"):
        for _ in range(3):  # three free mistakes
            assert [e.value for e in _guess(at, "forkert").error] == ["Forkert adgangskode."]
        assert "tidligst ske om 1 s." in _guess(at, "forkert").error[0].value
        # Now even the right passphrase is not checked until the wait is over.
        assert "Prøv igen om" in _guess(at, SECRET).error[0].value
    assert len(at.file_uploader) == 0
    logged = [r.getMessage() for r in caplog.records]
    assert sum("wrong upload passphrase" in m for m in logged) == 4
    assert sum("refused unchecked" in m for m in logged) == 1
    assert not any("forkert" in m or SECRET in m for m in logged), "never the guess"


def test_new_sessions_share_the_back_off(db, secrets_file, monkeypatch):
    secrets_file(f'[netvalue]\nupload_passphrase = "{SECRET}"\n')
    monkeypatch.setattr(access, "GUARD", access.Guard(access.Backoff(free=2, base=60)))
    for _ in range(3):  # three sessions, one wrong guess each: no session reaches its own limit
        _guess(run_app(PAGE), "forkert")
    at = _guess(run_app(PAGE), SECRET)
    assert "Prøv igen om" in at.error[0].value and len(at.file_uploader) == 0


# -- backups of the running app ----------------------------------------------------------------------------------
@pytest.fixture
def no_scheduler():
    from netvalue import backups

    backups.stop()
    yield backups
    backups.stop()


def test_the_running_app_starts_its_backup_schedule_and_uploaders_can_take_one_now(db, secrets_file, tmp_path,
                                                                                   no_scheduler):
    backups = no_scheduler
    where = tmp_path / "backups"
    secrets_file(f'[netvalue]\nopen_uploads = true\nbackup_dir = "{where}"\nbackup_every_hours = 24\n'
                 "backup_keep = 2\n")
    at = run_app(PAGE)
    assert not at.exception
    scheduler = backups.running()
    assert scheduler is not None and scheduler.schedule == backups.Schedule(where, 24.0, 2)
    at.run()
    assert backups.running() is scheduler, "one scheduler per process, however often the app runs"
    at.button(key="backup_now").click().run()
    assert not at.exception
    assert any(s.value.startswith("Sikkerhedskopien `netvalue-") for s in at.success)
    assert 1 <= len(backups.existing(where)) <= 2


def test_no_backup_button_for_someone_who_may_not_upload(db, secrets_file, tmp_path, no_scheduler):
    secrets_file(f'[netvalue]\nupload_passphrase = "{SECRET}"\nbackup_dir = "{tmp_path / "b"}"\n')
    at = run_app(PAGE)
    assert not [b for b in at.button if b.key == "backup_now"]


def test_a_cleared_cache_does_not_open_a_second_store(db):
    """Any browser can send Streamlit's clear_cache message; it empties cache_resource for everyone."""
    import streamlit as st

    import ui

    at = run_app("pages/overview.py")
    first = ui.store()
    st.cache_resource.clear()
    st.cache_data.clear()
    at.run()
    assert not at.exception
    assert ui.store() is first and list(ui._stores).count(str(db)) == 1


@pytest.mark.parametrize("rows", [[10_000], [-1], ["x"], [None]])
def test_a_crafted_table_selection_is_ignored(db, rows):
    """What a crafted browser sends for the networks table: a selection whose row is out of range or no number.
    It reaches the table's on_select callback, which runs before the page (outside app.py's error handler)."""
    import json

    at = run_app("pages/networks.py")
    title = at.title[0].value
    table = next(d for d in at.dataframe if d.key == "networks_table")
    st_internals.send_widget_string(at, table, json.dumps({"selection": {"rows": rows, "columns": [], "cells": []}}))
    assert not at.exception, at.exception
    assert at.title[0].value == title, "still the table, no network opened"
