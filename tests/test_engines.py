"""BM25 engines: same formula in both, save/load round trips, top_k."""

from __future__ import annotations

import json
import math
from pathlib import Path

import bm25s
import numpy as np
import pytest

from index.engines import (
    ENGINE_NAMES,
    FORMULA,
    BM25Engine,
    engine_class,
    load_engine,
    top_k,
)
from index.engines.bm25s_engine import score_matrix
from index.errors import ConfigError, IndexCorrupt
from index.tokenize import Tokenizer

# Written for these tests, in the wire style.
PASSAGES = [
    "Baghdad - INA: The spokesman for the Ministry of Interior, Maj. Gen. Khaled Al-Muhanna, "
    "said that security forces arrested five suspects in Kirkuk on Monday.",
    "Al-Muhanna pointed out that the capital is safe and that checkpoints were reduced.",
    "Prime Minister Al-Kadhimi said the government will hold early elections in June.",
    "The Joint Operations Command said in a statement that an air strike destroyed a hideout "
    "near Kirkuk.",
    "Kirkuk governor said the oil fields of Kirkuk were not affected by the attack.",
    "The Ministry of Health announced 1,000 new infections and 3.5 percent more recoveries.",
    "He added that the ministry's teams will continue their work in Basra and Mosul.",
    "al-Kadhimi met the U.N. envoy in Baghdad to discuss the elections.",
    "",
    "The electricity ministry spokesman said power cuts in Basra would end by summer.",
    "Security forces said the road between Kirkuk and Erbil was reopened.",
    "The spokesman said: 'Kirkuk is safe, Kirkuk is calm, and Kirkuk will stay calm.'",
]
QUERIES = [
    "Kirkuk",
    "what did the interior ministry spokesman say about Kirkuk",
    "Al-Kadhimi elections",
    "Kadhimi",
    "is the capital safe",
    "Basra electricity power cuts summer",
    "infections 1,000",
    "nothing relevant xyzzy",
    "",
    "Kirkuk Kirkuk",
]


@pytest.fixture(scope="module")
def corpus() -> list[list[str]]:
    return Tokenizer().tokenize_many(PASSAGES)


@pytest.fixture(scope="module", params=ENGINE_NAMES)
def engine(request: pytest.FixtureRequest, corpus: list[list[str]]) -> BM25Engine:
    return engine_class(request.param).build(corpus)


def random_corpus(seed: int, n_docs: int, vocab: int) -> list[list[str]]:
    rng = np.random.default_rng(seed)
    docs = []
    for _ in range(n_docs):
        ids = rng.zipf(1.3, size=int(rng.integers(0, 40)))
        docs.append([f"t{int(i)}" for i in ids if i < vocab])
    return docs


def reference_scores(corpus: list[list[str]], query: list[str], k1: float, b: float) -> np.ndarray:
    """The formula in FORMULA, written out plainly."""
    n = len(corpus)
    avgdl = sum(map(len, corpus)) / n
    df: dict[str, int] = {}
    for doc in corpus:
        for t in set(doc):
            df[t] = df.get(t, 0) + 1
    out = np.zeros(n)
    for t in query:
        if t not in df:
            continue
        idf = math.log((n + 1) / df[t])
        for d, doc in enumerate(corpus):
            tf = doc.count(t)
            if tf:
                out[d] += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len(doc) / avgdl))
    return out


# ---------------------------------------------------------------------- the formula


def test_engine_class_names() -> None:
    assert engine_class("bm25s").name == "bm25s"
    assert engine_class("rank-bm25").name == "rank-bm25"
    with pytest.raises(ConfigError, match="bm25s"):
        engine_class("lucene")


def test_scores_follow_the_documented_formula(engine: BM25Engine, corpus: list[list[str]]) -> None:
    tok = Tokenizer()
    for q in QUERIES:
        tokens = tok.tokenize(q)
        got = engine.scores(tokens)
        assert got.dtype == np.float32 and got.shape == (len(corpus),)
        np.testing.assert_allclose(
            got, reference_scores(corpus, tokens, 1.5, 0.75), rtol=1e-5, atol=1e-6
        )


def test_both_engines_agree_on_the_news_corpus(corpus: list[list[str]]) -> None:
    fast = engine_class("bm25s").build(corpus)
    ref = engine_class("rank-bm25").build(corpus)
    tok = Tokenizer()
    for q in QUERIES:
        tokens = tok.tokenize(q)
        a, b = fast.scores(tokens), ref.scores(tokens)
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-6)
        assert np.array_equal(top_k(a, 10)[0], top_k(b, 10)[0])


@pytest.mark.parametrize("k1,b", [(1.5, 0.75), (1.2, 0.3), (2.0, 1.0)])
def test_both_engines_agree_on_random_queries(k1: float, b: float) -> None:
    corpus = random_corpus(seed=3, n_docs=400, vocab=500)
    fast = engine_class("bm25s").build(corpus, k1=k1, b=b)
    ref = engine_class("rank-bm25").build(corpus, k1=k1, b=b)
    rng = np.random.default_rng(11)
    for _ in range(150):
        query = [f"t{int(i)}" for i in rng.integers(1, 520, size=int(rng.integers(1, 7)))]
        a, r = fast.scores(query), ref.scores(query)
        np.testing.assert_allclose(a, r, rtol=1e-4, atol=1e-5)
        # identical top-10 orderings wherever the reference has no near-ties
        ia, _ = top_k(a, 10)
        ir, sr = top_k(r, 10)
        if len(sr) > 1 and np.min(np.abs(np.diff(sr))) > 1e-4 * float(sr[0]):
            assert np.array_equal(ia, ir)


def test_bm25s_arrays_equal_bm25s_own_indexing() -> None:
    """Our vectorised build writes what bm25s.BM25(method="bm25+", delta=0).index() would."""
    corpus = random_corpus(seed=5, n_docs=300, vocab=400)
    data, indices, indptr, vocab = score_matrix(corpus, k1=1.5, b=0.75)
    ids = [[vocab[t] for t in doc] for doc in corpus]
    reference = bm25s.BM25(k1=1.5, b=0.75, method="bm25+", delta=0.0)
    reference.index((ids, dict(vocab)), show_progress=False)
    np.testing.assert_array_equal(indptr, reference.scores["indptr"])
    np.testing.assert_array_equal(indices, reference.scores["indices"])
    np.testing.assert_allclose(data, reference.scores["data"], rtol=1e-6)
    assert data.dtype == np.float32 and indices.dtype == np.int32 and indptr.dtype == np.int64
    # delta = 0: nothing is added for absent terms
    np.testing.assert_allclose(reference.nonoccurrence_array, 0)
    # and bm25s's own scoring of our arrays agrees with ours
    ours = engine_class("bm25s").build(corpus)
    np.testing.assert_allclose(
        ours.scores(["t1", "t7"]), reference.get_scores(["t1", "t7"]), rtol=1e-6
    )


def test_vocabulary_ids_are_deterministic() -> None:
    corpus = random_corpus(seed=8, n_docs=50, vocab=100)
    first = score_matrix(corpus, k1=1.5, b=0.75)[3]
    assert first == score_matrix(corpus, k1=1.5, b=0.75)[3]
    assert list(first) == list(dict.fromkeys(t for doc in corpus for t in doc))


# ---------------------------------------------------------------------- behaviour


def test_unknown_and_empty_queries_score_zero(engine: BM25Engine, corpus: list[list[str]]) -> None:
    for query in ([], ["xyzzy"], ["xyzzy", "plugh"], [""]):
        scores = engine.scores(query)
        assert scores.dtype == np.float32 and scores.shape == (len(corpus),)
        assert not scores.any()
    assert np.array_equal(engine.scores(["kirkuk", "xyzzy"]), engine.scores(["kirkuk"]))


def test_only_matching_documents_score_positive(
    engine: BM25Engine, corpus: list[list[str]]
) -> None:
    scores = engine.scores(["kirkuk"])
    has = np.array(["kirkuk" in doc for doc in corpus])
    assert np.array_equal(scores > 0, has)


def test_repeated_query_tokens_count_twice(engine: BM25Engine) -> None:
    once = engine.scores(["kirkuk", "safe"])
    twice = engine.scores(["kirkuk", "kirkuk", "safe"])
    np.testing.assert_allclose(twice - once, engine.scores(["kirkuk"]), rtol=1e-5, atol=1e-6)


def test_a_term_in_every_document_still_ranks() -> None:
    """The dominant topic of a small archive keeps a positive idf (unlike Robertson's clamp)."""
    corpus = [["kirkuk", "safe", "oil"], ["kirkuk"], ["kirkuk", "kirkuk", "kirkuk"]]
    for name in ENGINE_NAMES:
        scores = engine_class(name).build(corpus).scores(["kirkuk"])
        assert (scores > 0).all()
        assert list(top_k(scores, 3)[0]) == [2, 1, 0]  # tf 3 > tf 1 short > tf 1 long


def test_empty_corpus_and_empty_documents(tmp_path: Path) -> None:
    for name in ENGINE_NAMES:
        cls = engine_class(name)
        empty = cls.build([])
        assert empty.n_docs == 0 and empty.scores(["x"]).shape == (0,)
        empty.save(tmp_path / f"{name}-empty")
        assert cls.load(tmp_path / f"{name}-empty").scores(["x"]).shape == (0,)
        blank = cls.build([[], []])
        assert blank.n_docs == 2 and not blank.scores(["x"]).any()
        blank.save(tmp_path / f"{name}-blank")
        assert cls.load(tmp_path / f"{name}-blank").scores(["x"]).shape == (2,)


def test_describe(engine: BM25Engine, corpus: list[list[str]]) -> None:
    info = engine.describe()
    assert info["engine"] == engine.name
    assert info["formula"] == FORMULA
    assert info["n_docs"] == engine.n_docs == len(corpus)
    assert (info["k1"], info["b"]) == (1.5, 0.75)
    assert info["library_version"] == engine.library_version == type(engine).library_version


# ---------------------------------------------------------------------- save / load


def test_save_load_round_trip(engine: BM25Engine, corpus: list[list[str]], tmp_path: Path) -> None:
    engine.save(tmp_path / "e")
    loaded = type(engine).load(tmp_path / "e")
    also = load_engine(tmp_path / "e")
    assert type(also) is type(engine)
    assert loaded.n_docs == engine.n_docs and (loaded.k1, loaded.b) == (engine.k1, engine.b)
    tok = Tokenizer()
    for q in QUERIES:
        tokens = tok.tokenize(q)
        np.testing.assert_array_equal(loaded.scores(tokens), engine.scores(tokens))
    engine_json = json.loads((tmp_path / "e" / "engine.json").read_text())
    assert engine_json["engine"] == engine.name and engine_json["formula"] == FORMULA


def test_saved_files_are_plain_data(engine: BM25Engine, tmp_path: Path) -> None:
    engine.save(tmp_path / "e")
    for path in (tmp_path / "e").iterdir():
        assert path.suffix in (".npy", ".json", ".bin"), path
        if path.suffix == ".npy":
            np.load(path, allow_pickle=False)  # raises if an array needed pickle
        elif path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))


def test_bm25s_load_is_memory_mapped(corpus: list[list[str]], tmp_path: Path) -> None:
    engine_class("bm25s").build(corpus).save(tmp_path / "e")
    assert {p.name for p in (tmp_path / "e").iterdir()} >= {
        "data.csc.index.npy",
        "indices.csc.index.npy",
        "indptr.csc.index.npy",
        "params.index.json",
        "vocab.index.json",
        "engine.json",
        "sorted_vocab.bin",
    }
    loaded = engine_class("bm25s").load(tmp_path / "e")
    assert isinstance(loaded._retriever.scores["data"], np.memmap)
    # and bm25s itself can open what we saved
    plain = bm25s.BM25.load(tmp_path / "e", mmap=True)
    assert plain.method == "bm25+" and plain.delta == 0.0


def test_loaded_vocabulary_finds_every_token_and_nothing_else(tmp_path: Path) -> None:
    tokens = ["kirkuk", "كركوك", "zürich", "a", "ab", "b", "", "t\nx", "😀", "aa", "z" * 64]
    corpus = [tokens[i::3] for i in range(3)] + [["kirkuk", "kirkuk"]]
    built = engine_class("bm25s").build(corpus)
    built.save(tmp_path / "e")
    loaded = engine_class("bm25s").load(tmp_path / "e")
    assert len(loaded._vocab) == len(tokens)
    for token in tokens:
        assert loaded._vocab.get(token) == built._vocab.get(token) is not None
        np.testing.assert_array_equal(loaded.scores([token]), built.scores([token]))
    for absent in ("kirku", "kirkukk", "zurich", "\x00", "zzzz", "aaa"):
        assert loaded._vocab.get(absent) is None
    engine_class("bm25s").build([[]]).save(tmp_path / "none")
    assert engine_class("bm25s").load(tmp_path / "none")._vocab.get("x") is None


def test_load_refuses_a_foreign_or_broken_directory(
    tmp_path: Path, corpus: list[list[str]]
) -> None:
    with pytest.raises(IndexCorrupt, match="rebuild"):
        engine_class("bm25s").load(tmp_path / "nothing")
    engine_class("rank-bm25").build(corpus).save(tmp_path / "r")
    with pytest.raises(IndexCorrupt, match="rank-bm25"):
        engine_class("bm25s").load(tmp_path / "r")
    engine_class("bm25s").build(corpus).save(tmp_path / "s")
    with pytest.raises(IndexCorrupt, match="'bm25s'"):
        engine_class("rank-bm25").load(tmp_path / "s")


def test_load_refuses_another_formula(tmp_path: Path, corpus: list[list[str]]) -> None:
    for name in ENGINE_NAMES:
        engine_class(name).build(corpus).save(tmp_path / name)
        info_path = tmp_path / name / "engine.json"
        info = json.loads(info_path.read_text())
        info_path.write_text(json.dumps({**info, "formula": "okapi"}))
        with pytest.raises(IndexCorrupt, match="formula"):
            engine_class(name).load(tmp_path / name)


def test_bm25s_load_refuses_other_bm25s_methods(tmp_path: Path, corpus: list[list[str]]) -> None:
    engine_class("bm25s").build(corpus).save(tmp_path / "e")
    params_path = tmp_path / "e" / "params.index.json"
    params = json.loads(params_path.read_text())
    params_path.write_text(json.dumps({**params, "method": "lucene", "idf_method": "lucene"}))
    with pytest.raises(IndexCorrupt, match="lucene"):
        engine_class("bm25s").load(tmp_path / "e")


@pytest.mark.parametrize(
    "name,missing",
    [
        ("bm25s", "data.csc.index.npy"),
        ("bm25s", "params.index.json"),
        ("bm25s", "sorted_vocab.bin"),
        ("bm25s", "sorted_vocab_ids.npy"),
        ("rank-bm25", "tokens.npy"),
        ("rank-bm25", "vocab.json"),
    ],
)
def test_load_names_a_missing_file(
    tmp_path: Path, corpus: list[list[str]], name: str, missing: str
) -> None:
    engine_class(name).build(corpus).save(tmp_path / "e")
    (tmp_path / "e" / missing).unlink()
    with pytest.raises(IndexCorrupt, match=missing.replace(".", r"\.")):
        engine_class(name).load(tmp_path / "e")


def test_rank_bm25_load_checks_the_corpus_files(tmp_path: Path, corpus: list[list[str]]) -> None:
    engine_class("rank-bm25").build(corpus).save(tmp_path / "e")
    np.save(tmp_path / "e" / "offsets.npy", np.array([0, 5, 3], dtype=np.int64))
    with pytest.raises(IndexCorrupt, match="do not fit"):
        engine_class("rank-bm25").load(tmp_path / "e")


def test_rank_bm25_refuses_pickled_arrays(tmp_path: Path, corpus: list[list[str]]) -> None:
    engine_class("rank-bm25").build(corpus).save(tmp_path / "e")
    np.save(tmp_path / "e" / "tokens.npy", np.array([{"x": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(IndexCorrupt, match="rebuild"):
        engine_class("rank-bm25").load(tmp_path / "e")


# ---------------------------------------------------------------------- top_k


def brute_top_k(scores: np.ndarray, k: int, candidates: np.ndarray, positive_only: bool = True):
    order = sorted(candidates.tolist(), key=lambda i: (-float(scores[i]), i))
    if positive_only:
        order = [i for i in order if scores[i] > 0]
    return order[:k]


def test_top_k_basic_order_and_types() -> None:
    scores = np.array([0.0, 3.0, 1.0, 3.0, 0.5, 0.0, 2.0], dtype=np.float32)
    idx, val = top_k(scores, 3)
    assert idx.dtype == np.int64 and val.dtype == np.float32
    assert idx.tolist() == [1, 3, 6]  # tie 3.0 / 3.0 broken by the lower index
    assert val.tolist() == [3.0, 3.0, 2.0]


def test_top_k_ties_at_the_cut_take_lower_indices() -> None:
    scores = np.array([1.0, 2.0, 1.0, 1.0, 2.0, 1.0], dtype=np.float32)
    assert top_k(scores, 3)[0].tolist() == [1, 4, 0]
    assert top_k(scores, 4)[0].tolist() == [1, 4, 0, 2]


def test_top_k_only_positive_unless_asked() -> None:
    scores = np.array([0.0, -1.0, 2.0, 0.0], dtype=np.float32)
    assert top_k(scores, 10)[0].tolist() == [2]
    assert top_k(scores, 10, positive_only=False)[0].tolist() == [2, 0, 3, 1]
    assert top_k(scores, 2, positive_only=False)[0].tolist() == [2, 0]


def test_top_k_all_zero_and_degenerate_inputs() -> None:
    zeros = np.zeros(1000, dtype=np.float32)
    idx, val = top_k(zeros, 10)
    assert idx.size == 0 and val.size == 0 and idx.dtype == np.int64
    assert top_k(zeros, 3, positive_only=False)[0].tolist() == [0, 1, 2]
    assert top_k(np.zeros(0, dtype=np.float32), 5)[0].size == 0
    assert top_k(np.ones(5, dtype=np.float32), 0)[0].size == 0


def test_top_k_k_larger_than_n() -> None:
    scores = np.array([0.5, 2.0, 1.0], dtype=np.float32)
    assert top_k(scores, 100)[0].tolist() == [1, 2, 0]


def test_top_k_with_bool_mask() -> None:
    scores = np.array([5.0, 4.0, 3.0, 2.0, 1.0, 0.0], dtype=np.float32)
    mask = np.array([False, True, False, True, True, True])
    assert top_k(scores, 2, mask=mask)[0].tolist() == [1, 3]
    assert top_k(scores, 10, mask=mask)[0].tolist() == [1, 3, 4]
    assert top_k(scores, 10, mask=mask, positive_only=False)[0].tolist() == [1, 3, 4, 5]
    with pytest.raises(ValueError, match="one entry per document"):
        top_k(scores, 2, mask=np.array([True, False]))


def test_top_k_with_index_mask() -> None:
    scores = np.array([5.0, 4.0, 3.0, 2.0, 1.0, 0.0], dtype=np.float32)
    assert top_k(scores, 2, mask=[4, 2, 2, 5])[0].tolist() == [2, 4]
    assert top_k(scores, 2, mask=np.array([3, 0], dtype=np.int32))[0].tolist() == [0, 3]
    assert top_k(scores, 2, mask=[])[0].size == 0
    with pytest.raises(ValueError, match="outside"):
        top_k(scores, 2, mask=[6])
    with pytest.raises(ValueError, match="outside"):
        top_k(scores, 2, mask=[-1])


def test_top_k_matches_brute_force_on_random_vectors() -> None:
    rng = np.random.default_rng(2)
    for trial in range(300):
        n = int(rng.integers(1, 300))
        # few distinct values -> many ties; many zeros; some negatives
        scores = rng.integers(-2, 6, size=n).astype(np.float32) * np.float32(0.5)
        scores[rng.random(n) < 0.5] = 0
        k = int(rng.integers(1, n + 5))
        positive_only = bool(trial % 3)
        if trial % 4 == 0:
            mask = rng.random(n) < 0.5
            candidates = np.flatnonzero(mask)
        elif trial % 4 == 1:
            mask = rng.integers(0, n, size=int(rng.integers(0, n + 1)))
            candidates = np.unique(mask)
        else:
            mask = None
            candidates = np.arange(n)
        idx, val = top_k(scores, k, mask=mask, positive_only=positive_only)
        assert idx.tolist() == brute_top_k(scores, k, candidates, positive_only)
        np.testing.assert_array_equal(val, scores[idx])


def test_top_k_on_a_large_sparse_vector_is_fast() -> None:
    import time

    rng = np.random.default_rng(0)
    scores = np.zeros(1_000_000, dtype=np.float32)
    hit = rng.choice(scores.size, 2000, replace=False)
    scores[hit] = rng.random(2000).astype(np.float32) + 0.1
    start = time.perf_counter()
    idx, _ = top_k(scores, 10)
    top_k(scores, 10, positive_only=False)
    elapsed = time.perf_counter() - start
    assert idx.tolist() == brute_top_k(scores, 10, hit)
    assert elapsed < 0.5  # ~5 ms here; argpartition(scores, -k) alone takes ~70 ms


@pytest.mark.parametrize("name", ["bm25s", "rank-bm25"])
def test_document_frequency_counts_documents_holding_a_token(name: str) -> None:
    corpus = [["kirkuk", "oil"], ["kirkuk", "kirkuk", "border"], ["basra"], []]
    engine = engine_class(name).build(corpus)
    assert engine.document_frequency("kirkuk") == 2
    assert engine.document_frequency("basra") == 1
    assert engine.document_frequency("mosul") == 0
