"""netvalue.safetext: user text escaped for Markdown and for Plotly, and every chart builder that draws user
text (names, ids, units) draws it escaped: fig.to_json() holds no raw tag or Markdown link from the data."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from netvalue import explain, safetext
from netvalue import spread as sp
from netvalue.charts import depth as dch
from netvalue.charts import method as mch
from netvalue.charts import networks as nch
from netvalue.charts import overview as och
from netvalue.charts import ripples as rch
from tests.test_spread import nets

LINK = '<a href="https://evil.invalid/x">klik</a>'
HOSTILE = f'{LINK} <b>fed</b> <script>alert(1)</script> ![t](https://evil.invalid/p.png) $x^2$ & `kode`'
RAW_MARKUP = ("<a ", "<b>fed", "<script", "$x^2$")  # what Plotly would render as markup from the data


def no_raw_markup(fig) -> str:
    """The figure's JSON (as the browser gets it) holds the hostile text only escaped; returns the JSON."""
    text = json.dumps(json.loads(fig.to_json()), ensure_ascii=False)
    for raw in RAW_MARKUP:
        assert raw not in text, f"{raw!r} reaches the figure unescaped"
    assert "&lt;a href=" in text, "the hostile text is shown (escaped), not dropped"
    return text


# -- the helpers ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("raw", "escaped"), [
    ("![t](http://x/p.png)", "\\!\\[t\\]\\(http\\:\u2060//x/p\\.png\\)"),
    ("[x](javascript:alert(1))", "\\[x\\]\\(javascript\\:\u2060alert\\(1\\)\\)"),
    ("<b>fed</b>", r"\<b\>fed\</b\>"),
    ("`kode`", r"\`kode\`"),
    ("$x$", r"\$x\$"),
    (":red[rød] :material/home:", "\\:\u2060red\\[rød\\] \\:\u2060material/home\\:\u2060"),
    ("# Overskrift\n===", "\\# Overskrift\n\\=\\=\\="),
    ("www.evil.invalid a@b.dk", "www\u2060\\.evil\\.invalid a\\@\u2060b\\.dk"),  # no bare links
    ("&lt;", r"\&lt;"),
    ("Fru Hansen, 3 år", "Fru Hansen, 3 år"),
    (None, ""),
    (float("nan"), ""),
])
def test_md_escapes_every_markdown_character(raw, escaped):
    assert safetext.md(raw) == escaped


def test_escape_markdown_is_the_same_helper():
    assert explain.escape_markdown(HOSTILE) == safetext.md(HOSTILE)


@pytest.mark.parametrize(("raw", "escaped"), [
    (LINK, '&lt;a href="https://evil.invalid/x"&gt;klik&lt;/a&gt;'),
    ("<b>A & B</b>", "&lt;b&gt;A &amp; B&lt;/b&gt;"),
    ("&lt;", "&amp;lt;"),
    ("$x$", "&#36;x&#36;"),
    ("Børn og Unge", "Børn og Unge"),
    (None, ""),
])
def test_plot_escapes_what_plotly_reads_as_markup(raw, escaped):
    assert safetext.plot(raw) == escaped


def test_plot_clip_clips_before_escaping():
    assert safetext.plot_clip("<b>" * 10, 5) == "&lt;b&gt;&lt;…"
    assert safetext.plot_clip("kort", 5) == "kort"


def test_plot_frame_escapes_text_cells_only_and_leaves_the_input_alone():
    df = pd.DataFrame({"name": pd.Series(["<b>", "x"], dtype="str"), "obj": ["a&b", 3],
                       "cat": pd.Categorical(["<i>", "y"]), "n": [1.5, np.nan],
                       "when": pd.to_datetime(["2020-01-01", None])})
    out = safetext.plot_frame(df)
    assert out["name"].tolist() == ["&lt;b&gt;", "x"] and out["name"].dtype == df["name"].dtype
    assert out["obj"].tolist() == ["a&amp;b", 3]
    assert out["cat"].tolist() == ["&lt;i&gt;", "y"]
    pd.testing.assert_series_equal(out["n"], df["n"])
    pd.testing.assert_series_equal(out["when"], df["when"])
    assert df["name"].tolist() == ["<b>", "x"], "the input is not mutated"
    assert safetext.plot_frame(pd.Series({"name": "<b>", "worst": 1.0})).to_dict() == {"name": "&lt;b&gt;",
                                                                                        "worst": 1.0}


# -- every chart builder that draws user text ------------------------------------------------------------------------
def test_overview_ternary_and_strongest_weakest():
    points = pd.DataFrame({"network_id": ["N1"], "name": [HOSTILE], "type": ["welfare"], "citizen": [50.0],
                           "economy": [40.0], "staff": [60.0], "people": [3]})
    no_raw_markup(och.legs_ternary(points))
    bars = pd.DataFrame({"network_id": ["N1", "N2"], "name": [HOSTILE, "Rolig"], "type": ["welfare", "learning"],
                         "overall": [70.0, 20.0], "share_self_reported": [0.5, np.nan]})
    fig = och.strongest_weakest(bars.head(1), bars.tail(1))
    no_raw_markup(fig)
    assert safetext.plot(HOSTILE) in fig.data[0].y


def test_network_page_charts():
    breakdown = pd.DataFrame({"indicator_id": ["i1"], "name": [HOSTILE], "perspective": ["citizen"],
                              "unit": ["<b>kr</b>"], "score": [50.0], "share_self_reported": [1.0],
                              "value": [3.0], "n": [2]})
    fig = nch.indicator_bars(breakdown)
    no_raw_markup(fig)
    assert "<b>kr" not in fig.to_json()
    indicator = pd.Series({"indicator_id": "i1", "name": HOSTILE, "unit": LINK, "worst": 0.0, "best": 10.0,
                           "perspective": "citizen"})
    measured = pd.DataFrame({"indicator_id": ["i1"], "period": pd.to_datetime(["2020-01-01"]), "value": [3.0],
                             "evidence": ["measured"]})
    fig = nch.indicator_history(measured, indicator)
    no_raw_markup(fig)
    assert len(fig.data) == 4, "the measurements are still found (ids are not escaped apart)"


def test_method_page_charts():
    indicator = pd.Series({"indicator_id": "i1", "name": HOSTILE, "unit": LINK, "worst": 0.0, "best": 10.0,
                           "perspective": "citizen"})
    no_raw_markup(mch.score_curve(indicator))
    ranges = pd.DataFrame({"network_id": ["N1"], "name": [HOSTILE], "type": ["welfare"], "rank": [1], "best": [1],
                           "worst": [2]})
    no_raw_markup(mch.rank_ranges(ranges))


def test_ripples_page_charts():
    ring = pd.DataFrame({"period": pd.to_datetime(["2020-01-01"] * 5), "ring": list(sp.RINGS), "units": [1] * 5,
                         "people": [1] * 5, "places": [2] * 5, "share": [0.5] * 5, "reached": [1] * 5})
    no_raw_markup(rch.ripple_chart(ring, name=HOSTILE))
    activity = pd.DataFrame({"unit_id": ["U<1>", "U2"], "label": [HOSTILE, HOSTILE], "level": ["area", "unit"],
                             "period": pd.to_datetime(["2020-01-01"] * 2), "networks": [1, 0]})
    fig = rch.activity_heatmap(activity)
    no_raw_markup(fig)
    assert list(fig.data[0].y) == [f"<b>{safetext.plot(HOSTILE)}</b>", safetext.plot(HOSTILE)], "our bold stays"
    tree = pd.DataFrame({"unit_id": ["K", "U<1>"], "name": ["Kommune", HOSTILE], "parent_id": [None, "K"],
                         "level": ["municipality", "unit"], "networks": [1, 1], "value": [np.nan, 50.0]})
    fig = rch.org_treemap(tree)
    no_raw_markup(fig)
    assert list(fig.data[0].parents) == ["", "K"] and list(fig.data[0].ids) == ["K", "U&lt;1&gt;"]
    b = sp.budding(nets([("N1", HOSTILE, "welfare", "U1", "2014-01-01", "2015-06-30", None),
                         ("N2", "Knop", "learning", "U1", "2015-07-01", None, "N1")]))
    lin = sp.lineage(b, scores=pd.DataFrame({"network_id": ["N1", "N2"], "overall": [42.0, 55.0]}))
    fig = rch.budding_chart(lin, "da", pd.Timestamp("2017-12-31"))
    no_raw_markup(fig)
    assert list(fig.data[0].y) == [0, 1, None], "the bud still hangs under its parent"


def test_depth_page_value_chart():
    units = pd.DataFrame({"unit_id": ["U1", "U2", "U3"],
                          "entity_id": ["U1", "U2", "U3"], "name": [HOSTILE, "B", "C"], "networks": [1, 2, 3],
                          "citizen": [50.0, 60.0, 70.0], "economy": [np.nan] * 3, "staff": [np.nan] * 3,
                          "overall": [50.0, 60.0, 70.0]})
    no_raw_markup(dch.value_depth_chart(units, pd.DataFrame(), "unit"))


# Builders whose figures hold no user text: only numbers, dates, codes and our own words.
NO_USER_TEXT = {"compare_chart", "depth_distribution_chart", "lorenz_chart", "path_chart", "overlap_ternary",
                "weights_bar", "evidence_bar", "network_timeline", "perspective_trend", "spread_chart",
                "events_chart", "apply_style", "empty_figure", "room_for_legend", "period_axis", "month_axis"}
TESTED = {"legs_ternary", "strongest_weakest", "indicator_bars", "indicator_history", "score_curve", "rank_ranges",
          "ripple_chart", "activity_heatmap", "org_treemap", "budding_chart", "value_depth_chart"}


def test_every_chart_builder_is_either_tested_with_hostile_text_or_draws_none():
    """A new builder must join one of the two lists above, so nobody adds a chart that draws names unescaped."""
    import inspect

    from netvalue.charts import depth, method, networks, overview, ripples, style

    builders = {n for m in (depth, method, networks, overview, ripples, style)
                for n, f in inspect.getmembers(m, inspect.isfunction)
                if f.__module__ == m.__name__ and inspect.signature(f).return_annotation in ("go.Figure", "Figure")}
    assert builders == NO_USER_TEXT | TESTED
