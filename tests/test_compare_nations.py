"""A nationality word or a capital is compared as its country (comparison/nations.py)."""

from __future__ import annotations

import pytest

from storylens.comparison.align import claim_views
from storylens.comparison.nations import country_of, nation_ids
from storylens.types import Analysis, Article, Claim, Mention


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("Russian", "russia"),
        ("North Korean", "north korea"),
        ("Iranian", "iran"),
        ("Ukrainian", "ukraine"),
        ("Canadian", "canada"),
        ("Italian", "italy"),
        ("Israeli", "israel"),
        ("Mexican", "mexico"),
        ("Chinese", "china"),
        ("Lebanese", "lebanon"),
        ("German", "germany"),
        ("French", "france"),
        ("Americans", "united states"),
        ("Moscow", "russia"),
        ("Pyongyang", "north korea"),
        ("the United States", "united states"),
    ],
)
def test_country_of_reads_nationalities_and_capitals(word: str, country: str) -> None:
    assert country_of(word) == country


@pytest.mark.parametrize("word", ["Korean", "Christian", "Texan", "Roman", "Republican", ""])
def test_country_of_leaves_other_words(word: str) -> None:
    assert country_of(word) == ""


def _mention(article: str, text: str, at: int, label: str, entity: str) -> Mention:
    return Mention(article, at, at + len(text), text, label, entity)


def test_nation_ids_compare_a_demonym_and_a_capital_as_the_named_country() -> None:
    mentions = [
        _mention("a", "Russia", 0, "GPE", "e_russia"),
        _mention("b", "Moscow", 0, "GPE", "e_moscow"),
        _mention("b", "North Korean", 20, "NORP", "e_north-korean"),
        _mention("c", "Vladivostok", 0, "GPE", "e_vladivostok"),
        _mention("c", "Kim", 20, "PERSON", "e_kim"),
    ]
    ids = nation_ids(mentions)
    # the story names Russia: Moscow is compared as that entity; North Korea it never
    # names, so the demonym gets a key of the country's name
    assert ids == {"e_moscow": "e_russia", "e_north-korean": "country:north korea"}


def test_claims_naming_one_country_three_ways_share_their_participants() -> None:
    texts = {
        "a": "Russia is seeking to buy weapons from North Korea.",
        "b": "Moscow is believed to want North Korean ammunition.",
    }
    names = {
        "a": [("Russia", "GPE", "e_russia"), ("North Korea", "GPE", "e_north-korea")],
        "b": [("Moscow", "GPE", "e_moscow"), ("North Korean", "NORP", "e_north-korean")],
    }
    analyses = []
    for key, text in texts.items():
        art = Article(id=key, outlet=f"outlet {key}", title="", text=text)
        claim = Claim(id=f"{key}:s0", article=key, start=0, end=len(text), text=text)
        mentions = [
            _mention(key, name, text.index(name), label, entity)
            for name, label, entity in names[key]
        ]
        analyses.append(Analysis(article=art, claims=[claim], mentions=mentions))
    views = claim_views(analyses, {"a": "A", "b": "B"}, {"a": "a", "b": "b"})
    assert views[0].entities == views[1].entities == {"e_russia", "e_north-korea"}
