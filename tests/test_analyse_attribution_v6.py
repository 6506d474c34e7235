"""Attribution rules added in v6: subjects shared by gerund and infinitive cues, notices and
places before a colon that are no speaker."""

from __future__ import annotations

from typing import Any

import pytest

from fixtures.attribution import attribution_spans


def _pairs(nlp: Any, text: str) -> list[tuple[str, str]]:
    """(source, cue) of every attribution with a source, in text order."""
    return [(s, c) for s, c, _, _ in attribution_spans(nlp, text)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "pair"),
    [
        # a gerund after a preposition the parser hangs on a noun or a verb of its own: it
        # shares its clause's subject
        (
            "Mayor Ada Brandel pivoted to arguing that the pier must close at once.",
            ("Mayor Ada Brandel", "arguing"),
        ),
        # the second of two gerunds joined by "and"
        (
            "Jon Vell answered the council by praising the harbour staff and criticizing "
            "the port authority for its delays.",
            ("Jon Vell", "criticizing"),
        ),
        # a weak cue set off from what it reports, by commas or by "as"
        ("The trouble, Vell wrote, began when the council cut the budget.", ("Vell", "wrote")),
        (
            "The old pier is rotten, as the harbour pilots point out every winter.",
            ("the harbour pilots", "point out"),
        ),
    ],
)
def test_attribution_v6_source_and_cue_found(nlp: Any, text: str, pair: tuple[str, str]) -> None:
    assert pair in _pairs(nlp, text)


@pytest.mark.slow
def test_attribution_nonfinite_cue_takes_no_subject_that_is_not_an_actor(nlp: Any) -> None:
    text = "The harbour filings are expected to show that the pier lost money again."
    assert all(source != "The harbour filings" for source, _ in _pairs(nlp, text))


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "UPDATE: The harbour office reopened the pier on Tuesday afternoon.\n",
        "Editor’s Note: An earlier version of this story misstated the pier's length.\n",
        "Vermont: Jon Vell, Ada Brandel, Mira Tolst and Oskar Lind.\n",
        "Summary: The harbour office has restored 83% of the ferry timetable.\n",
        "Background: The pier was built in 1911 and rebuilt after the storm.\n",
    ],
)
def test_attribution_notice_or_place_before_a_colon_is_no_source(nlp: Any, text: str) -> None:
    assert all(cue != ":" for _, cue in _pairs(nlp, text))


@pytest.mark.slow
def test_attribution_speaker_before_a_colon_stays(nlp: Any) -> None:
    text = "Brandel: The pier will stay closed until the repairs are done.\n"
    assert ("Brandel", ":") in _pairs(nlp, text)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "source"),
    [
        # the tokenizer keeps the closing mark and the dash as one token
        (
            "Readers wrote in.\n“The pier should have closed years ago.”― Maria Gonzalez\n"
            "“Nobody listens to the pilots.” ― Oskar Lind\n",
            "Maria Gonzalez",
        ),
        # a no-break space after the dash, and an initial in the name
        (
            "Readers wrote in.\n“The pier should have closed years ago.” ―\xa0Maria J. Gonzalez.\n"
            "“Nobody listens to the pilots.” ― Oskar Lind\n",
            "Maria J. Gonzalez",
        ),
    ],
)
def test_attribution_signed_quotation_conventions(nlp: Any, text: str, source: str) -> None:
    assert (source, "―") in _pairs(nlp, text)


@pytest.mark.slow
def test_attribution_weak_cue_without_report_stays_out(nlp: Any) -> None:
    text = "The harbour office added two new cranes to the pier last year."
    assert _pairs(nlp, text) == []


@pytest.mark.slow
def test_attribution_gerund_after_a_cue_preposition_is_the_content(nlp: Any) -> None:
    text = "Mayor Ada Brandel has called for closing the old pier before the winter storms."
    found = [(s, c, content) for s, c, content, _ in attribution_spans(nlp, text)]
    assert (
        "Mayor Ada Brandel",
        "has called for",
        "closing the old pier before the winter storms",
    ) in (found)


@pytest.mark.slow
def test_attribution_cue_set_off_before_another_report_keeps_the_words_before_it(
    nlp: Any,
) -> None:
    text = (
        "Harbour fees are checked to make sure they stay within the limits, Vell said, "
        "but the staff does not ask the pilots about their income."
    )
    found = [(s, c, content) for s, c, content, _ in attribution_spans(nlp, text)]
    assert (
        "Vell",
        "said",
        "Harbour fees are checked to make sure they stay within the limits",
    ) in found


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Jon Vell in his speech called the harbour plan a disgrace.", "Jon Vell"),
        ("The harbour master in a letter said the pier would close.", "The harbour master"),
        (
            "“I don’t know what it is going to take,” said Senate Minority Whip Jon Vell "
            "(D-Ill.) in an interview.",
            "Senate Minority Whip Jon Vell (D-Ill.)",
        ),
    ],
)
def test_attribution_source_without_the_time_or_setting_after_it(
    nlp: Any, text: str, source: str
) -> None:
    assert source in [s for s, _ in _pairs(nlp, text)]


@pytest.mark.slow
def test_attribution_source_keeps_the_time_inside_its_relative_clause(nlp: Any) -> None:
    text = (
        "“The pier is rotten,” said Jon Vell, a pilot who worked for the port in 2012. "
        "He left soon after."
    )
    assert "Jon Vell, a pilot who worked for the port in 2012" in [s for s, _ in _pairs(nlp, text)]


@pytest.mark.slow
def test_attribution_inverted_speaker_the_parser_took_for_an_object(nlp: Any) -> None:
    text = (
        "“The pier has been rotten for years and nobody in the council cares,” "
        "added a Harwick harbour pilot. “It is a disgrace.”"
    )
    assert ("a Harwick harbour pilot", "added") in _pairs(nlp, text)


@pytest.mark.slow
def test_attribution_according_to_inside_a_quotation_reports_nothing_outside_it(
    nlp: Any,
) -> None:
    text = (
        "The audit found that the harbour office holds large reserves, and the report says "
        "the office “keeps two accounts in other towns, according to its own website.”"
    )
    quoted = text.index("“")
    for source, cue, content, _ in attribution_spans(nlp, text):
        if cue == "according to":
            assert text.index(content) >= quoted, (source, content)
    assert ("the report", "says") in _pairs(nlp, text)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("In March, 40 percent said the same.", ("40 percent", "said")),
        ("Most pilots back the plan, and Jon Vell thinks so, too.", ("Jon Vell", "thinks")),
    ],
)
def test_attribution_so_and_the_same_as_content(nlp: Any, text: str, pair: tuple[str, str]) -> None:
    assert pair in _pairs(nlp, text)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Reporters read the emails released by the ministry on Friday.",
        "The pilots reviewed a bill introduced by Senator Ada Brandel last spring.",
        "He joined a group backed by the harbour union.",
    ],
)
def test_attribution_participle_of_a_public_act_is_no_report(nlp: Any, text: str) -> None:
    assert _pairs(nlp, text) == []


@pytest.mark.slow
def test_attribution_participle_of_a_stance_keeps_its_agent(nlp: Any) -> None:
    text = "The council shelved a harbour plan criticized by the pilots' union last year."
    assert ("the pilots' union", "criticized") in _pairs(nlp, text)
