"""The council report: the text alternatives of charts, the document the report lays out, and the PDF that
`python -m netvalue report` prints, read back with pypdf and checked against the view layer and `scores`."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from netvalue import keyfigures as kf
from netvalue import report, service
from netvalue.charts import alt_text
from netvalue.i18n import t
from netvalue.report.document import Block, Document, Section, footer_html, for_print, render_html
from netvalue.store import Store
from netvalue.views.overview import overview_view
from tests.browser_support import need_chromium
from tests.support import TINY_ROWS, make_csv

ROOT = Path(__file__).resolve().parent.parent


# -- Text alternatives --------------------------------------------------------------------------------------------
def test_lines_over_time_become_one_row_per_period_and_one_column_per_line():
    fig = go.Figure([go.Scatter(x=pd.to_datetime(["2015-01-01", "2015-04-01"]), y=[10.0, 20.5], name="Borger",
                                mode="lines"),
                     go.Scatter(x=pd.to_datetime(["2015-04-01"]), y=[7.0], name="<b>Samlet</b>", mode="lines")])
    fig.update_xaxes(title_text="Periode")
    out = alt_text.figure_table(fig, "da")
    expected = pd.DataFrame({"Periode": ["2015-01", "2015-04"], "Borger": [10.0, 20.5], "Samlet": [None, 7.0]})
    pd.testing.assert_frame_equal(out, expected, check_dtype=False)


def test_horizontal_bars_take_their_labels_from_y_and_the_one_axis_title_that_exists():
    fig = go.Figure([go.Bar(x=[65.4, 21.0], y=["A", "B"], orientation="h", name="Velfærd", xaxis="x", yaxis="y"),
                     go.Bar(x=[30.0], y=["C"], orientation="h", name="Læring", xaxis="x2", yaxis="y2")])
    fig.update_layout(xaxis2={"title": {"text": "Score"}})
    out = alt_text.figure_table(fig, "da")
    assert list(out.columns) == ["Serie", "Navn", "Score"]
    assert out.values.tolist() == [["Velfærd", "A", 65.4], ["Velfærd", "B", 21.0], ["Læring", "C", 30.0]]
    summary = alt_text.figure_summary(fig.update_layout(title_text="Stærkest"), "da")
    assert summary == ("Figuren »Stærkest« viser 3 rækker data (Velfærd, Læring). Højest: A (65,4). "
                       "Lavest: B (21).")


def test_ternary_points_get_a_column_per_corner_and_the_name_from_customdata():
    fig = go.Figure(go.Scatterternary(a=[50], b=[30], c=[20], name="Velfærd", customdata=[["Netværk 1", 1]]))
    fig.update_layout(ternary={"aaxis": {"title": {"text": "Borger"}}, "baxis": {"title": {"text": "Kommune"}},
                               "caxis": {"title": {"text": "Medarbejder"}}})
    out = alt_text.figure_table(fig, "en")
    assert out.to_dict("records") == [{"Series": "Velfærd", "Name": "Netværk 1", "Borger": 50.0, "Kommune": 30.0,
                                      "Medarbejder": 20.0}]


def test_an_empty_figure_says_so():
    fig = go.Figure().update_layout(title_text="Intet")
    assert alt_text.figure_table(fig).empty
    assert alt_text.figure_summary(fig, "en") == "The chart “Intet” has no data to show."


def test_frame_table_writes_numbers_and_months_for_the_reader():
    df = pd.DataFrame({"period": pd.to_datetime(["2019-05-01", None]), "value": [1234.5, float("nan")],
                       "n": [3, 4]})
    da = alt_text.frame_table(df, "da", {"period": "Måned", "value": "Værdi", "n": "Antal"})
    assert da.values.tolist() == [["2019-05", "1.234,5", "3"], ["–", "–", "4"]]
    assert alt_text.table_for(df, "en")["value"].tolist() == ["1,234.5", "–"]
    assert df["value"].iloc[0] == 1234.5  # the input is untouched


# -- Print styling and the HTML document --------------------------------------------------------------------------
def test_for_print_tells_series_apart_without_colour_and_leaves_the_figure_alone():
    fig = go.Figure([go.Bar(x=[1], y=["a"], orientation="h", name="Velfærd"),
                     go.Bar(x=[2], y=["b"], orientation="h", name="Læring"),
                     go.Bar(x=[3], y=["c"], orientation="h", name="Velfærd", xaxis="x2", yaxis="y2"),
                     go.Scatter(x=[1, 2], y=[1, 2], mode="lines"), go.Scatter(x=[1, 2], y=[2, 1], mode="lines",
                                                                             name="b")])
    out = for_print(fig)
    assert [tr.marker.pattern.shape for tr in out.data[:3]] == ["", "/", ""]  # one cue per series, in any panel
    assert [tr.line.dash for tr in out.data[3:]] == ["solid", "dash"]
    assert out.layout.width == 680 and out.layout.hovermode is False
    assert fig.data[1].marker.pattern.shape is None and fig.layout.width is None


def _doc(name: str, footer: str = "v1") -> Document:
    fig = go.Figure(go.Bar(x=[1.0], y=[name], orientation="h")).update_layout(title_text=name)
    section = Section("s", name, (Block("text", text=name), Block("chart", key="c", figure=fig, summary=name),
                                  Block("table", header=("a",), rows=((name,),))))
    return Document("da", name, name, "w", ((name, name),), name, (section,), footer)


def test_user_text_stays_data_in_the_html_and_in_the_charts_script():
    evil = "</script><script>alert(1)</script><b>x</b>"
    html = render_html(_doc(evil))
    assert "<script>alert(1)" not in html
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in html
    assert "\\u003c/script>\\u003cscript>alert(1)" in html  # inside the charts' JSON: no tag can open or close
    assert html.count("</script>") == 2  # plotly.js and the charts: nothing else closes a script


def test_the_footer_is_escaped_and_numbers_the_pages():
    out = footer_html(_doc("n", footer="<img src=x onerror=alert(1)> & co"))
    assert "<img" not in out and "&lt;img src=x onerror=alert(1)&gt; &amp; co" in out
    assert '<span class="pageNumber"></span>' in out and '<span class="totalPages"></span>' in out


# -- The document built from the data -----------------------------------------------------------------------------
@pytest.fixture
def tiny_store():
    s = Store(":memory:")
    service.load_files(s, [(f"{name}.csv", make_csv(rows)) for name, rows in TINY_ROWS.items()], who="test")
    yield s
    s.close()


def _texts(doc: Document) -> str:
    out = []
    for s in doc.sections:
        out.append(s.title)
        for b in s.blocks:
            out += [b.text, *b.items, *b.header, *(c for r in b.rows for c in r), b.caption, b.summary, b.title,
                    b.meta]
    return "\n".join(x for x in out if x)


def test_the_whole_period_has_no_earlier_window_and_says_why(tiny_store):
    meta = report.meta_from_store(tiny_store)
    assert (meta.data_from, meta.data_to) == (date(2014, 1, 1), date(2014, 6, 1))
    f = report.window_filters(meta)
    doc = report.build(report.source_for(tiny_store), f, meta, made=datetime(2026, 12, 1))
    keyfig = doc.sections[0]
    assert keyfig.key == "keyfigures"
    table = keyfig.blocks[0]
    assert table.header == ("Nøgletal", "januar 2014 – juni 2014")  # no earlier column, no change column
    rows = dict(table.rows)
    view = overview_view(report.source_for(tiny_store), f)
    assert rows["Aktive netværk"] == "2" == kf.format_number(view.headline["networks"], "da")
    assert rows["Borger"] == kf.format_number(view.headline["citizen"], "da")
    assert rows["Nettoværdi i kroner"] == "30.000 kr."  # 50.000 saved - 20.000 spent
    assert keyfig.blocks[1].text == t("report.kf.no_compare", "da", earlier="juli 2013 – december 2013",
                                      first="januar 2014")
    assert [s.key for s in doc.sections] == ["keyfigures", "legs", "strong_weak", "ripples", "connections",
                                             "stories", "method", "data"]
    assert ("Sammenlignet med", "ingen data i perioden før (juli 2013 – december 2013)") in doc.facts
    assert "dataversion 1" in doc.footer and "januar 2014 – juni 2014" in doc.footer


def test_a_window_after_the_first_months_compares_with_the_window_just_before(tiny_store):
    meta = report.meta_from_store(tiny_store)
    f = report.window_filters(meta, date(2014, 4, 1), date(2014, 6, 1), lang="en")
    doc = report.build(report.source_for(tiny_store), f, meta)
    table = doc.sections[0].blocks[0]
    assert table.header == ("Figure", "April 2014 – June 2014", "January 2014 – March 2014", "Change")
    assert doc.sections[0].blocks[1].text == ("The changes compare April 2014 – June 2014 with the 3 months just "
                                              "before: January 2014 – March 2014.")
    rows = {r[0]: r[1:] for r in table.rows}
    assert rows["Active networks"] == ("2", "1", "+1")  # N2 started in June


def test_a_window_whose_earlier_window_starts_before_the_data_shows_no_change(tiny_store):
    meta = report.meta_from_store(tiny_store)
    f = report.window_filters(meta, date(2014, 2, 1), date(2014, 6, 1))
    doc = report.build(report.source_for(tiny_store), f, meta)
    assert len(doc.sections[0].blocks[0].header) == 2
    assert doc.sections[0].blocks[1].text == t("report.kf.no_compare", "da", earlier="september 2013 – januar 2014",
                                               first="januar 2014")


def test_the_method_names_the_weights_and_every_chart_has_a_text_alternative(tiny_store):
    meta = report.meta_from_store(tiny_store)
    f = report.window_filters(meta, base=report.flt.Filters(weights=(("citizen", 2.0), ("economy", 1.0),
                                                                     ("staff", 1.0))))
    doc = report.build(report.source_for(tiny_store), f, meta)
    text = _texts(doc)
    assert "Borger 50\u00a0%, Kommune (økonomi) 25\u00a0%, Medarbejder (trivsel og faglighed) 25\u00a0%" in text
    assert "Metode" in text and "1. Indikatorscore" in text and "$" not in text and "**" not in text
    charts = [b for s in doc.sections for b in s.blocks if b.kind == "chart"]
    overview = [b for b in charts if b.key in ("ternary", "trend", "strong_weak")]
    assert len(overview) == 3 and all(b.summary.startswith("Figuren »") for b in overview)
    assert all(b.summary for b in charts)  # the connections charts bring their own sentences
    assert "Fru Hansen går selv i Kvickly igen" in text


# -- The PDF through the command line -----------------------------------------------------------------------------
def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "netvalue", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=180, env={**os.environ, **(env or {})})


def pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [" ".join(p.extract_text().split()) for p in PdfReader(path).pages]


@pytest.fixture
def sample_copy(sample_file, tmp_path) -> Path:
    path = tmp_path / "sample.duckdb"
    shutil.copyfile(sample_file, path)
    return path


def test_without_chromium_the_command_says_how_to_install_it(sample_copy, tmp_path):
    out = tmp_path / "r.pdf"
    r = cli("report", "--db", str(sample_copy), "--out", str(out), env={"NETVALUE_CHROMIUM": str(tmp_path / "none")})
    assert r.returncode == 1 and not out.exists()
    assert "apt-get install chromium" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("args, message", [
    (("--from", "2019-13"), "--from skal være en måned som 2015-03, ikke »2019-13«."),
    (("--from", "2019-05", "--to", "2019-01"), "--from (2019-05) ligger efter --to (2019-01)."),
])
def test_a_bad_window_is_refused_with_a_sentence(sample_copy, tmp_path, args, message):
    r = cli("report", "--db", str(sample_copy), "--out", str(tmp_path / "r.pdf"), *args)
    assert r.returncode == 2 and r.stderr.strip() == message


@pytest.mark.browser
def test_the_whole_period_report_shows_the_views_figures_and_the_scores_of_the_command_line(sample_copy, tmp_path):
    need_chromium()
    out = tmp_path / "report.pdf"
    r = cli("report", "--db", str(sample_copy), "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(b"%PDF")
    from pypdf import PdfReader

    root = PdfReader(out).trailer["/Root"]
    assert root["/Lang"] == "da" and "/StructTreeRoot" in root and "/Outlines" in root  # tagged, bookmarked
    pages = pdf_pages(out)
    with Store(sample_copy) as store:
        meta = report.meta_from_store(store)
        f = report.window_filters(meta)
        view = overview_view(report.source_for(store), f)
        version = store.data_version()
    window = "september 2013 – december 2019"
    assert pages[0].startswith("Netværkenes værdi") and f"Periode {window}" in pages[0]
    for i, page in enumerate(pages, start=1):  # the footnote on every page
        assert f"dataversion {version} · data til og med december 2019 · periode {window}" in page
        assert f"Side {i} af {len(pages)}" in page
    key = next(p for p in pages if p.startswith("Nøgletal"))
    h = view.headline
    assert f"Nøgletal {window} Aktive netværk {h['networks']:.0f} " in key
    for k, name in (("citizen", "Borger"), ("economy", "Kommune (økonomi)"),
                    ("staff", "Medarbejder (trivsel og faglighed)"),
                    ("overall", "Samlet værdi")):
        assert f"{name} {kf.format_number(h[k], 'da')} " in key
    assert f"Nettoværdi i kroner {kf.format_kr(h['net_dkk'], 'da')}" in key
    assert t("report.kf.no_compare", "da", earlier="maj 2007 – august 2013", first="september 2013") in key
    # The strongest and weakest networks carry the same overall value as `python -m netvalue scores`.
    scores = {row["name"]: row for row in csv.DictReader(io.StringIO(cli("scores", "--db", str(sample_copy)).stdout))}
    text = " ".join(pages)
    shown = list(view.top["name"]) + list(view.bottom["name"])
    assert len(shown) == 10
    for name in shown:
        value = float(scores[name]["overall"])
        assert f"{name} {kf.format_number(value, 'da', 1)}" in text  # the appendix: the chart's data
        assert f"{name} " in text
    assert "Metode" in text and "spinkelt grundlag" in text


@pytest.mark.browser
def test_an_english_report_of_one_month_compares_with_the_month_before(sample_copy, tmp_path):
    need_chromium()
    out = tmp_path / "may.pdf"
    r = cli("report", "--db", str(sample_copy), "--out", str(out), "--lang", "en", "--from", "2019-05", "--to",
            "2019-05")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"The report is written to {out}")
    pages = pdf_pages(out)
    assert pages[0].startswith("The value of the networks") and "Period May 2019" in pages[0]
    assert "Compared with April 2019" in pages[0]
    assert all(re.search(rf"Page {i} of {len(pages)}", p) for i, p in enumerate(pages, start=1))
    key = next(p for p in pages if p.startswith("Key figures"))
    assert "Figure May 2019 April 2019 Change Active networks" in key
    assert "The changes compare May 2019 with the month before: April 2019." in key
    assert "Method" in " ".join(pages)


@pytest.mark.browser
def test_a_window_at_the_start_of_the_data_has_no_arrow_and_says_why(sample_copy, tmp_path):
    need_chromium()
    out = tmp_path / "first.pdf"
    r = cli("report", "--db", str(sample_copy), "--out", str(out), "--from", "2013-09", "--to", "2014-08")
    assert r.returncode == 0, r.stderr
    key = next(p for p in pdf_pages(out) if p.startswith("Nøgletal"))
    assert "Ændring" not in key
    assert t("report.kf.no_compare", "da", earlier="september 2012 – august 2013", first="september 2013") in key


# -- The overview's button ----------------------------------------------------------------------------------------
def test_the_overview_offers_the_report_for_its_filters(app_store):
    from tests.apptest_support import run_app

    at = run_app(params={"lang": "en", "from": "2019-01", "to": "2019-06"})
    assert not at.exception, at.exception
    buttons = [b for b in at.get("download_button") if b.key == "overview_report"]
    assert len(buttons) == 1
    assert buttons[0].label == "Make report (PDF)"


def test_marks_a_reader_cannot_hover_are_not_data():
    fig = go.Figure([go.Bar(x=[1.0], y=["a"], orientation="h", name="Velfærd"),
                     go.Scatter(x=[50], y=["a"], name="Midte", hoverinfo="skip")]).update_layout(title_text="T")
    assert alt_text.figure_table(fig, "da").values.tolist() == [["Velfærd", "a", 1.0]]
    assert alt_text.figure_summary(fig, "da").startswith("Figuren »T« viser 1 række data (Velfærd).")
    assert len(fig.data) == 2


def test_ui_draws_a_charts_text_alternative_with_user_text_escaped():
    from streamlit.testing.v1 import AppTest

    def app():
        import plotly.graph_objects as go

        import ui

        fig = go.Figure(go.Bar(x=[72.0, 21.0], y=["**Fed** <b>x</b>", "Bevægelse"], orientation="h", name="Velfærd"))
        ui.chart_text(fig.update_layout(title_text="Stærkest"), "k")

    at = AppTest.from_function(app).run()
    assert not at.exception, at.exception
    from netvalue.explain import escape_markdown

    summary = "Figuren »Stærkest« viser 2 rækker data (Velfærd). Højest: **Fed** x (72). Lavest: Bevægelse (21)."
    assert at.caption[0].value == escape_markdown(summary)  # shown as written, never as bold
    assert at.expander[0].label == "Vis tallene bag figuren"
    import st_internals

    body = "".join(b for b in st_internals.html_bodies(at) if 'role="region"' in b)
    assert "<b>" not in body and "Bevægelse" in body and "72" in body


def test_page_markdown_becomes_plain_text_in_print():
    assert report.from_markdown("**12** af 31 i \\*\\*Fed\\*\\* \\(C\\-SUO\\)\\.") == "12 af 31 i **Fed** (C-SUO)."


def test_the_connections_section_draws_the_connections_view_when_it_is_there(tiny_store):
    meta = report.meta_from_store(tiny_store)
    doc = report.build(report.source_for(tiny_store), report.window_filters(meta), meta)
    section = next(s for s in doc.sections if s.key == "connections")
    try:
        from netvalue.views.connections import connections_view
    except ImportError:
        assert [b.kind for b in section.blocks] == ["hook"]
        return
    cv = connections_view(report.source_for(tiny_store), report.window_filters(meta))
    table = next(b for b in section.blocks if b.kind == "table")
    assert [r[:2] for r in table.rows] == [(label, value) for label, value, _ in cv.metrics]
