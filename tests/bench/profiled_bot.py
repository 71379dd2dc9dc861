"""The bot under cProfile, for finding where its CPU goes at load:

    python -m tests.bench.bot_roundtrip --index var/bench/1m/index-bm25s \\
        --questions var/bench/1m/questions.txt --rate 0 --bot-module tests.bench.profiled_bot
    python -c "import pstats; pstats.Stats('var/bench/bot.prof').sort_stats('tottime').print_stats(30)"

The statistics go to $QUOTEDESK_PROFILE (default var/bench/bot.prof) when the bot
stops.  They cover the whole process, warm-up included; the profiler roughly doubles
the cost of Python-heavy code, so read shares, not milliseconds.
"""

from __future__ import annotations

import cProfile
import os
import sys
from pathlib import Path

from bot.cli import main


def run() -> int:
    out = Path(os.environ.get("QUOTEDESK_PROFILE", "var/bench/bot.prof"))
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        return main()
    finally:
        profiler.disable()
        out.parent.mkdir(parents=True, exist_ok=True)
        profiler.dump_stats(out)


if __name__ == "__main__":
    sys.exit(run())
