"""Print the quotes `attribute_quotes` finds in article files, with their speakers.

    python tests/eval/show_quotes.py FILE_OR_DIR ... [--kind direct|indirect] [--width N]

A tool for eyeballing attribution: one block per article, one line per quote
(kind, cue, speaker name, rank, role, organisation, how the speaker was found,
confidence) and the quote text under it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from index.attribution import attribute_quotes  # noqa: E402
from index.ingest import iter_source_files, read_file  # noqa: E402
from index.models import Article, Quote  # noqa: E402


def load_articles(sources: list[str]) -> list[Article]:
    """Every article in the files and folders given (bad files reported on stderr)."""
    articles: list[Article] = []
    for path in iter_source_files(sources):
        found, errors = read_file(path)
        for e in errors:
            print(f"skipped: {e}", file=sys.stderr)
        articles.extend(found)
    return articles


def format_quote(q: Quote, width: int = 110) -> str:
    s = q.speaker
    head = (f"  [{q.kind[:3]}] {q.cue or '-':<13} {s.name or '(unnamed)'} | {s.title or '-'} | "
            f"{s.role or '-'} | {s.organization or '-'} | {s.kind} via {s.mention_kind} "
            f"{s.mention!r} {s.confidence:.2f}")
    text = q.text if len(q.text) <= width else q.text[:width - 3] + "..."
    return f"{head}\n        {q.start}-{q.end} {text!r}"


def print_article(article: Article, quotes: list[Quote], width: int = 110) -> None:
    print(f"===== {article.id} | {article.title}")
    for q in quotes:
        print(format_quote(q, width))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sources", nargs="+")
    ap.add_argument("--kind", choices=("direct", "indirect"))
    ap.add_argument("--width", type=int, default=110)
    args = ap.parse_args(argv)
    for article in load_articles(args.sources):
        quotes = [q for q in attribute_quotes(article) if not args.kind or q.kind == args.kind]
        print_article(article, quotes, args.width)
    return 0


if __name__ == "__main__":
    sys.exit(main())
