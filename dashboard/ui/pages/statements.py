"""Statements page: the filtered statements as a searchable table, a page at a time; a selected row shows
its article.

Thin: the rows come from DuckDB over the store (`dashboard.queries.sql`), a page at a time, so a large
corpus is never read whole; article text is shown as plain text."""

from __future__ import annotations

import hashlib
import json

import pandas as pd
import streamlit as st

from dashboard import corrections, queries
from dashboard.ui import components
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
# into another result.
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

KINDS = ("direct", "partial", "indirect")


def _correction_form(statement: dict) -> None:
    """Correct the selected statement: speaker, country, role, kind, or "not a statement"; with a note, the
    analyst's name, and the row's history with undo. Saved in the store's corrections database
    (`dashboard.corrections`) and applied to every page from the next rerun."""
    with st.expander("Correct this statement", icon=":material/edit:"):
        if ":analyst" in str(statement["statement_id"]):
            st.caption("Added by an analyst: undo its addition below to remove it.")
        codes = sorted(country_names(), key=lambda c: country_names()[c])
        current = statement.get("speaker_country")
        with st.form(key="statement_fix", border=False, enter_to_submit=False):
            speaker = st.text_input(
                "Speaker", value=_text(statement.get("speaker")), max_chars=200, key="statement_fix_speaker"
            )
            country = st.selectbox(
                "Speaker's country",
                ["", *codes],
                index=(codes.index(current) + 1) if current in codes else 0,
                format_func=lambda c: country_names().get(c, c) if c else "—",
                key="statement_fix_country",
            )
            role = st.text_input(
                "Role", value=_text(statement.get("speaker_role")), max_chars=200, key="statement_fix_role"
            )
            kind = st.selectbox(
                "Kind",
                KINDS,
                index=KINDS.index(statement["kind"]) if statement.get("kind") in KINDS else 0,
                key="statement_fix_kind",
            )
            rejected = st.checkbox("Not a statement", key="statement_fix_rejected")
            note = st.text_input("Note (optional)", max_chars=200, key="statement_fix_note")
            analyst = st.text_input(
                "Your name",
                value=corrections.analyst_name(st.session_state.get("analyst")),
                max_chars=100,
                key="statement_fix_analyst",
            )
            saved = st.form_submit_button("Save correction", icon=":material/save:", key="statement_fix_save")
        if saved:
            changes = {
                field: new
                for field, new, old in (
                    ("speaker", speaker.strip(), _text(statement.get("speaker"))),
                    ("speaker_country", country, current if isinstance(current, str) else ""),
                    ("speaker_role", role.strip(), _text(statement.get("speaker_role"))),
                    ("kind", kind, statement.get("kind")),
                )
                if new != old
            } | ({"rejected": True} if rejected else {})
            st.session_state["analyst"] = analyst
            if not changes:
                st.info("Nothing changed.")
            else:
                try:
                    corrections.record(
                        store_dir(),
                        "statements",
                        statement["statement_id"],
                        changes,
                        analyst=analyst,
                        note=note,
                    )
                except corrections.CorrectionError as err:
                    st.error(str(err))
                else:
                    st.rerun()
        _history(statement["statement_id"])


def _history(statement_id: str) -> None:
    """The corrections of one statement, newest first, and an undo of one of them."""
    try:
        past = corrections.history(store_dir(), "statements", statement_id)
    except corrections.CorrectionError:
        return
    if past.empty:
        st.caption("No correction of this statement yet.")
        return
    st.caption("Corrections of this statement, newest first:")
    shown = past.iloc[::-1][["id", "action", "field", "old", "new", "analyst", "at", "note", "undoes"]].copy()
    for column in ("old", "new"):  # JSON values as plain text
        shown[column] = shown[column].map(lambda v: "" if pd.isna(v) else str(json.loads(v))).astype("string")
    st.dataframe(shown, hide_index=True)  # cells are text, never markdown
    undone = set(past["undoes"].dropna().astype(int))
    open_ids = [int(i) for i in past.loc[past["action"] != "undo", "id"] if int(i) not in undone]
    if open_ids:
        left, right = st.columns([2, 1], vertical_alignment="bottom")
        chosen = left.selectbox("Correction to undo", open_ids[::-1], key="statement_undo_id")
        if right.button("Undo", key="statement_undo", icon=":material/undo:"):
            corrections.undo(store_dir(), chosen, analyst=st.session_state.get("analyst"))
            st.rerun()


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


selected = event.selection.rows if event is not None else []
if not selected or selected[0] >= len(statements):
    st.info("Select a row (the box at its left) to read the statement in its article.")
else:
    statement = statements.iloc[selected[0]].to_dict()
    article = sql.article(statement["article_id"])
    before, sentence, after = queries.statement_context(article["text"], statement)
    st.divider()
    left, right = st.columns([2, 3], gap="large")
    with left:
        components.statement_header(statement, names)
        _correction_form(statement)
    with right:
        components.article_header(article)
        components.article_with_statement(before, sentence, after)
