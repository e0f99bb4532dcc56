"""``storyline export sqlite``: the record as a read-only SQLite file for Datasette."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from storyline.commands.common import out, store
from storyline.commands.events import export_app
from storyline.publish import export_sqlite


@export_app.command("sqlite")
def export_sqlite_command(
    path: Annotated[Path, typer.Argument(help="The SQLite file to write, e.g. record.db.")],
    metadata: Annotated[
        Path | None,
        typer.Option(help="Datasette metadata file (default: metadata.json beside the file)."),
    ] = None,
    force: Annotated[bool, typer.Option(help="Replace the files if they exist.")] = False,
) -> None:
    """Write a publishable, read-only copy of the record to a new SQLite file.

    It holds documents, events, mentions and entities only: no accounts, sessions, API
    tokens, audit log or raw captures, and protected witnesses blacked out. Browse or
    publish it with Datasette: datasette record.db -m metadata.json

    Example:

      storyline export sqlite record.db
    """
    published = export_sqlite(store(), path, metadata, force=force)  # errors: one line, exit 1
    counts = ", ".join(f"{n} {table}" for table, n in published.rows.items())
    out.print(f"wrote {published.database} ({counts}) and {published.metadata}")
