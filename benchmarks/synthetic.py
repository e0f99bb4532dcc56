"""Rows of synthetic reports, shared by the benchmarks that fill a store straight into its
tables (``web.py`` for pages, ``store_growth.py`` for ingest as the store grows).

Why one module: both generators write the same kinds of rows (a report's text with place and
figure mentions, events with a figure role); kept apart, a schema change had to be made
twice and the two could drift. The texts are generated nonsense about the given places.
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any

#: What a country-level event's place reads as (the pipeline keeps the name the report used).
COUNTRY_NAMES = {"RU": "Russia", "UA": "Ukraine"}

#: (kind, start, end, text) of one mention in a generated text.
Span = tuple[str, int, int, str]


def report_text(
    rng: random.Random,
    n: int,
    places: list[tuple[str, str, float, float]],
    words: list[str],
    *,
    sentences: int,
    words_per_sentence: int,
    quantity_every: int = 1,
    time_every: int = 0,
) -> tuple[str, str, list[Span]]:
    """A title, a text of ``sentences`` sentences, and the mentions in it: every sentence
    names a place; every ``quantity_every``-th gives a figure and every ``time_every``-th
    (0: none) a date. Paragraphs of seven sentences."""
    place = rng.choice(places)[0]
    title = f"Report {n}: inmates from {place} sent to the front"
    parts = [title, "\n\n"]
    mentions: list[Span] = []
    cursor = len(title) + 2
    for sentence in range(sentences):
        phrase = " ".join(rng.choice(words) for _ in range(words_per_sentence))
        number = f"about {rng.randint(5, 900)} inmates"
        where = rng.choice(places)[0]
        chunk = f"{phrase.capitalize()} {number} near {where} in May 2024. "
        start = cursor + len(phrase) + 1
        if sentence % quantity_every == 0:
            mentions.append(("quantity", start, start + len(number), number))
        place_start = start + len(number) + 6
        mentions.append(("entity", place_start, place_start + len(where), where))
        if time_every and sentence % time_every == 0:
            when = place_start + len(where) + 4
            mentions.append(("time", when, when + 8, "May 2024"))
        parts.append(chunk)
        cursor += len(chunk)
        if sentence % 7 == 6:
            parts.append("\n\n")
            cursor += 2
    return title, "".join(parts), mentions


def mention_row(
    document: int, key: str, span: Span, data: dict[str, Any] | None, extractor: str
) -> dict[str, Any]:
    """A ``mentions`` row."""
    kind, start, end, text = span
    return {
        "document_id": document,
        "key": key,
        "kind": kind,
        "start": start,
        "end": end,
        "text": text,
        "data": data,
        "extractor": extractor,
        "sensitivity": "normal",
    }


def event_row(
    document: int,
    body: dict[str, Any],
    span: Span,
    days: tuple[date, date],
    place: tuple[str, str, float, float],
    *,
    certainty: str,
    status: str,
    country_only: bool = False,
) -> dict[str, Any]:
    """An ``events`` row for the event ``body`` (its JSON: id, type, roles…) at ``span``,
    the machine's version kept beside it as the pipeline keeps it. ``country_only``: the
    report names only the country, so the row has no point, as the pipeline stores it."""
    _kind, start, end, text = span
    name, country, lat, lon = place
    precision = "city"
    if country_only:
        name, lat, lon, precision = COUNTRY_NAMES.get(country, country), None, None, "country"
    return {
        "document_id": document,
        "key": body["id"],
        "type": body["type"],
        "codebook": "prison-recruitment/1",
        "certainty": certainty,
        "start": start,
        "end": end,
        "text": text,
        "time_start": days[0],
        "time_end": days[1],
        "place": name,
        "country": country,
        "lat": lat,
        "lon": lon,
        "precision": precision,
        "data": {**body, "machine": dict(body)},
        "review_status": status,
        "sensitivity": "normal",
    }
