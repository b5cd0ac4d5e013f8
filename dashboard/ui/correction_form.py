"""The analysts' correction form of one row (a statement, a figure, a stance), with its history and an undo;
the form that adds a statement the extractor missed.

Saved in the store's corrections database (`dashboard.corrections`) and applied to every page from the next
rerun. Thin: what a field may hold is checked by `dashboard.corrections`; values are shown as text."""

from __future__ import annotations

import json
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from dashboard import corrections
from dashboard.queries import find_span
from dashboard.schema import KEYS
from dashboard.ui import components
from dashboard.ui.data import country_names, known_actors, store_dir, target_labels

# column, label, widget: "text", "actor" (a gazetteer name or one typed), "country", "number", "year" or the
# choices
FIELDS: dict[str, list[tuple[str, str, str | tuple[str, ...]]]] = {
    "statements": [
        ("speaker", "Speaker", "actor"),
        ("speaker_country", "Speaker's country", "country"),
        ("speaker_role", "Role", "text"),
        ("kind", "Kind", ("direct", "partial", "indirect")),
    ],
    "numbers": [
        ("value", "Value", "number"),
        ("unit", "Unit", ("percent_of_gdp", "percent", "money", "count")),
        ("country", "Country the figure is about", "country"),
        ("year", "Year", "year"),
        ("kind", "Kind", ("reported", "target", "other")),
    ],
    "stances": [
        ("polarity", "Polarity", ("support", "oppose", "neutral")),
        ("actor", "Actor", "actor"),
        ("actor_country", "Actor's country", "country"),
        ("target", "Target", "target"),
    ],
}
REJECT = {"statements": "Not a statement", "numbers": "Not a claim", "stances": "Not a stance"}
HISTORY_COLUMNS = ["id", "action", "field", "old", "new", "analyst", "at", "note", "undoes"]


def correction_form(
    table: str, row: Mapping[str, object], prefix: str, title: str, selection_key: str | None = None
) -> None:
    """An expander `title` with the form for `row` of `table` (widget keys `<prefix>_fix_<column>`), then the
    row's corrections and an undo. A row marked rejected leaves the table: the selection of the table
    `selection_key` is cleared, so that it does not move to the next row."""
    row_id = str(row[KEYS[table][0]])
    start = {f"{prefix}_fix_{c}": initial_value(w, row.get(c)) for c, _, w in FIELDS[table]}
    start_from_row(
        f"{prefix}_fix_row", row_id, start | {f"{prefix}_fix_rejected": False, f"{prefix}_fix_note": ""}
    )
    with st.expander(title, icon=":material/edit:"):
        if ":analyst" in row_id:
            st.caption("Added by an analyst: undo its addition below to remove it.")
        with st.form(key=f"{prefix}_fix", border=False, enter_to_submit=False):
            values = {
                column: field_widget(label, widget, f"{prefix}_fix_{column}")
                for column, label, widget in FIELDS[table]
            }
            rejected = st.checkbox(REJECT[table], key=f"{prefix}_fix_rejected")
            note = st.text_input("Note (optional)", max_chars=200, key=f"{prefix}_fix_note")
            analyst = st.text_input(
                "Your name",
                value=corrections.analyst_name(st.session_state.get("analyst")),
                max_chars=100,
                key=f"{prefix}_fix_analyst",
            )
            saved = st.form_submit_button(
                "Save correction", icon=":material/save:", key=f"{prefix}_fix_save", shortcut="Ctrl+Enter"
            )
        if saved:
            changes = {c: v for c, v in values.items() if not _same(v, row.get(c))}
            changes |= {"rejected": True} if rejected else {}
            st.session_state["analyst"] = analyst
            if not changes:
                st.info("Nothing changed.")
            else:
                try:
                    corrections.record(store_dir(), table, row_id, changes, analyst=analyst, note=note)
                except corrections.CorrectionError as err:
                    st.error(str(err))
                else:
                    if changes.get("rejected") and selection_key:
                        st.session_state.pop(selection_key, None)
                    st.rerun()
        _history(table, row_id, prefix)


def start_from_row(marker: str, row: object, values: Mapping[str, object]) -> None:
    """The widgets of a form about one row start from that row's `values` (widget key -> value) when the
    row shown, `row`, is not the one session state `marker` last held: a widget keeps its value across
    reruns (in the browser too), and would otherwise show the last row's values for the next. The widgets
    are then drawn without defaults of their own (`field_widget`)."""
    if st.session_state.get(marker) != row:
        for key, value in values.items():
            st.session_state[key] = value
        st.session_state[marker] = row


def initial_value(widget: str | tuple[str, ...], current: object) -> object:
    """What `field_widget` of kind `widget` shows for a row's `current` value."""
    if widget in ("text", "actor"):
        return _text(current)
    if widget == "country":
        return current if not _missing(current) and current in country_names() else ""
    if widget == "target":
        options = list(target_labels())
        return current if not _missing(current) and current in options else options[0]
    if widget == "number":
        return None if _missing(current) else float(current)
    if widget == "year":
        return None if _missing(current) else int(current)
    return current if not _missing(current) and current in widget else widget[0]


def add_statement_form(article_id: str, text: str, near: int, prefix: str) -> None:
    """An expander with the form that adds a statement the extractor missed in an article: the analyst
    selects its words in the article shown beside it, pastes them, and names the speaker (as the article
    does, and by full name); the spans are found in `text` (the occurrence nearest `near`). Saved before
    the page reruns, so its tables show it."""
    with st.expander("Add a statement it missed", icon=":material/add_comment:"):
        with st.form(key=f"{prefix}_add", border=False, enter_to_submit=False):
            st.text_area(
                "The statement's words",
                max_chars=corrections.MAX_VALUE,
                placeholder="Select them in the article, copy, and paste them here",
                key=f"{prefix}_add_content",
            )
            st.text_input(
                "The speaker as the article names them (optional)",
                max_chars=200,
                placeholder="e.g. the defence secretary",
                key=f"{prefix}_add_mention",
            )
            for column, label, widget in FIELDS["statements"]:
                field_widget(label, widget, f"{prefix}_add_{column}")
            st.text_input("Note (optional)", max_chars=200, key=f"{prefix}_add_note")
            st.form_submit_button(
                "Add statement",
                icon=":material/add:",
                key=f"{prefix}_add_save",
                on_click=_add_statement,
                args=(article_id, text, near, prefix),
            )
        components.show_message(f"{prefix}_add_message")


def _add_statement(article_id: str, text: str, near: int, prefix: str) -> None:
    state = st.session_state
    message = f"{prefix}_add_message"
    content = find_span(text, str(state.get(f"{prefix}_add_content") or ""), near)
    if content is None:
        state[message] = ("error", "These words are not in the article: copy them from the article as shown.")
        return
    row = {"article_id": article_id, "content_start": content[0], "content_end": content[1]}
    row["content"] = text[content[0] : content[1]]
    values = {column: state.get(f"{prefix}_add_{column}") for column, _, _ in FIELDS["statements"]}
    mention = str(state.get(f"{prefix}_add_mention") or "")
    if mention.strip():
        said_by = find_span(text, mention, content[0])
        if said_by is None:
            state[message] = ("error", "The speaker's words are not in the article: copy them as shown.")
            return
        row |= {"speaker_start": said_by[0], "speaker_end": said_by[1]}
        row["speaker_mention"] = text[said_by[0] : said_by[1]]
        values["speaker"] = values["speaker"] or row["speaker_mention"]
    row |= {column: value for column, value in values.items() if value not in (None, "")}
    try:
        corrections.add_row(
            store_dir(),
            "statements",
            row,
            analyst=state.get("analyst"),
            note=state.get(f"{prefix}_add_note") or "",
        )
    except corrections.CorrectionError as err:
        state[message] = ("error", str(err))
    else:
        state[message] = ("success", "Statement added: every page shows it from now on.")


def field_widget(label: str, widget: str | tuple[str, ...], key: str) -> object:
    """The input `widget` of FIELDS (or its choices) with widget key `key`; its value is what session state
    holds (`start_from_row`), else the widget's own empty default."""
    if widget == "text":
        return st.text_input(label, max_chars=200, key=key).strip()
    if widget == "actor":
        known = known_actors()
        current = st.session_state.get(key)
        typed = [current] if current and current not in known else []
        return st.selectbox(
            label,
            ["", *typed, *known],
            format_func=lambda name: name or "—",
            accept_new_options=True,
            key=key,
        )
    if widget == "country":
        names = country_names()
        codes = sorted(names, key=names.__getitem__)
        return st.selectbox(label, ["", *codes], format_func=lambda c: names.get(c, c) if c else "—", key=key)
    if widget == "target":
        labels = target_labels()
        return st.selectbox(label, list(labels), format_func=labels.get, key=key)
    if widget == "number":
        return st.number_input(label, value=None, format="%.4g", key=key)
    if widget == "year":
        return st.number_input(label, value=None, min_value=1900, max_value=2100, step=1, key=key)
    return st.selectbox(label, list(widget), key=key)


def _history(table: str, row_id: str, prefix: str) -> None:
    """The row's corrections, newest first, and an undo of one of them."""
    try:
        past = corrections.history(store_dir(), table, row_id)
    except corrections.CorrectionError:
        return
    if past.empty:
        st.caption("No correction of this row yet.")
        return
    st.caption("Corrections of this row, newest first:")
    shown = past.iloc[::-1][HISTORY_COLUMNS].copy()
    for column in ("old", "new"):  # JSON values as plain text
        shown[column] = shown[column].map(lambda v: "" if pd.isna(v) else str(json.loads(v))).astype("string")
    st.dataframe(shown, hide_index=True)  # cells are text, never markdown
    undone = set(past["undoes"].dropna().astype(int))
    open_ids = [int(i) for i in past.loc[past["action"] != "undo", "id"] if int(i) not in undone]
    if open_ids:
        left, right = st.columns([2, 1], vertical_alignment="bottom")
        # a key per row: the choice of another row's correction is not carried over
        chosen = left.selectbox("Correction to undo", open_ids[::-1], key=f"{prefix}_undo_id_{row_id}")
        if right.button("Undo", key=f"{prefix}_undo", icon=":material/undo:"):
            corrections.undo(store_dir(), chosen, analyst=st.session_state.get("analyst"))
            st.rerun()


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def _text(value: object) -> str:
    return "" if _missing(value) else str(value)


def _same(new: object, old: object) -> bool:
    """Whether a form value is the row's own ("" and None both mean none)."""
    if _missing(old) or old == "":
        return new is None or new == ""
    if isinstance(new, float) and not isinstance(old, str):
        return abs(new - float(old)) < 1e-9
    return str(new) == str(old)
