"""Text alternatives of the chart types the pages draw: tiny figures in, exact tables and sentences out
(netvalue.charts.alt_text), and the alternative made once per figure (netvalue.views.alternatives)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from netvalue.charts import alt_text
from netvalue.views import alternatives


def test_a_treemap_reads_as_boxes_with_the_box_they_sit_in_and_their_hover_text():
    fig = go.Figure(go.Treemap(ids=["M", "A", "U"], labels=["Kommunen", "<b>Område</b>", "Enhed"],
                               parents=["", "M", "A"],
                               customdata=[["3 netværk", "Samlet 50"], ["2 netværk", ""], ["0 netværk", "Ingen"]]))
    out = alt_text.figure_table(fig, "da")
    assert out.to_dict("records") == [
        {"Navn": "Kommunen", "Del af": "", "Oplysninger": "3 netværk · Samlet 50"},
        {"Navn": "Område", "Del af": "Kommunen", "Oplysninger": "2 netværk"},
        {"Navn": "Enhed", "Del af": "Område", "Oplysninger": "0 netværk · Ingen"},
    ]
    assert alt_text.figure_summary(fig.update_layout(title_text="Org"), "en") == (
        "The chart “Org” shows 3 rows of data (one series).")


def _animated() -> go.Figure:
    fig = go.Figure([go.Bar(x=[1, 2], y=["Ring 0", "Ring 1"], orientation="h", hoverinfo="skip"),
                     go.Bar(x=[5, 7], y=["Ring 0", "Ring 1"], orientation="h", name="")])
    fig.frames = [go.Frame(name="jan", data=[go.Bar(x=[1, 1])], traces=[1]),
                  go.Frame(name="feb", data=[go.Bar(x=[3, 4])], traces=[1])]
    steps = [{"label": n, "method": "animate", "args": [[n], {}]} for n in ("jan", "feb")]
    return fig.update_layout(title_text="Ringe", sliders=[{"active": 0, "steps": steps}])


def test_an_animated_chart_is_read_at_the_frame_its_slider_shows():
    fig = _animated()
    assert alt_text.shown_frame(fig) == "jan"
    assert alt_text.figure_table(fig, "da").values.tolist() == [["Ring 0", 1], ["Ring 1", 1]]
    fig.layout.sliders[0].active = 1
    assert alt_text.figure_table(fig, "da").values.tolist() == [["Ring 0", 3], ["Ring 1", 4]]
    assert alt_text.figure_summary(fig, "da") == (
        "Figuren »Ringe« viser 2 rækker data (én serie). Højest: Ring 1 (4). Lavest: Ring 0 (3). "
        "Tallene er for feb, hvor figuren åbner; afspil den for at se udviklingen.")
    assert list(fig.data[1].x) == [5, 7]  # the figure itself is not changed


def test_a_network_graph_reads_as_its_nodes_not_their_positions():
    fig = go.Figure([go.Scatter(x=[0, 1], y=[0, 1], mode="lines", hoverinfo="skip"),
                     go.Scatter(x=[0.1, 0.9], y=[0.3, 0.7], mode="markers", name="Børn",
                                text=["<b>Skole</b><br>3 netværk", "Klub<br>1 netværk"],
                                hovertemplate="%{text}<extra></extra>")])
    fig.update_xaxes(showticklabels=False, title_text="Tæt på hinanden")
    fig.update_yaxes(showticklabels=False)
    out = alt_text.figure_table(fig, "da")
    assert out.to_dict("records") == [{"Serie": "Børn", "Oplysninger": "Skole 3 netværk"},
                                      {"Serie": "Børn", "Oplysninger": "Klub 1 netværk"}]


def test_dots_along_a_category_axis_with_error_bars_give_the_interval():
    fig = go.Figure([go.Scatter(x=[0, 0], y=["Borger", "Samlet"], mode="markers", hoverinfo="skip"),
                     go.Scatter(x=[2.0], y=["Borger"], mode="markers", name="Borger",
                                error_x={"type": "data", "array": [1.5], "arrayminus": [0.5]})])
    fig.update_xaxes(title_text="Forskel")
    out = alt_text.figure_table(fig, "en")
    assert out.to_dict("records") == [{"Name": "Borger", "Forskel": 2.0, "Lower bound": 1.5, "Upper bound": 3.5}]


def test_two_heatmaps_over_the_same_cells_read_as_one_table():
    between = go.Heatmap(z=[[None, 4], [4, None]], x=["A", "B"], y=["A", "B"])
    within = go.Heatmap(z=[[2, None], [None, 9]], x=["A", "B"], y=["A", "B"])
    fig = go.Figure([between, within]).update_yaxes(title_text="Område")
    assert alt_text.figure_table(fig, "da").to_dict("records") == [{"Område": "A", "A": 2.0, "B": 4.0},
                                                                  {"Område": "B", "A": 4.0, "B": 9.0}]


def test_stacked_bars_name_the_series_when_labels_repeat_and_an_unnamed_bar_takes_its_series():
    fig = go.Figure([go.Bar(x=["Borger", "Kommune"], y=[10, 0], name="Målt"),
                     go.Bar(x=["Borger", "Kommune"], y=[73, 5], name="Selvrapporteret")]).update_layout(title_text="E")
    assert alt_text.figure_summary(fig, "da").endswith(
        "Højest: Selvrapporteret, Borger (73). Lavest: Målt, Kommune (0).")
    weights = go.Figure([go.Bar(x=[50.0], y=[""], orientation="h", name="Borger"),
                         go.Bar(x=[50.0], y=[""], orientation="h", name="Kommune")]).update_layout(title_text="V")
    assert alt_text.figure_table(weights, "da").values.tolist() == [["Borger", 50.0], ["Kommune", 50.0]]
    assert alt_text.figure_summary(weights, "da") == "Figuren »V« viser 2 rækker data (Borger, Kommune)."


def test_lines_over_dates_without_an_axis_title_are_periods_and_gaps_are_left_out():
    fig = go.Figure(go.Scatter(x=[*pd.to_datetime(["2019-01-01", "2019-02-01"]), None], y=[1, 2, None],
                               mode="lines", name="Aktive"))
    assert alt_text.figure_table(fig, "en").to_dict("records") == [{"Period": "2019-01", "Aktive": 1.0},
                                                                  {"Period": "2019-02", "Aktive": 2.0}]


def test_shares_of_one_keep_two_decimals_and_minus_zero_is_zero():
    df = pd.DataFrame({"share": [0.0, 0.033, 1.0], "score": [-0.001, 50.0, 100.0]})
    out = alt_text.frame_table(df, "da")
    assert out.values.tolist() == [["0", "0"], ["0,03", "50"], ["1", "100"]]


def test_the_alternative_is_made_once_per_figure_and_language():
    fig = _animated()
    first = alternatives.alternative(fig, "da")
    assert alternatives.alternative(fig, "da") is first
    assert alternatives.alternative(fig, "en") is not first
    assert first.table.values.tolist() == [["Ring 0", "1"], ["Ring 1", "1"]]
    assert go.Figure(fig).to_plotly_json() == fig.to_plotly_json()  # nothing of it is drawn


def test_the_drawn_table_is_escaped_html_in_a_region_the_keyboard_can_reach():
    fig = go.Figure(go.Bar(x=["5 < 6 & 7", "<script>x</script>"], y=[1.5, 2.0], name='Serie "A"'))
    alt = alternatives.make(fig.update_layout(title_text='T "1" <i>'), "da")
    assert alt.table.values.tolist() == [['Serie "A"', "5 < 6 & 7", "1,5"], ['Serie "A"', "x", "2"]]
    assert "<script" not in alt.html and "<i>" not in alt.html
    assert "<td" in alt.html and "5 &lt; 6 &amp; 7</td>" in alt.html and "Serie &quot;A&quot;</td>" in alt.html
    assert alt.html.startswith('<div role="region" tabindex="0" aria-label="T &quot;1&quot;"')
    assert alt.html.count("<tr>") == 3 and alt.html.count('<th scope="col"') == 3
    assert '<td class="nv-r">1,5</td>' in alt.html  # the number column is right-aligned (static/screen.css)
    assert "style=" not in alt.html, "its look is one rule in static/screen.css, not a style per cell"
