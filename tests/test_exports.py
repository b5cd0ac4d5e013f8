"""Tests of dashboard.exports: tables as CSV/Excel/Parquet, figures as PNG/SVG (kaleido in the system
Chromium) and self-contained HTML, the Chromium lookup and the page report ZIP.

Images need Debian's Chromium: skipped without it, failed instead when REQUIRE_BROWSER=1."""

from __future__ import annotations

import io
import os
import re
import shutil
import zipfile

import pandas as pd
import plotly.graph_objects as go
import pytest
from openpyxl import load_workbook

from dashboard import exports


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "country": pd.Series(["FRA", "DEU", None], dtype="string"),
            "value": [2.1, 3.5, None],
            "countries": [["FRA", "DEU"], [], ["POL"]],
            "published": pd.to_datetime(["2024-01-15", "2024-05-02", None], utc=True),
            "text": ["plain", "bell\x07 and form feed\x0c", "x"],
        }
    )


@pytest.fixture
def figure() -> go.Figure:
    fig = go.Figure(go.Bar(x=["France", "Germany"], y=[2.1, 3.5], name="share of GDP"))
    fig.update_layout(title="Defence spending", height=400)
    return fig


def _chromium() -> None:
    if not exports.image_export_available():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("chromium not found (apt-get install chromium)")
        pytest.skip("chromium not found")


def test_csv_joins_lists_and_drops_timezones(frame) -> None:
    back = pd.read_csv(io.BytesIO(exports.table_bytes(frame, "csv")))
    assert list(back.columns) == list(frame.columns)
    assert back.loc[0, "countries"] == "FRA;DEU"
    assert back.loc[0, "published"] == "2024-01-15"
    assert len(back) == 3


def test_parquet_round_trips(frame) -> None:
    back = pd.read_parquet(io.BytesIO(exports.table_bytes(frame, "parquet")))
    assert list(back["country"].astype(object).where(back["country"].notna(), None)) == ["FRA", "DEU", None]
    assert list(back.loc[0, "countries"]) == ["FRA", "DEU"]


def test_excel_holds_every_row_and_drops_control_characters(frame) -> None:
    sheet = load_workbook(io.BytesIO(exports.table_bytes(frame, "xlsx"))).active
    rows = list(sheet.values)
    assert rows[0] == tuple(frame.columns)
    assert len(rows) == 4
    assert rows[2][4] == "bell and form feed"  # \x07 and \x0c are not allowed in a cell
    assert rows[1][2] == "FRA;DEU"


def test_text_a_spreadsheet_would_run_as_a_formula_is_kept_as_text() -> None:
    evil = pd.DataFrame(
        {
            "evidence": ['=HYPERLINK("http://x.example","click")', "+1+1", "@SUM(A1)", "plain -1"],
            "score": [-0.5, 1.0, 0.0, -1.0],
        }
    )
    sheet = load_workbook(io.BytesIO(exports.table_bytes(evil, "xlsx"))).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2, max_col=1)]
    assert all(c.data_type == "s" for c in cells)  # no formula cell
    assert [c.value for c in cells][:3] == ['\'=HYPERLINK("http://x.example","click")', "'+1+1", "'@SUM(A1)"]
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == [-0.5, 1.0, 0.0, -1.0]
    back = pd.read_csv(io.BytesIO(exports.table_bytes(evil, "csv")))
    assert back["evidence"].tolist()[2:] == ["'@SUM(A1)", "plain -1"]
    assert back["score"].tolist() == [-0.5, 1.0, 0.0, -1.0]  # numbers stay numbers


def test_unknown_formats_are_refused(frame, figure) -> None:
    with pytest.raises(ValueError, match="supported: csv, parquet, xlsx"):
        exports.table_bytes(frame, "json")
    with pytest.raises(ValueError, match="supported: png, svg, html"):
        exports.figure_bytes(figure, "pdf")


def test_html_is_self_contained(figure) -> None:
    html = exports.figure_bytes(figure, "html").decode("utf-8")
    assert html.startswith("<!doctype html>")
    assert "Plotly.newPlot" in html and "Defence spending" in html
    assert not re.search(r"<script[^>]*\bsrc=", html)  # plotly.js inlined: opens offline
    assert len(html) > 1_000_000


def test_chromium_lookup_follows_path_and_browser_path(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no browser anywhere
    assert exports.chromium_path() is None
    assert not exports.image_export_available()
    with pytest.raises(RuntimeError, match="install it"):
        exports.figure_bytes(go.Figure(), "png")
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    assert exports.chromium_path() == str(fake)  # found on PATH
    other = tmp_path / "elsewhere"
    other.write_text("#!/bin/sh\n")
    other.chmod(0o755)
    monkeypatch.setenv("BROWSER_PATH", str(other))
    assert exports.chromium_path() == str(other)  # the explicit setting wins
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "missing"))
    assert exports.chromium_path() == str(fake)  # a wrong setting falls back to PATH


def test_png_and_svg_are_drawn_by_the_system_chromium(figure) -> None:
    _chromium()
    png = exports.figure_bytes(figure, "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(png[16:20], "big")
    height = int.from_bytes(png[20:24], "big")
    assert (width, height) == (exports.IMAGE_WIDTH * exports.IMAGE_SCALE, 400 * exports.IMAGE_SCALE)
    svg = exports.figure_bytes(figure, "svg").decode("utf-8")
    assert svg.startswith("<svg") and "Defence spending" in svg and "Germany" in svg
    assert os.path.samefile(os.environ["BROWSER_PATH"], shutil.which("chromium") or exports.chromium_path())


def test_report_zip_holds_every_chart_and_its_data(figure, frame) -> None:
    other = go.Figure(go.Scatter(x=[1, 2], y=[3, 4]))
    items = [
        exports.ReportItem("spending", figure, frame),
        exports.ReportItem("spending", other, frame.head(1)),  # same name: suffixed
        exports.ReportItem("table only", None, frame),
    ]
    data = exports.report_zip(items, note="page: Test\nFilters: France", images=False)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = set(zf.namelist())
        assert names == {
            "README.txt",
            "plotly.min.js",
            "spending.html",
            "spending.csv",
            "spending_2.html",
            "spending_2.csv",
            "table_only.csv",
        }
        assert "Filters: France" in zf.read("README.txt").decode()
        html = zf.read("spending.html").decode()
        assert re.search(r'<script[^>]*src="plotly.min.js"', html)  # one shared plotly.js in the ZIP
        assert len(pd.read_csv(io.BytesIO(zf.read("spending_2.csv")))) == 1
        assert len(pd.read_csv(io.BytesIO(zf.read("spending.csv")))) == 3


def test_report_zip_with_images(figure, frame) -> None:
    _chromium()
    items = [exports.ReportItem("a", figure, frame), exports.ReportItem("b", go.Figure(go.Bar(y=[1])), None)]
    with zipfile.ZipFile(io.BytesIO(exports.report_zip(items))) as zf:
        for stem in ("a", "b"):
            assert zf.read(f"{stem}.png").startswith(b"\x89PNG")
            assert zf.read(f"{stem}.svg").startswith(b"<svg")
        assert "b.csv" not in zf.namelist()
