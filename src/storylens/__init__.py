"""storylens: compare how different outlets cover the same news story.

The public API is listed in ``__all__``; everything else is internal and may change. The
packages hold the stages in pipeline order: ``ingestion`` (inputs to articles), ``analyse``
(articles to span annotations), ``stories`` (a corpus grouped into stories),
``comparison`` (one story's articles to a report), then ``render``, ``store``, ``web`` and
``cli``; ``models`` holds the spaCy recipes and the embedding model, ``types`` the records
the stages share. The functions :func:`compare` and :func:`ingest` are exported here; their
packages are named apart from them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from storylens.models import startup as _startup

_startup.defer()  # before anything imports spaCy: its command line is not needed here

from storylens.errors import (
    BadRecord,
    BinaryInput,
    BlockedAddress,
    ConfigError,
    DecodeError,
    EmptyInput,
    FetchError,
    InputError,
    ModelError,
    NoArticle,
    StoreError,
    StorylensError,
    TooLarge,
)
from storylens.settings import Settings
from storylens.types import (
    SCHEMA_VERSION,
    Analysis,
    Argument,
    Article,
    Claim,
    Descriptor,
    Entity,
    Mention,
    Quote,
    Removed,
    Span,
    StoryRecord,
    TimeExpression,
)

if TYPE_CHECKING:
    from storylens.analyse.claims import extract_claims
    from storylens.analyse.dates import find_times
    from storylens.analyse.linking import link_entities
    from storylens.analyse.quotes import find_quotes
    from storylens.comparison import Report, compare
    from storylens.comparison.framing import analyse_framing
    from storylens.comparison.summary import summarise
    from storylens.ingestion import (
        IngestResult,
        article_from_html,
        article_from_text,
        ingest,
        iter_ingest,
    )
    from storylens.render.html import render_html
    from storylens.render.markdown import render_markdown
    from storylens.render.terminal import print_report
    from storylens.store import AddResult, Store
    from storylens.web import create_app

__all__ = [
    "SCHEMA_VERSION",
    "AddResult",
    "Analysis",
    "Argument",
    "Article",
    "BadRecord",
    "BinaryInput",
    "BlockedAddress",
    "Claim",
    "ConfigError",
    "DecodeError",
    "Descriptor",
    "EmptyInput",
    "Entity",
    "FetchError",
    "IngestResult",
    "InputError",
    "Mention",
    "ModelError",
    "NoArticle",
    "Quote",
    "Removed",
    "Report",
    "Settings",
    "Span",
    "Store",
    "StoreError",
    "StoryRecord",
    "StorylensError",
    "TimeExpression",
    "TooLarge",
    "__version__",
    "analyse_framing",
    "article_from_html",
    "article_from_text",
    "compare",
    "create_app",
    "extract_claims",
    "find_quotes",
    "find_times",
    "ingest",
    "iter_ingest",
    "link_entities",
    "print_report",
    "render_html",
    "render_markdown",
    "summarise",
]


# Names imported on first use (see __getattr__), so that `import storylens` stays cheap: each
# command imports only what it needs (the store imports SQLAlchemy; renderers and the web app
# Jinja2, Rich tables and FastAPI).
_LAZY = {
    "Report": "storylens.comparison",
    "compare": "storylens.comparison",
    "analyse_framing": "storylens.comparison.framing",
    "summarise": "storylens.comparison.summary",
    "IngestResult": "storylens.ingestion",
    "article_from_html": "storylens.ingestion",
    "article_from_text": "storylens.ingestion",
    "ingest": "storylens.ingestion",
    "iter_ingest": "storylens.ingestion",
    "AddResult": "storylens.store",
    "Store": "storylens.store",
    "print_report": "storylens.render.terminal",
    "render_html": "storylens.render.html",
    "render_markdown": "storylens.render.markdown",
    "create_app": "storylens.web",
    "find_quotes": "storylens.analyse.quotes",
    "extract_claims": "storylens.analyse.claims",
    "find_times": "storylens.analyse.dates",
    "link_entities": "storylens.analyse.linking",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'storylens' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value
