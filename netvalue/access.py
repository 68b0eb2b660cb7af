"""Who may upload and undo: pure decisions from configuration, the login and a passphrase.

Three modes, chosen by configuration (Streamlit secrets as a plain dict, and the environment):

- ``oidc``: Streamlit's OIDC login is configured (secrets hold an ``[auth]`` section). Only users whose email
  is listed in ``[netvalue] uploaders`` may upload; everyone else is refused. No list means nobody (fail closed).
- ``passphrase``: no login, but ``[netvalue] upload_passphrase`` or the environment variable
  ``NETVALUE_UPLOAD_PASSPHRASE`` is set. The right passphrase unlocks the session.
- ``open``: neither (a local demo). Uploads are open, and the page says so.

The passphrase is compared with ``hmac.compare_digest`` and never appears in a repr, a message or a log line; a
session that gave it keeps only a token derived from it, so rotating the passphrase locks every session again.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

ENV_PASSPHRASE = "NETVALUE_UPLOAD_PASSPHRASE"
WHO_PASSPHRASE = "passphrase"
WHO_OPEN = "open (demo)"
MODES = ("oidc", "passphrase", "open")


@dataclass(frozen=True)
class Gate:
    """The configured way in. ``passphrase`` is kept out of repr so it is never echoed by accident."""

    mode: str
    uploaders: frozenset[str] = frozenset()
    passphrase: str | None = field(default=None, repr=False)
    provider: str | None = None


@dataclass(frozen=True)
class Decision:
    """May this session upload? ``reason`` names the message to show; ``who`` goes into the history."""

    allowed: bool
    reason: str  # open, listed, login_needed, not_listed, unverified, no_uploaders, passphrase_needed,
    #              passphrase_wrong, unlocked
    who: str | None = None


def _emails(value: object) -> frozenset[str]:
    """Uploader emails from a list or a comma/semicolon/space separated string, lower-cased."""
    if value is None:
        return frozenset()
    items: Iterable[object] = re.split(r"[,;\s]+", value) if isinstance(value, str) else value  # type: ignore[assignment]
    return frozenset(str(v).strip().lower() for v in items if str(v).strip())


def _provider(auth: Mapping[str, object], configured: object) -> str | None:
    """The provider name for st.login: configured, else the only/first named provider section, else default."""
    if isinstance(configured, str) and configured.strip():
        return configured.strip()
    if "client_id" in auth:
        return None
    named = [k for k, v in auth.items() if isinstance(v, Mapping)]
    return named[0] if named else None


def gate_from(secrets: Mapping[str, object], environ: Mapping[str, str]) -> Gate:
    """The gate the configuration asks for. ``secrets`` is st.secrets as a plain dict ({} when there is none)."""
    nv = secrets.get("netvalue") or {}
    if not isinstance(nv, Mapping):
        nv = {}
    auth = secrets.get("auth")
    if isinstance(auth, Mapping) and auth:
        return Gate("oidc", _emails(nv.get("uploaders")), provider=_provider(auth, nv.get("auth_provider")))
    phrase = nv.get("upload_passphrase")
    if not (isinstance(phrase, str) and phrase.strip()):
        phrase = environ.get(ENV_PASSPHRASE, "")
    if isinstance(phrase, str) and phrase.strip():
        return Gate("passphrase", passphrase=phrase)
    return Gate("open")


def passphrase_ok(gate: Gate, given: str | None) -> bool:
    """True when the given passphrase is the configured one (constant-time comparison, any characters)."""
    if gate.mode != "passphrase" or not gate.passphrase or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), gate.passphrase.encode("utf-8"))


def session_token(gate: Gate) -> str:
    """What a session keeps after the right passphrase: a digest, never the passphrase itself."""
    if gate.mode != "passphrase" or not gate.passphrase:
        return ""
    return hashlib.sha256(b"netvalue-upload\0" + gate.passphrase.encode("utf-8")).hexdigest()


def decide(gate: Gate, *, logged_in: bool = False, email: str | None = None, email_verified: bool | None = None,
           token: str | None = None, passphrase: str | None = None) -> Decision:
    """The decision for one session: OIDC login and the uploader list, or the passphrase (given now, or the
    token of an earlier right answer), or open."""
    if gate.mode == "open":
        return Decision(True, "open", WHO_OPEN)
    if gate.mode == "oidc":
        if not logged_in:
            return Decision(False, "login_needed")
        address = (email or "").strip().lower()
        if not gate.uploaders:
            return Decision(False, "no_uploaders")
        if email_verified is False:
            return Decision(False, "unverified")
        if address and address in gate.uploaders:
            return Decision(True, "listed", address)
        return Decision(False, "not_listed")
    if gate.mode == "passphrase":
        expected = session_token(gate)
        if token and expected and hmac.compare_digest(token.encode("utf-8"), expected.encode("utf-8")):
            return Decision(True, "unlocked", WHO_PASSPHRASE)
        if passphrase is None or passphrase == "":
            return Decision(False, "passphrase_needed")
        if passphrase_ok(gate, passphrase):
            return Decision(True, "unlocked", WHO_PASSPHRASE)
        return Decision(False, "passphrase_wrong")
    raise ValueError(f"unknown gate mode {gate.mode!r}; expected one of {MODES}")
