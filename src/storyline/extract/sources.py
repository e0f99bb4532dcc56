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
  ``reportedly``; ``per`` ("…, per X"), ``in words`` ("In his words"), ``know`` ("as it
  became known from X"), ``read`` ('"…," the statement read') and, for "The claim was made
  by X", the speech-act noun (``claim``, ``announcement``…). Passive cues without an
  agent ("it was reported that …") and "reportedly" have ``source=""`` and no source span;
  a passive whose subject is the addressee ("inmates were told that …") is no cue.
* ``anonymous`` is true for unnamed people ("two former inmates", "officials", "a source
  close to the ministry", "people familiar with the matter", "some"), for a spokesperson
  of an unnamed body, for sourceless cues, and for any source in a sentence that says
  names are withheld or that someone spoke on condition of anonymity. It is false for
  named persons, for organisations and institutions ("the defense ministry said",
  "Doctors Without Borders"), for spokespeople of a named or definite body ("a spokeswoman
  for the Federal Penitentiary Service") and for documents and data, definite or not ("the
  report said", "according to official results", "a survey by …"); an indefinite
  organisation ("a company said"), a bare plural one ("rights groups said", bar official
  collectives such as "authorities"), unattributed reports ("according to media
  reports") and a coordination with an unnamed part are anonymous; one person tied to
  someone named ("his lawyer") and a definite leader ("the mercenary chief") are not.
  Pronouns inherit the flag of the last source of the same number ("they" after "two
  former inmates said" is anonymous), unless a named person is a subject in between.
  Headline credits and "Source:" lines come from :mod:`.source_lines` (cue ``credit``).
* ``claim_start``/``claim_end`` span the reported content: the clausal complement
  ("said that *Y*", without "that"), the rest of the clause ("*Y*, according to X"), the
  object of content verbs ("confirmed *the deaths*"). A claim that lies in a quotation is
  widened to the whole quotation, even across sentences. ``None`` when no content is found.
* ``entity`` stays ``None``; the orchestrator links ``source_start``/``source_end`` to
  entity ids.

This module finds the cues and assembles the mentions; which words make up the source
phrase is :mod:`.source_phrases`, whether it is anonymous :mod:`.source_anonymity`; where
the claim lies, with the per-document view of quotations and paragraphs the rules share, is
:mod:`.source_claims`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token

from storyline.extract import attribution_lexicon as lex
from storyline.extract.source_anonymity import is_anonymous
from storyline.extract.source_claims import (
    claim_beside,
    clause_span,
    clause_without,
    clip_to_paragraph,
    stray_that_clause,
    tokens_span,
    trim_chars,
    verb_content,
    widen_to_quotes,
)
from storyline.extract.source_context import Context, in_quote, quotations, sentence_index
from storyline.extract.source_lines import line_credits
from storyline.extract.source_phrases import (
    NAMED_ENTITY_TYPES,
    is_document,
    is_speaker,
    np_tokens,
    parenthetical_speaker,
    passive_agent,
    resolve,
    usable,
    verb_source,
)
from storyline.model import SourceMention

VERSION = "sources/1"

_LINE_BREAK = re.compile(r"\n")
_FIRST_PERSON = frozenset({"i", "we", "you"})
_GROUP_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})


@dataclass(frozen=True)
class Attribution:
    """A source mention plus the character span of its cue (for evaluation and review)."""

    mention: SourceMention
    cue_start: int
    cue_end: int


def extract(doc: Doc, published: date | None = None, language: str = "en") -> list[SourceMention]:
    """Return the attributions in ``doc``, in order of their start offset.

    Args:
        doc: the annotated document (tagger, parser, lemmatizer and NER required).
        published: unused; accepted for the common extractor interface.
    """
    if language != "en":
        # Other languages read their pack's lexicon on plain text (docs/architecture.md).
        from storyline.extract import lexical_sources

        return lexical_sources.extract(doc.text, published, language)
    return [a.mention for a in find_attributions(doc)]


def find_attributions(doc: Doc) -> list[Attribution]:
    """Return every attribution in ``doc`` with its cue span, sorted by start."""
    text = doc.text
    breaks = [m.start() for m in _LINE_BREAK.finditer(text)]
    ctx = Context(doc, text, quotations(text), sentence_index(doc), breaks)
    found = [Attribution(m, start, end) for m, start, end in line_credits(ctx)]
    items: list[tuple[Token, _Found]] = []
    for tok in doc:
        low = tok.lower_
        if low in lex.PREPOSITION_CUES:
            item = _preposition_cue(tok)
        elif low in lex.SINGLE_PREPOSITION_CUES:
            item = _per_cue(tok, ctx)
        elif tok.lemma_ == "make" and tok.tag_ == "VBN":
            item = _made_by_cue(tok, ctx)
        elif low == "known":
            item = _known_from_cue(tok, ctx)
        elif low == "in" and tok.dep_ == "prep":
            item = _in_words_cue(tok, ctx)
        elif low in lex.ADVERB_CUES:
            item = _adverb_cue(tok)
        elif (tok.pos_ == "VERB" or _verb_read_as_noun(tok)) and _is_cue_lemma(tok.lemma_.lower()):
            cite = tok.lemma_ == "cite" and passive_agent(tok) is None
            item = _cite_cue(tok, ctx) if cite else _verb_cue(tok, ctx)
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in lex.NOUN_CUES:
            item = _noun_cue(tok, ctx)
        elif tok.text == ":":
            item = _colon_cue(tok, ctx)
        else:
            continue
        if item is None:
            continue
        items.append((tok, item))
    found += [_build(ctx, item) for item in _merge_continuations(items)]
    found.sort(key=lambda a: (a.mention.start, a.cue_start))
    return found


def _verb_read_as_noun(tok: Token) -> bool:
    """'…, the Gazette's correspondent reports.': a cue verb the tagger read as a plural
    noun, which gives itself away by having a subject (no noun has one)."""
    return (
        tok.tag_ == "NNS"
        and tok.lemma_.lower() in lex.SPEECH_VERBS
        and any(c.dep_ == "nsubj" for c in tok.children)
    )


def _continued(tok: Token) -> Token | None:
    """The cue verb a cue gerund goes on from: "X said that …, *adding* that …", '"…," the
    minister emphasized, *stressing* …'. The gerund has no subject of its own and hangs on
    a verb of saying (or, misparsed, on the verb of that verb's reported clause); it is
    the same speaker's same statement, so it is part of that attribution, not a new one
    (the blind annotators of the real reports count one source there)."""
    if tok.tag_ != "VBG" or tok.dep_ != "advcl" or tok.lemma_.lower() in lex.OBJECT_SOURCE_VERBS:
        return None  # "…, citing X": X is a new source
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return None
    head = tok.head
    if (
        head.dep_ == "ccomp"
        and head.head.i != head.i
        and head.lemma_.lower() not in lex.SPEECH_VERBS
    ):
        head = head.head  # "He noted that X had …, adding that …": hung on X's verb
    if head.i == tok.i or head.lemma_.lower() not in lex.SPEECH_VERBS:
        return None
    return head


def _merge_continuations(items: list[tuple[Token, _Found]]) -> list[_Found]:
    """The found cues, with each continuing gerund (:func:`_continued`) folded into the
    attribution of the verb it goes on from: that attribution's claim reaches over the
    gerund's content too, so what the speaker added stays attributed to them."""
    by_verb = {tok.i: n for n, (tok, _) in enumerate(items)}
    merged: dict[int, tuple[int, int]] = {}
    dropped: set[int] = set()
    for n, (tok, item) in enumerate(items):
        head = _continued(tok)
        target = by_verb.get(head.i) if head is not None else None
        if target is None or target == n:
            continue
        dropped.add(n)
        claim = item[4]
        if claim is not None:
            old = merged.get(target) or items[target][1][4] or claim
            merged[target] = (min(old[0], claim[0]), max(old[1], claim[1]))
    out: list[_Found] = []
    for n, (_, item) in enumerate(items):
        if n in dropped:
            continue
        if n in merged:
            item = (*item[:4], merged[n])
        out.append(item)
    return out


# ----------------------------------------------------------------------------- cue finders

#: (cue tokens, cue lemma, source head, source is the cue's own argument, claim span)
_Found = tuple[list[Token], str, Token | None, bool, tuple[int, int] | None]


def _is_cue_lemma(lemma: str) -> bool:
    return (
        lemma in lex.SPEECH_VERBS
        or lemma in lex.EVIDENCE_VERBS
        or lemma in lex.PHRASAL_CUES
        or lemma in lex.PASSIVE_ONLY_CUES
        or lemma in lex.DOCUMENT_SPEECH_VERBS
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
    source = resolve(objs[0]) if objs else None
    if source is not None and source.lemma_.lower() in lex.NON_SOURCE_PREPOSITION_OBJECTS:
        return None  # "according to his forecasts": a prediction, not someone's claim
    phrase = {t.i for t in tok.subtree} | {t.i for t in nxt.subtree} | {tok.i}
    claim = claim_beside(tok.head if tok.head.i != tok.i else tok, phrase)
    return [tok, nxt], f"{tok.lower_} {nxt.lower_}", source, True, claim


def _per_cue(tok: Token, ctx: Context) -> _Found | None:
    """'…, per Russia's Verstka', 'As per local reports, …': "per" set off from its clause
    with a speaker as object; "$5 per person" and "per day" are rates."""
    doc = tok.doc
    prev = doc[tok.i - 1] if tok.i > 0 else None
    as_word = prev is not None and prev.lower_ == "as"
    if prev is not None and not (as_word or prev.text in (",", "(", "—", "–")):
        return None
    obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if obj is None or not is_speaker(obj) or not usable(obj, tok, ctx):
        return None
    cue = [prev, tok] if as_word and prev is not None else [tok]
    phrase = {t.i for t in tok.subtree} | {t.i for t in cue}
    head = tok.head
    while head.i != head.head.i and head.pos_ == "ADP":
        head = head.head  # "As per …" hangs "per" on "As"
    claim = claim_beside(head, phrase) if head.i != tok.i else None
    return cue, "per", resolve(obj), True, claim


def _made_by_cue(tok: Token, ctx: Context) -> _Found | None:
    """'The claim was made by the army', 'The announcement was made by the minister': a
    speech-act noun made by an agent; the noun and the verb are the cue, the agent the
    source. The claim itself is told elsewhere (the headline, the sentence before)."""
    noun = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    agent = passive_agent(tok)
    if noun is None or agent is None or noun.lemma_.lower() not in lex.MADE_BY_NOUNS:
        return None
    if _unperformed(tok) or not usable(agent, tok, ctx):
        return None
    first = min(t.i for t in noun.subtree)
    cue = [*tok.doc[first : noun.i + 1], *_verb_group(tok, [tok])]
    return cue, noun.lemma_.lower(), resolve(agent), True, None


def _colon_cue(tok: Token, ctx: Context) -> _Found | None:
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
        any(t.pos_ == "PROPN" or t.ent_type_ in NAMED_ENTITY_TYPES for t in left)
        or root.lemma_.lower() in lex.PERSON_NOUNS
        or root.lemma_.lower() in lex.ORG_NOUNS
        or root.lower_ in lex.ORG_NOUNS  # "Mass media:" (lemma "medium")
        or root.lemma_.lower() in lex.DOCUMENT_NOUNS
    ):
        return None
    claim = trim_chars(text, tok.idx + 1, line_end)
    if claim is None or claim[1] - claim[0] < 3:
        return None
    return [tok], ":", root, True, claim


def _cite_cue(tok: Token, ctx: Context) -> _Found | None:
    """'…, citing two officials, …': the object of "cite" is the source of the clause."""
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None or obj.lemma_.lower() in lex.NON_SOURCE_OBJECTS or _not_a_report(tok, "cite"):
        return None
    clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    if clause is not None:  # "…, citing two officials, that …" (parsed under "citing")
        claim = clause_span(clause)
    else:
        head = tok.head if tok.head.i != tok.i else tok
        claim = claim_beside(head, {t.i for t in tok.subtree})
    return _verb_group(tok, [tok]), "cite", resolve(obj), True, claim


def _noun_cue(tok: Token, ctx: Context) -> _Found | None:
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
    if tok.dep_ == "dobj" and _is_cue_lemma(head.lemma_.lower()):
        return None  # "confirmed reports that …", "repeating his claim that …": the verb is the cue
    if head.dep_ == "prep" and head.lower_ == "to" and head.head.lower_ in lex.PREPOSITION_CUES:
        return None  # "according to the testimonies that …": already the source of "according to"
    claim = None
    for child in tok.children:
        if child.dep_ in ("acl", "ccomp", "relcl") and any(
            m.dep_ == "mark" and m.lower_ == "that" for m in child.children
        ):
            claim = clause_span(child)
    if claim is None:
        claim = stray_that_clause(tok)
    if claim is None:
        return _there_are_reports(tok)
    source: Token | None = None
    for child in tok.children:
        if child.dep_ == "poss":
            source = resolve(child)
        elif child.dep_ == "prep" and child.lower_ in ("by", "from") and source is None:
            source = next((c for c in child.children if c.dep_ == "pobj"), None)
    if source is None:  # "a Reuters report that …", "the foundation report that …"
        source = next(
            (
                c
                for c in tok.children
                if c.dep_ == "compound" and is_speaker(c) and not is_document(c)
            ),
            None,
        )
    if source is not None and not usable(source, tok, ctx):
        source = None
    return [tok], tok.lemma_.lower(), source, source is not None, claim


def _in_words_cue(tok: Token, ctx: Context) -> _Found | None:
    """'In his words, …', 'in the words of the minister, …': the words are someone's, the
    rest of the clause is what they said."""
    words = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if words is None or words.lower_ != "words" or tok.head.i == tok.i:
        return None
    owner = next((c for c in words.children if c.dep_ == "poss"), None)
    if owner is None:
        of = next((c for c in words.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        owner = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
    if owner is None or not is_speaker(owner) or not usable(owner, tok, ctx):
        return None
    phrase = {t.i for t in tok.subtree}
    return [tok, words], "in words", resolve(owner), True, claim_beside(tok.head, phrase)


def _known_from_cue(tok: Token, ctx: Context) -> _Found | None:
    """'As it became known from underground sources, …', 'It became known from the
    ministry that …': what was learnt from someone is their claim."""
    frm = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"), None)
    obj = next((c for c in frm.children if c.dep_ == "pobj"), None) if frm is not None else None
    if obj is None or not is_speaker(obj) or not usable(obj, tok, ctx):
        return None
    if not any(c.dep_ in ("nsubjpass", "nsubj") and c.lower_ == "it" for c in tok.children):
        return None  # "he is known from films": a person known, not a claim learnt
    first = min(c.i for c in tok.children if c.i < tok.i)
    cue = [*tok.doc[first : tok.i + 1], frm]
    clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    if clause is not None:
        claim = clause_span(clause)
    elif tok.dep_ == "advcl" and tok.head.i != tok.i:
        claim = claim_beside(tok.head, {t.i for t in tok.subtree})
    else:
        return None
    return cue, "know", resolve(obj), True, claim


def _there_are_reports(tok: Token) -> _Found | None:
    """'There are also reports of recruiters visiting …': hearsay with no one named; the
    cue is the existential clause, the claim what the reports are of."""
    head = tok.head
    if (
        tok.lemma_.lower() not in lex.HEARSAY_NOUNS
        or tok.dep_ != "attr"
        or head.lemma_ != "be"
        or not any(c.dep_ == "expl" for c in head.children)
        or any(c.dep_ in ("det", "poss", "compound") for c in tok.children)
    ):
        return None
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None:
        return None
    first = min(t.i for t in head.subtree if t.i <= head.i)
    cue = [*tok.doc[first : tok.i + 1]]
    claim = tokens_span([t for t in of.subtree if t.i != of.i])
    return cue, tok.lemma_.lower(), None, False, claim


def _adverb_cue(tok: Token) -> _Found | None:
    """'reportedly': a sourceless cue over the clause of the verb it modifies."""
    head = tok.head
    claim = clause_without(head, {tok.i}) if head.i != tok.i else None
    return [tok], tok.lower_, None, False, claim


def _verb_cue(tok: Token, ctx: Context) -> _Found | None:
    """A reporting, cognition or evidence verb with content it introduces."""
    lemma = tok.lemma_.lower()
    if tok.dep_ == "amod" or _non_reporting(tok) or _unperformed(tok):
        return None
    if lemma in lex.PASSIVE_ONLY_CUES and passive_agent(tok) is None:
        return None
    if (
        lemma in lex.ADDRESSEE_VERBS
        and any(c.dep_ == "nsubjpass" for c in tok.children)
        and passive_agent(tok) is None
    ):
        return None  # "inmates were told that …": who was told, not who told
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
    if _not_a_report(tok, lemma) or _consequence(tok):
        return None
    claim = verb_content(tok, lemma, ctx)
    if claim is None:
        return None
    source, direct = verb_source(tok, ctx)
    inside = parenthetical_speaker(tok)
    if source is not None and inside is not None and source.i == inside.i:
        claim = clause_without(tok, {tok.i})  # "The contrast, said Doyle, would be clear"
    if source is not None and source.lower_ in _FIRST_PERSON and in_quote(tok.idx, ctx):
        return None  # '"I will say …"': the speaker's own words, not a source
    if lemma in lex.DOCUMENT_SPEECH_VERBS and (
        source is None or not any(is_document(t) for t in source.subtree)
    ):
        return None  # '"…," the statement read' reports; a person who reads does not
    if lemma in lex.EVIDENCE_ONLY_VERBS and (source is None or not is_document(source)):
        return None  # "the audit found that …" reports; "judges found that …" judge
    if lemma in lex.EVIDENCE_ONLY_VERBS and source is not None and _own_publication(source):
        return None  # "figures published in November showed": the outlet's own reading
    if (
        lemma in lex.EVIDENCE_VERBS
        and tok.dep_ == "advcl"
        and tok.tag_ == "VBG"
        and not _is_speech_like(tok.head.lemma_.lower())
        and source is not None
        and not is_speaker(source)
    ):
        return None  # "graves carry one date, suggesting that …": the fact, not a speaker
    name = " ".join([lemma, *(t.lower_ for t in cue[1:])])
    return _verb_group(tok, cue), name, source, direct, claim


def _not_a_report(tok: Token, lemma: str) -> bool:
    """Uses of a cue verb that put forward no claim: "continue" without a clause or a
    quotation beside it ("continues to face questions"), a request or sanction ("asked
    for funds", "cited the agency for lapses"), "claim" with a thing won ("the attack
    claimed the lives of 30 people"), a thing posted ("posted a letter") and a picture
    that shows what it holds ("the video shows a man")."""
    children = list(tok.children)
    has_clause = any(c.dep_ in ("ccomp", "parataxis") for c in children)
    obj = next((c for c in children if c.dep_ == "dobj"), None)
    if lemma in lex.CLAUSE_ONLY_CUES:
        if any(c.dep_ in ("xcomp", "dobj", "prep") for c in children) and not has_clause:
            return True
        if tok.dep_ == "xcomp" or tok.tag_ == "VBG":
            return True
    if lemma in lex.NON_REPORTING_PREPOSITIONS and not has_clause:
        preps = lex.NON_REPORTING_PREPOSITIONS[lemma]
        objects = [c for c in children if c.dep_ == "dobj"]
        # the parser hangs "for" on the verb or on its object ("cited [the agency for …]")
        if any(
            c.dep_ == "prep" and c.lower_ in preps
            for c in [*children, *(g for o in objects for g in o.children)]
        ):
            return True
    if not has_clause and obj is not None:
        if lemma == "claim" and obj.lemma_.lower() in lex.NON_CONTENT_CLAIM_OBJECTS:
            return True
        if lemma in lex.POSTING_VERBS and obj.lemma_.lower() in lex.POSTED_THINGS:
            return True  # "Popova posted a letter", "posted several pictures": an act
    return lemma == "show" and _depicts(tok)


#: Tags of a finite verb: a clause with one states something ("shows that they *were*
#: forced"); "shows a man being killed" only depicts.
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _depicts(tok: Token) -> bool:
    """ "Show" whose subject is a picture or a recording ("the footage shows a man being
    killed", "a video showing Prigozhin"): what it holds, not a claim. With a finite clause
    ("the video shows that the men were forced …") it states one."""
    for clause in (c for c in tok.children if c.dep_ in ("ccomp", "parataxis")):
        if clause.tag_ in _FINITE or any(
            c.tag_ in _FINITE or (c.dep_ == "mark" and c.lower_ == "that") for c in clause.children
        ):
            return False
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    if tok.dep_ in ("acl", "relcl") and not subjects:
        subjects = [tok.head]
    if tok.dep_ == "relcl" and subjects and subjects[0].lower_ in ("which", "that"):
        subjects = [tok.head]
    return any(s.lemma_.lower() in lex.VISUAL_NOUNS for s in subjects)


def _consequence(tok: Token) -> bool:
    """A cue gerund that tells what an act or event brought about, not what someone said:
    "…was shot in a lift, triggering outrage and *emphasising* the dangers", "obtained the
    data, *revealing* the regions". It hangs on a verb that is no cue, has no subject of its
    own and takes only a noun phrase (no clause, no quotation): the act makes the point.
    A gerund whose object is the source ("…, citing X") or the accused ("…, accusing them
    of lying") is not one."""
    if tok.tag_ != "VBG" or tok.dep_ not in ("advcl", "conj"):
        return False
    head = tok.head
    if (
        head.i == tok.i
        or _is_cue_lemma(head.lemma_.lower())
        or head.lemma_.lower() in lex.NOUN_CUES
    ):
        return False
    if tok.lemma_.lower() in lex.OBJECT_SOURCE_VERBS or tok.lemma_.lower() in lex.CHARGE_VERBS:
        return False  # "…, citing X": X is a source; "…, accusing them of …": a charge
    kids = list(tok.children)
    if any(c.dep_ in ("nsubj", "nsubjpass", "ccomp", "parataxis", "xcomp") for c in kids):
        return False
    if tok.lemma_.lower() in lex.TOPIC_CUES and any(c.dep_ == "prep" for c in kids):
        return False  # "…, reporting on the case": the topic is the content
    return any(c.dep_ == "dobj" for c in kids)


def _own_publication(source: Token) -> bool:
    """A document known only as "published" or "released", with no one who published it
    and nothing else that names it ("figures published in November"): the report reads
    the data itself, so the data is no one's claim."""
    if any(c.dep_ in ("det", "poss", "compound", "amod", "nmod") for c in source.children):
        return False
    return any(
        c.dep_ == "acl"
        and c.tag_ == "VBN"
        and c.lemma_.lower() in ("publish", "release", "post")
        and not any(g.dep_ == "agent" for g in c.children)
        for c in source.children
    )


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
        if tuple(t.lower_.replace("’", "'") for t in doc[tok.i - n + 1 : tok.i + 1]) == idiom:
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


# ---------------------------------------------------------------------------- assembling


def _balanced(text: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """Close a parenthesis the span opens ("Sen. Chris Murphy (D-Conn." → "… (D-Conn.)"):
    the trimmed ")" belongs to the name."""
    if span is None:
        return None
    start, end = span
    piece = text[start:end]
    if piece.count("(") > piece.count(")") and text[end : end + 1] == ")":
        return start, end + 1
    return span


def _build(ctx: Context, item: _Found) -> Attribution:
    """Turn a found cue into an :class:`Attribution` with the span conventions above."""
    cue_toks, lemma, source_head, direct, claim = item
    text = ctx.text
    cue_start = cue_toks[0].idx
    cue_end = max(t.idx + len(t.text) for t in cue_toks)
    src_span: tuple[int, int] | None = None
    core: tuple[int, int] | None = None
    if source_head is not None:
        src_span = _balanced(text, tokens_span(np_tokens(source_head, cue_toks[0].i)))
        core = tokens_span(np_tokens(source_head, cue_toks[0].i, core=True))
    start, end = cue_start, cue_end
    if core is not None and direct:
        start, end = min(start, core[0]), max(end, core[1])
    if claim is not None:
        claim = widen_to_quotes(clip_to_paragraph(claim, cue_start, ctx), (cue_start, cue_end), ctx)
    anonymous = is_anonymous(ctx, source_head, src_span)
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
