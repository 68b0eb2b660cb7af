"""Danish and English text. Each submodule holds a TEXTS dict: key -> (Danish, English)."""

from __future__ import annotations

import importlib
import pkgutil

LANGS = ("da", "en")
DEFAULT_LANG = "da"


def _collect() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, pair in getattr(module, "TEXTS", {}).items():
            if key in merged:
                raise RuntimeError(f"text key {key!r} is defined twice (again in {info.name})")
            merged[key] = pair
    return merged


TEXTS: dict[str, tuple[str, str]] = _collect()


def t(key: str, lang: str = DEFAULT_LANG, /, **values: object) -> str:
    """The text for key in lang, with {placeholders} filled; an unknown key shows itself."""
    pair = TEXTS.get(key)
    if pair is None:
        return key
    text = pair[0] if lang == "da" else pair[1]
    return text.format(**values) if values else text


def label(kind: str, value: str, lang: str = DEFAULT_LANG) -> str:
    """Display name of a domain value, e.g. label('type', 'welfare') -> 'Velfærdsnetværk'."""
    return t(f"{kind}.{value}", lang) if f"{kind}.{value}" in TEXTS else str(value)
