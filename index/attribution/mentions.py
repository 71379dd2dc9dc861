"""Mentions of people and bodies: names with ranks, role phrases, bodies, pronouns.

`find_chunks` scans the tokens once, left to right, and cuts out the noun
phrases that can name a speaker:

- person:  a rank or honorific and a name ("Major General Khaled Al-Muhanna"),
           or an office and a name ("Prime Minister Mustafa Al-Kadhimi", "Sen. Tim Kaine");
- role:    a role phrase ("the spokesman for the Ministry of Interior",
           "a tribal elder from the Al-Baghdadi area", "the government spokesman");
- body:    an organisation ("the Joint Operations Command", "INA"), a nominal
           one ("the ministry", "the leadership", "the statement") or a place
           used for its government ("Baghdad");
- name:    a capitalised name with no rank ("Al-Muhanna", "Sabah al-Numan");
- pronoun: he, she, it, they, we, I.

`Group` joins appositives ("the spokesman for the leadership, Major General
Tahsin Al-Khafaji,"), and `subject_before` / `subject_after` find the group
that is the subject of a reporting cue.  All scans are bounded, so the whole
pass stays linear in the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import filterfalse
from typing import Literal

from index.attribution.cues import CUE_WORDS
from index.attribution.layout import Layout, register_words
from index.names import (
    AMBIGUOUS_TITLES,
    SURNAME_PARTICLES,
    TITLE_FIRST_WORDS,
    is_given_name,
    match_title,
)


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of a lexicon written as one string."""
    return frozenset(text.split())


ChunkKind = Literal["person", "role", "body", "name", "pronoun"]

PRONOUNS = {"he": "person", "she": "person", "i": "person", "it": "body",
            "they": "plural", "we": "plural"}
# "He's claiming", "she’d said": he / she with a contracted auxiliary, as written.
PRONOUN_CONTRACTIONS = {f"{p}{a}{x}": p for p in ("he", "she") for a in ("'", "’")
                        for x in ("s", "d", "ll")} | {
    f"{p}{a}{x}": p for p in ("i", "we", "they") for a in ("'", "’")
    for x in ("ve", "d", "ll", "m" if p == "i" else "re")}  # "I've", "We're": never a name
DEFINITE = frozenset({"the", "this", "his", "her", "its", "their", "our"})
INDEFINITE = frozenset({"a", "an", "another", "one"})

# Role head words (lower case) -> normalised head.
ROLE_HEADS: dict[str, str] = {
    **{w: "spokesman" for w in ("spokesman", "spokeswoman", "spokesperson", "spokesmen",
                                "spokespeople", "spokespersons", "spokeswomen")},
    **{w: w for w in (
        "minister", "governor", "director", "chief", "commander", "president", "chairman",
        "chairwoman", "chair", "leader", "elder", "official", "ambassador", "mayor", "deputy",
        "member", "source", "envoy", "correspondent", "officer", "expert", "analyst", "aide",
        "manager", "judge", "prosecutor", "candidate", "nominee", "senator", "representative",
        "congressman", "congresswoman", "lawmaker", "mp", "speaker", "secretary",
        "undersecretary", "coordinator", "negotiator", "mediator", "resident", "witness",
        "eyewitness", "activist", "researcher", "engineer", "physician", "doctor", "nurse",
        "worker", "employee", "farmer", "student", "journalist", "reporter", "inspector",
        "superintendent", "administrator", "executive", "ceo", "founder", "owner", "premier",
        "chancellor", "king", "queen", "prince", "emir", "sultan", "pope", "cleric", "imam",
        "mufti", "cardinal", "bishop", "mukhtar", "head", "adviser", "secretary-general",
        "commander-in-chief", "trustee", "attorney", "governor-general",
        "vice-president", "director-general", "mp", "legislator", "diplomat", "inspector-general",
        "strategist", "consultant", "surrogate", "pollster", "operative", "organizer",
        "organiser", "volunteer", "supporter", "voter", "economist", "scholar", "fellow",
        "lawyer", "historian", "author", "writer", "editor", "columnist", "host", "anchor",
        "commentator", "pastor", "priest", "rabbi", "sheriff", "detective", "agent", "trooper",
        "teacher", "principal", "parent", "professor", "delegate", "councilman",
        "councilwoman", "councillor", "councilor", "commissioner", "treasurer", "auditor",
        "regulator", "investor", "banker", "trader", "partner", "chairperson", "governor-elect",
        "president-elect", "ruler", "monarch", "defendant", "plaintiff", "victim", "survivor",
        "protester", "demonstrator", "negotiator", "specialist", "scientist", "physicist",
        "spokesperson", "rapporteur", "moderator", "businessman", "businesswoman",
        "entrepreneur", "developer", "executive", "president", "nominee",
    )},
    "advisor": "adviser", "officials": "official", "sources": "source", "experts": "expert",
    "analysts": "analyst", "residents": "resident", "witnesses": "witness",
    "lawmakers": "lawmaker", "elders": "elder", "leaders": "leader", "members": "member",
    "officers": "officer", "aides": "aide", "diplomats": "diplomat", "voters": "voter",
    "supporters": "supporter", "protesters": "protester", "economists": "economist",
    "lawyers": "lawyer", "strategists": "strategist", "volunteers": "volunteer",
    "parents": "parent", "teachers": "teacher", "investors": "investor", "scientists": "scientist",
}
_PLURAL_HEADS = frozenset({"voters", "supporters", "protesters", "economists", "lawyers",
                           "strategists", "volunteers", "parents", "teachers", "investors",
                           "scientists",
                           "officials", "sources", "experts", "analysts", "residents",
                           "witnesses", "lawmakers", "elders", "leaders", "members", "officers",
                           "aides", "diplomats", "spokesmen", "spokespeople", "spokeswomen",
                           "spokespersons"})
# Abbreviated offices before a name: "Sen. Tim Kaine".
OFFICE_ABBREVIATIONS = {"sen": "Senator", "rep": "Representative", "gov": "Governor",
                        "pres": "President", "amb": "Ambassador", "sec": "Secretary"}


def printed_role(chunk: Chunk, role: str | None) -> str | None:
    """`role` as the article prints it: "Sen." where the parse spelled out "Senator"
    (so a credit line quotes the article, not our expansion)."""
    if not role or "." not in chunk.text:
        return role
    for abbr, full in OFFICE_ABBREVIATIONS.items():
        printed = abbr.capitalize() + "."
        if full in role and printed in chunk.text:
            role = role.replace(full, printed, 1)
    return role


_MULTI_HEADS: dict[tuple[str, ...], str] = {
    ("commander", "in", "chief"): "commander-in-chief",
    ("secretary", "general"): "secretary-general",
    ("attorney", "general"): "attorney general",
    ("director", "general"): "director-general",
    ("chief", "of", "staff"): "chief of staff",
}
ROLE_MODIFIERS = word_set("""
    official former deputy acting senior top chief tribal local regional federal provincial
    interim new military security government ministry interior foreign health oil defense
    defence finance police army party campaign presidential media press political religious
    legal economic state national general executive assistant associate vice first second
    third prime joint opposition ruling electoral technical spiritual supreme civil
    diplomatic intelligence justice education electricity transport trade planning culture
    municipal district city county border customs anonymous unnamed senior-level high-ranking
    informed knowledgeable medical hospital health-ministry white house republican democratic
    democrat kurdish iraqi american u.s. british iranian turkish syrian russian chinese
    european western arab israeli palestinian sunni shiite shia christian veteran retired
    outgoing incoming caretaker elected appointed communications
""")
FORMER = frozenset({"former", "outgoing", "retired", "ex"})
# Role heads that also modify a later head of the same office ("Deputy Defense Secretary").
_MODIFIER_HEADS = frozenset({"deputy", "chief", "assistant", "associate"})

# Organisation head words: a capitalised sequence holding one of them is a body.
ORG_HEADS = word_set("""
    ministry ministries command service cell directorate government council agency company
    committee commission office department authority police army forces force party
    campaign court parliament senate house congress university bank organization
    organisation union association group center centre institute administration embassy
    mission coalition mobilization mobilisation headquarters leadership bureau board network
    foundation fund assembly front movement alliance bloc guard corps unit brigade division
    regiment secretariat presidency cabinet team federation tribunal prosecution judiciary
    nations operations commandment inc corp ltd hospital
    times post journal tribune herald globe gazette examiner telegraph guardian chronicle
    inquirer magazine newspaper
""")
# Lower-case heads of nominal bodies ("the ministry said") and what they may refer to.
NOMINAL_BODIES: dict[str, tuple[str, ...]] = {
    "ministry": ("ministry", "ministries"), "command": ("command", "operations"),
    "leadership": ("command", "leadership", "headquarters", "operations", "presidency"),
    "cell": ("cell",), "service": ("service",), "directorate": ("directorate",),
    "government": ("government", "cabinet"), "council": ("council",), "agency": ("agency",),
    "company": ("company", "corp", "inc"), "committee": ("committee",),
    "commission": ("commission",), "office": ("office",), "department": ("department",),
    "authority": ("authority",), "campaign": ("campaign",), "party": ("party",),
    "embassy": ("embassy",), "administration": ("administration",), "court": ("court",),
    "parliament": ("parliament", "council", "assembly"), "presidency": ("presidency",),
    "cabinet": ("cabinet", "government"), "coalition": ("coalition",),
    "organization": ("organization", "organisation"), "union": ("union",),
    "bureau": ("bureau",), "board": ("board",), "alliance": ("alliance",),
    "army": ("army",), "police": ("police",), "forces": ("forces",), "mission": ("mission",),
    "statement": (), "region": ("region",), "house": ("house",), "bank": ("bank",),
    "network": ("network",), "newspaper": ("newspaper", "times", "post", "journal"),
    # "the group" for an advocacy group, whatever it calls itself
    "group": ("group", "coalition", "alliance", "association",
              "organization", "organisation", "foundation", "institute", "league",
              "movement", "project", "fund", "pac", "network", "federation", "union"),
}
BODY_ADJECTIVES = word_set("""
    regional federal local central provincial national iraqi kurdish kurdistan new
    interim caretaker american british turkish iranian syrian russian u.s. us state
    foreign interior health oil defense defence finance security military media
    municipal city county district
""")
PLACE_HEADS = word_set("""
    square zone street province district area camp airport port bridge river mountain
    mountains desert valley city town village base station mosque market island islands
    stadium hotel road highway crossing gate palace hall lake sea gulf canal park region
    governorate neighborhood neighbourhood quarter
""")
# Places that speak for their governments ("Baghdad said", "Washington warned").
GEO_NAMES = word_set("""
    iraq iran syria turkey jordan kuwait egypt israel lebanon russia china france germany
    britain america washington baghdad erbil tehran ankara damascus moscow beijing london
    paris riyadh cairo kurdistan basra mosul kirkuk najaf karbala ukraine kyiv kiev
    brussels berlin tokyo qatar doha yemen libya saudi
""")
# US states, which follow a city after a comma ("the mayor of Roanoke, Virginia,"): there
# a place, never a person ("Virginia Foxx" stays a name: the state stands alone).
US_STATES = word_set("""
    alabama alaska arizona arkansas california colorado connecticut delaware florida
    georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland
    massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio
    oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington
    wisconsin wyoming
""")
STOP_CAPS = word_set("""
    the a an this that these those he she it they we i his her its their our in on at for
    from to with by of and but or as after before during while when where who what why how
    which if since until meanwhile however also moreover furthermore according today
    yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday january
    february march april may june july august september october november december no not
    each every all some most many several both any there here thus then still yet despite
    although though because immediately earlier later last next only even just such other
    whoever whatever mr mrs ms dr in-turn for-his-part however, said says told added
    stated explained noted declared continued replied wrote
    nor so than very more less over under between among through into upon about against
    one two three four five six seven eight nine ten first second third new having being
""")
# Capitalised words that open a sentence but never name anyone: pronouns and
# quantifiers ("Neither Clinton nor ...", "Anyone who ..."), auxiliaries of a question
# ("Does Rubio ...?"), sentence adverbs and imperatives ("Perhaps", "See").
NOT_NAMES = word_set("""
    either whether does do did doing done having perhaps maybe see let please yes indeed
    instead almost nearly roughly former
""")
# Indefinite pronouns: a speaker on their own ("Someone said", "Another added"), never
# the first word of a name ("Neither Clinton nor Sanders": the name is "Clinton").
LONE_WORDS = word_set("""
    neither none another anyone anybody everyone everybody someone somebody nobody
""")
# A lower-case letter then a capital inside a word ("McLenney" has one, "DuVernay" one).
_CAMEL_JOINS = re.compile(r"[a-z][A-Z]")
PREPOSITIONS = word_set("""
    of for to with by from in at on about against under over among between including via
    through into upon toward towards behind near without within across after before during
    like unlike than
""")
_REL = frozenset({"who", "which", "whose", "whom", "where", "when"})
# Words opening a relative clause inside an appositive, where its role phrase ends.
_ROLE_CLAUSE = frozenset({"who", "which", "whose", "whom", "that"})
# How far back a name may stand before appositives of several commas, and the words that
# show the stretch is no appositive (a verb of speech, a subject pronoun).
_LONG_APPOSITIVE = 40
_SPEECH_STOP = word_set("""
    said says say told tells added adds asked wrote writes he she they we i
""")
# Words that open a generic noun phrase ("the narrator", "one man", "his friend").
GENERIC_DET = DEFINITE | INDEFINITE | word_set("""
    some many several other others both each every few most two three four five
    six seven eight nine ten dozens hundreds thousands these those my your
""")
# Words that show a comma-delimited stretch is a clause, not an appositive.
_APPOSITIVE_STOP = word_set("""
    said says say told tells added adds asked wrote writes is are was were has have had
    will would can could should may might must did does do not never also however
    meanwhile though although because while but he she they we i it
""")
# Words that cannot be inside a generic noun phrase.
GENERIC_STOP = PREPOSITIONS | word_set("""
    and or but nor that who which whose whom where when what why how if as than so
    not no also then still just even only ever never already is are was were be been
    being am has have had do does did will would can could shall should may might must
    said says say told tells added adds asked wrote writes it he she they we i you him
    them us me there here today yesterday tonight now later earlier while because
    although though since until unless whether this
""")
# Words after which a bare noun phrase starts a clause ("while critics say").
CLAUSE_OPENERS = word_set("and but while whereas as because although though so yet")
# Words that may sit between a subject and its verb ("Al-Muhanna also said").
SUBJECT_SKIP = word_set("""
    also further then later again once previously earlier had has have would will could
    can may might should must did does do already repeatedly recently subsequently however
    meanwhile furthermore moreover additionally likewise too finally separately often
    frequently usually typically simply quickly flatly bluntly quietly openly publicly
    privately reportedly allegedly jokingly angrily sharply immediately still even just
    never always
""")
# Time words that may sit between a subject and its verb ("Priebus on Thursday told").
# Words in -ly that are no adverbs ("the family said", "the assembly voted").
_LY_NOUNS = word_set("""
    family ally rally supply reply apply assembly bully belly jelly anomaly monopoly
    homily folly holly lily melancholy italy july daily weekly monthly quarterly elderly
    early friendly lonely only
""")


def is_adverb(word: str) -> bool:
    """A lower-case -ly adverb ("cynically", "aggressively"), which may sit between a
    subject and its verb."""
    return len(word) > 4 and word.endswith("ly") and word.islower() and word not in _LY_NOUNS


_TIME_HEADS = word_set("""
    monday tuesday wednesday thursday friday saturday sunday week month year night morning
    evening afternoon weekend
""")
_TIME_SKIP = word_set("monday tuesday wednesday thursday friday saturday sunday today "
                      "yesterday tonight")
# Words that end a role complement ("the spokesman for the ministry said").
_COMPLEMENT_STOP = word_set("""
    that who which whose whom when while where as to today yesterday tomorrow on after
    before during is are was were be been has have had will would can could should may
    might must did does do said says told not also and/or if because since until
    with by from than there here said
""") | word_set("monday tuesday wednesday thursday friday saturday sunday")
_ED_NOUNS = frozenset({"armed", "united", "supreme", "specialized", "specialised", "red"})
_NAME_PREFIX = re.compile(r"(?:al|el|as|ad|ash|an|ar|at|az|ibn|bin|abu|abd|abdul)-[^\W\d_]")
_TIME_ZONES = word_set("est edt pst pdt cst cdt mst mdt gmt utc bst cet")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,7}s?")


@dataclass(slots=True)
class Chunk:
    """A noun phrase that can name a speaker: tokens [first, last), body[start:end] == text."""

    kind: ChunkKind
    first: int
    last: int
    start: int
    end: int
    text: str
    name: str | None = None  # person/name: the bare name; body: the body's name
    title: str | None = None  # canonical rank or honorific
    role: str | None = None  # role phrase without its determiner
    head: str | None = None  # normalised role head, or the body's head word
    org: str | None = None  # organisation named in a role's complement
    nominal_org: str | None = None  # "ministry" in "spokesman for the ministry"
    nominal_span: tuple[int, int] | None = None  # where "the ministry" sits in `role`
    definite: bool = True
    plural: bool = False
    former: bool = False
    nominal: bool = False  # a body referred to by a common noun ("the ministry")
    acronym: str | None = None  # "INA" for "the Iraqi News Agency (INA)"
    owner: Chunk | None = None  # "the minister" in "the minister's media office"
    issuer: Chunk | None = None  # "the ministry" in "a statement by the ministry"
    inner: tuple[Chunk, ...] = ()  # bodies named inside a role phrase
    quoted: bool = False
    oblique: bool = False  # governed by a preposition: not a subject
    generic: bool = False  # a common-noun phrase found only next to a cue ("the narrator")
    possessive: bool = False  # "Trump's" in "Trump's comments": a modifier, never a subject
    possessive_body: bool = False  # nominal_span is a possessive: "the ministry's spokesman"


@dataclass(slots=True)
class Group:
    """Chunks in apposition, read as one mention ("the spokesman ..., Major General X,")."""

    chunks: list[Chunk]

    @property
    def first(self) -> int:
        return self.chunks[0].first

    @property
    def last(self) -> int:
        return self.chunks[-1].last

    def of_kind(self, *kinds: str) -> Chunk | None:
        for c in self.chunks:
            if c.kind in kinds:
                return c
        return None

    @property
    def start(self) -> int:
        return self.chunks[0].start

    @property
    def end(self) -> int:
        return self.chunks[-1].end


_MULTI_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _seq, _head in _MULTI_HEADS.items():
    _MULTI_BY_FIRST.setdefault(_seq[0], []).append((_seq, _head))
_HEAD_STARTS = frozenset(ROLE_HEADS) | frozenset(OFFICE_ABBREVIATIONS) | {
    seq[0] for seq in _MULTI_HEADS}


_STARTERS = frozenset(PRONOUNS) | frozenset(PRONOUN_CONTRACTIONS) | DEFINITE | INDEFINITE | \
    frozenset(ROLE_HEADS) | ROLE_MODIFIERS
# Capitalised function words that can open no mention (titles, determiners and pronouns
# excepted).
_NEVER_STARTS = STOP_CAPS - DEFINITE - INDEFINITE - frozenset(PRONOUNS) - TITLE_FIRST_WORDS - \
    frozenset(ROLE_HEADS) - ROLE_MODIFIERS - frozenset(OFFICE_ABBREVIATIONS)
# Lexicon membership of a lower-case token as bits, looked up once per token.
_HEAD_BIT = register_words(_HEAD_STARTS, 1 << 3)
_ORG_BIT = register_words(ORG_HEADS, 1 << 4)
_NOMINAL_BIT = register_words(NOMINAL_BODIES, 1 << 5)
_STARTER_BIT = register_words(_STARTERS, 1 << 6)


_POSSESSIVE = ("'s", "’s", "s'", "s’")
# Last tokens that show a short paragraph is a sentence, not a heading.
_HEADING_NOT_ENDS = frozenset({".", "?", "!", '"', "”"})
# Lower-case words a capitalised body name may hold before its head word.
_BODY_GLUE = BODY_ADJECTIVES | {"the", "of", "for", "and", "on"}
# Determiners a nominal body opens with ("the ministry", "its statement").
_NOMINAL_DETS = ("the", "a", "an", "its", "their", "his", "her")
# Honorifics that stand only before a surname ("Mr. King" is a person, not a king).
_HONORIFICS = frozenset({"Mr.", "Mrs.", "Ms.", "Dr."})
# What makes a body regional: "in the Kurdistan Region", "in Kurdistan".
_REGION_WORDS = word_set("region province governorate territory territories state")
_REGIONS = word_set("kurdistan")
# Bodies a possessive name owns: "Trump's campaign", "Obama's administration".
OWNED_BODIES = word_set("""
    campaign camp team staff administration office government party foundation company
    firm organization organisation committee lawyers attorneys
""")


# Auxiliaries that show the capitalised word before them is a subject ("Google has").
_VERB_AFTER_NAME = word_set("""
    has had have was were will would could can did does should may might must also
""")


_PLURAL_ENDS = ("s", *_POSSESSIVE)


def _subject_follows(word: str, low: str) -> bool:
    """Does the word after a capitalised word opening a sentence show that word is a name
    ("Ada Obi", "McLenney said", "Google has", "Earhardt then asked")?"""
    return word[:1].isupper() and _name_flags(word)[0] > 0 or low in CUE_WORDS or \
        low in _VERB_AFTER_NAME or low in SUBJECT_SKIP or is_adverb(word)


def _strip_possessive(name: str) -> str:
    if name.endswith(("'s", "’s")):
        return name[:-2]
    if name.endswith(("s'", "s’")):
        return name[:-1]
    return name


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _is_acronym(word: str) -> bool:
    if len(word) < 2 or word[1].islower():
        return False  # (a cheap test first: "Trump" is no acronym)
    return bool(_ACRONYM.fullmatch(word)) and word not in ("I", "A")


# `_name_flags` of the capitalised words of recent articles (a plain dict: the scan's
# constructor asks it for every capitalised token, and a dict lookup is the cheapest)
_NAME_FLAGS: dict[str, tuple[int, bool]] = {}


@lru_cache(maxsize=32768)
def _name_flags(word: str) -> tuple[int, bool]:
    """(can be part of a personal name: 1, or a name of one word only: 2 (else 0), is a
    common given name) for a token as written."""
    low = word.lower()
    if not _is_name_token(word, low):
        return 0, False
    return (2 if low in LONE_WORDS else 1), is_given_name(word)


def _is_name_token(word: str, low: str) -> bool:
    if _NAME_PREFIX.match(word):
        return True
    if not word[:1].isupper() or word.isupper() or low.endswith(("n't", "n’t")):
        return False
    if low in STOP_CAPS or low in ORG_HEADS or low in ROLE_HEADS or low in PLACE_HEADS or \
            low in NOT_NAMES:
        return False
    if len(_CAMEL_JOINS.findall(word)) > 1:
        return False  # "LevineFlagShareLikeReplyAni": page buttons glued to a name
    return any(c.islower() for c in word)


_DASHES = frozenset({"—", "–", "--"})


class ChunkFinder:
    """Runs the left-to-right chunk scan over a Layout."""

    def __init__(self, layout: Layout) -> None:
        self.lay = layout
        self.w = layout.words
        self.lw = layout.lower
        self.n = len(layout.words)
        self._txt, self._starts, self._ends = layout.text, layout.starts, layout.ends
        self._para, self._quoted = layout.para, layout.quoted
        self._titles: dict[int, tuple[str, int] | None] = {}  # see `_title_at`
        # Positions of role heads, organisation heads and nominal body heads, so that
        # the parsers run only where they can succeed (see `scan`).
        codes, coded = layout.codes()
        self._codes = codes
        self._heads = [i for i in coded if codes[i] & _HEAD_BIT]
        self._orgs = [i for i in coded if codes[i] & _ORG_BIT]
        self._nominals = [i for i in coded if codes[i] & _NOMINAL_BIT]
        self._coded = coded
        sent_first = set(layout.sent_first)
        # per token: 1 when it can be part of a personal name / is a common given name
        self.nt = nt = bytearray(self.n)
        self.gn = gn = bytearray(self.n)
        w = self.w
        caps = layout.caps()
        # "Holding signs ..." or "Instead, ..." opening a sentence is no name; "Kelly
        # responded" is, when Kelly is a given name, the article capitalises the word
        # mid-sentence too, another capitalised word follows ("Ada Obi"), a verb does
        # ("McLenney said", "Google has"), or it is a plural ("Activists", a group)
        # A word the article also writes in lower case ("Video shows ...", "the video")
        # is no name either, unless it is capitalised mid-sentence somewhere.
        inner_caps: set[str] | None = None
        lower_words: set[str] | None = None
        n = self.n
        lw = layout.lower
        flags_of = _NAME_FLAGS
        if len(flags_of) > 65536:
            flags_of.clear()  # (bounded: the words of millions of articles pass here)
        for i in caps:
            word = w[i]
            flags = flags_of.get(word)
            if flags is None:
                flags = flags_of[word] = _name_flags(word)
            if not flags[0]:
                continue
            if i in sent_first and not flags[1]:
                if word.endswith(("ing", "ly")) or layout.para[i] and (
                        not word.endswith(_PLURAL_ENDS)
                        and not (i + 1 < n and _subject_follows(w[i + 1], lw[i + 1]))):
                    common = True
                elif word.endswith(_PLURAL_ENDS) or i + 1 < n and w[i + 1][:1].isupper():
                    # "Activists say", "Sanders’ aides", "Conservative Christians were"
                    common = False
                else:
                    if lower_words is None:
                        lower_words = set(w)  # its lower-case form as written somewhere
                    common = lw[i] in lower_words
                if common:
                    if inner_caps is None:
                        inner_caps = set(map(w.__getitem__,
                                             filterfalse(sent_first.__contains__, caps)))
                    if word not in inner_caps and word + "’s" not in inner_caps and \
                            word + "'s" not in inner_caps:
                        continue
            nt[i] = flags[0]
            if flags[1]:
                gn[i] = 1

    def nametok(self, i: int) -> bool:
        return bool(self.nt[i])

    def _is_title_at(self, i: int) -> bool:
        return self.lw[i] in TITLE_FIRST_WORDS and bool(self._title_at(i))

    def _title_at(self, i: int) -> tuple[str, int] | None:
        """`match_title` at token i, once per token (a role parse and the title parse
        of one token ask both: "Sen.", "Dr.")."""
        titles = self._titles
        if i in titles:
            return titles[i]
        found = titles[i] = match_title(self._txt, self._starts[i])
        return found

    # -- helpers -------------------------------------------------------------
    def _text(self, first: int, last: int) -> str:
        return self._txt[self._starts[first]:self._ends[last - 1]]

    def _chunk(self, kind: ChunkKind, first: int, last: int, **kw) -> Chunk:
        start, end = self._starts[first], self._ends[last - 1]
        # (the flags are set after construction, each keyword costs the constructor)
        c = self._flag(Chunk(kind, first, last, start, end, self._txt[start:end], **kw))
        if c.name and ("\xa0" in c.name or "\u202f" in c.name):
            c.name = " ".join(c.name.split())  # "Elio\xa0Varga" is "Elio Varga"
        if (kind == "person" or kind == "name") and c.name and \
                self.lw[last - 1].endswith(_POSSESSIVE):
            c.possessive = True
            c.name = _strip_possessive(c.name)
        return c

    def _flag(self, c: Chunk) -> Chunk:
        """Set a new chunk's `quoted` and `oblique` (governed by a preposition of its own
        paragraph: not a subject)."""
        first = c.first
        if self._quoted[first]:
            c.quoted = True
        if first > 0 and self.lw[first - 1] in PREPOSITIONS and \
                self._para[first - 1] == self._para[first]:
            c.oblique = True
        return c

    def _pronoun_chunk(self, i: int, head: str, name: str | None) -> Chunk:
        """`_chunk` for the one-token pronoun at i (positional: one per pronoun)."""
        start, end = self._starts[i], self._ends[i]
        return self._flag(Chunk("pronoun", i, i + 1, start, end, self._txt[start:end], name,
                                None, None, head))

    def _name_chunk(self, kind: ChunkKind, first: int, last: int, name_first: int,
                    title: str | None = None) -> Chunk:
        """`_chunk` for a person or name whose name runs from token name_first to last
        (the scan's hot path: one per name, so without keyword packing)."""
        starts, txt = self._starts, self._txt
        end = self._ends[last - 1]
        name = txt[starts[name_first]:end]
        if self.lw[last - 1].endswith(_POSSESSIVE):
            c = Chunk(kind, first, last, starts[first], end, txt[starts[first]:end],
                      _strip_possessive(name), title)
            c.possessive = True
        else:
            c = Chunk(kind, first, last, starts[first], end, txt[starts[first]:end], name,
                      title)
        # `_flag` inline: a call per name shows in the 1 MB paragraph of names
        if self._quoted[first]:
            c.quoted = True
        if first > 0 and self.lw[first - 1] in PREPOSITIONS and \
                self._para[first - 1] == self._para[first]:
            c.oblique = True
        return c

    # -- names ---------------------------------------------------------------
    def _initial(self, j: int) -> bool:
        """Is token j a name's initial ('J' of 'J. Michael', 'E' of 'Terry E. Branstad')?"""
        w = self.w
        return j + 2 < self.n and len(w[j]) == 1 and w[j].isupper() and w[j] not in "AI" \
            and w[j + 1] == "." and self.lay.ends[j] == self.lay.starts[j + 1] and (
                bool(self.nt[j + 2]) or self._initial(j + 2))

    def _name_end(self, i: int) -> int:
        """End of a personal name starting at token i (i itself when there is none)."""
        nt, n = self.nt, self.n
        if i >= n:
            return i
        if nt[i]:
            if nt[i] == 2:
                return i + 1  # "Neither", "Someone": a speaker alone, no name's first word
            j = i + 1
        elif self._initial(i):
            j = i + 2
        else:
            return i
        gn, lw, para = self.gn, self.lw, self._para
        p = para[i]
        given = gn[i]
        stop = i + 8
        if stop > n:
            stop = n
        while j < stop:
            if nt[j] != 1:  # (2: a word never inside a name)
                w = self.w
                if lw[j] in SURNAME_PARTICLES and j + 1 < n and nt[j + 1] and para[j] == p:
                    j += 2
                    continue
                if j == i + 1 and given and self._word_surname(j):
                    j += 1  # "Larry King", "Erik Prince": a given name, then a word as surname
                    continue
                if len(w[j]) == 1 and self._initial(j) and para[j] == p:
                    j += 2
                    continue
                break
            if para[j] != p or lw[j - 1].endswith(_POSSESSIVE):
                break  # "Republicans' Long March": the possessive ends the name
            if not given and gn[j] and j + 1 < n and nt[j + 1]:
                break  # "Elections Susan Bucher", "Democrat Bernie Sanders": a name starts
            j += 1
        w = self.w
        while j > i and w[j - 1] == ".":
            j -= 2  # a name ends on a word, not on an initial
        return j

    def _word_surname(self, j: int) -> bool:
        """Is token j, a capitalised role word right after a given name, that person's
        surname ("Larry King said", "Erik Prince and"), not an office before a name?"""
        w = self.w
        return self.lw[j] in ROLE_HEADS and w[j][:1].isupper() and not w[j].isupper() and \
            self.lay.para[j] == self.lay.para[j - 1] and not (j + 1 < self.n and self.nt[j + 1])

    def _title_person(self, i: int) -> Chunk | None:
        if self.lw[i] not in TITLE_FIRST_WORDS:
            return None
        found = self._title_at(i)
        if not found:
            return None
        title, end = found
        starts, n = self._starts, self.n
        j = i + 1
        while j < n and starts[j] < end:
            j += 1  # the first token at or after the title's end
        k = self._name_end(j)
        if k == j and title in _HONORIFICS and j < self.n and self.w[j][:1].isupper() and \
                self.w[j].isalpha() and not self.w[j].isupper() and \
                self.lay.para[j] == self.lay.para[i] and self.lw[j] not in STOP_CAPS:
            k = j + 1  # "Mr. King", "Ms. Judge": after "Mr." a surname that is also a word
        if k == j:
            return None
        if title in AMBIGUOUS_TITLES and k - j == 1 and self.lw[j] in GEO_NAMES:
            return None
        return self._name_chunk("person", i, k, j, title)

    # -- roles ---------------------------------------------------------------
    def _head_at(self, j: int) -> tuple[str, int, str] | None:
        """(normalised head, end token, role text override) of a role head at token j."""
        lw = self.lw
        w = lw[j]
        for seq, head in _MULTI_BY_FIRST.get(w, ()):
            if tuple(lw[j:j + len(seq)]) == seq:
                return head, j + len(seq), ""
        if w in OFFICE_ABBREVIATIONS and self.w[j][:1].isupper() and j + 1 < self.n and \
                lw[j + 1] == ".":
            return OFFICE_ABBREVIATIONS[w].lower(), j + 2, OFFICE_ABBREVIATIONS[w]
        if w in ROLE_HEADS:
            return ROLE_HEADS[w], j + 1, ""
        return None

    def _role_cannot_reach(self, i: int, h: int) -> bool:
        """Can `_role(i)` surely not reach the first role head, at token h (or beyond)?
        True when a word between them ends its modifier run: a cheap test that spares
        the parse for "Karim Hamdan, the spokesman" (the comma) or "Hamdan told the
        mayor" (the verb)."""
        lw, w, para = self.lw, self.w, self._para
        det = lw[i] in DEFINITE or lw[i] in INDEFINITE
        body_start = i + 1 if det else i
        if h >= self.n or h - body_start >= 6 or para[h] != para[i]:
            return True  # (no head; the run is at most 6 tokens, within the paragraph)
        for k in range(body_start, h):
            x = w[k]
            lk = lw[k]
            if x[0].isupper() and x[0].isalpha() or lk in ROLE_MODIFIERS or \
                    lk.endswith(("'s", "’s")):
                continue
            if not det or not lk.isalpha() or lk in GENERIC_STOP or lk in DEFINITE or \
                    lk in INDEFINITE or lk.endswith(("ed", "ing", "ly")):
                return True  # no modifier (after a determiner: no free one either)
        return False

    def _body_cannot_reach(self, i: int, h: int) -> bool:
        """Can `_body_capseq(i)` surely not reach the first organisation head, at token h?
        (Only a capitalised head counts, and the run before it holds only capitalised
        words, "the", adjectives at its start and "of", "for", "and", "on".)"""
        w, lw = self.w, self.lw
        if h >= self.n or not w[h][0].isupper() or self._para[h] != self._para[i]:
            return True
        for k in range(i, h):
            x = w[k]
            if not x[0].isalpha() or not x[0].isupper() and lw[k] not in _BODY_GLUE:
                return True
        return False

    def _nominal_cannot_reach(self, i: int, h: int) -> bool:
        """Can `_nominal_body(i)` surely not reach the first nominal body head, at token h?
        (It looks at most 4 tokens on, past adjectives, capitalised words and an owner.)"""
        if h >= self.n or h - i > 4 or self.lw[i] not in _NOMINAL_DETS:
            return True
        w, lw = self.w, self.lw
        for k in range(i + 1, h):
            if not w[k][0].isupper() and lw[k] not in BODY_ADJECTIVES and not (
                    k == i + 1 and lw[k].endswith(("'s", "’s"))):
                return True
        return False

    def _role(self, i: int) -> Chunk | None:
        lw, w, n = self.lw, self.w, self.n
        lay = self.lay
        j = i
        definite = True
        has_det = False
        if lw[j] in DEFINITE or lw[j] in INDEFINITE:
            definite = lw[j] in DEFINITE
            has_det = True
            j += 1
        body_start = j
        head: str | None = None
        head_tok = head_end = j
        override = ""
        former = False
        poss_body = -1
        free = 0
        k = j
        while k < n and k - body_start < 6 and lay.para[k] == lay.para[i]:
            found = self._head_at(k)
            if found:
                head, head_end, override = found
                head_tok = k
                k = head_end
                continue
            lk = lw[k]
            free_modifier = has_det and not head and free < 3 and lk.isalpha() and \
                lk not in GENERIC_STOP and not lk.endswith(("ed", "ing", "ly")) and \
                lk not in INDEFINITE and lk not in DEFINITE
            if lk in ROLE_MODIFIERS or lk.endswith(("'s", "’s")) or (
                    w[k][:1].isupper() and w[k][0].isalpha() and lk not in STOP_CAPS
                    and not self._is_title_at(k)) or free_modifier:
                if free_modifier and lk not in ROLE_MODIFIERS:
                    free += 1  # "the council chair", "the housing minister"
                if head:  # a modifier after the head ends the run ("Minister Ali")
                    if not self._office_goes_on(head_tok, k):
                        break
                    head = None  # "Deputy Interior Minister": "Deputy" was a modifier
                former = former or lk in FORMER
                if lk[:-2] in NOMINAL_BODIES and lk.endswith(("'s", "’s")):
                    poss_body = k  # "the commission's spokeswoman"
                k += 1
                continue
            break
        if not head:
            return None
        if not has_det and not w[body_start][:1].isupper():
            prev = lw[i - 1] if i else ""
            if i and prev not in (",", "and", "(", "—", "–", ":") and prev not in CUE_WORDS \
                    and lay.sent_first[lay.sent[i]] != i:
                return None
        end = head_end
        plural = lw[head_end - 1] in _PLURAL_HEADS
        org = nominal_org = None
        nominal_span: tuple[int, int] | None = None
        inner: list[Chunk] = []
        # complement: "for the Ministry of Interior", "of the cell", "from the Al-Baghdadi area"
        if end + 1 < n and lw[end] in ("for", "of", "at", "in", "to", "from") and (
                lw[end] != "in" or lw[end + 1] not in INDEFINITE) and (
                lw[end] != "to" or lw[end + 1] == "the"):
            c_end, org, nominal_org, nominal_span, inner = self._complement(end + 1)
            if c_end > end + 1:
                end = c_end
        # coordination: "the Minister of Culture and spokesman for the government"
        if end + 1 < n and lw[end] == "and" and self._head_at(end + 1):
            more = self._role(end + 1)
            if more:
                end = more.last
                org = more.org or org
                if more.nominal_org:
                    nominal_org, nominal_span = more.nominal_org, more.nominal_span
                inner = [*inner, *more.inner]
                head = more.head
        role_text = self._text(body_start, end)
        if override:
            role_text = role_text.replace(w[head_tok] + ".", override, 1)
        role_start = lay.starts[body_start]
        span = None
        possessive_body = False
        if nominal_span and not override:
            span = (nominal_span[0] - role_start, nominal_span[1] - role_start)
        elif poss_body >= 0 and not org and not override:
            # "the commission's spokeswoman" -> "spokeswoman for the <commission named earlier>"
            nominal_org = lw[poss_body][:-2]
            span = (lay.starts[poss_body] - role_start,
                    lay.starts[poss_body + 1] - role_start)
            possessive_body = True
        # (positional: eleven keywords through `_chunk` cost more than the parse's end)
        start, e = lay.starts[i], lay.ends[end - 1]
        c = Chunk("role", i, end, start, e, self._txt[start:e], None, None, role_text, head,
                  org, nominal_org, span, definite, plural, former)
        if inner:
            c.inner = tuple(inner)
        if possessive_body:
            c.possessive_body = True
        return self._flag(c)

    def _office_goes_on(self, h: int, k: int) -> bool:
        """After the role head at token h, do the capitalised words from token k lead
        to a second head of one office ("Deputy Interior Minister", "Deputy Prime
        Minister", not "Minister Ali Hassan")?"""
        lw, w = self.lw, self.w
        loose = lw[h] in _MODIFIER_HEADS  # "Deputy", "Chief": any capitals may follow
        m = k
        while m < self.n and m - k < 4:
            if m > k and lw[m] in _HEAD_STARTS and self._head_at(m):
                return self._para[m] == self._para[h]
            if not (lw[m] in ROLE_MODIFIERS or loose and w[m][:1].isupper() and
                    w[m][0].isalpha()):
                return False
            m += 1
        return False

    def _complement(self, j: int) -> tuple[int, str | None, str | None,
                                           tuple[int, int] | None, list[Chunk]]:
        """A role complement from token j (after the preposition).

        Returns (end token, organisation, nominal organisation head, char span of
        the nominal organisation, bodies named inside).
        """
        lw, w, n = self.lw, self.w, self.n
        lay = self.lay
        start = j
        det = j < n and lw[j] in ("the", "its", "his", "her", "their")
        if det:
            j += 1
        if j >= n:
            return start, None, None, None, []
        body = self._body_capseq(j)
        if body:
            # "the Ministry of Interior", "the Commander-in-Chief of the Armed Forces"
            return body.last, body.name, None, None, [body]
        if det and lw[start] == "the":
            # an office: "spokesman for the Prime Minister", "an adviser to the president"
            k = j
            while k < n and k - j < 3 and w[k][:1].isupper() and not self._head_at(k):
                k += 1
            found = self._head_at(k) if k < n else None
            if found and (k == j or w[k][:1].isupper()) and not (
                    found[1] < n and self.nt[found[1]]):  # not "the Prime Minister Ali X"
                return found[1], None, None, None, []
        if det and lw[j] in NOMINAL_BODIES and lw[j] != "statement" and (
                j + 1 >= n or not self._head_at(j + 1)):
            return j + 1, None, lw[j], (lay.starts[start], lay.ends[j]), []
        inner: list[Chunk] = []
        k = j
        last_good = start
        nominal: tuple[str, tuple[int, int]] | None = None
        while k < n and k - j < 9 and lay.para[k] == lay.para[j]:
            lk = lw[k]
            if w[k] == "(" and k + 2 < n and w[k + 2] == ")" and _is_acronym(w[k + 1]):
                k += 3
                last_good = k
                continue
            if not w[k][0].isalnum() or lk in _COMPLEMENT_STOP or self._head_at(k) or (
                    lk.endswith("ed") and lk not in _ED_NOUNS and not w[k][:1].isupper()):
                break
            if lk in ("of", "for", "and", "the", "in", "at"):
                k += 1
                continue
            if w[k][:1].isupper() and k > j and k + 1 < n and self.nt[k] and self.nt[k + 1] and (
                    self.gn[k] or lw[k - 1] in ORG_HEADS or lw[k - 1] in GEO_NAMES):
                break  # "Secretary of State John Kerry": the name is not the complement
            if lk in TITLE_FIRST_WORDS and self._title_at(k):
                person = self._title_person(k)
                if person is not None:
                    # "spokesman for Mrs. Clinton": the honorific's name ends the role,
                    # unless it owns what follows ("aide in Mr. Obama's White House")
                    k = last_good = person.last
                    nominal = None
                    if person.possessive:
                        continue
                    break
            if w[k][:1].isupper():
                inner_body = self._body_capseq(k)
                if inner_body:
                    inner.append(inner_body)
                    k = last_good = inner_body.last
                    nominal = None
                    continue
            if lk in NOMINAL_BODIES and lw[k - 1] == "the":
                nominal = (lk, (lay.starts[k - 1], lay.ends[k]))
            else:
                nominal = None
            k += 1
            last_good = k
        if last_good <= start:
            return start, None, None, None, []
        if nominal:
            return last_good, None, nominal[0], nominal[1], inner
        if inner:
            return last_good, inner[-1].name, None, None, inner
        text = self._text(j, last_good)
        org = text if any(x in ORG_HEADS for x in text.lower().replace("-", " ").split()) else None
        return last_good, org, None, None, inner

    # -- bodies --------------------------------------------------------------
    def _body_capseq(self, i: int) -> Chunk | None:
        """A capitalised organisation name at token i ("Ministry of Health and Environment")."""
        w, lw, n = self.w, self.lw, self.n
        j = i
        if j < n and lw[j] in ("the",):
            j += 1
        while j < n and lw[j] in BODY_ADJECTIVES and not w[j][:1].isupper():
            j += 1
        first = j
        k = j
        last_good = j
        has_head = False
        while k < n and k - first < 10 and self.lay.para[k] == self.lay.para[i]:
            word = w[k]
            lk = lw[k]
            if word[:1].isupper() and word[0].isalpha() and (lk not in STOP_CAPS or word == "New"
                                                               and k + 1 < n
                                                               and w[k + 1][:1].isupper()):
                if has_head and k > first and k + 1 < n and self.nt[k] and self.nt[k + 1] and (
                        self.gn[k] or lw[k - 1] in ORG_HEADS) and lw[k] not in ORG_HEADS and \
                        lw[k + 1] not in ORG_HEADS:
                    break  # "the House Paul Ryan", "the Assembly Ruben Ortega": a person follows
                if lk in ORG_HEADS:
                    has_head = True
                k += 1
                last_good = k
                continue
            if lk in ("of", "for", "and", "on") and k + 1 < n and k > first:
                if not has_head and self.gn[first] and all(self.nt[x] for x in range(first, k)):
                    return None  # "Lena Voss of the Fishing Association": a person, then a body
                nxt = w[k + 1]
                if lk == "and" and (not nxt[:1].isupper() or lw[k + 1] == "the"):
                    break
                if nxt[:1].isupper() or (
                        lw[k + 1] == "the" and k + 2 < n and w[k + 2][:1].isupper()):
                    k += 2 if lw[k + 1] == "the" else 1
                    continue
            break
        if not has_head or last_good <= first:
            return None
        if lw[last_good - 1] in ("of", "for", "and", "the", "on"):
            return None
        # a regional body: "the Ministry of Health in the Kurdistan Region"
        k = last_good
        if k + 1 < n and lw[k] == "in" and self.lay.para[k] == self.lay.para[i]:
            m = k + 2 if lw[k + 1] == "the" else k + 1
            e = m
            while e < n and e - m < 4 and w[e][:1].isupper() and lw[e] not in STOP_CAPS:
                e += 1
            if e > m and (lw[e - 1] in _REGION_WORDS or (e - m == 1 and lw[m] in GEO_NAMES
                                                          and lw[m] in _REGIONS)):
                last_good = e
        # the last word should be a head or the body's specific name, not a person's
        name = self._text(first, last_good)
        acronym = None
        if last_good + 2 < n and w[last_good] == "(" and w[last_good + 2] == ")" and _is_acronym(
                w[last_good + 1]):
            acronym = w[last_good + 1]
            last_good += 3
        head = next((lw[x] for x in range(last_good - 1, first - 1, -1) if lw[x] in ORG_HEADS),
                    None)
        return self._chunk("body", i, last_good, name=name, head=head, acronym=acronym)

    def _nominal_body(self, i: int) -> Chunk | None:
        """'the ministry', 'the regional government', 'a statement by the ministry'."""
        w, lw, n = self.w, self.lw, self.n
        if lw[i] not in _NOMINAL_DETS:
            return None
        j = i + 1
        owner: Chunk | None = None
        mods_from = j
        if j < n and lw[j].endswith(("'s", "’s")) and lw[j][:-2] in ROLE_HEADS:
            owner = self._chunk("role", j, j + 1, role=w[j][:-2], head=ROLE_HEADS[lw[j][:-2]],
                                definite=True)
            j += 1
            mods_from = j
        while j < n and j - i < 4 and (lw[j] in BODY_ADJECTIVES or (
                w[j][:1].isupper() and lw[j] not in STOP_CAPS and lw[j] not in NOMINAL_BODIES)):
            j += 1
        if j >= n or lw[j] not in NOMINAL_BODIES:
            return None
        head = lw[j]
        end = j + 1
        if end < n and (self._head_at(end) or lw[end] in NOMINAL_BODIES):
            return None  # "the ministry spokesman", "the government media office" handled as role
        issuer = None
        if head == "statement" and end + 1 < n and lw[end] in ("by", "from", "of", "issued"):
            k = end + 1 if lw[end] != "issued" else end + 2
            issuer = self._noun_phrase(k) if k < n else None
            if issuer:
                end = issuer.last
        name = self._text(mods_from, j + 1)
        return self._chunk("body", i, end, name=name, head=head, nominal=True,
                           definite=lw[i] not in INDEFINITE, owner=owner, issuer=issuer)

    def _noun_phrase(self, i: int) -> Chunk | None:
        return (self._title_person(i) or self._body_capseq(i) or self._nominal_body(i)
                or self._role(i) or self._name(i))

    def _name(self, i: int) -> Chunk | None:
        w, lw = self.w, self.lw
        word = w[i]
        if len(word) > 1 and not word[1].islower() and _is_acronym(word):
            if lw[i] in ("i",) or lw[i] in _TIME_ZONES:
                return None  # "7 p.m. EST": a time zone, no organisation
            return self._chunk("body", i, i + 1, name=w[i], head=None, acronym=w[i])
        if lw[i] in GEO_NAMES and w[i][:1].isupper():
            end = i + 1
            if end < self.n and self.nametok(end):
                pass
            else:
                return self._chunk("body", i, end, name=w[i], head="place")
        k = self._name_end(i)
        if k == i:
            return None
        if k == i + 1 and i > 1 and w[i - 1] == "," and lw[i] in US_STATES and \
                self.nt[i - 2] and self.lay.para[i - 2] == self.lay.para[i]:
            # "of Roanoke, Virginia,", "from Houston, Texas": the state of a place
            return self._chunk("name", i, k, name=w[i], head="place")
        if i and w[i - 1] == "New" and self.lay.para[i - 1] == self.lay.para[i]:
            # "New" opens no mention, but "York" of "New York" is no name: a place
            return self._chunk("name", i - 1, k, name=self._text(i - 1, k), head="place")
        # a name running into a place word ("Al-Tayaran Square") is a place, unless it
        # starts with a given name ("Jo Park")
        if k < self.n and lw[k] in PLACE_HEADS and w[k][:1].isupper():
            if self.gn[i] and k == i + 1:
                return self._chunk("name", i, k + 1, name=self._text(i, k + 1))
            return self._chunk("name", i, k + 1, name=self._text(i, k + 1), head="place")
        return self._name_chunk("name", i, k, i)

    # -- the scan ------------------------------------------------------------
    def scan(self) -> list[Chunk]:
        chunks: list[Chunk] = []
        n = self.n
        w, lw = self.w, self.lw
        heads, orgs, nominals = self._heads + [n << 1], self._orgs + [n << 1], \
            self._nominals + [n << 1]
        hp = op = mp = 0  # pointers to the next head of each kind at or after i
        skip_paras = self._title_case_paragraphs()
        para = self.lay.para
        starters = _STARTERS
        # tokens that can open a chunk: capitalised words, determiners, pronouns, role
        # words and lower-case name prefixes ("al-Khafaji")
        codes = self._codes
        # (two sorted runs: sorting their concatenation merges them in linear time)
        candidates = sorted(self.lay.caps() + [i for i in self._coded if codes[i] & _STARTER_BIT])
        covered = 0
        last_i = -1
        for i in candidates:
            if i < covered or i == last_i:
                continue  # (a token both capitalised and a starter comes twice)
            last_i = i
            if skip_paras and para[i] in skip_paras:
                covered = self.lay.paragraph_tokens(para[i])[1]
                continue
            word = w[i]
            low = lw[i]
            if low in _NEVER_STARTS:
                continue  # "In", "But", "When": a capital that opens no mention
            cap = word[0].isupper()
            if not cap and low not in starters and not _NAME_PREFIX.match(word):
                continue
            while heads[hp] < i:
                hp += 1
            while orgs[op] < i:
                op += 1
            while nominals[mp] < i:
                mp += 1
            to_head, to_org, to_nominal = heads[hp] - i, orgs[op] - i, nominals[mp] - i
            if not cap and to_head > 7 and to_org > 11 and to_nominal > 5 and \
                    low not in PRONOUNS and "-" not in word and low not in PRONOUN_CONTRACTIONS:
                continue  # a determiner or role word with no head near: nothing starts here
            c: Chunk | None = None
            if low in PRONOUNS and (low != "i" or word == "I"):
                c = self._pronoun_chunk(i, PRONOUNS[low], None)
            elif low in PRONOUN_CONTRACTIONS:
                base = PRONOUN_CONTRACTIONS[low]
                c = self._pronoun_chunk(i, PRONOUNS[base], base)
            elif (low in _HEAD_STARTS or to_head == 1 and (
                    low in DEFINITE or low in INDEFINITE)) and self._role_first(i):
                # (after a determiner, the head must come next: `to_head == 1`)
                c = self._office_person(i, self._role(i))
            elif cap:
                c = self._title_person(i) if low in TITLE_FIRST_WORDS else None
                if c is None and self.gn[i] and to_head == 1 and self._word_surname(i + 1):
                    c = self._name(i)  # "Larry King", not the role "king"
                if c is None and to_head <= 6 and not self._role_cannot_reach(i, i + to_head):
                    c = self._office_person(i, self._role(i))
                if c is None and to_org <= 10 and not self._body_cannot_reach(i, i + to_org):
                    c = self._body_capseq(i)
                if c is None and to_nominal <= 4 and \
                        not self._nominal_cannot_reach(i, i + to_nominal):
                    c = self._nominal_body(i)
                if c is None:
                    c = self._name(i)
            elif low in DEFINITE or low in INDEFINITE:
                if to_head <= 7 and not self._role_cannot_reach(i, i + to_head):
                    c = self._office_person(i, self._role(i))
                if c is None and to_org <= 11 and not self._body_cannot_reach(i, i + to_org):
                    c = self._body_capseq(i)
                if c is None and to_nominal <= 4 and \
                        not self._nominal_cannot_reach(i, i + to_nominal):
                    c = self._nominal_body(i)
            elif (low in ROLE_HEADS or low in ROLE_MODIFIERS) and to_head <= 6 and \
                    not self._role_cannot_reach(i, i + to_head):
                c = self._office_person(i, self._role(i))
            elif _NAME_PREFIX.match(word):
                c = self._name(i)
            if c is not None:
                if c.possessive and c.last < n and lw[c.last] in OWNED_BODIES and \
                        not self.lay.quoted[c.last]:
                    c = self._chunk("body", c.first, c.last + 1, name=self._text(c.first, c.last + 1),
                                    head=lw[c.last])
                chunks.append(c)
                covered = c.last
        return chunks

    def _title_case_paragraphs(self) -> set[int]:
        """Paragraphs written in Title Case (a headline kept in the body): their capitals
        say nothing about names."""
        out: set[int] = set()
        w = self.w
        tokens = self.lay.paragraph_tokens
        for p in range(len(self.lay.paragraphs)):
            a, b = tokens(p)
            # a headline opens the text or, as a heading, has no full stop
            if b - a > 40 or (p and w[b - 1] in _HEADING_NOT_ENDS):
                continue
            words = [x for x in w[a:b] if x[0].isalpha() and len(x) > 3]
            if len(words) >= 6 and sum(x[0].isupper() for x in words) >= 0.85 * len(words):
                out.add(p)
        return out

    def _role_first(self, i: int) -> bool:
        """Does a role head open the phrase at i ('The Secretary-General of the Ministry ...')?"""
        j = i + 1 if self.lw[i] in DEFINITE or self.lw[i] in INDEFINITE else i
        return j < self.n and self.lw[j] in _HEAD_STARTS and self._head_at(j) is not None and not (
            j == i and self._is_title_at(i))

    def _office_person(self, i: int, role: Chunk | None) -> Chunk | None:
        """The role at i, or the person it is the office of when a name follows it at once:
        'Prime Minister Mustafa Al-Kadhimi', 'Sen. Tim Kaine', 'Interior Minister X'."""
        if not role or role.last >= self.n or not self.w[role.last][:1].isupper():
            return role
        # the role must be an office written with capitals ("Prime Minister", "Sen.")
        if not role.role or not any(x[:1].isupper() for x in role.role.split()):
            return role
        j = role.last
        person = self._title_person(j)
        if person:
            name, title, k = person.name, person.title, person.last
        else:
            k = self._name_end(j)
            if k == j:
                return role
            name, title = self._text(j, k), None
        return self._chunk("person", i, k, name=name, title=title, role=role.role,
                           head=role.head, org=role.org, nominal_org=role.nominal_org,
                           nominal_span=role.nominal_span, inner=role.inner)


def find_chunks(layout: Layout) -> list[Chunk]:
    """All speaker-like noun phrases of the layout, in order (inside quotes too, flagged)."""
    return ChunkFinder(layout).scan()


def _compatible(a: Chunk, b: Chunk) -> bool:
    """Can a and b stand in apposition as one speaker (a role and a name)?  (Not a
    plural role: "killing two police officers, Gov. Ann Lee said".)"""
    return {a.kind, b.kind} in ({"role", "person"}, {"role", "name"}) and \
        not a.plural and not b.plural


def _role_before_name(role: Chunk, name: Chunk) -> bool:
    """A role written in lower case right before a name, as one mention: "presidential
    nominee Hillary Clinton", "campaign manager Robby Mook" (not "reporters Trump")."""
    return role.kind == "role" and not role.plural and not role.generic and \
        name.kind in ("person", "name") and name.first == role.last and \
        name.head != "place" and not role.possessive and role.quoted == name.quoted


class ChunkIndex:
    """Chunks by first and last token, with appositive grouping and subject parsing."""

    def __init__(self, layout: Layout, chunks: list[Chunk]) -> None:
        self.lay = layout
        self.chunks = chunks
        self.by_first = {c.first: c for c in chunks}
        self.by_last = {c.last: c for c in chunks}

    def group_forward(self, c: Chunk) -> Group:
        """c plus an appositive after it (', Major General X,' / ', the spokesman for ...,')."""
        w = self.lay.words
        if c.last < len(w) and w[c.last] == ",":
            nxt = self.by_first.get(c.last + 1)
            if nxt and _compatible(c, nxt) and c.head != "place" and not (
                    c.oblique and nxt.kind == "role" and nxt.last < len(w)
                    and w[nxt.last] not in (",", ")", "—", "–")):
                # (not "At a briefing in Chelsea, the mayor said": a new subject)
                return Group([c, nxt])
        nxt = self.by_first.get(c.last)
        if nxt is not None and _role_before_name(c, nxt):
            return Group([c, nxt])
        return Group([c])

    def _ending_at(self, j: int, lo: int) -> Group | None:
        """The group whose last token is j (j inclusive), scanning no further left than lo."""
        c = self.by_last.get(j + 1)
        if c is None or c.first < lo:
            return None
        role = self.by_last.get(c.first)
        if role is not None and role.first >= lo and _role_before_name(role, c):
            return Group([role, c])  # "presidential nominee Hillary Clinton said"
        w = self.lay.words
        k = c.first - 1
        if k - 1 >= lo and w[k] == ",":
            h = self.by_last.get(k)
            if h and h.first >= lo and _compatible(h, c) and c.head != "place" and not (
                    h.head == "place" and not h.oblique) and not (
                    h.oblique and c.kind == "role" and c.last < len(w)
                    and w[c.last] not in (",", ")", "—", "–")):
                return Group([h, c])
        return Group([c])

    def _between_dashes(self, j: int, lo: int) -> Group | None:
        """'The nominee — Ohio Gov. Lena Marsh — has said': the person set off by the
        dashes ending at token j (with the role before them), else None."""
        w = self.lay.words
        k = j - 1
        while k > lo and k > j - 12 and w[k] not in _DASHES:
            k -= 1
        if k <= lo or w[k] not in _DASHES:
            return None
        inner = self._ending_at(j - 1, k + 1)
        if inner is None or inner.first != k + 1:
            return None
        c = inner.chunks[-1]
        if c.kind not in ("person", "name") or c.possessive or c.head == "place" or c.quoted \
                or c.kind == "name" and " " not in (c.name or ""):
            return None  # (one capitalised word between dashes may be a place: "— Oslo —")
        outer = self._ending_at(k - 1, lo)
        if outer is not None and len(outer.chunks) == 1 and outer.chunks[0].kind == "role" \
                and not outer.chunks[0].oblique and not outer.chunks[0].plural:
            return Group([outer.chunks[0], *inner.chunks])
        return inner

    def subject_before(self, t: int, lo: int) -> Group | None:
        """The subject of a verb starting at token t, looking no further left than lo.

        Skips adverbs and auxiliaries ("also", "had"), a parenthesis ("(D-Va.)"),
        a relative clause (", who took office in July,") and takes the appositive
        group before them.  A phrase governed by a preposition is no subject.
        """
        w, lw = self.lay.words, self.lay.lower
        j = t - 1
        lo = max(lo, t - 40)
        while j >= lo and (lw[j] in SUBJECT_SKIP or lw[j] in _TIME_SKIP or is_adverb(w[j]) or (
                lw[j] in _TIME_HEADS and j - 1 >= lo and lw[j - 1] in ("on", "last", "this"))):
            j -= 1  # "Priebus later Thursday told", "the group on Monday said"
            if j >= lo and lw[j] in ("on", "last", "this") and lw[j + 1] in _TIME_HEADS:
                j -= 1
        if j - 1 >= lo and lw[j] in ("who", "which") and w[j - 1] == ",":
            # "Sanders, who said he ...": the relative pronoun stands for the phrase before it
            j = _before_parenthesis(w, j - 2, lo)
            before = self._ending_at(j, lo) if j >= lo else None
            if before is None or before.chunks[-1].possessive or before.chunks[-1].kind == "pronoun":
                return None
            return before
        j = _before_parenthesis(w, j, lo)
        if j < lo:
            return None
        if w[j] in _DASHES:
            between = self._between_dashes(j, lo)
            if between is not None:
                return between
        group: Group | None = None
        verb_comma = j
        if w[j] == "," and j - 1 > lo and w[j - 1] == ")":
            # "Gov. John Kasich (R-OH), said": the name before the parenthesis
            k = j - 2
            while k > lo and k > j - 10 and w[k] != "(":
                k -= 1
            if w[k] == "(":
                group = self._ending_at(k - 1, lo)
                if group is not None and group.chunks[-1].kind in ("person", "name", "role") \
                        and not group.chunks[-1].possessive and not group.chunks[0].oblique:
                    return group
                group = None
        if w[j] == ",":
            rel = self._relative_before(j, lo)
            if rel is not None:
                return rel
            k = j - 1
            while k > lo and w[k] != "," and k > j - 25:
                k -= 1
            head = self._ending_at(k - 1, lo) if k > lo and w[k] == "," else None
            if k > lo and w[k] == "," and lw[k + 1] in _REL:
                # a relative clause: "X, who took office in July, said"
                group = head
                if head is not None and self._place_after_place(head.chunks[0]):
                    # "Mira Solberg, 61, of Tromso, Norway, who ..., said": not Norway
                    group = self.long_appositive(head.first - 1, lo) or head
            elif head is not None and head.chunks[-1].kind in ("person", "name") and \
                    not head.chunks[-1].possessive and head.chunks[-1].head != "place" and \
                    self._appositive_words(k + 1, j):
                # "Bill Frelick, refugee rights director at Human Rights Watch, said"
                c = head.chunks[-1]
                app = self.by_first.get(k + 1)
                if app is None or app.kind != "role" or app.last != j:
                    app = self._appositive(k + 1, j)
                group = Group([*head.chunks, app]) if app is not None and \
                    len(head.chunks) == 1 else head
                del c
            else:
                group = self._ending_at(j - 1, lo)
                if group is not None and group.chunks[-1].kind == "pronoun":
                    group = None
                if group is not None and group.chunks[-1].head == "place" and \
                        len(group.chunks) == 1 and self._place_after_comma(group.chunks[0]):
                    # "Ann Lee, the mayor of Roanoke, Virginia, said": not the state
                    group = self.long_appositive(j, lo) or self._ending_at(group.first - 2, lo)
                if group is not None and k > lo and w[k] == "," and \
                        any(lw[x] in ("who", "which") for x in range(k + 1, group.first)):
                    # "Morton Blackwell, the icon who ... represents Virginia, has endorsed":
                    # the name ends a relative clause; the speaker is before it
                    alt = self.long_appositive(j, lo)
                    if alt is not None and alt.first < group.first:
                        group = alt
                p = group.first - 1 if group is not None else lo
                if p > lo and lw[p] == "the":
                    p -= 1
                if group is not None and group.chunks[0].kind in ("body", "name") and \
                        p - 1 >= lo and w[p] == "," and w[p - 1].isalpha() and w[p - 1].islower():
                    # "X, the editor of the Vatican's newspaper, L'Osservatore Romano, said":
                    # the body names the noun before it; the speaker is further back
                    alt = self.long_appositive(j, lo)
                    if alt is not None and alt.chunks[0].kind in ("person", "name") and \
                            alt.first < group.first:
                        group = alt
                if group is None and k > lo and w[k] == ",":
                    # an appositive that runs on: "X, a historian who attended the session, said"
                    app = self.by_first.get(k + 1)
                    head = self._ending_at(k - 1, lo)
                    if app is not None and app.kind == "role" and head is not None:
                        c = head.chunks[-1]
                        group = Group([c, app]) if _compatible(c, app) else head
            if group is None:
                group = self.long_appositive(j, lo)
        else:
            group = self._ending_at(j, lo)
            if group is None:
                generic = self.generic_before(j + 1, lo)
                group = Group([generic]) if generic is not None else None
        if group is None or group.chunks[-1].possessive:
            return None
        if group.chunks[0].oblique and group.chunks[0].kind != "pronoun":
            # "Joel Pollak of Breitbart California observed": the person before "of"
            k = group.first - 1
            if k - 1 >= lo and lw[k] in ("of", "at", "from"):
                owner = self.by_last.get(k)
                if owner is not None and owner.kind in ("person", "name") and \
                        owner.head != "place" and not owner.possessive and not owner.oblique:
                    return self._ending_at(k - 1, lo)
            if w[verb_comma] == ",":  # "Johnnie Wilson, of Springfield, Va., said"
                return self.long_appositive(verb_comma, lo)
            return None
        return group

    def _relative_before(self, j: int, lo: int) -> Group | None:
        """"Swanson, who is a pastor at the church in Elizabeth, Colorado, slammed": a
        relative clause of several commas ending at the comma j; the name before "who"."""
        lay = self.lay
        w, lw = lay.words, lay.lower
        k = j - 1
        commas = 0
        while k > lo and k > j - 30:
            if lay.quoted[k] or w[k] in (";", ":") or lw[k] in _SPEECH_STOP:
                return None
            if w[k] == ",":
                commas += 1
                if lw[k + 1] in ("who", "which", "whose"):
                    e = k - 1
                    if w[e] == ")":  # "Sen. Bernie Sanders (Vt.), who ..., said"
                        while e > lo and e > k - 10 and w[e] != "(":
                            e -= 1
                        e -= 1
                    elif commas < 2:
                        return None  # one comma: the ordinary relative clause
                    g = self._ending_at(e, lo) if e >= lo else None
                    if g is None or g.chunks[-1].possessive or g.chunks[-1].kind == "pronoun" \
                            or g.chunks[0].oblique or g.chunks[-1].head == "place":
                        return None
                    return g
            k -= 1
        return None

    def _place_after_comma(self, c: Chunk) -> bool:
        """Is the place c the state after a city ("of Roanoke, Virginia")?"""
        k = c.first - 1
        return k > 0 and self.lay.words[k] == "," and self.lay.words[k - 1][:1].isupper() \
            and self.by_last.get(k) is not None

    def _place_after_place(self, c: Chunk) -> bool:
        """Is c the second half of a place ("of Tromso, Norway", "of Ashton, Md.")?"""
        k = c.first - 1
        if k < 1 or self.lay.words[k] != "," or c.kind not in ("name", "body"):
            return False
        before = self.by_last.get(k)
        return before is not None and before.oblique

    def long_appositive(self, j: int, lo: int) -> Group | None:
        """A name before appositives of several commas, ending at the comma j before the
        verb: "Donna Rawlings, 59, of Ashton, Md., who watched the ceremony, said",
        "Scott Pruitt, the attorney general of Oklahoma, one of the states suing, said"."""
        lay = self.lay
        w, lw = lay.words, lay.lower
        stop = max(lo, j - _LONG_APPOSITIVE)
        k = j - 1
        while k > stop:
            if lay.quoted[k] or w[k] in (";", ":", "(", ")") or lw[k] in _SPEECH_STOP:
                return None
            if w[k] == ",":
                c = self.by_last.get(k)
                if c is not None and c.kind in ("person", "name") and c.first >= lo and \
                        not c.possessive and not c.oblique and c.head != "place" and \
                        not c.quoted:
                    app = self.by_first.get(k + 1)
                    if app is not None and app.kind == "role" and _compatible(c, app):
                        return Group([c, app])
                    return Group([c])
            k -= 1
        return None

    def subject_after(self, t: int) -> Group | None:
        """The subject placed after an inverted verb: 'said the spokesman ..., Major General X'."""
        c = self.by_first.get(t)
        if c is not None and c.kind == "pronoun" and self.lay.lower[t] not in ("he", "she"):
            return None
        if c is not None and c.possessive:
            # "noted NBC's Dante Chinni": the name after the possessive
            nxt = self.by_first.get(c.last)
            if nxt is not None and nxt.kind in ("person", "name") and not nxt.possessive:
                c = nxt
        if c is None:
            c = self.generic_after(t)
            if c is None:
                return self._described_name(t)
        return self.group_forward(c)

    def _described_name(self, t: int) -> Group | None:
        """'said 9/11 widow Terry Strada', 'said longtime operative Roger Stone': a name
        after a few lower-case words describing it (the words are its role)."""
        lay = self.lay
        w = lay.words
        for k in range(t, min(t + 6, lay.n)):
            c = self.by_first.get(k)
            if c is not None and k > t:
                if c.kind in ("person", "name") and c.head != "place" and not c.possessive:
                    app = self._appositive(t, k)
                    return Group([app, c]) if app is not None else Group([c])
                return None
            word = w[k]
            if not (word[:1].islower() or word[:1].isdigit() or word in ("/", "-")) or \
                    lay.lower[k] in GENERIC_STOP:
                return None
        return None

    # -- noun phrases the chunk scan does not know -----------------------------------
    def _appositive_words(self, a: int, b: int) -> bool:
        """Can tokens [a, b) be an appositive describing a person ('a former aide to
        Obama', 'refugee rights director at Human Rights Watch', '57')?"""
        lay = self.lay
        if b <= a or b - a > 22:
            return False
        lw, w = lay.lower, lay.words
        if lw[a] in SUBJECT_SKIP or lw[a] in _REL:
            return False
        for t in range(a, b):
            if lay.quoted[t] or lw[t] in _APPOSITIVE_STOP or w[t] in (";", ":"):
                return False
        return True

    def _appositive(self, a: int, b: int) -> Chunk | None:
        """A role chunk made of the appositive tokens [a, b) (None for an age alone)."""
        lay = self.lay
        lw = lay.lower
        if not any(lay.words[t][:1].isalpha() for t in range(a, b)):
            return None  # "Jim Bennett, 57, said"
        if lw[a] in PREPOSITIONS:
            return None  # "Lee, in Denver, said": where, not what, the speaker is
        first = a + 1 if lw[a] in DEFINITE | INDEFINITE and b - a > 1 else a
        # the role stops before a relative clause: "owner of the Mavericks who ..."
        stop = next((t for t in range(first, b) if lw[t] in _ROLE_CLAUSE), b)
        while stop > first and not lay.words[stop - 1][:1].isalnum():
            stop -= 1
        if stop <= first or first == a and _participle_phrase(lay.words, lw, first, stop):
            return None
        head = next((ROLE_HEADS[lw[t]] for t in range(first, stop) if lw[t] in ROLE_HEADS),
                    None)
        start, end = lay.starts[a], lay.ends[b - 1]
        return Chunk("role", a, b, start, end, lay.text[start:end],
                     role=lay.text[lay.starts[first]:lay.ends[stop - 1]],
                     head=head or lw[stop - 1], definite=lw[a] in DEFINITE, plural=False,
                     generic=True)

    def generic_before(self, t: int, lo: int) -> Chunk | None:
        """A common-noun phrase ending right before token t: 'the committee chairmen',
        'One man', 'his childhood friend', 'critics' (a subject the lexicons do not know)."""
        lay = self.lay
        lw, w = lay.lower, lay.words
        j = t - 1
        lo = max(lo, t - 7)
        while j >= lo and w[j][0].isalnum() and lw[j] not in GENERIC_STOP \
                and not lay.quoted[j] and not is_adverb(w[j]):
            j -= 1
        first = j + 1
        # the phrase starts at a determiner, or is a bare plural / capitalised phrase
        # standing at a clause boundary
        while first < t and lw[first] not in GENERIC_DET and first + 1 < t and \
                lw[first + 1] in GENERIC_DET:
            first += 1
        if first >= t:
            return None
        return self._generic(first, t, boundary=j < lo or not w[j][0].isalnum()
                             or lw[j] in CLAUSE_OPENERS)

    def generic_after(self, t: int) -> Chunk | None:
        """A common-noun phrase starting at token t (after an inverted verb), with a
        prepositional complement naming a place or body ('his friend at Lehigh')."""
        lay = self.lay
        lw, w, n = lay.lower, lay.words, lay.n
        if t >= n or lw[t] not in GENERIC_DET:
            return None
        if t + 2 < n and lw[t] in ("one", "two", "three", "some", "many", "several") and \
                lw[t + 1] == "of" and lw[t + 2] in GENERIC_DET:
            # "one of those advisers", "one of the organisers"
            inner = self.generic_after(t + 2)
            if inner is None:
                return None
            end = lay.ends[inner.last - 1]
            return Chunk("role", t, inner.last, lay.starts[t], end, lay.text[lay.starts[t]:end],
                         role=inner.role, head=inner.head, definite=False, plural=False,
                         generic=True)
        j = t + 1
        while j < n and j - t < 7 and w[j][0].isalnum() and lw[j] not in GENERIC_STOP \
                and not lay.quoted[j]:
            j += 1
        c = self._generic(t, j, boundary=True)
        if c is None:
            return None
        # "at Lehigh", "of the Brookings Institution", "in Kiev"
        if j + 1 < n and lw[j] in ("at", "of", "in", "for", "from", "with") and \
                (w[j + 1][:1].isupper() or (lw[j + 1] == "the" and j + 2 < n
                                            and w[j + 2][:1].isupper())):
            k = j + 1 if lw[j + 1] != "the" else j + 2
            while k < n and k - j < 8 and (w[k][:1].isupper() or lw[k] in ("of", "and", "the")):
                k += 1
            while k > j + 1 and lw[k - 1] in ("of", "and", "the"):
                k -= 1
            end = lay.ends[k - 1]
            c = Chunk("role", c.first, k, c.start, end, lay.text[c.start:end],
                      role=(c.role or "") + lay.text[lay.ends[j - 1]:end], head=c.head,
                      definite=c.definite, plural=c.plural, generic=True)
        return c

    def _generic(self, first: int, last: int, *, boundary: bool) -> Chunk | None:
        lay = self.lay
        lw, w = lay.lower, lay.words
        det = lw[first] in GENERIC_DET
        head_tok = last - 1
        head = lw[head_tok]
        if last - first > 6 or (det and last - first < 2) or not head.isalpha():
            return None
        if not det and not (boundary and (head.endswith("s") or w[first][:1].isupper())):
            return None
        if head in GENERIC_STOP or head in GENERIC_DET or w[head_tok][:1].isupper() and \
                not det:
            return None
        body_first = first + 1 if det and lw[first] in DEFINITE | INDEFINITE else first
        if body_first >= last:
            return None
        role = lay.text[lay.starts[body_first]:lay.ends[last - 1]]
        start, end = lay.starts[first], lay.ends[last - 1]
        prev = lw[first - 1] if first else ""
        if head in NOMINAL_BODIES and not w[head_tok][:1].isupper() and det:
            # "its daily statement", "the oil company": a body named by a common noun
            return Chunk("body", first, last, start, end, lay.text[start:end], name=role,
                         head=head, nominal=True, definite=lw[first] not in INDEFINITE,
                         oblique=prev in PREPOSITIONS, generic=True)
        return Chunk("role", first, last, start, end, lay.text[start:end], role=role,
                     head=ROLE_HEADS.get(head, head), definite=lw[first] in DEFINITE,
                     plural=head.endswith("s") and not head.endswith("ss"), quoted=False,
                     oblique=prev in PREPOSITIONS, generic=True)


def _participle_phrase(w: Sequence[str], lw: Sequence[str], a: int, b: int) -> bool:
    """Are tokens [a, b) what the speaker was doing or feeling, not what they are:
    "appearing after Clinton at the forum", "contradicting Trump", "exasperated"?
    ("leading Supreme Court advocate", "retired neurosurgeon", "managing director" are
    roles: a noun ends them.)"""
    first = lw[a]
    if first in ROLE_HEADS or first in ROLE_MODIFIERS or not first.isalpha():
        return False
    if b - a == 1:
        return first.endswith(("ed", "ing"))
    if not first.endswith("ing"):
        return False
    nxt = lw[a + 1]
    return nxt in PREPOSITIONS or nxt in DEFINITE or nxt in INDEFINITE or \
        nxt in ("his", "her", "their", "its", "our", "my", "your") or \
        w[a + 1][:1].isupper() and w[b - 1][:1].isupper()  # an object: "praising Ann Lee"


def _before_parenthesis(w: Sequence[str], j: int, lo: int) -> int:
    """The token before a short parenthesis ending at j ("Sanders (Vt.)"), else j."""
    if j >= lo and w[j] == ")":
        k = j - 1
        while k >= lo and k > j - 10 and w[k] != "(":
            k -= 1
        if k >= lo and w[k] == "(":
            return k - 1
    return j
