"""Indirect speech: the reported clause after a cue, in the speaker's sense, not words.

Recognised shapes (the content is what `Clause` covers):

- cue [object] [adjuncts] that CONTENT   "said in a statement received by INA that ..."
- participle that CONTENT                ", indicating that ..."
- say-verb [time] CONTENT (no "that")    "Trump said on Friday he would ...", ", saying the
                                         plan was ready" (its verb may report too: "said
                                         she hopes ...", and then the inner report is a
                                         clause of its own, nested inside)
- According to X, CONTENT / CONTENT, according to X (X a person, a body or any words:
                                         "according to data released Friday")
- quoted X as saying (that) CONTENT
- CONTENT, X said / CONTENT, said X      X a name, a role or plain words ("police said")
- verb OBJECT                            "endorsed Mr. Lee", ", citing his record", "urged
                                         the council to delay the vote", "wants to build"
- learned phrase OBJECT                  "talked about the flood", "criticism of the deal",
                                         ", referring to the senator"
- CONTENT, X said, CONTENT               a parenthetical attribution (a time may follow the
                                         verb: ", he said on Monday,"); also ", according
                                         to X," inside its sentence: the whole sentence
- Asked whether/about X, SUBJECT ...     the question, for the subject after the comma
- X was asked whether/about Q            the question Q, its asker unnamed (also "...,
                                         he said when asked by a reporter if Q", "Asked
                                         at a hearing whether Q, ...")
- As X noted, CONTENT / CONTENT, as X noted   an "as" clause naming the source
- In a poll/survey/report ..., CONTENT   the rest of the sentence, the source its speaker

The content runs to the end of the sentence, or to the next participial cue
(", adding that"), ", according to", a semicolon, or a new clause with its own
reporting verb (", while it stressed that", "- but said"); a report inside an opening
"While / Although ..." clause ends at that clause's comma, one inside a relative clause
(", who said last week that ..., issued") at the comma closing it.  An object runs to a
comma, a new clause or an adjunct of time or place (a relative "who" right after its noun
goes with it); an infinitive to the end of its clause.  A
subject the mention scan does not parse ("A 2014 study by ...", "restructuring
experts") becomes an unnamed speaker described by its words; a verb whose own subject
the frames miss reports for the noun before a relative "who" ("voters who said ...") or
for its sentence subject ("... thanked them and said ..."), and a participle for a name
right before it ("with Gov. Lee calling ...") or, failing a known speaker, for its
sentence subject's words.  A clause may hold a
direct quote (a mixed quote): the direct quote is reported on its own as well.
Every clause then passes the learned check (`judge`).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from index.attribution.cues import PHRASE_BIT, PHRASE_HEADS, Cue
from index.attribution.document import Document
from index.attribution.frames import Frame, frame_for_cue, sentence_subject
from index.attribution.layout import SEMICOLON_BIT
from index.attribution.mentions import INDEFINITE, PREPOSITIONS, SUBJECT_SKIP, Group, word_set

_ADJUNCT_WORDS = word_set("""
    today yesterday tomorrow tonight monday tuesday wednesday thursday friday saturday
    sunday also again further earlier later recently previously repeatedly once publicly
    privately separately on then now
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
                  "projected", "agreed",
                  # news: 'the paper reported last month the minister had ...'
                  "reported"})
# Verbs whose reported clause may come without "that" ('announced Friday he would run'),
# besides the say-verbs.
_THATLESS = _SAY | word_set("""
    announced revealed confirmed vowed recalled signaled assured stressed reiterated
""")
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
    # how it was found, for the learned check: "clause" (after its cue), "object" (of a
    # verb: 'endorsed Mr. Lee', 'urged X to ...'), "postposed" ('..., police said'),
    # "phrase" ('talked about X'), "asked" ('Asked whether X, Lee ...'), "source" ('In a
    # new poll, X')
    shape: str = "clause"


def _skip_noun_phrase(doc: Document, j: int, limit: int, wh: bool = False) -> int:
    """Past a noun phrase from token j (to "that", a preposition, a quote, a cue; with
    `wh`, to a wh-word too: 'asked the mayor whether ...')."""
    lay = doc.layout
    k = j
    while k < limit and k - j < 12:
        w = lay.words[k]
        lk = lay.lower[k]
        if lay.quoted[k] or lk == "that" or lk in _ADJUNCT_PREPOSITIONS and k > j or \
                wh and k > j and lk in _WH:
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
        # 'said she hopes ...': a verb of its own, reporting or not
        return j + 1 < limit and (words[j + 1][0].isalnum() or "'" in lw[j] or "’" in lw[j]) \
            and not _passive_cue(doc, j + 1)
    if lw[j] in _NOT_CLAUSE_START or lw[j] in _ADJUNCT_PREPOSITIONS:
        return False
    for k in range(j + 1, min(limit, j + 14)):
        if lay.quoted[k] or words[k] in (";", ":", "(", "—"):
            return False
        cue = doc.cue_at.get(k)
        if cue is not None:  # 'said Sanders believes ...': the clause's own verb
            return cue.form == "finite" and not cue.passive and cue.lemma not in _INVERTING
        w = lw[k]
        if w in _AUX or w.endswith(("n't", "n’t")) or _finite_looking(w) or (
                small and w.endswith("ing") and len(w) > 5):
            return k > j  # ("polls show Clinton leading": a small clause after show/find)
    return False


_INVERTING = frozenset({"said", "told", "added", "according to", "as saying"})


def _passive_cue(doc: Document, k: int) -> bool:
    cue = doc.cue_at.get(k)
    return cue is not None and (cue.passive or cue.form != "finite")


def _finite_looking(w: str) -> bool:
    """A lower-case word that looks like a past or present verb ('pledged', 'wants')."""
    if len(w) < 4 or not w.isalpha():
        return False
    return w.endswith("ed") and w not in _ED_ADJECTIVES or w in _FINITE_IRREGULAR


_WEEKDAYS = word_set("monday tuesday wednesday thursday friday saturday sunday")
_TIME_AFTER = word_set("morning afternoon evening night")


_TIME_STARTS = _WEEKDAYS | word_set("""
    yesterday today tonight again also later earlier recently previously repeatedly on last
    this for in
""")
# 'has said for weeks he ...', 'said in recent days the ...': a stretch of time
_DURATIONS = word_set("days weeks months years decades")


def _skip_time(doc: Document, k: int, limit: int) -> int:
    """Past a short adjunct of time right after a say-verb ('on Friday', 'Tuesday night',
    'last week', 'again', a comma-free adverb), which a that-less clause may follow."""
    lay = doc.layout
    lw = lay.lower
    j = k
    while j < limit and j - k < 5 and not lay.quoted[j]:
        w = lw[j]
        if w in _WEEKDAYS or w in ("yesterday", "today", "tonight", "again", "also", "later",
                                   "earlier", "recently", "previously", "repeatedly"):
            j += 1
            while j < limit and lw[j] in _TIME_AFTER:
                j += 1
        elif w == "on" and j + 1 < limit and lw[j + 1] in _WEEKDAYS:
            j += 1
        elif w in ("last", "this") and j + 1 < limit and lw[j + 1] in (
                "week", "month", "year", "weekend", "spring", "summer", "fall", "winter"):
            j += 2
        elif w == "for" and j + 1 < limit and lw[j + 1] in _DURATIONS:
            j += 2  # 'for weeks'
        elif w == "in" and j + 2 < limit and (lw[j + 1] in ("recent", "past") and lw[j + 2] in
                                                _DURATIONS or lw[j + 1:j + 3] == ["the", "past"]):
            j += 3  # 'in recent days', 'in the past'
        elif len(w) > 4 and w.endswith("ly") and w.isalpha() and w not in ("only", "early"):
            j += 1
        else:
            break
    return j


def _content_start(doc: Document, cue: Cue) -> int | None:
    """Where the reported clause after a finite or participial cue starts, if it has one."""
    lay = doc.layout
    lw, words = lay.lower, lay.words
    limit = doc.sentence_end(cue.first)
    j = cue.last
    # that-less reported clause: "said he would", "told reporters the plan was ready",
    # ", saying the plan was ready" (a participle needs no subject of its own)
    if cue.lemma in _THATLESS and cue.first > 0 and (cue.form == "participle" or (
            cue.form == "finite" and words[cue.first - 1] not in "\"”"
            and not lay.quoted[cue.first - 1] and (
                words[cue.first - 1] != "," or  # "X, a lawyer, said ...": a subject first
                j < limit and lw[j] in _SUBJECT_PRONOUNS or  # (', said he would': no inversion)
                doc.index.subject_before(cue.first, doc.sentence_start(cue.first)) is not None))):
        k = j
        if cue.takes_object and k < limit and (lw[k] in _HEARERS or
                                              words[k].isupper() and len(words[k]) > 1):
            k += 1
        if k < limit and (lw[k] in _TIME_STARTS or lw[k].endswith("ly")):
            k = _skip_time(doc, k, limit)  # "said on Friday he met ...", "said Tuesday the ..."
        if "that" not in lw[k:k + 3] and _is_clause_start(doc, k, limit, cue.lemma in _EVIDENCE):
            return k  # ('warned voters that ...': the loop below finds the "that")
        if k < limit and lw[k] in _CONDITIONS and _condition_then_clause(doc, k, limit):
            return k  # 'said if the levy fails, the town will ...'
    if cue.lemma in _EVIDENCE and cue.form == "finite" and not cue.passive and j < limit and \
            words[j][0].isalnum() and not lay.quoted[j] and lw[j] not in _NOT_EVIDENCE and \
            _counted_source(doc, cue):
        return j  # 'A new poll shows Lee with 47 percent': what a poll or a study shows

    seen_object = False
    steps = 0
    while j < limit and steps < 30:
        steps += 1
        w = lw[j]
        if lay.quoted[j]:
            return None
        if w == "that":
            return j + 1 if j + 1 < limit else None
        if w in _WH and (cue.lemma in _ASKING or cue.lemma in _SAY and _negated(doc, cue)):
            return j  # "asked whether the deal would hold", "would not say when ..."
        if words[j] in ",()":
            j += 1
            continue
        if w in _ADJUNCT_WORDS:
            j += 1
            while j < limit and lw[j] in _TIME_AFTER:
                j += 1  # ('said Sunday night that ...')
            continue
        if w in _TIME_STARTS or w in ("early", "late") or w.endswith("ly"):
            k = _skip_time(doc, j + 1 if w in ("early", "late") else j, limit)
            if k > j:  # 'said early Friday that ...', 'announced last month that ...'
                j = k
                continue
        if w in _ADJUNCT_PREPOSITIONS or w in _ADJUNCT_PARTICIPLES:
            j = _skip_noun_phrase(doc, j + 1, limit)
            continue
        if cue.takes_object and not seen_object and words[j][0].isalnum() and (
                w not in INDEFINITE or j == cue.last):
            # ('told a lunch group that ...', right after the verb; the "that" must follow)
            seen_object = True
            j = _skip_noun_phrase(doc, j, limit, cue.lemma in _ASKING)
            continue
        return None
    return None


_NOT_EVIDENCE = word_set("that up off how no signs sign")
_COUNTED = word_set("data results numbers figures records")


def _counted_source(doc: Document, cue: Cue) -> bool:
    """Is the subject of an evidence verb a poll, a survey, a study or data ('A CNN poll
    released on Tuesday showed ...')?  (Its words become the unnamed speaker.)"""
    lay = doc.layout
    lo = doc.sentence_start(cue.first)
    for t in range(cue.first - 1, max(lo, cue.first - 12) - 1, -1):
        if lay.quoted[t] or lay.words[t] in (";", ":"):
            return False
        if lay.lower[t] in _SOURCE_NOUNS or lay.lower[t] in _COUNTED:
            return True
    return False


_CONDITIONS = word_set("if unless once when")


def _condition_then_clause(doc: Document, k: int, limit: int) -> bool:
    """'if the levy fails, the town will close the pool': a condition, a comma, then a
    clause with its own subject (the report of a conditional)."""
    lay = doc.layout
    for t in range(k + 2, min(limit, k + 20)):
        if lay.quoted[t] or lay.words[t] in (";", ":", "—", "–", "(") or t in doc.cue_at:
            return False
        if lay.words[t] == ",":
            return _is_clause_start(doc, t + 1, limit)
    return False


_REFUSING = word_set("not never declined refused declining refusing")


def _negated(doc: Document, cue: Cue) -> bool:
    """'would not say', 'declined to say', 'hasn't said': a verb whose wh-clause is the
    question left open ('would not say when the vote is')."""
    lw = doc.layout.lower
    for t in range(max(0, cue.first - 3), cue.first):
        if lw[t] in _REFUSING or lw[t].endswith(("n't", "n’t")):
            return True
    return False


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
        if cue.learned:
            continue  # a verb of stance ('decided', 'wants') may sit inside the clause
        x = k
        while x > 0 and lw[x] in _COORD_ADVERBS:
            x -= 1
        if cue.form == "finite" and lw[x] in ("and", "but") and not quoted[x] and \
                _content_start(doc, cue) is not None:
            # 'said the port was safe and added that ...': a second verb of the same subject
            cuts.append(x - 1 if words[x - 1] in _CONJ_PAUSES else x)
            continue
        for x in range(k, max(-1, k - 4), -1):
            if words[x] in _CONJ_PAUSES and x + 1 < len(words) and lw[x + 1] in _CLAUSE_CONJ \
                    and not quoted[x + 1]:
                cuts.append(x)
                break
    cuts.sort()
    return cuts


_CONJ_PAUSES = frozenset({",", "—", "–", "-"})
_COORD_ADVERBS = word_set("also then later repeatedly again even")


def _content_end(doc: Document, j: int, cuts: list[int]) -> int:
    """End (exclusive token) of a reported clause starting at token j."""
    end = min(doc.sentence_end(j), j + _MAX_CLAUSE)
    k = bisect_right(cuts, j)
    if k < len(cuts) and cuts[k] < end:
        end = cuts[k]
    return _writer_resumes(doc, j, end)


# Sentence openers that make a subordinate clause: 'While 7 percent said they were
# undecided, 27 percent ...' (the report ends at the clause's comma).
_CONCESSIVE = word_set("while whereas although though")


def _relative_end(doc: Document, cue: Cue, first: int, last: int) -> int:
    """'Lee, who said last week that the judge was biased, issued a statement ...': a
    report inside a relative clause set off by commas ends at the comma that closes it
    (one followed by the main clause's verb)."""
    lay = doc.layout
    lw, words = lay.lower, lay.words
    t = cue.first - 1
    while t > 0 and (lw[t] in _RELATIVE_SKIP or lw[t].endswith("ly") and len(lw[t]) > 4):
        t -= 1
    if t < 1 or lw[t] != "who" or words[t - 1] != ",":
        return last
    for k in range(first + 1, last - 1):
        if words[k] == "," and not lay.quoted[k]:
            # (the first comma only: 'that the two men, and Lee above all, must ...')
            closes = not lay.quoted[k + 1] and (
                lw[k + 1] in _AUX or _finite_looking(lw[k + 1]) or k + 1 in doc.cue_at
                and doc.cue_at[k + 1].form == "finite")
            return k if closes else last
    return last


def _writer_resumes(doc: Document, j: int, end: int) -> int:
    """Where the writer takes over inside [j, end): at the comma closing an opening
    concessive clause that holds the cue ('While only 7 percent said ..., 27 percent
    ...')."""
    lay = doc.layout
    words, lw, quoted = lay.words, lay.lower, lay.quoted
    lo = doc.sentence_start(j)
    opening = lw[lo] in _CONCESSIVE and not quoted[lo] and \
        not any(words[t] == "," for t in range(lo, j))
    if not opening:
        return end
    for t in range(j + 1, end - 1):
        if words[t] == "," and not quoted[t]:
            return t
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
    if quoted.find(1, first, last) < 0:
        return False
    outside = 0
    for t in range(first, last):
        if not quoted[t] and ws[t][0].isalnum():
            outside += 1
            if outside >= 2:
                return False
    return True


# What may follow the subject of an inverted verb closing a sentence ('..., said Ada Obi,
# a farmer who grows rice', '..., noted Ada Obi.').
_AFTER_INVERTED_SUBJECT = frozenset({",", ".", "(", "who", "whose", "which", "where"})


def _postposed(doc: Document, cue: Cue, lo: int) -> tuple[Frame, int, int] | None:
    """'CONTENT, a source said.' / 'CONTENT, said David Autor, a professor ...': the cue
    and its subject close the sentence."""
    lay = doc.layout
    end = doc.sentence_end(cue.first)
    if cue.invertible and cue.first - 1 > lo and lay.words[cue.first - 1] in (",", '"', "”") \
            and lay.quoted.find(1, cue.first, end) < 0:
        g = doc.index.subject_after(cue.last)
        if g is not None and g.of_kind("pronoun") is None and (
                g.last >= end - 1 or lay.lower[g.last] in _AFTER_INVERTED_SUBJECT):
            comma = cue.first - 1
            if not any(t in doc.cue_at and _reports(doc, t) and
                       _content_start(doc, doc.cue_at[t]) is not None for t in range(lo, comma)):
                return Frame(cue.text, g, cue.first), lo, comma
    if cue.learned:
        return None
    found = _as_attribution(doc, cue, lo, end)
    if found is not None:
        return found
    after = _skip_time(doc, cue.last, end) if cue.form == "finite" else end
    if after < end and lay.words[after] == "," and lay.quoted.find(1, lo, cue.last) < 0:
        # 'In his state, Christie said, offenders are sent to treatment', 'Its lead, they
        # believe, will hold': a parenthetical attribution (a time may follow the verb);
        # the content is the whole sentence around it
        parenthetical = _parenthetical_subject(doc, cue, lo)
        if parenthetical is not None:
            return parenthetical, lo, end
    if end - cue.last > 8 or lay.quoted.find(1, cue.last, end) >= 0:
        return None
    nxt = cue.last
    if nxt < end and lay.words[nxt][0].isalnum() and lay.lower[nxt] not in _ADJUNCT_WORDS \
            and lay.lower[nxt] not in _ADJUNCT_PREPOSITIONS and not (
                cue.takes_object and (lay.lower[nxt] in _HEARERS or lay.words[nxt][0].isupper())):
        return None  # the verb has an object: "X, Y endorsed Z" is no postposed frame
    g = doc.index.subject_before(cue.first, lo)
    frame = Frame(cue.text, g, cue.first)
    if g is not None:
        g_first = g.first
        while g_first - 1 > lo and lay.lower[g_first - 1] in ("the", "a", "an"):
            g_first -= 1  # ', the IMF said': the group leaves its article out
    else:  # 'CONTENT, police said.': a subject the mention scan does not parse
        np_ = _np_before(doc, cue, lo) if cue.lemma in _SAY else None
        if np_ is None:
            return None
        g_first = np_[0]
        frame = _words_frame(doc, cue, *np_)
    if g_first - 1 <= lo or lay.words[g_first - 1] not in (",", '"', "”"):
        return None
    comma = g_first - 1
    if lay.words[comma] != ",":
        comma += 1  # '"We are frustrated" by the shooting, Nefzi said': keep the mark
    if any(t in doc.cue_at and _reports(doc, t) and _content_start(doc, doc.cue_at[t]) is not None
           for t in range(lo, comma)):
        return None  # the sentence has its own reporting verb with a clause
    return frame, lo, comma


_AS_OPENERS = word_set("but and so yet")


def _as_attribution(doc: Document, cue: Cue, lo: int, end: int
                    ) -> tuple[Frame, int, int] | None:
    """'As Lee noted in a memo, CONTENT' and 'CONTENT, as Lee has noted.': an "as"
    clause naming the source; the content is the rest of the sentence, or what comes
    before the clause."""
    if cue.form != "finite" or cue.lemma not in _SAY:
        return None  # ('As Lee joked with a friend, ...': no report)
    lay = doc.layout
    words, lw = lay.words, lay.lower
    g = doc.index.subject_before(cue.first, lo)
    if g is None or g.chunks[0].kind == "pronoun" and lw[g.chunks[0].first] in _PLURAL_PRONOUNS:
        return None  # (whom "they" stands for is mostly guessed wrong)
    a = _as_before(doc, g.first, lo)
    if a < 0:
        return None
    frame = Frame(cue.text, g, cue.first)
    if a == lo or a == lo + 1 and lw[lo] in _AS_OPENERS:
        # the "as" clause opens the sentence: what follows its comma is the content
        comma = cue.last
        while comma < min(end, cue.last + 8) and words[comma] != "," and \
                not lay.quoted[comma] and comma not in doc.cue_at:
            comma += 1
        if comma >= end or words[comma] != "," or comma + 1 >= end:
            return None
        if any(t in doc.cue_at and _reports(doc, t) for t in range(comma + 1, end)):
            return None
        return frame, comma + 1, end
    if a - 1 > lo and words[a - 1] == "," and end - cue.last <= 8 and \
            lay.quoted.find(1, cue.last, end) < 0 and \
            not any(t in doc.cue_at and _reports(doc, t) for t in range(lo, a - 1)):
        return frame, lo, a - 1  # the clause closes the sentence
    return None


def _as_before(doc: Document, t: int, lo: int) -> int:
    """The token of an "as" right before a subject starting at token t, past the words
    describing it that the group leaves out ('as union official Ana Obi noted'); -1 if
    there is none."""
    lay = doc.layout
    lw = lay.lower
    k = t
    while k - 1 > lo and t - k < 5 and lay.words[k - 1][0].isalnum() and \
            not lay.quoted[k - 1] and lw[k - 1] not in _NP_STOP and lw[k - 1] not in _AUX \
            and lw[k - 1] not in PREPOSITIONS and not _finite_looking(lw[k - 1]) \
            and k - 1 not in doc.cue_at:
        k -= 1
    return k - 1 if k - 1 >= lo and lw[k - 1] == "as" and not lay.quoted[k - 1] else -1


def _words_frame(doc: Document, cue: Cue, first: int, last: int) -> Frame:
    """The cue's frame with an unnamed speaker described by tokens [first, last) ("59
    percent of voters", "Republican voters")."""
    lay = doc.layout
    return Frame(cue.text, None, cue.first, unattributed=True,
                 speaker_text=lay.text[lay.starts[first]:lay.ends[last - 1]])


_RELATIVE_SKIP = word_set("""
    also have has had did does do not never still often would will could can may might
    should must once later now
""")


def _fallback_subject(doc: Document, cue: Cue, lo: int) -> Frame | None:
    """The speaker of a finite verb whose own subject the frames do not find: the noun
    before a relative "who" ('voters who said ...', 'Republicans who say ...'), or the
    subject of its sentence ('... rushed everyone inside and said ...', 'she doesn't
    think ...').  The learned check weighs these clauses like any other."""
    if cue.form != "finite" or cue.passive:
        return None
    lay = doc.layout
    lw = lay.lower
    t = cue.first - 1
    while t > lo and (lw[t] in _RELATIVE_SKIP or lw[t].endswith(("n't", "n’t")) or
                      lw[t].endswith("ly") and len(lw[t]) > 4 and lw[t].isalpha()):
        t -= 1
    if t > lo and lw[t] in ("who", "that") and not lay.quoted[t]:
        chunk = doc.index.by_last.get(t if lw[t - 1] != "," else t - 1)
        if chunk is not None and chunk.kind != "pronoun":
            return Frame(cue.text, Group([chunk]), cue.first)
        np_ = _np_before_token(doc, t, lo)
        if np_ is None:
            return None
        return _words_frame(doc, cue, *np_)
    g = sentence_subject(doc, lo)
    if g is None or g.last > cue.first or lw[g.first] in _RELATIVE_WORDS:
        # 'Both of his senators strongly supported him': a subject the scan misses
        np_ = _np_before(doc, cue, lo) if cue.learned else None
        if np_ is None:
            return None
        return _words_frame(doc, cue, *np_)
    if any(k in doc.cue_at and _reports(doc, k) for k in range(g.last, cue.first)):
        return None  # another verb of the sentence reports ('X said ... who said')
    return Frame(cue.text, g, cue.first)


def _np_before_token(doc: Document, t: int, lo: int) -> tuple[int, int] | None:
    """Tokens [first, last) of a short plural or group noun phrase right before token t
    ('Republican voters' before "who"), starting after a stop word, a comma or lo."""
    lay = doc.layout
    words, lw = lay.words, lay.lower
    last = t
    k = t - 1
    while k >= lo and last - k <= _NP_WORDS and words[k][0].isalnum() and lw[k] not in _NP_STOP \
            and lw[k] not in PREPOSITIONS and not lay.quoted[k]:
        k -= 1
    first = k + 1
    if first >= last or last - first > _NP_WORDS or lw[first] in _SUBJECT_PRONOUNS:
        return None
    head = lw[last - 1]
    if not (head.endswith("s") or head in _GROUP_NOUNS or lw[first] in _DETERMINERS) or any(
            lw[j] in _AUX or _finite_looking(lw[j]) for j in range(first, last)):
        return None
    return first, last


def _asked_opening(doc: Document, cue: Cue, lo: int) -> tuple[Frame, int, int] | None:
    """'Asked whether he would stay, Lee said ...', 'When asked about the plan, the mayor
    ...': a question put to the subject of the main clause; the content is the question
    (after "about", or from the wh-word on) and runs to the comma before that subject."""
    lay = doc.layout
    lw = lay.lower
    end = doc.sentence_end(cue.first)
    first = cue.last
    if first < end and lw[first] == "about":
        first += 1
    elif first >= end or lw[first] not in _WH:
        return None
    comma = first
    while comma < end and lay.words[comma] != "," and not lay.quoted[comma]:
        comma += 1
    if comma >= end or lay.words[comma] != "," or comma - first < 1:
        return None
    g = doc.index.subject_after(comma + 1)
    if g is None or g.first != comma + 1:
        return None
    return Frame(cue.text, g, cue.first), first, comma


_BEFORE_ASKED = word_set("when after if was were being been is are")
_BARE_OBJECTS = word_set("it this that them him her these those so")


def _asked_question(doc: Document, cue: Cue, cuts: list[int]) -> tuple[Frame, int, int] | None:
    """The question in 'Lee was asked whether she would run', 'he said when asked by a
    reporter if ...', 'was asked about the plan': from the wh-word (or after "about",
    past a few words of who asked, where and when) to the next comma or the clause's
    end.  Its asker is unnamed."""
    lay = doc.layout
    lw, words = lay.lower, lay.words
    end = _content_end(doc, cue.last, cuts)
    k = cue.last
    while k < min(end, cue.last + 10) and lw[k] not in _WH and lw[k] != "about":
        if lay.quoted[k] or not words[k][0].isalnum() or k in doc.cue_at:
            return None
        k += 1
    if k >= end or k + 1 >= end or lay.quoted[k + 1]:
        return None
    about = lw[k] == "about"
    first = k + 1 if about else k
    last = first + 1
    while last < end and not lay.quoted[last] and words[last] not in (",", ";", ":", "(", "—") \
            and not (about and lw[last] in _MAY_STOP and _object_stop(doc, last, end)):
        last += 1  # ('asked about the plan during a debate': the object ends at "during")
    if last < end and lay.quoted[last] and last in doc.span_at_open:
        return None  # ('asked about it, "..."': a direct quote's business)
    if last - first == 1 and lw[first] in _BARE_OBJECTS:
        return None  # ('asked about it': no question a reader can use)
    return Frame(cue.text, None, cue.first, unattributed=True), first, last


def _with_subject_words(doc: Document, frame: Frame, lo: int) -> Frame:
    """A participle's frame with a subject: a name right before it ('with Gov. Lee calling
    the plan a fraud'), or else its sentence subject's words ('Both parents stiffened
    their tone, saying ...': "Both parents"), the unnamed speaker to fall back on when that
    subject names nobody the article knows."""
    t = frame.cue_tok
    chunk = doc.index.by_last.get(t) if t > lo and doc.layout.words[t - 1] != "," else None
    if chunk is not None and chunk.kind in ("person", "name", "body", "role"):
        # 'with Gov. Lee calling the plan a fraud': the participle's own subject
        return Frame(frame.cue, Group([chunk]), t)
    g = sentence_subject(doc, lo)
    if g is None:
        # 'Both parents stiffened their tone, saying ...': a subject the scan misses, the
        # words before the sentence's first verb
        found = _opening_np(doc, lo, t)
        if found is None:
            return frame
        lay = doc.layout
        return Frame(frame.cue, None, frame.cue_tok, participle=True, unattributed=True,
                     speaker_text=lay.text[lay.starts[found[0]]:lay.ends[found[1] - 1]])
    if g.last > t or g.chunks[0].kind == "pronoun" or \
            doc.layout.lower[g.first] in _RELATIVE_WORDS:
        return frame
    return Frame(frame.cue, None, frame.cue_tok, participle=True, unattributed=True,
                 speaker_text=doc.text[g.start:g.end])


def _opening_np(doc: Document, lo: int, hi: int) -> tuple[int, int] | None:
    """Tokens [lo, last) of the words opening a sentence right before its first verb (a
    past form or an auxiliary, at most `_NP_WORDS` words in), if they read as a noun
    phrase: no pronoun, preposition or conjunction first, no punctuation inside."""
    lay = doc.layout
    lw, words = lay.lower, lay.words
    if lw[lo] in _SUBJECT_PRONOUNS or lw[lo] in _NP_STOP or lw[lo] in PREPOSITIONS or \
            lw[lo] in _LONG_OPENERS or lw[lo] in _AUX:
        return None
    for k in range(lo, min(hi, lo + _NP_WORDS + 1)):
        if lay.quoted[k] or not words[k][0].isalnum():
            return None
        if k > lo and (lw[k] in _AUX or _finite_looking(lw[k]) or k in doc.cue_at):
            return (lo, k) if not any(lw[x] in _NP_STOP for x in range(lo, k)) else None
    return None


_RELATIVE_WORDS = word_set("who whom whose which that")


def _parenthetical_subject(doc: Document, cue: Cue, lo: int) -> Frame | None:
    """The subject of a verb set off by commas inside its sentence ('..., he said, ...',
    '..., Mr. de Vos noted, ...'), if no reporting verb of the sentence comes before it."""
    lay = doc.layout
    g = doc.index.subject_before(cue.first, lo)
    if g is not None:
        g_first = g.first
        while g_first - 1 > lo and lay.lower[g_first - 1] in ("the", "a", "an"):
            g_first -= 1
        frame = Frame(cue.text, g, cue.first)
    else:
        np_ = _np_before(doc, cue, lo)
        if np_ is None:
            return None
        g_first = np_[0]
        frame = _words_frame(doc, cue, *np_)
    if g_first - 1 <= lo or lay.words[g_first - 1] != "," or \
            any(t in doc.cue_at and _reports(doc, t) for t in range(lo, g_first)):
        return None
    return frame


def _reports(doc: Document, t: int) -> bool:
    """Is there a reporting verb of the sentence's own at token t?  Not a learned verb of
    stance ('the plan they favored'), nor a participle after an auxiliary ('talks are
    continuing'), which do not make the sentence somebody else's report."""
    cue = doc.cue_at.get(t)
    if cue is None or cue.passive or cue.quoted or cue.learned:
        return False
    return cue.form != "participle" or doc.layout.words[t - 1] == ","


_NP_STOP = word_set("""
    and but or that because while although though when if as so since after before
    which who whom whose where than
""")


_VAGUE_PRONOUNS = word_set("they we them it")
_PLURAL_PRONOUNS = word_set("they we them")
_NP_WORDS = 8  # longest subject taken as an unnamed speaker's words
_NP_BAD_LAST = word_set("""
    all both together first also then each too either only alone himself herself
    themselves itself later now who's
""")
_GROUP_NOUNS = word_set("police staff public media government administration campaign "
                        "committee company press panel court management leadership")


def _according_source(doc: Document, cue: Cue) -> tuple[Frame, int] | None:
    """'according to a CNN tally', 'according to data released Friday': a source the
    mention scan does not know; its words (up to a comma or the sentence end, at most
    `_NP_WORDS` of them) become the unnamed speaker.  Returns the frame and the token
    after the source."""
    lay = doc.layout
    end = doc.sentence_end(cue.first)
    t = cue.last
    while t < end and not lay.quoted[t] and lay.words[t] not in _OBJECT_END_PUNCT \
            and lay.words[t] != ".":
        t += 1
    if t == cue.last or t - cue.last > 3 * _NP_WORDS:
        return None
    return _words_frame(doc, cue, cue.last, min(t, cue.last + _NP_WORDS)), t


def _infinitive_subject(doc: Document, cue: Cue, lo: int) -> Frame | None:
    """'Ansel was forced to admit that ...', 'met to discuss the plan': a verb after "to"
    reports for the subject of its sentence."""
    if cue.form != "finite" or cue.first - 1 <= lo or doc.layout.lower[cue.first - 1] != "to":
        return None
    g = sentence_subject(doc, lo)
    if g is None or g.last > cue.first - 1 or g.of_kind("person", "name", "body") is None:
        return None
    return Frame(cue.text, g, cue.first)


def _unparsed_subject(doc: Document, cue: Cue, lo: int) -> Frame | None:
    """'59 percent of voters said ...', 'most of them said ...': a say-verb whose subject
    the mention scan does not parse.  The clause is reported with an unnamed speaker
    whose role is the subject's words (a short noun phrase right before the verb)."""
    if cue.form != "finite" or cue.learned or cue.passive:
        return None
    found = _np_before(doc, cue, lo)
    if found is None:
        return None
    chunk = doc.index.by_last.get(found[1])
    if chunk is not None and chunk.first == found[0] and chunk.kind in ("person", "name"):
        return Frame(cue.text, Group([chunk]), cue.first)  # a name before "doesn't"
    return _words_frame(doc, cue, *found)


# Passive verbs whose subject and infinitive are what unnamed people expect or believe
# ('The bill is expected to pass', 'Lee is said to favor a delay').
_RAISING = word_set("expected projected believed thought said reported estimated predicted")
_RAISING_START = word_set("who which that")


def _raising(doc: Document, cue: Cue, lo: int, cuts: list[int]
             ) -> tuple[Frame, int, int] | None:
    """'Many of the staff are expected to fan out ...', '..., which is expected to draw
    50,000 people': the subject and the infinitive around a passive verb of expectation
    or belief, from the clause's start (the sentence start, a comma, or a relative word)
    to the clause's end.  Nobody is named: the speaker is unknown."""
    lay = doc.layout
    lw, words = lay.lower, lay.words
    if cue.lemma not in _RAISING or cue.last >= lay.n or lw[cue.last] != "to" or \
            cue.form != "finite":
        return None
    first = lo
    for k in range(cue.first - 1, max(lo, cue.first - 25) - 1, -1):
        if lay.quoted[k] or words[k] in (",", ";", ":", "—", "–", "(", ")"):
            first = k + 1
            break
        if lw[k] in _RAISING_START:
            first = k
            break
    else:
        if cue.first - lo > 25:
            return None
    while first < cue.first and lw[first] in ("and", "but", "so", "yet"):
        first += 1
    if cue.first - first < 1:
        return None
    last = _content_end(doc, cue.last, cuts)
    if last - cue.last < 3:
        return None
    return Frame(cue.text, None, cue.first, unattributed=True), first, last


_LONG_WORDS = 16  # longest stretch of words read as a say-verb's subject
_LONG_OPENERS = word_set("""
    if when while because although though as since after before unless until so yet then
    there it this that these those
""")


def _long_subject(doc: Document, cue: Cue, lo: int) -> Frame | None:
    """'Large majorities of voters in six states going to the polls said ...', '29 percent
    (and 43 percent of Republicans) said ...', '..., and all but two said ...': the
    subject of a say-verb that no shorter scan parses, from the sentence start (past a
    short opener like 'Still,') or a conjunction after a comma, up to the verb.  Its words
    are the unnamed speaker."""
    if cue.form != "finite" or cue.learned or cue.passive or cue.lemma not in _SAY:
        return None
    lay = doc.layout
    words, lw = lay.words, lay.lower
    t = cue.first - 1
    while t >= lo and (lw[t] in SUBJECT_SKIP or lw[t] in _NEGATED_AUX):
        t -= 1
    last = t + 1
    first = lo
    for k in range(t, max(lo, last - _LONG_WORDS) - 1, -1):
        if lay.quoted[k] or words[k] in (";", ":", "—", "–"):
            first = k + 1
            break
        if words[k] == ",":
            if lw[k + 1] in ("and", "but"):
                first = k + 2
                break
            if k - lo > 2:  # (a comma past a short opener: no telling the subject's start)
                return None
            first = k + 1
            break
    else:
        if last - lo > _LONG_WORDS:
            return None
    if last - first < 2 or lw[first] in _SUBJECT_PRONOUNS or lw[first] in _LONG_OPENERS or \
            lw[first] in _AUX or not words[first][0].isalnum():
        return None
    return _words_frame(doc, cue, first, last)


# Auxiliaries with a negation between a subject and its verb ("doesn't think").
_NEGATED_AUX = word_set("""
    doesn't don't didn't won't wouldn't can't couldn't isn't aren't wasn't weren't hasn't
    haven't hadn't shouldn't doesn’t don’t didn’t won’t wouldn’t can’t couldn’t isn’t
    aren’t wasn’t weren’t hasn’t haven’t hadn’t shouldn’t
""")


def _np_before(doc: Document, cue: Cue, lo: int) -> tuple[int, int] | None:
    """Tokens [first, last) of the short noun phrase right before a verb, if its start is
    clear (a comma, a conjunction or the sentence start before it)."""
    lay = doc.layout
    words, lw = lay.words, lay.lower
    t = cue.first - 1
    while t >= lo and (lw[t] in SUBJECT_SKIP or lw[t] in _NEGATED_AUX):
        t -= 1  # ('Ms. Lee doesn't think ...': the subject is before the auxiliary)
    last = t + 1
    while t >= lo and last - t <= _NP_WORDS + 1 and (words[t][0].isalnum() or words[t] == "%"
                                                     and t > lo and words[t - 1][0].isdigit()) \
            and lw[t] not in _NP_STOP and not lay.quoted[t]:
        t -= 1  # ('26% say ...': a share of those polled)
    first = t + 1
    if first >= last or last - first > _NP_WORDS or (lw[first] in _SUBJECT_PRONOUNS):
        return None
    if any(lw[k] in _AUX or _finite_looking(lw[k]) and lw[k - 1] != "those" or
           lw[k].endswith("ing") or
           lw[k] == "to" and _infinitive_at(doc, k, last + 1) for k in range(first + 1, last)) \
            or lw[first] in _AUX:
        return None  # a verb in it: no noun phrase ('supporters continue to show'; but
        # 'elected officials', 'restructuring experts', 'those close to him' are)
    if lw[last - 1] in _NP_BAD_LAST or not (words[last - 1][0].isalnum() or
                                            words[last - 1] == "%") or (
            last - first == 1 and words[first].islower() and not lw[first].endswith("s")
            and lw[first] not in _GROUP_NOUNS):
        return None  # 'they all said', 'together', 'first': no speaker's words
    if t >= lo and words[t][0].isalnum() and lw[t] not in _NP_STOP:
        return None  # a longer stretch: no telling where its subject starts
    return first, last


def _quote_after(doc: Document, cue: Cue, limit: int) -> int | None:
    """The first direct quote opening within `limit` tokens after the cue, in its sentence."""
    lay = doc.layout
    end = min(doc.sentence_end(cue.first), cue.last + limit)
    q = lay.quoted.find(1, cue.last, end)  # (a scan in C: most cues have no quote after)
    if q < 0:
        return None
    for t in range(cue.last, q):
        if t in doc.cue_at or lay.words[t] in (";", ":"):
            return None
    return q if q in doc.span_at_open else None


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


def _object_content(doc: Document, cue: Cue, lo: int, cuts: list[int] | None = None,
                    strict: bool = True) -> tuple[Frame, int, int] | None:
    """'Trump endorsed the senator from Ohio on Monday', ', citing his record': the object
    of a reporting or stance verb, up to a comma or an adjunct of time or place; an
    infinitive ('agreed to ...', 'urged Iran to ...') runs to the end of the clause.
    The learned check (`judge`) weighs whether the verb reports anything at all.
    Not `strict` (an evaluative verb, 'blasted the plan'): any object up to its end."""
    lay = doc.layout
    lw = lay.lower
    first = cue.last
    if first >= lay.n or not lay.words[first][0].isalnum():
        return None  # ('said.', 'said, "...')
    hi = min(doc.sentence_end(cue.first), first + 25)
    if lw[first] in PHRASE_HEADS.get(lw[cue.last - 1], ()) and first + 1 < lay.n:
        first += 1  # 'spoke about the plan': the object of the learned phrase's preposition
    if first >= hi or lw[first] in _OBJECT_STOP \
            or lay.quoted[first] or first in doc.cue_at or (
                strict and lw[first] in _NO_OBJECT_START and not _infinitive_at(doc, first, hi)):
        return None  # ('said of the plan', 'spoke with reporters': no object)
    if strict and (cue.first > 0 and lw[cue.first - 1] in _DETERMINERS or (
            cue.first == doc.sentence_start(cue.first) and cue.form == "finite") or (
            cue.takes_object and not cue.learned and cue.last - cue.first == 1
            and "to" not in lw[first:first + 7])):
        return None  # (quick tests of `_no_object`, before the object is read)
    quoted, words, cue_at = lay.quoted, lay.words, doc.cue_at
    infinitive = _infinitive_at(doc, first, hi)  # 'agreed to share ...'
    last = first + 1  # the first word is never a stop
    while last < hi and not quoted[last]:
        w = lw[last]
        if words[last] in _OBJECT_END_PUNCT or (w in _MAY_STOP and _object_stop(doc, last, hi)) \
                or (last in cue_at and _new_cue(doc, last)):
            break
        if w == "to" and last - first <= 6 and _infinitive_at(doc, last, hi):
            infinitive = True
        last += 1
    if strict and _no_object(doc, cue, first, last, hi, infinitive):
        return None
    if infinitive and cuts is not None:
        # past adjuncts and "and" ('to share a currency and rely on one another'), not
        # past a comma (', a source said')
        end = _content_end(doc, first, cuts)
        while last < end and not lay.quoted[last] and (
                lay.words[last] not in _OBJECT_END_PUNCT or
                lay.words[last] == "," and not _attribution_follows(doc, last + 1, end)):
            last += 1
    frame = frame_for_cue(doc, cue, lo)
    if frame is None and strict and cue.learned and _infinitive_at(doc, first, hi):
        # 'Clinton wants to sign up ...': with "to" and a verb after it, a learned form in
        # -s after a one-word name is the verb, not a noun ('Health worries have ...')
        g = doc.index.subject_before(cue.first, lo)
        if g is not None:
            frame = Frame(cue.text, g, cue.first)
    if frame is None and strict:
        frame = _infinitive_subject(doc, cue, lo) or _unparsed_subject(doc, cue, lo) \
            or _fallback_subject(doc, cue, lo)
    if strict and frame is not None and frame.subject is not None and \
            frame.subject.chunks[0].kind == "pronoun" and \
            lw[frame.subject.chunks[0].first] in _VAGUE_PRONOUNS:
        return None  # whom "they" or "it" stands for is too unsure for a mere object
    if frame is None or (frame.subject is None and not frame.participle and
                         not frame.unattributed):
        return None
    return frame, first, last


def _no_object(doc: Document, cue: Cue, first: int, last: int, hi: int,
               infinitive: bool) -> bool:
    """Is the object found for a cue, tokens [first, last), no reported content?"""
    lay = doc.layout
    lw = lay.lower
    if last < hi and lay.quoted[last]:
        return True  # quoted words follow: a mixed quote's business, not an object
    if cue.takes_object and not cue.learned and not infinitive and cue.last - cue.first == 1:
        return True  # 'told reporters', 'asked Mr. Lee': the hearer, not what was said
    if infinitive and cue.first > 0 and lw[cue.first - 1] == "had":
        return True  # 'had pledged to arrest ...': an earlier promise told as background
    if not any(lay.words[k][0].isalnum() for k in range(first + 1, last)) and (
            lw[first] in _NOT_OBJECT or lw[first].endswith("ly")):
        return True  # 'said then', 'answered sarcastically'
    if cue.first > 0 and lw[cue.first - 1] in _DETERMINERS:
        return True  # 'a think tank', 'his talking points': a noun, no verb
    # 'Show humility': an imperative or a headline, nobody's report
    return cue.first == doc.sentence_start(cue.first) and cue.form == "finite"


_NO_OBJECT_START = word_set("""
    of with by from into than as for to like toward towards upon within without among
    between across after before under over through
""")
_TIME_WORDS = _WEEKDAYS | word_set("""
    january february march april may june july august september october november december
    last this next today yesterday tomorrow tonight morning afternoon evening night week
    weekend month year day
""")


# Words that end the object of a verb in any case: a new clause or an adjunct clause.
_OBJECT_END_WORDS = word_set("""
    when while because since although though if unless until whereas but before after
    despite amid during following according which who whom whose where yesterday today
    tonight
""")


def _object_stop(doc: Document, k: int, hi: int) -> bool:
    """Does the object of a verb end before token k?  At a new clause or an adjunct of
    time or place; "as", "and", "or" and "on" only when a clause or a time follows
    ('praised X as a leader', 'a ban on Muslims', 'X and Y' go on; 'on Monday',
    'and said', 'as he left' end it)."""
    lw = doc.layout.lower
    w = lw[k]
    if w in _OBJECT_END_WORDS:
        # 'blasted Sanders, who had given ...' ends at its comma; 'a candidate who cares'
        # goes on: a relative clause right after its noun belongs to the object
        return not (w in ("who", "whose") and doc.layout.words[k - 1][0].isalnum())
    if k + 1 >= hi:
        return w in _OBJECT_STOP
    nxt = lw[k + 1]
    if w in ("as", "and", "or"):
        return nxt in _SUBJECT_PRONOUNS or nxt in _AUX or (k + 1) in doc.cue_at \
            or _finite_looking(nxt) or nxt in ("well", "part", "many", "much", "soon", "long")
    if w in _TIME_WORDS:  # 'last week', 'this year', 'Monday'
        return w not in ("may", "march") or doc.layout.words[k][0].isupper()
    if w == "at":
        return True  # 'at a press event', 'at the rally': where, not what
    if w in ("on", "in", "over", "through", "via"):
        # an adjunct of time or place ('on Monday', 'in 2009', 'in Ohio'), not a
        # complement ('a ban on imports', 'a role in the talks')
        return nxt in _TIME_WORDS or nxt.isdigit() or (
            nxt == "the" and k + 2 < hi and lw[k + 2] in _TIME_WORDS) or (
            w == "in" and doc.layout.words[k + 1][0].isupper())
    return False


# Every word at which `_object_stop` may end an object (a quick test before the call).
_MAY_STOP = _OBJECT_STOP | _OBJECT_END_WORDS | _TIME_WORDS


def _attribution_follows(doc: Document, k: int, end: int) -> bool:
    """A reporting verb of its own within a few tokens from k (', a source said')?"""
    return any(t in doc.cue_at and not doc.cue_at[t].learned for t in range(k, min(end, k + 6)))


def _new_cue(doc: Document, k: int) -> bool:
    """A reporting verb at token k that starts a clause of its own (not a learned verb
    inside the object: 'criticized Rubio for opposing ...')."""
    cue = doc.cue_at.get(k)
    return cue is not None and (not cue.learned or doc.layout.words[k - 1] == ",")


def _infinitive_at(doc: Document, t: int, hi: int) -> bool:
    """'to' and a verb at token t ('to resume', not 'to the')."""
    lay = doc.layout
    return lay.lower[t] == "to" and t + 1 < hi and lay.words[t + 1].isalpha() \
        and lay.words[t + 1].islower() and lay.lower[t + 1] not in _NOT_VERB_AFTER_TO


_NOT_OBJECT = word_set("""
    then later again now enough so too well more less once twice today yesterday
    tonight me us him them
""")
_DETERMINERS = word_set("a an the his her its their our my your this that these those")
# Words after "to" that make no infinitive ("to the", "to its").
_NOT_VERB_AFTER_TO = word_set("""
    the a an his her its their our my your this that these those all some any each every
    no more most many much such both either one two three about him them us me it you
""")


def find_clauses(doc: Document) -> list[Clause]:
    """Every indirect (or mixed) reported clause, in order."""
    lay = doc.layout
    clauses: list[Clause] = []
    cuts = clause_cuts(doc)
    busy_until = -1  # the content of the last clause: cues inside it start nested clauses only
    for cue in doc.cues:
        if cue.quoted:
            continue
        nested = cue.first < busy_until
        if nested and (cue.form != "finite" or cue.passive or cue.evaluative or cue.learned
                       or cue.lemma not in _SAY):
            continue  # 'said Lee thinks the plan will fail': Lee's clause inside the first one
        if cue.evaluative or cue.form == "participle" and cue.lemma in _QUOTE_ONLY:
            # 'called the plan "a disaster"': the object and the quoted words, nothing more
            mixed = _mixed_object(doc, cue, cuts)
            if mixed is None and cue.evaluative and cue.form in ("finite", "participle") \
                    and not cue.passive and lay.words[cue.first - 1] != "by":
                obj = _object_content(doc, cue, doc.sentence_start(cue.first), strict=False)
                if obj is not None:  # "has blasted the delegate system", ", decrying X"
                    span = _trim(doc, obj[1], obj[2], 1)
                    if span is not None:
                        mixed = Clause(cue, obj[0], obj[1], obj[2], span[0], span[1])
            if mixed is not None:
                clauses.append(mixed)
                busy_until = max(busy_until, mixed.last)
            continue
        lo = doc.sentence_start(cue.first)
        first: int | None = None
        shape = "clause"
        if cue.form == "according":
            frame = frame_for_cue(doc, cue, lo)
            if frame is not None and frame.subject is not None:
                after = frame.subject.last
            else:  # 'according to data released Friday': no person or body, its words
                found_np = _according_source(doc, cue)
                if found_np is None:
                    continue
                frame, after = found_np
            start = _according_opening(doc, cue, lo)
            prefix = [t for t in range(start, cue.first) if lay.words[t][0].isalnum()]
            if not prefix and after < lay.n and lay.words[after] != ",":
                # 'According to a poll by the university, ...': the source runs to the comma
                found_np = _according_source(doc, cue)
                if found_np is not None:
                    after = found_np[1]
                    if frame.subject is None or frame.subject.chunks[0].kind != "name":
                        frame = found_np[0]
            if not prefix and after < lay.n and lay.words[after] == ",":
                first, last = after + 1, _content_end(doc, after + 1, cuts)
            elif prefix and cue.first > 0 and (lay.words[cue.first - 1] == "," or (
                    lay.words[cue.first - 1][0].isalnum() and not lay.quoted[cue.first - 1]
                    and after >= doc.sentence_end(cue.first) - 1)):
                # "CONTENT, according to X" (or without the comma, when the source closes
                # the sentence: '... 46 percent to 39 according to a new poll.')
                first = lo
                last = cue.first - 1 if lay.words[cue.first - 1] == "," else cue.first
                end = doc.sentence_end(cue.first)
                if after + 1 < end and (lay.words[after] == "," or lay.words[after] in
                                        _DASHES and _DASHES.intersection(lay.words[lo:cue.first])) \
                        and not lay.quoted[after + 1] and lay.words[after + 1][0].isalnum():
                    # 'Fundraising, according to the campaign, has surged': the sentence
                    # goes on after the source; the content is all of it
                    last = _content_end(doc, after + 1, cuts)
            else:
                continue
        else:
            if cue.lemma == "asked" and (cue.passive or cue.first > lo and
                                         lay.lower[cue.first - 1] in _BEFORE_ASKED):
                # 'Lee was asked whether ...', '..., she said when asked if ...': the
                # question, put by somebody the sentence does not name
                found = _asked_question(doc, cue, cuts)
                if found is not None:
                    span = _trim(doc, found[1], found[2], 1)
                    if span is not None:
                        clauses.append(Clause(cue, found[0], found[1], found[2], span[0],
                                              span[1], "question"))
                        busy_until = max(busy_until, found[2])
                        continue
            if cue.passive and cue.form != "as_saying":
                found = _raising(doc, cue, lo, cuts)
                if found is not None:  # 'The vote is expected to slip': said by nobody named
                    span = _trim(doc, found[1], found[2], _MIN_WORDS)
                    if span is not None and not _mostly_direct(doc, found[1], found[2]):
                        clauses.append(Clause(cue, found[0], found[1], found[2], span[0],
                                              span[1], "raising"))
                        busy_until = max(busy_until, found[2])
                continue
            if cue.lemma == "asked" and not cue.passive and (
                    cue.first == lo or cue.first == lo + 1 and lay.lower[lo] == "when"):
                found = _asked_opening(doc, cue, lo) or _asked_question(doc, cue, cuts)
                if found is not None:  # 'Asked whether she would run, Lee said ...'
                    span = _trim(doc, found[1], found[2], 1)
                    if span is not None:
                        clauses.append(Clause(cue, found[0], found[1], found[2], span[0],
                                              span[1], "asked"))
                        busy_until = max(busy_until, found[2])
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
            if first is None and cue.form in ("finite", "participle"):
                post = _postposed(doc, cue, lo) if cue.form == "finite" else None
                if post is None:
                    obj = _object_content(doc, cue, lo, cuts)
                    if obj is None:
                        continue
                    frame, first, last = obj
                    shape = "object"
                else:
                    frame, first, last = post
                    shape = "postposed"
            else:
                if first is None or first >= lay.n or (
                        lay.quoted[first] and first in doc.span_at_open):
                    continue
                frame = frame_for_cue(doc, cue, lo) or _infinitive_subject(doc, cue, lo) \
                    or _unparsed_subject(doc, cue, lo) or _fallback_subject(doc, cue, lo) \
                    or _long_subject(doc, cue, lo)
                if frame is None:
                    continue
                last = _relative_end(doc, cue, first, _content_end(doc, first, cuts))
        if _mostly_direct(doc, first, last):
            continue
        if nested and (last > busy_until or shape != "clause" or first < cue.last):
            continue  # a nested clause stays inside the one around it
        if frame.subject is not None and frame.subject.chunks[0].kind == "pronoun" and \
                lay.lower[frame.subject.chunks[0].first] in _PLURAL_PRONOUNS:
            continue  # whom "they" stands for is mostly guessed wrong (16 of 17, PolNeAR train)
        span = _trim(doc, first, last, 1 if cue.learned or shape == "object" else _MIN_WORDS)
        if span is None:
            continue
        if frame.participle and not frame.unattributed:
            frame = _with_subject_words(doc, frame, lo)
        clauses.append(Clause(cue, frame, first, last, span[0], span[1], shape))
        busy_until = max(busy_until, last)
    more = _embedded_quote_clauses(doc, clauses, cuts)
    if more:
        clauses = sorted(clauses + more, key=lambda c: c.first)
    more = _phrase_clauses(doc, clauses)
    if more:
        clauses = sorted(clauses + more, key=lambda c: c.first)
    more = _source_openers(doc, clauses)
    if more:
        clauses = sorted(clauses + more, key=lambda c: c.first)
    return clauses


_DASHES = frozenset({"—", "–", "-"})
_OPENING_LINKS = word_set("but and so yet still however")


def _according_opening(doc: Document, cue: Cue, lo: int) -> int:
    """Where the sentence around an "according to" really opens: after a colon or a
    dash ('It has not gone unnoticed: According to ...'), past a linking word ('But
    according to ...')."""
    lay = doc.layout
    start = lo
    for t in range(cue.first - 1, lo - 1, -1):
        if lay.words[t] in (":", ";") and not lay.quoted[t]:
            start = t + 1
            break
    while start < cue.first and (lay.lower[start] in _OPENING_LINKS or lay.words[start] == ","):
        start += 1
    return start


# Nouns of a written or counted source: 'In a new poll, ...', 'In its report, ...'.
_SOURCE_NOUNS = word_set("""
    poll polls survey surveys study report analysis memo letter statement tally review
    audit filing filings op-ed editorial
""")


def _source_openers(doc: Document, clauses: list[Clause]) -> list[Clause]:
    """'In the new Post-ABC poll, the mogul leads by 10 points': a sentence opening with
    "In" and a poll, a survey or a report, then a comma; the rest of the sentence is what
    the source says, when no reporting verb of its own follows.  The source's words are
    the unnamed speaker."""
    lay = doc.layout
    lw, words = lay.lower, lay.words
    taken = {c.first for c in clauses}
    out: list[Clause] = []
    for lo in lay.sent_first:
        if lw[lo] != "in" or lay.quoted[lo]:
            continue
        end = doc.sentence_end(lo)
        comma = lo + 1
        source = False
        while comma < min(end, lo + 14) and words[comma] != "," and not lay.quoted[comma]:
            source = source or lw[comma] in _SOURCE_NOUNS
            comma += 1
        if not source or comma >= end or words[comma] != "," or comma + 1 in taken or any(
                t in doc.cue_at and _reports(doc, t) for t in range(comma + 1, end)):
            continue
        span = _trim(doc, comma + 1, end)
        if span is None or _mostly_direct(doc, comma + 1, end):
            continue
        cue = Cue(lo, lo + 1, lay.starts[lo], lay.ends[lo], words[lo], "in", "according",
                  False, False, False, False)
        frame = Frame(cue.text, None, lo, unattributed=True,
                      speaker_text=lay.text[lay.starts[lo + 1]:lay.ends[comma - 1]])
        out.append(Clause(cue, frame, comma + 1, end, span[0], span[1], "source"))
    return out


def _phrase_clauses(doc: Document, clauses: list[Clause]) -> list[Clause]:
    """'Trump talked about the wall', 'her criticism of the deal': the object of a learned
    cue phrase ending in a preposition (`cues.PHRASES`), outside every other clause.
    The phrase is a cue of this clause only (not of the document: it frames no quote)."""
    lay = doc.layout
    lw = lay.lower
    ranges = sorted((c.first, c.last) for c in clauses)
    starts = [a for a, _ in ranges]
    reach = list(accumulate((b for _, b in ranges), max))
    out: list[Clause] = []
    done_until = -1
    n = lay.n
    for h in lay.having(PHRASE_BIT):
        t = h + 1  # the preposition
        if t >= n or h <= done_until or lw[t] not in PHRASE_HEADS[lw[h]] or \
                lay.quoted[t] or lay.quoted[h]:
            continue
        i = bisect_right(starts, t) - 1
        if i >= 0 and reach[i] > h:
            continue  # inside a clause already found
        b = lw[h - 1] if h else ""
        participle = b == "," and lw[h].endswith("ing")  # ', referring to the senator'
        if not (participle or h and lay.words[h - 1][:1].isupper() or b in _SUBJECT_PRONOUNS
                or b in _AUX or b.endswith(("ly", "'s", "’s")) or b in _ADJUNCT_WORDS):
            continue  # no subject right before ('a tireless advocate for'): a quick test
        cue = Cue(h, t + 1, lay.starts[h], lay.ends[t], lay.text[lay.starts[h]:lay.ends[t]],
                  lw[h] + " " + lw[t], "participle" if lw[h].endswith("ing") else "finite",
                  True, False, h > 0 and lw[h - 1] in ("was", "were", "is", "are", "been"),
                  False, learned=True)
        if cue.passive:
            continue
        lo = doc.sentence_start(h)
        obj = _object_content(doc, cue, lo)
        if obj is None:
            continue
        frame, first, last = obj
        if participle and frame.participle:
            frame = _with_subject_words(doc, frame, lo)
        elif frame.subject is None or frame.subject.last < h - 2 or \
                frame.subject.of_kind("person", "name", "body", "pronoun") is None:
            continue  # 'a tireless advocate for ...': a noun whose subject is elsewhere
        j = bisect_right(starts, last - 1) - 1
        if j >= 0 and reach[j] > first:
            continue  # runs into another clause
        span = _trim(doc, first, last, 1)
        if span is None:
            continue
        out.append(Clause(cue, frame, first, last, span[0], span[1], "phrase"))
        done_until = last
    return out


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
        cue: Cue | None = found_cue
        frame = frame_for_cue(doc, found_cue, lo)
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
