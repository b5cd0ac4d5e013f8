"""The Streamlit user interface: cached data access, shared widgets and the page scripts.

Renders only; filtering lives in dashboard.queries and figures in dashboard.charts."""
