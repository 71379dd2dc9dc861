"""The records that flow through quotedesk, defined once.

Article -> Passage* and Quote* (each Quote carries a SpeakerRef) -> Speaker
(directory entries) -> Query -> Answer.  Everything here is plain data:
no I/O, no Telegram, no search logic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

QuoteKind = Literal["direct", "indirect"]
SpeakerKind = Literal["person", "body", "unknown"]
# How the speaker of a quote was found in the text.
MentionKind = Literal[
    "name",  # a full or partial proper name next to the cue ("Al-Muhanna said")
    "surname",  # a surname that resolved to a full name mentioned earlier
    "pronoun",  # he / she / they resolved to an earlier speaker
    "nominal",  # "the spokesman", "the ministry", "the latter"
    "body",  # an organisation speaking ("the ministry said in a statement")
    "headline",  # "Spokesman: ..." headline attribution
    "unknown",
]
QuestionKind = Literal["speaker", "speaker+topic", "topic", "who-said", "latest", "empty"]


@dataclass(slots=True)
class Article:
    """One news article with its body normalised to paragraphs joined by a blank line.

    `body` is what quote and passage offsets index into.  `published` is
    timezone-aware when known.
    """

    id: str
    title: str
    body: str
    published: datetime | None = None
    source: str | None = None
    dateline: str | None = None
    url: str | None = None
    path: str | None = None

    @property
    def day(self) -> date | None:
        return self.published.date() if self.published else None


@dataclass(slots=True)
class Passage:
    """A paragraph, or a sentence-aligned piece of a long one: body[start:end] == text."""

    article_id: str
    position: int  # 0-based order within the article
    start: int
    end: int
    text: str


@dataclass(slots=True)
class SpeakerRef:
    """Who said a quote, as resolved inside one article.

    `name` is the fullest proper name known for the speaker (a person's
    name, or a body's name when a body speaks); `mention` is the text the
    attribution was resolved from ("He", "the spokesman", "Al-Muhanna").
    An unresolved speaker keeps name=None and a low confidence: never a guess.
    """

    name: str | None = None
    role: str | None = None  # "spokesman for the Ministry of Interior"
    organization: str | None = None  # "Ministry of Interior"
    title: str | None = None  # rank or honorific: "Major General", "Dr.", "Sheikh"
    kind: SpeakerKind = "unknown"
    mention: str | None = None
    mention_kind: MentionKind = "unknown"
    confidence: float = 0.0
    # how the article credits the speaker, in its own words ("Sen. Ted Cruz",
    # "Saad Maan, spokesman for the Ministry of Interior"); None when unnamed
    credit: str | None = None

    @property
    def display(self) -> str:
        """The name, or the role when the speaker is unnamed."""
        if self.name:
            return self.name
        parts = [p for p in (self.role, self.organization) if p]
        return " ".join(parts) if parts else (self.mention or "unknown speaker")


@dataclass(slots=True)
class Quote:
    """A direct or indirect quote: body[start:end] == text."""

    article_id: str
    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: SpeakerRef
    cue: str | None = None  # the reporting verb or phrase: "said", "pointed out", ":"
    passage_position: int = -1  # the passage holding `start`


@dataclass(slots=True)
class RoleSpell:
    """A role a speaker was seen holding, with the first and last day it was seen."""

    role: str
    organization: str | None
    first_seen: date | None
    last_seen: date | None
    count: int = 1


@dataclass(slots=True)
class Speaker:
    """One real person or body across the archive (a directory entry)."""

    id: int
    name: str
    kind: SpeakerKind
    spellings: list[str] = field(default_factory=list)
    roles: list[RoleSpell] = field(default_factory=list)
    organization: str | None = None
    title: str | None = None
    quote_count: int = 0
    first_seen: date | None = None
    last_seen: date | None = None

    def role_on(self, day: date | None) -> RoleSpell | None:
        """The role this speaker held nearest to `day` (the latest one when day is None)."""
        if not self.roles:
            return None
        if day is None:
            return max(self.roles, key=lambda r: (r.last_seen or date.min, r.count))

        def distance(r: RoleSpell) -> int:
            if r.first_seen and r.last_seen and r.first_seen <= day <= r.last_seen:
                return 0
            ends = [d for d in (r.first_seen, r.last_seen) if d]
            return min(abs((day - d).days) for d in ends) if ends else 10**6

        return min(self.roles, key=lambda r: (distance(r), -r.count))


@dataclass(slots=True)
class SpeakerCandidate:
    """A directory speaker a question may be about, with how well it matched."""

    speaker_id: int
    name: str
    score: float  # 0..100
    matched: str  # the words of the question that matched
    via: Literal["name", "role"]


@dataclass(slots=True)
class Query:
    """What a plain-language question was understood to ask."""

    text: str
    kind: QuestionKind
    speakers: list[SpeakerCandidate] = field(default_factory=list)
    role_text: str | None = None  # "interior ministry spokesman" when asked by role
    topic_terms: list[str] = field(default_factory=list)
    phrase: str | None = None  # who-said: the words to find inside quotes
    date_from: date | None = None  # inclusive
    date_to: date | None = None  # inclusive
    date_text: str | None = None
    suggestions: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ArticleRef:
    id: str
    title: str
    url: str | None
    source: str | None
    published: datetime | None = None


@dataclass(slots=True)
class Answer:
    """One quote answering a question, with everything needed to show it."""

    quote: str
    kind: QuoteKind
    speaker: SpeakerRef
    speaker_id: int | None
    day: date | None
    article: ArticleRef
    passage: str
    score: float
    quote_id: int = -1
    also_in: list[ArticleRef] = field(default_factory=list)  # folded near-duplicates
