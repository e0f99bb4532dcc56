"""Agreement between two annotations of the same reports (storyline.evaluation.agreement)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from storyline.evaluation import agreement, realset

TEXTS = {
    "a": "Recruiters visit colony\n\nRecruiters visited the colony on Monday, a guard said. "
    "Forty inmates signed contracts.",
    "b": "Inmates sign up\n\nForty inmates signed contracts after recruiters visited, "
    "the prison service said.",
}


def _span(name: str, phrase: str) -> dict[str, Any]:
    start = TEXTS[name].index(phrase)
    return {"start": start, "end": start + len(phrase), "text": phrase}


def _event(name: str, kind: str, trigger: str) -> dict[str, Any]:
    return {"type": kind, "certainty": "asserted", "trigger": _span(name, trigger), "roles": {}}


def _source(name: str, phrase: str, anonymous: bool) -> dict[str, Any]:
    return {
        "id": "s1",
        "kind": "source",
        **_span(name, phrase),
        "source_start": None,
        "source_end": None,
        "anonymous": anonymous,
    }


def _write(
    root: Path,
    split: str,
    events: dict[str, list[dict[str, Any]]],
    sources: dict[str, list[dict[str, Any]]],
    groups: list[list[tuple[str, str]]],
) -> Path:
    """Write a split as a maintainer would import it: cards without texts, and claims."""
    annotated = root / f"annotated-{split}" / "happening"
    annotated.mkdir(parents=True)
    meta = {}
    for name, text in TEXTS.items():
        gold = {
            "schema": "storyline.gold/1",
            "name": name,
            "published": "2024-05-01",
            "language": "en",
            "text": text,
            "mentions": sources[name],
            "entities": [],
            "events": events[name],
        }
        (annotated / f"{name}.json").write_text(json.dumps(gold))
        meta[name] = {
            "url": f"https://example.org/{name}",
            "outlet": "example.org",
            "split": split,
            "happening": "happening",
            "retrieval": {"corpus": "pages", "query": "q"},
        }
    claims = {
        "happening": "happening",
        "documents": {n: {"story": n, "outlet": "example.org", "published": None} for n in TEXTS},
        "groups": [
            {
                "type": "enlistment",
                "members": [
                    {"document": n, **{k: v for k, v in _span(n, t).items() if k != "text"}}
                    for n, t in group
                ],
            }
            for group in groups
        ],
    }
    (annotated / "claims-happening.json").write_text(json.dumps(claims))
    realset.import_annotations(annotated.parent, meta, root / "set", root / "set" / "texts")
    return root / "set" / split


def test_a_second_annotation_is_scored_with_the_extractors_scorers(tmp_path: Path) -> None:
    first = _write(
        tmp_path,
        "one",
        {
            "a": [_event("a", "recruitment_visit", "visited"), _event("a", "enlistment", "signed")],
            "b": [_event("b", "enlistment", "signed")],
        },
        {
            "a": [_source("a", "a guard said", True)],
            "b": [_source("b", "the prison service said", False)],
        },
        [[("a", "signed"), ("b", "signed")]],
    )
    second = _write(
        tmp_path,
        "two",
        {
            "a": [_event("a", "enlistment", "signed")],
            "b": [_event("b", "enlistment", "signed"), _event("b", "recruitment_visit", "visited")],
        },
        {
            "a": [_source("a", "a guard said", False)],
            "b": [_source("b", "the prison service said", False)],
        },
        [[("a", "signed"), ("b", "signed")]],
    )
    result = agreement.agreement(first, second, tmp_path / "set" / "texts")
    assert result.documents == 2
    # two of three events each way agree: F1 = 2*2 / (3 + 3)
    assert result.events["type"]["f1"] == pytest.approx(2 / 3)
    # both sources overlap; one has the other anonymity
    assert result.source_value_f1 == pytest.approx(0.5)
    assert result.kinds["source"] == {"first": 2, "second": 2, "value_f1": pytest.approx(0.5)}
    assert result.anonymity_agreement == pytest.approx(0.5)
    assert (result.pairs_first, result.pairs_shared_of_first) == (1, 1)


def test_annotations_of_different_reports_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _write(tmp_path, "one", {"a": [], "b": []}, {"a": [], "b": []}, [])
    other = tmp_path / "set" / "other"
    other.mkdir()
    card = json.loads((first / "a.json").read_text())
    (other / "a.json").write_text(json.dumps(card))
    code = agreement.main([str(first), str(other), "--texts", str(tmp_path / "set" / "texts")])
    assert code == 2
    assert "do not cover the same reports" in capsys.readouterr().err
