"""What a figure counts: the counted noun, its phrase, and part-whole links.

Why a module of its own: finding a figure is string work (:mod:`.quantities`), but what it
counts is syntax. This module reads the dependency parse the pipeline already made: the
noun a number modifies ("30,000 women"), the object of a partitive "of" ("thousands of
convicts", "40 of the prison's 400 inmates"), the noun a sum complements ("a salary of
$2,000"), or the subject of a measuring verb ("The death toll rose to 40"). Parsers
sometimes attach a figure wrongly (spaCy's small model makes "imprisoned" the main verb in
"Tens of thousands imprisoned Russian men have..."), so a short forward scan over the
tokens after the figure backs the parse up.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from storyline.extract import quantity_lexicon as lex
from storyline.extract.quantity_draft import Draft

_NOUNS = ("NOUN", "PROPN")
_SUBJECTS = ("nsubj", "nsubjpass")
_ARGUMENTS = ("nsubj", "nsubjpass", "dobj")
_OBJECTS = ("dobj", "pobj", "attr", "dative")
# Dependents that never belong to what is counted: coordination, appositions, clauses.
_DROP = frozenset({"conj", "cc", "appos", "parataxis", "dep", "meta", "advcl", "preconj"})
_DROP |= {"mark", "ccomp", "npadvmod"}
# Dependents of a progressive/passive verb kept in a reduced relative ("killed in Ukraine").
_RELATIVE_KEEP = frozenset({"dobj", "prep", "prt", "agent", "attr", "acomp", "xcomp", "dative"})
_RELATIVE_KEEP |= {"oprd", "neg"}
_TEMPORAL_PREPS = frozenset({"since", "until", "till", "during", "before", "after", "ago"})
_KEPT_PUNCT = frozenset({"-", "‑", "'", "’", "'s", "’s", "&", "/"})
_OF_RE = re.compile(r"\s+(?:out\s+)?of\s+")
_WHOM_RE = re.compile(r"\bof\s+(?:whom|which|them|those|these)\s*,?\s*$", re.IGNORECASE)
# What may stand between a counted figure and a bare one that shares its noun ("by 220 votes
# to 212", "100 people, down from 1,000").
_SHARED_GAP_RE = re.compile(r",?\s+(?:to|against|vs\.?|versus|and|or)\s+", re.IGNORECASE)
_COMPARED_RE = re.compile(r"\b(?:(?:down|up)\s+from|compared\s+(?:with|to))\s+$", re.IGNORECASE)
_MONEY_OF_RE = re.compile(r"\s+(?:in|of|worth\s+of)\s+")
_SENTENCE_END_RE = re.compile(r"[.!?][\"”’']?\s+[A-Z\"“]|\n")
_MORE_RE = re.compile(r"\s+(?:more|others?)\b", re.IGNORECASE)
_RESTATED_RE = re.compile(r"\s*(?:,\s*or|\(|—|–|,\s*(?:about|roughly|around|some))?\s*")


def token_at(doc: Doc, starts: list[int], char: int) -> Token | None:
    """The token covering ``char`` (or the next one when ``char`` is whitespace)."""
    if char < 0 or not len(doc) or char >= doc[-1].idx + len(doc[-1]):
        return None
    i = bisect_right(starts, char) - 1
    if i < 0:
        return None
    tok = doc[i]
    if char >= tok.idx + len(tok) and i + 1 < len(doc):
        tok = doc[i + 1]
    return tok


def token_before(doc: Doc, starts: list[int], char: int) -> Token | None:
    """The last token that ends at or before ``char``."""
    i = bisect_right(starts, char) - 1
    while i >= 0 and doc[i].idx + len(doc[i]) > char:
        i -= 1
    return doc[i] if i >= 0 else None


def describe(d: Draft, doc: Doc, text: str, starts: list[int]) -> None:
    """Fill in ``head``, ``counts``, ``noun_end`` and (for counts of things) ``unit``."""
    own = [t for t in doc.char_span(d.start, d.end, alignment_mode="expand") or ()]
    if not own:
        return
    skip = {t.i for t in own}
    top = next((t for t in own if t.head.i not in skip or t.head.i == t.i), own[-1])
    after = token_at(doc, starts, d.end)
    if d.kind == "count":
        _describe_count(d, doc, text, starts, skip, top, after)
    else:
        _describe_measure(d, doc, text, starts, skip, top, after)


def _describe_count(
    d: Draft,
    doc: Doc,
    text: str,
    starts: list[int],
    skip: set[int],
    top: Token,
    after: Token | None,
) -> None:
    """Counted noun of a bare figure: partitive object, modified noun, or verb subject."""
    head, attached, extra = None, False, []
    title = after is not None and title_case(after.sent)
    of = _OF_RE.match(text, d.end)
    if _WHOM_RE.search(text, max(0, d.start - 16), d.start):
        d.anaphoric = True  # "prisoners, of whom about 10,000 were killed"
    elif of and after is not None:
        of_tok = token_at(doc, starts, of.start() + of.group().lower().rindex("of")) or after
        head = next((c for c in of_tok.children if c.dep_ == "pobj"), None) or _scan(
            doc, of_tok.i + 1
        )
        first = doc[of_tok.i + 1] if of_tok.i + 1 < len(doc) else None
        if head is None and first is not None and first.pos_ == "NUM":
            d.whole_at = first.idx  # "8 of 20 schools" parsed as one number phrase
        if head is not None:  # the span stops at the figure: "dozens [of soldiers]"
            if head.pos_ == "NUM":
                d.whole_at, head = head.idx, None
            else:
                number = next((c for c in head.children if c.dep_ == "nummod"), None)
                if number is not None and number.i not in skip:
                    d.whole_at = number.idx
            if head is not None and head.pos_ == "PRON":
                d.anaphoric = head.lower_ in lex.ANAPHORIC_PRONOUNS
    else:
        head = None if title else _modified_noun(d, doc, skip, top)
        if head is None and after is not None:
            head = _scan(doc, after.i)
            if head is not None and head.dep_ in _OBJECTS and head.head == top.head:
                head = None  # "Thousands gathered outside parliament": what they did, not who
            if head is not None:  # keep the scanned pre-modifiers the parse hung elsewhere
                extra = [t for t in doc[after.i : head.i] if t not in head.subtree]
        if head is not None and (
            head.lemma_.lower() in lex.TEMPORAL_NOUNS or head.ent_type_ in ("DATE", "TIME")
        ):
            head, extra = None, []  # "1,000 last year": a time adjunct, not what is counted
        if head is not None:
            attached = all(
                t.dep_ in ("amod", "compound", "punct", "nmod")
                or t.ent_type_ == "NORP"
                or t.tag_ in ("VBN", "VBD", "JJ")
                for t in doc[max(skip) + 1 : head.i]
            )
            attached = title or (attached and head.i - max(skip) <= 4)
    subject = top if top.dep_ in _SUBJECTS else head
    if head is None:
        _counts_from_subject(d, top, skip)
        if d.unit is None and _stands_for_people(top, title):
            d.unit = "person"  # "At least 6 were killed", "Thousands marched", "a town of 9,000"
    else:
        d.head = head
        d.unit = d.unit or unit_of(head)
        if title:  # headline parses are poor: what is counted is the scanned run of words
            d.noun_phrase = join(list(doc[after.i : head.i + 1])) if after is not None else None
        else:
            d.noun_phrase = phrase(head, skip, drop_det=True, extra=extra)
        d.counts = d.noun_phrase
        if attached:
            d.noun_end = head.idx + len(head)
    rel = _reduced_relative(subject, skip) if subject is not None else None
    if rel:
        d.relative = rel  # also used when the counts come from a whole or an antecedent
        d.counts = f"{d.counts} {rel}" if d.counts else (rel if d.unit == "person" else None)


def _stands_for_people(top: Token, title: bool) -> bool:
    """Whether a figure with no noun of its own counts people, judged by its governor.

    News leaves "people" out when the verb says it: a figure that is the subject of a human
    action ("Thousands marched", "about 15,000 joined the protest"), the subject or object
    of a verb done to people ("6 were killed", "arrested 12"), or the size of a place or a
    body of people ("a town of 9,000", "a crowd of 5,000").
    """
    verb = top.head
    if top.dep_ in _ARGUMENTS and verb.lemma_ in lex.PERSON_VERBS:
        return True
    if top.dep_ == "nsubj" and verb.lemma_ in lex.PERSON_SUBJECT_VERBS:
        return True
    if (
        top.dep_ == "pobj"
        and verb.lower_ in ("at", "to")
        and any(  # "put the crowd at 20,000"
            c.dep_ in _ARGUMENTS and c.lemma_.lower() in lex.PERSON_AGGREGATES
            for c in verb.head.children
        )
    ):
        return True
    if top.dep_ == "pobj" and verb.lower_ == "of" and verb.head.pos_ in _NOUNS:
        owner = verb.head
        return owner.i < top.i and singular(owner.lower_, owner.lemma_.lower(), False) in (
            lex.PERSON_GROUP_NOUNS
        )
    if title:  # "Thousands March in Serov", "Floods Force Thousands From Homes": by form
        doc = top.doc
        nxt = doc[top.i + 1] if top.i + 1 < len(doc) else None
        prev = doc[top.i - 1] if top.i > top.sent.start else None
        return (nxt is not None and bool(_verb_forms(nxt.lower_) & lex.PERSON_SUBJECT_VERBS)) or (
            prev is not None and bool(_verb_forms(prev.lower_) & lex.PERSON_VERBS)
        )
    return False


def _verb_forms(word: str) -> set[str]:
    """Base forms a verb form may have ("marches" → "march", "forced" → "force")."""
    forms = {word}
    if word.endswith("s"):
        forms |= {word[:-1], word[:-2]}
    if word.endswith("ed"):
        forms |= {word[:-1], word[:-2], word[:-3]}  # "forced", "marched", "stopped"
    return forms


def _describe_measure(
    d: Draft,
    doc: Doc,
    text: str,
    starts: list[int],
    skip: set[int],
    top: Token,
    after: Token | None,
) -> None:
    """Counts of money, percentages, measures, durations, ages and multipliers."""
    noun = None
    of = _MONEY_OF_RE.match(text, d.end) if d.kind in ("money", "percent", "measure") else None
    if of and after is not None and (of.group().strip() != "in" or d.kind == "money"):
        prep = token_at(doc, starts, of.end() - 1 - (len(of.group()) - len(of.group().rstrip())))
        prep = prep or after
        noun = next((c for c in prep.children if c.dep_ == "pobj"), None) or _scan(doc, prep.i + 1)
        if noun is not None and (
            noun.ent_type_ in ("DATE", "TIME") or noun.lemma_ in lex.TEMPORAL_NOUNS
        ):
            noun = None
        elif noun is not None and of.group().strip() == "in" and noun.pos_ == "PROPN":
            noun = None  # "€1.20 per litre in Germany": a place, not what the money is
        elif noun is not None and d.kind == "percent":
            number = next((c for c in noun.children if c.dep_ == "nummod"), None)
            if number is not None and number.i not in skip:
                d.whole_at = number.idx  # "70% of the 1,200 respondents"
        if noun is not None and d.kind != "percent":  # "85% of revenue each month": no rate
            d.rate_at = noun.idx + len(noun)
    if noun is None:
        noun = _modified_noun(d, doc, skip, top)
        if noun is not None and d.kind == "age" and noun.i < min(skip):
            d.counts = f"age of {phrase(noun, skip, drop_det=True)}"
            return
    if (
        noun is None
        and top.dep_ == "pobj"
        and top.head.lower_ == "of"
        and top.head.head.pos_ in _NOUNS
    ):
        owner = top.head.head  # "a salary of $2,000", "a fine of 500 rubles"
        if owner.lemma_.lower() not in lex.EMPTY_MONEY_NOUNS:
            noun = owner
    if noun is not None and d.per is None and d.kind in ("money", "measure"):
        period = next((c.lower_ for c in noun.children if c.lower_ in lex.PER_ADJECTIVES), None)
        d.per = lex.PER_ADJECTIVES.get(period or "")  # "a monthly salary of 204,000 roubles"
    if d.per is None and d.kind in ("money", "measure"):
        d.per = _period_of_clause(top)  # "Each day of the strike costs 60 million koruna"
    if noun is not None and d.kind == "age":
        d.counts = f"age of {phrase(noun, skip, drop_det=True)}"  # "a 45-year-old man"
    elif noun is not None:
        d.counts = phrase(
            noun,
            skip | {t.i for t in noun.children if t.lower_ == "of"} if noun.i < min(skip) else skip,
            drop_det=True,
        )
    elif d.kind == "age" and top.dep_ == "appos" and top.head.pos_ == "PROPN":
        d.counts = f"age of {phrase(top.head, skip, drop_det=True)}"  # "Smith, 45,"
    elif d.kind != "age":
        _counts_from_subject(d, top, skip)


def _period_of_clause(top: Token) -> str | None:
    """A rate the clause states before the figure: "Each day of the strike costs the company
    60 million koruna", "Every year the plant ships 3m tonnes" (read from the words, as the
    parse of such sentences is often poor)."""
    doc = top.doc
    for tok in doc[top.sent.start : top.i]:
        if tok.lower_ in ("each", "every") and tok.i + 1 < top.i:
            period = lex.PER_NOUNS.get(doc[tok.i + 1].lower_)
            if period in lex.DURATION_UNITS:
                return period
    return None


def _modified_noun(d: Draft, doc: Doc, skip: set[int], top: Token) -> Token | None:
    """The noun the figure modifies syntactically ("30,000 women", "a $5m deal")."""
    last = max(skip)
    for tok in (top, doc[last]):
        h = tok.head
        while h.i in skip and h.head.i != h.i:
            h = h.head
        if h.pos_ in _NOUNS and h.i not in skip and (last < h.i <= last + 5):
            if d.kind != "count" and h.lemma_.lower() in lex.TEMPORAL_NOUNS:
                return None  # "4.5% year on year"
            return h
        if d.kind == "age" and h.pos_ in _NOUNS and tok.dep_ in ("amod", "acl") and h.i < min(skip):
            return h  # "a man aged 45"
    return None


def _scan(doc: Doc, i: int) -> Token | None:
    """The first noun after token ``i`` reached over pre-modifiers only (parser fallback)."""
    j, seen = i, 0
    while j < len(doc) and seen <= 4:
        tok = doc[j]
        if tok.lower_ in lex.PERSON_ADJECTIVES and (
            j + 1 == len(doc) or doc[j + 1].pos_ not in _NOUNS
        ):
            return tok  # "40 dead"
        pronoun = tok.pos_ == "PRON" and tok.lower_ in lex.ANAPHORIC_PRONOUNS  # not "that"
        noun = tok.pos_ == "NOUN" or pronoun or _person_word(tok)
        if noun or (tok.pos_ == "PROPN" and tok.ent_type_ in ("NORP", "")):
            nxt = doc[j + 1] if j + 1 < len(doc) else None
            if nxt is not None and (
                (nxt.pos_ == "NOUN" and nxt.dep_ != "dobj")
                or (tok.is_title and nxt.is_title and (nxt.pos_ == "PROPN" or _person_word(nxt)))
            ):
                j, seen = j + 1, seen + 1
                continue
            return tok
        verb_as_adj = (
            tok.tag_ in ("VBN", "VBD", "VBG")
            and j + 1 < len(doc)
            and doc[j + 1].pos_ in ("ADJ", "PROPN")
        )
        if not (
            tok.pos_ == "ADJ" or tok.text in ("-", "‑") or tok.ent_type_ == "NORP" or verb_as_adj
        ):
            return None
        j, seen = j + 1, seen + 1
    return None


def title_case(sent: Span) -> bool:
    """A headline in Title Case, where capitals say nothing about names and the parse is poor."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) > 2 and sum(t.is_title for t in words) > 0.6 * len(words)


def _person_word(tok: Token) -> bool:
    """A person noun by its form alone (headline parses tag "Inmates" as a verb)."""
    lower = tok.lower_
    return lower in lex.PERSON_NOUNS or (lower.endswith("s") and lower[:-1] in lex.PERSON_NOUNS)


_ES_STEMS = ("ch", "sh", "x", "z", "ss", "us", "as")  # "churches", "boxes", "buses"


def singular(word: str, lemma: str | None = None, plural: bool = True) -> str:
    """The singular of a (lower-case) noun, trusting ``lemma`` only when it fits the word.

    spaCy's lemmatiser gets some plurals wrong ("graves" → "graf", "doses" → "dos") and
    leaves Title-Case headline words alone ("Buildings"), so a lemma is accepted only when
    it is one of the singulars the word's ending allows; otherwise a suffix rule decides.
    ``plural`` is False when the tagger says the word is singular ("bus", "crisis").
    """
    if word in lex.IRREGULAR_PLURALS:
        return lex.IRREGULAR_PLURALS[word]
    if word in lex.INVARIANT_NOUNS or not word.endswith("s") or word.endswith(("ss", "is")):
        return lemma if lemma and not word.endswith("s") else word  # "children" → "child"
    if not plural and lemma == word:
        return word
    candidates = [word[:-1]]  # "graves" → "grave", "cases" → "case"
    if word.endswith("ies") and len(word) > 4:
        candidates.insert(0, word[:-3] + "y")  # "cities"; "movies" is saved by its lemma
    elif word.endswith("es") and word[:-2].endswith(_ES_STEMS):
        if not word[:-2].endswith(("us", "as")):
            candidates.insert(0, word[:-2])  # "churches"; "causes" stays "cause"
        else:
            candidates.append(word[:-2])  # "buses" → "bus" only when the lemma says so
    return lemma if lemma in candidates else candidates[0]


def unit_of(head: Token) -> str:
    """``person`` for people, else the singular lemma of the counted noun."""
    lower = head.lower_
    lemma = singular(lower, head.lemma_.lower(), head.tag_ != "NN")
    if lower in lex.PERSON_ADJECTIVES or lemma in lex.PERSON_NOUNS or lower in lex.PERSON_NOUNS:
        return "person"
    if lemma.endswith("s") and lemma[:-1] in lex.PERSON_NOUNS:
        return "person"  # lemmatiser misses ("MPs")
    if head.ent_type_ in ("NORP", "PERSON") and head.pos_ in _NOUNS and head.text[:1].isupper():
        return "person"  # "40 Ukrainians" (NER also tags lower-case "geese" NORP at times)
    return lemma


def phrase(
    head: Token, skip: set[int], drop_det: bool = False, extra: list[Token] | None = None
) -> str:
    """The text of ``head``'s phrase without the figure, time adjuncts and coordination.

    ``extra`` adds tokens the parse did not attach to ``head`` (see :func:`_scan`).
    """
    root_is_verb = head.sent.root.pos_ in ("VERB", "AUX")
    return join(_collect(head, skip, drop_det, root_is_verb, top=True) + (extra or []))


def _collect(
    tok: Token, skip: set[int], drop_det: bool, root_is_verb: bool, top: bool
) -> list[Token]:
    """``tok`` and the dependents that describe it (``top``: ``tok`` is the counted noun)."""
    out = [tok]
    for c in tok.children:
        if c.i in skip or c.dep_ in _DROP or _is_temporal(c):
            continue
        if c.dep_ == "punct" and c.text not in _KEPT_PUNCT:
            continue
        if top and (
            (c.dep_ in ("nummod", "quantmod") and not _name_number(c))
            or (drop_det and c.dep_ == "det" and c.lower_ in lex.DROPPED_DETERMINERS)
        ):
            continue  # the figures themselves ("the prison's [400] inmates")
        if (
            top
            and c.dep_ == "advmod"
            and (c.lower_ in ("up", "down") or any(t.pos_ == "NUM" for t in c.subtree))
        ):
            continue  # "revenue [up 12% from a year earlier]"
        if top and not root_is_verb and c.dep_ == "acl" and c.tag_ in ("VBD", "VBN"):
            continue  # a main verb the parser hung on the noun ("40 of ... inmates signed up")
        if c.dep_ == "relcl" and any(
            t.pos_ == "NUM" and t.ent_type_ not in ("DATE", "TIME") for t in c.subtree
        ):
            continue  # "prisoners, [of whom about 10,000 were killed]": a quantity of its own
        out.extend(_collect(c, skip, False, root_is_verb, top=False))
    return out


def _name_number(tok: Token) -> bool:
    """A number that is part of a name ("S&P 500", "Leopard 2 tanks"), kept in ``counts``."""
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    return prev is not None and prev.pos_ == "PROPN" and (prev.is_title or prev.text.isupper())


def _is_temporal(tok: Token) -> bool:
    """A prepositional or noun phrase that only says when ("at the start of the invasion")."""
    if tok.dep_ == "npadvmod" or (tok.ent_type_ in ("DATE", "TIME") and tok.dep_ != "pobj"):
        return True
    if tok.dep_ != "prep":
        return False
    if tok.lower_ in _TEMPORAL_PREPS:
        return True
    return any(
        c.dep_ == "pobj"
        and (c.ent_type_ in ("DATE", "TIME") or c.lemma_.lower() in lex.TEMPORAL_NOUNS)
        for c in tok.children
    )


def join(tokens: list[Token]) -> str:
    """Tokens in text order, with the document's spacing where they are adjacent."""
    toks = sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)
    parts = []
    for k, t in enumerate(toks):
        parts.append(t.text)
        if k + 1 < len(toks):
            parts.append(t.whitespace_ if toks[k + 1].i == t.i + 1 else " ")
    return "".join(parts).strip(" ,;:-")


def _reduced_relative(subject: Token, skip: set[int]) -> str | None:
    """ "women [were] serving time in Russia" → "serving time in Russia" (be + participle)."""
    verb = subject.head
    if subject.dep_ not in _SUBJECTS or verb.tag_ not in ("VBG", "VBN"):
        return None
    if not any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "be" for c in verb.children):
        return None
    root_is_verb = verb.sent.root.pos_ in ("VERB", "AUX")
    toks = [verb]
    for c in verb.children:
        if any(g.lower_ in ("whom", "which", "them") for g in c.children):
            continue  # "of whom [10,000] were killed": the partitive, not the predicate
        if c.dep_ in _RELATIVE_KEEP and c.i not in skip and not _is_temporal(c):
            toks.extend(_collect(c, skip, False, root_is_verb, top=False))
    return join(toks) or None


def _counts_from_subject(d: Draft, top: Token, skip: set[int]) -> None:
    """ "The death toll rose to 40" → counts "death toll", unit person."""
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head  # "costs $3.50 a gallon and €1.20 per litre": the first conjunct's verb
    verb = top.head
    if verb.dep_ == "prep" and verb.lower_ in ("to", "by", "at", "of"):
        verb = verb.head
    if verb.lemma_ not in lex.MEASURE_VERBS and not (verb.lemma_ == "be" and top.dep_ == "attr"):
        return
    subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
    if subject is None or subject.pos_ not in _NOUNS:
        return
    of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    target = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if subject.lemma_.lower() in lex.COUNT_NOUNS and target is not None:
        d.counts = phrase(target, skip, drop_det=True)  # "the number of refugees"
        if d.kind == "count":
            d.unit = unit_of(target)
        return
    d.counts = phrase(subject, skip, drop_det=True)
    if d.kind == "count":
        compound = " ".join(t.lower_ for t in subject.lefts if t.dep_ == "compound")
        name = f"{compound} {subject.lower_}".strip()
        if subject.lemma_.lower() in lex.PERSON_AGGREGATES or name in lex.PERSON_AGGREGATES:
            d.unit = "person"


def link(drafts: list[Draft], doc: Doc, text: str, starts: list[int]) -> None:
    """Resolve ``part_of`` for partitives and "of them" anaphora; share the whole's counts."""
    for n, d in enumerate(drafts):
        if d.unit == "other" and n and drafts[n - 1].unit == "person":
            d.unit = "person"  # "killed 40 people and injured 300 others"
        if n:
            _shared_unit(drafts, n, text)
            _shared_rate(drafts, n, text)
        whole = None
        if d.whole_at is not None:
            whole = next(
                (k for k, w in enumerate(drafts) if w.first.num_start <= d.whole_at < w.last.end),
                None,
            )
        elif d.anaphoric:
            whole = _antecedent(drafts, n, doc, starts)
        if whole is None or whole == n:
            continue
        w = drafts[whole]
        d.part_of = whole
        if d.kind == "count":
            d.unit = w.unit
        base = w.noun_phrase or w.counts
        if base:
            d.counts = f"{base} {d.relative}" if d.relative else base


def _antecedent(drafts: list[Draft], n: int, doc: Doc, starts: list[int]) -> int | None:
    """The most recent earlier count of people within the current and two previous sentences."""
    here = token_at(doc, starts, drafts[n].start)
    if here is None:
        return None
    sents = list(doc.sents)
    index = next((k for k, s in enumerate(sents) if s.start <= here.i < s.end), 0)
    earliest = sents[max(0, index - 2)].start_char
    for k in range(n - 1, -1, -1):
        w = drafts[k]
        if w.start < earliest:
            break
        if w.unit == "person" and w.part_of is None:
            return k
    return None


def _shared_unit(drafts: list[Draft], n: int, text: str) -> None:
    """A bare figure takes the unit of the figure it is set against.

    "by 220 votes to 212": right after a counted figure; "Only 12 of 900 prisoners in three
    colonies signed up, compared with several hundred": the first counted figure of the
    sentence, what the clause is about; "the crowd numbered 50,000, while police estimated
    it at about 15,000": an earlier bare figure of the sentence whose unit the context gave.
    """
    d, prev = drafts[n], drafts[n - 1]
    if d.unit is not None or d.kind != "count" or d.head is not None or d.anaphoric:
        return
    gap = text[max(prev.end, prev.noun_end or 0) : d.start]
    if prev.kind == "count" and prev.unit and _SHARED_GAP_RE.fullmatch(gap):
        d.unit, d.counts = prev.unit, prev.counts
        return
    same = [w for w in drafts[:n] if not _SENTENCE_END_RE.search(text, w.end, d.start)]
    counted = [w for w in same if w.kind == "count" and w.unit and w.part_of is None]
    if counted and _COMPARED_RE.search(text, max(0, d.start - 20), d.start):
        d.unit, d.counts = counted[0].unit, counted[0].counts
    elif counted and _MORE_RE.match(text, d.end):
        d.unit, d.counts = counted[-1].unit, counted[-1].counts  # "damaged 120 more"
    elif same and same[-1].kind == "count" and same[-1].head is None and same[-1].unit:
        d.unit = same[-1].unit  # a second estimate of the same crowd


def _shared_rate(drafts: list[Draft], n: int, text: str) -> None:
    """A sum restated in another currency keeps the rate: "20,000 hryvnias a month, or
    roughly $500" and "200,000 rubles ($2,200) a month" → both per month. In the same
    currency "or" gives a total ("$57.50 a share, or $62.1 million"), not the same rate."""
    d, prev = drafts[n], drafts[n - 1]
    if d.kind != "money" or prev.kind != "money" or d.unit == prev.unit or d.per is not None:
        return
    if prev.per and _RESTATED_RE.fullmatch(text, max(prev.end, prev.noun_end or 0), d.start):
        d.per = prev.per
