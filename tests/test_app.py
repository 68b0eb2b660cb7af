"""AppTest: every page runs without exception on the sample; key interactions."""

from __future__ import annotations

import pytest

from netvalue.store import Store
from tests.apptest_support import run_app

PAGES = ["pages/overview.py", "pages/networks.py", "pages/ripples.py", "pages/depth_breadth.py",
         "pages/upload.py", "pages/method.py"]


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "app.duckdb"
    monkeypatch.setenv("NETVALUE_DB", str(path))
    return path


def test_fresh_checkout_creates_the_store_from_the_sample(db):
    at = run_app()
    assert not at.exception
    assert db.exists()
    assert Store(db).counts()["networks"] >= 25
    assert "værdi" in at.title[0].value.lower()


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(db, page):
    at = run_app(page)
    assert not at.exception, at.exception
    assert at.title, f"{page} shows no title"


def test_overview_shows_key_figures_and_charts(db):
    at = run_app()
    labels = [m.label for m in at.metric]
    assert "Aktive netværk" in labels
    active = next(m for m in at.metric if m.label == "Aktive netværk")
    assert int(active.value) > 0
    assert len(at.get("plotly_chart")) >= 2


def test_language_switch_changes_the_text(db):
    at = run_app()
    assert any(m.label == "Aktive netværk" for m in at.metric)
    at.segmented_control(key="lang").set_value("en").run()
    assert any(m.label == "Active networks" for m in at.metric)
    at.switch_page("pages/method.py").run()
    assert at.segmented_control(key="lang").value == "en", "the language survives a page switch"


def test_type_filter_changes_the_numbers(db):
    at = run_app()
    before = int(next(m for m in at.metric if m.label == "Aktive netværk").value)
    at.multiselect(key="types_da").set_value(["learning"]).run()
    after = int(next(m for m in at.metric if m.label == "Aktive netværk").value)
    assert 0 < after < before


def test_a_shared_url_restores_the_filters(db):
    at = run_app(params={"types": "innovation", "lang": "en", "from": "2014-01", "to": "2015-12"})
    assert not at.exception
    assert at.multiselect(key="types_en").value == ["innovation"]
    assert at.select_slider(key="period_en").value == ("2014-01", "2015-12")
    assert any(m.label == "Active networks" for m in at.metric)


def test_garbage_query_parameters_fall_back_to_defaults(db):
    at = run_app(params={"types": "nonsense", "period": "zzz", "unit": "no-such-unit", "w": "a-b-c", "lang": "xx"})
    assert not at.exception
    assert at.multiselect(key="types_da").value == ["welfare", "innovation", "learning"]
    assert at.selectbox(key="unit_da").value is None
    assert any(m.label == "Aktive netværk" for m in at.metric)


def test_an_empty_store_offers_the_sample(db):
    Store(db).close()  # exists but empty: made on purpose, so no automatic sample
    at = run_app()
    assert not at.exception
    assert any("ingen data" in s.value.lower() for s in at.subheader)
    at.button[0].click().run()
    assert Store(db).counts()["networks"] >= 25


def test_the_period_filter_narrows_the_numbers_and_survives_a_page_switch(db):
    at = run_app()
    before = int(next(m for m in at.metric if m.label == "Aktive netværk").value)
    at.select_slider(key="period_da").set_value(("2013-09", "2014-08")).run()
    after = int(next(m for m in at.metric if m.label == "Aktive netværk").value)
    assert after == 13 < before  # the seed's first year: 13 working networks
    at.switch_page("pages/method.py").run()
    assert not at.exception
    assert at.select_slider(key="period_da").value == ("2013-09", "2014-08")


def test_a_failure_shows_a_friendly_message_not_a_traceback(tmp_path, monkeypatch):
    unusable = tmp_path / "a-directory.duckdb"
    unusable.mkdir()  # the store cannot be opened: every page fails before it draws
    monkeypatch.setenv("NETVALUE_DB", str(unusable))
    monkeypatch.delenv("NETVALUE_RAISE")
    at = run_app()
    assert not at.exception
    assert "Noget gik galt" in at.error[0].value
    assert "Traceback" not in at.error[0].value
