"""Statements page: the filtered statements as a searchable table; a selected row shows its article.

Thin: reads the global filters, calls `dashboard.queries`, renders; article text is shown as plain text."""

from __future__ import annotations

import hashlib

import streamlit as st

from dashboard import queries
from dashboard.ui import components
from dashboard.ui.data import country_names, load_tables, store_dir

filtered = components.filtered_tables()
names = country_names(sorted(set(filtered["statements"]["speaker_country"].dropna())))

st.title("Statements")
search = st.text_input(
    "Search statements",
    key="statements_search",
    placeholder='Words in the statement or the speaker\'s name; "quotes" for a phrase',
    icon=":material/search:",
)
statements = queries.search_statements(filtered, search)
shown = {
    "articles": filtered["articles"][filtered["articles"]["article_id"].isin(set(statements["article_id"]))]
    if search.strip()
    else filtered["articles"],
    "statements": statements,
}
components.filter_summary(shown)

if statements.empty:
    components.empty_result("statements")
    st.stop()

rows = queries.statement_rows(statements, names)
# The key changes with the filters and the search, so a selection never points at a row of another result.
state = repr((components.current_filters(), search.strip().casefold()))
signature = hashlib.sha256(state.encode()).hexdigest()[:12]
event = st.dataframe(
    rows,
    key=f"statements_table_{signature}",
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
components.download_csv(rows, "statements", key="dl_statements", label="Download these statements (CSV)")

selected = event.selection.rows if event is not None else []
if not selected or selected[0] >= len(statements):
    st.info("Select a row (the box at its left) to read the statement in its article.")
else:
    statement = statements.iloc[selected[0]].to_dict()
    article = queries.article_by_id(load_tables(store_dir()), statement["article_id"])
    before, sentence, after = queries.statement_context(article["text"], statement)
    st.divider()
    left, right = st.columns([2, 3], gap="large")
    with left:
        components.statement_header(statement, names)
    with right:
        components.article_header(article)
        components.article_with_statement(before, sentence, after)
