"""Files -> Article: wire-layout and plain .txt, .json, .jsonl and saved .html pages.

The contract other modules use (docs/ARCHITECTURE.md): `iter_source_files`,
`read_file`, `article_from_text`, `raw_article`.  Every Article body is its
paragraphs, stripped of indentation, joined by a blank line; offsets index it.
"""

from index.ingest.decoding import read_text
from index.ingest.files import SUPPORTED_SUFFIXES, iter_source_files, read_file
from index.ingest.html_page import article_from_html
from index.ingest.json_articles import article_from_record
from index.ingest.paragraphs import body_from_text
from index.ingest.published import parse_published
from index.ingest.wire_text import article_from_text, raw_article

__all__ = [
    "SUPPORTED_SUFFIXES",
    "article_from_html",
    "article_from_record",
    "article_from_text",
    "body_from_text",
    "iter_source_files",
    "parse_published",
    "raw_article",
    "read_file",
    "read_text",
]
