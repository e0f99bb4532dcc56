"""Finding and reading numbers written as numerals or words in news English.

Why a module of its own: the quantity extractor needs one regular expression that finds
every way a reporter writes an amount ("30,000", "2.5bn", "twenty-five", "a dozen",
"half a million", "tens of thousands", "several hundred") and one small interpreter that
turns the matched words into a value or a range. Both are pure and fast: the regex runs
once over the document text, and :func:`parse_number` reads a few words.

Vague amounts are ranges (see ``VAGUE_RANGES`` in :mod:`.quantity_lexicon`): scale words
after a vague amount multiply both ends, so "tens of thousands" = (10-100) × 1,000 and
"a few hundred" = (2-5) × 100.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from storyline.extract.quantity_lexicon import SCALE_ABBREVIATIONS, VAGUE_RANGES

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "hundred": 100.0,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "lakh": 1e5,
    "crore": 1e7,
}
# Plural scale words used after another amount act as their singular ("tens of thousands").
_PLURAL_SCALES = {"hundreds": 100.0, "thousands": 1e3, "millions": 1e6, "billions": 1e9}

_TENS = "twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety"
_TEENS = "eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|ten"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_WORD = rf"(?:(?:{_TENS})(?:[-\s](?:{_ONES}))?|{_TEENS}|{_ONES})"
_HALF = r"(?:\s+and\s+a\s+half)"
_SCALE = r"(?:hundred|thousand|million|billion|trillion|lakh|crore)"
# Thousands are grouped with commas, or with a no-break/thin space ("10\u202f000"); a plain
# space is not a group separator ("in 2014 300 people").
_NUMERAL = r"(?:\d{1,3}(?:(?:,|[\u00a0\u202f\u2009])\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_GROUP_SPACE_RE = re.compile(r"(?<=\d)[\u00a0\u202f\u2009](?=\d{3})")
_ABBR = "|".join(sorted(SCALE_ABBREVIATIONS, key=len, reverse=True))
_VAGUE_PL = r"(?:tens|dozens|scores|hundreds|thousands|millions|billions|trillions)"
_VAGUE_Q = r"(?:a\s+few|several|a\s+couple(?:\s+of)?|a\s+handful\s+of|many)"
_WORD_GROUP = rf"(?:{_WORD}{_HALF}?|an?)(?:[\s-]+(?:{_SCALE}|dozen))+"

#: One amount: a numeral, number words, or a vague quantifier (compile with IGNORECASE and
#: VERBOSE). Callers add the boundaries: not glued to letters ("IK-7", "G7") on the left,
#: and on the right nothing but a unit symbol ("5km").
NUMBER_PATTERN = rf"""
    (?:
        {_VAGUE_Q}\s+(?:{_SCALE}|dozen)(?:[\s-]+{_SCALE})*       # several hundred (thousand)
      | (?:many\s+)?{_VAGUE_PL}(?:\s+of\s+(?:thousands|millions|billions))?  # tens of thousands
      | half[\s-]+an?[\s-]+(?:{_SCALE}|dozen)                     # half a million
      | (?:a\s+)?quarter\s+of\s+an?\s+(?:million|billion)         # a quarter of a million
      | {_NUMERAL}(?:\s+and\s+a\s+half)?                          # 30,000 / 1.5 / 2 and a half
        (?:(?:{_ABBR})(?![A-Za-z])|(?:[\s-]+{_SCALE}(?![A-Za-z]))+)?   # 2.5bn, 1.5 million
      | (?:{_WORD_GROUP}(?:,?\s+(?:and\s+)?|[\s-]+))*{_WORD_GROUP}  # two hundred and fifty
        (?:(?:,?\s+and\s+|[\s-]+){_WORD}{_HALF}?(?![\s-]+{_SCALE}))?
      | {_WORD}{_HALF}?                                            # twenty-five
      | a\s+few|several|a\s+couple\s+of|a\s+handful\s+of           # vague small amounts
    )
"""


#: Words an amount can start with (for a cheap pre-check before :data:`NUMBER_PATTERN`).
NUMBER_STARTS = (
    *UNITS,
    *(f"{w}s" for w in ("ten", "dozen", "score", "hundred", "thousand", "million", "billion")),
    *("trillions", "a", "an", "half", "quarter", "many", "several"),
)


class Amount(NamedTuple):
    """A parsed amount: ``value`` for a definite figure, ``low``/``high`` always set.

    ``vague`` is true for quantifiers that only give a range ("dozens", "a few").
    ``scale`` is the product of the scale words written ("1.5 million" → 1e6), so a range
    like "10-20 million" can lend its scale to its bare first half.
    """

    value: float | None
    low: float
    high: float
    vague: bool
    scale: float


_TOKEN_RE = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+|[a-z]+")


def parse_number(text: str) -> Amount | None:
    """Read an amount matched by :data:`NUMBER_PATTERN`.

    Args:
        text: the matched words, in any case ("Tens of thousands", "2.5bn", "a dozen").

    Returns:
        The amount, or ``None`` when the words hold no number.

    >>> parse_number("tens of thousands")
    Amount(value=None, low=10000.0, high=100000.0, vague=True, scale=1000.0)
    >>> parse_number("two hundred and fifty").value
    250.0
    """
    words = _TOKEN_RE.findall(_GROUP_SPACE_RE.sub("", text.lower()))
    total = (0.0, 0.0)
    cur: tuple[float, float] | None = None
    from_article = False  # ``cur`` is the 1 of "a"/"an", replaceable by "quarter"/"few"
    vague = False
    scale = 1.0
    for i, word in enumerate(words):
        if word[0].isdigit() or word[0] == ".":
            number = float(word.replace(",", ""))
            cur, from_article = (number, number), False
        elif word in UNITS:
            base = cur if cur is not None and not from_article else (0.0, 0.0)
            cur, from_article = (base[0] + UNITS[word], base[1] + UNITS[word]), False
        elif word in ("a", "an"):
            if cur is None:
                cur, from_article = (1.0, 1.0), True
        elif word == "half":
            cur = (cur[0] + 0.5, cur[1] + 0.5) if cur and not from_article else (0.5, 0.5)
            from_article = False
        elif word == "quarter":
            cur = (cur[0] + 0.25, cur[1] + 0.25) if cur and not from_article else (0.25, 0.25)
            from_article = False
        elif word in ("hundred", "dozen"):
            factor = 100.0 if word == "hundred" else 12.0
            base = cur or (1.0, 1.0)
            cur, from_article = (base[0] * factor, base[1] * factor), False
            scale *= factor
        elif word in SCALES or (word in SCALE_ABBREVIATIONS and i > 0):
            factor = SCALES.get(word) or SCALE_ABBREVIATIONS[word]
            base = cur or (1.0, 1.0)
            total = (total[0] + base[0] * factor, total[1] + base[1] * factor)
            cur, from_article = None, False
            scale *= factor
        elif word in _PLURAL_SCALES and (cur is not None or total != (0.0, 0.0)):
            factor = _PLURAL_SCALES[word]  # "tens of thousands", "many millions"
            base = cur or total
            total = (base[0] * factor, base[1] * factor)
            cur, scale = None, scale * factor
        elif word in VAGUE_RANGES:
            cur, from_article, vague = VAGUE_RANGES[word], False, True
        # "and", "of" and other glue words carry no value
    if cur is not None:
        total = (total[0] + cur[0], total[1] + cur[1])
    elif total == (0.0, 0.0):
        return None
    low, high = total
    return Amount(None if vague else low, low, high, vague, scale)


def as_number(value: float | None) -> float | None:
    """Return ``value`` as an ``int`` when it is whole (for clean JSON), else unchanged."""
    if value is not None and float(value).is_integer():
        return int(value)
    return value
