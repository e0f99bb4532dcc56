"""Credit lines: which outlet a text says it came from."""

from __future__ import annotations

import pytest

from storyline.link.credits import (
    find_credits,
    host_keys,
    is_translation_credit,
    name_keys,
    outlet_key,
)


@pytest.mark.parametrize(
    ("text", "name", "phrase"),
    [
        (
            "… This article originally appeared in The Calder Courier.",
            "The Calder Courier",
            "originally appeared in The Calder Courier",
        ),
        (
            "Ivanov told The New York Times on Monday.",
            "The New York Times",
            "told The New York Times",
        ),
        ("VELIN (Norpress) - The river rose.", "Norpress", "(Norpress)"),
        (
            "Republished with permission from meduza.io.",
            "meduza.io",
            "Republished with permission from meduza.io",
        ),
        ("Source: Calder Courier", "Calder Courier", "Source: Calder Courier"),
        (
            "As Harbour Watch first reported, ships waited.",
            "Harbour Watch",
            "As Harbour Watch first reported",
        ),
        (
            "It was first published by Institute for War and Peace Reporting in May.",
            "Institute for War and Peace Reporting",
            "first published by Institute for War and Peace Reporting",
        ),
        (
            "in an interview with The Daily Star, he said",
            "The Daily Star",
            "in an interview with The Daily Star",
        ),
        (
            "two former prisoners told Sever Media. The recruiters",
            "Sever Media",
            "told Sever Media",
        ),
    ],
)
def test_credits_are_found(text: str, name: str, phrase: str) -> None:
    credits = find_credits(text)
    assert [(c.name, c.text) for c in credits] == [(name, phrase)]


@pytest.mark.parametrize(
    "text",
    [
        "The minister told reporters that the port would reopen.",
        "According to officials, about 600 people left their homes.",
        "Dock workers walked off the job on Monday.",
        "",
    ],
)
def test_no_credit_without_a_capitalised_name(text: str) -> None:
    assert find_credits(text) == ()


def test_one_credit_per_outlet() -> None:
    text = "Source: Calder Courier. This article originally appeared in the Calder Courier."
    assert [c.name for c in find_credits(text)] == ["Calder Courier"]


def test_a_long_text_is_scanned_at_both_ends() -> None:
    text = "Source: Harbour Watch\n\n" + "word " * 100_000 + "\n\nVia Calder Courier"
    assert {c.name for c in find_credits(text)} == {"Harbour Watch", "Calder Courier"}


def test_keys() -> None:
    assert outlet_key("The Calder Courier") == outlet_key("calder-courier") == "caldercourier"
    assert "newyorktimes" in name_keys("The New York Times Monday")
    assert "the" not in name_keys("The Times")
    assert host_keys("www.calder-courier.example") == {"caldercourierexample", "caldercourier"}
    assert host_keys(None) == set()


@pytest.mark.parametrize(
    ("text", "name", "translation"),
    [
        ("Вербовщики вернулись.\n\nПеревод статьи The New York Times.", "The New York Times", True),
        ("Засуджених звільнили. Переклад статті «Медіазони».", "Медіазони", True),
        ("Засуджених звільнили.\n\nЗа матеріалами Радіо Свобода", "Радіо Свобода", True),
        ("Заключенных вербуют. По материалам издания «Верстка».", "Верстка", True),
        ("Заключенных вербуют.\n\nИсточник: meduza.io", "meduza.io", False),
    ],
)
def test_russian_and_ukrainian_credits_and_translation_credits(
    text: str, name: str, translation: bool
) -> None:
    """The cues are the ru/uk packs' data (langpacks/*/credits.yaml); a translation credit
    makes a report its original's story rather than an independent source."""
    [credit] = find_credits(text)
    assert credit.name == name
    assert is_translation_credit(credit.text) is translation


def test_a_person_after_a_word_for_source_is_no_credit() -> None:
    assert find_credits("Заключенных вербуют, сообщил источник Петров.") == ()


@pytest.mark.parametrize(
    ("credited", "host"),
    [
        ("Медіазони", "mediazona.ru"),  # genitive, Ukrainian spelling
        ("Медиазоны", "www.mediazona.ru"),
        ("РБК", "www.rbc.ru"),
        ("Української правди", "www.pravda.com.ua"),
        ("Новой газеты", "novayagazeta.ru"),
        ("Радіо Свобода", "www.radiosvoboda.org"),
    ],
)
def test_a_cyrillic_credit_in_any_case_matches_its_outlets_latin_host(
    credited: str, host: str
) -> None:
    """The list is data (langpacks/outlets.yaml): "За матеріалами «Медіазони»" names the
    outlet whose pages are on mediazona.ru, so a translation finds its original's story."""
    assert name_keys(credited) & host_keys(host)


def test_an_unlisted_or_other_cyrillic_name_matches_no_listed_host() -> None:
    assert not name_keys("Пригожин") & host_keys("www.rbc.ru")
    assert not name_keys("Новой жизни") & host_keys("novayagazeta.ru")
    assert not name_keys("РБК") & host_keys("mediazona.ru")
