"""Attribution frames: the cue and subject that introduce a quote.

For a direct quote the frame is looked for before the opening mark
("Al-Muhanna told INA: “...", "He added, "...", ", adding that "...") and after
the closing mark ('"...," said the spokesman ..., Major General X,' /
'"...," al-Khafaji told INA').  A quote that opens its sentence looks after
itself first; any other quote looks before itself first.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from index.attribution.cues import Cue
from index.attribution.document import Document
from index.attribution.mentions import (
    GENERIC_STOP,
    PREPOSITIONS,
    Chunk,
    Group,
    is_adverb,
    word_set,
)

_WINDOW = 60  # tokens searched before a quote for its cue
_POST_WINDOW = 30  # tokens searched after a quote


@dataclass(slots=True)
class Frame:
    """How a quote is attributed: `cue` text, and the subject group (None for a
    participle, whose speaker is the sentence's speaker)."""

    cue: str
    subject: Group | None
    cue_tok: int
    participle: bool = False
    statement: bool = False  # "said in a statement": the speaker issued a statement
    unattributed: bool = False  # a subject the mentions do not parse ("59 percent said")
    speaker_text: str | None = None  # ... its words, kept as an unnamed speaker's role
    inferred: bool = False  # no verb of saying: the person the previous paragraph is about


def _in_statement(doc: Document, cue: Cue) -> bool:
    # (a slice membership test: no generator frame per cue)
    return "statement" in doc.layout.lower[cue.last:cue.last + 4]


def frame_for_cue(doc: Document, cue: Cue, lo: int) -> Frame | None:
    """The frame a cue makes, with its subject found no further left than token lo."""
    idx = doc.index
    lw = doc.layout.lower
    if cue.form == "according":
        g = idx.subject_after(cue.last)
        return Frame(cue.text, g, cue.first) if g else None
    if cue.form == "as_saying":
        for q in range(cue.first - 1, max(lo, cue.first - 12) - 1, -1):
            if lw[q] == "quoted":
                if q > 0 and lw[q - 1] in ("was", "were", "is", "being"):
                    g = idx.subject_before(q - 1, lo)
                else:
                    g = idx.subject_after(q + 1)
                return Frame(cue.text, g, cue.first) if g else None
        g = idx.subject_before(cue.first, lo)
        return Frame(cue.text, g, cue.first) if g else None
    if cue.passive:
        return None
    if cue.form == "participle":
        # "..., with Sen. John McCain calling it ...", "footage of Clinton asking": the
        # participle's own subject
        c = idx.by_last.get(cue.first)
        if c is not None and c.first - 1 >= lo and lw[c.first - 1] in ("with", "of") and \
                c.kind in ("person", "name", "role", "body") and not c.possessive:
            return Frame(cue.text, Group([c]), cue.first)
        return Frame(cue.text, None, cue.first, participle=True)
    if cue.invertible and cue.first == doc.sentence_start(cue.first):
        # 'Said Dorothy Poynter, who grew up with him, "..."'
        g = idx.subject_after(cue.last)
        if g is not None and g.of_kind("pronoun") is None:
            return Frame(cue.text, g, cue.first, statement=_in_statement(doc, cue))
    g = idx.subject_before(cue.first, lo)
    if g is None:
        # a second verb of the sentence's subject: "She greeted the crowd and told them ..."
        j = cue.first - 1
        while j >= lo and lw[j] in _SKIP_BEFORE_VERB:
            j -= 1
        if j >= lo and lw[j] in ("and", "but", "then") and not doc.layout.quoted[j]:
            g = sentence_subject(doc, doc.sentence_start(cue.first))
            if g is not None and (g.last > j or g.chunks[0].kind == "pronoun" and
                                  g.chunks[0].head != "person"):
                g = None
    if g is None:
        return None
    if cue.learned and cue.text.endswith("s") and len(g.chunks) == 1 and \
            g.chunks[0].kind == "name" and " " not in (g.chunks[0].name or " "):
        return None  # "Health worries have dogged ...": a noun, not a verb, after a capital
    return Frame(cue.text, g, cue.first, statement=_in_statement(doc, cue))


def _before(doc: Document, k: int, lo: int) -> Frame | None:
    """A frame between token lo and quote k's opening mark."""
    lay = doc.layout
    open_tok = doc.open_tok[k]
    if open_tok - 2 > lo and lay.words[open_tok - 1] == ":":
        # 'Pollsters agree - Ana Ruiz: "...': a name set off by a dash before the colon
        # signs the quote, whatever the words before the dash say
        g = doc.index.subject_before(open_tok - 1, lo)
        if g is not None and g.last == open_tok - 1 and g.first - 1 > lo and \
                lay.words[g.first - 1] in _DASHES and g.of_kind("person", "name") is not None:
            return Frame(":", g, open_tok - 1)
    for t in range(open_tok - 1, max(lo, open_tok - _WINDOW) - 1, -1):
        cue = doc.cue_at.get(t)
        if cue is not None and not cue.quoted:
            f = frame_for_cue(doc, cue, lo) or _went_on_to(doc, cue, lo) or \
                _inverted_before(doc, cue, open_tok)
            if f is None and not cue.learned:
                # 'the 34-year-old mother of three replied, "...': the nearest verb's
                # unparsed subject, before an earlier verb's ('She said ...')
                f = _words_before(doc, cue, lo)
                if f is not None:
                    # ('The move signals "...", said Ann Lee': a name after the quote wins)
                    return _after(doc, k) or f
            if f is not None:
                # "After Brown criticized him, Hillary shot back, "..."": a verb of the
                # main clause right before the quote, with its own subject, comes first
                if cue.last < open_tok - 2:
                    tight = _tight_verb(doc, open_tok, cue.last)
                    if tight is not None and tight.subject is not None and (
                            tight.subject.first == cue.last
                            or lay.words[tight.subject.first - 1] in (",", ";", "—", "–")
                            or lay.lower[tight.subject.first - 1] in ("and", "but")):
                        return tight  # (not "when the story broke", "his Twitter followers")
                return f
    # "Spokesman Yahya Rasool: "..." -- a colon with no verb
    if open_tok - 1 >= lo and lay.words[open_tok - 1] == ":":
        g = doc.index.subject_before(open_tok - 1, lo)
        if g is not None and (g.first == lo or lay.words[g.first - 1] in (",", "—", "–", "-")):
            return Frame(":", g, open_tok - 1)
        f = _source_colon(doc, open_tok - 1, lo)
        if f is not None:
            return f
    tight = _tight_verb(doc, open_tok, lo)
    if tight is not None:
        return tight
    if open_tok - 1 > lo and lay.words[open_tok - 1] == ":":
        # 'She then addressed the crowd again: "..."': the subject of the sentence the
        # colon ends
        g = sentence_subject(doc, lo)
        if g is not None and _colon_speaker(g) and g.last < open_tok - 2:
            return Frame(":", g, open_tok - 1)
    return None


def _went_on_to(doc: Document, cue: Cue, lo: int) -> Frame | None:
    """'Lee went on to say, "...': the subject of the verb the cue's "to" hangs on."""
    if cue.passive or cue.form != "finite":
        return None
    lw = doc.layout.lower
    t = cue.first
    if t - 1 < lo or lw[t - 1] != "to":
        return None
    while t - 1 > lo and lw[t - 1] in _GO_ON:
        t -= 1
    if t == cue.first - 1 or lw[t] not in _GO_ON:
        # 'Lee was prompted to say', 'Lee felt compelled to add': the subject of the
        # passive or of the verb the "to" hangs on
        t = cue.first - 2
        if t - 1 <= lo or lw[t] not in _TO_SAY_VERBS:
            return None
        if lw[t - 1] in _PASSIVE_AUX:
            t -= 1
        g = doc.index.subject_before(t, lo)
        return Frame(cue.text, g, cue.first) if g is not None and g.last == t else None
    g = doc.index.subject_before(t, lo)
    return Frame(cue.text, g, cue.first) if g is not None else None


# Verbs before "to say": 'was prompted to say', 'felt compelled to add', 'rushed to tell'.
_TO_SAY_VERBS = word_set("""
    prompted compelled moved forced pressed asked quick quicker eager happy glad careful
    rushed hastened hurried decided chose opted wanted tried seemed appeared managed
    stopped paused
""")
_PASSIVE_AUX = word_set("was were is are been being felt feel feels seemed")


def _inverted_before(doc: Document, cue: Cue, open_tok: int) -> Frame | None:
    """'In other words, explained the moderator, Ann Lee: "...': an inverted cue after an
    opening phrase, its subject running up to the quote's colon or comma."""
    lay = doc.layout
    if not cue.invertible or cue.passive or cue.form != "finite" or \
            lay.words[open_tok - 1] not in (":", ",") or cue.first == 0 or \
            lay.words[cue.first - 1] != ",":
        return None
    g = doc.index.subject_after(cue.last)
    if g is None or g.last != open_tok - 1 or g.of_kind("pronoun") is not None:
        return None
    return Frame(cue.text, g, cue.first, statement=_in_statement(doc, cue))


def _words_before(doc: Document, cue: Cue, lo: int) -> Frame | None:
    """'The email goes on to say: "...': a noun phrase opening the sentence (or the
    stretch after a comma) right before the cue, which the mentions do not parse."""
    if cue.passive or cue.form != "finite":
        return None
    lay = doc.layout
    last = cue.first
    while last - 1 > lo and (lay.lower[last - 1] in _SKIP_BEFORE_VERB or lay.lower[last - 1]
                             in _GO_ON or lay.lower[last - 1] in _TIME_WORDS or
                             lay.lower[last - 1] == "now" or is_adverb(lay.lower[last - 1])):
        last -= 1
    first = last - 2
    while first >= lo and last - first <= _NP_MAX:
        if (first == lo or lay.words[first - 1] in (",", "—", "–", "-")) and \
                lay.lower[first] in _NP_DETERMINERS:
            words = _np_words(doc, first, last)
            return _words_frame(cue.text, cue.first, words) if words is not None else None
        first -= 1
    return None


_SOURCE_OPENERS = word_set("from here here's here’s")


def _source_colon(doc: Document, colon: int, lo: int) -> Frame | None:
    """'More from the report: "...', 'From Lee: "...', 'Here's Lee in 1992: "...': a
    colon after a phrase that only names the quote's source (no verb)."""
    lay = doc.layout
    lw = lay.lower
    t = colon - 1
    first = max(lo, colon - _NP_MAX - 3)
    while t > first and lw[t] not in _SOURCE_OPENERS:
        t -= 1
    if lw[t] not in _SOURCE_OPENERS:
        return None
    start = t - 1 if t - 1 >= lo and lw[t] == "from" and lw[t - 1] == "more" else t
    if start != lo and lay.words[start - 1] not in ("—", "–", "-"):
        return None  # ('The gift came from her parents: "...': a verb's phrase)
    s = t + 1
    if lw[t] == "here" and s < colon and lw[s] in ("is", "'s", "’s"):
        s += 1
    g = doc.index.subject_after(s)
    if g is not None and g.first == s and (g.last == colon or lw[g.last] in PREPOSITIONS):
        return Frame(":", g, colon)
    words = _np_words(doc, s, colon)
    return _words_frame(":", colon, words) if words is not None else None


def _colon_speaker(g: Group) -> bool:
    """Can the subject of a sentence ending in a colon be the quote's speaker (a person,
    a role, a body, he or she; not "it" or "they")?"""
    c = g.chunks[0]
    return c.kind != "pronoun" or c.head == "person" and c.text.lower() != "i"


# Determiners opening a noun phrase that speaks without a name: "the email", "a voice-over
# in the ad", "the two", "an angry crowd".
_NP_DETERMINERS = word_set("the a an another this")
_NP_MAX = 7  # tokens of such a phrase, its determiner included
# Words that end the phrase: no noun phrase speaker holds a verb, a pronoun or a clause.
_NP_BREAK = GENERIC_STOP - PREPOSITIONS | word_set("""
    same first last next other latest following day week month year time times
    morning afternoon evening night later earlier ago her his their its our my your
    whose latter former
""")
# "The email goes on to say", "The ad continued to argue": what stands between such a
# subject and its cue.
_GO_ON = word_set("to on go goes went going continue continues continued continuing")


def _np_words(doc: Document, first: int, last: int) -> str | None:
    """The words of tokens [first, last) when they are a short noun phrase opened by a
    determiner ("the email", "a voice-over in the ad", "the 46-year-old"): an unnamed
    speaker the mention scan does not parse, kept by its words (never a guessed name)."""
    lay = doc.layout
    lw = lay.lower
    if last - first < 2 or last - first > _NP_MAX or lw[first] not in _NP_DETERMINERS:
        return None
    for j in range(first + 1, last):
        w = lay.words[j]
        if lay.quoted[j] or not w[0].isalnum() or (
                lw[j] in _NP_BREAK and lw[j] not in PREPOSITIONS and lw[j] not in _NP_DETERMINERS):
            return None
    if lw[last - 1] in PREPOSITIONS or lw[last - 1] in _NP_DETERMINERS:
        return None
    return lay.text[lay.starts[first]:lay.ends[last - 1]]


def _modifiers_only(doc: Document, first: int, last: int) -> bool:
    """Are tokens [first, last) a determiner and lower-case adjectives only ("an angry"
    before "Ann Lee retorted")?"""
    lay = doc.layout
    return last - first <= 3 and lay.lower[first] in _NP_DETERMINERS and all(
        lay.words[j].isalpha() and lay.words[j].islower() and lay.lower[j] not in _NP_BREAK
        for j in range(first + 1, last))


def _words_frame(cue: str, cue_tok: int, words: str) -> Frame:
    return Frame(cue, None, cue_tok, unattributed=True, speaker_text=words)


def _tight_verb(doc: Document, open_tok: int, lo: int) -> Frame | None:
    """A verb the lexicon does not know, right before the quote, with its subject after
    token lo: 'Pew found that "...', 'the FBI lists "...', 'Kelly charged: "...',
    'Rubio fired back forcefully: "...'."""
    lay = doc.layout
    t = open_tok - 1
    while t >= lo and (lay.words[t] in (",", ":", "that") or is_adverb(lay.words[t])):
        t -= 1
    if t - 1 >= lo and lay.lower[t] in PARTICLES and verbish(doc, t - 1):
        t -= 1  # 'She went on: "...'
    if t >= lo and verbish(doc, t):
        g = doc.index.subject_before(t, lo) or _second_verb_subject(doc, t, lo)
        if g is not None:
            return Frame(lay.words[t], g, t)
    return None


def _second_verb_subject(doc: Document, t: int, lo: int) -> Group | None:
    """The sentence's subject for a second verb at t: "Trump gestured ..., then leaned in
    and boomed: "..."" (the verb after "and" / "then" has no subject of its own)."""
    lay = doc.layout
    j = t - 1
    while j >= lo and (lay.lower[j] in _SKIP_BEFORE_VERB or lay.lower[j] in PARTICLES):
        j -= 1
    if j < lo or lay.lower[j] not in ("and", "then", "but") or lay.quoted[j]:
        return None
    g = sentence_subject(doc, doc.sentence_start(t))
    if g is None or g.last > j or g.chunks[0].kind == "pronoun" and g.chunks[0].head != "person":
        return None
    return g


def colon_paragraph_frame(doc: Document, k: int) -> Frame | None:
    """A quote opening its paragraph after a paragraph that ends with a colon:
    'Cruz continued:' / 'In a statement, the ministry said:' then the quote."""
    lay = doc.layout
    span = doc.spans[k]
    p = span.paragraph
    if p == 0 or span.continues:
        return None
    first = lay.paragraph_tokens(p)[0]
    if doc.open_tok[k] != first:
        return None
    a, b = lay.paragraph_tokens(p - 1)
    if b - a < 2 or lay.words[b - 1] not in (":", ",") or lay.quoted[b - 2]:
        return None
    lo = doc.sentence_start(b - 1)
    if lay.words[b - 1] == ",":
        # 'as Joel Pollak of Breitbart California observed,' then the quote
        for t in range(b - 2, max(lo, b - 4) - 1, -1):
            cue = doc.cue_at.get(t)
            if cue is not None and not cue.quoted:
                return frame_for_cue(doc, cue, lo)
        return None
    for t in range(b - 2, max(lo, b - _WINDOW) - 1, -1):
        cue = doc.cue_at.get(t)
        if cue is not None and not cue.quoted:
            return frame_for_cue(doc, cue, lo)
    t = b - 2
    while t >= lo and lay.lower[t] in _TIME_WORDS:
        t -= 1
    g = doc.index.subject_before(b - 1, lo)
    if g is not None and g.first == lo:
        return Frame(":", g, b - 1)  # "Rep. Ann Lee:" as a paragraph of its own
    if t >= lo and verbish(doc, t):
        g = doc.index.subject_before(t, lo)
        if g is not None:
            return Frame(lay.words[t], g, t)
    g = sentence_subject(doc, lo)  # "The chair read out her reply:", "He then listed them:"
    if g is not None and _colon_speaker(g):
        return Frame(":", g, b - 1)
    return None


def verbish(doc: Document, j: int) -> bool:
    """Could token j be a reporting verb the lexicon does not know ('fumed', 'concludes')?

    Only asked where the structure already points at a verb: right after a
    quote and its speaker, or between a quote and a name.
    """
    lay = doc.layout
    if j >= lay.n:
        return False
    word = lay.words[j]
    low = lay.lower[j]
    if not word.isalpha() or not word.islower() or len(low) < 4 or low in GENERIC_STOP:
        return False
    if j in doc.cue_at or low in _IRREGULAR_PAST:
        return True
    if low.endswith("ed"):
        return low not in _NOT_VERBS
    return low.endswith("s") and not low.endswith(("ss", "us", "is", "ous")) and \
        low not in _NOT_VERBS


_NOT_VERBS = word_set("""
    need speed seed feed breed bleed creed greed indeed united armed red bed hundred
    kindred shed wed embed naked wicked sacred rugged ragged tired beloved learned aged
    news series species means process business access press address success class
    glass mass boss loss cross less unless always perhaps towards afterwards whereas
    thanks sometimes besides nevertheless lots others years times days weeks months
""")
_IRREGULAR_PAST = word_set("""
    went wrote spoke thought felt knew saw put read sang swore shot chimed began broke
    came gave held kept left made meant ran rang sent sat stood took taught threw woke
    won forgot forbade bet quipped
""")
_SKIP_BEFORE_VERB = word_set("""
    also then later again once had has have would will could did does do already
    repeatedly recently quickly immediately promptly
""")
# Particles of phrasal reporting verbs: "went on", "shot back", "chimed in".
PARTICLES = word_set("on back in up out along")
# What may follow a post-quote 'X fumed' / 'fumed X' before the sentence goes on.
_AFTER_SPEAKER = frozenset({".", ",", "!", "?", ";", ":", "—", "–", "-", "(", ")"})


def _comma_closed(doc: Document, k: int) -> bool:
    """Does quote k end with a comma at its closing mark ('"...,"' / '"...",')?"""
    s = doc.spans[k]
    return "," in doc.text[max(s.start, s.end - 1):s.after + 1]


def _adjunct_follows(doc: Document, j: int, hi: int) -> bool:
    """Is token j the end of the frame (punctuation) or the start of an adjunct?"""
    lay = doc.layout
    if j >= hi:
        return True
    return lay.words[j] in _AFTER_SPEAKER or lay.lower[j] in PREPOSITIONS or \
        lay.lower[j] in _TIME_WORDS or lay.lower[j] in _ADJUNCT_OPENERS


# Sentence openers skipped when looking for the subject: "But", "In Iowa on Tuesday,".
_CONJUNCTIONS = word_set("and but so yet or still")
_INTRODUCERS = word_set("""
    in on at after before during since when while as although though because if last
    later earlier meanwhile then yesterday today speaking asked addressing following
    despite with without under for by from over throughout within amid unlike like
    asked instead also however now once
""")
_LONE_ADVERBS = word_set("meanwhile instead however now then also still later earlier afterward")
_TIME = word_set("""
    monday tuesday wednesday thursday friday saturday sunday today yesterday night
    morning evening afternoon week month year last this
""")
_TIME_WORDS = word_set("""
    today yesterday tonight tomorrow monday tuesday wednesday thursday friday saturday
    sunday last earlier later recently afterward afterwards again also then once
    repeatedly simply flatly quietly bluntly angrily
""")


def _after(doc: Document, k: int) -> Frame | None:
    """A frame right after quote k's closing mark.

    '"...," said the spokesman ..., Major General X' (inverted), '"...," al-Khafaji
    told INA', '"...," retired Air Force general Lloyd Newton said': the first
    cue in the few words after the quote, with its subject between the two.
    Verbs the lexicon does not know count in the two tight shapes
    '"...," Viguerie concludes.' and '"...," beamed Donald Hartley.'.
    """
    lay, idx = doc.layout, doc.index
    if not doc.spans[k].closed:
        return None
    para = doc.spans[k].paragraph
    n = lay.n
    t = doc.after_tok[k]
    dash = t < n and lay.words[t] in _DASHES
    while t < n and lay.words[t] in (",", "—", "–", "―"):
        t += 1
    if t >= n or lay.para[t] != para or lay.quoted[t]:
        return None
    hi = doc.sentence_end(t)
    cue = doc.cue_at.get(t)
    if dash and cue is None:
        byline = _dash_byline(doc, t)
        if byline is not None:
            return byline
    if cue is not None:
        if cue.passive:
            return None
        # a verb right after '...,"' is inverted whatever the verb ('"...," tweeted a voter')
        inverted = cue.invertible or _comma_closed(doc, k) and lay.lower[t] not in ("told", "tells")
        if cue.form == "according" or (inverted and cue.form == "finite"):
            g = idx.subject_after(cue.last)
            if g is not None:
                return Frame(cue.text, g, t, statement=_in_statement(doc, cue))
        if cue.form == "finite" and lay.lower[t] not in ("told", "tells"):
            g = idx.subject_after(cue.last)
            if g is not None and g.of_kind("pronoun") is None and \
                    _adjunct_follows(doc, g.last, hi):
                return Frame(cue.text, g, t, statement=_in_statement(doc, cue))
        if inverted and cue.form == "finite" and lay.lower[t] not in ("told", "tells"):
            # '"...," said the retired teacher.': a noun phrase the mentions do not parse
            j = cue.last
            while j < hi and j - cue.last < _NP_MAX and not _adjunct_follows(doc, j, hi):
                j += 1
            words = _np_words(doc, cue.last, j)
            if words is not None and _adjunct_follows(doc, j, hi):
                return _words_frame(cue.text, t, words)
        return None
    if verbish(doc, t):
        # '"...," beamed Donald Hartley of Madison.'
        g = idx.subject_after(t + 1)
        if g is not None and g.of_kind("pronoun") is None and _adjunct_follows(doc, g.last, hi):
            return Frame(lay.words[t], g, t)
    sent = lay.sent[t]
    for j in range(t + 1, min(n, t + _POST_WINDOW)):
        if lay.sent[j] != sent or lay.quoted[j] or lay.para[j] != para:
            return None
        cue = doc.cue_at.get(j)
        if cue is None:
            nxt = j + 1
            if nxt < hi and lay.lower[nxt] in PARTICLES and verbish(doc, j):
                nxt += 1  # '"...," she went on.'
            if verbish(doc, j) and (_adjunct_follows(doc, nxt, hi) or
                                    lay.lower[nxt] == "and" and _comma_closed(doc, k)):
                # ('"Sit down," Lee barked and walked out.': a quote closed by a comma
                # is framed by the name and verb after it)
                g = idx.subject_before(j, t)
                if g is not None and (g.first == t or _modifiers_only(doc, t, g.first)):
                    return Frame(lay.words[j], g, j)
                words = _np_words(doc, t, j) if g is None and lay.lower[nxt] != "by" else None
                if words is not None:  # '"...," a voice-over in the ad states.'
                    return _words_frame(lay.words[j], j, words)
            continue
        if cue.passive and lay.lower[j] == "quoted" and lay.lower[j - 1] in ("is", "was") and \
                j + 1 < hi and lay.lower[j + 1] == "as":
            # '"...," Obi is quoted as saying.': the subject before the auxiliary
            g = idx.subject_before(j - 1, t)
            if g is not None and g.first == t and g.of_kind("pronoun") is None:
                return Frame(cue.text, g, j)
            return None
        if cue.passive or cue.form != "finite":
            return None
        if _introduces_next_quote(doc, k, cue, hi):
            return None  # 'Mr. Zahed said: "...': the cue belongs to the next quote
        if lay.words[j - 1] == "," and cue.invertible:
            g = idx.subject_after(cue.last)  # '"..." that Sanders can win, said Elmendorf'
            if g is not None and g.of_kind("pronoun") is None:
                return Frame(cue.text, g, j, statement=_in_statement(doc, cue))
        g = idx.subject_before(j, t)
        if g is not None and g.first > t and lay.words[j - 1] == ",":
            # '"...," Scott Pruitt, the attorney general of Oklahoma, one of the states
            # suing the agency, said': the name right after the quote, not "the agency"
            alt = idx.long_appositive(j - 1, t)
            if alt is not None and alt.first == t:
                g = alt
        if g is not None and g.first > t:
            # '"...," Nate Ruiz, the pollster who founded the site tweeted': the name right
            # after the quote and its appositive, not the noun closing the relative clause
            c = idx.by_first.get(t)
            if c is not None and c.kind in ("person", "name") and c.last < j and \
                    lay.words[c.last] == "," and not any(lay.quoted[c.last:j]):
                g = Group([c])
        if g is None:
            # '"...," a voice-over in the ad states.': an unnamed speaker by its words
            words = _np_words(doc, t, j)
            return _words_frame(cue.text, j, words) if words is not None else None
        return Frame(cue.text, g, j, statement=_in_statement(doc, cue))
    return None


_DASHES = frozenset({"—", "–", "―", "-"})
# Conjunctions opening an adjunct after '"...," she yells': "while moving", "as he left".
_ADJUNCT_OPENERS = word_set("while as when")


def _dash_byline(doc: Document, t: int) -> Frame | None:
    """'"...” ― Sonya Herridge': a quote signed with a dash and a name standing alone
    at the end of its line."""
    lay = doc.layout
    g = doc.index.subject_after(t)
    if g is None or g.of_kind("person", "name", "role", "body") is None or \
            g.of_kind("pronoun") is not None:
        return None
    end = g.last
    if end < lay.n and lay.words[end] in (".", ","):
        end += 1
    if end < lay.n and lay.para[end] == lay.para[t] and \
            "\n" not in lay.text[lay.ends[end - 1]:lay.starts[end]]:
        return None  # the name runs into a sentence: not a signature
    return Frame(lay.words[t - 1], g, t - 1)


def _dash_next_paragraph(doc: Document, k: int) -> Frame | None:
    """'"..."' / '- Dana Obi.': a quote paragraph signed by the next paragraph, a dash and
    a name standing alone (or the name, a comma and a few words: '-Dana Obi, in a post')."""
    lay = doc.layout
    span = doc.spans[k]
    if not span.closed or span.paragraph + 1 >= len(lay.paragraphs):
        return None
    a, b = lay.paragraph_tokens(span.paragraph)
    if doc.open_tok[k] != a or doc.after_tok[k] < b:
        return None  # the quote is not its paragraph's whole text
    t, end = lay.paragraph_tokens(span.paragraph + 1)
    if end - t > _SIGNATURE_MAX or lay.words[t] not in _DASHES or lay.quoted[t]:
        return None
    g = doc.index.subject_after(t + 1)
    if g is None or g.first != t + 1 or g.of_kind("person", "name", "role") is None or \
            g.of_kind("pronoun") is not None:
        return None
    if g.last < end and lay.words[g.last] not in (".", ","):
        return None  # the name runs into a sentence: not a signature
    return Frame(lay.words[t], g, t)


_SIGNATURE_MAX = 16  # tokens of a signature paragraph


def _introduces_next_quote(doc: Document, k: int, cue: Cue, hi: int) -> bool:
    """Does the cue after quote k introduce the next quote ('"..." Mr. Zahed said: "...')
    rather than close quote k ('"...," he said, "..."' is one quote split in two)?"""
    lay = doc.layout
    t = cue.last
    while t < hi and t - cue.last < 4 and lay.lower[t] in _TIME_WORDS:
        t += 1
    if t + 1 >= lay.n or t + 1 not in doc.span_at_open:
        return False
    if lay.words[t] == ":":
        return True
    span = doc.spans[k]
    return lay.words[t] == "," and doc.text[span.end - 1:span.end] in ".!?"


def direct_frame(doc: Document, k: int) -> Frame | None:
    """The frame of direct quote k, or None when its sentence names no speaker."""
    lay = doc.layout
    open_tok = doc.open_tok[k]
    lo = doc.sentence_start(open_tok)
    if k and doc.spans[k - 1].paragraph == doc.spans[k].paragraph:
        lo = max(lo, doc.after_tok[k - 1])
    lo = max(lo, lay.paragraph_tokens(doc.spans[k].paragraph)[0])
    opens_sentence = all(not lay.words[t][0].isalnum() for t in range(lo, open_tok))
    if opens_sentence:
        return _after(doc, k) or _before(doc, k, lo) or colon_paragraph_frame(doc, k) or \
            _verb_sentence_before(doc, k) or _dash_next_paragraph(doc, k) or \
            _subject_paragraph_before(doc, k)
    if _comma_closed(doc, k):
        # 'Lee cannot say that "from his view," Ruiz added': the name and verb right
        # after a comma-closed quote frame it, not the verb of the clause it sits in
        after = _after(doc, k)
        if after is not None and after.subject is not None and \
                after.subject.of_kind("person", "name") is not None and \
                after.subject.of_kind("pronoun") is None:
            return after
    return _before(doc, k, lo) or _after(doc, k) or _words_cue_before(doc, k, lo) or \
        _subject_of_sentence(doc, k, lo)


def _subject_of_sentence(doc: Document, k: int, lo: int) -> Frame | None:
    """'Lee rails against the "..."', 'Lee thanked the nurses "for ..."': quoted words
    inside a sentence with no reporting verb, whose subject is one person and a verb:
    that person's words (inferred, as nobody is said to speak)."""
    lay = doc.layout
    open_tok = doc.open_tok[k]
    start = doc.sentence_start(open_tok)
    if lo != start:
        return None  # another quote earlier in the sentence
    span = doc.spans[k]
    if doc.text.count(" ", span.start, span.end) < 3:
        return None  # a scare quote ('the "deal"') is nobody's statement
    g = sentence_subject(doc, start)
    if g is None or len(g.chunks) > 2 or g.last >= open_tok - 1:
        return None
    c = g.chunks[0]
    if c.kind not in ("person", "name", "pronoun", "body", "role") or c.kind == "pronoun" and (
            c.head != "person" or c.text.lower() in ("i", "we", "they", "you")):
        return None
    t = g.last
    while t < open_tok and is_adverb(lay.lower[t]):
        t += 1
    if t >= open_tok or not (verbish(doc, t) or t in doc.cue_at):
        return None
    return Frame(lay.words[t], g, t, inferred=True)


def _words_cue_before(doc: Document, k: int, lo: int) -> Frame | None:
    """The nearest cue before quote k whose subject is an unparsed noun phrase ("The
    email goes on to say: "..."'), when nothing else frames the quote."""
    open_tok = doc.open_tok[k]
    for t in range(open_tok - 1, max(lo, open_tok - _WINDOW) - 1, -1):
        cue = doc.cue_at.get(t)
        if cue is not None and not cue.quoted:
            return _words_before(doc, cue, lo)
    return None


def _verb_sentence_before(doc: Document, k: int) -> Frame | None:
    """'Dana Obi agreed. "The deadline is too tight."': a quote opening its sentence
    right after a sentence of its paragraph that is only a subject and its reporting
    verb (the verb's words follow)."""
    lay = doc.layout
    open_tok = doc.open_tok[k]
    t = open_tok - 1
    if t < 2 or lay.words[t] != "." or lay.para[t] != lay.para[open_tok] or lay.quoted[t]:
        return None
    # ('Lee tweeted on Wednesday. "..."': time words and a medium may follow the verb)
    c = t - 1
    while c > 0 and t - c <= 4 and c not in doc.cue_at and (
            lay.lower[c] in _TIME_WORDS or lay.lower[c] in _MEDIUM_WORDS):
        c -= 1
    cue = doc.cue_at.get(c)
    if cue is None or cue.quoted or cue.passive or cue.form != "finite" or cue.last != c + 1 \
            and not all(lay.lower[x] in _TIME_WORDS or lay.lower[x] in _MEDIUM_WORDS
                        for x in range(cue.last, t)):
        return None
    lo = doc.sentence_start(cue.first)
    g = doc.index.subject_before(cue.first, lo)
    if g is None or g.chunks[0].kind == "pronoun" and g.chunks[0].head != "person":
        return None
    # nothing but the subject before the verb ("Iowa State's Dana Obi agreed" too)
    if any(lay.lower[x] != "the" and lay.words[x][:1].islower() for x in range(lo, g.first)):
        return None
    return Frame(cue.text, g, cue.first)


def _subject_paragraph_before(doc: Document, k: int) -> Frame | None:
    """'Lee stayed upbeat about the vote. / "We will win."': a quote that is a whole
    paragraph, after a paragraph with no quotation whose last sentence is about one
    person (its subject, then a verb): that person's words."""
    lay = doc.layout
    span = doc.spans[k]
    p = span.paragraph
    if p == 0 or span.continues:
        return None
    a, b = lay.paragraph_tokens(p)
    if doc.open_tok[k] != a or doc.after_tok[k] < b - 1:
        return None
    pa, pb = lay.paragraph_tokens(p - 1)
    if pb - pa < 4 or any(lay.quoted[pa:pb]) or lay.words[pb - 1] not in (".", "!"):
        return None
    g = sentence_subject(doc, doc.sentence_start(pb - 1))
    if g is None or len(g.chunks) > 2:
        return None
    c = g.chunks[0]
    if c.kind not in ("person", "name", "pronoun") or c.kind == "pronoun" and (
            c.head != "person" or c.text.lower() in ("i", "we", "they")):
        return None
    t = g.last
    while t < pb and is_adverb(lay.lower[t]):
        t += 1
    if t >= pb or not (verbish(doc, t) or lay.lower[t] in _BE_HAVE):
        return None
    return Frame(lay.words[t], g, t, inferred=True)


_BE_HAVE = word_set("is was has had remains remained")
# Words after a verb that say when or where it was said: 'wrote on Facebook on Friday'.
_MEDIUM_WORDS = word_set("""
    on in at via a an the statement interview twitter facebook email e-mail post tweet
    radio television tv
""")


def sentence_subject(doc: Document, t: int) -> Group | None:
    """The subject of the sentence starting at token t, after an introductory phrase
    ("In Iowa on Tuesday, Mr. Trump said ..." -> Mr. Trump)."""
    lay = doc.layout
    end = min(doc.sentence_end(t), t + 30)
    while t < end and (lay.quoted[t] or not lay.words[t][0].isalnum()):
        return None
    if lay.lower[t] in _CONJUNCTIONS:
        t += 1
    if t + 1 < end and lay.lower[t] in _LONE_ADVERBS and lay.words[t + 1] != ",":
        # "Meanwhile Rihanna, who ..., spoke": an adverb with no comma of its own
        return _subject_at(doc, t, end) or _subject_at(doc, t + 1, end)
    return _subject_at(doc, t, end)


def _subject_at(doc: Document, t: int, end: int) -> Group | None:
    lay = doc.layout
    if t < end and lay.lower[t] in _INTRODUCERS:
        j = t + 1
        while j < end and j - t < 16 and lay.words[j] != "," and not lay.quoted[j]:
            j += 1
        if j >= end or lay.words[j] != ",":
            return None
        t = j + 1
        # "At an event in Ames, Iowa, on Sunday, Mrs. Clinton ...": the place and the
        # time after the first comma still belong to the opening phrase
        for _ in range(2):
            c = doc.index.by_first.get(t)
            j = c.last if c is not None and (c.head == "place" or c.kind in ("name", "body")
                                             and c.last < end and lay.words[c.last] == ","
                                             and len(c.text.split()) == 1) else t
            while j < end and j - t < 6 and lay.words[j] != "," and not lay.quoted[j] and \
                    (j == t or lay.lower[j] in _INTRODUCERS or lay.lower[j] in _TIME):
                j += 1
            if j > t and j < end and lay.words[j] == ",":
                t = j + 1
            else:
                break
    c = doc.index.by_first.get(t)
    if c is None and t + 1 < end and lay.lower[t] == "the":
        # "The Democratic National Convention released ...": a name after "The"
        c = doc.index.by_first.get(t + 1)
        if c is not None and c.kind not in ("name", "body"):
            c = None
        elif c is not None and c.kind == "name":
            # a name after "the" is a body or a thing, never a person ("he" is not it)
            return Group([replace(c, kind="body", name=c.name or c.text, head=None)])
    if c is None and t + 2 < end and (lay.lower[t] == "a" or lay.lower[t] == "an"):
        # "An angry Roe hit back": an article and an adjective before a name
        return _name_after_article(doc, t + 1, end)
    if c is None or c.oblique or c.possessive or c.quoted:
        return None
    if c.kind == "name" and c.first == c.last - 1 and c.title is None:
        later = _name_after_modifiers(doc, c.last, end)
        if later is not None:
            return later
    return doc.index.group_forward(c)


_MAX_MODIFIERS = 4


def _name_after_modifiers(doc: Document, t: int, end: int) -> Group | None:
    """'Democratic presidential front-runner Jane Roe stretched ...': a capitalised
    adjective and a description the mention scan does not read as a role, then a name
    and a verb.  The name is the subject (not the capitalised first word)."""
    c = _name_after_lower_words(doc, t, end, _MAX_MODIFIERS)
    if c is None or " " not in (c.name or ""):
        return None
    return _subject_before_verb(doc, c, end)


def _name_after_article(doc: Document, t: int, end: int) -> Group | None:
    """The person in 'A furious Roe ...' / 'an unusually calm Jane Roe ...': one or two
    lower-case modifiers after the article, then a name and a verb."""
    c = _name_after_lower_words(doc, t, end, 2)
    if c is None or c.oblique:
        return None
    return _subject_before_verb(doc, c, end)


def _name_after_lower_words(doc: Document, t: int, end: int, most: int) -> Chunk | None:
    """The person or name chunk right after 1..`most` lower-case words from token t."""
    words = doc.layout.words
    j = t
    while j < end and j - t < most and words[j][:1].islower() and \
            words[j].replace("-", "").isalpha():
        j += 1
    if j == t or j >= end:
        return None
    c = doc.index.by_first.get(j)
    if c is None or c.kind not in ("name", "person") or c.quoted or c.possessive or \
            c.head == "place":
        return None
    return c


def _subject_before_verb(doc: Document, c: Chunk, end: int) -> Group | None:
    """c's group, when a verb follows it (past adverbs) before token `end`."""
    g = doc.index.group_forward(c)
    k = g.last
    while k < end and is_adverb(doc.layout.lower[k]):
        k += 1
    return g if k < end and verbish(doc, k) else None
