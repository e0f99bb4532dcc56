"""Turn captured bytes into text: honour the declared charset, detect when it is missing or wrong.

Order of evidence: a byte-order mark; the charset declared by the server; the charset the
page declares in ``<meta>``; then detection with charset-normalizer. A declaration is
"wrong" when the bytes do not decode strictly with it, or when it is a Western single-byte
charset (Latin-1, cp1252) while the bytes are clearly Cyrillic or another script: that is
the classic mislabelled cp1251/koi8-r page, and decoding it as declared would store mojibake.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from storyline.errors import CharsetError

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Charsets that decode any byte sequence, so a successful decode proves nothing.
_PERMISSIVE = {"iso8859-1", "iso8859-15", "cp1252", "ascii"}


def decode(data: bytes, declared: str | None = None, *, input: str = "input") -> tuple[str, str]:
    """Decode ``data`` and return ``(text, charset_used)``.

    Args:
        data: the raw bytes.
        declared: the charset from the HTTP header, if any.
        input: the input's name, for error messages.

    Raises:
        CharsetError: no declared or detected charset decodes the bytes.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name.replace("-sig", "")
            except UnicodeDecodeError as exc:
                shown = name.replace("-sig", "")
                raise CharsetError(
                    input,
                    f"starts with a {shown} byte-order mark but {shown} cannot decode it "
                    f"(byte {exc.start})",
                ) from None
    unknown: list[str] = []
    candidates = [declared, _meta_charset(data)]
    for candidate in candidates:
        if not candidate:
            continue
        codec = _codec_name(candidate)
        if codec is None:
            unknown.append(candidate)
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue  # declared wrong: fall through to detection
        if codec in _PERMISSIVE and any(byte >= 0x80 for byte in data):
            detected = _detect(data)
            if detected and detected[1] not in _PERMISSIVE:
                return detected
        return text, codec
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    detected = _detect(data)
    if detected:
        return detected
    if unknown:
        raise CharsetError(input, f"unknown charset {unknown[0]!r} and none could be detected")
    raise CharsetError(input, "could not detect the character set")


def _codec_name(label: str) -> str | None:
    try:
        return codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", errors="ignore") if match else None


def _detect(data: bytes) -> tuple[str, str] | None:
    best = from_bytes(data).best()
    if best is None:
        return None
    codec = _codec_name(best.encoding) or best.encoding
    return str(best), codec
