"""Topics page: how often each topic of `data/topics.toml` comes up, by period of publication and by the
countries articles mention, for the sidebar's filters.

Thin: every frame is computed by DuckDB over the store (`dashboard.queries.sql`), so no table is read whole;
draws `dashboard.charts` through `components.chart`; no pandas logic here."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, queries
from dashboard.ui import components
from dashboard.ui.data import (
    country_names,
    filter_options,
    store_dir,
    store_sql,
    topic_descriptions,
    topic_labels,
)

filters = components.current_filters()
sql = store_sql(store_dir())
labels = topic_labels()
chosen = list(filters.countries or [])

st.title("Topics")
components.filter_summary(sql.count(filters, ("articles", "statements")))

top = sql.top_topics(filters, labels, n=len(labels))
if top.empty:
    components.empty_result("topic mentions")
    st.stop()

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
by_period = sql.topic_prevalence_by_period(filters, labels, freq)
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
names = country_names(sorted(set(filter_options(store_dir())["countries"]) | set(chosen)))
by_country = sql.topic_prevalence_by_country(filters, labels, names, countries=chosen or None)
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
        [{"topic": labels[name], "covers": covers} for name, covers in topic_descriptions().items()],
        hide_index=True,
        key="topics_descriptions",
    )

components.report_button("Topics")
