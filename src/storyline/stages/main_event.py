"""The main_event stage: the 5W1H answer of the article, each with the span it came from.

News states its main event first (the inverted pyramid): the headline, then the lead
sentence.  So the main event is the main clause of the earliest lead sentence that has one
with a named (non-pronoun) subject:

* the predicate is the sentence's root, a conjunct of it, or the reported clause of a
  reporting verb ("X said that Y happened": the reported event is the news); headline
  grammar is read as such ("Lady Gaga protests outside …": a plural-looking noun with a
  subject is a verb; "Seven killed in tram crash": a participle after a verbless root
  noun is a passive); a headline the parser misreads is parsed again, as a short copy
  with the pipeline's own tagger and parser: sentence-cased when it is in title case
  ("Tram Derails in X"), with its subject replaced by a pronoun when it has no clause or
  its verb was tagged as a plural noun the lead uses as a verb ("X stages protest" /
  "X staged a protest"); a predicate in quotation marks is someone's claim; deeper
  predicates, and plans or hedges ("plans to", "could"), rank after a reported deed;
* when no lead sentence has such a clause, the earliest typed event with an actor is used.

Answers, each with its span:

* who — the clause's agent: its subject (its passenger for "the train carrying X", its
  apposition for "the motorcade, X,"), or a passive's named "by" agent, by the entity's
  canonical name when it is one; a person actor of the clause's event otherwise.  A thing
  undergoing a passive (a name no stage types as a participant, an event noun: "the Grand
  Prix was halted") and a named event ("Game 7 delivers …") are no who; a bare count
  ("Seven killed") is no one: the first lead clause after it says who, unless hedged.
* what — the verb group (auxiliaries, negation) with its object's core noun phrase and the
  prepositional phrase right after it, one level deep ("blames defeat on the director"),
  else its first prepositional phrase; a "to"-complement ("set to check X") is part of the
  predicate and a reporting verb's clause is what was said; a counted patient of a passive
  leads it ("at least two people were killed"), and a toll is one fact ("several people
  died and dozens were injured"); a time adjunct ("after the crash") is when, not what.
  Headline and lead answers are short phrases, not whole clauses.
* when — the clause event's time, else a time attached to the clause, else the latest day
  named in the lead, else the first in the lead paragraphs; only days near the publication
  date count (a birth date or a record year is background, not the news), and not a
  reference point ("two days before Election Day").
* where — a place the clause names as a setting (the object of a preposition or verb, or a
  grounded town or site of the story's country compounded onto an event noun: "the Croydon
  tram crash"), else one the lead sentence names so (a headline's label), else a town or
  site the headline or lead sentence sets something in or at; a movement's destination
  first; never a demonym, a possessive, a country classifying a noun ("US election"), a
  name the gazetteer does not know or the dateline; a country gives way to a town in it
  that the lead paragraphs set something in.
* why — a "because" clause, "because of/due to X" or an "(in order) to" purpose
  clause of the predicate; how — a "by doing" phrase.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..doc import CharSpan, EventRecord, MainEventRecord, TimeRecord, published_of, text_of
from ._cues import speech_verbs
from ._mentions import Mention, MentionIndex
from ._syntax import dateline_span, sentence_units, span_root, subtree, trimmed
from .places import feature_noun

__all__ = ["MainEventStage"]

_LEAD_UNITS = 3
# Where the main event's day may still be found when its clause has none: the lead
# paragraphs; a day named further down dates background more often than the news.
_WHEN_UNITS = 8
_MAX_PHRASE_TOKENS = 8
_MAX_WHAT_TOKENS = 10
# A news event's day lies within this many days before (or one day after) publication.
_RECENT_DAYS = 14
# "as" and "since" clauses in news mostly say when ("as the transition starts"), not why.
_REASON_MARKS = frozenset({"because"})
_REASON_PREPS = frozenset({"because", "due", "owing", "amid"})
_BREAKS = frozenset({",", ";", "(", "—", ":"})
# Quotation marks opening or closing a quotation, not apostrophes inside or ending a word
# ("couldn't", "Brazil's", "Williams' driver").
_OPENING = re.compile(r"(?:^|[\s(\[])['‘“\"]")
_CLOSING = re.compile(r"[^\s]['’”\"](?=[\s.,;:!?)]|$)")
_OBJECT_DEPS = ("dobj", "attr", "oprd", "acomp", "dative")
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
# Named things that cannot act: the subject of their passive is no "who".
_NOT_AGENTS = frozenset({"EVENT", "FAC", "PRODUCT", "WORK_OF_ART", "LAW"})
# Deps a main clause's predicate may hang from on its way to the root.
_MAIN_DEPS = frozenset({"ROOT", "conj", "ccomp", "parataxis"})
# Where a place named in the clause may hang: the object of a preposition or a verb, or
# next to another place; not a modifier ("US election", "the Croydon tram").
_PLACE_DEPS = frozenset({"pobj", "dobj", "appos", "conj", "npadvmod"})
# Subtrees that are another clause: their places and times are not the main event's.
_OTHER_CLAUSE = frozenset({"advcl", "relcl", "ccomp", "acl", "parataxis", "conj", "csubj"})
# How the places stage marks a place it could not find, set at the document's focus.
_GUESSED = "document focus"
# Prepositions that make a time a reference point for another ("before Election Day").
_REFERENCE_PREPS = frozenset({"before", "after", "since", "until", "till", "ahead", "prior"})
# Prepositions that set the event in time relative to another: their phrase says when.
_TIME_PREPS = frozenset({"after", "before", "during", "following", "since", "until", "amid"})
# Prepositions that set something in a place (not "on X", a target, or "from X", an origin).
_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "within", "around"})
_NOT_YET = frozenset({"planned", "expected", "speculative", "unconfirmed", "denied"})
# English words that give an indefinite count ("several people", "dozens were hurt").
_QUANTIFIERS = frozenset(
    {"several", "many", "numerous", "dozens", "scores", "hundreds", "thousands", "millions"}
)
# The pipeline components that tag and parse a short copy of the headline.
_PARSE_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
# How far into a headline its subject may run before the verb ("Bill Murray and X lead").
_MAX_SUBJECT_TOKENS = 6
# The words a headline's subject is made of: names, nouns, their modifiers, "and".
_SUBJECT_POS = frozenset({"PROPN", "NOUN", "DET", "ADJ", "NUM", "CCONJ", "PART"})


@dataclass(frozen=True)
class _Reading:
    """The headline's predicate read from a re-parsed copy of it (sentence-cased, or with
    its subject replaced by a pronoun): copy token ``i >= shift`` is original token
    ``offset + i - shift``."""

    copy: Doc
    predicate: Token
    subject: Token  # in the original document
    offset: int
    shift: int

    def original(self, doc: Doc, token: Token) -> Token:
        return doc[self.offset + token.i - self.shift]

    def span(self, doc: Doc, span: CharSpan | None) -> CharSpan | None:
        """A character span of the copy, mapped onto the original text."""
        if span is None:
            return None
        tokens = self.copy.char_span(span[0], span[1], alignment_mode="expand")
        if tokens is None or tokens.start < self.shift:
            return None
        first = self.original(doc, tokens[0])
        last = self.original(doc, tokens[-1])
        return first.idx, last.idx + len(last.text)


def _dates_a_cue(doc: Doc, time: TimeRecord, cues: list[tuple[int, int]]) -> bool:
    """Whether the time ("on Tuesday") modifies a quotation's verb of saying."""
    span = doc.char_span(time.start, time.end, alignment_mode="expand")
    if span is None or not cues:
        return False
    head = span_root(span).head
    if head.dep_ == "prep":
        head = head.head
    return any(start <= head.idx < end for start, end in cues)


def _paragraph_units(doc: Doc) -> list[Span]:
    """The sentence units, cut again at blank lines: a headline the parser ran into the
    dateline and lead below it is a unit of its own."""
    units: list[Span] = []
    for unit in sentence_units(doc):
        start = unit.start
        for token in unit:
            if token.is_space and token.text.count("\n") >= 2 and token.i > start:
                units.append(doc[start : token.i])
                start = token.i + 1
        if start < unit.end:
            units.append(doc[start : unit.end])
    return units


def _title_case(unit: Span) -> bool:
    """A headline with its content words capitalised ("Tram Derails in X, Near Y")."""
    words = [t for t in unit if t.is_alpha and len(t) > 3 and not t.is_upper]
    return len(words) >= 4 and sum(t.is_title for t in words) >= 0.8 * len(words)


def _proper_words(doc: Doc, after: int) -> set[str]:
    """Words the body capitalises inside a sentence: names, whatever case a headline
    gives its other words."""
    found: set[str] = set()
    for token in doc[after:]:
        if (
            token.is_title
            and not token.is_sent_start
            and token.i > 0
            and not doc[token.i - 1].is_punct
        ):
            found.add(token.text)
    return found


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth


def _main_path(token: Token) -> bool:
    """The predicate hangs from the root through main-clause links only.

    A verb with its own subject parsed as a noun's "acl" is a headline's clause after a
    label ("Tram crash: Police identify victims"); a true participle modifier has none.
    """
    for n in range(8):
        if token.head.i == token.i:
            return True
        own_subject = n == 0 and any(c.dep_ in _SUBJECT_DEPS for c in token.children)
        if token.dep_ not in _MAIN_DEPS and not (token.dep_ == "acl" and own_subject):
            return False
        token = token.head
    return False


def _headline_passive(token: Token) -> bool:
    """Headline passive the parser reads as a noun with a participle ("Seven killed in
    tram crash", "Driver arrested"): a past participle hanging from a verbless root noun
    that it follows; the noun is its subject."""
    head = token.head
    return (
        token.tag_ == "VBN"
        and token.dep_ == "acl"
        and head.dep_ == "ROOT"
        and head.pos_ in ("NOUN", "PROPN", "NUM")
        and head.i < token.i
        and not any(c.dep_ in _SUBJECT_DEPS for c in token.children)
    )


def _bare_number(subject: Token) -> bool:
    """A subject that is only a count ("Seven", "At least 7"), naming no one."""
    return subject.pos_ == "NUM" and not any(c.dep_ == "nummod" for c in subject.children)


def _background_time(doc: Doc, time: TimeRecord) -> bool:
    """A time that is a reference point for another ("two days before Election Day",
    "shortly after Sunday's vote"), not the day of anything told."""
    tokens = doc.char_span(time.start, time.end, alignment_mode="expand")
    if tokens is None:
        return False
    # Right after the preposition, whatever the parse made of it.
    if tokens.start > 0 and doc[tokens.start - 1].lower_ in _REFERENCE_PREPS:
        return True
    token = span_root(tokens)
    for _ in range(12):
        # A clause on the way dates its own event ("after the crash, which happened on
        # Wednesday").
        if token.head.i == token.i or token.pos_ in ("VERB", "AUX"):
            return False
        if token.dep_ == "pobj" and token.head.lower_ in _REFERENCE_PREPS:
            return True
        token = token.head
    return False


def _story_country(doc: Doc) -> str | None:
    """The country most of the story's place mentions lie in."""
    counts: dict[str, int] = {}
    for place in doc._.sl_places:
        if place.country and place.source != _GUESSED:
            counts[place.country] = counts.get(place.country, 0) + len(place.mentions)
    return max(counts, key=lambda c: counts[c]) if counts else None


def _counted(subject: Token) -> bool:
    """A number, or a noun with one ("Seven", "at least two people", "several people",
    "dozens")."""
    return (
        subject.pos_ == "NUM"
        or subject.lower_ in _QUANTIFIERS
        or any(
            c.dep_ == "nummod" or (c.dep_ in ("amod", "det") and c.lower_ in _QUANTIFIERS)
            for c in subject.children
        )
    )


def _toll_conjunct(predicate: Token, end: int) -> Token | None:
    """ "Several people died and dozens were injured": a conjoined clause right after
    the phrase (ending at token ``end``) with a count for its subject completes the toll,
    one fact."""
    doc = predicate.doc
    for conj in predicate.children:
        if conj.dep_ != "conj" or conj.i <= end:
            continue
        subject = next((c for c in conj.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is None or not _counted(subject) or subject.i < end:
            return None
        allowed = {t.i for t in _core(subject)}
        allowed |= {c.i for c in conj.children if c.dep_ in ("aux", "auxpass", "neg")}
        allowed |= {c.i for c in predicate.children if c.dep_ == "cc"}
        if all(i in allowed for i in range(end + 1, conj.i)) and doc[end + 1].dep_ == "cc":
            return conj
        return None
    return None


def _subject_of_next_verb(prep: Token) -> bool:
    """ "as repair work starts": the preposition's object is followed by a finite verb, so
    the preposition opens a clause the parser cut and the noun is that verb's subject."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return False
    after = pobj.doc[pobj.i + 1] if pobj.i + 1 < len(pobj.doc) else None
    return after is not None and after.tag_ in ("VBZ", "VBD", "VBP") and after.i > pobj.i


def _passive(predicate: Token, subject: Token) -> bool:
    """A passive clause, headline style too ("Grand Prix thrown into chaos")."""
    return subject.dep_ == "nsubjpass" or (
        predicate.tag_ == "VBN" and not any(c.dep_ == "aux" for c in predicate.children)
    )


def _quoted_before(before: str) -> bool:
    """An opening quotation mark before this point is still open."""
    return len(_OPENING.findall(before)) > len(_CLOSING.findall(before))


def _noun_phrase(head: Token) -> CharSpan | None:
    """The head noun with its left modifiers, up to a comma ("the suicide bomber")."""
    return trimmed(_core(head))


def _core(head: Token) -> list[Token]:
    """The head with the contiguous run of its left modifiers (no trailing phrases)."""
    left = [t for t in subtree(head) if t.i <= head.i]
    start = head.i
    for token in reversed(left[:-1]):
        if token.i != start - 1 or token.text in (",", "(", "—", ":"):
            break
        start = token.i
    return list(head.doc[start : head.i + 1])


def _place_phrase(doc: Doc, span: CharSpan) -> CharSpan:
    """A place with the noun it names, when short: "the northern city of X"."""
    tokens = doc.char_span(span[0], span[1], alignment_mode="expand")
    if tokens is None:
        return span
    head = span_root(tokens)
    if (
        head.dep_ == "pobj"
        and head.head.lower_ == "of"
        and head.head.head.pos_
        in (
            "NOUN",
            "PROPN",
        )
    ):
        noun = head.head.head
        phrase = [t for t in subtree(noun) if t.i <= head.i + len(tokens)]
        if len(phrase) <= _MAX_PHRASE_TOKENS and phrase[-1].i - phrase[0].i + 1 == len(phrase):
            found = trimmed(phrase)
            if found is not None:
                return found
    # A building or site in the place ("the German consulate in Kabul"): the site is where.
    if head.dep_ == "pobj" and head.head.lower_ in ("in", "at") and head.head.head.pos_ == "NOUN":
        site = head.head.head
        kind = feature_noun(site.lower_)
        if kind is not None and kind.cls == "S":
            phrase = list(doc[_core(site)[0].i : tokens.end])
            if len(phrase) <= _MAX_PHRASE_TOKENS:
                found = trimmed(phrase)
                if found is not None:
                    return found
    # A hyphenated name the tagger split ("Mazar-i-Sharif"): the whole compound.
    end = tokens.end
    while (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end].whitespace_
        and (not doc[end - 1].whitespace_)
    ):
        end += 2
    if end != tokens.end:
        return span[0], doc[end - 1].idx + len(doc[end - 1].text)
    return span


def _clause_tokens(predicate: Token) -> list[Token]:
    """The predicate's own clause: its subtree without embedded clauses."""
    found: list[Token] = []
    stack = [predicate]
    seen: set[int] = set()
    while stack:
        token = stack.pop()
        if token.i in seen:
            continue
        seen.add(token.i)
        found.append(token)
        stack.extend(c for c in token.children if c.dep_ not in _OTHER_CLAUSE)
    return sorted(found, key=lambda t: t.i)


class MainEventStage:
    def __init__(self, nlp: Language | None = None) -> None:
        self._dateline = (0, 0)
        self._story_country: str | None = None
        # The pipeline's own tagger and parser re-read a misparsed headline; verb lemmas
        # from its lemmatizer's tables (WordNet's English verbs) say which words can be a
        # verb.  Looked up on first use.
        self._nlp = nlp
        self._verbs: frozenset[str] | None = None

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        units = _paragraph_units(doc)
        lead = units[:_LEAD_UNITS]
        index = MentionIndex(doc)
        # The dateline ("OSLO, May 3 -", after a headline too) is where the story was filed:
        # never who or where.
        self._dateline = dateline_span(text_of(doc))
        self._story_country = _story_country(doc)
        record = MainEventRecord()
        for n, unit in enumerate(lead):
            chosen = self._predicate(doc, unit, index)
            reading = self._headline_reading(doc, units, chosen) if n == 0 else None
            if reading is not None:
                self._answer_reading(doc, unit, reading, index, record)
                break
            if chosen is not None:
                self._answer_clause(doc, unit, chosen[0], chosen[1], index, record)
                if _bare_number(chosen[1]):
                    # "Seven killed in tram crash": a count is no one; the next lead
                    # clause with a named subject says who.
                    record.answers.pop("who", None)
                    record.spans.pop("who", None)
                    self._later_who(doc, lead[n + 1 :], index, record)
                break
        else:
            event = self._lead_event(doc, lead)
            if event is not None and event.trigger_token is not None:
                self._answer_event(doc, event, index, record)
        if record.answers and "when" not in record.answers:
            self._fallback_when(doc, units, record)
        if record.answers:
            doc._.sl_main_event = record
        return doc

    # --- a misparsed headline -------------------------------------------------------------

    def _verb_lemmas(self) -> frozenset[str]:
        if self._verbs is None:
            verbs: frozenset[str] = frozenset()
            if self._nlp is not None and "lemmatizer" in self._nlp.pipe_names:
                lookups = getattr(self._nlp.get_pipe("lemmatizer"), "lookups", None)
                if lookups is not None and lookups.has_table("lemma_index"):
                    verbs = frozenset(lookups.get_table("lemma_index").get("verb", ()))
            self._verbs = verbs
        return self._verbs

    def _verb_bases(self, word: str) -> frozenset[str]:
        """The English verbs an inflected word may be a form of ("stages", "staged" ->
        stage; "lead" -> lead), by regular inflection: the lemmatizer's own guess is a
        single one ("staged" -> "stag")."""
        forms = {word}
        for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("ed", ""), ("s", ""),
                             ("d", ""), ("ing", ""), ("ing", "e")):  # fmt: skip
            if word.endswith(suffix) and len(word) > len(suffix) + 1:
                forms.add(word[: -len(suffix)] + repl)
        return frozenset(forms) & self._verb_lemmas()

    def _parse(self, words: list[str], spaces: list[bool]) -> Doc | None:
        if self._nlp is None:
            return None
        copy = Doc(self._nlp.vocab, words=words, spaces=spaces)
        for name in _PARSE_PIPES:
            if name in self._nlp.pipe_names:
                copy = self._nlp.get_pipe(name)(copy)
        return copy

    def _headline_reading(
        self, doc: Doc, units: list[Span], chosen: tuple[Token, Token] | None
    ) -> _Reading | None:
        """The headline re-read when its parse is unreliable: title case ("Tram Derails in
        X") is parsed again sentence-cased (words the body never capitalises inside a
        sentence lowered); a headline without a clause, or whose verb the tagger read as a
        plural noun ("X stages protest" as "X stages | protest"), is parsed again with its
        subject replaced by a pronoun, which makes the next word a verb."""
        if self._nlp is None or not units or self._in_dateline(units[0].start_char):
            return None
        unit = units[0]
        words = [t.text for t in unit]
        spaces = [bool(t.whitespace_) for t in unit]
        title = _title_case(unit)
        # The tags the subject is read from: the sentence-cased copy's for title case.
        tagged: Doc | Span = unit
        if title:
            proper = _proper_words(doc, unit.end)
            words = [
                w if n == 0 or not t.is_title or w in proper else w.lower()
                for n, (t, w) in enumerate(zip(unit, words, strict=True))
            ]
            cased = self._parse(words, spaces)
            if cased is None:
                return None
            tagged = cased
            root = next((t for t in cased if t.dep_ == "ROOT"), None)
            subject = (
                next((c for c in root.children if c.dep_ in _SUBJECT_DEPS), None)
                if root is not None and root.pos_ in ("VERB", "AUX")
                else None
            )
            if root is not None and subject is not None and subject.pos_ != "PRON":
                return _Reading(cased, root, unit[subject.i], unit.start, 0)
        alone = (
            self._parse(words, spaces)
            if not title
            and (
                any(not unit.start <= t.head.i < unit.end for t in unit)
                # two clauses ("Police detain dozens; Canada imposes sanctions"): the first
                # is the news, whichever the parser made the root
                or any(t.text == ";" for t in unit)
            )
            else None
        )
        if alone is not None:
            # The headline parsed on its own (the parser may have run it into the dateline
            # and lead below it): its first clause is its news ("Police detain dozens;
            # Canada imposes sanctions").
            for verb in alone:
                subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
                if (
                    verb.pos_ in ("VERB", "AUX")
                    and verb.dep_ in _MAIN_DEPS
                    and subject is not None
                    and subject.pos_ != "PRON"
                ):
                    return _Reading(alone, verb, unit[subject.i], unit.start, 0)
        ambiguous = chosen is not None and self._noun_read_verb(chosen, units)
        if chosen is not None and not title and not ambiguous:
            return None
        for k in range(1, min(len(unit) - 1, _MAX_SUBJECT_TOKENS + 1)):
            if ambiguous and chosen is not None and unit.start + k != chosen[1].i:
                continue
            word = words[k]
            if not (word.isalpha() and word.islower() and self._verb_bases(word)):
                continue
            # The words before it are a noun phrase ("Fresh clashes" is none).
            if not all(t.pos_ in _SUBJECT_POS for t in tagged[:k]):
                break
            if tagged[k - 1].pos_ not in ("NOUN", "PROPN"):
                continue
            prefix = unit[:k]
            plural = any(t.lower_ == "and" for t in prefix) or tagged[k - 1].tag_ in (
                "NNS",
                "NNPS",
            )
            # The verb agrees with it: "Tram derails", "X and Y lead", not "Record heat".
            if (word.endswith("s") and not word.endswith("ss") and plural) or (
                word in self._verb_bases(word) and not plural
            ):
                continue
            copy = self._parse(["They" if plural else "It", *words[k:]], [True, *spaces[k:]])
            if copy is None or len(copy) < 2:
                return None
            verb = copy[1]
            if verb.pos_ == "VERB" and verb.dep_ == "ROOT" and copy[0].dep_ == "nsubj":
                # The subject's head: the prefix word hanging outside it (or the root).
                heads = [
                    t
                    for t in prefix
                    if t.head.i == t.i or not (prefix.start <= t.head.i < prefix.end)
                ]
                subject = heads[0] if heads else prefix[-1]
                return _Reading(copy, verb, subject, unit.start + k, 1)
        return None

    def _noun_read_verb(self, chosen: tuple[Token, Token], units: list[Span]) -> bool:
        """ "X stages protest": the subject the parser found is a plural-looking word right
        before the verb that can be a verb itself, and the lead sentence uses that verb
        ("X staged a protest") — the headline's verb is the noun the parser chose."""
        predicate, subject = chosen
        if not (
            predicate.tag_ == "VBP"
            and subject.tag_ == "NNS"
            and subject.i == predicate.i - 1
            and len(units) > 1
        ):
            return False
        bases = self._verb_bases(subject.lower_)
        return bool(bases) and any(
            t.pos_ == "VERB" and bases & self._verb_bases(t.lower_) for t in units[1]
        )

    def _answer_reading(
        self, doc: Doc, unit: Span, reading: _Reading, index: MentionIndex, record: MainEventRecord
    ) -> None:
        """The answers of a re-read headline; who, when and where from the original text."""
        text = text_of(doc)
        predicate = reading.original(doc, reading.predicate)
        event = self._event_of(doc, predicate)
        self._answer_who(doc, predicate, reading.subject, event, index, record)
        who = record.spans.get("who")
        prefix = doc[unit.start : reading.offset]
        phrase: CharSpan | None = None
        if reading.shift:
            # The words the pronoun stood for: "X and Y lead celebrations" — both act.
            if any(t.lower_ == "and" for t in prefix) or (
                who is not None and who[0] <= predicate.idx < who[1]
            ):
                phrase = trimmed(prefix)
        elif who is not None and who[0] <= predicate.idx < who[1]:
            # A title-case headline read as one name ("Ferry Capsizes Off X"): the
            # subject is the copy's noun phrase.
            phrase = reading.span(doc, _noun_phrase(reading.copy[reading.subject.i - unit.start]))
        if (
            who is not None
            and who[0] <= predicate.idx < who[1]
            and (phrase is None or phrase[1] > predicate.idx)
        ):
            record.answers.pop("who", None)
            record.spans.pop("who", None)
        elif phrase is not None and phrase[1] <= predicate.idx:
            record.answers["who"] = text[phrase[0] : phrase[1]]
            record.spans["who"] = phrase
        subject = next(
            (
                c
                for c in reading.predicate.children
                if c.dep_ in _SUBJECT_DEPS and c.i >= reading.shift
            ),
            None,
        )
        what = reading.span(doc, self._what(reading.copy, reading.predicate, subject))
        if what is not None:
            record.answers["what"] = text[what[0] : what[1]]
            record.spans["what"] = what
        clause = [
            reading.original(doc, t)
            for t in _clause_tokens(reading.predicate)
            if t.i >= reading.shift
        ]
        self._clause_when(doc, unit, clause, event, record)
        self._clause_where(doc, clause, event, index, record, unit)

    # --- choosing the clause -------------------------------------------------------------

    def _in_dateline(self, char: int) -> bool:
        return self._dateline[0] <= char < self._dateline[1]

    def _subject(self, token: Token) -> Token | None:
        for child in token.children:
            if child.dep_ not in _SUBJECT_DEPS:
                continue
            if not self._in_dateline(child.idx):
                return child
            # "GENEVA, Sept. 3 -- Iran and the US will hold talks": the parser made the
            # dateline the subject and hung the real one on it.
            for appos in child.children:
                if appos.dep_ == "appos" and not self._in_dateline(appos.idx):
                    return appos
        return None

    def _predicate(self, doc: Doc, unit: Span, index: MentionIndex) -> tuple[Token, Token] | None:
        """The unit's main predicate and its subject (rules in the module docstring)."""
        verbs = speech_verbs()
        text = text_of(doc)
        best: tuple[int, int, int, int] | None = None
        chosen: tuple[Token, Token] | None = None
        for token in unit:
            if self._in_dateline(token.idx):
                continue
            # A plural-looking root with a subject may be a verb ("Trump lands in X"), but
            # not when a participle follows it ("victims named"): that is the passive.
            headline_verb = (
                token.dep_ == "ROOT"
                and token.tag_ == "NNS"
                and not any(c.dep_ == "acl" and c.tag_ == "VBN" for c in token.rights)
            )
            if token.pos_ not in ("VERB", "AUX") and not headline_verb:
                continue
            headline_passive = _headline_passive(token)
            if not (_main_path(token) or headline_passive):
                continue
            # A predicate in quotation marks is someone's words ("driver 'blacked out',
            # claim passengers"), not the news's own statement of the event.
            if _quoted_before(text[unit.start_char : token.idx]):
                continue
            subject = self._subject(token)
            if subject is None and headline_verb:
                subject = self._headline_subject(token, index)
            if subject is None and headline_passive:
                subject = token.head
            if subject is None:
                continue
            subject = self._passenger(subject, index)
            if subject.pos_ == "PRON" or subject.lower_ in ("it", "there"):
                continue
            # A plural noun with a singular verb is a misparse ("victims named as repair
            # work starts"): the participle on the noun is the headline's passive.
            if subject.tag_ == "NNS" and token.tag_ == "VBZ":
                participle = next(
                    (
                        c
                        for c in subject.children
                        if c.dep_ == "acl" and c.tag_ == "VBN" and c.i == subject.i + 1
                    ),
                    None,
                )
                if participle is None:
                    continue
                token = participle
            # A subject inside a quotation is someone's words, not the news's actor.
            if _quoted_before(text[unit.start_char : subject.idx]):
                continue
            reporting = token.lemma_.lower() in verbs and any(
                c.dep_ == "ccomp" for c in token.children
            )
            key = (
                int(reporting),
                int(token._.sl_certainty in _NOT_YET),
                _depth(token),
                token.i,
            )
            if best is None or key < best:
                best, chosen = key, (token, subject)
        return chosen

    def _later_who(
        self, doc: Doc, units: list[Span], index: MentionIndex, record: MainEventRecord
    ) -> None:
        """Who from the first lead clause after the headline, when it states a deed: a
        hedged clause ("the tram was apparently travelling too fast") guesses at a cause
        and says no one; clauses further down tell other events."""
        for unit in units:
            chosen = self._predicate(doc, unit, index)
            if chosen is None:
                continue
            predicate, subject = chosen
            if not _bare_number(subject) and predicate._.sl_certainty not in _NOT_YET:
                event = self._event_of(doc, predicate)
                self._answer_who(doc, predicate, subject, event, index, record)
            return

    @staticmethod
    def _headline_subject(token: Token, index: MentionIndex) -> Token | None:
        """Headline grammar the tagger reads as one noun phrase: "Donald Trump lands in
        Washington" (a name compounded onto a plural-looking noun) — the name is the
        subject and the noun the verb."""
        left = [c for c in token.children if c.dep_ == "compound" and c.i == token.i - 1]
        if not left:
            return None
        mention = index.at(left[0])
        if (
            mention is None
            or mention.end > token.idx
            or not (mention.is_person or mention.label in ("ORG", "NORP", "GPE"))
        ):
            return None
        return left[0]

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

    @staticmethod
    def _passenger(subject: Token, index: MentionIndex) -> Token:
        """ "The train of X", "the convoy carrying X", "the motorcade, X," as a subject: X
        is who acts."""
        mention = index.at(subject)
        if mention is not None and mention.is_person:
            return subject
        for child in subject.children:
            if child.dep_ in ("appos", "poss"):
                grand = [child]
            elif (child.dep_ == "prep" and child.lower_ == "of") or child.dep_ == "acl":
                grand = [c for c in child.children if c.dep_ in ("pobj", "dobj")]
            else:
                grand = []
            for person in grand:
                found = index.at(person)
                if found is not None and found.is_person:
                    return person
        return subject

    # --- answers from the clause ---------------------------------------------------------

    def _answer_clause(
        self,
        doc: Doc,
        unit: Span,
        predicate: Token,
        subject: Token,
        index: MentionIndex,
        record: MainEventRecord,
    ) -> None:
        text = text_of(doc)
        event = self._event_of(doc, predicate)
        self._answer_who(doc, predicate, subject, event, index, record)
        what = self._what(doc, predicate, subject)
        if what is not None:
            record.answers["what"] = text[what[0] : what[1]]
            record.spans["what"] = what
        clause = _clause_tokens(predicate)
        self._clause_when(doc, unit, clause, event, record)
        self._clause_where(doc, clause, event, index, record, unit)
        self._why_how(doc, predicate, record)

    def _answer_who(
        self,
        doc: Doc,
        predicate: Token,
        subject: Token,
        event: EventRecord | None,
        index: MentionIndex,
        record: MainEventRecord,
    ) -> None:
        text = text_of(doc)
        # A passive's named agent acts ("Clinton cleared by the FBI": the FBI).
        agent = self._named_agent(predicate, subject, index)
        if agent is not None:
            subject = agent
        mention = index.at(subject)
        # A name no stage knows as a person, group or place is a thing (a race, a product).
        # An event noun ("the march was marred by shooting") is no actor either.
        thing = (
            (mention is not None and mention.label in _NOT_AGENTS)
            or (mention is None and subject.pos_ == "PROPN")
            or any(e.trigger_token == subject.i for e in doc._.sl_events)
        )
        if thing and agent is None and _passive(predicate, subject):
            pass  # "The Grand Prix was halted": a thing undergoing the event, no actor named
        elif mention is not None and mention.label == "EVENT":
            pass  # "Game 7 delivers the Cubs a title": a named event is no one
        elif mention is not None:
            record.answers["who"] = mention.name
            record.spans["who"] = self._who_span(subject, mention)
        else:
            person = self._person_actor(event, index) if event is not None else None
            found = (
                self._mention_near(index, person, predicate.idx, self._dateline)
                if person is not None
                else None
            )
            if person is not None and found is not None:
                record.answers["who"] = person
                record.spans["who"] = found
            else:
                who = _noun_phrase(subject)
                if who is not None:
                    record.answers["who"] = text[who[0] : who[1]]
                    record.spans["who"] = who

    @staticmethod
    def _named_agent(predicate: Token, subject: Token, index: MentionIndex) -> Token | None:
        if not _passive(predicate, subject):
            return None
        for child in predicate.children:
            if child.dep_ != "agent":
                continue
            for pobj in child.children:
                found = index.at(pobj) if pobj.dep_ == "pobj" else None
                if found is not None and found.label in ("PERSON", "ORG", "NORP", "GPE"):
                    return pobj
        return None

    @staticmethod
    def _who_span(subject: Token, mention: Mention) -> CharSpan:
        """The entity's mention, widened to the subject's noun phrase when the entity only
        modifies it ("Hillary Clinton aide" is the aide, not Clinton)."""
        if mention.start <= subject.idx < mention.end:
            return mention.start, mention.end
        core = _noun_phrase(subject)
        return core if core is not None else (mention.start, mention.end)

    @staticmethod
    def _event_of(doc: Doc, predicate: Token) -> EventRecord | None:
        events: list[EventRecord] = doc._.sl_events
        return next((e for e in events if e.trigger_token == predicate.i), None)

    @staticmethod
    def _person_actor(event: EventRecord, index: MentionIndex) -> str | None:
        people = {m.name for m in index.mentions if m.is_person}
        return next((a for a in event.actors if a in people), None)

    @staticmethod
    def _recent(doc: Doc, time: TimeRecord) -> bool:
        """A day near publication (a full date, not a duration, year or vague reference)."""
        if time.type not in ("DATE", "TIME") or len(time.value) < 10:
            return False
        try:
            day = dt.date.fromisoformat(time.value[:10])
        except ValueError:
            return False
        delta = (published_of(doc) - day).days
        return -1 <= delta <= _RECENT_DAYS

    @staticmethod
    def _coming(doc: Doc, time: TimeRecord) -> bool:
        """A day or week of the coming fortnight ("next week", "on Thursday"): when a
        planned event the clause itself dates will happen."""
        if time.type != "DATE":
            return False
        try:
            if len(time.value) == 8 and time.value[4:6] == "-W":
                day = dt.date.fromisocalendar(int(time.value[:4]), int(time.value[6:]), 1)
            else:
                day = dt.date.fromisoformat(time.value[:10])
        except ValueError:
            return False
        return 0 <= (day - published_of(doc)).days <= _RECENT_DAYS

    def _clause_when(
        self,
        doc: Doc,
        unit: Span,
        clause: list[Token],
        event: EventRecord | None,
        record: MainEventRecord,
    ) -> None:
        if event is not None and event.time is not None and self._recent(doc, event.time):
            self._set_when(record, event.time)
            return
        starts = {t.idx for t in clause}
        in_unit = [
            t
            for t in sorted(doc._.sl_times, key=lambda t: t.start)
            if unit.start_char <= t.start < unit.end_char
            and (self._recent(doc, t) or self._coming(doc, t))
            and not self._in_dateline(t.start)  # the filing day, however the parse hangs it
        ]
        attached = [t for t in in_unit if t.start in starts]
        if attached:
            self._set_when(record, attached[0])

    @staticmethod
    def _set_when(record: MainEventRecord, time: TimeRecord) -> None:
        record.answers["when"] = time.value
        record.spans["when"] = (time.start, time.end)

    def _places_in(self, tokens: list[Token], index: MentionIndex) -> list[Mention]:
        """Places the tokens name as a setting: the object of a preposition or verb, or a
        town or site naming where an event noun happened ("the Croydon tram crash"); not a
        country classifying a noun ("US election"), a demonym or a possessive."""
        found: list[Mention] = []
        for token in tokens:
            if self._in_dateline(token.idx):
                continue
            mention = index.at(token)
            if mention is None or mention.place is None or mention in found:
                continue
            head = token.head
            # A name the gazetteer does not know, placed only at the story's focus, is a
            # guess ("F1", a campaign's nickname): only a named site (a building, which
            # gazetteers rarely list) the clause puts the event at is taken as the setting.
            if mention.place.source == _GUESSED and (
                mention.label != "FAC" or (token.dep_ == "pobj" and head.lower_ == "of")
            ):
                continue
            # A conjunct has its first conjunct's role: "X and Y agreed" names no setting.
            first = token
            for _ in range(6):
                if first.dep_ != "conj" or first.head.i == first.i:
                    break
                first = first.head
            # (but not a subject the parser hung on the dateline: "GENEVA -- Iran and …")
            setting = (
                first.dep_ in _PLACE_DEPS
                and not (first.dep_ == "appos" and first.head.dep_ in _SUBJECT_DEPS)
            ) or (
                token.dep_ == "compound"
                and not (mention.start <= head.idx < mention.end)
                and head.pos_ == "NOUN"
                and not mention.is_country
                and mention.place.lat is not None  # a grounded town or site, not a guess
                # A name on a noun is often a group's ("Taliban raid"): only a town in the
                # story's own country reads as the scene.
                and mention.place.country == self._story_country
            )
            if setting:
                found.append(mention)
        return found

    def _clause_where(
        self,
        doc: Doc,
        clause: list[Token],
        event: EventRecord | None,
        index: MentionIndex,
        record: MainEventRecord,
        unit: Span | None = None,
    ) -> None:
        found = self._places_in(clause, index)
        if not found and unit is not None:
            # The headline's label or the lead sentence around the clause ("Croydon tram
            # crash: Police identify …") sets the scene when the clause names no place.
            found = self._places_in(list(unit), index)
        if not found and unit is not None:
            # Else a town or site the headline or the lead sentence sets something in or at
            # (a country alone is too vague to offer).
            units = _paragraph_units(doc)[:2]
            found = [
                m
                for m in self._places_in(list(doc[units[0].start : units[-1].end]), index)
                if self._set_in(doc, m) and not m.is_country
            ]
        if not found and event is not None and event.places and len(event.evidence) > 1:
            # Else where a later mention of the same event sets it ("X and Y agreed to a
            # ceasefire. The accord was signed in Z").
            mentions = [m for m in index.mentions if m.name in event.places]
            tokens = [t for m in mentions for t in doc.char_span(m.start, m.end) or ()]
            found = self._places_in(tokens, index)[:1]
        if not found:
            return
        # A movement's destination before its origin ("crossed from X into Y").
        roles = event.place_roles if event is not None and event.type == "TRAVEL" else {}
        best = min(
            found,
            key=lambda m: (0 if roles.get(m.name) in ("destination", "via") else 1, m.start),
        )
        # A movement's country is its destination ("crossed into X"); a town named later
        # is where something else happens.
        if best.is_country and not roles and (event is None or event.type != "TRAVEL"):
            best = self._town_in(doc, best, index) or best
        record.answers["where"] = best.name
        record.spans["where"] = _place_phrase(doc, (best.start, best.end))

    @staticmethod
    def _set_in(doc: Doc, mention: Mention) -> bool:
        """The place is the object of a locative preposition ("in X", "outside X")."""
        tokens = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if tokens is None:
            return False
        root = span_root(tokens)
        return root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE

    def _town_in(self, doc: Doc, country: Mention, index: MentionIndex) -> Mention | None:
        """A town or site in ``country`` that the lead paragraphs name as a setting: a
        headline gives the country, the lead the town where it happened."""
        units = _paragraph_units(doc)[:_WHEN_UNITS]
        if not units:
            return None
        tokens = list(doc[units[0].start : units[-1].end])
        for mention in self._places_in(tokens, index):
            place = mention.place
            # Set "in" or "at" the town; "airstrikes on X", "flew from X" name a target or
            # an origin, not where the news happened.
            if not self._set_in(doc, mention):
                continue
            if (
                place is not None
                and place.source != _GUESSED
                and place.country == country.country
                and (place.feature or "").startswith(("P.", "S."))
            ):
                return mention
        return None

    @staticmethod
    def _mention_near(
        index: MentionIndex, name: str, at: int, dateline: tuple[int, int] = (0, 0)
    ) -> CharSpan | None:
        found = [m for m in index.mentions if m.name == name]
        found = [m for m in found if not dateline[0] <= m.start < dateline[1]] or found
        if not found:
            return None
        best = min(found, key=lambda m: (abs(m.start - at), m.start))
        return best.start, best.end

    @staticmethod
    def _what(doc: Doc, predicate: Token, subject: Token | None = None) -> CharSpan | None:
        """The predicate with its object's core, else its first prepositional phrase; a
        counted patient leads it ("at least seven people were killed")."""
        tokens: list[Token] = [predicate]
        tokens.extend(c for c in predicate.children if c.dep_ in ("neg", "prt"))
        head = predicate
        # "set to check X", "tries to reach X": the complement carries the deed.
        xcomp = next(
            (c for c in predicate.children if c.dep_ == "xcomp" and c.i > predicate.i), None
        )
        object_deps = (
            _OBJECT_DEPS if predicate.pos_ in ("VERB", "AUX") else (*_OBJECT_DEPS, "appos")
        )
        # A time misparsed as the object ("crossed into X this Thursday") is no object.
        times = [(t.start, t.end) for t in doc._.sl_times]
        objects = [
            c
            for c in predicate.children
            if c.dep_ in object_deps
            and c.i > predicate.i
            and not any(start <= c.idx < end for start, end in times)
        ]
        if not objects and xcomp is not None:
            tokens.extend(t for t in predicate.doc[predicate.i + 1 : xcomp.i + 1])
            head = xcomp
            objects = [c for c in xcomp.children if c.dep_ in _OBJECT_DEPS and c.i > xcomp.i]
            tokens.extend(c for c in xcomp.children if c.dep_ == "prt")
        # "FBI declares it is done investigating": the reported clause is what was said.
        reported = next(
            (c for c in predicate.children if c.dep_ == "ccomp" and c.i > predicate.i), None
        )
        if not objects and reported is not None and predicate.lemma_.lower() in speech_verbs():
            tokens.extend(subtree(reported))
        for obj in objects:
            tokens.extend(_core(obj))
        # The prepositional phrase right after the object (or the verb), one level deep:
        # "blames defeat on the director", "meets with X", "killed in a crash".
        end = max(t.i for t in tokens)
        prep = doc[end + 1] if end + 1 < len(doc) else None
        # "agreed on Thursday to a ceasefire": a date between the verb and its phrase is
        # passed over to reach the phrase (the span stays one run of the text).
        if prep is not None and prep.dep_ == "prep" and prep.head.i == head.i:
            dated = [
                c
                for c in prep.children
                if c.dep_ == "pobj" and any(start <= c.idx < stop for start, stop in times)
            ]
            after = prep.right_edge.i + 1
            if (
                dated
                and after < len(doc)
                and doc[after].dep_ == "prep"
                and doc[after].head.i == head.i
                and doc[after].lower_ not in _TIME_PREPS
            ):
                tokens.extend(subtree(prep))
                prep = doc[after]
        if prep is not None and (
            prep.dep_ in ("prep", "agent")
            and prep.lower_ != "according"
            # "after the crash", "during the race": a time is when, not what.
            and prep.lower_ not in _TIME_PREPS
            and (prep.head.i == head.i or any(prep.head.i == o.i for o in objects))
            # "arrested as seven [dead]": a bare number after "as" opens a clause the
            # parser cut, no phrase to end on.
            and not (
                prep.lower_ == "as"
                and any(c.dep_ == "pobj" and _bare_number(c) for c in prep.children)
            )
            and not _subject_of_next_verb(prep)
        ):
            tokens.append(prep)
            pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                tokens.extend(_core(pobj))
                # A gerund keeps its object: "blames the letter for stopping momentum".
                if pobj.dep_ == "pcomp":
                    for obj in pobj.children:
                        if obj.dep_ in ("dobj", "prt") and obj.i > pobj.i:
                            tokens.extend(_core(obj))
        ordered = sorted({t.i for t in tokens})
        # Keep the contiguous run from the predicate, cut at a clause break or the cap.
        run = [predicate.i]
        for i in ordered:
            if i <= predicate.i:
                continue
            # Quotation marks around a word of the phrase belong to it ("describes 'carnage'").
            gap = range(run[-1] + 1, i)
            if all(doc[g].is_quote for g in gap):
                run.extend(gap)
            if i != run[-1] + 1 or doc[i].text in _BREAKS or len(run) >= _MAX_WHAT_TOKENS:
                break
            run.append(i)
        after = run[-1] + 1
        if after < len(doc) and doc[after].is_quote and sum(doc[i].is_quote for i in run) % 2 == 1:
            run.append(after)
        # The verb group: auxiliaries and a negation right before the predicate ("were
        # killed", "has not left").
        first = predicate.i
        while (
            first > 0
            and doc[first - 1].dep_ in ("aux", "auxpass", "neg")
            and (doc[first - 1].head.i == predicate.i)
        ):
            first -= 1
        negs = [i for i in ordered if i < predicate.i and doc[i].dep_ == "neg"]
        first = min([*negs, first])
        # A toll is one fact: "several people died and dozens were injured".
        toll = (
            _toll_conjunct(predicate, run[-1])
            if subject is not None and _counted(subject) and run[-1] == predicate.i
            else None
        )
        if toll is not None:
            run.append(toll.i)
        # What happened to a count of people is the count: "Seven killed as tram derails".
        if (
            subject is not None
            and _counted(subject)
            and (_passive(predicate, subject) or toll is not None)
        ):
            core = _core(subject)
            if core[-1].i == first - 1:
                first = core[0].i
        # A line break ends the phrase: a headline's predicate never runs into the dateline
        # or lead below it.
        last = run[-1]
        breaks = [t.i for t in doc[predicate.i : last + 1] if t.is_space and "\n" in t.text]
        if breaks:
            last = breaks[0] - 1
        return trimmed(doc[first : last + 1])

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
                if (
                    child.dep_ == "prep"
                    and child.lower_ in ("by", "using")
                    and any(c.dep_ == "pcomp" for c in child.children)
                ):
                    how = trimmed(subtree(child))
                if how is not None:
                    record.answers["how"] = text_of(doc)[how[0] : how[1]]
                    record.spans["how"] = how

    # --- from a typed event (no lead clause with a subject) ------------------------------

    def _answer_event(
        self, doc: Doc, event: EventRecord, index: MentionIndex, record: MainEventRecord
    ) -> None:
        assert event.trigger_token is not None
        token = doc[event.trigger_token]
        predicate = token if token.pos_ == "VERB" else self._governor(token)
        people = {m.name for m in index.mentions if m.is_person}
        who = next((a for a in event.actors if a in people), event.actors[0])
        record.answers["who"] = who
        who_span = self._mention_near(index, who, token.idx, self._dateline)
        if who_span is not None:
            record.spans["who"] = who_span
        what = self._what(doc, predicate)
        if what is not None:
            record.answers["what"] = text_of(doc)[what[0] : what[1]]
            record.spans["what"] = what
        if event.time is not None and self._recent(doc, event.time):
            self._set_when(record, event.time)
        self._clause_where(doc, _clause_tokens(token), event, index, record)
        self._why_how(doc, predicate, record)

    @staticmethod
    def _governor(token: Token) -> Token:
        head = token
        for _ in range(4):
            if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
                break
            head = head.head
        return head

    def _fallback_when(self, doc: Doc, units: list[Span], record: MainEventRecord) -> None:
        """No time in the event's clause: the latest recent day of the lead (news leads
        with its newest development; earlier days there are background), else the first
        recent day of the lead paragraphs."""
        end = units[min(len(units), _WHEN_UNITS) - 1].end_char if units else 0
        times = sorted(
            (
                t
                for t in doc._.sl_times
                if t.start < end and self._recent(doc, t) and not _background_time(doc, t)
            ),
            key=lambda t: t.start,
        )
        lead_end = units[min(len(units), _LEAD_UNITS) - 1].end_char if units else 0
        in_lead = [t for t in times if t.start < lead_end]
        # The dateline's date is the filing day and "…, the ministry said on Tuesday" the day
        # of the saying: the day of the news only when the lead names no other.
        cues = [q.cue for q in doc._.sl_quotes if q.cue is not None]
        contents = [q.content for q in doc._.sl_quotes]
        news = [
            t
            for t in in_lead
            if not self._in_dateline(t.start)
            and not (
                _dates_a_cue(doc, t, cues)
                and not any(start <= t.start < end for start, end in contents)
            )
        ]
        latest = max(news or in_lead, key=lambda t: t.value[:10], default=None)
        chosen = latest if latest is not None else (times[0] if times else None)
        if chosen is not None:
            self._set_when(record, chosen)


@Language.factory(
    "storyline_main_event",
    requires=["doc._.sl_events"],
    assigns=["doc._.sl_main_event"],
)
def make_main_event(nlp: Language, name: str) -> MainEventStage:
    return MainEventStage(nlp)
