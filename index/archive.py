"""A loaded index generation: everything a question needs, memory-mapped where it can be.

Opening is cheap (arrays are mapped, records decoded one at a time on demand);
the speaker lookups are built once from the directory.  An `Archive` never
changes after it is opened, so any number of threads may search it at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from index.directory import speaker_from_json
from index.engines import BM25Engine, engine_class
from index.engines.bm25s_engine import Bm25sEngine
from index.errors import IndexCorrupt
from index.models import ArticleRef, Passage, Quote, Speaker, SpeakerRef
from index.speaker_match import SpeakerIndex
from index.store import Generation, open_generation
from index.text_matrix import load_quote_text_engine
from index.tokenize import Tokenizer

EPOCH = date(1970, 1, 1)
# Decoded records an Archive keeps (see Archive.__init__): ~1 KB each.
ARTICLE_CACHE = 4096
PASSAGE_CACHE = 4096
NO_DAY = np.iinfo(np.int32).min  # a quote whose article has no date


def day_number(d: date | None) -> int:
    return NO_DAY if d is None else (d - EPOCH).days


def day_from_number(n: int) -> date | None:
    return None if n == NO_DAY else EPOCH + timedelta(days=int(n))


def speaker_ref_to_json(sp: SpeakerRef) -> dict[str, Any]:
    return {
        k: v
        for k, v in (
            ("name", sp.name),
            ("role", sp.role),
            ("organization", sp.organization),
            ("title", sp.title),
            ("kind", sp.kind),
            ("mention", sp.mention),
            ("mention_kind", sp.mention_kind),
            ("confidence", round(sp.confidence, 3)),
        )
        if v is not None
    }


def speaker_ref_from_json(d: dict[str, Any]) -> SpeakerRef:
    return SpeakerRef(
        name=d.get("name"),
        role=d.get("role"),
        organization=d.get("organization"),
        title=d.get("title"),
        kind=d.get("kind", "unknown"),
        mention=d.get("mention"),
        mention_kind=d.get("mention_kind", "unknown"),
        confidence=float(d.get("confidence", 0.0)),
    )


@dataclass(slots=True)
class StoredQuote:
    """A quote as stored in a generation, with its article and passage indices."""

    quote: Quote
    article_index: int
    passage_index: int
    speaker_id: int


class Archive:
    """Read-only view of one index generation."""

    def __init__(self, generation: Generation) -> None:
        self.generation = generation
        self.manifest: dict[str, Any] = generation.manifest
        try:
            self.tokenizer = Tokenizer.from_settings(self.manifest["tokenizer"])
            engine_cls = engine_class(self.manifest["engine"])
            self.quote_engine: BM25Engine = engine_cls.load(generation.subdir("bm25-quotes"))
            self.passage_engine: BM25Engine = engine_cls.load(generation.subdir("bm25-passages"))
            # The two engines' sums folded into one matrix at build, when there is one.
            self.text_engine: Bm25sEngine | None = load_quote_text_engine(
                generation.path / "bm25-text", self.quote_engine.n_docs
            )
            # Plain ndarray views of the memory maps: indexing an np.memmap goes through
            # a Python-level __getitem__ (~3x the cost of a scalar read).
            array = generation.array
            self.quote_speaker = np.asarray(array("quote_speaker"))
            self.quote_day = np.asarray(array("quote_day"))
            self.quote_passage = np.asarray(array("quote_passage"))
            self.quote_direct = np.asarray(array("quote_direct"))
            self.quote_quality = np.asarray(array("quote_quality"))
            self.quote_group = np.asarray(array("quote_group"))
            self.quote_rank = np.asarray(array("quote_rank"))
            self.article_first_passage = np.asarray(array("article_first_passage"))
            self.passage_article = np.asarray(array("passage_article"))
            self.speaker_quotes_offsets = np.asarray(array("speaker_quotes_offsets"))
            self.speaker_quotes = np.asarray(array("speaker_quotes"))
            self._articles = generation.records("articles")
            self._passages = generation.records("passages")
            self._quotes = generation.records("quotes")
            # One question looks at up to a few hundred candidate quotes, which come
            # from far fewer articles; each answer needs its article (id, title, date)
            # and its passage, and the topic check the article's lead passage.  Small
            # caches of decoded records make those repeats free.  They hold records,
            # never answers, and are bounded (a few MB).
            self._article_record = lru_cache(maxsize=ARTICLE_CACHE)(self._articles.__getitem__)
            self._passage_record = lru_cache(maxsize=PASSAGE_CACHE)(self._passages.__getitem__)
            self.speakers: list[Speaker] = [speaker_from_json(d) for d in generation.json("speakers")]
        except (KeyError, ValueError, OSError) as exc:
            raise IndexCorrupt(
                f"index generation {generation.path} is incomplete ({exc}); rebuild it with: python -m index build"
            ) from None
        days = self.quote_day[self.quote_day != NO_DAY]
        self.newest_day = day_from_number(int(days.max())) if len(days) else None
        self.oldest_day = day_from_number(int(days.min())) if len(days) else None

    @classmethod
    def open(cls, index_dir: str | Path) -> Archive:
        return cls(open_generation(Path(index_dir)))

    @property
    def id(self) -> str:
        return str(self.manifest.get("generation", self.generation.path.name))

    @cached_property
    def speaker_index(self) -> SpeakerIndex:
        return SpeakerIndex(self.speakers)

    @property
    def n_quotes(self) -> int:
        return len(self.quote_speaker)

    def quotes_of(self, speaker_id: int) -> np.ndarray:
        """Indices of the quotes attributed to one directory speaker."""
        a, b = self.speaker_quotes_offsets[speaker_id], self.speaker_quotes_offsets[speaker_id + 1]
        return np.asarray(self.speaker_quotes[a:b])

    def articles_of(self, quote_ids: np.ndarray) -> np.ndarray:
        """The article index of each quote (vectorised, from the arrays alone)."""
        return self.passage_article[self.quote_passage[quote_ids]]

    def lead_passages_of(self, quote_ids: np.ndarray) -> np.ndarray:
        """The passage index of each quote's article's lead (first) passage."""
        return self.article_first_passage[self.articles_of(quote_ids)]

    def quote_text(self, i: int) -> str:
        """A quote's words (one record read, nothing else decoded)."""
        return str(self._quotes[i]["t"])

    def article(self, i: int) -> ArticleRef:
        d = self._article_record(int(i))
        published = datetime.fromisoformat(d["published"]) if d.get("published") else None
        return ArticleRef(d["id"], d["title"], d.get("url"), d.get("source"), published)

    def passage(self, i: int) -> Passage:
        d = self._passage_record(int(i))
        return Passage(self._article_record(d["a"])["id"], d["n"], d["s"], d["e"], d["t"])

    def lead_passage(self, article_index: int) -> Passage:
        """The article's first passage: in news, the one that says what it is about."""
        return self.passage(int(self.article_first_passage[article_index]))

    def stored_quote(self, i: int) -> StoredQuote:
        d = self._quotes[i]
        a, p = d["a"], d["p"]
        q = Quote(
            article_id=self._article_record(a)["id"],
            start=d["s"],
            end=d["e"],
            text=d["t"],
            kind=d["k"],
            speaker=speaker_ref_from_json(d.get("sp") or {}),
            cue=d.get("cue"),
            # passages of an article are stored in order: position = index - first index
            passage_position=p - int(self.article_first_passage[a]),
        )
        return StoredQuote(q, a, p, int(self.quote_speaker[i]))

    def quote_day_of(self, i: int) -> date | None:
        return day_from_number(int(self.quote_day[i]))
