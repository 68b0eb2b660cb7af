"""The text catalogue: both languages for every key, the same placeholders, no unused keys, no key in code that the
catalogue lacks, no dynamic key a search cannot find, plurals by the CLDR rule, and the TOML converter."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from pathlib import Path

import pytest

from netvalue import i18n

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import i18n_to_toml  # noqa: E402

TEXT_CALLS = {"t", "tr"}
# Keys whose placeholders differ by language on purpose: each language names the readings in its own style.
LANGUAGE_SPECIFIC_PLACEHOLDERS = {"problem.decimal_question"}
# Keys for code that is on its way (the report page of another branch); drop an entry when its code lands.
PENDING = {"report.download", "report.making", "report.no_data"}


def _forms(text: i18n.Text) -> list[str]:
    return list(text.values()) if isinstance(text, dict) else [text]


def _placeholders(text: str) -> set[str]:
    """The {name} and {name:spec} fields of a text; Plotly's %{x}, LaTeX's \\{ and doubled braces are not fields."""
    return set(re.findall(r"(?<![%\\{])\{([A-Za-z_]\w*)(?:[:!][^{}]*)?\}(?!\})", text))


def _code_files() -> list[Path]:
    files = [ROOT / "app.py", ROOT / "ui.py", *sorted((ROOT / "pages").glob("*.py"))]
    files += [p for p in sorted((ROOT / "netvalue").rglob("*.py")) if "i18n" not in p.relative_to(ROOT).parts]
    return [f for f in files if f.exists()]


def _call_name(node: ast.Call) -> str | None:
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None


def _pattern_of(node: ast.JoinedStr) -> str:
    """f"depth.group.{g}" -> "depth.group.{}" (the documented spelling of a dynamic key family)."""
    return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)


def _scan() -> tuple[set[str], list[tuple[str, int, str]], list[tuple[str, int, str]], set[str]]:
    """(every string literal in the code, literal keys passed to t/tr/label that the catalogue lacks,
    keys built in a way a search cannot find, documented patterns that code builds)."""
    literals: set[str] = set()
    missing: list[tuple[str, int, str]] = []
    undocumented: list[tuple[str, int, str]] = []
    patterns: set[str] = set()

    def pattern(where: str, line: int, p: str) -> None:
        patterns.add(p)
        if p not in i18n.DYNAMIC_KEYS:
            undocumented.append((where, line, p))

    def key_arg(where: str, node: ast.expr) -> None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if not i18n.has(node.value):
                missing.append((where, node.lineno, node.value))
        elif isinstance(node, ast.IfExp):
            key_arg(where, node.body)
            key_arg(where, node.orelse)
        elif isinstance(node, ast.JoinedStr):
            pattern(where, node.lineno, _pattern_of(node))
        elif isinstance(node, ast.BinOp | ast.Call):  # "a." + b, "a.{}".format(b), "a.%s" % b
            undocumented.append((where, node.lineno, ast.unparse(node)))
        # A name or attribute holds a key written as a literal elsewhere, which the search finds.

    for path in _code_files():
        where = str(path.relative_to(ROOT))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr) and isinstance(node.values[0], ast.Constant):
                p = _pattern_of(node)
                if any(_regex(p).match(k) for k in i18n.CATALOGUE):  # a key built outside a t() call
                    pattern(where, node.lineno, p)
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name, first = _call_name(node), node.args[0]
            if name in TEXT_CALLS:
                key_arg(where, first)
            elif name == "label" and (isinstance(node.func, ast.Name) or (
                    isinstance(node.func.value, ast.Name) and node.func.value.id == "i18n")):
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    pattern(where, node.lineno, first.value + ".{}")
                    if len(node.args) > 1 and isinstance(node.args[1], ast.Constant):
                        key = f"{first.value}.{node.args[1].value}"
                        literals.add(key)
                        if not i18n.has(key):
                            missing.append((where, node.lineno, key))
                else:
                    undocumented.append((where, node.lineno, f"label({ast.unparse(first)}, …)"))
    return literals, missing, undocumented, patterns


def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile("^" + r"[^.]+".join(re.escape(p) for p in pattern.split("{}")) + "$")


SCAN = _scan()


def test_every_entry_has_danish_and_english_text():
    for key, (da, en) in i18n.CATALOGUE.items():
        if da == en == "":  # deliberately blank in both languages (an empty table cell)
            continue
        assert all(s.strip() for s in _forms(da)), f"{key}: Danish text is empty"
        assert all(s.strip() for s in _forms(en)), f"{key}: English text is empty"
        if isinstance(da, dict) or isinstance(en, dict):
            assert isinstance(da, dict) and isinstance(en, dict), f"{key}: plural in one language only"


def test_both_languages_use_the_same_placeholders():
    for key, (da, en) in i18n.CATALOGUE.items():
        if key.endswith(".latex") or key in LANGUAGE_SPECIFIC_PLACEHOLDERS:  # LaTeX braces are never formatted
            continue
        fields = {frozenset(_placeholders(s) - {"n"}) for s in _forms(da) + _forms(en)}
        assert len(fields) == 1, f"{key}: placeholders differ between the languages or plural forms: {fields}"
        for forms in (da, en):
            if isinstance(forms, dict):
                assert "n" in _placeholders(forms["other"]), f"{key}: the 'other' form must show {{n}}"
            else:
                assert _placeholders(da) == _placeholders(en), f"{key}: {_placeholders(da)} != {_placeholders(en)}"


def test_every_key_in_code_exists():
    _, missing, _, _ = SCAN
    assert not missing, "keys used in code but not in the catalogue:\n" + "\n".join(map(str, missing))


def test_no_dynamic_key_a_search_cannot_find():
    """A key built at run time must follow a documented family (i18n.DYNAMIC_KEYS, docs/i18n.md); everything
    else is a literal, so `grep -r key` finds every place that shows it."""
    _, _, undocumented, _ = SCAN
    assert not undocumented, "dynamic keys outside the documented families:\n" + "\n".join(map(str, undocumented))


def test_every_documented_family_names_existing_keys_and_is_used():
    _, _, _, patterns = SCAN
    for pattern in i18n.DYNAMIC_KEYS:
        rx = _regex(pattern)
        assert any(rx.match(k) for k in i18n.CATALOGUE), f"family {pattern!r} matches no key"
        assert pattern in patterns, f"family {pattern!r} is documented but no code builds it"


def test_no_unused_keys():
    literals, _, _, patterns = SCAN
    families = [_regex(p) for p in patterns if p in i18n.DYNAMIC_KEYS]
    unused = sorted(k for k in i18n.CATALOGUE
                    if k not in literals and k not in PENDING and not any(rx.match(k) for rx in families))
    assert not unused, f"{len(unused)} keys no code references:\n" + "\n".join(unused)


def test_t_raises_on_a_missing_key_under_test_and_shows_it_in_production(monkeypatch):
    monkeypatch.setenv(i18n.STRICT_ENV, "1")
    with pytest.raises(KeyError, match=r"no\.such\.key"):
        i18n.t("no.such.key", "da")
    monkeypatch.setenv(i18n.STRICT_ENV, "0")
    assert i18n.t("no.such.key", "da") == "no.such.key"


def test_the_test_suite_runs_strict():
    assert i18n.strict()


def test_plural_forms_follow_the_cldr_rule(monkeypatch):
    monkeypatch.setitem(i18n.CATALOGUE, "test.networks",
                        ({"one": "{n} netværk", "other": "{n} netværk"}, {"one": "1 network", "other": "{n} networks"}))
    assert i18n.t("test.networks", "en", n=1) == "1 network"
    assert i18n.t("test.networks", "en", n=2) == "2 networks"
    assert i18n.t("test.networks", "en", n=0) == "0 networks"
    assert i18n.t("test.networks", "da", n=1234) == "1.234 netværk"
    assert i18n.t("test.networks", "en", n=1234) == "1,234 networks"
    with pytest.raises(TypeError):
        i18n.t("test.networks", "en")


def test_label_names_a_domain_value_and_shows_an_unknown_one_as_itself():
    assert i18n.label("type", "welfare", "da") == "Velfærdsnetværk"
    assert i18n.label("type", "welfare", "en") == "Welfare network"
    assert i18n.label("type", "something_new", "en") == "something_new"


def test_the_loader_still_reads_modules_in_the_old_form(tmp_path, monkeypatch):
    pkg = tmp_path / "old_texts_pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "a.toml").write_text('["x.one"]\nda = "en"\nen = "one"\n', encoding="utf-8")
    (pkg / "b.py").write_text('TEXTS = {"x.two": ("to", "two")}\n', encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    catalogue, sources = i18n._collect(pkg, "old_texts_pkg")
    assert catalogue == {"x.one": ("en", "one"), "x.two": ("to", "two")}
    assert sources == {"x.one": "a.toml", "x.two": "b.py"}


def test_a_key_defined_twice_stops_the_import(tmp_path, monkeypatch):
    (tmp_path / "a.toml").write_text('["x.one"]\nda = "en"\nen = "one"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('["x.one"]\nda = "et"\nen = "one"\n', encoding="utf-8")
    with pytest.raises(i18n.CatalogueError, match=r"x\.one.*a\.toml and b\.toml"):
        i18n._collect(tmp_path, "nowhere")


@pytest.mark.parametrize("body", ['["x"]\nda = "a"\n', '["x"]\nda = "a"\nen = "b"\nfr = "c"\n',
                                  '["x"]\nda.one = "a"\nen = "b"\n'])
def test_a_malformed_entry_stops_the_import(tmp_path, monkeypatch, body):
    (tmp_path / "a.toml").write_text(body, encoding="utf-8")
    with pytest.raises(i18n.CatalogueError, match=r"a\.toml"):
        i18n._collect(tmp_path, "nowhere")


def test_converter_writes_toml_that_reads_back_as_the_module(tmp_path):
    long = "Et langt afsnit med »citat«, en \\ og en \"anførsel\" " * 5
    module = tmp_path / "topic.py"
    module.write_text(
        '"""Texts of a topic."""\n\nTEXTS: dict[str, tuple[str, str]] = {\n'
        '    # -- Section ----\n'
        f'    "topic.a": ("Hej {{name}}", "Hello {{name}}"),\n'
        f'    "topic.long": ({long!r}, "Short\\nline\\ttab"),\n'
        '}\nTEXTS.update({"topic.b": ("b", "B")})\n', encoding="utf-8")
    files = i18n_to_toml.convert(module)
    text = files[tmp_path / "topic.toml"]
    assert tomllib.loads(text) == {"topic.a": {"da": "Hej {name}", "en": "Hello {name}"},
                                   "topic.long": {"da": long, "en": "Short\nline\ttab"},
                                   "topic.b": {"da": "b", "en": "B"}}
    assert "# Section" in text and "# Texts of a topic." in text
    assert max(len(line) for line in text.splitlines()) <= 120
    assert i18n_to_toml.main([str(module), "--delete"]) == 0
    assert (tmp_path / "topic.toml").exists() and not module.exists()


def test_every_catalogue_file_is_written_as_the_converter_would_fold_it():
    """Each TOML file parses and every entry holds exactly da, en (and an optional note)."""
    for path in sorted((ROOT / "netvalue" / "i18n").glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert data, path.name
        for key, raw in data.items():
            assert {"da", "en"} <= set(raw) <= {"da", "en", "note"}, f"{path.name}: {key}"


@pytest.mark.parametrize("leg", ["citizen", "economy", "staff"])
def test_each_leg_has_one_name_everywhere(leg):
    """Filters, tables, downloads and charts name a leg the same way (docs/ordliste.md)."""
    names = {i18n.CATALOGUE[k] for k in (f"perspective.{leg}", f"networks.col.{leg}", f"chart.ternary.{leg}")}
    assert len(names) == 1, names


def test_danish_quotes_are_guillemets_pointing_inwards_and_english_quotes_are_curly():
    for key, (da, en) in i18n.CATALOGUE.items():
        for text in _forms(da):
            # »opens and closes«: an opening « or a closing » is the wrong way round
            wrong = re.search(r"«[\w{]|[\w}.!?]»", text) or "“" in text or "„" in text
            assert not wrong, f"{key}: Danish quotes are »…«"
        for text in _forms(en):
            assert "«" not in text and "»" not in text, f"{key}: English quotes are “…”"


@pytest.mark.parametrize("word", ["udvalget", "Personer med", "Netto kroner", "Enheder nået", "summer til",
                                  "fil(er)", "Knop af", "kørende netværk", "Arbejdende netværk"])
def test_words_the_glossary_replaces_are_gone(word):
    hits = [k for k, (da, _) in i18n.CATALOGUE.items() if any(word.lower() in s.lower() for s in _forms(da))]
    assert not hits, f"{word!r} (see docs/ordliste.md) in {hits}"


def test_every_text_lives_in_the_toml_catalogue():
    from pathlib import Path

    folder = Path(__file__).resolve().parent.parent / "netvalue" / "i18n"
    assert sorted(p.name for p in folder.glob("*.py")) == ["__init__.py"], "convert with tools/i18n_to_toml.py"


def test_every_drop_down_has_a_placeholder_in_the_users_language():
    """Streamlit's own placeholder is English ("Choose an option"); a Danish page said it in the DOM."""
    missing = []
    for path in [ROOT / "app.py", ROOT / "ui.py", *sorted((ROOT / "pages").glob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("selectbox", "multiselect")
                    and not any(k.arg == "placeholder" for k in node.keywords)):
                missing.append(f"{path.name}:{node.lineno}")
    assert missing == []
    assert i18n.t("app.choose", "da") == "Vælg"
