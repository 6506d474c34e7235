"""Claims: atomic statements with arguments, quantities, source chains and flags."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storylens.analyse.claims import extract_claims
from storylens.analyse.dates import find_times
from storylens.analyse.quotes import find_quotes
from storylens.types import Article, Claim


def _claims(nlp: Any, article: Article) -> list[Claim]:
    doc = nlp(article.text)
    quotes = find_quotes(doc, article, [])
    times = find_times(doc, article)
    return extract_claims(doc, article, [], quotes, times)


def _article(text: str, published: str | None = "2025-06-15") -> Article:
    return Article(id="a_c", outlet="Test", text=text, published=published)


def _by_predicate(claims: list[Claim], predicate: str) -> Claim:
    matches = [c for c in claims if c.predicate == predicate]
    assert matches, f"no claim with predicate {predicate!r} in {[c.predicate for c in claims]}"
    return matches[0]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "day"),
    [
        # the day may be the shooting's: the parser hangs it on "charged" all the same
        ("A clerk was charged with murder after a shooting at the depot on Friday.", None),
        ("A clerk was charged with murder following the shooting on Friday.", None),
        ("A clerk was charged with murder on Friday.", "Friday"),
    ],
)
def test_claims_a_time_after_another_event_is_not_the_verbs(
    nlp: Any, text: str, day: str | None
) -> None:
    claim = _by_predicate(_claims(nlp, _article(text)), "charge")
    time = claim.arguments.get("time")
    assert (time.text if time else None) == day


@pytest.mark.slow
def test_claims_split_coordinated_verbs(nlp: Any) -> None:
    text = "The mayor opened the bridge on Sunday and thanked the builders."
    claims = _claims(nlp, _article(text))
    assert [c.predicate for c in claims] == ["open", "thank"]
    assert claims[0].arguments["agent"].text == "The mayor"
    assert claims[1].arguments["agent"].text == "The mayor"
    assert claims[0].arguments["time"].value == "2025-06-15"
    assert [c.id for c in claims] == ["a_c:c0", "a_c:c1"]
    for c in claims:
        assert text[c.start : c.end] == c.text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "predicate", "chain", "negated", "hedged"),
    [
        (
            "The Lindholm Gazette said the mayor had sold the ferry.",
            "sell",
            ["Lindholm Gazette"],
            False,
            False,
        ),
        (
            "Mayor Tilda Osk denied that the council sold the ferry.",
            "sell",
            ["Tilda Osk"],
            True,
            False,
        ),
        ("No contracts were signed during the visit.", "sign", [], True, False),
        # a negated modal with a comparative says yes, emphatically
        (
            "“I couldn't agree more with the board,” Tilda Osk said.",
            "agree",
            ["Tilda Osk"],
            False,
            False,
        ),
        ("The mayor could not be happier with the new ferry.", "be happy", [], False, False),
        ("The mayor could not agree to more cuts.", "agree", [], True, False),
        ("The mayor can't wait to open the new pier.", "wait", [], False, False),
        ("The ferry could not wait for the late passengers.", "wait", [], True, False),
        ("The mayor was not present at the ceremony.", "be present", [], True, False),
        # "no doubt" says yes; "no money" says no
        ("The mayor had no doubt that the ferry was safe.", "have", [], False, False),
        ("The mayor had no money for the ferry.", "have", [], True, False),
        ("It is no secret that the ferry is late.", "be secret", [], False, False),
        # a negative pronoun as the subject or object denies; "nothing but" affirms
        ("None of the ferries sailed in May.", "sail", [], True, False),
        ("The council offered nothing in return for the ferry.", "offer", [], True, False),
        ("The ferry is no longer safe.", "be safe", [], True, False),
        ("The mayor wore nothing but a harbour cap.", "wear", [], False, False),
        # "not guilty" is a plea or a verdict; "did not plead" and "is not guilty" deny
        ("The harbour master pleaded not guilty to the charges.", "plead", [], False, False),
        ("The harbour master was found not guilty of fraud.", "find", [], False, False),
        ("The harbour master did not plead guilty.", "plead", [], True, False),
        ("The harbour master is not guilty of fraud.", "be guilty", [], True, False),
        # "whether or not" leaves both answers open
        ("It was unclear whether or not the ferry could sail in May.", "sail", [], False, False),
        ("The mayor reportedly sold the ferry.", "sell", [], False, True),
        # words of likelihood hedge the verb they qualify, or the clause it completes
        ("The mayor will most likely not attend the ceremony.", "attend", [], True, True),
        ("The extension is unlikely to satisfy the harbour board.", "be unlikely", [], False, True),
        ("It is likely that the ferry will sail in May.", "sail", [], False, True),
        # a modal of possibility hedges; one of ability does not
        ("The ferry may have sailed in May.", "sail", [], False, True),
        ("The ferry might sail in May.", "sail", [], False, True),
        ("The fire at the pier could have been set.", "set", [], False, True),
        ("The ferry could sail in May.", "sail", [], False, False),
        ("Maybe the ferry will sail in May.", "sail", [], False, True),
        # ...but not inside the question a verb of asking reports
        (
            "One question asks what the mayor may have known about the sale.",
            "know",
            [],
            False,
            False,
        ),
        # "it seems", "it appears" with "it" as no one hedge the clause they govern
        ("Somebody, it seems, forgot to give the mayor the memo.", "forget", [], False, True),
        ("It seems that the mayor forgot the memo.", "forget", [], False, True),
        ("It appears the ferry will not sail.", "sail", [], True, True),
        ("The ferry looks like a wreck.", "look", [], False, False),
        ("The mayor looked as if he had seen a ghost.", "look", [], False, False),
        # a denied verb of belief or seeming denies what it hedges
        ("The pier is not believed to have had such a storm.", "have", [], True, True),
        ("The ferry is not thought to have sunk.", "sink", [], True, True),
        ("The pier is believed to have had such a storm.", "have", [], False, True),
        # a person's "'s said" before a clause is "has said", no hedge
        ("He's said the ferry sale is a fake story.", "be story", [], False, False),
        ("It is said that the mayor sold the ferry.", "sell", [], False, True),
        ("The mayor likes the new ferry.", "like", [], False, False),
        # a claim nobody is named for: "it has been claimed", "it was alleged"
        ("It has been claimed that the mayor sold the ferry.", "sell", [], False, True),
        (
            "“The pier is safe,” Tilda Osk, who chairs the harbour board, told reporters.",
            "chair",
            [],
            False,
            False,
        ),
        (
            "The mayor sold the ferry, according to local reports.",
            "sell",
            ["local reports"],
            False,
            True,
        ),
        (
            "The mayor “sold the ferry,” the Gazette reported, "
            "according to a summary by the Lindholm Herald.",
            "sell",
            ["Lindholm Herald", "Gazette"],
            False,
            False,
        ),
        (
            "“The ferry was sold in May,” Tilda Osk told reporters.",
            "sell",
            ["Tilda Osk"],
            False,
            False,
        ),
        # what someone hopes is wished for, not held true: hedged, still theirs
        (
            "Tilda Osk hopes that the council will sell the ferry in May.",
            "sell",
            ["Tilda Osk"],
            False,
            True,
        ),
        (
            "Tilda Osk believes that the council sold the ferry in May.",
            "sell",
            ["Tilda Osk"],
            False,
            False,
        ),
        # "could potentially", "it is possible that": guesses, not facts; "it is possible to
        # cross" says what can be done
        ("The storm could potentially close the ferry pier.", "close", [], False, True),
        ("It is possible that the storm closed the ferry pier.", "close", [], False, True),
        ("It is possible to cross the bay by ferry in winter.", "be possible", [], False, False),
        # inside a quotation too, where the hope is the speaker's "I hope"; a clause the
        # parser hung before the hope is not hoped for
        (
            "“Storms are already closing the pier, so I hope the council sells the ferry soon,” "
            "Tilda Osk said.",
            "sell",
            ["Tilda Osk"],
            False,
            True,
        ),
        (
            "“Storms are already closing the pier, so I hope the council sells the ferry soon,” "
            "Tilda Osk said.",
            "close",
            ["Tilda Osk"],
            False,
            False,
        ),
    ],
)
def test_claims_attribution_and_flags(
    nlp: Any, text: str, predicate: str, chain: list[str], negated: bool, hedged: bool
) -> None:
    claim = _by_predicate(_claims(nlp, _article(text)), predicate)
    assert claim.attributed_to == chain
    assert claim.negated is negated
    assert claim.hedged is hedged


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        ("Seoul offered talks on Monday. Pyongyang had rejected it.", "reject"),
        ("The harbour board criticized the plan on Friday.", "criticize"),
        ("Councillor Ada Myrstad praised the new ferry timetable.", "praise"),
        ("The ministry dismissed the figures.", "dismiss"),
    ],
)
def test_claims_stance_subject_is_no_source(nlp: Any, text: str, predicate: str) -> None:
    # a stance is what its subject did: the subject is no source of the claim it makes
    claim = _by_predicate(_claims(nlp, _article(text)), predicate)
    assert claim.attributed_to == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "chain", "negated"),
    [
        ("Ada Myrstad denied that the council had sold the ferry.", ["Ada Myrstad"], True),
        # a denial that names what it denies first denies the same
        ("Ada Myrstad denied rumours that the council had sold the ferry.", ["Ada Myrstad"], True),
        ("The harbour board dismissed reports that it sold the ferry.", ["harbour board"], True),
        # a guess at what someone thinks is the writer's, no report of theirs
        ("The harbour board could be hoping that the council sold the ferry.", [], False),
    ],
)
def test_claims_denials_and_guesses(nlp: Any, text: str, chain: list[str], negated: bool) -> None:
    claims = _claims(nlp, _article(text))
    claim = _by_predicate(claims, "sell")
    assert claim.attributed_to == chain
    assert claim.negated is negated
    # no row of the denial alone ("denied rumours", "dismissed reports")
    assert [c.predicate for c in claims] == ["sell"], [c.text for c in claims]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "predicate", "negated"),
    [
        # both verbs of "neither … nor" are denied: "nor denied the report" is no denial
        ("The harbour board neither confirmed nor denied the report.", "deny", True),
        ("Neither the council nor the harbour board sold the ferry.", "sell", True),
        ("Nor did the harbour board sell the old ferry to the council.", "sell", True),
        # "not only … but" denies nothing
        ("The board sold not only the ferry but the old pier as well.", "sell", False),
        # "there is no denying that …", "no escaping it": a gerund with its own object says
        # it is so; "there is no parking" stays a denial
        ("There is no escaping the new ferry tolls.", "be", False),
        ("There is no parking at the ferry pier.", "be", True),
    ],
)
def test_claims_neither_nor_and_no_gerund(
    nlp: Any, text: str, predicate: str, negated: bool
) -> None:
    claim = _by_predicate(_claims(nlp, _article(text)), predicate)
    assert claim.negated is negated, claim.text


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # words someone did not say, or did not deny, are no one's claim: shown alone they
        # would read as the outlet's own ("the council had sold the ferry")
        "Police didn't say why the council had sold the ferry.",
        "Ada Myrstad did not deny that the council had sold the ferry.",
        "The harbour board would not predict whether the council will sell the ferry.",
        "Nothing in the report indicated that the council had sold the ferry.",
        # nor is what someone asks or weighs
        "When the lawyer Ivo Berg asked whether she sold the ferry, Ada Myrstad nodded.",
        "Ivo Berg asked if the council had sold the ferry.",
        "Ada Myrstad did not know whether the council had sold the ferry.",
        # nor what someone only wants, plans or is expected to say
        "The harbour board wants to tell the council that the ferry was sold.",
        "The mayor is expected to announce that the council sold the ferry.",
    ],
)
def test_claims_words_nobody_asserts_are_no_claim(nlp: Any, text: str) -> None:
    claims = _claims(nlp, _article(text))
    assert "sell" not in [c.predicate for c in claims], [c.text for c in claims]


@pytest.mark.slow
def test_claims_what_is_asked_about_keeps_its_own_source(nlp: Any) -> None:
    # a question of why takes the fact asked about as given: it stays the asker's report
    claim = _by_predicate(
        _claims(nlp, _article("Ivo Berg asked why the council had sold the ferry.")), "sell"
    )
    assert claim.attributed_to == ["Ivo Berg"]


@pytest.mark.slow
def test_claims_stance_inside_a_report_keeps_the_reporter(nlp: Any) -> None:
    text = "The Lindholm Gazette reported that Pyongyang had rejected the offer."
    claim = _by_predicate(_claims(nlp, _article(text)), "reject")
    assert claim.attributed_to == ["Lindholm Gazette"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The council bought five wooden ferries.", 5.0, "ferry"),
        ("The convoy drove 250 kilometers to the coast.", 250.0, "km"),
        ("The port handled 40 percent of the grain.", 40.0, "percent"),
        ("The krona rose 1.2 percent on Monday.", 1.2, "percent"),
    ],
)
def test_claims_quantity_argument(nlp: Any, text: str, value: float, unit: str) -> None:
    claims = _claims(nlp, _article(text))
    assert len(claims) == 1
    quantity = claims[0].arguments["quantity"]
    assert (quantity.value, quantity.unit) == (value, unit)
    assert text[quantity.start : quantity.end] == quantity.text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "predicate", "agent", "quantity"),
    [
        (
            "The mayor signed a lease that hands the guild 30 percent of the pier.",
            "hand",
            "a lease",
            30.0,
        ),
        (
            "The council met on Monday, approving a budget of 12 ferries.",
            "approve",
            "The council",
            12.0,
        ),
    ],
)
def test_claims_relative_and_participle_clauses(
    nlp: Any, text: str, predicate: str, agent: str, quantity: float
) -> None:
    claims = _claims(nlp, _article(text))
    claim = _by_predicate(claims, predicate)
    assert claim.arguments["agent"].text == agent
    assert claim.arguments["quantity"].value == quantity
    head = claims[0]
    assert head.predicate != predicate and all(q.value != quantity for q in head.quantities)


@pytest.mark.slow
def test_claims_roles_passive_gift(nlp: Any) -> None:
    text = "The mayor had been given two silver keys by the harbour guild."
    claim = _by_predicate(_claims(nlp, _article(text)), "give")
    assert claim.arguments["recipient"].text == "The mayor"
    assert claim.arguments["theme"].text.startswith("two silver keys")
    assert claim.arguments["agent"].text == "the harbour guild"


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    ["Will the ferry sail on Monday?", "Follow the Lindholm Gazette on social media."],
)
def test_claims_skip_non_claims(nlp: Any, text: str) -> None:
    assert _claims(nlp, _article(text)) == []


def _drone_claims(nlp: Any, sample_files: list[Path]) -> dict[str, list[Claim]]:
    from storylens.ingestion import ingest
    from storylens.settings import Settings

    out: dict[str, list[Claim]] = {}
    for article in ingest([str(p) for p in sample_files], Settings()).articles:
        claims = _claims(nlp, article)
        out[article.outlet] = [
            c for c in claims if any(q.value == 5 and q.unit == "drone" for q in c.quantities)
        ]
    return out


@pytest.mark.slow
def test_claims_samples_drones_attributed_to_tass(nlp: Any, sample_files: list[Path]) -> None:
    by_outlet = _drone_claims(nlp, sample_files)
    assert len(by_outlet) == 2
    for outlet, claims in by_outlet.items():
        assert claims, f"{outlet}: no claim with 5 drones"
        assert all("TASS" in c.attributed_to for c in claims), outlet
    chains = [c.attributed_to for claims in by_outlet.values() for c in claims]
    assert ["Moscow Times", "TASS"] in chains


@pytest.mark.slow
def test_claims_example_story(nlp: Any, examples_dir: Path) -> None:
    from storylens.ingestion import ingest
    from storylens.settings import Settings

    story = examples_dir / "summit"
    if not story.is_dir():
        pytest.skip("examples/summit not present")
    articles = ingest([str(story)], Settings()).articles
    claims = [c for a in articles for c in _claims(nlp, a)]
    gifts = [c for c in claims if "compass" in c.text]
    assert gifts and all("Valpress" in c.attributed_to for c in gifts)
    shares = {
        q.value for c in claims for q in c.quantities if q.unit == "percent" and "flow" in c.text
    }
    assert shares == {40.0, 60.0}
    denial = [c for c in claims if "compensation" in c.text]
    assert denial and all(c.negated for c in denial)
    assert any("Brekke" in name for c in denial for name in c.attributed_to)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The harbour master said he bought " + ", ".join(f"{i} red buoys" for i in range(1200)),
        "The mayor " + " and ".join("ran" for _ in range(1200)) + " home.",
        "“" * 3000 + "said the mayor",
        "",
        "\n\n\n",
    ],
    ids=["long-list", "long-coordination", "unbalanced-quotes", "empty", "blank"],
)
def test_claims_survive_hostile_text(nlp: Any, text: str) -> None:
    article = _article(text)
    for claim in _claims(nlp, article):
        assert 0 <= claim.start <= claim.end <= len(text)
        assert claim.text == text[claim.start : claim.end]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        ("The harbour master, 91, passed away early on Thursday in her sleep.", "pass away"),
        ("Two ferry guards were gunned down near the pier on Friday.", "gun down"),
        ("The pilot walked away from the wreck unhurt.", "walk away"),
    ],
)
def test_claims_predicate_keeps_an_adverb_particle(nlp: Any, text: str, predicate: str) -> None:
    claims = _claims(nlp, _article(text))
    claim = _by_predicate(claims, predicate)
    assert text[claim.start : claim.end] == claim.text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "claim_text", "predicate", "subject", "hedged"),
    [
        # the parser reads "reopened" as a participle of "harbour": the sentence has no verb
        (
            "The Velm harbour reopened on Monday after engineers rebuilt the storm wall that "
            "collapsed in March.",
            "The Velm harbour reopened on Monday after engineers rebuilt the storm wall",
            "reopen",
            "The Velm harbour",
            False,
        ),
        (
            "Orvel ferry captain charged with smuggling",
            "Orvel ferry captain charged with smuggling",
            "charge",
            "Orvel ferry captain",
            False,
        ),
        # "is said to", "is believed to": no source named, the infinitive is a hedged claim
        (
            "The Orvel ferry is believed to be carrying forty passengers, the coastguard said.",
            "The Orvel ferry is believed to be carrying forty passengers",
            "carry",
            "The Orvel ferry",
            True,
        ),
        (
            "Mayor Lund is said to have resigned on Monday.",
            "Mayor Lund is said to have resigned on Monday",
            "resign",
            "Mayor Lund",
            True,
        ),
    ],
)
def test_claims_a_verb_the_parser_hangs_elsewhere_is_a_claim_of_its_subject(
    nlp: Any, text: str, claim_text: str, predicate: str, subject: str, hedged: bool
) -> None:
    claim = _by_predicate(_claims(nlp, _article(text)), predicate)
    assert claim.text == claim_text
    assert subject in {a.text for a in claim.arguments.values()}
    assert claim.hedged is hedged


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "predicate", "sources"),
    [
        # the parser hangs the first clause on "dismissed": a semicolon ends it, so it is
        # neither denied nor reported by the mayor
        (
            "Mayor Lund, however, has criticised that plan because some islanders have lost "
            'their ferry passes; he dismissed it as "a tax on islanders."',
            "criticise",
            [],
        ),
        # the tagger reads no name in a capitalised word that opens a sentence: the story
        # has named the person before, so "Fanning said" is Tim Fanning's report
        (
            "Fire chief Tim Fanning arrived at noon.\n\n"
            "Fanning said the gunman entered the party around 4 p.m.",
            "enter",
            ["Fanning"],
        ),
    ],
)
def test_claims_source_of_a_clause_read_across_the_parse(
    nlp: Any, text: str, predicate: str, sources: list[str]
) -> None:
    claim = _by_predicate(_claims(nlp, _article(text)), predicate)
    assert not claim.negated
    assert claim.attributed_to == sources


@pytest.mark.slow
def test_claims_a_datelines_agency_is_no_ones_antecedent(nlp: Any) -> None:
    # "it" is not the agency that filed the story
    text = (
        "VELM (Reuters) - Orvelia presented on Monday what it said was proof that the "
        "harbour wall had cracked."
    )
    claims = _claims(nlp, _article(text))
    assert claims and all("Reuters" not in c.attributed_to for c in claims)


@pytest.mark.slow
def test_claims_a_report_made_to_a_purpose_is_made(nlp: Any) -> None:
    text = "Ada Myrstad took to the radio on Monday to say that the council had sold the ferry."
    claim = _by_predicate(_claims(nlp, _article(text)), "sell")
    assert claim.attributed_to == ["Ada Myrstad"]
