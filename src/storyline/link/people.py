"""Whether two head nouns count the same people ("convicts" and "prisoners" do; "women"
and "convicts" may be a part and its whole). The classes are data: ``people.yaml``."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml


@lru_cache(maxsize=1)
def _classes() -> tuple[frozenset[str], dict[str, int]]:
    data = yaml.safe_load((resources.files("storyline.link") / "people.yaml").read_text("utf-8"))
    generic = frozenset(_singular(w) for w in data.get("generic", []))
    index = {_singular(w): n for n, words in enumerate(data.get("classes", [])) for w in words}
    return generic, index


def _singular(word: str) -> str:
    word = word.casefold()
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def same_people(a: str, b: str) -> bool:
    """Whether head nouns ``a`` and ``b`` (either number) count the same people."""
    a, b = _singular(a), _singular(b)
    if a == b:
        return True
    generic, index = _classes()
    if a in generic or b in generic:
        return True
    return a in index and index.get(a) == index.get(b)


def people_noun(word: str) -> bool:
    """Whether ``word`` is a noun for a class of people ("Prisoners", "men"), not a name."""
    generic, index = _classes()
    singular = _singular(word)
    return singular in generic or singular in index
