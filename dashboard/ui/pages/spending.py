"""Spending claims page: percent-of-GDP claims against NATO's official series, targets against reported
levels, money amounts by currency, and the claims table with evidence sentence, official value and verdict.

Thin: DuckDB over the store gives the filtered percent-of-GDP and money figures, grouped by what the charts
tell apart, and the claims table a page at a time (`dashboard.queries.sql`; no table is read whole),
`dashboard.queries.frames` shapes them, `dashboard.charts` draws them through
`components.chart`; evidence sentences are shown only in st.dataframe cells and escaped hover labels."""

from __future__ import annotations

import hashlib

import streamlit as st

from dashboard import charts
from dashboard.claims import load_reference
from dashboard.queries import frames
from dashboard.ui import components
from dashboard.ui.correction_form import correction_form
from dashboard.ui.data import country_names, store_dir, store_sql

filters = components.current_filters()
sql = store_sql(store_dir())
numbers = sql.spending_points(filters)
chosen = list(filters.countries or [])
names = country_names(sorted(set(numbers["country"].dropna()) | set(chosen)))
reference = load_reference()

st.title("Spending claims")
components.filter_summary(sql.count(filters, ("articles", "statements")))
if chosen:
    st.caption(
        "Charts show figures about the chosen countries: "
        + components.escape_markdown(", ".join(names.get(c, c) for c in chosen))
        + "."
    )

verdicts = frames.verdict_counts(numbers)
cols = st.columns(4)
cols[0].metric(
    "Checked claims",
    f"{verdicts['checked']:,}",
    border=True,
    help="Percent-of-GDP figures checked against NATO",
)
cols[1].metric("Consistent", f"{verdicts['consistent']:,}", border=True)
cols[2].metric("Overstated", f"{verdicts['overstated']:,}", border=True)
cols[3].metric("Understated", f"{verdicts['understated']:,}", border=True)

st.subheader("Claims against NATO's figures")
claims, series = frames.spending_chart_data(numbers, reference, names, chosen or None)
if claims.empty:
    components.empty_result("reported percent-of-GDP claims about a country")
else:
    if not chosen and claims["iso3"].nunique() >= frames.MAX_SERIES_COUNTRIES:
        st.caption(
            f"The {frames.MAX_SERIES_COUNTRIES} countries with most claims; choose countries in the "
            "sidebar to see others."
        )
    components.chart(
        charts.spending_chart(claims, series),
        frames.spending_chart_table(claims, series),
        "spending_claims_vs_nato",
        "spending_line",
    )

st.subheader("Targets against reported levels")
targets = frames.targets_vs_levels(numbers, reference, names, chosen or None)
if targets.empty:
    components.empty_result("percent-of-GDP targets about a country")
else:
    components.chart(charts.targets_chart(targets), targets, "spending_targets_vs_levels", "spending_targets")

st.subheader("Money amounts")
money = frames.money_amounts(numbers, names, chosen or None)
if money.empty:
    components.empty_result("money amounts")
else:
    components.chart(charts.money_chart(money), money, "money_by_currency", "spending_money")

st.subheader("Claims table")
table, total = sql.claims_table(filters, names, limit=components.TABLE_ROWS), verdicts["claims"]
if table.empty:
    components.empty_result("percent-of-GDP claims")
else:
    st.caption(
        "Every percent-of-GDP figure in the filtered articles; checked claims first."
        + (
            f" The first {len(table):,} of {total:,} are shown; the CSV holds them all."
            if len(table) < total
            else ""
        )
    )
    # a key of its own per filter set: a selected row never points into another result
    claims_key = "spending_claims_" + hashlib.sha256(repr(filters).encode()).hexdigest()[:12]
    event = st.dataframe(  # st.dataframe shows cells as text: evidence is never rendered as HTML or markdown
        table,
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        column_order=[c for c in table.columns if c != "number_id"],
        height=components.table_height(len(table), max_rows=15),
        column_config={
            "claimed": st.column_config.NumberColumn("claimed %", format="%.2f"),
            "official": st.column_config.NumberColumn("NATO %", format="%.2f"),
            "difference": st.column_config.NumberColumn("difference (pp)", format="%+.2f"),
            "year": st.column_config.NumberColumn("year", format="%d"),
            "sentence": st.column_config.TextColumn("evidence sentence", width="large"),
        },
        # a new key with other filters or another correction: the selection never points at another row
        key=claims_key,
    )
    components.download_csv(
        lambda: sql.claims_csv(filters, names), "spending_claims", key="spending_claims_csv"
    )
    chosen_rows = event.selection.rows if event is not None else []
    if chosen_rows and chosen_rows[0] < len(table):
        number = sql.row("numbers", table["number_id"].iloc[chosen_rows[0]])
        st.caption(components.escape_markdown(f"Selected: {number['text']} · {number['sentence']}"))
        correction_form("numbers", number, "number", "Correct this figure", claims_key)
    else:
        st.caption("Select a row (the box at its left) to correct its figure.")

components.report_button("Spending claims")
