"""Finding article files under the sources of a build, and reading each into Articles."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import UTC, tzinfo
from pathlib import Path

from index.errors import ArticleError, SourceError
from index.ingest.decoding import MAX_ARTICLE_FILE_BYTES, decode_text, read_bytes
from index.ingest.html_page import read_html_file
from index.ingest.json_articles import read_json_file, read_jsonl_file
from index.ingest.wire_text import article_from_text
from index.models import Article

SUPPORTED_SUFFIXES = (".txt", ".json", ".jsonl", ".html", ".htm")


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def iter_source_files(sources: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """The article files named by `sources`: files as given, folders searched recursively.

    Inside folders only supported extensions count and hidden files and folders
    (".name") are skipped.  A file named explicitly is kept whatever its
    extension, so that `read_file` reports it instead of it vanishing silently.
    Sorted, without duplicates.  SourceError when a source does not exist or
    when nothing usable is found at all.
    """
    found: set[Path] = set()
    for source in sources:
        path = Path(source)
        if path.is_file():
            found.add(path)
        elif path.is_dir():
            for folder, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                base = Path(folder)
                found.update(
                    base / name
                    for name in files
                    if not name.startswith(".") and is_supported(Path(name))
                )
        elif path.exists():
            raise SourceError(f"{path}: not a regular file or folder")
        else:
            raise SourceError(f"{path}: no such file or folder")
    if not found:
        names = ", ".join(str(s) for s in sources) or "(no sources given)"
        raise SourceError(
            f"no article files in {names} (looked for {' '.join(SUPPORTED_SUFFIXES)})"
        )
    return sorted(found)


def read_file(
    path: str | os.PathLike[str], *, default_tz: tzinfo = UTC
) -> tuple[list[Article], list[ArticleError]]:
    """Every article in one file, and the problems found (never raises ArticleError).

    A whole unusable file is a single error; a .jsonl (or a .json list) keeps
    its good articles and reports each bad one as `file:LINE` (`file[N]`).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl":
            return read_jsonl_file(path, default_tz=default_tz)
        if suffix == ".json":
            return read_json_file(path, default_tz=default_tz)
        if suffix in (".html", ".htm"):
            return [read_html_file(path, default_tz=default_tz)], []
        if suffix == ".txt":
            text = decode_text(read_bytes(path, max_bytes=MAX_ARTICLE_FILE_BYTES), where=str(path))
            return [article_from_text(text, path=str(path), default_tz=default_tz)], []
        raise ArticleError(
            str(path),
            f"unsupported file type {suffix or '(no extension)'!r} "
            f"(expected one of {' '.join(SUPPORTED_SUFFIXES)})",
        )
    except ArticleError as exc:
        return [], [exc]
    except RecursionError:  # json.loads on absurdly nested input
        return [], [ArticleError(str(path), "JSON nested too deeply")]
