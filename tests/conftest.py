"""Shared fixtures: a fresh in-memory store per test, and a tiny consistent upload of all six record types.

The helpers (make_csv, typed) and the tiny rows live in tests/support.py so test modules can import them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from netvalue import service
from netvalue.store import Store
from tests.support import TINY_ROWS, make_csv

# A page that fails must fail its test (AppTest's at.exception, the browser's stException) rather than show
# app.py's friendly message; tests/test_app.py checks the friendly message with this unset.
os.environ["NETVALUE_RAISE"] = "1"
# A text key the catalogue lacks raises under test instead of showing the key (netvalue/i18n.t).
os.environ["NETVALUE_STRICT_TEXT"] = os.environ.get("NETVALUE_STRICT_TEXT", "1")


@pytest.fixture
def store():
    s = Store(":memory:")
    yield s
    s.close()


@pytest.fixture
def tiny_rows() -> dict[str, list[list[str]]]:
    """The tiny set as rows (header first), a fresh copy per test."""
    return {k: [list(r) for r in v] for k, v in TINY_ROWS.items()}


@pytest.fixture
def tiny_files(tiny_rows) -> list[tuple[str, bytes]]:
    """The tiny set as (file name, canonical comma-separated UTF-8 CSV bytes), in load order."""
    return [(f"{name}.csv", make_csv(rows)) for name, rows in tiny_rows.items()]


@pytest.fixture
def loaded(store, tiny_files):
    """The store with the tiny set loaded as batch 1."""
    service.load_files(store, tiny_files, who="test")
    return store


@pytest.fixture
def csv_bytes():
    """make_csv(rows, delimiter=",", encoding="utf-8", newline="\\n") -> bytes, for tests that build files."""
    return make_csv


@pytest.fixture(scope="module")
def tiny_loaded():
    """The tiny set loaded once per module, for tests that only read."""
    s = Store(":memory:")
    service.load_files(s, [(f"{name}.csv", make_csv(rows)) for name, rows in TINY_ROWS.items()], who="test")
    yield s
    s.close()


@pytest.fixture(scope="module")
def tiny_tables(tiny_loaded):
    """Every record type of the tiny set as the store reads it back."""
    return {name: tiny_loaded.table(name) for name in ("org_units", "indicators", "networks", "participation",
                                                       "measurements", "stories")}


@pytest.fixture(scope="session")
def sample_source():
    """The embedded sample in an in-memory store, as the view layer's Source (read-only: views never write)."""
    from netvalue.views import StoreSource

    store = Store(":memory:")
    service.ensure_sample(store)
    yield StoreSource(store)
    store.close()


@pytest.fixture(scope="session")
def sample_file(tmp_path_factory) -> Path:
    """A store file holding the embedded sample, built once per test run. Copy it (app_store); never write to it."""
    path = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    with Store(path) as s:
        service.ensure_sample(s)
    return path


@pytest.fixture
def app_store(sample_file, tmp_path, monkeypatch) -> Path:
    """A private copy of the sample store, set as the app's NETVALUE_DB."""
    path = tmp_path / "app.duckdb"
    shutil.copyfile(sample_file, path)
    monkeypatch.setenv("NETVALUE_DB", str(path))
    return path
