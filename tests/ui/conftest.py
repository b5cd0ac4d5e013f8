"""Fixtures for the UI tests: one small Parquet store per session built from a few sample articles plus an
article carrying HTML/script injection, and cache clearing between tests.

Builds data only through `dashboard.loader.load_articles`; it must not write into the repository."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st

from dashboard.loader import Corpus, load_articles
from dashboard.store import Store

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "articles"
ARTICLES = [
    "2014-03-18_crimea-baltic-alarm.md",
    "2014-09-03_obama-tallinn.txt",
    "2018-08-28_macron-ambassadors.md",
    "2022-02-27_scholz-zeitenwende.md",
    "2025-03-18_bundestag-debt-brake.md",
]
SCRIPT_TAG = "<script>window.__pwned=1</script>"
IMG_TAG = '<img src=x onerror="window.__pwned=2">'
INJECTION_ARTICLE = f"""---
title: Drone budget row in Berlin *not bold* [not a link](javascript:alert(1))
source: Injection Test Desk
published: 2023-03-01
url: https://example.org/injection-test
---
Germany will buy more air defence systems this year, Defence Minister Boris Pistorius said on Wednesday.

Readers of this page might see {SCRIPT_TAG} and {IMG_TAG} as plain text, nothing else.

"We will not leave our airspace unprotected," Pistorius said.
"""


@pytest.fixture(scope="session")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding five sample articles and one injection article (built once per session)."""
    base = tmp_path_factory.mktemp("ddd-ui")
    inputs = base / "articles"
    inputs.mkdir()
    copied = [name for name in ARTICLES if (SAMPLE / name).exists()]
    assert len(copied) >= 3, "the sample corpus lost the articles the UI tests use"
    for name in copied:
        shutil.copy(SAMPLE / name, inputs / name)
    (inputs / "2023-03-01_injection-test.txt").write_text(INJECTION_ARTICLE, encoding="utf-8")
    store = base / "store"
    load_articles(inputs, store=store)
    return store


@pytest.fixture(scope="session")
def small_tables(small_store: Path) -> dict[str, pd.DataFrame]:
    """The small store's tables as the app sees them (speakers canonicalised)."""
    return Corpus.from_tables(Store(small_store).read_all()).tables()


@pytest.fixture(scope="session")
def injection_tags() -> tuple[str, str]:
    """The script and img tags the injection article carries, which must show up as literal text."""
    return SCRIPT_TAG, IMG_TAG


@pytest.fixture(autouse=True)
def clear_streamlit_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()
