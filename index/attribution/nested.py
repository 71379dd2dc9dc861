"""Quotes inside quotes: the outer speaker reporting someone else's words.

'Nadhem said: "The Prime Minister, Mustafa Al-Kazemi, told the ministers,
\'There is no going back,\' and ..."' gives two quotes: the outer one is
Nadhem's (he said all of it), and the inner one is the Prime Minister's,
attributed inside the outer quote ("he told the ministers" -> the person the
outer quote named last; "I told them" -> the outer speaker).  An inner quote
with no cue of its own is a scare quote or a title and is not reported.
"""

from __future__ import annotations

from bisect import bisect_left

from index.attribution.document import Document
from index.attribution.frames import frame_for_cue
from index.attribution.marks import find_nested_spans
from index.attribution.mentions import Group
from index.attribution.resolve import Resolution, Resolver
from index.models import Quote

_ANTECEDENT_WINDOW = 30  # mentions looked at, backwards, for a pronoun's antecedent


def _antecedent(doc: Document, firsts: list[int], lo: int, before: int) -> Group | None:
    """The last person named between tokens lo and before (for 'he' inside a quote)."""
    chunks = doc.index.chunks
    k = bisect_left(firsts, before) - 1
    stop = max(-1, k - _ANTECEDENT_WINDOW)
    while k > stop and chunks[k].first >= lo:
        c = chunks[k]
        if c.kind in ("person", "name") and c.head != "place":
            prev = doc.index.by_last.get(c.first - 1)
            if prev is not None and prev.kind == "role" and doc.layout.words[c.first - 1] == ",":
                return Group([prev, c])
            return Group([c])
        k -= 1
    return None


def nested_quotes(doc: Document, outer_quotes: list[Quote], resolver: Resolver) -> list[Quote]:
    """Quotes nested in the direct quotes already found, attributed inside them."""
    lay = doc.layout
    out: list[Quote] = []
    firsts = [c.first for c in doc.index.chunks]
    for q in outer_quotes:
        if q.kind != "direct" or "'" not in q.text and "‘" not in q.text:
            continue
        lo = lay.token_at(q.start)
        prev_close = lo
        for o, c, s, e in find_nested_spans(doc.text, q.start, q.end):
            open_tok = lay.token_at(o)
            frame = None
            for t in range(open_tok - 1, max(prev_close, open_tok - 40) - 1, -1):
                cue = doc.cue_at.get(t)
                if cue is not None:
                    frame = frame_for_cue(doc, cue, prev_close)
                    if frame is not None:
                        break
            prev_close = lay.token_at(c) + 1
            if frame is None or frame.subject is None:
                continue
            group = frame.subject
            res: Resolution | None
            pronoun = group.of_kind("pronoun")
            if pronoun is not None and pronoun.text.lower() in ("he", "she"):
                ante = _antecedent(doc, firsts, lo, pronoun.first)
                res = resolver.group(ante, ante.start) if ante else None
                if res is not None:
                    res = Resolution(res.entity, pronoun.text, "pronoun", 0.7)
            else:
                outer = resolver.reg.find_person(q.speaker.name) if q.speaker.name else None
                res = resolver.group(group, group.start, inner_of=outer)
            if res is None:
                continue
            out.append(Quote(q.article_id, s, e, doc.text[s:e], "direct", res.speaker(),
                             frame.cue))
    return out
