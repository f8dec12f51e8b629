"""The store: accounts and their texts in SQLite or PostgreSQL, behind SQLAlchemy Core.

``open_store(url)`` opens (creating and migrating) a store; ``Store.save`` writes one
account per transaction; ``ingest_items`` extracts and saves many articles; reads go through
:mod:`storyline.query`.
"""

from __future__ import annotations

from .batch import IngestSummary, ingest_items
from .store import BUSY_TIMEOUT_S, SaveResult, SaveStatus, Store, open_store

__all__ = [
    "BUSY_TIMEOUT_S",
    "IngestSummary",
    "SaveResult",
    "SaveStatus",
    "Store",
    "ingest_items",
    "open_store",
]
