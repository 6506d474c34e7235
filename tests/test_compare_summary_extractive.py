"""The extractive summary: ordering, conflicts, attribution, neutral rewording, citations."""

from __future__ import annotations

from typing import Any

import pytest

from storylens.comparison.framing import analyse_framing
from storylens.comparison.summary import MAX_SENTENCES, summarise
from storylens.comparison.summary_rewrite import sentence_bounds
from storylens.types import Analysis, Argument, Article, Claim, Descriptor, Entity, Mention

# A fictional story: the opening of the Lund bridge, three fictional outlets.
TEXTS = {
    "a1": (
        "Tervian leader Varn Oskel opened the Lund bridge on Monday. "
        "The bridge cost 90 million crowns, the ministry said. "
        "Traffic will start on 3 May, according to Radio Lund."
    ),
    "b1": (
        "Communist dictator Varn Oskel opened the so-called Lund bridge on Monday. "
        "The bridge cost 120 million crowns. "
        "Oskel mocked critics of the project."
    ),
    "c1": (
        "Tervian leader Varn Oskel opened the Lund bridge on Monday, officials said. "
        "The bridge cost 90 million crowns."
    ),
}
OUTLETS = {"a1": "Lund Courier", "b1": "Red Flag Daily", "c1": "Tervia Today"}


def _claim(cid: str, art: str, sentence: int, **kw: Any) -> Claim:
    text = TEXTS[art]
    parts = text.split(". ")
    start = text.index(parts[sentence])
    body = parts[sentence] + ("" if parts[sentence].endswith(".") else ".")
    return Claim(cid, art, start, start + len(body), body, sentence=sentence, **kw)


def _analysis(art: str, descriptor: str, claims: list[Claim]) -> Analysis:
    text = TEXTS[art]
    ms = text.index("Varn Oskel")
    ds = text.index(descriptor)
    return Analysis(
        article=Article(id=art, outlet=OUTLETS[art], text=text),
        mentions=[Mention(art, ms, ms + 10, "Varn Oskel", "PERSON", entity="e_oskel")],
        descriptors=[Descriptor(art, ds, ds + len(descriptor), descriptor, 0, entity="e_oskel")],
        claims=claims,
    )


def _summary_of(claim: Claim, art: Article) -> list[dict[str, Any]]:
    """The summary of one article's one statement, its framing read first."""
    framing = analyse_framing([Analysis(article=art, claims=[claim])], [])
    return summarise([claim], [], framing, [], [art])


CLAIMS = [
    _claim("a1-0", "a1", 0),
    _claim("b1-0", "b1", 0),
    _claim("c1-0", "c1", 0),
    _claim("a1-1", "a1", 1, attributed_to=["ministry"]),
    _claim("c1-1", "c1", 1),
    _claim("b1-1", "b1", 1),
    _claim("a1-2", "a1", 2, attributed_to=["Radio Lund"]),
    _claim("b1-2", "b1", 2),
]
GROUPS: list[dict[str, Any]] = [
    {"id": "g-unique-b", "claims": ["b1-2"], "outlets": ["Red Flag Daily"], "status": "unique",
     "independent_sources": 1},
    {"id": "g-open", "claims": ["a1-0", "b1-0", "c1-0"], "status": "agreed",
     "outlets": ["Lund Courier", "Red Flag Daily", "Tervia Today"], "independent_sources": 3},
    {"id": "g-cost", "claims": ["a1-1", "c1-1", "b1-1"], "status": "conflicting",
     "outlets": ["Lund Courier", "Tervia Today", "Red Flag Daily"], "independent_sources": 3,
     "differences": [{"argument": "quantity", "values": [
         {"claim": "a1-1", "outlet": "Lund Courier", "value": 90000000},
         {"claim": "c1-1", "outlet": "Tervia Today", "value": 90000000},
         {"claim": "b1-1", "outlet": "Red Flag Daily", "value": 120000000}]}]},
    {"id": "g-traffic", "claims": ["a1-2"], "outlets": ["Lund Courier"], "status": "unique",
     "independent_sources": 1, "primary_sources": ["Radio Lund"]},
]  # fmt: skip


@pytest.fixture(scope="module")
def summary() -> list[dict[str, Any]]:
    analyses = [
        _analysis("a1", "Tervian leader", [c for c in CLAIMS if c.article == "a1"]),
        _analysis("b1", "Communist dictator", [c for c in CLAIMS if c.article == "b1"]),
        _analysis("c1", "Tervian leader", [c for c in CLAIMS if c.article == "c1"]),
    ]
    entity = Entity("e_oskel", "Varn Oskel", "PERSON")
    framing = analyse_framing(analyses, [entity])
    articles = [a.article for a in analyses]
    return summarise(CLAIMS, GROUPS, framing, [entity], articles)


def test_compare_summary_order_agreed_conflict_unique(summary: list[dict[str, Any]]) -> None:
    assert [s["kind"] for s in summary] == ["agreed", "conflicting", "unique", "unique"]


def test_compare_summary_agreed_uses_neutral_wording(summary: list[dict[str, Any]]) -> None:
    first = summary[0]["text"]
    assert first == "Tervian leader Varn Oskel opened the Lund bridge on Monday."
    assert set(summary[0]["claims"]) == {"a1-0", "b1-0", "c1-0"}


def test_compare_summary_conflict_stated_as_conflict(summary: list[dict[str, Any]]) -> None:
    text = summary[1]["text"]
    assert text.startswith("Lund Courier and Tervia Today say the bridge cost 90 million")
    assert "; Red Flag Daily says the bridge cost 120 million crowns" in text


def test_compare_summary_unique_attributed(summary: list[dict[str, Any]]) -> None:
    texts = [s["text"] for s in summary if s["kind"] == "unique"]
    assert (
        "Lund Courier reported that traffic will start on 3 May, according to Radio Lund." in texts
    )
    # loaded verb replaced by the lexicon's neutral alternative
    assert "Red Flag Daily reported that Oskel criticised critics of the project." in texts


def test_compare_summary_every_sentence_cites(summary: list[dict[str, Any]]) -> None:
    claim_ids = {c.id for c in CLAIMS}
    for sentence in summary:
        assert sentence["claims"] and set(sentence["claims"]) <= claim_ids
        assert set(sentence["articles"]) <= set(TEXTS)
        assert sentence["citations"] == sentence["claims"] + sentence["articles"]


def test_compare_summary_deterministic(summary: list[dict[str, Any]]) -> None:
    analyses = [
        Analysis(article=Article(id=a, outlet=OUTLETS[a], text=t)) for a, t in TEXTS.items()
    ]
    entity = Entity("e_oskel", "Varn Oskel", "PERSON")
    framing = analyse_framing(analyses, [entity])
    once = summarise(CLAIMS, GROUPS, framing, [entity], [a.article for a in analyses])
    again = summarise(CLAIMS, GROUPS, framing, [entity], [a.article for a in analyses])
    assert once == again


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("The strongman signed a so-called accord on Friday.",
         "Red Flag Daily reported that the leader signed an accord on Friday."),
        # dropping "lavish" alone would leave "a more reception"
        ("The mayor held a more lavish reception on Friday.",
         "Red Flag Daily reported that the mayor held a reception on Friday."),
    ],
)  # fmt: skip
def test_compare_summary_drops_loaded_modifier_without_neutral_descriptor(
    text: str, shown: str
) -> None:
    art = Article(id="x1", outlet="Red Flag Daily", text=text)
    claim = Claim("x1-0", "x1", 0, len(text), text)
    out = _summary_of(claim, art)
    assert out[0]["text"] == shown


@pytest.mark.parametrize(
    "text",
    [
        # a strongly rated noun or verb has no neutral word and cannot be left out
        "The harbour master praised the ferry crews after the gale.",
        "The mayor thanked the pilots for their bravery in the strait.",
    ],
)
def test_compare_summary_keeps_a_loaded_noun_or_verb_as_written(text: str) -> None:
    art = Article(id="x1", outlet="Red Flag Daily", text=text)
    claim = Claim("x1-0", "x1", 0, len(text), text)
    out = _summary_of(claim, art)
    assert out[0]["text"] == f"Red Flag Daily reported that {text[0].lower()}{text[1:]}"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("The mayor had bragged about the new pier at the meeting.",
         "Red Flag Daily reported that the mayor had talked about the new pier at the meeting."),
        ("The mayor is slamming the budget plan of the council.",
         "Red Flag Daily reported that the mayor is criticising the budget plan of the council."),
        ("The mayor brags that the pier will open in May.",
         "Red Flag Daily reported that the mayor says that the pier will open in May."),
        ("The mayor slammed the budget plan of the council.",
         "Red Flag Daily reported that the mayor criticised the budget plan of the council."),
    ],
)  # fmt: skip
def test_compare_summary_neutral_verb_takes_the_loaded_verbs_form(text: str, shown: str) -> None:
    # "had bragged about" is not "had said about", "is slamming" not "is criticised"
    art = Article(id="x1", outlet="Red Flag Daily", text=text)
    claim = Claim("x1-0", "x1", 0, len(text), text)
    out = _summary_of(claim, art)
    assert out[0]["text"] == shown


def test_compare_summary_caps_and_dedups() -> None:
    texts = [f"Officials in Lund counted {n} boats on the river on day {n}." for n in range(12)]
    arts = [Article(id=f"d{i}", outlet=f"Outlet {i}", text=t) for i, t in enumerate(texts)]
    claims = [Claim(f"d{i}-0", f"d{i}", 0, len(t), t) for i, t in enumerate(texts)]
    claims.append(Claim("dup", "d0", 0, len(texts[0]), texts[0]))
    groups = [
        {"id": f"g{c.id}", "claims": [c.id], "outlets": ["A", "B"], "status": "agreed"}
        for c in claims
    ]
    out = summarise(claims, groups, [], [], arts)
    assert len(out) == MAX_SENTENCES
    assert len({s["text"] for s in out}) == len(out)


@pytest.mark.parametrize(
    ("text", "claim", "sentence"),
    [
        ("Rain fell. The dam held firm, engineers said. Roads closed.", "dam held firm",
         "The dam held firm, engineers said."),
        ('"We are ready. Come and see," Mayor Dell said on Monday. Crowds came.', "We are ready",
         '"We are ready. Come and see," Mayor Dell said on Monday.'),
        ("Mr. Dell opened the bridge. It rained.", "opened the bridge",
         "Mr. Dell opened the bridge."),
        ('She called it "a fair deal." Others disagreed.', "a fair deal",
         'She called it "a fair deal."'),
        ("Headline without stop\nThe mayor spoke at noon. Then left.", "mayor spoke",
         "The mayor spoke at noon."),
    ],
)  # fmt: skip
def test_compare_summary_sentence_bounds(text: str, claim: str, sentence: str) -> None:
    start = text.index(claim)
    lo, hi = sentence_bounds(text, start, start + len(claim))
    assert text[lo:hi] == sentence


def test_compare_summary_clause_expands_to_sentence() -> None:
    text = 'Dell said the bridge "will last. It is steel," and left early. Next item.'
    art = Article(id="s1", outlet="Lund Courier", text=text)
    clause = "the bridge"
    start = text.index(clause)
    claim = Claim("s1-0", "s1", start, start + len(clause), clause, attributed_to=["Dell"])
    group = {"id": "g", "claims": ["s1-0"], "outlets": ["Lund Courier", "X"], "status": "agreed"}
    out = summarise([claim], [group], [], [], [art])
    assert out[0]["text"] == 'Dell said the bridge "will last. It is steel," and left early.'


def test_compare_summary_neutral_descriptor_and_canonical_name() -> None:
    loaded = "Communist dictator Varn-Oskel opened the dam on Friday."
    plain = "Tervian leader Varn Oskel spoke on Friday."
    arts = [
        Article(id="r1", outlet="Red Flag Daily", text=loaded),
        Article(id="p1", outlet="Plain News", text=plain),
    ]
    mentions = [("r1", loaded, "Varn-Oskel"), ("p1", plain, "Varn Oskel")]
    analyses = []
    for art, (aid, text, name) in zip(arts, mentions, strict=True):
        s = text.index(name)
        desc = text.split(name)[0].strip()
        analyses.append(
            Analysis(
                article=art,
                mentions=[Mention(aid, s, s + len(name), name, "PERSON", entity="e_oskel")],
                descriptors=[Descriptor(aid, 0, len(desc), desc, 0, entity="e_oskel")],
            )
        )
    entity = Entity(
        "e_oskel",
        "Varn Oskel",
        "PERSON",
        mentions=[
            {"article": a, "start": t.index(n), "end": t.index(n) + len(n)} for a, t, n in mentions
        ],
    )
    framing = analyse_framing(analyses, [entity])
    claim = Claim("r1-0", "r1", 0, len(loaded), loaded)
    out = summarise([claim], [], framing, [entity], arts)
    assert (
        out[0]["text"]
        == "Red Flag Daily reported that Tervian leader Varn Oskel opened the dam on Friday."
    )


def test_compare_summary_quotations_left_verbatim() -> None:
    text = 'Officials said Varn Oskel "met Varn-Oskel\'s rival, the dictator, at noon."'
    art = Article(id="q1", outlet="Lund Courier", text=text)
    spans = [text.index("Varn Oskel"), text.index("Varn-Oskel")]
    entity = Entity(
        "e_oskel",
        "Varn Oskel",
        "PERSON",
        mentions=[{"article": "q1", "start": s, "end": s + 10} for s in spans],
    )
    framing = analyse_framing([Analysis(article=art)], [entity])
    claim = Claim("q1-0", "q1", 0, len(text), text)
    group = {"id": "g", "claims": ["q1-0"], "outlets": ["Lund Courier", "X"], "status": "agreed"}
    out = summarise([claim], [group], framing, [entity], [art])
    assert out[0]["text"] == text


@pytest.mark.parametrize(
    "group",
    [
        {"id": "g", "claims": [{"id": "m-0"}], "status": "agreed", "independent_sources": "two"},
        {"claims": ["m-0", "missing"], "outlets": None},
        {"id": "g", "claims": [], "status": "agreed"},
        {"id": "g", "claims": ["m-0"], "status": "conflicting", "differences": [{"values": 3}]},
        {"id": "g", "claims": ["m-0"], "status": "conflicting", "differences": 7, "outlets": 5},
        {"id": "g", "claims": 4, "status": "agreed"},
    ],
)
def test_compare_summary_tolerates_odd_groups(group: dict[str, Any]) -> None:
    text = "The mayor opened the bridge."
    art = Article(id="m", outlet="Lund Courier", text=text)
    claim = Claim("m-0", "m", 0, len(text), text)
    out = summarise([claim], [group], [], [], [art])
    assert all(s["claims"] == ["m-0"] for s in out)


@pytest.mark.parametrize(
    ("before", "open_"),
    [
        ('"Our crew worked in', True),  # a quotation that runs on past the sentence
        ("“Our crew worked in", True),
        ('"We are done," the crew said, and', False),
        ("The crew worked in", False),
    ],
)
def test_summary_never_edits_inside_an_open_quotation(before: str, open_: bool) -> None:
    from storylens.analyse.quotemarks import quote_open

    assert quote_open(before) is open_


@pytest.mark.parametrize(
    ("text", "expected"),
    [  # a capitalised loaded name keeps its neutral word lower case mid-sentence
        (
            "The clinic in Velm closed after the Wuhan virus reached the port.",
            "the clinic in Velm closed after the coronavirus reached the port.",
        ),
        (
            "Wuhan virus cases closed the clinic in Velm on Friday.",
            "coronavirus cases closed the clinic in Velm on Friday.",
        ),
    ],
)
def test_compare_summary_neutral_word_capitalised_only_at_sentence_start(
    text: str, expected: str
) -> None:
    art = Article(id="v1", outlet="Lund Courier", text=text)
    claim = Claim("v1-0", "v1", 0, len(text), text)
    out = _summary_of(claim, art)
    assert out[0]["text"] == f"Lund Courier reported that {expected}"


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("Officials", "officials"),
        ("Harbour officials", "harbour officials"),
        ("Radio Lund", "Radio Lund"),
        ("Lawyer", "the lawyer"),  # a bare title, as in a headline "Lawyer: ..."
        ("fire chief", "the fire chief"),
        ("Tervia Port Authority", "the Tervia Port Authority"),  # a body named with "the"
        ("The Harbour Authority", "The Harbour Authority"),
        ("Number 7", "Number 7"),
        ("police", "police"),
    ],
)
def test_compare_summary_source_capitalised_only_when_a_name(source: str, shown: str) -> None:
    text = "The ferry to Velm will run again on Monday."
    other = "Radio Lund broadcast the timetable."
    art = Article(id="f1", outlet="Lund Courier", text=f"{text} {other}")
    claim = Claim("f1-0", "f1", 0, len(text), text, attributed_to=[source])
    group = {"id": "g", "claims": ["f1-0"], "outlets": ["Lund Courier", "X"], "status": "agreed"}
    framing = analyse_framing([Analysis(article=art, claims=[claim])], [])
    out = summarise([claim], [group], framing, [], [art])
    assert out[0]["text"] == f"According to {shown}, the ferry to Velm will run again on Monday."


def test_compare_summary_leaves_out_the_conjunction_its_statement_left_out() -> None:
    text = "The ferry left at dawn. But the harbour master would not confirm the new timetable."
    start = text.index("the harbour master")
    art = Article(id="h1", outlet="Lund Courier", text=text)
    claim = Claim("h1-1", "h1", start, len(text), text[start:])
    out = _summary_of(claim, art)
    assert out[0]["text"] == (
        "Lund Courier reported that the harbour master would not confirm the new timetable."
    )


def test_compare_summary_cites_a_source_only_to_outlets_that_give_it() -> None:
    # three outlets report the reopening; only two say the harbour office announced it:
    # "According to the harbour office, ..." cites those two and not the third
    texts = {
        "p1": "The ferry to Velm will run again on Monday, the harbour office said.",
        "p2": "The harbour office said the ferry to Velm will run again on Monday.",
        "p3": "The ferry to Velm will run again on Monday after a month of repairs.",
    }
    outlets = {"p1": "Lund Courier", "p2": "Velm Post", "p3": "Tervia Today"}
    arts = [Article(id=a, outlet=outlets[a], text=t) for a, t in texts.items()]
    sources = {"p1": ["the harbour office"], "p2": ["The harbour office"], "p3": []}
    claims = [Claim(f"{a}-0", a, 0, len(t), t, attributed_to=sources[a]) for a, t in texts.items()]
    shared = {
        "claim": "p1-0",
        "start": 0,
        "end": len(texts["p1"]),
        "text": texts["p1"],
        "attributed_to": ["the harbour office"],
        "claims": ["p1-0", "p2-0", "p3-0"],
    }
    group = {"id": "g", "claims": [c.id for c in claims], "outlets": list(outlets.values()),
             "status": "agreed", "independent_sources": 3, "shared": shared}  # fmt: skip
    analyses = [Analysis(article=a, claims=[c]) for a, c in zip(arts, claims, strict=True)]
    framing = analyse_framing(analyses, [])
    [out] = summarise(claims, [group], framing, [], arts)
    assert "harbour office" in out["text"]
    assert out["citations"] == ["p1-0", "p2-0", "p1", "p2"]


@pytest.mark.parametrize(
    ("wording", "expected"),
    [
        (
            "I couldn't agree more with the council",
            "According to Ilse Brandt: “I couldn't agree more with the council.”",
        ),
        (
            "We will open the pier in May",
            "According to Ilse Brandt: “We will open the pier in May.”",
        ),
        (
            "The pier will open in May.",
            "According to Ilse Brandt, the pier will open in May.",
        ),
    ],
)
def test_compare_summary_keeps_a_speakers_first_person_words_quoted(
    wording: str, expected: str
) -> None:
    # "According to Brandt, I couldn't agree more" would make the summary say "I"
    text = f"{wording}."
    art = Article(id="q1", outlet="Lund Courier", text=text)
    claim = Claim("q1-0", "q1", 0, len(text), text, attributed_to=["Ilse Brandt"])
    group = {"id": "g", "claims": ["q1-0"], "outlets": ["Lund Courier", "X"], "status": "agreed"}
    framing = analyse_framing([Analysis(article=art, claims=[claim])], [])
    [out] = summarise([claim], [group], framing, [], [art])
    assert out["text"] == expected


@pytest.mark.parametrize(
    ("text", "claim_from", "expected"),
    [
        (
            # "he said" names the speaker where it stands, not twice
            "“The pier is safe,” he said.",
            "“The pier",
            "According to Lund Courier, “The pier is safe,” Ilse Brandt said.",
        ),
        (
            # a statement that starts inside a quotation: the whole quotation is shown
            "“We checked every beam. The pier is safe,” he said.",
            "The pier",
            "According to Lund Courier, “We checked every beam. The pier is safe,” Ilse Brandt"
            " said.",
        ),
        (
            # typesetters' marks read as quotation marks, and "she told" is not "he said"
            "``The pier is safe,'' she told the council.",
            "``The pier",
            "According to Lund Courier, “The pier is safe,” Ilse Brandt told the council.",
        ),
        (
            # any verb of saying: "she described" names her too
            "She described the pier as safe.",
            "She described",
            "Lund Courier reported that Ilse Brandt described the pier as safe.",
        ),
        (
            # "it says" of a body names the body
            "The pier is safe, it says.",
            "The pier",
            "Lund Courier reported that the pier is safe, Ilse Brandt says.",
        ),
        (
            # a pronoun inside the quotation is the speaker's own word and stays
            "“He said the pier is safe,” the engineer noted.",
            "“He said",
            "Lund Courier reported that according to Ilse Brandt, “He said the pier is safe,” the"
            " engineer noted.",
        ),
    ],
)
def test_compare_summary_names_the_speaker_of_its_own_reporting_clause(
    text: str, claim_from: str, expected: str
) -> None:
    start = text.index(claim_from)
    art = Article(id="r1", outlet="Lund Courier", text=text)
    claim = Claim("r1-0", "r1", start, len(text), text[start:], attributed_to=["Ilse Brandt"])
    [out] = _summary_of(claim, art)
    assert out["text"] == expected


def _agreed_on(texts: dict[str, str], wording: str, source: str) -> list[str]:
    """The agreed summary sentences of a two-outlet group whose statements are ``wording``
    in each of ``texts`` (article id -> text), credited to ``source`` ("" for no one)."""
    arts = [Article(id=a, outlet=f"Outlet {a}", text=t) for a, t in texts.items()]
    sources = [source] if source else []
    claims = []
    for a, t in texts.items():
        start = t.index(wording)
        end = start + len(wording)
        claims.append(
            Claim(f"{a}-0", a, start, end, t[start:end], predicate="open", attributed_to=sources)
        )
    first = claims[0]
    shared = {"claim": "w1-0", "start": first.start, "end": first.end, "text": first.text,
              "attributed_to": sources, "claims": ["w1-0", "w2-0"]}  # fmt: skip
    group = {"id": "g", "claims": ["w1-0", "w2-0"], "outlets": ["Outlet w1", "Outlet w2"],
             "status": "agreed", "independent_sources": 1, "shared": shared}  # fmt: skip
    analyses = [Analysis(article=a, claims=[c]) for a, c in zip(arts, claims, strict=True)]
    out = summarise(claims, [group], analyse_framing(analyses, []), [], arts)
    return [s["text"] for s in out if s["kind"] == "agreed"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Ilse Brandt", "According to Ilse Brandt, “The pier will open in May.”"),
        ("", None),  # someone's words and no one to say whose: left out
    ],
)
def test_compare_summary_keeps_a_shared_quotation_quoted(source: str, expected: str | None) -> None:
    texts = {
        "w1": "Brandt spoke at noon. “The pier will open in May,” she said.",
        "w2": "Brandt was asked about the works. “The pier will open in May.”",
    }
    agreed = _agreed_on(texts, "The pier will open in May", source)
    assert agreed == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("text", "verb", "shown"),
    [
        # a dateline is no part of the sentence; a title abbreviation keeps its capital
        ("VELM, Lundia — Mr. Roth reopened the pier on Monday.", "reopened",
         "Lund Courier reported that Mr. Roth reopened the pier on Monday."),
        ("Mr. Roth reopened the pier on Monday.", "reopened",
         "Lund Courier reported that Mr. Roth reopened the pier on Monday."),
        ("Velm (AFP) – Mr. Roth reopened the pier on Monday.", "reopened",
         "Lund Courier reported that Mr. Roth reopened the pier on Monday."),
        ("VELM, May 4 (Reuters) - Mr. Roth reopened the pier on Monday.", "reopened",
         "Lund Courier reported that Mr. Roth reopened the pier on Monday."),
        ("Sept. 4 - Mr. Roth reopened the pier on Monday.", "reopened",
         "Lund Courier reported that Mr. Roth reopened the pier on Monday."),
        # an age written with spaces is no dateline
        ("The 11 - year old pier reopened on Monday.", "reopened",
         "Lund Courier reported that the 11 - year old pier reopened on Monday."),
        # a photo caption and a title line are left out
        ("Fishers and their families watching the pier reopen on Monday.", "watching", None),
        ("Pier Reopens in Velm", "", None),
        ("The fishers are watching the pier reopen on Monday.", "watching",
         "Lund Courier reported that the fishers are watching the pier reopen on Monday."),
    ],
)  # fmt: skip
def test_compare_summary_drops_datelines_captions_and_titles(
    text: str, verb: str, shown: str | None
) -> None:
    art = Article(id="d1", outlet="Lund Courier", text=text)
    args = {}
    if verb:
        at = text.index(verb)
        args["predicate"] = Argument(verb, at, at + len(verb), verb)
    claim = Claim("d1-0", "d1", 0, len(text), text, predicate=verb, arguments=args)
    out = _summary_of(claim, art)
    assert [s["text"] for s in out] == ([shown] if shown else [])


@pytest.mark.parametrize(
    ("source", "text", "named"),
    [
        ("Ilse Marant", "Marant said the pier is safe.", True),
        ("Velm Harbour Authority", "The VHA said the pier is safe.", True),  # its initials
        ("European Union", "The EU has insisted the pier is safe.", True),
        ("The Harbour Authority", "The pier is safe.", False),  # "The" names nobody
        ("Ilse Marant", "The pier is safe, IMF staff said.", False),  # "IM" is not "IMF"
        # a source named by what it is: that word too
        ("Tervian news agencies", "The pier is safe, Tervian news agencies said.", True),
        ("Tervian news agencies", "The pier is safe, a Tervian news agency said.", True),
        ("Tervian news agencies", "The pier is safe, senior Tervian officials said.", False),
        ("Velm Harbour spokeswoman", "The pier is safe, the Velm Harbour said.", False),
    ],
)
def test_compare_summary_knows_when_a_text_names_its_source(
    source: str, text: str, named: bool
) -> None:
    from storylens.comparison.summary import names_source

    assert names_source(source, text) is named


@pytest.mark.parametrize(
    ("text", "attributed_to", "relays"),
    [
        ("the pier is unsafe", ["Ilse Marant"], True),
        ("as Marant said, the pier is unsafe", [], True),  # named, no other source given
        # someone else's words about hers: they do not tell what she says
        ("nothing Ilse Marant showed proves the pier is unsafe", ["harbour officials"], False),
        ("the pier is unsafe", ["Jon Vell"], False),
    ],
)
def test_compare_summary_according_to_cites_only_who_tells_the_source_s_words(
    text: str, attributed_to: list[str], relays: bool
) -> None:
    from storylens.comparison.backing import relays_source

    claim = Claim(id="c", article="a", start=0, end=len(text), text=text)
    claim.attributed_to = attributed_to
    assert relays_source(claim, "Ilse Marant") is relays


@pytest.mark.parametrize(
    "text",
    [
        "The mayor called the plan cruel and barbaric at the meeting.",
        "The mayor called the plan barbaric and cruel at the meeting.",
    ],
)
def test_compare_summary_keeps_a_loaded_word_joined_to_another(text: str) -> None:
    # dropping "cruel" would leave "called the plan and barbaric"
    art = Article(id="l1", outlet="Lund Courier", text=text)
    at = text.index("called")
    claim = Claim("l1-0", "l1", 0, len(text), text, predicate="call",
                  arguments={"predicate": Argument("called", at, at + 6, "call")})  # fmt: skip
    [out] = _summary_of(claim, art)
    assert " and " in out["text"] and "plan and" not in out["text"] and "and at" not in out["text"]


def test_compare_summary_a_quote_inside_narration_does_not_make_it_the_speakers_words() -> None:
    from storylens.comparison.summary import _attributed
    from storylens.types import Claim

    def said(text: str) -> str:
        claim = Claim("c", "a", 0, len(text), text, attributed_to=["Ilse Marant"])
        return _attributed(claim, text, set())

    narration = 'The premier also disclosed that "we have had direct talks with Velm."'
    # the sentence names its speaker by office: no "According to Ilse Marant, the premier"
    assert said(narration) == narration
    assert said('Reports say that "we have had direct talks with Velm."').startswith(
        "According to Ilse Marant, reports say"
    )
    # a report the sentence's subject makes in a participle says whose claim it is
    declined = "She declined to open the pier, claiming the harbour wall was unsafe."
    assert said(declined) == declined
    # words of the speaker's own, outside any quotation, are quoted as hers
    assert said("We have had direct talks with Velm.") == (
        "According to Ilse Marant: “We have had direct talks with Velm.”"
    )


@pytest.mark.parametrize(("source", "kept"), [("Ilse Brandt", True), ("", False)])
def test_compare_summary_first_person_words_are_someones_even_unquoted(
    source: str, kept: bool
) -> None:
    # the quotation opens before the shared words and closes in a later sentence, or the
    # outlets left the marks out: "we" is a speaker, never the summary's own voice
    texts = {
        "w1": "Brandt spoke at noon. We will open the pier in May, she told the board.",
        "w2": "Brandt was asked about the works. We will open the pier in May.",
    }
    agreed = _agreed_on(texts, "We will open the pier in May", source)
    assert bool(agreed) is kept, agreed
    if kept:
        assert agreed[0].startswith("According to Ilse Brandt")


def test_compare_summary_words_after_an_open_quotation_mark_are_quoted() -> None:
    from storylens.comparison.lexicon import load_lexicon
    from storylens.comparison.summary_rewrite import Context, quoted_wording

    def quoted(text: str, home_end: int, wording: str) -> bool:
        art = Article(id="w1", outlet="Outlet w1", text=text)
        home = Claim("w1-0", "w1", 0, home_end, text[:home_end])
        lo = text.index(wording)
        ctx = Context([home], [], [], [art], load_lexicon())
        shared = {"claim": home.id, "start": lo, "end": lo + len(wording), "text": wording}
        return quoted_wording(home, shared, ctx)

    # the sentence opens a quotation before the words; it closes only in the next one
    opened = "“Sadly, the pier will not open in May. It needs new piles,” Brandt said."
    assert quoted(opened, opened.index(" It"), "the pier will not open in May")
    plain = "Sadly, the pier will not open in May. It needs new piles, Brandt said."
    assert not quoted(plain, plain.index(" It"), "the pier will not open in May")


@pytest.mark.parametrize(("source", "kept"), [("Ilse Brandt", True), ("", False)])
def test_compare_summary_a_quotation_with_one_inside_is_still_someones_words(
    source: str, kept: bool
) -> None:
    # straight marks: the "Storm" pair inside does not end the quotation
    quote = '"The pier will hold these large "Storm" waves all winter.'
    texts = {
        "w1": quote + ' It will not need repairs," she wrote.',
        "w2": "Brandt was asked about the works. " + quote + '"',
    }
    agreed = _agreed_on(texts, quote, source)
    assert bool(agreed) is kept, agreed
    if kept:
        assert agreed[0].startswith("According to Ilse Brandt")


def test_compare_summary_a_fact_of_an_event_told_again_gives_room_to_another() -> None:
    from storylens.comparison.summary import _Candidate, _select

    def cand(gid: str, text: str, event: str, rank: int) -> _Candidate:
        return _Candidate(
            "agreed", gid, ["A", "B"], (rank,), compose=lambda: (text, []), event=event
        )

    filed = "The council filed a lawsuit on Friday against the port, alleging it polluted the bay."
    again = "Council files suit alleging port polluted bay."
    other = "The ferry to Lund resumed its service on Monday."
    chosen = _select(
        [cand("g1", filed, "e1", 0), cand("g2", again, "e1", 1), cand("g3", other, "e1", 2)], 8
    )
    assert [c.group for c in chosen] == ["g1", "g3"]
    # told in two events, both are kept
    chosen = _select([cand("g1", filed, "e1", 0), cand("g2", again, "e2", 1)], 8)
    assert [c.group for c in chosen] == ["g1", "g2"]


def test_compare_summary_tells_a_partial_group_as_its_one_outlets_report() -> None:
    # the two statements share part of a fact; only the Courier's states the wording: the
    # sentence is the Courier's report, cited to the Courier alone
    analyses = [
        Analysis(article=Article(id=a, outlet=OUTLETS[a], text=TEXTS[a]), claims=claims)
        for a, claims in (("a1", [CLAIMS[0]]), ("c1", [CLAIMS[2]]))
    ]
    group = {
        "id": "g", "claims": ["a1-0", "c1-0"], "outlets": ["Lund Courier", "Tervia Today"],
        "status": "partial", "independent_sources": 1,
        "shared": {"claim": "a1-0", "text": CLAIMS[0].text, "claims": ["a1-0"]},
    }  # fmt: skip
    claims = [CLAIMS[0], CLAIMS[2]]
    [sentence] = summarise(claims, [group], [], [], [a.article for a in analyses])
    assert sentence["kind"] == "unique"
    assert sentence["text"].startswith("Lund Courier reported that ")
    assert sentence["claims"] == ["a1-0"] and sentence["articles"] == ["a1"]


def test_compare_summary_cites_one_statement_per_outlet() -> None:
    # two statements of one outlet back the wording: the sentence cites the first, its best
    analyses = [
        Analysis(article=Article(id=a, outlet=OUTLETS[a], text=TEXTS[a]), claims=claims)
        for a, claims in (("a1", [CLAIMS[0]]), ("b1", [CLAIMS[1], CLAIMS[5]]))
    ]
    group = {
        "id": "g", "claims": ["a1-0", "b1-0", "b1-1"], "status": "agreed",
        "outlets": ["Lund Courier", "Red Flag Daily"], "independent_sources": 2,
        "shared": {"claim": "a1-0", "text": CLAIMS[0].text, "claims": ["a1-0", "b1-0", "b1-1"]},
    }  # fmt: skip
    claims = [CLAIMS[0], CLAIMS[1], CLAIMS[5]]
    [sentence] = summarise(claims, [group], [], [], [a.article for a in analyses])
    assert sentence["claims"] == ["a1-0", "b1-0"]
    assert sentence["articles"] == ["a1", "b1"]


def _cost_sentence(other: Claim, source: str = "ministry") -> dict[str, Any] | None:
    """The summary sentence of a group whose wording is "The bridge cost 90 million crowns"
    of the Courier's "..., the ministry said." (given to ``source``) and ``other`` (Tervia
    Today's) stating it, or None when the summary gives the group no sentence."""
    import dataclasses

    home = dataclasses.replace(CLAIMS[3], attributed_to=[source])
    analyses = [
        Analysis(article=Article(id=a, outlet=OUTLETS[a], text=TEXTS[a]), claims=claims)
        for a, claims in (("a1", [home]), ("c1", [other]))
    ]
    group = {
        "id": "g", "claims": ["a1-1", "c1-1"], "status": "agreed",
        "outlets": ["Lund Courier", "Tervia Today"], "independent_sources": 2,
        "shared": {"claim": "a1-1", "text": "The bridge cost 90 million crowns",
                   "claims": ["a1-1", "c1-1"], "attributed_to": [source]},
    }  # fmt: skip
    sentences = summarise([home, other], [group], [], [], [a.article for a in analyses])
    assert len(sentences) <= 1
    return sentences[0] if sentences else None


@pytest.mark.parametrize(
    ("source", "flat"),
    [
        ("Tervian news agencies", True),  # no one in particular, capitalised or not
        ("Reports", True),
        ("local officials", True),
        ("Radio Lund", False),  # a named source's claim stays theirs
        ("Ilse Brandt", False),
    ],
)
def test_compare_summary_states_as_fact_what_no_one_in_particular_says(
    source: str, flat: bool
) -> None:
    # the other outlet states the cost as a fact: so does the sentence, unless a named
    # source gave it (then it is that source's claim, cited to the one outlet naming it)
    sentence = _cost_sentence(CLAIMS[4], source)
    if flat:
        assert sentence is not None
        assert sentence["text"] == "The bridge cost 90 million crowns."
        assert sentence["kind"] == "agreed" and sentence["articles"] == ["a1", "c1"]
    else:  # the named source's claim is the Courier's alone to cite, and the row is agreed
        assert sentence is None


def test_compare_summary_a_fact_another_outlet_gives_another_source_is_no_one_outlets_report() -> (
    None
):
    import dataclasses

    # the other outlet states the cost on another source's word: not what the ministry said,
    # yet the row agrees; no sentence says "Lund Courier reported that ..." beside it
    assert _cost_sentence(dataclasses.replace(CLAIMS[4], attributed_to=["Radio Lund"])) is None
    # stated as a plain fact by the other outlet: the sentence states it too, cited to both
    sentence = _cost_sentence(CLAIMS[4])
    assert sentence is not None
    assert sentence["kind"] == "agreed" and sentence["articles"] == ["a1", "c1"]
    assert sentence["text"] == "The bridge cost 90 million crowns."


def test_compare_summary_never_rewords_a_quotation_left_open() -> None:
    # the speaker's words run on into the next paragraph (typesetters' marks left open):
    # their loaded word stays, for they are the speaker's, not the outlet's
    words = "It was a tremendous failure of the harbour board"
    texts = {
        "q1": f"Mayor Ada Lund said:\n\n`` {words}, and we will fix it.\n\nThe pier reopens.",
        "q2": f"Mayor Ada Lund told the council: `` {words}.''",
    }
    analyses, claims = [], []
    for aid, text in texts.items():
        start = text.index("``")
        claim = Claim(
            f"{aid}-0", aid, start, len(text.split("\n\nThe pier")[0]),
            text[start:].split("\n\nThe pier")[0], attributed_to=["Mayor Ada Lund"],
        )  # fmt: skip
        claims.append(claim)
        analyses.append(Analysis(article=Article(id=aid, outlet=aid.upper(), text=text)))
    home = claims[0]
    group = {
        "id": "g", "claims": ["q1-0", "q2-0"], "status": "agreed", "outlets": ["Q1", "Q2"],
        "independent_sources": 2,
        "shared": {"claim": "q1-0", "text": f"`` {words}", "start": home.start,
                   "end": home.start + len(words) + 3, "claims": ["q1-0", "q2-0"],
                   "attributed_to": ["Mayor Ada Lund"]},
    }  # fmt: skip
    framing = analyse_framing(analyses, [])  # it finds the loaded word
    [sentence] = summarise(claims, [group], framing, [], [a.article for a in analyses])
    assert "tremendous failure" in sentence["text"], sentence["text"]


def test_compare_summary_cites_only_outlets_that_say_what_the_sentence_says() -> None:
    # the group holds a third outlet's statement that shares the names and a noun but says
    # something else of them: the sentence is not cited to it
    texts = {
        "p1": "North Tervia will suspend its nuclear and missile tests, state media reported.",
        "p2": "North Tervia will halt its nuclear and missile tests from Monday.",
        "p3": "Officials in Velm, which North Tervia has long threatened with missile strikes, "
        "were cautious.",
    }
    outlets = {"p1": "Lund Courier", "p2": "Velm Post", "p3": "Tervia Today"}
    arts = [Article(id=a, outlet=outlets[a], text=t) for a, t in texts.items()]
    claims = [Claim(f"{a}-0", a, 0, len(t), t) for a, t in texts.items()]
    wording = "North Tervia will suspend its nuclear and missile tests"
    shared = {"claim": "p1-0", "start": 0, "end": len(wording), "text": wording,
              "attributed_to": [], "claims": ["p1-0", "p2-0", "p3-0"]}  # fmt: skip
    group = {"id": "g", "claims": [c.id for c in claims], "outlets": list(outlets.values()),
             "status": "agreed", "independent_sources": 3, "shared": shared}  # fmt: skip
    analyses = [Analysis(article=a, claims=[c]) for a, c in zip(arts, claims, strict=True)]
    entities = [Entity(id="e_nt", name="North Tervia", type="GPE")]
    [out] = summarise(claims, [group], analyse_framing(analyses, entities), entities, arts)
    assert out["citations"] == ["p1-0", "p2-0", "p1", "p2"]


def test_compare_summary_keeps_a_label_choice_as_its_outlet_wrote_it() -> None:
    # another outlet's modifier would state what the cited outlet does not say ("the barren
    # island" for "the biggest island"): a label choice stays as written
    texts = {
        "Velm Courier": "The ruling lets homosexual couples adopt children in Velm.",
        "Harbour Post": "The ruling lets same-sex couples adopt children in Velm.",
        "Daily Strait": "Under the ruling, same-sex couples may adopt in Velm.",
    }
    arts = [Article(id=f"x{n}", outlet=o, text=t) for n, (o, t) in enumerate(texts.items())]
    claims = [Claim(f"{a.id}-0", a.id, 0, len(a.text), a.text) for a in arts]
    framing = analyse_framing(
        [Analysis(article=a, claims=[c]) for a, c in zip(arts, claims, strict=True)], []
    )
    labels = [t for t in framing[0]["loaded_terms"] if t["category"] == "label_choice"]
    assert [t["text"] for t in labels] == ["homosexual couples"]  # still shown as framing
    group = {
        "id": "g1",
        "claims": [claims[0].id],
        "outlets": ["Velm Courier"],
        "articles": [arts[0].id],
        "status": "unique",
    }
    out = summarise(claims[:1], [group], framing, [], arts)
    assert out and "homosexual couples" in out[0]["text"]
    assert "same-sex" not in out[0]["text"]


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        # "also" points at a fact its article told before: alone it dangles
        (
            "The harbour board also said the pier would reopen",
            "The harbour board said the pier would reopen.",
        ),
        # not inside a quotation, nor the "also" of "not only ... but also"
        ('Brandt said "we also want the pier open"', 'Brandt said "we also want the pier open"'),
        (
            "The pier is about trade, but it is also about jobs",
            "The pier is about trade, but it is also about jobs.",
        ),
        # a wording cut after a colon ends on a full stop alone
        ("The mayor has long experience of ferries:", "The mayor has long experience of ferries."),
    ],
)
def test_compare_summary_a_sentence_stands_alone(text: str, sentence: str) -> None:
    from storylens.comparison.summary import _sentence

    assert _sentence(text) == sentence
