"""Tables of the project store (SQLAlchemy Core).

One row per article (``id`` is the content-derived id; ``url_key`` the canonical
URL, unique when present), one per story, story membership (an article belongs
to at most one story), and one saved report per story.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

SCHEMA_VERSION = "1"

metadata = MetaData()

meta = Table(
    "storylens_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("url_key", String(2048), unique=True, nullable=True),
    Column("outlet", String(512), nullable=False),
    Column("url", Text, nullable=True),
    Column("title", Text, nullable=True),
    Column("byline", Text, nullable=True),
    Column("published", String(32), nullable=True),
    Column("language", String(16), nullable=True),
    Column("text", Text, nullable=False),
    Column("removed", Text, nullable=False, default="[]"),  # JSON list of {text, reason}
    Column("source", Text, nullable=True),
    Column("added", String(32), nullable=False),  # ISO timestamp (UTC)
)
Index("ix_articles_published", articles.c.published)
Index("ix_articles_outlet", articles.c.outlet)

stories = Table(
    "stories",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("title", Text, nullable=True),
    Column("created", String(32), nullable=False),
    Column("updated", String(32), nullable=False),
    Column("first_published", String(32), nullable=True),
    Column("last_published", String(32), nullable=True),
    Column("size", Integer, nullable=False, default=0),
    Column("centroid", LargeBinary, nullable=True),  # float32 vector, L2-normalised
    Column("terms", Text, nullable=True),  # JSON: the story's characteristic entity keys
    Column("method", String(64), nullable=True),  # registered clustering stage name
)

story_articles = Table(
    "story_articles",
    metadata,
    Column("story_id", String(64), ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    Column(
        "article_id",
        String(64),
        ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("similarity", Float, nullable=True),
    Column("duplicate_of", String(64), nullable=True),  # near-duplicate (wire copy) of
)
Index("ix_story_articles_story", story_articles.c.story_id)

reports = Table(
    "reports",
    metadata,
    Column("story_id", String(64), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("report", Text, nullable=False),  # the JSON report contract
    Column("created", String(32), nullable=False),
)
