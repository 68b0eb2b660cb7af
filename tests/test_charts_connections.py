"""Chart builders of the connections page, tested on fig.data and fig.layout."""

from __future__ import annotations

import numpy as np
import pandas as pd

from netvalue.charts import connections as charts
from netvalue.charts.style import OKABE_ITO


def nodes() -> pd.DataFrame:
    return pd.DataFrame({
        "node_id": ["U1", "U2", "U3", "X1"],
        "label": ["<b>Enhed</b> & co", "Enhed 2", "Enhed 3", "Borgere"],
        "area_id": ["A1", "A1", "A2", "external"],
        "area_name": ["Område <1>", "Område <1>", "Område 2", "external"],
        "external": [False, False, False, True],
        "members": [1, 1, 1, 1],
        "networks": [4, 1, 2, 1],
        "x": [0.0, 1.0, 0.5, -1.0],
        "y": [0.0, 0.0, 1.0, -1.0],
    })


def edges() -> pd.DataFrame:
    return pd.DataFrame({"a": ["U1", "U1", "U2"], "b": ["U2", "U3", "X1"], "networks": [1, 5, 2]})


def test_graph_chart_draws_edges_by_weight_and_nodes_by_area():
    fig = charts.graph_chart(nodes(), edges(), ["A1", "A2", "external"], "da")
    assert fig.layout.title.text == "Forbindelser i perioden (enheder)"
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    lines = [d for d in fig.data if d.mode == "lines"]
    assert [d.name for d in lines] == ["Fælles netværk: 1", "Fælles netværk: 2–3", "Fælles netværk: 4+"]
    assert [d.line.width for d in lines] == sorted(d.line.width for d in lines)
    heavy = lines[2]
    assert list(heavy.x[:2]) == [0.0, 0.5] and np.isnan(heavy.x[2])  # U1 -> U3, then a gap
    markers = [d for d in fig.data if d.mode == "markers"]
    assert [d.name for d in markers] == ["Område &lt;1&gt;", "Område 2", "Eksterne (borgere og partnere)"]
    assert markers[0].marker.color == OKABE_ITO["blue"] and markers[2].marker.color == OKABE_ITO["grey"]
    assert markers[2].marker.symbol == "diamond"
    assert "&lt;b&gt;Enhed&lt;/b&gt; &amp; co" in markers[0].text[0] and "<b>Enhed" not in markers[0].text[0]
    sizes = list(markers[0].marker.size)
    assert sizes[0] > sizes[1]  # four networks against one


def test_graph_chart_without_nodes_says_so():
    fig = charts.graph_chart(nodes().iloc[0:0], edges().iloc[0:0], [], "en")
    assert fig.layout.title.text == "Connections in the period (units)" and fig.layout.annotations


def test_matrix_chart_keeps_the_diagonal_apart():
    m = pd.DataFrame([[3, 2, 1], [2, 0, 4], [1, 4, 0]], index=["A1", "A2", "external"],
                     columns=["A1", "A2", "external"])
    fig = charts.matrix_chart(m, {"A1": "Område <1>", "A2": "Område 2", "external": "Eksterne"}, "en")
    assert fig.layout.title.text == "Connections between director areas"
    assert fig.layout.xaxis.title.text == fig.layout.yaxis.title.text == "Director area"
    between, within = fig.data
    assert np.isnan(between.z[0][0]) and between.z[0][1] == 2 and between.z[1][2] == 4
    assert within.z[0][0] == 3 and np.isnan(within.z[0][1])
    assert list(between.x) == ["Område &lt;1&gt;", "Område 2", "Eksterne"]
    assert within.showscale is False
    assert between.text[0][1] == "2" and between.text[0][0] == "" and within.text[0][0] == "(3)"
    assert within.text[0][1] == ""  # no text of the grey trace over a coloured cell


def test_path_chart_counts_on_top_and_shares_below():
    years = pd.DataFrame({"year": [2014, 2015], "connected_units": [2, 3], "connections": [4, 0],
                          "cross_area": [1, 0], "external": [2, 0], "new": [4, 0], "cross_share": [0.5, np.nan]})
    fig = charts.path_chart(years, "da")
    assert fig.layout.title.text == "Forbindelser år for år"
    names = [d.name for d in fig.data]
    assert names == ["Nye forbindelser", "Forbindelser", "Andel på tværs af direktørområder", "Andel ud af kommunen"]
    cross, ext = list(fig.data[2].y), list(fig.data[3].y)
    assert cross[0] == 50.0 and np.isnan(cross[1])
    assert ext[0] == 50.0  # 2 of 4 connections leave the municipality
    assert fig.layout.yaxis.title.text == "Antal forbindelser" and fig.layout.yaxis2.title.text == "Andel (%)"
    assert fig.layout.xaxis2.title.text == "År"
