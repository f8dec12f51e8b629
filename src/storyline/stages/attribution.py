"""The attribution stage: who said what — sources and quotes, from the dependency parse.

Three patterns, each a general rule over the parse:

* "according to X" — the cue is "according to", the source the whole noun phrase it
  governs (coordinated sources become one source each), the content the clause the phrase
  attaches to, without the phrase.  When X is a document or picture with an agent
  ("a text sent by a spokesperson for X", "photos published by X"), the agent is the source.
* reporting verbs (``speech_verbs.tsv``) with a subject and a clausal complement:
  "X said (that) …", "…, X said", "X told reporters …".
* direct quotes: a quotation of a few words or more, with a reporting verb just before or
  after it ("…," said X / X said: "…"); a quotation that continues the previous speaker's
  quote after an attribution extends it (multi-sentence quotes).

A reporting verb inside another attribution's content is nested and not reported again
(each token belongs to one attribution).  Sources are deduplicated by name; a source that is
a "spokesperson for X" is named after X.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..doc import QuoteRecord, SourceRecord, text_of
from ._cues import AttributionCue, attribution_cues, source_kind_words, speech_verbs
from ._gender import PRONOUN_SEX, Sex, person_sexes
from ._mentions import Mention, MentionIndex, strip_article
from ._names import name_key, singular, title_kind
from ._people import name_parts
from ._syntax import (
    QUOTE_CHARS,
    dateline_end,
    dateline_outlet,
    has_negative_subject,
    indices_with_lower,
    indices_with_pos,
    span_root,
    subtree,
    subtree_ids,
    trimmed,
)

__all__ = ["AttributionStage", "classify_source"]

# Nouns whose "by X"/"from X" agent is the real source ("photos published by X").
_CARRIER_DEPS = frozenset({"agent", "prep"})
_CARRIER_PREPS = frozenset({"by", "from", "of"})
# Verbs of perceiving and obtaining (Levin 1993, classes 30.1 "see" and 13.5.2 "obtain"):
# "a report seen by X", "documents obtained by X" -- X had the document, it did not write it.
_ACCESS_VERBS = frozenset(
    {"see", "obtain", "get", "receive", "acquire", "access", "review", "read", "examine",
     "inspect", "view", "study", "consult", "procure", "secure"}
)  # fmt: skip
# Prepositions that name the channel of a statement: "wrote on Facebook", "said in a post".
_CHANNEL_PREPS = frozenset({"on", "in", "via", "through"})
# Nouns for a person speaking for an organisation: "a spokesperson for X".
_SPOKES = frozenset(
    {"spokesperson", "spokesman", "spokeswoman", "representative", "official", "source"}
)
_PRONOUNS = frozenset(
    {"he", "she", "him", "her", "his", "they", "them", "their", "it", "its", "i", "me", "my",
     "we", "us", "our", "you", "your"}
)  # fmt: skip
_PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
# The writer and the reader: no antecedent in the text to resolve them to.
_SPEECH_ACT_PRONOUNS = frozenset({"i", "me", "my", "we", "us", "our", "you", "your"})
_ANONYMOUS = re.compile(
    r"\b(not (?:to be |being )?(?:named|identified)|anonymity|anonymous(?:ly)?|unnamed|"
    r"not authori[sz]ed|on condition)\b",
    re.IGNORECASE,
)
_MIN_DIRECT_WORDS = 4
# People looked back at for "he"/"she" (the nearest of the right sex among them).
_MAX_ANTECEDENTS = 6
# A short quotation that ends as a quoted utterance does: “No,” / “Absolutely!” / “Why?”
_SHORT_QUOTE = re.compile(r"\w[,!?]\s*(?:”|\"|'')$")
# Labels a newsroom puts before a colon, no speakers: "Editor's note:", "Update:".
_EDITORIAL_LABELS = frozenset(
    {"note", "update", "updated", "correction", "clarification", "disclosure", "reminder",
     "related", "watch", "read", "see", "video", "photo", "photos", "source", "sources",
     "credit", "name", "age", "city", "job", "pay", "tags", "q", "a"}
)  # fmt: skip
_MAX_COLON_SPEAKER = 6  # words before a colon speaker ("Republican pollster Ann Lee:")
# "spoke on Monday", "spoke in Gdynia": a setting, not a topic.
_SETTING_ENTITIES = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC"})
_DISCOURSE_VERBS = frozenset({"know", "see", "mean", "guess"})
_NEWLINE = re.compile(r"\n")
_RELATIVE = frozenset({"who", "which", "that", "whom"})
# Curly, straight and typewriter ('' … '', as some newspaper archives print them) quotations.
_QUOTE_RE = re.compile(r"“[^“”]{2,}?”|\"[^\"]{2,}?\"|''(?:[^'\n]|'(?!')){2,}?''|‘[^‘’]{8,}?’(?!\w)")
# Adverbs that belong to the cue ("also said"), unlike manner or time adverbs.
_CUE_ADVERBS = frozenset({"also", "further", "later", "previously", "earlier", "again"})


@dataclass(slots=True)
class _Candidate:
    kind: str
    source: tuple[int, int]
    cue: tuple[int, int] | None
    content: tuple[int, int]
    sources: list[tuple[int, int, Token]] = field(default_factory=list)  # each named source
    cue_token: int = -1
    # "X said …, according to Y": the predicate the "according to" phrase hangs on, whose
    # own attribution is kept inside this one's content.
    host: int = -1
    social: bool = False  # said on a social-media platform
    anonymous: bool = False  # an aside cut from the source says it is unnamed
    # The quotations a direct quote joins, when it joins several ("…," X said. "…"); empty
    # for one piece.
    parts: list[tuple[int, int]] = field(default_factory=list)

    def extend(self, start: int, end: int) -> None:
        """Join the words at ``start:end`` to the content: one piece with a piece it
        overlaps, else a piece of its own; the content runs from the first to the last."""
        pieces = sorted([*(self.parts or [self.content]), (start, end)])
        merged = [pieces[0]]
        for lo, hi in pieces[1:]:
            if lo < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
            else:
                merged.append((lo, hi))
        self.parts = merged
        self.content = (merged[0][0], merged[-1][1])


def classify_source(phrase: Span, mention: Mention | None) -> str:
    """The kind of a source phrase: anonymous, media, document, social_media, person, official."""
    heads, names = source_kind_words()
    text = phrase.text
    head = span_root(phrase)
    lemma = head.lemma_.lower()
    if _ANONYMOUS.search(text):
        return "anonymous"
    for token in phrase:
        if token.pos_ == "PROPN" or token.is_upper:
            kind = names.get(token.text.lower())
            if kind in ("social_media", "other") and (token.i != head.i or _is_person(mention)):
                continue  # "Facebook said" is the platform; "Malcolm X" is not
            if kind is not None and (kind != "media" or token.i >= head.i - 3):
                return kind
    kind = heads.get(lemma)
    if kind is None:
        # "state broadcaster ERT": a classifying noun beside the name.
        # "the Estonian daily Postimees": the tagger often makes "daily"/"weekly" adjectives.
        nouns = [
            t.lemma_.lower()
            for t in phrase
            if t.pos_ == "NOUN" or (t.pos_ == "ADJ" and heads.get(t.lemma_.lower()) == "media")
        ]
        kind = next((heads[n] for n in nouns if n in heads), None)
    if kind == "anonymous" and any(t.lemma_.lower() == "official" for t in phrase):
        return "official"
    if kind is not None:
        return kind
    if mention is not None:
        if mention.is_person:
            return _office_kind(mention) or "person"
        if mention.label in ("ORG", "GPE", "NORP", "FAC"):
            words = mention.name.lower().replace(".", "").split()
            return "other" if words and names.get(words[-1]) == "other" else "official"
    return "other"


# Kinds of titles.tsv that make their holder an official source.
_OFFICIAL_TITLES = frozenset({"state", "government", "military", "judicial"})


def _office_kind(mention: Mention) -> str | None:
    """ "official" or "media" for a person the article gives an office ("Mayor X", "X, the
    transport minister", "X, an editor at …"); None for anyone else."""
    if mention.entity is None:
        return None
    heads, _ = source_kind_words()
    for role in mention.entity.roles:
        words = role.lower().split()
        if words and heads.get(singular(words[-1])) in ("official", "media"):
            return heads[singular(words[-1])]
        for n in range(len(words)):
            if title_kind(words[n:]) in _OFFICIAL_TITLES:
                return "official"
    return None


def _participle_aside_subject(subject: Token) -> tuple[Token, set[int] | None]:
    """ "The governor, writing in a letter to the mayor, said …": the parser makes the
    participle the subject and the governor its subject; the governor speaks, and the
    participle is an aside cut from its name."""
    if subject.tag_ == "VBG" and subject.i > 0 and subject.doc[subject.i - 1].text == ",":
        own = next((c for c in subject.children if c.dep_ == "nsubj" and c.i < subject.i), None)
        if own is not None and own.pos_ in ("NOUN", "PROPN", "PRON"):
            return own, subtree_ids(subject) - subtree_ids(own)
    return subject, None


def _stranded_subject(verb: Token) -> Token | None:
    """ "In a statement to the Observer, her adviser, Jake Sullivan, said: …": the parser
    hangs the speaker on the fronted phrase as an apposition; the appositive noun phrase
    that ends right before the subjectless verb is its subject."""
    doc = verb.doc
    k = verb.i - 1
    if k > 0 and doc[k].text == ",":
        k -= 1
    if k < 0:
        return None
    found: Token | None = None
    token = doc[k]
    while token.head.i != token.i and token.i < verb.i:
        if token.dep_ == "appos" and max(subtree_ids(token)) == k:
            found = token
        token = token.head
    return found


def _partitive_them(phrase: Span) -> Span | None:
    """The "them" of "several of them", "some of them", "two of them": the group a part of
    which speaks."""
    root = span_root(phrase)
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            them = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if them is not None and them.lower_ in ("them", "those"):
                return phrase.doc[them.i : them.i + 1]
    return None


def _is_person(mention: Mention | None) -> bool:
    return mention is not None and mention.is_person


class _SourceBook:
    """The document's sources, one record per distinct name."""

    def __init__(self, doc: Doc, index: MentionIndex) -> None:
        self.doc = doc
        self.index = index
        self._by_name: dict[str, SourceRecord] = {}
        self._sexes: dict[str, Sex] | None = None
        # Sources named by a noun phrase, by where they end and whether the noun is plural
        # ("fisheries inspectors said"): what a later "they"/"it" said stands for.
        self._groups: list[tuple[int, SourceRecord, bool]] = []
        outlet = dateline_outlet(text_of(doc))
        self._outlet = outlet.lower() if outlet else None

    def add(
        self, phrase: Span, *, social: bool = False, anonymous: bool = False
    ) -> SourceRecord | None:
        """The record of a source phrase; ``social`` when it spoke on social media, which
        makes it a source of its own, of that kind (the same person elsewhere is not);
        ``anonymous`` when an aside cut from the phrase says it is not named."""
        start_end = trimmed(phrase)
        if start_end is None:
            return None
        start, end = start_end
        phrase = self.doc.char_span(start, end, alignment_mode="expand") or phrase
        # "A police report obtained by Andean Wire says …": the report, whoever holds it.
        named = self._named_part(_without_access_clause(self.doc, phrase))
        mention = self._mention_of(named)
        pronoun = span_root(named).lower_
        part_of = _partitive_them(named)
        if part_of is not None and not social:
            # "Several of them said": a part of the group last named ("Local traders").
            named, pronoun = part_of, "they"
        if pronoun in ("they", "it") and len(named) == 1 and mention is None and not social:
            group = self._group_before(named, plural=pronoun == "they")
            if group is not None:
                if (named.start_char, named.end_char) not in group.mentions:
                    group.mentions.append((named.start_char, named.end_char))
                return group
        if pronoun in _PRONOUNS and mention is None and pronoun not in _SPEECH_ACT_PRONOUNS:
            mention = self._antecedent(named.start_char, pronoun)
        kind = "anonymous" if anonymous else classify_source(phrase, mention)
        heads, _ = source_kind_words()
        if (
            kind == "official"
            and named.start_char > phrase.start_char
            and span_root(phrase).pos_ == "NOUN"
            and span_root(phrase).lemma_.lower() not in heads
        ):
            kind = "other"  # "the operator, X": a named organisation, not an authority
        if pronoun in _PRONOUNS and mention is not None:
            name = mention.name
        else:
            name = strip_article(text_of(self.doc)[named.start_char : named.end_char])
            # "Safety Board (NTSB)" → "Safety Board"
            name = re.sub(r"\s*\([^)]*\)?$", "", name) or name
        if mention is None:
            name = self._owner_named(named, name)
        entity = mention.name if mention is not None and mention.entity is not None else None
        if (
            mention is not None
            and mention.is_person
            and mention.entity is not None
            and self._covers(mention, named)
        ):
            name = mention.name  # "Lunde told reporters": the person's full name
        if entity is None and mention is not None and self._covers(mention, named):
            entity = mention.name
        if social:
            kind = "social_media"
        elif self._outlet is not None and self._outlet in (name.lower(), (entity or "").lower()):
            kind = "media"  # the news organisation of the dateline ("RIGA (Baltic Wire) -")
        key = (entity or name).lower() + ("\tsocial" if social else "")
        record = self._by_name.get(key)
        if record is None:
            record = SourceRecord(
                key=f"s{len(self._by_name) + 1}", name=name, kind=kind, entity=entity
            )
            self._by_name[key] = record
            self.doc._.sl_sources.append(record)
        span = (named.start_char, named.end_char)
        if span not in record.mentions:
            record.mentions.append(span)
        root = span_root(named)
        plural = root.tag_ in ("NNS", "NNPS")
        lemma = root.lemma_.lower()
        human = title_kind([lemma]) is not None or lemma in _SPOKES
        if root.pos_ in ("NOUN", "PROPN") and not _is_person(mention) and (plural or not human):
            # "the minister" is never "it"; "the ministers" may be "they".
            self._groups.append((named.end_char, record, plural))
        return record

    def _group_before(self, pronoun: Span, *, plural: bool) -> SourceRecord | None:
        """ "Inspectors said … .  The fine could be raised, they said": "they" is the
        group last named as a source in its own or the previous sentence ("it", the body
        last named so: "The embassy rejected … .  It said …"), else None."""
        sent = pronoun.sent
        first = self.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
        found = [
            (end, record)
            for end, record, many in self._groups
            if many == plural and first <= end <= pronoun.start_char
        ]
        return max(found, key=lambda item: item[0])[1] if found else None

    def _owner_named(self, phrase: Span, name: str) -> str:
        """ "Her spokesman said": the owner the possessive stands for goes into the name
        ("Ana Ruiz's spokesman"), so a reader sees whose spokesman spoke; as written when
        the text does not say whose."""
        first = phrase[0]
        if first.lower_ not in ("his", "her", "its") or first.dep_ != "poss" or len(phrase) < 2:
            return name
        owner = self._antecedent(first.idx, first.lower_ if first.lower_ != "its" else "it")
        if owner is None:
            return name
        rest = text_of(self.doc)[phrase[1].idx : phrase.end_char]
        return f"{owner.name}'s {rest}"

    def _antecedent(self, char: int, pronoun: str) -> Mention | None:
        """The person "he"/"she" stands for: the nearest one before it the article does not
        give the other sex; "it", the nearest organisation or country.  None when nothing
        fits, and for "they" (a group, hardly ever the last person named): the source is
        kept as written."""
        if pronoun in _PLURAL_PRONOUNS:
            return None
        sex = PRONOUN_SEX.get(pronoun)
        if sex is None:
            _, names = source_kind_words()
            for mention in reversed(self.index.mentions):
                if mention.end > char or not (mention.label == "ORG" or mention.is_country):
                    continue
                if names.get(mention.name.lower()) == "social_media":
                    continue  # "In a post on Telegram, it said": the channel, not the speaker
                return mention
            return None
        if self._sexes is None:
            self._sexes = person_sexes(self.doc, self.index)
        fitting = [
            m
            for m in self.index.last_before(char, person=True, limit=_MAX_ANTECEDENTS)
            if self._sexes.get(m.name, sex) == sex
        ]
        if not fitting:
            return None
        # In the sentence of the nearest fit, one the text marks with the pronoun's sex
        # ("Tomasz Krolik, a spokesman for X, told reporters …  He said …") outranks one
        # it leaves unmarked.
        sentence = self._sentence_of(fitting[0])
        marked = next(
            (
                m
                for m in fitting
                if self._sexes.get(m.name) == sex and self._sentence_of(m) == sentence
            ),
            None,
        )
        return marked or fitting[0]

    def _sentence_of(self, mention: Mention) -> int:
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span.sent.start if span is not None else -1

    @staticmethod
    def _covers(mention: Mention, phrase: Span) -> bool:
        return mention.start <= span_root(phrase).idx < mention.end

    def _mention_of(self, phrase: Span) -> Mention | None:
        root = span_root(phrase)
        found = self.index.at(root)
        if (found is None or found.entity is None) and len(phrase) == 1 and root.pos_ == "PROPN":
            return self._family_name_of(root) or found
        return found

    def _family_name_of(self, token: Token) -> Mention | None:
        """ "Tamm wrote" after "Mayor Janek Tamm", where no stage linked the lone surname (the
        tagger made it an ORG, or nothing): the one person named in full before it with that
        family name."""
        key = name_key(token.text)
        people = {
            m.name: m
            for m in self.index.mentions
            if m.is_person
            and m.entity is not None
            and m.end <= token.idx
            and len(parts := name_parts(m.name)) >= 2
            and parts[-1] == key
        }
        if len(people) != 1:
            return None
        person = next(iter(people.values()))
        end = token.idx + len(token.text)
        return Mention(
            person.name, person.label, token.idx, end, person.country, person.entity, person.place
        )

    def _named_part(self, phrase: Span) -> Span:
        """For "a spokesperson for X", the organisation X; for "the operator, X", the
        appositive name X; a relative clause is no part of the name; else the phrase."""
        root = span_root(phrase)
        for child in root.children:
            if child.dep_ == "relcl" and child.i > root.i:
                toks = [t for t in phrase if t.i < min(x.i for x in subtree(child))]
                if toks and trimmed(toks) is not None:
                    start, end = trimmed(toks)  # type: ignore[misc]
                    found = self.doc.char_span(start, end, alignment_mode="expand")
                    if found is not None:
                        phrase, root = found, span_root(found)
                break
        mention = self.index.at(root) if root.pos_ == "PROPN" else None
        if (
            mention is not None
            and phrase.start_char < mention.start < phrase.end_char
            and all(
                t.is_lower or t.is_punct or t.pos_ == "DET" or t.ent_type_ == "NORP"
                for t in phrase
                if t.idx < mention.start
            )
        ):
            # "the (Estonian) weekly Nordbladet": the name without the classifying words.
            found = self.doc.char_span(mention.start, phrase.end_char, alignment_mode="expand")
            if found is not None:
                return found
        if root.pos_ == "NOUN":
            twin = self.doc[root.i + 1] if root.i + 1 < phrase.end else None
            if (
                twin is not None
                and twin.pos_ == "PROPN"
                and twin.head.i == root.head.i
                and (twin.dep_ == root.dep_)
            ):
                sub = list(subtree(twin))  # "the newspaper Clarion": the name
                return self.doc[sub[0].i : sub[-1].i + 1]
            for child in root.children:
                if (
                    child.dep_ == "appos"
                    and child.i > root.i
                    and (child.pos_ == "PROPN" or self.index.at(child) is not None)
                ):
                    sub = list(subtree(child))
                    return self.doc[sub[0].i : sub[-1].i + 1]
            # "The governor of Puno, Elmer Condori": the parser hangs the person's name on
            # the office's place.
            for token in phrase:
                found_person = self.index.at(token) if token.dep_ == "appos" else None
                if (
                    found_person is not None
                    and found_person.is_person
                    and token.head.dep_ == "pobj"
                    and token.head.head.head.i == root.i
                ):
                    sub = list(subtree(token))
                    return self.doc[sub[0].i : sub[-1].i + 1]
        if root.lemma_.lower() in _SPOKES:
            for prep in root.children:
                if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "at", "in"):
                    objects = [c for c in prep.children if c.dep_ == "pobj"]
                    if objects and (objects[0].pos_ == "PROPN" or self.index.at(objects[0])):
                        sub = list(subtree(objects[0]))
                        return self.doc[sub[0].i : sub[-1].i + 1]
        return phrase


def _text(doc: Doc, span: tuple[int, int]) -> str:
    return text_of(doc)[span[0] : span[1]]


def _subtree_span(doc: Doc, token: Token, exclude: set[int] | None = None) -> Span:
    toks = [t.i for t in subtree(token) if exclude is None or t.i not in exclude]
    return doc[min(toks) : max(toks) + 1]


def _named_pieces(doc: Doc, span: Span) -> list[tuple[int, int, Token]]:
    return [(p.start_char, p.end_char, span_root(p)) for p in _conjuncts(doc, span)]


def _aside_clauses(noun: Token) -> set[int]:
    """A non-restrictive relative clause after a source noun and everything after it:
    "Podesta, who said the project was vetted, said …" is Podesta speaking; the aside is
    its own attribution, no part of the source's name; so is a participle set off by a
    comma ("Two officials, speaking on condition of anonymity, said …")."""
    for child in noun.children:
        if (
            (child.dep_ == "relcl" or (child.dep_ == "acl" and child.tag_ in ("VBG", "VBN")))
            and child.i > noun.i
            and (comma := min(subtree_ids(child)) - 1) > noun.i
            and noun.doc[comma].text == ","
        ):
            return {t for t in subtree_ids(noun) if t >= comma}
    return set()


def _clause_before(doc: Doc, verb: Token) -> tuple[int, int] | None:
    """ "X fell sharply, police said." / "…, said the minister": a reporting verb that ends
    its sentence after a comma, whatever the parser made of the clause before the comma."""
    sent = verb.sent
    edge = verb.i
    for child in sorted(verb.children, key=lambda c: -c.i):
        if child.i < verb.i and (
            child.dep_ in ("nsubj", "aux", "neg")
            or (child.dep_ == "advmod" and child.i == edge - 1)
        ):
            edge = min(edge, min(subtree_ids(child)))
    comma = edge - 1
    if comma <= sent.start or doc[comma].text != ",":
        return None
    own = subtree_ids(verb)
    if any(t.i not in own and not t.is_punct and not t.is_space for t in doc[verb.i : sent.end]):
        return None  # the sentence goes on after the verb: not clause-final
    clause = [t for t in doc[sent.start : comma] if not t.is_space]
    if not any(t.pos_ in ("VERB", "AUX") for t in clause):
        return None
    return trimmed(clause)


def _noun_clause(child: Token) -> bool:
    """A noun cue's clause: "the claim that …", "a decision to …"."""
    return child.dep_ in ("acl", "ccomp", "relcl") and (
        _infinitive(child)
        or any(m.dep_ == "mark" and m.lower_ in ("that", "whether") for m in child.children)
    )


def _adjective_clause(child: Token) -> bool:
    """An adjective cue's clause: "confident that …", "eager to …"."""
    return child.dep_ in ("ccomp", "xcomp", "advcl") and (
        _infinitive(child) or child.dep_ == "ccomp"
    )


def _cue_complement(
    head: Token, preps: Collection[str], clause: Callable[[Token], bool]
) -> tuple[tuple[int, int] | None, Token | None]:
    """The content a noun or adjective cue governs after it: its clause, or the object of
    one of its prepositions ("critical of X"), with that preposition."""
    for child in head.children:
        if child.i < head.i:
            continue
        if clause(child):
            content = trimmed(subtree(child))
            if content is not None:
                return content, None
        elif child.dep_ == "prep" and child.lower_ in preps:
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            content = trimmed(subtree(objects[0])) if objects else None
            if content is not None:
                return content, child
    return None, None


def _infinitive(verb: Token) -> bool:
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.children)


def _conjuncts(doc: Doc, span: Span) -> list[Span]:
    """Split a coordinated source phrase ("the embassy and public radio") at top-level
    "and"/"or" that are outside any named-entity span."""
    pieces: list[Span] = []
    start = span.start
    for token in span:
        if (
            token.dep_ == "cc"
            and token.lower_ in ("and", "or")
            and not token.ent_type_
            and token.i > start
        ):
            left = doc[start : token.i]
            if any(t.pos_ in ("NOUN", "PROPN") for t in left) and any(
                t.pos_ in ("NOUN", "PROPN") for t in doc[token.i + 1 : span.end]
            ):
                pieces.append(left)
                start = token.i + 1
    pieces.append(doc[start : span.end])
    return [p for p in pieces if trimmed(p) is not None]


def _carrier_agent(doc: Doc, head: Token) -> Token | None:
    """The agent of a document-like source: "a text sent by X" → X, "a report from X" → X."""
    heads, _ = source_kind_words()
    if heads.get(head.lemma_.lower()) != "document":
        return None
    for child in head.children:
        if child.dep_ == "acl" and child.lemma_.lower() not in _ACCESS_VERBS:
            for grand in child.children:
                if grand.dep_ in _CARRIER_DEPS and grand.lower_ in _CARRIER_PREPS:
                    objects = [c for c in grand.children if c.dep_ == "pobj"]
                    if objects:
                        return objects[0]
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _without_access_clause(doc: Doc, piece: Span) -> Span:
    """ "a ministry report seen by X" → "a ministry report": who saw a document is no part
    of its name."""
    root = span_root(piece)
    for child in root.children:
        if child.dep_ == "acl" and child.i > root.i and child.lemma_.lower() in _ACCESS_VERBS:
            cut = min(t.i for t in subtree(child))
            if cut > piece.start:
                return doc[piece.start : cut]
    return piece


def _is_platform(token: Token) -> bool:
    """A social-media platform named as such ("Telegram", "X"), or a post or tweet on one."""
    heads, names = source_kind_words()
    if token.text[:1].isupper() and names.get(token.lower_) == "social_media":
        return token.ent_type_ != "PERSON"  # "on X" (tagged a noun), not "Malcolm X"
    if heads.get(token.lemma_.lower()) != "social_media":
        return False
    # "a post on X" / "a Facebook post": a post is social media when a platform is named.
    return (
        any(
            (c.dep_ == "compound" and _is_platform(c))
            or (
                c.dep_ == "prep"
                and c.lower_ in _CHANNEL_PREPS
                and any(_is_platform(o) for o in c.children if o.dep_ == "pobj")
            )
            for c in token.children
        )
        or token.lemma_.lower() == "tweet"
    )


def _social_channel(verb: Token) -> bool:
    """Whether a statement went out on social media: "wrote on Facebook", "said in a post on
    X", "In a Telegram post, Y wrote", "Y tweeted"."""
    if verb.pos_ == "VERB" and verb.lemma_.lower() in ("tweet", "retweet"):
        return True
    return any(
        c.dep_ == "prep"
        and c.lower_ in _CHANNEL_PREPS
        and any(o.dep_ == "pobj" and _is_platform(o) for o in c.children)
        for c in verb.children
    )


def _statement_of(token: Token) -> int:
    """The verb of saying or reporting a phrase hangs on ("X said …, according to Y"), the
    phrase climbing over a misparse that hangs it on a noun; -1 when it hangs on another
    predicate."""
    head = token.head
    for _ in range(8):
        if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
            break
        head = head.head
    verb = speech_verbs().get(head.lemma_.lower())
    if head.i == token.i or head.pos_ != "VERB" or verb is None:
        return -1
    return head.i if verb[0] in ("speech", "report", "confirmation", "denial") else -1


def _verb_cue(token: Token) -> AttributionCue | None:
    """The cue of a verb by its lemma, or by its inflected form where the lemmatiser
    strips too much ("hoped" → "hop")."""
    cues = attribution_cues()
    cue = cues.get((token.lemma_.lower(), "verb"))
    if cue is None and token.tag_ in ("VBD", "VBN") and token.lower_.endswith("ed"):
        cue = cues.get((token.lower_[:-1], "verb"))
    if cue is None and token.tag_ == "VBG" and token.lower_.endswith("ing"):
        cue = cues.get((token.lower_[:-3] + "e", "verb"))  # "hoping" → "hop"
    return cue


def _clip(doc: Doc, span: tuple[int, int], lo: int, hi: int) -> tuple[int, int] | None:
    start, end = max(span[0], lo), min(span[1], hi)
    if start >= end:
        return None
    piece = doc.char_span(start, end, alignment_mode="expand")
    return trimmed(piece) if piece is not None else None


def _breaks(doc: Doc) -> list[int]:
    return [m.start() for m in _NEWLINE.finditer(text_of(doc))]


def _paragraph(breaks: list[int], i: int, length: int) -> tuple[int, int]:
    """The character range of the line around offset ``i``."""
    k = bisect.bisect_left(breaks, i)
    return (breaks[k - 1] + 1 if k > 0 else 0), (breaks[k] if k < len(breaks) else length)


def _within_paragraphs(doc: Doc, candidates: list[_Candidate]) -> list[_Candidate]:
    """Source and content kept in the cue's paragraph: the parser sometimes hangs a
    headline or the previous paragraph on the next sentence's verb."""
    breaks = _breaks(doc)
    kept: list[_Candidate] = []
    for cand in candidates:
        lo, hi = _paragraph(breaks, (cand.cue or cand.source)[0], len(text_of(doc)))
        if lo <= cand.content[0] and cand.content[1] <= hi and lo <= cand.source[0]:
            kept.append(cand)
            continue
        content = _clip(doc, cand.content, lo, hi)
        source = _clip(doc, cand.source, lo, hi)
        if content is None or source is None:
            continue
        cand.content, cand.source = content, source
        cand.sources = [
            (max(s, lo), min(e, hi), t) for s, e, t in cand.sources if s < hi and e > lo
        ]
        kept.append(cand)
    return kept


# A transcript's turn, "WALLACE: …" / "Mr. Lee: …": a new speaker, never a continuation.
_TRANSCRIPT_TURN = re.compile(r"(?:[A-Z][A-Za-z.'-]*\s?){1,3}:\s")


def _same_speaker(text: str, cand: _Candidate, other: _Candidate) -> bool:
    """Whether a quotation's own attribution names the speaker of the quote before it: a
    pronoun ("she said") or a name sharing a capitalised word ("Varga said")."""
    words = text[cand.source[0] : cand.source[1]].split()
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return True
    names = {w.strip(",.") for w in words if w[:1].isupper()}
    return bool(names & set(text[other.source[0] : other.source[1]].replace(",", " ").split()))


@dataclass(frozen=True, slots=True)
class _Quotation:
    start: int
    end: int
    run_on: bool = False  # left open at the end of its paragraph, to go on in the next
    continues: bool = False  # opens the paragraph after a run-on quotation

    def words(self, text: str) -> int:
        return len(text[self.start : self.end].split())


_PARAGRAPH = re.compile(r"[^\n]+")


def _open_mark(para: str, closed: list[re.Match[str]]) -> int | None:
    """Where a quotation left open in a paragraph starts: a “ with no ” after it, or a
    straight " at a word's start that no pair closes."""
    outside = [(closed[k - 1].end() if k else 0) for k in range(len(closed) + 1)]
    tail = outside[-1]
    curly = para.rfind("\u201c", tail)
    if curly >= 0 and "\u201d" not in para[curly:]:
        return curly
    straight = para.find('"', tail)
    if straight >= 0 and '"' not in para[straight + 1 :]:
        before = para[straight - 1] if straight else " "
        after = para[straight + 1 : straight + 2]
        if (before.isspace() or before in "([") and after and not after.isspace():
            return straight
    return None


def _quotation_regions(text: str) -> list[_Quotation]:
    """The quotations of the text, paragraph by paragraph.  By English typographic
    convention a quotation that runs over several paragraphs leaves each paragraph but the
    last without a closing mark and opens the next one with an opening mark; pairing marks
    within a paragraph keeps an unclosed straight " from pairing with the next paragraph's."""
    found: list[_Quotation] = []
    open_before = transcript = False
    for para in _PARAGRAPH.finditer(text):
        body = para.group()
        if not body.strip():
            continue
        base = para.start()
        lead = len(body) - len(body.lstrip())
        closed = list(_QUOTE_RE.finditer(body))
        continues = open_before and body[lead : lead + 1] in ('"', "\u201c")
        opener = _open_mark(body, closed)
        # A quoted transcript ('"WALLACE: …' paragraph after paragraph) is turns of speakers
        # with their own attributions, no one speaker's quotation.
        if opener is not None and (
            _TRANSCRIPT_TURN.match(body, opener + 1) or (continues and transcript)
        ):
            transcript, open_before = True, True
            found += [_Quotation(base + m.start(), base + m.end()) for m in closed]
            continue
        transcript = False
        for m in closed:
            found.append(
                _Quotation(
                    base + m.start(), base + m.end(), continues=continues and m.start() == lead
                )
            )
        open_before = opener is not None
        if opener is not None:
            end = base + len(body.rstrip())
            found.append(
                _Quotation(base + opener, end, run_on=True, continues=continues and opener == lead)
            )
    return found


def _quotations(text: str) -> list[tuple[int, int]]:
    """Quotations of a few words within one paragraph."""
    return [
        (q.start, q.end)
        for q in _quotation_regions(text)
        if q.words(text) >= _MIN_DIRECT_WORDS or q.run_on or q.continues
    ]


# The terms on which a source spoke ("on condition of anonymity", "on the condition that
# they not be named", "on background") describe the source, they are no content.
_ANONYMITY_TERMS = re.compile(
    r"(?i)\s*(?:on\s+)?(?:the\s+)?(?:condition\s+(?:of\s+anonymity|that\s+\w+\s+(?:not|n't)\s+"
    r"be\s+(?:named|identified|quoted)(?:\s+by\s+name)?)|anonymity|background|(?:the\s+)?record)"
    r"\s*[.,]?\s*"
)


# What is left at the edge of a piece cut from its attribution: "…," X said, "…".
_CUT_EDGE = " \t\n,;:\u2013\u2014-"


def _content_parts(text: str, cand: _Candidate) -> list[tuple[int, int]]:
    """The content piece by piece without the attribution that interrupts it: '"We will
    not leave," Ana Ruiz said, "until the road is open."' is two quotations, "This
    campaign, he says, is different" two pieces of a clause.  One piece stays []."""
    lo, hi = cand.content
    spans = [cand.source] + ([cand.cue] if cand.cue is not None else [])
    cut = (min(s for s, _ in spans), max(e for _, e in spans))
    parts: list[tuple[int, int]] = []
    for start, end in cand.parts or [cand.content]:
        start, end = max(start, lo), min(end, hi)
        if start >= end:
            continue
        if start < cut[0] and cut[1] < end:
            pieces = [(start, cut[0]), (cut[1], end)]
        else:
            pieces = [(start, end)]
        for a, b in pieces:
            piece = text[a:b]
            a += len(piece) - len(piece.lstrip(_CUT_EDGE))
            b -= len(piece) - len(piece.rstrip(_CUT_EDGE))
            if a < b and any(ch.isalnum() for ch in text[a:b]):
                parts.append((a, b))
    return parts if len(parts) > 1 else []


# Verbs whose object is the document itself: "a letter that she sent to the council".
_DOCUMENT_VERBS = frozenset(
    {"send", "sign", "write", "publish", "release", "issue", "deliver", "post", "address",
     "submit", "hand", "draft", "circulate", "leak", "see", "obtain", "receive", "read"}
)  # fmt: skip
# Verbs whose object is the hearer, not the message (Levin 37.9 "advise" and "tell"):
# "told reporters in Geneva that …".
_ADDRESSEE_VERBS = frozenset(
    {"tell", "inform", "assure", "reassure", "remind", "notify", "warn", "caution", "alert",
     "advise", "brief", "convince", "persuade", "promise", "teach", "show", "write"}
)  # fmt: skip
_MAX_ADJUNCT = 14  # tokens between the verb and "that" ("in a letter to the council on Monday")


def _that_clause(that: Token) -> Token | None:
    """The finite clause that a "that" opens as a complementiser, or None when it is a
    relative pronoun ("the letter that was sent", "a letter that she sent")."""
    clause = that.head
    if clause.i == that.i or clause.pos_ not in ("VERB", "AUX"):
        return None
    if that.dep_ == "mark":
        return clause
    # The parser often reads the complementiser as a relative pronoun: "wrote in a letter
    # that the bridge would close" (that = dobj of "close").  It is one after a noun of a
    # message or document when the clause has a subject of its own and does not take the
    # message as its object ("a letter that she sent"); after any other noun only when the
    # clause is a copula, which has no object to relativise ("in the town that he left").
    if that.dep_ != "dobj" or clause.dep_ != "relcl":
        return None
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
        return None
    if clause.lemma_.lower() == "be":
        return clause
    noun = clause.head.lemma_.lower()
    message = attribution_cues().get((noun, "noun")) is not None or source_kind_words()[0].get(
        noun
    ) in ("document", "social_media")
    if not message or clause.lemma_.lower() in _DOCUMENT_VERBS:
        return None
    return clause


def _through_adjuncts(clause: Token, verb: Token) -> bool:
    """The clause hangs on the verb through nouns and prepositions ("in a letter to the
    council"), participles describing them ("a report published on Thursday") included, but
    not through another verb that could report it ("…, arguing that …")."""
    head = clause.head
    while head.i != verb.i:
        if head.pos_ in ("VERB", "AUX") and not (
            head.dep_ == "acl" or (head.dep_ == "relcl" and head.lemma_.lower() in _DOCUMENT_VERBS)
        ):
            return False  # "a letter that she sent to X that …" passes through
        if head.head.i == head.i:
            return False
        head = head.head
    return True


def _clause_after_adjunct(doc: Doc, verb: Token) -> tuple[int, int] | None:
    """ "X wrote in a letter (to Y) that …", "X said in a statement on Monday that …", "X
    told reporters in Geneva that …": the parser hangs the reported clause on the noun
    between the verb and it; the clause is still what the verb reports."""
    inside = subtree_ids(verb)
    end = min(verb.sent.end, verb.i + _MAX_ADJUNCT + 2)
    addressee = verb.lemma_.lower() in _ADDRESSEE_VERBS
    for k in range(verb.i + 1, end):
        token = doc[k]
        if token.i not in inside or token.dep_ in ("ccomp", "conj", "cc") or token.text == ";":
            return None
        if token.head.i == verb.i and token.dep_ == "dobj" and not addressee:
            return None  # "expressed concern that …", "cited the report that …": the object

        if token.lower_ != "that" or k == verb.i + 1:
            continue
        clause = _that_clause(token)
        if clause is None or not _through_adjuncts(clause, verb):
            continue
        found = trimmed(t for t in subtree(clause) if t.i >= token.i)
        if found is not None:
            return found
    return None


def _cue_through(head: Token, prep: Token | None) -> tuple[int, int]:
    """The cue of a noun or adjective, with the preposition right after it ("claim of",
    "critical of"): the words that name the act of saying or holding."""
    end = prep if prep is not None and prep.i == head.i + 1 else head
    return head.idx, end.idx + len(end.text)


class AttributionStage:
    def __call__(self, doc: Doc) -> Doc:
        index = MentionIndex(doc)
        book = _SourceBook(doc, index)
        candidates = (
            self._according_to(doc)
            + self._reporting_verbs(doc)
            + self._noun_cues(doc)
            + self._passive_agents(doc)
            + self._support_verbs(doc)
            + self._adjective_cues(doc)
            + self._in_documents(doc)
            + self._colons(doc)
        )
        candidates = _within_paragraphs(doc, candidates)
        candidates = self._direct_quotes(doc, candidates)
        text = text_of(doc)
        # "OSLO, May 3 (Agency) - X fell, police said": the dateline says where the story was
        # filed, not what the police said.
        dateline = dateline_end(text)
        for cand in self._without_nested(candidates, _quotations(text)):
            if _ANONYMITY_TERMS.fullmatch(text, cand.content[0], cand.content[1]):
                continue  # "officials who spoke on condition of anonymity": no message
            if cand.content[0] < dateline:
                if cand.content[1] <= dateline:
                    continue
                cand.content = (dateline, cand.content[1])
            records: list[SourceRecord] = []
            social = (
                cand.kind != "according_to"
                and cand.cue_token >= 0
                and _social_channel(doc[cand.cue_token])
            )
            for start, end, _ in cand.sources:
                phrase = doc.char_span(start, end, alignment_mode="expand")
                if phrase is None:
                    continue
                record = book.add(phrase, social=social, anonymous=cand.anonymous)
                if record is not None and record not in records:
                    records.append(record)
            if not records:
                continue
            speaker = records[0].entity if len(records) == 1 else None
            doc._.sl_quotes.append(
                QuoteRecord(
                    kind=cand.kind,
                    source=cand.source,
                    content=cand.content,
                    cue=cand.cue,
                    source_key=records[0].key,
                    speaker=speaker,
                    parts=_content_parts(text, cand),
                )
            )
        return doc

    # --- "according to X" ----------------------------------------------------------------

    def _according_to(self, doc: Doc) -> list[_Candidate]:
        found: list[_Candidate] = []
        for i in indices_with_lower(doc, "according"):
            token = doc[i]
            to = next((c for c in token.children if c.lower_ == "to"), None)
            if to is None and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                to = doc[token.i + 1]
            if to is None:
                continue
            np_roots = [c for c in to.children if c.dep_ == "pobj"] + [
                c for c in token.children if c.dep_ in ("pobj", "conj") and c.i > to.i
            ]
            if not np_roots:
                continue
            region = {i for r in np_roots for i in subtree_ids(r) if i > to.i}
            source = doc[to.i + 1 : max(region) + 1]
            phrase_tokens = set(region) | subtree_ids(token) | {token.i, to.i}
            content = self._content_around(doc, token, phrase_tokens)
            src = trimmed(source)
            if content is None or src is None:
                continue
            named: list[tuple[int, int, Token]] = []
            agent = _carrier_agent(doc, np_roots[0])
            if agent is not None:
                agent_span = _subtree_span(doc, agent)
                src = trimmed(agent_span) or src
                pieces = _conjuncts(doc, agent_span)
            else:
                pieces = [_without_access_clause(doc, p) for p in _conjuncts(doc, source)]
            for piece in pieces:
                bounds = trimmed(piece)
                if bounds is not None:
                    named.append((bounds[0], bounds[1], span_root(piece)))
            found.append(
                _Candidate(
                    "according_to",
                    src,
                    (token.idx, to.idx + len(to.text)),
                    content,
                    named,
                    token.i,
                    host=_statement_of(token),
                )
            )
        return found

    @staticmethod
    def _content_around(doc: Doc, cue: Token, phrase: set[int]) -> tuple[int, int] | None:
        """The clause an attribution phrase attaches to, without the phrase."""
        head = cue.head if cue.head.i != cue.i else cue
        if head.i == cue.i:
            sent = cue.sent
            rest = [t for t in sent if t.i not in phrase]
            return trimmed(rest)
        # A misparse can hang the phrase on a noun or on a clause-internal word: climb to
        # the predicate that governs the clause.
        for _ in range(8):
            if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
                break
            head = head.head
        clause = [t for t in subtree(head) if t.i not in phrase]
        if max(phrase) < head.i:
            clause = [t for t in clause if t.i > max(phrase)]
        else:
            clause = [t for t in clause if t.i < min(phrase)]
        return trimmed(clause)

    # --- "In a CBS poll, X led by ten points" ----------------------------------------------

    def _in_documents(self, doc: Doc) -> list[_Candidate]:
        """ "in" + a document, poll or post (a "document" or "social_media" head of
        ``media.tsv``) attached to a clause that no cue verb governs: the document is the
        source of the clause, like "according to" ("In a CBS poll, X led by ten points")."""
        heads, _ = source_kind_words()
        found: list[_Candidate] = []
        for i in indices_with_lower(doc, "in"):
            token = doc[i]
            pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
            if token.dep_ != "prep" or pobj is None or pobj.pos_ != "NOUN":
                continue
            if heads.get(pobj.lemma_.lower()) not in ("document", "social_media"):
                continue
            head = token.head
            # Only a fronted "In a poll, …": after the verb, "slid in the polls" or "a lead
            # in the polls" is as often a measure as a source.
            if head.pos_ not in ("VERB", "AUX") or head.i < token.i or _verb_cue(head) is not None:
                continue  # "said in a statement": the verb is the cue
            phrase = subtree_ids(token)
            content = self._content_around(doc, token, phrase)
            source = trimmed(subtree(pobj))
            if content is None or source is None:
                continue
            found.append(
                _Candidate(
                    "according_to",
                    source,
                    (token.idx, token.idx + len(token.text)),
                    content,
                    _named_pieces(doc, _subtree_span(doc, pobj)),
                    token.i,
                )
            )
        return found

    # --- "Name: claim" -------------------------------------------------------------------

    def _colons(self, doc: Doc) -> list[_Candidate]:
        """A line or sentence that opens with a short speaker phrase and a colon
        ("Senator X: We will win", "Poll: the race is tied", "He: “…”")."""
        found: list[_Candidate] = []
        heads, _ = source_kind_words()
        breaks = _breaks(doc)
        length = len(text_of(doc))
        for i in indices_with_lower(doc, ":"):
            colon = doc[i]
            lo, hi = _paragraph(breaks, colon.idx, length)
            first = max(colon.sent.start, colon.i - _MAX_COLON_SPEAKER - 1)
            while first < colon.i and doc[first].idx < lo:
                first += 1
            left = [t for t in doc[first : colon.i] if not t.is_space]
            if (
                not left
                or len(left) > _MAX_COLON_SPEAKER
                or (doc[first].idx > lo and (first != colon.sent.start))
            ):
                continue  # the phrase must open its line or its sentence
            # A transcript's speaker in capitals ("TAPPER: Do you think …"), which the tagger
            # reads as anything.
            capitals = all(t.is_upper and t.is_alpha for t in left) and any(
                len(t) > 2 for t in left
            )
            if any(
                (t.pos_ in ("VERB", "AUX") and not capitals) or t.is_digit or t.text in QUOTE_CHARS
                for t in left
            ):
                continue
            if (
                not any(
                    (t.pos_ in ("PROPN", "NOUN") and t.is_title)
                    # a transcript's speaker in capitals: "TAPPER: Do you think …"
                    or (capitals and t.ent_type_ not in ("GPE", "LOC", "FAC", "DATE"))
                    or t.lower_ in _PRONOUNS
                    or (t.pos_ == "NOUN" and t.lemma_.lower() in heads)
                    for t in left
                )
                or left[-1].lower_ in _EDITORIAL_LABELS
            ):
                continue
            # A quotation after the colon, or a transcript's turn, runs to the end of its
            # paragraph.
            quoted = colon.i + 1 < len(doc) and doc[colon.i + 1].text in QUOTE_CHARS
            turn = capitals and left[0].idx == lo
            end = colon.sent.end if colon.sent.end_char < hi and not (quoted or turn) else None
            tail = [t for t in doc[colon.i + 1 : end] if t.idx < hi]
            content = trimmed(tail)
            speaker = trimmed(left)
            if content is None or speaker is None or len(tail) < 3:
                continue
            found.append(
                _Candidate(
                    "direct",
                    speaker,
                    (colon.idx, colon.idx + 1),
                    content,
                    [(speaker[0], speaker[1], span_root(doc[left[0].i : left[-1].i + 1]))],
                    colon.i,
                )
            )
        return found

    # --- "X's claim that …", "the statement by X" -----------------------------------------

    def _noun_cues(self, doc: Doc) -> list[_Candidate]:
        """A message or stance noun with its holder (a possessor, or "by"/"from" X) and its
        content (a "that"/"to" clause, or the object of its preposition)."""
        cues = attribution_cues()
        found: list[_Candidate] = []
        for i in indices_with_pos(doc, "NOUN"):
            noun = doc[i]
            cue = cues.get((noun.lemma_.lower(), "noun")) or cues.get((noun.lower_, "noun"))
            if cue is None:
                continue
            holder: Token | None = None
            for child in noun.children:
                if child.dep_ == "poss" and child.i < noun.i:
                    holder = child
                elif child.dep_ == "prep" and child.lower_ in ("by", "from") and holder is None:
                    holder = next((c for c in child.children if c.dep_ == "pobj"), holder)
            if holder is None:
                continue
            content, prep = _cue_complement(noun, cue.preps, _noun_clause)
            source = trimmed(subtree(holder))
            if content is None or source is None or source[0] <= content[0] < source[1]:
                continue
            span = _subtree_span(doc, holder)
            found.append(
                _Candidate(
                    "indirect",
                    source,
                    _cue_through(noun, prep),
                    content,
                    _named_pieces(doc, span),
                    noun.i,
                )
            )
        return found

    # --- "X made the case that …", "X raised questions about Y" ---------------------------

    def _support_verbs(self, doc: Doc) -> list[_Candidate]:
        """A light verb whose object is a message or stance noun: the verb's subject is the
        source, the noun's "that" clause or prepositional object (or the verb's) the content,
        and the cue runs from the verb to the noun."""
        cues = attribution_cues()
        found: list[_Candidate] = []
        for i in indices_with_pos(doc, "VERB"):
            verb = doc[i]
            support = cues.get((verb.lemma_.lower(), "support"))
            if support is None:
                continue
            noun = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
            if noun is None:
                continue
            lemma = noun.lemma_.lower()
            cue = cues.get((lemma, "object")) or cues.get((lemma, "noun"))
            if cue is None or cue.cls in ("intention", "naming"):
                continue
            subject, exclude = self._subject(verb)
            if subject is None or subject.lower_ in _RELATIVE or has_negative_subject(verb):
                continue
            content: tuple[int, int] | None = None
            last = noun
            for child in noun.children:
                if child.i < noun.i:
                    continue
                if child.dep_ in ("acl", "ccomp", "relcl") and any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in child.children
                ):
                    content = trimmed(subtree(child))
                elif child.dep_ == "prep" and child.lower_ in cue.preps:
                    objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                    if objects:
                        content = trimmed(subtree(objects[0]))
                        last = child if child.i == noun.i + 1 else noun
                if content is not None:
                    break
            if content is None:
                for child in verb.children:
                    if child.dep_ == "prep" and child.i > noun.i and child.lower_ in support.preps:
                        objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                        if objects:
                            content = trimmed(subtree(objects[0]))
                            last = child if child.i == max(subtree_ids(noun)) + 1 else noun
                            break
            source_span = _subtree_span(doc, subject, (exclude or set()) | _aside_clauses(subject))
            src = trimmed(source_span)
            if content is None or src is None or content[0] <= src[0] < content[1]:
                continue
            start = self._cue_span(verb)[0]
            found.append(
                _Candidate(
                    "indirect",
                    src,
                    (start, last.idx + len(last.text)),
                    content,
                    _named_pieces(doc, source_span),
                    verb.i,
                )
            )
        return found

    # --- "X is confident that …", "X was critical of Y" --------------------------------------

    def _adjective_cues(self, doc: Doc) -> list[_Candidate]:
        """A belief, emotion or judgment adjective predicated of its holder, with a "that"
        or "to" clause or a prepositional object as content."""
        cues = attribution_cues()
        found: list[_Candidate] = []
        for i in indices_with_pos(doc, "ADJ"):
            adj = doc[i]
            cue = cues.get((adj.lemma_.lower(), "adj")) or cues.get((adj.lower_, "adj"))
            if cue is None or adj.dep_ not in ("acomp", "oprd"):
                continue
            content, prep = _cue_complement(adj, cue.preps, _adjective_clause)
            subject, exclude = self._subject(adj.head)
            if content is None or subject is None or subject.lower_ in ("it", "there"):
                continue
            if subject.lower_ in _RELATIVE or has_negative_subject(adj.head):
                continue
            source_span = _subtree_span(doc, subject, (exclude or set()) | _aside_clauses(subject))
            src = trimmed(source_span)
            if src is None or content[0] <= src[0] < content[1]:
                continue
            found.append(
                _Candidate(
                    "indirect",
                    src,
                    _cue_through(adj, prep),
                    content,
                    _named_pieces(doc, source_span),
                    adj.i,
                )
            )
        return found

    # --- "was reported by X", "a plan rejected by X", "as reported by X" ------------------

    def _passive_agents(self, doc: Doc) -> list[_Candidate]:
        """A cue verb in the passive with its "by" agent: the agent is the source, the
        passive subject (or the modified noun, or the clause an "as …" phrase attaches to)
        the content."""
        found: list[_Candidate] = []
        for i in indices_with_lower(doc, "by"):
            agent = doc[i]
            verb = agent.head
            if agent.dep_ != "agent" or verb.pos_ != "VERB":
                continue
            cue = _verb_cue(verb)
            holder = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if cue is None or cue.cls == "quoting" or holder is None:
                continue
            if (
                verb.dep_ == "acl"
                and verb.lemma_.lower() in _ACCESS_VERBS
                and not any(c.lower_ == "as" for c in verb.children)
            ):
                continue  # "a report seen by X": X had it, X did not say it ("seen as" does)
            outside = subtree_ids(verb)
            content: tuple[int, int] | None = None
            if any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
                head = verb.head  # "As reported by X, …": the clause it attaches to
                side = [t for t in subtree(head) if t.i not in outside]
                content = trimmed(t for t in side if (t.i > verb.i) == (head.i > verb.i))
            elif (comp := next((c for c in verb.children if c.dep_ == "ccomp"), None)) is not None:
                content = trimmed(subtree(comp))
            elif (
                subj := next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            ) is not None:
                if subj.lower_ in _RELATIVE and verb.dep_ == "relcl":
                    subj = verb.head  # "the plan, which was rejected by X"
                    content = trimmed(t for t in subtree(subj) if t.i < min(outside) - 1)
                else:
                    content = trimmed(subtree(subj))
            elif (
                verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") and verb.head.i < verb.i
            ):
                content = trimmed(t for t in subtree(verb.head) if t.i < min(outside))
            source_span = _subtree_span(doc, holder)
            src = trimmed(source_span)
            if content is None or src is None or content[0] <= src[0] < content[1]:
                continue
            found.append(
                _Candidate(
                    "indirect",
                    src,
                    self._cue_span(verb, agent),
                    content,
                    _named_pieces(doc, source_span),
                    verb.i,
                )
            )
        return found

    # --- reporting verbs -----------------------------------------------------------------

    def _reporting_verbs(self, doc: Doc) -> list[_Candidate]:
        found: list[_Candidate] = []
        breaks = _breaks(doc)
        for i in indices_with_pos(doc, "VERB", "AUX"):
            token = doc[i]
            cue = _verb_cue(token)
            if cue is None or cue.cls == "quoting":
                continue
            subject, exclude = self._subject(token)
            if subject is None or (
                subject.lower_ == "it" and subject.dep_ in ("nsubjpass", "expl")
            ):
                continue
            if has_negative_subject(token):
                continue  # "no one has confirmed …": nobody says it
            if cue.cls == "intention" and subject.lower_ == "it":
                continue  # "it seems that …", "it wants to …": no holder
            if (
                token.lemma_.lower() in _DISCOURSE_VERBS
                and subject.lower_ in ("you", "i")
                and not any(c.dep_ == "ccomp" and c.i > token.i for c in token.children)
            ):
                continue  # "you know", "you see", "I mean": discourse markers, no claim
            complement = self._complement(doc, token, cue)
            if complement is None:
                continue
            content, prep = complement
            lo, hi = _paragraph(breaks, token.idx, len(text_of(doc)))
            if not (lo <= content[0] and content[1] <= hi):
                clipped = _clip(doc, content, lo, hi)
                if clipped is None:
                    continue
                content = clipped
            if _ANONYMOUS.fullmatch(
                re.sub(r"^(?:not\s+)?to\s+(?:be\s+)?", "not ", _text(doc, content), flags=re.I)
            ) or _ANONYMOUS.match(_text(doc, content)):
                continue  # "asked not to be named": an anonymity marker, not a claim
            aside: set[int] = set()
            if subject.lower_ in _RELATIVE and subject.head.dep_ == "relcl":
                # "officials who asked …, said": the antecedent speaks, not "who".
                # The source phrase runs to the pronoun ("the minister, who"); its name is
                # the antecedent's (the relative clause is cut from names).
                relcl, pronoun = subject.head, subject.i
                subject = relcl.head
                exclude = {t for t in subtree_ids(subject) if t > pronoun} | (
                    subtree_ids(relcl) - {pronoun}
                )
            else:
                aside = _aside_clauses(subject) | (exclude or set())
                exclude = aside
            source_span = _subtree_span(doc, subject, exclude)
            if source_span.start_char < lo or source_span.end_char > hi:
                clipped = _clip(doc, (source_span.start_char, source_span.end_char), lo, hi)
                piece = doc.char_span(*clipped) if clipped is not None else None
                if piece is None:
                    continue
                source_span = piece
            twin = doc[source_span.end] if source_span.end < len(doc) else None
            if (
                twin is not None
                and twin.head.i == token.i
                and twin.dep_ == subject.dep_
                and twin.pos_ == "PROPN"
            ):
                # "the newspaper Clarion reported": the parser makes two subjects.
                source_span = doc[source_span.start : _subtree_span(doc, twin).end]
            src = trimmed(source_span)
            if src is None:
                continue
            # A clause-final source must not swallow the reported clause; an interrupting
            # "This campaign, he says, is different" keeps the clause around it whole.
            interrupts = (
                token.dep_ == "parataxis"
                and content[0] < src[0]
                and _subtree_span(doc, token).end_char < content[1]
            )
            if not interrupts and (
                src[0] <= content[0] < src[1] or content[0] <= src[0] < content[1]
            ):
                continue
            # "Two officials, speaking on condition of anonymity, said": the aside is no
            # part of the name, but says what kind of source speaks.
            anonymous = bool(aside) and bool(
                _ANONYMOUS.search(
                    _text(doc, (doc[min(aside)].idx, _subtree_span(doc, doc[max(aside)]).end_char))
                )
            )
            found.append(
                _Candidate(
                    "indirect",
                    src,
                    self._cue_span(token, prep),
                    content,
                    _named_pieces(doc, source_span),
                    token.i,
                    anonymous=anonymous,
                )
            )
        return found

    @staticmethod
    def _subject(verb: Token) -> tuple[Token | None, set[int] | None]:
        """The verb's subject; for a participle or a coordinated verb without one, the
        subject of the clause it belongs to ("…, saying that …", "X rushed in and said …");
        for "the group backing X", the noun the participle modifies."""
        current = verb
        gerund = False
        for _ in range(4):
            if any(c.dep_ == "nsubjpass" for c in current.children):
                return None, None
            subjects = [c for c in current.children if c.dep_ == "nsubj"]
            if subjects:
                # "9:30 p.m. Trump says": a misparse can give a verb two subjects; the one
                # next to the verb speaks.
                before = [c for c in subjects if c.i < verb.i]
                after = [c for c in subjects if c.i > verb.i]
                if after and verb.i > 0 and verb.doc[verb.i - 1].text == ",":
                    return after[0], None  # "…, said the minister": an inverted subject
                if before:
                    return _participle_aside_subject(before[-1])
                # "By calling out X, Axelrod …": a gerund's subject is the main clause's.
                return (subjects[0], None) if current.i == verb.i or gerund else (None, None)
            head = current.head
            if head.i == current.i:
                return (_stranded_subject(verb), None) if current.i == verb.i else (None, None)
            if current.dep_ == "acl" and current.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN"):
                return head, subtree_ids(current)
            if current.dep_ == "pcomp" and current.tag_ == "VBG" and head.dep_ == "prep":
                # "X distanced himself by saying …", "X was keen on telling …": the speaker
                # of the clause the preposition belongs to.
                governor = head.head
                if governor.pos_ == "ADJ" and governor.dep_ == "acomp":
                    governor = governor.head
                if governor.pos_ in ("VERB", "AUX"):
                    current, gerund = governor, True
                    continue
            if current.dep_ not in ("advcl", "conj", "xcomp") or (
                current.dep_ == "advcl" and current.tag_ == "VBN"
            ):
                return None, None  # "Asked whether …, X said": X is asked, not asking
            current = head
        return None, None

    @staticmethod
    def _complement(
        doc: Doc, verb: Token, cue: AttributionCue
    ) -> tuple[tuple[int, int], Token | None] | None:
        """The content the cue verb governs, and the preposition that introduces it."""
        cls = cue.cls
        comps = [c for c in verb.children if c.dep_ == "ccomp"]
        if not comps and cls in ("speech", "cognition", "intention", "stance", "judgment"):
            # "X urged Y to resign", "X wants to run": an infinitival complement; "X proposed
            # banning …", "X reported raising …": a gerund one.
            comps = [
                c
                for c in verb.children
                if c.dep_ == "xcomp" and (_infinitive(c) or (c.tag_ == "VBG" and c.i > verb.i))
            ]
        if not comps and cls in ("speech", "cognition"):
            found = _clause_after_adjunct(doc, verb)
            if found is not None:
                return found, None
        if comps and cls != "naming":
            # One side of the verb: a misparse can hang a headline before the source on
            # the verb as a second complement.
            after = [c for c in comps if c.i > verb.i]
            side = after or comps
            toks = [t for comp in side for t in subtree(comp) if (t.i > verb.i) == bool(after)]
            found = trimmed(toks)
            return (found, None) if found is not None else None
        if verb.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ == "as" for c in verb.children
        ):
            # "As the Post reported, X …", "X …, as the Post reported": the main clause.
            head, outside = verb.head, subtree_ids(verb)
            found = trimmed(
                t
                for t in subtree(head)
                if t.i not in outside and (t.i > verb.i) == (head.i > verb.i)
            )
            return (found, None) if found is not None else None
        # "…, the minister said": the reported clause is the verb's governor; an
        # interrupting "she said," leaves the clause on both sides.
        if (
            cls in ("speech", "cognition")
            and verb.dep_ in ("parataxis", "ccomp", "advcl")
            and (verb.i > verb.head.i or verb.dep_ == "parataxis")
            and not (verb.dep_ == "advcl" and verb.tag_ == "VBG")  # "X said, recalling Y"
        ):
            head = verb.head
            outside = subtree_ids(verb)
            lo, hi = sorted((head.i, verb.i))
            if any(t.text == "," or t.text in QUOTE_CHARS for t in doc[lo : hi + 1]):
                keep = [
                    t
                    for t in subtree(head)
                    if t.i not in outside and (t.i < verb.i or verb.dep_ == "parataxis")
                ]
                found = trimmed(keep)
                return (found, None) if found is not None else None
        for child in verb.children:
            marks = [m for m in child.children if m.dep_ == "mark" and m.lower_ in cue.preps]
            if child.dep_ == "advcl" and child.i > verb.i and marks and marks[0].i == verb.i + 1:
                # "X called for the army to withdraw": the parser makes "for" a clause mark.
                found = trimmed(t for t in subtree(child) if t.i != marks[0].i)
                return (found, marks[0]) if found is not None else None
        if cls == "naming" and not any(c.dep_ == "dobj" for c in verb.children):
            # "called Clinton, his rival, an ISIS co-founder": the parser may make the named
            # object and its name two predicatives.
            named = [c for c in verb.children if c.i > verb.i and c.dep_ in ("oprd", "dative")]
            long_name = bool(named) and named[0].dep_ == "oprd" and len(subtree(named[0])) > 2
            if len(named) >= 2 or long_name:
                toks = [t for c in named for t in subtree(c)]
                found = trimmed(doc[min(t.i for t in toks) : max(t.i for t in toks) + 1])
                return (found, None) if found is not None else None
        objects = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i > verb.i]
        obj = next((c for c in objects if c.dep_ == "dobj"), None)
        if (
            obj is not None
            and cls == "naming"
            and not any(
                c.i > obj.i
                and (
                    c.dep_ in ("oprd", "ccomp", "xcomp", "attr", "acomp")
                    or (c.dep_ == "prep" and c.lower_ in cue.preps)
                )
                for c in verb.children
            )
        ):
            obj = None  # "painted the hull": naming needs what the object is called
        if (obj is not None and cls != "speech") or (
            obj is not None
            and obj.lemma_.lower() not in _PRONOUNS
            and (len(subtree(obj)) >= 2 or obj.pos_ == "PROPN")
        ):
            assert obj is not None
            # The object and what is said of it: "called him a liar", "blamed X for Y".
            last = max(t.i for t in subtree(obj))
            for child in verb.children:
                if child.i > obj.i and (
                    child.dep_ in ("oprd", "ccomp", "xcomp", "attr", "acomp")
                    or (child.dep_ == "prep" and child.lower_ in cue.preps)
                ):
                    last = max(last, max(t.i for t in subtree(child)))
            first = min(t.i for t in subtree(obj))
            found = trimmed(doc[first : last + 1])
            return (found, None) if found is not None else None
        for child in verb.children:
            if child.dep_ in ("prep", "prt") and child.lower_ in cue.preps and child.i > verb.i:
                objs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if child.dep_ == "prt":
                    # "spoke out against X": the particle, then the preposition.
                    continue
                if objs and objs[0].ent_type_ not in _SETTING_ENTITIES:
                    found = trimmed(subtree(objs[0]))
                    return (found, child) if found is not None else None
        if cls in ("speech", "cognition"):
            found = _clause_before(doc, verb)
            if found is not None:
                return found, None
        if cls == "speech" and verb.i + 1 < len(doc) and doc[verb.i + 1].lower_ == "that":
            # A misparsed "said that …": the rest of the sentence.
            found = trimmed(doc[verb.i + 1 : verb.sent.end])
            return (found, None) if found is not None else None
        return None

    @staticmethod
    def _cue_span(verb: Token, prep: Token | None = None) -> tuple[int, int]:
        start = verb.idx
        left = sorted(
            (
                c
                for c in verb.children
                if c.i < verb.i
                and (
                    c.dep_ in ("aux", "auxpass", "neg")
                    or (c.dep_ == "advmod" and c.lower_ in _CUE_ADVERBS)
                )
            ),
            key=lambda c: -c.i,
        )
        edge = verb.i
        for child in left:
            if child.i == edge - 1:
                edge = child.i
                start = child.idx
        end = verb.idx + len(verb.text)
        for child in verb.children:
            if child.dep_ == "prt" and child.i == verb.i + 1:
                end = child.idx + len(child.text)
        if prep is not None and prep.i <= verb.i + 2:
            end = prep.idx + len(prep.text)
        return start, end

    # --- direct quotes -------------------------------------------------------------------

    def _direct_quotes(self, doc: Doc, candidates: list[_Candidate]) -> list[_Candidate]:
        text = text_of(doc)
        # A short quotation ("“Absolutely,” he said") only with a speaker right after it: a
        # word or two in quotation marks is more often a term the writer holds at a distance.
        regions = [
            (q, short)
            for q in _quotation_regions(text)
            for short in [q.words(text) < _MIN_DIRECT_WORDS and not (q.run_on or q.continues)]
            if not short or _SHORT_QUOTE.search(text[q.start : q.end])
        ]
        by_cue = {c.cue_token: c for c in candidates if c.kind == "indirect"}
        starts: list[int] = doc.to_array(IDX).tolist() if regions else []
        previous: _Candidate | None = None
        previous_end = -1
        left_open = -1  # the end of the run-on quotation the previous speaker's quote ends with
        absorbed: list[_Candidate] = []
        for region, short in regions:
            start, end = region.start, region.end
            if region.continues and previous is not None and left_open == previous_end:
                own = self._speaker_of(doc, start, end, by_cue, starts)
                if (
                    own is None or own is previous or _same_speaker(text, own, previous)
                ) and not _TRANSCRIPT_TURN.match(text, start + 1):
                    # The paragraph goes on with the quotation the previous one left open:
                    # the same speaker's, whatever "she said" it carries again.
                    previous.extend(start, end)
                    previous_end = end
                    left_open = end if region.run_on else -1
                    absorbed += [
                        c
                        for c in by_cue.values()
                        if c is not previous and start <= c.content[0] and c.content[1] <= end + 1
                    ]
                    continue
            left_open = end if region.run_on else -1
            if short:
                # '"We are ready," the minister told reporters': the verb's clause is the
                # quotation itself, so that attribution is a direct quote.
                cand = next(
                    (
                        c
                        for c in by_cue.values()
                        if self._touches(c.content, start, end) and c.cue and c.cue[0] >= end
                    ),
                    None,
                ) or self._speaker_after(doc, start, end, starts)
                if cand is None:
                    continue
                known = by_cue.get(cand.cue_token)
                if known is None:
                    candidates.append(cand)
                    by_cue[cand.cue_token] = cand
                elif self._touches(known.content, start, end):
                    known.kind = "direct"
                    known.extend(start, end)
                    cand = known
                previous, previous_end = cand, end
                continue
            cand = self._speaker_of(doc, start, end, by_cue, starts)
            if cand is not None:
                cand.kind = "direct"
                if self._touches(cand.content, start, end):
                    cand.extend(start, end)
                else:
                    cand.content, cand.parts = (start, end), []
                known = by_cue.get(cand.cue_token)
                if known is None:
                    candidates.append(cand)
                    by_cue[cand.cue_token] = cand
                elif known is not cand:
                    # Another quotation of the same speaker and verb: one discontinuous quote.
                    known.kind = "direct"
                    known.extend(start, end)
                    cand = known
                previous, previous_end = cand, end
                continue
            # A quotation right after the previous speaker's, in the same paragraph, goes on.
            if previous is not None and "\n" not in text[previous_end:start]:
                previous.extend(start, end)
                previous_end = end
        return [c for c in candidates if not any(c is a for a in absorbed)]

    @staticmethod
    def _touches(span: tuple[int, int], start: int, end: int) -> bool:
        return span[0] < end and start < span[1]

    def _speaker_of(
        self, doc: Doc, start: int, end: int, by_cue: dict[int, _Candidate], starts: list[int]
    ) -> _Candidate | None:
        """A reporting verb just after or before a quotation, with its subject."""
        for cand in by_cue.values():
            if self._touches(cand.content, start, end) and not (start <= cand.source[0] < end):
                return cand
        # Six tokens either side, found by offset (no Span built over the text), after the
        # verb that governs the quotation in the parse ("“…,” Trump, the frontrunner in
        # the polls after …, said").
        first_after = bisect.bisect_left(starts, end)
        first_inside = bisect.bisect_left(starts, start)
        # The parser may hang a paragraph's last quotation on the next paragraph's verb; a
        # speaker is never across a line break from the words quoted.
        text = text_of(doc)
        governors = [
            doc[k].head
            for k in range(first_inside, first_after)
            if not start <= doc[k].head.idx < end
            and "\n" not in text[min(doc[k].head.idx, end) : max(doc[k].head.idx, start)]
        ]
        # "X told his audience, to applause: “…”": the verb the colon before it hangs on.
        colon = first_inside - 1
        while colon >= 0 and doc[colon].is_space:
            colon -= 1
        introduced: Token | None = None
        if colon >= 0 and doc[colon].text == ":" and doc[colon].head.i < colon:
            introduced = doc[colon].head
            governors.insert(0, introduced)
        windows: list[Iterable[Token]] = [
            (
                g
                for g in governors[:1]
                if g.i < first_inside or g.sent.start <= doc[first_inside].i < g.sent.end
            ),
            (doc[k] for k in range(first_after, min(len(doc), first_after + 6))),
            (doc[k] for k in range(first_inside - 1, max(-1, first_inside - 7), -1)),
        ]
        for window in windows:
            for token in window:
                if "\n" in text[min(token.idx, end) : max(token.idx, start)] and not (
                    token is introduced and not text[doc[colon].idx + 1 : start].strip()
                ):
                    break  # another paragraph, unless "X said:" ends the one before
                if (
                    token.is_sent_start
                    and token.idx >= end
                    and not token.is_lower
                    and not self._says_the_quotation(doc, token, end)
                ):
                    break  # a lower-case "she continued" after ,” is no new sentence
                found = self._quoting_verb(doc, token, start, end)
                if found is not None:
                    return found
        return None

    def _speaker_after(
        self, doc: Doc, start: int, end: int, starts: list[int]
    ) -> _Candidate | None:
        """The speaker of a short quotation: "“Absolutely,” he said", "“No!” said X"."""
        first_after = bisect.bisect_left(starts, end)
        for k in range(first_after, min(len(doc), first_after + 3)):
            found = self._quoting_verb(doc, doc[k], start, end)
            if found is not None:
                found.kind = "direct"
                return found
        return None

    @staticmethod
    def _says_the_quotation(doc: Doc, first: Token, end: int) -> bool:
        """The sentence right after a quotation is only "X said." / "X told reporters on
        Monday.": a speech verb with nothing said of its own, so it says the quotation."""
        text = text_of(doc)
        if text[end : first.idx].strip() or "\n" in text[end : first.idx]:
            return False
        root = first.sent.root
        cue = _verb_cue(root)
        return (
            root.pos_ == "VERB"
            and (root.lemma_.lower() in speech_verbs() or (cue is not None and cue.cls == "speech"))
            and any(c.dep_ == "nsubj" and c.i < root.i for c in root.children)
            and not any(
                c.dep_ in ("ccomp", "xcomp", "conj") or (c.dep_ == "punct" and c.text == ":")
                for c in root.children
            )
        )

    def _quoting_verb(self, doc: Doc, token: Token, start: int, end: int) -> _Candidate | None:
        """A speech verb with its subject, as the speaker of the quotation."""
        cue = _verb_cue(token)
        if token.pos_ not in ("VERB", "AUX") or not (
            token.lemma_.lower() in speech_verbs()
            or (cue is not None and cue.cls in ("quoting", "speech"))
        ):
            return None
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            # "…," said the minister: the subject follows, often as dobj/attr.
            subject = next(
                (c for c in token.children if c.i > token.i and c.dep_ in
                 ("dobj", "attr", "npadvmod", "nsubj")),
                None,
            )  # fmt: skip
        if subject is None:
            return None
        span = _subtree_span(doc, subject)
        src = trimmed(span)
        if src is None or (start <= src[0] < end) or (src[0] < start and src[1] > end):
            return None
        return _Candidate(
            "direct",
            src,
            self._cue_span(token),
            (start, end),
            [(p.start_char, p.end_char, span_root(p)) for p in _conjuncts(doc, span)],
            token.i,
        )

    @staticmethod
    def _without_nested(
        candidates: list[_Candidate], quotations: list[tuple[int, int]]
    ) -> list[_Candidate]:
        """Drop reported speech nested in another attribution's content, and duplicates.

        Each token belongs to one attribution: "X said that Y thinks Z" is X's claim, and
        "I think …" inside a quotation belongs to whoever is quoted, found or not.
        """
        kept: list[_Candidate] = []
        for cand in sorted(candidates, key=lambda c: -(c.content[1] - c.content[0])):
            cue = cand.cue or cand.source
            if any(
                o.content[0] <= cue[0] < o.content[1] and o.host != cand.cue_token for o in kept
            ):
                continue
            if cand.kind != "direct" and any(s < cue[0] < e for s, e in quotations):
                continue
            if any(o.cue == cand.cue and o.content == cand.content for o in kept):
                continue
            kept.append(cand)
        return sorted(kept, key=lambda c: c.content[0])


@Language.factory(
    "storyline_attribution",
    requires=["doc._.sl_entities", "token.dep"],
    assigns=["doc._.sl_sources", "doc._.sl_quotes"],
)
def make_attribution(nlp: Language, name: str) -> AttributionStage:
    return AttributionStage()
