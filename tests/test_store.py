"""netvalue.store: loading (upsert, one transaction), undo, aggregation in DuckDB, persistence, threads."""

from __future__ import annotations

import threading
from datetime import date

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netvalue import service
from netvalue.schema import EVIDENCE_LEVELS, LOAD_ORDER, RECORD_TYPES, SCHEMA_VERSION
from netvalue.store import Store, StoreIntegrityError
from tests.support import MEASUREMENTS, TINY_ROWS, make_csv, typed

# -- helpers --------------------------------------------------------------------------------------------


def rows_of(name: str) -> list[list[str]]:
    rows = [list(r) for r in TINY_ROWS[name][1:]]
    if name == "measurements":
        for r in rows:
            r[4] = r[4] or "self_reported"
    return rows


def frames(*names: str) -> dict[str, pd.DataFrame]:
    """The tiny set as typed frames (what ingest hands the store), for the given record types."""
    return {n: typed(n, rows_of(n)) for n in names or LOAD_ORDER}


def base_frames() -> dict[str, pd.DataFrame]:
    """Everything measurements need: units, indicators and networks."""
    return frames("org_units", "indicators", "networks")


def expected_table(name: str, rows: list[list[object]]) -> pd.DataFrame:
    """Store.table's answer for these rows: store dtypes, ordered by the key."""
    key = list(RECORD_TYPES[name].key)
    return typed(name, rows, "store").sort_values(key).reset_index(drop=True)


def snapshot(store: Store) -> dict[str, pd.DataFrame]:
    """Every row of every record table and its archive, with batch ids: the whole written state."""
    out = {}
    for name in LOAD_ORDER:
        for table in (name, f"{name}__replaced"):
            out[table] = store._df(f"SELECT * FROM {table} ORDER BY ALL")
    return out


def assert_same_state(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    assert a.keys() == b.keys()
    for table in a:
        pd.testing.assert_frame_equal(a[table], b[table], obj=table)


def measurement_frame(rows: list[list[object]]) -> pd.DataFrame:
    return typed("measurements", rows)


# -- load and read ----------------------------------------------------------------------------------------


def test_fresh_store_is_empty(store):
    assert store.is_empty()
    assert store.counts() == dict.fromkeys(LOAD_ORDER, 0)
    assert store.data_version() == 0
    assert store.batches().empty
    assert store.period_range() == (None, None)


def test_load_then_table_round_trip(store):
    result = store.load(frames(), who="test", files=["a.csv", "b.csv"])
    assert result.batch_id == 1
    assert result.added == {n: len(TINY_ROWS[n]) - 1 for n in LOAD_ORDER}
    assert result.replaced == dict.fromkeys(LOAD_ORDER, 0)
    assert result.total_added == 6 + 4 + 2 + 3 + 6 + 1
    for name in LOAD_ORDER:
        pd.testing.assert_frame_equal(store.table(name), expected_table(name, rows_of(name)), obj=name)
    b = store.batches()
    assert b[["batch_id", "who", "files", "added", "replaced"]].to_dict("records") == [
        {"batch_id": 1, "who": "test", "files": "a.csv, b.csv", "added": 22, "replaced": 0}]
    assert b["undone_at"].isna().all()


def test_table_can_read_some_columns_only(store):
    store.load(frames())
    full = store.table("networks")
    pd.testing.assert_frame_equal(store.table("networks", ["type", "network_id"]), full[["type", "network_id"]])
    with pytest.raises(KeyError):
        store.table("networks", ["network_id; DROP TABLE networks"])
    assert store.counts()["networks"] == len(full)


def test_load_through_service_from_csv_bytes(store, tiny_files):
    plan, result = service.load_files(store, tiny_files, who="x")
    assert result.added == plan.rows()
    for name in LOAD_ORDER:
        pd.testing.assert_frame_equal(store.table(name), expected_table(name, rows_of(name)), obj=name)


def test_measurements_and_keys(loaded):
    m = loaded.measurements(["N2"])
    pd.testing.assert_frame_equal(m, expected_table("measurements", [r for r in rows_of("measurements")
                                                                     if r[0] == "N2"]))
    assert loaded.measurements([]).empty
    assert len(loaded.measurements()) == 6
    assert sorted(loaded.keys("networks", "network_id")) == ["N1", "N2"]
    with pytest.raises(KeyError):
        loaded.keys("networks", "network_id; DROP TABLE networks")


def test_period_range(loaded):
    # networks start 2014-01-01 and 2014-06-01; participation from 2014-01-01; measurements up to 2014-06.
    assert loaded.period_range() == (date(2014, 1, 1), date(2014, 6, 1))


def test_reloading_the_same_files_replaces_and_changes_no_counts(loaded, tiny_files):
    before_counts = loaded.counts()
    before_tables = {n: loaded.table(n) for n in LOAD_ORDER}
    _, result = service.load_files(loaded, tiny_files)
    assert loaded.counts() == before_counts
    assert result.added == dict.fromkeys(LOAD_ORDER, 0)
    assert result.replaced == before_counts
    for name in LOAD_ORDER:
        pd.testing.assert_frame_equal(loaded.table(name), before_tables[name], obj=name)
    assert loaded.batches()["replaced"].tolist() == [sum(before_counts.values()), 0]


def test_upsert_replaces_a_corrected_row_and_archives_the_old_one(loaded):
    fix = measurement_frame([["N1", "sat", "2014-01-01", 2.0, "evaluated_internal", "rettet"],
                             ["N2", "sat", "2014-07-01", 4.0, "self_reported", ""]])
    result = loaded.load({"measurements": fix})
    assert (result.added, result.replaced) == ({"measurements": 1}, {"measurements": 1})
    rows = rows_of("measurements")
    rows[0] = ["N1", "sat", "2014-01-01", 2.0, "evaluated_internal", "rettet"]
    rows.append(["N2", "sat", "2014-07-01", 4.0, "self_reported", ""])
    pd.testing.assert_frame_equal(loaded.table("measurements"), expected_table("measurements", rows))
    archived = loaded._df("SELECT network_id, indicator_id, period, value, batch_id, replaced_by "
                          "FROM measurements__replaced")
    assert archived.astype({"period": str}).values.tolist() == [["N1", "sat", "2014-01-01", 4.0, 1, 2]]


def test_load_refuses_unknown_record_type_and_missing_columns(store):
    with pytest.raises(KeyError):
        store.load({"people": pd.DataFrame()})
    with pytest.raises(KeyError):
        store.load({"org_units": frames("org_units")["org_units"].drop(columns="level")})
    assert store.is_empty()
    assert store.data_version() == 0


# -- one load is one transaction ----------------------------------------------------------------------------


def test_load_breaking_a_foreign_key_writes_nothing(loaded):
    before, version = snapshot(loaded), loaded.data_version()
    bad = {"networks": typed("networks", [["N3", "Ny", "welfare", "U1", "", "", "2015-01-01", "", ""]]),
           "measurements": measurement_frame([["N1", "sat", "2014-01-01", 1.0, "measured", ""],
                                              ["N9", "sat", "2014-01-01", 1.0, "measured", ""]])}
    with pytest.raises(StoreIntegrityError) as info:
        loaded.load(bad)
    assert any("N9" in d for d in info.value.details)
    assert_same_state(snapshot(loaded), before)
    assert loaded.data_version() == version
    assert loaded.batches()["batch_id"].tolist() == [1]


def test_an_exception_midway_through_a_load_writes_nothing(loaded, monkeypatch):
    before, version = snapshot(loaded), loaded.data_version()
    real = Store._upsert
    calls: list[str] = []

    def flaky(self, cur, name, frame, batch_id):
        calls.append(name)
        if len(calls) == 3:
            raise RuntimeError("disk on fire")
        return real(self, cur, name, frame, batch_id)

    monkeypatch.setattr(Store, "_upsert", flaky)
    changed = frames()
    changed["org_units"] = typed("org_units", [*rows_of("org_units"), ["U3", "Ny", "C1", "unit"]])
    changed["indicators"] = typed("indicators", [["sat", "Ændret", "citizen", "", 0.0, 10.0]])
    with pytest.raises(RuntimeError, match="disk on fire"):
        loaded.load(changed)
    assert calls == ["org_units", "indicators", "networks"]
    assert_same_state(snapshot(loaded), before)
    assert loaded.data_version() == version
    # The store still works afterwards.
    monkeypatch.setattr(Store, "_upsert", real)
    loaded.load({"org_units": changed["org_units"]})
    assert loaded.counts()["org_units"] == 7


def test_data_version_grows_with_every_committed_change(store):
    versions = [store.data_version()]
    store.load(base_frames())
    versions.append(store.data_version())
    store.load({"measurements": measurement_frame([["N1", "sat", "2014-01-01", 3.0, "measured", ""]])})
    versions.append(store.data_version())
    with pytest.raises(StoreIntegrityError):
        store.load({"measurements": measurement_frame([["N7", "sat", "2014-01-01", 3.0, "measured", ""]])})
    versions.append(store.data_version())
    store.undo(2)
    versions.append(store.data_version())
    assert versions == [0, 1, 2, 2, 3]


def test_the_remembered_data_version_follows_every_store_on_the_file(tmp_path):
    # data_version is read once after each write (a page view asks about ten times); a write through any Store
    # of this process, or one made while no Store held the file, must still show at once.
    path = tmp_path / "v.duckdb"
    first = Store(path)
    assert first.data_version() == 0
    second = Store(str(path.parent / "." / path.name))  # another spelling of the same file
    second.load(base_frames())
    assert first.data_version() == second.data_version() == 1
    first.load({"measurements": measurement_frame([["N1", "sat", "2014-01-01", 3.0, "measured", ""]])})
    assert second.data_version() == 2
    second.close()
    assert first.data_version() == 2
    # A write past the Store (as another process would make while no Store of this one held the file).
    first._cur().execute("UPDATE meta SET value = '9' WHERE key = 'data_version'")
    assert first.data_version() == 2, "remembered (this is what saves the queries)"
    first.close()
    assert Store(path).data_version() == 9


def test_a_version_read_during_a_write_is_not_kept(store):
    # A reader in another thread sees the old version until the write commits; it must not keep it past that.
    store.load(base_frames())
    seen: list[int] = []
    original = store._bump

    def bump_then_read(cur):
        original(cur)
        reader = threading.Thread(target=lambda: seen.append(store.data_version()))
        reader.start()
        reader.join()

    store._bump = bump_then_read
    store.load({"measurements": measurement_frame([["N1", "sat", "2014-01-01", 3.0, "measured", ""]])})
    assert seen == [1] and store.data_version() == 2


# -- undo -------------------------------------------------------------------------------------------------


def test_undo_restores_exactly_the_previous_state_including_replaced_rows(loaded):
    before = snapshot(loaded)
    second = {
        "measurements": measurement_frame([["N1", "sat", "2014-01-01", 1.0, "measured", "rettet"],
                                           ["N1", "sat", "2014-03-01", 2.0, "measured", "ny"]]),
        "networks": typed("networks", [["N2", "Frivillighed 2.0", "innovation", "U1", "", "", "2014-07-01",
                                        "2016-01-01", ""]]),
        "org_units": typed("org_units", [["U3", "Ny enhed", "C1", "unit"]]),
    }
    result = loaded.load(second)
    assert result.total_replaced == 2 and result.total_added == 2
    assert snapshot(loaded)["measurements__replaced"].shape[0] == 1
    loaded.undo(result.batch_id)
    assert_same_state(snapshot(loaded), before)
    for name in LOAD_ORDER:
        pd.testing.assert_frame_equal(loaded.table(name), expected_table(name, rows_of(name)), obj=name)
    b = loaded.batches().set_index("batch_id")
    assert pd.notna(b.loc[2, "undone_at"])
    assert pd.isna(b.loc[1, "undone_at"])


def test_undo_refuses_when_a_later_batch_changed_the_same_rows(loaded):
    loaded.load({"measurements": measurement_frame([["N1", "sat", "2014-01-01", 1.0, "measured", ""]])})
    before, version = snapshot(loaded), loaded.data_version()
    with pytest.raises(StoreIntegrityError) as info:
        loaded.undo(1)
    assert any(d.startswith("measurements: 1 rows") for d in info.value.details)
    assert_same_state(snapshot(loaded), before)
    assert loaded.data_version() == version
    # Undoing the later batch first makes the earlier one undoable, back to an empty store.
    loaded.undo(2)
    loaded.undo(1)
    assert loaded.is_empty()
    assert all(df.empty for df in snapshot(loaded).values())


def test_undo_refuses_when_later_rows_depend_on_the_batch(loaded):
    loaded.load({"networks": typed("networks", [["N3", "Ny", "welfare", "U1", "", "", "2015-01-01", "", ""]])})
    loaded.load({"measurements": measurement_frame([["N3", "sat", "2015-01-01", 3.0, "measured", ""]])})
    before = snapshot(loaded)
    with pytest.raises(StoreIntegrityError):
        loaded.undo(2)
    assert_same_state(snapshot(loaded), before)


def test_undo_refuses_twice_and_unknown_batches(loaded):
    loaded.load({"measurements": measurement_frame([["N2", "sat", "2014-09-01", 3.0, "measured", ""]])})
    loaded.undo(2)
    after_first, version = snapshot(loaded), loaded.data_version()
    with pytest.raises(StoreIntegrityError, match="already undone"):
        loaded.undo(2)
    with pytest.raises(StoreIntegrityError, match="no batch 99"):
        loaded.undo(99)
    assert_same_state(snapshot(loaded), after_first)
    assert loaded.data_version() == version


def test_batch_ids_keep_growing_after_an_undo(loaded):
    loaded.undo(1)
    result = loaded.load(base_frames())
    assert result.batch_id == 2


# -- aggregation in DuckDB ---------------------------------------------------------------------------------

STATS_ROWS = [
    ["N1", "sat", "2014-01-01", 2.0, "measured", ""],
    ["N1", "sat", "2014-02-01", 4.0, "self_reported", ""],
    ["N1", "sat", "2014-04-01", 3.0, "evaluated_internal", ""],
    ["N1", "sat", "2015-01-01", 5.0, "evaluated_external", ""],
    ["N1", "sick", "2014-03-01", 10.0, "self_reported", ""],
    ["N2", "sat", "2014-02-01", 1.0, "measured", ""],
]


@pytest.fixture
def stats_store(store):
    store.load({**base_frames(), "measurements": measurement_frame(STATS_ROWS)})
    return store


def stats_frame(rows: list[tuple], with_period: bool) -> pd.DataFrame:
    """Expected indicator_stats rows: (network, indicator, [period], n, mean, sum, n_self, n_meas, n_int, n_ext)."""
    cols = ["network_id", "indicator_id", *(["period"] if with_period else []), "n", "value_mean", "value_sum",
            *(f"n_{lvl}" for lvl in EVIDENCE_LEVELS)]
    df = pd.DataFrame(rows, columns=cols)
    dtypes = {"network_id": "str", "indicator_id": "str", "n": "int64", "value_mean": "float64",
              "value_sum": "float64", **{f"n_{lvl}": "int64" for lvl in EVIDENCE_LEVELS}}
    if with_period:
        dtypes["period"] = "datetime64[us]"
    return df.astype(dtypes)


def test_indicator_stats_all(stats_store):
    expected = stats_frame([("N1", "sat", 4, 3.5, 14.0, 1, 1, 1, 1),
                            ("N1", "sick", 1, 10.0, 10.0, 1, 0, 0, 0),
                            ("N2", "sat", 1, 1.0, 1.0, 0, 1, 0, 0)], with_period=False)
    pd.testing.assert_frame_equal(stats_store.indicator_stats(), expected)
    pd.testing.assert_frame_equal(stats_store.indicator_stats("all"), expected)


def test_indicator_stats_by_month(stats_store):
    expected = stats_frame([("N1", "sat", "2014-01-01", 1, 2.0, 2.0, 0, 1, 0, 0),
                            ("N1", "sat", "2014-02-01", 1, 4.0, 4.0, 1, 0, 0, 0),
                            ("N1", "sat", "2014-04-01", 1, 3.0, 3.0, 0, 0, 1, 0),
                            ("N1", "sat", "2015-01-01", 1, 5.0, 5.0, 0, 0, 0, 1),
                            ("N1", "sick", "2014-03-01", 1, 10.0, 10.0, 1, 0, 0, 0),
                            ("N2", "sat", "2014-02-01", 1, 1.0, 1.0, 0, 1, 0, 0)], with_period=True)
    pd.testing.assert_frame_equal(stats_store.indicator_stats("month"), expected)


def test_indicator_stats_by_quarter(stats_store):
    expected = stats_frame([("N1", "sat", "2014-01-01", 2, 3.0, 6.0, 1, 1, 0, 0),
                            ("N1", "sat", "2014-04-01", 1, 3.0, 3.0, 0, 0, 1, 0),
                            ("N1", "sat", "2015-01-01", 1, 5.0, 5.0, 0, 0, 0, 1),
                            ("N1", "sick", "2014-01-01", 1, 10.0, 10.0, 1, 0, 0, 0),
                            ("N2", "sat", "2014-01-01", 1, 1.0, 1.0, 0, 1, 0, 0)], with_period=True)
    pd.testing.assert_frame_equal(stats_store.indicator_stats("quarter"), expected)


def test_indicator_stats_by_year(stats_store):
    expected = stats_frame([("N1", "sat", "2014-01-01", 3, 3.0, 9.0, 1, 1, 1, 0),
                            ("N1", "sat", "2015-01-01", 1, 5.0, 5.0, 0, 0, 0, 1),
                            ("N1", "sick", "2014-01-01", 1, 10.0, 10.0, 1, 0, 0, 0),
                            ("N2", "sat", "2014-01-01", 1, 1.0, 1.0, 0, 1, 0, 0)], with_period=True)
    pd.testing.assert_frame_equal(stats_store.indicator_stats("year"), expected)


def test_indicator_stats_window_is_inclusive(stats_store):
    got = stats_store.indicator_stats("all", start=date(2014, 2, 1), end=date(2014, 4, 1))
    expected = stats_frame([("N1", "sat", 2, 3.5, 7.0, 1, 0, 1, 0),
                            ("N1", "sick", 1, 10.0, 10.0, 1, 0, 0, 0),
                            ("N2", "sat", 1, 1.0, 1.0, 0, 1, 0, 0)], with_period=False)
    pd.testing.assert_frame_equal(got, expected)
    only_start = stats_store.indicator_stats("year", start=date(2014, 4, 1))
    pd.testing.assert_frame_equal(only_start, stats_frame(
        [("N1", "sat", "2014-01-01", 1, 3.0, 3.0, 0, 0, 1, 0), ("N1", "sat", "2015-01-01", 1, 5.0, 5.0, 0, 0, 0, 1)],
        with_period=True))


def test_indicator_stats_network_filter(stats_store):
    got = stats_store.indicator_stats("quarter", network_ids=["N2"])
    pd.testing.assert_frame_equal(got, stats_frame([("N2", "sat", "2014-01-01", 1, 1.0, 1.0, 0, 1, 0, 0)], True))
    assert stats_store.indicator_stats("all", network_ids=[]).empty
    got = stats_store.indicator_stats("all", end=date(2014, 1, 1), network_ids=["N1", "N2"])
    pd.testing.assert_frame_equal(got, stats_frame([("N1", "sat", 1, 2.0, 2.0, 0, 1, 0, 0)], False))


def test_indicator_stats_rejects_unknown_grain(stats_store):
    with pytest.raises(ValueError, match="grain"):
        stats_store.indicator_stats("week")


def test_indicator_stats_binds_parameters(stats_store):
    evil = "N1') OR TRUE OR ('"
    assert stats_store.indicator_stats(network_ids=[evil]).empty


# -- persistence -----------------------------------------------------------------------------------------


def test_file_backed_store_reopens_with_its_data(tmp_path, tiny_files):
    path = tmp_path / "sub" / "nv.duckdb"
    with Store(path) as s:
        service.load_files(s, tiny_files, who="fil")
        before = {n: s.table(n) for n in LOAD_ORDER}
    with Store(path) as s:
        assert s.schema_version() == SCHEMA_VERSION
        assert s.data_version() == 1
        assert s.batches()["who"].tolist() == ["fil"]
        for name in LOAD_ORDER:
            pd.testing.assert_frame_equal(s.table(name), before[name], obj=name)
            pd.testing.assert_frame_equal(s.table(name), expected_table(name, rows_of(name)), obj=name)
        s.undo(1)
    with Store(path) as s:
        assert s.is_empty()
        assert s.data_version() == 2


def test_schema_version_is_recorded(store):
    assert store.schema_version() == SCHEMA_VERSION
    meta = store._df("SELECT key, value FROM meta ORDER BY key")
    assert meta.values.tolist() == [["data_version", "0"], ["schema_version", str(SCHEMA_VERSION)]]


def test_store_written_by_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "nv.duckdb"
    with Store(path) as s:
        s._cur().execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    with pytest.raises(RuntimeError, match="newer"):
        Store(path)


# -- properties -------------------------------------------------------------------------------------------

_months = st.tuples(st.integers(2010, 2020), st.integers(1, 12)).map(lambda ym: f"{ym[0]}-{ym[1]:02d}-01")
_measurement = st.tuples(
    st.sampled_from(["N1", "N2"]),
    st.sampled_from(["sat", "sick", "saved", "cost"]),
    _months,
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(EVIDENCE_LEVELS),
    st.one_of(st.just(""), st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                                   min_size=1, max_size=20)),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(_measurement, max_size=25, unique_by=lambda r: r[:3]))
def test_random_valid_measurements_round_trip(rows):
    with Store(":memory:") as s:
        s.load(base_frames())
        s.load({"measurements": measurement_frame([list(r) for r in rows])})
        got = s.table("measurements")
    expected = typed("measurements", [list(r) for r in rows], "store")
    expected = expected.sort_values(["network_id", "indicator_id", "period"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


# -- threads ----------------------------------------------------------------------------------------------


def test_threads_loading_and_reading_lose_no_rows(store):
    store.load(base_frames())
    writers, batches_each = 4, 5
    indicators = ["sat", "sick", "saved", "cost"]
    errors: list[BaseException] = []
    reads: list[int] = []
    stop = threading.Event()

    def write(w: int) -> None:
        try:
            for b in range(batches_each):
                rows = [["N1" if m % 2 else "N2", indicators[w], f"{2010 + b}-{m:02d}-01", float(w * 100 + m),
                         "measured", f"tråd {w}"] for m in range(1, 13)]
                store.load({"measurements": measurement_frame(rows)}, who=f"thread {w}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    def read() -> None:
        try:
            while not stop.is_set():
                n = store.counts()["measurements"]
                assert n % 12 == 0
                stats = store.indicator_stats("year")
                assert int(stats["n"].sum()) >= n
                reads.append(n)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    readers = [threading.Thread(target=read) for _ in range(2)]
    threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
    for t in readers + threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    stop.set()
    for t in readers:
        t.join(timeout=60)
    assert not errors, errors
    assert reads, "the readers never ran"
    assert store.counts()["measurements"] == writers * batches_each * 12
    m = store.table("measurements")
    assert m.groupby("indicator_id").size().to_dict() == dict.fromkeys(indicators, batches_each * 12)
    assert sorted(m["value"].unique().tolist()) == sorted(float(w * 100 + k) for w in range(4) for k in range(1, 13))
    assert store.data_version() == 1 + writers * batches_each
    assert sorted(store.batches()["batch_id"]) == list(range(1, 2 + writers * batches_each))


def test_csv_round_trip_of_measurements_through_ingest(store):
    """What is loaded from a file reads back the same (bytes -> ingest -> store -> table)."""
    service.load_files(store, [("o.csv", make_csv(TINY_ROWS["org_units"])),
                               ("i.csv", make_csv(TINY_ROWS["indicators"])),
                               ("n.csv", make_csv(TINY_ROWS["networks"])),
                               ("m.csv", make_csv(MEASUREMENTS))])
    pd.testing.assert_frame_equal(store.table("measurements"), expected_table("measurements", rows_of("measurements")))


def test_indicator_stats_without_detail_gives_the_same_means(loaded):
    full = loaded.indicator_stats()
    lean = loaded.indicator_stats(detail=False)
    assert list(lean.columns) == ["network_id", "indicator_id", "n", "value_mean"]
    lean = lean.sort_values(["network_id", "indicator_id"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(lean, full[["network_id", "indicator_id", "n", "value_mean"]])
