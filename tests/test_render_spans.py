"""Span highlighting: any overlap or nesting gives well-formed, escaped HTML over the same text."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storylens.render.spans import Mark, highlight


class _Collector(HTMLParser):
    """Rebuilds the text and the text covered by each ref; checks tags balance."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.stack: list[list[str]] = []
        self.by_ref: dict[str, str] = {}
        self.ids: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        data = dict(attrs)
        if data.get("id"):
            self.ids.append(str(data["id"]))
        if tag == "span":
            self.stack.append((data.get("data-refs") or "").split())

    def handle_endtag(self, tag: str) -> None:
        if tag == "span":
            assert self.stack, "unbalanced </span>"
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for refs in self.stack:
            for ref in refs:
                self.by_ref[ref] = self.by_ref.get(ref, "") + data


def _parse(markup: str) -> _Collector:
    parser = _Collector()
    parser.feed(markup)
    parser.close()
    assert not parser.stack, "unclosed <span>"
    return parser


TEXT = "The council & the mayor <agreed> on the plan."
CASES = [
    ("none", []),
    ("single", [Mark(4, 11, "claim", "cl-0")]),
    ("nested", [Mark(0, 30, "claim", "cl-0"), Mark(4, 11, "loaded", "lt-0")]),
    ("overlapping", [Mark(0, 15, "claim", "cl-0"), Mark(10, 25, "quote", "qt-0")]),
    ("same start", [Mark(4, 11, "claim", "cl-0"), Mark(4, 20, "quote", "qt-0")]),
    ("identical", [Mark(4, 11, "claim", "cl-0"), Mark(4, 11, "loaded", "lt-0")]),
    ("out of range", [Mark(-5, 3, "claim", "cl-0"), Mark(40, 999, "quote", "qt-0")]),
    ("empty and inverted", [Mark(5, 5, "claim", "cl-0"), Mark(9, 2, "quote", "qt-0")]),
]


@pytest.mark.parametrize(("name", "marks"), CASES, ids=[c[0] for c in CASES])
def test_render_spans_keep_text_and_cover_each_span(name: str, marks: list[Mark]) -> None:
    out = str(highlight(TEXT, marks))
    parsed = _parse(out)
    assert "".join(parsed.text) == TEXT
    assert "<agreed" not in out and "agreed>" not in out
    for m in marks:
        start, end = max(0, m.start), min(len(TEXT), m.end)
        if start < end:
            assert parsed.by_ref[m.ref] == TEXT[start:end], name
    assert len(parsed.ids) == len(set(parsed.ids)), "duplicate DOM ids"


def test_render_spans_title_is_escaped() -> None:
    out = str(highlight("abc", [Mark(0, 2, "claim", "cl-0", title='"><script>x</script>')]))
    assert "<script>" not in out
    assert html.unescape(out.split('title="')[1].split('"')[0]) == '"><script>x</script>'


@given(
    text=st.text(alphabet=st.sampled_from(list("ab <>&\"'é\n")), max_size=40),
    spans=st.lists(st.tuples(st.integers(-3, 45), st.integers(-3, 45)), max_size=6),
)
def test_render_spans_any_spans_round_trip(text: str, spans: list[tuple[int, int]]) -> None:
    marks = [Mark(a, b, "claim", f"cl-{i}") for i, (a, b) in enumerate(spans)]
    parsed = _parse(str(highlight(text, marks)))
    assert "".join(parsed.text) == text
    for m in marks:
        start, end = max(0, m.start), min(len(text), m.end)
        if start < end:
            assert parsed.by_ref[m.ref] == text[start:end]
