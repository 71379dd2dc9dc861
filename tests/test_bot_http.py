"""bot.http.KeepAliveRequest: python-telegram-bot's Bot over the lean keep-alive client.

Against the fake Bot API server (what the bot sends and PTB's error contract),
and against small canned HTTP servers on 127.0.0.1 for the wire details:
connection reuse, chunked and close-delimited answers, a server dropping an
idle connection, timeouts, the pool limit and TLS.
"""

from __future__ import annotations

import asyncio
import shutil
import ssl
import subprocess
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    ReplyParameters,
)
from telegram.error import BadRequest, InvalidToken, NetworkError, RetryAfter, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.http import KeepAliveRequest
from tests.botapi import TOKEN, FakeBotAPI

pytestmark = pytest.mark.timeout(60)

OK = b'{"ok":true,"result":true}'


def bot_for(api: FakeBotAPI) -> Bot:
    return Bot(TOKEN, base_url=api.base_url, request=KeepAliveRequest(), get_updates_request=KeepAliveRequest())


async def test_a_bot_talks_to_the_bot_api() -> None:
    with FakeBotAPI(TOKEN) as api:
        api.chat(42)
        async with bot_for(api) as bot:
            assert bot.username == "quotedesk_test_bot"  # getMe at initialize
            sent = await bot.send_message(
                chat_id=42, text="<b>bold</b> &amp; “quotes” ✓", parse_mode="HTML",
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                reply_parameters=ReplyParameters(message_id=7, allow_sending_without_reply=True),
                reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("Context 1", callback_data="c:1")]]),
            )
            assert sent.text == "bold & “quotes” ✓" and sent.chat.id == 42
            assert sent.reply_markup is not None
            (call,) = api.calls("sendMessage")
            assert call.params["link_preview_options"] == {"is_disabled": True}
            assert call.params["reply_parameters"] == {"message_id": 7, "allow_sending_without_reply": True}
            assert call.params["reply_markup"] == {"inline_keyboard": [[{"text": "Context 1", "callback_data": "c:1"}]]}
            api.send_text("hello", user_id=42)
            updates = await bot.get_updates(timeout=1)
            assert [u.message.text for u in updates if u.message] == ["hello"]


@pytest.mark.filterwarnings("ignore:.*retry_after:DeprecationWarning")
async def test_errors_follow_ptbs_contract() -> None:
    with FakeBotAPI(TOKEN) as api:
        api.chat(42)
        async with bot_for(api) as bot:
            api.fail_next("sendMessage", status=400, description="Bad Request: chat not found")
            with pytest.raises(BadRequest, match="(?i)chat not found"):
                await bot.send_message(chat_id=42, text="x")
            api.fail_next("sendMessage", status=429, retry_after=3)
            with pytest.raises(RetryAfter, match="Retry in 3"):
                await bot.send_message(chat_id=42, text="x")
            api.drop_next("sendMessage")
            with pytest.raises(NetworkError, match="closed the connection"):
                await bot.send_message(chat_id=42, text="x")
            assert (await bot.send_message(chat_id=42, text="after the errors")).text == "after the errors"
        wrong = Bot("9876543:AAnotTheRightSecretAtAll_0123456789abc", base_url=api.base_url,
                    request=KeepAliveRequest())
        with pytest.raises(InvalidToken):
            await wrong.initialize()


# -- canned servers ----------------------------------------------------------------------------


class Canned:
    """An HTTP server answering each request with `answer(n)` bytes (n counts requests)."""

    def __init__(self, answer: Callable[[int], bytes | None], *, close_after: bool = False) -> None:
        self.answer = answer
        self.close_after = close_after
        self.connections = 0
        self.requests: list[bytes] = []
        self.writers: list[asyncio.StreamWriter] = []

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        self.writers.append(writer)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                self.requests.append(head + await reader.readexactly(length))
                data = self.answer(len(self.requests))
                if data is None:  # never answer
                    await asyncio.sleep(30)
                    return
                writer.write(data)
                await writer.drain()
                if self.close_after:
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


@asynccontextmanager
async def canned(answer: Callable[[int], bytes | None], *, close_after: bool = False,
                 tls: ssl.SSLContext | None = None) -> AsyncIterator[tuple[Canned, str]]:
    server = Canned(answer, close_after=close_after)
    srv = await asyncio.start_server(server.handle, "127.0.0.1", 0, ssl=tls)
    port = srv.sockets[0].getsockname()[1]
    try:
        yield server, f"{'https' if tls else 'http'}://127.0.0.1:{port}/botX/getMe"
    finally:
        for w in server.writers:
            w.close()
        srv.close()


def response(body: bytes = OK, *extra: str) -> bytes:
    head = ["HTTP/1.1 200 OK", "Content-Type: application/json", f"Content-Length: {len(body)}", *extra]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


def data(**params: object) -> RequestData:
    return RequestData([RequestParameter.from_input(k, v) for k, v in params.items()])


async def test_connections_are_kept_alive_and_reused() -> None:
    async with canned(lambda n: response()) as (server, url):
        request = KeepAliveRequest(connection_pool_size=4)
        async with request:
            for _ in range(5):
                assert await request.post(url, data(chat_id=1, text="é")) is True
            assert server.connections == 1
            await asyncio.gather(*(request.post(url, data(chat_id=n)) for n in range(8)))
            assert server.connections <= 4  # never more than the pool size at once
        first = server.requests[0]
        assert first.startswith(b"POST /botX/getMe HTTP/1.1\r\n") and b"Content-Type: application/json" in first
        assert first.endswith(b'{"chat_id": 1, "text": "\\u00e9"}')


async def test_chunked_close_delimited_and_connection_close_answers() -> None:
    chunked = (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
               b"5\r\n{\"ok\"\r\n14;ext=1\r\n:true,\"result\":\"abc\"\r\n1\r\n}\r\n0\r\nX-Trailer: 1\r\n\r\n")
    async with canned(lambda n: chunked) as (server, url), KeepAliveRequest() as request:
        assert await request.post(url) == "abc"
        assert await request.post(url) == "abc"
        assert server.connections == 1
    until_close = b'HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{"ok":true,"result":[1,2]}'
    async with canned(lambda n: until_close, close_after=True) as (server, url), KeepAliveRequest() as request:
        assert await request.post(url) == [1, 2]
        assert await request.post(url) == [1, 2]
        assert server.connections == 2
    closing = response(OK, "Connection: close")
    async with canned(lambda n: closing, close_after=True) as (server, url), KeepAliveRequest() as request:
        assert await request.post(url) is True
        assert await request.post(url) is True
        assert server.connections == 2


async def test_an_idle_connection_closed_by_the_server_is_not_reused() -> None:
    async with canned(lambda n: response()) as (server, url), KeepAliveRequest() as request:
        assert await request.post(url) is True
        server.writers[0].close()  # the server drops the idle connection
        await asyncio.sleep(0.1)
        assert await request.post(url) is True
        assert server.connections == 2


async def test_timeouts_and_the_pool_limit() -> None:
    async with canned(lambda n: None) as (server, url):
        async with KeepAliveRequest(read_timeout=0.2) as request:
            with pytest.raises(TimedOut):
                await request.post(url)
        async with KeepAliveRequest(connection_pool_size=1, read_timeout=2, pool_timeout=0.2) as request:
            stuck = asyncio.create_task(request.post(url))
            await asyncio.sleep(0.05)
            with pytest.raises(TimedOut, match="Pool timeout"):
                await request.post(url)
            stuck.cancel()
    with pytest.raises(NetworkError):
        async with KeepAliveRequest(connect_timeout=2) as request:
            await request.post("http://127.0.0.1:9/botX/getMe")  # nothing listens on port 9


async def test_not_an_http_answer_is_a_network_error() -> None:
    async with canned(lambda n: b"SSH-2.0-OpenSSH\r\n\r\n") as (_, url), KeepAliveRequest() as request:
        with pytest.raises(NetworkError, match="not an HTTP"):
            await request.post(url)


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
async def test_https(tmp_path: Path) -> None:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    server_side = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_side.load_cert_chain(cert, key)
    async with canned(lambda n: response(), tls=server_side) as (server, url):
        trusting = ssl.create_default_context(cafile=str(cert))
        async with KeepAliveRequest(ssl_context=trusting) as request:
            assert await request.post(url) is True
            assert await request.post(url) is True
            assert server.connections == 1
        async with KeepAliveRequest() as request:  # the default CA bundle does not know this certificate
            with pytest.raises(NetworkError, match="CERTIFICATE_VERIFY_FAILED|certificate verify failed"):
                await request.post(url)
