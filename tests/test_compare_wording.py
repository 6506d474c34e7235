"""Which parts of a statement can stand as a group's shared wording."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from storylens.comparison import standalone
from storylens.comparison.align import Alignment
from storylens.types import Argument, Claim


def _part(text: str, verb: str, lemma: str, *, with_argument: bool = True) -> Claim:
    start = text.index(verb)
    args = {"predicate": Argument(verb, start, start + len(verb), lemma)} if with_argument else {}
    return Claim("p", "a", 0, len(text), text, predicate=lemma, arguments=args)


@pytest.mark.parametrize(
    ("text", "verb", "lemma", "alone"),
    [
        ("The ferry to Velm left the harbour at dawn", "left", "leave", True),
        ("After the storm, the ferry to Velm left the harbour", "left", "leave", True),
        # a clause that hangs on another one
        ("Just two days before the mayor opens the pier", "opens", "open", False),
        ("Expected by many to win the regatta", "Expected", "expect", False),
        ("The mayor and the harbour master to reopen the pier", "reopen", "reopen", False),
        # a participle phrase with no subject, its verb spelt otherwise than its lemma
        ("Using the holiday week for cover", "Using", "use", False),
        ("Taking the ferry to Velm at dawn", "Taking", "take", False),
        ("The council used the holiday week for cover", "used", "use", True),
    ],
)
def test_wording_a_part_must_be_a_main_clause(
    text: str, verb: str, lemma: str, alone: bool
) -> None:
    assert standalone.main_clause(_part(text, verb, lemma)) is alone
    # a clause read without its arguments: its verb is found by the lemma's spelling
    assert standalone.main_clause(_part(text, verb, lemma, with_argument=False)) is alone


@pytest.mark.parametrize(
    ("text", "readable"),
    [
        ("Officials stopped the race when the skipper fell overboard", True),
        ("Officials stopped the race when the skipper", False),  # the clause lost its verb
        ("Officials stopped the race while Lund", False),
        ("The regatta began on time as crews", False),
        ("The race was won by a former pilot serving as a harbour guide", True),
        ("Officials stopped the race after the storm", True),  # a preposition, not a clause
        ("Even after the storm passed over the harbour", False),  # a clause on its own
        # a name cut out of the apposition it stood in ("the skipper, Ada Vell, was ...")
        ("Ada Vell, was rescued by the harbour crew", False),
        ("Ada Vell, 43, was rescued by the harbour crew", True),
        # the list it introduced was split off
        ("Many of the crew's claims match the harbour log, including", False),
    ],
)
def test_wording_never_ends_in_a_clause_cut_before_its_verb(text: str, readable: bool) -> None:
    assert standalone.readable(text) is readable


@pytest.mark.parametrize(
    ("text", "readable"),
    [
        ("That's more than five times the legal limit", False),  # points at the sentence before
        ("This is the third fire at the pier this year", False),
        ("This morning the ferry to Velm left the harbour", True),  # "this" is no subject
        # a thing named in the sentence before: which ferries, what behaviour?
        ("Those ferries left the harbour at dawn", False),
        ("This behaviour earned the mayor a nickname", False),
        ("Those who stayed in the harbour were fined", True),
        ("They detail the mayor's demands for a new pier", False),  # who are they?
        ("Theresa Lund detailed the mayor's demands for a new pier", True),
    ],
)
def test_wording_never_points_back_at_a_sentence_it_leaves_out(text: str, readable: bool) -> None:
    assert standalone.readable(text) is readable


def test_wording_a_quotation_may_open_on_this() -> None:
    from storylens.comparison.standalone import points_back

    assert points_back("This is the third fire at the pier this year.")
    assert not points_back("“This is the third fire at the pier this year,” Roth said.")


@pytest.mark.parametrize(
    ("text", "readable"),
    [
        ("Velm] has shown great interest in the ferry line", False),  # cut out of "[Velm]"
        ("[Velm] has shown great interest in the ferry line", True),
        ("The council (which meets monthly) approved the ferry line", True),
        ("The council approved the ferry line (for now", False),
    ],
)
def test_wording_keeps_its_brackets_paired(text: str, readable: bool) -> None:
    assert standalone.readable(text) is readable


@pytest.mark.parametrize(
    ("text", "readable"),
    [
        # a clause that only says when or why something else happened is no wording
        ("By the time an autopsy of the ferry captain was released", False),
        ("Now that the harbour bridge is open to traffic", False),
        ("In order to keep the old pier open for the summer", False),
        # ...unless the sentence it opens goes on after a comma
        ("Every time the council met, it argued about the pier", True),
        ("By Friday the council had voted to close the pier", True),
    ],
)
def test_wording_is_no_clause_of_time_or_purpose_alone(text: str, readable: bool) -> None:
    assert standalone.readable(text) is readable


def _statement_and_part(sentence: str, part: str, *, negated: bool = False) -> tuple[Claim, Claim]:
    statement = Claim("s", "a", 0, len(sentence), sentence)
    start = sentence.index(part)
    return statement, Claim(
        "p", "a", start, start + len(part), part, predicate="open", negated=negated
    )


@pytest.mark.parametrize(
    ("sentence", "part", "cut"),
    [
        # the span of time measured a clause the part leaves out
        (
            "The mayor opened the pier a month after the council approved it.",
            "The mayor opened the pier a month",
            True,
        ),
        ("The works lasted two years before the pier opened.", "The works lasted two years", True),
        # the span is the fact itself
        ("The works lasted two years, the council said.", "The works lasted two years", False),
        ("The mayor opened the pier after the storm.", "The mayor opened the pier", False),
        # no span of time, only when: "in recent months" needs nothing after it
        (
            "Ferry traffic has grown in recent months after the pier reopened.",
            "Ferry traffic has grown in recent months",
            False,
        ),
    ],
)
def test_wording_never_leaves_a_span_of_time_without_what_it_measures(
    sentence: str, part: str, cut: bool
) -> None:
    from storylens.comparison.standalone import measure_cut

    statement, claim = _statement_and_part(sentence, part)
    assert measure_cut(part, claim, statement) is cut


def test_wording_a_span_of_time_keeps_what_it_measures_when_a_clause_is_split_off() -> None:
    from storylens.comparison.standalone import measure_cut

    sentence = "The mayor opened the pier a month after the council approved it, aides said."
    statement, part = _statement_and_part(
        sentence, "The mayor opened the pier a month after the council approved it"
    )
    # the wording leaves out the split-off "after ..." clause: it would end on the span
    assert measure_cut("The mayor opened the pier a month", part, statement)
    assert not measure_cut(part.text, part, statement)


def _details(sentence: str, wording: str, **flags: Any) -> list[dict[str, Any]]:
    """The outlet details of a two-outlet group: ``wording`` a part of the first outlet's
    ``sentence``, the second outlet saying something else."""
    from storylens.comparison.align import Alignment
    from storylens.comparison.conflict_args import ClaimView
    from storylens.comparison.wording import outlet_details

    statement = Claim("s", "a", 0, len(sentence), sentence)
    start = sentence.casefold().index(wording.casefold())
    part = Claim("p", "a", start, start + len(wording), wording, predicate="sign", **flags)
    other = Claim("t", "b", 0, 40, "The ferry line to Velm reopens in June.", predicate="reopen")
    views = {
        "s": ClaimView(statement, "Harbor Ledger", "a"),
        "t": ClaimView(other, "Coastal Voice", "b"),
    }
    alignment = Alignment(
        groups=[],
        views=views,
        scores={},
        parts={"s": ["p"], "t": ["t"]},
        part_views={"p": ClaimView(part, "Harbor Ledger", "a"), "t": views["t"]},
    )
    return [d for d in outlet_details(["s", "t"], alignment, 0.5) if d["claim"] == "s"]


def test_wording_an_outlet_detail_never_asserts_what_was_denied() -> None:
    sentence = "The harbour office denied that the two mayors signed a ferry deal on Monday."
    wording = "The two mayors signed a ferry deal on Monday"
    assert [d["text"] for d in _details(sentence, wording)] == [wording]
    assert [d["text"] for d in _details(sentence, wording, negated=True)] == []


def test_wording_an_outlet_detail_names_whose_words_it_gives() -> None:
    sentence = "The two mayors signed a ferry deal on Monday, the harbour office said."
    wording = "The two mayors signed a ferry deal on Monday"
    [cited] = _details(sentence, wording, attributed_to=["harbour office"])
    assert cited["source"] == "harbour office"
    [own] = _details(sentence, wording)
    assert "source" not in own
    # words that already name their source need no more
    named = "Harbour Office staff said the two mayors signed a ferry deal"
    [said] = _details(named + ".", named, attributed_to=["Harbour Office"])
    assert "source" not in said


def test_wording_a_detail_two_copies_print_is_shown_once_with_both() -> None:
    # copies of one article count as one outlet: a detail both print is theirs, shown once
    from storylens.comparison.align import Alignment
    from storylens.comparison.conflict_args import ClaimView
    from storylens.comparison.wording import outlet_details

    sentence = "The two mayors signed a ferry deal on Monday."
    wording = "The two mayors signed a ferry deal on Monday"
    views, parts, part_views = {}, {}, {}
    for n, outlet in enumerate(["Harbor Ledger", "Quay Wire"]):
        statement = Claim(f"s{n}", f"a{n}", 0, len(sentence), sentence)
        views[f"s{n}"] = ClaimView(statement, outlet, "a0")  # both copies of article a0
        part = Claim(f"p{n}", f"a{n}", 0, len(wording), wording, predicate="sign")
        parts[f"s{n}"] = [f"p{n}"]
        part_views[f"p{n}"] = ClaimView(part, outlet, "a0")
    other = Claim("t", "b", 0, 40, "The ferry line to Velm reopens in June.", predicate="reopen")
    views["t"] = part_views["t"] = ClaimView(other, "Coastal Voice", "b")
    parts["t"] = ["t"]
    alignment = Alignment(groups=[], views=views, scores={}, parts=parts, part_views=part_views)
    details = [d for d in outlet_details(["s0", "s1", "t"], alignment, 0.5) if d["text"] == wording]
    assert [(d["outlet"], d.get("copies")) for d in details] == [("Harbor Ledger", ["Quay Wire"])]


def _with_verb(sentence: str, part: str, verb: str) -> tuple[Claim, Claim]:
    statement, claim = _statement_and_part(sentence, part)
    at = sentence.index(verb, claim.start)
    claim.arguments["predicate"] = Argument(verb, at, at + len(verb), verb)
    return statement, claim


@pytest.mark.parametrize(
    ("sentence", "part", "verb", "cut"),
    [
        # the verb's object is left out
        (
            "Crews arriving at the pier could see smoke above the roof.",
            "Crews arriving at the pier could see",
            "see",
            True,
        ),
        ("News of the vote comes amid a row over fares.", "News of the vote comes", "comes", True),
        # cut inside the clause it reports
        (
            "Reports indicated that the mayor would resign.",
            "Reports indicated that the mayor",
            "indicated",
            True,
        ),
        ("The mayor who opened the pier resigned.", "The mayor", "mayor", False),
        # what the verb reports follows, after "that"
        (
            "Council staff made clear that the pier will close.",
            "Council staff made clear",
            "made",
            True,
        ),
        (
            "The council approved the plan that Lund drew up.",
            "The council approved the plan",
            "approved",
            False,
        ),
        (
            "The mayor presented on Monday what he called a plan.",
            "The mayor presented on Monday",
            "presented",
            True,
        ),
        # the clause closes with its verb
        ("The old pier collapsed.", "The old pier collapsed", "collapsed", False),
        (
            "The old pier collapsed when the tide rose.",
            "The old pier collapsed",
            "collapsed",
            False,
        ),
        ("The old pier collapsed, officials said.", "The old pier collapsed", "collapsed", False),
        ("The old pier collapsed in the storm.", "The old pier collapsed", "collapsed", False),
    ],
)
def test_wording_never_ends_where_its_clause_goes_on(
    sentence: str, part: str, verb: str, cut: bool
) -> None:
    from storylens.comparison.standalone import clause_cut

    statement, claim = _with_verb(sentence, part, verb)
    assert clause_cut(part, claim, statement) is cut


def test_wording_never_ends_before_what_a_verb_of_thinking_reports() -> None:
    from storylens.comparison.standalone import clause_cut

    sentence = "I never thought in my deepest heart that the pier would fall."
    part = "I never thought in my deepest heart"
    statement, claim = _with_verb(sentence, part, "thought")
    assert clause_cut(part, dataclasses.replace(claim, predicate="think"), statement)
    # a verb of doing keeps its "that" clause apart: "moved the boats in a hurry that night"
    assert not clause_cut(part, dataclasses.replace(claim, predicate="move"), statement)
    # nor does an object between the verb and "that": the plan's own clause follows
    sentence = "The council rejected the plan that Lund drew up in May."
    statement, claim = _with_verb(sentence, "The council rejected the plan", "rejected")
    claim = dataclasses.replace(claim, predicate="reject")
    assert not clause_cut("The council rejected the plan", claim, statement)


@pytest.mark.parametrize(
    ("text", "closed"),
    [
        ('The mayor said the pier would "reopen in June"', True),
        ("The mayor said the pier would “reopen in June”", True),
        ('The mayor would "leave the meeting" if it is not "fruitful', False),
        ("The mayor called the plan “a fair", False),
        # single marks too; apostrophes are none
        ("The mayor brought up the 'harbour thing", False),
        ("The mayor brought up the 'harbour thing' again", True),
        ("The mayor's pier and the Joneses' boat", True),
        ("He said ‘no’ twice", True),
    ],
)
def test_wording_an_outlet_detail_closes_its_quotations(text: str, closed: bool) -> None:
    from storylens.analyse.quotemarks import quotes_paired
    from storylens.comparison.standalone import _singles_paired

    assert (quotes_paired(text) and _singles_paired(text)) is closed


def test_wording_an_outlet_detail_never_shows_a_guessed_name() -> None:
    from storylens.comparison.conflict_args import ClaimView
    from storylens.comparison.wording import _shown

    said = Claim("p", "a", 0, 30, "He wanted the pier rebuilt fast")
    # "he" was matched as the story's main person: that helps grouping, but may be wrong
    guessed = ClaimView(said, "Post", "a", focus="Mayor Lund wanted the pier rebuilt fast")
    assert _shown(guessed) == "He wanted the pier rebuilt fast"
    # an antecedent read from the parse is shown
    relative = Claim("q", "a", 0, 30, "who had not left the island")
    resolved = ClaimView(relative, "Post", "a", focus="The pilot had not left the island")
    assert _shown(resolved) == "The pilot had not left the island"


def test_wording_a_relative_clause_that_says_which_is_no_detail_of_its_own() -> None:
    from storylens.comparison.conflict_args import ClaimView
    from storylens.comparison.wording import _shown

    clause = Claim("q", "a", 0, 27, "who had not left the island")
    # set off by commas, it says something more of the pilot
    aside = ClaimView(
        clause,
        "Post",
        "a",
        sentence="The pilot, who had not left the island, was fined.",
        focus="The pilot had not left the island",
    )
    assert _shown(aside) == "The pilot had not left the island"
    # without commas it says which pilots: "Pilots had not left the island" is not stated
    which = ClaimView(
        clause,
        "Post",
        "a",
        sentence="Pilots who had not left the island risk fines.",
        focus="Pilots had not left the island",
    )
    assert _shown(which) == "who had not left the island"


@pytest.mark.parametrize(
    ("sentence", "part", "open_question"),
    [
        ("Lund wants to learn whether the pier was rebuilt on time.", "the pier was rebuilt", True),
        ("Lund asked if the pier was rebuilt on time.", "the pier was rebuilt", True),
        ("Lund said the pier was rebuilt on time.", "the pier was rebuilt", False),
    ],
)
def test_wording_an_open_question_is_no_outlet_detail(
    sentence: str, part: str, open_question: bool
) -> None:
    statement, claim = _statement_and_part(sentence, part)
    assert standalone.asked(claim, statement) is open_question


def test_wording_a_shared_fact_is_never_the_content_of_a_denial() -> None:
    from storylens.comparison.standalone import whole

    sentence = "The harbour office denied that the mayor had signed the ferry deal."
    statement, part = _statement_and_part(
        sentence, "the mayor had signed the ferry deal", negated=True
    )
    assert not whole(part.text, part, statement)
    statement, part = _statement_and_part(sentence, "the mayor had signed the ferry deal")
    assert whole(part.text, part, statement)


def test_wording_an_outlet_detail_is_a_fact_with_a_speaker() -> None:
    # someone's own words with no one to say whose
    heard = "Then later I heard more screaming from the pier"
    assert _details(heard + ".", heard) == []
    [cited] = _details(heard + ", Lund said.", heard, attributed_to=["Lund"])
    assert cited["source"] == "Lund"
    # nothing but who says so
    only = "According to a report from the Velm Ledger published this week"
    assert _details(only + ".", only) == []


def _shared(texts: dict[str, str], score: float = 0.7) -> dict[str, Any]:
    """The shared fact of a group of one-part statements (id -> text, one outlet each, the
    first id's verb "sailed"), every pair of parts scoring ``score``."""
    from storylens.comparison.wording import shared_fact

    alignment = _alignment(texts, score)
    return shared_fact(list(texts), alignment, 0.5)


def _alignment(
    texts: dict[str, str],
    score: float,
    verb: str = "sailed",
    lemma: str = "sail",
    sources: dict[str, list[str]] | None = None,
) -> Alignment:
    """An alignment of one-part statements (id -> text, one outlet each, the part's
    predicate ``lemma`` at ``verb``, the statement's source from ``sources``), every pair of
    parts scoring ``score``."""
    from storylens.comparison.align import Alignment
    from storylens.comparison.conflict_args import ClaimView

    views, part_views, parts, part_scores = {}, {}, {}, {}
    for n, (sid, text) in enumerate(texts.items()):
        at = text.find(verb)
        found = {"predicate": Argument(verb, at, at + len(verb), lemma)} if at >= 0 else {}
        said = (sources or {}).get(sid, [])
        part = Claim(
            f"{sid}.p", sid, 0, len(text), text, predicate=lemma, arguments=found,
            attributed_to=said,
        )  # fmt: skip
        statement = Claim(sid, sid, 0, len(text), text, attributed_to=said)
        views[sid] = ClaimView(statement, f"Outlet {n}", sid)
        part_views[part.id] = ClaimView(part, f"Outlet {n}", sid)
        parts[sid] = [part.id]
    ids = list(parts)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            part_scores[(f"{a}.p", f"{b}.p")] = score
    return Alignment(
        groups=[],
        views=views,
        scores={},
        parts=parts,
        part_views=part_views,
        part_scores=part_scores,
    )


def _status(
    texts: dict[str, str],
    score: float,
    verb: str,
    lemma: str,
    sources: dict[str, list[str]] | None = None,
) -> str:
    """The status :func:`describe_groups` gives a group of these statements."""
    from storylens.comparison.align import ClaimGroup
    from storylens.comparison.describe import describe_groups
    from storylens.settings import Settings

    alignment = _alignment(texts, score, verb, lemma, sources)
    outlets = [alignment.views[sid].outlet for sid in texts]
    group = ClaimGroup("g", list(texts), outlets, list(texts), status="agreed")
    alignment.groups.append(group)
    describe_groups(alignment, Settings(align_threshold=0.5))
    return group.status


def test_wording_a_group_whose_wording_one_outlet_states_is_partial() -> None:
    # the two statements scored together, but neither states the other's wording
    texts = {
        "a": "Stock prices in Velm fell sharply when the harbour tolls were announced",
        "b": "The harbour board exempted the old ferries from the new tolls last March",
    }
    assert _status(texts, 0.6, "fell", "fall") == "partial"
    texts["b"] = "Stock prices in Velm fell sharply after the harbour tolls were announced"
    assert _status(texts, 0.6, "fell", "fall") == "agreed"


def test_wording_a_sources_words_are_agreed_only_by_outlets_that_give_the_source() -> None:
    # two people say the same words: two statements, no outlet states the other's
    texts = {
        "a": "The new harbour tolls will double the cost of every ferry crossing, Lund said",
        "b": "The new harbour tolls will double the cost of every ferry crossing, Orvel said",
    }
    assert _status(texts, 0.7, "double", "double", {"a": ["Lund"], "b": ["Orvel"]}) == "partial"
    texts["b"] = texts["b"].replace("Orvel", "Mayor Ada Lund")
    sources = {"a": ["Lund"], "b": ["Mayor Ada Lund"]}
    assert _status(texts, 0.7, "double", "double", sources) == "agreed"


def test_wording_what_a_thing_is_can_be_the_shared_wording() -> None:
    # "is the largest exporter": a predicate of "be" and what the subject is
    texts = {
        "a": "Norland is the largest timber exporter to Velm, and its mills are busy",
        "b": "Norland is the largest exporter of timber to Velm, followed by Lund and Orvel",
    }
    assert _status(texts, 0.7, "is", "be exporter") == "agreed"


def test_wording_a_shared_fact_drops_a_detail_only_one_outlet_gives() -> None:
    shared = _shared(
        {
            "a": "The ferry Nordlys sailed from Velm on Tuesday with the mayor aboard",
            "b": "The ferry Nordlys sailed from Velm on Tuesday, the harbour office said",
            "c": "On Tuesday the ferry Nordlys sailed from Velm again with forty people for Lund",
        }
    )
    assert "The ferry Nordlys sailed from Velm" in shared["text"]
    assert "mayor" not in shared["text"] and "harbour" not in shared["text"]
    assert sorted(shared["claims"]) == ["a", "b", "c"]
    assert shared["end"] - shared["start"] == len(shared["text"])


def test_wording_a_shared_fact_drops_an_opening_time_only_one_outlet_gives() -> None:
    texts = {
        "a": "In January, the ferry Nordlys sailed from Velm to Lund with the mayor",
        "b": "The ferry Nordlys sailed from Velm to Lund with the mayor, the office said",
        "c": "The ferry Nordlys sailed from Velm to Lund with the mayor and her staff",
    }
    shared = _shared(texts)
    assert shared["text"].casefold().startswith("the ferry nordlys sailed from velm to lund")
    assert sorted(shared["claims"]) == ["a", "b", "c"]
    if shared["claim"] == "a":  # its span is the words it shows
        assert texts["a"][shared["start"] : shared["end"]] == shared["text"]
    # an opening every outlet gives stays: it is part of what they all state
    held = {k: t.replace("The ferry", "In January, the ferry") for k, t in texts.items()}
    held["a"] = texts["a"]
    assert _shared(held)["text"].startswith("In January, the ferry")


@pytest.mark.parametrize(
    ("sentence", "verb", "opening"),
    [
        ("In January, the ferry Nordlys sailed from Velm to Lund", "sailed", "In January, "),
        ("During the storm, the ferry Nordlys sailed back to Velm", "sailed", "During the storm, "),
        ("However, the ferry Nordlys sailed from Velm to Lund", "sailed", "However, "),
        # a discourse opening goes even before a figure
        ("This time, the two ferries sailed from Velm to Lund", "sailed", "This time, "),
        # a condition, a hedge or a source is no detail: the rest holds only with it
        ("If elected, the mayor will close the old ferry pier", "close", ""),
        ("Reportedly, the ferry Nordlys sailed from Velm to Lund", "sailed", ""),
        ("According to Lund, the ferry Nordlys sailed from Velm", "sailed", ""),
        # the span a figure is counted over; a comma after the verb
        ("In 2019, forty ferries sailed from Velm to Lund", "sailed", ""),
        ("At least ten ferries sailed from Velm, the harbour office said", "sailed", ""),
        # what is left must say something alone
        ("In January, he sailed", "sailed", ""),
    ],
)
def test_wording_an_opening_detail_is_a_phrase_before_the_verb(
    sentence: str, verb: str, opening: str
) -> None:
    from storylens.comparison.standalone import leading_detail

    _, part = _with_verb(sentence, sentence, verb)
    assert sentence[: leading_detail(sentence, part)] == opening


def test_wording_a_shared_fact_is_cited_only_to_statements_that_hold_it() -> None:
    # a high pair score alone is no backing: the other statement names another ship
    shared = _shared(
        {
            "a": "The ferry Nordlys sailed from Velm on Tuesday",
            "b": "A cargo barge left the Lund docks at dawn",
        },
        score=0.8,
    )
    assert len(shared["claims"]) == 1


@pytest.mark.parametrize(
    ("sentence", "verb", "shorter"),
    [
        # a word that needs what follows it stays with it
        ("Armed robbers stole diamonds valued at 85 million crowns", "stole", []),
        ("The harbour master said a repair vessel is now at sea", "said", []),
        # a cut never leaves a later clause open
        ("Two crew were hurt, while the pilot remained in hospital", "hurt", []),
        ("The ferry sank off Velm at dawn", "sank", ["The ferry sank off Velm"]),
        # a passive, and two verbs joined by "and", end a wording whole
        ("A pilot was hurt and rescued in March 2024", "hurt", ["A pilot was hurt and rescued"]),
        ("Several crew were rescued in March 2024", "rescued", []),
        # how long it lasts is a detail too
        (
            "The harbour board postponed the new tolls until June 1",
            "postponed",
            ["The harbour board postponed the new tolls"],
        ),
        (
            "The harbour board delayed the tolls on Velm, Lund and Orsk for another 30 days",
            "delayed",
            [
                "The harbour board delayed the tolls on Velm, Lund and Orsk",
                "The harbour board delayed the tolls",
            ],
        ),
        # a list is no later clause, but "and" before a new subject is
        (
            "The board raised fees for ferries and barges in May",
            "raised",
            [
                "The board raised fees for ferries and barges",
            ],
        ),
        ("The board raised fees, and the pilots left in May", "raised", []),
    ],
)
def test_wording_a_trimmed_wording_never_leaves_a_word_open(
    sentence: str, verb: str, shorter: list[str]
) -> None:
    from storylens.comparison.standalone import trimmed

    statement, part = _with_verb(sentence, sentence, verb)
    assert trimmed(sentence, part, statement) == [sentence, *shorter]


@pytest.mark.parametrize(
    ("sentence", "verb", "lemma", "shorter"),
    [
        # a verb of putting keeps where it puts: "placed Vale" says nothing alone
        (
            "The Gulls placed Tom Vale on injured reserve in Velm",
            "placed",
            "place",
            ["The Gulls placed Tom Vale on injured reserve"],
        ),
        ("The court put the skipper under house arrest", "put", "put", []),
        # any other verb's place is a detail
        ("The Gulls beat the Owls in Velm", "beat", "beat", ["The Gulls beat the Owls"]),
    ],
)
def test_wording_a_verb_of_putting_keeps_where_it_puts(
    sentence: str, verb: str, lemma: str, shorter: list[str]
) -> None:
    from storylens.comparison.standalone import trimmed

    statement, part = _with_verb(sentence, sentence, verb)
    part = dataclasses.replace(part, predicate=lemma)
    assert trimmed(sentence, part, statement) == [sentence, *shorter]


def test_wording_a_denied_fact_keeps_its_details() -> None:
    from storylens.comparison.standalone import trimmed

    sentence = "The ferry did not sail from Velm on Tuesday"
    statement, part = _with_verb(sentence, sentence, "sail")
    assert trimmed(sentence, part, statement) == [sentence, "The ferry did not sail from Velm"]
    denied = dataclasses.replace(part, negated=True)
    assert trimmed(sentence, denied, statement) == [sentence]


@pytest.mark.parametrize(
    ("sentence", "part", "denied"),
    [
        ('"I don\'t think I can vote for this plan," Vale said.', "I can vote for this plan", True),
        ("The council did not say that the pier would close.", "the pier would close", True),
        ("Brandt never claimed the repair was finished.", "the repair was finished", True),
        ("Brandt said the repair was finished.", "the repair was finished", False),
        ("The pier did not open, but the ferry sailed.", "the ferry sailed", False),
    ],
)
def test_wording_a_clause_a_denied_verb_governs_is_not_whole(
    sentence: str, part: str, denied: bool
) -> None:
    from storylens.comparison.standalone import whole

    statement, claim = _statement_and_part(sentence, part)
    assert whole(part, claim, statement) is not denied


def test_wording_what_someone_says_is_told_with_who_says_it() -> None:
    # neither clause of what was said stands alone ("it would delay ...", "the board would
    # ..."), nor does either whole sentence hold the other's last clause: the wording is a
    # sentence up to the end of what was said, and both state it
    from storylens.comparison.align import Alignment, ClaimGroup
    from storylens.comparison.conflict_args import ClaimView
    from storylens.comparison.describe import describe_groups
    from storylens.settings import Settings

    said = {
        "a": (
            "The Velm harbour board said on Monday that it would delay the new tolls for "
            "another month, giving ferry owners across the northern coast a welcome reprieve",
            "it would delay the new tolls for another month",
            "The Velm harbour board",
        ),
        "b": (
            "Officials in Velm said the harbour board would delay the new tolls for another "
            "month, and the mayor promised to review the fares",
            "the harbour board would delay the new tolls for another month",
            "Officials in Velm",
        ),
    }
    views, part_views, parts = {}, {}, {}
    for n, (sid, (text, clause, source)) in enumerate(said.items()):
        start = text.index(clause)
        at = text.index("delay")
        part = Claim(
            f"{sid}.p", sid, start, start + len(clause), clause, predicate="delay",
            arguments={"predicate": Argument("delay", at, at + 5, "delay")},
            attributed_to=[source],
        )  # fmt: skip
        views[sid] = ClaimView(Claim(sid, sid, 0, len(text), text, predicate="say"), f"O{n}", sid)
        part_views[part.id] = ClaimView(part, f"O{n}", sid)
        parts[sid] = [part.id]
    group = ClaimGroup("g", ["a", "b"], ["O0", "O1"], ["a", "b"], status="agreed")
    alignment = Alignment(
        groups=[group], views=views, scores={}, parts=parts, part_views=part_views,
        part_scores={("a.p", "b.p"): 0.7},
    )  # fmt: skip
    describe_groups(alignment, Settings(align_threshold=0.5))
    assert group.status == "agreed"
    assert group.shared["text"].endswith("would delay the new tolls for another month")
    assert group.shared["text"].split()[0] in ("The", "Officials")
    assert sorted(group.shared["claims"]) == ["a", "b"]


def test_wording_never_ends_before_what_a_verb_of_telling_tells() -> None:
    from storylens.comparison.standalone import clause_cut

    sentence = "Harbour officials warned the ferry crews that the storm would reach Velm."
    part = "Harbour officials warned the ferry crews"
    statement, claim = _with_verb(sentence, part, "warned")
    # "that" after the object of "warn" opens the warning, not the crews' relative clause
    assert clause_cut(part, dataclasses.replace(claim, predicate="warn"), statement)
    assert not clause_cut(part, dataclasses.replace(claim, predicate="rescue"), statement)


def _split(
    sentence: str, part: str, clause: str, verb: str, lemma: str
) -> tuple[Claim, Claim, list[int]]:
    """A statement and one part of it whose clause ``clause`` was split off."""
    statement = Claim("s", "a", 100, 100 + len(sentence), sentence)
    at = sentence.index(part)
    v = sentence.index(verb)
    args = {"predicate": Argument(verb, 100 + v, 100 + v + len(verb), lemma)}
    cut = sentence.index(clause)
    return (
        statement,
        Claim("s:c1", "a", 100 + at, 100 + at + len(part), part, predicate=lemma, arguments=args),
        [100 + cut, 100 + cut + len(clause)],
    )


def test_wording_never_leaves_a_clause_out_of_a_quotation() -> None:
    from storylens.comparison.wording import _without

    sentence = '"We will rebuild the pier that the storm destroyed in May," Lund said.'
    part = "We will rebuild the pier that the storm destroyed in May"
    statement, claim, hole = _split(
        sentence, part, "that the storm destroyed in May", "rebuild", "rebuild"
    )
    # the part starts after the opening mark: its sentence shows it is quoted, so verbatim
    assert _without(claim, [hole], statement) == part
    unquoted = "The council will rebuild the pier that the storm destroyed in May."
    statement, claim, hole = _split(
        unquoted, unquoted[:-1], "that the storm destroyed in May", "rebuild", "rebuild"
    )
    assert _without(claim, [hole], statement) == "The council will rebuild the pier"


def test_wording_keeps_what_a_verb_of_telling_tells() -> None:
    from storylens.comparison.wording import _holes

    sentence = "Officials notified the crews that the storm would reach Velm, a report said."
    told = "that the storm would reach Velm"
    _statement, claim, hole = _split(sentence, sentence[:-15], told, "notified", "notify")
    clause = Claim("s:c1.1", "a", hole[0], hole[1], told)
    alignment = Alignment(groups=[], views={}, scores={}, children={"s:c1": [clause]})
    # "notified the crews" alone tells nothing: the clause it governs stays in the wording
    assert _holes(claim, "s:c1", alignment) == []
    # another verb's clause set off by a comma tells something more: it is left out
    sentence = "Officials warned the crews, who had sailed to Velm, a report said."
    aside = "who had sailed to Velm"
    _statement, claim, hole = _split(sentence, sentence[:-15], aside, "warned", "warn")
    clause = Claim("s:c1.1", "a", hole[0], hole[1], aside)
    alignment = Alignment(groups=[], views={}, scores={}, children={"s:c1": [clause]})
    assert _holes(claim, "s:c1", alignment) == [hole]


def test_wording_keeps_the_clause_that_says_which_thing_is_meant() -> None:
    from storylens.comparison.wording import _holes, _without

    sentence = "The report is based on records that the port released in May, Lund said."
    which = "that the port released in May"
    statement, claim, hole = _split(sentence, sentence[:-12], which, "based", "base")
    clause = Claim("s:c1.1", "a", hole[0], hole[1], which)
    alignment = Alignment(groups=[], views={}, scores={}, children={"s:c1": [clause]})
    # "The report is based on records" says nothing alone
    assert _holes(claim, "s:c1", alignment) == []
    assert _without(claim, _holes(claim, "s:c1", alignment), statement) == sentence[:-12]


def test_wording_an_outlet_detail_is_only_its_own_when_no_outlet_states_it() -> None:
    import numpy as np

    from storylens.comparison.conflict_args import ClaimView
    from storylens.comparison.scoring import PairScores
    from storylens.comparison.wording import outlet_details

    sentence = "The two mayors signed a ferry deal on Monday after a year of talks."
    wording = "The two mayors signed a ferry deal on Monday"
    statement = Claim("s", "a", 0, len(sentence), sentence)
    part = Claim("p", "a", 0, len(wording), wording, predicate="sign")
    other = Claim("t", "b", 0, 39, "The ferry line to Velm reopens in June.", predicate="reopen")
    # a third outlet states the detail, in a group of its own
    third = Claim("u", "c", 0, 44, "Both mayors signed the ferry deal on Monday.", predicate="sign")
    views = {
        "s": ClaimView(statement, "Harbor Ledger", "a"),
        "t": ClaimView(other, "Coastal Voice", "b"),
        "u": ClaimView(third, "Velm Post", "c"),
    }
    part_views = {"p": ClaimView(part, "Harbor Ledger", "a"), "t": views["t"], "u": views["u"]}

    def details(score_with_third: float) -> list[str]:
        matrix = np.array(
            [[0.0, 0.1, score_with_third], [0.0, 0.0, 0.1], [0.0, 0.0, 0.0]], dtype=np.float32
        )
        alignment = Alignment(
            groups=[],
            views=views,
            scores={},
            parts={"s": ["p"], "t": ["t"], "u": ["u"]},
            part_views=part_views,
            part_scores=PairScores(["p", "t", "u"], ["a", "b", "c"], matrix),
        )
        return [d["text"] for d in outlet_details(["s", "t"], alignment, 0.5) if d["claim"] == "s"]

    assert details(0.2) == [wording]  # no outlet states it: "only Harbor Ledger"
    assert details(0.8) == []  # Velm Post states it too, outside this group


@pytest.mark.parametrize(
    ("text", "agent", "own"),
    [
        # the board tells its own act: an outlet telling it flatly states the same fact
        ("it would delay the tolls for a month", "it", True),
        ("we will delay the tolls for a month", "we", True),
        # "he" may be anyone named before; a quotation is someone's words
        ("he would delay the tolls for a month", "he", False),
        ("“it would delay the tolls for a month”", "it", False),
        ("the ferry would sail once it is repaired", "it", False),
    ],
)
def test_wording_a_source_telling_its_own_act(text: str, agent: str, own: bool) -> None:
    from storylens.comparison.backing import own_act

    at = text.index(agent)
    claim = Claim(id="c", article="a", start=100, end=100 + len(text), text=text)
    claim.arguments["agent"] = Argument(agent, 100 + at, 100 + at + len(agent), agent)
    assert own_act(claim, "harbour board") is own


def _with_tail(sentence: str, head: str, tail: str, tail_id: str = "s:c2") -> Alignment:
    """A statement whose two parts are ``head`` and the clause ``tail`` read after it."""
    from storylens.comparison.conflict_args import ClaimView

    statement = Claim("s", "a", 0, len(sentence), sentence)
    at, to = sentence.index(head), sentence.index(tail)
    first = Claim("s:c1", "a", at, at + len(head), head, predicate="base")
    second = Claim(tail_id, "a", to, to + len(tail), tail, predicate="release")
    return Alignment(
        groups=[],
        views={"s": ClaimView(statement, "Harbor Ledger", "a")},
        scores={},
        parts={"s": ["s:c1", tail_id]},
        part_views={
            "s:c1": ClaimView(first, "Harbor Ledger", "a"),
            tail_id: ClaimView(second, "Harbor Ledger", "a"),
        },
    )


def test_wording_a_part_is_shown_with_the_clause_that_says_which_thing_is_meant() -> None:
    from storylens.comparison.wording import with_restrictive

    sentence = "The report is largely based on records that the port released in May."
    head, tail = "The report is largely based on records", "that the port released in May"
    alignment = _with_tail(sentence, head, tail)
    part = alignment.part_views["s:c1"].claim
    shown = with_restrictive(part, "s", alignment)
    assert shown.text == sentence[:-1]
    assert (shown.start, shown.end) == (0, len(sentence) - 1)
    # set off by a comma, the clause tells something more: the part stands alone
    sentence = "The report is largely based on records, which the port released in May."
    alignment = _with_tail(sentence, head, "which the port released in May")
    assert with_restrictive(part, "s", alignment) is part
    # a clause that runs on into words of another part is no whole to show
    sentence = "The report is based on records that the port says are lost for good."
    alignment = _with_tail(sentence, "The report is based on records", "that the port says")
    part = alignment.part_views["s:c1"].claim
    assert with_restrictive(part, "s", alignment) is part
    # words no claim was read from are shown up to their first comma
    sentence = "The report is based on records that the port released, the mayor said."
    tail = "that the port released, the mayor said"
    alignment = _with_tail(sentence, "The report is based on records", tail, "s.g")
    part = alignment.part_views["s:c1"].claim
    assert with_restrictive(part, "s", alignment).text == sentence[: sentence.index(",")]


def test_wording_a_backer_holds_what_the_wording_says_beside_its_names() -> None:
    from storylens.comparison.backing import covers, unnamed

    wording = (
        "Mirek Halas, the harbour master of Velm Port, was charged in May with lying to the "
        "council about the pier repairs"
    )
    naming = "The questions concern the firing of Velm Port harbour master Mirek Halas"
    stating = "Halas, who ran the port, was charged with lying about the pier repairs in May."
    # the names and the role alone pass the word share ...
    assert covers(wording, naming)
    # ... but not what the wording says of them
    assert not covers(unnamed(wording), naming)
    assert covers(wording, stating) and covers(unnamed(wording), stating)
    # a title-case headline and a wording that says little beside its names hold no words
    assert unnamed("Velm Council Charges Harbour Master Mirek Halas") == ""
    assert unnamed("The Velm Rovers take on the Orsk Mariners on Sunday") == ""
    # a short wording is held to its three words too: the names alone state no ban
    short = "Halas has even been banned from parts of Velm"
    assert not covers(unnamed(short), "Halas confirmed he would definitely be coming to Velm")
    assert covers(unnamed(short), "Halas was banned from parts of the port last year")


@pytest.mark.parametrize(
    ("sentence", "part", "cut"),
    [
        # a quotation going on past the part in its sentence: the speaker's words cut short
        (
            '"In telling the story, the mayor pointed at the pier and said it was rotten," '
            "Lund wrote.",
            "In telling the story, the mayor pointed at the pier",
            True,
        ),
        # the part closes the quotation, or is one whole sentence of a longer one
        ('"The pier was rotten," Lund wrote.', "The pier was rotten", False),
        ('"The pier was rotten. We knew it for years," Lund wrote.', "The pier was rotten", False),
        ('"The pier was rotten.', "The pier was rotten", False),
        # no quotation around the part
        ("The pier was rotten and the council knew it.", "The pier was rotten", False),
    ],
)
def test_wording_never_cuts_a_quotation_short(sentence: str, part: str, cut: bool) -> None:
    from storylens.comparison.standalone import quote_cut

    statement, claim = _statement_and_part(sentence, part)
    assert quote_cut(claim, statement) is cut


@pytest.mark.parametrize(
    ("sentence", "part", "agent", "verb", "lemma", "demanded"),
    [
        # what someone demands another do reads, alone, as done
        (
            "The mayor insisted Lund repair the pier before winter.",
            "Lund repair the pier before winter",
            "Lund",
            "repair",
            "repair",
            True,
        ),
        # a finite verb, a plural or a pronoun subject, a sentence's first word
        ("The mayor said Lund repairs piers.", "Lund repairs piers", "Lund", "repairs", "repair",
         False),
        ("The mayor said Londoners love the pier.", "Londoners love the pier", "Londoners",
         "love", "love", False),
        ("The mayor said we repair the pier.", "we repair the pier", "we", "repair", "repair",
         False),
        ("People repair the pier every spring.", "People repair the pier every spring", "People",
         "repair", "repair", False),
    ],
)  # fmt: skip
def test_wording_never_shows_a_demand_as_done(
    sentence: str, part: str, agent: str, verb: str, lemma: str, demanded: bool
) -> None:
    from storylens.comparison.standalone import mandated

    statement, claim = _statement_and_part(sentence, part)
    claim.predicate = lemma
    for role, words in (("agent", agent), ("predicate", verb)):
        at = sentence.index(words, claim.start)
        claim.arguments[role] = Argument(words, at, at + len(words), words)
    assert mandated(claim, statement) is demanded
