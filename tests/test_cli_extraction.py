"""extract, eval, add-with-mentions, show --mentions and set --published through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

PASTE = """Recruiters return to the colony

Military recruiters visited the penal colony again in late May, according to two former
inmates. About 40 of the colony's 400 inmates signed contracts last month, they said.
It is unclear whether more visits are planned.
"""


def test_extract_prints_the_json_contract_without_a_database(cli, tmp_path: Path) -> None:
    result = cli("extract", "-", "--published", "2024-06-20", "--format", "json", input=PASTE)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == "storyline.extraction/1"
    assert data["document"]["title"] == "Recruiters return to the colony"
    assert data["document"]["published"] == "2024-06-20"
    by_text = {m["text"]: m for m in data["mentions"]}
    assert by_text["late May"]["start_date"] == "2024-05-21"
    assert by_text["last month"]["start_date"] == "2024-05-01"
    forty = next(m for m in data["mentions"] if m["text"].startswith("About 40"))
    whole = next(m for m in data["mentions"] if m["text"].startswith("400"))
    assert forty["part_of"] == whole["id"]
    assert not (tmp_path / "storyline.db").exists()


def test_add_stores_the_same_mentions_that_extract_prints(cli, write) -> None:
    path = write("paste.txt", PASTE)
    printed = json.loads(cli("extract", str(path), "--format", "json").stdout)
    assert cli("add", str(path)).exit_code == 0
    stored = json.loads(cli("show", "1", "--format", "json").stdout)
    assert stored["mentions"] == printed["mentions"]
    assert stored["entities"] == printed["entities"]
    assert stored["versions"]["extractor"]


def test_set_published_resolves_relative_dates(cli, write) -> None:
    cli("add", str(write("paste.txt", PASTE)))
    before = json.loads(cli("show", "1", "--format", "json").stdout)
    late_may = next(m for m in before["mentions"] if m["text"] == "late May")
    assert (late_may["resolved"], late_may["start_date"]) == (False, None)
    result = cli("set", "1", "--published", "2024-06-20")
    assert result.exit_code == 0
    assert "re-resolved" in result.stdout
    after = json.loads(cli("show", "1", "--format", "json").stdout)
    late_may = next(m for m in after["mentions"] if m["text"] == "late May")
    assert (late_may["start_date"], late_may["end_date"]) == ("2024-05-21", "2024-05-31")
    assert after["document"]["published"] == "2024-06-20"


def test_show_mentions_marks_each_kind(cli, write) -> None:
    cli("add", str(write("paste.txt", PASTE)))
    shown = cli("show", "1", "--mentions").stdout
    assert "{late May}" in shown
    assert "[About 40" in shown
    assert "~It is unclear whether~" in shown
    assert "legend:" in shown and "[quantity]" in shown
    assert "«" in shown  # entities are marked without colour too


def test_eval_scores_a_gold_folder(cli, tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    text = "Flood\n\nAbout 300 people fled on Monday, officials said."
    start = text.index("About 300 people")
    (gold / "one.json").write_text(
        json.dumps(
            {
                "schema": "storyline.gold/1",
                "name": "one",
                "published": "2025-03-14",
                "text": text,
                "mentions": [
                    {
                        "id": "q1",
                        "kind": "quantity",
                        "start": start,
                        "end": start + 16,
                        "text": "About 300 people",
                        "value": 300,
                        "low": 300,
                        "high": 300,
                        "approximate": True,
                        "unit": "person",
                        "per": None,
                        "counts": "people",
                        "part_of": None,
                    }
                ],
            }
        )
    )
    result = cli("eval", str(gold), "--format", "json")
    assert result.exit_code == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["kinds"]["quantity"]["value"]["recall"] == 1.0
    missing = cli("eval", str(tmp_path / "nothing"))
    assert missing.exit_code == 1
    assert missing.stderr.strip() == f"error: {tmp_path / 'nothing'}: no such file or directory"


def test_extract_bad_input(cli, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = cli("extract", str(empty))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {empty}: empty input (no text)"
