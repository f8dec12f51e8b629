"""Alembic revisions, oldest first (Alembic reads the ``revision`` fields, not file names)."""
