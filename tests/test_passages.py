"""index.passages: paragraphs and sentence-aligned pieces of long paragraphs."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from index.ingest import article_from_text, read_file
from index.models import Article, Passage
from index.passages import HARD_LIMIT_FACTOR, paragraph_spans, split_passages
from index.sentences import sentence_spans

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def article(body: str) -> Article:
    return Article(id="a1", title="Title", body=body)


def check_spans(art: Article, passages: list[Passage]) -> None:
    assert [p.position for p in passages] == list(range(len(passages)))
    previous_end = 0
    for p in passages:
        assert art.body[p.start : p.end] == p.text
        assert p.text == p.text.strip() and p.text
        assert p.start >= previous_end
        assert p.article_id == art.id
        previous_end = p.end
    # Nothing but whitespace is left out.
    covered = "".join(p.text for p in passages)
    assert "".join(covered.split()) == "".join(art.body.split())


def long_paragraph(n_sentences: int, words: int = 12) -> str:
    return " ".join(
        f"Sentence {i} of the statement says {' '.join(['more'] * words)} here."
        for i in range(n_sentences)
    )


def test_one_passage_per_paragraph_on_a_wire_fixture():
    (art,), _ = read_file(FIXTURES / "wire" / "border-crossing.txt")
    passages = split_passages(art)
    assert len(passages) == 5
    assert [p.text for p in passages] == art.body.split("\n\n")
    check_spans(art, passages)


def test_long_paragraph_is_split_between_sentences():
    para = long_paragraph(30)
    art = article("Short opening.\n\n" + para + "\n\nShort closing.")
    passages = split_passages(art, max_chars=300)
    check_spans(art, passages)
    middle = passages[1:-1]
    assert len(middle) > 3
    sentence_ends = {b for _, b in sentence_spans(art.body)}
    sentence_starts = {a for a, _ in sentence_spans(art.body)}
    for p in middle:
        assert len(p.text) <= 300
        assert p.start in sentence_starts and p.end in sentence_ends
    assert passages[0].text == "Short opening." and passages[-1].text == "Short closing."


def test_pieces_are_balanced_no_tiny_tail():
    para = long_paragraph(8)  # a bit over two pieces of 300
    art = article(para)
    passages = split_passages(art, max_chars=len(para) // 2 + 20)
    sizes = [len(p.text) for p in passages]
    assert len(sizes) == 2
    assert min(sizes) > max(sizes) / 2


def test_an_over_long_sentence_stays_whole():
    sentence = "The minister said " + "that the plan would go ahead " * 20 + "next year."
    art = article("Before it. " + sentence + " After it.")
    assert 200 < len(sentence) < 200 * HARD_LIMIT_FACTOR
    passages = split_passages(art, max_chars=200)
    check_spans(art, passages)
    assert sentence in [p.text for p in passages]


def test_pathological_paragraph_without_punctuation_is_cut_at_whitespace_quickly():
    body = " ".join(f"w{i % 1000}" for i in range(250_000))  # ~1.2 MB, no sentence end
    art = article(body)
    t0 = time.perf_counter()
    passages = split_passages(art, max_chars=700)
    elapsed = time.perf_counter() - t0
    check_spans(art, passages)
    assert all(len(p.text) <= 700 * HARD_LIMIT_FACTOR for p in passages)
    for p in passages[:-1]:
        assert art.body[p.end] == " "  # cut at whitespace, never inside a word
    assert elapsed < 2.0


def test_a_single_huge_token_is_cut_hard():
    art = article("x" * 10_000)
    passages = split_passages(art, max_chars=100)
    check_spans(art, passages)
    assert max(len(p.text) for p in passages) == 400


def test_raw_bodies_with_odd_whitespace():
    body = "  First para\r\nstill first.  \r\n \r\n\r\n\tSecond para.\n \n"
    art = article(body)
    passages = split_passages(art)
    check_spans(art, passages)
    assert [p.text for p in passages] == ["First para\r\nstill first.", "Second para."]
    assert paragraph_spans(body) == [(p.start, p.end) for p in passages]


def test_empty_body_and_bad_max_chars():
    assert split_passages(article("")) == []
    assert split_passages(article(" \n\n ")) == []
    with pytest.raises(ValueError):
        split_passages(article("Text."), max_chars=0)


def test_offsets_survive_ingest_normalisation():
    text = "Head\r\n\r\n  • 01-02-2023, 08:00\r\n\r\n    Kirkuk - INA\r\n\r\n    One.\r\n\r\n    Two “quoted”.\r\n"
    art = article_from_text(text, path="k.txt")
    passages = split_passages(art)
    assert [p.text for p in passages] == ["One.", "Two “quoted”."]
    check_spans(art, passages)
