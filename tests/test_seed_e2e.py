"""The first issue's acceptance checks on the real seed article (skipped without ../shared)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, shared_or_skip

pytestmark = [pytest.mark.shared, pytest.mark.slow]


def cli(*args: str) -> str:
    r = subprocess.run([sys.executable, "-m", "index", *args], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    return r.stdout


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    seed = shared_or_skip("seed")
    ix = tmp_path_factory.mktemp("seed") / "ix"
    cli("build", str(seed), "--index", str(ix))
    return ix


def ask(ix: Path, question: str) -> dict:
    return json.loads(cli("ask", question, "--index", str(ix), "--json"))


def test_interior_ministry_spokesman(seed_index: Path) -> None:
    answers = ask(seed_index, "what did the interior ministry spokesman say")["answers"]
    assert answers
    first = answers[0]
    assert "Muhanna" in first["speaker"]["name"]
    assert "Interior" in (first["speaker"]["role"] or "") + (first["speaker"]["organization"] or "")
    assert first["date"] == "2021-01-26"
    assert all("Muhanna" in a["speaker"]["name"] for a in answers)


def test_who_said_security_breach(seed_index: Path) -> None:
    answers = ask(seed_index, "who said what happened is a security breach")["answers"]
    assert answers and "Khafaji" in answers[0]["speaker"]["name"]


def test_commander_in_chief_spokesman(seed_index: Path) -> None:
    answers = ask(seed_index, "what did the commander in chief's spokesman say")["answers"]
    assert answers and "Rasoul" in answers[0]["speaker"]["name"]
    assert "security forces will reach the perpetrators" in answers[0]["quote"]
