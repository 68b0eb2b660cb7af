"""The connections page under AppTest on the sample: it runs, shows what the view computes for the filters the
sidebar drew, follows the sidebar filters (found by key) and its own graph-level control."""

from __future__ import annotations

from dataclasses import replace

from netvalue import connections as conn
from netvalue.filters import Filters
from netvalue.store import Store
from netvalue.views import StoreSource
from netvalue.views.connections import connections_view
from tests.apptest_support import charts, run_app

PAGE = "pages/connections.py"


def titles(at) -> list[str]:  # type: ignore[no-untyped-def]
    return [c["layout"]["title"]["text"] for c in charts(at)]


def expected(db, f: Filters, level: str | None = None):  # type: ignore[no-untyped-def]
    with Store(db) as s:
        return connections_view(StoreSource(s), f, level)


def shown(at) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {m.label: m.value for m in at.metric}


def test_the_page_shows_the_views_figures_and_sentences(app_store):
    at = run_app(PAGE, params={"from": "2013-09", "to": "2019-12"})
    assert not at.exception, at.exception
    assert at.title[0].value == "Vi skaber forbindelser"
    f = at.session_state["_filters"]
    view = expected(app_store, f)
    with Store(app_store) as s:
        whole = conn.yearly(s.table("participation"), s.table("org_units"))
    assert shown(at) == view.metric_values
    assert shown(at)["Forbindelser"] == "333"
    assert titles(at) == ["Forbindelser i perioden (enheder)", "Forbindelser mellem direktørområder",
                          "Forbindelser år for år"]
    # the whole period unfiltered: the yearly path is the command's table
    lines = {d["name"]: d["y"] for d in charts(at)[2]["data"]}
    assert [int(v) for v in lines["Forbindelser"]] == whole["connections"].tolist()
    assert [int(v) for v in lines["Nye forbindelser"]] == whole["new"].tolist()
    text = "\n".join(m.value for m in at.markdown)
    assert "krydsede" in text and "arbejdsfællesskaber" in text
    captions = [c.value for c in at.caption]
    assert view.alt["graph"] in captions and view.alt["matrix"] in captions and view.alt["path"] in captions
    assert view.comparison_text in captions
    assert at.expander[0].label == "Sådan er tallene regnet"
    assert len(at.dataframe) == 2


def test_the_page_follows_language_period_types_unit_and_level(app_store):
    at = run_app(PAGE)
    f = at.session_state["_filters"]
    opening = expected(app_store, f)
    assert shown(at) == opening.metric_values  # the sidebar's opening window
    assert [m.delta for m in at.metric] == [m[2] for m in opening.metrics] and at.metric[0].delta
    at.segmented_control(key="lang").set_value("en").run()
    assert not at.exception, at.exception
    assert at.title[0].value == "We create connections"
    assert titles(at)[0] == "Connections in the period (units)"
    at.select_slider(key="period_en").set_value(("2016-03", "2016-03")).run()
    assert not at.exception, at.exception
    f = at.session_state["_filters"]
    assert (f.start.isoformat(), f.end.isoformat(), f.lang) == ("2016-03-01", "2016-03-01", "en")
    assert shown(at) == expected(app_store, f).metric_values
    assert [int(x) for x in charts(at)[2]["data"][0]["x"]] == [2016]  # one calendar year on the path
    at.segmented_control(key="connections_level_en").set_value("area").run()
    assert not at.exception, at.exception
    assert titles(at)[0] == "Connections in the period (grouped by director area)"
    at.segmented_control(key="lang").set_value("da").run()  # the level survives a language round trip
    assert titles(at)[0] == "Forbindelser i perioden (samlet pr. direktørområde)"
    assert at.segmented_control(key="connections_level_da").value == "area"
    at.segmented_control(key="lang").set_value("en").run()
    assert titles(at)[0] == "Connections in the period (grouped by director area)"
    at.multiselect(key="types_en").set_value(["learning"]).run()
    assert not at.exception, at.exception
    learning = expected(app_store, replace(f, types=("learning",)), "area")
    assert shown(at) == learning.metric_values
    at.selectbox(key="unit_en").set_value("A-BMB").run()
    assert not at.exception, at.exception
    part_of = expected(app_store, replace(f, types=("learning",), unit_id="A-BMB"), "area")
    assert shown(at) == part_of.metric_values
    assert part_of.counts["connections"] < learning.counts["connections"]
