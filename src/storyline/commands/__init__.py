"""CLI commands, one module per area; each registers on ``storyline.commands.common.app``."""
