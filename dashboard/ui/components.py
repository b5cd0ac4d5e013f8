"""Shared Streamlit widgets for the pages: the sidebar country filter (owning its session_state keys and
the `?country=` URL), counts, CSV downloads and plain-text display of untrusted article text.

Renders only: no filtering or counting here (that is `dashboard.queries`), never HTML from data."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import pandas as pd
import streamlit as st

from dashboard.exports import table_bytes
from dashboard.queries import country_options
from dashboard.ui.data import country_names

COUNTRY_KEY = "filter_country"  # session_state key of the country multiselect (ISO3 codes)
COUNTRY_PARAM = "country"  # URL query parameter: ?country=FRA&country=DEU
_URL_READ_KEY = "_filter_country_from_url"

# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping all of them keeps
# markdown, HTML tags, LaTeX ($), directives (:red[...]) and links from being interpreted.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$&:;\"'=^%@/?,])")


def escape_markdown(text: str) -> str:
    """`text` escaped so that st.markdown shows it literally (no markdown, HTML, LaTeX or links)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def filters_sidebar(tables: Mapping[str, pd.DataFrame]) -> list[str]:
    """The global country filter in the sidebar: the countries articles mention or speakers come from,
    shown by name, stored as ISO3 codes. The selection is kept in session_state across pages, read from
    `?country=` on a session's first run and written back to the URL on every run. Returns the codes."""
    options = country_options(tables)
    names = country_names(options)
    valid = set(options)
    if not st.session_state.get(_URL_READ_KEY):
        st.session_state[_URL_READ_KEY] = True
        from_url = [c.upper() for c in st.query_params.get_all(COUNTRY_PARAM)]
        st.session_state[COUNTRY_KEY] = list(dict.fromkeys(c for c in from_url if c in valid))
    # Keep only codes the current data offers (a new ingest may drop some).
    current = [c for c in st.session_state.get(COUNTRY_KEY, []) if c in valid]
    if current != st.session_state.get(COUNTRY_KEY):
        st.session_state[COUNTRY_KEY] = current
    ordered = sorted(options, key=lambda c: names.get(c, c).casefold())
    with st.sidebar:
        st.header("Filters")
        selected = st.multiselect(
            "Countries",
            ordered,
            format_func=lambda c: names.get(c, c),
            key=COUNTRY_KEY,
            placeholder="All countries",
            help="Statements by speakers from these countries, or in articles that mention them.",
        )
    if selected:
        st.query_params[COUNTRY_PARAM] = list(selected)
    elif COUNTRY_PARAM in st.query_params:
        del st.query_params[COUNTRY_PARAM]
    return list(selected)


def selected_countries() -> list[str]:
    """The country filter's current selection (ISO3 codes) for pages."""
    return list(st.session_state.get(COUNTRY_KEY, []))


def filter_summary(
    n_articles: int, n_statements: int, countries: Sequence[str], names: Mapping[str, str]
) -> None:
    """One line saying how many articles and statements the filters leave."""
    scope = ", ".join(names.get(c, c) for c in countries) if countries else "all countries"
    st.caption(
        f"{n_articles:,} article{'s' if n_articles != 1 else ''} and "
        f"{n_statements:,} statement{'s' if n_statements != 1 else ''} match the filters "
        f"({escape_markdown(scope)})."
    )


def empty_result(what: str = "statements") -> None:
    """The message shown instead of a chart or table when the filters leave nothing."""
    st.info(f"No {what} match the current filters. Remove a country or clear the search to see more.")


def table_height(n_rows: int, max_rows: int = 12, row_px: int = 35) -> int:
    """Pixel height of an st.dataframe showing `n_rows` (header included), at most `max_rows` tall."""
    return row_px * (min(max(n_rows, 1), max_rows) + 1) + 3


def download_csv(df: pd.DataFrame, name: str, key: str, label: str = "Download CSV") -> None:
    """A button that downloads `df` as `<name>.csv` (UTF-8, list cells joined with ';')."""
    st.download_button(
        label,
        data=table_bytes(df, "csv"),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=key,
        icon=":material/download:",
        on_click="ignore",
    )


def plain_text(text: str | None) -> None:
    """Untrusted text shown as text: no markdown, no HTML."""
    st.text(text or "", width="stretch")


def article_with_statement(before: str, statement: str, after: str) -> None:
    """An article's text as plain text with the statement set apart in a bordered box."""
    if before.strip():
        plain_text(before.strip("\n"))
    if statement:
        with st.container(border=True, key="highlighted_statement"):
            st.caption("Statement")
            plain_text(statement.strip("\n"))
    if after.strip():
        plain_text(after.strip("\n"))


def _text_or_dash(value: object) -> str:
    return "—" if value is None or (not isinstance(value, list | tuple) and pd.isna(value)) else str(value)


def statement_header(statement: Mapping[str, object], names: Mapping[str, str]) -> None:
    """Who said it (speaker, role, country, kind) and the statement's sentence, as escaped text."""
    country = statement.get("speaker_country")
    who = [
        str(statement["speaker"]) if not pd.isna(statement.get("speaker")) else "Unnamed speaker",
        *([str(statement["speaker_role"])] if not pd.isna(statement.get("speaker_role")) else []),
        *([names.get(str(country), str(country))] if not pd.isna(country) else []),
    ]
    st.subheader(escape_markdown(", ".join(who)))
    st.caption(escape_markdown(f"{_text_or_dash(statement.get('kind'))} statement"))
    with st.container(border=True, key="statement_sentence"):
        plain_text(str(statement.get("sentence") or statement.get("content") or "").strip())


def article_header(article: Mapping[str, object]) -> None:
    """An article's title, date, outlet and address, as escaped text (the address is not a link)."""
    published = article.get("published")
    date = pd.Timestamp(published).strftime("%d %B %Y") if not pd.isna(published) else "undated"
    st.markdown(f"##### {escape_markdown(_text_or_dash(article.get('title')))}")
    meta = f"{date} · {_text_or_dash(article.get('source'))}"
    st.caption(escape_markdown(meta))
    url = article.get("url")
    if isinstance(url, str) and url:
        plain_text(url)
