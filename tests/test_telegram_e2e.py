"""End to end: the real bot process (`python -m bot`) against a fake Bot API server on 127.0.0.1.

One server and one bot process serve the whole module (module-scoped
fixtures); each test talks as its own users, so the per-user rate limit of one
test never touches another.  Tests inject updates (private and group messages,
button presses, inline queries) and assert on the Bot API calls the bot made.
The server validates HTML the way Telegram does, so a missed escape is a 400
error the tests see.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from index.builder import build_index
from index.config import Config, IndexSettings
from tests.botapi import TOKEN, BotProcess, Call, FakeBotAPI, bot_env
from tests.botapi.articles import LONG_QUOTE, MARKUP, RELOAD, RELOAD_WORDS, write_articles

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo"
SECRET = TOKEN.split(":", 1)[1]
GROUP = -1001234567890
OUTSIDER = 999_999
RATE_LIMIT = 6

pytestmark = [pytest.mark.slow, pytest.mark.timeout(90)]

_users = itertools.count(1000)


def new_user() -> int:
    """A fresh user id (on the allow-list), so each test has its own rate-limit bucket."""
    return next(_users)


def _build(index_dir: Path, *sources: Path) -> str:
    summary = build_index(
        list(sources), Config(index=IndexSettings(path=str(index_dir), workers=1)), progress=False, log=lambda _: None
    )
    return summary.generation


def _write_config(path: Path, index_dir: Path, **telegram: Any) -> Path:
    tg = {"poll_timeout": 5, "flood_messages_per_second": 1000, "flood_group_messages_per_minute": 600}
    tg.update(telegram)
    lines = ["[index]", f"path = {json.dumps(str(index_dir))}", "", "[telegram]"]
    lines += [f"{k} = {json.dumps(v)}" for k, v in tg.items()]
    lines += [
        "",
        "[bot]",
        f"allowed_users = {json.dumps(list(range(1000, 1400)))}",
        f"allowed_chats = [{GROUP}]",
        f"rate_limit = {RATE_LIMIT}",
        "rate_limit_window = 60",
        "reload_interval = 0.2",
        "typing_delay = 0",
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_articles(tmp_path_factory.mktemp("bot-articles"), MARKUP, LONG_QUOTE)


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory, sources: Path) -> Path:
    path = tmp_path_factory.mktemp("bot-index")
    _build(path, DEMO, sources)
    return path


@pytest.fixture(scope="module")
def api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI(TOKEN) as server:
        yield server


@pytest.fixture(scope="module")
def bot(api: FakeBotAPI, index_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotProcess]:
    config = _write_config(tmp_path_factory.mktemp("bot-config") / "config.toml", index_dir)
    process = BotProcess(["--config", str(config)], bot_env(TOKEN, api.base_url, api.file_base_url))
    try:
        api.wait_for(lambda c: c.method == "getUpdates", timeout=30, what="the bot to start polling")
        yield process
    finally:
        code = process.stop()
    assert code == 0, process.output
    assert "bot stopped" in process.output
    assert TOKEN not in process.output and SECRET not in process.output


# -- helpers ---------------------------------------------------------------------------


def answer_to(api: FakeBotAPI, message: dict[str, Any], *, timeout: float = 10.0, since: int = 0) -> Call:
    """The bot's (first) message replying to `message`."""
    chat, mid = message["chat"]["id"], message["message_id"]
    return api.wait_for(
        lambda c: c.method == "sendMessage" and c.ok and c.chat_id == chat and c.reply_to == mid,
        since=since, timeout=timeout, what=f"an answer to {message.get('text', '')[:40]!r}",
    )


def ask(api: FakeBotAPI, text: str, user: int, **kw: Any) -> tuple[dict[str, Any], Call]:
    message = api.send_text(text, user_id=user, **kw)
    return message, answer_to(api, message)


def no_errors(api: FakeBotAPI, chat: int) -> None:
    bad = [(c.method, c.error) for c in api.calls(chat_id=chat) if not c.ok]
    assert not bad, bad


# -- start-up -----------------------------------------------------------------------------


def test_startup_registers_commands_and_uses_polling(api: FakeBotAPI, bot: BotProcess) -> None:
    names = [c["command"] for c in api.commands]
    assert names == ["help", "speakers", "speaker", "latest", "stats"]
    assert api.calls("getMe") and api.calls("deleteWebhook")  # polling: no webhook left behind
    assert bot.wait_log(r"ready \(polling mode\)")


# -- questions and answers ------------------------------------------------------------------


def test_question_answered_as_html_reply_with_buttons(api: FakeBotAPI, bot: BotProcess) -> None:
    user = new_user()
    since = api.mark()
    question, answer = ask(api, "what did the JOC spokesman say", user)
    assert answer.params["parse_mode"] == "HTML"
    assert answer.params["link_preview_options"] == {"is_disabled": True}
    seen = answer.visible
    assert "Tariq Al-Saadi" in seen and "spokesman for the Joint Operations Command" in seen
    assert "1. “" in seen and "Dec 2021" in seen
    labels = [b["text"] for b in answer.buttons]
    contexts = [t for t in labels if t.startswith("Context")]
    assert contexts == [f"Context {n}" for n in range(1, len(contexts) + 1)] and len(contexts) >= 3
    assert all(t.startswith(("Context", "More (")) for t in labels) and not labels[0].startswith("More")
    assert all(len(b["callback_data"].encode()) <= 64 for b in answer.buttons)
    # "typing…" first, and finished before the answer went out.
    typing = api.calls("sendChatAction", chat_id=user, since=since)
    assert typing and typing[0].params["action"] == "typing" and typing[0].index < answer.index
    no_errors(api, user)


def test_more_pages_through_results_and_retires_its_button(api: FakeBotAPI, bot: BotProcess) -> None:
    user = new_user()
    question, first = ask(api, "what did Al-Saadi say", user)
    since = api.mark()
    api.press(first.result, first.button("More")["callback_data"], user_id=user)
    second = answer_to(api, question, since=since)  # the next page replies to the question too
    assert "6." in second.visible and "1." not in second.visible.split("\n")[2]
    assert "of 8" in second.visible or "–" in second.visible
    answered = api.calls("answerCallbackQuery", since=since)
    assert answered and not answered[0].params.get("show_alert")
    edit = api.wait_for(lambda c: c.method == "editMessageReplyMarkup", since=since)
    assert edit.params["message_id"] == first.result["message_id"]
    kept = [b["text"] for row in edit.params["reply_markup"]["inline_keyboard"] for b in row]
    assert kept and all(t.startswith("Context") for t in kept)
    if any(b["text"].startswith("More") for b in second.buttons):
        since = api.mark()
        api.press(second.result, second.button("More")["callback_data"], user_id=user)
        answer_to(api, question, since=since)
    no_errors(api, user)


def test_a_double_tap_on_more_sends_one_page(api: FakeBotAPI, bot: BotProcess) -> None:
    user = new_user()
    question, first = ask(api, "what did Al-Saadi say", user)
    since = api.mark()
    data = first.button("More")["callback_data"]
    api.press(first.result, data, user_id=user)
    api.press(first.result, data, user_id=user)
    api.wait_calls("answerCallbackQuery", 2, since=since)
    answer_to(api, question, since=since)
    ask(api, "/stats", user)  # answered after both presses were handled (one chat, in order)
    pages = [c for c in api.calls("sendMessage", chat_id=user, since=since) if c.reply_to == question["message_id"]]
    assert len(pages) == 1


def test_context_button_shows_the_passage(api: FakeBotAPI, bot: BotProcess) -> None:
    user = new_user()
    _, answer = ask(api, "what did the JOC spokesman say about the caves of Hamrin", user)
    since = api.mark()
    api.press(answer.result, answer.button("Context 1")["callback_data"], user_id=user)
    passage = api.wait_for(lambda c: c.method == "sendMessage" and c.chat_id == user, since=since)
    assert passage.reply_to == answer.result["message_id"]
    assert passage.visible.startswith("Context ·") and "Hamrin" in passage.visible
    assert "<blockquote>" in passage.text and "<b>" in passage.text
    no_errors(api, user)


def test_markup_in_articles_and_questions_is_escaped(api: FakeBotAPI, bot: BotProcess) -> None:
    user = new_user()
    _, answer = ask(api, "what did the water ministry spokeswoman say", user)
    raw, seen = answer.text, answer.visible
    assert "<script>" not in raw and "&lt;script&gt;" in raw and "&lt;b&gt;will not&lt;/b&gt;" in raw
    assert "<b>will not</b> reach the orchards & the wheat fields" in seen
    assert "<script>alert('flood')</script> plan is *invented* from start to _finish_" in seen
    assert "`spillway`" in seen  # Markdown specials stay plain text in HTML mode
    assert 'href="https://news.example.org/story?id=77&amp;lang=en&amp;ref=&quot;bot&quot;"' in raw
    assert "Water ministry: <b>dam</b> plans & the <script> rumours" in seen
    # A question full of markup is answered, its echo escaped (the server refuses bad HTML).
    for question in (
        "who said <b>the reservoir</b> & the <script>alert(1)</script> orchards",
        "what did Smi<th & *Jones* say about <i>bananas",
    ):
        ask(api, question, user)
    no_errors(api, user)


def test_quote_over_the_message_limit_is_shortened_not_sliced(api: FakeBotAPI, bot: BotProcess) -> None:
    user = new_user()
    _, answer = ask(api, "who said the second convoy carried water pumps", user)
    assert len(answer.visible.encode("utf-16-le")) // 2 <= 4096
    assert "<blockquote expandable>" in answer.text and "…" in answer.visible
    # The speaker line and the source survive the cut.
    assert "\n— " in answer.visible and "Agriculture directorate reports on the relief convoys" in answer.visible
    since = api.mark()
    api.press(answer.result, answer.button("Context")["callback_data"], user_id=user)
    passage = api.wait_for(lambda c: c.method == "sendMessage" and c.chat_id == user, since=since)
    assert len(passage.visible) <= 4096
    no_errors(api, user)


def test_a_ten_thousand_character_message_is_refused_clearly(api: FakeBotAPI, bot: BotProcess) -> None:
    user = new_user()
    _, answer = ask(api, "what did the spokesman say " + "blah " * 2000, user)
    assert "too long" in answer.visible and "10,0" in answer.visible
    assert "blah" not in answer.visible
    no_errors(api, user)


def test_nothing_found_suggests_speakers_with_buttons(api: FakeBotAPI, bot: BotProcess) -> None:
    user = new_user()
    _, answer = ask(api, "what did Al-Saidy say about the harbour", user)
    seen = answer.visible
    assert seen.startswith("🔎") and ("Did you mean" in seen or "I found no quote" in seen)
    if answer.buttons:
        since = api.mark()
        api.press(answer.result, answer.buttons[0]["callback_data"], user_id=user)
        card = api.wait_for(lambda c: c.method == "sendMessage" and c.chat_id == user, since=since)
        assert "Quotes:" in card.visible
    _, unknown = ask(api, "what did the mayor of Basra say", user)
    assert "Did you mean" in unknown.visible and unknown.buttons
    assert all(b["text"].startswith("🔎") for b in unknown.buttons)
    no_errors(api, user)


def test_edited_question_is_answered_again(api: FakeBotAPI, bot: BotProcess) -> None:
    user = new_user()
    question, _ = ask(api, "what did the JOC spokesmn say", user)
    since = api.mark()
    api.edit_text(question, "what did the health minister say")
    again = answer_to(api, question, since=since)
    assert "Minister of Health" in again.visible or "health" in again.visible.lower()


def test_non_text_message_gets_a_hint(api: FakeBotAPI, bot: BotProcess) -> None:
    user = new_user()
    message = api.send_raw(user_id=user, sticker={"file_id": "s1", "file_unique_id": "u1", "width": 512,
                                                  "height": 512, "is_animated": False, "is_video": False,
                                                  "type": "regular"})
    assert "written as text" in answer_to(api, message).visible


# -- commands ---------------------------------------------------------------------------------


def test_help_lists_examples_from_the_archive(api: FakeBotAPI, bot: BotProcess) -> None:
    user = new_user()
    for command in ("/start", "/help"):
        _, answer = ask(api, command, user)
        assert "For example" in answer.visible and "what did" in answer.visible
        assert "/speakers" in answer.visible


def test_speakers_speaker_latest_stats(api: FakeBotAPI, bot: BotProcess) -> None:
    user = new_user()
    _, speakers = ask(api, "/speakers spokesman", user)
    assert "Speakers matching “spokesman”" in speakers.visible and "Tariq Al-Saadi" in speakers.visible
    assert "quotes" in speakers.visible
    _, card = ask(api, "/speaker Al-Saadi", user)
    assert "Roles" in card.visible and "spokesman for the Joint Operations Command" in card.visible
    assert "Recent" in card.visible and card.buttons
    _, latest = ask(api, "/latest", user)
    assert latest.visible.startswith("Latest quotes") and "1. " in latest.visible
    _, stats = ask(api, "/stats", user)
    assert "Articles:" in stats.visible and "Index built:" in stats.visible
    _, usage = ask(api, "/speaker", user)
    assert "Usage: /speaker NAME" in usage.visible
    no_errors(api, user)


def test_unknown_command(api: FakeBotAPI, bot: BotProcess) -> None:
    user = new_user()
    _, answer = ask(api, "/frobnicate now", user)
    assert "I don't know the command /frobnicate" in answer.visible


# -- groups --------------------------------------------------------------------------------------


def test_group_answers_only_when_addressed(api: FakeBotAPI, bot: BotProcess) -> None:
    user = new_user()
    group = {"chat_id": GROUP, "chat_type": "supergroup"}
    since = api.mark()
    chatter = api.send_text("what did the JOC spokesman say", user_id=user, **group)
    other_bot = api.send_text("/help@some_other_bot", user_id=user, **group)
    unknown = api.send_text("/frobnicate", user_id=user, **group)
    mention, answer = ask(api, "@quotedesk_test_bot what did Al-Saadi say", user, **group)
    assert "Tariq Al-Saadi" in answer.visible
    replied, follow_up = ask(api, "what did Al-Rubaie say", user, reply_to=answer.result, **group)
    assert "Al-Rubaie" in follow_up.visible
    _, help_ = ask(api, "/help", user, **group)
    assert "For example" in help_.visible
    _, addressed_unknown = ask(api, "/frobnicate@quotedesk_test_bot", user, **group)
    assert "I don't know the command" in addressed_unknown.visible
    silent = {chatter["message_id"], other_bot["message_id"], unknown["message_id"]}
    assert not [c for c in api.calls("sendMessage", chat_id=GROUP, since=since) if c.reply_to in silent]
    # More works in the group too: the question (with its @mention) is read back from the reply.
    since = api.mark()
    api.press(answer.result, answer.button("More")["callback_data"], user_id=user, chat_id=GROUP)
    page = answer_to(api, mention, since=since)
    assert "6." in page.visible
    no_errors(api, GROUP)


# -- inline mode -------------------------------------------------------------------------------------


def test_inline_query_offers_shareable_quotes(api: FakeBotAPI, bot: BotProcess) -> None:
    user = new_user()
    since = api.mark()
    qid = api.inline_query("water ministry spokeswoman", user_id=user)
    call = api.wait_for(lambda c: c.method == "answerInlineQuery" and c.params["inline_query_id"] == qid, since=since)
    results = call.params["results"]
    assert results and results[0]["type"] == "article"
    content = results[0]["input_message_content"]
    assert content["parse_mode"] == "HTML" and "&lt;script&gt;" in content["message_text"]
    assert "Sana Al-Dulaimi" in results[0]["title"]
    # Paging and the empty query (latest quotes).
    qid = api.inline_query("what did the JOC spokesman say", user_id=user)
    first = api.wait_for(lambda c: c.method == "answerInlineQuery" and c.params["inline_query_id"] == qid)
    qid = api.inline_query("", user_id=user)
    latest = api.wait_for(lambda c: c.method == "answerInlineQuery" and c.params["inline_query_id"] == qid)
    assert latest.params["results"]
    qid = api.inline_query("what did Zorblax Quuxington say about nothing", user_id=user)
    none = api.wait_for(lambda c: c.method == "answerInlineQuery" and c.params["inline_query_id"] == qid)
    assert none.params["results"] == [] and "No quotes found" in none.params["button"]["text"]
    assert first.ok and latest.ok and none.ok


# -- access and abuse ---------------------------------------------------------------------------------


def test_outsider_is_refused_politely(api: FakeBotAPI, bot: BotProcess) -> None:
    _, answer = ask(api, "what did the JOC spokesman say", OUTSIDER)
    assert "private" in answer.visible and str(OUTSIDER) in answer.visible
    assert "Tariq" not in answer.visible
    qid = api.inline_query("JOC spokesman", user_id=OUTSIDER)
    call = api.wait_for(lambda c: c.method == "answerInlineQuery" and c.params["inline_query_id"] == qid)
    assert call.params["results"] == [] and call.params["button"]["text"] == "This bot is private"


def test_rate_limit_answers_politely_once(api: FakeBotAPI, bot: BotProcess) -> None:
    user = new_user()
    since = api.mark()
    for n in range(RATE_LIMIT + 3):
        api.send_text(f"what did the JOC spokesman say {n}", user_id=user)
    sent = api.wait_calls("sendMessage", RATE_LIMIT + 1, chat_id=user, since=since)
    notices = [c for c in sent if "faster than I can answer" in c.visible]
    assert len(notices) == 1
    # Another user is unaffected; by the time they are answered, nothing more came for `user`.
    ask(api, "/stats", new_user())
    assert len(api.calls("sendMessage", chat_id=user, since=since)) == RATE_LIMIT + 1


def test_fifty_chats_at_once_are_all_answered(api: FakeBotAPI, bot: BotProcess) -> None:
    users = [new_user() for _ in range(50)]
    since = api.mark()
    started = time.monotonic()
    messages = [api.send_text("what did the interior ministry spokesman say about drugs", user_id=u) for u in users]
    for m in messages:
        answer = answer_to(api, m, since=since, timeout=30)
        assert "Al-Rubaie" in answer.visible or "Al-Zubaidi" in answer.visible
    assert time.monotonic() - started < 20


def test_flood_control_and_network_errors_are_retried(api: FakeBotAPI, bot: BotProcess) -> None:
    user = new_user()
    api.fail_next("sendMessage", status=429, retry_after=1, chat_id=user)
    message, answer = ask(api, "/stats", user)
    attempts = api.calls("sendMessage", chat_id=user)
    assert [c.ok for c in attempts] == [False, True] and "Articles:" in answer.visible
    other = new_user()
    api.drop_next("sendMessage", chat_id=other)
    _, answer = ask(api, "/stats", other)
    assert [c.ok for c in api.calls("sendMessage", chat_id=other)] == [False, True]
    # A failing long poll is logged as a warning and polling goes on.
    lines = bot.line_count()
    api.fail_next("getUpdates", status=502, description="Bad Gateway")
    ask(api, "/stats", new_user())
    ask(api, "/stats", new_user())
    bot.wait_log(r"WARNING bot.telegram: Bot API not reachable \(NetworkError: Bad Gateway\); retrying", since=lines)
    assert bot.alive()


def test_errors_are_logged_and_the_user_told_without_internals(api: FakeBotAPI, bot: BotProcess) -> None:
    user = new_user()
    api.fail_next("sendMessage", status=400, description="Bad Request: internal detail 42", chat_id=user)
    before = bot.line_count()
    api.send_text("/latest", user_id=user)
    sorry = api.wait_for(lambda c: c.method == "sendMessage" and c.ok and c.chat_id == user)
    assert "something went wrong" in sorry.visible and "42" not in sorry.visible
    bot.wait_log(rf"error while handling update \d+ \(message, chat {user} private, user {user}\)", since=before)
    assert bot.alive()


# -- hot reload ---------------------------------------------------------------------------------------------


def test_rebuild_is_picked_up_without_restart(api: FakeBotAPI, bot: BotProcess, index_dir: Path, sources: Path,
                                              tmp_path: Path) -> None:
    user = new_user()
    _, before = ask(api, "what was said about the pistachio harvest", user)
    assert RELOAD_WORDS not in before.visible
    new_sources = write_articles(tmp_path / "new", RELOAD)
    lines = bot.line_count()
    # The real command an operator runs, while questions keep coming in.
    build = subprocess.Popen(
        [sys.executable, "-m", "index", "build", str(DEMO), str(sources), str(new_sources), "--index", str(index_dir)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    asked = [api.send_text("what did the JOC spokesman say", user_id=u) for u in (new_user(), new_user())]
    out, _ = build.communicate(timeout=60)
    assert build.returncode == 0, out
    generation = out.split("built generation ", 1)[1].split()[0]
    bot.wait_log(rf"answering from index generation {generation}", since=lines)
    asked += [api.send_text("what did the JOC spokesman say", user_id=new_user())]
    for m in asked:  # none failed while the index switched
        assert "Tariq Al-Saadi" in answer_to(api, m).visible
    _, after = ask(api, "what was said about the pistachio harvest", user)
    assert RELOAD_WORDS in after.visible and "Hamid Al-Karbouli" in after.visible


def test_buttons_from_before_a_rebuild_say_expired(api: FakeBotAPI, bot: BotProcess, index_dir: Path,
                                                   sources: Path) -> None:
    user = new_user()
    _, answer = ask(api, "what did Al-Saadi say", user)
    lines = bot.line_count()
    generation = _build(index_dir, DEMO, sources)
    bot.wait_log(rf"answering from index generation {generation}", since=lines)
    for label in ("Context 1", "More"):
        since = api.mark()
        api.press(answer.result, answer.button(label)["callback_data"], user_id=user)
        alert = api.wait_for(lambda c: c.method == "answerCallbackQuery", since=since)
        assert "expired" in alert.params["text"] and alert.params["show_alert"] is True
        if label == "Context 1":  # the stale buttons are removed from the message
            edit = api.wait_for(lambda c: c.method == "editMessageReplyMarkup", since=since)
            assert not edit.params.get("reply_markup")
    assert not [c for c in api.calls("sendMessage", chat_id=user) if c.index > answer.index]


def test_buttons_keep_working_after_a_restart(api: FakeBotAPI, bot: BotProcess) -> None:
    user = new_user()
    question, answer = ask(api, "what did Al-Saadi say", user)
    since = api.mark()
    assert bot.restart() == 0
    api.wait_for(lambda c: c.method == "getUpdates", since=since, timeout=30, what="polling again")
    since = api.mark()
    api.press(answer.result, answer.button("More")["callback_data"], user_id=user)
    assert "6." in answer_to(api, question, since=since).visible
    since = api.mark()
    api.press(answer.result, answer.button("Context 2")["callback_data"], user_id=user)
    passage = api.wait_for(lambda c: c.method == "sendMessage" and c.chat_id == user, since=since)
    assert passage.visible.startswith("Context ·")
    no_errors(api, user)


# -- last: the log never holds the token -----------------------------------------------------------------------


def test_token_never_logged(bot: BotProcess) -> None:
    # (the log line of the last answer may still be on its way through the pipe)
    bot.wait_log(r"answered in", timeout=30)
    out = bot.output
    assert TOKEN not in out and SECRET not in out


# -- separate processes: start-up errors and webhook mode -----------------------------------------------------


def test_no_token_is_one_line_and_exit_2(tmp_path: Path) -> None:
    env = bot_env("", "http://127.0.0.1:9/bot", "http://127.0.0.1:9/file/bot")
    env.pop("TELEGRAM_BOT_TOKEN")
    done = subprocess.run([sys.executable, "-m", "bot", "--index", str(tmp_path)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: no Telegram bot token")
    env["TELEGRAM_BOT_TOKEN"] = "12345:short"
    done = subprocess.run([sys.executable, "-m", "bot", "--index", str(tmp_path)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "malformed" in done.stderr and "short" not in done.stderr
    assert done.stderr.count("\n") == 1


def test_token_rejected_by_the_api_is_one_line_and_exit_2(api: FakeBotAPI, index_dir: Path) -> None:
    wrong = "9876543:AAnotTheRightSecretAtAll_0123456789abc"
    process = BotProcess(["--index", str(index_dir)], bot_env(wrong, api.base_url, api.file_base_url))
    assert process.wait(60) == 2
    lines = [line for line in process.output.splitlines() if line.strip()]
    assert lines[-1].startswith("error: the Bot API at") and "rejected the token" in lines[-1]
    assert "Traceback" not in process.output and wrong not in process.output
    assert wrong.split(":")[1] not in process.output


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_webhook_mode(index_dir: Path, tmp_path: Path) -> None:
    import httpx

    secret = "webhook-Secret_0987"
    port = _free_port()
    with FakeBotAPI(TOKEN) as server:
        config = _write_config(
            tmp_path / "config.toml", index_dir, mode="webhook", webhook_url="https://bot.example.org/hook",
            webhook_port=port, webhook_path="hook",
        )
        env = bot_env(TOKEN, server.base_url, server.file_base_url, {"TELEGRAM_WEBHOOK_SECRET": secret})
        process = BotProcess(["--config", str(config)], env)
        try:
            server.wait_for(lambda c: c.method == "setWebhook", timeout=30, what="setWebhook")
            assert server.webhook["url"] == "https://bot.example.org/hook"
            assert server.webhook["secret_token"] == secret
            user = new_user()
            message = server.send_text("what did the JOC spokesman say", user_id=user, deliver=False)
            update = {"update_id": 1, "message": message}
            url = f"http://127.0.0.1:{port}/hook"
            refused = httpx.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"}, timeout=10)
            assert refused.status_code == 403
            accepted = httpx.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": secret}, timeout=10)
            assert accepted.status_code == 200
            answer = answer_to(server, message)
            assert "Tariq Al-Saadi" in answer.visible
            assert not server.calls("getUpdates")
        finally:
            code = process.stop()
        assert code == 0, process.output
        assert secret not in process.output and TOKEN not in process.output
