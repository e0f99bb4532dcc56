"""Generate ``docs/cli.md`` from the commands' own ``--help`` so the reference cannot drift.

``python -m storyline.commands.reference > docs/cli.md`` rewrites it; ``tests/test_docs.py``
fails when the committed file differs from what this produces.
"""

from __future__ import annotations

import os

from typer.testing import CliRunner

from storyline.cli import app


def command_names() -> list[str]:
    """Every registered command, in the order ``storyline --help`` lists them; commands of a
    group (``storyline codebook check``) as ``"codebook check"``, after the group itself."""
    names = [command.name or command.callback.__name__ for command in app.registered_commands]  # type: ignore[union-attr]
    for group in app.registered_groups:
        names.append(group.name or "")
        sub = group.typer_instance.registered_commands if group.typer_instance else []
        names += [f"{group.name} {c.name or c.callback.__name__}" for c in sub]  # type: ignore[union-attr]
    return names


def render() -> str:
    """The CLI reference as Markdown."""
    runner = CliRunner()
    env = {**os.environ, "COLUMNS": "100", "TERM": "dumb", "NO_COLOR": "1"}
    parts = [
        "# Command-line reference\n",
        "Generated from `--help` by `python -m storyline.commands.reference`; do not edit.\n",
    ]
    commands = [(n.split(), f"storyline {n}") for n in command_names()]
    for args, heading in [([], "storyline"), *commands]:
        result = runner.invoke(app, [*args, "--help"], env=env, prog_name="storyline")
        parts.append(f"## {heading}\n\n```\n{result.stdout.rstrip()}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    print(render(), end="")
