"""Learn the reporting-cue lexicon from the PolNeAR *train* split (reproducible; JSON out).

    python -m tests.eval.train_cues [--shared DIR] [--out index/data/cue_lexicon.json]
                                   [--min-count 4] [--min-share 0.35]
                                   [--min-phrase-count 2] [--min-phrase-share 0.2]

For every word form (lower case, letters only) outside quotation marks it
counts how often it occurs in the train articles and how often it lies inside
a gold Cue span (PolNeAR: the words that introduce an attribution, e.g.
"endorsed", "is expected", "according to").  Forms that are a cue in at least
`--min-share` of their occurrences, and at least `--min-count` times, are
written out with their counts; `index.attribution.cues` reads the file and
treats those forms as cues, next to its hand-written lexicon, when the
sentence around them has the shape of an attribution (a subject, then a
clause or an object).  Adverbs ("repeatedly") and nouns ("assertion") that
only sit inside cue phrases are left out.

It also counts phrases of a word and a preposition ("talked about", "support for",
"criticism of"): how often the pair occurs, and how often it ends a gold cue right
before an indirect content.  Pairs that do so in at least `--min-phrase-share` of
their occurrences, at least `--min-phrase-count` times, go out as "phrases";
`index.attribution.indirect` reports the object after them.  Only the train split
is read; dev stays for measuring.  The output is plain JSON (no pickle), a few KB.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from index.attribution.layout import Layout  # noqa: E402
from index.attribution.marks import find_quote_spans  # noqa: E402

OUT = ROOT / "index" / "data" / "cue_lexicon.json"
# Words that sit inside cue phrases without being the reporting word themselves.
_NOT_CUES = frozenset("""
    according widely openly publicly repeatedly reportedly known eager assertion criticism
    comments remarks statement interview speech view views opinion sense according
    also even still just already apparently previously recently again quickly
    about forth length quick footage description suggestion speculation understanding
    concern desire aware cry skeptical optimistic upset shocked vocal supportive
    concerned quotes lists listing
""".split())


# Words that end up before a preposition in cue phrases without carrying the attribution.
_NOT_PHRASE_HEADS = frozenset("""
    the a an and or but of to in on for with it that this them him her me us according
""".split())


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("polnear_score", shared / "eval" / "polnear_score.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


# Prepositions that end a cue phrase whose object is the content ("talked about X",
# "his support for X", "concerns over X").
PHRASE_PREPOSITIONS = frozenset("about of on for against over with to toward towards".split())


def count(shared: Path) -> tuple[Counter, Counter, Counter, Counter, Counter]:
    """(occurrences, occurrences inside a gold cue, ... of an indirect attribution) per form;
    then per (word, preposition) pair: occurrences, and those ending a gold cue right
    before its indirect content."""
    sc = load_scorer(shared)
    split = shared / "corpora" / "polnear" / "train"
    seen: Counter = Counter()
    cue: Counter = Counter()
    indirect: Counter = Counter()
    pair_seen: Counter = Counter()
    pair_cue: Counter = Counter()
    for path in sorted((split / "text").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        lay = Layout(text)
        lay.set_quotes([(s.open, s.after) for s in find_quote_spans(text, lay.paragraphs)])
        ann = sc.find_ann(str(split / "attributions"), path.stem)
        in_cue: set[int] = set()
        in_indirect: set[int] = set()
        pair_ends: set[int] = set()  # prepositions ending a cue right before its content
        if ann is not None:
            tspans, _, events = sc.parse_ann(ann, text)
            for _, roles in events:
                first = {}
                for role, tid in roles:
                    first.setdefault(role.rstrip("0123456789"), tid)
                if not tspans.get(first.get("Cue")) or not tspans.get(first.get("Content")):
                    continue
                is_indirect = not sc.is_direct(text, tspans[first["Content"]])
                cue_end = tspans[first["Cue"]][-1][1]
                if is_indirect and 0 <= tspans[first["Content"]][0][0] - cue_end <= 2:
                    t = lay.token_at(cue_end) - 1  # the last token starting before the end
                    if 0 <= t < lay.n and lay.ends[t] == cue_end:
                        pair_ends.add(t)
                for a, b in tspans[first["Cue"]]:
                    t = lay.token_at(a)
                    while t < lay.n and lay.starts[t] < b:
                        in_cue.add(t)
                        if is_indirect:
                            in_indirect.add(t)
                        t += 1
        for t, w in enumerate(lay.lower):
            if lay.quoted[t] or not w.isalpha():
                continue
            if w in PHRASE_PREPOSITIONS and t and lay.lower[t - 1].isalpha():
                pair = lay.lower[t - 1] + " " + w
                pair_seen[pair] += 1
                if t in pair_ends:
                    pair_cue[pair] += 1
            seen[w] += 1
            if t in in_cue:
                cue[w] += 1
            if t in in_indirect:
                indirect[w] += 1
    return seen, cue, indirect, pair_seen, pair_cue


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--min-count", type=int, default=4)
    ap.add_argument("--min-share", type=float, default=0.35)
    ap.add_argument("--min-phrase-count", type=int, default=2)
    ap.add_argument("--min-phrase-share", type=float, default=0.2)
    args = ap.parse_args(argv)
    if not (args.shared / "corpora" / "polnear" / "train").is_dir():
        print(f"skip: {args.shared} has no PolNeAR train split")
        return 0
    seen, cue, indirect, pair_seen, pair_cue = count(args.shared)
    forms = {
        w: {"cue": cue[w], "seen": seen[w], "indirect": indirect[w]}
        for w in sorted(cue)
        if cue[w] >= args.min_count and cue[w] >= args.min_share * seen[w]
        and w not in _NOT_CUES and not w.endswith("ly") and len(w) > 2
    }
    # "talked about", "support for": the pair ends a cue before its content often enough
    phrases = {
        p: {"cue": pair_cue[p], "seen": pair_seen[p]}
        for p in sorted(pair_cue)
        if pair_cue[p] >= args.min_phrase_count
        and pair_cue[p] >= args.min_phrase_share * pair_seen[p]
        and p.split()[0] not in _NOT_PHRASE_HEADS
    }
    data = {
        "about": "Reporting-cue word forms learned from PolNeAR train by tests/eval/train_cues.py",
        "min_count": args.min_count,
        "min_share": args.min_share,
        "min_phrase_count": args.min_phrase_count,
        "min_phrase_share": args.min_phrase_share,
        "forms": forms,
        "phrases": phrases,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(forms)} cue forms and {len(phrases)} phrases written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
