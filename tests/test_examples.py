"""The example reports `make demo` ingests: each one parses and stores as intended."""

from __future__ import annotations

import json
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_every_example_is_added_with_its_metadata(cli) -> None:
    files = sorted(str(p) for p in EXAMPLES.iterdir() if p.suffix in {".html", ".txt"})
    result = cli("add", "--format", "json", *files)
    assert result.exit_code == 0, result.stderr
    outcomes = json.loads(result.stdout)
    assert [o["status"] for o in outcomes] == ["added"] * len(files) and len(files) >= 5
    listing = json.loads(cli("list", "--format", "json", "--limit", "100").stdout)
    languages = {d["language"] for d in listing}
    assert languages == {"en", "ru"}
    assert any(d["published"] == "unknown" for d in listing)  # pastes without a date
    for document in listing:
        shown = json.loads(cli("show", str(document["id"]), "--format", "json").stdout)
        assert "Leave a Reply" not in shown["text"]
        assert "#" not in shown["text"]
        if document["language"] == "en":
            assert {m["kind"] for m in shown["mentions"]} >= {"quantity", "time", "entity"}
