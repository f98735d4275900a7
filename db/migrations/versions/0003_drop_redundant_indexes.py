"""drop three indexes that a wider index already serves

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29

ix_stories_feed_id, ix_verdicts_story_id and ix_verdicts_claim_id are each the
leading column of another index (uq_stories_feed_id_entry_key,
uq_verdicts_story_id_claim_id, ix_verdicts_claim_logged), which serves the same
lookups and foreign-key checks; every story and verdict stored paid for them.
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_stories_feed_id", table_name="stories")
    op.drop_index("ix_verdicts_story_id", table_name="verdicts")
    op.drop_index("ix_verdicts_claim_id", table_name="verdicts")


def downgrade() -> None:
    raise RuntimeError("Claim Tracker migrations are forward-only: restore a backup to go back")
