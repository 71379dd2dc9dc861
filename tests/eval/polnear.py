"""Quote extraction and attribution on PolNeAR, scored by the team's scorer, with an error breakdown.

    python -m tests.eval.polnear [--split dev|train|both] [--shared DIR] [--cli]
                                 [--examples N] [--pred-out FILE] [--no-breakdown]

For each split it runs what `python -m index quotes --raw --json` runs over
`../shared/corpora/polnear/<split>/text/*.txt` (in process by default, through
the real CLI with `--cli`), turns each line into the scorer's format
(`{"doc", "quotes": [{"start", "end", "speaker"}]}`), runs
`../shared/eval/polnear_score.py` as a subprocess and prints its table.

Then it prints where we fail, so the next person can see it:

- missed DIRECT gold contents (nothing predicted there / only part of it found),
- false quotes (predictions with no gold content under them), by kind,
- wrong speakers on found contents, by the gold's shape: pronoun source,
  nominal source ("the spokesman"), post-quote attribution ('"...," X said'),
  split quote (content in two pieces around the attribution), other named;
- precision of our direct and of our indirect predictions separately,
- the end-to-end false positives: predictions that overlap no gold content, cover too
  little of the direct content they land on, or name the wrong speaker (by how the
  speaker was found),

with a few examples of each (offsets and snippets).  The breakdown reads the
gold through the scorer's own functions (imported from the script) so both
agree on what a content, a direct quote and a right speaker are.

Exits 0 with a message when ../shared is absent (a user's clone).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from index.attribution import attribute_quotes  # noqa: E402
from index.ingest import raw_article, read_text  # noqa: E402
from index.serialize import quote_to_json  # noqa: E402

SPLITS = ("dev", "train")
PRONOUNS = frozenset("he she it they we i you him her them us who which that this".split())


def load_scorer(script: Path):
    """The scorer script as a module (for the breakdown only; the table comes from a subprocess)."""
    spec = importlib.util.spec_from_file_location("polnear_score", script)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def quotes_in_process(files: list[Path]) -> list[dict]:
    """The `quotes --raw --json` records of the files, computed in this process."""
    out = []
    for path in files:
        article = raw_article(read_text(path), path=str(path))
        out.append({"file": str(path), "quotes": [quote_to_json(q) for q in attribute_quotes(article)]})
    return out


def quotes_via_cli(files: list[Path]) -> list[dict]:
    """The same records from the real command line (`python -m index quotes --raw --json`)."""
    out: list[dict] = []
    chunk = 200
    for k in range(0, len(files), chunk):
        proc = subprocess.run(
            [sys.executable, "-m", "index", "quotes", "--raw", "--json", *map(str, files[k:k + chunk])],
            cwd=ROOT, capture_output=True, text=True, check=True)
        out += [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    return out


def speaker_string(q: dict, style: str = "credit") -> str | None:
    """The speaker of one `quotes --json` quote as the scorer's single string.

    name:    the resolved name only (None for an unnamed speaker);
    display: the name; for an unnamed speaker what `SpeakerRef.display` shows
             (the role and organisation the article gives, "a campaign source",
             or the noun phrase that spoke, "the company"), never a pronoun;
    full:    display, plus the role after a name ("Tim Kaine, running mate");
    credit:  display, but a named person as the article credits them, the role in
             the article's words ("Sen. Tim Kaine", "Tim Kaine, running mate").
    """
    name, role, org = q.get("speaker"), q.get("role"), q.get("organization")
    if style == "name":
        return name
    if not name:
        unnamed = " ".join(x for x in (role, org) if x)
        if unnamed:
            return unnamed
        if q.get("mention_kind") != "pronoun" and q.get("mention") and \
                q["mention"].lower() not in PRONOUNS:
            return q["mention"]
        return None
    if style == "credit":
        return q.get("credit") or name
    if style == "full" and role:
        return f"{name}, {role}"
    return name


def to_scorer_format(records: list[dict], style: str = "credit") -> list[dict]:
    """`quotes --json` lines -> the scorer's lines (doc = file name without .txt)."""
    return [{"doc": Path(r["file"]).name.removesuffix(".txt"),
             "quotes": [{"start": q["start"], "end": q["end"], "speaker": speaker_string(q, style)}
                        for q in r["quotes"]]} for r in records]


# --------------------------------------------------------------------------- breakdown


def _snippet(text: str, a: int, b: int, width: int = 150) -> str:
    s = text[a:b].replace("\n", " ")
    if len(s) > width:
        s = s[:width // 2 - 3] + " ... " + s[-(width // 2 - 3):]
    return s


def _cues_by_content(sc, gold_dir: Path, doc: str, text: str) -> dict[tuple, int]:
    """Gold content fragments -> start of its cue (for 'post-quote' attributions)."""
    ann = sc.find_ann(str(gold_dir / "attributions"), doc)
    if ann is None:
        return {}
    tspans, _, events = sc.parse_ann(ann, text)
    out: dict[tuple, int] = {}
    for _, roles in events:
        cue = next((tspans[t][0][0] for r, t in roles if r.startswith("Cue") and tspans.get(t)), None)
        for r, t in roles:
            if r.startswith("Content") and tspans.get(t) and cue is not None:
                out.setdefault(tuple(tspans[t]), cue)
    return out


def breakdown(sc, gold_dir: Path, preds_by_doc: dict[str, list[dict]], examples: int,
              style: str = "credit") -> str:
    """Where predictions and gold disagree, by kind, with examples."""
    gold = sc.load_gold(str(gold_dir))
    lines: list[str] = []
    missed: dict[str, list] = defaultdict(list)
    false: dict[str, list] = defaultdict(list)
    wrong: dict[str, list] = defaultdict(list)
    e2e_false: dict[str, list] = defaultdict(list)
    right: Counter = Counter()
    kind_total: Counter = Counter()
    kind_ok: Counter = Counter()
    for doc, gdoc in gold.items():
        text = gdoc.text
        P = [dict(p, speaker=speaker_string(p, style)) for p in preds_by_doc.get(doc, [])]
        G = gdoc.items
        cues = _cues_by_content(sc, gold_dir, doc, text)
        ov = [[sc.overlap(p["start"], p["end"], g.frags) for g in G] for p in P]
        for pi, p in enumerate(P):
            plen = p["end"] - p["start"]
            kind_total[p["kind"]] += 1
            if any(ov[pi][gi] >= sc.COVER * plen for gi in range(len(G))):
                kind_ok[p["kind"]] += 1
            else:
                best = max(range(len(G)), key=lambda gi: ov[pi][gi], default=None)
                why = "overlaps no gold" if best is None or ov[pi][best] == 0 else "mostly outside gold"
                false[f"{p['kind']}, {why}"].append(
                    (doc, p["start"], p["end"], f"speaker={p['speaker']!r} cue={p['cue']!r}: "
                     + _snippet(text, p["start"], p["end"])))
        refs_all = [[sc.reference(gdoc, src) for src in g.sources] for g in G]
        for pi, p in enumerate(P):  # the e2e precision side: where each prediction lands
            best_gi, best_gkey = None, None
            for gi, g in enumerate(G):
                o = ov[pi][gi]
                if o <= 0:
                    continue
                key = (o, o / ((p["end"] - p["start"]) + g.size - o), -gi)
                if best_gkey is None or key > best_gkey:
                    best_gi, best_gkey = gi, key
            what = f"speaker={p['speaker']!r} via {p['mention_kind']}: " + _snippet(
                text, p["start"], p["end"])
            if best_gi is None:
                e2e_false[f"{p['kind']}, overlaps no gold"].append((doc, p["start"], p["end"], what))
                continue
            g = G[best_gi]
            refs = refs_all[best_gi]
            if not (g.direct and refs and refs[0][1] is not None):
                continue
            o = best_gkey[0]
            if not (o >= sc.COVER * g.size or o >= sc.COVER * (p["end"] - p["start"])):
                e2e_false[f"{p['kind']}, covers too little"].append((doc, p["start"], p["end"], what))
            elif not any(r is not None and sc.speaker_match(p["speaker"], r, False)
                         for _, r in refs):
                e2e_false[f"{p['kind']}, wrong speaker via {p['mention_kind']}"].append(
                    (doc, p["start"], p["end"], what + f"  (gold {[r for _, r in refs]})"))
        for gi, g in enumerate(G):
            best, best_key = None, None
            for pi, p in enumerate(P):
                o = ov[pi][gi]
                if o <= 0:
                    continue
                iou = o / ((p["end"] - p["start"]) + g.size - o)
                key = (o, iou, -pi)
                if best_key is None or key > best_key:
                    best, best_key = pi, key
            found = best is not None and best_key[0] >= sc.COVER * g.size
            if not found:
                if g.direct:
                    why = "nothing predicted there" if best is None else "only partly covered"
                    if best is not None:
                        p = P[best]
                        why += f" (best pred {p['start']}-{p['end']} {p['kind']})"
                        why = "only partly covered"
                    missed[why].append((doc, g.start, g.end, _snippet(text, g.start, g.end)))
                continue
            if not g.sources:
                continue
            refs = [sc.reference(gdoc, s) for s in g.sources]
            if refs[0][1] is None:
                continue
            good = [pi for pi, p in enumerate(P) if ov[pi][gi] == best_key[0]]
            ok = any(ref is not None and sc.speaker_match(P[pi]["speaker"], ref, False)
                     for pi in good for _, ref in refs)
            src = g.sources[0]
            cat, ref = refs[0]
            if cat == "pronoun":
                shape = "pronoun source"
            elif not any(w[:1].isupper() for w in src[2].split()):
                shape = "nominal source"
            elif len(g.frags) > 1:
                shape = "split quote"
            elif cues.get(tuple(g.frags), -1) > g.end:
                shape = "post-quote attribution"
            else:
                shape = "named source, other"
            shape = ("DIRECT " if g.direct else "indirect ") + shape
            if ok:
                right[shape] += 1
                continue
            p = P[best]
            wrong[shape].append((doc, g.start, g.end,
                                 f"gold={src[2]!r}" + (f" (-> {ref!r})" if cat == "pronoun" else "")
                                 + f" got={p['speaker']!r} via {p['mention_kind']}"
                                 f" {p['mention']!r}: " + _snippet(text, g.start, g.end, 110)))

    def section(title: str, groups: dict[str, list]) -> None:
        total = sum(len(v) for v in groups.values())
        lines.append(f"-- {title}: {total}")
        for key, items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            extra = ""
            if title.startswith("wrong"):
                n = len(items) + right[key]
                extra = f" of {n} found ({100 * len(items) / max(1, n):.0f}% wrong)"
            lines.append(f"   {key}: {len(items)}{extra}")
            for doc, a, b, what in items[:examples]:
                lines.append(f"      {doc[:44]} {a}-{b}  {what}")

    lines.append("")
    lines.append("precision of our predictions by kind: " + ", ".join(
        f"{k} {100 * kind_ok[k] / max(1, kind_total[k]):.1f}% ({kind_ok[k]}/{kind_total[k]})"
        for k in sorted(kind_total)))
    section("missed DIRECT gold contents", missed)
    section("false quotes (not >= half inside a gold content)", false)
    section("wrong speakers on found contents", wrong)
    section("e2e DIRECT false positives (predictions in the precision denominator)", e2e_false)
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def run_split(split: str, shared: Path, args: argparse.Namespace) -> int:
    gold_dir = shared / "corpora" / "polnear" / split
    script = shared / "eval" / "polnear_score.py"
    files = sorted((gold_dir / "text").glob("*.txt"))
    if not files:
        print(f"skip {split}: no texts in {gold_dir / 'text'}")
        return 0
    records = quotes_via_cli(files) if args.cli else quotes_in_process(files)
    lines = to_scorer_format(records, args.speaker)
    fd, tmp = tempfile.mkstemp(prefix=f"polnear-{split}-", suffix=".jsonl")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        for line in lines:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    if args.pred_out:
        out = Path(args.pred_out.replace("{split}", split))
        out.write_text(Path(tmp).read_text(encoding="utf-8"), encoding="utf-8")
    try:
        proc = subprocess.run([sys.executable, str(script), "--gold-dir", str(gold_dir), "--pred", tmp],
                              capture_output=True, text=True)
        print(f"=============== PolNeAR {split} ===============")
        print(proc.stdout.rstrip())
        if proc.returncode:
            print(proc.stderr, file=sys.stderr)
            return proc.returncode
        if not args.no_breakdown:
            by_doc = {Path(r["file"]).name.removesuffix(".txt"): r["quotes"] for r in records}
            print(breakdown(load_scorer(script), gold_dir, by_doc, args.examples, args.speaker))
    finally:
        os.unlink(tmp)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=(*SPLITS, "both"), default="dev")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--cli", action="store_true", help="run the real CLI instead of the function")
    ap.add_argument("--speaker", choices=("name", "display", "full", "credit"), default="credit",
                    help="speaker string given to the scorer (see speaker_string)")
    ap.add_argument("--examples", type=int, default=4, help="examples per error kind")
    ap.add_argument("--pred-out", help="also keep the prediction file ({split} is replaced)")
    ap.add_argument("--no-breakdown", action="store_true", help="only the scorer's table")
    args = ap.parse_args(argv)
    if not (args.shared / "eval" / "polnear_score.py").is_file() or not (
            args.shared / "corpora" / "polnear").is_dir():
        print(f"skip: {args.shared} has no PolNeAR corpus or scorer (it is only on the team's machines)")
        return 0
    status = 0
    for split in (SPLITS if args.split == "both" else (args.split,)):
        status = run_split(split, args.shared, args) or status
    return status


if __name__ == "__main__":
    sys.exit(main())
