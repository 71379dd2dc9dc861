"""Reporting cues: the verbs and phrases that introduce what someone said.

A cue is found on tokens: a finite verb ("said", "pointed out"), a participle
that continues the sentence's speaker (", adding that"), "according to", or
"as saying" (in "quoted X as saying").  Forms that are also common nouns
("reports", "claims", "notes", "calls") are left out on purpose.

Learned from PolNeAR train (`index/data/cue_lexicon.json`, tests/eval/train_cues.py):
verb forms of stance and reaction (`LEARNED`, plus `_STANCE`: "wants", "backed"),
which report their object, and phrases ending in a preposition (`PHRASES`: "talked
about", "criticism of"), which `indirect` reads on its own (they frame no quote).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from index.attribution.layout import register_words

CueForm = Literal["finite", "participle", "according", "as_saying"]


@dataclass(frozen=True, slots=True)
class _Verb:
    finite: tuple[str, ...]
    participle: tuple[str, ...]
    particles: tuple[str, ...] = ()  # "pointed out", "called on"
    takes_object: bool = False  # "told INA that", "called on citizens to"
    invertible: bool = False  # '"...," said the spokesman'
    evaluative: bool = False  # 'called it a "disgrace"': introduces quoted words, never a clause


_VERBS: tuple[_Verb, ...] = (
    _Verb(("said", "says", "say"), ("saying",), invertible=True),
    _Verb(("told", "tells", "tell"), ("telling",), takes_object=True),
    _Verb(("added", "adds", "add"), ("adding",), invertible=True),
    _Verb(("stated",), ("stating",), invertible=True),
    _Verb(("explained", "explains", "explain"), ("explaining",), invertible=True),
    _Verb(("pointed", "points"), ("pointing",), particles=("out",)),
    _Verb(("noted",), ("noting",), invertible=True),
    _Verb(("stressed", "stresses"), ("stressing",)),
    _Verb(("confirmed", "confirms"), ("confirming",)),
    _Verb(("affirmed", "affirms"), ("affirming",)),
    _Verb(("indicated", "indicates"), ("indicating",)),
    _Verb(("announced", "announces"), ("announcing",)),
    _Verb(("revealed", "reveals"), ("revealing",)),
    _Verb(("warned", "warns", "warn"), ("warning",), takes_object=True, invertible=True),
    _Verb(("called", "calls"), ("calling",), particles=("on", "upon", "for"), takes_object=True),
    _Verb(("urged", "urges"), ("urging",), takes_object=True),
    _Verb(("emphasized", "emphasised", "emphasizes", "emphasises"), ("emphasizing", "emphasising")),
    _Verb(("asserted", "asserts"), ("asserting",)),
    _Verb(("declared", "declares", "declare"), ("declaring",), invertible=True),
    _Verb(("described", "describes"), ("describing",)),
    _Verb(("clarified", "clarifies"), ("clarifying",)),
    _Verb(("continued",), ("continuing",), invertible=True),
    _Verb(("concluded",), ("concluding",)),
    _Verb(("insisted", "insists", "insist"), ("insisting",)),
    _Verb(("argued", "argues", "argue"), ("arguing",)),
    _Verb(("claimed",), ("claiming",)),
    _Verb(("acknowledged", "acknowledges", "acknowledge"), ("acknowledging",)),
    _Verb(("admitted", "admits", "admit"), ("admitting",)),
    _Verb(("denied", "denies", "deny"), ("denying",)),
    _Verb(("reported",), ()),
    _Verb(("replied", "replies"), ("replying",), invertible=True),
    _Verb(("responded",), ("responding",)),
    _Verb(("wrote", "writes", "write"), ("writing",), invertible=True),
    _Verb(("tweeted",), ("tweeting",)),
    _Verb(("asked", "asks", "ask"), ("asking",), takes_object=True, invertible=True),
    _Verb(("demanded",), ("demanding",)),
    _Verb(("vowed",), ("vowing",)),
    _Verb(("promised",), ("promising",)),
    _Verb(("pledged",), ("pledging",)),
    _Verb(("predicted", "predicts"), ("predicting",)),
    _Verb(("suggested", "suggests"), ("suggesting",)),
    _Verb(("mentioned",), ("mentioning",)),
    _Verb(("recalled", "recalls"), ("recalling",)),
    _Verb(("reiterated", "reiterates"), ("reiterating",)),
    _Verb(("underlined",), ("underlining",)),
    _Verb(("underscored",), ("underscoring",)),
    _Verb(("highlighted",), ("highlighting",)),
    _Verb(("disclosed",), ("disclosing",)),
    _Verb(("informed",), ("informing",), takes_object=True),
    _Verb(("assured", "reassured"), ("assuring", "reassuring"), takes_object=True),
    _Verb(("cautioned",), ("cautioning",)),
    _Verb(("hinted",), ("hinting",)),
    _Verb(("conceded",), ("conceding",)),
    _Verb(("countered",), ("countering",)),
    _Verb(("remarked",), ("remarking",)),
    _Verb(("observed",), ("observing",)),
    _Verb(("commented",), ("commenting",)),
    _Verb(("complained",), ("complaining",)),
    _Verb(("maintained",), ()),
    _Verb(("contended",), ()),
    _Verb(("testified",), ("testifying",)),
    _Verb(("believed", "believes", "believe"), ()),
    _Verb(("considered",), ()),
    # what people think, expect or found: reported stances, clauses only
    _Verb(("thought", "thinks", "think"), ()),
    _Verb(("knew", "knows", "know"), ()),
    _Verb(("hoped", "hopes", "hope"), ()),
    _Verb(("feared", "fears", "fear"), ()),
    _Verb(("expected", "expects", "expect"), ()),
    _Verb(("felt", "feels", "feel"), ()),
    _Verb(("suspected", "suspects", "suspect"), ()),
    _Verb(("worried", "worries", "worry"), ()),
    _Verb(("agreed", "agrees", "agree"), ()),
    _Verb(("found", "finds"), ()),
    _Verb(("showed", "shows", "show"), ()),
    _Verb(("estimated", "estimates", "estimate"), ()),
    _Verb(("alleged", "alleges", "allege"), ()),
    _Verb(("wondered", "wonders"), ()),
    _Verb(("doubted", "doubts"), ()),
    _Verb(("projected", "projects"), ()),
    _Verb(("concedes",), ()),
    _Verb(("signaled", "signalled", "signals"), ()),
    _Verb(("boasted",), ("boasting",)),
    _Verb(("joked",), ("joking",)),
    _Verb(("shouted",), ("shouting",), invertible=True),
    _Verb(("put", "puts"), (), particles=("it",)),  # "as the minister put it, ..."
)
# Verbs that frame quoted words but never a reported clause ('blasted Clinton as a "disgrace"').
_EVALUATIVE: tuple[_Verb, ...] = tuple(
    _Verb(tuple(f), tuple(p), takes_object=True, evaluative=True) for f, p in (
        (("called", "calls"), ("calling",)), (("blasted",), ("blasting",)),
        (("slammed",), ("slamming",)), (("dubbed",), ("dubbing",)),
        (("labeled", "labelled"), ("labeling", "labelling")), (("termed",), ("terming",)),
        (("branded",), ("branding",)), (("hailed",), ("hailing",)),
        (("praised",), ("praising",)), (("criticized", "criticised"), ("criticizing",
                                                                      "criticising")),
        (("accused",), ("accusing",)), (("mocked",), ("mocking",)),
        (("derided",), ("deriding",)), (("lauded",), ("lauding",)),
        (("decried",), ("decrying",)), (("denounced",), ("denouncing",)),
        (("condemned",), ("condemning",)),
    ))

PASSIVE_AUX = frozenset({"was", "were", "is", "are", "been", "being", "be"})


@dataclass(frozen=True, slots=True)
class _Entry:
    lemma: str
    form: CueForm
    particles: tuple[str, ...]
    takes_object: bool
    invertible: bool
    evaluative: bool


def _entries(verbs: tuple[_Verb, ...]) -> dict[str, _Entry]:
    out: dict[str, _Entry] = {}
    for v in verbs:
        lemma = v.finite[0]
        for w in v.finite:
            out[w] = _Entry(lemma, "finite", v.particles, v.takes_object, v.invertible,
                            v.evaluative)
        for w in v.participle:
            out[w] = _Entry(lemma, "participle", v.particles, v.takes_object, False,
                            v.evaluative)
    return out


_LEXICON: dict[str, _Entry] = _entries(_VERBS)
# Used when a word's phrasal entry does not fit ("called it" is not "called on").
_BARE: dict[str, _Entry] = _entries(_EVALUATIVE)
for _w, _e in _BARE.items():
    _LEXICON.setdefault(_w, _e)



def _learned() -> dict[str, _Entry]:
    """Cue forms learned from PolNeAR train (index/data/cue_lexicon.json, written by
    tests/eval/train_cues.py): verbs of stance and reaction the list above lacks
    ("endorsed", "blasted", "sought").  They take an object or a clause."""
    path = Path(__file__).resolve().parents[1] / "data" / "cue_lexicon.json"
    try:
        forms = json.loads(path.read_text(encoding="utf-8"))["forms"]
    except (OSError, ValueError, KeyError):
        return {}
    return {w: _Entry(w, "participle" if w.endswith("ing") else "finite", (), True, False, False)
            for w in forms if w not in _LEXICON and w.isalpha()}


# Verbs of intention and stance that are nouns as often as verbs ("plans", "support"), so
# never a cue in half their uses, but whose object or infinitive PolNeAR marks as the
# content of an attribution ("wants to build a wall", "backed the measure").  They act
# like learned cues: an object or a clause, weighed by the learned check (`judge`).
_STANCE = """
    want wants wanted plans planned intend intends intended seek seeking aim aims
    decided decides prefer preferred wish wishes wished supports backs backed
    favor favors favored reject rejects propose proposes oppose opposes demands pushed
    pushing pledges endorse endorsing backing opposing supporting
"""


def _phrases() -> frozenset[str]:
    """Cue phrases ending in a preposition ("talked about", "support for", "criticism of"),
    learned from PolNeAR train with the forms; their object is the content."""
    path = Path(__file__).resolve().parents[1] / "data" / "cue_lexicon.json"
    try:
        pairs = json.loads(path.read_text(encoding="utf-8")).get("phrases", {})
    except (OSError, ValueError, AttributeError):
        return frozenset()
    out = set()
    for pair in pairs:
        head, _, prep = pair.partition(" ")
        entry = _LEXICON.get(head)
        if entry is not None and prep in entry.particles:
            continue  # "called for" is a cue of its own already
        out.add(pair)
    return frozenset(out)


PHRASES: frozenset[str] = _phrases()
# first word -> the prepositions that make a phrase with it ("talked" -> {"about"})
PHRASE_HEADS: dict[str, frozenset[str]] = {
    head: frozenset(p.partition(" ")[2] for p in PHRASES if p.partition(" ")[0] == head)
    for head in {p.partition(" ")[0] for p in PHRASES}}
PHRASE_BIT = register_words(PHRASE_HEADS, 1 << 11)
LEARNED: dict[str, _Entry] = _learned()
for _w in _STANCE.split():
    if _w not in _LEXICON and _w not in LEARNED:
        LEARNED[_w] = _Entry(_w, "participle" if _w.endswith("ing") else "finite", (), True,
                             False, False)
for _w, _e in LEARNED.items():
    _LEXICON[_w] = _e

# Every single cue word, lower case (the first word of multi-word cues included).
CUE_WORDS = frozenset(_LEXICON) | {"according"}
CUE_BIT = register_words(CUE_WORDS, 1 << 2)



@dataclass(slots=True)
class Cue:
    """A reporting cue covering tokens [first, last) and body[start:end] == text."""

    first: int
    last: int
    start: int
    end: int
    text: str
    lemma: str
    form: CueForm
    takes_object: bool
    invertible: bool
    passive: bool
    quoted: bool  # inside a direct quote
    evaluative: bool = False  # frames quoted words only, never a reported clause
    learned: bool = False  # from the learned lexicon (LEARNED), not the hand-written one


def find_cues(layout) -> list[Cue]:
    """Every reporting cue in the layout, in order (inside quotes too, flagged)."""
    lower, starts, ends, text = layout.lower, layout.starts, layout.ends, layout.text
    n = len(lower)
    cues: list[Cue] = []
    for i in layout.having(CUE_BIT):
        w = lower[i]
        entry = _LEXICON.get(w)
        last = i + 1
        if entry is None:
            if w == "according" and i + 1 < n and lower[i + 1] == "to":
                cues.append(Cue(i, i + 2, starts[i], ends[i + 1], text[starts[i]:ends[i + 1]],
                                "according to", "according", False, False, False,
                                bool(layout.quoted[i])))
            continue
        if w == "saying" and i and lower[i - 1] == "as":
            cues.append(Cue(i - 1, i + 1, starts[i - 1], ends[i], text[starts[i - 1]:ends[i]],
                            "as saying", "as_saying", False, False, False,
                            bool(layout.quoted[i])))
            continue
        if entry.particles:
            if i + 1 < n and lower[i + 1] in entry.particles:
                last = i + 2
            elif w in _BARE:
                entry = _BARE[w]
            else:
                continue
        prev = lower[i - 1] if i else ""
        if prev == "the":
            continue
        passive = entry.form == "finite" and prev in PASSIVE_AUX
        cues.append(Cue(i, last, starts[i], ends[last - 1], text[starts[i]:ends[last - 1]],
                        entry.lemma, entry.form, entry.takes_object, entry.invertible,
                        passive, bool(layout.quoted[i]), entry.evaluative, w in LEARNED))
    return cues
