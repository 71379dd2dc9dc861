"""Attribution on the team's shared data (../shared): the seed article and the INA-style dev set.

Skipped when ../shared is absent (a user's clone).  Quotes are identified by a
few words only; the texts themselves stay in ../shared.
"""

from __future__ import annotations

import importlib.util
import json
import sys

import pytest

from index.attribution import attribute_quotes
from index.ingest import read_file
from tests.conftest import shared_or_skip

pytestmark = pytest.mark.shared

MOI = "spokesman for the Ministry of Interior"
JOC = "spokesman for the Joint Operations Command"
CINC = "spokesman for the Commander-in-Chief of the Armed Forces"

# (a few words of the quote, surname, title, role, kind, cue, how the speaker is found)
SEED = [
    ("For years, no terrorist", "Al-Muhanna", "Major General", MOI, "direct", "told", "name"),
    ("and after the recent security", "Al-Muhanna", "Major General", MOI, "direct", "adding",
     "name"),
    ("these changes will give", "Al-Muhanna", "Major General", MOI, "direct", "pointed out",
     "pronoun"),
    ("the security effort is always", "Al-Muhanna", "Major General", MOI, "direct", "noting",
     "pronoun"),
    ("there will be support for", "Al-Muhanna", "Major General", MOI, "direct", "pointed out",
     "surname"),
    ("this incident will not", "Al-Muhanna", "Major General", MOI, "direct", "stressing",
     "surname"),
    ("Immediately after the terrorist", "Al-Khafaji", "Major General", JOC, "direct", "said",
     "name"),
    ("What happened is a security", "Al-Khafaji", "Major General", JOC, "direct", "added",
     "pronoun"),
    ("the great pressure exerted", "Al-Khafaji", "Major General", JOC, "direct", "indicated",
     "pronoun"),
    ("this pressure pushed", "Al-Khafaji", "Major General", JOC, "direct", "indicating",
     "pronoun"),
    ("the security forces will reach", "Rasoul", "Major General", CINC, "indirect", "confirmed",
     "name"),
]


@pytest.fixture(scope="module")
def seed():
    folder = shared_or_skip("seed")
    path = sorted(folder.glob("*.txt"))[0]
    articles, errors = read_file(path)
    assert not errors
    return articles[0], attribute_quotes(articles[0])


@pytest.mark.parametrize(("words", "surname", "title", "role", "kind", "cue", "via"), SEED)
def test_seed_quote(seed, words, surname, title, role, kind, cue, via) -> None:
    article, quotes = seed
    found = [q for q in quotes if q.text.startswith(words)]
    assert len(found) == 1, [q.text[:40] for q in quotes]
    q = found[0]
    assert article.body[q.start:q.end] == q.text
    s = q.speaker
    assert surname in (s.name or "") and s.kind == "person"
    assert (s.title, s.role, q.kind, q.cue, s.mention_kind) == (title, role, kind, cue, via)


def test_seed_has_exactly_these_quotes(seed) -> None:
    article, quotes = seed
    assert len(quotes) == len(SEED)
    # the stray mark after "(INA)..." and the silent Commander-in-Chief give nothing
    assert not any("Kahdimi" in (q.speaker.name or "") for q in quotes)
    for q in quotes:
        assert q.text[:1].isalnum() and len(q.text.split()) > 5
    organisations = {q.speaker.organization for q in quotes}
    assert organisations == {"Ministry of Interior", "Joint Operations Command",
                             "Commander-in-Chief of the Armed Forces"}


def test_seed_quote_that_is_never_closed_ends_at_its_paragraph(seed) -> None:
    article, quotes = seed
    q = next(q for q in quotes if q.text.startswith("this incident will not"))
    assert article.body[q.end:q.end + 2] == "\n\n"


# Gold answers whose speaker the article spells differently from the gold name: the
# article's own spelling is the right attribution; the archive-wide spelling is the
# speaker directory's business.  (article id, gold speaker)
SPELLING_ONLY = {("ina-dev-015", "Sabah al-Numan"), ("ina-dev-014", "Mustafa al-Kadhimi")}


def _scorer():
    path = shared_or_skip("eval", "qa_score.py")
    spec = importlib.util.spec_from_file_location("qa_score", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["qa_score"] = module
    spec.loader.exec_module(module)
    return module


def test_ina_dev_gold_speakers() -> None:
    corpus = shared_or_skip("corpora", "ina-style")
    scorer = _scorer()
    quotes = {}
    for path in sorted((corpus / "dev").glob("*.json")):
        articles, errors = read_file(path)
        assert not errors
        quotes[articles[0].id] = attribute_quotes(articles[0])
    misses, wrong = [], []
    for line in (corpus / "dev-questions.jsonl").read_text(encoding="utf-8").splitlines():
        for gold in json.loads(line)["answers"] if line.strip() else []:
            wanted = scorer.norm(gold["quote_contains"])
            found = [q for q in quotes[gold["article"]] if wanted in scorer.norm(q.text)]
            if not found:
                misses.append(gold["article"])
                continue
            ok = any(scorer.speaker_ok(scorer.speaker_str(
                {"name": q.speaker.name, "role": q.speaker.role,
                 "organization": q.speaker.organization}), gold["speaker"]) for q in found)
            if not ok and (gold["article"], gold["speaker"]) not in SPELLING_ONLY:
                wrong.append((gold["article"], gold["speaker"],
                              [q.speaker.display for q in found]))
    assert not misses and not wrong, (misses, wrong)

