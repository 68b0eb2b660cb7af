"""Real-browser tests of the upload page: a Danish Excel CSV export through the file input, preview, save and
history; and a bad file whose report names line and column while nothing is saved."""

from __future__ import annotations

import pytest

from tests.browser_support import SCREENSHOTS, browser_page, need_chromium, streamlit_server, wait_for_app
from tests.support import make_csv

pytestmark = pytest.mark.browser

GOOD = make_csv([
    ["netværk", "navn", "netværkstype", "hjemmeenhed", "leder", "formål", "startdato", "slutdato", "udsprunget_af"],
    ["N97", "Pårørende i centrum", "velfærd", "U-HJEM-NORD", "Netværksleder, Hjemmeplejen Nord",
     "Pårørende inddrages tidligt", "01-03-2015", "", ""],
], delimiter=";", encoding="cp1252", newline="\r\n")
BAD = make_csv([
    ["netværk", "indikator", "måned", "værdi"],
    ["N01", "citizen_satisfaction", "01-03-2015", "4,5"],
    ["N01", "citizen_satisfaction", "31-02-2015", "4,5"],
    ["N01", "wellbeing", "03-2015", "mange"],
], delimiter=";", encoding="cp1252", newline="\r\n")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    chromium = need_chromium()
    db = tmp_path_factory.mktemp("browser_upload") / "netvalue.duckdb"
    with streamlit_server(db, {"NETVALUE_OPEN_UPLOADS": "1"}) as url:
        # Warm up: until app.py has run st.navigation once, a cold server still treats pages/ as the old
        # pages-directory app (reported to the lead); the first session is spent on that.
        with browser_page(chromium) as page:
            page.goto(url + "/")
            wait_for_app(page)
        yield url, chromium


def open_upload_page(page, url: str) -> None:
    """Start on the overview and follow the sidebar link, as a user does."""
    page.set_viewport_size({"width": 1400, "height": 2000})  # the whole page in one screenshot
    page.goto(url + "/")
    wait_for_app(page)
    page.locator("[data-testid='stSidebarNav'] a", has_text="Upload").click()
    page.wait_for_selector("h1:has-text('Upload af registreringer')", timeout=60_000)
    wait_for_app(page)


def grid_rows(page, header: str) -> list[list[str]]:
    """The cells of the st.dataframe with a column named header (from the grid's accessible table)."""
    grid = page.locator("[data-testid='stDataFrame']").filter(
        has=page.locator(f"th[role='columnheader']:text-is('{header}')"))
    assert grid.count() == 1, f"{grid.count()} tables with a column {header!r}"
    rows = []
    for r in range(grid.locator("[role='row']").count()):
        cells = grid.locator("[role='row']").nth(r).locator("[role='gridcell']").all_inner_texts()
        rows.append([c.strip() for c in cells])
    return [r for r in rows if r]


def test_danish_csv_upload_preview_commit_and_history(server, tmp_path):
    url, chromium = server
    path = tmp_path / "netværk_dk.csv"
    path.write_bytes(GOOD)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with browser_page(chromium) as page:
        open_upload_page(page, url)
        page.set_input_files("[data-testid='stFileUploader'] input[type='file']", str(path))
        page.wait_for_selector("text=Klar til at gemme: Netværk: 1.", timeout=60_000)
        wait_for_app(page)
        assert page.locator("text=netværk_dk.csv → Netværk (1 række)").count() == 1
        preview = grid_rows(page, "home_unit_id")
        assert preview[0][:5] == ["2", "N97", "Pårørende i centrum", "welfare", "U-HJEM-NORD"]
        assert "2015-03-01" in preview[0]
        page.screenshot(path=str(SCREENSHOTS / "upload-preview.png"))

        page.get_by_role("button", name="Gem i databasen").click()
        page.wait_for_selector("text=Gemt som upload nr.", timeout=60_000)
        wait_for_app(page)
        history = grid_rows(page, "Hvem")
        newest = history[0]
        assert newest[2:5] == ["open (demo)", "netværk_dk.csv", "1"], history
        assert page.locator("[data-testid='stException']").count() == 0
        page.screenshot(path=str(SCREENSHOTS / "upload-saved.png"))


def test_bad_file_shows_the_report_with_line_and_column_and_saves_nothing(server, tmp_path):
    url, chromium = server
    path = tmp_path / "målinger_fejl.csv"
    path.write_bytes(BAD)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with browser_page(chromium) as page:
        open_upload_page(page, url)
        batches_before = len(grid_rows(page, "Hvem"))
        page.set_input_files("[data-testid='stFileUploader'] input[type='file']", str(path))
        page.wait_for_selector("text=Filerne kan ikke indlæses: 2 problemer", timeout=60_000)
        wait_for_app(page)
        report = grid_rows(page, "Problem")
        assert ["målinger_fejl.csv", "", "3", "måned", "31-02-2015", "Ikke en gyldig måned."] in [
            r[:6] for r in report], report
        assert ["målinger_fejl.csv", "", "4", "værdi", "mange", "Ikke et tal."] in [r[:6] for r in report], report
        assert page.get_by_role("button", name="Gem i databasen").count() == 0
        assert len(grid_rows(page, "Hvem")) == batches_before, "nothing was saved"
        assert page.locator("[data-testid='stException']").count() == 0
        page.screenshot(path=str(SCREENSHOTS / "upload-report.png"))
