"""A warm rerun (caches filled) of every page sends what the first run sent, without serialising a cached view's
figures or rendering a table's Styler again (st_internals.keep_wire_forms: most of a warm view's CPU at 2,000
networks; tools/wsbench.py measures it)."""

from __future__ import annotations

import pytest
from pandas.io.formats.style import Styler
from plotly.basedatatypes import BaseFigure

import st_internals
from tests.apptest_support import run_app

ONE_NETWORK = {"network": "N01", "from": "2014-01", "to": "2019-12"}  # a window where it has measurements
PAGES = [("pages/overview.py", {}), ("pages/networks.py", {}), ("pages/networks.py", ONE_NETWORK),
         ("pages/ripples.py", {}), ("pages/connections.py", {}), ("pages/depth_breadth.py", {}),
         ("pages/method.py", {})]


@pytest.mark.parametrize(("page", "params"), PAGES, ids=lambda x: str(x) if x else "")
def test_a_warm_rerun_sends_the_same_and_serialises_no_cached_figure_again(app_store, page, params, monkeypatch):
    at = run_app(page, params)
    assert not at.exception, at.exception
    specs, tables = st_internals.chart_specs(at), st_internals.table_wire_forms(at)
    assert specs or tables, f"{page} draws neither a chart nor a table"
    counted = {"to_dict": 0, "_translate": 0}
    for owner, name in ((BaseFigure, "to_dict"), (Styler, "_translate")):
        original = getattr(owner, name)

        def count(self, *args, _name=name, _original=original, **kwargs):
            counted[_name] += 1
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(owner, name, count)
    at.run()
    assert not at.exception, at.exception
    assert st_internals.chart_specs(at) == specs
    assert st_internals.table_wire_forms(at) == tables
    assert counted == {"to_dict": 0, "_translate": 0}, f"{page}: a warm rerun made these again: {counted}"
