"""Turn paths, folders, zip archives and uploaded bytes into records: dispatch by extension, size checks.

Must not extract archives to disk, trust zip member names or sizes, follow links out of a folder, or let one
file stop the rest; whatever it does not read gets its own Rejected row, never silence.

- Folders are walked recursively in name order. Hidden entries (names starting with ".") are not read:
  each hidden file gets a row "hidden file: skipped", each hidden folder one row for the whole folder.
- Symbolic links met while walking a folder are judged by where they lead, against the top-level folder
  given (after resolving its own links): a link whose target lies outside it is never followed (one row,
  "symlink points outside the input folder: not followed"); a link to a file inside it is read like the
  file (the loader then counts the second copy as a duplicate); a link to a folder inside it is not
  followed either (one row) because that folder is read where it is, which also rules out link loops;
  broken links and link loops get a row each. A path given explicitly (not found by walking) is the
  user's own choice and is read wherever it leads.
- Anything that is not a regular file (a pipe, socket or device) is not opened: reading one could block.
- A file name that is not valid UTF-8 is read, and shown in origins and rows with escapes ("\\xff").
- Zip archives are read in memory. Every member is judged on its own: unsafe names ('..', absolute),
  hidden members and `__MACOSX` entries, unsupported types, encryption, a suspicious compression ratio,
  a declared size over max_bytes or over what the archive may still unpack to (ZIP_TOTAL_FACTOR x
  max_bytes for the archive and any archives inside it) each give that member its own row; every other
  member is read in chunks that stop as soon as it passes its declared size or the archive's budget.
  Archives nested more than ZIP_MAX_DEPTH deep are not opened, nor folders more than FOLDER_MAX_DEPTH.
"""

from __future__ import annotations

import errno
import io
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from pathlib import PurePosixPath

from dashboard.records import Article, Rejected
from dashboard.sources.decode import BinaryFileError
from dashboard.sources.fields import RecordError
from dashboard.sources.html import read_html
from dashboard.sources.tabular import read_csv, read_json, read_jsonl, read_parquet
from dashboard.sources.text import read_text

Record = Article | Rejected
Reader = Callable[[bytes, str], Iterator[Record]]

DEFAULT_MAX_BYTES = 50_000_000
ZIP_EXTENSION = ".zip"
READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".md": partial(read_text, markdown=True),
    ".html": read_html,
    ".htm": read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".csv": read_csv,
    ".parquet": read_parquet,
}
SUPPORTED_EXTENSIONS = (*READERS, ZIP_EXTENSION)

ZIP_TOTAL_FACTOR = 20  # an archive may unpack to at most this many times max_bytes in all
ZIP_MAX_RATIO = 100  # a member compressed more than this ...
ZIP_RATIO_MIN_BYTES = 1_000_000  # ... and bigger than this when unpacked is treated as a bomb
ZIP_MAX_DEPTH = 3  # zips inside zips, counting the outer one
FOLDER_MAX_DEPTH = 100  # folders inside folders below an input folder (deeper would exhaust the stack)
_CHUNK = 1 << 16
_DRIVE = re.compile(r"^[A-Za-z]:")
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)

HIDDEN_FILE_REASON = "hidden file: skipped"
HIDDEN_FOLDER_REASON = "hidden folder: skipped"
HIDDEN_MEMBER_REASON = "hidden zip member: skipped"
SYMLINK_OUTSIDE_REASON = "symlink points outside the input folder: not followed"
SYMLINK_FOLDER_REASON = "symlink to a folder inside the input folder: not followed (read where it is)"
SYMLINK_BROKEN_REASON = "broken symlink: its target does not exist"
SYMLINK_LOOP_REASON = "symlink loop: not followed"
NOT_REGULAR_REASON = "not a regular file (a pipe, socket or device): not read"
EMPTY_FOLDER_REASON = "no records: the folder holds no files"


def iter_records(
    paths: Iterable[str | os.PathLike], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Record]:
    """One Article or Rejected per input record in the files, folders (recursive, sorted) and zips."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]  # a single path, not an iterable of characters
    for record in _iter_paths(paths, max_bytes):
        yield _storable(record)


def read_upload(name: str, data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Record]:
    """Records from an uploaded file's bytes; `name` (its file name) picks the format and is the origin."""
    for record in _read_bytes(name, data, name, max_bytes, _Budget.for_limit(max_bytes), depth=0):
        yield _storable(record)


def _storable(record: Record) -> Record:
    """`record` with a file name that is not valid UTF-8 (Linux allows any bytes) shown with escapes
    ("name-\\xff.txt"), so that it can be stored; the name is only a label by now."""
    if isinstance(record, Article):
        origin = _shown(record.origin)
        return record if origin is record.origin else replace(record, origin=origin)
    fields = (record.path, record.position, record.reason)
    shown = tuple(_shown(field) for field in fields)
    return record if shown == fields else Rejected(*shown)


def _shown(text: str) -> str:
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    except UnicodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _iter_paths(paths: Iterable[str | os.PathLike], max_bytes: int) -> Iterator[Record]:
    for path in paths:
        name = os.fspath(path)
        if os.path.isdir(name):
            yielded = False
            for record in _walk(name, os.path.realpath(name), max_bytes, depth=0):
                yielded = True
                yield record
            if not yielded:
                yield Rejected(name, "", EMPTY_FOLDER_REASON)
        else:
            yield from _read_path(name, max_bytes)


def _walk(folder: str, root: str, max_bytes: int, depth: int) -> Iterator[Record]:
    """Records under `folder`; `root` is the real path of the top-level folder no link may lead out of."""
    if depth > FOLDER_MAX_DEPTH:
        yield Rejected(folder, "", f"folders nested more than {FOLDER_MAX_DEPTH} deep are not read")
        return
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield Rejected(folder, "", f"cannot read folder: {_os_reason(exc)}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            yield Rejected(entry.path, "", HIDDEN_FOLDER_REASON if _is_dir(entry) else HIDDEN_FILE_REASON)
        elif _is_symlink(entry):
            yield from _read_link(entry.path, root, max_bytes)
        elif _is_dir(entry):
            yield from _walk(entry.path, root, max_bytes, depth + 1)
        else:
            yield from _read_path(entry.path, max_bytes, follow=False)


def _read_link(link: str, root: str, max_bytes: int) -> Iterator[Record]:
    """A symbolic link met while walking: read only when it leads to a file inside `root`."""
    target = os.path.realpath(link)
    if not _inside(target, root):
        yield Rejected(link, "", SYMLINK_OUTSIDE_REASON)
        return
    try:
        is_folder = stat.S_ISDIR(os.stat(link).st_mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            yield Rejected(link, "", SYMLINK_LOOP_REASON)
        elif exc.errno in (errno.ENOENT, errno.ENOTDIR):
            yield Rejected(link, "", SYMLINK_BROKEN_REASON)
        else:
            yield Rejected(link, "", f"cannot read file: {_os_reason(exc)}")
        return
    if is_folder:
        yield Rejected(link, "", SYMLINK_FOLDER_REASON)
    else:
        yield from _read_path(link, max_bytes, follow=False, open_path=target)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _is_symlink(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return False


def _read_path(
    path: str, max_bytes: int, *, follow: bool = True, open_path: str | None = None
) -> Iterator[Record]:
    """Records of the file at `path` (the origin); `open_path` is what to open, when not `path` itself.
    With follow=False the file opened must not be a symbolic link (guards against a swap after the walk)."""
    extension = _extension(path)
    if extension not in SUPPORTED_EXTENSIONS:
        if not os.path.lexists(path):
            yield Rejected(path, "", "cannot read file: no such file or directory")
        else:
            yield Rejected(path, "", _unsupported(extension))
        return
    opened = open_path or path
    try:
        info = os.stat(opened)
        if not stat.S_ISREG(info.st_mode):
            yield Rejected(path, "", NOT_REGULAR_REASON)
            return
        if info.st_size > max_bytes:
            yield Rejected(path, "", _too_big(info.st_size, max_bytes))
            return
        with open(opened, "rb", opener=None if follow else _open_no_follow) as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        yield Rejected(path, "", f"cannot read file: {_os_reason(exc)}")
        return
    yield from _read_bytes(path, data, path, max_bytes, _Budget.for_limit(max_bytes), depth=0)


def _open_no_follow(path: str, flags: int) -> int:
    return os.open(path, flags | _NO_FOLLOW)


def _read_bytes(
    name: str, data: bytes, origin: str, max_bytes: int, budget: _Budget, depth: int
) -> Iterator[Record]:
    """Records from one file's bytes; whole-file problems become Rejected(origin, "", reason)."""
    extension = _extension(name)
    if extension not in SUPPORTED_EXTENSIONS:
        yield Rejected(origin, "", _unsupported(extension))
    elif len(data) > max_bytes:
        yield Rejected(origin, "", _too_big(len(data), max_bytes))
    elif not data:
        yield Rejected(origin, "", "empty file")
    elif extension == ZIP_EXTENSION:
        yield from _guarded(_read_zip(data, origin, max_bytes, budget, depth), origin)
    else:
        yield from _guarded(READERS[extension](data, origin), origin)


def _guarded(records: Iterator[Record], origin: str) -> Iterator[Record]:
    """Pass records through; an exception ends the file with one Rejected instead of escaping."""
    try:
        yield from records
    except (RecordError, BinaryFileError) as exc:
        yield Rejected(origin, "", str(exc))
    except Exception as exc:  # a crash in one file must never lose the other files
        yield Rejected(origin, "", f"unexpected error: {type(exc).__name__}: {_one_line(exc)}")


@dataclass
class _Budget:
    """Bytes an archive (with any archives inside it) may still unpack to, out of `limit`."""

    remaining: int
    limit: int

    @classmethod
    def for_limit(cls, max_bytes: int) -> _Budget:
        return cls(ZIP_TOTAL_FACTOR * max_bytes, ZIP_TOTAL_FACTOR * max_bytes)


class _MemberTooBig(Exception):
    pass


def _read_zip(data: bytes, origin: str, max_bytes: int, budget: _Budget, depth: int) -> Iterator[Record]:
    if depth >= ZIP_MAX_DEPTH:
        raise RecordError(f"zip archives nested more than {ZIP_MAX_DEPTH} deep are not read")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise RecordError(f"corrupt or unreadable zip archive: {_one_line(exc)}") from exc
    with archive:
        yielded = False
        for info in sorted(members, key=lambda member: member.filename):
            name = info.filename
            yielded = True
            problem = _member_problem(info, max_bytes, budget)
            if problem is not None:
                yield Rejected(origin, name, problem)
                continue
            try:
                content = _read_member(archive, info, budget)
            except _MemberTooBig as exc:
                yield Rejected(origin, name, str(exc))
                continue
            except (
                zipfile.BadZipFile,
                RuntimeError,
                NotImplementedError,
                zlib.error,
                OSError,
                EOFError,
            ) as exc:
                yield Rejected(origin, name, f"cannot read zip member: {_one_line(exc)}")
                continue
            member_origin = f"{origin}::{name}"
            for record in _read_bytes(name, content, member_origin, max_bytes, budget, depth + 1):
                if isinstance(record, Rejected) and record.path == member_origin and not record.position:
                    record = Rejected(origin, name, record.reason)  # whole-member problem: position = member
                yield record
        if not yielded:
            raise RecordError("no records: the zip archive holds no files")


def _unsafe_member_name(name: str) -> str | None:
    if name.startswith(("/", "\\")) or _DRIVE.match(name):
        return "unsafe zip member name: absolute path"
    if ".." in re.split(r"[\\/]", name):
        return "unsafe zip member name: '..' escapes the archive folder"
    return None


def _hidden_member(name: str) -> bool:
    parts = [part for part in re.split(r"[\\/]", name) if part not in ("", ".")]
    return any(part.startswith(".") or part == "__MACOSX" for part in parts)


def _member_problem(info: zipfile.ZipInfo, max_bytes: int, budget: _Budget) -> str | None:
    """Why a member must not be read, judged from its name and header alone (before reading a byte)."""
    unsafe = _unsafe_member_name(info.filename)
    if unsafe is not None:
        return unsafe
    if _hidden_member(info.filename):
        return HIDDEN_MEMBER_REASON
    extension = _extension(info.filename)
    if extension not in SUPPORTED_EXTENSIONS:
        return _unsupported(extension)
    if info.flag_bits & 0x1:
        return "zip member is encrypted (password protected)"
    ratio = info.file_size / max(info.compress_size, 1)
    if ratio > ZIP_MAX_RATIO and info.file_size > ZIP_RATIO_MIN_BYTES:
        return f"zip bomb suspected: compression ratio {ratio:.0f}:1 for {_mb(info.file_size)}"
    if info.file_size > max_bytes:
        return _too_big(info.file_size, max_bytes)
    if info.file_size > budget.remaining:
        return f"zip bomb suspected: the archive unpacks to more than its {_mb(budget.limit)} limit"
    return None


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget) -> bytes:
    """The member's bytes, read in chunks; stops once past its declared size or the budget."""
    chunks: list[bytes] = []
    total = 0
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            total += len(chunk)
            if total > info.file_size:
                raise _MemberTooBig("zip bomb suspected: member unpacks to more than its declared size")
            if total > budget.remaining:
                raise _MemberTooBig("zip bomb suspected: archive unpacks to more than its size limit")
            chunks.append(chunk)
    budget.remaining -= total
    return b"".join(chunks)


def _extension(name: str) -> str:
    return PurePosixPath(name.replace("\\", "/")).suffix.lower()


def _unsupported(extension: str) -> str:
    shown = extension or "(no extension)"
    return f"unsupported file type {shown}; supported: {', '.join(sorted(SUPPORTED_EXTENSIONS))}"


def _too_big(size: int, max_bytes: int) -> str:
    return f"file is {_mb(size)}, over the {_mb(max_bytes)} limit"


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _os_reason(exc: OSError) -> str:
    return (exc.strerror or type(exc).__name__).lower()


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__
