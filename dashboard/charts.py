"""Charts: DataFrames from `dashboard.queries` (its SQL, `frames` and `stance_frames`) in, plotly
figures out (titles, axis labels, fixed colour-blind-safe colours, country names in hovers).

Pure functions; no Streamlit, no filtering or counting here. Text from articles only reaches a figure through
`hover_text`, which escapes it (plotly reads a few HTML tags in hover labels)."""

from __future__ import annotations

import html
import json
import math
import textwrap
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from dashboard.nlp.lexicons import nato_guidelines
from dashboard.queries import FREQUENCIES, KINDS

# Colour-blind-safe (Okabe-Ito) colours, one per statement kind, the same on every chart.
KIND_COLOURS = {"direct": "#0072B2", "partial": "#E69F00", "indirect": "#009E73", "unknown": "#999999"}
KIND_LABELS = {"direct": "Direct quote", "partial": "Partial quote", "indirect": "Reported speech"}
BAR_COLOUR = "#0072B2"
# Okabe-Ito, for lines and categories (country lines, targets); the pale yellow last.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#000000", "#D55E00", "#F0E442")
VERDICT_COLOURS = {
    "consistent": "#009E73",
    "overstated": "#D55E00",
    "understated": "#56B4E9",
    "not checked": "#999999",
}
VERDICT_SYMBOLS = {
    "consistent": "circle",
    "overstated": "triangle-up",
    "understated": "triangle-down",
    "not checked": "x",
}
NUMBER_KIND_COLOURS = {"reported": "#0072B2", "target": "#E69F00", "other": "#999999"}
# NATO's guidelines as percent of GDP with their labels (data/lexicons/nato_guidelines.csv)
GUIDELINES = tuple((g.value, g.label) for g in nato_guidelines())
STANCE_COLOURSCALE = "RdBu"  # red = oppose (-1), blue = support (+1), white = 0
SEQUENTIAL = "Blues"
MAP_COLOURSCALE = [[0.0, "#C6DBEF"], [0.5, "#4292C6"], [1.0, "#08306B"]]  # palest still differs from no data
NODE_COLOURS = {"actor": "#0072B2", "target": "#E69F00"}
EDGE_COLOURS = {"support": "#0072B2", "oppose": "#D55E00", "other": "#BBBBBB"}
NETWORK_SEED = 7
GEOJSON_PATH = Path(__file__).resolve().parents[1] / "data" / "geo" / "countries_110m.geojson"
_PERIOD_FORMAT = {"M": "%b %Y", "Q": "%Y Q%q", "Y": "%Y"}


def _figure(
    traces: Sequence[go.Figure | object],
    title: str,
    x_title: str,
    y_title: str,
    height: int,
    xaxis: Mapping | None = None,
    yaxis: Mapping | None = None,
    **layout: object,
) -> go.Figure:
    """A figure built in one go (plotly's update_* calls cost far more than a layout given up front): the
    common title, axis titles, margins, horizontal legend and hover labels, plus `layout`."""
    base: dict = {
        "title": {"text": title, "x": 0, "xanchor": "left"},
        "xaxis": {"title": {"text": x_title}, **(xaxis or {})},
        "yaxis": {"title": {"text": y_title}, **(yaxis or {})},
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1},
        "hoverlabel": {"namelength": -1},
    }
    base.update(layout)
    return go.Figure(data=list(traces), layout=base)


def _count_axis(top: float) -> dict:
    """An axis of whole counts from 0: one tick per unit when the counts are small, so that ",d" never
    prints the same number twice (0.2, 0.4 ... shown as 0, 0 ...)."""
    return {"rangemode": "tozero", "tickformat": ",d", **({"dtick": 1} if top <= 5 else {})}


def statements_over_time_chart(counts: pd.DataFrame, freq: str = "M") -> go.Figure:
    """Bars of statements per period stacked by kind, from `queries.statements_over_time`."""
    if freq not in FREQUENCIES:
        raise ValueError(f"unknown frequency {freq!r}; supported: {', '.join(FREQUENCIES)}")
    unit = FREQUENCIES[freq].lower()
    traces = []
    present = list(dict.fromkeys(counts["kind"].astype(str))) if not counts.empty else []
    for kind in [k for k in KINDS if k in present] + [k for k in present if k not in KINDS]:
        rows = counts[counts["kind"].astype(str) == kind]
        traces.append(
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
    return _figure(
        traces,
        f"Statements per {unit}, by kind",
        f"{FREQUENCIES[freq]} of publication",
        "Statements",
        420,
        xaxis={"type": "date"},
        yaxis=_count_axis(counts.groupby("period")["statements"].sum().max() if not counts.empty else 0),
        barmode="stack",
    )


def top_speakers_chart(speakers: pd.DataFrame, country_names: dict[str, str] | None = None) -> go.Figure:
    """Horizontal bars of the speakers with most statements, from `queries.top_speakers` (most at the top)."""
    names = country_names or {}
    ordered = speakers.iloc[::-1]  # plotly draws the first category at the bottom

    def label(row: pd.Series) -> str:
        code = row.get("speaker_country")
        return f"{row['speaker']} ({names.get(code, code)})" if isinstance(code, str) else str(row["speaker"])

    labels = [html.escape(label(row), quote=False) for _, row in ordered.iterrows()]  # names from articles
    roles = ["" if pd.isna(r) else str(r) for r in ordered["speaker_role"]]
    bars = go.Bar(
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
    height = 120 + 32 * max(len(labels), 1)
    return _figure(
        [bars],
        f"Top {len(labels)} speakers by statements",
        "Statements",
        "",
        height,
        xaxis=_count_axis(ordered["statements"].max() if not ordered.empty else 0),
        yaxis={"automargin": True},
    )


def hover_text(value: object, width: int = 80, limit: int = 400) -> str:
    """Untrusted text for a hover label: shortened to `limit` characters, HTML-escaped (plotly would read
    <b>, <a> and <br> in it) and wrapped at `width` with <br>."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    text = " ".join(str(value).split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return "<br>".join(html.escape(line, quote=False) for line in textwrap.wrap(text, width)) or ""


def same_points(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """One row per distinct value of `keys` (what a marker shows: its position and hover values), in first
    appearance order, with the first row's other columns and `n`, how many rows it stands for: a corpus
    that quotes "2% of GDP in 2024" a thousand times draws one marker, not a thousand on top of each
    other. Rows that already stand for several (an `n` column, as `frames.spending_points` gives) count
    as that many."""
    if rows.empty:
        return rows.assign(n=pd.Series(dtype="int64"))
    rows = rows.assign(n=rows["n"].astype("int64") if "n" in rows.columns else 1)
    groups = rows.groupby(keys, sort=False, dropna=False)
    first = groups.head(1)
    return first.assign(n=groups["n"].transform("sum").loc[first.index].to_numpy())


def more_like_it(n: int, what: str = "claims") -> str:
    """The hover line of a marker that stands for `n` rows (empty for one)."""
    return "" if n <= 1 else f"<br>{n:,} {what} with these values; one shown"


def period_label(period: object, freq: str) -> str:
    """A period's first day as shown on a category axis: "Mar 2024", "2024 Q1" or "2024"."""
    stamp = pd.Timestamp(period)
    return stamp.strftime(_PERIOD_FORMAT[freq].replace("%q", str(stamp.quarter)))


def articles_over_time_chart(counts: pd.DataFrame, freq: str = "M") -> go.Figure:
    """Bars of articles per period, from `frames.articles_over_time`."""
    if freq not in FREQUENCIES:
        raise ValueError(f"unknown frequency {freq!r}; supported: {', '.join(FREQUENCIES)}")
    bars = go.Bar(
        x=[pd.Timestamp(p).to_pydatetime() for p in counts["period"]],
        y=counts["articles"].astype(int).tolist(),
        name="Articles",
        marker_color=BAR_COLOUR,
        xperiod={"M": "M1", "Q": "M3", "Y": "M12"}[freq],
        xperiodalignment="middle",
        hovertemplate=f"%{{x|{_PERIOD_FORMAT[freq]}}}<br>%{{y}} articles<extra></extra>",
    )
    unit = FREQUENCIES[freq]
    return _figure(
        [bars],
        f"Articles per {unit.lower()}",
        f"{unit} of publication",
        "Articles",
        360,
        xaxis={"type": "date"},
        yaxis=_count_axis(counts["articles"].max() if not counts.empty else 0),
    )


class _Shared(dict):
    """A read-only dict that deep copies return as is: plotly deep-copies every trace when a figure is
    built and again in `to_dict` (Streamlit), which for country outlines costs more than the whole chart."""

    def __deepcopy__(self, memo: dict) -> _Shared:
        return self


@cache
def world_geojson() -> dict:
    """Country outlines keyed by ISO3 (`data/geo/countries_110m.geojson`), read once."""
    return json.loads(GEOJSON_PATH.read_text(encoding="utf-8"))


def _largest_polygon_bounds(feature: dict) -> tuple[float, float, float, float]:
    """(west, south, east, north) of a country's largest polygon (France without Guiana)."""
    polygon = max(feature["geometry"]["coordinates"], key=lambda p: len(p[0]))
    lons = [pt[0] for pt in polygon[0]]
    lats = [pt[1] for pt in polygon[0]]
    return min(lons), min(lats), max(lons), max(lats)


def _map_view(codes: Sequence[str]) -> dict:
    """Centre and zoom that show the countries in `codes` (the world when none has an outline)."""
    features = {f["id"]: f for f in world_geojson()["features"]}
    boxes = [_largest_polygon_bounds(features[c]) for c in codes if c in features]
    if not boxes:
        return {"center": {"lon": 10, "lat": 30}, "zoom": 0.6}
    west, south = min(b[0] for b in boxes), min(b[1] for b in boxes)
    east, north = max(b[2] for b in boxes), max(b[3] for b in boxes)
    span = max(east - west, (north - south) * 1.6, 8.0)
    zoom = max(0.4, min(5.0, math.log2(900 / 512 * 360 / span) - 0.2))
    return {"center": {"lon": (west + east) / 2, "lat": (south + north) / 2}, "zoom": zoom}


def choropleth_chart(counts: pd.DataFrame, measure: str = "statements") -> go.Figure:
    """Countries shaded by count, from `frames.country_counts`: a plotly choropleth map with ISO3
    locations over the bundled outlines (nothing fetched at run time), other countries in light grey."""
    what = {
        "statements": "Statements by the speaker's country",
        "claims": "Spending figures by the country they are about",
    }
    codes = counts["iso3"].astype(str).tolist()
    features = world_geojson()["features"]
    others = [f for f in features if f["id"] not in set(codes)]
    background = go.Choroplethmap(
        geojson=_Shared(type="FeatureCollection", features=others),
        locations=[f["id"] for f in others],
        featureidkey="id",
        z=[0] * len(others),
        colorscale=[[0, "#EEEEEE"], [1, "#EEEEEE"]],
        showscale=False,
        marker_line_color="#BBBBBB",
        marker_line_width=0.5,
        hoverinfo="skip",
        name="no data",
    )
    shaded = go.Choroplethmap(
        geojson=_Shared(type="FeatureCollection", features=[f for f in features if f["id"] in set(codes)]),
        locations=codes,
        featureidkey="id",
        z=counts["count"].astype(int).tolist(),
        text=counts["country"].astype(str).tolist(),
        colorscale=MAP_COLOURSCALE,
        zmin=0,
        marker_line_color="#555555",
        marker_line_width=0.6,
        colorbar={"title": {"text": measure.capitalize()}},
        hovertemplate=f"%{{text}}<br>%{{z}} {measure}<extra></extra>",
        name=measure,
    )
    return _figure(
        [background, shaded],
        what.get(measure, measure.capitalize()),
        "",
        "",
        480,
        map={"style": "white-bg", **_map_view(codes)},
    )


def top_topics_chart(top: pd.DataFrame) -> go.Figure:
    """Horizontal bars of the topics found in most articles, from `frames.top_topics` (most on top)."""
    ordered = top.iloc[::-1]  # plotly draws the first category at the bottom
    values = ordered["articles"].astype(int).tolist()
    bars = go.Bar(
        x=values,
        y=ordered["label"].astype(str).tolist(),
        orientation="h",
        marker_color=BAR_COLOUR,
        text=values,
        textposition="outside",
        cliponaxis=False,
        customdata=ordered["sentences"].astype(int).tolist(),
        hovertemplate="%{y}<br>%{x} articles, %{customdata} sentences<extra></extra>",
    )
    return _figure(
        [bars],
        f"Top {len(top)} topics by articles",
        "Articles",
        "",
        120 + 32 * max(len(top), 1),
        xaxis=_count_axis(max(values, default=0)),
        yaxis={"automargin": True},
    )


def _guidelines(axis: str) -> tuple[list[dict], list[dict]]:
    """Dotted lines (shapes) and their labels (annotations) at the guideline values, horizontal when
    `axis` is "y" (values on the y axis), vertical when "x"."""
    line = {"color": "#555555", "width": 1, "dash": "dot"}
    font = {"size": 11, "color": "#555555"}
    shapes, notes = [], []
    for value, label in GUIDELINES:
        if axis == "y":
            shapes.append(
                {"type": "line", "xref": "x domain", "x0": 0, "x1": 1, "y0": value, "y1": value, "line": line}
            )
            notes.append(
                {
                    "xref": "x domain",
                    "x": 0,
                    "y": value,
                    "text": label,
                    "showarrow": False,
                    "xanchor": "left",
                    "yanchor": "bottom",
                    "font": font,
                }
            )
        else:
            shapes.append(
                {"type": "line", "yref": "y domain", "y0": 0, "y1": 1, "x0": value, "x1": value, "line": line}
            )
            notes.append(
                {
                    "yref": "y domain",
                    "y": 1,
                    "x": value,
                    "text": f"{value:g}%",
                    "showarrow": False,
                    "yanchor": "bottom",
                    "font": font,
                }
            )
    return shapes, notes


def spending_chart(claims: pd.DataFrame, series: pd.DataFrame) -> go.Figure:
    """NATO's percent-of-GDP series (a line per country) with the articles' reported claims as markers
    coloured by verdict, and the 2% / 3.5% / 5% guideline lines; from `frames.spending_chart_data`."""
    traces = []
    colours = {}
    for i, (country, rows) in enumerate(series.groupby("country", sort=True)):
        colour = PALETTE[i % len(PALETTE)]
        colours[country] = colour
        rows = rows.sort_values("year")
        traces.append(
            go.Scatter(
                x=rows["year"].astype(int).tolist(),
                y=rows["pct_gdp"].astype(float).tolist(),
                mode="lines",
                name=f"{country} (NATO)",
                legendgroup="nato",
                legendgrouptitle_text="NATO figures",
                line={"color": colour, "width": 2, "dash": "solid" if i < len(PALETTE) else "dash"},
                customdata=[
                    [e, "estimate" if est else "final"]
                    for e, est in zip(rows["edition"], rows["estimate"].fillna(False), strict=True)
                ],
                hovertemplate=(
                    f"{html.escape(str(country))} %{{x}}: %{{y:.2f}}% of GDP"
                    "<br>NATO, edition %{customdata[0]} (%{customdata[1]})<extra></extra>"
                ),
            )
        )
    verdicts = claims["verdict"].fillna("not checked")
    for verdict in VERDICT_COLOURS:
        rows = claims[verdicts == verdict]
        if rows.empty:
            continue
        rows = same_points(rows, ["country", "year", "value", "qualifier", "official_value"])
        traces.append(
            go.Scatter(
                x=rows["year"].astype(int).tolist(),
                y=rows["value"].astype(float).tolist(),
                mode="markers",
                name=verdict.capitalize(),
                legendgroup="claims",
                legendgrouptitle_text="Claims in articles",
                marker={
                    "color": VERDICT_COLOURS[verdict],
                    "symbol": VERDICT_SYMBOLS[verdict],
                    "size": 11,
                    "line": {"color": [colours.get(c, "#333333") for c in rows["country"]], "width": 2},
                },
                customdata=[
                    [
                        html.escape(str(c)),
                        "" if pd.isna(q) else f"{q} ",
                        "n/a" if pd.isna(o) else f"{o:.2f}%",
                        hover_text(s),
                        more_like_it(n),
                    ]
                    for c, q, o, s, n in zip(
                        rows["country"],
                        rows["qualifier"],
                        rows["official_value"],
                        rows["sentence"],
                        rows["n"],
                        strict=True,
                    )
                ],
                hovertemplate=(
                    "%{customdata[0]} %{x}: claimed %{customdata[1]}%{y:.2f}% of GDP"
                    f"<br>NATO: %{{customdata[2]}} · {verdict}<br>%{{customdata[3]}}%{{customdata[4]}}"
                    "<extra></extra>"
                ),
            )
        )
    shapes, notes = _guidelines("y")
    return _figure(
        traces,
        "Defence spending claims against NATO's figures",
        "Year",
        "Share of GDP",
        520,
        xaxis={"tickformat": "d", "dtick": 1},
        yaxis={"rangemode": "tozero", "ticksuffix": "%"},
        legend={"orientation": "v", "y": 1, "x": 1.01, "xanchor": "left", "yanchor": "top"},
        shapes=shapes,
        annotations=notes,
    )


def targets_chart(rows: pd.DataFrame) -> go.Figure:
    """Per country its latest reported level (bar) and the targets named in articles (diamonds), from
    `frames.targets_vs_levels`; countries in the frame's order, first on top."""
    countries = list(dict.fromkeys(rows["country"].astype(str)))
    levels = rows[rows["measure"] == "reported level"]
    bars = go.Bar(
        x=levels["value"].astype(float).tolist(),
        y=levels["country"].astype(str).tolist(),
        orientation="h",
        name="Latest reported level",
        marker_color="#56B4E9",
        customdata=[
            [int(y), html.escape(str(s))] for y, s in zip(levels["year"], levels["source"], strict=True)
        ],
        hovertemplate="%{y}: %{x:.2f}% of GDP in %{customdata[0]}<br>%{customdata[1]}<extra></extra>",
    )
    targets = same_points(rows[rows["measure"] == "target"], ["country", "value", "year"])
    diamonds = go.Scatter(
        x=targets["value"].astype(float).tolist(),
        y=targets["country"].astype(str).tolist(),
        mode="markers",
        name="Target named in an article",
        marker={
            "symbol": "diamond",
            "size": 12,
            "color": "#E69F00",
            "line": {"color": "#000000", "width": 1},
        },
        customdata=[
            ["no year" if pd.isna(y) else f"by {int(y)}", hover_text(s), more_like_it(n, "targets")]
            for y, s, n in zip(targets["year"], targets["sentence"], targets["n"], strict=True)
        ],
        hovertemplate=(
            "%{y}: %{x:.2f}% of GDP %{customdata[0]}<br>%{customdata[1]}%{customdata[2]}<extra></extra>"
        ),
    )
    shapes, notes = _guidelines("x")
    return _figure(
        [bars, diamonds],
        "Spending targets against the latest reported level",
        "Share of GDP",
        "",
        140 + 30 * max(len(countries), 1),
        xaxis={"rangemode": "tozero", "ticksuffix": "%"},
        yaxis={"categoryorder": "array", "categoryarray": countries[::-1], "automargin": True},
        legend={"orientation": "v", "y": 1, "x": 1.01, "xanchor": "left", "yanchor": "top"},
        shapes=shapes,
        annotations=notes,
    )


def _money(value: float, currency: str) -> str:
    for size, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:,.3g}{suffix} {currency}"
    return f"{value:,.0f} {currency}"


def money_chart(amounts: pd.DataFrame) -> go.Figure:
    """Money figures by currency on a log axis, coloured by kind (reported / target / other), from
    `frames.money_amounts`; the currency with most figures on top."""
    currencies = list(dict.fromkeys(amounts["currency"].astype(str)))
    n = amounts["currency"].astype(str).value_counts()
    label = {c: f"{c} ({n[c]})" for c in currencies}
    traces = []
    kinds = amounts["kind"].fillna("other").astype(str)
    for kind, colour in NUMBER_KIND_COLOURS.items():
        rows = amounts[kinds == kind]
        if rows.empty:
            continue
        rows = same_points(rows, ["currency", "value", "country", "year"])
        traces.append(
            go.Scatter(
                x=rows["value"].astype(float).tolist(),
                y=[label[c] for c in rows["currency"].astype(str)],
                mode="markers",
                name=kind.capitalize(),
                marker={
                    "color": colour,
                    "size": 11,
                    "opacity": 0.8,
                    "line": {"color": "#FFFFFF", "width": 1},
                },
                customdata=[
                    [
                        _money(float(v), str(c)),
                        "" if pd.isna(country) else html.escape(str(country)),
                        "" if pd.isna(y) else str(int(y)),
                        hover_text(s),
                        more_like_it(n, "figures"),
                    ]
                    for v, c, country, y, s, n in zip(
                        rows["value"],
                        rows["currency"],
                        rows["country"],
                        rows["year"],
                        rows["sentence"],
                        rows["n"],
                        strict=True,
                    )
                ],
                hovertemplate=(
                    "%{customdata[0]} · %{customdata[1]} %{customdata[2]}<br>%{customdata[3]}%{customdata[4]}"
                    f"<extra>{kind}</extra>"
                ),
            )
        )
    return _figure(
        traces,
        "Money amounts by currency (figures per currency)",
        "Amount (log scale)",
        "",
        160 + 40 * max(len(currencies), 1),
        xaxis={"type": "log"},
        yaxis={
            "categoryorder": "array",
            "categoryarray": [label[c] for c in currencies][::-1],
            "automargin": True,
        },
    )


def stance_heatmap(
    matrix: pd.DataFrame,
    row: str = "actor",
    row_title: str = "Actor",
    names: Mapping[str, str] | None = None,
    target_labels: Mapping[str, str] | None = None,
) -> go.Figure:
    """Mean stance per (row, target) on a diverging scale centred at 0 (red oppose, blue support), statement
    counts and support/oppose shares on hover; from `stances.actor_target_matrix` (row "actor") or
    `stances.country_target_matrix` (row "actor_country", ISO3 shown by `names`). Targets are shown by
    `target_labels` (the key when missing)."""
    frame = matrix.copy()
    if names is not None:
        frame[row] = frame[row].map(lambda c: names.get(c, c) if isinstance(c, str) else c)
    frame["target"] = frame["target"].map(lambda t: (target_labels or {}).get(t, t))
    rows_order = frame.groupby(row)["count"].sum().sort_values(ascending=False, kind="stable").index.tolist()
    cols_order = (
        frame.groupby("target")["count"].sum().sort_values(ascending=False, kind="stable").index.tolist()
    )
    cells = {(r[row], r["target"]): r for r in frame.to_dict("records")}
    z = [
        [float(cells[(r, c)]["mean_score"]) if (r, c) in cells else None for c in cols_order]
        for r in rows_order
    ]
    custom = [
        [
            [
                int(cells[(r, c)]["count"]),
                float(cells[(r, c)]["share_support"]),
                float(cells[(r, c)]["share_oppose"]),
            ]
            if (r, c) in cells
            else [0, 0.0, 0.0]
            for c in cols_order
        ]
        for r in rows_order
    ]
    heat = go.Heatmap(
        z=z,
        x=[html.escape(str(c), quote=False) for c in cols_order],
        y=[html.escape(str(r), quote=False) for r in rows_order],  # actor names come from articles
        customdata=custom,
        colorscale=STANCE_COLOURSCALE,
        zmin=-1,
        zmax=1,
        zmid=0,
        hoverongaps=False,
        xgap=1,
        ygap=1,
        colorbar={
            "title": {"text": "Mean stance"},
            "tickvals": [-1, 0, 1],
            "ticktext": ["Oppose", "0", "Support"],
        },
        hovertemplate=(
            "%{y} on %{x}<br>mean stance %{z:+.2f}<br>%{customdata[0]} statements"
            "<br>%{customdata[1]:.0%} support, %{customdata[2]:.0%} oppose<extra></extra>"
        ),
    )
    return _figure(
        [heat],
        f"{row_title} stance by target",
        "Target",
        row_title,
        200 + 26 * max(len(rows_order), 1),
        xaxis={"tickangle": -35, "automargin": True},
        yaxis={"autorange": "reversed", "automargin": True},
    )


def stance_over_time_chart(
    over_time: pd.DataFrame, freq: str = "Q", target_labels: Mapping[str, str] | None = None
) -> go.Figure:
    """Mean stance per period, a line per target (named by `target_labels`), marker size by statements,
    from `stances.stance_over_time`."""
    traces = []
    order = over_time.groupby("target")["count"].sum().sort_values(ascending=False, kind="stable").index
    for i, target in enumerate(order):
        rows = over_time[over_time["target"] == target].sort_values("period")
        counts = rows["count"].astype(int)
        traces.append(
            go.Scatter(
                x=[pd.Timestamp(p).to_pydatetime() for p in rows["period"]],
                y=rows["mean_score"].astype(float).tolist(),
                mode="lines+markers",
                name=str((target_labels or {}).get(target, target)),
                line={"color": PALETTE[i % len(PALETTE)], "dash": "solid" if i < len(PALETTE) else "dash"},
                marker={"size": [6 + min(int(c), 20) for c in counts]},
                customdata=counts.tolist(),
                hovertemplate=(
                    f"%{{x|{_PERIOD_FORMAT.get(freq, '%Y-%m')}}}: mean stance %{{y:+.2f}}"
                    "<br>%{customdata} statements<extra>%{fullData.name}</extra>"
                ),
            )
        )
    unit = FREQUENCIES.get(freq, freq)
    zero = {
        "type": "line",
        "xref": "x domain",
        "x0": 0,
        "x1": 1,
        "y0": 0,
        "y1": 0,
        "line": {"color": "#888888", "width": 1},
    }
    return _figure(
        traces,
        f"Stance over time, per {unit.lower()}",
        f"{unit} of publication",
        "Mean stance (-1 oppose, +1 support)",
        420,
        xaxis={"type": "date"},
        yaxis={"range": [-1.05, 1.05], "tickvals": [-1, -0.5, 0, 0.5, 1]},
        shapes=[zero],
    )


def _edge_sign(data: dict) -> str:
    for key in ("mean_score", "score"):
        value = data.get(key)
        if value is not None and not pd.isna(value):
            return "support" if value > 0 else "oppose" if value < 0 else "other"
    return "other"


def network_chart(
    graph: nx.Graph,
    title: str = "Discourse network",
    max_labels: int = 15,
    target_labels: Mapping[str, str] | None = None,
) -> go.Figure:
    """The graph drawn with a spring layout (fixed seed), nodes named by their `label` attribute (else the
    node itself): edges as lines (blue support, red oppose when they carry a mean score, else grey),
    actors as blue circles and targets as orange squares sized by degree;
    every target and the `max_labels` best-connected actors are labelled (targets by `target_labels`)."""
    hidden = {"visible": False}
    if graph.number_of_nodes() == 0:
        return _figure([], title, "", "", 520, xaxis=hidden, yaxis=hidden)
    traces = []
    pos = nx.spring_layout(graph, seed=NETWORK_SEED, weight="weight" if _has_weights(graph) else None)
    groups: dict[str, tuple[list, list]] = {}
    for u, v, data in graph.edges(data=True):
        xs, ys = groups.setdefault(_edge_sign(data), ([], []))
        xs.extend([pos[u][0], pos[v][0], None])
        ys.extend([pos[u][1], pos[v][1], None])
    edge_names = {"support": "Support", "oppose": "Oppose", "other": "Tie"}
    for sign, (xs, ys) in groups.items():
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                name=edge_names[sign],
                line={"color": EDGE_COLOURS[sign], "width": 1.2},
                hoverinfo="skip",
            )
        )
    degree = dict(graph.degree(weight=None))
    names = {n: str(d.get("label", n)) for n, d in graph.nodes(data=True)}
    kinds = {n: d.get("kind", "actor") for n, d in graph.nodes(data=True)}
    names.update({n: (target_labels or {}).get(names[n], names[n]) for n in names if kinds[n] == "target"})
    actors = sorted((n for n in degree if kinds[n] == "actor"), key=lambda n: (-degree[n], names[n]))
    labelled = set(actors[:max_labels]) | {n for n in names if kinds[n] == "target"}
    for kind, symbol in (("actor", "circle"), ("target", "square")):
        nodes = [n for n, d in graph.nodes(data=True) if d.get("kind", "actor") == kind]
        if not nodes:
            continue
        traces.append(
            go.Scatter(
                x=[pos[n][0] for n in nodes],
                y=[pos[n][1] for n in nodes],
                mode="markers+text",
                name=f"{kind.capitalize()}s",
                text=[html.escape(names[n]) if n in labelled else "" for n in nodes],
                textposition="top center",
                textfont={"size": 12 if kind == "target" else 10},
                marker={
                    "symbol": symbol,
                    "color": NODE_COLOURS[kind],
                    "size": [8 + 2 * min(degree[n], 10) for n in nodes],
                    "line": {"color": "#FFFFFF", "width": 1},
                },
                customdata=[[html.escape(names[n]), degree[n]] for n in nodes],
                hovertemplate=f"%{{customdata[0]}} ({kind})<br>%{{customdata[1]}} links<extra></extra>",
            )
        )
    return _figure(traces, title, "", "", 640, xaxis=hidden, yaxis=hidden)


def _has_weights(graph: nx.Graph) -> bool:
    return any("weight" in data for _, _, data in graph.edges(data=True))


def topic_period_chart(
    prevalence: pd.DataFrame, freq: str = "M", order: Sequence[str] | None = None
) -> go.Figure:
    """Heatmap of the share of each period's articles carrying each topic (periods with articles only),
    from `frames.topic_prevalence_by_period`; topics in `order` (labels) or by total articles."""
    return _topic_heatmap(
        prevalence,
        column="period",
        column_labels={p: period_label(p, freq) for p in prevalence["period"]},
        total="period_articles",
        title=f"Topic prevalence per {FREQUENCIES[freq].lower()} (share of the period's articles)",
        x_title=f"{FREQUENCIES[freq]} of publication",
        order=order,
    )


def topic_country_chart(prevalence: pd.DataFrame, order: Sequence[str] | None = None) -> go.Figure:
    """Heatmap of the share of the articles mentioning each country that carry each topic, from
    `frames.topic_prevalence_by_country`; countries with most articles first."""
    return _topic_heatmap(
        prevalence,
        column="country",
        column_labels={c: str(c) for c in prevalence["country"]},
        total="country_articles",
        title="Topic prevalence by country (share of the articles mentioning the country)",
        x_title="Country mentioned",
        order=order,
    )


def _topic_heatmap(
    prevalence: pd.DataFrame,
    column: str,
    column_labels: dict,
    total: str,
    title: str,
    x_title: str,
    order: Sequence[str] | None,
) -> go.Figure:
    columns = list(dict.fromkeys(prevalence[column]))
    labels = (
        list(order)
        if order is not None
        else (
            prevalence.groupby("label")["articles"]
            .sum()
            .sort_values(ascending=False, kind="stable")
            .index.tolist()
        )
    )
    labels = [label for label in labels if label in set(prevalence["label"])]
    records = prevalence.to_dict("records")
    cell = {(r[column], r["label"]): r for r in records}
    totals = {r[column]: int(r[total]) for r in records}
    z = [
        [float(cell[(col, label)]["share"]) if (col, label) in cell else 0.0 for col in columns]
        for label in labels
    ]
    custom = [
        [[int(cell[(col, label)]["articles"]) if (col, label) in cell else 0, totals[col]] for col in columns]
        for label in labels
    ]
    heat = go.Heatmap(
        z=z,
        x=[column_labels[c] for c in columns],
        y=labels,
        customdata=custom,
        colorscale=SEQUENTIAL,
        zmin=0,
        zmax=1,
        xgap=1,
        ygap=1,
        colorbar={"title": {"text": "Share"}, "tickformat": ".0%"},
        hovertemplate=(
            "%{y}, %{x}<br>%{z:.0%} of articles (%{customdata[0]} of %{customdata[1]})<extra></extra>"
        ),
    )
    return _figure(
        [heat],
        title,
        x_title,
        "",
        200 + 26 * max(len(labels), 1),
        xaxis={"type": "category", "tickangle": -45, "automargin": True},
        yaxis={"autorange": "reversed", "automargin": True},
    )
