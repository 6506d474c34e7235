"""The sentence a row needs to be understood.

A row is one sentence of one article, and news sentences lean on the one before them: "Both
times it backtracked.", "He has denied having anything to do with such an effort.", "The
list of questions grew out of those negotiations." Alone, a reader cannot tell what they
say. When a group's wording opens on a pronoun or a word that points back, its ``context``
is the sentence before it in its article (an exact span), which the reports show beside
the row; the row itself stays the outlet's own words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from storylens.comparison.standalone import points_back
from storylens.types import Analysis, Claim

# words that open a sentence leaning on the one before: pronouns, "both", "such", "the same",
# and the connectives that answer it ("On the contrary", "Instead", "Particularly")
_LEANS_BACK = re.compile(
    r"(?:he|she|it|they|him|them|his|her|its|their|both|such|another|others?|neither|"
    r"either|the\s+same|the\s+pair|in\s+(?:that|this|the\s+same)|at\s+(?:that|"
    r"this)|by\s+(?:then|that)|then|on\s+the\s+contrary|instead|rather|particularly|"
    r"especially|moreover|likewise|similarly|otherwise|by\s+contrast|in\s+contrast|"
    r"as\s+a\s+result|in\s+turn|even\s+so|for\s+(?:example|instance))\b",
    re.IGNORECASE,
)
_OPENING = re.compile(r"^[\s(\[]*(?:and|but|so|yet)?[\s,]*", re.IGNORECASE)


def needs_context(text: str) -> bool:
    """Whether a row's ``text`` leans on the sentence before it to be understood; a
    quotation's own words ("“They lied,” Lund said") are the speaker's and are not read."""
    text = _OPENING.sub("", text, count=1)
    if not text or text[0] in "\"“'‘«":
        return False
    return bool(_LEANS_BACK.match(text)) or points_back(text)


def add_context(groups: Iterable[dict[str, Any]], analyses: Sequence[Analysis]) -> None:
    """Set ``context`` on each group (a contract dict) whose wording leans on the sentence
    before it: ``{"claim", "article", "start", "end", "text"}`` of that sentence."""
    claims: dict[str, tuple[Claim, Analysis]] = {c.id: (c, a) for a in analyses for c in a.claims}
    for group in groups:
        shared = group.get("shared") or {}
        owner = shared.get("claim") or (group["claims"][0] if group.get("claims") else None)
        found = claims.get(owner or "")
        if found is None:
            continue
        claim, analysis = found
        wording = shared.get("text") or claim.text
        k = claim.sentence
        if not needs_context(wording) or not 0 < k < len(analysis.sentences):
            continue
        start, end = analysis.sentences[k - 1]
        raw = analysis.article.text[start:end]
        text = raw.strip()
        if not text:
            continue
        start += len(raw) - len(raw.lstrip())
        group["context"] = {
            "claim": claim.id,
            "article": claim.article,
            "start": start,
            "end": start + len(text),
            "text": text,
        }
