"""Each debris rule fires on its debris and never on ordinary article sentences."""

from __future__ import annotations

import pytest

from storylens.ingestion import debris

DEBRIS = [
    ("Follow Tamsin Oduya on Facebook and Twitter.", "social media follow line"),
    ("Follow us on Instagram, Threads and X", "social media follow line"),
    ("Related article: Why the harbour tariff matters", "related-article link"),
    ("Related Articles", "related-article link"),
    ("Read more: Ten things to know about the canal vote", "related-article link"),
    ("See also: The ferry strike, explained", "related-article link"),
    ("More: The mayor's full interview on the harbour tariff", "related-article link"),
    ("ALSO: Ferry fares to rise in May", "related-article link"),
    ("Please let us know if you're having issues with commenting.", "comment-system notice"),
    ("Comments are closed for this story.", "comment-system notice"),
    ("Join the conversation", "comment-system notice"),
    ("12 Comments", "comment-system notice"),
    ("Share this article on Facebook | Share on X | Email", "share/subscribe line"),
    ("Share this story", "share/subscribe line"),
    ("Share on WhatsApp", "share/subscribe line"),
    ("Share: Facebook, X, Email", "share/subscribe line"),
    ("Subscribe to The Lantern Post for weekly harbour news.", "share/subscribe line"),
    ("Sign up for our morning newsletter", "share/subscribe line"),
    ("Tweet | Email | Print", "share/subscribe line"),
    ("For more information, check out the rowing club's statement.", "share/subscribe line"),
    ("For a full list of the ferry closures, visit harbourwatch.example.", "share/subscribe line"),
    ("Orla Benn / LANTERNPRESS", "photo credit"),
    ("Harbour Authority/Government of Estmark", "photo credit"),
    ("Photo: Daniel Ruiz", "photo credit"),
    ("Image credit: Miravel Press Office", "photo credit"),
    ("Kasia Lind/AFP via Getty Images", "photo credit"),
]

SENTENCES = [
    "For more information about the spill, the coast guard said residents should call 112.",
    "Follow-up talks are planned for next month, the ministry said.",
    "Officials said they would follow the court's ruling on Facebook's data centre.",
    "The related article in Tuesday's paper drew hundreds of letters.",
    "Readers left more than 300 comments on the mayor's post before it was deleted.",
    "She said the comments were taken out of context.",
    "Share prices in Lantern City fell 3 percent on Monday.",
    "Shares of the ferry operator closed higher.",
    "Subscribers to the service will pay more from June.",
    "The photo, taken by a resident, shows the flooded square.",
    "The ratio of exports to imports, 3/4 last year, is improving.",
    "Prices rose by 4.5% in 2024/2025, according to the statistics office.",
    "He told reporters: 'We will read more into this later.'",
    "The government of Estmark said the talks had been productive.",
    "Please let us know what you think of the new tram routes, the council wrote.",
    "Share this map with anyone planning a trip, please?",
    "Route B: Lisbon, Madrid, Lyon/Turin/Milan",
    "More than 300 people signed the petition: the council must now debate it.",
    "Also on Monday, the harbour board met the ferry operators.",
    "Estmark/Lantern/Orvale/Kessel Rail Union",
]


@pytest.mark.parametrize(("line", "reason"), DEBRIS)
def test_ingest_debris_rule_fires(line: str, reason: str) -> None:
    assert debris.debris_reason(line) == reason


@pytest.mark.parametrize("line", SENTENCES)
def test_ingest_debris_rule_keeps_sentences(line: str) -> None:
    assert debris.debris_reason(line) is None


@pytest.mark.parametrize(
    ("line", "who"),
    [
        ("Follow Tamsin Oduya on Facebook and Twitter.", "Tamsin Oduya"),
        ("Follow The Lantern Post on X", "The Lantern Post"),
        ("Follow us on Facebook", None),
        ("The minister will follow the vote on television.", None),
    ],
)
def test_ingest_debris_follow_target(line: str, who: str | None) -> None:
    assert debris.follow_target(line) == who


def test_ingest_debris_repeated_caption_with_credit() -> None:
    lines = [
        "The mayor opened the new bridge on Friday.",
        "",
        "Mayor Ilka Dorn cuts the ribbon on the Lantern Bridge, May 2, 2025.",
        "",
        "Mayor Ilka Dorn cuts the ribbon on the Lantern Bridge, May 2, 2025. (Reuters)",
        "The bridge cost 40 million crowns.",
    ]
    pairs = debris.find_repeated_captions(lines)
    assert [(p.first, p.second, p.credited) for p in pairs] == [(2, 4, True)]


def test_ingest_debris_repeated_caption_tolerates_typos_and_quotes() -> None:
    lines = [
        "Mayor Ilka Dorn's aide greets protestors outside the city hall, May 2, 2025",
        "Mayor Ilka Dorn’s aide greets protesters outside the city hall, May 2, 2025. (AP)",
    ]
    assert [(p.first, p.second) for p in debris.find_repeated_captions(lines)] == [(0, 1)]


def test_ingest_debris_distinct_lines_are_not_captions() -> None:
    lines = [
        "The council voted 7 to 2 in favour of the new tram line on Monday.",
        "The council voted 5 to 4 against the new bus depot on Tuesday. (AP)",
    ]
    assert debris.find_repeated_captions(lines) == []
