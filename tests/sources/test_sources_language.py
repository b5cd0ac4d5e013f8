"""Language detection: ISO 639-1 codes from py3langid, "und" for too little text."""

from __future__ import annotations

import pytest

from dashboard.sources import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "NATO allies agreed on Tuesday to raise defence spending to two percent of their economic "
            "output, after months of pressure from Washington over burden sharing within the alliance.",
            "en",
        ),
        (
            "Les alliés de l'OTAN se sont mis d'accord mardi pour porter leurs dépenses de défense à deux "
            "pour cent de leur produit intérieur brut, après des mois de pression de Washington.",
            "fr",
        ),
        (
            "Die Verbündeten der NATO haben sich am Dienstag darauf geeinigt, ihre Verteidigungsausgaben "
            "auf zwei Prozent der Wirtschaftsleistung zu erhöhen, nach Druck aus Washington.",
            "de",
        ),
        ("", "und"),
        ("   \n\t ", "und"),
        ("Hi there", "und"),
        ("2018-08-27 12:00 — 2 % / 3 %", "und"),
    ],
)
def test_detect_language(text, expected):
    assert detect_language(text) == expected
