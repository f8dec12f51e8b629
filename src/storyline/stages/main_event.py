"""The main_event stage: the 5W1H answer of the article, each with the span it came from.

News puts the main event first (the inverted pyramid), so the answer is the earliest event of
the lead with an actor, preferring the predicate nearest the root of its sentence ("crossed"
over the "summit" in its relative clause).  When the events stage typed nothing in the lead,
the lead sentence's own main predicate with a subject is used.

* who — the actor's canonical name; its span is the actor's mention nearest the trigger.
* what — a short verb phrase: the trigger (with its light verb for an event noun) and its
  object or first prepositional phrase, at most a dozen words.
* when — the event's TIMEX3 value; where — its first place (the destination of a movement
  first); why — a "because/as/since" clause, "because of/due to X" or an "(in order) to"
  purpose clause of the predicate; how — a "by doing" or "with X" phrase.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..doc import CharSpan, EventRecord, MainEventRecord, text_of
from ._cues import speech_verbs
from ._mentions import MentionIndex
from ._syntax import dateline_end, sentence_units, span_root, subtree, trimmed

__all__ = ["MainEventStage"]

_LEAD_UNITS = 3
_MAX_PHRASE_TOKENS = 8
_MAX_WHAT_TOKENS = 12
_REASON_MARKS = frozenset({"because", "as", "since"})
_REASON_PREPS = frozenset({"because", "due", "owing", "amid"})
_BREAKS = frozenset({",", ";", "(", "—", ":"})
_WHAT_DEPS = frozenset({"dobj", "attr", "acomp", "oprd", "prt", "dative", "xcomp"})
# Certainties of what has not (yet) happened: a reported deed in the same sentence is news
# before a plan ("crossed the border, where she plans to meet …").
_NOT_YET = frozenset({"planned", "expected", "speculative", "unconfirmed", "denied"})


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth


def _noun_phrase(head: Token) -> CharSpan | None:
    """The head noun with its left modifiers, up to a comma ("the suicide bomber")."""
    left = [t for t in subtree(head) if t.i <= head.i]
    start = head.i
    for token in reversed(left[:-1]):
        if token.i != start - 1 or token.text in (",", "(", "—"):
            break
        start = token.i
    return trimmed(head.doc[start : head.i + 1])


def _place_phrase(doc: Doc, span: CharSpan) -> CharSpan:
    """A place with the noun it names, when short: "the northern city of X"."""
    tokens = doc.char_span(span[0], span[1], alignment_mode="expand")
    if tokens is None:
        return span
    head = span_root(tokens)
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN":
        noun = head.head.head
        phrase = [t for t in subtree(noun) if t.i <= head.i + len(tokens)]
        if len(phrase) <= _MAX_PHRASE_TOKENS and phrase[-1].i - phrase[0].i + 1 == len(phrase):
            found = trimmed(phrase)
            if found is not None:
                return found
    return span


class MainEventStage:
    def __init__(self) -> None:
        self._dateline = 0

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        units = sentence_units(doc)
        lead = units[:_LEAD_UNITS]
        index = MentionIndex(doc)
        # The dateline ("OSLO, May 3 -") is where the story was filed: never who or where.
        self._dateline = dateline_end(text_of(doc))
        record = MainEventRecord()
        # The first lead sentence that has an event with an actor, or a main predicate with
        # a named subject, holds the main event.
        for unit in lead:
            event = self._lead_event(doc, [unit])
            if event is not None and event.trigger_token is not None:
                self._answer_event(doc, event, index, record)
                break
            if self._answer_sentence(doc, [unit], index, record):
                break
        if record.answers and "when" not in record.answers:
            self._fallback_when(doc, lead, record)
        if record.answers:
            doc._.sl_main_event = record
        return doc

    @staticmethod
    def _lead_event(doc: Doc, lead: list[Span]) -> EventRecord | None:
        best: tuple[int, int, int, int] | None = None
        chosen: EventRecord | None = None
        for event in doc._.sl_events:
            if not event.actors or event.trigger_token is None:
                continue
            token = doc[event.trigger_token]
            for n, unit in enumerate(lead):
                if unit.start <= token.i < unit.end:
                    key = (n, int(event.certainty in _NOT_YET), _depth(token), token.i)
                    if best is None or key < best:
                        best, chosen = key, event
        return chosen

    # --- from a typed event --------------------------------------------------------------

    def _answer_event(
        self, doc: Doc, event: EventRecord, index: MentionIndex, record: MainEventRecord
    ) -> None:
        assert event.trigger_token is not None
        token = doc[event.trigger_token]
        predicate = token if token.pos_ == "VERB" else self._governor(token)
        # A person acts before the country or vehicle around them.
        people = {m.name for m in index.mentions if m.is_person}
        who = next((a for a in event.actors if a in people), event.actors[0])
        record.answers["who"] = who
        who_span = self._mention_near(index, who, token.idx, self._dateline)
        if who_span is not None:
            record.spans["who"] = who_span
        what = self._what(doc, token, predicate)
        if what is not None:
            record.answers["what"] = text_of(doc)[what[0] : what[1]]
            record.spans["what"] = what
        if event.time is not None:
            record.answers["when"] = event.time.value
            record.spans["when"] = (event.time.start, event.time.end)
        if event.places:
            ordered = sorted(
                event.places,
                key=lambda p: 0 if event.place_roles.get(p) in ("destination", "via") else 1,
            )
            if event.type != "TRAVEL":
                ordered = list(event.places)
            where = ordered[0]
            record.answers["where"] = where
            where_span = self._mention_near(index, where, token.idx, self._dateline)
            if where_span is not None:
                record.spans["where"] = _place_phrase(doc, where_span)
        self._why_how(doc, predicate, record)

    @staticmethod
    def _governor(token: Token) -> Token:
        head = token
        for _ in range(4):
            if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
                break
            head = head.head
        return head

    @staticmethod
    def _mention_near(
        index: MentionIndex, name: str, at: int, dateline: int = 0
    ) -> CharSpan | None:
        found = [m for m in index.mentions if m.name == name]
        found = [m for m in found if m.start >= dateline] or found
        if not found:
            return None
        best = min(found, key=lambda m: (abs(m.start - at), m.start))
        return best.start, best.end

    @staticmethod
    def _what(doc: Doc, token: Token, predicate: Token) -> CharSpan | None:
        """The trigger with its object (or first prepositional phrase), kept short."""
        head = token if token.pos_ == "VERB" else predicate
        tokens = [head]
        if token.i != head.i:
            tokens.extend(subtree(token))
        else:
            took_prep = False
            for child in head.children:
                if child.i < head.i:
                    if child.dep_ == "neg":
                        tokens.append(child)
                    continue
                if child.dep_ in _WHAT_DEPS:
                    tokens.extend(subtree(child))
                elif child.dep_ == "prep" and not took_prep and child.lower_ != "according":
                    tokens.extend(subtree(child))
                    took_prep = True
        ordered = sorted({t.i for t in tokens})
        # Keep the contiguous run from the head, cut at a clause break or the length cap.
        run = [head.i]
        for i in ordered:
            if i <= head.i:
                continue
            if i != run[-1] + 1 or doc[i].text in _BREAKS or len(run) >= _MAX_WHAT_TOKENS:
                break
            run.append(i)
        start_tokens = [i for i in ordered if i < head.i and doc[i].dep_ == "neg"]
        first = min([*start_tokens, run[0]])
        return trimmed(doc[first : run[-1] + 1])

    @staticmethod
    def _why_how(doc: Doc, predicate: Token, record: MainEventRecord) -> None:
        for child in predicate.children:
            marks = {c.lower_ for c in child.children if c.dep_ == "mark"}
            if "why" not in record.answers:
                why: CharSpan | None = None
                purpose = (
                    child.dep_ in ("advcl", "xcomp")
                    and child.i > predicate.i
                    and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
                    and (bool(marks & {"order", "so"}) or child.dep_ == "advcl")
                )
                if (
                    (child.dep_ == "advcl" and marks & _REASON_MARKS)
                    or (child.dep_ == "prep" and child.lower_ in _REASON_PREPS)
                    or purpose
                ):
                    why = trimmed(subtree(child))
                if why is not None:
                    record.answers["why"] = text_of(doc)[why[0] : why[1]]
                    record.spans["why"] = why
            if "how" not in record.answers:
                how: CharSpan | None = None
                if child.dep_ == "prep" and child.lower_ in ("by", "using") and any(
                    c.dep_ == "pcomp" for c in child.children
                ):
                    how = trimmed(subtree(child))
                if how is not None:
                    record.answers["how"] = text_of(doc)[how[0] : how[1]]
                    record.spans["how"] = how

    # --- from the lead sentence alone ----------------------------------------------------

    @staticmethod
    def _passenger(subject: Token, index: MentionIndex) -> Token:
        """ "The train of X" / "the convoy carrying X" as a subject: X is who acts."""
        mention = index.at(subject)
        if mention is not None and mention.is_person:
            return subject
        for child in subject.children:
            grand = [child] if child.dep_ == "poss" else [
                c for c in child.children if c.dep_ in ("pobj", "dobj")
            ] if (child.dep_ == "prep" and child.lower_ == "of") or child.dep_ == "acl" else []
            for person in grand:
                found = index.at(person)
                if found is not None and found.is_person:
                    return person
        return subject

    @staticmethod
    def _fallback_when(doc: Doc, lead: list[Span], record: MainEventRecord) -> None:
        """No time in the event's clause: the first dated expression of the lead, else of
        the article (news dates its event early)."""
        times = sorted(
            (t for t in doc._.sl_times if t.type in ("DATE", "TIME") and t.value[:4].isdigit()),
            key=lambda t: t.start,
        )
        end = lead[-1].end_char if lead else 0
        in_lead = [t for t in times if t.start < end]
        dated = [t for t in times if len(t.value) >= 10]
        chosen = in_lead[0] if in_lead else (dated[0] if dated else None)
        if chosen is not None:
            record.answers["when"] = chosen.value
            record.spans["when"] = (chosen.start, chosen.end)

    def _answer_sentence(
        self, doc: Doc, lead: list[Span], index: MentionIndex, record: MainEventRecord
    ) -> bool:
        verbs = speech_verbs()
        text = text_of(doc)
        for unit in lead:
            root = span_root(unit)
            # "X said that Y happened": the reported event is the news.
            if root.lemma_.lower() in verbs:
                comp = next((c for c in root.children if c.dep_ == "ccomp"), None)
                if comp is not None:
                    root = comp
            subject = next(
                (
                    c
                    for c in root.children
                    if c.dep_ in ("nsubj", "nsubjpass") and c.idx >= self._dateline
                ),
                None,
            )
            if subject is None or root.pos_ not in ("VERB", "AUX"):
                continue
            subject = self._passenger(subject, index)
            # A pronoun or a subject inside a quotation does not name the news's actor.
            if subject.pos_ == "PRON" or text[unit.start_char : subject.idx].count("“") > text[
                unit.start_char : subject.idx
            ].count("”") or text[unit.start_char : subject.idx].count("'") % 2:
                continue
            mention = index.at(subject)
            who_span = (
                (mention.start, mention.end) if mention is not None else _noun_phrase(subject)
            )
            if who_span is None:
                continue
            record.answers["who"] = mention.name if mention else text[who_span[0] : who_span[1]]
            record.spans["who"] = who_span
            what = self._what(doc, root, root)
            if what is not None:
                record.answers["what"] = text_of(doc)[what[0] : what[1]]
                record.spans["what"] = what
            for time in sorted(doc._.sl_times, key=lambda t: t.start):
                if unit.start_char <= time.start < unit.end_char and time.type in ("DATE", "TIME"):
                    record.answers["when"] = time.value
                    record.spans["when"] = (time.start, time.end)
                    break
            for token in unit:
                if token.idx < self._dateline:
                    continue
                found = index.at(token)
                if found is not None and (
                    found.place is not None or found.label in ("GPE", "LOC", "FAC")
                ):
                    record.answers["where"] = found.name
                    record.spans["where"] = _place_phrase(doc, (found.start, found.end))
                    break
            self._why_how(doc, root, record)
            return True
        return False


@Language.factory(
    "storyline_main_event",
    requires=["doc._.sl_events"],
    assigns=["doc._.sl_main_event"],
)
def make_main_event(nlp: Language, name: str) -> MainEventStage:
    return MainEventStage()
