"""``storyline import warc``: HTML responses of a web archive (built here with warcio)."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ARTICLE = "http://calder.example/news/colony"


def _response(
    writer: WARCWriter,
    uri: str,
    body: bytes,
    *,
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
    date: str = "2024-06-20T08:30:00Z",
    digest: str | None = None,
) -> None:
    http = StatusAndHeaders(
        status,
        [("Content-Type", content_type), ("Content-Length", str(len(body)))],
        protocol="HTTP/1.1",
    )
    record = writer.create_warc_record(
        uri,
        "response",
        payload=io.BytesIO(body),
        length=len(body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": date},
    )
    if digest:  # what the crawler recorded no longer matches the bytes
        record.rec_headers.replace_header("WARC-Payload-Digest", digest)
    writer.write_record(record)


def build_warc(target: Path, page: bytes, other_page: bytes) -> Path:
    with target.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        writer.write_record(
            writer.create_warc_record(
                ARTICLE,
                "request",
                payload=io.BytesIO(b""),
                length=0,
                http_headers=StatusAndHeaders(
                    "GET /news/colony HTTP/1.1", [("Host", "calder.example")], is_http_request=True
                ),
            )
        )
        _response(writer, ARTICLE, page)
        _response(writer, "http://calder.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64),
                  content_type="image/png")  # fmt: skip
        _response(writer, "http://calder.example/old", b"", status="301 Moved Permanently")
        _response(
            writer,
            "http://calder.example/tampered",
            other_page,
            digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        )
    return target


def test_html_responses_become_captures_referenced_in_the_archive(
    cli, tmp_path: Path, fixture_path: Callable[[str], Path]
) -> None:
    page = fixture_path("news-page.html").read_bytes()
    other = page.replace(b"<body>", b"<body><p>Changed after the crawl.</p>", 1)
    archive = build_warc(tmp_path / "crawl.warc.gz", page, other)
    result = cli("import", "warc", str(archive), "--no-extract", "--format", "json")
    assert result.exit_code == 1  # the tampered record failed; the others went on
    outcomes = json.loads(result.stdout)
    assert [(o["input"], o["status"]) for o in outcomes] == [
        (f"{archive}#{ARTICLE}", "added"),
        (f"{archive}#http://calder.example/tampered", "failed"),
    ]
    assert outcomes[1]["error"].startswith("payload digest does not match the record")
    assert "1 record(s) skipped: not HTML" in result.stderr
    assert "1 record(s) skipped: not a 2xx response" in result.stderr

    shown = json.loads(cli("show", "1", "--format", "json").stdout)
    assert shown["capture"]["url"] == ARTICLE
    assert shown["capture"]["captured_at"].startswith("2024-06-20T08:30:00")
    assert shown["document"]["outlet"] == "Lowland Gazette"  # parsed like any HTML page
    # Referenced in the archive, not copied into the blob store.
    assert not [p for p in (tmp_path / "blobs").rglob("*") if p.is_file()]
    assert cli("verify").exit_code == 0

    again = cli("import", "warc", str(archive), "--no-extract", "--format", "json")
    assert [o["status"] for o in json.loads(again.stdout)] == ["duplicate", "failed"]

    archive.rename(tmp_path / "moved.warc.gz")
    verified = cli("verify")
    assert verified.exit_code == 1
    assert "missing" in verified.stderr


def test_wacz_package(cli, tmp_path: Path, fixture_path: Callable[[str], Path]) -> None:
    page = fixture_path("news-page.html").read_bytes()
    inner = tmp_path / "data.warc.gz"
    with inner.open("wb") as stream:
        _response(WARCWriter(stream, gzip=True), ARTICLE, page)
    package = tmp_path / "crawl.wacz"
    with zipfile.ZipFile(package, "w") as wacz:
        wacz.writestr("datapackage.json", "{}")
        wacz.write(inner, "archive/data.warc.gz")
    inner.unlink()
    result = cli("import", "warc", str(package), "--no-extract", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [o["status"] for o in json.loads(result.stdout)] == ["added"]
    assert cli("verify").exit_code == 0


def test_not_an_archive_is_one_clear_error(cli, tmp_path: Path) -> None:
    bad = tmp_path / "notes.warc"
    bad.write_text("hello, this is not a WARC file\n", encoding="utf-8")
    result = cli("import", "warc", str(bad))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {bad}: not a readable WARC file")
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_record_uri_with_control_characters_is_printed_escaped(
    cli, tmp_path: Path, fixture_path: Callable[[str], Path]
) -> None:
    """An archive is someone else's file: a target URI holding an escape sequence must not
    reach the terminal raw, in the outcome line ``import`` prints (as ``add`` escapes it)."""
    uri = "http://calder.example/news\x1b[2Jcleared"
    archive = tmp_path / "odd.warc.gz"
    with archive.open("wb") as stream:
        _response(WARCWriter(stream, gzip=True), uri, fixture_path("news-page.html").read_bytes())
    result = cli("import", "warc", str(archive), "--no-extract")
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    assert "news\\x1b[2Jcleared: added as document 1" in result.stdout
