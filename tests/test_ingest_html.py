"""HTML pages through trafilatura: text, metadata, and what happens when there is no article."""

from __future__ import annotations

import pytest

from storylens.errors import InputError, NoArticle
from storylens.ingestion.html import article_from_html
from storylens.settings import Settings

BODY = "".join(
    f"<p>{s}</p>"
    for s in [
        "The Lantern City council approved a new tram line on Tuesday after a year of debate.",
        "The line will link the harbour with the university and open in 2027, officials said.",
        "Opponents said the 300 million crown budget would crowd out spending on schools.",
        "Mayor Ilka Dorn said the tram would cut car traffic in the old town by a fifth.",
    ]
)

PAGE = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Council approves harbour tram | The Lantern Post</title>
<meta property="og:title" content="Council approves harbour tram">
<meta property="og:site_name" content="The Lantern Post">
<meta name="author" content="Orla Benn">
<meta property="article:published_time" content="2025-05-06T09:00:00+00:00">
</head><body><nav><a href="/">Home</a> <a href="/city">City</a></nav>
<article><h1>Council approves harbour tram</h1>{BODY}
<p>Follow Orla Benn on Facebook and Twitter.</p></article>
<footer>All rights reserved.</footer></body></html>"""

UNDATED = PAGE.replace(
    '<meta property="article:published_time" content="2025-05-06T09:00:00+00:00">', ""
).replace("in 2027", "on 4 June 2027")


def test_ingest_html_text_and_metadata() -> None:
    art = article_from_html(
        PAGE.encode(), url="https://lanternpost.example/tram", settings=Settings()
    )
    assert art.title == "Council approves harbour tram"
    assert art.byline == "Orla Benn"
    assert art.published == "2025-05-06"
    assert art.outlet == "The Lantern Post"
    assert art.language == "en"
    assert "Home" not in art.text and "rights reserved" not in art.text
    assert art.text.count("\n\n") == 3
    assert "Follow Orla Benn" not in art.text
    assert any(r.reason == "social media follow line" for r in art.removed)


def test_ingest_html_never_guesses_a_date() -> None:
    art = article_from_html(UNDATED, source="undated.html", settings=Settings())
    assert art.published is None


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
        "<html><head><title>Empty</title></head><body></body></html>",
        "<<<>>>",
        "   ",
    ],
    ids=["nav-only", "empty-body", "garbage", "blank"],
)
def test_ingest_html_without_article(html: str) -> None:
    with pytest.raises(NoArticle):
        article_from_html(html, source="page.html", settings=Settings())


def test_ingest_html_binary_bytes_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        article_from_html(b"\x89PNG\r\n\x1a\n\x00\x00", source="x.html", settings=Settings())
