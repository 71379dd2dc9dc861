"""Speed of quote extraction and attribution (not a test).

    python tests/bench/attribution_speed.py [--articles N] [--repeat R] [--no-adversarial]

Prints articles per second on one core (CPU time, each article's best of --repeat
runs) for:

- synthetic 800-word news articles (generated here from templates: names with
  ranks and roles, direct, split, mixed and indirect quotes, pronouns, bodies),
- the PolNeAR dev articles when ../shared is present (mean ~800 words),

and the time of the adversarial inputs (1 MB each: nested quotation marks with
no punctuation, marks of every kind, chains of "said that", a lone mark
repeated), which must each finish in well under a second.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-adversarial", action="store_true")
    args = ap.parse_args(argv)
    synthetic = [synthetic_article(k) for k in range(args.articles)]
    _rate(synthetic[:20], 1)  # warm caches
    rate, words = _rate(synthetic, args.repeat)
    print(f"synthetic articles ({words:.0f} words on average): {rate:.0f} articles/s")
    dev = ROOT.parent / "shared" / "corpora" / "polnear" / "dev" / "text"
    if not dev.is_dir():
        print(f"PolNeAR dev articles: skipped ({dev} is absent; ../shared is only on the team's machines)")
    else:
        from index.ingest import raw_article, read_text

        real = [raw_article(read_text(p), path=str(p)) for p in sorted(dev.glob("*.txt"))]
        rate, words = _rate(real, args.repeat)
        print(f"PolNeAR dev articles ({words:.0f} words on average): {rate:.0f} articles/s "
              f"({rate * words / 800:.0f} per second in 800-word units)")
    if not args.no_adversarial:
        for label, seconds in adversarial():
            print(f"adversarial 1 MB, {label}: {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
