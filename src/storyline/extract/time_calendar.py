"""Calendar arithmetic and number words for the time normaliser.

Why apart from :mod:`storyline.extract.time_resolve`: these are pure functions of dates
and words (month ends, ISO weeks, seasons, Easter, "twenty-four", ISO 8601 durations) with
no notion of a document or a publication date, so they are reused and tested alone.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from storyline.extract import time_lexicon as lex


def month_end(year: int, month: int) -> date:
    """Last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    """Shift by whole months, clamping the day to the target month's length."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def shift(day: date, unit: str, amount: int) -> date:
    """Move ``day`` by ``amount`` units (day, week, month, quarter, year, decade...)."""
    if unit in ("day", "night"):
        return day + timedelta(days=amount)
    if unit in ("week", "weekend", "fortnight"):
        return day + timedelta(weeks=amount * (2 if unit == "fortnight" else 1))
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}
    return add_months(day, amount * months.get(unit, 0))


def unit_interval(day: date, unit: str) -> tuple[date, date, str]:
    """The calendar unit (week, month, quarter, year, decade, century) containing ``day``."""
    if unit == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6), "week"
    if unit == "weekend":
        saturday = day - timedelta(days=day.weekday()) + timedelta(days=5)
        return saturday, saturday + timedelta(days=1), "week"
    if unit == "month":
        return day.replace(day=1), month_end(day.year, day.month), "month"
    if unit == "quarter":
        first = 3 * ((day.month - 1) // 3) + 1
        return date(day.year, first, 1), month_end(day.year, first + 2), "quarter"
    if unit == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31), "year"
    if unit == "decade":
        return date(day.year // 10 * 10, 1, 1), date(day.year // 10 * 10 + 9, 12, 31), "decade"
    if unit == "century":
        return date(day.year // 100 * 100, 1, 1), date(day.year // 100 * 100 + 99, 12, 31), "range"
    return day, day, "day"


def season_interval(year: int, season: str) -> tuple[date, date]:
    """A meteorological season; winter runs from December of ``year`` into February."""
    first, last = lex.SEASONS[season]
    end_year = year + 1 if last < first else year
    return date(year, first, 1), month_end(end_year, last)


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return date(year, month, day + 1)


def holiday(name: str, year: int) -> date:
    """The date of a named holiday in ``year``."""
    key = re.sub(r"\s+", " ", name.lower())
    if key.startswith("easter"):
        return easter(year)
    if key in lex.FIXED_HOLIDAYS:
        month, day = lex.FIXED_HOLIDAYS[key]
        return date(year, month, day)
    month, weekday, nth = lex.WEEKDAY_HOLIDAYS[key]
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = month_end(year, month)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def number(text: str) -> float | None:
    """Value of a count ("two", "24", "2 1/2", "twenty-four", "a"); None when vague."""
    words = " ".join(text.lower().replace("-", " ").split())
    if words in lex.NUMBER_WORDS:
        return lex.NUMBER_WORDS[words]
    half = 0.5 if words.endswith(("1/2", "½")) else 0.0
    digits = words.removesuffix("1/2").removesuffix("½").strip().replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", digits):
        return float(digits) + half
    total = current = 0.0
    for word in words.split():  # "two thousand", "twenty four", "a hundred"
        if word in ("hundred", "thousand"):
            current = (current or 1) * (100 if word == "hundred" else 1000)
            if word == "thousand":
                total, current = total + current, 0.0
        elif word in lex.NUMBER_WORDS and word not in ("half", "couple", "dozen"):
            current += lex.NUMBER_WORDS[word]
        else:
            return None
    return total + current or None


def year_from_words(text: str) -> int | None:
    """ "nineteen ninety-one" → 1991, "two thousand and one" → 2001."""
    words = text.lower().replace("-", " ").replace(" and ", " ").split()
    if words[:2] == ["the", "year"]:
        words = words[2:]
    if words[:2] == ["two", "thousand"]:
        rest = number(" ".join(words[2:])) if words[2:] else 0
        return 2000 + int(rest) if rest is not None else None
    century = number(words[0])
    if century is None or len(words) < 2:
        return None
    if words[1] == "hundred":
        rest = number(" ".join(words[2:])) if words[2:] else 0
        return int(century) * 100 + int(rest) if rest is not None else None
    rest = number(" ".join(words[1:]))
    return int(century) * 100 + int(rest) if rest is not None else None


def iso_duration(amount: float | None, unit: str) -> str:
    """ISO 8601 duration for ``amount`` units; fractions spill into the next smaller unit."""
    designator, factor, clock = lex.UNITS[unit.lower()]
    prefix = "PT" if clock else "P"
    if amount is None:
        return f"{prefix}X{designator}"
    amount *= factor
    whole = int(amount)
    rest = amount - whole
    text = f"{prefix}{whole}{designator}" if whole else prefix
    if rest > 1e-9:
        smaller = {"Y": (12, "M", False), "W": (7, "D", False), "D": (24, "H", True)}
        if clock:
            smaller = {"H": (60, "M", True), "M": (60, "S", True)}
        elif designator == "M":
            smaller = {"M": (30, "D", False)}
        mult, sub, sub_clock = smaller.get(designator, (1, designator, clock))
        part = f"{round(rest * mult)}{sub}"
        text += ("T" if sub_clock and "T" not in text else "") + part
    return text
