"""Person and body names: ranks and honorifics, spelling-insensitive keys, surnames.

Ranks and honorifics ("Major General", "Maj. Gen.", "Dr.", "Sheikh") are *titles*:
they stay with a person across jobs.  Offices ("President", "Prime Minister",
"Sen.", "Governor") are *roles* and are left to the attribution code, which
keeps them in `SpeakerRef.role`.

Arabic names reach English news in many spellings (Al-Kadhimi / al-Kazemi /
Al-Kahdimi, Khaled / Khalid, Maan / Ma'an).  `name_key` removes what carries no
identity (case, accents, apostrophes, the article "al-"); `same_name` compares
names token by token with rapidfuzz, also on a vowel-folded form, so spelling
variants score high while different given names ("Rakan" / "Najm") score low.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a lexicon written as one string."""
    return frozenset(text.split())


# Canonical title -> pattern (case-insensitive, matched at the start of a name).
# Longer titles come first so "Staff Lt. Gen." wins over "Lt." and "Gen.".
_TITLE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("Staff Lieutenant General", r"staff\s+(?:lieutenant|lieut\.?|lt\.?)[\s-]*(?:general|gen\.?)"),
    ("Lieutenant General", r"(?:lieutenant|lieut\.|lt\.?)[\s-]*(?:general|gen\.?)"),
    ("Major General", r"(?:major|maj\.?)[\s-]*(?:general|gen\.?)"),
    ("Brigadier General", r"(?:brigadier|brig\.?)[\s-]*(?:general|gen\.?)"),
    ("Lieutenant Colonel", r"(?:lieutenant|lt\.?)[\s-]*(?:colonel|col\.?)"),
    ("Vice Admiral", r"vice[\s-]+(?:admiral|adm\.?)"),
    ("Rear Admiral", r"rear[\s-]+(?:admiral|adm\.?)"),
    ("Field Marshal", r"field\s+marshal"),
    ("Grand Ayatollah", r"grand\s+ayatollah"),
    ("General", r"general|gen\."),
    ("Colonel", r"colonel|col\."),
    ("Brigadier", r"brigadier|brig\."),
    ("Major", r"major|maj\."),
    ("Captain", r"captain|capt\."),
    ("Lieutenant", r"lieutenant|lt\."),
    ("Sergeant", r"sergeant|sgt\."),
    ("Admiral", r"admiral|adm\."),
    ("Dr.", r"dr\.?"),
    ("Prof.", r"prof\.|professor"),
    ("Sheikh", r"sheikh|shaikh|sheik"),
    ("Sayyid", r"sayyid|sayyed|sayed"),
    ("Ayatollah", r"ayatollah"),
    ("Mr.", r"mr\.?"),
    ("Mrs.", r"mrs\.?"),
    ("Ms.", r"ms\.?"),
    ("Rev.", r"rev\.|reverend"),
    ("Sir", r"sir"),
)
# First words of the titles above (lower case, without a dot): a cheap pre-check.
TITLE_FIRST_WORDS = _words("""
    staff lieutenant lieut lt major maj brigadier brig vice rear field grand general gen
    colonel col captain capt sergeant sgt admiral adm dr prof professor sheikh shaikh sheik
    sayyid sayyed sayed ayatollah mr mrs ms rev reverend sir
""")
# Titles that are also ordinary words; they count only before a capitalised name.
AMBIGUOUS_TITLES = frozenset({"General", "Major", "Captain", "Sir", "Brigadier"})

_TITLE_RE = re.compile(
    "|".join(f"(?P<t{i}>{p})" for i, (_, p) in enumerate(_TITLE_PATTERNS)) + r"(?=\s|$)",
    re.IGNORECASE,
)
_TITLE_NAMES = tuple(t for t, _ in _TITLE_PATTERNS)

# Lower-case particles that belong to a surname ("bin Laden", "de Gaulle", "al Muhanna").
SURNAME_PARTICLES = _words(
    "al el bin ibn bint abu abdul abd de da di du del della der den van von le la dos das")
# Particles that carry no identity in a key ("Al-Muhanna" and "Muhanna" are one name).
_KEY_DROP = frozenset({"al", "el", "the"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_APOSTROPHES = "'’‘`ʿʾ"
_SPLIT = re.compile(r"[\s\-‐‑–]+")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def match_title(text: str, pos: int = 0) -> tuple[str, int] | None:
    """The canonical title starting at text[pos] and where it ends, or None.

    Only a capitalised title counts ("Major General", not "major general").
    """
    if pos >= len(text) or not text[pos].isupper():
        return None
    m = _TITLE_RE.match(text, pos)
    if not m:
        return None
    return _TITLE_NAMES[int(m.lastgroup[1:])], m.end()


def canonical_title(title: str) -> str | None:
    """'Maj. Gen.' -> 'Major General'; None when `title` is not a known title."""
    t = title.strip()
    m = _TITLE_RE.fullmatch(t) if t else None
    return _TITLE_NAMES[int(m.lastgroup[1:])] if m else None


def split_title(name: str) -> tuple[str | None, str]:
    """Split leading ranks and honorifics off a name: ('Major General', 'Khaled Al-Muhanna').

    The title comes back in canonical form ('Maj. Gen.' -> 'Major General');
    stacked titles are joined ('Staff Lieutenant General Dr.').  A name with
    no title gives (None, name).
    """
    rest = name.strip()
    titles: list[str] = []
    while True:
        found = match_title(rest)
        if not found:
            break
        title, end = found
        tail = rest[end:].lstrip()
        # "General" alone is a title only when a capitalised name follows.
        if not tail or (title in AMBIGUOUS_TITLES and not tail[0].isupper()):
            break
        titles.append(title)
        rest = tail
    return (" ".join(titles) if titles else None), rest


def _ascii_lower(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=8192)
def _key_tokens(name: str) -> tuple[str, ...]:
    _, rest = split_title(name)
    s = _ascii_lower(rest)
    for a in _APOSTROPHES:
        s = s.replace(a, "")
    tokens = [_NON_ALNUM.sub("", t) for t in _SPLIT.split(s)]
    return tuple(t for t in tokens if t and t not in _KEY_DROP and t not in _SUFFIXES)


def name_key(name: str) -> str:
    """A spelling-insensitive key: 'Major General Khaled Al-Muhanna' -> 'khaled muhanna'.

    Drops titles, case, accents, apostrophes ("Ma'an" -> "maan"), hyphens and
    the article al-/el-.  Two spellings that differ only in those get one key;
    other variants (Khaled / Khalid) need `same_name`.
    """
    return " ".join(_key_tokens(name))


def surname(name: str) -> str:
    """The family name as written: 'Major General Khaled Al-Muhanna' -> 'Al-Muhanna'.

    Keeps a lower-case particle that belongs to it ('Osama bin Laden' -> 'bin Laden')
    and skips suffixes ('Jr.').
    """
    _, rest = split_title(name)
    words = rest.split()
    while len(words) > 1 and _NON_ALNUM.sub("", words[-1].lower()) in _SUFFIXES:
        words.pop()
    if not words:
        return ""
    last = words[-1].rstrip(",")
    if len(words) > 1 and words[-2] in SURNAME_PARTICLES:
        return f"{words[-2]} {last}"
    return last


_VOWEL_RUN = re.compile(r"[aeiouy]+")
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=8192)
def _fold(token: str) -> str:
    """A transliteration-tolerant form: doubled letters collapsed, vowel runs unified."""
    # "dh" and "z" often spell one Arabic letter (Kadhimi / Kazemi, Nadhem / Nazem)
    token = token.replace("dh", "z").replace("kh", "k").replace("ph", "f")
    return _VOWEL_RUN.sub("a", _DOUBLE.sub(r"\1", token))


@lru_cache(maxsize=16384)
def _token_similarity(a: str, b: str) -> float:
    if a == b:
        return 100.0
    raw = fuzz.ratio(a, b)
    if min(len(a), len(b)) < 3:
        return raw
    return max(raw, 0.95 * fuzz.ratio(_fold(a), _fold(b)))


def same_name(a: str, b: str) -> float:
    """How likely two names denote the same person, 0..100 (rapidfuzz based).

    Every word of the shorter name must match a word of the longer one
    ("Al-Muhanna" ~ "Khaled Al-Muhanna" = 100, "Khalid Al-Mohanna" ~
    "Khaled Al-Muhanna" ~ 95); the score is the worst word match, so a
    different given name sinks it ("Rakan al-Jubouri" ~ "Najm al-Jubouri" < 60).
    A one-word name is compared with the other name's surname first.
    """
    ta, tb = _key_tokens(a), _key_tokens(b)
    if not ta or not tb:
        return 0.0
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) == 1:
        return max(_token_similarity(short[0], long_[-1]),
                   max(_token_similarity(short[0], t) for t in long_) - 10)
    worst = min(max(_token_similarity(tok, t) for t in long_) for tok in short)
    # The surnames must line up: 'Ali Hassan' vs 'Hassan Ali Kareem' is not a match.
    worst = min(worst, _token_similarity(short[-1], long_[-1]) + 5)
    return max(0.0, min(100.0, worst))
