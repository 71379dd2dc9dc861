"""Train the learned speaker choice (index/attribution/rerank.py) on PolNeAR *train*.

    python -m tests.eval.train_speakers [--shared DIR] [--out index/data/speaker_model.json]
                                        [--l2 1.0] [--iterations 400] [--min-prob 0.5]

It runs the attribution over the train articles with the rules alone (the model
switched off) and records, for every direct quote the chooser weighs (see
`rerank._WEIGHED`: quotes with no frame), the candidates (the rules' choice, if
any, and the people and bodies mentioned near the quote) with their features.  Each quote is matched to the gold content it lies in (at
least half of the quote inside it); a candidate is right when the scorer's own
speaker test (`speaker_match` against the gold source, a pronoun source read as
its antecedent) accepts its name.  "None of them" is right when no candidate is.
Quotes that lie in no gold content, or whose gold content has no usable source,
are left out.

The model is a conditional log-linear model (softmax over the candidates of one
quote, L2-regularised), fitted by full-batch Adam in numpy: deterministic, a few
seconds.  The weights go out as plain JSON (no pickle), with `min_prob`, the
probability the chooser needs before it overrides the rules.  Only the train
split is read; dev stays for measuring.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from index.attribution import attribute_quotes, rerank  # noqa: E402
from index.ingest import raw_article, read_text  # noqa: E402
from tests.eval.polnear import load_scorer  # noqa: E402

OUT = ROOT / "index" / "data" / "speaker_model.json"


def collect(shared: Path, split: str = "train"
            ) -> list[tuple[list[list[str]], list[str], list[int], str]]:
    """(candidate features, null features, indices of the right answers (len(cands) =
    none), article)."""
    sc = load_scorer(shared / "eval" / "polnear_score.py")
    gold_dir = shared / "corpora" / "polnear" / split
    gold = sc.load_gold(str(gold_dir))
    saved = rerank.WEIGHTS, rerank.TRACE
    rerank.WEIGHTS = {}
    data = []
    stats: Counter = Counter()
    try:
        for path in sorted((gold_dir / "text").glob("*.txt")):
            rerank.TRACE = []
            attribute_quotes(raw_article(read_text(path), path=str(path)))
            gdoc = gold[path.stem]
            for ev in rerank.TRACE:
                stats["quotes"] += 1
                size = ev["end"] - ev["start"]
                best, best_ov = None, 0
                for g in gdoc.items:
                    ov = sc.overlap(ev["start"], ev["end"], g.frags)
                    if ov > best_ov:
                        best, best_ov = g, ov
                if best is None or best_ov < 0.5 * size:
                    stats["no gold"] += 1
                    continue
                refs = [sc.reference(gdoc, s)[1] for s in best.sources]
                refs = [r for r in refs if r is not None]
                if not refs:
                    stats["no source"] += 1
                    continue
                right = [i for i, name in enumerate(ev["names"])
                         if any(sc.speaker_match(name, r, False) for r in refs)]
                if not right:
                    right = [len(ev["names"])]
                    stats["none right"] += 1
                stats["used"] += 1
                # each feature alone, and crossed with how the rules found their speaker
                feats = [fs + [ev["coarse"] + "|" + f for f in fs] for fs in ev["feats"]]
                data.append((feats, ev["null"], right, path.stem))
    finally:
        rerank.WEIGHTS, rerank.TRACE = saved
    print("quotes:", dict(stats))
    return data


def fit(data, l2: float, iterations: int, verbose: bool = True) -> dict[str, float]:
    vocab: dict[str, int] = {}
    for feats, null, *_ in data:
        for fs in [*feats, null]:
            for f in fs:
                vocab.setdefault(f, len(vocab))
    # flat arrays: one row per (instance, candidate), its features as index lists
    rows, cols, inst, correct = [], [], [], []
    r = 0
    for n, (feats, null, right, *_) in enumerate(data):
        for c, fs in enumerate([*feats, null]):
            for f in fs:
                rows.append(r)
                cols.append(vocab[f])
            inst.append(n)
            correct.append(c in right)
            r += 1
    rows_a, cols_a = np.array(rows), np.array(cols)
    inst_a = np.array(inst)
    correct_a = np.array(correct, dtype=bool)
    n_inst = len(data)
    w = np.zeros(len(vocab))
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    lr, b1, b2 = 0.05, 0.9, 0.999
    for it in range(1, iterations + 1):
        scores = np.zeros(r)
        np.add.at(scores, rows_a, w[cols_a])
        top = np.full(n_inst, -np.inf)
        np.maximum.at(top, inst_a, scores)
        ex = np.exp(scores - top[inst_a])
        z = np.zeros(n_inst)
        np.add.at(z, inst_a, ex)
        zc = np.zeros(n_inst)
        np.add.at(zc, inst_a, np.where(correct_a, ex, 0.0))
        p = ex / z[inst_a]
        pc = np.where(correct_a, ex / zc[inst_a], 0.0)
        loss = -np.log(zc / z).sum() / n_inst + 0.5 * l2 * (w @ w) / n_inst
        g_row = (p - pc) / n_inst
        grad = np.zeros_like(w)
        np.add.at(grad, cols_a, g_row[rows_a])
        grad += l2 * w / n_inst
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad * grad
        w -= lr * (m / (1 - b1 ** it)) / (np.sqrt(v / (1 - b2 ** it)) + 1e-8)
        if verbose and (it % 100 == 0 or it == iterations):
            print(f"iteration {it}: loss {loss:.4f}")
    return {f: round(float(w[i]), 4) for f, i in sorted(vocab.items()) if abs(w[i]) >= 1e-4}


def accuracy(data, weights: dict[str, float], min_prob: float) -> tuple[float, float]:
    """(accuracy of the rules' choice, of the model's) on the collected quotes."""
    rule_ok, model_ok = correct(data, weights, min_prob)
    return rule_ok / len(data), model_ok / len(data)


def correct(data, weights: dict[str, float], min_prob: float, coarse: str = ""
            ) -> tuple[int, int]:
    """How many quotes the rules' choice and the model's get right (only the quotes whose
    rules found their speaker as `coarse`, "pronoun" or "none", when given)."""
    rule_ok = model_ok = 0
    for feats, null, right, *_ in data:
        if coarse and not any(f.startswith("NULL=") and f.endswith(":" + coarse) for f in null):
            continue
        scores = [sum(weights.get(f, 0.0) for f in fs) for fs in [*feats, null]]
        rule = next((i for i, fs in enumerate(feats) if "rule" in fs), len(feats))
        top = max(scores)
        z = sum(np.exp(s - top) for s in scores)
        best = int(np.argmax(scores))
        if best != rule and best != len(feats) and np.exp(scores[best] - top) / z < min_prob:
            best = rule
        if best == len(feats):
            best = rule
        rule_ok += rule in right
        model_ok += best in right
    return rule_ok, model_ok


def cross_validate(data, folds: int, l2: float, iterations: int, min_prob: float) -> None:
    """Held-out accuracy by article (each article's quotes in one fold), per context."""
    docs = sorted({d[3] for d in data})
    fold_of = {doc: i % folds for i, doc in enumerate(docs)}
    totals: Counter = Counter()
    for k in range(folds):
        train = [d for d in data if fold_of[d[3]] != k]
        test = [d for d in data if fold_of[d[3]] == k]
        w = fit(train, l2, iterations, verbose=False)
        for coarse in ("pronoun", "none"):
            r, m = correct(test, w, min_prob, coarse)
            n = sum(1 for d in test if any(f.endswith(":" + coarse) for f in d[1]))
            totals[coarse, "n"] += n
            totals[coarse, "rule"] += r
            totals[coarse, "model"] += m
    for coarse in ("pronoun", "none"):
        n = totals[coarse, "n"]
        print(f"cv {folds} folds, {coarse}: {n} quotes, rules right {totals[coarse, 'rule']}, "
              f"model right {totals[coarse, 'model']} (held out)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--iterations", type=int, default=400)
    ap.add_argument("--min-prob", type=float, default=0.5)
    ap.add_argument("--cv", type=int, default=0, help="only cross-validate, K folds by article")
    args = ap.parse_args(argv)
    if not (args.shared / "corpora" / "polnear" / "train").is_dir():
        print(f"skip: {args.shared} has no PolNeAR train split")
        return 0
    data = collect(args.shared)
    if args.cv:
        cross_validate(data, args.cv, args.l2, args.iterations, args.min_prob)
        return 0
    weights = fit(data, args.l2, args.iterations)
    rule_acc, model_acc = accuracy(data, weights, args.min_prob)
    print(f"train quotes: {len(data)}  rules right {100 * rule_acc:.1f}%  "
          f"model right {100 * model_acc:.1f}%")
    out = {"about": "Speaker choice for direct quotes, trained on PolNeAR train by "
                    "tests/eval/train_speakers.py (conditional log-linear model)",
           "l2": args.l2, "iterations": args.iterations, "min_prob": args.min_prob,
           "weights": weights}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(weights)} weights written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
