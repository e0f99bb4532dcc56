"""Quantity mentions: figures in news text, with their unit, bounds and what they count.

Why this approach: the ways reporters write a figure ("30,000", "$2.5bn", "twenty-five",
"tens of thousands", "half a million") are a small closed grammar, so one compiled regex
over ``doc.text`` (:mod:`.numbers`) finds them faster and more reliably than spaCy's
``like_num``/NER, whose token boundaries differ for "2.5bn", "5km" and "10–20". What a
figure *counts* is syntax, so that half uses the dependency parse the pipeline already
made (:mod:`.quantity_phrases`). Nothing here re-runs the pipeline.

Conventions (a researcher comparing figures relies on them):

- **Span** (``start``/``end``/``text``): the modifier ("about", "more than", "up to",
  "between", "aged"), any currency prefix, the number (or both ends of a range), the unit
  word when adjacent ("%", "per cent", "rubles", "km", "hours", "times", "-year-old"), a
  rate's period ("a month"), and the counted noun when directly attached, i.e. only its
  own pre-modifiers stand between ("About 30,000 women", "400 Russian soldiers"). A
  partitive's noun stays out ("dozens" in "dozens of soldiers", "Tens of thousands" in
  "Tens of thousands of people", "About 40" in "About 40 of the prison's 400 inmates"),
  and so does an article before a modifier ("estimated 60 million koruna").
- **Values**: ``value`` is the figure as written (also for bounds and approximations),
  scaled ("2.5bn" → 2.5e9, "50 cents" → 0.5 USD) and signed ("minus 20", "-3.2%");
  ``low == high == value`` for a point; "more than 40" → ``low=40, high=None``; "up to 12"
  → ``low=None, high=12``; ranges ("between 10 and 20", "10-20", "two or three") and vague
  amounts ("dozens", "tens of thousands") have ``value=None``. Vague ranges are listed in
  ``quantity_lexicon.VAGUE_RANGES`` (a plural scale word spans one order of magnitude).
  "from 10 to 20" and "rose 5% to 7%" are changes: two quantities, not a range. A ratio
  "one in five" is one quantity in ``percent`` (20). Fractions ("two-thirds") are skipped.
- **Unit**: ``person`` for people, ISO 4217 codes for money, ``percent`` /
  ``percentage point``, ``times``, duration units (ages are ``year``, also "children under
  five"), SI/common symbols ("magnitude 6.1" too), otherwise the singular of the counted
  noun (the lemma only where it fits the word: spaCy reads "graves" as "graf"). A figure
  with no noun counts people when its verb or owner says so ("Thousands marched", "a town
  of 9,000"), and a bare figure set against a counted one shares its unit ("compared with
  several hundred", "120 more"). ``per`` is a rate's denominator: a period or any noun
  after "per" ("per household"), also when the clause states it ("Each day costs ...",
  "3m tonnes of steel a year") or a sum is restated in another currency ("20,000 hryvnias
  a month, or roughly $500").
- **Counts**: the whole noun phrase of what is counted, without the figure, its modifiers
  and a leading article: the noun, its pre-modifiers and its post-modifiers (PP, relative
  or participial clause, minus time adjuncts); a subject of a progressive or passive verb
  takes that verb phrase as a reduced relative ("About 30,000 women were serving time in
  Russia" → "women serving time in Russia"). Money, percentages and measures count the
  noun they modify ("a $5m deal"), their "of"/"in" complement ("10% of voters", "$5bn in
  loans"), the noun they complement ("a salary of $2,000"), or the subject of a measuring
  verb ("Inflation rose to 5%"); otherwise ``None``. Multipliers count their base
  ("10 times the minimum wage" → "national minimum wage").
- **Parts**: "40 of the prison's 400 inmates" gives two quantities; the part has
  ``part_of`` = the whole's id and shares its unit and counts. "Thousands of them" points
  at the most recent earlier quantity of people (within two sentences).
- **Not quantities**: years, ordinals, dates, times of day, phone numbers (also a number
  dialled: "call 112"), "N years ago" (a time), fractions
  ("24/7"), identifiers ("Article 328", "No. 2", "IK-7", "Boeing 737"), "one of",
  pronoun "one", and the article "a" alone.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc, Token

from storyline.extract import quantity_lexicon as lex
from storyline.extract import quantity_phrases as phrases
from storyline.extract.numbers import (
    NUMBER_PATTERN,
    NUMBER_STARTS,
    Amount,
    as_number,
    parse_number,
)
from storyline.extract.quantity_draft import Core, Draft
from storyline.model import QuantityMention

VERSION = "quantities/1"


def _alt(phrases_: object) -> str:
    """A regex alternation of literal phrases, longest first, any whitespace inside."""
    words = sorted(set(phrases_), key=len, reverse=True)  # type: ignore[call-overload]
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


_I = re.IGNORECASE
_CORE_RE = re.compile(  # the first lookahead only speeds the scan up (3x): a cheap pre-check
    rf"(?<![\w.,^/])(?=\d|\.\d|(?:{_alt(NUMBER_STARTS)})\b)"
    rf"(?:(?<![A-Za-z][-\u2011\u2212])|{'|'.join(f'(?<={w}-)' for w in lex.PRE_UNITS)})"
    rf"(?:{NUMBER_PATTERN})"
    rf"(?:(?![\w])|(?=(?:{_alt(lex.ATTACHED_UNITS)})(?![A-Za-z])))",
    _I | re.VERBOSE,
)
_MULTIPLIER_RE = re.compile(r"\b(?:twice|thrice|(\w+?)-?fold)\b", _I)
_MULTIPLIER_CUES = ("twice", "thrice", "fold")
_LINK_RE = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.\w+")  # URLs, e-mail addresses
_MASK_RE = re.compile(  # the lookahead only speeds the scan up: every mask starts so
    r"(?=[\d(+])(?:\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,}|\(\d{3,5}\)\s?\d{2,4}[\s-]\d{2,4}(?:[\s-]\d{2,4})?"
    r"|\b\d{1,4}(?:[-.]\d{2,4}){3,}\b|\b\d{3}[-.]\d{3}[-.]\d{4}\b"  # phone numbers
    r"|\b0\d{2,4}(?:[^\S\n]\d{2,4}){1,3}\b"  # "0800 441 200": a leading 0, digit groups
    r"|\b\d{1,2}[:.]\d{2}(?::\d{2})?\s?(?:[ap]\.?m\b\.?)|\b\d{1,2}:\d{2}(?::\d{2})?"
    r"|\b\d{1,2}\s?[ap]\.?m\b\.?|\b\d{1,2}\s?o'clock|\b\d{3,4}\s?(?:GMT|UTC|CET|MSK|EST|BST)\b"
    r"|\b\d{1,4}([/.-])\d{1,2}\1\d{2,4}\b"  # numeric dates: 5/6/2024, 2024-05-06
    r"|\b\d+/\d+\b)",  # fractions and 24/7, 9/11
    _I,
)
_CUR_PREFIX_RE = re.compile(
    rf"(?:(?<![A-Za-z])(?:{_alt(k for k in lex.CURRENCY_PREFIXES if not k.isalpha())})"
    rf"|\b(?:{_alt(k for k in lex.CURRENCY_PREFIXES if k.isalpha())})\s)\s?$"
)
_S = r"[^\S\n]"  # a space that is not a line break: context never crosses paragraphs
_PRE_RE = re.compile(rf"(?<![\w])(?:{_alt(lex.PRE_MODIFIERS)}){_S}*$", _I)
_AGE_RE = re.compile(rf"(?<![\w])(?:{_alt(lex.AGE_PREFIXES)})\s+$", _I)
_BETWEEN_RE = re.compile(r"(?<![\w])(?:between|from)\s+$", _I)
_UNIT_WORDS: dict[str, tuple[str, str]] = {
    **{k.lower(): ("percent", v) for k, v in lex.PERCENT_UNITS.items()},
    **{k.lower(): ("money", v) for k, v in lex.CURRENCY_WORDS.items()},
    **{k.lower(): ("measure", v) for k, v in lex.MEASURE_UNITS.items()},
    **{k.lower(): ("duration", v) for k, v in lex.DURATION_UNITS.items()},
    **{k: ("age", "year") for k in ("years old", "year old", "year-old", "years-old")},
    **{k: ("times", "times") for k in ("times", "fold", "x")},
    "magnitude": ("measure", "magnitude"),  # "a 6.1-magnitude quake"
}
# A unit written before the figure: "a magnitude 6.1 earthquake", "of magnitude 4.8".
_PRE_UNIT_RE = re.compile(rf"\b(?P<unit>{_alt(lex.PRE_UNITS)})(?:{_S}+|{_S}*[-\u2011]{_S}*)$", _I)
# People named just before a bound that makes the figure an age: "children under five".
_AGE_GROUP_RE = re.compile(
    rf"\b(?:{_alt(lex.AGE_GROUP_NOUNS)}){_S}+(?:under|over|below|above|aged){_S}+$", _I
)
_ARTICLE_RE = re.compile(r"(?:an?|the)\s+", _I)
_AGO_RE = re.compile(rf"{_S}+ago\b", _I)
_UNIT_RE = re.compile(
    rf"(?P<sep>{_S}*[-\u2011]{_S}*|{_S}+|)(?P<of>of\s+)?(?P<more>(?:more|additional|further|extra)"
    rf"{_S}+)?(?P<unit>{_alt(_UNIT_WORDS)})(?![\w])",
    _I,
)
_POST_RE = re.compile(rf"(?:{_S}+|-)(?:{_alt(lex.POST_MODIFIERS)})(?![\w])|\+", _I)
_PER_RE = re.compile(  # an aside in brackets may stand between: "200,000 rubles ($2,200) a month"
    rf"(?P<aside>{_S}*\([^()\n]{{1,40}}\)|\))?(?:{_S}*(?:(?P<intro>a|an|per|each|every){_S}+|/{_S}?)"
    rf"(?P<noun>[a-z]+(?:-[a-z]+)*)\b|{_S}+(?P<adv>{_alt(lex.PER_ADVERBS)})\b)"
    rf"(?!\s+(?:ago|earlier|later|before|after)\b)",
    _I,
)
# A minus sign or word before a number: "minus 20 degrees", "fell to -3.2%".
_NEGATIVE_RE = re.compile(r"(?:(?<![\w\d.,%)-])[-−]|\bminus\s+)$", _I)
_RATIO_RE = re.compile(r"\s+in\s+")
_CONNECTOR_RE = re.compile(r"\s*(?:%|\s?per\s?cent|\s?percent)?\s*(-|–|—|to|and|or)\s*$", _I)
_ID_BEFORE_RE = re.compile(r"(?:(?<![\w.])([A-Za-z]+\.?)|([#№]))[^\S\n]*$")
# A number dialled: "call 112", "calling the hotline at 0800..." (masked like phone numbers).
_DIAL_RE = re.compile(
    r"\b(?:call|calling|dial|dialling|dialing|hotline|helpline)(?:\s+(?:on|at|number))?\s+"
    r"(\d{2,}(?:[-\s]\d{2,})*)\b(?![^\S\n]*(?:[-\u2011]|[a-z]{3,}(?<!\band)\b))",
    _I,
)
_MONTHS = _alt(m.title() for m in lex.MONTHS)  # case matters: "20 march", "5 may be"
_MONTH_BEFORE_RE = re.compile(rf"\b(?:{_MONTHS})\.?\s*$")
_MONTH_AFTER_RE = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b")
_YEAR_RANGE_RE = re.compile(r"\b(?:1[89]|20)\d\d[-–/]$")  # the "23" of "2022-23"
_AGE_APPOSITION_RE = re.compile(r"[A-Z][\w.'’-]*,\s*$")
_FRACTION_RE = re.compile(
    r"[\s-]+(?:halves|thirds?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b", _I
)
_HYPHEN_WORD_RE = re.compile(r"[-\u2011]([a-z]+)\b")
_NAME_LABELS = frozenset({"ORG", "PRODUCT", "FAC", "LAW", "WORK_OF_ART", "EVENT", "PERSON"})


def extract(doc: Doc, published: date | None = None, language: str = "en") -> list[QuantityMention]:
    """Find the quantities in ``doc``.

    Args:
        doc: the annotated document (tagger, parser and NER are used).
        published: unused (quantities do not depend on the date); part of the interface.

    Returns:
        Quantity mentions in order of ``start``, with provisional ids ``q1``, ``q2``... so
        that ``part_of`` can refer to them.
    """
    if language != "en":
        # Other languages read their pack's lexicon on plain text (docs/architecture.md).
        from storyline.extract import lexical_quantities

        return lexical_quantities.extract(doc.text, published, language)
    text = doc.text
    starts = [t.idx for t in doc]
    masked = [m.span() for m in _MASK_RE.finditer(text)]
    masked += [m.span(1) for m in _DIAL_RE.finditer(text)]
    if "@" in text or "www." in text or "://" in text:
        masked += [m.span() for m in _LINK_RE.finditer(text)]
    cores = [c for c in _find_cores(text) if not any(a <= c.num_start < b for a, b in masked)]
    drafts: list[Draft] = []
    for draft in _group_ranges(text, cores, doc, starts):
        if _read_context(draft, text, doc, starts) and not _is_identifier(draft, text, doc, starts):
            drafts.append(draft)
    drafts.extend(_multipliers(text, drafts, doc, starts))
    drafts.sort(key=lambda d: d.start)
    drafts = [d for n, d in enumerate(drafts) if not n or d.start >= drafts[n - 1].end]
    for n, draft in enumerate(drafts):
        phrases.describe(draft, doc, text, starts)
        if draft.per is None and draft.noun_end is not None:  # "2,000 people a day"
            per = _per(text, draft.noun_end, draft.kind)
            if per is not None:
                draft.per, draft.noun_end = per
        elif draft.per is None and draft.rate_at is not None:  # "3m tonnes of steel a year"
            per = _per(text, draft.rate_at, draft.kind)
            draft.per = per[0] if per is not None else None
        if n and (drafts[n - 1].noun_end or 0) > draft.start:
            drafts[n - 1].noun_end = None  # spans never overlap
    phrases.link(drafts, doc, text, starts)
    return _to_mentions(drafts, text)


def _find_cores(text: str) -> list[Core]:
    """All numbers in ``text`` with their currency prefixes."""
    cores = []
    for m in _CORE_RE.finditer(text):
        amount = parse_number(m.group())
        if amount is None or (m.group()[0] == "0" and m.group()[1:2].isdigit()):
            continue  # "007", the "000" of "10 000"
        start, currency = m.start(), None
        prefix = _CUR_PREFIX_RE.search(text, max(0, start - 6), start)
        if prefix:
            start = prefix.start()
            symbol = prefix.group().strip()
            currency = lex.CURRENCY_PREFIXES.get(symbol) or lex.CURRENCY_PREFIXES[symbol[:-1]]
        negative = _NEGATIVE_RE.search(text, max(0, start - 10), start)
        if negative:
            start = negative.start()
            amount = amount._replace(
                value=-amount.value if amount.value is not None else None,
                low=-amount.high,
                high=-amount.low,
            )
        cores.append(Core(start, m.end(), m.start(), amount, currency))
    return cores


def _group_ranges(text: str, cores: list[Core], doc: Doc, starts: list[int]) -> list[Draft]:
    """Turn cores into drafts, joining "10-20", "10 to 20", "between 10 and 20", "two or three"."""
    drafts: list[Draft] = []
    i = 0
    while i < len(cores):
        first = cores[i]
        second = cores[i + 1] if i + 1 < len(cores) else None
        joined = _join(text, first, second, doc, starts) if second else None
        if joined == "score":
            i += 2
            continue
        if joined == "ratio" and second is not None:
            ratio = 100 * (first.amount.low / second.amount.low)
            drafts.append(Draft(first.start, second.end, first, second, ratio, ratio, ratio, False))
            drafts[-1].kind = drafts[-1].unit = "percent"
            i += 2
            continue
        if joined is not None and second is not None:
            low, high = _lend_scale(first.amount, second.amount)
            currency = first.currency or second.currency
            first, second = first._replace(currency=currency), second._replace(currency=currency)
            approx = first.amount.vague or second.amount.vague or joined == "or"
            drafts.append(Draft(first.start, second.end, first, second, None, low, high, approx))
            i += 2
            continue
        a = first.amount
        drafts.append(Draft(first.start, first.end, first, first, a.value, a.low, a.high, a.vague))
        i += 1
    return drafts


def _join(text: str, a: Core, b: Core, doc: Doc, starts: list[int]) -> str | None:
    """How two neighbouring cores form a range: "-", "to", "and", "or", "score", or None."""
    if (
        _RATIO_RE.fullmatch(text, a.end, b.start)
        and a.amount.value is not None
        and b.amount.value is not None
        and a.amount.value.is_integer()
        and 0 < a.amount.value < b.amount.value <= 1000
    ):
        return "ratio"  # "one in five Russians"
    gap = a.end
    unit_a, unit_b = _UNIT_RE.match(text, a.end, b.start), _UNIT_RE.match(text, b.end)
    if unit_a and unit_b and _unit_key(unit_a) == _unit_key(unit_b):
        gap = unit_a.end()  # "between 44 mg and 50 mg": the unit written twice
    m = _CONNECTOR_RE.match(text, gap, b.start)
    if not m or m.end() != b.start or a.amount.vague or b.amount.vague:
        return None
    if _kinds_differ(text, a, b, m, unit_a, unit_b):
        return None  # "rose by 9 percent to 48 billion euros": two figures, not a range
    word = m.group(1).lower()
    before = text[max(0, a.start - 12) : a.start]
    a_low, b_low = a.amount.low, b.amount.low
    if word in "-–—" and not text[gap : b.start].strip(" -–—%"):
        prev = phrases.token_before(doc, starts, a.start)
        nxt = phrases.token_at(doc, starts, b.end)
        if (prev is not None and prev.lower_ in lex.SCORE_CUES) or (
            nxt is not None and nxt.lower_ in lex.SCORE_CUES_AFTER
        ):
            return "score"
        if a_low < b_low or a.amount.scale < b.amount.scale:
            return "-"
        return "score" if a_low < 1000 and b_low < 1000 else None  # "voted 5-4"
    between = _BETWEEN_RE.search(before)
    if word == "and":
        return "and" if between and between.group().lower().startswith("between") else None
    if word == "to":
        if between and between.group().lower().startswith("from"):
            return None  # "from 10 to 20" reports a change, not a range
        prev = phrases.token_before(doc, starts, a.start)
        if prev is not None and prev.lemma_ in lex.MEASURE_VERBS:
            return None  # "rose 5% to 7%"
        return "to" if a_low < b_low or a.amount.scale < b.amount.scale else None
    if word == "or" and a_low < b_low and b_low <= 100:
        return "or"
    return None


def _kinds_differ(
    text: str,
    a: Core,
    b: Core,
    connector: re.Match[str],
    unit_a: re.Match[str] | None,
    unit_b: re.Match[str] | None,
) -> bool:
    """Whether the two ends of a would-be range are written in different units."""
    pct = "%" in connector.group() or "cent" in connector.group().lower()
    kind_a = "percent" if pct else (_unit_key(unit_a)[0] if unit_a else None)
    kind_b = _unit_key(unit_b)[0] if unit_b else None
    if a.currency or b.currency:
        if a.currency and b.currency:
            return a.currency != b.currency
        return (kind_a or kind_b or "money") != "money"
    return kind_a is not None and kind_b is not None and kind_a != kind_b


def _unit_key(unit: re.Match[str]) -> tuple[str, str]:
    """The (kind, code) a matched unit word stands for."""
    return _UNIT_WORDS[re.sub(r"\s+", " ", unit.group("unit").lower())]


def _lend_scale(a: Amount, b: Amount) -> tuple[float, float]:
    """Low and high of a range; "10-20 million" lends "million" to the 10."""
    low = a.low
    if a.scale == 1 and b.scale > 1 and a.low * b.scale <= b.high:
        low = a.low * b.scale
    return low, b.high


def _read_context(d: Draft, text: str, doc: Doc, starts: list[int]) -> bool:
    """Read modifiers, unit, rate and post-modifiers around ``d``; False if not a quantity."""
    core = text[d.first.num_start : d.last.end]
    lower = core.lower()
    if lower in ("tens", "scores") and not re.match(r"\s+of\b", text[d.end : d.end + 4]):
        return False  # "test scores" is not a vague amount
    if d.last.currency:
        d.kind, d.unit = "money", d.last.currency
    unit = _UNIT_RE.match(text, d.end)
    unit = unit if unit and _unit_fits(d, unit) else None
    # "5m" is five million with money, a unit ("5m tonnes") or people after it, else metres
    if (
        re.fullmatch(r"[\d.,]+m", lower)
        and not d.last.currency
        and not unit
        and not re.match(r"\s+(?:people|users|viewers|residents|voters)\b", text[d.end :])
    ):
        d.value = d.low = d.high = float(core[:-1].replace(",", ""))
        d.kind, d.unit = "measure", "m"
    if unit:
        kind, code = _unit_key(unit)
        if not (d.kind == "money" and kind != "money"):
            word = unit.group("unit").lower()
            if kind == "money" and word in lex.CURRENCY_FRACTIONS:
                factor = lex.CURRENCY_FRACTIONS[word]
                d.value, d.low, d.high = (
                    x * factor if x is not None else None for x in (d.value, d.low, d.high)
                )
            if word in ("pounds", "pound") and re.match(r"\s+of\b", text[unit.end() :]):
                kind, code = "measure", "lb"
            d.kind, d.unit, d.end = kind, code, unit.end()
    elif d.kind == "count":
        if _FRACTION_RE.match(text, d.end):
            return False  # "two thirds", "one-fifth": a proportion, not an amount
        hyphen = _HYPHEN_WORD_RE.match(text, d.end)
        if hyphen and hyphen.group(1) in lex.HYPHEN_SKIP:
            return False  # "one-off", "two-thirds"
        if hyphen and hyphen.group(1) == "strong":
            d.unit, d.end = "person", hyphen.end()  # "a 1,500-strong force"
        elif d.first is d.last and _AGE_APPOSITION_RE.search(text, max(0, d.start - 30), d.start):
            tok = phrases.token_at(doc, starts, d.start)
            nxt = text[d.end : d.end + 2].lstrip()
            named = tok is not None and tok.i > 1 and doc[tok.i - 2].pos_ == "PROPN"
            if named and nxt[:1] == "," and d.value is not None and 0 < d.value < 120:
                d.kind, d.unit = "age", "year"  # "Smith, 45, said"
    if d.kind == "duration" and _AGO_RE.match(text, d.end):
        return False  # "two years ago" is a time, not an amount of time
    pre = _BETWEEN_RE.search(text, max(0, d.start - 12), d.start) if d.first is not d.last else None
    if pre:
        d.start = pre.start()
    pre_unit = _PRE_UNIT_RE.search(text, max(0, d.start - 16), d.start)
    if pre_unit and d.kind == "count":
        d.kind, d.unit = "measure", lex.PRE_UNITS[pre_unit.group("unit").lower()]
        d.start = pre_unit.start()
    age_group = d.kind == "count" and _AGE_GROUP_RE.search(text, max(0, d.start - 40), d.start)
    _apply_prefix(d, text, doc, starts)
    following = phrases.token_at(doc, starts, d.end) if age_group else None
    noun_after = (
        following is not None
        and following.pos_ in ("NOUN", "PROPN", "NUM")
        and following.idx >= d.end
    )
    if age_group and d.value is not None and d.value < 120 and not noun_after:
        d.kind, d.unit = "age", "year"  # "children under five", "people over 65"
    post = _POST_RE.match(text, d.end)
    if post and d.first is d.last and d.value is not None:
        bound, approx = lex.POST_MODIFIERS[re.sub(r"\s+", " ", post.group().lower()).strip(" -")]
        _bound(d, bound, approx)
        d.end = post.end()
    per = _per(text, d.end, d.kind)
    if per is not None:
        d.per, d.end = per
    return not _is_date(d, text, doc, starts)


def _per(text: str, end: int, kind: str) -> tuple[str, int] | None:
    """A rate's period after ``end`` ("a month", "per capita", "annually") and where the
    span ends (not extended over an aside in brackets)."""
    per = _PER_RE.match(text, end)
    if not per:
        return None
    word = (per.group("noun") or per.group("adv") or "").lower()
    period = lex.PER_NOUNS.get(word) or lex.PER_ADVERBS.get(re.sub(r"\s+", " ", word))
    if not period and (per.group("intro") or "").lower() == "per" and word not in lex.NOT_PER:
        unit = _UNIT_RE.match(text, per.start("noun"))  # "per cubic metre", "per kilowatt-hour"
        if unit and not unit.group("sep") and _unit_key(unit)[0] == "measure":
            return _unit_key(unit)[1], unit.end()
        noun = phrases.singular(word)  # any denominator after "per": "per household"
        period = lex.PER_NOUNS.get(noun, noun)
    if not period or (kind == "duration" and per.group(0).lstrip()[:1] == "/"):
        return None
    return period, end if per.group("aside") else per.end()


def _unit_fits(d: Draft, unit: re.Match[str]) -> bool:
    """Reject unit readings that the context rules out."""
    word = unit.group("unit").lower()
    if unit.group("of") and (
        d.first is not d.last or not (d.last.amount.vague or d.last.amount.scale > 1)
    ):
        return False  # "of" only after vague or scaled amounts: "millions of dollars"
    if unit.group("of") and _UNIT_WORDS[re.sub(r"\s+", " ", word)][0] == "percent":
        return False
    if len(word) == 1 and word not in "%x" and unit.group("sep"):
        return False  # "5 t", "5 m": single letters only when glued to the number
    if word == "second" and unit.group("sep").strip() == "" and d.last.amount.value != 1:
        return False  # "the 1988 second quarter": an ordinal, not one second
    return not (word == "x" and unit.group("sep"))


def _apply_prefix(d: Draft, text: str, doc: Doc, starts: list[int]) -> None:
    """Apply "about", "more than", "up to", "aged"... written before the figure."""
    age = _AGE_RE.search(text, max(0, d.start - 16), d.start)
    if age and d.kind == "count":
        d.kind, d.unit, d.start = "age", "year", age.start()
        return
    pre = _PRE_RE.search(text, max(0, d.start - 24), d.start)
    if not pre:
        return
    phrase = re.sub(r"\s+", " ", pre.group().strip().lower())
    tok = phrases.token_at(doc, starts, pre.start())
    prev = phrases.token_before(doc, starts, pre.start())
    if tok is not None and (
        tok.dep_ == "prt"
        or (phrase == "over" and prev is not None and prev.lemma_ in lex.OVER_PARTICLE_VERBS)
    ):
        return  # "took over 40 towns": a phrasal verb, not a bound
    if phrase in lex.TIME_PREPOSITION_BOUNDS and d.kind == "duration":
        return  # "over three days of talks"
    bound, approx = lex.PRE_MODIFIERS[phrase]
    if d.first is not d.last and bound:
        return
    _bound(d, bound, approx)
    article = _ARTICLE_RE.match(text, pre.start()) if phrase.endswith("estimated") else None
    d.start = article.end() if article else pre.start()  # "an estimated 60m" → "estimated 60m"


def _bound(d: Draft, bound: str | None, approx: bool) -> None:
    """Turn a point into an open bound ("low"/"high") and/or mark it approximate."""
    d.approximate = d.approximate or approx
    if bound == "low":
        d.high = None
    elif bound == "high":
        d.low = None


def _is_date(d: Draft, text: str, doc: Doc, starts: list[int]) -> bool:
    """Years, days of the month and ages-as-dates are not quantities."""
    a = d.first.amount
    core = text[d.first.num_start : d.first.end]
    if d.kind in ("percent", "measure", "money", "times") or a.vague or a.value is None:
        return False
    integral = a.value.is_integer() and re.fullmatch(r"\d+", core) is not None
    if integral and len(core) == 4 and 1000 <= a.value <= 2100 and d.kind != "duration":
        nxt = phrases.token_at(doc, starts, d.end)
        if a.value >= 1900 or nxt is None or nxt.tag_ != "NNS" or nxt.lemma_ in lex.TEMPORAL_NOUNS:
            return True
    if integral and _YEAR_RANGE_RE.search(text, max(0, d.first.num_start - 5), d.first.num_start):
        return True
    if integral and 1 <= a.value <= 31 and d.kind == "count":
        if _MONTH_BEFORE_RE.search(text, max(0, d.first.num_start - 10), d.first.num_start):
            return True
        if _MONTH_AFTER_RE.match(text, d.first.end):
            return True
    return False


def _is_identifier(d: Draft, text: str, doc: Doc, starts: list[int]) -> bool:
    """Identifiers and names: "Article 328", "No. 2", "Boeing 737", pronoun "one"."""
    tok = phrases.token_at(doc, starts, d.first.num_start)
    if tok is None:
        return False
    is_one = text[d.first.num_start : d.first.end].lower() == "one" and d.first is d.last
    if is_one and _is_pronoun_one(tok, doc):
        return True
    if d.kind != "count" or d.first.currency or d.first.amount.vague:
        return False  # "Bill\n\nTens of thousands": a vague amount is never a label
    before = _ID_BEFORE_RE.search(text, max(0, d.first.num_start - 14), d.first.num_start)
    if before and (before.group(2) or before.group(1).lower() in lex.ID_PRECEDERS):
        word = before.group(1) or ""
        if word.lower() not in ("no", "no.") or word[0] == "N" or word.endswith("."):
            return True
    if tok.ent_type_ in _NAME_LABELS:
        ent = next((e for e in tok.sent.ents if e.start <= tok.i < e.end), None)
        if ent is not None and any(t.pos_ == "PROPN" and t.i < tok.i for t in ent):
            return True
    prev = doc[tok.i - 1] if tok.i > tok.sent.start else None
    return (  # "Boeing 737", "Windows 11", "World War Two"
        prev is not None
        and prev.tag_ in ("NNP", "NNPS")
        and prev.is_title
        and prev.i > prev.sent.start
        and prev.lower_ not in lex.MONTHS
        and prev.lower_ not in lex.WEEKDAYS
        and prev.ent_type_ not in ("DATE", "NORP")
        and bool(prev.whitespace_)
        and not phrases.title_case(tok.sent)
    )


def _is_pronoun_one(tok: Token, doc: Doc) -> bool:
    """ "one of the largest", "the one who", "no one", "one day" (= some day)."""
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if nxt is not None and nxt.lower_ in ("of", "another", "by", "who", "that", "which", "'s"):
        return True
    if prev is not None and prev.lower_ in ("the", "no", "any", "every", "each", "this", "that"):
        return True
    if tok.pos_ == "PRON":
        return True
    if nxt is not None and nxt.lower_ in ("day", "time", "point", "moment", "night"):
        return prev is None or prev.pos_ not in ("ADP", "VERB", "AUX") or prev.tag_ == "MD"
    return False


def _multipliers(text: str, drafts: list[Draft], doc: Doc, starts: list[int]) -> list[Draft]:
    """ "twice", "threefold", "10-fold" (numbers found by the core regex are skipped)."""
    out: list[Draft] = []
    lower = text.lower()
    if not any(cue in lower for cue in _MULTIPLIER_CUES):
        return out
    taken = [(d.start, d.end) for d in drafts]
    for m in _MULTIPLIER_RE.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        word = (m.group(1) or m.group()).lower()
        value = lex.MULTIPLIER_WORDS.get(word)
        amount = parse_number(word) if value is None else Amount(value, value, value, False, 1)
        if amount is None or amount.value is None:
            continue
        core = Core(m.start(), m.end(), m.start(), amount, None)
        v = amount.value
        draft = Draft(m.start(), m.end(), core, core, v, v, v, False, "times", "times")
        _apply_prefix(draft, text, doc, starts)  # "more than twice"
        out.append(draft)
    return out


def _to_mentions(drafts: list[Draft], text: str) -> list[QuantityMention]:
    """Freeze drafts into mentions with provisional ids in order of start."""
    out: list[QuantityMention] = []
    ids = {id(d): f"q{n}" for n, d in enumerate(drafts, 1)}
    for d in drafts:
        end = max(d.end, d.noun_end or 0)
        whole = drafts[d.part_of] if d.part_of is not None else None
        out.append(
            QuantityMention(
                start=d.start,
                end=end,
                text=text[d.start : end],
                id=ids[id(d)],
                value=as_number(d.value),
                low=as_number(d.low),
                high=as_number(d.high),
                approximate=d.approximate,
                unit=d.unit,
                per=d.per,
                counts=d.counts,
                part_of=ids[id(whole)] if whole is not None else None,
            )
        )
    return out
