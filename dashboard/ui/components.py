"""Shared Streamlit widgets for the pages: the global sidebar filters (owning their session_state keys and
the URL query string), counts, charts with their download buttons and the page report, CSV downloads and
plain-text display of untrusted article text.

Renders only: no filtering or counting here (that is `dashboard.queries`), never HTML from data."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import exports
from dashboard.queries import COUNTRY_FIELD_LABELS, COUNTRY_FIELDS, Filters, describe_filters
from dashboard.ui.data import country_names, filter_options, store_dir, topic_labels

TABLE_ROWS = 1_000  # rows a page shows of a long table; its CSV download holds every row
COUNTRY_KEY = "filter_country"  # session_state key of the country multiselect (ISO3 codes)
COUNTRY_PARAM = "country"  # URL query parameter: ?country=FRA&country=DEU
# session_state key -> URL query parameter of the other filters
FIELDS_KEY, FIELDS_PARAM = "filter_country_fields", "country_in"
DATES_KEY, FROM_PARAM, TO_PARAM = "filter_dates", "from", "to"
OUTLET_KEY, OUTLET_PARAM = "filter_outlet", "outlet"
TOPIC_KEY, TOPIC_PARAM = "filter_topic", "topic"
ACTOR_KEY, ACTOR_PARAM = "filter_actor", "actor"
_URL_READ_KEY = "_filters_from_url"
_BOUNDS_KEY = "_filter_dates_bounds"  # the (first, last) days the date range was last offered between
_FILTERS_KEY = "_filters"
_REPORT_KEY = "_report_items"
ENABLE_IMAGES = (
    "PNG and SVG downloads need Chromium: install it (`apt-get install chromium`) or set BROWSER_PATH. "
    "The camera icon above each chart still saves a PNG."
)

# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping all of them keeps
# markdown, HTML tags, LaTeX ($), directives (:red[...]) and links from being interpreted.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$&:;\"'=^%@/?,])")


def escape_markdown(text: str) -> str:
    """`text` escaped so that st.markdown shows it literally (no markdown, HTML, LaTeX or links)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def _parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _read_url(options: Mapping[str, object]) -> None:
    """Copy the URL's filters into session_state (a session's first run): unknown values are dropped."""
    params = st.query_params

    def known(param: str, valid: Sequence[str], upper: bool = False) -> list[str]:
        values = [v.upper() if upper else v for v in params.get_all(param)]
        return list(dict.fromkeys(v for v in values if v in set(valid)))

    st.session_state[COUNTRY_KEY] = known(COUNTRY_PARAM, options["countries"], upper=True)
    fields = known(FIELDS_PARAM, COUNTRY_FIELDS)
    st.session_state[FIELDS_KEY] = fields or list(COUNTRY_FIELDS)
    st.session_state[OUTLET_KEY] = known(OUTLET_PARAM, options["outlets"])
    st.session_state[TOPIC_KEY] = known(TOPIC_PARAM, _topic_choices(options))
    st.session_state[ACTOR_KEY] = known(ACTOR_PARAM, options["actors"])
    bounds = options["dates"]
    if bounds is not None:
        lo, hi = bounds
        start = _parse_date(params.get(FROM_PARAM, "")) or lo
        end = _parse_date(params.get(TO_PARAM, "")) or hi
        start, end = min(max(start, lo), hi), max(min(end, hi), lo)
        st.session_state[DATES_KEY] = (min(start, end), max(start, end))


def _topic_choices(options: Mapping[str, object]) -> list[str]:
    """Taxonomy topics in file order, then any other topic found in the data."""
    labels = topic_labels()
    return [*labels, *(t for t in options["topics"] if t not in labels)]


def _keep_valid(key: str, valid: Sequence[str]) -> None:
    """Drop values the current data no longer offers (a new ingest may remove some)."""
    allowed = set(valid)
    current = [v for v in st.session_state.get(key, []) if v in allowed]
    if current != st.session_state.get(key):
        st.session_state[key] = current


def _write_url(filters: Filters) -> None:
    """Mirror the filters into the URL: only the ones set, so an unfiltered view has a bare URL."""
    values = {
        COUNTRY_PARAM: list(filters.countries),
        FIELDS_PARAM: list(filters.country_fields)
        if set(filters.country_fields) != set(COUNTRY_FIELDS)
        else [],
        FROM_PARAM: filters.date_from.isoformat() if filters.date_from else None,
        TO_PARAM: filters.date_to.isoformat() if filters.date_to else None,
        OUTLET_PARAM: list(filters.outlets),
        TOPIC_PARAM: list(filters.topics),
        ACTOR_PARAM: list(filters.actors),
    }
    for param, value in values.items():
        if value:
            if st.query_params.get_all(param) != (value if isinstance(value, list) else [value]):
                st.query_params[param] = value
        elif param in st.query_params:
            del st.query_params[param]


def filters_sidebar() -> Filters:
    """The global filters in the sidebar (called once per run, by app.py): countries by name and which
    country fields they apply to, publication dates, outlets, topics and actors. Selections are kept in
    session_state across pages, read from the URL query string on a session's first run and written back
    to it on every run. Returns the Filters, also available to pages as `current_filters()`."""
    st.session_state[_REPORT_KEY] = []  # charts registered by this run's page
    options = filter_options(store_dir())
    if not st.session_state.get(_URL_READ_KEY):
        st.session_state[_URL_READ_KEY] = True
        _read_url(options)
    countries = options["countries"]
    names = country_names(countries)
    labels = topic_labels()
    topics = _topic_choices(options)
    for key, valid in [
        (COUNTRY_KEY, countries),
        (OUTLET_KEY, options["outlets"]),
        (TOPIC_KEY, topics),
        (ACTOR_KEY, options["actors"]),
    ]:
        _keep_valid(key, valid)
    bounds = options["dates"]
    with st.sidebar:
        st.header("Filters")
        selected = st.multiselect(
            "Countries",
            sorted(countries, key=lambda c: names.get(c, c).casefold()),
            format_func=lambda c: names.get(c, c),
            key=COUNTRY_KEY,
            placeholder="All countries",
            help="Statements by speakers from these countries, in articles that mention them, or holding a "
            "number about them (choose below which).",
        )
        if FIELDS_KEY not in st.session_state:
            st.session_state[FIELDS_KEY] = list(COUNTRY_FIELDS)
        fields = st.pills(
            "Country filter applies to",
            list(COUNTRY_FIELDS),
            selection_mode="multi",
            format_func=lambda f: COUNTRY_FIELD_LABELS[f],
            key=FIELDS_KEY,
            help="A row matches when any chosen field names a selected country; none chosen means all.",
        )
        date_from = date_to = None
        if bounds is not None:
            lo, hi = bounds
            stored = tuple(st.session_state.get(DATES_KEY) or ())
            old_lo, old_hi = st.session_state.get(_BOUNDS_KEY, (lo, hi))
            if len(stored) == 2 and (old_lo, old_hi) != (lo, hi):
                # the data changed (an upload): ends that sat on the old bounds follow the new ones
                stored = (lo if stored[0] == old_lo else stored[0], hi if stored[1] == old_hi else stored[1])
                st.session_state[DATES_KEY] = stored
            st.session_state[_BOUNDS_KEY] = (lo, hi)
            if not stored or any(d < lo or d > hi for d in stored if d):
                st.session_state[DATES_KEY] = (lo, hi)
            picked = st.date_input(
                "Published between",
                min_value=lo,
                max_value=hi,
                key=DATES_KEY,
                format="YYYY-MM-DD",
                help="Undated articles are left out once the range is narrowed.",
            )
            picked = tuple(picked) if isinstance(picked, list | tuple) else (picked,)
            if picked and picked[0] and picked[0] > lo:
                date_from = picked[0]
            if len(picked) > 1 and picked[1] and picked[1] < hi:
                date_to = picked[1]
        outlets = st.multiselect("Outlets", options["outlets"], key=OUTLET_KEY, placeholder="All outlets")
        chosen_topics = st.multiselect(
            "Topics",
            topics,
            format_func=lambda t: labels.get(t, t),
            key=TOPIC_KEY,
            placeholder="All topics",
            help="Articles where one of these topics was found.",
        )
        actors = st.multiselect(
            "Actors",
            options["actors"],
            key=ACTOR_KEY,
            placeholder="All actors",
            help="Statements by these speakers and stances of these actors.",
        )
    filters = Filters(
        countries=tuple(selected),
        country_fields=tuple(f for f in COUNTRY_FIELDS if f in (fields or COUNTRY_FIELDS)),
        date_from=date_from,
        date_to=date_to,
        outlets=tuple(outlets),
        topics=tuple(chosen_topics),
        actors=tuple(actors),
    )
    st.session_state[_FILTERS_KEY] = filters
    _write_url(filters)
    return filters


def current_filters() -> Filters:
    """The Filters the sidebar set on this run (no filter before the sidebar ran)."""
    return st.session_state.get(_FILTERS_KEY, Filters())


def filter_summary(filtered: Mapping[str, pd.DataFrame | int]) -> None:
    """One line saying how many articles and statements the filters leave (frames or counts), and which
    filters are set."""
    n_articles, n_statements = (
        v if isinstance(v, int) else len(v) for v in (filtered["articles"], filtered["statements"])
    )
    filters = current_filters()
    scope = describe_filters(filters, country_names(filters.countries), topic_labels())
    st.caption(
        f"{n_articles:,} article{'s' if n_articles != 1 else ''} and "
        f"{n_statements:,} statement{'s' if n_statements != 1 else ''} match the filters "
        f"({escape_markdown(scope)})."
    )


def empty_result(what: str = "statements") -> None:
    """The message shown instead of a chart or table when the filters leave nothing."""
    st.info(f"No {what} match the current filters. Remove a filter or clear the search to see more.")


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "chart"


def chart(fig: go.Figure, data: pd.DataFrame, name: str, key: str) -> None:
    """Draw `fig` and a row of downloads: PNG and SVG (when Chromium is available, else one line saying
    how to enable them), interactive HTML and the chart's data as CSV, each `<name>.<ext>` and built only
    when its button is clicked. The chart is also registered for this page's `report_button`."""
    name = _safe_name(name)
    st.plotly_chart(fig, key=key, config={"toImageButtonOptions": {"filename": name, "format": "png"}})
    st.session_state.setdefault(_REPORT_KEY, []).append(exports.ReportItem(name, fig, data))
    images = exports.image_export_available()
    formats = [*(("png", "svg") if images else ()), "html", "csv"]
    row = st.container(horizontal=True, gap="small", key=f"{key}_downloads")
    for fmt in formats:
        with row:
            st.download_button(
                fmt.upper(),
                data=_deferred(fig, data, fmt),
                file_name=f"{name}.{fmt}",
                mime=exports.MIME[fmt],
                key=f"{key}_dl_{fmt}",
                icon=":material/download:",
                on_click="ignore",
                help=f"Download this chart{' data' if fmt == 'csv' else ''} as {fmt.upper()}",
            )
    if not images:
        st.caption(ENABLE_IMAGES)


def _deferred(fig: go.Figure, data: pd.DataFrame, fmt: str):
    """A callable building the download only when clicked (Streamlit runs it on click)."""
    if fmt == "csv":
        return lambda: exports.table_bytes(data, "csv")
    return lambda: exports.figure_bytes(fig, fmt)


def report_button(page: str) -> None:
    """One "Download report" button: a ZIP of every chart (PNG, SVG, HTML) and its data (CSV) that
    `chart` drew on this page run, plus a README naming the page and the filters. Built when clicked."""
    items = list(st.session_state.get(_REPORT_KEY, []))
    if not items:
        return
    filters = current_filters()
    note = (
        f"Defence Discourse Dashboard, page: {page}\n"
        f"Filters: {describe_filters(filters, country_names(filters.countries), topic_labels())}\n"
        f"Made: {pd.Timestamp.now(tz='UTC'):%Y-%m-%d %H:%M} UTC\n"
    )
    st.download_button(
        "Download report",
        data=lambda: exports.report_zip(items, note=note),
        file_name=f"{_safe_name(page.lower())}_report.zip",
        mime="application/zip",
        key=f"report_{_safe_name(page)}",
        icon=":material/folder_zip:",
        on_click="ignore",
        help=f"One ZIP of this page's {len(items)} chart(s): images, interactive HTML and data.",
    )


def table_height(n_rows: int, max_rows: int = 12, row_px: int = 35) -> int:
    """Pixel height of an st.dataframe showing `n_rows` (header included), at most `max_rows` tall."""
    return row_px * (min(max(n_rows, 1), max_rows) + 1) + 3


def download_csv(
    df: pd.DataFrame | Callable[[], pd.DataFrame | bytes], name: str, key: str, label: str = "Download CSV"
) -> None:
    """A button that downloads `df` (or what `df()` returns: a frame, or a CSV file's bytes written by
    DuckDB) as `<name>.csv` (UTF-8, list cells joined with ';'), built on click."""

    def data() -> bytes:
        rows = df() if callable(df) else df
        return rows if isinstance(rows, bytes) else exports.table_bytes(rows, "csv")

    st.download_button(
        label,
        data=data,
        file_name=f"{name}.csv",
        mime="text/csv",
        key=key,
        icon=":material/download:",
        on_click="ignore",
    )


def show_message(key: str) -> None:
    """The message a callback left in session state under `key` as (kind, text), shown once: "error" or
    "success"."""
    kind, text = st.session_state.pop(key, (None, None))
    if kind == "error":
        st.error(text)
    elif kind == "success":
        st.success(text)


def plain_text(text: str | None) -> None:
    """Untrusted text shown as text: no markdown, no HTML."""
    st.text(text or "", width="stretch")


def article_with_statement(before: str, statement: str, after: str, label: str = "Statement") -> None:
    """An article's text as plain text with the statement (or the passage `label` names) set apart in a
    bordered box."""
    if before.strip():
        plain_text(before.strip("\n"))
    if statement:
        with st.container(border=True, key="highlighted_statement"):
            st.caption(label)
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
