"""Speed of quote extraction and attribution (not a test).

    python tests/bench/attribution_speed.py [--articles N] [--repeat R] [--rounds K]
                                            [--against DIR [--pairs P]] [--no-adversarial]

Prints articles per second on one core (CPU time, each article's best of --repeat
runs; the median of --rounds such measurements, each round's figure in brackets) for:

- synthetic 800-word news articles (generated here from templates: names with
  ranks and roles, direct, split, mixed and indirect quotes, pronouns, bodies),
- the PolNeAR dev articles when ../shared is present (mean ~800 words),

and the time of the adversarial inputs (1 MB each: nested quotation marks with
no punctuation, marks of every kind, chains of "said that", a lone mark
repeated), which must each finish in well under a second.

`--against DIR` then measures another checkout of the project (a `git worktree` of
the code before a change) side by side: a child process in DIR runs the same articles,
one pass of each checkout in turn (--pairs of them), so both meet the same moments of
a shared machine; it prints both rates and the median ratio of their CPU times.
Compare no two figures taken apart.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from index.attribution import attribute_quotes  # noqa: E402
from index.models import Article  # noqa: E402

_FIRST = ["Karim", "Lina", "Omar", "Dana", "Samir", "Huda", "Walid", "Nadia", "Peter", "Ellen",
          "Marcus", "Joan", "Tariq", "Rosa", "Bilal", "Grace"]
_LAST = ["Al-Saadi", "Hamdan", "Reed", "Okafor", "Al-Obeidi", "Lindqvist", "Marsh", "Yassin",
         "Brennan", "Al-Rubaie", "Castillo", "Whitfield", "Haddad", "Norberg"]
_ROLES = ["spokesman for the Ministry of Planning", "the governor of the province",
          "a senior adviser to the campaign", "director of the Water Authority",
          "the mayor", "a spokeswoman for the committee", "chairman of the board"]
_RANKS = ["", "", "Dr. ", "Major General ", "Sen. ", "Mr. ", "Ms. "]
_BODIES = ["the Ministry of Planning", "the Water Authority", "the city council",
           "the electoral commission", "the Joint Committee on Roads"]
_WORDS = ("the plan budget road bridge vote council tax season water supply market report "
          "school hospital project contract price border crossing week month year people "
          "families district officials work service power line cost delay share number "
          "region state team").split()
_VERBS = ["said", "told reporters", "added", "noted", "stressed", "explained", "warned"]


def _clause(rng: random.Random, n: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(n)]
    for k in range(2, n, 5):
        words[k] = rng.choice(["will", "is", "has", "was", "could", "must"])
    return " ".join(words)


def _paragraph(rng: random.Random, people: list[tuple[str, str, str]]) -> str:
    rank, name, role = rng.choice(people)
    surname = name.split()[-1]
    shape = rng.randrange(9)
    a, b = _clause(rng, rng.randint(10, 22)), _clause(rng, rng.randint(8, 18))
    verb = rng.choice(_VERBS)
    if shape == 0:
        return f"{rank}{name}, {role}, {verb} that {a}, adding that \"{b}.\""
    if shape == 1:
        return f"\"{a.capitalize()},\" {surname} said. \"{b.capitalize()}.\""
    if shape == 2:
        return f"\"{a.capitalize()},\" said {rank}{name}, \"and {b}.\""
    if shape == 3:
        return f"He also said the {a} was \"{b}\" for the district."
    if shape == 4:
        return f"According to {rng.choice(_BODIES)}, {a}. {b.capitalize()}, officials said."
    if shape == 5:
        return f"The {role.split()[-1]} {verb}: \"{a.capitalize()}. {b.capitalize()}.\""
    if shape == 6:
        return f"{a.capitalize()} on Monday, while {b} in the {rng.choice(_WORDS)} district."
    if shape == 7:
        return f"{rng.choice(_BODIES).capitalize()} said in a statement that {a}."
    return f"She called the {rng.choice(_WORDS)} \"{_clause(rng, 2)}\" and left."


def synthetic_article(seed: int, words: int = 800) -> Article:
    """A deterministic ~`words`-word news article built from templates."""
    rng = random.Random(seed)
    people = [(rng.choice(_RANKS), f"{rng.choice(_FIRST)} {rng.choice(_LAST)}", rng.choice(_ROLES))
              for _ in range(4)]
    paras: list[str] = []
    count = 0
    while count < words:
        p = _paragraph(rng, people)
        paras.append(p)
        count += len(p.split())
    return Article(id=f"syn{seed}", title="Council approves the plan", body="\n\n".join(paras))


def _rate(articles: list[Article], repeat: int) -> tuple[float, float]:
    """(articles per second of CPU time, mean words per article).

    Each article's CPU time is the best of `repeat` runs (CPU time of this process, not
    wall time): a shared machine's other load then disturbs the figure much less, since
    a run interrupted by it is simply not the best one (it is still best taken on a quiet
    machine).
    """
    best = [float("inf")] * len(articles)
    clock = time.process_time
    for _ in range(repeat):
        for i, a in enumerate(articles):
            t = clock()
            attribute_quotes(a)
            took = clock() - t
            if took < best[i]:
                best[i] = took
    words = sum(len(a.body.split()) for a in articles) / max(1, len(articles))
    return len(articles) / max(sum(best), 1e-9), words


ADVERSARIAL = {
    "nested quotes, no punctuation": '"he said "the spokesman told "Al-Tamimi added ',
    "marks of every kind": "\"a 'b \"c 'd “e ‘f ” g ’ ",
    "chains of said that": "He said that the minister said that the spokesman added that ",
    "participles": "adding that noting that stressing that ",
    "one mark repeated": '"',
    "one long paragraph of names": "Major General Khaled Al-Muhanna Dr. Lina Saeed Sen. Tim Kaine ",
}


def adversarial(size: int = 1_000_000) -> list[tuple[str, float]]:
    out = []
    for label, unit in ADVERSARIAL.items():
        body = (unit * (size // len(unit) + 1))[:size]
        a = Article(id="adv", title="Spokesman: x", body=body)
        t = time.perf_counter()
        attribute_quotes(a)
        out.append((label, time.perf_counter() - t))
    return out


# The other checkout's side of `--against`: a child process in that checkout that reads
# the article sets once, then times a run of articles of a named set per request (CPU time).
_WORKER = """
import json, sys, time
sys.path.insert(0, ".")
from index.attribution import attribute_quotes
from index.models import Article
sets = {k: [Article(id=i, title=t, body=b) for i, t, b in v]
        for k, v in json.loads(sys.stdin.readline()).items()}
for a in next(iter(sets.values()))[:20]:
    attribute_quotes(a)
print("ready", flush=True)
for line in sys.stdin:
    name, a, b = line.rstrip("\\n").rsplit(" ", 2)
    t = time.process_time()
    for article in sets[name][int(a):int(b)]:
        attribute_quotes(article)
    print(time.process_time() - t, flush=True)
"""


class _Other:
    """A checkout measured pass for pass against this one (see `_WORKER`)."""

    def __init__(self, root: Path, sets: list[tuple[str, list[Article]]]) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", _WORKER], cwd=root, text=True,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self._send(json.dumps({name: [[a.id, a.title, a.body] for a in arts]
                               for name, arts in sets}))
        if self._read() != "ready":
            raise RuntimeError(f"the bench worker in {root} did not start")

    def _send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def _read(self) -> str:
        assert self.proc.stdout is not None
        return self.proc.stdout.readline().strip()

    def seconds(self, name: str, a: int, b: int) -> float:
        """CPU time of the other checkout on articles [a, b) of set `name`."""
        self._send(f"{name} {a} {b}")
        return float(self._read())

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait()


def _one_pass(articles: list[Article]) -> float:
    t = time.process_time()
    for a in articles:
        attribute_quotes(a)
    return time.process_time() - t


_CHUNK = 8  # articles run by one checkout before the other takes its turn


def _paired(sets: list[tuple[str, list[Article]]], other: _Other, pairs: int) -> None:
    """Passes of this checkout and the other over the same articles, taking turns every
    few articles (which goes first alternates), so both meet the same moments of a shared
    machine; each pass pair gives a ratio of CPU times."""
    for name, articles in sets:
        ours: list[float] = []
        theirs: list[float] = []
        for i in range(pairs):
            mine = other_s = 0.0
            for k, a in enumerate(range(0, len(articles), _CHUNK)):
                b = min(len(articles), a + _CHUNK)
                if (i + k) % 2:
                    other_s += other.seconds(name, a, b)
                    mine += _one_pass(articles[a:b])
                else:
                    mine += _one_pass(articles[a:b])
                    other_s += other.seconds(name, a, b)
            ours.append(mine)
            theirs.append(other_s)
        n = len(articles)
        ratios = sorted(t / o for o, t in zip(ours, theirs, strict=True))
        print(f"    {name}, pass for pass: this checkout {n / median(ours):.0f} articles/s "
              f"(best {n / min(ours):.0f}), the other {n / median(theirs):.0f} "
              f"(best {n / min(theirs):.0f}); speed ratio median {median(ratios):.3f} "
              f"[{ratios[0]:.3f}..{ratios[-1]:.3f}] over {pairs} pairs")


def _rounds(figures: list[float]) -> str:
    return f"{median(figures):.0f} articles/s [rounds: {', '.join(f'{x:.0f}' for x in figures)}]"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3, help="measurements; their median is shown")
    ap.add_argument("--against", type=Path, help="another checkout, measured pass for pass")
    ap.add_argument("--pairs", type=int, default=10, help="passes of each checkout (--against)")
    ap.add_argument("--no-adversarial", action="store_true")
    args = ap.parse_args(argv)
    sets: list[tuple[str, list[Article]]] = [
        ("synthetic", [synthetic_article(k) for k in range(args.articles)])]
    dev = ROOT.parent / "shared" / "corpora" / "polnear" / "dev" / "text"
    if dev.is_dir():
        from index.ingest import raw_article, read_text

        sets.append(("PolNeAR dev",
                     [raw_article(read_text(p), path=str(p)) for p in sorted(dev.glob("*.txt"))]))
    _rate(sets[0][1][:20], 1)  # warm caches
    ours: dict[str, list[float]] = {name: [] for name, _ in sets}
    words: dict[str, float] = {}
    for _ in range(max(1, args.rounds)):
        for name, articles in sets:
            rate, words[name] = _rate(articles, args.repeat)
            ours[name].append(rate)
    for name, _ in sets:
        line = f"{name} articles ({words[name]:.0f} words on average): {_rounds(ours[name])}"
        if name != "synthetic":
            line += f" ({median(ours[name]) * words[name] / 800:.0f} per second in 800-word units)"
        print(line)
    if not dev.is_dir():
        print(f"PolNeAR dev articles: skipped ({dev} is absent; ../shared is only on the team's machines)")
    if args.against is not None:
        print(f"against {args.against}:")
        other = _Other(args.against, sets)
        try:
            _paired(sets, other, max(2, args.pairs))
        finally:
            other.close()
    if not args.no_adversarial:
        for label, seconds in adversarial():
            print(f"adversarial 1 MB, {label}: {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
