"""Quantity extraction: values, bounds, units, rates, what is counted, parts, non-quantities.

Every sentence here is written for these tests (news English on economy, disasters, war,
prisons, elections), so the rules are checked on more than one report's wording.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from storyline.extract import quantities
from storyline.extract.numbers import parse_number
from storyline.model import QuantityMention

Parse = Callable[[str], Doc]


def _extract(parse: Parse, text: str) -> list[QuantityMention]:
    return quantities.extract(parse(text))


def _find(found: list[QuantityMention], span: str) -> QuantityMention:
    matches = [q for q in found if q.text == span]
    assert matches, f"no quantity {span!r} in {[q.text for q in found]}"
    return matches[0]


# ------------------------------------------------------------------------ numbers module


@pytest.mark.parametrize(
    ("words", "value", "low", "high"),
    [
        ("30,000", 30000, 30000, 30000),
        ("1.5 million", 1.5e6, 1.5e6, 1.5e6),
        ("2.5bn", 2.5e9, 2.5e9, 2.5e9),
        ("twenty-five", 25, 25, 25),
        ("two hundred and fifty", 250, 250, 250),
        ("one thousand two hundred", 1200, 1200, 1200),
        ("a dozen", 12, 12, 12),
        ("half a million", 5e5, 5e5, 5e5),
        ("a quarter of a million", 2.5e5, 2.5e5, 2.5e5),
        ("two and a half", 2.5, 2.5, 2.5),
        ("one and a half million", 1.5e6, 1.5e6, 1.5e6),
        ("tens of thousands", None, 1e4, 1e5),
        ("hundreds of thousands", None, 1e5, 1e6),
        ("thousands", None, 1e3, 1e4),
        ("hundreds", None, 100, 1000),
        ("dozens", None, 24, 144),
        ("millions", None, 1e6, 1e7),
        ("several", None, 3, 9),
        ("a few", None, 2, 5),
        ("a few hundred", None, 200, 500),
        ("several thousand", None, 3000, 9000),
        ("many thousands", None, 1e3, 1e4),
    ],
)
def test_parse_number(words: str, value: float | None, low: float, high: float) -> None:
    amount = parse_number(words)
    assert amount is not None
    assert (amount.value, amount.low, amount.high) == (value, low, high)
    assert amount.vague is (value is None)


# ------------------------------------------------------------------ values, units, bounds

VALUES = [
    # text, span, value, low, high, approximate, unit, per
    (
        "About 30,000 women were serving time in Russia at the start of the invasion.",
        "About 30,000 women",
        30000,
        30000,
        30000,
        True,
        "person",
        None,
    ),
    (
        "The earthquake killed at least 2,300 people, officials said.",
        "at least 2,300 people",
        2300,
        2300,
        None,
        False,
        "person",
        None,
    ),
    (
        "Fewer than 100 protesters turned up in the rain.",
        "Fewer than 100 protesters",
        100,
        None,
        100,
        False,
        "person",
        None,
    ),
    (
        "Inmates spent up to 12 hours a day at the sawmill.",
        "up to 12 hours a day",
        12,
        None,
        12,
        False,
        "hour",
        "day",
    ),
    (
        "Recruits were offered the equivalent of about $2,000 a month.",
        "about $2,000 a month",
        2000,
        2000,
        2000,
        True,
        "USD",
        "month",
    ),
    (
        "The wage is about 10 times the national minimum wage.",
        "about 10 times",
        10,
        10,
        10,
        True,
        "times",
        None,
    ),
    (
        "Tens of thousands of conscripts have been sent to the front.",
        "Tens of thousands",
        None,
        10000,
        100000,
        True,
        "person",
        None,
    ),
    (
        "Hundreds of thousands of people fled the fighting.",
        "Hundreds of thousands",
        None,
        100000,
        1000000,
        True,
        "person",
        None,
    ),
    (
        "Dozens of tanks crossed the border overnight.",
        "Dozens",
        None,
        24,
        144,
        True,
        "tank",
        None,
    ),
    (
        "Several journalists were detained outside the court.",
        "Several journalists",
        None,
        3,
        9,
        True,
        "person",
        None,
    ),
    (
        "Between 200 and 300 protesters gathered outside parliament.",
        "Between 200 and 300 protesters",
        None,
        200,
        300,
        False,
        "person",
        None,
    ),
    (
        "Officials said 10-15 missiles hit the port city.",
        "10-15 missiles",
        None,
        10,
        15,
        False,
        "missile",
        None,
    ),
    (
        "Two or three drones were shot down near the airport.",
        "Two or three drones",
        None,
        2,
        3,
        True,
        "drone",
        None,
    ),
    (
        "The project will cost between $10 and $20 million.",
        "between $10 and $20 million",
        None,
        10_000_000,
        20_000_000,
        False,
        "USD",
        None,
    ),
    (
        "The bank raised its key rate to 16 per cent on Friday.",
        "16 per cent",
        16,
        16,
        16,
        False,
        "percent",
        None,
    ),
    (
        "Turnout reached 67.5%, the highest since independence.",
        "67.5%",
        67.5,
        67.5,
        67.5,
        False,
        "percent",
        None,
    ),
    (
        "Inflation slowed by 2 percentage points in the spring.",
        "2 percentage points",
        2,
        2,
        2,
        False,
        "percentage point",
        None,
    ),
    (
        "The fund lost 2.5bn dollars in a single quarter.",
        "2.5bn dollars",
        2.5e9,
        2.5e9,
        2.5e9,
        False,
        "USD",
        None,
    ),
    (
        "Ukraine will receive €50bn from the facility.",
        "€50bn",
        5e10,
        5e10,
        5e10,
        False,
        "EUR",
        None,
    ),
    (
        "The club was sold for £1.2m last summer.",
        "£1.2m",
        1.2e6,
        1.2e6,
        1.2e6,
        False,
        "GBP",
        None,
    ),
    (
        "Each volunteer gets a bonus of 195,000 roubles on signing.",
        "195,000 roubles",
        195000,
        195000,
        195000,
        False,
        "RUB",
        None,
    ),
    (
        "The court fined him 500,000 rubles for the post.",
        "500,000 rubles",
        500000,
        500000,
        500000,
        False,
        "RUB",
        None,
    ),
    (
        "Soldiers are paid 30,000 hryvnias a month at the front.",
        "30,000 hryvnias a month",
        30000,
        30000,
        30000,
        False,
        "UAH",
        "month",
    ),
    (
        "The budget sets aside US$5 million for repairs.",
        "US$5 million",
        5e6,
        5e6,
        5e6,
        False,
        "USD",
        None,
    ),
    (
        "The fire burned 5,000 hectares of forest.",
        "5,000 hectares",
        5000,
        5000,
        5000,
        False,
        "ha",
        None,
    ),
    (
        "The convoy stretched for 40 miles along the highway.",
        "40 miles",
        40,
        40,
        40,
        False,
        "mi",
        None,
    ),
    (
        "The storm dropped 300mm of rain on the coast.",
        "300mm",
        300,
        300,
        300,
        False,
        "mm",
        None,
    ),
    (
        "Police seized 20kg of cocaine at the port.",
        "20kg",
        20,
        20,
        20,
        False,
        "kg",
        None,
    ),
    (
        "The ship carried 40,000 tonnes of grain to Egypt.",
        "40,000 tonnes",
        40000,
        40000,
        40000,
        False,
        "t",
        None,
    ),
    (
        "Winds of 150 km/h tore roofs off houses.",
        "150 km/h",
        150,
        150,
        150,
        False,
        "km/h",
        None,
    ),
    (
        "The contracts were for one year of service.",
        "one year",
        1,
        1,
        1,
        False,
        "year",
        None,
    ),
    (
        "He served two and a half years in a labour camp.",
        "two and a half years",
        2.5,
        2.5,
        2.5,
        False,
        "year",
        None,
    ),
    (
        "A 45-year-old man was detained at the scene.",
        "45-year-old",
        45,
        45,
        45,
        False,
        "year",
        None,
    ),
    (
        "A woman aged 32 was charged with treason.",
        "aged 32",
        32,
        32,
        32,
        False,
        "year",
        None,
    ),
    (
        "Smith, 45, was released on bail.",
        "45",
        45,
        45,
        45,
        False,
        "year",
        None,
    ),
    (
        "Prices rose tenfold after the blockade.",
        "tenfold",
        10,
        10,
        10,
        False,
        "times",
        None,
    ),
    (
        "The fund holds more than twice the country's GDP.",
        "more than twice",
        2,
        2,
        None,
        False,
        "times",
        None,
    ),
    (
        "Some 40-odd families stayed in the village.",
        "Some 40-odd families",
        40,
        40,
        None,
        True,
        "family",
        None,
    ),
    (
        "About 100 or so residents refused to leave.",
        "About 100 or so residents",
        100,
        100,
        100,
        True,
        "person",
        None,
    ),
    (
        "Nearly half a million residents lost power.",
        "Nearly half a million residents",
        500000,
        500000,
        500000,
        True,
        "person",
        None,
    ),
    (
        "Twenty-five people were hurt in the crush.",
        "Twenty-five people",
        25,
        25,
        25,
        False,
        "person",
        None,
    ),
    (
        "A dozen cars burned outside the station.",
        "A dozen cars",
        12,
        12,
        12,
        False,
        "car",
        None,
    ),
    (
        "The city of 1.2 million people has no water.",
        "1.2 million people",
        1.2e6,
        1.2e6,
        1.2e6,
        False,
        "person",
        None,
    ),
    (
        "Authorities evacuated 12 villages near the dam.",
        "12 villages",
        12,
        12,
        12,
        False,
        "village",
        None,
    ),
    (
        "The registry received 3,000 applications in a week.",
        "3,000 applications",
        3000,
        3000,
        3000,
        False,
        "application",
        None,
    ),
    (
        "Investigators opened 214 cases against deserters.",
        "214 cases",
        214,
        214,
        214,
        False,
        "case",
        None,
    ),
    (
        "More than 300 Ukrainians were freed in the exchange.",
        "More than 300 Ukrainians",
        300,
        300,
        None,
        False,
        "person",
        None,
    ),
    (
        "At least 6 were killed in the strike on the market.",
        "At least 6",
        6,
        6,
        None,
        False,
        "person",
        None,
    ),
    (
        "The quake left 40 dead and dozens missing.",
        "40 dead",
        40,
        40,
        40,
        False,
        "person",
        None,
    ),
    (
        "Only one in five Russians backs a new mobilisation.",
        "one in five",
        20,
        20,
        20,
        False,
        "percent",
        None,
    ),
    (
        "Around 2,000 people a day cross the border.",
        "Around 2,000 people a day",
        2000,
        2000,
        2000,
        True,
        "person",
        "day",
    ),
    (
        "The rate was held at 5.25%-5.5% for a third meeting.",
        "5.25%-5.5%",
        None,
        5.25,
        5.5,
        False,
        "percent",
        None,
    ),
    (
        "Russia Releases 40 Female Prison Inmates to Join Ukraine War",
        "40 Female Prison Inmates",
        40,
        40,
        40,
        False,
        "person",
        None,
    ),
]


@pytest.mark.parametrize(
    ("text", "span", "value", "low", "high", "approximate", "unit", "per"), VALUES
)
def test_value_unit_and_bounds(
    parse: Parse,
    text: str,
    span: str,
    value: float | None,
    low: float | None,
    high: float | None,
    approximate: bool,
    unit: str | None,
    per: str | None,
) -> None:
    q = _find(_extract(parse, text), span)
    assert (q.value, q.low, q.high) == (value, low, high)
    assert q.approximate is approximate
    assert (q.unit, q.per) == (unit, per)


# ---------------------------------------------------------------------- what is counted

COUNTS = [
    (
        "About 30,000 women were serving time in Russia at the start of the invasion.",
        "About 30,000 women",
        "women serving time in Russia",
    ),
    (
        "Two former inmates who keep in touch with the prison described the visit.",
        "Two former inmates",
        "former inmates who keep in touch with the prison",
    ),
    (
        "Two nurses who worked at the hospital in 2022 described the shelling.",
        "Two nurses",
        "nurses who worked at the hospital",
    ),
    (
        "Three soldiers were wounded in the shelling of Kherson on Monday.",
        "Three soldiers",
        "soldiers wounded in the shelling of Kherson",
    ),
    (
        "Tens of thousands imprisoned Russian men have taken up the offer.",
        "Tens of thousands imprisoned Russian men",
        "imprisoned Russian men",
    ),
    (
        "Officials say thousands of convicts have applied to enlist.",
        "thousands",
        "convicts",
    ),
    (
        "Inspectors visited four Russian prisons for women in the autumn.",
        "four Russian prisons",
        "Russian prisons for women",
    ),
    (
        "The wage is about 10 times the national minimum wage.",
        "about 10 times",
        "national minimum wage",
    ),
    ("A salary of $2,000 was promised to every recruit.", "$2,000", "salary"),
    ("The lender approved $5bn in loans for the region.", "$5bn", "loans for the region"),
    ("They bought $5 million worth of weapons abroad.", "$5 million", "weapons"),
    ("Nearly 70% of voters backed the amendment.", "Nearly 70%", "voters"),
    ("Unemployment rose to 5% in the second quarter.", "5%", "Unemployment"),
    ("The death toll rose to 40 on Monday.", "40", "death toll"),
    ("The number of refugees reached 40,000 by the weekend.", "40,000", "refugees"),
    ("A 45-year-old man was detained at the scene.", "45-year-old", "age of man"),
    ("Workers on 12-hour shifts were not paid overtime.", "12-hour", "shifts"),
]


@pytest.mark.parametrize(("text", "span", "counts"), COUNTS)
def test_counts_is_the_counted_phrase(parse: Parse, text: str, span: str, counts: str) -> None:
    assert _find(_extract(parse, text), span).counts == counts


@pytest.mark.parametrize(
    ("text", "span", "unit"),
    [
        ("The bill passed by 220 votes to 212.", "212", "vote"),
        ("Fewer than 100 people came, down from 1,000 last year.", "1,000", "person"),
        ("The quake killed 2,300 people and injured 10,000 others.", "10,000 others", "person"),
        ("The death toll rose to 40 on Monday.", "40", "person"),
        ("Police arrested 12 after the match.", "12", "person"),
    ],
)
def test_unit_from_context(parse: Parse, text: str, span: str, unit: str) -> None:
    assert _find(_extract(parse, text), span).unit == unit


# -------------------------------------------------------------------------------- parts


def test_part_of_a_counted_whole(parse: Parse) -> None:
    found = _extract(parse, "About 40 of the prison's 400 inmates signed up at the time.")
    part, whole = _find(found, "About 40"), _find(found, "400 inmates")
    assert part.part_of == whole.id and whole.part_of is None
    assert (part.value, part.approximate, part.unit) == (40, True, "person")
    assert part.counts == whole.counts == "the prison's inmates"


def test_part_of_an_earlier_group(parse: Parse) -> None:
    text = (
        "Tens of thousands of prisoners have joined the army. "
        "Thousands of them have been killed in Ukraine."
    )
    found = _extract(parse, text)
    whole, part = _find(found, "Tens of thousands"), _find(found, "Thousands")
    assert part.part_of == whole.id
    assert (part.low, part.high, part.unit) == (1000, 10000, "person")
    assert part.counts == "prisoners killed in Ukraine"


def test_part_of_with_whom(parse: Parse) -> None:
    found = _extract(parse, "Wagner recruited 50,000 prisoners, of whom about 10,000 died.")
    whole, part = _find(found, "50,000 prisoners"), _find(found, "about 10,000")
    assert part.part_of == whole.id and part.unit == "person"


def test_percent_of_a_counted_whole(parse: Parse) -> None:
    found = _extract(parse, "Nearly 70% of the 1,200 respondents said they had lost income.")
    assert _find(found, "Nearly 70%").part_of == _find(found, "1,200 respondents").id


# ------------------------------------------------------------------------ not quantities

NOT_QUANTITIES = [
    "In 2023 the first convoy left the camp.",
    "The invasion began on May 5 and ended on 5 May 2024.",
    "The third battalion and the 47th Brigade moved north.",
    "He was held in Penal Colony No. 2 under Article 328 of the criminal code.",
    "Inmates of IK-7 and Unit 1234 were moved.",
    "It is one of the largest prisons in the country.",
    "The one who left was no one special.",
    "One day he simply left.",
    "Covid-19 hit G7 economies and F-16 jets arrived.",
    "The blast happened at 10:30 a.m. and the second at 5pm.",
    "Call +7 495 123-45-67 or visit www.example.com/page/123 for details.",
    "The shop is open 24/7 since 9/11.",
    "The 1990s were hard for Boeing 737 crews and Windows 11 users.",
    "The team won 3-1 and the court voted 5-4.",
    "A one-off payment was made for a year.",
    "Test scores fell sharply across the region.",
    "World War Two ended in Europe in May 1945.",
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_not_quantities(parse: Parse, text: str) -> None:
    assert [q.text for q in _extract(parse, text)] == []


def test_years_beside_quantities_are_skipped(parse: Parse) -> None:
    found = _extract(parse, "A 2019 study of 3,000 households in the 2022-2023 season.")
    assert [q.text for q in found] == ["3,000 households"]


def test_change_is_two_quantities_not_a_range(parse: Parse) -> None:
    found = _extract(parse, "Inflation fell from 3.5% to 3.2% in March.")
    assert [(q.text, q.value) for q in found] == [("3.5%", 3.5), ("3.2%", 3.2)]


def test_over_as_a_particle_is_not_a_bound(parse: Parse) -> None:
    q = _find(_extract(parse, "Rebels took over 40 towns in a week."), "40 towns")
    assert (q.low, q.high) == (40, 40)


def test_aside_in_brackets_keeps_the_rate(parse: Parse) -> None:
    found = _extract(parse, "Inmates were paid 200,000 rubles ($2,200) per month.")
    rubles, dollars = _find(found, "200,000 rubles"), _find(found, "$2,200")
    assert (rubles.unit, rubles.per, dollars.unit, dollars.per) == ("RUB", "month", "USD", "month")


# ----------------------------------------------------------------------------- contract


def test_spans_ids_and_order(parse: Parse) -> None:
    text = (
        "Russia Releases Female Inmates\n\n"
        "About 40 of the prison's 400 inmates signed up. They were offered about $2,000 a "
        "month, and spent up to 12 hours a day at work. Thousands of them have been killed."
    )
    doc = parse(text)
    found = quantities.extract(doc)
    assert [q.id for q in found] == [f"q{n}" for n in range(1, len(found) + 1)]
    assert [q.start for q in found] == sorted(q.start for q in found)
    ids = {q.id for q in found}
    for q in found:
        assert q.text == doc.text[q.start : q.end]
        assert q.kind == "quantity"
        assert q.part_of is None or q.part_of in ids
    assert quantities.VERSION == "quantities/1"


@pytest.mark.parametrize(
    ("text", "span", "low", "high", "unit"),
    [
        (
            "Temperatures fell to minus 20 degrees Celsius.",
            "minus 20 degrees Celsius",
            -20,
            -20,
            "°C",
        ),
        ("The economy shrank by −3.2% last year.", "−3.2%", -3.2, -3.2, "percent"),
        ("Patients were given between 44 mg and 50 mg.", "between 44 mg and 50 mg", 44, 50, "mg"),
        ("Seventy-five cents buys a loaf of bread.", "Seventy-five cents", 0.75, 0.75, "USD"),
    ],
)
def test_signs_scales_and_repeated_units(
    parse: Parse, text: str, span: str, low: float, high: float, unit: str
) -> None:
    q = _find(_extract(parse, text), span)
    assert (q.low, q.high, q.unit) == (low, high, unit)


def test_period_from_an_adjective(parse: Parse) -> None:
    found = _extract(parse, "Recruits get a monthly salary of 204,000 roubles.")
    q = _find(found, "204,000 roubles")
    assert (q.unit, q.per, q.counts) == ("RUB", "month", "salary")


def test_fractions_are_not_amounts(parse: Parse) -> None:
    assert _extract(parse, "Two-thirds of voters and two thirds of the members agreed.") == []


def test_names_with_numbers_stay_in_counts(parse: Parse) -> None:
    q = _find(_extract(parse, "The S&P 500 fell 1.2% on Friday."), "1.2%")
    assert (q.unit, q.counts) == ("percent", "S&P 500")


# ------------------------------------------------------------- units, rates and context


@pytest.mark.parametrize(
    ("text", "span", "unit"),
    [
        ("Volunteers have dug about 150 graves since May.", "about 150 graves", "grave"),
        ("The ministry shipped 500,000 doses to the camps.", "500,000 doses", "dose"),
        ("Storm Damages Hundreds of Buildings in Coastal Towns", "Hundreds", "building"),
        ("About 60 buses carried evacuees out of the city.", "About 60 buses", "bus"),
        ("Arsonists attacked 12 churches in the province.", "12 churches", "church"),
        ("The regional office opened 14 new facilities.", "14 new facilities", "facility"),
        ("Judges said he steered contracts to two of his associates.", "two", "person"),
    ],
)
def test_unit_is_a_robust_singular(parse: Parse, text: str, span: str, unit: str) -> None:
    assert _find(_extract(parse, text), span).unit == unit


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Thousands marched through the capital on Sunday.", "Thousands"),
        ("About 15,000 joined the protest, police said.", "About 15,000"),
        ("Dozens attended the funeral on Friday.", "Dozens"),
        ("Thousands gathered outside parliament on Sunday.", "Thousands"),
        ("Over 200 voted against the measure.", "Over 200"),
        ("Belica, a town of roughly 9,000 that relies on farming, was cut off.", "roughly 9,000"),
        ("The crowd numbered 50,000, while police estimated it at about 15,000.", "50,000"),
        ("The crowd numbered 50,000, while police estimated it at about 15,000.", "about 15,000"),
        ("The march drew 10,000, according to organisers.", "10,000"),
        ("An estimated 50,000 took to the streets of the capital.", "estimated 50,000"),
        ("Police put the crowd at 20,000, but organisers said 50,000.", "20,000"),
        ("Police put the crowd at 20,000, but organisers said 50,000.", "50,000"),
        ("Hundreds were left homeless after the storm.", "Hundreds"),
        ("Thousands March Against Pension Reform in Capital", "Thousands"),
        ("Floods Force Thousands From Their Homes in the North", "Thousands"),
        (
            "Protesters Rally Against Media Bill\n\nTens of thousands of people marched on.",
            "Tens of thousands",
        ),
        (
            "Only 12 of roughly 900 prisoners in three colonies signed up this summer, "
            "compared with several hundred a year earlier.",
            "several hundred",
        ),
    ],
)
def test_figures_without_a_noun_that_stand_for_people(parse: Parse, text: str, span: str) -> None:
    assert _find(_extract(parse, text), span).unit == "person"


def test_more_shares_the_unit_of_the_counted_figure(parse: Parse) -> None:
    found = _extract(parse, "The fire destroyed 40 homes and damaged 120 more.")
    assert _find(found, "120").unit == "home"


@pytest.mark.parametrize(
    ("text", "span", "unit", "per"),
    [
        (
            "The government promised payments of up to 2,000 euros per household.",
            "up to 2,000 euros per household",
            "EUR",
            "household",
        ),
        ("Power costs 30 cents per kilowatt-hour.", "30 cents per kilowatt-hour", "USD", "kWh"),
        (
            "Recruits earn about 20,000 hryvnias a month, or roughly $500, officials said.",
            "roughly $500",
            "USD",
            "month",
        ),
        (
            "Each day of the strike costs the company an estimated 60 million koruna.",
            "estimated 60 million koruna",
            "CZK",
            "day",
        ),
        (
            "The mine produces roughly 3 million tonnes of coal a year.",
            "roughly 3 million tonnes",
            "t",
            "year",
        ),
        (
            "Rain fell at nearly three times the usual monthly average.",
            "nearly three times",
            "times",
            None,
        ),
        ("Families whose homes burned will receive 500 euros each.", "500 euros", "EUR", None),
        ("The bid rose to $57.50 a share, or $62.1 million.", "$62.1 million", "USD", None),
    ],
)
def test_rates_stated_by_the_text(
    parse: Parse, text: str, span: str, unit: str, per: str | None
) -> None:
    q = _find(_extract(parse, text), span)
    assert (q.unit, q.per) == (unit, per)


@pytest.mark.parametrize(
    ("text", "span", "value", "low", "high", "unit"),
    [
        (
            "A magnitude 6.1 earthquake struck the region.",
            "magnitude 6.1",
            6.1,
            6.1,
            6.1,
            "magnitude",
        ),
        (
            "Aftershocks followed, the strongest of magnitude 4.8.",
            "magnitude 4.8",
            4.8,
            4.8,
            4.8,
            "magnitude",
        ),
        (
            "It was followed by a 5.4-magnitude aftershock.",
            "5.4-magnitude",
            5.4,
            5.4,
            5.4,
            "magnitude",
        ),
        ("A third of the patients are children under five.", "under five", 5, None, 5, "year"),
        ("People over 65 get free tickets on city buses.", "over 65", 65, 65, None, "year"),
        ("The fire may burn for several more days.", "several more days", None, 3, 9, "day"),
    ],
)
def test_units_around_the_figure(
    parse: Parse,
    text: str,
    span: str,
    value: float | None,
    low: float | None,
    high: float | None,
    unit: str,
) -> None:
    q = _find(_extract(parse, text), span)
    assert (q.value, q.low, q.high, q.unit) == (value, low, high, unit)


def test_a_change_in_two_units_is_not_a_range(parse: Parse) -> None:
    found = _extract(parse, "Exports rose by about 9 percent to 48 billion euros.")
    assert [(q.text, q.value, q.unit) for q in found] == [
        ("about 9 percent", 9, "percent"),
        ("48 billion euros", 48e9, "EUR"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Residents seeking relatives can call the hotline 0800 441 200.",
        "Residents can report damage by calling 112 or the hotline at 031 555 210.",
        "Relatives can call a hotline at 8-800-555-0147 for information.",
        "Food prices remain higher than two years ago.",
        "Analysts say the region will one day be self-sufficient.",
        "The company reported a loss in the 1988 second quarter.",
    ],
)
def test_phone_numbers_and_times_ago_are_not_quantities(parse: Parse, text: str) -> None:
    assert [q.text for q in _extract(parse, text)] == []
