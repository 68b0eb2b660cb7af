"""Print an HTML document to an A4 PDF with Debian's chromium, driven by playwright.

Chromium prints Plotly's SVG as vectors, keeps the text searchable, and writes the running footnote on every
page from a footer template. No network: the document carries everything it needs (plotly.js inline).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass

# The same flags as the browser tests (tests/browser_support.py): headless, no sandbox as root, no calls home.
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
# Page margins; the bottom one holds the footnote.
MARGINS = {"top": "16mm", "bottom": "24mm", "left": "15mm", "right": "15mm"}
READY = "window.__reportReady === true"


class ChromiumMissing(RuntimeError):
    """No chromium (or no playwright) on this machine: the report cannot be printed."""


class PrintFailed(RuntimeError):
    """Chromium started but did not print the document."""


@dataclass(frozen=True)
class Printer:
    """Where chromium is; chromium_path() finds it."""

    executable: str


def chromium_path() -> str | None:
    """Debian's chromium: $NETVALUE_CHROMIUM, else chromium or chromium-browser on the PATH."""
    own = os.environ.get("NETVALUE_CHROMIUM")
    if own:
        return own if os.path.isfile(own) and os.access(own, os.X_OK) else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def printer() -> Printer:
    """The printer, or ChromiumMissing with the install line."""
    path = chromium_path()
    if path is None:
        raise ChromiumMissing("chromium")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        raise ChromiumMissing("playwright") from exc
    return Printer(path)


def html_to_pdf(html: str, footer_html: str, *, timeout_ms: float = 60_000, pr: Printer | None = None) -> bytes:
    """A4 PDF bytes of a self-contained HTML document. The document sets window.__reportReady when its charts
    have drawn; footer_html (already escaped) is Chromium's footer template, printed on every page."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    pr = pr or printer()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=pr.executable, args=CHROMIUM_ARGS, headless=True)
            try:
                page = browser.new_page()
                # Nothing leaves the machine: the document is whole, so any request is refused.
                page.route("**/*", lambda route: route.abort())
                page.set_content(html, wait_until="load", timeout=timeout_ms)
                page.wait_for_function(READY, timeout=timeout_ms)
                page.emulate_media(media="print")
                return page.pdf(
                    format="A4", print_background=True, prefer_css_page_size=True, margin=MARGINS,
                    display_header_footer=True, header_template="<span></span>", footer_template=footer_html,
                    outline=True, tagged=True,
                )
            finally:
                browser.close()
    except PlaywrightError as exc:
        raise PrintFailed(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from exc
