"""The bot's settings: the `[telegram]` and `[bot]` config sections plus the environment.

Secrets come from the environment first (`TELEGRAM_BOT_TOKEN`), then the file.
The token is validated for shape here so a typo is one clear line at start-up,
and it never appears in a message or a log line (see `redacted`).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields
from typing import Any

from index.config import Config
from index.errors import ConfigError

DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
DEFAULT_FILE_BASE_URL = "https://api.telegram.org/file/bot"
# "123456789:AA..." — the bot id, a colon, and a 30+ character secret.
TOKEN_SHAPE = re.compile(r"^\d{3,15}:[A-Za-z0-9_-]{30,}$")


class TokenMissing(ConfigError):
    """No Telegram token is configured."""


@dataclass(frozen=True, slots=True)
class TelegramSettings:
    token: str = field(default="", repr=False)
    api_base_url: str = DEFAULT_API_BASE_URL
    file_base_url: str = DEFAULT_FILE_BASE_URL
    mode: str = "polling"  # or "webhook"
    webhook_url: str = ""
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_path: str = "telegram"
    webhook_secret_token: str = field(default="", repr=False)


def _section(config: Config, name: str, cls: type) -> dict[str, Any]:
    raw = config.section(name)
    known = {f.name for f in fields(cls)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ConfigError(f"[{name}] has unknown setting(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    return dict(raw)


def telegram_settings(config: Config, env: dict[str, str] | None = None) -> TelegramSettings:
    """Settings from the config file, with the environment taking precedence."""
    env = dict(os.environ) if env is None else env
    values = _section(config, "telegram", TelegramSettings)
    for key, var in (
        ("token", "TELEGRAM_BOT_TOKEN"),
        ("api_base_url", "TELEGRAM_API_BASE_URL"),
        ("file_base_url", "TELEGRAM_FILE_BASE_URL"),
    ):
        if env.get(var):
            values[key] = env[var].strip()
    try:
        settings = TelegramSettings(**values)
    except TypeError as exc:
        raise ConfigError(f"[telegram]: {exc}") from None
    if settings.mode not in ("polling", "webhook"):
        raise ConfigError(f"[telegram].mode must be \"polling\" or \"webhook\", not {settings.mode!r}")
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


def redacted(text: str, token: str) -> str:
    """Text with every occurrence of the token (and its secret half) blanked out."""
    if not token:
        return text
    secret = token.split(":", 1)[-1]
    return text.replace(token, "<token>").replace(secret, "<secret>")
