"""TempEval-3 benchmark: Storyline's time extractor against dateparser on TimeML files.

Usage::

    python benchmarks/tempeval.py PATH [--limit N] [--no-baseline] [--errors FILE]

PATH is a TimeML file or a folder searched recursively for ``*.tml`` (for instance the
TempEval-3 TBAQ-cleaned training data). Each document's tags are stripped to plain text
(offsets kept), its ``<DCT>`` is used as the publication date, and both systems run on the
text in the same process:

* Storyline: ``storyline.nlp.load("en")`` then :func:`storyline.extract.times.extract`;
* baseline: ``dateparser.search.search_dates`` with ``RELATIVE_BASE`` = DCT and
  ``PREFER_DATES_FROM='past'``; each found string's period (day, week, month, year) comes
  from ``DateDataParser.get_date_data`` so a month is compared as a month.

Scores (TempEval-3 Task A style): *strict* span F1 (exact offsets), *relaxed* span F1 (a
one-to-one matching of overlapping spans), *value F1* (a relaxed match whose value is
right, over all system and all gold expressions), *value accuracy* over relaxed matches,
and *TimeML value F1*, closer to the official scorer: the system's interval written as a
TIMEX3 value from its granularity (day → ``1998-08-07``, week → ``1998-W32``, month and
part-of-month → ``1998-08``, season → ``1998-SU``, quarter → ``1998-Q3``, year →
``1998``, decade → ``199``, duration → ``P2W``, "now"/"currently" → ``PRESENT_REF``) and
compared as a string with the gold value (times of day dropped, so ``1998-08-07TMO``
equals ``1998-08-07``).
A value is right when the system's inclusive date interval equals the TIMEX3 value turned
into an interval (``1998-08`` → August 1998; ``mod`` START/MID/END narrows it the way
Storyline reads "early/mid/late"; ``PRESENT_REF`` → the DCT day), or, for ``P…`` values,
when the ISO durations are equal (TimeML's ``E``/``C``/``L``/``Q`` units are converted to
years and months first). Vague values (``PAST_REF``, ``XXXX-XX``) count as misses.
"""

from __future__ import annotations

import argparse
import calendar
import html
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from storyline import nlp as nlp_module
from storyline.extract import times
from storyline.extract.time_lexicon import DECADE_PARTS, MONTH_PARTS, SEASONS, YEAR_PARTS

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Gold:
    start: int
    end: int
    type: str
    value: str
    mod: str


@dataclass
class Doc:
    name: str
    text: str
    dct: date
    gold: list[Gold] = field(default_factory=list)


@dataclass
class Guess:
    start: int
    end: int
    interval: tuple[date, date] | None
    duration: str | None
    timeml: str | None = None


def read_timeml(path: Path) -> Doc:
    """Plain text of ``<TEXT>`` with TIMEX3 offsets, and the DCT."""
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r"<DCT>.*?value=\"(\d{4}-\d\d-\d\d)", raw, re.DOTALL)
    if dct_match is None:
        raise ValueError(f"{path}: no DCT")
    body = raw[raw.index("<TEXT>") + 6 : raw.index("</TEXT>")]
    parts: list[str] = []
    length = 0
    gold: list[Gold] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    pos = 0
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[pos : tag.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if tag.group(1):
            if open_timex is not None:
                attrs = open_timex[1]
                gold.append(Gold(open_timex[0], length, attrs.get("type", ""),
                                 attrs.get("value", ""), attrs.get("mod", "")))  # fmt: skip
            open_timex = None
        else:
            open_timex = (length, dict(_ATTR.findall(tag.group(3))))
    parts.append(html.unescape(body[pos:]))
    dct = date.fromisoformat(dct_match.group(1))
    return Doc(path.name, "".join(parts), dct, gold)


# ------------------------------------------------------------------------------ gold values


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def gold_interval(value: str, mod: str, dct: date) -> tuple[date, date] | None:
    """The inclusive interval a TIMEX3 date value stands for (None when vague)."""
    if value == "PRESENT_REF":
        return dct, dct
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?", value)
    if m:
        day = date(int(m[1]), int(m[2]), int(m[3]))
        return day, day
    m = re.fullmatch(r"(\d{4})-(\d\d)", value)
    if m:
        year, month = int(m[1]), int(m[2])
        part = {"START": "early", "MID": "mid", "END": "late"}.get(mod)
        if part:
            first, last = MONTH_PARTS[part]
            return date(year, month, first), (
                _month_end(year, month) if last is None else date(year, month, last)
            )
        return date(year, month, 1), _month_end(year, month)
    m = re.fullmatch(r"(\d{4})", value)
    if m:
        year = int(m[1])
        part = {"START": "early", "MID": "mid", "END": "late"}.get(mod)
        first, last = YEAR_PARTS[part] if part else (1, 12)
        return date(year, first, 1), _month_end(year, last)
    m = re.fullmatch(r"(\d{3})", value)
    if m:
        start = int(m[1]) * 10
        part = {"START": "early", "MID": "mid", "END": "late"}.get(mod)
        first, last = DECADE_PARTS[part] if part else (0, 9)
        return date(start + first, 1, 1), date(start + last, 12, 31)
    m = re.fullmatch(r"(\d\d)", value)
    if m:
        return date(max(int(m[1]) * 100, 1), 1, 1), date(int(m[1]) * 100 + 99, 12, 31)
    m = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if m:
        first = 3 * (int(m[2]) - 1) + 1
        return date(int(m[1]), first, 1), _month_end(int(m[1]), first + 2)
    m = re.fullmatch(r"(\d{4})-H([12])", value)
    if m:
        first = 1 if m[2] == "1" else 7
        return date(int(m[1]), first, 1), _month_end(int(m[1]), first + 5)
    m = re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", value)
    if m:
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m[3]:
            return monday + timedelta(days=5), monday + timedelta(days=6)
        return monday, monday + timedelta(days=6)
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)
    if m:
        name = {"SP": "spring", "SU": "summer", "FA": "fall", "WI": "winter"}[m[2]]
        first, last = SEASONS[name]
        year = int(m[1])
        return date(year, first, 1), _month_end(year + (last < first), last)
    return None


def canonical_duration(value: str | None) -> str | None:
    """TimeML duration with E/C/L (decade, century, millennium) and Q written in Y and M."""
    if not value:
        return None
    factors = {"E": (10, "Y"), "C": (100, "Y"), "L": (1000, "Y"), "Q": (3, "M")}

    def convert(m: re.Match[str]) -> str:
        mult, unit = factors[m[2]]
        return f"{int(m[1]) * mult}{unit}" if m[1] != "X" else f"X{unit}"

    return re.sub(r"(\d+|X)([ECLQ])", convert, value)


def timeml_value(text: str, granularity: str | None, start: date | None, end: date | None,
                 duration: str | None) -> str | None:  # fmt: skip
    """The TIMEX3 ``value`` a Storyline mention stands for (``None`` for ranges)."""
    if text.lower() in ("now", "currently", "right now", "at present", "nowadays"):
        return "PRESENT_REF"
    if granularity in ("duration", "range") and duration:
        return duration
    if start is None or end is None:
        return None
    if granularity == "day":
        return start.isoformat()
    if granularity == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}" + ("-WE" if start.weekday() == 5 and end > start else "")
    if granularity in ("month", "part-of-month"):
        return start.strftime("%Y-%m")
    if granularity == "season":
        return f"{start.year}-" + {3: "SP", 6: "SU", 9: "FA", 12: "WI"}.get(start.month, "XX")
    if granularity == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if granularity == "year":
        if (start.month, end.month, end.day) in ((1, 6, 30), (7, 12, 31)) and start.day == 1:
            return f"{start.year}-H{1 if start.month == 1 else 2}"
        return str(start.year)
    if granularity == "decade":
        return str(start.year // 10)
    return None


def canonical_value(value: str | None) -> str | None:
    """Comparable TIMEX3 value: week numbers padded, times of day dropped."""
    if value is None:
        return None
    if re.match(r"P[\dXT]", value):
        return canonical_duration(value)
    value = re.sub(r"-W(\d)\b", r"-W0\1", value)
    return re.sub(r"(\d{4}-\d\d-\d\d)T.*", r"\1", value)


# ---------------------------------------------------------------------------------- systems


def run_storyline(docs: list[Doc]) -> tuple[list[list[Guess]], float, float]:
    nlp = nlp_module.load("en")
    out: list[list[Guess]] = []
    parse_time = extract_time = 0.0
    for doc in docs:
        t0 = time.perf_counter()
        parsed = nlp(doc.text)
        t1 = time.perf_counter()
        mentions = times.extract(parsed, doc.dct)
        t2 = time.perf_counter()
        parse_time += t1 - t0
        extract_time += t2 - t1
        out.append([
            Guess(m.start, m.end,
                  (m.start_date, m.end_date) if m.start_date and m.end_date else None,
                  m.duration,
                  timeml_value(m.text, m.granularity, m.start_date, m.end_date, m.duration))
            for m in mentions
        ])  # fmt: skip
    return out, parse_time, extract_time


def run_dateparser(docs: list[Doc]) -> tuple[list[list[Guess]], float]:
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    out: list[list[Guess]] = []
    elapsed = 0.0
    for doc in docs:
        settings = {"RELATIVE_BASE": datetime.combine(doc.dct, datetime.min.time()),
                    "PREFER_DATES_FROM": "past"}  # fmt: skip
        t0 = time.perf_counter()
        found = search_dates(doc.text, languages=["en"], settings=settings) or []
        parser = DateDataParser(languages=["en"], settings=settings)
        guesses: list[Guess] = []
        pos = 0
        for string, when in found:
            start = doc.text.find(string, pos)
            if start < 0:
                continue
            pos = start + len(string)
            period = parser.get_date_data(string).period or "day"
            day = when.date()
            if period == "month":
                interval = (day.replace(day=1), _month_end(day.year, day.month))
                value = day.strftime("%Y-%m")
            elif period == "year":
                interval = (date(day.year, 1, 1), date(day.year, 12, 31))
                value = str(day.year)
            elif period == "week":
                monday = day - timedelta(days=day.weekday())
                interval = (monday, monday + timedelta(days=6))
                value = f"{day.isocalendar()[0]}-W{day.isocalendar()[1]:02d}"
            else:
                interval = (day, day)
                value = day.isoformat()
            guesses.append(Guess(start, pos, interval, None, value))
        elapsed += time.perf_counter() - t0
        out.append(guesses)
    return out, elapsed


# ---------------------------------------------------------------------------------- scoring


@dataclass
class Score:
    system: int = 0
    gold: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    timeml: int = 0
    errors: list[str] = field(default_factory=list)

    @staticmethod
    def f1(hit: int, system: int, gold: int) -> tuple[float, float, float]:
        p = hit / system if system else 0.0
        r = hit / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def value_ok(guess: Guess, gold: Gold, dct: date) -> bool:
    if re.match(r"P[\dXT]", gold.value):
        return canonical_duration(guess.duration) == canonical_duration(gold.value)
    wanted = gold_interval(gold.value, gold.mod, dct)
    return wanted is not None and guess.interval == wanted


def score(docs: list[Doc], guesses: list[list[Guess]], log_errors: bool) -> Score:
    total = Score()
    for doc, found in zip(docs, guesses, strict=True):
        total.system += len(found)
        total.gold += len(doc.gold)
        exact = {(g.start, g.end) for g in doc.gold}
        total.strict += sum((g.start, g.end) in exact for g in found)
        free = list(doc.gold)
        for guess in found:
            match = next((g for g in free if g.start < guess.end and guess.start < g.end), None)
            if match is None:
                if log_errors:
                    total.errors.append(f"FP\t{doc.name}\t{doc.text[guess.start : guess.end]!r}")
                continue
            free.remove(match)
            total.relaxed += 1
            if guess.timeml and canonical_value(guess.timeml) == canonical_value(match.value):
                total.timeml += 1
            if value_ok(guess, match, doc.dct):
                total.value += 1
            elif log_errors:
                total.errors.append(
                    f"VAL\t{doc.name}\t{doc.text[guess.start : guess.end]!r}\tgold="
                    f"{doc.text[match.start : match.end]!r} {match.value} {match.mod}\tours="
                    f"{guess.interval} {guess.duration}\tdct={doc.dct}"
                )
        if log_errors:
            total.errors += [
                f"FN\t{doc.name}\t{doc.text[g.start : g.end]!r}\t{g.type} {g.value}" for g in free
            ]
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="first N documents only")
    parser.add_argument("--no-baseline", action="store_true", help="skip dateparser")
    parser.add_argument("--errors", type=Path, help="write Storyline's errors here")
    args = parser.parse_args(argv)
    files = [args.path] if args.path.is_file() else sorted(args.path.rglob("*.tml"))
    if args.limit:
        files = files[: args.limit]
    docs = [read_timeml(f) for f in files]
    if not docs:
        print(f"no .tml files under {args.path}", file=sys.stderr)
        return 2
    nlp_module.load("en")(docs[0].text)  # warm up outside the timings
    ours, parse_time, extract_time = run_storyline(docs)
    ours_score = score(docs, ours, args.errors is not None)
    rows: list[tuple[str, Score, float, float | None]] = [
        ("Storyline", ours_score, len(docs) / (parse_time + extract_time), len(docs) / extract_time)
    ]
    if not args.no_baseline:
        theirs, elapsed = run_dateparser(docs)
        rows.append(("dateparser", score(docs, theirs, False), len(docs) / elapsed, None))
    gold = sum(len(d.gold) for d in docs)
    print(f"{len(docs)} documents, {gold} gold TIMEX3 ({args.path})\n")
    header = (f"{'system':<11} {'strict P/R/F1':>17} {'relaxed P/R/F1':>17} "
              f"{'value F1':>8} {'value acc':>9} {'TimeML value F1':>15} {'docs/s':>7} "
              f"{'docs/s (extract only)':>22}")  # fmt: skip
    print(header)
    print("-" * len(header))
    for name, s, speed, extract_speed in rows:
        strict = Score.f1(s.strict, s.system, s.gold)
        relaxed = Score.f1(s.relaxed, s.system, s.gold)
        value = Score.f1(s.value, s.system, s.gold)
        accuracy = s.value / s.relaxed if s.relaxed else 0.0
        timeml = Score.f1(s.timeml, s.system, s.gold)
        extra = f"{extract_speed:22.0f}" if extract_speed else f"{'':>22}"
        print(f"{name:<11} {'/'.join(f'{100 * x:.1f}' for x in strict):>17} "
              f"{'/'.join(f'{100 * x:.1f}' for x in relaxed):>17} {100 * value[2]:8.1f} "
              f"{100 * accuracy:9.1f} {100 * timeml[2]:15.1f} {speed:7.1f} {extra}")  # fmt: skip
    if args.errors:
        args.errors.write_text("\n".join(rows[0][1].errors) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
