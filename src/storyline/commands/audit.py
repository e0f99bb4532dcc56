"""``storyline audit head`` and ``storyline audit verify``: check the audit log from a shell.

Why two commands: a hash chain checked only against itself can be cut short or re-written
by whoever can write the database. ``head`` prints the chain's row count and newest hash
for keeping *elsewhere* (mailed, committed to another repository, printed in a report);
``verify --anchor`` later proves the log still holds that row with that hash.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from storyline.commands.common import Output, app, emit_json, err, out, store
from storyline.errors import StoreError
from storyline.store import review

audit_app = typer.Typer(
    help="Check the audit log's hash chain and print its anchor to keep elsewhere.\n\n"
    "Example: storyline audit head --format json > anchor.json",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(audit_app, name="audit")


@audit_app.command("head")
def audit_head(
    format: Annotated[Output, typer.Option("--format", help="table or json.")] = Output.table,
) -> None:
    """Print the audit chain's anchor: its row count and newest hash.

    Keep the JSON outside this database (mail it, commit it elsewhere) and check against
    it later with `storyline audit verify --anchor FILE`.

    Example: storyline audit head --format json > anchor-2024-06-20.json
    """
    anchor = review.head(store())
    if format is Output.json:
        emit_json({**anchor.as_json(), "at": datetime.now(UTC).isoformat(timespec="seconds")})
        return
    out.print(f"rows {anchor.rows}\nhash {anchor.hash or 'none'}", highlight=False)


@audit_app.command("verify")
def audit_verify(
    anchor: Annotated[
        str | None,
        typer.Option(
            help="An anchor saved earlier by `storyline audit head --format json` "
            "(a file, or - for stdin)."
        ),
    ] = None,
) -> None:
    """Recompute every audit hash and check the chain against its anchors; exit 1 if broken.

    Without --anchor it checks each row and the head record kept beside the chain (rows
    cut from the end); with it, also that the log still holds the anchored row and hash
    (a log re-written after an edit).

    Example: storyline audit verify --anchor anchor-2024-06-20.json
    """
    expected = _read_anchor(anchor) if anchor is not None else None
    report = review.verify_chain(store(), expected)
    if not report.ok:
        where = f" at row {report.broken_at}" if report.broken_at is not None else ""
        err.print(f"error: audit chain broken{where}: {report.reason}", highlight=False)
        raise typer.Exit(1)
    against = f"; holds the anchored row {expected.rows}" if expected else ""
    out.print(f"audit chain intact: {report.rows} rows checked{against}", highlight=False)


def _read_anchor(source: str) -> review.Anchor:
    try:
        raw = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        data = json.loads(raw)
    except OSError as exc:
        raise StoreError(f"{source}: cannot read the anchor ({exc.strerror})") from None
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise StoreError(f"{source}: not JSON (use storyline audit head --format json)") from None
    try:
        return review.Anchor.from_json(data)
    except StoreError as exc:
        raise StoreError(f"{source}: {exc}") from None
