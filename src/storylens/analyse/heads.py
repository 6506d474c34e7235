"""The linked name that heads a phrase: whom a claim argument or a quote's speaker names
("Communist dictator Kim Jong-un of North Korea" → Kim; "the government of strongman
Vladimir Putin" → no one)."""

from __future__ import annotations

import re
from collections import defaultdict

from storylens.analyse.cues import BODIES_OF_PEOPLE
from storylens.types import Analysis, Argument, Mention

# the labels a phrase's head is looked for in, most specific first (see linking)
TYPE_PRIORITY = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "LAW")

_PREFIX_WORDS = frozenset(
    {"the", "a", "an", "his", "her", "its", "their", "our", "this", "that", "'s", "’s", "-", ","}
)
_POSSESSIVE_AFTER = re.compile(r"\s*['’]s?\b")
# a body a person's name modifies: "the Trump administration", "the Holt campaign"
_BODY_AFTER = re.compile(rf"\s+(?:{'|'.join(sorted(BODIES_OF_PEOPLE))})\b", re.IGNORECASE)


# "a spokesperson for the Defense Ministry" speaks for the ministry
SPOKESPERSON_WORDS = frozenset(
    {
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "representative",
        "official",
        "officials",
        "source",
        "sources",
        "for",
        "of",
        "at",
        "from",
    }
)


def descriptor_spans(analysis: Analysis) -> dict[int, list[tuple[int, int]]]:
    """Descriptor spans per described mention (by ``id`` of the Mention)."""
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for desc in analysis.descriptors:
        if 0 <= desc.mention < len(analysis.mentions):
            spans[id(analysis.mentions[desc.mention])].append((desc.start, desc.end))
    return spans


def head_mention(
    text: str,
    arg: Argument,
    linked: list[Mention],
    descriptors: dict[int, list[tuple[int, int]]],
    *,
    extra: frozenset[str] = frozenset(),
) -> Mention | None:
    """The linked mention that heads an argument phrase, if any.

    A mention heads the phrase when nothing but determiners, its own descriptors and other
    names (possessors) precede it inside the phrase, and it is not itself a possessor:
    "Communist dictator Kim Jong-un of North Korea" → Kim; "the government of strongman
    Vladimir Putin" → none; "Kim's train" → none.
    """
    best: tuple[tuple[int, int], Mention] | None = None
    for m in linked:
        if m.start < arg.start or m.end > arg.end:
            continue
        if _POSSESSIVE_AFTER.match(text, m.end) and m.end < arg.end:
            continue
        if m.label == "NORP" and text[m.end : arg.end].strip()[:1].isalpha():
            continue  # "Russian news outlets": a nationality modifying the head noun
        if m.label == "PERSON" and _BODY_AFTER.match(text, m.end, arg.end):
            continue  # "the Trump administration", "the Holt campaign": a body, not the person
        cut = [(d0, d1) for d0, d1 in descriptors.get(id(m), [])]
        cut += [(o.start, o.end) for o in linked if o is not m and o.end <= m.start]
        prefix = list(text[arg.start : m.start])
        for c0, c1 in cut:
            for i in range(max(c0, arg.start), min(c1, m.start)):
                prefix[i - arg.start] = " "
        words = "".join(prefix).replace("’s", " ").replace("'s", " ").lower().split()
        if any(w not in _PREFIX_WORDS and w not in extra for w in words):
            continue
        rank = TYPE_PRIORITY.index(m.label) if m.label in TYPE_PRIORITY else len(TYPE_PRIORITY)
        score = (-rank, -m.start)
        if best is None or score > best[0]:
            best = (score, m)
    return best[1] if best else None
