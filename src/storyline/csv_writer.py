"""The one CSV writer every CSV the project writes goes through: cells that would run as
spreadsheet formulas are neutralised.

Why: titles, quotes and names come from reports anyone can write. A cell starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by Excel, LibreOffice and
Google Sheets as a formula (``=HYPERLINK(…)`` leaks data or phishes the person who opens
the export). Prefixing ``'`` makes every spreadsheet show the text as text (OWASP's "CSV
injection" advice). Numbers are written as they are: a negative longitude or figure is
data, not a formula, and must stay a number.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, Protocol

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def safe_cell(value: Any) -> Any:
    """``value``, with ``'`` prepended when it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """A :func:`csv.writer` whose rows are passed through :func:`safe_cell` first."""

    def __init__(self, stream: _Writable) -> None:
        self._writer = csv.writer(stream)

    def writerow(self, row: Iterable[Any]) -> None:
        """Write one row, formula-like text cells neutralised."""
        self._writer.writerow([safe_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        """Write several rows, formula-like text cells neutralised."""
        for row in rows:
            self.writerow(row)
