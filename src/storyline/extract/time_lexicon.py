"""Word tables and regular-expression patterns for time expressions (English news).

Why a constants module: the rules in :mod:`storyline.extract.time_resolve` and the scanner in
:mod:`storyline.extract.times` only *apply* this data, so a new month abbreviation, holiday
or modifier is a one-line change here and never touches the logic.

Conventions of the patterns below:

* every pattern is compiled with ``re.IGNORECASE``; names that are also ordinary words
  (months, weekdays, holidays) are wrapped in ``(?-i:…)`` so only the capitalised (or
  all-caps) spelling matches: "May 2024" is a date, "they may leave" is not;
* each rule pattern has named groups that the rule's handler reads;
* fragments (upper-case names ending in a noun, e.g. ``MONTH``) contain no named groups,
  so they can be reused inside several rule patterns.
"""

from __future__ import annotations

# ------------------------------------------------------------------------------ word tables

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip

#: Season → (first month, last month). Winter starts in December of the named year and
#: ends in February of the next (meteorological seasons, northern hemisphere).
SEASONS: dict[str, tuple[int, int]] = {
    "spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11), "winter": (12, 2),
}  # fmt: skip

NUMBER_WORDS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a hundred": 100, "dozen": 12, "a dozen": 12, "couple": 2, "a couple of": 2,
    "a couple": 2, "half a": 0.5, "half an": 0.5,
}  # fmt: skip

ORDINALS: dict[str, int] = {
    "twenty-second": 22, "twenty-third": 23, "twenty-fourth": 24, "twenty-fifth": 25,
    "twenty-sixth": 26, "twenty-seventh": 27, "twenty-eighth": 28, "twenty-ninth": 29,
    "thirtieth": 30, "thirty-first": 31,
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
    "4th": 4, "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7,
    "eighth": 8, "8th": 8, "ninth": 9, "9th": 9, "tenth": 10, "10th": 10, "eleventh": 11,
    "11th": 11, "twelfth": 12, "12th": 12, "thirteenth": 13, "13th": 13, "fourteenth": 14,
    "14th": 14, "fifteenth": 15, "15th": 15, "sixteenth": 16, "16th": 16,
    "seventeenth": 17, "17th": 17, "eighteenth": 18, "18th": 18, "nineteenth": 19,
    "19th": 19, "twentieth": 20, "20th": 20, "twenty-first": 21, "21st": 21, "last": -1,
    "final": -1,
}  # fmt: skip

#: Unit word → (ISO 8601 designator, multiplier, is a time-of-day unit). Decades and
#: centuries are written in years because ISO 8601 has no designator for them.
UNITS: dict[str, tuple[str, int, bool]] = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True),
    "day": ("D", 1, False), "night": ("D", 1, False), "week": ("W", 1, False),
    "fortnight": ("W", 2, False), "month": ("M", 1, False), "quarter": ("M", 3, False),
    "year": ("Y", 1, False), "decade": ("Y", 10, False), "century": ("Y", 100, False),
    "centurie": ("Y", 100, False), "millennium": ("Y", 1000, False),
    "millennia": ("Y", 1000, False),
}  # fmt: skip

#: Parts of a month (first day, last day or ``None`` for the month's end) and of a year
#: (first month, last month). "late May" → 21–31, "early 2024" → January–April.
MONTH_PARTS: dict[str, tuple[int, int | None]] = {
    "early": (1, 10), "beginning": (1, 10), "start": (1, 10), "mid": (11, 20),
    "middle": (11, 20), "late": (21, None), "end": (21, None),
}  # fmt: skip
YEAR_PARTS: dict[str, tuple[int, int]] = {
    "early": (1, 4), "beginning": (1, 4), "start": (1, 4), "mid": (5, 8), "middle": (5, 8),
    "late": (9, 12), "end": (9, 12), "first half": (1, 6), "second half": (7, 12),
}  # fmt: skip
#: The same for a decade: "the late 1990s" → 1997–1999 (offsets into the decade).
DECADE_PARTS: dict[str, tuple[int, int]] = {
    "early": (0, 3), "mid": (4, 6), "middle": (4, 6), "late": (7, 9), "end": (7, 9),
}  # fmt: skip

#: Fixed-date holidays (month, day) and weekday-rule holidays (month, weekday, n-th; -1 is
#: the last). Easter is computed.
FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "halloween": (10, 31),
    "valentine's day": (2, 14), "independence day": (7, 4), "boxing day": (12, 26),
}  # fmt: skip
WEEKDAY_HOLIDAYS: dict[str, tuple[int, int, int]] = {
    "thanksgiving": (11, 3, 4), "thanksgiving day": (11, 3, 4), "memorial day": (5, 0, -1),
    "labor day": (9, 0, 1), "martin luther king day": (1, 0, 3),
}  # fmt: skip

#: Parts of a day accepted after a weekday or "yesterday" ("Friday night"): the span keeps
#: them, the interval stays the whole day.
DAY_PARTS = r"(?:morning|afternoon|evening|night|overnight)"

# -------------------------------------------------------------------------- regex fragments

_MONTH_FULL = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
MONTH_FULL = rf"(?-i:(?:{_MONTH_FULL}|{_MONTH_FULL.upper()}))\b"
MONTH_ABBR = r"(?-i:(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b))"
MONTH = rf"(?:{MONTH_FULL}|{MONTH_ABBR})"
_WEEKDAY_NAMES = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
WEEKDAY = rf"(?-i:(?:{_WEEKDAY_NAMES}|{_WEEKDAY_NAMES.upper()}))\b"
SEASON = r"(?:spring|summer|fall|autumn|winter)\b"

DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?\b"
#: A day of the month written out ("March eighth", "the twenty-first of June").
DAY_WORD = (
    r"(?:(?:twenty|thirty)[\s-])?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth)\b|(?:tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|"
    r"seventeenth|eighteenth|nineteenth|twentieth|thirtieth)\b"
)
YEAR = (
    r"(?<![\w$£€#])(?<!\d[.,])(?:1[0-9]{3}|20[0-9]{2})\b(?!-(?:year|month|week|day|hour))(?![.,]\d)"
)
#: A year written out ("nineteen ninety-one"), common in transcribed broadcast news.
YEAR_WORDS = (
    r"(?:nineteen|twenty)[\s-](?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"hundred(?:\s+and\s+\w+)?)\b|(?:the\s+year\s+)?two\s+thousand(?:\s+and\s+\w+)?\b"
    r"(?![\s-]+(?:[a-z]+\s+)?(?:years|months|days|weeks|people|dollars))"
)
_UNIT_WORDS = "one|two|three|four|five|six|seven|eight|nine"
_TEEN_WORDS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS_WORDS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
NUMBER_WORD = (
    rf"(?:(?:{_TENS_WORDS})(?:[\s-](?:{_UNIT_WORDS}))?|{_TEEN_WORDS}|{_UNIT_WORDS}|"
    rf"(?:(?:a|{_UNIT_WORDS}|{_TEEN_WORDS})\s+)?(?:hundred|thousand)|(?:a\s+)?dozen|"
    r"a\s+couple(?:\s+of)?|couple(?:\s+of)?|half\s+an?)\b"
)
NUMBER_DIGITS = r"\d{1,3}(?:,\d{3})*(?:\.\d+)?(?:\s+1/2|\s*½)?(?![\d,.]*\d)"
NUMBER = rf"(?:{NUMBER_DIGITS}|{NUMBER_WORD}|an?\b)"
VAGUE = (
    r"(?:several|a\s+few|few|many|some|dozens\s+of|hundreds\s+of|recent|coming|"
    r"the\s+(?:past|last|next|coming)\s+(?:few|several))\b"
)
UNIT = (
    r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|"
    r"centur(?:y|ie)|millenni(?:um|a))"
)
#: Modifiers kept in a duration's span ("more than a year", "nearly two weeks").
DURATION_MOD = (
    r"(?:(?:just\s+)?(?:more|less|fewer)\s+than|(?:no|not)\s+(?:more|less)\s+than|"
    r"about|around|approximately|roughly|nearly|almost|some|at\s+least|at\s+most|up\s+to|"
    r"over|under|just|only|barely|well\s+over|the\s+full|a\s+full|an\s+additional|"
    r"another)\b"
)
PART_WORD = r"(?:early|mid|middle|late|(?:the\s+)?(?:beginning|start|end|middle)\s+of(?:\s+the)?)"

# ---------------------------------------------------------------------------- rule patterns
# Each rule: name → pattern. Order matters only to break ties between equally long matches
# (earlier wins). Handlers live in time_resolve.py under the same names.

RULES: dict[str, str] = {
    # "Tuesday, June 20, 2024", "June 20", "Aug. 7, 1998", "June 20th"
    "month_day": (
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<month>{MONTH})\s+(?P<day>{DAY}|{DAY_WORD})"
        rf"(?:,?\s+(?P<year>{YEAR}))?(?!\s*[-–]\s*\d)(?![:.]\d)"
    ),
    # "20 June 2024", "the 20th of June", "Tuesday 20 June"
    "day_month": (
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{DAY})(?:\s+of)?\s+(?P<month>{MONTH})"
        rf"(?:,?\s+(?P<year>{YEAR}))?"
    ),
    # "June 20-22, 2024", "20-22 June"
    "day_range": (
        rf"(?P<month>{MONTH})\s+(?P<day>{DAY})\s*(?:-|–|to|through)\s*(?P<day2>{DAY})"
        rf"(?:,?\s+(?P<year>{YEAR}))?|(?P<dayb>{DAY})\s*(?:-|–)\s*(?P<day2b>{DAY})\s+"
        rf"(?P<monthb>{MONTH})(?:,?\s+(?P<yearb>{YEAR}))?"
    ),
    "iso_date": (
        r"(?P<year>(?:1[89]|20)\d\d)-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b"
    ),
    "numeric_date": (
        r"(?<![\d/.])(?P<a>[01]?\d|3[01]|2\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)\d\d)\b"
    ),
    # "late May 2024", "May 2024", "May of 2024", "the end of May 2024"
    "month_year": (
        rf"(?:(?P<part>{PART_WORD})[\s-]+)?(?P<month>{MONTH})(?:\s+of|,)?\s+(?:(?P<year>{YEAR})|"
        r"(?P<relyear>this|last|next)\s+year\b)"
    ),
    # "in May", "last May", "late May", "mid-May", "the end of May", "this past May"
    "month": (
        rf"(?:(?P<part>{PART_WORD})[\s-]+)?(?:(?P<rel>this\s+past|this\s+coming|this|last|next)"
        rf"\s+)?(?P<month>{MONTH_FULL})(?!\s*\d)"
    ),
    # "the fall of 2023", "summer 2024", "last winter", "this spring", "early summer"
    "season": (
        rf"(?:(?P<part>early|mid|late)[\s-]+)?(?:(?P<rel>this\s+past|this\s+coming|this|last|"
        rf"next|the|)\s*)(?:(?P<part2>early|late|mid)[\s-]*)?(?P<season>{SEASON})"
        rf"(?:(?:\s+of|,)?\s+(?P<year>{YEAR}))?"
    ),
    # "the third quarter of 2023", "Q3 2024", "third-quarter", "the latest quarter"
    "quarter": (
        r"(?:(?P<relyear>this|last|next)\s+year's\s+|the\s+)?(?:(?P<year0>(?:19|20)\d\d)\s+)?"
        r"(?:fiscal\s+)?"
        r"(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)|(?P<rel>latest|last|"
        r"previous|current|this|next|final|recent))[\s-]+(?:fiscal\s+)?quarter\b"
        r"(?:(?:\s+of|,)?\s+(?:fiscal\s+)?(?P<year>(?:19|20)\d\d)\b)?"
        r"|(?P<bare>the\s+quarter)\b|(?-i:(?P<q>Q[1-4]))(?:\s+(?P<qyear>(?:19|20)\d\d)\b)?"
    ),
    # "the first half of 2024", "the second half"
    "half": (
        r"(?:the\s+)?(?P<ord>first|second|latter|last)\s+half(?:\s+of\s+(?:(?P<year>"
        r"(?:19|20)\d\d)\b|(?P<rel>this|last|next|the)\s+year\b))?"
    ),
    # "the first nine months of 2023"
    "first_months": (
        rf"(?:the\s+)?first\s+(?P<num>{NUMBER})\s+months(?:\s+of\s+(?:(?P<year>(?:19|20)\d\d)"
        r"\b|(?P<rel>this|last|next|the)\s+year\b))?"
    ),
    # "early 2023", "the end of 2023", "mid-2023", "fiscal 1989", "2023", "nineteen ninety-one"
    "year": (
        rf"(?:(?P<part>{PART_WORD})[\s-]+)?(?:(?:the\s+)?(?P<fiscal>fiscal(?:\s+year)?|FY)\s*)?"
        rf"(?:the\s+year\s+)?(?:(?P<year>{YEAR})|(?P<words>{YEAR_WORDS}))"
        r"(?![,.]\d)"
    ),
    # "the 1990s", "the early '90s", "the mid-1980s", "the eighties"
    "decade": (
        r"(?:the\s+)?(?:(?P<part>early|mid|middle|late)[\s-]+)?(?:(?P<dec>1\d\d0|20\d0)'?s|"
        r"'(?P<short>\d0)s|(?P<words>twenties|thirties|forties|fifties|sixties|seventies|"
        r"eighties|nineties)\b)"
    ),
    # "the 20th century", "the nineteenth century"
    "century": r"(?:the\s+)?(?P<ord>\d{1,2}(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?)\s+century\b",
    # "early this year", "later this month", "earlier this week", "late last year"
    "part_relative": (
        r"(?P<part>early|earlier|late|later|mid|(?:the\s+)?(?:beginning|start|end|middle)"
        r"\s+of)[\s-]+(?P<rel>this|last|next|the)\s+(?P<unit>year|month|week|decade)\b"
    ),
    # "this week", "last month", "next year", "the past year", "the current quarter"
    "relative_unit": (
        r"(?:(?P<the>the)\s+)?(?P<rel>this|last|next|past|coming|current)"
        r"\s+(?P<unit>week(?:end)?|month|year|decade|century)\b"
    ),
    # "the past two weeks", "the last 24 hours", "the next three years", "the past few days"
    "past_n": (
        rf"(?:(?P<mod>at\s+least|more\s+than|nearly|almost|about)\s+)?(?:the\s+)?"
        rf"(?P<rel>past|last|previous|next|coming|following|first)\s+(?P<num>{NUMBER}|few|"
        rf"several|couple\s+of)[\s-]+(?P<unit>{UNIT})s?\b(?:\s+or\s+so\b)?"
    ),
    # "two weeks ago", "a year ago", "about three days ago"
    "ago": (
        rf"(?:(?P<mod>{DURATION_MOD})\s+)?(?P<num>{NUMBER})[\s-]+(?P<unit>{UNIT})s?"
        r"(?P<half>\s+and\s+a\s+half)?(?:\s+or\s+so)?\s+(?P<dir>ago|from\s+now|hence)\b"
    ),
    # "a year earlier", "two days later" (anaphoric: relative to the previous time mention)
    "anaphoric": (
        rf"(?:(?P<mod>{DURATION_MOD})\s+)?(?P<num>{NUMBER})[\s-]+(?P<unit>{UNIT})s?"
        r"(?P<half>\s+and\s+a\s+half)?\s+(?:(?P<dir>earlier|later)\b(?!\s+than\b)|"
        r"(?P<dir2>before|after)(?=\s*(?:[.,;:!?)]|$)))"
    ),
    # "the day before", "the next day", "the following week", "the previous year"
    "adjacent": (
        r"the\s+(?:(?P<rel>next|following|previous|prior|preceding)\s+(?P<unit>day|week|"
        r"month|year)\b|(?P<unit2>day|week|month|year)\s+(?P<rel2>before|after|earlier|"
        r"later)(?=\s*(?:[.,;:!?)]|$)))"
    ),
    # "today", "yesterday", "tomorrow", "tonight", "now", "currently", "this morning"
    "deictic": (
        r"(?:(?:early|late|earlier|later)\s+)?"
        r"(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|"
        rf"tonight|yesterday|tomorrow|now(?!-)|currently|at\s+present|nowadays|right\s+now)"
        rf"(?:\s+(?P<dp>{DAY_PARTS}))?\b|(?P<this>this|last)\s+(?P<dp2>{DAY_PARTS})\b"
    ),
    # "Friday", "last Friday", "next Tuesday", "Friday night", "late Tuesday"
    "weekday": (
        rf"(?:(?P<part>early|late)\s+)?(?:(?P<rel>this\s+past|this\s+coming|this|last|next|"
        rf"the\s+previous|the\s+following|the\s+next)\s+)?(?P<wd>{WEEKDAY})"
        rf"(?:\s+(?P<dp>{DAY_PARTS}))?\b"
    ),
    "holiday": (
        r"(?P<name>(?-i:Christmas(?:\s+(?:Day|Eve))?|New\s+Year's\s+(?:Day|Eve)|Halloween|"
        r"Valentine's\s+Day|Independence\s+Day|Boxing\s+Day|Thanksgiving(?:\s+Day)?|"
        r"Memorial\s+Day|Labor\s+Day|Martin\s+Luther\s+King\s+Day|Easter(?:\s+Sunday)?))"
        rf"(?:,?\s+(?P<year>{YEAR}))?"
    ),
    # "the weekend", "over the weekend", "this past weekend"
    "weekend": r"(?:the|this\s+past)\s+weekend\b",
    # "two weeks", "more than a year", "12 hours", "five-year", "two and a half years"
    "duration": (
        rf"(?:(?P<mod>{DURATION_MOD})\s+)?(?:the\s+)?(?P<num>{NUMBER}|{VAGUE})"
        r"(?P<half0>\s+and\s+a\s+half)?[\s-]+(?:(?:more|additional|straight|consecutive|"
        rf"full|long|whole)\s+)?(?P<unit>{UNIT})s?(?P<half>\s+and\s+a\s+half)?\b"
        r"(?!-old|\s+old\b|-(?:year|month|week|day))(?:\s+or\s+so\b)?"
    ),
    # "years", "weeks" after "for/in/over/within" (the scanner checks that context)
    "bare_units": (
        r"(?P<unit>second|minute|hour|day|week|month|year|decade|centurie)s\b(?!-old|\s+old\b)"
    ),
}

#: Reading the tense of the clause a date sits in (see ``times._direction``): future
#: auxiliaries, verbs and adjectives that put a date ahead ("will meet on Friday", "is
#: scheduled for May", "payable Dec. 1"), prepositions that make a date set in a past
#: clause a deadline that may lie ahead ("extended the offer to Nov. 20"), and reporting
#: verbs whose present tense reports the past in headlines ("Minister says Tuesday ...").
FUTURE_AUX: frozenset[str] = frozenset({"will", "'ll", "shall", "wo", "would", "'d"})
FUTURE_LEMMAS: frozenset[str] = frozenset(
    {"schedule", "plan", "due", "intend", "upcoming", "set", "expect"}
)
FUTURE_WORDS: frozenset[str] = frozenset(
    {"payable", "effective", "due", "upcoming", "scheduled", "slated"}
)
DEADLINE_PREPOSITIONS: frozenset[str] = frozenset(
    {"until", "till", "by", "through", "to", "before"}
)
REPORTING_LEMMAS: frozenset[str] = frozenset(
    {"say", "tell", "announce", "report", "confirm", "deny", "add"}
)

#: Ordinary time words that, capitalised in mid-sentence, are part of a title ("This Week",
#: "60 Minutes").
COMMON_TIME_WORDS: frozenset[str] = frozenset(
    {"this", "last", "next", "week", "weeks", "month", "months", "year", "years", "day", "days",
     "hour", "hours", "minute", "minutes", "today", "now", "tonight", "spring", "summer",
     "fall", "autumn", "winter", "weekend", "night"}
)  # fmt: skip

#: Prepositions after which a bare plural unit is a vague duration ("for years").
BARE_UNIT_PREPOSITIONS: frozenset[str] = frozenset({"for", "over", "within", "in", "after"})

#: Words before a capitalised season that show it is part of a name ("Arab Spring").
SEASON_DETERMINERS: frozenset[str] = frozenset(
    {"this", "last", "next", "the", "in", "during", "early", "late", "mid", "by", "until",
     "since", "through", "throughout", "past", "coming", "over", "of", "that", "each"}
)  # fmt: skip

#: Words before a four-digit number that make it a label or a count, not a year
#: ("Resolution 2231", "Flight 1549", "about 1500").
NON_YEAR_WORDS: frozenset[str] = frozenset(
    {"no", "no.", "nos.", "number", "page", "pages", "route", "flight", "room", "model",
     "article", "resolution", "section", "chapter", "bill", "decree", "order", "case", "code",
     "item", "paragraph", "act", "rule", "form", "highway", "interstate", "size", "score",
     "about", "nearly", "approximately", "almost", "roughly", "some", "exactly", "only",
     "#", "$", "€", "£", "rs", "rs.", "unit", "building", "street", "vol.", "volume"}
)  # fmt: skip

#: Words before a four-digit number outside 1900-2100 that still make it a year
#: ("in 1492", "since 1812").
YEAR_PREPOSITIONS: frozenset[str] = frozenset(
    {"in", "since", "by", "until", "till", "of", "from", "year", "before", "after", "around",
     "circa", "c.", "during", "through", "between", "and", "to", "early", "late", "mid"}
)  # fmt: skip

# ------------------------------------------------------------------------------------ anchors
# Every rule's match contains one of its anchors, so the scanner runs a rule only in a
# window around its anchors instead of at every position of the text (measured about twice
# as fast on the TempEval-3 news texts, same matches).

ANCHORS: dict[str, str] = {
    "month": MONTH,
    "weekday": WEEKDAY,
    "season": SEASON,
    "unit": rf"{UNIT}s?\b|weekends?\b|half\b",
    "digits": r"\d|(?-i:Q[1-4])\b",
    "words": (
        r"today|tonight|yesterday|tomorrow|now|currently|present|nowadays|morning|afternoon|"
        r"evening|night|nineteen|twenty|two\s+thousand|(?:twen|thir|for|fif|six|seven|eigh|"
        r"nine)ties|(?-i:Christmas|New\s+Year's|Halloween|Valentine's|Independence|Boxing|"
        r"Thanksgiving|Memorial|Labor|Martin\s+Luther|Easter)"
    ),
}

#: Anchor classes of each rule.
RULE_ANCHORS: dict[str, tuple[str, ...]] = {
    "month_day": ("month",), "day_month": ("month",), "day_range": ("month",),
    "iso_date": ("digits",), "numeric_date": ("digits",), "month_year": ("month",),
    "month": ("month",), "season": ("season",), "quarter": ("unit", "digits"),
    "half": ("unit",), "first_months": ("unit",), "year": ("digits", "words"),
    "decade": ("digits", "words"), "century": ("unit",), "part_relative": ("unit",),
    "relative_unit": ("unit",), "past_n": ("unit",), "ago": ("unit",), "anaphoric": ("unit",),
    "adjacent": ("unit",), "deictic": ("words", "unit"), "weekday": ("weekday",),
    "holiday": ("words",), "weekend": ("unit",), "duration": ("unit",),
    "bare_units": ("unit",),
}  # fmt: skip

#: How far (characters) a match may reach before and after its anchor.
ANCHOR_BEFORE = 60
ANCHOR_AFTER = 45
