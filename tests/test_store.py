"""Index generations on disk: write, commit, open, validate, prune, switch under readers."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import numpy as np
import pytest

from index.engines import engine_class
from index.errors import IndexCorrupt, IndexNotFound
from index.store import (
    FORMAT_VERSION,
    STALE_TMP_SECONDS,
    Generation,
    GenerationWriter,
    current_generation_id,
    new_generation_id,
    open_generation,
    prune_generations,
)

ARTICLES = [
    {
        "id": "ina-1",
        "title": "Interior Ministry: Baghdad is safe",
        "published": "2021-01-26T14:24:00+03:00",
    },
    {
        "id": "ina-2",
        "title": "Kirkuk governor on the oil fields",
        "published": "2021-05-03T09:00:00+03:00",
    },
    {"id": "ina-3", "title": "Al-Kadhimi – «انتخابات» in June", "published": None},
]


def build(index_dir: Path, *, keep: int = 3, label: str = "first", n: int = 3) -> Generation:
    with GenerationWriter(index_dir, keep=keep) as writer:
        writer.write_records("articles", ARTICLES[:n])
        writer.write_array("days", np.arange(n, dtype=np.int32))
        writer.write_json("speakers", [{"name": "Khaled Al-Muhanna", "label": label}])
        engine_class("bm25s").build([["kirkuk", "safe"], ["oil"]]).save(
            writer.subdir("bm25-quotes")
        )
        return writer.commit({"label": label, "counts": {"articles": n}})


def generation_dirs(index_dir: Path) -> list[str]:
    return sorted(p.name for p in (index_dir / "generations").iterdir())


# ---------------------------------------------------------------------- write / open


def test_commit_writes_layout_manifest_and_current(tmp_path: Path) -> None:
    gen = build(tmp_path)
    assert (tmp_path / "CURRENT").read_text().strip() == gen.id
    assert current_generation_id(tmp_path) == gen.id
    assert generation_dirs(tmp_path) == [gen.id]
    assert gen.path == tmp_path / "generations" / gen.id
    m = json.loads((gen.path / "manifest.json").read_text())
    assert m == gen.manifest
    assert m["format_version"] == FORMAT_VERSION and m["generation"] == gen.id
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", m["created"])
    assert set(m["libraries"]) == {"python", "numpy", "bm25s", "rank_bm25", "PyStemmer"}
    assert m["libraries"]["bm25s"] and m["libraries"]["PyStemmer"]
    assert m["label"] == "first" and m["counts"] == {"articles": 3}
    assert (
        m["files"]["articles.records.jsonl"] == (gen.path / "articles.records.jsonl").stat().st_size
    )
    assert "bm25-quotes/engine.json" in m["files"]
    assert ".writer" not in m["files"]


def test_open_reads_every_kind_of_part(tmp_path: Path) -> None:
    build(tmp_path)
    gen = open_generation(tmp_path)
    days = gen.array("days")
    assert isinstance(days, np.memmap) and days.tolist() == [0, 1, 2] and not days.flags.writeable
    assert gen.json("speakers") == [{"name": "Khaled Al-Muhanna", "label": "first"}]
    engine = engine_class("bm25s").load(gen.subdir("bm25-quotes"))
    assert engine.scores(["kirkuk"]).tolist()[1] == 0 and engine.scores(["kirkuk"])[0] > 0
    with pytest.raises(IndexCorrupt, match="no array 'nope'"):
        gen.array("nope")
    with pytest.raises(IndexCorrupt, match="no records 'nope'"):
        gen.records("nope")
    with pytest.raises(IndexCorrupt, match="no directory 'nope'"):
        gen.subdir("nope")
    with pytest.raises(ValueError):
        gen.subdir("../elsewhere")


def test_records_are_lazy_and_indexable(tmp_path: Path) -> None:
    gen = build(tmp_path)
    records = gen.records("articles")
    assert len(records) == 3
    assert records[0] == ARTICLES[0]
    assert records[-1] == ARTICLES[2]  # unicode survives
    assert records[np.int64(1)] == ARTICLES[1]
    assert records[1:] == ARTICLES[1:]
    assert records[[2, 0]] == [ARTICLES[2], ARTICLES[0]]
    assert records[np.array([1, 1])] == [ARTICLES[1], ARTICLES[1]]
    assert list(records) == ARTICLES
    with pytest.raises(IndexError):
        records[3]
    assert gen.records("articles") is records  # opened once
    gen.close()
    with pytest.raises(ValueError, match="closed"):
        records[0]


def test_empty_records_and_arrays(tmp_path: Path) -> None:
    with GenerationWriter(tmp_path) as writer:
        assert writer.write_records("quotes", []) == 0
        writer.write_array("none", np.zeros(0, dtype=np.int32))
        gen = writer.commit()
    assert len(gen.records("quotes")) == 0 and list(gen.records("quotes")) == []
    assert gen.array("none").shape == (0,)


def test_write_records_returns_the_count_and_accepts_generators(tmp_path: Path) -> None:
    with GenerationWriter(tmp_path) as writer:
        assert writer.write_records("n", ({"i": i} for i in range(1000))) == 1000
        gen = writer.commit()
    assert gen.records("n")[999] == {"i": 999}


def test_writer_refuses_bad_names_duplicates_objects_and_reserved_keys(tmp_path: Path) -> None:
    with GenerationWriter(tmp_path) as writer:
        for bad in ("", "../x", "a/b", "a.b", "manifest", "x" * 65):
            with pytest.raises(ValueError):
                writer.write_json(bad, {})
        writer.write_json("ok", {})
        with pytest.raises(ValueError, match="already"):
            writer.write_json("ok", {})
        with pytest.raises(ValueError, match="pickle"):
            writer.write_array("objects", np.array([{"a": 1}], dtype=object))
        with pytest.raises(ValueError, match="set by the store"):
            writer.commit({"files": {}})
        writer.commit({"fine": True})


def test_keep_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        GenerationWriter(tmp_path, keep=0)


def test_generation_ids_sort_by_time_and_are_unique() -> None:
    ids = [new_generation_id(now=1_800_000_000 + i) for i in range(5)]
    assert ids == sorted(ids)
    assert all(re.match(r"^\d{8}T\d{6}\.\d{3}Z-[0-9a-f]{6}$", i) for i in ids)
    assert ids[0].startswith("20270115T080000.000Z-")
    assert new_generation_id(now=1_800_000_000.25).startswith("20270115T080000.250Z-")
    same_moment = {new_generation_id(now=1_800_000_000) for _ in range(50)}
    assert len(same_moment) == 50
    fresh = [new_generation_id() for _ in range(200)]  # made in a burst: still in order
    assert fresh == sorted(fresh) and len(set(fresh)) == 200


def test_open_named_generation(tmp_path: Path) -> None:
    old = build(tmp_path, label="old")
    new = build(tmp_path, label="new")
    assert open_generation(tmp_path).id == new.id
    assert open_generation(tmp_path, old.id).json("speakers")[0]["label"] == "old"


# ---------------------------------------------------------------------- failures


def test_no_index(tmp_path: Path) -> None:
    assert current_generation_id(tmp_path / "missing") is None
    with pytest.raises(IndexNotFound) as err:
        open_generation(tmp_path / "missing")
    where = tmp_path / "missing"
    assert str(err.value) == (
        f"no index at {where} — build one with: python -m index build SOURCE --index {where}"
    )


def test_exception_inside_the_with_keeps_the_old_generation(tmp_path: Path) -> None:
    old = build(tmp_path, label="old")
    with pytest.raises(RuntimeError, match="disk on fire"), GenerationWriter(tmp_path) as writer:
        writer.write_records("articles", ARTICLES)
        tmp_dir = writer.path
        assert tmp_dir.name.startswith(".tmp-") and tmp_dir.exists()
        raise RuntimeError("disk on fire")
    assert not tmp_dir.exists()
    assert current_generation_id(tmp_path) == old.id
    assert generation_dirs(tmp_path) == [old.id]
    assert open_generation(tmp_path).json("speakers")[0]["label"] == "old"


def test_exception_while_writing_records_keeps_the_old_generation(tmp_path: Path) -> None:
    old = build(tmp_path, label="old")

    def records():
        yield {"ok": 1}
        yield {"bad": object()}  # not JSON

    with pytest.raises(TypeError), GenerationWriter(tmp_path) as writer:
        writer.write_records("articles", records())
    assert current_generation_id(tmp_path) == old.id
    assert generation_dirs(tmp_path) == [old.id]


def test_leaving_without_commit_discards(tmp_path: Path) -> None:
    old = build(tmp_path)
    with GenerationWriter(tmp_path) as writer:
        writer.write_json("x", 1)
    assert generation_dirs(tmp_path) == [old.id]
    assert current_generation_id(tmp_path) == old.id


def test_corrupt_manifest_is_refused_and_names_the_fallback(tmp_path: Path) -> None:
    old = build(tmp_path, label="old")
    new = build(tmp_path, label="new")
    (new.path / "manifest.json").write_text("{not json")
    with pytest.raises(IndexCorrupt) as err:
        open_generation(tmp_path)
    message = str(err.value)
    assert "\n" not in message
    assert str(tmp_path) in message and new.id in message
    assert "not valid JSON" in message
    assert f"python -m index build SOURCE --index {tmp_path}" in message
    assert f"generation {old.id} is older but intact" in message
    # never used silently, and the old one is untouched
    assert current_generation_id(tmp_path) == new.id
    assert open_generation(tmp_path, old.id).json("speakers")[0]["label"] == "old"


def test_missing_file_is_refused(tmp_path: Path) -> None:
    gen = build(tmp_path)
    (gen.path / "bm25-quotes" / "data.csc.index.npy").unlink()
    with pytest.raises(IndexCorrupt, match=r"file bm25-quotes/data\.csc\.index\.npy is missing"):
        open_generation(tmp_path)


def test_truncated_file_is_refused(tmp_path: Path) -> None:
    gen = build(tmp_path)
    blob = gen.path / "articles.records.jsonl"
    blob.write_bytes(blob.read_bytes()[:-5])
    with pytest.raises(
        IndexCorrupt, match=r"articles\.records\.jsonl has \d+ bytes, the manifest says \d+"
    ):
        open_generation(tmp_path)


def test_unknown_format_version_is_refused(tmp_path: Path) -> None:
    gen = build(tmp_path)
    manifest = json.loads((gen.path / "manifest.json").read_text())
    manifest["format_version"] = 99
    (gen.path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(IndexCorrupt) as err:
        open_generation(tmp_path)
    assert "format version 99" in str(err.value)
    assert "rebuild is needed" in str(err.value)
    assert str(tmp_path) in str(err.value)


def test_current_naming_garbage_or_a_missing_generation(tmp_path: Path) -> None:
    build(tmp_path)
    (tmp_path / "CURRENT").write_text("../../etc\n")
    with pytest.raises(IndexCorrupt, match="not a generation id"):
        open_generation(tmp_path)
    (tmp_path / "CURRENT").write_text("20990101T000000.000Z-abcdef\n")
    with pytest.raises(IndexCorrupt, match=r"20990101T000000\.000Z-abcdef is missing"):
        open_generation(tmp_path)


def test_damaged_record_is_reported_on_access(tmp_path: Path) -> None:
    gen = build(tmp_path)
    blob = gen.path / "articles.records.jsonl"
    data = bytearray(blob.read_bytes())
    data[1:3] = b"@@"  # same size: passes the cheap checks
    blob.write_bytes(bytes(data))
    records = open_generation(tmp_path).records("articles")
    with pytest.raises(IndexCorrupt, match="record 0 of articles.records.jsonl is damaged"):
        records[0]
    assert records[1] == ARTICLES[1]


# ---------------------------------------------------------------------- switching and pruning


def test_reader_of_the_old_generation_keeps_working_after_a_switch(tmp_path: Path) -> None:
    old = build(tmp_path, label="old", n=2)
    reader = open_generation(tmp_path)
    records, days = reader.records("articles"), reader.array("days")
    new = build(tmp_path, label="new", n=3)
    assert current_generation_id(tmp_path) == new.id
    assert reader.id == old.id
    assert len(records) == 2 and records[1] == ARTICLES[1] and days.tolist() == [0, 1]
    assert reader.json("speakers")[0]["label"] == "old"
    assert len(open_generation(tmp_path).records("articles")) == 3


def test_opened_parts_survive_pruning_of_their_generation(tmp_path: Path) -> None:
    build(tmp_path, label="old", n=2)
    reader = open_generation(tmp_path)
    records, days = reader.records("articles"), reader.array("days")
    build(tmp_path, keep=1, label="new")
    assert not reader.path.exists()  # pruned
    assert records[0] == ARTICLES[0] and days.tolist() == [0, 1]  # POSIX: mappings stay valid


def test_pruning_keeps_the_newest_n(tmp_path: Path) -> None:
    ids = [build(tmp_path, keep=2, label=str(i)).id for i in range(4)]
    assert generation_dirs(tmp_path) == sorted(ids[-2:])
    assert current_generation_id(tmp_path) == ids[-1]


def test_pruning_never_removes_the_current_generation(tmp_path: Path) -> None:
    first = build(tmp_path)
    later = [build(tmp_path).id for _ in range(2)]
    (tmp_path / "CURRENT").write_text(first.id + "\n")  # an operator rolled back
    assert prune_generations(tmp_path, keep=1) == [later[0]]
    assert generation_dirs(tmp_path) == sorted([first.id, later[1]])


def test_pruning_spares_running_builds_and_removes_dead_ones(tmp_path: Path) -> None:
    build(tmp_path)
    generations = tmp_path / "generations"
    young = generations / ".tmp-20990101T000000.000Z-aaaaaa"  # another build, just started
    young.mkdir()
    dead = generations / ".tmp-20000101T000000.000Z-bbbbbb"  # crashed long ago, no writer file
    dead.mkdir()
    (dead / "articles.records.jsonl").write_text("{}\n")
    alive = generations / ".tmp-20000101T000000.000Z-cccccc"  # old but its writer still runs
    alive.mkdir()
    (alive / ".writer").write_text(f"{os.getpid()} {os.uname().nodename}\n")
    old = time.time() - STALE_TMP_SECONDS - 60
    for path in (dead, alive):
        os.utime(path, (old, old))
    unrelated = generations / "notes"
    unrelated.mkdir()
    build(tmp_path)
    names = generation_dirs(tmp_path)
    assert young.name in names and alive.name in names and "notes" in names
    assert dead.name not in names
    assert not any(n.startswith(".del-") for n in names)


def test_running_writer_marks_its_tmp_dir(tmp_path: Path) -> None:
    with GenerationWriter(tmp_path) as writer:
        writer.write_json("x", 1)
        assert (writer.path / ".writer").read_text().split()[0] == str(os.getpid())
        gen = writer.commit()
    assert not (gen.path / ".writer").exists()


def test_commit_twice_or_after_abort_is_an_error(tmp_path: Path) -> None:
    with GenerationWriter(tmp_path) as writer:
        writer.write_json("x", 1)
        writer.commit()
        with pytest.raises(RuntimeError, match="committed"):
            writer.commit()
    writer = GenerationWriter(tmp_path)
    writer.write_json("x", 1)
    writer.abort()
    with pytest.raises(RuntimeError, match="aborted"):
        writer.commit()
