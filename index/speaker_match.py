"""Find the directory speakers a question names, by name or by role, tolerating typos.

Built once per loaded index from the directory; every lookup is a dictionary
hit or one rapidfuzz scan of a small vocabulary (names, role words), so a
question costs milliseconds even with tens of thousands of speakers.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache

from rapidfuzz import fuzz, process

from index.models import RoleSpell, Speaker
from index.names import name_key, same_name
from index.roles import ROLE_HEADS, role_tokens

# A question word must match a name word at least this well (0..100).
NAME_MATCH_MIN = 80.0
# Honorifics that say what a person is, not just how to address them.
# Choices scored when nothing in the directory shares a word with the question.
SUGGESTION_FALLBACK = 500
_FUNCTION_WORDS = frozenset(
    "the and for what who did does has have had say said says about with from that this was were".split()
)
_WORDS = re.compile(r"[^\W\d_]+")
_ROLE_PARTS = re.compile(r"\s+and\s+|\s*;\s*")
HONORIFIC_ROLES = frozenset({"sheikh", "judge", "imam", "ayatollah", "mufti", "bishop", "patriarch"})
# Typo tolerance for role words ("intrior", "spokesmn").
ROLE_WORD_MIN = 85.0
# (speaker, asked role) pairs whose spells are kept split in and out of the role.
ROLE_SPELL_CACHE = 4096
# Words too common to be read as a name even if a speaker is called that.
_NOT_NAMES = frozenset(
    """
    what who whom which when where why how did does do has have had say said says tell told
    about on the a an of for to in and or is was were are be been latest last recent new
    statement statements quote quotes comment comments spokesman minister ministry government
    army security police forces general major iraq iraqi baghdad news today week month year
    state states united people president prime
    """.split()
)


@dataclass(slots=True)
class RoleHit:
    """A directory role (or a body's own name) matching the question's role words."""

    speaker_id: int
    spell: RoleSpell | None  # None: the body itself matched by name
    coverage: float  # share of the question's role words found in the role
    precision: float  # share of the role's words that the question gave
    # Words of the role that the question did not give and that are not role nouns:
    # they name another body ("kurdistan region" in the Kurdistan Region's spokesman).
    qualifiers: frozenset[str] = frozenset()

    @property
    def score(self) -> float:
        return 100.0 * self.coverage * (0.75 + 0.25 * self.precision)


@dataclass(slots=True)
class NameHit:
    speaker_id: int
    score: float
    matched: str
    best_word: float  # how well the best single word matched (100: spelled exactly)


class SpeakerIndex:
    """Lookups from question words to directory speakers."""

    def __init__(self, speakers: Sequence[Speaker]) -> None:
        self.speakers = list(speakers)
        # Display name -> speaker id (the last of any namesakes).
        self.ids_by_name: dict[str, int] = {s.name: s.id for s in self.speakers}
        # name word -> [(speaker id, is surname)]
        self._name_words: dict[str, list[tuple[int, bool]]] = defaultdict(list)
        # Roles as matchable entries: (speaker id, spell index or -1 for a body's own
        # name, words); canonical role word -> entry numbers.
        self._role_entries: list[tuple[int, int, frozenset[str]]] = []
        self._role_words: dict[str, list[int]] = defaultdict(list)
        # (speaker id, spell index) -> all the words of that role
        self._role_sets: dict[tuple[int, int], frozenset[str]] = {}
        self._body_names: set[frozenset[str]] = set()
        # Questions name the same few roles again and again; a busy body has hundreds of spells.
        self.role_spells = lru_cache(maxsize=ROLE_SPELL_CACHE)(self._role_spells)
        for s in self.speakers:
            # An honorific describes the person as a role does: "the tribal sheikh".
            honorific = role_tokens(s.title) & HONORIFIC_ROLES if s.title else frozenset()
            if s.kind == "person":
                for spelling in {s.name, *s.spellings}:
                    parts = name_key(spelling).split()
                    for i, w in enumerate(parts):
                        entry = (s.id, i == len(parts) - 1)
                        if entry not in self._name_words[w]:
                            self._name_words[w].append(entry)
            # "Minister of Culture and spokesman for the government" is two roles; each
            # is matched on its own, so a question about either fits it exactly.
            roles: list[tuple[int, frozenset[str]]] = [
                (i, role_tokens(part) | honorific)
                for i, r in enumerate(s.roles)
                for part in _ROLE_PARTS.split(r.role)
                if part.strip()
            ]
            if s.kind == "body":
                roles.append((-1, role_tokens(s.name)))
                self._body_names.add(role_tokens(s.name))
            for idx, toks in roles:
                self._role_sets[(s.id, idx)] = self._role_sets.get((s.id, idx), frozenset()) | toks
                for t in toks:
                    self._role_words[t].append(len(self._role_entries))
                self._role_entries.append((s.id, idx, toks))
        self._name_vocab = list(self._name_words)
        # The same, split: name word -> speakers whose surname / first names use it.
        self._surname_words: dict[str, list[int]] = defaultdict(list)
        self._given_words: dict[str, set[int]] = defaultdict(set)
        for w, entries in self._name_words.items():
            for sid, is_surname in entries:
                if is_surname:
                    if sid not in self._surname_words[w]:
                        self._surname_words[w].append(sid)
                else:
                    self._given_words[w].add(sid)
        self._role_vocab = list(self._role_words)

    # -- names ---------------------------------------------------------------

    def _name_word_matches(self, word: str, exact_only: bool = False) -> list[tuple[str, float]]:
        """Directory name words close to a question word, with scores."""
        if word in self._name_words:
            return [(word, 100.0)]
        if len(word) < 4 or exact_only:
            return []
        found = process.extract(
            word, self._name_vocab, scorer=fuzz.ratio, score_cutoff=55.0, limit=25
        )
        out = []
        for cand, _, _ in found:
            s = same_name(word, cand)
            if s >= NAME_MATCH_MIN:
                out.append((cand, s))
        return out

    def match_names(self, words: Sequence[str], *, exact_only: bool = False) -> list[NameHit]:
        """Speakers whose names the question's words spell, best first.

        A surname identifies a person (score ~90); a first name with the surname
        scores higher.  A first name alone is never enough (it would score at most
        70, under any speaker threshold), so only speakers whose surname is among
        the words are returned: a common first name shared by thousands costs
        nothing.  `exact_only` skips the typo-tolerant scan (for words outside a
        speaker slot, which must be spelled as the archive does).
        """
        matches: list[tuple[str, list[tuple[str, float]]]] = []
        for w in words:
            key = name_key(w)
            if key and key not in _NOT_NAMES and len(key) >= 3:
                matches.append((w, self._name_word_matches(key, exact_only)))
        surname: dict[int, float] = {}
        best_word: dict[int, float] = {}
        matched_words: dict[int, list[str]] = defaultdict(list)
        for w, found in matches:
            for cand, s in found:
                for sid in self._surname_words.get(cand, ()):
                    best_word[sid] = max(best_word.get(sid, 0.0), s)
                    if s > surname.get(sid, 0.0):
                        surname[sid] = s
                        if w not in matched_words[sid]:
                            matched_words[sid].append(w)
        given: dict[int, float] = {}
        for w, found in matches:
            for cand, s in found:
                holders = self._given_words.get(cand)
                if not holders:
                    continue
                for sid in surname if len(surname) < len(holders) else holders:
                    if sid not in holders or sid not in surname:
                        continue
                    best_word[sid] = max(best_word[sid], s)
                    if s > given.get(sid, 0.0):
                        given[sid] = s
                        if w not in matched_words[sid]:
                            matched_words[sid].append(w)
        # A first name that fits some speaker rules out namesakes it does not fit:
        # "Omar Al-Jabri" is not his colleague Rana Al-Jabri.
        full = bool(given)
        position = {w: i for i, w in enumerate(words)}
        hits: list[NameHit] = []
        for sid, s in surname.items():
            if full and sid not in given:
                continue
            score = 0.9 * s + (0.1 * given[sid] if sid in given else 0.0)
            said = " ".join(sorted(matched_words[sid], key=position.__getitem__))
            hits.append(NameHit(sid, score, said, best_word[sid]))
        hits.sort(key=lambda h: (-h.score, -self.speakers[h.speaker_id].quote_count))
        return hits

    # -- roles ---------------------------------------------------------------

    def correct_role_word(self, word: str) -> str | None:
        """The directory role word a question word stands for (typos allowed)."""
        if word in self._role_words:
            return word
        if len(word) < 5:
            return None
        hit = process.extractOne(word, self._role_vocab, scorer=fuzz.ratio, score_cutoff=ROLE_WORD_MIN)
        return hit[0] if hit else None

    def match_role(self, role_words: set[str] | frozenset[str]) -> list[RoleHit]:
        """Roles (and bodies) containing the question's role words, best first."""
        if not role_words:
            return []
        # Every word must be in the role: start from the rarest word's roles.
        rarest = min(role_words, key=lambda w: len(self._role_words.get(w, ())))
        best: dict[tuple[int, int], RoleHit] = {}
        n = len(role_words)
        coverage = 1.0
        for entry in self._role_words.get(rarest, ()):
            sid, idx, toks = self._role_entries[entry]
            if not role_words <= toks:
                continue
            spell = self.speakers[sid].roles[idx] if idx >= 0 else None
            hit = RoleHit(sid, spell, coverage, n / max(len(toks), 1), frozenset(toks - role_words - ROLE_HEADS))
            if (sid, idx) not in best or best[(sid, idx)].score < hit.score:
                best[(sid, idx)] = hit
        hits = list(best.values())
        hits.sort(key=lambda h: (-h.score, -self.speakers[h.speaker_id].quote_count))
        return hits

    def _role_spells(
        self, speaker_id: int, role_words: frozenset[str]
    ) -> tuple[tuple[RoleSpell, ...], tuple[RoleSpell, ...]]:
        """A speaker's spells in the asked role, or in a less specific wording of it ("the
        ministry's spokesman" for "the interior ministry spokesman"), and the others."""
        spells = self.spell_words(speaker_id)
        matching = [words for _, words in spells if role_words <= words]
        wanted: list[RoleSpell] = []
        others: list[RoleSpell] = []
        for spell, words in spells:
            (wanted if any(words <= m for m in matching) else others).append(spell)
        return tuple(wanted), tuple(others)

    def spell_words(self, speaker_id: int) -> list[tuple[RoleSpell, frozenset[str]]]:
        """Each role a speaker held, with the words a question can name it by."""
        roles = self.speakers[speaker_id].roles
        return [(r, self._role_sets[(speaker_id, i)]) for i, r in enumerate(roles)]

    def is_body_name(self, words: set[str] | frozenset[str]) -> bool:
        """Whether the words are exactly some body's name ("security media cell")."""
        return frozenset(words) in self._body_names

    def is_role_word(self, word: str) -> bool:
        return word in self._role_words or word in ROLE_HEADS

    @cached_property
    def _suggestion_choices(self) -> tuple[list[str], list[str], dict[str, list[int]], list[str]]:
        """(text to match, label to show, word -> choices holding it, the words):
        every quoted speaker's name and latest roles."""
        texts: list[str] = []
        labels: list[str] = []
        for s in self.speakers:
            if s.quote_count <= 0:
                continue
            texts.append(s.name)
            labels.append(s.name)
            for r in s.roles[-2:]:
                texts.append(f"{r.role} ({s.name})")
                labels.append(f"{s.name}, {r.role}")
        by_word: dict[str, list[int]] = defaultdict(list)
        for i, t in enumerate(texts):
            for w in set(_WORDS.findall(t.lower())):
                by_word[w].append(i)
        return texts, labels, by_word, list(by_word)

    def suggestions(self, text: str, limit: int = 5) -> list[str]:
        """Known speakers and roles closest to some text, for "did you mean".

        Only choices sharing a word (typos allowed) with the text are scored, so the
        cost follows the question, not the size of the directory."""
        texts, labels, by_word, words = self._suggestion_choices
        asked = [w for w in set(_WORDS.findall(text.lower())) if w not in _FUNCTION_WORDS and len(w) > 2]
        if not texts or not asked:
            return []
        shortlist: set[int] = set()
        for w in asked:
            for close, _, _ in process.extract(w, words, scorer=fuzz.ratio, score_cutoff=75.0, limit=20):
                shortlist.update(by_word[close][:200])
        if not shortlist:
            # Nothing shares a word: fall back to the most quoted (the directory is
            # ordered most quoted first), still a bounded amount of work.
            shortlist = set(range(min(len(texts), SUGGESTION_FALLBACK)))
        ids = sorted(shortlist)
        found = process.extract(text, [texts[i] for i in ids], scorer=fuzz.WRatio, limit=limit * 2, score_cutoff=45.0)
        out: list[str] = []
        for _, _, j in found:
            label = labels[ids[j]]
            if label not in out:
                out.append(label)
        return out[:limit]


def held_on(spell: RoleSpell, day: date | None, slack_days: int = 366) -> bool:
    """Whether a role spell plausibly covers a day (seen dates widened by `slack_days`)."""
    if day is None or spell.first_seen is None or spell.last_seen is None:
        return True
    return (spell.first_seen - day).days <= slack_days and (day - spell.last_seen).days <= slack_days
