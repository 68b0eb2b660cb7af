"""Large CSV files take a vectorised reader; it must give the same frames and line numbers as the csv module."""

from __future__ import annotations

import pandas as pd
import pytest

from netvalue import ingest
from netvalue.store import Store
from tests.support import make_csv

N = 4000  # rows: enough text to take the fast path (over 100,000 characters)
HEADER = ["netværk_id", "indikator_id", "periode", "værdi", "evidens", "note"]


def rows(decimal: str = ".", note: str = "") -> list[list[str]]:
    out = [HEADER]
    for i in range(N):
        value = f"{i % 97}{decimal}{i % 10}"
        out.append([f"N{i % 7}", f"ind{i % 5}", f"{2000 + i // 60:04d}-{i % 12 + 1:02d}", value, "målt", note])
    return out


@pytest.fixture(scope="module")
def store():
    """A store holding the networks and indicators the measurements point at."""
    s = Store()
    refs = [
        ("org.csv", make_csv([["unit_id", "name", "parent_id", "level"], ["K", "Kommunen", "", "municipality"]])),
        ("net.csv", make_csv([["network_id", "name", "type", "home_unit_id", "started_on"]]
                             + [[f"N{i}", f"Netværk {i}", "velfærd", "K", "2000-01-01"] for i in range(7)])),
        ("ind.csv", make_csv([["indicator_id", "name", "perspective", "worst", "best"]]
                             + [[f"ind{i}", f"Indikator {i}", "borger", "0", "100"] for i in range(5)])),
    ]
    s.load(ingest.prepare(refs).frames)
    return s


def prepare_both(data: bytes, monkeypatch, store: Store) -> tuple[object, object]:
    """Prepare the same bytes with the fast reader and with the csv module; return (fast, slow) results."""

    def attempt():
        try:
            return ingest.prepare([("m.csv", data)], store).frames["measurements"]
        except ingest.IngestError as exc:
            return [(p.line, p.column, p.code) for p in exc.problems]

    fast = attempt()
    with monkeypatch.context() as m:
        m.setattr(ingest, "_read_csv_fast", lambda *a: None)
        slow = attempt()
    return fast, slow


def test_fast_reader_is_used_for_large_plain_files(monkeypatch):
    data = make_csv(rows())
    used = []
    real = ingest._read_csv_fast
    monkeypatch.setattr(ingest, "_read_csv_fast", lambda *a: used.append(1) or real(*a))
    tables = ingest.read_tables(data, "m.csv")
    assert used and len(tables[0].cells) == N
    assert tables[0].lines[0] == 2 and tables[0].lines[-1] == N + 1


@pytest.mark.parametrize(
    ("delimiter", "decimal", "newline", "encoding"),
    [(",", ".", "\n", "utf-8"), (";", ",", "\r\n", "cp1252"), ("\t", ",", "\r\n", "utf-16")],
)
def test_fast_and_slow_readers_agree(monkeypatch, store, delimiter, decimal, newline, encoding):
    data = make_csv(rows(decimal), delimiter=delimiter, newline=newline, encoding=encoding)
    fast, slow = prepare_both(data, monkeypatch, store)
    assert isinstance(fast, pd.DataFrame)
    pd.testing.assert_frame_equal(fast, slow)
    assert fast["value"].iloc[13] == pytest.approx(13.3)


@pytest.mark.parametrize("variant", ["plain", "crlf", "blank_lines", "quoted", "quoted_newline", "semicolon"])
def test_line_numbers_are_physical_lines_on_every_path(monkeypatch, store, variant):
    data_rows = rows(",") if variant == "semicolon" else rows()
    bad = 2500  # data row index; its physical line is bad + 2 (header is line 1)
    data_rows[bad + 1][3] = "not-a-number"
    extra = 0
    if variant == "quoted":
        data_rows[10][5] = "holds, a comma and \"quotes\""
    if variant == "quoted_newline":
        data_rows[10][5] = "two\nlines"
        extra = 1
    text = make_csv(data_rows, delimiter=";" if variant == "semicolon" else ",",
                    newline="\r\n" if variant == "crlf" else "\n").decode()
    if variant == "blank_lines":
        lines = text.split("\n")
        lines.insert(100, "")  # one blank line before the bad row
        text = "\n".join(lines)
        extra = 1
    fast, slow = prepare_both(text.encode(), monkeypatch, store)
    expected = (bad + 2 + extra, "værdi", "bad_number")  # the report names the column as the file did
    assert expected in fast
    assert fast == slow


def test_too_many_fields_is_reported_on_the_fast_path(store):
    text = make_csv(rows()).decode().split("\n")
    text[3000] += ",surplus"
    with pytest.raises(ingest.IngestError) as exc:
        ingest.prepare([("m.csv", "\n".join(text).encode())], store)
    assert [(p.line, p.code) for p in exc.value.problems] == [(3001, "too_many_fields")]


def test_excel_padding_with_empty_trailing_fields_is_accepted(store):
    text = make_csv(rows()).decode().split("\n")
    text = [line + ",," if line else line for line in text]
    plan = ingest.prepare([("m.csv", "\n".join(text).encode())], store)
    assert len(plan.frames["measurements"]) == N


def test_cpr_in_a_note_is_found_among_many_rows(store):
    data_rows = rows(note="ringede til borger")
    data_rows[3333][5] = "Borger 010190-1234 ringede"
    with pytest.raises(ingest.IngestError) as exc:
        ingest.prepare([("m.csv", make_csv(data_rows))], store)
    problems = exc.value.problems
    assert [(p.line, p.column, p.code) for p in problems] == [(3333 + 1, "note", "cpr")]
    assert "010190-1234" not in exc.value.report("da")
