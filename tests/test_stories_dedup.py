"""Near-duplicates: wire copies with small edits are found, distinct articles are not."""

from __future__ import annotations

import pytest

from builders import PARAGRAPHS
from storylens.stories.dedup import near_duplicates, signature
from storylens.types import Article, content_id

FERRY = "\n\n".join(PARAGRAPHS["ferry"])
HARVEST = "\n\n".join(PARAGRAPHS["harvest"])


def _art(text: str, outlet: str, published: str | None = None) -> Article:
    return Article(id=content_id(text + outlet), outlet=outlet, text=text, published=published)


@pytest.mark.parametrize(
    ("copy", "duplicate"),
    [
        (FERRY + "\n\nDistributed by the Island Wire service.", True),
        (FERRY.replace("Monday", "Tuesday"), True),
        (FERRY.upper(), True),  # case is ignored
        (HARVEST, False),
        ("\n\n".join(PARAGRAPHS["ferry"][:2]), False),  # half an article is not a copy
    ],
    ids=["sign-off", "one-word", "case", "other-story", "half"],
)
def test_corpus_dedup_wire_copies(copy: str, duplicate: bool) -> None:
    original = _art(FERRY, "Island Weekly", "2026-03-14")
    other = _art(copy, "Harbor Ledger", "2026-03-15")
    found = near_duplicates([other, original])
    if duplicate:
        assert found.keys() == {other.id}
        target, similarity = found[other.id]
        assert target == original.id  # the earlier copy is the original
        assert 0.8 <= similarity <= 1.0
    else:
        assert found == {}


def test_corpus_dedup_chains_point_at_first_copy() -> None:
    a = _art(FERRY, "A", "2026-03-14")
    b = _art(FERRY + " Extra line one.", "B", "2026-03-15")
    c = _art(FERRY + " Extra line one. Extra line two.", "C", "2026-03-16")
    found = near_duplicates([c, b, a])
    assert {k: v[0] for k, v in found.items()} == {b.id: a.id, c.id: a.id}


def test_corpus_dedup_signature_is_stable() -> None:
    # the same text gives the same signature in every process (no salted hashing)
    assert (signature(FERRY) == signature(FERRY)).all()
    assert signature("").shape == signature(FERRY).shape
