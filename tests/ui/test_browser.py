"""Browser checks with Playwright and Debian's Chromium against `streamlit run app.py` on a small store:
charts drawn, country filter and URL, CSV download, row selection and injected HTML shown as text.

Starts and stops its own Streamlit server; screenshots go to /tmp/ddd-shots, never into the repository."""

from __future__ import annotations

import io
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path("/tmp/ddd-shots")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROW_HEIGHT = 35  # st.dataframe default row (and header) height in px


def _chromium() -> str:
    path = shutil.which("chromium")
    if path is None:
        message = "chromium not found on PATH (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium; skips (or fails when REQUIRE_BROWSER=1) before anything is built without it."""
    return _chromium()


@pytest.fixture(scope="session")
def server(chromium_path: str, small_store: Path) -> Iterator[str]:
    """`streamlit run app.py` on a free port with DDD_STORE set to the small store; yields its URL."""
    port = _free_port()
    env = {**os.environ, "DDD_STORE": str(small_store)}
    log = small_store.parent / "streamlit.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.port",
                str(port),
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(scope="session")
def browser(chromium_path: str, server: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def context(browser):
    """One context for the session: its HTTP cache keeps Streamlit's frontend bundle between tests (each
    test still gets its own page, hence its own Streamlit session)."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1500}, accept_downloads=True)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    pg.close()


def _open(page, url: str, ready: str) -> None:
    page.goto(url)
    page.locator(ready).first.wait_for(state="visible", timeout=60_000)


def _metric(page, label: str):
    return (
        page.locator('[data-testid="stMetric"]')
        .filter(has_text=label)
        .locator('[data-testid="stMetricValue"]')
    )


def _statements_matching(tables: dict[str, pd.DataFrame], code: str) -> int:
    arts = tables["articles"]
    mentioning = set(arts.loc[arts["countries"].map(lambda cs: code in cs), "article_id"])
    st_ = tables["statements"]
    return int(((st_["speaker_country"] == code).fillna(False) | st_["article_id"].isin(mentioning)).sum())


def _click_first_row(page) -> None:
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for(state="visible")
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + ROW_HEIGHT + ROW_HEIGHT / 2)


def test_overview_shows_metrics_and_a_drawn_chart(page, server: str, small_tables) -> None:
    from playwright.sync_api import expect

    _open(page, server, '[data-testid="stMetric"]')
    expect(_metric(page, "Articles")).to_have_text(str(len(small_tables["articles"])))
    expect(_metric(page, "Statements")).to_have_text(str(len(small_tables["statements"])))
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    expect(chart).to_be_visible()
    expect(chart.locator("svg.main-svg").first).to_be_visible()
    expect(chart.locator("g.barlayer path").first).to_be_attached()  # bars were drawn
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "overview.png"), full_page=True)


def test_country_filter_changes_counts_and_url(page, server: str, small_tables) -> None:
    from playwright.sync_api import expect

    _open(page, server, '[data-testid="stMetric"]')
    total = _metric(page, "Statements").inner_text()
    page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').click()
    page.keyboard.type("France")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")  # close the options list
    expected = _statements_matching(small_tables, "FRA")
    expect(_metric(page, "Statements")).to_have_text(str(expected))
    assert str(expected) != total
    expect(page).to_have_url(re.compile(r"[?&]country=FRA\b"))
    # the selection is kept on the other page, and the shared URL restores it
    page.get_by_role("link", name="Statements").click()
    expect(page.locator('[data-testid="stCaptionContainer"]').filter(has_text="France").first).to_be_visible()
    expect(page).to_have_url(re.compile(r"/statements\?country=FRA\b"))


def test_shared_url_restores_the_filter(page, server: str, small_tables) -> None:
    from playwright.sync_api import expect

    _open(page, f"{server}/statements?country=DEU", '[data-testid="stDataFrame"]')
    expected = _statements_matching(small_tables, "DEU")
    expect(
        page.get_by_text(re.compile(rf"and {expected} statements match the filters \(Germany\)"))
    ).to_be_visible()
    expect(page.locator('[data-testid="stSidebar"]').get_by_text("Germany")).to_be_visible()


def test_csv_download_matches_the_chart(page, server: str, small_tables) -> None:
    _open(page, server, '[data-testid="stMetric"]')
    button = page.locator('[data-testid="stDownloadButton"] button').first
    button.wait_for(state="visible")
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    frame = pd.read_csv(io.BytesIO(Path(download.path()).read_bytes()))
    assert list(frame.columns) == ["period", "kind", "statements"]
    assert frame["statements"].sum() == len(small_tables["statements"])
    assert set(frame["kind"]) <= {"direct", "partial", "indirect"}


def test_clicking_a_row_shows_the_article(page, server: str) -> None:
    from playwright.sync_api import expect

    _open(page, f"{server}/statements", '[data-testid="stDataFrame"]')
    expect(page.get_by_text("Select a row")).to_be_visible()
    _click_first_row(page)
    highlighted = page.locator(".st-key-highlighted_statement")
    expect(highlighted).to_be_visible()
    expect(page.get_by_text("Select a row")).to_have_count(0)
    expect(page.locator('[data-testid="stText"]').first).to_be_visible()


def test_injected_html_is_shown_as_text_and_never_runs(page, server: str, injection_tags) -> None:
    from playwright.sync_api import expect

    script_tag, img_tag = injection_tags
    _open(page, f"{server}/statements", '[data-testid="stDataFrame"]')
    search = page.get_by_label("Search statements")
    search.fill("airspace")
    search.press("Enter")
    expect(page.get_by_text("1 statement match")).to_be_visible()
    _click_first_row(page)
    expect(page.locator(".st-key-highlighted_statement")).to_be_visible()
    article = page.locator('[data-testid="stText"]')
    expect(article.filter(has_text=script_tag)).to_have_count(1)
    expect(article.filter(has_text=img_tag)).to_have_count(1)
    expect(page.get_by_text("[not a link](javascript:alert(1))", exact=False)).to_be_visible()
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator('a[href^="javascript"]').count() == 0
    assert page.evaluate("window.__pwned") is None
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "statements.png"), full_page=True)
