"""JSON articles: one object per `.json` file (or a list of them), one per line in `.jsonl`.

An object is `{"id"?, "title", "published"?, "source"?, "dateline"?, "url"?, "body"}`.
`body` is text with paragraphs separated by blank lines, or a list of
paragraph strings.  A missing or null `published` is allowed (no date); one
that is present but not a date is an error naming the value.
"""

from __future__ import annotations

import codecs
import json
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any

from index.errors import ArticleError
from index.ingest.decoding import (
    MAX_JSON_FILE_BYTES,
    MAX_JSONL_FILE_BYTES,
    MAX_JSONL_LINE_BYTES,
    MB,
    decode_text,
    read_bytes,
)
from index.ingest.paragraphs import body_from_text, join_paragraphs
from index.ingest.published import parse_published
from index.models import Article

# Stop reading a .jsonl that is mostly garbage instead of reporting every line.
MAX_BAD_LINES = 200
_OPTIONAL_TEXT = ("source", "dateline", "url")


def article_from_record(
    record: Any, *, where: str, default_id: str, path: str | None = None, default_tz: tzinfo = UTC
) -> Article:
    """An Article from one decoded JSON object; ArticleError(where, reason) when unusable."""
    if not isinstance(record, dict):
        raise ArticleError(where, f"expected a JSON object, found {_json_type(record)}")

    title = record.get("title")
    if title is None or (isinstance(title, str) and not title.strip()):
        raise ArticleError(where, "missing title")
    if not isinstance(title, str):
        raise ArticleError(where, f"title must be a string, found {_json_type(title)}")

    raw_body = record.get("body")
    if isinstance(raw_body, str):
        body = body_from_text(raw_body)
    elif isinstance(raw_body, list) and all(isinstance(p, str) for p in raw_body):
        body = join_paragraphs(raw_body)
    elif raw_body is None:
        raise ArticleError(where, "missing body")
    else:
        raise ArticleError(
            where, f"body must be a string or a list of strings, found {_json_type(raw_body)}"
        )
    if not body:
        raise ArticleError(where, "empty body")

    published: datetime | None = None
    raw_date = record.get("published")
    if raw_date is not None and raw_date != "":
        if not isinstance(raw_date, str | int | float) or isinstance(raw_date, bool):
            raise ArticleError(
                where, f"published must be a date string, found {_json_type(raw_date)}"
            )
        try:
            published = parse_published(raw_date, default_tz=default_tz)
        except ValueError:
            raise ArticleError(where, f"published is not a date: {raw_date!r}") from None

    extra: dict[str, str | None] = {}
    for key in _OPTIONAL_TEXT:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise ArticleError(where, f"{key} must be a string, found {_json_type(value)}")
        extra[key] = (value.strip() or None) if isinstance(value, str) else None

    raw_id = record.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int | type(None)):
        raise ArticleError(where, f"id must be a string or a number, found {_json_type(raw_id)}")
    article_id = str(raw_id).strip() if raw_id is not None else ""

    return Article(
        id=article_id or default_id,
        title=" ".join(title.split()),
        body=body,
        published=published,
        source=extra["source"],
        dateline=extra["dateline"],
        url=extra["url"],
        path=path if path is not None else where,
    )


def read_json_file(
    path: Path, *, default_tz: tzinfo = UTC
) -> tuple[list[Article], list[ArticleError]]:
    """The article (object) or articles (list of objects) of a .json file."""
    where = str(path)
    text = decode_text(read_bytes(path, max_bytes=MAX_JSON_FILE_BYTES), where=where)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ArticleError(
            where, f"invalid JSON at line {exc.lineno} column {exc.colno}: {_json_message(exc)}"
        ) from None
    if isinstance(value, dict):
        return [
            article_from_record(
                value, where=where, default_id=path.stem, path=where, default_tz=default_tz
            )
        ], []
    if not isinstance(value, list):
        raise ArticleError(
            where, f"expected a JSON object or a list of objects, found {_json_type(value)}"
        )
    if not value:
        raise ArticleError(where, "empty list: no articles")
    articles: list[Article] = []
    errors: list[ArticleError] = []
    for i, item in enumerate(value, 1):
        try:
            articles.append(
                article_from_record(
                    item,
                    where=f"{where}[{i}]",
                    default_id=f"{path.stem}#{i}",
                    path=where,
                    default_tz=default_tz,
                )
            )
        except ArticleError as exc:
            errors.append(exc)
    return articles, errors


def read_jsonl_file(
    path: Path, *, default_tz: tzinfo = UTC
) -> tuple[list[Article], list[ArticleError]]:
    """Every good line of a .jsonl file as an Article, and one error per bad line (`file:LINE`)."""
    where = str(path)
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # read_bytes-like reporting happens on open below
    if size > MAX_JSONL_FILE_BYTES:
        raise ArticleError(
            where, f"too big ({size / MB:.0f} MB; the limit is {MAX_JSONL_FILE_BYTES // MB} MB)"
        )
    articles: list[Article] = []
    errors: list[ArticleError] = []
    try:
        f = path.open("rb")
    except FileNotFoundError:
        raise ArticleError(where, "no such file") from None
    except IsADirectoryError:
        raise ArticleError(where, "is a folder, not a file") from None
    except OSError as exc:
        raise ArticleError(where, f"cannot read it: {exc.strerror or exc}") from None
    with f:
        lineno = 0
        while True:
            raw = f.readline(MAX_JSONL_LINE_BYTES + 1)
            if not raw:
                break
            lineno += 1
            line_where = f"{where}:{lineno}"
            if len(raw) > MAX_JSONL_LINE_BYTES and not raw.endswith(b"\n"):
                _skip_rest_of_line(f)
                errors.append(
                    ArticleError(line_where, f"line longer than {MAX_JSONL_LINE_BYTES // MB} MB")
                )
                continue
            if b"\x00" in raw:
                if lineno == 1 and raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                    raise ArticleError(where, "UTF-16 text; .jsonl must be UTF-8")
                raise ArticleError(where, "binary file (it contains NUL bytes), not JSON lines")
            if not raw.strip():
                continue
            try:
                text = decode_text(raw, where=line_where)
                record = json.loads(text)
                articles.append(
                    article_from_record(
                        record,
                        where=line_where,
                        default_id=f"{path.stem}#{lineno}",
                        path=where,
                        default_tz=default_tz,
                    )
                )
            except json.JSONDecodeError as exc:
                errors.append(
                    ArticleError(
                        line_where, f"invalid JSON at column {exc.colno}: {_json_message(exc)}"
                    )
                )
            except ArticleError as exc:
                errors.append(exc)
            except RecursionError:
                errors.append(ArticleError(line_where, "JSON nested too deeply"))
            if len(errors) >= MAX_BAD_LINES and len(errors) > len(articles):
                errors.append(ArticleError(where, f"stopped at line {lineno}: too many bad lines"))
                break
    if not articles and not errors:
        raise ArticleError(where, "empty file")
    return articles, errors


def _skip_rest_of_line(f: Any) -> None:
    while True:
        chunk = f.readline(MB)
        if not chunk or chunk.endswith(b"\n"):
            return


def _json_message(exc: json.JSONDecodeError) -> str:
    return exc.msg.removesuffix(" at").lower()


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
