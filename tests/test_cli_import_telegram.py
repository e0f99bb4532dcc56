"""``storyline import telegram``: posts of a Telegram Desktop JSON export become documents."""

from __future__ import annotations

import json
from pathlib import Path

POST = (
    "Guards at the Calder penal colony told prisoners on Monday that those who sign a "
    "contract with the defence ministry will be released after six months at the front. "
    "At least forty men from the colony signed up this week, two relatives said. The "
    "colony administration did not answer our questions about the recruitment drive."
)


def _export(path: Path, name: str, channel_id: int, messages: list[dict]) -> Path:
    path.write_text(
        json.dumps(
            {"name": name, "type": "public_channel", "id": channel_id, "messages": messages},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return path


def _message(number: int, text: object, unix: int, **more: object) -> dict:
    return {
        "id": number,
        "type": "message",
        "date": "2024-06-20T10:00:00",
        "date_unixtime": str(unix),
        "from": "Calder Watch",
        "text": text,
        **more,
    }


def calder_export(tmp_path: Path) -> Path:
    return _export(
        tmp_path / "calder.json",
        "Calder Watch",
        1001,
        [
            {"id": 1, "type": "service", "date": "2024-06-01T09:00:00", "action": "create"},
            _message(2, POST, 1718877600),  # 2024-06-20 10:00 UTC
            _message(
                3,
                ["Police detained ", {"type": "bold", "text": "twelve protesters"}, " in Calder."],
                1718964000,
            ),
            _message(4, "", 1718964100, photo="photos/photo_4.jpg"),
        ],
    )


def test_posts_become_documents_with_channel_link_and_date(cli, tmp_path: Path) -> None:
    export = calder_export(tmp_path)
    result = cli(
        "import", "telegram", str(export), "--username", "calderwatch", "--no-extract",
        "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    outcomes = json.loads(result.stdout)
    assert [(o["status"], o["document"]) for o in outcomes] == [("added", 1), ("added", 2)]
    assert outcomes[0]["input"] == f"{export}#calderwatch/2"
    assert "1 media-only post(s) skipped" in result.stderr
    assert "1 service message(s) skipped" in result.stderr

    first = json.loads(cli("show", "1", "--format", "json").stdout)
    assert first["document"]["outlet"] == "Calder Watch"
    assert first["document"]["url"] == "https://t.me/calderwatch/2"
    assert first["document"]["published"] == "2024-06-20"
    assert first["document"]["published_source"] == "telegram"
    assert first["versions"]["parser"] == "telegram/1"
    assert first["text"] == POST
    second = json.loads(cli("show", "2", "--format", "json").stdout)
    assert second["text"] == "Police detained twelve protesters in Calder."
    assert second["document"]["published"] == "2024-06-21"

    # The export folder names the same file; without --username the posts are the same.
    folder = tmp_path / "ChatExport_2024-06-30"
    folder.mkdir()
    export.rename(folder / "result.json")
    export = folder / "result.json"
    again = cli("import", "telegram", str(folder), "--no-extract", "--format", "json")
    assert [o["status"] for o in json.loads(again.stdout)] == ["duplicate", "duplicate"]
    assert cli("verify").exit_code == 0


def test_forwarded_post_credits_the_original_channel(cli, tmp_path: Path) -> None:
    relay = _export(
        tmp_path / "relay.json",
        "Lowland Relay",
        2002,
        [_message(7, POST, 1718881200, forwarded_from="Calder Watch")],
    )
    # The forward is imported first, and is captured first: only its credit can tell
    # which channel had the post first.
    assert cli("import", "telegram", str(relay), "--no-extract").exit_code == 0
    assert cli("import", "telegram", str(calder_export(tmp_path)), "--no-extract").exit_code == 0
    forward = json.loads(cli("show", "1", "--format", "json").stdout)
    assert forward["text"] == f"Forwarded from Calder Watch\n\n{POST}"
    story = json.loads(cli("show", "1", "--story", "--format", "json").stdout)
    assert story["documents"] == [1, 2]
    assert story["original"] == 2
    assert story["basis"] == "credit"


def test_not_an_export_is_one_clear_error(cli, tmp_path: Path) -> None:
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    result = cli("import", "telegram", str(bad))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {bad}: not a Telegram JSON export (no 'messages' list)"
    assert json.loads(cli("list", "--format", "json").stdout) == []


def test_export_over_the_export_cap_is_refused(cli, tmp_path: Path, monkeypatch) -> None:
    export = calder_export(tmp_path)
    monkeypatch.setenv("STORYLINE_MAX_EXPORT_BYTES", "100")
    result = cli("import", "telegram", str(export))
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"error: {export}: larger than the 100-byte limit (set STORYLINE_MAX_EXPORT_BYTES)"
    )
