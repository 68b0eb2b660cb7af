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
def test_nothing_configured_is_open():
    assert gate_from({}, {}) == Gate("open")


def test_an_auth_section_means_oidc_with_the_listed_uploaders_lower_cased():
    assert gate_from(TEAM, {}) == Gate("oidc", frozenset({"team@albertslund.dk", "analyst@albertslund.dk"}))


def test_uploaders_may_be_one_string_and_oidc_wins_over_a_passphrase():
    g = gate_from({"auth": AUTH, "netvalue": {"uploaders": "a@x.dk; B@x.dk,c@x.dk", "upload_passphrase": "pw"}},
                  {access.ENV_PASSPHRASE: "env"})
    assert g == Gate("oidc", frozenset({"a@x.dk", "b@x.dk", "c@x.dk"}))


def test_login_provider_from_config_or_the_named_provider_section():
    assert gate_from({"auth": {"redirect_uri": "r", "microsoft": {"client_id": "i"}}}, {}).provider == "microsoft"
    assert gate_from({"auth": AUTH}, {}).provider is None
    assert gate_from({"auth": AUTH, "netvalue": {"auth_provider": "okta"}}, {}).provider == "okta"


def test_passphrase_from_secrets_before_the_environment():
    assert gate_from({"netvalue": {"upload_passphrase": "from-secrets"}}, {access.ENV_PASSPHRASE: "env"}) == Gate(
        "passphrase", passphrase="from-secrets")
    assert gate_from({}, {access.ENV_PASSPHRASE: "from-env"}) == Gate("passphrase", passphrase="from-env")
    assert gate_from({"netvalue": {"upload_passphrase": "  "}}, {access.ENV_PASSPHRASE: ""}) == Gate("open")


def test_the_passphrase_is_never_in_the_gates_repr():
    g = gate_from({}, {access.ENV_PASSPHRASE: "hemmelig-æøå"})
    assert "hemmelig" not in repr(g) and "hemmelig" not in str(g)
    assert "hemmelig" not in access.session_token(g)


# -- decision table ----------------------------------------------------------------------------------------------
OIDC = gate_from(TEAM, {})
PHRASE = gate_from({}, {access.ENV_PASSPHRASE: "Fælles nøgle 2025"})


@pytest.mark.parametrize(("gate", "kwargs", "expected"), [
    (Gate("open"), {}, Decision(True, "open", "open (demo)")),
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
