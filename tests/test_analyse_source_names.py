"""Display names of source phrases read from a parse (the parse given here, word by word)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from storylens.analyse.phrases import source_name


@pytest.mark.parametrize(
    ("words", "pos", "name"),
    [
        # a name that ends in a number is named whole, not cut at its last capitalised word
        (["A", "Number", "7", "spokeswoman"], ["DET", "PROPN", "NUM", "NOUN"], "Number 7"),
        (["A", "Velm", "Radio", "spokeswoman"], ["DET", "PROPN", "PROPN", "NOUN"], "Velm Radio"),
        (["Velm", "officials"], ["PROPN", "NOUN"], "Velm"),
    ],
)
def test_source_name_of_a_proper_run(words: list[str], pos: list[str], name: str) -> None:
    head = len(words) - 1
    doc = Doc(
        Vocab(),
        words=words,
        pos=pos,
        lemmas=[w.lower().removesuffix("s") for w in words],
        heads=[head] * len(words),
        deps=["det" if p == "DET" else "compound" for p in pos[:-1]] + ["ROOT"],
    )
    assert source_name(list(doc)) == name
