"""Event dates at the granularity the report gave them.

Why: a report's "in 2023" is stored as the range 2023-01-01..2023-12-31 and "since 2022" as
an open range starting 2022-01-01. Shown as bare start dates they read as single days, and
a monthly chart that counts them by their first day piles every year-dated event into
January (issue 14: a false spike of 12 at 2023-01). So dates are written as the report's
period ("2023", "2023-05", "since 2022"), and only events that fall within one month are
drawn on a monthly timeline; the others are counted apart, per period.
"""

from __future__ import annotations

from datetime import date


def _day(value: date | str | None) -> date | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def when_text(
    start: date | str | None, end: date | str | None, granularity: str | None = None
) -> str:
    """An event's time as a reader says it: ``2023``, ``2023-05``, ``since 2022``,
    ``2024-03-04..2024-03-10`` or ``2024-06-13`` (empty when undated)."""
    first, last = _day(start), _day(end)
    if first is None:
        return ""
    if granularity == "open" and last is None:
        if (first.month, first.day) == (1, 1):
            return f"since {first.year}"
        return f"since {first:%Y-%m}" if first.day == 1 else f"since {first.isoformat()}"
    if last is None or last == first:
        return first.isoformat()
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
        return str(first.year) if first.year == last.year else f"{first.year}..{last.year}"
    if granularity == "month" and (first.year, first.month) == (last.year, last.month):
        return f"{first:%Y-%m}"
    return f"{first.isoformat()}..{last.isoformat()}"


def within_a_month(start: date | None, end: date | None, granularity: str | None) -> bool:
    """Whether an event's time fits one month, so a monthly chart may count it there."""
    if start is None:
        return False
    if end is None:
        return granularity != "open"
    return (start.year, start.month) == (end.year, end.month)


def coarse_label(first: int, last: int | None, granularity: str | None) -> str:
    """The timeline note's label for events spanning more than a month, by year: ``2023``
    (a year), ``2022..2023``, ``since 2022`` (an open range), ``2022 (season)``."""
    if granularity == "open" and last is None:
        return f"since {first}"
    years = str(first) if last in (None, first) else f"{first}..{last}"
    if granularity in ("year", "decade", None):
        return years
    return f"{years} ({granularity})"
