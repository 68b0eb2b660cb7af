"""AppTest of the depth-versus-breadth page on the embedded sample."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from netvalue.filters import NO_TYPES
from netvalue.store import Store
from tests import apptest_support  # noqa: F401 - reruns go through app.py (its sidebar), as on a real server

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGE = "pages/depth_breadth.py"


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "depth.duckdb"
    monkeypatch.setenv("NETVALUE_DB", str(path))
    return path


WHOLE = {"from": "2013-09", "to": "2019-12"}  # the sidebar opens on the latest twelve months without these


def run_page(params: dict[str, str] | None = None, whole: bool = True) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in ({**WHOLE, **(params or {})} if whole else (params or {})).items():
        at.query_params[k] = v
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, at.exception
    return at


def sentences(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("- ") and ("netværk" in m.value or "network" in m.value)]


def test_the_page_runs_and_shows_its_figures(db):
    at = run_page()
    assert at.title[0].value == "I dybden eller i bredden?"
    assert len(at.get("plotly_chart")) == 5
    labels = {m.label: m.value for m in at.metric}
    assert labels["Bredde"].endswith("%")
    assert float(labels["Dybde (netværk pr. nået enhed)"].replace(",", ".")) > 1
    assert 0 < float(labels["Gini"].replace(",", ".")) < 1
    assert any("Vægte i brug" in c.value for c in at.caption)
    assert any(c.value.startswith("Sådan læses den") for c in at.caption)
    assert len(at.get("download_button")) == 2
    assert len(at.dataframe) == 1


def test_changing_k_changes_the_comparison(db):
    at = run_page()
    before = sentences(at)
    assert any("med 3 eller flere netværk" in s for s in before)
    at.slider(key="depth_k").set_value(5).run()
    assert not at.exception
    after = sentences(at)
    assert any("med 5 eller flere netværk" in s for s in after)
    assert after != before


def test_the_level_and_basis_change_what_is_counted(db):
    at = run_page()
    units_breadth = next(m.value for m in at.metric if m.label == "Bredde")
    at.radio(key="depth_level_da").set_value("centre").run()
    assert not at.exception
    assert any("centre" in s for s in sentences(at))
    assert next(m.value for m in at.metric if m.label == "Bredde") != units_breadth
    at.radio(key="depth_basis_da").set_value("period").run()
    assert not at.exception
    assert not any("centerår" in s for s in sentences(at))


def test_the_page_speaks_english(db):
    at = run_page({"lang": "en"})
    assert at.title[0].value == "In depth or in breadth?"
    text = " ".join(sentences(at))
    assert "networks" in text and ("cannot tell" in text or "higher" in text or "lower" in text)


def test_an_empty_store_says_so(db):
    Store(db).close()
    at = run_page()
    assert not at.get("plotly_chart")
    assert [s.value for s in at.subheader] == ["Der er ingen data endnu"]
    assert any("eksempeldata" in m.value.lower() for m in at.markdown)


def test_one_month_offers_only_what_fits_and_never_says_unit_year(db):
    at = run_page({"from": "2016-05", "to": "2016-05"}, whole=False)
    assert at.radio(key="depth_basis_da").options == ["Over hele perioden"]
    assert at.radio(key="depth_grain_da").options == ["Måned"]
    text = " ".join([*(m.value for m in at.markdown), *(c.value for c in at.caption)])
    assert "enhedsår" not in text and "maj 2016" in text
    assert len(at.get("plotly_chart")) == 5


def test_a_choice_of_a_longer_window_falls_back_when_the_window_shrinks(db):
    at = run_page()
    at.radio(key="depth_basis_da").set_value("year").run()
    at.radio(key="depth_grain_da").set_value("year").run()
    assert not at.exception, at.exception
    at.select_slider(key="period_da").set_value(("2019-03", "2019-03")).run()
    assert not at.exception, at.exception
    assert at.radio(key="depth_basis_da").value == "period" and at.radio(key="depth_grain_da").value == "month"
    assert not any("enhedsår" in m.value for m in at.markdown)


def test_no_types_says_so(db):
    at = run_page({"types": NO_TYPES})
    assert at.warning and not at.get("plotly_chart") and not at.metric


def test_a_small_unit_has_the_overviews_units_reached(db):
    at = run_page({"unit": "U-DEMENS"})
    assert any(c.value == "1 af 1 enheder nået" for c in at.caption)
