"""Bytes on disk -> text, with size caps and one-line reasons when a file is unusable.

Encoding policy: UTF-8 (with or without a byte-order mark), or UTF-16 when the
file starts with a UTF-16 byte-order mark.  There is deliberately no cp1252 /
Latin-1 fallback: those codecs turn almost any byte sequence into *some* text,
so a mis-encoded or binary file would be indexed as mojibake and served as a
"verbatim" quote.  Such files are reported with the offending byte and a hint
to convert them.  HTML is the one exception: a charset the page itself declares
(`<meta charset=...>`) is honoured, because that is the page's own statement
(see `html_page.py`).
"""

from __future__ import annotations

import codecs
from pathlib import Path

from index.errors import ArticleError

MB = 1024 * 1024
# One article per file: anything bigger is not a news article.
MAX_ARTICLE_FILE_BYTES = 20 * MB
# A .json file may hold a list of articles and is parsed in memory.
MAX_JSON_FILE_BYTES = 256 * MB
# .jsonl is streamed line by line.
MAX_JSONL_FILE_BYTES = 2048 * MB
MAX_JSONL_LINE_BYTES = MAX_ARTICLE_FILE_BYTES

_SNIFF = 8192


def read_bytes(path: Path, *, max_bytes: int) -> bytes:
    """The file's bytes; ArticleError when it is missing, unreadable, too big or empty."""
    where = str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ArticleError(where, "is a folder, not a file")
        if size > max_bytes:
            raise ArticleError(
                where,
                f"too big ({size / MB:.1f} MB; the limit is {max_bytes // MB} MB)"
                + (
                    " - split it or use .jsonl, one article per line"
                    if max_bytes < MAX_JSONL_FILE_BYTES
                    else ""
                ),
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise ArticleError(where, "no such file") from None
    except PermissionError:
        raise ArticleError(where, "cannot read it: permission denied") from None
    except OSError as exc:
        raise ArticleError(where, f"cannot read it: {exc.strerror or exc}") from None
    if not data.strip():
        raise ArticleError(where, "empty file")
    return data


def decode_text(data: bytes, *, where: str, fallback: str | None = None) -> str:
    """UTF-8 / UTF-16-with-BOM text of `data` (BOM dropped); ArticleError otherwise.

    `fallback` is a codec the content itself declared (an HTML charset), tried
    only when the bytes are not UTF-8.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ArticleError(where, "starts with a UTF-16 mark but is not valid UTF-16") from None
    else:
        if b"\x00" in data[:_SNIFF]:
            raise ArticleError(where, "binary file (it contains NUL bytes), not text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            declared = _declared(data, fallback)
            if declared is None:
                bad = data[exc.start : exc.start + 1].hex()
                raise ArticleError(
                    where,
                    f"not UTF-8 text (byte 0x{bad} at offset {exc.start}); "
                    "convert it, e.g. iconv -f cp1252 -t utf-8",
                ) from None
            text = declared
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        raise ArticleError(where, "binary file (it contains NUL characters), not text")
    return text


def _declared(data: bytes, codec: str | None) -> str | None:
    if not codec:
        return None
    try:
        return data.decode(codec)
    except (LookupError, UnicodeDecodeError):
        return None


def read_text(path: Path, *, max_bytes: int = MAX_ARTICLE_FILE_BYTES) -> str:
    """The decoded text of a file, for callers that take it whole (e.g. `quotes --raw`)."""
    return decode_text(read_bytes(Path(path), max_bytes=max_bytes), where=str(path))
