"""One article body analysed once: layout, quote spans, cues and mentions."""

from __future__ import annotations

from index.attribution.cues import Cue, find_cues
from index.attribution.layout import Layout
from index.attribution.marks import QuoteSpan, find_quote_spans
from index.attribution.mentions import ChunkIndex, find_chunks


class Document:
    """The analysed body.  `open_tok[k]` is the token index of span k's opening
    mark, `after_tok[k]` that of the first token after its closing mark (the
    paragraph's end for a quote left open)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.layout = Layout(text)
        self.spans: list[QuoteSpan] = find_quote_spans(text, self.layout.paragraphs)
        self.layout.set_quotes([(s.open, s.after) for s in self.spans])
        self.cues: list[Cue] = find_cues(self.layout)
        self.cue_at: dict[int, Cue] = {c.first: c for c in self.cues}
        self.index = ChunkIndex(self.layout, find_chunks(self.layout))
        lay = self.layout
        self.open_tok: list[int] = [lay.token_at(s.open) for s in self.spans]
        self.after_tok: list[int] = [
            lay.token_at(s.after) if s.closed else lay.paragraph_tokens(s.paragraph)[1]
            for s in self.spans]
        self.span_at_open: dict[int, int] = {t: k for k, t in enumerate(self.open_tok)}

    def sentence_start(self, tok: int) -> int:
        lay = self.layout
        return lay.sent_first[lay.sent[tok]] if tok < lay.n else lay.n

    def sentence_end(self, tok: int) -> int:
        lay = self.layout
        return lay.sent_last[lay.sent[tok]] if tok < lay.n else lay.n
