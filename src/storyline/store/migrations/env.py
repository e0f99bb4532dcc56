"""Alembic environment: runs migrations on the connection :mod:`storyline.store.db` passes in.

Storyline drives Alembic from code (``storyline.store.db.upgrade``), so there is no
``alembic.ini`` to edit; developers create a revision with
``alembic -c src/storyline/store/alembic.ini revision -m "…"``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

from storyline.store.schema import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    """Migrate on the caller's connection, or on one made from the ini's URL."""
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = engine_from_config(
        config.get_section(config.config_ini_section) or {},
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()


run_migrations()
