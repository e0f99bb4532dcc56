"""The dependency parse as plain records: sentences, paragraphs, clauses and their slots.

Why not keep spaCy Docs: assembly is a pure function over typed records (DESIGN §2), the
extract stage drops each Doc as soon as its chunk is read (memory stays bounded), and tests
can build a parse by hand. :class:`Parse` answers the few questions assembly asks: which
clause a word belongs to, who its grammatical subject and object are, what span a phrase
covers.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from functools import cached_property

from storyline.model import Token

#: Child clauses that are separate statements: their words belong to their own clause,
#: not to the verb they hang from ("officials said [that 40 inmates enlisted]").
SEPARATE_CLAUSES = frozenset({"ccomp", "parataxis", "csubj"})
#: Child clauses that modify the event (purpose, time, condition): searched after the main
#: clause, so "released women ... to join the fighting in Ukraine" does not place the
#: release in Ukraine when the main clause names a place.
SUBORDINATE = frozenset({"advcl", "xcomp", "relcl", "acl", "conj"})
#: Dependents left out of a phrase's span (a relative clause or an apposition is a
#: different statement about the phrase, not part of its name).
PHRASE_CUT = frozenset({"relcl", "acl", "appos", "punct", "advcl", "cc", "conj", "parataxis"})
PRONOUNS = frozenset(
    {
        "they",
        "them",
        "their",
        "he",
        "him",
        "his",
        "she",
        "her",
        "it",
        "its",
        "we",
        "us",
        "our",
        "those",
        "these",
        "who",
    }
)
_VERBAL = frozenset({"VERB", "AUX"})


class Parse:
    """Navigation over one chunk's tokens (indices are positions in ``tokens``)."""

    def __init__(self, tokens: Sequence[Token], text: str) -> None:
        self.tokens = tokens
        self.text = text
        self.children: list[list[int]] = [[] for _ in tokens]
        for index, token in enumerate(tokens):
            if token.head != index and 0 <= token.head < len(tokens):
                self.children[token.head].append(index)
        self.sentences: list[tuple[int, int]] = []  # (first, last) token index per sentence
        for index, token in enumerate(tokens):
            if not self.sentences or token.sent != tokens[self.sentences[-1][0]].sent:
                self.sentences.append((index, index))
            else:
                self.sentences[-1] = (self.sentences[-1][0], index)
        self._sentence_of = [0] * len(tokens)
        for number, (first, last) in enumerate(self.sentences):
            for index in range(first, last + 1):
                self._sentence_of[index] = number

    @cached_property
    def starts(self) -> list[int]:
        """Each token's start offset, in order (for bisecting a character offset)."""
        return [t.start for t in self.tokens]

    # ------------------------------------------------------------------ sentences, paragraphs

    def sentence_of(self, index: int) -> int:
        """Number of the sentence holding token ``index``."""
        return self._sentence_of[index]

    def sentence_span(self, number: int) -> tuple[int, int]:
        """Character span of sentence ``number``."""
        first, last = self.sentences[number]
        return self.tokens[first].start, self.tokens[last].end

    @cached_property
    def _paragraph_breaks(self) -> list[int]:
        breaks, at = [], self.text.find("\n\n")
        while at != -1:
            breaks.append(at)
            at = self.text.find("\n\n", at + 2)
        return breaks

    def paragraph_of_sentence(self, number: int) -> int:
        """Paragraph number (blank-line separated) of sentence ``number``."""
        return bisect.bisect_right(self._paragraph_breaks, self.sentence_span(number)[0])

    # ---------------------------------------------------------------------------- clauses

    def clause_key(self, index: int) -> int:
        """The verb an event is counted under: "began *touring*", "applied to *enlist*" and
        "survived and *were discharged*" count under the first verb, so one statement gives
        one event per type."""
        verb = self.governing_verb(index)
        seen = set()
        while self.tokens[verb].dep in {"xcomp", "conj"} and verb not in seen:
            seen.add(verb)
            head = self.tokens[verb].head
            if head == verb:
                break
            verb = head
        return verb

    def governing_verb(self, index: int) -> int:
        """The verb whose clause holds token ``index`` (itself for a verb)."""
        seen = set()
        current = index
        while self.tokens[current].pos not in _VERBAL and current not in seen:
            seen.add(current)
            head = self.tokens[current].head
            if head == current or not 0 <= head < len(self.tokens):
                return index
            current = head
        return current

    def subtree(self, index: int, cut: frozenset[str] = frozenset()) -> list[int]:
        """Token indices under ``index`` (itself included), not descending into ``cut``."""
        found, stack = [], [index]
        while stack:
            current = stack.pop()
            found.append(current)
            stack += [c for c in self.children[current] if self.tokens[c].dep not in cut]
        return sorted(found)

    def clause(self, verb: int) -> tuple[list[int], list[int]]:
        """The main clause of ``verb`` and its subordinate parts, as token index lists."""
        main = self.subtree(verb, SEPARATE_CLAUSES | SUBORDINATE)
        whole = self.subtree(verb, SEPARATE_CLAUSES)
        inner = set(main)
        return main, [i for i in whole if i not in inner]

    def purpose_clauses(self, first: int, last: int) -> set[int]:
        """Tokens of infinitive clauses of purpose ("to join the fighting in Ukraine")."""
        found: set[int] = set()
        for index in range(first, last + 1):
            token = self.tokens[index]
            if token.dep not in {"advcl", "xcomp", "acl"} or token.pos not in _VERBAL:
                continue
            if any(
                self.tokens[c].lemma == "to" and self.tokens[c].dep == "aux"
                for c in self.children[index]
            ):
                found.update(self.subtree(index))
        return found

    # ------------------------------------------------------------------------------ slots

    def child(self, index: int, *deps: str) -> int | None:
        """The first child of ``index`` with one of ``deps``."""
        for dep in deps:
            for c in self.children[index]:
                if self.tokens[c].dep == dep:
                    return c
        return None

    def is_passive(self, verb: int) -> bool:
        """True for "were offered", "was killed" (a passive subject or auxiliary)."""
        return any(self.tokens[c].dep in {"nsubjpass", "auxpass"} for c in self.children[verb])

    def subject(self, verb: int) -> int | None:
        """The active grammatical subject; shared with the governing verb for "began touring",
        "arrived and signed" (whose own subject slot is empty)."""
        seen = set()
        while verb not in seen:
            seen.add(verb)
            found = self.child(verb, "nsubj", "csubj")
            if found is not None:
                return found
            token = self.tokens[verb]
            infinitive = any(self.tokens[c].lemma == "to" for c in self.children[verb])
            if token.dep == "acl" and not self.is_passive(verb) and not infinitive:
                return token.head  # "the inmates *signed up*" misread as a modifier
            if token.dep not in {"xcomp", "conj"} or token.head == verb:
                return None
            verb = token.head
            if self.tokens[verb].pos in _VERBAL and self.is_passive(verb):
                return self.child(verb, "nsubjpass")
        return None

    def relative_antecedent(self, verb: int) -> int | None:
        """The noun a relative clause hangs from ("Some *who* survived … and were
        discharged" → "Some"), following coordinated verbs back to the relative clause."""
        seen = set()
        while verb not in seen:
            seen.add(verb)
            token = self.tokens[verb]
            if token.dep == "relcl":
                return token.head
            if token.dep != "conj" or token.head == verb:
                return None
            verb = token.head
        return None

    def object(self, trigger: int, verb: int) -> int | None:
        """Who the event happens to: indirect object ("offered *inmates* contracts"), passive
        subject, direct object, or the "of" phrase of an event noun ("release *of women*")."""
        if trigger != verb and self.tokens[trigger].pos not in _VERBAL:
            prep = self.child(trigger, "prep")
            if prep is not None and self.tokens[prep].lemma == "of":
                return self.child(prep, "pobj")
            return self.child(trigger, "poss")
        found = self.child(verb, "dative", "nsubjpass", "dobj")
        if found is None and self.tokens[verb].dep == "conj" and self.is_passive(verb):
            head = self.tokens[verb].head  # "who survived and *were discharged*"
            if head != verb:
                found = self.child(head, "nsubjpass", "nsubj")
        return found

    def by_phrase(self, verb: int) -> int | None:
        """The agent of a passive ("killed *by a drone*")."""
        agent = self.child(verb, "agent")
        if agent is None:  # an event noun: "deaths *by* shelling"
            agent = next((c for c in self.children[verb] if self.tokens[c].lemma == "by"), None)
        return self.child(agent, "pobj") if agent is not None else None

    def phrase(self, index: int, limit: int = 12) -> tuple[int, int]:
        """Character span of the noun phrase headed by ``index`` (relative clauses cut)."""
        words = self.subtree(index, PHRASE_CUT)
        if len(words) > limit:
            words = [i for i in words if i <= index]
        contiguous = [i for i in words if abs(i - index) <= limit]
        first, last = min(contiguous), max(contiguous)
        return self.tokens[first].start, self.tokens[last].end
