"""The one-way dependency rules, as tests: app.py/pages/ -> ui.py -> netvalue/ -> duckdb/pandas/plotly.

Imports are read from each file's syntax tree (function-level imports included), so a rule cannot be dodged
by importing inside a function.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imports(path: Path) -> set[str]:
    """Top-level module names a file imports (``from a.b import c`` -> ``a``; relative imports -> this package)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                out.add(path.relative_to(ROOT).parts[0])
            elif node.module:
                out.add(node.module.split(".")[0])
    return out


def files(*parts: str) -> list[Path]:
    return sorted((ROOT.joinpath(*parts)).rglob("*.py"))


LIBRARY = files("netvalue")


def test_the_scan_finds_the_code():
    assert len(LIBRARY) > 20
    assert imports(ROOT / "ui.py") >= {"streamlit", "netvalue"}


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: str(p.relative_to(ROOT)))
def test_library_never_imports_the_ui_or_tooling(path):
    found = imports(path) & {"streamlit", "ui", "st_internals", "pages", "app", "tools", "tests"}
    assert not found, f"{path.relative_to(ROOT)} imports {sorted(found)}"


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: str(p.relative_to(ROOT)))
def test_only_the_store_talks_to_duckdb(path):
    if path == ROOT / "netvalue" / "store.py":
        return
    assert "duckdb" not in imports(path), f"{path.relative_to(ROOT)} imports duckdb: only netvalue/store.py may"


def test_library_never_runs_tools():
    """No library file runs anything under tools/ (by path, runpy or a subprocess); naming it in a message is
    fine."""
    for path in LIBRARY:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert "runpy" not in imports(path), path
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value.strip()
                assert not text.startswith(("tools/", "tools.")), f"{path.relative_to(ROOT)} names {text!r}"


@pytest.mark.parametrize("path", [ROOT / "app.py", ROOT / "ui.py", *files("pages")],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_ui_never_talks_to_duckdb_or_tooling(path):
    found = imports(path) & {"duckdb", "tools", "tests"}
    assert not found, f"{path.relative_to(ROOT)} imports {sorted(found)}"


@pytest.mark.parametrize("path", files("pages"), ids=lambda p: str(p.relative_to(ROOT)))
def test_pages_reach_streamlit_internals_only_through_one_module(path):
    text = path.read_text(encoding="utf-8")
    assert "streamlit.runtime" not in text and "streamlit.testing" not in text


@pytest.mark.parametrize("path", files("tools"), ids=lambda p: str(p.relative_to(ROOT)))
def test_tools_never_import_tests(path):
    assert "tests" not in imports(path), f"{path.relative_to(ROOT)} imports tests/"


def test_streamlit_internals_live_in_one_module():
    offenders = []
    for path in [ROOT / "app.py", ROOT / "ui.py", *files("pages"), *files("netvalue"), *files("tools"),
                 *files("tests")]:
        if path.name in {"st_internals.py", "test_st_internals.py", "test_layers.py"}:
            continue
        text = path.read_text(encoding="utf-8")
        if any(x in text for x in ("streamlit.runtime", "_fragment_storage", ".proto.", "at._tree")):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
