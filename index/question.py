"""Plain-language question -> Query: speaker (by name or role), topic words, dates, kind.

The question is read in layers: a date expression is taken out first; then
the shape of the sentence ("what did X say about Y", "who said Z", "latest
from X") marks where a speaker and a topic can be; then the speaker slot is
matched against the directory by name (typo-tolerant) or by role.  Words
outside any slot are matched only when they are unambiguous, so a topic
word that happens to look like a surname does not hijack the question.
"""

from __future__ import annotations

import html
import re
from datetime import date

from index.dates import find_date_range
from index.models import Query, SpeakerCandidate
from index.roles import ROLE_HEADS, canonical_words
from index.speaker_match import NameHit, RoleHit, SpeakerIndex

MAX_QUESTION_CHARS = 1000
# A name word outside any speaker slot must be spelled exactly as some speaker's name
# (a spelling the archive has seen): "fire" is not "Ferre", "cell" is not "Coll".
UNSLOTTED_NAME_MIN = 100.0
# Accept a speaker candidate at or above this score.
SPEAKER_MIN = 72.0

_VERBS = (
    r"say|said|says|saying|tell|told|state|stated|announce|announced|think|thought|claim|claimed|"
    r"declare|declared|comment|commented|reveal|revealed|warn|warned|talk|talked|speak|spoke|"
    r"mention|mentioned|confirm|confirmed|deny|denied|stress|stressed|add|added|note|noted|"
    r"explain|explained|promise|promised|pledge|pledged|report|reported|describe|described|"
    r"argue|argued|insist|insisted|predict|predicted|accuse|accused|call|called|"
    r"point out|pointed out|emphasi[sz]e|emphasi[sz]ed"
)
_SAY_SHAPES = [
    # what did the interior ministry spokesman say (about drugs)
    re.compile(
        r"^(?:so\s+)?(?:what|anything|which\s+\w+)\s+(?:else\s+)?(?:did|does|do|has|have|had|is|was|were|would|will)\s+"
        r"(?P<slot>.+?)\s+(?:(?:have|has|had|been|just|recently|ever|also|really)\s+)*(?:" + _VERBS + r")\b(?P<rest>.*)$",
        re.I,
    ),
    # latest from Al-Khafaji / latest statements by the JOC spokesman
    re.compile(
        r"^(?:the\s+)?(?:latest|newest|most\s+recent|recent|last|new)\s+(?:\w+\s+)?(?:from|by|of)\s+(?P<slot>.+?)(?P<rest>\s+(?:about|on|regarding|concerning)\s+.+)?$",
        re.I,
    ),
    # statements by X (about Y) / quotes from X / X's statements
    re.compile(
        r"^(?:(?:show|give|find|get)\s+(?:me\s+)?)?(?:all\s+)?(?:the\s+)?(?:statements?|quotes?|comments?|remarks?|words|quotations?)\s+"
        r"(?:from|by|of)\s+(?P<slot>.+?)(?P<rest>\s+(?:about|on|regarding|concerning|in|since|during)\s+.+)?$",
        re.I,
    ),
    # who was the kurdistan government spokesman (in november 2023) (and what did he say)
    re.compile(
        r"^who\s+(?:was|is|were|are)\s+(?P<slot>.+?)(?P<rest>\s+and\s+what\s+.+)?$",
        re.I,
    ),
    # mohanna comments after the bombing / Al-Saadi remarks on the border
    re.compile(
        r"^(?P<slot>.+?)(?:'s|’s)?\s+(?:comments?|remarks?|statements?|quotes?|words|reaction|response)\s+"
        r"(?P<rest>(?:after|on|about|regarding|concerning|following|over|to|in)\s+.+)$",
        re.I,
    ),
    # X on Y / X about Y (no verb) -- the slot must then match a speaker well
    re.compile(
        r"^(?:what\s+(?:about|of)\s+)?(?P<slot>.+?)\s+(?:says?|said|statements?|quotes?|comments?)?\s*(?:about|on|regarding|concerning)\s+(?P<rest>.+)$",
        re.I,
    ),
]
# "what has been said about", "what was said": no speaker slot, only a topic.
_PASSIVE = re.compile(r"^(?:been|being|it|that|this|there|said|anyone|anybody|someone|somebody)\b", re.I)
_VERBLESS_SHAPES = (_SAY_SHAPES[-2], _SAY_SHAPES[-1])
_WHO_SAID = re.compile(
    r"^(?:who|which\s+(?:official|person|spokesman|minister|body))\s+(?:has\s+|had\s+|have\s+)?"
    r"(?:" + _VERBS + r")\b\s*(?:that\s+|:\s*)?(?P<phrase>.+)$",
    re.I,
)
_LATEST = re.compile(r"\b(?:latest|newest|most\s+recent|recently|last\s+(?:statement|thing|words?|comments?))\b", re.I)
_TAG = re.compile(r"<[^>]{0,300}>")
_SCRIPT = re.compile(r"<(script|style)\b[^>]{0,300}>.*?</\1\s*>", re.I | re.S)
# Words that shape a question but say nothing about its topic.
_QUESTION_WORDS = frozenset(
    """
    what who whom whose which when where why how did does do has have had is was were are be been
    being would will can could should say said says saying tell told talk talked speak spoke
    speaking mention mentioned comment commented comments statement statements quote quotes
    quotation quotations remark remarks word words about on regarding concerning re me us show
    give find get all any anything something latest newest recent recently last new most else
    the a an of for to in at by from with and or please so just ever also really regard
    i you we they he she it this that these those there their his her its our your my
    think thought state stated announce announced claim claimed declare declared reveal revealed
    warn warned confirm confirmed deny denied stress stressed add added note noted explain
    explained report reported
    """.split()
)
def clean_question(text: str) -> str:
    """Plain text of a question: tags dropped, entities decoded, whitespace collapsed."""
    text = _SCRIPT.sub(" ", text[: MAX_QUESTION_CHARS * 4])
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    text = re.sub(r"\s+", " ", text).strip()
    return text[:MAX_QUESTION_CHARS].strip(" ?!.")


_FILLERS = frozenset({"the", "of", "for", "s", "in", "to", "and"})


def _role_run(words: list[str], index: SpeakerIndex) -> tuple[set[str], set[int]]:
    """The role phrase of a question ("defence ministry spokesman"), if any.

    A phrase is a run of role words and fillers that holds a head noun.  Words
    the directory has never seen in a role count too when they modify a role
    word later in the run ("defence" in "defence ministry spokesman"): they
    make the role more specific, so a role nobody holds matches nobody
    instead of matching every ministry spokesman.  Returns the role words
    (typos corrected) and their positions in `words`.
    """
    best: tuple[set[str], set[int]] = (set(), set())
    i = 0
    while i < len(words):
        # Collect one run: role words, fillers, and unknown content words.
        j = i
        marks: list[tuple[int, str | None]] = []  # (position, corrected role word or None)
        while j < len(words):
            w = words[j]
            if w in _FILLERS:
                marks.append((j, None))
            elif (fixed := index.correct_role_word(w)) is not None:
                marks.append((j, fixed))
            elif w not in _QUESTION_WORDS and not w.isdigit() and len(w) > 2:
                marks.append((j, ""))  # unknown content word
            else:
                break
            j += 1
        role_positions = [n for n, (_, fixed) in enumerate(marks) if fixed]
        if role_positions:
            last = role_positions[-1]
            run: set[str] = set()
            taken: set[int] = set()
            for pos, fixed in marks[: last + 1]:
                if fixed:
                    run.add(fixed)
                    taken.add(pos)
                elif fixed == "" and run.isdisjoint(ROLE_HEADS):
                    run.add(words[pos])  # a modifier before the head
                    taken.add(pos)
            if any(w in ROLE_HEADS for w in run) and len(run) > len(best[0]):
                best = (run, taken)
        i = max(j, i + 1)
    return best if best[0] else _body_name_window(words, index)


def _body_name_window(words: list[str], index: SpeakerIndex) -> tuple[set[str], set[int]]:
    """The longest run of words that is exactly a body's name ("security media cell")."""
    best: tuple[set[str], set[int]] = (set(), set())
    for i in range(len(words)):
        run: set[str] = set()
        taken: set[int] = set()
        for j in range(i, min(len(words), i + 8)):
            if words[j] in _FILLERS:
                continue
            fixed = index.correct_role_word(words[j])
            if fixed is None:
                break
            run.add(fixed)
            taken.add(j)
            if len(run) > len(best[0]) and index.is_body_name(run):
                best = (set(run), set(taken))
    return best


def _role_phrase(words: list[str], run: set[str], taken: set[int], index: SpeakerIndex) -> str:
    """The role as understood, typos corrected, in the question's word order."""
    out = []
    for i in sorted(taken):
        fixed = index.correct_role_word(words[i]) or words[i]
        if fixed in run and fixed not in out:
            out.append(fixed)
    return " ".join(out)


def _candidates_from(
    name_hits: list[NameHit], role_hits: list[RoleHit], index: SpeakerIndex, name_min: float
) -> list[SpeakerCandidate]:
    """Speakers named by the question.  A name wins over a role; with both, the role
    must agree with the name ("the interior ministry spokesman Al-Muhanna"), and a
    name the role contradicts is dropped in favour of the role's holders."""
    role_ids = {h.speaker_id for h in role_hits}
    out: dict[int, SpeakerCandidate] = {}
    for h in name_hits:
        if h.score < SPEAKER_MIN or h.best_word < name_min:
            continue
        if role_hits and h.speaker_id not in role_ids:
            continue
        score = min(100.0, h.score + 5.0) if role_hits else h.score
        out[h.speaker_id] = SpeakerCandidate(
            h.speaker_id, index.speakers[h.speaker_id].name, round(score, 1), h.matched, "name"
        )
    if not out:
        # Holders of the asked role, not of one that names another body with the same
        # words ("government spokesman" is not the Kurdistan Region government's
        # spokesman) -- unless no role fits without such a qualifier.
        if any(not h.qualifiers for h in role_hits):
            role_hits = [h for h in role_hits if not h.qualifiers]
        # An exact fit wins over roles that add a role noun: "the interior ministry" is the
        # ministry itself, not its spokesman (a body is distinct from who speaks for it).
        if any(h.precision >= 0.999 for h in role_hits):
            role_hits = [h for h in role_hits if h.precision >= 0.999]
        for rh in role_hits:
            prev = out.get(rh.speaker_id)
            if prev is None or prev.score < rh.score:
                out[rh.speaker_id] = SpeakerCandidate(
                    rh.speaker_id, index.speakers[rh.speaker_id].name, round(rh.score, 1),
                    rh.spell.role if rh.spell else index.speakers[rh.speaker_id].name, "role",
                )
    cands = [c for c in out.values() if c.score >= SPEAKER_MIN]
    cands.sort(key=lambda c: (-c.score, -index.speakers[c.speaker_id].quote_count))
    return cands


def _speakers_in(text: str, index: SpeakerIndex, *, slotted: bool) -> tuple[list[SpeakerCandidate], str | None, set[str]]:
    """Speaker candidates named in `text`, the role text, and the words they used."""
    words = canonical_words(text)
    role_words, taken = _role_run(words, index)
    role_hits = index.match_role(role_words) if role_words else []
    rest = [w for i, w in enumerate(words) if i not in taken]
    # A name needs a slot ("what did X say"), a rank before it, or a near-exact match.
    name_min = SPEAKER_MIN if slotted else UNSLOTTED_NAME_MIN
    name_hits = index.match_names(rest, exact_only=not slotted)
    cands = _candidates_from(name_hits, role_hits, index, name_min)
    used: set[str] = {words[i] for i in taken}
    for c in cands:
        used.update(c.matched.lower().split() if c.via == "name" else ())
    role_text = _role_phrase(words, role_words, taken, index) if role_hits else None
    return cands, role_text, used


def _topic_terms(text: str, exclude: set[str]) -> list[str]:
    terms: list[str] = []
    for lw in canonical_words(text):
        if lw in _QUESTION_WORDS or lw in exclude:
            continue
        if lw not in terms:
            terms.append(lw)
    return terms


def parse_question(text: str, index: SpeakerIndex, today: date | None = None) -> Query:
    """Understand a question; never raises on odd input (it just understands less)."""
    cleaned = clean_question(text)
    dr = find_date_range(cleaned, today)
    body = cleaned
    if dr:
        body = (cleaned[: dr.span[0]] + " " + cleaned[dr.span[1] :]).strip()
        body = re.sub(r"\s+", " ", body).strip(" ,?!.")
    q = Query(text=cleaned, kind="empty")
    if dr:
        q.date_from, q.date_to, q.date_text = dr.start, dr.end, dr.text

    who = _WHO_SAID.match(body)
    if who:
        q.phrase = who.group("phrase").strip(" \"'“”‘’?.")
        q.kind = "who-said" if q.phrase else "empty"
        q.topic_terms = _topic_terms(q.phrase, set())
        return q

    slot = rest = None
    for shape in _SAY_SHAPES:
        m = shape.match(body)
        if m and not _PASSIVE.match(m.group("slot")):
            slot, rest = m.group("slot"), (m.group("rest") or "")
            break

    speakers: list[SpeakerCandidate] = []
    role_text: str | None = None
    used: set[str] = set()
    if slot is not None:
        speakers, role_text, used = _speakers_in(slot, index, slotted=True)
        if not speakers and shape in _VERBLESS_SHAPES:
            # "X on Y" without a verb: X may be a topic after all ("attacks on the airport")
            slot, rest = None, None
        elif not speakers:
            q.suggestions = index.suggestions(slot)
            q.role_text = slot
            q.kind = "speaker"  # a speaker we do not know: nothing to answer
            q.topic_terms = _topic_terms(rest or "", set())
            return q
    if slot is None:
        # Without a "what did X say" shape, a speaker can only come before "about ...".
        about = re.search(r"\b(?:about|regarding|concerning)\b", body, re.I)
        speakers, role_text, used = _speakers_in(body[: about.start()] if about else body, index, slotted=False)
        rest = body
    q.speakers = speakers[:12]
    q.role_text = role_text
    topic_source = rest or ""
    about = re.search(r"\b(?:about|on|regarding|concerning)\s+(.+)$", topic_source, re.I)
    if about and slot is not None:
        topic_source = about.group(1)
    q.topic_terms = _topic_terms(topic_source, used | _role_and_name_words(role_text))
    if speakers and _LATEST.search(body) and not q.topic_terms:
        q.kind = "latest"
    elif speakers:
        q.kind = "speaker+topic" if q.topic_terms else "speaker"
    elif q.topic_terms:
        q.kind = "topic"
    return q


def _role_and_name_words(role_text: str | None) -> set[str]:
    return set(role_text.split()) if role_text else set()
