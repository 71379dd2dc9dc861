"""Headline attributions: 'Khalaf: Security forces will secure ...', 'JOC spokesman: ...'.

The words before the colon name who the story is about.  They are not a quote
(a headline paraphrases, and its offsets are not in the body); they give a
fallback speaker for a body quote whose pronoun or nominal reference has no
antecedent in the body, and they merge with the body's fuller name
("Khalaf" -> "Abdul Karim Khalaf").
"""

from __future__ import annotations

import re

from index.attribution.layout import Layout
from index.attribution.mentions import ChunkIndex, find_chunks, word_set
from index.attribution.resolve import Entity, Registry

_SPEAKER = re.compile(r"^\s*([^:\n]{2,60}?):\s+\S")
_NOT_SPEAKERS = word_set("""
    update breaking video exclusive analysis watch live opinion photos photo report
    interview editorial explainer factbox timeline q&a correction urgent
""")


def headline_speaker(title: str | None, registry: Registry) -> Entity | None:
    """The entity a headline attributes its words to, or None."""
    if not title:
        return None
    m = _SPEAKER.match(title)
    if not m:
        return None
    phrase = m.group(1).strip()
    if phrase.lower() in _NOT_SPEAKERS or len(phrase.split()) > 6 or phrase[:1].isdigit():
        return None
    lay = Layout(phrase)
    lay.set_quotes([])
    index = ChunkIndex(lay, find_chunks(lay))
    chunks = index.chunks
    if not chunks or chunks[0].first != 0 or chunks[-1].last != len(lay):
        return None
    group = index.group_forward(chunks[0])
    person = group.of_kind("person", "name")
    role = group.of_kind("role")
    if person is not None and person.head != "place" and person.name:
        e = registry.find_person(person.name)
        if e is not None:
            return e
        word = person.name.lower()
        if len(person.name.split()) == 1 and any(
                word in (b.name or "").lower().split() for b in registry.bodies):
            return None  # "Interior: ..." names the Ministry of Interior, not a person
        e = registry.add_person(person.name, title=person.title, headline=True)
        if role is not None:
            registry.set_role(e, role.role, role.org, role.head)
        return e
    if role is not None and not role.plural and len(chunks) == 1:
        holder = registry.role_holder(role, 1 << 60)
        if holder is not None:
            return holder
        e = Entity(-1, "person", None, role=role.role, organization=role.org, headline=True)
        if role.head:
            e.heads.add(role.head)
        return e
    return None


# ", Lindsey Graham Says." closing a headline
_SAYS_AT_END = re.compile(
    r",\s+([A-Z][^,:]{1,60}?)\s+(?:Says|Said|Tells|Told|Warns|Claims|Argues|Insists)\W*$")
_WORD = re.compile(r"[\w’'.-]+")


def _known(registry: Registry, text: str) -> Entity | None:
    """The person or body of the article that a headline's words name ("Obama" -> the
    Barack Obama of the body), or None."""
    text = text.strip(" .,:;")
    if not text or not text[0].isupper():
        return None
    e = registry.find_body(text)
    if e is None and len(text.split()) <= 4:
        e = registry.find_person(text)
    return e if e is not None and (e.positions or e.spoke) else None


def _leading_entity(registry: Registry, text: str) -> tuple[Entity, int] | None:
    """The entity the first one to four words of a headline name, and where they end."""
    words = list(_WORD.finditer(text))
    for n in range(min(4, len(words)), 0, -1):
        end = words[n - 1].end()
        e = _known(registry, text[:end])
        if e is not None:
            return e, end
    return None


def headline_quotes(text: str, a: int, b: int, marks: list[tuple[int, int]],
                    registry: Registry) -> list[tuple[int, int, Entity]]:
    """Quotes in a headline kept as the body's first paragraph text[a:b] (a raw text file):
    'Obama Sees 'Personal Insult' if Blacks Don't Rally', 'A lesson from Loretta Lynch:
    'Be the voice'', 'Trump 'The Dealmaker' Could Act, Lindsey Graham Says'.

    `marks` holds the (start, end) of the quoted words in it.  Each gives (start, end,
    speaker) of what the headline reports: after a colon, before a closing ", X Says",
    or after the verb of a person or body the headline opens with.  Only speakers the
    body names count; anything else gives nothing.
    """
    if not marks:
        return []
    head = text[a:b]
    while head and head[-1] in " .":
        head = head[:-1]
    end = a + len(head)
    first = min(s for s, _ in marks)
    m = _SAYS_AT_END.search(head)
    if m is not None:
        e = _known(registry, m.group(1))
        return [(a, a + m.start(), e)] if e is not None and first < a + m.start() else []
    colon = head.rfind(":", 0, first - a)
    if colon > 0:
        before = head[:colon]
        found = None
        for x in _WORD.finditer(before):  # the entity named latest before the colon
            for n in range(1, 5):
                words = before[x.start():].split()[:n]
                e = _known(registry, " ".join(words))
                if e is not None:
                    found = e
        if found is None:
            return []
        s = a + colon + 1
        while s < end and text[s] == " ":
            s += 1
        return [(s, end, found)]
    lead = _leading_entity(registry, head)
    if lead is None:
        return []
    e, stop = lead
    verb = _WORD.search(head, stop)
    if verb is None:
        return []
    s = a + verb.end()
    while s < end and text[s] == " ":
        s += 1
    if s > first or s >= end:
        return []
    return [(s, end, e)]
