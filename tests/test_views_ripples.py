"""The ripples page's views without Streamlit: exact facts on a tiny hand-made source, a one-month window, no
types, a small unit, and the same units reached as the overview on the sample."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from netvalue.filters import Filters
from netvalue.views.overview import overview_view
from netvalue.views.registry import REGISTRY
from netvalue.views.ripples import ALL, budding_view, rings_view, ripples_view, tree_view
from tests.views_frames import tiny

MAY = Filters(start=date(2020, 5, 1), end=date(2020, 5, 1))


def test_the_views_are_registered():
    assert REGISTRY["ripples"] is ripples_view and REGISTRY["ripples_rings"] is rings_view
    assert REGISTRY["ripples_budding"] is budding_view and REGISTRY["ripples_tree"] is tree_view


def test_facts_of_the_whole_window_are_exact():
    v = ripples_view(tiny(), Filters())
    assert v.empty_reason is None
    assert v.metrics == (("Valgte netværk", "2"), ("Netværk i gang de første 6 måneder", "2"),
                         ("Nåede enheder", "2 / 3"), ("Enheder, der aldrig er nået", "33\u00a0%"))
    assert (v.units_reached, v.units_total) == (2, 3)  # U1 and U2 of U1-U3; the outside partner never counts
    assert v.fact_lines == (
        "**2** netværk var i gang i de første 6 måneder (januar 2020 – juni 2020).",
        "**2** af 3 enheder har deltaget i et netværk i perioden; **33\u00a0%** af enhederne er aldrig blevet nået.",
        "Flest netværk i én enhed: **Enhed 2** med 2 netværk (i dybden).",
        "I de seneste 6 måneder (januar 2020 – juni 2020) voksede **Ring 0 · hjemmeenheden** mest: +2. "
        "Nye deltagende enheder pr. ring: 0: 2, 1: 1, 2: 0, 3: 0, 4: 1.",
    )
    assert v.names == {"N1": "Første", "N2": "Knoppen"}


def test_a_one_month_window_reads_as_one_month():
    v = ripples_view(tiny(), MAY)
    assert v.ids == ("N1",)  # N2 ended in April
    assert v.metrics[1] == ("Netværk i gang den første måned", "1")
    assert v.fact_lines[0] == "**1** netværk var i gang i den første måned (maj 2020)."
    assert v.fact_lines[-1] == "I maj 2020 er ingen nye enheder begyndt at deltage."
    assert "tolv" not in " ".join(v.fact_lines) and "2020-05 – 2020-05" not in " ".join(v.fact_lines)
    # one month: the spread lines show as points, the axes name the month
    spread = v.spread
    assert all("markers" in tr.mode for tr in spread.data)
    assert all(len(tr.x) == 1 for tr in spread.data)
    assert spread.layout.xaxis.ticktext == ("maj 2020",)
    assert spread.layout.xaxis3.ticktext == ("maj 2020",)
    assert v.heatmap.layout.xaxis.ticktext == ("maj 2020",)
    lo, hi = (pd.Timestamp(x) for x in spread.layout.xaxis.range)
    assert lo < pd.Timestamp("2020-05-01") < hi and (hi - lo).days == 30
    assert [s.label for s in rings_view(tiny(), MAY).figure.layout.sliders[0].steps] == ["maj 2020"]


def test_one_month_in_english():
    v = ripples_view(tiny(), Filters(start=date(2020, 5, 1), end=date(2020, 5, 1), lang="en"))
    assert v.fact_lines[0] == "**1** network was running in the first month (May 2020)."
    assert v.metrics[3] == ("Units never reached", "33%")
    assert v.fact_lines[-1] == "In May 2020 no new units joined."


def test_no_types_is_said_not_shown_as_everything():
    for fn in (ripples_view, rings_view, budding_view):
        v = fn(tiny(), Filters(types=()))
        assert getattr(v, "figure", None) is None
    v = ripples_view(tiny(), Filters(types=()))
    assert v.empty_reason == "no_types" and v.metrics == () and v.spread is None
    assert tree_view(tiny(), Filters(types=())) is None


def test_a_small_unit_counts_only_itself():
    v = ripples_view(tiny(), Filters(unit_id="U2"))
    assert v.metrics[2] == ("Nåede enheder", "1 / 1")
    assert v.fact_lines[-1].endswith("Nye deltagende enheder pr. ring: 0: 1, 1: 1, 2: 0, 3: 0, 4: 0.")


def test_rings_and_budding_of_one_network():
    r = rings_view(tiny(), Filters(), "N2", "month")
    assert r.network == "N2" and r.title == "N2 Knoppen"
    assert [f.name for f in r.figure.frames] == ["marts 2020", "april 2020"]  # its lifetime
    assert rings_view(tiny(), Filters(), "N9", "decade").network == ALL  # unknown choices fall back
    b = budding_view(tiny(), Filters(), "N2")
    assert b.empty_text is None and "N1" in " ".join(b.figure.layout.yaxis.ticktext)
    assert budding_view(tiny(), MAY, "N2").network == ALL  # not in May's selection


@pytest.fixture
def sample(sample_source):
    """The sample as a Source, shared by the session (views only read)."""
    return sample_source


@pytest.mark.parametrize("f", [
    Filters(unit_id="U-DEMENS"),  # the example: 10 vs 1 vs 1 before
    Filters(start=date(2016, 5, 1), end=date(2016, 5, 1)),
    Filters(start=date(2018, 1, 1), end=date(2019, 12, 1), types=("learning",), unit_id="A-BSV"),
])
def test_units_reached_equal_the_overviews(sample, f):
    assert ripples_view(sample, f).units_reached == overview_view(sample, f).figure("units").value


@pytest.mark.parametrize("f", [Filters(), MAY, Filters(unit_id="C")])
def test_the_treemap_counts_what_the_monthly_links_count(f):
    """tree_view takes the pairs taking part in the window straight from participation: the same pairs as the
    monthly links (one rule for 'taking part in a month'), without a row per month."""
    from netvalue import spread
    from netvalue.orgtree import org_tree
    from netvalue.views.ripples import _links
    from netvalue.views.selection import select

    src = tiny()
    sel = select(src, f)
    tree = org_tree(src.table("org_units"))
    want = spread.tree_activity(tree, _links(src, sel, tree, "month"), sel.scores, f.unit_id)
    trace = tree_view(src, f).data[0]
    assert list(trace.ids) == list(want["unit_id"])
    assert list(trace.marker.colors) == list(want["networks"])
