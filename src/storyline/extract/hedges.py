"""Hedge extraction: words and phrases that make a claim possible, unknown or negated.

Why rules: a hedge is a closed class of English words ("may", "allegedly", "it is unclear
whether", "denied") whose reach is a clause, and the dependency parse already says which
clause a word governs. A word list plus the parse gives spans a reviewer can check at a
glance and a scope the event assembler can intersect with an event's evidence, at the cost
of a dictionary lookup per token.

Rules (what becomes a :class:`~storyline.model.HedgeMention`):

* ``possible`` — hedging adverbs and adjectives ("potentially", "possibly", "perhaps",
  "likely", "unlikely", "allegedly", "apparently", "the suspected attacker"); the
  epistemic modals "may", "might" and "could" (tagged ``MD``; a negated "could not" is
  inability, not a hedge); "seem"/"appear" with an infinitive or clause ("appears to
  have"); passive belief frames ("is believed to", "is expected to", "is suspected of").
  "reportedly" is a source (see :mod:`storyline.extract.sources`), not a hedge.
* ``unknown`` — "it is (also) unclear if/whether …", "it was not clear", "unknown",
  "unconfirmed", "could not be (independently) verified", "did not confirm", "declined to
  confirm", "no independent confirmation".
* ``negated`` — "denied", "refused/declined to comment", "rejected the claims", "no
  evidence", "there were no …", a subject or object with "no" ("no women were released"),
  and "not"/"n't"/"never" when they negate a content verb ("did not sign up"). A "not"
  on a copula, an auxiliary alone, "not only", or inside a phrase already matched above is
  not kept.

Spans: ``start``/``end`` cover the hedge word or phrase, with the auxiliary before a
negation ("did not", "wasn't"). ``scope_start``/``scope_end`` cover the clause it governs:
the clausal complement of a phrase ("it is unclear whether *…*", "denied *that …*"), the
object of a denial ("denied *the report*"), otherwise the subtree of the governed verb or
noun ("*the women may have been sent to the front*"), kept inside the hedge's paragraph
and trimmed of edge punctuation.
"""

from __future__ import annotations

import bisect
import re
from datetime import date

from spacy.tokens import Doc, Token

from storyline.extract import attribution_lexicon as lex
from storyline.model import Certainty, HedgeMention

VERSION = "hedges/1"

_EDGE = frozenset(",;:.!?-–—\"'“”‘’()[]` \n\t")
_CLAUSAL = frozenset({"ccomp", "csubj", "xcomp", "advcl", "acl", "relcl", "pcomp"})
_LINE_BREAK = re.compile(r"\n")
#: Auxiliaries that form one span with a following negation ("did not", "has never").
_NEG_AUX_DEPS = frozenset({"aux", "auxpass"})
#: Copular and light heads whose negation does not deny an event by itself.
_LIGHT_HEADS = frozenset({"be", "have", "do", "seem", "appear"})

_Hit = tuple[int, int, Certainty, tuple[int, int] | None]


def extract(doc: Doc, published: date | None = None) -> list[HedgeMention]:
    """Return the hedges in ``doc``, sorted by start offset.

    Args:
        doc: the annotated document (tagger, parser and lemmatizer required).
        published: unused; accepted for the common extractor interface.
    """
    text = doc.text
    breaks = [m.start() for m in _LINE_BREAK.finditer(text)]
    hits: list[_Hit] = []
    hits += _phrase_hits(doc, text, lex.UNKNOWN_PATTERNS, "unknown")
    hits += _phrase_hits(doc, text, lex.NEGATED_PATTERNS, "negated")
    taken = sorted((s, e) for s, e, _, _ in hits)
    for tok in doc:
        hit = _token_hit(tok)
        if hit is not None and not _overlaps(taken, hit[0], hit[1]):
            hits.append(hit)
    out: list[HedgeMention] = []
    seen: set[tuple[int, int]] = set()
    for start, end, certainty, scope in sorted(hits, key=lambda h: (h[0], -h[1])):
        if (start, end) in seen or _overlaps_any(out, start, end):
            continue
        seen.add((start, end))
        scope = _clip(scope, start, text, breaks) if scope else None
        out.append(
            HedgeMention(
                start=start,
                end=end,
                text=text[start:end],
                certainty=certainty,
                scope_start=scope[0] if scope else None,
                scope_end=scope[1] if scope else None,
            )
        )
    return out


# ------------------------------------------------------------------------------ phrases


def _phrase_hits(doc: Doc, text: str, pattern: re.Pattern[str], certainty: Certainty) -> list[_Hit]:
    """Regex phrase matches, each with the clause its governing word takes as scope."""
    hits: list[_Hit] = []
    for m in pattern.finditer(text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        start, end = span.start_char, span.end_char
        inside = {t.i for t in span}
        scope = None
        for tok in span:  # a clause or object the phrase introduces ("unclear whether …")
            for child in tok.children:
                if child.i in inside or child.i < span.start:
                    continue
                if child.dep_ == "prep":  # "no evidence of abuse" → "abuse"
                    child = next((c for c in child.children if c.dep_ == "pobj"), child)
                if child.dep_ in _CLAUSAL or child.dep_ in ("dobj", "prep", "pobj"):
                    scope = _subtree_span(child, drop=inside)
                    break
            if scope:
                break
        if scope is None:
            root = span.root
            while root.dep_ in ("aux", "auxpass", "neg") and root.head.i != root.i:
                root = root.head
            if root.dep_ == "relcl":  # "the report, which could not be verified, …"
                scope = _subtree_span(root.head, drop={t.i for t in root.subtree})
            elif root.i == root.sent.start or span.start == root.sent.start:
                scope = _trimmed(text, end, root.sent.end_char)  # "It is unclear: …"
            else:
                scope = _subtree_span(root)
        hits.append((start, end, certainty, scope))
    return hits


# ------------------------------------------------------------------------------- tokens


def _token_hit(tok: Token) -> _Hit | None:
    """A one-word hedge: adverb/adjective, modal, raising verb, belief passive, negation."""
    low = tok.lower_
    if low in lex.POSSIBLE_WORDS and tok.pos_ in ("ADV", "ADJ", "VERB"):
        head = tok.head if tok.dep_ in ("advmod", "amod") and tok.head.i != tok.i else tok
        if tok.dep_ == "amod":
            return _hit(tok, tok, "possible", head)  # "the suspected attacker"
        return _hit(tok, tok, "possible", _clause_head(head))
    if low in lex.POSSIBLE_MODALS and tok.tag_ == "MD":
        head = tok.head
        if any(c.dep_ == "neg" for c in head.children) and low == "could":
            return None  # "could not leave": inability
        return _hit(tok, tok, "possible", head)
    lemma = tok.lemma_.lower()
    if lemma in lex.POSSIBLE_VERBS and tok.pos_ == "VERB":
        if any(c.dep_ in ("xcomp", "ccomp") for c in tok.children):
            return _hit(tok, tok, "possible", tok)  # "appears to have", "it seems that"
        return None
    if lemma in lex.POSSIBLE_PASSIVES and tok.tag_ == "VBN":
        aux = [c for c in tok.children if c.dep_ == "auxpass"]
        if aux and any(
            c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "of") for c in tok.children
        ):
            return _hit(aux[0], tok, "possible", tok)  # "is believed to", "is suspected of"
        return None
    if low in lex.NEGATION_WORDS and tok.dep_ == "neg":
        return _negation(tok)
    if low == "no" and tok.dep_ == "det":
        noun = tok.head
        if noun.dep_ in ("nsubj", "nsubjpass", "dobj") and noun.head.pos_ in ("VERB", "AUX"):
            return _hit(tok, tok, "negated", noun.head)  # "no women were released"
    if low == "none" and tok.dep_ in ("nsubj", "nsubjpass"):
        return _hit(tok, tok, "negated", tok.head)
    return None


def _negation(tok: Token) -> _Hit | None:
    """'not'/'never' negating a content verb; the span takes the auxiliary before it."""
    head = tok.head
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in lex.NEGATION_IGNORED_HEADS:
        return None  # "not only", "not just"
    if head.pos_ != "VERB" or head.lemma_.lower() in _LIGHT_HEADS:
        return None
    first = tok
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.head.i == head.i and prev.dep_ in _NEG_AUX_DEPS:
        first = prev  # "did not", "wasn't"
    return _hit(first, tok, "negated", head)


def _hit(first: Token, last: Token, certainty: Certainty, governs: Token) -> _Hit:
    while governs.dep_ in ("aux", "auxpass") and governs.head.i != governs.i:
        governs = governs.head  # "could be sobering": the modal hangs on an auxiliary
    start = first.idx
    end = last.idx + len(last.text)
    return start, end, certainty, _subtree_span(governs)


def _clause_head(tok: Token) -> Token:
    """The verb or predicate whose clause an adverb or predicative adjective hedges."""
    if tok.dep_ in ("acomp", "attr") and tok.head.i != tok.i:
        return tok.head  # "it is likely that …", "they are likely to …"
    return tok


# -------------------------------------------------------------------------------- spans


def _subtree_span(tok: Token, drop: set[int] | None = None) -> tuple[int, int] | None:
    toks = [t for t in tok.subtree if not drop or t.i not in drop]
    while toks and (toks[0].is_punct or toks[0].is_space or toks[0].lower_ == "that"):
        toks.pop(0)
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return (start, end) if start < end else None


def _clip(
    scope: tuple[int, int], anchor: int, text: str, breaks: list[int]
) -> tuple[int, int] | None:
    """Keep a scope inside the hedge's paragraph (the parser may run across a headline)."""
    k = bisect.bisect_right(breaks, anchor)
    low = breaks[k - 1] + 1 if k > 0 else 0
    high = breaks[k] if k < len(breaks) else len(text)
    return _trimmed(text, max(scope[0], low), min(scope[1], high))


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_left(taken, (end, end))
    return any(s < end and start < e for s, e in taken[max(i - 8, 0) : i])


def _overlaps_any(found: list[HedgeMention], start: int, end: int) -> bool:
    return any(m.start < end and start < m.end for m in found[-4:])
