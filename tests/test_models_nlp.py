"""The fast pipeline recipe (``sm.fast.v1``) predicts what the shipped model (``sm.v1``)
predicts: tags, parses, entities, lemmas, morphology and tokenizer rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from builders import SPACY_PARAGRAPHS
from storylens.errors import ModelError
from storylens.models.nlp import build_sm, get_nlp
from storylens.settings import Settings

pytestmark = pytest.mark.slow


def test_fast_pipeline_predicts_like_the_shipped_model() -> None:
    text = " ".join(p for p in SPACY_PARAGRAPHS if p)
    fast, shipped = get_nlp()(text), build_sm()(text)
    assert [(t.text, t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i) for t in fast] == [
        (t.text, t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i) for t in shipped
    ]
    assert [(e.start_char, e.end_char, e.label_) for e in fast.ents] == [
        (e.start_char, e.end_char, e.label_) for e in shipped.ents
    ]
    assert [str(t.morph) for t in fast] == [str(t.morph) for t in shipped]


def test_lemma_cache_gives_the_shipped_lemmas_again_and_again() -> None:
    # the second and third passes are answered from the cache, for every word seen before
    text = " ".join(p for p in SPACY_PARAGRAPHS if p)
    shipped = [(t.text, t.pos_, t.lemma_) for t in build_sm()(text)]
    nlp = get_nlp()
    for _ in range(3):
        assert [(t.text, t.pos_, t.lemma_) for t in nlp(text)] == shipped
    # a word read as two parts of speech keeps a lemma for each
    found = {(t.text, t.pos_): t.lemma_ for t in nlp("They saw the saw. Leaves fall; he leaves.")}
    shipped_found = {
        (t.text, t.pos_): t.lemma_ for t in build_sm()("They saw the saw. Leaves fall; he leaves.")
    }
    assert found == shipped_found
    assert len({pos for (word, pos) in found if word == "saw"}) == 2


def test_lemma_rules_worked_out_in_tables_match_the_lemmatizer(examples_dir: Path) -> None:
    # every word of the example story, each new (word, POS, morphology) worked out by the
    # table-driven copy of the rule procedure
    from storylens.ingestion import ingest
    from storylens.models.nlp import LemmaCache

    cache = LemmaCache()
    cache.lemmatizer = build_sm().get_pipe("lemmatizer")
    shipped_nlp = build_sm()
    articles = ingest([str(examples_dir / "summit")], Settings()).articles
    text = " ".join(a.text for a in articles)
    extra = "He mice-proofed the oxen's sheds; better, best, worse: the geese flew, hid, lay."
    for sample in (text, extra):
        shipped = [t.lemma_ for t in shipped_nlp(sample)]
        with shipped_nlp.select_pipes(disable=["lemmatizer"]):
            doc = shipped_nlp(sample)  # lemmas the attribute ruler sets, the rest to do
        assert [t.lemma_ for t in cache(doc)] == shipped
    assert cache._rule_tables() is not None  # the fast path, not the lemmatizer, answered
    assert len(cache._lemmas) > 250


def test_lemma_cache_asks_any_other_lemmatizer_itself() -> None:
    from storylens.models.nlp import LemmaCache

    class Shouting:
        mode = "lookup"
        overwrite = True

        def lemmatize(self, token: Any) -> list[str]:
            return [token.text.upper()]

    cache = LemmaCache()
    cache.lemmatizer = Shouting()
    doc = get_nlp()("The ferries sailed.")
    assert [t.lemma_ for t in cache(doc)] == ["THE", "FERRIES", "SAILED", "."]


SPOKEN = (
    "You ain't gonna win, y'all. There are two boats; let's go, he said. I'll see 'em. "
    "C'mon, it's nothin'. We gotta leave. Whether or not he does, I do. Which one did "
    "you take? Do it!  \n\n It was what it was, and that was that."
)


def test_fast_tag_table_applies_every_ruler_pattern_like_the_shipped_model() -> None:
    fast, shipped = get_nlp()(SPOKEN), build_sm()(SPOKEN)
    assert [(t.text, t.tag_, t.pos_, t.lemma_, t.dep_, str(t.morph)) for t in fast] == [
        (t.text, t.tag_, t.pos_, t.lemma_, t.dep_, str(t.morph)) for t in shipped
    ]
    lemmas = {t.text: t.lemma_ for t in fast}
    assert (lemmas["na"], lemmas["ai"], lemmas["y'"]) == ("to", "be", "you")  # two-token rules


def test_model_loaded_once_per_process() -> None:
    assert get_nlp() is get_nlp()


def test_unknown_pipeline_is_a_model_error() -> None:
    with pytest.raises(ModelError, match=r"unknown NLP pipeline 'nope'"):
        get_nlp("nope")


def test_fast_pipeline_tokenizer_has_exactly_the_shipped_rules() -> None:
    from storylens.models.nlp import TITLES, build_sm_fast

    fast, shipped = build_sm_fast().tokenizer, build_sm().tokenizer
    assert fast.to_bytes(exclude=["vocab"]) == shipped.to_bytes(exclude=["vocab"])
    assert len(fast.rules) > 1000  # the exceptions came from the model's files
    # the shared pipeline adds only the title abbreviations, each kept whole
    added = set(get_nlp().tokenizer.rules) - set(shipped.rules)
    assert added == set(TITLES)
    assert [t.text for t in get_nlp()("said Sgt. Vell")] == ["said", "Sgt.", "Vell"]


def test_grouped_entry_points_list_the_same_entries() -> None:
    import importlib.metadata

    import catalogue

    from storylens.models.startup import group_entry_points

    group_entry_points()
    grouped = catalogue.AVAILABLE_ENTRY_POINTS
    assert isinstance(grouped, dict) and not hasattr(grouped, "select")
    for group in ("spacy_factories", "spacy_languages", "console_scripts"):
        expected = sorted(ep.name for ep in importlib.metadata.entry_points(group=group))
        assert sorted(ep.name for ep in grouped.get(group, [])) == expected


def test_a_line_break_ends_the_sentence_before_it() -> None:
    # a section title on its own line: the parser alone runs it into the sentence below
    text = (
        "Hurdles to shelter\n\nRosa Quell, 34, a ferry pilot from Velm who sailed with the "
        "convoy, said she has no family in Orsk."
    )
    sentences = [s.text.strip() for s in get_nlp()(text).sents]
    assert sentences == ["Hurdles to shelter", text.split("\n\n")[1]]


def test_a_name_runs_on_over_a_hyphen_but_a_compound_does_not() -> None:
    nlp = get_nlp()
    # the recogniser alone stops at "Moon Jae": a second person beside "Moon Jae-in"
    doc = nlp("Harbour President Moon Jae-in said on Friday that the ferry talks went well.")
    assert "Moon Jae-in" in [e.text for e in doc.ents if e.label_ == "PERSON"]
    shipped = build_sm()("Harbour President Moon Jae-in said on Friday that the talks went well.")
    assert "Moon Jae-in" not in [e.text for e in shipped.ents]  # what the component is for
    doc = nlp("Mayor Anna Lund-era rule ended when Mayor Rosa Vell-led talks stalled.")
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == ["Anna Lund", "Rosa Vell"]


def test_a_quoted_question_runs_on_into_who_asked_it() -> None:
    nlp = get_nlp()
    text = (
        '"Will the ferry sail on Monday?" Mayor Anna Lund planned to ask. '
        '"Is the pier safe?" Harbour Master Ivo Vell asked, according to the minutes. '
        '"Never again!" The crowd left the square.'
    )
    sentences = [s.text.strip() for s in nlp(text).sents]
    # the parser alone ends both questions at their quotation marks
    assert sentences[:2] == [
        '"Will the ferry sail on Monday?" Mayor Anna Lund planned to ask.',
        '"Is the pier safe?" Harbour Master Ivo Vell asked, according to the minutes.',
    ]
    # no verb of saying after the quotation: the next sentence is a sentence of its own
    assert sentences[-1] == "The crowd left the square."
    # nor is a new line after the quotation joined to it
    lines = [s.text.strip() for s in nlp('"Is the pier safe?"\nMayor Lund said it was.').sents]
    assert lines == ['"Is the pier safe?"', "Mayor Lund said it was."]
    shipped = [s.text.strip() for s in build_sm()(text).sents]
    assert "Mayor Anna Lund planned to ask." in shipped  # what the component is for


def test_no_sentence_ends_inside_a_title() -> None:
    nlp = get_nlp()
    text = (
        '"The pier is safe," said Dist. Atty. Rosa Quell. '
        "Asst. Supt. Ivo Vell closed the harbour. The ferry left. "
        "Msgr. Tomas Arvid and Fr. Ilse Marant blessed it."
    )
    sentences = [s.text.strip() for s in nlp(text).sents]
    assert sentences == [
        '"The pier is safe," said Dist. Atty. Rosa Quell.',
        "Asst. Supt. Ivo Vell closed the harbour.",
        "The ferry left.",
        "Msgr. Tomas Arvid and Fr. Ilse Marant blessed it.",
    ]
    # a title at the end of a line is no title of the next line's first word
    assert len(list(nlp("the office of the Dist.\nRosa Quell said so.").sents)) == 2
