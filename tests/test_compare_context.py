"""A row that leans on the sentence before it is shown with that sentence."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from storylens.comparison.context import add_context, needs_context
from storylens.types import Analysis, Article, Claim

STORY = Path(__file__).parent / "stories" / "dam-pledges"


@pytest.mark.parametrize(
    ("text", "leans"),
    [
        ("Both times it backtracked.", True),
        ("He has denied having anything to do with such an effort.", True),
        ("But they said the wall could fail.", True),
        ("The same goes for the river locks.", True),
        ("In the same meeting, the mayor said the dam was safe.", True),
        ("That means the ferry will not sail.", True),
        ("Other defendants include the harbour master.", True),
        ("On the contrary, he suggested he would keep them.", True),
        ("Particularly in the mayor's case.", True),
        ("The Orsk council voted on Tuesday to repair the dam.", False),
        ("Mayor Lena Brandt said the work would start in March.", False),
        # a quotation's pronouns are the speaker's
        ("“They lied to us,” Brandt said.", False),
        ("Theresa Lund, the engineer, said the wall held.", False),
        # ... unless the speaker is only "he" or "she": who speaks is in the sentence before
        ("“They lied to us,” she said.", True),
        ("The goal, he said, is a safe dam.", True),
        # a clause hung on a pronoun, a pointer after its comma, "the first", "did this"
        ("If they pass the inspection, the locks will reopen.", True),
        ("That, of course, was not the council's position.", True),
        ("The first would raise the wall and the second would widen the spillway.", True),
        ("The council did this twice in a decade.", True),
        ("The first time the dam flooded was in 1998.", False),
        # a speaker's own words with no tag: who "we" are is said before
        ("We allowed the ferries to sail again.", True),
        ("“I never saw the report.”", True),
        ("“We allowed the ferries to sail,” Brandt said.", False),
        # a quotation told as one of a list, with no one named: whose question is it?
        ("“Who signed the pier contract?” goes another.", True),
        ('"When did you learn of the leak?" another asks.', True),
        ("“Why did the ferry sail?” asks the harbour master.", False),
        ("Brandt said he did not think the pier would open.", False),
        # a quotation with no tag that opens on "he", "it" or "his": whose visit, who speaks?
        ('"His visit would have been met by protests at the pier."', True),
        ("“It will be a great day for the harbour.”", True),
        ("“His visit would have been met by protests,” Brandt said.", False),
        # ... also after a leading "And" or "But" (left out of the row: "we will …")
        ('"And he does not care about the pier."', True),
        ('we will be talking about the pier."', True),
        ("Irma Lund opened the pier.", False),
        ("If the river rises, the locks will close.", False),
        # a thing named by a word that points back: which plans, which talks?
        ("Mayor Lund dashed those plans after the vote.", True),
        ("Ferry fares will likely be tied to that broader negotiation.", True),
        ("The council said these measures would cost too much.", True),
        # ... but not a time, a size or "those involved"
        ("The locks have been busy these days.", False),
        ("A flood of that size has not been seen in Orsk.", False),
        ("The council said those involved would be fined.", False),
        # a pronoun subject after an opening phrase, unless the phrase names who it is
        ("Shortly after hearing about it, he closed the pier.", True),
        ("In April 2024, she was elected mayor of Orsk.", True),
        ("Although Mayor Lund had urged the council to wait, she signed the order.", False),
        ("On Monday, the council closed the pier.", False),
        # a thing named by "such": which sites, which plans? (not "such as")
        # some of the things or people named before: two of which, each of those?
        ("While two of them got away, the patrol boat stopped the rest.", True),
        ("The harbour master said each of those ferries was late.", True),
        ("One of the ferries was late.", False),
        # ... and "this" after "through": which sea lane?
        ("Most of the town's trade passes through this busy sea lane.", True),
        ("The 2015 accord provides no exemption for such sites.", True),
        ("The mayor was preparing to formally announce such plans.", True),
        ("Ports such as Orsk were exempt.", False),
        ("The show came in behind such dramas as the harbour news.", False),
    ],
)
def test_context_a_row_leans_back_on_a_pronoun_or_a_word_that_points_back(
    text: str, leans: bool
) -> None:
    assert needs_context(text) is leans


def test_context_is_the_exact_sentence_before_the_wording() -> None:
    text = "The council pledged twice before to rebuild the dam.  Both times it backtracked."
    first_end = text.index(".") + 1
    second = text.index("Both")
    article = Article(id="a", outlet="Orsk Courier", text=text)
    claims = [
        Claim("a:s0", "a", 0, first_end, text[:first_end], sentence=0),
        Claim("a:s1", "a", second, len(text), text[second:], sentence=1),
    ]
    analysis = Analysis(
        article=article, claims=claims, sentences=[(0, first_end + 1), (second, len(text))]
    )
    groups: list[dict[str, Any]] = [
        {"id": "g0", "claims": ["a:s0"], "text": claims[0].text},
        {"id": "g1", "claims": ["a:s1"], "text": claims[1].text},
    ]
    add_context(groups, [analysis])
    assert "context" not in groups[0]
    context = groups[1]["context"]
    assert context["text"] == text[:first_end]
    assert text[context["start"] : context["end"]] == context["text"]
    assert (context["claim"], context["article"]) == ("a:s1", "a")


def test_context_leaves_out_a_quotation_mark_closing_the_paragraph_before() -> None:
    # the sentence before is a lone closing mark and the paragraph after it: the context is
    # that paragraph, and its span is still exact
    text = (
        'The pier will hold for a century, Lund said.\n\n"\n\nThe council met in March.'
        "\n\nThat was a mistake."
    )
    spans, at = [], 0
    for piece in (
        "The pier will hold for a century, Lund said.",
        '"\n\nThe council met in March.',
        "That was a mistake.",
    ):
        at = text.index(piece, at)
        spans.append((at, at + len(piece)))
        at += len(piece)
    article = Article(id="a", outlet="Orsk Courier", text=text)
    claims = [Claim("a:s2", "a", *spans[2], text[slice(*spans[2])], sentence=2)]
    analysis = Analysis(article=article, claims=claims, sentences=spans)
    groups: list[dict[str, Any]] = [{"id": "g", "claims": ["a:s2"], "text": claims[0].text}]
    add_context(groups, [analysis])
    context = groups[0]["context"]
    assert context["text"] == "The council met in March."
    assert text[context["start"] : context["end"]] == context["text"]


def test_context_goes_back_past_a_sentence_that_leans_back_itself() -> None:
    sentences = [
        "Mayor Lena Brandt promised on Monday to rebuild the Orsk dam by spring.",
        "“We will not wait,” she said.",
        "“It is done when it is done,” she added.",
    ]
    text = " ".join(sentences)
    spans, at = [], 0
    for sentence in sentences:
        spans.append((at, at + len(sentence)))
        at += len(sentence) + 1
    article = Article(id="a", outlet="Orsk Courier", text=text)
    claims = [Claim(f"a:s{k}", "a", *spans[k], sentences[k], sentence=k) for k in range(3)]
    analysis = Analysis(article=article, claims=claims, sentences=spans)
    groups: list[dict[str, Any]] = [{"id": "g2", "claims": ["a:s2"], "text": sentences[2]}]
    add_context(groups, [analysis])
    context = groups[0]["context"]
    # the sentence before is one more pronoun's quotation: the one naming Brandt comes too
    assert context["text"] == " ".join(sentences[:2])
    assert text[context["start"] : context["end"]] == context["text"]


@pytest.mark.slow
def test_context_is_shown_beside_the_rows_that_lean_on_it(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    out, md = tmp_path / "report.json", tmp_path / "report.md"
    result = cli("compare", str(STORY), "--json", str(out), "--md", str(md), "--quiet")
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    texts = {a["id"]: a["text"] for a in report["articles"]}
    leaning = {}
    for group in report["claim_groups"]:
        wording = (group.get("shared") or {}).get("text") or group["text"]
        if "context" in group:
            context = group["context"]
            assert texts[context["article"]][context["start"] : context["end"]] == context["text"]
            leaning[wording] = context["text"]
        else:
            assert not needs_context(wording), wording
    assert leaning["Both times it backtracked."].startswith("The council pledged twice before")
    shown = md.read_text(encoding="utf-8")
    assert "Both times it backtracked.<br>after: “The council pledged twice before" in shown
