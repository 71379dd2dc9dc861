"""The bot's settings: the `[telegram]` and `[bot]` config sections plus the environment.

Secrets come from the environment first (`TELEGRAM_BOT_TOKEN`,
`TELEGRAM_WEBHOOK_SECRET`), then the file; so do the Bot API addresses
(`TELEGRAM_API_BASE_URL`, `TELEGRAM_FILE_BASE_URL`), so a test or a
self-hosted Bot API server can be swapped in without editing the file.
The token is validated for shape here so a typo is one clear line at
start-up, and it never appears in a message or a log line (see `redacted`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from index.config import Config
from index.errors import ConfigError
from index.question import MAX_QUESTION_CHARS

DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
DEFAULT_FILE_BASE_URL = "https://api.telegram.org/file/bot"
# "123456789:AA..." — the bot id, a colon, and a 30+ character secret.
TOKEN_SHAPE = re.compile(r"^\d{3,15}:[A-Za-z0-9_-]{30,}$")
SECRET_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class TokenMissing(ConfigError):
    """No Telegram token is configured."""


@dataclass(frozen=True, slots=True)
class TelegramSettings:
    """`[telegram]`: how to reach the Bot API and how updates arrive."""

    token: str = field(default="", repr=False)
    api_base_url: str = DEFAULT_API_BASE_URL
    file_base_url: str = DEFAULT_FILE_BASE_URL
    mode: str = "polling"  # or "webhook"
    poll_timeout: int = 10  # seconds a getUpdates long poll may wait
    drop_pending_updates: bool = False
    request_timeout: float = 10.0  # seconds, for every other Bot API call
    webhook_url: str = ""
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_path: str = "telegram"
    webhook_secret_token: str = field(default="", repr=False)
    # Telegram's flood limits, enforced by python-telegram-bot's AIORateLimiter.
    flood_messages_per_second: float = 30.0
    flood_group_messages_per_minute: float = 20.0
    flood_retries: int = 3
    # Bot API client: "keepalive" (bot.http, lean HTTP/1.1 keep-alive) or "httpx" (PTB's default).
    http_client: str = "keepalive"


@dataclass(frozen=True, slots=True)
class BotSettings:
    """`[bot]`: who may use the bot, how fast, and how it works."""

    allowed_users: list[int] = field(default_factory=list)
    allowed_chats: list[int] = field(default_factory=list)
    rate_limit: int = 20  # questions, commands and button presses per user ...
    rate_limit_window: float = 60.0  # ... per this many seconds
    inline_rate_limit: int = 60  # inline queries per user per window (sent as one types)
    max_question_chars: int = 500
    inline_results: int = 10
    reload_interval: float = 2.0
    search_threads: int = 0  # 0: searches run on the event loop
    # Searches in a child process (bot/search_worker.py): the event loop and the
    # searches then use two cores.
    search_process: bool = True
    concurrent_updates: int = 32
    typing_delay: float = 0.3
    log_level: str = "INFO"


def _typed(cls: type, raw: Mapping[str, Any], where: str) -> dict[str, Any]:
    """Values of a section checked against the dataclass defaults' types."""
    known = {f.name: f for f in fields(cls)}
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise ConfigError(f"[{where}] has unknown setting(s): {', '.join(unknown)} (known: {', '.join(known)})")
    out: dict[str, Any] = {}
    defaults = cls()
    for key, value in raw.items():
        default = getattr(defaults, key)
        if isinstance(default, bool):
            ok = isinstance(value, bool)
        elif isinstance(default, float):
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
            value = float(value) if ok else value
        elif isinstance(default, int):
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif isinstance(default, list):
            ok = isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        else:
            ok = isinstance(value, str)
        if not ok:
            kind = "a list of ids (integers)" if isinstance(default, list) else type(default).__name__
            raise ConfigError(f"[{where}].{key}: expected {kind}, got {value!r}")
        out[key] = value
    return out


def telegram_settings(config: Config, env: Mapping[str, str] | None = None) -> TelegramSettings:
    """Settings from the config file, with the environment taking precedence."""
    env = os.environ if env is None else env
    values = _typed(TelegramSettings, config.section("telegram"), "telegram")
    for key, var in (
        ("token", "TELEGRAM_BOT_TOKEN"),
        ("api_base_url", "TELEGRAM_API_BASE_URL"),
        ("file_base_url", "TELEGRAM_FILE_BASE_URL"),
        ("webhook_secret_token", "TELEGRAM_WEBHOOK_SECRET"),
    ):
        if env.get(var, "").strip():
            values[key] = env[var].strip()
    settings = TelegramSettings(**values)
    if settings.http_client not in ("keepalive", "httpx"):
        raise ConfigError(f"[telegram].http_client must be \"keepalive\" or \"httpx\", not {settings.http_client!r}")
    if settings.mode not in ("polling", "webhook"):
        raise ConfigError(f"[telegram].mode must be \"polling\" or \"webhook\", not {settings.mode!r}")
    for key in ("api_base_url", "file_base_url"):
        url = getattr(settings, key)
        if not re.match(r"^https?://[^/\s]+", url):
            raise ConfigError(
                f"[telegram].{key} must be an http(s) URL such as {DEFAULT_API_BASE_URL!r} "
                f"(the token is appended to it), not {url!r}"
            )
    if settings.poll_timeout < 0 or settings.request_timeout <= 0:
        raise ConfigError("[telegram].poll_timeout must be >= 0 and request_timeout > 0")
    if settings.mode == "webhook":
        if not re.match(r"^https?://[^/\s]+", settings.webhook_url):
            raise ConfigError(
                "webhook mode needs [telegram].webhook_url: the public HTTPS address Telegram "
                "posts updates to, e.g. \"https://bot.example.org/telegram\""
            )
        if not 0 < settings.webhook_port < 65536:
            raise ConfigError(f"[telegram].webhook_port must be a TCP port, not {settings.webhook_port}")
    if settings.webhook_secret_token and not SECRET_TOKEN_SHAPE.match(settings.webhook_secret_token):
        raise ConfigError("[telegram].webhook_secret_token may only hold 1-256 of A-Z a-z 0-9 _ -")
    return settings


def bot_settings(config: Config) -> BotSettings:
    """The `[bot]` section, checked."""
    settings = BotSettings(**_typed(BotSettings, config.section("bot"), "bot"))
    if settings.rate_limit < 1 or settings.inline_rate_limit < 1 or settings.rate_limit_window <= 0:
        raise ConfigError("[bot]: rate_limit and inline_rate_limit must be >= 1, rate_limit_window > 0")
    if not 1 <= settings.max_question_chars <= MAX_QUESTION_CHARS:
        raise ConfigError(f"[bot].max_question_chars must be between 1 and {MAX_QUESTION_CHARS}")
    if not 1 <= settings.inline_results <= 50:
        raise ConfigError("[bot].inline_results must be between 1 and 50 (Telegram's limit)")
    if settings.reload_interval <= 0 or settings.typing_delay < 0:
        raise ConfigError("[bot]: reload_interval must be > 0 and typing_delay >= 0")
    if settings.search_threads < 0 or settings.concurrent_updates < 1:
        raise ConfigError("[bot]: search_threads must be >= 0 and concurrent_updates >= 1")
    if settings.log_level.upper() not in LOG_LEVELS:
        raise ConfigError(f"[bot].log_level must be one of {', '.join(LOG_LEVELS)}")
    return settings


def require_token(settings: TelegramSettings) -> str:
    """The token, or a one-line error that never echoes it."""
    token = settings.token.strip()
    if not token:
        raise TokenMissing(
            "no Telegram bot token: set TELEGRAM_BOT_TOKEN or [telegram].token in the config "
            "(or run the console chat with --console)"
        )
    if not TOKEN_SHAPE.match(token):
        raise ConfigError(
            "the Telegram bot token is malformed (expected digits, a colon and a long secret, "
            f"as BotFather gives it; got {len(token)} characters)"
        )
    return token


def redacted(text: str, *secrets: str) -> str:
    """Text with every occurrence of the token (and its secret half) blanked out."""
    for token in secrets:
        if not token:
            continue
        secret = token.split(":", 1)[-1]
        text = text.replace(token, "<token>")
        if len(secret) >= 8:
            text = text.replace(secret, "<secret>")
    return text
