"""Time expressions: find them in the text and resolve them to date intervals.

Why rules and not a model: time expressions in news are a small, closed grammar (month
names, numbers, a few dozen modifiers) whose meaning is calendar arithmetic, so compiled
regular expressions find them fast and exactly, and the interval comes from code that can
be read and tested (the approach of HeidelTime and SUTime). The spaCy parse is used only to
*reject* look-alikes the patterns cannot tell apart ("they may leave", "Theresa May", "prices
fall", "2000 troops", "$2,000 a month") and to read the tense ("will meet on Friday").

Pipeline: each rule of :mod:`time_lexicon` is run in windows around its anchor words;
candidates that the handler or the parse rejects are dropped; the longest non-overlapping
ones are kept; adjacent ones joined by "from … to …", "between … and …" or a dash become a
range, and "since …" an open interval; finally each span's text is normalised by
:func:`storyline.extract.time_resolve.normalise`, the function :func:`resolve` uses too,
so a mention stored without a publication date resolves later as it would have at once.

What is a mention here:

* dates, months, seasons, quarters, years, decades, centuries, weeks, weekdays, holidays,
  "today", "yesterday", "tonight", and "now"/"currently" (the publication day), ranges,
  "since …" (granularity ``open``: from the start of the date to publication), and
  durations ("two weeks", "more than a year", "five-year", "several years");
* not: vague references without a calendar meaning ("recently", "the past", "the
  future", "soon", "former"), sets ("daily", "every year"), clock times on their own
  ("at 3 p.m."), rates ("a day" in "12 hours a day", "a month" in "$2,000 a month") and
  ages ("45-year-old"). Spans leave out prepositions ("on Tuesday" → "Tuesday") except
  "since", "from" and "between", which change the meaning.

Which way a date written without a year (or a bare weekday) is read: the tense of its
clause decides: past → the latest one begun by publication (the news convention, and
:func:`resolve`'s default), future ("will", "is scheduled", "payable") → the first one
still to end, unclear (a headline, a noun phrase, a deadline set in the past: "extended
the offer to Nov. 20") → the nearer of the two. "A year earlier", "the next day" count
from the last date stated before them in the document, and "a year ago" from a quarter,
month or season in its own sentence ("profit rose from $2 million a year ago"); without
one, "a year earlier" gets no dates (``resolved=False``, ``relative=False``) rather than a
guess. :func:`resolve` has only the text, so it reads every such mention the past-tense
way and cannot re-anchor "a year earlier" on a stated date.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime

from spacy.tokens import Doc, Span, Token

from storyline.extract import time_lexicon as lex
from storyline.extract.time_resolve import HANDLERS, PATTERNS, Context, Interval, normalise
from storyline.model import TimeMention

VERSION = "times/1"

#: Rules whose result may be one end of a range or the start of "since …".
_DATE_RULES = frozenset(
    {"month_day", "day_month", "iso_date", "numeric_date", "month_year", "month", "season",
     "quarter", "year", "decade", "weekday", "holiday", "half"}
)  # fmt: skip
#: Rules resolved forwards in a future-tense clause.
_TENSED_RULES = frozenset(
    {"month_day", "day_month", "day_range", "month", "season", "weekday", "holiday", "weekend",
     "range"}
)  # fmt: skip
_SINCE_RULES = _DATE_RULES | {
    "relative_unit", "deictic", "ago", "part_relative", "anaphoric", "range"
}  # fmt: skip
_ANAPHORIC_RULES = frozenset({"anaphoric", "adjacent", "ago"})
_NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "FAC", "LOC", "NORP", "WORK_OF_ART",
                        "PRODUCT", "EVENT", "LAW"})  # fmt: skip
_COUNT_ENTS = frozenset({"MONEY", "PERCENT", "QUANTITY"})
_OPENER = re.compile(r"\b(from|between)\s+$", re.IGNORECASE)
_SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)
_JOIN = re.compile(r"\s*([-–—])\s*|\s+(to|through|thru|until|till|and)\s+", re.IGNORECASE)
_PROBE_DATE = date(2001, 6, 15)
_ADJECTIVE_FORM = re.compile(r"\w-(?:fiscal-)?(?:quarter|year|month|week|day|hour|minute)\b")
_ANCHOR = re.compile(
    r"(?<!\w)(?:" + "|".join(f"(?P<{k}>{v})" for k, v in lex.ANCHORS.items()) + ")",
    re.IGNORECASE,
)
_RULES_BY_ANCHOR = {
    kind: [(order, name, PATTERNS[name]) for order, name in enumerate(PATTERNS)
           if kind in lex.RULE_ANCHORS[name]]
    for kind in lex.ANCHORS
}  # fmt: skip
_SHORT_YEAR = re.compile(r"[-–]\d\d\b(?![-–]?\d)")


@dataclasses.dataclass
class _Candidate:
    start: int
    end: int
    rule: str
    order: int
    match: re.Match[str]


def extract(doc: Doc, published: date | None = None, language: str = "en") -> list[TimeMention]:
    """Time mentions of ``doc``, resolved against the publication date when known.

    Args:
        doc: the annotated document (``doc.text`` is headline, blank line, main text).
        published: the publication date; ``None`` leaves relative expressions
            unresolved (``resolved=False``, no dates) until :func:`resolve` is called.

    Returns:
        Mentions in order of ``start``, ``id`` left empty.
    """
    if language != "en":
        # Other languages read their pack's lexicon on plain text (docs/architecture.md).
        from storyline.extract import lexical_times

        return lexical_times.extract(doc.text, published, language)
    published = _as_date(published)
    text = doc.text
    candidates = _scan(text)
    kept = _select([c for c in candidates if _valid(c) and _plausible(c, doc)])
    mentions: list[TimeMention] = []
    reference: Interval | None = None
    ref_end = 0
    for start, end, rule in _join(text, kept):
        start = _trim(text, start, end)
        direction = _direction(doc, start, end) if rule in _TENSED_RULES else "past"
        anchor = reference
        if rule == "ago" and (reference is None or not _same_sentence(doc, ref_end, start)):
            anchor = None  # "a year ago" compares with a period only in its own sentence
        value = normalise(text[start:end], published, direction=direction, reference=anchor)
        if value is None:
            continue
        mentions.append(_mention(start, end, text[start:end], value, published))
        if (
            value.start is not None
            and rule not in _ANAPHORIC_RULES
            and value.granularity not in ("duration", "open", "range")
        ):
            reference, ref_end = value, end  # "a year earlier" counts from the last time *stated*
    return mentions


def resolve(mention: TimeMention, published: date | None, language: str = "en") -> TimeMention:
    """Re-anchor a stored mention on a (new) publication date.

    Mentions that do not depend on the publication date are returned unchanged; the
    others are normalised again from their text alone (see the module docstring for the
    cases where that differs from a fresh extraction: future-tense clauses and
    expressions counted from another date of the document).

    Args:
        mention: a mention from :func:`extract` (or rebuilt from storage).
        published: the publication date; ``None`` returns it unresolved.

    Returns:
        A copy (``dataclasses.replace``) with the time fields recomputed; ``id``, span and
        text are kept.
    """
    if language != "en":
        from storyline.extract import lexical_times

        if lexical_times.lexicon(language).months:
            fresh = lexical_times.resolve(mention, _as_date(published), language)
            if fresh is not mention:
                return fresh
    if mention.resolved and not mention.relative:
        return mention
    value = normalise(mention.text, _as_date(published))
    if value is None:
        return mention
    fresh = _mention(mention.start, mention.end, mention.text, value, _as_date(published))
    return dataclasses.replace(
        mention,
        resolved=fresh.resolved,
        start_date=fresh.start_date,
        end_date=fresh.end_date,
        granularity=fresh.granularity,
        relative=fresh.relative,
        duration=fresh.duration,
    )


# --------------------------------------------------------------------------------- helpers


def _as_date(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _mention(
    start: int, end: int, text: str, value: Interval, published: date | None
) -> TimeMention:
    if published is None and value.relative:
        # the dates were computed on a placeholder anchor: keep only what does not depend
        # on it (the start of "since 2022")
        keep_start = value.start if value.granularity == "open" else None
        return TimeMention(start, end, text, resolved=False, start_date=keep_start,
                           granularity=value.granularity, relative=True,
                           duration=value.duration)  # fmt: skip
    # durations have no dates; other mentions without dates could not be anchored
    resolved = value.granularity == "duration" or value.start is not None
    return TimeMention(start, end, text, resolved=resolved, start_date=value.start,
                       end_date=value.end, granularity=value.granularity,
                       relative=value.relative, duration=value.duration)  # fmt: skip


def _scan(text: str) -> list[_Candidate]:
    """Every rule's matches, looked for only in windows around the rule's anchors."""
    found: dict[tuple[int, int, str], _Candidate] = {}
    for anchor in _ANCHOR.finditer(text):
        kind = anchor.lastgroup or ""
        lo = max(0, anchor.start() - lex.ANCHOR_BEFORE)
        hi = min(len(text), anchor.end() + lex.ANCHOR_AFTER)
        for order, name, pattern in _RULES_BY_ANCHOR[kind]:
            for m in pattern.finditer(text, lo, hi):
                if m.start() <= anchor.start() and m.end() >= anchor.end():
                    found.setdefault((m.start(), m.end(), name), _Candidate(
                        m.start(), m.end(), name, order, m))  # fmt: skip
    return list(found.values())


def _valid(cand: _Candidate) -> bool:
    """Whether the rule's handler accepts the words (e.g. no "February 30")."""
    probe = Context(_PROBE_DATE, reference=Interval(_PROBE_DATE, _PROBE_DATE, "day"))
    return HANDLERS[cand.rule](cand.match, probe) is not None


def _same_sentence(doc: Doc, first: int, second: int) -> bool:
    """Whether character offsets ``first`` (an end) and ``second`` share a sentence."""
    one = doc.char_span(first - 1, first, alignment_mode="expand")
    two = doc.char_span(second, second + 1, alignment_mode="expand")
    return one is not None and two is not None and one[0].sent.start == two[0].sent.start


def _trim(text: str, start: int, end: int) -> int:
    """Drop "the" before an adjective ("the third-quarter results", "the five-year plan")."""
    if _ADJECTIVE_FORM.search(text, start, end) and text[start : start + 4].lower() == "the ":
        return start + 4
    return start


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest candidates first (earlier rules break ties); no two may overlap."""
    taken: list[_Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, c.order, c.start)):
        if all(cand.end <= t.start or cand.start >= t.end for t in taken):
            taken.append(cand)
    return sorted(taken, key=lambda c: c.start)


def _join(text: str, kept: list[_Candidate]) -> list[tuple[int, int, str]]:
    """Merge ranges ("from March to May 2024") and open intervals ("since 2022")."""
    spans: list[tuple[int, int, str]] = []
    i = 0
    while i < len(kept):
        cur = kept[i]
        start, end, rule = cur.start, cur.end, cur.rule
        if i + 1 < len(kept) and (first := _range_start(text, cur, kept[i + 1])) is not None:
            start, end, rule = first, kept[i + 1].end, "range"
            i += 1
        elif (
            rule == "year"
            and (short := _SHORT_YEAR.match(text, end))
            and normalise(text[start : short.end()], None) is not None
        ):
            end, rule = short.end(), "range"  # "1990-95"
        since = _SINCE.search(text, max(0, start - 8), start)
        if since and rule in _SINCE_RULES:
            start, rule = since.start(), "open"
        spans.append((start, end, rule))
        i += 1
    return spans


def _range_start(text: str, first: _Candidate, second: _Candidate) -> int | None:
    """Start of the range the two dates form ("from" included), or None if they do not.

    A dash or "through" joins any two dates; "to"/"until" need a "from" before the first
    ("rose from 5% in 2019 to 7% in 2021" is no range) and "and" needs "between".
    """
    if first.rule not in _DATE_RULES or second.rule not in _DATE_RULES:
        return None
    join = _JOIN.fullmatch(text, first.end, second.start)
    if join is None:
        return None
    opener = _OPENER.search(text, max(0, first.start - 10), first.start)
    word = (join.group(2) or "").lower()
    opener_word = opener.group(1).lower() if opener else ""
    if not (join.group(1) or word in ("through", "thru") or
            (opener_word == "between" if word == "and" else opener_word == "from")):  # fmt: skip
        return None
    begin = opener.start() if opener else first.start
    if normalise(text[begin : second.end], _PROBE_DATE) is None:
        return None
    return begin


def _future_aux(token: Token) -> bool:
    return token.dep_ in ("aux", "auxpass") and (
        token.lower_ in lex.FUTURE_AUX or token.tag_ == "MD"
    )


def _direction(doc: Doc, start: int, end: int) -> str:
    """``future``, ``past`` or ``nearest`` (tense unclear) for the clause governing a span."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return "past"
    verb = span.root
    chain = [verb]
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
        chain.append(verb)
    if any(t.lower_ in lex.FUTURE_WORDS for t in chain):
        return "future"  # "payable Dec. 1", "effective June 1"
    if verb.pos_ not in ("VERB", "AUX"):
        return "nearest"  # a headline or a noun phrase: no tense to read
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in lex.FUTURE_AUX or a.tag_ == "MD" for a in auxes):
        return "future"
    governors = [verb, verb.head] if verb.dep_ in ("xcomp", "ccomp") else [verb]
    if any(v.lemma_ in lex.FUTURE_LEMMAS or v.lower_ == "going" for v in governors):
        return "future"
    past = verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_ == "have" for a in auxes)
    if past or (verb.tag_ == "VBN" and not auxes) or verb.lemma_ in lex.REPORTING_LEMMAS:
        # a deadline set in the past may still lie ahead: "extended the offer to Nov. 20"
        preposition = next((t.lower_ for t in chain if t.dep_ == "prep"), "")
        return "nearest" if preposition in lex.DEADLINE_PREPOSITIONS else "past"
    return "nearest"


# ------------------------------------------------------------------------------ look-alikes


def _plausible(cand: _Candidate, doc: Doc) -> bool:
    """Reject candidates the parse shows are not times (see the module docstring)."""
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    check = _CHECKS.get(cand.rule)
    if any(t.lower_ == "may" and t.tag_ == "MD" for t in span):
        return False
    if _title_name(span):
        return False
    return check(cand, span) if check else True


def _title_name(span: Span) -> bool:
    """ "This Week", "60 Minutes": ordinary time words capitalised mid-sentence are a title
    (unless the whole sentence is in title case, as headlines are)."""
    capitals = [t for t in span if t.is_title and not t.is_sent_start]
    if not any(t.lower_ in lex.COMMON_TIME_WORDS for t in capitals):
        return False
    words = [t for t in span.sent if t.is_alpha]
    return sum(t.is_title for t in words) < 0.6 * len(words)


def _before(span: Span) -> Token | None:
    return span.doc[span.start - 1] if span.start > 0 else None


def _after(span: Span) -> Token | None:
    return span.doc[span.end] if span.end < len(span.doc) else None


def _named(token: Token, span: Span) -> bool:
    """A capitalised word inside a name: "Theresa May", "Arab Spring", "Spring Street"."""
    if token.ent_type_ in _NAME_ENTS:
        return True
    prev, nxt = _before(span), _after(span)
    if prev is not None and prev.is_title and prev.pos_ == "PROPN" and not prev.is_sent_start:
        return prev.ent_type_ not in ("DATE", "TIME") and prev.lower_ not in lex.MONTHS
    return nxt is not None and nxt.pos_ == "PROPN" and nxt.is_title and nxt.ent_type_ in _NAME_ENTS


def _check_month(cand: _Candidate, span: Span) -> bool:
    if cand.match["part"] or cand.match["rel"]:
        return True
    token = span[0]
    if token.pos_ == "VERB" or _named(token, span):
        return False
    prev = _before(span)
    modifier = token.dep_ in ("compound", "nmod", "amod") and token.head.i > token.i
    if prev is not None and (prev.lower_ in ("the", "a", "an") or prev.pos_ == "ADJ"):
        return modifier  # "the October killing", not "the annual March for Life"
    if token.lower_ != "may" or token.ent_type_ == "DATE":
        return True
    # bare "May" needs a preposition or a time word before it
    return prev is not None and (prev.tag_ == "IN" or prev.lower_ in lex.SEASON_DETERMINERS)


def _check_season(cand: _Candidate, span: Span) -> bool:
    word = next((t for t in span if t.lower_ in lex.SEASONS), None)
    if word is None:
        return False  # the season is glued to other characters ("summer.</p>"): no token
    if word.pos_ in ("VERB", "AUX") or (
        word.is_title and not word.is_sent_start and _named(word, span)
    ):
        return False
    if cand.match["year"] or cand.match["part"] or cand.match["part2"]:
        return True
    rel = (cand.match["rel"] or "").lower()
    if rel and rel != "the":
        return True
    nxt = _after(span)
    if nxt is not None and nxt.lower_ in ("of", "in", "out", "from", "back", "guy", "line"):
        return False
    prev = _before(span if not rel else span.doc[span.start + 1 : span.end])
    if rel == "the":
        prev = _before(span)
    return prev is not None and (prev.lower_ in lex.SEASON_DETERMINERS or prev.tag_ == "IN")


def _check_year(cand: _Candidate, span: Span) -> bool:
    if cand.match["part"] or cand.match["fiscal"] or cand.match["words"]:
        return True
    token = next((t for t in span if t.like_num), span[-1])
    if token.ent_type_ in _COUNT_ENTS:
        return False
    head = token.head
    if token.dep_ == "nummod" and head.tag_ in ("NNS", "NNPS") and head.lower_ not in lex.MONTHS:
        return False  # "2000 troops"
    prev = _before(span)
    if prev is not None and prev.lower_ in lex.NON_YEAR_WORDS:
        return False
    year = int(cand.match["year"])
    if 1900 <= year <= 2100 or token.ent_type_ == "DATE":
        return True
    return prev is not None and prev.lower_ in lex.YEAR_PREPOSITIONS


def _check_duration(cand: _Candidate, span: Span) -> bool:
    unit = next((t for t in reversed(span) if t.lower_.rstrip("s") in lex.UNITS or
                 t.lower_ in lex.UNITS), span[-1])  # fmt: skip
    nxt = _after(span)
    if unit.lower_.startswith("second") and (unit.pos_ != "NOUN" or (nxt and nxt.pos_ == "NOUN")):
        return False
    if unit.lower_.startswith("quarter") and nxt is not None and nxt.lower_ == "of":
        return False
    num = (cand.match["num"] or "").lower()
    if num not in ("a", "an"):
        return True
    prev = _before(span)
    if prev is not None and prev.lower_ in ("once", "twice", "times", "per", "every", "each"):
        return False
    # "12 hours a day", "$2,000 a month": the unit hangs off a number or noun as a rate
    return not (unit.dep_ == "npadvmod" and unit.head.pos_ in ("NOUN", "NUM", "SYM", "PROPN"))


def _check_bare_units(cand: _Candidate, span: Span) -> bool:
    prev = _before(span)
    return prev is not None and prev.lower_ in lex.BARE_UNIT_PREPOSITIONS and span[0].pos_ == "NOUN"


def _check_name_word(cand: _Candidate, span: Span) -> bool:
    """Weekdays, holidays and "Today": reject names ("USA Today", "Easter Island")."""
    token = span[0] if not span[0].is_punct else span[-1]
    allowed = ("EVENT",) if cand.rule == "holiday" else ()
    if token.ent_type_ in _NAME_ENTS and token.ent_type_ not in allowed:
        return False
    if not (token.is_title and token.lower_ in ("today", "now")) or token.is_sent_start:
        return True
    prev = _before(span)  # "USA Today" is a name, "``Today, I am here" is not
    return prev is None or prev.is_punct or prev.is_space


_CHECKS = {
    "month": _check_month, "season": _check_season, "year": _check_year,
    "duration": _check_duration, "bare_units": _check_bare_units, "deictic": _check_name_word,
    "weekday": _check_name_word, "holiday": _check_name_word,
}  # fmt: skip
