"""The speaker directory: one entry per real person or body across the archive.

Attribution resolves speakers inside one article; this module merges them
across articles.  People merge when their names are the same up to spelling
and transliteration (Al-Kadhimi / al-Kazemi / Kahdimi); a bare surname joins the
one full name it can belong to; two different first names with one surname
stay two people.  Bodies merge on their canonical name, so "Interior Ministry"
is "Ministry of Interior" but the Kurdistan Region's ministry stays apart.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from index.models import RoleSpell, Speaker, SpeakerRef
from index.names import name_key, same_name
from index.roles import role_key, role_tokens

# Two spellings of one name score at least this with names.same_name (0..100).
SAME_NAME_SCORE = 80.0


@dataclass(slots=True)
class SpeakerMention:
    """One quote's resolved speaker, as the directory sees it."""

    speaker: SpeakerRef
    day: date | None
    article_id: str


@dataclass(slots=True)
class _Group:
    kind: str
    key: str
    mentions: list[int] = field(default_factory=list)


def _skeleton(token: str) -> str:
    """A coarse sound key for blocking transliterations: Kadhimi, Kazemi, Kahdimi -> kdm."""
    t = token.lower()
    t = re.sub(r"(dh|th|z|dz|d)", "d", t)
    t = re.sub(r"(kh|q|k|c)", "k", t)
    t = re.sub(r"(gh|g|j)", "g", t)
    t = re.sub(r"(sh|s)", "s", t)
    t = re.sub(r"[aeiouyhw'\-]", "", t)
    return re.sub(r"(.)\1+", r"\1", t)


def _body_key(name: str) -> str:
    return " ".join(sorted(role_tokens(name)))


def _split_key(key: str) -> tuple[str, str]:
    """(first names, surname) of a name key."""
    parts = key.split()
    if not parts:
        return "", ""
    return " ".join(parts[:-1]), parts[-1]


class _PersonMerger:
    """Union-find over person name keys, blocked by the surname's sound skeleton."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.parent: dict[str, str] = {k: k for k in keys}

    def find(self, k: str) -> str:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _same_person(a: str, b: str) -> bool:
    """Full-name keys that name one person: "Rakan al-Jubouri" is not "Najm al-Jubouri"."""
    return same_name(a, b) >= SAME_NAME_SCORE


def build_directory(
    mentions: Sequence[SpeakerMention], context: Sequence[SpeakerMention] = ()
) -> tuple[list[Speaker], list[int]]:
    """Speakers across the archive, and the speaker id of each quote's mention (-1: unknown).

    `mentions` are the speakers of quotes, one per quote.  `context` are people and
    bodies the articles name without quoting them (or besides quoting them): they
    teach the directory spellings, roles and the usual form of a name (the PM spelled
    Al-Kadhimi in most articles and Al-Kazemi in one), but make no entry of their own.
    """
    n_quotes = len(mentions)
    everything = [*mentions, *context]
    groups: dict[tuple[str, str], _Group] = {}
    mention_group: list[tuple[str, str] | None] = []
    for i, m in enumerate(everything):
        sp = m.speaker
        if not sp.name:
            mention_group.append(None)
            continue
        if sp.kind == "body":
            gk = ("body", _body_key(sp.name))
        else:
            gk = ("person", name_key(sp.name))
        if not gk[1]:
            mention_group.append(None)
            continue
        groups.setdefault(gk, _Group(gk[0], gk[1])).mentions.append(i)
        mention_group.append(gk)

    person_keys = [k for kind, k in groups if kind == "person"]
    merger = _PersonMerger(person_keys)
    full = [k for k in person_keys if len(k.split()) > 1]
    blocks: dict[str, list[str]] = defaultdict(list)
    for k in full:
        blocks[_skeleton(_split_key(k)[1])].append(k)
    for block in blocks.values():
        for x in range(len(block)):
            for y in range(x + 1, len(block)):
                if _same_person(block[x], block[y]):
                    merger.union(block[x], block[y])
    # A shorter form of a name (a bare surname, "Sabah Shaker" for "Nawas Sabah Shaker")
    # joins the one person it can be; if several, it stays apart.
    for k in person_keys:
        parts = k.split()
        owners = {
            merger.find(f)
            for f in blocks.get(_skeleton(parts[-1]), [])
            if len(f.split()) > len(parts)
            and same_name(" ".join(f.split()[-len(parts) :]), k) >= SAME_NAME_SCORE
        }
        if len(owners) == 1:
            merger.union(k, owners.pop())

    merged: dict[tuple[str, str], list[int]] = defaultdict(list)
    for (kind, k), g in groups.items():
        root = merger.find(k) if kind == "person" else k
        merged[(kind, root)].extend(g.mentions)

    speakers: list[Speaker] = []
    speaker_of_group: dict[tuple[str, str], int] = {}
    # Only people and bodies who are quoted get an entry; deterministic ids: most quoted
    # first, then by name.
    quoted = [(gk, idxs, sum(1 for i in idxs if i < n_quotes)) for gk, idxs in merged.items()]
    ordered = sorted((q for q in quoted if q[2]), key=lambda q: (-q[2], q[0]))
    for sid, ((kind, root), idxs, count) in enumerate(ordered):
        speakers.append(_make_speaker(sid, kind, [everything[i] for i in idxs], count))
        speaker_of_group[(kind, root)] = sid
    ids: list[int] = []
    for group in mention_group[:n_quotes]:
        if group is None:
            ids.append(-1)
            continue
        kind, k = group
        root = merger.find(k) if kind == "person" else k
        ids.append(speaker_of_group[(kind, root)])
    return speakers, ids


def _make_speaker(sid: int, kind: str, ms: list[SpeakerMention], quote_count: int) -> Speaker:
    # How many articles spell the name each way (an article quoting someone ten times
    # is still one vote for its spelling).
    names = Counter(n for n, _ in {(m.speaker.name, m.article_id) for m in ms if m.speaker.name})
    # The usual spelling, preferring full names: a name counts the mentions of its
    # shorter forms too ("Nawas Sabah Shaker" is also what "Shaker" meant).
    keys = {n: name_key(n).split() for n in names}

    def support(n: str) -> int:
        return sum(c for m, c in names.items() if keys[n][-len(keys[m]) :] == keys[m] and keys[m])

    # Ties between spellings go to the one seen first.
    first_seen: dict[str | None, tuple[date, str]] = {}
    for m in sorted(ms, key=lambda m: (m.day or date.max, m.article_id)):
        first_seen.setdefault(m.speaker.name, (m.day or date.max, m.article_id))
    name = min(names, key=lambda n: (len(keys[n]) <= 1, -support(n), -names[n], first_seen[n], n))
    titles = Counter(m.speaker.title for m in ms if m.speaker.title)
    roles: dict[str, dict[str, Any]] = {}
    for m in ms:
        sp = m.speaker
        if not sp.role:
            continue
        key = role_key(sp.role, None)
        r = roles.setdefault(key, {"texts": Counter(), "orgs": Counter(), "days": [], "count": 0})
        r["texts"][sp.role] += 1
        if sp.organization:
            r["orgs"][sp.organization] += 1
        if m.day:
            r["days"].append(m.day)
        r["count"] += 1
    spells = [
        RoleSpell(
            role=r["texts"].most_common(1)[0][0],
            organization=r["orgs"].most_common(1)[0][0] if r["orgs"] else None,
            first_seen=min(r["days"]) if r["days"] else None,
            last_seen=max(r["days"]) if r["days"] else None,
            count=r["count"],
        )
        for r in roles.values()
    ]
    spells.sort(key=lambda s: (s.first_seen or date.min, -s.count))
    days = [m.day for m in ms if m.day]
    orgs = Counter(m.speaker.organization for m in ms if m.speaker.organization)
    return Speaker(
        id=sid,
        name=name,
        kind="body" if kind == "body" else "person",
        spellings=sorted(names, key=lambda n: -names[n]),
        roles=spells,
        organization=(name if kind == "body" else (orgs.most_common(1)[0][0] if orgs else None)),
        title=titles.most_common(1)[0][0] if titles else None,
        quote_count=quote_count,
        first_seen=min(days) if days else None,
        last_seen=max(days) if days else None,
    )


def speaker_to_json(s: Speaker) -> dict[str, Any]:
    return {
        "id": s.id,
        "name": s.name,
        "kind": s.kind,
        "spellings": s.spellings,
        "roles": [
            {
                "role": r.role,
                "organization": r.organization,
                "first_seen": r.first_seen.isoformat() if r.first_seen else None,
                "last_seen": r.last_seen.isoformat() if r.last_seen else None,
                "count": r.count,
            }
            for r in s.roles
        ],
        "organization": s.organization,
        "title": s.title,
        "quote_count": s.quote_count,
        "first_seen": s.first_seen.isoformat() if s.first_seen else None,
        "last_seen": s.last_seen.isoformat() if s.last_seen else None,
    }


def _day(v: str | None) -> date | None:
    return date.fromisoformat(v) if v else None


def speaker_from_json(d: dict[str, Any]) -> Speaker:
    return Speaker(
        id=int(d["id"]),
        name=d["name"],
        kind=d["kind"],
        spellings=list(d.get("spellings") or []),
        roles=[
            RoleSpell(
                role=r["role"],
                organization=r.get("organization"),
                first_seen=_day(r.get("first_seen")),
                last_seen=_day(r.get("last_seen")),
                count=int(r.get("count", 1)),
            )
            for r in d.get("roles") or []
        ],
        organization=d.get("organization"),
        title=d.get("title"),
        quote_count=int(d.get("quote_count", 0)),
        first_seen=_day(d.get("first_seen")),
        last_seen=_day(d.get("last_seen")),
    )
