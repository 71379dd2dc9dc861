"""The learned check of reported clauses: is this really somebody's reported speech?

`indirect` finds clauses after reporting verbs and the objects of verbs (all the
more for those learned from PolNeAR, `cues.LEARNED`: "endorsed", "sought").  Many
of those are no attribution at all ("unveiled the first draft", "cited the
audit").  A logistic model trained on PolNeAR *train*
(`python -m tests.eval.train_clauses`, weights in `index/data/clause_model.json`,
plain JSON) scores each clause from a few facts -- the verb, whether it was
learned, how its speaker was found, the kind of its subject, its shape (a clause,
an object, a postposed attribution, a learned phrase), where it starts and how
long it is -- and from where its verb stands: the word before the verb ('could
argue', "didn't say", 'to praise', 'who endorsed'), a direct quote right before the
subject ('"...," Lee said outside the hall': the words after the verb are an
adjunct), the kind of the clause's first word (a pronoun, a preposition, a
capitalised name ...), how it ends and a title-case line.  Clauses scoring under the
model's threshold are not reported.
Missing model file -> every clause is kept.
"""

from __future__ import annotations

import math
from itertools import repeat
from pathlib import Path

from index.attribution.document import Document
from index.attribution.indirect import Clause
from index.attribution.mentions import PREPOSITIONS
from index.attribution.resolve import Resolution
from index.attribution.weights import load_linear_model

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "clause_model.json"

# Set to a list to record every clause (training only: tests/eval/train_clauses.py).
TRACE: list | None = None


def _load(path: Path = MODEL_PATH) -> tuple[dict[str, float], float]:
    return load_linear_model(path, "threshold", 0.0)


WEIGHTS, THRESHOLD = _load()
_ZEROS = repeat(0.0)  # the weight of a feature the model does not know
# the threshold on the probability as one on the score (no exp per clause)
_LOGIT_CUT = math.log(THRESHOLD / (1.0 - THRESHOLD)) if 0.0 < THRESHOLD < 1.0 else \
    (-math.inf if THRESHOLD <= 0.0 else math.inf)


def _length(n: int) -> str:
    return "len1" if n <= 4 else "len2" if n <= 10 else "len3" if n <= 24 else "len4"


def clause_features(doc: Document, clause: Clause, res: Resolution) -> list[str]:
    """The facts the model weighs about one reported clause."""
    lay = doc.layout
    cue = clause.cue
    lemma = cue.lemma.lower()
    kind = "named" if res.entity is not None else "unnamed"
    fs = ["bias", "cue=" + lemma, "form=" + cue.form, "mk=" + res.mention_kind, kind,
          f"cue={lemma}|{kind}"]
    if cue.learned:
        fs.append("learned")
        fs.append("learned|mk=" + res.mention_kind)
    if cue.evaluative:
        fs.append("evaluative")
    if clause.frame.unattributed:
        fs.append("unattributed")
    first = clause.first
    size = _length(clause.last - first)  # tokens, punctuation included
    subject = clause.frame.subject
    fs.append("subj=" + (subject.chunks[0].kind if subject is not None else
                         "participle" if clause.frame.participle else "none"))
    if clause.shape != "clause":  # the object of a verb ('endorsed Mr. Lee', 'urged X to ...')
        shape = "shape=" + clause.shape
        fs += (shape, shape + "|" + size, shape + "|cue=" + lemma)
    prev = lay.lower[first - 1] if first else ""
    fs.append("prev=" + (prev if prev in ("that", ",", "to", "whether", "if") else "other"))
    if first < cue.first:
        fs.append("before_cue")
    elif first - cue.last <= 1:
        fs.append("right_after_cue")
    fs.append(size)
    fs.append(size + ("|learned" if cue.learned else "|hand"))
    if 1 in lay.quoted[first:clause.last]:
        fs.append("mixed")
    # a verb in the clause: a reported clause, not an object ("endorsed Mr. Lee")
    lw = lay.lower
    for t in range(first, min(clause.last, first + 8)):
        if lw[t] in _AUX or lw[t].endswith(_VERB_ENDINGS):
            break
    else:
        fs.append("no_verb")
    fs += _context_features(doc, clause)
    fs.append("rk=" + res.kind)
    return fs


def _context_features(doc: Document, clause: Clause) -> list[str]:
    """Where the cue stands: its mood, the quote before its subject, the first word and
    the end of its clause, a title-case line."""
    lay = doc.layout
    lw, words = lay.lower, lay.words
    cue = clause.cue
    first = clause.first
    shape = clause.shape
    fs: list[str] = []
    # the word before the cue: 'would say', 'could argue', "didn't say", 'to praise',
    # 'who endorsed', 'has endorsed'
    prev = lw[cue.first - 1] if cue.first else ""
    group = ("modal" if prev in _MODALS else "neg" if prev in _NEGATIONS or
             prev.endswith(("n't", "n’t")) else "to" if prev == "to" else
             "rel" if prev in _RELATIVES else "aux" if prev in _PERFECT else
             "punct" if prev and not prev[0].isalnum() else "other")
    fs += ("cprev:" + group, f"cprev:{group}|{shape}")
    subject = clause.frame.subject
    if subject is not None:
        lo = subject.first
        sgap = cue.first - subject.last
        fs.append("sgap=" + ("after" if sgap < 0 else str(sgap) if sgap < 3 else "far"))
    else:
        lo = cue.first
    # right after a direct quote: '"...," Lee said outside the building' (what follows the
    # verb is mostly an adjunct, the quote was the content)
    t = lo - 1
    if t > 0 and words[t] == ",":
        t -= 1
    if t >= 0 and lay.sent[t] == lay.sent[lo] and (lay.quoted[t] or words[t] in _CLOSING):
        fw = "prep" if lw[first] != "to" and (lw[first] in PREPOSITIONS or
                                               lw[first] in _MORE_PREPS) else "word"
        fs += ("after_quote", f"after_quote|{shape}", f"after_quote|{fw}")
    fc = _first_class(words[first], lw[first], first == lay.sent_first[lay.sent[first]])
    fs += ("fc=" + fc, f"fc={fc}|{shape}", f"fc={fc}|cue={cue.lemma.lower()}")
    if lw[first] in PREPOSITIONS or lw[first] in _MORE_PREPS:
        fs += ("first_prep", "first_prep|" + shape)
    # how far the clause starts from its cue (adjuncts between: 'said on Monday that')
    gap = first - cue.last
    fs.append("gap=" + ("before" if gap < 0 else str(gap) if gap < 3 else "far"))
    # how the clause ends: its sentence's full stop or question mark, a comma, a dash ...
    if clause.last < lay.n and lay.sent[clause.last] == lay.sent[first]:
        fs.append("cut|" + shape)  # the clause stops before its sentence ends
    end = words[clause.last - 1]
    fs.append("end=" + (end if not end[0].isalnum() else "word"))
    # a headline or title-case line ('Lee Says Vote Was Rigged')
    upper = sum(1 for t in range(first, min(clause.last, first + 8)) if words[t][0].isupper())
    if clause.last - first >= 3 and upper * 3 >= 2 * min(clause.last - first, 8):
        fs.append("title_case")
    return fs


def _first_class(word: str, low: str, sentence_start: bool) -> str:
    """The kind of the clause's first word: a clause opener, a preposition, a name ..."""
    if low in _SUBJECT_PRONOUNS:
        return "pron"
    if low in PREPOSITIONS or low in _MORE_PREPS:
        return "prep"
    if low in _DETERMINERS:
        return "det"
    if low in _OPENERS:
        return "wh"
    if not word[0].isalnum():
        return "punct"
    if word[0].isdigit():
        return "num"
    if word[0].isupper() and not sentence_start:
        return "cap"
    return "word"


_SUBJECT_PRONOUNS = frozenset("i you he she it we they there this these those".split())
_DETERMINERS = frozenset("the a an his her their its our my your some many most all no any "
                         "every each several".split())
_OPENERS = frozenset("that whether if why how what when where who which".split())
_CLOSING = frozenset("\"”'’»")
_MODALS = frozenset("would could can might may should must will shall".split())
_NEGATIONS = frozenset("not never no".split())
_RELATIVES = frozenset("who which that whom".split())
_PERFECT = frozenset("has have had is was are were be been".split())
_MORE_PREPS = frozenset("during outside inside onstage".split())


_VERB_ENDINGS = ("ed", "s")
_AUX = frozenset("is are was were will would can could should must may might has have had "
                 "did does do".split())


def keep(doc: Document, clause: Clause, res: Resolution, article_id: str = "") -> bool:
    """Is the clause reported speech, by the model?  (Always True without a model.)"""
    if not WEIGHTS and TRACE is None:
        return True
    fs = clause_features(doc, clause, res)
    if TRACE is not None:
        TRACE.append({"doc": article_id, "start": clause.start, "end": clause.end,
                      "feats": fs})
    if not WEIGHTS:
        return True
    return sum(map(WEIGHTS.get, fs, _ZEROS)) >= _LOGIT_CUT  # sigmoid(score) >= THRESHOLD
