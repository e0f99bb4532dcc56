"""One typed settings object, read once from the environment (``STORYLINE_`` prefix).

Why pydantic-settings: every knob has a type, a default and a docstring in one place, and a
bad value (``STORYLINE_MAX_BYTES=lots``) fails with a message naming the variable.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from storyline.errors import ConfigError


class Settings(BaseSettings):
    """Runtime settings. Each field can be set as ``STORYLINE_<FIELD>`` in the environment."""

    model_config = SettingsConfigDict(env_prefix="STORYLINE_", extra="ignore")

    db: str = Field(
        default="sqlite:///storyline.db",
        description="Database URL: a SQLite file (default ./storyline.db) or postgresql://…",
    )
    data_dir: Path | None = Field(
        default=None,
        description=(
            "Where raw captures are kept as content-addressed blobs. Default: a "
            "'storyline-data' folder beside the SQLite file, or ./storyline-data for "
            "PostgreSQL."
        ),
    )
    key_file: Path | None = Field(
        default=None,
        description=(
            "Key that encrypts protected witnesses at rest; keep it out of database backups. "
            "Default: '<data dir>.key' beside the blob folder, created (mode 0600) on first use."
        ),
    )
    max_bytes: int = Field(
        default=20_000_000,
        gt=0,
        description="Largest input accepted, in bytes (files, stdin and downloads alike).",
    )
    max_export_bytes: int = Field(
        default=500_000_000,
        gt=0,
        description=(
            "Largest channel export accepted by `import telegram`, in bytes (its JSON is read "
            "whole, so memory is a few times this). Web archives are streamed instead."
        ),
    )
    fetch_timeout: float = Field(
        default=20.0,
        gt=0,
        description="Seconds a whole download may take, redirects included (not per read).",
    )
    max_redirects: int = Field(default=5, ge=0, description="Redirects followed per URL.")
    extract_timeout: float = Field(
        default=60.0,
        ge=0,
        description=(
            "Seconds one input's extraction may take before its worker process is killed and "
            "the input fails ('not extracted: took longer than N s'); 0: no time limit."
        ),
    )
    extract_max_mb: int = Field(
        default=1024,
        ge=0,
        description=(
            "Megabytes one input's extraction may allocate beyond the loaded model (Linux: "
            "the worker's RLIMIT_DATA); over it the input fails ('not extracted: used more "
            "than N MB'); 0: no memory limit. With both limits 0, extraction runs in-process."
        ),
    )
    token_days: int = Field(
        default=90,
        ge=1,
        le=3650,
        description="Days a new API token works (storyline token create --days overrides).",
    )
    user_agent: str = Field(
        default="Storyline/0.1 (+research archive; contact: your team)",
        description="The User-Agent sent with every download.",
    )


def load_settings(**overrides: object) -> Settings:
    """Read settings from the environment, with explicit overrides (CLI flags) winning.

    Raises:
        ConfigError: a variable holds a value of the wrong type.
    """
    clean = {key: value for key, value in overrides.items() if value is not None}
    try:
        return Settings(**clean)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = "STORYLINE_" + str(first["loc"][0]).upper() if first["loc"] else "settings"
        raise ConfigError(f"{name}: {first['msg']}") from exc


def resolve_data_dir(settings: Settings) -> Path:
    """The blob directory: explicit, else next to the SQLite file (a ``sqlite:///`` URL or a
    plain path), else ./storyline-data."""
    if settings.data_dir is not None:
        return settings.data_dir
    prefix = "sqlite:///"
    database: str | None = None
    if "://" not in settings.db:  # a plain path is a SQLite file (see store.db.normalise_url)
        database = settings.db
    elif settings.db.startswith(prefix) and settings.db != "sqlite:///:memory:":
        database = settings.db[len(prefix) :]
    if database:
        return Path(database).expanduser().resolve().parent / "storyline-data"
    return Path("storyline-data").resolve()
