"""Where an attribution's claim lies: claim spans, quotations and paragraphs.

Why a module of its own: once a cue and its source are found (:mod:`.sources`), the
reported content is a separate question, answered with string work as much as with the
parse. A claim is a clausal complement, the rest of the clause around "according to X", an
adjacent quotation or the object of a content verb; it is then kept inside the cue's
paragraph and widened to any quotation it overlaps, even across sentences. The quotation
and paragraph bounds those steps need also decide which source candidates are usable
(:mod:`.source_phrases`); the per-document view that holds them is
:mod:`.source_context`. The span conventions are in the docstring
of :mod:`.sources`.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Token

from storyline.extract import attribution_lexicon as lex
from storyline.extract.source_context import Context, in_quote
from storyline.extract.source_phrases import (
    is_document,
    is_time,
    passive_agent,
    stated_in,
    verb_source,
)

_GAP_AFTER = re.compile(r"[\s,:\"“'‘]*(?:[\w.’']+\s+){0,4}?[\w.’']*[\s,:\"“'‘]*")
#: Trailing characters trimmed from a claim; a final "." "?" "!" stays only inside quotes.
_CLAIM_TAIL = frozenset(",;:-–—\"'“”‘’(`")
_EDGE_PUNCT = frozenset(",;:.!?-–—\"'“”‘’()[]`")


def verb_content(tok: Token, lemma: str, ctx: Context) -> tuple[int, int] | None:
    """The claim a verb introduces, or None when the verb does not report anything.

    Order: a clausal complement (also one the parser hung on a time phrase: "said last
    year that …"); a parenthetical use ("…, he said, …"); for verbs of saying, a
    that-clause inside a prepositional phrase ("said in a statement that …"), an infinitive
    or gerund ("claimed to have …", "suggested boycotting …"), the object of "of"/"for"
    after accusation verbs ("accused X of …"), an adjacent quotation, and a noun-phrase
    object for content verbs ("confirmed the deaths", "estimated it at 15,000").
    """
    children = list(tok.children)
    if lemma == "call":
        return _call_content(tok, children)
    for child in children:
        if child.dep_ == "ccomp":
            return clause_span(child)
    for child in children:
        if child.dep_ in ("npadvmod", "prep") and is_time(child):
            for t in child.subtree:
                if t.dep_ in ("relcl", "acl", "ccomp") and any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in t.children
                ):
                    return clause_span(t)  # "said last year that …" parsed as a relative
    if tok.dep_ == "parataxis" and tok.head.i != tok.i:
        return clause_without(tok.head, {t.i for t in tok.subtree})
    raised = _raised_content(tok, children)
    if raised is not None and lemma in lex.RAISING_CUES:
        return raised
    stray = stray_that_clause(tok)
    if stray is not None and lemma in lex.SPEECH_VERBS:
        return stray
    by_or_in = passive_agent(tok) is not None or stated_in(tok) is not None
    passive = _passive_content(tok, children) if by_or_in else None
    if passive is not None:
        return passive
    inverted = _inverted_that_clause(tok) or _inverted_conjunct(tok)
    if inverted is not None:
        return inverted
    relative = _relative_say_content(tok, lemma)
    if relative is not None:
        return relative
    as_clause = _as_clause_content(tok, lemma)
    if as_clause is not None:
        return as_clause
    if (
        lemma not in lex.SPEECH_VERBS
        and lemma not in lex.PHRASAL_CUES
        and lemma not in lex.DOCUMENT_SPEECH_VERBS
    ):
        if lemma == "show":
            subj = verb_source(tok, ctx)[0]
            obj = next((c for c in children if c.dep_ == "dobj"), None)
            if obj is not None and subj is not None and is_document(subj):
                return tokens_span(list(obj.subtree))
        return None
    for child in children:
        if child.dep_ == "prep" and child.i > tok.i:
            for pobj in child.children:
                for clause in pobj.children:
                    if clause.dep_ in ("acl", "ccomp", "relcl") and any(
                        m.dep_ == "mark" and m.lower_ == "that" for m in clause.children
                    ):
                        return clause_span(clause)  # "said in a statement that …"
            if (
                lemma in lex.CHARGE_VERBS
                and child.lower_ in ("of", "for")
                and any(c.dep_ in ("dobj", "agent") for c in children)
            ):  # "accused Kyiv of …", not "people accused of crimes"
                return tokens_span([t for t in child.subtree if t.i != child.i])
        if (
            child.dep_ == "xcomp"
            and child.pos_ in ("VERB", "AUX")
            and (
                lemma in lex.INFINITIVE_CONTENT_VERBS
                or child.tag_ == "VBG"
                or (in_quote(child.idx, ctx) and not in_quote(tok.idx, ctx))
            )
        ):  # "claimed to have …", "suggested boycotting …", a quotation parsed as xcomp
            return tokens_span(list(child.subtree))
    later = _implicative_content(tok)
    if later is not None:
        return later
    quote = _adjacent_quote(tok, ctx)
    if quote is not None:
        return quote
    if lemma in lex.TOPIC_CUES:
        topic = _topic(tok, children)
        if topic is not None:
            return topic
    previous = _previous_sentence(tok, ctx) if lemma in lex.SPEECH_VERBS else None
    if previous is not None:
        return previous
    if lemma in lex.OBJECT_CONTENT_VERBS:
        obj = next((c for c in children if c.dep_ == "dobj"), None)
        value = next(
            (c for c in children if c.dep_ == "prep" and c.lower_ in ("at", "as") and c.i > tok.i),
            None,
        )
        if obj is not None and value is not None:  # "estimated it at 15,000"
            return tokens_span([*obj.subtree, *value.subtree])
        if obj is not None and obj.pos_ != "PRON":
            return tokens_span(list(obj.subtree))
    return None


def _inverted_that_clause(tok: Token) -> tuple[int, int] | None:
    """'Verstka reports, citing inmates, that recruiters visited …' parsed upside down: the
    cue hangs as a complement on the verb of the that-clause that follows it."""
    head = tok.head
    if tok.dep_ != "ccomp" or head.i <= tok.i:
        return None
    marks = [m for m in head.children if m.dep_ == "mark" and m.lower_ == "that" and m.i > tok.i]
    if not marks:
        return None
    drop = {t.i for t in tok.subtree} | {m.i for m in marks}
    return tokens_span([t for t in head.subtree if t.i not in drop and t.i > marks[0].i])


def _inverted_conjunct(tok: Token) -> tuple[int, int] | None:
    """'The port closed, writes the Harbor Gazette' and 'The force will help, Defense
    Secretary Ash Carter told a Senate panel': a closing cue parsed as a conjunct of the
    clause before it; that clause is the claim. With the subject before the cue, the cue's
    own phrase must follow the comma directly and report nothing else (no clause, no
    object but an addressee): "Trump won, Clinton said nothing" is no report."""
    head = tok.head
    doc = tok.doc
    if tok.dep_ != "conj" or head.i >= tok.i or tok.i == 0:
        return None
    if doc[tok.i - 1].text == "," and any(c.dep_ == "nsubj" and c.i > tok.i for c in tok.children):
        return tokens_span([t for t in head.subtree if t.i < tok.i - 1])
    start = tok.left_edge.i
    subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), None)
    if subj is None or start == 0 or doc[start - 1].text != ",":
        return None
    for child in tok.children:
        if child.dep_ in ("cc", "ccomp", "xcomp", "advcl", "conj"):
            return None
        if child.dep_ == "dobj" and tok.lemma_.lower() not in lex.ADDRESSEE_VERBS:
            return None
    return tokens_span([t for t in head.subtree if t.i < start - 1])


def _relative_say_content(tok: Token, lemma: str) -> tuple[int, int] | None:
    """'…, a figure he said was 10 times lower': "said" sits in a relative clause on the
    subject of the claim it reports; the claim is that subject's clause without it."""
    head = tok.head
    if (
        lemma not in lex.RELATIVE_SAY_VERBS
        or tok.dep_ != "relcl"
        or head.dep_ not in ("nsubj", "nsubjpass")
        or head.head.i <= tok.i
        or not any(c.dep_ == "nsubj" for c in tok.children)
    ):
        return None
    drop = {t.i for t in tok.subtree}
    return tokens_span([t for t in head.head.subtree if t.i not in drop])


def _as_clause_content(tok: Token, lemma: str) -> tuple[int, int] | None:
    """'As The Atlantic noted, trust is collapsing', '…, as the minister told reporters':
    a cue in an "as" clause vouches for the clause it hangs on. Only with nothing it
    reports itself (no object but an addressee), so "as he said goodbye" stays out."""
    head = tok.head
    if (
        lemma not in lex.SPEECH_VERBS
        or tok.dep_ != "advcl"
        or head.i == tok.i
        or not any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
    ):
        return None
    for child in tok.children:
        if child.dep_ in ("ccomp", "xcomp", "attr", "acomp"):
            return None
        if child.dep_ == "dobj" and lemma not in lex.ADDRESSEE_VERBS:
            return None
    return clause_without(head, {t.i for t in tok.subtree})


#: Dependents a bare closing cue may have: "The ministry explained on Tuesday."
_BARE_CUE_DEPS = frozenset({"nsubj", "aux", "advmod", "npadvmod", "prep", "punct", "neg"})


def _previous_sentence(tok: Token, ctx: Context) -> tuple[int, int] | None:
    """'… complete their terms. The British Ministry of Defence explained on Tuesday.': a
    sentence that is only a speaker, a cue and a time vouches for the sentence before it
    in the same paragraph."""
    sent = tok.sent
    if tok.dep_ != "ROOT" or tok.tag_ not in ("VBD", "VBZ", "VBP") or sent.start == 0:
        return None
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if (
        subj is None
        or subj.pos_ == "PRON"
        or any(c.dep_ not in _BARE_CUE_DEPS for c in tok.children)
    ):
        return None
    preps = [c for c in tok.children if c.dep_ == "prep" and not is_time(c)]
    back = bool(preps) and all(_points_back(c) for c in preps)
    if preps and not back:
        return None
    before = tok.doc[sent.start - 1].sent
    if ctx.paragraph(before.start_char) != ctx.paragraph(tok.idx) and not back:
        return None
    return tokens_span(list(before))


def _points_back(prep: Token) -> bool:
    """'Mediazona writes *about this*.': a topic that is a word pointing back to what was
    just told, which a line of its own may follow (a new paragraph per sentence)."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return (
        prep.lower_ in lex.TOPIC_PREPOSITIONS
        and obj is not None
        and obj.lower_ in lex.BACK_REFERENCES
        and len(list(prep.subtree)) == 2
    )


def _implicative_content(tok: Token) -> tuple[int, int] | None:
    """'The inmate went on to note there seemed to be …': the parser hung the reported
    clause on the implicative head ("went") rather than on the cue infinitive."""
    head = tok.head
    if tok.dep_ != "xcomp" or head.i == tok.i or head.lemma_.lower() not in lex.IMPLICATIVE_HEADS:
        return None
    for child in head.children:
        if child.i > tok.i and child.dep_ in ("ccomp", "advcl") and child.pos_ in ("VERB", "AUX"):
            return clause_span(child)
    return None


def _topic(tok: Token, children: list[Token]) -> tuple[int, int] | None:
    """'CBS News reported on the case of …': the object of "on"/"about" is the content; a
    platform ("reported on Telegram") is where, not what."""
    for child in children:
        if child.dep_ == "prep" and child.lower_ in lex.TOPIC_PREPOSITIONS and child.i > tok.i:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ == "NOUN" and not obj.ent_type_:
                return tokens_span(list(obj.subtree))
    return None


def _raised_content(tok: Token, children: list[Token]) -> tuple[int, int] | None:
    """'He *is said to have* extended his contract': a passive cue with an infinitive
    reports its subject and the infinitive, from no named source."""
    if tok.tag_ != "VBN":
        return None
    subj = next((c for c in children if c.dep_ == "nsubjpass"), None)
    inf = next(
        (
            c
            for c in children
            if c.dep_ == "xcomp" and any(a.tag_ == "TO" for a in c.children) and c.i > tok.i
        ),
        None,
    )
    if subj is None or inf is None:
        return None
    return tokens_span([*subj.subtree, *inf.subtree])


def _passive_content(tok: Token, children: list[Token]) -> tuple[int, int] | None:
    """What a passive cue with an agent reports: its subject ("*The allegation* was
    confirmed by …"), or the clause it is set in ("*The port reopened*, as reported by …")."""
    subj = next((c for c in children if c.dep_ == "nsubjpass"), None)
    if subj is None and tok.dep_ == "conj" and tok.head.i != tok.i:
        # "The claim was made by … and corroborated by …": the subject they share
        subj = next((c for c in tok.head.children if c.dep_ == "nsubjpass"), None)
    if subj is not None:
        return tokens_span(list(subj.subtree))
    as_clause = tok.i > 0 and tok.doc[tok.i - 1].lower_ == "as"
    if as_clause and tok.dep_ in ("advcl", "acl") and tok.head.i != tok.i:
        first = min(t.i for t in tok.subtree)
        if first > tok.sent.start:  # the sentence up to "as …" ("…, as reported by …")
            return tokens_span([t for t in tok.sent if t.i < first])
        # "As stated in the investigation, Y": the rest of the sentence
        return tokens_span([t for t in tok.sent if t.i > max(u.i for u in tok.subtree)])
    return None  # "a video posted by relatives": a participle describing the noun


#: How many tokens may stand between a cue and a "that" the parser hung elsewhere.
_STRAY_THAT_WINDOW = 15


def stray_that_clause(tok: Token) -> tuple[int, int] | None:
    """A that-clause the parser attached to another head though it follows the cue with
    only the cue's own modifiers in between ("said in an interview posted on Telegram
    *that* …" parsed under "posted"; "claims from Moscow *that* …" under the main verb)."""
    doc = tok.doc
    sent_end = tok.sent.end
    for j in range(tok.i + 1, min(sent_end, tok.i + _STRAY_THAT_WINDOW)):
        t = doc[j]
        if t.lower_ == "that" and t.dep_ == "mark" and t.head.i > j:
            return tokens_span([u for u in t.head.subtree if j < u.i < sent_end])
        if not (t.is_punct or tok in t.ancestors):
            return None
    return None


def _call_content(tok: Token, children: list[Token]) -> tuple[int, int] | None:
    """'called the deal a disaster': "call" reports a claim only with an object and its
    predicate. "called for an inquiry" and "called on Kyiv to …" are demands, and "called
    the police" is a phone call."""
    for child in children:
        if child.dep_ == "oprd":
            obj = [c for c in children if c.dep_ == "dobj"]
            return tokens_span([*(t for o in obj for t in o.subtree), *child.subtree])
    return None


def clause_span(clause: Token) -> tuple[int, int] | None:
    """A complement clause without its complementizer "that"."""
    drop = {c.i for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"}
    return tokens_span([t for t in clause.subtree if t.i not in drop])


def _adjacent_quote(tok: Token, ctx: Context) -> tuple[int, int] | None:
    """A quotation just before the verb's clause, or right after the verb.

    Covers '"…," he said.' and 'He said: "…"' when the parser left no complement. Before
    the verb, only the verb's own dependents (its subject, adverbs) and punctuation may
    stand between the quotation and the verb; after it, at most a few words ("adding of
    Mr. Trump, …").
    """
    doc, text, quotes = ctx.doc, ctx.text, ctx.quotes
    v_start, v_end = tok.idx, tok.idx + len(tok.text)
    i = bisect.bisect_right(quotes, (v_start, v_start)) - 1
    while i >= 0 and quotes[i][1] > v_start:
        i -= 1  # a quotation that contains the verb does not introduce it
    if i >= 0 and v_start - quotes[i][1] <= 150:
        q_start, q_end = quotes[i]
        first = doc.char_span(q_end, v_start, alignment_mode="contract")
        if "\n" not in text[q_end:v_start] and (
            first is None or all(t.is_punct or t.is_quote or tok in t.ancestors for t in first)
        ):
            return q_start, q_end
    j = bisect.bisect_left(quotes, (v_end, v_end))
    if j < len(quotes) and quotes[j][0] - v_end <= 40:
        gap = text[v_end : quotes[j][0]]
        inside = doc.char_span(v_end, quotes[j][0], alignment_mode="contract")
        if _GAP_AFTER.fullmatch(gap) and (
            inside is None or not any(t.is_punct and t.text in ".!?;" for t in inside)
        ):
            return quotes[j]
    return None


def claim_beside(head: Token, phrase: set[int]) -> tuple[int, int] | None:
    """The claim next to an attribution phrase inside its clause: the words before it
    ("*Y*, according to X, potentially …"), or after it when it opens the clause
    ("According to X, *Y*")."""
    first, last = min(phrase), max(phrase)
    rest = [t for t in head.subtree if t.i not in phrase]
    before = [t for t in rest if t.i < first]
    if any(not (t.is_punct or t.is_space) for t in before):
        return tokens_span(before)
    return tokens_span([t for t in rest if t.i > last])


def clause_without(head: Token, drop: set[int]) -> tuple[int, int] | None:
    """The hull of ``head``'s subtree minus the attribution phrase ``drop``."""
    return tokens_span([t for t in head.subtree if t.i not in drop])


def tokens_span(tokens: list[Token]) -> tuple[int, int] | None:
    """Character hull of tokens, trimmed of punctuation and quotes at both ends."""
    toks = sorted(tokens, key=lambda t: t.i)
    while toks and (toks[0].is_punct or toks[0].text in _EDGE_PUNCT or toks[0].dep_ == "cc"):
        toks.pop(0)
    while toks and (toks[-1].is_punct or toks[-1].text in _EDGE_PUNCT or toks[-1].dep_ == "cc"):
        toks.pop()
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def trim_chars(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``text[start:end]`` without spaces and punctuation at its edges (None when empty)."""
    while start < end and (text[start].isspace() or text[start] in _EDGE_PUNCT):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _CLAIM_TAIL):
        end -= 1
    return (start, end) if start < end else None


def clip_to_paragraph(claim: tuple[int, int], cue: int, ctx: Context) -> tuple[int, int]:
    """Keep a claim inside the cue's paragraph (the parser may run across a headline)."""
    k = ctx.paragraph(cue)
    low = ctx.breaks[k - 1] + 1 if k > 0 else 0
    high = ctx.breaks[k] if k < len(ctx.breaks) else len(ctx.text)
    start, end = max(claim[0], low), min(claim[1], high)
    return (start, end) if start < end else claim


def widen_to_quotes(claim: tuple[int, int], cue: tuple[int, int], ctx: Context) -> tuple[int, int]:
    """Grow a claim to the inside of every quotation it overlaps (quotes span sentences),
    unless the cue itself is quoted (a report inside a quotation keeps its own clause);
    then trim punctuation left at the edges ('"We had no choice," she said' → the words)."""
    start, end = claim
    i = bisect.bisect_left(ctx.quotes, (start, start)) - 1
    for q_start, q_end in ctx.quotes[max(i, 0) :]:
        if q_start >= end:
            break
        if q_end > start and not q_start <= cue[0] < q_end:
            start, end = min(start, q_start), max(end, q_end)
    return trim_chars(ctx.text, start, end) or claim
