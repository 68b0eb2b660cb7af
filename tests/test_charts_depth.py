"""netvalue.charts.depth: every builder checked on fig.data / fig.layout."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from netvalue import depth
from netvalue.charts import depth as charts
from netvalue.charts.style import PERSPECTIVE_COLOURS

T = pd.Timestamp


def _title(fig) -> str:
    return fig.layout.title.text


def _is_empty(fig) -> bool:
    return len(fig.data) == 0 and any("Ingen data" in (a.text or "") or "No data" in (a.text or "")
                                      for a in fig.layout.annotations)


def test_depth_distribution_chart_colours_groups():
    dist = pd.DataFrame({"networks": [0, 1, 2, 3, 4], "entities": [6, 1, 6, 10, 3],
                         "group": ["none", "once", "between", "deep", "deep"]})
    fig = charts.depth_distribution_chart(dist, "unit", 3, "da")
    assert _title(fig) == "Hvor mange netværk har hver af enhederne?"
    assert [tr.name for tr in fig.data] == ["Ingen netværk", "Ét netværk", "Imellem", "Dybt (mindst 3)"]
    deep = fig.data[3]
    assert list(deep.x) == [3, 4] and list(deep.y) == [10, 3]
    assert deep.marker.color == charts.GROUP_COLOURS["deep"]
    assert fig.layout.xaxis.title.text == "Netværk pr. enhed"
    assert _is_empty(charts.depth_distribution_chart(dist.assign(entities=0), "unit", 3))


def test_lorenz_chart_has_the_diagonal_and_the_curve():
    curve = depth.lorenz([3, 0, 1, 0])
    fig = charts.lorenz_chart(curve, depth.gini([3, 0, 1, 0]), "centre", "en")
    assert "Gini 0.62" in _title(fig) or "Gini 0.63" in _title(fig)
    diagonal, actual = fig.data
    assert list(diagonal.x) == [0, 1] and list(diagonal.y) == [0, 1]
    assert list(actual.y) == [0, 0, 0, 0.25, 1.0]
    assert actual.fill == "tonexty"
    assert fig.layout.xaxis.title.text == "Share of centres (least active first)"
    assert _is_empty(charts.lorenz_chart(depth.lorenz([0, 0]), float("nan"), "unit"))


def path_frame(n: int = 3, grain_start: str = "2014-01-01", freq: str = "YS") -> pd.DataFrame:
    periods = pd.date_range(grain_start, periods=n, freq=freq)
    return pd.DataFrame({"period": periods, "n_entities": [10] * n, "reached": [2, 5, 8][:n] + [8] * (n - 3),
                         "breadth": np.linspace(0.2, 0.8, n), "depth_mean": np.linspace(3, 1.5, n)})


def test_path_chart_joins_the_periods_in_the_depth_breadth_plane():
    p = path_frame(3)
    fig = charts.path_chart(p, "unit", "year", "da")
    assert _title(fig) == "Vejen mellem bredde og dybde"
    (trace,) = fig.data
    assert trace.mode == "lines+markers+text"
    assert list(trace.x) == pytest.approx([0.2, 0.5, 0.8])
    assert list(trace.y) == pytest.approx([3.0, 2.25, 1.5])
    assert list(trace.text) == ["2014", "2015", "2016"]
    assert fig.layout.xaxis.ticktext[1] == "20\u00a0%"  # Danish: a no-break space before %
    assert fig.layout.yaxis.title.text == "Dybde: netværk pr. nået enhed"
    assert _is_empty(charts.path_chart(p.assign(reached=0), "unit", "year"))


def test_path_labels_leave_crowded_points_to_hover():
    p = path_frame(6, freq="QS")
    p["breadth"] = [0.1, 0.8, 0.8, 0.8, 0.8, 0.801]
    p["depth_mean"] = [1.0, 3.0, 3.0, 3.0, 3.0, 3.01]
    p["period"] = pd.to_datetime(["2014-01-01", "2014-04-01", "2015-01-01", "2015-04-01", "2016-01-01",
                                  "2016-04-01"])
    labels = [charts.period_label(x, "quarter", "en") for x in p["period"]]
    shown = charts.path_labels(p, labels, "quarter", 1.0, 3.5)
    assert shown[0] == "2014 Q1" and shown[-1] == "2016 Q2"
    assert shown[2] == "" and shown[4] == ""  # first quarters, but on top of the latest point
    assert shown[1] == shown[3] == ""  # not first quarters


def test_path_labels_keep_the_latest_when_all_points_coincide():
    p = path_frame(4, freq="QS")
    p["breadth"], p["depth_mean"] = 0.78, [2.60, 2.61, 2.60, 2.59]
    labels = [charts.period_label(x, "quarter", "en") for x in p["period"]]
    assert charts.path_labels(p, labels, "quarter", 0.9, 3.0) == ["", "", "", "2014 Q4"]


def test_period_labels():
    assert charts.period_label(T("2015-07-01"), "quarter", "da") == "2015 K3"
    assert charts.period_label(T("2015-07-01"), "quarter", "en") == "2015 Q3"
    assert charts.period_label(T("2015-01-01"), "year") == "2015"


def units_frame() -> pd.DataFrame:
    networks = [0, 1, 1, 2, 3, 4]
    data = {"period": [T("2014-01-01")] * 6, "entity_id": list("ABCDEF"), "name": list("ABCDEF"),
            "networks": networks}
    for i, c in enumerate(depth.VALUE_COLUMNS):
        data[c] = [np.nan, 40.0 + i, 44.0, 50.0, 52.0, 60.0]
    return pd.DataFrame(data)


def test_value_depth_chart_has_points_trend_and_band_per_leg():
    units = units_frame()
    _fits, bands = depth.value_depth_fits(units, points=5)
    fig = charts.value_depth_chart(units, bands, "unit", "en")
    assert _title(fig) == "Value against depth with trend line and 95% band"
    assert [a.text for a in fig.layout.annotations][:4] == ["Citizen", "Economy", "Staff", "Overall value"]
    points = [tr for tr in fig.data if tr.mode == "markers"]
    assert len(points) == 4
    assert list(points[0].x) == [1, 1, 2, 3, 4]  # the unreached entity is left out
    assert points[2].marker.color == PERSPECTIVE_COLOURS["staff"]
    fills = [tr for tr in fig.data if tr.fill == "tonexty"]
    assert len(fills) == 4
    fit_lines = [tr for tr in fig.data if tr.mode == "lines" and tr.line.width == 3]
    assert len(fit_lines) == 4 and len(fit_lines[0].x) == 5
    # The band surrounds the line.
    citizen_band = bands[bands["perspective"] == "citizen"]
    assert (citizen_band["lo"] <= citizen_band["fit"]).all() and (citizen_band["fit"] <= citizen_band["hi"]).all()
    assert sum(bool(tr.showlegend) for tr in fig.data) == 3


def test_value_depth_chart_shows_the_year_on_repeated_entities():
    units = pd.concat([units_frame(), units_frame().assign(period=T("2015-01-01"))], ignore_index=True)
    _fits, bands = depth.value_depth_fits(units)
    fig = charts.value_depth_chart(units, bands, "unit", "da")
    points = next(tr for tr in fig.data if tr.mode == "markers")
    assert "B (2014)" in list(points.text) and "B (2015)" in list(points.text)


def test_value_depth_chart_without_values_is_empty():
    units = units_frame()
    for c in depth.VALUE_COLUMNS:
        units[c] = np.nan
    assert _is_empty(charts.value_depth_chart(units, pd.DataFrame(columns=["perspective"]), "unit"))


def comparison() -> pd.DataFrame:
    return pd.DataFrame({
        "perspective": ["citizen", "economy", "staff", "overall"], "k": [3] * 4,
        "n_deep": [12, 12, 2, 12], "n_once": [31, 30, 31, 31], "units_deep": [12, 12, 2, 12],
        "units_once": [31, 30, 31, 31], "diff": [8.0, -4.0, 5.0, 1.0], "lo": [2.0, -9.0, 1.0, -3.0],
        "hi": [14.0, -1.0, 9.0, 5.0], "verdict": ["higher", "lower", "too_few", "cannot_tell"],
    })


def test_compare_chart_draws_intervals_and_says_too_few():
    fig = charts.compare_chart(comparison(), "unit", 3, "en")
    assert _title(fig) == "Difference in value: at least 3 networks minus one network"
    dots = [tr for tr in fig.data if tr.mode == "markers+text"]
    assert [tr.name for tr in dots] == ["Overall value", "Economy", "Citizen"]  # first leg on top
    citizen = dots[-1]
    assert list(citizen.x) == [8.0]
    assert list(citizen.error_x.array) == [6.0] and list(citizen.error_x.arrayminus) == [6.0]
    assert list(citizen.text) == ["n = 12 / 31"]
    too_few = [a.text for a in fig.layout.annotations]
    assert any("too few to tell" in a and "n = 2 / 31" in a for a in too_few)
    assert any(s.x0 == 0 and s.x1 == 0 for s in fig.layout.shapes)
    assert list(fig.layout.yaxis.categoryarray) == ["Overall value", "Staff", "Economy", "Citizen"]
    lo, hi = fig.layout.xaxis.range
    assert lo == -hi and hi >= 14


def test_compare_chart_empty():
    assert _is_empty(charts.compare_chart(comparison().iloc[0:0], "unit", 3))
