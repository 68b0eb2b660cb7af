"""netvalue.filters (URL query <-> Filters, applying them) and netvalue.keyfigures on tiny hand-made frames."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netvalue import filters as flt
from netvalue import keyfigures
from netvalue.filters import Filters
from netvalue.schema import NETWORK_TYPES, PERSPECTIVES
from netvalue.scoring import EQUAL_WEIGHTS, normalise_weights
from tests.support import ORG_UNITS, typed

LO, HI = date(2014, 1, 1), date(2015, 12, 1)
UNITS = {r[0] for r in ORG_UNITS[1:]}
EQUAL = tuple(EQUAL_WEIGHTS.items())
DEFAULT = Filters(LO, HI, NETWORK_TYPES, None, EQUAL, "da")


def parse(params: dict[str, str]) -> Filters:
    return flt.from_query(params, (LO, HI), UNITS)


# -- from_query: anything unreadable falls back to its default -------------------------------------------------


def test_no_parameters_give_the_defaults():
    assert parse({}) == DEFAULT
    assert flt.from_query({}) == Filters(None, None, NETWORK_TYPES, None, EQUAL, "da")


def test_good_parameters_are_read():
    f = parse({"from": "2014-03", "to": "2015-02", "types": "learning,welfare", "unit": "C1", "w": "2-1-0.5",
               "lang": "en"})
    assert f == Filters(date(2014, 3, 1), date(2015, 2, 1), ("welfare", "learning"), "C1",
                        (("citizen", 2.0), ("economy", 1.0), ("staff", 0.5)), "en")
    assert f.weight_map == {"citizen": 2.0, "economy": 1.0, "staff": 0.5}


@pytest.mark.parametrize("bad", ["2014-13", "2014-00", "2014-1", "14-03", "marts", "", "2014-03-01", "1800-01",
                                 "2014-03x", " 2014-03"])
def test_bad_months_fall_back_to_the_bounds(bad):
    f = parse({"from": bad, "to": bad})
    assert (f.start, f.end) == (LO, HI)


def test_months_outside_the_data_are_clamped():
    f = parse({"from": "2010-05", "to": "2030-01"})
    assert (f.start, f.end) == (LO, HI)
    f = parse({"from": "2016-05"})  # after the last month: the last month
    assert (f.start, f.end) == (HI, HI)


def test_start_after_end_falls_back_to_the_whole_period():
    f = parse({"from": "2015-06", "to": "2014-03"})
    assert (f.start, f.end) == (LO, HI)


@pytest.mark.parametrize(
    ("types", "expected"),
    [("welfare,sport", ("welfare",)), ("sport", NETWORK_TYPES), ("", NETWORK_TYPES), (",,,", NETWORK_TYPES),
     ("innovation,welfare", ("welfare", "innovation")), ("Welfare", NETWORK_TYPES),
     ("velfærd", NETWORK_TYPES)],
)
def test_types(types, expected):
    assert parse({"types": types}).types == expected


@pytest.mark.parametrize(("unit", "expected"), [("U1", "U1"), ("U9", None), ("", None), ("u1", None)])
def test_unit_must_be_known(unit, expected):
    assert parse({"unit": unit}).unit_id == expected


def test_unit_is_dropped_when_no_units_are_known():
    assert flt.from_query({"unit": "U1"}, (LO, HI), None).unit_id is None


@pytest.mark.parametrize("w", ["a-b-c", "0-0-0", "-1-2-3", "1--2-3", "1-2", "1-2-3-4", "nan-1-1", "inf-1-1",
                               "1-1-", "", "1_2_3"])
def test_bad_weights_fall_back_to_equal(w):
    assert parse({"w": w}).weights == EQUAL


@pytest.mark.parametrize("lang", ["fr", "", "DA", "dansk"])
def test_bad_language_falls_back_to_danish(lang):
    assert parse({"lang": lang}).lang == "da"


def test_all_garbage_at_once():
    garbage = {"from": "x", "to": "2014-13", "types": "sport", "unit": "nowhere", "w": "0-0-0", "lang": "xx",
               "other": "ignored"}
    assert parse(garbage) == DEFAULT


# -- to_query and the round trip -------------------------------------------------------------------------------


def test_to_query_leaves_defaults_out():
    assert flt.to_query(Filters()) == {"lang": "da"}
    assert flt.to_query(Filters(weights=(("citizen", 2.0), ("economy", 2.0), ("staff", 2.0)))) == {"lang": "da"}


def test_to_query_writes_what_differs():
    f = Filters(date(2014, 3, 1), date(2015, 2, 1), ("welfare",), "C1",
                (("citizen", 2.0), ("economy", 1.0), ("staff", 0.5)), "en")
    assert flt.to_query(f) == {"lang": "en", "from": "2014-03", "to": "2015-02", "types": "welfare", "unit": "C1",
                               "w": "2-1-0.5"}


def test_round_trip_of_a_filter_set():
    f = Filters(date(2014, 3, 1), date(2015, 2, 1), ("welfare", "learning"), "C1",
                (("citizen", 60.0), ("economy", 30.0), ("staff", 10.0)), "en")
    assert parse(flt.to_query(f)) == f


def test_round_trip_of_tiny_weights():
    """1e-07 must not be written with an exponent: its '-' would split the w parameter."""
    f = Filters(LO, HI, NETWORK_TYPES, None, (("citizen", 1e-7), ("economy", 1.0), ("staff", 1.0)), "da")
    assert parse(flt.to_query(f)) == f


_month = st.builds(date, st.integers(2014, 2015), st.integers(1, 12), st.just(1))


@st.composite
def _filters(draw):
    a, b = sorted([draw(_month), draw(_month)])
    a, b = max(a, LO), min(b, HI)
    types = tuple(t for t in NETWORK_TYPES if draw(st.booleans())) or NETWORK_TYPES
    unit = draw(st.one_of(st.none(), st.sampled_from(sorted(UNITS))))
    w = draw(st.tuples(*[st.floats(0, 1e6, allow_nan=False, allow_subnormal=False)] * 3).filter(
        lambda t: sum(t) > 0))
    return Filters(a, b, types, unit, tuple(zip(PERSPECTIVES, w, strict=True)), draw(st.sampled_from(["da", "en"])))


@settings(max_examples=150, deadline=None)
@given(_filters())
def test_round_trip_property(f):
    back = parse(flt.to_query(f))
    assert (back.start, back.end, back.types, back.unit_id, back.lang) == (f.start, f.end, f.types, f.unit_id,
                                                                           f.lang)
    assert normalise_weights(back.weight_map) == pytest.approx(normalise_weights(f.weight_map))
    if len(set(f.weight_map.values())) > 1:
        assert back.weights == f.weights  # exactly, not rounded


# -- subtree -------------------------------------------------------------------------------------------------------

ORG = typed("org_units", [r for r in ORG_UNITS[1:]], "store")


@pytest.mark.parametrize(
    ("unit", "expected"),
    [(None, {"K", "A1", "C1", "U1", "U2", "X1"}), ("K", {"K", "A1", "C1", "U1", "U2", "X1"}),
     ("A1", {"A1", "C1", "U1", "U2"}), ("C1", {"C1", "U1", "U2"}), ("U2", {"U2"}), ("X1", {"X1"})],
)
def test_subtree(unit, expected):
    assert flt.subtree(ORG, unit) == expected


def test_subtree_survives_a_cycle():
    org = typed("org_units", [["P", "p", "Q", "unit"], ["Q", "q", "P", "unit"], ["R", "r", "Q", "unit"]], "store")
    assert flt.subtree(org, "P") == {"P", "Q", "R"}


# -- select_networks -------------------------------------------------------------------------------------------

NETS = typed("networks", [
    ["N1", "Opsporing", "welfare", "U1", "", "", "2014-01-01", "", ""],
    ["N2", "Frivillige", "learning", "U2", "", "", "2014-06-01", "2014-12-31", "N1"],
    ["N3", "Sundhed på ny", "innovation", "A1", "", "", "2015-03-15", "", ""],
    ["N4", "Gammelt", "welfare", "K", "", "", "2013-01-01", "2013-12-31", ""],
    ["N5", "Med regionen", "learning", "X1", "", "", "2014-02-01", "", ""],
], "store")
PART = typed("participation", [
    ["N1", "U1", "2014-01-01", "", 4],
    ["N1", "X1", "2014-02-01", "2014-12-31", 1],
    ["N2", "U2", "2014-06-01", "", 3],
    ["N2", "U1", "2014-06-01", "2014-08-31", 2],
    ["N2", "U1", "2014-10-01", "", 5],
    ["N5", "U2", "2014-02-01", "", 6],
    ["N9", "U2", "2014-01-01", "", 100],  # a network outside every selection below
], "store")


def selected(**kw) -> list[str]:
    f = Filters(**{"start": None, "end": None, **kw})
    return flt.select_networks(NETS, PART, ORG, f)["network_id"].tolist()


def test_select_all():
    assert selected() == ["N1", "N2", "N3", "N4", "N5"]


@pytest.mark.parametrize(("types", "expected"), [(("welfare",), ["N1", "N4"]), (("learning",), ["N2", "N5"]),
                                                 (("innovation", "learning"), ["N2", "N3", "N5"]), ((), [])])
def test_select_by_type(types, expected):
    assert selected(types=types) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2014, 1, 1), date(2014, 12, 1), ["N1", "N2", "N5"]),
        (date(2014, 1, 1), date(2015, 3, 1), ["N1", "N2", "N3", "N5"]),  # N3 starts on the 15th of the last month
        (date(2014, 1, 1), date(2015, 2, 1), ["N1", "N2", "N5"]),
        (date(2015, 1, 1), None, ["N1", "N3", "N5"]),  # N2 ended on 2014-12-31
        (date(2014, 12, 1), None, ["N1", "N2", "N3", "N5"]),
        (None, date(2013, 12, 1), ["N4"]),
        (None, date(2014, 1, 1), ["N1", "N4"]),
    ],
)
def test_select_by_period(start, end, expected):
    assert selected(start=start, end=end) == expected


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("C1", ["N1", "N2", "N5"]),  # homes U1, U2; N5 (home external) has U2 taking part
        ("U1", ["N1", "N2"]),
        ("U2", ["N2", "N5"]),
        ("A1", ["N1", "N2", "N3", "N5"]),
        ("X1", ["N1", "N5"]),
        ("K", ["N1", "N2", "N3", "N4", "N5"]),
    ],
)
def test_select_by_unit(unit, expected):
    assert selected(unit_id=unit) == expected


def test_select_combined_and_input_untouched():
    before = NETS.copy(deep=True), PART.copy(deep=True), ORG.copy(deep=True)
    got = flt.select_networks(NETS, PART, ORG, Filters(date(2015, 1, 1), None, ("learning", "innovation"), "C1"))
    assert got["network_id"].tolist() == ["N5"]
    assert got.index.tolist() == [0]
    for a, b in zip((NETS, PART, ORG), before, strict=True):
        pd.testing.assert_frame_equal(a, b)


# -- key figures -------------------------------------------------------------------------------------------------


def figures(ids: list[str], start: date | None, end: date | None) -> dict[str, int]:
    return keyfigures.key_figures(NETS[NETS["network_id"].isin(ids)], PART, ORG, start, end)


def test_key_figures_whole_period():
    # units: U1, U2 (X1 is external); people: latest row of each (network, unit): 4 + 1 + 3 + 5
    assert figures(["N1", "N2"], None, None) == {"networks": 2, "units": 2, "people": 13}


def test_key_figures_first_quarter():
    # active: N1-U1, N1-X1; at the end of March both still take part
    assert figures(["N1", "N2"], date(2014, 1, 1), date(2014, 3, 1)) == {"networks": 2, "units": 1, "people": 5}


def test_key_figures_between_two_spells_of_the_same_unit():
    # September 2014: N2-U1 left on 31 Aug and rejoins in October, so U1 counts through N1 only
    assert figures(["N1", "N2"], date(2014, 9, 1), date(2014, 9, 1)) == {"networks": 2, "units": 2, "people": 8}


def test_key_figures_after_a_unit_left():
    # 2015: N1-X1 left on 2014-12-31; N2-U1 counts once (the second spell): 4 + 3 + 5
    assert figures(["N1", "N2"], date(2015, 1, 1), date(2015, 6, 1)) == {"networks": 2, "units": 2, "people": 12}


def test_key_figures_people_at_the_end_not_during():
    # N1-X1 takes part during 2014 but has left by the end of January 2015
    assert figures(["N1"], date(2014, 6, 1), date(2015, 1, 1)) == {"networks": 1, "units": 1, "people": 4}


def test_key_figures_of_nothing():
    assert figures([], None, None) == {"networks": 0, "units": 0, "people": 0}


def test_active_participation():
    got = keyfigures.active_participation(PART, date(2014, 9, 1), date(2014, 9, 1))
    assert list(zip(got["network_id"], got["unit_id"], strict=True)) == [
        ("N1", "U1"), ("N1", "X1"), ("N2", "U2"), ("N5", "U2"), ("N9", "U2")]
