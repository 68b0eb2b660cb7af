"""The report as data (sections of text, tables, charts and stories) and its rendering to one self-contained,
print-ready HTML document. Pure apart from reading the template, the stylesheet and plotly.js from disk."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import plotly.graph_objects as go

HERE = Path(__file__).resolve().parent
PLOT_WIDTH = 680  # px: 180 mm, the A4 width inside the margins at 96 px per inch
PLOT_SCALE = 0.72  # of a chart's screen height, so the two charts of a section share an A4 page
# Cues that survive black-and-white printing, given out in trace order: colour is never the only difference.
DASHES = ("solid", "dash", "dashdot", "dot", "longdash", "longdashdot")
PATTERNS = ("", "/", "x", ".", "\\", "+", "-")
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "cross", "x", "star")


@dataclass(frozen=True)
class Block:
    """One piece of a section. kind: text, note, hook, heading, list, table, chart or story."""

    kind: str
    text: str = ""
    items: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    numeric: frozenset[int] = frozenset()
    strong: int | None = None
    css: str = ""
    caption: str = ""
    key: str = ""
    figure: go.Figure | None = None
    summary: str = ""
    title: str = ""
    meta: str = ""

    @property
    def height(self) -> int:
        return round((self.figure.layout.height or 420) * PLOT_SCALE) if self.figure is not None else 0


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    blocks: tuple[Block, ...]
    new_page: bool = False


@dataclass(frozen=True)
class Document:
    """Everything the report prints. facts: (label, value) pairs on the title page; footer: the running
    footnote (plain text; page numbers are added)."""

    lang: str
    title: str
    subtitle: str
    window: str
    facts: tuple[tuple[str, str], ...]
    trace: str
    sections: tuple[Section, ...]
    footer: str
    page_word: tuple[str, str] = ("Side", "af")
    extra: dict[str, object] = field(default_factory=dict)


# Plotly's own words for dates and numbers in Danish ("maj 2019", "1.234,5"); English is plotly.js's default.
PLOTLY_LOCALES = {
    "da": {"moduleType": "locale", "name": "da", "dictionary": {}, "format": {
        "days": ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"],
        "shortDays": ["søn", "man", "tir", "ons", "tor", "fre", "lør"],
        "months": ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
                   "november", "december"],
        "shortMonths": ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
        "date": "%d-%m-%Y", "decimal": ",", "thousands": ".",
    }},
}


def for_print(fig: go.Figure, width: int = PLOT_WIDTH) -> go.Figure:
    """A copy of a figure set for paper: a fixed width, no hover or modebar, and a dash, a fill pattern or
    a marker shape per series (one per trace name, so a series split over subplots keeps its cue), so the
    series can be told apart without colour."""
    out = go.Figure(fig)
    out.update_layout(width=width, height=round((fig.layout.height or 420) * PLOT_SCALE), hovermode=False)
    cues: dict[tuple[str, str], int] = {}

    def cue(kind: str, name: object) -> int:
        return cues.setdefault((kind, str(name)), sum(1 for k, _ in cues if k == kind))

    for tr in out.data:
        if tr.type == "bar":
            tr.marker.pattern = {"shape": PATTERNS[cue("bar", tr.name) % len(PATTERNS)], "fillmode": "overlay",
                                 "fgcolor": "#000000", "fgopacity": 0.6, "size": 7, "solidity": 0.25}
            tr.marker.line = {"color": "#000000", "width": 0.8}
        elif tr.type == "scatter":
            if "lines" in str(tr.mode or "lines"):
                tr.line.dash = DASHES[cue("line", tr.name) % len(DASHES)]
            if "markers" in str(tr.mode or ""):
                tr.marker.symbol = SYMBOLS[cue("mark", tr.name) % len(SYMBOLS)]
        elif tr.type == "scatterternary":
            tr.marker.symbol = SYMBOLS[cue("mark", tr.name) % len(SYMBOLS)]
            tr.marker.line = {"color": "#000000", "width": 1}
    return out


@cache
def _asset(name: str) -> str:
    return (HERE / name).read_text(encoding="utf-8")


@cache
def _plotly_js() -> str:
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


@cache
def _template():
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE), autoescape=True, trim_blocks=True,
                             lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    return env.get_template("template.html.j2")


def _script_safe(text: str) -> str:
    # Inside <script>, "</" would end the element: user text (a network called "</script>") stays data.
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def render_html(doc: Document) -> str:
    """The document as one HTML page with its stylesheet, plotly.js and the charts' data inline."""
    import markupsafe

    charts = [{"key": b.key, "fig": json.loads(for_print(b.figure).to_json())}
              for s in doc.sections for b in s.blocks if b.kind == "chart" and b.figure is not None]
    return _template().render(
        r=doc, locale=PLOTLY_LOCALES.get(doc.lang), css=markupsafe.Markup(_asset("report.css")),
        plotly_js=markupsafe.Markup(_script_safe(_plotly_js())),
        # In JSON "<" occurs only inside strings, where \u003c means the same: no user text can open or close a tag.
        charts_json=markupsafe.Markup(json.dumps(charts, ensure_ascii=False).replace("<", "\\u003c")),
    )


def footer_html(doc: Document) -> str:
    """Chromium's footer template: the footnote (escaped) and 'Side 3 af 9'. It is printed in the margin with
    its own styles, so sizes are set here."""
    page, of = doc.page_word
    return (
        '<div style="font-family: \'Liberation Sans\', Arial, sans-serif; font-size: 7.5pt; color: #111; '
        'width: 100%; margin: 0 15mm; display: flex; justify-content: space-between; gap: 6mm;">'
        f'<span>{html.escape(doc.footer)}</span>'
        f'<span style="white-space: nowrap">{html.escape(page)} <span class="pageNumber"></span> {html.escape(of)} '
        '<span class="totalPages"></span></span></div>'
    )
