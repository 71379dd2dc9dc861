"""attribute_quotes on hostile input: invariants hold and time grows linearly."""

from __future__ import annotations

import random
import time

import pytest

from index.attribution import attribute_quotes
from index.models import Article

_VOCAB = ["said", "he", "she", "it", "the", "spokesman", "Al-Tamimi", "that", "told", "Major",
          "General", "minister", "and", "adding", "for", "ministry", "according", "to", "The",
          "Ministry", "of", "Interior", "Command", "a", "source", "as", "saying", "quoted",
          '"', "“", "”", "'", "‘", "’", "''", ",", ":", ".", ";", "(", ")", "\n\n", "Dr.",
          "who", "In", "turn", "according to", "Sen.", "Hill", "(D-Va.)", "statement"]


def _random_text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_VOCAB) for _ in range(words))


@pytest.mark.parametrize("seed", range(40))
def test_invariants_on_random_text(seed: int) -> None:
    rng = random.Random(seed)
    a = Article(id=f"r{seed}", title=_random_text(rng, 6), body=_random_text(rng, 400))
    quotes = attribute_quotes(a)
    assert quotes == sorted(quotes, key=lambda q: (q.start, -q.end))
    for q in quotes:
        assert a.body[q.start:q.end] == q.text and q.text
        assert q.kind in ("direct", "indirect")
        assert q.speaker.name is None or q.speaker.name.strip()


def _seconds(body: str) -> float:
    a = Article(id="adv", title="Spokesman: x", body=body)
    t = time.perf_counter()
    attribute_quotes(a)
    return time.perf_counter() - t


@pytest.mark.parametrize("unit", [
    '"he said "the spokesman told "Al-Tamimi added ',   # nested openings, no punctuation
    "\"a 'b \"c 'd “e ‘f ” g ’ ",                         # marks of every kind
    "He said that the minister said that the spokesman added that ",
    "adding that noting that stressing that ",
    '"',
])
def test_adversarial_text_time_is_linear(unit: str) -> None:
    small = (unit * (60_000 // len(unit) + 1))[:60_000]
    large = (unit * (240_000 // len(unit) + 1))[:240_000]
    _seconds(small)  # warm caches
    t_small, t_large = _seconds(small), _seconds(large)
    # four times the text may take at most about four times as long (with slack for noise)
    assert t_large < 8 * t_small + 0.5, (t_small, t_large)
