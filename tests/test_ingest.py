"""index.ingest: files -> Article, on small wire-style fixtures written for these tests."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

import index.ingest.files as ingest_files
from index.errors import ArticleError, SourceError
from index.ingest import (
    article_from_html,
    article_from_text,
    iter_source_files,
    parse_published,
    raw_article,
    read_file,
    read_text,
)

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
WIRE = FIXTURES / "wire"
BAGHDAD = timezone(timedelta(hours=3))
SHARED = Path(__file__).resolve().parents[2] / "shared"


def read_one(path: Path, **kwargs: object):
    articles, errors = read_file(path, **kwargs)
    assert errors == [], [str(e) for e in errors]
    assert len(articles) == 1
    return articles[0]


def read_error(path: Path) -> ArticleError:
    articles, errors = read_file(path)
    assert articles == []
    assert len(errors) == 1
    return errors[0]


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


WIRE_TEXT = (
    "Health: Field hospital opens in Tal Afar\n\n"
    "  • 14-08-2022, 18:30\n"
    "  • +A -A\n\n"
    "    Mosul - INA\n\n"
    "    The Nineveh health directorate opened a field hospital in Tal Afar on Sunday.\n\n"
    "    Its director, Dr. Firas Al-Jubouri, said: “The hospital has forty beds.”"
)


# -- wire layout -------------------------------------------------------------------


def test_wire_layout_header_fields():
    art = read_one(WIRE / "border-crossing.txt")
    assert art.id == "border-crossing"
    assert art.title.startswith("Basra Operations: ")
    assert art.published == datetime(2021, 3, 9, 10, 5, tzinfo=UTC)
    assert art.dateline == "Basra"
    assert art.source == "INA"
    assert art.url is None
    assert art.path == str(WIRE / "border-crossing.txt")
    paragraphs = art.body.split("\n\n")
    assert len(paragraphs) == 5
    assert paragraphs[0].startswith("The Basra Operations Command announced")
    assert "+A -A" not in art.body and "INA\n" not in art.body
    assert all(p == p.strip() for p in paragraphs)


def test_wire_naive_time_gets_default_tz():
    art = read_one(WIRE / "border-crossing.txt", default_tz=BAGHDAD)
    assert art.published == datetime(2021, 3, 9, 10, 5, tzinfo=BAGHDAD)
    assert art.published.utcoffset() == timedelta(hours=3)


def test_wire_single_digit_day_hyphenated_city_trailing_newline():
    art = read_one(WIRE / "water-dams.txt")
    assert art.published == datetime(2022, 5, 3, 9, 40, tzinfo=UTC)
    assert art.dateline == "Al-Amarah"
    assert art.source == "INA"
    assert not art.body.endswith("\n")
    assert art.body.endswith("next month.")


@pytest.mark.parametrize("stem", ["border-crossing", "water-dams"])
def test_txt_and_json_twins_agree(stem: str):
    txt = read_one(WIRE / f"{stem}.txt", default_tz=BAGHDAD)
    js = read_one(WIRE / f"{stem}.json", default_tz=BAGHDAD)
    assert (txt.id, txt.title, txt.body, txt.published) == (js.id, js.title, js.body, js.published)
    assert (txt.source, txt.dateline) == (js.source, js.dateline)


def test_wire_crlf_bom_and_tabs_give_the_same_article():
    plain = article_from_text(WIRE_TEXT, path="a.txt")
    windows = "\ufeff" + WIRE_TEXT.replace("\n", "\r\n").replace("    ", "\t")
    other = article_from_text(windows, path="a.txt")
    assert (other.title, other.body, other.published, other.dateline, other.source) == (
        plain.title,
        plain.body,
        plain.published,
        plain.dateline,
        plain.source,
    )
    assert plain.body.startswith("The Nineveh health directorate")


def test_wire_date_line_without_bullet_and_without_widget():
    text = "Title line\n\n14-08-2022, 18:30\n\nMosul - INA\n\nBody paragraph one.\n\nTwo."
    art = article_from_text(text, path="x.txt")
    assert art.published == datetime(2022, 8, 14, 18, 30, tzinfo=UTC)
    assert art.dateline == "Mosul"
    assert art.body == "Body paragraph one.\n\nTwo."


@pytest.mark.parametrize(
    "date_line",
    ["August 14, 2022", "14 Aug 2022 18:30", "2022-08-14T18:30:00+03:00", "Sunday, 14 August 2022"],
)
def test_wire_other_date_forms(date_line: str):
    art = article_from_text(f"Title\n\n  • {date_line}\n\nMosul - INA\n\nBody.", path="x.txt")
    assert art.published is not None and art.published.date().isoformat() == "2022-08-14"
    assert art.body == "Body."


@pytest.mark.parametrize("city", ["Maysan", "Sunbury", "Decatur", "Al-Amarah", "Tuz Khurmatu"])
def test_wire_datelines_that_start_like_a_month_or_weekday(city: str):
    art = article_from_text(
        f"Title\n\n  • 14-08-2022, 18:30\n\n    {city} - INA\n\n    Body.", path="x"
    )
    assert (art.dateline, art.source, art.body) == (city, "INA", "Body.")
    plain = article_from_text(f"Title\n\n{city} - INA\n\nBody.", path="x")
    assert (plain.dateline, plain.body) == (city, "Body.")


def test_wire_bad_date_line_is_an_error_naming_it():
    with pytest.raises(ArticleError) as info:
        article_from_text("Title\n\n  • 31-02-2021, 10:00\n\n    Body.", path="bad.txt")
    assert "31-02-2021, 10:00" in str(info.value)
    assert str(info.value).startswith("bad.txt: ")


def test_wire_header_without_body_is_an_error():
    with pytest.raises(ArticleError, match="no article text"):
        article_from_text(
            "Title\n\n  • 14-08-2022, 18:30\n  • +A -A\n\n    Mosul - INA\n", path="x"
        )


# -- plain text --------------------------------------------------------------------


def test_plain_text_title_is_first_line():
    art = read_one(FIXTURES / "plain" / "council-session.txt")
    assert art.title == "Provincial council approves the new budget"
    assert art.published is None and art.dateline is None and art.source is None
    paragraphs = art.body.split("\n\n")
    assert len(paragraphs) == 2
    # Lines of one block stay joined by a single newline: nothing is reflowed.
    assert paragraphs[0].count("\n") == 1
    assert paragraphs[0].split("\n")[1].startswith("The head of the council, Mr. Nabil")


def test_plain_text_short_line_is_not_taken_for_a_dateline():
    art = article_from_text("Debate night\n\nTrump - Clinton debate\n\nThe debate began.", path="d")
    assert art.dateline is None
    assert art.body == "Trump - Clinton debate\n\nThe debate began."


def test_plain_text_paragraph_starting_with_a_number_stays_body():
    art = article_from_text("Budget\n\n2021 was a hard year for the treasury.\n\nMore.", path="b")
    assert art.published is None
    assert art.body.startswith("2021 was a hard year")


def test_one_line_text_is_title_and_body():
    art = article_from_text("  Only one line here.  \n", path="one.txt")
    assert art.title == "Only one line here."
    assert art.body == "Only one line here."


def test_long_first_line_is_body_not_headline():
    line = "The committee met. " * 30
    art = article_from_text(line + "\n\nSecond paragraph.", path="long.txt")
    assert art.body.startswith("The committee met.")
    assert art.body.endswith("Second paragraph.")
    assert len(art.title) <= 125 and art.title.endswith("…")


def test_body_is_verbatim_inside_paragraphs():
    text = "T\n\n    He said:  “Two  spaces   stay,”\tand tabs too.  \n\n\n\n   Last.   "
    art = article_from_text(text, path="v")
    assert art.body == "He said:  “Two  spaces   stay,”\tand tabs too.\n\nLast."


def test_raw_article_keeps_the_whole_text():
    text = "\ufeffHeadline here\r\n\r\n   Indented body “quote”.\r\n"
    art = raw_article(text, path="dir/raw-one.txt")
    assert art.body == text[1:]
    assert art.title == "Headline here"
    assert art.id == "raw-one"
    assert art.published is None
    with pytest.raises(ArticleError, match="empty"):
        raw_article(" \n ", path="e.txt")


# -- publication dates -------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("26-01-2021, 14:24", datetime(2021, 1, 26, 14, 24, tzinfo=UTC)),
        ("  • 26-01-2021, 14:24", datetime(2021, 1, 26, 14, 24, tzinfo=UTC)),
        ("2021-01-26", datetime(2021, 1, 26, tzinfo=UTC)),
        ("2021-01-26 14:24", datetime(2021, 1, 26, 14, 24, tzinfo=UTC)),
        ("2021-01-26T14:24:00Z", datetime(2021, 1, 26, 14, 24, tzinfo=UTC)),
        ("January 26, 2021", datetime(2021, 1, 26, tzinfo=UTC)),
        ("Jan. 26, 2021 2:24 PM", datetime(2021, 1, 26, 14, 24, tzinfo=UTC)),
        ("26 Jan 2021 14:24", datetime(2021, 1, 26, 14, 24, tzinfo=UTC)),
        ("Tuesday, 26 January 2021 - 14:24", datetime(2021, 1, 26, 14, 24, tzinfo=UTC)),
        ("26/01/2021", datetime(2021, 1, 26, tzinfo=UTC)),
        ("01/26/2021", datetime(2021, 1, 26, tzinfo=UTC)),
        ("2021/01/26", datetime(2021, 1, 26, tzinfo=UTC)),
        ("26 Jan 2021 14:24 GMT", datetime(2021, 1, 26, 14, 24, tzinfo=UTC)),
        ("Tue, 26 Jan 2021 14:24:00 +0000", datetime(2021, 1, 26, 14, 24, tzinfo=UTC)),
        (1611671040, datetime(2021, 1, 26, 14, 24, tzinfo=UTC)),
    ],
)
def test_parse_published_forms(value: str | int, expected: datetime):
    assert parse_published(value) == expected


def test_parse_published_keeps_offsets_and_applies_default_tz():
    kept = parse_published("2021-01-26T14:24:00+05:30", default_tz=BAGHDAD)
    assert kept.utcoffset() == timedelta(hours=5, minutes=30)
    assert kept.hour == 14
    wire = parse_published("26-01-2021, 14:24 +03:00")
    assert wire.utcoffset() == timedelta(hours=3)
    naive = parse_published("26-01-2021, 14:24", default_tz=BAGHDAD)
    assert naive.tzinfo is BAGHDAD


@pytest.mark.parametrize(
    "value", ["", "yesterday", "31-02-2021", "2021-13-01", "26-01-2021, 25:61", "May 2021", True]
)
def test_parse_published_rejects(value: str | bool):
    with pytest.raises(ValueError):
        parse_published(value)


# -- JSON and JSON lines -----------------------------------------------------------


def test_json_article():
    art = read_one(WIRE / "border-crossing.json")
    assert art.id == "border-crossing"
    assert art.published == datetime(2021, 3, 9, 10, 5, tzinfo=BAGHDAD)
    assert art.published.utcoffset() == timedelta(hours=3)
    assert (art.source, art.dateline, art.url) == ("INA", "Basra", None)


def test_json_list_of_articles_and_list_bodies():
    articles, errors = read_file(FIXTURES / "collection.json")
    assert errors == []
    assert [a.id for a in articles] == ["list-1", "collection#2"]
    first, second = articles
    assert first.url == "https://example.org/news/list-1"
    assert first.body.count("\n\n") == 1  # a list of two paragraph strings
    assert second.published is None  # null published: kept without a date


def test_jsonl_keeps_good_lines_and_reports_bad_ones():
    articles, errors = read_file(FIXTURES / "batch.jsonl")
    assert [a.id for a in articles] == ["jl-001", "batch#2", "jl-005"]
    assert articles[1].body.split("\n\n")[1] == "The line runs every hour during the visit season."
    assert articles[2].published == datetime(2023, 7, 17, tzinfo=UTC)
    assert [e.path for e in errors] == [
        f"{FIXTURES / 'batch.jsonl'}:4",
        f"{FIXTURES / 'batch.jsonl'}:5",
    ]
    assert errors[0].reason == "missing title"
    assert errors[1].reason.startswith("invalid JSON")
    assert all(a.path == str(FIXTURES / "batch.jsonl") for a in articles)


def test_jsonl_with_bom_crlf_and_no_trailing_newline(tmp_path: Path):
    lines = [json.dumps({"title": f"T{i}", "body": f"Body {i}."}) for i in range(3)]
    path = write(tmp_path, "b.jsonl", ("\ufeff" + "\r\n".join(lines)).encode("utf-8"))
    articles, errors = read_file(path)
    assert errors == []
    assert [a.id for a in articles] == ["b#1", "b#2", "b#3"]


def test_jsonl_invalid_utf8_line_is_reported_with_its_number(tmp_path: Path):
    good = json.dumps({"title": "Good", "body": "Fine."}).encode()
    path = write(tmp_path, "mixed.jsonl", good + b"\n" + b'{"title": "\x93bad\x94", "body": "x"}\n')
    articles, errors = read_file(path)
    assert [a.title for a in articles] == ["Good"]
    assert errors[0].path.endswith("mixed.jsonl:2")
    assert "not UTF-8" in errors[0].reason


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"body": "Text."}, "missing title"),
        ({"title": "  ", "body": "Text."}, "missing title"),
        ({"title": "T"}, "missing body"),
        ({"title": "T", "body": " \n\n "}, "empty body"),
        ({"title": 5, "body": "Text."}, "title must be a string"),
        ({"title": "T", "body": {"p": 1}}, "body must be a string or a list of strings"),
        ({"title": "T", "body": "x", "published": "next Tuesday"}, "'next Tuesday'"),
        ({"title": "T", "body": "x", "published": [2021]}, "published must be a date string"),
        ({"title": "T", "body": "x", "url": 7}, "url must be a string"),
        ([1], "expected a JSON object, found a number"),
        (7, "expected a JSON object or a list of objects"),
        ([], "empty list"),
    ],
)
def test_json_errors_name_the_file_and_reason(tmp_path: Path, record: object, reason: str):
    path = write(tmp_path, "bad.json", json.dumps(record))
    articles, errors = read_file(path)
    assert articles == []
    assert len(errors) == 1
    assert str(path) in str(errors[0])
    assert reason in errors[0].reason


def test_json_missing_published_is_allowed(tmp_path: Path):
    art = read_one(write(tmp_path, "nodate.json", json.dumps({"title": "T", "body": "B."})))
    assert art.published is None
    assert art.id == "nodate"


def test_corrupt_json(tmp_path: Path):
    err = read_error(write(tmp_path, "broken.json", '{"title": "T", "body": "B.",\n'))
    assert err.path == str(tmp_path / "broken.json")
    assert err.reason.startswith("invalid JSON at line")


# -- unreadable input --------------------------------------------------------------


def test_invalid_utf8_is_reported_with_the_offending_byte(tmp_path: Path):
    err = read_error(write(tmp_path, "cp1252.txt", b"Title\n\nHe said \x93yes\x94.\n"))
    assert "not UTF-8" in err.reason and "0x93" in err.reason and "offset 15" in err.reason


def test_binary_file(tmp_path: Path):
    err = read_error(write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
    assert "binary" in err.reason


@pytest.mark.parametrize("content", [b"", b"  \n\r\n\t"])
@pytest.mark.parametrize("name", ["e.txt", "e.json", "e.jsonl", "e.html"])
def test_empty_files(tmp_path: Path, name: str, content: bytes):
    assert read_error(write(tmp_path, name, content)).reason == "empty file"


def test_utf16_with_bom_is_read(tmp_path: Path):
    art = read_one(write(tmp_path, "u16.txt", WIRE_TEXT.encode("utf-16")))
    assert art.dateline == "Mosul"


def test_file_over_the_size_cap_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(ingest_files, "MAX_ARTICLE_FILE_BYTES", 100)
    err = read_error(write(tmp_path, "big.txt", "Title\n\n" + "word " * 50))
    assert "too big" in err.reason and "limit" in err.reason


def test_missing_file_folder_and_unsupported_type(tmp_path: Path):
    assert read_error(tmp_path / "nope.txt").reason == "no such file"
    assert read_error(tmp_path / "nope.jsonl").reason == "no such file"
    (tmp_path / "folder.txt").mkdir()
    assert "folder" in read_error(tmp_path / "folder.txt").reason
    assert "unsupported file type '.pdf'" in read_error(write(tmp_path, "a.pdf", "x")).reason


def test_read_text_for_raw_mode(tmp_path: Path):
    path = write(tmp_path, "r.txt", b"\xef\xbb\xbfHead\r\nBody\r\n")
    assert read_text(path) == "Head\r\nBody\r\n"
    with pytest.raises(ArticleError, match="not UTF-8"):
        read_text(write(tmp_path, "bad.txt", b"\xff\xfe\xfd"[1:]))


# -- finding files -----------------------------------------------------------------


def test_iter_source_files(tmp_path: Path):
    for name in [
        "b.txt",
        "a/one.json",
        "a/deeper/two.jsonl",
        "a/page.HTM",
        "a/notes.md",
        ".hidden.txt",
        ".git/objects.txt",
        "a/.cache/skip.json",
    ]:
        write(tmp_path, name, "x")
    explicit = write(tmp_path / "elsewhere", "README", "x")
    found = iter_source_files([tmp_path, tmp_path / "b.txt", explicit])
    rel = [p.relative_to(tmp_path).as_posix() for p in found]
    assert rel == ["a/deeper/two.jsonl", "a/one.json", "a/page.HTM", "b.txt", "elsewhere/README"]


def test_iter_source_files_errors(tmp_path: Path):
    with pytest.raises(SourceError, match="no such file or folder"):
        iter_source_files([tmp_path / "missing"])
    write(tmp_path, "empty/notes.md", "x")
    with pytest.raises(SourceError, match="no article files"):
        iter_source_files([tmp_path / "empty"])


def test_fixture_folder_reads_cleanly():
    files = iter_source_files([FIXTURES])
    assert len(files) == 9
    ok = bad = 0
    for path in files:
        articles, errors = read_file(path)
        ok += len(articles)
        bad += len(errors)
    assert (ok, bad) == (12, 2)  # the two bad lines of batch.jsonl


# -- HTML --------------------------------------------------------------------------


def test_html_page():
    art = read_one(FIXTURES / "html" / "ministry-page.html")
    assert art.title == "Interior: Checkpoints to be reduced in the capital"
    assert art.published == datetime(2022, 10, 4, 13, 15, tzinfo=BAGHDAD)
    assert art.url == "https://news.example.org/interior/4711"
    assert art.source == "Example News"
    paragraphs = art.body.split("\n\n")
    assert len(paragraphs) == 3
    # HTML whitespace collapsed, entities unescaped, <br> kept as a line break.
    assert paragraphs[0].endswith("inside Baghdad by the end of the year.")
    assert "The ministry’s spokesman" in paragraphs[1]
    assert "“Traffic & trade will move faster" in paragraphs[1]
    assert paragraphs[2] == (
        'He added that "cameras will replace the fixed points" on the main roads.\n'
        "The first phase covers the Karkh side."
    )
    for chrome in (
        "Home",
        "Related",
        "Share",
        "rights reserved",
        "Not a paragraph",
        "checkpoint in",
    ):
        assert chrome not in art.body


def test_html_page_without_article_element():
    art = read_one(FIXTURES / "html" / "bare-page.html")
    assert art.title == "Sports: Basra stadium hosts the final"
    assert art.published == datetime(2023, 1, 19, tzinfo=UTC)
    assert art.body.split("\n\n") == [
        "The Basra International Stadium will host the cup final on Friday, "
        "the football association said.",
        'The head of the association told reporters: "Tickets will be sold at the gates."',
        "Fans are asked to arrive early.",
    ]


def test_html_json_ld_date_and_article_body_fallback():
    page = """<html><head>
    <script type="application/ld+json">{"@graph": [{"@type": "WebSite", "name": "S"},
      {"@type": "NewsArticle", "headline": "Ports: Cargo up", "datePublished": "2024-02-01T09:00:00+03:00",
       "articleBody": "Cargo rose by a tenth.\\n\\nThe port director said so.",
       "publisher": {"@type": "Organization", "name": "Port Weekly"}}]}</script>
    </head><body><div>menu</div></body></html>"""
    art = article_from_html(page, path="p.html")
    assert art.title == "Ports: Cargo up"
    assert art.published == datetime(2024, 2, 1, 9, 0, tzinfo=BAGHDAD)
    assert art.body == "Cargo rose by a tenth.\n\nThe port director said so."
    assert art.source == "Port Weekly"


def test_html_declared_charset_is_honoured(tmp_path: Path):
    page = (
        b'<html><head><meta charset="windows-1252"><title>Quotes</title></head>'
        b"<body><p>He said \x93we are ready\x94.</p></body></html>"
    )
    art = read_one(write(tmp_path, "old.html", page))
    assert art.body == "He said “we are ready”."


def test_html_errors():
    with pytest.raises(ArticleError, match="no title"):
        article_from_html("<html><body><p>Text only.</p></body></html>", path="t.html")
    with pytest.raises(ArticleError, match="no article text"):
        article_from_html("<html><head><title>T</title></head><body></body></html>", path="t")
    bad_date = '<title>T</title><meta property="article:published_time" content="soon"><p>x</p>'
    with pytest.raises(ArticleError, match="'soon'"):
        article_from_html(bad_date, path="t.html")


# -- the shared corpora (absent in a user's clone) ---------------------------------


@pytest.mark.shared
def test_shared_wire_texts_match_their_json_twins_and_the_seed_parses():
    ina = SHARED / "corpora" / "ina-style"
    seed_dir = SHARED / "seed"
    if not ina.is_dir() or not seed_dir.is_dir():
        pytest.skip("../shared is not present")
    twins = sorted((ina / "dev-txt").glob("*.txt"))
    assert twins
    for txt_path in twins:
        txt = read_one(txt_path, default_tz=BAGHDAD)
        js = read_one(ina / "dev" / f"{txt_path.stem}.json", default_tz=BAGHDAD)
        assert txt.title == js.title, txt_path.name
        assert txt.body == js.body, txt_path.name
        assert txt.published == js.published, txt_path.name
        assert (txt.dateline, txt.source) == (js.dateline, js.source), txt_path.name

    seed_path = next(seed_dir.glob("*.txt"))
    seed = read_one(seed_path)
    raw = seed_path.read_text(encoding="utf-8")
    assert seed.title == raw.split("\n", 1)[0].strip()
    assert seed.published == datetime(2021, 1, 26, 14, 24, tzinfo=UTC)
    assert (seed.dateline, seed.source) == ("Baghdad", "INA")
    expected = [line.strip() for line in raw.split("\n")[6:] if line.strip()]
    assert seed.body.split("\n\n") == expected
    assert len(expected) == 9
