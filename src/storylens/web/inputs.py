"""Turn a compare request (multipart form or JSON) into inputs for the compare stage.

Uploaded files are streamed to a private temporary folder chunk by chunk (never held in
memory whole) under sanitised names; URLs must be http(s) and are fetched later by the
ingest stage, which applies the SSRF guard. Every problem is a :class:`RequestProblem`
carrying the HTTP status and a one-line message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError
from starlette.datastructures import FormData, UploadFile

from storylens.errors import InputError
from storylens.render.model import safe_url
from storylens.settings import Settings
from storylens.types import Article

MAX_URLS = 50
MAX_FILES = 50
MAX_ARTICLES = 50
CHUNK = 256 * 1024
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class RequestProblem(Exception):
    """A client error: the HTTP status and what was wrong."""

    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
        self.status = status
        self.detail = detail
        self.headers = headers or {}
        super().__init__(detail)


class ArticleIn(BaseModel):
    """An article given inline: its text and what is known about it."""

    text: str = Field(min_length=1, description="the article text (plain text or Markdown)")
    outlet: str | None = Field(default=None, max_length=200, description="outlet name or domain")
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(
        default=None, max_length=4096, description="where it was published (http/https)"
    )
    byline: str | None = Field(default=None, max_length=1000)
    published: str | None = Field(
        default=None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="ISO date, YYYY-MM-DD"
    )


class CompareIn(BaseModel):
    """JSON body of ``POST /api/compare``: URLs to fetch and/or inline articles."""

    urls: list[str] = Field(default_factory=list, max_length=MAX_URLS)
    articles: list[ArticleIn] = Field(default_factory=list, max_length=MAX_ARTICLES)


@dataclass(slots=True)
class CompareInputs:
    """What one request asks to compare."""

    urls: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    folder: Path | None = None

    def inputs(self) -> list[str | Article]:
        """The inputs for ``compare``: URLs, the upload folder, then inline articles."""
        found: list[str | Article] = list(self.urls)
        if self.files and self.folder is not None:
            found.append(str(self.folder))
        found.extend(self.articles)
        return found

    def count(self) -> int:
        return len(self.urls) + len(self.files) + len(self.articles)


def check_urls(urls: list[str]) -> list[str]:
    """The non-empty URLs, each checked to be http(s); RequestProblem otherwise."""
    kept = [u.strip() for u in urls if u.strip()]
    if len(kept) > MAX_URLS:
        raise RequestProblem(422, f"too many URLs: at most {MAX_URLS} per request")
    for url in kept:
        if safe_url(url) is None:
            raise RequestProblem(422, f"{url[:200]!r}: not an http(s) URL")
    return kept


def safe_filename(name: str | None, taken: set[str]) -> str:
    """A safe, unique file name keeping the extension of the uploaded ``name``."""
    base = Path((name or "").replace("\\", "/")).name
    cleaned = _UNSAFE.sub("_", base).lstrip("._")[-120:] or "upload.txt"
    candidate, n = cleaned, 1
    while candidate in taken:
        stem, dot, ext = cleaned.partition(".")
        candidate = f"{stem}-{n}{dot}{ext}"
        n += 1
    taken.add(candidate)
    return candidate


async def save_upload(upload: UploadFile, dest: Path, max_bytes: int) -> int:
    """Copy ``upload`` to ``dest`` in chunks; RequestProblem(413) past ``max_bytes``."""
    size = 0
    with dest.open("wb") as out:
        while chunk := await upload.read(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise RequestProblem(
                    413, f"{upload.filename or 'upload'}: file too large (limit {max_bytes} bytes)"
                )
            out.write(chunk)
    return size


async def from_form(form: FormData, settings: Settings, folder: Path) -> CompareInputs:
    """Inputs from the web form / multipart API: ``files`` parts and a ``urls`` field."""
    uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    if len(uploads) > MAX_FILES:
        raise RequestProblem(422, f"too many files: at most {MAX_FILES} per request")
    url_text = " ".join(v for v in form.getlist("urls") if isinstance(v, str))
    found = CompareInputs(urls=check_urls(url_text.split()), folder=folder)
    taken: set[str] = set()
    for upload in uploads:
        dest = folder / safe_filename(upload.filename, taken)
        if await save_upload(upload, dest, settings.max_bytes) == 0:
            raise RequestProblem(422, f"{upload.filename}: the file is empty")
        found.files.append(dest)
    return found


def from_json(data: Any, settings: Settings) -> CompareInputs:
    """Inputs from a JSON body ``{"urls": [...], "articles": [{"text": ...}, ...]}``."""
    if not isinstance(data, dict):
        raise RequestProblem(422, "the JSON body must be an object with 'urls' and/or 'articles'")
    try:
        body = CompareIn.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err.get("loc", ()))
        raise RequestProblem(422, f"{where or 'body'}: {err.get('msg', 'invalid value')}") from exc
    found = CompareInputs(urls=check_urls(body.urls))
    for i, item in enumerate(body.articles):
        found.articles.append(_article(item, i, settings))
    return found


def _article(item: ArticleIn, index: int, settings: Settings) -> Article:
    if len(item.text.encode("utf-8")) > settings.max_bytes:
        raise RequestProblem(413, f"articles.{index}: text too large (limit {settings.max_bytes})")
    if item.url is not None and safe_url(item.url) is None:
        raise RequestProblem(422, f"articles.{index}.url: not an http(s) URL")
    from storylens.ingestion import article_from_text

    source = item.url or item.outlet or f"articles.{index}"
    try:
        article: Article = article_from_text(item.text, source=source, settings=settings)
    except InputError as exc:
        raise RequestProblem(422, f"articles.{index}: {exc.reason}") from exc
    for name in ("outlet", "title", "url", "byline", "published"):
        value = getattr(item, name)
        if value:
            setattr(article, name, value.strip())
    return article
