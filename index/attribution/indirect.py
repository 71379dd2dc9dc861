"""Indirect speech: the reported clause after a cue, in the speaker's sense, not words.

Recognised shapes (the content is what `Clause` covers):

- cue [object] [adjuncts] that CONTENT   "said in a statement received by INA that ..."
- participle that CONTENT                ", indicating that ..."
- say-verb CONTENT (no "that")           "Trump said he would ..."
- According to X, CONTENT / CONTENT, according to X
- quoted X as saying (that) CONTENT

The content runs to the end of the sentence, or to the next participial cue
(", adding that"), ", according to", a semicolon, or a new clause with its own
reporting verb (", while it stressed that").  It may hold a direct quote (a
mixed quote): the direct quote is reported on its own as well.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from index.attribution.cues import Cue
from index.attribution.document import Document
from index.attribution.frames import Frame, frame_for_cue
from index.attribution.layout import SEMICOLON_BIT
from index.attribution.mentions import INDEFINITE, PREPOSITIONS, SUBJECT_SKIP, word_set

_ADJUNCT_WORDS = word_set("""
    today yesterday tomorrow tonight monday tuesday wednesday thursday friday saturday
    sunday also again further earlier later recently previously repeatedly once publicly
    privately separately on
""")
_ADJUNCT_PREPOSITIONS = PREPOSITIONS | {"during", "following", "amid", "ahead", "upon", "via"}
_ADJUNCT_PARTICIPLES = word_set("""
    received attended held issued published carried broadcast posted released obtained
    seen sent delivered given made aired quoted reported cited
""")
_SUBJECT_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "there", "you"})
_AUX = word_set("""
    is are was were will would can could should must may might has have had did does do
    shall
""")
_PRONOUN_CONTRACTIONS = ("'d", "’d", "'ll", "’ll", "'s", "’s", "'re", "’re", "'ve", "’ve", "'m",
                         "’m")
_NOT_CLAUSE_START = word_set("""
    and but or nor so as if then also not that which who whom whose where when while
    because although though since until unless whether to too very more most less
""")
_ED_ADJECTIVES = word_set("""
    united armed supposed alleged so-called red need speed indeed hundred limited
    concerned interested related based
""")
_FINITE_IRREGULAR = word_set("""
    went came made took gave knew thought felt saw told wrote said found kept left lost
    meant met paid sent spent stood won held brought bought built began became ran
""")
_SAY = frozenset({"said", "told", "added", "stated", "insisted", "argued", "claimed",
                  "warned", "wrote", "noted", "explained", "believed", "acknowledged",
                  "admitted", "predicted", "suggested", "asserted", "declared",
                  # stances: "polls show Clinton leading", "he thinks it will pass"
                  "thought", "knew", "hoped", "feared", "expected", "felt", "suspected",
                  "worried", "found", "showed", "estimated", "alleged", "doubted",
                  "projected", "agreed"})
# Who is told: "told reporters", "told him".
_HEARERS = word_set("reporters journalists him her them us me supporters voters")
# Where the object of a stance verb ends ("endorsed X on Monday", "praised X, saying").
_OBJECT_STOP = word_set("""
    on in at during after before while when as because since amid despite following
    last this yesterday today tonight monday tuesday wednesday thursday friday saturday
    sunday but and or which who whom whose where than though although if unless until
    by via over through
""")
_OBJECT_END_PUNCT = frozenset({",", ";", ":", "!", "?", "(", ")", "—", "–", "-"})
# Verbs of evidence, which also take a small clause ("shows rents rising").
_EVIDENCE = frozenset({"showed", "found"})
# Words opening an indirect question: "asked whether ...", "wondered how ...".
_WH = frozenset({"whether", "if", "why", "how", "what", "when", "where", "who", "which"})
_ASKING = frozenset({"asked", "wondered", "questioned", "doubted"})
_CLAUSE_CONJ = frozenset({"while", "whereas", "but", "and", "as"})
_MAX_CLAUSE = 200
_PAUSES = frozenset({",", '"', "”", "»"})
_MIN_WORDS = 3
# Participles that introduce quoted words, not a clause ("calling it a "disgrace"").
_QUOTE_ONLY = frozenset({"called"})


@dataclass(slots=True)
class Clause:
    """Reported content: tokens [first, last), body[start:end], and its frame."""

    cue: Cue
    frame: Frame
    first: int
    last: int
    start: int
    end: int


def _skip_noun_phrase(doc: Document, j: int, limit: int) -> int:
    lay = doc.layout
    k = j
    while k < limit and k - j < 12:
        w = lay.words[k]
        lk = lay.lower[k]
        if lay.quoted[k] or lk == "that" or lk in _ADJUNCT_PREPOSITIONS and k > j:
            break
        if not w[0].isalnum() and w not in "()-":
            break
        if k in doc.cue_at and k > j:
            break
        k += 1
    return k


def _is_clause_start(doc: Document, j: int, limit: int, small: bool = False) -> bool:
    """Does a clause with its own subject start at token j ('he would', 'the ministry will',
    'referees are', 'his community doesn't')?"""
    lay = doc.layout
    lw, words = lay.lower, lay.words
    if j >= limit or lay.quoted[j] or not words[j][0].isalnum():
        return False
    if lw[j] in _SUBJECT_PRONOUNS or lw[j].endswith(_PRONOUN_CONTRACTIONS) and \
            lw[j].split("'")[0].split("’")[0] in _SUBJECT_PRONOUNS:
        return j + 1 < limit and (words[j + 1][0].isalnum() or "'" in lw[j] or "’" in lw[j]) \
            and (j + 1) not in doc.cue_at
    if lw[j] in _NOT_CLAUSE_START or lw[j] in _ADJUNCT_PREPOSITIONS:
        return False
    for k in range(j + 1, min(limit, j + 10)):
        if lay.quoted[k] or k in doc.cue_at or words[k] in (";", ":", "(", "—"):
            return False
        w = lw[k]
        if w in _AUX or w.endswith(("n't", "n’t")) or _finite_looking(w) or (
                small and w.endswith("ing") and len(w) > 5):
            return k > j  # ("polls show Clinton leading": a small clause after show/find)
    return False


def _finite_looking(w: str) -> bool:
    """A lower-case word that looks like a past or present verb ('pledged', 'wants')."""
    if len(w) < 4 or not w.isalpha():
        return False
    return w.endswith("ed") and w not in _ED_ADJECTIVES or w in _FINITE_IRREGULAR


def _content_start(doc: Document, cue: Cue) -> int | None:
    """Where the reported clause after a finite or participial cue starts, if it has one."""
    lay = doc.layout
    lw, words = lay.lower, lay.words
    limit = doc.sentence_end(cue.first)
    j = cue.last
    # that-less reported clause: "said he would", "told reporters the plan was ready"
    if cue.form == "finite" and cue.lemma in _SAY and cue.first > 0 and \
            words[cue.first - 1] not in "\"”" and not lay.quoted[cue.first - 1] and (
                words[cue.first - 1] != "," or  # "X, a lawyer, said ...": a subject first
                doc.index.subject_before(cue.first, doc.sentence_start(cue.first)) is not None):
        k = j
        if cue.takes_object and k < limit and (lw[k] in ("reporters", "journalists", "him",
                                                         "her", "them", "us") or
                                              words[k].isupper() and len(words[k]) > 1):
            k += 1
        if _is_clause_start(doc, k, limit, cue.lemma in _EVIDENCE):
            return k
    seen_object = False
    steps = 0
    while j < limit and steps < 30:
        steps += 1
        w = lw[j]
        if lay.quoted[j]:
            return None
        if w == "that":
            return j + 1 if j + 1 < limit else None
        if w in _WH and cue.lemma in _ASKING:
            return j  # "asked whether the deal would hold"
        if words[j] in ",()":
            j += 1
            continue
        if w in _ADJUNCT_WORDS:
            j += 1
            continue
        if w in _ADJUNCT_PREPOSITIONS or w in _ADJUNCT_PARTICIPLES:
            j = _skip_noun_phrase(doc, j + 1, limit)
            continue
        if cue.takes_object and not seen_object and words[j][0].isalnum() and w not in INDEFINITE:
            seen_object = True
            j = _skip_noun_phrase(doc, j, limit)
            continue
        return None
    return None


def clause_cuts(doc: Document) -> list[int]:
    """Sorted token indices where a reported clause must end (exclusive).

    A semicolon; a comma (or a closing mark) before a participial cue or
    "according to"; a comma before "while / and / but" and a new reporting verb.
    """
    lay = doc.layout
    words, lw, quoted = lay.words, lay.lower, lay.quoted
    cuts = [t for t in lay.having(SEMICOLON_BIT) if not quoted[t]]
    for cue in doc.cues:
        if cue.quoted or cue.passive:
            continue
        k = cue.first - 1
        if k < 0:
            continue
        if cue.form in ("participle", "according"):
            if words[k] == ",":
                cuts.append(k)
            elif quoted[k] and words[k] in _PAUSES:
                cuts.append(k + 1)  # keep the closing mark of a mixed quote
        for x in range(k, max(-1, k - 4), -1):
            if words[x] == "," and x + 1 < len(words) and lw[x + 1] in _CLAUSE_CONJ \
                    and not quoted[x + 1]:
                cuts.append(x)
                break
    cuts.sort()
    return cuts


def _content_end(doc: Document, j: int, cuts: list[int]) -> int:
    """End (exclusive token) of a reported clause starting at token j."""
    end = min(doc.sentence_end(j), j + _MAX_CLAUSE)
    k = bisect_right(cuts, j)
    if k < len(cuts) and cuts[k] < end:
        end = cuts[k]
    return end


def _trim(doc: Document, first: int, last: int,
          min_words: int = _MIN_WORDS) -> tuple[int, int] | None:
    """Character span of tokens [first, last) without trailing punctuation."""
    lay = doc.layout
    while last > first and lay.words[last - 1] in ",;:.—–-" and not lay.quoted[last - 1]:
        last -= 1
    if last <= first:
        return None
    if min_words > 0:
        ws = lay.words
        count = 0
        for t in range(first, last):
            if ws[t][0].isalnum():
                count += 1
                if count >= min_words:
                    break
        else:
            return None
    return lay.starts[first], lay.ends[last - 1]


def _mostly_direct(doc: Document, first: int, last: int) -> bool:
    """True when the clause is a direct quote with at most one word outside it."""
    lay = doc.layout
    quoted, ws = lay.quoted, lay.words
    if not any(quoted[first:last]):
        return False
    outside = 0
    for t in range(first, last):
        if not quoted[t] and ws[t][0].isalnum():
            outside += 1
            if outside >= 2:
                return False
    return True


def _postposed(doc: Document, cue: Cue, lo: int) -> tuple[Frame, int, int] | None:
    """'CONTENT, a source said.' / 'CONTENT, said David Autor, a professor ...': the cue
    and its subject close the sentence."""
    lay = doc.layout
    end = doc.sentence_end(cue.first)
    if cue.invertible and cue.first - 1 > lo and lay.words[cue.first - 1] in (",", '"', "”") \
            and not any(lay.quoted[t] for t in range(cue.first, end)):
        g = doc.index.subject_after(cue.last)
        if g is not None and g.of_kind("pronoun") is None and (
                g.last >= end - 1 or lay.words[g.last] in (",", ".", "(")):
            comma = cue.first - 1
            if not any(t in doc.cue_at and not doc.cue_at[t].passive and not lay.quoted[t]
                       for t in range(lo, comma)):
                return Frame(cue.text, g, cue.first), lo, comma
    if cue.learned:
        return None
    if cue.form == "finite" and cue.last < end and lay.words[cue.last] == "," and \
            not any(lay.quoted[t] for t in range(lo, cue.last)):
        # 'In his state, Christie said, offenders are sent to treatment': a parenthetical
        # attribution; the content is the whole sentence around it
        g = doc.index.subject_before(cue.first, lo)
        if g is not None and g.first - 1 > lo and lay.words[g.first - 1] == "," and not any(
                t in doc.cue_at and t != cue.first and not doc.cue_at[t].passive
                for t in range(lo, end)):
            return Frame(cue.text, g, cue.first), lo, end
    if end - cue.last > 8 or any(lay.quoted[t] for t in range(cue.last, end)):
        return None
    nxt = cue.last
    if nxt < end and lay.words[nxt][0].isalnum() and lay.lower[nxt] not in _ADJUNCT_WORDS \
            and lay.lower[nxt] not in _ADJUNCT_PREPOSITIONS and not (
                cue.takes_object and (lay.lower[nxt] in _HEARERS or lay.words[nxt][0].isupper())):
        return None  # the verb has an object: "X, Y endorsed Z" is no postposed frame
    g = doc.index.subject_before(cue.first, lo)
    if g is None or g.first - 1 <= lo or lay.words[g.first - 1] not in (",", '"', "”"):
        return None
    comma = g.first - 1
    if lay.words[comma] != ",":
        comma += 1  # '"We are frustrated" by the shooting, Nefzi said': keep the mark
    if any(t in doc.cue_at and not doc.cue_at[t].passive and not lay.quoted[t]
           for t in range(lo, comma)):
        return None  # the sentence has its own reporting verb
    return Frame(cue.text, g, cue.first), lo, comma


_NP_STOP = word_set("""
    and but or that because while although though when if as so since after before
    which who whom whose where than
""")


def _unparsed_subject(doc: Document, cue: Cue, lo: int) -> Frame | None:
    """'59 percent of voters said ...', 'most of them said ...': a say-verb whose subject
    the mention scan does not parse.  The clause is reported with an unnamed speaker
    whose role is the subject's words (a short noun phrase right before the verb)."""
    if cue.form != "finite" or cue.learned or cue.lemma not in _SAY:
        return None
    lay = doc.layout
    words, lw = lay.words, lay.lower
    t = cue.first - 1
    while t >= lo and lw[t] in SUBJECT_SKIP:
        t -= 1
    last = t + 1
    while t >= lo and last - t <= 7 and words[t][0].isalnum() and lw[t] not in _NP_STOP \
            and not lay.quoted[t]:
        t -= 1
    first = t + 1
    if first >= last or last - first > 6 or (lw[first] in _SUBJECT_PRONOUNS):
        return None
    if t >= lo and words[t][0].isalnum() and lw[t] not in _NP_STOP:
        return None  # a longer stretch: no telling where its subject starts
    text = lay.text[lay.starts[first]:lay.ends[last - 1]]
    return Frame(cue.text, None, cue.first, unattributed=True, speaker_text=text)


def _quote_after(doc: Document, cue: Cue, limit: int) -> int | None:
    """The first direct quote opening within `limit` tokens after the cue, in its sentence."""
    lay = doc.layout
    end = min(doc.sentence_end(cue.first), cue.last + limit)
    for t in range(cue.last, end):
        if lay.quoted[t]:
            return t if t in doc.span_at_open else None
        if t in doc.cue_at or lay.words[t] in (";", ":"):
            return None
    return None


def _before_quote(doc: Document, cue: Cue) -> int | None:
    """A that-less reported clause holding quoted words: 'said Clinton lacks "the stamina"'.

    Without quoted words such a clause is too uncertain ('said Tuesday the ...');
    with them, the words from the cue to the quote are the reported clause.
    """
    lay = doc.layout
    q = _quote_after(doc, cue, 20)
    if q is None:
        return None
    j = cue.last
    while j < q and (lay.lower[j] in _ADJUNCT_WORDS or lay.words[j] == ","):
        j += 1
    if cue.takes_object and j < q and (lay.lower[j] in ("reporters", "journalists", "him", "her",
                                                        "them", "us", "me")):
        j += 1
    words = sum(1 for t in range(j, q) if lay.words[t][0].isalnum())
    if words == 1 and lay.lower[j] in _SUBJECT_PRONOUNS:
        return j  # 'said she "isn't going to ..."'
    return j if words >= 2 and lay.words[j][0].isalnum() else None


def _mixed_object(doc: Document, cue: Cue, cuts: list[int]) -> Clause | None:
    """'called the use of executive orders "quite dangerous"': object plus quoted words,
    and what the clause says after them ('called it a "brazen breach" of the resolutions')."""
    lay = doc.layout
    q = _quote_after(doc, cue, 14)
    if q is None:
        return None
    k = doc.span_at_open[q]
    span = doc.spans[k]
    first = cue.last
    if first >= q or not lay.words[first][0].isalnum():
        return None
    lo = doc.sentence_start(cue.first)
    frame = frame_for_cue(doc, cue, lo)
    if frame is None:
        return None
    last = doc.after_tok[k]
    end = _content_end(doc, first, cuts)
    if end > last and span.closed:
        # up to an adjunct of time or place ('"a fairy tale" on Tuesday') or a comma
        stop = last
        while stop < end and not lay.quoted[stop] and lay.lower[stop] not in _OBJECT_STOP \
                and lay.words[stop] not in _OBJECT_END_PUNCT:
            stop += 1
        found = _trim(doc, first, stop, 1) if stop > last else None
        if found is not None and found[1] > span.end:
            return Clause(cue, frame, first, stop, found[0], found[1])
    return Clause(cue, frame, first, last, lay.starts[first], span.end)


def _object_content(doc: Document, cue: Cue, lo: int) -> tuple[Frame, int, int] | None:
    """'Trump endorsed the senator from Ohio on Monday': the object of a stance verb
    (learned cues only), up to a comma or an adjunct of time or place."""
    if not (cue.learned or cue.evaluative):
        return None
    lay = doc.layout
    first = cue.last
    hi = min(doc.sentence_end(cue.first), first + 25)
    if first >= hi or not lay.words[first][0].isalnum() or lay.lower[first] in _OBJECT_STOP \
            or lay.quoted[first] or first in doc.cue_at:
        return None
    last = first
    while last < hi and not lay.quoted[last] and lay.words[last] not in _OBJECT_END_PUNCT \
            and (last == first or lay.lower[last] not in _OBJECT_STOP) and last not in doc.cue_at:
        last += 1
    frame = frame_for_cue(doc, cue, lo)
    if frame is None or frame.subject is None:
        return None
    return frame, first, last


def find_clauses(doc: Document) -> list[Clause]:
    """Every indirect (or mixed) reported clause, in order."""
    lay = doc.layout
    clauses: list[Clause] = []
    cuts = clause_cuts(doc)
    busy_until = -1  # the content of the last clause: cues inside it do not start clauses
    for cue in doc.cues:
        if cue.quoted or cue.first < busy_until:
            continue  # a cue inside reported content (content ends before a new clause's cue)
        if cue.evaluative or cue.form == "participle" and cue.lemma in _QUOTE_ONLY:
            # 'called the plan "a disaster"': the object and the quoted words, nothing more
            mixed = _mixed_object(doc, cue, cuts)
            if mixed is None and cue.evaluative and cue.form == "finite" and not cue.passive:
                obj = _object_content(doc, cue, doc.sentence_start(cue.first))
                if obj is not None:  # "has blasted the delegate system"
                    span = _trim(doc, obj[1], obj[2], 1)
                    if span is not None:
                        mixed = Clause(cue, obj[0], obj[1], obj[2], span[0], span[1])
            if mixed is not None:
                clauses.append(mixed)
                busy_until = max(busy_until, mixed.last)
            continue
        lo = doc.sentence_start(cue.first)
        first: int | None = None
        if cue.form == "according":
            frame = frame_for_cue(doc, cue, lo)
            if frame is None or frame.subject is None:
                continue
            after = frame.subject.last
            prefix = [t for t in range(lo, cue.first) if lay.words[t][0].isalnum()]
            if not prefix and after < lay.n and lay.words[after] == ",":
                first, last = after + 1, _content_end(doc, after + 1, cuts)
            elif prefix and cue.first > 0 and lay.words[cue.first - 1] == ",":
                # "CONTENT, according to X": only when the sentence has no other speaker
                if any(c in doc.cue_at and not doc.cue_at[c].passive and not lay.quoted[c]
                       for c in range(lo, cue.first)):
                    continue
                first, last = lo, cue.first - 1
            else:
                continue
        else:
            if cue.passive and cue.form != "as_saying":
                continue
            if cue.invertible and cue.form == "finite" and cue.first == lo:
                continue  # 'Said Ada Obi, a farmer, "..."': the subject follows, then a quote
            if cue.form == "as_saying":
                j = cue.last
                first = j + 1 if j < lay.n and lay.lower[j] == "that" else j
            else:
                first = _content_start(doc, cue)
                if first is None and cue.form in ("finite", "participle"):
                    first = _before_quote(doc, cue)
            if first is None and cue.form == "finite":
                post = _postposed(doc, cue, lo)
                if post is None:
                    obj = _object_content(doc, cue, lo)
                    if obj is None:
                        continue
                    frame, first, last = obj
                else:
                    frame, first, last = post
            else:
                if first is None or first >= lay.n or (
                        lay.quoted[first] and first in doc.span_at_open):
                    continue
                frame = frame_for_cue(doc, cue, lo)
                if frame is None:
                    frame = _unparsed_subject(doc, cue, lo)
                    if frame is None:
                        continue
                last = _content_end(doc, first, cuts)
        if _mostly_direct(doc, first, last):
            continue
        span = _trim(doc, first, last, 1 if cue.learned else _MIN_WORDS)
        if span is None:
            continue
        clauses.append(Clause(cue, frame, first, last, span[0], span[1]))
        busy_until = max(busy_until, last)
    more = _embedded_quote_clauses(doc, clauses, cuts)
    if more:
        clauses = sorted(clauses + more, key=lambda c: c.first)
    return clauses


_EMBED_BACK = 25  # tokens looked back from a quote for the cue of its clause
_EMBED_SKIP = frozenset({"that", ","})


def _embedded_quote_clauses(doc: Document, clauses: list[Clause], cuts: list[int]) -> list[Clause]:
    """Mixed quotes the shapes above miss: quoted words inside the clause of a cue earlier
    in the sentence ('said he'd asked his "people" to "look into" paying the fees',
    'told Stephanopoulos that "we tell the truth" and that ...').  The clause runs from
    after the cue (its "that", adjuncts and hearer) to the end of the sentence."""
    lay = doc.layout
    words, lw = lay.words, lay.lower
    out: list[Clause] = []
    ranges = sorted((c.first, c.last) for c in clauses)
    starts = [a for a, _ in ranges]
    reach = list(accumulate((b for _, b in ranges), max))  # furthest end so far
    done_until = -1
    for k, span in enumerate(doc.spans):
        o = doc.open_tok[k]
        if span.continues or o <= done_until or o == 0 or words[o - 1] in (":", ","):
            continue
        i = bisect_right(starts, o) - 1
        if i >= 0 and reach[i] > o:
            continue  # inside a clause already found
        lo = doc.sentence_start(o)
        if lo >= o - 1:
            continue  # the quote opens its sentence
        found_cue = None
        for t in range(o - 1, max(lo, o - _EMBED_BACK) - 1, -1):
            if lay.quoted[t] or words[t] in (":", ";"):
                break
            c = doc.cue_at.get(t)
            if c is not None:
                found_cue = c
                break
        if found_cue is None or found_cue.quoted or found_cue.passive or \
                found_cue.form not in ("finite", "participle"):
            continue
        first = found_cue.last
        while first < o and (lw[first] in _EMBED_SKIP or lw[first] in _ADJUNCT_WORDS):
            first += 1
        if not any(words[t][0].isalnum() and lw[t] not in _EMBED_SKIP for t in range(first, o)):
            # 'said that "..."': the quote is the whole content, unless the clause goes
            # on after it ('said "the wind is at our backs" despite the loss')
            a = doc.after_tok[k]
            if not span.closed or a >= lay.n or lay.quoted[a] or not words[a].isalpha() \
                    or not words[a].islower() or a in doc.cue_at:
                continue
        cue, frame = found_cue, frame_for_cue(doc, found_cue, lo)
        if frame is None:
            # 'said he'd asked his "people"': "asked" has no subject of its own; the cue
            # before it has
            cue = frame = None
            for t in range(found_cue.first - 1, max(lo, o - _EMBED_BACK) - 1, -1):
                c = doc.cue_at.get(t)
                if c is None or lay.quoted[t]:
                    continue
                if c.quoted or c.passive or c.form not in ("finite", "participle"):
                    break
                frame = frame_for_cue(doc, c, lo)
                if frame is not None:
                    cue = c
                    first = c.last
                    while first < o and (lw[first] in _EMBED_SKIP or lw[first] in _ADJUNCT_WORDS):
                        first += 1
                break
            if frame is None or cue is None:
                continue
        last = _content_end(doc, first, cuts)
        if last <= o or _mostly_direct(doc, first, last):
            continue
        found = _trim(doc, first, last, 1)
        if found is None:
            continue
        out.append(Clause(cue, frame, first, last, found[0], found[1]))
        done_until = last
    return out
