"""python -m index build | ask | quotes | stats  (the contract is in DESIGN.md).

User mistakes (a missing index, a bad config, no articles) end in one line on
standard error and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from index.archive import Archive
from index.attribution import attribute_quotes
from index.builder import build_index
from index.config import ENGINES, Config, load_config, with_overrides
from index.errors import QuotedeskError
from index.ingest import raw_article, read_file, read_text
from index.models import Answer, Query
from index.search import answer_question
from index.serialize import quote_to_json, result_to_json

# Longest question `ask` accepts; longer input is refused rather than truncated silently.
MAX_QUESTION_CHARS = 1000


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m index", description="Build and query a quotedesk index.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--index", metavar="DIR", help="index directory (default: config or var/index)")
        sp.add_argument("--config", metavar="FILE", help="TOML config file (default: $QUOTEDESK_CONFIG)")

    b = sub.add_parser("build", help="build a new index generation from article files or folders")
    b.add_argument("sources", nargs="*", metavar="SOURCE", help="files or folders (recursive)")
    common(b)
    b.add_argument("--engine", choices=ENGINES, help="BM25 implementation (default: config or bm25s)")
    b.add_argument("--workers", type=int, help="worker processes (default: one per core)")
    b.add_argument("--quiet", action="store_true", help="no progress bar")

    a = sub.add_parser("ask", help="answer a question ('-' reads one question per line from stdin)")
    a.add_argument("question", help="the question, or - for standard input")
    common(a)
    a.add_argument("-k", type=int, default=None, metavar="N", help="answers to show (default 5)")
    a.add_argument("--json", action="store_true", help="print JSON (one object per question)")
    a.add_argument("--today", metavar="YYYY-MM-DD", help="resolve 'last year' etc. against this day")

    q = sub.add_parser("quotes", help="extract quotes and speakers from article files (no index needed)")
    q.add_argument("files", nargs="+", metavar="FILE")
    q.add_argument("--raw", action="store_true", help="the whole file is the body (no header parsing)")
    q.add_argument("--json", action="store_true", help="one JSON line per file")
    q.add_argument("--config", metavar="FILE", help=argparse.SUPPRESS)

    s = sub.add_parser("stats", help="describe the current index generation")
    common(s)
    s.add_argument("--json", action="store_true")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        config = with_overrides(
            load_config(getattr(args, "config", None)),
            index_dir=getattr(args, "index", None),
            engine=getattr(args, "engine", None),
        )
        if args.command == "build":
            return _build(args, config)
        if args.command == "ask":
            return _ask(args, config)
        if args.command == "quotes":
            return _quotes(args, config)
        return _stats(args, config)
    except QuotedeskError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _build(args: argparse.Namespace, config: Config) -> int:
    if not args.sources:
        print("error: give at least one SOURCE file or folder to build from", file=sys.stderr)
        return 2
    if args.workers is not None:
        from dataclasses import replace

        config = replace(config, index=replace(config.index, workers=max(1, args.workers)))
    summary = build_index(args.sources, config, progress=False if args.quiet else None)
    for line in summary.lines():
        print(line)
    return 0


def _questions(arg: str, stdin: TextIO) -> Iterator[str]:
    if arg != "-":
        yield arg
        return
    for line in stdin:
        line = line.strip()
        if line:
            yield line


def _ask(args: argparse.Namespace, config: Config) -> int:
    archive = Archive.open(config.index.path)
    k = args.k if args.k is not None else config.search.top_k
    today = date.fromisoformat(args.today) if args.today else None
    status = 0
    for question in _questions(args.question, sys.stdin):
        if len(question) > MAX_QUESTION_CHARS:
            msg = f"question too long ({len(question)} characters; the limit is {MAX_QUESTION_CHARS})"
            if args.json:
                print(json.dumps({"question": question[:80] + "…", "error": msg, "interpretation": {}, "answers": []}))
            else:
                print(f"error: {msg}", file=sys.stderr)
            status = 1
            continue
        result = answer_question(archive, question, k=max(1, k), today=today, settings=config.search)
        if args.json:
            print(json.dumps(result_to_json(question, result.query, result.answers), ensure_ascii=False))
        else:
            _print_answers(question, result.query, result.answers)
        sys.stdout.flush()
    return status


def describe_query(q: Query) -> str:
    parts = [f"kind: {q.kind}"]
    if q.speakers:
        parts.append("speaker: " + ", ".join(f"{c.name} ({c.score:.0f})" for c in q.speakers[:3]))
    elif q.role_text and q.kind == "speaker":
        parts.append(f"unknown speaker: {q.role_text}")
    if q.topic_terms:
        parts.append("topic: " + " ".join(q.topic_terms))
    if q.phrase:
        parts.append(f"phrase: {q.phrase}")
    if q.date_from or q.date_to:
        parts.append(f"dates: {q.date_from or '…'} to {q.date_to or '…'}")
    return "; ".join(parts)


def _print_answers(question: str, q: Query, answers: list[Answer]) -> None:
    print(f"Q: {question}")
    print(f"   understood as {describe_query(q)}")
    if not answers:
        print("   No quote found that answers this.")
        if q.suggestions:
            print("   Suggestions: " + "; ".join(q.suggestions))
        print()
        return
    for n, a in enumerate(answers, 1):
        who = " ".join(x for x in (a.speaker.title, a.speaker.name) if x) or a.speaker.display
        if a.speaker.role:
            who += f", {a.speaker.role}"
        print(f"{n}. “{a.quote}”" if a.kind == "direct" else f"{n}. (reported) {a.quote}")
        print(f"   — {who}")
        when = a.day.isoformat() if a.day else "undated"
        src = f" ({a.article.source})" if a.article.source else ""
        print(f"   {when} · {a.article.title}{src}" + (f" <{a.article.url}>" if a.article.url else ""))
        for other in a.also_in:
            print(f"   also in: {other.title}")
    print()


def _quotes(args: argparse.Namespace, config: Config) -> int:
    status = 0
    for name in args.files:
        path = Path(name)
        try:
            if args.raw:
                articles = [raw_article(read_text(path), path=str(path))]
            else:
                articles, problems = read_file(path, default_tz=ZoneInfo(config.index.timezone))
                for problem in problems:
                    print(f"error: {problem}", file=sys.stderr)
                    status = 1
        except QuotedeskError as exc:
            print(f"error: {exc}", file=sys.stderr)
            status = 1
            continue
        for article in articles:
            quotes = attribute_quotes(article)
            if args.json:
                rec = {"file": str(path), "quotes": [quote_to_json(q) for q in quotes]}
                if len(articles) > 1:
                    rec["article"] = article.id
                print(json.dumps(rec, ensure_ascii=False))
            else:
                print(f"== {path}" + (f" ({article.id})" if len(articles) > 1 else ""))
                for q in quotes:
                    who = q.speaker.display
                    print(f"[{q.start}:{q.end}] {q.kind:8s} {who} ({q.speaker.role or '-'}) via {q.cue!r}")
                    print(f"    {q.text}")
    return status


def _stats(args: argparse.Namespace, config: Config) -> int:
    archive = Archive.open(config.index.path)
    m = archive.manifest
    top = sorted(archive.speakers, key=lambda s: -s.quote_count)[:10]
    info = {
        "index": str(config.index.path),
        "generation": archive.id,
        "created": m.get("created"),
        "engine": m.get("engine"),
        "counts": m.get("counts", {}),
        "date_range": [
            archive.oldest_day.isoformat() if archive.oldest_day else None,
            archive.newest_day.isoformat() if archive.newest_day else None,
        ],
        "build_seconds": m.get("build_seconds"),
        "top_speakers": [{"name": s.name, "quotes": s.quote_count} for s in top],
    }
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=1))
        return 0
    c = info["counts"]
    print(f"index {info['index']}  generation {info['generation']}  built {info['created']}  engine {info['engine']}")
    print(
        f"articles {c.get('articles')}  passages {c.get('passages')}  quotes {c.get('quotes')} "
        f"({c.get('direct_quotes')} direct)  speakers {c.get('speakers')}  skipped files {c.get('skipped')}"
    )
    print(f"dates {info['date_range'][0]} .. {info['date_range'][1]}  build time {info['build_seconds']} s")
    print("most quoted: " + ", ".join(f"{s['name']} ({s['quotes']})" for s in info["top_speakers"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
