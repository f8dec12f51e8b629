"""One exception tree.  Everything storyline raises on purpose is a :class:`StorylineError`.

Each error has a stable dotted ``code`` (used in the HTTP error shape
``{"error": {"code": ..., "message": ...}}``) and a message a user can act on.
"""

from __future__ import annotations

__all__ = [
    "AmbiguousId",
    "BadDate",
    "BadQuery",
    "BadStoreUrl",
    "ConfigError",
    "EmptyInput",
    "EvalError",
    "InputError",
    "MissingFile",
    "NoPublicationDate",
    "NotEnglish",
    "NotFound",
    "NotText",
    "ResourceError",
    "StoreError",
    "StoreLocked",
    "StoreUnavailable",
    "StorylineError",
    "TooLarge",
]


class StorylineError(Exception):
    """Everything storyline raises on purpose."""

    code = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def as_dict(self) -> dict[str, dict[str, str]]:
        return {"error": {"code": self.code, "message": self.message}}


class InputError(StorylineError):
    """The user's input cannot be processed."""

    code = "input"


class EmptyInput(InputError):
    code = "input.empty"


class NotText(InputError):
    """Binary data, or text that is not valid UTF-8."""

    code = "input.not_text"


class TooLarge(InputError):
    code = "input.too_large"


class NotEnglish(InputError):
    code = "input.not_english"


class MissingFile(InputError):
    code = "input.missing_file"


class BadDate(InputError):
    code = "input.bad_date"


class NoPublicationDate(InputError):
    code = "input.no_date"


class BadQuery(InputError):
    """A search query with nothing to look for, too long, or refused by the database."""

    code = "input.bad_query"


class ConfigError(StorylineError):
    code = "config"


class ResourceError(StorylineError):
    """A bundled or cached resource (model, gazetteer, lexicon) cannot be loaded."""

    code = "resource"


class StoreError(StorylineError):
    code = "store"


class NotFound(StoreError):
    code = "store.not_found"


class AmbiguousId(NotFound):
    """An id prefix that matches more than one document."""

    code = "store.ambiguous_id"


class BadStoreUrl(StoreError):
    """A ``--db`` URL that cannot be parsed or names a database we have no driver for."""

    code = "store.bad_url"


class StoreUnavailable(StoreError):
    """The database cannot be opened or reached, or is not a storyline store."""

    code = "store.unavailable"


class StoreLocked(StoreError):
    """Another process holds the database's write lock for too long."""

    code = "store.locked"


class EvalError(StorylineError):
    code = "eval"
