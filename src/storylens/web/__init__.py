"""The storylens web app (FastAPI): the report in the browser and a REST API.

Imported only by ``storylens serve`` and tests, so the CLI starts without FastAPI.
"""

from __future__ import annotations

from storylens.web.app import create_app

__all__ = ["create_app"]
