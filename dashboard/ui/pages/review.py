"""Review page: the extracted rows no analyst has checked yet, least confident first, one at a time with its
passage in the article; accept it as extracted, correct it, or mark it wrong; and how the review went
(`dashboard.corrections.agreement`: the extractor's precision and recall as the analysts see it).

Thin: the queue comes from DuckDB (`StoreSQL.review_queue`, within the sidebar filters), corrections go to
the store's corrections database; article text is shown as plain text."""

from __future__ import annotations

import streamlit as st

from dashboard import corrections
from dashboard.schema import KEYS
from dashboard.ui import components
from dashboard.ui.correction_form import correction_form
from dashboard.ui.data import country_names, store_dir, store_sql, target_labels

KINDS = {"statements": "Statements", "numbers": "Figures", "stances": "Stances"}
CONTEXT = 600  # characters of the article shown on each side of the row's span

filters = components.current_filters()
sql = store_sql(store_dir())

st.title("Review")
components.filter_summary(sql.count(filters, ("articles", "statements")))
table = (
    st.segmented_control(
        "What to review", list(KINDS), format_func=KINDS.get, default="statements", key="review_table"
    )
    or "statements"
)
position_key = f"review_position_{table}"
position = int(st.session_state.get(position_key, 0))
row, total = sql.review_queue(filters, table, position)
if row is None and position > 0:  # the queue got shorter (rows reviewed): back to its last row
    position = max(0, total - 1)
    st.session_state[position_key] = position
    row, total = sql.review_queue(filters, table, position)
st.caption(
    f"{total:,} {KINDS[table].lower()} in the filtered articles not reviewed yet, least confident first"
    + (" (figures without a country or a year first)" if table == "numbers" else "")
    + "."
)


def _move(step: int) -> None:
    st.session_state[position_key] = max(0, min(total - 1, position + step))


def _add_stance(statement: dict) -> None:
    """A stance the extractor missed in this statement: actor (its speaker by default), target, polarity;
    its evidence is the statement's span."""
    with st.expander("Add a stance it states", icon=":material/add:"):
        labels = target_labels()
        with st.form(key="review_add_stance", border=False, enter_to_submit=False):
            actor = st.text_input("Actor", value=str(statement.get("speaker") or ""), key="review_add_actor")
            target = st.selectbox("Target", list(labels), format_func=labels.get, key="review_add_target")
            polarity = st.segmented_control(
                "Polarity", ["support", "oppose", "neutral"], default="support", key="review_add_polarity"
            )
            note = st.text_input("Note (optional)", max_chars=200, key="review_add_note")
            added = st.form_submit_button("Add stance", icon=":material/add:", key="review_add_save")
        if added:
            own = actor.strip() == statement.get(
                "speaker"
            )  # the speaker's own stance: their type and country
            kind = statement.get("speaker_type")
            values = {
                "article_id": statement["article_id"],
                "statement_id": statement["statement_id"],
                "evidence_start": statement["content_start"],
                "evidence_end": statement["content_end"],
                "evidence": statement["content"],
                "actor": actor.strip(),
                "actor_type": kind if own and kind in ("person", "organization", "country") else None,
                "actor_country": statement.get("speaker_country") if own else None,
                "target": target,
                "polarity": polarity or "support",
            }
            try:
                corrections.add_row(
                    store_dir(), "stances", {k: v for k, v in values.items() if v is not None},
                    analyst=st.session_state.get("analyst"), note=note,
                )  # fmt: skip
            except corrections.CorrectionError as err:
                st.error(str(err))
            else:
                st.success("Stance added: every page shows it from now on.")


if row is None:
    st.info("Nothing left to review here: every row in the filtered articles has been checked.")
else:
    left, middle, right = st.columns([1, 1, 3], vertical_alignment="center")
    left.button("Previous", on_click=_move, args=(-1,), disabled=position == 0, icon=":material/arrow_back:")
    middle.button(
        "Next", on_click=_move, args=(1,), disabled=position >= total - 1, icon=":material/arrow_forward:"
    )
    right.caption(f"Row {position + 1:,} of {total:,}")
    row_id = str(row[KEYS[table][0]])
    article = sql.article(str(row["article_id"]))
    text = str(article.get("text") or "")
    start, end = (row.get(c) for c in corrections.SPAN[table])
    view, passage = st.columns([2, 3], gap="large")
    with view:
        if table == "statements":
            components.statement_header(row, country_names())
        elif table == "numbers":
            st.subheader(components.escape_markdown(str(row.get("text") or "")))
            what = [row.get("unit"), row.get("kind"), country_names().get(row.get("country") or "", None)]
            what.append(None if row.get("year") is None else str(row.get("year")))
            st.caption(components.escape_markdown(" · ".join(str(w) for w in what if w and str(w) != "<NA>")))
        else:
            labels = target_labels()
            st.subheader(components.escape_markdown(f"{row.get('actor')} · {row.get('polarity')}"))
            st.caption(components.escape_markdown(labels.get(str(row.get("target")), str(row.get("target")))))
        if st.button("Right as extracted", key="review_accept", icon=":material/check:", type="primary"):
            corrections.record(
                store_dir(), table, row_id, {"confirmed": True}, analyst=st.session_state.get("analyst")
            )
            st.rerun()
        correction_form(table, row, f"review_{table}", "Correct it")
        if table == "statements":
            _add_stance(row)
    with passage:
        components.article_header(article)
        if start is not None and end is not None and 0 <= int(start) < int(end) <= len(text):
            s, e = int(start), int(end)
            first = 0 if s <= CONTEXT else text.find(" ", s - CONTEXT, s) + 1  # whole words only
            last = len(text) if e + CONTEXT >= len(text) else max(e, text.rfind(" ", e, e + CONTEXT))
            components.article_with_statement(text[first:s], text[s:e], text[e:last])
        else:
            components.plain_text(text[: 2 * CONTEXT])

if len(sql.orphans):
    with st.expander(f"Corrections whose row is gone ({len(sql.orphans):,})", icon=":material/link_off:"):
        st.caption(
            "Their rows are not in the store any more (a re-ingest found other spans): they are kept and "
            "apply again if the row comes back."
        )
        st.dataframe(sql.orphans, hide_index=True)  # cells are text, never markdown

st.subheader("How the review went")
agreement = corrections.agreement(store_dir())
if agreement.empty:
    st.caption("No row reviewed yet.")
else:
    st.caption(
        "Per table (stances per target): rows reviewed, confirmed as extracted, changed, rejected, and rows "
        "analysts added. Precision: confirmed of reviewed; recall: right or changed of those plus the added."
    )
    st.dataframe(
        agreement,
        hide_index=True,
        column_config={
            "precision": st.column_config.NumberColumn(format="%.2f"),
            "recall": st.column_config.NumberColumn(format="%.2f"),
        },
    )
    components.download_csv(agreement, "review_agreement", key="review_agreement_csv")
    components.download_csv(
        lambda: corrections.read_corrections(store_dir()),
        "corrections",
        key="review_corrections_csv",
        label="Download every correction (CSV)",
    )
