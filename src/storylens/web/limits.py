"""Pure ASGI middleware: request body caps and security headers.

Body caps are enforced before and while the body streams in.

A pure ASGI middleware: a declared ``Content-Length`` over the cap is refused with 413
before a byte of the body is read; a body without one (chunked) is counted as it
arrives and refused as soon as it crosses the cap, so an oversized upload never
accumulates in memory or on disk.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


class BodyTooLarge(Exception):
    """The request body crossed the cap while streaming."""


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

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

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
        state: dict[str, Any] = {"received": 0, "started": False}

        async def limited_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
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
