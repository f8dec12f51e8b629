"""The event trigger lexicon (``event_types.tsv``): PLOVER 2021 types for verbs and nouns.

The data and their provenance are in the TSV's header comment.  A row types a trigger for
any use, or only with certain objects (a *frame*: "restore ties" is cooperation, "lift
sanctions" a retreat); frames win over the bare row.  Loaded once per process.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["EventLexicon", "Sense", "event_lexicon"]

_PATH = Path(__file__).resolve().parent / "event_types.tsv"


@dataclass(frozen=True, slots=True)
class Sense:
    """What a trigger means in one use."""

    types: tuple[str, ...]
    joint: bool  # "with X" / "between X and Y" name further actors
    framed: bool = False  # chosen by its object ("restore ties")
    # The subject receives ("X received aid from Y"): "from Y" is the actor, X the target.
    received: bool = False


@dataclass(frozen=True, slots=True)
class _Row:
    types: tuple[str, ...]
    joint: bool
    objects: frozenset[str] | None  # None: any use
    negative: bool  # the objects exclude the row ("conference" but not "press conference")
    received: bool = False


class EventLexicon:
    """Trigger (lemma, or "lemma particle") and part of speech → senses."""

    def __init__(
        self, rows: dict[tuple[str, str], list[_Row]], classes: dict[str, list[str]] | None = None
    ) -> None:
        self._rows = rows
        self._classes = {name: frozenset(words) for name, words in (classes or {}).items()}
        # First words of the verb triggers ("take" of "take place"): other verbs are skipped
        # before their particles are looked at.
        self.verb_heads = frozenset(key.split(" ", 1)[0] for key, pos in rows if pos == "VERB")
        self._framed = frozenset(
            key for key, found in rows.items() if any(r.objects is not None for r in found)
        )

    def __contains__(self, key: tuple[str, str]) -> bool:
        return key in self._rows

    def has_frames(self, trigger: str, pos: str) -> bool:
        """Whether some row of the trigger depends on its objects."""
        return (trigger, pos) in self._framed

    def sense(self, trigger: str, pos: str, objects: Iterable[str]) -> Sense | None:
        """The sense of ``trigger`` with these object words; None when it is no trigger."""
        rows = self._rows.get((trigger, pos))
        if not rows:
            return None
        words = set(objects)
        framed = [r for r in rows if r.objects is not None and not r.negative
                  and not r.objects.isdisjoint(words)]  # fmt: skip
        chosen = framed or [
            r for r in rows
            if r.objects is None or (r.negative and r.objects.isdisjoint(words))
        ]  # fmt: skip
        if not chosen:
            return None
        types = tuple(dict.fromkeys(t for r in chosen for t in r.types))
        return Sense(
            types,
            any(r.joint for r in chosen),
            framed=bool(framed),
            received=any(r.received for r in chosen),
        )

    def class_words(self, name: str) -> frozenset[str]:
        """The words of an object class ("@aid"); empty for an unknown class."""
        return self._classes.get(name, frozenset())

    def frame_words(self, trigger: str, pos: str) -> frozenset[str]:
        """Every object word some frame of ``trigger`` names."""
        found: set[str] = set()
        for row in self._rows.get((trigger, pos), ()):
            if row.objects is not None and not row.negative:
                found |= row.objects
        return frozenset(found)


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


@cache
def event_lexicon() -> EventLexicon:
    classes: dict[str, list[str]] = {}
    rows: dict[tuple[str, str], list[_Row]] = {}
    header_seen = False
    with open(_PATH, encoding="utf-8") as fh:
        lines = [line.rstrip("\n") for line in fh]
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        trigger, pos, types, joint, objects = line.split("\t")
        if pos == "CLASS":
            classes[trigger] = _split(types)
            continue
        negative = objects.startswith("!")
        words: list[str] = []
        for word in _split(objects.lstrip("!")):
            # Object classes are defined before the rows that use them.
            words.extend(classes[word] if word.startswith("@") else [word])
        row = _Row(
            types=tuple(_split(types)),
            joint=joint == "actor",
            objects=None if objects == "-" else frozenset(words),
            negative=negative,
            received=joint == "from",
        )
        for key in _split(trigger):
            rows.setdefault((key, pos), []).append(row)
    return EventLexicon(rows, classes)
