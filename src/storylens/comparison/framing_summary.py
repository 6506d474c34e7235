"""The per-outlet framing summary: what a reader should see at a glance.

For each outlet: loaded terms per 1,000 words of its own narration (quotations left out) next
to the other outlets' rate, the count per kind of cue, the strongest examples, and how the
outlet names the story's main actors next to how the others name them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

STRONGEST = 5
# kinds of cue, strongest first when two hits are rated alike
CATEGORY_ORDER = (
    "pejorative_label",
    "stigmatising_label",
    "ideological_epithet",
    "derogatory",
    "label_choice",
    "distancing",
    "scare_quote",
    "loaded_verb",
    "intensifier",
    "evaluative",
)
CATEGORY_NAMES = {
    "pejorative_label": "pejorative labels",
    "stigmatising_label": "stigmatising labels",
    "ideological_epithet": "ideological epithets",
    "derogatory": "insults",
    "label_choice": "label choices",
    "distancing": "distancing words",
    "scare_quote": "scare quotes",
    "loaded_verb": "loaded verbs",
    "intensifier": "intensifiers and judging adjectives",
    "evaluative": "evaluative adjectives and adverbs",
}


def _rank(term: dict[str, Any]) -> tuple[float, int]:
    category = str(term.get("category", ""))
    order = CATEGORY_ORDER.index(category) if category in CATEGORY_ORDER else len(CATEGORY_ORDER)
    return (-float(term.get("strength", 1.0)), order)


def strongest(terms: Sequence[dict[str, Any]], limit: int = STRONGEST) -> list[dict[str, Any]]:
    """The strongest loaded terms, one per distinct wording, strongest first."""
    seen: set[str] = set()
    out: list[dict[str, Any]] = []
    keys = ("article", "start", "end", "text", "why", "category")
    for term in sorted(terms, key=_rank):
        key = " ".join(str(term.get("text", "")).casefold().split())
        if not key or key in seen:
            continue
        seen.add(key)
        out.append({k: term[k] for k in keys if k in term})
        if len(out) == limit:
            break
    return out


def outlet_summary(
    record: dict[str, Any],
    records: Sequence[dict[str, Any]],
    main_actors: Sequence[str],
    names: dict[str, str],
) -> dict[str, Any]:
    """The summary of one outlet's framing record among all the story's records."""
    scores = record.get("scores", {})
    rate = float(scores.get("loaded_terms_per_1000_narration_words", 0.0))
    others = [
        float(r.get("scores", {}).get("loaded_terms_per_1000_narration_words", 0.0))
        for r in records
        if r is not record
    ]
    others_rate = round(sum(others) / len(others), 3) if others else None
    by_category: dict[str, int] = {}
    for term in record.get("loaded_terms", []):
        category = str(term.get("category", ""))
        by_category[category] = by_category.get(category, 0) + 1
    ordered = dict(sorted(by_category.items(), key=lambda kv: (-kv[1], kv[0])))
    return {
        "narration_words": int(scores.get("narration_words", 0)),
        "loaded_terms": len(record.get("loaded_terms", [])),
        "loaded_per_1000_narration_words": rate,
        "others_loaded_per_1000_narration_words": others_rate,
        "ratio_to_others": round(rate / others_rate, 2) if others_rate else None,
        "quoted_loaded_terms": len(record.get("quoted_loaded_terms", [])),
        "by_category": ordered,
        "category_names": {c: CATEGORY_NAMES.get(c, c.replace("_", " ")) for c in ordered},
        "strongest": strongest(record.get("loaded_terms", [])),
        "main_actors": _actors(record, records, main_actors, names),
    }


def _actors(
    record: dict[str, Any],
    records: Sequence[dict[str, Any]],
    main_actors: Sequence[str],
    names: dict[str, str],
) -> list[dict[str, Any]]:
    rows = []
    for entity in main_actors:
        own = list(record.get("naming", {}).get(entity, []))
        others = {
            str(r.get("outlet")): list(r.get("naming", {}).get(entity, []))
            for r in records
            if r is not record and r.get("naming", {}).get(entity)
        }
        if not own and not others:
            continue
        elsewhere = {" ".join(x.casefold().split()) for labels in others.values() for x in labels}
        rows.append(
            {
                "entity": entity,
                "name": names.get(entity, entity),
                "labels": own,
                "only_here": [x for x in own if " ".join(x.casefold().split()) not in elsewhere],
                "others": others,
            }
        )
    return rows
