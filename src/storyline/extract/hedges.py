"""Hedge extraction: words and phrases that make a claim possible, unknown or negated.

Why rules: a hedge is a closed class of English words ("may", "allegedly", "it is unclear
whether", "denied") whose reach is a clause, and the dependency parse already says which
clause a word governs. A word list plus the parse gives spans a reviewer can check at a
glance and a scope the event assembler can intersect with an event's evidence, at the cost
of a dictionary lookup per token.

Rules (what becomes a :class:`~storyline.model.HedgeMention`):

* ``possible`` — hedging adverbs and adjectives ("potentially", "possibly", "perhaps",
  "likely", "unlikely", "allegedly", "apparently", "the suspected attacker"); predicative
  "possible" ("a recount was possible"); the epistemic modals "may", "might" and "could"
  (tagged ``MD``), also when negated ("may not survive" stays possible, the span is the
  modal); "seem"/"appear" with an infinitive or clause ("appears to"); belief frames
  ("is believed to", "15 people believed to be trapped", "is suspected of"); not
  forecasts ("is expected to", "expects").
  "reportedly" is a source (see :mod:`storyline.extract.sources`), not a hedge.
* ``unknown`` — "it is (also) unclear (if/whether)", "it was not clear", "unknown",
  "unconfirmed", "could not be (independently) verified", "did not confirm", "declined to
  confirm", "refused to say whether", "no independent confirmation". A wh-word after
  "unclear" belongs to the question ("it is unclear *how many* …"), so it is left out of
  the span. A negated verb of saying with content is unknown too ("did not say how many
  …", the span running through the verb).
* ``negated`` — "denied", "rejected the claims", "no evidence", "there were no …", a
  subject or object with "no" ("no women were released", "No one is forced"), "nobody",
  "nothing", "none", and "not"/"n't"/"never" when they negate a content verb ("did not
  meet", "have not been recovered", "cannot leave"). Not kept: a "not" on a copula or an
  auxiliary alone, "not only", a negation under a deontic modal ("should not be used"),
  "almost no", non-responses and refusals without content ("declined to comment", "did
  not respond to a request for comment", "did not say": they change no claim's
  certainty), and words inside a phrase already matched above.

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


def extract(doc: Doc, published: date | None = None, language: str = "en") -> list[HedgeMention]:
    """Return the hedges in ``doc``, sorted by start offset.

    Args:
        doc: the annotated document (tagger, parser and lemmatizer required).
        published: unused; accepted for the common extractor interface.
    """
    if language != "en":
        # Other languages read their pack's lexicon on plain text (docs/architecture.md).
        from storyline.extract import lexical_hedges

        return lexical_hedges.extract(doc.text, published, language)
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
    if low in lex.POSSIBLE_PREDICATES and tok.dep_ == "acomp":
        return _hit(tok, tok, "possible", _clause_head(tok))  # "a recount was possible"
    if low in lex.POSSIBLE_WORDS and tok.pos_ in ("ADV", "ADJ", "VERB"):
        head = tok.head if tok.dep_ in ("advmod", "amod") and tok.head.i != tok.i else tok
        if tok.dep_ == "amod":
            return _hit(tok, tok, "possible", head)  # "the suspected attacker"
        return _hit(tok, tok, "possible", _clause_head(head))
    if low in lex.POSSIBLE_MODALS and tok.tag_ == "MD":
        head = tok.head
        if any(c.dep_ == "neg" for c in head.children) and low == "could":
            return None  # "could not leave": inability, a negation (see _negation)
        return _hit(tok, tok, "possible", head)  # "may not survive" stays possible
    lemma = tok.lemma_.lower()
    if lemma in lex.POSSIBLE_VERBS and tok.pos_ == "VERB":
        if any(c.dep_ in ("xcomp", "ccomp") for c in tok.children):
            nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
            last = nxt if nxt is not None and nxt.tag_ == "TO" else tok
            return _hit(tok, last, "possible", tok)  # "appears to have", "it seems that"
        return None
    if lemma in lex.POSSIBLE_PASSIVES and tok.tag_ == "VBN":
        aux = [c for c in tok.children if c.dep_ == "auxpass"]
        frame = any(
            c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "of") for c in tok.children
        )
        if aux and frame:
            return _hit(aux[0], tok, "possible", tok)  # "is believed to", "is suspected of"
        if frame and not any(c.dep_ in ("aux", "auxpass") for c in tok.children):
            noun = tok.head if tok.dep_ == "acl" else tok
            return _hit(tok, tok, "possible", noun)  # "15 people believed to be trapped"
        return None
    if low in lex.NEGATION_WORDS and tok.dep_ == "neg":
        return _negation(tok)
    if low == "no" and tok.dep_ == "det":
        return _no_determiner(tok)
    if (
        low in lex.NEGATIVE_PRONOUNS
        and tok.dep_ in ("nsubj", "nsubjpass", "dobj")
        and tok.head.pos_ in ("VERB", "AUX")
    ):
        return _hit(tok, tok, "negated", tok.head)  # "nobody was hurt"
    return None


def _no_determiner(tok: Token) -> _Hit | None:
    """'no' on the subject or object of a verb denies the clause ("no women were
    released", "causing no damage", "No one is forced to go"), unless an approximator
    makes it a small amount ("almost no rain")."""
    noun = tok.head
    if noun.dep_ not in ("nsubj", "nsubjpass", "dobj") or noun.head.pos_ not in ("VERB", "AUX"):
        return None
    if any(c.lower_ in lex.APPROXIMATORS for c in (*tok.children, *noun.children)):
        return None
    last = noun if noun.lower_ == "one" and noun.i == tok.i + 1 else tok
    return _hit(tok, last, "negated", noun.head)


def _negation(tok: Token) -> _Hit | None:
    """'not'/'never' negating a content verb; the span takes the auxiliary before it.

    Not kept: "not only"; a copula or light verb; a negation under "may"/"might" (the
    modal makes it possible, see _token_hit) or a deontic modal ("should not be used": a
    norm, not a fact); and non-responses ("did not respond to a request for comment",
    "did not return calls", "could not be reached"), which negate no claim.
    """
    head = tok.head
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in lex.NEGATION_IGNORED_HEADS:
        return None  # "not only", "not just"
    lemma = head.lemma_.lower()
    if head.pos_ != "VERB" or lemma in _LIGHT_HEADS or _non_response(head):
        return None
    modals = {c.lower_ for c in head.children if c.dep_ == "aux" and c.tag_ == "MD"}
    if modals & (lex.POSSIBLE_NEGATED_MODALS | lex.DEONTIC_MODALS):
        return None
    first = tok
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.head.i == head.i and prev.dep_ in _NEG_AUX_DEPS:
        first = prev  # "did not", "wasn't"
    if lemma in lex.SPEECH_VERBS and head.i > tok.i:
        # "did not say how many were hurt": like "did not confirm", the proposition is left
        # unknown. "would not say" with nothing said is a non-response, no hedge; "cases
        # are never reported", "did not tell anyone" negate the act itself (below).
        clause = next((c for c in head.children if c.dep_ == "ccomp"), None)
        if clause is not None:
            start, end, _, _ = _hit(first, head, "unknown", head)
            return start, end, "unknown", _subtree_span(clause)
        if not any(c.dep_ in ("dobj", "nsubjpass", "dative") for c in head.children):
            return None
    return _hit(first, tok, "negated", head)


def _non_response(verb: Token) -> bool:
    """'did not respond/reply/comment', 'did not return calls', 'could not be reached'."""
    lemma = verb.lemma_.lower()
    if lemma in lex.NON_RESPONSE_VERBS:
        return True
    if lemma in ("return", "answer"):
        return any(
            c.dep_ == "dobj" and c.lemma_.lower() in lex.NON_RESPONSE_OBJECTS for c in verb.children
        )
    return lemma == "reach" and any(c.dep_ == "auxpass" for c in verb.children)


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
