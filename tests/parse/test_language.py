"""Language detection: which language a report and each of its paragraphs is in."""

from __future__ import annotations

import itertools

import pytest

from storyline.parse.language import classify, guess_language, normalise, segments

RU = (
    "По словам пресс-секретаря Кремля, около 30 тысяч заключённых подписали контракты "
    "с министерством."
)
UK = "Як повідомив речник міністерства, близько 30 тисяч ув'язнених підписали контракти з армією."
EN = "About 300 inmates signed contracts with the defence ministry last month, officials said."


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (EN, "en"),
        (RU, "ru"),
        (UK, "uk"),
        ("Der Krieg in der Ukraine geht weiter, und die Gefangenen werden rekrutiert.", "de"),
        ("Прывітанне, як справы ў вас сёння? Усё добра, дзякуй вялікі.", "be"),
    ],
)
def test_documents_are_named_by_their_language(text: str, language: str) -> None:
    assert guess_language(text) == language


def test_short_texts_are_decided_by_their_letters() -> None:
    assert classify("Їх звільнили")[0] == "uk"  # "ї": Ukrainian only
    assert classify("Вагнер")[0] == "ru"  # Cyrillic without marks: the commoner
    assert classify("Floods")[0] == "en"
    assert guess_language("2024 — 30") is None  # no letters, no language


def test_a_quoted_paragraph_in_another_language_is_its_own_segment() -> None:
    text = f"Заголовок новини\n\n{UK}\n\n«{RU}» — сказав він.\n\nДалі буде."
    found = segments(text, "uk")
    assert [s.language for s in found] == ["uk", "ru", "uk"]
    assert text[found[1].start : found[1].end].strip().startswith("«По словам")
    assert found[0].start == 0 and found[-1].end == len(text)
    assert all(a.end == b.start for a, b in itertools.pairwise(found))


def test_short_quotes_and_unsupported_paragraphs_keep_the_document_language() -> None:
    text = f"{EN}\n\n«Да», — сказал он.\n\nDer Krieg geht weiter, und niemand weiß, wie lange noch."
    assert {s.language for s in segments(text, "en")} == {"en"}


@pytest.mark.parametrize(
    ("raw", "code"), [("ru-RU", "ru"), ("UK_ua", "uk"), ("", None), (None, None)]
)
def test_declared_codes_are_normalised(raw: str | None, code: str | None) -> None:
    assert normalise(raw) == code


def test_a_short_paragraph_wholly_in_another_script_is_read_in_that_language() -> None:
    """An embedded tweet's credit line in a Ukrainian report: too short for the model, but
    no Ukrainian rule can read a Latin-only line, and English ones can ("May 11, 2023")."""
    credit = "— Ministry of Defence (@DefenceHQ) May 11, 2023"
    text = f"{UK}\n\n{credit}\n\nДалі буде."
    found = segments(text, "uk")
    assert [(text[s.start : s.end].strip(), s.language) for s in found] == [
        (UK, "uk"),
        (credit, "en"),
        ("Далі буде.", "uk"),
    ]


def test_a_line_with_letters_of_the_document_script_keeps_its_language() -> None:
    text = f"{UK}\n\nФото: Reuters / AFP Photo\n\nДалі буде."
    assert {s.language for s in segments(text, "uk")} == {"uk"}
