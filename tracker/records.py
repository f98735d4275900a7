"""Our types as flat JSON-ready records: one shape for each, shared by the CLI's json,
jsonl and csv output and the web app's `/api/...` (so a script reading one reads both)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .digest.content import standing
from .types import ClaimSummary, Evidence, FeedState, Stance, StoredStory

EVIDENCE_KEYS = (
    "verdict_id", "claim_id", "stance", "engine_stance", "score", "evidence", "reasons",
    "story_title", "story_url", "feed_url", "feed_name", "published", "logged_at", "copies",
    "engine_version", "basis", "review_decision", "review_note",
)  # fmt: skip


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def claim_record(s: ClaimSummary) -> dict[str, Any]:
    """A claim with its status and counts of independent sources per stance."""
    return {
        "id": s.claim.id,
        "text": s.claim.text,
        "status": s.status.value,
        "corroborating": s.counts.get(Stance.CORROBORATES, 0),
        "contradicting": s.counts.get(Stance.CONTRADICTS, 0),
        "discussing": s.counts.get(Stance.DISCUSSES, 0),
        "copies": {k.value: v for k, v in s.copies.items()},
        "support": round(s.support, 4),
        "opposition": round(s.opposition, 4),
        "standing": standing(s),
        "explanation": s.explanation,
    }


def evidence_record(e: Evidence) -> dict[str, Any]:
    """One verdict as a flat record (jsonl, csv, export, the web API)."""
    return {
        "verdict_id": e.verdict_id,
        "claim_id": e.claim_id,
        "stance": e.stance.value,
        "engine_stance": e.engine_stance.value,
        "score": round(e.score, 4),
        "evidence": e.evidence,
        "reasons": list(e.reasons),
        "story_title": e.story_title,
        "story_url": e.story_url,
        "feed_url": e.feed_url,
        "feed_name": e.feed_name,
        "published": iso(e.published),
        "logged_at": iso(e.logged_at),
        "copies": e.copies,
        "engine_version": e.engine_version,
        "basis": e.basis,
        "review_decision": e.review.decision.value if e.review else None,
        "review_note": e.review.note if e.review else None,
    }


def feed_record(f: FeedState, interval: int) -> dict[str, Any]:
    """A feed and its polling state; `interval` is the one in force (the feed's or the
    global one)."""
    return {
        "url": f.url,
        "name": f.name,
        "source": f.source,
        "interval": interval,
        "tags": list(f.tags),
        "last_polled": iso(f.last_polled),
        "last_success": iso(f.last_success),
        "next_poll": iso(f.next_poll),
        "error_count": f.error_count,
        "last_error": f.last_error,
        "failing_since": iso(f.failing_since),
        "problem": f.problem,
    }


def story_record(s: StoredStory, feed_name: str | None = None) -> dict[str, Any]:
    """A stored story with its verdict counts (and its feed's name, when given)."""
    return {
        "id": s.id,
        "title": s.story.title,
        "url": s.story.link,
        "feed_url": s.feed_url,
        "feed_name": feed_name,
        "published": iso(s.story.published),
        "first_seen": iso(s.first_seen),
        "lang": s.story.lang,
        "cluster_id": s.cluster_id,
        "corroborating": s.verdicts.get(Stance.CORROBORATES, 0),
        "contradicting": s.verdicts.get(Stance.CONTRADICTS, 0),
        "discussing": s.verdicts.get(Stance.DISCUSSES, 0),
    }
