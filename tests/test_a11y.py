"""Real browser: a WCAG 2.1 A/AA audit with axe-core on every page, keyboard reach of the filters and the
report button, the overview on a 390 px phone, the overview printed to A4, and the report downloaded from the
overview's button. axe-core comes bundled in the pinned axe-playwright-python package (no network)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.browser_support import CHROMIUM_ARGS, SCREENSHOTS, need_chromium, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser

# "": the overview (the default page); a network's own page too
PAGES = ("", "networks", "networks?network=N01&from=2013-09&to=2019-12", "ripples", "connections", "depth_breadth",
         "upload", "method")
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    chromium = need_chromium()
    from playwright.sync_api import sync_playwright

    db = tmp_path_factory.mktemp("a11y") / "netvalue.duckdb"
    with streamlit_server(db) as url, sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        try:
            # The first session creates the store and runs app.py's navigation; a direct link to a page on a
            # server nobody has opened yet shows Streamlit's "page not found" dialog first.
            warm = b.new_page()
            warm.goto(url + "/")
            wait_for_app(warm)
            warm.close()
            yield url, b
        finally:
            b.close()


def open_page(browser, path: str, viewport: dict | None = None, **context):
    url, b = browser
    ctx = b.new_context(viewport=viewport or {"width": 1400, "height": 1000}, **context)
    page = ctx.new_page()
    page.goto(url + path)
    wait_for_app(page)
    assert page.locator("[data-testid='stException']").count() == 0, page.inner_text("body")[:2000]
    assert page.locator("[data-testid='stDialog']").count() == 0, page.inner_text("[data-testid='stDialog']")
    return page


def axe(page) -> list[dict]:
    from axe_playwright_python.base import AXE_SCRIPT

    page.evaluate(AXE_SCRIPT)
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, "
                           "resultTypes: ['violations']})", WCAG)
    return result["violations"]


@pytest.mark.parametrize("name", PAGES, ids=lambda p: p or "overview")
@pytest.mark.parametrize("lang", ["da", "en"])
def test_no_serious_or_critical_wcag_violation(browser, name, lang):
    page = open_page(browser, f"/{name}{'&' if '?' in name else '?'}lang={lang}")
    # The charts' tables behind their toggles are audited open (the first few: each holds a whole chart's data).
    toggles = page.locator("[data-testid='stExpander'] summary").filter(
        has_text="Vis tallene bag figuren" if lang == "da" else "Show the figures behind the chart")
    for i in range(min(toggles.count(), 3)):
        toggles.nth(i).click()
    if toggles.count():
        page.wait_for_selector("[data-testid='stExpander'] [role='region'] table", timeout=30_000)
    bad = [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in axe(page)
           if v["impact"] in ("serious", "critical")]
    page.context.close()
    assert bad == []


def test_the_filters_and_the_report_button_are_reached_by_keyboard(browser):
    page = open_page(browser, "/")
    wanted = {"st-key-lang", "st-key-period", "st-key-types", "st-key-unit", "st-key-overview_report"}
    seen: list[str] = []
    for _ in range(120):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const e = document.activeElement;
            const box = e.closest('[data-testid]'); const key = e.closest('[class*="st-key-"]');
            return [box ? box.dataset.testid : '', key ? [...key.classList].find(c => c.startsWith('st-key-')) : '',
                    (e.getAttribute('aria-label') || e.innerText || '').slice(0, 40)].join('|'); }""")
        seen.append(focused)
        wanted = {w for w in wanted if w not in focused}  # st-key-period_da counts for st-key-period
        if not wanted:
            break
    if wanted:
        page.screenshot(path=str(SCREENSHOTS / "keyboard_failed.png"))
    page.context.close()
    assert not wanted, f"{sorted(wanted)} never focused by Tab:\n" + "\n".join(seen)


def test_the_overview_on_a_phone(browser):
    page = open_page(browser, "/", viewport=PHONE, is_mobile=True, has_touch=True)
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length >= 3", timeout=60_000)
    page.wait_for_timeout(800)
    boxes = page.evaluate("""() => [...document.querySelectorAll('[data-testid=stMetric]')].map(e => {
        const r = e.getBoundingClientRect(); return [Math.round(r.left), Math.round(r.top), Math.round(r.width)]; })""")
    assert len(boxes) >= 8  # every key figure of the overview
    assert boxes[0][1] == boxes[1][1] and boxes[1][0] > boxes[0][0], "two key figures to a row"
    assert all(w <= PHONE["width"] / 2 for _, _, w in boxes)
    first_chart = page.evaluate("""() => { const m = document.querySelector('[data-testid=stMain]');
        const c = document.querySelector('[data-testid=stPlotlyChart]');
        return c.getBoundingClientRect().top + m.scrollTop; }""")
    assert first_chart < 2 * PHONE["height"], f"the first chart starts {first_chart} px down"
    visible_modebars = page.evaluate("""() => [...document.querySelectorAll('.modebar-container')]
        .filter(e => getComputedStyle(e).display !== 'none').length""")
    assert visible_modebars == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for i in range(2):
        page.evaluate(f"document.querySelector('[data-testid=stMain]').scrollTo(0, {i * PHONE['height']})")
        page.wait_for_timeout(300)
        page.screenshot(path=str(SCREENSHOTS / f"phone_overview_{i + 1}.png"))
    page.context.close()


def test_the_overview_in_print(browser):
    from pypdf import PdfReader

    page = open_page(browser, "/")
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length >= 3", timeout=60_000)
    page.wait_for_timeout(800)
    page.emulate_media(media="print")
    kept_whole = page.evaluate("""() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
        .map(e => getComputedStyle(e).breakInside)""")
    hidden = page.evaluate("""() => ['stSidebar', 'stHeader', 'stDownloadButton'].map(id => {
        const e = document.querySelector(`[data-testid=${id}]`);
        return !e || getComputedStyle(e).display === 'none'; })""")
    pdf = page.pdf(format="A4", print_background=True)  # what Ctrl+P makes (print media, beforeprint fired)
    page.context.close()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "overview_print.pdf").write_bytes(pdf)
    assert kept_whole == ["avoid"] * 3
    assert hidden == [True, True, True]
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Overblik over netværkenes værdi" in text and "Aktive netværk" in text
    assert "Sprog / Language" not in text and "Filtre" not in text, "the sidebar is not printed"
    assert "Lav rapport" not in text
    assert len(reader.pages) <= 4


def test_the_report_button_makes_the_pdf_for_the_pages_filters(browser):
    from pypdf import PdfReader

    page = open_page(browser, "/?lang=en&from=2019-01&to=2019-06&w=2-1-1", accept_downloads=True)
    button = page.locator(".st-key-overview_report").get_by_role("button", name="Make report (PDF)")
    with page.expect_download(timeout=120_000) as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "netvalue-report-2019-01..2019-06.pdf"
    data = Path(download.path()).read_bytes()
    page.context.close()
    assert data.startswith(b"%PDF")
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]
    assert pages[0].startswith("The value of the networks")
    assert "Period January 2019 – June 2019" in pages[0]
    assert "Weights Citizen 50%, Economy 25%, Staff 25%" in pages[0]
