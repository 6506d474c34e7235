"""The loaded-term lexicon: word boundaries, inflections, context rules and quotations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storylens.comparison.lexicon import inflections, load_lexicon, quote_spans
from storylens.errors import ConfigError
from storylens.settings import Settings

LEX = load_lexicon()


def _own(text: str) -> list[str]:
    own, _ = LEX.find(text, quotes=quote_spans(text))
    return [m.text for m in own]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Communist dictator Varn Oskel opened the dam.", ["Communist dictator"]),
        ("The Communist Party of Tervia met on Monday.", []),
        ("The communist Oskel dynasty has ruled for decades.", ["communist"]),
        ("Communism was debated; a communist won the seat.", []),
        ("The sanctions regime on Tervia was extended.", []),
        ("The regime in Tervia jailed two reporters.", ["regime"]),
        ("Activists called for regime change.", []),
        ("The mayor caved to pressure from developers.", ["caved"]),
        ("The old mine caved after the storm.", []),
        ("Students sat mock exams in May.", []),
        ("The minister mocked his rival on Tuesday.", ["mocked"]),
        ("Radical eco-zealots blocked the quay.", ["Radical eco-zealots"]),
        ("The board made radical changes to pensions.", []),
        ("Far-right firebrand Ona Dell spoke last.", ["Far-right firebrand"]),
        ("She praised the plan effusively.", ["effusively"]),
        ("Cases of the Wuhan coronavirus rose.", ["Wuhan coronavirus"]),
        ("The coronavirus pandemic began in 2020.", []),
        ("The leader signed a so-called peace plan.", ["so-called"]),
        ("Strongmen rarely leave office.", ["Strongmen"]),
        ("The dictatorship ended in 1990.", []),
        ("The North Tervian leader left on Sunday.", []),
    ],
)
def test_compare_framing_lexicon_matches(text: str, expected: list[str]) -> None:
    assert _own(text) == expected


@pytest.mark.parametrize(
    ("text", "own", "quoted"),
    [
        ('The envoy said the plan was "a gift to the dictator" and left.', [], ["dictator"]),
        ("He accused the mayor of “scrounging around” for funds.", [], ["scrounging"]),
        ("The globalist mayor said “we are proud.”", ["globalist"], []),
    ],
)
def test_compare_framing_lexicon_quotes_apart(text: str, own: list[str], quoted: list[str]) -> None:
    mine, theirs = LEX.find(text, quotes=quote_spans(text))
    assert [m.text for m in mine] == own
    assert [m.text for m in theirs] == quoted
    assert all(m.quoted for m in theirs)


def test_compare_framing_lexicon_spans_point_into_text() -> None:
    text = "Yesterday the strongman of Tervia, a despot to many, spoke."
    own, _ = LEX.find(text)
    assert own, "expected hits"
    for m in own:
        assert text[m.start : m.end] == m.text
        assert m.why and m.category


def test_compare_framing_lexicon_neutral_alternative() -> None:
    own, _ = LEX.find("Communist dictator Varn Oskel spoke.")
    assert own[0].neutral == "leader"
    assert "dictator" in own[0].why


@pytest.mark.parametrize(
    ("term", "pos", "forms"),
    [
        ("cave", "verb", {"caves", "caved", "caving"}),
        ("slam", "verb", {"slams", "slammed", "slamming"}),
        ("mock", "verb", {"mocks", "mocked", "mocking"}),
        ("lash out", "verb", {"lashes out", "lashed out", "lashing out"}),
        ("zealot", "noun", {"zealots"}),
        ("crony", "noun", {"cronies"}),
        ("far-right", "adj", set()),
    ],
)
def test_compare_framing_lexicon_inflections(term: str, pos: str, forms: set[str]) -> None:
    assert set(inflections(term, pos)) == forms


def test_compare_framing_lexicon_user_file_extends(tmp_path: Path) -> None:
    path = tmp_path / "extra.json"
    entry = {"term": "blowhard", "pos": "noun", "category": "derogatory", "why": "insult"}
    path.write_text(json.dumps({"entries": [entry]}), encoding="utf-8")
    lex = load_lexicon(Settings(lexicon_file=path))
    own, _ = lex.find("The blowhards of Tervia and a dictator met.")
    assert [m.text for m in own] == ["blowhards", "dictator"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "cannot read lexicon"),
        ('{"entries": [{"term": "x"}]}', "lacks category, why"),
        ('{"entries": [{"term": "x", "category": "c", "why": "w", "pos": "verbish"}]}', "pos"),
        ('{"entries": 3}', "entries"),
    ],
)
def test_compare_framing_lexicon_bad_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        load_lexicon(Settings(lexicon_file=path))
    assert str(path) in str(info.value)


def test_compare_framing_lexicon_documented(repo_root: Path) -> None:
    doc = (repo_root / "docs" / "lexicon.md").read_text(encoding="utf-8")
    for entry in LEX.entries:
        assert f"| {entry.term} | {entry.pos} | {entry.category} |" in doc, entry.term


def test_compare_framing_lexicon_user_term_starting_with_punctuation(tmp_path: Path) -> None:
    path = tmp_path / "extra.json"
    entry = {"term": "#fakeoutrage", "category": "derogatory", "why": "campaign slogan"}
    path.write_text(json.dumps([entry]), encoding="utf-8")
    own, _ = load_lexicon(Settings(lexicon_file=path)).find("Fans posted #fakeoutrage all day.")
    assert [m.text for m in own] == ["#fakeoutrage"]


def test_lexicon_quote_spans_read_every_style_of_quotation_mark() -> None:
    text = (
        '“The pier is safe,” Vell said. "It is," Osk said. «Oui», said Amsel. '
        "``The ferry runs,'' said Brandt."
    )
    quoted = [text[s:e] for s, e in quote_spans(text)]
    assert quoted == ["“The pier is safe,”", '"It is,"', "«Oui»", "``The ferry runs,''"]
