"""Russian and Ukrainian quantities: numerals in every case, bounds, ranges, vague amounts.

The sentences are invented for these tests; each asserts what a researcher reads in the
record: the span, the value or range and the unit.
"""

from __future__ import annotations

import pytest

from storyline.extract.lexical_quantities import extract
from storyline.model import QuantityMention


def _one(text: str, language: str) -> QuantityMention:
    found = extract(text, None, language)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("language", "text", "span", "value", "low", "high", "approximate", "unit"),
    [
        (
            "ru",
            "Тридцать заключённых подписали контракт.",
            "Тридцать заключённых",
            30,
            30,
            30,
            False,
            "person",
        ),
        (
            "ru",
            "Контракты предложили тридцати заключённым.",
            "тридцати заключённым",
            30,
            30,
            30,
            False,
            "person",
        ),
        ("ru", "Вернулись сорок бойцов.", "сорок бойцов", 40, 40, 40, False, "person"),
        (
            "ru",
            "Из колонии вывезли полторы тысячи человек.",
            "полторы тысячи человек",
            1500,
            1500,
            1500,
            False,
            "person",
        ),
        (
            "ru",
            "На фронт отправили около 30 тысяч заключённых.",
            "около 30 тысяч заключённых",
            30000,
            30000,
            30000,
            True,
            "person",
        ),
        (
            "ru",
            "Погибли более 100 осуждённых.",
            "более 100 осуждённых",
            100,
            100,
            None,
            False,
            "person",
        ),
        (
            "ru",
            "Завербованы десятки тысяч бывших заключённых.",
            "десятки тысяч бывших заключённых",
            None,
            10000,
            100000,
            True,
            "person",
        ),
        (
            "ru",
            "Им платят от 15 до 20 тысяч рублей.",
            "от 15 до 20 тысяч рублей",
            None,
            15000,
            20000,
            False,
            "RUB",
        ),
        (
            "ru",
            "Из колонии ушли несколько сотен человек.",
            "несколько сотен человек",
            None,
            300,
            900,
            True,
            "person",
        ),
        (
            "ru",
            "Вербовщики увезли двести тридцать пять осуждённых.",
            "двести тридцать пять осуждённых",
            235,
            235,
            235,
            False,
            "person",
        ),
        ("ru", "Каждый десятый не вернулся.", "Каждый десятый", 10, 10, 10, False, "percent"),
        ("ru", "Зарплата выросла в 2,5 раза.", "2,5 раза", 2.5, 2.5, 2.5, False, "times"),
        (
            "ru",
            "Погибли двое и более осуждённых.",
            "двое и более осуждённых",
            2,
            2,
            None,
            False,
            "person",
        ),
        (
            "uk",
            "Понад 8 тисяч ув'язнених підписали контракти.",
            "Понад 8 тисяч ув'язнених",
            8000,
            8000,
            None,
            False,
            "person",
        ),
        (
            "uk",
            "Загинули близько п'ятдесяти осіб.",
            "близько п'ятдесяти осіб",
            50,
            50,
            50,
            True,
            "person",
        ),
        (
            "uk",
            "Їм обіцяли 15–20 тис. гривень.",
            "15–20 тис. гривень",
            None,
            15000,
            20000,
            False,
            "UAH",
        ),
        (
            "uk",
            "Суди задовольнили 1843 таких клопотань.",
            "1843 таких клопотань",
            1843,
            1843,
            1843,
            False,
            "клопотання",
        ),
        (
            "uk",
            "Вербувальники забрали кілька сотень засуджених.",
            "кілька сотень засуджених",
            None,
            300,
            900,
            True,
            "person",
        ),
    ],
)
def test_reads_the_figure(
    language: str,
    text: str,
    span: str,
    value: float | None,
    low: float | None,
    high: float | None,
    approximate: bool,
    unit: str,
) -> None:
    found = _one(text, language)
    assert text[found.start : found.end] == found.text == span
    assert (found.value, found.low, found.high) == (value, low, high)
    assert found.approximate is approximate
    assert found.unit == unit


def test_a_figure_counts_the_people_named_before_it() -> None:
    found = _one("Число ув'язнених склало 338 тисяч.", "uk")
    assert (found.text, found.value, found.unit) == ("338 тисяч", 338000, "person")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ru", "В 2022 году колонию закрыли."),
        ("ru", "15 марта колонию закрыли."),
        ("ru", "Осуждённых перевели в ИК-7."),
        ("ru", "Его держали в колонии № 6."),
        ("uk", "У 2024 році колонію закрили."),
        ("uk", "Новину опублікували о 09:56."),
    ],
)
def test_years_dates_identifiers_and_clock_times_are_no_quantities(
    language: str, text: str
) -> None:
    assert extract(text, None, language) == []


def test_one_of_is_a_pronoun_not_a_count() -> None:
    assert extract("Один из заключённых рассказал об этом.", None, "ru") == []


def test_offsets_point_into_the_whole_text() -> None:
    text = "Заголовок\n\nВ колонию приехали вербовщики. Они увезли 40 человек."
    found = _one(text, "ru")
    assert text[found.start : found.end] == "40 человек"


def test_a_six_month_adjective_is_a_figure() -> None:
    found = _one("Они отслужили полугодовую службу.", "ru")
    assert (found.text, found.value, found.unit) == ("полугодовую", 6, "month")


def test_a_line_that_is_only_a_number_is_no_quantity() -> None:
    assert extract("Новость\n\n0\n\nТекст новости.", None, "ru") == []


def test_a_bare_figure_counts_what_the_figure_before_it_counted() -> None:
    found = extract("Суди розглянули 2400 клопотань і задовольнили понад 1800 із них.", None, "uk")
    assert [(q.text, q.unit) for q in found] == [
        ("2400 клопотань", "клопотання"),
        ("понад 1800", "клопотання"),
    ]


@pytest.mark.parametrize(
    ("language", "text", "span", "value", "unit"),
    [
        ("ru", "Задержали 37-летнего бойца.", "37-летнего", 37, "year"),
        ("uk", "Затримали 38-річного бійця.", "38-річного", 38, "year"),
        ("ru", "Пригожин набрал 50 тыс. «зэков».", "50 тыс. «зэков»", 50000, "person"),
        ("ru", "Воевали 32 тыс ранее осужденных.", "32 тыс ранее осужденных", 32000, "person"),
        ("ru", "Пожар был в двух частных домах.", "двух частных домах", 2, "дом"),
        ("ru", "На фронт ушли два брата.", "два брата", 2, "person"),
        # animals and machines are animate to the dictionary but are not people
        ("ru", "На ферме погибли 30 коров.", "30 коров", 30, "корова"),
        ("uk", "Сили ППО збили 4 винищувачі.", "4 винищувачі", 4, "винищувач"),
        ("ru", "У бизнеса было два источника дохода.", "два источника", 2, "источник"),
        # a scale word after the singular hundred scales it
        (
            "ru",
            "Освободили более сотни тысяч заключенных.",
            "более сотни тысяч заключенных",
            100_000,
            "person",
        ),
    ],
)
def test_ages_quoted_nouns_and_any_case(
    language: str, text: str, span: str, value: float, unit: str
) -> None:
    found = _one(text, language)
    assert (found.text, found.value, found.unit) == (span, value, unit)


def test_digits_inside_codes_and_base64_are_no_figures() -> None:
    assert extract("Фото: data:image/png;base64,iVBORw0KGgo9743AAA ещё COVID19.", None, "ru") == []


@pytest.mark.parametrize(
    ("language", "text", "span", "low", "high", "unit", "per"),
    [
        (
            "ru",
            "Им платят 200 тысяч рублей в месяц.",
            "200 тысяч рублей в месяц",
            200000,
            200000,
            "RUB",
            "month",
        ),
        (
            "uk",
            "Зарплата 100 тисяч гривень на місяць.",
            "100 тисяч гривень на місяць",
            100000,
            100000,
            "UAH",
            "month",
        ),
        ("uk", "Пішли кількасот засуджених.", "кількасот засуджених", 300, 900, "person", None),
        ("uk", "Десятки тисяч людей.", "Десятки тисяч людей", 10000, 100000, "person", None),
    ],
)
def test_rates_and_more_vague_amounts(
    language: str, text: str, span: str, low: float, high: float, unit: str, per: str | None
) -> None:
    found = _one(text, language)
    assert (found.text, found.low, found.high, found.unit, found.per) == (
        span,
        low,
        high,
        unit,
        per,
    )


def test_a_language_without_lexicons_or_dictionary_gets_nothing_and_no_error() -> None:
    from storyline.extract import lexical_hedges, lexical_sources, lexical_times
    from storyline.extract.lexical_words import words

    text = "Etwa 40 Menschen, sagte die Polizei am 15. Mai."
    for extractor in (extract, lexical_times.extract, lexical_sources.extract):
        assert extractor(text, None, "de") == []
    assert lexical_hedges.extract(text, None, "de") == []
    assert [w.lemma for w in words("Etwa Menschen", "de")] == ["etwa", "menschen"]


@pytest.mark.parametrize(
    ("language", "text", "counted"),
    [
        (
            "uk",
            "Засуджені поповнили лави 92 окремої штурмової бригади, ще 25 засуджених чекають.",
            ["25 засуджених"],
        ),
        ("ru", "Бойцы 155 отдельной бригады морской пехоты, всего 300 человек.", ["300 человек"]),
        ("uk", "Створено 22 окремі бригади.", ["22 окремі бригади"]),
        (
            "uk",
            "Діють 21 окрема бригада і 5 нових батальйонів.",
            ["21 окрема бригада", "5 нових батальйонів"],
        ),
    ],
)
def test_a_number_before_a_singular_adjective_names_a_unit_and_counts_nothing(
    language: str, text: str, counted: list[str]
) -> None:
    """A unit's number ("the 92nd brigade") is no figure; plural agreement still counts."""
    assert [m.text for m in extract(text, None, language)] == counted


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("uk", "За перші вісім місяців 2025 року мобілізовано 4500 засуджених."),
        ("uk", "Дані за два перших місяці осені поточного року показали 4500 засуджених."),
        ("ru", "За последние три месяца уехали 4500 заключенных."),
    ],
)
def test_the_first_or_last_months_of_a_period_are_a_time_not_a_count(
    language: str, text: str
) -> None:
    assert [m.value for m in extract(text, None, language)] == [4500]


@pytest.mark.parametrize(
    ("language", "text", "span", "unit"),
    [
        ("uk", "Засуджені, які мають понад рік до звільнення.", "рік", "year"),
        ("ru", "Осужденные, которым осталось более года.", "года", "year"),
        ("uk", "Вони чекали близько місяця.", "місяця", "month"),
    ],
)
def test_a_modifier_before_one_unit_of_time_makes_it_a_figure(
    language: str, text: str, span: str, unit: str
) -> None:
    """ "понад рік" (more than a year) counts one year, as tests/gold_uk reads it."""
    found = _one(text, language)
    assert (found.text, found.value, found.low, found.high, found.unit) == (span, 1, 1, 1, unit)


@pytest.mark.parametrize(
    ("language", "text", "counted"),
    [
        (
            "uk",
            "Відповідно до ч. 2 ст. 81-1 КК України звільнено 300 засуджених.",
            ["300 засуджених"],
        ),
        ("ru", "Согласно ч. 1 ст. 78 УК освобождены 300 осужденных.", ["300 осужденных"]),
        ("uk", "Фото: 24 Канал. Звільнено 300 засуджених.", ["300 засуджених"]),
        ("uk", "З них 7 тисяч уже воюють.", ["7 тисяч"]),
        ("uk", "Їх було два. 300 засуджених пішли.", ["два", "300 засуджених"]),
    ],
)
def test_article_numbers_names_and_adverbs_are_not_counts(
    language: str, text: str, counted: list[str]
) -> None:
    """ "ч. 2 ст. 81" numbers a law's part (no sentence ends at "ч."), "24 Канал" is a
    name, and "уже" is no counted noun; a short word that is no abbreviation still ends a
    sentence."""
    assert [m.text for m in extract(text, None, language)] == counted
    assert all(m.unit != "уж" for m in extract(text, None, language))


@pytest.mark.parametrize(
    ("language", "text", "span", "value", "low", "high", "approximate", "unit"),
    [
        ("ru", "Погода: 18°С, ясно.", "18°С", 18, 18, 18, False, "°C"),
        ("uk", "Київ • 4.2° Хмарно", "4.2°", 4.2, 4.2, 4.2, False, "°C"),
        (
            "uk",
            "До армії пішли біля 700 засуджених.",
            "біля 700 засуджених",
            700,
            700,
            700,
            True,
            "person",
        ),
        ("uk", "Заяв буде десь 3,5 тисячі.", "десь 3,5 тисячі", 3500, 3500, 3500, True, None),
        ("uk", "Шестеро чоловіків уклали контракт.", "Шестеро чоловіків", 6, 6, 6, False, "person"),
        (
            "uk",
            "За вбивство трьох чи більше осіб.",
            "трьох чи більше осіб",
            3,
            3,
            None,
            False,
            "person",
        ),
        (
            "uk",
            "Понад 40 ув‘язнених підписали контракт.",
            "Понад 40 ув‘язнених",
            40,
            40,
            None,
            False,
            "person",
        ),
    ],
)
def test_temperatures_approximations_collectives_and_apostrophes(
    language: str,
    text: str,
    span: str,
    value: float,
    low: float,
    high: float | None,
    approximate: bool,
    unit: str | None,
) -> None:
    """Weather in page furniture is in °C; "біля", "десь" are "about"; "шестеро" counts six;
    "ув‘язнених" with a left quote mark for its apostrophe is one word."""
    m = _one(text, language)
    assert (m.text, m.value, m.low, m.high, m.approximate, m.unit) == (
        span,
        value,
        low,
        high,
        approximate,
        unit,
    )


def test_a_page_stamp_year_is_no_quantity_but_a_count_after_a_date_is() -> None:
    assert extract("28 трав. 2024 11:07", None, "uk") == []
    assert [m.text for m in extract("До 5 травня, 2000 людей прийшли.", None, "uk")] == [
        "2000 людей"
    ]


@pytest.mark.parametrize(
    ("language", "text", "span", "value"),
    [
        ("uk", "До армії пішли 12 тис. 300 засуджених.", "12 тис. 300 засуджених", 12300),
        ("ru", "Домой вернулись 5 тыс. 250 человек.", "5 тыс. 250 человек", 5250),
    ],
)
def test_thousands_abbreviated_then_the_rest_in_digits(
    language: str, text: str, span: str, value: float
) -> None:
    """ "10 тис. 100 ув'язнених" is 10,100 (uk heldout, a ministry's figure retold)."""
    m = _one(text, language)
    assert (m.text, m.value) == (span, value)


def test_the_year_of_a_date_line_before_its_weekday_is_no_quantity() -> None:
    assert extract("15 березня, 2024 пʼятниця", None, "uk") == []


@pytest.mark.parametrize(
    ("language", "text", "span", "unit"),
    [
        # living beings counted are people, though the pack does not list the word
        ("ru", "В боях погибли 19,5 тысяч «вагнеровцев».", "19,5 тысяч «вагнеровцев»", "person"),
        ("uk", "Бахмут штурмували 40 тисяч кадировців.", "40 тисяч кадировців", "person"),
        # the counted noun is genitive after a number: the word, not its homonym
        ("ru", "У него нашли две гранаты.", "две гранаты", "граната"),
        ("ru", "На складе было пять гранат.", "пять гранат", "граната"),
        # a participle's own complement stands between the figure and the counted noun
        (
            "uk",
            "На фронт відправили близько 15 000 завербованих у вʼязницях найманців.",
            "близько 15 000 завербованих у вʼязницях найманців",
            "person",
        ),
        (
            "ru",
            "На фронт отправили 900 завербованных в колониях бойцов.",
            "900 завербованных в колониях бойцов",
            "person",
        ),
        # the complement's own genitive ("строгого режима") neither counts nor makes an ordinal
        (
            "ru",
            "Отправили 900 завербованных в колониях строгого режима бойцов.",
            "900 завербованных в колониях строгого режима бойцов",
            "person",
        ),
        # a name ends the complement: Mordovia is not what is counted
        # (the participle alone then names the people counted)
        ("ru", "Отправили 900 завербованных в колониях Мордовии.", "900 завербованных", "person"),
    ],
)
def test_what_a_figure_counts_by_the_dictionary(
    language: str, text: str, span: str, unit: str
) -> None:
    found = _one(text, language)
    assert (found.text, found.unit) == (span, unit)


def test_a_participle_complement_without_an_agreeing_noun_borrows_no_months() -> None:
    """Months counted before are not what a later figure counts (the recruited are)."""
    found = extract(
        "За кілька місяців відправили близько 15 000 завербованих у вʼязницях.", None, "uk"
    )
    assert [(q.text, q.unit) for q in found] == [
        ("кілька місяців", "month"),
        ("близько 15 000 завербованих", "person"),
    ]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "ru",
            "Всего завербовали 48 тысяч заключенных. Из них погибли 17 тысяч, то есть 35%.",
            [("48 тысяч заключенных", "person"), ("17 тысяч", "person"), ("35%", "percent")],
        ),
        (
            "ru",
            "Там содержатся 800 заключенных. Поступило 30 жалоб. Из них 12 признаны обоснованными.",
            [("800 заключенных", "person"), ("30 жалоб", "жалоба"), ("12", "жалоба")],
        ),
        (
            "uk",
            "Відправили 15 000 вʼязнів. З них 2700 – з південних регіонів.",
            [("15 000 вʼязнів", "person"), ("2700", "person")],
        ),
        # nothing counted in the two sentences before: the part stays without a unit
        (
            "ru",
            "Суд рассмотрел 20 дел. Прошел год. Все устали. 15 из них закрыты.",
            [("20 дел", "дело"), ("15", None)],
        ),
    ],
)
def test_a_part_of_them_counts_what_was_counted_just_before(
    language: str, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert [(q.text, q.unit) for q in extract(text, None, language)] == expected


@pytest.mark.parametrize(
    ("language", "text", "span", "low", "high"),
    [
        ("ru", "У колонии собрались десятки родственников.", "десятки родственников", 24, 144),
        ("uk", "Біля колонії зібралися десятки родичів.", "десятки родичів", 24, 144),
        ("ru", "Погибли десятки тысяч человек.", "десятки тысяч человек", 10_000, 100_000),
        ("ru", "Ушли несколько десятков бойцов.", "несколько десятков бойцов", 30, 90),
    ],
)
def test_tens_alone_are_dozens_and_tens_of_thousands_keep_their_scale(
    language: str, text: str, span: str, low: float, high: float
) -> None:
    found = _one(text, language)
    assert (found.text, found.low, found.high, found.value) == (span, low, high, None)


@pytest.mark.parametrize(
    ("language", "text", "span", "value", "low", "high", "unit"),
    [
        # a modifier that governs the genitive makes "сотни"/"сотні" one hundred
        ("ru", "Заключенных набрали из сотни колоний.", "сотни колоний", 100, 100, 100, "колония"),
        ("uk", "Серед них близько сотні жінок.", "близько сотні жінок", 100, 100, 100, "person"),
        ("ru", "Пришли сотни людей.", "сотни людей", None, 100, 1000, "person"),
        # a verb that bounds the figure from above
        (
            "ru",
            "Численность не превышает 15 человек.",
            "не превышает 15 человек",
            15,
            None,
            15,
            "person",
        ),
        # a plural participle of the pack's person words counts people
        (
            "ru",
            "Вернулись около 300 освобожденных.",
            "около 300 освобожденных",
            300,
            300,
            300,
            "person",
        ),
        # a measure in a compound adjective, as English "200-kilometre"
        ("uk", "Збудують 200-кілометрову лінію.", "200-кілометрову", 200, 200, 200, "km"),
        # a plural participle alone names the people counted
        ("uk", "Лише кілька звільнених повернулися.", "кілька звільнених", None, 3, 9, "person"),
    ],
)
def test_singular_scale_words_bounds_by_verb_measures_and_people_by_participle(
    language: str,
    text: str,
    span: str,
    value: float | None,
    low: float | None,
    high: float | None,
    unit: str,
) -> None:
    found = _one(text, language)
    assert (found.text, found.value, found.low, found.high, found.unit) == (
        span,
        value,
        low,
        high,
        unit,
    )


def test_a_bare_figure_after_a_term_of_years_is_years() -> None:
    found = extract("Его приговорили к 8 годам, его сообщника — к 6.", None, "ru")
    assert [(q.text, q.unit) for q in found] == [("8 годам", "year"), ("6", "year")]


@pytest.mark.parametrize(
    ("language", "text", "span", "value", "unit"),
    [
        (
            "ru",
            "Вместо того чтобы отбывать пятилетнее наказание, он уехал.",
            "пятилетнее",
            5,
            "year",
        ),
        ("uk", "Суд призначив йому дворічний термін.", "дворічний", 2, "year"),
        ("ru", "Он трижды бежал из колонии.", "трижды", 3, "times"),
        ("uk", "Він двічі втікав із в'язниці.", "двічі", 2, "times"),
    ],
)
def test_terms_and_repetitions_written_as_one_word(
    language: str, text: str, span: str, value: float, unit: str
) -> None:
    found = _one(text, language)
    assert (found.text, found.value, found.unit) == (span, value, unit)


@pytest.mark.parametrize(
    ("language", "text", "span"),
    [
        ("ru", "На кадрах двое экс-заключенных из батальона.", "двое экс-заключенных"),
        ("uk", "Серед полонених троє екс-засуджених.", "троє екс-засуджених"),
    ],
)
def test_a_former_inmate_is_still_a_person(language: str, text: str, span: str) -> None:
    found = _one(text, language)
    assert (found.text, found.unit) == (span, "person")
