"""Claims as stored: the configured definitions (with their hashes, which tell when
stored verdicts were computed against an older definition)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date, datetime

from sqlalchemy import select

from ..types import Claim, Quantity, Window
from .db import StoreBase, dump, now_utc
from .models import ClaimRow, VerdictRow


def _claim_definition(claim: Claim) -> str:
    data = asdict(claim)
    if claim.window is not None:
        data["window"] = {"by": claim.window.by.isoformat()}
    return dump(data)


def _claim_from_definition(definition: str) -> Claim:
    data = json.loads(definition)
    quantity = Quantity(**data["quantity"]) if data.get("quantity") else None
    window = Window(by=date.fromisoformat(data["window"]["by"])) if data.get("window") else None
    return Claim(
        id=data["id"],
        text=data["text"],
        entities=tuple(tuple(g) for g in data.get("entities", ())),
        keywords=tuple(data.get("keywords", ())),
        quantity=quantity,
        attributed_to=tuple(data.get("attributed_to", ())),
        window=window,
    )


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

    def get_stored_claims(self, *, active_only: bool = True) -> list[Claim]:
        with self.session() as s:
            q = select(ClaimRow).order_by(ClaimRow.id)
            if active_only:
                q = q.where(ClaimRow.active.is_(True))
            return [_claim_from_definition(r.definition) for r in s.scalars(q)]

    def stale_claims(self, claims: Sequence[Claim]) -> list[str]:
        """Claims with verdicts computed against another definition (to rescore)."""
        hashes = {c.id: c.definition_hash for c in claims}
        with self.session() as s:
            rows = s.execute(select(VerdictRow.claim_id, VerdictRow.claim_hash).distinct())
            return sorted({cid for cid, h in rows if cid in hashes and hashes[cid] != h})
