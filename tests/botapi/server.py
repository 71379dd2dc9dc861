"""A small Bot-API-compatible HTTP server on 127.0.0.1, for end-to-end tests of the real bot.

It speaks the parts of the Bot API the bot uses (``/bot<TOKEN>/<method>``,
form-encoded or JSON parameters, ``{"ok": ..., "result": ...}`` answers),
validates what the bot sends the way Telegram does (HTML parse mode with
Telegram's tag set and entities, the 4096-character message limit, 64-byte
callback data, inline results) and records every call.  Tests inject user
updates (messages, edits, button presses, inline queries), which the bot
fetches by long polling, and assert on the recorded calls.  Faults can be
injected: an error status (429 with retry_after, 500 ...) or a dropped
connection for the next calls of a method.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

MAX_TEXT = 4096
MAX_CALLBACK_DATA = 64
MAX_ALERT = 200
# Parameters whose value is a plain string, never JSON (everything else is JSON-decoded).
STRING_PARAMS = frozenset(
    {
        "text", "parse_mode", "callback_query_id", "inline_query_id", "next_offset", "url",
        "secret_token", "action", "caption", "description", "ip_address", "language_code",
        "inline_message_id", "message_text", "short_description", "name",
    }
)
ALLOWED_TAGS = frozenset(
    {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a",
     "tg-emoji", "code", "pre", "blockquote"}
)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # A bot opens its connections in bursts (one per update being answered); the default
    # backlog of 5 drops SYNs, and each dropped one costs the client a 1 s retransmission.
    request_queue_size = 256


class ApiError(Exception):
    def __init__(self, code: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# -- Telegram's HTML parse mode ---------------------------------------------------------

_TOKEN = re.compile(r"<[^>]*>|&[^;&<>\s]*;?|[^<&]+|[<&]")
_ATTR = re.compile(r"""([A-Za-z_][\w-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_ENTITY = re.compile(r"^&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);$")


def parse_html(text: str) -> str:
    """The visible text of a message in HTML parse mode; ApiError(400) where Telegram refuses."""
    out: list[str] = []
    stack: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        tok = m.group(0)
        pos = m.start()
        if tok.startswith("<") and len(tok) > 1 and tok.endswith(">"):
            closing = tok.startswith("</")
            body = tok[2:-1] if closing else tok[1:-1]
            name_match = re.match(r"\s*([A-Za-z][\w-]*)", body)
            if not name_match:
                raise ApiError(400, f"Bad Request: can't parse entities: Unexpected character at byte offset {pos}")
            name = name_match.group(1).lower()
            if name not in ALLOWED_TAGS:
                kind = "end" if closing else "start"
                raise ApiError(
                    400, f'Bad Request: can\'t parse entities: Unsupported {kind} tag "{name}" at byte offset {pos}'
                )
            if closing:
                if not stack or stack[-1] != name:
                    raise ApiError(
                        400,
                        f'Bad Request: can\'t parse entities: Unmatched end tag at byte offset {pos}, expected "</{stack[-1] if stack else ""}>", found "</{name}>"',
                    )
                stack.pop()
                continue
            attrs = {a.group(1).lower(): (a.group(2) or a.group(3) or a.group(4) or "") for a in _ATTR.finditer(body[name_match.end():])}
            if name == "a" and not attrs.get("href"):
                raise ApiError(400, f"Bad Request: can't parse entities: <a> without href at byte offset {pos}")
            if name == "blockquote" and "blockquote" in stack:
                raise ApiError(400, "Bad Request: can't parse entities: nested blockquote")
            if any(t in ("code", "pre") for t in stack) and not (name == "code" and stack[-1] == "pre"):
                raise ApiError(400, "Bad Request: can't parse entities: tags inside code")
            for value in attrs.values():
                _check_entities(value, pos)
            stack.append(name)
            continue
        if tok.startswith("<"):
            raise ApiError(400, f"Bad Request: can't parse entities: Unexpected end of name token at byte offset {pos}")
        if tok.startswith("&"):
            if not _ENTITY.match(tok):
                raise ApiError(400, f"Bad Request: can't parse entities: Unsupported HTML entity at byte offset {pos}")
            out.append(html.unescape(tok))
            continue
        if ">" in tok:
            raise ApiError(400, f"Bad Request: can't parse entities: Unexpected > at byte offset {pos}")
        out.append(tok)
    if stack:
        raise ApiError(400, f'Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(out)


def _check_entities(value: str, pos: int) -> None:
    for m in re.finditer(r"&[^;&<>\s]*;?", value):
        if not _ENTITY.match(m.group(0)):
            raise ApiError(400, f"Bad Request: can't parse entities: Unsupported HTML entity at byte offset {pos}")


def visible_text(text: str, parse_mode: str | None) -> str:
    visible = parse_html(text) if (parse_mode or "").upper() == "HTML" else text
    if not visible.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    if utf16_len(visible) > MAX_TEXT:
        raise ApiError(400, "Bad Request: message is too long")
    return visible


def check_markup(markup: Any) -> None:
    if markup is None:
        return
    if not isinstance(markup, dict) or "inline_keyboard" not in markup:
        raise ApiError(400, "Bad Request: unsupported reply markup")
    for row in markup["inline_keyboard"]:
        for button in row:
            if not button.get("text"):
                raise ApiError(400, "Bad Request: BUTTON_TEXT_EMPTY")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode("utf-8")) <= MAX_CALLBACK_DATA:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")


# -- records ------------------------------------------------------------------------------


@dataclass
class Call:
    """One request the bot made."""

    index: int
    method: str
    params: dict[str, Any]
    at: float
    ok: bool = True
    result: Any = None
    error: str | None = None

    @property
    def chat_id(self) -> int | None:
        value = self.params.get("chat_id")
        return int(value) if isinstance(value, (int, str)) and str(value).lstrip("-").isdigit() else None

    @property
    def text(self) -> str:
        return str(self.params.get("text", ""))

    @property
    def visible(self) -> str:
        """What the user sees (HTML parsed)."""
        return visible_text(self.text, self.params.get("parse_mode"))

    @property
    def buttons(self) -> list[dict[str, Any]]:
        markup = self.params.get("reply_markup") or {}
        return [b for row in markup.get("inline_keyboard", []) for b in row]

    def button(self, label_start: str) -> dict[str, Any]:
        for b in self.buttons:
            if b["text"].startswith(label_start):
                return b
        raise AssertionError(f"no button starting with {label_start!r} in {[b['text'] for b in self.buttons]}")

    @property
    def reply_to(self) -> int | None:
        rp = self.params.get("reply_parameters") or {}
        return rp.get("message_id") or self.params.get("reply_to_message_id")


@dataclass
class Fault:
    method: str
    chat_id: int | None
    kind: str  # "error" | "drop"
    status: int = 500
    description: str = "Internal Server Error"
    retry_after: int | None = None
    remaining: int = 1


@dataclass
class _State:
    calls: list[Call] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    next_update: int = 1
    messages: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    next_message: dict[int, int] = field(default_factory=lambda: defaultdict(lambda: 1))
    chats: dict[int, dict[str, Any]] = field(default_factory=dict)
    faults: list[Fault] = field(default_factory=list)
    commands: list[dict[str, Any]] = field(default_factory=list)
    webhook: dict[str, Any] = field(default_factory=lambda: {"url": ""})
    next_query: int = 1


class FakeBotAPI:
    """The server.  Use as a context manager, or call start() / stop()."""

    def __init__(self, token: str, *, username: str = "quotedesk_test_bot", bot_id: int | None = None) -> None:
        self.token = token
        self.username = username
        self.bot_id = bot_id or int(token.split(":", 1)[0])
        self.bot_user = {
            "id": self.bot_id, "is_bot": True, "first_name": "QuoteDesk", "username": username,
            "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": True,
        }
        self._cond = threading.Condition()
        self._s = _State()
        self._stopping = False
        self._observers: list[Callable[[Call], None]] = []
        self._server = _Server(("127.0.0.1", 0), self._handler_class())
        self._thread: threading.Thread | None = None

    # -- lifecycle ------------------------------------------------------------------

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def file_base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    def start(self) -> FakeBotAPI:
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-bot-api", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeBotAPI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- injecting what users do ------------------------------------------------------

    def user(self, user_id: int, name: str | None = None) -> dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": name or f"User{user_id}",
                "username": f"user{user_id}", "language_code": "en"}

    def chat(self, chat_id: int, chat_type: str = "private", title: str | None = None) -> dict[str, Any]:
        with self._cond:
            chat = self._s.chats.get(chat_id)
            if chat is None:
                chat = {"id": chat_id, "type": chat_type}
                if chat_type == "private":
                    chat["first_name"] = f"User{chat_id}"
                else:
                    chat["title"] = title or f"Group {chat_id}"
                self._s.chats[chat_id] = chat
            return chat

    def _new_message(self, chat: dict[str, Any], sender: dict[str, Any], **fields_: Any) -> dict[str, Any]:
        with self._cond:
            mid = self._s.next_message[chat["id"]]
            self._s.next_message[chat["id"]] += 1
            message = {"message_id": mid, "date": int(time.time()), "chat": chat, "from": sender, **fields_}
            self._s.messages[(chat["id"], mid)] = message
            return message

    def _push(self, update: dict[str, Any]) -> dict[str, Any]:
        with self._cond:
            update = {"update_id": self._s.next_update, **update}
            self._s.next_update += 1
            self._s.updates.append(update)
            self._cond.notify_all()
            return update

    def send_text(
        self,
        text: str,
        *,
        user_id: int,
        chat_id: int | None = None,
        chat_type: str = "private",
        reply_to: dict[str, Any] | None = None,
        deliver: bool = True,
    ) -> dict[str, Any]:
        """A user writes `text` (commands and @mentions get their entities, as Telegram adds them).

        With deliver=False the message is only stored (a webhook test posts it itself)."""
        chat = self.chat(chat_id if chat_id is not None else user_id, chat_type)
        fields_: dict[str, Any] = {"text": text}
        entities = _entities(text)
        if entities:
            fields_["entities"] = entities
        if reply_to is not None:
            fields_["reply_to_message"] = _shallow(reply_to)
        message = self._new_message(chat, self.user(user_id), **fields_)
        if deliver:
            self._push({"message": message})
        return message

    def send_raw(self, *, user_id: int, chat_id: int | None = None, chat_type: str = "private", **fields_: Any) -> dict[str, Any]:
        """A user sends something other than text (fields such as sticker=...)."""
        chat = self.chat(chat_id if chat_id is not None else user_id, chat_type)
        message = self._new_message(chat, self.user(user_id), **fields_)
        self._push({"message": message})
        return message

    def edit_text(self, message: dict[str, Any], text: str) -> dict[str, Any]:
        """The user edits a message they sent."""
        with self._cond:
            stored = self._s.messages[(message["chat"]["id"], message["message_id"])]
            stored["text"] = text
            stored["edit_date"] = int(time.time())
            stored["entities"] = _entities(text)
            edited = dict(stored)
        self._push({"edited_message": edited})
        return edited

    def press(self, message: dict[str, Any] | int, data: str, *, user_id: int, chat_id: int | None = None) -> str:
        """A user presses an inline button of a bot message (a dict, or its id in chat_id)."""
        with self._cond:
            if isinstance(message, dict):
                key = (message["chat"]["id"], message["message_id"])
            else:
                key = (chat_id if chat_id is not None else user_id, message)
            stored = dict(self._s.messages[key])
            qid = str(self._s.next_query)
            self._s.next_query += 1
        self._push({"callback_query": {"id": qid, "from": self.user(user_id), "message": stored,
                                       "chat_instance": f"ci{key[0]}", "data": data}})
        return qid

    def inline_query(self, query: str, *, user_id: int, offset: str = "") -> str:
        with self._cond:
            qid = f"iq{self._s.next_query}"
            self._s.next_query += 1
        self._push({"inline_query": {"id": qid, "from": self.user(user_id), "query": query,
                                     "offset": offset, "chat_type": "sender"}})
        return qid

    # -- faults -----------------------------------------------------------------------

    def fail_next(self, method: str, *, status: int = 500, description: str | None = None,
                  retry_after: int | None = None, chat_id: int | None = None, times: int = 1) -> None:
        """The next `times` calls of `method` (to `chat_id`) answer with an error."""
        with self._cond:
            self._s.faults.append(Fault(method, chat_id, "error", status,
                                        description or (f"Too Many Requests: retry after {retry_after}"
                                                        if status == 429 else "Internal Server Error"),
                                        retry_after, times))

    def drop_next(self, method: str, *, chat_id: int | None = None, times: int = 1) -> None:
        """The next `times` calls of `method` get their connection closed without an answer."""
        with self._cond:
            self._s.faults.append(Fault(method, chat_id, "drop", remaining=times))

    # -- what the bot did ---------------------------------------------------------------

    def observe(self, callback: Callable[[Call], None]) -> Callable[[], None]:
        """Call `callback(call)` for every call recorded from now on (in the server thread that
        handled it, before the bot gets its answer); returns a function that stops it.

        For load generators: waiting with `wait_for` wakes every waiting thread on every call."""
        self._observers.append(callback)
        return lambda: self._observers.remove(callback)

    def mark(self) -> int:
        with self._cond:
            return len(self._s.calls)

    def calls(self, method: str | None = None, *, chat_id: int | None = None, since: int = 0) -> list[Call]:
        with self._cond:
            return [c for c in self._s.calls[since:]
                    if (method is None or c.method == method) and (chat_id is None or c.chat_id == chat_id)]

    def wait_for(self, predicate: Callable[[Call], bool], *, since: int = 0, timeout: float = 10.0,
                 what: str = "a call") -> Call:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for c in self._s.calls[since:]:
                    if predicate(c):
                        return c
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [(c.method, c.chat_id, c.text[:60]) for c in self._s.calls[since:]][-15:]
                    raise AssertionError(f"timed out waiting for {what}; recent calls: {seen}")
                self._cond.wait(left)

    def wait_calls(self, method: str, n: int, *, chat_id: int | None = None, since: int = 0,
                   timeout: float = 10.0) -> list[Call]:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [c for c in self._s.calls[since:]
                         if c.method == method and (chat_id is None or c.chat_id == chat_id)]
                if len(found) >= n:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"timed out waiting for {n} {method} to {chat_id}; got {len(found)}")
                self._cond.wait(left)

    def message(self, chat_id: int, message_id: int) -> dict[str, Any]:
        with self._cond:
            return dict(self._s.messages[(chat_id, message_id)])

    @property
    def commands(self) -> list[dict[str, Any]]:
        with self._cond:
            return list(self._s.commands)

    @property
    def webhook(self) -> dict[str, Any]:
        with self._cond:
            return dict(self._s.webhook)

    def pending_updates(self) -> int:
        with self._cond:
            return len(self._s.updates)

    # -- the HTTP side --------------------------------------------------------------------

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Like Telegram's servers: no Nagle delay, and each answer written in one piece
            # (headers and body in separate small writes would wait for the client's ACK).
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                self._serve(dict(parse_qsl(urlsplit(self.path).query)))

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                ctype = self.headers.get("Content-Type", "")
                if "json" in ctype:
                    raw = json.loads(body or b"{}")
                    params = {k: v if not isinstance(v, str) else v for k, v in raw.items()}
                    self._serve(params, decoded=True)
                elif "multipart" in ctype:
                    self._serve(_multipart(body, ctype))
                else:
                    self._serve(dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True)))

            def _serve(self, raw: dict[str, Any], decoded: bool = False) -> None:
                parts = urlsplit(self.path).path.split("/")
                if len(parts) != 3 or not parts[1].startswith("bot"):
                    return self._answer(404, {"ok": False, "error_code": 404, "description": "Not Found"})
                if parts[1][3:] != api.token:
                    return self._answer(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
                method = parts[2]
                params = raw if decoded else {k: _decode(k, v) for k, v in raw.items()}
                fault = api._take_fault(method, params)
                if fault is not None and fault.kind == "drop":
                    api._record(method, params, ok=False, error="dropped")
                    self.close_connection = True  # closed without an answer
                    return None
                if fault is not None:
                    payload: dict[str, Any] = {"ok": False, "error_code": fault.status, "description": fault.description}
                    if fault.retry_after is not None:
                        payload["parameters"] = {"retry_after": fault.retry_after}
                    api._record(method, params, ok=False, error=fault.description)
                    return self._answer(fault.status, payload)
                if method == "getUpdates":  # recorded on arrival: tests wait for polling to start
                    api._record(method, params)
                try:
                    result = api._dispatch(method, params)
                except ApiError as exc:
                    api._record(method, params, ok=False, error=exc.description)
                    payload = {"ok": False, "error_code": exc.code, "description": exc.description}
                    return self._answer(exc.code, payload)
                if method != "getUpdates":
                    api._record(method, params, result=result)
                return self._answer(200, {"ok": True, "result": result})

            def _answer(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode("utf-8")
                phrase = self.responses.get(status, ("",))[0]
                head = (
                    f"HTTP/1.1 {status} {phrase}\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {len(data)}\r\n" + ("Connection: close\r\n" if self.close_connection else "")
                )
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(head.encode("latin-1") + b"\r\n" + data)

        return Handler

    def _take_fault(self, method: str, params: dict[str, Any]) -> Fault | None:
        with self._cond:
            for fault in self._s.faults:
                chat = params.get("chat_id")
                if fault.method == method and (fault.chat_id is None or str(fault.chat_id) == str(chat)):
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        self._s.faults.remove(fault)
                    return fault
        return None

    def _record(self, method: str, params: dict[str, Any], *, ok: bool = True, result: Any = None,
                error: str | None = None) -> None:
        with self._cond:
            call = Call(len(self._s.calls), method, params, time.monotonic(), ok, result, error)
            self._s.calls.append(call)
            self._cond.notify_all()
        for observer in self._observers:
            observer(call)

    def _dispatch(self, method: str, p: dict[str, Any]) -> Any:
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            raise ApiError(404, "Not Found")
        return handler(p)

    # -- methods -----------------------------------------------------------------------------

    def _m_getMe(self, p: dict[str, Any]) -> Any:
        return self.bot_user

    def _m_getUpdates(self, p: dict[str, Any]) -> Any:
        offset = int(p.get("offset") or 0)
        timeout = float(p.get("timeout") or 0)
        limit = int(p.get("limit") or 100)
        deadline = time.monotonic() + timeout
        with self._cond:
            if offset:
                self._s.updates = [u for u in self._s.updates if u["update_id"] >= offset]
            while not self._s.updates and not self._stopping:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(left)
            return list(self._s.updates[:limit])

    def _m_deleteWebhook(self, p: dict[str, Any]) -> Any:
        with self._cond:
            self._s.webhook = {"url": ""}
            if p.get("drop_pending_updates"):
                self._s.updates.clear()
        return True

    def _m_setWebhook(self, p: dict[str, Any]) -> Any:
        if not str(p.get("url", "")).startswith(("http://", "https://")):
            raise ApiError(400, "Bad Request: bad webhook: invalid URL")
        with self._cond:
            self._s.webhook = {"url": p["url"], "secret_token": p.get("secret_token"),
                               "allowed_updates": p.get("allowed_updates")}
        return True

    def _m_getWebhookInfo(self, p: dict[str, Any]) -> Any:
        with self._cond:
            return {"url": self._s.webhook.get("url", ""), "has_custom_certificate": False,
                    "pending_update_count": len(self._s.updates)}

    def _m_setMyCommands(self, p: dict[str, Any]) -> Any:
        commands = p.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise ApiError(400, "Bad Request: commands must be a list")
        for c in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", c.get("command", "")):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(c.get("description", "")) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        with self._cond:
            self._s.commands = commands
        return True

    def _m_getMyCommands(self, p: dict[str, Any]) -> Any:
        return self.commands

    def _m_deleteMyCommands(self, p: dict[str, Any]) -> Any:
        with self._cond:
            self._s.commands = []
        return True

    def _m_close(self, p: dict[str, Any]) -> Any:
        return True

    def _m_logOut(self, p: dict[str, Any]) -> Any:
        return True

    def _m_sendChatAction(self, p: dict[str, Any]) -> Any:
        self._known_chat(p)
        if p.get("action") not in ("typing", "upload_photo", "record_video", "upload_document", "find_location"):
            raise ApiError(400, "Bad Request: wrong parameter action in request")
        return True

    def _known_chat(self, p: dict[str, Any]) -> dict[str, Any]:
        try:
            chat_id = int(p["chat_id"])
        except (KeyError, TypeError, ValueError):
            raise ApiError(400, "Bad Request: chat_id is empty") from None
        with self._cond:
            chat = self._s.chats.get(chat_id)
        if chat is None:
            raise ApiError(400, "Bad Request: chat not found")
        return chat

    def _m_sendMessage(self, p: dict[str, Any]) -> Any:
        chat = self._known_chat(p)
        text = visible_text(str(p.get("text", "")), p.get("parse_mode"))
        check_markup(p.get("reply_markup"))
        fields_: dict[str, Any] = {"text": text}
        if p.get("reply_markup"):
            fields_["reply_markup"] = p["reply_markup"]
        rp = p.get("reply_parameters") or {}
        target_id = rp.get("message_id") or p.get("reply_to_message_id")
        if target_id:
            with self._cond:
                target = self._s.messages.get((chat["id"], int(target_id)))
            if target is not None:
                fields_["reply_to_message"] = _shallow(target)
            elif not (rp.get("allow_sending_without_reply") or p.get("allow_sending_without_reply")):
                raise ApiError(400, "Bad Request: message to be replied not found")
        return self._new_message(chat, self.bot_user, **fields_)

    def _stored(self, p: dict[str, Any]) -> dict[str, Any]:
        chat = self._known_chat(p)
        with self._cond:
            message = self._s.messages.get((chat["id"], int(p.get("message_id") or 0)))
        if message is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        if message["from"]["id"] != self.bot_id:
            raise ApiError(400, "Bad Request: message can't be edited")
        return message

    def _m_editMessageText(self, p: dict[str, Any]) -> Any:
        message = self._stored(p)
        text = visible_text(str(p.get("text", "")), p.get("parse_mode"))
        check_markup(p.get("reply_markup"))
        with self._cond:
            if message.get("text") == text and message.get("reply_markup") == p.get("reply_markup"):
                raise ApiError(400, "Bad Request: message is not modified: specified new message content "
                                    "and reply markup are exactly the same as a current content and reply markup of the message")
            message["text"] = text
            message["edit_date"] = int(time.time())
            if p.get("reply_markup"):
                message["reply_markup"] = p["reply_markup"]
            else:
                message.pop("reply_markup", None)
            return dict(message)

    def _m_editMessageReplyMarkup(self, p: dict[str, Any]) -> Any:
        message = self._stored(p)
        markup = p.get("reply_markup") or None
        check_markup(markup)
        with self._cond:
            if (message.get("reply_markup") or None) == markup:
                raise ApiError(400, "Bad Request: message is not modified")
            if markup:
                message["reply_markup"] = markup
            else:
                message.pop("reply_markup", None)
            return dict(message)

    def _m_answerCallbackQuery(self, p: dict[str, Any]) -> Any:
        if not p.get("callback_query_id"):
            raise ApiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
        if len(str(p.get("text") or "")) > MAX_ALERT:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        return True

    def _m_answerInlineQuery(self, p: dict[str, Any]) -> Any:
        results = p.get("results")
        if not isinstance(results, list) or len(results) > 50:
            raise ApiError(400, "Bad Request: RESULTS_TOO_MUCH")
        ids = set()
        for r in results:
            rid = str(r.get("id", ""))
            if not 1 <= len(rid.encode("utf-8")) <= 64 or rid in ids:
                raise ApiError(400, "Bad Request: RESULT_ID_INVALID")
            ids.add(rid)
            content = r.get("input_message_content") or {}
            if "message_text" in content:
                visible_text(content["message_text"], content.get("parse_mode"))
            check_markup(r.get("reply_markup"))
        if len(str(p.get("next_offset") or "").encode("utf-8")) > 64:
            raise ApiError(400, "Bad Request: NEXT_OFFSET_INVALID")
        return True


def _decode(key: str, value: str) -> Any:
    if key in STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _multipart(body: bytes, ctype: str) -> dict[str, str]:
    boundary = ctype.split("boundary=", 1)[-1].strip('"').encode()
    out: dict[str, str] = {}
    for part in body.split(b"--" + boundary):
        head, _, data = part.partition(b"\r\n\r\n")
        m = re.search(rb'name="([^"]+)"', head)
        if m and b"filename=" not in head:
            out[m.group(1).decode()] = data.rstrip(b"\r\n").decode("utf-8", "replace")
    return out


def _shallow(message: dict[str, Any]) -> dict[str, Any]:
    """A replied-to message as Telegram nests it: without its own reply_to_message."""
    return {k: v for k, v in message.items() if k != "reply_to_message"}


def _entities(text: str) -> list[dict[str, Any]]:
    """The entities Telegram adds to user text: a leading bot command, @mentions."""
    out = []
    m = re.match(r"/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]{3,32})?", text)
    if m:
        out.append({"type": "bot_command", "offset": 0, "length": utf16_len(m.group(0))})
    for m in re.finditer(r"(?<![\w/])@[A-Za-z0-9_]{3,32}", text):
        out.append({"type": "mention", "offset": utf16_len(text[: m.start()]), "length": utf16_len(m.group(0))})
    return out
