"""The search process: same replies as in-process, follows the bot's generation, fails cleanly."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core import QuoteDesk
from bot.render import plain
from bot.search_worker import SearchWorker, SearchWorkerGone, setup_for
from index.archive import Archive
from index.config import SearchSettings

pytestmark = pytest.mark.timeout(120)

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ["what did the JOC spokesman say", "who said the roads are open", "latest from Al-Saadi", "xyzzy"]


@pytest.fixture()
def index_dir(demo_index: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "ix"
    shutil.copytree(demo_index, copy)
    return copy


async def test_the_child_answers_as_the_bot_would(index_dir: Path) -> None:
    archive = Archive.open(index_dir)
    here = QuoteDesk(lambda: archive)
    worker = SearchWorker(setup_for(index_dir, SearchSettings(), 500))
    await worker.start()
    try:
        assert worker.alive and worker.generation == archive.id
        for q in QUESTIONS:
            there = await worker.call(archive.id, "ask", q)
            assert plain(there) == plain(here.ask(q)) and there.generation == archive.id
        page = await worker.call(archive.id, "page", QUESTIONS[0], offset=5, generation=archive.id)
        assert plain(page) == plain(here.page(QUESTIONS[0], offset=5, generation=archive.id))
        # A failing call is reported to its caller; the child carries on.
        with pytest.raises(RuntimeError, match="no_such_method"):
            await worker.call(archive.id, "no_such_method")
        assert plain(await worker.call(archive.id, "ask", QUESTIONS[0])) == plain(here.ask(QUESTIONS[0]))
    finally:
        await worker.stop()
    assert not worker.alive


async def test_the_child_follows_the_bots_generation(index_dir: Path) -> None:
    old = Archive.open(index_dir).id
    worker = SearchWorker(setup_for(index_dir, SearchSettings(), 500))
    await worker.start()
    try:
        subprocess.run([sys.executable, "-m", "index", "build", str(ROOT / "demo"), "--index", str(index_dir),
                        "--quiet"], check=True, cwd=ROOT, capture_output=True)
        new = Archive.open(index_dir).id
        assert new != old
        # Until the bot itself switches, the child keeps answering from the bot's generation.
        assert (await worker.call(old, "ask", QUESTIONS[0])).generation == old
        assert (await worker.call(new, "ask", QUESTIONS[0])).generation == new
    finally:
        await worker.stop()


async def test_a_dead_child_says_so(index_dir: Path) -> None:
    worker = SearchWorker(setup_for(index_dir, SearchSettings(), 500))
    await worker.start()
    generation = worker.generation
    assert worker._proc is not None
    worker._proc.kill()
    with pytest.raises(SearchWorkerGone):
        await worker.call(generation, "ask", QUESTIONS[0])
    assert not worker.alive
    with pytest.raises(SearchWorkerGone):
        await worker.call(generation, "ask", QUESTIONS[0])
    await worker.stop()


async def test_a_broken_index_fails_the_start_in_one_line(tmp_path: Path) -> None:
    worker = SearchWorker(setup_for(tmp_path / "missing", SearchSettings(), 500))
    with pytest.raises(SearchWorkerGone, match="did not start"):
        await worker.start()
    assert not worker.alive
