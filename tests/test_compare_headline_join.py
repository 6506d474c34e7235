"""An article's first line joins the fact it tells in other words."""

from __future__ import annotations

import numpy as np

from storylens.comparison.conflict_args import ClaimView
from storylens.comparison.headline_join import attach_headlines
from storylens.types import Claim


def _view(cid: str, article: str, text: str, sentence: int) -> ClaimView:
    claim = Claim(cid, article, 0, len(text), text, sentence=sentence)
    return ClaimView(claim, article.upper(), article)


def _unit(*values: float) -> list[float]:
    v = np.array(values, dtype=np.float32)
    return list(v / np.linalg.norm(v))


VIEWS = [
    _view("a:s0", "a", "Velm council postpones ferry fare rise", 0),
    _view("a:s3", "a", "The mayor was not in town on Monday.", 3),
    _view("b:s2", "b", "The council has put off raising ferry fares until June.", 2),
    _view("b:s5", "b", "Fares last rose in 2019.", 5),
]
VECTORS = np.array(
    [_unit(1, 0.3, 0), _unit(0, 0, 1), _unit(1, 0.1, 0.1), _unit(0.3, 1, 0)], dtype=np.float32
)


def test_headline_joins_the_group_of_the_statement_closest_in_meaning() -> None:
    clusters = [["a:s0"], ["a:s3"], ["b:s2"], ["b:s5"]]
    joined: dict[str, str] = {}
    out = attach_headlines(VIEWS, VECTORS, clusters, joined, 0.65)
    assert ["b:s2", "a:s0"] in out
    assert joined == {"a:s0": "b:s2"}
    # the article's other lone statements stay alone, however close
    assert ["a:s3"] in out and ["b:s5"] in out


def test_headline_stays_alone_when_nothing_is_close_enough() -> None:
    clusters = [["a:s0"], ["a:s3"], ["b:s2"], ["b:s5"]]
    joined: dict[str, str] = {}
    far = VECTORS.copy()
    far[2] = _unit(0, 0.2, 1)
    out = attach_headlines(VIEWS, far, clusters, joined, 0.65)
    assert out == [["a:s0"], ["a:s3"], ["b:s2"], ["b:s5"]] and joined == {}
    # and a setting of 0 joins nothing
    assert attach_headlines(VIEWS, VECTORS, [["a:s0"], ["b:s2"]], {}, 0.0) == [["a:s0"], ["b:s2"]]


def test_headlines_of_the_copies_of_one_wire_text_join_together() -> None:
    # "a2" reprints a's article (one unit): the two headlines, grouped together, are one
    # outlet's lone first statement and join the closest statement of another outlet
    text = "Velm council postpones ferry fare rise"
    copy = ClaimView(Claim("a2:s0", "a2", 0, len(text), text, sentence=0), "A2", "a")
    views = [*VIEWS, copy]
    vectors = np.vstack([VECTORS, VECTORS[:1]])
    clusters = [["a:s0", "a2:s0"], ["a:s3"], ["b:s2"], ["b:s5"]]
    joined: dict[str, str] = {}
    out = attach_headlines(views, vectors, clusters, joined, 0.65)
    assert ["b:s2", "a:s0", "a2:s0"] in out
    assert joined == {"a:s0": "b:s2", "a2:s0": "b:s2"}
