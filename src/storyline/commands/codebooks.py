"""Commands about codebooks: ``storyline codebook show`` and ``storyline codebook check``.

Also the ``--codebook`` option shared by ``add`` and ``extract``, and the events table
they print, so every command reads and shows codebooks the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from storyline.commands.common import Output, app, emit_json, err, out, print_table
from storyline.errors import CodebookError
from storyline.events import BUILTIN, DEFAULT, Codebook, load_codebook
from storyline.model import Event

CODEBOOK_OPTION = typer.Option(
    "--codebook",
    help=f"Event types to look for: a built-in ({', '.join(BUILTIN)}; default {DEFAULT}) "
    "or a YAML file (see docs/codebooks.md).",
)

codebook_app = typer.Typer(
    help="Show the event types of a codebook, or check a codebook file you wrote.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(codebook_app, name="codebook")


def codebook_from_option(value: str | None) -> Codebook | None:
    """The codebook ``--codebook`` names (``None``: the default), triggers checked too."""
    if value is None:
        return None
    from storyline.events.lemmas import never_a_lemma

    return load_codebook(value, lemmatize=never_a_lemma)


def event_table(events: Sequence[Event]) -> tuple[list[str], list[list[Any]]]:
    """Header and rows for a table of events: type, trigger, certainty, roles."""
    rows = []
    for event in events:
        roles = "; ".join(
            f"{role}: {', '.join(f.text for f in fillers)}" for role, fillers in event.roles.items()
        )
        rows.append([event.id, event.type, event.text, event.certainty, roles])
    return ["id", "type", "trigger", "certainty", "roles"], rows


@codebook_app.command("show")
def show(
    codebook: Annotated[
        str | None,
        typer.Argument(help=f"A built-in name ({', '.join(BUILTIN)}) or a YAML file."),
    ] = None,
    format: Annotated[Output, typer.Option("--format", help="table or json.")] = Output.table,
) -> None:
    """List a codebook's event types with their triggers and roles (default: the active one).

    Examples:

      storyline codebook show

      storyline codebook show protest-violence --format json
    """
    book = load_codebook(codebook)
    if format is Output.json:
        emit_json(codebook_json(book))
        return
    out.print(f"{book.label} ({book.id})", highlight=False)
    if book.description:
        out.print(book.description, highlight=False)
    rows = []
    for event_type in book.types:
        triggers = sorted(event_type.lemmas) + [" ".join(p) for p in event_type.phrases]
        roles = ", ".join(f"{r.name}{'*' if r.required else ''}" for r in event_type.roles)
        rows.append([event_type.name, event_type.label, ", ".join(triggers), roles])
    print_table(None, ["type", "label", "triggers", "roles (* required)"], rows)


def codebook_json(book: Codebook) -> dict[str, Any]:
    """A codebook as JSON (``codebook show --format json`` and the web app)."""
    return {
        "codebook": book.name,
        "version": book.version,
        "id": book.id,
        "label": book.label,
        "description": book.description,
        "types": [
            {
                "name": t.name,
                "label": t.label,
                "description": t.description,
                "lemmas": sorted(t.lemmas),
                "phrases": [" ".join(p) for p in t.phrases],
                "context": sorted(t.context),
                "exclude": [" ".join(p) for p in t.exclude],
                "roles": [
                    {
                        "name": r.name,
                        "fill": list(r.fill),
                        "slot": list(r.slots),
                        "required": r.required,
                        "terms": [" ".join(w) for w in r.terms],
                    }
                    for r in t.roles
                ],
            }
            for t in book.types
        ],
    }


@codebook_app.command("check")
def check(
    path: Annotated[Path, typer.Argument(help="The codebook YAML file to check.")],
) -> None:
    """Check a codebook file: YAML syntax, duplicate names, unknown keys, roles and filler
    kinds, and triggers that can never match. Every problem is printed as file:line.

    Example:

      storyline codebook check my-topic.yaml
    """
    from storyline.events.lemmas import never_a_lemma

    try:
        book = load_codebook(path, lemmatize=never_a_lemma)
    except CodebookError as exc:
        for problem in exc.problems:
            err.print(f"error: {problem}", highlight=False, markup=False)
        noun = "problem" if len(exc.problems) == 1 else "problems"
        err.print(f"{path}: {len(exc.problems)} {noun}", highlight=False, markup=False)
        raise typer.Exit(1) from None
    out.print(f"{path}: ok — codebook {book.id}, {len(book.types)} event types", highlight=False)
