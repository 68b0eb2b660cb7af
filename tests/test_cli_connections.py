"""`python -m netvalue connections` through a subprocess on a copy of the sample store and on a tiny store."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd

from netvalue import connections
from netvalue.store import Store

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = ["year", "connected_units", "connections", "cross_area", "external", "new", "cross_share"]


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "netvalue", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)


def test_csv_and_json_on_the_sample(sample_file, tmp_path):
    db = tmp_path / "s.duckdb"
    shutil.copyfile(sample_file, db)
    out = cli("connections", "--db", str(db))
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert list(rows[0]) == COLUMNS
    with Store(db) as s:
        expected = connections.yearly(s.table("participation"), s.table("org_units"))
    assert [int(r["year"]) for r in rows] == list(range(2013, 2020)) == expected["year"].tolist()
    for r, (_, e) in zip(rows, expected.iterrows(), strict=True):
        for c in COLUMNS[:-1]:
            assert int(r[c]) == e[c]
        assert float(r["cross_share"]) == round(e["cross_share"], 4)
        assert int(r["connections"]) >= int(r["cross_area"]) + int(r["external"])
    assert sum(int(r["new"]) for r in rows) == 333  # every pair ever connected in the sample, once
    as_json = cli("connections", "--db", str(db), "--format", "json")
    assert as_json.returncode == 0, as_json.stderr
    records = json.loads(as_json.stdout)
    assert [list(r) for r in records] == [COLUMNS] * len(rows)
    assert records[2]["connections"] == int(rows[2]["connections"])


def test_a_year_with_no_internal_pairs_has_an_empty_share(tmp_path):
    db = tmp_path / "t.duckdb"
    files = {
        "org_units.csv": "unit_id,name,parent_id,level\nALB,Kommunen,,municipality\nA1,Område,ALB,area\n"
                         "U1,Enhed,A1,unit\nX1,Borgere,ALB,external\n",
        "networks.csv": "network_id,name,type,home_unit_id,leader,purpose,started_on,ended_on,parent_network_id\n"
                        "N1,Et netværk,welfare,U1,Leder,Formål,2015-01-01,,\n",
        "participation.csv": "network_id,unit_id,joined_on,left_on,people\nN1,U1,2015-01-01,,2\n"
                             "N1,X1,2016-03-01,,5\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    loaded = cli("load", "--db", str(db), *(str(tmp_path / n) for n in files))
    assert loaded.returncode == 0, loaded.stderr
    out = cli("connections", "--db", str(db))
    assert out.returncode == 0, out.stderr
    got = pd.read_csv(io.StringIO(out.stdout), keep_default_na=False)
    assert got.astype(str).values.tolist() == [
        ["2015", "0", "0", "0", "0", "0", ""],
        ["2016", "2", "1", "0", "1", "1", ""],
    ]
    records = json.loads(cli("connections", "--db", str(db), "--format", "json").stdout)
    assert records[1] == {"year": 2016, "connected_units": 2, "connections": 1, "cross_area": 0, "external": 1,
                          "new": 1, "cross_share": None}
