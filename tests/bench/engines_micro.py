"""Micro-benchmark of the BM25 engines and of top-k selection (not a test).

    python tests/bench/engines_micro.py                 # 10k and 100k documents
    python tests/bench/engines_micro.py --sizes 10000   # just one size
    python tests/bench/engines_micro.py --million       # + a 1M-document bm25s index:
                                                        #   build, save, load, query

The corpus is synthetic news-like token lists: lengths 20..100 (mean ~60),
tokens drawn from a Zipf law (s = 1.1) over a 200k vocabulary, so a few tokens
are in most documents and most are rare.  Queries are 1-5 tokens drawn from the
same law (like questions after stopword removal: mostly mid-frequency words).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bm25s
import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from index.engines import engine_class, top_k  # noqa: E402

VOCAB = 200_000


def zipf_probabilities(n: int, s: float = 1.1) -> np.ndarray:
    p = 1.0 / np.arange(1, n + 1) ** s
    return p / p.sum()


def synthetic_corpus(n_docs: int, seed: int = 0) -> list[list[str]]:
    rng = np.random.default_rng(seed)
    words = np.array([f"w{i}" for i in range(VOCAB)], dtype=object)
    lengths = rng.integers(20, 101, size=n_docs)
    ids = rng.choice(VOCAB, size=int(lengths.sum()), p=zipf_probabilities(VOCAB))
    bounds = np.concatenate([[0], np.cumsum(lengths)]).tolist()
    tokens = words[ids]
    return [tokens[a:b].tolist() for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


def synthetic_queries(n: int, seed: int = 1) -> list[list[str]]:
    rng = np.random.default_rng(seed)
    p = zipf_probabilities(VOCAB)
    return [
        [f"w{i}" for i in rng.choice(VOCAB, size=int(rng.integers(1, 6)), p=p)] for _ in range(n)
    ]


def fmt(ms: np.ndarray) -> str:
    return f"p50 {np.percentile(ms, 50):8.3f} ms   p95 {np.percentile(ms, 95):8.3f} ms"


def interleaved(fns: dict, queries) -> dict[str, np.ndarray]:
    """Per-query latencies (ms) of several functions, run in rotating order per query."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    items = list(fns.items())
    for j, q in enumerate(queries):
        for name, fn in items[j % len(items) :] + items[: j % len(items)]:
            start = time.perf_counter()
            fn(q)
            times[name].append(time.perf_counter() - start)
    return {name: np.array(t) * 1e3 for name, t in times.items()}


def bench_engines(n_docs: int, n_queries: int) -> None:
    print(f"\n== {n_docs:,} documents ==")
    start = time.perf_counter()
    corpus = synthetic_corpus(n_docs)
    print(f"corpus: {sum(map(len, corpus)):,} tokens, made in {time.perf_counter() - start:.1f} s")
    queries = synthetic_queries(n_queries)
    engines = {}
    for name in ("bm25s", "rank-bm25"):
        start = time.perf_counter()
        engines[name] = engine_class(name).build(corpus)
        print(f"{name:10s} build {time.perf_counter() - start:7.2f} s")
    start = time.perf_counter()
    bm25s.BM25(method="bm25+", delta=0.0).index(corpus, show_progress=False)
    print(f"(bm25s's own BM25.index() on the same corpus: {time.perf_counter() - start:.2f} s)")
    fast, ref = engines["bm25s"], engines["rank-bm25"]
    # rank-bm25 is slow: time it on fewer queries at 100k+
    ref_queries = queries if n_docs <= 20_000 else queries[: max(20, n_queries // 10)]
    for q in ref_queries[:20]:
        np.testing.assert_allclose(fast.scores(q), ref.scores(q), rtol=1e-4, atol=1e-5)
    both = interleaved({"bm25s": fast.scores, "rank-bm25": ref.scores}, ref_queries)
    t_fast = interleaved({"bm25s": fast.scores}, queries)["bm25s"]
    t_ref = both["rank-bm25"]
    print(f"bm25s      scores  {fmt(t_fast)}   ({len(queries)} queries)")
    print(f"rank-bm25  scores  {fmt(t_ref)}   ({len(ref_queries)} queries)")
    print(
        f"ratio rank-bm25 / bm25s on the same {len(ref_queries)} queries: "
        f"p50 {np.percentile(t_ref, 50) / np.percentile(both['bm25s'], 50):.0f}x, "
        f"p95 {np.percentile(t_ref, 95) / np.percentile(both['bm25s'], 95):.0f}x"
    )
    # Ways to sum the columns of bm25s's CSC arrays for one query
    retriever = fast._retriever
    data, indices, indptr, vocab = fast._data, fast._indices, fast._indptr, fast._vocab

    def columns(q):
        return [c for c in (vocab.get(t) for t in q) if c is not None]

    def bincount_scores(q):
        cols = columns(q)
        if not cols:
            return np.zeros(n_docs, dtype=np.float32)
        rows = np.concatenate([indices[indptr[c] : indptr[c + 1]] for c in cols])
        vals = np.concatenate([data[indptr[c] : indptr[c + 1]] for c in cols])
        return np.bincount(rows, weights=vals, minlength=n_docs).astype(np.float32)

    def fancy_scores(q):
        out = np.zeros(n_docs, dtype=np.float32)
        for c in columns(q):
            out[indices[indptr[c] : indptr[c + 1]]] += data[indptr[c] : indptr[c + 1]]
        return out

    variants = interleaved(
        {
            "ours: np.add.at per column": fast.scores,
            "out[rows] += column": fancy_scores,
            "np.bincount over all columns": bincount_scores,
            "bm25s BM25.get_scores (np.add.at)": retriever.get_scores,
            "ours + top_k(10)": lambda q: top_k(fast.scores(q), 10),
        },
        queries,
    )
    for label, ms in variants.items():
        print(f"  {label:36s} {fmt(ms)}")


def bench_argpartition() -> None:
    print("\n== top-k selection on 1,000,000 float32 scores, k = 10 ==")
    rng = np.random.default_rng(0)
    n, k = 1_000_000, 10
    sparse = np.zeros(n, dtype=np.float32)
    hit = rng.choice(n, 2000, replace=False)
    sparse[hit] = rng.random(2000).astype(np.float32) + 0.1
    dense = rng.random(n).astype(np.float32)
    cases = [
        ("np.argpartition(s, -k)", lambda s: np.argpartition(s, -k)),
        ("np.argpartition(-s, k - 1)", lambda s: np.argpartition(-s, k - 1)),
        ("np.partition(-s, k - 1)", lambda s: np.partition(-s, k - 1)),
        ("np.flatnonzero(s > 0)", lambda s: np.flatnonzero(s > 0)),
        ("top_k(s, k)", lambda s: top_k(s, k)),
        ("top_k(s, k, positive_only=False)", lambda s: top_k(s, k, positive_only=False)),
    ]
    print(f"{'':36s} {'2,000 non-zero':>16s} {'all non-zero':>14s}")
    for label, fn in cases:
        row = []
        for scores in (sparse, dense):
            times = []
            for _ in range(5):
                start = time.perf_counter()
                fn(scores)
                times.append(time.perf_counter() - start)
            row.append(min(times) * 1e3)
        print(f"{label:36s} {row[0]:13.2f} ms {row[1]:11.2f} ms")


def bench_million(n_queries: int) -> None:
    n_docs = 1_000_000
    print(f"\n== bm25s engine, {n_docs:,} documents ==")
    start = time.perf_counter()
    corpus = synthetic_corpus(n_docs)
    n_tokens = sum(map(len, corpus))
    print(f"corpus: {n_tokens:,} tokens, made in {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    engine = engine_class("bm25s").build(corpus)
    print(f"build {time.perf_counter() - start:.1f} s (vocabulary {engine.vocabulary_size:,})")
    del corpus
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        engine.save(tmp)
        size = sum(p.stat().st_size for p in Path(tmp).iterdir())
        print(f"save {time.perf_counter() - start:.1f} s, {size / 2**20:.0f} MiB")
        del engine
        # load and query in a fresh process, as a bot would
        code = f"""
import sys, time
sys.path.insert(0, {str(ROOT)!r})
t0 = time.perf_counter()
import numpy as np
from index.engines import engine_class, top_k
import bm25s
t1 = time.perf_counter()
e = engine_class("bm25s").load({tmp!r})
t2 = time.perf_counter()
sys.path.insert(0, {str(Path(__file__).parent)!r})
from engines_micro import synthetic_queries
qs = synthetic_queries({n_queries})
t3 = time.perf_counter(); top_k(e.scores(qs[0]), 10); t4 = time.perf_counter()
print(f"fresh process: imports {{t1 - t0:.2f}} s, load(mmap) {{(t2 - t1) * 1e3:.0f}} ms, "
      f"first query {{(t4 - t3) * 1e3:.1f}} ms")
for label in ("first pass (pages fault in)", "second pass"):
    lat = []
    for q in qs:
        a = time.perf_counter(); top_k(e.scores(q), 10); lat.append(time.perf_counter() - a)
    lat = np.array(lat) * 1e3
    print(f"scores + top_k(10), {{len(qs)}} queries, {{label}}: "
          f"p50 {{np.percentile(lat, 50):.2f}} ms, p95 {{np.percentile(lat, 95):.2f}} ms")
import psutil
info = psutil.Process().memory_full_info()
print(f"RSS {{info.rss / 2**20:.0f}} MiB (of which file-backed, shared {{info.shared / 2**20:.0f}} MiB), "
      f"USS {{info.uss / 2**20:.0f}} MiB")
"""
        subprocess.run([sys.executable, "-c", code], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument(
        "--million", action="store_true", help="also build and load a 1M-document index"
    )
    args = parser.parse_args()
    for n in args.sizes:
        bench_engines(n, args.queries)
    bench_argpartition()
    if args.million:
        bench_million(args.queries)


if __name__ == "__main__":
    main()
