"""Overview page: headline counts, statements over time and top speakers for the sidebar's filters.

Thin: reads filters, calls `dashboard.queries`, draws `dashboard.charts`; no pandas logic here."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, queries
from dashboard.ui import components
from dashboard.ui.data import country_names, load_tables, store_dir

tables = load_tables(store_dir())
countries = components.selected_countries()
names = country_names(queries.country_options(tables))

statements = queries.filter_statements(tables, countries)
articles = queries.filter_articles(tables, countries)
counts = queries.headline_counts(articles, statements)

st.title("Overview")
components.filter_summary(counts["articles"], counts["statements"], countries, names)

cols = st.columns(4)
cols[0].metric("Articles", f"{counts['articles']:,}", border=True)
cols[1].metric("Statements", f"{counts['statements']:,}", border=True)
cols[2].metric("Speakers", f"{counts['speakers']:,}", border=True, help="Distinct named speakers")
cols[3].metric("Countries", f"{counts['countries']:,}", border=True, help="Distinct countries of speakers")

if statements.empty:
    components.empty_result("statements")
    st.stop()

st.subheader("Statements over time")
freq_label = st.segmented_control(
    "Group by",
    list(queries.FREQUENCIES.values()),
    default="Quarter",
    key="overview_freq",
    required=True,
)
freq = {label: code for code, label in queries.FREQUENCIES.items()}[freq_label or "Quarter"]
over_time = queries.statements_over_time(statements, freq)
if over_time.empty:
    components.empty_result("dated statements")
else:
    st.plotly_chart(charts.statements_over_time_chart(over_time, freq), key="chart_over_time")
    components.download_csv(over_time, f"statements_per_{freq_label.lower()}", key="dl_over_time")

st.subheader("Who speaks most")
speakers = queries.top_speakers(statements, n=10)
if speakers.empty:
    components.empty_result("named speakers")
else:
    st.plotly_chart(charts.top_speakers_chart(speakers, names), key="chart_top_speakers")
    components.download_csv(speakers, "top_speakers", key="dl_top_speakers")
