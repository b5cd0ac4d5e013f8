"""Actor stances page: actor x target and country x target heatmaps, the statements behind a chosen cell,
stance over time, and the discourse network drawn, with GraphML and GEXF downloads.

Thin: DuckDB over the store gives the matrices, the time series, the network's actor-target pairs and the
rows behind a chosen cell (`dashboard.queries.sql`; no table is read whole), `dashboard.charts` draws them
through `components.chart`; evidence is shown only in st.dataframe cells (never as HTML or markdown)."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, corrections, queries
from dashboard.queries import frames, stance_frames
from dashboard.ui import components
from dashboard.ui.data import country_names, store_dir, store_sql, target_labels

filters = components.current_filters()
sql = store_sql(store_dir())
counts = sql.count(filters, ("articles", "statements", "stances"))
n_stances = counts["stances"]

st.title("Actor stances")
components.filter_summary(counts)
st.caption(
    f"{n_stances:,} stance{'s' if n_stances != 1 else ''} (actor, target, support or opposition). "
    "A cell's mean weighs each row by its confidence: a stance decided by a cue word counts twice a bare "
    "mention of the target."
)

if not n_stances:
    components.empty_result("stances")
    st.stop()

labels = target_labels()

VERDICT_LABELS = {
    "support": "Support",
    "oppose": "Oppose",
    "neutral": "Neutral",
    "not_a_stance": "Not a stance",
}


def _correction_form(behind) -> None:
    """Correct one of the rows listed: its polarity, or that it is no stance at all. Saved in the store's
    corrections database (`dashboard.corrections`) and applied to every page from the next rerun."""
    with st.expander("Correct a stance", icon=":material/edit:"):
        texts = {
            r.stance_id: f"{r.actor} · {labels.get(r.target, r.target)} · {r.polarity} · {r.evidence[:80]}"
            for r in behind.itertuples()
        }
        stance_id = st.selectbox("Row", list(texts), format_func=texts.get, index=None, key="stances_fix_row")
        verdict = st.segmented_control(
            "Correction",
            list(VERDICT_LABELS),
            format_func=VERDICT_LABELS.get,
            key="stances_fix_verdict",
        )
        note = st.text_input("Note (optional)", max_chars=200, key="stances_fix_note")
        if st.button(
            "Save correction",
            disabled=stance_id is None or verdict is None,
            key="stances_fix_save",
            icon=":material/save:",
        ):
            corrections.add_correction(store_dir(), stance_id, verdict, note)
            st.rerun()
        saved = corrections.count(store_dir())
        st.caption(
            f"{saved:,} correction{'s' if saved != 1 else ''} saved in the store "
            f"(`{corrections.RELATIVE_PATH.as_posix()}`, with who made each and when; the newest for a row "
            "wins). Corrected rows have method `analyst`; every chart, table and download uses them."
        )
        if saved:
            components.download_csv(
                lambda: corrections.read_corrections(store_dir()), "corrections", key="stances_fix_csv"
            )


st.subheader("Who stands where")
n_actors = st.slider("Actors shown (most statements first)", 5, 40, 20, step=5, key="stances_n_actors")
matrix = frames.limit_matrix(sql.stance_matrix(filters, "actor"), "actor", n_actors)
components.chart(
    charts.stance_heatmap(matrix, target_labels=labels),
    matrix,
    "actor_target_stances",
    "stances_actor_heatmap",
)

st.markdown("**Statements behind a cell**")
pick_actor, pick_target = st.columns(2)
actor = pick_actor.selectbox(
    "Actor",
    sorted(matrix["actor"].dropna().unique()),
    index=None,
    placeholder="Any actor",
    key="stances_actor",
)
cell_targets = matrix if actor is None else matrix[matrix["actor"] == actor]
target = pick_target.selectbox(
    "Target",
    sorted(cell_targets["target"].dropna().unique(), key=lambda t: labels.get(t, t)),
    format_func=lambda t: labels.get(t, t),
    index=None,
    placeholder="Any target",
    key="stances_target",
)
if actor is None and target is None:
    st.caption("Choose an actor and/or a target to list the statements behind that row, column or cell.")
else:
    cell, articles = sql.stance_cell(filters, actor=actor, target=target)
    behind = frames.stances_behind(cell, articles, actor=actor, target=target)
    if behind.empty:
        components.empty_result("stances for this actor and target")
    else:
        st.dataframe(
            behind,
            hide_index=True,
            height=components.table_height(len(behind)),
            column_config={
                "date": st.column_config.DateColumn("date"),
                "score": st.column_config.NumberColumn("score", format="%+.2f"),
                "evidence": st.column_config.TextColumn("evidence", width="large"),
            },
            key="stances_behind_table",
        )
        components.download_csv(behind, "stances_behind_cell", key="stances_behind_csv")
        _correction_form(behind)
        st.markdown("**Per article**")
        st.caption(
            "An actor's position in each article is the majority of its rows, each weighing its confidence "
            "times its strength; support and opposition outvote neutral mentions, and a tie shows as mixed. "
            "Confidence is the winning side's share of the weight."
        )
        positions = frames.positions_behind(cell, articles, actor=actor, target=target)
        st.dataframe(
            positions,
            hide_index=True,
            height=components.table_height(len(positions)),
            column_config={
                "date": st.column_config.DateColumn("date"),
                "confidence": st.column_config.ProgressColumn("confidence", min_value=0.0, max_value=1.0),
            },
            key="stances_positions_table",
        )
        components.download_csv(positions, "stance_positions_per_article", key="stances_positions_csv")

st.subheader("Countries")
by_country = frames.limit_matrix(sql.stance_matrix(filters, "actor_country"), "actor_country", 25)
names = country_names(sorted(set(by_country["actor_country"])))
if by_country.empty:
    components.empty_result("stances by actors with a country")
else:
    components.chart(
        charts.stance_heatmap(
            by_country, row="actor_country", row_title="Country", names=names, target_labels=labels
        ),
        by_country,
        "country_target_stances",
        "stances_country_heatmap",
    )

st.subheader("Over time")
freq = st.segmented_control(
    "Group by",
    ["M", "Q"],
    format_func=queries.FREQUENCIES.get,
    default="Q",
    key="stances_freq",
    required=True,
)
over_time = sql.stance_over_time(filters, freq=freq or "Q")
over_time = frames.limit_matrix(over_time, "target", 8)
if over_time.empty:
    components.empty_result("dated stances")
else:
    components.chart(
        charts.stance_over_time_chart(over_time, freq or "Q", target_labels=labels),
        over_time,
        "stance_over_time",
        "stances_time",
    )

st.subheader("Discourse network")
mode = st.segmented_control(
    "Network",
    ["two_mode", "congruence", "conflict"],
    format_func={
        "two_mode": "Actors and targets",
        "congruence": "Actors who agree",
        "conflict": "Actors who disagree",
    }.get,
    default="two_mode",
    key="stances_network_mode",
    required=True,
)
mode = mode or "two_mode"
pairs = sql.actor_target_pairs(filters)
graph = (
    stance_frames.two_mode_network(pairs)
    if mode == "two_mode"
    else stance_frames.actor_network(pairs, mode=mode)
)
if graph.number_of_nodes() == 0:
    components.empty_result("network links")
else:
    edges = frames.graph_edges(graph)
    components.chart(
        charts.network_chart(graph, target_labels=labels), edges, f"network_{mode}", "stances_network"
    )
    row = st.container(horizontal=True, gap="small", key="stances_network_files")
    for fmt in ("graphml", "gexf"):
        with row:
            st.download_button(
                fmt.upper(),
                data=lambda fmt=fmt: stance_frames.network_bytes(graph, fmt=fmt),
                file_name=f"network_{mode}.{fmt}",
                mime="application/xml",
                key=f"stances_network_{fmt}",
                icon=":material/hub:",
                on_click="ignore",
                help=f"The network as {fmt.upper()} (for Gephi, Cytoscape, networkx)",
            )

components.report_button("Actor stances")
