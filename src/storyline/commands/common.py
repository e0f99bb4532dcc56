"""What every ``storyline`` command shares: the Typer app, consoles, global options, output helpers.

Kept apart from :mod:`storyline.cli` so command modules import this and the CLI imports them,
never the other way round (no import circle).

Exit codes: 0 ok, 1 failed (some input or check failed), 2 bad usage or configuration.
Tables go to standard output; progress and errors to standard error, so
``--format json`` output can always be piped.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text
from typer.core import TyperGroup

from storyline import __version__
from storyline.csv_writer import SafeWriter
from storyline.errors import StorylineError, disk_full
from storyline.settings import Settings, load_settings, resolve_data_dir
from storyline.store.claim_standing import refresh, unknown
from storyline.store.db import Store, open_store
from storyline.store.protection import seal_pending

if TYPE_CHECKING:
    from storyline.events import Codebook
    from storyline.workers import GroupPool


class _Group(TyperGroup):
    """Maps every :class:`StorylineError` to one line on stderr and its exit code."""

    def invoke(self, ctx: Any) -> Any:  # Typer's vendored click Context
        try:
            return super().invoke(ctx)
        except StorylineError as exc:
            err.print(f"error: {exc}", highlight=False, markup=False)
            ctx.exit(exc.exit_code)
        except Exception as exc:  # a full disk is the user's to fix: one line, not a traceback
            full = disk_full(exc)
            if full is None:
                raise
            err.print(f"error: {full}", highlight=False, markup=False)
            ctx.exit(1)
        finally:
            while _opened:
                _opened.pop().close()


#: Stores opened by the running command (released when it ends).
_opened: list[Store] = []


app = typer.Typer(
    name="storyline",
    cls=_Group,
    help=(
        "Turn news reports and testimonies into a sourced, structured record of events.\n\n"
        "Example: storyline add report.html https://example.org/story ./folder/ && "
        "storyline list"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class Format(StrEnum):
    """Output formats; ``table`` is for people, the others for programs."""

    table = "table"
    json = "json"
    csv = "csv"


class Output(StrEnum):
    """Output formats of commands whose records do not fit CSV rows."""

    table = "table"
    json = "json"


class _State:
    db: str | None = None
    data_dir: Path | None = None
    extract_timeout: float | None = None
    extract_max_mb: int | None = None


state = _State()


def _version(value: bool) -> None:
    if value:
        out.print(f"storyline {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Database URL or SQLite path (default ./storyline.db, or $STORYLINE_DB). "
            "Example: --db postgresql://user@host/storyline",
        ),
    ] = None,
    data_dir: Annotated[
        Path | None,
        typer.Option(help="Folder for raw captures (default: storyline-data beside the DB)."),
    ] = None,
    extract_timeout: Annotated[
        float | None,
        typer.Option(
            min=0,
            help="Seconds one input's extraction may take; over it the input fails and the "
            "batch goes on (default 60, or $STORYLINE_EXTRACT_TIMEOUT; 0: no limit). "
            "Example: --extract-timeout 30",
        ),
    ] = None,
    extract_max_mb: Annotated[
        int | None,
        typer.Option(
            min=0,
            help="Megabytes one input's extraction may use beyond the loaded model (default "
            "1024, or $STORYLINE_EXTRACT_MAX_MB; 0: no limit).",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print version.")
    ] = False,
) -> None:
    """Global options shared by every command."""
    state.db = db
    state.data_dir = data_dir
    state.extract_timeout = extract_timeout
    state.extract_max_mb = extract_max_mb


def settings() -> Settings:
    """Settings from the environment with the global flags applied."""
    return load_settings(
        db=state.db,
        data_dir=state.data_dir,
        extract_timeout=state.extract_timeout,
        extract_max_mb=state.extract_max_mb,
    )


def store() -> Store:
    """Open (and migrate) the configured store."""
    current = settings()
    opened = open_store(current.db, resolve_data_dir(current), current.key_file)
    seal_pending(opened)  # a mention marked protected by hand in SQL: sealed before use
    _opened.append(opened)  # closed by _Group.invoke when the command ends
    return opened


def cli_actor() -> str:
    """Who the audit log names for a command-line change: ``cli:`` and the OS user."""
    import getpass

    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name in a bare container
        return "cli:unknown"


def audit(
    opened: Store, action: str, object_type: str, object_id: int | None, detail: dict[str, Any]
) -> None:
    """Write one audit row for a change made on the command line (as the web app does)."""
    from storyline.store import review

    review.record(opened, cli_actor(), action, object_type, object_id, detail)


def audit_added(opened: Store, outcome: Any, via: str) -> None:
    """Audit one input a command stored (a pipeline ``Outcome``); others leave no row."""
    if outcome.status == "added":
        detail = {"via": via, "input": outcome.input}
        audit(opened, "document.add", "document", outcome.document, detail)


def emit_json(data: Any) -> None:
    """Write JSON to standard output (not through rich, so it is never wrapped)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def emit_csv(header: list[str], rows: list[list[Any]]) -> None:
    """Write CSV to standard output (formula-like cells neutralised: storyline.csv_writer)."""
    writer = SafeWriter(sys.stdout)
    writer.writerow(header)
    writer.writerows(rows)


class _Rate(ProgressColumn):
    """Inputs per second so far (rich's own speed column counts bytes)."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f}/s" if speed else "…/s", style="progress.data.speed")


def progress(total: int) -> Progress:
    """A progress bar on standard error with rate and time left, shown only for batches
    worth watching (and only on a terminal, so piped output stays clean)."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _Rate(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=total <= 3 or not err.is_terminal,
    )


def count_contradictions(opened: Store) -> None:
    """Count the open contradictions of claims changed since they were last counted
    (``storyline.store.claim_standing``), with a progress bar: after a whole-store job
    (stories rebuilt, a store upgraded) that is every claim several documents make."""
    changed = unknown(opened)
    if changed:
        with progress(changed) as bar:
            task = bar.add_task("counting claims' contradictions", total=changed)
            refresh(opened, lambda n: bar.advance(task, n))


#: ``--workers N``, shared by the commands that extract many documents.
WORKERS_OPTION = typer.Option(
    "--workers",
    min=1,
    help="Extraction processes (one spaCy each); stored results are the same as with 1. "
    "Example: --workers 2",
)


#: ``--scheduler ADDRESS``, shared by the commands that extract many documents.
SCHEDULER_OPTION = typer.Option(
    "--scheduler",
    help="Extract on a Dask cluster instead: its scheduler's tcp://HOST:PORT (start it with "
    "'dask scheduler', workers with 'dask worker tcp://HOST:PORT --nthreads 1'), or local:N "
    "for N worker processes here. This command still writes the store; stored results are "
    "the same as without it. Example: --scheduler tcp://10.0.0.5:8786",
)


@contextmanager
def cluster_pool(
    scheduler: str | None, workers: int, codebook: Codebook | None
) -> Iterator[GroupPool | None]:
    """The Dask cluster ``--scheduler`` names, connected and ready, or None without it.

    Opened before the store, so a bad address or an unreachable cluster writes nothing.
    """
    if scheduler is None:
        yield None
        return
    if workers > 1:
        raise typer.BadParameter(
            "cannot be combined with --workers: the cluster's workers extract",
            param_hint="--scheduler",
        )
    from storyline.cluster import connect

    with connect(scheduler, codebook) as pool:
        yield pool


def parse_date(value: str | None, flag: str) -> date | None:
    """Parse an ISO date given on the command line, or fail with a usage error."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date like 2024-06-20", param_hint=flag
        ) from None


def print_table(title: str | None, header: list[str], rows: list[list[Any]]) -> None:
    """A rich table on standard output."""
    table = Table(title=title, show_lines=False)
    for name in header:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*("" if cell is None else str(cell) for cell in row))
    # Piped output has no terminal width; 80 columns would fold every title.
    target = out if out.is_terminal else Console(file=sys.stdout, width=160)
    target.print(table)
