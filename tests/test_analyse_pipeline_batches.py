"""The analysis pipeline: batching, worker processes, and the tuned spaCy pipeline."""

from __future__ import annotations

import pytest

from builders import SPACY_PARAGRAPHS
from storylens.analyse.pipeline import analyse
from storylens.settings import Settings
from storylens.types import Analysis, Article

pytestmark = pytest.mark.slow


def _articles() -> list[Article]:
    return [
        Article(id=f"a_{n}", outlet=f"Outlet {n % 2}", text=text)
        for n, text in enumerate(SPACY_PARAGRAPHS)
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


@pytest.mark.parametrize(("language", "analysed"), [("en", True), (None, True), ("de", False)])
def test_only_english_articles_get_entities(language: str | None, analysed: bool) -> None:
    article = Article(id="a_lang", outlet="Ledger", text=SPACY_PARAGRAPHS[0], language=language)
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
