"""The ripples page: AppTest on the sample (runs, shows its charts, the network travels in ?network=..., the time
step and the treemap's colouring rerun only their fragments), and one real-browser look at it."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from netvalue.filters import NO_TYPES
from netvalue.store import Store
from tests.apptest_support import charts, only_fragment

PAGE = "pages/ripples.py"
APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def db(app_store):
    return app_store


WHOLE = {"from": "2013-09", "to": "2019-12"}  # the sidebar opens on the latest twelve months without these


def run_page(params: dict[str, str] | None = None, whole: bool = True) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in ({**WHOLE, **(params or {})} if whole else (params or {})).items():
        at.query_params[k] = v
    at.run()
    at.switch_page(PAGE)
    at.run()
    return at


def titles(at: AppTest) -> list[str]:
    return [c["layout"]["title"]["text"] for c in charts(at)]


def param(at: AppTest, key: str) -> str | None:
    v = at.query_params.get(key)
    return v[0] if isinstance(v, list) else v


def treemap(at: AppTest) -> dict:
    return next(c for c in charts(at) if c["data"][0]["type"] == "treemap")


def test_the_page_runs_and_shows_facts_and_its_charts(db):
    at = run_page()
    assert not at.exception, at.exception
    assert at.title[0].value == "Ringe i vandet"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Netværk i gang det første år"] == "13"  # the brief: 13 working networks in year one
    reached, total = (int(x) for x in metrics["Nåede enheder"].split(" / "))
    assert 0 < reached < total
    t = titles(at)
    assert len(t) == 6
    assert t[0] == "Ringe i vandet: Alle de valgte netværk"
    assert "Aktive netværk pr. enhed pr. måned" in t and "Hvilke netværk er udsprunget af hvilke?" in t
    ripple = charts(at)[0]
    assert len(ripple["frames"]) > 12 and ripple["layout"]["sliders"][0]["steps"]
    assert at.selectbox(key="ripples_network").value == ""
    assert param(at, "network") is None
    assert any("Sådan læses den" in c.value for c in at.caption)
    assert any("Vægte i brug" in c.value for c in at.caption)


def test_a_network_in_the_url_is_chosen_and_kept(db):
    at = run_page({"network": "N05"})
    assert not at.exception, at.exception
    assert at.selectbox(key="ripples_network").value == "N05"
    assert titles(at)[0] == "Ringe i vandet: N05 Frivillighed på tværs"
    assert param(at, "network") == "N05"
    # N05 ran 2013-11 .. 2017-12: the frames follow its lifetime
    frames = [f["name"] for f in charts(at)[0]["frames"]]
    assert frames[0] == "november 2013" and frames[-1] == "december 2017"
    # N05 budded N22: its family is shown
    budding = next(c for c in charts(at) if c["layout"]["title"]["text"].startswith("Hvilke"))
    assert "N22" in " ".join(budding["layout"]["yaxis"]["ticktext"])


def test_garbage_in_the_url_falls_back_to_all_networks(db):
    at = run_page({"network": "N05'; DROP TABLE networks;--"})
    assert not at.exception, at.exception
    assert at.selectbox(key="ripples_network").value == ""
    assert param(at, "network") is None
    assert titles(at)[0] == "Ringe i vandet: Alle de valgte netværk"


def test_a_network_outside_the_filters_falls_back_to_all(db):
    at = run_page({"network": "N05", "types": "welfare"})  # N05 is a learning network
    assert not at.exception, at.exception
    assert at.selectbox(key="ripples_network").value == ""
    assert param(at, "network") is None


def test_choosing_a_network_writes_it_to_the_url_and_back_to_all_removes_it(db):
    at = run_page()
    at.selectbox(key="ripples_network").set_value("N04").run()
    assert not at.exception, at.exception
    assert param(at, "network") == "N04"
    assert titles(at)[0].startswith("Ringe i vandet: N04")
    at.segmented_control(key="ripples_grain").set_value("quarter").run()
    assert charts(at)[0]["frames"][0]["name"].startswith("2013 K")
    at.selectbox(key="ripples_network").set_value("").run()
    assert param(at, "network") is None


def test_the_treemap_colouring_reruns_only_the_treemap(db):
    at = run_page()
    assert treemap(at)["data"][0]["marker"]["cmin"] == 0, "coloured by the number of networks"
    at.segmented_control(key="ripples_colour").set_value("value").run()
    assert not at.exception, at.exception
    marker = treemap(at)["data"][0]["marker"]
    assert marker["cmin"] == -1 and marker["colorbar"]["title"]["text"] == "Samlet værdi"
    with only_fragment(at, "ripples_tree"):
        at.segmented_control(key="ripples_colour").set_value("networks").run()
    assert not at.exception, at.exception
    assert not at.title, "the page above the treemap did not run again"
    assert len(charts(at)) == 1 and treemap(at)["data"][0]["marker"]["cmin"] == 0
    assert [c.value[:30] for c in at.caption] == ["Figuren »Organisationen farvet", "Sådan læses den: hver boks er "]


def test_the_time_step_reruns_only_the_rings(db):
    at = run_page({"network": "N05"})
    with only_fragment(at, "ripples_rings"):
        at.segmented_control(key="ripples_grain").set_value("quarter").run()
    assert not at.exception, at.exception
    assert not at.title, "the page around the rings did not run again"
    assert titles(at) == ["Ringe i vandet: N05 Frivillighed på tværs"]
    frames = [f["name"] for f in charts(at)[0]["frames"]]
    assert frames[0] == "2013 K4" and frames[-1] == "2017 K4"
    assert param(at, "network") == "N05"
    at.run()  # a later full run keeps the time step
    assert not at.exception, at.exception
    assert charts(at)[0]["frames"][0]["name"] == "2013 K4" and len(titles(at)) == 6


def test_a_network_picked_in_the_rings_reruns_the_whole_page(db):
    """The network also picks the budding family and the link, outside the rings' fragment: the page follows."""
    at = run_page()
    with only_fragment(at, "ripples_rings"):
        at.selectbox(key="ripples_network").set_value("N05").run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Ringe i vandet", "the whole page ran"
    assert titles(at)[0] == "Ringe i vandet: N05 Frivillighed på tværs"
    assert param(at, "network") == "N05"
    budding = next(c for c in charts(at) if c["layout"]["title"]["text"].startswith("Hvilke"))
    assert "N22" in " ".join(budding["layout"]["yaxis"]["ticktext"])


def test_english(db):
    at = run_page({"lang": "en", "network": "N01"})
    assert not at.exception, at.exception
    assert at.title[0].value == "Ripples in the water"
    assert titles(at)[0] == "Ripples: N01 Observation og tidlig opsporing i hjemmeplejen"


def test_an_empty_store_says_so(tmp_path, monkeypatch):
    path = tmp_path / "empty.duckdb"
    Store(path).close()
    monkeypatch.setenv("NETVALUE_DB", str(path))
    at = run_page()
    assert not at.exception, at.exception
    assert not at.get("plotly_chart")
    assert [s.value for s in at.subheader] == ["Der er ingen data endnu"]
    at.button(key="empty_load_sample").click().run()
    assert at.get("plotly_chart"), "loading the sample from the empty state fills the page"


@pytest.mark.browser
def test_in_a_real_browser_the_rings_of_one_network_play(tmp_path):
    from tests.browser_support import SCREENSHOTS, browser_page, need_chromium, streamlit_server, wait_for_app

    chromium = need_chromium()
    with streamlit_server(tmp_path / "browser.duckdb") as url, browser_page(chromium) as page:
        page.goto(url + "/")  # a fresh server must run app.py once before a deep link works (see the report)
        wait_for_app(page)
        page.goto(url + "/ripples?network=N05&from=2013-09&to=2019-12")
        wait_for_app(page)
        page.wait_for_selector(".js-plotly-plot", timeout=60_000)
        assert page.locator("[data-testid='stException']").count() == 0
        assert "network=N05" in page.url
        ripple = page.locator(".js-plotly-plot").first
        assert "N05 Frivillighed" in ripple.locator("text.gtitle").text_content()
        current = ripple.locator("text.slider-label").first  # plotly's current-value label comes first
        assert current.text_content() == "Måned: december 2017"  # opens on the network's last month
        page.locator(".updatemenu-button").first.click()  # ▶ plays from the first month
        page.wait_for_timeout(1500)
        playing = current.text_content()
        assert playing.startswith("Måned: ") and playing != "Måned: december 2017"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        ripple.screenshot(path=str(SCREENSHOTS / "ripples-playing.png"))


def test_one_month_reads_as_one_month(db):
    at = run_page({"from": "2016-05", "to": "2016-05"}, whole=False)
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert "Netværk i gang den første måned" in metrics
    facts = " ".join(m.value for m in at.markdown)
    assert "i den første måned (maj 2016)" in facts and "tolv" not in facts
    spread = next(c for c in charts(at) if c["layout"]["title"]["text"].startswith("Netværk, enheder"))
    assert spread["layout"]["xaxis"]["ticktext"] == ["maj 2016"]
    assert all("markers" in tr["mode"] for tr in spread["data"])


def test_no_types_says_so_and_shows_no_networks(db):
    at = run_page({"types": NO_TYPES})
    assert not at.exception, at.exception
    assert at.warning and not charts(at) and not at.metric


def test_a_small_unit_reaches_what_the_overview_reaches(db):
    at = run_page({"unit": "U-DEMENS"})
    assert not at.exception, at.exception
    assert {m.label: m.value for m in at.metric}["Nåede enheder"] == "1 / 1"
