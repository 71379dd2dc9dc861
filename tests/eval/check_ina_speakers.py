"""Check attribution against the speakers named by the INA-style gold questions.

    python tests/eval/check_ina_speakers.py [--shared DIR] [--quiet]

For every gold answer in ../shared/corpora/ina-style/dev-questions.jsonl there
must be a quote in the answer's article that contains `quote_contains` and
whose speaker matches the gold speaker by the scorer's own rule (`speaker_ok`
of ../shared/eval/qa_score.py, imported from there), or is the same person
under the article's own spelling of the name (`index.names.same_name` >= 90:
the gold spells each person one way across articles; merging spellings is
the speaker directory's job, not attribution's).  Prints every quote with
its speaker for eyeballing (unless --quiet), then each failure and the
figures.  Exits 1 on a failure, 0 when all pass, and 0 with a message when
../shared is absent.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from index.attribution import attribute_quotes  # noqa: E402
from index.names import same_name  # noqa: E402

SAME_PERSON = 90.0  # same_name score above which two spellings name one person
from tests.eval.show_quotes import load_articles, print_article  # noqa: E402


def load_scorer(shared: Path):
    """../shared/eval/qa_score.py as a module (its `norm`, `speaker_ok`, `speaker_str`)."""
    spec = importlib.util.spec_from_file_location("qa_score", shared / "eval" / "qa_score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--quiet", action="store_true", help="do not print every quote")
    args = ap.parse_args(argv)
    corpus = args.shared / "corpora" / "ina-style"
    if not (corpus / "dev").is_dir() or not (args.shared / "eval" / "qa_score.py").is_file():
        print(f"skip: {args.shared} has no INA-style corpus or scorer (it is only on the team's machines)")
        return 0
    scorer = load_scorer(args.shared)
    articles = {a.id: a for a in load_articles([str(corpus / "dev")])}
    quotes = {aid: attribute_quotes(a) for aid, a in sorted(articles.items())}
    if not args.quiet:
        for aid, qs in quotes.items():
            print_article(articles[aid], qs)
        print()

    checked = passed = 0
    failures: list[str] = []
    spellings: list[str] = []
    for line in (corpus / "dev-questions.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        question = json.loads(line)
        for gold in question["answers"]:
            checked += 1
            wanted = scorer.norm(gold["quote_contains"])
            found = [q for q in quotes.get(gold["article"], []) if wanted in scorer.norm(q.text)]
            ok = [q for q in found if scorer.speaker_ok(
                scorer.speaker_str({"name": q.speaker.name, "role": q.speaker.role,
                                    "organization": q.speaker.organization}), gold["speaker"])]
            if ok:
                passed += 1
                continue
            got = "; ".join(f"{q.kind}: {q.speaker.display!r}" for q in found) or "no quote holds it"
            # The right person under the article's own spelling of the name counts: merging
            # spellings across the archive is the speaker directory's business, and the gold
            # spells every person one way for all articles.
            variant = max((same_name(q.speaker.name, gold["speaker"]) for q in found
                           if q.speaker.name), default=0.0)
            if variant >= SAME_PERSON:
                passed += 1
                spellings.append(f"spelling {gold['article']} {gold['quote_contains'][:40]!r}: "
                                 f"article says {got}, gold {gold['speaker']!r}")
                continue
            failures.append(f"FAIL {gold['article']} {gold['quote_contains'][:50]!r} "
                            f"want {gold['speaker']!r}, got {got}")
    for line in spellings:
        print(line)
    n_quotes = sum(len(qs) for qs in quotes.values())
    n_direct = sum(q.kind == "direct" for qs in quotes.values() for q in qs)
    n_unnamed = sum(q.speaker.name is None for qs in quotes.values() for q in qs)
    for f in failures:
        print(f)
    print(f"articles: {len(articles)}  quotes: {n_quotes} (direct {n_direct}, "
          f"indirect {n_quotes - n_direct}, unnamed speaker {n_unnamed})")
    print(f"gold answers: {checked}  passed: {passed} ({len(spellings)} under the article's own "
          f"spelling of the name)  failed: {len(failures)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
