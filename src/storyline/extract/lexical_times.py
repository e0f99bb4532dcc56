"""Time expressions in languages read from a lexicon (Russian, Ukrainian), resolved to dates.

Month and season names in every case ("мая", "у травні"), parts of a month ("в конце
мая"), years ("в 2022 году", "2024 року"), units shifted from the publication date ("в
прошлом году", "минулого місяця", "прошлой осенью", "осенью прошлого года"), days
("вчера"), weekdays, "N лет назад", open intervals ("с 2022 года"), ranges ("с марта по май
2024 года", "15–20 марта") and durations ("шесть месяцев" → ``P6M``). The resolution rules
and the contract are the English ones (docs/eval.md, :mod:`storyline.extract.time_calendar`
does the calendar arithmetic); the words are the pack's ``times.yaml``.

The span leaves out a leading preposition ("в", "у") as in English ("in May" → "May").
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from storyline.extract import lexical_quantities as lq
from storyline.extract.lexical_words import (
    Phrases,
    Sentence,
    Word,
    fold,
    has_lexicon,
    pack,
    split,
    words,
)
from storyline.extract.time_calendar import (
    iso_duration,
    month_end,
    season_interval,
    shift,
    unit_interval,
)
from storyline.model import TimeMention

#: Versioned name stored with every mention this extractor makes.
VERSION = "lexical-times/1"
_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_SEASON_MONTH = {"spring": 3, "summer": 6, "fall": 9, "winter": 12}
_DASHES = frozenset({"-", "–", "—"})


def _day_number(text: str) -> int | None:
    """A day of the month in digits, with an English ordinal ending or not ("23", "3rd")."""
    match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", text)
    return int(match.group(1)) if match and 1 <= int(match.group(1)) <= 31 else None


@dataclass(frozen=True)
class Lexicon:
    """One language's time words, folded."""

    months: Mapping[str, int]
    seasons: Mapping[str, str]
    parts: Mapping[str, str]
    days: Mapping[str, int]
    years: Mapping[str, int]
    weekdays: Mapping[str, int]
    shift: Mapping[str, int]
    units: Mapping[str, str]
    ago: Phrases
    prepositions: frozenset[str]
    since: Phrases
    range_to: frozenset[str]
    ordinals: Mapping[str, int]
    quarter: frozenset[str]
    duration_words: Mapping[str, str]
    #: Lemmas of "first" and "last" before a number of units ("перші вісім місяців 2025
    #: року", "останні два місяці"): a part of a period, or the units before publication.
    first_words: frozenset[str] = frozenset()
    last_words: frozenset[str] = frozenset()
    #: Lemmas of "half-year" after an ordinal ("першому півріччі 2025 року").
    half: frozenset[str] = frozenset()
    #: Abbreviated month names of page stamps ("28 трав. 2024", "Лип 23, 2024"): months
    #: only next to a day number and a year, since some are words too ("лис", a fox).
    abbreviations: Mapping[str, int] = dataclasses.field(default_factory=dict)
    #: Prepositions of a stretch of time ("*за* последний год": over the last year).
    over: frozenset[str] = frozenset()
    #: Words that mean "since" only before a month, season or year, not a day: "від
    #: травня 2024 року" is since May, "закон від 8 травня" a law dated 8 May.
    since_undated: Phrases = dataclasses.field(default_factory=lambda: Phrases.of(None))


@lru_cache(maxsize=8)
def lexicon(language: str) -> Lexicon:
    """The time lexicon of ``language`` (its pack's ``times.yaml``)."""
    data = pack(language, "times")

    def forms(name: str) -> dict[str, str]:
        return {
            fold(str(form)): str(key)
            for key, values in (data.get(name) or {}).items()
            for form in values
        }

    def numbers(name: str) -> dict[str, int]:
        return {fold(str(k)): int(v) for k, v in (data.get(name) or {}).items()}

    return Lexicon(
        months={k: int(v) for k, v in forms("months").items()},
        abbreviations={k: int(v) for k, v in forms("month_abbreviations").items()},
        seasons=forms("seasons"),
        parts=forms("parts"),
        days=numbers("days"),
        years=numbers("years"),
        weekdays={k: int(v) for k, v in forms("weekdays").items()},
        shift=numbers("shift"),
        units={fold(str(k)): str(v) for k, v in (data.get("units") or {}).items()},
        ago=Phrases.of(data.get("ago")),
        prepositions=frozenset(fold(str(w)) for w in data.get("prepositions") or ()),
        since=Phrases.of(data.get("since")),
        since_undated=Phrases.of(data.get("since_undated")),
        over=frozenset(fold(str(w)) for w in data.get("over") or ()),
        range_to=frozenset(fold(str(w)) for w in data.get("range_to") or ()),
        ordinals=numbers("ordinals"),
        quarter=frozenset(fold(str(w)) for w in data.get("quarter") or ()),
        duration_words={
            fold(str(k)): str(v) for k, v in (data.get("duration_words") or {}).items()
        },
        first_words=frozenset(fold(str(w)) for w in data.get("first_words") or ()),
        last_words=frozenset(fold(str(w)) for w in data.get("last_words") or ()),
        half=frozenset(fold(str(w)) for w in data.get("half") or ()),
    )


@dataclass(frozen=True)
class Found:
    """A time expression at words ``first``..``last`` with its interval."""

    first: int
    last: int
    start: date | None
    end: date | None
    granularity: str
    relative: bool = False
    duration: str | None = None


class _Reader:
    """Reads time expressions from one sentence's words."""

    def __init__(self, items: Sequence[Word], lex: Lexicon, qlex: lq.Lexicon, anchor: date | None):
        self.items = items
        self.lex = lex
        self.qlex = qlex
        self.anchor = anchor

    # ------------------------------------------------------------------ small helpers
    def low(self, i: int) -> str:
        return self.items[i].low if 0 <= i < len(self.items) else ""

    def year_at(self, i: int) -> tuple[int, int] | None:
        """A year at word ``i`` ("2024", "2024 года", "2024 г.", "2024-го"): (year, last)."""
        if i >= len(self.items) or self.items[i].pos != "NUM":
            return None
        text = self.items[i].text
        if len(text) != 4 or not text.isdigit() or not 1800 <= int(text) <= 2100:
            return None
        last = i
        if self.low(i + 1) in _DASHES and self.items[i + 2 : i + 3] and self.items[i + 2].is_word:
            if len(self.items[i + 2].text) <= 3:
                last = i + 2  # "2022-м", "2024-го"
        elif self.unit(i + 1) == "year":
            last = i + 1
            if self.low(i + 2) == "." and self.low(i + 1) in {"г", "р"}:
                last = i + 2
        return int(text), last

    def unit(self, i: int) -> str | None:
        if not 0 <= i < len(self.items) or not self.items[i].is_word:
            return None
        word = self.items[i]
        if word.low in self.lex.units:
            return self.lex.units[word.low]
        for lemma in word.lemmas:
            if lemma in self.lex.units:
                return self.lex.units[lemma]
        return None

    def shift_of(self, i: int) -> int | None:
        if not 0 <= i < len(self.items) or not self.items[i].is_word:
            return None
        word = self.items[i]
        for lemma in (word.lemma, *sorted(word.lemmas)):
            if lemma in self.lex.shift:
                return self.lex.shift[lemma]
        return None

    def phrase(self, i: int, phrases: Phrases) -> int:
        return phrases.at(self.items, i)

    def recent_year(self, month: int, day: int = 1) -> int | None:
        """The year of the most recent such month (day) not after publication."""
        if self.anchor is None:
            return None
        year = self.anchor.year
        if (month, day) > (self.anchor.month, self.anchor.day if day > 1 else 31):
            year -= 1
        return year

    # ------------------------------------------------------------------ expressions
    def at(self, i: int) -> Found | None:
        for reader in (
            self.numeric_date,
            self.counted_units,
            self.month_pair,
            self.since_or_range,
            self.day_month,
            self.stamp_date,
            self.part_month,
            self.month,
            self.season,
            self.quarter,
            self.year_range,
            self.year,
            self.shifted,
            self.day_word,
            self.weekday,
            self.ago_or_duration,
        ):
            found = reader(i)
            if found is not None:
                return found
        return None

    def counted_units(self, i: int) -> Found | None:
        """The first N units of a period ("перші вісім місяців 2025 року", "два перших
        місяці осені поточного року": from the period's start) or the last N whole units
        before publication ("останні два місяці", "последние три месяца")."""
        edges = self.lex.first_words | self.lex.last_words
        word = self.items[i]
        edge = word.lemmas & edges
        at = i + 1 if edge else i
        if at >= len(self.items) or not (self.items[at].is_word or self.items[at].pos == "NUM"):
            return None
        number = lq._number(self.items, at, self.qlex)
        if (
            number is None
            and edge & self.lex.last_words
            and self.unit(at) in {"week", "month", "year"}
            and self.items[at].singular
            and i > 0
            and self.items[i - 1].low in self.lex.over
        ):
            number = (1.0, at, False)  # "за последний год", "за останній місяць": one unit
        if number is None:
            return None
        amount, after, _ = number
        if not edge and after < len(self.items):
            edge = self.items[after].lemmas & edges
            after += 1 if edge else 0
        unit = self.unit(after)
        if not edge or unit not in {"day", "week", "month", "quarter", "year"} or amount < 1:
            return None
        count = int(amount)
        if edge & self.lex.last_words:
            if self.anchor is None:
                return Found(i, after, None, None, "range", True)
            current = unit_interval(self.anchor, unit)[0] if unit != "day" else self.anchor
            start = shift(current, unit, -count)
            return Found(i, after, start, current - timedelta(days=1), "range", True)
        period = self.at_simple(after + 1) or self.shifted(after + 1)
        if period is None or period.granularity in {"day", "duration"}:
            return None
        if period.start is None or period.end is None:
            return Found(i, period.last, None, None, "range", period.relative)
        end = min(shift(period.start, unit, count) - timedelta(days=1), period.end)
        return Found(i, period.last, period.start, end, "range", period.relative)

    def numeric_date(self, i: int) -> Found | None:
        """ "30.05.2024" (day.month.year, the order used in Russian and Ukrainian), and the
        ISO "2025-09-16" of page stamps."""
        item = self.items[i]
        if item.pos != "DATE":
            return None
        parts = re.split(r"[./-]", item.text)
        if len(parts[0]) == 4:
            parts.reverse()  # year-month-day
        day, month, year = (int(p) for p in parts)
        try:
            day_date = date(year, month, day)
        except ValueError:
            return None
        return Found(i, i, day_date, day_date, "day")

    def month_pair(self, i: int) -> Found | None:
        """ "в феврале-марте", "за січень – серпень 2025 року": two months joined by a hyphen
        or a dash, with an optional year."""
        first, dash, second = self.low(i).partition("-")
        at = i
        if not dash and self.low(i + 1) in _DASHES and self.low(i + 2) in self.lex.months:
            first, dash, second, at = self.low(i), "-", self.low(i + 2), i + 2
        if not dash or first not in self.lex.months or second not in self.lex.months:
            return None
        one, two = self.lex.months[first], self.lex.months[second]
        year_found = self.year_at(at + 1)
        year = year_found[0] if year_found else self.recent_year(two)
        last = year_found[1] if year_found else at
        if year is None:
            return Found(i, last, None, None, "range", year_found is None)
        start_year = year - 1 if one > two else year
        return Found(
            i, last, date(start_year, one, 1), month_end(year, two), "range", year_found is None
        )

    def day_month(self, i: int) -> Found | None:
        item = self.items[i]
        if item.pos != "NUM" or not item.text.isdigit() or not 1 <= int(item.text) <= 31:
            return None
        day = int(item.text)
        j = i + 1
        day2 = None
        if self.low(j) in _DASHES and j + 1 < len(self.items) and self.items[j + 1].text.isdigit():
            day2 = int(self.items[j + 1].text)
            j += 2
        month = self.lex.months.get(self.low(j))
        if month is None:
            return None
        year_found = self.year_at(j + 1)
        if (
            year_found is None
            and self.low(j + 1) == "."
            and self.items[j + 1].start == self.items[j].end
        ):
            year_found = self.year_at(j + 2)  # "14 окт. 2023": an abbreviated month's stop
        if year_found is None and self.low(j + 1) == ",":
            # "23 грудня, 2025" (a page's date line), not "5 мая, 2000 человек"
            after_comma = self.year_at(j + 2)
            if after_comma is not None and not (
                after_comma[1] == j + 2
                and self.items[j + 3 : j + 4]
                and self.items[j + 3].is_word
                and self.low(j + 3) not in self.lex.weekdays  # "23 грудня, 2025 вівторок"
            ):
                year_found = after_comma
        year = year_found[0] if year_found else self.recent_year(month, day)
        last = year_found[1] if year_found else j
        relative = year_found is None
        if year is None:
            return Found(i, last, None, None, "range" if day2 else "day", relative)
        try:
            start = date(year, month, day)
            end = date(year, month, day2) if day2 else start
        except ValueError:
            return None
        return Found(i, last, start, end, "range" if day2 else "day", relative)

    def stamp_date(self, i: int) -> Found | None:
        """A page stamp with an abbreviated month and a year: "28 трав. 2024", "Лип 23,
        2024", "Лис 3rd, 2024" (the month first, as the English calendar widget prints)."""
        month = self.lex.abbreviations.get(self.low(i))
        if month is not None:
            j = i + 1
            day = _day_number(self.items[j].text) if j < len(self.items) else None
            if day is None:
                return None
            j += 1
        else:
            day = _day_number(self.items[i].text)
            month = self.lex.abbreviations.get(self.low(i + 1))
            if day is None or month is None:
                return None
            j = i + 2
        if self.low(j) in {".", ","}:
            j += 1
        year_found = self.year_at(j)
        if year_found is None:
            return None
        try:
            day_date = date(year_found[0], month, day)
        except ValueError:
            return None
        return Found(i, year_found[1], day_date, day_date, "day")

    def month_interval(self, j: int) -> tuple[int, int | None, int, bool] | None:
        """A month name at ``j`` and an optional year: (month, year, last, relative)."""
        month = self.lex.months.get(self.low(j))
        if month is None:
            return None
        year_found = self.year_at(j + 1)
        if year_found:
            return month, year_found[0], year_found[1], False
        shifted = self.shift_of(j + 1)
        if shifted is not None and self.unit(j + 2) == "year" and self.anchor:
            return month, self.anchor.year + shifted, j + 2, True
        return month, self.recent_year(month), j, True

    def part_month(self, i: int) -> Found | None:
        part = self.lex.parts.get(self.low(i))
        if part is None:
            return None
        found = self.month_interval(i + 1)
        if found is None and self.low(i + 1) in self.lex.seasons:
            return self._season_part(i, part)
        if found is None:
            months = {"early": (1, 3), "mid": (5, 7), "late": (10, 12)}[part]
            year_found = self.year_at(i + 1)
            relative = False
            if year_found is None:
                shifted = self.shift_of(i + 1)  # "в конце прошлого года"
                last = i + 2
                if shifted is None and self.unit(i + 1) == "year" and self._after_since(i):
                    shifted, last = 0, i + 1  # "с начала года": since this year's start
                if shifted is None or self.unit(last) != "year":
                    return None
                if self.anchor is None:
                    return Found(i, last, None, None, "range", True)
                year_found, relative = (self.anchor.year + shifted, last), True
            whole = year_found[0]  # "в начале 2024 года"
            return Found(
                i,
                year_found[1],
                date(whole, months[0], 1),
                month_end(whole, months[1]),
                "range",
                relative,
            )
        month, year, last, relative = found
        if year is None:
            return Found(i, last, None, None, "part-of-month", relative)
        lo, hi = _PARTS[part]
        end = date(year, month, hi) if hi < 28 else month_end(year, month)
        return Found(i, last, date(year, month, lo), end, "part-of-month", relative)

    def _after_since(self, i: int) -> bool:
        """Whether a "since" word stands right before word ``i`` ("*с* начала года"); "в
        конце года" alone may be the end of a year named before, so it is left unread."""
        return any(
            i - len(p) >= 0 and tuple(w.low for w in self.items[i - len(p) : i]) == p
            for p in self.lex.since
        )

    def _season_part(self, i: int, part: str) -> Found | None:
        """ "в середине лета", "з початку осені 2023 року": the season's first, middle or
        last month, as English "mid-summer" (extract/times.py)."""
        season = self.season(i + 1)
        if season is None:
            return None
        if season.start is None:
            return Found(i, season.last, None, None, "season", season.relative)
        month = shift(season.start, "month", {"early": 0, "mid": 1, "late": 2}[part])
        return Found(
            i, season.last, month, month_end(month.year, month.month), "season", season.relative
        )

    def month(self, i: int) -> Found | None:
        found = self.month_interval(i)
        if found is None:
            return None
        month, year, last, relative = found
        if year is None:
            return Found(i, last, None, None, "month", relative)
        return Found(i, last, date(year, month, 1), month_end(year, month), "month", relative)

    def season(self, i: int) -> Found | None:
        shifted = self.shift_of(i)
        first = i
        if shifted is not None and self.low(i + 1) in self.lex.seasons:
            i += 1
        season = self.lex.seasons.get(self.low(i))
        if season is None:
            return None
        last = i
        year: int | None = None
        relative = True
        year_found = self.year_at(i + 1)
        if year_found:
            year, last, relative = year_found[0], year_found[1], False
        elif (after := self.shift_of(i + 1)) is not None and self.unit(i + 2) == "year":
            year = self.anchor.year + after if self.anchor else None
            last = i + 2
        elif self.anchor is not None:
            year = self._season_year(season, shifted if first != i else None)
        if year is None:
            return Found(first, last, None, None, "season", relative)
        start, end = season_interval(year, season)
        return Found(first, last, start, end, "season", relative)

    def _season_year(self, season: str, shifted: int | None) -> int:
        assert self.anchor is not None
        current = self.anchor.year
        start, _ = season_interval(current, season)
        if season == "winter" and self.anchor.month <= 2:
            current -= 1
            start, _ = season_interval(current, season)
        latest = current if start <= self.anchor else current - 1
        if shifted is None or shifted == 0:
            return latest
        if shifted < 0:
            this_start, this_end = season_interval(latest, season)
            ongoing = this_start <= self.anchor <= this_end
            return latest - 1 if ongoing else latest
        return latest + 1

    def quarter(self, i: int) -> Found | None:
        number = None
        word = self.items[i] if i < len(self.items) else None
        if word is None or not word.is_word:
            return None
        for lemma in word.lemmas:
            number = self.lex.ordinals.get(lemma, number)
        if number is None or not 1 <= number <= 4 or self.low(i + 1) == "":
            return None
        half = bool(self.items[i + 1].lemmas & self.lex.half) and number <= 2
        if not half and not any(lem in self.lex.quarter for lem in self.items[i + 1].lemmas):
            return None
        year_found = self.year_at(i + 2)
        if year_found is None:
            return None
        year = year_found[0]
        months = 6 if half else 3  # "у першому півріччі 2025 року": January to June
        first_month = months * (number - 1) + 1
        return Found(
            i,
            year_found[1],
            date(year, first_month, 1),
            month_end(year, first_month + months - 1),
            "range" if half else "quarter",
        )

    def year_range(self, i: int) -> Found | None:
        if self.items[i].pos != "NUM" or self.low(i + 1) not in _DASHES:
            return None
        one = self.items[i].text
        if len(one) != 4 or not one.isdigit():
            return None
        two = self.year_at(i + 2)
        if two is None or not 1800 <= int(one) < two[0]:
            return None
        last = two[1]
        if self.unit(last + 1) == "year":
            last += 1
        return Found(i, last, date(int(one), 1, 1), date(two[0], 12, 31), "range")

    def year(self, i: int) -> Found | None:
        found = self.year_at(i)
        if found is None:
            return None
        year, last = found
        if last == i and not self._year_context(i):
            return None
        return Found(i, last, date(year, 1, 1), date(year, 12, 31), "year")

    def _year_context(self, i: int) -> bool:
        """A bare four-digit number is a year after a preposition or before punctuation."""
        before = self.low(i - 1)
        after = self.items[i + 1] if i + 1 < len(self.items) else None
        if before in self.lex.prepositions or before in {"с", "з", "до", "по", "после", "після"}:
            return after is None or not after.is_word or after.pos != "NOUN"
        return False

    def shifted(self, i: int) -> Found | None:
        """ "в прошлом году", "минулого місяця", "на прошлой неделе", "в этом году"."""
        amount = self.shift_of(i)
        word = self.items[i] if i < len(self.items) else None
        if word is not None and word.low in self.lex.years:
            if self.anchor is None:
                return Found(i, i, None, None, "year", True)
            year = self.anchor.year + self.lex.years[word.low]
            return Found(i, i, date(year, 1, 1), date(year, 12, 31), "year", True)
        if amount is None:
            return None
        unit = self.unit(i + 1)
        if unit not in {"year", "month", "week", "quarter"}:
            return None
        if self.anchor is None:
            return Found(i, i + 1, None, None, unit, True)
        start, end, grain = unit_interval(shift(self.anchor, unit, amount), unit)
        return Found(i, i + 1, start, end, grain, True)

    def day_word(self, i: int) -> Found | None:
        word = self.items[i]
        if word.low not in self.lex.days:
            return None
        last = i + 1 if self.unit(i + 1) == "day" else i  # "на сьогоднішній день"
        if self.anchor is None:
            return Found(i, last, None, None, "day", True)
        day = self.anchor + timedelta(days=self.lex.days[word.low])
        return Found(i, last, day, day, "day", True)

    def weekday(self, i: int) -> Found | None:
        number = self.lex.weekdays.get(self.low(i))
        if number is None or self.low(i - 1) not in self.lex.prepositions:
            return None
        if self.anchor is None:
            return Found(i, i, None, None, "day", True)
        back = (self.anchor.weekday() - number) % 7
        day = self.anchor - timedelta(days=back)
        return Found(i, i, day, day, "day", True)

    def ago_or_duration(self, i: int) -> Found | None:
        word = self.items[i]
        fixed = next(
            (
                self.lex.duration_words[w]
                for w in (word.low, word.lemma)
                if w in self.lex.duration_words
            ),
            None,
        )
        if fixed is not None:
            return Found(i, i, None, None, "duration", False, fixed)
        number = lq._number(self.items, i, self.qlex) if word.pos == "NUM" or word.is_word else None
        if number is None:
            if self.unit(i) in {"year", "month", "week", "day"} and self.phrase(
                i + 1, self.lex.ago
            ):
                amount, after = 1.0, i + 1  # "год назад"
            elif self.unit(i) in {"year", "month", "week", "day"} and self._bounds_one(i):
                one = str(self.unit(i))
                return Found(i, i, None, None, "duration", False, iso_duration(1.0, one))
            else:
                return None
        else:
            amount, after, _ = number
        unit = self.unit(after)
        if unit is None or unit == "quarter":
            return None
        ago = self.phrase(after + 1, self.lex.ago)
        if ago:
            last = after + ago
            if self.anchor is None:
                return Found(i, last, None, None, unit, True)
            day = shift(self.anchor, unit, -int(amount))
            start, end, grain = unit_interval(day, unit) if unit != "day" else (day, day, "day")
            return Found(i, last, start, end, grain, True)
        if self.low(after + 1) in _DASHES or self.low(i - 1) in _DASHES:
            return None
        if word.pos == "NUM" and len(word.text) == 4 and unit == "year":
            return None  # "2022 год" is a year
        if number is None:
            return None
        return Found(i, after, None, None, "duration", False, iso_duration(amount, unit))

    def _bounds_one(self, i: int) -> bool:
        """Whether a quantity modifier stands right before the unit at ``i`` ("понад рік",
        "более года": a bound on one year, a duration like "more than a year")."""
        if i < 1 or self.items[i - 1].pos == "NUM":
            return False
        for phrases in (self.qlex.approximate, self.qlex.at_least, self.qlex.at_most):
            for phrase in phrases:
                first = i - len(phrase)
                if first >= 0 and tuple(w.low for w in self.items[first:i]) == phrase:
                    return not (first > 0 and self.items[first - 1].pos == "NUM")
        return False

    def since_or_range(self, i: int) -> Found | None:
        """ "с 2022 года" (open), "с марта по май 2024 года", "с 15 по 20 марта" (ranges)."""
        width = self.phrase(i, self.lex.since)
        undated = 0 if width else self.phrase(i, self.lex.since_undated)
        if not width and not undated:
            return None
        first = self.at_simple(i + (width or undated))
        if first is None or first.granularity == "duration":
            return None
        if undated and (
            first.granularity not in {"month", "season"}
            or (i > 0 and self.items[i - 1].pos not in {"PUNCT", "VERB", "ADVB"})
        ):
            # "указ від 24 лютого", "постанова від березня 2023 року": a document's date;
            # "відрізняється від 2022 року": a comparison; neither is "since"
            return None
        k = first.last + 1
        if self.low(k) in self.lex.range_to:
            second = self.at_simple(k + 1)
            if second is not None and second.granularity != "duration":
                start, end = first.start, second.end
                if first.start is None and self.items[i + width].text.isdigit() and second.start:
                    day = int(self.items[i + width].text)
                    start = second.start.replace(day=day)
                elif second.start and first.start and first.start > second.start:
                    start = first.start.replace(year=second.start.year) if first.relative else start
                return Found(
                    i, second.last, start, end, "range", first.relative and second.relative
                )
        return Found(i, first.last, first.start, None, "open", first.relative)

    def at_simple(self, i: int) -> Found | None:
        if i >= len(self.items):
            return None
        item = self.items[i]
        if (
            item.pos == "NUM"
            and item.text.isdigit()
            and int(item.text) <= 31
            and self.lex.months.get(self.low(i + 1)) is None
        ):
            return Found(i, i, None, None, "day", True)  # "с 15 по 20 марта"
        for reader in (self.day_month, self.part_month, self.month, self.season, self.year):
            found = reader(i)
            if found is not None:
                return found
        return None


def extract(text: str, published: date | None = None, language: str = "ru") -> list[TimeMention]:
    """Time mentions of ``text`` in ``language``, resolved against ``published``."""
    if not has_lexicon(language, "times"):
        return []  # a language whose pack has no times.yaml gets no such mentions
    lex = lexicon(language)
    qlex = lq.lexicon(language)
    mentions: list[TimeMention] = []
    for sentence in split(text, language):
        mentions += sentence_times(text, sentence, lex, qlex, published)
    return mentions


def sentence_times(
    text: str, sentence: Sentence, lex: Lexicon, qlex: lq.Lexicon, published: date | None
) -> list[TimeMention]:
    """The time mentions of one sentence."""
    reader = _Reader(sentence.words, lex, qlex, published)
    found: list[TimeMention] = []
    i = 0
    while i < len(sentence.words):
        hit = reader.at(i) if sentence.words[i].pos != "PUNCT" else None
        if hit is None:
            i += 1
            continue
        lo = sentence.words[hit.first].start
        hi = sentence.words[hit.last].end
        unresolved = hit.relative and published is None
        found.append(
            TimeMention(
                start=lo,
                end=hi,
                text=text[lo:hi],
                resolved=not unresolved and (hit.start is not None or hit.duration is not None),
                start_date=hit.start,
                end_date=hit.end,
                granularity=hit.granularity,
                relative=hit.relative,
                duration=hit.duration,
            )
        )
        i = hit.last + 1
    return found


def resolve(mention: TimeMention, published: date | None, language: str) -> TimeMention:
    """Re-anchor a stored mention on a (new) publication date, from its text alone
    (``storyline set ID --published``): the mention unchanged when its text no longer reads
    as one expression of ``language``."""
    if mention.resolved and not mention.relative:
        return mention
    items = words(mention.text, language)
    reader = _Reader(items, lexicon(language), lq.lexicon(language), published)
    hit = reader.at(0) if items else None
    if hit is None or hit.first != 0 or hit.last != len(items) - 1:
        return mention
    unresolved = hit.relative and published is None
    return dataclasses.replace(
        mention,
        resolved=not unresolved and (hit.start is not None or hit.duration is not None),
        start_date=hit.start,
        end_date=hit.end,
        granularity=hit.granularity,
        relative=hit.relative,
        duration=hit.duration,
    )
