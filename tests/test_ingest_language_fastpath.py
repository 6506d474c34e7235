"""The cheap English test agrees with py3langid and never claims other languages."""

from __future__ import annotations

import pytest

from storylens.ingestion import language

ENGLISH = [
    "The harbour authority said on Tuesday that the new ferry terminal would open in May, "
    "two months later than planned. Officials blamed the delay on a shortage of steel and on "
    "the storms that hit the coast in January. The mayor, who has championed the project "
    "for years, told reporters that the city had not lost any money and that the contractor "
    "would pay for the extra work. Residents of the old port district have complained about "
    "the noise from the site since the work began.",
    "Farmers in the northern valley have been waiting for rain since the start of the season. "
    "The regional council has opened three emergency wells, and it says that more will follow "
    "if the dry weather continues. According to the weather service, the last month was the "
    "driest on record for the area, and the reservoirs are at a third of their usual level.",
]

OTHER = {
    "fr": "Le conseil municipal a voté mardi soir la construction d'un nouveau pont sur la "
    "rivière. Les travaux doivent commencer au printemps et durer deux ans. Selon le maire, "
    "le projet coûtera environ douze millions d'euros, financés en partie par la région. "
    "Plusieurs habitants du quartier ont exprimé leur inquiétude au sujet du bruit.",
    "de": "Der Stadtrat hat am Dienstagabend den Bau einer neuen Brücke über den Fluss "
    "beschlossen. Die Arbeiten sollen im Frühjahr beginnen und zwei Jahre dauern. Nach "
    "Angaben des Bürgermeisters wird das Projekt etwa zwölf Millionen Euro kosten, die zum "
    "Teil von der Region getragen werden. Anwohner äußerten Sorgen wegen des Lärms.",
    "es": "El ayuntamiento aprobó el martes por la noche la construcción de un nuevo puente "
    "sobre el río. Las obras comenzarán en primavera y durarán dos años. Según el alcalde, "
    "el proyecto costará unos doce millones de euros, financiados en parte por la región. "
    "Varios vecinos del barrio expresaron su preocupación por el ruido de las obras.",
    "ru": "Городской совет во вторник вечером одобрил строительство нового моста через реку. "
    "Работы начнутся весной и продлятся два года. По словам мэра, проект обойдется примерно "
    "в двенадцать миллионов евро, которые частично оплатит область. Жители района выразили "
    "беспокойство из-за шума.",
}


@pytest.mark.parametrize("text", ENGLISH)
def test_language_fastpath_detects_english_without_model(text: str) -> None:
    assert language.looks_english(text)
    assert language.detect_language(text) == "en"
    # the model agrees with the fast path
    assert language._identifier().classify(text)[0] == "en"


@pytest.mark.parametrize(("code", "text"), sorted(OTHER.items()))
def test_language_fastpath_defers_other_languages(code: str, text: str) -> None:
    assert not language.looks_english(text)
    assert language.detect_language(text) == code


def test_language_fastpath_needs_enough_words() -> None:
    assert not language.looks_english("The end of the story.")
    assert language.detect_language("Hi") is None
