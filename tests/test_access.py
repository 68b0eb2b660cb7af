"""netvalue.access: the gate's configuration and its decision table."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netvalue import access
from netvalue.access import Decision, Gate, decide, gate_from

AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x", "client_id": "id",
        "client_secret": "s", "server_metadata_url": "https://login.example/.well-known/openid-configuration"}
TEAM = {"auth": AUTH, "netvalue": {"uploaders": ["Team@Albertslund.dk", "analyst@albertslund.dk"]}}


# -- configuration -----------------------------------------------------------------------------------------------
def codes(gate: Gate) -> list[str]:
    return [p.code for p in gate.problems]


def test_nothing_configured_is_closed_and_says_so():
    g = gate_from({}, {})
    assert g.mode == "closed" and codes(g) == ["not_configured"]
    assert decide(g) == Decision(False, "closed")


@pytest.mark.parametrize(("secrets", "environ"), [
    ({"netvalue": {"open_uploads": True}}, {}),
    ({}, {access.ENV_OPEN: "1"}),
    ({"netvalue": {"open_uploads": False}}, {access.ENV_OPEN: "1"}),
])
def test_open_only_by_explicit_opt_in(secrets, environ):
    assert gate_from(secrets, environ) == Gate("open")


def test_an_auth_section_means_oidc_with_the_listed_uploaders_lower_cased():
    assert gate_from(TEAM, {}) == Gate("oidc", frozenset({"team@albertslund.dk", "analyst@albertslund.dk"}))


def test_oidc_wins_over_a_passphrase():
    g = gate_from({"auth": AUTH, "netvalue": {"uploaders": ["a@x.dk"], "upload_passphrase": "pw"}},
                  {access.ENV_PASSPHRASE: "env"})
    assert g == Gate("oidc", frozenset({"a@x.dk"}))


def test_login_provider_from_config_or_the_named_provider_section():
    named = {"redirect_uri": "r", "cookie_secret": "c",
             "microsoft": {"client_id": "i", "client_secret": "s", "server_metadata_url": "u"}}
    assert gate_from({"auth": named, "netvalue": {"uploaders": ["a@x.dk"]}}, {}).provider == "microsoft"
    assert gate_from(TEAM, {}).provider is None
    both = {**named, "okta": {"client_id": "i", "client_secret": "s", "server_metadata_url": "u"}}
    assert gate_from({"auth": both, "netvalue": {"uploaders": ["a@x.dk"], "auth_provider": "okta"}},
                     {}).provider == "okta"


def test_client_kwargs_in_auth_is_an_option_not_a_provider():
    auth = {**AUTH, "client_kwargs": {"prompt": "login"}}
    assert gate_from({"auth": auth, "netvalue": {"uploaders": ["a@x.dk"]}}, {}) == Gate("oidc", frozenset({"a@x.dk"}))


def test_passphrase_from_secrets_before_the_environment():
    assert gate_from({"netvalue": {"upload_passphrase": "from-secrets"}}, {access.ENV_PASSPHRASE: "env"}) == Gate(
        "passphrase", passphrase="from-secrets")
    assert gate_from({}, {access.ENV_PASSPHRASE: "from-env"}) == Gate("passphrase", passphrase="from-env")


# Every half-written or unreadable configuration closes the gate for everyone, with a problem naming what to fix.
BROKEN = {
    "passphrase a number": ({"netvalue": {"upload_passphrase": 482913}}, {}, ["not_text"]),
    "passphrase empty": ({"netvalue": {"upload_passphrase": ""}}, {}, ["blank"]),
    "passphrase spaces": ({"netvalue": {"upload_passphrase": "  \t"}}, {access.ENV_PASSPHRASE: "ok"}, ["blank"]),
    "env passphrase empty": ({}, {access.ENV_PASSPHRASE: " "}, ["env_blank"]),
    "misspelled section": ({"netvaleu": {"upload_passphrase": "pw"}}, {}, ["unknown_section"]),
    "unknown key": ({"netvalue": {"upload_passphrase": "pw", "upload_pasphrase": "x"}}, {}, ["unknown_key"]),
    "netvalue not a section": ({"netvalue": "pw"}, {}, ["not_section"]),
    "auth without secrets": ({"auth": {"client_id": "id"}, "netvalue": {"uploaders": ["a@x.dk"]}}, {},
                             ["auth_incomplete"]),
    "auth without uploaders": ({"auth": AUTH}, {}, ["no_uploaders"]),
    "uploaders one string": ({"auth": AUTH, "netvalue": {"uploaders": "a@x.dk, b@x.dk"}}, {},
                             ["uploaders_not_list"]),
    "uploaders numbers": ({"auth": AUTH, "netvalue": {"uploaders": ["a@x.dk", 7]}}, {}, ["uploaders_not_list"]),
    "uploaders not emails": ({"auth": AUTH, "netvalue": {"uploaders": ["a@x.dk", "Bo"]}}, {},
                             ["uploaders_not_email"]),
    "uploaders without login": ({"netvalue": {"uploaders": ["a@x.dk"], "upload_passphrase": "pw"}}, {},
                                ["uploaders_without_login"]),
    "unknown provider": ({"auth": AUTH, "netvalue": {"uploaders": ["a@x.dk"], "auth_provider": "okta"}}, {},
                         ["auth_provider_unknown"]),
    "open as text": ({"netvalue": {"open_uploads": "true"}}, {}, ["not_bool"]),
    "open env odd": ({}, {access.ENV_OPEN: "yes"}, ["env_open_invalid"]),
    "open and passphrase": ({"netvalue": {"open_uploads": True, "upload_passphrase": "pw"}}, {},
                            ["open_and_guarded"]),
    "open env and login": ({"auth": AUTH, "netvalue": {"uploaders": ["a@x.dk"]}}, {access.ENV_OPEN: "1"},
                           ["open_and_guarded"]),
    "backup hours zero": ({"netvalue": {"upload_passphrase": "pw", "backup_dir": "b", "backup_every_hours": 0}}, {},
                          ["not_positive"]),
    "backup keep text": ({"netvalue": {"upload_passphrase": "pw", "backup_dir": "b", "backup_keep": "7"}}, {},
                         ["not_count"]),
    "backup without dir": ({"netvalue": {"upload_passphrase": "pw", "backup_keep": 3}}, {}, ["backup_without_dir"]),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_configuration_closes_the_gate_for_everyone(case):
    secrets, environ, expected = BROKEN[case]
    g = gate_from(secrets, environ)
    assert g.mode == "closed" and codes(g) == expected
    assert not decide(g, logged_in=True, email="a@x.dk", passphrase="pw", token="x").allowed
    for lang in ("da", "en"):
        text = " ".join(access.explain(p, lang) for p in g.problems)
        assert "access." not in text, "every problem has its text"
        for secret in ("482913", "from-secrets", "a@x.dk, b@x.dk"):
            assert secret not in text


def test_explain_shows_a_near_miss_but_never_an_unknown_name():
    typo = gate_from({"netvaleu": {}}, {})
    assert access.explain(typo.problems[0], "da") == (
        "Et ukendt afsnit i secrets.toml: `[netvaleu]` – mente du `[netvalue]`?")
    pasted = gate_from({"netvalue": {"Hemmelig-Kode-2025": "x"}}, {})
    assert "Hemmelig" not in access.explain(pasted.problems[0], "en")
    assert access.explain(pasted.problems[0], "en") == (
        "An unknown key under `[netvalue]` (its name is in the server log).")


def test_file_problems_close_the_gate_even_with_good_secrets():
    bad = [access.ConfigProblem.of("unreadable", file="x/secrets.toml", line=2, column=20)]
    g = gate_from({"netvalue": {"upload_passphrase": "pw"}}, {}, bad)
    assert g.mode == "closed" and codes(g) == ["unreadable"]


def test_a_secrets_file_that_does_not_parse_is_found_with_its_line_and_column(tmp_path):
    broken = tmp_path / "secrets.toml"
    broken.write_text('[netvalue]\nupload_passphrase = "Fælles nøgle 2025\n', encoding="utf-8")
    good = tmp_path / "good.toml"
    good.write_text('[netvalue]\nopen_uploads = true\n', encoding="utf-8")
    problems = access.secrets_file_problems([broken, good, tmp_path / "missing.toml"])
    assert problems == [access.ConfigProblem.of("unreadable", file=str(broken), line=2, column=39)]
    text = access.explain(problems[0], "da")
    assert "linje 2, kolonne 39" in text and "Fælles" not in text


def test_the_passphrase_is_never_in_the_gates_repr():
    g = gate_from({}, {access.ENV_PASSPHRASE: "hemmelig-æøå"})
    assert "hemmelig" not in repr(g) and "hemmelig" not in str(g)
    assert "hemmelig" not in access.session_token(g)


def test_the_configuration_is_logged_once_per_process_and_never_the_passphrase(caplog):
    g = gate_from({"netvalue": {"upload_passphrase": 482913, "pasphrase": "x"}}, {})
    with caplog.at_level("INFO", logger="netvalue.access"):
        first = access.log_once(g)
        again = access.log_once(gate_from({"netvalue": {"upload_passphrase": 482913, "pasphrase": "x"}}, {}))
    assert (first, again) == (True, False)
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 1 and "CLOSED" in lines[0] and "not_text (key=upload_passphrase)" in lines[0]
    assert "482913" not in lines[0]


# -- decision table ----------------------------------------------------------------------------------------------
OIDC = gate_from(TEAM, {})
PHRASE = gate_from({}, {access.ENV_PASSPHRASE: "Fælles nøgle 2025"})


@pytest.mark.parametrize(("gate", "kwargs", "expected"), [
    (Gate("open"), {}, Decision(True, "open", "open (demo)")),
    (Gate("closed"), {"logged_in": True, "email": "team@albertslund.dk", "passphrase": "x"}, Decision(False, "closed")),
    (OIDC, {}, Decision(False, "login_needed")),
    (OIDC, {"logged_in": False, "email": "team@albertslund.dk"}, Decision(False, "login_needed")),
    (OIDC, {"logged_in": True, "email": "TEAM@albertslund.dk "}, Decision(True, "listed", "team@albertslund.dk")),
    (OIDC, {"logged_in": True, "email": "director@albertslund.dk"}, Decision(False, "not_listed")),
    (OIDC, {"logged_in": True, "email": None}, Decision(False, "not_listed")),
    (OIDC, {"logged_in": True, "email": "team@albertslund.dk", "email_verified": False}, Decision(False, "unverified")),
    (OIDC, {"logged_in": True, "email": "team@albertslund.dk", "email_verified": True},
     Decision(True, "listed", "team@albertslund.dk")),
    (Gate("oidc"), {"logged_in": True, "email": "team@albertslund.dk"}, Decision(False, "no_uploaders")),
    (PHRASE, {}, Decision(False, "passphrase_needed")),
    (PHRASE, {"passphrase": ""}, Decision(False, "passphrase_needed")),
    (PHRASE, {"passphrase": "Fælles nøgle 2025"}, Decision(True, "unlocked", "passphrase")),
    (PHRASE, {"passphrase": "fælles nøgle 2025"}, Decision(False, "passphrase_wrong")),
    (PHRASE, {"passphrase": "Fælles nøgle 2025 "}, Decision(False, "passphrase_wrong")),
    (PHRASE, {"token": access.session_token(PHRASE)}, Decision(True, "unlocked", "passphrase")),
    (PHRASE, {"token": access.session_token(Gate("passphrase", passphrase="old"))},
     Decision(False, "passphrase_needed")),
    (PHRASE, {"token": "garbage", "passphrase": "nope"}, Decision(False, "passphrase_wrong")),
    # A passphrase or a token means nothing to the login gate, nor a login to the passphrase gate.
    (OIDC, {"passphrase": "Fælles nøgle 2025", "token": access.session_token(PHRASE)}, Decision(False, "login_needed")),
    (PHRASE, {"logged_in": True, "email": "team@albertslund.dk"}, Decision(False, "passphrase_needed")),
])
def test_decision_table(gate, kwargs, expected):
    assert decide(gate, **kwargs) == expected


def test_passphrase_ok_only_for_the_passphrase_gate():
    assert access.passphrase_ok(PHRASE, "Fælles nøgle 2025")
    assert not access.passphrase_ok(PHRASE, None)
    assert not access.passphrase_ok(Gate("open"), "anything")
    assert access.session_token(Gate("open")) == ""


def test_an_unknown_mode_is_an_error():
    with pytest.raises(ValueError, match="unknown gate mode"):
        decide(Gate("sideways"))


@given(st.text(min_size=1).filter(str.strip), st.text())
def test_only_the_exact_passphrase_unlocks(secret, attempt):
    gate = Gate("passphrase", passphrase=secret)
    assert decide(gate, passphrase=attempt).allowed == (attempt == secret)
    assert decide(gate, passphrase=secret).who == "passphrase"


# -- back-off ----------------------------------------------------------------------------------------------------
def test_backoff_is_free_for_a_few_mistakes_then_doubles_up_to_the_cap():
    b = access.Backoff(free=2, base=1.0, cap=8.0)
    waits = []
    for i in range(7):
        b.failed(100.0 + i * 1000)  # each guess after the previous wait is over
        waits.append(b.wait(100.0 + i * 1000))
    assert waits == [0, 0, 1, 2, 4, 8, 8]


def test_backoff_forgets_after_a_quiet_hour_and_at_a_right_answer():
    b = access.Backoff(free=0, base=1.0, cap=300.0, forget=3600.0)
    for _ in range(5):
        b.failed(0.0)
    assert b.wait(0.0) == 16
    assert b.wait(3601.0) == 0 and b.failures == 0
    b.failed(4000.0)
    b.succeeded()
    assert (b.failures, b.wait(4000.0)) == (0, 0)


def test_guard_checks_no_guess_while_this_session_or_everyone_must_wait():
    gate = Gate("passphrase", passphrase="rigtig")
    guard = access.Guard(access.Backoff(free=3, base=10.0))
    one, two = access.Backoff(free=1, base=5.0), access.Backoff(free=100)
    assert guard.attempt(gate, "nej", one, now=0.0) == access.Attempt("wrong", 0)
    assert guard.attempt(gate, "nej", one, now=1.0) == access.Attempt("wrong", 5)
    assert guard.attempt(gate, "rigtig", one, now=2.0) == access.Attempt("wait", 4), "not checked"
    assert guard.attempt(gate, "nej", two, now=2.0) == access.Attempt("wrong", 0)
    assert guard.attempt(gate, "nej", two, now=3.0) == access.Attempt("wrong", 10), "the fourth failure overall"
    assert guard.attempt(gate, "rigtig", two, now=4.0) == access.Attempt("wait", 9), "everyone waits"
    assert guard.attempt(gate, "rigtig", two, now=13.0) == access.Attempt("unlocked")
    assert guard.everyone.failures == 0 and two.failures == 0


# -- the server's own settings ------------------------------------------------------------------------------------
def test_the_server_listens_on_loopback_and_bounds_what_it_holds():
    import tomllib
    from pathlib import Path

    from netvalue import ingest

    conf = tomllib.loads((Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml").read_text("utf-8"))
    server = conf["server"]
    assert server["address"] == "127.0.0.1", "not all interfaces by default"
    assert set(server["allowedHosts"]) == {"localhost", "127.0.0.1", "::1"}
    assert server["maxUploadSize"] * 1024 * 1024 == ingest.MAX_BYTES
    assert server["enableStaticServing"] is False and server["enableAgentApi"] is False
    assert conf["client"]["toolbarMode"] == "minimal", "no 'Clear cache' menu item for viewers"
