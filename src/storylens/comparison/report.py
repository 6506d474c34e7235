"""The story report: the JSON contract every renderer, store and tool reads.

:class:`Report` holds plain dicts per the contract (``schema_version``, ``articles``,
``entities``, ``quotes``, ``claims``, ``claim_groups``, ``framing``, ``summary``,
``duplicates``) plus ``errors`` for inputs that could not be read. The analyses it
was built from stay on the object (not serialised) for in-process callers.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field
from typing import Any

from storylens.comparison.align import Alignment, ClaimGroup
from storylens.comparison.conflicts import get_detector
from storylens.comparison.context import add_context
from storylens.comparison.dedup import DuplicateGroup
from storylens.comparison.provenance import SourceNames, group_provenance
from storylens.comparison.wording import shared_fact
from storylens.errors import InputError
from storylens.settings import Settings
from storylens.types import SCHEMA_VERSION, Analysis, Claim, Entity

REPORT_KEYS = (
    "schema_version",
    "articles",
    "entities",
    "quotes",
    "claims",
    "claim_groups",
    "framing",
    "summary",
    "duplicates",
)


@dataclass(slots=True)
class Report:
    """A comparison of one story's articles."""

    articles: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    claim_groups: list[dict[str, Any]] = field(default_factory=list)
    framing: list[dict[str, Any]] = field(default_factory=list)
    summary: list[dict[str, Any]] = field(default_factory=list)
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)
    stages: dict[str, str] = field(default_factory=dict)
    schema_version: str = SCHEMA_VERSION
    analyses: list[Analysis] = field(default_factory=list, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "articles": self.articles,
            "entities": self.entities,
            "quotes": self.quotes,
            "claims": self.claims,
            "claim_groups": self.claim_groups,
            "framing": self.framing,
            "summary": self.summary,
            "duplicates": self.duplicates,
            "errors": self.errors,
            "stages": self.stages,
        }

    def group(self, status: str) -> list[dict[str, Any]]:
        """Claim groups with the given status."""
        return [g for g in self.claim_groups if g["status"] == status]


def resolve_conflicts(alignment: Alignment, settings: Settings) -> str:
    """Run the configured detector over every multi-outlet group; returns its name."""
    detector = get_detector(settings.conflict_detector, settings)
    statement_of = {p: s for s, ps in alignment.parts.items() for p in ps}
    for group in alignment.groups:
        if group.status == "unique":
            continue
        # parts carry the arguments; a statement without parts has none to differ in. A
        # statement that joined the group as a lone statement's support (``partial``) is
        # compared too: the detector compares only parts that score well over the alignment
        # threshold with each other, so two parts that merely share the group's subject
        # never count as a contradiction
        views = [alignment.part_views[p] for c in group.claims for p in alignment.parts.get(c, ())]
        found = detector.detect(views, alignment.part_similarity)
        for item in (*found.differences, *found.notes):
            _to_statements(item, statement_of)
        group.notes.extend(found.notes)
        if found.differences:
            group.differences.extend(found.differences)
            group.status = "conflicting"
            # the group's fact is the one its outlets disagree on
            disputed = {p for d in found.differences for p in d.get("parts", ())}
            group.shared = (
                shared_fact(group.claims, alignment, settings.align_threshold, disputed)
                or group.shared
            )
    return detector.name


def _to_statements(item: dict[str, Any], statement_of: Mapping[str, str]) -> None:
    """Name the statements a difference or note is about; the parts stay as ``parts``."""
    if "claims" in item:
        item["parts"] = list(item["claims"])
        item["claims"] = [statement_of.get(c, c) for c in item["claims"]]
    for side in item.get("values", ()):
        if isinstance(side, dict) and "claim" in side:
            side["part"] = side["claim"]
            side["claim"] = statement_of.get(side["claim"], side["claim"])


def add_provenance(
    groups: Sequence[ClaimGroup],
    alignment: Alignment,
    outlet_of: Mapping[str, str],
    unit_of: Mapping[str, str],
    names: SourceNames,
) -> None:
    for group in groups:
        # the sources of the group's fact: the statements that state its shared wording
        backers = group.shared.get("claims") if group.shared else None
        ids = [c for c in (backers or group.claims) if c in alignment.views]
        claims = [alignment.views[c].claim for c in ids]
        group.primary_sources, group.independent_sources = group_provenance(
            claims, outlet_of, unit_of, names
        )


def _module_available(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def framing_and_summary(
    analyses: Sequence[Analysis],
    entities: Sequence[Entity],
    groups: list[dict[str, Any]],
    settings: Settings,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Per-outlet framing and the cited summary (stages of their own modules)."""
    framing: list[dict[str, Any]] = []
    summary: list[dict[str, Any]] = []
    if _module_available("storylens.comparison.framing"):
        from storylens.comparison.framing import analyse_framing

        framing = analyse_framing(list(analyses), list(entities), settings)
    if _module_available("storylens.comparison.summary"):
        from storylens.comparison.summary import summarise

        claims = [c for a in analyses for c in a.claims]
        articles = [a.article for a in analyses]
        summary = summarise(claims, groups, framing, list(entities), articles, settings)
    return framing, summary


_PART_KEYS = (
    "id",
    "start",
    "end",
    "text",
    "predicate",
    "attributed_to",
    "hedged",
    "negated",
    "arguments",
    "quantities",
)


def _part(claim: Claim) -> dict[str, Any]:
    data = claim.to_dict()
    return {k: data[k] for k in _PART_KEYS}


def build_report(
    analyses: Sequence[Analysis],
    entities: Sequence[Entity],
    alignment: Alignment,
    duplicates: Sequence[DuplicateGroup],
    outlet_of: Mapping[str, str],
    settings: Settings,
    *,
    errors: Sequence[InputError] = (),
    stages: Mapping[str, str] | None = None,
    parts: Mapping[str, Sequence[Claim]] | None = None,
    sentence_claims: Set[str] = frozenset(),
) -> Report:
    """Assemble the contract dicts from the stage outputs."""
    group_of = {cid: g.id for g in alignment.groups for cid in g.claims}
    articles = [a.article.to_dict() for a in analyses]
    claims = []
    for analysis in analyses:
        for claim in analysis.claims:
            data = claim.to_dict()
            data["outlet"] = outlet_of.get(claim.article, analysis.article.outlet)
            data["group"] = group_of.get(claim.id)
            # the atomic claims inside the statement: no label of their own (see .segment)
            data["parts"] = [_part(p) for p in (parts or {}).get(claim.id, ())]
            if claim.id in sentence_claims:
                data["whole_sentence"] = True  # a sentence the claim extractor found no claim in
            claims.append(data)
    groups = [g.to_dict() for g in alignment.groups]
    add_context(groups, analyses)
    framing, summary = framing_and_summary(analyses, entities, groups, settings)
    return Report(
        articles=articles,
        entities=[e.to_dict() for e in entities],
        quotes=[q.to_dict() for a in analyses for q in a.quotes],
        claims=claims,
        claim_groups=groups,
        framing=framing,
        summary=summary,
        duplicates=[d.to_dict() for d in duplicates],
        errors=[{"source": e.source, "reason": e.reason} for e in errors],
        stages=dict(stages or {}),
        analyses=list(analyses),
    )
