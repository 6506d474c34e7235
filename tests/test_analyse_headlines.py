"""Title-case headlines lowered for the parser, names kept (fictional articles)."""

from __future__ import annotations

from storylens.analyse.headlines import parse_text
from storylens.analyse.pipeline import analyse_batch
from storylens.settings import Settings
from storylens.types import Article

TEXT = (
    "Harbour Master Amsel Closes Velm Port After Storm Damages Pier\n\n"
    "The harbour master, Ilse Amsel, closed the port of Velm on Monday after the storm "
    "damaged the north pier, the council said."
)


def test_headlines_lower_common_words_and_keep_names() -> None:
    lowered = parse_text(TEXT)
    assert len(lowered) == len(TEXT)
    head = lowered.split("\n", 1)[0]
    assert head == "Harbour master Amsel closes Velm port after storm damages pier"
    assert lowered[len(head) :] == TEXT[len(head) :]  # the body is untouched


def test_headlines_leave_sentences_and_acronyms_alone() -> None:
    text = (
        "The FBI Agent Met The Mayor.\n\nUN Envoy Arrives In Velm Today For Talks\n\n"
        "He met Velm officials."
    )
    lowered = parse_text(text)
    assert lowered.startswith("The FBI Agent Met The Mayor.")  # ends with a full stop
    assert "UN envoy arrives in Velm today for talks" in lowered


def test_headline_gives_a_claim_with_its_own_text() -> None:
    article = Article(id="h1", outlet="Lakeside Post", text=TEXT)
    [analysis] = analyse_batch([article], Settings(n_process=1))
    head_end = TEXT.index("\n")
    in_head = [c for c in analysis.claims if c.end <= head_end]
    assert in_head, "the headline states a claim"
    assert all(c.text == TEXT[c.start : c.end] for c in analysis.claims)
    assert any(c.predicate == "close" for c in in_head)


def test_a_long_title_case_line_is_no_headline() -> None:
    # a paragraph cut short (a size cap) can end without a full stop: it is text
    sentence = "Mirek Halas Met Ilse Marant In Port Caldera On Saturday "
    text = sentence * 4 + "\n\nHalas and Marant spoke in Port Caldera."
    assert parse_text(text) == text
