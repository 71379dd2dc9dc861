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


def _tokens_by_paragraph(text: str) -> list[tuple[int, int, str]]:
    """The reference tokenization: the token pattern run on each readable paragraph."""
    from index.attribution.layout import _TOKEN, paragraph_spans, readable_paragraphs

    return [(m.start(), m.end(), m.group()) for a, b in
            readable_paragraphs(text, paragraph_spans(text)) for m in _TOKEN.finditer(text, a, b)]


@pytest.mark.parametrize("seed", range(20))
def test_layout_tokens_match_paragraph_by_paragraph_tokenization(seed: int) -> None:
    # Layout splits the whole text at once when its paragraphs cover it: the tokens, their
    # offsets and paragraphs must be those of tokenizing each paragraph on its own
    from index.attribution.layout import MAX_PARAGRAPH, Layout

    rng = random.Random(seed)
    gaps = [" ", "  ", "\n", "\n\n", " \n \n ", "\t", "\xa0", "\n\xa0\n"]
    words = ["Harbor", "pier's", "re-open", "well-known-ish", "-", "'", "’s", "May.", "U.S.",
             "“Yes,”", '"no"', "(a)", "x" * 40, "Él", "día…", "2,500", "—"]
    text = "".join(rng.choice(words) + rng.choice(gaps) for _ in range(300))
    if seed % 4 == 0:  # a paragraph too long to read whole: cut, part of it skipped
        text += " ".join(["word"] * (MAX_PARAGRAPH // 4)) + "\n\n" + "Tail ends. Here."
    lay = Layout(text)
    expected = _tokens_by_paragraph(text)
    assert list(zip(lay.starts, lay.ends, lay.words, strict=True)) == expected
    for p, (a, b) in enumerate(lay.paragraphs):
        first, last = lay.paragraph_tokens(p)
        assert all(a <= lay.starts[t] < b and lay.para[t] == p for t in range(first, last))
    assert lay.caps() == [i for i, w in enumerate(lay.words) if w != w.lower()]
