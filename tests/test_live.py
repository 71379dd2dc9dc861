"""LiveArchive: follows rebuilds, and no question waits for a new generation's warm-up."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from index.builder import build_index
from index.config import Config, IndexSettings
from index.live import LiveArchive

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo"


def _build(index_dir: Path, source: Path) -> str:
    return build_index([source], Config(index=IndexSettings(path=str(index_dir), workers=1)), progress=False).generation


def test_new_generation_is_warmed_up_before_it_is_switched_in(tmp_path: Path) -> None:
    first = _build(tmp_path / "ix", DEMO)
    live = LiveArchive(tmp_path / "ix", check_every=0)
    assert live.get().id == first
    deadline = time.monotonic() + 10
    while "speaker_index" not in vars(live.get()) and time.monotonic() < deadline:
        time.sleep(0.01)  # the start-up warm-up runs in a background thread
    assert "speaker_index" in vars(live.get())
    smaller = tmp_path / "src"
    smaller.mkdir()
    shutil.copy(DEMO / "demo-001.json", smaller)
    second = _build(tmp_path / "ix", smaller)
    archive = live.get()
    assert archive.id == second
    assert "speaker_index" in vars(archive)  # built before the swap
