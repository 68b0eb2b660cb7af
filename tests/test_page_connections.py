"""The connections page under AppTest on the sample: it runs, shows what the view computes, follows the sidebar
filters (found by key) and its own graph-level control."""

from __future__ import annotations

from datetime import date

from netvalue import connections as conn
from netvalue.filters import Filters
from netvalue.store import Store
from netvalue.views import StoreSource
from netvalue.views.connections import connections_view
from tests.apptest_support import charts, run_app

PAGE = "pages/connections.py"
MARCH = date(2016, 3, 1)


def titles(at) -> list[str]:  # type: ignore[no-untyped-def]
    return [c["layout"]["title"]["text"] for c in charts(at)]


def test_the_page_shows_the_views_figures_and_sentences(app_store):
    at = run_app(PAGE)
    assert not at.exception, at.exception
    assert at.title[0].value == "Vi skaber forbindelser"
    with Store(app_store) as s:
        view = connections_view(StoreSource(s), Filters())
        whole = conn.yearly(s.table("participation"), s.table("org_units"))
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == dict(view.metrics)
    assert metrics["Forbindelser"] == str(view.counts["connections"]) == "333"
    assert titles(at) == ["Forbindelser i perioden (enheder)", "Forbindelser mellem direktørområder",
                          "Forbindelser år for år"]
    # the whole period unfiltered: the yearly path is the command's table
    path = charts(at)[2]
    lines = {t["name"]: t["y"] for t in path["data"]}
    assert [int(v) for v in lines["Forbindelser"]] == whole["connections"].tolist()
    assert [int(v) for v in lines["Nye forbindelser"]] == whole["new"].tolist()
    text = "\n".join(m.value for m in at.markdown)
    assert "krydsede" in text and "arbejdsfællesskaber" in text
    captions = [c.value for c in at.caption]
    assert view.alt["graph"] in captions and view.alt["matrix"] in captions and view.alt["path"] in captions
    assert at.expander[0].label == "Sådan er tallene regnet"
    assert len(at.dataframe) == 2


def test_the_page_follows_language_period_types_unit_and_level(app_store):
    at = run_app(PAGE)
    at.segmented_control(key="lang").set_value("en").run()
    assert not at.exception, at.exception
    assert at.title[0].value == "We create connections"
    assert titles(at)[0] == "Connections in the period (units)"
    at.select_slider(key="period").set_value(("2016-03", "2016-03")).run()
    assert not at.exception, at.exception
    with Store(app_store) as s:
        march = connections_view(StoreSource(s), Filters(start=MARCH, end=MARCH, lang="en"))
    assert {m.label: m.value for m in at.metric} == dict(march.metrics)
    assert [int(x) for x in charts(at)[2]["data"][0]["x"]] == [2016]  # one calendar year on the path
    at.segmented_control(key="connections_level").set_value("area").run()
    assert not at.exception, at.exception
    assert titles(at)[0] == "Connections in the period (grouped by director area)"
    at.multiselect(key="types").set_value(["learning"]).run()
    assert not at.exception, at.exception
    with Store(app_store) as s:
        learning = connections_view(StoreSource(s), Filters(start=MARCH, end=MARCH, types=("learning",),
                                                              lang="en"), "area")
    assert {m.label: m.value for m in at.metric} == dict(learning.metrics)
    at.selectbox(key="unit").set_value("A-BMB").run()
    assert not at.exception, at.exception
    with Store(app_store) as s:
        part_of = connections_view(StoreSource(s), Filters(start=MARCH, end=MARCH, types=("learning",),
                                                             unit_id="A-BMB", lang="en"), "area")
    assert {m.label: m.value for m in at.metric} == dict(part_of.metrics)
    assert part_of.counts["connections"] < learning.counts["connections"]
