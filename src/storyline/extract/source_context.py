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
#: within a paragraph. A quotation that runs over several paragraphs (news style: each
#: paragraph opens with a quote mark, only the last one closes) is joined afterwards by
#: :func:`_join_paragraph_runs`.
_QUOTE_RE = re.compile(r"“[^“”\n]{1,3000}”|\"[^\"\n]{1,3000}\"|''(?:(?!'')[^\n]){1,3000}''")
#: The most paragraphs one quotation may run over.
_MAX_QUOTE_PARAGRAPHS = 6


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
    #: anonymity of the last source by (noun lemma, plural), for "the spokesman" later on
    last_by_noun: dict[tuple[str, bool], bool] = field(default_factory=dict)

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
    return _join_paragraph_runs(text, out)


def _unclosed_open(line: str) -> int | None:
    """Offset just after a quote mark that opens a quotation the line leaves unclosed."""
    last_open, last_close = line.rfind("“"), line.rfind("”")
    if last_open > last_close:
        return last_open + 1
    if last_open < 0 and line.count('"') % 2 == 1:
        at = line.rfind('"')
        if at == 0 or line[at - 1].isspace():
            return at + 1
    return None


def _join_paragraph_runs(text: str, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a quotation that runs over paragraphs into one span: a paragraph that leaves a
    quote open, followed by paragraphs that each open with a quote mark, up to the first
    one that closes it (“We had no choice. / “They came at night,” she said.)."""
    lines: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((offset, line))
        offset += len(line) + 1
    joined = list(quotes)
    k = 0
    while k < len(lines):
        start_at, line = lines[k]
        opened = _unclosed_open(line)
        if opened is None:
            k += 1
            continue
        run_start, end = start_at + opened, None
        j = k + 1
        while j < len(lines) and j - k <= _MAX_QUOTE_PARAGRAPHS:
            at, nxt = lines[j]
            body = nxt.lstrip()
            if not body or body[0] not in '“"':
                break
            first = next((q for q in joined if q[0] == at + len(nxt) - len(body) + 1), None)
            if first is not None:  # the paragraph closes it: “…,” she said.
                joined.remove(first)
                end = first[1]
                break
            if _unclosed_open(nxt) is None:
                break
            j += 1
        if end is not None:
            joined.append((run_start, end))
        k = j + 1 if end is not None else k + 1
    return sorted(joined)


def in_quote(offset: int, ctx: Context) -> bool:
    """True when the character ``offset`` lies inside a quotation."""
    i = bisect.bisect_right(ctx.quotes, (offset, len(ctx.text))) - 1
    return i >= 0 and ctx.quotes[i][0] <= offset < ctx.quotes[i][1]
