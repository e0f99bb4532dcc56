"""Russian and Ukrainian web pages keep their furniture in the stored text: counters of views
and comments, reading times, phone numbers, a date line. Phones and lines of bare counters
are no quantity; a counter with its word is one, as the real-report annotation convention
counts it; a date line with a clock time dates an undated page. Texts are invented."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.extract import extract_document
from storyline.extract.dateline import page_date
from storyline.model import Document, QuantityMention, TimeMention

pytestmark = pytest.mark.slow

UK_PAGE = (
    "У Житомирі сорок засуджених пішли до війська\n\n"
    "30 травня 2024, 14:10\n\n"
    "• 25410 переглядiв\n\n"
    "0 коментарів\n\n"
    "3 хв\n\n"
    "2.3т\n\n"
    "Минулого місяця 40 засуджених з колонії приєдналися до ЗСУ, повідомили в управлінні.\n\n"
    "Телефон редакції: +38 (044) 123-45-67, 067 123 45 67."
)
RU_PAGE = (
    "Из колонии в Карелии на фронт ушли 50 заключенных\n\n"
    "17.05.2024 12:30 | Автор: Иван Петров\n\n"
    "0 2192\n\n"
    "12 комментариев\n\n"
    "Время чтения: 3 мин\n\n"
    "На прошлой неделе 50 заключенных подписали контракт, им обещали 1 234 567 рублей.\n\n"
    "Телефон: 8 (800) 555-35-35"
)


def _document(text: str, language: str, published: date | None = None) -> Document:
    return Document(
        text=text,
        sha256="",
        body_start=text.index("\n\n") + 2,
        published=published,
        language=language,
    )


def _quantities(text: str, language: str) -> list[str]:
    result = extract_document(_document(text, language))
    return [m.text for m in result.mentions if isinstance(m, QuantityMention)]


def test_ukrainian_phones_are_no_figures_and_named_counters_are() -> None:
    found = _quantities(UK_PAGE, "uk")
    assert "сорок засуджених" in found and "40 засуджених" in found
    assert not any("123" in f or "044" in f or "067" in f for f in found)
    assert any(f.startswith("25410") for f in found)  # a view count with its word


def test_russian_phones_and_bare_counter_lines_are_no_figures() -> None:
    found = _quantities(RU_PAGE, "ru")
    assert found.count("50 заключенных") == 2
    assert "1 234 567 рублей" in found
    assert not any("2192" in f or "555" in f for f in found)
    assert "12 комментариев" in found


def test_figures_of_the_report_beside_furniture_words_stay() -> None:
    text = (
        "Заголовок\n\n"
        "Понад 770 засуджених подали 2 402 клопотання, а 25 коментаторів обговорили це."
    )
    assert _quantities(text, "uk")[:2] == ["Понад 770 засуджених", "2 402 клопотання"]


def test_a_date_line_with_a_clock_time_dates_an_undated_page() -> None:
    result = extract_document(_document(UK_PAGE, "uk"))
    times = {m.text: m for m in result.mentions if isinstance(m, TimeMention)}
    last_month = times["Минулого місяця"]
    assert last_month.resolved and last_month.start_date == date(2024, 4, 1)
    assert last_month.end_date == date(2024, 4, 30)


def test_the_publication_date_wins_over_the_page_stamp() -> None:
    result = extract_document(_document(UK_PAGE, "uk", published=date(2024, 7, 2)))
    times = {m.text: m for m in result.mentions if isinstance(m, TimeMention)}
    assert times["Минулого місяця"].start_date == date(2024, 6, 1)


@pytest.mark.parametrize(
    ("line", "language", "expected"),
    [
        ("30 травня 2024, 14:10", "uk", date(2024, 5, 30)),
        ("14:10, 30 травня 2024", "uk", date(2024, 5, 30)),
        ("19-11-2022, 09:56 / Автор: Інна Волєва", "uk", date(2022, 11, 19)),
        ("18 мая 2024, 00:09 | Автор: Инна Семина", "ru", date(2024, 5, 18)),
        ("18/06/2023 - 14:32", "ru", date(2023, 6, 18)),
        # a date without a clock time may be today's (a widget), not the page's
        ("23 грудня, 2025", "uk", None),
        # a date inside a sentence is an event's, not the page's
        ("Закон підписали 17.05.2024 о 12:30 у Києві, повідомили в Офісі президента.", "uk", None),
        # English keeps its own rules
        ("17.05.2024 12:30", "en", None),
    ],
)
def test_page_stamp_lines(line: str, language: str, expected: date | None) -> None:
    assert page_date(f"Заголовок\n\n{line}\n\nТекст звіту.", language) == expected


def test_a_page_stamp_at_the_bottom_counts_too() -> None:
    text = "Заголовок\n\nТекст звіту.\n\nЩе текст.\n\n17.05.2024 12:30"
    assert page_date(text, "uk") == date(2024, 5, 17)


def test_a_date_line_with_a_comma_before_the_year_is_one_date_and_no_figure() -> None:
    result = extract_document(_document("Заголовок\n\n23 грудня, 2025\n\nТекст звіту.", "uk"))
    assert [m.text for m in result.mentions if isinstance(m, QuantityMention)] == []
    times = [m for m in result.mentions if isinstance(m, TimeMention)]
    assert [(t.text, t.start_date) for t in times] == [("23 грудня, 2025", date(2025, 12, 23))]
