"""The coref stage: in-document name coreference over the entity records.

* A one-word PERSON mention ("Ruiz", "Lee") joins the full-name person it stands for (see
  :mod:`._people`: family name first or last; with several candidates the most mentioned
  before it, then the most recent; a tie with none before it stays unmerged).
* A shorter full name whose words run through a longer one ("Ana Ruiz" in "Ana Maria Ruiz",
  same first and last word; or its end, "Suu Kyi") joins it when that longer name is the
  only such one.
* One name written with and without the hyphen or space of its given name ("Park
  Seong-min", "Park Seongmin") is one person.
* A one-word ORG mention that is the family name of exactly one person named in full before
  it joins that person (the tagger's label for a lone surname).
* Places named differently but standing for one country ("US", "United States") merge.
* A one-word name that ends one named event before it ("Dalisay" after "Typhoon Dalisay")
  joins it.
* A definite title phrase ("the finance minister", "the Chinese minister") is a mention of
  the one person named before it with that role.

The canonical name is the fullest form; every other form becomes an alias; roles and the
country are pooled (the full name's country wins a conflict).  Keys are renumbered in order
of first mention.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..doc import EntityRecord
from ._names import (
    is_demonym_tokens,
    is_org_word,
    match_title,
    name_key,
    singular,
    without_article,
)
from ._people import name_parts, resolve_short_mention

__all__ = ["CorefStage", "resolve_names"]


def _absorb(target: EntityRecord, other: EntityRecord) -> None:
    target.mentions.extend(m for m in other.mentions if m not in target.mentions)
    for alias in (other.name, *other.aliases):
        if alias != target.name and alias not in target.aliases:
            target.aliases.append(alias)
    for role in other.roles:
        if role not in target.roles:
            target.roles.append(role)
    target.country = target.country or other.country


def _merge_short_mentions(records: list[EntityRecord]) -> list[EntityRecord]:
    full = [r for r in records if r.label == "PERSON" and len(name_parts(r.name)) >= 2]
    out: list[EntityRecord] = []
    for rec in records:
        if rec.label != "PERSON" or len(name_parts(rec.name)) != 1 or not full:
            out.append(rec)
            continue
        left: list[tuple[int, int]] = []
        for mention in rec.mentions:
            target = resolve_short_mention(full, rec.name, mention)
            if target is None:
                left.append(mention)
                continue
            piece = EntityRecord(
                key=rec.key, name=rec.name, label=rec.label, mentions=[mention],
                aliases=list(rec.aliases), roles=list(rec.roles), country=rec.country,
            )  # fmt: skip
            _absorb(target, piece)
        if left:
            rec.mentions = left
            out.append(rec)
    return out


def _merge_mistyped_family_names(records: list[EntityRecord]) -> list[EntityRecord]:
    """A one-word ORG mention that is the family name of exactly one person named in full
    before it ("Mayor Janek Tamm … Tamm also wrote"): the tagger's ORG for a lone
    capitalised surname, which news uses for the person named earlier."""
    people = [r for r in records if r.label == "PERSON" and len(name_parts(r.name)) >= 2]
    out: list[EntityRecord] = []
    for rec in records:
        parts = name_parts(rec.name)
        words = rec.name.split()
        # One word, or a family name with its particles ("Van der Wal" of "Joost van der
        # Wal"): no organisation noun either way.
        if (
            rec.label != "ORG"
            or not parts
            or (len(parts) > 1 and words[1] not in _PARTICLE_WORDS)
            or (len(parts) == 1 and " " in rec.name)
            or any(is_org_word(w) for w in words)
        ):
            out.append(rec)
            continue
        left: list[tuple[int, int]] = []
        for mention in rec.mentions:
            targets = [
                p for p in people
                if _family_tail(name_parts(p.name), parts)
                and p.mentions and p.mentions[0] < mention
            ]  # fmt: skip
            if len(targets) != 1:
                left.append(mention)
                continue
            piece = EntityRecord(key=rec.key, name=rec.name, label="PERSON", mentions=[mention])
            _absorb(targets[0], piece)
        if left:
            rec.mentions = left
            out.append(rec)
    return out


def _merge_spelling_variants(records: list[EntityRecord]) -> list[EntityRecord]:
    """One person written with and without the hyphen or space of a romanised given name
    ("Park Seong-min", "Park Seongmin"): the same letters in the same order are one name."""
    first: dict[str, EntityRecord] = {}
    out: list[EntityRecord] = []
    for rec in records:
        compact = name_key(rec.name).replace(" ", "") if rec.label == "PERSON" else ""
        if len(name_parts(rec.name)) < 2 or not compact:
            out.append(rec)
            continue
        earlier = first.get(compact)
        if earlier is None:
            first[compact] = rec
            out.append(rec)
        else:
            _absorb(earlier, rec)
    return out


# Lower-case particles that may follow a capitalised first particle ("Van der Wal",
# "De la Fuente", "Van den Berg").
_PARTICLE_WORDS = frozenset({"der", "den", "de", "la", "las", "los", "del", "di", "da", "dos"})


def _family_tail(full: list[str], short: list[str]) -> bool:
    """``short`` ends the longer name ``full``: its family name, an Arabic article aside."""
    if len(short) == 1:
        return without_article(full[-1]) == without_article(short[0])
    return len(full) > len(short) and full[-len(short) :] == short


def _merge_partial_names(records: list[EntityRecord]) -> list[EntityRecord]:
    people = [r for r in records if r.label == "PERSON"]
    drop: set[int] = set()
    for rec in people:
        parts = name_parts(rec.name)
        if len(parts) < 2:
            continue
        longer = [
            o for o in people
            if o is not rec and id(o) not in drop and len(name_parts(o.name)) > len(parts)
            and _runs_through(parts, name_parts(o.name))
        ]  # fmt: skip
        if len(longer) == 1:
            _absorb(longer[0], rec)
            drop.add(id(rec))
    return [r for r in records if id(r) not in drop]


def _runs_through(short: list[str], long: list[str]) -> bool:
    """The short name ends the long one ("Suu Kyi" of "Aung San Suu Kyi"), or has its first
    and last word and the others in order ("Ana Ruiz" of "Ana Maria Ruiz")."""
    if long[len(long) - len(short) :] == short:
        return True
    if short[0] != long[0] or short[-1] != long[-1]:
        return False
    it = iter(long)
    return all(any(w == x for x in it) for w in short)


def _merge_event_names(records: list[EntityRecord]) -> list[EntityRecord]:
    """ "Dalisay" after "Typhoon Dalisay": a one-word name (whatever NER typed it) that is
    the last word of exactly one named event before it is that event."""
    events = [r for r in records if r.label == "EVENT" and len(name_parts(r.name)) >= 2]
    if not events:
        return records
    out: list[EntityRecord] = []
    for rec in records:
        parts = name_parts(rec.name)
        targets = [
            e for e in events
            if len(parts) == 1 and rec.label in ("PERSON", "ORG", "EVENT", "GPE")
            and name_parts(e.name)[-1] == parts[0] and e.mentions and rec.mentions
            and e.mentions[0] < rec.mentions[0]
        ]  # fmt: skip
        if len(targets) == 1:
            _absorb(targets[0], rec)
        else:
            out.append(rec)
    return out


def _merge_countries(records: list[EntityRecord]) -> list[EntityRecord]:
    from storyline.resources.countries import country_code

    by_code: dict[str, EntityRecord] = {}
    out: list[EntityRecord] = []
    for rec in records:
        code = country_code(rec.name) if rec.label == "GPE" else None
        if code is None:
            out.append(rec)
            continue
        first = by_code.get(code)
        if first is None:
            by_code[code] = rec
            out.append(rec)
            continue
        # Keep the fuller name as canonical ("United States" over "US").
        if len(rec.name) > len(first.name):
            first.aliases.append(first.name)
            first.name = rec.name
        _absorb(first, rec)
        first.country = first.country or code
    return out


def resolve_names(records: list[EntityRecord]) -> list[EntityRecord]:
    """Merge the records that name one entity; return them re-keyed in text order."""
    merged = _merge_partial_names(_merge_spelling_variants(records))
    merged = _merge_short_mentions(merged)
    merged = _merge_mistyped_family_names(merged)
    merged = _merge_countries(_merge_event_names(merged))
    for rec in merged:
        rec.mentions.sort()
        rec.aliases = [a for a in dict.fromkeys(rec.aliases) if a != rec.name]
    merged.sort(key=lambda r: r.mentions[0] if r.mentions else (0, 0))
    for n, rec in enumerate(merged, 1):
        rec.key = f"e{n}"
    return merged


def _title_mention(doc: Doc, i: int) -> tuple[int, int, str, str | None] | None:
    """ "the (Chinese) finance minister" at ``doc[i]`` ("the"): the tokens after the article,
    the singular title and the demonym's country; None when the phrase goes on ("the
    minister's aide", "the minister of X", "the minister Ana Ruiz") or names several."""
    j = i + 1
    country = None
    if j < len(doc) and (code := is_demonym_tokens([doc[j]])) is not None:
        country = code or None
        j += 1
    # Up to two lower-case field words before the title ("the finance minister").
    k = j
    while k < min(j + 3, len(doc)) and not match_title(doc, k):
        if not (doc[k].is_lower and doc[k].is_alpha):
            return None
        k += 1
    n = match_title(doc, k) if k < len(doc) else 0
    if not n:
        return None
    end = k + n
    last = doc[end - 1]
    if singular(last.text) != last.lower_ or not last.is_lower:
        return None  # "the ministers"; "the Minister" heads a name or a capitalised office
    nxt = doc[end] if end < len(doc) else None
    if nxt is not None and (
        nxt.lower_ in ("of", "for", "and", "or")
        or nxt.tag_ in ("NN", "NNS", "NNP", "NNPS", "POS")
        or (nxt.is_alpha and nxt.text[:1].isupper())
    ):
        return None
    title = " ".join(t.lower_ for t in doc[j:end])
    return i + 1, end, title, country


# Words that make another office of the title after them ("deputy prime minister" is not
# "the prime minister"; a "former minister" is no minister now).
_OTHER_OFFICE = frozenset({"deputy", "vice", "assistant", "under", "former", "ex", "acting"})


def _holds(role: str, title: str) -> bool:
    """The role is that title, perhaps with a field or place ("finance minister" holds
    "minister"), but not a deputy's or a former holder's."""
    words, want = role.split(), title.split()
    for k in range(len(words) - len(want) + 1):
        if words[k : k + len(want)] == want and (k == 0 or words[k - 1] not in _OTHER_OFFICE):
            return True
    return False


def _link_title_mentions(doc: Doc, records: list[EntityRecord]) -> None:
    """ "The finance minister said …" after "Finance Minister Omar Haddad": a definite title
    phrase joins the one person named before it whose role has that title (and, with a
    demonym, whose country is not another one)."""
    people = [r for r in records if r.label == "PERSON" and r.roles and r.mentions]
    if not people:
        return
    # A nationality word inside the phrase ("the Chinese minister") is no other entity.
    covered = {
        c for r in records if r.label != "NORP" for start, end in r.mentions
        for c in (start, end - 1)
    }  # fmt: skip
    for token in doc:
        if token.lower_ != "the":
            continue
        found = _title_mention(doc, token.i)
        if found is None:
            continue
        start, end, title, country = found
        span = doc[start:end]
        if any(span.start_char <= c < span.end_char for c in covered):
            continue
        targets = [
            r for r in people
            if r.mentions[0][0] < span.start_char
            and (country is None or r.country in (None, country))
            and any(_holds(role, title) for role in r.roles)
        ]  # fmt: skip
        if len(targets) == 1:
            targets[0].mentions.append((span.start_char, span.end_char))
            targets[0].mentions.sort()


class CorefStage:
    def __call__(self, doc: Doc) -> Doc:
        records: list[EntityRecord] = doc._.sl_entities
        records[:] = resolve_names(list(records))
        _link_title_mentions(doc, records)
        return doc


@Language.factory(
    "storyline_coref",
    requires=["doc._.sl_entities"],
    assigns=["doc._.sl_entities"],
)
def make_coref(nlp: Language, name: str) -> CorefStage:
    return CorefStage()
