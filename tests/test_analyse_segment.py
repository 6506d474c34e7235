"""Statements (one per sentence) and their part claims (fictional sentences, spaCy parse)."""

from __future__ import annotations

import dataclasses

import pytest

from storylens.analyse.focus import named_subject
from storylens.analyse.segment import segment_claims, statements, tidy
from storylens.types import Analysis, Argument, Article, Claim, Mention


def analysis_of(text: str, **claim_fields: object) -> Analysis:
    article = Article(id="a1", outlet="Lakeside Post", text=text)
    claim = Claim(
        id="a1:c0",
        article="a1",
        start=0,
        end=len(text),
        text=text,
        predicate="rise",
        sentence=0,
        **claim_fields,  # type: ignore[arg-type]
    )
    return Analysis(article=article, sentences=[(0, len(text))], claims=[claim])


@pytest.mark.slow
def test_segment_splits_adverbial_clause_into_its_own_claim() -> None:
    text = (
        "The florin rose 2 percent in early trading after the two ministers signed "
        "the fishing treaty in Velm"
    )
    pct = Argument(text="2 percent", start=15, end=24, value=2.0, unit="percent")
    seg = segment_claims([analysis_of(text, attributed_to=["NOVA"], hedged=True, quantities=[pct])])
    [statement] = seg.analyses[0].claims
    assert statement.id == "a1:s0" and statement.text == text
    assert statement.attributed_to == ["NOVA"] and statement.quantities[0] == pct
    # every number of the sentence, also one no part holds
    assert [(q.text, q.value) for q in statement.quantities[1:]] == [("two", 2.0)]
    claims = seg.parts["a1:s0"]
    assert [c.id for c in claims] == ["a1:c0", "a1:c0.1"]
    child = claims[1]
    assert text[child.start : child.end] == child.text
    assert child.text.startswith("after the two ministers signed")
    assert child.predicate == "sign"
    assert child.attributed_to == ["NOVA"] and child.hedged
    assert child.quantities == []
    assert claims[0].quantities == [pct]
    assert "signed" not in seg.focus["a1:c0"]
    assert claims[0].start <= child.start and child.end <= claims[0].end  # inside its parent


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The guild sent the delegates home with gifts including two brass lanterns and a map",
        "The treaty creates a joint board of twelve wardens to monitor the lake every spring",
        "The mayor opened the bridge",
        "The wardens will close the northern locks for the winter if the river rises "
        "above the old stone marker again",  # a condition, not a second fact
    ],
)
def test_segment_keeps_lists_purposes_conditions_and_short_claims_whole(text: str) -> None:
    seg = segment_claims([analysis_of(text)])
    assert [c.id for c in seg.analyses[0].claims] == ["a1:s0"]
    assert [c.id for c in seg.parts["a1:s0"]] == ["a1:c0"]
    assert seg.focus["a1:c0"] == text


@pytest.mark.slow
def test_segment_reads_claims_in_their_articles_parse() -> None:
    # the claims are spans of one article: split over the article's parse, passed in or
    # made here, with offsets into the article
    from storylens.models.nlp import get_nlp

    text = (
        "Officials said on Friday that the florin rose 2 percent in early trading after the "
        "two ministers signed the fishing treaty in Velm. The ferry to Orsk stayed in port "
        "all week, as the storm that flooded the lower town kept the harbour closed and"
    )
    first = text[text.index("the florin") : text.index(". ")]
    second = "the storm that flooded the lower town kept the harbour closed and"
    article = Article(id="a1", outlet="Lakeside Post", text=text)
    claims = [
        Claim(id=f"a1:c{n}", article="a1", start=text.index(t), end=text.index(t) + len(t), text=t)
        for n, t in enumerate([first, second])
    ]
    dot = text.index(". ") + 1
    analysis = Analysis(article=article, sentences=[(0, dot), (dot + 1, len(text))], claims=claims)
    given = segment_claims([analysis], [get_nlp()(text)])
    made = segment_claims([analysis])
    assert given == made
    by_id = {p.id: p for ps in given.parts.values() for p in ps}
    assert by_id["a1:c0.1"].text.startswith("after the two ministers signed")
    assert by_id["a1:c1.1"].text == "that flooded the lower town"
    for claim in by_id.values():
        assert text[claim.start : claim.end] == claim.text
    assert given.focus["a1:c1"] == "the storm kept the harbour closed"  # no trailing "and"


@pytest.mark.slow
def test_segment_statement_holds_every_number_of_its_sentence() -> None:
    # the only part is the complement; the six days sit in the subject no part holds
    from storylens.models.nlp import get_nlp

    text = "The six-day visit was the longest trip the minister has made abroad."
    part = "the longest trip the minister has made abroad"
    start = text.index(part)
    article = Article(id="a1", outlet="Lakeside Post", text=text)
    claim = Claim(id="a1:c0", article="a1", start=start, end=start + len(part), text=part)
    analysis = Analysis(article=article, sentences=[(0, len(text))], claims=[claim])
    statement = segment_claims([analysis], [get_nlp()(text)]).analyses[0].claims[0]
    assert [(q.value, q.unit) for q in statement.quantities] == [(6.0, "day")]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("the governor of the region, , also offered", "the governor of the region, also offered"),
        ("rose 2 percent ,", "rose 2 percent"),
        ("a  b", "a b"),
    ],
)
def test_segment_tidy(raw: str, expected: str) -> None:
    assert tidy(raw) == expected


def _with_claims(text: str, sentences: list[tuple[int, int]], claim_texts: list[str]) -> Analysis:
    article = Article(id="a1", outlet="Lakeside Post", text=text)
    claims = []
    for n, piece in enumerate(claim_texts):
        start = text.index(piece)
        claims.append(
            Claim(
                id=f"a1:c{n}",
                article="a1",
                start=start,
                end=start + len(piece),
                text=piece,
                predicate="open",
            )
        )
    return Analysis(article=article, sentences=sentences, claims=claims)


def _sentences(*pieces: str) -> tuple[str, list[tuple[int, int]]]:
    text, spans = "", []
    for piece in pieces:
        if text:
            text += "\n\n" if piece.startswith("\n") else " "
        piece = piece.lstrip("\n")
        spans.append((len(text), len(text) + len(piece)))
        text += piece
    return text, spans


MAYOR = "The mayor opened the new harbour bridge on Tuesday morning."
PIKE = "Fishers say the pike appear to be vanishing from the eastern bays of the lake."


def _rows(text: str, spans: list[tuple[int, int]], claim_texts: list[str]) -> list[str]:
    analysis = _with_claims(text, spans, claim_texts)
    found = statements(analysis, analysis.claims)
    for statement, parts in found:
        assert text[statement.start : statement.end] == statement.text
        assert all(statement.start <= p.start and p.end <= statement.end for p in parts)
    return [s.text for s, _ in found]


def test_segment_statements_one_row_per_sentence() -> None:
    text, spans = _sentences(MAYOR, PIKE)
    assert _rows(text, spans, ["The mayor opened the new harbour bridge"]) == [MAYOR, PIKE]


@pytest.mark.parametrize(
    ("pieces", "expected"),
    [
        # a closing quote and its speaker, cut off by the sentence splitter, rejoin it
        (
            ["“We will rebuild the pier before the summer,", "” the harbour master said."],
            ["“We will rebuild the pier before the summer, ” the harbour master said."],
        ),
        # a piece that stops mid-sentence takes the rest the splitter cut off
        (
            ["“The mayor of the port", "[Velm] will open the bridge in spring,” he said."],
            ["“The mayor of the port [Velm] will open the bridge in spring,” he said."],
        ),
        # the sentences of one quotation are one row, with the speaker after them
        (
            ["“The pier is safe.", "We will reopen it in May,” the harbour master said."],
            ["“The pier is safe. We will reopen it in May,” the harbour master said."],
        ),
        # a relative clause split off as a sentence belongs to the one before
        (
            [MAYOR, "which cost the town four million crowns."],
            [MAYOR + " which cost the town four million crowns."],
        ),
        # ...but a question that opens a quotation or its sentence is a row of its own
        (
            [MAYOR, "“Who pays for the new bridge?” asked Ana Roe, a ferry captain."],
            [MAYOR, "“Who pays for the new bridge?” asked Ana Roe, a ferry captain."],
        ),
        (
            [MAYOR, "Whose money paid for it is still not known to the council."],
            [MAYOR, "Whose money paid for it is still not known to the council."],
        ),
        (
            [MAYOR, "Which is why the ferry company kept the old pier open."],
            [MAYOR + " Which is why the ferry company kept the old pier open."],
        ),
        # a leading conjunction is left out of the row; the rest is exact text
        (
            [MAYOR, "But the ferry company said the old pier would stay open."],
            [MAYOR, "the ferry company said the old pier would stay open."],
        ),
        # ...but not one that opens a quotation: it is the speaker's word
        (
            [MAYOR, "“So the pier will close for good, and nobody asked us,” a fisher said."],
            [MAYOR, "“So the pier will close for good, and nobody asked us,” a fisher said."],
        ),
        # ...nor an adverb that belongs to the words after it
        (
            [MAYOR, "So far, the ferry company has kept the old pier open."],
            [MAYOR, "So far, the ferry company has kept the old pier open."],
        ),
        (
            [MAYOR, "Yet another storm closed the old pier on Friday."],
            [MAYOR, "Yet another storm closed the old pier on Friday."],
        ),
        # a question that states nothing is not a row; a fragment under four words neither
        (["Will the bridge hold the winter storms?", "Maybe not.", MAYOR], [MAYOR]),
        # a line that only stamps the time is no statement; a sentence with a date is one
        (
            ["March 4, 2026, 9:41 AM EST\n\nUpdated 10:02 GMT, Wed March 4\n\n" + MAYOR],
            [MAYOR],
        ),
        (  # an ordinal day and "on" / "at" are a stamp's words too
            ["Posted on March 4th, 2026 at 9:41pm EST\n\n" + MAYOR],
            [MAYOR],
        ),
        (  # a page's first and last stamps on one line
            ["First Posted: 03/04/26 09:41 PM ET Updated: 03/05/26 07:12 AM ET\n\n" + MAYOR],
            [MAYOR],
        ),
        (  # a stamp in two time zones
            ["POSTED: 1052 GMT (1852 HKT), March 4, 2026\n\n" + MAYOR],
            [MAYOR],
        ),
        (  # a stamp in a country's time, or in local time
            ["11:39am UK, Wednesday 04 March 2026\n\n10:02 local time, Wed March 4\n\n" + MAYOR],
            [MAYOR],
        ),
        (  # a stamp with an agency's or a place's name, or a release line
            [
                "Lindholm Wire Mar 4, 2026, 09. 41AM CET\n\nVELM, Tuesday, March 4, 2026\n\n"
                "FOR IMMEDIATE RELEASE March 4, 2026\n\n" + MAYOR
            ],
            [MAYOR],
        ),
        (  # ... but a title-case headline with a year and no day or month is one
            ["Velm Ferry Sinks 2026\n\n" + MAYOR],
            ["Velm Ferry Sinks 2026", MAYOR],
        ),
        (
            ["On March 4, 2026 the mayor opened the bridge."],
            ["On March 4, 2026 the mayor opened the bridge."],
        ),
        # a headline the splitter ran into the first sentence stays apart (line break)
        (
            ["Harbour bridge opens after six years\n\n" + MAYOR],
            ["Harbour bridge opens after six years", MAYOR],
        ),
    ],
)
def test_segment_statements_stand_alone(pieces: list[str], expected: list[str]) -> None:
    text, spans = _sentences(*pieces)
    assert _rows(text, spans, []) == expected


def test_segment_statement_takes_longest_part_and_adds_uncovered_clause() -> None:
    text = (
        "Mayor Anna Roth, who had not left the island since the floods, "
        "flew to the capital on Friday after the council approved the loan."
    )
    analysis = _with_claims(
        text,
        [(0, len(text))],
        ["who had not left the island since the floods", "the council approved the loan"],
    )
    [(statement, parts)] = statements(analysis, analysis.claims)
    assert statement.text == text and statement.id == "a1:s0"
    assert statement.predicate == "open"  # from the longest part
    gap = [p for p in parts if p.id.endswith(".g")]
    assert [p.text for p in gap] == ["flew to the capital on Friday after"]


@pytest.mark.parametrize(
    ("claim_texts", "main", "negated"),
    [
        # the relative clause is the longest part, but another part is the sentence's own
        (
            ["who had not left the island since the floods", "flew to the capital on Friday"],
            "flew to the capital on Friday",
            False,
        ),
        # only the relative clause was read, and the sentence says more: it denies nothing
        (["who had not left the island since the floods"], None, False),
    ],
)
def test_segment_statement_flags_never_come_from_a_relative_clause_aside(
    claim_texts: list[str], main: str | None, negated: bool
) -> None:
    text = (
        "Mayor Anna Roth, who had not left the island since the floods, "
        "flew to the capital on Friday."
    )
    analysis = _with_claims(text, [(0, len(text))], claim_texts)
    analysis.claims[0] = dataclasses.replace(
        analysis.claims[0], negated=True, hedged=True, predicate="leave"
    )
    [(statement, _parts)] = statements(analysis, analysis.claims)
    assert statement.negated is negated and statement.hedged is False
    if main is not None:
        assert statement.predicate == "open"  # the flight's part, not the aside's "leave"


@pytest.mark.parametrize(
    ("text", "speaker_part", "aside", "aside_agent"),
    [
        # a verb joined to a relative clause is told of "who" too
        (
            "“Nothing would change our assessment,” said Ines Varda, who was the harbour "
            "master until May, and retired after decades of studying the river.",
            "Nothing would change our assessment",
            "retired after decades of studying the river",
            "who",
        ),
        # a participial clause hung on the sentence is not what the sentence says
        (
            "Ines Varda said the ferry is not being hurt by the tolls, pointing to an "
            "increase in the number of passengers since the spring.",
            "the ferry is not being hurt by the tolls",
            "pointing to an increase in the number of passengers since the spring",
            "",
        ),
    ],
)
def test_segment_statement_speaks_with_its_main_clause_not_an_aside(
    text: str, speaker_part: str, aside: str, aside_agent: str
) -> None:
    from storylens.types import Argument

    analysis = _with_claims(text, [(0, len(text))], [speaker_part, aside])
    said, other = analysis.claims
    analysis.claims[0] = dataclasses.replace(said, attributed_to=["Ines Varda"], predicate="say")
    verb = aside.split()[0]
    arguments = {"predicate": Argument(verb, other.start, other.start + len(verb))}
    if aside_agent:
        arguments["agent"] = Argument(aside_agent, 0, len(aside_agent))
    analysis.claims[1] = dataclasses.replace(other, arguments=arguments)
    [(statement, _parts)] = statements(analysis, analysis.claims)
    assert statement.attributed_to == ["Ines Varda"] and statement.predicate == "say"


def test_segment_statement_flags_come_from_a_relative_clause_that_is_all_there_is() -> None:
    # a headline that is only a relative clause keeps the clause's denial
    text = "Fishermen who did not return to the harbour before the storm"
    analysis = _with_claims(
        text, [(0, len(text))], ["who did not return to the harbour before the storm"]
    )
    analysis.claims[0] = dataclasses.replace(analysis.claims[0], negated=True)
    [(statement, _parts)] = statements(analysis, analysis.claims)
    assert statement.negated is True


@pytest.mark.slow
def test_segment_relative_clause_is_matched_with_its_antecedent() -> None:
    text = (
        "The harbour master, who had not left the island since the floods of last spring, "
        "flew to the capital on Friday to meet the minister"
    )
    analysis = analysis_of(text)
    seg = segment_claims([analysis])
    children = [p for p in seg.parts["a1:s0"] if p.id.startswith("a1:c0.")]
    assert children, "the relative clause is a part of its own"
    relative = next(p for p in children if p.text.startswith("who"))
    assert seg.focus[relative.id].startswith("The harbour master had not left the island")


@pytest.mark.parametrize(
    ("relative", "compared_by"),
    [
        # the antecedent stands in for the clause's subject, and is only the noun phrase: the
        # clause's own name parts ("Velm Harbour Trust") are not part of it
        ("who had met him", "Amsel had met him in Velm"),
        # "Amsel he had met in Velm" would be no sentence: an object keeps the clause's words
        ("whom he had met", "whom he had met in Velm"),
    ],
)
def test_segment_relative_clause_antecedent_stands_in_for_its_subject(
    relative: str, compared_by: str
) -> None:
    text = (
        f"The pilot toured the docks with Amsel, {relative} in Velm at a dinner of "
        "the Velm Harbour Trust board in July"
    )
    seg = segment_claims([analysis_of(text)])
    part = next(p for p in seg.parts["a1:s0"] if p.text.startswith(relative.split()[0] + " "))
    assert seg.focus.get(part.id, part.text).startswith(compared_by)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "claim", "gap"),
    [
        (  # only names the source: no part of its own, it would match other outlets' frames
            "The harbour board approved a new ferry timetable on Monday, "
            "the Velm Gazette reported.",
            "The harbour board approved a new ferry timetable on Monday",
            None,
        ),
        (
            "The Velm Gazette reported the closure, while the port authority said that "
            "the harbour board approved a new ferry timetable on Monday.",
            "the harbour board approved a new ferry timetable on Monday",
            "The Velm Gazette reported the closure, while the port authority said that",
        ),
    ],
)
def test_segment_gap_that_only_names_a_source_is_no_part(
    text: str, claim: str, gap: str | None
) -> None:
    analysis = _with_claims(text, [(0, len(text))], [claim])
    seg = segment_claims([analysis])
    found = [p.text for p in seg.parts["a1:s0"] if p.id.endswith(".g")]
    assert found == ([gap] if gap else [])


def _people(text: str, names: list[str]) -> list[Mention]:
    out, pos = [], 0
    for name in names:
        start = text.index(name, pos)
        out.append(Mention("a1", start, start + len(name), name, "PERSON"))
        pos = start + len(name)
    return out


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (  # the story's main person, not the witness named last
            "Ferry captain Ivo Marek left Velm at dawn. Marek was seen at the pier by "
            "deckhand Lena Ost. He faces a fine.",
            ["Ivo Marek", "Marek", "Lena Ost"],
            "Ivo Marek faces a fine.",
        ),
        (  # one mention each: the last named
            "Mayor Anna Roth met Ivo Marek. She signed the loan.",
            ["Anna Roth", "Ivo Marek"],
            "Ivo Marek signed the loan.",
        ),
        ("He signed the loan.", [], None),  # nobody named before
        ("Anna Roth signed the loan.", ["Anna Roth"], None),  # no leading pronoun
    ],
)
def test_segment_leading_pronoun_read_as_main_person(
    text: str, names: list[str], expected: str | None
) -> None:
    sentence = text.rsplit(". ", 1)[-1]
    start = text.index(sentence)
    assert named_subject(sentence, start, _people(text, names)) == expected


def test_segment_relative_clause_claim_is_matched_with_its_antecedent() -> None:
    # the claim extractor may give a relative clause as a claim of its own: it is compared
    # by what it says of its antecedent, and keeps its own span
    text = "The new harbour master is a former navy pilot who served in the Velm fleet for years."
    main_end = text.index(" who")
    clause_start = main_end + 1
    article = Article(id="a1", outlet="Lakeside Post", text=text)
    claims = [
        Claim(id="a1:c0", article="a1", start=0, end=main_end, text=text[:main_end],
              predicate="be pilot", sentence=0),
        Claim(id="a1:c1", article="a1", start=clause_start, end=len(text) - 1,
              text=text[clause_start:-1], predicate="serve", sentence=0),
    ]  # fmt: skip
    seg = segment_claims([Analysis(article=article, sentences=[(0, len(text))], claims=claims)])
    clause = next(p for p in seg.parts["a1:s0"] if p.id == "a1:c1")
    assert clause.text.startswith("who served")
    assert seg.focus["a1:c1"] == "a former navy pilot served in the Velm fleet for years"


def test_segment_a_condition_is_no_part_of_its_own() -> None:
    # "if he meets the minister" states no fact: the statement is not matched on it
    text = "The pilot will raise the harbour fees with the council if he meets the minister."
    cond = text.index("he meets")
    article = Article(id="a1", outlet="Lakeside Post", text=text)
    claims = [
        Claim(id="a1:c0", article="a1", start=0, end=cond - 4, text=text[: cond - 4],
              predicate="raise", sentence=0),
        Claim(id="a1:c1", article="a1", start=cond, end=len(text) - 1,
              text=text[cond:-1], predicate="meet", sentence=0),
    ]  # fmt: skip
    seg = segment_claims([Analysis(article=article, sentences=[(0, len(text))], claims=claims)])
    assert [p.id for p in seg.parts["a1:s0"]] == ["a1:c0"]


@pytest.mark.parametrize(
    ("main", "clause", "kept"),
    [
        # an "until" clause that tells what has not happened yet states no fact either
        ("The pilot will keep the harbour fees as they are", "he meets the minister",
         ["a1:c0"]),
        ("The pilot keeps the harbour fees as they are", "the council can meet",
         ["a1:c0"]),
        # ... while one in the past tells what happened
        ("The pilot kept the harbour fees as they were", "he met the minister in May",
         ["a1:c0", "a1:c1"]),
    ],
)  # fmt: skip
def test_segment_an_until_clause_of_what_has_not_happened_is_no_part(
    main: str, clause: str, kept: list[str]
) -> None:
    text = f"{main} until {clause}."
    cond = text.index(clause)
    article = Article(id="a1", outlet="Lakeside Post", text=text)
    claims = [
        Claim(id="a1:c0", article="a1", start=0, end=len(main), text=main,
              predicate="keep", sentence=0),
        Claim(id="a1:c1", article="a1", start=cond, end=len(text) - 1,
              text=clause, predicate="meet", sentence=0),
    ]  # fmt: skip
    seg = segment_claims([Analysis(article=article, sentences=[(0, len(text))], claims=claims)])
    assert [p.id for p in seg.parts["a1:s0"]] == kept


def test_segment_a_sentence_with_no_claim_is_said_by_the_speaker_of_its_quote() -> None:
    from storylens.types import Quote

    said = "The aim of the new bridge is to carry more trucks, harbour master Ilse Brandt said."
    acted = "The harbour board agreed to keep the old bridge open until the spring of next year."
    text, spans = _sentences(said, acted)
    analysis = _with_claims(text, spans, [])

    def quote(content: str, cue: str, speaker: str) -> Quote:
        start, at = text.index(content), text.index(cue)
        return Quote(
            article="a1",
            start=start,
            end=start + len(content),
            text=content,
            speaker=speaker,
            cue=cue,
            cue_start=at,
            cue_end=at + len(cue),
            direct=False,
        )

    analysis.quotes = [
        quote("The aim of the new bridge is to carry more trucks", "said", "Ilse Brandt"),
        # an act, not words: the board is not the source of the sentence
        quote("to keep the old bridge open until the spring of next year", "agreed", "board"),
    ]
    found = statements(analysis, analysis.claims)
    assert [s.attributed_to for s, _ in found] == [["Ilse Brandt"], []]


def test_segment_a_sentence_whose_only_claim_is_an_aside_is_said_by_its_speaker() -> None:
    from storylens.types import Quote

    # the extractor read only the relative clause; the sentence's own clause is a report
    text = (
        "After the hearing, Ilse Brandt said she was heartbroken over the loss of the old "
        "ferry, which had sailed for forty years."
    )
    analysis = _with_claims(text, [(0, len(text))], ["which had sailed for forty years"])
    content = "she was heartbroken over the loss of the old ferry"
    start, at = text.index(content), text.index("said")
    said = Quote("a1", start, start + len(content), content, speaker="Ilse Brandt", cue="said",
                 cue_start=at, cue_end=at + 4, direct=False)  # fmt: skip
    analysis.quotes = [said]
    [(statement, _parts)] = statements(analysis, analysis.claims)
    assert statement.attributed_to == ["Ilse Brandt"]
    # with no report in the sentence, no one is its source
    analysis.quotes = []
    [(statement, _parts)] = statements(analysis, analysis.claims)
    assert statement.attributed_to == []


def test_segment_a_quotation_with_no_claim_before_its_tag_is_the_speakers() -> None:
    from storylens.types import Quote

    # no claim was read in the words quoted (no verb); the tag after them names who said them
    text = '"No proof and no witness at all," Ines Varda wrote in a long email to the Courier.'
    analysis = _with_claims(text, [(0, len(text))], [])
    end, at = text.index(",") + 2, text.index("wrote")
    said = Quote("a1", 0, end, text[:end], speaker="Ines Varda", cue="wrote", cue_start=at,
                 cue_end=at + 5, direct=True)  # fmt: skip
    analysis.quotes = [said]
    [(statement, _parts)] = statements(analysis, analysis.claims)
    assert statement.attributed_to == ["Ines Varda"]


def test_segment_a_sentence_inside_a_quotation_is_its_speakers() -> None:
    from storylens.analyse.segment import _quoted
    from storylens.types import Quote

    text = '"The ferry was late," Lund said. "It was as if the harbour had closed all week."'
    second = text.index('"It')
    statement = Claim("a:s1", "a", second + 1, len(text) - 2, text[second + 1 : -2])
    quote = Quote("a", second, len(text), text[second:], speaker="Anna Lund", direct=True)
    assert _quoted(statement, [quote]).attributed_to == ["Anna Lund"]
    # a sentence outside the quotation, or one that names its own source, keeps its own
    first = Claim("a:s0", "a", 1, 19, text[1:19])
    assert _quoted(first, [quote]).attributed_to == []
    own = Claim("a:s1", "a", second + 1, len(text) - 2, statement.text, attributed_to=["Vell"])
    assert _quoted(own, [quote]).attributed_to == ["Vell"]


def test_segment_a_sentence_with_no_claim_is_hedged_by_its_own_words() -> None:
    # no claim to take the flag from: the sentence's own "reportedly" or "appears to"
    # hedges it, a hedge inside a quotation does not
    plain = "The harbour board met on Tuesday to talk about the old bridge and the new ferry."
    text, spans = _sentences(
        PIKE,
        "The harbour master reportedly left the meeting early on Tuesday morning.",
        'The mayor told the board: "the old bridge reportedly failed its first test."',
        "The mayor told the board: ``the old bridge reportedly failed its first test.''",
        plain,
        "It looks like the harbour master took the warnings about the old bridge literally.",
    )
    found = statements(*(lambda a: (a, a.claims))(_with_claims(text, spans, [])))
    assert [s.hedged for s, _ in found] == [True, True, False, False, False, True]


def test_segment_a_sentence_with_no_claim_is_negated_by_its_own_words() -> None:
    # no claim to take the flag from: "did not respond", "would not say" deny in the
    # sentence's own clause; not a negation inside a quotation or a clause it opens, an
    # infinitive's, a plea's or "did not deny"
    text, spans = _sentences(
        "A spokesman for the harbour board did not respond to a request for comment.",
        "The ferry company would not say when the crossing will reopen.",
        'The mayor told the board: "the old bridge did not fail its test."',
        "The mayor told the board: ``the old bridge did not fail its test.''",
        "The assurance that the pier was not closing calmed the traders.",
        "The mayor warned the board not to sell the old ferry.",
        "The skipper pleaded not guilty to the charge of reckless sailing.",
        "His lawyer did not deny that the skipper was on the bridge at the time.",
    )
    found = statements(*(lambda a: (a, a.claims))(_with_claims(text, spans, [])))
    assert [s.negated for s, _ in found] == [True, True, False, False, False, False, False, False]


def test_segment_a_sentence_opened_by_nor_keeps_it_and_is_negated() -> None:
    # "Nor" denies what follows: the statement keeps it and reads as denied ("is Windows
    # Server 2012." had been shown as a plain fact); "And", "But" are still left out
    text, spans = _sentences(
        "The flaw does not affect the new tablets.",
        "Nor is the harbour office's old server.",
        "Neither ferry would leave the port on Monday.",
        "But the old ferry left the port on Tuesday.",
    )
    found = statements(*(lambda a: (a, a.claims))(_with_claims(text, spans, [])))
    assert [s.text for s, _ in found] == [
        "The flaw does not affect the new tablets.",
        "Nor is the harbour office's old server.",
        "Neither ferry would leave the port on Monday.",
        "the old ferry left the port on Tuesday.",
    ]
    assert [s.negated for s, _ in found] == [True, True, True, False]


def test_segment_a_dateline_on_a_line_of_its_own_is_no_statement() -> None:
    text, spans = _sentences(
        "Mumbai, Nov 11 -",
        "\nThe navy foiled a pirate attack on five merchant ships in the Gulf on Thursday.",
    )
    found = statements(*(lambda a: (a, a.claims))(_with_claims(text, spans, [])))
    assert [s.text for s, _ in found] == [
        "The navy foiled a pirate attack on five merchant ships in the Gulf on Thursday."
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "negated", "hedged"),
    [
        # the main clause denies; the longer clauses after it do not
        (
            "The mayor made no commitment, however, leaving it unclear whether she will close "
            "the old pier by a May 12 deadline she has set to either repair it or pull it down.",
            True,
            False,
        ),
        (
            "The new ferry does not carry cars, but still takes most of the harbour's foot "
            "passengers across the sound in half the time.",
            True,
            False,
        ),
        # what a speaker says is the main clause of a sentence that only reports it
        (
            '"On this point, we do not always agree, but in the end, such is the case in any '
            'town council or any family," the mayor said.',
            True,
            False,
        ),
        # a report of a report: what is reported last is the main clause
        (
            "A harbour spokesman said that when the skipper was asked what she saw, she told "
            "them she could not see the pier from the bridge.",
            True,
            False,
        ),
        (
            "The harbour master said the divers told him the hull was sound and had not been "
            "breached.",
            False,
            False,
        ),
        # an aside denies nothing
        (
            "Mayor Ilse Marant, who had not visited the harbour since 2019, opened the new pier "
            "on Monday.",
            False,
            False,
        ),
        # that no one knows whether something is so hedges it and denies nothing
        ("It is not yet clear whether the harbour fire was set on purpose.", False, True),
        ("The coastguard said it was unclear if the two boats had collided.", False, True),
        ("It is not true that the harbour master resigned.", True, False),
        # "no choice but to" says she will, and "can't help but" that it does
        ("The mayor said she has no choice but to close the old pier.", False, False),
        ("The harbour master said the storm can't help but delay the ferries.", False, False),
    ],
)
def test_segment_statement_flags_follow_the_main_clause(
    text: str, negated: bool, hedged: bool
) -> None:
    from storylens.analyse.tasks import segment_one
    from storylens.settings import Settings

    article = Article(id="a1", outlet="Lakeside Post", text=text)
    [statement] = segment_one(article, Settings(n_process=1)).analyses[0].claims
    assert (statement.negated, statement.hedged) == (negated, hedged)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "predicate", "hedged"),
    [
        # "that might harm" hangs on "dams": the minister's plan is neither hedged nor "harm"
        (
            "The minister announced plans Tuesday to resume full safety reviews of dams "
            "that might harm rare river fish.",
            "announce",
            False,
        ),
        (
            "The council approved a budget that probably will not cover the repairs to the "
            "flooded school buildings in the northern districts.",
            "approve",
            False,
        ),
        # the words beside the relative clause still hedge the sentence
        (
            "The new ferry company seems to have the problems that sank the old one after "
            "years of losses on the northern routes.",
            "seem",
            True,
        ),
    ],
)
def test_segment_statement_is_read_from_its_main_clause_not_a_that_relative(
    text: str, predicate: str, hedged: bool
) -> None:
    from storylens.analyse import tasks
    from storylens.settings import Settings
    from storylens.types import content_id

    article = Article(id=content_id(text), outlet="Lakeside Post", text=text)
    [statement] = tasks.segment_one(article, Settings(n_process=1)).analyses[0].claims
    assert statement.predicate == predicate
    assert statement.hedged is hedged and statement.negated is False


@pytest.mark.slow
def test_segment_statement_is_its_speakers_when_its_verb_reports_the_main_clause() -> None:
    # the longest part ("she walked back outside") was read without the speaker; the
    # sentence's own "said" reports it
    from storylens.analyse import tasks
    from storylens.settings import Settings
    from storylens.types import content_id

    text = (
        "Ilse Brandt, 32, testified on Thursday. Brandt said she hid with her son in a shop, "
        "but when the shouting in the street seemed to have stopped, she walked back outside "
        "where a stone struck her arm."
    )
    article = Article(id=content_id(text), outlet="Lakeside Post", text=text)
    claims = tasks.segment_one(article, Settings(n_process=1)).analyses[0].claims
    said = next(c for c in claims if c.text.startswith("Brandt said"))
    assert any("Brandt" in s for s in said.attributed_to), said.attributed_to


@pytest.mark.slow
def test_segment_a_currency_sign_lost_as_a_question_mark_ends_no_sentence() -> None:
    from storylens.analyse.tasks import segment_one
    from storylens.settings import Settings

    text = (
        "The council agreed to cut spending in return for? 110bn in loans from the fund. "
        "Why did the talks fail? 20 people lost their jobs at the harbour."
    )
    article = Article(id="a1", outlet="Lakeside Post", text=text)
    rows = [c.text for c in segment_one(article, Settings(n_process=1)).analyses[0].claims]
    # the "?" glued to "for" before a figure stood for a currency sign: one sentence, kept
    assert rows[0] == (
        "The council agreed to cut spending in return for? 110bn in loans from the fund."
    )
    # a sentence that opens as a question asks one, and is no row
    assert rows[1:] == ["20 people lost their jobs at the harbour."]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "source"),
    [
        # the parse reads only "two women and one man" as reported: all of it is the police's
        (
            "Police said two women and one man, between 30 and 40 years old, working for a "
            "ferry company choked on smoke after rioters broke the windows of the harbour office.",
            ["Police"],
        ),
        # an order or a hearsay passive is no one's statement
        ("The fourth deckhand told her to get out of the engine room.", []),
        (
            "A man said to have left the harbour at dawn was questioned over the fire.",
            [],
        ),
    ],
)
def test_segment_a_sentence_opened_by_its_speaker_is_theirs(text: str, source: list[str]) -> None:
    from storylens.analyse.tasks import segment_one
    from storylens.settings import Settings

    article = Article(id="a1", outlet="Lakeside Post", text=text)
    [statement] = segment_one(article, Settings(n_process=1)).analyses[0].claims
    assert statement.attributed_to == source


@pytest.mark.slow
def test_segment_a_sentence_a_scrape_broke_over_paragraphs_is_one_row() -> None:
    from storylens.analyse.tasks import segment_one
    from storylens.settings import Settings

    text = (
        "Ferry sinks off Velm\n\n"
        "on May 2, 2024 at 4:31 AM\n\n"
        "The ferry sank off Velm on Monday night.\n\n"
        "Harbour master Ines Varda said that the crew\n\n"
        "had left the ship in two lifeboats before it went down.\n\n"
        "The company will hold an inquiry."
    )
    article = Article(id="a1", outlet="Lakeside Post", text=text)
    rows = [c.text for c in segment_one(article, Settings(n_process=1)).analyses[0].claims]
    # a paragraph opening in lower case goes on with the sentence the scrape broke off
    assert (
        "Harbour master Ines Varda said that the crew\n\n"
        "had left the ship in two lifeboats before it went down."
    ) in rows
    # a headline is no sentence broken off: the time stamp below it is not part of it
    assert not any(row.startswith("Ferry sinks off Velm\n") for row in rows)


@pytest.mark.slow
def test_segment_a_transcript_turn_is_its_speakers() -> None:
    from storylens.analyse.tasks import segment_one
    from storylens.settings import Settings

    text = (
        "Mayor opens the harbour\n\n"
        "July 13, 2024\n\n"
        "Here is the transcript of the mayor's remarks at the quay.\n\n"
        "Mayor Ilse Marant: Before I cut the ribbon, I want to thank the builders.\n\n"
        "We waited ten years for this harbour, and our town is ready for it.\n\n"
        "The ferry to Lund will sail twice a day.\n\n"
        "Q: When will the second pier open?\n\n"
        "We hope to open it in the spring."
    )
    article = Article(id="a1", outlet="Lakeside Post", text=text)
    claims = segment_one(article, Settings(n_process=1)).analyses[0].claims
    source = {c.text: c.attributed_to for c in claims}
    # the mayor's turn: what she says of herself and her town is hers
    assert source["We waited ten years for this harbour, and our town is ready for it."] != []
    # a line with nothing of a speaker in it, and anything after the next label, is not
    assert source["The ferry to Lund will sail twice a day."] == []
    assert source["We hope to open it in the spring."] == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # no claim is read in these sentences, and the report is most of each: its words
        ("Part of the plan was to help the port over the airport, the auditors said.", "auditors"),
        ("Mayor Ilse Brandt has strongly denied misleading the harbour board.", "Brandt"),
        # a name that only modifies who speaks is not the speaker
        (
            "Several Velm harbour inspectors concluded in a March report that the pier was unsafe.",
            "Velm harbour inspectors",
        ),
    ],
)
def test_segment_a_statement_no_claim_was_read_in_keeps_the_reports_speaker(
    text: str, speaker: str
) -> None:
    from storylens.analyse import tasks
    from storylens.settings import Settings
    from storylens.types import content_id

    article = Article(id=content_id(text), outlet="Lakeside Post", text=text)
    claims = tasks.segment_one(article, Settings(n_process=1)).analyses[0].claims
    assert len(claims) == 1
    assert any(speaker in s for s in claims[0].attributed_to), claims[0].attributed_to
