"""AppTest of the directors' overview, the network explorer and the method page on the embedded sample."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from netvalue import service
from netvalue.store import Store
from netvalue.views.overview import KEY_FIGURES, figure_label
from tests.apptest_support import charts, only_fragment, run_app
from tests.support import make_csv

OVERVIEW, NETWORKS, METHOD = "pages/overview.py", "pages/networks.py", "pages/method.py"




@pytest.fixture
def db(app_store):
    return app_store


def ok(at: AppTest) -> AppTest:
    assert not at.exception, at.exception
    return at


def metric(at: AppTest, label: str):
    return next(m for m in at.metric if m.label == label)


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def table(at: AppTest):
    return at.dataframe[0].value


# -- Overview -----------------------------------------------------------------------------------------------------
def test_overview_answers_the_directors_questions(db):
    at = ok(run_app())
    labels = [m.label for m in at.metric]
    assert labels == [figure_label(k, "da") for k, _ in KEY_FIGURES]
    assert int(metric(at, figure_label("cross_area", "da")).value) == 40, "2019: 40 pairs across areas"
    assert metric(at, figure_label("cross_area", "da")).delta == "-10", "against 50 in 2018"
    # It opens on the latest twelve months of the sample (2019) and compares them with 2018.
    assert int(metric(at, "Aktive netværk").value) == 17
    assert metric(at, "Aktive netværk").delta == "-1"
    assert metric(at, "Nettoværdi i kroner").value == "5,3 mio. kr."
    assert metric(at, "Nettoværdi i kroner").delta == "-486.500 kr.", \
        "2019 against 2018, not against an overlapping window"
    assert 0 < int(metric(at, "Samlet værdi").value) < 100
    assert any("januar 2018 – december 2018" in c for c in captions(at))
    assert len(at.get("plotly_chart")) == 3
    assert sum(c.startswith("Sådan læses den") for c in captions(at)) == 3
    assert any("Vægte i brug" in c for c in captions(at))
    assert [s.value for s in at.subheader] == ["Seneste fortællinger"]
    assert len(at.get("page_link")) == 10, "the five strongest and five weakest open their pages"


def test_overview_stories_are_dated_the_readers_way(db):
    at = ok(run_app(params={"from": "2013-09", "to": "2019-12"}))
    metas = [c for c in captions(at) if c.count(" · ") == 2]
    assert metas, "the latest stories show their network, date and leg"
    assert not any(re.search(r"\d{4}-\d{2}-\d{2}", c) for c in metas), metas
    assert all(re.search(r" · \d{1,2}\. [a-zæøå]+ \d{4} · ", c) for c in metas), metas


def test_overview_filter_changes_the_numbers(db):
    at = ok(run_app())
    before = {m.label: m.value for m in at.metric}
    ok(at.multiselect(key="types_da").set_value(["learning"]).run())
    after = {m.label: m.value for m in at.metric}
    assert int(after["Aktive netværk"]) < int(before["Aktive netværk"])
    assert after["Deltagere"] != before["Deltagere"]
    assert after["Samlet værdi"] != before["Samlet værdi"] or after["Borger"] != before["Borger"]


def test_overview_compares_a_period_with_the_window_just_before(db):
    at = ok(run_app(params={"from": "2016-01", "to": "2016-12"}))
    assert any("januar 2015 – december 2015" in c for c in captions(at))
    assert metric(at, "Samlet værdi").delta is not None
    one = ok(run_app(params={"from": "2016-03", "to": "2016-03"}))
    assert any("marts 2016 med måneden før: februar 2016" in c for c in captions(one))


def test_overview_has_no_arrows_when_the_earlier_window_precedes_the_data(db):
    at = ok(run_app(params={"from": "2013-09", "to": "2019-12"}))
    assert all(not m.delta for m in at.metric)
    assert any("ligger før de første data (september 2013)" in i.value for i in at.info)


def test_clearing_every_type_shows_no_networks_and_says_so(db):
    at = ok(run_app())
    ok(at.multiselect(key="types_da").set_value([]).run())
    assert not at.metric
    assert any("Ingen netværkstyper er valgt" in w.value for w in at.warning)
    assert at.query_params["types"] == ["none"] if isinstance(at.query_params["types"], list) else \
        at.query_params["types"] == "none"


def test_overview_says_when_no_network_matches(db):
    at = ok(run_app())
    ok(at.selectbox(key="unit_da").set_value("U-MUSIK").run())
    assert any("Ingen netværk passer" in w.value for w in at.warning)
    assert not at.metric


def test_overview_in_english(db):
    at = ok(run_app())
    ok(at.segmented_control(key="lang").set_value("en").run())
    assert at.title[0].value == "Overview of the networks' value"
    assert "Net value in DKK" in [m.label for m in at.metric]
    assert metric(at, "Net value in DKK").value.startswith("DKK")
    assert sum(c.startswith("How to read this") for c in captions(at)) == 3
    assert [s.value for s in at.subheader] == ["Latest stories"]


# -- Networks -----------------------------------------------------------------------------------------------------
WHOLE = {"from": "2013-09", "to": "2019-12"}  # the sample's whole history (the sidebar opens on the last 12 months)


def test_the_networks_table(db):
    at = ok(run_app(NETWORKS, params=WHOLE))
    assert at.title[0].value == "Netværkene"
    t = table(at)
    assert len(t) == 28
    assert {"overall", "share_self_reported", "share_evaluated", "citizen", "net_dkk"} <= set(t.columns)
    assert t["overall"].is_monotonic_decreasing, "best first"
    assert len(at.get("download_button")) == 2
    assert any("vægte" in c.lower() and c.startswith("Sådan læses den") for c in captions(at))


def test_search_sort_and_filter_the_table(db):
    at = ok(run_app(NETWORKS, params=WHOLE))
    ok(at.text_input(key="networks_search_da").input("bo i albertslund").run())
    assert sorted(table(at)["network_id"]) == ["N04", "N19", "N20"]
    ok(at.text_input(key="networks_search_da").input("læringsnetværk").run())
    assert set(table(at)["type"]) == {"Læringsnetværk"}, "the translated type is searchable"
    ok(at.text_input(key="networks_search_da").input("").run())
    ok(at.selectbox(key="networks_sort_da").set_value("name").run())
    names = table(at)["name"].tolist()
    assert names == sorted(names)
    ok(at.multiselect(key="types_da").set_value(["innovation"]).run())
    assert set(table(at)["type"]) == {"Innovationsnetværk"}
    ok(at.text_input(key="networks_search_da").input("ingen-sådan").run())
    assert any("Ingen netværk passer til søgningen" in i.value for i in at.info)


def test_a_shared_link_opens_a_network_with_its_filters(db):
    at = ok(run_app(NETWORKS, params={"network": "N07", "lang": "en", "types": "innovation"}))
    assert at.title[0].value == "Hverdagsrehabilitering i hjemmeplejen"
    assert at.multiselect(key="types_en").value == ["innovation"]
    assert any("not among the selected networks: its type is not chosen" in i.value for i in at.info)
    assert [m.label for m in at.metric] == ["Overall value", "Self-reported", "Balance", "Net value in DKK"]
    assert [s.value for s in at.subheader][:2] == ["What is the score made of?", "The measurements one by one"]
    assert len(at.get("plotly_chart")) == 4
    assert at.query_params["network"] in ("N07", ["N07"])


def test_the_network_page_explains_its_score(db):
    at = ok(run_app(NETWORKS, params={**WHOLE, "network": "N05"}))
    assert at.title[0].value == "Frivillighed på tværs"
    assert any(m.value.startswith("**Samlet værdi** = ") for m in at.markdown)
    legs = at.dataframe[0].value
    assert legs["contribution"].sum() == pytest.approx(float(metric(at, "Samlet værdi").value), abs=0.5)
    # down to the measurements: the chosen indicator's monthly values
    ok(at.selectbox(key="network_indicator_da").set_value("engagement").run())
    rows = at.dataframe[1].value
    assert len(rows) > 5 and set(rows["evidence"]) <= {"Selvrapporteret", "Målt", "Evalueret internt",
                                                        "Evalueret eksternt"}
    assert any("Engagement" in c or "bedst" in c for c in captions(at))
    assert [s.value for s in at.subheader][-2:] == ["Fortællinger", "Knopskydning"]


def test_picking_an_indicator_reruns_only_its_measurements(db):
    at = ok(run_app(NETWORKS, params={**WHOLE, "network": "N05"}))
    with only_fragment(at, "network_history_part"):
        ok(at.selectbox(key="network_indicator_da").set_value("engagement").run())
    assert not at.title and not at.metric, "the rest of the network's page did not run again"
    assert [c["layout"]["title"]["text"] for c in charts(at)] == ["Målingerne af Engagement"]
    rows = at.dataframe[0].value
    assert len(rows) > 5 and set(rows["evidence"]) <= {"Selvrapporteret", "Målt", "Evalueret internt",
                                                        "Evalueret eksternt"}
    with only_fragment(at, "network_history_part"):
        ok(at.selectbox(key="network_indicator_da").set_value("saved_hours").run())
    assert [c["layout"]["title"]["text"] for c in charts(at)] == ["Målingerne af Sparede timer"]
    assert not at.dataframe[0].value.equals(rows)
    assert at.query_params["network"] in ("N05", ["N05"])
    ok(at.run())  # a full run keeps the pick and draws the whole page again
    assert at.title[0].value == "Frivillighed på tværs"
    assert "Målingerne af Sparede timer" in [c["layout"]["title"]["text"] for c in charts(at)]


def test_garbage_falls_back_to_the_table(db):
    at = ok(run_app(NETWORKS, params={"network": "<script>"}))
    assert at.title[0].value == "Netværkene"
    assert "network" not in at.query_params


def test_choosing_a_network_and_going_back(db):
    at = ok(run_app(NETWORKS, params=WHOLE))
    ok(at.selectbox(key="network_pick_da").set_value("N03").run())
    assert at.title[0].value == "Sundhed på ny"
    assert at.query_params["network"] in ("N03", ["N03"])
    ok(at.button[0].click().run())
    assert at.title[0].value == "Netværkene"
    assert "network" not in at.query_params


def test_budding_links_to_parent_and_children(db):
    at = ok(run_app(NETWORKS, params={"network": "N01"}))
    child = next(b for b in at.button if b.key == "child_N17")
    ok(child.click().run())
    assert at.title[0].value == "Tidlig opsporing på plejecentrene"
    ok(next(b for b in at.button if b.key == "parent_N01").click().run())
    assert at.title[0].value == "Observation og tidlig opsporing i hjemmeplejen"


def test_a_network_without_measurements_still_has_a_page(db):
    rows = [["network_id", "name", "type", "home_unit_id", "leader", "purpose", "started_on", "ended_on",
             "parent_network_id"],
            ["N99", "Nyt netværk", "learning", "U-MUSIK", "", "Lige begyndt", "2019-11-01", "", "N05"]]
    with Store(db) as store:
        service.load_files(store, [("networks.csv", make_csv(rows))], who="test")
    at = ok(run_app(NETWORKS, params={"network": "N99"}))
    assert at.title[0].value == "Nyt netværk"
    assert any("ingen målinger i perioden" in i.value for i in at.info)
    assert metric(at, "Samlet værdi").value == "–"
    assert [s.value for s in at.subheader] == ["Deltagende enheder (0)", "Eksterne partnere (0)", "Fortællinger",
                                               "Knopskydning"]
    assert any(b.key == "parent_N05" for b in at.button)
    # ... and a row in the table
    at = ok(run_app(NETWORKS, params=WHOLE))
    assert "N99" in set(table(at)["network_id"])


SCORE_LABEL = {"da": "Samlet værdi", "en": "Overall value"}


@pytest.mark.parametrize(("first", "then"), [("en", "da"), ("da", "en")])
def test_a_language_round_trip_keeps_the_network_and_its_score(db, first, then):
    at = ok(run_app(NETWORKS, params={**WHOLE, "network": "N05", "lang": first}))
    score = metric(at, SCORE_LABEL[first]).value
    assert score not in ("", "–")
    ok(at.segmented_control(key="lang").set_value(then).run())
    assert at.title[0].value == "Frivillighed på tværs"
    assert metric(at, SCORE_LABEL[then]).value == score
    ok(at.segmented_control(key="lang").set_value(first).run())
    assert at.title[0].value == "Frivillighed på tværs"
    assert metric(at, SCORE_LABEL[first]).value == score
    assert at.query_params["network"] in ("N05", ["N05"])
    assert at.selectbox(key=f"network_pick_{first}").value == "N05"


def test_a_language_round_trip_keeps_the_tables_search_and_sort(db):
    at = ok(run_app(NETWORKS, params=WHOLE))
    ok(at.selectbox(key="networks_sort_da").set_value("name").run())
    ok(at.text_input(key="networks_search_da").input("albertslund").run())
    before = table(at)["network_id"].tolist()
    ok(at.segmented_control(key="lang").set_value("en").run())
    assert at.selectbox(key="networks_sort_en").value == "name"
    assert at.text_input(key="networks_search_en").value == "albertslund"
    assert table(at)["network_id"].tolist() == before
    ok(at.segmented_control(key="lang").set_value("da").run())
    assert at.selectbox(key="networks_sort_da").value == "name"
    assert table(at)["network_id"].tolist() == before


def test_the_table_flags_thin_evidence(db):
    at = ok(run_app(NETWORKS, params={"from": "2019-12", "to": "2019-12"}))
    t = table(at)
    assert set(t["thin"]) == {"spinkelt grundlag"}, "one month holds fewer than 30 measurements per network"
    assert any("december 2019 (vægte" in c for c in captions(at)), "the window named as a month"


def test_one_month_on_a_networks_page(db):
    at = ok(run_app(NETWORKS, params={"from": "2016-03", "to": "2016-03", "network": "N05"}))
    assert any(c.startswith("Perioden marts 2016,") for c in captions(at))
    assert metric(at, "Samlet værdi").delta == "spinkelt grundlag"
    timeline = next(c for c in charts(at) if "måned for måned" in c["layout"]["title"]["text"])
    assert timeline["layout"]["xaxis"]["ticktext"] == ["marts 2016"]
    assert any("måned for måned" in c for c in captions(at))


def test_no_types_shows_no_networks(db):
    at = ok(run_app(NETWORKS, params={**WHOLE, "types": "none"}))
    assert any("Ingen netværkstyper er valgt" in w.value for w in at.warning)
    assert not at.dataframe, "never all networks"
    at = ok(run_app(NETWORKS, params={**WHOLE, "types": "none", "network": "N05"}))
    assert any("dets type er ikke valgt" in i.value for i in at.info)


def test_a_network_outside_the_unit_says_so(db):
    at = ok(run_app(NETWORKS, params={**WHOLE, "unit": "U-MUSIK", "network": "N05"}))
    assert any("involverer ikke den valgte del af organisationen" in i.value for i in at.info)


# -- Method -----------------------------------------------------------------------------------------------------
def test_the_method_page(db):
    at = ok(run_app(METHOD))
    assert at.title[0].value == "Sådan beregnes tallene"
    assert len(at.get("latex")) == 7
    assert len(at.get("plotly_chart")) == 4
    assert [s.value for s in at.slider] == [33, 33, 33]
    assert metric(at, "Top 10 ved små ændringer").value.endswith("/ 10")
    assert len(at.dataframe[0].value) == 13, "the whole indicator catalogue"
    ok(at.segmented_control(key="lang").set_value("en").run())
    assert at.title[0].value == "How the figures are calculated"
    assert "Top 10 under small changes" in [m.label for m in at.metric]


def test_picking_an_indicator_reruns_only_its_score_curve(db):
    at = ok(run_app(METHOD))
    assert charts(at)[-1]["layout"]["title"]["text"] == "Fra værdi til score: Sagsbehandlingstid"
    ok(at.selectbox(key="method_indicator_da").set_value("sick_leave").run())
    assert charts(at)[-1]["layout"]["title"]["text"] == "Fra værdi til score: Sygefravær"
    with only_fragment(at, "method_curve_part"):
        ok(at.selectbox(key="method_indicator_da").set_value("readmissions").run())
    assert not at.title and not at.slider and not at.metric, "the rest of the method page did not run again"
    curve = charts(at)
    assert [c["layout"]["title"]["text"] for c in curve] == ["Fra værdi til score: Genindlæggelser"]
    assert curve[0]["data"][1]["x"] == [60.0, 10.0], "worst 60, best 10 (fewer is better)"


def test_a_weight_slider_changes_the_ranking_on_another_page(db):
    at = ok(run_app(NETWORKS, params=WHOLE))
    before = table(at)
    best_citizen = before.sort_values(["citizen", "name"], ascending=[False, True])["network_id"].iloc[0]
    assert before["network_id"].iloc[0] != best_citizen
    at.switch_page(METHOD)
    ok(at.run())
    for leg in ("economy", "staff"):
        ok(at.slider(key=f"method_w_{leg}_da").set_value(0).run())
    assert at.session_state["weights"] == {"citizen": 33.0, "economy": 0.0, "staff": 0.0}
    assert at.query_params["w"] in ("33-0-0", ["33-0-0"])
    at.switch_page(NETWORKS)
    ok(at.run())
    assert table(at)["network_id"].iloc[0] == best_citizen
    assert any("Borger 100\u00a0%" in c for c in captions(at))
    at.switch_page(METHOD)
    ok(at.run())
    assert [s.value for s in at.slider] == [100, 0, 0], "the sliders start from the session's weights"


def test_all_zero_weights_keep_the_previous_weights(db):
    at = ok(run_app(METHOD))
    for leg in ("citizen", "economy"):
        ok(at.slider(key=f"method_w_{leg}_da").set_value(0).run())
    ok(at.slider(key="method_w_staff_da").set_value(0).run())
    assert any("Mindst én vægt" in e.value for e in at.error)
    assert at.session_state["weights"] == {"citizen": 0.0, "economy": 0.0, "staff": 33.0}
    ok(at.button(key="method_equal").click().run())
    assert at.session_state["weights"] == {"citizen": 1.0, "economy": 1.0, "staff": 1.0}
    assert not at.error


def test_the_method_page_without_types_keeps_the_method(db):
    at = ok(run_app(METHOD, params={"types": "none"}))
    assert any("Ingen netværkstyper er valgt" in w.value for w in at.warning)
    assert not at.metric, "no ranking of no networks"
    assert len(at.get("latex")) == 7 and len(at.dataframe[0].value) == 13


def test_a_language_round_trip_keeps_the_weights_and_the_pick(db):
    at = ok(run_app(METHOD))
    ok(at.slider(key="method_w_economy_da").set_value(0).run())
    ok(at.selectbox(key="method_indicator_da").set_value("sick_leave").run())
    ok(at.segmented_control(key="lang").set_value("en").run())
    assert [s.value for s in at.slider] == [50, 0, 50]
    assert at.selectbox(key="method_indicator_en").value == "sick_leave"
    ok(at.segmented_control(key="lang").set_value("da").run())
    assert [s.value for s in at.slider] == [50, 0, 50]
    assert charts(at)[-1]["layout"]["title"]["text"] == "Fra værdi til score: Sygefravær"


def test_weights_in_a_shared_link_reach_the_method_page(db):
    at = ok(run_app(METHOD, params={"w": "2-1-1"}))
    assert [s.value for s in at.slider] == [50, 25, 25]
    assert any("Borger 50\u00a0%" in c for c in captions(at))


# -- Empty store ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("page", [NETWORKS, METHOD])
def test_pages_on_an_empty_store(tmp_path, monkeypatch, page):
    path = tmp_path / "empty.duckdb"
    Store(path).close()
    monkeypatch.setenv("NETVALUE_DB", str(path))
    at = ok(run_app(page))
    assert at.title
    if page == "pages/method.py":  # the method still reads well without data; it says the catalogue is empty
        assert at.info
    else:
        assert [s.value for s in at.subheader] == ["Der er ingen data endnu"], "an empty store says what to do"
        assert at.button(key="empty_load_sample"), "and offers the sample"


@pytest.fixture(scope="module")
def wide_store(tmp_path_factory):
    """A store with more networks than the table shows at once (tools.largesample's generator)."""
    from netvalue import sample
    from netvalue.views.networks import TABLE_PAGE_ROWS
    from tools import largesample

    root = tmp_path_factory.mktemp("wide")
    frames = largesample.generate(TABLE_PAGE_ROWS + 30)
    frames["measurements"] = frames["measurements"].head(20_000)  # enough to score; the table is what is tested
    paths = sample.write_csv(frames, root / "csv")
    path = root / "wide.duckdb"
    with Store(path) as s:
        service.load_files(s, [(p.name, p.read_bytes()) for p in paths], who="test")
    return path


def test_a_long_table_shows_a_page_at_a_time_through_a_language_round_trip(wide_store, tmp_path, monkeypatch):
    import shutil

    from netvalue.views.networks import TABLE_PAGE_ROWS

    db = tmp_path / "wide.duckdb"
    shutil.copyfile(wide_store, db)
    monkeypatch.setenv("NETVALUE_DB", str(db))
    at = ok(run_app(NETWORKS, params={"from": "2013-01", "to": "2030-12"}))
    ok(at.selectbox(key="networks_sort_da").set_value("name").run())
    first = table(at)
    assert len(first) == TABLE_PAGE_ROWS
    pager = at.selectbox(key="networks_rows_da")
    assert pager.options == [f"1–{TABLE_PAGE_ROWS} af {TABLE_PAGE_ROWS + 30}",
                             f"{TABLE_PAGE_ROWS + 1}–{TABLE_PAGE_ROWS + 30} af {TABLE_PAGE_ROWS + 30}"]
    ok(pager.select_index(1).run())
    second = table(at)
    assert len(second) == 30
    assert not set(first["network_id"]) & set(second["network_id"]), "each row on one page"
    assert max(first["name"]) <= min(second["name"]), "the sort runs over every row, then pages"
    ok(at.segmented_control(key="lang").set_value("en").run())
    assert at.selectbox(key="networks_rows_en").value == 1
    assert table(at)["network_id"].tolist() == second["network_id"].tolist()
    ok(at.selectbox(key="networks_sort_en").set_value("overall").run())
    assert at.selectbox(key="networks_rows_en").value == 0, "a new sort starts on its first page"
    ok(at.text_input(key="networks_search_en").input(first["network_id"].iloc[0]).run())
    assert table(at)["network_id"].tolist() == [first["network_id"].iloc[0]], "one page: no pager, the match"
    assert not any(s.key == "networks_rows_en" for s in at.selectbox)
