"""Data access for the Streamlit app: the store folder, first-start ingest and the cached tables.

The only module with `st.cache_data`/`st.cache_resource`; it reads the store and never filters or draws."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.store import Store

STORE_ENV = "DDD_STORE"
DEFAULT_STORE = ".store"
SAMPLE_ARTICLES = Path(__file__).resolve().parents[2] / "data" / "articles"


def store_dir() -> str:
    """The store folder: env var DDD_STORE, default `.store` (relative to the working directory)."""
    return os.environ.get(STORE_ENV) or DEFAULT_STORE


def store_is_empty(store: str) -> bool:
    """True when `store` has no manifest or no article yet."""
    db = Store(store)
    return not db.exists() or not db.known_articles()


@st.cache_resource(show_spinner=False)
def _ingest_lock(store: str) -> threading.Lock:
    """One lock per store folder shared by all sessions, so two first visitors do not ingest twice."""
    return threading.Lock()


def ensure_store(store: str, articles: str | os.PathLike = SAMPLE_ARTICLES) -> bool:
    """Ingest `articles` into `store` when it is missing or empty; True when an ingest ran."""
    if not store_is_empty(store):
        return False
    with _ingest_lock(store):
        if not store_is_empty(store):
            return False
        from dashboard.loader import load_articles  # spaCy is only needed for this first start

        load_articles(articles, store=store)
        return True


@st.cache_data(show_spinner="Reading the store…", max_entries=4)
def _tables(store: str, updated: str) -> dict[str, pd.DataFrame]:
    from dashboard.corpus import Corpus

    return Corpus.from_tables(Store(store).read_all()).tables()


def load_tables(store_dir: str) -> dict[str, pd.DataFrame]:
    """Every table of the store, speakers canonicalised across articles; cached per store folder and
    manifest 'updated' stamp, so a new ingest is read again."""
    updated = str(Store(store_dir).manifest().get("updated", ""))
    return _tables(str(Path(store_dir).resolve()), updated)


@st.cache_resource(show_spinner=False)
def _gazetteer():
    from dashboard.nlp.gazetteer import Gazetteer

    return Gazetteer.load()


def country_names(codes: tuple[str, ...] | list[str]) -> dict[str, str]:
    """ISO3 -> English short name from the gazetteer (the code itself when unknown)."""
    gaz = _gazetteer()
    return {code: gaz.country_name(code) or code for code in codes}
