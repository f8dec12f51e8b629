"""storyline: turn news articles into accounts with every fact tied to its span."""

from __future__ import annotations

from .errors import StorylineError
from .ingest.text import Article
from .model import Account
from .pipeline import Pipeline, extract

__all__ = ["Account", "Article", "Pipeline", "StorylineError", "__version__", "extract"]

__version__ = "0.1.0"
