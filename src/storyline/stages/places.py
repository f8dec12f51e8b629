"""The places stage: place mentions recognised, grounded in the gazetteer, grouped.

Recognition
    * entity mentions labelled GPE, LOC or FAC (the entities stage has already corrected
      spaCy's types; when it left no records, spaCy's own entities are read);
    * capitalised names the entities missed, when the text or the gazetteer says they are
      places: a feature noun ("the Sava River", "Lake Ohrid", "Lund station"), a
      settlement cue ("the city of X", "near X", "in X"), or a name that is a country,
      continent or first-level division;
    * a name followed by an apposition that says what and whose it is ("Narva, the first
      Estonian town across the river"), even when NER typed it as an organisation;
    * never a span that overlaps a PERSON, ORG or NORP entity, and never a demonym.

Affiliations
    A demonym or place adjective ("Russian envoys", "European leaders", "Texans") and a
    place named inside an organisation's name ("the Bank of Japan", "Cavan County Council")
    name a place, but as an affiliation: the mention is listed with the place's mentions
    (``PlaceRecord.affiliations`` marks it), never becomes one of its names or an entity,
    and the mention index leaves it out, so events and routes never take it as the place
    where something happens.  A town inside an organisation's name counts only when the
    document names that town as a place elsewhere.

Grounding
    Candidates come from :func:`storyline.resources.gazetteer.get_gazetteer` and are ranked by
    the gazetteer's prior (population, feature, main name over alias), then re-ranked with the
    document's context: the countries of the other places, a container named right after
    ("Springfield, Illinois"), and the feature class the text implies ("X River" is a stream
    and never a city of the same name; "X station" a spot).

    An apposition with a demonym ("Narva, the first Estonian station on the other side")
    restricts the name to that country: a namesake abroad is never taken; with no entry in
    that country the place keeps the country and no coordinates.

    Bridges, border crossings, stations, dams and tunnels the gazetteer lacks never take a
    town's coordinates by default (they are often far from the story's towns).  The one
    exception: the clause ties the spot to a settlement with "at/in/near X" ("the Oder
    Bridge at Slubice"); a settlement is a point at the scale we ground at, so the spot takes
    its position (``source`` says so).  A river or region is not a point: "the X Bridge over
    the Y River" leaves the bridge without coordinates.

    Spelling and transliteration variants of one river in one document ("Dniester" /
    "Dnister", "Sava" / "Save") are one place: same stream class, and the names agree once
    diacritics, vowels and the usual transliteration pairs (g/h, b/v, c/z/k) are set aside,
    or differ by one or two edits.  The same comparison finds a landmark row for a river
    name the gazetteer does not hold verbatim.

Grouping
    Mentions of one gazetteer entry form one :class:`PlaceRecord`; its name is the fullest form
    the text gives, the other forms and the gazetteer's name are aliases.  Entity records that
    name it get its ``place_key``; a place no entity named gets a new entity record.

Metonymy
    A place that is the subject of a verb of saying, deciding or acting ("Moscow could use it",
    "Beijing said") keeps its grounding; the mention is listed in ``metonymic``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from spacy.attrs import IDX, LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..doc import CharSpan, EntityRecord, PlaceRecord, text_of
from ..geo import great_circle_km
from ..resources.countries import (
    adjective_forms,
    country_code,
    country_of_demonym,
    demonym_forms,
    place_of_adjective,
)
from ..resources.gazetteer import GazEntry, Gazetteer, fold, get_gazetteer
from ..resources.landmarks import LandmarkRow, landmark_rows

__all__ = ["PlacesStage", "feature_noun"]

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_BLOCK_LABELS = frozenset({"PERSON", "ORG", "NORP"})
_HYPHEN_TOKENS = frozenset({"-", "‐", "‑"})
# Lower-case cue words before a name that make it a settlement, division or region.
_OF_CUES: dict[str, str] = {
    "city": "P",
    "town": "P",
    "village": "P",
    "township": "P",
    "capital": "P",
    "port": "P",
    "province": "A",
    "state": "A",
    "region": "A",
    "county": "A",
    "district": "A",
    "prefecture": "A",
    "island": "T",
    "islands": "T",
}
_PREP_CUES = frozenset(
    {"in", "near", "at", "from", "to", "outside", "across", "via", "towards", "toward",
     "around", "into", "through", "throughout", "between", "and", "of"}
)  # fmt: skip
# Verbs whose subject, when a country or city, stands for its government or people.
_METONYMY_VERBS_FILE = "speech_verbs.tsv"
_ACTION_VERBS = frozenset(
    {"decide", "agree", "refuse", "reject", "accept", "approve", "use", "want", "plan",
     "seek", "demand", "threaten", "warn", "urge", "accuse", "condemn", "support", "back",
     "oppose", "impose", "sanction", "respond", "retaliate", "pledge", "vow", "promise",
     "send", "deploy", "launch", "sign", "offer", "ask", "call", "insist", "hope", "expect",
     "intend", "invite", "host", "welcome", "recognize", "recognise", "expel", "ban",
     "block", "announce", "deny", "confirm", "claim", "say", "tell", "win", "lose", "invade",
     "attack", "buy", "sell", "supply", "provide", "export", "import", "need", "try"}
)  # fmt: skip
_GPE_FEATURES = ("A.", "P.")
# Spots that lie between towns rather than in them.
# Stations too: a border station is named for the frontier, not for the story's town.
_FAR_FEATURES = frozenset(
    {"S.BDG", "S.PSTB", "S.SPC", "S.INSM", "S.AIRB", "S.DAM", "S.TNL", "S.RSTN", "S.RSTP"}
)  # fmt: skip
# Spots named for a town that often lie far from it (a border station is named for the
# frontier, not for the story's town).
_APART = frozenset({"S.BDG", "S.PSTB", "S.DAM", "S.TNL", "S.RSTN", "S.RSTP"})
# Divisions too large to stand for a town named in an apposition.
_TOO_BIG = frozenset({"A.PCLI", "A.PCLD", "A.PCLS", "A.PCLF", "A.PCLIX", "A.PCLH", "A.ADM1"})
# A city that opens a spot's name stands for the spot only from this size up.
_CITY_OPENING_POP = 100_000
# English nouns for a populated place or a detached piece of a country that an apposition may
# use beside the cue words above ("Vorukh, a Tajik exclave"; "X, a Senegalese fishing hamlet").
_SETTLEMENT_NOUNS = frozenset(
    {"hamlet", "settlement", "suburb", "exclave", "enclave", "municipality", "commune",
     "community", "outpost", "kishlak", "kibbutz", "borough"}
)  # fmt: skip
# "between X and Y" read as places: X must have a reading this close to Y.
_PAIR_KM = 1000.0
# A river found by a variant spelling lies at most this far from the story's centre (rivers
# are placed at their mouths, which can be far from where a story crosses them).
_RIVER_KM = 2500.0
# A river named like a town takes the town's position only for a town of this size, this near
# the story's places.
_RIVER_TOWN_POP = 5_000
_RIVER_TOWN_KM = 150.0
# A one-word name NER read as a person becomes the town the document names so elsewhere only
# when that town has this many people.
_PERSON_PLACE_POP = 10_000
# A town this small, in a country the document does not otherwise name and this far from the
# story's places, is a namesake, not the place meant.
_NAMESAKE_POP = 10_000
_NAMESAKE_KM = 1000.0
# "the Oder Bridge at Slubice": words that tie a spot to the settlement named next.
_TIE_WORDS = frozenset({"at", "in", "near"})
_OF_PREFIX = re.compile(
    r"^(City|Town|Village|Province|State|Region|County|District|Prefecture) of ", re.IGNORECASE
)
_DIRECTIONS = frozenset(
    {"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
     "northeastern", "northwestern", "southeastern", "southwestern", "rural", "downtown"}
)  # fmt: skip
# What may stand between two mentions that make one name ("Democratic Republic of the Congo").
_JOINING_GAPS = frozenset({"", "of", "of the"})
# Compass words that end a division's name ("Mashonaland West", "Kasai Occidental").
_COMPASS_SUFFIXES = frozenset(
    {"north", "south", "east", "west", "central", "northeast", "northwest", "southeast",
     "southwest", "occidental", "oriental"}
)  # fmt: skip
# "Abu Dhabi-based", "U.S.-led": a place name compounded with a participle.
# Words before a known name that make a part or a neighbourhood of it ("Old Town X").
_MODIFIERS = _DIRECTIONS | {"greater", "upper", "lower", "old", "new", "town", "metro", "inner"}
_COMPOUND_HEADS = frozenset(
    {"based", "led", "born", "backed", "owned", "run", "bound", "made", "headquartered",
     "registered", "flagged", "listed", "area", "region", "wide"}
)  # fmt: skip
_DATELINE_NEXT = frozenset({"—", "–", "-", "--", "(", ":"})
_TRAILING_JUNK = re.compile(r"[\s'’]+s?$")


@dataclass(frozen=True, slots=True)
class FeatureNoun:
    word: str
    cls: str
    feature: str
    position: str  # after | before | both


@cache
def _feature_nouns() -> dict[str, FeatureNoun]:
    text = resources.files("storyline.resources").joinpath("feature_nouns.tsv").read_text("utf-8")
    out: dict[str, FeatureNoun] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, cls, feature, position = line.split("\t")
        out[word] = FeatureNoun(word, cls, feature, position)
    return out


def feature_noun(word: str) -> FeatureNoun | None:
    """The feature noun ``word`` is ("River" → class H, ``H.STM``), if any."""
    return _feature_nouns().get(word.lower())


@cache
def _metonymy_verbs() -> frozenset[str]:
    verbs = set(_ACTION_VERBS)
    try:
        text = (
            resources.files("storyline.resources").joinpath(_METONYMY_VERBS_FILE).read_text("utf-8")
        )
    except FileNotFoundError:
        return frozenset(verbs)
    for line in text.splitlines():
        if line and not line.startswith(("#", "lemma\t")):
            verbs.add(line.split("\t", 1)[0].strip().lower())
    return frozenset(verbs)


@dataclass
class _Cand:
    start: int  # character offsets
    end: int
    text: str
    label: str | None  # NER label when it came from an entity
    entity: EntityRecord | None
    cls: str | None = None  # feature class the text implies
    feature: str | None = None  # default feature when the gazetteer has no entry
    lookup: list[str] = field(default_factory=list)  # names to try, in order
    entry: GazEntry | None = None
    tok_start: int = 0
    tok_end: int = 0
    cue: bool = False  # found by a textual cue rather than by NER
    # Found only because the gazetteer knows the name: kept only if it lies in a country the
    # rest of the document is about ("Centre" is a region of Burkina Faso and a common word).
    weak: bool = False
    # The country an apposition gives ("X, the first Polish station"): a hard constraint.
    hint: str | None = None
    # A settlement the clause ties an unplaced spot to ("the X Bridge at Y").
    tied: GazEntry | None = None
    # Shared grouping key of spelling variants that no gazetteer entry grounds.
    merge: str | None = None
    # "between X and Y": the place X is paired with; X is grounded near it.
    pair: _Cand | None = None
    # An affiliation, not a location: a demonym ("Russian envoys") or a place named inside an
    # organisation's name ("the Bank of Japan").  Listed with the place's mentions, never
    # made an entity, never a place where an event happens.
    affil: bool = False
    # "Taraz, formerly known as Dzhambul": the place this name is another name of.
    same_as: _Cand | None = None


def _is_cap(tok: Token) -> bool:
    return _is_cap_text(tok.text)


def _is_cap_text(t: str) -> bool:
    return bool(t) and t[0].isupper() and any(c.isalpha() for c in t)


class PlacesStage:
    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self._gaz = gazetteer

    @property
    def gaz(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = get_gazetteer()
        return self._gaz

    def __call__(self, doc: Doc) -> Doc:
        cands = self._candidates(doc)
        if not cands:
            return doc
        self._resolve(doc, cands)
        cands.extend(_persons_named_as_places(doc, cands))
        self._group(doc, cands)
        return doc

    # --- recognition -------------------------------------------------------------------

    def _candidates(self, doc: Doc) -> list[_Cand]:
        entities: list[EntityRecord] = list(doc._.sl_entities)
        blocked: list[CharSpan] = []
        cands: list[_Cand] = []
        spans: list[tuple[int, int, str, EntityRecord | None]] = []
        if entities:
            for ent in entities:
                for s, e in ent.mentions:
                    spans.append((s, e, ent.label, ent))
        else:
            spans = [(e.start_char, e.end_char, e.label_, None) for e in doc.ents]
        demonyms = demonym_forms()
        person_words: set[str] = set()
        for s, e, label, rec in spans:
            if label in ("ORG", "PERSON"):
                cand = self._appositive_name(doc, s, e, rec)
                if cand is not None:
                    # "Narva, the first Estonian station ...": NER misread a small town.
                    cands.append(cand)
                    continue
            if label in _BLOCK_LABELS:
                blocked.append((s, e))
            if label == "PERSON" and " " in text_of(doc)[s:e].strip():
                person_words.update(text_of(doc)[s:e].split())
        for s, e, label, rec in spans:
            if label not in _PLACE_LABELS:
                continue
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None:
                continue
            span = _trim(span)
            if span is None or span.text.casefold() in demonyms:
                continue
            if span.text in person_words and not self._major_place(span.text):
                continue  # "Salah" after "Mohamed Salah": a surname, not a place
            if _names_something_else(doc, span):
                continue  # "West Nile virus", "Marburg fever"
            if self._outlet_name(span):
                continue  # "(West Coast Wire)": a news outlet that NER read as a region
            if (
                len(span) == 1
                and feature_noun(span.text) is not None
                and not any(m.entry.source == "landmarks" for m in self.gaz.matches(span.text))
            ):
                continue  # "the Valley", "the Strip": a short name the gazetteer cannot place
            for part in self._split_list(span):
                cand = _Cand(part.start_char, part.end_char, part.text, label, rec)
                cand.tok_start, cand.tok_end = part.start, part.end
                self._extend_hyphenated(doc, cand)
                _extend_with_noun(doc, cand)
                cands.append(cand)
        cands = self._join_adjacent(doc, cands)
        covered = sorted([(c.start, c.end) for c in cands] + blocked)
        pending: list[Span] = []  # capitalised names no rule took, for _list_members
        cands.extend(self._gazetteer_matches(doc, covered, blocked, pending, person_words))
        cands.extend(self._list_members(doc, cands, pending))
        cands.extend(self._misread_names(doc, spans, cands))
        _rio_rivers(cands)
        persons = [(s, e) for s, e, label, _ in spans if label == "PERSON"]
        times = [(t.start, t.end) for t in doc._.sl_times]
        lower = [t.lower_ for t in doc]
        cands.extend(
            self._demonyms(doc, sorted([(c.start, c.end) for c in cands] + persons + times), lower)
        )
        cands.extend(self._embedded(doc, spans, [(c.start, c.end) for c in cands] + times))
        cands.extend(_other_names(doc, cands, spans))
        self._rivers_by_context(doc, cands)
        # One sense per discourse: a name the text once calls a virus or a fever ("Marburg
        # virus") is the disease wherever it stands alone too.
        diseases = _disease_names(doc, lower)
        if diseases:
            cands = [c for c in cands if fold(c.text) not in diseases]
        cands.sort(key=lambda c: c.start)
        return cands

    def _join_adjacent(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        """Two place mentions next to each other, or joined by "of (the)", that together are
        one place's own name ("Democratic Republic of the" + "Congo", "Democratic Republic"
        + "of the" + "Congo") are one mention; so is a mention and the compass word after it
        ("Mashonaland" + "West") when the gazetteer knows the whole."""
        cands.sort(key=lambda c: c.start)
        out: list[_Cand] = []
        text = text_of(doc)
        for c in cands:
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.cls is None
                and c.cls is None
                and prev.end < c.start
                and text[prev.end : c.start].strip() in _JOINING_GAPS
            ):
                joined = text[prev.start : c.end]
                if any(m.primary for m in self.gaz.matches(joined)):
                    prev.end, prev.text, prev.tok_end = c.end, joined, c.tok_end
                    prev.lookup = [joined]
                    continue
            out.append(c)
        taken = {c.tok_start for c in out}
        for c in out:
            if c.cls is not None or c.tok_end >= len(doc) or c.tok_end in taken:
                continue
            nxt = doc[c.tok_end]
            if nxt.lower_ not in _COMPASS_SUFFIXES or not _is_cap(nxt) or nxt.idx != c.end + 1:
                continue
            joined = text[c.start : nxt.idx + len(nxt.text)]
            if any(m.primary for m in self.gaz.matches(joined)):
                c.end, c.text, c.tok_end = nxt.idx + len(nxt.text), joined, nxt.i + 1
                c.lookup = [joined]
        return out

    def _appositive_name(
        self, doc: Doc, start: int, end: int, rec: EntityRecord | None
    ) -> _Cand | None:
        """A short capitalised name an apposition calls a station or town of a country."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) > 3 or not all(_is_cap(t) for t in span):
            return None
        if _appositive(doc, span.end) is None:
            return None
        cand = _Cand(span.start_char, span.end_char, span.text, None, rec)
        cand.tok_start, cand.tok_end = span.start, span.end
        cand.lookup, cand.cue = [span.text], True
        return cand

    def _extend_hyphenated(self, doc: Doc, c: _Cand) -> None:
        """ "Mazar-e-Sharif", "Stratford-upon-Avon": NER stops at the first hyphen; the
        hyphen-joined words after it belong to the name when the gazetteer knows the whole."""
        end = c.tok_end
        while (
            end + 1 < len(doc)
            and doc[end].text in _HYPHEN_TOKENS
            and not doc[end - 1].whitespace_
            and not doc[end].whitespace_
            and doc[end + 1].is_alpha
        ):
            end += 2
        if end == c.tok_end:
            return
        last = doc[end - 1]
        text = text_of(doc)[c.start : last.idx + len(last.text)]
        if not self.gaz.matches(text):
            return
        c.end, c.text, c.tok_end = last.idx + len(last.text), text, end

    def _misread_names(
        self,
        doc: Doc,
        spans: list[tuple[int, int, str, EntityRecord | None]],
        cands: list[_Cand],
    ) -> list[_Cand]:
        """Names NER typed as organisations or people that the text makes places:

        * "between X and Y" with the other a place ("the bridge between Narva and
          Ivangorod"), when the gazetteer has a settlement or division X near Y (the
          nearest reading within ``_PAIR_KM``; none → not a place);
        * "Rio X" / "Rio X" when "X River" is a place of the document (the Spanish and
          Portuguese name of the same river)."""
        added: list[_Cand] = []
        by_start = {c.tok_start: c for c in cands}
        by_end = {c.tok_end: c for c in cands}
        taken = {(c.start, c.end) for c in cands}
        river_stems = [_stem(c.text) for c in cands if c.cls == "H"]
        for s, e, label, rec in spans:
            if label not in ("ORG", "PERSON") or (s, e) in taken:
                continue
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None or len(span) > 3 or not all(_is_cap(t) for t in span):
                continue
            a, b = span.start, span.end
            words = span.text.split()
            if len(words) > 1 and fold(words[0]) == "rio" and river_stems:
                stem = _stem(" ".join(words[1:]))
                if any(_variants(stem, other) for other in river_stems):
                    cand = _Cand(s, e, span.text, None, rec, cls="H", feature="H.STM")
                    cand.tok_start, cand.tok_end = a, b
                    cand.lookup, cand.cue = [" ".join(words[1:]) + " River"], True
                    added.append(cand)
                continue
            right = (
                a > 0
                and doc[a - 1].lower_ == "between"
                and b + 1 < len(doc)
                and doc[b].lower_ == "and"
                and (b + 1) in by_start
            )
            left_cand = by_end.get(a - 1) if a > 1 and doc[a - 1].lower_ == "and" else None
            left = (
                left_cand is not None
                and left_cand.tok_start > 0
                and doc[left_cand.tok_start - 1].lower_ == "between"
            )
            if not (right or left):
                continue
            if not any(m.entry.feature_class in ("P", "A") for m in self.gaz.matches(span.text)):
                continue
            cand = _Cand(s, e, span.text, None, rec)
            cand.tok_start, cand.tok_end = a, b
            cand.lookup, cand.cue = [span.text], True
            cand.pair = by_start[b + 1] if right else left_cand
            added.append(cand)
        return added

    def _rivers_by_context(self, doc: Doc, cands: list[_Cand]) -> None:
        """ "the far bank of the Niger", "across the Congo": a country's name after words of a
        river's course is the river of that name, when the gazetteer has one ("Niger River")."""
        for c in cands:
            if (
                c.cls is not None
                or c.affil
                or c.tok_start < 2
                or doc[c.tok_start - 1].lower_ != "the"
            ):
                continue
            if not _river_context(doc, c.tok_start - 1):
                continue
            river = f"{c.text} River"
            if any(m.entry.feature == "H.STM" for m in self.gaz.matches(river)):
                c.cls, c.feature, c.label = "H", "H.STM", "LOC"
                c.lookup = [river]

    def _embedded(
        self,
        doc: Doc,
        spans: list[tuple[int, int, str, EntityRecord | None]],
        taken: list[CharSpan],
    ) -> list[_Cand]:
        """Places named inside an organisation's name ("the Bank of Japan", "the Houston
        Rockets", "Cavan County Council"): affiliations of the organisation.  A country,
        continent or first-level division always counts; a town only when it has a main
        name of that spelling, and (under 100,000 people) only in a country the document
        is about (``weak``)."""
        added: list[_Cand] = []
        org_words = _org_words()
        demonyms = demonym_forms()
        taken_index = _SpanIndex(taken)
        for s, e, label, _rec in spans:
            if label != "ORG":
                continue
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None:
                continue
            # Shaped like an organisation's name, not a person's that NER misread ("Georgia
            # Hale"): an organisation noun, three words or more, a plural ("the Houston
            # Rockets"), or a place last ("Air Canada"), where a given name never stands.
            short = len(span) < 3 and not any(
                t.lower_ in org_words or t.tag_ == "NNPS" for t in span
            )
            i = span.start
            while i < span.end:
                found: tuple[int, bool] | None = None
                for j in range(min(span.end, i + 4), i, -1):
                    window = doc[i:j]
                    if not all(_is_cap(t) for t in window) or taken_index.overlaps(
                        window.start_char, window.end_char
                    ):
                        continue
                    if j - i == 1 and (
                        window[0].lower_ in org_words
                        or window[0].is_stop
                        or window[0].lower_ in demonyms
                        or window[0].lower_ in _MODIFIERS
                    ):
                        continue
                    strength = self._embedded_strength(window.text)
                    if strength is not None:
                        found = (j, strength)
                        break
                if found is None:
                    i += 1
                    continue
                j, strong = found
                if short and (i == span.start and j < span.end):
                    i = j
                    continue  # "Georgia Hale": a given name, not a place
                window = doc[i:j]
                cand = _Cand(window.start_char, window.end_char, window.text, None, None)
                cand.tok_start, cand.tok_end = i, j
                cand.lookup, cand.cue, cand.affil, cand.weak = [window.text], True, True, not strong
                added.append(cand)
                i = j
        return added

    def _embedded_strength(self, name: str) -> bool | None:
        """True: a country, continent, first-level division or large town of this name;
        False: a smaller town's own name; None: no place."""
        if country_code(name) is not None:
            return True
        weak = False
        for m in self.gaz.matches(name):
            e = m.entry
            if not m.primary:
                continue
            if e.feature in ("A.PCLI", "L.CONT", "A.ADM1") or (
                e.feature_class == "P" and e.population >= 100_000
            ):
                return True
            if e.feature_class == "P" and e.population >= 1_000:
                weak = True
        return False if weak else None

    def _demonyms(self, doc: Doc, taken: list[CharSpan], lower: list[str]) -> list[_Cand]:
        """Demonyms and place adjectives ("Russian envoys", "European leaders", "Texans"):
        affiliations of the country or region they name.  Not when they open a place's own
        name the gazetteer knows ("British Columbia", "Indian Ocean")."""
        demonyms = demonym_forms()
        starts = _demonym_starts()
        added: list[_Cand] = []
        n = len(doc)
        i = 0
        while i < n:
            if lower[i] not in starts or not _is_cap(doc[i]):
                i += 1
                continue
            found: Span | None = None
            for k in (3, 2, 1):
                if i + k > n:
                    continue
                window = doc[i : i + k]
                if k > 1 and (not all(_is_cap(t) for t in window) or window[0].is_stop):
                    continue
                text = window.text
                if text.casefold() in demonyms or place_of_adjective(text) is not None:
                    found = window
                    break
            if found is None:
                i += 1
                continue
            i = found.end
            if _overlaps(found.start_char, found.end_char, taken):
                continue
            if found.end < n and _is_cap(doc[found.end]):
                longer = doc[found.start : found.end + 1].text
                if any(m.primary for m in self.gaz.matches(longer)):
                    continue  # "British Columbia": the name of another place
                noun = feature_noun(doc[found.end].text)
                if (
                    noun is not None
                    and noun.position in ("after", "both")
                    and (noun.cls in ("H", "L", "T") or noun.feature == "P.PPLX")
                ):
                    # "the French Quarter", "the Greek Islands": a place's own name.  Not a
                    # division's or a building's: "Chinese State Councilor", "the British
                    # Embassy" name the country.
                    named = doc[found.start : found.end + 1]
                    # A span inside the name ("Quarter" read as a time) does not block it.
                    outside = [
                        (a, b) for a, b in taken if a < named.start_char or b > named.end_char
                    ]
                    if not _overlaps(named.start_char, named.end_char, outside):
                        place = _Cand(named.start_char, named.end_char, named.text, None, None)
                        place.tok_start, place.tok_end = named.start, named.end
                        place.cue, place.cls, place.feature = True, noun.cls, noun.feature
                        place.lookup = [named.text]
                        added.append(place)
                        i = named.end
                    continue
            cand = _Cand(found.start_char, found.end_char, found.text, None, None)
            cand.tok_start, cand.tok_end = found.start, found.end
            cand.cue, cand.affil = True, True
            adjective = place_of_adjective(found.text)
            if adjective is not None:
                cand.lookup, cand.cls = [adjective[0]], adjective[1]
            else:
                iso = country_of_demonym(found.text)
                entry = self.gaz.country(iso) if iso else None
                if entry is None:
                    continue  # "Arab", "Tamil": no one place
                cand.lookup, cand.entry = [entry.name], entry
            added.append(cand)
        return added

    def _list_members(self, doc: Doc, cands: list[_Cand], pending: list[Span]) -> list[_Cand]:
        """Names listed with places are places too ("stores in Zilina, Nitra and Kosice"),
        when the gazetteer has a settlement or division of that name; they still need the
        document's country (``weak``)."""
        added: list[_Cand] = []
        ends = {c.end for c in cands}
        starts = {c.start for c in cands}
        for span in pending:
            if not any(m.primary and m.entry.feature_class in ("P", "A")
                       for m in self.gaz.matches(span.text)):  # fmt: skip
                continue
            before = text_of(doc)[max(0, span.start_char - 6) : span.start_char]
            after = text_of(doc)[span.end_char : span.end_char + 6]
            left = any(before.endswith(sep) and span.start_char - len(sep) in ends
                       for sep in (", ", " and ", ", and "))  # fmt: skip
            right = any(after.startswith(sep) and span.end_char + len(sep) in starts
                        for sep in (", ", " and "))  # fmt: skip
            if not (left or right):
                continue
            cand = _Cand(span.start_char, span.end_char, span.text, None, None)
            cand.tok_start, cand.tok_end = span.start, span.end
            cand.lookup, cand.cue, cand.weak = [span.text], True, True
            added.append(cand)
        return added

    def _outlet_name(self, span: Span) -> bool:
        """A name ending in a word that makes it a news outlet's ("Steppe Wire", "Coast
        Press", "Delta Daily"), which the gazetteer does not know as a place."""
        last = span[-1].lower_
        if len(span) < 2 or last not in _media_heads() or feature_noun(last) is not None:
            return False
        return not self.gaz.matches(span.text)

    def _major_place(self, name: str) -> bool:
        return any(
            m.primary and (m.entry.population >= 100_000 or m.entry.feature == "A.PCLI")
            for m in self.gaz.matches(name)
        )

    def _split_list(self, span: Span) -> list[Span]:
        """ "Springfield, Illinois" tagged as one span is two places: split at commas when
        every part is a place name."""
        if not any(t.text == "," for t in span):
            return [span]
        parts: list[Span] = []
        start = span.start
        for tok in span:
            if tok.text == ",":
                if tok.i > start:
                    parts.append(span.doc[start : tok.i])
                start = tok.i + 1
        if start < span.end:
            parts.append(span.doc[start : span.end])
        if len(parts) > 1 and all(self.gaz.is_place_name(p.text) for p in parts):
            return parts
        return [span]

    def _gazetteer_matches(
        self,
        doc: Doc,
        covered: list[CharSpan],
        blocked: list[CharSpan],
        pending: list[Span],
        person_words: Collection[str] = (),
    ) -> Iterator[_Cand]:
        """Capitalised names the entities missed that the text or gazetteer marks as places;
        not a word of a person's name in the document ("Harden" after "Maya Harden") unless
        a major place, and not an acronym the text defines ("... Alliance (ALMA)")."""
        times = [(t.start, t.end) for t in doc._.sl_times]
        taken = _SpanIndex(covered + times)
        demonyms = demonym_forms()
        i = 0
        n = len(doc)
        # Token texts, forms and offsets read once as arrays: this scan visits every token,
        # and ``doc[i]`` builds a new Token object each time.
        strings = doc.vocab.strings
        columns = doc.to_array([ORTH, LOWER, IDX]).tolist() if n else []
        texts = [strings[c[0]] for c in columns]
        caps = [_is_cap_text(t) for t in texts]
        while i < n:
            if not caps[i] or taken.overlaps(columns[i][2], columns[i][2] + len(texts[i])):
                i += 1
                continue
            j = i + 1
            while (
                j < n
                and (
                    caps[j]
                    or (
                        strings[columns[j][1]] in {"of", "de", "al", "el"}
                        and j + 1 < n
                        and caps[j + 1]
                    )
                    or (texts[j] in {"-", "–"} and j + 1 < n and caps[j + 1])
                )
                and not taken.overlaps(columns[j][2], columns[j][2] + len(texts[j]))
            ):
                j += 1
            span = doc[i:j]
            i = j
            while len(span) > 1 and (span[0].lower_ == "the" or span[0].is_stop):
                span = span[1:]  # "From Oulu", "The Hague" -> "Oulu", "Hague"
            if (span.text in person_words and not self._major_place(span.text)) or _acronym(
                doc, span
            ):
                continue
            cand = (
                None if _names_something_else(doc, span) else self._match_span(doc, span, demonyms)
            )
            if cand is not None and not _overlaps(cand.start, cand.end, blocked):
                yield cand
            elif cand is None and not _overlaps(span.start_char, span.end_char, blocked):
                pending.append(span)

    def _match_span(self, doc: Doc, span: Span, demonyms: frozenset[str]) -> _Cand | None:
        words = [t.text for t in span]
        first, last = span[0], span[-1]
        if len(span) == 1 and (
            first.is_stop or first.lower_ in _DIRECTIONS or feature_noun(first.text) is not None
        ):
            return None  # "No", "May", "the West", "the Valley": capitalised words, not places
        if span.text.casefold() in demonyms or (first.lower_ in demonyms and len(span) == 1):
            return None
        cand = _Cand(span.start_char, span.end_char, span.text, None, None)
        cand.tok_start, cand.tok_end = span.start, span.end
        cand.cue = True
        noun_after = feature_noun(last.text) if len(span) > 1 else None
        noun_before = feature_noun(first.text) if len(span) > 1 else None
        if noun_after and noun_after.position in ("after", "both"):
            cand.cls, cand.feature = noun_after.cls, noun_after.feature
            cand.lookup = [span.text, " ".join(words[:-1])]
            return cand
        if noun_before and noun_before.position in ("before", "both"):
            cand.cls, cand.feature = noun_before.cls, noun_before.feature
            cand.lookup = [span.text, " ".join(words[1:])]
            return cand
        # A lower-case feature noun right after ("Lund station", "the Sava river").
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is not None and nxt.is_lower:
            noun = feature_noun(nxt.text)
            if noun and noun.position in ("after", "both") and noun.cls in ("H", "S", "T"):
                cand.cls, cand.feature = noun.cls, noun.feature
                cand.lookup = [f"{span.text} {nxt.text}", span.text]
                cand.end = nxt.idx + len(nxt.text)
                cand.text = text_of(doc)[cand.start : cand.end]
                cand.tok_end = nxt.i + 1
                return cand
        prev = doc[span.start - 1] if span.start > 0 else None
        prev2 = doc[span.start - 2] if span.start > 1 else None
        matches = self.gaz.matches(span.text)
        if not matches:
            return None
        cand.lookup = [span.text]
        if prev is not None and prev.lower_ == "of" and prev2 is not None:
            cls = _OF_CUES.get(prev2.lower_)
            if cls:
                cand.cls = cls
                return cand
        strong = [
            m
            for m in matches
            if m.primary
            and (
                m.entry.feature in ("A.PCLI", "L.CONT")
                or (m.entry.source == "landmarks" and m.entry.feature_class in "HLT")
            )
        ]
        if strong:
            return cand
        settled = [m for m in matches if m.primary and m.entry.feature_class in ("P", "A")]
        if settled and _dateline(doc, span):
            return cand  # "TORONTO —", "BEIRUT (AP)", "PLEASANTON, Calif."
        if settled and _place_compound(doc, span):
            return cand  # "Abu Dhabi-based", "Kent-born"
        if settled and _appositive(doc, span.end) is not None:
            return cand  # "Vorukh, a Tajik exclave": the apposition says what and whose it is
        if any(m.primary and m.entry.feature == "A.ADM1" for m in matches):
            cand.weak = True
            return cand
        populous = any(m.primary and m.entry.population >= 20_000 for m in matches)
        if prev is not None and prev.lower_ in _DIRECTIONS and prev2 is not None:
            prev = prev2  # "in eastern Ghouta"
        if populous and prev is not None and prev.lower_ in _PREP_CUES and not first.is_sent_start:
            cand.weak = True
            return cand
        return None

    # --- grounding ---------------------------------------------------------------------

    def _resolve(self, doc: Doc, cands: list[_Cand]) -> None:
        for c in cands:
            if not c.lookup:
                c.lookup = [c.text]
            m = _OF_PREFIX.match(c.text)
            if m and c.cls is None:
                # "City of Santa Ana", "Province of Quebec": the name, of the class named.
                c.lookup = [c.text, c.text[m.end() :]]
                c.cls = _OF_CUES.get(m.group(1).lower())
        # Pass 1: without context, to learn which countries and regions the document is about.
        # Each distinct name votes once, and an ambiguous one ("Santa Ana") only a little.
        countries: dict[str, float] = {}
        votes: dict[str, tuple[str, float]] = {}  # each name's own vote
        regions: set[tuple[str, str]] = set()
        firsts: list[GazEntry] = []
        seen: set[str] = set()
        for c in cands:
            key = fold(c.lookup[0])
            if key in seen or c.weak or c.affil or c.same_as is not None:
                continue
            seen.add(key)
            e, margin = self._pick_margin(c)
            if e is None or not e.country:
                continue
            firsts.append(e)
            weight = 2.0 if e.feature == "A.PCLI" else 1.0
            weight = weight if margin >= 1.5 else weight / 4
            countries[e.country] = countries.get(e.country, 0.0) + weight
            votes[key] = (e.country, weight)
            if e.admin1 and (e.feature == "A.ADM1" or (e.feature == "P.PPL" and margin >= 1.5)):
                # The divisions of the story's towns too ("Southold": Suffolk County, N.Y.);
                # not a capital's, whose district shares its name ("Mexico City", "Mexico").
                regions.add((e.country, e.admin1))
        # Demonyms say which countries the story involves ("Finnish media"), though not where.
        for ent in doc.ents:
            if ent.label_ == "NORP":
                iso = country_of_demonym(ent.text)
                if iso:
                    countries[iso] = countries.get(iso, 0.0) + 0.25
        # Countries by weight, the main one first.
        context = [k for k, _ in sorted(countries.items(), key=lambda kv: -kv[1])]
        # Spatial coherence: the places of a story lie near each other; the median position
        # of the settlements and divisions pass 1 found is where the story happens.
        centre = _centre([e for e in firsts if e.feature.startswith(("P.", "A.ADM"))])
        for c in cands:
            if c.affil and c.entry is not None:
                continue  # a national demonym: its country
            own = votes.get(fold(c.lookup[0]))
            ctx = context
            if own is not None:
                # A name does not vouch for its own reading ("Victoria" for the Seychelles).
                rest = dict(countries)
                rest[own[0]] -= own[1]
                ctx = [k for k, w in sorted(rest.items(), key=lambda kv: -kv[1]) if w > 1e-9]
            c.entry = self._pick(c, ctx, regions, centre)
            if c.entry is None and c.cls is None and not c.affil:
                c.entry = self._part(c, context, regions)
        # An affiliation without a gazetteer entry names no place we can show; a town's name
        # inside an organisation's ("the Allendale Woman's Club") only when the document
        # names that town as a place too.
        named = {c.entry for c in cands if not c.affil and c.entry is not None}
        cands[:] = [
            c
            for c in cands
            if not c.affil or (c.entry is not None and (not c.weak or c.entry in named))
        ]
        self._spots_by_name(cands, context, regions, centre)
        self._apply_appositions(doc, cands, regions, centre)
        self._ground_pairs(cands)
        cands[:] = [
            c for c in cands if not c.weak or (c.entry is not None and c.entry.country in countries)
        ]
        _drop_far_namesakes(cands, countries, votes, centre)
        listed = self._peer_divisions(doc, cands)
        # Containers: "Springfield, Illinois" / "Paris, France" / "Salem, Ore.": choose the
        # pair of readings where the first lies in the second.
        by_start = {c.start: c for c in cands}
        fixed: dict[str, GazEntry] = {}
        for c in cands:
            if not text_of(doc).startswith(", ", c.end):
                continue
            nxt = by_start.get(c.end + 2)
            if nxt is None:
                continue
            after = text_of(doc)[nxt.end : nxt.end + 6]
            if any(
                after.startswith(sep) and nxt.end + len(sep) in by_start
                for sep in (" and ", ", ", ", and ")
            ):
                continue  # "Washington, New York and Boston": a list, not a container
            if (
                c.entry is not None
                and nxt.entry is not None
                and (
                    (c.entry.feature == nxt.entry.feature and c.entry.feature_class != "P")
                    or (c.entry.country != nxt.entry.country and c.entry.feature[0] == "A")
                )
                and not _abbreviated(nxt.text)
            ):
                continue  # a list of peers ("Colorado, California and Iowa"), not a container
            pair = self._contained(c, nxt, context)
            if pair is not None:
                c.entry, nxt.entry = pair
                fixed[fold(c.lookup[0])] = pair[0]
        # "New York state", "Idlib province": the division, wherever the name stands alone.
        for c in cands:
            if c.cls == "A" and c.entry is not None and c.entry.feature_class == "A":
                fixed.setdefault(fold(c.lookup[0]), c.entry)
        # One sense per discourse: a name placed by its container keeps that place throughout.
        for c in cands:
            sense = fixed.get(fold(c.lookup[0]))
            if (
                sense is not None
                and c.entry != sense
                and (c.cls is None or c.cls == "P")
                and (id(c) not in listed)
            ):
                c.entry = sense
        self._merge_variants(cands, centre)
        self._rivers_by_town(cands, context, regions, centre)
        _tie_spots(doc, cands)
        for c in cands:
            other = c.same_as
            if other is not None:
                c.entry, c.cls, c.feature, c.hint, c.tied = (
                    other.entry, other.cls, other.feature, other.hint, other.tied
                )  # fmt: skip
                c.merge = other.merge or fold(other.text)
                c.label = other.label or c.label

    def _peer_divisions(self, doc: Doc, cands: list[_Cand]) -> set[int]:
        """Names listed with first-level divisions are divisions too, where they can be
        ("states such as California or Washington": the state, not the capital)."""
        text = text_of(doc)
        ordered = sorted(cands, key=lambda c: c.start)
        changed: set[int] = set()  # ids of the candidates this rule placed
        for k, c in enumerate(ordered):
            if c.affil or c.cls is not None or c.entry is None or c.entry.feature_class != "P":
                continue  # a town's name; a country listed with its states stays the country
            peers = []
            for other in ordered[max(0, k - 1) : k + 2]:
                if other is c or other.affil or other.entry is None:
                    continue
                lo, hi = (other.end, c.start) if other.start < c.start else (c.end, other.start)
                if lo <= hi and text[lo:hi] in (", ", " and ", " or ", ", and ", ", or "):
                    peers.append(other.entry)
            if not peers or not all(p.feature == "A.ADM1" for p in peers):
                continue
            country = peers[0].country
            for m in self.gaz.matches(c.lookup[0]):
                if m.primary and m.entry.feature == "A.ADM1" and m.entry.country == country:
                    c.entry = m.entry
                    changed.add(id(c))
                    break
        return changed

    def _rivers_by_town(
        self,
        cands: list[_Cand],
        context: list[str],
        regions: Collection[tuple[str, str]],
        centre: tuple[float, float] | None,
    ) -> None:
        """A river the gazetteer lacks that bears the name of a town in a country the document
        is about ("the Isfara River" by Isfara) runs past that town: it takes the town's
        position, a point on the river, when the town lies near the story's other places (the
        centre of two or more of them)."""
        for c in cands:
            if c.entry is not None or c.feature != "H.STM" or c.affil or len(c.lookup) < 2:
                continue
            stem = c.lookup[-1]
            for m in self.gaz.matches(stem):
                e = m.entry
                if not m.primary or e.feature_class != "P" or e.country not in context:
                    continue
                if e.lat is None or e.lon is None or e.population < _RIVER_TOWN_POP:
                    continue
                if (
                    centre is None
                    or great_circle_km(centre[0], centre[1], e.lat, e.lon) > _RIVER_TOWN_KM
                ):
                    continue  # "the Paris River near Lyon": a namesake far from the story
                c.tied = e
                break

    def _spots_by_name(
        self,
        cands: list[_Cand],
        context: Collection[str],
        regions: Collection[tuple[str, str]],
        centre: tuple[float, float] | None,
    ) -> None:
        """A hospital, airport, prison or school the gazetteer lacks, named by a settlement
        ("the Benghazi hospital", "Da Nang airport"), lies in or by it: it takes the
        settlement's position.  Bridges, border posts, dams and tunnels do not: they are
        named for a town but often lie far from it."""
        for c in cands:
            if c.entry is not None or c.cls != "S" or len(c.lookup) < 2 or c.affil:
                continue
            if c.feature in _APART:
                continue
            ranked = self.gaz.rank(c.lookup[-1], context, regions=regions, near=centre)
            if not ranked:
                c.tied = self._city_opening(c.lookup[-1], context, regions, centre)
                continue
            e = ranked[0][0]
            if e.lat is not None and (
                e.feature_class == "P" or e.feature in ("A.ADM1", "A.ADM2", "A.ADM3", "T.ISL")
            ):
                c.tied = e

    def _city_opening(
        self,
        name: str,
        context: Collection[str],
        regions: Collection[tuple[str, str]],
        centre: tuple[float, float] | None,
    ) -> GazEntry | None:
        """The city whose own name opens a spot's name ("Da Nang International Airport",
        "Istanbul Ataturk Airport"): only a city of 100,000 people or more, since smaller
        towns' names are also people's ("Kennedy Space Center")."""
        words = name.split()
        for k in range(len(words) - 1, 0, -1):
            for m in self.gaz.matches(" ".join(words[:k])):
                e = m.entry
                if m.primary and e.feature_class == "P" and e.population >= _CITY_OPENING_POP:
                    ranked = self.gaz.rank(
                        " ".join(words[:k]), context, regions=regions, near=centre
                    )
                    top = ranked[0][0]
                    return top if top.feature_class == "P" and top.lat is not None else None
        return None

    def _ground_pairs(self, cands: list[_Cand]) -> None:
        """ "between X and Y": X is the settlement or division of its name nearest to Y."""
        dropped: list[_Cand] = []
        for c in cands:
            other = c.pair.entry if c.pair is not None else None
            if c.pair is None:
                continue
            best: tuple[float, GazEntry] | None = None
            if other is not None and other.lat is not None and other.lon is not None:
                for m in self.gaz.matches(c.lookup[0]):
                    e = m.entry
                    if e == other or e.feature_class not in ("P", "A"):
                        continue  # "Valga" / "Valka": twin towns share aliases
                    if e.lat is None or e.lon is None:
                        continue
                    km = great_circle_km(other.lat, other.lon, e.lat, e.lon)
                    if km <= _PAIR_KM and (best is None or km < best[0]):
                        best = (km, e)
            if best is None:
                dropped.append(c)
            else:
                c.entry = best[1]
        for c in dropped:
            cands.remove(c)

    def _apply_appositions(
        self,
        doc: Doc,
        cands: list[_Cand],
        regions: Collection[tuple[str, str]],
        centre: tuple[float, float] | None,
    ) -> None:
        """ "S, the first <Demonym> station/town ...": S lies in that country.  Only an entry
        there is taken (a station's own entry, else the settlement it serves); with none,
        the place keeps the country and no coordinates, never a namesake abroad."""
        decided: dict[str, tuple[GazEntry | None, str, str, str]] = {}
        for c in cands:
            found = _appositive(doc, c.tok_end)
            if found is None:
                continue
            iso, cls, feature, word = found
            names = [f"{c.lookup[0]} {word}", c.lookup[0]] if cls == "S" else [c.lookup[0]]
            # The station's own entry, else its town, else a municipality named after the
            # town (its seat's position); never a province or region.
            tiers = ("S", "P", "A") if cls == "S" else ("P", "A")
            ranked = {
                name: self.gaz.rank(name, [iso], regions=regions, near=centre) for name in names
            }
            entry: GazEntry | None = None
            for tier in tiers:
                entry = next(
                    (
                        e
                        for name in names
                        for e, _score in ranked[name]
                        if e.country == iso
                        and e.feature_class == tier
                        and e.feature not in _TOO_BIG
                    ),
                    None,
                )
                if entry is not None:
                    break
            decided[fold(c.lookup[0])] = (entry, iso, cls, feature)
        if not decided:
            return
        # One sense per discourse: other mentions of the name are the same place.
        for c in cands:
            hit = decided.get(fold(c.lookup[0]))
            if hit is None or c.cls not in (None, "P", "S"):
                continue
            c.entry, c.hint = hit[0], hit[1]
            if c.entry is None:
                c.cls, c.feature = hit[2], hit[3]

    def _merge_variants(self, cands: list[_Cand], centre: tuple[float, float] | None) -> None:
        """Spelling variants of one river are one place (see the module docstring)."""
        rivers = [
            c
            for c in cands
            if c.cls == "H" or (c.entry is not None and c.entry.feature_class == "H")
        ]
        groups: list[list[_Cand]] = []
        stems: list[str] = []
        for c in rivers:
            stem = _stem(c.text)
            if not stem:
                continue
            for k, other in enumerate(stems):
                if _variants(stem, other) and not any(self._distinct(c, m) for m in groups[k]):
                    groups[k].append(c)
                    break
            else:
                stems.append(stem)
                groups.append([c])
        for stem, group in zip(stems, groups, strict=True):
            entries = list(dict.fromkeys(c.entry for c in group if c.entry is not None))
            if not entries:
                found = self._landmark_variant({_stem(c.text) for c in group}, centre)
                entries = [found] if found is not None else []
            if len(entries) > 1 and centre is not None:
                # Variants read as different rivers: the one nearer the story's places.
                entries.sort(
                    key=lambda e: (
                        great_circle_km(centre[0], centre[1], e.lat or 0.0, e.lon or 0.0)
                        if e.lat is not None
                        else 1e9
                    )
                )
            entry = entries[0] if entries else None
            for c in group:
                c.entry = entry
                c.merge = stem

    def _distinct(self, a: _Cand, b: _Cand) -> bool:
        """Two names that are each the main name of a different river ("Rhine", "Rhone")
        are two rivers, however alike they look."""
        if _feature_of(a) != _feature_of(b):
            return True
        if a.entry is None or b.entry is None or a.entry == b.entry:
            return False
        # Each name is its entry's own name (not an alias): two rivers.
        return _stem(a.entry.name) == _stem(a.text) and _stem(b.entry.name) == _stem(b.text)

    def _landmark_variant(
        self, stems: set[str], centre: tuple[float, float] | None
    ) -> GazEntry | None:
        """The one landmark river whose name is a variant of one of ``stems``, not far from
        the story's places (a look-alike name on another continent is another river)."""
        rows = {
            row.name
            for stem in stems
            for key, row in _landmark_rivers().get(stem[:1], [])
            if _variants(stem, key)
        }
        if len(rows) != 1:
            return None  # none, or ambiguous: no guess
        for e, _score in self.gaz.rank(rows.pop(), feature_class="H"):
            if e.source != "landmarks" or e.feature_class != "H":
                continue
            far = (
                centre is not None
                and e.lat is not None
                and e.lon is not None
                and great_circle_km(centre[0], centre[1], e.lat, e.lon) > _RIVER_KM
            )
            return None if far else e
        return None

    def _contained(
        self, inner: _Cand, outer: _Cand, context: Collection[str]
    ) -> tuple[GazEntry, GazEntry] | None:
        best: tuple[float, GazEntry, GazEntry] | None = None
        outers = [
            (e, s)
            for name in outer.lookup[:1]
            for e, s in self.gaz.rank(name, context)
            if e.feature in ("A.PCLI", "A.ADM1", "A.ADM2") and e.country
        ][:8]
        if not outers:
            return None
        for name in inner.lookup:
            for e, s in self.gaz.rank(name, context, feature_class=inner.cls)[:40]:
                for o, so in outers:
                    if e == o or e.country != o.country:
                        continue
                    if o.feature == "A.ADM1" and e.admin1 != o.admin1:
                        continue
                    if o.feature == "A.ADM2" and (e.admin1 != o.admin1 or e.feature == "A.ADM1"):
                        continue
                    if best is None or s + so > best[0]:
                        best = (s + so, e, o)
            if best is not None:
                break
        return (best[1], best[2]) if best is not None else None

    def _part(
        self, c: _Cand, context: Collection[str], regions: Collection[tuple[str, str]]
    ) -> GazEntry | None:
        """A name the gazetteer lacks made of one it has and a modifier or a feature noun,
        in a country the document is about: "Eastern Ghouta" → Ghouta, "Old Town Manassas" →
        Manassas, "Cavan Town Hall" → Cavan (a building is placed at its town)."""
        words = c.text.split()
        if len(words) < 2 or not context:
            return None
        parts: list[str] = []
        k = 0
        while k < len(words) - 1 and words[k].lower() in _MODIFIERS:
            k += 1
            parts.append(" ".join(words[k:]))
        end = len(words)
        while end > 1 and feature_noun(words[end - 1]) is not None:
            end -= 1
            parts.append(" ".join(words[:end]))
        for part in parts:
            if len(part) < 3 or part.casefold() in demonym_forms():
                continue
            ranked = self.gaz.rank(part, context, regions=regions)
            for e, _score in ranked[:1]:
                if e.country in context and e.feature_class in ("P", "A", "L"):
                    return e
        return None

    def _pick_margin(self, c: _Cand) -> tuple[GazEntry | None, float]:
        """The context-free choice and its lead over the best reading in another country."""
        entry = self._pick(c, (), ())
        if entry is None:
            return None, 0.0
        ranked = self.gaz.rank(c.lookup[0], feature_class=c.cls)
        top = next((s for e, s in ranked if e == entry), None)
        rival = next((s for e, s in ranked if e.country != entry.country), None)
        if top is None or rival is None:
            return entry, 10.0
        return entry, top - rival

    def _pick(
        self,
        c: _Cand,
        context: Collection[str],
        regions: Collection[tuple[str, str]],
        near: tuple[float, float] | None = None,
    ) -> GazEntry | None:
        for i, name in enumerate(c.lookup):
            ranked = self.gaz.rank(name, context, feature_class=c.cls, regions=regions, near=near)
            if not ranked:
                continue
            entry, _score = ranked[0]
            # The whole name may be a place of another class ("Cape Town", "Orange County",
            # "Sioux Falls"), but "X River" is never a city, and the bare stem must be of the
            # implied class.
            if (
                c.cls is not None
                and entry.feature_class != c.cls
                and (i > 0 or c.feature == "H.STM")
            ):
                continue
            return entry
        return None

    # --- grouping ----------------------------------------------------------------------

    def _group(self, doc: Doc, cands: list[_Cand]) -> None:
        places: list[PlaceRecord] = doc._.sl_places
        entities: list[EntityRecord] = doc._.sl_entities
        by_ident: dict[object, PlaceRecord] = {}
        forms: dict[str, list[str]] = {}
        others: dict[str, list[str]] = {}  # another name the text gives ("formerly known as")
        verbs = _metonymy_verbs()
        next_entity = _next_entity_number(entities)
        # Mentions the entities stage named first, so that a mention found by a cue joins the
        # entity that already names the place.
        for c in sorted(cands, key=lambda c: (c.entity is None, c.start)):
            e = c.entry
            ident: object = (
                (e.geonameid, e.name, e.feature)
                if e is not None
                else ("text", c.merge or fold(c.text))
            )
            rec = by_ident.get(ident)
            if rec is None:
                label = c.label or _label_of(e, c.cls)
                name = e.name if c.affil and e is not None else c.text
                rec = PlaceRecord(key=f"p{len(places) + 1}", name=name, label=label)
                if e is not None:
                    rec.feature = e.feature
                    rec.lat, rec.lon = e.lat, e.lon
                    rec.country = e.country
                    rec.geonameid = e.geonameid
                    rec.population = e.population or None
                    rec.source = e.source
                else:
                    rec.feature = c.feature
                    rec.country = c.hint
                    if c.tied is not None:
                        rec.lat, rec.lon = c.tied.lat, c.tied.lon
                        rec.country = rec.country or c.tied.country
                        rec.source = f"tied to {c.tied.name} by the text"
                places.append(rec)
                by_ident[ident] = rec
                forms[rec.key] = []
            span = (c.start, c.end)
            if span not in rec.mentions:
                rec.mentions.append(span)
            if c.affil:
                # Named as an affiliation: not one of the place's names, not an entity.
                rec.affiliations.append(span)
                continue
            if c.same_as is None:
                forms[rec.key].append(c.text)
            else:
                others.setdefault(rec.key, []).append(c.text)
            if _metonymic(doc, c, verbs) and (rec.feature or "").startswith(_GPE_FEATURES):
                rec.metonymic.append(span)
            if c.entity is not None:
                if c.entity.place_key is None:
                    c.entity.place_key = rec.key
                if c.entity.label in _BLOCK_LABELS:
                    c.entity.label = rec.label  # NER's misreading, corrected by the apposition
            else:
                ent = _entity_for(entities, rec.key) or _entity_at(entities, span)
                if ent is not None and ent.place_key is None:
                    # An entity spaCy typed as something else (PRODUCT, EVENT...) is this place.
                    ent.place_key = rec.key
                    ent.label = rec.label
                if ent is None:
                    ent = EntityRecord(key=f"e{next_entity}", name=c.text, label=rec.label)
                    next_entity += 1
                    ent.place_key = rec.key
                    entities.append(ent)
                if span not in ent.mentions:
                    ent.mentions.append(span)
                if c.text not in ent.aliases and c.text != ent.name:
                    ent.aliases.append(c.text)
        _place_unknowns_at_focus(places, cands)
        for rec in places:
            texts = forms.get(rec.key, []) or others.get(rec.key, [])
            if not texts:
                continue
            # The fullest form the text gives: most words, then longest.
            rec.name = max(texts, key=lambda t: (len(t.split()), len(t), not t.isupper()))
            texts = texts + others.get(rec.key, [])
            aliases = [t for t in dict.fromkeys(texts) if t != rec.name]
            entry_name = _entry_name(rec, cands)
            if entry_name and entry_name != rec.name and entry_name not in aliases:
                aliases.append(entry_name)
            rec.aliases = aliases
            rec.mentions.sort()
        # A short form that is another place's name in the document ("the Niger" for the river,
        # beside the country Niger) stays a mention, not a name: names must pick one place.
        # Two places the text calls alike are told apart by the gazetteer's names: the one
        # whose own name differs from the text's form takes it ("Niger River").
        named: dict[str, list[PlaceRecord]] = {}
        for rec in places:
            named.setdefault(fold(rec.name), []).append(rec)
        for same in named.values():
            if len(same) < 2:
                continue
            for rec in same:
                entry_name = _entry_name(rec, cands)
                if entry_name and fold(entry_name) != fold(rec.name):
                    rec.name = entry_name
        taken = {fold(rec.name): rec for rec in places}
        for rec in places:
            rec.aliases = [
                a for a in rec.aliases if taken.get(fold(a), rec) is rec and a != rec.name
            ]


def _far_kind(cls: str | None, feature: str | None) -> bool:
    """A kind of feature that may lie far from the story's town (see below)."""
    if feature in _FAR_FEATURES or feature in ("H.STM", "H.OCN", "H.SEA", "L.RGN", "T.MTS"):
        return True
    return cls in ("H", "T", "L") and feature is None


def _place_unknowns_at_focus(places: list[PlaceRecord], cands: list[_Cand]) -> None:
    """Give a local name the gazetteer lacks ("Royal Street", "Old Town") the position of the
    place the document is about: the most mentioned settlement or division, if any.

    Rivers, regions, bridges, border posts, spaceports and bases are not guessed: they are
    often far from the town the story is about.  A lake, bay, cape, island, hill or park
    the gazetteer lacks is local: it lies by the story's town at the scale we ground at."""
    settled = [
        p
        for p in places
        if p.lat is not None and (p.feature or "").startswith(("P.", "A.ADM", "S."))
    ]
    if not settled:
        return

    # The medoid of the story's settlements, weighted by mentions: a town far from the rest
    # (a namesake, a passing reference) does not become the focus.
    def named(p: PlaceRecord) -> int:
        return len(p.mentions) - len(p.affiliations)

    # The focus lies in the country the story's places are mostly in.
    weights: dict[str | None, int] = {}
    for p in settled:
        weights[p.country] = weights.get(p.country, 0) + named(p)
    main = max(weights, key=lambda k: weights[k])
    settled = [p for p in settled if p.country == main] or settled
    towns = [p for p in settled if (p.feature or "").startswith("P.")] or settled

    def cost(p: PlaceRecord) -> tuple[float, int]:
        total = 0.0
        for q in settled:
            km = great_circle_km(p.lat or 0.0, p.lon or 0.0, q.lat or 0.0, q.lon or 0.0)
            total += named(q) * min(km, 2000.0)
        return total, -named(p)

    focus = min(towns, key=cost)
    implied = {(c.start, c.end): (c.cls, c.feature) for c in cands}
    for p in places:
        if p.lat is not None or p.source is not None or p.country is not None:
            continue  # placed, or a country the text gives without a position in it
        kinds = [implied.get(m, (None, None)) for m in p.mentions]
        if any(_far_kind(cls, feature) for cls, feature in kinds):
            continue  # a river, bridge or border post is often far from the story's town
        p.lat, p.lon = focus.lat, focus.lon
        p.country = p.country or focus.country
        p.source = "document focus"


def _appositive(doc: Doc, i: int) -> tuple[str, str, str, str] | None:
    """ "<name>, the first Polish station ...": (country, class, feature, noun) from the
    apposition opening at token ``i``, when it names a demonym and a station or town."""
    n = len(doc)
    if i + 3 >= n or doc[i].text != "," or doc[i + 1].lower_ not in ("the", "a", "an"):
        return None
    iso: str | None = None
    for k in range(i + 2, min(i + 7, n)):
        tok = doc[k]
        if tok.is_punct:
            return None
        if iso is None:
            iso = country_of_demonym(tok.text) if _is_cap(tok) else None
            if iso is None and not tok.is_lower:
                return None
            continue
        # The apposition's head noun, not a modifier ("the first Polish port official").
        head = not (k + 1 < n and doc[k + 1].is_lower and doc[k + 1].pos_ in ("NOUN", "PROPN"))
        noun = feature_noun(tok.text)
        if noun is not None and noun.cls in ("S", "P"):
            return (iso, noun.cls, noun.feature, tok.text) if head else None
        if _OF_CUES.get(tok.lower_) == "P" or tok.lower_ in _SETTLEMENT_NOUNS:
            return (iso, "P", "P.PPL", tok.text) if head else None
        if not tok.is_lower:
            return None
    return None


def _tie_spots(doc: Doc, cands: list[_Cand]) -> None:
    """A bridge, crossing or station the gazetteer lacks, tied by its clause to a settlement
    ("the Oder Bridge at Slubice"), takes that settlement's position."""
    by_tok = {c.tok_start: c for c in cands}
    for c in cands:
        if c.entry is not None or c.feature not in _FAR_FEATURES:
            continue
        k = c.tok_end
        sent_end = doc[c.tok_start].sent.end if doc.has_annotation("SENT_START") else len(doc)
        while k < min(sent_end, c.tok_end + 10):
            tok = doc[k]
            if tok.text in (",", ";", ":") or tok.is_sent_end:
                break
            if tok.lower_ in _TIE_WORDS:
                j = k + 2 if k + 1 < len(doc) and doc[k + 1].lower_ == "the" else k + 1
                town = by_tok.get(j)
                if town is not None and town.entry is not None:
                    if town.entry.feature_class == "P":
                        c.tied = town.entry
                    break
            k += 1


# "X, formerly known as Y", "X, spelt Y on some maps", "X, which locals call Y": words that
# introduce another name of the place just named (an English naming construction: a participle
# of a verb of naming, optionally "as"; or a relative clause whose verb is one of naming).
_NAMING_PARTICIPLES = frozenset(
    {"known", "called", "spelt", "spelled", "written", "named", "renamed", "transliterated",
     "rendered", "styled", "dubbed"}
)  # fmt: skip
_NAMING_VERBS = frozenset({"call", "name", "spell", "write", "know"})
# Words of an apposition that may stand between the place and the naming words ("Taraz, the
# regional centre formerly known as Dzhambul").
_NAMING_GAP = 6


def _other_names(
    doc: Doc, cands: list[_Cand], spans: list[tuple[int, int, str, EntityRecord | None]]
) -> list[_Cand]:
    """Another name the text gives a place right after it ("Taraz, the regional centre formerly
    known as Dzhambul", "Birnin Gaoure, spelt Birni N'Gaoure on some maps", "the Chui River,
    which Kazakh maps call the Shu"): one place, whatever the gazetteer or NER made of the
    second name (a namesake village, a person)."""
    added: list[_Cand] = []
    by_span = {(c.tok_start, c.tok_end): c for c in cands}
    entities = {(s, e): rec for s, e, _label, rec in spans}
    demonyms = demonym_forms()
    n = len(doc)
    for c in cands:
        if c.affil or c.tok_end >= n or doc[c.tok_end].text not in (",", "("):
            continue
        k = _naming_end(doc, c.tok_end + 1)
        if k is None:
            continue
        if k < n and doc[k].lower_ == "the":
            k += 1
        j = k
        while j < n and j - k < 4 and (_is_cap(doc[j]) or (j > k and _glued(doc, j))):
            j += 1
        if j == k or not _is_cap(doc[k]) or doc[k:j].text.casefold() in demonyms:
            continue
        if doc[k:j].text.isupper() and not c.text.isupper():
            continue  # "Kentucky, known as SEEK": an acronym, not a name of the place
        while j > k + 1 and not _is_cap(doc[j - 1]):
            j -= 1
        if j < n and (doc[j].lower_ in ("of", "'s", "’s") or doc[j].text in ("'", "’")):
            continue  # "known as the Venice of the North", "named Russia's capital"
        span = doc[k:j]
        other = by_span.get((k, j))
        if other is None:
            rec = entities.get((span.start_char, span.end_char))
            other = _Cand(span.start_char, span.end_char, span.text, None, rec)
            other.tok_start, other.tok_end = k, j
            other.lookup, other.cue = [span.text], True
            added.append(other)
        if other is not c and other.same_as is None and not other.affil:
            other.same_as = c
    return added


# Words of a river's course before "the X" ("the far bank of the Niger", "across the Congo",
# "the mouth of the Gambia"): the general English vocabulary of crossing and following a stream.
_RIVER_NOUNS = frozenset(
    {"bank", "banks", "mouth", "estuary", "delta", "waters", "course", "source", "bed",
     "shore", "shores", "basin", "valley", "bend", "confluence", "tributary"}
)  # fmt: skip
_RIVER_PREPOSITIONS = frozenset(
    {"across", "over", "along", "up", "down", "upstream", "downstream", "upriver", "downriver"}
)  # fmt: skip


def _drop_far_namesakes(
    cands: list[_Cand],
    countries: dict[str, float],
    votes: dict[str, tuple[str, float]],
    centre: tuple[float, float] | None,
) -> None:
    """A small town found only in a country no other name of the document is in, far from
    the story's places ("El Alto" in a story about La Paz: the gazetteer holds only a village
    of that name on another coast) is no reading at all: the name stays, without a position."""
    if centre is None:
        return
    for c in cands:
        e = c.entry
        if e is None or e.feature_class != "P" or e.population >= _NAMESAKE_POP or c.affil:
            continue
        if e.lat is None or e.lon is None or e.country is None:
            continue
        own = votes.get(fold(c.lookup[0]))
        others = countries.get(e.country, 0.0) - (own[1] if own and own[0] == e.country else 0.0)
        if others > 1e-9:
            continue
        if great_circle_km(centre[0], centre[1], e.lat, e.lon) > _NAMESAKE_KM:
            c.entry = None


def _persons_named_as_places(doc: Doc, cands: list[_Cand]) -> list[_Cand]:
    """One sense per discourse: a one-word name NER read as a person ("the bridge that links
    Gaya to Malanville") is the town (10,000 people or more) or division the document grounds
    under that name elsewhere, unless a person in the document has it as a word of a longer
    name."""
    grounded: dict[str, _Cand] = {}
    for c in cands:
        entry = c.entry
        if c.affil or entry is None or entry.feature_class not in ("P", "A"):
            continue
        if entry.feature_class == "P" and entry.population < _PERSON_PLACE_POP:
            continue  # a village's reading is too weak to overrule NER elsewhere
        grounded.setdefault(c.text, c)
    if not grounded:
        return []
    taken = {(c.start, c.end) for c in cands}
    entities: list[EntityRecord] = doc._.sl_entities
    persons = [e for e in entities if e.label == "PERSON"]
    long_names = {w for e in persons for n in (e.name, *e.aliases) if " " in n for w in n.split()}
    added: list[_Cand] = []
    for ent in persons:
        if " " in ent.name or ent.name in long_names or ent.name not in grounded:
            continue
        if any(a != ent.name for a in ent.aliases):
            continue
        place = grounded[ent.name]
        for s, e in ent.mentions:
            span = doc.char_span(s, e)
            if (s, e) in taken or span is None or span.text != ent.name:
                continue
            cand = _Cand(s, e, span.text, place.label, ent, cls=place.cls, feature=place.feature)
            cand.tok_start, cand.tok_end = span.start, span.end
            cand.lookup, cand.cue, cand.entry = [span.text], True, place.entry
            added.append(cand)
    return added


def _river_context(doc: Doc, the: int) -> bool:
    """The words before "the" at token ``the`` say a river follows: a word of its course and
    "of" ("bank of"), or a preposition of crossing or following ("across")."""
    prev = doc[the - 1]
    if prev.lower_ in _RIVER_PREPOSITIONS:
        return True
    return prev.lower_ == "of" and the >= 2 and doc[the - 2].lower_ in _RIVER_NOUNS


def _naming_end(doc: Doc, i: int) -> int | None:
    """The token after the naming words that start within a few words of ``i``, if any."""
    n = len(doc)
    for k in range(i, min(n, i + _NAMING_GAP)):
        tok = doc[k]
        if tok.text in (",", ";", ".", ")") or tok.is_sent_start:
            return None
        if tok.lower_ in _NAMING_PARTICIPLES and tok.tag_.startswith("VB"):
            return k + 2 if k + 1 < n and doc[k + 1].lower_ == "as" else k + 1
        if tok.lemma_.lower() in _NAMING_VERBS and tok.pos_ == "VERB" and k > i:
            # "which Kazakh maps call the Shu": a relative clause on the place.
            if doc[i].lower_ in ("which", "that") and tok.lemma_.lower() != "know":
                return k + 1
            return None
        if (
            not (tok.is_lower or tok.is_punct)
            and k > i
            and not (doc[i].lower_ in ("which", "that") and _is_cap(tok))
        ):
            return None  # a name inside the apposition, except a relative clause's subject
        relative = k == i and tok.lower_ in ("which", "that")
        if tok.pos_ in ("ADP", "AUX", "VERB", "PRON", "CCONJ", "SCONJ") and not relative:
            return None  # "Denmark, in a town called X", "X, the street was later called Y"
    return None


def _glued(doc: Doc, j: int) -> bool:
    """The token is written against the one before it ("N'" + "Gaoure", "Al" + "-")."""
    prev = doc[j - 1]
    return not prev.whitespace_ and (doc[j].text in ("'", "’", "-") or prev.text[-1:] in "'’-")


_FOLD_PAIRS = str.maketrans({"h": "g", "v": "b", "w": "b", "k": "c", "q": "c", "z": "c"})
_VOWELS = frozenset("aeiouy")


def _stem(text: str) -> str:
    """A river's name without its feature nouns, folded ("the Sava River" → "sava")."""
    words = [w for w in fold(text).split() if feature_noun(w) is None and w != "the"]
    if len(words) > 1 and words[0] == "rio":
        words = words[1:]  # "Rio Lerma" is the Lerma River
    return " ".join(words)


def _skeleton(stem: str) -> str:
    """Consonant skeleton: digraph h dropped, transliteration pairs merged, vowels dropped."""
    out: list[str] = []
    prev = ""
    for ch in stem:
        if ch == "h" and prev and prev not in _VOWELS and prev != " ":
            prev = ch
            continue  # "nh", "kh", "sh": one sound
        prev = ch
        ch = ch.translate(_FOLD_PAIRS)
        if ch in _VOWELS or ch == "j":
            continue
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def _normal(stem: str) -> str:
    """The name with digraph h dropped, transliteration pairs merged, doubles collapsed."""
    out: list[str] = []
    prev = ""
    for ch in stem:
        if ch == "h" and prev and prev not in _VOWELS and prev != " ":
            prev = ch
            continue
        prev = ch
        ch = "i" if ch in "yj" else ch.translate(_FOLD_PAIRS)
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def _edits(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        diag, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            diag, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, diag + (ca != cb))
    return row[-1]


def _variants(a: str, b: str) -> bool:
    """Two folded river names are spellings of one name."""
    if a == b:
        return True
    if not a or not b or a[0] != b[0]:
        return False
    short = min(len(a), len(b))
    if max(len(a), len(b)) - short > 2:
        return False
    na, nb = _normal(a), _normal(b)
    ska, skb = _skeleton(a), _skeleton(b)
    if ska == skb and len(ska) >= 2 and (short >= 4 or na == nb):
        # Same consonants: "Torne" / "Tornio", "Danube" / "Dunav"; but "Lempa" / "Limpopo"
        # differ in length and in three letters: two names.
        return max(len(a), len(b)) - short <= 1 or _edits(na, nb) <= 2
    if short >= 6:
        return _edits(na, nb) <= 2
    return short >= 4 and _edits(na, nb) <= 1


@cache
def _landmark_rivers() -> dict[str, list[tuple[str, LandmarkRow]]]:
    """Landmark rivers by the first letter of each folded name and alias."""
    out: dict[str, list[tuple[str, LandmarkRow]]] = {}
    for row in landmark_rows():
        if row.feature != "H.STM":
            continue
        for name in (row.name, *row.aliases):
            stem = _stem(name)
            if stem:
                out.setdefault(stem[:1], []).append((stem, row))
    return out


def _rio_rivers(cands: list[_Cand]) -> None:
    """ "Rio X" is the river the document also calls "X River" (Spanish and Portuguese
    word order), not a town: it takes the stream class."""
    stems = [_stem(c.text) for c in cands if c.cls == "H"]
    if not stems:
        return
    for c in cands:
        words = c.text.split()
        if c.cls is not None or len(words) < 2 or fold(words[0]) != "rio":
            continue
        stem = _stem(c.text)
        if any(_variants(stem, other) for other in stems):
            c.cls, c.feature, c.label = "H", "H.STM", "LOC"
            c.lookup = [" ".join(words[1:]) + " River", c.text]
            if c.entity is not None and c.entity.label == "GPE":
                c.entity.label = "LOC"


def _feature_of(c: _Cand) -> str | None:
    return c.entry.feature if c.entry is not None else c.feature


def _centre(entries: list[GazEntry]) -> tuple[float, float] | None:
    points = [(e.lat, e.lon) for e in entries if e.lat is not None and e.lon is not None]
    if len(points) < 2:
        return None
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    return lats[len(lats) // 2], lons[len(lons) // 2]


@cache
def _demonym_starts() -> frozenset[str]:
    """First words of every demonym and place adjective: the cheap test before a lookup."""
    forms = demonym_forms() | adjective_forms()
    return frozenset(form.split()[0] for form in forms if form)


@cache
def _org_words() -> frozenset[str]:
    """Head nouns of organisation names ("Bank", "Council"): never a town inside one."""
    text = resources.files("storyline.resources").joinpath("words_org.txt").read_text("utf-8")
    return frozenset(
        line.split("\t")[0].strip().lower()
        for line in text.splitlines()
        if line.strip() and line[0] != "#"
    )


@cache
def _media_heads() -> frozenset[str]:
    """Head nouns that name a news medium ("wire", "press", "daily"): media.tsv's head rows of
    kind media."""
    text = resources.files("storyline.resources").joinpath("media.tsv").read_text("utf-8")
    out: set[str] = set()
    for line in text.splitlines():
        cols = line.split("\t")
        if len(cols) >= 3 and not line.startswith("#") and cols[1] == "media" and cols[2] == "head":
            out.add(cols[0].strip().lower())
    return frozenset(out)


@cache
def _not_place_heads() -> frozenset[str]:
    text = resources.files("storyline.resources").joinpath("not_place_heads.tsv").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


def _acronym(doc: Doc, span: Span) -> bool:
    """An all-capital word the text defines or uses as an organisation's short name: in
    brackets after a longer name ("the Malaria Alliance (ALMA)")."""
    text = span.text
    if not (text.isupper() and len(text) >= 3 and " " not in text):
        return False
    whole = text_of(doc)
    return f"({text})" in whole


def _abbreviated(name: str) -> bool:
    """A postal or short form ("D.C.", "Ore.", "NY"): the container of an address."""
    return "." in name or (name.isupper() and len(name) <= 3)


def _disease_names(doc: Doc, lower: list[str]) -> set[str]:
    """Folded names (one to three capitalised words) that precede a disease noun somewhere
    in the document ("Ebola" of "the Ebola virus"); ``lower``: the tokens' lower-case forms."""
    out: set[str] = set()
    for i, word in enumerate(lower):
        if i == 0 or not _disease_head(word):
            continue
        end = i - 1 if lower[i - 1] == "-" else i
        if end > 1 and doc[end - 1].is_lower and doc[end - 1].pos_ == "ADJ":
            end -= 1  # "Marburg haemorrhagic fever"
        start = end
        while start > 0 and end - start < 3 and _is_cap(doc[start - 1]):
            start -= 1
            out.add(fold(doc[start:end].text))
    return out


def _names_something_else(doc: Doc, span: Span) -> bool:
    """The name is followed by a noun that makes it a disease's or pathogen's name."""
    if span.end >= len(doc):
        return False
    nxt = doc[span.end]
    if nxt.text == "-" and span.end + 1 < len(doc):
        nxt = doc[span.end + 1]
    return _disease_head(nxt.lower_)


def _disease_head(word: str) -> bool:
    """A noun that makes the name before it a disease's or pathogen's ("virus", "fever",
    and the genus names of viruses: "ebolavirus", "henipavirus")."""
    return word in _not_place_heads() or (word.endswith(("virus", "viruses")) and len(word) > 7)


def _dateline(doc: Doc, span: Span) -> bool:
    """The span opens a line and a dateline mark follows ("TORONTO —", "LIMA, Peru (AP)")."""
    start = span.start_char
    line_start = text_of(doc).rfind("\n", 0, start) + 1
    if text_of(doc)[line_start:start].strip():
        return False
    if span.end >= len(doc):
        return False
    nxt = doc[span.end]
    return nxt.text in _DATELINE_NEXT or (
        nxt.text == "," and span.end + 1 < len(doc) and doc[span.end + 1].is_title
    )


def _place_compound(doc: Doc, span: Span) -> bool:
    if span.end + 1 >= len(doc):
        return False
    hyphen, head = doc[span.end], doc[span.end + 1]
    return hyphen.text == "-" and not hyphen.whitespace_ and head.lower_ in _COMPOUND_HEADS


def _entry_name(rec: PlaceRecord, cands: list[_Cand]) -> str | None:
    for c in cands:
        if c.entry is not None and (c.start, c.end) in rec.mentions:
            return c.entry.name
    return None


def _entity_for(entities: list[EntityRecord], place_key: str) -> EntityRecord | None:
    for ent in entities:
        if ent.place_key == place_key:
            return ent
    return None


def _entity_at(entities: list[EntityRecord], span: CharSpan) -> EntityRecord | None:
    for ent in entities:
        if span in ent.mentions and ent.label not in _BLOCK_LABELS:
            return ent
    return None


def _next_entity_number(entities: list[EntityRecord]) -> int:
    best = 0
    for ent in entities:
        if ent.key.startswith("e") and ent.key[1:].isdigit():
            best = max(best, int(ent.key[1:]))
    return best + 1


def _label_of(entry: GazEntry | None, cls: str | None) -> str:
    fc = entry.feature_class if entry is not None else cls
    if fc in ("A", "P") or fc is None:
        return "GPE"
    if fc == "S":
        return "FAC"
    return "LOC"


def _metonymic(doc: Doc, c: _Cand, verbs: frozenset[str]) -> bool:
    """The mention is the subject of a verb of saying, deciding or acting."""
    span = doc[c.tok_start : c.tok_end]
    root = span.root
    if root.dep_ not in ("nsubj", "nsubjpass", "csubj"):
        return False
    head = root.head
    return head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in verbs


def _trim(span: Span) -> Span | None:
    """Drop a leading article and a trailing possessive from a mention."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and (doc[end - 1].text in ("'s", "’s", "'", "’") or doc[end - 1].is_punct):
        end -= 1
    if start >= end:
        return None
    return doc[start:end]


def _extend_with_noun(doc: Doc, c: _Cand) -> None:
    """Take in a feature noun right after an entity ("Sava" + "River") and set the class."""
    words = c.text.split()
    last = feature_noun(words[-1]) if len(words) > 1 else None
    first = feature_noun(words[0]) if len(words) > 1 else None
    if last and last.position in ("after", "both"):
        c.cls, c.feature = last.cls, last.feature
        c.lookup = [c.text, " ".join(words[:-1])]
        return
    if first and first.position in ("before", "both"):
        c.cls, c.feature = first.cls, first.feature
        c.lookup = [c.text, " ".join(words[1:])]
        return
    if c.tok_end < len(doc):
        nxt = doc[c.tok_end]
        noun = feature_noun(nxt.text)
        if noun and noun.position in ("after", "both") and noun.cls in ("H", "S", "T"):
            c.cls, c.feature = noun.cls, noun.feature
            c.lookup = [f"{c.text} {nxt.text}", c.text]
            c.end = nxt.idx + len(nxt.text)
            c.text = text_of(doc)[c.start : c.end]
            c.tok_end = nxt.i + 1
            return
        if noun and noun.cls == "A" and nxt.is_lower:
            # "Washington state", "Idlib province": the division, named without its noun.
            c.cls, c.feature = "A", noun.feature
    c.lookup = [c.text]


def _overlaps(s: int, e: int, spans: list[CharSpan]) -> bool:
    return any(a < e and s < b for a, b in spans)


class _SpanIndex:
    """:func:`_overlaps` against a fixed list of spans in O(log n): the spans that start
    before ``e`` are a prefix of the spans sorted by start, and one of them overlaps
    exactly when the furthest end among them lies past ``s``."""

    __slots__ = ("_reach", "_starts")

    def __init__(self, spans: Iterable[CharSpan]) -> None:
        ordered = sorted(spans)
        self._starts = [a for a, _ in ordered]
        self._reach: list[int] = []
        furthest = 0
        for k, (_, b) in enumerate(ordered):
            furthest = b if k == 0 else max(furthest, b)
            self._reach.append(furthest)

    def overlaps(self, s: int, e: int) -> bool:
        k = bisect_left(self._starts, e)
        return k > 0 and self._reach[k - 1] > s


@Language.factory(
    "storyline_places",
    requires=["doc._.sl_entities"],
    assigns=["doc._.sl_places", "doc._.sl_entities"],
)
def make_places(nlp: Language, name: str) -> PlacesStage:
    return PlacesStage()
