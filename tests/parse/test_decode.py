"""Character sets: declared, detected, and Russian pages in cp1251 and koi8-r."""

from __future__ import annotations

import pytest

from storyline.errors import CharsetError
from storyline.parse.decode import decode

RUSSIAN = (
    "Военные вербовщики приехали в исправительную колонию в конце марта, рассказали два "
    "бывших заключённых. По их словам, около сорока человек подписали контракт, а остальные "
    "отказались. Служба исполнения наказаний не ответила на запрос о комментарии."
)


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "utf-8", "utf-16"])
def test_undeclared_russian_is_detected(encoding: str) -> None:
    text, _ = decode(RUSSIAN.encode(encoding))
    assert text == RUSSIAN


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_declared_charset_is_honoured(encoding: str) -> None:
    text, used = decode(RUSSIAN.encode(encoding), declared=encoding)
    assert text == RUSSIAN
    assert used == {"cp1251": "cp1251", "koi8_r": "koi8-r"}[encoding]


def test_meta_charset_is_honoured() -> None:
    page = f'<html><head><meta charset="koi8-r"></head><body><p>{RUSSIAN}</p></body></html>'
    text, used = decode(page.encode("koi8_r"))
    assert RUSSIAN in text
    assert used == "koi8-r"


@pytest.mark.parametrize("wrong", ["utf-8", "iso-8859-1", "windows-1252"])
def test_wrong_declaration_is_overruled(wrong: str) -> None:
    text, used = decode(RUSSIAN.encode("cp1251"), declared=wrong)
    assert text == RUSSIAN
    assert used == "cp1251"


def test_unknown_declared_charset_falls_back_to_detection() -> None:
    text, _ = decode(RUSSIAN.encode("cp1251"), declared="x-no-such-charset")
    assert text == RUSSIAN


def test_undecodable_bytes_with_unknown_charset_fail_clearly() -> None:
    junk = bytes((i * 37) % 128 + 128 for i in range(300))  # high bytes in no language
    with pytest.raises(CharsetError, match="unknown charset 'x-klingon'"):
        decode(junk, declared="x-klingon", input="page.html")
