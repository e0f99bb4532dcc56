"""One check of every request's parameters, before any route reads them (issue 15.12).

Why central: each route declares its parameters with types, but a type alone lets through
values the databases then refuse — an id beyond 64 bits (SQLite raises ``OverflowError``,
PostgreSQL ``NumericValueOutOfRange``), a NUL character (PostgreSQL text cannot hold one),
terminal control codes. Checking in one app-wide dependency means a route added later is
covered without remembering to, and the answer is always a 400 with the parameter's name.

- Whole-number parameters (declared ``int`` on the route or its dependencies) must be
  ASCII digits within the signed 64-bit range: ``²``, ``１２``, ``1e20`` and
  ``99999999999999999999999`` are refused with a message, not passed on.
- Query and path values must not hold control characters (tab and line breaks aside) nor
  run past 2,000 characters; form fields and JSON bodies must not hold NUL, and JSON
  bodies no half of a surrogate pair (``"\\ud800"``, which no UTF-8 text can hold).
"""

from __future__ import annotations

import json
import re
import types
import typing
from typing import Any

from fastapi import HTTPException, Request
from fastapi.routing import APIRoute

#: The range of a signed 64-bit integer: what both databases store in an integer column.
INT_MIN = -(2**63)
INT_MAX = 2**63 - 1
_WHOLE = re.compile(r"[+-]?[0-9]{1,19}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ATTRIBUTE = "_storyline_int_params"
#: The longest query or path value accepted: a search or filter this long is no name or
#: phrase, and past SQLite's 50,000-byte LIKE limit it failed as a server error.
MAX_PARAM_CHARS = 2000
#: Half of a UTF-16 surrogate pair: JSON can escape one ("\\ud800") but it is no character,
#: and a string holding one cannot be written out as UTF-8 (the error message itself failed).
_SURROGATE = re.compile("[\ud800-\udfff]")


def parse_whole(value: str) -> int:
    """``value`` as a 64-bit whole number.

    Raises:
        ValueError: not ASCII digits, or out of the 64-bit range (the message says which).
    """
    text = value.strip()
    if not _WHOLE.fullmatch(text):
        raise ValueError(f"{_shown(value)} is not a whole number")
    number = int(text)
    if not INT_MIN <= number <= INT_MAX:
        raise ValueError(f"{_shown(value)} is out of range")
    return number


def whole_number(name: str, value: str) -> int:
    """``value`` as a 64-bit whole number, or a 400 that names the parameter.

    Raises:
        HTTPException: not ASCII digits, or out of the 64-bit range.
    """
    try:
        return parse_whole(value)
    except ValueError as exc:
        raise HTTPException(400, f"{name}: {exc}") from None


def _shown(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:40] + "…")


def _is_int(annotation: Any) -> bool:
    if annotation is int:
        return True
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return any(arg is int for arg in typing.get_args(annotation))
    return False


def _int_params(route: APIRoute) -> frozenset[str]:
    """Names of the route's query and path parameters declared as whole numbers (cached)."""
    cached = getattr(route, _ATTRIBUTE, None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    names: set[str] = set()
    pending = [route.dependant]
    while pending:
        dependant = pending.pop()
        for field in (*dependant.query_params, *dependant.path_params):
            if _is_int(field.field_info.annotation):
                names.add(field.alias)
        pending.extend(dependant.dependencies)
    found = frozenset(names)
    setattr(route, _ATTRIBUTE, found)
    return found


async def check_parameters(request: Request) -> None:
    """App-wide dependency: refuse bad parameter values with a 400 naming the parameter.

    Raises:
        HTTPException: 400 for a control character or a whole number out of range.
    """
    values = [*request.path_params.items(), *request.query_params.multi_items()]
    for name, value in values:
        if isinstance(value, str) and _CONTROL.search(value):
            raise HTTPException(400, f"{name}: control characters are not allowed")
        if isinstance(value, str) and len(value) > MAX_PARAM_CHARS:
            raise HTTPException(
                400, f"{name}: at most {MAX_PARAM_CHARS:,} characters (this one has {len(value):,})"
            )
    route = request.scope.get("route")
    whole = _int_params(route) if isinstance(route, APIRoute) else frozenset()
    for name, value in values:
        if isinstance(value, int) and not INT_MIN <= value <= INT_MAX:  # {id:int} paths
            raise HTTPException(400, f"{name}: {value} is out of range")
        if name in whole and isinstance(value, str):
            whole_number(name, value)
    if request.method in ("POST", "PUT", "PATCH"):
        await _check_body(request)


async def _check_body(request: Request) -> None:
    kind = request.headers.get("content-type", "")
    if "json" in kind:
        body = await request.body()
        if b"\\u0000" in body or b"\x00" in body:
            raise HTTPException(400, "the request holds a NUL character, which is not allowed")
        if b"\\u" in body and _holds_surrogate(body):
            raise HTTPException(
                400, "the request holds half a UTF-16 surrogate pair (\\ud800…), which is no text"
            )
    elif "form" in kind:
        form = await request.form()
        for name, value in form.multi_items():
            if isinstance(value, str) and "\x00" in value:
                raise HTTPException(400, f"{name}: NUL characters are not allowed")


def _holds_surrogate(body: bytes) -> bool:
    """Whether a JSON body decodes to a string holding half a surrogate pair."""
    try:
        pending = [json.loads(body)]
    except ValueError:
        return False  # malformed JSON gets FastAPI's own 400
    while pending:
        value = pending.pop()
        if isinstance(value, str) and _SURROGATE.search(value):
            return True
        if isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    return False
