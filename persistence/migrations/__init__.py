"""Alembic migrations of the OKR schema (async template)."""
