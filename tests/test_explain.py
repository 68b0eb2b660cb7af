"""Why a network scores as it does: the table, the breakdown, the measurements, units and budding.

Hand-worked from the tiny set (tests/support.py): N1's sat 4 and 5 (mean 4.5 -> 87.5; 4 -> 75, 5 -> 100), sick 10
(-> 50, lower is better), saved 50 000 DKK (-> 50), cost 20 000 DKK (input, no score); N2's sat 3 (-> 50).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from netvalue import explain, scoring


def test_network_table_for_the_tiny_set(tiny_loaded, tiny_tables):
    stats = tiny_loaded.indicator_stats("all")
    before = {k: v.copy() for k, v in tiny_tables.items()}
    out = explain.network_table(
        tiny_tables["networks"],
        stats,
        tiny_tables["indicators"],
        tiny_tables["participation"],
        tiny_tables["org_units"],
        None,
        None,
        None,
    )
    for k, v in tiny_tables.items():
        pd.testing.assert_frame_equal(v, before[k])
    assert list(out.columns) == explain.TABLE_COLUMNS
    n1, n2 = out.iloc[0], out.iloc[1]
    assert (n1["network_id"], n2["network_id"]) == ("N1", "N2")
    assert n1[["citizen", "economy", "staff", "overall", "balance"]].tolist() == pytest.approx(
        [87.5, 50.0, 50.0, 62.5, 0.625]
    )
    # Four value measurements (cost is an input): two self-reported, one measured, one evaluated externally.
    assert n1["n"] == 4
    assert n1[["share_self_reported", "share_measured", "share_evaluated"]].tolist() == pytest.approx([0.5, 0.25, 0.25])
    assert (n1["people"], n1["units"], n1["partners"], n1["net_dkk"], n1["active"]) == (4, 1, 1, 30000.0, True)
    assert n2[["citizen", "overall"]].tolist() == pytest.approx([50.0, 50.0])
    assert np.isnan(n2["economy"]) and np.isnan(n2["balance"]) and np.isnan(n2["net_dkk"])
    assert (n2["n"], n2["share_self_reported"], n2["people"], n2["partners"]) == (1, 1.0, 3, 0)


def test_a_network_without_measurements_still_has_a_row(tiny_loaded, tiny_tables):
    stats = tiny_loaded.indicator_stats("all", date(2020, 1, 1), date(2020, 12, 31))
    out = explain.network_table(
        tiny_tables["networks"],
        stats,
        tiny_tables["indicators"],
        tiny_tables["participation"],
        tiny_tables["org_units"],
        None,
        date(2020, 1, 1),
        date(2020, 12, 1),
    )
    assert out["network_id"].tolist() == ["N1", "N2"]
    assert out["n"].tolist() == [0, 0]
    assert out["overall"].isna().all()


def test_search_needs_every_word_somewhere_in_the_row(tiny_tables):
    nets = tiny_tables["networks"]
    assert explain.search(nets, "tidlig")["network_id"].tolist() == ["N1"]
    assert explain.search(nets, "Netværksleder TRÆNING")["network_id"].tolist() == ["N2"]
    assert explain.search(nets, "netværksleder zzz").empty
    assert explain.search(nets, "  ")["network_id"].tolist() == ["N1", "N2"]
    types = pd.Series(["Velfærdsnetværk", "Læringsnetværk"], index=nets.index)
    assert explain.search(nets, "læring", extra=types)["network_id"].tolist() == ["N2"]


def test_indicator_breakdown_orders_by_leg_and_keeps_inputs_last(tiny_loaded, tiny_tables):
    stats = tiny_loaded.indicator_stats("all", network_ids=["N1"])
    out = explain.indicator_breakdown(stats, tiny_tables["indicators"])
    assert out["indicator_id"].tolist() == ["sat", "saved", "sick", "cost"]
    assert out["value"].tolist() == [4.5, 50000.0, 10.0, 20000.0]
    assert out["score"].tolist()[:3] == [87.5, 50.0, 50.0]
    assert np.isnan(out["score"].iloc[3])
    assert out["n"].tolist() == [2, 1, 1, 1]
    assert out["share_self_reported"].tolist() == [0.5, 0.0, 1.0, 0.0]
    assert out["share_evaluated_external"].tolist() == [0.0, 1.0, 0.0, 0.0]


def test_an_empty_breakdown_keeps_its_columns(tiny_tables, tiny_loaded):
    out = explain.indicator_breakdown(
        tiny_loaded.indicator_stats("all", network_ids=["none"]), tiny_tables["indicators"]
    )
    assert out.empty
    assert "score" in out.columns and "share_measured" in out.columns


def test_perspective_contributions_add_up_to_the_overall_value(tiny_loaded, tiny_tables):
    stats = tiny_loaded.indicator_stats("all", network_ids=["N1"])
    weights = {"citizen": 2, "economy": 1, "staff": 1}
    legs = explain.perspective_breakdown(explain.indicator_breakdown(stats, tiny_tables["indicators"]), weights)
    expected = pd.DataFrame(
        {
            "perspective": ["citizen", "economy", "staff"],
            "score": [87.5, 50.0, 50.0],
            "indicators": [1, 1, 1],
            "weight": [0.5, 0.25, 0.25],
            "contribution": [43.75, 12.5, 12.5],
        }
    )
    pd.testing.assert_frame_equal(legs, expected)
    persp = scoring.perspective_scores(scoring.indicator_scores(stats, tiny_tables["indicators"]))
    assert legs["contribution"].sum() == pytest.approx(scoring.overall_score(persp, weights).iloc[0])


def test_weights_are_renormalised_over_the_legs_measured(tiny_loaded, tiny_tables):
    stats = tiny_loaded.indicator_stats("all", network_ids=["N2"])
    legs = explain.perspective_breakdown(explain.indicator_breakdown(stats, tiny_tables["indicators"]))
    assert legs["weight"].iloc[0] == 1.0
    assert legs["weight"].iloc[1:].isna().all()
    assert legs["contribution"].sum() == 50.0
    assert legs["indicators"].tolist() == [1, 0, 0]


def test_measurement_scores_score_each_measurement_in_the_window(tiny_loaded, tiny_tables):
    meas = tiny_loaded.measurements(["N1"])
    out = explain.measurement_scores(meas, tiny_tables["indicators"])
    assert out["indicator_id"].tolist() == ["sat", "sat", "saved", "sick", "cost"]
    assert out["score"].tolist()[:4] == [75.0, 100.0, 50.0, 50.0]
    assert np.isnan(out["score"].iloc[4])
    feb = explain.measurement_scores(meas, tiny_tables["indicators"], date(2014, 2, 1), date(2014, 2, 1))
    assert feb[["indicator_id", "value", "score", "evidence", "note"]].to_dict("records") == [
        {"indicator_id": "sat", "value": 5.0, "score": 100.0, "evidence": "self_reported", "note": "god måned"}
    ]


def test_timeline_per_period(tiny_loaded, tiny_tables):
    stats = tiny_loaded.indicator_stats("month", network_ids=["N1"])
    out = explain.timeline(stats, tiny_tables["indicators"])
    assert out["period"].dt.strftime("%Y-%m").tolist() == ["2014-01", "2014-02"]
    assert out["citizen"].tolist() == [75.0, 100.0]
    assert out["overall"].tolist() == pytest.approx([(75 + 50 + 50) / 3, 100.0])
    assert explain.timeline(stats.iloc[0:0], tiny_tables["indicators"]).empty


def test_network_units_lists_internal_units_before_partners(tiny_tables):
    out = explain.network_units(tiny_tables["participation"], tiny_tables["org_units"], "N1")
    assert out[["unit_id", "name", "external", "people"]].to_dict("records") == [
        {"unit_id": "U1", "name": "Hjemmeplejen Nord", "external": False, "people": 4},
        {"unit_id": "X1", "name": "Region Hovedstaden", "external": True, "people": 1},
    ]
    later = explain.network_units(tiny_tables["participation"], tiny_tables["org_units"], "N1", date(2015, 1, 1), None)
    assert later["unit_id"].tolist() == ["U1"]


def test_family_finds_parent_and_children(tiny_tables):
    parent, children = explain.family(tiny_tables["networks"], "N1")
    assert parent.empty
    assert children["network_id"].tolist() == ["N2"]
    parent, children = explain.family(tiny_tables["networks"], "N2")
    assert parent["network_id"].tolist() == ["N1"]
    assert children.empty
    parent, children = explain.family(tiny_tables["networks"], "nope")
    assert parent.empty and children.empty


def test_escape_markdown_makes_user_text_inert():
    assert explain.escape_markdown("*fed* [link](http://x) # 1. _a_") == (
        "\\*fed\\* \\[link\\]\\(http\\:\u2060//x\\) \\# 1\\. \\_a\\_")  # \u2060: no bare link
    assert explain.escape_markdown("Fru Hansen") == "Fru Hansen"


def test_network_table_flags_thin_evidence_and_takes_given_scores(tiny_loaded, tiny_tables):
    stats = tiny_loaded.indicator_stats("all")
    args = (tiny_tables["indicators"], tiny_tables["participation"], tiny_tables["org_units"], None, None, None)
    out = explain.network_table(tiny_tables["networks"], stats, *args)
    assert out["thin"].tolist() == [True, True], "4 and 1 value measurements, fewer than THIN_EVIDENCE"
    given = scoring.network_scores(stats, tiny_tables["indicators"], tiny_tables["networks"]).assign(overall=[1.0, 2.0])
    one = explain.network_table(tiny_tables["networks"].iloc[[1]], stats, *args, scores=given)
    assert one["network_id"].tolist() == ["N2"] and one["overall"].tolist() == [2.0], "the given scores are shown"
