"""Report sections are a registry: one module each, shown in one order by all three
renderers; a new section appears in each renderer that it has a rendering for."""

from __future__ import annotations

import io
from importlib import resources
from typing import Any

import pytest
from rich.console import Console
from rich.text import Text

from fixtures.render_report import build_report
from storylens.render import html, markdown, terminal
from storylens.render.model import ReportView
from storylens.render.sections import Section, sections


def _terminal(report: dict[str, object]) -> str:
    out = io.StringIO()
    terminal.print_report(report, Console(file=out, width=200, color_system=None))
    return out.getvalue()


def test_render_sections_are_modules_in_order() -> None:
    found = sections()
    names = [s.name for s in found]
    assert len(set(names)) == len(names)
    assert names[:3] == ["outlets", "matrix", "conflicts"]
    assert names[-1] == "errors"
    assert [s.order for s in found] == sorted(s.order for s in found)


@pytest.mark.parametrize("section", [s for s in sections() if s.html], ids=lambda s: s.name)
def test_render_sections_html_template_exists(section: Section) -> None:
    assert resources.files("storylens").joinpath("templates", section.template).is_file()


def test_render_sections_html_follows_the_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    report = build_report()
    page = html.render_html(report)
    shown = [p.split('"', 1)[0] for p in page.split('<section id="')[1:]]
    assert shown[:3] == ["matrix", "conflicts", "articles-section"]
    assert shown.index("provenance") < shown.index("naming") < shown.index("summary")
    kept = tuple(s for s in sections() if s.name != "conflicts")
    monkeypatch.setattr(html, "sections", lambda: kept)
    page = html.render_html(report)
    assert '<section id="conflicts">' not in page and '<section id="matrix">' in page


def test_render_sections_a_new_section_shows_in_its_place(monkeypatch: pytest.MonkeyPatch) -> None:
    def note_markdown(view: ReportView) -> str:
        return f"## Note\n\n{len(view.articles)} articles"

    def note_terminal(view: ReportView, console: Console) -> None:
        console.print(Text(f"Note: {len(view.articles)} articles"))

    note = Section("note", 25, markdown=note_markdown, terminal=note_terminal)
    added = tuple(sorted((*sections(), note), key=lambda s: s.order))
    monkeypatch.setattr(markdown, "sections", lambda: added)
    monkeypatch.setattr(terminal, "sections", lambda: added)
    report = build_report()
    count = len(ReportView.of(report).articles)
    md = markdown.render_markdown(report)
    assert md.index("## Claims by outlet") < md.index(f"## Note\n\n{count} articles")
    assert md.index("## Note") < md.index("## Conflicts")
    text = _terminal(report)
    assert text.index("Claims × outlets") < text.index(f"Note: {count} articles")
    assert text.index("Note:") < text.index("Conflicts")


def _partly_report() -> dict[str, Any]:
    # the courier's statement joined the traffic limit on part of its fact only
    report = build_report()
    group = next(g for g in report["claim_groups"] if g["id"] == "g3")
    group["partial"] = ["c7"]
    return report


def test_render_matrix_marks_an_outlet_that_shares_only_part_of_the_fact() -> None:
    from storylens.render.html import render_html
    from storylens.render.markdown import render_markdown
    from storylens.render.terminal import print_report

    report = _partly_report()
    row = next(r for r in render_markdown(report).splitlines() if "30 vehicles" in r)
    assert row.count("◐ partly") == 1 and row.count("✔ agreed") == 1
    console = Console(record=True, width=200, color_system=None)
    with console.capture() as capture:
        print_report(report, console)
    line = next(r for r in capture.get().splitlines() if "30 vehicles" in r)
    assert "partly" in line and "agreed" in line
    page = render_html(report)
    assert page.count('<td class="cell partly">partly</td>') == 1
    # without the partial member, both outlets agree outright
    plain = next(r for r in render_markdown(build_report()).splitlines() if "30 vehicles" in r)
    assert "partly" not in plain and plain.count("✔ agreed") == 2


def test_render_matrix_marks_an_outlet_whose_statement_does_not_state_the_shared_wording() -> None:
    from storylens.render.markdown import render_markdown

    # the group's shared wording is stated by the first outlet's statement only: the other
    # outlet's statement is in the group, but says something else beside it
    report = build_report()
    group = next(g for g in report["claim_groups"] if g["id"] == "g3")
    group["shared"] = {"claim": "c6", "text": "Traffic will be limited", "claims": ["c6"]}
    row = next(r for r in render_markdown(report).splitlines() if "Traffic will be limited" in r)
    assert row.count("◐ partly") == 1 and row.count("✔ agreed") == 1
    # both state it: both agree outright
    group["shared"]["claims"] = ["c6", "c7"]
    row = next(r for r in render_markdown(report).splitlines() if "Traffic will be limited" in r)
    assert "partly" not in row and row.count("✔ agreed") == 2


def test_render_matrix_shows_every_outlet_of_a_partial_group_as_partly() -> None:
    from storylens.render.html import render_html
    from storylens.render.markdown import render_markdown

    # no wording of the group is stated by two outlets: neither agrees outright; the one that
    # states it says it in full, the other shares part of it (neither is "unique": another
    # outlet reports part of the fact)
    report = build_report()
    group = next(g for g in report["claim_groups"] if g["id"] == "g3")
    group["status"] = "partial"
    group["shared"] = {"claim": "c6", "text": "Traffic will be limited", "claims": ["c6"]}
    row = next(r for r in render_markdown(report).splitlines() if "Traffic will be limited" in r)
    assert row.count("◐ partly") == 1 and row.count("✚ states it") == 1
    assert "agreed" not in row and "unique" not in row
    html = render_html(report)
    assert html.count('<td class="cell partly">partly</td>') == 1
    assert html.count('<td class="cell states">states</td>') == 1
    # after what outlets agree or conflict on, before what one outlet alone reports
    order = [(g.status, g.id) for g in ReportView.of(report).ordered_groups()]
    statuses = [s for s, _ in order]
    at = statuses.index("partial")
    assert all(s in ("agreed", "conflicting") for s in statuses[:at])
    assert all(s == "unique" for s in statuses[at + 1 :])


def test_render_matrix_leads_with_the_fact_most_outlets_state_in_full() -> None:
    # g1 is carried by three outlets, but two of them only partly; g3 by two in full
    report = build_report()
    g1 = next(g for g in report["claim_groups"] if g["id"] == "g1")
    g1["shared"] = {"claim": "c1", "text": "x", "claims": ["c1"]}
    order = [g.id for g in ReportView.of(report).ordered_groups()]
    assert order.index("g3") < order.index("g1")
    # stated in full by all three, it leads again
    g1["shared"]["claims"] = ["c1", "c2", "c3"]
    order = [g.id for g in ReportView.of(report).ordered_groups()]
    assert order.index("g1") < order.index("g3")


def test_same_event_line_names_a_few_rows_and_counts_the_rest() -> None:
    from storylens.render.sections.matrix import SAME_EVENT_SHOWN, same_event

    assert same_event([3, 7]) == "same event as #3, #7"
    rows = list(range(2, 2 + SAME_EVENT_SHOWN + 11))
    line = same_event(rows)
    assert line.startswith("same event as #2, #3")
    assert line.endswith(" and 11 more")
    assert line.count("#") == SAME_EVENT_SHOWN


def test_render_matrix_marks_a_copy_of_another_outlets_article() -> None:
    from storylens.render.markdown import render_markdown
    from storylens.render.model import ReportView

    report = build_report()
    # the Beacon's article is a copy of the Ledger's: in a row both carry, it is the copy
    report["duplicates"] = [
        {
            "articles": ["a_ledger", "a_beacon"],
            "outlets": ["Averholt Ledger", "Valley Beacon"],
            "similarity": 0.9,
            "representative": "a_ledger",
        }
    ]
    view = ReportView.of(report)
    g1 = next(g for g in view.groups if g.id == "g1")
    cells = {o: view.cell(g1, o) for o in g1.outlets}
    assert cells == {
        "Averholt Ledger": "agreed",
        "Valley Beacon": "copy",
        "River Courier": "agreed",
    }
    row = next(
        r for r in render_markdown(report).splitlines() if r.startswith("| ") and "≡ copy" in r
    )
    assert row.count("✔ agreed") == 2
