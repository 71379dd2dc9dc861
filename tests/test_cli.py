"""End to end through the command line: python -m index build | ask | quotes | stats, and the console chat."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DEMO, ROOT

pytestmark = pytest.mark.slow


def run(*args: str, stdin: str | None = None, module: str = "index") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ix = tmp_path_factory.mktemp("cli") / "ix"
    r = run("build", str(DEMO), "--index", str(ix), "--workers", "2")
    assert r.returncode == 0, r.stderr
    assert "articles: 20" in r.stdout and "quotes:" in r.stdout and "speakers:" in r.stdout
    return ix


def test_ask_json_follows_the_contract(built: Path) -> None:
    r = run("ask", "what did the JOC spokesman say", "--index", str(built), "--json", "-k", "3")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert set(out) >= {"question", "interpretation", "answers"}
    assert out["interpretation"]["kind"] == "speaker"
    assert 1 <= len(out["answers"]) <= 3
    a = out["answers"][0]
    assert set(a) >= {"quote", "kind", "speaker", "date", "article", "passage", "score"}
    assert set(a["speaker"]) >= {"name", "role", "organization"}
    assert set(a["article"]) >= {"id", "title", "url", "source"}
    assert a["speaker"]["name"] == "Tariq Al-Saadi" and a["kind"] in ("direct", "indirect")
    assert len(a["date"]) == 10 and a["quote"] in a["passage"]


def test_ask_reads_questions_from_stdin_one_json_line_each(built: Path) -> None:
    questions = "what did the JOC spokesman say\n\nwhat did the defence ministry spokesman say\nwho said the moon is cheese\n"
    r = run("ask", "-", "--index", str(built), "--json", stdin=questions)
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["question"] for x in lines] == [
        "what did the JOC spokesman say",
        "what did the defence ministry spokesman say",
        "who said the moon is cheese",
    ]
    assert lines[0]["answers"] and lines[1]["answers"] == [] and lines[2]["answers"] == []
    assert lines[1]["interpretation"]["suggestions"]


def test_ask_in_text_mode_and_a_too_long_question(built: Path) -> None:
    r = run("ask", "MoI spokesman in 2019", "--index", str(built))
    assert r.returncode == 0 and "Qasim Al-Rubaie" in r.stdout and "2019-" in r.stdout
    r = run("ask", "x" * 10_000, "--index", str(built))
    assert r.returncode == 1 and "too long" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_quotes_offsets_slice_the_body(tmp_path: Path) -> None:
    r = run("quotes", str(DEMO / "demo-005.txt"), str(DEMO / "demo-002.json"), "--json")
    assert r.returncode == 0, r.stderr
    from index.ingest import read_file

    for line in r.stdout.splitlines():
        rec = json.loads(line)
        body = read_file(Path(rec["file"]))[0][0].body
        assert rec["quotes"]
        for q in rec["quotes"]:
            assert body[q["start"] : q["end"]] == q["text"]
            assert set(q) >= {"start", "end", "text", "speaker", "role", "kind", "cue"}


def test_quotes_raw_offsets_index_the_whole_file(tmp_path: Path) -> None:
    f = tmp_path / "plain.txt"
    text = 'Budget row deepens\r\n\r\nThe finance minister, Dr. Leila Hamid, said: "The deficit will fall next year."\r\n'
    f.write_bytes(text.encode())
    r = run("quotes", str(f), "--raw", "--json")
    rec = json.loads(r.stdout)
    content = f.read_bytes().decode()
    assert [content[q["start"] : q["end"]] for q in rec["quotes"]] == ["The deficit will fall next year."]
    assert rec["quotes"][0]["speaker"] == "Leila Hamid"
    assert rec["quotes"][0]["credit"] == "Dr. Leila Hamid, finance minister"


def test_stats(built: Path) -> None:
    r = run("stats", "--index", str(built), "--json")
    info = json.loads(r.stdout)
    assert info["counts"]["articles"] == 20 and info["engine"] == "bm25s"
    assert info["date_range"] == ["2018-07-15", "2025-03-05"]


def test_bad_files_are_reported_by_name_and_skipped(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.json").write_text((DEMO / "demo-001.json").read_text())
    (src / "broken.json").write_text('{"title": "x", "body": ')
    (src / "latin1.txt").write_bytes("Caf\xe9 news\n\nbody".encode("latin-1"))
    (src / "empty.txt").write_text("")
    r = run("build", str(src), "--index", str(tmp_path / "ix"))
    assert r.returncode == 0, r.stderr
    assert "articles: 1" in r.stdout and "skipped: 3" in r.stdout
    for name in ("broken.json", "latin1.txt", "empty.txt"):
        assert name in r.stdout


def test_a_failed_build_leaves_the_previous_generation_usable(built: Path, tmp_path: Path) -> None:
    before = (built / "CURRENT").read_text()
    empty = tmp_path / "empty"
    empty.mkdir()
    r = run("build", str(empty), "--index", str(built))
    assert r.returncode != 0 and r.stderr.startswith("error: ") and len(r.stderr.strip().splitlines()) == 1
    only_bad = tmp_path / "bad"
    only_bad.mkdir()
    (only_bad / "x.json").write_text("not json")
    r = run("build", str(only_bad), "--index", str(built))
    assert r.returncode != 0 and "x.json" in r.stderr
    assert (built / "CURRENT").read_text() == before
    assert json.loads(run("ask", "what did the JOC spokesman say", "--index", str(built), "--json").stdout)["answers"]


def test_a_missing_or_broken_index_is_one_line(tmp_path: Path) -> None:
    r = run("ask", "anything", "--index", str(tmp_path / "nowhere"))
    assert r.returncode != 0 and "no index" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    broken = tmp_path / "broken"
    (broken / "generations" / "g1").mkdir(parents=True)
    (broken / "CURRENT").write_text("g1\n")
    (broken / "generations" / "g1" / "manifest.json").write_text("{not json")
    r = run("stats", "--index", str(broken))
    assert r.returncode != 0 and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_console_chat_answers_like_the_bot(built: Path) -> None:
    script = "what did the JOC spokesman say\nmore\n/speakers spokesman\nwhat did the defence ministry spokesman say\n"
    r = run("--console", "--index", str(built), stdin=script, module="bot")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "Tariq Al-Saadi" in out and "Joint Operations Command" in out
    assert "“" in out  # verbatim quotes are shown in quotation marks
    assert "Speakers matching" in out
    assert "don't know a speaker" in out
