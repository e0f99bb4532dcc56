"""Places through the whole pipeline: extraction JSON, the store, and ``storyline eval --places``.

These load the spaCy model, so they are marked slow.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import storyline
from storyline.evaluation.mentions import load_gold
from storyline.evaluation.places import score_extractions
from storyline.extract import extract_documents
from storyline.extract.contract import extraction_to_json

pytestmark = pytest.mark.slow

TESTS = Path(__file__).parent.parent
#: Pipeline accuracy on tests/gold, measured 2026-11-28 (places/1): 0.966 (56/58); the
#: misses are a river (no gazetteer entry) and a town the extractor mistyped its country for.
PIPELINE_FLOOR = 0.93

REPORT = """Georgian Inmates Say They Were Recruited Near St. Petersburg

Recruiters visited a prison outside St. Petersburg in April and offered Georgian inmates
contracts to fight in Ukraine, two men who have since returned to Tbilisi said.
Russian officials did not comment.
"""


def _places(entities: list[dict]) -> dict[str, dict]:
    return {e["name"]: e for e in entities if e["type"] in {"LOC", "FAC"}}


def test_extraction_json_carries_geo() -> None:
    data = extraction_to_json(storyline.extract(REPORT))
    assert data["versions"]["place"] == "places/1"
    places = _places(data["entities"])
    city = places["Saint Petersburg"]
    assert city["geo"]["country"] == "RU" and city["geo"]["feature"] == "city"
    prison = next(e for e in places.values() if e["type"] == "FAC")
    assert prison["geo"]["near"] == city["id"]
    assert prison["geo"]["relation"] == "outside"
    assert prison["geo"]["lat"] == city["geo"]["lat"]
    assert places["Tbilisi"]["geo"]["country"] == "GE"
    assert all(e["geo"] is None for e in data["entities"] if e["type"] not in {"LOC", "FAC"})


def test_the_store_keeps_the_geo_that_extract_prints(cli, write) -> None:
    path = write("report.txt", REPORT)
    printed = json.loads(cli("extract", str(path), "--format", "json").stdout)
    assert _places(printed["entities"])["Saint Petersburg"]["geo"]["country"] == "RU"
    assert cli("add", str(path)).exit_code == 0
    stored = json.loads(cli("show", "1", "--format", "json").stdout)
    assert stored["entities"] == printed["entities"]


def test_eval_places_prints_place_accuracy(cli, tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    shutil.copy(TESTS / "gold_places" / "georgian-inmates-recruited.json", gold)
    table = cli("eval", str(gold), "--places")
    assert table.exit_code == 0, table.stderr
    rows = {line.split()[0]: line.split() for line in table.stdout.splitlines() if line}
    assert rows["resolver"][1] == "14" and rows["pipeline"][1] == "14"
    assert float(rows["resolver"][4]) >= 0.9
    as_json = json.loads(cli("eval", str(gold), "--places", "--format", "json").stdout)
    assert as_json["places"]["resolver"]["gold"] == 14
    assert as_json["kinds"]["entity"]["gold"] > 0
    plain = json.loads(cli("eval", str(gold), "--format", "json").stdout)
    assert "places" not in plain


def test_pipeline_place_accuracy_stays_above_its_floor() -> None:
    gold = load_gold(TESTS / "gold")
    scores = score_extractions(gold, list(extract_documents(d.as_document() for d in gold)))
    wrong = [(o.gold.document, o.gold.name) for o in scores.wrong]
    assert scores.accuracy is not None and scores.accuracy >= PIPELINE_FLOOR, wrong
