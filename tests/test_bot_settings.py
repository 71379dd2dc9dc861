"""The [telegram] and [bot] settings, the environment, the token checks, and log redaction."""

from __future__ import annotations

import io
import logging
import re
from dataclasses import fields
from pathlib import Path

import pytest

from bot.logs import RedactingFilter, setup_logging
from bot.settings import (
    DEFAULT_API_BASE_URL,
    BotSettings,
    TelegramSettings,
    TokenMissing,
    bot_settings,
    redacted,
    require_token,
    telegram_settings,
)
from index.config import Config, load_config
from index.errors import ConfigError

pytestmark = pytest.mark.timeout(60)

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "1234567:AAQuoteDeskTestSecret_0123456789abcdefXYZ"


def config(tmp_path: Path, text: str) -> Config:
    path = tmp_path / "c.toml"
    path.write_text(text)
    return load_config(path)


def test_example_config_documents_every_bot_setting() -> None:
    c = load_config(ROOT / "config.example.toml")
    assert telegram_settings(c, env={}) == TelegramSettings()
    assert bot_settings(c) == BotSettings()
    text = (ROOT / "config.example.toml").read_text()
    for section, cls in (("telegram", TelegramSettings), ("bot", BotSettings)):
        body = text.split(f"[{section}]", 1)[1].split("\n[", 1)[0]
        for f in fields(cls):
            assert re.search(rf"^#?\s*{f.name}\s*=", body, re.M), f"[{section}].{f.name} is not documented"


def test_environment_wins_over_the_file(tmp_path: Path) -> None:
    c = config(tmp_path, '[telegram]\ntoken = "1:file"\napi_base_url = "https://file.example/bot"\n')
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot",
           "TELEGRAM_FILE_BASE_URL": "http://127.0.0.1:8081/file/bot", "TELEGRAM_WEBHOOK_SECRET": "s3cret"}
    s = telegram_settings(c, env=env)
    assert (s.token, s.api_base_url, s.file_base_url, s.webhook_secret_token) == (
        TOKEN, "http://127.0.0.1:8081/bot", "http://127.0.0.1:8081/file/bot", "s3cret")
    assert telegram_settings(c, env={}).api_base_url == "https://file.example/bot"
    assert telegram_settings(Config(), env={}).api_base_url == DEFAULT_API_BASE_URL
    assert TOKEN not in repr(s)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[telegram]\nmoed = 'polling'\n", "unknown setting"),
        ("[telegram]\nmode = 'carrier-pigeon'\n", "polling"),
        ("[telegram]\napi_base_url = 'api.telegram.org/bot'\n", "http"),
        ("[telegram]\nmode = 'webhook'\n", "webhook_url"),
        ("[telegram]\npoll_timeout = 'ten'\n", "expected int"),
        ("[telegram]\nwebhook_secret_token = 'has spaces'\n", "webhook_secret_token"),
        ("[bot]\nallowed_users = ['alice']\n", "list of ids"),
        ("[bot]\nrate_limit = 0\n", "rate_limit"),
        ("[bot]\nmax_question_chars = 50000\n", "max_question_chars"),
        ("[bot]\ninline_results = 51\n", "50"),
        ("[bot]\nlog_level = 'LOUD'\n", "log_level"),
        ("[bot]\ntyping_delay = true\n", "expected float"),
        ("[bot]\nsearch_threads = -1\n", "search_threads"),
        ("[telegram]\nhttp_client = 'curl'\n", "http_client"),
    ],
)
def test_bad_settings_are_one_line_errors(tmp_path: Path, text: str, message: str) -> None:
    c = config(tmp_path, text)
    with pytest.raises(ConfigError, match=message) as err:
        telegram_settings(c, env={})
        bot_settings(c)
    assert "\n" not in str(err.value) and err.value.exit_code == 2


def test_ints_are_fine_where_floats_are_expected(tmp_path: Path) -> None:
    c = config(tmp_path, "[bot]\nrate_limit_window = 30\nallowed_users = [1, 2]\nallowed_chats = [-100]\n")
    s = bot_settings(c)
    assert s.rate_limit_window == 30.0 and s.allowed_users == [1, 2] and s.allowed_chats == [-100]


def test_search_threads_and_http_client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from telegram.request import HTTPXRequest

    from bot.http import KeepAliveRequest
    from bot.telegram_app import http_backend, make_request

    assert bot_settings(config(tmp_path, "")).search_threads == 0  # searches on the event loop
    assert bot_settings(config(tmp_path, "[bot]\nsearch_threads = 4\n")).search_threads == 4
    tg = telegram_settings(config(tmp_path, ""), env={})
    for var in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "HTTP_PROXY", "http_proxy"):
        monkeypatch.delenv(var, raising=False)
    assert tg.http_client == "keepalive" and http_backend(tg) == "keepalive"
    assert isinstance(make_request("keepalive", 8, 5.0), KeepAliveRequest)
    assert isinstance(make_request("httpx", 8, 5.0, long_poll=True), HTTPXRequest)
    httpx_tg = telegram_settings(config(tmp_path, "[telegram]\nhttp_client = 'httpx'\n"), env={})
    assert http_backend(httpx_tg) == "httpx"
    # Only httpx honours a proxy from the environment, so a proxy switches to it.
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    monkeypatch.setenv("NO_PROXY", "")
    assert http_backend(tg) == "httpx"
    monkeypatch.setenv("NO_PROXY", "api.telegram.org")
    assert http_backend(tg) == "keepalive"


def test_token_checks_never_echo_the_token() -> None:
    with pytest.raises(TokenMissing, match="TELEGRAM_BOT_TOKEN") as missing:
        require_token(TelegramSettings())
    assert missing.value.exit_code == 2
    bad = "12345:not-long-enough"
    with pytest.raises(ConfigError, match="malformed") as malformed:
        require_token(TelegramSettings(token=bad))
    assert "not-long-enough" not in str(malformed.value)
    assert require_token(TelegramSettings(token=f" {TOKEN} ")) == TOKEN


def test_redacted() -> None:
    secret = TOKEN.split(":")[1]
    text = f"POST https://api.telegram.org/bot{TOKEN}/getMe failed; secret {secret}"
    out = redacted(text, TOKEN)
    assert TOKEN not in out and secret not in out and "bot<token>/getMe" in out
    assert redacted("nothing here", "") == "nothing here"


def test_log_filter_redacts_messages_arguments_and_tracebacks() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter([TOKEN]))
    logger = logging.getLogger("test.redaction")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("calling %s", f"https://api.telegram.org/bot{TOKEN}/sendMessage")
        try:
            raise RuntimeError(f"connect failed for /bot{TOKEN}/getUpdates")
        except RuntimeError:
            logger.exception("polling failed")
    finally:
        logger.removeHandler(handler)
    out = stream.getvalue()
    assert "RuntimeError" in out and "<token>" in out
    assert TOKEN not in out and TOKEN.split(":")[1] not in out


def test_setup_logging_quiets_httpx() -> None:
    root = logging.getLogger()
    saved = (root.level, list(root.handlers), [list(h.filters) for h in root.handlers])
    try:
        setup_logging("INFO", secrets=[TOKEN])
        assert logging.getLogger("httpx").level == logging.WARNING
        assert all(any(isinstance(f, RedactingFilter) for f in h.filters) for h in root.handlers)
    finally:
        root.handlers = saved[1]
        for h, filters in zip(root.handlers, saved[2], strict=True):
            h.filters = filters
        root.setLevel(saved[0])
