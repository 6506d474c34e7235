"""Framing beyond the lexicon, on fictional articles: each kind of cue found, neutral uses not."""

from __future__ import annotations

from typing import Any

import pytest

from storylens.comparison.framing import analyse_framing, find_loaded, story_baselines
from storylens.comparison.framing_cues import find_cues
from storylens.comparison.lexicon import load_lexicon, quote_spans
from storylens.types import Analysis, Article

LEX = load_lexicon()


def _own(text: str) -> list[str]:
    own, _ = find_loaded(text, LEX, quotes=quote_spans(text))
    return [h.text for h in own]


def _categories(text: str) -> dict[str, str]:
    own, _ = find_loaded(text, LEX, quotes=quote_spans(text))
    return {h.text: h.category for h in own}


@pytest.mark.parametrize(
    ("text", "word", "category"),
    [
        ("The governor greeted her adoring fans in Velm.", "adoring", "intensifier"),
        ("It was a thinly-veiled attack on the harbour board.", "thinly-veiled", "intensifier"),
        ("Councillors cast a historic vote on the canal.", "historic", "intensifier"),
        ("The mayor gave a cowardly answer to the dockers.", "cowardly", "derogatory"),
        ("The minister gave a brilliant speech in Velm.", "brilliant", "evaluative"),
        ("The council made a foolish choice on Monday.", "foolish", "evaluative"),
        ("Rival councillors seized on the report within hours.", "seized on", "loaded_verb"),
        ("The mayor was peppered with questions about the canal.", "peppered", "loaded_verb"),
        ("The board coerced the tenants into leaving.", "coerced", "loaded_verb"),
        ("The union caved to pressure from the owners.", "caved", "loaded_verb"),
        ("The fees rose by an extremely large amount.", "extremely", "intensifier"),
        ("Farmers faced a staggering bill for the water.", "staggering", "intensifier"),
    ],
)
def test_compare_framing_cues_found_in_narration(text: str, word: str, category: str) -> None:
    found = _categories(text)
    assert found.get(word) == category, found


@pytest.mark.parametrize(
    "text",
    [
        "The council approved the budget on Monday after a short debate.",
        "Police charged two men with theft at the harbour.",
        "Workers restored the historic buildings near the square.",
        "The treaty set up a sanctions regime for the strait.",
        # a rated word inside the name of a thing judges nothing
        "A federal grand jury indicted the two ferry captains in Velm.",
        "The port signed a free trade pact with Orsk.",
        # what obituaries, rescues and sport report as plain fact
        "The skipper was still alive when the lifeboat reached him.",
        "The friends of the skipper waited at the quay for news.",
        "The striker was suspended for four games after the brawl.",
    ],
)
def test_compare_framing_cues_plain_report_not_flagged(text: str) -> None:
    assert _own(text) == []


def test_compare_framing_cues_landmark_decision_is_loaded_word_not_label() -> None:
    # the adjective judges the decision; it is flagged as the outlet's word choice
    assert "landmark" in _own("The court ruled in a landmark decision that the canal was public.")


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Couples will pay the so-called marriage penalty from May.", []),
        ("Councils joined the so-called sanctuary cities last year.", []),
        ("The so-called experts were wrong again.", ["so-called", "wrong"]),
        ("She signed a so-called peace plan.", ["so-called"]),
    ],
)
def test_compare_framing_cues_so_called(text: str, flagged: list[str]) -> None:
    assert _own(text) == flagged


def test_compare_framing_cues_quoted_words_are_the_speakers() -> None:
    text = 'The mayor said the plan was "a disastrous, shameful waste" of money.'
    own, quoted = find_loaded(text, LEX, quotes=quote_spans(text))
    assert own == []
    assert {"disastrous", "shameful", "waste"} <= {h.text for h in quoted}


def test_compare_framing_cues_scare_quotes() -> None:
    text = "The council approved the same-sex 'marriage' rules on Tuesday."
    own, _ = find_cues(text, quotes=quote_spans(text))
    assert [(c.text, c.category) for c in own] == [("'marriage'", "scare_quote")]
    assert own[0].neutral == "marriage"


@pytest.mark.parametrize(
    "text",
    [
        "The mayor called the plan 'reckless' on Tuesday.",  # attributed: the mayor's word
        "Fans sang 'Harbour Lights' at the match.",  # a title
        "The dockers' union met on Monday.",  # an apostrophe, not a quotation
        # the speaker's word, though "U.S." has a full stop between them
        'The mayor warned the U.S. there would be "grave" damage to the harbour.',
    ],
)
def test_compare_framing_cues_no_scare_quote(text: str) -> None:
    own, _ = find_cues(text, quotes=quote_spans(text))
    assert [c for c in own if c.category == "scare_quote"] == []


def _story(texts: dict[str, str]) -> dict[str, dict[str, Any]]:
    analyses = [
        Analysis(article=Article(id=f"a{i}", outlet=outlet, text=text))
        for i, (outlet, text) in enumerate(texts.items())
    ]
    return {r["outlet"]: r for r in analyse_framing(analyses, [])}


def test_compare_framing_cues_label_choice_against_other_outlets() -> None:
    records = _story(
        {
            "Velm Courier": "The ruling lets homosexual couples adopt children in Velm.",
            "Harbour Post": "The ruling lets same-sex couples adopt children in Velm.",
            "Daily Strait": "Under the ruling, same-sex couples may adopt in Velm.",
        }
    )
    courier = records["Velm Courier"]["loaded_terms"]
    labels = [t for t in courier if t["category"] == "label_choice"]
    assert [t["text"] for t in labels] == ["homosexual couples"]
    assert labels[0]["neutral_alternative"] == "same-sex couples"
    assert "same-sex couples" in labels[0]["why"]
    for other in ("Harbour Post", "Daily Strait"):
        assert not [t for t in records[other]["loaded_terms"] if t["category"] == "label_choice"]


def test_compare_framing_cues_shared_word_is_the_story_not_a_choice() -> None:
    # every outlet calls the storm brutal: in narration that is the story, not one outlet's slant
    texts = {
        "Velm Courier": "A brutal storm hit the coast on Monday.",
        "Harbour Post": "The brutal storm closed the port.",
    }
    bases = story_baselines({o: [(t, quote_spans(t))] for o, t in texts.items()})
    for outlet, text in texts.items():
        own, _ = find_cues(text, quotes=quote_spans(text), baseline=bases[outlet])
        assert [c.text for c in own] == []
    alone, _ = find_cues(texts["Velm Courier"], quotes=())
    assert [c.text for c in alone] == ["brutal"]


def test_compare_framing_cues_names_never_flagged() -> None:
    text = "Lucky Varn met the Brave Hearts Club in Velm."
    own, _ = find_cues(text, quotes=(), names=[(0, 10), (15, 32)])
    assert own == []


def test_compare_framing_cues_every_hit_explained() -> None:
    text = (
        "The adoring crowd cheered as the mayor gave a brilliant, thinly-veiled speech and "
        "rivals seized on it. Critics called the 'reform' a 'sham'."
    )
    own, quoted = find_loaded(text, LEX, quotes=quote_spans(text))
    assert own
    for hit in [*own, *quoted]:
        assert text[hit.start : hit.end] == hit.text
        assert len(hit.why.split()) >= 4
        assert 0 < hit.strength <= 1


def test_compare_framing_cues_word_classes_from_the_analysis_model() -> None:
    from storylens.comparison.framing_words import POS_MODEL_PACKAGE, can_be, is_modifier
    from storylens.models.nlp import MODEL_NAME

    assert POS_MODEL_PACKAGE == MODEL_NAME
    assert can_be("geese", "noun") and can_be("ran", "verb") and can_be("quickly", "adv")
    assert is_modifier("historic") and not is_modifier("threatened")


def test_compare_framing_cues_a_rated_word_outside_a_fixed_term_still_counts() -> None:
    assert _own("The mayor unveiled a grand plan for the harbour.") == ["grand"]


@pytest.mark.parametrize(
    ("courier", "post"),
    [
        # a superlative or comparative of a plain size word
        ("Tarn is the biggest island in the bay.", "Tarn is the largest island in the bay."),
        ("Tarn is the barren island in the bay.", "Tarn is the largest island in the bay."),
        # a compass direction
        (
            "The storm hit the southeastern city of Velm.",
            "The storm hit the northern city of Velm.",
        ),
        # an ordinal
        ("Halas won in the fourth round.", "Halas won in the fifth round."),
        ("It was his first-ever win at home.", "It was his double-digit win at home."),
    ],
)
def test_compare_framing_cues_a_descriptive_modifier_is_no_label_choice(
    courier: str, post: str
) -> None:
    records = _story({"Velm Courier": courier, "Harbour Post": post})
    for record in records.values():
        assert not [t for t in record["loaded_terms"] if t["category"] == "label_choice"]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The harbour master praised the ferry crews after the gale.", "praised"),
        ("The council had betrayed the dockers over the canal.", "betrayed"),
        ("The mayor thanked the pilots for their bravery in the strait.", "bravery"),
    ],
)
def test_compare_framing_cues_strongly_rated_noun_or_verb_in_narration(
    text: str, word: str
) -> None:
    own, _ = find_cues(text, quotes=quote_spans(text))
    found = {c.text: c for c in own}
    assert word in found, found
    assert found[word].category == "evaluative"
    # no neutral word stands in for a noun or verb; the record says what word it is, so a
    # summary keeps it as written (see the summary's loaded-word edits)
    assert found[word].neutral == ""
    record = found[word].to_dict("a1")
    assert record["part_of_speech"] in {"noun", "verb"}
    assert record["neutral_alternative"] == ""


@pytest.mark.parametrize(
    "text",
    [
        # rated, but only mildly: the report itself
        "The union put pressure on the owners of the ferry line.",
        "Councillors welcomed the plan for the canal.",
        # rated only as chat shorthand ("have a nice day", "what the hell")
        "The ferry company will hand the keys to the council.",
        "The port signed a pact wth the council.",
    ],
)
def test_compare_framing_cues_mildly_rated_noun_or_verb_not_flagged(text: str) -> None:
    own, _ = find_cues(text, quotes=quote_spans(text))
    assert own == []


def test_compare_framing_cues_strong_verb_every_outlet_uses_is_the_story() -> None:
    texts = {
        "Velm Courier": "Rebels destroyed the bridge at Orsk on Monday.",
        "Harbour Post": "The bridge at Orsk was destroyed overnight.",
    }
    bases = story_baselines({o: [(t, quote_spans(t))] for o, t in texts.items()})
    for outlet, text in texts.items():
        own, _ = find_cues(text, quotes=quote_spans(text), baseline=bases[outlet])
        assert own == []
