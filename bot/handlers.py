"""The Telegram handlers: updates in, QuoteDesk replies out as HTML messages with buttons.

One `async def` per kind of update.  Every handler goes through the same gate
(allow-list, then the per-user rate limit) and runs the conversation core,
on the event loop or in a thread pool (see `bot.telegram_app`); the updates
of one chat are answered in the order they came (a per-chat lock), those of
different chats concurrently.

Groups: the bot answers commands, messages that mention it and replies to its
own messages, and stays silent otherwise.  Answers are always sent as replies
to the question: the More button finds its question there (see
`bot.callbacks`), and in a busy group it is clear what was answered.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import re
import time
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Sequence
from concurrent.futures import Executor
from contextlib import asynccontextmanager, suppress
from typing import Any, TypeVar, cast

from telegram import (
    Bot,
    BotCommand,
    CallbackQuery,
    InlineKeyboardMarkup,
    InlineQueryResultsButton,
    Message,
    MessageEntity,
    ReplyParameters,
    Update,
)
from telegram.constants import CallbackQueryLimit, ChatAction, ChatType, ParseMode
from telegram.error import (
    BadRequest,
    Conflict,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot import callbacks
from bot.access import AccessPolicy, RateLimiter
from bot.core import EXPIRED, Button, Note, QuoteDesk, Reply
from bot.inline import inline_results
from bot.render import layout_html
from bot.search_worker import SearchWorker, SearchWorkerGone
from bot.settings import BotSettings

log = logging.getLogger("bot.telegram")
T = TypeVar("T")

# Answers are sent with Bot.do_api_request("sendMessage"), which warns that send_message
# exists: see QuoteDeskHandlers._reply for why.
warnings.filterwarnings("ignore", message=r"Please use 'Bot\.sendMessage' instead of", category=UserWarning)

MAX_ALERT = int(CallbackQueryLimit.ANSWER_CALLBACK_QUERY_TEXT_LENGTH)  # 200 characters
CONTEXT_BUTTONS_PER_ROW = 3
# Telegram shows "typing…" for about 5 seconds per chat action.
TYPING_REFRESH = 4.5
SEND_ATTEMPTS = 3
DOUBLE_PRESS = 3.0  # seconds

COMMANDS = [
    BotCommand("help", "What to ask, with examples"),
    BotCommand("speakers", "Who is quoted: /speakers [name or role]"),
    BotCommand("speaker", "One speaker: roles, spellings, recent quotes"),
    BotCommand("latest", "The newest quotes"),
    BotCommand("stats", "Size and dates of the archive"),
]

SORRY = "Sorry — something went wrong while answering. Please try again in a moment."
PRIVATE_BOT = (
    "Sorry, this bot is private. Your Telegram user id is {user}: "
    "ask the person who runs it to add you."
)
SLOW_DOWN = "You are asking faster than I can answer. Please wait about {seconds} seconds and try again."
NOT_TEXT = "I answer questions written as text, e.g. “what did the interior ministry spokesman say”."
MORE_HINT = "Tap the More button under an answer to see further quotes."


def keyboard_json(rows: Sequence[Sequence[Button]]) -> dict[str, Any] | None:
    """Buttons as the Bot API's inline keyboard (JSON), empty rows left out; None without any."""
    rows = [row for row in rows if row]
    if not rows:
        return None
    return {"inline_keyboard": [[{"text": b.label, "callback_data": b.data} for b in row] for row in rows]}


def _chunks(items: Sequence[Button], size: int) -> list[list[Button]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def describe(update: object) -> str:
    """Where an update came from, for log lines (ids only, never message text)."""
    if not isinstance(update, Update):
        return "no update"
    kind = next(
        (k for k in ("message", "edited_message", "callback_query", "inline_query") if getattr(update, k)),
        "update",
    )
    chat = update.effective_chat
    user = update.effective_user
    return (
        f"update {update.update_id} ({kind}"
        + (f", chat {chat.id} {chat.type}" if chat else "")
        + (f", user {user.id}" if user else "")
        + ")"
    )


class QuoteDeskHandlers:
    """The bot's behaviour over Telegram; `register` adds it to an Application."""

    def __init__(
        self,
        desk: QuoteDesk,
        settings: BotSettings,
        executor: Executor | None = None,
        worker: SearchWorker | None = None,
    ) -> None:
        self.desk = desk
        self.settings = settings
        self.executor = executor
        self.worker = worker
        self.access = AccessPolicy(settings.allowed_users, settings.allowed_chats)
        self.limiter = RateLimiter(settings.rate_limit, settings.rate_limit_window)
        self.inline_limiter = RateLimiter(settings.inline_rate_limit, settings.rate_limit_window)
        # An outsider is told at most once per window that the bot is private.
        self.refusals = RateLimiter(1, settings.rate_limit_window)
        self._chat_locks: dict[int, list[Any]] = {}  # chat id -> [lock, waiters]
        # (chat, message, data) -> when: a double tap on More sends one page, not two.
        self._recent_presses: dict[tuple[int, int, str], float] = {}

    def register(self, app: Application) -> None:
        private = filters.ChatType.PRIVATE
        new_or_private_edit = filters.UpdateType.MESSAGE | (filters.UpdateType.EDITED_MESSAGE & private)
        commands: list[tuple[str | list[str], Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]]] = [
            (["start", "help"], self.on_help),
            ("speakers", self.on_speakers),
            ("speaker", self.on_speaker),
            ("latest", self.on_latest),
            ("stats", self.on_stats),
        ]
        for names, callback in commands:
            app.add_handler(CommandHandler(names, callback, filters=filters.UpdateType.MESSAGE))
        app.add_handler(MessageHandler(filters.COMMAND & filters.UpdateType.MESSAGE, self.on_unknown_command))
        app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & new_or_private_edit, self.on_text))
        app.add_handler(MessageHandler(~filters.TEXT & private & filters.UpdateType.MESSAGE, self.on_not_text))
        app.add_handler(CallbackQueryHandler(self.on_button))
        app.add_handler(InlineQueryHandler(self.on_inline))
        app.add_error_handler(self.on_error)

    # -- the gate -----------------------------------------------------------------

    async def _admitted(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
        """Allow-list and rate limit for a message or a button press; tells the user why not."""
        user = update.effective_user
        chat = update.effective_chat
        user_id = user.id if user else None
        chat_id = chat.id if chat else None
        if not self.access.allows(user_id, chat_id):
            log.info("refused %s: not on the allow-list", describe(update))
            # Refusals are rate limited too, so an outsider cannot make the bot flood.
            if user_id is not None and self.refusals.check(user_id).allowed:
                await self._notify(update, context, PRIVATE_BOT.format(user=user_id))
            return False
        if user_id is None:
            return True
        decision = self.limiter.check(user_id)
        if decision.allowed:
            return True
        log.info("rate limited %s for %.1f s", describe(update), decision.retry_after)
        if decision.warn:
            await self._notify(update, context, SLOW_DOWN.format(seconds=max(1, round(decision.retry_after))))
        elif update.callback_query:
            with suppress(TelegramError):
                await update.callback_query.answer()
        return False

    async def _notify(self, update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
        """A short plain notice: an alert on a button press, a reply to a message."""
        if update.callback_query:
            with suppress(TelegramError):
                await update.callback_query.answer(text=text[:MAX_ALERT], show_alert=True)
            return
        message = update.effective_message
        if message is not None:
            await self._send(
                context.bot.send_message,
                chat_id=message.chat_id,
                text=text,
                reply_parameters=ReplyParameters(message_id=message.message_id, allow_sending_without_reply=True),
                message_thread_id=message.message_thread_id if message.is_topic_message else None,
            )

    # -- messages -------------------------------------------------------------------

    async def on_help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/start and /help: what to ask, with examples from the loaded archive."""
        await self._command(update, context, self.desk.help)

    async def on_speakers(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/speakers [filter]: the speaker directory."""
        await self._command(update, context, self.desk.speakers, self._argument(update.effective_message))

    async def on_speaker(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/speaker NAME: one speaker's card."""
        await self._command(update, context, self.desk.speaker, self._argument(update.effective_message))

    async def on_latest(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/latest: the newest quotes."""
        await self._command(update, context, self.desk.latest)

    async def on_stats(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/stats: archive size, date range and index build time."""
        await self._command(update, context, self.desk.stats)

    async def on_unknown_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A command this bot does not have (in groups only when addressed to this bot)."""
        message = update.effective_message
        if message is None or not message.text:
            return
        command = message.text.split(maxsplit=1)[0]
        name, _, target = command[1:].partition("@")
        if message.chat.type != ChatType.PRIVATE and target.lower() != (context.bot.username or "").lower():
            return  # "/foo" in a group may be meant for another bot
        if not await self._admitted(update, context):
            return
        note = f"I don't know the command /{name[:32]}. Ask a question in plain words, or try /help."
        await self._reply(context.bot, message, Reply([Note(note)]))

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A question (in groups: only when it mentions the bot or replies to it)."""
        message = update.effective_message
        if message is None or message.text is None:
            return
        question = self.question_in(message, context.bot)
        if question is None:
            return  # a group conversation not addressed to the bot
        if not await self._admitted(update, context):
            return
        refusal = self.desk.too_long(question)
        if refusal is not None:
            log.info("%s: refused a %d-character message", describe(update), len(question))
            await self._reply(context.bot, message, refusal)
            return
        if not question:
            await self._answer(update, context, self.desk.help)
            return
        if question.lower().strip(" .!?") in ("more", "next", "more please"):
            await self._reply(context.bot, message, Reply([Note(MORE_HINT)]))
            return
        await self._answer(update, context, self.desk.ask, question)

    async def on_not_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A photo, sticker or voice note in a private chat: say what the bot understands."""
        message = update.effective_message
        if message is None or not await self._admitted(update, context):
            return
        await self._reply(context.bot, message, Reply([Note(NOT_TEXT)]))

    @staticmethod
    def _argument(message: Message | None) -> str:
        if message is None or not message.text:
            return ""
        parts = message.text.split(maxsplit=1)
        return parts[1].strip() if len(parts) > 1 else ""

    @staticmethod
    def question_in(message: Message, bot: Bot) -> str | None:
        """The question a message asks, without the bot's @mention; None when a group
        message is not addressed to the bot (no mention, not a reply to it)."""
        text = message.text or ""
        username = bot.username or ""
        addressed = message.chat.type == ChatType.PRIVATE
        if username:
            for entity, value in message.parse_entities([MessageEntity.MENTION]).items():
                if entity.type == MessageEntity.MENTION and value[1:].lower() == username.lower():
                    addressed = True
        for entity in message.entities or ():
            if entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot.id:
                addressed = True
        replied = message.reply_to_message
        if replied is not None and replied.from_user is not None and replied.from_user.id == bot.id:
            addressed = True
        if not addressed:
            return None
        return QuoteDeskHandlers.without_mention(text, username)

    @staticmethod
    def without_mention(text: str, username: str | None) -> str:
        """A message's text without the bot's @mention, whitespace collapsed."""
        if username:
            text = re.sub(rf"(?i)(?<!\w)@{re.escape(username)}\b[,:]?", " ", text)
        return " ".join(text.split())

    async def _command(
        self, update: Update, context: ContextTypes.DEFAULT_TYPE, work: Callable[..., Reply], *args: Any
    ) -> None:
        if update.effective_message is None or not await self._admitted(update, context):
            return
        await self._answer(update, context, work, *args)

    async def _answer(
        self, update: Update, context: ContextTypes.DEFAULT_TYPE, work: Callable[..., Reply], *args: Any
    ) -> None:
        """Run `work` off the event loop (typing shown while it runs) and send its reply."""
        message = update.effective_message
        assert message is not None
        started = time.perf_counter()
        async with self._chat_turn(message.chat_id):
            async with self._typing(context.bot, message):
                reply = await self._run(work, *args)
            await self._reply(context.bot, message, reply)
        log.info(
            "%s answered in %.0f ms (%d quotes)",
            describe(update),
            (time.perf_counter() - started) * 1000,
            len(reply.answers),
        )

    # -- buttons --------------------------------------------------------------------

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """More, Context and speaker buttons under an answer."""
        query = update.callback_query
        assert query is not None
        if not await self._admitted(update, context):
            return
        try:
            action = callbacks.decode(query.data)
        except callbacks.BadCallbackData:
            await query.answer(text="This button no longer works. Please ask again.", show_alert=True)
            return
        message = query.message
        if not isinstance(message, Message):
            await query.answer(text="This message is too old to use its buttons. Please ask again.", show_alert=True)
            return
        if not callbacks.same_generation(action.generation, self.desk.generation):
            await self._expired(query, message)
            return
        question_message: Message | None = None
        question = ""
        if action.kind == "more":
            question_message = message.reply_to_message
            # The bot answered it, so it was addressed to the bot: only the @mention goes.
            question = self.without_mention(question_message.text or "", context.bot.username) if question_message else ""
            if question_message is None or not question:
                await query.answer(
                    text="I can no longer see the question of this answer. Please ask again.", show_alert=True
                )
                return
        if self._pressed_twice(message, query.data or ""):
            await query.answer()
            return
        await query.answer()
        async with self._chat_turn(message.chat_id):
            async with self._typing(context.bot, message):
                if action.kind == "more":
                    reply = await self._run(
                        self.desk.page,
                        question,
                        offset=action.number,
                        generation=action.generation,
                        question_hash=action.question_hash,
                    )
                elif action.kind == "latest":
                    reply = await self._run(self.desk.latest, action.number, action.generation)
                elif action.kind == "context":
                    reply = await self._run(self.desk.context, action.number, action.generation)
                else:
                    reply = await self._run(self.desk.speaker_card, action.number, action.generation)
            if reply.expired:
                await self._drop_buttons(message, keep=lambda a: False)
            elif action.kind in ("more", "latest"):
                # The next page follows; the pressed message keeps its Context buttons only.
                await self._drop_buttons(message, keep=lambda a: a.kind not in ("more", "latest"))
            await self._reply(context.bot, question_message or message, reply)

    def _pressed_twice(self, message: Message, data: str) -> bool:
        """Whether the same button of the same message was pressed in the last few seconds."""
        now = time.monotonic()
        if len(self._recent_presses) > 1000:
            self._recent_presses = {k: t for k, t in self._recent_presses.items() if now - t < DOUBLE_PRESS}
        key = (message.chat_id, message.message_id, data)
        last = self._recent_presses.get(key)
        self._recent_presses[key] = now
        return last is not None and now - last < DOUBLE_PRESS

    async def _expired(self, query: CallbackQuery, message: Message) -> None:
        await query.answer(text=EXPIRED, show_alert=True)
        await self._drop_buttons(message, keep=lambda a: False)

    async def _drop_buttons(self, message: Message, keep: Callable[[callbacks.Action], bool]) -> None:
        """Edit a message's keyboard down to the buttons `keep` accepts."""
        markup = message.reply_markup
        if markup is None:
            return
        rows = []
        for row in markup.inline_keyboard:
            kept = []
            for button in row:
                try:
                    action = callbacks.decode(str(button.callback_data))
                except callbacks.BadCallbackData:
                    continue
                if keep(action):
                    kept.append(button)
            if kept:
                rows.append(kept)
        if rows == [list(r) for r in markup.inline_keyboard]:
            return
        try:
            await self._send(message.edit_reply_markup, reply_markup=InlineKeyboardMarkup(rows) if rows else None)
        except BadRequest as exc:  # "message is not modified", or the message is gone
            log.debug("could not edit the buttons of message %s: %s", message.message_id, exc)

    # -- inline mode ------------------------------------------------------------------

    async def on_inline(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """`@bot question` in any chat: the matching quotes as shareable results."""
        query = update.inline_query
        assert query is not None
        user_id = query.from_user.id
        if not self.access.allows(user_id, None):
            await query.answer(
                results=[], cache_time=60, is_personal=True,
                button=InlineQueryResultsButton(text="This bot is private", start_parameter="private"),
            )
            return
        decision = self.inline_limiter.check(user_id)
        if not decision.allowed:
            await query.answer(
                results=[], cache_time=0, is_personal=True,
                button=InlineQueryResultsButton(
                    text=f"Too many searches: wait {max(1, round(decision.retry_after))} s", start_parameter="help"
                ),
            )
            return
        text = " ".join(query.query.split())
        offset = int(query.offset) if query.offset.isdigit() else 0
        if len(text) > self.settings.max_question_chars:
            await query.answer(
                results=[], cache_time=60, is_personal=not self.access.open,
                button=InlineQueryResultsButton(text="Question too long", start_parameter="help"),
            )
            return
        if text:
            reply = await self._run(self.desk.ask, text, offset=offset, limit=self.settings.inline_results)
        else:
            reply = await self._run(self.desk.latest) if offset == 0 else Reply()
        results = inline_results(reply)
        shown = offset + len(results)
        next_offset = str(shown) if text and results and shown < reply.total else ""
        button = None
        if not results and offset == 0:
            button = InlineQueryResultsButton(text="No quotes found — open the bot for help", start_parameter="help")
        await query.answer(
            results=results,
            cache_time=30,
            is_personal=not self.access.open,
            next_offset=next_offset,
            button=button,
        )

    # -- errors -----------------------------------------------------------------------

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log with context (ids, never the token) and tell the user something went wrong."""
        error = context.error
        if update is None:  # polling or a background task
            if isinstance(error, Conflict):
                log.warning("another process is polling with this bot token (%s); it gets the updates", error)
            elif isinstance(error, (NetworkError, RetryAfter)):
                log.warning("Bot API not reachable (%s: %s); retrying", type(error).__name__, error)
            else:
                log.error("error outside any update", exc_info=error)
            return
        where = describe(update)
        if isinstance(error, Forbidden):
            log.info("%s: cannot answer (%s)", where, error)
            return
        log.error("error while handling %s", where, exc_info=error)
        if not isinstance(update, Update):
            return
        try:
            if update.callback_query:
                await update.callback_query.answer(text=SORRY, show_alert=True)
            elif update.effective_message and update.effective_chat:
                await update.effective_chat.send_message(text=SORRY)
        except TelegramError as exc:
            log.warning("%s: could not tell the user about the error: %s", where, exc)

    # -- plumbing -----------------------------------------------------------------------

    async def _run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """`fn(*args)`: a call of the conversation core in the search process if there
        is one, else in the search thread pool if there is one, else right here."""
        if self.worker is not None and self.worker.alive and getattr(fn, "__self__", None) is self.desk:
            try:
                return cast(T, await self.worker.call(self.desk.generation, fn.__name__, *args, **kwargs))
            except SearchWorkerGone:
                pass  # answered here from now on
        if self.executor is None:
            return fn(*args, **kwargs)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, functools.partial(fn, *args, **kwargs))

    @asynccontextmanager
    async def _chat_turn(self, chat_id: int) -> AsyncIterator[None]:
        """Answers in one chat go out in the order the questions came."""
        entry = self._chat_locks.get(chat_id)
        if entry is None:
            entry = self._chat_locks[chat_id] = [asyncio.Lock(), 0]
        entry[1] += 1
        try:
            async with entry[0]:
                yield
        finally:
            entry[1] -= 1
            if entry[1] == 0:
                del self._chat_locks[chat_id]

    @asynccontextmanager
    async def _typing(self, bot: Bot, message: Message) -> AsyncIterator[None]:
        """Show "typing…" while the body runs: after `typing_delay` seconds (Telegram asks
        bots to send chat actions only when an answer takes noticeable time), and again
        every few seconds.  The last chat action is always finished before the answer goes
        out, so "typing…" never lingers after it."""
        stop = asyncio.Event()
        thread = message.message_thread_id if message.is_topic_message else None

        async def action() -> None:
            try:
                await bot.send_chat_action(chat_id=message.chat_id, action=ChatAction.TYPING, message_thread_id=thread)
            except TelegramError as exc:
                log.debug("chat action failed: %s", exc)

        async def keep_typing() -> None:
            while not stop.is_set():
                await action()
                with suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), TYPING_REFRESH)

        first = self.settings.typing_delay
        if first <= 0:
            await action()
            first = TYPING_REFRESH
        # A timer, not a task: most answers are sent long before it would fire.
        loop = asyncio.get_running_loop()
        task: asyncio.Task[None] | None = None

        def start() -> None:
            nonlocal task
            task = loop.create_task(keep_typing())

        timer = loop.call_later(first, start)
        try:
            yield
        finally:
            timer.cancel()
            if task is not None:
                stop.set()
                await task

    async def _send(self, call: Callable[..., Awaitable[T]], **kwargs: Any) -> T:
        """A Bot API call, retried on network errors (the rate limiter already retries RetryAfter).

        Not retried: TimedOut (the request may have arrived; a duplicate answer is worse
        than a late error) and BadRequest (retrying cannot help)."""
        delay = 0.5
        for attempt in range(1, SEND_ATTEMPTS + 1):
            try:
                return await call(**kwargs)
            except (BadRequest, TimedOut):
                raise
            except NetworkError as exc:
                if attempt == SEND_ATTEMPTS:
                    raise
                log.warning("network error (%s); retry %d of %d in %.1f s", exc, attempt, SEND_ATTEMPTS - 1, delay)
                await asyncio.sleep(delay)
                delay *= 3
        raise AssertionError("unreachable")

    async def _reply(self, bot: Bot, to: Message, reply: Reply) -> None:
        """Send a reply as HTML messages (packed under Telegram's limit), replying to `to`.

        Sent as plain Bot API parameters through `do_api_request`, which gives back the
        JSON answer: `send_message` would build PTB objects for the keyboard and parse the
        sent message Telegram returns into a `Message`, which nothing here reads (a quarter
        of the bot's CPU per answer, more than the rest of sending it)."""
        messages = layout_html(reply)
        reply_to = {"message_id": to.message_id, "allow_sending_without_reply": True}
        thread = to.message_thread_id if to.is_topic_message else None
        for n, (text, group) in enumerate(messages):
            # Context buttons of the quotes in this message, then (last message) More.
            own = [b for i in group for b in reply.block_buttons.get(i, [])]
            rows = _chunks(own, CONTEXT_BUTTONS_PER_ROW)
            if n == len(messages) - 1:
                rows += reply.buttons
            params: dict[str, Any] = {
                "chat_id": to.chat_id,
                "text": text,
                "parse_mode": ParseMode.HTML.value,
                "link_preview_options": {"is_disabled": True},
                "reply_parameters": reply_to,
            }
            markup = keyboard_json(rows)
            if markup is not None:
                params["reply_markup"] = markup
            if thread is not None:
                params["message_thread_id"] = thread
            await self._send(bot.do_api_request, endpoint="sendMessage", api_kwargs=params)
