"""The upload gate through the real app: secrets files written to disk and read the way Streamlit reads them
(`secrets.files`, as `streamlit run --secrets.files PATH` sets it), the closed page for every half-written
configuration, the start-up log line, and the passphrase back-off per session and for everyone."""

from __future__ import annotations

import pytest
from streamlit import config
from streamlit.runtime.secrets import secrets_singleton

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
def secrets_file(tmp_path, monkeypatch):
    """write(text) puts text into a secrets.toml of its own and points Streamlit at it (and only it)."""
    before = config.get_option("secrets.files")
    path = tmp_path / ".streamlit" / "secrets.toml"
    path.parent.mkdir()

    def write(text: str):
        path.write_text(text, encoding="utf-8")
        config.set_option("secrets.files", [str(path)], "command-line")
        monkeypatch.setattr(secrets_singleton, "_secrets", None)  # read afresh, as a new server process does
        return path

    yield write
    config.set_option("secrets.files", before, "command-line")


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
    shown = "\n".join(texts(at))
    assert "Upload og fortryd er lukket for alle" in shown and fix in shown
    assert SECRET not in shown and "482913" not in shown
    logged = [r.getMessage() for r in caplog.records if r.name == "netvalue.access"]
    assert len(logged) == 1 and "CLOSED" in logged[0], "logged once, not on every run"
    assert SECRET not in logged[0] and "482913" not in logged[0]


def test_no_secrets_at_all_means_uploads_are_off_and_the_page_says_how_to_switch_them_on(db, secrets_file, tmp_path,
                                                                                         monkeypatch):
    config.set_option("secrets.files", [str(tmp_path / "nowhere" / "secrets.toml")], "command-line")
    monkeypatch.setattr(secrets_singleton, "_secrets", None)
    at = run_app(PAGE)
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
        assert "tidligst ske om 1 sekunder" in _guess(at, "forkert").error[0].value
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
