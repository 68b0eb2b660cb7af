"""Tests for netvalue.sample: the embedded sample and the large benchmark sets."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pandas as pd
import pytest

from netvalue import sample
from tests.support import DESIGN_COLUMNS
from tools import largesample

EXPECTED_COLUMNS = DESIGN_COLUMNS
KEYS = {
    "org_units": ["unit_id"],
    "networks": ["network_id"],
    "participation": ["network_id", "unit_id", "joined_on"],
    "indicators": ["indicator_id"],
    "measurements": ["network_id", "indicator_id", "period"],
    "stories": ["network_id", "told_on", "title"],
}
CPR = re.compile(r"\b\d{6}-?\d{4}\b")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PERIOD = re.compile(r"^\d{4}-\d{2}$")


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return sample.generate()


@pytest.fixture(scope="module")
def large() -> dict[str, pd.DataFrame]:
    return largesample.generate(40)


def _ids(frame: pd.DataFrame, column: str) -> set[str]:
    return set(frame[column])


def _check_integrity(f: dict[str, pd.DataFrame]) -> None:
    """Columns, keys, foreign keys, enums, formats and date logic that every generated set must satisfy."""
    assert tuple(f) == sample.RECORD_ORDER
    for name, columns in EXPECTED_COLUMNS.items():
        assert list(f[name].columns) == columns, name
        assert not f[name].duplicated(KEYS[name]).any(), f"duplicate keys in {name}"
        assert len(f[name]) > 0, name

    org, nets, part = f["org_units"], f["networks"], f["participation"]
    inds, meas, stories = f["indicators"], f["measurements"], f["stories"]
    units = _ids(org, "unit_id")
    network_ids = _ids(nets, "network_id")

    # foreign keys
    roots = org[org["parent_id"] == ""]
    assert len(roots) == 1 and roots["level"].iloc[0] == "municipality"
    assert set(org.loc[org["parent_id"] != "", "parent_id"]) <= units
    assert set(nets["home_unit_id"]) <= units
    assert set(nets.loc[nets["parent_network_id"] != "", "parent_network_id"]) <= network_ids
    assert set(part["network_id"]) <= network_ids
    assert set(part["unit_id"]) <= units
    assert set(meas["network_id"]) <= network_ids
    assert set(meas["indicator_id"]) <= _ids(inds, "indicator_id")
    assert set(stories["network_id"]) <= network_ids

    # the tree: levels below their parents, externals hang under the root
    level_of = dict(zip(org["unit_id"], org["level"], strict=True))
    parent_level = org["parent_id"].map(level_of)
    expected_parent = {"area": "municipality", "centre": "area", "unit": "centre", "external": "municipality"}
    for level, want in expected_parent.items():
        assert (parent_level[org["level"] == level] == want).all(), level
    # homes are internal units
    assert not nets["home_unit_id"].map(level_of).isin(["external"]).any()

    # enums
    assert set(org["level"]) <= {"municipality", "area", "centre", "unit", "external"}
    assert set(nets["type"]) <= {"welfare", "innovation", "learning"}
    assert set(inds["perspective"]) <= {"citizen", "economy", "staff", "input"}
    assert set(meas["evidence"]) <= {"self_reported", "measured", "evaluated_internal", "evaluated_external"}
    assert set(stories["perspective"]) <= {"citizen", "economy", "staff"}

    # types and formats
    assert pd.api.types.is_float_dtype(meas["value"])
    assert pd.api.types.is_float_dtype(inds["worst"]) and pd.api.types.is_float_dtype(inds["best"])
    assert pd.api.types.is_integer_dtype(part["people"])
    assert (part["people"] >= 0).all()
    assert (inds["worst"] != inds["best"]).all()
    assert meas["value"].notna().all()
    assert meas["period"].str.match(PERIOD).all()
    for frame, column, optional in [
        (nets, "started_on", False), (nets, "ended_on", True), (part, "joined_on", False),
        (part, "left_on", True), (stories, "told_on", False),
    ]:
        values = frame[column]
        if optional:
            values = values[values != ""]
        assert values.str.match(DATE).all(), column
        pd.to_datetime(values, format="%Y-%m-%d")  # real dates

    # dates make sense against the network's life
    assert (nets["started_on"] >= "2013-09-01").all()
    assert (nets["started_on"] <= "2019-12-31").all()
    ended = nets[nets["ended_on"] != ""]
    assert (ended["ended_on"] > ended["started_on"]).all()
    life = nets.set_index("network_id")[["started_on", "ended_on"]]
    p = part.join(life, on="network_id")
    assert (p["joined_on"] >= p["started_on"]).all()
    closed = p[p["left_on"] != ""]
    assert (closed["left_on"] >= closed["joined_on"]).all()
    p_ended = p[p["ended_on"] != ""]
    assert (p_ended["left_on"] != "").all(), "everyone has left a network that ended"
    assert (p_ended["left_on"] <= p_ended["ended_on"]).all()
    assert (p_ended["joined_on"] <= p_ended["ended_on"]).all()
    # every network includes its home unit from its first day
    home_rows = part.merge(nets[["network_id", "home_unit_id", "started_on"]],
                           left_on=["network_id", "unit_id", "joined_on"],
                           right_on=["network_id", "home_unit_id", "started_on"])
    assert set(home_rows["network_id"]) == network_ids

    m = meas.join(life, on="network_id")
    assert (m["period"] >= m["started_on"].str[:7]).all()
    assert (m["period"] <= "2019-12").all()
    m_ended = m[m["ended_on"] != ""]
    assert (m_ended["period"] <= m_ended["ended_on"].str[:7]).all()

    s = stories.join(life, on="network_id")
    assert (s["told_on"] >= s["started_on"]).all()
    s_ended = s[s["ended_on"] != ""]
    assert (s_ended["told_on"] <= s_ended["ended_on"]).all()

    # budding: the child starts near or after its parent's end, and after the parent started
    budded = nets[nets["parent_network_id"] != ""].merge(life.add_suffix("_parent"), left_on="parent_network_id",
                                                         right_index=True)
    assert (budded["started_on_parent"] < budded["started_on"]).all()
    assert (budded["ended_on_parent"] != "").all()
    gap = pd.to_datetime(budded["started_on"]) - pd.to_datetime(budded["ended_on_parent"])
    assert (gap >= pd.Timedelta(days=-120)).all()


def _no_cpr(f: dict[str, pd.DataFrame]) -> None:
    for name, frame in f.items():
        for column in frame.columns:
            if frame[column].dtype.kind in "OUT" or pd.api.types.is_string_dtype(frame[column]):
                hits = frame[column].astype(str).str.contains(CPR)
                assert not hits.any(), f"CPR-like text in {name}.{column}: {frame.loc[hits, column].iloc[0]!r}"


# --- the embedded sample ---------------------------------------------------------------------


def test_sample_is_deterministic(frames):
    again = sample.generate()
    assert list(again) == list(frames)
    for name in frames:
        pd.testing.assert_frame_equal(frames[name], again[name])


def test_seed_changes_the_numbers_but_not_the_story(frames):
    other = sample.generate(seed=7)
    pd.testing.assert_frame_equal(other["networks"], frames["networks"])
    assert not other["measurements"]["value"].equals(frames["measurements"]["value"])


def test_sample_integrity(frames):
    _check_integrity(frames)


def test_no_cpr_like_strings(frames, large):
    _no_cpr(frames)
    _no_cpr(large)
    assert CPR.search("født 010203-1234") and CPR.search("0102031234")  # the check itself can fail


def test_org_tree(frames):
    org = frames["org_units"]
    level_of = dict(zip(org["unit_id"], org["level"], strict=True))
    name_of = dict(zip(org["unit_id"], org["name"], strict=True))
    assert 35 <= len(org) <= 70
    assert (org["level"] == "area").sum() == 2
    internal = org[org["level"] != "external"]
    assert 35 <= len(internal) <= 60
    names = set(org["name"])
    assert "By, Miljø og Beskæftigelse" in names
    assert any("Solgården" in n for n in names)
    jobcentre = org[org["name"] == "Jobcenter Albertslund"]
    assert len(jobcentre) == 1
    assert name_of[jobcentre["parent_id"].iloc[0]] == "By, Miljø og Beskæftigelse"
    externals = org[org["level"] == "external"]
    assert len(externals) >= 7
    assert sum("§17, stk. 4-udvalg" in n for n in externals["name"]) == 2
    assert {"Borgere", "Pårørende", "Virksomheder"} <= set(externals["name"])
    assert any("kommune" in n.lower() for n in externals["name"])
    assert all(level_of[p] == "municipality" for p in externals["parent_id"])
    assert any(ch in "".join(names) for ch in "æøå")


def test_networks_timeline(frames):
    nets = frames["networks"]
    assert len(nets) >= 25
    first_year = nets[(nets["started_on"] >= "2013-09-01") & (nets["started_on"] <= "2014-08-31")]
    assert len(first_year) == 13
    assert ((first_year["ended_on"] == "") | (first_year["ended_on"] >= "2014-08-31")).all()
    spring_2015 = "2015-04-01"
    active = nets[(nets["started_on"] <= spring_2015) & ((nets["ended_on"] == "") | (nets["ended_on"] >= spring_2015))]
    assert 14 <= len(active) <= 18
    counts = nets["type"].value_counts()
    assert set(counts.index) == {"welfare", "innovation", "learning"}
    assert counts.idxmax() == "welfare"
    assert (nets["ended_on"] != "").sum() >= 3
    assert (nets["ended_on"] == "").sum() >= 3
    assert nets["network_id"].str.match(r"^N\d{2}$").all()
    for name in ["Observation og tidlig opsporing i hjemmeplejen", "Tilbage til vante niveau efter udskrivning",
                 "Sundhed på ny", "Bo i Albertslund", "Frivillighed på tværs", "Byen designet til børn"]:
        assert name in set(nets["name"]), name
    type_of = dict(zip(nets["name"], nets["type"], strict=True))
    assert type_of["Sundhed på ny"] == "innovation"
    assert type_of["Bo i Albertslund"] == "innovation"
    assert type_of["Frivillighed på tværs"] == "learning"
    assert (nets["purpose"].str.len() > 20).all()


def test_budding(frames):
    nets = frames["networks"]
    children = nets[nets["parent_network_id"] != ""]
    assert len(children) >= 1
    leader_of = dict(zip(nets["network_id"], nets["leader"], strict=True))
    # knopskydning: a leader who finished one network leads two that budded from it
    same_leader = children[children["leader"] == children["parent_network_id"].map(leader_of)]
    per_parent = same_leader.groupby("parent_network_id").size()
    assert (per_parent >= 2).any()
    bo = nets.loc[nets["name"] == "Bo i Albertslund", "network_id"].iloc[0]
    assert (nets["parent_network_id"] == bo).sum() >= 1


def test_leaders_are_roles_not_names(frames):
    leaders = frames["networks"]["leader"]
    assert leaders.str.contains(",").all()  # "role, unit"
    assert (leaders.str.len() > 5).all()


def test_participation_spreads_unevenly(frames):
    org, part, nets = frames["org_units"], frames["participation"], frames["networks"]
    leaf = set(org.loc[org["level"] == "unit", "unit_id"])
    reached = set(part["unit_id"])
    assert len(leaf - reached) >= 3, "some units are never reached"
    depth = part[part["unit_id"].isin(leaf)].groupby("unit_id")["network_id"].nunique()
    assert depth.max() >= 8  # deep somewhere...
    assert (depth == 1).sum() + len(leaf - reached) >= 5  # ...thin elsewhere
    care = {"U-HJEM-NORD", "U-HJEM-SYD", "U-SOLG", "U-TRAEN"}
    assert depth.reindex(sorted(care)).min() >= 5
    # ripples reach outside the municipality
    externals = set(org.loc[org["level"] == "external", "unit_id"])
    assert part["unit_id"].isin(externals).sum() >= 10
    # some leave, a couple rejoin later
    assert (part.merge(nets[["network_id", "ended_on"]])
            .pipe(lambda d: (d["left_on"] != "") & (d["ended_on"] == ""))).sum() >= 3
    spells = part.groupby(["network_id", "unit_id"]).size()
    assert (spells >= 2).sum() >= 2
    assert part["people"].max() >= 20  # external rows count citizens


def test_indicators(frames):
    inds = frames["indicators"]
    value = inds[inds["perspective"] != "input"]
    assert len(value) >= 10
    assert set(value["perspective"]) == {"citizen", "economy", "staff"}
    assert (inds["perspective"] == "input").sum() >= 1
    assert (value["worst"] > value["best"]).sum() >= 2  # lower is better
    assert (value["worst"] < value["best"]).sum() >= 2
    assert inds["indicator_id"].str.match(r"^[a-z][a-z_]*$").all()
    assert (inds["unit"] != "").all()


def test_measurements(frames):
    meas, nets, inds = frames["measurements"], frames["networks"], frames["indicators"]
    legs = meas.merge(inds[["indicator_id", "perspective"]], on="indicator_id").groupby("network_id")["perspective"]
    covered = legs.agg(lambda p: {"citizen", "economy", "staff"} <= set(p))
    assert set(covered.index) == set(nets["network_id"]), "every sample network has measurements"
    assert covered.all(), "every sample network reports on all three legs"
    evidence = meas["evidence"].value_counts(normalize=True)
    assert set(evidence.index) == {"self_reported", "measured", "evaluated_internal", "evaluated_external"}
    assert evidence.idxmax() == "self_reported" and evidence["self_reported"] > 0.5
    assert 0 < (meas["note"] != "").mean() < 0.2
    persp = meas.merge(inds[["indicator_id", "perspective"]])
    assert set(persp["perspective"]) == {"citizen", "economy", "staff", "input"}
    # scores improve over time on average: compare each pair's first and last year
    inds_i = inds.set_index("indicator_id")
    score = persp.join(inds_i[["worst", "best"]], on="indicator_id")
    score = score[score["perspective"] != "input"].copy()
    score["score"] = ((score["value"] - score["worst"]) / (score["best"] - score["worst"])).clip(0, 1)
    score = score.sort_values("period")
    grouped = score.groupby(["network_id", "indicator_id"])["score"]
    early, late = grouped.apply(lambda s: s.head(6).mean()), grouped.apply(lambda s: s.tail(6).mean())
    assert (late > early).mean() > 0.6
    # bounded scales stay on their scale
    sat = meas[meas["indicator_id"] == "citizen_satisfaction"]["value"]
    assert sat.between(1, 5).all()
    dkk = meas[meas["indicator_id"].isin(["saved_costs", "network_costs"])]["value"]
    assert (dkk % 500 == 0).all() and (dkk >= 0).all()
    # short decimal representations (rounded sensibly)
    assert meas["value"].map(lambda v: len(repr(v))).max() <= 9


def test_stories(frames):
    stories = frames["stories"]
    assert 5 <= len(stories) <= 8
    text = " ".join(stories["title"] + " " + stories["text"])
    assert "Nielsen" in text and "violin" in text
    assert "blomster" in text
    assert "flødeboller" in text.lower() or "lagkage" in text.lower()
    assert set(stories["perspective"]) >= {"citizen", "staff", "economy"}


# --- large sets ------------------------------------------------------------------------------


def test_large_integrity(large):
    _check_integrity(large)
    assert len(large["networks"]) == 40
    per_network = len(large["measurements"]) / 40
    assert 300 <= per_network <= 700


def test_large_is_deterministic(large):
    again = largesample.generate(40)
    for name in large:
        pd.testing.assert_frame_equal(large[name], again[name])


def test_large_scales_org_tree_and_budding():
    f = largesample.generate(800)
    _check_integrity(f)
    assert len(f["org_units"]) >= 800 // 4
    assert (f["networks"]["parent_network_id"] != "").sum() > 10
    assert set(f["networks"]["type"]) == {"welfare", "innovation", "learning"}


def test_large_2000_is_fast_and_about_a_million_rows():
    started = time.perf_counter()
    f = largesample.generate(2000)
    elapsed = time.perf_counter() - started
    assert elapsed < 15
    assert 800_000 <= len(f["measurements"]) <= 1_200_000
    assert not f["measurements"].duplicated(KEYS["measurements"]).any()


def test_generate_rejects_nonpositive():
    with pytest.raises(ValueError):
        largesample.generate(0)


# --- CSV output ------------------------------------------------------------------------------


def _roundtrip(frames: dict[str, pd.DataFrame], directory: Path) -> None:
    paths = sample.write_csv(frames, directory)
    assert [p.name for p in paths] == [f"{n}.csv" for n in sample.RECORD_ORDER]
    for path in paths:
        original = frames[path.stem]
        raw = path.read_bytes()
        raw.decode("utf-8")
        assert b"\r\n" not in raw and not raw.startswith(b"\xef\xbb\xbf")
        back = pd.read_csv(path, dtype=str, keep_default_na=False)
        assert list(back.columns) == list(original.columns)
        assert len(back) == len(original)
        for column in original.columns:
            if pd.api.types.is_numeric_dtype(original[column]):
                assert not back[column].str.contains(",").any()
                pd.testing.assert_series_equal(pd.to_numeric(back[column]).astype(original[column].dtype),
                                               original[column], check_names=False)
            else:
                assert back[column].tolist() == original[column].astype(str).tolist(), column


def test_write_csv_roundtrip(frames, large, tmp_path):
    _roundtrip(frames, tmp_path / "sample")
    _roundtrip(large, tmp_path / "large")
    text = (tmp_path / "sample" / "networks.csv").read_text(encoding="utf-8")
    assert "Sundhed på ny" in text
    assert ",," in text  # empty cells for missing ended_on / parent_network_id


def test_csv_is_byte_identical_across_runs(tmp_path):
    a = sample.write_csv(sample.generate(), tmp_path / "a")
    b = sample.write_csv(sample.generate(), tmp_path / "b")
    for pa, pb in zip(a, b, strict=True):
        assert pa.read_bytes() == pb.read_bytes()


def test_main_writes_files(tmp_path, capsys):
    assert sample.main(["--out", str(tmp_path / "s")]) == 0
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == sorted(f"{n}.csv" for n in sample.RECORD_ORDER)
    assert largesample.main(["--networks", "30", "--out", str(tmp_path / "l")]) == 0
    nets = pd.read_csv(tmp_path / "l" / "networks.csv", dtype=str, keep_default_na=False)
    assert len(nets) == 30
    assert "networks.csv" in capsys.readouterr().out


def test_default_out_is_repo_data_sample():
    expected = Path(sample.__file__).resolve().parent.parent / "data" / "sample"
    assert expected == sample.DEFAULT_OUT
