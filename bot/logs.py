"""Logging for the bot process: one line per event, and never the token.

The Bot API puts the token in every request URL, so anything that logs a URL
or an exception holding one (httpx at INFO, a network error's message, a
traceback) could leak it.  httpx is quieted, and a filter on the root
handlers rewrites every record, traceback included, with the token blanked.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Sequence

from bot.settings import redacted

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RedactingFilter(logging.Filter):
    """Blanks the given secrets in a record's message, arguments and traceback."""

    def __init__(self, secrets: Sequence[str]) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        try:
            message = record.getMessage()
        except Exception:  # a malformed format string: keep what we can
            message = str(record.msg)
        record.msg = redacted(message, *self.secrets)
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
            record.exc_text = redacted(text, *self.secrets)
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redacted(record.exc_text, *self.secrets)
        if record.stack_info:
            record.stack_info = redacted(record.stack_info, *self.secrets)
        return True


def setup_logging(level: str = "INFO", secrets: Sequence[str] = ()) -> None:
    """Log to standard error at `level`, with the secrets redacted everywhere."""
    root = logging.getLogger()
    if not root.handlers:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(stream)
    root.setLevel(level.upper())
    for handler in root.handlers:
        for f in [f for f in handler.filters if isinstance(f, RedactingFilter)]:
            handler.removeFilter(f)
        handler.addFilter(RedactingFilter(secrets))
    # httpx logs every request URL, token included, at INFO.
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)
    # PTB's own INFO lines are useful (started, stopped); its DEBUG is very chatty.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
