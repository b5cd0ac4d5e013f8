"""Queries over the store's tables: filtering, counting and shaping frames for the dashboard's pages.

Pure pandas functions of DataFrames; no Streamlit import, no file access, no plotting."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

FREQUENCIES = {"M": "Month", "Q": "Quarter", "Y": "Year"}
KINDS = ("direct", "partial", "indirect")  # stacking order on charts: verbatim first
ARTICLE_COLUMNS = ["article_id", "title", "source", "published", "url"]


def country_options(tables: Mapping[str, pd.DataFrame]) -> list[str]:
    """ISO3 codes that a country filter can choose from: articles' mentioned countries and speakers'
    countries, sorted."""
    codes: set[str] = set()
    for cell in tables["articles"]["countries"]:
        codes.update(c for c in (cell if isinstance(cell, list | tuple) else []) if c)
    codes.update(tables["statements"]["speaker_country"].dropna().astype(str))
    return sorted(codes)


def _wanted(countries: Iterable[str] | None) -> set[str] | None:
    wanted = {str(c).upper() for c in countries or () if c}
    return wanted or None


def _mentions(cells: pd.Series, wanted: set[str]) -> pd.Series:
    return cells.map(lambda v: isinstance(v, list | tuple) and not wanted.isdisjoint(v)).astype(bool)


def filter_statements(
    tables: Mapping[str, pd.DataFrame],
    countries: Iterable[str] | None = None,
    search: str | None = None,
    kinds: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Statements joined with their article's title, source, published date and url.

    `countries` (ISO3) keeps a statement when its speaker's country is one of them OR its article mentions
    one of them; `search` keeps statements whose content or speaker contains the text (case-insensitive,
    literal); `kinds` keeps those kinds. None or empty means no filter. Sorted newest article first."""
    statements = tables["statements"]
    articles = tables["articles"]
    out = statements.merge(
        articles[[*ARTICLE_COLUMNS, "countries"]], on="article_id", how="left", validate="many_to_one"
    )
    wanted = _wanted(countries)
    if wanted is not None:
        keep = out["speaker_country"].isin(wanted).fillna(False).astype(bool) | _mentions(
            out["countries"], wanted
        )
        out = out[keep]
    if search and search.strip():
        needle = search.strip()
        hit = out["content"].str.contains(needle, case=False, regex=False, na=False) | out[
            "speaker"
        ].str.contains(needle, case=False, regex=False, na=False)
        out = out[hit.astype(bool)]
    if kinds:
        out = out[out["kind"].isin(list(kinds)).fillna(False).astype(bool)]
    out = out.drop(columns=["countries"])
    return out.sort_values(
        ["published", "article_id", "content_start"], ascending=[False, True, True], na_position="last"
    ).reset_index(drop=True)


def filter_articles(
    tables: Mapping[str, pd.DataFrame],
    countries: Iterable[str] | None = None,
    statements: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Articles that mention one of `countries` (ISO3) or hold a statement by a speaker from one of them.

    With `statements` (already filtered), only articles holding at least one of those statements are kept
    besides those matched by country; pass it so page counts agree with a text search."""
    articles = tables["articles"]
    wanted = _wanted(countries)
    keep = pd.Series(True, index=articles.index)
    if wanted is not None:
        all_statements = tables["statements"]
        speaking = set(
            all_statements.loc[all_statements["speaker_country"].isin(wanted).fillna(False), "article_id"]
        )
        keep = _mentions(articles["countries"], wanted) | articles["article_id"].isin(speaking)
    if statements is not None:
        keep &= articles["article_id"].isin(set(statements["article_id"]))
    return articles[keep.astype(bool)].reset_index(drop=True)


def headline_counts(articles: pd.DataFrame, statements: pd.DataFrame) -> dict[str, int]:
    """Numbers for the headline: articles, statements, distinct named speakers and distinct speaker
    countries."""
    return {
        "articles": int(articles["article_id"].nunique()),
        "statements": len(statements),
        "speakers": int(statements["speaker"].dropna().nunique()),
        "countries": int(statements["speaker_country"].dropna().nunique()),
    }


def statements_over_time(statements: pd.DataFrame, freq: str = "M") -> pd.DataFrame:
    """Statements per period of their article's published date and per kind: columns period (the period's
    first day, naive), kind, statements. Statements of undated articles are left out."""
    if freq not in FREQUENCIES:
        raise ValueError(f"unknown frequency {freq!r}; supported: {', '.join(FREQUENCIES)}")
    dated = statements.dropna(subset=["published"])
    if dated.empty:
        return pd.DataFrame(
            {
                "period": pd.Series(dtype="datetime64[ns]"),
                "kind": pd.Series(dtype="string"),
                "statements": pd.Series(dtype="int64"),
            }
        )
    published = pd.to_datetime(dated["published"], utc=True).dt.tz_convert(None)
    period = published.dt.to_period(freq).dt.start_time.rename("period")
    counts = (
        dated.assign(period=period.values, kind=dated["kind"].fillna("unknown"))
        .groupby(["period", "kind"], observed=True)
        .size()
        .rename("statements")
        .reset_index()
    )
    order = {k: i for i, k in enumerate(KINDS)}
    counts["_order"] = counts["kind"].map(lambda k: order.get(k, len(order)))
    counts = counts.sort_values(["period", "_order"]).drop(columns="_order").reset_index(drop=True)
    counts["period"] = counts["period"].astype("datetime64[ns]")
    counts["kind"] = counts["kind"].astype("string")
    counts["statements"] = counts["statements"].astype("int64")
    return counts


def top_speakers(statements: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The `n` named speakers with most statements: columns speaker, speaker_country, speaker_role (their
    most frequent ones) and statements; most statements first, ties by name."""
    named = statements.dropna(subset=["speaker"])
    if named.empty:
        return pd.DataFrame(
            {
                "speaker": pd.Series(dtype="string"),
                "speaker_country": pd.Series(dtype="string"),
                "speaker_role": pd.Series(dtype="string"),
                "statements": pd.Series(dtype="int64"),
            }
        )

    def most_common(values: pd.Series) -> object:
        values = values.dropna()
        return values.mode().iloc[0] if not values.empty else pd.NA

    grouped = named.groupby("speaker", observed=True)
    out = pd.DataFrame(
        {
            "speaker_country": grouped["speaker_country"].agg(most_common),
            "speaker_role": grouped["speaker_role"].agg(most_common),
            "statements": grouped.size(),
        }
    ).reset_index()
    out = out.sort_values(["statements", "speaker"], ascending=[False, True]).head(n).reset_index(drop=True)
    out["speaker"] = out["speaker"].astype("string")
    out["speaker_country"] = out["speaker_country"].astype("string")
    out["speaker_role"] = out["speaker_role"].astype("string")
    out["statements"] = out["statements"].astype("int64")
    return out


def statement_rows(statements: pd.DataFrame, country_names: Mapping[str, str]) -> pd.DataFrame:
    """The statements table as shown and downloaded: date, speaker, country (name), role, kind, content,
    outlet, plus statement_id and article_id to look the row up again."""
    names = statements["speaker_country"].map(
        lambda c: country_names.get(c, c) if isinstance(c, str) else pd.NA
    )
    published = pd.to_datetime(statements["published"], utc=True)
    return pd.DataFrame(
        {
            "date": published.dt.tz_convert(None).dt.date,
            "speaker": statements["speaker"].astype("string"),
            "country": names.astype("string"),
            "role": statements["speaker_role"].astype("string"),
            "kind": statements["kind"].astype("string"),
            "content": statements["content"].astype("string"),
            "outlet": statements["source"].astype("string"),
            "statement_id": statements["statement_id"].astype("string"),
            "article_id": statements["article_id"].astype("string"),
        }
    ).reset_index(drop=True)


def article_by_id(tables: Mapping[str, pd.DataFrame], article_id: str) -> dict[str, object]:
    """One article's row as a dict; KeyError when the store has no such article."""
    articles = tables["articles"]
    match = articles[articles["article_id"] == article_id]
    if match.empty:
        raise KeyError(f"no article {article_id!r} in the store")
    return match.iloc[0].to_dict()


def statement_context(article_text: str, statement: Mapping[str, object]) -> tuple[str, str, str]:
    """The article text split around the statement: (before, statement sentence, after).

    Uses the sentence offsets when they match the text, else the content offsets; when neither matches,
    the whole text is `before` and the other two are empty."""
    text = article_text or ""
    sentence = statement.get("sentence")
    start = statement.get("sentence_start")
    if isinstance(sentence, str) and sentence and not pd.isna(start):
        s = int(start)
        if text[s : s + len(sentence)] == sentence:
            return text[:s], sentence, text[s + len(sentence) :]
    cs, ce = statement.get("content_start"), statement.get("content_end")
    if not pd.isna(cs) and not pd.isna(ce) and 0 <= int(cs) < int(ce) <= len(text):
        return text[: int(cs)], text[int(cs) : int(ce)], text[int(ce) :]
    return text, "", ""
