"""Article -> Quote*: direct and indirect quotes with their speakers resolved.

The pieces, one job each:

- `layout`     paragraphs, tokens and sentences of the body; one-pass lexicon lookups;
- `document`   the body analysed once: layout, quote spans, cues and mentions;
- `marks`      quotation marks -> quote spans (messy marks, multi-paragraph quotes);
- `cues`       reporting verbs and phrases (hand-written, plus a lexicon learned from
               PolNeAR train in `index/data/cue_lexicon.json`);
- `mentions`   names with ranks, role phrases, bodies, pronouns; subjects of cues;
- `resolve`    the people and bodies of the article and what each mention refers to;
- `frames`     the cue and subject of each direct quote; the subject of a sentence;
- `indirect`   reported clauses ("confirmed that ...", "according to ...", stances);
- `statements` one quote per statement: pieces joined, mixed quotes as one clause;
- `transcript` speaker labels ("WALLACE: ..." paragraphs, a headline kept in the body);
- `headline`   the speaker a headline names ("Khalaf: ..."); quotes in a headline kept
               as the body's first paragraph;
- `nested`     quotes inside quotes;
- `rerank`     the learned speaker choice for quotes with no frame
               (`index/data/speaker_model.json`);
- `judge`      the learned check of reported clauses (`index/data/clause_model.json`).

`attribute_quotes` reads the article once, left to right, so that pronouns
("He added") and nominal references ("the spokesman") resolve to the speaker
the reader would pick at that point.  `article_mentions` lists the people and
bodies the same reading found; `analyse_article` returns both.
"""

from __future__ import annotations

from dataclasses import replace

from index.attribution.document import Document
from index.attribution.frames import (
    Frame,
    direct_frame,
    frame_for_cue,
    sentence_subject,
    verbish,
)
from index.attribution.headline import headline_quotes, headline_speaker
from index.attribution.indirect import Clause, find_clauses
from index.attribution.judge import keep as keep_clause
from index.attribution.marks import find_nested_spans
from index.attribution.mentions import SUBJECT_SKIP, Group, is_adverb, word_set
from index.attribution.nested import nested_quotes
from index.attribution.rerank import SpeakerChooser
from index.attribution.resolve import Registry, Resolution, Resolver, build_registry
from index.attribution.statements import join_pieces, merge_mixed
from index.attribution.transcript import labelled_paragraphs, supersedes
from index.models import Article, Quote, QuoteKind, SpeakerRef
from index.names import is_given_name

__all__ = ["analyse_article", "article_mentions", "attribute_quotes"]

_NAME_WINDOW = 400  # characters scanned for other names around a clause's speaker
_MIN_UNATTRIBUTED_WORDS = 4  # shorter unattributed quotes are scare quotes or titles
_ADVERBS = word_set("""
    also then later again once previously earlier repeatedly recently subsequently
    however meanwhile further quickly immediately finally never always often
""")
_OPENERS = word_set("and but so yet still")  # may open a sentence before its subject
_RELATIVES = word_set("who who's who’s whom whose which that")  # no speaker's words
# Words opening a clause inside another sentence: its subject is not the sentence's.
# ("when", "because" are left out: "That's when Lee says ..." is still about Lee)
_SUBORDINATORS = word_set("that whether")
_AUXILIARIES = word_set("""
    is was has had will would could can did does may might must should
""")


def _title_like(text: str) -> bool:
    """Quoted words with no speaker that read as a title or a heading: "Orange Is the
    New Black", "VOTERS MAKE GOOD DECISIONS" (most words capitalised, little punctuation)."""
    words = [w for w in text.split() if w[:1].isalpha()]
    if not words or len(words) > 12:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps >= 0.7 * len(words) and text.count(",") <= 1


# Words right before quoted words that make them the name of a show, a book or a paper:
# 'told CNN's "New Day"', 'appeared on "Fox & Friends"', 'his show "The Apprentice"'.
_TITLE_NOUNS = word_set("""
    on show shows program programs programme series sitcom podcast book books memoir novel
    newspaper magazine column
""")
_OF_TITLE = word_set("broadcast broadcasts episode episodes edition host hosts anchor set")

# Words a title leaves in lower case ("Face the Nation", "The Art of the Deal").
_TITLE_MINOR = word_set("the a an of and in on for to with at by from & -")
# The small words a title-case headline capitalises ("Aides To Ruiz"): never in a name.
_TITLE_CASE_LINKS = _TITLE_MINOR | word_set("near about")


def _names_title(doc: Document, k: int, text: str) -> bool:
    """Are the quoted words of span k a title ('on CBS's "Face the Nation"') rather than
    anyone's words?  Title-cased words after a possessive, "on" or a noun for a work."""
    t = doc.open_tok[k]
    if not t:
        return False
    lw = doc.layout.lower
    before = lw[t - 1]
    if before == "of" and t >= 2:  # 'an episode of "Morning Joe"', 'the host of "The Apprentice"'
        if lw[t - 2] not in _TITLE_NOUNS and lw[t - 2] not in _OF_TITLE:
            return False
    elif before not in _TITLE_NOUNS and not before.endswith(("'s", "’s")):
        return False
    words = text.rstrip(".,!?").split()
    return 0 < len(words) <= 8 and text[:1].isalnum() and all(
        w[0].isupper() or w[0].isdigit() or w.lower() in _TITLE_MINOR for w in words)


def attribute_quotes(article: Article) -> list[Quote]:
    """Every direct and indirect quote of the article, sorted by start.

    `article.body[q.start:q.end] == q.text` for each quote; the speaker is the
    fullest name the article gives (with rank, role and organisation), a body
    when a body speaks, or an unnamed speaker (name None, low confidence) when
    the article does not say who spoke.  Pure and deterministic.
    """
    return _Attributor(article).run()


def analyse_article(article: Article) -> tuple[list[Quote], list[SpeakerRef]]:
    """`attribute_quotes(article)` and `article_mentions(article)` from one reading."""
    attributor = _Attributor(article)
    quotes = attributor.run()
    return quotes, mentions_of(attributor.registry)


def article_mentions(article: Article) -> list[SpeakerRef]:
    """Every person and body the article names, speaker or not, once per entity.

    Each comes with the fullest name the article gives, its rank or honorific,
    and the role and organisation as resolved ("the commission's spokeswoman"
    -> "spokeswoman for the Independent High Electoral Commission"), in the
    order of first mention.  `mention_kind` is "name" ("headline" when only the
    headline names it); `confidence` is lower for a bare one-word name.  Meant
    for the speaker directory, to learn spellings and roles across articles.
    """
    return analyse_article(article)[1]


def mentions_of(registry: Registry) -> list[SpeakerRef]:
    """The named people and bodies of a registry as SpeakerRefs (see `article_mentions`)."""
    out: list[tuple[int, int, SpeakerRef]] = []
    for e in registry.entities:
        if not e.name:
            continue
        first = min(e.positions) if e.positions else 1 << 60
        if e.kind == "person":
            if not e.person_like():
                continue
            full = len(e.name.split()) >= 2 or bool(e.title or e.role)
            ref = SpeakerRef(name=e.name, role=e.role, organization=e.organization,
                             title=e.title, kind="person", mention=e.name,
                             mention_kind="headline" if e.headline else "name",
                             confidence=0.9 if full else 0.6)
        else:
            if e.acronym == e.name and not (e.spoke or _has_expansion(registry, e)):
                continue  # a capitalised word ("FULL", "TV") is no body on its own
            ref = SpeakerRef(name=e.name, organization=e.name, kind="body", mention=e.name,
                             mention_kind="name", confidence=0.85)
        out.append((first, e.id, ref))
    out.sort(key=lambda x: (x[0], x[1]))
    return [ref for _, _, ref in out]


def _has_expansion(registry: Registry, e) -> bool:
    """Is the acronym e spelled out by another body ("Iraqi News Agency (INA)")?"""
    return any(b is not e and b.acronym == e.name for b in registry.bodies)


class _Attributor:
    def __init__(self, article: Article) -> None:
        self.article = article
        self.doc = Document(article.body)
        self.registry = build_registry(self.doc.index)
        self.resolver = Resolver(self.registry, headline_speaker(article.title, self.registry))
        self.chooser = SpeakerChooser(self.registry, self.doc.layout.paragraphs,
                                      self.resolver.headline)
        self.sentence_speaker: dict[int, tuple[Resolution, str]] = {}
        self.quotes: list[Quote] = []
        self.clause_until = -1  # end of the latest reported clause: no subjects inside it
        # per direct quote: (span index, index in self.quotes, how its speaker was found,
        # token of its frame's cue or -1)
        self.direct_info: list[tuple[int, int, str, int]] = []
        # (speaker, paragraph, sentence, whether it is its paragraph's last sentence) of
        # the latest reported clause with one named speaker; None once a direct quote follows
        self.last_clause: tuple[Resolution, int, int, bool] | None = None

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
            if not (cue.quoted or cue.passive or cue.form != "finite" or cue.first in used
                    or cue.learned):
                events.append((cue.start, 2, k))
        lay = doc.layout
        for t in lay.sent_first:
            if not lay.quoted[t]:
                events.append((lay.starts[t], 3, t))
        events.sort()
        previous: tuple[Resolution, str, int] | None = None  # last direct quote: who, cue, paragraph
        for pos, kind, k in events:
            if kind == 1:
                previous = self._direct(k, frames[k], previous)
            elif kind == 0:
                self._indirect(clauses[k])
                if clauses[k].shape != "source":
                    # (a source's clause, 'In his statement, Lee went further', is the
                    # reporter's sentence: its subject stays salient)
                    self.clause_until = max(self.clause_until, clauses[k].end)
            elif pos >= self.clause_until:
                self._salience(kind, k, pos)
        self.quotes = join_pieces(doc, self.quotes, self.direct_info)
        self._labelled()
        self._headline()
        self.quotes.sort(key=lambda q: (q.start, -q.end))
        frame_cues = {doc.spans[k].start: cue_tok for k, _, _, cue_tok in self.direct_info
                      if cue_tok >= 0}
        self.quotes = merge_mixed(doc, self.quotes, frame_cues)
        self._drop_titles()
        self.quotes.extend(nested_quotes(doc, self.quotes, self.resolver))
        self.quotes.sort(key=lambda q: (q.start, -q.end))
        return self.quotes

    # -- resolution --------------------------------------------------------------
    def _resolve(self, frame: Frame, pos: int, *, salient: bool = True) -> Resolution | None:
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
            # "Bradley apologized for the columns, saying ...": the sentence's subject
            group = self._sentence_subject(lo)
            if group is not None and self._lone_unknown_word(group, pos):
                # 'Hours later, Lee replied, telling ...': a capitalised word opening the
                # sentence that names no one; a known person with a verb is the subject
                # ("Minutes later, she sent an email saying ...": the pronoun)
                group = self._subject_of_verb(lo, frame.cue_tok, known_only=False,
                                              pronouns=True) or group
            if group is None:
                # 'Speaking in Salem, Lee went after the mayor, calling him ...': an opening
                # phrase the sentence's subject does not parse; the first name of the
                # sentence that a verb follows is its subject
                group = self._subject_of_verb(lo, frame.cue_tok)
            if group is not None and group.last <= frame.cue_tok:
                res = self.resolver.group(group, group.start)
                if res is not None and res.entity is not None:
                    self.resolver.note(res.entity, pos, spoke=True)
                    return res
            return None
        if frame.subject is None:
            return None
        res = self.resolver.group(frame.subject, frame.subject.start)
        if res is not None:
            if not frame.cue.lower().startswith(("ask", "question")):
                # ("A voter asked Lee ... He said": the one asked answers)
                self.resolver.note_unnamed(res, pos)
            self.resolver.note(res.entity, pos, spoke=True,
                               salient=salient and not self._subordinate(frame.subject, frame.cue_tok))
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
        how = "own"
        cue_tok = -1
        if span.continues and previous is not None:
            res, cue = previous[0], previous[1]
            how = "continues"
            if frame is not None:
                # a quote carried into the next paragraph normally keeps its speaker, but a
                # paragraph that names someone else as its own speaker starts their quote
                # (“...,” Rep. A said. / “... ,” Rep. B added.)
                own = self._resolve(frame, span.open)
                if own is not None and own.entity is not None \
                        and own.entity is not previous[0].entity \
                        and own.mention_kind not in ("pronoun", "unknown"):
                    res, cue, cue_tok, how = own, frame.cue, frame.cue_tok, "own"
        elif frame is not None:
            res = self._resolve(frame, span.open)
            text = doc.text[span.start:span.end]
            if res is None and frame.unattributed and frame.speaker_text and \
                    len(text.split()) >= _MIN_UNATTRIBUTED_WORDS and not _title_like(text):
                # "the email", "a voice-over in the ad": the speaker the text gives, by its words
                words = frame.speaker_text
                res = Resolution(None, words, "nominal", 0.3, role=words, kind="unknown")
            cue = frame.cue
            cue_tok = frame.cue_tok
            if res is not None and frame.inferred:
                # read from the paragraph before, not said: a guess the text supports
                res = replace(res, confidence=min(res.confidence, 0.5))
                how = "next-paragraph"
            if res is not None and frame.participle:
                self.sentence_speaker[doc.layout.sent[frame.cue_tok]] = (res, frame.cue)
        if res is None and previous is not None and (
                previous[0].entity is not None or previous[0].role is not None
                or previous[0].mention):  # ('"...," the company said. "..."')
            para = doc.layout.paragraphs[span.paragraph]
            alone = span.open == para[0] and span.after >= para[1]
            if previous[2] == span.paragraph:
                res, cue = replace(previous[0], confidence=min(previous[0].confidence, 0.6)), previous[1]
                how = "same-paragraph"
            elif alone and previous[2] == span.paragraph - 1:
                res, cue = replace(previous[0], confidence=min(previous[0].confidence, 0.5)), previous[1]
                how = "next-paragraph"
        text = doc.text[span.start:span.end]
        if res is None and (len(text.split()) < _MIN_UNATTRIBUTED_WORDS or _title_like(text)):
            return previous
        if res is None and self.last_clause is not None:
            res = self._clause_speaker(k, self.last_clause)
            if res is not None:
                cue, how = None, "next-paragraph"
        if how in ("own", "none") or res is None:
            chosen = self.chooser.choose(res, how if res is not None else "none", span.start,
                                         span.end, span.paragraph, self.article.id, text,
                                         span.open)
            if chosen is not res:
                res = chosen
                if res is not None and res.entity is not None:
                    self.resolver.note(res.entity, span.open, spoke=True)
        if res is None:
            res = Resolution(None, "", "unknown", 0.1)
            how = "none"
        else:
            self.sentence_speaker.setdefault(doc.layout.sent[doc.open_tok[k]], (res, cue or ""))
            if how == "own":
                self.resolver.note_document(res, span.open)  # ('"...," the report says.')
        self.quotes.append(Quote(self.article.id, span.start, span.end, text, "direct",
                                 res.speaker(), cue))
        self.direct_info.append((k, len(self.quotes) - 1, how, cue_tok))
        if res.entity is not None:
            self.chooser.previous = res.entity
        self.last_clause = None
        return (res, cue or "", span.paragraph)

    def _note_clause(self, clause: Clause, res: Resolution) -> None:
        """Remember a reported clause said by one named speaker (not 'A, B and C
        argued'): a quote with no attribution of its own right after it may be theirs."""
        self.last_clause = None
        if res.entity is None or res.entity.name is None:
            return
        lay = self.doc.layout
        t = clause.cue.first
        a = max(lay.starts[self.doc.sentence_start(t)], clause.cue.start - _NAME_WINDOW)
        names = self.registry.names_between(a - 1, clause.cue.start)
        if len({name for name, quoted in names if not quoted}) > 1:
            return
        p = lay.para[t]
        last = lay.paragraph_tokens(p)[1] - 1
        self.last_clause = (res, p, lay.sent[t], lay.sent[last] == lay.sent[t])

    def _clause_speaker(self, k: int, clause: tuple[Resolution, int, int, bool]
                        ) -> Resolution | None:
        """The speaker of the reported clause just before quote k, when the quote has no
        attribution and follows it directly: 'Lee praised the plan. / "It will help
        everyone."' (opening the next paragraph, after the clause's sentence ends its
        paragraph), or 'Lee said she backs it. "It will help everyone."' (the next
        sentence).  Not when the rest of the quote's paragraph names someone else."""
        doc, lay = self.doc, self.doc.layout
        span = doc.spans[k]
        said, p, sid, last = clause
        a, b = lay.paragraphs[span.paragraph]
        if p == span.paragraph - 1:
            if not last or span.open != a:
                return None
        elif p != span.paragraph or lay.sent[doc.open_tok[k]] != sid + 1 or \
                doc.sentence_start(doc.open_tok[k]) < doc.open_tok[k] - 1:
            return None  # (a quote after words of its own sentence: 'A footnote says: "..."')
        for name, quoted in self.registry.names_between(span.after - 1,
                                                        min(b, span.after + _NAME_WINDOW)):
            if not quoted and self.registry.find_person(name, span.after) is not said.entity:
                return None
        return replace(said, confidence=min(said.confidence, 0.5))

    def _drop_titles(self) -> None:
        """A direct quote that is only the name of a show or a book ('said on CBS's "Face the
        Nation"') is no one's words; kept while pieces were joined and clauses merged (the
        marks still cut the text there), dropped when it stands alone."""
        doc = self.doc
        titles = {(s.start, s.end) for k, s in enumerate(doc.spans)
                  if _names_title(doc, k, doc.text[s.start:s.end])}
        if titles:
            self.quotes = [q for q in self.quotes
                           if q.kind != "direct" or (q.start, q.end) not in titles]

    def _headline(self) -> None:
        """Quoted words in a headline kept as the body's first paragraph (a raw text file):
        the headline's report of what the person or body it names said."""
        doc, title = self.doc, self.article.title
        if not title or not doc.layout.paragraphs:
            return
        a, b = doc.layout.paragraphs[0]
        if doc.text[a:b].strip() != title.strip():
            return
        marks = [(s.start, s.end) for s in doc.spans if s.paragraph == 0]
        marks += [(s, e) for _, _, s, e in find_nested_spans(doc.text, a, b)]
        for start, end, e in headline_quotes(doc.text, a, b, marks, self.registry):
            inside = [q for q in self.quotes if q.start < end and q.end > start]
            if any(q.speaker.name for q in inside):
                continue  # the marks already say who speaks there
            self.quotes = [q for q in self.quotes if q not in inside]
            res = Resolution(e, title, "headline", 0.6)
            text = doc.text[start:end]
            self.quotes.append(Quote(self.article.id, start, end, text, "indirect",
                                     res.speaker(), None))

    def _labelled(self) -> None:
        """Transcript paragraphs ("WALLACE: ...") and a headline kept in the body."""
        doc = self.doc
        for lab in labelled_paragraphs(doc, self.article.title):
            kept = supersedes(lab, self.quotes) if lab.end > lab.start else None
            if kept is None:
                continue  # quotation marks already say who speaks there
            if lab.headline:
                e = self.resolver.headline
                if e is None or not (e.positions or e.spoke):
                    continue  # named only in the headline: maybe no speaker at all
                res: Resolution | None = Resolution(e, lab.label, "headline", 0.6)
                kind: QuoteKind = "indirect"  # a headline paraphrases
            else:
                name = lab.label.title() if lab.label.isupper() else lab.label
                res = self.resolver.group_from_text(name, lab.start)
                kind = "direct"
            if res is None:
                continue
            self.quotes = kept
            text = doc.text[lab.start:lab.end]
            self.quotes.append(Quote(self.article.id, lab.start, lab.end, text, kind,
                                     res.speaker(), ":"))

    def _salience(self, kind: int, k: int, pos: int) -> None:
        """Note who a sentence is about (kind 3) or who a non-quoting verb has as subject (2)."""
        doc = self.doc
        if kind == 2:
            cue = doc.cues[k]
            group = doc.index.subject_before(cue.first, doc.sentence_start(cue.first))
            if group is not None and self._subordinate(group, cue.first):
                return  # "Lee, who has called ...", "..., adding that Ruiz has called ..."
        else:
            group = self._sentence_subject(k) or self._after_participle(k) or \
                self._viewpoint(k) or self._described_subject(k)
            if group is None:
                return
            chunk = group.chunks[0]
            person = group.of_kind("person", "name")
            if chunk.kind == "body" and chunk.nominal:
                return
            if person is not None and person.kind == "name" and group.of_kind("role") is None \
                    and " " not in (person.name or "") \
                    and self.registry.find_person(person.name or "", pos) is None \
                    and not self._verb_follows(group.last):
                return  # a lone capitalised word opening a sentence need not be a person
            if chunk.kind == "role" and (person is None and (chunk.generic or chunk.plural)):
                return
            if person is not None and len(group.chunks) == 1 and person.kind == "name" and \
                    person.head != "place":
                # the common case, a name seen before: no need to resolve it again
                e = self.registry.find_person(person.name or "", pos, title=person.title)
                if e is not None:
                    self.resolver.note(e, pos)
                    return
        if group is None:
            return
        first = group.chunks[0]
        if first.kind == "pronoun" and (first.name or first.text).lower() == "it" and (
                self.resolver.things or self.resolver.document is not None):
            return  # ("It would take weeks": mostly no one; only a speaking "it" is resolved)
        res = self.resolver.group(group, group.start)
        if res is not None and res.entity is not None:
            self.resolver.note(res.entity, pos)

    def _subordinate(self, group: Group, verb: int) -> bool:
        """Is `group` the subject of a relative clause ("Lee, who has called ...") or of a
        clause inside another sentence ("..., adding that Ruiz has called ...")?  Such a
        subject is not who the sentence is about: no later he / she refers to it."""
        if group.chunks[0].kind == "pronoun":
            return False  # ("..., because she said ...": still the person before)
        lay = self.doc.layout
        lw = lay.lower
        j = verb - 1
        while j > group.last and (lw[j] in SUBJECT_SKIP or is_adverb(lay.words[j])):
            j -= 1
        b = group.first - 1
        if j > group.last and lw[j] in _RELATIVES:
            # ("Lee, who backs the plan, vetoed ...": a relative clause on the sentence's
            # own subject leaves it the subject)
            return not (b < 0 or lay.sent[b] != lay.sent[group.first] or lay.words[b] == ";"
                        or lw[b] in _OPENERS and self._opens_clause(b))
        return b >= 0 and lay.sent[b] == lay.sent[group.first] and lw[b] in _SUBORDINATORS

    def _after_participle(self, t: int) -> Group | None:
        """The subject after an opening participle phrase ("Repeating his line from the
        convention, Lee mocked ...", "Pressed on the plan, Lee said ..."): the first person
        the article knows, named after the phrase's comma and followed by a verb."""
        lay = self.doc.layout
        w = lay.lower[t]
        if not (w.endswith("ing") or w.endswith("ed")) or lay.quoted[t] or len(w) < 5:
            return None
        end = min(self.doc.sentence_end(t), t + 40)
        j = t + 1
        while j < end and lay.words[j] != "," and not lay.quoted[j]:
            j += 1
        if j >= end or lay.words[j] != ",":
            return None
        return self._subject_of_verb(j + 1, min(end, j + 4))

    def _described_subject(self, t: int) -> Group | None:
        """A person's full name (a given name first, or a rank or role) after a few words of
        description opening the sentence and followed by a verb ("Retired surgeon Ben
        Carson went on ..."): the sentence's subject."""
        end = min(self.doc.sentence_end(t), t + 6)
        group = self._subject_of_verb(t, end, known_only=False)
        if group is None or group.first == t:
            return None
        person = group.of_kind("person", "name")
        lay = self.doc.layout
        name = person.name or "" if person is not None else ""
        if person is None or " " not in name or not (
                is_given_name(name.split()[0]) or person.title or person.role) or any(
                not lay.words[j][:1].isalpha() for j in range(t, group.first)):
            return None  # (not after a comma or a mark: "In Iowa, Lee ..." is the parser's)
        return group

    def _viewpoint(self, t: int) -> Group | None:
        """The person a sentence opened by "For X," / "To X," is about, when the sentence's
        own subject is no one ("For Lee, the vote was a turning point.  She said ...")."""
        lay = self.doc.layout
        if lay.lower[t] not in ("for", "to"):
            return None
        by_first = self.doc.index.by_first
        j = t + 1  # (the person may follow a description: "To harbour consultant Ivo Brandt,")
        while j < min(lay.n, t + 6) and j not in by_first and lay.words[j][:1].isalpha():
            j += 1
        c = by_first.get(j)
        if c is None or c.kind not in ("person", "name") or c.head == "place" or c.quoted \
                or c.possessive:
            return None
        group = self.doc.index.group_forward(c)
        if group.last >= lay.n or lay.words[group.last] != "," or \
                group.of_kind("person", "name") is None:
            return None
        return group

    def _opens_clause(self, t: int) -> bool:
        """Does the conjunction at token t open a clause ("And Lee, who ...", "..., but Lee,
        who ..., said"), not join two names ("... Bush and Christie, who say ...")?"""
        lo = self.doc.sentence_start(t)
        lay = self.doc.layout
        if lay.lower[t] != "and" or t > lo and lay.words[t - 1] in (",", ";"):
            return True
        return all(not lay.words[j][:1].isalnum() for j in range(lo, t))

    def _lone_unknown_word(self, group: Group, pos: int) -> bool:
        """A group that is one capitalised word, no person the article knows, with no
        verb after it ("Hours later, ...", "Signs of ...")."""
        if len(group.chunks) != 1:
            return False
        c = group.chunks[0]
        return c.kind == "name" and " " not in (c.name or "") and c.title is None and \
            self.registry.find_person(c.name or "", pos) is None and \
            not self._verb_follows(group.last)

    def _verb_follows(self, t: int) -> bool:
        """Does a verb follow token t ('Obama also addressed', 'Trump has taken')?"""
        lay = self.doc.layout
        n = lay.n
        while t < n and t - t < 3 and lay.lower[t] in _ADVERBS:
            t += 1
        return t < n and (lay.lower[t] in _AUXILIARIES or verbish(self.doc, t))

    def _subject_of_verb(self, lo: int, hi: int, *, known_only: bool = True,
                         pronouns: bool = False) -> Group | None:
        """The first person named in tokens [lo, hi) who is followed by a verb, outside
        quotes and prepositional phrases ('..., Lee went after the mayor, calling ...');
        with `known_only`, only a name the article already knows as a person."""
        idx = self.doc.index
        for t in range(lo, hi):
            c = idx.by_first.get(t)
            if c is None or c.kind not in ("person", "name") and not (
                    pronouns and c.kind == "pronoun" and c.head == "person") \
                    or c.oblique or c.possessive \
                    or c.quoted or c.head == "place":
                continue
            if c.kind == "name" and known_only and \
                    self.registry.find_person(c.name or "", c.start) is None:
                continue  # a capitalised word no one is called ("Republican", "Muslim")
            group = idx.group_forward(c)
            if group.last < hi and self._verb_follows(group.last):
                return group
        return None

    def _sentence_subject(self, t: int) -> Group | None:
        return sentence_subject(self.doc, t)

    def _known_person(self, words: str | None, pos: int) -> Resolution | None:
        """Words that are nothing but the name of a person the article knows: that person
        ("Trump" in a title-case headline, "Trump Says He ...", where the name scan sees one
        capitalised phrase).  Anything more ("Aides to Clinton") is someone else."""
        parts = (words or "").split()
        if not parts or len(parts) > 3 or not all(w[:1].isupper() and w.isalpha() for w in parts) \
                or any(w.lower() in _TITLE_CASE_LINKS for w in parts):
            return None  # ("Aides To Ruiz" in a headline is not Ruiz)
        e = self.registry.find_person(" ".join(parts), pos)
        if e is None or e.name is None:
            return None
        return Resolution(e, " ".join(parts), "name" if len(parts) > 1 else "surname", 0.6)

    def _indirect(self, clause: Clause) -> None:
        # a clause reported inside another's ("Lee said Ruiz told him ...") is not what
        # the sentence is about
        res = self._resolve(clause.frame, clause.cue.start,
                            salient=clause.cue.start >= self.clause_until)
        if clause.frame.unattributed and (res is None or clause.frame.speaker_text and
                                          res.entity is None and res.mention_kind == "unknown"):
            # "59 percent of voters said ...": an unnamed speaker described by its words
            words = clause.frame.speaker_text
            res = self._known_person(words, clause.cue.start) or \
                Resolution(None, words or "", "nominal", 0.3, role=words, kind="unknown")
        subject = clause.frame.subject
        if (res is None or res.entity is None and res.mention_kind == "unknown") and \
                subject is not None and subject.chunks[0].kind != "pronoun" and \
                self.doc.layout.lower[subject.first] not in _RELATIVES:
            # "The city of Phoenix is demanding ...": a subject nobody resolved, by its words
            words = self.doc.text[subject.start:subject.chunks[-1].end]
            res = Resolution(None, words, "nominal", 0.3, role=words, kind="unknown")
        if res is None or (res.entity is None and res.mention_kind == "unknown"):
            return
        if not keep_clause(self.doc, clause, res, self.article.id):
            return  # the learned check says this is no reported speech
        self.resolver.note_document(res, clause.cue.start)
        if clause.frame.participle:
            self.sentence_speaker[self.doc.layout.sent[clause.cue.first]] = (res, clause.cue.text)
        text = self.doc.text[clause.start:clause.end]
        self.quotes.append(Quote(self.article.id, clause.start, clause.end, text, "indirect",
                                 res.speaker(), clause.cue.text))
        self._note_clause(clause, res)
