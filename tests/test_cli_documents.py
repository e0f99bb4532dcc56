"""The document commands through the real CLI, on both backends: add, list, show, set, verify."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

Cli = Callable[..., object]


def add_json(cli, *args, input=None) -> tuple[int, list[dict]]:
    result = cli("add", "--no-extract", "--format", "json", *args, input=input)
    return result.exit_code, json.loads(result.stdout)


def test_add_any_mix_and_report_each_input(
    cli, fixture_path: Callable[[str], Path], http_server: str, tmp_path: Path
) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "copy.txt").write_bytes(fixture_path("paste.txt").read_bytes())  # same bytes
    (folder / "picture.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(200))  # skipped: binary
    code, outcomes = add_json(
        cli,
        str(fixture_path("news-page.html")),
        str(fixture_path("paste.txt")),
        f"{http_server}/ru-cp1251",
        str(folder),
    )
    assert code == 0
    assert [(o["status"], o["document"], o["error"]) for o in outcomes] == [
        ("added", 1, None),
        ("added", 2, None),
        ("added", 3, None),
        ("duplicate", 2, None),
    ]
    assert outcomes[3]["input"] == str(folder / "copy.txt")
    listing = json.loads(cli("list", "--format", "json").stdout)
    assert [d["id"] for d in listing] == [3, 2, 1]
    assert listing[0]["language"] == "ru"
    assert listing[2]["outlet"] == "Lowland Gazette"
    assert listing[2]["published"] == "2025-03-14"
    assert listing[1]["published"] == "unknown"


def test_stdin_paste_with_title_and_date(cli) -> None:
    body = "Hundreds of people marched through the city centre on Saturday, police said."
    code, outcomes = add_json(
        cli, "-", "--title", "Pasted report", "--published", "2024-06-20", input=body
    )
    assert code == 0 and outcomes[0]["status"] == "added"
    shown = json.loads(cli("show", "1", "--format", "json").stdout)
    assert shown["document"]["title"] == "Pasted report"
    assert shown["document"]["published"] == "2024-06-20"
    assert shown["document"]["published_source"] == "user"
    assert shown["text"] == f"Pasted report\n\n{body}"
    assert shown["capture"]["input"] == "-"


def test_re_adding_the_same_bytes_says_so(cli, fixture_path: Callable[[str], Path]) -> None:
    path = str(fixture_path("repost.txt"))
    assert cli("add", "--no-extract", path).stdout.strip() == f"{path}: added as document 1"
    again = cli("add", "--no-extract", path)
    assert again.exit_code == 0
    assert again.stdout.strip() == f"{path}: already stored as document 1 (no change)"


@pytest.mark.parametrize(
    ("make_input", "reason"),
    [
        (lambda tmp, url: str(tmp / "empty.txt"), "empty input (no text)"),
        (lambda tmp, url: str(tmp / "photo.png"), "not a text or HTML report (a PNG image)"),
        (lambda tmp, url: str(tmp / "archive.zip"), "not a text or HTML report (a zip archive)"),
        (lambda tmp, url: str(tmp / "menu.html"), "no article text found in the HTML page"),
        (
            lambda tmp, url: str(tmp / "huge.txt"),
            "larger than the 20,000,000-byte limit (set STORYLINE_MAX_BYTES)",
        ),
        (lambda tmp, url: str(tmp / "nowhere.txt"), "no such file or directory"),
        (lambda tmp, url: f"{url}/missing", "HTTP 404 Not Found"),
        (lambda tmp, url: f"{url}/error", "HTTP 500 Internal Server Error"),
        (lambda tmp, url: f"{url}/loop", "too many redirects (more than 5)"),
        (
            lambda tmp, url: f"{url}/bomb",
            "larger than the 20,000,000-byte limit (set STORYLINE_MAX_BYTES)",
        ),
    ],
)
def test_bad_input_one_line_nonzero_exit_nothing_written(
    cli, tmp_path: Path, http_server: str, make_input, reason: str
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(500))
    (tmp_path / "archive.zip").write_bytes(b"PK\x03\x04" + bytes(500))
    (tmp_path / "menu.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    with (tmp_path / "huge.txt").open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    item = make_input(tmp_path, http_server)
    result = cli("add", "--no-extract", item)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {item}: {reason}"
    assert json.loads(cli("list", "--format", "json").stdout) == []
    assert not (tmp_path / "blobs").exists() or not any((tmp_path / "blobs").rglob("*"))


def test_timeout_is_reported(cli, http_server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYLINE_FETCH_TIMEOUT", "0.5")
    result = cli("add", "--no-extract", f"{http_server}/slow")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {http_server}/slow: timed out after 0.5 s"


def test_a_batch_goes_on_and_ends_with_a_summary(
    cli, fixture_path: Callable[[str], Path], tmp_path: Path
) -> None:
    result = cli(
        "add", "--no-extract", str(tmp_path / "missing.txt"), str(fixture_path("paste.txt"))
    )
    assert result.exit_code == 1
    assert "added as document 1" in result.stdout
    assert f"error: {tmp_path / 'missing.txt'}: no such file or directory" in result.stderr
    assert "2 inputs: 1 added, 0 duplicate, 1 failed" in result.stderr


@pytest.mark.parametrize(
    ("path", "fragment"),
    [
        ("/ru-cp1251", "около сорока человек подписали контракт"),
        ("/ru-koi8-undeclared", "около сорока человек подписали контракт"),
        ("/ru-cp1251-mislabelled", "около сорока человек подписали контракт"),
        ("/ru-meta-koi8", "Федеральная служба исполнения наказаний"),
    ],
)
def test_russian_pages_come_out_as_correct_text(cli, http_server: str, path: str, fragment: str):
    code, outcomes = add_json(cli, f"{http_server}{path}")
    assert code == 0
    shown = json.loads(cli("show", str(outcomes[0]["document"]), "--format", "json").stdout)
    assert fragment in shown["text"]
    assert (
        shown["document"]["title"] == "Вербовщики снова приехали в колонию"
        or shown["document"]["title"] == "Вербовка в колонии"
    )
    assert shown["document"]["language"] == "ru"


def test_list_table_csv_and_search(cli, fixture_path: Callable[[str], Path]) -> None:
    cli("add", "--no-extract", str(fixture_path("news-page.html")), str(fixture_path("repost.txt")))
    table = cli("list").stdout
    assert "Lowland Gazette" in table and "2025-03-14" in table
    csv_lines = cli("list", "--format", "csv").stdout.splitlines()
    assert csv_lines[0] == "id,title,outlet,published,language,words,added"
    assert csv_lines[1].startswith("2,Harbour workers strike over unpaid wages,,unknown,en,")
    found = json.loads(cli("list", "--search", "sandbags", "--format", "json").stdout)
    assert [d["title"] for d in found] == ["River Ardel floods force 3,000 from homes"]
    assert "no documents match 'volcano'" in cli("list", "--search", "volcano").stdout


def test_show_prints_metadata_and_clean_text(cli, fixture_path: Callable[[str], Path]) -> None:
    cli("add", "--no-extract", str(fixture_path("repost.txt")))
    shown = cli("show", "1").stdout
    assert "Labour and Jobs, Ports and Shipping" in shown
    assert "published  unknown" in shown
    assert "Roughly 1,200 of the port's 1,800 workers" in shown
    assert "Leave a Reply" not in shown
    missing = cli("show", "42")
    assert missing.exit_code == 1
    assert missing.stderr.strip() == "error: no document with id 42"


def test_verify_reports_tampering(cli, fixture_path: Callable[[str], Path], tmp_path: Path) -> None:
    cli("add", "--no-extract", str(fixture_path("paste.txt")), str(fixture_path("repost.txt")))
    assert cli("verify").stdout.strip() == "2 captures checked: 2 ok, 0 bad"
    blob = next(p for p in (tmp_path / "blobs").rglob("*") if p.is_file())
    blob.write_bytes(b"changed")
    result = cli("verify")
    assert result.exit_code == 1
    assert "mismatch" in result.stderr
    assert result.stdout.strip() == "2 captures checked: 1 ok, 1 bad"


def test_bad_usage_exits_2(cli) -> None:
    result = cli("add", "-", "--published", "20 June", input="text")
    assert result.exit_code == 2
    assert "'20 June' is not a date like 2024-06-20" in result.stderr
    assert cli("frobnicate").exit_code == 2


def test_a_report_in_a_language_without_a_pack_says_it_was_not_extracted(cli) -> None:
    german = (
        "Häftlinge an die Front\n\nDie Rekrutierung von Häftlingen in den Straflagern geht "
        "weiter, berichten Angehörige der Gefangenen aus mehreren Regionen des Landes."
    )
    result = cli("add", "-", "--format", "json", input=german)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)[0]["document"]
    shown = cli("show", str(document))
    assert "not extracted: language de" in shown.stdout
    data = json.loads(cli("show", str(document), "--format", "json").stdout)
    assert data["document"]["language"] == "de"
    assert data["document"]["not_extracted"] == "not extracted: language de"
    assert data["mentions"] == [] and data["events"] == []
