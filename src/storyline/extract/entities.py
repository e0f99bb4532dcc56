"""Entity mentions (people, organisations, places, facilities, groups) and the entities they name.

Why spaCy plus rules: the small English model finds most PERSON/ORG/GPE spans cheaply, but
it misses the things a prison-and-war researcher tracks most (penal colonies, units, "female
inmates"), labels demonyms NORP, and mislabels title-case headlines and unfamiliar
transliterated names. So spaCy's entities are one layer among several, each a single
pass over tokens or one compiled regex over the text:

0. rules that are nearly always right: numbered and coded penal institutions ("Penal Colony
   No. 7", "IK-2"), military units ("155th Marine Brigade"), named facilities
   ("Lefortovo prison") (:mod:`storyline.extract.entity_rules`);
1. spaCy entities, cleaned (no "the", titles or possessives), junk dropped, retyped by the
   lexicons (demonyms → their country, "Kremlin" → ORG);
2. lexicon search for places, demonyms and unambiguous organisations spaCy missed, and
   places shown by their context ("the village of Koshel", "Vladimir region", "X, a port
   city"), which also retype spaCy's guesses (:mod:`storyline.extract.entity_places`);
3. acronyms introduced in parentheses ("Federal Penitentiary Service (FSIN)");
4. spans that may contain other mentions: unnamed facilities located by a place ("a prison
   outside St. Petersburg") and groups ("female inmates");
5. later mentions of names already found (surname-only references, headline words).

A stronger layer's span wins an overlap, except that a longer lexicon or repeated name
replaces a fragment spaCy found inside it ("Doctors Without Borders" over "Borders"). One-word
spaCy names that are ordinary words capitalised at a sentence start ("Turnout", "Nationally")
are dropped. Mentions are then merged into document entities
with a union-find over normalised keys: canonical place names, ORG aliases, acronyms, and
surnames of people named in full. Span conventions (what each mention covers) are in
:func:`extract`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from storyline.extract import entity_lexicon as lex
from storyline.extract import entity_places as places
from storyline.extract import entity_rules as rules
from storyline.extract.entity_rules import Cand, norm
from storyline.model import Entity, EntityMention

VERSION = "entities/1"

_LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "FAC", "NORP": "NORP"}
_JUNK_CHARS = re.compile(r"[#@<>{}\[\]|=_*~^\\/]|,\S|\n|https?:|www\.")
_ACRONYM = re.compile(r"\(\s*([A-Z][A-Za-z&.\-]*[A-Z][A-Za-z&.\-]*|[A-Z]{2,})\s*\)")
_CORPORATE = re.compile(r",? (?:inc|corp|corporation|co|ltd|llc|plc|ag|sa|nv|se|gmbh)$")
_INITIAL_SKIP = {"of", "the", "and", "for", "on", "in", "&", "de"}

# Lexicon lookups built once: surface form → canonical place name; demonyms separately.
_DEMONYM: dict[str, str] = {
    form: place
    for table in (lex.COUNTRY_DEMONYMS, lex.REGION_DEMONYMS)
    for place, forms in table.items()
    for form in forms
}
_PLACE: dict[str, str] = {name: name for name in lex.PLACES}
_PLACE.update({name: name for name in lex.COUNTRY_DEMONYMS})
_PLACE.update({name: name for name in lex.REGION_DEMONYMS})
_PLACE.update(lex.PLACE_ALIASES)
_PLACE_UPPER = {name.upper(): canon for name, canon in _PLACE.items() if len(name) > 3}
# Lexicon search: forms by first word, longest first, so one regex finds capitalised words
# and a dict lookup checks the few forms that can start there (an 800-way alternation is slow).
_SEARCH_FORMS: dict[str, list[str]] = {}
for _form in sorted(
    (set(_DEMONYM) | set(_PLACE) | set(lex.ORG_SEARCH_FORMS)) - lex.AMBIGUOUS_PLACE_NAMES,
    key=len,
    reverse=True,
):
    _SEARCH_FORMS.setdefault(re.split(r"[\s-]", _form)[0], []).append(_form)
_CAP_WORD = re.compile(r"(?<![\w'’#@])[A-Z][\w'’.]*")


@dataclass
class _Parts:
    """Per-document state shared by the layers."""

    doc: Doc
    text: str
    headline_end: int
    title_case: bool
    ents: list[Span] = field(default_factory=list)
    name_words: set[str] = field(default_factory=set)


def extract(
    doc: Doc, published: date | None = None, language: str = "en"
) -> tuple[list[EntityMention], list[Entity]]:
    """Find entity mentions in ``doc`` and merge them into document entities.

    ``language`` picks the rules: English here, Russian and Ukrainian in
    :mod:`storyline.extract.entity_ru_uk` (same contract and conventions).

    Span conventions: names exclude a leading "the" (kept when part of a name mid-sentence,
    "The New York Times"), titles ("President") and the possessive "'s"; demonyms are LOC
    mentions of their country ("Russian" → entity Russia); a numbered facility runs from its
    kind to its number ("Penal Colony No. 7"); a unit from its ordinal to its noun ("155th
    Marine Brigade"); an unnamed located facility from its first modifier to the end of the
    place ("prison outside St. Petersburg", containing the LOC mention "St. Petersburg"); a
    group is its head noun with the modifiers before it, without determiners, numbers,
    quantifiers or possessors ("two former inmates" → "former inmates"), and may contain
    LOC/ORG/PER mentions ("Ukrainian officials").

    Args:
        doc: the annotated document; offsets refer to ``doc.text``.
        published: unused (entities do not depend on the date); kept for the common
            extractor signature.

    Returns:
        Mentions sorted by start (ids left empty; ``entity`` holds "E1", "E2"… numbered in
        order of first mention) and the entities they refer to.
    """
    del published
    if language != "en":
        from storyline.extract import entity_ru_uk

        return entity_ru_uk.extract(doc, language)
    text = doc.text  # a property that rebuilds the string on every access
    headline_end, title_case = _headline(text)
    title_end = headline_end if title_case else 0  # where trustworthy capitalisation starts
    parts = _Parts(doc, text, headline_end, title_case)
    ents = list(doc.ents)  # a property that rebuilds the spans on every access
    full_names = [ent for ent in ents if ent.label_ == "PERSON" and len(ent) > 1]
    surnames = {ent[-1].text for ent in full_names}
    parts.ents = ents
    parts.name_words = {w for ent in full_names for w in ent.text.split()}
    starts = rules.sentence_starts(doc)
    link = _Links()

    layered: list[Cand] = rules.facility_candidates(doc, text, starts, title_end)
    layered += _spacy_candidates(parts, surnames)
    searched = _search_candidates(doc, text)
    layered += searched
    layered += places.pattern_places(doc, text, title_end)
    accepted = _resolve(layered, [])
    accepted = _resolve(_acronym_candidates(text, accepted, link), accepted)
    places.place_evidence(doc, accepted)
    _link_people(accepted, link, title_end)
    _link_acronyms(accepted, link)
    if title_case:
        accepted = _drop_unconfirmed_headline(accepted, link, headline_end)
        # lexicon hits that lost to a dropped headline span get their place back
        accepted = _resolve([c for c in searched if c.start < headline_end], accepted)
    nested = rules.locative_facilities(doc, text, accepted, title_end)
    nested += rules.groups(doc, starts, title_end, _DEMONYM)
    accepted = _resolve(nested, accepted)
    accepted = _resolve(_propagate(parts, accepted, link), accepted)
    if title_case:
        accepted = _resolve(rules.headline_facilities(doc, text, accepted, headline_end), accepted)
    return _build(text, accepted, link)


def _headline(text: str) -> tuple[int, bool]:
    """End of the first paragraph when it looks like a headline, and whether it is Title Case."""
    end = text.find("\n\n")
    if end <= 0 or len(text[:end].split()) > 30:
        return 0, False
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text[:end]) if len(w) > 3]
    content = [w for w in words if w.lower() not in lex.TITLE_STOP_WORDS]
    capitals = sum(w[0].isupper() for w in content)
    return end, len(content) >= 2 and capitals >= 0.75 * len(content)


def _place_name(text: str) -> str | None:
    """Canonical place name for a surface form (exact, then all-caps), or None."""
    return _PLACE.get(text) or _DEMONYM.get(text) or _PLACE_UPPER.get(text)


def _spacy_candidates(parts: _Parts, surnames: set[str]) -> list[Cand]:
    """spaCy's entities, trimmed, typed by the lexicons, junk dropped (layer 1)."""
    doc, cands = parts.doc, []
    lower_words = {t.text for t in doc if t.is_lower}
    names = parts.name_words
    for ent in parts.ents:
        label = _LABELS.get(ent.label_)
        if label is None:
            continue
        tokens = list(ent)
        while tokens and (
            tokens[0].is_punct or (tokens[0].lower_ in {"the", "a", "an"} and _drop_the(tokens))
        ):
            tokens.pop(0)
        while label == "PER" and len(tokens) > 1 and tokens[0].text in lex.PERSON_TITLES:
            tokens.pop(0)
        for i, tok in enumerate(tokens):
            if tok.text == "(":  # "The World Health Organization (WHO": the acronym layer
                tokens = tokens[:i]
                break
        while tokens and (
            tokens[-1].is_punct
            or tokens[-1].tag_ == "POS"
            or (label not in {"FAC", "NORP"} and len(tokens) > 1 and tokens[-1].is_lower)
        ):  # "Putin's", "Khyber Pakhtunkhwa province": a name ends with its last capital
            tokens.pop()
        if not tokens:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        text = parts.text[start:end]
        if _is_junk(text, label, len(tokens)) or parts.text[start - 1 : start] in {"#", "@"}:
            continue
        if len(tokens) == 1 and _capitalised_word(tokens[0], lower_words, names):
            continue
        if len(tokens) == 1 and label == "PER" and _lone_initial_person(parts, tokens[0], names):
            continue
        prev = doc[tokens[0].i - 1].lower_ if tokens[0].i else ""
        if label in {"LOC", "ORG"} and _person_cue(doc, tokens) and not _place_name(text):
            label = "PER"  # "said Marina Sokolova, his sister": the model guessed GPE
        placed = label in {"PER", "ORG"} and _after_place_prep(prev, label)
        if placed and text not in surnames:
            label = "LOC"  # "a teacher in Mingora", "villages near Swat": model mislabels
        cand = _typed(text, label, start, end, surnames)
        if cand is not None:
            cand.fixed = cand.fixed or (placed and label == "LOC")
            cands.append(cand)
    return cands


def _capitalised_word(tok: Token, lower_words: set[str], names: set[str]) -> bool:
    """Whether a one-word entity is an ordinary word capitalised by its position.

    "Turnout reached 58 percent" (the text says "turnout" elsewhere), "Nationally, …": a
    sentence-initial word the lexicons do not know, written in lower case elsewhere in the
    text, or a function word or -ly adverb, is no name.
    """
    prev = tok.nbor(-1) if tok.i else None
    initial = tok.is_sent_start or prev is None or prev.is_space or prev.is_quote
    if not initial or _place_name(tok.text) or tok.text in lex.ORG_ALIASES:
        return False
    if tok.text in names or tok.head.lemma_.lower() in lex.SPEECH_VERBS:
        return False  # "May said …" after "Theresa May": a surname, not the modal verb
    if tok.lower_ in lower_words:
        return True
    return tok.pos_ in {"ADV", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "AUX"} or (
        tok.lower_.endswith("ly") and tok.tag_ == "RB"
    )


def _lone_initial_person(parts: _Parts, tok: Token, names: set[str]) -> bool:
    """A one-word "person" opening a sentence, named nowhere else: "Turnout reached 58%".

    News introduces people by full name, so a single sentence-initial word that is no part
    of a full name and occurs once in the text is an ordinary word the model mislabelled.
    """
    prev = tok.nbor(-1) if tok.i else None
    initial = tok.is_sent_start or prev is None or prev.is_space or prev.is_quote
    if not initial or tok.text in names or tok.head.lemma_.lower() in lex.SPEECH_VERBS:
        return False  # "Zelensky said …" is a person even when named once
    return len(re.findall(rf"\b{re.escape(tok.text)}\b", parts.text)) == 1


def _person_cue(doc: Doc, tokens: list[Token]) -> bool:
    """Whether the words around a name show a person.

    A role before a full name ("former governor Pavel Orlov"), an age after a name
    ("Orlov, 61, denied") or a person noun in apposition ("Marina Sokolova, his sister").
    """
    first, last = tokens[0], tokens[-1]
    if first.text in lex.ORG_ALIASES or " ".join(t.text for t in tokens) in lex.ORG_ALIASES:
        return False
    prev = doc[first.i - 1] if first.i else None
    if len(tokens) > 1 and prev is not None and prev.is_lower and prev.lower_ in lex.PERSON_ROLES:
        return True
    after = doc[last.i + 1 : last.i + 4]
    if len(after) == 3 and after[0].text == after[2].text == "," and after[1].is_digit:
        return 14 <= int(after[1].text) <= 110  # ", 61," is an age
    return len(tokens) > 1 and _person_apposition(doc, last)


def _person_apposition(doc: Doc, last: Token) -> bool:
    """Whether a name is followed by ", his sister" or ", a lawyer" (a person noun)."""
    if last.i + 2 >= len(doc) or doc[last.i + 1].text != ",":
        return False
    for tok in doc[last.i + 2 : last.i + 6]:
        if tok.lower_ in lex.PERSON_APPOSITIVES:
            return tok.dep_ != "compound"
        if tok.pos_ not in {"DET", "PRON", "ADJ", "NOUN", "NUM"}:
            return False
    return False


def _after_place_prep(prev: str, label: str) -> bool:
    """Whether the word before a PER/ORG span shows it is a place ("in", "near", "outside").

    "in" is trusted only for PERSON spans: "invested in Apple" is an ORG after "in".
    """
    return prev in {"near", "outside"} or (prev == "in" and label == "PER")


def _drop_the(tokens: list[Token]) -> bool:
    """Whether a leading "the" goes: always when lower case, sentence-initially unless known."""
    first = tokens[0]
    if first.text == "the":
        return True
    text = " ".join(t.text for t in tokens)
    return bool(first.is_sent_start) and text not in lex.NAMES_WITH_THE


def _is_junk(text: str, label: str, n_tokens: int) -> bool:
    """Spans that are never entities: hashtags, numbers, lower case, web furniture."""
    if _JUNK_CHARS.search(text) or not any(c.isupper() for c in text):
        return True
    if text.lower() in lex.JUNK_NAMES or len(text) < 2 or n_tokens > 8:
        return True
    return label == "PER" and (n_tokens > 5 or any(c.isdigit() for c in text))


def _typed(text: str, label: str, start: int, end: int, surnames: set[str]) -> Cand | None:
    """One spaCy span as a candidate, retyped by the lexicons (demonyms, aliases, places)."""
    if text in _DEMONYM:
        place = _DEMONYM[text]
        return Cand(start, end, "LOC", norm(place), place, 1, fixed=True)
    if text in lex.ORG_ALIASES:
        name = lex.ORG_ALIASES[text]
        return Cand(start, end, "ORG", norm(name), name, 1, fixed=True)
    known_place = _place_name(text)
    if known_place and not (label == "PER" and text in surnames):
        return Cand(start, end, "LOC", norm(known_place), known_place, 1, fixed=True)
    if label == "NORP":  # plural peoples not tied to a state: "Muslims", "Democrats"
        if text.endswith("s") and " " not in text:
            return Cand(start, end, "GROUP", "grp:" + text.lower(), text, 1, fixed=True)
        return None
    if label != "PER" and text.split()[-1] in lex.NATURAL_FEATURES:
        return Cand(start, end, "LOC", norm(text), text, 1)  # "Drava River"
    if label == "ORG" and text.split()[-1].lower() in lex.FACILITY_LAST_WORDS:
        label = "FAC"  # "Butyrka Prison", "Boryspil International Airport"
    key = norm(text)
    if label == "ORG":  # "Apple Inc." and "Apple" are one company
        key = _CORPORATE.sub("", key) or key
    return Cand(start, end, label, key, text, 1)


def _search_candidates(doc: Doc, text: str) -> list[Cand]:
    """Places, demonyms and unambiguous organisations found by the lexicon (layer 2)."""
    cands = []
    for word in _CAP_WORD.finditer(text):
        pos, found = word.start(), word.group()
        if found.isupper() and found.rstrip(".") in _PLACE_UPPER:  # a dateline: "KYIV, Ukraine"
            place = _PLACE_UPPER[found.rstrip(".")]
            end = pos + len(found.rstrip("."))
            cands.append(Cand(pos, end, "LOC", norm(place), place, 2, fixed=True))
            continue
        options = _SEARCH_FORMS.get(found) or _SEARCH_FORMS.get(
            re.split(r"['’]", found)[0].rstrip("."), []
        )  # "U.S." as found, "Vuhledar's" and "Russia." without their tails
        form = next((f for f in options if _at(text, pos, f)), None)
        if form is None:
            continue
        span = doc.char_span(pos, pos + len(form))
        if span is None:
            continue
        first, last = span[0], span[-1]
        if first.is_sent_start and len(span) == 1 and first.pos_ != "PROPN":
            continue  # "Chinese" is safe mid-sentence; a sentence-initial word needs PROPN
        after = doc[last.i + 1] if last.i + 1 < len(doc) else None
        if form not in _DEMONYM and after is not None and after.is_title and after.pos_ == "PROPN":
            continue  # part of a longer name spaCy did not see ("Kyiv Post")
        if form in lex.ORG_SEARCH_FORMS:
            name = lex.ORG_ALIASES[form]
            cands.append(Cand(pos, pos + len(form), "ORG", norm(name), name, 2, fixed=True))
        else:
            place = _DEMONYM.get(form) or _PLACE[form]
            cands.append(Cand(pos, pos + len(form), "LOC", norm(place), place, 2, fixed=True))
    return cands


def _at(text: str, pos: int, form: str) -> bool:
    """Whether ``form`` occurs at ``pos`` as whole words."""
    end = pos + len(form)
    return text.startswith(form, pos) and not (end < len(text) and text[end].isalnum())


def _acronym_candidates(text: str, accepted: list[Cand], link: _Links) -> list[Cand]:
    """Acronyms in parentheses after a name: "Federal Penitentiary Service (FSIN)" (layer 3).

    An acronym another layer already found is linked to the name instead.
    """
    by_end = {c.end: c for c in accepted if c.type in {"ORG", "FAC", "LOC"}}
    by_start = {c.start: c for c in accepted}
    cands = []
    for match in _ACRONYM.finditer(text):
        before = text[: match.start()].rstrip()
        owner = by_end.get(len(before))
        if owner is None or owner.name[:1].upper() != match.group(1)[0]:
            continue  # "KYIV, Ukraine (AP)" is a credit line, not Ukraine's acronym
        found = by_start.get(match.start(1))
        if found is not None and found.end == match.end(1):
            link.union(found.key, owner.key)
        else:
            cands.append(Cand(match.start(1), match.end(1), owner.type, owner.key, owner.name, 3))
    return cands


def _resolve(cands: list[Cand], accepted: list[Cand]) -> list[Cand]:
    """Add candidates in layer order; an overlap keeps the earlier, except proper nesting.

    Nesting candidates (groups, located facilities) may contain plain mentions and plain
    mentions may sit inside them; any other overlap drops the weaker candidate.
    """
    out = list(accepted)
    for cand in sorted(cands, key=lambda c: (c.layer, c.start - c.end, c.start)):
        ok, shorter = True, []
        for other in out:
            if cand.start >= other.end or other.start >= cand.end:
                continue
            inside = other.start <= cand.start and cand.end <= other.end
            around = cand.start <= other.start and other.end <= cand.end
            if (other.nest and inside and not cand.nest) or (cand.nest and around):
                continue
            if around and _outranks(cand, other):
                shorter.append(other)
                continue
            ok = False
            break
        if ok:
            if shorter:
                out = [c for c in out if all(c is not o for o in shorter)]
            out.append(cand)
    return out


def _outranks(cand: Cand, other: Cand) -> bool:
    """Whether a longer lexicon or repeated name replaces a part spaCy found inside it.

    "Doctors Without Borders" (lexicon) beats spaCy's "Borders"; a later "Sever Media"
    (a name seen in full earlier) beats spaCy's "Media" where the model missed "Sever".
    """
    longer = (cand.end - cand.start) > (other.end - other.start)
    return longer and not other.fixed and not other.nest and (cand.fixed or cand.layer == 5)


class _Links:
    """Union-find over merge keys: two keys in one set name one entity."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        while self.parent.get(key, key) != key:
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb


def _link_people(cands: list[Cand], link: _Links, body_start: int) -> None:
    """Surname-only (or first-name-only) mentions join the one person named in full.

    Full names come from the body only: a Title Case headline's "Biden Wins" is no name.
    """
    full: dict[str, set[str]] = {}
    for cand in cands:
        words = cand.name.split()
        if cand.type == "PER" and len(words) > 1 and cand.start >= body_start:
            cand.key = norm(f"{words[0]} {words[-1]}")  # "Vladimir V. Putin" = "Vladimir Putin"
            for word in (words[0], words[-1]):
                full.setdefault(word, set()).add(cand.key)
    for cand in cands:
        owners = full.get(cand.name, set())
        if " " not in cand.name and len(owners) == 1 and not cand.fixed:
            cand.type = "PER"
            link.union(cand.key, next(iter(owners)))


def _link_acronyms(cands: list[Cand], link: _Links) -> None:
    """An all-caps ORG equal to another ORG's initials ("IAEA") names the same entity."""
    initials: dict[str, str] = {}
    for cand in cands:
        words = cand.name.split()
        if cand.type == "ORG" and len(words) > 1:
            letters = "".join(w[0] for w in words if w.lower() not in _INITIAL_SKIP)
            if letters.isupper():
                initials.setdefault(letters, cand.key)
    for cand in cands:
        acronym = cand.name.replace(".", "")
        if cand.type == "ORG" and acronym.isupper() and acronym in initials:
            link.union(cand.key, initials[acronym])


def _drop_unconfirmed_headline(cands: list[Cand], link: _Links, headline_end: int) -> list[Cand]:
    """In a Title Case headline keep only lexicon hits and names the body confirms."""
    body_roots = {link.find(c.key) for c in cands if c.start >= headline_end}
    return [
        c
        for c in cands
        if c.start >= headline_end or c.fixed or c.nest or link.find(c.key) in body_roots
    ]


def _propagate(parts: _Parts, cands: list[Cand], link: _Links) -> list[Cand]:
    """Later bare mentions of names already found: "Warnock's campaign", "Putin" in a headline."""
    doc = parts.doc
    forms: dict[str, Cand] = {}
    for cand in cands:
        if cand.type == "GROUP" or cand.nest or cand.layer > 3:
            continue
        text = parts.text[cand.start : cand.end]
        if sum(c.isupper() for c in text) and len(text) > 2:
            forms.setdefault(text, cand)
        words = cand.name.split()
        if cand.type == "PER" and len(words) > 1 and len(words[-1]) > 2:
            forms.setdefault(words[-1], cand)
    if not forms:
        return []
    pattern = re.compile(
        r"(?<![\w'’#@])(?:"
        + "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
        + r")(?![\w])"
    )
    out = []
    for match in pattern.finditer(parts.text):
        span = doc.char_span(match.start(), match.end())
        if span is None:
            continue
        in_headline = match.start() < parts.headline_end and parts.title_case
        if len(span) == 1 and not in_headline:
            after = doc[span.end] if span.end < len(doc) else None
            if span[0].is_sent_start and span[0].pos_ != "PROPN":
                continue  # a capitalised word that only looks like the name
            if after is not None and after.is_title and after.pos_ == "PROPN":
                continue  # part of another name: "Apple" in "Apple Daily"
        src = forms[match.group()]
        out.append(
            Cand(match.start(), match.end(), src.type, src.key, src.name, 5, fixed=src.fixed)
        )
    return out


def _build(text: str, cands: list[Cand], link: _Links) -> tuple[list[EntityMention], list[Entity]]:
    """Group candidates into entities; pick each entity's type and canonical name."""
    cands = sorted(cands, key=lambda c: (c.start, c.start - c.end))
    members: dict[str, list[Cand]] = {}
    for cand in cands:
        members.setdefault(link.find(cand.key), []).append(cand)
    ids: dict[str, str] = {}
    entities = []
    for root, group in members.items():  # dicts keep insertion order: first mention first
        ids[root] = f"E{len(ids) + 1}"
        fixed = [c for c in group if c.fixed]
        votes = Counter(c.type for c in (fixed or group))
        etype = max(votes, key=lambda t: (votes[t], -[c.type for c in group].index(t)))
        if fixed and etype != "ORG":
            name = fixed[0].name
        elif etype in {"PER", "ORG"}:  # the full form: "World Health Organization", not "WHO"
            name = max(
                (c.name for c in group),  # most words, a person not in capitals, longest
                key=lambda n: (len(n.split()), etype == "ORG" or not n.isupper(), len(n)),
            )
        else:
            name = group[0].name
        entities.append(Entity(ids[root], name, etype))
    types = {e.id: e.type for e in entities}
    mentions = [
        EntityMention(
            start=c.start,
            end=c.end,
            text=text[c.start : c.end],
            type=types[ids[link.find(c.key)]],
            entity=ids[link.find(c.key)],
        )
        for c in cands
    ]
    return mentions, entities
