"""Russian and Ukrainian time expressions, resolved against the publication date (2024-06-20).

Invented sentences; each asserts the span a reader sees and the interval the record keeps,
by the English conventions (docs/eval.md).
"""

from __future__ import annotations

from datetime import date

import pytest

from storyline.extract.lexical_times import extract
from storyline.model import TimeMention

PUBLISHED = date(2024, 6, 20)


def _one(text: str, language: str, published: date | None = PUBLISHED) -> TimeMention:
    found = extract(text, published, language)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("language", "text", "span", "start", "end", "granularity"),
    [
        (
            "ru",
            "Заключённых вывезли в конце мая.",
            "конце мая",
            "2024-05-21",
            "2024-05-31",
            "part-of-month",
        ),
        ("ru", "Их помиловали 15 марта.", "15 марта", "2024-03-15", "2024-03-15", "day"),
        ("ru", "Вербовщики приехали в августе.", "августе", "2023-08-01", "2023-08-31", "month"),
        (
            "ru",
            "Колонию посетили прошлой осенью.",
            "прошлой осенью",
            "2023-09-01",
            "2023-11-30",
            "season",
        ),
        ("ru", "Это случилось в прошлом году.", "прошлом году", "2023-01-01", "2023-12-31", "year"),
        ("ru", "Его освободили вчера.", "вчера", "2024-06-19", "2024-06-19", "day"),
        ("ru", "В 2022 году вербовка началась.", "2022 году", "2022-01-01", "2022-12-31", "year"),
        (
            "ru",
            "Осенью 2023 года колонию закрыли.",
            "Осенью 2023 года",
            "2023-09-01",
            "2023-11-30",
            "season",
        ),
        (
            "ru",
            "С марта по май 2024 года ушли сотни.",
            "С марта по май 2024 года",
            "2024-03-01",
            "2024-05-31",
            "range",
        ),
        ("ru", "Суды заседали 15–20 марта.", "15–20 марта", "2024-03-15", "2024-03-20", "range"),
        (
            "ru",
            "Три года назад колонию открыли.",
            "Три года назад",
            "2021-01-01",
            "2021-12-31",
            "year",
        ),
        (
            "ru",
            "На прошлой неделе вербовщики вернулись.",
            "прошлой неделе",
            "2024-06-10",
            "2024-06-16",
            "week",
        ),
        (
            "uk",
            "Закон ухвалили у травні 2024 року.",
            "травні 2024 року",
            "2024-05-01",
            "2024-05-31",
            "month",
        ),
        (
            "uk",
            "Минулого місяця суди задовольнили клопотання.",
            "Минулого місяця",
            "2024-05-01",
            "2024-05-31",
            "month",
        ),
        (
            "uk",
            "Восени минулого року вербувальники приїхали.",
            "Восени минулого року",
            "2023-09-01",
            "2023-11-30",
            "season",
        ),
        (
            "uk",
            "Жінок вивезли наприкінці травня.",
            "наприкінці травня",
            "2024-05-21",
            "2024-05-31",
            "part-of-month",
        ),
        ("uk", "Торік колонію закрили.", "Торік", "2023-01-01", "2023-12-31", "year"),
        (
            "uk",
            "Повідомлення оприлюднили 30.05.2024.",
            "30.05.2024",
            "2024-05-30",
            "2024-05-30",
            "day",
        ),
    ],
)
def test_resolves_against_the_publication_date(
    language: str, text: str, span: str, start: str, end: str, granularity: str
) -> None:
    found = _one(text, language)
    assert text[found.start : found.end] == found.text == span
    assert found.start_date == date.fromisoformat(start)
    assert found.end_date == date.fromisoformat(end)
    assert found.granularity == granularity
    assert found.resolved


@pytest.mark.parametrize(
    ("language", "text", "span", "start"),
    [
        ("ru", "Вербовка идёт с 2022 года.", "с 2022 года", "2022-01-01"),
        ("uk", "Вербування триває з 2022 року.", "з 2022 року", "2022-01-01"),
    ],
)
def test_since_is_an_open_interval(language: str, text: str, span: str, start: str) -> None:
    found = _one(text, language)
    assert (found.text, found.start_date, found.end_date) == (
        span,
        date.fromisoformat(start),
        None,
    )
    assert found.granularity == "open"


@pytest.mark.parametrize(
    ("language", "text", "span", "duration"),
    [
        ("ru", "Контракт заключают на шесть месяцев.", "шесть месяцев", "P6M"),
        ("uk", "Контракт підписують на шість місяців.", "шість місяців", "P6M"),
        ("ru", "Служба длится полгода.", "полгода", "P6M"),
    ],
)
def test_durations_are_iso_8601(language: str, text: str, span: str, duration: str) -> None:
    found = _one(text, language)
    assert (found.text, found.duration, found.granularity) == (span, duration, "duration")
    assert found.start_date is None


def test_relative_time_without_a_publication_date_stays_unresolved() -> None:
    found = _one("Это случилось в прошлом году.", "ru", published=None)
    assert found.relative and not found.resolved
    assert found.start_date is None


def test_an_absolute_date_resolves_without_a_publication_date() -> None:
    found = _one("Их помиловали 15 марта 2024 года.", "ru", published=None)
    assert (found.text, found.start_date, found.relative) == (
        "15 марта 2024 года",
        date(2024, 3, 15),
        False,
    )


@pytest.mark.parametrize(
    ("language", "text", "span", "start", "end"),
    [
        (
            "ru",
            "Это было в конце прошлого года.",
            "конце прошлого года",
            "2023-10-01",
            "2023-12-31",
        ),
        ("ru", "Вербовка шла в феврале-марте.", "феврале-марте", "2024-02-01", "2024-03-31"),
        (
            "uk",
            "Вербування тривало у лютому-березні 2023 року.",
            "лютому-березні 2023 року",
            "2023-02-01",
            "2023-03-31",
        ),
        ("uk", "Це сталося два тижні тому.", "два тижні тому", "2024-06-03", "2024-06-09"),
        (
            "ru",
            "Их освободили в мае прошлого года.",
            "мае прошлого года",
            "2023-05-01",
            "2023-05-31",
        ),
    ],
)
def test_parts_of_relative_years_month_pairs_and_ago(
    language: str, text: str, span: str, start: str, end: str
) -> None:
    found = _one(text, language)
    assert (found.text, found.start_date, found.end_date) == (
        span,
        date.fromisoformat(start),
        date.fromisoformat(end),
    )


@pytest.mark.parametrize(
    ("language", "text", "span", "start", "end"),
    [
        (
            "uk",
            "За перші вісім місяців 2023 року мобілізовано 4500 засуджених.",
            "перші вісім місяців 2023 року",
            "2023-01-01",
            "2023-08-31",
        ),
        (
            "uk",
            "Мін'юст оприлюднив дані за два перших місяці осені минулого року.",
            "два перших місяці осені минулого року",
            "2023-09-01",
            "2023-10-31",
        ),
        (
            "uk",
            "За останні два місяці подано 300 клопотань.",
            "останні два місяці",
            "2024-04-01",
            "2024-05-31",
        ),
        (
            "ru",
            "В первые два месяца прошлого года уехали 200 человек.",
            "первые два месяца прошлого года",
            "2023-01-01",
            "2023-02-28",
        ),
        (
            "ru",
            "За последние три недели уехали 200 человек.",
            "последние три недели",
            "2024-05-27",
            "2024-06-16",
        ),
    ],
)
def test_the_first_months_of_a_period_and_the_last_months_before_publication(
    language: str, text: str, span: str, start: str, end: str
) -> None:
    found = _one(text, language)
    assert (found.text, str(found.start_date), str(found.end_date), found.granularity) == (
        span,
        start,
        end,
        "range",
    )


def test_more_than_a_year_is_a_duration_of_one_year() -> None:
    found = _one("Служити зможуть засуджені, які мають понад рік до звільнення.", "uk")
    assert (found.text, found.duration, found.start_date) == ("рік", "P1Y", None)
    assert _one("Осталось более года.", "ru").duration == "P1Y"


@pytest.mark.parametrize(
    ("language", "text", "span", "start", "end"),
    [
        (
            "uk",
            "У першому півріччі 2024 року звільнено 300 засуджених.",
            "першому півріччі 2024 року",
            "2024-01-01",
            "2024-06-30",
        ),
        (
            "ru",
            "Во втором полугодии 2023 года уехали 300 человек.",
            "втором полугодии 2023 года",
            "2023-07-01",
            "2023-12-31",
        ),
        (
            "uk",
            "За січень – травень 2024 року звільнено 300 засуджених.",
            "січень – травень 2024 року",
            "2024-01-01",
            "2024-05-31",
        ),
    ],
)
def test_half_years_and_month_ranges_with_a_spaced_dash(
    language: str, text: str, span: str, start: str, end: str
) -> None:
    found = _one(text, language)
    assert (found.text, str(found.start_date), str(found.end_date)) == (span, start, end)


@pytest.mark.parametrize(
    ("language", "text", "span", "day"),
    [
        ("uk", " date 2024-03-09 Звіт про мобілізацію.", "2024-03-09", "2024-03-09"),
        ("uk", "12 квіт. 2023 09:15\n\nЗвіт про мобілізацію.", "12 квіт. 2023", "2023-04-12"),
        ("uk", "• Пт. Бер 8th, 2024\n\nЗвіт про мобілізацію.", "Бер 8th, 2024", "2024-03-08"),
        ("uk", "10:05 Жов 14, 2023 ,\n\nЗвіт.", "Жов 14, 2023", "2023-10-14"),
        ("ru", "14 окт. 2023 10:05\n\nОтчет о мобилизации.", "14 окт. 2023", "2023-10-14"),
    ],
)
def test_page_stamps_in_iso_form_and_with_abbreviated_months(
    language: str, text: str, span: str, day: str
) -> None:
    """Page stamps: an ISO date, "28 трав. 2024" and the month-first "Лип 23, 2024" of
    calendar widgets (uk heldout, heldout2 and heldout3 pages)."""
    found = [(m.text, m.start_date) for m in extract(text, None, language)]
    assert (span, date.fromisoformat(day)) in found


def test_an_abbreviation_that_is_a_word_is_no_month_without_a_day_and_a_year() -> None:
    assert [m.text for m in extract("Лис вийшов з лісу о 5 ранку.", None, "uk")] == []


def test_a_date_line_with_its_weekday_and_as_of_today() -> None:
    found = [(m.text, m.start_date) for m in extract("15 березня , 2024 пʼятниця", None, "uk")]
    assert ("15 березня , 2024", date(2024, 3, 15)) in found
    today = extract("Заяв, поданих на сьогоднішній день, уже 900.", None, "uk")
    assert [(m.text, m.start_date, m.resolved) for m in today] == [
        ("сьогоднішній день", None, False)
    ]
    anchored = extract("На сегодняшний день в армии 300 человек.", date(2024, 5, 2), "ru")
    assert [(m.text, m.start_date) for m in anchored] == [("сегодняшний день", date(2024, 5, 2))]


@pytest.mark.parametrize(
    ("language", "text", "span", "start", "end", "granularity"),
    [
        ("uk", "Вербування йде із середини літа.", "із середини літа", "2024-07-01", None, "open"),
        ("ru", "Вербовка идет с середины лета.", "с середины лета", "2024-07-01", None, "open"),
        ("uk", "Ініціатива триває з початку року.", "з початку року", "2024-01-01", None, "open"),
        ("ru", "Инициатива длится с начала года.", "с начала года", "2024-01-01", None, "open"),
        (
            "ru",
            "Это было в середине лета 2023 года.",
            "середине лета 2023 года",
            "2023-07-01",
            "2023-07-31",
            "season",
        ),
        ("ru", "Они пришли в начале зимы.", "начале зимы", "2023-12-01", "2023-12-31", "season"),
        (
            "uk",
            "Від травня 2024 року діє закон.",
            "Від травня 2024 року",
            "2024-05-01",
            None,
            "open",
        ),
    ],
)
def test_parts_of_seasons_and_years_and_since_in_ukrainian(
    language: str, text: str, span: str, start: str, end: str | None, granularity: str
) -> None:
    found = _one(text, language)
    assert (found.text, str(found.start_date), found.end_date and str(found.end_date)) == (
        span,
        start,
        end,
    )
    assert found.granularity == granularity


def test_a_law_dated_a_day_is_no_since() -> None:
    found = _one("Закон від 8 травня 2024 року підписано.", "uk")
    assert (found.text, found.granularity, str(found.start_date)) == (
        "8 травня 2024 року",
        "day",
        "2024-05-08",
    )


def test_the_last_unit_without_a_number_is_the_last_whole_one() -> None:
    found = _one("За последний год многие ушли на фронт.", "ru")
    assert (found.text, str(found.start_date), str(found.end_date)) == (
        "последний год",
        "2023-01-01",
        "2023-12-31",
    )


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ru", "За последние годы многие ушли на фронт."),  # recent years, no whole year
        ("ru", "Последний год он провел на фронте."),
        ("ru", "В 2022 году, в конце года, он ушел на фронт."),  # the end of the year named
    ],
)
def test_last_units_and_year_parts_that_are_no_new_time(language: str, text: str) -> None:
    found = extract(text, PUBLISHED, language)
    assert all(t.start_date is None or t.start_date.year != 2023 for t in found), found
    assert not any(t.start_date is not None and t.start_date.year == 2024 for t in found), found


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Ситуація відрізняється від 2022 року.", "2022 року"),  # a comparison
        ("Постанова Кабміну від березня 2023 року діє.", "березня 2023 року"),  # a date
    ],
)
def test_vid_that_is_no_since(text: str, span: str) -> None:
    found = _one(text, "uk")
    assert (found.text, found.granularity == "open") == (span, False)
