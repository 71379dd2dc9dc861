"""On-disk index generations: a build writes a new one, then switches to it atomically.

Layout::

    INDEX_DIR/CURRENT                     one line: the id of the current generation
    INDEX_DIR/generations/<id>/           one complete, read-only generation
        manifest.json                     format_version, id, created, libraries,
                                          files {relative path: size}, caller's fields
        <name>.records.jsonl              write_records: one JSON record per line
        <name>.offsets.npy                ... int64 byte offsets, n + 1 of them
        <name>.npy                        write_array
        <name>.json                       write_json
        <name>/                           subdir (e.g. a saved BM25 engine)
    INDEX_DIR/generations/.tmp-<id>/      a build in progress (or one that crashed)

Ids are `YYYYMMDDTHHMMSS.mmmZ-<6 hex>` (UTC, ISO 8601 basic format): they sort
by creation time and do not collide.  A generation is written into `.tmp-<id>`, fsynced, renamed to `<id>`,
and only then is CURRENT replaced (temp file + os.replace), so a reader sees the
old generation or the new one, never a half-written one.  Readers memory-map
arrays and read records by position; on POSIX a pruned generation stays readable
by processes that have it open.  Nothing here unpickles: records are JSON, arrays load with
allow_pickle=False.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import platform
import re
import secrets
import shutil
import threading
import time
from array import array
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from importlib import metadata
from json.scanner import make_scanner
from pathlib import Path
from types import TracebackType
from typing import Any, Self, overload

import numpy as np

from index.errors import IndexCorrupt, IndexNotFound

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
KNOWN_FORMAT_VERSIONS = frozenset({1})
CURRENT_FILE = "CURRENT"
GENERATIONS_DIR = "generations"
MANIFEST_FILE = "manifest.json"
TMP_PREFIX = ".tmp-"
_TRASH_PREFIX = ".del-"
_WRITER_FILE = ".writer"  # inside a .tmp dir: "<pid> <hostname>" of the build writing it
STALE_TMP_SECONDS = 3600  # a .tmp dir is only pruned when this old and its writer is gone

_ID_RE = re.compile(r"^\d{8}T\d{6}\.\d{3}Z-[0-9a-f]{6}$")
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
_RESERVED_NAMES = frozenset({"manifest"})
_RESERVED_KEYS = frozenset({"format_version", "generation", "created", "libraries", "files"})
# What the manifest's "libraries" records (manifest key -> distribution name).
_LIBRARIES = {
    "numpy": "numpy",
    "bm25s": "bm25s",
    "rank_bm25": "rank-bm25",
    "PyStemmer": "PyStemmer",
}


def _rebuild_hint(index_dir: Path) -> str:
    return f"rebuild with: python -m index build SOURCE --index {index_dir}"


def new_generation_id(now: float | None = None) -> str:
    """A fresh id: UTC time to the millisecond, then 6 random hex digits.

    Ids made by one process strictly increase (a repeat of the same millisecond
    is moved on by one), so ids sort in creation order.
    """
    global _last_millis
    millis = int((time.time() if now is None else now) * 1000)
    if now is None:
        with _id_lock:
            millis = max(millis, _last_millis + 1)
            _last_millis = millis
    seconds, ms = divmod(millis, 1000)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(seconds))
    return f"{stamp}.{ms:03d}Z-{secrets.token_hex(3)}"


_id_lock = threading.Lock()
_last_millis = 0


def is_generation_id(text: str) -> bool:
    return bool(_ID_RE.match(text))


def library_versions() -> dict[str, str | None]:
    """Versions of Python and of the libraries whose output the index stores."""
    versions: dict[str, str | None] = {"python": platform.python_version()}
    for key, dist in _LIBRARIES.items():
        try:
            versions[key] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[key] = None
    return versions


def _check_name(name: str) -> None:
    if not isinstance(name, str) or not _NAME_RE.match(name) or name in _RESERVED_NAMES:
        raise ValueError(
            f"invalid name {name!r} for an index part: use 1-64 letters, digits, '_' or '-' "
            f"(not {', '.join(sorted(_RESERVED_NAMES))})"
        )


def _fsync_path(path: Path, *, directory: bool = False) -> None:
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        if directory:  # some platforms (Windows) cannot open directories
            return
        raise
    try:
        os.fsync(fd)
    except OSError:
        if not directory:
            raise
    finally:
        os.close(fd)


def _write_file_atomic(path: Path, data: bytes) -> None:
    """Write via a temp file in the same directory + fsync + os.replace."""
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}-{secrets.token_hex(3)}")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_path(path.parent, directory=True)


# ---------------------------------------------------------------------- writing


class GenerationWriter:
    """Writes one new generation; use as a context manager and call `commit` at the end.

    Leaving the `with` block by an exception (or without committing) removes the
    temporary directory and leaves CURRENT, and every existing generation, as it was.
    """

    def __init__(self, index_dir: str | os.PathLike[str], keep: int = 3) -> None:
        if keep < 1:
            raise ValueError(f"keep must be at least 1 (the current generation), got {keep}")
        self.index_dir = Path(index_dir)
        self.keep = keep
        self.id = new_generation_id()
        self.path = self.index_dir / GENERATIONS_DIR / f"{TMP_PREFIX}{self.id}"
        self._names: set[str] = set()
        self._sinks: list[RecordsSink] = []
        self._state = "new"  # new -> open -> committed | aborted

    def __enter__(self) -> Self:
        self._open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._state != "committed":
            if exc_type is None and self._state == "open":
                log.warning("index generation %s was not committed; discarding it", self.id)
            self.abort()

    def _open(self) -> None:
        if self._state == "new":
            self.path.mkdir(parents=True)
            (self.path / _WRITER_FILE).write_text(f"{os.getpid()} {platform.node()}\n")
            self._state = "open"
        elif self._state != "open":
            raise RuntimeError(f"generation {self.id} is already {self._state}")

    def _target(self, name: str, suffix: str) -> Path:
        self._open()
        _check_name(name)
        key = f"{name}{suffix}"
        if key in self._names:
            raise ValueError(f"{key} was already written to generation {self.id}")
        self._names.add(key)
        return self.path / key

    def write_records(self, name: str, records: Iterable[Any]) -> int:
        """Store JSON records (dicts) for lazy access by position; returns how many."""
        with self.open_records(name) as sink:
            for record in records:
                sink.append(record)
        return len(sink)

    def open_records(self, name: str) -> RecordsSink:
        """A sink that streams records to disk one at a time (nothing is held in memory
        but the offsets); close it (or commit) to seal it.  Same files as write_records."""
        blob_path = self._target(name, ".records.jsonl")
        sink = RecordsSink(blob_path, self.path / f"{name}.offsets.npy")
        self._sinks.append(sink)
        return sink

    def write_array(self, name: str, array: np.ndarray) -> Path:
        """Store a NumPy array (no object dtype); readers memory-map it."""
        path = self._target(name, ".npy")
        array = np.asarray(array)
        if array.dtype.hasobject:
            raise ValueError(
                f"array {name!r} has dtype object, which cannot be stored without pickle"
            )
        np.save(path, array, allow_pickle=False)
        return path

    def write_json(self, name: str, obj: Any) -> Path:
        path = self._target(name, ".json")
        path.write_text(json.dumps(obj, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return path

    def subdir(self, name: str) -> Path:
        """A directory inside the generation for files written by someone else (an engine)."""
        path = self._target(name, "/")
        path.mkdir()
        return path

    def commit(self, manifest: dict[str, Any] | None = None) -> Generation:
        """Seal the generation, make it current, prune old ones, and open it."""
        if self._state not in ("new", "open"):
            raise RuntimeError(f"cannot commit generation {self.id}: it is {self._state}")
        self._open()
        extra = dict(manifest or {})
        clash = _RESERVED_KEYS.intersection(extra)
        if clash:
            raise ValueError(f"manifest keys {sorted(clash)} are set by the store")
        for sink in self._sinks:
            sink.close()
        (self.path / _WRITER_FILE).unlink(missing_ok=True)
        files: dict[str, int] = {}
        for root, dirs, names in os.walk(self.path):
            dirs.sort()
            for file_name in sorted(names):
                path = Path(root) / file_name
                _fsync_path(path)
                files[path.relative_to(self.path).as_posix()] = path.stat().st_size
            for d in dirs:
                _fsync_path(Path(root) / d, directory=True)
        full = {
            "format_version": FORMAT_VERSION,
            "generation": self.id,
            "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "libraries": library_versions(),
            **extra,
            "files": files,
        }
        manifest_bytes = (json.dumps(full, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        with open(self.path / MANIFEST_FILE, "wb") as f:
            f.write(manifest_bytes)
            f.flush()
            os.fsync(f.fileno())
        _fsync_path(self.path, directory=True)

        generations = self.index_dir / GENERATIONS_DIR
        final = generations / self.id
        os.rename(self.path, final)
        self.path = final
        _fsync_path(generations, directory=True)
        _write_file_atomic(self.index_dir / CURRENT_FILE, f"{self.id}\n".encode())
        self._state = "committed"
        log.info("index generation %s is now current in %s", self.id, self.index_dir)
        prune_generations(self.index_dir, keep=self.keep)
        return open_generation(self.index_dir, self.id)

    def abort(self) -> None:
        """Throw the unfinished generation away (idempotent)."""
        if self._state in ("committed", "aborted"):
            return
        self._state = "aborted"
        for sink in self._sinks:
            sink.discard()
        shutil.rmtree(self.path, ignore_errors=True)


class RecordsSink:
    """Appends JSON records to a generation's `<name>.records.jsonl`, tracking offsets.

    `append(record)` encodes a JSON-serialisable record; `append_encoded(data)` takes
    one record already encoded as compact UTF-8 JSON (no newline), for callers that
    encode elsewhere (the build's worker processes).  `close()` writes the offsets.
    """

    def __init__(self, blob_path: Path, offsets_path: Path) -> None:
        self._blob_path = blob_path
        self._offsets_path = offsets_path
        self._file: Any = open(blob_path, "wb", buffering=1 << 20)  # noqa: SIM115 - closed by close()
        self._offsets = array("q", [0])
        self._position = 0
        self._count = 0
        self._closed = False

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc_info: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.discard()

    def __len__(self) -> int:
        return self._count

    def append(self, record: Any) -> None:
        self.append_encoded(
            json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        )

    def append_encoded(self, data: bytes) -> None:
        if self._closed:
            raise ValueError(f"{self._blob_path.name} is already closed")
        if b"\n" in data:
            raise ValueError("an encoded record must be one line of compact JSON")
        self._file.write(data)
        self._file.write(b"\n")
        self._position += len(data) + 1
        self._offsets.append(self._position)
        self._count += 1

    def close(self) -> None:
        """Flush the blob and write the offsets (idempotent)."""
        if self._closed:
            return
        self._closed = True
        self._file.close()
        np.save(self._offsets_path, np.frombuffer(self._offsets, dtype=np.int64), allow_pickle=False)
        self._offsets = array("q")

    def discard(self) -> None:
        """Close without writing the offsets (the generation is being aborted)."""
        if not self._closed:
            self._closed = True
            self._file.close()


def prune_generations(index_dir: str | os.PathLike[str], keep: int = 3) -> list[str]:
    """Delete all but the `keep` newest generations (never the current one), and the
    temporary directories of builds that died over an hour ago; returns the ids deleted."""
    index_dir = Path(index_dir)
    generations = index_dir / GENERATIONS_DIR
    current = current_generation_id(index_dir)
    try:
        entries = list(os.scandir(generations))
    except FileNotFoundError:
        return []
    ids = sorted((e.name for e in entries if e.is_dir() and is_generation_id(e.name)), reverse=True)
    keep_ids = set(ids[:keep])
    if current:
        keep_ids.add(current)
    removed: list[str] = []
    for entry in entries:
        name = entry.name
        if is_generation_id(name):
            if name in keep_ids:
                continue
        elif name.startswith(TMP_PREFIX):
            if not _tmp_is_abandoned(Path(entry.path)):
                continue
        elif not name.startswith(_TRASH_PREFIX):
            continue  # not ours: leave it alone
        if name.startswith(_TRASH_PREFIX):
            trash = Path(entry.path)
        else:
            # Rename first, so a half-deleted directory never looks like a generation.
            trash = generations / f"{_TRASH_PREFIX}{name}-{secrets.token_hex(3)}"
            try:
                os.rename(entry.path, trash)
            except FileNotFoundError:
                continue  # pruned concurrently
        shutil.rmtree(trash, ignore_errors=True)
        if is_generation_id(name):
            removed.append(name)
            log.info("pruned index generation %s", name)
    return removed


def _tmp_is_abandoned(path: Path) -> bool:
    """A build's temp dir may go when untouched for an hour and its writer is not running."""
    try:
        if time.time() - path.stat().st_mtime < STALE_TMP_SECONDS:
            return False
        pid_text, _, host = (path / _WRITER_FILE).read_text().partition(" ")
        pid = int(pid_text)
    except FileNotFoundError:
        return True  # no writer file: the directory is older than this scheme, or gone
    except (OSError, ValueError):
        return True
    if host.strip() != platform.node():
        return True  # another machine's build: only the age tells
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, owned by someone else
    return False


# ---------------------------------------------------------------------- reading


def current_generation_id(index_dir: str | os.PathLike[str]) -> str | None:
    """The id CURRENT names (None without an index); one small read, for polling.

    The text is returned as found, even if it is not a valid id: `open_generation`
    then explains what is wrong.
    """
    try:
        with open(Path(index_dir) / CURRENT_FILE, encoding="utf-8", errors="replace") as f:
            return f.read(256).strip()
    except (FileNotFoundError, NotADirectoryError):
        return None


def open_generation(
    index_dir: str | os.PathLike[str], generation_id: str | None = None
) -> Generation:
    """Open and validate the current generation (or the one named).

    Raises IndexNotFound when there is no index, IndexCorrupt when the generation
    is unreadable, of an unknown format, or misses files or has them truncated.
    A broken current generation is never replaced silently by an older one; the
    error names the older intact generation, if any, as a fallback.
    """
    index_dir = Path(index_dir)
    if generation_id is None:
        generation_id = current_generation_id(index_dir)
        if generation_id is None:
            raise IndexNotFound(
                f"no index at {index_dir} — build one with: python -m index build SOURCE --index {index_dir}"
            )
    try:
        return _open_checked(index_dir, generation_id)
    except IndexCorrupt as exc:
        fallback = _older_intact_generation(index_dir, generation_id)
        if fallback:
            raise IndexCorrupt(
                f"{exc}; generation {fallback} is older but intact: to use it meanwhile, "
                f"write its id into {index_dir / CURRENT_FILE}"
            ) from None
        raise


def _open_checked(index_dir: Path, generation_id: str) -> Generation:
    hint = _rebuild_hint(index_dir)
    if not is_generation_id(generation_id):
        raise IndexCorrupt(
            f"index at {index_dir} is unusable: {CURRENT_FILE} names {generation_id!r}, "
            f"which is not a generation id — {hint}"
        )
    path = index_dir / GENERATIONS_DIR / generation_id
    where = f"index at {index_dir}, generation {generation_id}"
    try:
        raw = (path / MANIFEST_FILE).read_bytes()
    except FileNotFoundError:
        what = "has no manifest.json" if path.is_dir() else "is missing"
        raise IndexCorrupt(f"{where} {what} — {hint}") from None
    except OSError as exc:
        raise IndexCorrupt(f"{where}: cannot read manifest.json ({exc}) — {hint}") from None
    try:
        manifest = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IndexCorrupt(f"{where}: manifest.json is not valid JSON ({exc}) — {hint}") from None
    if not isinstance(manifest, dict):
        raise IndexCorrupt(f"{where}: manifest.json is not a JSON object — {hint}")
    version = manifest.get("format_version")
    if version not in KNOWN_FORMAT_VERSIONS:
        raise IndexCorrupt(
            f"{where} has format version {version!r}, but this quotedesk reads format "
            f"{', '.join(map(str, sorted(KNOWN_FORMAT_VERSIONS)))} — a rebuild is needed: {hint}"
        )
    if manifest.get("generation") != generation_id:
        raise IndexCorrupt(
            f"{where}: manifest.json belongs to generation {manifest.get('generation')!r} — {hint}"
        )
    files = manifest.get("files")
    if not isinstance(files, dict):
        raise IndexCorrupt(f"{where}: manifest.json lists no files — {hint}")
    for rel, size in files.items():
        if not isinstance(rel, str) or rel.startswith("/") or ".." in Path(rel).parts:
            raise IndexCorrupt(f"{where}: manifest.json lists a bad path {rel!r} — {hint}")
        try:
            actual = (path / rel).stat().st_size
        except FileNotFoundError:
            raise IndexCorrupt(f"{where}: file {rel} is missing — {hint}") from None
        if actual != size:
            raise IndexCorrupt(
                f"{where}: file {rel} has {actual} bytes, the manifest says {size} — {hint}"
            )
    return Generation(index_dir, generation_id, path, manifest)


def _older_intact_generation(index_dir: Path, broken_id: str) -> str | None:
    """The newest generation older than `broken_id` that passes validation, if any."""
    try:
        names = os.listdir(index_dir / GENERATIONS_DIR)
    except OSError:
        return None
    for name in sorted((n for n in names if is_generation_id(n)), reverse=True):
        if is_generation_id(broken_id) and name >= broken_id:
            continue
        try:
            _open_checked(index_dir, name)
        except IndexCorrupt:
            continue
        return name
    return None


class Generation:
    """One committed generation, open for reading; parts are memory-mapped lazily."""

    def __init__(
        self, index_dir: Path, generation_id: str, path: Path, manifest: dict[str, Any]
    ) -> None:
        self.index_dir = index_dir
        self.id = generation_id
        self.path = path
        self.manifest = manifest
        self._records: dict[str, Records] = {}
        self._arrays: dict[str, np.ndarray] = {}

    def __repr__(self) -> str:
        return f"Generation({self.id!r} in {str(self.index_dir)!r})"

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _listed(self, rel: str, what: str, name: str) -> Path:
        _check_name(name)
        if rel not in self.manifest["files"]:
            raise IndexCorrupt(
                f"index at {self.index_dir}, generation {self.id}, has no {what} {name!r} "
                f"(it was built by another version of quotedesk?) — {_rebuild_hint(self.index_dir)}"
            )
        return self.path / rel

    def records(self, name: str) -> Records:
        """The records written with write_records(name): a lazy, read-only sequence of dicts."""
        if name not in self._records:
            blob = self._listed(f"{name}.records.jsonl", "records", name)
            offsets = self._listed(f"{name}.offsets.npy", "records", name)
            self._records[name] = Records(
                blob, offsets, where=self._where(), hint=_rebuild_hint(self.index_dir)
            )
        return self._records[name]

    def array(self, name: str) -> np.ndarray:
        """The array written with write_array(name), memory-mapped read-only."""
        if name not in self._arrays:
            path = self._listed(f"{name}.npy", "array", name)
            try:
                self._arrays[name] = np.load(path, mmap_mode="r", allow_pickle=False)
            except (OSError, ValueError) as exc:
                raise IndexCorrupt(
                    f"{self._where()}: cannot read {path.name} ({exc}) — "
                    f"{_rebuild_hint(self.index_dir)}"
                ) from None
        return self._arrays[name]

    def json(self, name: str) -> Any:
        """The object written with write_json(name)."""
        path = self._listed(f"{name}.json", "JSON part", name)
        try:
            return json.loads(path.read_bytes())
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise IndexCorrupt(
                f"{self._where()}: cannot read {path.name} ({exc}) — "
                f"{_rebuild_hint(self.index_dir)}"
            ) from None

    def subdir(self, name: str) -> Path:
        """The directory made with subdir(name)."""
        _check_name(name)
        path = self.path / name
        prefix = f"{name}/"
        if not any(rel.startswith(prefix) for rel in self.manifest["files"]) and not path.is_dir():
            raise IndexCorrupt(
                f"index at {self.index_dir}, generation {self.id}, has no directory {name!r} — "
                f"{_rebuild_hint(self.index_dir)}"
            )
        return path

    def close(self) -> None:
        """Release the memory maps (arrays already handed out stay valid)."""
        for records in self._records.values():
            records.close()
        self._records.clear()
        self._arrays.clear()

    def _where(self) -> str:
        return f"index at {self.index_dir}, generation {self.id}"


_scan_json = make_scanner(json.JSONDecoder())  # type: ignore[arg-type]  # typeshed: c_make_scanner takes a decoder


class Records(Sequence[dict[str, Any]]):
    """JSON records decoded one at a time from their blob, read by position.

    `records[i]` -> dict (negative i counts from the end); `records[a:b]` and
    `records[[i, j, ...]]` (any sequence or array of indices) -> list of dicts.

    Each record is read with `os.pread` (thread-safe, no file position) rather than
    through a memory map: a search reads ~100 records of ~400 bytes at random, and
    each fault on a mapped file maps up to 16 neighbouring pages, so a serving
    process's RSS grew towards the whole blob (700 MB at 1M passages) for nothing.
    The operating system's page cache still keeps hot records in memory, shared by
    every process.  Same speed (~2 us per read either way).
    """

    def __init__(self, blob_path: Path, offsets_path: Path, *, where: str, hint: str) -> None:
        self._where = where
        self._name = blob_path.name
        self._hint = hint
        self._fd: int | None = None
        self._closed = False
        try:
            offsets = np.load(offsets_path, mmap_mode="r", allow_pickle=False)
            self._fd = os.open(blob_path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
            size = os.fstat(self._fd).st_size
            if hasattr(os, "posix_fadvise"):  # random reads: no readahead
                os.posix_fadvise(self._fd, 0, 0, os.POSIX_FADV_RANDOM)
        except (OSError, ValueError) as exc:
            self.close()
            raise IndexCorrupt(f"{where}: cannot open {self._name} ({exc}) — {hint}") from None
        if (
            offsets.ndim != 1
            or offsets.dtype != np.int64
            or len(offsets) < 1
            or offsets[0] != 0
            or int(offsets[-1]) != size
        ):
            self.close()
            raise IndexCorrupt(f"{where}: {self._name} does not match its offsets — {hint}")
        self._offsets = np.asarray(offsets)  # plain view: faster scalar access than np.memmap
        self._len = len(offsets) - 1

    def __len__(self) -> int:
        return self._len

    def _decode(self, i: int) -> dict[str, Any]:
        fd = self._fd
        if self._closed or fd is None:
            raise ValueError(f"{self._name} of {self._where} is closed")
        start, end = int(self._offsets[i]), int(self._offsets[i + 1])
        try:
            data = os.pread(fd, end - start, start)
        except OSError as exc:
            raise IndexCorrupt(
                f"{self._where}: cannot read record {i} of {self._name} ({exc}) — {self._hint}"
            ) from None
        try:
            if len(data) != end - start:
                raise ValueError("truncated")
            # The JSON scanner itself: json.loads adds encoding detection and a regex
            # over the whole text (~35% of a small record's decoding time).
            text = data.decode("utf-8")
            value, stop = _scan_json(text, 0)
            if text[stop:].strip():
                raise ValueError("trailing data")
        except (UnicodeDecodeError, ValueError, StopIteration):  # JSONDecodeError is a ValueError
            raise IndexCorrupt(
                f"{self._where}: record {i} of {self._name} is damaged — {self._hint}"
            ) from None
        return value

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, index: slice | Sequence[int] | np.ndarray) -> list[dict[str, Any]]: ...

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, (int, np.integer)):
            i = int(index)
            if i < 0:
                i += self._len
            if not 0 <= i < self._len:
                raise IndexError(f"record {index} out of range: there are {self._len}")
            return self._decode(i)
        if isinstance(index, slice):
            return [self._decode(i) for i in range(*index.indices(self._len))]
        return [self[int(i)] for i in np.asarray(index, dtype=np.int64).ravel()]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for i in range(self._len):
            yield self._decode(i)

    def close(self) -> None:
        """Close the blob; later access raises ValueError."""
        self._closed = True
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.close()
