"""A summary sentence's leading "He" or "She" told as the person it stands for."""

from __future__ import annotations

from storylens.comparison.lexicon import load_lexicon
from storylens.comparison.summary_rewrite import Context, named_subject
from storylens.types import Article, Claim, Entity

HOME = (
    "Mayor Irma Lund opened the pier. Lund thanked the builders. "
    "Captain Olav Brenn spoke next. She cut the ribbon."
)
OTHER = "The pier opened. Irma Lund cut the ribbon in front of a crowd."
VAGUE = "The pier opened. The mayor cut the ribbon in front of a crowd."


def _context(other: str) -> tuple[Context, Claim, Claim]:
    articles = [Article(id="a", outlet="A", text=HOME), Article(id="b", outlet="B", text=other)]
    spans = [("a", HOME, "Irma Lund"), ("a", HOME, "Lund"), ("a", HOME, "Olav Brenn")]
    spans += [("b", other, "Irma Lund")] if "Irma Lund" in other else []
    mentions: dict[str, list[dict[str, object]]] = {"Irma Lund": [], "Olav Brenn": []}
    for article, text, name in spans:
        entity = "Olav Brenn" if "Brenn" in name else "Irma Lund"
        start = text.index(name)
        mentions[entity].append({"article": article, "start": start, "end": start + len(name)})
    entities = [
        Entity(id=f"e{n}", name=name, type="PERSON", mentions=found)
        for n, (name, found) in enumerate(mentions.items())
    ]
    at = HOME.index("She")
    home = Claim("a:s3", "a", at, len(HOME), HOME[at:])
    at = other.index(". ") + 2
    backer = Claim("b:s1", "b", at, len(other), other[at:])
    ctx = Context([home, backer], [], entities, articles, load_lexicon())
    return ctx, home, backer


def test_summary_a_leading_pronoun_names_the_person_every_backer_names() -> None:
    ctx, home, backer = _context(OTHER)
    assert named_subject(home.text, home, [home, backer], ctx) == "Irma Lund cut the ribbon."


def test_summary_a_leading_pronoun_stays_when_a_backer_does_not_name_the_person() -> None:
    # the other outlet says "the mayor": its own article names no one, so nothing confirms
    # which person "She" is, and the sentence is left as written
    ctx, home, backer = _context(VAGUE)
    assert named_subject(home.text, home, [home, backer], ctx) == "She cut the ribbon."
    # one outlet alone confirms nothing either
    assert named_subject(home.text, home, [home], ctx) == "She cut the ribbon."


def _sentence(text: str, claim_text: str) -> str:
    from storylens.comparison.summary_rewrite import sentence_text

    article = Article(id="a", outlet="A", text=text)
    at = text.index(claim_text)
    claim = Claim("a:s1", "a", at, at + len(claim_text), claim_text)
    ctx = Context([claim], [], [], [article], load_lexicon())
    return sentence_text(claim, ctx)[0]


def test_summary_a_sentence_told_alone_drops_the_connective_that_tied_it_to_the_last() -> None:
    story = "The ferry was late. {} the harbour office said the crane had failed."
    claim = "the harbour office said the crane had failed."
    for opening in ("Meanwhile,", "In fact,", "Then again,", "On the other hand,"):
        assert _sentence(story.format(opening), claim) == (
            "The harbour office said the crane had failed."
        )
    # a time is kept: it may be all a reader learns of when it happened
    assert _sentence(story.format("Yesterday,"), claim) == (
        "Yesterday, the harbour office said the crane had failed."
    )
    # a word that is no connective with a comma after it stays too
    story = "The ferry was late. Oslo, the harbour office said, had no crane."
    assert _sentence(story, "the harbour office said") == story.split(". ", 1)[1]
