"""Article -> Quote*: direct and indirect quotes with their speakers resolved.

The pieces, one job each:

- `layout`    paragraphs, tokens and sentences of the body;
- `document`  the body analysed once: layout, quote spans, cues and mentions;
- `marks`     quotation marks -> quote spans (messy marks, multi-paragraph quotes);
- `cues`      reporting verbs and phrases;
- `mentions`  names with ranks, role phrases, bodies, pronouns; subjects of cues;
- `resolve`   the people and bodies of the article and what each mention refers to;
- `frames`    the cue and subject of each direct quote;
- `indirect`  reported clauses ("confirmed that ...", "according to ...");
- `headline`  the speaker a headline names ("Khalaf: ...");
- `nested`    quotes inside quotes.

`attribute_quotes` reads the article once, left to right, so that pronouns
("He added") and nominal references ("the spokesman") resolve to the speaker
the reader would pick at that point.
"""

from __future__ import annotations

from dataclasses import replace

from index.attribution.document import Document
from index.attribution.frames import Frame, direct_frame, frame_for_cue
from index.attribution.headline import headline_speaker
from index.attribution.indirect import Clause, find_clauses
from index.attribution.nested import nested_quotes
from index.attribution.resolve import Resolution, Resolver, build_registry
from index.models import Article, Quote

__all__ = ["attribute_quotes"]

_MIN_UNATTRIBUTED_WORDS = 4  # shorter unattributed quotes are scare quotes or titles


def attribute_quotes(article: Article) -> list[Quote]:
    """Every direct and indirect quote of the article, sorted by start.

    `article.body[q.start:q.end] == q.text` for each quote; the speaker is the
    fullest name the article gives (with rank, role and organisation), a body
    when a body speaks, or an unnamed speaker (name None, low confidence) when
    the article does not say who spoke.  Pure and deterministic.
    """
    return _Attributor(article).run()


class _Attributor:
    def __init__(self, article: Article) -> None:
        self.article = article
        self.doc = Document(article.body)
        self.registry = build_registry(self.doc.index)
        self.resolver = Resolver(self.registry, headline_speaker(article.title, self.registry))
        self.sentence_speaker: dict[int, tuple[Resolution, str]] = {}
        self.quotes: list[Quote] = []
        self.clause_until = -1  # end of the latest reported clause: no subjects inside it

    def run(self) -> list[Quote]:
        doc = self.doc
        frames = [direct_frame(doc, k) for k in range(len(doc.spans))]
        clauses = find_clauses(doc)
        events: list[tuple[int, int, int]] = []  # (position, order, index)
        for k, span in enumerate(doc.spans):
            f = frames[k]
            at = span.open
            if f is not None and f.subject is not None and doc.layout.starts[f.cue_tok] < at:
                at = doc.layout.starts[f.cue_tok]
            events.append((at, 1, k))
        for k, c in enumerate(clauses):
            events.append((c.cue.start, 0, k))
        # Salience only: subjects of reporting verbs that frame no quote, and people or
        # bodies opening a sentence, become the antecedents of later pronouns.
        used = {f.cue_tok for f in frames if f is not None} | {c.cue.first for c in clauses}
        for k, cue in enumerate(doc.cues):
            if not (cue.quoted or cue.passive or cue.form != "finite" or cue.first in used):
                events.append((cue.start, 2, k))
        lay = doc.layout
        for t in lay.sent_first:
            if not lay.quoted[t] and t in doc.index.by_first:
                events.append((lay.starts[t], 3, t))
        events.sort()
        previous: tuple[Resolution, str, int] | None = None  # last direct quote: who, cue, paragraph
        for pos, kind, k in events:
            if kind == 1:
                previous = self._direct(k, frames[k], previous)
            elif kind == 0:
                self._indirect(clauses[k])
                self.clause_until = max(self.clause_until, clauses[k].end)
            elif pos >= self.clause_until:
                self._salience(kind, k, pos)
        self.quotes.extend(nested_quotes(doc, self.quotes, self.resolver))
        self.quotes.sort(key=lambda q: (q.start, -q.end))
        return self.quotes

    # -- resolution --------------------------------------------------------------
    def _resolve(self, frame: Frame, pos: int) -> Resolution | None:
        sid = self.doc.layout.sent[frame.cue_tok]
        if frame.participle:
            known = self.sentence_speaker.get(sid)
            if known is not None:
                return known[0]
            # the sentence's own subject: "X, who ..., said A, adding B"
            lo = self.doc.sentence_start(frame.cue_tok)
            for t in range(frame.cue_tok - 1, max(lo, frame.cue_tok - 60) - 1, -1):
                cue = self.doc.cue_at.get(t)
                if cue is not None and not cue.quoted and cue.form == "finite":
                    f = frame_for_cue(self.doc, cue, lo)
                    if f is not None and f.subject is not None:
                        return self.resolver.group(f.subject, f.subject.start)
            return None
        if frame.subject is None:
            return None
        res = self.resolver.group(frame.subject, frame.subject.start)
        if res is not None:
            self.resolver.note(res.entity, pos, spoke=True)
            if frame.statement and res.entity is not None:
                self.resolver.statement_owner = res.entity
            self.sentence_speaker[sid] = (res, frame.cue)
        return res

    def _direct(self, k: int, frame: Frame | None,
                previous: tuple[Resolution, str, int] | None) -> tuple[Resolution, str, int] | None:
        doc = self.doc
        span = doc.spans[k]
        res: Resolution | None = None
        cue: str | None = None
        if span.continues and previous is not None:
            res, cue = previous[0], previous[1]
        elif frame is not None:
            res = self._resolve(frame, span.open)
            cue = frame.cue
            if res is not None and frame.participle:
                self.sentence_speaker[doc.layout.sent[frame.cue_tok]] = (res, frame.cue)
        if res is None and previous is not None:
            para = doc.layout.paragraphs[span.paragraph]
            alone = span.open == para[0] and span.after >= para[1]
            if previous[2] == span.paragraph:
                res, cue = replace(previous[0], confidence=min(previous[0].confidence, 0.6)), previous[1]
            elif alone and previous[2] == span.paragraph - 1:
                res, cue = replace(previous[0], confidence=min(previous[0].confidence, 0.5)), previous[1]
        text = doc.text[span.start:span.end]
        if res is None:
            if len(text.split()) < _MIN_UNATTRIBUTED_WORDS:
                return previous
            res = Resolution(None, "", "unknown", 0.1)
        else:
            self.sentence_speaker.setdefault(doc.layout.sent[doc.open_tok[k]], (res, cue or ""))
        self.quotes.append(Quote(self.article.id, span.start, span.end, text, "direct",
                                 res.speaker(), cue))
        return (res, cue or "", span.paragraph)

    def _salience(self, kind: int, k: int, pos: int) -> None:
        """Note who a sentence is about (kind 3) or who a non-quoting verb has as subject (2)."""
        doc = self.doc
        if kind == 2:
            cue = doc.cues[k]
            group = doc.index.subject_before(cue.first, doc.sentence_start(cue.first))
        else:
            chunk = doc.index.by_first[k]
            group = doc.index.group_forward(chunk)
            person = group.of_kind("person", "name")
            if chunk.kind == "pronoun" or (chunk.kind == "body" and chunk.nominal):
                return
            if person is not None and person.kind == "name" and group.of_kind("role") is None \
                    and " " not in (person.name or "") \
                    and self.registry.find_person(person.name or "", pos) is None:
                return  # a lone capitalised word opening a sentence need not be a person
            if chunk.kind == "role" and person is None:
                return
        if group is None:
            return
        res = self.resolver.group(group, group.start)
        if res is not None and res.entity is not None:
            self.resolver.note(res.entity, pos)

    def _indirect(self, clause: Clause) -> None:
        res = self._resolve(clause.frame, clause.cue.start)
        if res is None or (res.entity is None and res.mention_kind == "unknown"):
            return
        if clause.frame.participle:
            self.sentence_speaker[self.doc.layout.sent[clause.cue.first]] = (res, clause.cue.text)
        text = self.doc.text[clause.start:clause.end]
        self.quotes.append(Quote(self.article.id, clause.start, clause.end, text, "indirect",
                                 res.speaker(), clause.cue.text))
