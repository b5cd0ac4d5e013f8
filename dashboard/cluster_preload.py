"""Imported by the fork server that starts `--cluster local:N` workers (see `dashboard.cluster`): imports the
loader and loads the model named in the environment once, so that every worker forked from it starts with
both. A model that fails to load here is left to fail in the worker, where the error is reported."""

import contextlib
import gc
import os

from dashboard.cluster import PRELOAD_MODEL
from dashboard.loader import worker_version

with contextlib.suppress(Exception):
    worker_version(os.environ.get(PRELOAD_MODEL) or None)
gc.freeze()  # the loaded objects are shared with the forked workers: keep the collector from touching them
