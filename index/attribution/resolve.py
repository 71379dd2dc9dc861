"""Who is who inside one article: people and bodies, and what each mention refers to.

`Registry` collects the people (with rank, role and organisation) and bodies
an article names, in reading order.  `Resolver` turns a subject mention into
one of them:

- a name -> the person with the fullest matching name ("Al-Muhanna" ->
  "Khaled Al-Muhanna", by `index.names.same_name`);
- a nominal role ("the spokesman", "the government spokesman", "the governor")
  -> the latest person seen holding a matching role;
- a nominal body ("the ministry", "the leadership", "the statement") -> the
  latest body of that kind (the body whose statement it is);
- a pronoun -> the latest person (he, she) or body (it) that spoke or was the
  subject of a reporting verb, or a person opening a later sentence as a possessor
  ("Lee's plan drew fire. He said ..."); gender (title, role word, given name) rules
  candidates out (a he / she resolved to someone is a guess, not their gender), and
  places, capitalised plurals seen only at a sentence start ("Bombs may ..."), words
  the article also writes in lower case ("You could ...") and datelines ("WASHINGTON")
  are no antecedents; subjects of relative clauses and of clauses inside another
  sentence are no he / she antecedents either ("..., adding that Ruiz ..."); an unnamed
  speaker whose role says whose it is ("A representative for Lee said ... He added") is
  the he / she after it; "it" may also be a one-word name that looks like a company
  ("Twitter": no given name, no title, never written after a given name) or an unnamed
  document that spoke ("the report says ... It also points out"), never a heading or a
  dateline in capitals ("FULL TEXT", "DES MOINES");
- a title's gender keeps two people of one surname apart ("Mrs. Clinton" is not
  "Bill Clinton"); a definite role with no matching holder goes to the only person
  of the article holding that head ("the Vermont senator" when one senator is named).

Nothing is guessed: a mention with no antecedent gives an unnamed speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import Literal

from rapidfuzz import fuzz, process

from index.attribution.layout import Layout
from index.attribution.mentions import (
    NOMINAL_BODIES,
    PREPOSITIONS,
    ROLE_HEADS,
    Chunk,
    ChunkIndex,
    Group,
    printed_role,
)
from index.models import MentionKind, SpeakerRef
from index.names import is_given_name, name_key, same_name, split_title
from index.names import name_gender as _name_gender_uncached

SAME_PERSON = 85.0
SAME_SURNAME = 90.0  # a surname alone must match more closely ("Francis" is not "Franco")
_MAX_FUZZY_SURNAMES = 300  # beyond this many surnames, only exact surnames are looked up
_SUBJECTS_BACK = 12  # how many latest subjects a pronoun looks back over
_RECENT = 80  # nominal and pronoun resolution look at this many latest people or bodies
_SMALL = frozenset({"of", "the", "for", "and", "in", "at", "to", "a", "an", "on", "from"})
_WORD = re.compile(r"[\w'’-]+")
# (a pure function of the name, asked again at every mention of a person with no gender)
name_gender = lru_cache(maxsize=16384)(_name_gender_uncached)


@dataclass(slots=True)
class Entity:
    """A person or body of the article (a person may be unnamed: name None)."""

    id: int
    kind: Literal["person", "body"]
    name: str | None
    title: str | None = None
    role: str | None = None
    organization: str | None = None
    heads: set[str] = field(default_factory=set)  # role heads seen ("spokesman")
    acronym: str | None = None
    positions: list[int] = field(default_factory=list)  # offsets of mentions outside quotes
    last_active: int = -1  # offset of the latest quote or reporting verb it was subject of
    headline: bool = False  # known only from the headline so far
    name_words: frozenset[str] | None = None  # a body's name words (cached)
    # "m" / "f" when the article shows it (title, role, pronoun); "n" for a one-word
    # name the article calls "it" ("Twitter")
    gender: str | None = None
    spoke: bool = False  # the subject of a quote or reporting verb somewhere in the article
    spoke_at: list[int] = field(default_factory=list)  # offsets where it spoke, sorted
    subject_at: list[int] = field(default_factory=list)  # offsets where it was a subject
    role_printed: str | None = None  # the role in the article's words ("Sen.", not "Senator")
    role_first: bool = False  # printed before the name ("Sen. Ted Cruz")
    party: str | None = None  # party and state printed after the name: "R-Tex."
    # the credit at the latest quote it was named at ("Mr. Frum"): what a "he said" after
    # it credits (see `Resolution.credit`)
    said_as: str | None = None

    def person_like(self) -> bool:
        """Does this look like a person a pronoun can refer to?  A capitalised word alone
        ("Republicans", "Mark") does not, unless it spoke or has a rank or role."""
        if self.kind != "person" or not self.name:
            return False
        if self.title or self.role:
            return True
        words = self.name.split()
        if self.name.lower() in _PLACES:
            return False  # "Florida is one of ...": a place, not a person
        if len(words) == 1 and (words[0].lower() in _GROUPS or words[0].endswith(
                ("ans", "ists", "crats", "ites", "ics", "ians", "’", "'"))):
            return False  # "Republicans", "Democrats", "Latinos": a group, not a person
        if self.spoke:
            return True
        return not any(len(x) > 1 and x.isupper() for x in words)

    def recency(self, pos: int) -> int:
        """Offset of the latest mention or activity before `pos` (-1 if none)."""
        k = bisect_left(self.positions, pos)
        last = self.positions[k - 1] if k else -1
        act = self.last_active if self.last_active < pos else -1
        return max(last, act)

    def credit(self) -> str | None:
        """The speaker as the article credits them: "Sen. Ted Cruz", "Saad Maan,
        spokesman for the Ministry of Interior", a body with the acronym the article
        gives it: "International Monetary Fund (IMF)"."""
        if not self.name or self.kind != "person":
            if self.acronym and self.name and self.acronym != self.name:
                return f"{self.name} ({self.acronym})"
            return self.name
        name = self.name
        if self.title and self.title not in _COURTESY_TITLES and not (
                self.role_first and self.role_printed):
            name = f"{self.title} {name}"  # a rank: "Major General Khaled Al-Muhanna"
        if self.party:
            name = f"{name} ({self.party})"  # "Ted Cruz (R-Tex.)"
        if not self.role_printed:
            return name
        if self.role_first:
            return f"{self.role_printed} {name}"
        return f"{name}, {self.role_printed}"

    def words(self) -> set[str]:
        text = " ".join(x for x in (self.name, self.role, self.organization) if x)
        return {w.lower() for w in _WORD.findall(text.replace("-", " "))}


# A party and state tag right after a name: "Ted Cruz (R-Tex.)", "Paul Dunne, R-Ohio,"
_PARTY_TAG = re.compile(r"(?:\s*\(|,\s*)([RDI]-[A-Z][A-Za-z.]{0,12}(?: [A-Z][A-Za-z.]{0,12})?)"
                        r"(?=\)|[,;:]|\s|$)")


def party_after(text: str, end: int) -> str | None:
    """The party tag printed right after offset `end` ("R-Tex."), if any."""
    m = _PARTY_TAG.match(text, end, end + 24)
    if m is None:
        return None
    tag = m.group(1)
    # "..., R-Ohio." ends a sentence with the state's full name; "R-Tex." is an abbreviation
    if text[m.start()] == "," and tag.count(".") == 1 and len(tag.split("-")[1]) > 4:
        return tag.removesuffix(".")
    return tag


def _add_sorted(values: list[int], v: int) -> None:
    """Insert v into the sorted list (appending in the common, in-order case)."""
    if not values or v >= values[-1]:
        values.append(v)
    else:
        insort(values, v)


@lru_cache(maxsize=4096)
def body_key(name: str) -> frozenset[str]:
    """Order-insensitive key of a body name ('Interior Ministry' == 'Ministry of Interior')."""
    return frozenset(w for w in _WORD.findall(name.lower().replace("-", " "))
                     if w not in _SMALL and w not in ("ministries",)) or frozenset({name.lower()})


@lru_cache(maxsize=4096)
def initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _SMALL]
    return "".join(w[0] for w in words if w[0].isupper())


class Registry:
    """The people and bodies of one article."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self.people: list[Entity] = []
        self.bodies: list[Entity] = []
        self._person_key: dict[str, Entity] = {}
        self._by_surname: dict[str, list[Entity]] = {}
        self._body_key: dict[frozenset[str], Entity] = {}
        self._no_match: set[str] = set()  # name keys that found nobody (cleared on new people)
        # query surname -> how many of the first surnames (in `_by_surname` order) are known
        # to be no fuzzy match of it (see `_fuzzy_may_match`)
        self._fuzzy_misses: dict[str, int] = {}
        # name keys that found exactly one person by surname, with no title (cleared likewise)
        self._only: dict[str, Entity] = {}
        self.inner_names: set[str] = set()  # one-word names seen capitalised mid-sentence
        # role heads of mentions naming nobody ("an aide", "the governor" alone) -> offset of
        # the first: "the aide said" may then be that unnamed person, not the latest name
        self.unnamed_heads: dict[str, int] = {}
        # offsets and names of every personal name written (in quotes too), in order
        self.name_starts: list[int] = []
        self.name_texts: list[tuple[str, bool]] = []  # (name, inside a quote)
        # people named as the possessor opening a sentence ("Trump's response was ...",
        # "Sanders's role is ..."): who the sentence is about, though no subject; offsets
        # (sorted) and the names (looked up when a pronoun needs them: a bare name is a
        # person only once it is resolved)
        self.possessor_at: list[int] = []
        self.possessors: list[str] = []
        self.text = ""  # the body (to see whether a capitalised word is also written lower-case)

    def names_between(self, a: int, b: int) -> list[tuple[str, bool]]:
        """The personal names written strictly between offsets a and b, each with
        whether it stands inside a quote."""
        k = bisect_right(self.name_starts, a)
        out = []
        while k < len(self.name_starts) and self.name_starts[k] < b:
            out.append(self.name_texts[k])
            k += 1
        return out

    # -- people ----------------------------------------------------------------
    def _forget(self) -> None:
        """A name was added or changed: earlier lookups by surname may now differ."""
        if self._no_match:
            self._no_match.clear()
        if self._only:
            self._only.clear()

    def find_person(self, name: str, pos: int = 1 << 60, *,
                    title: str | None = None) -> Entity | None:
        """The person a name denotes: exact key, then same surname, then a fuzzy surname.
        A title's gender rules out a person of the other ("Mrs. Clinton" is not "Bill
        Clinton")."""
        key = name_key(name)
        if not key:
            return None
        gender = _TITLE_GENDER.get(title) if title else None
        e = self._person_key.get(key)
        if e and not (gender and e.gender and e.gender != gender):
            return e
        if key in self._no_match:
            return None  # (nobody added since the last miss)
        e = self._only.get(key)
        if e is not None and not (gender and e.gender and e.gender != gender):
            return e  # (the one match of the last lookup; nobody added since)
        toks = key.split()
        cands = self._by_surname.get(toks[-1])
        if cands is None:
            if len(self._by_surname) > _MAX_FUZZY_SURNAMES:
                return None
            if not self._fuzzy_may_match(toks[-1]):
                self._no_match.add(key)
                return None
            found = process.extract(toks[-1], list(self._by_surname), scorer=fuzz.ratio,
                                    score_cutoff=60, limit=5)
            cands = [e for s, _, _ in found for e in self._by_surname[s]]
            if not cands:
                self._no_match.add(key)
                return None
        best: Entity | None = None
        best_score = 0.0
        matches = 0
        for cand in cands:
            if cand.name is None or gender and cand.gender and cand.gender != gender:
                continue
            score = same_name(name, cand.name)
            ck = name_key(cand.name).split()
            # a surname alone, on either side, must match closely ("Franco" is no "Francis")
            if score < (SAME_PERSON if len(toks) > 1 and len(ck) > 1 else SAME_SURNAME):
                continue
            if len(toks) > 1 and len(ck) > 1 and toks[0][:1] != ck[0][:1] and score < 95:
                continue
            # prefer the most recently mentioned among equally good matches
            matches += 1
            score += cand.recency(pos) / 1e12
            if score > best_score:
                best, best_score = cand, score
        if not gender:
            # with no gender to rule anyone out, the answer holds until a name is added
            # or changed (a title's gender could only rule out more); with one match,
            # recency has nothing to choose
            if best is None:
                self._no_match.add(key)
            elif matches == 1:
                self._only[key] = best
        return best

    def _fuzzy_may_match(self, surname: str) -> bool:
        """Can any surname of the article match `surname` closely enough (fuzz.ratio of 60,
        as in `find_person`)?  Most lookups find none; each surname is tried once per
        query word (surnames are only ever added, in order), so the ranked search runs
        only when one can match."""
        known = self._fuzzy_misses.get(surname, 0)
        n = len(self._by_surname)
        if known >= n:
            return False
        new = list(islice(self._by_surname, known, None)) if known else list(self._by_surname)
        if process.extractOne(surname, new, scorer=fuzz.ratio, score_cutoff=60) is not None:
            return True
        self._fuzzy_misses[surname] = n
        return False

    def add_person(self, name: str | None, *, title: str | None = None, pos: int = -1,
                   quoted: bool = False, headline: bool = False) -> Entity:
        """The person called `name` (created when new), with this mention recorded."""
        if name and ("\xa0" in name or "\u202f" in name):
            name = " ".join(name.split())  # "Elio\xa0Varga" is "Elio Varga"
        if name:
            # the common case, a spelling seen before: nothing to look up or index again
            # (a key maps to an entity whose name is at least as full, in its buckets)
            e = self._person_key.get(name_key(name))
            if e is not None and not (title and e.gender and title in _TITLE_GENDER
                                      and _TITLE_GENDER[title] != e.gender):
                if title:
                    if not e.title:
                        e.title = title
                    if not e.gender:
                        e.gender = _TITLE_GENDER.get(title)
                if not e.gender:
                    e.gender = name_gender(name)
                if pos >= 0 and not quoted:
                    _add_sorted(e.positions, pos)
                    e.headline = e.headline and headline
                return e
        e = self.find_person(name, pos, title=title) if name else None
        if e is None:
            e = Entity(len(self.entities), "person", name, headline=headline)
            self.entities.append(e)
            self.people.append(e)
        elif name and len(name_key(name).split()) > len(name_key(e.name or "").split()):
            e.name = name  # keep the fullest form of the name
            self._forget()
        if name:
            key = name_key(name)
            if key:
                if key not in self._person_key:
                    # a new key changes the lookups of that key only (other keys find the
                    # same candidates: `_forget` runs when a bucket or a name changes)
                    self._no_match.discard(key)
                    self._only.pop(key, None)
                self._person_key.setdefault(key, e)
                bucket = self._by_surname.setdefault(key.split()[-1], [])
                if e not in bucket:
                    bucket.append(e)
                    self._forget()  # (a new candidate for that surname)
        if title and not e.title:
            e.title = title
        if title and not e.gender:
            e.gender = _TITLE_GENDER.get(title)
        if name and not e.gender:
            e.gender = name_gender(name)
        if pos >= 0 and not quoted:
            _add_sorted(e.positions, pos)
            e.headline = e.headline and headline
        return e

    def set_role(self, e: Entity, role: str | None, org: str | None, head: str | None,
                 *, weak: bool = False, chunk: Chunk | None = None,
                 first: bool = False) -> None:
        """Record a role; a weak one ("a former commander of ...") never replaces a known role.

        `chunk` is the phrase the role was read from (for the role as printed), `first`
        says it stands before the name."""
        if head:
            e.heads.add(head)
        if role:
            # "widow", "spokeswoman" say more than a given name ("Terry"); "chairman" less
            g = _role_gender(role)
            if g == "f" and role.split()[0].lower() not in PREPOSITIONS or g and not e.gender:
                e.gender = g
        if not role or (weak and e.role):
            return
        if org is None and e.organization is not None and e.role:
            return  # "the ministry spokesman" adds nothing to "spokesman for the Ministry of X"
        e.role, e.organization = role, org
        e.role_printed = printed_role(chunk, role) if chunk is not None else role
        e.role_first = first

    # -- bodies ----------------------------------------------------------------
    def find_body(self, name: str) -> Entity | None:
        e = self._body_key.get(body_key(name))
        if e:
            return e
        stripped = name.strip()
        if stripped.isupper() and 2 <= len(stripped) <= 8:
            for b in reversed(self.bodies):
                if b.acronym == stripped or (b.name and initials(b.name) == stripped):
                    return b
        return None

    def add_body(self, name: str, *, acronym: str | None = None, pos: int = -1,
                 quoted: bool = False) -> Entity:
        e = self.find_body(name) or (self.find_body(acronym) if acronym else None)
        if e is None:
            e = Entity(len(self.entities), "body", name, acronym=acronym)
            self.entities.append(e)
            self.bodies.append(e)
            self._body_key[body_key(name)] = e
        if acronym and not e.acronym:
            e.acronym = acronym
        if pos >= 0 and not quoted:
            _add_sorted(e.positions, pos)
        return e

    def nominal_body(self, head: str, pos: int) -> Entity | None:
        """The latest body before `pos` that 'the <head>' can refer to."""
        kinds = NOMINAL_BODIES.get(head, (head,))
        best, best_at = None, -1
        for b in self.bodies[-_RECENT:]:
            if b.name is None:
                continue
            if b.name_words is None:
                b.name_words = body_key(b.name) | set(b.name.lower().split())
            if not any(k in b.name_words for k in kinds):
                continue
            at = b.recency(pos)
            if at > best_at:
                best, best_at = b, at
        return best

    def resolve_role_text(self, chunk: Chunk, pos: int) -> tuple[str | None, str | None]:
        """(role, organisation) of a role chunk, with 'the leadership' etc. spelled out."""
        role, org = chunk.role, chunk.org
        if role and chunk.nominal_org and chunk.nominal_span:
            body = self.nominal_body(chunk.nominal_org, pos)
            if body and body.name:
                a, b = chunk.nominal_span
                if chunk.possessive_body:
                    role = f"{(role[:a] + role[b:]).strip()} for the {body.name}"
                else:
                    role = role[:a] + "the " + body.name + role[b:]
                org = body.name
        return role, org

    def role_holder(self, chunk: Chunk, pos: int) -> Entity | None:
        """The latest person before `pos` whose role fits a nominal role phrase."""
        role, _ = self.resolve_role_text(chunk, pos)
        wanted = [w.lower() for w in _WORD.findall((role or "").replace("-", " "))]
        head = chunk.head
        mods = [w for w in wanted if w not in _SMALL and ROLE_HEADS.get(w) != head
                and w not in ("former", "official", "the")]
        second_wanted = bool(_SECOND_RANK.intersection(wanted))
        best, best_at = None, -1
        holders: list[Entity] = []  # everyone seen so far with this head
        for e in self.people[-_RECENT:]:
            if head not in e.heads:
                continue
            at = e.recency(pos)
            if at < 0 or not second_wanted and _SECOND_RANK & e.words():
                continue  # "the president" is not the vice president
            holders.append(e)
            if at <= best_at:
                continue
            words = e.words()
            acr = initials(e.organization) if e.organization else ""
            if all(_word_in(m, words) or (m.upper() == acr and acr) for m in mods):
                best, best_at = e, at
        if best is None and len(holders) == 1 and mods and all(
                w[:1].isupper() for w in _WORD.findall(chunk.text)[1:len(mods) + 1]):
            # "the Vermont senator" when the article has one senator: the modifiers are
            # what the article did not say about him (a state, a party)
            return holders[0]
        return best

    def latest(self, kind: str, pos: int, *, active_only: bool = False,
               gender: str | None = None, person_like: bool = False) -> Entity | None:
        """The person or body mentioned (or active) latest before pos."""
        pool = self.people if kind == "person" else self.bodies
        best, best_at = None, -1
        for e in pool[-_RECENT:]:
            if gender and e.gender and e.gender != gender or (kind == "person" and not e.name):
                continue
            if person_like and not e.person_like():
                continue
            at = (e.last_active if e.last_active < pos else -1) if active_only else e.recency(pos)
            if at > best_at:
                best, best_at = e, at
        return best


# Words that make a role another office than its head alone ("vice president").
_SECOND_RANK = frozenset({"vice", "deputy", "assistant", "lieutenant", "vice-president"})


def _word_in(word: str, words: set[str]) -> bool:
    if word in words:
        return True
    if word.endswith("'s") and word[:-2] in words:
        return True
    # "interior" ~ "interior", "ministry" ~ "ministries"
    return len(word) >= 5 and any(w[:5] == word[:5] for w in words)


@lru_cache(maxsize=4096)
def _content_words(text: str) -> frozenset[str]:
    """Lower-case words of a phrase, determiners and possessive 's aside."""
    return frozenset(w.removesuffix("'s").removesuffix("’s")
                     for w in _WORD.findall(text.lower()) if w not in _SMALL)


def _plain_mention(text: str) -> bool:
    """A mention fit to show as a credit: one line, no digits glued to words."""
    return "\n" not in text and not any(ch.isdigit() for ch in text[:1]) and len(text) <= 120


@dataclass(slots=True)
class Resolution:
    entity: Entity | None
    mention: str
    mention_kind: MentionKind
    confidence: float
    role: str | None = None  # for unnamed speakers: the role as the mention gives it
    organization: str | None = None
    kind: Literal["person", "body", "unknown"] = "unknown"
    # an unnamed single person introduced as such ("a spokesman", not "officials"; not
    # "the businessman", a second name of someone the resolution missed)
    one: bool = False
    # how the article writes the speaker at this mention when it says more or less than
    # the entity's usual credit ("Mr. Frum", "Kaine, a former party chairman"); see `credit`
    site: str | None = None

    def credit(self, e: Entity) -> str | None:
        """The speaker as the article credits them at this quote: the words of the
        mention that spoke when they are not the entity's full name ("Mr. Frum" for
        David Frum, "Kaine, a former party chairman"); a nominal or body mention that
        spoke keeps its own words next to whom it names ("Gov. Christie (the governor)").
        A pronoun or the full name gets the entity's credit ("Sen. Tim Kaine").  (PolNeAR
        annotates the source at the cue, so its words are what a reader is shown there.)"""
        full = e.credit()
        if self.mention_kind == "pronoun":
            return e.said_as or full
        if self.mention_kind in ("name", "surname"):
            e.said_as = self._named_credit(e, full)
            return e.said_as
        if self.mention_kind in ("nominal", "body") and full and self.mention and \
                _plain_mention(self.mention):
            said = _content_words(self.mention)
            if said and not said <= _content_words(full):
                return f"{full} ({' '.join(self.mention.split())})"
        return full

    def _named_credit(self, e: Entity, full: str | None) -> str | None:
        if self.site:  # (the entity's credit when it already says all the site says)
            if full and _content_words(self.site) <= _content_words(full):
                return full
            return " ".join(self.site.split())
        if self.mention and e.name and _plain_mention(self.mention) and (
                name_key(self.mention) != name_key(e.name)
                or full and not _content_words(self.mention) <= _content_words(full)):
            # "Okafor", "Mr. Brandt": not the full name; "Mrs. Lee" for "Secretary Lee"
            return " ".join(self.mention.split())
        return full

    def speaker(self) -> SpeakerRef:
        # (positional, in SpeakerRef's field order: name, role, organization, title, kind,
        # mention, mention_kind, confidence, credit; one per quote)
        e = self.entity
        if e is None:
            return SpeakerRef(None, self.role, self.organization, None, self.kind,
                              self.mention, self.mention_kind, self.confidence)
        if e.kind == "body":
            return SpeakerRef(e.name, None, e.name, None, "body", self.mention,
                              self.mention_kind, self.confidence, self.credit(e))
        return SpeakerRef(e.name, e.role, e.organization, e.title, "person", self.mention,
                          self.mention_kind, self.confidence, self.credit(e))


class Resolver:
    """Resolves subject mentions to entities, tracking who spoke last."""

    def __init__(self, registry: Registry, headline: Entity | None = None) -> None:
        self.reg = registry
        self.headline = headline
        self.last_person: Entity | None = None
        self.last_body: Entity | None = None
        self.last_body_speaker: Entity | None = None
        self.statement_owner: Entity | None = None
        # people who spoke or were the subject of a sentence, in reading order: the
        # antecedents of he / she
        self.subjects: list[Entity] = []
        self._common: dict[str, bool] = {}  # see `_common_word`
        # the latest unnamed single person who spoke ("A spokesman for Lee said ...") and
        # where: a he / she after it, with no named subject since, is that person
        self.unnamed: tuple[Resolution, int] | None = None
        # the latest one-word name read as a person that looks like a company or other
        # body ("Twitter"): an antecedent of "it" too
        self.things: list[Entity] = []  # the latest few such names (see `_thing_like`)
        self.document: tuple[Resolution, int] | None = None  # see `note_document`
        self._surnames: dict[str, bool] = {}  # see `_surname`

    def note(self, e: Entity | None, pos: int, *, spoke: bool = False,
             salient: bool = True) -> None:
        """Record that e spoke, or was the subject of a sentence or reporting verb, at pos.
        A subject that is not salient (of a relative clause, "Lee, who said ...", or of a
        clause inside another sentence, "..., adding that Ruiz said ...") spoke, but is
        no antecedent of a later he / she."""
        if e is None:
            return
        if spoke and e.kind == "body":
            self.last_body_speaker = e
        e.spoke = e.spoke or spoke
        if pos >= 0:
            _add_sorted(e.subject_at, pos)
            if spoke:
                _add_sorted(e.spoke_at, pos)
        e.last_active = max(e.last_active, pos)
        if e.kind == "person":
            if salient and e.person_like():
                self.last_person = e
                if not self.subjects or self.subjects[-1] is not e:
                    self.subjects.append(e)
            if salient and e.gender in (None, "n") and " " not in (e.name or " ") and \
                    not (e.title or e.role or e.heads):
                # ("Twitter said ... It added"); the full check waits for an "it"
                things = self.things
                if e in things:
                    things.remove(e)
                things.append(e)
                if len(things) > 4:
                    del things[0]
        elif spoke and not _caps_run(self.reg.text, e) or \
                not (_no_body_antecedent(e) or self._common_word(e) or _caps_run(self.reg.text, e)):
            self.last_body = e

    def note_document(self, res: Resolution, pos: int) -> None:
        """Record that an unnamed document spoke at pos ("the report says"): a later
        "it says" with nobody else since is that document."""
        if res.entity is None and res.role and \
                res.role.split()[-1].lower() in _DOCUMENTS:
            self.document = (res, pos)

    def note_unnamed(self, res: Resolution, pos: int) -> None:
        """Record that an unnamed single person ("a representative for Lee") spoke at pos."""
        if res.entity is None and res.one and res.role and \
                any(w in res.role for w in (" for ", " to ")):
            # (only one whose role says whose it is, "a spokesman for Lee": a bare "a
            # voter" or "one questioner" is often answered by the person written about)
            self.unnamed = (res, pos)

    def _unnamed_antecedent(self, pos: int, gender: str | None,
                            e: Entity | None) -> Resolution | None:
        """The latest unnamed speaker, when it spoke after e was last a subject and its
        role's gender fits ("A spokesman for Lee said ... He added": the spokesman)."""
        if self.unnamed is None:
            return None
        res, at = self.unnamed
        if at >= pos:
            return None
        if e is not None:
            k = bisect_left(e.subject_at, pos)
            if k and e.subject_at[k - 1] >= at:
                return None
        g = _role_gender(res.role or "")
        if gender and g and g != gender:
            return None
        return res

    def last_thing(self) -> Entity | None:
        """The latest one-word name noted as a subject that looks like a company or other
        body ("Twitter"): an antecedent of "it" too."""
        for e in reversed(self.things):
            if self._thing_like(e):
                return e
        return None

    def _thing_like(self, e: Entity) -> bool:
        """A one-word name with no rank, role or gender, not a known given name, not a
        place or a group, not a word also written in lower case: "Twitter", "Apple"."""
        name = e.name or ""
        if " " in name or e.title or e.role or e.gender not in (None, "n") or e.heads or \
                not name[:1].isupper():
            return False
        if name.isupper() or not e.person_like() or _caps_run(self.reg.text, e):
            return False
        if name not in self.reg.inner_names or _bare_plural(e, self.reg.inner_names):
            return False  # (seen only opening sentences: "Hours later", "Others say")
        return name_gender(name) is None and not self._common_word(e) and \
            not self._surname(name)

    def _surname(self, name: str) -> bool:
        """Is `name` written somewhere after a given name, an initial or a title ("Donald
        Trump", "Mr. Trump", "J. Trump")?  Then it is a person's surname, not a company."""
        known = self._surnames.get(name)
        if known is None:
            known = False
            text = self.reg.text
            k = text.find(" " + name)
            for _ in range(50):  # (str.find, no regex: the words before each mention)
                if k < 0:
                    break
                w = text[max(0, k - 20):k].rsplit(None, 1)[-1:] or [""]
                w0 = w[0]
                end = k + 1 + len(name)
                if (end >= len(text) or not text[end].isalnum()) and w0[:1].isupper() and (is_given_name(w0) or w0.rstrip(".").lower() in
                                         _PERSON_TITLES or len(w0) == 2 and w0[1] == "."):
                    known = True
                    break
                k = text.find(" " + name, k + 1)
            self._surnames[name] = known
        return known

    def antecedent(self, pos: int, gender: str | None) -> Entity | None:
        """The latest named subject a he / she at `pos` can refer to (gender permitting),
        else the latest person mentioned."""
        for e in reversed(self.subjects[-_SUBJECTS_BACK:]):
            if (not gender or not e.gender or e.gender == gender) and \
                    not _bare_plural(e, self.reg.inner_names) and not self._common_word(e):
                k = bisect_left(e.subject_at, pos)
                after = e.subject_at[k - 1] if k else -1
                if self.reg.possessor_at:
                    p = self._possessor(pos, gender, after)
                    if p is not None:
                        return p
                return e
        return self.reg.latest("person", pos, gender=gender, person_like=True)

    def _common_word(self, e: Entity) -> bool:
        """A one-word name that the article also writes in lower case ("You could ...",
        the heading "FULL TEXT"), never spoke and has no rank, role or gender: a word, not
        a person or body a pronoun refers to.  (One search of the body per such word.)"""
        name = e.name or ""
        if " " in name or e.title or e.role or e.gender or e.spoke:
            return False
        known = self._common.get(name)
        if known is None:
            known = _written_lower(self.reg.text, name.lower())
            self._common[name] = known
        return known

    def _possessor(self, pos: int, gender: str | None, after: int) -> Entity | None:
        """The latest person opening a sentence as a possessor between `after` and `pos`
        whose gender fits ("Trump's plan drew fire. He said ...")."""
        at, ps = self.reg.possessor_at, self.reg.possessors
        k = bisect_left(at, pos)
        while k > 0 and at[k - 1] > after:
            k -= 1
            e = self.reg.find_person(ps[k], at[k])
            if e is not None and (not gender or not e.gender or e.gender == gender) and \
                    e.person_like():
                return e
        return None

    def group_from_text(self, label: str, pos: int) -> Resolution | None:
        """A speaker label's person ("Wallace" -> "Chris Wallace"), a new one if unknown."""
        _, rest = split_title(label)
        if not rest or not rest[0].isupper():
            return None
        e = self.reg.find_person(label, pos) or self.reg.add_person(label, pos=pos)
        self.note(e, pos, spoke=True)
        return Resolution(e, label, "name", 0.9)

    def group(self, g: Group, pos: int, *, inner_of: Entity | None = None) -> Resolution | None:
        """Resolve a subject group; `inner_of` is the outer speaker for a nested quote."""
        # (each kind looked up only when the ones before it are absent)
        person = g.of_kind("person", "name")
        if person is not None and not (person.kind == "name" and person.head == "place"):
            return self._person(person, g.of_kind("role"), pos)
        body = g.of_kind("body")
        if body is not None:
            return self._body(body, pos)
        role = g.of_kind("role")
        if role is not None:
            return self._role(role, pos)
        pronoun = g.of_kind("pronoun")
        if pronoun is not None:
            return self._pronoun(pronoun, pos, inner_of)
        if person is not None:  # a place used as a speaker
            e = self.reg.add_body(person.name or person.text, pos=pos)
            return Resolution(e, person.text, "body", 0.7)
        return None

    def _person(self, person: Chunk, role: Chunk | None, pos: int) -> Resolution:
        name = person.name or person.text
        before = self.reg.find_person(name, pos, title=person.title)
        e = self.reg.add_person(name, title=person.title, pos=-1)
        if person.role:  # "Prime Minister Mustafa Al-Kadhimi"
            r, o = self.reg.resolve_role_text(person, pos)
            self.reg.set_role(e, r, o or _minister_org(person), person.head, chunk=person,
                              first=True)
        if role is not None:
            r, o = self.reg.resolve_role_text(role, pos)
            self.reg.set_role(e, r, o or _minister_org(role), role.head,
                              weak=role.former or not role.definite, chunk=role,
                              first=role.last == person.first)
        full = before is None or name_key(name) == name_key(e.name or "")
        kind: MentionKind = "name" if full or person.title else "surname"
        return Resolution(e, person.text, kind, 0.95 if kind == "name" else 0.9,
                          site=self._site(person, role))

    def _site(self, person: Chunk, role: Chunk | None) -> str | None:
        """The name with the role the article gives it at this mention, in its words
        ("Kaine, a former party chairman", "the spokesman, Ali Saad")."""
        text = self.reg.text
        party = party_after(text, person.end)
        if role is None:
            return f"{person.text} ({party})" if party else None
        a, b = min(person.start, role.start), max(person.end, role.end)
        words = text[a:b].strip(" ,")
        if b - a > 160 or "\n" in words or not words:
            return None
        if party and role.start > person.end:  # "Rep. Paul Dunne, R-Ohio, a lawyer"
            words = f"{text[a:person.end]} ({party}), {text[role.start:b].strip(' ,')}"
        return words

    def _body(self, body: Chunk, pos: int) -> Resolution:
        if body.nominal:
            if body.head == "statement":
                if body.issuer is not None:
                    inner = self.group(Group([body.issuer]), pos)
                    if inner and inner.entity:
                        return Resolution(inner.entity, body.text, "body", 0.85)
                e = self.statement_owner or self.last_body
                if e is not None:
                    return Resolution(e, body.text, "body", 0.8)
                return Resolution(None, body.text, "unknown", 0.1, kind="body")
            if body.owner is not None:
                holder = self.reg.role_holder(body.owner, pos)
                if holder is not None:
                    label = holder.role or holder.name or ""
                    e = self.reg.add_body(f"{body.name} of the {label}", pos=-1)
                    e.organization = holder.organization
                    return Resolution(e, body.text, "body", 0.75)
            if body.name and any(x[:1].isupper() for x in body.name.split()[:-1]):
                # "the Lena Dunne campaign": the name says whose, not the latest campaign
                e = self.reg.add_body(body.name, pos=-1)
                return Resolution(e, body.text, "body", 0.85)
            e = self.reg.nominal_body(body.head or "", pos)
            if e is not None:
                return Resolution(e, body.text, "body", 0.85)
            if body.generic and body.name and " " in body.name:
                # "the rights group" named nowhere: an unnamed body described by its words
                return Resolution(None, body.text, "nominal", 0.3, role=body.name, kind="body")
            return Resolution(None, body.text, "unknown", 0.1, organization=None, kind="body")
        e = self.reg.add_body(body.name or body.text, acronym=body.acronym, pos=-1)
        return Resolution(e, body.text, "body", 0.9)

    def _role(self, role: Chunk, pos: int) -> Resolution:
        text, org = self.reg.resolve_role_text(role, pos)
        if role.definite and not role.plural:
            e = self.reg.role_holder(role, pos)
            if e is not None:
                return Resolution(e, role.text, "nominal", 0.8)
            h = self.headline
            if h is not None and role.head in h.heads:
                return Resolution(h, role.text, "headline", 0.6)
            e = self.described(role, pos)
            if e is not None:
                self.reg.set_role(e, text, org or _minister_org(role), role.head, weak=True,
                                  chunk=role)
                return Resolution(e, role.text, "nominal", 0.7)
        # an unnamed speaker: "a security source", "officials"
        return Resolution(None, role.text, "nominal", 0.3, role=text,
                          organization=org or _minister_org(role), kind="person",
                          one=not role.plural and role.head is not None
                          and role.text.split(" ", 1)[0].lower() in ("a", "an", "one"))

    def described(self, role: Chunk, pos: int) -> Entity | None:
        """The person a definite description refers back to when nobody in the article
        holds its role: "Donald Trump says ... The Republican presidential nominee noted"
        (a reporter's second name for the person the text is about).  Only the latest
        subject, when no other person was mentioned since, it was mentioned in the last
        few sentences, has no role of its own yet, and the description's head names the
        kind of person written about this way (an office, a candidate, a profession; not
        "the aide" or "the source", who are someone else), mentioned nowhere before
        without a name ("an aide said ... the aide added" is that unnamed aide)."""
        head = role.head
        if not head or head not in _DESCRIPTION_HEADS or role.plural or \
                role.text[:4].lower() != "the " or len((role.role or "").split()) > 6:
            return None  # (not "his physician": someone of his)
        first = self.reg.unnamed_heads.get(head)
        if first is not None and first < role.start:
            return None
        if not self.subjects:
            return None
        e = self.subjects[-1]
        # a person by its gender (rank, given name, a pronoun seen), with no role known
        if e.heads or e.role or e.name is None or e.gender is None:
            return None
        at = e.recency(pos)
        if at < 0 or pos - at > _DESCRIPTION_SPAN:
            return None
        if self.reg.latest("person", pos, person_like=True) is not e:
            return None  # someone else was mentioned since: "the governor" may be them
        for name, quoted in self.reg.names_between(at, role.start):
            other = self.reg.find_person(name, pos)
            if other is not e and (other is not None or not quoted):
                return None  # another name since ("..., Ben Carson said."), known or not
                # (a capital opening a quote, "“Bread is ...”", is no name on its own)
        g = _role_gender(role.role or "")
        if g and g != e.gender:
            return None
        return e

    def _pronoun(self, p: Chunk, pos: int, inner_of: Entity | None) -> Resolution:
        word = (p.name or p.text).lower()  # ("He's" -> "he")
        if word == "i" and inner_of is not None:
            return Resolution(inner_of, p.text, "pronoun", 0.8)
        if word == "i":
            # "I" outside a quote is the writer of the article: nobody the article names
            return Resolution(None, p.text, "unknown", 0.1)
        if p.head == "person":
            gender = {"he": "m", "she": "f"}.get(word)
            e = self.antecedent(pos, gender)
            u = self._unnamed_antecedent(pos, gender, e)
            if u is not None:
                return Resolution(None, p.text, "pronoun", 0.6, role=u.role,
                                  organization=u.organization, kind="person", one=True)
            if e is not None and e.name is not None:
                return Resolution(e, p.text, "pronoun", 0.8)
            if self.headline is not None and self.headline.kind == "person":
                return Resolution(self.headline, p.text, "headline", 0.6)
            return Resolution(None, p.text, "unknown", 0.1)
        # "it" is the latest body; "they" / "we" only a body that has spoken
        e = self.last_body if word == "it" else self.last_body_speaker
        t = self.last_thing() if word == "it" else None
        if t is not None and (
                e is None or t.last_active > e.last_active) and 0 <= t.last_active <= pos:
            e = t
            t.gender = "n"  # (what the article calls "it" is no later he / she)
        d = self.document if word == "it" else None
        if d is not None and d[1] <= pos and (e is None or e.last_active < d[1]):
            return Resolution(None, p.text, "pronoun", 0.5, role=d[0].role, kind="unknown")
        if e is None and word == "it":
            e = self.reg.latest("body", pos, active_only=True)
            if e is not None and (_caps_run(self.reg.text, e) or not e.spoke and (
                    _no_body_antecedent(e) or self._common_word(e))):
                e = None  # a dateline ("LISBON —") or a heading ("FULL TEXT") is nobody's "it"
        if e is not None:
            return Resolution(e, p.text, "pronoun", 0.7)
        return Resolution(None, p.text, "unknown", 0.1)


# How far (characters) a description may stand from the latest mention of its person.
_DESCRIPTION_SPAN = 600
# Heads of the descriptions reporters use as a second name for the person they write
# about ("the Republican nominee", "the billionaire", "the Vermont senator").  Roles that
# are usually someone else's (aide, spokesman, source, lawyer) are left out.
_DESCRIPTION_HEADS = frozenset("""
    president president-elect vice-president candidate nominee senator governor
    governor-elect mayor congressman congresswoman representative lawmaker legislator
    minister premier chancellor king queen prince emir sultan pope monarch ruler
    secretary secretary-general chairman chairwoman chair chairperson leader ceo
    executive founder owner judge ambassador envoy diplomat businessman businesswoman
    entrepreneur developer investor billionaire mogul tycoon magnate actor actress singer
    star host anchor author writer columnist commentator economist scholar professor
    historian scientist physicist physician doctor neurosurgeon surgeon pastor rabbi
    priest cleric imam bishop cardinal commander sheriff prosecutor front-runner
    frontrunner hopeful contender incumbent challenger activist strategist pollster
    speaker comedian rapper musician politician radioman broadcaster pundit
    commissioner director superintendent
""".split())
# Capitalised plurals that name groups of people, never one person.
_GROUPS = frozenset("""
    latinos hispanics muslims christians jews kurds sunnis shiites iraqis israelis liberals
    conservatives progressives evangelicals catholics protestants blacks whites millennials
    democrats republicans independents libertarians
""".split())
# Places and indefinite pronouns that open sentences like a name ("Florida is ...",
# "Everyone knows ..."): never the antecedent of he / she.
_PLACES = frozenset("""
    alabama alaska arizona arkansas california colorado connecticut delaware florida
    georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland
    massachusetts michigan minnesota mississippi missouri montana nebraska nevada
    ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia wisconsin
    wyoming america europe africa asia canada mexico cuba brazil argentina venezuela
    colombia britain england scotland ireland france germany italy spain greece poland
    ukraine russia china japan korea india pakistan afghanistan iran iraq syria israel
    egypt libya turkey lebanon jordan yemen nigeria washington moscow beijing london
    paris berlin chicago boston atlanta philadelphia cleveland detroit miami houston
    dallas denver seattle manhattan brooklyn everyone everybody nobody somebody someone
    anyone anybody
""".split()) | frozenset({"new york", "new jersey", "new hampshire", "new mexico",
                          "north carolina", "south carolina", "north dakota", "south dakota",
                          "west virginia", "rhode island", "los angeles", "san francisco",
                          "las vegas", "north korea", "south korea", "saudi arabia"})
# Heads of unnamed documents that speak ("the report says"): an "it" after them.
_DOCUMENTS = frozenset("""
    report statement letter ad advertisement email e-mail memo study survey lawsuit
    complaint affidavit filing ruling post message document post release
""".split())
# Words before a surname that make it a person's ("Mr. Lee", "Senator Lee").
_PERSON_TITLES = frozenset("""
    mr mrs ms miss dr sen rep gov senator governor president secretary judge justice
    mayor gen col sgt lt capt prof rev representative congressman congresswoman
""".split())
_COURTESY_TITLES = frozenset({"Mr.", "Mrs.", "Ms.", "Miss", "Mx."})
_TITLE_GENDER = {"Mr.": "m", "Mrs.": "f", "Ms.": "f", "Sheikh": "m", "Sayyid": "m",
                 "Sir": "m", "Ayatollah": "m", "Grand Ayatollah": "m"}
_FEMININE = frozenset({"spokeswoman", "chairwoman", "congresswoman", "businesswoman",
                       "queen", "princess", "empress", "duchess", "actress", "mother",
                       "wife", "sister", "daughter", "woman", "girl", "widow"})
_MASCULINE = frozenset({"spokesman", "chairman", "congressman", "businessman", "king",
                        "prince", "emir", "sultan", "emperor", "duke", "father", "husband",
                        "brother", "son", "man", "boy", "widower"})


def _bare_plural(e: Entity, inner: set[str]) -> bool:
    """A capitalised plural alone, only ever opening a sentence, that never spoke and has
    no rank, role or gender ("Bombs may not be falling"): no he / she refers to it."""
    name = e.name or ""
    return " " not in name and name.endswith("s") and not name.endswith("ss") and \
        not (e.title or e.role or e.gender or e.spoke) and name not in inner


def _written_lower(text: str, word: str) -> bool:
    """Does `word` (lower case) stand in `text` as a whole word?  (str.find, no regex:
    asked once per one-word name that a pronoun may refer to)."""
    n = len(word)
    if not n or word == word.upper():
        return False  # (nothing to tell apart: "1990")
    k = text.find(word)
    while k >= 0:
        before = text[k - 1] if k else " "
        after = text[k + n] if k + n < len(text) else " "
        if not (before.isalnum() or before in "'’-" or after.isalnum() or after in "'’-"):
            return True
        k = text.find(word, k + 1)
    return False


def _no_body_antecedent(e: Entity) -> bool:
    """A body no later "it" refers to unless it spoke: a dateline or a word in capitals
    ("WASHINGTON", "FULL"), a place."""
    name = e.name or ""
    return name.isupper() and len(name) > 4 or name.lower() in _PLACES


def _caps_run(text: str, e: Entity) -> bool:
    """Is e's first mention one capitalised word of a run of them: a heading or a
    dateline ("FULL TEXT", "DES MOINES, Iowa")?"""
    name = e.name or ""
    if not e.positions or not name.isupper():
        return False
    a = e.positions[0]
    b = a + len(name)
    after = text[b:b + 30].split(None, 1)
    before = text[max(0, a - 30):a].rsplit(None, 1)
    return any(w[:1].isalpha() and w.strip(".,:;—-").isupper() and len(w.strip(".,:;—-")) > 1
               for w in (after[0] if after else "", before[-1] if before else ""))


def _role_gender(role: str) -> str | None:
    words = set(role.lower().split())
    if words & _FEMININE:
        return "f"
    if words & _MASCULINE:
        return "m"
    return None


def _minister_org(role: Chunk) -> str | None:
    """'Minister of Interior' -> 'Ministry of Interior' when the article gives no body."""
    r = role.role
    if not r or "Minister of" not in r:
        return None  # (the common case: no regex run at all)
    m = _MINISTER_OF.match(r)
    return f"Ministry of {m.group(1)}" if m else None


_MINISTER_OF = re.compile(
    r"(?:\w+\s+)*?Minister of (?:the )?([A-Z][\w-]*(?: (?:and )?[A-Z][\w-]*)*)$")


_OPENERS = frozenset({"and", "but", "so", "yet", "still", "instead", "meanwhile", "now"})


def _opens_sentence(lay: Layout, t: int) -> bool:
    """Does token t open its sentence (after at most a conjunction: "But Trump's ...")?"""
    sent = lay.sent
    if t == 0 or sent[t - 1] != sent[t]:
        return True
    return lay.lower[t - 1] in _OPENERS and (t == 1 or sent[t - 2] != sent[t])


def build_registry(index: ChunkIndex) -> Registry:
    """Register every named person (with rank and role) and body, in reading order."""
    reg = Registry()
    reg.text = index.lay.text
    covered = -1
    sent = index.lay.sent
    words = index.lay.words
    nw = len(words)
    name_starts, name_texts = reg.name_starts, reg.name_texts
    for c in index.chunks:
        kind = c.kind
        if kind == "name" or kind == "person":
            name = c.name
            if name:
                if kind == "name" and c.first and sent[c.first - 1] == sent[c.first]:
                    reg.inner_names.add(name)
                if c.head != "place":
                    name_starts.append(c.start)
                    name_texts.append((name, c.quoted))
            if c.first < covered:
                continue
            if c.last >= nw or words[c.last] != ",":
                # a name with no appositive after it (the common case): its own group
                covered = c.last
                for b in c.inner:
                    reg.add_body(b.name or b.text, acronym=b.acronym, pos=b.start,
                                 quoted=b.quoted)
                if c.head == "place":
                    continue
                if c.possessive and name and not c.quoted and _opens_sentence(index.lay, c.first):
                    reg.possessor_at.append(c.start)
                    reg.possessors.append(name)
                if kind == "person":
                    e = reg.add_person(name, title=c.title, pos=c.start, quoted=c.quoted)
                    if e.party is None and not c.quoted:
                        e.party = party_after(reg.text, c.end)
                    if c.role:
                        text, org = reg.resolve_role_text(c, c.start)
                        reg.set_role(e, text, org or _minister_org(c), c.head,
                                     weak=c.former or not c.definite, chunk=c, first=True)
                elif not c.quoted and name:
                    known = reg.find_person(name, c.start)
                    if known is not None:
                        _add_sorted(known.positions, c.start)
                continue
        if c.first < covered:
            continue
        g = index.group_forward(c)
        covered = g.last
        for ch in g.chunks:
            for b in ch.inner:
                reg.add_body(b.name or b.text, acronym=b.acronym, pos=b.start, quoted=b.quoted)
            if ch.kind == "body" and not ch.nominal and ch.head != "place" and ch.name:
                reg.add_body(ch.name, acronym=ch.acronym, pos=ch.start, quoted=ch.quoted)
            if ch.kind == "role" and ch.org and not ch.inner:
                reg.add_body(ch.org, pos=ch.start, quoted=ch.quoted)
        if len(g.chunks) == 1:  # (the common case, without two scans of the group)
            person = c if kind == "person" or kind == "name" else None
            role = c if kind == "role" else None
        else:
            person = g.of_kind("person", "name")
            role = g.of_kind("role")
        if person is None and role is not None and role.head and not role.quoted:
            reg.unnamed_heads.setdefault(role.head, role.start)
        if person is None or person.head == "place":
            continue
        if person.kind == "person" or role is not None:
            e = reg.add_person(person.name, title=person.title, pos=g.start, quoted=c.quoted)
            if e.party is None and not c.quoted:
                e.party = party_after(reg.text, person.end)
            for r in (person, role):
                if r is not None and r.role:
                    text, org = reg.resolve_role_text(r, g.start)
                    reg.set_role(e, text, org or _minister_org(r), r.head,
                                 weak=r.former or not r.definite, chunk=r,
                                 first=r is person or r.last == person.first)
        elif not c.quoted and person.name:
            known = reg.find_person(person.name, person.start)
            if known is not None:
                _add_sorted(known.positions, person.start)
    return reg
