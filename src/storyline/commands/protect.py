"""``storyline protect``: black out a witness everywhere, encrypted at rest (and undo it).

Why a command: until now a mention could only be marked protected in SQL, and the mark was
honoured by some outputs and not others. Protecting rewrites the stored record itself
(:mod:`storyline.store.protection`), so every command, page and API route sees the same
black squares; the original is sealed with the key outside the database.
"""

from __future__ import annotations

import getpass
from typing import Annotated

import typer

from storyline.commands.common import Output, app, emit_json, out, store
from storyline.store import protection


@app.command()
def protect(
    document: Annotated[int, typer.Argument(help="Document id.")],
    keys: Annotated[
        list[str], typer.Argument(help="Mention keys (s1, e3) or entity keys (E1) to protect.")
    ],
    undo: Annotated[
        bool, typer.Option("--undo", help="Unprotect: bring the sealed names back.")
    ] = False,
    by: Annotated[
        str | None, typer.Option("--by", help="Who decides (written to the audit log).")
    ] = None,
    format: Annotated[Output, typer.Option("--format", help="table or json.")] = Output.table,
) -> None:
    """Protect a witness: their name becomes black squares in the text, mentions, entities
    and events of the document, and is kept only encrypted (key: $STORYLINE_KEY_FILE, by
    default '<data dir>.key'). Audited.

    Examples:

      storyline protect 12 s1

      storyline protect 12 E3 --by alice

      storyline protect 12 s1 --undo
    """
    actor = by or f"cli:{getpass.getuser()}"
    act = protection.unprotect if undo else protection.protect
    result = act(store(), document, keys, actor)
    if format == Output.json:
        emit_json({"document_id": result.document_id, "mentions": list(result.mentions)})
        return
    verb = "unprotected" if undo else "protected"
    listed = ", ".join(result.mentions) or "none"
    out.print(f"document {document}: {verb} mentions {listed} ({result.spans} spans)")
