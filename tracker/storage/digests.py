"""Digests as recorded: one row a day, taken by one daemon at a time, sent at most once."""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..digest.rules import take_digest
from ..errors import StorageError
from ..types import ClaimStatus, DigestRecord, DigestState
from .db import StoreBase, dump, now_utc
from .models import DigestRow
from .sql import for_update


def _digest(row: DigestRow) -> DigestRecord:
    return DigestRecord(
        id=row.id,
        day=row.day,
        window_start=row.window_start,
        window_end=row.window_end,
        recipients=tuple(json.loads(row.recipients or "[]")),
        state=DigestState(row.state),
        attempts=row.attempts or 0,
        message_id=row.message_id,
        last_error=row.last_error,
        sent_at=row.sent_at,
        next_attempt=row.next_attempt,
        held_until=row.owner_expires,
        held_by=row.owner,
        claim_statuses={
            k: ClaimStatus(v) for k, v in json.loads(row.claim_statuses or "{}").items()
        },
    )


class DigestStore(StoreBase):
    def last_sent_digest(self) -> DigestRecord | None:
        with self.session() as s:
            row = s.scalar(
                select(DigestRow)
                .where(DigestRow.state == DigestState.SENT.value)
                .order_by(DigestRow.window_end.desc())
                .limit(1)
            )
            return _digest(row) if row else None

    def get_digest(self, day: date) -> DigestRecord | None:
        with self.session() as s:
            row = s.scalar(select(DigestRow).where(DigestRow.day == day))
            return _digest(row) if row else None

    def list_digests(self, limit: int = 30) -> list[DigestRecord]:
        with self.session() as s:
            q = select(DigestRow).order_by(DigestRow.day.desc()).limit(limit)
            return [_digest(r) for r in s.scalars(q)]

    def claim_digest(
        self,
        day: date,
        window_start: datetime,
        window_end: datetime,
        recipients: Sequence[str],
        *,
        force: bool = False,
        owner: str | None = None,
        hold_seconds: int = 600,
        now: datetime | None = None,
    ) -> DigestRecord | None:
        """Take the day's digest for sending, or None when it must not be sent.

        The rule is `tracker.digest.rules.take_digest`: None when the day was already
        sent (unless `force`), or when another daemon is sending it right now. The
        row is read locked and the day is unique, so two daemons agree.
        """
        now = now or now_utc()
        owner = owner or f"{socket.gethostname()}:{os.getpid()}"
        for _ in range(2):
            try:
                with self.session() as s:
                    q = select(DigestRow).where(DigestRow.day == day)
                    row = s.scalar(for_update(self.dialect, q))
                    take = take_digest(
                        _digest(row) if row is not None else None,
                        (window_start, window_end),
                        recipients,
                        owner=owner,
                        now=now,
                        hold=timedelta(seconds=hold_seconds),
                        force=force,
                    )
                    if take is None:
                        return None
                    if row is None:
                        row = DigestRow(day=day, attempts=0, claim_statuses="{}", created_at=now)
                        s.add(row)
                    row.window_start, row.window_end = take.window_start, take.window_end
                    row.recipients = dump(list(take.recipients))
                    row.state = take.state.value
                    row.owner, row.owner_expires = take.owner, take.held_until
                    s.flush()
                    return _digest(row)
            except IntegrityError:
                continue  # another daemon inserted the day first: read its row
        return None

    def mark_digest_sent(
        self,
        digest_id: int,
        *,
        message_id: str,
        sent_at: datetime,
        claim_statuses: Mapping[str, ClaimStatus],
    ) -> None:
        with self.session() as s:
            row = s.get(DigestRow, digest_id)
            if row is None:
                raise StorageError(f"no digest with id {digest_id}")
            row.state = DigestState.SENT.value
            row.message_id = message_id
            row.sent_at = sent_at
            row.attempts += 1
            row.last_error = None
            row.next_attempt = None
            row.owner = row.owner_expires = None
            row.claim_statuses = dump({k: v.value for k, v in claim_statuses.items()})

    def mark_digest_failed(
        self, digest_id: int, *, error: str, next_attempt: datetime | None
    ) -> None:
        with self.session() as s:
            row = s.get(DigestRow, digest_id)
            if row is None:
                raise StorageError(f"no digest with id {digest_id}")
            row.state = DigestState.FAILED.value
            row.attempts += 1
            row.last_error = error[:2000]
            row.next_attempt = next_attempt
            row.owner = row.owner_expires = None
