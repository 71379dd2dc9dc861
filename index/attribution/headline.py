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
