"""Bytes for downloads: tables as CSV, Parquet or Excel. Pure functions of DataFrames; no Streamlit here."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

FORMATS = ("csv", "parquet", "xlsx")


def _for_files(df: pd.DataFrame) -> pd.DataFrame:
    """List cells joined with ';' and timezones dropped, so every format (Excel included) can hold them."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object and out[col].map(lambda v: isinstance(v, list)).any():
            out[col] = out[col].map(lambda v: ";".join(v) if isinstance(v, list) else v)
        elif isinstance(out[col].dtype, pd.DatetimeTZDtype):
            out[col] = out[col].dt.tz_convert("UTC").dt.tz_localize(None)
    return out


def table_bytes(df: pd.DataFrame, fmt: str) -> bytes:
    """One table as CSV (UTF-8), Parquet or Excel bytes."""
    if fmt == "csv":
        return _for_files(df).to_csv(index=False).encode("utf-8")
    if fmt == "parquet":
        buf = io.BytesIO()
        df.to_parquet(buf, index=False)
        return buf.getvalue()
    if fmt == "xlsx":
        buf = io.BytesIO()
        with pd.ExcelWriter(buf, engine="openpyxl") as writer:
            _for_files(df).to_excel(writer, index=False, sheet_name="data")
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
