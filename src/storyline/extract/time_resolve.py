"""Turns the text of a time expression into a date interval (the normaliser).

Why a text-in, interval-out function apart from the scanner: a mention stored while the
publication date was unknown must be resolvable later from its text alone
(:func:`storyline.extract.times.resolve`), so everything needed to compute the interval
comes from the expression's own words plus an anchor. The scanner only adds two optional
hints it reads from the parse: the tense of the clause (which way to look for "Friday"
or "in May"), and the previous time mention in the document (for "a year earlier").

Conventions (documented once here, relied upon by tests):

* Intervals are inclusive: "May 2024" is 2024-05-01..2024-05-31; weeks run Monday..Sunday.
* A month, day, season, quarter or holiday named without a year is the most recent one
  that *started on or before* the publication date (``direction="past"``, the news
  convention: "in late May" in a June article is this May, in a March article last May).
  With ``direction="future"`` ("will meet on Friday") it is the first one that *ends on
  or after* that date, with ``"nearest"`` whichever is closer. Quarters always look back
  ("third-quarter profit" is reported after the quarter).
* "the quarter"/"the latest quarter" is the last completed quarter in the first month of
  a quarter (when earnings for it are reported) and the current one otherwise.
* Parts: "early/mid/late May" are days 1-10/11-20/21-end; "early/mid/late 2023" are
  January-April/May-August/September-December; "the early/mid/late 1990s" are years
  0-3/4-6/7-9 of the decade. The granularity names the unit the part is taken of
  (``part-of-month``, ``year``, ``decade``).
* Seasons are meteorological: spring Mar-May, summer Jun-Aug, fall Sep-Nov, winter Dec of
  the named year to Feb of the next. Quarters and fiscal years are calendar ones.
* "last May"/"last Friday" are the latest one that ended before publication; "next ..."
  the first one that starts after it; "earlier this year" runs from January 1 to
  publication, "later this year" from publication to December 31; "the past two weeks"
  is the range from publication minus two weeks to publication, with ``duration`` P2W.
* Durations are ISO 8601 (``P1Y``, ``PT12H``, ``P2Y6M``); an unknown count is written ``X``
  as in TimeML (``PXY`` for "several years"). Decades and centuries count in years.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.extract import time_lexicon as lex
from storyline.extract.time_calendar import (
    add_months,
    holiday,
    iso_duration,
    month_end,
    number,
    season_interval,
    shift,
    unit_interval,
    year_from_words,
)

_ANY_DATE = date(2001, 6, 15)  # stands in for an unknown anchor; results are discarded
_GRAIN_ORDER = ("day", "week", "part-of-month", "month", "season", "quarter", "year", "decade")


@dataclass(frozen=True)
class Interval:
    """A normalised time expression: inclusive dates, granularity, ISO duration."""

    start: date | None
    end: date | None
    granularity: str
    duration: str | None = None
    relative: bool = False


class Context:
    """The anchor and hints a normalisation may use; records whether it used the anchor."""

    def __init__(
        self,
        published: date | None,
        *,
        direction: str = "past",
        reference: Interval | None = None,
        year_hint: int | None = None,
    ) -> None:
        self.published = published
        self.direction = direction
        self.reference = reference
        self.year_hint = year_hint
        self.used = False

    @property
    def today(self) -> date:
        """The publication date (a placeholder when unknown); marks the result relative."""
        self.used = True
        return self.published or _ANY_DATE


# ------------------------------------------------------------------------ year inference


def pick_year(ctx: Context, interval_for: Callable[[int], tuple[date, date]]) -> int:
    """Year of an expression written without one (see the module's convention)."""
    if ctx.year_hint is not None:
        return ctx.year_hint
    today = ctx.today
    if ctx.direction == "future":
        return today.year if interval_for(today.year)[1] >= today else today.year + 1
    if ctx.direction == "nearest":

        def distance(year: int) -> int:
            start, end = interval_for(year)
            return max((start - today).days, (today - end).days, 0)

        return min((today.year - 1, today.year, today.year + 1), key=distance)
    return today.year if interval_for(today.year)[0] <= today else today.year - 1


def relative_year(rel: str, ctx: Context, interval_for: Callable[[int], tuple[date, date]]) -> int:
    """Year for "this/last/next/this past/this coming" + month, season or holiday."""
    rel = " ".join(rel.lower().split())
    today = ctx.today
    if rel in ("last", "this past"):
        return today.year if interval_for(today.year)[1] < today else today.year - 1
    if rel in ("next", "this coming"):
        return today.year if interval_for(today.year)[0] > today else today.year + 1
    return today.year


# ----------------------------------------------------------------------------- small parsers


def _grain(unit: str) -> str:
    """Calendar granularity of a unit word ("night" → day, "century" → decade)."""
    coarse = {"hour": "day", "minute": "day", "second": "day", "night": "day",
              "fortnight": "week", "century": "decade", "centurie": "decade"}  # fmt: skip
    return coarse.get(unit, unit if unit in _GRAIN_ORDER else "decade")


def _month_num(text: str) -> int:
    return lex.MONTHS[text.lower().rstrip(".")]


def _part_key(text: str | None) -> str | None:
    if not text:
        return None
    words = text.lower().replace("-", " ").split()
    return next((w for w in words if w in lex.MONTH_PARTS), None)


# ------------------------------------------------------------------------------ rule handlers
# Each handler takes the rule's match and the context and returns an Interval, or None when
# the words do not make a valid date (the scanner then drops the candidate).

Handler = Callable[[re.Match[str], Context], Interval | None]


def _same_day(day: date) -> tuple[date, date]:
    return day, day


def _day_interval(day: date) -> Interval:
    return Interval(day, day, "day")


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day_number(text: str) -> int:
    digits = re.sub(r"\D", "", text)
    return int(digits) if digits else lex.ORDINALS.get(re.sub(r"\s+", "-", text.lower()), 0)


def _month_day(m: re.Match[str], ctx: Context) -> Interval | None:
    month, day = _month_num(m["month"]), _day_number(m["day"])
    if not 1 <= day <= 31:
        return None
    if m["year"]:
        found = _safe_date(int(m["year"]), month, day)
    else:
        if _safe_date(2000, month, day) is None:  # 2000 is a leap year: Feb 29 passes
            return None
        year = pick_year(ctx, lambda y: _same_day(date(y, month, min(day, 28))))
        found = _safe_date(year, month, day) or month_end(year, month)
    return _day_interval(found) if found else None


def _day_range(m: re.Match[str], ctx: Context) -> Interval | None:
    month = _month_num(m["month"] or m["monthb"])
    first = int(re.sub(r"\D", "", m["day"] or m["dayb"]))
    last = int(re.sub(r"\D", "", m["day2"] or m["day2b"]))
    year_text = m["year"] or m["yearb"]
    if last <= first:
        return None
    year = int(year_text) if year_text else pick_year(ctx, lambda y: _same_day(date(y, month, 1)))
    start, end = _safe_date(year, month, first), _safe_date(year, month, last)
    return Interval(start, end, "range") if start and end else None


def _iso_date(m: re.Match[str], ctx: Context) -> Interval | None:
    found = _safe_date(int(m["year"]), int(m["month"]), int(m["day"]))
    return _day_interval(found) if found else None


def _numeric_date(m: re.Match[str], ctx: Context) -> Interval | None:
    a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
    month, day = (a, b) if a <= 12 else (b, a)  # US order unless the first cannot be a month
    found = _safe_date(year, month, day)
    return _day_interval(found) if found else None


def _part_of_month(year: int, month: int, part: str | None) -> Interval:
    key = _part_key(part)
    if key is None:
        return Interval(date(year, month, 1), month_end(year, month), "month")
    first, last = lex.MONTH_PARTS[key]
    end = month_end(year, month) if last is None else date(year, month, last)
    return Interval(date(year, month, first), end, "part-of-month")


def _month_year(m: re.Match[str], ctx: Context) -> Interval | None:
    year = int(m["year"]) if m["year"] else _year_of_rel(m["relyear"], None, ctx)
    return _part_of_month(year, _month_num(m["month"]), m["part"])


def _month(m: re.Match[str], ctx: Context) -> Interval | None:
    month = _month_num(m["month"])

    def span(y: int) -> tuple[date, date]:
        return date(y, month, 1), month_end(y, month)

    year = relative_year(m["rel"], ctx, span) if m["rel"] else pick_year(ctx, span)
    return _part_of_month(year, month, m["part"])


def _season(m: re.Match[str], ctx: Context) -> Interval | None:
    season = m["season"].lower()
    rel = (m["rel"] or "").lower()

    def span(y: int) -> tuple[date, date]:
        return season_interval(y, season)

    if m["year"]:
        year = int(m["year"])
    elif rel and rel != "the":
        year = relative_year(rel, ctx, span)
    else:
        year = pick_year(ctx, span)
    start, end = span(year)
    part = (m["part"] or m["part2"] or "").lower()
    if part:  # early = first month, mid = middle month, late = last month of the season
        offset = {"early": 0, "mid": 1, "late": 2}[part]
        start = add_months(start, offset)
        end = month_end(start.year, start.month)
    return Interval(start, end, "season")


def _quarter_span(year: int, quarter: int) -> tuple[date, date]:
    first = 3 * (quarter - 1) + 1
    return date(year, first, 1), month_end(year, first + 2)


def _quarter_interval(year: int, quarter: int) -> Interval:
    return Interval(*_quarter_span(year, quarter), "quarter")


def _quarter(m: re.Match[str], ctx: Context) -> Interval | None:
    year_text = m["year"] or m["year0"] or m["qyear"]
    if m["relyear"] and not year_text:
        year_text = str(_year_of_rel(m["relyear"], None, ctx))
    if m["ord"] or m["q"]:
        quarter = lex.ORDINALS[m["ord"].lower()] if m["ord"] else int(m["q"][1])
        if year_text:
            return _quarter_interval(int(year_text), quarter)
        return _quarter_interval(pick_year(ctx, lambda y: _quarter_span(y, quarter)), quarter)
    rel = (m["rel"] or "").lower()
    today = ctx.today
    first_day = _quarter_span(today.year, (today.month - 1) // 3 + 1)[0]
    current = _quarter_interval(*_quarter_of(first_day))
    if rel in ("this", "current"):
        return current
    if rel == "next":
        return _quarter_interval(*_quarter_of(shift(first_day, "quarter", 1)))
    if rel == "final":
        return _quarter_interval(int(year_text) if year_text else today.year, 4)
    # "the quarter", "the latest/last/recent quarter": earnings are reported in the month
    # after a quarter closes, so in a quarter's first month this means the previous one.
    if rel in ("latest", "last", "previous", "recent") or today.month % 3 == 1:
        return _quarter_interval(*_quarter_of(shift(first_day, "quarter", -1)))
    return current


def _quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _year_of_rel(rel: str | None, year: str | None, ctx: Context) -> int:
    if year:
        return int(year)
    offset = {"last": -1, "next": 1}.get((rel or "this").lower(), 0)
    return ctx.today.year + offset


def _half(m: re.Match[str], ctx: Context) -> Interval | None:
    year = _year_of_rel(m["rel"], m["year"], ctx)
    first = m["ord"].lower() == "first"
    return Interval(
        date(year, 1 if first else 7, 1),
        date(year, 6 if first else 12, 30 if first else 31),
        "year",
    )


def _first_months(m: re.Match[str], ctx: Context) -> Interval | None:
    count = number(m["num"])
    if count is None or not 1 <= count <= 12 or count != int(count):
        return None
    year = _year_of_rel(m["rel"], m["year"], ctx)
    end = month_end(year, int(count))
    return Interval(date(year, 1, 1), end, "range", duration=f"P{int(count)}M")


def _year(m: re.Match[str], ctx: Context) -> Interval | None:
    year = int(m["year"]) if m["year"] else year_from_words(m["words"])
    if year is None or not 1000 <= year <= 2199:
        return None
    key = _part_key(m["part"])
    if key is None:
        return Interval(date(year, 1, 1), date(year, 12, 31), "year")
    first, last = lex.YEAR_PARTS[key]
    return Interval(date(year, first, 1), month_end(year, last), "year")


def _decade(m: re.Match[str], ctx: Context) -> Interval | None:
    if m["dec"]:
        start = int(m["dec"])
    elif m["short"]:
        short = int(m["short"])
        start = (2000 if short <= 20 else 1900) + short
    else:
        names = ("twenties", "thirties", "forties", "fifties", "sixties", "seventies",
                 "eighties", "nineties")  # fmt: skip
        start = 1920 + 10 * names.index(m["words"].lower())
    first, last = lex.DECADE_PARTS.get((m["part"] or "").lower(), (0, 9))
    return Interval(date(start + first, 1, 1), date(start + last, 12, 31), "decade")


def _century(m: re.Match[str], ctx: Context) -> Interval | None:
    nth = lex.ORDINALS.get(m["ord"].lower())
    if nth is None or nth < 1:
        return None
    start = (nth - 1) * 100
    return Interval(date(max(start, 1), 1, 1), date(start + 99, 12, 31), "range")


def _part_relative(m: re.Match[str], ctx: Context) -> Interval | None:
    unit, rel = m["unit"].lower(), m["rel"].lower()
    part = " ".join(m["part"].lower().split())
    today = ctx.today
    anchor = shift(today, unit, {"last": -1, "next": 1}.get(rel, 0))
    start, end, grain = unit_interval(anchor, unit)
    if part in ("earlier", "later") and rel in ("this", "the"):
        # "earlier this year" ends at publication, "later this year" starts there
        start, end = (start, today) if part == "earlier" else (today, end)
    else:
        key = _part_key(part) or {"earlier": "early", "later": "late"}[part]
        if unit == "year":
            first, last = lex.YEAR_PARTS[key]
            start, end = date(start.year, first, 1), month_end(start.year, last)
        elif unit == "month":
            return _part_of_month(start.year, start.month, key)
        elif unit == "decade":
            first, last = lex.DECADE_PARTS[key]
            start, end = date(start.year + first, 1, 1), date(start.year + last, 12, 31)
        else:  # week: early = Mon-Wed, mid = Tue-Thu, late = Thu-Sun
            first, last = {"early": (0, 2), "beginning": (0, 2), "start": (0, 2),
                           "mid": (1, 3), "middle": (1, 3)}.get(key, (3, 6))  # fmt: skip
            start, end = start + timedelta(days=first), start + timedelta(days=last)
    return Interval(start, end, "part-of-month" if grain == "month" else grain)


def _relative_unit(m: re.Match[str], ctx: Context) -> Interval | None:
    rel, unit = m["rel"].lower(), m["unit"].lower()
    today = ctx.today
    if rel in ("past", "coming"):  # "the past year" = the twelve months up to publication
        other = shift(today, unit, -1 if rel == "past" else 1)
        start, end = (other, today) if rel == "past" else (today, other)
        return Interval(start, end, "range", duration=iso_duration(1, unit.replace("end", "")))
    offset = {"last": -1, "next": 1}.get(rel, 0)
    start, end, grain = unit_interval(shift(today, unit, offset), unit)
    return Interval(start, end, grain)


def _past_n(m: re.Match[str], ctx: Context) -> Interval | None:
    unit, rel = m["unit"].lower(), m["rel"].lower()
    count = number(m["num"])
    duration = iso_duration(count, unit)
    if count is None or rel == "first":
        return Interval(None, None, "duration", duration=duration)
    if count != int(count):
        return None
    today = ctx.today
    if unit in ("hour", "minute", "second"):
        other = today - timedelta(days=int(count * {"hour": 1 / 24}.get(unit, 0) + 0.999))
    else:
        other = shift(today, unit, int(count) * (-1 if rel in ("past", "last", "previous") else 1))
    start, end = sorted((other, today))
    return Interval(start, end, "range", duration=duration)


def _shift_count(m: re.Match[str]) -> tuple[int, str] | None:
    count = number(m["num"])
    if count is None:
        return None
    unit = m["unit"].lower()
    if m["half"]:
        count += 0.5
    if count != int(count):  # "a year and a half ago" → 18 months
        if unit != "year":
            return None
        return int(count * 12), "month"
    return int(count), unit


def _ago(m: re.Match[str], ctx: Context) -> Interval | None:
    found = _shift_count(m)
    if found is None:
        return None
    count, unit = found
    sign = -1 if m["dir"].lower() == "ago" else 1
    if unit in ("hour", "minute", "second"):
        return _day_interval(ctx.today)
    ref = ctx.reference
    if unit == "year" and ref is not None and ref.granularity in ("quarter", "month", "season"):
        # "profit rose in the third quarter from $2 million a year ago": the same period
        return _from_reference(ctx, unit, sign * count)
    start, end, grain = unit_interval(shift(ctx.today, unit, sign * count), unit)
    return Interval(start, end, grain)


def _from_reference(ctx: Context, unit: str, amount: int) -> Interval:
    """Shift the previous time mention by ``amount`` units ("a year earlier").

    Without a stated date at least as fine as the unit to count from, the result has no
    dates: counting from the publication date would usually be wrong in a narrative.
    """
    ref = ctx.reference
    grain = _grain(unit)
    if (
        ref is None
        or ref.start is None
        or ref.end is None
        or ref.granularity not in _GRAIN_ORDER
        or _GRAIN_ORDER.index(ref.granularity) > _GRAIN_ORDER.index(grain)
    ):
        return Interval(None, None, grain)
    if ref.relative:
        ctx.used = True
    if ref.granularity == "day":
        return _day_interval(shift(ref.start, unit, amount))
    if ref.granularity in ("week", "month", "quarter", "year", "decade"):
        start, end, found = unit_interval(shift(ref.start, unit, amount), ref.granularity)
        return Interval(start, end, found)
    # a part of a month or a season: move both ends
    return Interval(shift(ref.start, unit, amount), shift(ref.end, unit, amount), ref.granularity)


def _anaphoric(m: re.Match[str], ctx: Context) -> Interval | None:
    found = _shift_count(m)
    if found is None:
        return None
    count, unit = found
    if unit in ("hour", "minute", "second"):
        return None
    sign = -1 if (m["dir"] or m["dir2"]).lower() in ("earlier", "before") else 1
    return _from_reference(ctx, unit, sign * count)


def _adjacent(m: re.Match[str], ctx: Context) -> Interval | None:
    unit = (m["unit"] or m["unit2"]).lower()
    rel = (m["rel"] or m["rel2"]).lower()
    sign = -1 if rel in ("previous", "prior", "preceding", "before", "earlier") else 1
    return _from_reference(ctx, unit, sign)


_DEICTIC_OFFSETS = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
                    "the day after tomorrow": 2}  # fmt: skip


def _deictic(m: re.Match[str], ctx: Context) -> Interval | None:
    if m["this"]:
        offset = -1 if m["this"].lower() == "last" else 0
        return _day_interval(ctx.today + timedelta(days=offset))
    word = " ".join(m["word"].lower().split())
    return _day_interval(ctx.today + timedelta(days=_DEICTIC_OFFSETS.get(word, 0)))


def _weekday(m: re.Match[str], ctx: Context) -> Interval | None:
    weekday = lex.WEEKDAYS[m["wd"].lower()]
    rel = " ".join((m["rel"] or "").lower().split())
    today = ctx.today
    back = (today.weekday() - weekday) % 7  # days back to the latest such weekday
    if rel in ("last", "this past", "the previous"):
        return _day_interval(today - timedelta(days=back or 7))
    if rel in ("next", "the following", "the next"):
        return _day_interval(today + timedelta(days=(weekday - today.weekday()) % 7 or 7))
    ahead = (weekday - today.weekday()) % 7
    if ctx.direction == "future" or rel == "this coming":
        return _day_interval(today + timedelta(days=ahead))
    if ctx.direction == "nearest" and ahead < back:
        return _day_interval(today + timedelta(days=ahead))
    return _day_interval(today - timedelta(days=back))


def _holiday(m: re.Match[str], ctx: Context) -> Interval | None:
    name = m["name"]
    key = re.sub(r"\s+", " ", name.lower())
    if key == "easter sunday":
        key = "easter"
    if m["year"]:
        return _day_interval(holiday(key, int(m["year"])))
    year = pick_year(ctx, lambda y: _same_day(holiday(key, y)))
    return _day_interval(holiday(key, year))


def _weekend(m: re.Match[str], ctx: Context) -> Interval | None:
    today = ctx.today
    back = (today.weekday() - 5) % 7  # days back to the latest Saturday
    ahead = (5 - today.weekday()) % 7
    if (
        today.weekday() == 6
        or ctx.direction == "past"
        or (ctx.direction == "nearest" and back <= ahead)
    ):
        saturday = today - timedelta(days=back)
    else:
        saturday = today + timedelta(days=ahead)
    return Interval(saturday, saturday + timedelta(days=1), "week")


def _duration(m: re.Match[str], ctx: Context) -> Interval | None:
    unit = m["unit"].lower()
    num = " ".join(m["num"].lower().split())
    count = None if re.fullmatch(lex.VAGUE, num) else number(num)
    if count is None and not re.fullmatch(lex.VAGUE, num):
        return None
    if count is not None and (m["half"] or m["half0"]):
        count += 0.5
    return Interval(None, None, "duration", duration=iso_duration(count, unit))


def _bare_units(m: re.Match[str], ctx: Context) -> Interval | None:
    return Interval(None, None, "duration", duration=iso_duration(None, m["unit"]))


HANDLERS: dict[str, Handler] = {
    "month_day": _month_day, "day_month": _month_day, "day_range": _day_range,
    "iso_date": _iso_date, "numeric_date": _numeric_date, "month_year": _month_year,
    "month": _month, "season": _season, "quarter": _quarter, "half": _half,
    "first_months": _first_months, "year": _year, "decade": _decade, "century": _century,
    "part_relative": _part_relative, "relative_unit": _relative_unit, "past_n": _past_n,
    "ago": _ago, "anaphoric": _anaphoric, "adjacent": _adjacent, "deictic": _deictic,
    "weekday": _weekday, "holiday": _holiday, "weekend": _weekend, "duration": _duration,
    "bare_units": _bare_units,
}  # fmt: skip

#: Compiled rule patterns. The look-behind keeps a match from starting inside a word or a
#: number ("offspring", "12,019", "$2024").
PATTERNS: dict[str, re.Pattern[str]] = {
    name: re.compile(rf"(?<![\w$£€#])(?<!\d[.,])(?:{pattern})", re.IGNORECASE)
    for name, pattern in lex.RULES.items()
}


# ------------------------------------------------------------------------------- normalising

_SINCE = re.compile(r"since\s+(?P<rest>.+)", re.IGNORECASE | re.DOTALL)
_RANGE = re.compile(r"(?:(?:from|between)\s+)?(?P<body>.+)", re.IGNORECASE | re.DOTALL)
_JOINER = re.compile(r"\s*(?:-|–|—)\s*|\s+(?:to|through|thru|until|till|and)\s+", re.IGNORECASE)


def _atom(text: str, ctx: Context) -> Interval | None:
    """Interval of a single expression: the first rule whose pattern matches it whole."""
    for name, pattern in PATTERNS.items():
        match = pattern.fullmatch(text)
        if match is not None:
            value = HANDLERS[name](match, ctx)
            if value is not None:
                return value
    return None


def _sub(ctx: Context, year_hint: int | None = None) -> Context:
    return Context(
        ctx.published, direction=ctx.direction, reference=ctx.reference, year_hint=year_hint
    )


def _range(text: str, ctx: Context) -> Interval | None:
    """ "from March to May 2024", "between 2019 and 2021", "1990-95"."""
    body = _RANGE.fullmatch(text)
    if body is None:
        return None
    words = body["body"]
    for joiner in _JOINER.finditer(words):
        left, right = words[: joiner.start()].strip(), words[joiner.end() :].strip()
        if not left or not right:
            continue
        if re.fullmatch(r"\d{4}", left) and re.fullmatch(r"\d\d", right):
            later = int(left[:2] + right) + (100 if right < left[2:] else 0)
            if later - int(left) > 30:  # "2019-05" is no range of years
                continue
            right = str(later)
        right_ctx = _sub(ctx)
        second = _atom(right, right_ctx)
        if second is None or second.start is None or second.granularity == "duration":
            continue
        left_ctx = _sub(ctx)
        first = _atom(left, left_ctx)
        if first is not None and left_ctx.used and not right_ctx.used and first.start:
            # the left end borrows the right end's year: "from March to May 2024"
            hint = second.start.year
            left_ctx = _sub(ctx, hint)
            first = _atom(left, left_ctx)
            if first is not None and first.start and first.start > second.start:
                left_ctx = _sub(ctx, hint - 1)
                first = _atom(left, left_ctx)
        if first is None or first.start is None or second.end is None:
            continue
        if first.granularity == "duration" or first.start > second.end:
            continue
        ctx.used = ctx.used or left_ctx.used or right_ctx.used
        return Interval(first.start, second.end, "range")
    return None


def _since(text: str, ctx: Context) -> Interval | None:
    """ "since 2022": an open interval from the start of 2022, its end left open (null),
    as docs/eval.md specifies; it depends on the publication date only when its start
    does ("since late July")."""
    match = _SINCE.fullmatch(text)
    if match is None:
        return None
    inner_ctx = _sub(ctx)
    inner = _range(match["rest"], inner_ctx) or _atom(match["rest"], inner_ctx)
    if inner is None or inner.start is None:
        return None
    start = inner.start if (ctx.published or not inner_ctx.used) else None
    ctx.used = ctx.used or inner_ctx.used
    return Interval(start, None, "open")


def normalise(
    text: str,
    published: date | None = None,
    *,
    direction: str = "past",
    reference: Interval | None = None,
) -> Interval | None:
    """Interval of a time expression's text, anchored on ``published``.

    Args:
        text: the expression as written ("late May", "the fall of 2023", "since 2022").
        published: the publication date; when ``None`` a relative expression still gets
            its granularity, but its dates are meaningless (``relative`` is then true and
            the caller must drop them).
        direction: how to place a day, month or season written without a year:
            ``past`` (the latest one that started by ``published``; the default news
            convention), ``future`` (the first one that ends on or after it) or
            ``nearest`` (whichever is closer, for clauses whose tense is unclear).
        reference: the previous time mention in the document, for "a year earlier".

    Returns:
        The interval, with ``relative`` true when it depends on ``published``; ``None``
        when the text is not a time expression this module understands, or when it
        would fall outside the calendar (years 1 to 9999).
    """
    ctx = Context(published, direction=direction, reference=reference)
    try:
        value = _since(text, ctx) or _range(text, ctx) or _atom(text, ctx)
    except (OverflowError, ValueError):
        return None  # "next week" of 9999-12-31 falls outside the calendar: not placeable
    if value is None:
        return None
    if ctx.used and not value.relative:
        value = Interval(value.start, value.end, value.granularity, value.duration, True)
    return value
