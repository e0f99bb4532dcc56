"""A faster stand-in for spaCy's ``attribute_ruler`` that applies the model's own rules.

Why: in ``en_core_web_sm`` the attribute ruler (tag → part of speech and morphology, plus
word exceptions) runs 179 token patterns through spaCy's general ``Matcher`` and took
about 10 ms of a 213-word article — more than the parser (see benchmarks/extraction.py).
Almost all of those patterns look at one token and compare plain values (``TAG``,
``LOWER``, ``DEP``, ``IS_SPACE``), which a dictionary lookup per token answers. This
component reads the rules from the loaded ruler, answers single-token rules by lookup,
leaves the few multi-token or operator patterns to a ``Matcher``, and applies the matches
exactly as the ruler does (in rule order, later rules winning). ``tests/test_nlp.py``
checks that it produces the same annotations as the original on varied text.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from spacy.matcher import Matcher
from spacy.pipeline.attributeruler import AttributeRuler
from spacy.tokens import Doc, Span
from spacy.tokens._retokenize import set_token_attrs

#: Token attributes a single-token rule may test (with a plain value, ``IN`` or ``NOT_IN``).
_GETTERS = {
    "TAG": lambda token: token.tag_,
    "LOWER": lambda token: token.lower_,
    "DEP": lambda token: token.dep_,
    "IS_SPACE": lambda token: token.is_space,
}
#: Attributes rules are indexed by, most selective first.
_INDEXED = ("TAG", "LOWER", "DEP")

Condition = tuple[str, str, Any]  # (attribute, "==" | "in" | "not in", value)


class FastAttributeRuler:
    """Applies an :class:`AttributeRuler`'s rules with lookups instead of a Matcher."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.attrs = ruler.attrs
        self.indices = ruler.indices
        self.index: dict[str, dict[Any, list[tuple[int, list[Condition]]]]] = {
            key: defaultdict(list) for key in _INDEXED
        }
        self.unindexed: list[tuple[int, list[Condition]]] = []
        self.matcher = Matcher(ruler.vocab)
        rules: list[dict[str, Any]] = list(ruler.patterns)  # spaCy types these loosely
        for rule_id, rule in enumerate(rules):
            for pattern in rule["patterns"]:
                conditions = self._conditions(pattern)
                if conditions is None:
                    self.matcher.add(str(rule_id), [pattern])
                else:
                    self._add(rule_id, conditions)

    @staticmethod
    def _conditions(pattern: list[dict[str, Any]]) -> list[Condition] | None:
        """A one-token pattern as simple tests, or ``None`` when the Matcher must run it."""
        if len(pattern) != 1 or not set(pattern[0]) <= set(_GETTERS):
            return None
        conditions: list[Condition] = []
        for key, value in pattern[0].items():
            if isinstance(value, str | bool):
                conditions.append((key, "==", value))
            elif isinstance(value, dict) and set(value) == {"IN"}:
                conditions.append((key, "in", frozenset(value["IN"])))
            elif isinstance(value, dict) and set(value) == {"NOT_IN"}:
                conditions.append((key, "not in", frozenset(value["NOT_IN"])))
            else:
                return None
        return conditions

    def _add(self, rule_id: int, conditions: list[Condition]) -> None:
        """File the rule under its most selective attribute; the index lookup then
        guarantees that condition, so only the others are checked per token."""
        for key in _INDEXED:
            for condition in conditions:
                attribute, op, value = condition
                if attribute == key and op != "not in":
                    rest = [c for c in conditions if c is not condition]
                    for item in [value] if op == "==" else value:
                        self.index[key][item].append((rule_id, rest))
                    return
        self.unindexed.append((rule_id, conditions))

    def __call__(self, doc: Doc) -> Doc:
        matches: list[tuple[int, int, int]] = []
        by_tag, by_lower, by_dep = (self.index[key] for key in _INDEXED)
        for token in doc:
            values = {
                "TAG": token.tag_,
                "LOWER": token.lower_,
                "DEP": token.dep_,
                "IS_SPACE": token.is_space,
            }
            for candidates in (
                by_tag.get(values["TAG"], ()),
                by_lower.get(values["LOWER"], ()),
                by_dep.get(values["DEP"], ()),
                self.unindexed,
            ):
                for rule_id, conditions in candidates:
                    if not conditions or all(_holds(values[a], op, v) for a, op, v in conditions):
                        matches.append((rule_id, token.i, token.i + 1))
        if len(self.matcher):
            for match_id, start, end in self.matcher(doc, allow_missing=True):
                matches.append((int(doc.vocab.strings[match_id]), start, end))
        matches.sort()
        for rule_id, start, end in matches:
            set_token_attrs(Span(doc, start, end)[self.indices[rule_id]], self.attrs[rule_id])
        return doc


def _holds(actual: Any, op: str, expected: Any) -> bool:
    if op == "==":
        return bool(actual == expected)
    if op == "in":
        return actual in expected
    return actual not in expected
