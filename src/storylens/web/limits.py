"""Pure ASGI middleware: request body caps and timeouts, and security headers.

Body caps are enforced before and while the body streams in: a declared
``Content-Length`` over the cap is refused with 413 before a byte of the body is read;
a body without one (chunked) is counted as it arrives and refused as soon as it crosses
the cap, so an oversized upload never accumulates in memory or on disk.

A body that stalls (no bytes for ``idle_timeout`` seconds) or takes longer than
``deadline`` seconds in all is answered 408 and the connection closed, so half-sent
bodies do not hold the app's memory and connections. A client that goes away before its
body is complete is logged as one line, never as a traceback.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
IDLE_TIMEOUT = 30.0  # seconds a request body may stall
BODY_DEADLINE = 600.0  # seconds a whole request body may take (25 MB at ~45 kB/s)
log = logging.getLogger("storylens.web")


class BodyTooLarge(Exception):
    """The request body crossed the cap while streaming."""


class BodyTimeout(Exception):
    """The request body stalled or took too long."""


async def send_error(send: Send, status: int, detail: str) -> None:
    """Send a complete JSON error response ``{"detail": ...}``."""
    body = json.dumps({"detail": detail}).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode("ascii")),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _content_length(scope: Scope) -> bytes | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            return bytes(value)
    return None


class BodyLimitMiddleware:
    """Refuse request bodies larger than ``max_bytes`` with 413."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_bytes: int,
        idle_timeout: float = IDLE_TIMEOUT,
        deadline: float = BODY_DEADLINE,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.idle_timeout = idle_timeout
        self.deadline = deadline

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None:
            if not declared.strip().isdigit():
                await send_error(send, 400, "invalid Content-Length header")
                return
            if int(declared) > self.max_bytes:
                await send_error(send, 413, self._message())
                return
        await self._guarded(scope, receive, send)

    def _message(self) -> str:
        return f"request body too large: the limit is {self.max_bytes} bytes"

    async def _guarded(self, scope: Scope, receive: Receive, send: Send) -> None:
        state: dict[str, Any] = {"received": 0, "started": False, "complete": False}
        deadline = time.monotonic() + self.deadline

        async def limited_receive() -> Message:
            if state["complete"]:  # the body is in: waiting for a disconnect is fine
                return await receive()
            wait = min(self.idle_timeout, deadline - time.monotonic())
            try:
                message = await asyncio.wait_for(receive(), timeout=max(wait, 0.0))
            except TimeoutError:
                raise BodyTimeout(self._slow(state["received"])) from None
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                state["complete"] = not message.get("more_body", False)
                if state["received"] > self.max_bytes:
                    raise BodyTooLarge(self._message())
            return message

        async def tracking_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge as exc:
            if state["started"]:
                raise
            await send_error(send, 413, str(exc))
        except BodyTimeout as exc:
            log.warning("%s %s: %s", scope.get("method"), scope.get("path"), exc)
            if not state["started"]:
                await send_error(send, 408, str(exc))
        except ClientDisconnect:
            log.warning(
                "%s %s: the client went away after %d bytes of its request body",
                scope.get("method"),
                scope.get("path"),
                state["received"],
            )

    def _slow(self, received: int) -> str:
        return (
            f"request body too slow: {received} bytes received, then nothing for "
            f"{self.idle_timeout:g} s or more than {self.deadline:g} s in all"
        )


class SecurityHeadersMiddleware:
    """Add ``headers`` to every HTTP response that does not already set them."""

    def __init__(self, app: ASGIApp, *, headers: dict[str, str]) -> None:
        self.app = app
        self.headers = [
            (k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)
