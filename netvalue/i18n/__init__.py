"""Danish and English text: the catalogue and t().

The catalogue is the TOML files in this folder (one per section, both languages side by side; format in
docs/i18n.md), plus any module here that still holds `TEXTS = {key: (danish, english)}` (tools/i18n_to_toml.py
converts such a module). A key defined twice, an entry without both languages, or plural forms without
"other" stop the import with the file named.

t(key, lang, **values) fills {placeholders}; a plural entry chooses its form by the CLDR rule for `n`
(t("overview.networks_count", "en", n=2) -> "2 networks"). An unknown key shows itself in production and
raises KeyError when NETVALUE_STRICT_TEXT=1 (the tests set it).
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import tomllib
from pathlib import Path

LANGS = ("da", "en")
DEFAULT_LANG = "da"
STRICT_ENV = "NETVALUE_STRICT_TEXT"
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")

Text = str | dict[str, str]
_DIR = Path(__file__).parent


class CatalogueError(RuntimeError):
    """The text catalogue is malformed (raised at import, naming the file)."""


def _entry(raw: object, key: str, where: str) -> tuple[Text, Text]:
    if not isinstance(raw, dict) or set(raw) - {"da", "en", "note"} or not {"da", "en"} <= set(raw):
        raise CatalogueError(f"{where}: [{key!r}] must hold da and en (and optionally note), nothing else")
    out = []
    for lang in LANGS:
        value = raw[lang]
        if isinstance(value, dict):
            if "other" not in value or set(value) - set(PLURAL_FORMS) or not all(
                    isinstance(v, str) for v in value.values()):
                raise CatalogueError(f"{where}: [{key!r}].{lang} plural forms must be strings and include other")
        elif not isinstance(value, str):
            raise CatalogueError(f"{where}: [{key!r}].{lang} must be a string or plural forms")
        out.append(value)
    return out[0], out[1]


def _collect(directory: Path = _DIR, package: str = __name__) -> tuple[dict[str, tuple[Text, Text]], dict[str, str]]:
    """(key -> (da, en), key -> the file that defines it) from directory's TOML files and package's modules."""
    merged: dict[str, tuple[Text, Text]] = {}
    source: dict[str, str] = {}

    def add(key: str, pair: tuple[Text, Text], where: str) -> None:
        if key in merged:
            raise CatalogueError(f"text key {key!r} is defined twice ({source[key]} and {where})")
        merged[key] = pair
        source[key] = where

    for path in sorted(directory.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise CatalogueError(f"{path.name}: {exc}") from exc
        for key, raw in data.items():
            add(key, _entry(raw, key, path.name), path.name)
    for info in sorted(pkgutil.iter_modules([str(directory)]), key=lambda i: i.name):
        module = importlib.import_module(f"{package}.{info.name}")
        for key, pair in getattr(module, "TEXTS", {}).items():
            add(key, _entry({"da": pair[0], "en": pair[1]}, key, f"{info.name}.py"), f"{info.name}.py")
    return merged, source


CATALOGUE, SOURCES = _collect()
# key -> (Danish, English) as plain strings (a plural entry gives its "other" form): the shape older code reads.
TEXTS: dict[str, tuple[str, str]] = {
    k: tuple(v["other"] if isinstance(v, dict) else v for v in pair)  # type: ignore[misc]
    for k, pair in CATALOGUE.items()
}


def strict() -> bool:
    """Whether a missing key raises (tests) instead of showing itself (production)."""
    return os.environ.get(STRICT_ENV, "") not in ("", "0")


def _plural_text(forms: dict[str, str], lang: str, values: dict[str, object]) -> str:
    from netvalue import formats  # formats does not import i18n at import time, but keep the edge one-way

    n = values.get("n")
    if n is None or isinstance(n, str):
        if strict():
            raise TypeError("a plural text needs a number n=…")
        return forms["other"]
    form = formats.plural(float(n), lang)  # type: ignore[arg-type]
    values["n"] = formats.number(n, lang, 0 if float(n).is_integer() else 1)  # type: ignore[arg-type]
    return forms.get(form, forms["other"])


def t(key: str, lang: str = DEFAULT_LANG, /, **values: object) -> str:
    """The text for key in lang, with {placeholders} filled; a plural text picks its form by n. An unknown key
    shows itself (raises KeyError under NETVALUE_STRICT_TEXT=1)."""
    pair = CATALOGUE.get(key)
    if pair is None:
        if strict():
            raise KeyError(f"no text {key!r} in netvalue/i18n")
        return key
    text = pair[0] if lang == "da" else pair[1]
    if isinstance(text, dict):
        values = dict(values)
        text = _plural_text(text, lang, values)
    return text.format(**values) if values else text


def has(key: str) -> bool:
    """Whether the catalogue holds key."""
    return key in CATALOGUE


def label(kind: str, value: object, lang: str = DEFAULT_LANG, /, **values: object) -> str:
    """Display name of a domain value, e.g. label('type', 'welfare') -> 'Velfærdsnetværk'; a value the
    catalogue does not name shows as itself (data may hold values no text names)."""
    key = f"{kind}.{value}"
    return t(key, lang, **values) if key in CATALOGUE else str(value)



# Keys built at run time, spelled with {} for the part that varies, and where that part comes from. These are the
# only keys a literal search cannot find; tests/test_i18n.py holds every other key in code to a literal that
# exists, and every family here to code that builds it. docs/i18n.md explains the rule.
DYNAMIC_KEYS: dict[str, str] = {
    # label(family, value): the domain values of schema.py
    "type.{}": "schema.NETWORK_TYPES",
    "perspective.{}": "schema.PERSPECTIVES, input and overall",
    "level.{}": "schema.LEVELS (label, and depth.words)",
    "evidence.{}": "schema.EVIDENCE_LEVELS",
    "record.{}": "schema.RECORD_TYPES",
    # Codes that the library returns and the UI names
    "problem.{}": "ingest.Problem.code",
    "expected.{}": "a column kind of schema.py (date, month)",
    "store.{}": "store.StoreIntegrityError.code",
    "progress.{}": "the steps of service.load_files' progress callback",
    "upload.gate_{}": "access.Decision.reason",
    "upload.col_{}": "templates.problem_report's columns",
    "upload.h_{}": "templates.history_frame's columns",
    # Options of a widget or columns of a table: the option or column id
    "overview.{}_help": "schema.PERSPECTIVES",
    "networks.col.{}": "the columns of the networks table",
    "networks.help.{}": "the evidence columns of the networks table",
    "method.{}.title": "the steps of the method page",
    "method.{}.latex": "the steps of the method page",
    "method.{}.text": "the steps of the method page",
    "chart.ternary.{}": "schema.PERSPECTIVES (the ternary's axes)",
    "chart.indicator_history.{}": "worst, best",
    "ripples.ring.{}": "spread.RINGS",
    "ripples.grain.{}": "the time grains of the ripples page",
    "ripples.colour_by.{}": "the colourings of the ripples page",
    "ripples.origin.{}": "spread's budding origins",
    "depth.entities.{}": "depth's unit levels (unit, centre, area)",
    "depth.entities_def.{}": "depth's unit levels (unit, centre, area)",
    "depth.the_entity.{}": "depth's unit levels (unit, centre, area)",
    "depth.obs.{}": "depth's unit levels (unit, centre, area)",
    "depth.basis.{}": "depth's comparison modes (year, period)",
    "depth.n.{}": "depth's comparison modes (year, period)",
    "depth.activity.{}": "depth's activity measures (networks, people)",
    "depth.grain.{}": "depth's time grains",
    "depth.group.{}": "depth's groups (none, once, between, deep)",
    "depth.leg.{}": "schema.PERSPECTIVES and overall",
    "depth.sentence.{}": "depth's verdicts",
    "depth.col.{}": "the columns of depth's download",
    "networks.outside.{}": "the filters a network lies outside (period, types, unit)",
    "networks.how_timeline_{}": "the time step of the network's timeline (month, quarter)",
    "chart.network_timeline.title_{}": "the time step of the network's timeline (month, quarter)",
    "chart.period_tick.{}": "the time step of a time axis (month, quarter)",
    "ripples.facts.growth{}": "the length of the latest window: _month or _months",
    "ripples.facts.no_growth{}": "the length of the latest window: _month or _months",
    "access.{}": "access.ConfigProblem.code (the settings check)",
    "access.hint_{}": "what a settings problem points at (key, section)",
    "upload.decimal_{}": "the number styles the upload page asks about",
    "connections.level.{}": "the connection levels (auto, unit, centre, area)",
    "connections.chart.graph.level.{}": "the connection levels (unit, centre, area)",
    "connections.alt.what.{}": "the connection levels (unit, centre, area)",
    "connections.metric.{}": "the connection figures (units, connections, cross_area, external)",
    "connections.facts.{}": "the direction of the cross-area share (share_up, share_same, share_down)",
    "connections.facts.areas.{}": "whether any areas are connected (0, 1)",
    "report.sw.{}": "the strongest/weakest table's columns in the council report",
    "empty.{}": "why a selection is empty (views' empty_reason)",
}
LABEL_FAMILIES = tuple(p[:-3] for p in DYNAMIC_KEYS if p.endswith(".{}"))
