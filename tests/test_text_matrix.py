"""The combined quote text matrix: the same sums as scoring quotes and passages apart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

import index.text_matrix as text_matrix
from index.archive import Archive
from index.builder import build_index
from index.config import load_config
from index.engines.bm25s_engine import Bm25sEngine
from index.errors import IndexCorrupt
from index.ranking import PASSAGE_WEIGHT
from index.search import answer_question
from index.text_matrix import Csc, quote_text_matrix
from index.tokenize import Tokenizer

# Written for these tests.  Passage 2 has no quote, passage 0 has two.
PASSAGES = [
    "Basra - The governor of Basra said the port reopened on Sunday and ships are unloading grain.",
    "The oil ministry spokesman said exports from the southern terminals rose in March.",
    "Heavy rain flooded several streets of Najaf overnight, residents reported.",
    "The health minister warned that clinics in Mosul lack insulin and staff.",
]
QUOTES = [  # (passage, text)
    (1, "exports from the southern terminals rose in March"),
    (0, "the port reopened on Sunday"),
    (3, "clinics in Mosul lack insulin and staff"),
    (0, "ships are unloading grain"),
    (3, "a word only the quote has: zanzibar"),
]
QUERIES = ["port", "grain ships basra", "exports march oil", "insulin", "zanzibar", "najaf rain", "unknownword"]


def _engines() -> tuple[Bm25sEngine, Bm25sEngine, np.ndarray]:
    tok = Tokenizer()
    quotes = Bm25sEngine.build(tok.tokenize_many([q for _, q in QUOTES]))
    passages = Bm25sEngine.build(tok.tokenize_many(PASSAGES))
    return quotes, passages, np.array([p for p, _ in QUOTES], dtype=np.int32)


def _csc(engine: Bm25sEngine) -> Csc:
    return Csc(*engine.matrix())


def _separate(quotes: Bm25sEngine, passages: Bm25sEngine, qp: np.ndarray, tokens: list[str]) -> np.ndarray:
    return quotes.scores(tokens) + PASSAGE_WEIGHT * passages.scores(tokens)[qp]


@pytest.mark.parametrize("chunk", [1, 3, 1000])
def test_combined_matrix_gives_the_separate_sums(monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    monkeypatch.setattr(text_matrix, "CHUNK_POSTINGS", chunk)  # many steps, or one
    quotes, passages, qp = _engines()
    m = quote_text_matrix(_csc(quotes), _csc(passages), qp, PASSAGE_WEIGHT)
    combined = Bm25sEngine.from_matrix(m.data, m.indices, m.indptr, dict(m.vocab), n_docs=len(qp), k1=1.5, b=0.75)
    tok = Tokenizer()
    for q in QUERIES:
        tokens = tok.tokenize(q)
        expected = _separate(quotes, passages, qp, tokens)
        np.testing.assert_allclose(combined.scores(tokens), expected, rtol=1e-6, atol=1e-7)
        np.testing.assert_allclose(combined.scores_of(tokens, np.array([4, 0, 3])), expected[[4, 0, 3]], rtol=1e-6)
    # Rows ascend within every term, as bm25s's layout requires.
    for t in range(len(m.indptr) - 1):
        rows = m.indices[m.indptr[t] : m.indptr[t + 1]]
        assert np.all(np.diff(rows) > 0)
    assert "zanzibar" in m.vocab  # a quote-only word keeps its quote score


def test_quote_order_need_not_follow_passages() -> None:
    quotes, passages, qp = _engines()
    m = quote_text_matrix(_csc(quotes), _csc(passages), qp, 0.25)
    combined = Bm25sEngine.from_matrix(m.data, m.indices, m.indptr, dict(m.vocab), n_docs=len(qp), k1=1.5, b=0.75)
    tokens = Tokenizer().tokenize("grain port exports")
    expected = quotes.scores(tokens) + 0.25 * passages.scores(tokens)[qp]
    np.testing.assert_allclose(combined.scores(tokens), expected, rtol=1e-6)


def test_no_quotes_gives_an_empty_matrix() -> None:
    _, passages, _ = _engines()
    empty = Bm25sEngine.build([])
    m = quote_text_matrix(_csc(empty), _csc(passages), np.zeros(0, dtype=np.int32), PASSAGE_WEIGHT)
    assert len(m.data) == 0 and len(m.indptr) == len(m.vocab) + 1


def _build(tmp_path: Path, engine: str) -> Archive:
    cfg = tmp_path / f"{engine}.toml"
    cfg.write_text(f'[index]\npath = "{tmp_path / engine}"\nengine = "{engine}"\nworkers = 1\n', encoding="utf-8")
    build_index([Path(__file__).parent.parent / "demo"], load_config(cfg), progress=False)
    return Archive.open(tmp_path / engine)


def test_bm25s_generation_answers_the_same_with_and_without_the_matrix(tmp_path: Path) -> None:
    archive = _build(tmp_path, "bm25s")
    assert archive.text_engine is not None
    questions = ["what was said about the port", "who said the roads are open", "flood", "water prices",
                 "what did the health minister say about clinics"]
    today = date(2026, 1, 1)
    with_matrix = [[(a.quote_id, a.score) for a in answer_question(archive, q, today=today).answers] for q in questions]
    archive.text_engine = None
    without = [[(a.quote_id, a.score) for a in answer_question(archive, q, today=today).answers] for q in questions]
    assert [[i for i, _ in a] for a in with_matrix] == [[i for i, _ in a] for a in without]
    for a, b in zip(with_matrix, without, strict=True):
        assert [s for _, s in a] == pytest.approx([s for _, s in b], abs=1e-4)
    assert any(with_matrix)


def test_rank_bm25_generation_has_no_matrix(tmp_path: Path) -> None:
    assert _build(tmp_path, "rank-bm25").text_engine is None


def test_a_broken_matrix_is_one_line_naming_it(tmp_path: Path) -> None:
    archive = _build(tmp_path, "bm25s")
    folder = archive.generation.path / "bm25-text"
    (folder / text_matrix.SETTINGS_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexCorrupt, match="text-matrix.json.*rebuild"):
        Archive.open(tmp_path / "bm25s")
