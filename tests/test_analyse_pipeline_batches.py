"""The analysis pipeline: batching, worker processes, and the tuned spaCy pipeline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storylens.analyse.pipeline import analyse
from storylens.errors import ModelError
from storylens.models.nlp import build_sm, get_nlp
from storylens.settings import Settings
from storylens.types import Analysis, Article

pytestmark = pytest.mark.slow

PARAGRAPHS = [
    "Valdonian President Mirek Halas signed the Seva River accord in Port Caldera on "
    "Saturday. “For thirty years this river has divided us,” Halas told reporters.",
    "Ostrenian Prime Minister Ilse Marant called the deal a fair bargain, the state news "
    "agency Valpress reported. Her spokesman, Jonas Brekke, denied that Ostrena paid any "
    "compensation.",
    "The krona rose 1.2 percent against the euro on Monday, traders at Corvane Bank said.",
    "",
    "Ecologist Lena Varga warned that salmon stocks could fall by a third by 2030.",
]


def _articles() -> list[Article]:
    return [
        Article(id=f"a_{n}", outlet=f"Outlet {n % 2}", text=text)
        for n, text in enumerate(PARAGRAPHS)
    ]


def _summary(analyses: list[Analysis]) -> list[tuple[object, ...]]:
    return [
        (
            a.article.id,
            a.sentences,
            [(m.start, m.end, m.label) for m in a.mentions],
            [(d.start, d.end, d.mention) for d in a.descriptors],
            [(q.start, q.end) for q in a.quotes],
            [(c.start, c.end, c.predicate) for c in a.claims],
            [(t.start, t.end) for t in a.times],
        )
        for a in analyses
    ]


def test_analyse_keeps_order_and_exact_spans() -> None:
    articles = _articles()
    analyses = analyse(articles, Settings(batch_size=2))
    assert [a.article.id for a in analyses] == [a.id for a in articles]
    for analysis in analyses:
        text = analysis.article.text
        for m in analysis.mentions:
            assert text[m.start : m.end] == m.text
        for d in analysis.descriptors:
            assert text[d.start : d.end] == d.text
        for start, end in analysis.sentences:
            assert 0 <= start < end <= len(text)
    empty = analyses[3]
    assert (empty.mentions, empty.claims, empty.sentences) == ([], [], [])
    halas = analyses[0]
    assert "Mirek Halas" in {m.text for m in halas.mentions}
    assert "Valdonian President" in {d.text for d in halas.descriptors}


@pytest.mark.parametrize("batch_size", [1, 3])
def test_two_processes_give_the_same_result_as_one(batch_size: int) -> None:
    one = analyse(_articles(), Settings(n_process=1, batch_size=batch_size))
    two = analyse(_articles(), Settings(n_process=2, batch_size=batch_size))
    assert _summary(one) == _summary(two)


def test_fast_pipeline_predicts_like_the_shipped_model() -> None:
    text = " ".join(p for p in PARAGRAPHS if p)
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
    text = " ".join(p for p in PARAGRAPHS if p)
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
    from storylens.ingest import ingest
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


@pytest.mark.parametrize(("language", "analysed"), [("en", True), (None, True), ("de", False)])
def test_only_english_articles_get_entities(language: str | None, analysed: bool) -> None:
    article = Article(id="a_lang", outlet="Ledger", text=PARAGRAPHS[0], language=language)
    (result,) = analyse([article], Settings())
    assert result.sentences
    assert bool(result.mentions) is analysed
    assert bool(result.claims) is analysed


def test_batches_run_as_dask_tasks_in_other_processes() -> None:
    dask = pytest.importorskip("dask")
    from storylens.analyse.pipeline import analyse_batch

    articles = _articles()
    tasks = [dask.delayed(analyse_batch)(articles[i : i + 2], Settings()) for i in (0, 2, 4)]
    results = dask.compute(*tasks, scheduler="processes", num_workers=2)
    remote = [a for batch in results for a in batch]
    assert _summary(remote) == _summary(analyse(articles, Settings()))


def test_model_loaded_once_per_process() -> None:
    assert get_nlp() is get_nlp()


def test_unknown_pipeline_is_a_model_error() -> None:
    with pytest.raises(ModelError, match=r"unknown NLP pipeline 'nope'"):
        get_nlp("nope")


def test_fast_pipeline_tokenizer_has_exactly_the_shipped_rules() -> None:
    fast, shipped = get_nlp().tokenizer, build_sm().tokenizer
    assert fast.to_bytes(exclude=["vocab"]) == shipped.to_bytes(exclude=["vocab"])
    assert len(fast.rules) > 1000  # the exceptions came from the model's files


def test_grouped_entry_points_list_the_same_entries() -> None:
    import importlib.metadata

    import catalogue

    from storylens.models.nlp import group_entry_points

    group_entry_points()
    grouped = catalogue.AVAILABLE_ENTRY_POINTS
    assert isinstance(grouped, dict) and not hasattr(grouped, "select")
    for group in ("spacy_factories", "spacy_languages", "console_scripts"):
        expected = sorted(ep.name for ep in importlib.metadata.entry_points(group=group))
        assert sorted(ep.name for ep in grouped.get(group, [])) == expected
