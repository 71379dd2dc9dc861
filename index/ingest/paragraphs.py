"""Article bodies: text -> paragraphs joined by a blank line, otherwise verbatim.

Quotes must stay verbatim, so the only changes are: line endings become `\\n`,
each line loses its indentation and trailing blanks, and paragraphs (blocks
separated by blank lines) are joined by exactly `"\\n\\n"`.  Lines inside one
block (hard-wrapped text) stay joined by a single `\\n`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

PARAGRAPH_SEPARATOR = "\n\n"

# A blank line: a newline, optional blanks, another newline (and any blank lines after it).
_BLANK_LINES = re.compile(r"\n\s*\n")
# Blanks around the newlines inside a block.
_LINE_EDGES = re.compile(r"[^\S\n]*\n[^\S\n]*")


def normalise_newlines(text: str) -> str:
    """`\\r\\n` and lone `\\r` -> `\\n`; a leading byte-order mark dropped."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def clean_paragraph(block: str) -> str:
    """One block with its indentation and surrounding blanks removed, inner text untouched."""
    block = block.strip()
    if "\n" in block:
        block = _LINE_EDGES.sub("\n", block)
    return block


def paragraphs_of(text: str) -> list[str]:
    """The non-empty paragraphs of `text` (blocks separated by blank lines), cleaned."""
    text = normalise_newlines(text)
    out = []
    for block in _BLANK_LINES.split(text):
        cleaned = clean_paragraph(block)
        if cleaned:
            out.append(cleaned)
    return out


def join_paragraphs(paragraphs: Iterable[str]) -> str:
    """Paragraphs cleaned and joined into an article body; blank ones dropped.

    A paragraph string that itself holds blank lines is split into several.
    """
    out: list[str] = []
    for paragraph in paragraphs:
        if "\n" in paragraph or "\r" in paragraph:
            out.extend(paragraphs_of(paragraph))
        else:
            cleaned = paragraph.strip()
            if cleaned:
                out.append(cleaned)
    return PARAGRAPH_SEPARATOR.join(out)


def body_from_text(text: str) -> str:
    """An article body from free text whose paragraphs are separated by blank lines."""
    return PARAGRAPH_SEPARATOR.join(paragraphs_of(text))
