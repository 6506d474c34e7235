"""Property tests: the matcher and the summary never break their span and citation promises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storylens.comparison.framing import analyse_framing
from storylens.comparison.lexicon import load_lexicon, quote_spans
from storylens.comparison.summary import MAX_SENTENCES, summarise
from storylens.comparison.summary_rewrite import sentence_bounds
from storylens.types import Analysis, Article, Claim

LEX = load_lexicon()
WORDS = st.sampled_from(
    ["the", "dictator", "Communist", "Party", "regime", "so-called", "caved", "to", "mayor",
     "Dell", '"', "“", "”", ".", ",", "eco-zealots", "far-right", "firebrand", "\n", "Mr.",
     "sanctions", "radical", "leader", "Wuhan", "coronavirus", "é", "‘", "’s"]
)  # fmt: skip
TEXTS = st.one_of(
    st.lists(WORDS, max_size=40).map(" ".join),
    st.text(max_size=300),
)


@given(TEXTS)
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
def test_compare_framing_property_spans(text: str) -> None:
    own, quoted = LEX.find(text, quotes=quote_spans(text))
    spans = [(m.start, m.end) for m in own + quoted]
    for match in own + quoted:
        assert 0 <= match.start < match.end <= len(text)
        assert text[match.start : match.end] == match.text
        assert match.why
    assert len(set(spans)) == len(spans)
    assert all(s1 >= e0 for (_, e0), (s1, _) in zip(sorted(spans), sorted(spans)[1:], strict=False))


@given(TEXTS, st.data())
@settings(max_examples=100)
def test_compare_summary_property_sentence_bounds(text: str, data: st.DataObject) -> None:
    if not text:
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    lo, hi = sentence_bounds(text, start, end)
    assert 0 <= lo <= start and end <= hi <= len(text)


@given(st.lists(TEXTS, min_size=1, max_size=4))
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
def test_compare_summary_property_cites(texts: list[str]) -> None:
    arts = [
        Article(id=f"a{i}", outlet=f"Outlet {i % 2}", text=t or "x") for i, t in enumerate(texts)
    ]
    claims = [Claim(f"c{i}", a.id, 0, len(a.text), a.text) for i, a in enumerate(arts)]
    framing = analyse_framing([Analysis(article=a) for a in arts], [])
    out = summarise(claims, [], framing, [], arts)
    assert len(out) <= MAX_SENTENCES
    ids = {c.id for c in claims}
    for sentence in out:
        assert sentence["claims"] and set(sentence["claims"]) <= ids
        assert isinstance(sentence["text"], str)
