"""The gold-set scorer (storyline.evaluation.mentions) and the validity of every gold file.

Scorer tests use tiny hand-made gold/prediction lists with exact expected counts, so a change
in the matching rules shows up as a precise failure, not a drifting average.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from storyline.errors import InputError, NotFoundError
from storyline.evaluation.mentions import (
    KINDS,
    GoldDoc,
    align,
    evaluate,
    format_table,
    load_gold,
    parse_gold,
    prf,
    score,
    score_documents,
    to_dict,
    to_json,
    value_matches,
)
from storyline.model import EntityMention, QuantityMention, TimeMention

GOLD_DIR = Path(__file__).parent / "gold"
GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))
HOLDOUT_DIR = Path(__file__).parent / "gold_holdout"


# ------------------------------------------------------------------------------ helpers


def quantity(start: int, end: int, value: float | None = 10, **kw: Any) -> dict[str, Any]:
    fields = {"value": value, "low": value, "high": value, "unit": "person", "per": None}
    fields.update(kw)
    return {"kind": "quantity", "start": start, "end": end, "text": "x", **fields}


def time(start: int, end: int, **kw: Any) -> dict[str, Any]:
    fields = {"start_date": "2024-05-21", "end_date": "2024-05-31", "duration": None}
    fields.update(kw)
    return {"kind": "time", "start": start, "end": end, "text": "x", **fields}


def source(start: int, end: int, anonymous: bool = True) -> dict[str, Any]:
    return {
        "kind": "source",
        "start": start,
        "end": end,
        "text": "x",
        "source": "x",
        "anonymous": anonymous,
    }


def hedge(start: int, end: int, certainty: str = "possible") -> dict[str, Any]:
    return {"kind": "hedge", "start": start, "end": end, "text": "x", "certainty": certainty}


def entity(start: int, end: int, type_: str = "LOC") -> dict[str, Any]:
    return {"kind": "entity", "start": start, "end": end, "text": "x", "type": type_}


def counts(scores: Any, kind: str) -> tuple[int, int, int, int, int]:
    s = scores[kind]
    return (s.gold, s.predicted, s.exact, s.overlap, s.value)


# ------------------------------------------------------------------------------- scorer


def test_perfect_prediction_scores_one_everywhere() -> None:
    gold = [quantity(0, 18), time(20, 28), source(30, 60), hedge(61, 72), entity(73, 80)]
    scores = score(gold, [dict(m) for m in gold])
    for kind in KINDS:
        s = scores[kind]
        assert counts(scores, kind) == (1, 1, 1, 1, 1)
        assert s.exact_prf.f1 == s.overlap_prf.f1 == s.value_prf.f1 == 1.0
        assert s.value_accuracy == 1.0
    assert scores.total.gold == 5 and scores.total.value == 5


def test_missing_predictions_lower_recall_only() -> None:
    gold = [quantity(0, 5), quantity(10, 15), quantity(20, 25), quantity(30, 35)]
    scores = score(gold, gold[:3])
    q = scores["quantity"]
    assert counts(scores, "quantity") == (4, 3, 3, 3, 3)
    assert q.exact_prf.precision == 1.0
    assert q.exact_prf.recall == 0.75
    assert q.exact_prf.f1 == pytest.approx(6 / 7)


def test_extra_predictions_lower_precision_only() -> None:
    gold = [entity(0, 5), entity(10, 15)]
    scores = score(gold, [*gold, entity(40, 45)])
    e = scores["entity"]
    assert counts(scores, "entity") == (2, 3, 2, 2, 2)
    assert e.overlap_prf.precision == pytest.approx(2 / 3)
    assert e.overlap_prf.recall == 1.0
    assert e.overlap_prf.f1 == pytest.approx(0.8)


def test_wrong_value_counts_as_span_match_but_not_value_match() -> None:
    gold = [quantity(0, 5, 2000, unit="USD", per="month"), quantity(10, 15, 40)]
    pred = [quantity(0, 5, 2000, unit="USD", per=None), quantity(10, 15, 40)]
    scores = score(gold, pred)
    q = scores["quantity"]
    assert counts(scores, "quantity") == (2, 2, 2, 2, 1)
    assert q.exact_prf.f1 == 1.0
    assert q.value_accuracy == 0.5
    assert (q.value_prf.precision, q.value_prf.recall, q.value_prf.f1) == (0.5, 0.5, 0.5)


def test_overlap_without_exact_span() -> None:
    # gold "About 30,000 women" (0, 18); predicted "30,000 women" (6, 18)
    scores = score([quantity(0, 18, 30000)], [quantity(6, 18, 30000)])
    q = scores["quantity"]
    assert counts(scores, "quantity") == (1, 1, 0, 1, 1)
    assert q.exact_prf.f1 == 0.0
    assert q.overlap_prf.f1 == 1.0
    assert q.value_prf.f1 == 1.0


def test_matching_is_one_to_one() -> None:
    scores = score([entity(0, 10)], [entity(0, 5), entity(5, 10)])
    e = scores["entity"]
    assert counts(scores, "entity") == (1, 2, 0, 1, 1)
    assert e.overlap_prf.precision == 0.5
    assert e.overlap_prf.recall == 1.0


def test_exact_partner_is_preferred_over_a_larger_overlap() -> None:
    gold = [entity(0, 10)]
    alignment = align(gold, [entity(0, 12), entity(0, 10)])
    assert [(p["start"], p["end"]) for _, p in alignment.pairs] == [(0, 10)]
    assert [(p["start"], p["end"]) for p in alignment.spurious] == [(0, 12)]


def test_kinds_never_match_each_other() -> None:
    scores = score([quantity(0, 10)], [entity(0, 10)])
    assert counts(scores, "quantity") == (1, 0, 0, 0, 0)
    assert counts(scores, "entity") == (0, 1, 0, 0, 0)


def test_nested_gold_pairs_with_the_prediction_of_the_right_type() -> None:
    # gold GROUP "Ukrainian officials" (0, 18) with a nested LOC "Ukrainian" (0, 9);
    # a LOC predicted over "Ukrainian of" overlaps the GROUP more, but agrees with the LOC.
    gold = [entity(0, 18, "GROUP"), entity(0, 9, "LOC")]
    alignment = align(gold, [entity(0, 12, "LOC")])
    assert [(g["type"], p["type"]) for g, p in alignment.pairs] == [("LOC", "LOC")]
    assert [g["type"] for g in alignment.missed] == ["GROUP"]
    scores = score(gold, [entity(0, 12, "LOC")])
    assert counts(scores, "entity") == (2, 1, 0, 1, 1)


@pytest.mark.parametrize(
    ("gold", "pred", "same"),
    [
        (quantity(0, 1, 1_200_000), quantity(0, 1, 1_199_999.9999999), True),
        (quantity(0, 1, 1_200_000), quantity(0, 1, 1_210_000), False),
        (quantity(0, 1, None, low=40, high=None), quantity(0, 1, None, low=40, high=None), True),
        (quantity(0, 1, None, low=40, high=None), quantity(0, 1, 40), False),
        (quantity(0, 1, 0), quantity(0, 1, None), False),
        (quantity(0, 1, 5, unit="times"), quantity(0, 1, 5, unit="percent"), False),
        (time(0, 1), time(0, 1), True),
        (time(0, 1), time(0, 1, end_date="2024-05-30"), False),
        (
            time(0, 1, start_date=None, end_date=None, duration="P6M"),
            time(0, 1, start_date=None, end_date=None, duration="P6W"),
            False,
        ),
        (source(0, 1, True), source(0, 1, False), False),
        (hedge(0, 1, "negated"), hedge(0, 1, "negated"), True),
        (hedge(0, 1, "negated"), hedge(0, 1, "unknown"), False),
        (entity(0, 1, "FAC"), entity(0, 1, "LOC"), False),
    ],
)
def test_value_matches(gold: dict[str, Any], pred: dict[str, Any], same: bool) -> None:
    assert value_matches(gold, pred) is same


def test_missing_prediction_fields_count_as_defaults() -> None:
    gold = source(0, 5, anonymous=False)
    pred = {"kind": "source", "start": 0, "end": 5, "text": "x"}
    assert value_matches(gold, pred)


def test_model_records_are_scored_like_contract_dicts() -> None:
    gold = [
        quantity(0, 18, 30000, approximate=True),
        time(20, 28),
        entity(30, 36, "LOC"),
    ]
    pred = [
        QuantityMention(
            start=0, end=18, text="x", value=30000, low=30000, high=30000, unit="person"
        ),
        TimeMention(
            start=20,
            end=28,
            text="x",
            resolved=True,
            start_date=date(2024, 5, 21),
            end_date=date(2024, 5, 31),
            granularity="part-of-month",
        ),
        EntityMention(start=30, end=36, text="x", type="LOC"),
    ]
    scores = score(gold, pred)
    assert scores.total.value == 3 and scores.total.predicted == 3


def test_scores_are_micro_averaged_over_documents() -> None:
    docs = [
        GoldDoc("a", None, "x" * 50, (quantity(0, 5),)),
        GoldDoc("b", None, "x" * 50, (quantity(0, 5), quantity(10, 15), quantity(20, 25))),
    ]
    preds = {"a": [quantity(0, 5)], "b": [quantity(0, 5), entity(30, 35)]}
    scores = score_documents(docs, preds)
    assert scores.documents == 2
    assert counts(scores, "quantity") == (4, 2, 2, 2, 2)
    assert scores["quantity"].overlap_prf.recall == 0.5
    assert counts(scores, "entity") == (0, 1, 0, 0, 0)
    assert scores["entity"].overlap_prf.precision == 0.0
    assert scores["entity"].overlap_prf.recall is None
    assert (scores.total.gold, scores.total.predicted, scores.total.overlap) == (4, 3, 2)


def test_score_documents_requires_predictions_for_every_document() -> None:
    docs = [GoldDoc("a", None, "text", ()), GoldDoc("b", None, "text", ())]
    with pytest.raises(ValueError, match="no predictions for: b"):
        score_documents(docs, {"a": []})


def test_evaluate_runs_the_predictor_on_each_document() -> None:
    docs = [GoldDoc("a", date(2024, 6, 20), "late May", (time(0, 8),))]
    seen: list[tuple[str, date | None]] = []

    def predict(doc: GoldDoc) -> list[dict[str, Any]]:
        seen.append((doc.text, doc.published))
        return [time(0, 8)]

    scores = evaluate(docs, predict)
    assert seen == [("late May", date(2024, 6, 20))]
    assert scores["time"].value_prf.f1 == 1.0


@pytest.mark.parametrize(
    ("tp", "gold", "pred", "expected"),
    [
        (0, 0, 0, (None, None, None)),
        (0, 3, 0, (None, 0.0, 0.0)),
        (0, 0, 2, (0.0, None, 0.0)),
        (1, 2, 4, (0.25, 0.5, pytest.approx(1 / 3))),
    ],
)
def test_prf_edge_cases(tp: int, gold: int, pred: int, expected: tuple[Any, ...]) -> None:
    result = prf(tp, gold, pred)
    assert (result.precision, result.recall, result.f1) == expected


def test_format_table_and_json() -> None:
    scores = score([quantity(0, 18), entity(20, 25)], [quantity(6, 18)])
    table = format_table(scores)
    lines = table.splitlines()
    assert lines[0] == "1 documents"
    assert [line.split()[0] for line in lines[3:]] == [*KINDS, "all"]
    quantity_row = next(line for line in lines if line.startswith("quantity"))
    assert " ".join(quantity_row.split()) == (
        "quantity 1 1 | 0.000 0.000 0.000 | 1.000 1.000 1.000 | 1.000 1.000 1.000 1.000"
    )
    hedge_row = next(line for line in lines if line.startswith("hedge"))
    assert " ".join(hedge_row.split()) == "hedge 0 0 | - - - | - - - | - - - -"

    data = json.loads(to_json(scores))
    assert data == to_dict(scores)
    assert data["documents"] == 1
    assert data["kinds"]["quantity"]["exact"] == {
        "tp": 0,
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
    }
    assert data["kinds"]["quantity"]["value"]["accuracy"] == 1.0
    assert data["kinds"]["entity"]["overlap"]["recall"] == 0.0
    assert data["all"]["gold"] == 2 and data["all"]["predicted"] == 1


# ----------------------------------------------------------------------- gold validation


def _gold(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "schema": "storyline.gold/1",
        "name": "tiny",
        "published": "2024-06-20",
        "text": "Title\n\nWomen left in late May.",
        "mentions": [
            {
                "id": "t1",
                "kind": "time",
                "start": 21,
                "end": 29,
                "text": "late May",
                "resolved": True,
                "start_date": "2024-05-21",
                "end_date": "2024-05-31",
                "granularity": "part-of-month",
                "relative": True,
                "duration": None,
            },
        ],
    }
    doc.update(changes)
    return doc


def test_parse_gold_accepts_a_valid_document() -> None:
    doc = parse_gold(_gold())
    assert doc.name == "tiny" and doc.published == date(2024, 6, 20)
    assert doc.mentions[0]["text"] == "late May"


@pytest.mark.parametrize(
    ("mention_changes", "doc_changes", "message"),
    [
        ({"start": 20}, {}, r"mention 1 \(t1\): text 'late May' != text\[20:29\]"),
        ({"end": 99}, {}, r"bad offsets"),
        ({"kind": "event"}, {}, r"unknown kind 'event'"),
        ({"granularity": "fortnight"}, {}, r"unknown granularity"),
        ({"start_date": "2024-06-01"}, {}, r"start_date after end_date"),
        ({}, {"published": None}, r"relative time cannot be resolved"),
        ({}, {"published": "20 June"}, r'"published" must be an ISO date'),
        ({}, {"schema": "storyline.extraction/1"}, r"not a gold document"),
    ],
)
def test_parse_gold_rejects_broken_documents(
    mention_changes: dict[str, Any], doc_changes: dict[str, Any], message: str
) -> None:
    data = _gold(**doc_changes)
    data["mentions"][0].update(mention_changes)
    with pytest.raises(InputError, match=message):
        parse_gold(data, "tiny.json")


def test_load_gold_reports_missing_and_empty_directories(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        load_gold(tmp_path / "nowhere")
    with pytest.raises(InputError, match="no gold files"):
        load_gold(tmp_path)
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.json: not valid JSON"):
        load_gold(tmp_path)


# --------------------------------------------------------------------------- the gold set


def test_gold_set_size_and_coverage() -> None:
    docs = load_gold(GOLD_DIR)
    assert len(docs) >= 16
    assert sum(d.published is None for d in docs) >= 3
    mentions = [m for d in docs for m in d.mentions]
    by_kind = {k: [m for m in mentions if m["kind"] == k] for k in KINDS}
    assert all(len(v) >= 30 for v in by_kind.values())
    assert {m["type"] for m in by_kind["entity"]} == {"PER", "ORG", "LOC", "FAC", "GROUP"}
    assert {m["certainty"] for m in by_kind["hedge"]} == {"possible", "unknown", "negated"}
    granularities = {m["granularity"] for m in by_kind["time"]}
    assert granularities >= {
        "day",
        "week",
        "part-of-month",
        "month",
        "season",
        "quarter",
        "year",
        "decade",
        "range",
        "open",
        "duration",
    }
    units = {m["unit"] for m in by_kind["quantity"]}
    assert units >= {"person", "USD", "RUB", "UAH", "EUR", "percent", "times", "year", "km"}
    assert any(m["part_of"] for m in by_kind["quantity"])
    assert any(m["value"] is None and m["low"] and m["high"] for m in by_kind["quantity"])
    assert {True, False} == {m["anonymous"] for m in by_kind["source"]}


def test_holdout_set_is_valid_gold() -> None:
    """The held-out set (never tuned against) loads and validates like any gold folder."""
    docs = load_gold(HOLDOUT_DIR)
    assert len(docs) >= 8
    assert {m["kind"] for d in docs for m in d.mentions} == set(KINDS)


def test_gold_set_scores_perfectly_against_itself() -> None:
    docs = load_gold(GOLD_DIR)
    scores = score_documents(docs, {d.name: d.mentions for d in docs})
    assert scores.total.value == scores.total.gold == scores.total.predicted


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_file_is_valid(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    doc = parse_gold(data, path)  # schema, offsets, kinds and value fields
    assert doc.name == path.stem
    headline, sep, body = doc.text.partition("\n\n")
    assert sep and headline and "\n" not in headline
    assert 150 <= len(body.split()) <= 400
    for m in data["mentions"]:
        assert doc.text[m["start"] : m["end"]] == m["text"]
        assert m["text"] == m["text"].strip()
    # ids run q1, q2… per kind in order of start; part_of and entity refs resolve
    for kind in KINDS:
        ids = [m["id"] for m in data["mentions"] if m["kind"] == kind]
        assert ids == [f"{kind[0]}{i}" for i in range(1, len(ids) + 1)]
    entity_ids = {e["id"] for e in data["entities"]}
    assert {m["entity"] for m in data["mentions"] if m["kind"] == "entity"} == entity_ids
    for m in data["mentions"]:
        if m["kind"] == "source":
            assert doc.text[m["source_start"] : m["source_end"]] == m["source"]
            assert m["start"] <= m["source_start"] < m["source_end"] <= m["end"]
        if m["kind"] == "time" and m["granularity"] == "duration":
            assert re.fullmatch(r"PT?\d+[YMWDH]", m["duration"])
            assert m["start_date"] is None and m["end_date"] is None
        if m["kind"] == "time" and doc.published is None and m["relative"]:
            assert not m["resolved"] and m["start_date"] is None
