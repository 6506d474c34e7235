"""Quotes: direct and indirect speech with speakers, cues and contents."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storylens.analyse.quotes import find_quotes
from storylens.types import Article


def _quotes(nlp: Any, text: str) -> list[Any]:
    article = Article(id="a_q", outlet="Test", text=text)
    return find_quotes(nlp(text), article, [])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker", "cue", "direct", "content"),
    [
        (
            "“The river belongs to everyone,” Mayor Tilda Osk said.",
            "Tilda Osk",
            "said",
            True,
            "“The river belongs to everyone,”",
        ),
        (
            "Mayor Tilda Osk said: “The river belongs to everyone.”",
            "Tilda Osk",
            "said",
            True,
            "“The river belongs to everyone.”",
        ),
        (
            "‘The tide is late again,’ the harbour master Jon Vell said.",
            "Jon Vell",
            "said",
            True,
            "‘The tide is late again,’",
        ),
        (
            "''The tide is late again,'' said the harbour master Jon Vell.",
            "Jon Vell",
            "said",
            True,
            "''The tide is late again,''",
        ),
        (
            "``The tide is late again,'' said the harbour master Jon Vell.",
            "Jon Vell",
            "said",
            True,
            "``The tide is late again,''",
        ),
        (
            "«Nous sommes prêts», the harbour master Jon Vell told reporters.",
            "Jon Vell",
            "told",
            True,
            "«Nous sommes prêts»",
        ),
        (
            "Mayor Tilda Osk denied that the council had sold the park.",
            "Tilda Osk",
            "denied",
            False,
            "the council had sold the park",
        ),
        (
            "The ferry company warned passengers that the crossing would be rough.",
            "ferry company",
            "warned",
            False,
            "the crossing would be rough",
        ),
        (
            "The new pier will open in May, according to the Lindholm Gazette.",
            "Lindholm Gazette",
            "according to",
            False,
            "The new pier will open in May",
        ),
        (  # a count is the counter's: the name before the noun is the source
            "The port handled 40 ships last year, according to a Valpress tally.",
            "Valpress",
            "according to",
            False,
            "The port handled 40 ships last year",
        ),
        (  # the person the source phrase opens on, not a name in the role set off after it
            "The ferry crews opened the new line and checked it for four minutes, said Ivo "
            "Kall-young, director for the situation room at Mayor Lund's Velm Port Authority.",
            "Ivo Kall-young",
            "said",
            False,
            "The ferry crews opened the new line and checked it for four minutes",
        ),
        (  # a relayed quotation: the one quoted is the speaker
            "“The pier will close in May,” Jon Vell was quoted by the Lindholm Gazette as saying.",
            "Jon Vell",
            "saying",
            True,
            "“The pier will close in May,”",
        ),
        (
            "Mayor Tilda Osk was quoted as saying that the council had sold the park.",
            "Tilda Osk",
            "saying",
            False,
            "the council had sold the park",
        ),
        (
            "The Lindholm Gazette reported that the pier would open in May.",
            "Lindholm Gazette",
            "reported",
            False,
            "the pier would open in May",
        ),
    ],
)
def test_quotes_patterns(
    nlp: Any, text: str, speaker: str, cue: str, direct: bool, content: str
) -> None:
    quotes = _quotes(nlp, text)
    assert len(quotes) == 1
    q = quotes[0]
    assert speaker in q.speaker
    assert q.cue == cue
    assert q.direct is direct
    assert q.text == content == text[q.start : q.end]
    assert q.cue_start is not None and text[q.cue_start : q.cue_end] == cue


@pytest.mark.slow
def test_quotes_split_quote_keeps_speaker(nlp: Any) -> None:
    text = "“We will rebuild the pier,” Mayor Tilda Osk said. “It will take two summers.”"
    quotes = _quotes(nlp, text)
    assert [q.text for q in quotes] == [
        "“We will rebuild the pier,”",
        "“It will take two summers.”",
    ]
    assert all("Tilda Osk" in q.speaker and q.direct for q in quotes)


@pytest.mark.slow
@pytest.mark.parametrize("mark", ['"', "“"])
def test_quotes_a_quotation_left_open_goes_on_in_the_next_paragraph(nlp: Any, mark: str) -> None:
    close = '"' if mark == '"' else "”"
    text = (
        "Harbour master Ilse Brandt spoke to reporters on Monday.\n\n"
        f"She told the Orsk Daily: {mark}The pier has been unsafe for years.\n\n"
        f"{mark}Nobody listened to the divers when they warned us about the piles.{close}\n\n"
        f"{mark}We will not open it again without a full survey of the harbour.{close}"
    )
    quotes = _quotes(nlp, text)
    second = text.index("Nobody")
    carried = [q for q in quotes if q.start <= second < q.end]
    assert carried and "Ilse Brandt" in carried[0].speaker, [(q.text, q.speaker) for q in quotes]
    # a paragraph that is one quotation and names no speaker goes on with the report before
    # it, in straight marks as in curly ones
    third = text.index("We will not")
    after = [q for q in quotes if q.start <= third < q.end]
    assert after and "Ilse Brandt" in after[0].speaker, [(q.text, q.speaker) for q in quotes]


@pytest.mark.slow
@pytest.mark.parametrize(
    "paragraphs",
    [
        # curly marks, the next paragraph not reopening the quotation
        ["“The ferry turned back towards the pier.", "It never reached the harbour,” {tag}."],
        # straight marks, each paragraph reopening it (news style), or the last not
        ['"The ferry turned back towards the pier.', '"It never reached the harbour," {tag}.'],
        ['"The ferry turned back towards the pier.', 'It never reached the harbour," {tag}.'],
    ],
)
def test_quotes_a_quotation_over_paragraphs_is_the_speaker_its_tag_names(
    nlp: Any, paragraphs: list[str]
) -> None:
    # the tag comes after the quotation's last paragraph: the paragraphs before it are the
    # same speaker's words
    tag = "Captain Olav Brenn, the port's spokesman, said"
    text = "A ferry lost power off Velm on Monday.\n\n" + "\n\n".join(
        p.format(tag=tag) for p in paragraphs
    )
    quotes = _quotes(nlp, text)
    first = text.index("The ferry turned")
    opening = [q for q in quotes if q.start <= first < q.end]
    assert opening and "Olav Brenn" in opening[0].speaker, [(q.text, q.speaker) for q in quotes]


@pytest.mark.slow
@pytest.mark.parametrize(
    "paragraphs",
    [
        # straight marks, the quotation reopened in each paragraph after the tagged one
        [
            '"The gate gave way at ten," Warden Edda Lorn said. "Two cows got out first.',
            '"By noon the whole herd was on the road to Velm.',
            '"We had them back in the pen by dark."',
        ],
        # opened again after the tag, going on in a paragraph with no marks
        [
            '"The gate gave way at ten," Warden Edda Lorn said, "Two cows got out first.',
            "By noon the whole herd was on the road to Velm.”",
        ],
        # the tag after the quotation's second paragraph, one more quotation after it
        [
            '"Two cows got out first.',
            'By noon the whole herd was on the road to Velm," Warden Edda Lorn wrote.',
            '"We had them back in the pen by dark."',
        ],
    ],
)
def test_quotes_a_quotation_going_on_over_paragraphs_keeps_its_speaker(
    nlp: Any, paragraphs: list[str]
) -> None:
    text = "A herd escaped near Velm on Sunday.\n\n" + "\n\n".join(paragraphs)
    quotes = _quotes(nlp, text)
    for words in ("Two cows", "By noon the whole herd"):
        at = text.index(words)
        around = [q for q in quotes if q.start <= at < q.end]
        assert around and "Edda Lorn" in around[0].speaker, [(q.text, q.speaker) for q in quotes]


def test_quote_spans_a_straight_quotation_left_open_ends_with_its_paragraph() -> None:
    from storylens.analyse.quotemarks import quote_spans

    text = '"A gate broke," she said. "Cows got out.\n\n"They ran off.\n\n"We found them."'
    spans = [text[s:e] for s, e in quote_spans(text)]
    assert spans == ['"A gate broke,"', '"Cows got out.', '"They ran off.', '"We found them."']
    closed = 'She said, "Cows got out.\n\nThey ran off." Then she left.'
    assert [closed[s:e] for s, e in quote_spans(closed)] == ['"Cows got out.\n\nThey ran off."']


def test_quotes_a_block_quoted_from_another_text_keeps_the_reports_inside_it() -> None:
    # a quotation over paragraphs that closes on a full stop, with no tag, is a block of
    # another text: it is not read as one quotation (the reports inside it keep their own)
    from storylens.analyse.quotemarks import quote_spans

    text = (
        'The blog quoted the report:\n\n"A gunman shot three people, police said.\n\n'
        'The victims were taken to hospital, said Lt. Ann Vell.\n\nWitnesses saw a car."\n\n'
        "Nothing more is known."
    )
    assert not [s for s in quote_spans(text) if "\n\n" in text[s[0] : s[1]]]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("second", "expected"),
    [
        ("He added that the pier would reopen.", "Jon Vell"),
        ("The spokesman said the pier would reopen.", "Jon Vell"),
        ("It said the pier would reopen.", "Harbour Authority"),
    ],
)
def test_quotes_resolve_pronoun_and_role_speakers(nlp: Any, second: str, expected: str) -> None:
    text = f"Jon Vell spoke for the Harbour Authority on Monday. {second}"
    quotes = _quotes(nlp, text)
    assert quotes, text
    assert quotes[-1].speaker == expected


@pytest.mark.slow
def test_quotes_scare_quotes_are_not_quotes(nlp: Any) -> None:
    assert _quotes(nlp, "The mayor opened the “new” pier on Monday.") == []


@pytest.mark.slow
def test_quotes_samples_peskov_denial(nlp: Any, sample_files: list[Path]) -> None:
    from storylens.ingestion import ingest
    from storylens.settings import Settings

    articles = ingest([str(p) for p in sample_files], Settings()).articles
    found = []
    for article in articles:
        for q in find_quotes(nlp(article.text), article, []):
            if "Peskov" in q.speaker:
                found.append(q)
    assert found, "no quote attributed to Peskov"
    assert {q.cue for q in found} & {"denied", "told"}
    for q in found:
        assert q.speaker_start is not None and q.speaker_end is not None


@pytest.mark.slow
def test_quotes_a_report_ending_on_a_colon_speaks_the_quotation_below(nlp: Any) -> None:
    text = (
        "Harbour master Ines Varda says the ferry left late and came back at noon:\n\n"
        "“It hit the pier at full speed and the deck was torn open.”\n\n"
        "The ferry company has not commented."
    )
    quotes = _quotes(nlp, text)
    below = [q for q in quotes if q.text.startswith("“It hit")]
    assert [q.speaker for q in below] == ["Ines Varda"]


@pytest.mark.slow
def test_quotes_a_report_ending_its_paragraph_speaks_the_quotation_below(nlp: Any) -> None:
    text = (
        "Mayor Ilse Marant condemned the fire, saying the town had “reached the edge”.\n\n"
        "“Our town has reached the edge. It is our duty to step back.”\n\n"
        "“The ferry will sail again,” harbour master Ines Varda told reporters.\n\n"
        "Harbour workers gathered on the quay.\n\n"
        "“We lost everything,” one of them, a welder, said. “Nobody came to help.”"
    )
    quotes = _quotes(nlp, text)
    below = [q for q in quotes if q.text.startswith("“Our town")]
    assert [q.speaker for q in below] == ["Mayor Ilse Marant"]
    # a quotation its own paragraph tags is whoever the tag names
    tagged = [q for q in quotes if q.text.startswith("“The ferry")]
    assert tagged and all(q.speaker.endswith("Ines Varda") for q in tagged)


@pytest.mark.slow
def test_quotes_a_thundered_quotation_is_its_speakers(nlp: Any) -> None:
    text = "“A protest is one thing and arson is another!” Mayor Ilse Marant thundered."
    assert [q.speaker for q in _quotes(nlp, text)] == ["Mayor Ilse Marant"]
