"""The password rules every account change goes through (web form, API and CLI alike).

Why these rules: argon2 makes each guess slow, but a password that is on every guessing
list, is the user's own name or is twelve spaces falls in a handful of guesses anyway.
Length is what protects a password most, so the rules are a minimum length, enough
different characters, not the user name, and not a common password (the list is data, in
``common_passwords.txt``, compared by its letter stem so ``Password1234!`` counts too).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from storyline.errors import AccountError

MIN_LENGTH = 12
#: Fewer distinct characters than this is a pattern, not a password ("aaaaaaaaaaaa").
MIN_DISTINCT = 5
_LIST = Path(__file__).with_name("common_passwords.txt")
_NOT_LETTERS = re.compile(r"[\W\d_]+")


@cache
def common_stems() -> frozenset[str]:
    """The letter stems of common passwords, read once from the data file."""
    lines = _LIST.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _stem(text: str) -> str:
    return _NOT_LETTERS.sub("", text.casefold())


def _repeats_a_common_word(stem: str) -> bool:
    if not stem:
        return True  # only digits and punctuation: "123456789012"
    for word in common_stems():
        if len(stem) % len(word) == 0 and stem == word * (len(stem) // len(word)):
            return True
    return False


def check_password(password: str, user: str) -> None:
    """Refuse a weak password for ``user`` with a one-line reason.

    Raises:
        AccountError: too short, too few different characters, the user name, or common.
    """
    if len(password) < MIN_LENGTH:
        raise AccountError(f"the password must have at least {MIN_LENGTH} characters")
    if not password.strip() or len(set(password)) < MIN_DISTINCT:
        raise AccountError(
            f"the password needs at least {MIN_DISTINCT} different characters, not a pattern"
        )
    name = _stem(user)
    stem = _stem(password)
    if password.casefold() == user.casefold() or (name and stem and not stem.replace(name, "")):
        raise AccountError("the password must not be the user name")
    if _repeats_a_common_word(stem):
        raise AccountError("that password is on the lists guessing tools try first; choose another")
