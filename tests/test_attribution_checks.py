"""The attribution check scripts: the demo archive's speakers, and clean skips without ../shared."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.eval.check_demo_speakers import DEMO, QUESTIONS, check, same_speaker

ROOT = Path(__file__).resolve().parents[1]


def test_every_demo_gold_answer_has_its_speaker() -> None:
    lines, failures = check(DEMO, QUESTIONS)
    assert not failures, "\n".join(failures + lines)


def test_same_speaker_takes_spellings_not_other_people() -> None:
    assert same_speaker("Qasim Al-Rubaiy", "Qasim al-Rubaie")
    assert same_speaker("Ministry of Health in the Kurdistan Region",
                        "Kurdistan Region Ministry of Health")
    assert not same_speaker("Omar Al-Jabri", "Rana al-Jabri")
    assert not same_speaker(None, "Rana al-Jabri")


def test_evaluation_scripts_skip_without_shared(tmp_path: Path) -> None:
    absent = str(tmp_path / "absent")
    for args in (["-m", "tests.eval.polnear", "--shared", absent],
                 ["-m", "tests.eval.train_cues", "--shared", absent,
                  "--out", str(tmp_path / "cues.json")]):
        out = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True,
                             timeout=120)
        assert out.returncode == 0 and out.stdout.startswith("skip"), out
    assert not (tmp_path / "cues.json").exists()
