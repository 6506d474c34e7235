"""Speakers on whole articles: every quote's speaker is the person who said it.

The articles are written for these tests: several speakers in turn, pronouns across
paragraphs, a role ("the former mayor") standing for a name, a statement quoted from years
before, and a story about one person that quotes that person's critics.
"""

from __future__ import annotations

from typing import Any

import pytest

from storylens.analyse.attribution import attributions_for
from storylens.analyse.names import names_from
from storylens.analyse.quotes import find_quotes
from storylens.analyse.speakers import resolve_source
from storylens.types import Analysis, Article, Quote

SEVERAL_SPEAKERS = """\
The council of Brenmoor voted on Tuesday to close the old ferry pier.

Harbour master Jon Vell said the pier had been unsafe for years. "The timbers are rotten \
through," he said.

Councillor Ada Myrstad disagreed. She said the town had never paid for proper repairs.

"We let it rot and now we blame the sea," Myrstad said. "That is not honest."

Vell was not moved. "I would not let my own children walk on it," he added.
"""

PRONOUNS_ACROSS_PARAGRAPHS = """\
Rosa Quell, the head of the Brenmoor teachers' union, spent the morning outside the town hall.

She told reporters that the new timetable would cost every school two teachers.

The plan was drawn up by the education office under Director Piet Harrow, who did not attend.

"Nobody asked the people who actually teach," she said.
"""

PAST_STATEMENT = """\
Senator Lena Tavik spoke at length about the harbour tax on Monday.

Tavik reminded the audience of an older promise. In 2009, former mayor Ivo Grest said the tax \
"will be gone within five years." The tax is still collected today.

"Promises like that are why people stopped listening," Tavik said.

She recalled that in 2012 the harbour board had written that the money "would fund the new \
lighthouse and nothing else."
"""

CRITICS_OF_ONE_PERSON = """\
Mayor Otto Brandel has faced a week of anger over his plan to sell the town forest.

Brandel defended the sale on Wednesday. "The forest costs us money every year," he said.

Former mayor Selma Ruud was scathing. "He is selling something that was never his to sell," \
Ruud said of Brandel. "Brandel has forgotten who he works for."

The congressman for the district, Rep. Karl Dessing, was no kinder. "This is a mistake the \
town will regret for a century," the congressman said.

Brandel said he would not change course.
"""


def _quotes(nlp: Any, text: str) -> list[Quote]:
    article = Article(id="a_s", outlet="Test", text=text)
    return find_quotes(nlp(text), article, [])


def _sources(nlp: Any, text: str) -> list[str]:
    """The resolved source of every attribution in ``text``, in order."""
    doc = nlp(text)
    names = names_from(doc, [])
    return [resolve_source(a, doc, names)[0] for a in attributions_for(doc)]


def _speaker_of(quotes: list[Quote], words: str) -> str:
    found = [q.speaker for q in quotes if words in q.text]
    assert found, f"no quote holds {words!r}: {[q.text for q in quotes]}"
    assert len(set(found)) == 1, f"{words!r} has several speakers: {found}"
    return found[0]


def _analysed(text: str) -> Analysis:
    """One article of ``text`` through the whole analysis (sources resolved to names)."""
    from storylens.analyse.pipeline import analyse
    from storylens.settings import Settings

    [analysis] = analyse([Article(id="a_s", outlet="Test", text=text)], Settings(n_process=1))
    return analysis


@pytest.mark.slow
@pytest.mark.parametrize(
    ("words", "speaker"),
    [
        ("timbers are rotten", "Jon Vell"),
        ("never paid for proper repairs", "Ada Myrstad"),
        ("We let it rot", "Myrstad"),
        ("That is not honest", "Myrstad"),
        ("my own children", "Vell"),
    ],
)
def test_analyse_attribution_several_speakers(nlp: Any, words: str, speaker: str) -> None:
    assert _speaker_of(_quotes(nlp, SEVERAL_SPEAKERS), words) == speaker


@pytest.mark.slow
@pytest.mark.parametrize(
    ("words", "speaker"),
    [
        ("cost every school two teachers", "Rosa Quell"),
        ("Nobody asked the people", "Rosa Quell"),
    ],
)
def test_analyse_attribution_pronoun_across_paragraphs(nlp: Any, words: str, speaker: str) -> None:
    """A name mentioned in passing (the director, who said nothing) does not take over "she"."""
    assert _speaker_of(_quotes(nlp, PRONOUNS_ACROSS_PARAGRAPHS), words) == speaker


@pytest.mark.slow
def test_analyse_attribution_a_subject_of_someone_s_words_does_not_take_over_he(
    nlp: Any,
) -> None:
    text = (
        'Harbour master Jon Vell said Mayor Brandt "sold the pier to the highest bidder."\n\n'
        "He said that the divers will confirm the damage to Brandt's pier if asked."
    )
    assert _speaker_of(_quotes(nlp, text), "divers will confirm") == "Jon Vell"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # a name describing the speaker does not take over "she"
        (
            '"It feels strange," said Ines Varda, who is sheltered by the ferry fund, the fund '
            "founded by Mayor Karl Brandt that the council wants to close. She said it was the "
            "first time she had seen the harbour since she left Velm.",
            "the first time she had seen",
            "Ines Varda",
        ),
        # "Mayor Lund" only may ask, in what Holm expects; "Ada Varr" is the subject of a
        # clause describing the plan: neither is who "he said" goes on with
        (
            "Peter Holm said he expected Mayor Lund to petition the board for a delay. He also "
            "played down the plan for the pier, which Ada Varr drew up last year.\n\n"
            "“We are at the very start of any talks,” he said.\n",
            "very start of any talks",
            "Peter Holm",
        ),
    ],
)
def test_analyse_attribution_a_name_in_passing_does_not_take_over_the_pronoun(
    nlp: Any, text: str, words: str, speaker: str
) -> None:
    assert _speaker_of(_quotes(nlp, text), words) == speaker


@pytest.mark.slow
def test_analyse_attribution_a_nation_s_office_holder_is_the_person_who_holds_it(
    nlp: Any,
) -> None:
    text = (
        "Prime Minister Ilse Marant of Norway spoke on Monday.\n\n"
        "Later, Norway's prime minister said the pier was unsafe.\n\n"
        "Norway's harbour ministry said the ferry would sail."
    )
    resolved = _sources(nlp, text)
    assert resolved[0] == "Ilse Marant", resolved
    assert "Ilse Marant" not in resolved[1:], resolved  # a ministry is no person


@pytest.mark.slow
def test_analyse_attribution_it_and_they_stand_for_the_body_that_reports(nlp: Any) -> None:
    text = (
        "The Velm Harbour Trust met the Oslo Pier Authority on Monday.\n\n"
        'The Norwegian foreign ministry said the pier was "unsafe for years." '
        'But it added, "The divers will decide when it reopens."\n\n'
        "Several harbour analysts said they expected the pier to close before the winter."
    )
    assert _speaker_of(_quotes(nlp, text), "divers will decide") == "Norwegian foreign ministry"
    doc = nlp(text)
    expected = [a for a in attributions_for(doc) if a.cue == "expect"]
    assert [resolve_source(a, doc, names_from(doc, []))[0] for a in expected] == [
        "Several harbour analysts"
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("words", "speaker"),
    [
        ("will be gone within five years", "Ivo Grest"),
        ("Promises like that", "Tavik"),
        ("fund the new lighthouse", "harbour board"),
    ],
)
def test_analyse_attribution_quoted_past_statement(nlp: Any, words: str, speaker: str) -> None:
    assert _speaker_of(_quotes(nlp, PAST_STATEMENT), words) == speaker


@pytest.mark.slow
@pytest.mark.parametrize(
    ("words", "speaker"),
    [
        ("costs us money every year", "Brandel"),
        ("never his to sell", "Selma Ruud"),
        ("forgotten who he works for", "Selma Ruud"),
        ("regret for a century", "Karl Dessing"),
    ],
)
def test_analyse_attribution_critics_of_one_person(nlp: Any, words: str, speaker: str) -> None:
    """The story is about Brandel; his critics' words stay theirs (a surname on its own is
    the person named in full before it)."""
    got = _speaker_of(_quotes(nlp, CRITICS_OF_ONE_PERSON), words)
    assert got.split()[-1] == speaker.split()[-1]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The new rules say the pier must close by June.",
        "The June decision said nothing about the harbour.",
    ],
)
def test_analyse_attribution_common_nouns_are_no_sources(nlp: Any, text: str) -> None:
    resolved = _sources(nlp, text)
    assert all(not name for name in resolved), resolved


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("A report from the Brenmoor Harbour Trust said the pier was unsafe.", "Harbour Trust"),
        ("Officials said the pier was unsafe.", "Officials"),
        ("In an interview with the Brenmoor Gazette, Jon Vell said the pier was unsafe.", "Vell"),
        ("A Number 7 spokeswoman said the pier was unsafe.", "Number 7"),  # a name with a number
        # people by the office they hold
        ("Some councillors have suggested that the pier was unsafe.", "councillors"),
        ("Two legislators said the pier was unsafe.", "legislators"),
    ],
)
def test_analyse_attribution_real_sources_are_kept(nlp: Any, text: str, speaker: str) -> None:
    resolved = _sources(nlp, text)
    assert any(speaker in name for name in resolved), resolved


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker", "not_speaker"),
    [
        # where an envoy is sent or a spokeswoman works is not who speaks
        (
            "The pier will reopen in May, the Norwegian ambassador to Sweden has insisted.",
            "ambassador",
            "Sweden",
        ),
        ("A harbour board spokeswoman in Oslo said the pier was unsafe.", "spokeswoman", "Oslo"),
        # the nation before a title is part of the title
        (
            "The pier is unsafe, the Danish Ambassador to Norway said.",
            "Danish Ambassador",
            "Norway",
        ),
        # a government named by its seat is that government
        ("The government in Oslo said the pier was unsafe.", "Oslo", "government"),
        # a country's office-holder is a person, not the country; a spokesman speaks for it
        ("Norway's prime minister said the pier was unsafe.", "prime minister", "Norway"),
        ("Mr. Brandt's new lawyer, Jon Vell, said the pier was unsafe.", "Jon Vell", "Brandt"),
        ("The harbour board's spokesman said the pier was unsafe.", "harbour board", "spokesman"),
        # a possessor's critics and allies are other parties
        ("Mayor Brandt's critics said the pier was unsafe.", "critics", "Brandt"),
        ("Norway's closest allies argue that the pier is unsafe.", "allies", "Norway"),
        # a name in a relative clause of the source phrase is not who speaks
        (
            "The chairmen of the boards that requested money from the Velm Harbour Trust said the "
            "pier was unsafe.",
            "chairmen",
            "Velm Harbour Trust",
        ),
        # names joined by "and" speak together
        ("Norway and Sweden have said that the pier is unsafe.", "Norway and Sweden", "Sweden"),
        (
            "Norway, Sweden and Denmark have all insisted that the pier is unsafe.",
            "Norway, Sweden and Denmark",
            "Norway",
        ),
        # a document speaks for itself
        ("That assessment concluded that the pier was unsafe.", "assessment", ""),
    ],
)
def test_analyse_attribution_a_place_in_a_role_is_no_source(
    nlp: Any, text: str, speaker: str, not_speaker: str
) -> None:
    resolved = _sources(nlp, text)
    assert any(speaker in name for name in resolved), resolved
    assert not any(name == not_speaker for name in resolved), resolved


UPDATES_AND_STATEMENTS = """\
The Brenmoor harbour board met again on Thursday.

10:15 a.m.:

Harbour master Jon Vell says the pier will stay shut until the spring.

The board issued a statement saying the repairs would cost more than planned.

Vell said the divers had finished their survey, but Vell did not say when the report would \
be published.

Councillor Ada Myrstad railed against the delay on Friday. "We were promised a pier by May," \
she said.
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("words", "speaker"),
    [
        ("stay shut until the spring", "Jon Vell"),  # a time heading run into the sentence
        ("cost more than planned", "board"),  # the statement's issuer
        ("divers had finished", "Vell"),  # a second report keeps to its own clause
        ("promised a pier by May", "Ada Myrstad"),  # a stance makes its subject the speaker
    ],
)
def test_analyse_attribution_updates_and_statements(nlp: Any, words: str, speaker: str) -> None:
    assert _speaker_of(_quotes(nlp, UPDATES_AND_STATEMENTS), words) == speaker


@pytest.mark.slow
def test_analyse_attribution_stance_is_not_a_claim_source(nlp: Any) -> None:
    doc = nlp(UPDATES_AND_STATEMENTS)
    rail = [a for a in attributions_for(doc) if a.cue == "rail"]
    assert rail and all(a.stance for a in rail)


QUOTE_OVER_PARAGRAPHS = """\
The Brenmoor ferry will stop running in March, the harbour board said on Monday.

"We have kept it going for forty years," said board chair Maria Jensen, who has run the \
service since 2011.

"The engines are older than most of the crew. Nobody makes the parts any more."

Ferry captain Otto Brandel was less gloomy. "She has ten good years left," he said.
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("words", "speaker"),
    [
        ("kept it going for forty years", "Maria Jensen"),
        ("older than most of the crew", "Maria Jensen"),  # the quotation goes on below
        ("ten good years left", "Otto Brandel"),
    ],
)
def test_analyse_attribution_quote_over_paragraphs(nlp: Any, words: str, speaker: str) -> None:
    assert _speaker_of(_quotes(nlp, QUOTE_OVER_PARAGRAPHS), words) == speaker


@pytest.mark.slow
def test_analyse_attribution_quote_over_paragraphs_content(nlp: Any) -> None:
    doc = nlp(QUOTE_OVER_PARAGRAPHS)
    jensen = [a for a in attributions_for(doc) if "Jensen" in a.source_text]
    assert len(jensen) == 1
    assert QUOTE_OVER_PARAGRAPHS[jensen[0].content_start : jensen[0].content_end].endswith(
        'parts any more."'
    )


RELAYED_AND_ROLES = """\
Mayor Otto Brandel apologised on Friday if the blaze at the Velm boathouse was linked to his \
campaign.

The fire chief said an investigation was under way.

Officials said on Saturday they were treating the fire as arson, the Brenmoor Gazette \
reported on Sunday.

"We are treating it as suspicious at this point," Ada Steen, head of the Velm fire \
service, told the newspaper.
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("words", "speaker"),
    [
        # an office no name in the story holds: the chief, not the mayor the paragraph before
        ("investigation was under way", "fire chief"),
        # the quotation opening the next paragraph is Steen's, not the Gazette's report
        ("treating it as suspicious", "Ada Steen"),
    ],
)
def test_analyse_attribution_offices_and_relayed_reports(
    nlp: Any, words: str, speaker: str
) -> None:
    assert _speaker_of(_quotes(nlp, RELAYED_AND_ROLES), words) == speaker
    sources = _sources_of(nlp, RELAYED_AND_ROLES, words)
    assert sources and all(speaker in s for s in sources if s), sources


def _sources_of(nlp: Any, text: str, words: str) -> list[str]:
    """The resolved source of every attribution whose content holds ``words``."""
    doc = nlp(text)
    names = names_from(doc, [])
    at = text.index(words)
    return [
        resolve_source(a, doc, names)[0]
        for a in attributions_for(doc)
        if a.content_start <= at < a.content_end
    ]


ROLES_AND_GROUPS = """\
Mayor Otto Brandel faces questions from the harbour board this week.

The questions touch on his dealings with his longtime lawyer, Piet Arnholt, about a harbour \
lease; whether the mayor knew of a second offer for the quay.

The mayor also said the inquiry was a "witch hunt."

The mayor's lawyers said the questions were unfair.
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("words", "speaker"),
    [
        # a role goes to the name described with it, not to a name whose sentence runs on to
        # the role ("his lawyer, Piet Arnholt, about a lease; whether the mayor knew")
        ("inquiry was a", "Brandel"),
        # several people of an office, or someone's own office, stay as written
        ("questions were unfair", "mayor's lawyers"),
    ],
)
def test_analyse_attribution_a_role_goes_to_the_person_who_holds_it(
    nlp: Any, words: str, speaker: str
) -> None:
    sources = _sources_of(nlp, ROLES_AND_GROUPS, words)
    assert sources and all(speaker in s for s in sources if s), sources


RESIDENT_THEN_MAYOR = """\
Floodwater filled the lower streets of Brenmoor on Sunday night.

"Who pays for all this?" asked Mara Lind, a resident of Quay Street.

"The water came at night and we had no warning," the mayor told reporters on Monday.
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("words", "speaker"),
    [
        # a question opening a paragraph is its asker's
        ("pays for all this", "Mara Lind"),
        # an office no name holds is not the resident quoted just before
        ("had no warning", "mayor"),
    ],
)
def test_analyse_attribution_a_role_is_not_a_resident_quoted_before(
    nlp: Any, words: str, speaker: str
) -> None:
    sources = _sources_of(nlp, RESIDENT_THEN_MAYOR, words)
    assert sources and all(s == speaker or s.endswith(f" {speaker}") for s in sources), sources


PEOPLE_WHO_SAW = """\
A gas blast tore through a bakery on Quay Street in Brenmoor on Sunday.

An eyewitness says the oven had been left on overnight.

A passing motorist told police the windows flew out onto the road.

Another social media user near the square said the street sounded like a war zone.
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("words", "speaker"),
    [
        # people a story quotes by what they were doing or where they wrote speak too
        ("oven had been left on", "eyewitness"),
        ("windows flew out", "motorist"),
        ("sounded like a war zone", "user"),
    ],
)
def test_analyse_attribution_people_named_by_what_they_did_speak(
    nlp: Any, words: str, speaker: str
) -> None:
    sources = _sources_of(nlp, PEOPLE_WHO_SAW, words)
    assert sources and all(s.endswith(speaker) for s in sources), sources


HAS_SAID = """\
Mayor Otto Brandel faced the harbour board on Monday.

He's said the sale of the old pier was never agreed.

It's said that the board will meet again in May.
"""


@pytest.mark.slow
def test_analyse_attribution_a_contracted_has_said_has_a_speaker(nlp: Any) -> None:
    # "He's said the sale …" is "he has said", though the parser reads a passive "is said"
    sources = _sources_of(nlp, HAS_SAID, "sale of the old pier")
    assert sources and all(s.endswith("Brandel") for s in sources), sources
    # "it's said that …" still names no one
    assert not any(_sources_of(nlp, HAS_SAID, "meet again in May"))


TWO_PRESIDENTS = """\
VELM — President Ilse Brandt delayed the new harbour tolls on Monday.

The delay came a day after the talks.

The tolls were the main topic of the talks.

Brandt met Orsk's leaders last week.

The tolls were a central issue when Brandt met Orskan President Otto Lund at the palace.

The council has relied on an old law. But the president also said the tolls would save the \
port.
"""


@pytest.mark.slow
def test_analyse_attribution_a_bare_role_is_the_one_named_without_a_country(nlp: Any) -> None:
    # "the president" is the story's own president, named paragraphs before without a
    # country, not the nearest one, named with one ("Orskan President Otto Lund")
    sources = _sources_of(nlp, TWO_PRESIDENTS, "tolls would save")
    assert sources and all("Brandt" in s for s in sources), sources
    # with no president named without a country, the nearest one it is
    alone = TWO_PRESIDENTS.replace("VELM — President Ilse Brandt", "VELM — The council")
    sources = _sources_of(nlp, alone, "tolls would save")
    assert sources and all("Lund" in s for s in sources), sources


@pytest.mark.slow
def test_analyse_attribution_they_are_the_group_a_name_qualifies(nlp: Any) -> None:
    # "they" continue the Danish unions, not the word "Danish" before them
    text = (
        "Danish unions concede that the government had to raise taxes on fuel.\n\n"
        "But they say poor families will suffer most from the measures."
    )
    assert _sources_of(nlp, text, "poor families") == ["Danish unions"]


def test_analyse_attribution_speaker_stands_outside_the_quotation(nlp: Any) -> None:
    # the parse runs the quotation's last noun phrases into the subject of "wrote"; whoever
    # speaks stands outside the quotation, never one of its own words
    text = (
        "The council was sued on Friday.\n\n"
        '"This can be good news in that we will now ask for the Velm Server that they refused '
        "to give to the police, the Ada Myrstad Servers and Documents held by the harbour man "
        'and Velm Emails," Lund, a Republican, wrote.\n'
    )
    quotes = [q for q in _quotes(nlp, text) if "good news" in q.text]
    assert [q.speaker for q in quotes] == ["Lund"]
    assert quotes[0].speaker_text == "Lund, a Republican"


def _chanters(nlp: Any, text: str) -> tuple[str, str | None]:
    """The resolved source of the text's one "they chanted" report."""
    doc = nlp(text)
    [chant] = [a for a in attributions_for(doc) if a.cue == "chant"]
    assert chant.source_text == "they"
    return resolve_source(chant, doc, names_from(doc, []))


def test_analyse_attribution_they_is_never_one_named_person(nlp: Any) -> None:
    # "they" stands for the marchers, who have no name: not for the last person named
    text = (
        'Mayor Ada Lund called the march "a stunt."\n\n'
        "More than 150 of the marchers walked to the harbour gate on Sunday.\n\n"
        'As they walked, they chanted: "Open the gate for the ferry crews!"\n'
    )
    assert _speaker_of(_quotes(nlp, text), "a stunt") == "Ada Lund"  # her own words are hers
    assert _chanters(nlp, text) == ("", None)
    # nor for the organisation named last, in passing
    text = (
        "More than 150 of the marchers walked several blocks to a gate of the Velm Harbour "
        "Authority.\n\n"
        'As they walked, they chanted: "Open the gate for the ferry crews!"\n'
    )
    assert _chanters(nlp, text) == ("", None)


@pytest.mark.parametrize("document", ["suit", "petition"])
def test_analyse_attribution_a_suit_speaks_through_its_text(nlp: Any, document: str) -> None:
    text = f'"The harbour board knew the pier was unsafe for years," the {document} claims.\n'
    quotes = _quotes(nlp, text)
    assert [q.speaker_text for q in quotes] == [f"the {document}"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "source"),
    [
        # the tagger reads "Fieldings" and "Hollings" as plural common nouns; written with a
        # capital after a quotation's comma, each is a name
        (
            '"The pier will not reopen before the spring," Fieldings said in a statement.',
            "Fieldings",
        ),
        ('"We were never told," Hollings said.', "Hollings"),
    ],
)
def test_analyse_attribution_a_name_tagged_as_a_common_noun(
    nlp: Any, text: str, source: str
) -> None:
    assert _speaker_of(_quotes(nlp, text), text.split('"')[1].rstrip(",")[:12]) == source


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "word", "name"),
    [
        ('"We were never told," Hollings said.', "Hollings", True),
        # where a sentence may open, after a colon or a bracket, a capital tells nothing
        ("The mayor wrote: Engineers say the pier is safe.", "Engineers", False),
        ("The mayor said (Engineers agree) the pier is safe.", "Engineers", False),
    ],
)
def test_analyse_attribution_a_capital_names_only_inside_a_sentence(
    nlp: Any, text: str, word: str, name: bool
) -> None:
    from storylens.analyse.sourcekind import missed_name as _missed_name

    token = next(t for t in nlp(text) if t.text == word)
    assert token.pos_ == "NOUN"  # the tagger's reading the rule is there for
    assert _missed_name(token) is name


UNNAMED_WITNESSES = """\
Marta Olsen, 58, and her daughter Lene were found dead at their home in Brenmoor on Sunday.

Security guard Marta had recently taken in a stray dog from the harbour.

A friend said she was cheerful when they met at the market on Friday.

She added: "We talked about the boat show for half an hour."

According to a relative, the son had been unwell for months.

"He has had a hard year, but he is no monster," she said.
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("words", "speaker"),
    [
        # "she" after an unnamed witness's report continues the witness, not the victim
        # named a paragraph before
        ("We talked about the boat show", "friend"),
        ("he is no monster", "relative"),
    ],
)
def test_analyse_attribution_she_continues_the_unnamed_witness_before(
    nlp: Any, words: str, speaker: str
) -> None:
    assert _speaker_of(_quotes(nlp, UNNAMED_WITNESSES), words) == speaker


@pytest.mark.slow
def test_analyse_attribution_he_continues_the_named_speaker_of_his_paragraph(nlp: Any) -> None:
    # an unnamed source inside the named speaker's paragraph does not take over "he"
    text = (
        'Chief Ivo Brandt said a witness heard shouting, but a source said the man "was too '
        'far away to see."\n\nThe search was within the rules, he added.'
    )
    assert _sources(nlp, text)[-1] == "Ivo Brandt"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a name inside an unnamed person's phrase is not who speaks
        ("An office worker in Velm said the tremor lasted thirty seconds.", "office worker"),
        ("Brandt's colleagues said he was a natural choice for the post.", "Brandt's colleagues"),
        # ... nor a place where the source is; but a government is its place's, and an
        # article names its publication
        ("Local evening news in Velm reported that two of the victims died.", "Local evening news"),
        ("The government in Velm said it had made concessions.", "Velm"),
        ("According to a 1997 article in Ebony, Brandt applied to law school.", "Ebony"),
        # people a story quotes by who they are to someone, or by their trade
        ("The captain was calm all night, said his girlfriend.", "his girlfriend"),
        ("The ferry left late, but cops say the crew was sober.", "cops"),
    ],
)
def test_analyse_attribution_a_name_in_a_witness_phrase_is_no_speaker(
    nlp: Any, text: str, speaker: str
) -> None:
    assert _sources(nlp, text)[0] == speaker


@pytest.mark.slow
def test_analyse_attribution_a_trade_is_the_person_named_with_it_or_stays_as_written(
    nlp: Any,
) -> None:
    # "the coroner" is the one the story named as such, not whoever it spoke of last
    named = (
        "The body of Jon Vell was found by a maid, Coroner Ada Lund said.\n\n"
        "The coroner said Vell died of natural causes."
    )
    assert _sources(nlp, named)[-1].endswith("Ada Lund")
    unnamed = named.replace("by a maid, Coroner Ada Lund said", "on Tuesday")
    assert _sources(nlp, unnamed)[-1] == "coroner"


@pytest.mark.slow
def test_analyse_attribution_a_rank_is_the_person_named_with_it(nlp: Any) -> None:
    text = (
        "Crews reached the pier at noon, according to Commissioner Ada Lund.\n\n"
        "The commissioner says the pier will stay closed all winter."
    )
    assert _sources(nlp, text)[-1].endswith("Ada Lund")


@pytest.mark.slow
def test_analyse_attribution_a_name_after_a_number_is_no_one_she_can_be(nlp: Any) -> None:
    # "a .357 Magnum": a make of gun the tagger read as a person
    text = (
        "Ines Varda was escorted from the pier.\n\n"
        "She returned with a. 357 Magnum that she legally owned and kept under the seat of "
        "her car.\n\nShe pointed the gun at two guards.\n\n"
        "She said she sought out the three workers from her shift."
    )
    assert "Magnum" not in _sources(nlp, text)[-1]


@pytest.mark.slow
def test_analyse_attribution_what_someone_saw_is_no_view(nlp: Any) -> None:
    text = "Deputies found him hiding in a bathtub. Deputies found that the door was open."
    assert [a.cue for a in attributions_for(nlp(text))] == ["find"]


@pytest.mark.slow
def test_analyse_attribution_a_clause_hung_on_the_verb_after_the_reported_one_is_said(
    nlp: Any,
) -> None:
    text = (
        'British envoy Sir Jon Vell said he was "delighted" Brandt would "hold talks with '
        'Prime Minister Lund" during his one-day visit.'
    )
    doc = nlp(text)
    (said,) = [a for a in attributions_for(doc) if a.cue == "say"]
    assert "hold talks with" in text[said.content_start : said.content_end]


@pytest.mark.slow
def test_analyse_attribution_a_quotation_left_open_goes_on_in_the_next_paragraph(
    nlp: Any,
) -> None:
    text = (
        'Mayor Ada Brandt remarked in March that: "It appears the ferry company heard the '
        "many islanders who rely on it every single day of the year.\n\n"
        '"Its boats would without doubt have been met by protests at the pier. This shows '
        'what a mistake it was to cut the winter service."\n'
    )
    assert _speaker_of(_quotes(nlp, text), "met by protests") == "Ada Brandt"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "source"),
    [
        # the subject of its own sentence, not the body named in the sentence before
        (
            "The Velm Harbour Authority said on Monday it would appeal.\n\n"
            "The suit did not name the mayor, but it lists her deputy among the defendants.",
            "her deputy",
            "The suit",
        ),
        (
            "The Velm Harbour Authority published the inspection memos on Monday.\n\n"
            "The memos also show the divers found cracks in two piles. "
            "And they indicate that the board knew of the cracks in March.",
            "the board knew",
            "The memos",
        ),
        # a country that is its sentence's subject speaks for itself
        (
            "The Velm Harbour Authority has asked for an inquiry.\n\n"
            "Norway is believed to hold the pier's old plans, though it neither confirms "
            "nor denies having them.",
            "having them",
            "Norway",
        ),
        # a thing that is no source leaves the pronoun unresolved rather than wrong
        (
            "The Velm Harbour Authority met the divers on Monday.\n\n"
            "A sudden storm closed the pier for a week. It also said the ferries would wait.",
            "the ferries would wait",
            "",
        ),
    ],
)
def test_analyse_attribution_it_and_they_stand_for_the_thing_before_them(
    nlp: Any, text: str, words: str, source: str
) -> None:
    found = _sources_of(nlp, text, words)  # with "is believed", which has no source
    assert source in found and set(found) <= {source, ""}, found


@pytest.mark.slow
def test_analyse_attribution_it_goes_on_standing_for_the_body_it_stood_for(nlp: Any) -> None:
    # "It ... It": the second "it" continues the first, not the list the first drew up
    text = (
        "The Velm Harbour Authority has promised a quick answer. It has drawn up a list of "
        "repairs it would pay for. It has also asked the ferry crews to wait.\n"
    )
    assert _sources_of(nlp, text, "the ferry crews to wait") == ["Velm Harbour Authority"]


@pytest.mark.slow
def test_analyse_attribution_the_subject_of_his_words_is_not_he(nlp: Any) -> None:
    # "he said" after words about Ada Varr is someone else: the officer named before
    text = (
        "Officer Peter Holm said the pier was closed on Monday.\n\n"
        "Ada Varr was on probation for an earlier arrest, he said.\n"
    )
    assert _sources_of(nlp, text, "on probation") == ["Peter Holm"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "source"),
    [
        # people of a body or a country are people, not the body or the country
        ("Norwegian officials said the pier was unsafe.", "Norwegian officials"),
        (
            "Velm Harbour Authority officials said the pier was unsafe.",
            "Velm Harbour Authority officials",
        ),
        # a spokesman speaks for the body
        ("A Velm Harbour Authority spokesman said the pier was unsafe.", "Velm Harbour Authority"),
    ],
)
def test_analyse_attribution_people_of_a_body_are_people(nlp: Any, text: str, source: str) -> None:
    assert _sources_of(nlp, text, "the pier was unsafe") == [source]


@pytest.mark.slow
def test_analyse_attribution_a_semicolon_ends_the_words_before_another_source(nlp: Any) -> None:
    text = (
        '"The pier is safe," Mayor Ada Lund said on Monday.\n\n'
        "Aides said the mayor has not seen the report; The Velm Gazette reported that "
        "divers found cracks in two piles.\n"
    )
    assert _sources_of(nlp, text, "divers found cracks") == ["Velm Gazette"]
    assert _sources_of(nlp, text, "has not seen the report") == ["Aides"]


@pytest.mark.slow
def test_analyse_attribution_what_it_said_was(nlp: Any) -> None:
    # "it" of "what it said was" is the subject before it, not a body named further back
    text = (
        "The Velm Harbour Authority met on Friday.\n\n"
        "Norway presented on Monday what it said was proof that the pier had been sold.\n"
    )
    assert _sources_of(nlp, text, "proof that the pier") == ["Norway"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        'Mayor Ada Lund said on Monday that the two boards "have my blessing to discuss the pier."',
        'Mayor Ada Lund said on Monday that the harbour board did not say "the pier was sold."',
    ],
)
def test_analyse_attribution_words_not_said_are_not_quoted_as_theirs(nlp: Any, text: str) -> None:
    speakers = {q.speaker for q in _quotes(nlp, text)}
    assert speakers == {"Ada Lund"}, speakers


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # the adviser brought in without a name is who "the adviser" goes on with, not the
        # person the paragraph is about
        (
            "Mayor Ilse Marant opened the pier on Monday. One harbour adviser close to the "
            "council said on condition of anonymity that Marant had not read the report. "
            '"She does not know," the adviser said.',
            "She does not know",
            "adviser",
        ),
        # a role given to a name is that name
        (
            "Ilse Marant, the council's chief adviser, opened the pier on Monday. "
            '"It is safe," the adviser said.',
            "It is safe",
            "Ilse Marant",
        ),
    ],
)
def test_analyse_attribution_a_role_brought_in_unnamed_stays_unnamed(
    nlp: Any, text: str, words: str, speaker: str
) -> None:
    analysis = _analysed(text)
    assert _speaker_of(analysis.quotes, words) == speaker


@pytest.mark.slow
def test_analyse_attribution_who_asked_did_not_give_the_answer(nlp: Any) -> None:
    text = (
        '"It is a disgrace. It is a scandal," the mayor said when asked by reporters about '
        'the pier. "It should never have been built, but we will be talking about it."'
    )
    assert _speaker_of(_quotes(nlp, text), "never have been built") != "reporters"
    analysis = _analysed(text)
    assert _speaker_of(analysis.quotes, "never have been built") == "mayor"


@pytest.mark.slow
def test_analyse_attribution_a_participle_after_the_tag_is_not_what_was_said(nlp: Any) -> None:
    # '"…," X said ― once again repeating her claims': the quotation before the tag is what
    # she said; the outlet's comment after it is not her words
    text = (
        '"The pier deal is a terrible deal. It should never have been made," Mayor Ilse '
        "Marant said earlier this week ― once again repeating her false claims about the pier."
    )
    analysis = _analysed(text)
    assert _speaker_of(analysis.quotes, "terrible deal") == "Ilse Marant"
    assert all(c.attributed_to == ["Ilse Marant"] for c in analysis.claims if "deal" in c.text)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            '"The harbour wall will hold," the head of the port authority, Ilse Marant, said.',
            "harbour wall",
            "Ilse Marant",
        ),
        (
            '"The harbour wall will hold," said the head of the port authority, Ilse Marant.',
            "harbour wall",
            "Ilse Marant",
        ),
        ('"The harbour wall will hold," the head of the port authority said.', "harbour", "head"),
    ],
)
def test_analyse_attribution_the_head_of_a_body_is_a_source(
    nlp: Any, text: str, words: str, speaker: str
) -> None:
    # "head", like "director" or "chief", is a role a person holds
    analysis = _analysed(text)
    claim = next(c for c in analysis.claims if words in c.text)
    assert claim.attributed_to and speaker in claim.attributed_to[0]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The bridge at Tarn collapsed on Monday, state media said.", "state media"),
        ("State television said the bridge at Tarn collapsed on Monday.", "State television"),
        ("The army said the bridge at Tarn collapsed on Monday.", "army"),
        ("The port authority said the bridge at Tarn collapsed on Monday.", "port authority"),
        ("Velm's seismic center said the quake measured 5.9.", "Velm's seismic center"),
        ("Norway's state radio said the bridge at Tarn collapsed.", "Norway's state radio"),
        ("The fire brigade said the bodies were found in the Tarn bank.", "fire brigade"),
        ("The coastguard said the ferry sank off Tarn on Monday.", "coastguard"),
    ],
)
def test_analyse_attribution_a_body_speaking_in_its_own_voice_is_a_source(
    nlp: Any, text: str, source: str
) -> None:
    # a broadcaster, an army, a centre: the words are the body's, not the outlet's, and a
    # country owning it does not speak them
    analysis = _analysed(text)
    [claim] = analysis.claims
    assert claim.attributed_to == [source]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "“The pier is safe. The ferry is late. WOW! Will the harbour board ever learn?” Ilse "
        "Marant tweeted.",
        "“The pier is safe, but the board told me, ‘We have the finest ferries in the north,’” "
        "Ilse Marant wrote.",
    ],
)
def test_analyse_attribution_a_tag_after_the_quotation_speaks_it(nlp: Any, text: str) -> None:
    # the parser may hang the tag on the quotation's last verb; the quotation is still hers
    analysis = _analysed(text)
    assert _speaker_of(analysis.quotes, "pier is safe") == "Ilse Marant"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "Norvik Software Inc. has released a temporary fix for a flaw in its Skyline "
            "browser. Attackers could use the flaw to take over computers. The software giant "
            "said the flaw could affect all versions of Skyline.",
            "all versions",
            "Norvik Software Inc",
        ),
        (
            "Norvik Software Inc. has released a temporary fix for a flaw in its Skyline "
            "browser.\n\nAttackers could use the flaw to take over computers.\n\nUsers had "
            "long complained about the browser.\n\nThe flaw was first found by researchers at "
            "the Velm Institute.\n\nThe fix is not installed automatically, the company said.",
            "installed automatically",
            "Norvik Software Inc",
        ),
        (
            'Mayor Ada Myrstad sold the dairy in May. "In June alone, they lost $90,000," said '
            "Harwick businessman and blogger Tomas Arvid, a longtime critic of Myrstad.",
            "lost $90,000",
            "Tomas Arvid",
        ),
        (
            'The dairy lost money for years. "In June alone, they lost $90,000," said Harwick '
            "grocer and blogger Tomas Arvid, a longtime critic of Myrstad.",
            "lost $90,000",
            "Tomas Arvid",
        ),
        (
            "The auditor, Piet Harrow, wrote in June that the barns were never finished.",
            "barns",
            "Piet Harrow",
        ),
    ],
)
def test_analyse_attribution_a_company_by_its_trade_and_a_person_by_titles(
    nlp: Any, text: str, words: str, speaker: str
) -> None:
    # "the software giant" is the company the story is about, however far back it was named
    # and whatever product was named since; "businessman and blogger Tomas Arvid" is one
    # person, not the name in what describes him; "The auditor, Piet Harrow" is Harrow
    analysis = _analysed(text)
    claim = next(c for c in analysis.claims if words in c.text)
    assert claim.attributed_to == [speaker]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        '"We will make no further payments on the loan," chief executive Mara Lind notified '
        "the board.",
        "Chief executive Mara Lind notified the board on Friday: the dairy will make no "
        "further payments on the loan.",
    ],
)
def test_analyse_attribution_notifying_someone_reports_speech(nlp: Any, text: str) -> None:
    # "notified the board", like "told" or "informed", reports what was said to someone
    analysis = _analysed(text)
    claim = next(c for c in analysis.claims if "payments" in c.text)
    assert claim.attributed_to == ["Mara Lind"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # a quantity of "you" or "us" is the reader or the writer, not a source
        (
            "As many of you probably know there was a strange flood that washed the old Elm "
            "Street bakery away.",
            "flood",
            None,
        ),
        # the speaker of an inverted "said" is not who the words after it describe
        (
            "A Vance staff member was at the depot within minutes, said yard manager Dale Finch, "
            "ready to drive the buses out of the flood.",
            "staff member",
            "Dale Finch",
        ),
    ],
)
def test_analyse_attribution_only_the_speaker_is_the_source(
    nlp: Any, text: str, words: str, speaker: str | None
) -> None:
    analysis = _analysed(text)
    claim = next(c for c in analysis.claims if words in c.text)
    assert claim.attributed_to == ([speaker] if speaker else [])


@pytest.mark.slow
def test_analyse_attribution_a_participle_after_a_semicolon_is_not_the_subjects(
    nlp: Any,
) -> None:
    # the participle opens a clause of its own after the semicolon: "finding" is no report
    # of the detectives', whatever the parser hung it on
    text = (
        "Detectives were at the house by noon or so trying to work out the cause of the fire; "
        "finding the ignition source is key when there is no obvious heat source like a stove, "
        "Berg said."
    )
    found = [(a.source_text, a.cue) for a in attributions_for(nlp(text))]
    assert found == [("Berg", "say")]


@pytest.mark.slow
def test_analyse_attribution_the_newspaper_is_the_paper_quoted_before(nlp: Any) -> None:
    # the harbour authority's spokesman spoke last, but "the newspaper" is the Velm Times
    text = (
        "The ferry sank in four minutes, the Velm Times reported. "
        "Harbour Authority spokesman Ivo Grest said the crew had left in lifeboats. "
        "It is the third ferry lost in the strait this year, the newspaper said."
    )
    analysis = _analysed(text)
    claim = next(c for c in analysis.claims if "third ferry" in c.text)
    assert claim.attributed_to == ["Velm Times"]
