"""Statements page: the filtered statements as a searchable table, a page at a time; a selected row shows
its article.

Thin: the rows come from DuckDB over the store (`dashboard.queries.sql`), a page at a time, so a large
corpus is never read whole; article text is shown as plain text."""

from __future__ import annotations

import hashlib

import streamlit as st

from dashboard import queries
from dashboard.ui import components
from dashboard.ui.correction_form import add_statement_form, correction_form
from dashboard.ui.data import country_names, store_dir, store_sql

PAGE_SIZES = (50, 100, 500, 1000)

filters = components.current_filters()
sql = store_sql(store_dir())

st.title("Statements")
search = st.text_input(
    "Search statements",
    key="statements_search",
    placeholder='Words in the statement or the speaker\'s name; "quotes" for a phrase',
    icon=":material/search:",
)
page_rows = int(st.session_state.get("statements_page_rows", 500))
# Keys change with the filters, the search and the page size, so a page number or a selection never points
# into another result (and a statement marked "not a statement" clears the selection).
state = (filters, search.strip().casefold(), page_rows)
signature = hashlib.sha256(repr(state).encode()).hexdigest()[:12]
page_key = f"statements_page_{signature}"
page_no = int(st.session_state.get(page_key, 1))
statements, counts = sql.statements_page(filters, search, limit=page_rows, offset=(page_no - 1) * page_rows)
components.filter_summary(counts)

if not counts["statements"]:
    components.empty_result("statements")
    st.stop()

pages = -(-counts["statements"] // page_rows)
left, right, _ = st.columns([1, 1, 3])
right.selectbox("Rows per page", PAGE_SIZES, index=PAGE_SIZES.index(500), key="statements_page_rows")
if pages > 1:
    left.number_input(f"Page (of {pages:,})", min_value=1, max_value=pages, step=1, key=page_key)
names = country_names(sorted(set(statements["speaker_country"].dropna())))
rows = queries.statement_rows(statements, names)
event = st.dataframe(
    rows,
    key=f"statements_table_{signature}_{page_no}",
    on_select="rerun",
    selection_mode="single-row",
    hide_index=True,
    height=components.table_height(len(rows)),
    placeholder="—",
    column_order=["date", "speaker", "country", "role", "kind", "content", "outlet"],
    column_config={
        "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD", width="small"),
        "speaker": st.column_config.TextColumn("Speaker", width="medium"),
        "country": st.column_config.TextColumn("Country", width="small"),
        "role": st.column_config.TextColumn("Role", width="medium"),
        "kind": st.column_config.TextColumn("Kind", width="small"),
        "content": st.column_config.TextColumn("Content", width="large"),
        "outlet": st.column_config.TextColumn("Outlet", width="medium"),
    },
)


components.download_csv(
    lambda: sql.statements_csv(filters, search, country_names()),
    "statements",
    key="dl_statements",
    label="Download these statements (CSV)",
)

selected = event.selection.rows if event is not None else []
if not selected or selected[0] >= len(statements):
    st.info("Select a row (the box at its left) to read the statement in its article.")
else:
    statement = sql.row("statements", statements["statement_id"].iloc[selected[0]])
    article = sql.article(statement["article_id"])
    before, sentence, after = queries.statement_context(article["text"], statement)
    st.divider()
    left, right = st.columns([2, 3], gap="large")
    with left:
        components.statement_header(statement, names)
        correction_form(
            "statements",
            statement,
            "statement",
            "Correct this statement",
            f"statements_table_{signature}_{page_no}",
        )
    with right:
        components.article_header(article)
        components.article_with_statement(before, sentence, after)
        add_statement_form(statement["article_id"], article["text"], len(before), "statement")
