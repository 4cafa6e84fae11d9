"""users and sessions

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 07:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import harmtrack.store.tables

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("created_at", harmtrack.store.tables.UTCDateTime(), nullable=False),
        sa.Column("updated_at", harmtrack.store.tables.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", harmtrack.store.tables.UTCDateTime(), nullable=False),
        sa.Column("expires_at", harmtrack.store.tables.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    with op.batch_alter_table("sessions") as batch:
        batch.create_index("ix_sessions_user_id", ["user_id"])
        batch.create_index("ix_sessions_expires_at", ["expires_at"])


def downgrade() -> None:
    op.drop_table("sessions")
    op.drop_table("users")
