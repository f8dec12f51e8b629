"""Which entity or place a token belongs to, read from the records earlier stages wrote.

Built once per document from ``doc._.sl_entities`` and ``doc._.sl_places`` (the mentions
the entity, coref and place stages recorded); where no record covers a token, spaCy's own
named-entity span is used as written, so that later stages still name the participants when
an earlier stage found nothing there.  Lookups are O(1) per token.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.attrs import IS_SPACE
from spacy.tokens import Doc, Span, Token

from ..doc import EntityRecord, PlaceRecord

__all__ = ["Mention", "MentionIndex", "strip_article"]

# NER labels that never name a participant or a place.
_NOT_PARTICIPANTS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "LANGUAGE"}
)
_ARTICLES = ("the ", "The ", "a ", "A ", "an ", "An ")


def strip_article(text: str) -> str:
    """``text`` without a leading article ("the Pentagon" → "Pentagon")."""
    text = text.strip()
    for article in _ARTICLES:
        if text.startswith(article) and len(text) > len(article):
            return text[len(article) :].strip()
    return text


@dataclass(slots=True)
class Mention:
    """One mention of a participant: its canonical name and what is known of it."""

    name: str
    label: str
    start: int  # character offsets of the mention
    end: int
    country: str | None = None
    entity: EntityRecord | None = None
    place: PlaceRecord | None = None

    @property
    def is_person(self) -> bool:
        return self.label == "PERSON"

    @property
    def is_country(self) -> bool:
        if self.place is not None and self.place.feature:
            return self.place.feature.startswith("A.PCL")
        return False


class MentionIndex:
    """Token index → the :class:`Mention` it is part of."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._by_token: dict[int, Mention] = {}
        self.mentions: list[Mention] = []
        # role word → (starts, mentions) of entity mentions with that role, in text order
        self._by_role: dict[str, tuple[list[int], list[Mention]]] | None = None
        # Read once as an array: building a Token per mention word is the costly part.
        self._space: list[int] = doc.to_array(IS_SPACE).tolist() if len(doc) else []
        places_by_key = {p.key: p for p in doc._.sl_places}
        for place in doc._.sl_places:
            for start, end in place.mentions:
                if (start, end) in place.affiliations:
                    continue  # "Russian officials": an affiliation, not a place of events
                self._add(Mention(place.name, place.label, start, end, place.country, None, place))
        # Entities after places: an entity grounded to a place keeps the place attached.
        for entity in doc._.sl_entities:
            place = places_by_key.get(entity.place_key) if entity.place_key else None
            for start, end in entity.mentions:
                mention = Mention(
                    entity.name, entity.label, start, end, entity.country, entity, place
                )
                if place is None:
                    mention.place = self._place_over(start, end)
                self._add(mention)
        for ent in doc.ents:
            if ent.label_ in _NOT_PARTICIPANTS:
                continue
            if any(i in self._by_token for i in range(ent.start, ent.end)):
                continue
            self._add(Mention(strip_article(ent.text), ent.label_, ent.start_char, ent.end_char))
        self.mentions.sort(key=lambda m: m.start)

    def _place_over(self, start: int, end: int) -> PlaceRecord | None:
        for i in self._indices(start, end):
            found = self._by_token.get(i)
            if found is not None and found.place is not None:
                return found.place
        return None

    def _indices(self, start: int, end: int) -> range:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return range(span.start, span.end) if span is not None else range(0)

    def _add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        space = self._space
        for i in self._indices(mention.start, mention.end):
            if space[i]:
                continue
            old = self._by_token.get(i)
            # A record's mention overrides a fallback NER span; a longer one a shorter.
            if old is None or (old.entity is None and mention.entity is not None) or (
                (old.entity is None) == (mention.entity is None)
                and mention.end - mention.start > old.end - old.start
            ):
                self._by_token[i] = mention

    def last_with_role(self, word: str, before: int) -> Mention | None:
        """The last entity mention starting before ``before`` whose entity has a role with
        the word ``word`` ("leader" for "North Korean leader")."""
        if self._by_role is None:
            self._by_role = {}
            for mention in self.mentions:
                if mention.entity is None:
                    continue
                words = {w for role in mention.entity.roles for w in role.lower().split()}
                for w in words:
                    starts, found = self._by_role.setdefault(w, ([], []))
                    starts.append(mention.start)
                    found.append(mention)
        entry = self._by_role.get(word)
        if entry is None:
            return None
        starts, found = entry
        pos = bisect_left(starts, before)
        return found[pos - 1] if pos else None

    def at(self, token: Token) -> Mention | None:
        return self._by_token.get(token.i)

    def in_tokens(self, tokens: Span | list[Token]) -> list[Mention]:
        """Distinct mentions that tokens belong to, in text order."""
        seen: dict[int, Mention] = {}
        for token in tokens:
            found = self._by_token.get(token.i)
            if found is not None:
                seen.setdefault(id(found), found)
        return list(seen.values())

    def last_before(self, char: int, *, person: bool = False, limit: int = 1) -> list[Mention]:
        """The nearest mentions ending before ``char`` (of persons only, if asked)."""
        found: list[Mention] = []
        names: set[str] = set()
        for mention in reversed(self.mentions):
            if mention.end > char:
                continue
            if person and not mention.is_person:
                continue
            if mention.name in names:
                continue
            names.add(mention.name)
            found.append(mention)
            if len(found) >= limit:
                break
        return found
