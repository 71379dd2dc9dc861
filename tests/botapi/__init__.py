"""Test support for the Telegram bot: a fake Bot API server, the bot as a subprocess, fixture articles."""

from .process import BotProcess, bot_env
from .server import ApiError, Call, FakeBotAPI, parse_html, visible_text

TOKEN = "1234567:AAQuoteDeskTestSecret_0123456789abcdefXYZ"

__all__ = ["TOKEN", "ApiError", "BotProcess", "Call", "FakeBotAPI", "bot_env", "parse_html", "visible_text"]
