"""Turn raw file bytes into text: BOMs, UTF-8, UTF-16 and the cp1252 fallback, and the binary-file check.

Must not alter the decoded text (no stripping, no quote or whitespace normalising) nor parse formats.
"""

from __future__ import annotations

import codecs
import re

BINARY_REASON = "binary or unreadable file"

# Control characters other than tab, newlines, form feed and escape are a sign of binary data when common.
_BINARY_CONTROLS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.05

# cp1252 as a decoding table; the five bytes cp1252 leaves undefined map to the C1 control latin-1 gives them.
_CP1252_TABLE = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256))


class BinaryFileError(ValueError):
    """The bytes are not text in any encoding we read."""

    def __init__(self) -> None:
        super().__init__(BINARY_REASON)


def decode_bytes(data: bytes) -> str:
    """Decode `data` as UTF-8 (BOM stripped), UTF-16 with BOM, or cp1252; raise BinaryFileError for binary."""
    if data.startswith(codecs.BOM_UTF8):
        text = _utf8_or_cp1252(data[len(codecs.BOM_UTF8) :])
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")  # the codec reads and strips the BOM
        except UnicodeDecodeError as exc:
            raise BinaryFileError from exc
    else:
        if b"\x00" in data:
            raise BinaryFileError
        text = _utf8_or_cp1252(data)
    if _looks_binary(text):
        raise BinaryFileError
    return text


def _utf8_or_cp1252(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return codecs.charmap_decode(data, "strict", _CP1252_TABLE)[0]


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    if not text:
        return False
    return len(_BINARY_CONTROLS.findall(text)) / len(text) > _MAX_CONTROL_SHARE
