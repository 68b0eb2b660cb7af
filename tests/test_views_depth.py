"""The depth page's view without Streamlit: exact figures on a tiny hand-made source, the choices that fit a
window (a month is never a 'unit-year'), a one-month window, no types, a small unit, and breadth equal to the
overview's units reached on the sample."""

from __future__ import annotations

from datetime import date

import pytest

from netvalue.filters import Filters
from netvalue.views.depth import choices_for, depth_choices, depth_view
from netvalue.views.overview import overview_view
from netvalue.views.registry import REGISTRY
from netvalue.windows import Window
from tests.views_frames import tiny

MAY = Filters(start=date(2020, 5, 1), end=date(2020, 5, 1))


def W(a: str, b: str) -> Window:
    return Window(date.fromisoformat(a + "-01"), date.fromisoformat(b + "-01"))


def test_the_views_are_registered():
    assert REGISTRY["depth"] is depth_view and REGISTRY["depth_choices"] is depth_choices


@pytest.mark.parametrize(("win", "bases", "grains"), [
    (W("2016-05", "2016-05"), ("period",), ("month",)),
    (W("2016-01", "2016-03"), ("period",), ("month",)),  # one quarter: month steps only
    (W("2016-01", "2016-12"), ("period",), ("quarter", "month")),
    (W("2016-07", "2017-06"), ("year", "period"), ("quarter", "month", "year")),
    (W("2013-09", "2019-12"), ("year", "period"), ("quarter", "year")),
])
def test_the_choices_fit_the_window(win, bases, grains):
    ch = choices_for(win)
    assert (ch.bases, ch.grains) == (bases, grains)


def test_exact_figures_of_the_whole_window():
    v = depth_view(tiny(), Filters(), "unit", "period", "networks", "quarter", 3)
    assert v.empty_reason is None and (v.basis, v.grain) == ("period", "quarter")
    assert v.metrics == {"breadth": "67\u00a0%", "breadth_value": "2 af 3 enheder nået", "depth": "1,5",
                         "depth_median": "1,5", "depth_max": "2", "hhi": "0,556", "effective": "1,8", "gini": "0,44"}
    assert v.units_reached == 2
    assert list(v.analysis.units["entity_id"]) == ["U2", "U1", "U3"]
    assert list(v.analysis.units["networks"]) == [2, 1, 0]
    assert v.notes == ("Aktivitet her: antal netværk, i januar 2020 – juni 2020, for netværk af de valgte typer.",
                       "Perioden ligger i ét kalenderår, så dybde tælles over hele perioden.")
    assert v.file_name == "dybde_bredde_unit_2020-01_2020-06"
    assert [h.split("<br>")[0] for h in v.path.data[0].hovertext] == ["2020 K1", "2020 K2"]


def test_a_one_month_window_is_a_month_not_a_unit_year():
    v = depth_view(tiny(), MAY, "unit", "year", "networks", "year", 3)
    assert (v.basis, v.grain) == ("period", "month")  # the asked basis and step do not fit one month
    assert v.metrics["breadth_value"] == "2 af 3 enheder nået" and v.units_reached == 2
    assert list(v.path.data[0].text) == ["maj 2020"]
    text = " ".join((*v.comparison_lines, *v.fit_lines, *v.notes))
    assert "enhedsår" not in text and "i et år" not in text
    assert "maj 2020" in v.notes[0]
    assert "År" not in v.table.columns


def test_year_by_year_across_calendar_years_names_unit_years():
    src = tiny()
    src.tables["networks"].loc[1, "ended_on"] = None  # N2 runs on into 2021
    src.bounds = (date(2020, 1, 1), date(2021, 6, 1))
    v = depth_view(src, Filters(), "unit", "year", "networks", "year", 3)
    assert v.basis == "year" and v.choices.bases == ("year", "period")
    assert sorted(set(v.table["År"])) == [2020, 2021]


def test_no_types_is_said():
    v = depth_view(tiny(), Filters(types=()))
    assert v.empty_reason == "no_types" and v.analysis is None and v.path is None


def test_a_small_unit():
    v = depth_view(tiny(), Filters(unit_id="U2"), "unit", "period")
    assert v.metrics["breadth_value"] == "1 af 1 enheder nået" and v.metrics["depth"] == "2,0"
    c = depth_view(tiny(), Filters(unit_id="U2"), "centre", "period")
    assert list(c.analysis.entities["entity_id"]) == ["C"]


@pytest.fixture
def sample(sample_source):
    """The sample as a Source, shared by the session (views only read)."""
    return sample_source


@pytest.mark.parametrize("f", [
    Filters(unit_id="U-DEMENS"),  # the example: 10 vs 1 vs 1 before
    Filters(start=date(2016, 5, 1), end=date(2016, 5, 1)),
    Filters(start=date(2014, 6, 1), end=date(2015, 11, 1), unit_id="A-BMB"),
])
def test_breadth_counts_the_overviews_units_reached(sample, f):
    v = depth_view(sample, f, "unit", "period")
    assert v.units_reached == overview_view(sample, f).figure("units").value
    assert v.analysis.measures["reached"] == v.units_reached


def test_for_random_filters_ripples_depth_and_overview_count_the_same_units(sample):
    """The cross-page invariant for units reached: seeded random windows (one month to years), types and parts
    of the organisation on the sample."""
    import random

    from netvalue.views.ripples import ripples_view

    rng = random.Random(12)
    units = [None, *sample.table("org_units")["unit_id"]]
    months = [date(y, m, 1) for y in range(2013, 2020) for m in range(1, 13) if date(2013, 9, 1) <= date(y, m, 1)]
    for _ in range(8):
        a, b = sorted(rng.sample(months, 2)) if rng.random() < 0.7 else [rng.choice(months)] * 2
        types = tuple(x for x in ("welfare", "innovation", "learning") if rng.random() < 0.7) or ("learning",)
        f = Filters(start=a, end=b, types=types, unit_id=rng.choice(units))
        units_overview = overview_view(sample, f).figure("units").value
        assert ripples_view(sample, f).units_reached == units_overview, f
        assert depth_view(sample, f, "unit", "period").units_reached == units_overview, f
