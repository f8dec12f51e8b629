"""The events stage: typed events with actors, targets, places, time, certainty and sources.

Triggers are verbs and event nouns from ``resources/event_types.tsv`` (PLOVER 2021 types plus
TRAVEL).  Around each trigger the dependency parse gives:

* actors — the subject (the agent of a passive; the governor's subject for "intends to open";
  the noun a participle modifies), a possessor ("the queen's visit"), "between X and Y", and for
  joint events "with X".  A vehicle or delegation moves its owner ("the leader's train"),
  and "the train" alone is the last traveller; "he"/"she" is the nearest person before;
  "both leaders"/"the two countries" are the last two persons or countries mentioned.
* targets — objects and "to/against/on X" of non-movement events.
* places — places in the trigger's clause; for movements with their role (from → origin,
  to/toward/for → destination, over/across/through or the crossed object → via).
* time — a time expression in the clause, else the nearest one in the sentence that no
  other event's clause holds.
* certainty — ``token._.sl_certainty`` of the trigger's predicate.
* sources — the sources of every quotation whose content holds the trigger.

Mentions of one event are gathered: a definite event noun ("the meeting", "the summit")
joins the latest earlier event of its type; a repeated movement of the same traveller on the
same day joins the first; a participle of motion ("…, continuing to X") joins the movement it
modifies.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..doc import EventRecord, TimeRecord, text_of
from ..resources.countries import country_name
from ..resources.event_types import EventLexicon, Sense, event_lexicon
from ._cues import negated_cue
from ._mentions import Mention, MentionIndex
from ._syntax import (
    dateline_span,
    has_negative_subject,
    indices_with_pos,
    is_negated,
    sentence_units,
    subtree,
    subtree_ids,
    trimmed,
    unit_of,
)

__all__ = ["EventsStage"]

_MAX_EVIDENCE = 400
# Clauses that are other predications: their content is not this trigger's.
_NESTED_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj"})
# Vehicles and travelling groups: their movement is their owner's or passenger's.
_VEHICLES = frozenset(
    {"train", "convoy", "motorcade", "plane", "aircraft", "jet", "helicopter", "ship",
     "vessel", "yacht", "boat", "car", "limousine", "delegation", "entourage", "caravan",
     "cortege", "fleet", "column", "flight", "motorcycle", "bus", "ferry", "vehicle",
     "airplane", "airliner", "truck", "coach", "liner", "cruiser", "frigate", "submarine"}
)  # fmt: skip
# "the train carrying X": participles that name a vehicle's passengers.
_CARRY_VERBS = frozenset({"carry", "transport", "bring", "ferry", "convey"})
# Verbs that carry an event noun without adding meaning ("hold talks", "the meeting took
# place"): the noun's participants and setting are in the verb's clause.
_LIGHT_VERBS = frozenset(
    {"hold", "have", "attend", "take", "conduct", "begin", "start", "launch", "stage",
     "carry", "make", "host", "open", "convene", "sign", "reach", "seal", "strike", "end",
     "conclude", "resume", "plan", "schedule", "occur", "happen", "be", "join", "wage",
     "mount", "unleash", "pay", "lodge", "file", "issue", "tender",
     # aspect: "fighting continued along the river", "protests erupted in X"
     "continue", "rage", "erupt", "spread", "escalate", "intensify", "persist", "flare"}
)  # fmt: skip
# Motion verbs that make a movement without a place argument ("he departed on Sunday").
_SELF_EVIDENT_MOTION = frozenset({"depart", "arrive", "travel", "fly", "visit"})
# Boarding or leaving a vehicle "in X" / "at X" starts the journey there.
_START_VERBS = frozenset({"board", "embark", "leave", "depart"})
_ORIGIN_PREPS = frozenset({"from", "out"})
_DESTINATION_PREPS = frozenset({"to", "toward", "towards", "for", "into", "onto"})
_VIA_PREPS = frozenset({"over", "across", "through", "via", "past", "along"})
_TARGET_PREPS = frozenset({"to", "against", "on", "at", "upon", "over", "into"})
_PERSON_GROUPS = frozenset(
    {"leader", "president", "man", "woman", "head", "minister", "official", "side",
     "counterpart", "politician", "premier", "chancellor", "king", "ruler", "queen",
     "prince", "governor", "mayor", "general", "commander", "ambassador", "envoy",
     "secretary", "spokesman", "spokeswoman", "spokesperson", "senator", "emperor"}
)  # fmt: skip
_COUNTRY_GROUPS = frozenset({"country", "nation", "state", "government", "neighbor",
                             "neighbour", "ally", "power", "capital"})  # fmt: skip
# Nouns for groups of people or institutions that act for a place ("lawmakers in X").
_AGENT_NOUNS = _PERSON_GROUPS | _COUNTRY_GROUPS | frozenset(
    {"lawmaker", "legislator", "parliamentarian", "deputy", "soldier", "troop", "police",
     "policeman", "officer", "force", "army", "military", "navy", "militia", "guard", "rebel",
     "insurgent", "militant", "fighter", "activist", "protester", "demonstrator", "student",
     "worker", "farmer", "citizen", "resident", "people", "villager", "official",
     "authority", "ministry", "department", "agency", "media", "newspaper", "press",
     "diplomat", "embassy", "delegation", "parliament", "congress", "senate", "assembly",
     "court", "judge", "prosecutor", "cleric", "priest", "bishop", "imam", "clergy", "group",
     "party", "opposition", "movement", "union", "council", "committee", "administration",
     "regime", "cabinet", "junta", "representative", "envoy", "negotiator", "leadership",
     "colleague", "team", "club", "company", "firm", "bank", "industry", "community"}
)  # fmt: skip
# Nouns of settlements and areas named by an "of" phrase ("the town of X").
_PLACE_NOUNS = frozenset(
    {"city", "town", "village", "hamlet", "province", "region", "district", "county",
     "island", "port", "capital", "area", "territory", "enclave", "strip", "municipality",
     "settlement", "camp", "neighbourhood", "neighborhood", "suburb", "state", "republic",
     "kingdom", "emirate"}
)  # fmt: skip
_TIME_LABELS = frozenset({"DATE", "TIME"})
# Verbs that set an event for later: their event-noun object has not happened yet.
_SCHEDULING = frozenset({"call", "schedule", "plan"})
_TIME_TYPES = frozenset({"DATE", "TIME"})  # TIMEX3 types that date an event
# Subordinators of a clause that happens with its governor ("as", "when"), and adverbs that
# move a conjoined event away from it in time ("then", "later").
_SIMULTANEOUS = frozenset({"as", "when", "while", "whilst", "once"})
_SEQUENCE_WORDS = frozenset({"then", "later", "afterwards", "afterward", "earlier", "subsequently"})
# How guarded a certainty is; merged mentions of one event keep the most guarded.
_HEDGE_RANK = {"confirmed": 0, "reported": 1, "planned": 2, "expected": 2,
               "speculative": 3, "unconfirmed": 3, "denied": 4}  # fmt: skip
# Certainties a negation of the trigger itself turns into "denied" (a hedge stays a hedge).
_NEGATABLE = frozenset({"confirmed", "reported", "expected", "planned"})
_RELATIVE = frozenset({"which", "that", "who", "whom"})
_PERSONAL = frozenset({"he", "she", "him", "her"})


@dataclass(slots=True)
class _Draft:
    record: EventRecord
    token: Token
    unit: Span
    clause: set[int]
    own_time: bool = False
    lemma: str = ""
    merged: bool = False
    definite_noun: bool = False
    participle: bool = False
    extra_clause: set[int] = field(default_factory=set)


class EventsStage:
    def __init__(self) -> None:
        self._attribution_spans: list[tuple[int, int]] = []
        self._excluded = _Spans([])
        self._evidence: dict[tuple[int, int], tuple[int, int] | None] = {}
        self._source_spans: list[tuple[int, int]] = []
        self._cue_sources: list[tuple[tuple[int, int], tuple[int, int]]] = []
        self._lifted_spans: dict[int, _Spans] = {}
        # Vehicle lemma → the passengers the text gave it ("the train carrying X"), so a
        # later "the train departed" is theirs, whoever was named in between.
        self._passengers: dict[str, list[str]] = {}
        self._capitals: dict[str, str] = {}
        self._dateline = (0, 0)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        index = MentionIndex(doc)
        self._capitals = _capital_countries(index)
        units = sentence_units(doc)
        lexicon = event_lexicon()
        # Source phrases and cues of attributions: no event and no participant comes from
        # "a senior official who asked not to be named" or "according to German media".
        self._source_spans = [q.source for q in doc._.sl_quotes]
        self._attribution_spans = self._source_spans + [
            q.cue for q in doc._.sl_quotes if q.cue is not None
        ]
        # The dateline ("OSLO —", after a headline too) says where the story was filed: no
        # participant.
        self._dateline = dateline_span(text_of(doc))
        if self._dateline[1]:
            self._attribution_spans.append(self._dateline)
        self._excluded = _Spans(self._attribution_spans)
        # A trigger that is a quotation's cue ("the government condemned …", "X denied …")
        # is the source's own act: that source is its actor.
        self._cue_sources = [(q.cue, q.source) for q in doc._.sl_quotes if q.cue is not None]
        self._lifted_spans = {}
        sources = _Spans(self._source_spans)
        # A time expression ("March 3", "the May Day holiday") or the dateline names no act:
        # "March" there is the month, not a protest march.
        no_trigger = _Spans([(t.start, t.end) for t in doc._.sl_times] + [self._dateline])
        self._evidence = {}
        self._passengers = {}
        drafts: list[_Draft] = []
        last_travellers: list[str] = []
        # Only verbs and nouns can be triggers (see _match).  All are matched first: an
        # event noun that is the object of a framed verb ("lifted the sanctions", "signed an
        # accord") is that verb's event, not one of its own.
        matches: list[tuple[Token, str, Sense, list[int]]] = []
        consumed: set[int] = set()
        for i in indices_with_pos(doc, "VERB", "NOUN", "PROPN"):
            token = doc[i]
            found = self._match(token, lexicon)
            if found is None and _hazard_strikes(token):
                # "the storm swept through Y", "Typhoon X made landfall": a disaster (the
                # noun is the trigger of "made landfall").
                token = _landfall(token) or token
                found = (token.lemma_.lower(), _DISASTER, [])
            if found is None or sources.covers(token.idx) or no_trigger.covers(token.idx):
                continue
            if _idiom(token) or _capacity(token) or _prevented(token):
                continue
            if token.lemma_ == "meet" and any(c.dep_ == "auxpass" for c in token.children):
                continue  # "launches would be met with force": a response, not a meeting
            if token.pos_ == "VERB" and token.dep_ == "amod":
                # "their shared border", "the disputed area": a participle used as an
                # adjective describes a thing, it reports no event.
                continue
            matches.append((token, found[0], found[1], found[2]))
            consumed.update(i for i in found[2] if i != token.i)
            if _UNREALISED.intersection(found[1].types):  # "called for", "calls for"
                consumed.update(_requested(token))
        for token, key, entry, used in matches:
            if token.i in consumed:
                continue
            types = entry.types
            if "TRAVEL" in types and "CONSULT" in types:
                # "visit": one trigger, one event; whom or what is visited decides.
                types = (_visit_type(token, index),)
            for event_type in types:
                if (event_type == "ASSAULT" and _harm_by_hazard(token)) or (
                    event_type in _FORCEFUL | {"ACCUSE", "TRAVEL"} and _hazard_strikes(token)
                ):
                    # "floods killed 12", "were killed in a crash", "the typhoon slammed
                    # into X": no attack, no criticism, but the story's timeline needs the
                    # disaster (an extension type, like TRAVEL).
                    event_type = "DISASTER"
                if event_type == "PROTEST" and _official_protest(token, index):
                    event_type = "ACCUSE"
                if event_type == "TRAVEL" and not self._is_movement(token, key, index):
                    continue
                draft = self._draft(doc, token, key, entry, event_type, index, units,
                                    last_travellers)  # fmt: skip
                if draft is None:
                    continue
                if any(_definite(doc[i]) and _is_a(doc[i], event_type) for i in used):
                    # "The accord was signed in X": the accord named before, now signed (but
                    # "violating the ceasefire" is no mention of an earlier violation).
                    draft.definite_noun = True
                if event_type == "TRAVEL" and draft.record.actors:
                    last_travellers = list(draft.record.actors)
                drafts.append(draft)
        _judged_actors(drafts)
        times = sorted(doc._.sl_times, key=lambda t: t.start)
        # The dateline's date is the filing day, not an event's.
        times = [t for t in times if not self._dateline[0] <= t.start < self._dateline[1]]
        self._assign_times(doc, drafts, times)
        quote_sources = self._quote_sources(doc)
        for draft in drafts:
            self._assign_sources(draft, quote_sources)
        kept = self._merge(drafts)
        for number, draft in enumerate(kept, 1):
            draft.record.key = f"e{number}"
            doc._.sl_events.append(draft.record)
        return doc

    # --- triggers ------------------------------------------------------------------------

    @staticmethod
    def _match(token: Token, lexicon: EventLexicon) -> tuple[str, Sense, list[int]] | None:
        """The trigger's lemma, its sense given its objects, and the objects a frame used."""
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB":
            prefixed = _hyphen_prefixed(token, lemma)
            if prefixed is not None and prefixed in lexicon.verb_heads:
                lemma = prefixed  # "test-fired": a weapons test, not a firing at someone
            elif lemma not in lexicon.verb_heads:
                # The lemmatiser's rules miss some verbs ("cordoned" → "cordone").
                lemma = next((b for b in _bases(token.lower_) if b in lexicon.verb_heads), "")
                if not lemma:
                    return None  # no trigger, with or without a particle, starts with it
            if lemma in _WARNING_VERBS and _warns_of_danger(token):
                return None  # "warned of a famine": a forecast, no threat
            # A prepositional verb's preposition comes before any direct object: "called a
            # strike for Thursday" is no "call for".
            first_object = min(
                (c.i for c in token.children if c.dep_ == "dobj" and c.i > token.i),
                default=len(token.doc),
            )
            keys = [
                key
                for c in token.children
                if (c.dep_ == "prt" or (c.dep_ == "prep" and c.i < first_object))
                and c.i > token.i
                and ((key := f"{lemma} {c.lower_}"), "VERB") in lexicon
            ]
            keys.append(lemma)
            # Objects are read only when a frame may need them.
            framed = any(lexicon.has_frames(key, "VERB") for key in keys)
            objects = _verb_objects(token) if framed else []
            words = [w for w, _ in objects]
            # The direct object frames the verb before any prepositional object: "opened
            # fire on a border post" is an attack, not the opening of a border.
            direct = {i for c in token.children if c.dep_ in _OBJECT_DEPS for i in subtree_ids(c)}
            direct_words = [w for w, i in objects if i in direct]
            for key in keys:
                sense = lexicon.sense(key, "VERB", direct_words) if direct_words else None
                if sense is not None and sense.framed:
                    kept = [o for o in objects if o[1] in direct]
                    return lemma, sense, _used(lexicon, key, "VERB", sense, kept)
            for key in keys:
                sense = lexicon.sense(key, "VERB", words)
                if sense is not None:
                    return lemma, sense, _used(lexicon, key, "VERB", sense, objects)
            return None
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ != "compound":
            keys = [k for k in (lemma, token.lower_) if (k, "NOUN") in lexicon]
            if not keys:
                return None
            if (
                lemma in _MASS_SENSES
                and token.tag_ == "NN"
                and not any(c.dep_ in ("det", "poss") for c in token.children)
            ):
                return None  # "to meet demand for coal": the market's demand, no request
            if (
                token.dep_ == "pobj"
                and token.head.lower_ == "of"
                and (token.head.head.lemma_.lower() in _NOT_EVENT_HEADS)
            ):
                return None  # "prisoners of war", "the ministry of defence"
            objects = _noun_objects(token)
            words = [w for w, _ in objects]
            for key in keys:
                sense = lexicon.sense(key, "NOUN", words)
                if sense is not None:
                    return lemma, sense, _used(lexicon, key, "NOUN", sense, objects)
        return None

    def _is_movement(self, token: Token, lemma: str, index: MentionIndex) -> bool:
        if token.pos_ == "VERB" and any(c.dep_ == "xcomp" for c in token.children):
            return False  # "going to hold", "continued to rise"
        if token.pos_ == "VERB" and any(
            c.dep_ == "nsubj" and _names_an_event(c) for c in token.children
        ):
            return False  # "fighting continued along the river": the fighting goes on
        if token.pos_ != "VERB" or lemma in _SELF_EVIDENT_MOTION:
            return True
        for child in token.children:
            if _goes_to_a_location(child):
                return True  # "toured the area", "reached the border", "returned home"
            if child.dep_ in ("dobj", "prep", "advmod", "npadvmod"):
                for t in subtree(child):
                    mention = index.at(t)
                    if mention is not None and (
                        mention.place is not None or mention.label in ("GPE", "LOC", "FAC")
                    ):
                        return True  # fmt: skip
        return False

    # --- one trigger ---------------------------------------------------------------------

    def _draft(
        self,
        doc: Doc,
        token: Token,
        lemma: str,
        entry: Sense,
        event_type: str,
        index: MentionIndex,
        units: list[Span],
        travellers: list[str],
    ) -> _Draft | None:
        unit = unit_of(units, token)
        predicate = self._predicate_of(token)
        if token.pos_ == "VERB":
            clause = self._clause(token)
            if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in _LIGHT_VERBS:
                clause |= self._clause(token.head)  # a gerund: "Fighting continued along X"
        elif predicate.lemma_.lower() in _LIGHT_VERBS:
            clause = self._clause(predicate) | subtree_ids(token)
        else:
            clause = subtree_ids(token)
        actors, targets = self._participants(token, predicate, entry, event_type, index,
                                             travellers)  # fmt: skip
        record = EventRecord(
            key="",
            type=event_type,
            trigger=(token.idx, token.idx + len(token.text)),
            actors=actors,
            targets=[t for t in targets if t not in actors],
            certainty=self._certainty(token),
            trigger_token=token.i,
        )
        self._assign_places(doc, token, predicate, clause, record, index)
        unit_key = (unit.start, unit.end)
        if unit_key not in self._evidence:
            self._evidence[unit_key] = trimmed(unit)
        evidence = self._evidence[unit_key]
        if evidence is not None and evidence[1] - evidence[0] > _MAX_EVIDENCE:
            evidence = trimmed(doc[i] for i in sorted(clause)) if clause else None
            if evidence is None or evidence[1] - evidence[0] > _MAX_EVIDENCE:
                evidence = record.trigger
        if evidence is not None:
            record.evidence.append(evidence)
        definite = token.pos_ != "VERB" and any(
            c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "these", "those")
            for c in token.children
        )
        participle = token.tag_ in ("VBG", "VBN") and token.dep_ in ("acl", "advcl", "xcomp")
        return _Draft(record, token, unit, clause, lemma=lemma, definite_noun=definite,
                      participle=participle)  # fmt: skip

    @staticmethod
    def _predicate_of(token: Token) -> Token:
        """For a noun, the verb that governs it (climbing through prepositions)."""
        head = token
        for _ in range(4):
            if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
                return head
            head = head.head
        return head

    @staticmethod
    def _clause(head: Token) -> set[int]:
        """The head's subtree without nested predications and attribution phrases."""
        excluded: set[int] = set()
        for t in subtree(head):
            if t.i == head.i:
                continue
            if (
                t.dep_ in _NESTED_DEPS
                or t.lower_ == "according"
                or (t.dep_ == "acl" and t.pos_ == "VERB" and head.pos_ == "VERB")
            ):
                excluded.update(subtree_ids(t))
        return subtree_ids(head) - excluded

    @classmethod
    def _certainty(cls, token: Token) -> str:
        found = cls._cue_certainty(token)
        if (
            token.pos_ != "VERB"
            and token.dep_ == "dobj"
            and token.head.lemma_.lower() in _SCHEDULING
            and found in ("confirmed", "reported")
        ):
            return "planned"  # "called a general strike for Thursday": not held yet
        if (
            token.pos_ == "VERB"
            and found in _NEGATABLE
            and (is_negated(token) or has_negative_subject(token))
        ):
            # "did not attack", "will not sign", "neither X nor Y boycotted": the actor's
            # own negation denies the event, whatever the certainty stage read above it.
            return "denied"
        return found

    @staticmethod
    def _cue_certainty(token: Token) -> str:
        if token.pos_ != "VERB" and token.dep_ in ("nsubj", "nsubjpass"):
            # "the meeting is expected to take place": the raised clause's certainty.
            for child in token.head.children:
                if child.dep_ == "xcomp" and child._.sl_certainty is not None:
                    return str(child._.sl_certainty)
        head = token
        for _ in range(6):
            if head.i != token.i and token.pos_ != "VERB" and head.pos_ in ("VERB", "AUX"):
                # An event noun in a negated cue's object: "did not confirm the date of
                # the talks" leaves the talks unconfirmed.
                negated = negated_cue(head)
                if negated is not None:
                    return negated
            value = head._.sl_certainty
            if value is not None:
                return str(value)
            if head.head.i == head.i:
                break
            head = head.head
        return "confirmed"

    # --- participants --------------------------------------------------------------------

    def _participants(
        self,
        token: Token,
        predicate: Token,
        entry: Sense,
        event_type: str,
        index: MentionIndex,
        travellers: list[str],
    ) -> tuple[list[str], list[str]]:
        actors: list[str] = []
        targets: list[str] = []

        def add(names: list[str], into: list[str]) -> None:
            for name in names:
                if name not in into:
                    into.append(name)

        excluded = self._excluded
        # (a noun's governing verb: "X welcomed the resumption of ties")
        anchor = token if token.pos_ == "VERB" else predicate
        lifted = self._lifted_quote(anchor)
        if lifted is not None:
            excluded = self._lifted_spans.get(lifted) or self._lift(lifted)
        resolve = _Resolver(index, travellers, excluded, self._passengers)
        if token.pos_ == "VERB":
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
            # "Rebuked by X, Y said …": a passive participle's borrowed subject undergoes it.
            borrowed_passive = (
                token.tag_ == "VBN"
                and token.dep_ in ("advcl", "acl")  # "two men convicted of spying" too
                and event_type != "TRAVEL"  # movements are intransitive: "the train departed"
                and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in token.children)
            )
            # "troops were deployed": forces mobilised are their own side's, the actor.
            own_forces = event_type == "MOBILIZE" and not any(
                c.dep_ == "agent" for c in token.children
            )
            for subject in self._subjects(token):
                undergoes = (
                    (passive and subject.dep_ == "nsubjpass") or borrowed_passive
                ) and not own_forces
                # "X received aid from Y": the subject is the recipient.
                add(resolve(subject), targets if undergoes or entry.received else actors)
            for child in token.children:
                if child.dep_ == "agent":
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            add(resolve(obj), actors)
                elif event_type != "TRAVEL" and (
                    child.dep_ in ("dobj", "dative", "iobj")
                    # "cordoned off the roads": a particle parsed as a preposition
                    or (child.dep_ == "prep" and child.lower_ in _PARTICLES)
                ):
                    # "restored ties with X": the object's "with" names the partner;
                    # "imposed sanctions on X", "sent aid to X": its "on/to" the target.
                    for grand in child.children:
                        if grand.dep_ == "prep" and grand.lower_ in (
                            "with",
                            "between",
                            "on",
                            "against",
                            "to",
                            "upon",
                            "at",  # "fired two shells at X"
                            "from",  # "requested aid from X" (requests, sanctions, receipts)
                        ):
                            self._prep_participants(grand, entry, event_type, resolve, actors,
                                                    targets)  # fmt: skip
                    # "sold arms to X": a dative preposition's object is the recipient.
                    heads = (
                        [c for c in child.children if c.dep_ == "pobj"]
                        if (child.pos_ == "ADP")
                        else [child]
                    )
                    if (
                        event_type in ("AID", "AGREE")
                        and (entry.framed or child.lemma_.lower() in _aid_words())
                        and child.dep_ == "dobj"
                        and index.at(child) is None
                    ):
                        # "sent peacekeepers to X", "offered Vietnamese help": the object is
                        # the aid given, its nationality the giver's (but "provided Niger
                        # with arms" names the recipient)
                        heads = []
                    for head in heads:
                        if event_type in _FORCEFUL and not resolve(head, anaphora=False):
                            # "cordoned off the roads leading into X": whose the thing is
                            # or where it lies.
                            add(_owners(head, resolve), targets)
                    # "X met Y": a meeting is mutual, the one met takes part in it too.
                    mutual = entry.joint and event_type == "CONSULT" and child.dep_ == "dobj"
                    for head in heads:
                        add(resolve(head, anaphora=False), actors if mutual else targets)
                elif child.dep_ == "prep":
                    self._prep_participants(child, entry, event_type, resolve, actors, targets)
                    if entry.joint:
                        # "spoke by telephone with X": the parser hangs the partner on the
                        # means.
                        for obj in child.children:
                            for grand in obj.children if obj.dep_ == "pobj" else ():
                                if grand.dep_ == "prep" and grand.lower_ in ("with", "between"):
                                    self._prep_participants(grand, entry, event_type, resolve,
                                                            actors, targets)  # fmt: skip
        else:
            for child in token.children:
                if child.dep_ == "poss":
                    add(resolve(child), actors)
                elif child.dep_ == "acl" and child.tag_ == "VBN":
                    # "the allegations made by X", "the plan put forward by X"
                    for agent in child.children:
                        if agent.dep_ == "agent":
                            for obj in agent.children:
                                if obj.dep_ == "pobj":
                                    add(resolve(obj), actors)
            # "she wants to convene a conference": the light verb's subject holds it.
            light = predicate.i != token.i and predicate.lemma_.lower() in _LIGHT_VERBS | {"plan"}
            if light and token.dep_ in ("dobj", "attr", "pobj"):
                for subject in self._subjects(predicate):
                    add(resolve(subject), actors)
            # "resumption of ties with X": the "with" of the noun's object is the noun's.
            preps = [c for c in token.children if c.dep_ == "prep"]
            for of in [p for p in preps if p.lower_ == "of"]:
                for obj in of.children:
                    if obj.dep_ == "pobj":
                        preps.extend(
                            g
                            for g in obj.children
                            if g.dep_ == "prep" and g.lower_ in ("with", "between")
                        )
            # Whether an actor other than a "with" partner is known.
            own = bool(actors)
            for child in preps:
                before = len(actors)
                self._prep_participants(child, entry, event_type, resolve, actors, targets)
                own = own or (child.lower_ != "with" and len(actors) > before)
            for child in token.children:
                if child.dep_ in ("compound", "amod") and index.at(child) is not None:
                    before = len(actors)
                    add(resolve(child, anaphora=False), actors)
                    own = own or len(actors) > before
            if predicate.i != token.i and predicate.lemma_.lower() in _LIGHT_VERBS | {"plan"}:
                for child in predicate.children:
                    if child.dep_ == "prep" and child.lower_ in ("with", "between"):
                        self._prep_participants(child, entry, event_type, resolve, actors,
                                                targets)  # fmt: skip
            # "both countries could agree to an exchange", "X welcomed the resumption of
            # ties with Y": the governing verb's subject, before any partner.
            # (not the judge's: "X condemned the violence" is not X's violence; but who
            # welcomes a joint act is a party to it: "X welcomed the resumption of ties")
            judge = event_lexicon().sense(predicate.lemma_.lower(), "VERB", ())
            judged = (
                judge is not None
                and bool(_JUDGING.intersection(judge.types))
                and not (entry.joint and "SUPPORT" in judge.types)
            )
            if not own and predicate.i != token.i and predicate.pos_ == "VERB" and not judged:
                subjects: list[str] = []
                for subject in self._subjects(predicate):
                    if subject.dep_ != "nsubjpass":  # "five were killed in an airstrike"
                        add(resolve(subject), subjects)
                actors[:0] = [n for n in subjects if n not in actors]
        if event_type != "TRAVEL":
            # "Pyongyang fired …": a capital that acts stands for its country's government.
            actors = list(dict.fromkeys(self._capitals.get(name, name) for name in actors))
        return actors, targets

    @staticmethod
    def _prep_participants(
        prep: Token,
        entry: Sense,
        event_type: str,
        resolve: _Resolver,
        actors: list[str],
        targets: list[str],
    ) -> None:
        word = prep.lower_
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        for obj in objects:
            if word == "at" and event_type not in _FORCEFUL:
                mention = resolve.index.at(obj)
                if mention is not None and (
                    mention.place is not None or mention.label in ("GPE", "LOC", "FAC")
                ):
                    continue  # "met at Malacanang Palace": the setting (but "fired at X")
            names = resolve(obj, anaphora=word == "between")
            # "X mediated between Y and Z": with an actor of its own, a one-sided event's
            # "between" names those it acts on.
            if (
                (word == "between" and (entry.joint or not actors))
                or (word == "with" and entry.joint)
                or word == "by"
                or (word == "from" and entry.received)
            ):
                into = actors
            elif event_type != "TRAVEL" and (
                word in _TARGET_PREPS | {"with", "between"}
                # "requested aid from X", "recalled its ambassador from X"
                or (word == "from" and event_type in ("REQUEST", "SANCTION"))
            ):
                into = targets
            else:
                continue
            for name in names:
                if name not in into:
                    into.append(name)

    @staticmethod
    def _subjects(verb: Token) -> list[Token]:
        current = verb
        for _ in range(4):
            subjects = [c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                return subjects
            if current.dep_ in ("acl",) and current.head.pos_ in ("NOUN", "PROPN", "PRON"):
                return [current.head]  # "the train, …, departed from X"
            if current.dep_ == "xcomp" and current.head.i != current.i:
                # "urged X to withdraw", "called on X to resume talks": the governor's
                # object does the wanted thing.
                controller = _object_controller(current.head)
                if controller is not None:
                    return [controller]
            if (
                current.dep_ == "pcomp"
                and current.head.lower_ in ("of", "for")
                and current.head.head.pos_ == "VERB"
            ):
                # "accused X of violating", "praised X for mediating": the object did it.
                objects = [c for c in current.head.head.children if c.dep_ == "dobj"]
                if objects:
                    return objects
            if current.dep_ in ("xcomp", "conj", "advcl", "acomp") and current.head.i != current.i:
                current = current.head
                continue
            break
        return []

    def _lifted_quote(self, anchor: Token) -> int | None:
        """The quotation whose source acts in ``anchor``: the anchor is its cue, or the
        source is the anchor's own subject."""
        at = anchor.idx
        for n, ((c0, c1), _) in enumerate(self._cue_sources):
            if c0 <= at < c1:
                return n
        if anchor.dep_ in ("conj", "xcomp") and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in anchor.children
        ):
            # "X condemned … and promised …", "X offered to mediate": the verb shares the
            # cue's subject.
            return self._lifted_quote(anchor.head)
        if anchor.pos_ != "VERB" or not self._cue_sources:
            return None
        first = anchor.left_edge.idx
        last = anchor.right_edge.idx
        near = [n for n, (_, (s0, _s1)) in enumerate(self._cue_sources) if first <= s0 <= last]
        if not near:
            return None
        spans = [
            (s.left_edge.idx, s.right_edge.idx + len(s.right_edge.text))
            for s in self._subjects(anchor)
        ]
        for n in near:
            s0, s1 = self._cue_sources[n][1]
            if any(a < s1 and s0 < b for a, b in spans):
                return n
        return None

    def _lift(self, n: int) -> _Spans:
        """The excluded spans without quotation ``n``'s source and cue, built once."""
        cue, source = self._cue_sources[n]
        spans = _Spans([s for s in self._attribution_spans if s not in (source, cue)])
        self._lifted_spans[n] = spans
        return spans

    # --- places --------------------------------------------------------------------------

    def _assign_places(
        self,
        doc: Doc,
        token: Token,
        predicate: Token,
        clause: set[int],
        record: EventRecord,
        index: MentionIndex,
    ) -> None:
        tokens = set(clause)
        if (
            token.pos_ != "VERB"
            and predicate.i != token.i
            and (predicate.lemma_.lower() in _LIGHT_VERBS)
        ):
            # The light verb's setting: "the meeting took place in X (, which …)".
            for child in predicate.children:
                if child.dep_ in ("prep", "dobj", "advmod") and child.i != token.i:
                    if token.i in subtree_ids(child):
                        continue
                    tokens.update(t.i for t in subtree(child) if t.lower_ != "according")
        if token.pos_ != "VERB" and token.dep_ in ("nsubj", "nsubjpass"):
            # "the meeting is expected to take place in X": the raised clause's setting.
            for child in token.head.children:
                if child.dep_ == "xcomp" and child.lemma_.lower() in _LIGHT_VERBS:
                    tokens.update(self._clause(child))
        subject_tokens = {
            i
            for s in token.children
            if s.dep_ in ("nsubj", "nsubjpass") and token.pos_ == "VERB"
            for i in subtree_ids(s)
        }
        for i in sorted(tokens - subject_tokens):
            mention = index.at(doc[i])
            if mention is None or not self._is_place(mention):
                continue
            if _reference_point(doc[i]):
                continue
            if self._dateline[0] <= mention.start < self._dateline[1]:
                continue  # "TBILISI —" is where the story was filed, not where it happened
            if mention.name in record.places:
                continue
            record.places.append(mention.name)
            if record.type == "TRAVEL":
                record.place_roles[mention.name] = self._role(doc[i], token)
            else:
                record.place_roles[mention.name] = "location"

    @staticmethod
    def _is_place(mention: Mention) -> bool:
        return mention.place is not None or mention.label in ("GPE", "LOC", "FAC")

    @staticmethod
    def _role(place_token: Token, trigger: Token) -> str:
        """Origin, destination or via: the preposition nearest above the place."""
        current = place_token
        for _ in range(6):
            if current.i == trigger.i or current.head.i == current.i:
                break
            if current.dep_ == "pobj" or current.dep_ == "prep":
                word = current.head.lower_ if current.dep_ == "pobj" else current.lower_
                if word in ("in", "at") and trigger.lemma_.lower() in _START_VERBS:
                    return "origin"
                if word in _ORIGIN_PREPS:
                    return "origin"
                if word in _DESTINATION_PREPS:
                    return "destination"
                if word in _VIA_PREPS:
                    return "via"
            if current.dep_ == "dobj" and current.head.i == trigger.i:
                lemma = trigger.lemma_.lower()
                if lemma in ("leave", "depart"):
                    return "origin"
                if lemma in ("reach", "enter", "visit", "arrive"):
                    return "destination"
                return "via"
            current = current.head
        return "location"

    # --- time ----------------------------------------------------------------------------

    @staticmethod
    def _assign_times(doc: Doc, drafts: list[_Draft], times: list[TimeRecord]) -> None:
        # An event's time is a point or period on the calendar or clock: "after six hours of
        # talks", "within hours" (DURATION) or "every Monday" (SET) say how long or how often.
        times = [t for t in times if t.type in _TIME_TYPES]
        if not times:
            return
        token_of_time: dict[int, set[int]] = {}
        for time in times:
            span = doc.char_span(time.start, time.end, alignment_mode="expand")
            if span is not None:
                token_of_time[id(time)] = set(range(span.start, span.end))
        no_tokens: set[int] = set()
        claimed: dict[int, int] = {}  # id(time) → index of the draft whose clause holds it
        owns: list[list[TimeRecord]] = []
        for n, draft in enumerate(drafts):
            hits = [
                t for t in times if not token_of_time.get(id(t), no_tokens).isdisjoint(draft.clause)
            ]
            owns.append(hits)
            for time in hits:
                claimed.setdefault(id(time), n)
        # "…, the ministry said on Tuesday": the day of the saying dates no reported event.
        cues = _Spans([q.cue for q in doc._.sl_quotes if q.cue is not None])
        contents = _Spans([q.content for q in doc._.sl_quotes])
        said_on = {
            id(t)
            for t in times
            if (ids := token_of_time.get(id(t)))
            and _dates_a_cue(doc[min(ids)], cues)
            and not contents.covers(t.start)  # "called a strike for Thursday": what was said
        }
        for n, draft in enumerate(drafts):
            own = owns[n]
            # "boarded the overnight service on Saturday evening": a time inside the object
            # or subject describes that thing; the adverbial one dates the event.
            described = {
                x
                for c in draft.token.children
                if c.dep_ in ("dobj", "nsubj", "nsubjpass") and draft.token.pos_ == "VERB"
                for x in subtree_ids(c)
            }
            adverbial = [t for t in own if not token_of_time.get(id(t), no_tokens) <= described]
            own = adverbial or own
            if own:
                draft.record.time = _most_specific(own)
                draft.own_time = True
                continue
            free = [
                t
                for t in times
                if draft.unit.start_char <= t.start < draft.unit.end_char
                and claimed.get(id(t), n) == n
                and id(t) not in said_on
            ]
            if free:
                pivot = draft.token.idx
                draft.record.time = min(free, key=lambda t: abs(t.start - pivot))
        # "arrested 46 people on Monday night after demonstrators marched …", "met on
        # Wednesday and discussed …": a dependent or conjoined event with no time of its own
        # happened when the event it hangs on did.
        # Only a day is shared ("Monday night" is the arrests' hour, not the march's), and
        # not across "after/before" or a "later" of its own.
        dated = {d.token.i: d for d in drafts if d.own_time}
        for draft in drafts:
            token = draft.token
            if draft.record.time is not None or token.dep_ not in ("advcl", "conj", "xcomp"):
                continue
            governor = dated.get(token.head.i)
            if (
                governor is not None
                and governor.record.time is not None
                and governor.record.time.type == "DATE"
                and not any(
                    (c.dep_ == "mark" and c.lower_ not in _SIMULTANEOUS)
                    or (c.dep_ in ("advmod", "npadvmod") and c.lower_ in _SEQUENCE_WORDS)
                    for c in token.children
                )
            ):
                draft.record.time = governor.record.time

    # --- sources -------------------------------------------------------------------------

    @staticmethod
    def _quote_sources(doc: Doc) -> list[tuple[tuple[int, int], list[str]]]:
        """Each quotation's content span with the names of its sources, computed once."""
        by_key = {s.key: s.name for s in doc._.sl_sources}
        found: list[tuple[tuple[int, int], list[str]]] = []
        for quote in doc._.sl_quotes:
            names = [
                s.name
                for s in doc._.sl_sources
                if any(quote.source[0] <= m0 and m1 <= quote.source[1] for m0, m1 in s.mentions)
            ]
            if not names and quote.source_key in by_key:
                names = [by_key[quote.source_key]]
            found.append((quote.content, names))
        return found

    @staticmethod
    def _assign_sources(
        draft: _Draft, quote_sources: list[tuple[tuple[int, int], list[str]]]
    ) -> None:
        at = draft.token.idx
        for (start, end), names in quote_sources:
            if not (start <= at < end):
                continue
            for name in names:
                if name not in draft.record.sources:
                    draft.record.sources.append(name)

    # --- gathering mentions of one event -------------------------------------------------

    def _merge(self, drafts: list[_Draft]) -> list[_Draft]:
        kept: list[_Draft] = []
        for draft in drafts:
            target = self._antecedent(draft, kept)
            if target is None:
                kept.append(draft)
                continue
            self._absorb(target, draft)
        return kept

    @staticmethod
    def _antecedent(draft: _Draft, kept: list[_Draft]) -> _Draft | None:
        record = draft.record
        if draft.definite_noun:
            # "the talks" refers back to the talks before any other meeting word.
            for other in reversed(kept):
                if other.record.type == record.type and other.lemma == draft.lemma:
                    return other
        for other in reversed(kept):
            if other.record.type != record.type:
                continue
            if _purpose_noun(draft.token) == other.token.i:
                return other  # "arrived in Moscow for a state visit": one trip (same type)
            if draft.token.head.i == other.token.i and (draft.participle or _purpose(draft.token)):
                # "opened fire on X, wounding two guards", "used force to break up the
                # rally": one attack
                return other
            if (
                record.type == "CONSULT"
                and draft.token.dep_ == "conj"
                and draft.token.head.i == other.token.i
            ):
                return other  # "met on Wednesday and discussed X": one meeting
            if draft.definite_noun and _HEDGE_RANK.get(record.certainty, 0) >= 2 > (
                _HEDGE_RANK.get(other.record.certainty, 0)
            ):
                # "X met officials … the meeting is expected next week": a meeting still to
                # come is not the one already reported.
                continue
            same_actor = bool(set(other.record.actors) & set(record.actors))
            if draft.definite_noun and (same_actor or not record.actors or
                                        set(record.actors) <= set(other.record.actors) or
                                        len(other.record.actors) < 2):  # fmt: skip
                return other
            if record.type != "TRAVEL" or not same_actor:
                continue
            if draft.participle and other.unit.start == draft.unit.start:
                return other  # "departed from X, continuing to Y"
            if other.lemma == draft.lemma and _same_day(other.record.time, record.time):
                return other
        return None

    @staticmethod
    def _absorb(target: _Draft, draft: _Draft) -> None:
        into, extra = target.record, draft.record
        for name in extra.actors:
            if name not in into.actors:
                into.actors.append(name)
        for name in extra.targets:
            if name not in into.targets and name not in into.actors:
                into.targets.append(name)
        for name in extra.places:
            if name not in into.places:
                into.places.append(name)
                into.place_roles[name] = extra.place_roles.get(name, "location")
        for name in extra.sources:
            if name not in into.sources:
                into.sources.append(name)
        for span in extra.evidence:
            if span not in into.evidence:
                into.evidence.append(span)
        # The most guarded word on the event wins: "she plans to open talks … neither side
        # has confirmed the date of the talks" leaves the talks unconfirmed (but the purpose
        # of an act, "fired tear gas to disperse the crowd", hedges nothing).
        if _HEDGE_RANK.get(extra.certainty, 0) > _HEDGE_RANK.get(into.certainty, 0) and not (
            _purpose(draft.token) and draft.token.head.i == target.token.i
        ):
            into.certainty = extra.certainty
        if extra.time is not None and (
            into.time is None or (draft.own_time and not target.own_time)
        ):
            into.time = extra.time
            target.own_time = draft.own_time


# Harm verbs that report an attack only when someone did it: with a natural hazard or an
# accident as their cause they report a disaster (PLOVER ASSAULT is violence by an actor).
_HARM_VERBS = frozenset({"kill", "injure", "wound", "hurt", "maim", "destroy", "ravage", "raze"})
# Natural hazards (the UNDRR/ISC hazard families: meteorological, hydrological, geophysical,
# climatological, biological) and accidents, as news names them.
_HAZARDS = frozenset(
    "flood floods flooding deluge storm storms hurricane typhoon cyclone tornado gale wind winds"
    " earthquake quake tremor aftershock tsunami landslide landslides mudslide avalanche"
    " wildfire wildfires bushfire blaze fire fires heatwave heat drought lightning eruption"
    " volcano rain rains rainfall downpour snow snowstorm blizzard hail monsoon surge outbreak"
    " epidemic disease virus crash crashes collision derailment accident accidents collapse"
    " sinking capsizing stampede plunge overturn derail capsize collide".split()
)
# Words that make it violence after all ("a fire set by rebels", "troops killed 12").
_VIOLENT = frozenset(
    "attack attacker attackers gunman gunmen militant militants rebel rebels troops soldiers"
    " army police forces bomb bombs bomber missile missiles shell shells rocket rockets drone"
    " drones airstrike airstrikes arson arsonist shooting sniper".split()
)


def _harm_by_hazard(token: Token) -> bool:
    """'Floods killed 12', '12 people were killed after the river burst its banks', 'killed in
    a crash': harm whose cause in the sentence is a hazard or accident, with no attacker."""
    if token.lemma_.lower() not in _HARM_VERBS or token.pos_ != "VERB":
        return False
    # The attacker, if any, is in the verb's own phrase or its subject's ("a fire set by
    # rebels killed five"), not in the rest of the sentence ("..., police said").
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    local = list(token.subtree) + (list(subject.subtree) if subject is not None else [])
    if {t.lower_ for t in local} & _VIOLENT:
        return False
    if subject is not None:
        return subject.lower_ in _HAZARDS or subject.lemma_.lower() in _HAZARDS
    words = {t.lower_ for t in token.sent} | {t.lemma_.lower() for t in token.sent}
    if words & _VIOLENT - {"police", "forces", "army"}:
        return False
    # A passive ('were killed') or participle: the hazard named anywhere in its sentence,
    # or a river bursting its banks.
    return bool(words & _HAZARDS) or ("burst" in words and "banks" in words)


# Verbs of a hazard's impact (its arrival, its force, the damage it does), in news usage.
_IMPACT_VERBS = frozenset(
    "hit strike slam batter pound lash sweep ravage devastate flood inundate swamp engulf"
    " rock shake jolt hammer wreck damage destroy flatten kill injure uproot tear rip"
    " bury cut knock force displace strand submerge cripple paralyse paralyze disrupt leave".split()
)
_DISASTER = Sense(("DISASTER",), False)
# Bodies of water and their works whose bursting is a flood.
_WATERS = frozenset({"river", "dam", "lake", "canal", "reservoir", "levee", "dyke", "dike",
                     "embankment", "stream", "creek", "sea"})  # fmt: skip


def _hazard_strikes(token: Token) -> bool:
    """'Typhoon X slammed into Luzon', 'the quake struck at dawn', 'the storm made landfall':
    a verb of impact (or landfall) whose subject is a natural hazard or an accident."""
    if token.pos_ != "VERB":
        return False
    if token.lemma_.lower() in ("burst", "overflow", "breach", "break") and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in _WATERS for c in token.children
    ):
        return True  # "the river burst its banks", "the dam was breached": a flood
    if token.lemma_.lower() not in _IMPACT_VERBS and _landfall(token) is None:
        return False
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    if not subjects and token.dep_ == "conj":
        subjects = [c for c in token.head.children if c.dep_ == "nsubj"]
    # (the parser may split "a magnitude 6.4 earthquake" into two subjects)
    for subject in subjects:
        # "Typhoon X", "Hurricane Y": the hazard word is the name's first part.
        words = {subject.lemma_.lower()} | {
            c.lemma_.lower() for c in subject.children if c.dep_ in ("compound", "amod")
        }
        if words & _HAZARDS and not {t.lower_ for t in subject.subtree} & _VIOLENT:
            return True
    return False


_COMPASS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
)


def _reference_point(token: Token) -> bool:
    """'400 km north of Manila', 'south-east of X': a place that only locates another."""
    head = token.head
    return token.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _COMPASS


# Nouns of entitlement or capacity: "the right to protest" names what may be done, no act.
_CAPACITY_NOUNS = frozenset(
    {"right", "freedom", "liberty", "ability", "capacity", "capability", "power", "authority",
     "permission", "licence", "license", "entitlement"}
)  # fmt: skip


def _capacity(token: Token) -> bool:
    """'The right to protest does not include the right to burn buses': no protest, no arson."""
    return (
        token.pos_ == "VERB"
        and token.dep_ == "acl"
        and token.head.lemma_.lower() in _CAPACITY_NOUNS
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    )


def _names_an_event(token: Token) -> bool:
    """An event noun ("the talks") or a gerund of an event verb ("fighting")."""
    lexicon = event_lexicon()
    if token.tag_ == "VBG":
        return token.lemma_.lower() in lexicon.verb_heads
    return (token.lemma_.lower(), "NOUN") in lexicon or (token.lower_, "NOUN") in lexicon


def _dates_a_cue(token: Token, cues: _Spans) -> bool:
    """Whether a time expression ("on Tuesday") modifies the verb of saying of a quotation."""
    head = token.head
    if head.dep_ == "prep" or head.pos_ == "ADP":
        head = head.head
    return head.i != token.i and cues.covers(head.idx)


def _is_a(noun: Token, event_type: str) -> bool:
    """Whether the noun, bare, names an event of this type ("accord" an AGREE)."""
    sense = event_lexicon().sense(noun.lemma_.lower(), "NOUN", ())
    return sense is not None and event_type in sense.types


def _definite(noun: Token) -> bool:
    """'the accord', 'this deal': a noun phrase that refers back."""
    return any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")
        for c in noun.children
    )


# Verbs that keep someone from an act: "barred them from entering the country".
_PREVENTING = frozenset(
    {"bar", "ban", "prevent", "stop", "block", "prohibit", "keep", "deter", "forbid",
     "restrain", "discourage", "dissuade", "exclude", "debar", "preclude"}
)  # fmt: skip


def _purpose(verb: Token) -> bool:
    """An infinitive of purpose on another verb: "fired tear gas to disperse the crowd"."""
    return (
        verb.dep_ in ("advcl", "xcomp")
        and verb.head.pos_ == "VERB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        # "agreed to withdraw", "urged X to attack": an xcomp of a verb of will or saying is
        # its content, not its purpose; only a verb with an object of its own has one.
        and (verb.dep_ == "advcl" or any(c.dep_ == "dobj" for c in verb.head.children))
    )


def _purpose_noun(noun: Token) -> int | None:
    """The verb an event noun is the purpose, occasion or setting of ("left for a visit",
    "arrived on a state visit", "were killed in an airstrike"): its token index, else None."""
    head = noun.head
    if (
        noun.pos_ == "NOUN"
        and noun.dep_ == "pobj"
        and head.lower_ in ("for", "on", "in", "during")
        and head.head.pos_ == "VERB"
    ):
        return head.head.i
    return None


def _aid_words() -> frozenset[str]:
    """The lexicon's words for things given as aid ("help", "food", "arms")."""
    return event_lexicon().class_words("@aid")


def _prevented(token: Token) -> bool:
    """'bar them from entering the country': the entering is what does not happen."""
    head = token.head
    return (
        token.pos_ == "VERB"
        and token.dep_ == "pcomp"
        and head.lower_ == "from"
        and head.head.lemma_.lower() in _PREVENTING
    )


def _landfall(verb: Token) -> Token | None:
    """The noun of "made landfall" (the tagger may call it an adjective)."""
    if verb.lemma_.lower() != "make":
        return None
    return next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ == "landfall"), None)


# Prepositional idioms whose noun names no act: "in return" / "in exchange" (for something),
# "in turn".  A bare noun after "in" in these is never a trigger.
_IDIOM_NOUNS = frozenset({"return", "exchange", "turn"})


def _idiom(token: Token) -> bool:
    """'... would want technology in return': the noun of a fixed phrase, not an event."""
    return (
        token.pos_ == "NOUN"
        and token.lower_ in _IDIOM_NOUNS
        and token.dep_ == "pobj"
        and token.head.lower_ == "in"
        and not any(c.dep_ in ("det", "poss", "amod", "compound") for c in token.children)
    )


class _Spans:
    """Character spans with a memoised "does one cover this offset?" (asked per token)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        # Merged into disjoint runs so one binary search answers.
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(s for s in spans if s[0] < s[1]):
            if self._ends and start <= self._ends[-1]:
                self._ends[-1] = max(self._ends[-1], end)
            else:
                self._starts.append(start)
                self._ends.append(end)

    def covers(self, char: int) -> bool:
        pos = bisect_right(self._starts, char)
        return bool(pos) and char < self._ends[pos - 1]


class _Resolver:
    """Names of the participants a noun phrase stands for."""

    def __init__(
        self,
        index: MentionIndex,
        travellers: list[str],
        excluded: _Spans,
        passengers: dict[str, list[str]],
    ) -> None:
        self.index = index
        self.travellers = travellers
        self.excluded = excluded
        self.passengers = passengers

    def __call__(self, token: Token, *, anaphora: bool = True) -> list[str]:
        names: list[str] = []
        for part in _coordinated(token):
            for name in self._one(part, anaphora):
                if name not in names:
                    names.append(name)
        return names

    def _one(self, token: Token, anaphora: bool) -> list[str]:
        index = self.index
        mention = index.at(token)
        lemma = token.lemma_.lower()
        if self._inside_attribution(token):
            # "NAIROBI — Kenyan President X called …": the parser hangs the subject on the
            # dateline; the apposition outside it is the participant.
            for child in token.children:
                if child.dep_ == "appos" and not self._inside_attribution(child):
                    return self(child, anaphora=False)
            return []
        if mention is not None and token.pos_ in ("PROPN", "NOUN", "ADJ"):
            if mention.label == "NORP" and (
                token.dep_ in ("amod", "compound")
                or token.pos_ == "ADJ"
                or (token.dep_ == "conj" and token.head.dep_ in ("amod", "compound"))
            ):  # "Chinese and Indian troops": the conjoined adjective too
                code = mention.country
                name = country_name(code) if code else None
                return [name] if name else []
            return [mention.name]
        lower = token.lower_
        if lower in _RELATIVE and token.head.dep_ == "relcl":
            return self(token.head.head)
        if lower in _PERSONAL:
            found = index.last_before(token.idx, person=True)
            return [found[0].name] if found else []
        if lower in ("it", "its") and anaphora:
            # "Ethiopia said it would withdraw": the last country or organisation named
            # (a source too: it is the speaker).
            for m in reversed(index.mentions):
                if m.end <= token.idx and m.label in ("GPE", "ORG"):
                    return [m.name]
            return []
        if lemma in _VEHICLES:
            names = self._passengers_of(token)
            if names:
                self.passengers[lemma] = names
                return names
            if not anaphora:
                return []
            # "the motorcade departed": the passengers the text gave that vehicle, else
            # those of any vehicle named before, else the last traveller.
            known = self.passengers.get(lemma) or next(
                (list(v) for v in reversed(self.passengers.values())), None
            )
            return list(known) if known else list(self.travellers)
        # "the regional governor, Eleni Markaki": the apposition names the person.
        for child in token.children:
            if child.dep_ == "appos" and self.index.at(child) is not None:
                return self(child, anaphora=False)
        if lemma in _QUANTITY_HEADS or token.like_num:
            # "thousands of students", "a group of soldiers": the counted people act.
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            return self(obj, anaphora=anaphora)
        group = self._group(token)
        if group is not None:
            return group
        # "the North Korean leader": the person the text gave that title.
        titled = index.last_with_role(lemma, token.idx)
        if titled is not None:
            return [titled.name]
        if token.pos_ == "PROPN" and token.ent_type_ not in _TIME_LABELS:
            return [token.text]
        # "the Russian government", "Osgiliath soldiers": the named modifier acts for them
        # (but a title such as "the Czech president" names a person, not the country).
        single_title = lemma in _PERSON_GROUPS and token.tag_ != "NNS" and not anaphora
        named_modifiers = [
            c for c in token.children if c.dep_ in ("compound", "amod", "poss", "nmod")
        ]
        modifiers = [] if single_title else named_modifiers
        for child in modifiers:
            if index.at(child) is not None:
                named = self(child, anaphora=False)
                if named:
                    return named
            if child.dep_ == "poss" and child.lower_ == "its" and lemma in _AGENT_NOUNS:
                return self(child, anaphora=anaphora)  # "its forces"
        # "lawmakers in Peru and Chile", "soldiers from X", "the government of X": a group
        # of people is known by where it comes from; "the village of X" is X.
        if (lemma in _AGENT_NOUNS and not single_title) or lemma in _PLACE_NOUNS:
            places: list[str] = []
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("in", "from", "of"):
                    for obj in child.children:
                        if obj.dep_ == "pobj":  # "troops from both countries" too
                            places.extend(n for n in self(obj, anaphora=False) if n not in places)
            if places:
                return places
        # An unknown name the tagger calls proper ("Osgiliath soldiers").
        for child in modifiers:
            if child.pos_ == "PROPN":
                return self(child, anaphora=False)
        if single_title and token.dep_ != "poss":
            # "his Russian counterpart" when no person was given that title: the country
            # the office belongs to (a possessor, "the Czech president's motorcade", is left
            # to the vehicle's travellers).
            for child in named_modifiers:
                mention = index.at(child)
                if mention is not None and mention.country and child.dep_ != "poss":
                    name = country_name(mention.country)
                    if name:
                        return [name]
        if (
            token.pos_ == "NOUN"
            and lemma in _UNNAMED_GROUPS
            # "used force", "by force": the mass noun is violence, not an armed force
            and not (token.tag_ == "NN" and not any(c.dep_ != "punct" for c in token.children))
        ):
            # "rebels", "security forces", "suspected militants": a group the text does not
            # name is known by its description.
            return [_description(token)]
        return []

    def _passengers_of(self, vehicle: Token) -> list[str]:
        """Who a vehicle carries: "X's train", "the train, X", "the train of X",
        "the train carrying X"."""
        for child in vehicle.children:
            if child.dep_ in ("poss", "appos"):
                names = self(child, anaphora=False)
                if names:
                    return names
        for child in vehicle.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                grand = [c for c in child.children if c.dep_ == "pobj"]
            elif child.dep_ == "acl" and child.lemma_.lower() in _CARRY_VERBS:
                grand = [c for c in child.children if c.dep_ == "dobj"]
            else:
                continue
            for obj in grand:
                names = self(obj, anaphora=False)
                if names:
                    return names
        return []

    def _inside_attribution(self, token: Token) -> bool:
        """Words of a source phrase ("according to German media") are not participants."""
        return self.excluded.covers(token.idx)

    def _group(self, token: Token) -> list[str] | None:
        """ "both leaders", "the two countries": the last two persons or countries."""
        dual = any(
            c.lower_ in ("both", "two") and c.dep_ in ("det", "nummod", "predet")
            for c in token.children
        )
        # "two men" introduces new people; "the two men" and "both men" refer back.
        definite = any(
            c.lower_ in ("both", "the", "these", "those", "their") for c in token.children
        )
        if not (dual and definite):
            return None
        lemma = token.lemma_.lower()
        if lemma in _PERSON_GROUPS:
            persons = self.index.last_before(token.idx, person=True, limit=2)
            if lemma not in ("man", "woman", "side"):
                # "the two leaders": the last two persons the text gave an office.
                officials = [
                    m
                    for m in self.index.last_before(token.idx, person=True, limit=6)
                    if m.entity is not None and m.entity.roles
                ]
                if len(officials) >= 2:
                    persons = officials[:2]
            return [m.name for m in reversed(persons)] or None
        if lemma in _COUNTRY_GROUPS:
            names: list[str] = []
            for m in reversed(self.index.mentions):
                if m.start >= token.idx or self.excluded.covers(m.start):
                    continue
                name = None
                if m.is_country:
                    name = m.name
                elif m.country and m.label in ("GPE", "NORP"):
                    name = country_name(m.country)
                if name and name not in names:
                    names.append(name)
                if len(names) == 2:
                    break
            return list(reversed(names)) or None
        return None


# Heads that count or gather people: their "of" object is who acts ("thousands of students").
_QUANTITY_HEADS = frozenset(
    {"thousand", "hundred", "dozen", "score", "million", "number", "group", "crowd", "mob",
     "band", "team", "unit", "contingent", "handful", "couple", "pair", "busload"}
)  # fmt: skip
# Kinds of people and armed or civil groups that act in political events without a name:
# the armed (state and non-state), the protesting, the governing and the civilians they
# act on.
_UNNAMED_GROUPS = frozenset(
    {"rebel", "insurgent", "militant", "fighter", "guerrilla", "gunman", "gunmen", "bomber",
     "attacker", "assailant", "terrorist", "jihadist", "separatist", "extremist", "militia",
     "militiaman", "paramilitary", "soldier", "troop", "force", "police", "policeman",
     "policemen", "officer", "army", "military", "navy", "guard", "sniper", "protester",
     "protestor", "demonstrator", "activist", "rioter", "striker", "student", "worker",
     "farmer", "villager", "resident", "civilian", "refugee", "migrant", "settler", "mob",
     "opposition", "lawmaker", "legislator", "official", "authority", "diplomat",
     "negotiator", "leader", "hostage", "prisoner", "detainee", "journalist", "youth",
     "pirate", "smuggler", "poacher", "mercenary", "coalition", "junta", "regime",
     "people", "man", "men", "woman", "women", "child", "children", "victim", "mediator",
     "peacekeeper", "observer", "monitor", "inspector", "court", "tribunal", "judge",
     "prosecutor"}
)  # fmt: skip


def _description(token: Token) -> str:
    """A group noun with its descriptive modifiers ("security forces", "suspected
    militants"), in lower case unless a word is a name."""
    kept = [c for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i]
    start = min((c.left_edge.i for c in kept), default=token.i)
    words = token.doc[start : token.i + 1]
    text = "".join(
        (
            t.text
            if t.pos_ == "PROPN" or t.ent_type_ or (t.is_title and not t.is_sent_start)
            else t.lower_
        )
        + t.whitespace_
        for t in words
    )
    return text.strip()


# Nouns whose "of" phrase names a kind of thing, not an event ("prisoners of war").
_NOT_EVENT_HEADS = frozenset(
    {"prisoner", "ministry", "minister", "secretary", "department", "theatre", "theater",
     "veteran", "museum", "memorial", "college", "school", "institute", "cabinet",
     "office", "correspondent"}
)  # fmt: skip

# Verbs whose object event has not happened: "called for a ceasefire", "threatened a
# boycott".  The request or threat is the event; its object is no event of its own.
# A promise or offer ("promised aid", "offered talks") is AGREE: what it commits to has not
# happened yet either.
_UNREALISED = frozenset({"REQUEST", "THREATEN", "AGREE"})


def _requested(verb: Token) -> list[int]:
    """Token indices of a verb's object nouns, direct or through its preposition."""
    found: list[int] = []
    for child in verb.children:
        if child.dep_ == "dobj" and child.pos_ == "NOUN":
            found.extend(t.i for t in _coordinated(child))
        if child.dep_ == "dobj" and (
            child.like_num
            or child.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL")
            or any(c.dep_ == "nummod" for c in child.children)
        ):
            # "pledged 50 million euros in aid": the amount's "in" phrase is what is promised
            # (the parser hangs it on the amount or on the verb).
            found.extend(
                g.i
                for p in (*child.children, *verb.children)
                if p.dep_ == "prep" and p.lower_ == "in"
                for g in p.children
                if g.dep_ == "pobj" and g.pos_ == "NOUN"
            )
        elif child.dep_ in ("prep", "prt") and child.lower_ == "for":
            found.extend(t.i for g in child.children if g.dep_ == "pobj"
                         for t in _coordinated(g))  # fmt: skip
    return found


# Verbs whose object, not subject, does what their infinitive says ("urged X to go").
_OBJECT_CONTROL = frozenset(
    {"urge", "ask", "persuade", "order", "tell", "force", "invite", "encourage", "allow",
     "permit", "request", "press", "pressure", "push", "compel", "oblige", "instruct",
     "advise", "beg", "implore", "require", "authorize", "authorise", "help", "want",
     "expect", "lobby", "appeal", "call", "prevail", "exhort", "warn", "challenge", "dare",
     "enable", "empower", "mandate", "direct", "command", "entreat", "beseech", "plead"}
)  # fmt: skip


def _object_controller(verb: Token) -> Token | None:
    """The object of an object-control verb ("urged X to", "called on X to")."""
    if verb.lemma_.lower() not in _OBJECT_CONTROL:
        return None
    for child in verb.children:
        if child.dep_ == "dobj" and child.pos_ in ("PROPN", "NOUN", "PRON"):
            return child
        if child.dep_ in ("prep", "prt") and child.lower_ in ("on", "upon", "with"):
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


# Events that judge another act: "condemned the attack by X" is aimed at X.
# (A request too: "demanded a halt to the fighting" is not the requester's fighting.)
# Verbs of warning: a threat when they announce the speaker's own response, a forecast
# (CAMEO 012 "make pessimistic comment", no PLOVER type) when they name a danger.
_WARNING_VERBS = frozenset({"warn", "caution"})
# What a threat announces: the warner's own response.
_RESPONSES = frozenset(
    {"retaliation", "reprisal", "reprisals", "consequence", "consequences", "response",
     "countermeasure", "countermeasures", "measure", "measures", "sanction", "sanctions",
     "action", "force", "punishment", "revenge", "price", "retaliate", "respond"}
)  # fmt: skip


def _warns_of_danger(verb: Token) -> bool:
    """ "warned of a famine", "warned about the risks": a warning "of/about" something
    other than a response, with no clause saying what the warner will do."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is not None:
        return _forecast_clause(verb, clause)
    if any(c.dep_ == "xcomp" for c in verb.children):
        return False  # "warned X to stop"
    objects = [
        g
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in ("of", "about")
        for g in c.children
        if g.dep_ == "pobj"
    ]
    return bool(objects) and all(o.lemma_.lower() not in _RESPONSES for o in objects)


def _forecast_clause(verb: Token, clause: Token) -> bool:
    """ "Economists warned the bank could tip the economy into recession": a warning whose
    clause tells what someone else or something will do, with no addressee and no response
    named, is a forecast; "warned that it would retaliate", "warned Kyiv that ...", "warned
    that X would face consequences" are threats."""
    if any(c.dep_ in ("dobj", "iobj") for c in verb.children):
        return False
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    warner = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "PRON" or subject.lower_ in ("it", "we", "they"):
        return False
    if warner is not None and subject.lemma_.lower() == warner.lemma_.lower():
        return False
    return not any(t.lemma_.lower() in _RESPONSES for t in clause.subtree)


# Event nouns whose bare singular (no determiner, no possessor) is a mass noun of another
# sense: "demand for coal rose" is the market's, "the strikers' demand" a request.
_MASS_SENSES = frozenset({"demand"})
# Words of the name of a state body whose protest is an official one.
_STATE_BODIES = frozenset(
    {"ministry", "government", "embassy", "office", "department", "kremlin", "cabinet",
     "presidency", "parliament", "commission", "council"}
)  # fmt: skip


def _official_protest(token: Token, index: MentionIndex) -> bool:
    """ "Azerbaijan protested", "Hanoi lodged a protest": a state's protest is an official
    complaint (CAMEO 114, ACCUSE), not a demonstration."""
    if token.lemma_.lower() != "protest":
        return False
    verb = token if token.pos_ == "VERB" else token.head
    if verb.pos_ != "VERB":
        return False
    subjects = EventsStage._subjects(verb)
    if not subjects:
        return False
    for subject in subjects:
        for part in _coordinated(subject):
            mention = index.at(part)
            if mention is None or part.pos_ != "PROPN":
                return False
            state_body = mention.label == "ORG" and not _STATE_BODIES.isdisjoint(
                mention.name.lower().split()
            )
            if mention.label != "GPE" and not state_body:
                return False
    return True


# Particles the parser may take for prepositions; their object is the verb's.
_PARTICLES = frozenset({"off", "up", "down", "away", "out"})
# Events done to things (roads, homes, links) whose owner or place is the one affected.
_FORCEFUL = frozenset({"COERCE", "ASSAULT"})


def _owners(thing: Token, resolve: _Resolver) -> list[str]:
    """Participants named in a thing's "of/into/in" phrases, directly or through a
    participle ("the homes of X", "the roads leading into X")."""
    names: list[str] = []
    heads = [thing, *(c for c in thing.children if c.dep_ == "acl")]
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("of", "into", "in", "to", "near"):
                continue
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    names.extend(n for n in resolve(obj, anaphora=False) if n not in names)
    return names


def _capital_countries(index: MentionIndex) -> dict[str, str]:
    """Names of national capitals mentioned → their country's name."""
    found: dict[str, str] = {}
    for mention in index.mentions:
        place = mention.place
        if place is not None and place.feature == "P.PPLC" and place.country:
            country = country_name(place.country)
            if country:
                found[mention.name] = country
    return found


_JUDGING = frozenset({"ACCUSE", "REJECT", "SUPPORT", "THREATEN", "PROTEST", "REQUEST"})


def _judged_actors(drafts: list[_Draft]) -> None:
    """The actors of an event noun a judging verb takes as object become its targets."""
    by_token: dict[int, _Draft] = {}
    for draft in drafts:
        by_token.setdefault(draft.token.i, draft)
    for draft in drafts:
        record = draft.record
        if record.type not in _JUDGING or draft.token.pos_ != "VERB":
            continue
        for child in draft.token.children:
            judged = by_token.get(child.i) if child.dep_ == "dobj" else None
            if judged is None:
                continue
            for name in judged.record.actors:
                if name not in record.actors and name not in record.targets:
                    record.targets.append(name)


def _hyphen_prefixed(verb: Token, lemma: str) -> str | None:
    """ "test-fired" is parsed as "test", "-", "fired": the lemma with its prefix."""
    if verb.i < 2:
        return None
    hyphen, prefix = verb.doc[verb.i - 1], verb.doc[verb.i - 2]
    if hyphen.text != "-" or hyphen.whitespace_ or prefix.whitespace_:
        return None
    if prefix.head.i != verb.i or not prefix.is_alpha:
        return None
    return f"{prefix.lower_}-{lemma}"


def _bases(word: str) -> list[str]:
    """Base forms an inflected verb may have, by the regular English endings."""
    found: list[str] = []
    for ending in ("ied", "ies"):
        if word.endswith(ending):
            found.append(word[:-3] + "y")
    for ending in ("ed", "ing", "es", "s"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            found += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                found.append(stem[:-1])  # "planned" → "plan"
    if word.endswith("ed"):
        found.append(word[:-1])  # "agreed" → "agree"
    return found


_OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "dative", "oprd"})
# Prepositions of time, cause and circumstance: "called off the strike after talks" is not
# about the talks.
_ADJUNCT_PREPS = frozenset(
    {"after", "before", "during", "since", "until", "till", "amid", "amidst", "despite",
     "following", "because", "like", "as", "in", "at", "near", "throughout", "within",
     "via", "per", "than"}
)  # fmt: skip


def _words_of(head: Token, into: list[tuple[str, int]]) -> None:
    """An object's words: its head ("ties"), modifiers ("martial law", "air strike") and
    "of" object ("state of emergency"), for it and its conjuncts."""
    for part in _coordinated(head):
        into.append((part.lemma_.lower(), part.i))
        into.append((part.lower_, part.i))
        if part.ent_type_:
            into.append(("ent:" + part.ent_type_, part.i))  # "welcomed X": a PERSON
        elif part.pos_ == "PROPN":
            into.append(("ent:PROPN", part.i))  # a name the recogniser left unlabelled
        # "$40 million in aid", "tons of food": an amount's "in" phrase is the object.
        amount = part.like_num or part.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL")
        for child in part.children:
            if child.dep_ in ("compound", "amod"):
                into.append((child.lower_, part.i))
            elif child.dep_ == "prep" and (child.lower_ == "of" or
                                           (amount and child.lower_ == "in")):  # fmt: skip
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        into.append((grand.lemma_.lower(), grand.i))
                        # "received a shipment of weapons": the shipment is that event too
                        into.append((grand.lemma_.lower(), part.i))


def _verb_objects(verb: Token) -> list[tuple[str, int]]:
    """Words of a verb's objects with their token index: direct object, passive subject,
    and the objects of its prepositions ("withdrew from the talks")."""
    found: list[tuple[str, int]] = []
    for child in verb.children:
        if child.dep_ == "nsubj":
            found.append(("subj:" + child.lemma_.lower(), child.i))  # "workers struck"
        if child.dep_ in _OBJECT_DEPS:
            _words_of(child, found)
        elif child.dep_ in ("prep", "prt") and child.lower_ not in _ADJUNCT_PREPS:
            for grand in child.children:
                if grand.dep_ == "pobj":
                    _words_of(grand, found)
    return found


def _noun_objects(noun: Token) -> list[tuple[str, int]]:
    """Words that say what an event noun is about: "resumption of ties", "arms embargo",
    "air strike", "press conference"."""
    found: list[tuple[str, int]] = []
    if noun.dep_ == "pobj":
        found.append((noun.head.lower_ + "+", noun.i))  # "on strike": "on+"
    for child in noun.children:
        if child.dep_ == "prep":
            found.append(("+" + child.lower_, child.i))  # "strikes on X": "+on"
        if child.dep_ in ("compound", "amod", "nmod"):
            found.append((child.lemma_.lower(), child.i))
            found.append((child.lower_, child.i))
        elif child.dep_ == "prep" and child.lower_ == "of":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    _words_of(grand, found)
    return found


def _used(
    lexicon: EventLexicon, key: str, pos: str, sense: Sense, objects: list[tuple[str, int]]
) -> list[int]:
    """Token indices of the objects that chose a framed sense."""
    if not sense.framed:
        return []
    words = lexicon.frame_words(key, pos)
    return sorted({i for w, i in objects if w in words})


# Common nouns of places one goes to, leaves or passes (settlements, areas, sites, buildings,
# landforms, ways): a motion verb with one of them as its goal, source or path is a movement
# even though no place is named ("toured the area", "fled the country", "reached the border").
_LOCATION_NOUNS = _PLACE_NOUNS | frozenset(
    {"country", "front", "frontline", "site", "scene", "border", "frontier", "zone", "base",
     "hospital", "clinic", "school", "factory", "plant", "farm", "mine", "airport", "airfield",
     "station", "harbour", "harbor", "bridge", "valley", "coast", "shore", "mountain", "hill",
     "river", "lake", "sea", "checkpoint", "crossing", "ruins", "shelter", "prison", "building",
     "home", "street", "road", "square", "park", "countryside", "mainland",
     "capital", "outskirts", "suburbs", "embassy", "headquarters", "palace", "compound"}
)  # fmt: skip


def _goes_to_a_location(child: Token) -> bool:
    """Whether a motion verb's object or prepositional object is a common place noun."""
    if child.dep_ == "advmod" and child.lower_ == "home":
        return True
    if child.dep_ == "dobj":
        heads = _coordinated(child)
    elif child.dep_ == "prep":
        heads = [t for c in child.children if c.dep_ == "pobj" for t in _coordinated(c)]
    else:
        return False
    return any(h.pos_ == "NOUN" and h.lemma_.lower() in _LOCATION_NOUNS for h in heads)


# People and institutions one calls on: visiting them is meeting them (CAMEO 042 "make a
# visit" under PLOVER CONSULT); a visit to anything else is a trip (TRAVEL).
_HOST_NOUNS = (_AGENT_NOUNS - _COUNTRY_GROUPS - {"community", "industry"}) | frozenset(
    {"family", "families", "relative", "victim", "survivor", "patient", "refugee", "child",
     "pope", "host", "friend", "ally", "partner", "counterpart", "headquarters", "office"}
)  # fmt: skip
_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "us", "you", "me"})


def _visited(token: Token) -> list[Token]:
    """What a visit is to: the verb's object ("visited X", "X was visited"), the noun's "to X"."""
    if token.pos_ == "VERB":
        heads = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    else:
        heads = [
            obj
            for c in token.children
            if c.dep_ == "prep" and c.lower_ == "to"
            for obj in c.children
            if obj.dep_ == "pobj"
        ]
    return [t for head in heads for t in _coordinated(head)]


def _visit_type(token: Token, index: MentionIndex) -> str:
    """CONSULT for a visit to a person or an organisation ("visited the president", "visited
    the ministry"); TRAVEL for a visit to a place, a country included ("visit the region",
    "a visit to Kenya"), or to nowhere named: meeting its leaders is an event of its own."""
    for visited in _visited(token):
        mention = index.at(visited)
        if mention is not None:
            if mention.label in ("PERSON", "ORG", "NORP") and mention.place is None:
                return "CONSULT"
            continue
        if visited.lower_ in _OBJECT_PRONOUNS or visited.lemma_.lower() in _HOST_NOUNS:
            return "CONSULT"
    return "TRAVEL"


def _coordinated(token: Token) -> list[Token]:
    """The token and its conjuncts ("Galadriel nor Gollum"), safe against a cyclic parse."""
    first = token
    for _ in range(10):
        if first.dep_ != "conj" or first.head.i == first.i:
            break
        first = first.head
    found = {first.i: first}
    stack = [first]
    while stack:
        for child in stack.pop().children:
            if child.dep_ == "conj" and child.i not in found:
                found[child.i] = child
                stack.append(child)
    found.setdefault(token.i, token)
    return [found[i] for i in sorted(found)]


def _most_specific(times: list[TimeRecord]) -> TimeRecord:
    """Among times in one clause, a dated one first ("today" over "early morning")."""
    dated = [t for t in times if t.type == "DATE" and t.value[:1].isdigit()]
    pool = dated or times
    return max(pool, key=lambda t: len(t.value))


def _same_day(a: TimeRecord | None, b: TimeRecord | None) -> bool:
    if a is None or b is None:
        return True
    return a.value[:10] == b.value[:10]


@Language.factory(
    "storyline_events",
    requires=[
        "doc._.sl_entities",
        "doc._.sl_places",
        "doc._.sl_times",
        "doc._.sl_quotes",
        "token._.sl_certainty",
    ],
    assigns=["doc._.sl_events"],
)
def make_events(nlp: Language, name: str) -> EventsStage:
    return EventsStage()
