"""Wrong speakers on PolNeAR contents whose gold source is a pronoun, one line each, classified.

    python -m tests.eval.pronoun_errors [--split train|dev] [--shared DIR] [--show N] [--tsv FILE]

For every found gold content whose first source is a pronoun ("he said") and whose
speaker the scorer marks wrong, it prints the pronoun, our speaker (the credit) and
how we found it, the gold antecedent (the nearest preceding gold source with a
capitalised word, the scorer's reading) and a guess at the cause:

- relative: "who" / "which" / "that": the scorer's antecedent is the previous source,
  not the noun the relative pronoun hangs on (mostly a grading artefact);
- no-speaker: we gave no speaker; they / it / first-person: "they", "it", "I" / "we";
- not-pronoun: we found the speaker another way (a name, a nominal);
- gender: our speaker's title or given name has the other gender than the pronoun's;
- artefact-same: our speaker is a gold source of the recent past too (within the last
  three named gold sources before the pronoun): the gold chain points at another
  mention, maybe of the same person (a description, "the nominee");
- in-quote: the gold antecedent was inside a quote (someone the quote talks about);
- para-change: the gold antecedent is in the paragraph of the pronoun, our speaker is
  last named in an earlier paragraph (we kept the old topic person);
- too-far: our speaker was last named before the gold antecedent (we skipped a nearer one);
- too-near: our speaker was named after the gold antecedent (a nearer non-subject won);
- other.
Only the train split should be used to decide what to change; dev to confirm.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from index.names import name_gender  # noqa: E402
from tests.eval.polnear import load_scorer, quotes_in_process, speaker_string  # noqa: E402

_QUOTES = "\"“”"


def _in_quote(text: str, pos: int, lo: int) -> bool:
    """Is pos inside a quotation (odd number of marks since the paragraph start lo)?"""
    return sum(text.count(m, lo, pos) for m in _QUOTES) % 2 == 1


def _para_start(text: str, pos: int) -> int:
    k = text.rfind("\n", 0, pos)
    return k + 1


def _last_mention(text: str, name: str, pos: int) -> int:
    """Latest offset before pos of the last word of `name`, -1 if none."""
    if not name:
        return -1
    word = name.split(",")[0].split()[-1]
    return text.rfind(word, 0, pos)


def cases(sc, gold_dir: Path, records: list[dict]) -> list[dict]:
    gold = sc.load_gold(str(gold_dir))
    by_doc = {Path(r["file"]).name.removesuffix(".txt"): r["quotes"] for r in records}
    out = []
    for doc, gdoc in gold.items():
        text = gdoc.text
        P = [dict(p, speaker=speaker_string(p)) for p in by_doc.get(doc, [])]
        named_sources = sorted((s for s in gdoc.source_spans if sc.has_name_word(s[2])
                                and not sc.is_pronoun_source(s[2])), key=lambda s: s[0])
        for g in gdoc.items:
            if not g.sources:
                continue
            refs = [sc.reference(gdoc, s) for s in g.sources]
            cat, ref = refs[0]
            if cat != "pronoun" or ref is None:
                continue
            best, key = None, None
            for pi, p in enumerate(P):
                o = sc.overlap(p["start"], p["end"], g.frags)
                if o <= 0:
                    continue
                k = (o, o / ((p["end"] - p["start"]) + g.size - o), -pi)
                if key is None or k > key:
                    best, key = pi, k
            if best is None or key[0] < sc.COVER * g.size:
                continue
            good = [pi for pi, p in enumerate(P) if sc.overlap(p["start"], p["end"], g.frags) == key[0]]
            ok = any(r is not None and sc.speaker_match(P[pi]["speaker"], r, False)
                     for pi in good for _, r in refs)
            src = g.sources[0]
            ant = sc.antecedent(gdoc, src)
            p = P[best]
            recent = [s for s in named_sources if s[0] < src[0]][-3:]
            out.append({"doc": doc, "ok": ok, "direct": g.direct, "pron": src[2], "pos": src[0],
                        "ant": ant[2], "ant_pos": ant[0], "ours": p["speaker"],
                        "how": p["mention_kind"], "mention": p["mention"],
                        "recent_match": any(sc.speaker_match(p["speaker"], s[2], False)
                                            for s in recent),
                        "text": text})
    return out


def _gender(speaker: str) -> str | None:
    """The gender a credited speaker shows: a courtesy title or a common given name."""
    words = speaker.split(",")[0].split()
    if any(w in ("Mrs.", "Ms.") for w in words):
        return "f"
    if "Mr." in words:
        return "m"
    for i in range(len(words) - 1):
        g = name_gender(" ".join(words[i:i + 2]))
        if g:
            return g
    return None


def classify(c: dict) -> str:
    text, pos, ant_pos = c["text"], c["pos"], c["ant_pos"]
    pron = c["pron"].lower().strip()
    ours = c["ours"]
    if pron in ("who", "whom", "whose", "which", "that"):
        return "relative"
    if not ours:
        return "no-speaker"
    if pron in ("they", "them", "their"):
        return "they"
    if pron == "it":
        return "it"
    if pron in ("i", "we", "me", "us"):
        return "first-person"
    if c["how"] != "pronoun":
        return "not-pronoun"
    g = {"he": "m", "she": "f", "him": "m", "her": "f", "his": "m"}.get(pron)
    if g and _gender(ours) not in (g, None):
        return "gender"
    if c["recent_match"]:
        return "artefact-same"
    if _in_quote(text, ant_pos, _para_start(text, ant_pos)):
        return "in-quote"
    ours_at = _last_mention(text, ours, pos)
    para = _para_start(text, pos)
    if ant_pos >= para and 0 <= ours_at < para:
        return "para-change"
    if ours_at < ant_pos:
        return "too-far"
    return "too-near"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="train")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--show", type=int, default=0, help="examples per cause")
    ap.add_argument("--tsv", type=Path, help="write every wrong case here")
    args = ap.parse_args(argv)
    gold_dir = args.shared / "corpora" / "polnear" / args.split
    if not gold_dir.is_dir():
        print(f"skip: no {gold_dir}")
        return 0
    sc = load_scorer(args.shared / "eval" / "polnear_score.py")
    records = quotes_in_process(sorted((gold_dir / "text").glob("*.txt")))
    all_cases = cases(sc, gold_dir, records)
    wrong = [c for c in all_cases if not c["ok"]]
    print(f"pronoun-source contents found: {len(all_cases)}, wrong: {len(wrong)}")
    causes = Counter()
    by_cause: dict[str, list[dict]] = {}
    for c in wrong:
        c["cause"] = classify(c)
        causes[c["cause"]] += 1
        by_cause.setdefault(c["cause"], []).append(c)
    pron = Counter(c["pron"].lower() for c in wrong)
    print("by pronoun:", dict(pron.most_common()))
    for cause, n in causes.most_common():
        d = sum(1 for c in by_cause[cause] if c["direct"])
        print(f"  {cause:14s} {n:5d}  (direct {d})")
        for c in by_cause[cause][:args.show]:
            t = c["text"]
            ctx = t[max(c["ant_pos"] - 40, c["pos"] - 400):c["pos"] + 40].replace("\n", " | ")
            print(f"     {c['doc'][:40]} {c['pos']}: {c['pron']!r} ours={c['ours']!r} via "
                  f"{c['how']} gold->{c['ant']!r}\n        ...{ctx}...")
    if args.tsv:
        with args.tsv.open("w", encoding="utf-8") as fh:
            for c in wrong:
                t = c["text"]
                ctx = t[max(c["ant_pos"] - 40, c["pos"] - 600):c["pos"] + 60].replace("\n", " | ")
                fh.write("\t".join([c["cause"], c["doc"], str(c["pos"]), c["pron"], str(c["ours"]),
                                    c["how"], c["ant"], "D" if c["direct"] else "I", ctx]) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
