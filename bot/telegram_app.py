"""python -m bot: the python-telegram-bot Application around the conversation core.

Reads top to bottom: the flood-limit policy, the index watcher, building the
`Application` (requests, rate limiter, concurrency, handlers), and
`run_telegram`, which checks the token, then runs long polling (default) or a
webhook server.

Concurrency: `concurrent_updates` lets PTB handle that many updates at once,
while one chat's answers keep their order (see handlers).  Searches run in a
child process by default (`search_process = true`, bot/search_worker.py): the
event loop writes a request to a pipe and awaits the reply, so Telegram I/O and
searching use two cores.  Without it, searches run on the event loop
(`search_threads = 0`): a search takes a few milliseconds of Python that holds
the GIL, so a thread would not run it in parallel anyway, and handing the GIL
back and forth between the loop and search threads costs more than the search
(the loop waits up to the interpreter's 5 ms switch interval after each socket
call).  With `search_threads > 0` searches run in that many threads instead,
so that a very slow search is interleaved with the other chats' work.

Bot API calls go through `bot.http.KeepAliveRequest` (HTTP/1.1 keep-alive
over asyncio streams), about a quarter of the CPU of PTB's default httpx
backend per call; `[telegram].http_client = "httpx"` switches back, and so does
a proxy configured in the environment (httpx honours HTTPS_PROXY and friends).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from telegram import Bot, Update
from telegram.error import InvalidToken, TelegramError
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder
from telegram.request import BaseRequest, HTTPXRequest

from bot.core import QuoteDesk
from bot.handlers import COMMANDS, QuoteDeskHandlers
from bot.http import KeepAliveRequest
from bot.logs import setup_logging
from bot.search_worker import SearchWorker, SearchWorkerGone, setup_for
from bot.settings import (
    BotSettings,
    TelegramSettings,
    bot_settings,
    require_token,
    telegram_settings,
)
from index.config import Config
from index.errors import ConfigError
from index.live import LiveArchive

log = logging.getLogger("bot.telegram")

ALLOWED_UPDATES = [Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]


class FloodLimiter(AIORateLimiter):
    """AIORateLimiter (Telegram's flood limits, RetryAfter retried) with chat actions exempt.

    "typing…" is not a message: it should not use up a group's 20 messages a
    minute, nor wait behind them (an indicator that arrives late is useless).
    """

    async def process_request(  # type: ignore[override]
        self,
        callback: Any,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        if endpoint == "sendChatAction":
            data = {}
        return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)


class IndexWatcher:
    """Polls the index directory and switches to a new generation when one appears.

    The check (one small file read; opening a generation maps its arrays) runs
    in a thread every `interval` seconds.  Questions in flight keep the archive
    they started with, so a switch never fails one.
    """

    def __init__(self, live: LiveArchive, interval: float) -> None:
        self.live = live
        self.interval = interval
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name="quotedesk:index-watcher")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            try:
                if await asyncio.to_thread(self.live.refresh):
                    # Logged here, once the switch is done: the loader logs before it switches.
                    log.info("answering from index generation %s", self.live.get().id)
            except Exception:  # keep watching whatever happened
                log.exception("index reload check failed")


def _proxied(url: str) -> bool:
    """Whether the environment routes `url` through a proxy (HTTPS_PROXY, ALL_PROXY ...)."""
    parts = urlsplit(url)
    proxies = urllib.request.getproxies()
    if not (proxies.get(parts.scheme) or proxies.get("all")):
        return False
    return not urllib.request.proxy_bypass(parts.hostname or "")


def http_backend(tg: TelegramSettings) -> str:
    """"keepalive" or "httpx": the configured Bot API client, httpx behind a proxy."""
    if tg.http_client == "keepalive" and _proxied(tg.api_base_url):
        log.info("a proxy is configured in the environment: using httpx for the Bot API")
        return "httpx"
    return tg.http_client


def make_request(backend: str, pool_size: int, timeout: float, *, long_poll: bool = False) -> BaseRequest:
    """A PTB networking backend: `pool_size` connections, `timeout` seconds for each step.

    For getUpdates (`long_poll`) PTB adds the poll timeout to the read timeout."""
    if backend == "httpx":
        if long_poll:
            return HTTPXRequest(connection_pool_size=pool_size, connect_timeout=timeout, read_timeout=timeout)
        return HTTPXRequest(
            connection_pool_size=pool_size, connect_timeout=timeout, read_timeout=timeout,
            write_timeout=timeout, pool_timeout=timeout,
        )
    if long_poll:
        return KeepAliveRequest(connection_pool_size=pool_size, connect_timeout=timeout, read_timeout=timeout)
    return KeepAliveRequest(
        connection_pool_size=pool_size, connect_timeout=timeout, read_timeout=timeout,
        write_timeout=timeout, pool_timeout=timeout,
    )


def build_application(
    config: Config, token: str, tg: TelegramSettings, settings: BotSettings
) -> Application:
    """The configured Application: handlers registered, the index loaded and watched."""
    # get() never touches the disk (the watcher refreshes), so it is safe on the event loop.
    live = LiveArchive(config.index.path, check_every=float("inf"))
    desk = QuoteDesk(live.get, settings=config.search, max_question_chars=settings.max_question_chars)
    executor = (
        ThreadPoolExecutor(max_workers=settings.search_threads, thread_name_prefix="search")
        if settings.search_threads > 0 else None
    )
    worker = (
        SearchWorker(setup_for(Path(config.index.path), config.search, settings.max_question_chars))
        if settings.search_process else None
    )
    handlers = QuoteDeskHandlers(desk, settings, executor, worker)
    watcher = IndexWatcher(live, settings.reload_interval)

    async def post_init(app: Application) -> None:
        await app.bot.set_my_commands(commands=COMMANDS)
        watcher.start()
        if worker is not None:
            try:
                await worker.start()
            except SearchWorkerGone as exc:
                log.error("%s; answering in the bot's process", exc)
        log.info(
            "bot @%s ready (%s mode); index %s, generation %s",
            app.bot.username, tg.mode, config.index.path, live.get().id,
        )

    async def post_shutdown(app: Application) -> None:
        await watcher.stop()
        if worker is not None:
            await worker.stop()
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
        log.info("bot stopped")

    backend = http_backend(tg)
    # Every update being handled may be sending (its answer, a chat action, a button edit).
    request = make_request(backend, settings.concurrent_updates + 8, tg.request_timeout)
    updates_request = make_request(backend, 2, tg.request_timeout, long_poll=True)
    app = (
        ApplicationBuilder()
        .token(token)
        .base_url(tg.api_base_url)
        .base_file_url(tg.file_base_url)
        .request(request)
        .get_updates_request(updates_request)
        .rate_limiter(
            FloodLimiter(
                overall_max_rate=tg.flood_messages_per_second,
                group_max_rate=tg.flood_group_messages_per_minute,
                max_retries=tg.flood_retries,
            )
        )
        .concurrent_updates(settings.concurrent_updates)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    handlers.register(app)
    return app


async def _check_token(token: str, tg: TelegramSettings) -> None:
    """Ask the Bot API who we are before starting: a rejected token is a one-line error."""
    bot = Bot(token, base_url=tg.api_base_url, base_file_url=tg.file_base_url)
    try:
        async with bot:
            pass  # initialize() calls getMe
    except InvalidToken:
        raise ConfigError(
            f"the Bot API at {tg.api_base_url} rejected the token (Unauthorized): "
            "check TELEGRAM_BOT_TOKEN or [telegram].token"
        ) from None
    except TelegramError as exc:
        # Network trouble at start-up is not fatal: polling retries until the API is back.
        log.warning("cannot reach the Bot API at %s yet (%s); will keep trying", tg.api_base_url, exc)


def run_telegram(config: Config) -> int:
    """Run the bot until interrupted; a missing or rejected token is a ConfigError (exit 2)."""
    tg = telegram_settings(config)
    token = require_token(tg)
    settings = bot_settings(config)
    setup_logging(settings.log_level, secrets=(token, tg.webhook_secret_token))
    app = build_application(config, token, tg, settings)  # opens the index: fails fast if missing
    asyncio.run(_check_token(token, tg))
    try:
        if tg.mode == "webhook":
            app.run_webhook(
                listen=tg.webhook_listen,
                port=tg.webhook_port,
                url_path=tg.webhook_path.strip("/"),
                webhook_url=tg.webhook_url,
                secret_token=tg.webhook_secret_token or None,
                allowed_updates=ALLOWED_UPDATES,
                drop_pending_updates=tg.drop_pending_updates,
                bootstrap_retries=-1,
            )
        else:
            app.run_polling(
                timeout=tg.poll_timeout,
                allowed_updates=ALLOWED_UPDATES,
                drop_pending_updates=tg.drop_pending_updates,
                bootstrap_retries=-1,
            )
    except InvalidToken:  # revoked while running
        raise ConfigError("the Bot API rejected the token (Unauthorized): it may have been revoked") from None
    return 0
