"""Check attribution on the bundled demo archive against the speakers its gold questions name.

    python tests/eval/check_demo_speakers.py [--demo DIR] [--questions FILE] [--quiet]

For every gold answer in tests/fixtures/qa/demo-questions.jsonl there must be
a quote in the answer's article that contains `quote_contains` and whose
speaker is the gold speaker: the same person under any spelling the article
uses (every word of one name close to a word of the other, as the QA scorer
judges names), or for a body its name.  Prints every quote with its speaker
(unless --quiet), then each failure and the figures; exits 1 on a failure.
Needs nothing outside the project (a unit test runs `check`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from index.attribution import attribute_quotes  # noqa: E402
from index.models import Quote  # noqa: E402
from tests.eval.show_quotes import load_articles, print_article  # noqa: E402

DEMO = ROOT / "demo"
QUESTIONS = ROOT / "tests" / "fixtures" / "qa" / "demo-questions.jsonl"
_DROP = frozenset({"al", "el", "the", "of", "for", "and", "in"})


def _tokens(name: str | None) -> list[str]:
    words = re.findall(r"[a-z0-9]+", (name or "").lower().replace("'", "").replace("’", ""))
    return [w for w in words if w not in _DROP]


def same_speaker(found: str | None, gold: str) -> bool:
    """Every word of one name is close (rapidfuzz ratio >= 75) to a word of the other."""
    a, b = _tokens(found), _tokens(gold)
    if not a or not b:
        return False

    def inside(x: list[str], y: list[str]) -> bool:
        return all(max(fuzz.ratio(p, q) for q in y) >= 75 for p in x)

    return inside(a, b) or inside(b, a)


def _norm(text: str) -> str:
    return " ".join(text.replace("“", '"').replace("”", '"').split()).lower()


def check(demo: Path = DEMO, questions: Path = QUESTIONS,
          quotes: dict[str, list[Quote]] | None = None) -> tuple[list[str], list[str]]:
    """(summary lines, failures) for the demo archive's gold answers."""
    if quotes is None:
        quotes = {a.id: attribute_quotes(a) for a in load_articles([str(demo)])}
    failures: list[str] = []
    checked = 0
    seen: set[tuple[str, str]] = set()
    for line in questions.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        for gold in json.loads(line)["answers"]:
            key = (gold["article"], gold["quote_contains"])
            if key in seen:
                continue
            seen.add(key)
            checked += 1
            wanted = _norm(gold["quote_contains"])
            found = [q for q in quotes.get(gold["article"], []) if wanted in _norm(q.text)]
            if any(same_speaker(q.speaker.name, gold["speaker"]) or (
                    q.speaker.kind == "body" and same_speaker(q.speaker.organization,
                                                              gold["speaker"]))
                   for q in found):
                continue
            got = "; ".join(f"{q.kind}: {q.speaker.display!r}" for q in found) or "no quote holds it"
            failures.append(f"FAIL {gold['article']} {gold['quote_contains'][:50]!r} "
                            f"want {gold['speaker']!r}, got {got}")
    n_quotes = sum(len(qs) for qs in quotes.values())
    lines = [f"articles: {len(quotes)}  quotes: {n_quotes}",
             f"gold answers: {checked}  passed: {checked - len(failures)}  failed: {len(failures)}"]
    return lines, failures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--demo", type=Path, default=DEMO)
    ap.add_argument("--questions", type=Path, default=QUESTIONS)
    ap.add_argument("--quiet", action="store_true", help="do not print every quote")
    args = ap.parse_args(argv)
    articles = load_articles([str(args.demo)])
    quotes = {a.id: attribute_quotes(a) for a in articles}
    if not args.quiet:
        for a in articles:
            print_article(a, quotes[a.id])
        print()
    lines, failures = check(args.demo, args.questions, quotes)
    for f in failures:
        print(f)
    for line in lines:
        print(line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
