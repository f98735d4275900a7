"""Claims as stored: the configured definitions (with their hashes, which tell when
stored verdicts were computed against an older definition). The definitions are
kept as JSON for reading by hand (the configuration is what the code reads)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime

from sqlalchemy import select

from ..types import Claim
from .db import StoreBase, dump, now_utc
from .models import ClaimRow, VerdictRow


def _claim_definition(claim: Claim) -> str:
    data = asdict(claim)
    if claim.window is not None:
        data["window"] = {"by": claim.window.by.isoformat()}
    return dump(data)


class ClaimStore(StoreBase):
    def sync_claims(self, claims: Sequence[Claim], now: datetime | None = None) -> list[str]:
        """Store the configured claims. Returns ids whose definition is new or changed.

        Claims no longer configured are kept (with their evidence) but marked inactive.
        """
        now = now or now_utc()
        changed: list[str] = []
        with self.session() as s:
            rows = {r.id: r for r in s.scalars(select(ClaimRow))}
            for claim in claims:
                row = rows.pop(claim.id, None)
                if row is None:
                    s.add(
                        ClaimRow(
                            id=claim.id,
                            text=claim.text,
                            definition=_claim_definition(claim),
                            definition_hash=claim.definition_hash,
                            active=True,
                            updated_at=now,
                        )
                    )
                    changed.append(claim.id)
                elif row.definition_hash != claim.definition_hash or not row.active:
                    if row.definition_hash != claim.definition_hash:
                        changed.append(claim.id)
                    row.text = claim.text
                    row.definition = _claim_definition(claim)
                    row.definition_hash = claim.definition_hash
                    row.active = True
                    row.updated_at = now
            for row in rows.values():
                if row.active:
                    row.active = False
                    row.updated_at = now
        return changed

    def get_removed_claims(self) -> list[Claim]:
        """Claims deleted from the config (their verdicts are kept), by id and text: enough
        to list them with their verdicts (`--include-removed`), not to match stories."""
        with self.session() as s:
            q = select(ClaimRow.id, ClaimRow.definition).where(ClaimRow.active.is_(False))
            rows = s.execute(q.order_by(ClaimRow.id)).all()
        return [Claim(id=claim_id, text=json.loads(d).get("text", "")) for claim_id, d in rows]

    def stale_claims(self, claims: Sequence[Claim]) -> list[str]:
        """Claims with verdicts computed against another definition (to rescore)."""
        hashes = {c.id: c.definition_hash for c in claims}
        with self.session() as s:
            rows = s.execute(select(VerdictRow.claim_id, VerdictRow.claim_hash).distinct())
            return sorted({cid for cid, h in rows if cid in hashes and hashes[cid] != h})
