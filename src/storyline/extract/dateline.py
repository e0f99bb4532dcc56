"""A page's own publication stamp, for a report stored without a publication date.

A page pasted or fetched without metadata often still prints when it was published: a line
at the top or the bottom holding a date and a clock time ("30 травня 2024, 14:10",
"17.05.2024 12:30", "18 мая 2024, 00:09 | Автор: …", "19-11-2022, 09:56 / Автор: …").
Relative times ("минулого місяця", "в понедельник") are resolved against it when the
document has no publication date, as a reader of the page would.

Why a clock time is required: a bare date line is as often the day the page was viewed (a
"today" widget beside the weather) or the date of an event as the publication date; a date
with a clock time on a line of its own is the page's timestamp. Month names are the time
extractor's own table (the pack's ``times.yaml``); only languages with one are read (English
keeps its own rules).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from functools import lru_cache

from storyline.extract import lexical_times
from storyline.extract.lexical_words import fold, has_lexicon

#: Lines read at each end of the text.
EDGE_LINES = 6
#: The longest line (in words) read as a stamp: a date, a time and a byline at most.
MAX_WORDS = 12
_CLOCK = r"(?:[01]?\d|2[0-3])[:.][0-5]\d"
_NUMERIC = r"(?P<d>\d{1,2})[./-](?P<m>\d{1,2})[./-](?P<y>(?:19|20)\d\d)"
_SEP = r"\s*(?:,|\||/|-|–|—|\s)\s*"


@lru_cache(maxsize=8)
def _patterns(language: str) -> tuple[re.Pattern[str], Mapping[str, int]]:
    months = lexical_times.lexicon(language).months  # folded month forms → number
    names = "|".join(sorted((re.escape(m) for m in months), key=len, reverse=True))
    year_word = r"(?:\s*(?:р\.|г\.|року|года|рік|год))?"
    worded = rf"(?P<wd>\d{{1,2}})\s+(?P<wm>{names})\s*,?\s+(?P<wy>(?:19|20)\d\d){year_word}"
    date_part = rf"(?:{_NUMERIC}|{worded})"
    stamp = rf"^\W*(?P<pre>{_CLOCK}{_SEP})?{date_part}(?P<post>{_SEP}{_CLOCK})?(?:\W|$)"
    return re.compile(stamp, re.IGNORECASE), months


def page_date(text: str, language: str | None) -> date | None:
    """The publication stamp a page prints on a line of its own near its top or bottom
    (the first :data:`EDGE_LINES` lines, then the last), or ``None``."""
    if not language or not has_lexicon(language, "times"):
        return None
    pattern, months = _patterns(language)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    for line in lines[:EDGE_LINES] + lines[-EDGE_LINES:][::-1]:
        if len(line.split()) > MAX_WORDS:
            continue
        found = pattern.match(fold(line))
        if found is None or not (found["pre"] or found["post"]):
            continue  # a date without a clock time: perhaps today's, not the page's
        if found.group("y"):
            day, month, year = int(found["d"]), int(found["m"]), int(found["y"])
        else:
            day, month, year = int(found["wd"]), months[found["wm"]], int(found["wy"])
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return None
