"""Text that looks like something else: invisible documents, hidden controls, NUL bytes.

Why a module of its own: these are not parsing rules but defences. A "report" of only
spaces and zero-width characters would be stored as an empty-looking record; a
right-to-left override (U+202E) in a headline makes ``gpj.exe`` read as ``exe.jpg`` in every
list that shows it; a NUL character is refused by PostgreSQL (not by SQLite), so the same
report would be stored on one backend and fail on the other.
"""

from __future__ import annotations

import re
import unicodedata

#: Bidirectional embedding, override and isolate controls (and the marks): they reorder
#: how a title is displayed without being visible themselves.
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
#: Stored text must not hold NUL (PostgreSQL refuses it); U+FFFD keeps offsets.
NUL = "\x00"
REPLACEMENT = "\ufffd"


def without_nul(text: str) -> str:
    """``text`` with every NUL replaced by U+FFFD (same length, so offsets hold)."""
    return text.replace(NUL, REPLACEMENT) if NUL in text else text


#: The longest headline kept; a longer one is cut with "…" (listings and the search
#: index should not carry a page's whole text as its title).
MAX_TITLE_CHARS = 500


def clean_title(title: str | None) -> str | None:
    """A headline without bidi controls or other invisible format characters, NUL or
    control characters, at most :data:`MAX_TITLE_CHARS` long; ``None`` when nothing visible
    is left."""
    if title is None:
        return None
    kept = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
        for ch in BIDI_CONTROLS.sub("", without_nul(title))
        if unicodedata.category(ch) != "Cf"
    )
    kept = " ".join(kept.split())
    if len(kept) > MAX_TITLE_CHARS:  # a page's <title> of a megabyte is no headline
        kept = kept[: MAX_TITLE_CHARS - 1].rstrip() + "…"
    return kept if is_visible(kept) else None


def is_visible(text: str) -> bool:
    """Whether ``text`` has at least one character a reader can see (not a space, a
    zero-width or other format character, or a control)."""
    return any(
        not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Cc", "Zs", "Zl", "Zp")
        for ch in text
    )
