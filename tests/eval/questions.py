"""Answer gold questions end to end and score them with the shared scorer.

    python -m tests.eval.questions                 # ina-style dev set (needs ../shared)
    python -m tests.eval.questions --distractors   # ... with PolNeAR train+dev in the same index
    python -m tests.eval.questions --set demo      # the bundled demo archive and its questions

Builds an index in a temporary folder with `python -m index build`, sends every
question through `python -m index ask - --json`, scores the answers with
`../shared/eval/qa_score.py` (as it is) and prints its figures, then every
failure with what the question was understood as.  Exits 0 without doing
anything when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SETS = {
    "ina": (SHARED / "corpora/ina-style/dev", SHARED / "corpora/ina-style/dev-questions.jsonl"),
    "demo": (ROOT / "demo", ROOT / "tests/fixtures/qa/demo-questions.jsonl"),
}
DISTRACTORS = [SHARED / "corpora/polnear/train/text", SHARED / "corpora/polnear/dev/text"]
SCORER = SHARED / "eval/qa_score.py"
# Relative dates in gold questions are written against no particular day; pin one.
TODAY = "2026-11-27"


def _run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, check=True, text=True, capture_output=True, cwd=ROOT, **kw)  # type: ignore[call-overload]


def evaluate(name: str, distractors: bool, engine: str | None, keep: Path | None) -> dict[str, object]:
    articles, questions_path = SETS[name]
    questions = [json.loads(line) for line in questions_path.read_text().splitlines() if line.strip()]
    with tempfile.TemporaryDirectory(prefix="qd-eval-") as tmp:
        index_dir = keep or Path(tmp) / "index"
        sources = [str(articles)] + ([str(p) for p in DISTRACTORS] if distractors else [])
        build = [sys.executable, "-m", "index", "build", *sources, "--index", str(index_dir), "--quiet"]
        if engine:
            build += ["--engine", engine]
        print(_run(build).stdout.strip().splitlines()[1].strip())
        asked = _run(
            [sys.executable, "-m", "index", "ask", "-", "--index", str(index_dir), "--json", "--today", TODAY],
            input="\n".join(q["q"] for q in questions) + "\n",
        )
        answers_path = Path(tmp) / "answers.jsonl"
        answers_path.write_text(asked.stdout)
        scored = _run([sys.executable, str(SCORER), str(questions_path), str(answers_path), "--json"])
    report = json.loads(scored.stdout)
    outputs = [json.loads(line) for line in asked.stdout.splitlines() if line.strip()]
    _print_report(name, distractors, report, questions, outputs)
    return report


def _print_report(
    name: str, distractors: bool, report: dict, questions: list[dict], outputs: list[dict]
) -> None:
    print(f"\n== {name} questions{' + PolNeAR distractors' if distractors else ''}")
    print(
        f"top-1 {report['top1']:.3f}   top-3 {report['top3']:.3f}   "
        f"unanswerable answered with nothing {report['unanswerable_empty']:.3f}   "
        f"wrong-speaker answers {report['top3_answers_wrong_speaker']}/{report['top3_answers_returned']}   "
        f"({report['answerable']} answerable, {report['unanswerable']} unanswerable)"
    )
    by_q = {q["q"]: (q, o) for q, o in zip(questions, outputs, strict=True)}
    failures = report.get("failures") or []
    if failures:
        print(f"\n{len(failures)} failure(s):")
    for f in failures:
        q, o = by_q[f[1]]
        i = o.get("interpretation") or {}
        spk = ", ".join(f"{s['name']} ({s['score']:.0f} {s['via']})" for s in i.get("speakers", [])[:3]) or "-"
        print(f"- [{f[0]}] {f[1]}")
        print(
            f"    understood: {i.get('kind')}; speakers: {spk}; role: {i.get('role') or '-'}; "
            f"topic: {' '.join(i.get('topic_terms') or []) or '-'}; "
            f"dates: {i.get('date_from') or '…'}..{i.get('date_to') or '…'}"
        )
        gold = q["answers"][0] if q["answers"] else None
        if gold:
            print(f"    wanted: {gold['speaker']} in {gold['article']}: “{gold['quote_contains'][:70]}”")
        for a in (o.get("answers") or [])[:2]:
            print(f"    got:    {a['speaker']['name']} in {a['article']['id']}: “{a['quote'][:70]}”")
        if not o.get("answers"):
            print("    got:    nothing")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--set", choices=sorted(SETS), default="ina")
    p.add_argument("--distractors", action="store_true", help="add PolNeAR train+dev articles to the index")
    p.add_argument("--engine", choices=["bm25s", "rank-bm25"])
    p.add_argument("--keep-index", type=Path, help="build the index here and keep it")
    args = p.parse_args(argv)
    if not SCORER.exists():
        print(f"skipped: {SCORER} is absent (../shared is only on the team's machines)")
        return 0
    evaluate(args.set, args.distractors, args.engine, args.keep_index)
    return 0


if __name__ == "__main__":
    sys.exit(main())
