"""`python -m netvalue load` of a large measurement CSV imports only what it needs: never pandas.

The fast path (netvalue.bulk) reads, types and checks the file in DuckDB; pandas costs some 0.4 s of start-up,
so a load that imported it could not stay near a bare DuckDB read_csv. A small file still goes through
ingest's pandas reader, which the same runner shows, so the check can fail.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from netvalue import bulk, ingest, loadrules, service
from netvalue.store import Store
from tests.support import INDICATORS, NETWORKS, ORG_UNITS, make_csv

ROOT = Path(__file__).resolve().parent.parent
HEADER = ["network_id", "indicator_id", "period", "value", "evidence", "note"]
# The command line's own entry point, then what it left loaded.
RUNNER = ("import sys; from netvalue.__main__ import main; rc = main(sys.argv[1:]); "
          "print('pandas' in sys.modules, 'netvalue.ingest' in sys.modules, rc)")


def measurements(rows: int) -> bytes:
    """rows with distinct keys (8 a month from 1900-01 on, so at most 19,200), a note making each line long."""
    data = [HEADER]
    for i in range(rows):
        month = i // 8
        data.append([("N1", "N2")[(i // 4) % 2], ("sat", "sick", "saved", "cost")[i % 4],
                     f"{1900 + month // 12}-{month % 12 + 1:02d}", f"{i % 50},5", "measured",
                     f"opgjort af teamet efter møde nr. {i % 97}"])
    return make_csv(data, delimiter=";")


def store_file(path: Path) -> Path:
    with Store(path) as store:
        service.load_files(store, [("org_units.csv", make_csv(ORG_UNITS)), ("indicators.csv", make_csv(INDICATORS)),
                                   ("networks.csv", make_csv(NETWORKS))], who="base")
    return path


def load_in_a_fresh_process(db: Path, csv: Path) -> tuple[bool, bool, int, str]:
    out = subprocess.run([sys.executable, "-c", RUNNER, "load", "--db", str(db), str(csv)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    *_, last = out.stdout.strip().splitlines()
    pandas, ingest_loaded, rc = last.split()
    return pandas == "True", ingest_loaded == "True", int(rc), out.stdout


def test_the_bulk_load_of_a_large_csv_never_imports_pandas(tmp_path):
    data = measurements(18_000)
    assert len(data) > bulk.MIN_BYTES
    csv = tmp_path / "målinger.csv"
    csv.write_bytes(data)
    db = store_file(tmp_path / "s.duckdb")
    pandas, ingest_loaded, rc, stdout = load_in_a_fresh_process(db, csv)
    assert rc == 0 and "18000 added" in stdout
    assert not pandas and not ingest_loaded
    with Store(db) as store:
        assert store.counts()["measurements"] == 18_000
        values = store.measurements()["value"]
    assert sorted(set(values)) == [i + 0.5 for i in range(50)]  # "0,5" read with the decimal comma
    assert values.sum() == pytest.approx(sum(i % 50 + 0.5 for i in range(18_000)))


def test_a_small_csv_still_takes_ingests_pandas_reader(tmp_path):
    csv = tmp_path / "m.csv"
    csv.write_bytes(measurements(40))
    db = store_file(tmp_path / "s.duckdb")
    pandas, ingest_loaded, rc, stdout = load_in_a_fresh_process(db, csv)
    assert rc == 0 and "40 added" in stdout
    assert pandas and ingest_loaded


SPELLINGS = ["4,5", "4.5", "16.500", "4,500", "1.234,5", "1,234.5", "0.250", "-4,5", "55 %", "kr. 4,50", "4,5 kr.",
             "1 234,5", "1\xa0234,5", "\u22124,5", "12", "1e3", "4,5,6", "1.234.567", "1,234,567", "8.250", "DKK 7",
             "16.500 KR", "x", "0,5"]


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
@pytest.mark.parametrize("answer", [None, ",", "."])
@pytest.mark.parametrize("spellings", [[s] for s in SPELLINGS] + [SPELLINGS, SPELLINGS[::-1],
                                                                     ["16.500", "8.250"], ["16.500", "0.250"]])
def test_the_number_style_in_python_is_ingests_number_style(spellings, delimiter, answer):
    """bulk decides a file's number style from its first lines in plain Python; ingest over the whole file with
    pandas. Same cells, same style and the same evidence."""
    expected = ingest.number_style(pd.Series(["", *spellings], dtype="str"), delimiter, answer)
    assert loadrules.number_style(["", *spellings], delimiter, answer) == expected
