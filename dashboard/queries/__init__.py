"""Queries over the store's tables: the global filters, counting and shaping frames for the dashboard's
pages.

Pure functions of DataFrames; no Streamlit import, no file access, no plotting."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

FREQUENCIES = {"M": "Month", "Q": "Quarter", "Y": "Year"}
KINDS = ("direct", "partial", "indirect")  # stacking order on charts: verbatim first
ARTICLE_COLUMNS = ["article_id", "title", "source", "published", "url"]
TABLE_NAMES = ("articles", "statements", "numbers", "topics", "stances", "rejected")
# What the country filter looks at: the speaker's country, the countries an article mentions, the country
# a number is about.
COUNTRY_FIELDS = ("speaker", "mentioned", "number")
COUNTRY_FIELD_LABELS = {
    "speaker": "Speaker's country",
    "mentioned": "Mentioned in article",
    "number": "Number's country",
}


@dataclass(frozen=True)
class Filters:
    """The dashboard's global filters. Empty tuples and None mean "no filter"; `countries` are ISO3 codes
    applied to the `country_fields` chosen (a row matches when any of them matches)."""

    countries: tuple[str, ...] = ()
    country_fields: tuple[str, ...] = COUNTRY_FIELDS
    date_from: date | None = None
    date_to: date | None = None
    outlets: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        """True when no filter is set (every row passes)."""
        return not (
            self.countries or self.date_from or self.date_to or self.outlets or self.topics or self.actors
        )


def _arrow(values: pd.Series | Iterable[object]) -> pa.Array:
    """`values` as one Arrow string array (nulls kept), without a Python loop for Arrow-backed series."""
    if isinstance(values, pd.Series):
        if isinstance(values.dtype, pd.StringDtype):
            arr = values.array.__arrow_array__()
        else:
            arr = pa.array(values.to_numpy(dtype=object), from_pandas=True)
    else:
        arr = pa.array([str(v) for v in values], type=pa.string())
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    return arr.cast(pa.large_string()) if len(arr) else pa.array([], type=pa.large_string())


def _isin(series: pd.Series, values: pd.Series | Iterable[object]) -> pd.Series:
    """Boolean mask: `series` value is one of `values` (nulls never match). Arrow's is_in: pandas' isin on
    Arrow strings converts `values` element by element, which takes seconds on a large corpus."""
    if series.empty:
        return pd.Series(False, index=series.index, dtype=bool)
    value_set = _arrow(values).drop_null().unique()
    mask = pc.is_in(_arrow(series), value_set=value_set).fill_null(False)
    return pd.Series(mask.to_numpy(zero_copy_only=False), index=series.index, dtype=bool)


def _articles_mentioning(articles: pd.DataFrame, wanted: set[str]) -> pd.Series:
    exploded = articles[["article_id", "countries"]].explode("countries")
    return exploded.loc[_isin(exploded["countries"], wanted), "article_id"]


def _base_articles(tables: Mapping[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """Articles passing the article-level filters: date range, outlets, topics."""
    articles = tables["articles"]
    keep = pd.Series(True, index=articles.index)
    if filters.date_from or filters.date_to:
        published = articles["published"]
        keep &= published.notna().fillna(False).astype(bool)
        if filters.date_from:
            keep &= (published >= pd.Timestamp(filters.date_from, tz="UTC")).fillna(False).astype(bool)
        if filters.date_to:
            end = pd.Timestamp(filters.date_to, tz="UTC") + pd.Timedelta(days=1)
            keep &= (published < end).fillna(False).astype(bool)
    if filters.outlets:
        keep &= _isin(articles["source"], filters.outlets)
    if filters.topics:
        topics = tables["topics"]
        keep &= _isin(
            articles["article_id"], topics.loc[_isin(topics["topic"], filters.topics), "article_id"]
        )
    return articles[keep]


def apply_filters(tables: Mapping[str, pd.DataFrame], filters: Filters) -> dict[str, pd.DataFrame]:
    """The tables (articles, statements, numbers, topics, stances, rejected) filtered consistently.

    Date range, outlets and topics select articles (undated articles drop out once a date is set; a topic
    keeps the articles where it was found); every other table keeps only rows of those articles.
    Countries keep statements whose speaker is from one of them ("speaker"), statements of articles that
    mention one ("mentioned"), and statements holding a number about one ("number"), for the fields in
    `filters.country_fields`; numbers and stances are matched the same way (a number by its own country,
    a stance by its actor's country). Actors keep their statements and stances and the numbers inside
    those statements. Articles then keep those that still hold a matching row (or mention a wanted country
    when no actor is chosen). Topic rows are limited to the chosen topics; `rejected` is never filtered.
    Row order and columns are unchanged."""
    missing = [t for t in TABLE_NAMES if t not in tables]
    if missing:
        raise KeyError(f"tables missing: {missing}")
    if filters.is_empty():
        return {t: tables[t] for t in TABLE_NAMES}
    articles = _base_articles(tables, filters)
    statements, numbers, stances = tables["statements"], tables["numbers"], tables["stances"]
    if len(articles) < len(tables["articles"]):
        ids = articles["article_id"]
        statements = statements[_isin(statements["article_id"], ids)]
        numbers = numbers[_isin(numbers["article_id"], ids)]
        stances = stances[_isin(stances["article_id"], ids)]

    wanted = {str(c).upper() for c in filters.countries if c}
    fields = set(filters.country_fields) or set(COUNTRY_FIELDS)
    nothing = pd.Series([], dtype="string")
    mentioning = nothing
    if wanted:
        if "mentioned" in fields:
            mentioning = _articles_mentioning(articles, wanted)
        by_number = (
            numbers.loc[_isin(numbers["country"], wanted), "statement_id"] if "number" in fields else nothing
        )
        by_speaker = (
            statements.loc[_isin(statements["speaker_country"], wanted), "statement_id"]
            if "speaker" in fields
            else nothing
        )
        keep = _isin(statements["article_id"], mentioning) | _isin(statements["statement_id"], by_number)
        if "speaker" in fields:
            keep |= _isin(statements["speaker_country"], wanted)
        statements = statements[keep]
        keep = _isin(numbers["article_id"], mentioning) | _isin(numbers["statement_id"], by_speaker)
        if "number" in fields:
            keep |= _isin(numbers["country"], wanted)
        numbers = numbers[keep]
        keep = _isin(stances["article_id"], mentioning) | _isin(stances["statement_id"], by_number)
        if "speaker" in fields:
            keep |= _isin(stances["actor_country"], wanted)
        stances = stances[keep]
    if filters.actors:
        statements = statements[_isin(statements["speaker"], filters.actors)]
        said = statements["statement_id"]
        numbers = numbers[_isin(numbers["statement_id"], said)]
        stances = stances[_isin(stances["actor"], filters.actors) | _isin(stances["statement_id"], said)]
    if wanted or filters.actors:
        holding = [statements["article_id"], numbers["article_id"], stances["article_id"]]
        if not filters.actors:
            holding.append(mentioning)
        articles = articles[_isin(articles["article_id"], pd.concat([h.astype("string") for h in holding]))]
    topics = tables["topics"]
    keep = _isin(topics["article_id"], articles["article_id"])
    if filters.topics:
        keep &= _isin(topics["topic"], filters.topics)
    return {
        "articles": articles,
        "statements": statements,
        "numbers": numbers,
        "topics": topics[keep],
        "stances": stances,
        "rejected": tables["rejected"],
    }


def describe_filters(
    filters: Filters, country_names: Mapping[str, str], topic_labels: Mapping[str, str] | None = None
) -> str:
    """The filters in a few words for captions and reports, e.g. "France, Germany (speaker's country);
    2019-01-01 to 2024-12-31; outlets: Reuters"; "all articles" when none is set."""
    parts = []
    if filters.countries:
        countries = ", ".join(country_names.get(c, c) for c in filters.countries)
        if set(filters.country_fields) != set(COUNTRY_FIELDS):
            fields = ", ".join(COUNTRY_FIELD_LABELS[f].lower() for f in filters.country_fields)
            countries = f"{countries} ({fields})"
        parts.append(countries)
    if filters.date_from or filters.date_to:
        start = filters.date_from.isoformat() if filters.date_from else "first"
        end = filters.date_to.isoformat() if filters.date_to else "last"
        parts.append(f"{start} to {end}")
    if filters.outlets:
        parts.append("outlets: " + ", ".join(filters.outlets))
    if filters.topics:
        labels = topic_labels or {}
        parts.append("topics: " + ", ".join(labels.get(t, t) for t in filters.topics))
    if filters.actors:
        parts.append("actors: " + ", ".join(filters.actors))
    return "; ".join(parts) if parts else "all articles"


def _search_terms(search: str) -> list[str]:
    """Words of a search; a "quoted phrase" stays one term."""
    terms = []
    for i, part in enumerate(search.split('"')):
        terms.extend([part.strip()] if i % 2 else part.split())
    return [t for t in terms if t]


def search_statements(tables: Mapping[str, pd.DataFrame], search: str | None = None) -> pd.DataFrame:
    """The (already filtered) statements joined with their article's title, source, published date and
    url, newest article first, keeping those whose content or speaker contains every word of `search`
    ("quoted phrases" as one; case-insensitive, literal, not a regex)."""
    statements = tables["statements"]
    if search and search.strip():
        text = (statements["content"].fillna("") + "\n" + statements["speaker"].fillna("")).astype(str)
        keep = pd.Series(True, index=statements.index)
        for term in _search_terms(search):
            keep &= text.str.contains(term, case=False, regex=False)
        statements = statements[keep.astype(bool)]
    out = statements.merge(tables["articles"][ARTICLE_COLUMNS], on="article_id", how="left")
    return out.sort_values(
        ["published", "article_id", "content_start"], ascending=[False, True, True], na_position="last"
    ).reset_index(drop=True)


def corpus_stats(tables: Mapping[str, pd.DataFrame]) -> dict[str, object]:
    """Numbers describing the whole corpus: articles, statements, numbers, words, outlets, undated and
    non-English articles, rejected records, and the first and last publication days (None when undated)."""
    articles = tables["articles"]
    published = articles["published"].dropna()
    return {
        "articles": len(articles),
        "statements": len(tables["statements"]),
        "numbers": len(tables["numbers"]),
        "words": int(articles["n_words"].fillna(0).sum()),
        "outlets": int(articles["source"].dropna().nunique()),
        "undated": int(articles["published"].isna().sum()),
        "not_english": int((articles["language"].fillna("en") != "en").sum()),
        "rejected": len(tables["rejected"]),
        "first": published.min().date() if len(published) else None,
        "last": published.max().date() if len(published) else None,
    }


def table_counts(tables: Mapping[str, pd.DataFrame], filtered: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Rows per table in the store and after the filters: columns table, rows, filtered."""
    return pd.DataFrame(
        {
            "table": list(TABLE_NAMES),
            "rows": [len(tables[t]) for t in TABLE_NAMES],
            "filtered": [len(filtered[t]) for t in TABLE_NAMES],
        }
    )


def articles_per_outlet(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles per outlet (unknown outlets as "(no outlet)"), most first: columns outlet, articles."""
    outlets = articles["source"].astype("string").fillna("(no outlet)")
    counts = outlets.value_counts().rename_axis("outlet").rename("articles").reset_index()
    return counts.sort_values(["articles", "outlet"], ascending=[False, True]).reset_index(drop=True)


def outlet_options(tables: Mapping[str, pd.DataFrame]) -> list[str]:
    """Outlets (articles' source) the outlet filter can choose from, sorted case-insensitively."""
    return sorted(set(tables["articles"]["source"].dropna().astype(str)), key=str.casefold)


def actor_options(tables: Mapping[str, pd.DataFrame]) -> list[str]:
    """Named speakers and stance actors the actor filter can choose from, most statements first."""
    counts = tables["statements"]["speaker"].dropna().astype(str).value_counts()
    extra = set(tables["stances"]["actor"].dropna().astype(str)) - set(counts.index)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [name for name, _ in ranked] + sorted(extra)


def topic_options(tables: Mapping[str, pd.DataFrame]) -> list[str]:
    """Topic names present in the topics table, sorted."""
    return sorted(set(tables["topics"]["topic"].dropna().astype(str)))


def date_bounds(tables: Mapping[str, pd.DataFrame]) -> tuple[date, date] | None:
    """The first and last publication day of the articles (UTC), or None when no article is dated."""
    published = tables["articles"]["published"].dropna()
    if published.empty:
        return None
    return published.min().date(), published.max().date()


def country_options(tables: Mapping[str, pd.DataFrame]) -> list[str]:
    """ISO3 codes that a country filter can choose from: articles' mentioned countries, speakers' countries
    and (when present) numbers' countries, sorted."""
    codes: set[str] = set()
    for cell in tables["articles"]["countries"]:
        codes.update(c for c in (cell if isinstance(cell, list | tuple) else []) if c)
    codes.update(tables["statements"]["speaker_country"].dropna().astype(str))
    if "numbers" in tables:
        codes.update(tables["numbers"]["country"].dropna().astype(str))
    return sorted(codes)


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
    dated = statements[["published", "kind"]].dropna(subset=["published"])  # two columns, not every one
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
    named = statements[["speaker", "speaker_country", "speaker_role"]].dropna(subset=["speaker"])
    if named.empty:
        return pd.DataFrame(
            {
                "speaker": pd.Series(dtype="string"),
                "speaker_country": pd.Series(dtype="string"),
                "speaker_role": pd.Series(dtype="string"),
                "statements": pd.Series(dtype="int64"),
            }
        )

    sizes = named["speaker"].value_counts().rename("statements").rename_axis("speaker").reset_index()
    top = sizes.sort_values(["statements", "speaker"], ascending=[False, True]).head(n)
    mine = named[named["speaker"].isin(set(top["speaker"]))]

    def most_common(col: str) -> dict[str, object]:
        """Each top speaker's most frequent value of `col` (ties: the smallest)."""
        counts = Counter(
            (who, value)
            for who, value in zip(mine["speaker"], mine[col], strict=True)
            if isinstance(value, str)
        )
        best: dict[str, tuple[int, str]] = {}
        for (who, value), k in counts.items():
            if who not in best or (-k, value) < (-best[who][0], best[who][1]):
                best[who] = (k, value)
        return {who: value for who, (_, value) in best.items()}

    out = pd.DataFrame(
        {
            "speaker": top["speaker"],
            "speaker_country": top["speaker"].map(most_common("speaker_country")),
            "speaker_role": top["speaker"].map(most_common("speaker_role")),
            "statements": top["statements"],
        }
    ).reset_index(drop=True)
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


# the end of a sentence: . ! or ? (and closing quotes or brackets) before a space and a capital, a digit or
# an opening quote; or a line break
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n")


def sentence_end(text: str, start: int, longest: int = 1_000) -> int:
    """Where the sentence that begins at `start` of `text` ends (exclusive): its end mark, else the line's
    end, else `longest` characters on (a sentence the store knows only by its start)."""
    found = _SENTENCE_END.search(text, start + 1, min(len(text), start + longest))
    if found is None:
        return min(len(text), start + longest)
    return found.end() if found.group() != "\n" else found.start()


_STRAIGHT = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})


def find_span(text: str, words: str, near: int = 0) -> tuple[int, int] | None:
    """Where `words` (an analyst's selection copied from the article: spacing, line breaks and curly or
    straight quotes may differ) stand in `text`, as (start, end); the occurrence nearest `near` when there
    are several; None when they are not in it."""
    plain = words.translate(_STRAIGHT)
    pieces = [re.escape(w) for w in plain.split()]
    if not pieces:
        return None
    pattern = re.compile(r"\s+".join(pieces).replace('"', '["“”„]').replace("'", "['‘’]"))
    hits = list(pattern.finditer(text))  # \s also matches a no-break space
    if not hits:
        return None
    best = min(hits, key=lambda m: abs(m.start() - near))
    return best.start(), best.end()
