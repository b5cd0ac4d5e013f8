"""Statements page: the filtered statements as a searchable table; a selected row shows its article.

Thin: reads filters, calls `dashboard.queries`, renders; article text is shown as plain text only."""

from __future__ import annotations

import hashlib

import streamlit as st

from dashboard import queries
from dashboard.ui import components
from dashboard.ui.data import country_names, load_tables, store_dir

tables = load_tables(store_dir())
countries = components.selected_countries()
names = country_names(queries.country_options(tables))

st.title("Statements")
search = st.text_input(
    "Search statements",
    key="statements_search",
    placeholder="Words in the statement or the speaker's name",
    icon=":material/search:",
)
statements = queries.filter_statements(tables, countries, search=search)
articles = queries.filter_articles(tables, countries, statements=statements)
components.filter_summary(len(articles), len(statements), countries, names)

if statements.empty:
    components.empty_result("statements")
    st.stop()

rows = queries.statement_rows(statements, names)
# The key changes with the filters, so a selection never points at a row of another result.
signature = hashlib.sha256(repr((sorted(countries), search.strip().casefold())).encode()).hexdigest()[:12]
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
    article = queries.article_by_id(tables, statement["article_id"])
    before, sentence, after = queries.statement_context(article["text"], statement)
    st.divider()
    left, right = st.columns([2, 3], gap="large")
    with left:
        components.statement_header(statement, names)
    with right:
        components.article_header(article)
        components.article_with_statement(before, sentence, after)
