"""Turn raw file bytes into text: BOMs, UTF-8, UTF-16 (with or without BOM), cp1252, and the binary check.

Must not alter the decoded text (no stripping, no quote or whitespace normalising) nor parse formats; the
one exception is a stray NUL, which becomes U+FFFD.

- UTF-16 without a BOM is recognised by its zero bytes: in mostly-Latin text every other byte is zero (the
  odd ones in little-endian, the even ones in big-endian) and the other half almost never is; such data is
  read as UTF-16 when it decodes cleanly and the result passes the binary check.
- A few stray NUL bytes in otherwise ordinary text (at most MAX_STRAY_NULS, or one in a thousand
  characters) do not make a file binary: each NUL is replaced by U+FFFD, the replacement character, so the
  text keeps its length and every other character keeps its offset. The loader stores and indexes the
  returned text, so offsets stay valid.
- Files that start with the signature of a common binary format (PDF, PNG, JPEG, GIF, ZIP, gzip, ELF, ...)
  and text whose control characters (NULs included) exceed 5 % are binary.
"""

from __future__ import annotations

import codecs
import re

BINARY_REASON = "binary or unreadable file"
MAX_STRAY_NULS = 8
_MAX_NUL_SHARE = 0.001
_UTF16_MIN_ZERO_SHARE = 0.4  # of the code units, the high byte is zero at least this often ...
_UTF16_MAX_OTHER_ZERO_SHARE = 0.05  # ... and the low byte at most this often

# Control characters other than tab, newlines, form feed and escape are a sign of binary data when common.
_BINARY_CONTROLS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.05
_BINARY_SIGNATURES = (
    b"%PDF-",
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"PK\x03\x04",  # zip, docx, xlsx, odt, ...
    b"\x1f\x8b",  # gzip
    b"BZh",  # bzip2 ("BZh" then a digit 1-9, checked below)
    b"\xfd7zXZ\x00",  # xz
    b"7z\xbc\xaf\x27\x1c",
    b"\x7fELF",
    b"\xca\xfe\xba\xbe",  # Java class / Mach-O universal
    b"\xcf\xfa\xed\xfe",  # Mach-O 64-bit
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # old Office documents
    b"PAR1",  # Parquet
    b"SQLite format 3\x00",
    b"OggS",
    b"fLaC",
    b"ID3",  # MP3
)

# cp1252 as a decoding table; the five bytes cp1252 leaves undefined map to the C1 control latin-1 gives them.
_CP1252_TABLE = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256))


class BinaryFileError(ValueError):
    """The bytes are not text in any encoding we read."""

    def __init__(self) -> None:
        super().__init__(BINARY_REASON)


def decode_bytes(data: bytes) -> str:
    """Decode `data` as UTF-8 (BOM stripped), UTF-16 with or without BOM, or cp1252, with stray NULs as
    U+FFFD; raise BinaryFileError for binary data."""
    if data.startswith(codecs.BOM_UTF8):
        text = _utf8_or_cp1252(data[len(codecs.BOM_UTF8) :])
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        text = _strict(data, "utf-32")  # before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(data, "utf-16")  # the codec reads and strips the BOM
    elif _has_binary_signature(data):
        raise BinaryFileError
    elif b"\x00" in data and (encoding := _bomless_utf16(data)) is not None:
        text = _strict(data, encoding)
    else:
        text = _utf8_or_cp1252(data)
    return _checked(text)


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise BinaryFileError from exc


def _utf8_or_cp1252(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return codecs.charmap_decode(data, "strict", _CP1252_TABLE)[0]


def _has_binary_signature(data: bytes) -> bool:
    if data.startswith(b"BZh"):
        return data[3:4].isdigit()
    return data.startswith(_BINARY_SIGNATURES)


def _bomless_utf16(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when the zero bytes fall as in mostly-Latin UTF-16 text, else None."""
    units = len(data) // 2
    if units < 2 or len(data) % 2:
        return None
    zero_even = data[0::2].count(0) / units
    zero_odd = data[1::2].count(0) / units
    if zero_odd >= _UTF16_MIN_ZERO_SHARE and zero_even <= _UTF16_MAX_OTHER_ZERO_SHARE:
        return "utf-16-le"
    if zero_even >= _UTF16_MIN_ZERO_SHARE and zero_odd <= _UTF16_MAX_OTHER_ZERO_SHARE:
        return "utf-16-be"
    return None


def _checked(text: str) -> str:
    """`text` with stray NULs as U+FFFD; BinaryFileError when it has too many NULs or control characters."""
    if not text:
        return text
    if len(_BINARY_CONTROLS.findall(text)) / len(text) > _MAX_CONTROL_SHARE:
        raise BinaryFileError
    nuls = text.count("\x00")
    if nuls:
        if nuls > max(MAX_STRAY_NULS, _MAX_NUL_SHARE * len(text)):
            raise BinaryFileError
        text = text.replace("\x00", "\ufffd")
    return text
