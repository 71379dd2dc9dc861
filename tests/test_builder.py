"""The build pipeline: tasks cut by size, results merged in order, same index whatever the cut."""

from __future__ import annotations

import filecmp
import json
import os
import shutil
from pathlib import Path

import pytest

import index.builder as builder
from index.builder import Task, build_index, plan_tasks
from index.config import Config, IndexSettings
from index.store import GenerationWriter, open_generation

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo"


def _articles(n: int, *, prefix: str = "a", title: str = "Oil exports") -> list[dict]:
    return [
        {
            "id": f"{prefix}{i}",
            "title": f"{title} {i}",
            "published": f"2021-05-{i % 28 + 1:02d}T10:00:00+03:00",
            "body": (
                f"The Ministry of Oil said on Monday that exports rose for the {i}th week.\n\n"
                f"The spokesman for the Ministry of Oil, Assim Al-Rammawi, told INA: \"The "
                f"terminal number {i} will open before the summer.\"\n\nHe added that the "
                "contracts would be published."
            ),
        }
        for i in range(n)
    ]


def _write_jsonl(path: Path, records: list[dict], bad_line_at: int | None = None) -> None:
    lines = [json.dumps(r) for r in records]
    if bad_line_at is not None:
        lines.insert(bad_line_at, "{not json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    _write_jsonl(src / "a" / "x.jsonl", _articles(40), bad_line_at=17)
    _write_jsonl(src / "b" / "x.jsonl", _articles(40))  # the same articles again: skipped
    _write_jsonl(src / "c" / "y.jsonl", _articles(12, title="Other"))  # same ids, other titles
    for name in ("demo-001.json", "demo-005.txt", "demo-009.txt"):
        shutil.copy(DEMO / name, src / "c" / name)
    return src


def _build(src: Path, index_dir: Path, workers: int) -> tuple[Path, builder.BuildSummary]:
    summary = build_index([src], Config(index=IndexSettings(path=str(index_dir), workers=workers)), progress=False)
    gen = open_generation(index_dir)
    return gen.path, summary


def _same_files(a: Path, b: Path) -> list[str]:
    differ = []
    for root, _, files in os.walk(a):
        for name in files:
            pa = Path(root) / name
            rel = pa.relative_to(a)
            if name in ("manifest.json", "engine.json"):
                continue
            if not filecmp.cmp(pa, b / rel, shallow=False):
                differ.append(str(rel))
    return differ


def test_plan_groups_small_files_and_slices_large_jsonl(tmp_path: Path) -> None:
    small = []
    for i in range(5):
        p = tmp_path / f"s{i}.json"
        p.write_text("x" * 100)
        small.append(p)
    big = tmp_path / "big.jsonl"
    big.write_text("y" * 1000)
    tasks = plan_tasks([*small[:3], big, *small[3:]], task_bytes=250)
    assert tasks[0] == Task((str(small[0]), str(small[1])))
    assert tasks[1] == Task((str(small[2]),))
    assert [t.part for t in tasks[2:6]] == [0, 1, 2, 3] and all(t.parts == 4 for t in tasks[2:6])
    assert tasks[6] == Task((str(small[3]), str(small[4])))


def test_index_is_the_same_however_the_work_is_cut(archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole, s1 = _build(archive, tmp_path / "one", workers=1)
    monkeypatch.setattr(builder, "TASK_BYTES", 3000)  # slices every jsonl, groups nothing
    assert len(plan_tasks(builder.iter_source_files([archive]), builder.TASK_BYTES)) > 10
    cut, s2 = _build(archive, tmp_path / "two", workers=2)
    assert _same_files(whole, cut) == []
    assert s1.skipped == s2.skipped
    assert (s1.articles, s1.passages, s1.quotes, s1.speakers) == (s2.articles, s2.passages, s2.quotes, s2.speakers)


def test_duplicates_are_skipped_and_id_clashes_kept(archive: Path, tmp_path: Path) -> None:
    _, summary = _build(archive, tmp_path / "idx", workers=1)
    reasons = [r for _, r in summary.skipped]
    assert sum("already read from" in r for r in reasons) == 40
    assert any(f.endswith("x.jsonl:18") and "invalid JSON" in r for f, r in summary.skipped)  # the bad line
    assert summary.articles == 40 + 12 + 3
    gen = open_generation(tmp_path / "idx")
    ids = [r["id"] for r in gen.records("articles")]
    assert len(set(ids)) == len(ids)
    assert "c/a0" in ids and "a0" in ids


def test_records_sink_streams_and_refuses_multi_line_records(tmp_path: Path) -> None:
    with GenerationWriter(tmp_path) as writer:
        with writer.open_records("things") as sink:
            sink.append({"n": 1})
            sink.append_encoded(b'{"n":2}')
            with pytest.raises(ValueError, match="one line"):
                sink.append_encoded(b'{"n":\n3}')
        assert len(sink) == 2
        gen = writer.commit()
    assert list(gen.records("things")) == [{"n": 1}, {"n": 2}]


def test_an_aborted_build_leaves_no_sink_behind(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), GenerationWriter(tmp_path) as writer:
        writer.open_records("things").append({"n": 1})
        raise RuntimeError("boom")
    assert not any((tmp_path / "generations").iterdir())
