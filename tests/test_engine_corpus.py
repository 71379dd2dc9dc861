"""Encoded corpora (token ids) and the index-only helpers of the BM25 engines."""

from __future__ import annotations

import numpy as np
import pytest

from index.engines import CorpusBuilder, EncodedCorpus, engine_class
from index.engines.bm25s_engine import encoded_score_matrix, score_matrix
from index.engines.corpus import encode

DOCS = [
    ["kirkuk", "oil", "field"],
    [],
    ["oil", "export", "basra", "oil"],
    ["syria", "border"],
    ["syrian", "border", "trade"],
    ["vaccin", "dose"],
    ["vaccine"],
    ["syrians", "oil"],
]


def random_docs(seed: int, n: int, vocab: int = 300) -> list[list[str]]:
    rng = np.random.default_rng(seed)
    return [[f"t{int(i)}" for i in rng.zipf(1.3, int(rng.integers(0, 30))) % vocab] for _ in range(n)]


def test_encode_numbers_tokens_in_order_of_first_occurrence() -> None:
    vocab, ids, lengths = encode(DOCS)
    assert vocab[:4] == ["kirkuk", "oil", "field", "export"]
    assert lengths.tolist() == [len(d) for d in DOCS]
    corpus = EncodedCorpus.from_tokens(DOCS)
    assert corpus.documents() == DOCS
    assert corpus.n_docs == len(DOCS) and ids.dtype == np.int32


@pytest.mark.parametrize("batch", [1, 3, 100])
def test_builder_over_batches_equals_the_whole_corpus(batch: int) -> None:
    docs = random_docs(1, 120)
    keep = np.random.default_rng(2).random(len(docs)) > 0.2
    builder = CorpusBuilder()
    for i in range(0, len(docs), batch):
        part = docs[i : i + batch]
        builder.add(*encode(part), keep=keep[i : i + batch])
    merged = builder.finish()
    expected = EncodedCorpus.from_tokens([d for d, k in zip(docs, keep, strict=True) if k])
    assert merged.vocab == expected.vocab
    assert np.array_equal(merged.token_ids, expected.token_ids)
    assert np.array_equal(merged.offsets, expected.offsets)


def test_builder_of_nothing_is_an_empty_corpus() -> None:
    corpus = CorpusBuilder().finish()
    assert corpus.n_docs == 0 and corpus.vocab == [] and len(corpus.token_ids) == 0


@pytest.mark.parametrize("chunk", [1, 7, 50, 10_000])
def test_score_matrix_does_not_depend_on_the_chunking(chunk: int) -> None:
    docs = random_docs(3, 200)
    corpus = EncodedCorpus.from_tokens(docs)
    whole = score_matrix(docs, k1=1.5, b=0.75)
    parts = encoded_score_matrix(corpus, k1=1.5, b=0.75, chunk_docs=chunk)
    for a, b in zip(whole[:3], parts, strict=True):
        assert a.dtype == b.dtype and np.array_equal(a, b)


@pytest.mark.parametrize("name", ["bm25s", "rank-bm25"])
def test_build_encoded_scores_like_build(name: str) -> None:
    docs = random_docs(4, 150)
    a = engine_class(name).build(docs)
    b = engine_class(name).build_encoded(EncodedCorpus.from_tokens(docs))
    for q in (["t1"], ["t2", "t7", "t7"], ["absent"]):
        assert np.array_equal(a.scores(q), b.scores(q))


@pytest.mark.parametrize("name", ["bm25s", "rank-bm25"])
@pytest.mark.parametrize("saved", [False, True])
def test_word_forms_and_documents_holding(name: str, saved: bool, tmp_path) -> None:
    engine = engine_class(name).build(DOCS)
    if saved:
        engine.save(tmp_path)
        engine = engine_class(name).load(tmp_path)
    assert engine.word_forms("syria") == ["syria", "syrian", "syrians"]
    assert engine.word_forms("syrian") == ["syrian", "syrians", "syria"]
    assert engine.word_forms("vaccine") == ["vaccine", "vaccin"]
    assert engine.word_forms("oil") == ["oil"]  # too short for other forms
    assert engine.word_forms("cholera") == ["cholera"]
    assert engine.tokens_with_prefix("vacc") == ["vaccin", "vaccine"]
    docs = np.arange(len(DOCS))
    assert engine.documents_holding("oil", docs).tolist() == [any(t == "oil" for t in d) for d in DOCS]
    assert engine.documents_holding("absent", docs).tolist() == [False] * len(DOCS)
    holding = engine.documents_holding_any(engine.word_forms("syria"), np.array([4, 3, 0, 7, 4]))
    assert holding.tolist() == [True, True, False, True, True]
    assert engine.documents_holding("oil", np.array([], dtype=np.int64)).tolist() == []


def test_a_loaded_bm25s_index_opens_without_bm25s_and_saves_again(tmp_path) -> None:
    import subprocess
    import sys

    docs = random_docs(5, 80)
    built = engine_class("bm25s").build(docs)
    built.save(tmp_path / "a")
    loaded = engine_class("bm25s").load(tmp_path / "a")
    loaded.save(tmp_path / "b")
    again = engine_class("bm25s").load(tmp_path / "b")
    for q in (["t1"], ["t3", "t9"], ["absent"]):
        assert np.array_equal(built.scores(q), again.scores(q))
    code = (
        "import sys; from index.engines import engine_class; "
        f"engine_class('bm25s').load({str(tmp_path / 'a')!r}).scores(['t1']); "
        "print('bm25s' in sys.modules, 'scipy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
