"""Initial schema: captures, documents, mentions, entities, audit log, full-text search.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the tables, then the dialect's full-text index (FTS5 or tsvector)."""
    op.create_table(
        "captures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("input", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("captured_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("content_type", sa.String(200)),
        sa.Column("charset", sa.String(64)),
        sa.Column("http_date", sa.String(100)),
        sa.Column("last_modified", sa.String(100)),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("capture_id", sa.Integer, sa.ForeignKey("captures.id"), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("body_start", sa.Integer, nullable=False),
        sa.Column("byline", sa.Text),
        sa.Column("outlet", sa.String(300)),
        sa.Column("published", sa.Date),
        sa.Column("published_source", sa.String(20)),
        sa.Column("url", sa.Text),
        sa.Column("canonical_url", sa.Text),
        sa.Column("language", sa.String(8)),
        sa.Column("tags", sa.JSON, nullable=False),
        sa.Column("word_count", sa.Integer, nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sensitivity", sa.String(20), nullable=False, server_default="normal"),
        sa.Column("parser_version", sa.String(40), nullable=False),
        sa.Column("extractor_version", sa.String(200)),
        sa.Column("codebook_version", sa.String(100)),
        sa.Column("story_id", sa.Integer),
        sa.UniqueConstraint("capture_id"),
    )
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_index("ix_documents_story_id", "documents", ["story_id"])
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("key", sa.String(20), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("extractor", sa.String(40), nullable=False),
        sa.Column("sensitivity", sa.String(20), nullable=False, server_default="normal"),
        sa.UniqueConstraint("document_id", "key"),
    )
    op.create_index("ix_mentions_kind", "mentions", ["kind"])
    op.create_table(
        "entities",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("key", sa.String(20), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("geo", sa.JSON),
        sa.UniqueConstraint("document_id", "key"),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("action", sa.String(50), nullable=False),
        sa.Column("object_type", sa.String(50), nullable=False),
        sa.Column("object_id", sa.Integer),
        sa.Column("detail", sa.JSON, nullable=False),
        sa.Column("prev_hash", sa.String(64)),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "ALTER TABLE documents ADD COLUMN search tsvector GENERATED ALWAYS AS "
            "(to_tsvector('simple', coalesce(title, '') || ' ' || text)) STORED"
        )
        op.execute("CREATE INDEX ix_documents_search ON documents USING gin (search)")
    else:
        op.execute(
            "CREATE VIRTUAL TABLE documents_fts USING fts5("
            "title, text, content='documents', content_rowid='id', tokenize='unicode61')"
        )
        op.execute(
            "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
            "INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); "
            "END"
        )
        op.execute(
            "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN "
            "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
            "VALUES ('delete', old.id, old.title, old.text); END"
        )
        op.execute(
            "CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN "
            "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
            "VALUES ('delete', old.id, old.title, old.text); "
            "INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); "
            "END"
        )


def downgrade() -> None:
    """Drop everything (development only)."""
    if op.get_bind().dialect.name != "postgresql":
        op.execute("DROP TABLE IF EXISTS documents_fts")
    for table in ("audit_log", "entities", "mentions", "documents", "captures"):
        op.drop_table(table)
