"""syndication keys indexed by a 64-bit hash instead of the 300-character keys

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29

Indexing `title_key` and `text_key` themselves made every new story cost two
B-tree inserts of up to 300 characters at random places (on SQLite more than half
of a story's insert). The keys stay; what is indexed is `title_hash` and
`text_hash` (BLAKE2b of the key, 8 bytes, as tracker.engine.syndication.key_hash computes
it; NULL for no key) with the id, which is how the oldest stories sharing a key
are looked up. Stored stories are hashed here, in batches (with the code's own
key_hash: if it ever changes, a later revision must hash the stored keys again).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from tracker.engine.syndication import key_hash

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_BATCH = 5000


def upgrade() -> None:
    op.add_column("stories", sa.Column("title_hash", sa.BigInteger(), nullable=True))
    op.add_column("stories", sa.Column("text_hash", sa.BigInteger(), nullable=True))
    conn = op.get_bind()
    stories = sa.table(
        "stories",
        sa.column("id", sa.Integer()),
        sa.column("title_key", sa.String()),
        sa.column("text_key", sa.String()),
        sa.column("title_hash", sa.BigInteger()),
        sa.column("text_hash", sa.BigInteger()),
    )
    last = 0
    while True:
        rows = conn.execute(
            sa.select(stories.c.id, stories.c.title_key, stories.c.text_key)
            .where(stories.c.id > last)
            .order_by(stories.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            break
        conn.execute(
            stories.update()
            .where(stories.c.id == sa.bindparam("b_id"))
            .values(title_hash=sa.bindparam("b_title"), text_hash=sa.bindparam("b_text")),
            [
                {"b_id": i, "b_title": key_hash(title or ""), "b_text": key_hash(text or "")}
                for i, title, text in rows
            ],
        )
        last = rows[-1][0]
    op.drop_index("ix_stories_title_key", table_name="stories")
    op.drop_index("ix_stories_text_key", table_name="stories")
    op.create_index("ix_stories_title_hash_id", "stories", ["title_hash", "id"])
    op.create_index("ix_stories_text_hash_id", "stories", ["text_hash", "id"])


def downgrade() -> None:
    raise RuntimeError("Claim Tracker migrations are forward-only: restore a backup to go back")
