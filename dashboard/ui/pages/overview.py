"""Overview page: headline counts, statements and articles over time, top speakers, top topics and a map of
countries by statements or spending claims, for the sidebar's filters.

Thin: every frame is computed by DuckDB over the store (`dashboard.queries.sql`), so no table is read whole;
draws `dashboard.charts` through `components.chart`; no pandas logic here."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, queries
from dashboard.ui import components
from dashboard.ui.data import country_names, filter_options, store_dir, store_sql, topic_labels

filters = components.current_filters()
sql = store_sql(store_dir())
counts = sql.headline_counts(filters)

st.title("Overview")
components.filter_summary(counts)

cols = st.columns(4)
cols[0].metric("Articles", f"{counts['articles']:,}", border=True)
cols[1].metric("Statements", f"{counts['statements']:,}", border=True)
cols[2].metric("Speakers", f"{counts['speakers']:,}", border=True, help="Distinct named speakers")
cols[3].metric("Countries", f"{counts['countries']:,}", border=True, help="Distinct countries of speakers")

if not counts["articles"] and not counts["statements"]:
    components.empty_result("articles or statements")
    st.stop()

st.subheader("Over time")
freq_label = st.segmented_control(
    "Group by", list(queries.FREQUENCIES.values()), default="Quarter", key="overview_freq", required=True
)
freq = {label: code for code, label in queries.FREQUENCIES.items()}[freq_label or "Quarter"]
unit = queries.FREQUENCIES[freq].lower()
over_time = sql.statements_over_time(filters, freq)
if over_time.empty:
    components.empty_result("dated statements")
else:
    components.chart(
        charts.statements_over_time_chart(over_time, freq),
        over_time,
        f"statements_per_{unit}",
        key="overview_statements_over_time",
    )
articles_time = sql.articles_over_time(filters, freq)
if articles_time.empty:
    components.empty_result("dated articles")
else:
    components.chart(
        charts.articles_over_time_chart(articles_time, freq),
        articles_time,
        f"articles_per_{unit}",
        key="overview_articles_over_time",
    )

names = country_names(filter_options(store_dir())["countries"])  # every country in the store
left, right = st.columns(2)
with left:
    st.subheader("Who speaks most")
    speakers = sql.top_speakers(filters, n=10)
    if speakers.empty:
        components.empty_result("named speakers")
    else:
        components.chart(
            charts.top_speakers_chart(speakers, names), speakers, "top_speakers", "overview_speakers"
        )
with right:
    st.subheader("Top topics")
    topics = sql.top_topics(filters, topic_labels(), n=10)
    if topics.empty:
        components.empty_result("topics")
    else:
        components.chart(charts.top_topics_chart(topics), topics, "top_topics", "overview_topics")

st.subheader("Countries")
measure = st.segmented_control(
    "Shade countries by",
    ["statements", "claims"],
    format_func=lambda m: {"statements": "Statements by speakers", "claims": "Spending claims"}[m],
    default="statements",
    key="overview_map_measure",
    required=True,
)
by_country = sql.country_counts(filters, measure or "statements", names)
if by_country.empty:
    components.empty_result("statements by speakers with a country" if measure == "statements" else "claims")
else:
    components.chart(
        charts.choropleth_chart(by_country, measure or "statements"),
        by_country,
        f"countries_by_{measure}",
        "overview_map",
    )

components.report_button("Overview")
