"""Who an attribution cites: the source noun phrase, its antecedent, and anonymity.

Why a module of its own: finding the source is its own set of rules over the parse, apart
from finding the cue (:mod:`.sources`) and the claim (:mod:`.source_claims`). The source of
a cue verb is its subject or passive agent, else a subject inherited from the verb it
depends on ("…, saying"), else a noun the parser left after or before the verb ("…, said
X"); relative pronouns give way to their antecedents ("Ms. Warren, who said" → "Ms.
Warren"). The phrase is the head's subtree less relative clauses (and, for the attribution
span, less appositions and time phrases); whether it names someone is
:mod:`.source_anonymity`.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Token

from storyline.extract import attribution_lexicon as lex
from storyline.extract.source_context import Context

_RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
NAMED_ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "FAC", "LOC", "PRODUCT", "WORK_OF_ART"})
#: Dependents that take their subject from their head verb ("… and said", "…, saying").
_INHERITS = frozenset({"conj", "advcl", "xcomp"})


def _subject_on_auxiliary(tok: Token) -> list[Token]:
    """A subject the parser hung on the verb's auxiliary: in "Tanzania's government has for
    the first time formally confirmed …" it reads "government" as the subject of "has"."""
    return [
        c
        for aux in tok.children
        if aux.dep_ == "aux" and aux.i < tok.i and aux.tag_ != "MD"  # not "will … announce"
        for c in aux.children
        if c.dep_ == "nsubj"
    ]


def verb_source(tok: Token, ctx: Context) -> tuple[Token | None, bool]:
    """Return (source head, direct) for a cue verb.

    ``direct`` is true when the source is the verb's own subject (or passive agent), so
    the attribution phrase can span cue and source together. A subject inside a quotation
    that does not contain the verb, or in another paragraph, is a parse error and is
    skipped.
    """
    inside = parenthetical_speaker(tok)
    if inside is not None and usable(inside, tok, ctx):
        return resolve(inside), True  # "The contrast, said Doyle, would be clear"
    subjects = [c for c in tok.children if c.dep_ == "nsubj"] or _subject_on_auxiliary(tok)
    doc = tok.doc
    if len(subjects) > 1 and any(t.text in _DASHES for t in doc[subjects[0].i : subjects[1].i]):
        subjects = subjects[1:]  # "LONDON (Reuters) - Donald Trump said": a dateline first
    for child in subjects:
        if usable(child, tok, ctx):
            if child.pos_ in ("VERB", "AUX"):
                return None, False  # a gerund subject ("Cross-referencing …") is no source
            return resolve(child), True
    if not subjects and not any(c.dep_ == "nsubjpass" for c in tok.children):
        stray = next(
            (
                c
                for c in tok.children
                if c.dep_ == "compound" and c.i < tok.i and c.pos_ in ("NOUN", "PROPN")
            ),
            None,
        )
        if stray is not None and is_speaker(stray) and usable(stray, tok, ctx):
            return resolve(stray), True  # "…, the agency reports.": a subject read as a compound
    agent = passive_agent(tok)
    if agent is not None and usable(agent, tok, ctx):
        return resolve(agent), True
    passive_subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if passive_subj is not None and _quoted_as_saying(tok) and usable(passive_subj, tok, ctx):
        return resolve(passive_subj), True  # "she was quoted as saying"
    document = stated_in(tok)
    if document is not None and usable(document, tok, ctx):
        return document, True  # "as stated in the investigation"
    if passive_subj is not None:
        return None, False  # "it was reported that …", "inmates were told …"
    if any(c.dep_ == "auxpass" for c in tok.children):
        return None, False  # "… and is said to live with his mother": a passive names no one
    head = tok.head
    if (
        tok.dep_ == "advcl"
        and tok.tag_ == "VBG"
        and head.dep_ == "ccomp"
        and head.head.i != head.i
        and head.head.lemma_.lower() in lex.SPEECH_VERBS
    ):  # "He noted that X had …, adding that …": the parser hung "adding" on X's verb
        subj = _clause_subject(head.head, ctx)
        if subj is not None and usable(subj, tok, ctx):
            return subj, False
    if head.i != tok.i and head.pos_ in ("VERB", "AUX") and tok.dep_ in _INHERITS:
        if tok.dep_ == "xcomp":  # object control: "urged voters to …", "led her to declare"
            obj = next((c for c in head.children if c.dep_ == "dobj"), None)
            if obj is not None and obj.i < tok.i and usable(obj, tok, ctx):
                return resolve(obj), False
        subj = _clause_subject(head, ctx)
        if subj is None or not is_speaker(subj):
            # "announced plans to withdraw, complaining …": "plans" speak for no one;
            # the speaker is the subject further up
            subj = _speaker_above(head, ctx) or subj
        if subj is not None and usable(subj, tok, ctx):
            return subj, False  # "Trump attacked Clinton, saying …"
    if (
        tok.dep_ in ("acl", "relcl")
        and tok.tag_ in ("VBG", "VBN")
        and head.pos_ in ("NOUN", "PROPN", "PRON")
    ):
        if is_speaker(head) or head.head.i == head.i or head.head.pos_ not in ("VERB", "AUX"):
            return resolve(head), False  # "a statement saying …"
        # "announced plans to withdraw, complaining …": the plans complain of nothing;
        # the one who announced them does
        subj = _clause_subject(head.head, ctx)
        if subj is not None and usable(subj, tok, ctx):
            return subj, False
        return resolve(head), False
    found = _inverted_object(tok, ctx) or _left_noun(tok, ctx)
    if found is None:
        subj = _gerund_subject(tok, ctx)
        if subj is not None:
            return subj, False  # "After announcing …, Rubio …"
    return found, found is not None


def parenthetical_speaker(tok: Token) -> Token | None:
    """The speaker of a cue set inside the clause it reports: "The contrast, said Doyle and
    others, would be clear", which the parser reads as "contrast said" with "Doyle … would
    be clear" as the reported clause. The cue follows a comma and the noun phrase right
    after it is closed by another comma before the rest of that clause."""
    doc = tok.doc
    if tok.i == 0 or doc[tok.i - 1].text != ",":
        return None
    if not any(c.dep_ == "nsubj" and c.i < tok.i for c in tok.children):
        return None
    for clause in tok.children:
        if clause.dep_ != "ccomp" or clause.i <= tok.i:
            continue
        subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.left_edge.i != tok.i + 1 or not is_speaker(subj):
            return None
        after = max(t.i for t in subj.subtree if not t.is_punct) + 1
        if after < clause.i and doc[after].text == ",":
            return subj
    return None


#: Prepositions whose gerund takes the subject of the clause it opens ("After announcing
#: …, Rubio", "In addition to stating …, Clinton", "upon saying …").
_GERUND_PREPOSITIONS = frozenset(
    {"after", "before", "since", "upon", "on", "in", "to", "by", "while", "when"}
)


def _gerund_subject(tok: Token, ctx: Context) -> Token | None:
    """The speaker of a cue gerund in a prepositional phrase: the subject of the nearest
    verb above the phrase ("After suggesting that …, Mr. Rubio only occasionally …")."""
    if tok.tag_ != "VBG" or tok.dep_ != "pcomp" or tok.head.lower_ not in _GERUND_PREPOSITIONS:
        return None
    for anc in list(tok.ancestors)[:5]:
        if anc.pos_ in ("VERB", "AUX"):
            subj = _clause_subject(anc, ctx)
            if subj is not None and is_speaker(subj) and usable(subj, tok, ctx):
                return subj
            return None
    return None


def _speaker_above(tok: Token, ctx: Context) -> Token | None:
    """The nearest subject above ``tok`` (at most three steps up) that can speak."""
    for anc in list(tok.ancestors)[:3]:
        if anc.pos_ in ("VERB", "AUX"):
            subj = _clause_subject(anc, ctx)
            if subj is not None and is_speaker(subj):
                return subj
    return None


def passive_agent(tok: Token) -> Token | None:
    """The agent of a passive cue ("was confirmed *by inmates*"), also when the parser hung
    "by" on a noun in between ("was stated in an interview with the BBC *by the minister*").
    """
    for child in tok.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if tok.tag_ != "VBN":
        return None
    for t in tok.subtree:
        if t.i > tok.i and t.lower_ == "by" and t.dep_ == "prep" and t.head.i != tok.i:
            obj = next((c for c in t.children if c.dep_ == "pobj"), None)
            if obj is not None and is_speaker(obj) and obj.pos_ != "PRON":
                return obj
    return None


def stated_in(tok: Token) -> Token | None:
    """The document of a passive cue with no agent: "as stated in the investigation", "it
    was reported in the statement that …"."""
    if tok.tag_ != "VBN" or any(c.dep_ in ("nsubj", "agent") for c in tok.children):
        return None
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "in" and child.i > tok.i:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and (is_document(obj) or _is_body(obj)):
                return obj  # "as stated in the report", "reported in the press service"
    return None


def _is_body(tok: Token) -> bool:
    """An organisation by name or by a definite common noun ("the press service")."""
    return tok.ent_type_ == "ORG" or (
        tok.lemma_.lower() in lex.ORG_NOUNS
        and any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in tok.children)
    )


def _quoted_as_saying(tok: Token) -> bool:
    """'X was quoted as saying', 'X was quoted telling Y': the passive subject is the
    speaker, not the addressee."""
    return tok.lemma_.lower() == "quote" and any(
        (c.dep_ == "prep" and c.lower_ == "as" and any(g.tag_ == "VBG" for g in c.children))
        or (c.tag_ == "VBG" and c.lemma_.lower() in lex.SPEECH_VERBS)  # "quoted telling"
        for c in tok.children
    )


def _clause_subject(verb: Token, ctx: Context, depth: int = 0) -> Token | None:
    """The subject of a clause (active or passive), inherited through conjunctions."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and not _quoted_apart(child, verb, ctx):
            return resolve(child)
    head = verb.head
    if depth < 4 and head.i != verb.i and head.pos_ in ("VERB", "AUX") and verb.dep_ in _INHERITS:
        return _clause_subject(head, ctx, depth + 1)
    return None


def usable(cand: Token, verb: Token, ctx: Context) -> bool:
    """A source candidate must share the verb's paragraph and not sit in another quotation."""
    return ctx.paragraph(cand.idx) == ctx.paragraph(verb.idx) and not _quoted_apart(cand, verb, ctx)


def _quoted_apart(tok: Token, verb: Token, ctx: Context) -> bool:
    """True when ``tok`` lies inside a quotation that does not contain ``verb``."""
    i = bisect.bisect_right(ctx.quotes, (tok.idx, len(ctx.text))) - 1
    if i < 0:
        return False
    q_start, q_end = ctx.quotes[i]
    return q_start <= tok.idx < q_end and not q_start <= verb.idx < q_end


def _inverted_object(tok: Token, ctx: Context) -> Token | None:
    """'…, said X.' when the parser did not make X the subject: a noun right after the verb."""
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if prev is None or prev.text not in {",", "”", '"', "''", "—"}:
        return None
    for child in tok.rights:
        if (
            child.pos_ in ("NOUN", "PROPN")
            and child.ent_type_ not in ("DATE", "TIME")
            and child.dep_ not in ("ccomp", "pobj")
            and usable(child, tok, ctx)
        ):
            return child
        break
    return None


def _left_noun(tok: Token, ctx: Context) -> Token | None:
    """'X, the minority leader, said …' when the parser attached X elsewhere.

    The noun phrase that ends right before the verb (across one comma) is taken as the
    subject; it is climbed through appositions, compounds and the "of"/"to" phrases of a
    role to its head ("the founder of Wagner, Yevgeny Prigozhin, said" → "founder";
    "Mykhailo Podolyak, an advisor to Andriy Yermak, said" → "Podolyak"), but not past a
    verb before it: that is another clause.
    """
    doc = tok.doc
    i = tok.i - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    if i < 0 or doc[i].pos_ not in ("NOUN", "PROPN"):
        return None
    floor = i
    while floor >= doc[i].sent.start and doc[floor].pos_ not in ("VERB", "AUX"):
        floor -= 1
    cand = doc[i]
    while True:
        head = cand.head
        if cand.dep_ in ("appos", "compound", "flat") and head.pos_ in ("NOUN", "PROPN"):
            nxt = head
        elif (
            cand.dep_ == "pobj"
            and head.dep_ == "prep"
            and head.head.pos_ in ("NOUN", "PROPN")
            and head.head.i < cand.i
        ):
            nxt = head.head
        else:
            break
        if nxt.i <= floor or (cand.dep_ == "appos" and not _is_person_like(nxt)):
            break  # "…group against Ukraine, the founder of Wagner": not the group
        cand = nxt
    if cand.i >= tok.i or cand.head.i == tok.i or not _is_person_like(cand):
        return None
    return cand if usable(cand, tok, ctx) else None


def resolve(tok: Token) -> Token:
    """Replace a relative pronoun by its antecedent ('Warren, who said' → 'Warren')."""
    if tok.lower_ in _RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
        return tok.head.head
    return tok


def np_tokens(head: Token, cue: int, core: bool = False) -> list[Token]:
    """The source phrase: the head's subtree without relative clauses, clauses set off
    after it ("…, referring to …"), a leading focus adverb ("even", "but"), anything on
    the far side of the cue token ``cue`` (a misparse that hung words after "said" on a
    preceding subject) and anything past a paragraph break (a parse that ran across
    paragraphs). ``core`` also drops appositions and time phrases ("said Claire Martin,
    his lawyer" → "Claire Martin"; "a survey by the IRC in June" → "a survey by the IRC"),
    the extent of the attribution span in the gold conventions."""
    drop: set[int] = set()
    for t in head.subtree:  # a relative clause on a noun inside the phrase ("the lawyer of
        if t.dep_ == "relcl" and t.head.i > head.i:  # the officer, who was jailed")
            drop.update(u.i for u in t.subtree)
    for child in head.children:
        if (
            child.dep_ in ("relcl", "advcl")
            or (child.dep_ == "acl" and child.i > head.i and child.tag_ in ("VBN", "VBG"))
            or (core and child.i > head.i and (child.dep_ == "appos" or is_time(child)))
            # "According to the Courier, 312 of the owners …": a count is the claim's
            # subject the parser hung on the source of a preposition, not a description
            # of it (an age, "Suu Kyi, 70,", or "X, one of the signatories," describes)
            or (
                child.dep_ == "appos"
                and child.i > head.i
                and head.dep_ == "pobj"
                and child.left_edge.like_num
                and any(t.lower_ == "of" for t in child.subtree)
            )
        ):
            drop.update(t.i for t in child.subtree)
    if core:  # the time phrase of a post-modifier: "a survey by the IRC in June"
        for t in head.subtree:
            if t.i > head.i and t.i not in drop and t.dep_ == "prep" and is_time(t):
                drop.update(u.i for u in t.subtree)
    for t in head.subtree:  # "said Senator X in an interview": where, not who
        if t.i > head.i and t.dep_ == "prep" and t.lower_ in lex.OCCASION_PREPOSITIONS:
            obj = next((c for c in t.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() in lex.SPEECH_OCCASION_NOUNS:
                drop.update(u.i for u in t.subtree)
    toks = [t for t in head.subtree if t.i not in drop and (t.i < cue) == (head.i < cue)]
    toks = _after_dateline(toks, head)
    toks = _before_clause(toks, head)
    while (
        toks
        and toks[0].i != head.i
        and (
            toks[0].dep_ in ("advmod", "cc", "preconj")
            or (toks[0].dep_ == "compound" and toks[0].ent_type_ in ("DATE", "TIME"))
        )
    ):
        toks.pop(0)  # "In January Mykhailo Podolyak": the month the parser compounded
    doc = head.doc
    for k, t in enumerate(toks):
        if t.i > head.i and (t.is_space or "\n" in doc[t.i - 1].whitespace_):
            return toks[:k]
    return toks


_DASHES = frozenset({"-", "—", "–", "--"})


def _after_dateline(toks: list[Token], head: Token) -> list[Token]:
    """Drop a dateline the parser joined to the subject: "LONDON (Reuters) - Donald Trump",
    "RENO, Nev. (AP) — the candidate". A dash before the head ends a dateline when the
    words before it hold an agency in parentheses or a place in capitals."""
    dash = max(  # set off by spaces: "NBC-Wall Street Journal poll" is a name
        (
            k
            for k, t in enumerate(toks)
            if t.i < head.i
            and t.text in _DASHES
            and t.whitespace_
            and k
            and toks[k - 1].whitespace_
        ),
        default=-1,
    )
    if dash < 0:
        return toks
    before = toks[:dash]
    credit = any(t.text == ")" for t in before) or any(
        t.is_alpha and t.is_upper and len(t.text) > 1 for t in before
    )
    return toks[dash + 1 :] if credit else toks


def _before_clause(toks: list[Token], head: Token) -> list[Token]:
    """Cut the phrase at a comma that a finite verb follows: "According to the Associated
    Press, 571 of the 714 delegates supported Clinton" parsed with the clause under "Press"
    is the source and then the claim, not one long source."""
    for k, t in enumerate(toks):
        if t.i > head.i and t.text == ",":
            if any(u.tag_ in ("VBD", "VBZ", "VBP") for u in toks[k + 1 :]):
                return toks[:k]
            return toks
    return toks


def is_time(tok: Token) -> bool:
    """A time phrase: a DATE/TIME entity, or a preposition whose object is one."""
    if tok.ent_type_ in ("DATE", "TIME"):
        return True
    return tok.dep_ == "prep" and any(
        c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in tok.children
    )


def is_document(tok: Token) -> bool:
    """A text or data set that states findings ("the audit", "polls", "official data")."""
    low = tok.lower_
    return (
        tok.lemma_.lower() in lex.DOCUMENT_NOUNS
        or low in lex.DOCUMENT_NOUNS
        or (low.endswith("s") and low[:-1] in lex.DOCUMENT_NOUNS)  # "Reports" tagged PROPN
    )


def is_speaker(tok: Token) -> bool:
    """Someone or something that can put forward a claim: a person, a group, an
    organisation, a named entity, a pronoun or a document."""
    lemma = tok.lemma_.lower()
    return (
        tok.pos_ in ("PRON", "PROPN")
        or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        or lemma in lex.PERSON_NOUNS
        or lemma in lex.ORG_NOUNS
        or is_document(tok)
        or is_known_surname(tok)
    )


def is_known_surname(tok: Token) -> bool:
    """A capitalised word that ends a person's name given earlier in the report: "Sambulika
    said" after "His mother Luoida Sambulika said" (the tagger, not knowing the word, may
    call it a common noun and no person)."""
    if not tok.is_title or tok.ent_type_:
        return False
    return any(
        ent.label_ == "PERSON" and ent.end <= tok.i and ent[-1].text == tok.text
        for ent in tok.doc.ents
    )


def _is_person_like(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    return (
        tok.ent_type_ in ("PERSON", "ORG", "NORP")
        or lemma in lex.PERSON_NOUNS
        or lemma in lex.LEADER_NOUNS  # "founder", "co-founder"
        or lemma in lex.UNIQUE_TITLES
    )
