"""Tell HTML, plain text and binary data apart from the bytes themselves.

Why by content and not by extension: scraped folders are full of ``.php`` pages, ``.txt``
files that hold HTML, and images without extensions. A look at the first few kilobytes is
enough to decide and costs nothing next to parsing.
"""

from __future__ import annotations

import re
from typing import Literal

ContentKind = Literal["html", "text", "binary"]

#: Leading bytes of common binary formats users drop into folders by accident.
MAGIC_NUMBERS: dict[bytes, str] = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF file",
    b"PK\x03\x04": "a zip archive",
    b"\x1f\x8b": "a gzip archive",
    b"RIFF": "a RIFF media file",
    b"\x7fELF": "an executable",
    b"BZh": "a bzip2 archive",
    b"7z\xbc\xaf": "a 7-zip archive",
}

_HTML_MARKERS = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>]|<p[\s>]|<div[\s>]|<meta\s",
    re.IGNORECASE,
)
_SNIFF_BYTES = 4096


def binary_description(data: bytes) -> str | None:
    """Name the binary format of ``data``, or ``None`` when it looks like text.

    Text in any 8-bit charset or UTF-8/16 has almost no NUL or control bytes; binary
    formats are full of them.
    """
    head = data[:_SNIFF_BYTES]
    for magic, description in MAGIC_NUMBERS.items():
        if head.startswith(magic):
            return description
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 BOM: text with NULs
        return None
    controls = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    if head and controls / len(head) > 0.05:
        return "binary data"
    return None


def sniff(data: bytes, declared: str | None = None) -> ContentKind:
    """Classify ``data`` as ``html``, ``text`` or ``binary``.

    A declared ``text/html`` type is trusted only when the bytes agree: servers label
    plain text as HTML and the reverse.
    """
    if binary_description(data) is not None:
        return "binary"
    head = data[:_SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    if _HTML_MARKERS.search(head):
        return "html"
    if declared and "html" in declared.lower() and b"<" in head:
        return "html"
    return "text"
