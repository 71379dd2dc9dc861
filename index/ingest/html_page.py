"""Saved news pages (.html/.htm) -> Article, with the standard library's html.parser only.

- title: `og:title`, else the first `<h1>` (one inside `<article>` preferred),
  else `<title>`, else JSON-LD `headline`;
- date: `article:published_time`, `itemprop=datePublished`, JSON-LD
  `datePublished`, other common date metas, then `<time datetime>`;
- url: `<link rel=canonical>`, else `og:url`; source: `og:site_name`;
- body: the text blocks of the `<article>` holding the most text, else of
  `<main>`, else every `<p>`/`<blockquote>` of the page; `script`, `style`,
  `nav`, `header`, `footer`, `aside`, `form`, `figure` and hidden elements are
  skipped.  Entities are unescaped, runs of HTML whitespace become one space
  (that is how the page reads), `<br>` is a line break and `<br><br>` a
  paragraph break.  JSON-LD `articleBody` is the fallback when no block is found.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from html.parser import HTMLParser
from pathlib import Path, PurePath
from typing import Any

from index.errors import ArticleError
from index.ingest.decoding import MAX_ARTICLE_FILE_BYTES, decode_text, read_bytes
from index.ingest.paragraphs import body_from_text, join_paragraphs
from index.ingest.published import parse_published
from index.models import Article


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SKIP = _words(
    "script style nav footer aside noscript template svg form button iframe header figure "
    "select textarea object canvas math dialog"
)
_BLOCK = _words(
    "p div li ul ol blockquote h1 h2 h3 h4 h5 h6 pre td th tr table dd dt dl section "
    "article main figcaption address hr body"
)
_VOID = _words("area base br col embed hr img input link meta param source track wbr")
_PARAGRAPH_KINDS = frozenset({"p", "blockquote", "pre"})
_DATE_METAS = (
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "dcterms.issued",
    "sailthru.date",
    "parsely-pub-date",
    "og:published_time",
)
_BR = "\ue000"  # a private-use character standing for <br> until the text is cleaned
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_BR_RUN = re.compile(r" ?" + _BR + r"(?: ?" + _BR + r")* ?")
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_ARTICLE_TYPES = ("article", "newsarticle", "reportagenewsarticle", "blogposting", "report")


@dataclass(slots=True)
class _Block:
    text: str
    kind: str
    article: int | None
    in_main: bool


@dataclass(slots=True)
class _Open:
    tag: str
    skip: bool = False
    article: bool = False
    main: bool = False
    h1: bool = False
    title: bool = False


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.title_parts: list[str] = []
        self.h1s: list[tuple[str, int]] = []  # (text, 0 in <article> / 1 shown / 2 in chrome)
        self.times: list[tuple[str, bool]] = []
        self.ld_json: list[str] = []
        self.blocks: list[_Block] = []
        self._stack: list[_Open] = []
        self._open_count: Counter[str] = Counter()  # tags in _stack, for stray end tags
        self._skip = 0
        self._article_depth = 0
        self._article_id = -1
        self._main = 0
        self._h1: list[str] | None = None
        self._in_title = 0
        self._script: list[str] | None = None  # collecting a JSON-LD script
        self._raw = False  # inside script/style: ignore the text
        self._buffer: list[str] = []

    # -- tags ---------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag in _VOID:
            self._void(tag, a)
            return
        if tag in ("script", "style"):
            self._raw = True
            if tag == "script" and a.get("type", "").lower().strip() == "application/ld+json":
                self._script = []
            return
        if tag in _BLOCK:
            # A <p> cannot contain blocks: opening one closes an open <p>.
            top = self._stack[-1].tag if self._stack else None
            if top == "p" or (tag == "li" and top == "li"):
                self._close_top()
            self._flush()
        hidden = "hidden" in a or a.get("aria-hidden", "").lower() == "true"
        el = _Open(tag, skip=tag in _SKIP or hidden)
        if el.skip:
            self._skip += 1
        if tag == "article":
            el.article = True
            if self._article_depth == 0:
                self._article_id += 1
            self._article_depth += 1
        elif tag == "main":
            el.main = True
            self._main += 1
        elif tag == "h1" and self._h1 is None:
            el.h1 = True
            self._h1 = []
        elif tag == "title":
            el.title = True
            self._in_title += 1
        elif tag == "time" and a.get("datetime"):
            self.times.append((a["datetime"], self._article_depth > 0))
        if a.get("itemprop") == "datePublished" and a.get("datetime"):
            self.meta.setdefault("itemprop:datepublished", a["datetime"])
        self._stack.append(el)
        self._open_count[tag] += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            self._void(tag, {k.lower(): (v or "") for k, v in attrs})
        else:  # <div/> and the like: an empty element
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            if self._script is not None:
                self.ld_json.append("".join(self._script))
                self._script = None
            self._raw = False
            return
        if tag in _VOID or not self._open_count[tag]:
            return  # a stray end tag
        if tag in _BLOCK:
            self._flush()
        while self._stack:
            if self._close_top().tag == tag:
                break

    def _close_top(self) -> _Open:
        if self._stack[-1].tag in _BLOCK:
            self._flush()  # while the element is still open, so the text gets its kind
        el = self._stack.pop()
        self._open_count[el.tag] -= 1
        if el.skip:
            self._skip -= 1
        if el.article:
            self._article_depth -= 1
        if el.main:
            self._main -= 1
        if el.title:
            self._in_title -= 1
        if el.h1 and self._h1 is not None:
            text = _clean_inline("".join(self._h1))
            if text:
                rank = 0 if self._article_depth else (2 if self._skip else 1)
                self.h1s.append((text, rank))
            self._h1 = None
        return el

    def _void(self, tag: str, a: dict[str, str]) -> None:
        if tag == "br":
            if not self._skip:
                self._buffer.append(_BR)
            if self._h1 is not None:
                self._h1.append(" ")
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or "").lower().strip()
            if not key and a.get("itemprop"):
                key = "itemprop:" + a["itemprop"].lower().strip()
            if key and a.get("content"):
                self.meta.setdefault(key, a["content"].strip())
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split() and a.get("href"):
            self.canonical = self.canonical or a["href"].strip()
        elif tag == "hr":
            self._flush()

    # -- text ---------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self._raw:
            if self._script is not None:
                self._script.append(data)
            return
        if self._in_title:
            self.title_parts.append(data)
        if self._h1 is not None:
            self._h1.append(data)
        if not self._skip and not self._in_title:
            self._buffer.append(data)

    def _flush(self) -> None:
        if not self._buffer:
            return
        raw = "".join(self._buffer)
        self._buffer.clear()
        kind = next((el.tag for el in reversed(self._stack) if el.tag in _BLOCK), "body")
        article = self._article_id if self._article_depth else None
        for text in _split_breaks(raw):
            self.blocks.append(_Block(text, kind, article, self._main > 0))

    def close(self) -> None:
        super().close()
        while self._stack:
            self._close_top()
        self._flush()


def _clean_inline(text: str) -> str:
    return _HTML_SPACE.sub(" ", text.replace(_BR, " ")).strip()


def _split_breaks(raw: str) -> Iterator[str]:
    """Collapse HTML whitespace; one <br> is a newline, two or more end a paragraph."""
    text = _HTML_SPACE.sub(" ", raw)
    if _BR not in text:
        text = text.strip()
        if text:
            yield text
        return
    for part in _BR_RUN.sub(lambda m: "\n" if m.group(0).count(_BR) == 1 else "\n\n", text).split(
        "\n\n"
    ):
        part = "\n".join(line.strip() for line in part.split("\n") if line.strip())
        if part:
            yield part


def _ld_objects(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 6:
        return
    if isinstance(value, list):
        for item in value:
            yield from _ld_objects(item, depth + 1)
    elif isinstance(value, dict):
        yield value
        if "@graph" in value:
            yield from _ld_objects(value["@graph"], depth + 1)


def _ld_article(scripts: list[str]) -> dict[str, Any]:
    """The JSON-LD object describing the article (the first Article-like one), or {}."""
    found: list[dict[str, Any]] = []
    for script in scripts:
        try:
            found.extend(_ld_objects(json.loads(script)))
        except (ValueError, RecursionError):
            continue
    for obj in found:
        types = obj.get("@type", "")
        types = types if isinstance(types, list) else [types]
        if any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES for t in types):
            return obj
    return next((o for o in found if "datePublished" in o), {})


def _ld_text(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@id") or value.get("url")
    if isinstance(value, list) and value and isinstance(value[0], str):
        value = value[0]
    return value.strip() if isinstance(value, str) and value.strip() else None


def article_from_html(text: str, *, path: str, default_tz: tzinfo = UTC) -> Article:
    """An Article from a saved news page; ArticleError when it has no title or no text."""
    parser = _PageParser()
    try:
        parser.feed(text)
        parser.close()
    except (AssertionError, ValueError) as exc:  # html.parser gives up on some broken markup
        raise ArticleError(path, f"cannot parse the HTML: {exc}") from None
    meta = parser.meta
    ld = _ld_article(parser.ld_json)

    h1 = min(parser.h1s, key=lambda h: h[1])[0] if parser.h1s else None
    title = (
        meta.get("og:title")
        or h1
        or _clean_inline("".join(parser.title_parts))
        or _ld_text(ld, "headline")
    )
    if not title:
        raise ArticleError(path, "no title found (no og:title, <h1> or <title>)")

    body = _body(parser.blocks)
    if not body and isinstance(ld.get("articleBody"), str):
        body = body_from_text(ld["articleBody"])
    if not body:
        raise ArticleError(path, "no article text found in the page")

    return Article(
        id=PurePath(path).stem or path,
        title=" ".join(title.split()),
        body=body,
        published=_published(parser, meta, ld, path=path, default_tz=default_tz),
        source=meta.get("og:site_name") or _ld_text(ld, "publisher"),
        url=parser.canonical
        or meta.get("og:url")
        or _ld_text(ld, "url")
        or _ld_text(ld, "mainEntityOfPage"),
        path=path,
    )


def _body(blocks: list[_Block]) -> str:
    sizes: dict[int, int] = {}
    for b in blocks:
        if b.article is not None:
            sizes[b.article] = sizes.get(b.article, 0) + len(b.text)
    if sizes:
        best = max(sizes, key=lambda k: (sizes[k], -k))
        chosen = [b for b in blocks if b.article == best]
    elif any(b.in_main for b in blocks):
        chosen = [b for b in blocks if b.in_main]
    else:
        chosen = [b for b in blocks if b.kind in _PARAGRAPH_KINDS]
    # A page that marks its paragraphs with <p> keeps its widgets ("Share on ...",
    # "Related: ...") in other elements: take only the paragraphs then.
    if any(b.kind in _PARAGRAPH_KINDS for b in chosen):
        chosen = [b for b in chosen if b.kind in _PARAGRAPH_KINDS]
    texts = [b.text for b in chosen if b.kind not in ("h1", "figcaption")]
    return join_paragraphs(texts) if texts else ""


def _published(
    parser: _PageParser, meta: dict[str, str], ld: dict[str, Any], *, path: str, default_tz: tzinfo
) -> datetime | None:
    candidates = [
        meta.get("article:published_time"),
        meta.get("itemprop:datepublished"),
        _ld_text(ld, "datePublished"),
        *(meta.get(k) for k in _DATE_METAS),
        *(t for t, in_article in parser.times if in_article),
        *(t for t, _ in parser.times),
    ]
    values = [c for c in candidates if c]
    for value in values:
        try:
            return parse_published(value, default_tz=default_tz)
        except ValueError:
            continue
    if values:
        raise ArticleError(path, f"published date is not a date: {values[0]!r}")
    return None


def read_html_file(path: Path, *, default_tz: tzinfo = UTC) -> Article:
    """The article of a saved page; the page's declared charset is used when it is not UTF-8."""
    data = read_bytes(path, max_bytes=MAX_ARTICLE_FILE_BYTES)
    m = _CHARSET.search(data, 0, 4096)
    declared = m.group(1).decode("ascii", "replace") if m else None
    text = decode_text(data, where=str(path), fallback=declared)
    return article_from_html(text, path=str(path), default_tz=default_tz)
