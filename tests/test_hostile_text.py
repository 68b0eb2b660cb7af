"""Hostile user text is shown as text on every page: a store whose names, ids, units, leader, purpose, story
titles and a loaded file name hold Markdown images and links, HTML tags, a `javascript:` link, backticks and
`$math$` is walked page by page under AppTest (every Markdown body and every label holds it escaped, and every
Plotly figure's JSON holds no raw tag from it), and the overview and the ripples page are opened in a real
browser, where no link or image points at the hostile address and no request goes there."""

from __future__ import annotations

import json
import re
import shutil

import pytest

import st_internals
from netvalue import safetext, service
from netvalue.store import Store
from tests.apptest_support import run_app
from tests.support import make_csv

HOST = "evil.invalid"


def hostile(tag: str) -> str:
    """One hostile text, tagged so a test can tell where it came from."""
    return (f"{tag} ![i](https://{HOST}/{tag}.png) [x](https://{HOST}/{tag}) [j](javascript:alert(1)) "
            f'<a href="https://{HOST}/a">a</a> <b>fed</b> <script>alert(1)</script> `kode` $x^2$ :red[rød]')


HID = f"N99 [id](https://{HOST}/id) <b>id</b>"  # a network id is user text too
FILE_NAME = "![f](javascript:alert(1)) <b>fil `kode` $x^2$.csv"  # a file name holds no '/'

# Raw forms of the hostile text that would render as markup in Markdown (an image, a link, a tag, code, math,
# a Streamlit colour); escaped, none of them is left (a backslash splits each, or stands before the tag).
RAW_MD = re.compile(r"!\[[ifx]\]|\]\((?:https://evil|javascript)|(?<!\\)<(?:a href=.https://evil|b>fed|b>id|script>alert)"
                    r"|`kode`|\$x\^2\$|:red\[")
RAW_PLOT = ("<a href", "<b>fed", "<b>id", "<b>fil", "<script", "$x^2$")


@pytest.fixture(scope="module")
def hostile_file(sample_file, tmp_path_factory):
    """The sample, with hostile text in N01 (name, leader, purpose), its home unit and centre, an indicator's
    name and unit, a newest story, a network with a hostile id, and a batch loaded under a hostile file name."""
    path = tmp_path_factory.mktemp("hostile_text") / "hostile.duckdb"
    shutil.copyfile(sample_file, path)
    with Store(path) as store:
        net = store.table("networks").set_index("network_id")
        org = store.table("org_units").set_index("unit_id")
        ind = store.table("indicators").set_index("indicator_id")
        n01 = net.loc["N01"]
        home = org.loc[n01["home_unit_id"]]
        centre_id = home["parent_id"]
        centre = org.loc[centre_id]
        units = [["unit_id", "name", "parent_id", "level"],
                 [n01["home_unit_id"], hostile("enhed"), centre_id, home["level"]],
                 [centre_id, hostile("center"), centre["parent_id"], centre["level"]]]
        nets = [["network_id", "name", "type", "home_unit_id", "leader", "purpose", "started_on", "ended_on",
                 "parent_network_id"],
                ["N01", hostile("netværk"), n01["type"], n01["home_unit_id"], hostile("leder"), hostile("formål"),
                 "2013-09-01", "", ""],
                [HID, hostile("nyt"), "learning", n01["home_unit_id"], "Leder", "Formål", "2019-01-01", "", "N01"]]
        first = ind.index[0]
        indicators = [["indicator_id", "name", "perspective", "unit", "worst", "best"],
                      [first, hostile("indikator"), ind.loc[first, "perspective"], hostile("måleenhed"),
                       str(ind.loc[first, "worst"]), str(ind.loc[first, "best"])]]
        part = [["network_id", "unit_id", "joined_on", "left_on", "people"],
                [HID, n01["home_unit_id"], "2019-01-01", "", "3"]]
        meas = [["network_id", "indicator_id", "period", "value", "evidence", "note"],
                [HID, first, "2019-06", str(ind.loc[first, "best"]), "measured", hostile("note")]]
        stories = [["network_id", "told_on", "perspective", "title", "text"],
                   ["N01", "2019-12-30", "citizen", hostile("titel"), hostile("tekst")],
                   [HID, "2019-12-31", "staff", hostile("titel2"), hostile("tekst2")]]
        service.load_files(store, [("org_units.csv", make_csv(units)), ("networks.csv", make_csv(nets)),
                                   ("indicators.csv", make_csv(indicators)), ("participation.csv", make_csv(part)),
                                   ("measurements.csv", make_csv(meas)), (FILE_NAME, make_csv(stories))],
                           who="<b>who</b> [w](https://evil.invalid/w)")
    return path


@pytest.fixture
def hostile_db(hostile_file, tmp_path, monkeypatch):
    path = tmp_path / "hostile.duckdb"
    shutil.copyfile(hostile_file, path)
    monkeypatch.setenv("NETVALUE_DB", str(path))
    monkeypatch.delenv("NETVALUE_UPLOAD_PASSPHRASE", raising=False)
    monkeypatch.setenv("NETVALUE_OPEN_UPLOADS", "1")  # the explicit demo opt-in, where uploads are closed by default
    return path


# Proto fields Streamlit renders as Markdown: element bodies, labels (widgets, expanders, tabs, page links,
# metrics), help tooltips, progress and status texts, radio options and captions.
MD_FIELDS = {"body", "label", "help", "text", "captions"}
SKIP_MESSAGES = {"PlotlyChart", "Arrow", "ArrowTable", "DataFrame", "Code", "Json", "Exception", "Text", "Html"}
RAW_HTML = ("<a href", "<b>fed", "<b>id", "<b>fil", "<script", "<img")  # st.html is HTML, not Markdown


def _strings(msg, out: list[str]) -> None:
    for field, value in msg.ListFields():
        if field.message_type is not None:
            values = value if field.is_repeated else [value]
            for v in values:
                if type(v).__name__ not in SKIP_MESSAGES:
                    _strings(v, out)
        elif field.name in MD_FIELDS and isinstance(value, str):
            out.append(value)
        elif field.is_repeated and (field.name in MD_FIELDS or (
                field.name == "options" and type(msg).__name__ == "Radio")):
            out += [v for v in value if isinstance(v, str)]


def markdown_texts(at) -> list[str]:
    """Every string of the page that Streamlit renders as Markdown (selectbox options and tables are plain)."""
    out: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and type(proto).__name__ not in SKIP_MESSAGES:
            _strings(proto, out)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(st_internals.element_root(at))
    return out


def html_texts(at) -> list[str]:
    """The charts' data tables (st.html, ui.chart_text): HTML, where user text must be entity-escaped."""
    # Not the app's own print and phone styles and script (ui.page_styles).
    return [b for b in st_internals.html_bodies(at) if b.startswith('<div role="region"')]

def figures(at) -> list[str]:
    return [json.dumps(json.loads(spec), ensure_ascii=False) for spec in st_internals.chart_specs(at)]


# page, URL parameters, tags shown in Markdown (escaped), tags drawn in a figure (escaped)
PAGES = [
    ("pages/overview.py", {}, ["netværk", "titel2"], ["nyt"]),
    ("pages/networks.py", {}, [], []),
    ("pages/networks.py", {"network": "N01"}, ["netværk", "leder", "formål", "enhed", "nyt"], []),
    ("pages/networks.py", {"network": HID}, ["nyt", "netværk", "enhed"], ["indikator"]),
    ("pages/ripples.py", {}, [], ["center", "netværk"]),
    ("pages/ripples.py", {"network": "N01"}, [], ["netværk", "nyt"]),
    ("pages/depth_breadth.py", {}, [], []),
    ("pages/method.py", {}, [], ["indikator", "måleenhed"]),
    ("pages/upload.py", {}, [], []),
]


@pytest.mark.parametrize(("page", "params", "seen", "charted"), PAGES,
                         ids=[f"{p.split('/')[1][:-3]}{'-' + next(iter(q.values()))[:3] if q else ''}"
                              for p, q, _, _ in PAGES])
def test_every_page_shows_hostile_text_as_text(hostile_db, page, params, seen, charted):
    at = run_app(page, params=params)
    assert not at.exception, [e.value for e in at.exception]
    texts = markdown_texts(at)
    raw = [s for s in texts if RAW_MD.search(s)]
    assert not raw, f"user text renders as Markdown: {raw[:3]}"
    for body in html_texts(at):
        hostile = [tag for tag in RAW_HTML if tag in body]
        assert not hostile, f"user text renders as HTML in a chart's table on {page}: {hostile}"
    if charted:  # the hostile names reach the charts' tables, as text
        assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in body for body in html_texts(at)), page
    shown = "\n".join(texts)
    for tag in seen:  # the walk sees the hostile text (escaped), so it is not passing on an empty page
        assert safetext.md(f"{tag} ![i](https://{HOST}/{tag}.png)") in shown, f"{tag!r} is not shown on {page}"
    specs = figures(at)
    for spec in specs:
        for token in RAW_PLOT:
            assert token not in spec, f"{token!r} reaches a figure unescaped on {page}"
    for tag in charted:
        assert any(safetext.plot(f"{tag} ![i](https://") in s for s in specs), (tag, page)  # names may be clipped


def test_the_undo_confirmation_shows_a_hostile_file_name_as_text(hostile_db):
    at = run_app("pages/upload.py")
    at.button(key="upload_undo").click().run()
    assert not at.exception, [e.value for e in at.exception]
    warnings = [w.value for w in at.warning]
    assert any(safetext.md(FILE_NAME) in w for w in warnings), warnings
    assert not [s for s in markdown_texts(at) if RAW_MD.search(s)]


# -- a real browser ------------------------------------------------------------------------------------------------
@pytest.mark.browser
@pytest.mark.parametrize("path", ["/", "/ripples?network=N01", "/networks?network=N01"])
def test_in_a_real_browser_no_link_or_image_points_at_the_hostile_address(hostile_file, tmp_path, path):
    from tests.browser_support import browser_page, need_chromium, streamlit_server, wait_for_app

    chromium = need_chromium()
    db = tmp_path / "hostile.duckdb"
    shutil.copyfile(hostile_file, db)
    with streamlit_server(db) as url, browser_page(chromium) as page:
        asked: list[str] = []
        page.on("request", lambda r: asked.append(r.url))
        page.set_viewport_size({"width": 1400, "height": 3000})
        page.goto(url + path)
        wait_for_app(page)
        page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length >= 1", timeout=60_000)
        page.wait_for_timeout(1500)
        assert page.locator("[data-testid='stException']").count() == 0, page.inner_text("body")[:2000]
        # Where each link and image leads (our own page links carry a hostile id in their query: that is fine).
        targets = page.evaluate("""() => [...document.querySelectorAll('a, img, image')].map(e => {
            const h = e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('xlink:href') || '';
            try { const u = new URL(h, location.href); return u.protocol + '//' + u.host; } catch (err) { return h; }
        })""")
        assert not [h for h in targets if HOST in h or h.lower().startswith("javascript")], targets
        assert page.locator("script:has-text('alert(1)')").count() == 0
        assert not [u for u in asked if HOST in u], "the browser fetched the hostile address"
        body = page.inner_text("[data-testid='stMain']").replace("\u2060", "")
        assert f"https://{HOST}/" in body, "the hostile text is on the page, as text"
