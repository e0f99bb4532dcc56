"""CLI commands, one module per area; each registers on ``storyline.cli.app``."""
