"""storylens: compare how different outlets cover the same news story.

The public API is listed in ``__all__``; everything else is private and may change.
"""

from __future__ import annotations

__version__ = "0.1.0"

from storylens.compare import Report, compare
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
from storylens.ingest import (
    IngestResult,
    article_from_html,
    article_from_text,
    ingest,
    iter_ingest,
)
from storylens.settings import Settings
from storylens.store import AddResult, Store
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
    TimeExpression,
)

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
    "StorylensError",
    "TimeExpression",
    "TooLarge",
    "__version__",
    "article_from_html",
    "article_from_text",
    "compare",
    "ingest",
    "iter_ingest",
]
