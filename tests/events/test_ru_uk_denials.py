"""Denials and refusals to comment in Russian and Ukrainian reports are events of the
codebook's ``denial_or_refusal`` type, with the official who denies as the actor, though no
attribution cue ("по словам", "заявил") introduces them. Texts are invented."""

from __future__ import annotations

import pytest

from storyline.events import load_codebook
from storyline.extract import extract_document
from storyline.model import Document, Event

pytestmark = pytest.mark.slow


def _events(text: str, language: str) -> list[Event]:
    document = Document(
        text=text, sha256="", body_start=text.index("\n\n") + 2, published=None, language=language
    )
    return list(extract_document(document, codebook=load_codebook("prison-recruitment")).events)


def _denials(text: str, language: str) -> list[tuple[str, str, str]]:
    return [
        (e.text, e.roles["actor"][0].text, e.certainty)
        for e in _events(text, language)
        if e.type == "denial_or_refusal"
    ]


def test_russian_denials_and_refusals_to_comment() -> None:
    text = (
        "Вербовщики посетили колонию\n\n"
        "В ФСИН не ответили на запрос о вербовке заключенных в колонии. "
        "В Минобороны отрицают, что заключенных отправляют на фронт. "
        "Пресс-служба колонии отказалась от комментариев о вербовке. "
        "Администрация колонии не подтвердила эту информацию."
    )
    assert _denials(text, "ru") == [
        ("не ответили на запрос", "ФСИН", "asserted"),
        ("отрицают", "Минобороны", "asserted"),
        ("отказалась от комментариев", "Пресс-служба", "asserted"),
        ("не подтвердила", "Администрация", "asserted"),
    ]


def test_ukrainian_denials_and_refusals_to_comment() -> None:
    text = (
        "Вербувальники відвідали колонію\n\n"
        "У Міноборони заперечують, що засуджених відправляють на фронт. "
        "У ФСВП відмовилися коментувати вербування в колонії. "
        "Пенітенціарна служба не відповіла на запит щодо вербування засуджених."
    )
    assert _denials(text, "uk") == [
        ("заперечують", "Міноборони", "asserted"),
        ("відмовилися коментувати", "ФСВП", "asserted"),
        ("не відповіла на запит", "Пенітенціарна служба", "asserted"),
    ]


def test_what_a_denial_denies_is_negated() -> None:
    text = (
        "Вербовщики посетили колонию\n\nВ Минобороны отрицают, что заключенных отправляют на фронт."
    )
    sent = [e for e in _events(text, "ru") if e.type == "deployment"]
    assert [e.certainty for e in sent] == ["negated"]


def test_a_denial_without_an_official_is_no_event() -> None:
    text = (
        "Вербовщики посетили колонию\n\n"
        "Журналисты «Медиазоны» отрицают, что заключенных отправляют на фронт из колонии."
    )
    assert _denials(text, "ru") == []


def test_a_denial_takes_no_date_or_place_from_the_sentence_before() -> None:
    text = (
        "Вербовщики посетили колонию\n\n"
        "В мае в ИК-14 в Мордовии побывали вербовщики. "
        "Администрация колонии не подтвердила эту информацию."
    )
    denial = next(e for e in _events(text, "ru") if e.type == "denial_or_refusal")
    assert set(denial.roles) == {"actor"}


def test_an_official_body_stresses_in_a_statement() -> None:
    text = (
        "Рада приняла закон\n\n"
        "В Раде также подчеркивали, что заключенных отправят на фронт только добровольно, "
        "передает RT."
    )
    statements = [e for e in _events(text, "ru") if e.type == "official_statement"]
    assert [(e.text, e.roles["actor"][0].text) for e in statements] == [("подчеркивали", "Раде")]


def test_an_advocate_titled_before_her_name_makes_no_official_statement() -> None:
    text = (
        "Вербовка в колониях\n\n"
        "В апреле глава фонда «Русь сидящая» Ольга Романова сообщила, что в колониях "
        "завербовали около 49 тысяч заключенных."
    )
    assert [e.type for e in _events(text, "ru") if e.type == "official_statement"] == []


def test_going_home_at_the_end_of_the_contract_is_a_return() -> None:
    text = (
        "Бойцы вернулись\n\n"
        "На 18 июня убыло домой по окончании контракта 32 000 лиц из числа ранее осужденных."
    )
    returns = [e for e in _events(text, "ru") if e.type == "discharge_and_return"]
    assert [e.text for e in returns] == ["убыло домой"]
