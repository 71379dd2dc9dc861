"""The learned speaker choice: a second look at who said each direct quote.

The rules (`frames`, `resolve`) name one speaker per quote, or none.  This
module weighs that choice against the other people and bodies the article
mentions near the quote, with a log-linear model trained on PolNeAR *train*
(`python -m tests.eval.train_speakers`, weights in `index/data/speaker_model.json`,
plain JSON).  Each candidate is described by a few cheap facts: is it the rules'
choice, and found how (a pronoun, or no frame at all); how far before or after
the quote it was last mentioned; did it speak or was it a subject in this or the
previous paragraph, and how recently compared with the other candidates (and how
long ago, in characters); was it named first in the quote's paragraph; does it
agree in gender with the pronoun that spoke (a he / she is never weighed against
a body or a person of the other gender).  What the rules noted at the quote itself
(their own choice speaking there) is not a fact about the text before it.  A "none of them" candidate lets the
model keep the rules' answer.

Only quotes the rules find no frame for are weighed again: they may get the
speaker of the paragraph around them.  Every speaker the rules found (a name, a
body, a nominal, a pronoun's antecedent, the previous quote's speaker) is kept.
The features and the training keep the pronoun case ("he said": the rules'
antecedent against the others), switched off for speed (see `_WEIGHED`).  The
model gives a speaker only when its choice has probability at least `min_prob`
(from the model file).  Missing model file -> the rules' answer, unchanged.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from pathlib import Path

from index.attribution.resolve import Entity, Registry, Resolution
from index.attribution.weights import load_linear_model

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "speaker_model.json"
_WINDOW_BEFORE = 1500  # characters before a quote where candidates are looked for
_WINDOW_AFTER = 400  # ... and after it
_MAX_CANDIDATES = 6

# Set to a list to record every decision (training only: tests/eval/train_speakers.py).
TRACE: list | None = None


def _load(path: Path = MODEL_PATH) -> tuple[dict[str, float], float]:
    return load_linear_model(path, "min_prob", 1.0)


def by_context(weights: dict[str, float]) -> dict[str, dict[str, float]]:
    """Per coarse context (see `_WEIGHED`): each base feature's weight plus
    its weight in that context ("pronoun|sr0"), so that scoring is one lookup a feature."""
    out: dict[str, dict[str, float]] = {}
    for ctx in _WEIGHED:
        table = {f: v for f, v in weights.items() if "|" not in f}
        for f, v in weights.items():
            c, _, base = f.partition("|")
            if c == ctx and base:
                table[base] = table.get(base, 0.0) + v
        out[ctx] = table
    return out


WEIGHTS, MIN_PROB = _load()
_TABLES: dict[str, dict[str, float]] = {}
_TABLES_OF: dict[str, float] | None = None


def _bucket(d: int, edges: tuple[int, ...]) -> int:
    for i, e in enumerate(edges):
        if d < e:
            return i
    return len(edges)


_BEFORE_EDGES = (60, 200, 600, 2000)
# The rules' findings the model weighs again: a quote with no frame.  (Re-reading the
# antecedent of "he said" gained 0.5 pronoun accuracy on PolNeAR train, in sample, and
# nothing on dev, for a tenth of the attribution time: not weighed.  Names, bodies,
# nominals and speakers carried over from the previous quote were never changed.)
_WEIGHED = frozenset({"none"})
_AFTER_EDGES = (60, 200)


_SS = ("ss0", "ss1", "ss2", "ss3")
_SR = ("sr0", "sr1", "sr2", "sr3")
_MR = ("mr0", "mr1", "mr2", "mr3")
_DB = ("db0", "db1", "db2", "db3", "db4")
_DA = ("da0", "da1", "da2")
_NEAR_EDGES = (150, 400, 1000)  # how long ago a candidate was last a subject / spoke
_DS = ("ds0", "ds1", "ds2", "ds3")
_DP = ("dp0", "dp1", "dp2", "dp3")


def _first_in(facts, pa: int, start: int) -> Entity | None:
    """The candidate named first in the quote's paragraph before the quote (its topic)."""
    best, at = None, start
    for e, *_ in facts:
        i = bisect_left(e.positions, pa)
        if i < len(e.positions) and e.positions[i] < at:
            best, at = e, e.positions[i]
    return best


def _ranks(values) -> dict[int, int]:
    """Each offset's rank among them, latest first (capped at 3)."""
    order = sorted({v for v in values if v is not None}, reverse=True)
    return {v: min(3, i) for i, v in enumerate(order)}


def _table(ctx: str) -> dict[str, float]:
    global _TABLES, _TABLES_OF
    if _TABLES_OF is not WEIGHTS:
        _TABLES, _TABLES_OF = by_context(WEIGHTS), WEIGHTS
    return _TABLES[ctx]


class SpeakerChooser:
    """Per article: the mentions by position, and the choice for each quote."""

    def __init__(self, registry: Registry, paragraphs: list[tuple[int, int]],
                 headline: Entity | None = None) -> None:
        self.reg = registry
        self.headline = headline
        self.paragraphs = paragraphs
        self._mentions: list[tuple[int, int]] | None = None  # (offset, entity index)
        self.previous: Entity | None = None  # speaker of the previous direct quote

    def _near(self, a: int, b: int) -> list[Entity]:
        if self._mentions is None:
            self._mentions = sorted((p, i) for i, e in enumerate(self.reg.entities)
                                    for p in e.positions)
        ms = self._mentions
        lo = bisect_left(ms, (a, -1))
        hi = bisect_left(ms, (b, -1))
        seen: dict[int, None] = {}
        for k in range(hi - 1, lo - 1, -1):  # nearest before first
            seen.setdefault(ms[k][1], None)
        ents = self.reg.entities
        return [ents[i] for i in seen]

    def choose(self, res: Resolution | None, how: str, start: int, end: int,
               paragraph: int, article_id: str = "", quote_text: str = "",
               opened: int | None = None) -> Resolution | None:
        """The speaker of a direct quote body[start:end] in `paragraph`, given the rules'
        resolution `res` found `how` ("own", "same-paragraph", "next-paragraph", "none").
        `opened` is where the quote's opening mark is: the rules noted their own choice as
        speaking there, which says nothing about who the reader had in mind before."""
        if not WEIGHTS and TRACE is None:
            return res
        rule = res.entity if res is not None else None
        kind = res.mention_kind if res is not None else "none"
        if res is not None and rule is None:
            return res  # an unnamed role that spoke ("a campaign source") stays itself
        if kind not in _WEIGHED:
            return res  # an explicit name or body: the rules are right 95% of the time
        ctx = f"{how}:{kind}"
        pa, pb = self.paragraphs[paragraph]
        pp = self.paragraphs[paragraph - 1][0] if paragraph else pa
        cands = self._near(start - _WINDOW_BEFORE, end + _WINDOW_AFTER)
        if rule is not None and rule not in cands:
            cands.insert(0, rule)
        if self.previous is not None and self.previous not in cands:
            cands.append(self.previous)
        gender = None
        if kind == "pronoun" and res is not None:
            word = res.mention.lower().replace("’", "'").split("'")[0]  # ("He's" -> "he")
            gender = {"he": "m", "she": "f"}.get(word)
        # (a he / she is a person whose known gender agrees; never a body)
        cands = [e for e in cands if (e.name or e.role) and (gender is None or e is rule or (
            e.kind == "person" and e.gender in (None, gender)))][:_MAX_CANDIDATES]
        if rule is not None and rule not in cands:
            cands[-1:] = [rule]
        # facts per candidate
        seen_until = start if opened is None else min(start, opened)
        facts = []
        for e in cands:
            ps = e.positions
            i = bisect_left(ps, start)
            before = ps[i - 1] if i else None
            j = bisect_left(ps, end, i)
            after = ps[j] if j < len(ps) else None
            sp = e.spoke_at
            k = bisect_left(sp, seen_until)
            spoke = sp[k - 1] if k else None
            su = e.subject_at
            k = bisect_left(su, seen_until)
            subj = su[k - 1] if k else None
            facts.append((e, before, after, spoke, subj))
        first_in_para = _first_in(facts, pa, start)
        spoke_rank = _ranks(f[3] for f in facts)
        before_rank = _ranks(f[1] for f in facts)
        subj_rank = _ranks(f[4] for f in facts)
        feats_all: list[list[str]] = []
        for e, before, after, spoke, subj in facts:
            fs = []
            if subj is not None:
                fs.append(_SS[subj_rank[subj]])
                if subj >= pa:
                    fs.append("subj_same_para")
                elif subj >= pp:
                    fs.append("subj_prev_para")
            if e is self.headline:
                fs.append("headline")
            if e.title or e.role:
                fs.append("described")
            if e.name and quote_text and e.name.rsplit(None, 1)[-1] in quote_text:
                fs.append("named_inside")
            if e is rule:
                fs.append("rule")
                fs.append("rule=" + ctx)
            fs.append(_DB[_bucket(start - before, _BEFORE_EDGES)] if before is not None else "db9")
            if after is not None and after - end < 200:
                fs.append(_DA[_bucket(after - end, _AFTER_EDGES)])
                if after < pb:
                    fs.append("after_same_para")
            if before is not None:
                if before >= pa:
                    fs.append("before_same_para")
                elif before >= pp:
                    fs.append("before_prev_para")
                fs.append(_MR[before_rank[before]])
            if spoke is None:
                fs.append("never_spoke")
            else:
                fs.append(_SR[spoke_rank[spoke]])
                if spoke >= pa:
                    fs.append("spoke_same_para")
                elif spoke >= pp:
                    fs.append("spoke_prev_para")
            if e is self.previous:
                fs.append("prev_quote")
            if e.kind == "body":
                fs.append("body")
            elif not e.name:
                fs.append("unnamed")
            elif " " not in e.name:
                fs.append("one_word")
            if gender is not None and e.kind == "person":
                fs.append("g_agree" if e.gender == gender else "g_clash" if e.gender else "g_unk")
            if subj is not None:
                fs.append(_DS[_bucket(start - subj, _NEAR_EDGES)])
            if spoke is not None:
                fs.append(_DP[_bucket(start - spoke, _NEAR_EDGES)])
                if subj is not None:
                    # the latest speaker who is also the latest subject, or not
                    fs.append(f"{_SS[subj_rank[subj]]}&{_SR[spoke_rank[spoke]]}")
            if first_in_para is e:
                fs.append("para_first")
            n = len(e.positions)
            fs.append("n1" if n <= 1 else "n2" if n <= 3 else "n4")
            feats_all.append(fs)
        null = ["NULL", "NULL=" + ctx]
        if TRACE is not None:
            TRACE.append({"doc": article_id, "start": start, "end": end, "ctx": ctx,
                          "coarse": kind, "rule": cands.index(rule) if rule in cands else -1,
                          "names": [e.credit() or e.role for e in cands],
                          "feats": feats_all, "null": null})
        if not WEIGHTS:
            return res
        w = _table(kind).get
        scores = [sum(w(f, 0.0) for f in fs) for fs in feats_all]
        null_score = sum(w(f, 0.0) for f in null)
        top = max(scores + [null_score])
        z = sum(math.exp(s - top) for s in scores) + math.exp(null_score - top)
        best = max(range(len(scores)), key=scores.__getitem__, default=-1)
        if best < 0 or scores[best] < null_score:
            return res
        chosen = cands[best]
        p = math.exp(scores[best] - top) / z
        if chosen is rule or p < MIN_PROB:
            return res
        if res is not None and kind == "pronoun":
            # the same mention, read as another antecedent
            return Resolution(chosen, res.mention, kind, round(min(0.75, p), 2))
        # no attribution of its own: the speaker the paragraph around the quote points at
        return Resolution(chosen, "", "unknown", round(min(0.6, p), 2))
