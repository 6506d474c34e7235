"""The cross-site guard and the ``Origin: null`` a no-referrer page's own form sends."""

from __future__ import annotations

import pytest

from storylens.web.guards import cross_site_reason


def _scope(**headers: str) -> dict[str, object]:
    raw = [(k.replace("_", "-").encode(), v.encode()) for k, v in headers.items()]
    return {"type": "http", "method": "POST", "scheme": "http",
            "headers": [(b"host", b"127.0.0.1:8000"), *raw]}  # fmt: skip


@pytest.mark.parametrize(
    ("headers", "refused"),
    [
        ({"origin": "null", "sec_fetch_site": "same-origin"}, False),  # the app's own form
        ({"origin": "null"}, True),  # no fetch metadata: nothing vouches for it
        ({"origin": "null", "sec_fetch_site": "cross-site"}, True),
        ({"origin": "http://127.0.0.1:8000"}, False),
        ({"origin": "http://evil.example", "sec_fetch_site": "same-origin"}, True),
    ],
)
def test_web_guard_origin_null(headers: dict[str, str], refused: bool) -> None:
    assert (cross_site_reason(_scope(**headers)) is not None) is refused
