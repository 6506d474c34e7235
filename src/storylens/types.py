"""Core records shared by every stage.

Every annotation is a character span (``start``, ``end``) into ONE canonical
article text (:attr:`Article.text`); strings carried alongside are derived
from those offsets and are kept only for convenience.

Records are plain dataclasses with ``to_dict``/``from_dict`` so that they
cross process and Dask boundaries and serialise to the JSON report contract
(see ``docs/report-contract.md``) without custom encoders.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, TypeVar

SCHEMA_VERSION = "1.0"

T = TypeVar("T")


def _from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Build a dataclass from a mapping, ignoring unknown keys."""
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: v for k, v in data.items() if k in names})


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


def asdict(record: Any) -> dict[str, Any]:
    """:func:`dataclasses.asdict` for these records, several times faster.

    Dataclasses become dicts (fields in order), lists, tuples and dicts are copied
    recursively, anything else (str, numbers, None) is kept as it is.
    """
    return {name: _plain(getattr(record, name)) for name in _field_names(type(record))}


def _plain(obj: Any) -> Any:
    if is_dataclass(obj) and not isinstance(obj, type):
        return asdict(obj)
    if isinstance(obj, list):
        return [_plain(v) for v in obj]
    if isinstance(obj, tuple):
        return tuple(_plain(v) for v in obj)
    if isinstance(obj, dict):
        return {_plain(k): _plain(v) for k, v in obj.items()}
    return obj


def content_id(text: str, *, prefix: str = "a") -> str:
    """A stable, content-derived identifier.

    Whitespace and Unicode normalisation differences do not change the id, so
    the same article scraped twice gets the same id.
    """
    norm = unicodedata.normalize("NFKC", text)
    norm = " ".join(norm.split()).casefold()
    digest = hashlib.blake2b(norm.encode("utf-8"), digest_size=8).hexdigest()
    return f"{prefix}_{digest}"


@dataclass(slots=True)
class Removed:
    """A piece of scrape debris removed from an article, with the reason."""

    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Article:
    """A clean article: one canonical text plus metadata.

    ``published`` is an ISO date (``YYYY-MM-DD``) or ``None`` when the source
    does not state it; it is never guessed.
    """

    id: str
    outlet: str
    text: str
    url: str | None = None
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    language: str | None = None
    removed: list[Removed] = field(default_factory=list)
    source: str | None = None  # the path or URL the article was read from

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["removed"] = [r.to_dict() for r in self.removed]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        art = _from_dict(cls, data)
        art.removed = [
            r if isinstance(r, Removed) else Removed(str(r["text"]), str(r["reason"]))
            for r in (data.get("removed") or [])
        ]
        return art


@dataclass(slots=True)
class Span:
    """A generic labelled span in one article."""

    article: str
    start: int
    end: int
    text: str
    label: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return _from_dict(cls, data)


@dataclass(slots=True)
class Mention:
    """A named-entity mention. ``entity`` is the canonical entity id once linked."""

    article: str
    start: int
    end: int
    text: str
    label: str  # PERSON, ORG, GPE, NORP, LOC, FAC, EVENT, PRODUCT, DATE, QUANTITY, ...
    entity: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        return _from_dict(cls, data)


@dataclass(slots=True)
class Descriptor:
    """A label an article attaches to an entity ("Communist dictator", "North Korean leader").

    ``mention`` is the index of the described mention in the article's mention list.
    """

    article: str
    start: int
    end: int
    text: str
    mention: int
    kind: str = "premodifier"  # premodifier | appositive | role
    entity: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Descriptor:
        return _from_dict(cls, data)


@dataclass(slots=True)
class Quote:
    """Reported speech: direct (quotation marks) or indirect ("X said that ...")."""

    article: str
    start: int  # content span
    end: int
    text: str
    speaker: str  # canonical entity id where linked, else the speaker string
    speaker_text: str = ""
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str = ""
    cue_start: int | None = None
    cue_end: int | None = None
    direct: bool = True
    speaker_entity: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        return _from_dict(cls, data)


@dataclass(slots=True)
class Argument:
    """One argument of a claim: a span plus its normalised value.

    ``value`` is a number for quantities, an ISO date for times, a canonical
    entity id or lower-cased lemma text otherwise.
    """

    text: str
    start: int
    end: int
    value: Any = None
    unit: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Argument:
        return _from_dict(cls, data)


ARGUMENT_ROLES = ("agent", "predicate", "recipient", "theme", "quantity", "time", "place")


@dataclass(slots=True)
class Claim:
    """An atomic statement: one predicate with its arguments.

    ``attributed_to`` is the source chain, nearest first (["Moscow Times", "TASS"]);
    empty when the outlet states it in its own voice.
    """

    id: str
    article: str
    start: int
    end: int
    text: str
    predicate: str = ""
    attributed_to: list[str] = field(default_factory=list)
    hedged: bool = False
    negated: bool = False
    arguments: dict[str, Argument] = field(default_factory=dict)
    quantities: list[Argument] = field(default_factory=list)  # every number in the claim
    sentence: int = -1  # index of the sentence in the article

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["arguments"] = {k: v.to_dict() for k, v in self.arguments.items()}
        data["quantities"] = [q.to_dict() for q in self.quantities]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        claim = _from_dict(cls, data)
        claim.arguments = {
            k: v if isinstance(v, Argument) else Argument.from_dict(v)
            for k, v in (data.get("arguments") or {}).items()
        }
        claim.quantities = [
            q if isinstance(q, Argument) else Argument.from_dict(q)
            for q in (data.get("quantities") or [])
        ]
        return claim


@dataclass(slots=True)
class TimeExpression:
    """A date/time expression; ``resolved`` is an ISO date or None when unresolvable."""

    article: str
    start: int
    end: int
    text: str
    resolved: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TimeExpression:
        return _from_dict(cls, data)


@dataclass(slots=True)
class Analysis:
    """Everything the analysis stage found in one article."""

    article: Article
    sentences: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    descriptors: list[Descriptor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "sentences": [list(s) for s in self.sentences],
            "mentions": [m.to_dict() for m in self.mentions],
            "descriptors": [d.to_dict() for d in self.descriptors],
            "quotes": [q.to_dict() for q in self.quotes],
            "claims": [c.to_dict() for c in self.claims],
            "times": [t.to_dict() for t in self.times],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        return cls(
            article=Article.from_dict(data["article"]),
            sentences=[(int(a), int(b)) for a, b in data.get("sentences", [])],
            mentions=[Mention.from_dict(m) for m in data.get("mentions", [])],
            descriptors=[Descriptor.from_dict(d) for d in data.get("descriptors", [])],
            quotes=[Quote.from_dict(q) for q in data.get("quotes", [])],
            claims=[Claim.from_dict(c) for c in data.get("claims", [])],
            times=[TimeExpression.from_dict(t) for t in data.get("times", [])],
        )


@dataclass(slots=True)
class Entity:
    """A canonical entity across the articles of a story."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)  # {article, start, end}
    labels: dict[str, list[str]] = field(default_factory=dict)  # outlet -> descriptors

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return _from_dict(cls, data)


@dataclass(slots=True)
class StoryRecord:
    """One story as the clustering stage writes it."""

    id: str
    article_ids: list[str]
    title: str | None = None
    centroid: bytes | None = None
    terms: dict[str, int] = field(default_factory=dict)  # entity key -> member count
    method: str | None = None
    similarities: dict[str, float] = field(default_factory=dict)
    duplicates: dict[str, str] = field(default_factory=dict)  # article id -> copy of


def story_id_for(seed: Iterable[str]) -> str:
    """A stable story id derived from the ids that founded it."""
    digest = hashlib.blake2b("\n".join(sorted(seed)).encode("utf-8"), digest_size=6)
    return f"s_{digest.hexdigest()}"
