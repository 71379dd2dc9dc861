"""Sources -> a new index generation, switched to only when complete.

Files are read, split, attributed and tokenized in worker processes (the
expensive part); the main process merges their results in input order, so a
build is deterministic whatever the number of workers.  Bad files are reported
and skipped; a build with no usable article fails and leaves the current
generation in place.

Built to scale to ~100k articles / 1M passages on a small machine:

- Work is cut by size, not by file: `plan_tasks` hands a worker ~`TASK_BYTES` of
  input at a time, several small files or one slice of a large `.jsonl` (the
  worker reads the file and keeps its slice), so every core stays busy to the end
  however the archive is split into files.  At most a few tasks are in flight, so
  results never pile up in memory.
- Workers hand back what the main process would otherwise compute: records
  already encoded as JSON (`RecordsSink.append_encoded`; the article and passage
  indices, known only to the main process, are spliced in front), token ids with
  a vocabulary local to the task (`index.engines.corpus`), per-quote numbers as
  arrays, and each distinct speaker once.
- The main process streams records to disk as they arrive and keeps only arrays
  of ids and numbers plus one small object per quote for the speaker directory.
"""

from __future__ import annotations

import gc
import hashlib
import json
import math
import os
import re
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from tqdm import tqdm

from index.archive import NO_DAY, day_from_number, day_number, speaker_ref_to_json
from index.attribution import analyse_article
from index.config import Config
from index.directory import SpeakerMention, build_directory, speaker_to_json
from index.engines import engine_class
from index.engines.bm25s_engine import Bm25sEngine
from index.engines.corpus import CorpusBuilder, encode
from index.errors import SourceError
from index.ingest import iter_source_files, read_file
from index.models import Article, Passage, Quote, SpeakerRef
from index.passages import split_passages
from index.ranking import quote_quality
from index.store import GenerationWriter
from index.text_matrix import save_quote_text_engine
from index.tokenize import Tokenizer

# Input handed to a worker at a time (~100 wire articles, ~1 s of work): small enough
# that both cores stay busy to the end and results in flight stay small, large enough
# that the per-task costs (a process round trip, re-reading a split .jsonl) stay ~1%.
TASK_BYTES = 256 * 1024
MAX_FILES_PER_TASK = 64
# Tasks queued per worker beyond the one it is running.
TASKS_AHEAD = 2


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
    timings: dict[str, float] = field(default_factory=dict)  # phase -> seconds

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


# -- tasks ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Task:
    """Files for one worker call; a single large file may be cut into `parts` slices."""

    paths: tuple[str, ...]
    part: int = 0
    parts: int = 1


def plan_tasks(files: Sequence[Path], task_bytes: int = TASK_BYTES) -> list[Task]:
    """Group small files and slice large `.jsonl` files into tasks of about `task_bytes`."""
    tasks: list[Task] = []
    group: list[str] = []
    group_bytes = 0
    for path in files:
        try:
            size = path.stat().st_size
        except OSError:
            size = 0  # read_file will report it
        if path.suffix.lower() == ".jsonl" and size > 2 * task_bytes:
            if group:
                tasks.append(Task(tuple(group)))
                group, group_bytes = [], 0
            parts = math.ceil(size / task_bytes)
            tasks.extend(Task((str(path),), k, parts) for k in range(parts))
            continue
        if group and (group_bytes + size > task_bytes or len(group) >= MAX_FILES_PER_TASK):
            tasks.append(Task(tuple(group)))
            group, group_bytes = [], 0
        group.append(str(path))
        group_bytes += size
    if group:
        tasks.append(Task(tuple(group)))
    return tasks


@dataclass(slots=True)
class TaskResult:
    """A task's articles, ready to merge: columns rather than objects."""

    # per file: (path, [(where, reason)], articles read from it in this task, last part?)
    files: list[tuple[str, list[tuple[str, str]], int, bool]] = field(default_factory=list)
    # per article: (id, title, published ISO or None, source, dateline, url, path,
    #               day number, passages, quotes)
    articles: list[tuple[Any, ...]] = field(default_factory=list)
    # passage records as JSON without the article index: b'"n":0,"s":0,"e":9,"t":"..."}'
    passage_tails: list[bytes] = field(default_factory=list)
    # quote records as JSON without article and passage: b'"s":..,"e":..,...,"sp":{..}}'
    quote_tails: list[bytes] = field(default_factory=list)
    quote_position: list[int] = field(default_factory=list)  # passage position in its article
    quote_direct: list[bool] = field(default_factory=list)
    quote_quality: list[float] = field(default_factory=list)
    quote_key: list[int] = field(default_factory=list)  # 64-bit duplicate key
    quote_speaker: list[int] = field(default_factory=list)  # index into `speakers`
    speakers: list[tuple[Any, ...]] = field(default_factory=list)  # distinct SpeakerRef fields
    # people and bodies each article names (index into `speakers`), and how many per article
    mention_speaker: list[int] = field(default_factory=list)
    article_mentions: list[int] = field(default_factory=list)
    passage_corpus: tuple[list[str], np.ndarray, np.ndarray] | None = None
    quote_corpus: tuple[list[str], np.ndarray, np.ndarray] | None = None


# -- worker side ------------------------------------------------------------------

_worker_tokenizer: Tokenizer | None = None
_worker_tz: tzinfo | None = None


def _init_worker(tokenizer_settings: dict[str, Any], default_tz: tzinfo) -> None:
    global _worker_tokenizer, _worker_tz
    _worker_tokenizer = Tokenizer(**tokenizer_settings)
    _worker_tz = default_tz


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


def process_article(article: Article) -> tuple[list[Passage], list[Quote], list[SpeakerRef]]:
    """Split and attribute one article (quotes know the position of their passage), with
    the people and bodies it names."""
    passages = split_passages(article)
    quotes, mentions = analyse_article(article)
    starts = [p.start for p in passages]
    for q in quotes:
        q.passage_position = _passage_at(starts, q.start)
    return passages, quotes, mentions


_NORMALISE = re.compile(r"[^\w]+")


def _duplicate_key(text: str) -> int:
    """Quotes carried word for word by several articles share this key."""
    digest = hashlib.blake2b(_NORMALISE.sub(" ", text.lower()).strip().encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def _speaker_fields(sp: SpeakerRef) -> tuple[Any, ...]:
    return (sp.name, sp.role, sp.organization, sp.title, sp.kind, sp.mention, sp.mention_kind, sp.confidence)


def _speaker_id(sp: SpeakerRef, seen: dict[tuple[Any, ...], int], speakers: list[tuple[Any, ...]]) -> int:
    """Index of a speaker reference in the task's list of distinct ones (added if new)."""
    fields = _speaker_fields(sp)
    sid = seen.get(fields)
    if sid is None:
        sid = seen[fields] = len(speakers)
        speakers.append(fields)
    return sid


def _tail(record: dict[str, Any]) -> bytes:
    """A record's compact JSON without its opening brace (the main process adds the
    indices only it knows in front)."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")[1:]


def _process_task(task: Task) -> TaskResult:
    tokenizer, tz = _worker_tokenizer, _worker_tz
    assert tokenizer is not None and tz is not None
    out = TaskResult()
    passage_tokens: list[list[str]] = []
    quote_tokens: list[list[str]] = []
    speaker_index: dict[tuple[Any, ...], int] = {}
    tokenize = tokenizer.tokenize
    for path in task.paths:
        articles, errors = read_file(Path(path), default_tz=tz)
        problems = [(e.path, e.reason) for e in errors]
        if task.parts > 1:
            n = len(articles)
            articles = articles[task.part * n // task.parts : (task.part + 1) * n // task.parts]
            if task.part:
                problems = []  # the file's own problems are reported once, by part 0
        done = 0
        for art in articles:
            try:
                passages, quotes, named = process_article(art)
            except Exception as exc:  # one odd article must not sink the build
                problems.append((f"{path} ({art.id})", f"attribution failed: {exc!r}"))
                continue
            done += 1
            published = art.published.isoformat() if art.published else None
            day = day_number(art.published.date()) if art.published else NO_DAY
            out.articles.append(
                (art.id, art.title, published, art.source, art.dateline, art.url, art.path, day, len(passages), len(quotes))
            )
            # The headline is context for every passage: it often names the topic or the place.
            title_tokens = tokenize(art.title) if art.title else []
            for p in passages:
                out.passage_tails.append(_tail({"n": p.position, "s": p.start, "e": p.end, "t": p.text}))
                passage_tokens.append(tokenize(p.text) + title_tokens)
            for q in quotes:
                out.quote_tails.append(
                    _tail({"s": q.start, "e": q.end, "t": q.text, "k": q.kind, "cue": q.cue, "sp": speaker_ref_to_json(q.speaker)})
                )
                quote_tokens.append(tokenize(q.text))
                out.quote_position.append(max(q.passage_position, 0))
                out.quote_direct.append(q.kind == "direct")
                out.quote_quality.append(quote_quality(q))
                out.quote_key.append(_duplicate_key(q.text))
                out.quote_speaker.append(_speaker_id(q.speaker, speaker_index, out.speakers))
            out.article_mentions.append(len(named))
            out.mention_speaker.extend(_speaker_id(sp, speaker_index, out.speakers) for sp in named)
        out.files.append((path, problems, done, task.part == task.parts - 1))
    out.passage_corpus = encode(passage_tokens)
    out.quote_corpus = encode(quote_tokens)
    return out


def _results(
    tasks: Sequence[Task], workers: int, tokenizer_settings: dict[str, Any], default_tz: tzinfo
) -> Iterator[TaskResult]:
    """Task results in task order, computed by `workers` processes (in this one if 1)."""
    if workers <= 1 or len(tasks) <= 1:
        _init_worker(tokenizer_settings, default_tz)
        for task in tasks:
            yield _process_task(task)
        return
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(tokenizer_settings, default_tz)
    ) as pool:
        queue: deque[Future[TaskResult]] = deque()
        pending = iter(tasks)
        for task in pending:
            queue.append(pool.submit(_process_task, task))
            if len(queue) >= workers * (1 + TASKS_AHEAD):
                break
        while queue:
            result = queue.popleft().result()
            nxt = next(pending, None)
            if nxt is not None:
                queue.append(pool.submit(_process_task, nxt))
            yield result


# -- main side ----------------------------------------------------------------------


def _unique_id(article_id: str, path: str, seen: dict[str, Any]) -> str:
    """An id not used yet, qualified by the file's folder, then numbered."""
    candidate = f"{Path(path).parent.name}/{article_id}"
    n = 2
    while candidate in seen:
        candidate = f"{Path(path).parent.name}/{article_id}-{n}"
        n += 1
    return candidate


class _Merger:
    """Folds task results into the generation being written, in input order."""

    def __init__(self, writer: GenerationWriter, summary: BuildSummary) -> None:
        self.summary = summary
        self.articles = writer.open_records("articles")
        self.passages = writer.open_records("passages")
        self.quotes = writer.open_records("quotes")
        self.passage_corpus = CorpusBuilder()
        self.quote_corpus = CorpusBuilder()
        self.seen: dict[str, tuple[str, str, str | None]] = {}  # id -> (file, title, published)
        self.article_first_passage: list[np.ndarray] = []
        self.passage_article: list[np.ndarray] = []
        self.quote_columns: dict[str, list[np.ndarray]] = {
            k: [] for k in ("passage", "day", "direct", "quality", "key", "rank")
        }
        self.mentions: list[SpeakerMention] = []
        self.context: list[SpeakerMention] = []  # named in articles, quoted or not
        self._speaker_refs: dict[tuple[Any, ...], SpeakerRef] = {}
        self._days: dict[int, date | None] = {NO_DAY: None}
        self.n_articles = 0
        self.n_passages = 0
        self.n_quotes = 0

    def add(self, res: TaskResult) -> int:
        """Merge one task; returns how many files it finished."""
        summary = self.summary
        n_art = len(res.articles)
        # Which file each article came from, and the file's problems to report before
        # its first article (the order a one-file-at-a-time build would report them in).
        file_of_article: list[str] = []
        problems_before: dict[int, list[tuple[str, str]]] = {}
        finished = 0
        for path, problems, count, last in res.files:
            problems_before.setdefault(len(file_of_article), []).extend(problems)
            file_of_article.extend([path] * count)
            finished += last
        trailing = problems_before.pop(n_art, [])
        art_passages = np.fromiter((a[8] for a in res.articles), dtype=np.int64, count=n_art)
        art_quotes = np.fromiter((a[9] for a in res.articles), dtype=np.int64, count=n_art)
        passage_start = np.concatenate([[0], np.cumsum(art_passages)]).tolist()
        # Per article of the task: its global index (-1: a duplicate, dropped), its
        # first global passage, its id as stored, its day number.
        index = np.full(n_art, -1, dtype=np.int64)
        first_passage = np.zeros(n_art, dtype=np.int64)
        ids: list[str] = []
        days = np.fromiter((a[7] for a in res.articles), dtype=np.int64, count=n_art)
        for i, (art_id, title, published, source, dateline, url, apath, _d, n_p, n_q) in enumerate(res.articles):
            if i in problems_before:
                summary.skipped.extend(problems_before[i])
            path = file_of_article[i]
            if art_id in self.seen:
                first_file, seen_title, when = self.seen[art_id]
                if (seen_title, when) == (title, published):
                    summary.skipped.append((f"{path} ({art_id})", f"the same article was already read from {first_file}"))
                    ids.append(art_id)
                    continue
                # Two different articles with one file stem (a/x.txt, b/x.txt): keep both.
                art_id = _unique_id(art_id, path, self.seen)
            self.seen[art_id] = (path, title, published)
            ids.append(art_id)
            ai = index[i] = self.n_articles
            first_passage[i] = self.n_passages
            self.n_articles += 1
            self.n_passages += n_p
            self.n_quotes += n_q
            self.articles.append(
                {"id": art_id, "title": title, "published": published, "source": source, "dateline": dateline, "url": url, "path": apath}
            )
            prefix = b'{"a":%d,' % ai
            append = self.passages.append_encoded
            for tail in res.passage_tails[passage_start[i] : passage_start[i + 1]]:
                append(prefix + tail)
        summary.skipped.extend(trailing)
        keep = index >= 0
        if not keep.any():
            return finished
        all_kept = bool(keep.all())
        self.article_first_passage.append(first_passage[keep])
        self.passage_article.append(np.repeat(index[keep], art_passages[keep]).astype(np.int32))
        assert res.passage_corpus is not None and res.quote_corpus is not None
        self.passage_corpus.add(*res.passage_corpus, keep=None if all_kept else np.repeat(keep, art_passages))
        quote_keep = None if all_kept else np.repeat(keep, art_quotes)
        self.quote_corpus.add(*res.quote_corpus, keep=quote_keep)

        # Quotes: global passage index, day, rank within the article, records, speakers.
        quote_article = np.repeat(np.arange(n_art), art_quotes)
        quote_start = np.concatenate([[0], np.cumsum(art_quotes)])
        passage = first_passage[quote_article] + np.asarray(res.quote_position, dtype=np.int64)
        rank = np.arange(len(quote_article), dtype=np.int64) - quote_start[quote_article]
        cols = {
            "passage": passage,
            "day": days[quote_article],
            "direct": np.asarray(res.quote_direct, dtype=np.bool_),
            "quality": np.asarray(res.quote_quality, dtype=np.float32),
            "key": np.asarray(res.quote_key, dtype=np.int64),
            "rank": np.minimum(rank, 32767),
        }
        for k, v in cols.items():
            self.quote_columns[k].append(v if quote_keep is None else v[quote_keep])
        refs = self._speaker_refs
        speaker_objects = []
        for fields in res.speakers:
            ref = refs.get(fields)
            if ref is None:  # one object per distinct speaker reference: many quotes share it
                ref = refs[fields] = SpeakerRef(*fields)
            speaker_objects.append(ref)
        day_of = self._day
        append_quote = self.quotes.append_encoded
        mentions = self.mentions
        quote_index = index[quote_article].tolist()
        for j, (ai, pi, tail, sid) in enumerate(zip(quote_index, passage.tolist(), res.quote_tails, res.quote_speaker, strict=True)):
            if ai < 0:
                continue
            i = int(quote_article[j])
            append_quote(b'{"a":%d,"p":%d,' % (ai, pi) + tail)
            mentions.append(SpeakerMention(speaker_objects[sid], day_of(int(days[i])), ids[i]))
        mention_start = 0
        for i, count in enumerate(res.article_mentions):
            if index[i] >= 0:
                day = day_of(int(days[i]))
                self.context.extend(
                    SpeakerMention(speaker_objects[sid], day, ids[i])
                    for sid in res.mention_speaker[mention_start : mention_start + count]
                )
            mention_start += count
        return finished

    def _day(self, n: int) -> date | None:
        d = self._days.get(n)
        if d is None and n != NO_DAY:
            d = self._days[n] = day_from_number(n)
        return d

    def column(self, name: str, dtype: Any) -> np.ndarray:
        parts = self.quote_columns[name]
        return np.concatenate(parts).astype(dtype, copy=False) if parts else np.zeros(0, dtype=dtype)

    @staticmethod
    def joined(parts: list[np.ndarray], dtype: Any) -> np.ndarray:
        return np.concatenate(parts).astype(dtype, copy=False) if parts else np.zeros(0, dtype=dtype)


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
    engine_cls = engine_class(settings.engine)
    tasks = plan_tasks(files, TASK_BYTES)
    timings = summary.timings

    with GenerationWriter(Path(settings.path), keep=settings.keep_generations) as writer:
        merger = _Merger(writer, summary)
        bar = tqdm(total=len(files), unit="file", disable=not show, file=sys.stderr, desc="indexing")
        # Merging makes millions of small objects and no cycles: the cyclic GC would
        # only rescan them again and again.
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            for result in _results(tasks, workers, tokenizer.settings(), default_tz):
                bar.update(merger.add(result))
        finally:
            if gc_was_enabled:
                gc.enable()
        bar.close()
        timings["extract"] = time.perf_counter() - started
        if not merger.n_articles:
            raise SourceError(
                f"no usable article in {len(files)} file(s); the current index is unchanged"
                + (f" (first problem: {summary.skipped[0][0]}: {summary.skipped[0][1]})" if summary.skipped else "")
            )
        if show:
            log("merging speakers and writing the BM25 indexes ...")
        t = time.perf_counter()
        speakers, speaker_ids = build_directory(merger.mentions, merger.context)
        merger.mentions = []
        merger.context = []
        timings["directory"] = time.perf_counter() - t

        t = time.perf_counter()
        quote_speaker = np.asarray(speaker_ids, dtype=np.int32)
        del speaker_ids
        keys = merger.column("key", np.int64)
        # Group ids numbered in order of first occurrence.
        _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        number = np.empty(len(first), dtype=np.int32)
        number[np.argsort(first, kind="stable")] = np.arange(len(first), dtype=np.int32)
        quote_group = number[inverse.ravel()] if len(keys) else np.zeros(0, dtype=np.int32)
        # Quotes of each speaker, as one CSR-style pair of arrays.
        order = np.argsort(quote_speaker, kind="stable")
        sorted_speakers = quote_speaker[order]
        valid = sorted_speakers >= 0
        offsets = np.searchsorted(sorted_speakers[valid], np.arange(len(speakers) + 1)).astype(np.int64)
        quote_direct = merger.column("direct", np.bool_)
        writer.write_json("speakers", [speaker_to_json(s) for s in speakers])
        writer.write_array("quote_speaker", quote_speaker)
        writer.write_array("quote_day", merger.column("day", np.int32))
        writer.write_array("quote_passage", merger.column("passage", np.int32))
        writer.write_array("quote_direct", quote_direct)
        writer.write_array("quote_quality", merger.column("quality", np.float32))
        writer.write_array("quote_group", quote_group)
        writer.write_array("passage_article", merger.joined(merger.passage_article, np.int32))
        writer.write_array("article_first_passage", merger.joined(merger.article_first_passage, np.int32))
        writer.write_array("quote_rank", merger.column("rank", np.int16))
        writer.write_array("speaker_quotes", order[valid].astype(np.int32))
        writer.write_array("speaker_quotes_offsets", offsets)
        timings["arrays"] = time.perf_counter() - t

        t = time.perf_counter()
        quote_engine = engine_cls.build_encoded(merger.quote_corpus.finish())
        quote_engine.save(writer.subdir("bm25-quotes"))
        passage_engine = engine_cls.build_encoded(merger.passage_corpus.finish())
        passage_engine.save(writer.subdir("bm25-passages"))
        if isinstance(quote_engine, Bm25sEngine) and isinstance(passage_engine, Bm25sEngine):
            save_quote_text_engine(
                quote_engine, passage_engine, merger.column("passage", np.int32), writer.subdir("bm25-text")
            )
        del quote_engine, passage_engine
        timings["bm25"] = time.perf_counter() - t
        summary.articles = merger.n_articles
        summary.passages = merger.n_passages
        summary.quotes = merger.n_quotes
        summary.direct_quotes = int(quote_direct.sum())
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
                "timings": {k: round(v, 2) for k, v in timings.items()},
                "workers": workers,
                "tasks": len(tasks),
            }
        )
    summary.generation = generation.id
    return summary
