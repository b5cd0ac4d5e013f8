"""Review page: the extracted rows no analyst has checked yet, least confident first, one at a time with its
passage in the article; accept it as extracted, correct it, or mark it wrong; the sentences on a stance
target that carry no stance on it, to add the stance the extractor missed; and how the review went
(`dashboard.corrections.agreement`: the extractor's precision and recall as the analysts see it).

Keyboard: J next, K previous, A right as extracted (N no stance here), Ctrl+Enter saves a correction.

Thin: the queues come from DuckDB (`StoreSQL.review_queue`, `StoreSQL.missed_stances`, within the sidebar
filters), corrections go to the store's corrections database; article text is shown as plain text."""

from __future__ import annotations

import streamlit as st

from dashboard import corrections
from dashboard.queries import sentence_end
from dashboard.schema import KEYS
from dashboard.ui import components
from dashboard.ui.correction_form import (
    add_statement_form,
    correction_form,
    field_widget,
    initial_value,
    start_from_row,
)
from dashboard.ui.data import country_names, store_dir, store_sql, target_labels, topic_labels

KINDS = {
    "statements": "Statements",
    "numbers": "Figures",
    "stances": "Stances",
    "sentences": "Missed stances",
}
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


def _queue(at: int) -> tuple[dict[str, object] | None, int]:
    if table == "sentences":  # its first use in a store reads every topic sentence (seconds at 10M)
        with st.spinner("Finding the sentences no stance covers…"):
            return sql.missed_stances(filters, at)
    return sql.review_queue(filters, table, at)


row, total = _queue(position)
if row is None and position > 0:  # the queue got shorter (rows reviewed): back to its last row
    position = max(0, total - 1)
    st.session_state[position_key] = position
    row, total = _queue(position)
if table == "sentences":
    st.caption(
        f"{total:,} sentences in the filtered articles on a stance target's topic with no stance on it: "
        "add the stance the extractor missed, or mark that there is none. Most topic words first."
    )
else:
    st.caption(
        f"{total:,} {KINDS[table].lower()} in the filtered articles not reviewed yet, least confident first"
        + (" (figures without a country or a year first)" if table == "numbers" else "")
        + "."
    )


def _move(step: int) -> None:
    st.session_state[position_key] = max(0, min(total - 1, position + step))


def _add_stance(source: dict, target: str | None = None) -> None:
    """A stance the extractor missed in a statement or a sentence: actor (a statement's speaker by
    default), target, polarity; its evidence is the statement's or the sentence's span. Saved before the
    page reruns, so the queue moves on."""
    shown = (source["article_id"], source["start"], source["end"], target)
    start = {
        "review_add_actor": source.get("speaker") or "",
        "review_add_country": initial_value("country", source.get("speaker_country")),
        "review_add_target": initial_value("target", target),
        "review_add_polarity": "support",
        "review_add_note": "",
    }
    start_from_row("review_add_for", shown, start)
    with st.expander("Add a stance it states", icon=":material/add:", expanded=target is not None):
        with st.form(key="review_add_stance", border=False, enter_to_submit=False):
            st.text_input("Actor", key="review_add_actor")
            field_widget("Actor's country", "country", "review_add_country")
            field_widget("Target", "target", "review_add_target")
            st.segmented_control("Polarity", ["support", "oppose", "neutral"], key="review_add_polarity")
            st.text_input("Note (optional)", max_chars=200, key="review_add_note")
            st.form_submit_button(
                "Add stance",
                icon=":material/add:",
                key="review_add_save",
                on_click=_save_stance,
                args=(source,),
            )
        components.show_message("review_add_message")


def _save_stance(source: dict) -> None:
    state = st.session_state
    actor = str(state.get("review_add_actor") or "").strip()
    own = actor == source.get("speaker")  # the speaker's own stance: their type
    kind = source.get("speaker_type")
    values = {
        "article_id": source["article_id"],
        "statement_id": source.get("statement_id"),
        "evidence_start": source["start"],
        "evidence_end": source["end"],
        "evidence": source["evidence"],
        "actor": actor,
        "actor_type": kind if own and kind in ("person", "organization", "country") else None,
        "actor_country": state.get("review_add_country") or None,
        "target": state.get("review_add_target"),
        "polarity": state.get("review_add_polarity") or "support",
    }
    try:
        corrections.add_row(
            store_dir(), "stances", {k: v for k, v in values.items() if v is not None},
            analyst=state.get("analyst"), note=state.get("review_add_note") or "",
        )  # fmt: skip
    except corrections.CorrectionError as err:
        state["review_add_message"] = ("error", str(err))
    else:
        state["review_add_message"] = ("success", "Stance added: every page shows it from now on.")


def _sentence(row: dict, text: str) -> dict:
    """A queued sentence as the stance form takes it: its span and words."""
    start = int(row["sentence_start"])
    end = sentence_end(text, start)
    return {"article_id": row["article_id"], "start": start, "end": end, "evidence": text[start:end]}


def _no_stance(sentence: dict, target: str) -> None:
    corrections.mark_no_stance(
        store_dir(),
        sentence["article_id"],
        sentence["start"],
        sentence["end"],
        target,
        analyst=st.session_state.get("analyst"),
    )


if row is None:
    st.info("Nothing left to review here: every row in the filtered articles has been checked.")
else:
    left, middle, right = st.columns([1, 1, 3], vertical_alignment="center")
    left.button(
        "Previous",
        on_click=_move,
        args=(-1,),
        disabled=position == 0,
        icon=":material/arrow_back:",
        shortcut="K",
        key="review_previous",
    )
    middle.button(
        "Next",
        on_click=_move,
        args=(1,),
        disabled=position >= total - 1,
        icon=":material/arrow_forward:",
        shortcut="J",
        key="review_next",
    )
    right.caption(f"Row {position + 1:,} of {total:,}")
    article = sql.article(str(row["article_id"]))
    text = str(article.get("text") or "")
    if table == "sentences":
        sentence = _sentence(row, text)
        start, end = sentence["start"], sentence["end"]
    else:
        start, end = (row.get(c) for c in corrections.SPAN[table])
    view, passage = st.columns([2, 3], gap="large")
    with view:
        if table == "sentences":
            labels = target_labels()
            st.subheader(components.escape_markdown(labels.get(str(row["target"]), str(row["target"]))))
            topic = topic_labels().get(str(row["topic"]), str(row["topic"]))
            st.caption(
                components.escape_markdown(
                    f"A sentence on {topic} with no stance on this target: who takes one?"
                )
            )
            st.button(
                "No stance here",
                key="review_no_stance",
                icon=":material/block:",
                type="primary",
                shortcut="N",
                on_click=_no_stance,
                args=(sentence, str(row["target"])),
            )
            _add_stance(sentence, str(row["target"]))
        else:
            if table == "statements":
                components.statement_header(row, country_names())
            elif table == "numbers":
                st.subheader(components.escape_markdown(str(row.get("text") or "")))
                what = [row.get("unit"), row.get("kind"), country_names().get(row.get("country") or "", None)]
                what.append(None if row.get("year") is None else str(row.get("year")))
                st.caption(
                    components.escape_markdown(" · ".join(str(w) for w in what if w and str(w) != "<NA>"))
                )
            else:
                labels = target_labels()
                st.subheader(components.escape_markdown(f"{row.get('actor')} · {row.get('polarity')}"))
                st.caption(
                    components.escape_markdown(labels.get(str(row.get("target")), str(row.get("target"))))
                )
            row_id = str(row[KEYS[table][0]])
            st.button(
                "Right as extracted",
                key="review_accept",
                icon=":material/check:",
                type="primary",
                shortcut="A",
                on_click=corrections.record,
                args=(store_dir(), table, row_id, {"confirmed": True}),
                kwargs={"analyst": st.session_state.get("analyst")},
            )
            correction_form(table, row, f"review_{table}", "Correct it")
            if table == "statements":
                statement = {
                    **row,
                    "start": row["content_start"],
                    "end": row["content_end"],
                    "evidence": row["content"],
                }
                _add_stance(statement)
    with passage:
        components.article_header(article)
        if start is not None and end is not None and 0 <= int(start) < int(end) <= len(text):
            s, e = int(start), int(end)
            first = 0 if s <= CONTEXT else text.find(" ", s - CONTEXT, s) + 1  # whole words only
            last = len(text) if e + CONTEXT >= len(text) else max(e, text.rfind(" ", e, e + CONTEXT))
            label = {"numbers": "Figure", "stances": "Evidence", "sentences": "Sentence"}.get(
                table, "Statement"
            )
            components.article_with_statement(text[first:s], text[s:e], text[e:last], label)
        else:
            components.plain_text(text[: 2 * CONTEXT])
        if table in ("statements", "sentences"):
            add_statement_form(str(row["article_id"]), text, int(start or 0), "review_statement")

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
    st.download_button(
        "Download every correction (JSON Lines)",
        data=lambda: corrections.jsonl(corrections.read_corrections(store_dir())),
        file_name="corrections.jsonl",
        mime="application/jsonl",
        key="review_corrections_jsonl",
        icon=":material/download:",
        on_click="ignore",
    )
