"""A lean HTTP/1.1 keep-alive client for python-telegram-bot (a `BaseRequest`).

PTB's default `HTTPXRequest` (httpx over httpcore) cost the bot more CPU per
Bot API call than answering the question (about 5 ms against 2 at 10k
passages, tests/bench/bot_roundtrip.py): httpcore walks its whole
connection pool on every request (polling each idle socket to see whether it
expired) and httpx builds and tears down several objects around each call.
The Bot API needs very little of that: POST a small body to one host, read a
small JSON answer.  `KeepAliveRequest` does exactly that over asyncio streams:

- HTTP/1.1 with keep-alive, idle connections per origin (the most recently
  used is taken first, being the least likely to have expired), at most
  `connection_pool_size` requests in flight (`pool_timeout` to get a slot);
- parameters sent as a JSON body (the Bot API accepts `application/json`);
  file uploads, which the bot never makes, go through an `HTTPXRequest`;
- https with the same CA bundle as httpx (certifi) and hostname checks;
- answers read by Content-Length, chunked, or up to the connection's end;
- PTB's error contract: `TimedOut` for timeouts (the pool one included),
  `NetworkError` for everything else, so PTB's and the handlers' retries work
  as with httpx.

A connection is reused only when the server has not closed it (its reader is
not at EOF), and a request is never sent twice: a failure is the caller's to
retry, as with httpx.
"""

from __future__ import annotations

import asyncio
import json
import ssl
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from telegram._utils.defaultvalue import DefaultValue
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData

MAX_HEAD = 64 * 1024  # bytes of status line and headers
MAX_BODY = 64 * 1024 * 1024  # bytes of an answer without a length


class HttpError(Exception):
    """The server's answer is not HTTP/1.x we can read."""


class _Origin:
    """Where requests for one scheme://host:port go, with its idle connections."""

    __slots__ = ("host", "port", "ssl", "host_header", "idle")

    def __init__(self, scheme: str, host: str, port: int | None) -> None:
        self.host = host
        default = 443 if scheme == "https" else 80
        self.port = port or default
        self.ssl = scheme == "https"
        name = f"[{host}]" if ":" in host else host  # an IPv6 address
        self.host_header = name if self.port == default else f"{name}:{self.port}"
        # Taken from the end: the most recently used connection.
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []


def _ssl_context() -> ssl.SSLContext:
    try:
        import certifi

        return ssl.create_default_context(cafile=certifi.where())
    except ImportError:  # pragma: no cover - certifi comes with httpx
        return ssl.create_default_context()


class KeepAliveRequest(BaseRequest):
    """python-telegram-bot's networking backend, HTTP/1.1 keep-alive over asyncio streams."""

    def __init__(
        self,
        connection_pool_size: int = 64,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
        *,
        ssl_context: ssl.SSLContext | None = None,
        dumps: Callable[[Any], str] = json.dumps,
    ) -> None:
        if connection_pool_size < 1:
            raise ValueError("connection_pool_size must be >= 1")
        self._size = connection_pool_size
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._connect_timeout = connect_timeout
        self._pool_timeout = pool_timeout
        self._media_write_timeout = media_write_timeout
        self._dumps = dumps
        self._slots: asyncio.Semaphore | None = None
        self._origins: dict[str, tuple[_Origin, str]] = {}  # url -> (origin, request target)
        self._by_origin: dict[tuple[str, str, int | None], _Origin] = {}
        self._ssl = ssl_context
        self._files: HTTPXRequest | None = None  # uploads only
        self._open = False
        self._head_cache: dict[tuple[str, str, str, bool], bytes] = {}  # request heads but the length

    # -- BaseRequest -------------------------------------------------------------------

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        self._open = True

    async def shutdown(self) -> None:
        self._open = False
        for origin in self._by_origin.values():
            idle, origin.idle = origin.idle, []
            for _, writer in idle:
                writer.close()
        if self._files is not None:
            await self._files.shutdown()
            self._files = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if not self._open:
            raise RuntimeError("This KeepAliveRequest is not initialized!")
        if request_data is not None and request_data.contains_files:
            return await self._upload(url, method, request_data, read_timeout, write_timeout,
                                      connect_timeout, pool_timeout)
        if isinstance(read_timeout, DefaultValue):
            read_timeout = self._read_timeout
        if isinstance(write_timeout, DefaultValue):
            write_timeout = self._write_timeout
        if isinstance(connect_timeout, DefaultValue):
            connect_timeout = self._connect_timeout
        if isinstance(pool_timeout, DefaultValue):
            pool_timeout = self._pool_timeout
        origin, target = self._route(url)
        body = self._dumps(request_data.parameters).encode() if request_data is not None else b""
        head = self._head(method, origin, target, len(body), request_data is not None)
        slots = self._slots
        if slots is None:
            slots = self._slots = asyncio.Semaphore(self._size)
        try:
            if slots.locked():
                await asyncio.wait_for(slots.acquire(), pool_timeout)
            else:
                await slots.acquire()  # a free slot: no waiting, no timer
        except TimeoutError:
            raise TimedOut(
                "Pool timeout: All connections in the connection pool are occupied. Request was "
                "*not* sent to Telegram. Consider adjusting the connection pool size or the pool timeout."
            ) from None
        try:
            return await self._exchange(origin, head + body, read_timeout, write_timeout, connect_timeout)
        finally:
            slots.release()

    # -- the exchange -------------------------------------------------------------------

    def _route(self, url: str) -> tuple[_Origin, str]:
        routed = self._origins.get(url)
        if routed is None:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise NetworkError(f"unsupported URL scheme or host in a Bot API URL ({parts.scheme}://)")
            key = (parts.scheme, parts.hostname, parts.port)
            origin = self._by_origin.get(key)
            if origin is None:
                origin = self._by_origin[key] = _Origin(parts.scheme, parts.hostname, parts.port)
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            routed = (origin, target)
            if len(self._origins) < 1024:  # one entry per Bot API method, in practice
                self._origins[url] = routed
        return routed

    def _head(self, method: str, origin: _Origin, target: str, length: int, has_body: bool) -> bytes:
        key = (method, origin.host_header, target, has_body)
        start = self._head_cache.get(key)
        if start is None:
            lines = [
                f"{method} {target} HTTP/1.1",
                f"Host: {origin.host_header}",
                f"User-Agent: {self.USER_AGENT}",
                "Accept: application/json",
            ]
            if has_body:
                lines.append("Content-Type: application/json")
            start = ("\r\n".join(lines) + "\r\n").encode("latin-1")
            if len(self._head_cache) < 1024:
                self._head_cache[key] = start
        if has_body or method == "POST":
            return start + b"Content-Length: %d\r\n\r\n" % length
        return start + b"\r\n"

    async def _connect(self, origin: _Origin, timeout: float | None) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        context = None
        if origin.ssl:
            context = self._ssl = self._ssl or _ssl_context()
        try:
            return await asyncio.wait_for(
                asyncio.open_connection(origin.host, origin.port, ssl=context, limit=MAX_HEAD),
                timeout,
            )
        except TimeoutError:
            raise TimedOut(f"Timed out connecting to {origin.host_header}") from None
        except (OSError, ssl.SSLError) as exc:
            raise NetworkError(f"cannot connect to {origin.host_header}: {exc}") from exc

    async def _exchange(
        self, origin: _Origin, request: bytes, read_timeout: float | None, write_timeout: float | None,
        connect_timeout: float | None,
    ) -> tuple[int, bytes]:
        conn = None
        while origin.idle:
            reader, writer = origin.idle.pop()
            if reader.at_eof() or writer.is_closing():
                writer.close()
                continue
            conn = (reader, writer)
            break
        if conn is None:
            conn = await self._connect(origin, connect_timeout)
        reader, writer = conn
        reusable = False
        try:
            writer.write(request)
            if writer.transport.get_write_buffer_size():
                try:
                    await asyncio.wait_for(writer.drain(), write_timeout)
                except TimeoutError:
                    raise TimedOut("Timed out sending a request") from None
            try:
                if read_timeout is None:
                    status, body, reusable = await self._response(reader)
                else:
                    async with asyncio.timeout(read_timeout):
                        status, body, reusable = await self._response(reader)
            except TimeoutError:
                raise TimedOut("Timed out waiting for the answer") from None
            return status, body
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, HttpError, ValueError) as exc:
            reason = "server closed the connection without answering" if isinstance(
                exc, asyncio.IncompleteReadError) else f"{type(exc).__name__}: {exc}"
            raise NetworkError(f"Bot API request failed: {reason}") from exc
        finally:
            if reusable and self._open:
                origin.idle.append(conn)
            else:
                writer.close()

    async def _response(self, reader: asyncio.StreamReader) -> tuple[int, bytes, bool]:
        """(status, body, whether the connection can carry another request)."""
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            status_line, _, rest = head.partition(b"\r\n")
            parts = status_line.split(b" ", 2)
            if len(parts) < 2 or not parts[0].startswith(b"HTTP/1."):
                raise HttpError(f"not an HTTP/1.x answer: {status_line[:80]!r}")
            status = int(parts[1])
            if status >= 200 or status == 101:
                break  # 1xx informational answers precede the real one
        length = -1
        chunked = False
        close = parts[0] == b"HTTP/1.0"
        for line in rest.split(b"\r\n"):
            name, sep, value = line.partition(b":")
            if not sep:
                continue
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding":
                chunked = b"chunked" in value.lower()
            elif name == b"connection":
                tokens = {t.strip() for t in value.lower().split(b",")}
                close = b"close" in tokens or (close and b"keep-alive" not in tokens)
        if status in (204, 304):
            return status, b"", not close
        if chunked:
            body = await self._chunks(reader)
        elif length >= 0:
            if length > MAX_BODY:
                raise HttpError(f"answer too large ({length} bytes)")
            body = await reader.readexactly(length)
        else:  # until the server closes
            body = await reader.read(MAX_BODY)
            close = True
        return status, body, not close

    @staticmethod
    async def _chunks(reader: asyncio.StreamReader) -> bytes:
        out = bytearray()
        while True:
            size_line = await reader.readuntil(b"\r\n")
            size = int(size_line.split(b";", 1)[0].strip(), 16)
            if size == 0:
                while (await reader.readuntil(b"\r\n")) != b"\r\n":  # trailers
                    pass
                return bytes(out)
            if len(out) + size > MAX_BODY:
                raise HttpError("chunked answer too large")
            out += await reader.readexactly(size)
            await reader.readexactly(2)

    async def _upload(self, url: str, method: str, request_data: RequestData, *timeouts: Any) -> tuple[int, bytes]:
        """Multipart file uploads (never made by this bot) go through httpx."""
        if self._files is None:
            self._files = HTTPXRequest(
                connection_pool_size=2, read_timeout=self._read_timeout, write_timeout=self._write_timeout,
                connect_timeout=self._connect_timeout, pool_timeout=self._pool_timeout,
                media_write_timeout=self._media_write_timeout,
            )
            await self._files.initialize()
        return await self._files.do_request(url, method, request_data, *timeouts)
