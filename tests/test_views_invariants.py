"""Cross-page invariants: for random filters, every figure two pages show is the same number on both, and every
comparison compares equal, non-overlapping windows named on the page. One sample store for the module."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netvalue.filters import Filters
from netvalue.schema import NETWORK_TYPES
from netvalue.views.connections import connections_view
from netvalue.views.depth import depth_view
from netvalue.views.networks import networks_view
from netvalue.views.overview import overview_view
from netvalue.views.ripples import ripples_view
from netvalue.windows import add_months

FIRST = date(2013, 9, 1)
MONTHS = 76  # 2013-09 .. 2019-12


@pytest.fixture(scope="module")
def src(sample_source):
    return sample_source


@pytest.fixture(scope="module")
def unit_ids(src):
    org = src.table("org_units")
    return sorted(org.loc[org["level"].isin(("area", "centre", "unit")), "unit_id"])


def filters(draw_start: int, length: int, types: tuple[str, ...], unit: str | None) -> Filters:
    start = add_months(FIRST, draw_start)
    end = add_months(start, min(length, MONTHS - draw_start) - 1)
    return Filters(start, end, types, unit)


choice = st.fixed_dictionaries({
    "start": st.integers(0, MONTHS - 1),
    "length": st.integers(1, MONTHS),
    "types": st.sets(st.sampled_from(NETWORK_TYPES), min_size=1).map(lambda s: tuple(t for t in NETWORK_TYPES
                                                                                      if t in s)),
    "unit": st.integers(-1, 60),
})

SETTINGS = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(c=choice)
def test_one_figure_one_value_on_every_page(src, unit_ids, c):
    unit = None if c["unit"] < 0 else unit_ids[c["unit"] % len(unit_ids)]
    f = filters(c["start"], c["length"], c["types"], unit)
    ov = overview_view(src, f)
    rp = ripples_view(src, f)
    assert ov.empty_reason == rp.empty_reason
    if ov.empty_reason:
        return
    networks = int(ov.figure("networks").value)
    units = int(ov.figure("units").value)
    assert rp.units_reached == units
    assert len(rp.names) == networks
    assert depth_view(src, f, "unit", "period", "networks", "quarter", 2).units_reached == units
    table = networks_view(src, f).table
    assert len(table) == networks
    scored = table.dropna(subset=["overall"]).set_index("network_id")["overall"]
    for row in (*ov.top.itertuples(), *ov.bottom.itertuples()):
        assert scored[row.network_id] == pytest.approx(row.overall)
    cv = connections_view(src, f)
    if not cv.empty:
        assert cv.counts["cross_area"] == ov.figure("cross_area").value


@SETTINGS
@given(c=choice)
def test_every_arrow_compares_equal_disjoint_windows_inside_the_data(src, c):
    f = filters(c["start"], c["length"], NETWORK_TYPES, None)
    ov = overview_view(src, f)
    comp = ov.comparison
    assert comp.shown == ov.selection.window
    assert comp.earlier.months == comp.shown.months and not comp.earlier.overlaps(comp.shown)
    has_arrows = any(k.change is not None for k in ov.figures)
    if comp.earlier.start < FIRST:
        assert not comp.available and not has_arrows
    elif comp.available:
        assert has_arrows


def test_a_one_month_overview_draws_its_legs_by_month_and_says_so(src):
    from netvalue.views.overview import trend_caption

    view = overview_view(src, Filters(date(2016, 3, 1), date(2016, 3, 1)))
    ticks = list(view.trend.layout.xaxis.ticktext)
    assert ticks == ["marts 2016"]
    assert "måned for måned" in trend_caption(view, "da", "x")
    whole = overview_view(src, Filters(date(2013, 9, 1), date(2019, 12, 1)))
    assert "kvartal for kvartal" in trend_caption(whole, "da", "x")
