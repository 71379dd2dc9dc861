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
    "(?:" + "|".join(f"(?P<t{i}>{p})" for i, (_, p) in enumerate(_TITLE_PATTERNS)) + r")(?=\s|$)",
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
    return _TITLE_NAMES[int((m.lastgroup or 't0')[1:])], m.end()


def canonical_title(title: str) -> str | None:
    """'Maj. Gen.' -> 'Major General'; None when `title` is not a known title."""
    t = title.strip()
    m = _TITLE_RE.fullmatch(t) if t else None
    return _TITLE_NAMES[int((m.lastgroup or 't0')[1:])] if m else None


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


@lru_cache(maxsize=16384)
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


@lru_cache(maxsize=16384)
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


# Common given names whose bearer is usually a man / a woman (English-language news and
# Arabic names in their usual transliterations).  Used only to keep "she" from resolving to
# a man and "he" to a woman; a name in neither list says nothing.
_MALE_NAMES = _words("""
    aaron abbas abdul abdullah abu adam adel adnan ahmad ahmed akram al alan albert alex
    alexander ali allen amir ammar andrew andy anthony antonio arnold arthur ashton awad
    ayman barack barry basim bassam ben benjamin bernard bernie bill billy bob bobby brad
    bradley brandon brian bruce bryan carl carlos chad charles charlie chris christian
    christopher chuck clarence clark cliff clifford colin corey cory craig dan daniel danny
    darrell dave david dennis derek dick don donald doug douglas duncan dwight ed eddie
    edward elijah elliot emmanuel eric ernest eugene evan faisal falih fareed farid fouad
    francis frank franklin fred frederick fuad gabriel gary gene geoffrey george gerald
    glenn gordon graham greg gregory hadi haider hamid hamza hank harold harry hassan
    hayder heinrich henry herbert hisham howard hussein ian ibrahim ike isaac ismail ivan
    jack jacob jake jamal james jamie jared jason jay jeb jeff jeffrey jeremy jerome jerry
    jo
    jesse jim jimmy joe joel john johnny jon jonathan jordan jorge jose joseph josh joshua
    juan julian justin kamal karim keith ken kenneth kevin khaled khalid kirk kyle lamar
    lance larry lawrence lee leon leonard lewis lindsey lloyd louis luis luke majid malik
    marco marcus mario mark martin marty matt matthew maurice max michael mick mike mitch
    mitt mohammed mohammad mohamed muhammad mustafa nabil nadhim najm nathan neil newt nick
    nicholas noah noor nouri omar orrin oscar owen pat patrick paul pete peter phil philip
    qasim rafael rahm raj ralph ramon rand randy ray raymond reince rex ricardo richard
    rick rob robert roberto rod rodney roger ron ronald ross roy rudy russell ryan saad
    sabah saddam sadiq salah salem salim sam samir samuel scott sean sergei sergey seth
    shawn sheldon sherrod stanley stephen steve steven stuart tahsin tariq ted terry thomas
    tim timothy todd tom tommy tony travis trent troy tyler vernon victor vince vincent
    vladimir walid walter wayne wesley william willie yahya yasser yousef youssef yusuf
    zachary zaid zaki
    abraham ahmed alfred alvin andre angelo archie arturo barney bart benny bert billy
    blake boris brendan brett bret bud buddy byron caleb calvin cameron casey cecil cedric
    cesar chester clay clayton clint clyde cole conrad cornel cornell curt curtis dale
    damon darren darryl dean desmond devin dominic donnie duane dustin dylan earl edgar
    edmund elliott elmer emmett enrique ernie ethan everett felix fernando floyd forrest
    francisco frankie garrett gavin gilbert glen grady grant gus guy hal harlan harold
    harvey hector herman homer horace howie hubert hugh hugo irving isaiah jacques jared
    jeremiah jesus jim joaquin jock jody joey johnnie jonah kareem kelvin kent kenny
    kurt lanny lars leo leroy lester lionel lloyd lou lowell luther lyle mack marc
    marvin mel melvin micah miguel milton mitchell morgan morris moses murray myron
    nate ned neal nelson newt nigel noel norm norman oliver orlando otis pablo pedro
    perry preston quentin quincy rafael ralph randall raul reggie reid rene reuben rex
    rhett ricky riley roberto rocco roderick rodrigo roland rolf roman ronnie rory rudolph
    rufus russ salvatore sammy santiago saul sergio seth shane sid simon spencer stan
    sterling stu sylvester tad teddy terrence thad theo theodore tobias toby trey tucker
    ty ulysses van vaughn vern vic virgil wade wallace ward warren wendell wes whit
    wilbur wiley willard wilson winston woody wyatt zach
""")
_FEMALE_NAMES = _words("""
    abigail aisha alice alicia alison allison alyssa amal amanda amber amy ana andrea
    angela angelina ann anna anne annie april ashley barbara becky betsy betty beverly
    bonnie brenda brittany candace candy carla carly carmen carol caroline carolyn
    catherine cathy chelsea cheryl christina christine cindy claire claudia colleen connie
    courtney crystal cynthia dana dania danielle debbie deborah debra denise diana diane
    dina dolores donna doris dorothy eileen elaine eleanor elena elizabeth ellen emily emma
    erica erin eva evelyn fatima fiona frances gabrielle gail gina gloria grace hala
    hanan heather heidi helen hillary holly huda ivanka jacqueline jan jane janet janice
    jean jeanne jen jennifer jessica jill joan joanna jodi joni joy joyce judith judy julia
    julie june karen kate katherine kathleen kathryn kathy katie kayleigh kellyanne kelly
    kim kimberly kirsten kristen laila laura lauren layla leah leila lena lila lina linda
    lisa liz lois loretta lori louise lucy lynn madeleine maggie mara margaret maria marie
    marilyn marina marion marsha martha mary maryam maxine megan megyn melania melissa
    meredith michelle mona monica nadia nancy naomi natalie nicole nikki nina noura nora
    norma olivia pam pamela patricia patti paula peggy penny rachel rana rasha rebecca
    reem renee rita roberta robin rosa rose rosie ruth sally samantha sandra sara sarah
    shannon sharon sheila shirley sonia sophia stacey stephanie sue susan suzanne sylvia
    tammy tara teresa theresa tiffany tina tracy tulsi valerie vanessa victoria virginia
    wanda wendy whitney yasmin yasmine zainab
    abby adrienne agnes aileen alexandra alexis alma amelia andrea angie anita annette
    antonia ariana arlene audrey ava barbra belinda bernadette beth bethany billie blanche
    brenda bridget brooke camila cara carmen cassandra cecilia celeste charlene charlotte
    christy clara constance corinne daisy darlene dawn delia della diane dianne dolly
    dora dottie edith edna eileen elaine elisa eliza ella ellie eloise elsa emilia erika
    esther estelle eugenia eunice evangeline faith fran francesca gale gayle genevieve
    georgia geraldine gertrude gillian ginger gwen gwendolyn hannah harriet hazel heidi
    helena hilda ilana imelda ingrid irene iris isabel isabella jackie jade janine jasmine
    jeanette jeannie jenna jenny jessie jill jo-ann joann joanne jocelyn johanna jolene
    josephine juanita julianne juliet kara karla kathy katrina kay kayla kendra kerry
    kristin kristina lacey lana latoya laurel leslie lillian lily lindsey lorena lorraine
    lucia lucille lydia lynda lynne mabel madison mae maggie marcia margo mariah marilyn
    marjorie marlene martina maura maureen melanie mia mildred miriam misty molly
    muriel myra nadine nan nell nellie nora olga paige pauline pearl phyllis polly
    priscilla rachael ramona rebekah regina rhonda roberta rosalind rosemary roxanne
    sabrina sadie sally selena serena shari shawna sherry shirley sierra silvia sofia
    sonya stella susana suzanna sybil tamara tanya tasha terri thelma tonya trisha
    ursula vera veronica vicki viola violet vivian yolanda yvette yvonne zoe zoey
""")


def name_gender(name: str) -> str | None:
    """'m' or 'f' when the given name of `name` is a common man's or woman's name, else None."""
    _, rest = split_title(name)
    words = rest.split()
    if len(words) < 2:
        return None
    first = _ascii_lower(words[0]).strip(".,")
    if first in _MALE_NAMES:
        return "m"
    if first in _FEMALE_NAMES:
        return "f"
    return None


@lru_cache(maxsize=16384)
def is_given_name(word: str) -> bool:
    """Is `word` a common given name ("John", "Hillary", "Khaled")?"""
    low = _ascii_lower(word)
    return low in _MALE_NAMES or low in _FEMALE_NAMES
