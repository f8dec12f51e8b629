"""The entities stage: spaCy's named entities, corrected, grouped into entity records.

spaCy's small model makes mistakes of a few recurring kinds; each is fixed by a general rule:

* a span cut at a hyphen ("Lee Su-" of "Lee Su-min", "Franco" of "Franco-German") is widened
  to the whole compound, never kept truncated;
* a span that swallowed a title phrase ("the Ministers of X, Ana Ruiz"), two coordinated names
  ("Ana Ruiz and Li Wei") or a portfolio ("Finance of the Central Bank") is re-split;
* a title before a name ("President X") and a leading article are trimmed; a leading demonym
  ("the Chilean Ministry of Mining") gives the entity its country and an alias without it;
* the head noun decides landmarks ("the Harbour Bridge" is a FAC, "the Volga River" a LOC);
* a gazetteer-known place tagged PERSON or ORG becomes a place when the text or the gazetteer
  gives strong evidence (a preposition of place before it, a place noun after or in apposition,
  the same name tagged as a place elsewhere, or a large population);
* a name shaped like a person's ("Ri Son-gwon", or a capitalised pair in apposition to a title)
  tagged ORG becomes a PERSON;
* "Joint Planning Office (JPO)" links the acronym to its expansion, which becomes an entity
  even when spaCy missed it.

The corrected spans replace ``doc.ents`` (numeric entities are kept as they were) so later
stages see them, and one :class:`EntityRecord` per distinct name (``e1``, ``e2`` … in order of
first mention) goes to ``doc._.sl_entities``.  Surname-only mentions are left to ``coref``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..doc import EntityRecord, text_of
from ._cues import source_kind_words, speech_verbs
from ._names import (
    HYPHENS,
    PLACE_LABELS,
    Tokens,
    honorifics,
    hyphenated_name_at,
    is_demonym_tokens,
    is_org_word,
    match_title,
    name_key,
    paternal_surname,
    person_shape,
    place_noun_kind,
    singular,
    title_kind,
)
from ._syntax import dateline_span, indices_with_pos
from ._words import EnglishWords, english_words

if TYPE_CHECKING:
    from storyline.resources.gazetteer import Gazetteer

__all__ = ["EntitiesStage", "PlaceHint", "place_hint"]

NAMED_LABELS = frozenset(
    {
        "PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW",
        "LANGUAGE",
    }
)
# Labels whose spans may hide a title, a second name or a person (not places: "Paris, Texas").
_RESPLIT_LABELS = frozenset({"ORG", "PERSON", "NORP", "EVENT", "FAC", "PRODUCT", "WORK_OF_ART"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_COORD = frozenset({"and", "&"})
_PLACE_PREPOSITIONS = frozenset(
    {
        "to", "from", "in", "at", "near", "via", "into", "toward", "towards", "outside",
        "inside", "across", "through", "around", "reached", "reach", "visit", "visited",
    }
)  # fmt: skip
# Verbs whose object is where someone goes ("left Kyiv", "reached Tbilisi").
_MOTION_VERBS = frozenset(
    {"leave", "reach", "enter", "visit", "approach", "cross", "tour", "evacuate", "shell"}
)
# A populous place tagged PERSON/ORG with no context either way is still a place.
_POPULOUS = 500_000
# Given names are often villages somewhere; a town this large is not taken for one.
_TOWN = 50_000
_ACRONYM_CONNECTORS = frozenset({"of", "the", "and", "for", "on", "in", "de", "&", "to"})
_MAX_ACRONYM_WORDS = 12
_ACRONYM_RE = re.compile(r"\([A-Z&]{2,9}\)")
_COORD_STOP = frozenset({"and", "or", "but"})
_MAX_TITLE_TOKENS = 5
_LOCATIVES = frozenset({"in", "at", "near", "into", "outside", "via"})
_INSIDE_PREPOSITIONS = frozenset({"in", "near", "into", "outside", "inside", "via"})
_NAMED_TOWN = 10_000  # a person-shaped name after "in" is a town this large
_NEAR = frozenset({"near", "outside", "via"})
_MAX_CHAIN = 8
_DATE_PREPOSITIONS = frozenset({"on", "in", "at", "during", "since", "until", "before", "after"})
_CALENDAR_WORDS = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "eve", "day", "christmas", "easter",
    }
)  # fmt: skip
# Nouns that introduce a news outlet's name ("the daily Trud", "broadcaster Yle").
_OUTLET_NOUNS = frozenset(
    {
        "daily", "newspaper", "paper", "weekly", "magazine", "broadcaster", "agency",
        "channel", "network", "tabloid", "outlet", "website", "radio", "television", "tv",
        "station", "portal", "journal",
    }
)  # fmt: skip
_REPORT_VERBS = frozenset({"reported", "reports", "wrote", "writes", "published", "quoted"})
# Words that can open an outlet check (a quick filter before any Token is read).
_OUTLET_TRIGGERS = _REPORT_VERBS | _OUTLET_NOUNS | {"to"}
_MAX_NAME_WORDS = 3
# Types spaCy gives personal names it does not know (a place type only when the gazetteer
# does not know the name either).
_PERSON_MISTYPES = frozenset({"ORG", "PRODUCT", "FAC", "GPE", "WORK_OF_ART", "EVENT", "LOC"})
_NAME_PATTERN_RE = re.compile(r"\b[A-Z][a-z]{0,5} [A-Z][a-z]{0,5}[-‐‑‒–][a-z]{1,6}\b")


# The doc's tokens as a list, made once per call of the stage: spaCy builds a new Token
# object on every ``doc[i]``, ``doc[a:b]`` and iteration, which dominated this stage's time.
_TOKENS_KEY = "storyline.entities.tokens"


def _toks(doc: Doc) -> list[Token]:
    cached = doc.user_data.get(_TOKENS_KEY)
    if cached is None:
        # Indexing builds Tokens about three times faster than iterating the doc.
        cached = [doc[i] for i in range(len(doc))]
        doc.user_data[_TOKENS_KEY] = cached
    return cached


_LOWERS_KEY = "storyline.entities.lowers"


def _lowers(doc: Doc) -> list[str]:
    """The tokens' lower-case forms, read once per call of the stage for whole-doc scans."""
    cached = doc.user_data.get(_LOWERS_KEY)
    if cached is None:
        cached = [t.lower_ for t in _toks(doc)]
        doc.user_data[_LOWERS_KEY] = cached
    return cached


def _text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text`` from the cached text and tokens (no Span, no Token rebuilt)."""
    if start >= end:
        return ""
    toks = _toks(doc)
    last = toks[end - 1]
    return text_of(doc)[toks[start].idx : last.idx + len(last.text)]


@dataclass(frozen=True, slots=True)
class PlaceHint:
    """What the gazetteer says of a name: the NER type of its likeliest entry, and the
    population of the largest town or country that has it as its main name (aliases do not
    count: "Chen" is an alias of a large city and a common surname)."""

    label: str
    feature: str | None
    population: int


_HINTS: dict[str, PlaceHint | None] = {}


# While the stage runs on a document, the gazetteer it asked for first (``get_gazetteer``
# reads the settings and stats the user index on every call: a third of the stage's time).
_DOC_GAZETTEER: ContextVar[list[Gazetteer] | None] = ContextVar(
    "storyline_entities_gazetteer", default=None
)


def _gazetteer() -> Gazetteer:
    from storyline.resources.gazetteer import get_gazetteer

    held = _DOC_GAZETTEER.get()
    if held is None:
        return get_gazetteer()
    if not held:
        held.append(get_gazetteer())
    return held[0]


def place_hint(name: str) -> PlaceHint | None:
    """The gazetteer's reading of ``name`` as a place, or None when it knows none."""
    if name in _HINTS:
        return _HINTS[name]
    matches = _gazetteer().matches(name)
    hint: PlaceHint | None = None
    if matches:
        feature = matches[0].entry.feature
        # Towns and countries only: a county or province named after a person ("Lee
        # County") is no evidence that "Lee" is a place.
        population = max(
            (
                m.entry.population
                for m in matches
                if m.primary and m.entry.feature.startswith(("P.", "A.PCL"))
            ),
            default=0,
        )
        hint = PlaceHint(_label_of_feature(feature), feature, population)
    if len(_HINTS) > 50_000:
        _HINTS.clear()
    _HINTS[name] = hint
    return hint


def _label_of_feature(feature: str | None) -> str:
    cls = (feature or "P").split(".", 1)[0].upper()
    if cls in ("H", "T", "L", "U", "V"):
        return "LOC"
    if cls == "S":
        return "FAC"
    return "GPE"


@dataclass(slots=True)
class _Cand:
    """A corrected entity span over tokens ``[start, end)``; the name proper from ``core``."""

    start: int
    end: int
    label: str
    core: int = -1
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    link: str | None = None  # name key of the entity this mention belongs to (acronyms)

    def __post_init__(self) -> None:
        if self.core < self.start:
            self.core = self.start


# --- span repairs ---------------------------------------------------------------------


def _widen_hyphen(doc: Doc, c: _Cand) -> None:
    """Never keep a name cut at a hyphen: "Lee Su-" / "Franco" of "Franco-German"."""
    toks = _toks(doc)
    n = len(doc)
    if c.end > c.start and toks[c.end - 1].text in HYPHENS and c.end < n:
        nxt = toks[c.end]
        if nxt.is_alpha and not toks[c.end - 1].whitespace_:
            c.end += 1
    while c.end + 1 < n:
        hyphen, nxt = toks[c.end], toks[c.end + 1]
        if not (
            hyphen.text in HYPHENS
            and not toks[c.end - 1].whitespace_
            and not hyphen.whitespace_
            and nxt.is_alpha
        ):
            break
        # A person's hyphenated given name continues in lower case; other compounds only
        # when the next part is a name too ("Franco-German", not "Russian-made").
        if c.label == "PERSON" or nxt.text[:1].isupper():
            c.end += 2
        else:
            break


def _widen_given_name(doc: Doc, c: _Cand, taken: set[int], words: EnglishWords) -> None:
    """"Denys Korolenko" where NER took only the family name: one capitalised word before a
    PERSON that is no English word, title, demonym, organisation or place joins it."""
    toks = _toks(doc)
    i = c.start - 1
    if c.label != "PERSON" or i < 0 or i in taken:
        return
    token = toks[i]
    text = token.text
    if not (token.is_alpha and text[0].isupper() and not text.isupper() and token.whitespace_):
        return
    if token.is_sent_start or is_org_word(text):
        return
    # A rare English word that is also a given name ("Ana", "Will", "Mark") joins when the
    # parser reads it as a proper noun compounded into the name, and is no calendar word.
    if words.is_listed(text) and not (
        token.pos_ == "PROPN"
        and token.dep_ == "compound"
        and c.start <= token.head.i < c.end
        and text.lower() not in _CALENDAR_WORDS
    ):
        return
    if _title_len(doc, i, c.start) or is_demonym_tokens([token]) is not None:
        return
    hint = place_hint(text)
    if hint is not None and (hint.population >= _TOWN or hint.label != "GPE"):
        return  # "Vienna Holm": a town before a name is not its given name
    if c.core == c.start:
        c.core = i
    c.start = i


def _is_truncated(doc: Doc, c: _Cand) -> bool:
    """A name that goes on after a hyphen in lower case ("Franco" of "Franco-phone"); a
    nationality before a participle is whole ("Russian" of "Russian-made")."""
    toks = _toks(doc)
    if c.end < len(doc) - 1:
        hyphen = toks[c.end]
        if hyphen.text in HYPHENS and not toks[c.end - 1].whitespace_ and not hyphen.whitespace_:
            return is_demonym_tokens(toks[c.start : c.end]) is None
    return False


def _skip_det(doc: Doc, start: int, end: int) -> int:
    toks = _toks(doc)
    while start < end - 1 and toks[start].lower_ in _DETERMINERS:
        start += 1
    return start


def _title_len(doc: Doc, start: int, end: int) -> int:
    """Tokens of a title phrase at ``start`` (with its honorific dot)."""
    toks = _toks(doc)
    if toks[start].text.lower().rstrip(".") in honorifics():
        n = 1
        if start + 1 < end and toks[start + 1].text == ".":
            n += 1
        return n
    return match_title(toks, start, end)


def _title_phrase(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens ``[start, end)`` are a title phrase ("the Ministers of X and Y")."""
    start = _skip_det(doc, start, end)
    if start >= end:
        return False
    k = start
    # Adjectives and demonyms may come first: "the North Korean leader".
    while k < end and _title_len(doc, k, end) == 0 and k - start < 3:
        k += 1
    return k < end and _title_len(doc, k, end) > 0


def _split_at(doc: Doc, c: _Cand, seps: frozenset[str]) -> list[tuple[int, int]]:
    toks = _toks(doc)
    parts: list[tuple[int, int]] = []
    s = c.start
    for i in range(c.start, c.end):
        if toks[i].lower_ in seps:
            if i > s:
                parts.append((s, i))
            s = i + 1
    if s < c.end:
        parts.append((s, c.end))
    return parts


def _resplit(doc: Doc, c: _Cand, words: EnglishWords) -> list[_Cand]:
    """Re-split a span that swallowed a title phrase, a second name or a portfolio."""
    toks = _toks(doc)
    if c.label not in _RESPLIT_LABELS:
        return [c]
    if any(toks[i].text == "," for i in range(c.start, c.end)):
        parts = _split_at(doc, c, frozenset({","}))
        kinds = [_part_kind(doc, s, e, words) for s, e in parts]
        if any(k in ("title", "PERSON") for k in kinds) and len(parts) > 1:
            out: list[_Cand] = []
            for (s, e), kind in zip(parts, kinds, strict=True):
                if kind == "title":
                    continue
                out.extend(_resplit(doc, _Cand(s, e, kind or c.label), words))
            return out
    if any(toks[i].lower_ in _COORD for i in range(c.start + 1, c.end - 1)):
        parts = _split_at(doc, c, _COORD | {","})
        if len(parts) > 1 and all(
            person_shape(toks[_skip_det(doc, s, e) : e], words) for s, e in parts
        ):
            return [_Cand(s, e, "PERSON") for s, e in parts]
    c = _cut_before_date(doc, c)
    c = _split_portfolio(doc, c)
    if c.label != "PERSON" and _only_title(doc, c.start, c.end):
        return []  # "the Ministers of Trade and Finance": a role, not an organisation
    return [c]


def _cut_before_date(doc: Doc, c: _Cand) -> _Cand:
    """"Oulu on New Year's Eve" tagged as one ORG: the name ends before a preposition that
    introduces a date (a holiday, a weekday, a month); the date is the times stage's."""
    toks = _toks(doc)
    for i in range(c.start + 1, c.end - 1):
        if toks[i].lower_ not in _DATE_PREPOSITIONS:
            continue
        rest = toks[_skip_det(doc, i + 1, c.end) : c.end]
        words = [t.lower_ for t in rest]
        if words and (
            words[0] in _CALENDAR_WORDS
            or words[-1] in _CALENDAR_WORDS
            or " ".join(words).replace(" 's", "'s").replace(" ’s", "'s") in _holidays()
        ):
            return _Cand(c.start, i, c.label, country=c.country)
    return c


@cache
def _holidays() -> frozenset[str]:
    """Holiday names (lower case) from the times lexicon ``time_holidays.tsv``."""
    raw = resources.files("storyline.resources").joinpath("time_holidays.tsv").read_text("utf-8")
    out = set()
    for line in raw.splitlines():
        if line.strip() and not line.startswith("#"):
            out.add(line.split("\t", 1)[0].strip().lower().replace("’", "'"))
    return frozenset(out)


def _only_title(doc: Doc, start: int, end: int) -> bool:
    """A title phrase with nothing after the title but its field ("of Trade and Labour"):
    no organisation noun and no name follows it."""
    toks = _toks(doc)
    start = _skip_det(doc, start, end)
    k = start
    while k < end and k - start <= 3:
        n = _title_len(doc, k, end)
        if n:
            rest = k + n
            # The field is what makes it a title phrase ("Cardinals" alone is a team).
            if rest >= end or toks[rest].lower_ not in ("of", "for"):
                return False
            return not any(is_org_word(t.text) for t in toks[start:end])
        k += 1
    return False


def _part_kind(doc: Doc, start: int, end: int, words: EnglishWords) -> str | None:
    toks = _toks(doc)
    if _title_phrase(doc, start, end):
        return "title"
    if person_shape(toks[_skip_det(doc, start, end) : end], words):
        return "PERSON"
    return None


def _portfolio_field(doc: Doc, c: _Cand, taken: set[int]) -> bool:
    """"Energy" in "the Ministers of Finance and Energy", "Trade Affairs" in "secretary for
    Trade Affairs of …": a field of a title tagged ORG, with no organisation noun of its own.
    ``taken``: tokens of the other entities (a name is no field)."""
    toks = _toks(doc)
    if c.label != "ORG" or any(is_org_word(t.text) for t in toks[c.start : c.end]):
        return False
    # "Interior Minister X", "Home Secretary X": capitalised field words (no acronym) right
    # before a minister's or secretary's title.
    if (
        c.end < len(doc)
        and singular(toks[c.end].lower_) in _FIELD_TITLES
        and all(t.is_alpha and t.is_title for t in toks[c.start : c.end])
        and is_demonym_tokens(toks[c.start : c.end]) is None
    ):
        return True
    i = c.start - 1
    # Back over the fields coordinated before it ("Finance and", "Trade, Labour and").
    while i >= 0 and c.start - i <= 8 and i not in taken and (
        toks[i].lower_ in _COORD or toks[i].text == "," or (toks[i].is_alpha and toks[i].is_title)
    ):
        i -= 1
    if i < 1 or toks[i].lower_ not in ("of", "for"):
        return False
    return any(
        match_title(toks, k, i) == i - k for k in range(max(0, i - _MAX_TITLE_TOKENS), i)
    )


# Titles written after their portfolio ("Interior Minister", "Home Secretary").
_FIELD_TITLES = frozenset({"minister", "secretary"})


def _drop_portfolio_fields(doc: Doc, cands: list[_Cand]) -> list[_Cand]:
    """Drop the title fields tagged ORG; the organisation after one ("for Rural Affairs of
    the Presidium") is an entity even when NER missed it."""
    toks = _toks(doc)
    taken = [set(range(c.start, c.end)) for c in cands]
    all_taken = set().union(*taken)
    out: list[_Cand] = []
    for c, own in zip(cands, taken, strict=True):
        if not _portfolio_field(doc, c, all_taken - own):
            out.append(c)
            continue
        if c.end + 1 < len(doc) and toks[c.end].lower_ == "of":
            j = c.end + 2 if toks[c.end + 1].lower_ == "the" else c.end + 1
            k = _name_run(doc, j)
            if k > j and is_org_word(toks[k - 1].text) and not any(
                i in all_taken for i in range(j, k)
            ):
                out.append(_Cand(j, k, "ORG"))
    return out


def _name_run(doc: Doc, j: int) -> int:
    """End of the run of capitalised words (with possessives) that starts at ``j``."""
    toks = _toks(doc)
    n = len(doc)
    k = j
    while k < n and k - j < _MAX_CHAIN and (
        (toks[k].is_alpha and toks[k].text[:1].isupper())
        or (toks[k].text in ("'s", "’s", "'", "’") and k > j)
        or (toks[k].text in HYPHENS and not toks[k].whitespace_ and k > j)
    ):
        k += 1
    while k > j and not toks[k - 1].is_alpha:
        k -= 1
    return k


def _extend_of_chains(doc: Doc, cands: list[_Cand]) -> list[_Cand]:
    """"the Central Committee" + "of the Ruritanian People's Party": an organisation's name
    goes on through "of (the) <capitalised words>" when those name an organisation too."""
    toks = _toks(doc)
    out: list[_Cand] = []
    n = len(doc)
    skip_until = -1
    for c in cands:
        if c.start < skip_until:
            continue  # swallowed by the organisation before it
        while (
            c.label == "ORG"
            and c.end + 1 < n
            and toks[c.end].lower_ == "of"
            and any(is_org_word(t.text) for t in toks[c.core : c.end])
        ):
            j = c.end + 1
            if toks[j].lower_ == "the":
                j += 1
            k = _name_run(doc, j)
            if k == j or not is_org_word(toks[k - 1].text):
                break
            c.end = k
            skip_until = max(skip_until, k)
        out.append(c)
    return out


def _split_portfolio(doc: Doc, c: _Cand) -> _Cand:
    """"Health and Welfare of the Federal Council" → the Federal Council.

    A left part with no organisation noun (a portfolio or department field) merged with an
    organisation that has one: the organisation is the right part; the portfolio belongs to
    the role of whoever holds it.
    """
    toks = _toks(doc)
    if c.label != "ORG":
        return c
    start = _skip_det(doc, c.start, c.end)
    for i in range(start + 1, c.end - 1):
        if toks[i].lower_ != "of":
            continue
        left = toks[start:i]
        if any(is_org_word(t.text) for t in left):
            return c
        right = _skip_det(doc, i + 1, c.end)
        if toks[right].text[:1].isupper() and any(is_org_word(t.text) for t in toks[right : c.end]):
            return _Cand(right, c.end, c.label, country=c.country)
        return c
    return c


def _trim(doc: Doc, c: _Cand, words: EnglishWords) -> _Cand | None:
    """Drop a leading article or title and a trailing possessive; None when nothing is left."""
    toks = _toks(doc)
    start, end = c.start, c.end
    while end > start and (
        toks[end - 1].is_punct or toks[end - 1].is_space or toks[end - 1].lower_ in ("'s", "’s")
    ):
        end -= 1
    start = _skip_det(doc, start, end)
    while start < end and (toks[start].is_punct or toks[start].is_space):
        start += 1
    if start >= end:
        return None
    # "President Ana Ruiz" / "Foreign Minister Li": the title is a role, not part of the name.
    if c.label in ("PERSON", "ORG", "NORP", "GPE"):
        k = _after_title(doc, start, end)
        if start < k < end:
            rest = toks[k:end]
            if c.label == "PERSON" and rest[0].text[:1].isupper():
                start = k
            elif person_shape(rest, words) or (
                len(rest) == 1 and rest[0].is_title and rest[0].lower_ not in words
            ):
                start, c.label = k, "PERSON"
    c.start, c.end = start, end
    c.core = max(c.core, start)
    return c


def _after_title(doc: Doc, start: int, end: int) -> int:
    """Where the name begins after a leading title ("Deputy Trade Minister Ana Ruiz"): the
    title may have up to three modifiers before it; ``start`` when there is no title."""
    toks = _toks(doc)
    for k in range(start, min(end, start + 4)):
        if not toks[k].is_alpha and toks[k].text not in HYPHENS:
            return start
        n = _title_len(doc, k, end)
        if n:
            k += n
            while k < end and (n := _title_len(doc, k, end)):
                k += n
            return k
    return start


def _absorb_demonyms(doc: Doc, cands: list[_Cand]) -> list[_Cand]:
    """A leading demonym gives an organisation its country ("the Chilean Navy" → CL)."""
    toks = _toks(doc)
    from storyline.resources.countries import country_code

    out: list[_Cand] = []
    for c in cands:
        if c.label == "ORG" and c.end - c.start > 1 and c.country is None:
            # "the Japan Coast Guard": a country's name opening an organisation's name.
            for n in (3, 2, 1):
                if c.start + n < c.end and toks[c.start + n - 1].is_alpha:
                    code = country_code(_text(doc, c.start, c.start + n))
                    if code is not None:
                        c.country = code
                        break
        if c.label in ("ORG", "FAC", "PRODUCT", "EVENT") and c.end - c.start > 1:
            for n in (2, 1):
                if c.start + n < c.end:
                    code = is_demonym_tokens(toks[c.start : c.start + n])
                    if code is not None:
                        c.core = c.start + n
                        c.country = code or c.country
                        break
            # The demonym was tagged NORP on its own, right before: "South Korean" + "Navy".
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.label in ("NORP", "ORG")
                and prev.end == c.start
                and c.core == c.start
                and (code := is_demonym_tokens(toks[prev.start : prev.end])) is not None
            ):
                out.pop()
                c.start, c.country = prev.start, code or c.country
        # "Chile's Navy": a country's possessive before an organisation.
        prev = out[-1] if out else None
        if (
            c.label == "ORG"
            and c.country is None
            and prev is not None
            and prev.label == "GPE"
            and prev.end + 1 == c.start
            and toks[prev.end].text in ("'s", "’s")
        ):
            c.country = country_code(_text(doc, prev.start, prev.end))
        out.append(c)
    return out


# --- labels ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Context:
    place_keys: set[str]  # names spaCy tagged as a place somewhere in the document
    person_words: set[str]  # tokens of multi-word PERSON names (surnames, given names)
    person_names: set[str]  # single-token PERSON mentions ("Ruiz")
    words: EnglishWords


def _relabel(doc: Doc, c: _Cand, ctx: _Context) -> None:
    toks = _toks(doc)
    core = toks[c.core : c.end]
    core_text = _text(doc, c.core, c.end)
    if (
        len(core) > 1
        and core[0].lower_ in _WEATHER_SYSTEMS
        and core[0].text[:1].isupper()
        and all(t.is_alpha and t.text[:1].isupper() for t in core)
    ):
        c.label = "EVENT"  # "Typhoon Dalisay", "Storm Ingunn": a named weather system
        return
    if (
        c.label in ("ORG", "GPE", "PERSON", "LOC")
        and c.core == c.start
        and is_demonym_tokens(core) is not None
        and _country_code(core_text) is None
    ):
        c.label = "NORP"  # "the Lithuanian" tagged ORG, "Ukrainian" GPE: a nationality
        return
    if c.label == "PERSON" and (_is_outlet(doc, c, ctx) or _is_platform(doc, c, ctx)):
        c.label = "ORG"
        return
    if (
        c.label == "PERSON"
        and not _titled(doc, c)
        and place_hint(core_text) is None
        and (
            _apposed_place_noun(doc, c.end)
            or _site_noun_after(doc, c.end)
            or (_after_locative(doc, c) and toks[c.core].text not in ctx.person_words)
        )
    ):
        # "from Port Ardel, the first border town …": a name the gazetteer does not know,
        # described as a settlement, is one.
        c.label = "GPE"
        return
    head = singular(core[-1].text) if core[-1].is_alpha else ""
    kinds = place_noun_kind(head) if core[-1].text[:1].isupper() else frozenset()
    if any(is_org_word(t.text) for t in core):
        kinds = frozenset()  # "the Western Directorate of Railways" is an organisation
    # A PERSON only with an article before it: "the Harbour Bridge", not "Anthony Hill".
    after_the = c.start > 0 and toks[c.start - 1].lower_ == "the"
    if c.label == "ORG" and _spoken_for(doc, c.start):
        kinds = frozenset()  # "a spokesperson for the National Railway": a body, not track
    if (c.label not in PLACE_LABELS and c.label != "PERSON") or (
        c.label == "PERSON" and kinds and after_the
    ):
        if "FAC" in kinds and len(core) > 1:
            c.label = "FAC"
            return
        if "LOC" in kinds and len(core) > 1:
            c.label = "LOC"
            return
    if c.label == "GPE" and "LOC" in kinds and len(core) > 1:
        c.label = "LOC"
        return
    shape = person_shape(core, ctx.words)
    # Only names that could be places go to the gazetteer: not an organisation's name with
    # its own noun ("Ministry of ..."), not a full personal name ("Ana Ruiz").
    maybe_place = (
        (
            not (c.label == "ORG" and any(is_org_word(t.text) for t in core))
            and not (c.label == "PERSON" and shape and len(core) > 1)
        )
        or name_key(core_text) in ctx.place_keys
        or _inside_named_town(doc, c, core_text)
    )
    # A NORP that is no nationality ("the port of Bermeo" tagged NORP) may be a place too.
    mistyped = c.label in ("PERSON", "ORG") or (
        c.label == "NORP" and is_demonym_tokens(core) is None
    )
    if mistyped and maybe_place:
        hint = place_hint(core_text)
        if hint is not None and _is_place_here(doc, c, hint, ctx):
            c.label = hint.label
            return
    if c.label != "PERSON" and shape == 2 and place_hint(core_text) is None:
        c.label = "PERSON"
    elif (
        c.label in _PERSON_MISTYPES
        and shape == 1
        and (c.label == "ORG" or place_hint(core_text) is None)
        and (
            _titled(doc, c)
            or any(t.text in ctx.person_names for t in core)
            or _pronoun_follows(doc, c)
        )
    ):
        # Titled, or sharing a name with a person of this text ("Ana Ruiz" after "Ruiz"):
        # spaCy's small model types unfamiliar names as anything ("Ana Ruiz" PRODUCT/FAC).
        c.label = "PERSON"
    elif (
        c.label in _PERSON_MISTYPES
        and len(core) == 1
        and core[0].is_title
        and core[0].is_alpha
        and not ctx.words.is_listed(core[0].text)
        and not is_org_word(core[0].text)
        and (c.label not in PLACE_LABELS or place_hint(core_text) is None)
        and _titled(doc, c)
    ):
        c.label = "PERSON"  # "Foreign Minister Okonjo" with the surname tagged ORG
    elif c.label == "PERSON" and len(core) > 1 and is_org_word(head):
        c.label = "ORG"
    elif (
        c.label == "FAC"
        and len(core) > 1
        and any(
            is_org_word(t.text) and t.text[:1].isupper() and t.lower_ not in _SEAT_WORDS
            for t in core
        )
        and not any(
            "FAC" in place_noun_kind(singular(t.text)) or t.lower_ in _SEAT_WORDS for t in core
        )
    ):
        # "the Vela Institute for Trade Studies": an organisation's noun and no building's.
        c.label = "ORG"


# Organisation nouns that also name the building an institution sits in ("the White House",
# "the Oval Office", "the Javits Center"): a FAC with one of them may well be the place.
_SEAT_WORDS = frozenset(
    "house office center centre headquarters embassy court church school college university"
    " bank club chamber parliament senate assembly congress legislature post".split()
)


def _is_platform(doc: Doc, c: _Cand, ctx: _Context) -> bool:
    """A one-word name of a social platform (media.tsv's social_media names: "Twitter",
    "Telegram") that no person of the text bears is the platform, never a person."""
    text = _toks(doc)[c.core].text
    if c.end - c.core != 1 or len(text) < 3 or text in ctx.person_words:
        return False
    return source_kind_words()[1].get(text.lower()) == "social_media"


def _is_outlet(doc: Doc, c: _Cand, ctx: _Context) -> bool:
    """A one-word name that is no person's in this text, introduced as a news outlet ("the
    daily Trud", "broadcaster Yle") or as a source ("according to Yle", "Trud reported")."""
    toks = _toks(doc)
    if c.end - c.core != 1 or toks[c.core].text in ctx.person_words or _titled(doc, c):
        return False
    prev = toks[c.start - 1] if c.start > 0 else None
    if prev is not None and prev.lower_ in _OUTLET_NOUNS:
        return True
    nxt = toks[c.end] if c.end < len(doc) else None
    if nxt is not None and nxt.text in ("'s", "’s"):
        return False  # "according to Niger's broadcaster X": the outlet's owner
    if c.start > 1 and toks[c.start - 2].lower_ == "according" and toks[c.start - 1].lower_ == "to":
        return True
    return nxt is not None and nxt.lower_ in _REPORT_VERBS


def _after_locative(doc: Doc, c: _Cand) -> bool:
    """"guards at Meitene", "officials in Ardeza": one word no person of the text bears,
    after a preposition that takes places, not people ("to"/"from" take both)."""
    toks = _toks(doc)
    if c.end - c.core != 1 or c.start == 0 or toks[c.start - 1].lower_ not in _LOCATIVES:
        return False
    return c.end >= len(doc) or toks[c.end].text not in ("'s", "’s", "'", "’")


def _inside_named_town(doc: Doc, c: _Cand, name: str) -> bool:
    """"arrived in Slavonski Brod": a name shaped like a person's right after a preposition
    that takes places and never people ("in", "near", not "to"/"at"), which the gazetteer
    knows as a town of 10,000 people or more, is that town."""
    toks = _toks(doc)
    if c.start == 0 or toks[c.start - 1].lower_ not in _INSIDE_PREPOSITIONS:
        return False
    if c.end < len(doc) and toks[c.end].text in ("'s", "’s", "'", "’"):
        return False  # "in Ana Ruiz's view"
    hint = place_hint(name)
    return hint is not None and hint.label == "GPE" and hint.population >= _NAMED_TOWN


def _pronoun_follows(doc: Doc, c: _Cand) -> bool:
    """"Ana Ruiz arrived on Monday, where she …": a subject name taken up by "he"/"she"
    later in its sentence or at the start of the next (organisations are "it")."""
    toks = _toks(doc)
    root = toks[c.end - 1]
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return False
    sent = root.sent
    stop = min(len(doc), sent.end + 3)
    for i in range(c.end, stop):
        token = toks[i]
        if token.ent_type_ == "PERSON" and token.ent_iob_ == "B":
            return False  # another person could be the antecedent
        if token.lower_ in ("he", "she") and (i < sent.end or token.is_sent_start):
            return True
    return False


def _spoken_for(doc: Doc, start: int) -> bool:
    """"a spokesperson for (the) X", "the spokesman of X": X speaks, so it is a body."""
    toks = _toks(doc)
    i = start - 1
    if i >= 0 and toks[i].lower_ == "the":
        i -= 1
    return i >= 1 and toks[i].lower_ in ("for", "of") and toks[i - 1].lower_.startswith("spokes")


def _site_noun_after(doc: Doc, end: int) -> bool:
    """"X station", "X border crossing": a settlement or stop noun right after the name."""
    toks = _toks(doc)
    return (
        end < len(doc)
        and toks[end].is_lower
        and "SITE" in place_noun_kind(singular(toks[end].text))
    )


def _country_code(name: str) -> str | None:
    from storyline.resources.countries import country_code

    return country_code(name)


def _not_a_town(name: str) -> bool:
    hint = place_hint(name)
    return hint is None or hint.population < _TOWN


def _is_place_here(doc: Doc, c: _Cand, hint: PlaceHint, ctx: _Context) -> bool:
    """Strong evidence that a name tagged PERSON/ORG is the place the gazetteer knows."""
    toks = _toks(doc)
    if _titled(doc, c):
        return False
    if name_key(_text(doc, c.core, c.end)) in ctx.place_keys:
        return True
    if c.end - c.core == 1 and toks[c.core].text in ctx.person_words:
        return False  # also part of a person's name in this text ("in Lee's words")
    prev = toks[c.start - 1] if c.start > 0 else None
    if prev is not None and (
        prev.lower_ in _PLACE_PREPOSITIONS
        or (prev.lemma_.lower() in _MOTION_VERBS and prev.pos_ == "VERB")
    ):
        return True  # "from X", "left X"
    if prev is not None and prev.is_lower and "SITE" in place_noun_kind(prev.text):
        return True  # "the border town X"
    if prev is not None and prev.lower_ == "the" and hint.label != "GPE" and c.end - c.core == 1:
        return True  # "the Danube": people take no article, a river or a range does
    if (  # "the port of X"
        prev is not None
        and prev.lower_ == "of"
        and c.start > 1
        and place_noun_kind(singular(toks[c.start - 2].text))
    ):
        return True
    if c.end < len(doc) and toks[c.end].is_lower and place_noun_kind(singular(toks[c.end].text)):
        return True  # "X station", "X port"
    if _apposed_place_noun(doc, c.end):
        return True
    return hint.population >= _POPULOUS


def _apposed_place_noun(doc: Doc, end: int) -> bool:
    """", the first border station on ..." right after the name."""
    toks = _toks(doc)
    if end + 1 >= len(doc) or toks[end].text != ",":
        return False
    if toks[end + 1].lower_ not in ("the", "a", "an"):
        return False
    for i in range(end + 2, min(len(doc), end + 8)):
        token = toks[i]
        if token.is_punct or token.lower_ in ("of", "on", "in", "that", "which", "who"):
            return False
        if place_noun_kind(singular(token.text)) and token.is_lower:
            return True
    return False


def _titled(doc: Doc, c: _Cand) -> bool:
    """A title right before ("Secretary X") or in apposition after (", the secretary of")."""
    toks = _toks(doc)
    for back in (1, 2, 3):
        s = c.start - back
        if s >= 0 and match_title(toks, s, c.start) == back:
            return True
    if c.start > 0 and toks[c.start - 1].text.lower().rstrip(".") in honorifics():
        return True
    if c.end + 1 < len(doc) and toks[c.end].text == ",":
        i = _skip_det(doc, c.end + 1, min(len(doc), c.end + 6))
        for k in range(i, min(len(doc), i + 3)):
            if _title_len(doc, k, len(doc)):
                return True
    # "the director of the Mining Council, Ivo Lang": a title phrase, a comma, the name.
    if c.start > 1 and toks[c.start - 1].text == ",":
        for k in range(c.start - 2, max(-1, c.start - 12), -1):
            token = toks[k]
            if token.is_punct or token.pos_ in ("VERB", "AUX"):
                break
            # "the Ministers of Trade and Labour, A and B": a coordinated field is part of
            # the title phrase; a coordinator elsewhere ("X and Ana Ruiz, …") ends it.
            if token.lower_ in _COORD_STOP and not (
                k > 0 and toks[k - 1].is_alpha and toks[k - 1].text[:1].isupper()
            ):
                break
            if _title_len(doc, k, c.start - 1):
                return True
    return False


# --- acronyms -------------------------------------------------------------------------


def _match_initials(tokens: Tokens, letters: str) -> int | None:
    """Index into ``tokens`` where a run ending at the last token spells ``letters``."""
    words = [t for t in tokens if t.is_alpha or t.text == "&"]
    # Walk back from the end: capitalised words must match the next letter from the end;
    # connectors ("of", "the") may match or be skipped.
    def walk(wi: int, li: int) -> int | None:
        if li < 0:
            return wi + 1
        if wi < 0:
            return None
        word = words[wi]
        text = word.text
        if len(text) > 1 and text.isupper():
            # An acronym inside the expansion gives all its letters ("US Geological Survey").
            if letters[: li + 1].endswith(text):
                return walk(wi - 1, li - len(text))
            return walk(wi - 1, li - 1) if text[0] == letters[li] else None
        if text[:1].isupper():
            if text[0] != letters[li]:
                return None
            return walk(wi - 1, li - 1)
        if word.lower_ in _ACRONYM_CONNECTORS:
            if word.text[0].upper() == letters[li]:
                hit = walk(wi - 1, li - 1)
                if hit is not None:
                    return hit
            return walk(wi - 1, li)
        return None

    first = walk(len(words) - 1, len(letters) - 1)
    if first is None or first >= len(words) or not words[first].text[:1].isupper():
        return None
    return words[first].i


def _original_order(doc: Doc, cands: list[_Cand], i: int, letters: str) -> int | None:
    """"the National Migration Institute (INM)": an acronym of the name in its own language
    spells the English expansion's initials in another order.  Only an entity ending right
    at the parenthesis, with exactly those initials, counts."""
    toks = _toks(doc)
    if len(letters) < 3:
        return None
    for c in cands:
        if c.end != i or c.label in ("NORP", "PERSON"):
            continue
        initials = [t.text[0] for t in toks[c.start : c.end] if t.is_alpha and t.text[0].isupper()]
        if len(initials) == len(letters) and sorted(initials) == sorted(letters):
            return c.start
    return None


def _acronyms(doc: Doc, cands: list[_Cand]) -> list[_Cand]:
    """"Joint Planning Office (JPO)": the expansion is an entity with the acronym as alias."""
    toks = _toks(doc)
    added: list[_Cand] = []
    for m in _ACRONYM_RE.finditer(text_of(doc)):
        span = doc.char_span(m.start(), m.end())
        if span is None or len(span) != 3 or span.start == 0:
            continue
        i = span.start
        acr = toks[i + 1].text
        letters = acr.replace("&", "")
        if not (2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()):
            continue
        lo = max(0, i - _MAX_ACRONYM_WORDS)
        start = _match_initials(toks[lo:i], letters)
        if start is None:
            start = _original_order(doc, cands, i, letters)
        if start is None:
            continue
        covering = [c for c in cands if c.start <= start and c.end >= i and c.label != "NORP"]
        acr_cand = next((c for c in cands if c.start == i + 1 and c.end == i + 2), None)
        if covering:
            exp = covering[0]
        else:
            label = acr_cand.label if acr_cand is not None else None
            if label is None and any(is_org_word(t.text) for t in toks[start:i]):
                label = "ORG"
            if label is None:
                continue
            exp = _Cand(start, i, label)
            cands[:] = [c for c in cands if c.end <= start or c.start >= i]
            added.append(exp)
        exp.aliases.append(acr)
        key = name_key(_text(doc, start, i))
        if acr_cand is None:
            acr_cand = _Cand(i + 1, i + 2, exp.label)
            added.append(acr_cand)
        acr_cand.label = exp.label
        acr_cand.link = key
    return sorted([*cands, *added], key=lambda c: c.start)


# --- the stage ------------------------------------------------------------------------


def _split_at_breaks(doc: Doc, start: int, end: int, label: str) -> list[_Cand]:
    """A span that NER ran across a line break ("Dakar\n\nBANJUL": a headline's last word
    and the dateline) is one name per line: no name runs over a break."""
    toks = _toks(doc)
    out: list[_Cand] = []
    s = start
    for i in range(start, end):
        if "\n" in toks[i].text or "\n" in toks[i].whitespace_:
            stop = i if "\n" in toks[i].text else i + 1
            if stop > s:
                out.append(_Cand(s, stop, label))
            s = i + 1
    if end > s:
        out.append(_Cand(s, end, label))
    return out


def correct_entities(doc: Doc, words: EnglishWords, ents: Sequence[Span]) -> list[_Cand]:
    """The corrected named-entity spans of ``doc`` (whose NER spans are ``ents``), in text
    order."""
    toks = _toks(doc)
    cands: list[_Cand] = []
    taken = {i for ent in ents for i in range(ent.start, ent.end)}
    for ent in ents:
        if ent.label_ not in NAMED_LABELS:
            continue
        for c in _split_at_breaks(doc, ent.start, ent.end, ent.label_):
            _widen_hyphen(doc, c)
            _widen_given_name(doc, c, taken, words)
            if _is_truncated(doc, c):
                continue  # a piece of a lower-case compound ("Franco" in "franco-phone")
            for part in _resplit(doc, c, words):
                trimmed = _trim(doc, part, words)
                if trimmed is not None and any(
                    t.text[:1].isupper() for t in toks[trimmed.start : trimmed.end]
                ):
                    cands.append(trimmed)
    cands = _drop_portfolio_fields(doc, _ship_names(doc, cands))
    cands = _extend_of_chains(doc, _dedupe(_add_name_patterns(doc, cands)))
    texts = [t.text for t in toks]
    # The dateline first: its lead's name gives the family names below.
    cands = _dateline_place(doc, cands, words)
    cands = _add_titled_names(doc, texts, cands, words)
    cands = _add_family_names(doc, texts, cands, words)
    cands = _add_full_names(doc, cands, words)
    cands = _possessive_sites(doc, cands)
    cands = _add_named_objects(doc, cands, words)
    cands = _dateline_outlet(doc, _add_outlets(doc, cands, words))
    cands = _add_named_subjects(doc, cands, words)  # after outlets: "X reported" may be one
    cands = _add_nearby_places(doc, cands, words)
    cands = _acronyms(doc, cands)
    cands = _absorb_demonyms(doc, cands)
    ctx = _Context(
        place_keys={
            name_key(_text(doc, c.core, c.end)) for c in cands if c.label in PLACE_LABELS
        },
        person_words={
            t.text for c in cands if c.label == "PERSON" and c.end - c.core > 1
            for t in toks[c.core : c.end]
        },
        person_names={
            toks[c.core].text for c in cands if c.label == "PERSON" and c.end - c.core == 1
        },
        words=words,
    )
    before = [c.label for c in cands]
    for c in cands:
        _relabel(doc, c, ctx)
    # A name shown to be a place in one mention ("from Port Ardel, the border town") is the
    # same place where NER took it for a person ("officials in Port Ardel").
    placed = {
        name_key(_text(doc, c.core, c.end)): c.label
        for c, old in zip(cands, before, strict=True)
        if old == "PERSON" and c.label in PLACE_LABELS
    }
    if placed:
        for c in cands:
            label = placed.get(name_key(_text(doc, c.core, c.end)))
            if label is not None and c.label == "PERSON" and not _titled(doc, c):
                c.label = label
    # "the Ministers of Trade and Labour, Ana Ruiz and Bo Lind": a name coordinated with a
    # titled person is a person too, whatever type NER gave it.
    for a, b in pairwise(cands):
        if (
            a.label == "PERSON"
            and b.label in _PERSON_MISTYPES
            and b.start == a.end + 1
            and toks[a.end].lower_ in _COORD
            and person_shape(toks[b.core : b.end], words)
            and place_hint(_text(doc, b.core, b.end)) is None
            and _titled(doc, a)
        ):
            b.label = "PERSON"
    cands = _add_repeated_names(doc, texts, cands)
    # Relabelling may have made new full-name persons ("Olaf Brinkmann" was an ORG): their
    # family names tagged as something else ("Brinkmann's deputy" as a GPE) follow.
    people = {
        t.text for c in cands if c.label == "PERSON" and c.end - c.core > 1
        for t in toks[c.core : c.end]
    }  # fmt: skip
    for c in cands:
        if (
            c.label in ("ORG", "GPE", "NORP")
            and c.end - c.core == 1
            and toks[c.core].text in people
            and (c.label == "ORG" or _not_a_town(toks[c.core].text))
            and is_demonym_tokens(toks[c.core : c.end]) is None
        ):
            c.label = "PERSON"
    return cands


# Prefixes of ships' names (merchant, naval, research and private vessels: IMO and navy
# usage), written in capitals before the name: "MV Noordster", "HMS Dauntless".
_SHIP_PREFIXES = frozenset(
    "MV MS MT MY SS RV FV SY HMS USS USNS HMCS HMAS HMNZS INS".split()
)
_MAX_SHIP_WORDS = 3


def _ship_names(doc: Doc, cands: list[_Cand]) -> list[_Cand]:
    """A vessel's prefix and name are one PRODUCT (spaCy's type for vehicles), not an ORG
    "MV" or "HMS Dauntless": the prefix, then one to three capitalised words."""
    toks = _toks(doc)
    out = list(cands)
    for i, text in enumerate(t.text for t in toks):
        if text not in _SHIP_PREFIXES:
            continue
        end = i + 1
        while end < len(doc) and end - i <= _MAX_SHIP_WORDS and _is_name_word(toks[end].text):
            end += 1
        name = toks[i + 1 : end]
        if end == i + 1 or any(
            is_org_word(t.text) or match_title(name, k) for k, t in enumerate(name)
        ):
            continue  # "the MS Society": an organisation with the letters of a disease
        out = [c for c in out if c.end <= i or c.start >= end]
        out.append(_Cand(i, end, "PRODUCT"))
    return sorted(out, key=lambda c: c.start)


def _add_name_patterns(doc: Doc, cands: list[_Cand]) -> list[_Cand]:
    """Names with a hyphenated East Asian given name are persons even where NER missed them
    or cut them ("Han" NORP + "Mi-ryung"): the pattern replaces spans it partly overlaps."""
    out = list(cands)
    # A cheap scan of the text first: "Xx Xx-xx" is rare, token checks only where it occurs.
    for m in _NAME_PATTERN_RE.finditer(text_of(doc)):
        span = doc.char_span(m.start(), m.end())
        if span is None or len(span) != 4 or not hyphenated_name_at(_toks(doc), span.start):
            continue
        s, e = span.start, span.end
        if any(c.start <= s and c.end >= e for c in out):
            continue  # inside a span already (resplit and relabel deal with it)
        out = [c for c in out if c.end <= s or c.start >= e]
        out.append(_Cand(s, e, "PERSON"))
    return out


def _add_titled_names(
    doc: Doc, texts: list[str], cands: list[_Cand], words: EnglishWords
) -> list[_Cand]:
    """Names NER missed next to a title ("the director of X, Teodor Vasile", "Ana Ruiz, the
    envoy"): a run of two or three capitalised words shaped like a name."""
    toks = _toks(doc)
    taken = {i for c in cands for i in range(c.start, c.end)}
    added: list[_Cand] = []
    i, n = 0, len(texts)
    while i < n:
        if i in taken or not _is_name_word(texts[i]):
            i += 1
            continue
        j = i
        while j < n and j not in taken and _is_name_word(texts[j]) and j - i <= _MAX_NAME_WORDS:
            j += 1
        if 2 <= j - i <= _MAX_NAME_WORDS and person_shape(toks[i:j], words):
            c = _Cand(i, j, "PERSON")
            if _titled(doc, c) and place_hint(_text(doc, i, j)) is None:
                added.append(c)
        i = j
    return sorted([*cands, *added], key=lambda c: c.start) if added else cands


def _add_outlets(doc: Doc, cands: list[_Cand], words: EnglishWords) -> list[_Cand]:
    """An outlet NER missed ("Last week Helsingin Sanomat reported", "according to Kurren"):
    one to three capitalised words, not English words, right before a reporting verb or
    right after "according to" or an outlet noun."""
    toks = _toks(doc)
    taken = {i for c in cands for i in range(c.start, c.end)}
    added: list[_Cand] = []
    n = len(doc)
    for k, low in enumerate(_lowers(doc)):
        if low not in _OUTLET_TRIGGERS:
            continue  # the cheap rejection, without building the Token
        token = toks[k]
        if token.lower_ in _REPORT_VERBS:
            end, start = token.i, token.i
            while start > 0 and token.i - start < 3 and _untagged_name(doc, start - 1, taken):
                start -= 1
        elif token.lower_ in _OUTLET_NOUNS or (
            token.lower_ == "to" and token.i > 0 and toks[token.i - 1].lower_ == "according"
        ):
            start = end = token.i + 1
            while end < n and end - start < 3 and _untagged_name(doc, end, taken):
                end += 1
        else:
            continue
        if start < end and not all(words.is_listed(t.text) for t in toks[start:end]):
            added.append(_Cand(start, end, "ORG"))
            taken.update(range(start, end))
    return sorted([*cands, *added], key=lambda c: c.start) if added else cands


def _add_nearby_places(doc: Doc, cands: list[_Cand], words: EnglishWords) -> list[_Cand]:
    """"the bridge near Ardeza": one capitalised word NER missed, no English word and no
    person's name here, after "near"/"outside"/"via" (which take places, not firms or
    people), or after "in"/"at" when the gazetteer knows it as a place."""
    toks = _toks(doc)
    taken = {i for c in cands for i in range(c.start, c.end)}
    people = {t.text for c in cands if c.label == "PERSON" for t in toks[c.core : c.end]}
    added: list[_Cand] = []
    n = len(doc)
    for k, low in enumerate(_lowers(doc)):
        if low not in _LOCATIVES:
            continue
        token = toks[k]
        i = token.i + 1
        if token.lower_ not in _LOCATIVES or i >= n or not _untagged_name(doc, i, taken):
            continue
        text = toks[i].text
        if text in people or words.is_listed(text) or is_demonym_tokens([toks[i]]) is not None:
            continue
        if i + 1 < n and (
            toks[i + 1].text in ("'s", "’s", "'", "’")
            or (toks[i + 1].is_alpha and toks[i + 1].text[:1].isupper())
        ):
            continue
        hint = place_hint(text)
        if token.lower_ in _NEAR or (hint is not None and hint.label == "GPE"):
            added.append(_Cand(i, i + 1, hint.label if hint is not None else "GPE"))
    return sorted([*cands, *added], key=lambda c: c.start) if added else cands


def _untagged_name(doc: Doc, i: int, taken: set[int]) -> bool:
    toks = _toks(doc)
    t = toks[i]
    return i not in taken and t.is_alpha and t.text[:1].isupper() and not t.is_sent_start


def _add_repeated_names(doc: Doc, texts: list[str], cands: list[_Cand]) -> list[_Cand]:
    """A person's full name repeated where NER tagged nothing ("Ana Ruiz travels with …"
    after "Minister Ana Ruiz"): the same words, capitalised, not inside another entity."""
    toks = _toks(doc)
    names: dict[str, list[tuple[str, ...]]] = {}
    for c in cands:
        if c.label == "PERSON" and c.end - c.core > 1:
            words = tuple(t.text for t in toks[c.core : c.end])
            if words not in names.get(words[0], []):
                names.setdefault(words[0], []).append(words)
    if not names:
        return cands
    taken = {i for c in cands for i in range(c.start, c.end)}
    added: list[_Cand] = []
    n = len(doc)
    for k, text in enumerate(texts):
        options = names.get(text)
        if options is None or k in taken:
            continue
        token = toks[k]
        for words in options:
            end = token.i + len(words)
            if end <= n and all(
                toks[token.i + k].text == w and token.i + k not in taken
                for k, w in enumerate(words)
            ) and (end == n or not (toks[end].is_alpha and toks[end].text[:1].isupper())):
                added.append(_Cand(token.i, end, "PERSON"))
                taken.update(range(token.i, end))
                break
    return sorted([*cands, *added], key=lambda c: c.start) if added else cands


def _is_name_word(text: str) -> bool:
    return text[:1].isupper() and text.isalpha() and not text.isupper()


def _add_family_names(
    doc: Doc, texts: list[str], cands: list[_Cand], words: EnglishWords
) -> list[_Cand]:
    """A family name NER missed ("Nauseda said") after the full name was tagged elsewhere:
    the last word of a Western name, the first of a name with a hyphenated given name."""
    toks = _toks(doc)
    family: set[str] = set()
    for c in cands:
        if c.label != "PERSON" or c.end - c.start < 2:
            continue
        east_asian = hyphenated_name_at(toks, c.start)
        name = toks[c.start].text if east_asian else toks[c.end - 1].text
        if _is_name_word(name):
            family.add(name)
        first_surname = paternal_surname([t.text for t in toks[c.core : c.end]])
        if first_surname is not None and _is_name_word(first_surname):
            family.add(first_surname)  # "Ibáñez" of "Ricardo Ibáñez de la Torre"
    if not family:
        return cands
    taken = {i for c in cands for i in range(c.start, c.end)}
    added: list[_Cand] = []
    for i, text in enumerate(texts):
        if text not in family or i in taken:
            continue
        token = toks[i]
        nxt = toks[i + 1] if i + 1 < len(doc) else None
        prev = toks[i - 1] if i > 0 else None
        # Part of a longer capitalised name ("Nauseda Street") or of a hyphenated compound
        # ("Ata-ur-Rehman") is something else.
        if nxt is not None and nxt.is_alpha and nxt.text[:1].isupper():
            continue
        if prev is not None and prev.text in HYPHENS and not prev.whitespace_:
            continue
        if (
            prev is not None
            and prev.is_alpha
            and prev.text[:1].isupper()
            and i - 1 not in taken
            and not prev.is_sent_start
        ):
            continue
        if (
            token.is_sent_start
            and words.is_listed(token.text)
            and (nxt is None or not nxt.tag_.startswith(("VB", "MD")))
        ):
            continue  # "Long queues formed": a capitalised word, not Ms Long
        added.append(_Cand(i, i + 1, "PERSON"))
    return sorted([*cands, *added], key=lambda c: c.start) if added else cands


def _add_full_names(doc: Doc, cands: list[_Cand], words: EnglishWords) -> list[_Cand]:
    """A full name NER missed where it tagged the bare family name elsewhere ("OSLO - Ana
    Berg won ... Berg, 44, will"): the family name with the given name compounded into it."""
    toks = _toks(doc)
    family = {
        toks[c.core].text
        for c in cands
        if c.label == "PERSON" and c.end - c.core == 1 and _is_name_word(toks[c.core].text)
    }
    if not family:
        return cands
    taken = {i for c in cands for i in range(c.start, c.end)}
    added: list[_Cand] = []
    for i in range(1, len(doc)):
        token = toks[i]
        if token.text not in family or i in taken or token.pos_ != "PROPN":
            continue
        nxt = toks[i + 1] if i + 1 < len(doc) else None
        if nxt is not None and nxt.is_alpha and nxt.text[:1].isupper():
            continue  # part of a longer name ("Berg Street")
        cand = _Cand(i, i + 1, "PERSON")
        _widen_given_name(doc, cand, taken, words)
        if cand.start < i:
            added.append(cand)
            taken.update(range(cand.start, cand.end))
    return sorted([*cands, *added], key=lambda c: c.start) if added else cands


def _placeish(token: Token) -> bool:
    """A nationality, a country or a town of some size: no word of a person's name."""
    if is_demonym_tokens([token]) is not None:
        return True
    hint = place_hint(token.text)
    return hint is not None and (hint.population >= _TOWN or (hint.feature or "").startswith("A."))


def _dateline_place(doc: Doc, cands: list[_Cand], words: EnglishWords) -> list[_Cand]:
    """The place word of a dateline ("OSLO -", "LA PAZ, May 3 -", also under a headline) is
    a place where NER, misled by the capitals, tagged nothing; an entity running across the
    dateline's dash ("Oslo - Ana Berg") ends before it."""
    begin_at, end = dateline_span(text_of(doc))
    if not end:
        return cands
    toks = _toks(doc)
    begin = 0
    while begin < len(doc) and (toks[begin].idx < begin_at or toks[begin].is_space):
        begin += 1
    stop = begin
    while stop < len(doc) and toks[stop].idx < end and toks[stop].text not in (",", "(", *HYPHENS):
        stop += 1
    out: list[_Cand] = []
    for c in cands:
        if c.start < stop < c.end and c.start >= begin:
            out.append(_Cand(c.start, stop, "GPE"))
            rest = c.end
            start = stop
            while start < rest and toks[start].idx < end:
                start += 1
            label = _lead_label(doc, start, rest, c.label, words, cands) if start < rest else None
            if label is not None:
                out.append(_Cand(start, rest, label, country=c.country))
        else:
            out.append(c)
    caps = [t.text for t in toks[begin:stop]]
    name = " ".join(w.capitalize() if w.isupper() else w for w in caps)
    if (
        stop > begin
        and all(w[:1].isupper() and w.replace(".", "").isalpha() for w in caps)
        and place_hint(name) is not None
    ):
        whole = [c for c in out if c.start == begin and c.end == stop]
        if not any(begin <= c.start < stop for c in out):
            out.append(_Cand(begin, stop, "GPE"))
        for c in whole:
            if c.label not in PLACE_LABELS:
                c.label = "GPE"  # "BILBAO, Spain -" that NER, misled by capitals, made an ORG
    # The capitals before it also hide the lead's subject from NER: a person-shaped run of
    # proper nouns right after the dash, followed by its verb, is a name (the parse is the
    # evidence here, so ordinary words such as "Berg" or "Rose" may be part of it).
    # Capitalised words there need evidence that they name a person, though: "KYIV - Heavy
    # Rain fell" is a headline-cased lead, no one's name.
    first = next((t.i for t in toks if t.idx >= end), len(doc))
    last = first
    while last < len(doc) and toks[last].pos_ == "PROPN" and _is_name_word(toks[last].text):
        last += 1
    if (
        last < len(doc)
        and not toks[last].text[:1].isupper()
        and not any(c.start < last and first < c.end for c in out)
        and (toks[last].pos_ in ("VERB", "AUX") or toks[last].text == ",")
        and person_shape(toks[first:last]) == 1
        and not any(_placeish(t) for t in toks[first:last])
        and _lead_names_a_person(doc, first, last, words, out)
    ):
        out.append(_Cand(first, last, "PERSON"))
    return sorted(out, key=lambda c: c.start)


# Verbs whose subject is a person (or a body of people), never weather or a thing: besides
# the reporting verbs of speech_verbs.tsv, verbs of volition, office, contest and personal
# life (cf. Levin 1993 classes 29 "appoint", 36 "social interaction", 37 "communication",
# 40 "bodily/emotional behaviour", 51 "motion with a volitional agent").
_HUMAN_SUBJECT_VERBS = frozenset(
    "resign retire quit win lose vow pledge promise decide refuse agree intend plan try"
    " attempt seek wish hope apologise apologize meet visit travel fly marry divorce sign"
    " campaign negotiate confess plead appeal testify smile laugh weep mourn celebrate"
    " survive pray graduate join".split()
)
# Speech-verb classes whose subject may be a thing ("the data show", "findings indicate").
_THING_SUBJECT_CLASSES = frozenset({"evidence"})
# Heads of named weather systems ("Storm Ingunn", "Typhoon Haikui"), WMO naming practice.
_WEATHER_SYSTEMS = frozenset({"storm", "hurricane", "typhoon", "cyclone", "tropical"})
_SEX_PRONOUNS = frozenset({"he", "she", "him", "his", "her", "himself", "herself"})


def _human_subject(token: Token) -> bool:
    """``token`` is the active subject of a verb that only people (or bodies of people) do."""
    if token.dep_ != "nsubj":
        return False
    lemma = token.head.lemma_.lower()
    if lemma in _HUMAN_SUBJECT_VERBS:
        return True
    spoken = speech_verbs().get(lemma)
    return spoken is not None and spoken[0] not in _THING_SUBJECT_CLASSES


def _lead_label(
    doc: Doc, start: int, end: int, label: str, words: EnglishWords, cands: list[_Cand]
) -> str | None:
    """The type of the words after the dateline's dash that NER ran into the dateline
    ("OSLO - Kavro Dunnel" ORG): the capitals misled it, so a person-shaped run with evidence
    of a person is one, and a run of dictionary words with no organisation noun and no verb
    of people after it ("OSLO - Freezing Fog closed ...") is no name at all."""
    toks = _toks(doc)
    run = toks[start:end]
    if label == "PERSON":
        return label
    if (
        person_shape(run) == 1
        and not any(_placeish(t) for t in run)
        and _lead_names_a_person(doc, start, end, words, cands)
    ):
        return "PERSON"
    if (
        label != "GPE"
        and all(t.is_alpha and t.lower_ in words for t in run)
        and not any(is_org_word(t.text) or is_demonym_tokens([t]) is not None for t in run)
        and not _human_subject(run[-1])
    ):
        return None
    return label


def _lead_names_a_person(
    doc: Doc, first: int, last: int, words: EnglishWords, cands: list[_Cand]
) -> bool:
    """Evidence that the capitalised words ``first:last`` opening the lead are a person's
    name, not a headline-cased phrase: a family name no English dictionary lists, a verb
    only people do, a title in apposition, the name recurring alone later in a sentence or
    a he/she in the lead that no other named person can take."""
    toks = _toks(doc)
    run = toks[first:last]
    if run[0].lower_ in _WEATHER_SYSTEMS:
        return False
    if run[-1].lower_ not in words:
        return True  # "Vrell", "Soto": a name, where "Rain" or "Winds" are words
    head = run[-1]
    if _human_subject(head):
        return True
    for child in head.children:
        if child.dep_ == "appos" and (
            title_kind([child.lower_]) is not None or title_kind([child.lemma_.lower()])
        ):
            return True  # "Ana Berg, the mayor, said"
    parts = {t.text for t in run}
    taken = {i for c in cands for i in range(c.start, c.end)}
    sent_end = run[-1].sent.end
    for token in toks[last:]:
        if token.text in parts and _is_name_word(token.text):
            alone = not any(
                0 <= j < len(doc) and _is_name_word(toks[j].text)
                for j in (token.i - 1, token.i + 1)
            )
            if alone and (not token.is_sent_start or _human_subject(token)):
                return True  # "Berg said", "... said Berg"
        elif token.i < sent_end and token.lower_ in _SEX_PRONOUNS:
            return not any(i in taken for i in range(last, token.i))
    return False


# Verbs whose object is a person when it is a name: "met Ivo Maric", "phoned X", "appointed X".
_PERSON_OBJECT_VERBS = frozenset(
    "meet phone call telephone thank congratulate greet receive welcome host interview"
    " appoint name nominate sack fire dismiss replace succeed arrest detain charge sentence"
    " convict acquit pardon release free kidnap abduct kill murder shoot marry accompany"
    " brief tell ask urge invite".split()
)


def _add_named_objects(doc: Doc, cands: list[_Cand], words: EnglishWords) -> list[_Cand]:
    """"Eva Brandl met Ivo Maric": a name NER missed as the object of a verb that takes
    people (meet, phone, appoint, arrest ...), two or three capitalised proper nouns that
    are no place, title or organisation."""
    toks = _toks(doc)
    taken = {i for c in cands for i in range(c.start, c.end)}
    added: list[_Cand] = []
    for token in (toks[i] for i in indices_with_pos(doc, "PROPN")):
        if token.dep_ not in ("dobj", "pobj") or token.i in taken:
            continue
        verb = token.head if token.dep_ == "dobj" else token.head.head
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _PERSON_OBJECT_VERBS:
            continue
        if token.dep_ == "pobj" and token.head.lower_ not in ("with", "by"):
            continue  # "met with X", "was received by X"
        start = token.i
        while start > 0 and toks[start - 1].dep_ == "compound" and toks[start - 1].head == token:
            start -= 1
        run = toks[start : token.i + 1]
        if any(i in taken for i in range(start, token.i + 1)) or not all(
            _is_name_word(t.text) and t.pos_ == "PROPN" for t in run
        ):
            continue
        if person_shape(run, words) == 1 and not any(_placeish(t) for t in run):
            added.append(_Cand(start, token.i + 1, "PERSON"))
    return sorted([*cands, *added], key=lambda c: c.start) if added else cands


def _recurs_alone(doc: Doc, last: Token) -> bool:
    """The family name ``last`` stands alone later in the text ("... Maric said")."""
    toks = _toks(doc)
    for token in toks[last.i + 1 :]:
        before = toks[token.i - 1]
        after = toks[token.i + 1] if token.i + 1 < len(doc) else None
        if (
            token.text == last.text
            and (before.is_sent_start or not _is_name_word(before.text))
            and (after is None or not _is_name_word(after.text))
        ):
            return not token.is_sent_start or _human_subject(token)
    return False


def _add_named_subjects(doc: Doc, cands: list[_Cand], words: EnglishWords) -> list[_Cand]:
    """"Mayor Ana Ruiz visited the bridge": a name NER missed as the subject of a verb, two
    or three capitalised proper nouns that are no place, title or organisation, with
    evidence of a person: a title before it, a verb only people do, or the family name
    standing alone later ("... Ruiz said")."""
    toks = _toks(doc)
    taken = {i for c in cands for i in range(c.start, c.end)}
    added: list[_Cand] = []
    for token in (toks[i] for i in indices_with_pos(doc, "PROPN")):
        if token.dep_ != "nsubj" or token.i in taken:
            continue
        if token.head.pos_ not in ("VERB", "AUX"):
            continue
        start = token.i
        while start > 0 and toks[start - 1].dep_ == "compound" and toks[start - 1].head == token:
            start -= 1
        titled = False
        while start < token.i and title_kind([toks[start].lower_]) is not None:
            start, titled = start + 1, True  # "Mayor Ana Ruiz": the title is no word of it
        run = toks[start : token.i + 1]
        if not 2 <= len(run) <= 3 or any(i in taken for i in range(start, token.i + 1)):
            continue
        if not all(_is_name_word(t.text) and t.pos_ == "PROPN" for t in run):
            continue
        if any(is_org_word(t.text) for t in run) or run[0].lower_ in _WEATHER_SYSTEMS:
            continue
        if (
            person_shape(run, words) == 1
            and not any(_placeish(t) for t in run)
            and place_hint(" ".join(t.text for t in run)) is None
            # a word no dictionary lists is not enough here ("Gazprom Neft raised output")
            and (titled or _human_subject(token) or _recurs_alone(doc, token))
        ):
            added.append(_Cand(start, token.i + 1, "PERSON"))
    return sorted([*cands, *added], key=lambda c: c.start) if added else cands


# Buildings and grounds named after a person or saint in the possessive ("St Paul's
# Cathedral", "Guy's Hospital"), beyond the place and organisation nouns of the lexicons.
_NAMED_BUILDINGS = frozenset(
    "basilica church chapel abbey cathedral minster temple mosque synagogue shrine monastery"
    " convent priory hospital infirmary clinic college school academy university hall palace"
    " castle tower park gardens square stadium arena".split()
)
_SAINT_PREFIXES = frozenset({"st", "st.", "saint", "ste", "ste."})


def _possessive_sites(doc: Doc, cands: list[_Cand]) -> list[_Cand]:
    """"St. Peter's Basilica", "Guy's Hospital": a saint's or person's name, the possessive
    and a capitalised building noun are one site's name, not a town (St. Peter, Minnesota) or a
    person."""
    toks = _toks(doc)
    out = list(cands)
    for c in cands:
        k = c.end
        if k + 1 >= len(doc) or toks[k].text not in ("'s", "’s"):
            continue
        noun = toks[k + 1]
        if not (noun.text[:1].isupper() and noun.lower_ in _NAMED_BUILDINGS):
            continue
        if c.label != "PERSON" and toks[c.start].lower_ not in _SAINT_PREFIXES:
            continue
        label = "ORG" if is_org_word(noun.text) else "FAC"
        site = _Cand(c.start, k + 2, label)
        out = [o for o in out if o.end <= c.start or o.start >= site.end]
        out.append(site)
    return sorted(out, key=lambda c: c.start)


def _dedupe(cands: Iterable[_Cand]) -> list[_Cand]:
    ordered = sorted(cands, key=lambda c: (c.start, -(c.end - c.start)))
    out: list[_Cand] = []
    for c in ordered:
        if out and c.start < out[-1].end:
            continue  # overlapping a longer span that starts earlier: keep the longer one
        out.append(c)
    return out


def _records(doc: Doc, cands: list[_Cand]) -> list[EntityRecord]:
    toks = _toks(doc)
    groups: dict[tuple[str, str], EntityRecord] = {}
    links: dict[str, tuple[str, str]] = {}
    pending: list[_Cand] = []
    for c in cands:
        if c.link is not None:
            pending.append(c)
            continue
        core_text = _text(doc, c.core, c.end)
        key = (name_key(core_text), _coarse(c.label))
        full = _text(doc, c.start, c.end)
        rec = groups.get(key)
        if rec is None:
            rec = EntityRecord(key="", name=full, label=c.label)
            groups[key] = rec
        elif len(full) > len(rec.name) or (
            len(full) == len(rec.name) and rec.name.isupper() and not full.isupper()
        ):
            # The fullest form; at equal length the text's casing over a dateline's capitals.
            rec.aliases.append(rec.name)
            rec.name = full
        rec.mentions.append((toks[c.start].idx, toks[c.end - 1].idx + len(toks[c.end - 1].text)))
        for alias in (full, core_text, *c.aliases):
            if alias != rec.name:
                rec.aliases.append(alias)
        if c.country and not rec.country:
            rec.country = c.country
        links.setdefault(key[0], key)
        links.setdefault(name_key(full), key)
    for c in pending:
        target = links.get(c.link or "")
        rec = groups.get(target) if target else None
        if rec is None:
            rec = EntityRecord(key="", name=_text(doc, c.start, c.end), label=c.label)
            groups[(name_key(rec.name), _coarse(c.label))] = rec
        rec.mentions.append((toks[c.start].idx, toks[c.end - 1].idx + len(toks[c.end - 1].text)))
        rec.aliases.append(_text(doc, c.start, c.end))
    # Bare acronym mentions elsewhere in the text ("the JPO said") join their expansion.
    by_alias = {name_key(a): r for r in groups.values() for a in r.aliases if a.isupper()}
    out: list[EntityRecord] = []
    for rec in groups.values():
        if rec.name.isupper() and name_key(rec.name) in by_alias:
            other = by_alias[name_key(rec.name)]
            if other is not rec:
                other.mentions.extend(rec.mentions)
                continue
        out.append(rec)
    for rec in out:
        if rec.country is None:
            rec.country = _country_of_name(rec)
        rec.mentions.sort()
        rec.aliases = [a for a in dict.fromkeys(rec.aliases) if a != rec.name]
    out.sort(key=lambda r: r.mentions[0])
    for n, rec in enumerate(out, 1):
        rec.key = f"e{n}"
    return out


def _country_of_name(rec: EntityRecord) -> str | None:
    """A nationality's or a country's own code ("Chilean" → CL, "Chile" → CL)."""
    from storyline.resources.countries import country_code, country_of_demonym

    if rec.label == "NORP":
        return country_of_demonym(rec.name)
    if rec.label == "GPE":
        return country_code(rec.name)
    return None


def _coarse(label: str) -> str:
    return "PLACE" if label in PLACE_LABELS else label


def _set_ents(doc: Doc, cands: list[_Cand], ents: Sequence[Span]) -> None:
    spans = [Span(doc, c.start, c.end, label=c.label) for c in cands]
    others = [e for e in ents if e.label_ not in NAMED_LABELS]
    kept = filter_spans([*spans, *others])
    doc.ents = sorted(kept, key=lambda s: s.start)


def _dateline_outlet(doc: Doc, cands: list[_Cand]) -> list[_Cand]:
    """The bracketed name in a wire dateline ("OSLO, May 3 (Nordic Wire) -") is the outlet
    that filed the story: an organisation, whatever NER made of it."""
    text = text_of(doc)
    begin_at, end = dateline_span(text)
    open_at = text.rfind("(", begin_at, end)
    close_at = text.rfind(")", 0, end)
    if open_at < 0 or close_at < open_at:
        return cands
    span = doc.char_span(open_at + 1, close_at, alignment_mode="contract")
    if span is None or not any(t.text[:1].isupper() for t in span):
        return cands
    inside = [c for c in cands if span.start <= c.start and c.end <= span.end]
    if not inside:
        inside = [_Cand(span.start, span.end, "ORG")]
        cands = sorted([*cands, *inside], key=lambda c: c.start)
    # The outlet keeps its type wherever the text names it again ("told Nordic Wire").
    keys = {name_key(_text(doc, c.core, c.end)) for c in inside}
    for c in cands:
        if c in inside or name_key(_text(doc, c.core, c.end)) in keys:
            c.label = "ORG"
    return cands


class EntitiesStage:
    def __init__(self, words: EnglishWords) -> None:
        self.words = words

    def __call__(self, doc: Doc) -> Doc:
        held = _DOC_GAZETTEER.set([])
        try:
            ents = doc.ents  # spaCy rebuilds the tuple of spans on every read
            cands = correct_entities(doc, self.words, ents)
            _set_ents(doc, cands, ents)
            records: list[EntityRecord] = doc._.sl_entities
            records.extend(_records(doc, cands))
        finally:
            # Token objects must not outlive the stage (user_data is pickled with the doc).
            doc.user_data.pop(_TOKENS_KEY, None)
            doc.user_data.pop(_LOWERS_KEY, None)
            _DOC_GAZETTEER.reset(held)
        return doc


@Language.factory(
    "storyline_entities",
    requires=["doc.ents"],
    assigns=["doc.ents", "doc._.sl_entities"],
)
def make_entities(nlp: Language, name: str) -> EntitiesStage:
    return EntitiesStage(english_words(nlp))
