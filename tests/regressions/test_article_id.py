"""Issue 17, item 10: the article id comes from the text, as the README says.

The outlet falls back to the file name and the id hashed outlet and text, so the same
text in two differently named files (case ``same-text-two-file-names``) got two ids and
was stored twice. Now the outlet is part of the id only when the input names one (the
same wire story run by two outlets stays two articles); the copies are still listed in
a comparison's ``duplicates``, and a store filled by an earlier version does not take
them again.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builders import run_cli
from fixtures.render_report import build_report
from storylens.ingestion import iter_ingest
from storylens.render.markdown import render_markdown
from storylens.settings import Settings
from storylens.store import Store
from storylens.types import Article, content_id

CASE = Path(__file__).parent / "same-text-two-file-names"
SETTINGS = Settings()


def _articles(*inputs: str) -> list[Article]:
    items = list(iter_ingest(list(inputs), SETTINGS))
    assert all(isinstance(i, Article) for i in items), items
    return [i for i in items if isinstance(i, Article)]


def test_regression_same_text_in_two_files_is_one_article() -> None:
    first, copy = _articles(str(CASE))
    assert first.id == copy.id
    assert {first.outlet, copy.outlet} == {"ferry", "ferry (copy)"}


def test_regression_same_text_in_two_files_is_stored_once(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    result = run_cli("ingest", str(CASE), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "stored 1 new article(s), 1 already" in result.stderr
    again = run_cli("ingest", str(CASE / "ferry (copy).txt"), "--db", str(db))
    assert "stored 0 new article(s), 1 already" in again.stderr
    with Store.open(str(db)) as store:
        assert store.count_articles() == 1


def test_regression_named_outlets_keep_wire_copies_apart(tmp_path: Path) -> None:
    text = (CASE / "ferry.txt").read_text(encoding="utf-8")
    records = tmp_path / "wire.jsonl"
    lines = [json.dumps({"text": text, "outlet": name}) for name in ("Bay Post", "Harbor Ledger")]
    records.write_text("\n".join(lines), encoding="utf-8")
    post, ledger = _articles(str(records))
    assert post.id != ledger.id
    sidecar = tmp_path / "ferry.meta.json"
    page = tmp_path / "ferry.txt"
    page.write_text(text, encoding="utf-8")
    sidecar.write_text(json.dumps({"outlet": "Coastal Voice"}), encoding="utf-8")
    (named,) = _articles(str(page))
    assert len({named.id, post.id, ledger.id}) == 3


def test_regression_store_of_an_earlier_version_takes_no_second_copy(tmp_path: Path) -> None:
    (article, _copy) = _articles(str(CASE))
    earlier = Article(
        id=content_id(f"{article.outlet}\n{article.text}"),  # how ids were made before
        outlet=article.outlet,
        text=article.text,
        title=article.title,
        source=article.source,
    )
    with Store.open(str(tmp_path / "s.db")) as store:
        assert store.add_articles([earlier]).new == 1
        result = store.add_articles(_articles(str(CASE)))
        assert (result.new, result.existing) == (0, 2)
        assert store.count_articles() == 1


def test_regression_copies_are_listed_in_duplicates() -> None:
    from storylens.comparison.dedup import exact_copies

    articles = _articles(str(CASE))
    (group,) = exact_copies(articles)
    assert group["articles"] == [articles[0].id]
    assert group["sources"] == [a.source for a in articles]
    report = {**build_report(), "duplicates": [group]}
    section = render_markdown(report).split("## Near-duplicate articles", 1)[1].split("##")[0]
    (line,) = [ln for ln in section.splitlines() if ln.startswith("- ")]
    assert "ferry.txt" in line and "copy" in line, line


@pytest.mark.slow
def test_regression_compare_lists_the_copies(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = run_cli("compare", str(CASE), "--json", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert len(report["articles"]) == 1
    sources = [d.get("sources") for d in report["duplicates"]]
    assert [str(CASE / "ferry (copy).txt"), str(CASE / "ferry.txt")] in sources, sources


def test_regression_written_out_and_read_back_keeps_the_id() -> None:
    from storylens.ingestion import iter_jsonl

    articles = _articles(str(CASE))
    lines = "\n".join(json.dumps(a.to_dict(), ensure_ascii=False) for a in articles)
    again = list(iter_jsonl(lines, "out.jsonl", SETTINGS))
    assert [a.id for a in again if isinstance(a, Article)] == [a.id for a in articles]
    forged = json.dumps({**articles[0].to_dict(), "id": "a_0000000000000000", "outlet": "X"})
    (claimed,) = iter_jsonl(forged, "forged.jsonl", SETTINGS)
    assert isinstance(claimed, Article) and claimed.id not in {"a_0000000000000000", articles[0].id}
