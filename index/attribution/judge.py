"""The learned check of reported clauses: is this really somebody's reported speech?

`indirect` finds clauses after reporting verbs and the objects of verbs (all the
more for those learned from PolNeAR, `cues.LEARNED`: "endorsed", "sought").  Many
of those are no attribution at all ("unveiled the first draft", "cited the
audit").  A logistic model trained on PolNeAR *train*
(`python -m tests.eval.train_clauses`, weights in `index/data/clause_model.json`,
plain JSON) scores each clause from a few facts -- the verb, whether it was
learned, how its speaker was found, the kind of its subject, its shape (a clause,
an object, a postposed attribution, a learned phrase), where it starts and how
long it is -- and clauses scoring under the model's threshold are not reported.
Missing model file -> every clause is kept.
"""

from __future__ import annotations

import math
from itertools import repeat
from pathlib import Path

from index.attribution.document import Document
from index.attribution.indirect import Clause
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
    fs.append("first=" + (lay.lower[first] if lay.words[first][0].isalpha() else "#"))
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
    return fs


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
