"""Time expressions: spans, intervals, durations, look-alikes and late resolution."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from spacy.tokens import Doc

from storyline.extract import times
from storyline.extract.time_calendar import easter, iso_duration, number
from storyline.extract.time_resolve import normalise
from storyline.model import TimeMention

# Thursday 20 June 2024: the publication date of most sentences below.
PUBLISHED = date(2024, 6, 20)

Parse = Callable[[str], Doc]


def only(parse: Parse, text: str, published: date | None = PUBLISHED) -> TimeMention:
    """The single time mention of ``text``."""
    mentions = times.extract(parse(text), published)
    assert len(mentions) == 1, [m.text for m in mentions]
    return mentions[0]


def d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


# ----------------------------------------------------------------------------- absolute dates


@pytest.mark.parametrize(
    ("sentence", "span", "start", "end", "granularity"),
    [
        ("The court ruled on June 20, 2024.", "June 20, 2024", "2024-06-20", "2024-06-20", "day"),
        ("The court ruled on 20 June 2024.", "20 June 2024", "2024-06-20", "2024-06-20", "day"),
        ("The decree is dated 2024-06-20.", "2024-06-20", "2024-06-20", "2024-06-20", "day"),
        ("He was arrested on Tuesday, Aug. 7, 1998, in Nairobi.", "Tuesday, Aug. 7, 1998",
         "1998-08-07", "1998-08-07", "day"),
        ("Talks resumed in May 2024.", "May 2024", "2024-05-01", "2024-05-31", "month"),
        ("Visits began in late May 2024.", "late May 2024", "2024-05-21", "2024-05-31",
         "part-of-month"),
        ("Recruiters came in the fall of 2023.", "the fall of 2023", "2023-09-01",
         "2023-11-30", "season"),
        ("The first convoy left in winter 2023.", "winter 2023", "2023-12-01", "2024-02-29",
         "season"),
        ("Output fell in the third quarter of 2023.", "the third quarter of 2023",
         "2023-07-01", "2023-09-30", "quarter"),
        ("Sales rose in Q1 2024.", "Q1 2024", "2024-01-01", "2024-03-31", "quarter"),
        ("Prices rose in 2023.", "2023", "2023-01-01", "2023-12-31", "year"),
        ("Production stalled in early 2023.", "early 2023", "2023-01-01", "2023-04-30",
         "year"),
        ("The plant was built in the 1990s.", "the 1990s", "1990-01-01", "1999-12-31",
         "decade"),
        ("Crime peaked in the late 1990s.", "the late 1990s", "1997-01-01", "1999-12-31",
         "decade"),
        ("The camp operated from March to May 2024.", "from March to May 2024", "2024-03-01",
         "2024-05-31", "range"),
        ("The law applied between 2019 and 2021.", "between 2019 and 2021", "2019-01-01",
         "2021-12-31", "range"),
        ("Troops were stationed there in 1990-95.", "1990-95", "1990-01-01", "1995-12-31",
         "range"),
        ("The strike lasted from June 3-5, 2024.", "June 3-5, 2024", "2024-06-03",
         "2024-06-05", "range"),
        ("It happened in nineteen ninety-one.", "nineteen ninety-one", "1991-01-01",
         "1991-12-31", "year"),
        ("The war ended in the 20th century.", "the 20th century", "1900-01-01", "1999-12-31",
         "range"),
    ],
)  # fmt: skip
def test_absolute_expressions(
    parse: Parse, sentence: str, span: str, start: str, end: str, granularity: str
) -> None:
    mention = only(parse, sentence)
    assert mention.text == span
    assert (mention.start_date, mention.end_date) == (d(start), d(end))
    assert mention.granularity == granularity
    assert mention.resolved and not mention.relative


# ----------------------------------------------------------------------------- relative dates


@pytest.mark.parametrize(
    ("sentence", "span", "start", "end", "granularity"),
    [
        ("Women were released in late May.", "late May", "2024-05-21", "2024-05-31",
         "part-of-month"),
        ("Women were released in early May.", "early May", "2024-05-01", "2024-05-10",
         "part-of-month"),
        ("Women were released in mid-May.", "mid-May", "2024-05-11", "2024-05-20",
         "part-of-month"),
        ("The decree was signed last week.", "last week", "2024-06-10", "2024-06-16", "week"),
        ("Talks continued this week.", "this week", "2024-06-17", "2024-06-23", "week"),
        ("Kyiv approved a scheme last month.", "last month", "2024-05-01", "2024-05-31",
         "month"),
        ("Elections are due next month.", "next month", "2024-07-01", "2024-07-31", "month"),
        ("Recruiters visited the prison last year.", "last year", "2023-01-01", "2023-12-31",
         "year"),
        ("Fighting intensified this spring.", "this spring", "2024-03-01", "2024-05-31",
         "season"),
        ("The minister resigned yesterday.", "yesterday", "2024-06-19", "2024-06-19", "day"),
        ("The minister resigned today.", "today", "2024-06-20", "2024-06-20", "day"),
        ("The minister resigned on Tuesday.", "Tuesday", "2024-06-18", "2024-06-18", "day"),
        ("The minister resigned last Thursday.", "last Thursday", "2024-06-13", "2024-06-13",
         "day"),
        ("Shelling killed ten people in the past two weeks.", "the past two weeks",
         "2024-06-06", "2024-06-20", "range"),
        ("The convoy left two weeks ago.", "two weeks ago", "2024-06-03", "2024-06-09",
         "week"),
        ("The law was passed earlier this year.", "earlier this year", "2024-01-01",
         "2024-06-20", "year"),
        ("Shipments resumed over the weekend.", "the weekend", "2024-06-15", "2024-06-16",
         "week"),
        ("Profit fell in the third quarter.", "the third quarter", "2023-07-01", "2023-09-30",
         "quarter"),
        ("Thousands have applied since last May.", "since last May", "2024-05-01", None,
         "open"),
    ],
)  # fmt: skip
def test_relative_expressions(
    parse: Parse, sentence: str, span: str, start: str, end: str, granularity: str
) -> None:
    mention = only(parse, sentence)
    assert mention.text == span
    assert (mention.start_date, mention.end_date) == (d(start), d(end))
    assert mention.granularity == granularity
    assert mention.resolved and mention.relative


@pytest.mark.parametrize(
    ("sentence", "published", "start"),
    [
        # the news convention: a month without a year is the latest one begun by publication
        ("Women were released in late May.", "2024-03-10", "2023-05-21"),
        ("Women were released in late May.", "2024-05-25", "2024-05-21"),
        # a future-tense clause looks forwards
        ("The envoy will arrive on Tuesday.", "2024-06-20", "2024-06-25"),
        ("Elections will be held in March.", "2024-06-20", "2025-03-01"),
        ("The envoy arrived on Tuesday.", "2024-06-20", "2024-06-18"),
        # "winter" starts in December of its year
        ("The front froze last winter.", "2024-06-20", "2023-12-01"),
    ],
)
def test_direction_conventions(parse: Parse, sentence: str, published: str, start: str) -> None:
    assert only(parse, sentence, d(published)).start_date == d(start)


@pytest.mark.parametrize(
    ("sentence", "published", "span", "start"),
    [
        # no tense to read (a headline): the nearer of last year's and this year's
        ("Dividend payout set for Dec. 7", "2024-10-27", "Dec. 7", "2024-12-07"),
        ("Dividend of five cents, payable Dec. 7.", "2024-10-27", "Dec. 7", "2024-12-07"),
        ("The company extended its offer to Nov. 20.", "2024-10-30", "Nov. 20", "2024-11-20"),
        ("The company sold the unit on Nov. 20.", "2024-10-30", "Nov. 20", "2023-11-20"),
        ("The mission ended on March eighth.", "2024-06-20", "March eighth", "2024-03-08"),
        ("The law took effect in January this year.", "2024-06-20", "January this year",
         "2024-01-01"),
    ],
)  # fmt: skip
def test_tense_and_wording(
    parse: Parse, sentence: str, published: str, span: str, start: str
) -> None:
    mention = only(parse, sentence, d(published))
    assert (mention.text, mention.start_date) == (span, d(start))


def test_a_year_ago_compares_with_the_period_of_its_sentence(parse: Parse) -> None:
    mentions = times.extract(
        parse("Profit rose in the third quarter from $2 million a year ago."), d("2024-10-25")
    )
    assert [(m.text, m.start_date) for m in mentions] == [
        ("the third quarter", d("2024-07-01")),
        ("a year ago", d("2023-07-01")),
    ]
    assert mentions[1].granularity == "quarter"


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("Analysts expect higher third-quarter results.", "third-quarter"),
        ("He signed the five-year contract.", "five-year"),
        ("The deal should close within a week.", "a week"),
        ("The offer expired at midnight on Friday.", "Friday"),
    ],
)
def test_spans_leave_out_articles_of_adjectives_and_prepositions(
    parse: Parse, sentence: str, span: str
) -> None:
    assert only(parse, sentence).text == span


def test_anaphoric_expression_counts_from_the_previous_date(parse: Parse) -> None:
    mentions = times.extract(parse("He was arrested on March 3, 2021. A year earlier, he fled."))
    assert [m.text for m in mentions] == ["March 3, 2021", "A year earlier"]
    assert mentions[1].start_date == mentions[1].end_date == d("2020-03-03")
    assert not mentions[1].relative


@pytest.mark.parametrize("published", [PUBLISHED, None])
def test_anaphoric_expression_without_a_stated_date_has_no_dates(
    parse: Parse, published: date | None
) -> None:
    mention = only(parse, "A year earlier, he had fled the country.", published)
    assert (mention.text, mention.granularity) == ("A year earlier", "year")
    assert mention.start_date is None and not mention.resolved and not mention.relative
    assert times.resolve(mention, PUBLISHED).start_date is None


# ---------------------------------------------------------------------------------- durations


@pytest.mark.parametrize(
    ("sentence", "span", "duration"),
    [
        ("They signed contracts for one year.", "one year", "P1Y"),
        ("It began more than a year after the invasion.", "more than a year", "P1Y"),
        ("Inmates worked 12 hours a day.", "12 hours", "PT12H"),
        ("The talks lasted two weeks.", "two weeks", "P2W"),
        ("He received a five-year sentence.", "five-year", "P5Y"),
        ("He spent two and a half years in jail.", "two and a half years", "P2Y6M"),
        ("The siege lasted several years.", "several years", "PXY"),
        ("Rescuers searched for nearly 72 hours.", "nearly 72 hours", "PT72H"),
        ("The war has lasted a decade.", "a decade", "P10Y"),
    ],
)
def test_durations(parse: Parse, sentence: str, span: str, duration: str) -> None:
    mention = only(parse, sentence)
    assert (mention.text, mention.duration, mention.granularity) == (span, duration, "duration")
    assert mention.resolved and not mention.relative
    assert mention.start_date is None and mention.end_date is None


# ------------------------------------------------------------------------------ look-alikes


@pytest.mark.parametrize(
    "sentence",
    [
        "They may leave the prison soon.",
        "May they return safely.",
        "Prime Minister Theresa May spoke to reporters.",
        "A protest march blocked the road.",
        "The prison holds 400 inmates.",
        "The army sent 2000 troops to the border.",
        "They were offered the equivalent of $2,000 a month.",
        "Fall Out Boy played a concert.",
        "The Arab Spring changed the region.",
        "Oil prices fall when demand weakens.",
        "USA Today reported the story.",
        "The vote passed under Resolution 2231.",
        "A second attack followed.",
        "A quarter of the inmates signed up.",
        "He visits his mother twice a year.",
        "The annual March for Life drew crowds.",
    ],
)
def test_look_alikes_are_not_times(parse: Parse, sentence: str) -> None:
    assert times.extract(parse(sentence), PUBLISHED) == []


# ------------------------------------------------------------------- unknown publication date


@pytest.mark.parametrize(
    ("sentence", "span", "granularity"),
    [
        ("Kyiv approved a scheme last month.", "last month", "month"),
        ("Women were released in late May.", "late May", "part-of-month"),
        ("The minister resigned on Tuesday.", "Tuesday", "day"),
        ("Shelling killed ten people in the past two weeks.", "the past two weeks", "range"),
    ],
)
def test_relative_without_publication_date_stays_unresolved(
    parse: Parse, sentence: str, span: str, granularity: str
) -> None:
    mention = only(parse, sentence, None)
    assert (mention.text, mention.granularity) == (span, granularity)
    assert not mention.resolved and mention.relative
    assert mention.start_date is None and mention.end_date is None


@pytest.mark.parametrize(
    ("sentence", "start", "end"),
    [
        ("Talks resumed in May 2024.", "2024-05-01", "2024-05-31"),
        ("Prices rose in 2023.", "2023-01-01", "2023-12-31"),
        ("Recruiters came in the fall of 2023.", "2023-09-01", "2023-11-30"),
    ],
)
def test_absolute_without_publication_date_resolves(
    parse: Parse, sentence: str, start: str, end: str
) -> None:
    mention = only(parse, sentence, None)
    assert mention.resolved and not mention.relative
    assert (mention.start_date, mention.end_date) == (d(start), d(end))


def test_since_needs_no_publication_date_unless_its_start_does(parse: Parse) -> None:
    mention = only(parse, "Thousands have applied since 2022.", None)
    assert (mention.start_date, mention.end_date) == (d("2022-01-01"), None)
    assert mention.granularity == "open" and mention.resolved and not mention.relative
    mention = only(parse, "Thousands have applied since last May.", None)
    assert mention.start_date is None and not mention.resolved and mention.relative


@pytest.mark.parametrize(
    "text",
    [
        "Women were released in late May, according to two inmates.",
        "Kyiv approved a scheme last month and another one last year.",
        "Thousands have applied since 2022. The minister resigned on Tuesday.",
        "Shelling killed ten people in the past two weeks, yesterday included.",
        "Recruiters visited the prison in the fall of 2023 and stayed for one year.",
    ],
)
def test_resolve_later_matches_resolving_at_once(parse: Parse, text: str) -> None:
    doc = parse(text)
    late = [times.resolve(m, PUBLISHED) for m in times.extract(doc, None)]
    assert late == times.extract(doc, PUBLISHED)


def test_resolve_keeps_identity_and_leaves_absolute_mentions_alone(parse: Parse) -> None:
    relative, absolute = times.extract(parse("It began last month, not in 2023."), None)
    stored = TimeMention(relative.start, relative.end, relative.text, id="t4",
                         resolved=False, granularity="month", relative=True)  # fmt: skip
    resolved = times.resolve(stored, PUBLISHED)
    assert (resolved.id, resolved.start, resolved.end) == ("t4", relative.start, relative.end)
    assert (resolved.start_date, resolved.end_date) == (d("2024-05-01"), d("2024-05-31"))
    assert resolved.resolved
    assert times.resolve(absolute, PUBLISHED) is absolute


# ------------------------------------------------------------------------------ the contract


def test_offsets_order_and_ids(parse: Parse) -> None:
    text = (
        "Russia Frees Inmates to Fight\n\n"
        "Russia released women from a prison in late May. Recruiters had toured prisons "
        "since the fall of 2023, offering contracts for one year. Last week, officials said "
        "about 40 women signed up on June 3, 2024."
    )
    doc = parse(text)
    mentions = times.extract(doc, PUBLISHED)
    assert [m.text for m in mentions] == [
        "late May", "since the fall of 2023", "one year", "Last week", "June 3, 2024"
    ]  # fmt: skip
    assert all(doc.text[m.start : m.end] == m.text for m in mentions)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    assert all(m.id == "" and m.kind == "time" for m in mentions)
    assert times.VERSION == "times/1"


# ------------------------------------------------------------------------------ the normaliser


@pytest.mark.parametrize(
    ("amount", "unit", "iso"),
    [(1, "year", "P1Y"), (12, "hour", "PT12H"), (2.5, "year", "P2Y6M"), (0.5, "hour", "PT30M"),
     (1.5, "day", "P1DT12H"), (None, "week", "PXW"), (2, "decade", "P20Y"), (1, "quarter", "P3M")],
)  # fmt: skip
def test_iso_durations(amount: float | None, unit: str, iso: str) -> None:
    assert iso_duration(amount, unit) == iso


@pytest.mark.parametrize(
    ("text", "value"),
    [("two", 2), ("twenty-four", 24), ("2 1/2", 2.5), ("1,000", 1000), ("two thousand", 2000),
     ("a", 1), ("several", None)],
)  # fmt: skip
def test_numbers(text: str, value: float | None) -> None:
    assert number(text) == value


def test_easter_and_holidays() -> None:
    assert easter(2024) == d("2024-03-31")
    thanksgiving = normalise("Thanksgiving Day 1999")
    assert thanksgiving is not None and thanksgiving.start == d("1999-11-25")


def test_normalise_rejects_non_times() -> None:
    assert normalise("the prison") is None
    assert normalise("February 30, 2024") is None
