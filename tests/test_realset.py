"""Real-report sets: annotations committed without texts, joined with them at run time.

The texts here are written for the test (tests never read ../shared or a retrieved set).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.errors import InputError, NotFoundError
from storyline.evaluation.mentions import load_gold
from storyline.evaluation.realset import (
    hydrate,
    import_annotations,
    is_real_set,
    prepare_text,
    sha256,
)

TEXT = (
    "Recruiters visit colony\n\n"
    "Military recruiters visited Penal Colony No. 6 in early May, two inmates said. "
    "About 40 men signed contracts."
)


def gold_file() -> dict:
    said = TEXT.index("two inmates said")
    signed = TEXT.index("signed")
    visited = TEXT.index("visited")
    actor = TEXT.index("Military recruiters")
    return {
        "schema": "storyline.gold/1",
        "name": "visit",
        "published": "2024-05-20",
        "text": TEXT,
        "codebook": "prison-recruitment",
        "language": "en",
        "entities": [{"id": "E1", "type": "FAC", "name": "Penal Colony No. 6"}],
        "mentions": [
            {
                "id": "s1",
                "kind": "source",
                "start": said,
                "end": said + 16,
                "text": "two inmates said",
                "source": "two inmates",
                "source_start": said,
                "source_end": said + 11,
                "anonymous": True,
            }
        ],
        "events": [
            {
                "type": "recruitment_visit",
                "certainty": "reported",
                "trigger": {"start": visited, "end": visited + 7, "text": "visited"},
                "roles": {
                    "actor": [{"start": actor, "end": actor + 19, "text": "Military recruiters"}]
                },
            },
            {
                "type": "enlistment",
                "certainty": "asserted",
                "trigger": {"start": signed, "end": signed + 6, "text": "signed"},
                "roles": {},
            },
        ],
    }


@pytest.fixture
def real_set(tmp_path: Path) -> Path:
    annotated = tmp_path / "annotated" / "happening"
    annotated.mkdir(parents=True)
    (annotated / "visit.json").write_text(json.dumps(gold_file()))
    claims = {
        "happening": "happening",
        "documents": {"visit": {"story": "a", "outlet": "example.org", "published": None}},
        "groups": [],
    }
    (annotated / "claims-happening.json").write_text(json.dumps(claims))
    meta = {
        "visit": {
            "url": "https://example.org/visit",
            "outlet": "example.org",
            "split": "dev",
            "happening": "happening",
            "retrieval": {"corpus": "pages", "query": "recruiters visit colony"},
        }
    }
    import_annotations(tmp_path / "annotated", meta, tmp_path / "set", tmp_path / "set" / "texts")
    return tmp_path / "set"


def test_committed_annotations_hold_no_text(real_set: Path) -> None:
    committed = (real_set / "dev" / "visit.json").read_text()
    assert "recruiters visited" not in committed.lower() and '"text"' not in committed
    data = json.loads(committed)
    assert data["sha256"] == sha256(TEXT) and data["chars"] == len(TEXT)
    assert data["url"] == "https://example.org/visit"
    assert is_real_set(real_set / "dev") and not is_real_set(real_set)


def test_the_language_and_entity_records_are_kept(tmp_path: Path) -> None:
    """A Russian report stays Russian (`storyline eval` reports per language) and keeps the
    entity names its cross-language links are scored against."""
    gold = {**gold_file(), "language": "ru"}
    annotated = tmp_path / "annotated" / "happening"
    annotated.mkdir(parents=True)
    (annotated / "visit.json").write_text(json.dumps(gold))
    meta = {
        "visit": {
            "url": "https://example.org/visit",
            "outlet": "example.org",
            "split": "dev",
            "retrieval": {"corpus": "pages", "query": "q"},
        }
    }
    import_annotations(tmp_path / "annotated", meta, tmp_path / "set", tmp_path / "set" / "texts")
    data = json.loads((tmp_path / "set" / "dev" / "visit.json").read_text())
    assert data["language"] == "ru"
    assert data["entities"] == [{"id": "E1", "type": "FAC", "name": "Penal Colony No. 6"}]
    out = hydrate(tmp_path / "set" / "dev", tmp_path / "set" / "texts", tmp_path / "out")
    assert json.loads((out / "gold" / "visit.json").read_text())["language"] == "ru"


def test_hydrate_gives_back_the_gold_file_with_its_texts(real_set: Path, tmp_path: Path) -> None:
    out = hydrate(real_set / "dev", real_set / "texts", tmp_path / "out")
    [doc] = load_gold(out / "gold")
    assert doc.text == TEXT and doc.mentions[0]["text"] == "two inmates said"
    again = json.loads((out / "gold" / "visit.json").read_text())
    assert again["events"] == gold_file()["events"]
    assert again["mentions"][0]["source"] == "two inmates"
    case = json.loads((out / "claims" / "all" / "gold.json").read_text())
    assert [s["trigger"] for s in case["singletons"]] == ["visited", "signed"]


def test_a_text_that_differs_from_the_annotated_one_is_refused(
    real_set: Path, tmp_path: Path
) -> None:
    (real_set / "texts" / "visit.txt").write_text(TEXT + " Updated.")
    with pytest.raises(InputError, match="sha256"):
        hydrate(real_set / "dev", real_set / "texts", tmp_path / "out")
    (real_set / "texts" / "visit.txt").unlink()
    with pytest.raises(NotFoundError, match="not retrieved"):
        hydrate(real_set / "dev", real_set / "texts", tmp_path / "out")


def test_prepare_text_makes_paragraphs_and_drops_an_unfinished_end() -> None:
    raw = "Headline here\n\n\nFirst  para.\nSecond para ends well.”\nThird is cut off in the mid"
    assert prepare_text(raw) == "Headline here\n\nFirst para.\n\nSecond para ends well.”"
    assert prepare_text("One. Two is cut") == "One."


def test_no_real_report_text_is_committed() -> None:
    """Real reports belong to their publishers: the sets commit offsets, URL and sha256,
    never the texts (two texts folders were once committed by mistake)."""
    import shutil
    import subprocess

    root = Path(__file__).resolve().parent.parent
    if shutil.which("git") is None or not (root / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(
        ["git", "ls-files", "realsets"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.split()
    assert [p for p in tracked if "/texts/" in p] == []
