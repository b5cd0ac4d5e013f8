"""Article readers: files, folders, zips and uploads in, Article and Rejected records out.

Must not run NLP or build tables; every input record ends as exactly one Article or one Rejected.
"""

from __future__ import annotations

from dashboard.sources.files import SUPPORTED_EXTENSIONS, iter_records, read_upload
from dashboard.sources.language import detect_language

__all__ = ["SUPPORTED_EXTENSIONS", "detect_language", "iter_records", "read_upload"]
