"""The private-address guard: literal IPs, DNS names (fake resolver), every redirect hop."""

from __future__ import annotations

import pytest

from storylens.errors import BlockedAddress, FetchError
from storylens.ingestion.fetch import blocked_kind, fetch, resolve_target
from storylens.settings import Settings


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.9", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("100.64.0.1", "non-public"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("::1", "loopback"),
        ("fe80::1%eth0", "link-local"),
        ("fd00:ec2::254", "private"),
        ("::ffff:10.0.0.1", "private"),
        ("2002:a00:1::", "private"),  # 6to4 wrapping 10.0.0.1
        ("93.184.216.34", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_fetch_blocked_kind(address: str, kind: str | None) -> None:
    assert blocked_kind(address) == kind


def _resolver(table: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    calls: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        calls.append(host)
        return table[host]

    resolve.calls = calls  # type: ignore[attr-defined]
    return resolve


@pytest.mark.parametrize(
    ("host", "addresses"),
    [
        ("intranet.lantern.test", ["10.0.0.5"]),
        ("metadata.lantern.test", ["169.254.169.254"]),
        ("mixed.lantern.test", ["93.184.216.34", "192.168.0.10"]),
        ("v6.lantern.test", ["::1"]),
    ],
)
def test_fetch_dns_name_resolving_to_private_is_refused(host: str, addresses: list[str]) -> None:
    resolver = _resolver({host: addresses})
    with pytest.raises(BlockedAddress, match="--allow-private"):
        fetch(f"http://{host}/news", Settings(), resolver=resolver)
    assert resolver.calls == [host]  # type: ignore[attr-defined]


def test_fetch_private_allowed_when_asked() -> None:
    resolver = _resolver({"intranet.lantern.test": ["10.0.0.5"]})
    target = resolve_target(
        "http://intranet.lantern.test:8080/x", Settings(allow_private=True), resolver
    )
    assert (target.host, target.port, target.address) == ("intranet.lantern.test", 8080, "10.0.0.5")


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1/", "http://[::1]:8000/", "http://169.254.169.254/latest/meta-data/"],
)
def test_fetch_literal_private_address_refused_without_resolving(url: str) -> None:
    resolver = _resolver({})
    with pytest.raises(BlockedAddress):
        fetch(url, Settings(), resolver=resolver)
    assert resolver.calls == []  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://lantern.test/file", "unsupported URL scheme"),
        ("file:///etc/passwd", "unsupported URL scheme"),
        ("http:///nohost", "no host"),
        ("http://[bad", "invalid URL"),
    ],
)
def test_fetch_bad_urls(url: str, reason: str) -> None:
    with pytest.raises(FetchError, match=reason):
        fetch(url, Settings(), resolver=_resolver({}))


def test_fetch_unresolvable_host() -> None:
    def fail(host: str, port: int) -> list[str]:
        raise OSError("Name or service not known")

    with pytest.raises(FetchError, match="cannot resolve"):
        fetch("http://nowhere.lantern.test/", Settings(), resolver=fail)


@pytest.mark.parametrize("address", ["192.0.0.8", "192.0.0.1", "192.0.0.255"])
def test_fetch_guard_blocks_ietf_protocol_block(address: str) -> None:
    from storylens.ingestion.fetch import blocked_kind

    assert blocked_kind(address) is not None
