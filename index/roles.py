"""Role phrases: one canonical form for the many ways people write a role.

"spokesman for the Ministry of Interior", "interior ministry spokesman",
"spokesman of the interior ministry" and "MoI spokesperson" all become the
token set {spokesman, ministry, interior}.  Word order and function words are
dropped, abbreviations expanded and synonyms folded, so matching a question's
role words against a speaker's roles is set containment (plus typo tolerance,
done by the caller with rapidfuzz).
"""

from __future__ import annotations

import re
from functools import lru_cache

# Nouns that make a phrase a role ("the ... spokesman", "minister of ...").
ROLE_HEADS = frozenset(
    """
    spokesman minister ministry governor commander chief head director president premier
    prime adviser advisor official officer mayor ambassador envoy speaker chairman deputy
    leader secretary general representative member lawmaker mp senator judge prosecutor
    undersecretary inspector coordinator manager candidate nominee campaign analyst expert
    sheikh elder judge imam cleric mufti
    """.split()
)

# Whole-phrase rewrites applied before tokenising (lower-cased, punctuation removed).
_PHRASE_ALIASES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        # The Iraqi PM is Commander-in-Chief; his "military spokesman" speaks for that office.
        (r"\b(?:pm|prime minister|premier)(?: s)? military spokesman\b", "spokesman commander in chief armed forces"),
        (r"\bmilitary spokesman (?:for|of) the (?:pm|prime minister|premier)\b", "spokesman commander in chief armed forces"),
        (r"\bc in c\b", "commander in chief"),
        (r"\bcommander in chief\b", "commander chief"),
        (r"\bmoi\b", "ministry interior"),
        (r"\bmod\b", "ministry defense"),
        (r"\bmofa\b", "ministry foreign affairs"),
        (r"\bmoh\b", "ministry health"),
        (r"\bjoc\b", "joint operations command"),
        (r"\bsmc\b", "security media cell"),
        (r"\bcts\b", "counter terrorism service"),
        (r"\bkrg\b", "kurdistan regional government"),
        (r"\bpmf\b", "popular mobilization forces"),
        (r"\bpm\b", "prime minister"),
        (r"\bforeign ministry\b", "ministry foreign affairs"),
        (r"\bforeign minister\b", "minister foreign affairs"),
    )
)

# Single-word synonyms folded to one spelling.
_SYNONYMS = {
    "spokesperson": "spokesman",
    "spokeswoman": "spokesman",
    "spokesmen": "spokesman",
    "spokespeople": "spokesman",
    "spokespersons": "spokesman",
    "spox": "spokesman",
    "ministries": "ministry",
    "ministers": "minister",
    "defence": "defense",
    "governorate": "province",
    "provincial": "province",
    "governors": "governor",
    "commanders": "commander",
    "operation": "operations",
    "kurdish": "kurdistan",
    "iraqi": "iraq",
    "regional": "region",
    "mobilisation": "mobilization",
    "organisation": "organization",
    "centre": "center",
    "counterterrorism": "counter terrorism",
    "gen": "general",
}

# Words that carry no meaning in a role ("spokesman for the Ministry of Interior").
# "Iraqi" is the default jurisdiction of the archive this was first built for: the
# Iraqi government's spokesman is "the government spokesman" (the Kurdistan Region's
# is not, and keeps its qualifier).
_FILLER = frozenset(
    "the a an of for to in at on and s its his her their our official officially federal iraq".split()
)
_NON_WORD = re.compile(r"[^\w]+")


def _canonical_text(text: str) -> str:
    text = text.lower().replace("’", "'").replace("'s", " s")
    text = _NON_WORD.sub(" ", text).replace("_", " ")
    text = _fold_synonyms(text)
    for pattern, replacement in _PHRASE_ALIASES:
        text = pattern.sub(replacement, text)
    return _fold_synonyms(text)  # again: aliases expand to words that have synonyms


def _fold_synonyms(text: str) -> str:
    return " ".join(_SYNONYMS.get(w, w) for w in text.split())


@lru_cache(maxsize=65536)
def role_tokens(text: str) -> frozenset[str]:
    """The canonical token set of a role phrase (order-free, fillers dropped)."""
    words = _canonical_text(text).split()
    return frozenset(w for w in words if w not in _FILLER)


def role_key(role: str | None, organization: str | None = None) -> str:
    """A stable key for grouping equivalent roles: sorted canonical tokens."""
    tokens = set(role_tokens(role or ""))
    if organization:
        tokens |= role_tokens(organization)
    return " ".join(sorted(tokens))


def has_role_head(tokens: frozenset[str] | set[str]) -> bool:
    return any(t in ROLE_HEADS for t in tokens)


def canonical_words(text: str) -> list[str]:
    """The question's words in the canonical vocabulary, in order (fillers kept)."""
    return _canonical_text(text).split()
