"""Shared fixtures: the demo archive built once per test session, paths to ../shared."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo"
SHARED = ROOT.parent / "shared"


def run_cli(*args: str) -> list[str]:
    """The argv of `python -m index ...` with this interpreter."""
    return [sys.executable, "-m", "index", *args]


@pytest.fixture(scope="session")
def demo_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the bundled demo archive, built in-process once per session."""
    from index.builder import build_index
    from index.config import Config, IndexSettings

    path = tmp_path_factory.mktemp("demo-index")
    build_index([DEMO], Config(index=IndexSettings(path=str(path), workers=1)), progress=False)
    return path


@pytest.fixture(scope="session")
def demo_archive(demo_index: Path):
    from index.archive import Archive

    return Archive.open(demo_index)


def shared_or_skip(*parts: str) -> Path:
    """A path under ../shared, or skip the test when the folder is absent (a user's clone)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is only on the team's machines)")
    return path
