"""Data page: upload articles into the store (every format the loader reads) or read them from the web
(page, feed and sitemap URLs), corpus statistics and the export of every table as CSV, Excel or Parquet.

Thin: ingest is `dashboard.ui.data.ingest_uploads` (the loader); counts and exports are computed by DuckDB
over the store (`dashboard.queries.sql`), so no table is read whole; uploaded text is never rendered, only
counted and listed as plain cells."""

from __future__ import annotations

import streamlit as st

from dashboard import exports
from dashboard.queries.sql import EXCEL_ROWS
from dashboard.sources import SUPPORTED_EXTENSIONS
from dashboard.ui import components
from dashboard.ui.data import MAX_UPLOAD_MB, ingest_uploads, ingest_urls, store_dir, store_sql

STORE = store_dir()
RESULT_KEY = "data_upload_result"

st.title("Data")
filters = components.current_filters()
sql = store_sql(STORE)
counts = sql.table_counts(filters)  # rows per table, whole and filtered: the summary, table and exports
components.filter_summary(dict(zip(counts["table"], counts["filtered"], strict=True)))

st.subheader("Add articles")
with st.form("upload_form", clear_on_submit=True, border=True):
    uploads = st.file_uploader(
        "Article files",
        type=[ext.lstrip(".") for ext in SUPPORTED_EXTENSIONS],
        accept_multiple_files=True,
        max_upload_size=MAX_UPLOAD_MB,
        help=f"{', '.join(sorted(SUPPORTED_EXTENSIONS))}: one article per text, Markdown or HTML "
        "file; many per "
        f"JSON, JSON Lines, CSV or Parquet file; zips of any of these. At most {MAX_UPLOAD_MB} MB per file.",
    )
    submitted = st.form_submit_button("Read into the store", icon=":material/upload:", type="primary")
if submitted and uploads:
    bar = st.progress(0.0, text="Reading the files…")

    def progress(done: int, total: int, name: str) -> None:
        bar.progress(done / max(total, 1), text=f"Read {done} of {total} files ({name})")

    result = ingest_uploads(STORE, [(u.name, u.getvalue()) for u in uploads], progress=progress)
    bar.empty()
    st.session_state[RESULT_KEY] = result
    st.rerun()  # the sidebar and the counts above read the store again
elif submitted:
    st.warning("Choose at least one file first.")

with st.form("urls_form", clear_on_submit=False, border=True):
    pasted = st.text_area(
        "Addresses of articles, RSS or Atom feeds, or sitemaps",
        placeholder="https://www.example.org/news/defence-budget-rises\nhttps://www.example.org/world/rss.xml",
        help="One per line. A feed or a sitemap stands for its articles. Pages are fetched politely "
        "(robots.txt, at most 2 requests to a site at a time, a second apart) and kept in the store, so they "
        "are not fetched twice.",
        key="urls_text",
    )
    fetch = st.form_submit_button("Read from the web", icon=":material/public:", type="primary")
if fetch and pasted.strip():
    bar = st.progress(0.0, text="Reading the addresses…")

    def url_progress(url: str, outcome: str, done: int, known: int) -> None:
        shown = url if len(url) <= 80 else url[:77] + "…"
        bar.progress(min(1.0, done / max(known, 1)), text=f"{done} of {known}: {shown}: {outcome}")

    result = ingest_urls(STORE, pasted, progress=url_progress)
    bar.empty()
    st.session_state[RESULT_KEY] = result
    st.rerun()
elif fetch:
    st.warning("Paste at least one address first.")

result = st.session_state.get(RESULT_KEY)
if result is not None:
    with st.container(border=True, key="upload_result"):
        st.markdown("**Last read from the web**" if "summary" in result else "**Last upload**")
        cols = st.columns(4)
        cols[0].metric("Articles added", f"{result['added']:,}")
        cols[1].metric("Already in the store", f"{result['cached'] + result['duplicates']:,}")
        cols[2].metric("Statements found", f"{result['statements']:,}")
        cols[3].metric("Rejected", f"{len(result['rejected']):,}")
        if "summary" in result:
            components.plain_text(str(result["summary"]))
        if len(result["rejected"]):
            st.caption("Rejected records and why")
            st.dataframe(
                result["rejected"],
                hide_index=True,
                height=components.table_height(len(result["rejected"])),
                key="upload_rejected",
            )

st.subheader("Corpus")
stats = sql.corpus_stats()
cols = st.columns(4)
cols[0].metric("Articles", f"{stats['articles']:,}", border=True)
cols[1].metric("Statements", f"{stats['statements']:,}", border=True)
cols[2].metric("Numbers", f"{stats['numbers']:,}", border=True, help="Figures found in the articles")
cols[3].metric("Words", f"{stats['words']:,}", border=True)
first, last = stats["first"], stats["last"]
st.caption(
    components.escape_markdown(
        f"Published {first:%Y-%m-%d} to {last:%Y-%m-%d}; {stats['undated']:,} undated; "
        f"{stats['outlets']:,} outlets; {stats['not_english']:,} not in English; "
        f"{stats['rejected']:,} input records rejected."
        if first is not None
        else f"No dated article; {stats['outlets']:,} outlets; {stats['rejected']:,} input records rejected."
    )
)
left, right = st.columns(2, gap="large")
with left:
    st.markdown("**Rows per table**")
    st.dataframe(counts, hide_index=True, height=components.table_height(len(counts)), key="table_counts")
with right:
    st.markdown("**Articles per outlet**")
    outlets = sql.articles_per_outlet()
    st.dataframe(outlets, hide_index=True, height=components.table_height(len(outlets)), key="outlet_counts")
if stats["rejected"]:
    with st.expander(f"Rejected input records ({stats['rejected']:,})"):
        st.dataframe(sql.table("rejected"), hide_index=True, key="rejected_table")

st.subheader("Export")
scope = st.segmented_control(
    "Rows", ["Filtered", "Everything"], default="Filtered", required=True, key="export_scope"
)
fmt = st.segmented_control(
    "Format",
    ["csv", "xlsx", "parquet"],
    default="csv",
    required=True,
    key="export_format",
    format_func={"csv": "CSV", "xlsx": "Excel", "parquet": "Parquet"}.get,
)
column = "filtered" if scope == "Filtered" else "rows"
chosen = filters if scope == "Filtered" else None
row = st.container(horizontal=True, gap="small", key="export_buttons")
for name, n in zip(counts["table"], counts[column], strict=True):
    too_many = fmt == "xlsx" and n > EXCEL_ROWS
    with row:
        st.download_button(
            f"{name} ({n:,})",
            data=lambda name=name, fmt=fmt: sql.export(name, fmt, chosen),
            file_name=f"{name}.{fmt}",
            mime=exports.MIME[fmt],
            key=f"export_{name}",
            icon=":material/download:",
            on_click="ignore",
            disabled=too_many,
            help=f"More rows than an Excel sheet holds ({EXCEL_ROWS:,}): choose CSV or Parquet"
            if too_many
            else None,
        )
