"""Claims tables list what one outlet alone adds under a shared fact, briefly."""

from __future__ import annotations

from typing import Any

from storylens.render.markdown import render_markdown
from storylens.render.model import MAX_EXTRA, ReportView


def _report(extra: list[dict[str, Any]]) -> dict[str, Any]:
    text = "The council approved the loan on Tuesday. The loan is the largest in years."
    articles = [
        {"id": f"a{n}", "outlet": name, "text": text} for n, name in enumerate(("Ledger", "Post"))
    ]
    claims = [
        {"id": f"a{n}:s0", "article": f"a{n}", "start": 0, "end": 40, "text": text[:40]}
        for n in range(2)
    ]
    group = {
        "id": "g1",
        "status": "agreed",
        "claims": ["a0:s0", "a1:s0"],
        "outlets": ["Ledger", "Post"],
        "shared": {"claim": "a1:s0", "text": "The council approved the loan"},
        "extra": extra,
    }
    return {"articles": articles, "claims": claims, "claim_groups": [group]}


def test_render_extra_shows_shared_wording_and_outlet_details() -> None:
    report = _report([{"outlet": "Post", "text": "The loan is the largest in <b>years</b>"}])
    [group] = ReportView.of(report).groups
    assert group.label == "The council approved the loan"
    out = render_markdown(report)
    assert "only Post: The loan is the largest in" in out
    assert "<b>" not in out  # article text is escaped, never markup


def test_render_extra_is_capped_one_per_outlet_first() -> None:
    details = [{"outlet": f"Outlet {n % 5}", "text": f"detail number {n}"} for n in range(12)]
    [group] = ReportView.of(_report(details)).groups
    shown = group.extra
    assert len(shown) == MAX_EXTRA + 1
    assert [o for o, _ in shown[:MAX_EXTRA]] == ["Outlet 0", "Outlet 1", "Outlet 2"]
    assert shown[-1] == ("", f"… {12 - MAX_EXTRA} more details")


def test_render_extra_names_the_source_an_outlet_gives() -> None:
    report = _report(
        [
            {"outlet": "Post", "source": "the <i>harbour</i> office", "text": "The loan is large"},
            {"outlet": "Post", "source": "the mayor", "text": "The loan is the largest in years"},
        ]
    )
    [group] = ReportView.of(report).groups
    # one detail per outlet first, whichever source it gives
    assert group.extra[0] == ("Post, citing the <i>harbour</i> office", "The loan is large")
    assert group.extra[1:] == [("", "… 1 more details")]
    out = render_markdown(report)
    assert "only Post, citing the" in out
    assert "<i>" not in out


def test_render_extra_names_the_copies_that_print_a_detail_too() -> None:
    report = _report(
        [{"outlet": "Post", "copies": ["Quay Wire", "Lund Daily"], "text": "The loan is large"}]
    )
    [group] = ReportView.of(report).groups
    # "only Post" would be false: the copies of its article print it too
    assert group.extra == [("Post and its copies Quay Wire, Lund Daily", "The loan is large")]
