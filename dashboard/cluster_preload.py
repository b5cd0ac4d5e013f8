"""Imported by the fork server that starts `--cluster local:N` workers (see `dashboard.cluster`): imports the
extractors (`dashboard.nlp.extract`), loads the model named in the environment and runs it on one short
article once, so that every worker forked from it starts with all of that done. A model that fails to load
here is left to fail in the worker, where the error is reported."""

import contextlib
import gc
import os

from dashboard.cluster import PRELOAD_MODEL
from dashboard.nlp.extract import extract_texts

_ARTICLE = {"article_id": "warm-up", "published": None, "origin": "warm-up"}
_TEXT = (
    'The minister said on Monday that Germany would spend 2% of GDP on defence in 2024. "Europe must do more '
    'for its own security," she told reporters in Berlin.'
)

with contextlib.suppress(Exception):
    extract_texts([(_TEXT, _ARTICLE)], os.environ.get(PRELOAD_MODEL) or None, frozenset())
gc.freeze()  # the loaded objects are shared with the forked workers: keep the collector from touching them
