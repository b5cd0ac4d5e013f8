"""Browser checks with Playwright and Debian's Chromium against `streamlit run app.py` on a copy of the small
store: every page drawn (screenshots), country filter and URL, a chart downloaded as PNG and as CSV, row
selection, injected HTML shown as text, and an upload on the Data page counted.

Starts and stops one Streamlit server for the module; screenshots go to /tmp/ddd-shots, never into the
repository. The upload test runs last: it adds an article to the server's store."""

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
import zipfile
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


@pytest.fixture(scope="module")
def server_store(small_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the small store for the server, so the upload test does not change the shared one."""
    store = tmp_path_factory.mktemp("ddd-browser") / "store"
    shutil.copytree(small_store, store)
    return store


@pytest.fixture(scope="module")
def server(chromium_path: str, server_store: Path) -> Iterator[str]:
    """`streamlit run app.py` on a free port with DDD_STORE set to the store copy; yields its URL."""
    port = _free_port()
    env = {**os.environ, "DDD_STORE": str(server_store)}
    log = server_store.parent / "streamlit.log"
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


@pytest.fixture(scope="module")
def browser(chromium_path: str, server: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def context(browser):
    """One context for the session: its HTTP cache keeps Streamlit's frontend bundle between tests (each
    test still gets its own page, hence its own Streamlit session)."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1500}, accept_downloads=True)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    from playwright.sync_api import expect

    pg = context.new_page()
    pg.set_default_timeout(30_000)
    expect.set_options(timeout=30_000)  # assertions wait as long as actions (a busy machine draws late)
    yield pg
    pg.close()


def _open(page, url: str, ready: str) -> None:
    page.goto(url)
    page.locator(ready).first.wait_for(state="visible", timeout=60_000)


def _metric(page, label: str):
    exact = page.locator('[data-testid="stMetricLabel"]', has_text=re.compile(rf"^{re.escape(label)}$"))
    return page.locator('[data-testid="stMetric"]').filter(has=exact).locator('[data-testid="stMetricValue"]')


def _statements_matching(tables: dict[str, pd.DataFrame], code: str) -> pd.DataFrame:
    """Independent of dashboard.queries: speaker from `code`, article mentioning `code`, or holding a number
    about `code` (the country filter's default: all three fields)."""
    arts = tables["articles"]
    mentioning = set(arts.loc[arts["countries"].map(lambda cs: code in cs), "article_id"])
    nums = tables["numbers"]
    holding = set(nums.loc[(nums["country"] == code).fillna(False), "statement_id"].dropna())
    st_ = tables["statements"]
    keep = (st_["speaker_country"] == code).fillna(False) | st_["article_id"].isin(mentioning)
    return st_[keep | st_["statement_id"].isin(holding)]


def _click_first_row(page, shown=None) -> None:
    """Tick the first row's selection box of the first table and wait for `shown` (a locator; the article
    view's highlighted statement by default). The grid is a canvas that is drawn again after each rerun, so
    a click during a rerun can be lost: wait for the app to be idle and click again (at most three times)
    until it shows."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    grid = page.locator('[data-testid="stDataFrame"]').first
    highlighted = page.locator(".st-key-highlighted_statement") if shown is None else shown
    for _ in range(3):
        grid.wait_for(state="visible")
        page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=30_000)
        box = grid.bounding_box()
        if box is None:  # the grid was being replaced by a rerun
            continue
        page.mouse.click(box["x"] + 18, box["y"] + ROW_HEIGHT + ROW_HEIGHT / 2)
        try:
            highlighted.wait_for(state="visible", timeout=5_000)
            return
        except PlaywrightTimeout:  # the click fell into a rerun: try again
            continue


def test_overview_shows_metrics_and_a_drawn_chart(page, server: str, small_tables) -> None:
    from playwright.sync_api import expect

    _open(page, server, '[data-testid="stMetric"]')
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(_metric(page, "Articles")).to_have_text(str(len(small_tables["articles"])))
    expect(_metric(page, "Statements")).to_have_text(str(len(small_tables["statements"])))
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    expect(chart).to_be_visible()
    expect(chart.locator("svg.main-svg").first).to_be_visible()
    expect(chart.locator("g.barlayer path").first).to_be_attached()  # bars were drawn
    expect(page.get_by_role("button", name="Deploy")).to_have_count(0)  # an analyst's tool: no developer menu
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "overview.png"), full_page=True)


def _download(page, button, timeout: int = 90_000) -> tuple[str, bytes]:
    with page.expect_download(timeout=timeout) as info:
        button.click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def test_country_filter_narrows_the_charts_and_downloads_png_and_csv(page, server: str, small_tables) -> None:
    from playwright.sync_api import expect

    _open(page, server, '[data-testid="stMetric"]')
    total = _metric(page, "Statements").inner_text()
    page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.click()
    page.keyboard.type("France")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")  # close the options list
    expected = _statements_matching(small_tables, "FRA")
    expect(_metric(page, "Statements")).to_have_text(str(len(expected)))
    assert str(len(expected)) != total
    expect(page).to_have_url(re.compile(r"[?&]country=FRA\b"))
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    expect(chart.locator("g.barlayer path").first).to_be_attached()  # the narrowed chart is drawn
    buttons = page.locator('[data-testid="stDownloadButton"]')
    name, png = _download(page, buttons.filter(has_text="PNG").first)
    assert name.endswith(".png") and png.startswith(b"\x89PNG\r\n\x1a\n")
    csv_name, csv = _download(page, buttons.filter(has_text="CSV").first)
    assert csv_name == name.removesuffix(".png") + ".csv"
    frame = pd.read_csv(io.BytesIO(csv))
    assert list(frame.columns) == ["period", "kind", "statements"]
    assert frame["statements"].sum() == len(expected)  # France's statements only (every sample one is dated)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "overview_france.png"), full_page=True)
    # the selection is kept on the other page, and the shared URL restores it
    page.get_by_role("link", name="Statements").click()
    expect(page.locator('[data-testid="stCaptionContainer"]').filter(has_text="France").first).to_be_visible()
    expect(page).to_have_url(re.compile(r"/statements\?country=FRA\b"))


def test_the_spending_claims_table_downloads_every_claim_of_the_filtered_articles(
    page, server: str, small_tables
) -> None:
    """The claims table's CSV (written by DuckDB, not from the frame shown) holds every percent-of-GDP figure
    the Germany filter keeps, counted here independently of dashboard.queries."""
    from playwright.sync_api import expect

    _open(page, f"{server}/spending?country=DEU", '[data-testid="stMetric"]')
    numbers = small_tables["numbers"]
    arts = small_tables["articles"]
    mentioning = set(arts.loc[arts["countries"].map(lambda cs: "DEU" in cs), "article_id"])
    st_ = small_tables["statements"]
    by_german = set(st_.loc[(st_["speaker_country"] == "DEU").fillna(False), "statement_id"])
    kept = (
        numbers["article_id"].isin(mentioning)
        | (numbers["country"] == "DEU").fillna(False)
        | numbers["statement_id"].isin(by_german)
    )
    expected = numbers[kept & (numbers["unit"] == "percent_of_gdp")]
    button = page.locator(".st-key-spending_claims_csv").get_by_role("button")
    expect(button).to_be_visible()
    name, data = _download(page, button)
    frame = pd.read_csv(io.BytesIO(data))
    assert name == "spending_claims.csv" and len(frame) == len(expected) > 0
    assert sorted(frame["statement_id"].dropna()) == sorted(expected["statement_id"].dropna())
    checked = frame[frame["verdict"].notna()]
    assert frame.index[: len(checked)].tolist() == list(range(len(checked)))  # checked claims first
    expect(_metric(page, "Checked claims")).to_have_text(str(len(checked)))


def test_shared_url_restores_the_filter(page, server: str, small_tables) -> None:
    from playwright.sync_api import expect

    _open(page, f"{server}/statements?country=DEU", '[data-testid="stDataFrame"]')
    expected = len(_statements_matching(small_tables, "DEU"))
    expect(
        page.get_by_text(re.compile(rf"and {expected} statements match the filters \(Germany\)"))
    ).to_be_visible()
    expect(page.locator('[data-testid="stSidebar"]').get_by_text("Germany")).to_be_visible()


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


PAGE_PATHS = {
    "overview": "",
    "spending": "spending",
    "stances": "stances",
    "statements": "statements",
    "topics": "topics",
    "data": "data",
    "review": "review",
}


CHART_PAGES = {"overview", "spending", "stances", "topics"}  # they end with the report button


def _charts_with_downloads(page) -> int:
    """The number of charts drawn, once every chart has its row of download buttons (the rows may come a
    moment after the page's last element)."""
    charts = page.locator('[data-testid="stPlotlyChart"]')
    pngs = page.locator('[data-testid="stDownloadButton"]').filter(has_text="PNG")
    deadline = time.monotonic() + 60
    while charts.count() != pngs.count() and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    assert charts.count() == pngs.count(), f"{charts.count()} charts, {pngs.count()} PNG buttons"
    return charts.count()


@pytest.mark.parametrize("name", list(PAGE_PATHS))
def test_every_page_renders_and_is_screenshot(page, server: str, name: str) -> None:
    from playwright.sync_api import expect

    _open(page, f"{server}/{PAGE_PATHS[name]}", '[data-testid="stCaptionContainer"]')
    expect(page.get_by_text("match the filters").first).to_be_visible()
    if name in CHART_PAGES:  # the last element: the whole page has been sent
        expect(page.get_by_role("button", name="Download report")).to_be_visible(timeout=60_000)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    charts = page.locator('[data-testid="stPlotlyChart"]')
    assert (_charts_with_downloads(page) > 0) == (name in CHART_PAGES)
    for i in range(charts.count()):
        charts.nth(i).scroll_into_view_if_needed()
        expect(charts.nth(i).locator("svg.main-svg").first).to_be_visible(timeout=30_000)
    page.evaluate("document.querySelectorAll('*').forEach(e => { if (e.scrollTop) e.scrollTop = 0; })")
    page.wait_for_timeout(500)  # let the last charts finish their transitions
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"page_{name}.png"), full_page=True)


def test_table_toolbars_offer_no_csv_download_of_their_own(page, server: str) -> None:
    """Streamlit's toolbar CSV would write article text unescaped (=HYPERLINK(...) runs in a spreadsheet);
    tables are downloaded through the pages' own buttons, which escape it."""
    from playwright.sync_api import expect

    _open(page, f"{server}/statements", '[data-testid="stDataFrame"]')
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.hover()
    toolbar = page.locator('[data-testid="stElementToolbar"]').first
    expect(toolbar.get_by_role("button").first).to_be_visible()  # the toolbar is there (search, fullscreen)
    labels = [b.get_attribute("aria-label") or b.inner_text() for b in toolbar.get_by_role("button").all()]
    assert labels and not any("download" in label.lower() for label in labels), labels


def test_report_zip_holds_the_pages_charts_and_data(page, server: str) -> None:
    from playwright.sync_api import expect

    _open(page, f"{server}/topics", '[data-testid="stCaptionContainer"]')
    report = page.get_by_role("button", name="Download report")
    expect(report).to_be_visible(timeout=60_000)
    n_charts = _charts_with_downloads(page)
    name, data = _download(page, report)
    assert name == "topics_report.zip"
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        stems = {n.rsplit(".", 1)[0] for n in names if n.endswith(".html")}
        assert len(stems) == n_charts > 0
        for stem in stems:
            assert zf.read(f"{stem}.png").startswith(b"\x89PNG")
            assert zf.read(f"{stem}.svg").lstrip().startswith(b"<svg")
            assert len(pd.read_csv(io.BytesIO(zf.read(f"{stem}.csv")))) > 0
        assert "page: Topics" in zf.read("README.txt").decode()
        assert "plotly.min.js" in names


def test_upload_on_the_data_page_is_counted(page, server: str, small_tables, tmp_path: Path) -> None:
    """Runs last in the module: it adds one article to the server's store."""
    from playwright.sync_api import expect

    upload = tmp_path / "2024-06-12_lisbon-budget.md"
    upload.write_text(
        "---\ntitle: Lisbon budget debate\nsource: Upload Test Wire\npublished: 2024-06-12\n---\n"
        "Portugal will raise defence spending to 2% of GDP this year, Prime Minister Luis Montenegro "
        "said.\n\n"
        '"We will meet our commitment to our allies," Montenegro told parliament.\n',
        encoding="utf-8",
    )
    _open(page, f"{server}/data", '[data-testid="stFileUploader"]')
    before = len(small_tables["articles"])
    expect(_metric(page, "Articles")).to_have_text(f"{before:,}")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(upload))
    expect(page.get_by_role("button", name=f"Remove {upload.name}")).to_be_visible()  # uploaded
    page.get_by_role("button", name="Read into the store").click()
    expect(_metric(page, "Articles added")).to_have_text("1", timeout=120_000)
    expect(_metric(page, "Articles")).to_have_text(f"{before + 1:,}")
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("Outlets")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "data_after_upload.png"), full_page=True)


def _idle(page) -> None:
    """Wait until the app has finished its rerun."""
    page.wait_for_timeout(300)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=60_000)


def test_an_analysts_corrections_survive_a_re_ingest_on_the_pages_and_in_downloads(
    page, server: str, server_store: Path, small_store: Path
) -> None:
    """Runs after the upload test (it changes the server's store): an analyst fixes a speaker, adds a stance
    the extractor missed and rejects a figure; the store is ingested again from its articles; the three
    corrections are still what the pages and their CSV downloads show."""
    from playwright.sync_api import expect

    from dashboard.loader import load_articles

    # a speaker fixed on the Statements page
    _open(page, f"{server}/statements", '[data-testid="stDataFrame"]')
    page.get_by_label("Search statements").fill("airspace")
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile(r"and 1 statement match"))).to_be_visible()
    _click_first_row(page)
    page.get_by_text("Correct this statement").click()
    page.locator(".st-key-statement_fix_speaker input").fill("Jane Analyst")  # a name the gazetteer lacks
    page.keyboard.press("Enter")
    page.locator(".st-key-statement_fix_save button").click()
    expect(page.get_by_role("heading", name=re.compile("Jane Analyst"))).to_be_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "corrected_statement.png"), full_page=True)
    # a stance the extractor missed, added on the Review page
    _open(page, f"{server}/review", ".st-key-review_accept")
    page.get_by_text("Add a stance it states").click()
    actor_input = page.locator(".st-key-review_add_actor input")
    expect(actor_input).not_to_have_value("")  # the speaker, once the form is drawn
    actor = actor_input.input_value()
    page.locator(".st-key-review_add_save button").click()
    expect(page.get_by_text("Stance added")).to_be_visible()
    # a figure rejected on the Spending claims page
    _open(page, f"{server}/spending", '[data-testid="stMetric"]')
    _idle(page)
    _, before = _download(page, page.locator(".st-key-spending_claims_csv").get_by_role("button"))
    claims = pd.read_csv(io.BytesIO(before))
    checked = int(_metric(page, "Checked claims").inner_text().replace(",", ""))
    _click_first_row(page, page.get_by_text("Correct this figure").first)
    _idle(page)  # the form is the selected row's only once the selection's rerun is over
    page.get_by_text("Correct this figure").click()
    page.locator(".st-key-number_fix_rejected").get_by_text("Not a claim").click()
    expect(page.locator(".st-key-number_fix_rejected input")).to_be_checked()
    page.locator(".st-key-number_fix_save button").click()
    expect(_metric(page, "Checked claims")).to_have_text(str(checked - 1))
    assert claims["verdict"].notna().iloc[0]  # the first row, the one rejected, was a checked claim
    # the store ingested again from its articles, the corrections database kept
    for child in server_store.iterdir():
        if child.name not in {"corrections", "uploads"}:
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    uploads = [server_store / "uploads"] if (server_store / "uploads").is_dir() else []
    load_articles([small_store.parent / "articles", *uploads], store=server_store)
    # ... and every correction is still there, on the pages and in their downloads
    _open(page, f"{server}/statements", '[data-testid="stDataFrame"]')
    page.get_by_label("Search statements").fill("airspace")
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile(r"and 1 statement match"))).to_be_visible()
    _idle(page)  # a download clicked during a rerun points at a file the rerun replaced
    _, data = _download(page, page.get_by_role("button", name="Download these statements (CSV)"))
    assert pd.read_csv(io.BytesIO(data))["speaker"].tolist() == ["Jane Analyst"]
    _open(page, f"{server}/spending", '[data-testid="stMetric"]')
    expect(_metric(page, "Checked claims")).to_have_text(str(checked - 1))
    _idle(page)
    _, after = _download(page, page.locator(".st-key-spending_claims_csv").get_by_role("button"))
    assert len(pd.read_csv(io.BytesIO(after))) == len(claims) - 1
    _open(page, f"{server}/data", ".st-key-export_stances")
    _idle(page)
    _, stances = _download(page, page.locator(".st-key-export_stances").get_by_role("button"))
    added = pd.read_csv(io.BytesIO(stances)).query("method == 'analyst'")
    assert added["actor"].tolist() == [actor]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "data_after_reingest.png"), full_page=True)


def test_the_review_queue_is_worked_from_the_keyboard_and_exports_json_lines(page, server: str) -> None:
    """J and K move through the queue, A accepts the row shown (it leaves the queue), a key typed in a field
    is text, not a shortcut; N takes a sentence off the missed-stances queue; every correction downloads as
    JSON Lines."""
    import json

    from playwright.sync_api import expect

    _open(page, f"{server}/review", ".st-key-review_accept")
    position = page.get_by_text(re.compile(r"^Row [\d,]+ of [\d,]+$"))
    first = position.inner_text()
    total = int(first.split()[-1].replace(",", ""))
    _idle(page)
    page.wait_for_timeout(1000)  # the shortcuts are bound once the page has settled
    page.get_by_role("heading", name="Review", exact=True).click()  # the page has the keyboard focus
    page.keyboard.press("j")
    expect(position).to_have_text(f"Row 2 of {total:,}")
    page.keyboard.press("k")
    expect(position).to_have_text(f"Row 1 of {total:,}")
    page.get_by_text("Correct it").click()
    page.locator(".st-key-review_statements_fix_note input").fill("just a note")  # j, k and a typed here
    _idle(page)
    expect(position).to_have_text(f"Row 1 of {total:,}")
    page.locator(".st-key-review_statements_fix_note input").blur()
    page.keyboard.press("a")
    expect(position).to_have_text(f"Row 1 of {total - 1:,}")
    _idle(page)
    # the form now holds the next row's values, not those of the row accepted
    speaker = page.locator("h3").first.inner_text().split(",")[0]
    shown = "—" if speaker == "Unnamed speaker" else speaker
    expect(page.locator(".st-key-review_statements_fix_speaker input")).to_have_value(shown)
    expect(page.locator(".st-key-review_statements_fix_note input")).to_have_value("")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "review_statements.png"), full_page=True)
    # the queue of missed stances
    page.locator(".st-key-review_table").get_by_text("Missed stances").click()
    waiting = page.get_by_text(re.compile(r"^[\d,]+ sentences in the filtered articles"))
    expect(waiting).to_be_visible()
    queued = int(waiting.inner_text().split()[0].replace(",", ""))
    _idle(page)
    # the stance form starts from the queued sentence: no actor, its target (not the last statement's); the
    # last rerun's copy of the form can linger in the page for a moment after the status widget hides
    expect(page.locator(".st-key-review_add_actor input")).to_have_count(1)
    expect(page.locator(".st-key-review_add_actor input")).to_have_value("")
    target = page.locator("h3").first.inner_text()
    expect(page.locator(".st-key-review_add_target input")).to_have_value(target)
    page.keyboard.press("n")
    expect(
        page.get_by_text(re.compile(rf"^{queued - 1:,} sentences in the filtered articles"))
    ).to_be_visible()
    page.screenshot(path=str(SHOTS / "review_missed_stances.png"), full_page=True)
    _idle(page)
    name, data = _download(page, page.locator(".st-key-review_corrections_jsonl").get_by_role("button"))
    lines = [json.loads(line) for line in data.decode("utf-8").splitlines()]
    assert name == "corrections.jsonl" and lines[-1]["field"] == "confirmed" and lines[-1]["new"] is True
