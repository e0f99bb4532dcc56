"""Docs that cannot drift: the CLI reference is generated, and every command is documented."""

from __future__ import annotations

from pathlib import Path

from storyline.commands.reference import command_names, render

ROOT = Path(__file__).resolve().parent.parent


def test_cli_reference_is_current() -> None:
    committed = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert committed == render(), (
        "docs/cli.md is stale: run `.venv/bin/python -m storyline.commands.reference > docs/cli.md`"
    )


def test_readme_shows_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in command_names() if f"storyline {name}" not in readme]
    assert missing == []
    assert "make demo" in readme and "make test" in readme


def test_codebook_page_is_current_and_documents_every_event_type() -> None:
    from storyline.events import BUILTIN, load_codebook
    from storyline.events.reference import render as render_codebooks

    committed = (ROOT / "docs" / "codebooks.md").read_text(encoding="utf-8")
    assert committed == render_codebooks(), (
        "docs/codebooks.md is stale: run "
        "`.venv/bin/python -m storyline.events.reference > docs/codebooks.md`"
    )
    for name in BUILTIN:
        for event_type in load_codebook(name).types:
            assert f"`{event_type.name}`" in committed
