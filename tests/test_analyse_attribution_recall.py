"""Attribution recall on news conventions: mixed quotation marks, quotations whose marks the
parser hangs elsewhere, and the other patterns of the v5 rules."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from fixtures.attribution import attribution_spans
from storylens.analyse.attribution import find_attributions
from storylens.analyse.quotemarks import quote_spans
from storylens.analyse.sourcephrase import adjacent_speaker, source_edges, source_tokens
from storylens.eval.attribution import predicted_spans


def _spans(nlp: Any, text: str) -> list[tuple[str, str, str]]:
    """(source, cue, content) of every attribution with a source, in text order."""
    return [span[:3] for span in attribution_spans(nlp, text)]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('“The dock is closed," Vell said.', '“The dock is closed,"'),
        ('"The dock is closed,” Vell said.', '"The dock is closed,”'),
        ("“The dock is closed,” Vell said.", "“The dock is closed,”"),
    ],
)
def test_quotemarks_mixed_styles_close(text: str, quoted: str) -> None:
    assert [text[s:e] for s, e in quote_spans(text)] == [quoted]


def test_quotemarks_quotation_going_on_over_paragraphs() -> None:
    text = "Vell said. “The pier is old. It is unsafe.\n\n“We will build a new one,” he said."
    spans = [text[s:e] for s, e in quote_spans(text)]
    assert spans == ["“The pier is old. It is unsafe.", "“We will build a new one,”"]


def test_quotemarks_unclosed_quotation_inside_a_paragraph_is_none() -> None:
    text = "Vell said “the pier is old and “unsafe” for all.\n\nThe end."
    assert [text[s:e] for s, e in quote_spans(text)] == ["“unsafe”"]


def test_quotemarks_straight_opening_mark_does_not_close_curly() -> None:
    text = '“We will see about the "plan" later,” Vell said.'
    assert [text[s:e] for s, e in quote_spans(text)] == [text[: text.index("”") + 1]]


@pytest.mark.slow
def test_attribution_continued_takes_the_quotation_before_it(nlp: Any) -> None:
    text = (
        "“We need a new pier,” Mayor Ada Brandel told the council.\n\n"
        "“The old one is rotten through and through,” Brandel continued.\n\n"
    )
    assert (
        "Brandel",
        "continued",
        "“The old one is rotten through and through,”",
    ) in _spans(nlp, text)


@pytest.mark.slow
def test_attribution_mixed_marks_keep_the_report(nlp: Any) -> None:
    text = '“I heard parts of the mayor’s speech," Councillor Jon Vell said at the harbour.\n'
    found = _spans(nlp, text)
    assert found and found[0][:2] == ("Councillor Jon Vell", "said")
    assert found[0][2].startswith("“I heard parts")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "source"),
    [
        # a list number or heading on the line before is not part of the source
        (
            "Quotes of the week\n3\nMayor Ada Brandel said the pier would reopen soon.",
            "Mayor Ada Brandel",
        ),
        # "only" before a quantity belongs to it
        (
            "Only 40 percent of the harbour workers said the pier was safe.",
            "Only 40 percent of the harbour workers",
        ),
        # an age and the description after it say who the source is
        (
            "Jon Vell, 53, a harbour pilot from Harwick, said the pier was unsafe.",
            "Jon Vell, 53, a harbour pilot from Harwick",
        ),
        # the closing mark of a title the source phrase opens
        (
            "Jon Vell, host of the radio show “Harbour Talk,” said the pier was unsafe.",
            "Jon Vell, host of the radio show “Harbour Talk,”",
        ),
    ],
)
def test_attribution_source_edges(nlp: Any, text: str, source: str) -> None:
    assert source in [s for s, _, _ in _spans(nlp, text)]


@pytest.mark.slow
def test_attribution_quotation_cut_by_the_sentence_splitter(nlp: Any) -> None:
    text = (
        "“I asked the council to act. I have asked it since the flood [in 2019],” "
        "Mayor Ada Brandel explains.\n\n"
    )
    found = _spans(nlp, text)
    assert ("Mayor Ada Brandel", "explains") in [(s, c) for s, c, _ in found]
    assert any(content.endswith("[in 2019],”") for _, _, content in found)


def _parsed(
    words: list[str],
    heads: list[int],
    deps: list[str],
    tags: list[str],
    lemmas: list[str] | None = None,
) -> Doc:
    """A doc with a given (wrong) parse, as the parser sometimes returns it."""
    pos = {"VBD": "VERB", "VBZ": "VERB", "NNP": "PROPN", "NN": "NOUN", "IN": "ADP", ",": "PUNCT"}
    pos |= {"''": "PUNCT", "``": "PUNCT", "DT": "DET", ".": "PUNCT", "JJ": "ADJ"}
    pos |= {"RB": "ADV", "CD": "NUM"}
    ents = [
        "B-PERSON" if w[:1].isupper() and t == "NNP" else "O"
        for w, t in zip(words, tags, strict=True)
    ]
    ents = [
        "I-PERSON" if e == "B-PERSON" and k and ents[k - 1] != "O" else e
        for k, e in enumerate(ents)
    ]
    return Doc(
        Vocab(),
        words=words,
        heads=heads,
        deps=deps,
        tags=tags,
        pos=[pos[t] for t in tags],
        ents=ents,
        lemmas=lemmas or [w.lower() for w in words],
    )


def test_speaker_after_a_quotation_the_parser_lost() -> None:
    # “Fine,” said Jon Vell: the parser made Vell the subject of a later clause
    words = ["“", "Fine", ",", "”", "said", "Jon", "Vell", ",", "the", "mayor", "."]
    heads = [4, 4, 4, 4, 4, 6, 4, 6, 9, 6, 4]
    deps = ["punct", "ccomp", "punct", "punct", "ROOT", "compound", "dep", "punct", "det"]
    deps += ["appos", "punct"]
    tags = ["``", "JJ", ",", "''", "VBD", "NNP", "NNP", ",", "DT", "NN", "."]
    doc = _parsed(words, heads, deps, tags)
    speaker = adjacent_speaker(doc[4])
    assert speaker is not None and speaker.text == "Vell"


def test_speaker_before_an_aside_the_parser_lost() -> None:
    # Vell, in Harwick, said ...: the parser hung Vell on an earlier word
    words = ["Vell", ",", "in", "Harwick", ",", "said", "it", "."]
    heads = [0, 0, 0, 2, 5, 5, 5, 5]
    deps = ["dep", "punct", "prep", "pobj", "punct", "ROOT", "dobj", "punct"]
    tags = ["NNP", ",", "IN", "NNP", ",", "VBD", "NN", "."]
    doc = _parsed(words, heads, deps, tags)
    speaker = adjacent_speaker(doc[5])
    assert speaker is not None and speaker.text == "Vell"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Richards and Menendez both said the pier was unsafe.", "Richards and Menendez"),
        (
            "Some engineers - including the harbour's own staff - said the pier was unsafe.",
            "Some engineers - including the harbour's own staff -",
        ),
        ("Of the harbour workers, 42% said the pier was unsafe.", "42%"),
    ],
)
def test_attribution_source_marks_and_quantifiers(nlp: Any, text: str, source: str) -> None:
    assert source in [s for s, _, _ in _spans(nlp, text)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Asked whether the storm had worried him, Vell said, “Sure. Everybody saw it.”\n\n",
            ("Vell", "said", "“Sure. Everybody saw it.”"),
        ),
        (
            "The mayor was asked who would win.\n\n“Harwick,” she answered.\n\n",
            ("she", "answered", "“Harwick,”"),
        ),
    ],
)
def test_attribution_quotation_beside_the_cue(
    nlp: Any, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _spans(nlp, text)


@pytest.mark.slow
def test_attribution_act_cue_with_a_role_noun_as_actor(nlp: Any) -> None:
    text = "The governor offered a plan to rebuild the pier."
    assert ("The governor", "offered", "a plan to rebuild the pier") in _spans(nlp, text)


@pytest.mark.slow
def test_attribution_asked_by_a_named_asker(nlp: Any) -> None:
    text = "Asked by Jon Vell whether the pier was safe, the mayor said it was."
    assert ("Jon Vell", "Asked") in [(s, c) for s, c, _ in _spans(nlp, text)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The talk went on.\n\nJON VELL: The pier has been unsafe for years.\n", "JON VELL"),
        (
            "According to early results of the harbour survey conducted for the council by "
            "Ostby Research, majorities of pilots in all five towns want a new pier.",
            "early results of the harbour survey conducted for the council by Ostby Research",
        ),
    ],
)
def test_attribution_transcript_and_according_sources(nlp: Any, text: str, source: str) -> None:
    assert source in [s for s, _, _ in _spans(nlp, text)]


@pytest.mark.slow
def test_attribution_relative_word_opens_the_scored_content(nlp: Any) -> None:
    text = "The council backed the new pier, which Mayor Ada Brandel said was long overdue."
    found = find_attributions(nlp(text))
    said = next(a for a in found if text[a.cue_start : a.cue_end] == "said")
    assert text[said.content_start : said.content_end] == "was long overdue"
    assert text[said.gap_start : said.content_end].startswith("which Mayor")
    spans = predicted_spans(found, text)
    assert (text.index("which"), said.content_end) in spans["content"]


@pytest.mark.slow
def test_attribution_content_without_a_dangling_connective(nlp: Any) -> None:
    text = "Vell is honest and trustworthy, and the council said so in May."
    assert ("the council", "said", "Vell is honest and trustworthy") in _spans(nlp, text)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # both sides of a cue set off by commas, one word before it included
        (
            "Pilots, Vell noted, want a new pier before the winter storms.",
            ("Vell", "noted", "Pilots, Vell noted, want a new pier before the winter storms"),
        ),
        # the conjunction that opens the words before the cue
        (
            "If the pier fails, Vell said, the harbour will close for a year.",
            ("Vell", "said", "If the pier fails, Vell said, the harbour will close for a year"),
        ),
        # who is called on belongs to what is called for
        (
            "The mayor called on the council to rebuild the pier by May.",
            ("The mayor", "called on", "the council to rebuild the pier by May"),
        ),
        # a clause of purpose the parser hangs on the verb of saying is still what was said
        (
            "Transport Secretary Jon Vell said late Friday that tolls on trucks from Velm and "
            "other towns are necessary so trucks from those towns don't simply replace Orvel "
            "trucks.",
            (
                "Transport Secretary Jon Vell",
                "said",
                "that tolls on trucks from Velm and other towns are necessary so trucks from "
                "those towns don't simply replace Orvel trucks",
            ),
        ),
    ],
)
def test_attribution_content_edges(nlp: Any, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _spans(nlp, text)


@pytest.mark.slow
def test_attribution_name_after_a_noun_that_is_no_source(nlp: Any) -> None:
    text = "The pier is something Vell says is unsafe."
    assert "Vell" in [s for s, _, _ in _spans(nlp, text)]


@pytest.mark.slow
def test_attribution_content_without_a_trailing_apposition(nlp: Any) -> None:
    text = "Vell said that the council had approved the Harbour Act, the law that closed the pier."
    assert ("Vell", "said", "that the council had approved the Harbour Act") in _spans(nlp, text)


@pytest.mark.parametrize(
    ("words", "spaces", "kept"),
    [
        (["(", "Reuters", ")", "-", "Mayor", "Vell"], [False, False, True, True, True, False], 2),
        (["Jon", "Vell", "(", "D", "-", "Harwick", ")"], [True, True, False] + [False] * 4, 7),
    ],
)
def test_source_edges_spaced_hyphen_is_a_dateline_dash(
    words: list[str], spaces: list[bool], kept: int
) -> None:
    doc = Doc(Vocab(), words=words, spaces=spaces)
    assert len(source_edges(list(doc))) == kept


def test_source_tokens_title_the_parser_made_a_second_subject() -> None:
    # "harbour contender Ada Brandel said it": the parser made "contender" a subject too
    words = ["Harbour", "contender", "Ada", "Brandel", "said", "it", "."]
    heads = [1, 4, 3, 4, 4, 4, 4]
    deps = ["amod", "nsubj", "compound", "nsubj", "ROOT", "dobj", "punct"]
    tags = ["JJ", "NN", "NNP", "NNP", "VBD", "NN", "."]
    doc = _parsed(words, heads, deps, tags)
    assert [t.text for t in source_tokens(doc[4], doc[3])] == words[:4]


def test_stance_cue_speaker_the_parser_lost() -> None:
    # “Not one,” Vell answered: the parser made Vell a compound of the verb
    words = ["“", "Not", "one", ",", "”", "Vell", "answered", "."]
    heads = [6, 2, 6, 6, 6, 6, 6, 6]
    deps = ["punct", "neg", "dobj", "punct", "punct", "compound", "ROOT", "punct"]
    tags = ["``", "RB", "CD", ",", "''", "NNP", "VBD", "."]
    lemmas = ["“", "not", "one", ",", "”", "Vell", "answer", "."]
    doc = _parsed(words, heads, deps, tags, lemmas)
    found = [
        (doc.text[a.source_start : a.source_end], doc.text[a.cue_start : a.cue_end])
        for a in find_attributions(doc)
        if a.source_start is not None and a.source_end is not None
    ]
    assert ("Vell", "answered") in found


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The pier was shut at dawn, said Sgt. Jon Vell of the harbour police.", "Sgt. Jon Vell"),
        (
            '"Nobody was hurt," said Harbour Police Capt. Ada Brandel.',
            "Harbour Police Capt. Ada Brandel",
        ),
        ("The ferry will sail again in May, said Lt. Col. Ada Brandel.", "Lt. Col. Ada Brandel"),
    ],
)
def test_attribution_title_abbreviation_does_not_end_the_sentence(
    nlp: Any, text: str, source: str
) -> None:
    # "Sgt." is one token, as "Mr." is: the speaker's name stays in the sentence
    doc = nlp(text)
    assert len(list(doc.sents)) == 1
    sources = [s for s, _, _ in _spans(nlp, text)]
    assert sources and source in sources[0], sources


def test_colon_source_in_capitals_however_it_is_tagged(nlp: Any) -> None:
    # "JON VELL:" in a transcript, tagged as common nouns with no entity: still a name
    from storylens.analyse.according import _colon_source

    def parsed(words: list[str], deps: list[str], tags: list[str]) -> Doc:
        pos = ["PUNCT" if t == "," else "DET" if t == "DT" else "NOUN" for t in tags]
        return Doc(nlp.vocab, words=words, heads=[1, 1, 1], deps=deps, tags=tags, pos=pos)

    doc = parsed(["JON", "VELL", ":"], ["compound", "ROOT", "punct"], ["NN", "NN", ","])
    phrase = _colon_source([doc[0], doc[1]])
    assert phrase is not None and [t.text for t in phrase] == ["JON", "VELL"]
    plain = parsed(["the", "pier", ":"], ["det", "ROOT", "punct"], ["DT", "NN", ","])
    assert _colon_source([plain[0], plain[1]]) is None  # a common noun is no source


def test_quotation_the_sentence_splitter_cut_is_the_content() -> None:
    # the splitter started a sentence inside the quotation: “I asked. | I have asked [...],”
    from storylens.analyse.content import adjacent_quote

    words = ["“", "I", "asked", ".", "I", "have", "asked", "it", "since", "2019", ",", "”"]
    words += ["Vell", "explains", "."]
    spaces = [False, True, False, True, True, True, True, True, True, False, False, True]
    spaces += [True, False, False]
    starts = [True, *[False] * 3, True, *[False] * 10]
    doc = Doc(Vocab(), words=words, spaces=spaces, sent_starts=starts)
    text = doc.text
    quotes = [(0, text.index("”") + 1)]
    found = adjacent_quote(list(doc.sents)[1], quotes)
    assert found is not None
    assert text[found[0].idx : found[-1].idx + len(found[-1].text)] == text[: quotes[0][1]]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        # a quotation of two sentences before "said X": the speaker comes after the verb,
        # not the last words of the quotation the parser made its subject
        (
            "“The harbour board is in panic mode. Full panic mode,” said Ines Varda, the harbour "
            "master.",
            "Ines Varda, the harbour master",
            "Full panic mode,”",
        ),
        # a reported clause the parser hung on the verb as an adverbial one, after a time
        (
            "Lund said after the convention he would not accept the offer if it were made.",
            "Lund",
            "he would not accept the offer if it were made",
        ),
        # a name for a thing inside the words set off around the report is not a report
        (
            "The debate, Varda said, is clouded by what she called fear of the sea.",
            "Varda",
            "The debate, Varda said, is clouded by what she called fear of the sea",
        ),
    ],
)
def test_attribution_reports_the_parser_hangs_in_odd_places(
    nlp: Any, text: str, source: str, content: str
) -> None:
    found = _spans(nlp, text)
    assert found[0][0] == source, found
    assert content in found[0][2] or found[0][2] in content, found


@pytest.mark.slow
def test_attribution_a_clause_that_tells_when_is_not_the_report(nlp: Any) -> None:
    text = "Police said the woman was on the crossing at 7 p.m. when the van hit her."
    (found, *_) = _spans(nlp, text)
    assert found[0] == "Police" and "the woman was on the crossing" in found[2]


@pytest.mark.slow
def test_attribution_a_not_of_the_quotation_is_the_speakers_answer(nlp: Any) -> None:
    # the parser hangs the quotation's "not" on the verb: she said it, it is no unsaid word
    text = "“Absolutely not,” Ada Myrstad said when asked whether the ferry was sold."
    found = [s for s in attribution_spans(nlp, text) if s[1] == "said"]
    assert [(s[0], s[3]) for s in found] == [("Ada Myrstad", False)]
