"""A quantity while it is being assembled, shared by the quantity extractor and its phrase helper.

It lives in its own module so :mod:`storyline.extract.quantities` (which builds drafts) and
:mod:`storyline.extract.quantity_phrases` (which reads what each counts) both import it, and
neither imports the other's internals (no import circle).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from spacy.tokens import Token

from storyline.extract.numbers import Amount


class Core(NamedTuple):
    """One number found by the regex, with any currency prefix written before it."""

    start: int  # currency prefix included
    end: int
    num_start: int
    amount: Amount
    currency: str | None


@dataclass
class Draft:
    """A quantity being assembled; becomes a :class:`QuantityMention`."""

    start: int
    end: int  # end of number + unit + rate: what precedes the counted noun
    first: Core
    last: Core
    value: float | None
    low: float | None
    high: float | None
    approximate: bool
    kind: str = "count"  # count | money | percent | measure | duration | age | times
    unit: str | None = None
    per: str | None = None
    counts: str | None = None
    noun_end: int | None = None
    part_of: int | None = None  # index of the whole in the draft list
    head: Token | None = None
    noun_phrase: str | None = None  # counts without the reduced relative
    relative: str | None = None  # the reduced relative added to counts, if any
    whole_at: int | None = None  # char offset of the whole's number ("400 inmates")
    anaphoric: bool = False  # "thousands of them": counts come from an antecedent
    rate_at: int | None = None  # end of an "of" complement a rate may follow ("of steel a year")
