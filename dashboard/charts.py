"""Charts: DataFrames from `dashboard.queries` in, plotly figures out (titles, axis labels, fixed colours).

Pure functions; no Streamlit, no filtering or counting here (that is `queries`)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.queries import FREQUENCIES, KINDS

# Colour-blind-safe (Okabe-Ito) colours, one per statement kind, the same on every chart.
KIND_COLOURS = {"direct": "#0072B2", "partial": "#E69F00", "indirect": "#009E73", "unknown": "#999999"}
KIND_LABELS = {"direct": "Direct quote", "partial": "Partial quote", "indirect": "Reported speech"}
BAR_COLOUR = "#0072B2"
_PERIOD_FORMAT = {"M": "%b %Y", "Q": "%Y Q%q", "Y": "%Y"}


def _layout(fig: go.Figure, title: str, x_title: str, y_title: str, height: int) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        xaxis_title=x_title,
        yaxis_title=y_title,
        height=height,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1},
        hoverlabel={"namelength": -1},
    )
    return fig


def statements_over_time_chart(counts: pd.DataFrame, freq: str = "M") -> go.Figure:
    """Bars of statements per period stacked by kind, from `queries.statements_over_time`."""
    if freq not in FREQUENCIES:
        raise ValueError(f"unknown frequency {freq!r}; supported: {', '.join(FREQUENCIES)}")
    unit = FREQUENCIES[freq].lower()
    fig = go.Figure()
    present = list(dict.fromkeys(counts["kind"].astype(str))) if not counts.empty else []
    for kind in [k for k in KINDS if k in present] + [k for k in present if k not in KINDS]:
        rows = counts[counts["kind"].astype(str) == kind]
        fig.add_trace(
            go.Bar(
                x=[pd.Timestamp(p).to_pydatetime() for p in rows["period"]],
                y=rows["statements"].astype(int).tolist(),
                name=KIND_LABELS.get(kind, kind),
                marker_color=KIND_COLOURS.get(kind, KIND_COLOURS["unknown"]),
                xperiod={"M": "M1", "Q": "M3", "Y": "M12"}[freq],
                xperiodalignment="middle",
                hovertemplate=(
                    f"%{{x|{_PERIOD_FORMAT[freq]}}}<br>%{{y}} statements<extra>%{{fullData.name}}</extra>"
                ),
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(type="date")
    fig.update_yaxes(rangemode="tozero", tickformat=",d")
    return _layout(
        fig, f"Statements per {unit}, by kind", f"{FREQUENCIES[freq]} of publication", "Statements", 420
    )


def top_speakers_chart(speakers: pd.DataFrame, country_names: dict[str, str] | None = None) -> go.Figure:
    """Horizontal bars of the speakers with most statements, from `queries.top_speakers` (most at the top)."""
    names = country_names or {}
    ordered = speakers.iloc[::-1]  # plotly draws the first category at the bottom

    def label(row: pd.Series) -> str:
        code = row.get("speaker_country")
        return f"{row['speaker']} ({names.get(code, code)})" if isinstance(code, str) else str(row["speaker"])

    labels = [label(row) for _, row in ordered.iterrows()]
    roles = ["" if pd.isna(r) else str(r) for r in ordered["speaker_role"]]
    fig = go.Figure(
        go.Bar(
            x=ordered["statements"].astype(int).tolist(),
            y=labels,
            orientation="h",
            marker_color=BAR_COLOUR,
            customdata=roles,
            text=ordered["statements"].astype(int).tolist(),
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}<br>%{customdata}<br>%{x} statements<extra></extra>",
        )
    )
    fig.update_xaxes(rangemode="tozero", tickformat=",d")
    fig.update_yaxes(automargin=True)
    height = 120 + 32 * max(len(labels), 1)
    return _layout(fig, f"Top {len(labels)} speakers by statements", "Statements", "", height)
