"""The route stage: the journey as ordered stops with coordinates, and legs with distances.

* Stops come from movement (TRAVEL) events in narrative time order — by the events' TIMEX3
  values, text order breaking ties and placing undated ones — and within one movement
  origin → via → other → destination.  A country or region (GeoNames class A) is a frame,
  not a stop; a river crossed at a bridge is the bridge.
* Distance statements ("from A to B there are some 90 km", "from A … to B, another 35 miles")
  give legs with distance_source "text" and their evidence; their ends become stops when the
  movements did not name them (inserted next to the end that is already a stop, else
  appended).  An end described instead of named ("the Ruritanian capital", "the border
  bridge over the X River") is resolved to the place it describes in the document: the
  capital of the demonym's country, or the place named inside the phrase.
* Consecutive stops without a stated distance get a great-circle distance.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from functools import cmp_to_key

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..doc import EventRecord, PlaceRecord, RouteLegRecord, RouteRecord, RouteStopRecord
from ..resources.countries import country_of_demonym
from ._mentions import MentionIndex
from ._syntax import subtree

__all__ = ["RouteStage", "great_circle_km"]

_EARTH_RADIUS_KM = 6371.0088
_ROLE_ORDER = {"origin": 0, "via": 1, "location": 2, "destination": 3}
_DISTANCE_UNITS = frozenset({"km", "mi", "m"})
_TO_KM = {"km": 1.0, "mi": 1.609344, "m": 0.001}
# Words that close a "from X … to Y" leg when met before its "to".
_LEG_BOUNDARIES = frozenset({"from", "while", "whereas", "but", ";", "."})
_TO = frozenset({"to", "for", "into", "reached", "reaching"})
# Prepositions that tie a described end of a leg to the place named next ("from the waters off
# Bear Island", "to the outskirts of Kyiv").
_PLACE_PREPOSITIONS = frozenset({"of", "off", "near", "at", "around", "outside", "by"})
# Nouns of a journey that an apposition after a destination measures ("to Barra, a trip of
# about 5 km"): the distance is the length of the movement that ends there.
_JOURNEY_NOUNS = frozenset(
    {"trip", "journey", "drive", "ride", "flight", "crossing", "voyage", "sail", "passage",
     "trek", "walk", "hop", "run", "transfer", "distance"}
)  # fmt: skip
# "From X it drove another 230 km east to Y": words that may stand between the distance and
# its "to" when the distance sits between "from X" and "to Y".
_AFTER_DISTANCE = 3


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


# The places stage gives a name it cannot ground the position of the story's main town (its
# ``source`` says so); a stated leg far longer than the distance that guess makes is proof
# against it.
_GUESSED = "document focus"


def _withdraw_guess(place: PlaceRecord, other: PlaceRecord, km: float) -> None:
    """ "some 530 km from the waters off Bear Island to Tromso": a place the places stage put
    at the story's focus (Tromso) cannot lie there; its guessed position is withdrawn."""
    if place.source != _GUESSED or None in (place.lat, place.lon, other.lat, other.lon):
        return
    apart = great_circle_km(place.lat, place.lon, other.lat, other.lon)  # type: ignore[arg-type]
    if apart < km / 2:
        place.lat = place.lon = None
        place.source = None


@dataclass(slots=True)
class _Stop:
    place: PlaceRecord
    names: set[str] = field(default_factory=set)  # other names this stop answers to
    mention: tuple[int, int] | None = None


def _new_stop(place: PlaceRecord) -> _Stop:
    return _Stop(place, {place.name, *place.aliases}, place.mentions[0] if place.mentions else None)


def _time_key(event: EventRecord) -> str:
    return event.time.value if event.time is not None and event.time.value[:1].isdigit() else ""


# TIMEX3 parts of day as clock hours, to order "morning" against "19:30".
_PART_OF_DAY = {"MO": 8.0, "MI": 12.0, "DT": 12.0, "AF": 15.0, "EV": 19.0, "NI": 22.0}


def _hour(value: str) -> float | None:
    rest = value[11:] if len(value) > 11 and value[10] == "T" else ""
    if rest in _PART_OF_DAY:
        return _PART_OF_DAY[rest]
    if len(rest) >= 2 and rest[:2].isdigit():
        minutes = int(rest[3:5]) if len(rest) >= 5 and rest[3:5].isdigit() else 0
        return int(rest[:2]) + minutes / 60
    return None


def _leading_role(event: EventRecord) -> int:
    """Departure before crossing before arrival: the event's earliest place role."""
    roles = [_ROLE_ORDER.get(event.place_roles.get(p, ""), 2) for p in event.places]
    return min(roles, default=2)


def _narrative_order(a: EventRecord, b: EventRecord) -> int:
    """Dated movements by date; on one day by clock time when both have one, else by
    their role in a journey (a departure that morning precedes a crossing that day)."""
    ka, kb = _time_key(a), _time_key(b)
    if ka[:10] != kb[:10]:
        return -1 if ka[:10] < kb[:10] else 1
    ha, hb = _hour(ka), _hour(kb)
    if ha is not None and hb is not None and ha != hb:
        return -1 if ha < hb else 1
    ra, rb = _leading_role(a), _leading_role(b)
    if ra != rb:
        return -1 if ra < rb else 1
    return -1 if a.trigger[0] < b.trigger[0] else (1 if a.trigger[0] > b.trigger[0] else 0)


class RouteStage:
    def __call__(self, doc: Doc) -> Doc:
        places = {p.name: p for p in doc._.sl_places}
        for place in list(doc._.sl_places):
            for alias in place.aliases:
                places.setdefault(alias, place)
        index = MentionIndex(doc)
        stops = self._stops_from_events(doc, places)
        text_legs = self._distance_statements(doc, index, places)
        for origin, destination, km, _ in text_legs:
            _withdraw_guess(origin, destination, km)
            _withdraw_guess(destination, origin, km)
        for origin, destination, _, _ in text_legs:
            self._place_leg_ends(stops, origin, destination)
        if not stops:
            return doc
        origins = {
            name
            for e in doc._.sl_events
            if e.type == "TRAVEL"
            for name, role in e.place_roles.items()
            if role == "origin"
        }
        for origin, destination, _, _ in text_legs:
            self._follow_stated_leg(stops, origin, destination, origins)
        arrivals = self._arrival_distances(doc, index, places)
        for origin, destination, _, _ in text_legs:
            self._drop_crossed_water(stops, self._find(stops, origin), destination)
        for destination, _, _ in arrivals:
            self._drop_crossed_water(stops, None, destination)
        route = RouteRecord()
        for stop in stops:
            route.stops.append(
                RouteStopRecord(stop.place.name, stop.place.lat, stop.place.lon, stop.mention)
            )
        for a, b in itertools.pairwise(stops):
            leg = self._text_leg(a, b, text_legs) or self._arrival_leg(a, b, arrivals)
            if leg is not None:
                route.legs.append(leg)
            elif None not in (a.place.lat, a.place.lon, b.place.lat, b.place.lon):
                km = great_circle_km(a.place.lat, a.place.lon, b.place.lat, b.place.lon)  # type: ignore[arg-type]
                route.legs.append(
                    RouteLegRecord(a.place.name, b.place.name, round(km, 1), "great_circle")
                )
            else:
                route.legs.append(RouteLegRecord(a.place.name, b.place.name, None))
        doc._.sl_route = route
        return doc

    # --- stops from movements ------------------------------------------------------------

    @staticmethod
    def _is_stop(place: PlaceRecord) -> bool:
        return not (place.feature or "").startswith("A.") and not (
            place.feature is None and place.label == "GPE" and place.lat is None
        )

    def _stops_from_events(self, doc: Doc, places: dict[str, PlaceRecord]) -> list[_Stop]:
        moves = [e for e in doc._.sl_events if e.type == "TRAVEL" and e.places]
        dated = sorted((e for e in moves if _time_key(e)), key=cmp_to_key(_narrative_order))
        # Undated movements keep their text position relative to the dated ones.
        ordered: list[EventRecord] = []
        for event in sorted(moves, key=lambda e: e.trigger[0]):
            if _time_key(event):
                continue
            ordered.append(event)
        for event in dated:
            position = next(
                (n for n, other in enumerate(ordered) if other.trigger[0] > event.trigger[0]),
                len(ordered),
            )
            ordered.insert(position, event)
        # Re-sort the dated ones among themselves by time (stable for the undated).
        slots = [n for n, e in enumerate(ordered) if _time_key(e)]
        for slot, event in zip(slots, dated, strict=True):
            ordered[slot] = event
        stops: list[_Stop] = []
        for event in ordered:
            names = sorted(
                event.places, key=lambda p: _ROLE_ORDER.get(event.place_roles.get(p, ""), 2)
            )
            event_places = [places[n] for n in names if n in places]
            bridges = [p for p in event_places if (p.feature or "").startswith("S.BDG")]
            for place in event_places:
                if not self._is_stop(place):
                    continue
                if (place.feature or "").startswith("H.") and bridges:
                    # The river is crossed at the bridge: the bridge stands for it.
                    for stop in stops:
                        if stop.place is bridges[0]:
                            stop.names.add(place.name)
                            stop.names.update(place.aliases)
                    continue
                self._append(stops, place)
            for place in event_places:
                if (place.feature or "").startswith("H.") and bridges:
                    for stop in stops:
                        if stop.place is bridges[0]:
                            stop.names.add(place.name)
                            stop.names.update(place.aliases)
        return stops

    @staticmethod
    def _append(stops: list[_Stop], place: PlaceRecord) -> None:
        if stops and stops[-1].place is place:
            return
        if any(stop.place is place for stop in stops):
            return
        stops.append(_new_stop(place))

    # --- distance statements -------------------------------------------------------------

    def _distance_statements(
        self, doc: Doc, index: MentionIndex, places: dict[str, PlaceRecord]
    ) -> list[tuple[PlaceRecord, PlaceRecord, float, tuple[int, int]]]:
        legs: list[tuple[PlaceRecord, PlaceRecord, float, tuple[int, int]]] = []
        quantities = [q for q in doc._.sl_quantities if q.unit in _DISTANCE_UNITS]
        if not quantities:
            return legs
        for quantity in quantities:
            span = doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
            if span is None:
                continue
            for origin_prep in self._origins_for(doc, span):
                origin = self._place_of_phrase(doc, origin_prep, index, places)
                if origin is None:
                    continue
                found = self._destination_after(
                    doc, origin_prep, origin, (quantity.start, quantity.end), index, places
                )
                if found is None:
                    continue
                to_prep, destination = found
                km = quantity.value * _TO_KM[quantity.unit]
                start = min(origin_prep.idx, quantity.start)
                end = max(quantity.end, to_prep.idx + len(to_prep.text))
                legs.append((origin, destination, km, (start, end)))
                break
        return legs

    def _arrival_distances(
        self, doc: Doc, index: MentionIndex, places: dict[str, PlaceRecord]
    ) -> list[tuple[PlaceRecord, float, tuple[int, int]]]:
        """ "travelled by car to Sarajevo, about 400 km to the south-east": a distance set
        after the destination of a movement, with no "of/from X" of its own, is the length
        of the leg that ends there ("Sarajevo, 400 km north of Split" only places it)."""
        found: list[tuple[PlaceRecord, float, tuple[int, int]]] = []
        for quantity in doc._.sl_quantities:
            if quantity.unit not in _DISTANCE_UNITS:
                continue
            span = doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
            if span is None or span.start < 3:
                continue
            comma_at = self._measured_apposition(doc, span.start)
            if comma_at is None or comma_at < 1:
                continue
            name = doc[comma_at - 1]
            mention = index.at(name)
            destination = None
            if mention is not None:
                destination = mention.place or places.get(mention.name)
            if destination is None:
                continue
            prep = next((t for t in doc[max(0, name.i - 4) : name.i] if t.lower_ in _TO), None)
            if prep is None:
                continue
            tail = doc[span.end : min(span.end + 5, span.sent.end)]
            if any(t.lower_ in ("of", "from") for t in tail):
                continue
            km = quantity.value * _TO_KM[quantity.unit]
            found.append((destination, km, (prep.idx, quantity.end)))
        return found

    @staticmethod
    def _measured_apposition(doc: Doc, start: int) -> int | None:
        """The comma that opens the apposition a distance at token ``start`` makes: the one
        right before it ("Sarajevo, 400 km to the south-east") or before a journey noun that
        it measures ("Barra, a trip of about 5 km", "Niamey, a two-hour flight of 790 km")."""
        if doc[start - 1].text == ",":
            return start - 1
        k = start - 1
        if doc[k].lower_ != "of" or k < 2 or doc[k - 1].lower_ not in _JOURNEY_NOUNS:
            return None
        k -= 2
        # Up to four words that classify it: "a short ferry trip of", "a two-hour flight of".
        while k > 0 and k >= start - 6 and doc[k].lower_ not in ("a", "an", "the", ","):
            if not (doc[k].is_lower or doc[k].like_num or doc[k].text == "-"):
                return None
            k -= 1
        if doc[k].lower_ in ("a", "an", "the"):
            k -= 1
        return k if k > 0 and doc[k].text == "," else None

    @classmethod
    def _follow_stated_leg(
        cls, stops: list[_Stop], origin: PlaceRecord, destination: PlaceRecord, origins: set[str]
    ) -> None:
        """ "From Karang to Kaolack": a stated leg runs forward, so its destination follows its
        origin even when a lead that summed up the journey named the destination first.  A
        destination that opened the route as a movement's origin is a return home."""
        ia, ib = cls._find(stops, origin), cls._find(stops, destination)
        if ia is None or ib is None or ib > ia:
            return
        if ib == 0 and stops[0].place.name in origins:
            return
        stop = stops.pop(ib)
        stops.insert(ia, stop)

    @classmethod
    def _drop_crossed_water(
        cls, stops: list[_Stop], origin: int | None, destination: PlaceRecord
    ) -> None:
        """A river or lake between the two ends of a stated leg is crossed on that leg ("crossed
        the River Gambia to Barra, a trip of about 5 km"): the stated length runs from the last
        stop on land, and the water is no stop of its own.  ``origin``: the stated leg's start;
        None for a distance given after the destination (the leg starts where the last stop on
        land is)."""
        j = cls._find(stops, destination)
        if j is None:
            return
        k = j - 1
        while k >= 0 and (stops[k].place.feature or "").startswith("H."):
            k -= 1
        if k < 0 or k == j - 1 or (origin is not None and k != origin):
            return
        del stops[k + 1 : j]

    def _arrival_leg(
        self, a: _Stop, b: _Stop, arrivals: list[tuple[PlaceRecord, float, tuple[int, int]]]
    ) -> RouteLegRecord | None:
        for destination, km, evidence in arrivals:
            if self._find([b], destination) == 0:
                return RouteLegRecord(a.place.name, b.place.name, km, "text", evidence)
        return None

    @staticmethod
    def _origins_for(doc: Doc, span: Span) -> list[Token]:
        """The "from" tokens that may open the leg a distance belongs to, best first.

        Linear order, not attachment (the parse of long two-leg sentences is unreliable):
        a "from" right after the distance ("60 km from X to Y"), else the nearest "from"
        before it within its clause ("while from X … to Y, another 60 km"), else the first
        one after it ("there are 60 km from X to Y").
        """
        sentence = span.sent
        after = [t for t in doc[span.end : sentence.end] if t.lower_ in _LEG_BOUNDARIES]
        for token in doc[span.end : min(span.end + 3, sentence.end)]:
            if token.lower_ == "from":
                return [token]
            if token.is_punct or token.lower_ in _LEG_BOUNDARIES:
                break
        before: list[Token] = []
        for token in reversed(doc[sentence.start : span.start]):
            if token.lower_ == "from":
                before.append(token)
                break
            if token.lower_ in _LEG_BOUNDARIES:
                break
        later = next((t for t in after if t.lower_ in _LEG_BOUNDARIES), None)
        if later is not None and later.lower_ == "from":
            before.append(later)
        return before

    def _destination_after(
        self,
        doc: Doc,
        origin_prep: Token,
        origin: PlaceRecord,
        quantity: tuple[int, int],
        index: MentionIndex,
        places: dict[str, PlaceRecord],
    ) -> tuple[Token, PlaceRecord] | None:
        """The "to Y" that pairs with "from X", found by linear order, not by attachment.

        spaCy often hangs the "to" on an apposition of the origin ("from X, the first
        station across the border, to Y": "to" under "station"), so the parse cannot be
        trusted; the first "to"/"until" after the origin whose object names another place,
        before the clause ends (a new "from", "while", a semicolon or the sentence end) or
        the distance itself when the distance follows, is the destination; except a "to" at
        most three words after that distance ("From Korday it drove another 230 km east to
        Almaty": the distance stands inside the leg it measures).
        """
        sentence = origin_prep.sent
        quantity_start, quantity_end = quantity
        after = 0
        for token in doc[origin_prep.i + 1 : sentence.end]:
            if token.lower_ in _LEG_BOUNDARIES:
                return None
            if token.idx >= quantity_start > origin_prep.idx:
                if token.idx < quantity_end:
                    continue
                after += 1
                if after > _AFTER_DISTANCE or token.is_punct:
                    return None
            if token.lower_ not in ("to", "until"):
                continue
            destination = self._place_of_phrase(doc, token, index, places)
            if destination is None and token.i + 1 < sentence.end:
                # "to" parsed without an object: the mention right after it.
                found = index.at(doc[token.i + 1])
                if found is not None:
                    destination = found.place or places.get(found.name)
            if destination is not None and destination is not origin:
                return token, destination
        return None

    @staticmethod
    def _place_of_phrase(
        doc: Doc, prep: Token, index: MentionIndex, places: dict[str, PlaceRecord]
    ) -> PlaceRecord | None:
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if not objects:
            return None
        obj = objects[0]
        mention = index.at(obj)
        if mention is not None and mention.place is not None:
            return mention.place
        if mention is not None and mention.name in places:
            return places[mention.name]
        # "the North Korean capital": the capital of the demonym's country.
        if obj.lemma_.lower() == "capital":
            modifiers = " ".join(
                t.text for t in obj.children if t.dep_ in ("amod", "compound", "nmod")
            )
            code = country_of_demonym(modifiers) if modifiers else None
            capital: PlaceRecord
            for capital in doc._.sl_places:
                if (capital.feature or "").startswith("P.PPLC") and (
                    code is None or capital.country == code
                ):
                    return capital
        # "the border bridge over the X River": the place named inside the phrase.
        for token in subtree(obj):
            if token.i == obj.i:
                continue
            found = index.at(token)
            if found is not None and found.place is not None:
                return found.place
            if found is not None and found.name in places:
                return places[found.name]
        # "from the waters off Bear Island": the parse often hangs the place's preposition on
        # the verb; by linear order, a place right after the object's "of/off/near/at".
        k = obj.i + 1
        if k + 1 < obj.sent.end and doc[k].lower_ in _PLACE_PREPOSITIONS:
            k += 2 if doc[k + 1].lower_ == "the" and k + 2 < obj.sent.end else 1
            found = index.at(doc[k])
            if found is not None:
                return found.place or places.get(found.name)
        return None

    @staticmethod
    def _find(stops: list[_Stop], place: PlaceRecord) -> int | None:
        for n, stop in enumerate(stops):
            if stop.place is place or place.name in stop.names:
                return n
        return None

    def _place_leg_ends(self, stops: list[_Stop], a: PlaceRecord, b: PlaceRecord) -> None:
        ia, ib = self._find(stops, a), self._find(stops, b)
        if ia is not None and ib is not None:
            return
        if ia is None and ib is None:
            self._append(stops, a)
            self._append(stops, b)
        elif ia is None:
            assert ib is not None
            stops.insert(ib, _new_stop(a))
        else:
            stops.insert(ia + 1, _new_stop(b))

    def _text_leg(
        self,
        a: _Stop,
        b: _Stop,
        legs: list[tuple[PlaceRecord, PlaceRecord, float, tuple[int, int]]],
    ) -> RouteLegRecord | None:
        for origin, destination, km, evidence in legs:
            if self._find([a], origin) == 0 and self._find([b], destination) == 0:
                return RouteLegRecord(a.place.name, b.place.name, km, "text", evidence)
        return None


@Language.factory(
    "storyline_route",
    requires=["doc._.sl_events", "doc._.sl_places", "doc._.sl_quantities"],
    assigns=["doc._.sl_route"],
)
def make_route(nlp: Language, name: str) -> RouteStage:
    return RouteStage()
