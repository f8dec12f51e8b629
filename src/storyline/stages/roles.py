"""The roles stage: titles and appositions give people roles and countries.

Four constructions name a person's office (titles from ``titles.tsv``):

* a title right before the name: "President Ana Ruiz", "the Chilean mining minister Ruiz";
* a title phrase in apposition before the name: "the director of the Port Authority, Ana
  Ruiz" (also "the Peruvian leader's plane, Ana Ruiz" as translated news writes it);
* a title phrase in apposition after the name: "Ana Ruiz, secretary for Trade of the Council";
* a copula: "Ruiz is the chief negotiator".

Coordinated titles are distributed in order: "the Ministers of Trade and Labour, A and B"
gives A "trade minister" and B "labour minister", never both to both; when the counts differ
each gets only the bare title.  The role ends before "of <organisation>" when a "for"
portfolio precedes it ("secretary for trade", the organisation is the affiliation), and keeps
"of …" otherwise ("director of the port authority").

Countries come from a demonym in the title phrase ("the Chilean minister" → CL), a possessive
or "of" country ("Chile's president", "president of Chile"), the title's organisation when it
has a country, the entourage of a person with a country ("A is accompanied by B and C", later
"also in the delegation is D"), and go from a member to the organisation it holds office in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..doc import EntityRecord
from ._names import (
    HYPHENS,
    PLACE_LABELS,
    honorifics,
    is_demonym_tokens,
    match_title,
    singular,
)
from ._people import resolve_short_mention

__all__ = ["RolesStage", "assign_roles"]

_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
# Prepositions a title phrase may continue with ("director of", "secretary for").
_TITLE_PREPS = frozenset({"of", "for", "at", "to", "in", "on"})
_COORD = frozenset({"and", "&"})
_COPULAS = frozenset({"be", "become", "remain"})
_ENTOURAGE_CUES = (
    ("accompanied", "by"),
    ("joined", "by"),
    ("flanked", "by"),
    ("escorted", "by"),
    ("travelling", "with"),
    ("traveling", "with"),
    ("travels", "with"),
    ("travel", "with"),
    ("travelled", "with"),
    ("traveled", "with"),
    ("together", "with"),
    ("along", "with"),
)
_ENTOURAGE_FIRST = frozenset(first for first, _ in _ENTOURAGE_CUES)
_GROUP_NOUNS = frozenset({"delegation", "entourage", "retinue", "convoy", "motorcade"})
_MAX_NP = 14


@dataclass(slots=True)
class _Role:
    words: list[str]  # role for each person, in order (distributed), or one for all
    country: str | None = None
    org: EntityRecord | None = None
    length: int = 0  # tokens of a title written right before the name


@dataclass(slots=True)
class _Index:
    """Who is mentioned where: token index → (record, mention span)."""

    starts: dict[int, tuple[EntityRecord, Span]] = field(default_factory=dict)
    tokens: dict[int, EntityRecord] = field(default_factory=dict)


def _index(doc: Doc, records: list[EntityRecord]) -> _Index:
    index = _Index()
    for rec in records:
        for s, e in rec.mentions:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            index.starts[span.start] = (rec, span)
            for i in range(span.start, span.end):
                index.tokens[i] = rec
    return index


def _role_text(tokens: list[Token]) -> str:
    out = ""
    for t in tokens:
        if t.text not in _POSSESSIVE:
            out += t.text.lower()
        out += t.whitespace_ and " "
    return " ".join(out.split()).replace("’", "'")


def _country_of(rec: EntityRecord) -> str | None:
    if rec.country:
        return rec.country
    if rec.label == "GPE":
        from storyline.resources.countries import country_code

        return country_code(rec.name)
    return None


def _title_np(
    doc: Doc, start: int, end: int, index: _Index, *, possessive_ok: bool
) -> _Role | None:
    """Read the title phrase in tokens ``[start, end)``: its role(s) and country."""
    country: str | None = None
    i = start
    # Determiners, demonyms, possessors ("Chile's"), honorific-free lead-in.
    lead = i
    while i < end:
        token = doc[i]
        if token.lower_ in _DETERMINERS:
            i += 1
            lead = i
            continue
        code = None
        for n in (2, 1):
            if i + n <= end and doc[i + n - 1].text not in _POSSESSIVE:
                code = is_demonym_tokens(doc[i : i + n])
                if code is not None:
                    i += n
                    break
        if code is not None:
            country = code or country
            lead = i
            continue
        rec = index.tokens.get(i)
        if rec is not None and rec.label in PLACE_LABELS | {"ORG"}:
            j = i
            while j < end and index.tokens.get(j) is rec:
                j += 1
            if j < end and doc[j].text in _POSSESSIVE:
                country = _country_of(rec) or country
                i = j + 1
                lead = i
                continue
        break
    # The title head: the last title before the first preposition after a title.
    head: tuple[int, int] | None = None
    possessor: tuple[int, int, int] | None = None  # (lead, head start, head end) before 's
    k = i
    while k < end:
        n = match_title(doc, k, end)
        if n:
            head = (k, k + n)
            k += n
            continue
        token = doc[k]
        if token.text in _POSSESSIVE:
            # "the president's spokesman": the title after the possessive is the role; the
            # one before it only when nothing else follows ("the leader's train, X").
            if head is not None and head[1] == k:
                possessor = (lead, head[0], head[1])
            head, lead = None, k + 1
            k += 1
            continue
        if head is not None and token.lower_ in _TITLE_PREPS:
            break
        if not (token.is_alpha or token.text in HYPHENS) or token.pos_ in ("VERB", "AUX"):
            return None
        k += 1
    if head is None:
        if possessor is None or not possessive_ok or possessor[1] - possessor[0] > 3:
            return None
        return _Role([_role_text(list(doc[possessor[0] : possessor[2]]))], country)
    if head[0] - lead > 3:
        return None
    tail = head[1]
    modifiers = list(doc[lead : head[0]])
    title = list(doc[head[0] : head[1]])
    plural = singular(title[-1].text) != title[-1].lower_
    # The phrase after the title: "of Trade and Labour", "for Trade of the Council".
    pp = list(doc[tail:end])
    org: EntityRecord | None = None
    cut = len(pp)
    seen_for = False
    for n, token in enumerate(pp):
        if token.lower_ == "for":
            seen_for = True
        rec = index.tokens.get(tail + n)
        if rec is not None and rec.label in ("ORG", "GPE") and org is None:
            org = rec
            code = _country_of(rec)
            country = country or code
            if seen_for and n > 0 and pp[n - 1].lower_ in ("of", "the"):
                # "secretary for Trade of the Council": the council is the affiliation.
                back = n - 1
                while back > 0 and pp[back].lower_ in ("of", "the"):
                    back -= 1
                cut = min(cut, back + 1)
    pp = pp[:cut]
    base = [*modifiers, *title]
    if plural:
        return _Role(_distribute(modifiers, title, pp), country, org)
    return _Role([_role_text([*base, *pp])], country, org)


def _distribute(modifiers: list[Token], title: list[Token], pp: list[Token]) -> list[str]:
    """Roles for a plural title, one per coordinated field, in order."""
    head = " ".join([*(t.lower_ for t in title[:-1]), singular(title[-1].text)])
    if pp and pp[0].lower_ in ("of", "for"):
        fields = _coordinated(pp[1:])
        if len(fields) > 1:
            return [f"{f} {head}" for f in fields]
    fields = _coordinated(modifiers)
    if len(fields) > 1:
        return [f"{f} {head}" for f in fields]
    return [head]


def _coordinated(tokens: list[Token]) -> list[str]:
    fields: list[list[str]] = [[]]
    for t in tokens:
        if t.lower_ in _COORD or t.text == ",":
            if fields[-1]:
                fields.append([])
            continue
        if t.lower_ in _DETERMINERS:
            continue
        fields[-1].append(t.lower_)
    return [" ".join(f) for f in fields if f]


def _names_from(doc: Doc, i: int, index: _Index) -> list[tuple[EntityRecord, Span]]:
    """Coordinated person names starting at token ``i`` ("A and B", "A, B and C")."""
    out: list[tuple[EntityRecord, Span]] = []
    while i < len(doc):
        hit = index.starts.get(i)
        if hit is None or hit[0].label != "PERSON":
            break
        out.append(hit)
        j = hit[1].end
        if j + 1 < len(doc) and doc[j].text == "," and doc[j + 1].lower_ in _COORD:
            j += 1
        if j < len(doc) and (doc[j].lower_ in _COORD or doc[j].text == ","):
            i = j + 1
            continue
        break
    return out


def _np_start_before(doc: Doc, end: int) -> int:
    """Where the noun phrase that ends at ``end`` (exclusive) begins."""
    sent_start = doc[end - 1].sent.start if end > 0 else 0
    i = end - 1
    while i >= sent_start and end - i <= _MAX_NP:
        token = doc[i]
        if token.text == "," or token.is_space or token.is_quote or token.text in "();:":
            break
        # A participle inside the phrase ("the newly appointed envoy") belongs to it; one
        # before an article governs it ("met the minister").
        if token.pos_ in ("VERB", "AUX") and (
            token.tag_ != "VBN" or doc[i + 1].lower_ in _DETERMINERS
        ):
            break
        if token.pos_ in ("ADP", "SCONJ") and token.lower_ not in _TITLE_PREPS:
            break
        if token.pos_ == "PRON":
            break
        # ", and the head of …": a conjunction after a comma or before an article starts a
        # new phrase; inside one it coordinates fields ("of Trade and Labour").
        if token.pos_ == "CCONJ" and (
            doc[i - 1].text == "," or doc[i + 1].lower_ in _DETERMINERS
        ):
            break
        i -= 1
    return i + 1


def _np_end_after(doc: Doc, start: int) -> int:
    """Where the apposition that begins at ``start`` ends (a comma, a clause, the sentence)."""
    sent_end = doc[start].sent.end if start < len(doc) else len(doc)
    i = start
    while i < sent_end and i - start <= _MAX_NP:
        token = doc[i]
        if token.text in (",", ".", ";", ":", "(", ")") or token.is_quote or token.is_space:
            break
        if token.lower_ in ("who", "which", "that", "whose", "whom"):
            break
        if token.pos_ in ("VERB", "AUX") and i > start:
            break
        i += 1
    return i


@dataclass(slots=True)
class _Assignments:
    roles: dict[int, list[str]] = field(default_factory=dict)  # id(record) → roles
    countries: dict[int, str] = field(default_factory=dict)
    orgs: list[tuple[EntityRecord, EntityRecord]] = field(default_factory=list)

    def give(self, rec: EntityRecord, role: str, country: str | None) -> None:
        if role:
            self.roles.setdefault(id(rec), []).append(role)
        if country and id(rec) not in self.countries:
            self.countries[id(rec)] = country


def _apply(role: _Role, people: list[tuple[EntityRecord, Span]], out: _Assignments) -> None:
    if len(role.words) > 1 and len(role.words) != len(people):
        # Counts differ: no field can be given safely; everyone gets the bare title.
        words = [role.words[0].split()[-1]] * len(people)
    elif len(role.words) == 1:
        words = role.words * len(people)
    else:
        words = role.words
    for (rec, _), word in zip(people, words, strict=True):
        out.give(rec, word, role.country)
        if role.org is not None:
            out.orgs.append((rec, role.org))


def _pre_title(doc: Doc, span: Span, index: _Index) -> _Role | None:
    """"President Ana Ruiz", "the Chilean mining minister Ruiz"."""
    end = span.start
    i = end - 1
    while i >= 0 and end - i <= 6:
        token = doc[i]
        if not (token.is_alpha or token.text in _POSSESSIVE or token.text in HYPHENS):
            break
        if token.text in HYPHENS and (token.whitespace_ or (i > 0 and doc[i - 1].whitespace_)):
            break  # a dash between phrases ("HELSINKI - Finnish ..."), not "secretary-general"
        if token.lower_ in _DETERMINERS or token.pos_ in (
            "VERB", "AUX", "ADP", "PRON", "CCONJ", "SCONJ", "NUM"
        ) or token.lower_ in _COORD:
            break
        if index.tokens.get(i) is not None and index.tokens[i].label == "PERSON":
            break
        i -= 1
    start = i + 1
    if start >= end:
        return None
    # The word right before the name must end a title ("Minister", not "Minister's aide").
    last = doc[end - 1]
    if last.text.lower().rstrip(".") in honorifics():
        end -= 1
        if start >= end:
            return None
    if not any(match_title(doc, k, end) == end - k for k in range(start, end)):
        return None
    role = _title_np(doc, start, end, index, possessive_ok=False)
    if role is not None:
        role.length = span.start - start
    return role


def _counterpart_country(doc: Doc, start: int) -> str | None:
    """"his Chilean counterpart, Minister Ana Ruiz": a demonym in the phrase apposed before
    a titled name gives the name's country."""
    if start < 2 or doc[start - 1].text != ",":
        return None
    np_start = _np_start_before(doc, start - 1)
    for k in range(np_start, start - 1):
        for n in (2, 1):
            if k + n <= start - 1:
                code = is_demonym_tokens(doc[k : k + n])
                if code:
                    return code
    return None


def _counterpart(doc: Doc, start: int, rec: EntityRecord, index: _Index, out: _Assignments) -> None:
    """ "met his Nigerien counterpart, Moussa Garba": the name holds the office of the person
    whose counterpart he is (the possessor, or the clause's subject for "his"/"her"), in the
    country of the demonym."""
    head = doc[start - 2]
    if head.lemma_.lower() != "counterpart" or _pre_title(doc, doc[start : start + 1], index):
        return
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is not None and owner.pos_ == "PRON":
        verb = head.head
        owner = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if owner is None and verb.dep_ == "conj":  # "X flew to Y and met his counterpart"
            owner = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    other = index.tokens.get(owner.i) if owner is not None else None
    country = _counterpart_country(doc, start)
    if country:
        out.countries.setdefault(id(rec), country)
    if other is None or other is rec or other.label != "PERSON":
        return
    # The other's roles so far: those read in this pass are applied at its end.
    roles = other.roles or out.roles.get(id(other), [])
    if roles and roles[0] not in out.roles.get(id(rec), []):
        out.roles.setdefault(id(rec), []).append(roles[0])


def assign_roles(doc: Doc, records: list[EntityRecord]) -> None:
    """Add roles and countries to the PERSON records (and countries to their organisations)."""
    index = _index(doc, records)
    out = _Assignments()
    for start in sorted(index.starts):
        rec, span = index.starts[start]
        if rec.label != "PERSON":
            continue
        role = _pre_title(doc, span, index)
        if role is not None:
            if role.country is None:
                role.country = _counterpart_country(doc, span.start - role.length)
            _apply(role, [(rec, span)], out)
        # "…, A and B" after a title phrase: only the first name of a coordination starts it.
        if start >= 2 and doc[start - 1].text == ",":
            np_start = _np_start_before(doc, start - 1)
            if np_start < start - 1:
                role = _title_np(doc, np_start, start - 1, index, possessive_ok=True)
                if role is not None:
                    _apply(role, _names_from(doc, start, index), out)
        if start >= 2 and doc[start - 1].text == ",":
            _counterpart(doc, start, rec, index, out)
        # "A, the trade minister, …" / "A, secretary for …"; an age between them is skipped
        # ("A, 61, chief executive of …").
        after = span.end
        if (
            after + 3 < len(doc)
            and doc[after].text == ","
            and doc[after + 1].like_num
            and doc[after + 2].text == ","
        ):
            after += 2
        if after + 1 < len(doc) and doc[after].text == "," and doc[after + 1].pos_ != "CCONJ":
            np_end = _np_end_after(doc, after + 1)
            role = _title_np(doc, after + 1, np_end, index, possessive_ok=False)
            if role is not None:
                _apply(role, [(rec, span)], out)
        # "A is the chief negotiator".
        if after < len(doc) and doc[after].lemma_ in _COPULAS and doc[after].pos_ == "AUX":
            np_end = _np_end_after(doc, after + 1)
            role = _title_np(doc, after + 1, np_end, index, possessive_ok=False)
            if role is not None and doc[after + 1].lower_ in _DETERMINERS:
                _apply(role, [(rec, span)], out)
    for rec in records:
        for role_text in out.roles.get(id(rec), []):
            if role_text not in rec.roles:
                rec.roles.append(role_text)
        if rec.country is None and id(rec) in out.countries:
            rec.country = out.countries[id(rec)]
    _entourage(doc, records, index)
    _org_countries(doc, records, index)
    for person, org in out.orgs:
        if org.country is None and person.country and org.label == "ORG":
            org.country = person.country


def _country_with_coref(records: list[EntityRecord], rec: EntityRecord, span: Span) -> str | None:
    if rec.country:
        return rec.country
    full = resolve_short_mention(records, rec.name, (span.start_char, span.end_char))
    return full.country if full is not None else None


def _entourage(doc: Doc, records: list[EntityRecord], index: _Index) -> None:
    """People travelling with a person of known country share it; so does "the delegation"."""
    group_country: str | None = None
    # Lower-case words read once: iterating sentences would build every Token again.
    lowers = [t.lower_ for t in doc]
    for sent in doc.sents:
        cue_at = None
        for i in range(sent.start, sent.end):
            if lowers[i] not in _ENTOURAGE_FIRST:
                continue
            for first, second in _ENTOURAGE_CUES:
                if lowers[i] == first and i + 1 < sent.end and lowers[i + 1] == second:
                    cue_at = i
                    break
            if cue_at is not None:
                break
        people = [
            (index.starts[i][0], index.starts[i][1])
            for i in range(sent.start, sent.end)
            if i in index.starts and index.starts[i][0].label == "PERSON"
        ]
        if cue_at is not None:
            leaders = [(r, s) for r, s in people if s.end <= cue_at]
            if leaders:
                rec, span = leaders[-1]
                group_country = _country_with_coref(records, rec, span)
            if group_country:
                for rec, span in people:
                    if span.start > cue_at and rec.country is None:
                        rec.country = group_country
            continue
        nouns = [
            doc[i]
            for i in range(sent.start, sent.end)
            if lowers[i] in _GROUP_NOUNS and doc[i].pos_ == "NOUN"
        ]
        if not nouns:
            continue
        # "the Chilean delegation" names its own country; a bare one is the last group's.
        country = group_country
        for noun in nouns:
            lefts = [c.i for c in noun.lefts]
            for k in range(min(lefts, default=noun.i), noun.i):
                code = is_demonym_tokens(doc[k : min(k + 2, noun.i)]) or is_demonym_tokens(
                    doc[k : k + 1]
                )
                if code:
                    country = code
                    break
        if country:
            for rec, _ in people:
                if rec.country is None:
                    rec.country = country


_MAX_ORG_CLASS_WORDS = 3


def _org_countries(doc: Doc, records: list[EntityRecord], index: _Index) -> None:
    """ "Niger's state broadcaster ORTN", "the Estonian daily Postimees": a country's
    possessive or a demonym before the lower-case words that class an organisation gives
    the organisation its country."""
    from storyline.resources.countries import country_code

    for rec in records:
        if rec.label != "ORG" or rec.country is not None:
            continue
        for s, _ in rec.mentions:
            span = doc.char_span(s, s + 1, alignment_mode="expand")
            if span is None:
                continue
            k = span.start - 1
            while k >= 0 and span.start - k <= _MAX_ORG_CLASS_WORDS and doc[k].is_lower:
                if not doc[k].is_alpha or doc[k].pos_ not in ("NOUN", "ADJ"):
                    break
                k -= 1
            if k < 0:
                continue
            code = None
            if doc[k].text in _POSSESSIVE and k > 0:
                owner = index.tokens.get(k - 1)
                code = _country_of(owner) if owner is not None else country_code(doc[k - 1].text)
            elif k < span.start - 1:
                code = is_demonym_tokens(doc[k : k + 1]) or None
            if code:
                rec.country = code
                break


class RolesStage:
    def __call__(self, doc: Doc) -> Doc:
        assign_roles(doc, doc._.sl_entities)
        return doc


@Language.factory(
    "storyline_roles",
    requires=["doc._.sl_entities", "token.dep"],
    assigns=["doc._.sl_entities"],
)
def make_roles(nlp: Language, name: str) -> RolesStage:
    return RolesStage()
