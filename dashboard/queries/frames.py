"""Page frames in pandas: what the Overview, Spending claims, Topics and Actor stances pages draw, from the
(already filtered) store tables and NATO's reference series. The pages get theirs from DuckDB
(`dashboard.queries.sql`), which is tested equal to these; the few shaped after the query (spending points
into chart frames, matrices limited to their top rows) are computed here for the pages too.

Pure pandas functions of DataFrames: no Streamlit, no file access (the reference comes in as a frame), no
plotting. Country names come in as an ISO3 -> name mapping; a code without a name is shown as the code."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx
import pandas as pd

from dashboard.claims import REFERENCE_DTYPES
from dashboard.queries import FREQUENCIES
from dashboard.queries.stance_frames import article_positions
from dashboard.schema import TABLES

CLAIM_UNITS = ("percent_of_gdp", "money")  # the numbers that count as spending claims on the map
NUMBER_KINDS = ("reported", "target", "other")
MAX_SERIES_COUNTRIES = 8  # lines on the spending chart when no country is chosen: most claims first


def _names_of(codes: pd.Series, names: Mapping[str, str] | None) -> pd.Series:
    """Names for a column of codes (ISO3 -> country name, topic -> label): the code where no name is
    known, NA stays NA."""
    codes = codes.astype("string")
    return codes.map(dict(names or {})).astype("string").fillna(codes)


def _wanted(countries: Iterable[str] | None) -> set[str] | None:
    wanted = {str(c).upper() for c in countries or () if c}
    return wanted or None


def _periods(published: pd.Series, freq: str) -> pd.Series:
    """The first day (naive) of each timestamp's period."""
    if freq not in FREQUENCIES:
        raise ValueError(f"unknown frequency {freq!r}; supported: {', '.join(FREQUENCIES)}")
    stamps = pd.to_datetime(published, utc=True).dt.tz_convert(None)
    return stamps.dt.to_period(freq).dt.start_time.astype("datetime64[ns]")


def _typed(df: pd.DataFrame, dtypes: Mapping[str, str]) -> pd.DataFrame:
    """`df` with exactly `dtypes`' columns in that order (an empty frame keeps them typed)."""
    if df.empty:
        return pd.DataFrame({col: pd.Series(dtype=dtype) for col, dtype in dtypes.items()})
    out = df[list(dtypes)]
    cast = {col: dtype for col, dtype in dtypes.items() if str(out[col].dtype) != dtype}
    return (out.astype(cast) if cast else out).reset_index(drop=True)


def with_published(statements: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """`statements` with their article's `published` date (kept as is when the column is already there)."""
    if "published" in statements.columns:
        return statements
    return statements.merge(articles[["article_id", "published"]], on="article_id", how="left")


# --- Overview -----------------------------------------------------------------------------------------------


def articles_over_time(articles: pd.DataFrame, freq: str = "M") -> pd.DataFrame:
    """Articles per period of publication: columns period (first day, naive), articles. Undated articles
    are left out; periods without articles are not listed."""
    dated = articles.dropna(subset=["published"])
    counts = (
        pd.DataFrame({"period": _periods(dated["published"], freq).to_numpy()})
        .groupby("period")
        .size()
        .rename("articles")
        .reset_index()
    )
    return _typed(counts, {"period": "datetime64[ns]", "articles": "int64"})


def country_counts(
    statements: pd.DataFrame,
    numbers: pd.DataFrame,
    measure: str = "statements",
    names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Per country, for the choropleth: columns iso3, country (name), count. `measure` "statements" counts
    statements by speakers from the country; "claims" counts spending figures (percent of GDP or money,
    CLAIM_UNITS) about the country. Most first, ties by name."""
    if measure == "statements":
        codes = statements["speaker_country"]
    elif measure == "claims":
        codes = numbers.loc[numbers["unit"].isin(CLAIM_UNITS).fillna(False).astype(bool), "country"]
    else:
        raise ValueError(f"unknown measure {measure!r}; supported: statements, claims")
    counts = codes.dropna().astype(str).value_counts().rename_axis("iso3").rename("count").reset_index()
    counts["country"] = _names_of(counts["iso3"], names)
    counts = counts.sort_values(["count", "country"], ascending=[False, True])
    return _typed(counts, {"iso3": "string", "country": "string", "count": "int64"})


# --- Topics -------------------------------------------------------------------------------------------------


def _article_topics(topics: pd.DataFrame) -> pd.DataFrame:
    """One row per (article, topic) found in the article."""
    return topics[["article_id", "topic"]].dropna().drop_duplicates()


def top_topics(topics: pd.DataFrame, labels: Mapping[str, str], n: int = 10) -> pd.DataFrame:
    """The `n` topics found in most articles: columns topic, label, articles (distinct articles),
    sentences (sentence rows). Most articles first, ties by label."""
    per_article = _article_topics(topics).groupby("topic").size().rename("articles")
    sentence_rows = topics[topics["sentence_start"].notna()]
    per_sentence = sentence_rows.groupby("topic").size().rename("sentences")
    out = pd.concat([per_article, per_sentence], axis=1).fillna(0).rename_axis("topic").reset_index()
    out["label"] = _names_of(out["topic"], labels)
    out = out.sort_values(["articles", "label"], ascending=[False, True]).head(n)
    return _typed(out, {"topic": "string", "label": "string", "articles": "int64", "sentences": "int64"})


def topic_prevalence_by_period(
    topics: pd.DataFrame, articles: pd.DataFrame, labels: Mapping[str, str], freq: str = "M"
) -> pd.DataFrame:
    """Share of each period's articles that carry each topic: columns period, topic, label, articles (with
    the topic), period_articles (all dated articles of the period), share (0..1). Only periods with articles
    and topics found in them are listed; undated articles are left out."""
    dated = articles.dropna(subset=["published"])
    period = pd.DataFrame(
        {
            "article_id": dated["article_id"].to_numpy(),
            "period": _periods(dated["published"], freq).to_numpy(),
        }
    )
    totals = period.groupby("period").size().rename("period_articles")
    found = _article_topics(topics).merge(period, on="article_id", how="inner")
    out = found.groupby(["period", "topic"]).size().rename("articles").reset_index()
    out = out.merge(totals.reset_index(), on="period", how="left")
    out["share"] = out["articles"] / out["period_articles"]
    out["label"] = _names_of(out["topic"], labels)
    out = out.sort_values(["period", "label"])
    return _typed(
        out,
        {
            "period": "datetime64[ns]",
            "topic": "string",
            "label": "string",
            "articles": "int64",
            "period_articles": "int64",
            "share": "float64",
        },
    )


def topic_prevalence_by_country(
    topics: pd.DataFrame,
    articles: pd.DataFrame,
    labels: Mapping[str, str],
    names: Mapping[str, str] | None = None,
    countries: Iterable[str] | None = None,
    n_countries: int = 15,
) -> pd.DataFrame:
    """Share of the articles mentioning each country that carry each topic: columns iso3, country, topic,
    label, articles (mentioning the country, with the topic), country_articles, share (0..1).

    The countries are `countries` when given, else the `n_countries` mentioned in most articles."""
    mentions = articles[["article_id", "countries"]].explode("countries").dropna(subset=["countries"])
    mentions = mentions.rename(columns={"countries": "iso3"}).drop_duplicates()
    totals = mentions.groupby("iso3").size().rename("country_articles")
    wanted = _wanted(countries)
    if wanted is not None:
        keep = [c for c in totals.index if c in wanted]
    else:
        keep = list(
            totals.reset_index().sort_values(["country_articles", "iso3"], ascending=[False, True])["iso3"]
        )
        keep = keep[:n_countries]
    mentions = mentions[mentions["iso3"].isin(keep)]
    found = _article_topics(topics).merge(mentions, on="article_id", how="inner")
    out = found.groupby(["iso3", "topic"]).size().rename("articles").reset_index()
    out = out.merge(totals.reset_index(), on="iso3", how="left")
    out["share"] = out["articles"] / out["country_articles"]
    out["country"] = _names_of(out["iso3"], names)
    out["label"] = _names_of(out["topic"], labels)
    out = out.sort_values(["country_articles", "country", "label"], ascending=[False, True, True])
    return _typed(
        out,
        {
            "iso3": "string",
            "country": "string",
            "topic": "string",
            "label": "string",
            "articles": "int64",
            "country_articles": "int64",
            "share": "float64",
        },
    )


# --- Spending claims ----------------------------------------------------------------------------------------

# What the Spending claims page's charts and counts tell apart (a marker's position and hover values), and
# what one row of a collapsed group shows as its evidence
SPENDING_KEYS = (
    "unit", "kind", "country", "year", "value", "qualifier", "currency",
    "official_value", "edition", "difference", "verdict",
)  # fmt: skip
SPENDING_EVIDENCE = ("number_id", "text", "sentence", "article_id", "statement_id")


def spending_points(numbers: pd.DataFrame) -> pd.DataFrame:
    """The page's figures collapsed: the percent-of-GDP and money rows of `numbers`, one per distinct
    SPENDING_KEYS with `n`, how many figures it stands for, and the evidence of the first (by number_id),
    in that order. Charts and counts read the same from it as from the rows (their markers collapse the
    same way), and a corpus that quotes "2% of GDP in 2024" ten thousand times is one row, not ten
    thousand. `dashboard.queries.sql.StoreSQL.spending_points` computes it in DuckDB."""
    rows = numbers[numbers["unit"].isin(list(CLAIM_UNITS)).fillna(False).astype(bool)]
    rows = rows.sort_values("number_id")
    groups = rows.groupby(list(SPENDING_KEYS), sort=False, dropna=False)
    first = groups.head(1)
    out = first.assign(n=groups["number_id"].transform("size").loc[first.index].to_numpy())
    columns = [*SPENDING_KEYS, *SPENDING_EVIDENCE]
    return _typed(out, {c: TABLES["numbers"][c] for c in columns} | {"n": "int64"})


def _n(rows: pd.DataFrame) -> pd.Series:
    """How many figures each row stands for: `n` of collapsed rows (`spending_points`), else 1."""
    if "n" in rows.columns:
        return rows["n"].astype("int64")
    return pd.Series(1, index=rows.index, dtype="int64")


CLAIM_COLUMNS = {
    "iso3": "string",
    "country": "string",
    "year": "Int64",
    "value": "Float64",
    "qualifier": "string",
    "kind": "string",
    "official_value": "Float64",
    "edition": "string",
    "difference": "Float64",
    "verdict": "string",
    "text": "string",
    "sentence": "string",
    "article_id": "string",
    "statement_id": "string",
    "n": "int64",
}


def gdp_claims(
    numbers: pd.DataFrame,
    names: Mapping[str, str] | None = None,
    countries: Iterable[str] | None = None,
    kinds: Iterable[str] = NUMBER_KINDS,
) -> pd.DataFrame:
    """Percent-of-GDP figures about a country (CLAIM_COLUMNS, `country` the name), of `kinds`, limited to
    `countries` (ISO3) when given. Sorted by country name, year, value."""
    numbers = numbers[[c for c in CLAIM_COLUMNS if c not in {"iso3", "n"}] + ["unit"]].assign(n=_n(numbers))
    rows = numbers[
        numbers["unit"].eq("percent_of_gdp").fillna(False).astype(bool)
        & numbers["country"].notna()
        & numbers["kind"].isin(list(kinds)).fillna(False).astype(bool)
    ]
    wanted = _wanted(countries)
    if wanted is not None:
        rows = rows[rows["country"].isin(wanted).fillna(False).astype(bool)]
    out = rows.rename(columns={"country": "iso3"})
    out = out.assign(country=_names_of(out["iso3"], names))
    out = out.sort_values(["country", "year", "value"], na_position="last")
    return _typed(out, CLAIM_COLUMNS)


def official_series(reference: pd.DataFrame, countries: Iterable[str]) -> pd.DataFrame:
    """NATO's percent-of-GDP figure per (country, year) from the latest edition that has it, for `countries`
    (ISO3): columns iso3, country (NATO's name), year, pct_gdp, edition, estimate. Sorted by country, year."""
    wanted = _wanted(countries) or set()
    ref = reference.dropna(subset=["pct_gdp"])
    ref = ref[ref["iso3"].isin(wanted).fillna(False).astype(bool)]
    latest = ref.sort_values("edition").drop_duplicates(["iso3", "year"], keep="last")
    latest = latest.sort_values(["country", "year"])
    columns = ("iso3", "country", "year", "pct_gdp", "edition", "estimate")
    return _typed(latest, {c: REFERENCE_DTYPES[c] for c in columns})


def spending_chart_data(
    numbers: pd.DataFrame,
    reference: pd.DataFrame,
    names: Mapping[str, str] | None = None,
    countries: Iterable[str] | None = None,
    max_countries: int = MAX_SERIES_COUNTRIES,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(claims, series) for the spending line chart: the reported percent-of-GDP claims about `countries`
    (or, with none given, about the `max_countries` countries claimed most often), and NATO's series for
    those countries (`official_series`, `country` renamed to the names used for the claims)."""
    claims = gdp_claims(numbers, names, countries, kinds=("reported",))
    if _wanted(countries) is None and not claims.empty:
        ranked = claims.groupby("iso3")["n"].sum().reset_index()
        ranked = ranked.sort_values(["n", "iso3"], ascending=[False, True]).head(max_countries)
        claims = claims[claims["iso3"].isin(set(ranked["iso3"]))].reset_index(drop=True)
    series = official_series(reference, claims["iso3"].dropna().unique())
    if not series.empty:
        own = series["iso3"].map(lambda c: (names or {}).get(c, pd.NA)).astype("string")
        series["country"] = own.fillna(series["country"])
    return claims, series


_LEVEL_COLUMNS = {
    "iso3": "string",
    "country": "string",
    "measure": "string",
    "value": "Float64",
    "year": "Int64",
    "source": "string",
    "text": "string",
    "sentence": "string",
    "n": "int64",
}


def spending_chart_table(claims: pd.DataFrame, series: pd.DataFrame) -> pd.DataFrame:
    """The spending chart's data in one table: NATO's series (source "NATO", edition) and the claims
    (source "article", with verdict and sentence), columns iso3, country, year, value, source, edition,
    qualifier, verdict, sentence, article_id and n (how many claims a row stands for): the series first,
    then the claims."""
    shared = ["iso3", "country", "year", "value", "edition"]
    nato = series.rename(columns={"pct_gdp": "value"})[shared].assign(source="NATO")
    articles = claims[[*shared, "qualifier", "verdict", "sentence", "article_id", "n"]].assign(
        source="article"
    )
    out = pd.concat([nato, articles], ignore_index=True)
    return _typed(
        out,
        {
            "iso3": "string",
            "country": "string",
            "year": "Int64",
            "value": "Float64",
            "source": "string",
            "edition": "string",
            "qualifier": "string",
            "verdict": "string",
            "sentence": "string",
            "article_id": "string",
            "n": "Int64",
        },
    )


def targets_vs_levels(
    numbers: pd.DataFrame,
    reference: pd.DataFrame,
    names: Mapping[str, str] | None = None,
    countries: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Per country with a percent-of-GDP target in the articles: each target, and the latest reported
    level (NATO's latest figure; an article's latest reported claim when NATO has none). Columns iso3,
    country, measure ("target" | "reported level"), value, year, source ("article" | "NATO <edition>"),
    text, sentence, n (figures a row stands for). Countries ordered by their latest level, highest first."""
    numbers = numbers[["unit", "kind", "country", "value", "year", "text", "sentence"]].assign(n=_n(numbers))
    pct = numbers[
        numbers["unit"].eq("percent_of_gdp").fillna(False).astype(bool) & numbers["country"].notna()
    ]
    wanted = _wanted(countries)
    if wanted is not None:
        pct = pct[pct["country"].isin(wanted).fillna(False).astype(bool)]
    pct = pct.rename(columns={"country": "iso3"})
    targets = pct[pct["kind"].eq("target").fillna(False).astype(bool) & pct["value"].notna()]
    if targets.empty:
        return _typed(pd.DataFrame(), _LEVEL_COLUMNS)
    codes = set(targets["iso3"])
    ref = reference[reference["iso3"].isin(codes).fillna(False).astype(bool) & reference["pct_gdp"].notna()]
    nato = ref.sort_values(["year", "edition"]).drop_duplicates("iso3", keep="last")  # latest year, edition
    levels = pd.DataFrame(
        {
            "iso3": nato["iso3"],
            "value": nato["pct_gdp"],
            "year": nato["year"],
            "source": "NATO " + nato["edition"],
            "n": 1,
        }
    )
    claimed = pct[
        pct["kind"].eq("reported").fillna(False).astype(bool)
        & ~pct["iso3"].isin(set(levels["iso3"])).fillna(False).astype(bool)
    ].dropna(subset=["value", "year"])
    latest = claimed.sort_values(["year", "value"]).drop_duplicates("iso3", keep="last")
    levels = pd.concat(
        [levels, latest[["iso3", "value", "year", "text", "sentence", "n"]].assign(source="article")]
    )
    out = pd.concat(
        [
            levels.assign(measure="reported level", _order=0),
            targets[["iso3", "value", "year", "text", "sentence", "n"]].assign(
                measure="target", source="article", _order=1
            ),
        ],
        ignore_index=True,
    )
    out["country"] = _names_of(out["iso3"], names)
    out["_level"] = out["iso3"].map(dict(zip(levels["iso3"], levels["value"], strict=True))).astype("Float64")
    out = out.sort_values(["_level", "country", "_order", "year"], ascending=[False, True, True, True])
    return _typed(out, _LEVEL_COLUMNS)


def money_amounts(
    numbers: pd.DataFrame, names: Mapping[str, str] | None = None, countries: Iterable[str] | None = None
) -> pd.DataFrame:
    """Money figures with a currency: columns currency, value, kind, iso3, country, year, text, sentence,
    article_id, n (figures a row stands for); limited to `countries` (ISO3) when given. Sorted by currency
    (most figures first), value."""
    numbers = numbers[
        ["unit", "currency", "value", "kind", "country", "year", "text", "sentence", "article_id"]
    ].assign(n=_n(numbers))
    rows = numbers[numbers["unit"].eq("money").fillna(False).astype(bool)].dropna(
        subset=["currency", "value"]
    )
    wanted = _wanted(countries)
    if wanted is not None:
        rows = rows[rows["country"].isin(wanted).fillna(False).astype(bool)]
    out = rows.rename(columns={"country": "iso3"}).copy()
    out["country"] = _names_of(out["iso3"], names)
    out["_n"] = out.groupby("currency")["n"].transform("sum")
    out = out.sort_values(["_n", "currency", "value"], ascending=[False, True, True])
    return _typed(
        out,
        {
            "currency": "string",
            "value": "Float64",
            "kind": "string",
            "iso3": "string",
            "country": "string",
            "year": "Int64",
            "text": "string",
            "sentence": "string",
            "article_id": "string",
            "n": "int64",
        },
    )


def claims_table(numbers: pd.DataFrame, names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The claims table as shown and downloaded: every percent-of-GDP figure (with or without a country;
    from the rows, not `spending_points`; `StoreSQL.claims_table` is its SQL version),
    with its evidence sentence, NATO's value, edition and the verdict. Columns country, year, claimed,
    qualifier, kind, official, edition, difference, verdict, sentence, article_id, statement_id; checked
    claims first (by country, year), then the rest."""
    columns = ["unit", "country", "year", "value", "qualifier", "kind", "official_value", "edition"]
    numbers = numbers[
        [*columns, "difference", "verdict", "sentence", "article_id", "statement_id", "number_id"]
    ]
    rows = numbers[numbers["unit"].eq("percent_of_gdp").fillna(False).astype(bool)].copy()
    rows["country_name"] = _names_of(rows["country"], names)
    rows = rows.assign(_unchecked=rows["verdict"].isna()).sort_values(
        ["_unchecked", "country_name", "year", "value"], na_position="last"
    )
    out = pd.DataFrame(
        {
            "country": rows["country_name"],
            "year": rows["year"],
            "claimed": rows["value"],
            "qualifier": rows["qualifier"],
            "kind": rows["kind"],
            "official": rows["official_value"],
            "edition": rows["edition"],
            "difference": rows["difference"],
            "verdict": rows["verdict"],
            "sentence": rows["sentence"],
            "article_id": rows["article_id"],
            "statement_id": rows["statement_id"],
            "number_id": rows["number_id"],
        }
    )
    return _typed(out, CLAIMS_TABLE_COLUMNS)


CLAIMS_TABLE_COLUMNS = {
    "country": "string",
    "year": "Int64",
    "claimed": "Float64",
    "qualifier": "string",
    "kind": "string",
    "official": "Float64",
    "edition": "string",
    "difference": "Float64",
    "verdict": "string",
    "sentence": "string",
    "article_id": "string",
    "statement_id": "string",
    "number_id": "string",
}


def verdict_counts(numbers: pd.DataFrame) -> dict[str, int]:
    """How many percent-of-GDP claims there are ("claims"), how many were checked against NATO, and how
    many got each verdict (from rows or `spending_points`)."""
    pct = numbers["unit"].eq("percent_of_gdp").fillna(False).astype(bool)
    checked = pct & numbers["verdict"].notna()
    counts = _n(numbers)[checked].groupby(numbers.loc[checked, "verdict"]).sum()
    out = {"claims": int(_n(numbers)[pct].sum()), "checked": int(counts.sum())}
    out.update({v: int(counts.get(v, 0)) for v in ("consistent", "overstated", "understated")})
    return out


# --- Actor stances ------------------------------------------------------------------------------------------


def limit_matrix(matrix: pd.DataFrame, by: str, n: int) -> pd.DataFrame:
    """Rows of a stance matrix (`stance_frames.actor_target_matrix` and the like) for the `n` values of
    column `by` with the most statements (sum of `count`), ties by name."""
    if matrix.empty:
        return matrix.reset_index(drop=True)
    totals = matrix.groupby(by)["count"].sum().reset_index()
    keep = totals.sort_values(["count", by], ascending=[False, True]).head(n)[by]
    return matrix[matrix[by].isin(set(keep))].reset_index(drop=True)


def _cell(stances: pd.DataFrame, **values: str | None) -> pd.DataFrame:
    """The stance rows whose columns equal every given value (None = any)."""
    keep = pd.Series(True, index=stances.index)
    for column, value in values.items():
        if value is not None:
            keep &= stances[column].eq(value).fillna(False).astype(bool)
    return stances[keep]


def stances_behind(
    stances: pd.DataFrame,
    articles: pd.DataFrame,
    actor: str | None = None,
    target: str | None = None,
    actor_country: str | None = None,
) -> pd.DataFrame:
    """The stance rows behind one heatmap cell (any of actor, actor_country, target; None = any), with the
    article's date, outlet and title: columns date, actor, actor_country, target, polarity, score, evidence,
    outlet, title, statement_id, article_id, method (`rule:<id>` of the rule that decided it, or `analyst`
    once corrected), stance_id.
    Newest first."""
    rows = _with_article(
        _cell(stances, actor=actor, target=target, actor_country=actor_country), articles, ["stance_id"]
    )
    out = pd.DataFrame(
        {
            "date": rows["date"],
            "actor": rows["actor"],
            "actor_country": rows["actor_country"],
            "target": rows["target"],
            "polarity": rows["polarity"],
            "score": rows["score"],
            "evidence": rows["evidence"],
            "outlet": rows["source"],
            "title": rows["title"],
            "statement_id": rows["statement_id"],
            "article_id": rows["article_id"],
            "method": rows["method"],
            "stance_id": rows["stance_id"],
        }
    )
    return _typed(
        out,
        {
            "date": "datetime64[ns]",
            "actor": "string",
            "actor_country": "string",
            "target": "string",
            "polarity": "string",
            "score": "Float64",
            "evidence": "string",
            "outlet": "string",
            "title": "string",
            "statement_id": "string",
            "article_id": "string",
            "method": "string",
            "stance_id": "string",
        },
    )


def positions_behind(
    stances: pd.DataFrame, articles: pd.DataFrame, actor: str | None = None, target: str | None = None
) -> pd.DataFrame:
    """Each article's position of an actor on a target behind one heatmap cell (majority of its evidence,
    `stance_frames.article_positions`), with the article's date, outlet and title. Newest first."""
    rows = _with_article(
        article_positions(_cell(stances, actor=actor, target=target)), articles, ["actor", "target"]
    )
    out = rows.rename(columns={"source": "outlet"})
    first = ["date", "outlet", "title"]  # what a reader recognises an article by; its id comes last
    return out[[*first, *out.columns.drop([*first, "article_id"]), "article_id"]].reset_index(drop=True)


def _with_article(rows: pd.DataFrame, articles: pd.DataFrame, then_by: list[str]) -> pd.DataFrame:
    """`rows` with their article's outlet (`source`), title and day (`date`, naive UTC), newest first, then by
    `then_by`."""
    rows = rows.merge(articles[["article_id", "published", "source", "title"]], on="article_id", how="left")
    rows = rows.sort_values(
        ["published", *then_by], ascending=[False] + [True] * len(then_by), na_position="last"
    )
    published = pd.to_datetime(rows.pop("published"), utc=True).dt.tz_convert(None)
    return rows.assign(date=published.dt.normalize())


def graph_edges(graph: nx.Graph) -> pd.DataFrame:
    """A network's edges as a table (the data behind the network chart): columns source, target,
    source_kind, target_kind, then every edge attribute (weight, mean_score, ...)."""
    kinds = dict(graph.nodes(data="kind", default=pd.NA))
    rows = [
        {"source": u, "target": v, "source_kind": kinds.get(u), "target_kind": kinds.get(v), **data}
        for u, v, data in graph.edges(data=True)
    ]
    columns = ["source", "target", "source_kind", "target_kind"]
    return pd.DataFrame(rows, columns=columns + sorted({k for r in rows for k in r} - set(columns)))
