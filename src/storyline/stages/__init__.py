"""The extraction stages, one module each, registered with spaCy by name.

Each module declares a spaCy factory ``storyline_<name>`` with the extensions it reads
(``requires``) and writes (``assigns``).  ``STAGE_ORDER`` is the order the pipeline runs them.
"""

from __future__ import annotations

import importlib

__all__ = ["STAGE_ORDER", "factory_name", "load_stage_modules"]

STAGE_ORDER: tuple[str, ...] = (
    "repair",
    "paragraphs",
    "entities",
    "roles",
    "coref",
    "times",
    "places",
    "quantities",
    "attribution",
    "certainty",
    "events",
    "main_event",
    "route",
)


def factory_name(stage: str) -> str:
    return f"storyline_{stage}"


def load_stage_modules() -> None:
    """Import every stage module so that its factory is registered with spaCy."""
    for stage in STAGE_ORDER:
        importlib.import_module(f"{__name__}.{stage}")
