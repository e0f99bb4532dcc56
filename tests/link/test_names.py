"""One referent across languages: transliteration standards and the shipped alias list."""

from __future__ import annotations

import pytest

from storyline.link.names import link_key, transliterate


@pytest.mark.parametrize(
    ("name", "language", "latin"),
    [
        # BGN/PCGN, as English news spells Russian names
        ("Песков", "ru", "Peskov"),
        ("Пригожин", "ru", "Prigozhin"),
        ("Евгений", "ru", "Yevgeniy"),
        ("Саратов", "ru", "Saratov"),
        ("Щёлково", "ru", "Shchelkovo"),
        # Ukrainian national transliteration (2010): initial and medial forms differ
        ("Харків", "uk", "Kharkiv"),
        ("Київ", "uk", "Kyiv"),
        ("Юрій", "uk", "Yurii"),
        ("Згурівка", "uk", "Zghurivka"),
        ("Ізюм", "uk", "Izium"),
    ],
)
def test_transliteration_follows_the_standard(name: str, language: str, latin: str) -> None:
    assert transliterate(name, language) == latin


@pytest.mark.parametrize(
    ("names", "type"),
    [
        (
            [("Песков", "ru"), ("Дмитрий Песков", "ru"), ("Пєсков", "uk"), ("Dmitry Peskov", "en")],
            "PER",
        ),
        ([("Евгений Пригожин", "ru"), ("Prigozhin", "en"), ("Євген Пригожин", "uk")], "PER"),
        (
            [
                ("Мордовия", "ru"),
                ("Республика Мордовия", "ru"),
                ("Мордовія", "uk"),
                ("Mordovia", "en"),
            ],
            "LOC",
        ),
        (
            [
                ("ФСИН", "ru"),
                ("ФСВП", "uk"),
                ("Federal Penitentiary Service", "en"),
                ("FSIN", "en"),
            ],
            "ORG",
        ),
    ],
)
def test_one_referent_has_one_key_in_every_language(
    names: list[tuple[str, str]], type: str
) -> None:
    assert len({link_key(name, type, language) for name, language in names}) == 1


def test_different_people_keep_different_keys() -> None:
    assert link_key("Песков", "PER", "ru") != link_key("Пригожин", "PER", "ru")
    assert link_key("Мордовия", "LOC", "ru") != link_key("Саратов", "LOC", "ru")


def test_speakers_are_one_across_scripts() -> None:
    from storyline.link.claims import _same_speaker

    assert _same_speaker("Песков", "Peskov")
    assert _same_speaker("Пєсков", "Dmitry Peskov")
    assert _same_speaker("ФСИН", "the Federal Penitentiary Service")
    assert not _same_speaker("Песков", "Prigozhin")
    assert _same_speaker("the Justice Ministry", "Justice Ministry")  # English as before
