"""Attribution rules: quotation marks, sources, cues, contents, chains and hedges."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from storylens.analyse.attributed import chain_for
from storylens.analyse.attribution import find_attributions
from storylens.analyse.quotemarks import quote_spans


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("He said “we are ready” today.", ["“we are ready”"]),
        ('He said "we are ready" today.', ['"we are ready"']),
        ("She called it «a fine day» and left.", ["«a fine day»"]),
        ("The ‘Blue Heron’ class ferry sailed.", ["‘Blue Heron’"]),
        ("The mayor’s plan and the town’s budget.", []),
        ("“One. Two,” he said. “Three.”", ["“One. Two,”", "“Three.”"]),
        ("An unclosed “quote runs on", []),
    ],
)
def test_attribution_quote_spans(text: str, quoted: list[str]) -> None:
    assert [text[s:e] for s, e in quote_spans(text)] == quoted


@given(st.text(alphabet=st.sampled_from(list("ab .,\n'\"“”‘’«»`")), max_size=300))
@example("“a\n\n“")
@example("``a'' b")
@example("«` \n\n«")  # left open before spaces that end its paragraph
def test_attribution_quote_spans_are_ordered_and_marked(text: str) -> None:
    spans = quote_spans(text)
    for (_s1, e1), (s2, _e2) in pairwise(spans):
        assert e1 <= s2
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert text[start] in "“«‘\"'`"
        # a closing mark, or the end of a paragraph a curly quotation was left open at (the
        # spaces before the paragraph break are not the quotation's)
        assert text[end - 1] in "”»’\"'" or text[end:].lstrip(" \t").startswith("\n\n")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "source", "cue", "content"),
    [
        (
            "The harbour master said the ferry would sail at noon.",
            "harbour master",
            "say",
            "the ferry would sail at noon",
        ),
        (
            "The ferry sank near the pier, the coast guard reported.",
            "coast guard",
            "report",
            "The ferry sank near the pier",
        ),
        (
            "Mayor Tilda Osk denied that the council had sold the park.",
            "Tilda Osk",
            "deny",
            "that the council had sold the park",
        ),
        (
            "“The bridge is safe,” the engineer told reporters.",
            "engineer",
            "tell",
            "“The bridge is safe,”",
        ),
        (
            "The Lindholm Gazette listed three new ferries among the purchases.",
            "Lindholm Gazette",
            "list",
            "three new ferries among the purchases",
        ),
        (
            "The new pier, the harbour master said, will open in May.",
            "harbour master",
            "say",
            "The new pier, the harbour master said, will open in May",
        ),
        (
            "The town will build a new pier, according to the Lindholm Gazette.",
            "Lindholm Gazette",
            "according to",
            "The town will build a new pier",
        ),
    ],
)
def test_attribution_patterns(nlp: Any, text: str, source: str, cue: str, content: str) -> None:
    atts = [a for a in find_attributions(nlp(text)) if a.kind != "hedge"]
    assert len(atts) == 1
    att = atts[0]
    assert source in att.source_name
    assert att.cue == cue
    assert text[att.content_start : att.content_end] == content


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "claim_word", "chain"),
    [
        (
            "The mayor “opened the bridge,” the Gazette reported on Monday, "
            "according to a summary by the Lindholm Herald.",
            "opened",
            ["Lindholm Herald", "Gazette"],
        ),
        ("The Lindholm Gazette said the mayor opened the bridge.", "opened", ["Lindholm Gazette"]),
        ("The mayor opened the bridge on Monday.", "opened", []),
        (
            "The bridge opens on Monday, according to the notice released by the harbour office.",
            "opens",
            ["harbour office"],
        ),
        (
            "The local news agency Nordpress reported that the mayor opened the bridge.",
            "opened",
            ["Nordpress"],
        ),
    ],
)
def test_attribution_chain_nearest_first(
    nlp: Any, text: str, claim_word: str, chain: list[str]
) -> None:
    atts = find_attributions(nlp(text))
    pos = text.index(claim_word)
    names = [a.source_name for a in chain_for(pos, pos + len(claim_word), atts)]
    assert names == chain


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "hedge"),
    [
        ("The mayor reportedly opened the bridge.", "reportedly"),
        ("The ferry was allegedly overloaded.", "allegedly"),
        ("The mayor is believed to have opened the bridge.", "believe"),
        # "it seems", "it appears" with a clause opened by "as if" or "as though"
        ("It appears as if the mayor opened the bridge.", "appear"),
        ("It seems as though the ferry left early.", "seem"),
    ],
)
def test_attribution_hedges(nlp: Any, text: str, hedge: str) -> None:
    hedges = [a for a in find_attributions(nlp(text)) if a.kind == "hedge"]
    assert [a.cue for a in hedges] == [hedge]
    assert hedges[0].source_start is None


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "A search was mounted with the police, the army and the coastguard all called in to help.",
        "The regatta was called off because of the storm.",
        "The harbour board wrote off the old ferry's debts.",
    ],
)
def test_attribution_a_verb_of_saying_with_a_particle_that_says_nothing(
    nlp: Any, text: str
) -> None:
    # summoned, cancelled, cancelled a debt: no one says anything
    assert [a.cue for a in find_attributions(nlp(text)) if a.kind not in {"hedge"}] == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # "add" with a count for its object adds to a tally, whatever clause follows
        (
            "David Miller added 12 points for the Cardinals (10-3, 1-0 in the conference), "
            "who have won two in a row since a loss to Dayton on New Year's Eve.",
            [],
        ),
        ("Ada Lund added 12 points for the Gulls, who have won two in a row.", []),
        # words added: still a report
        ("Ada Lund added that the Gulls would play at home.", ["add"]),
        ("Lars Vell added two more names to the list, the harbour master said.", ["say"]),
    ],
)
def test_attribution_add_with_a_count_reports_nothing(nlp: Any, text: str, cues: list[str]) -> None:
    assert [a.cue for a in find_attributions(nlp(text)) if a.kind != "hedge"] == cues
