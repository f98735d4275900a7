"""story vectors, stream profiles, and what each verdict was computed against

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

The engine's semantic path reads each story's sentence-encoder vectors: stored once
per story in `story_vectors` (int8 rows, tracker.engine.vectors.StoryVectors), so a
rescore never embeds again. The stream profile (tracker.engine.stream) a verdict was
computed against is recorded in `stream_profiles`, and the verdict names it and the
engine's path in the new `verdicts.basis` ("" for the verdicts stored before: they
count as computed against an older profile until `tracker rescore`).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("verdicts", sa.Column("basis", sa.Text(), nullable=False, server_default=""))
    op.create_table(
        "story_vectors",
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("encoder", sa.String(length=200), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("vectors", sa.LargeBinary(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("embedded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["stories.id"],
            name=op.f("fk_story_vectors_story_id_stories"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("story_id", name=op.f("pk_story_vectors")),
    )
    op.create_table(
        "stream_profiles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("stories", sa.Integer(), nullable=False),
        sa.Column("newest_story_id", sa.Integer(), nullable=False),
        sa.Column("vectors", sa.Integer(), nullable=False),
        sa.Column("encoder", sa.String(length=200), nullable=True),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stream_profiles")),
    )
    op.create_index(op.f("ix_stream_profiles_digest"), "stream_profiles", ["digest"], unique=False)


def downgrade() -> None:
    raise RuntimeError("Claim Tracker migrations are forward-only: restore a backup to go back")
