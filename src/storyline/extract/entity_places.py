"""Places that only their context reveals: "the village of Koshel", "Vladimir region".

Why context rules: news about small towns and regions names places the small spaCy model
has never seen, and it guesses PERSON or ORG for them ("Riverton" → PERSON, "Serra Alta" →
ORG). The words around such a name are regular in news English: a settlement noun before
it ("the town of X", "the provincial capital, X"), a compass adjective ("central X"), a
region word after it ("X province"), an apposition ("X, a port city"), a state's
possession ("X's economy"), a natural feature ("the Drava River"). Each cue either adds a
LOC candidate spaCy missed (:func:`pattern_places`) or retypes and extends the candidates
already found (:func:`place_evidence`); one cue types every mention of the name.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from storyline.extract import entity_lexicon as lex
from storyline.extract.entity_rules import Cand, norm

# "Estavia's economy": a name that owns what only a state owns (names spaCy missed).
_STATE_POSSESSIVE = re.compile(
    r"(?<![\w'’])([A-Z][a-z][\w-]*(?: [A-Z][a-z][\w-]*)?)['’]s\s+(?i:"
    + "|".join(sorted(map(re.escape, lex.STATE_POSSESSIONS), key=len, reverse=True))
    + r")\b"
)
_PLACE_WORD = r"[A-Z][a-z][\w'’-]*"
# "the village of Koshel", "the provincial capital, Tarsk", "central Serov": unfamiliar
# place names that only the words before them reveal.
_CUED_PLACE = re.compile(
    r"\b(?:(?:town|city|village|region|province|district|municipality|island|port)\s+of"
    r"|\bthe\s(?:[a-z]+\s)?capital,|(?:"
    + "|".join(sorted(lex.PLACE_PART_ADJECTIVES))
    + rf"))\s+({_PLACE_WORD}(?:\s{_PLACE_WORD}){{0,2}})"
)
# "Lanford, a port city of …": checked by place_cue, which reads the apposition's head.
_APPOSED_PLACE = re.compile(
    rf"(?<![\w'’])({_PLACE_WORD}(?:\s{_PLACE_WORD}){{0,2}}),\s(?:a|an|the)\s"
    r"(?:[\w-]+\s){0,3}?(?:city|town|village|port|capital)\b"
)
# "Cagayan province", "the Tomsk region": a name and its region word, one LOC mention.
_REGION = re.compile(
    rf"(?<![\w'’])({_PLACE_WORD}(?:[\s-]{_PLACE_WORD}){{0,2}})\s(?:"
    + "|".join(sorted(lex.REGION_WORDS | {w.title() for w in lex.REGION_WORDS}))
    + r")\b"
)
# "the Drava River", "Lake Ohrid" is left to spaCy: one to three capitalised words + feature.
_NATURAL = re.compile(
    r"(?<![\w'’])((?:[A-Z][a-z][\w'’-]*\s+){1,3})(?:"
    + "|".join(sorted(lex.NATURAL_FEATURES, key=len, reverse=True))
    + r")\b"
)


def pattern_places(doc: Doc, text: str, body_start: int) -> list[Cand]:
    """Places shown by their shape: "the Drava River", "Estavia's economy" (layer 2).

    Only in the body: a Title Case headline capitalises every word before "River".
    """
    cands = []
    for match in _NATURAL.finditer(text, body_start):
        start = match.start()
        for word in match.group(1).split():
            if word not in lex.NOT_NAME_WORDS:
                break
            start = text.index(word, start) + len(word)
            start = len(text) - len(text[start:].lstrip())
        if start < match.end(1):
            name = text[start : match.end()]
            cands.append(Cand(start, match.end(), "LOC", norm(name), name, 2, fixed=True))
    for match in _CUED_PLACE.finditer(text, body_start):
        span = doc.char_span(match.start(1), match.end(1))
        if span is not None and span[0].pos_ == "PROPN" and span.text not in lex.NOT_NAME_WORDS:
            name = span.text
            cands.append(Cand(span.start_char, span.end_char, "LOC", norm(name), name, 2, True))
    for match in _APPOSED_PLACE.finditer(text, body_start):
        span = doc.char_span(match.start(1), match.end(1))
        if span is not None and span[0].pos_ == "PROPN" and place_cue(doc, span[0], span[-1]):
            name = span.text
            cands.append(Cand(span.start_char, span.end_char, "LOC", norm(name), name, 2, True))
    for match in _REGION.finditer(text, body_start):
        span = doc.char_span(match.start(1), match.end())
        while span is not None and len(span) > 1 and span[0].pos_ != "PROPN":
            span = span[1:]  # "In Cagayan province": the preposition is no name
        if span is not None and len(span) > 1 and span[0].pos_ == "PROPN":
            name = span.text
            cands.append(Cand(span.start_char, span.end_char, "LOC", norm(name), name, 2, True))
    for match in _STATE_POSSESSIVE.finditer(text):
        span = doc.char_span(match.start(1), match.end(1))
        name = match.group(1)
        if span is None or name.split()[0] in lex.NOT_NAME_WORDS:
            continue
        if all(t.pos_ == "PROPN" for t in span):
            cands.append(Cand(span.start_char, span.end_char, "LOC", norm(name), name, 2))
    return cands


def place_evidence(doc: Doc, cands: list[Cand]) -> None:
    """Retype and extend names that their context shows to be places (in place).

    A region word after a name joins the mention ("Vladimir region"), and the bare name
    elsewhere is then a place too ("Ardan was hit" after "Ardan province"). Other cues
    (:func:`_place_cue`) retype PER/ORG mentions spaCy guessed for unfamiliar towns.
    """
    regions: set[str] = set()
    for cand in cands:
        if cand.nest or cand.type not in {"PER", "ORG", "LOC"}:
            continue
        if cand.fixed and cand.type != "LOC":
            continue  # a lexicon ORG ("Kremlin") or a rule's facility keeps its type
        span = doc.char_span(cand.start, cand.end)
        if span is None:
            continue
        nxt = doc[span.end] if span.end < len(doc) else None
        if len(span) > 1 and span[-1].lower_ in lex.REGION_WORDS:  # spaCy's "Velna Province"
            regions.add(norm(span[:-1].text))
            cand.type, cand.fixed = "LOC", True
        elif nxt is not None and nxt.lower_ in lex.REGION_WORDS and nxt.dep_ != "compound":
            regions.add(cand.key)
            cand.end = nxt.idx + len(nxt)
            cand.name = f"{cand.name} {nxt.lower_}"
            cand.key, cand.type, cand.fixed = norm(cand.name), "LOC", True
        elif cand.type != "LOC" and place_cue(doc, span[0], span[-1]):
            cand.type, cand.fixed = "LOC", True
    places = regions | {c.key for c in cands if c.type == "LOC" and c.fixed}
    for cand in cands:  # one cue types every mention of the name: "the hospital in Serra Alta"
        if cand.key in places and not cand.nest and not cand.fixed:
            cand.type, cand.fixed = "LOC", True


def place_cue(doc: Doc, first: Token, last: Token) -> bool:
    """Whether the words around a name show a place.

    "the town of X", "the provincial capital, X", "central X", "the X city council",
    "X, a port city", "X's economy".
    """
    prev = doc[first.i - 1] if first.i else None
    prev2 = doc[first.i - 2] if first.i > 1 else None
    if prev is not None and prev.is_lower and prev.lower_ in lex.PLACE_PART_ADJECTIVES:
        return True
    if prev is not None and prev2 is not None and prev2.lower_ in lex.PLACE_NOUNS:
        if prev.text == "of":
            return True
        if prev.text == ",":
            # "the provincial capital, Tarsk", not "to raise capital, Goldman Sachs said"
            return any(t.lower_ == "the" for t in doc[max(prev2.i - 2, 0) : prev2.i])
    if last.i + 1 >= len(doc):
        return False
    nxt = doc[last.i + 1]
    if nxt.is_lower and nxt.lower_ in {"city", "town", "village"}:
        return True
    if nxt.tag_ == "POS" and last.i + 2 < len(doc):
        after = doc[last.i + 2 : last.i + 4]
        return after[0].lower_ in lex.STATE_POSSESSIONS or after.text.lower() in (
            lex.STATE_POSSESSIONS
        )
    if nxt.text != ",":
        return False
    for tok in doc[last.i + 2 : last.i + 7]:  # "X, a port city of about 300,000 people"
        if tok.lower_ in lex.PLACE_NOUNS and tok.dep_ not in {"compound", "amod"}:
            return tok.is_lower
        if tok.pos_ not in {"DET", "ADJ", "NOUN", "NUM"} and tok.tag_ != "HYPH":
            return False
    return False
