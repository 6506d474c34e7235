"""A statement that counts a thing otherwise than its group's wording leaves the group,
whichever outlet gives it: also one whose outlet states the wording in another statement;
when two outlets or more give that other count in one wording, it is an agreed fact of its
own, in the same event."""

from __future__ import annotations

import re

from storylens.comparison.align import Alignment, ClaimGroup
from storylens.comparison.conflict_args import ClaimView
from storylens.comparison.describe import split_facts
from storylens.comparison.partly import split_other_counts
from storylens.settings import Settings
from storylens.types import Argument, Claim

_COUNT = re.compile(r"(\d+)[ -]yards?")


def _view(cid: str, outlet: str, text: str, actor: str) -> ClaimView:
    quantities = [
        Argument(m.group(0), m.start(), m.end(), float(m.group(1)), "yard")
        for m in _COUNT.finditer(text)
    ]
    claim = Claim(id=cid, article=f"art-{outlet}", start=0, end=len(text), text=text)
    claim.quantities = quantities
    return ClaimView(claim=claim, outlet=outlet, unit=outlet, actors=(frozenset({actor}),))


def _alignment(
    views: list[ClaimView], stating: list[str], scores: dict[tuple[str, str], float] | None = None
) -> Alignment:
    scores = scores or {}
    by_id = {v.claim.id: v for v in views}
    owner = by_id[stating[0]]
    group = ClaimGroup(
        id="g1",
        claims=list(by_id),
        outlets=sorted({v.outlet for v in views}),
        articles=sorted({v.claim.article for v in views}),
        status="agreed",
        text=owner.claim.text,
    )
    group.shared = {"claim": owner.claim.id, "claims": stating, "end": owner.claim.end}
    group.shared["text"] = owner.claim.text
    return Alignment(groups=[group], views=by_id, scores=scores, whole_scores=scores)


def test_partly_another_count_of_a_stating_outlet_leaves_the_group() -> None:
    views = [
        _view("a1", "ridge", "Leo Duval rushed for 184 yards on Saturday", "duval"),
        _view("b1", "coast", "Duval ran for 184 yards as the Rams won", "duval"),
        _view("b2", "coast", "Kai Brandt rushed for 96 yards", "brandt"),
    ]
    alignment = _alignment(views, ["a1", "b1"])
    split_other_counts(alignment, ["coast", "ridge"])
    group = alignment.groups[0]
    assert group.claims == ["a1", "b1"] and group.status == "agreed"
    gone = [g for g in alignment.groups if "b2" in g.claims]
    assert len(gone) == 1 and gone[0].status == "unique" and gone[0].claims == ["b2"]
    assert gone[0].event == group.event != ""
    # the outlet still states the group's fact: it is not missing from it
    assert sorted(group.outlets) == ["coast", "ridge"] and group.missing_from == []


def test_partly_the_same_count_of_a_stating_outlet_stays() -> None:
    views = [
        _view("a1", "ridge", "Leo Duval rushed for 184 yards on Saturday", "duval"),
        _view("b1", "coast", "Duval ran for 184 yards as the Rams won", "duval"),
        _view("b2", "coast", "His 184 yards were a career best", "duval"),
    ]
    alignment = _alignment(views, ["a1", "b1"])
    split_other_counts(alignment, ["coast", "ridge"])
    assert [g.claims for g in alignment.groups] == [["a1", "b1", "b2"]]


def test_partly_another_count_two_outlets_give_is_a_fact_of_its_own() -> None:
    # each outlet tells the yards and, in another sentence, the long run: the run's
    # statements leave the yards row together, agreed, in its event
    views = [
        _view("a1", "ridge", "Leo Duval rushed for 184 yards on Saturday", "duval"),
        _view("b1", "coast", "Leo Duval ran for 184 yards as the Rams won", "duval"),
        _view("a2", "ridge", "Duval's day included a 75-yard touchdown run", "duval"),
        _view("b2", "coast", "Duval's big day included a 75-yard touchdown run", "duval"),
    ]
    scores = {("a1", "b1"): 0.8, ("a2", "b2"): 0.85}
    scores |= {(x, y): 0.5 for x in ("a1", "b1") for y in ("a2", "b2")}
    alignment = _alignment(views, ["a1", "b1"], scores)
    split_facts(alignment, Settings(), {"Leo", "Duval"}, ["ridge", "coast"], {})
    yards, run = alignment.groups
    assert yards.claims == ["a1", "b1"] and run.claims == ["a2", "b2"]
    assert yards.status == run.status == "agreed"
    assert "75-yard" in run.shared["text"] and yards.event == run.event != ""
