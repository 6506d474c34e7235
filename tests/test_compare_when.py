"""The time a shared wording tells, left out when not every outlet that states it gives it."""

from __future__ import annotations

from storylens.comparison.when import gives_time, time_words, unheld_time, without
from storylens.types import Argument, Claim


def _claim(text: str, time: str | None = None, value: str | None = None, start: int = 100) -> Claim:
    arguments = {}
    if time is not None:
        at = start + text.index(time)
        arguments["time"] = Argument(time, at, at + len(time), value)
    return Claim(
        id="a:s1", article="a", start=start, end=start + len(text), text=text, arguments=arguments
    )


CHARGED = "Lenk was charged on Monday with taking bribes"
PLAIN = _claim("Lenk, who was charged with taking bribes, resigned")


def test_when_a_day_only_one_outlet_gives_is_left_out_with_its_opener() -> None:
    claim = _claim(CHARGED, "Monday")
    span = unheld_time(claim, CHARGED, [PLAIN])
    assert span is not None
    assert claim.text[span[0] - claim.start : span[1] - claim.start] == "on Monday"
    assert without(CHARGED, claim, span) == "Lenk was charged with taking bribes"


def test_when_a_day_every_backer_gives_stays() -> None:
    claim = _claim(CHARGED, "Monday")
    backer = _claim("On Monday prosecutors said Lenk was charged with taking bribes")
    assert unheld_time(claim, CHARGED, [backer]) is None


def test_when_a_month_is_given_by_its_short_form_or_the_same_resolved_date() -> None:
    claim = _claim("Flynn was charged in December with lying", "December")
    assert gives_time(claim, {"december"}, _claim("Flynn was charged Dec. 1 with lying"))
    assert not gives_time(claim, {"december"}, _claim("Flynn was charged with lying"))
    dated = _claim("Lenk was charged yesterday with fraud", "yesterday", "2026-03-02")
    other = _claim("Lenk was charged on Monday with fraud", "Monday", "2026-03-02")
    assert gives_time(dated, time_words("yesterday"), other)


def test_when_the_part_of_day_and_its_lead_word_go_with_the_day() -> None:
    text = "The ship received a distress call late Saturday morning from the trawler"
    claim = _claim(text, "Saturday")
    span = unheld_time(claim, text, [_claim("The ship received a distress call")])
    assert span is not None
    assert without(text, claim, span) == "The ship received a distress call from the trawler"


def test_when_a_time_the_fact_needs_or_a_quoted_one_stays() -> None:
    # "since 2020" has a figure; "until Friday" bounds the fact; a quotation is verbatim
    for text, time in (
        ("Kim had not left the country until Friday and the talks", "Friday"),
        ('Oslo said "we struck on Monday and we stay out" to reporters', "Monday"),
        ("Kim had not left his country since early 2020 at all", "early 2020"),
        ("Anyone with information about this morning fire should call", "this morning"),
    ):
        assert unheld_time(_claim(text, time), text, [PLAIN]) is None, text


def test_when_the_words_of_a_time_are_its_days_else_all() -> None:
    assert time_words("Tuesday morning") == {"tuesday"}
    assert time_words("last week") == {"last", "week"}


def test_when_a_time_governed_past_its_article_or_inside_its_sentence_s_quotation_stays() -> None:
    # "over the past year": the time is the object of "over"
    text = "The friendship we have built over the past year is a testament to the towns"
    assert unheld_time(_claim(text, "past year"), text, [PLAIN]) is None
    # a part inside the quotation its sentence opens: the words are the speaker's
    part = "Lenk was charged on Monday with taking bribes"
    sentence = _claim(f'"{part}," the mayor said.', start=99)
    claim = _claim(part, "Monday")
    assert unheld_time(claim, part, [PLAIN]) is not None  # alone, it could go
    assert unheld_time(claim, part, [PLAIN], sentence) is None
