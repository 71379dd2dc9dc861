import pytest

from bot import callbacks
from bot.callbacks import MAX_CALLBACK_BYTES, Action, BadCallbackData, decode

pytestmark = pytest.mark.timeout(60)

GEN = "20261127T182949.880Z-47ce5a"


@pytest.mark.parametrize(
    "action",
    [
        callbacks.more(GEN, 5, "what did the JOC spokesman say"),
        callbacks.context(GEN, 123_456),
        callbacks.speaker(GEN, 17),
        callbacks.latest(GEN, 10),
    ],
)
def test_round_trip(action: Action) -> None:
    data = action.encode()
    assert decode(data) == action
    assert len(data.encode()) <= MAX_CALLBACK_BYTES


def test_worst_case_fits_in_64_bytes() -> None:
    big = 10**15  # far beyond any archive
    long_question = "what did " + "the spokesman for the ministry " * 50 + "say"
    for action in (callbacks.more(GEN, big, long_question), callbacks.context(GEN, big)):
        assert len(action.encode().encode()) <= MAX_CALLBACK_BYTES


def test_generation_tag_is_the_random_suffix() -> None:
    assert callbacks.generation_tag(GEN) == "47ce5a"
    assert callbacks.same_generation("47ce5a", GEN)
    assert not callbacks.same_generation("47ce5a", "20261127T190000.000Z-abc123")
    assert not callbacks.same_generation("", GEN)


def test_question_hash_ignores_case_and_spacing() -> None:
    assert callbacks.question_hash("What did  the JOC say") == callbacks.question_hash("what did the joc say ")
    assert callbacks.question_hash("what did the JOC say") != callbacks.question_hash("what did the MoI say")


@pytest.mark.parametrize(
    "data",
    ["", "x", "m:47ce5a:5", "m:47ce5a:five:1234abcd", "c:47ce5a:-1", "c:4?ce5a:1", "z:47ce5a:1",
     "m:47ce5a:5:XYZ", "c:47ce5a:1:extra", "more:5", "c:" + "a" * 70],
)
def test_foreign_data_is_rejected(data: str) -> None:
    with pytest.raises(BadCallbackData):
        decode(data)
