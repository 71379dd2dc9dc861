"""The conversation core: text in, structured replies out, no transport.

Telegram handlers and the console chat both call `QuoteDesk`; rendering to
HTML or plain text is `bot.render`'s job.  Replies are lists of blocks (a
heading, an answer, a speaker card ...) so a renderer can pack them into
messages without ever cutting one in half.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from index.archive import Archive
from index.config import SearchSettings
from index.models import Answer, Query, Speaker
from index.question import MAX_QUESTION_CHARS
from index.search import answer_question, build_answer

@dataclass(frozen=True, slots=True)
class Heading:
    text: str


@dataclass(frozen=True, slots=True)
class Note:
    text: str


@dataclass(frozen=True, slots=True)
class AnswerBlock:
    number: int
    answer: Answer


@dataclass(frozen=True, slots=True)
class SpeakerLine:
    speaker: Speaker


@dataclass(frozen=True, slots=True)
class SpeakerCard:
    speaker: Speaker
    recent: tuple[Answer, ...]


@dataclass(frozen=True, slots=True)
class PassageBlock:
    answer: Answer  # the quote; its passage is shown with the quote marked


Block = Heading | Note | AnswerBlock | SpeakerLine | SpeakerCard | PassageBlock


@dataclass(frozen=True, slots=True)
class Button:
    label: str
    data: str  # callback data, at most 64 bytes (checked by the transport)


@dataclass(slots=True)
class Reply:
    blocks: list[Block] = field(default_factory=list)
    buttons: list[list[Button]] = field(default_factory=list)
    query: Query | None = None
    total: int = 0  # answers available in all, for paging

    @property
    def found(self) -> bool:
        return any(isinstance(b, AnswerBlock) for b in self.blocks)


def _surname(name: str) -> str:
    return name.split()[-1] if name else name


class QuoteDesk:
    """Answers questions and commands over whichever archive `archive()` returns."""

    def __init__(
        self,
        archive: Callable[[], Archive],
        *,
        settings: SearchSettings | None = None,
        page_size: int | None = None,
        today: Callable[[], date] | None = None,
    ) -> None:
        self._archive = archive
        self.settings = settings or SearchSettings()
        self.page_size = page_size or self.settings.top_k
        self._today = today or date.today

    # -- questions --------------------------------------------------------------

    def ask(self, question: str, *, offset: int = 0) -> Reply:
        """The best quotes for a question, one page of them, with a More button if there are more."""
        question = question.strip()
        if not question:
            return Reply([Note("Ask me about a statement, e.g. “what did the interior ministry spokesman say”.")])
        if len(question) > MAX_QUESTION_CHARS:
            return Reply(
                [Note(f"That message is too long to be a question ({len(question):,} characters). "
                      f"Please ask in under {MAX_QUESTION_CHARS} characters.")]
            )
        archive = self._archive()
        result = answer_question(
            archive, question, k=self.page_size, offset=offset, today=self._today(), settings=self.settings
        )
        reply = Reply(query=result.query, total=result.total)
        if not result.answers:
            reply.blocks.append(Note(self._nothing_found(result.query, offset)))
            return reply
        if offset == 0:
            heading = self._heading(result.query, result.answers)
            if heading:
                reply.blocks.append(Heading(heading))
        for n, a in enumerate(result.answers, offset + 1):
            reply.blocks.append(AnswerBlock(n, a))
        shown = offset + len(result.answers)
        if shown < result.total:
            reply.buttons.append([Button(f"More ({result.total - shown})", f"more:{shown}")])
        return reply

    def _nothing_found(self, q: Query, offset: int) -> str:
        if offset:
            return "No more quotes for this question."
        if q.kind == "empty":
            return "I could not find a question in that. Try “what did the interior ministry spokesman say”."
        parts = []
        if q.kind in ("speaker", "speaker+topic", "latest") and not q.speakers:
            parts.append(f"I don't know a speaker matching “{q.role_text or q.text}” in this archive.")
        elif q.speakers and q.topic_terms:
            parts.append(
                f"I found no quote by {q.speakers[0].name} about {' '.join(q.topic_terms)}"
                + (f" ({q.date_text})" if q.date_text else "")
                + "."
            )
        elif q.speakers:
            parts.append(f"I found no quote by {q.speakers[0].name}" + (f" {q.date_text}" if q.date_text else "") + ".")
        elif q.phrase:
            parts.append(f"Nobody in this archive is quoted saying “{q.phrase}”.")
        else:
            parts.append("I found no quote that answers this" + (f" ({q.date_text})" if q.date_text else "") + ".")
        if q.suggestions:
            parts.append("Did you mean: " + "; ".join(q.suggestions) + "?")
        return " ".join(parts)

    def _heading(self, q: Query, answers: list[Answer]) -> str | None:
        holders: list[str] = []
        for a in answers:
            name = a.speaker.name or a.speaker.display
            if name not in holders:
                holders.append(name)
        if q.speakers and q.speakers[0].via == "role" and len(holders) > 1:
            spans = []
            for h in holders:
                days = [a.day for a in answers if (a.speaker.name or a.speaker.display) == h and a.day]
                when = f" ({min(days).year}–{max(days).year})" if days and min(days).year != max(days).year else (
                    f" ({days[0].year})" if days else "")
                spans.append(h + when)
            return f"“{q.role_text}” was held by several people: " + ", ".join(spans) + "."
        return None

    # -- commands ---------------------------------------------------------------

    def help(self) -> Reply:
        """What to ask, with examples drawn from the loaded archive."""
        archive = self._archive()
        examples = self.examples(archive)
        blocks: list[Block] = [
            Heading("Ask me about statements in the news"),
            Note(
                "Write a question in plain language and I answer with verbatim quotes, "
                "the speaker's name and role, the date and the source article."
            ),
        ]
        if examples:
            blocks.append(Note("For example:\n" + "\n".join(f"• {e}" for e in examples)))
        blocks.append(
            Note(
                "Commands: /speakers [filter] — who is quoted; /speaker NAME — one speaker; "
                "/latest — newest quotes; /stats — the archive; /help — this text."
            )
        )
        return Reply(blocks)

    def examples(self, archive: Archive) -> list[str]:
        top = sorted(archive.speakers, key=lambda s: -s.quote_count)
        people = [s for s in top if s.kind == "person" and s.roles]
        out: list[str] = []
        if people:
            role = people[0].role_on(None)
            if role:
                out.append(f"what did the {role.role} say")
        if len(people) > 1:
            out.append(f"what did {_surname(people[1].name)} say")
        if archive.n_quotes:
            out.append(f"what was said about {self._common_topic(archive)}")
        if len(people) > 2 and archive.newest_day:
            out.append(f"what did {_surname(people[2].name)} say in {archive.newest_day.year}")
        return out

    def _common_topic(self, archive: Archive) -> str:
        words: Counter[str] = Counter()
        for i in range(min(archive.n_quotes, 200)):
            text = archive.stored_quote(i).quote.text
            words.update(w for w in re.findall(r"\b[A-Z][a-z]{4,}\b", text))
        return words.most_common(1)[0][0] if words else "security"

    def speakers(self, text: str = "") -> Reply:
        """The speaker directory, optionally filtered by name or role words."""
        archive = self._archive()
        wanted = text.strip().lower()
        found = [
            s
            for s in sorted(archive.speakers, key=lambda s: (-s.quote_count, s.name))
            if not wanted
            or wanted in s.name.lower()
            or any(wanted in sp.lower() for sp in s.spellings)
            or any(wanted in r.role.lower() for r in s.roles)
        ]
        if not found:
            sugg = archive.speaker_index.suggestions(text)
            msg = f"No speaker matches “{text}”." + (" Did you mean: " + "; ".join(sugg) + "?" if sugg else "")
            return Reply([Note(msg)])
        title = f"Speakers matching “{text}”" if wanted else "Speakers in the archive"
        blocks: list[Block] = [Heading(f"{title} ({len(found)})")]
        blocks += [SpeakerLine(s) for s in found[:40]]
        if len(found) > 40:
            blocks.append(Note(f"… and {len(found) - 40} more; add a filter, e.g. /speakers spokesman"))
        return Reply(blocks)

    def speaker(self, name: str) -> Reply:
        """One speaker: roles over time, spellings and recent quotes."""
        if not name.strip():
            return Reply([Note("Usage: /speaker NAME, e.g. /speaker " + self._example_name())])
        archive = self._archive()
        result = answer_question(archive, f"what did {name} say", k=3, today=self._today(), settings=self.settings)
        if not result.query.speakers:
            sugg = archive.speaker_index.suggestions(name)
            return Reply([Note(f"I don't know a speaker called “{name}”."
                               + (" Did you mean: " + "; ".join(sugg) + "?" if sugg else ""))])
        speaker = archive.speakers[result.query.speakers[0].speaker_id]
        latest = answer_question(
            archive, f"latest from {name}", k=3, today=self._today(), settings=self.settings
        ).answers
        return Reply([SpeakerCard(speaker, tuple(latest or result.answers))])

    def _example_name(self) -> str:
        archive = self._archive()
        people = [s for s in archive.speakers if s.kind == "person"]
        return _surname(people[0].name) if people else "Al-Muhanna"

    def latest(self) -> Reply:
        """The newest quotes in the archive."""
        archive = self._archive()
        order = archive.quote_day.argsort(kind="stable")[::-1]
        blocks: list[Block] = [Heading("Latest quotes")]
        seen_groups: set[int] = set()
        n = 0
        for qi in order.tolist():
            group = int(archive.quote_group[qi])
            if group in seen_groups or archive.quote_speaker[qi] < 0:
                continue
            seen_groups.add(group)
            n += 1
            blocks.append(AnswerBlock(n, build_answer(archive, int(qi))))
            if n >= self.page_size:
                break
        if n == 0:
            return Reply([Note("The archive holds no attributed quotes yet.")])
        return Reply(blocks)

    def stats(self) -> Reply:
        archive = self._archive()
        c = archive.manifest.get("counts", {})
        lines = [
            f"Articles: {c.get('articles', 0):,}",
            f"Passages: {c.get('passages', 0):,}",
            f"Quotes: {c.get('quotes', 0):,} ({c.get('direct_quotes', 0):,} direct)",
            f"Speakers: {c.get('speakers', 0):,}",
            f"Dates: {archive.oldest_day or '—'} to {archive.newest_day or '—'}",
            f"Index built: {archive.manifest.get('created', '?')} ({archive.manifest.get('build_seconds', '?')} s)",
        ]
        return Reply([Heading("Archive"), Note("\n".join(lines))])

    def context(self, quote_id: int, generation: str) -> Reply:
        """The passage around a quote, if the index it came from is still loaded."""
        archive = self._archive()
        if generation != archive.id[-len(generation):] or not 0 <= quote_id < archive.n_quotes:
            return Reply([Note("This search has expired (the archive was rebuilt). Please ask again.")])
        return Reply([PassageBlock(build_answer(archive, quote_id))])

    # -- dispatch ---------------------------------------------------------------

    def handle_text(self, text: str) -> Reply:
        """A line typed by a user: a /command or a question."""
        stripped = text.strip()
        if stripped.startswith("/"):
            command, _, rest = stripped[1:].partition(" ")
            command = command.split("@", 1)[0].lower()
            handler = {
                "start": lambda _: self.help(),
                "help": lambda _: self.help(),
                "speakers": self.speakers,
                "speaker": self.speaker,
                "latest": lambda _: self.latest(),
                "stats": lambda _: self.stats(),
            }.get(command)
            if handler is None:
                return Reply([Note(f"Unknown command /{command}. Try /help.")])
            return handler(rest)
        return self.ask(stripped)
