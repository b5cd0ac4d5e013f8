"""Bytes for downloads: tables as CSV, Parquet or Excel; plotly figures as PNG, SVG or HTML; a page report
as one ZIP. Pure functions of DataFrames and figures; no Streamlit here.

PNG and SVG are drawn by kaleido 1.x in the system's Chromium (found on PATH or via BROWSER_PATH, never
downloaded); without one `image_export_available()` is False and `figure_bytes` refuses those formats."""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

FORMATS = ("csv", "parquet", "xlsx")
FIGURE_FORMATS = ("png", "svg", "html")
MIME = {
    "csv": "text/csv",
    "parquet": "application/vnd.apache.parquet",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "svg": "image/svg+xml",
    "html": "text/html",
    "zip": "application/zip",
}
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
IMAGE_WIDTH = 1100  # px; the height is the figure's own (charts set it) or plotly's default
IMAGE_SCALE = 2  # PNG pixels per px: sharp when pasted into a report


def _for_files(df: pd.DataFrame) -> pd.DataFrame:
    """List cells joined with ';' and timezones dropped, so every format (Excel included) can hold them;
    text that a spreadsheet would run as a formula (article text is untrusted: "=HYPERLINK(...)") is
    prefixed with an apostrophe, as spreadsheets themselves mark text."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object and out[col].map(lambda v: isinstance(v, list)).any():
            out[col] = out[col].map(lambda v: ";".join(v) if isinstance(v, list) else v)
        elif isinstance(out[col].dtype, pd.DatetimeTZDtype):
            out[col] = out[col].dt.tz_convert("UTC").dt.tz_localize(None)
        if out[col].dtype == object or isinstance(out[col].dtype, pd.StringDtype):
            out[col] = out[col].map(_as_text)
    return out


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet runs a cell that starts so


def _as_text(value: object) -> object:
    return f"'{value}" if isinstance(value, str) and value[:1] in FORMULA_START else value


def table_bytes(df: pd.DataFrame, fmt: str) -> bytes:
    """One table as CSV (UTF-8), Parquet or Excel bytes."""
    if fmt == "csv":
        return _for_files(df).to_csv(index=False).encode("utf-8")
    if fmt == "parquet":
        buf = io.BytesIO()
        df.to_parquet(buf, index=False)
        return buf.getvalue()
    if fmt == "xlsx":
        out = _for_files(df)
        for col in out.columns:  # control characters are not allowed in Excel cells: dropped
            if out[col].dtype == object or isinstance(out[col].dtype, pd.StringDtype):
                out[col] = out[col].map(lambda v: _XLSX_ILLEGAL.sub("", v) if isinstance(v, str) else v)
        buf = io.BytesIO()
        with pd.ExcelWriter(buf, engine="openpyxl") as writer:
            out.to_excel(writer, index=False, sheet_name="data")
        return buf.getvalue()
    raise ValueError(f"unknown format {fmt!r}; supported: {', '.join(FORMATS)}")


def export_tables(tables: dict[str, pd.DataFrame], out_dir: Path, fmt: str) -> list[Path]:
    """Write every table to `out_dir/<table>.<fmt>` and return the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, df in tables.items():
        path = out_dir / f"{name}.{fmt}"
        path.write_bytes(table_bytes(df, fmt))
        paths.append(path)
    return paths


def chromium_path() -> str | None:
    """The system Chromium kaleido will use: BROWSER_PATH when it names an executable, else the first of
    CHROMIUM_NAMES on PATH; None when there is none."""
    configured = os.environ.get("BROWSER_PATH")
    if configured and os.access(configured, os.X_OK):
        return configured
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def image_export_available() -> bool:
    """True when PNG/SVG export can run (a system Chromium exists)."""
    return chromium_path() is not None


def figure_bytes(fig: go.Figure, fmt: str) -> bytes:
    """`fig` as PNG or SVG (kaleido in the system Chromium) or as a self-contained interactive HTML page
    (plotly.js inlined, about 4.8 MB, so the file opens offline)."""
    if fmt == "html":
        return fig.to_html(include_plotlyjs=True, full_html=True).encode("utf-8")
    if fmt not in ("png", "svg"):
        raise ValueError(f"unknown figure format {fmt!r}; supported: {', '.join(FIGURE_FORMATS)}")
    _use_system_chromium()
    width = fig.layout.width or IMAGE_WIDTH
    return fig.to_image(format=fmt, width=width, scale=IMAGE_SCALE if fmt == "png" else 1)


@dataclass(frozen=True)
class ReportItem:
    """One chart of a page report: its file name stem, the figure and the data behind it."""

    name: str
    figure: go.Figure | None = None
    data: pd.DataFrame | None = None


def _stem(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "chart"


def _use_system_chromium() -> None:
    browser = chromium_path()
    if browser is None:
        raise RuntimeError("PNG and SVG export need Chromium: install it (apt-get install chromium)")
    os.environ["BROWSER_PATH"] = browser  # kaleido (choreographer) reads it: the system browser, no download


def _images(figures: list[go.Figure]) -> list[tuple[bytes, bytes]]:
    """(PNG, SVG) bytes of each figure, drawn in one Chromium session (plotly.io.write_images)."""
    import plotly.io as pio

    _use_system_chromium()
    with tempfile.TemporaryDirectory(prefix="ddd-images-") as tmp:
        paths = [Path(tmp) / f"{i}.{fmt}" for i in range(len(figures)) for fmt in ("png", "svg")]
        pio.write_images(
            [fig for fig in figures for _ in range(2)],
            paths,
            format=[p.suffix[1:] for p in paths],
            width=[fig.layout.width or IMAGE_WIDTH for fig in figures for _ in range(2)],
            scale=[IMAGE_SCALE, 1] * len(figures),
        )
        data = [p.read_bytes() for p in paths]
    return [(data[2 * i], data[2 * i + 1]) for i in range(len(figures))]


def report_zip(items: Iterable[ReportItem], note: str = "", images: bool | None = None) -> bytes:
    """One ZIP of a page's charts: `<name>.png` and `.svg` (when `images`, default: when Chromium is
    available), `<name>.html` and `<name>.csv` for each item, plus README.txt holding `note`. The HTML
    files share one plotly.min.js in the ZIP, so the report opens offline and stays small. Repeated names
    get a numeric suffix."""
    from plotly.offline import get_plotlyjs

    items = list(items)
    images = image_export_available() if images is None else images
    drawn = _images([i.figure for i in items if i.figure is not None]) if images else []
    drawn_iter = iter(drawn)
    buf = io.BytesIO()
    used: dict[str, int] = {}
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("README.txt", note or "Defence Discourse Dashboard report\n")
        if any(i.figure is not None for i in items):
            zf.writestr("plotly.min.js", get_plotlyjs())
        for item in items:
            stem = _stem(item.name)
            used[stem] = used.get(stem, 0) + 1
            if used[stem] > 1:
                stem = f"{stem}_{used[stem]}"
            if item.figure is not None:
                if images:
                    png, svg = next(drawn_iter)
                    zf.writestr(f"{stem}.png", png)
                    zf.writestr(f"{stem}.svg", svg)
                zf.writestr(f"{stem}.html", item.figure.to_html(include_plotlyjs="directory", full_html=True))
            if item.data is not None:
                zf.writestr(f"{stem}.csv", table_bytes(item.data, "csv"))
    return buf.getvalue()
