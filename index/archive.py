"""A loaded index generation: everything a question needs, memory-mapped where it can be.

Opening is cheap (arrays are mapped, records decoded one at a time on demand);
the speaker lookups are built once from the directory.  An `Archive` never
changes after it is opened, so any number of threads may search it at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from index.directory import speaker_from_json
from index.engines import BM25Engine, engine_class
from index.errors import IndexCorrupt
from index.models import ArticleRef, Passage, Quote, Speaker, SpeakerRef
from index.speaker_match import SpeakerIndex
from index.store import Generation, open_generation
from index.tokenize import Tokenizer

EPOCH = date(1970, 1, 1)
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
            self.quote_speaker = generation.array("quote_speaker")
            self.quote_day = generation.array("quote_day")
            self.quote_passage = generation.array("quote_passage")
            self.quote_direct = generation.array("quote_direct")
            self.quote_quality = generation.array("quote_quality")
            self.quote_group = generation.array("quote_group")
            self.quote_rank = generation.array("quote_rank")
            self.article_first_passage = generation.array("article_first_passage")
            self.speaker_quotes_offsets = generation.array("speaker_quotes_offsets")
            self.speaker_quotes = generation.array("speaker_quotes")
            self._articles = generation.records("articles")
            self._passages = generation.records("passages")
            self._quotes = generation.records("quotes")
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

    def article(self, i: int) -> ArticleRef:
        d = self._articles[i]
        published = datetime.fromisoformat(d["published"]) if d.get("published") else None
        return ArticleRef(d["id"], d["title"], d.get("url"), d.get("source"), published)

    def passage(self, i: int) -> Passage:
        d = self._passages[i]
        return Passage(self._articles[d["a"]]["id"], d["n"], d["s"], d["e"], d["t"])

    def lead_passage(self, article_index: int) -> Passage:
        """The article's first passage: in news, the one that says what it is about."""
        return self.passage(int(self.article_first_passage[article_index]))

    def stored_quote(self, i: int) -> StoredQuote:
        d = self._quotes[i]
        art_id = self._articles[d["a"]]["id"]
        q = Quote(
            article_id=art_id,
            start=d["s"],
            end=d["e"],
            text=d["t"],
            kind=d["k"],
            speaker=speaker_ref_from_json(d.get("sp") or {}),
            cue=d.get("cue"),
            passage_position=self._passages[d["p"]]["n"],
        )
        return StoredQuote(q, d["a"], d["p"], int(self.quote_speaker[i]))

    def quote_day_of(self, i: int) -> date | None:
        return day_from_number(int(self.quote_day[i]))
