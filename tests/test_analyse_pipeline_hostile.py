"""Hostile article text: the analysis stage survives it and keeps spans exact."""

from __future__ import annotations

import pytest

from storylens.analyse.linking import link_entities
from storylens.analyse.pipeline import analyse
from storylens.models import nlp
from storylens.settings import Settings
from storylens.types import Article

pytestmark = pytest.mark.slow

HOSTILE = [
    "\u202eOstrena\u202c signed\u200b the accord\x00 with Valdonia.\r\n\r\nPresident Halas smiled.",
    "(((((((((( ))))))))) ,,,, ... «»“”‘’ — – - / \\ | Mirek Halas ''' \"\"\" ::",
    "A" * 5000 + " Halas " + "b" * 5000,
    "Mirek Halas 🌊🌊🌊 signed 💧 in Port Caldera. " * 50,
    "\n\n\n   \t\t  \n",
    "ＭＩＲＥＫ ＨＡＬＡＳ signed in ﾎﾟｰﾄ. Ĥàłàš met Märänt in Pørt Çaldera.",
    "SPOKESMAN, SPOKESMAN, President President President Minister, news agency agency (ABC) (DEF)",
]


@pytest.mark.parametrize("text", HOSTILE, ids=[f"case{i}" for i in range(len(HOSTILE))])
def test_hostile_text_is_analysed_with_exact_spans(text: str) -> None:
    article = Article(id="a_hostile", outlet="Ledger", text=text)
    (result,) = analyse([article], Settings())
    link_entities([result], Settings())
    for m in result.mentions:
        assert text[m.start : m.end] == m.text
    for d in result.descriptors:
        assert text[d.start : d.end] == d.text
        assert 0 <= d.mention < len(result.mentions)
    for start, end in result.sentences:
        assert 0 <= start <= end <= len(text)


def test_overlong_text_is_analysed_up_to_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    cap = 2000
    monkeypatch.setattr(nlp, "MAX_CHARS", cap)
    sentence = "Mirek Halas met Ilse Marant in Port Caldera on Saturday. "
    text = sentence * (cap // len(sentence) + 10)
    article = Article(id="a_long", outlet="Ledger", text=text)
    (result,) = analyse([article], Settings())
    assert result.mentions
    assert max(m.end for m in result.mentions) <= cap
    assert result.mentions[0].text == "Mirek Halas"
