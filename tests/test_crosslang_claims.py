"""A Russian report, a Ukrainian report and an English retelling of one happening form one
claim with three independent sources. Team-written texts: tests/fixtures/crosslang/.

The Russian and Ukrainian events are built by hand here (trigger, figure, place, time from
the real ru/uk entity extraction), so this tests linking — places in Cyrillic resolved to
the gazetteer, "ИК-7" = "колонія № 7" = "Penal Colony No. 7", independence by story —
apart from event extraction.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from storyline.capture.hashing import sha256_hex
from storyline.extract import extract_document
from storyline.model import (
    Capture,
    EntityMention,
    Event,
    Extraction,
    QuantityMention,
    RoleFiller,
    TimeMention,
)
from storyline.parse import ParseOptions, parse
from storyline.store import repository
from storyline.store.claims import claims
from storyline.store.db import Store

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures" / "crosslang"
PUBLISHED = date(2024, 6, 3)


def _extract(name: str, url: str) -> tuple[Capture, Extraction]:
    data = (FIXTURES / f"{name}.txt").read_bytes()
    capture = Capture(data, sha256_hex(data), f"{name}.txt", datetime(2024, 6, 3, tzinfo=UTC))
    document = parse(capture, ParseOptions(published=PUBLISHED, url=url))
    return capture, extract_document(document)


def _hand_built(
    extraction: Extraction, trigger: str, figure: str, place: str, time: str
) -> Extraction:
    """The enlistment event of a ru/uk report, its roles filled from its own mentions."""
    text = extraction.document.text

    def at(phrase: str) -> tuple[int, int]:
        start = text.index(phrase)
        return start, start + len(phrase)

    place_mention = next(
        m for m in extraction.mentions if isinstance(m, EntityMention) and m.text == place
    )
    q_start, q_end = at(figure)
    t_start, t_end = at(time)
    quantity = QuantityMention(q_start, q_end, figure, id="q90", value=100.0, low=100.0,
                               high=100.0, approximate=True, unit="person")  # fmt: skip
    when = TimeMention(t_start, t_end, time, id="t90", resolved=True, start_date=date(2024, 5, 1),
                       end_date=date(2024, 5, 31), granularity="month")  # fmt: skip
    start, end = at(trigger)
    event = Event(
        id="v1",
        type="enlistment",
        start=start,
        end=end,
        text=trigger,
        evidence=((q_start, end),),
        roles={
            "quantity": (RoleFiller(q_start, q_end, figure, "q90", None),),
            "place": (
                RoleFiller(
                    place_mention.start,
                    place_mention.end,
                    place,
                    place_mention.id,
                    place_mention.entity,
                ),
            ),
            "time": (RoleFiller(t_start, t_end, time, "t90", None),),
        },
        certainty="reported",
        codebook=extraction.versions["codebook"],
    )
    return dataclasses.replace(
        extraction, mentions=(*extraction.mentions, quantity, when), events=(event,)
    )


def _add(store: Store, capture: Capture, extraction: Extraction) -> int:
    result = repository.add_document(
        store, capture, extraction.document, extraction, parser_version="test"
    )
    assert result.document_id is not None
    return result.document_id


def test_one_happening_in_three_languages_is_one_claim_of_three_sources(store: Store) -> None:
    ru_capture, ru = _extract("ru", "https://severny-vestnik.example/ik7")
    uk_capture, uk = _extract("uk", "https://pravo-ua.example/mordovia")
    en_capture, en = _extract("en", "https://eastern-ledger.example/mordovia")
    assert (ru.document.language, uk.document.language, en.document.language) == ("ru", "uk", "en")
    ru = _hand_built(ru, "подписали контракты", "Около ста заключённых", "ИК-7", "в мае 2024 года")
    uk = _hand_built(
        uk, "підписали контракти", "Близько ста ув'язнених", "колонії № 7", "у травні 2024 року"
    )
    # the Cyrillic places resolve to the same region as the English one
    for extraction, facility in ((ru, "ИК-7"), (uk, "колонія № 7")):
        geo = next(e.geo for e in extraction.entities if e.name == facility)
        assert geo is not None and geo["country"] == "RU" and geo["feature"] == "facility"
    documents = [
        _add(store, *pair) for pair in ((ru_capture, ru), (uk_capture, uk), (en_capture, en))
    ]
    groups = [g for g in claims(store, "enlistment") if len(g.events) > 1]
    assert len(groups) == 1, [(g.summary, [e.document for e in g.events]) for g in groups]
    [group] = groups
    assert sorted(e.document for e in group.events) == documents
    assert group.independent_sources == 3
    assert not group.contradictions  # "около ста", "близько ста" and "about 100" agree


def test_the_three_reports_through_the_whole_pipeline_make_one_claim(cli) -> None:
    """End to end: the ru/uk extractors' own events, added through the CLI."""
    import json

    for name, url in (
        ("ru", "https://severny-vestnik.example/ik7"),
        ("uk", "https://pravo-ua.example/mordovia"),
        ("en", "https://eastern-ledger.example/mordovia"),
    ):
        path = FIXTURES / f"{name}.txt"
        result = cli("add", str(path), "--published", PUBLISHED.isoformat(), "--url", url)
        assert result.exit_code == 0, result.stderr
    result = cli("claims", "--format", "json")
    assert result.exit_code == 0, result.stderr
    enlistments = [g for g in json.loads(result.stdout) if g["type"] == "enlistment"]
    assert len(enlistments) == 1, enlistments
    [group] = enlistments
    assert sorted(e["document"] for e in group["events"]) == [1, 2, 3]
    assert group["independent_sources"] == 3
    assert group["contradiction"] is False


def test_a_credited_translation_is_its_originals_story_not_a_new_source(cli) -> None:
    import json

    for name, url in (
        ("ru", "https://severny-vestnik.example/ik7"),
        ("uk", "https://pravo-ua.example/mordovia"),
        ("en", "https://eastern-ledger.example/mordovia"),
        ("en-translation", "https://translated-news.example/ik7"),
    ):
        result = cli(
            "add", str(FIXTURES / f"{name}.txt"), "--published", PUBLISHED.isoformat(), "--url", url
        )
        assert result.exit_code == 0, result.stderr
    story = json.loads(cli("show", "4", "--story", "--format", "json").stdout)
    assert sorted(story["documents"]) == [1, 4]
    assert story["original"] == 1 and story["basis"] == "credit"  # the credited Russian report
    retelling = json.loads(cli("show", "3", "--story", "--format", "json").stdout)
    assert retelling["documents"] == [3]  # the uncredited English retelling: its own story
    groups = [g for g in json.loads(cli("claims", "--format", "json").stdout)]
    [group] = [g for g in groups if g["type"] == "enlistment"]
    assert sorted(e["document"] for e in group["events"]) == [1, 2, 3, 4]
    assert group["independent_sources"] == 3
