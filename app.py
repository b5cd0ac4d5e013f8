"""Defence Discourse Dashboard: the Streamlit entry point (page config, first-start ingest or what to do
about a store it cannot open, the global sidebar filters and the page router).

Only the frame: pages live in dashboard/ui/pages, queries in dashboard/queries; no analysis here."""

from __future__ import annotations

import streamlit as st

from dashboard.ui import data
from dashboard.ui.components import filters_sidebar

st.set_page_config(page_title="Defence Discourse Dashboard", layout="wide")

STORE = data.store_dir()
state = data.store_state(STORE)
if state.kind == "new":  # the folder is missing or empty: never add the samples to a folder with files
    with st.spinner(f"First start: reading the sample articles into {STORE} (about a minute)…"):
        data.ensure_store(STORE, data.SAMPLE_ARTICLES)
    state = data.store_state(STORE)
if state.kind != "ready":
    st.title("Defence Discourse Dashboard")
    st.error(state.message, icon=":material/database:")
    if state.kind == "legacy" and st.button("Convert the store", type="primary"):
        data.convert_legacy_store(STORE)
        st.rerun()
    st.stop()

filters_sidebar()

pg = st.navigation(
    [
        st.Page("dashboard/ui/pages/overview.py", title="Overview", icon=":material/insights:", default=True),
        st.Page("dashboard/ui/pages/spending.py", title="Spending claims", icon=":material/euro:"),
        st.Page("dashboard/ui/pages/stances.py", title="Actor stances", icon=":material/hub:"),
        st.Page("dashboard/ui/pages/statements.py", title="Statements", icon=":material/format_quote:"),
        st.Page("dashboard/ui/pages/topics.py", title="Topics", icon=":material/category:"),
        st.Page("dashboard/ui/pages/review.py", title="Review", icon=":material/rate_review:"),
        st.Page("dashboard/ui/pages/data.py", title="Data", icon=":material/database:"),
    ]
)
pg.run()
