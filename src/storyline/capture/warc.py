"""Web archives: WARC files (``.warc``, ``.warc.gz``) and WACZ packages, read with warcio.

Why web archives: Browsertrix, ArchiveBox and auto-archiver already keep what a monitoring
team saw, exactly as served and when. Each HTML ``response`` record becomes a capture with
the record's target URI as its URL and its ``WARC-Date`` as the capture time, and goes
through the normal parse stage. The record's ``WARC-Payload-Digest`` is checked while the
record is read (warcio's digest checker); a record whose bytes do not match is refused with
that reason, since the archive no longer proves what was served.

The archive is the preservation copy, so the payload is **not** copied into the blob store:
the capture references the archive file (absolute path, the member inside a WACZ, and the
record's offset and length), and :func:`read_payload` reads it back from there for
``storyline verify`` and downloads. Moving or deleting the archive shows up in ``verify``.

A WACZ is a zip holding ``archive/*.warc(.gz)``; each of those is read in turn.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.timeutils import iso_date_to_datetime

from storyline.capture.hashing import sha256_hex
from storyline.capture.sniff import sniff
from storyline.errors import InputError, NotFoundError
from storyline.model import ArchiveRef, Capture

#: Where a WACZ package keeps its WARC files.
WACZ_MEMBERS = "archive/"


@dataclass(frozen=True)
class Record:
    """One HTML response of an archive: its capture, or why it cannot be trusted."""

    input: str
    capture: Capture | None
    problem: str | None = None


@dataclass
class ArchiveContents:
    """What was read, and what was left out (by reason, counted)."""

    records: list[Record] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)

    def skip(self, reason: str) -> None:
        """Count one record left out for ``reason``."""
        self.skipped[reason] = self.skipped.get(reason, 0) + 1


def read_archive(path: str | Path, max_bytes: int) -> ArchiveContents:
    """Every HTML response record of a WARC or WACZ file, in archive order.

    Raises:
        NotFoundError: no such file.
        InputError: not a WARC or WACZ file.
    """
    file = Path(path)
    if not file.is_file():
        raise NotFoundError(str(path), "no such file")
    archive = str(file.resolve())
    contents = ArchiveContents()
    try:
        if zipfile.is_zipfile(file):
            with zipfile.ZipFile(file) as package:
                members = [
                    name
                    for name in package.namelist()
                    if name.startswith(WACZ_MEMBERS) and ".warc" in name
                ]
                if not members:
                    raise InputError(str(path), "a zip file without archive/*.warc(.gz): not WACZ")
                for member in sorted(members):
                    with package.open(member) as stream:
                        _read_warc(stream, ArchiveRef(archive, member), path, max_bytes, contents)
        else:
            with file.open("rb") as stream:
                _read_warc(stream, ArchiveRef(archive), path, max_bytes, contents)
    except ArchiveLoadFailed as exc:
        raise InputError(str(path), f"not a readable WARC file ({_first_line(exc)})") from None
    return contents


def _read_warc(
    stream: IO[bytes],
    base: ArchiveRef,
    path: str | Path,
    max_bytes: int,
    contents: ArchiveContents,
) -> None:
    records = ArchiveIterator(stream, check_digests=True)
    for record in records:
        if record.format != "warc":  # warcio reads any text line as an old ARC header
            raise InputError(str(path), "not a readable WARC file (no WARC record header)")
        if record.rec_type != "response" or record.http_headers is None:
            continue  # requests, metadata, warcinfo, revisits: not pages
        uri = record.rec_headers.get_header("WARC-Target-URI") or ""
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            contents.skip("not a 2xx response")
            continue
        declared = record.http_headers.get_header("Content-Type") or ""
        data = _read_capped(record.content_stream(), max_bytes)
        records.read_to_end()  # the digest is checked once the whole payload was read
        name = f"{path}#{uri}"
        if data is None:
            contents.records.append(Record(name, None, f"larger than {max_bytes:,} bytes"))
            continue
        if "html" not in declared.lower() and sniff(data, declared) != "html":
            contents.skip("not HTML")
            continue
        ref = ArchiveRef(
            base.path,
            base.member,
            records.get_record_offset(),
            records.get_record_length(),
        )
        checker = record.digest_checker
        if checker is not None and checker.passed is False:
            problems = "; ".join(str(p) for p in checker.problems)
            contents.records.append(
                Record(name, None, f"payload digest does not match the record ({problems})")
            )
            continue
        media_type, _, params = declared.partition(";")
        contents.records.append(
            Record(
                name,
                Capture(
                    data=data,
                    sha256=sha256_hex(data),
                    input=name,
                    captured_at=_warc_date(record.rec_headers.get_header("WARC-Date")),
                    url=uri or None,
                    content_type=media_type.strip() or None,
                    charset=_charset(params),
                    http_date=record.http_headers.get_header("Date"),
                    last_modified=record.http_headers.get_header("Last-Modified"),
                    archive=ref,
                ),
            )
        )


def _read_capped(stream: Any, max_bytes: int) -> bytes | None:
    chunks: list[bytes] = []
    total = 0
    while chunk := stream.read(1 << 16):
        total += len(chunk)
        if total > max_bytes:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def read_payload(ref: ArchiveRef) -> bytes:
    """The decoded payload of the record ``ref`` points at, read again from the archive.

    Raises:
        FileNotFoundError: the archive (or its WACZ member) is gone.
    """
    with _open(ref) as stream:
        stream.seek(ref.offset or 0)
        for record in ArchiveIterator(stream):
            return bytes(record.content_stream().read())
    raise FileNotFoundError(f"{ref.path}: no record at offset {ref.offset}")


@contextmanager
def _open(ref: ArchiveRef) -> Iterator[IO[bytes]]:
    if ref.member is None:
        with Path(ref.path).open("rb") as stream:
            yield stream
        return
    with zipfile.ZipFile(ref.path) as package:
        try:
            member = package.open(ref.member)
        except KeyError:
            raise FileNotFoundError(f"{ref.path}: no member {ref.member}") from None
        with member as stream:
            yield stream


def _warc_date(value: str | None) -> datetime:
    if not value:
        return datetime.now(UTC).replace(microsecond=0)
    return iso_date_to_datetime(value).replace(tzinfo=UTC)  # type: ignore[no-any-return]


def _charset(params: str) -> str | None:
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"')
    return None


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [exc.__class__.__name__])[0]
