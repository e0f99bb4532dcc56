"""Rules for the entities spaCy's model does not know: facilities, military units and groups.

Why rules: penal colonies, units and categories of people ("female inmates") are what a
researcher following prisoner recruitment tracks, and the OntoNotes-trained model either
misses them or calls them ORG/PERSON ("Lefortovo" → PERSON). Their shapes are regular in
news English: a kind plus a number ("Penal Colony No. 7"), a code ("IK-2"), an ordinal plus
a unit noun ("155th Marine Brigade"), a name plus a facility noun ("Kakhovka dam"), a plural
role noun with its modifiers ("former inmates"). Word lists live in
:mod:`storyline.extract.entity_lexicon`; :mod:`storyline.extract.entities` combines these
candidates with spaCy's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from storyline.extract import entity_lexicon as lex


@dataclass
class Cand:
    """A candidate mention before entities are formed.

    ``key`` is the merge key (two candidates with linked keys are one entity), ``layer``
    the rule family (lower wins an overlap), ``fixed`` marks a type and name set by a
    lexicon or rule (never outvoted), ``nest`` a span that may contain other mentions.
    """

    start: int
    end: int
    type: str
    key: str
    name: str
    layer: int
    fixed: bool = False
    nest: bool = False


def norm(text: str) -> str:
    """Merge key of a name: lower case, no periods, single spaces, no leading "the"."""
    text = re.sub(r"[.\s]+", " ", text.replace("’", "'")).strip().lower()
    return text[4:] if text.startswith("the ") else text


_NUMBERED = re.compile(
    r"\b(?:[Pp]enal [Cc]olony|[Cc]orrectional [Cc]olony|[Cc]olony|[Pp]rison|[Cc]amp|"
    r"[Dd]etention [Cc]ent(?:er|re)|[Ii]solator|SIZO|[Ff]acility|[Ii]nstitution)"
    r"\s+(?:No\.?|no\.|Number|#)\s?\d+[A-Za-z]?\b"
)
_CODED = re.compile(r"\b(?:" + "|".join(lex.FACILITY_CODES) + r")-\d{1,3}\b|\bStorm[- ][ZV]\b")
_UNIT_NOUNS = "|".join(sorted(lex.UNIT_NOUNS | {n.lower() for n in lex.UNIT_NOUNS}))
_ORDINAL_UNIT = re.compile(
    r"\b\d{1,3}(?:st|nd|rd|th)\s+(?:(?:[A-Z][\w'’-]*|"
    + "|".join(sorted(lex.UNIT_MODIFIERS))
    + r")\s+){0,5}?(?:"
    + _UNIT_NOUNS
    + r")\b"
)
# Russian military units go by number ("military unit 22179", "Unit 29155"): an ORG, as the
# gold conventions have it, unlike named brigades (FAC).
_NUMBERED_UNIT = re.compile(r"\b(?:[Mm]ilitary\s+)?[Uu]nit\s+(?:No\.\s?)?\d{4,6}\b")
_NAMED_UNIT = re.compile(r"\b(?:[A-Z][\w'’-]+\s+){1,3}(?:Brigade|Regiment|Battalion)\b")
_LEFT_WORD = re.compile(r"([A-Z][\w-]*|women's|female|strict-regime|general-regime)\s+$")
_HEAD_LAST: dict[str, list[tuple[str, ...]]] = {}
for _head in sorted(lex.FACILITY_HEADS, key=lambda h: -h.count(" ")):  # longest first
    _HEAD_LAST.setdefault(_head.split()[-1], []).append(tuple(_head.split()))
_MOD_TAGS = {"JJ", "JJR", "JJS", "VBN", "VBG", "NN", "NNS", "NNP", "NNPS", "HYPH"}
_MOD_BAD_DEPS = {"poss", "nummod", "det", "predet", "case", "appos", "punct", "quantmod"}
_GROUP_BAD_ENTS = {"ORG", "PERSON", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"}
#: Dependencies only a noun fills: the tagger sometimes calls "inmates" a verb (VBZ).
_NOMINAL_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "iobj", "attr", "appos", "conj"}
_POSSESSORS = {"women", "men", "children", "girls", "boys"}
_DEMONYMS = {form for forms in lex.COUNTRY_DEMONYMS.values() for form in forms}


def sentence_starts(doc: Doc) -> list[int]:
    """Index of each token's sentence start (``Token.sent`` rescans the doc on every call).

    The parser sometimes opens a sentence with no punctuation before it ("Prison | officials
    denied…"); such a break is ignored, so a group or name may run across it.
    """
    starts = [0] * len(doc)
    current = 0
    for sent in doc.sents:
        prev = doc[sent.start - 1] if sent.start else None
        if prev is None or prev.is_punct or prev.is_space or "\n" in prev.whitespace_:
            current = sent.start
        starts[sent.start : sent.end] = [current] * len(sent)
    return starts


def facility_candidates(doc: Doc, text: str, starts: list[int], skip_end: int = 0) -> list[Cand]:
    """Numbered and coded institutions, units and named facilities (layer 0).

    Args:
        doc: the annotated document.
        text: ``doc.text``.
        starts: sentence start of each token (:func:`sentence_starts`).
        skip_end: text before this offset (a Title Case headline) gets only the regex rules,
            since its capitalisation says nothing about names.
    """
    cands = []
    for match in _NUMBERED.finditer(text):
        start = match.start()
        for _ in range(3):  # "Female Penal Colony No. 2": the name's words before the kind
            word = _LEFT_WORD.search(text, 0, start)
            if word is None or word.group(1) in lex.NOT_NAME_WORDS or word.group(1) in lex.PLACES:
                break
            start = word.start()
        cands.append(_fac(text, start, match.end()))
    for match in _NUMBERED_UNIT.finditer(text):
        name = match.group()
        cands.append(Cand(match.start(), match.end(), "ORG", norm(name), name, 0, fixed=True))
    for regex in (_CODED, _ORDINAL_UNIT, _NAMED_UNIT):
        for match in regex.finditer(text):
            words = match.group().split()
            if regex is _NAMED_UNIT and (words[0] in lex.NOT_NAME_WORDS or words[0] in _DEMONYMS):
                continue
            cands.append(_fac(text, match.start(), match.end()))
    for tok in doc:
        if tok.lower_ in _HEAD_LAST and tok.idx >= skip_end:
            cand = _named_facility(doc, text, tok, starts[tok.i])
            if cand is not None:
                cands.append(cand)
    return cands


def _fac(text: str, start: int, end: int) -> Cand:
    return Cand(start, end, "FAC", norm(text[start:end]), text[start:end], 0, fixed=True)


def _named_facility(doc: Doc, text: str, tok: Token, sent_start: int) -> Cand | None:
    """A capitalised name before a facility noun: "Lefortovo prison", "Kakhovka dam"."""
    if tok.tag_ in {"NNS", "NNPS"}:
        return None
    for head in _HEAD_LAST[tok.lower_]:
        first = tok.i - len(head) + 1
        if first < sent_start or tuple(t.lower_ for t in doc[first : tok.i + 1]) != head:
            continue
        j = first
        while (
            j > sent_start and doc[j - 1].is_lower and doc[j - 1].lower_ in lex.FACILITY_MODIFIERS
        ):
            j -= 1
        k = j
        while k > sent_start and _name_word(doc[k - 1]):
            k -= 1
        if k == j or (k > 0 and doc[k - 1].lower_ in {"a", "an"}):
            return None
        name = doc[k:j]
        head_cap = doc[first].text[0].isupper()
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if head_cap and nxt is not None and nxt.text[:1].isupper() and nxt.is_alpha:
            return None  # "Prison Service": the name goes on
        placeish = all(t.text in lex.PLACES or t.text in _DEMONYMS for t in name)
        if placeish and not head_cap and " ".join(head) in lex.GENERIC_FACILITY_HEADS:
            return None  # "a Moscow prison", "Russian prisons"
        if any(t.ent_type_ == "PERSON" and t.ent_iob_ == "I" for t in name):
            return None  # a full personal name before the noun: not a facility name
        start, end = name[0].idx, tok.idx + len(tok)
        return _fac(text, start, end)
    return None


def _name_word(tok: Token) -> bool:
    if not tok.text[:1].isupper() or tok.text in lex.NOT_NAME_WORDS or not tok.is_alpha:
        return False
    if tok.pos_ == "PROPN" or tok.ent_type_:
        return True  # spaCy saw a name (it may call "Lefortovo" a PERSON or an adjective)
    return not tok.is_sent_start and tok.pos_ in {"ADJ", "NOUN"}


def locative_facilities(doc: Doc, text: str, accepted: list[Cand], skip_end: int = 0) -> list[Cand]:
    """Unnamed but located facilities: "a prison outside St. Petersburg" (layer 4, nesting).

    Only singular facility nouns with in/near/outside/at and a place count: "prisons in
    Russia" is a kind, "the prison" alone needs coreference. The mention runs from the first
    modifier to the end of the place, so it contains the place's LOC mention; mentions of
    the same kind of facility at the same place are one entity.
    """
    locs = [c for c in accepted if c.type == "LOC" or (c.type == "FAC" and not c.nest)]
    cands = []
    for tok in doc:
        if tok.idx < skip_end or tok.tag_ != "NN" or tok.lower_ not in lex.LOCATIVE_FACILITY_HEADS:
            continue
        if any(c.start <= tok.idx < c.end for c in accepted):
            continue  # already part of a name ("Lefortovo prison in Moscow")
        if tok.lower_ in {"center", "centre"} and (tok.i == 0 or doc[tok.i - 1].tag_ != "NN"):
            continue  # "detention center", "treatment center"; a bare "center" is no place
        if not any(c.dep_ in {"det", "poss", "amod"} for c in tok.children):
            continue  # bare "in prison" is a state, not a place
        # The parser often hangs the place on the verb ("visited a prison outside X"), so
        # take the preposition right after the noun whatever its head.
        prep = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if prep is None or prep.lower_ not in lex.LOCATIVE_PREPOSITIONS:
            continue
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        lo, hi = pobj.left_edge.idx, pobj.idx + len(pobj)
        nxt = doc[pobj.i + 1] if pobj.i + 1 < len(doc) else None
        if pobj.lower_ in lex.PLACE_NOUNS and nxt is not None and nxt.lower_ == "of":
            hi = nxt.right_edge.idx + len(nxt.right_edge)  # "in the village of Koshel"
        inside = [c for c in locs if lo <= c.start < hi]
        if not inside:
            continue
        place = max(inside, key=lambda c: c.end)
        start = _modifier_start(doc, tok)
        end = max(hi, place.end)
        name = text[start : place.start] + place.name + text[place.end : end]
        kind = " ".join(t.lemma_.lower() for t in doc[_head_start(doc, tok) : tok.i + 1])
        cands.append(
            Cand(start, end, "FAC", f"fac:{kind}@{place.key}", name, 4, fixed=True, nest=True)
        )
    return cands


def headline_facilities(doc: Doc, text: str, accepted: list[Cand], headline_end: int) -> list[Cand]:
    """Located facilities in a Title Case headline: "Recruiters Tour Penal Colony in X Region".

    Headline tags are unreliable and determiners are dropped, so the facility noun must
    carry a facility modifier ("Penal", "Detention") and the place must follow the
    preposition at once. Run after later mentions are propagated: the headline's places
    mostly come from the body.
    """
    by_start = {c.start: c for c in accepted if c.type == "LOC"}
    cands = []
    for tok in doc[1:]:
        if tok.idx >= headline_end or tok.i + 2 >= len(doc):
            break
        mod, prep = doc[tok.i - 1], doc[tok.i + 1]
        place = by_start.get(doc[tok.i + 2].idx)
        if (
            tok.lower_ in lex.LOCATIVE_FACILITY_HEADS
            and mod.lower_ in lex.FACILITY_MODIFIERS
            and prep.lower_ in lex.LOCATIVE_PREPOSITIONS
            and place is not None
            and place.end <= headline_end
        ):
            kind = f"{mod.lower_} {tok.lower_}"
            name = text[mod.idx : place.start] + place.name
            key = f"fac:{kind}@{place.key}"
            cands.append(Cand(mod.idx, place.end, "FAC", key, name, 4, fixed=True, nest=True))
    return cands


def _proper(tok: Token) -> bool:
    """Whether a group modifier keeps its capital in the entity name ("Wagner fighters")."""
    return tok.text[:1].isupper() and (tok.pos_ == "PROPN" or bool(tok.ent_type_))


def _head_start(doc: Doc, tok: Token) -> int:
    """Index of a compound facility noun's first word ("detention center")."""
    i = tok.i
    while i > 0 and doc[i - 1].dep_ == "compound" and doc[i - 1].head.i == tok.i:
        i -= 1
    return i


def _modifier_start(doc: Doc, tok: Token) -> int:
    """Start offset of a facility noun with its adjectives, possessive kinds ("women's")."""
    i, lo = tok.i, tok.left_edge.i
    while i - 1 >= lo:
        t = doc[i - 1]
        if t.tag_ == "POS" and i - 2 >= lo and doc[i - 2].lower_ in _POSSESSORS:
            i -= 2
        elif t.tag_ == "HYPH" and i - 2 >= lo and doc[i - 2].like_num:
            i += 1 if i < tok.i else 0  # "60-bed treatment center": a count, left out
            break
        elif t.tag_ == "HYPH" or (
            t.dep_ in {"amod", "compound"} and t.lower_ not in lex.GROUP_STOP_MODIFIERS
        ):
            i -= 1
        else:
            break
    while i < tok.i and doc[i].tag_ == "HYPH":
        i += 1
    return doc[i].idx


def _group_head(doc: Doc, tok: Token) -> bool:
    """Whether ``tok`` heads a group: a listed people noun, or an agent noun that speaks.

    "Forecasters said", "Organizers warned": a plural agent noun ("-ers", "-ists") as the
    subject of a verb of saying names people even when the lexicon lacks it.
    """
    lower = tok.lower_
    if lower in lex.GROUP_HEADS:
        return True
    return (
        tok.tag_ in {"NNS", "NNPS"}
        and lower.endswith(lex.AGENT_SUFFIXES)
        and lower not in lex.NOT_AGENT_NOUNS
        and tok.dep_ in {"nsubj", "conj"}
        and tok.head.lemma_.lower() in lex.SPEECH_VERBS
        and not tok.ent_type_
    )


def groups(doc: Doc, starts: list[int], headline_end: int, demonyms: dict[str, str]) -> list[Cand]:
    """Categories of people: a plural role noun with the modifiers before it (layer 4, nesting).

    Args:
        doc: the annotated document.
        headline_end: end of a Title Case headline (0 if none); there tags are unreliable,
            so a modifier counts only if the body uses the word as an adjective or noun.
        demonyms: demonym → place, so "Russian servicewomen" keeps its capital.
    """
    vocab = set()
    if headline_end:  # body words used as modifiers; a sentence-initial capital counts too
        vocab = {
            t.lower_
            for t in doc
            if t.idx >= headline_end
            and (t.pos_ in {"ADJ", "NOUN"} or t.tag_ == "VBN" or starts[t.i] == t.i)
        }
    cands = []
    for tok in doc:
        lower = tok.lower_
        generic = lower in lex.GENERIC_GROUP_HEADS
        if not generic and not _group_head(doc, tok):
            continue
        in_head = tok.idx < headline_end
        if tok.i > 0 and doc[tok.i - 1].text in {"#", "@"}:
            continue  # a hashtag, not prose
        nominal = tok.tag_ in {"NNS", "NNPS"} or tok.dep_ in _NOMINAL_DEPS  # "offered inmates"
        if lower == "police" or (tok.tag_ == "VBZ" and lower not in lex.VERBAL_GROUP_HEADS):
            nominal = True  # "inmates" tagged as a verb; singular "police" is plural in sense
        if not in_head and (
            (tok.dep_ in {"compound", "amod"} and tok.tag_ not in {"NNS", "NNPS"})
            or (tok.i + 1 < len(doc) and doc[tok.i + 1].tag_ == "POS")
        ):
            continue  # a modifier of another noun: "police station", "women's colony"
        if not in_head and (not nominal or tok.ent_type_ in _GROUP_BAD_ENTS):
            continue
        lo = starts[tok.i] if in_head else max(tok.left_edge.i, starts[tok.i])
        if doc[lo].is_sent_start and starts[tok.i] < lo:
            lo = starts[tok.i]  # the parser cut the phrase in two: "Prison | officials"

        def ok(t: Token, in_head: bool = in_head) -> bool:
            if t.lower_ in lex.GROUP_STOP_MODIFIERS or t.like_num:
                return False
            if in_head:
                return t.lower_ in vocab or t.text in demonyms
            if t.tag_ == "HYPH":  # "flood-hit villagers"
                return True
            return t.tag_ in _MOD_TAGS and t.dep_ not in _MOD_BAD_DEPS

        j = tok.i
        while j - 1 >= lo:
            t = doc[j - 1]
            if ok(t) or (
                t.tag_ == "CC"
                and j - 2 >= lo
                and ok(doc[j - 2])
                # "former and current inmates", "Egyptian and Qatari mediators", not
                # "Amnesty International and local journalists"
                and (doc[j - 2].is_lower or doc[j - 2].text in demonyms)
                and j < tok.i
            ):
                j -= 1
            else:
                break
        while j < tok.i and (doc[j].tag_ in {"CC", "HYPH"} or doc[j].is_punct):
            j += 1
        if generic and j == tok.i:
            continue
        words = doc[j : tok.i + 1]
        key = " ".join([t.lower_ for t in words[:-1]] + [tok.lemma_.lower()])
        name = "".join(
            (t.text if t.text in demonyms or (not in_head and _proper(t)) else t.lower_)
            + t.whitespace_
            for t in words
        ).strip()
        end = tok.idx + len(tok)
        cands.append(Cand(words[0].idx, end, "GROUP", "grp:" + key, name, 4, fixed=True, nest=True))
    return cands
