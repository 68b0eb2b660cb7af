"""Time axes that read right for any window: style.period_label and style.month_axis, and the charts that use
them (the overview's trend, the ripples page's spread and heatmap, the depth page's path)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from netvalue.charts import overview as ov
from netvalue.charts.style import MAX_TIME_TICKS, month_axis, period_label

T = pd.Timestamp


def test_period_labels_name_months_quarters_and_years():
    assert period_label(T("2016-05-01")) == "maj 2016"
    assert period_label(T("2016-05-01"), "month", "en") == "May 2016"
    assert period_label(T("2016-04-01"), "quarter", "da") == "2016 K2"
    assert period_label(T("2016-04-01"), "quarter", "en") == "2016 Q2"
    assert period_label(T("2016-01-01"), "year") == "2016"


def test_one_month_is_a_point_in_the_middle_of_a_named_axis():
    fig = month_axis(go.Figure(go.Scatter(x=[T("2016-03-01")], y=[1])), [T("2016-03-01")], "da")
    ax = fig.layout.xaxis
    assert ax.tickmode == "array" and ax.ticktext == ("marts 2016",)
    assert [T(v) for v in ax.tickvals] == [T("2016-03-01")]
    lo, hi = (T(x) for x in ax.range)
    assert (T("2016-03-01") - lo).days == 15 and (hi - T("2016-03-01")).days == 15


def test_a_long_window_gets_few_evenly_spaced_month_names():
    months = list(pd.date_range("2013-09-01", "2019-12-01", freq="MS"))
    ax = month_axis(go.Figure(), months, "en").layout.xaxis
    assert 2 <= len(ax.ticktext) <= MAX_TIME_TICKS
    assert ax.ticktext[0] == "September 2013" and ax.ticktext[1] == "September 2014"  # a tick a year


def test_a_subplot_axis_can_be_named_alone():
    fig = go.Figure().set_subplots(rows=2, cols=1)
    month_axis(fig, [T("2020-01-01"), T("2020-02-01")], "da", row=2, col=1)
    assert fig.layout.xaxis2.ticktext == ("januar 2020", "februar 2020") and fig.layout.xaxis.ticktext is None


def test_the_overview_trend_names_its_quarters_even_for_one():
    trend = pd.DataFrame({"period": [T("2016-04-01")], "citizen": [50.0], "economy": [40.0], "staff": [60.0],
                          "overall": [50.0]})
    fig = ov.perspective_trend(trend, "da")
    assert fig.layout.xaxis.ticktext == ("2016 K2",)
    assert all("markers" in tr.mode for tr in fig.data)
    assert "23:59" not in str(fig.layout.xaxis.ticktext)


def test_the_budding_chart_names_months_in_the_language():
    from netvalue import spread
    from netvalue.charts import ripples as rc

    networks = pd.DataFrame({
        "network_id": ["N1", "N2"], "name": ["a", "b"], "type": ["welfare", "welfare"],
        "started_on": [T("2015-01-01"), T("2016-03-01")], "ended_on": [pd.NaT, pd.NaT],
        "parent_network_id": [None, "N1"]})
    fig = rc.budding_chart(spread.lineage(spread.budding(networks)), "da", T("2017-12-31"))
    assert fig.layout.xaxis.ticktext[0] == "januar 2015"
    assert all(" 20" in x for x in fig.layout.xaxis.ticktext)
