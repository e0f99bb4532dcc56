"""Per-document state the attribution rules share: quotations, sentences and paragraphs.

Why a module of its own: the source phrase rules (:mod:`.source_phrases`) and the claim
rules (:mod:`.source_claims`) both ask whether a token lies in a quotation or in the cue's
paragraph, and the claim rules also need the source rules. Keeping the shared view at the
bottom, importing neither, leaves the three attribution modules without an import circle:
``source_context`` ← ``source_phrases`` ← ``source_claims`` ← ``sources``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

#: Quotation regions: curly pairs, straight pairs, and doubled apostrophes (''…''), each
#: within a paragraph. An opening quote left unclosed at a paragraph end (the news style
#: for multi-paragraph quotes) simply matches nothing.
_QUOTE_RE = re.compile(r"“[^“”\n]{1,3000}”|\"[^\"\n]{1,3000}\"|''(?:(?!'')[^\n]){1,3000}''")


@dataclass
class Context:
    """Per-document state shared by the rules (``doc.text`` is rebuilt on every access in
    spaCy, so it is read once here)."""

    doc: Doc
    text: str
    quotes: list[tuple[int, int]]
    sent_of: list[tuple[int, int]]
    breaks: list[int] = field(default_factory=list)
    #: anonymity of the last noun source by number ("singular"/"plural"), for pronouns
    last_anon: dict[str, bool] = field(default_factory=dict)
    #: token index of that last noun source, by number
    last_source_at: dict[str, int] = field(default_factory=dict)

    def paragraph(self, offset: int) -> int:
        """Index of the paragraph (text between line breaks) holding ``offset``."""
        return bisect.bisect_right(self.breaks, offset)


def sentence_index(doc: Doc) -> list[tuple[int, int]]:
    """Map each token index to the character bounds of its sentence."""
    if not doc.has_annotation("SENT_START"):
        return [(0, len(doc.text))] * len(doc)
    out: list[tuple[int, int]] = []
    for sent in doc.sents:
        bounds = (sent.start_char, sent.end_char)
        out.extend([bounds] * (sent.end - sent.start))
    return out


def quotations(text: str) -> list[tuple[int, int]]:
    """Inner spans (without the quote marks) of the quotations in ``text``."""
    out = []
    for m in _QUOTE_RE.finditer(text):
        width = 2 if m.group().startswith("''") else 1
        out.append((m.start() + width, m.end() - width))
    return out


def in_quote(offset: int, ctx: Context) -> bool:
    """True when the character ``offset`` lies inside a quotation."""
    i = bisect.bisect_right(ctx.quotes, (offset, len(ctx.text))) - 1
    return i >= 0 and ctx.quotes[i][0] <= offset < ctx.quotes[i][1]
