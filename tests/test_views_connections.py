"""The connections view on a tiny store loaded from bytes: what it shows follows the filters, says why when it
is empty, and escapes user text in its sentences."""

from __future__ import annotations

from datetime import date

import pytest

from netvalue import connections as conn
from netvalue import service
from netvalue.filters import Filters
from netvalue.store import Store
from netvalue.views import StoreSource
from netvalue.views.connections import connections_view

FILES = {
    "org_units.csv": "unit_id,name,parent_id,level\nALB,Kommunen,,municipality\nA1,Område *1*,ALB,area\n"
                     "A2,Område 2,ALB,area\nC1,Center 1,A1,centre\nU1,Enhed _1_,C1,unit\nU2,Enhed 2,C1,unit\n"
                     "U3,Enhed 3,A2,unit\nX1,Borgere,ALB,external\n",
    "indicators.csv": "indicator_id,name,perspective,unit,worst,best\ni1,Tilfredshed,citizen,skala,1,5\n",
    "networks.csv": "network_id,name,type,home_unit_id,leader,purpose,started_on,ended_on,parent_network_id\n"
                    "N1,Et,welfare,U1,Leder,Formål,2015-01-01,,\nN2,To,learning,U2,Leder,Formål,2015-01-01,,\n",
    "participation.csv": "network_id,unit_id,joined_on,left_on,people\n"
                         "N1,U1,2015-01-01,,2\nN1,U3,2015-01-01,2015-06-30,2\nN1,X1,2016-01-01,,9\n"
                         "N2,U1,2015-01-01,,1\nN2,U2,2016-01-01,,1\n",
    "measurements.csv": "network_id,indicator_id,period,value,evidence,note\nN1,i1,2015-01,4,measured,\n"
                        "N1,i1,2016-12,4,measured,\n",
}


@pytest.fixture
def src(store):
    service.load_files(store, [(n, t.encode("utf-8")) for n, t in FILES.items()], who="test")
    return StoreSource(store)


def test_the_view_follows_the_period(src):
    whole = connections_view(src, Filters())
    assert whole.empty_reason is None
    # U1-U3 (N1, 2015), U1-X1 (N1, from 2016; U3 left before X1 came), U1-U2 (N2, from 2016)
    assert whole.counts == {"connected_units": 4, "connections": 3, "cross_area": 1, "external": 1, "internal": 2,
                            "cross_share": 0.5}
    assert whole.years["year"].tolist() == [2015, 2016] and whole.years["connections"].tolist() == [1, 2]
    assert set(whole.figures) == {"graph", "matrix", "path"} and set(whole.alt) == {"graph", "matrix", "path"}
    assert whole.metric_values == {"Forbindelser": "3", "På tværs af direktørområder": "1", "Ud af kommunen": "1",
                                   "Forbundne enheder": "4"}
    assert list(whole.matrix.index) == ["A1", "A2", "external"]
    first_half = connections_view(src, Filters(start=date(2015, 1, 1), end=date(2015, 6, 1)))
    assert first_half.counts["connections"] == 1 and first_half.counts["cross_area"] == 1
    assert first_half.years["year"].tolist() == [2015]
    assert "I 2015 krydsede **100 %** af forbindelserne" in first_half.facts[1]


def test_key_figures_compare_with_the_window_just_before_when_it_lies_in_the_data(src):
    y2016 = connections_view(src, Filters(start=date(2016, 1, 1), end=date(2016, 12, 1)))
    # 2016: U1-X1 and U1-U2; 2015: U1-U3
    assert [m[2] for m in y2016.metrics] == ["+1", "-1", "+1", "+1"]
    assert y2016.comparison_text == ("Ændringerne sammenligner januar 2016 – december 2016 med de lige så lange 12 "
                                     "måneder før: januar 2015 – december 2015.")
    whole = connections_view(src, Filters(lang="en"))
    assert [m[2] for m in whole.metrics] == [None] * 4
    assert whole.comparison_text.startswith("No change arrows")


def test_user_text_is_escaped_in_the_sentences(src):
    view = connections_view(src, Filters())
    bridge = next(s for s in view.facts if "brobygger" in s)
    assert r"Enhed \_1\_" in bridge and r"Område \*1\*" in bridge
    assert "**Én** enhed holder forbindelsesnettet sammen" in view.facts[-2]  # U1 holds U2 and U3 to the rest


def test_types_and_part_of_the_organisation_pick_networks_and_pairs(src):
    learning = connections_view(src, Filters(types=("learning",)))
    assert learning.counts["connections"] == 1 and learning.networks == 1  # U1 - U2 in N2
    scoped = connections_view(src, Filters(unit_id="A2"))
    assert scoped.counts["connections"] == 1 and scoped.counts["cross_area"] == 1  # only pairs touching U3
    assert connections_view(src, Filters(types=())).empty_reason == "no_types"


def test_a_window_with_networks_but_no_pairs_says_so(src):
    view = connections_view(src, Filters(start=date(2015, 1, 1), end=date(2015, 1, 1), types=("learning",)))
    assert view.empty_reason == "no_pairs" and view.empty_text
    assert set(view.figures) == {"path"} and view.metrics[0][1] == "0" and view.method


def test_the_view_agrees_with_the_library_on_the_sample(sample_file):
    with Store(sample_file) as s:
        view = connections_view(StoreSource(s), Filters(lang="en"))
        part, org = s.table("participation"), s.table("org_units")
    whole = conn.yearly(part, org)
    assert view.years.equals(whole)
    assert view.counts["cross_area"] == conn.cross_area_count(part, org, None, None) == 69
    assert view.level == "unit" and len(view.bridges_table) == 15
