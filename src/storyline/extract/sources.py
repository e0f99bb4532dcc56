"""Attribution (source) extraction: who says so, and which claim they support.

Why rules over the dependency parse: in news English almost every attribution is a
reporting verb with a subject ("officials said"), its inversion ("…, said the officials"),
"according to X", or "reportedly". spaCy's parser already finds subjects (``nsubj``),
clausal complements (``ccomp``) and the object of "according to" (``pobj``), so a few
general rules over those relations reach the published accuracy band of trained
attribution systems without a model of our own, run in a single pass over the tokens, and
stay explainable to a reviewer ("cue *said*, subject *the former inmates*").

What counts (docs/eval.md, "Sources"): a speech or report act that puts forward a claim.
Commitments, demands, forecasts, beliefs, evaluations and acts are not sources (the word
lists in :mod:`storyline.extract.attribution_lexicon` leave them out), and neither is a cue
that reports no act that took place: a negated one ("did not confirm", "has never
published": a hedge instead), a hypothetical one ("residents can report") or an infinitive
under a non-implicative head ("plans to publish", "refused to say"). Findings count only
when a document states them ("the audit found that …"), not a court or an investigator.

Conventions (what the fields of :class:`~storyline.model.SourceMention` hold):

* ``start``/``end`` cover the attribution phrase: the cue (with the auxiliaries before it)
  plus the source phrase when the source is the cue's own subject or object ("according
  to two former inmates", "said the former inmates", "Dmitry Peskov told"), without the
  appositions, relative clauses and time phrases after the source ("said Claire Martin,
  his lawyer" → "said Claire Martin"); the cue alone when the source is inherited from
  another verb ("Trump …, *saying*") or missing ("reportedly").
* ``source`` is the source noun phrase as written, with its appositions and modifiers
  ("Michael Berkman, a pollster at …") but without relative clauses on its head ("the
  former inmates, whose names are withheld" → "the former inmates"), nor words on the
  other side of the cue. A relative pronoun source ("Ms. Warren, who said …") is replaced
  by its antecedent. Pronouns stay pronouns ("he"); linking them to people is the
  orchestrator's job.
* ``cue`` is the cue lemma: ``say``, ``tell``, ``point out``, ``according to``,
  ``reportedly``. Passive cues without an agent ("it was reported that …", "inmates were
  told that …") and "reportedly" have ``source=""`` and no source span.
* ``anonymous`` is true for unnamed people ("two former inmates", "officials", "a source
  close to the ministry", "people familiar with the matter", "some"), for a spokesperson
  of an unnamed body, for sourceless cues, and for any source in a sentence that says
  names are withheld or that someone spoke on condition of anonymity. It is false for
  named persons, for organisations and institutions ("the defense ministry said",
  "Doctors Without Borders"), for spokespeople of a named or definite body ("a spokeswoman
  for the Federal Penitentiary Service") and for documents and data, definite or not ("the
  report said", "according to official results", "a survey by …"); an indefinite
  organisation ("a company said") is anonymous. Pronouns inherit the flag of the last
  source of the same number ("they" after "two former inmates said" is anonymous).
* ``claim_start``/``claim_end`` span the reported content: the clausal complement
  ("said that *Y*", without "that"), the rest of the clause ("*Y*, according to X"), the
  object of content verbs ("confirmed *the deaths*"). A claim that lies in a quotation is
  widened to the whole quotation, even across sentences. ``None`` when no content is found.
* ``entity`` stays ``None``; the orchestrator links ``source_start``/``source_end`` to
  entity ids.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Token

from storyline.extract import attribution_lexicon as lex
from storyline.model import SourceMention

VERSION = "sources/1"

#: Quotation regions: curly pairs, straight pairs, and doubled apostrophes (''…''), each
#: within a paragraph. An opening quote left unclosed at a paragraph end (the news style
#: for multi-paragraph quotes) simply matches nothing.
_QUOTE_RE = re.compile(r"“[^“”\n]{1,3000}”|\"[^\"\n]{1,3000}\"|''(?:(?!'')[^\n]){1,3000}''")
_LINE_BREAK = re.compile(r"\n")
_GAP_AFTER = re.compile(r"[\s,:\"“'‘]*(?:[\w.’']+\s+){0,4}?[\w.’']*[\s,:\"“'‘]*")
#: Trailing characters trimmed from a claim; a final "." "?" "!" stays only inside quotes.
_CLAIM_TAIL = frozenset(",;:-–—\"'“”‘’(`")
_EDGE_PUNCT = frozenset(",;:.!?-–—\"'“”‘’()[]`")
_RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
_PLURAL_PRONOUNS = frozenset({"they", "them", "we"})
_SINGULAR_PRONOUNS = frozenset({"he", "she", "him", "her", "it"})
_NAMED_ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "FAC", "LOC", "PRODUCT", "WORK_OF_ART"})
#: Dependents that take their subject from their head verb ("… and said", "…, saying").
_INHERITS = frozenset({"conj", "advcl", "xcomp"})
_FIRST_PERSON = frozenset({"i", "we", "you"})
_GROUP_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})


@dataclass(frozen=True)
class Attribution:
    """A source mention plus the character span of its cue (for evaluation and review)."""

    mention: SourceMention
    cue_start: int
    cue_end: int


def extract(doc: Doc, published: date | None = None) -> list[SourceMention]:
    """Return the attributions in ``doc``, in order of their start offset.

    Args:
        doc: the annotated document (tagger, parser, lemmatizer and NER required).
        published: unused; accepted for the common extractor interface.
    """
    return [a.mention for a in find_attributions(doc)]


@dataclass
class _Context:
    """Per-document state shared by the rules (``doc.text`` is rebuilt on every access in
    spaCy, so it is read once here)."""

    doc: Doc
    text: str
    quotes: list[tuple[int, int]]
    sent_of: list[tuple[int, int]]
    breaks: list[int] = field(default_factory=list)
    last_anon: dict[str, bool] = field(default_factory=dict)

    def paragraph(self, offset: int) -> int:
        """Index of the paragraph (text between line breaks) holding ``offset``."""
        return bisect.bisect_right(self.breaks, offset)


def find_attributions(doc: Doc) -> list[Attribution]:
    """Return every attribution in ``doc`` with its cue span, sorted by start."""
    text = doc.text
    breaks = [m.start() for m in _LINE_BREAK.finditer(text)]
    ctx = _Context(doc, text, _quotations(text), _sentence_index(doc), breaks)
    found: list[Attribution] = []
    for tok in doc:
        low = tok.lower_
        if low in lex.PREPOSITION_CUES:
            item = _preposition_cue(tok)
        elif low in lex.ADVERB_CUES:
            item = _adverb_cue(tok)
        elif tok.pos_ == "VERB" and _is_cue_lemma(tok.lemma_.lower()):
            item = _cite_cue(tok, ctx) if tok.lemma_ == "cite" else _verb_cue(tok, ctx)
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in lex.NOUN_CUES:
            item = _noun_cue(tok, ctx)
        elif tok.text == ":":
            item = _colon_cue(tok, ctx)
        else:
            continue
        if item is None:
            continue
        found.append(_build(ctx, item))
    found.sort(key=lambda a: (a.mention.start, a.cue_start))
    return found


# ----------------------------------------------------------------------------- cue finders

#: (cue tokens, cue lemma, source head, source is the cue's own argument, claim span)
_Found = tuple[list[Token], str, Token | None, bool, tuple[int, int] | None]


def _is_cue_lemma(lemma: str) -> bool:
    return (
        lemma in lex.SPEECH_VERBS
        or lemma in lex.EVIDENCE_VERBS
        or lemma in lex.PHRASAL_CUES
        or lemma in ("call", "cite")
    )


def _preposition_cue(tok: Token) -> _Found | None:
    """'according to X': the source is the object of 'to', the claim the rest of the clause."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is None or nxt.lower_ != lex.PREPOSITION_CUES[tok.lower_]:
        return None
    objs = [c for c in nxt.children if c.dep_ == "pobj"]
    if not objs:
        objs = [c for c in tok.children if c.dep_ == "pobj"]
    source = _resolve(objs[0]) if objs else None
    phrase = {t.i for t in tok.subtree} | {t.i for t in nxt.subtree} | {tok.i}
    claim = _claim_beside(tok.head if tok.head.i != tok.i else tok, phrase)
    return [tok, nxt], f"{tok.lower_} {nxt.lower_}", source, True, claim


def _colon_cue(tok: Token, ctx: _Context) -> _Found | None:
    """'Peskov: Talks Have Stalled' — a name opening a line, a colon, then what they say.

    The headline and transcript convention; the words before the colon must be a short
    noun phrase without a verb that names someone (a proper noun, or a noun for people,
    institutions or documents such as "Poll"), and not a label ("Update:", "Watch:").
    """
    doc, text = ctx.doc, ctx.text
    line_start = text.rfind("\n", 0, tok.idx) + 1
    left = doc.char_span(line_start, tok.idx, alignment_mode="contract")
    line_end = text.find("\n", tok.idx)
    line_end = len(text) if line_end < 0 else line_end
    if left is None or not 1 <= len(left) <= 6 or left.start_char != line_start:
        return None
    if left[0].lower_ in lex.COLON_LABELS or any(t.pos_ in ("VERB", "AUX") for t in left):
        return None
    root = left.root
    if not (
        any(t.pos_ == "PROPN" or t.ent_type_ in _NAMED_ENTITY_TYPES for t in left)
        or root.lemma_.lower() in lex.PERSON_NOUNS
        or root.lemma_.lower() in lex.ORG_NOUNS
        or root.lemma_.lower() in lex.DOCUMENT_NOUNS
    ):
        return None
    claim = _trim_chars(text, tok.idx + 1, line_end)
    if claim is None or claim[1] - claim[0] < 3:
        return None
    return [tok], ":", root, True, claim


def _cite_cue(tok: Token, ctx: _Context) -> _Found | None:
    """'…, citing two officials, …': the object of "cite" is the source of the clause."""
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None or obj.lemma_.lower() in lex.NON_SOURCE_OBJECTS:
        return None
    clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    if clause is not None:  # "…, citing two officials, that …" (parsed under "citing")
        claim = _clause_span(clause)
    else:
        head = tok.head if tok.head.i != tok.i else tok
        claim = _claim_beside(head, {t.i for t in tok.subtree})
    return _verb_group(tok, [tok]), "cite", _resolve(obj), True, claim


def _noun_cue(tok: Token, ctx: _Context) -> _Found | None:
    """'Trump's claim that …', 'a statement from the ministry that …', 'reports that …'.

    Fires only with a that-clause; the source is the possessor or the object of
    "by"/"from", else the cue is sourceless. A noun that a negated verb governs ("did not
    confirm reports that …") reports nothing: the verb makes the claim a hedge instead.
    """
    head = tok.head
    if head.dep_ == "prep" and _is_cue_lemma(head.head.lemma_.lower()):
        return None  # "said in a statement that …": the verb is the cue
    if head.i != tok.i and head.pos_ in ("VERB", "AUX") and _negated(head):
        return None
    claim = None
    for child in tok.children:
        if child.dep_ in ("acl", "ccomp", "relcl") and any(
            m.dep_ == "mark" and m.lower_ == "that" for m in child.children
        ):
            claim = _clause_span(child)
    if claim is None:
        return None
    source: Token | None = None
    for child in tok.children:
        if child.dep_ == "poss":
            source = _resolve(child)
        elif child.dep_ == "prep" and child.lower_ in ("by", "from") and source is None:
            source = next((c for c in child.children if c.dep_ == "pobj"), None)
    if source is not None and not _usable(source, tok, ctx):
        source = None
    return [tok], tok.lemma_.lower(), source, source is not None, claim


def _adverb_cue(tok: Token) -> _Found | None:
    """'reportedly': a sourceless cue over the clause of the verb it modifies."""
    head = tok.head
    claim = _clause_without(head, {tok.i}) if head.i != tok.i else None
    return [tok], tok.lower_, None, False, claim


def _verb_cue(tok: Token, ctx: _Context) -> _Found | None:
    """A reporting, cognition or evidence verb with content it introduces."""
    lemma = tok.lemma_.lower()
    if tok.dep_ == "amod" or _non_reporting(tok) or _unperformed(tok):
        return None
    if (
        tok.dep_ in ("acl", "relcl", "parataxis")
        and tok.tag_ == "VBN"
        and not any(c.dep_ in ("agent", "aux", "auxpass") for c in tok.children)
    ):
        return None  # "people accused of crimes": a participle describing the noun
    cue = [tok]
    if lemma in lex.PHRASAL_CUES:
        prt = [c for c in tok.children if c.dep_ == "prt" and c.lower_ in lex.PHRASAL_CUES[lemma]]
        if not prt:
            if not _is_speech_like(lemma):
                return None
        else:
            cue.append(prt[0])
    claim = _content(tok, lemma, ctx)
    if claim is None:
        return None
    source, direct = _verb_source(tok, ctx)
    if source is not None and source.lower_ in _FIRST_PERSON and _in_quote(tok.idx, ctx):
        return None  # '"I will say …"': the speaker's own words, not a source
    if lemma in lex.EVIDENCE_ONLY_VERBS and (source is None or not _is_document(source)):
        return None  # "the audit found that …" reports; "judges found that …" judge
    if (
        lemma in lex.EVIDENCE_VERBS
        and tok.dep_ == "advcl"
        and tok.tag_ == "VBG"
        and not _is_speech_like(tok.head.lemma_.lower())
        and source is not None
        and not _is_speaker(source)
    ):
        return None  # "graves carry one date, suggesting that …": the fact, not a speaker
    name = " ".join([lemma, *(t.lower_ for t in cue[1:])])
    return _verb_group(tok, cue), name, source, direct, claim


def _verb_group(tok: Token, cue: list[Token]) -> list[Token]:
    """The cue tokens: the verb with the auxiliaries, negation and adverbs right before it
    ("has said", "did not say", "also said"), its particle, and a colon right after it."""
    doc = tok.doc
    left = tok.i
    while left > 0 and doc[left - 1].head.i == tok.i and doc[left - 1].dep_ in _GROUP_DEPS:
        left -= 1
    group = [*doc[left : tok.i], *cue]
    end = max(t.i for t in group)
    if end + 1 < len(doc) and doc[end + 1].text == ":":
        group.append(doc[end + 1])
    return group


def _is_speech_like(lemma: str) -> bool:
    return lemma in lex.SPEECH_VERBS or lemma in lex.EVIDENCE_VERBS


def _left_group(tok: Token) -> list[Token]:
    """The auxiliaries, negation and adverbs right before a verb ("could not", "has never
    publicly"): the words that can negate it or make it hypothetical. Only these count, so
    a misparsed "not" or "will" elsewhere in the sentence ('"Probably not," she said')
    does not."""
    doc = tok.doc
    left = tok.i
    while left > 0 and doc[left - 1].head.i == tok.i and doc[left - 1].dep_ in _GROUP_DEPS:
        left -= 1
    return list(doc[left : tok.i])


def _status_children(tok: Token) -> list[Token]:
    """The verb's own auxiliaries, negation and subject, plus those it shares with the verb
    it is disjoined to ("did not confirm or comment": "comment" is negated too)."""
    kids = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")] + _left_group(tok)
    head = tok.head
    if (
        tok.dep_ == "conj"
        and head.i != tok.i
        and any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in head.children)
        and not any(c.dep_ in ("aux", "neg", "nsubj") for c in kids)
    ):
        kids += [c for c in head.children if c.dep_ == "nsubj"] + _left_group(head)
    return kids


def _negated(tok: Token) -> bool:
    """True when the verb itself is negated ("did not confirm", "has never published") or
    its subject is a negative ("no official confirmed", "nobody said")."""
    for child in _status_children(tok):
        if child.dep_ == "neg":
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and (
            child.lower_ in ("nobody", "none", "nothing")
            or any(d.dep_ == "det" and d.lower_ == "no" for d in child.children)
        ):
            return True
    return False


def _unperformed(tok: Token) -> bool:
    """True when the cue reports no speech act that took place: negated ("did not confirm",
    "refused to say"), hypothetical ("residents can report", "will announce") or an
    infinitive under a head that leaves it undone ("plans to publish")."""
    if _negated(tok):
        return True
    kids = _status_children(tok)
    if any(
        c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in lex.HYPOTHETICAL_MODALS for c in kids
    ):
        return True
    if any(c.dep_ == "aux" and c.tag_ == "TO" for c in kids):
        head = tok.head
        return head.i == tok.i or head.lemma_.lower() not in lex.IMPLICATIVE_HEADS
    return False


def _non_reporting(tok: Token) -> bool:
    """True inside idioms such as "needless to say" or "let's say"."""
    doc = tok.doc
    for idiom in lex.NON_REPORTING_SAY:
        n = len(idiom)
        if tok.lower_ != idiom[-1] or tok.i + 1 < n:
            continue
        if tuple(t.lower_ for t in doc[tok.i - n + 1 : tok.i + 1]) == idiom:
            return True
    nxt = doc[tok.i + 1].text if tok.i + 1 < len(doc) else ""
    if (
        tok.lower_ == "said"
        and tok.i > 0
        and doc[tok.i - 1].lower_ == "that"
        and nxt == ","
        and (tok.i == 1 or doc[tok.i - 2].is_sent_end or doc[tok.i - 2].is_punct)
    ):
        return True  # "That said, …"
    # "say, hooking them" — "say" as a discourse marker ("for example").
    return (
        tok.lower_ == "say"
        and tok.i > 0
        and doc[tok.i - 1].text == ","
        and (tok.i + 1 < len(doc) and doc[tok.i + 1].text == ",")
    )


def _content(tok: Token, lemma: str, ctx: _Context) -> tuple[int, int] | None:
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
            return _clause_span(child)
    for child in children:
        if child.dep_ in ("npadvmod", "prep") and _is_time(child):
            for t in child.subtree:
                if t.dep_ in ("relcl", "acl", "ccomp") and any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in t.children
                ):
                    return _clause_span(t)  # "said last year that …" parsed as a relative
    if tok.dep_ == "parataxis" and tok.head.i != tok.i:
        return _clause_without(tok.head, {t.i for t in tok.subtree})
    if lemma not in lex.SPEECH_VERBS and lemma not in lex.PHRASAL_CUES:
        if lemma == "show":
            subj = _verb_source(tok, ctx)[0]
            obj = next((c for c in children if c.dep_ == "dobj"), None)
            if obj is not None and subj is not None and _is_document(subj):
                return _tokens_span(list(obj.subtree))
        return None
    for child in children:
        if child.dep_ == "prep" and child.i > tok.i:
            for pobj in child.children:
                for clause in pobj.children:
                    if clause.dep_ in ("acl", "ccomp", "relcl") and any(
                        m.dep_ == "mark" and m.lower_ == "that" for m in clause.children
                    ):
                        return _clause_span(clause)  # "said in a statement that …"
            if (
                lemma in lex.CHARGE_VERBS
                and child.lower_ in ("of", "for")
                and any(c.dep_ in ("dobj", "agent") for c in children)
            ):  # "accused Kyiv of …", not "people accused of crimes"
                return _tokens_span([t for t in child.subtree if t.i != child.i])
        if (
            child.dep_ == "xcomp"
            and child.pos_ in ("VERB", "AUX")
            and (
                lemma in lex.INFINITIVE_CONTENT_VERBS
                or child.tag_ == "VBG"
                or (_in_quote(child.idx, ctx) and not _in_quote(tok.idx, ctx))
            )
        ):  # "claimed to have …", "suggested boycotting …", a quotation parsed as xcomp
            return _tokens_span(list(child.subtree))
    quote = _adjacent_quote(tok, ctx)
    if quote is not None:
        return quote
    if lemma in lex.OBJECT_CONTENT_VERBS:
        obj = next((c for c in children if c.dep_ == "dobj"), None)
        value = next(
            (c for c in children if c.dep_ == "prep" and c.lower_ in ("at", "as") and c.i > tok.i),
            None,
        )
        if obj is not None and value is not None:  # "estimated it at 15,000"
            return _tokens_span([*obj.subtree, *value.subtree])
        if obj is not None and obj.pos_ != "PRON":
            return _tokens_span(list(obj.subtree))
    return None


def _call_content(tok: Token, children: list[Token]) -> tuple[int, int] | None:
    """'called the deal a disaster': "call" reports a claim only with an object and its
    predicate. "called for an inquiry" and "called on Kyiv to …" are demands, and "called
    the police" is a phone call."""
    for child in children:
        if child.dep_ == "oprd":
            obj = [c for c in children if c.dep_ == "dobj"]
            return _tokens_span([*(t for o in obj for t in o.subtree), *child.subtree])
    return None


def _is_time(tok: Token) -> bool:
    """A time phrase: a DATE/TIME entity, or a preposition whose object is one."""
    if tok.ent_type_ in ("DATE", "TIME"):
        return True
    return tok.dep_ == "prep" and any(
        c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in tok.children
    )


def _clause_span(clause: Token) -> tuple[int, int] | None:
    """A complement clause without its complementizer "that"."""
    drop = {c.i for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"}
    return _tokens_span([t for t in clause.subtree if t.i not in drop])


def _adjacent_quote(tok: Token, ctx: _Context) -> tuple[int, int] | None:
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


def _in_quote(offset: int, ctx: _Context) -> bool:
    i = bisect.bisect_right(ctx.quotes, (offset, len(ctx.text))) - 1
    return i >= 0 and ctx.quotes[i][0] <= offset < ctx.quotes[i][1]


# --------------------------------------------------------------------------------- sources


def _verb_source(tok: Token, ctx: _Context) -> tuple[Token | None, bool]:
    """Return (source head, direct) for a cue verb.

    ``direct`` is true when the source is the verb's own subject (or passive agent), so
    the attribution phrase can span cue and source together. A subject inside a quotation
    that does not contain the verb, or in another paragraph, is a parse error and is
    skipped.
    """
    for child in tok.children:
        if child.dep_ == "nsubj" and _usable(child, tok, ctx):
            if child.pos_ in ("VERB", "AUX"):
                return None, False  # a gerund subject ("Cross-referencing …") is no source
            return _resolve(child), True
    for child in tok.children:
        if child.dep_ == "agent":
            objs = [c for c in child.children if c.dep_ == "pobj" and _usable(c, tok, ctx)]
            if objs:
                return _resolve(objs[0]), True
    if any(c.dep_ == "nsubjpass" for c in tok.children):
        return None, False  # "it was reported that …", "inmates were told …"
    head = tok.head
    if head.i != tok.i and head.pos_ in ("VERB", "AUX") and tok.dep_ in _INHERITS:
        if tok.dep_ == "xcomp":  # object control: "urged voters to …", "led her to declare"
            obj = next((c for c in head.children if c.dep_ == "dobj"), None)
            if obj is not None and obj.i < tok.i and _usable(obj, tok, ctx):
                return _resolve(obj), False
        subj = _clause_subject(head, ctx)
        if subj is not None and _usable(subj, tok, ctx):
            return subj, False  # "Trump attacked Clinton, saying …"
    if (
        tok.dep_ in ("acl", "relcl")
        and tok.tag_ in ("VBG", "VBN")
        and head.pos_ in ("NOUN", "PROPN", "PRON")
    ):
        return _resolve(head), False  # "a statement saying …"
    found = _inverted_object(tok, ctx) or _left_noun(tok, ctx)
    return found, found is not None


def _clause_subject(verb: Token, ctx: _Context, depth: int = 0) -> Token | None:
    """The subject of a clause (active or passive), inherited through conjunctions."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and not _quoted_apart(child, verb, ctx):
            return _resolve(child)
    head = verb.head
    if depth < 4 and head.i != verb.i and head.pos_ in ("VERB", "AUX") and verb.dep_ in _INHERITS:
        return _clause_subject(head, ctx, depth + 1)
    return None


def _usable(cand: Token, verb: Token, ctx: _Context) -> bool:
    """A source candidate must share the verb's paragraph and not sit in another quotation."""
    return ctx.paragraph(cand.idx) == ctx.paragraph(verb.idx) and not _quoted_apart(cand, verb, ctx)


def _quoted_apart(tok: Token, verb: Token, ctx: _Context) -> bool:
    """True when ``tok`` lies inside a quotation that does not contain ``verb``."""
    i = bisect.bisect_right(ctx.quotes, (tok.idx, len(ctx.text))) - 1
    if i < 0:
        return False
    q_start, q_end = ctx.quotes[i]
    return q_start <= tok.idx < q_end and not q_start <= verb.idx < q_end


def _inverted_object(tok: Token, ctx: _Context) -> Token | None:
    """'…, said X.' when the parser did not make X the subject: a noun right after the verb."""
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if prev is None or prev.text not in {",", "”", '"', "''", "—"}:
        return None
    for child in tok.rights:
        if (
            child.pos_ in ("NOUN", "PROPN")
            and child.ent_type_ not in ("DATE", "TIME")
            and child.dep_ not in ("ccomp", "pobj")
            and _usable(child, tok, ctx)
        ):
            return child
        break
    return None


def _left_noun(tok: Token, ctx: _Context) -> Token | None:
    """'X, the minority leader, said …' when the parser attached X elsewhere.

    The noun phrase that ends right before the verb (across one comma) is taken as the
    subject; it is climbed through appositions and compounds to its head.
    """
    doc = tok.doc
    i = tok.i - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    if i < 0 or doc[i].pos_ not in ("NOUN", "PROPN"):
        return None
    cand = doc[i]
    while cand.dep_ in ("appos", "compound", "flat") and cand.head.pos_ in ("NOUN", "PROPN"):
        cand = cand.head
    if cand.i >= tok.i or cand.head.i == tok.i or not _is_person_like(cand):
        return None
    return cand if _usable(cand, tok, ctx) else None


def _is_document(tok: Token) -> bool:
    """A text or data set that states findings ("the audit", "polls", "official data")."""
    return tok.lemma_.lower() in lex.DOCUMENT_NOUNS or tok.lower_ in lex.DOCUMENT_NOUNS


def _is_speaker(tok: Token) -> bool:
    """Someone or something that can put forward a claim: a person, a group, an
    organisation, a named entity, a pronoun or a document."""
    lemma = tok.lemma_.lower()
    return (
        tok.pos_ in ("PRON", "PROPN")
        or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        or lemma in lex.PERSON_NOUNS
        or lemma in lex.ORG_NOUNS
        or _is_document(tok)
    )


def _is_person_like(tok: Token) -> bool:
    return tok.ent_type_ in ("PERSON", "ORG", "NORP") or tok.lemma_.lower() in lex.PERSON_NOUNS


def _resolve(tok: Token) -> Token:
    """Replace a relative pronoun by its antecedent ('Warren, who said' → 'Warren')."""
    if tok.lower_ in _RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
        return tok.head.head
    return tok


def _np_tokens(head: Token, cue: int, core: bool = False) -> list[Token]:
    """The source phrase: the head's subtree without relative clauses, clauses set off
    after it ("…, referring to …"), a leading focus adverb ("even", "but"), anything on
    the far side of the cue token ``cue`` (a misparse that hung words after "said" on a
    preceding subject) and anything past a paragraph break (a parse that ran across
    paragraphs). ``core`` also drops appositions and time phrases ("said Claire Martin,
    his lawyer" → "Claire Martin"; "a survey by the IRC in June" → "a survey by the IRC"),
    the extent of the attribution span in the gold conventions."""
    drop: set[int] = set()
    for child in head.children:
        if (
            child.dep_ in ("relcl", "advcl")
            or (child.dep_ == "acl" and child.i > head.i and child.tag_ in ("VBN", "VBG"))
            or (core and child.i > head.i and (child.dep_ == "appos" or _is_time(child)))
        ):
            drop.update(t.i for t in child.subtree)
    if core:  # the time phrase of a post-modifier: "a survey by the IRC in June"
        for t in head.subtree:
            if t.i > head.i and t.i not in drop and t.dep_ == "prep" and _is_time(t):
                drop.update(u.i for u in t.subtree)
    toks = [t for t in head.subtree if t.i not in drop and (t.i < cue) == (head.i < cue)]
    while toks and toks[0].i != head.i and toks[0].dep_ in ("advmod", "cc", "preconj"):
        toks.pop(0)
    doc = head.doc
    for k, t in enumerate(toks):
        if t.i > head.i and (t.is_space or "\n" in doc[t.i - 1].whitespace_):
            return toks[:k]
    return toks


# ---------------------------------------------------------------------------- assembling


def _build(ctx: _Context, item: _Found) -> Attribution:
    """Turn a found cue into an :class:`Attribution` with the span conventions above."""
    cue_toks, lemma, source_head, direct, claim = item
    text = ctx.text
    cue_start = cue_toks[0].idx
    cue_end = max(t.idx + len(t.text) for t in cue_toks)
    src_span: tuple[int, int] | None = None
    core: tuple[int, int] | None = None
    if source_head is not None:
        src_span = _tokens_span(_np_tokens(source_head, cue_toks[0].i))
        core = _tokens_span(_np_tokens(source_head, cue_toks[0].i, core=True))
    start, end = cue_start, cue_end
    if core is not None and direct:
        start, end = min(start, core[0]), max(end, core[1])
    if claim is not None:
        claim = _widen_to_quotes(
            _clip_to_paragraph(claim, cue_start, ctx), (cue_start, cue_end), ctx
        )
    anonymous = _anonymous(ctx, source_head, src_span)
    mention = SourceMention(
        start=start,
        end=end,
        text=text[start:end],
        source=text[src_span[0] : src_span[1]] if src_span else "",
        source_start=src_span[0] if src_span else None,
        source_end=src_span[1] if src_span else None,
        anonymous=anonymous,
        cue=lemma,
        claim_start=claim[0] if claim else None,
        claim_end=claim[1] if claim else None,
    )
    return Attribution(mention=mention, cue_start=cue_start, cue_end=cue_end)


def _anonymous(ctx: _Context, head: Token | None, span: tuple[int, int] | None) -> bool:
    """Apply the anonymity rule in the module docstring (and remember it for pronouns)."""
    if head is None or span is None:
        return True
    low = head.lower_
    if low in _PLURAL_PRONOUNS or low in _SINGULAR_PRONOUNS:
        number = "plural" if low in _PLURAL_PRONOUNS else "singular"
        return ctx.last_anon.get(number, False)
    s_start, s_end = ctx.sent_of[head.i]
    verdict = _noun_anonymous(head) or bool(lex.ANONYMITY_MARKERS.search(ctx.text, s_start, s_end))
    if head.pos_ != "PRON":
        plural = head.tag_ in ("NNS", "NNPS") or _has_plural_number(head)
        ctx.last_anon["plural" if plural else "singular"] = verdict
    return verdict


def _noun_anonymous(head: Token) -> bool:
    low, lemma = head.lower_, head.lemma_.lower()
    if low in lex.ANONYMOUS_PRONOUNS:
        return True
    if head.pos_ == "PRON":
        return False  # "I", "you", "this": speakers of quotations, not unnamed sources
    if any(c.lower_ in lex.ANONYMOUS_MODIFIERS for c in head.children):
        return True
    if head.ent_type_ == "NORP":
        return True  # "Ukrainians said": members of a group, none named
    if _is_document(head):
        return False  # "official results", "a survey by …": documents speak for themselves
    if (
        _is_named(head)
        or _titled_name(head)
        or any(
            c.dep_ in ("appos", "compound") and _is_named(c) and c.ent_type_ != "ORG"
            for c in head.children
        )
    ):
        return False
    if lemma in lex.SPOKESPERSON_NOUNS and _speaks_for_known_body(head):
        return False
    indefinite = any(
        (c.dep_ == "det" and c.lower_ in lex.INDEFINITE_DETERMINERS)
        or c.dep_ == "nummod"
        or (c.dep_ == "amod" and c.lower_ in lex.INDEFINITE_DETERMINERS)
        for c in head.children
    )
    definite = any(
        c.dep_ in ("det", "poss") and c.lower_ not in lex.INDEFINITE_DETERMINERS
        for c in head.children
    )
    if lemma in lex.UNIQUE_TITLES:
        return not definite
    if lemma in lex.PERSON_NOUNS:
        return True
    if lemma in lex.ORG_NOUNS or lemma in lex.DOCUMENT_NOUNS:
        return indefinite
    return indefinite or head.tag_ == "NNS"


def _is_named(tok: Token) -> bool:
    return tok.pos_ == "PROPN" or tok.ent_type_ in _NAMED_ENTITY_TYPES


def _titled_name(head: Token) -> bool:
    """A title-case name with a capitalised preposition ("Doctors Without Borders",
    "Reporters Without Borders"): prepositions are capitalised mid-phrase only in names."""
    return head.is_title and any(
        c.dep_ == "prep" and c.is_title and c.i == head.i + 1 for c in head.children
    )


def _speaks_for_known_body(head: Token) -> bool:
    """A spokesperson for a named or definite organisation: "a spokeswoman for the Federal
    Penitentiary Service", "a ministry spokesman", "a Kremlin spokesman"."""
    for child in head.children:
        if child.dep_ == "compound" and (_is_named(child) or child.lemma_.lower() in lex.ORG_NOUNS):
            return True
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "from"):
            body = next((c for c in child.children if c.dep_ == "pobj"), None)
            if body is None:
                continue
            if _is_named(body) or any(_is_named(t) for t in body.subtree if t.i != child.i):
                return True
            if body.lemma_.lower() in lex.ORG_NOUNS and any(
                c.dep_ in ("det", "poss") and c.lower_ not in lex.INDEFINITE_DETERMINERS
                for c in body.children
            ):
                return True
    return False


def _has_plural_number(head: Token) -> bool:
    return any(c.dep_ == "nummod" and c.lower_ not in ("one", "1") for c in head.children)


# ------------------------------------------------------------------------------ spans


def _sentence_index(doc: Doc) -> list[tuple[int, int]]:
    """Map each token index to the character bounds of its sentence."""
    if not doc.has_annotation("SENT_START"):
        return [(0, len(doc.text))] * len(doc)
    out: list[tuple[int, int]] = []
    for sent in doc.sents:
        bounds = (sent.start_char, sent.end_char)
        out.extend([bounds] * (sent.end - sent.start))
    return out


def _tokens_span(tokens: list[Token]) -> tuple[int, int] | None:
    """Character hull of tokens, trimmed of punctuation and quotes at both ends."""
    toks = sorted(tokens, key=lambda t: t.i)
    while toks and (toks[0].is_punct or toks[0].text in _EDGE_PUNCT or toks[0].dep_ == "cc"):
        toks.pop(0)
    while toks and (toks[-1].is_punct or toks[-1].text in _EDGE_PUNCT or toks[-1].dep_ == "cc"):
        toks.pop()
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _claim_beside(head: Token, phrase: set[int]) -> tuple[int, int] | None:
    """The claim next to an attribution phrase inside its clause: the words before it
    ("*Y*, according to X, potentially …"), or after it when it opens the clause
    ("According to X, *Y*")."""
    first, last = min(phrase), max(phrase)
    rest = [t for t in head.subtree if t.i not in phrase]
    before = [t for t in rest if t.i < first]
    if any(not (t.is_punct or t.is_space) for t in before):
        return _tokens_span(before)
    return _tokens_span([t for t in rest if t.i > last])


def _clause_without(head: Token, drop: set[int]) -> tuple[int, int] | None:
    """The hull of ``head``'s subtree minus the attribution phrase ``drop``."""
    return _tokens_span([t for t in head.subtree if t.i not in drop])


def _quotations(text: str) -> list[tuple[int, int]]:
    """Inner spans (without the quote marks) of the quotations in ``text``."""
    out = []
    for m in _QUOTE_RE.finditer(text):
        width = 2 if m.group().startswith("''") else 1
        out.append((m.start() + width, m.end() - width))
    return out


def _trim_chars(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``text[start:end]`` without spaces and punctuation at its edges (None when empty)."""
    while start < end and (text[start].isspace() or text[start] in _EDGE_PUNCT):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _CLAIM_TAIL):
        end -= 1
    return (start, end) if start < end else None


def _clip_to_paragraph(claim: tuple[int, int], cue: int, ctx: _Context) -> tuple[int, int]:
    """Keep a claim inside the cue's paragraph (the parser may run across a headline)."""
    k = ctx.paragraph(cue)
    low = ctx.breaks[k - 1] + 1 if k > 0 else 0
    high = ctx.breaks[k] if k < len(ctx.breaks) else len(ctx.text)
    start, end = max(claim[0], low), min(claim[1], high)
    return (start, end) if start < end else claim


def _widen_to_quotes(
    claim: tuple[int, int], cue: tuple[int, int], ctx: _Context
) -> tuple[int, int]:
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
    return _trim_chars(ctx.text, start, end) or claim
