"""One serving process for the benchmark: load an index, answer questions, report.

    python -m tests.bench.serve --index DIR --questions FILE [--wait] [--retrieval]

Run by tests/bench/run.py in a fresh interpreter so that the load is a real cold
start.  Prints one JSON object on standard output:

- `t_start`: wall clock (time.time()) when this module began, `t_imported`,
  `t_opened`, `t_first`: when the imports were done, the generation opened and
  the first question answered (the parent subtracts its own spawn time);
- `latency_ms`: the full `answer_question` time of every question after the
  first (in order), `top`: per question the answers' (quote id, score);
- `retrieval_ms` (with --retrieval): BM25 alone per question with topic tokens
  (both engines' `scores` + `top_k`, what `search` does before ranking);
- `memory`: RSS, PSS, USS (MiB) after answering everything.

With --wait it prints `{"ready": ...}` after the first answer and then waits for
a line on standard input before answering the rest (for the multi-process
throughput run, so every process starts at the same time).
"""

from __future__ import annotations

import time

T_START = time.time()

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", required=True)
    parser.add_argument("--questions", required=True, help="a file with one question per line")
    parser.add_argument("--wait", action="store_true")
    parser.add_argument("--retrieval", action="store_true")
    parser.add_argument("--repeat", type=int, default=1, help="answer the list this many times")
    parser.add_argument("--today", default="2025-01-15")
    parser.add_argument("--interleave", metavar="INDEX2",
                        help="also load this index and answer every question with both, alternating "
                             "which goes first (latencies only: a fair ratio on a shared machine)")
    args = parser.parse_args()

    from datetime import date

    import numpy as np
    import psutil

    from index.archive import Archive
    from index.engines import top_k
    from index.search import answer_question

    t_imported = time.time()
    archive = Archive.open(args.index)
    t_opened = time.time()
    with open(args.questions, encoding="utf-8") as f:
        questions = [q for q in f.read().splitlines() if q.strip()]
    today = date.fromisoformat(args.today)
    first = answer_question(archive, questions[0], k=5, today=today)
    t_first = time.time()
    out: dict = {
        "t_start": T_START,
        "t_imported": t_imported,
        "t_opened": t_opened,
        "t_first": t_first,
        "first_answers": len(first.answers),
    }
    if args.wait:
        print(json.dumps({"ready": True}), flush=True)
        sys.stdin.readline()
    out["t_go"] = time.time()
    latency: list[float] = []
    top: list[list[tuple[int, float]]] = []
    kinds: list[str] = []
    n_answers: list[int] = []
    perf = time.perf_counter
    for _ in range(args.repeat):
        for q in questions:
            a = perf()
            result = answer_question(archive, q, k=5, today=today)
            latency.append((perf() - a) * 1e3)
            if len(top) < len(questions):
                top.append([(int(x.quote_id), float(x.score)) for x in result.answers])
                kinds.append(result.query.kind)
                n_answers.append(len(result.answers))
    if args.interleave:
        other = Archive.open(args.interleave)
        answer_question(other, questions[0], k=5, today=today)
        pair: dict[str, list[float]] = {"a": [], "b": []}
        for j, q in enumerate(questions):
            order = (("a", archive), ("b", other)) if j % 2 == 0 else (("b", other), ("a", archive))
            for name, arch in order:
                a = perf()
                answer_question(arch, q, k=5, today=today)
                pair[name].append((perf() - a) * 1e3)
        out["interleaved"] = pair
    out["t_done"] = time.time()
    out["latency_ms"] = latency
    out["top"] = top
    out["kinds"] = kinds
    out["n_answers"] = n_answers
    if args.retrieval:
        from index.question import parse_question

        retrieval: list[float | None] = []
        for q in questions:
            query = parse_question(q, archive.speaker_index, today)
            text = query.phrase if query.kind == "who-said" else " ".join(query.topic_terms)
            tokens = archive.tokenizer.tokenize(text) if text else []
            if not tokens:
                retrieval.append(None)
                continue
            a = perf()
            qs = archive.quote_engine.scores(tokens)
            ps = archive.passage_engine.scores(tokens)
            top_k(qs, 60)
            top_k(ps, 60)
            retrieval.append((perf() - a) * 1e3)
        out["retrieval_ms"] = retrieval
    info = psutil.Process().memory_full_info()
    out["memory"] = {
        "rss": info.rss / 2**20,
        "pss": getattr(info, "pss", 0) / 2**20,
        "uss": info.uss / 2**20,
        "shared": info.shared / 2**20,
        "anonymous": _anonymous_mib(),
    }
    out["engine"] = archive.manifest.get("engine")
    out["np_version"] = np.__version__
    print(json.dumps(out), flush=True)
    return 0


def _anonymous_mib() -> float:
    """Memory of this process not backed by a file (heap, arrays made at run time);
    the rest of its RSS is page cache of the mapped index, shared and reclaimable."""
    try:
        with open("/proc/self/smaps_rollup", encoding="ascii") as f:
            for line in f:
                if line.startswith("Anonymous:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


if __name__ == "__main__":
    sys.exit(main())
