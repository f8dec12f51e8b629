"""Which full-name person a short name mention ("Ruiz", "Park") stands for.

Shared by ``roles`` (to borrow a country through "Ruiz is accompanied by …" before the merge)
and ``coref`` (which merges).  News introduces a person by full name and then uses one part
of it, the family name, which comes last in Western names and first in East Asian ones; so a
one-word PERSON mention matches a multi-word PERSON whose first or last word it equals (an
Arabic family name's article may be dropped: "Khatib" for "Rania al-Khatib").  When
several people share it, the one mentioned most often before it wins, then the most recent;
when none precedes, the most mentioned overall wins unless that is a tie (left unresolved).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..doc import CharSpan, EntityRecord
from ._names import name_key, paternal_surname, without_article

__all__ = ["name_parts", "resolve_short_mention"]


def name_parts(name: str) -> list[str]:
    """The words of a name, hyphenated given names kept whole ("Park Min-jae" → park, min jae)."""
    return [key for word in name.split() if (key := name_key(word))]


def _candidates(records: Sequence[EntityRecord], short: str) -> list[EntityRecord]:
    key = without_article(name_key(short))
    out = []
    for rec in records:
        if rec.label != "PERSON":
            continue
        parts = name_parts(rec.name)
        # "Khatib" or "Al-Khatib" for "Rania al-Khatib": the article may come and go;
        # "Ibáñez" for "Ricardo Ibáñez de la Torre": the first of two family names.
        if len(parts) >= 2 and (
            key in (parts[0], without_article(parts[-1]))
            or key == name_key(paternal_surname(rec.name.split()) or "")
        ):
            out.append(rec)
    return out


def resolve_short_mention(
    records: Sequence[EntityRecord], short: str, mention: CharSpan
) -> EntityRecord | None:
    """The full-name person that the one-word mention ``short`` at ``mention`` refers to."""
    if len(name_parts(short)) != 1:
        return None
    cands = _candidates(records, short)
    if not cands:
        return None
    if len(cands) == 1:
        return cands[0]
    before = []
    for rec in cands:
        earlier = [m for m in rec.mentions if m[0] < mention[0]]
        if earlier:
            before.append((len(earlier), max(m[0] for m in earlier), rec))
    if before:
        before.sort(key=lambda t: (t[0], t[1]), reverse=True)
        return before[0][2]
    ranked = sorted(cands, key=lambda r: len(r.mentions), reverse=True)
    if len(ranked[0].mentions) == len(ranked[1].mentions):
        return None
    return ranked[0]
