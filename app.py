"""Defence Discourse Dashboard: the Streamlit entry point (page config, first-start ingest, the global
sidebar filters and the page router).

Only the frame: pages live in dashboard/ui/pages, queries in dashboard/queries; no analysis here."""

from __future__ import annotations

import streamlit as st

from dashboard.ui.components import filters_sidebar
from dashboard.ui.data import SAMPLE_ARTICLES, ensure_store, load_tables, store_dir, store_is_empty

st.set_page_config(page_title="Defence Discourse Dashboard", layout="wide")

STORE = store_dir()
if store_is_empty(STORE):
    with st.spinner(f"First start: reading the sample articles into {STORE} (about a minute)…"):
        ensure_store(STORE, SAMPLE_ARTICLES)

tables = load_tables(STORE)
filters_sidebar(tables)

pg = st.navigation(
    [
        st.Page("dashboard/ui/pages/overview.py", title="Overview", icon=":material/insights:", default=True),
        st.Page("dashboard/ui/pages/spending.py", title="Spending claims", icon=":material/euro:"),
        st.Page("dashboard/ui/pages/stances.py", title="Actor stances", icon=":material/hub:"),
        st.Page("dashboard/ui/pages/statements.py", title="Statements", icon=":material/format_quote:"),
        st.Page("dashboard/ui/pages/topics.py", title="Topics", icon=":material/category:"),
        st.Page("dashboard/ui/pages/data.py", title="Data", icon=":material/database:"),
    ]
)
pg.run()
