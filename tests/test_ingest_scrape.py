"""Markdown and plain-text scrapes: metadata lines, debris, markup and paragraphs."""

from __future__ import annotations

import pytest

from storylens.ingestion.dateline import parse_date_line, split_trailing_date
from storylens.ingestion.markdown import strip_markdown
from storylens.ingestion.scrape import Scrape, article_from_text, parse_scrape
from storylens.settings import Settings

SCRAPE = """# Lantern City Opens Floating Market

By [Orla Benn](#)

May 3, 2025

**Kasia Lind / LANTERNPRESS**

Lantern City opened its first floating market on Saturday, with 40 boats selling fish and bread.

"We waited ten years for this," said trader Mio Farrell, who sells smoked eel.

**Related article:** [How the canal was cleaned](#)

Traders at the floating market on Saturday, May 3, 2025.

Traders at the floating market on Saturday, May 3, 2025. (Lanternpress)

The market will open every weekend until October, the harbour office said.

Share this article on Facebook | Share on X | Email

Follow Orla Benn on Facebook and Twitter.

Please let us know if you're having issues with commenting.

Original url:

<https://www.lanternpost.example/2025/05/03/floating-market>
"""

SENTENCES = [
    "Lantern City opened its first floating market on Saturday, with 40 boats selling fish and "
    "bread.",
    '"We waited ten years for this," said trader Mio Farrell, who sells smoked eel.',
    "The market will open every weekend until October, the harbour office said.",
]


@pytest.fixture()
def parsed() -> Scrape:
    return parse_scrape(SCRAPE)


def test_ingest_scrape_metadata(parsed: Scrape) -> None:
    assert parsed.title == "Lantern City Opens Floating Market"
    assert parsed.byline == "Orla Benn"
    assert parsed.published == "2025-05-03"
    assert parsed.url == "https://www.lanternpost.example/2025/05/03/floating-market"


def test_ingest_scrape_keeps_every_sentence_as_a_paragraph(parsed: Scrape) -> None:
    text = parsed.text
    assert text.split("\n\n") == SENTENCES


@pytest.mark.parametrize(
    ("fragment", "reason"),
    [
        ("Kasia Lind / LANTERNPRESS", "photo credit"),
        ("Related article", "related-article link"),
        (
            "Traders at the floating market",
            "photo caption (repeated as image alt text and caption)",
        ),
        ("Share this article", "share/subscribe line"),
        ("Follow Orla Benn", "social media follow line"),
        ("issues with commenting", "comment-system notice"),
        ("Original url", "source URL trailer (moved to url)"),
        ("By [Orla Benn]", "byline (moved to byline)"),
        ("May 3, 2025", "date line (moved to published)"),
    ],
)
def test_ingest_scrape_records_each_removal(parsed: Scrape, fragment: str, reason: str) -> None:
    removed = parsed.removed
    assert any(fragment in r.text and r.reason == reason for r in removed), removed
    assert fragment not in parsed.text


def test_ingest_scrape_caption_pair_removed_both_times(parsed: Scrape) -> None:
    captions = [r for r in parsed.removed if r.reason.startswith("photo caption")]
    assert len(captions) == 2


def test_ingest_scrape_plain_text_without_metadata_never_guesses_date() -> None:
    text = (
        "Ferry Fares Rise Again\n\nThe ferry company raised fares on 4 June 2024, its third "
        "increase in a year.\n\nCommuters said they would switch to the bridge."
    )
    scrape = parse_scrape(text)
    assert scrape.title == "Ferry Fares Rise Again"
    assert scrape.published is None
    assert scrape.byline is None
    assert "4 June 2024" in scrape.text


@pytest.mark.parametrize(
    ("first", "title"),
    [
        ("Ferry Crews End Strike After Pay Deal.", "Ferry Crews End Strike After Pay Deal."),
        ("Ferry crews end strike after pay deal", "Ferry crews end strike after pay deal"),
        ("Ferry crews ended their strike on Friday.", None),
        ("Lantern City Won.", None),  # too few long words to tell
        # a sentence-case headline that ends on a full stop, as some scrapes write them
        (
            "Ferry crews end strike as port offers pay deal.",
            "Ferry crews end strike as port offers pay deal.",
        ),
        ("Ferry crews said the strike was over.", None),  # a lead names its source
        ("HARWICK — Ferry crews end strike after deal.", None),  # a dateline opens a lead
        ("Ferry crews end strike. The port agreed to a raise.", None),  # two sentences
    ],
)
def test_ingest_scrape_title_detection(first: str, title: str | None) -> None:
    body = "The union said members would get a raise of four percent over the next two years."
    scrape = parse_scrape(f"{first}\n\n{body}")
    assert scrape.title == title
    assert (first in scrape.text) == (title is None)


def test_ingest_scrape_short_sentences_are_no_headline() -> None:
    # a first sentence as long as what follows it is a lead, not a headline
    text = "Ferry crews end their strike after a pay deal.\n\nThe port agreed to it.\n\nIt ends."
    scrape = parse_scrape(text)
    assert scrape.title is None
    assert scrape.text.startswith("Ferry crews end their strike")


def test_ingest_scrape_header_skips_debris_and_update_lines() -> None:
    text = (
        "**Kasia Lind / LANTERNPRESS**\n\nHarbour Tunnel Opens\n\nBy Orla Benn\n\n"
        "Updated: May 12, 2025 08:30 AM\n\nMay 11, 2025\n\n"
        "The harbour tunnel opened to traffic on Sunday morning.\n\n"
        "Updated figures will follow on Monday, the city said."
    )
    scrape = parse_scrape(text)
    assert (scrape.title, scrape.byline, scrape.published) == (
        "Harbour Tunnel Opens",
        "Orla Benn",
        "2025-05-11",
    )
    assert scrape.text.split("\n\n") == [
        "The harbour tunnel opened to traffic on Sunday morning.",
        "Updated figures will follow on Monday, the city said.",
    ]
    reasons = [r.reason for r in scrape.removed]
    assert "update date line (not the publication date)" in reasons
    assert "photo credit" in reasons


def test_ingest_scrape_a_press_release_notice_above_its_date() -> None:
    text = (
        "Harbour Trust Welcomes New Ferry Line\n\nFor immediate release:\n\nMarch 3, 2024\n\n"
        "The Harbour Trust welcomed the new ferry line to Velm on Monday."
    )
    scrape = parse_scrape(text)
    assert (scrape.title, scrape.published) == (
        "Harbour Trust Welcomes New Ferry Line",
        "2024-03-03",
    )
    assert scrape.text == "The Harbour Trust welcomed the new ferry line to Velm on Monday."
    assert "press-release notice" in [r.reason for r in scrape.removed]


def test_ingest_scrape_a_standfirst_closed_like_a_sentence_above_the_date() -> None:
    # a summary under the headline, with its full stop, and the page's stamp right under it
    standfirst = "Ada Vell is the second skipper to be rescued off Velm this weekend."
    text = (
        f"Skipper Rescued Off Velm\n\n{standfirst}\n\n8: 44AM BST 3 Mar 2024\n\n"
        "A skipper was pulled from the sea off Velm on Sunday."
    )
    scrape = parse_scrape(text)
    assert (scrape.title, scrape.published) == ("Skipper Rescued Off Velm", "2024-03-03")
    assert scrape.text.split("\n\n") == [
        standfirst,
        "A skipper was pulled from the sea off Velm on Sunday.",
    ]
    # a sentence with no date line under it ends the header, as before
    body = parse_scrape(f"Skipper Rescued Off Velm\n\n{standfirst}\n\nMarch 3, 2024 was calm.")
    assert body.published is None


def test_ingest_scrape_a_stamp_whose_day_and_month_could_be_either_is_no_row() -> None:
    # "2/3/2009": February 3 or 2 March; the line is the page's stamp all the same
    text = (
        "Ferry Skipper Fined\n\nPosted 2 / 3 / 2024 11:11 PM\n\n"
        "A skipper was fined for sailing drunk off Velm."
    )
    scrape = parse_scrape(text)
    assert (scrape.title, scrape.published) == ("Ferry Skipper Fined", None)
    assert scrape.text == "A skipper was fined for sailing drunk off Velm."
    # above the headline it is no headline either
    first = parse_scrape("8 / 2 / 13 at 1:30 PM\n\nFerry Skipper Fined\n\nA skipper was fined.")
    assert first.title == "Ferry Skipper Fined"


def test_ingest_scrape_a_date_line_above_the_headline() -> None:
    # a page that prints its date first: the date is metadata, the headline the title
    scrape = parse_scrape(
        "4 March 2024 Last updated at 14:39 GMT\n\nFerry crews end strike after pay deal\n\n"
        "The union said members would get a raise of four percent over the next two years."
    )
    assert (scrape.title, scrape.published) == (
        "Ferry crews end strike after pay deal",
        "2024-03-04",
    )


def test_ingest_scrape_first_sentence_is_not_a_title() -> None:
    text = "The ferry sank in calm water.\n\nNobody was hurt, the coastguard said."
    scrape = parse_scrape(text)
    assert scrape.title is None
    assert scrape.text.startswith("The ferry sank")


def test_ingest_scrape_joins_hard_wrapped_lines() -> None:
    text = (
        "Canal Reopens\n\nThe canal reopened on Monday after a month of repairs that cost the\n"
        "city nearly two million crowns, officials said.\n\nBarges returned within hours."
    )
    scrape = parse_scrape(text)
    assert scrape.text.split("\n\n") == [
        "The canal reopened on Monday after a month of repairs that cost the city nearly two "
        "million crowns, officials said.",
        "Barges returned within hours.",
    ]


def test_ingest_scrape_follow_line_gives_byline_when_none() -> None:
    text = (
        "Harbour Fire Contained\n\nA fire at the harbour was contained overnight.\n\n"
        "Follow Tamsin Oduya on Facebook and Twitter."
    )
    art = article_from_text(text, source="harbour.txt", settings=Settings())
    assert art.byline == "Tamsin Oduya"
    assert any("used as byline" in r.reason for r in art.removed)
    assert "Follow" not in art.text


def test_ingest_scrape_follow_line_naming_outlet_is_not_a_byline() -> None:
    text = (
        "Harbour Fire Contained\n\nA fire at the harbour was contained overnight.\n\n"
        "Follow Patriot Daily on Facebook and Twitter."
    )
    art = article_from_text(text, source="harbour.txt", settings=Settings())
    assert art.byline is None


@pytest.mark.parametrize(
    "name", ["lantern_0042.txt", "lantern_0042.txt.txt", "lantern_0042.html.gz"]
)
def test_ingest_scrape_outlet_falls_back_to_file_name(name: str) -> None:
    art = article_from_text(
        "Harbour Fire\n\nA fire was contained.",
        source=f"/data/{name}",
        settings=Settings(),
    )
    assert art.outlet == "lantern_0042"  # without any of its extensions


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("September 17, 2023", "2023-09-17"),
        ("Sept. 17, 2023", "2023-09-17"),
        ("17 September 2023", "2023-09-17"),
        ("Sunday, September 17, 2023", "2023-09-17"),
        ("Published: March 3, 2024 10:15 AM EST", "2024-03-03"),
        ("Posted on November 15, 2011 6:07:15 PM GMT+01:00", "2011-11-15"),
        ("Published on: Fri, 11 Nov 2011 at 09:56 UTC+5:30", "2011-11-11"),
        ("2024-02-29", "2024-02-29"),
        # a page's "created" stamp, and a year-first date with dots or slashes
        ("Story Created: Mar 3, 2024 at 9:56 AM AKDT", "2024-03-03"),
        ("Published: 2024.03.03 09:01 AM", "2024-03-03"),
        ("2024/03/03", "2024-03-03"),
        ("2024.03.32", None),
        ("4 March 2024 Last updated at 14:39 GMT", "2024-03-04"),
        ("2024.03/03", None),
        # month and day in numbers, taken when one cannot be a month; a later update after
        ("First Posted: 10/25/11 06:44 PM ET Updated: 12/25/11 05:12 AM ET", "2011-10-25"),
        ("25/10/2011", "2011-10-25"),
        ("05/06/11", None),
        ("March 3, 2024 Updated: March 4, 2024", "2024-03-03"),
        # a page's "on …" stamp with its update, and a press release's notice before its date
        ("on March 3, 2024 at 10:50 AM, updated March 9, 2024 at 12:16 PM", "2024-03-03"),
        ("on Tuesday, 5 March 2024 13:45.", "2024-03-05"),
        ("FOR IMMEDIATE RELEASE March 3, 2024", "2024-03-03"),
        # the time first, or after an "@"; an "| Updated …" tail; a colon a scrape spaced
        ("12:52 p.m. EDT March 3, 2024", "2024-03-03"),
        ("14:25 Sun Mar 3 2024", "2024-03-03"),
        ("2 A.M. MAR. 3, 2024", "2024-03-03"),
        ("9:53 AM, SUN 3 MAR 2024", "2024-03-03"),
        ("8: 05am UK, Sunday 3 March 2024", "2024-03-03"),
        ("Published time: March 3, 2024 02:03", "2024-03-03"),
        ("3 March 2024 @ 09:29 pm", "2024-03-03"),
        ("Sunday, Mar 3, 2024 | Updated 1:32 PM PDT", "2024-03-03"),
        ("March 3, 2024 | 5: 03pm", "2024-03-03"),
        ("2024 - 03 - 03", "2024-03-03"),
        ("10:10 AM PDT 3 / 3 / 2024", "2024-03-03"),
        ("10:10 AM PDT 3 / 4 / 2024", None),  # March or April
        ("At 10 am March 3, 2024", None),
        ("12 killed March 3, 2024", None),
        ("on the quay, March 3, 2024", None),
        ("February 30, 2024", None),
        ("The vote took place on September 17, 2023.", None),
        ("September 2023", None),
        ("17 boats sank in 2023", None),
    ],
)
def test_ingest_scrape_date_lines(line: str, expected: str | None) -> None:
    assert parse_date_line(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Jane Roe | March 3, 2024", ("Jane Roe", "2024-03-03")),
        ("Jane Roe, March 3, 2024", ("Jane Roe", "2024-03-03")),
        ("Jane Roe and Ali Stone", ("Jane Roe and Ali Stone", None)),
    ],
)
def test_ingest_scrape_byline_with_date(line: str, expected: tuple[str, str | None]) -> None:
    assert split_trailing_date(line) == expected


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("See [the report](https://example.org/r) for **details**.", "See the report for details."),
        ("## Background", "Background"),
        ("> *Quoted* words", "Quoted words"),
        ("- first item", "first item"),
        ("![a harbour](img.jpg)", ""),
        ("snake_case_name stays", "snake_case_name stays"),
        ("2 * 3 * 4 = 24", "2 * 3 * 4 = 24"),
        ("Visit <https://example.org/a>", "Visit https://example.org/a"),
    ],
)
def test_ingest_scrape_markdown_stripping(markdown: str, plain: str) -> None:
    assert strip_markdown(markdown) == plain


def test_ingest_scrape_date_line_after_a_deck() -> None:
    # headline, a sub-headline with no closing stop, then the date line
    text = (
        "Ferry Crews End Strike\n\nPort offers a raise of four percent over two years\n\n"
        "October 10, 2011\n\nThe ferry crews of Velm went back to work on Monday after a week."
    )
    scrape = parse_scrape(text)
    assert (scrape.title, scrape.published) == ("Ferry Crews End Strike", "2011-10-10")
    assert scrape.text.startswith("Port offers a raise")  # the deck stays in the body


def test_ingest_scrape_headline_after_a_leading_date_line() -> None:
    text = (
        "August 17, 2011\n\nUndersea cables severed near the Velm coast\n\n"
        "Internet services in the harbour district were cut on Tuesday, the operator said."
    )
    scrape = parse_scrape(text)
    assert (scrape.title, scrape.published) == (
        "Undersea cables severed near the Velm coast",
        "2011-08-17",
    )
    assert scrape.text.startswith("Internet services")


@pytest.mark.parametrize(
    "lead_in",
    [
        # a teaser for another story
        "Velmland and Orsk agree that a fishing war would hurt both coasts, a minister said.",
        # a pull quote the story repeats below
        '"The harbour will never close," said Mayor Lund.',
        # a photo caption
        "Ferry crews on the pier in Velm on Sunday.",
    ],
)
def test_ingest_scrape_what_stands_between_headline_and_dateline_is_no_body(lead_in: str) -> None:
    lead = "VELM (Reuters) - The ferry crews of Velm went back to work on Monday after a week."
    text = f"Ferry Crews End Strike\n\n{lead_in}\n\n{lead}\n\nThe port offered a raise."
    scrape = parse_scrape(text)
    assert scrape.title == "Ferry Crews End Strike"
    assert scrape.text.startswith(lead)
    assert [r.text for r in scrape.removed if r.reason.startswith("lead-in")] == [lead_in]


def test_ingest_scrape_a_dateline_further_down_or_after_a_long_paragraph_drops_nothing() -> None:
    first = "The ferry crews of Velm went back to work on Monday."
    later = "VELM (Reuters) - A second strike was called off in Orsk."
    # a dateline three paragraphs down opens a section, not the story
    text = f"Ferry Crews End Strike\n\n{first}\n\nThe port paid.\n\nTalks end.\n\n{later}"
    assert parse_scrape(text).text.startswith(first)
    # a paragraph as long as a story's own is no lead-in
    long_first = " ".join([first] * 7)
    text = f"Ferry Crews End Strike\n\n{long_first}\n\n{later}"
    assert parse_scrape(text).text.startswith(long_first)


def test_ingest_scrape_an_update_line_first_is_no_headline() -> None:
    # a page that opens on when it was last changed: the headline is the line after it
    text = (
        "Updated: November 11, 2024 20:09 IST\n\nNavy foils pirate attack off the Gulf\n\n"
        "The navy on Thursday foiled a pirate attack on five merchant ships in the Gulf."
    )
    scrape = parse_scrape(text)
    assert scrape.title == "Navy foils pirate attack off the Gulf"
    assert scrape.text.startswith("The navy on Thursday foiled")
