"""Topics page: how often each topic of `data/topics.toml` comes up, by period of publication and by the
countries articles mention, for the sidebar's filters.

Thin: reads the filtered tables, calls `dashboard.aggregates`, draws `dashboard.charts` through
`components.chart`; no pandas logic here."""

from __future__ import annotations

import streamlit as st

from dashboard import aggregates, charts, queries
from dashboard.nlp.topics import load_taxonomy
from dashboard.ui import components
from dashboard.ui.data import country_names

filtered = components.filtered_tables()
articles, topics = filtered["articles"], filtered["topics"]
taxonomy = load_taxonomy()
labels = {name: topic.label for name, topic in taxonomy.items()}
chosen = list(components.current_filters().countries or [])

st.title("Topics")
components.filter_summary(filtered)

if topics.empty:
    components.empty_result("topic mentions")
    st.stop()

top = aggregates.top_topics(topics, labels, n=len(labels))
order = top["label"].tolist()
st.caption(
    f"{len(top)} of the taxonomy's {len(labels)} topics are found in the filtered articles; "
    "a topic is counted once per article."
)

st.subheader("By period")
freq = st.segmented_control(
    "Group by",
    list(queries.FREQUENCIES),
    format_func=queries.FREQUENCIES.get,
    default="M",
    key="topics_freq",
    required=True,
)
freq = freq or "M"
by_period = aggregates.topic_prevalence_by_period(topics, articles, labels, freq)
if by_period.empty:
    components.empty_result("dated articles with topics")
else:
    components.chart(
        charts.topic_period_chart(by_period, freq, order=order),
        by_period,
        f"topics_per_{queries.FREQUENCIES[freq].lower()}",
        "topics_by_period",
    )

st.subheader("By country mentioned")
mentioned = sorted({c for cell in articles["countries"] for c in cell} | set(chosen))
names = country_names(mentioned)
by_country = aggregates.topic_prevalence_by_country(topics, articles, labels, names, countries=chosen or None)
if by_country.empty:
    components.empty_result("articles mentioning a country")
else:
    if not chosen:
        st.caption("The 15 countries mentioned in most articles; choose countries in the sidebar for others.")
    components.chart(
        charts.topic_country_chart(by_country, order=order),
        by_country,
        "topics_by_country",
        "topics_by_country",
    )

st.subheader("Topics found")
components.chart(charts.top_topics_chart(top), top, "topics_found", "topics_top")
with st.expander("What each topic covers"):
    st.dataframe(
        [{"topic": t.label, "covers": t.description} for t in taxonomy.values()],
        hide_index=True,
        key="topics_descriptions",
    )

components.report_button("Topics")
