"""Read local inputs: files, folders (recursively) and standard input.

Sizes are checked before reading (``stat``) and again while reading, so a 200 MB file is
refused without ever being loaded, and a pipe that never ends cannot exhaust memory.
"""

from __future__ import annotations

import mimetypes
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from storyline.capture.hashing import sha256_hex
from storyline.capture.sniff import binary_description
from storyline.errors import NotFoundError, TooLargeError
from storyline.model import Capture

_CHUNK = 1 << 16


def _too_large(name: str, cap: int) -> TooLargeError:
    return TooLargeError(name, f"larger than the {cap:,}-byte limit (set STORYLINE_MAX_BYTES)")


def read_stream(stream: BinaryIO, name: str, max_bytes: int) -> Capture:
    """Read a binary stream to its end, refusing it once it passes ``max_bytes``."""
    chunks: list[bytes] = []
    total = 0
    while chunk := stream.read(_CHUNK):
        total += len(chunk)
        if total > max_bytes:
            raise _too_large(name, max_bytes)
        chunks.append(chunk)
    data = b"".join(chunks)
    return Capture(data=data, sha256=sha256_hex(data), input=name, captured_at=_now())


def read_file(path: str | Path, max_bytes: int) -> Capture:
    """Capture one local file.

    Raises:
        NotFoundError: the path does not exist or is not a file.
        TooLargeError: the file is bigger than ``max_bytes`` (checked before reading).
    """
    name = str(path)
    file = Path(path)
    if not file.exists():
        raise NotFoundError(name, "no such file or directory")
    if not file.is_file():
        raise NotFoundError(name, "not a regular file")
    if file.stat().st_size > max_bytes:
        raise _too_large(name, max_bytes)
    with file.open("rb") as stream:
        capture = read_stream(stream, name, max_bytes)
    guessed, _ = mimetypes.guess_type(file.name)
    return Capture(
        data=capture.data,
        sha256=capture.sha256,
        input=name,
        captured_at=capture.captured_at,
        content_type=guessed,
    )


def expand_inputs(inputs: list[str]) -> Iterator[str]:
    """Yield each input, with folders replaced by the text and HTML files inside them.

    Files in a folder are chosen by content (a peek at their first bytes), not by
    extension; hidden files and folders are skipped. Anything that is not a folder is
    passed through unchanged, so errors about it are reported by the reader.
    """
    for item in inputs:
        folder = Path(item)
        if item == "-" or not folder.is_dir():
            yield item
            continue
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for filename in sorted(files):
                if filename.startswith("."):
                    continue
                path = Path(root) / filename
                if _looks_like_text(path):
                    yield str(path)


def _looks_like_text(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            head = stream.read(4096)
    except OSError:
        return True  # let the reader report the problem by name
    return bool(head) and binary_description(head) is None


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)
