"""Attribution rules added in v7: more verbs of saying, judging and feeling, views stated by
an adjective after "be", and signed quotations whose marks do not pair up."""

from __future__ import annotations

from typing import Any

import pytest

from fixtures.attribution import attribution_spans


def _pairs(nlp: Any, text: str) -> list[tuple[str, str]]:
    """(source, cue) of every attribution with a source, in text order."""
    return [(s, c) for s, c, _, _ in attribution_spans(nlp, text)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Jon Vell is confident that the pier will reopen before the summer.",
            ("Jon Vell", "is confident", "that the pier will reopen before the summer"),
        ),
        (
            "The harbour pilots' union was critical of the council's budget.",
            ("The harbour pilots' union", "was critical of", "the council's budget"),
        ),
        (
            "Mayor Ada Brandel is a staunch opponent of the harbour tax.",
            ("Mayor Ada Brandel", "is a staunch opponent of", "the harbour tax"),
        ),
        (
            "Jon Vell was hesitant to back the harbour tax.",
            ("Jon Vell", "was hesitant", "to back the harbour tax"),
        ),
        # the clause hung on "be" rather than on the adjective
        (
            "Jon Vell was adamant that the pier must close.",
            ("Jon Vell", "was adamant", "that the pier must close"),
        ),
        (
            "She was not sure whether the ferry would sail.",
            ("She", "was not sure", "whether the ferry would sail"),
        ),
    ],
)
def test_attribution_view_stated_by_an_adjective(
    nlp: Any, text: str, found: tuple[str, str, str]
) -> None:
    assert found in [(s, c, content) for s, c, content, _ in attribution_spans(nlp, text)]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # a thing is no source
        "The weather was critical of nothing, but the storm was certain to come.",
        # an adjective with nothing it is about
        "Jon Vell was happy.",
        "The weather was hesitant to clear.",
        # a side taken by a thing
        "The storm was an opponent of the fishing fleet.",
        # a speaker's own feeling inside their quotation is no report of the writer's
        "I am sure the pier will hold.",
    ],
)
def test_attribution_adjective_without_actor_or_content_is_no_report(nlp: Any, text: str) -> None:
    assert _pairs(nlp, text) == []


@pytest.mark.slow
def test_attribution_views_stated_by_an_adjective_stay_out_of_claim_sources(nlp: Any) -> None:
    from storylens.analyse.attribution import find_attributions

    doc = nlp("Jon Vell is confident that the pier will reopen before the summer.")
    views = [a for a in find_attributions(doc) if a.cue == "confident"]
    assert views and all(a.kind == "attitude" and a.stance for a in views)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "source"),
    [
        # a quotation inside the quotation: its marks do not pair up with the line's
        (
            "Readers wrote in.\n“He calls our town “a dump” and I am tired of it.” "
            "― Maria Gonzalez\n"
            "“Nobody listens to the pilots.” ― Oskar Lind\n",
            "Maria Gonzalez",
        ),
        # a line opened with the closing mark, and a name the tagger did not take for a person
        (
            "Readers wrote in.\n”Fear. I am truly afraid of the new harbour rules.” "
            "― Beck Pimentel\n"
            "“Nobody listens to the pilots.” ― Oskar Lind\n",
            "Beck Pimentel",
        ),
    ],
)
def test_attribution_signed_quotation_whose_marks_do_not_pair(
    nlp: Any, text: str, source: str
) -> None:
    assert (source, "―") in _pairs(nlp, text)


@pytest.mark.slow
def test_attribution_dash_before_words_that_are_no_name_signs_nothing(nlp: Any) -> None:
    text = "Readers wrote in.\n“The pier is rotten.” ― and nobody cares about that\n"
    assert all(cue != "―" for _, cue in _pairs(nlp, text))


@pytest.mark.slow
def test_attribution_hopes_to_is_an_attitude_of_a_named_actor(nlp: Any) -> None:
    from storylens.analyse.attribution import find_attributions

    doc = nlp("Mayor Ada Brandel hopes to reopen the pier by June.")
    found = [a for a in find_attributions(doc) if a.cue == "hope"]
    assert [doc.text[a.source_start : a.source_end] for a in found] == ["Mayor Ada Brandel"]
    assert all(a.kind == "attitude" and a.stance for a in found)
    # a thing hoping to do something is no one's attitude
    assert _pairs(nlp, "The harbour hopes to attract more ferries next summer.") == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "Harbour Pilot Jon Vell Blasts Council Over Pier Repairs.\n\nThe pilot spoke today.",
            ("Harbour Pilot Jon Vell", "Blasts"),
        ),
        (
            "Mayor Ada Brandel Finally Endorses The Harbour Tax.\n\nThe mayor spoke on Monday.",
            ("Mayor Ada Brandel", "Endorses"),
        ),
    ],
)
def test_attribution_report_in_a_title_case_first_line(
    nlp: Any, text: str, pair: tuple[str, str]
) -> None:
    assert pair in _pairs(nlp, text)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # a possessive before the word: a noun ("plans"), not a report
        "Mayor Ada Brandel’s Plans For The Old Harbour Pier.\n\nThe mayor spoke on Monday.",
        # not a title-case line
        "The mayor's new plans for the harbour pier were shown.\n\nThe mayor spoke on Monday.",
    ],
)
def test_attribution_title_case_line_without_a_report(nlp: Any, text: str) -> None:
    assert all(cue not in {"Plans", "plans"} for _, cue in _pairs(nlp, text))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Jon Vell took a stand against the harbour tax on Monday.",
            ("Jon Vell", "took a stand against", "the harbour tax"),
        ),
        (
            "Mayor Ada Brandel came out against the harbour tax.",
            ("Mayor Ada Brandel", "came out against", "the harbour tax"),
        ),
    ],
)
def test_attribution_more_phrases_that_report_a_view(
    nlp: Any, text: str, found: tuple[str, str, str]
) -> None:
    assert found in [(s, c, content) for s, c, content, _ in attribution_spans(nlp, text)]


@pytest.mark.slow
def test_attribution_what_a_named_actor_thinks_of_is_a_stance(nlp: Any) -> None:
    from storylens.analyse.attributed import chain_for
    from storylens.analyse.attribution import find_attributions

    text = "Mayor Ada Brandel fears a long winter for the harbour."
    atts = find_attributions(nlp(text))
    assert [(text[a.source_start : a.source_end], a.cue) for a in atts] == [
        ("Mayor Ada Brandel", "fear")
    ]
    # what someone fears is not a claim of theirs
    start = text.index("winter")
    assert atts[0].stance and chain_for(start, start + 6, atts) == []
    # a thing fears nothing
    assert _pairs(nlp, "The old pier fears no storm.") == []


@pytest.mark.slow
def test_attribution_casting_someone_in_a_light(nlp: Any) -> None:
    text = "Jon Vell likened the harbour tax to a toll on every fisherman."
    assert ("Jon Vell", "likened") in _pairs(nlp, text)
    text = "The harbour guide rated the new pier the best on the coast."
    assert ("The harbour guide", "rated") not in _pairs(nlp, text)  # a guide is no actor
    text = "Mayor Ada Brandel rated the new pier the best on the coast."
    assert ("Mayor Ada Brandel", "rated") in _pairs(nlp, text)
    # a thing ties nothing to anything as a report
    assert _pairs(nlp, "The rope tied the boat to the old pier.") == []


@pytest.mark.slow
def test_attribution_claim_named_by_a_noun_with_its_owner(nlp: Any) -> None:
    from storylens.analyse.attributed import chain_for
    from storylens.analyse.attribution import find_attributions

    text = "Reporters checked Jon Vell's claim that the pier had lost money for years."
    atts = find_attributions(nlp(text))
    found = [(text[a.source_start : a.source_end], a.cue) for a in atts if a.kind == "noun"]
    assert found == [("Jon Vell's", "claim")]
    # never a claim's source: the writer may be disputing it
    start = text.index("pier")
    assert chain_for(start, start + 4, atts) == []
    # an owner that is a thing, or no clause after the noun: no report
    for other in ("The pier's claim to fame is its length.", "Jon Vell's claim was heard."):
        assert all(a.kind != "noun" for a in find_attributions(nlp(other)))


def _quotes(nlp: Any, text: str) -> list[Any]:
    from storylens.analyse.quotes import find_quotes
    from storylens.types import Article

    return find_quotes(nlp(text), Article(id="a_v7", outlet="Test", text=text), [])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # no words of the speaker's: no quote
        ("The harbour office of Jon Vell did not respond to requests for comment.", None),
        ("Jon Vell, a pilot who advised Mayor Ada Brandel on the harbour, left in May.", None),
        ("The council read the memos written by Jon Vell about the harbour pier.", None),
        # a quotation next to "wrote": the quotation is the quote, not the setting
        (
            "“There is no proof at all of any of it,” Jon Vell wrote in an email to the council.",
            "There is no proof at all of any of it",
        ),
    ],
)
def test_quotes_only_words_someone_said(nlp: Any, text: str, kept: str | None) -> None:
    quotes = _quotes(nlp, text)
    if kept is None:
        assert quotes == []
    else:
        assert [kept in q.text for q in quotes] == [True]
        assert all("email" not in q.text for q in quotes)


@pytest.mark.slow
def test_attribution_sentence_opening_in_a_poll(nlp: Any) -> None:
    text = "In a harbour survey released Monday, most pilots backed the new pier."
    assert ("a harbour survey released Monday", "In") in _pairs(nlp, text)
    # an interview names its speaker in the sentence: that report is the one found
    text = "In an interview, Jon Vell said the new pier would open in June."
    assert ("Jon Vell", "said") in _pairs(nlp, text)
    assert all(cue != "In" for _, cue in _pairs(nlp, text))


@pytest.mark.slow
def test_attribution_sentence_ending_in_a_poll(nlp: Any) -> None:
    text = "Jon Vell led Ada Brandel by ten points in a Harwick poll."
    assert ("a Harwick poll", "in") in _pairs(nlp, text)
    assert _pairs(nlp, "Jon Vell held a long meeting in the harbour office.") == []


@pytest.mark.slow
def test_attribution_deed_in_a_relative_clause_about_a_person(nlp: Any) -> None:
    from storylens.analyse.attribution import find_attributions

    text = "Mayor Ada Brandel, who signed the harbour treaty, left in May."
    acts = [a for a in find_attributions(nlp(text)) if a.kind == "act"]
    assert [(text[a.source_start : a.source_end], a.source_name) for a in acts] == [
        ("who", "Ada Brandel")
    ]
    # "which" stands for a thing: no deed
    assert _pairs(nlp, "The old ferry, which signed nothing, sank in May.") == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "pair"),
    [
        # verbs of saying
        (
            "Jon Vell confessed that the harbour accounts were never audited.",
            ("Jon Vell", "confessed"),
        ),
        (
            "The harbour master speculated that the pier would close by June.",
            ("The harbour master", "speculated"),
        ),
        # verbs of judging someone, and feelings towards someone, with a named actor
        (
            "Mayor Ada Brandel lambasted the port authority for the delays.",
            ("Mayor Ada Brandel", "lambasted"),
        ),
        ("Jon Vell admires the harbour pilots for their patience.", ("Jon Vell", "admires")),
        # a record or an average "shows" what it holds
        (
            "Polling averages show Jon Vell with a lead of four points in the harbour ward.",
            ("Polling averages", "show"),
        ),
        (
            "Video of the meeting shows the mayor with her hands raised.",
            ("Video of the meeting", "shows"),
        ),
        # writing, posting or agreeing reports with a named actor as subject
        ("Jon Vell wrote a harsh reply to the council.", ("Jon Vell", "wrote")),
        # "the protesters" are people who act: a public act of theirs reports their view
        (
            "The protesters offered a plan to save the old harbour pier.",
            ("The protesters", "offered"),
        ),
        # a verb of thinking set off by "as"
        (
            "The old pier will have to close next winter, as many harbour pilots believe.",
            ("many harbour pilots", "believe"),
        ),
        # a public act in a gerund shares its clause's subject
        (
            "Mayor Ada Brandel spent the week in Harwick offering a plan to save the old pier.",
            ("Mayor Ada Brandel", "offering"),
        ),
        # acts of voting, signing and suing
        (
            "Senator Ada Brandel voted to ban fishing near the old harbour pier.",
            ("Senator Ada Brandel", "voted"),
        ),
        (
            "The harbour union sued the port authority over the pier repairs.",
            ("The harbour union", "sued"),
        ),
        # attacks in words and pleas
        (
            "Mayor Ada Brandel hammered the port authority over the delays.",
            ("Mayor Ada Brandel", "hammered"),
        ),
        (
            "The crowd chanted “Fix the pier” as Jon Vell walked to the stage.",
            ("The crowd", "chanted"),
        ),
        (
            "The harbour union unveiled a plan to rebuild the old pier.",
            ("The harbour union", "unveiled"),
        ),
        # a document reads its quotation; a law lays something down
        (
            "“The pier will close on Friday,” the harbour notice reads.",
            ("the harbour notice", "reads"),
        ),
        (
            "The harbour law requires every ferry to carry two pilots.",
            ("The harbour law", "requires"),
        ),
    ],
)
def test_attribution_v7_reports_found(nlp: Any, text: str, pair: tuple[str, str]) -> None:
    assert pair in _pairs(nlp, text)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Many pilots distrust the new harbour master.",  # "pilots" is no named actor
        "The old ferry likes the calm water of the inner harbour.",  # a thing feels nothing
        "The pilots show the tourists around the harbour every summer.",  # no evidence noun
        "The new harbour rules ask a great deal of the pilots.",  # a thing asks nothing
        "The storm offered no rest to the harbour pilots.",
        "Many harbour pilots believe in the old pier.",  # nothing set off, no clause
        "The storm spent the week in Harwick offering no rest to the harbour pilots.",
        "The tide raised questions about the pier.",
        "Jon Vell picked a table near the window.",  # choosing is no public act
        "The tide passed the old pier at noon.",
        "The storm hit the harbour on Monday night.",
        "The low tide unveiled the rotten posts of the old pier.",
        "Jon Vell reads the harbour notices every morning.",  # reading with no quotation
        "The harbour job requires a lot of patience.",  # a job lays nothing down
    ],
)
def test_attribution_v7_near_misses_report_nothing(nlp: Any, text: str) -> None:
    assert _pairs(nlp, text) == []


@pytest.mark.slow
@pytest.mark.parametrize("cue", ["promises", "said", "claims"])
def test_attribution_a_report_that_is_a_thing_does_not_take_the_sentence(
    nlp: Any, cue: str
) -> None:
    # "do what he promises": what he promises is spoken of, not his words around it
    text = (
        "Mayor Ada Brandel spoke on Friday. While her words are welcome, there is no way of "
        f"knowing whether she will do what she {cue}."
    )
    for _source, _cue, content, _ in attribution_spans(nlp, text):
        assert "welcome" not in content, content


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # a report another verb governs takes no words around it as its report
        "After the pilot was heard in an empty room, the judge ruled he can testify in court.",
        "After the pilot was heard in an empty room, the judge ruled he testified in court.",
    ],
)
def test_attribution_a_cue_another_verb_governs_takes_nothing_around_it(
    nlp: Any, text: str
) -> None:
    assert _pairs(nlp, text) == [("the judge", "ruled")]
