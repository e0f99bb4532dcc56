"""Local capture: files, folders by content, size caps."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from storyline.capture import expand_inputs, read_file
from storyline.errors import NotFoundError, TooLargeError


def test_read_file_hashes_the_exact_bytes(write: Callable[[str, bytes], Path]) -> None:
    path = write("a.txt", b"Title\n\nBody text.")
    capture = read_file(path, 1000)
    assert capture.data == b"Title\n\nBody text."
    import hashlib

    assert capture.sha256 == hashlib.sha256(b"Title\n\nBody text.").hexdigest()


def test_missing_path() -> None:
    with pytest.raises(NotFoundError, match="no such file or directory"):
        read_file("/definitely/not/here.txt", 1000)


def test_cap_is_checked_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:  # a sparse 200 MB file: nothing is read to refuse it
        handle.truncate(200 * 1024 * 1024)
    with pytest.raises(TooLargeError) as caught:
        read_file(big, 20_000_000)
    assert str(caught.value) == (
        f"{big}: larger than the 20,000,000-byte limit (set STORYLINE_MAX_BYTES)"
    )


def test_folders_are_searched_by_content_not_extension(
    write: Callable[[str, bytes | str], Path],
) -> None:
    html = write("site/page.php", "<html><body><p>Report</p></body></html>")
    text = write("site/deep/notes", "Plain report text.")
    write("site/photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    write("site/.hidden.txt", "secret")
    write("site/empty.txt", b"")
    found = list(expand_inputs([str(html.parent), "-", "https://example.org/x"]))
    assert found == [str(html), str(text), "-", "https://example.org/x"]
