"""python -m bot [--config FILE] [--index DIR] [--console]

Without --console it runs the Telegram bot, which needs a token
(`TELEGRAM_BOT_TOKEN` or the config); a missing or malformed token is one
line on standard error and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from bot.console import run_console
from bot.core import QuoteDesk
from bot.settings import bot_settings, telegram_settings
from index.config import load_config, with_overrides
from index.errors import QuotedeskError
from index.live import LiveArchive


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bot", description="The quotedesk chat bot.")
    p.add_argument("--config", metavar="FILE", help="TOML config file (default: $QUOTEDESK_CONFIG)")
    p.add_argument("--index", metavar="DIR", help="index directory (default: config or var/index)")
    p.add_argument("--console", action="store_true", help="chat in the terminal instead of Telegram")
    p.add_argument(
        "--console-if-no-token",
        action="store_true",
        help="run Telegram when a token is configured, the console chat otherwise",
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        config = with_overrides(load_config(args.config), index_dir=args.index)
        if args.console_if_no_token and not telegram_settings(config).token:
            print("no Telegram token configured: starting the console chat", file=sys.stderr)
            args.console = True
        if args.console:
            live = LiveArchive(config.index.path)
            desk = QuoteDesk(
                live.get, settings=config.search, max_question_chars=bot_settings(config).max_question_chars
            )
            return run_console(desk)
        # Imported here: the console chat needs no Telegram set-up.
        from bot.telegram_app import run_telegram

        return run_telegram(config)
    except QuotedeskError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
