"""netvalue.schema: the record types as data, header/value folding, and the DDL."""

from __future__ import annotations

import pytest

from netvalue import schema
from netvalue.schema import LOAD_ORDER, RECORD_TYPES, SCHEMA_VERSION, fold, header_map, value_map
from tests.support import DESIGN_COLUMNS

DESIGN_KEYS = {
    "org_units": ("unit_id",),
    "networks": ("network_id",),
    "participation": ("network_id", "unit_id", "joined_on"),
    "indicators": ("indicator_id",),
    "measurements": ("network_id", "indicator_id", "period"),
    "stories": ("network_id", "told_on", "title"),
}


def test_the_six_record_types_of_the_design():
    assert set(RECORD_TYPES) == set(DESIGN_COLUMNS)
    assert sorted(LOAD_ORDER) == sorted(DESIGN_COLUMNS)


@pytest.mark.parametrize("name", sorted(DESIGN_COLUMNS))
def test_columns_and_keys_match_the_upload_contract(name):
    rt = RECORD_TYPES[name]
    assert rt.name == name
    assert rt.column_names == DESIGN_COLUMNS[name]
    assert rt.key == DESIGN_KEYS[name]


@pytest.mark.parametrize("name", sorted(DESIGN_COLUMNS))
def test_key_columns_exist_and_are_required(name):
    rt = RECORD_TYPES[name]
    for k in rt.key:
        assert k in rt.column_names
        assert rt.column(k).required, f"{name}.{k} is part of the key but optional"


@pytest.mark.parametrize("name", sorted(DESIGN_COLUMNS))
def test_foreign_keys_point_at_existing_columns_loaded_earlier(name):
    rt = RECORD_TYPES[name]
    for fk in rt.foreign_keys:
        assert fk.column in rt.column_names
        target = RECORD_TYPES[fk.target]
        assert fk.target_column in target.column_names
        assert LOAD_ORDER.index(fk.target) <= LOAD_ORDER.index(name)


def test_column_kinds_are_known_and_enums_have_allowed_values():
    for rt in RECORD_TYPES.values():
        for c in rt.columns:
            assert c.kind in schema.KINDS
            assert c.sql_type == schema.SQL_TYPES[c.kind]
            if c.kind == "enum":
                assert c.allowed
            if c.default is not None:
                assert c.default in c.allowed


def test_free_text_columns_are_the_ones_screened_for_cpr():
    free = {(rt.name, c.name) for rt in RECORD_TYPES.values() for c in rt.columns if c.kind == "free"}
    assert {("networks", "purpose"), ("measurements", "note"), ("stories", "text")} <= free


def test_column_lookup_raises_for_unknown_column():
    with pytest.raises(KeyError):
        RECORD_TYPES["networks"].column("nope")


@pytest.mark.parametrize("spelling", ["netværk_id", "netvaerk_id", "Netværk ID", "NETVÆRK-ID", " netværk id ",
                                      "\ufeffnetværk_id", "Netvaerk.ID"])
def test_fold_makes_danish_spellings_match(spelling):
    assert fold(spelling) == fold("netværk_id") == "netværk_id"


def test_fold_aa_oe_spellings():
    assert fold("Maaned") == fold("måned")
    assert fold("Formaal") == fold("formål")
    assert fold("Foraelder ID") == fold("forælder_id")
    assert fold("Oekonomi") == fold("økonomi")


def test_fold_keeps_different_words_apart():
    assert fold("unit_id") != fold("unit")
    assert fold("started_on") != fold("ended_on")


@pytest.mark.parametrize("name", sorted(DESIGN_COLUMNS))
def test_header_map_knows_every_canonical_name_and_alias_without_collisions(name):
    rt = RECORD_TYPES[name]
    hm = header_map(rt)
    owner: dict[str, str] = {}
    for c in rt.columns:
        for spelling in (c.name, *c.aliases):
            f = fold(spelling)
            assert owner.setdefault(f, c.name) == c.name, f"{name}: {spelling!r} means two columns"
            assert hm[f] == c.name


@pytest.mark.parametrize(
    ("record", "header", "column"),
    [
        ("networks", "Netværk ID", "network_id"),
        ("networks", "Netvaerks_ID", "network_id"),
        ("networks", "Startdato", "started_on"),
        ("networks", "Formål", "purpose"),
        ("networks", "Hjemmeenhed", "home_unit_id"),
        ("measurements", "Måned", "period"),
        ("measurements", "Maaned", "period"),
        ("measurements", "Værdi", "value"),
        ("measurements", "Vaerdi", "value"),
        ("measurements", "Evidens", "evidence"),
        ("measurements", "Bemærkning", "note"),
        ("participation", "Antal personer", "people"),
        ("org_units", "Overordnet ID", "parent_id"),
        ("indicators", "Værste", "worst"),
        ("indicators", "Bedste", "best"),
        ("stories", "Fortælling", "text"),
    ],
)
def test_danish_header_aliases(record, header, column):
    assert header_map(RECORD_TYPES[record])[fold(header)] == column


@pytest.mark.parametrize(
    ("record", "column", "spelling", "canonical"),
    [
        ("networks", "type", "velfærd", "welfare"),
        ("networks", "type", "Velfærdsnetværk", "welfare"),
        ("networks", "type", "velfaerdsnetvaerk", "welfare"),
        ("networks", "type", "innovation", "innovation"),
        ("networks", "type", "Innovationsnetværk", "innovation"),
        ("networks", "type", "læring", "learning"),
        ("networks", "type", "Læringsnetværk", "learning"),
        ("networks", "type", "WELFARE", "welfare"),
        ("indicators", "perspective", "borger", "citizen"),
        ("indicators", "perspective", "Borgerperspektiv", "citizen"),
        ("indicators", "perspective", "kommune", "economy"),
        ("indicators", "perspective", "medarbejder", "staff"),
        ("indicators", "perspective", "input", "input"),
        ("stories", "perspective", "borger", "citizen"),
        ("org_units", "level", "kommune", "municipality"),
        ("org_units", "level", "direktørområde", "area"),
        ("org_units", "level", "center", "centre"),
        ("org_units", "level", "enhed", "unit"),
        ("org_units", "level", "ekstern", "external"),
        ("measurements", "evidence", "selvrapporteret", "self_reported"),
        ("measurements", "evidence", "self-reported", "self_reported"),
        ("measurements", "evidence", "målt", "measured"),
        ("measurements", "evidence", "Evalueret eksternt", "evaluated_external"),
        ("measurements", "evidence", "evalueret internt", "evaluated_internal"),
    ],
)
def test_value_map_maps_danish_values(record, column, spelling, canonical):
    assert value_map(RECORD_TYPES[record].column(column))[fold(spelling)] == canonical


def test_value_map_only_yields_allowed_values():
    for rt in RECORD_TYPES.values():
        for c in rt.columns:
            if c.kind == "enum":
                assert set(value_map(c).values()) <= set(c.allowed), f"{rt.name}.{c.name}"


def test_value_map_refuses_values_of_another_column():
    assert fold("borger") not in value_map(RECORD_TYPES["networks"].column("type"))
    assert fold("input") not in value_map(RECORD_TYPES["stories"].column("perspective"))
    assert fold("velfærd") not in value_map(RECORD_TYPES["indicators"].column("perspective"))


def test_ddl_creates_every_table_with_schema_types(store):
    cols = store._df("SELECT table_name, column_name, data_type FROM information_schema.columns "
                     "ORDER BY table_name, ordinal_position")
    by_table = {name: g for name, g in cols.groupby("table_name")}
    assert {"meta", "batches"} <= set(by_table)
    for name, rt in RECORD_TYPES.items():
        live = by_table[name]
        assert live["column_name"].tolist() == [*rt.column_names, "batch_id"]
        assert live["data_type"].tolist()[:-1] == [c.sql_type for c in rt.columns]
        archive = by_table[f"{name}__replaced"]
        assert archive["column_name"].tolist() == [*rt.column_names, "batch_id", "replaced_by"]


def test_ddl_is_idempotent(store):
    for stmt in schema.ddl():
        store._cur().execute(stmt)
    assert store.counts() == dict.fromkeys(LOAD_ORDER, 0)
    assert store.schema_version() == SCHEMA_VERSION


def test_ddl_mentions_every_record_type_and_archive():
    text = "\n".join(schema.ddl())
    for name in RECORD_TYPES:
        assert f"CREATE TABLE IF NOT EXISTS {name} (" in text
        assert f"CREATE TABLE IF NOT EXISTS {name}__replaced (" in text
