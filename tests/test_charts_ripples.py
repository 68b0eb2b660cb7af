"""Chart builders of the ripples page, tested on fig.data / fig.layout / fig.frames."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from netvalue import spread as sp
from netvalue.charts import ripples as ch
from netvalue.charts.style import RING_COLOURS, TYPE_COLOURS
from tests.test_spread import ORG, nets, part


@pytest.fixture(scope="module")
def tree() -> pd.DataFrame:
    return sp.org_tree(ORG)


def ring_frame(n_periods: int = 3) -> pd.DataFrame:
    per = sp.periods(date(2020, 1, 1), date(2020, n_periods, 1))
    rows = []
    for i, p in enumerate(per):
        for r in sp.RINGS:
            units = i if r == 1 else int(r == 0)
            rows.append((p, r, units, 2 * units, 4, units / 4, units))
    return pd.DataFrame(rows, columns=["period", "ring", "units", "people", "places", "share", "reached"])


def test_ripple_chart_has_a_frame_per_period_a_play_button_and_a_slider():
    fig = ch.ripple_chart(ring_frame(3), "da", "month", "N01 Tidlig opsporing")
    assert "N01 Tidlig opsporing" in fig.layout.title.text
    assert [f.name for f in fig.frames] == ["januar 2020", "februar 2020", "marts 2020"]
    assert all(len(f.data) == len(sp.RINGS) + 1 for f in fig.frames)
    assert all(list(f.traces) == list(range(1, len(sp.RINGS) + 2)) for f in fig.frames)
    buttons = fig.layout.updatemenus[0].buttons
    assert buttons[0].method == "animate" and buttons[0].args[0] is None  # play all frames
    assert "Afspil" in buttons[0].label and "Pause" in buttons[1].label
    slider = fig.layout.sliders[0]
    assert [s.label for s in slider.steps] == ["januar 2020", "februar 2020", "marts 2020"]
    assert slider.active == 2  # opens on the last period
    assert slider.currentvalue.prefix.startswith("Måned")


def test_ripple_chart_rings_are_concentric_arcs_sized_by_share():
    fig = ch.ripple_chart(ring_frame(3), "en", "month", "x")
    background = fig.data[0]
    assert list(background.base) == list(sp.RINGS) and list(background.width) == [360] * 5
    arcs = fig.data[1:6]
    assert [a.base[0] for a in arcs] == list(sp.RINGS)
    assert [a.marker.color for a in arcs] == RING_COLOURS
    # last period: ring 1 has 2 of 4 places, ring 0 all of its 1 place
    assert arcs[1].width[0] == pytest.approx(180.0) and arcs[1].theta[0] == pytest.approx(90.0)
    assert arcs[0].width[0] == pytest.approx(90.0)  # share 1/4 in ring_frame's made-up places
    first = fig.frames[0].data
    assert first[1].width[0] == pytest.approx(0.0)
    bars = fig.data[6]
    assert list(bars.x) == [1, 2, 0, 0, 0]
    assert bars.text[1] == "2 · 4 people"
    assert bars.y[0] == "Ring 0 · the home unit"
    assert fig.layout.polar.angularaxis.direction == "clockwise"


def test_ripple_chart_size_depends_on_periods_and_rings_not_rows(tree):
    n = nets([("N1", "a", "welfare", "U1", "2020-01-01", None, None)])
    few = part([("N1", "U2", "2020-01-01", None, 1)])
    many = part([("N1", u, f"2020-01-{d:02d}", None, 1) for u in ("U1", "U2", "U3", "U4", "X1") for d in range(1, 29)])
    start, end = date(2020, 1, 1), date(2020, 6, 1)

    def build(p: pd.DataFrame):
        links = sp.rings(sp.active_links(p, start, end), n, tree)
        rs = sp.ring_spread(links, sp.ring_places(n, tree), sp.active_networks(n, start, end), sp.periods(start, end))
        return ch.ripple_chart(rs, "da", "month", "N1")

    a, b = build(few), build(many)
    assert len(a.frames) == len(b.frames) == 6
    assert len(a.data) == len(b.data)
    assert sum(len(t.x) for t in b.data if t.type == "bar") == len(sp.RINGS)


def test_ripple_chart_by_quarter_and_empty():
    rs = ring_frame(6)
    q = rs.assign(period=rs["period"].dt.to_period("Q").dt.start_time).groupby(["period", "ring"], as_index=False).max()
    fig = ch.ripple_chart(q, "da", "quarter", "x")
    assert [f.name for f in fig.frames] == ["2020 K1", "2020 K2"]
    empty = ch.ripple_chart(rs.iloc[0:0], "da")
    assert not empty.frames and empty.layout.title.text.startswith("Ringe i vandet")
    assert empty.layout.annotations[0].text


def test_spread_chart_three_panels_a_line_per_type_and_all(tree):
    so = pd.DataFrame({
        "period": pd.to_datetime(["2020-01-01", "2020-02-01"] * 3),
        "type": ["welfare", "welfare", "learning", "learning", "all", "all"],
        "networks": [1, 1, 0, 1, 1, 2], "units": [1, 1, 0, 2, 1, 2], "people": [23, 23, 0, 3, 23, 26],
    })
    fig = ch.spread_chart(so, "da")
    assert len(fig.data) == 9  # 3 panels x (welfare, learning, all)
    assert [a.text for a in fig.layout.annotations] == ["Aktive netværk", "Nåede enheder", "Deltagere"]
    welfare = [t for t in fig.data if t.legendgroup == "welfare"]
    assert all(t.line.color == TYPE_COLOURS["welfare"] for t in welfare)
    assert [t.showlegend for t in welfare] == [True, False, False]
    all_people = [t for t in fig.data if t.legendgroup == "all"][2]
    assert list(all_people.y) == [23, 26] and all_people.line.dash == "dot"
    assert fig.layout.title.text
    assert ch.spread_chart(so.iloc[0:0]).layout.annotations[0].text


def test_spread_chart_of_one_month_has_markers_one_can_see():
    so = pd.DataFrame({"period": pd.to_datetime(["2020-01-01"] * 2), "type": ["welfare", "all"],
                       "networks": [1, 1], "units": [1, 1], "people": [5, 5]})
    assert min(tr.marker.size for tr in ch.spread_chart(so, "da").data) >= 8
    longer = so.assign(period=pd.to_datetime(["2020-01-01", "2020-02-01"])).pipe(
        lambda d: pd.concat([d, d.assign(period=d["period"] + pd.DateOffset(months=2))]))
    longer = pd.concat([longer, longer.assign(period=longer["period"] + pd.DateOffset(months=4))])
    assert max(tr.marker.size for tr in ch.spread_chart(longer, "da").data) <= 4, "a long line needs no big dots"


def test_events_chart_bars_up_for_started_down_for_ended_and_a_cumulative_line():
    ev = pd.DataFrame({"period": pd.to_datetime(["2020-01-01", "2020-04-01"]), "started": [3, 1], "budded": [1, 0],
                       "ended": [0, 2], "cumulative": [5, 6]})
    fig = ch.events_chart(ev, "en")
    new, budded, ended, cum = fig.data
    assert list(new.y) == [2, 1] and list(budded.y) == [1, 0] and list(ended.y) == [0, -2]
    assert list(ended.customdata) == [0, 2]  # the hover shows how many ended, not a negative number
    assert list(new.x) == ["2020 Q1", "2020 Q2"]
    assert cum.yaxis == "y2" and list(cum.y) == [5, 6]
    assert fig.layout.barmode == "relative"
    assert fig.layout.title.text == "Networks started and ended per quarter"


def test_activity_heatmap_rows_in_tree_order_with_areas_and_centres_bold(tree):
    p = part([("N1", "U1", "2020-01-01", None, 3), ("N2", "U1", "2020-02-01", None, 1),
              ("N1", "C2", "2020-01-01", None, 1)])
    start, end = date(2020, 1, 1), date(2020, 2, 1)
    ua = sp.unit_activity(sp.active_links(p, start, end), tree, sp.periods(start, end))
    fig = ch.activity_heatmap(ua, "da")
    hm = fig.data[0]
    assert hm.type == "heatmap"
    assert np.asarray(hm.z).shape == (10, 2)
    assert list(hm.y[:3]) == ["<b>\u2003Område 1</b>", "<b>\u2003\u2003Center 1</b>", "\u2003\u2003\u2003Enhed 1"]
    assert np.asarray(hm.z)[2].tolist() == [1, 2]
    assert hm.zmin == 0 and hm.zmax == 2
    assert hm.colorscale[0][1] != hm.colorscale[-1][1]
    assert hm.hovertemplate == "%{y}<br>%{x|%Y-%m}: %{z:.0f} netværk<extra></extra>"
    assert hm.text is None, "no per-cell text: the figure must not grow with units x months"
    assert fig.layout.yaxis.autorange == "reversed"
    assert fig.layout.title.text == "Aktive netværk pr. enhed pr. måned"


def test_activity_heatmap_keeps_rows_with_the_same_name_apart():
    ua = pd.DataFrame({"unit_id": ["U1", "U2"], "label": ["Skole", "Skole"], "level": ["unit", "unit"],
                       "period": pd.to_datetime(["2020-01-01"] * 2), "networks": [1, 0]})
    assert list(ch.activity_heatmap(ua).data[0].y) == ["Skole (U1)", "Skole (U2)"]


def test_org_treemap_by_activity_and_by_value(tree):
    pairs = pd.DataFrame({"network_id": ["N1", "N3"], "unit_id": ["U1", "U4"]})
    scores = pd.DataFrame({"network_id": ["N1", "N3"], "overall": [60.0, np.nan]})
    ta = sp.tree_activity(tree, pairs, scores)
    fig = ch.org_treemap(ta, "da", "networks")
    tm = fig.data[0]
    assert tm.type == "treemap"
    assert list(tm.ids) == list(ta["unit_id"])
    assert tm.parents[0] == "" and list(tm.parents[1:3]) == ["K", "A1"]
    assert list(tm.marker.colors) == list(ta["networks"])
    assert tm.marker.cmax == 1  # the busiest working unit
    by_value = ch.org_treemap(ta, "en", "value").data[0]
    colours = dict(zip(ta["unit_id"], by_value.marker.colors, strict=True))
    assert colours["U1"] == pytest.approx(60.0) and colours["U4"] == -1  # -1: no value measured (grey)
    assert by_value.marker.colorscale[0][1] == by_value.marker.colorscale[1][1]  # the grey step
    assert "no value measured" in by_value.customdata[7][1]  # U4
    assert fig.layout.title.text


def test_budding_chart_lines_connectors_and_values():
    b = sp.budding(nets([
        ("N1", "Rod", "welfare", "U1", "2014-01-01", "2015-06-30", None),
        ("N2", "Knop", "learning", "U1", "2015-07-01", None, "N1"),
        ("N3", "Knop 2", "welfare", "U1", "2015-09-01", "2016-12-31", "N1"),
    ]))
    lin = sp.lineage(b, scores=pd.DataFrame({"network_id": ["N1", "N2"], "overall": [42.0, 55.0]}))
    fig = ch.budding_chart(lin, "da", pd.Timestamp("2017-12-31"))
    connectors = fig.data[0]
    assert connectors.line.dash == "dot"
    assert list(connectors.y) == [0, 1, None, 0, 2, None]  # from the parent's row down to each bud
    welfare = next(t for t in fig.data if t.name == "Velfærdsnetværk")
    assert list(welfare.y) == [0, 0, None, 2, 2, None]
    learning = next(t for t in fig.data if t.name == "Læringsnetværk")
    assert learning.x[1] == pd.Timestamp("2017-12-31")  # a running network's line goes to the end
    values = fig.data[-1]
    assert [v.strip() for v in values.text] == ["42", "55"]
    assert list(fig.layout.yaxis.ticktext) == ["N1 Rod", "↳ N2 Knop", "↳ N3 Knop 2"]
    assert ch.budding_chart(lin.iloc[0:0]).layout.annotations[0].text
