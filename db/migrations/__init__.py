"""Alembic migrations for Claim Tracker, shipped inside the package as tracker.migrations."""
