"""The conversation core: text in, structured replies out, no transport.

Telegram handlers and the console chat both call `QuoteDesk`; rendering to
HTML or plain text is `bot.render`'s job.  Replies are lists of blocks (a
heading, an answer, a speaker card ...) so a renderer can pack them into
messages without ever cutting one in half.  Buttons carry their callback data
(`bot.callbacks`), so a press is answered from the data alone.

Every public method reads the archive once and works on that object, so a
hot reload in the middle of a request never mixes two index generations.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from bot import callbacks
from index.archive import Archive
from index.config import SearchSettings
from index.models import Answer, Query, Speaker, SpeakerCandidate
from index.question import MAX_QUESTION_CHARS
from index.search import answer_question, build_answer, search

EXPIRED = "This search has expired: the archive was updated since. Please ask again."


@dataclass(frozen=True, slots=True)
class Heading:
    text: str


@dataclass(frozen=True, slots=True)
class Note:
    text: str


@dataclass(frozen=True, slots=True)
class NothingFound:
    """No answer: what was not found, and the speakers or roles the archive does know."""

    text: str
    suggestions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AnswerBlock:
    number: int  # 1-based position in the whole result list; 0 = unnumbered
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


Block = Heading | Note | NothingFound | AnswerBlock | SpeakerLine | SpeakerCard | PassageBlock


@dataclass(frozen=True, slots=True)
class Button:
    label: str
    data: str  # callback data (bot.callbacks), at most 64 bytes


@dataclass(slots=True)
class Reply:
    blocks: list[Block] = field(default_factory=list)
    # Rows shown under the whole reply (More, "did you mean" speakers).
    buttons: list[list[Button]] = field(default_factory=list)
    # Buttons belonging to one block (Context for the quotes in it), by block index.
    block_buttons: dict[int, list[Button]] = field(default_factory=dict)
    query: Query | None = None
    total: int = 0  # answers available in all, for paging
    generation: str = ""  # id of the index generation that answered
    expired: bool = False  # a button from an older generation was pressed

    @property
    def found(self) -> bool:
        return any(isinstance(b, (AnswerBlock, SpeakerCard, PassageBlock)) for b in self.blocks)

    @property
    def answers(self) -> list[Answer]:
        out: list[Answer] = []
        for b in self.blocks:
            if isinstance(b, AnswerBlock):
                out.append(b.answer)
            elif isinstance(b, SpeakerCard):
                out.extend(b.recent)
        return out

    def button(self, kind: str) -> Button | None:
        """The first button of a kind ("more", "latest", ...) anywhere in the reply."""
        rows = [*self.buttons, *self.block_buttons.values()]
        for row in rows:
            for b in row:
                try:
                    if callbacks.decode(b.data).kind == kind:
                        return b
                except callbacks.BadCallbackData:
                    continue
        return None


def _surname(name: str) -> str:
    return name.split()[-1] if name else name


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


class QuoteDesk:
    """Answers questions and commands over whichever archive `archive()` returns."""

    def __init__(
        self,
        archive: Callable[[], Archive],
        *,
        settings: SearchSettings | None = None,
        page_size: int | None = None,
        today: Callable[[], date] | None = None,
        max_question_chars: int = MAX_QUESTION_CHARS,
    ) -> None:
        self._archive = archive
        self.settings = settings or SearchSettings()
        self.page_size = page_size or self.settings.top_k
        self.max_question_chars = min(max_question_chars, MAX_QUESTION_CHARS)
        self._today = today or date.today

    @property
    def generation(self) -> str:
        """Id of the index generation currently loaded."""
        return self._archive().id

    # -- questions --------------------------------------------------------------

    def too_long(self, text: str) -> Reply | None:
        """The polite refusal for a message too long to be a question, or None."""
        n = len(text.strip())
        if n <= self.max_question_chars:
            return None
        return Reply(
            [Note(f"That message is too long to be a question ({n:,} characters). "
                  f"Please ask in under {self.max_question_chars:,} characters, "
                  "e.g. “what did the interior ministry spokesman say”.")]
        )

    def ask(self, question: str, *, offset: int = 0, limit: int | None = None) -> Reply:
        """The best quotes for a question, one page of them, with a More button if there are more."""
        return self._ask(self._archive(), question, offset=offset, limit=limit)

    def page(self, question: str, *, offset: int, generation: str, question_hash: str = "") -> Reply:
        """A further page of a question answered earlier (a More press); expired after a rebuild."""
        archive = self._archive()
        if not callbacks.same_generation(generation, archive.id) or (
            question_hash and callbacks.question_hash(question) != question_hash
        ):
            return Reply([Note(EXPIRED)], generation=archive.id, expired=True)
        return self._ask(archive, question, offset=offset)

    def _ask(self, archive: Archive, question: str, *, offset: int = 0, limit: int | None = None) -> Reply:
        question = question.strip()
        if not question:
            return Reply([Note("Ask me about a statement, e.g. “what did the interior ministry spokesman say”.")],
                         generation=archive.id)
        refusal = self.too_long(question)
        if refusal:
            refusal.generation = archive.id
            return refusal
        k = limit or self.page_size
        result = answer_question(
            archive, question, k=k, offset=offset, today=self._today(), settings=self.settings
        )
        reply = Reply(query=result.query, total=result.total, generation=archive.id)
        if not result.answers:
            if offset:
                reply.blocks.append(Note("No more quotes for this question."))
                return reply
            text = self._nothing_found(result.query, offset)
            suggestions = tuple(result.query.suggestions)
            reply.blocks.append(NothingFound(text, suggestions))
            self._suggestion_buttons(archive, reply, suggestions)
            return reply
        shown = offset + len(result.answers)
        reply.blocks.append(Heading(self._summary(result.query, offset, shown, result.total)))
        if offset == 0:
            heading = self._heading(result.query, result.answers)
            if heading:
                reply.blocks.append(Note(heading))
        for n, a in enumerate(result.answers, offset + 1):
            self._add_answer(reply, archive, AnswerBlock(n, a))
        if shown < result.total:
            more = callbacks.more(archive.id, shown, question).encode()
            reply.buttons.append([Button(f"More ({result.total - shown}) ›", more)])
        return reply

    def _add_answer(self, reply: Reply, archive: Archive, block: AnswerBlock | SpeakerCard) -> None:
        reply.blocks.append(block)
        answers = [block.answer] if isinstance(block, AnswerBlock) else list(block.recent)
        numbers = [block.number] if isinstance(block, AnswerBlock) else list(range(1, len(answers) + 1))
        buttons = [
            Button(f"Context {n}" if n else "Context", callbacks.context(archive.id, a.quote_id).encode())
            for n, a in zip(numbers, answers, strict=True)
            if a.quote_id >= 0
        ]
        if buttons:
            reply.block_buttons[len(reply.blocks) - 1] = buttons

    def _suggestion_buttons(self, archive: Archive, reply: Reply, suggestions: tuple[str, ...]) -> None:
        by_name = archive.speaker_index.ids_by_name
        row: list[Button] = []
        for text in suggestions:
            sid = by_name.get(text) if text in by_name else by_name.get(text.split(", ", 1)[0])
            if sid is None or any(b.label.endswith(archive.speakers[sid].name) for b in row):
                continue
            row.append(Button(f"🔎 {archive.speakers[sid].name}", callbacks.speaker(archive.id, sid).encode()))
        for i in range(0, len(row), 2):
            reply.buttons.append(row[i : i + 2])

    def _summary(self, q: Query, offset: int, shown: int, total: int) -> str:
        """One line saying what was understood and how much was found."""
        parts: list[str] = []
        if q.kind == "who-said" and q.phrase:
            parts.append(f"Who said “{q.phrase}”")
        elif q.speakers:
            top = q.speakers[0]
            if top.via == "role" and (top.matched or q.role_text):
                role = top.matched or q.role_text or ""
                parts.append(role[:1].upper() + role[1:])
            else:
                parts.append(top.name)
        if q.kind in ("topic", "speaker+topic") and q.topic_terms:
            parts.append("about " + " ".join(q.topic_terms))
        if q.kind == "latest":
            parts.append("latest")
        if q.date_text:
            parts.append(q.date_text)
        what = " · ".join(parts) if parts else "Quotes"
        if offset:
            return f"{what} — {offset + 1}–{shown} of {total:,}"
        return f"{what} — {_plural(total, 'quote')}"

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
        return Reply(blocks, generation=archive.id)

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
            sugg = tuple(archive.speaker_index.suggestions(text))
            reply = Reply([NothingFound(f"No speaker matches “{text.strip()}”.", sugg)], generation=archive.id)
            self._suggestion_buttons(archive, reply, sugg)
            return reply
        title = f"Speakers matching “{text.strip()}”" if wanted else "Speakers in the archive"
        blocks: list[Block] = [Heading(f"{title} ({len(found)})")]
        blocks += [SpeakerLine(s) for s in found[:40]]
        if len(found) > 40:
            blocks.append(Note(f"… and {len(found) - 40} more; add a filter, e.g. /speakers spokesman"))
        return Reply(blocks, generation=archive.id)

    def speaker(self, name: str) -> Reply:
        """One speaker: roles over time, spellings and recent quotes."""
        archive = self._archive()
        if not name.strip():
            return Reply([Note("Usage: /speaker NAME, e.g. /speaker " + self._example_name(archive))],
                         generation=archive.id)
        result = answer_question(archive, f"what did {name} say", k=3, today=self._today(), settings=self.settings)
        if not result.query.speakers:
            sugg = tuple(archive.speaker_index.suggestions(name))
            reply = Reply([NothingFound(f"I don't know a speaker called “{name.strip()}”.", sugg)],
                          generation=archive.id)
            self._suggestion_buttons(archive, reply, sugg)
            return reply
        return self._card(archive, result.query.speakers[0].speaker_id)

    def speaker_card(self, speaker_id: int, generation: str) -> Reply:
        """A speaker's card from a button press (a "did you mean" suggestion)."""
        archive = self._archive()
        if not callbacks.same_generation(generation, archive.id) or not 0 <= speaker_id < len(archive.speakers):
            return Reply([Note(EXPIRED)], generation=archive.id, expired=True)
        return self._card(archive, speaker_id)

    def _card(self, archive: Archive, speaker_id: int) -> Reply:
        speaker = archive.speakers[speaker_id]
        # The search's own "latest from X" ranking: newest first, fragments and
        # the same statement carried by several articles kept out.
        query = Query(
            text=speaker.name,
            kind="latest",
            speakers=[SpeakerCandidate(speaker_id, speaker.name, 100.0, speaker.name, "name")],
        )
        recent = search(archive, query, k=3, settings=self.settings).answers
        reply = Reply(generation=archive.id)
        self._add_answer(reply, archive, SpeakerCard(speaker, tuple(recent)))
        return reply

    def _example_name(self, archive: Archive) -> str:
        people = [s for s in archive.speakers if s.kind == "person"]
        return _surname(people[0].name) if people else "Al-Muhanna"

    def latest(self, offset: int = 0, generation: str | None = None) -> Reply:
        """The newest quotes in the archive, a page at a time."""
        archive = self._archive()
        if generation is not None and not callbacks.same_generation(generation, archive.id):
            return Reply([Note(EXPIRED)], generation=archive.id, expired=True)
        order = archive.quote_day.argsort(kind="stable")[::-1]
        reply = Reply(generation=archive.id)
        reply.blocks.append(Heading("Latest quotes" if not offset else f"Latest quotes, from {offset + 1}"))
        seen_groups: set[int] = set()
        n = 0
        more = False
        for qi in order.tolist():
            group = int(archive.quote_group[qi])
            if group in seen_groups or archive.quote_speaker[qi] < 0:
                continue
            seen_groups.add(group)
            n += 1
            if n <= offset:
                continue
            if n > offset + self.page_size:
                more = True
                break
            self._add_answer(reply, archive, AnswerBlock(n, build_answer(archive, int(qi))))
        if n <= offset:
            return Reply([Note("The archive holds no attributed quotes yet." if not offset
                               else "No more quotes.")], generation=archive.id)
        if more:
            shown = offset + self.page_size
            reply.buttons.append([Button("More ›", callbacks.latest(archive.id, shown).encode())])
        return reply

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
            f"Generation: {archive.id}",
        ]
        return Reply([Heading("Archive"), Note("\n".join(lines))], generation=archive.id)

    def context(self, quote_id: int, generation: str) -> Reply:
        """The passage around a quote, if the index it came from is still loaded."""
        archive = self._archive()
        if not callbacks.same_generation(generation, archive.id) or not 0 <= quote_id < archive.n_quotes:
            return Reply([Note(EXPIRED)], generation=archive.id, expired=True)
        return Reply([PassageBlock(build_answer(archive, quote_id))], generation=archive.id)

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
