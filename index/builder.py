"""Sources -> a new index generation, switched to only when complete.

Files are read, split and attributed in worker processes (the expensive part),
then merged here in file order so a build is deterministic whatever the
number of workers.  Bad files are reported and skipped; a build with no
usable article fails and leaves the current generation in place.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from tqdm import tqdm

from index.archive import NO_DAY, day_number, speaker_ref_to_json
from index.attribution import attribute_quotes
from index.config import Config
from index.directory import SpeakerMention, build_directory, speaker_to_json
from index.engines import engine_class
from index.errors import ArticleError, SourceError
from index.ingest import iter_source_files, read_file
from index.models import Article, Passage, Quote
from index.passages import split_passages
from index.ranking import quote_quality
from index.store import GenerationWriter
from index.tokenize import Tokenizer

# Files handed to a worker at a time: large enough to amortise process overhead.
FILES_PER_TASK = 16


@dataclass(slots=True)
class ProcessedArticle:
    article: Article
    passages: list[Passage]
    quotes: list[Quote]
    passage_tokens: list[list[str]]
    quote_tokens: list[list[str]]


@dataclass(slots=True)
class BuildSummary:
    generation: str = ""
    index_dir: str = ""
    files: int = 0
    articles: int = 0
    passages: int = 0
    quotes: int = 0
    direct_quotes: int = 0
    speakers: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    seconds: float = 0.0
    engine: str = ""

    def lines(self) -> list[str]:
        out = [
            f"built generation {self.generation} in {self.index_dir} ({self.seconds:.1f} s, engine {self.engine})",
            f"  files: {self.files}  articles: {self.articles}  passages: {self.passages}  "
            f"quotes: {self.quotes} ({self.direct_quotes} direct)  speakers: {self.speakers}",
        ]
        if self.skipped:
            out.append(f"  skipped: {len(self.skipped)}")
            out += [f"    {f}: {r}" for f, r in self.skipped]
        return out


# -- worker side ------------------------------------------------------------------

_worker_tokenizer: Tokenizer | None = None


def _init_worker(tokenizer_settings: dict[str, Any]) -> None:
    global _worker_tokenizer
    _worker_tokenizer = Tokenizer(**tokenizer_settings)


def process_article(article: Article, tokenizer: Tokenizer) -> ProcessedArticle:
    """Split, attribute and tokenize one article."""
    passages = split_passages(article)
    quotes = attribute_quotes(article)
    starts = [p.start for p in passages]
    for q in quotes:
        q.passage_position = _passage_at(starts, q.start)
    title_tokens = tokenizer.tokenize(article.title) if article.title else []
    # The headline is context for every passage: it often names the topic or the place.
    passage_tokens = [tokenizer.tokenize(p.text) + title_tokens for p in passages]
    quote_tokens = [tokenizer.tokenize(q.text) for q in quotes]
    return ProcessedArticle(article, passages, quotes, passage_tokens, quote_tokens)


def _passage_at(starts: list[int], offset: int) -> int:
    """Position of the passage holding `offset` (passages are sorted by start)."""
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _process_files(
    paths: list[str], default_tz: tzinfo
) -> list[tuple[str, list[ProcessedArticle], list[ArticleError]]]:
    tokenizer = _worker_tokenizer
    assert tokenizer is not None
    out = []
    for path in paths:
        articles, problems = read_file(Path(path), default_tz=default_tz)
        done: list[ProcessedArticle] = []
        for art in articles:
            try:
                done.append(process_article(art, tokenizer))
            except Exception as exc:  # one odd article must not sink the build
                problems.append(ArticleError(f"{path} ({art.id})", f"attribution failed: {exc!r}"))
        out.append((path, done, problems))
    return out


def _chunks(items: Sequence[Path], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield [str(p) for p in items[i : i + size]]


def _processed_files(
    files: Sequence[Path], workers: int, tokenizer_settings: dict[str, Any], default_tz: tzinfo
) -> Iterator[tuple[str, list[ProcessedArticle], list[ArticleError]]]:
    """Results per file, in file order."""
    chunks = list(_chunks(files, FILES_PER_TASK))
    if workers <= 1 or len(chunks) <= 1:
        _init_worker(tokenizer_settings)
        for chunk in chunks:
            yield from _process_files(chunk, default_tz)
        return
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(tokenizer_settings,)
    ) as pool:
        for batch in pool.map(_process_files, chunks, [default_tz] * len(chunks)):
            yield from batch


# -- main side ----------------------------------------------------------------------

_NORMALISE = re.compile(r"[^\w]+")


def _duplicate_key(text: str) -> bytes:
    """Quotes carried word for word by several articles share this key."""
    return hashlib.blake2b(_NORMALISE.sub(" ", text.lower()).strip().encode(), digest_size=8).digest()


def _unique_id(article_id: str, path: str, seen: dict[str, Any]) -> str:
    """An id not used yet, qualified by the file's folder, then numbered."""
    candidate = f"{Path(path).parent.name}/{article_id}"
    n = 2
    while candidate in seen:
        candidate = f"{Path(path).parent.name}/{article_id}-{n}"
        n += 1
    return candidate


def build_index(
    sources: Sequence[str | Path],
    config: Config,
    *,
    progress: bool | None = None,
    log: Callable[[str], None] = lambda line: print(line, file=sys.stderr),
) -> BuildSummary:
    """Build a generation from sources; the old one stays current until this one is complete."""
    started = time.perf_counter()
    settings = config.index
    files = iter_source_files(sources)
    if not files:
        raise SourceError(
            "no article files (.txt .json .jsonl .html) in " + ", ".join(str(s) for s in sources)
        )
    tokenizer = Tokenizer(stemmer=settings.stemmer, stopwords=settings.stopwords)
    default_tz = ZoneInfo(settings.timezone)
    workers = settings.workers or os.cpu_count() or 1
    summary = BuildSummary(index_dir=str(settings.path), files=len(files), engine=settings.engine)
    show = sys.stderr.isatty() if progress is None else progress

    articles: list[dict[str, Any]] = []
    passages: list[dict[str, Any]] = []
    quotes: list[dict[str, Any]] = []
    passage_tokens: list[list[str]] = []
    quote_tokens: list[list[str]] = []
    passage_article: list[int] = []
    article_first_passage: list[int] = []
    quote_rank: list[int] = []
    quote_passage: list[int] = []
    quote_day: list[int] = []
    quote_direct: list[bool] = []
    quote_quality_: list[float] = []
    quote_group_keys: list[bytes] = []
    mentions: list[SpeakerMention] = []
    seen: dict[str, tuple[str, str, str | None]] = {}  # id -> (file, title, published)

    bar = tqdm(total=len(files), unit="file", disable=not show, file=sys.stderr, desc="indexing")
    for path, done, problems in _processed_files(files, workers, tokenizer.settings(), default_tz):
        bar.update(1)
        for problem in problems:
            summary.skipped.append((problem.path, problem.reason))
        for pa in done:
            art = pa.article
            published = art.published.isoformat() if art.published else None
            if art.id in seen:
                first_file, title, when = seen[art.id]
                if (title, when) == (art.title, published):
                    summary.skipped.append(
                        (f"{path} ({art.id})", f"the same article was already read from {first_file}")
                    )
                    continue
                # Two different articles with one file stem (a/x.txt, b/x.txt): keep both.
                art.id = _unique_id(art.id, path, seen)
            seen[art.id] = (path, art.title, published)
            ai = len(articles)
            day = art.published.date() if art.published else None
            articles.append(
                {
                    "id": art.id,
                    "title": art.title,
                    "published": published,
                    "source": art.source,
                    "dateline": art.dateline,
                    "url": art.url,
                    "path": art.path,
                }
            )
            first_passage = len(passages)
            article_first_passage.append(first_passage)
            for p, toks in zip(pa.passages, pa.passage_tokens, strict=True):
                passages.append({"a": ai, "n": p.position, "s": p.start, "e": p.end, "t": p.text})
                passage_tokens.append(toks)
                passage_article.append(ai)
            for rank, (q, toks) in enumerate(zip(pa.quotes, pa.quote_tokens, strict=True)):
                pi = first_passage + max(q.passage_position, 0)
                quote_rank.append(min(rank, 32767))
                quotes.append(
                    {
                        "a": ai,
                        "p": pi,
                        "s": q.start,
                        "e": q.end,
                        "t": q.text,
                        "k": q.kind,
                        "cue": q.cue,
                        "sp": speaker_ref_to_json(q.speaker),
                    }
                )
                quote_tokens.append(toks)
                quote_passage.append(pi)
                quote_day.append(day_number(day) if day else NO_DAY)
                quote_direct.append(q.kind == "direct")
                quote_quality_.append(quote_quality(q))
                quote_group_keys.append(_duplicate_key(q.text))
                mentions.append(SpeakerMention(q.speaker, day, art.id))
    bar.close()
    if not articles:
        raise SourceError(
            f"no usable article in {len(files)} file(s); the current index is unchanged"
            + (f" (first problem: {summary.skipped[0][0]}: {summary.skipped[0][1]})" if summary.skipped else "")
        )

    speakers, speaker_ids = build_directory(mentions)
    groups: dict[bytes, int] = {}
    quote_group = np.asarray([groups.setdefault(k, len(groups)) for k in quote_group_keys], dtype=np.int32)
    quote_speaker = np.asarray(speaker_ids, dtype=np.int32)
    # Quotes of each speaker, as one CSR-style pair of arrays.
    order = np.argsort(quote_speaker, kind="stable")
    sorted_speakers = quote_speaker[order]
    valid = sorted_speakers >= 0
    offsets = np.searchsorted(sorted_speakers[valid], np.arange(len(speakers) + 1)).astype(np.int64)

    engine_cls = engine_class(settings.engine)
    with GenerationWriter(Path(settings.path), keep=settings.keep_generations) as writer:
        if show:
            log("writing records and BM25 indexes ...")
        writer.write_records("articles", articles)
        writer.write_records("passages", passages)
        writer.write_records("quotes", quotes)
        writer.write_json("speakers", [speaker_to_json(s) for s in speakers])
        writer.write_array("quote_speaker", quote_speaker)
        writer.write_array("quote_day", np.asarray(quote_day, dtype=np.int32))
        writer.write_array("quote_passage", np.asarray(quote_passage, dtype=np.int32))
        writer.write_array("quote_direct", np.asarray(quote_direct, dtype=np.bool_))
        writer.write_array("quote_quality", np.asarray(quote_quality_, dtype=np.float32))
        writer.write_array("quote_group", quote_group)
        writer.write_array("passage_article", np.asarray(passage_article, dtype=np.int32))
        writer.write_array("article_first_passage", np.asarray(article_first_passage, dtype=np.int32))
        writer.write_array("quote_rank", np.asarray(quote_rank, dtype=np.int16))
        writer.write_array("speaker_quotes", order[valid].astype(np.int32))
        writer.write_array("speaker_quotes_offsets", offsets)
        engine_cls.build(quote_tokens).save(writer.subdir("bm25-quotes"))
        engine_cls.build(passage_tokens).save(writer.subdir("bm25-passages"))
        summary.articles = len(articles)
        summary.passages = len(passages)
        summary.quotes = len(quotes)
        summary.direct_quotes = int(sum(quote_direct))
        summary.speakers = len(speakers)
        summary.seconds = time.perf_counter() - started
        generation = writer.commit(
            {
                "engine": settings.engine,
                "engine_version": engine_cls.library_version,
                "tokenizer": tokenizer.settings(),
                "counts": {
                    "files": summary.files,
                    "articles": summary.articles,
                    "passages": summary.passages,
                    "quotes": summary.quotes,
                    "direct_quotes": summary.direct_quotes,
                    "speakers": summary.speakers,
                    "skipped": len(summary.skipped),
                },
                "sources": [str(s) for s in sources],
                "build_seconds": round(summary.seconds, 2),
                "workers": workers,
            }
        )
    summary.generation = generation.id
    return summary
