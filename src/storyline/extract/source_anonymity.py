"""Whether a source names someone a reader can identify: the anonymity rule.

Why a module of its own: deciding anonymity is its own set of rules over the source noun
phrase (its head noun, determiners, names in compound or apposition, possessors, the body
a spokesperson speaks for, a document's author) and over the document (pronouns and "the
spokesman" take the value of the source they point back to), apart from finding the
phrase (:mod:`.source_phrases`). The rule itself is stated in docs/eval.md ("Sources",
``anonymous``) and in the docstring of :mod:`.sources`.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from storyline.extract import attribution_lexicon as lex
from storyline.extract.source_context import Context
from storyline.extract.source_phrases import (
    NAMED_ENTITY_TYPES,
    is_document,
    is_known_surname,
    is_speaker,
    resolve,
)

_PLURAL_PRONOUNS = frozenset({"they", "them", "we"})
_SINGULAR_PRONOUNS = frozenset({"he", "she", "him", "her", "it"})


def is_anonymous(ctx: Context, head: Token | None, span: tuple[int, int] | None) -> bool:
    """Apply the anonymity rule in :mod:`.sources` (and remember it for pronouns)."""
    if head is None or span is None:
        return True
    low = head.lower_
    if low in _PLURAL_PRONOUNS or low in _SINGULAR_PRONOUNS:
        number = "plural" if low in _PLURAL_PRONOUNS else "singular"
        if number == "singular" and _named_person_since(ctx, head):
            return False
        return ctx.last_anon.get(number, False)
    s_start, s_end = ctx.sent_of[head.i]
    plural = head.tag_ in ("NNS", "NNPS") or _has_plural_number(head)
    key = (head.lemma_.lower(), plural)
    earlier = ctx.last_by_noun.get(key) if _bare_definite(head) else None
    # "The spokesman said" after "Cameron's spokesman said": the same person
    verdict = earlier if earlier is not None else _noun_anonymous(head)
    verdict = verdict or bool(lex.ANONYMITY_MARKERS.search(ctx.text, s_start, s_end))
    if head.pos_ != "PRON":
        number = "plural" if plural else "singular"
        ctx.last_anon[number] = verdict
        ctx.last_source_at[number] = head.i
        if head.pos_ == "NOUN" and head.lemma_.lower() in lex.PERSON_NOUNS:
            ctx.last_by_noun[key] = verdict
    return verdict


def _bare_definite(head: Token) -> bool:
    """ "the spokesman", "the officials": a common noun for people with "the" and nothing
    else on it, which points back to the last source of that noun in the document."""
    return (
        head.pos_ == "NOUN"
        and head.lemma_.lower() in lex.PERSON_NOUNS
        and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
        and all(c.dep_ in ("det", "punct") for c in head.children)
    )


#: How far back (in tokens) a pronoun looks for a named person it may stand for.
_COREF_WINDOW = 120


def _named_person_since(ctx: Context, pronoun: Token) -> bool:
    """True when a named person is the subject of a clause between the last singular
    source and the pronoun ("Kartseva wrote to the prosecutor. She says …"): the nearer
    antecedent is that person, not the earlier source."""
    doc = pronoun.doc
    stop = max(ctx.last_source_at.get("singular", -1), pronoun.i - _COREF_WINDOW)
    for i in range(pronoun.i - 1, stop, -1):
        tok = doc[i]
        if tok.ent_type_ == "PERSON" and tok.dep_ in ("nsubj", "nsubjpass"):
            return True
    return False


def _noun_anonymous(head: Token) -> bool:
    """Whether a source noun leaves the reader unable to tell who spoke; coordinated
    sources are anonymous when any part is ("the army and a rights group")."""
    if _head_anonymous(head):
        return True
    return any(
        c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") and _head_anonymous(c)
        for c in head.children
    )


def _head_anonymous(head: Token) -> bool:
    low, lemma = head.lower_, head.lemma_.lower()
    if low in lex.ANONYMOUS_PRONOUNS:
        return True
    if head.pos_ == "PRON":
        return False  # "I", "you", "this": speakers of quotations, not unnamed sources
    if any(c.lower_ in lex.ANONYMOUS_MODIFIERS for c in head.children):
        return True
    if head.ent_type_ == "NORP" and not _name_like(head):
        return True  # "Ukrainians said": members of a group, none named
    if head.pos_ == "NUM" and head.like_num:
        return True  # "five of the fighters", "two of them": counted, none named
    plural = head.tag_ in ("NNS", "NNPS") or _has_plural_number(head)
    if head.pos_ == "PROPN" and not head.ent_type_ and _capitalised_people_noun(head):
        singular = low[:-1] if low[:-1] in lex.PERSON_NOUNS else low
        plural, lemma = plural or singular != low, singular  # "Aides Say" (headline)
    if is_document(head):
        return _document_anonymous(head, lemma, plural)
    indefinite = any(
        (c.dep_ == "det" and c.lower_ in lex.INDEFINITE_DETERMINERS)
        or (c.dep_ == "nummod" and not _DOMAIN.fullmatch(c.text))
        or (c.dep_ == "amod" and c.lower_ in lex.INDEFINITE_DETERMINERS)
        for c in head.children
    )
    # "Clinton aides", "one Clinton aide", "U.S. officials": unnamed people whom a name only
    # places; a name in apposition ("a hopeful, Carly Fiorina") still names them
    placed_only = _plain_person_noun(lemma) and (plural or indefinite)
    if (
        _is_named(head)
        or _titled_name(head)
        or any(
            _is_named(c)
            and (
                c.dep_ == "appos"
                or (c.dep_ == "compound" and c.ent_type_ != "ORG" and not placed_only)
                or (c.dep_ == "nummod" and _DOMAIN.fullmatch(c.text) is not None)
            )
            for c in head.children
        )
    ):
        return False
    if lemma in lex.SPOKESPERSON_NOUNS and _speaks_for_known_body(head):
        return False
    definite = _identified(head)
    if lemma in lex.UNIQUE_TITLES:
        return not definite
    if lemma in lex.LEADER_NOUNS and not plural:
        # "the mercenary chief", "Wagner chief", "the head of the Wagner group"; but the
        # head of an unnamed body ("the head of a rights group") is as unnamed as it is
        if _of_unnamed_body(head):
            return True
        return indefinite or not (definite or _speaks_for_known_body(head))
    if lemma in lex.ONE_OF_MANY_NOUNS and not any(
        c.tag_ == "JJS" or c.lower_ in lex.SINGLING_OUT_MODIFIERS for c in head.children
    ):
        return True  # "Gorin's neighbour": one of many (not "her closest friend")
    if lemma in lex.PERSON_NOUNS:
        # "his lawyer", "Ivanov's lawyer": one person tied to someone the text names
        return plural or indefinite or not _possessed(head)
    if lemma in lex.ORG_NOUNS or lemma in lex.DOCUMENT_NOUNS:
        bare_plural = plural and lemma not in lex.OFFICIAL_COLLECTIVES and not definite
        if lemma in lex.MASS_BODY_NOUNS and not definite and not _of_a_country(head):
            return True  # "Western intelligence": whose, the reader cannot tell
        if (
            plural
            and not definite
            and not any(  # "Eastern Libyan authorities": one administration
                c.dep_ in ("amod", "compound", "nmod")
                and c.ent_type_ in ("NORP", "GPE")
                and c.lower_ not in lex.VAGUE_BODY_MODIFIERS
                for c in head.children
            )
            and any(
                c.dep_ == "amod" and c.lower_ in lex.VAGUE_BODY_MODIFIERS for c in head.children
            )
        ):
            return True  # "Western governments say": which ones, the reader cannot tell
        return indefinite or bare_plural
    return indefinite or head.tag_ == "NNS"


def _plain_person_noun(lemma: str) -> bool:
    """A noun for people that is no title, leader or spokesperson ("aide", "official")."""
    return (
        lemma in lex.PERSON_NOUNS
        and lemma not in lex.LEADER_NOUNS
        and lemma not in lex.SPOKESPERSON_NOUNS
        and lemma not in lex.UNIQUE_TITLES
    )


def _name_like(head: Token) -> bool:
    """A singular proper noun with no determiner that the tagger typed as a nationality
    ("Smbatyan added"): a surname, not a group ("Ukrainians", "a Ukrainian")."""
    return (
        head.tag_ == "NNP"
        and head.is_title
        and not any(c.dep_ == "det" for c in head.children)
        and not head.lower_.endswith(("ans", "ians", "ese", "ish"))
    )


def _document_anonymous(head: Token, lemma: str, plural: bool) -> bool:
    """Documents speak for themselves ("official results", "a survey by …"), and one with
    an author is as identifiable as its author ("a survey by the IRC", "the account told
    by an inmate"). Hearsay with no named author is unnamed: "reports said", "according to
    one report", a headline's "report says"; "the report said" points back to a known one."""
    author = _author(head)
    if author is not None:
        return _noun_anonymous(author)
    if lemma.endswith("s") and lemma[:-1] in lex.HEARSAY_NOUNS:
        lemma = lemma[:-1]  # "Reports" tagged as a proper noun keeps its plural
    if lemma not in lex.HEARSAY_NOUNS or _identified(head):
        return False
    if any(c.dep_ == "amod" and c.lower_ not in lex.HEARSAY_ADJECTIVES for c in head.children):
        return False  # "an internal report": some body's own document
    determiners = [c for c in head.children if c.dep_ in ("det", "nummod")]
    return (
        plural
        or not determiners
        or any(c.lower_ in lex.INDEFINITE_DETERMINERS for c in determiners)
    )


def _author(head: Token) -> Token | None:
    """Who wrote or told a document: the object of "by"/"from" on it ("a report by
    Amnesty"), or the agent of a participle on it ("the account told by an inmate")."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from") and child.i > head.i:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and is_speaker(obj) and not is_document(obj):
                return resolve(obj)
        if child.dep_ == "prep" and child.lower_ == "in" and child.i > head.i:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and (
                obj.ent_type_ in ("ORG", "WORK_OF_ART") or _DOMAIN.fullmatch(obj.text)
            ):
                return resolve(obj)  # "reports in The Guardian": the paper that ran them
        if (
            child.dep_ == "acl"
            and child.tag_ == "VBN"
            and (
                child.lemma_.lower() in lex.AUTHOR_VERBS or child.lemma_.lower() in lex.SPEECH_VERBS
            )
        ):  # "given by a guard", not "court records reviewed by reporters"
            agent = next((c for c in child.children if c.dep_ == "agent"), None)
            obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            if obj is not None and is_speaker(obj):
                return resolve(obj)
    return None


def _of_unnamed_body(head: Token) -> bool:
    """The body in "the head of *a rights group*": an indefinite, unnamed organisation."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            body = next((c for c in child.children if c.dep_ == "pobj"), None)
            if body is None or any(_is_named(t) for t in body.subtree):
                continue
            if any(
                c.dep_ == "det" and c.lower_ in lex.INDEFINITE_DETERMINERS for c in body.children
            ):
                return True
    return False


def _of_a_country(head: Token) -> bool:
    """A nationality or country on the noun ("Ukrainian intelligence", "US intelligence")."""
    return any(
        c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ in ("NORP", "GPE")
        for c in head.children
    )


def _identified(head: Token) -> bool:
    """A definite or possessive determiner ("the ministry", "its report"), or a name
    compounded onto the noun ("Wagner chief", "Interfax reports")."""
    return any(
        (c.dep_ in ("det", "poss") and c.lower_ not in lex.INDEFINITE_DETERMINERS)
        or _is_possessor(c)
        or (c.dep_ == "compound" and _is_named(c))
        for c in head.children
    )


def _is_possessor(tok: Token) -> bool:
    """A possessor, also one the parser labels ``nmod`` with its "'s" ("Ukraine's general
    staff" parsed as nmod + case in a longer document)."""
    return tok.dep_ == "poss" or (
        tok.dep_ == "nmod"
        and any(c.dep_ == "case" and c.lower_ in ("'s", "’s") for c in tok.children)
    )


def _possessed(head: Token) -> bool:
    """A possessor that is a pronoun or a name ("his lawyer", "Ivanov's wife"), or an
    "of" phrase naming a definite one ("the lawyer of the former officer")."""
    for c in head.children:
        if _is_possessor(c) and (c.pos_ == "PRON" or _is_named(c)):
            return True
        if (
            _is_possessor(c)
            and c.tag_ == "NN"
            and _definite(c)
            and c.lemma_.lower() in lex.PERSON_NOUNS
        ):
            return True  # "the victim's father", as "the father of the victim"
        if c.dep_ == "prep" and c.lower_ == "of" and _definite(head):
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is not None and (_is_named(obj) or (_definite(obj) and obj.tag_ == "NN")):
                return True
    return False


def _definite(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)


#: A web address used as a name ("the 76.RU media outlet", "Express.co.uk"); the parser
#: reads "76.RU" as a number.
_DOMAIN = re.compile(r"[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def _is_named(tok: Token) -> bool:
    """A name: an entity, a web address, or a capitalised proper noun (a lowercase "PROPN"
    such as "cellmate" is a tagging slip, nor is a capitalised common noun for people that
    no entity covers: "Aides say" opening a sentence)."""
    if tok.ent_type_ in NAMED_ENTITY_TYPES or _DOMAIN.fullmatch(tok.text):
        return True
    if is_known_surname(tok):
        return True  # "Sambulika said" after "Luoida Sambulika"
    return tok.pos_ == "PROPN" and not tok.is_lower and not _capitalised_people_noun(tok)


def _capitalised_people_noun(tok: Token) -> bool:
    """A capitalised plural or singular common noun for people ("Aides", "Officials")."""
    low = tok.lower_
    return low in lex.PERSON_NOUNS or (low.endswith("s") and low[:-1] in lex.PERSON_NOUNS)


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
        if _is_possessor(child) and (
            _is_named(child) or (child.lemma_.lower() in lex.ORG_NOUNS and _identified(child))
        ):
            return True  # "the ministry's spokesman", "Putin's spokesman"
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
