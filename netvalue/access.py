"""Who may upload and undo: pure decisions from configuration, the login and a passphrase. Fails closed.

Four modes, chosen by configuration (Streamlit secrets as a plain dict, the problems found reading the secrets
files, and the environment):

- ``oidc``: Streamlit's OIDC login is configured (secrets hold a complete ``[auth]`` section). Only users whose
  email is listed in ``[netvalue] uploaders`` (a list of strings) may upload; no list means nobody.
- ``passphrase``: no login, but ``[netvalue] upload_passphrase`` (a non-blank string) or the environment variable
  ``NETVALUE_UPLOAD_PASSPHRASE`` is set. The right passphrase unlocks the session.
- ``open``: a local demo, only by explicit opt-in: ``[netvalue] open_uploads = true`` or ``NETVALUE_OPEN_UPLOADS=1``.
- ``closed``: everything else. Nothing configured, a secrets file that does not parse, a passphrase that is a
  number or blank, an unknown section or key, a half-written ``[auth]``, uploaders that are not a list of
  strings: nobody may upload or undo. ``Gate.problems`` says what to fix, naming keys, never their values.

The passphrase is compared with ``hmac.compare_digest`` and never appears in a repr, a message or a log line; a
session that gave it keeps only a token derived from it, so rotating the passphrase locks every session again.
Wrong guesses are slowed down per session and for everyone (``Backoff``), and logged without the guess.
"""

from __future__ import annotations

import difflib
import hashlib
import hmac
import logging
import math
import re
import threading
import time
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from netvalue.i18n import t

log = logging.getLogger("netvalue.access")

ENV_PASSPHRASE = "NETVALUE_UPLOAD_PASSPHRASE"
ENV_OPEN = "NETVALUE_OPEN_UPLOADS"
WHO_PASSPHRASE = "passphrase"
WHO_OPEN = "open (demo)"
MODES = ("oidc", "passphrase", "open", "closed")
SECTION = "netvalue"
SECTIONS = (SECTION, "auth")
KEYS = ("upload_passphrase", "uploaders", "auth_provider", "open_uploads", "backup_dir", "backup_every_hours",
        "backup_keep")
AUTH_KEYS = ("redirect_uri", "cookie_secret")
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
NOT_PROVIDERS = ("client_kwargs",)  # tables inside [auth] (or a provider) that are options, not providers
_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


@dataclass(frozen=True)
class ConfigProblem:
    """One thing wrong with the configuration. ``code`` names the message (``access.<code>``); ``params`` hold
    names of files, sections and keys, positions and counts, never a configured value."""

    code: str
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, code: str, **params: object) -> ConfigProblem:
        return cls(code, tuple(params.items()))

    def values(self) -> dict[str, object]:
        return dict(self.params)


@dataclass(frozen=True)
class Gate:
    """The configured way in. ``passphrase`` is kept out of repr so it is never echoed by accident."""

    mode: str
    uploaders: frozenset[str] = frozenset()
    passphrase: str | None = field(default=None, repr=False)
    provider: str | None = None
    problems: tuple[ConfigProblem, ...] = ()


@dataclass(frozen=True)
class Decision:
    """May this session upload? ``reason`` names the message to show; ``who`` goes into the history."""

    allowed: bool
    reason: str  # open, listed, login_needed, not_listed, unverified, no_uploaders, passphrase_needed,
    #              passphrase_wrong, unlocked, closed
    who: str | None = None


# -- reading the configuration -------------------------------------------------------------------------------
def secrets_file_problems(paths: Iterable[str | Path]) -> list[ConfigProblem]:
    """Problems with the secrets files that exist among paths: a TOML file that does not parse, with its line and
    column (Streamlit itself treats such a file as no secrets at all, which must not open the gate)."""
    problems = []
    for raw in paths:
        path = Path(raw)
        if path.suffix != ".toml" or not path.exists():
            continue
        try:
            tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            at = _TOML_AT.search(str(exc))
            line, column = (int(at.group(1)), int(at.group(2))) if at else (0, 0)
            problems.append(ConfigProblem.of("unreadable", file=str(path), line=line, column=column))
        except (OSError, UnicodeDecodeError):
            problems.append(ConfigProblem.of("unreadable", file=str(path), line=0, column=0))
    return problems


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _unknown(names: Mapping[str, object], known: Sequence[str], code: str, field: str) -> list[ConfigProblem]:
    """A problem for each name not in known, with the closest known name as a hint (a typo like [netvaleu])."""
    out = []
    for name in names:
        if name not in known:
            guess = difflib.get_close_matches(str(name), list(known), n=1)
            out.append(ConfigProblem.of(code, **{field: str(name)}, hint=guess[0] if guess else ""))
    return out


def _check_netvalue(nv: Mapping[str, object]) -> list[ConfigProblem]:
    problems = _unknown(nv, KEYS, "unknown_key", "key")
    if "upload_passphrase" in nv:
        value = nv["upload_passphrase"]
        if not isinstance(value, str):
            problems.append(ConfigProblem.of("not_text", key="upload_passphrase"))
        elif not value.strip():
            problems.append(ConfigProblem.of("blank", key="upload_passphrase"))
    if "uploaders" in nv:
        value = nv["uploaders"]
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            problems.append(ConfigProblem.of("uploaders_not_list"))
        else:
            bad = [i for i, v in enumerate(value, start=1) if not re.fullmatch(r"[^@\s]+@[^@\s]+", v.strip())]
            if bad:
                problems.append(ConfigProblem.of("uploaders_not_email", positions=", ".join(map(str, bad))))
    for key in ("auth_provider", "backup_dir"):
        if key in nv and not _is_text(nv[key]):
            problems.append(ConfigProblem.of("not_text", key=key))
    if "open_uploads" in nv and not isinstance(nv["open_uploads"], bool):
        problems.append(ConfigProblem.of("not_bool", key="open_uploads"))
    if "backup_every_hours" in nv and not (_is_number(nv["backup_every_hours"]) and nv["backup_every_hours"] > 0):
        problems.append(ConfigProblem.of("not_positive", key="backup_every_hours"))
    keep = nv.get("backup_keep", 1)
    if not (isinstance(keep, int) and not isinstance(keep, bool) and keep >= 1):
        problems.append(ConfigProblem.of("not_count", key="backup_keep"))
    if ("backup_every_hours" in nv or "backup_keep" in nv) and "backup_dir" not in nv:
        problems.append(ConfigProblem.of("backup_without_dir"))
    return problems


def _check_auth(auth: Mapping[str, object], nv: Mapping[str, object]) -> list[ConfigProblem]:
    missing = [k for k in AUTH_KEYS if not _is_text(auth.get(k))]
    providers = {k: v for k, v in auth.items() if isinstance(v, Mapping) and k not in NOT_PROVIDERS}
    if any(k in auth for k in PROVIDER_KEYS) or not providers:
        providers[""] = auth
    for name, section in providers.items():
        missing += [f"{name}.{k}" if name else k for k in PROVIDER_KEYS if not _is_text(section.get(k))]
    problems = [ConfigProblem.of("auth_incomplete", keys=", ".join(missing))] if missing else []
    wanted = nv.get("auth_provider")
    if _is_text(wanted) and str(wanted).strip() not in providers:
        problems.append(ConfigProblem.of("auth_provider_unknown"))
    if "uploaders" not in nv:
        problems.append(ConfigProblem.of("no_uploaders"))
    return problems


def check_secrets(secrets: Mapping[str, object]) -> list[ConfigProblem]:
    """Everything wrong with the secrets' shape: unknown sections and keys, wrong types, a half-written login."""
    problems = _unknown(secrets, SECTIONS, "unknown_section", "section")
    nv = secrets.get(SECTION, {})
    if not isinstance(nv, Mapping):
        problems.append(ConfigProblem.of("not_section", section=SECTION))
        nv = {}
    problems += _check_netvalue(nv)
    auth = secrets.get("auth")
    if auth is not None and not isinstance(auth, Mapping):
        problems.append(ConfigProblem.of("not_section", section="auth"))
    elif isinstance(auth, Mapping):
        problems += _check_auth(auth, nv)
    elif "uploaders" in nv or "auth_provider" in nv:
        problems.append(ConfigProblem.of("uploaders_without_login"))
    return problems


def _provider(auth: Mapping[str, object], configured: object) -> str | None:
    """The provider name for st.login: configured, else the only/first named provider section, else default."""
    if isinstance(configured, str) and configured.strip():
        return configured.strip()
    if "client_id" in auth:
        return None
    named = [k for k, v in auth.items() if isinstance(v, Mapping) and k not in NOT_PROVIDERS]
    return named[0] if named else None


def gate_from(secrets: Mapping[str, object], environ: Mapping[str, str],
              problems: Sequence[ConfigProblem] = ()) -> Gate:
    """The gate the configuration asks for; ``closed`` (with its problems) unless it is complete and clear.

    ``secrets`` is st.secrets as a plain dict ({} when there is none); ``problems`` are those found reading the
    secrets files (secrets_file_problems)."""
    found = [*problems, *check_secrets(secrets)]
    nv = secrets.get(SECTION)
    nv = nv if isinstance(nv, Mapping) else {}
    auth = secrets.get("auth")
    env_phrase = environ.get(ENV_PASSPHRASE)
    env_open = environ.get(ENV_OPEN)
    if env_phrase is not None and not env_phrase.strip():
        found.append(ConfigProblem.of("env_blank", name=ENV_PASSPHRASE))
    if env_open not in (None, "", "0", "1"):
        found.append(ConfigProblem.of("env_open_invalid", name=ENV_OPEN))
    guarded = isinstance(auth, Mapping) or "upload_passphrase" in nv or bool(env_phrase)
    wants_open = nv.get("open_uploads") is True or env_open == "1"
    if wants_open and guarded:
        found.append(ConfigProblem.of("open_and_guarded"))
    if found:
        return Gate("closed", problems=tuple(found))
    if isinstance(auth, Mapping):
        uploaders = frozenset(str(v).strip().lower() for v in nv.get("uploaders") or [])  # type: ignore[union-attr]
        return Gate("oidc", uploaders, provider=_provider(auth, nv.get("auth_provider")))
    phrase = nv.get("upload_passphrase") or env_phrase
    if isinstance(phrase, str) and phrase.strip():
        return Gate("passphrase", passphrase=phrase)
    if wants_open:
        return Gate("open")
    return Gate("closed", problems=(ConfigProblem.of("not_configured"),))


_logged: set[tuple[str, tuple[ConfigProblem, ...]]] = set()
_logged_lock = threading.Lock()


def log_once(gate: Gate) -> bool:
    """Log the gate's mode and problems once per process and configuration (not on every page view); True when
    it logged now."""
    fingerprint = (gate.mode, gate.problems)
    with _logged_lock:
        if fingerprint in _logged:
            return False
        _logged.add(fingerprint)
    if gate.mode == "closed":
        log.warning("uploads and undo are CLOSED for everyone: %s",
                    "; ".join(describe(p) for p in gate.problems))
    elif gate.mode == "open":
        log.warning("uploads are OPEN to anyone who can reach the page (open_uploads / %s=1)", ENV_OPEN)
    else:
        log.info("uploads need %s", "an OIDC login on the uploader list" if gate.mode == "oidc" else "the passphrase")
    return True


def describe(problem: ConfigProblem) -> str:
    """A problem as one English log line: code and the names it carries (never a secret)."""
    values = problem.values()
    return problem.code + (f" ({', '.join(f'{k}={v}' for k, v in values.items() if v != '')})" if values else "")


# -- deciding ---------------------------------------------------------------------------------------------------
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
    token of an earlier right answer), or open by opt-in, or closed."""
    if gate.mode == "closed":
        return Decision(False, "closed")
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


# -- slowing down guesses ---------------------------------------------------------------------------------------
@dataclass
class Backoff:
    """Failures and the time before the next guess is checked: ``free`` failures cost nothing, then each one
    doubles the wait from ``base`` seconds up to ``cap``. Failures are forgotten ``forget`` seconds after the last
    one, and at a right answer."""

    free: int = 3
    base: float = 1.0
    cap: float = 300.0
    forget: float = 3600.0
    failures: int = 0
    until: float = 0.0
    last: float = 0.0

    def wait(self, now: float) -> float:
        """Seconds until a guess is checked again (0 when it may be checked now)."""
        if self.failures and now - self.last > self.forget:
            self.failures, self.until = 0, 0.0
        return max(0.0, self.until - now)

    def failed(self, now: float) -> None:
        self.wait(now)
        self.failures += 1
        self.last = now
        if self.failures > self.free:
            self.until = now + min(self.cap, self.base * 2 ** (self.failures - self.free - 1))

    def succeeded(self) -> None:
        self.failures, self.until = 0, 0.0


@dataclass(frozen=True)
class Attempt:
    """The outcome of one passphrase guess: ``unlocked``, ``wrong`` or ``wait`` (not checked; try after
    ``seconds``)."""

    outcome: str
    seconds: int = 0


class Guard:
    """The process-wide back-off every session shares, so new sessions do not buy new guesses."""

    def __init__(self, everyone: Backoff | None = None) -> None:
        self.everyone = everyone or Backoff(free=10, base=1.0, cap=300.0)
        self._lock = threading.Lock()

    def attempt(self, gate: Gate, given: str | None, session: Backoff, now: float | None = None) -> Attempt:
        """Check one guess unless this session or everyone must wait; log a failure (never the guess)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            wait = max(session.wait(now), self.everyone.wait(now))
            if wait > 0:
                log.warning("upload passphrase guess refused unchecked: back-off %.0f s (session failures %d, "
                            "all sessions %d)", wait, session.failures, self.everyone.failures)
                return Attempt("wait", math.ceil(wait))
            if passphrase_ok(gate, given):
                session.succeeded()
                self.everyone.succeeded()
                log.info("upload passphrase accepted")
                return Attempt("unlocked")
            session.failed(now)
            self.everyone.failed(now)
            log.warning("wrong upload passphrase (session failures %d, all sessions %d)", session.failures,
                        self.everyone.failures)
            return Attempt("wrong", math.ceil(max(session.wait(now), self.everyone.wait(now))))


GUARD = Guard()


def explain(problem: ConfigProblem, lang: str) -> str:
    """A problem as one Markdown line for the page, in the language: what to fix, naming keys, never values."""
    values = {k: str(v).replace("`", "'") for k, v in problem.params}
    if "file" in values:  # the page names the file; where it lies on the server is for the log
        values["file"] = Path(values["file"]).name
    if problem.code in ("unknown_section", "unknown_key"):
        name = values.get("section") or values.get("key", "")
        hint = values.get("hint", "")
        kind = "section" if problem.code == "unknown_section" else "key"
        # Only a near miss of a known name is shown: an unknown name might be anything, even a pasted secret.
        values["hint"] = t(f"access.hint_{kind}", lang, name=name, hint=hint) if hint else t("access.hint_none", lang)
    return t(f"access.{problem.code}", lang, **values)
