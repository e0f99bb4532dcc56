"""Hostile and odd inputs through the real CLI: each gets its own outcome, the batch goes on."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.store.blobs import BlobStore

GOOD_ONE = "On Monday police detained 12 protesters in Samara, officials said.\n"
GOOD_TWO = "On Tuesday 40 people were arrested in Kazan, the interior ministry said.\n"
RELATIVE = (
    "Arrests in Kazan\n\nYesterday police detained five people. Last year three died in the "
    "same prison, and a trial is due next week, two weeks from now.\n"
)


def _outcomes(result) -> list[tuple[str, str]]:
    return [(o["input"], o["status"]) for o in json.loads(result.stdout)]


def test_bad_urls_and_odd_texts_never_end_the_batch(cli, write) -> None:
    first = write("g1.txt", GOOD_ONE)
    second = write("g2.txt", GOOD_TWO)
    summer = write("summer.txt", "It was a long summer.</p> Police detained five people.\n")
    autumn = write("autumn.txt", "Autumn/ came, and police detained three people in Ufa.\n")
    items = [
        str(first),
        "http://0177.0.0.1:9/x",
        "http://[::1/",
        "http://a..b/",
        "http://１２７.0.0.1:9/",
        str(summer),
        str(autumn),
        str(second),
    ]
    result = cli("add", "--format", "json", *items)
    assert result.exit_code == 1
    outcomes = _outcomes(result)
    assert [i for i, _ in outcomes] == items  # one outcome per input, in order
    assert [s for _, s in outcomes] == [
        "added",
        "failed",
        "failed",
        "failed",
        "failed",
        "added",
        "added",
        "added",
    ]
    assert "Traceback" not in result.stderr
    assert len(json.loads(cli("list", "--format", "json").stdout)) == 4


def test_odd_urls_get_one_line_each_in_the_table(cli, write) -> None:
    good = write("g1.txt", GOOD_ONE)
    result = cli("add", "--no-extract", "http://[::1/", "http://a..b/", str(good))
    assert result.exit_code == 1
    assert "error: http://[::1/: not a valid web address" in result.stderr
    assert "error: http://a..b/: not a valid host name: 'a..b'" in result.stderr
    assert f"{good}: added as document 1" in result.stdout
    assert "3 inputs: 1 added, 0 duplicate, 2 failed" in result.stderr


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01"])
def test_relative_dates_at_the_ends_of_the_calendar(cli, write, published: str) -> None:
    report = write("relative.txt", RELATIVE)
    result = cli("add", "--format", "json", "--published", published, str(report))
    assert result.exit_code == 0, result.stderr
    assert _outcomes(result) == [(str(report), "added")]
    shown = json.loads(cli("show", "1", "--format", "json").stdout)
    assert shown["document"]["published"] == published
    assert any(m["kind"] == "time" for m in shown["mentions"])


def test_a_full_disk_fails_that_input_with_a_clear_message(
    cli, write, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = write("g1.txt", GOOD_ONE), write("g2.txt", GOOD_TWO)
    real_put = BlobStore.put

    def full_once(self: BlobStore, sha256: str, data: bytes) -> bool:
        if b"Samara" in data:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_put(self, sha256, data)

    monkeypatch.setattr(BlobStore, "put", full_once)
    result = cli("add", "--no-extract", str(first), str(second))
    assert result.exit_code == 1
    assert f"error: {first}: disk full: no space left on the device" in result.stderr
    assert f"{second}: added as document" in result.stdout
    listing = json.loads(cli("list", "--format", "json").stdout)
    assert [d["title"] for d in listing] == ["(untitled)"]  # only the second report


def test_captures_live_beside_a_plain_db_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write
) -> None:
    home, elsewhere = tmp_path / "archive", tmp_path / "elsewhere"
    home.mkdir()
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.delenv("STORYLINE_DATA_DIR", raising=False)
    runner = CliRunner()
    db = str(home / "team.db")
    added = runner.invoke(app, ["--db", db, "add", "--no-extract", str(write("g1.txt", GOOD_ONE))])
    assert added.exit_code == 0, added.stderr
    assert any(p.is_file() for p in (home / "storyline-data").rglob("*"))
    assert not (elsewhere / "storyline-data").exists()
    verified = runner.invoke(app, ["--db", db, "verify"])
    assert verified.exit_code == 0
    assert verified.stdout.strip() == "1 captures checked: 1 ok, 0 bad"


def test_invisible_documents_are_refused(cli, write) -> None:
    blank = write("blank.txt", "\u200b\u200b \u200d\n\n\u2060 \u00a0\n")
    result = cli("add", "--no-extract", str(blank))
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"error: {blank}: no visible text (only spaces or invisible characters)"
    )


def test_nul_characters_are_stored_on_every_backend(cli, write) -> None:
    report = write("nul.txt", "Arrests\x00 in Kazan\n\nPolice detained\x00 five people.\n")
    result = cli("add", "--no-extract", str(report))
    assert result.exit_code == 0, result.stderr
    shown = json.loads(cli("show", "1", "--format", "json").stdout)
    assert "\x00" not in shown["text"]
    assert "Police detained\ufffd five people." in shown["text"]


def test_bidi_controls_are_stripped_from_titles(cli, write) -> None:
    report = write("bidi.txt", "Invoice \u202egpj.exe\u202c\n\nPolice detained five people.\n")
    cli("add", "--no-extract", str(report))
    shown = json.loads(cli("show", "1", "--format", "json").stdout)
    assert shown["document"]["title"] == "Invoice gpj.exe"
