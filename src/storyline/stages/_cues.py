"""Lexicons shared by the attribution, certainty and events stages, loaded once.

Event triggers have their own loader (``storyline.resources.event_types``).

The data live in ``storyline/resources/*.tsv`` with their provenance in a header comment;
this module only parses them.  Every loader is cached: the files are read the first time a
stage needs them, never per document.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Token

from ._syntax import has_negative_subject, is_negated

__all__ = [
    "AttributionCue",
    "CertaintyCue",
    "attribution_cues",
    "certainty_cues",
    "negated_cue",
    "source_kind_words",
    "speech_verbs",
]

_RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def _rows(name: str) -> list[list[str]]:
    """Data rows of a TSV resource: comments and the header line skipped."""
    rows: list[list[str]] = []
    header_seen = False
    with open(_RESOURCES / name, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if not header_seen:
                header_seen = True
                continue
            rows.append(line.split("\t"))
    return rows


@cache
def speech_verbs() -> dict[str, tuple[str, str]]:
    """lemma → (class, certainty given to its complement)."""
    table: dict[str, tuple[str, str]] = {}
    for lemma, cls, certainty in _rows("speech_verbs.tsv"):
        table.setdefault(lemma, (cls, certainty))
    return table


@dataclass(frozen=True, slots=True)
class AttributionCue:
    cls: str  # speech | cognition | judgment | stance | intention | naming | topic
    preps: frozenset[str]  # prepositions whose object is the content ("call for")


# The reporting-verb classes of speech_verbs.tsv as attribution classes.
_SPEECH_CLASS = {
    "speech": "speech",
    "report": "speech",
    "evidence": "speech",
    "denial": "speech",
    "confirmation": "speech",
    "cognition": "cognition",
    "intention": "intention",
    "attitude": "judgment",
}


@cache
def attribution_cues() -> dict[tuple[str, str], AttributionCue]:
    """(lemma, "verb"|"noun") → cue: the reporting verbs of ``speech_verbs.tsv`` merged
    with the stance, judgment, naming and noun cues of ``attribution_cues.tsv``."""
    table: dict[tuple[str, str], AttributionCue] = {}
    for lemma, pos, cls, preps in _rows("attribution_cues.tsv"):
        words = frozenset() if preps == "-" else frozenset(preps.split(","))
        table.setdefault((lemma, pos), AttributionCue(cls, words))
    for lemma, (cls, _) in speech_verbs().items():
        table.setdefault(
            (lemma, "verb"), AttributionCue(_SPEECH_CLASS.get(cls, "speech"), frozenset())
        )
    return table


@dataclass(frozen=True, slots=True)
class CertaintyCue:
    kind: str  # modal | adverb | governor | adjective | negated | negation
    certainty: str
    scope: str  # self | complement | passive


@cache
def certainty_cues() -> dict[tuple[str, str], CertaintyCue]:
    """(lemma, kind) → cue."""
    return {
        (cue, kind): CertaintyCue(kind, certainty, scope)
        for cue, kind, certainty, scope in _rows("certainty_cues.tsv")
    }


@cache
def source_kind_words() -> tuple[dict[str, str], dict[str, str]]:
    """(head-lemma → kind, proper-name word → kind) for classifying source phrases."""
    heads: dict[str, str] = {}
    names: dict[str, str] = {}
    for word, kind, match in _rows("media.tsv"):
        (heads if match == "head" else names).setdefault(word, kind)
    return heads, names


def negated_cue(verb: Token) -> str | None:
    """The certainty a negated cue verb gives what it governs, objects included:
    "did not confirm the date of the talks", "neither side has confirmed that …"."""
    if not (is_negated(verb) or has_negative_subject(verb)):
        return None
    cue = certainty_cues().get((verb.lemma_.lower(), "negated"))
    return cue.certainty if cue is not None else None
