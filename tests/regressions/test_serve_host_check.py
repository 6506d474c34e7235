"""Issue 17, item 5: every loopback form of ``serve --host`` keeps the Host header check.

``cli/serve.py`` allowed any Host header unless the host was exactly ``127.0.0.1`` or
``localhost``: ``--host ::1`` (or ``127.0.0.2``, ``[::1]``) turned the DNS-rebinding
protection off, and the banner printed ``http://::1:PORT/``. A bind that is not loopback
must say loudly that the app is reachable from other machines.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

import storylens.web
from fixtures.web_server import serving
from storylens.cli import app

LOOPBACK = ["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2", "0:0:0:0:0:0:0:1"]
EXPOSED = ["0.0.0.0", "::", "192.168.1.20", "example.org"]


def _serve(monkeypatch: pytest.MonkeyPatch, host: str, db: Path) -> tuple[dict[str, Any], str]:
    """Run ``storylens serve --host HOST`` without serving; what it built, and its stderr."""
    import uvicorn

    built: dict[str, Any] = {}
    real = storylens.web.create_app

    def recording(**kwargs: Any) -> Any:
        built.update(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(storylens.web, "create_app", recording)
    monkeypatch.setattr(uvicorn, "run", lambda *_a, **_k: None)
    args = ["serve", "--host", host, "--port", "8123", "--db", str(db)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return built, result.stderr


@pytest.mark.parametrize("host", LOOPBACK)
def test_regression_loopback_binds_keep_the_host_check(
    monkeypatch: pytest.MonkeyPatch, host: str, tmp_path: Path
) -> None:
    built, stderr = _serve(monkeypatch, host, tmp_path / "s.db")
    hosts = list(built["allowed_hosts"])
    assert "*" not in hosts and "localhost" in hosts, hosts
    assert "WARNING" not in stderr and "warning" not in stderr
    bare = host.strip("[]")
    shown = f"[{bare}]" if ":" in bare else bare
    assert f"http://{shown}:8123/" in stderr


@pytest.mark.parametrize("host", EXPOSED)
def test_regression_exposed_binds_warn_loudly(
    monkeypatch: pytest.MonkeyPatch, host: str, tmp_path: Path
) -> None:
    _built, stderr = _serve(monkeypatch, host, tmp_path / "s.db")
    assert "REACHABLE FROM OTHER MACHINES" in stderr.replace("\n", " "), stderr


def test_regression_ipv6_loopback_app_refuses_foreign_host_headers(tmp_path: Path) -> None:
    from storylens.cli.serve import host_names

    web = storylens.web.create_app(db=str(tmp_path / "s.db"), allowed_hosts=host_names("::1"))
    with serving(web) as base:
        port = base.rsplit(":", 1)[1]
        own = httpx.get(base + "/api/stories", headers={"Host": f"[::1]:{port}"})
        rebound = httpx.get(base + "/api/stories", headers={"Host": "evil.example"})
    assert own.status_code == 200
    assert rebound.status_code == 400
