"""Names and titles: the lexicons and shape tests the entity, role and coref stages share.

* ``titles.tsv``: office titles ("prime minister", "director", "general");
* ``honorifics.tsv``: abbreviations written before a name ("Mr", "Gen.");
* ``words_org.txt``: head nouns of organisation names ("Ministry", "Committee");
* ``words_places.txt``: nouns of built structures (FAC), natural features (LOC) and nouns that
  introduce a settlement or stop (SITE).

All load lazily, once.  Matching is on lower-cased token text; plural titles ("Ministers")
are matched through their singular.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from functools import cache, lru_cache
from importlib import resources

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

__all__ = [
    "HYPHENS",
    "PERSON_LABELS",
    "PLACE_LABELS",
    "Tokens",
    "honorifics",
    "hyphenated_name_at",
    "is_demonym_tokens",
    "is_org_word",
    "is_syllable",
    "match_title",
    "name_key",
    "org_words",
    "paternal_surname",
    "person_shape",
    "place_noun_kind",
    "singular",
    "title_kind",
    "titles",
    "without_article",
]

Tokens = Doc | Span | Sequence[Token]
"""Anything that indexes to tokens: a doc, a span or a list of tokens."""

HYPHENS = frozenset("-‐‑‒–")
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PERSON_LABELS = frozenset({"PERSON"})
_MAX_TITLE_WORDS = 4
_KEY_DROP = str.maketrans({c: None for c in "'’‘ʼ`."})
_KEY_SPACE = re.compile(r"[\s\-‐‑‒–—−]+")


def _lines(name: str) -> list[list[str]]:
    text = resources.files("storyline.resources").joinpath(name).read_text(encoding="utf-8")
    return [
        [c.strip() for c in line.split("\t")]
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    ]


@cache
def titles() -> dict[tuple[str, ...], str]:
    """Title words (lower case, as a tuple of words) → kind."""
    out: dict[tuple[str, ...], str] = {}
    for cols in _lines("titles.tsv"):
        words = tuple(_KEY_SPACE.sub(" ", cols[0].lower().replace("-", " - ")).split())
        out.setdefault(words, cols[1] if len(cols) > 1 else "generic")
    return out


@cache
def honorifics() -> frozenset[str]:
    return frozenset(cols[0].lower() for cols in _lines("honorifics.tsv"))


@cache
def org_words() -> frozenset[str]:
    return frozenset(cols[0].lower() for cols in _lines("words_org.txt"))


@cache
def _place_nouns() -> dict[str, frozenset[str]]:
    kinds: dict[str, set[str]] = {}
    for cols in _lines("words_places.txt"):
        kinds.setdefault(cols[0].lower(), set()).add(cols[1] if len(cols) > 1 else "SITE")
    return {k: frozenset(v) for k, v in kinds.items()}


def place_noun_kind(word: str) -> frozenset[str]:
    """The kinds (FAC, LOC, SITE) of a place noun; empty when it is none."""
    return _place_nouns().get(word.lower(), frozenset())


def is_org_word(word: str) -> bool:
    return word.lower() in org_words()


def singular(word: str) -> str:
    """A plural title's singular ("ministers" → "minister", "secretaries" → "secretary")."""
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("men",)) and len(w) > 4:
        return w[:-3] + "man"
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def _word(token: Token) -> str:
    return token.text.lower().rstrip(".")


def match_title(tokens: Tokens, i: int, end: int | None = None) -> int:
    """Number of tokens of the longest title starting at ``tokens[i]`` (0 when none),
    looking no further than ``end``.

    The last word of a title may be plural ("the Ministers of ...", "Generals").
    """
    table = titles()
    first_words = _title_first_words()
    stop = min(len(tokens), i + _MAX_TITLE_WORDS, len(tokens) if end is None else end)
    if i >= stop or _word(tokens[i]) not in first_words:
        return 0
    best = 0
    words: list[str] = []
    for j in range(i, stop):
        token = tokens[j]
        if not (token.is_alpha or token.text in HYPHENS):
            break
        words.append(_word(token))
        if tuple(words) in table or tuple([*words[:-1], singular(words[-1])]) in table:
            best = j - i + 1
    return best


@cache
def _title_first_words() -> frozenset[str]:
    """First words of titles, also in plural form, for a quick rejection."""
    firsts = {words[0] for words in titles()}
    singles = {words[0] for words in titles() if len(words) == 1}
    plurals = {w + "s" for w in singles} | {w[:-1] + "ies" for w in singles if w.endswith("y")}
    plurals |= {w[:-3] + "men" for w in singles if w.endswith("man")}
    return frozenset(firsts | plurals)


def title_kind(words: Sequence[str]) -> str | None:
    """The kind of a title given as lower-case words (singular or plural last word)."""
    table = titles()
    key = tuple(words)
    if key in table:
        return table[key]
    if key:
        return table.get((*key[:-1], singular(key[-1])))
    return None


def is_demonym_tokens(tokens: Tokens) -> str | None:
    """The country code when ``tokens`` spell a demonym ("South Korean" → "KR")."""
    text = " ".join(t.text for t in tokens)
    if not text[:1].isupper():
        return None
    return _demonym_code(text)


@lru_cache(maxsize=16_384)  # the same capitalised words are asked about again and again
def _demonym_code(text: str) -> str | None:
    from storyline.resources.countries import country_of_demonym, is_demonym

    if not is_demonym(text):
        # A demonym spelled like its country's name ("Lao", "Myanmar") is dropped by the
        # countries lexicon's demonym index; the rows still list it.
        return _row_demonyms().get(text.casefold())
    return country_of_demonym(text) or ""


@cache
def _row_demonyms() -> dict[str, str]:
    """Demonyms listed by exactly one country row, case-folded → ISO code."""
    from storyline.resources.countries import country_rows

    seen: dict[str, set[str]] = {}
    for row in country_rows():
        for dem in row.demonyms:
            seen.setdefault(dem.casefold(), set()).add(row.iso2)
    return {dem: next(iter(codes)) for dem, codes in seen.items() if len(codes) == 1}


# One romanised East Asian syllable (Korean McCune-Reischauer / Revised, Chinese pinyin):
# an optional onset, a vowel group, an optional final nasal or stop.  "Seok", "Hyun",
# "min", "ryung", "ping"; not "built", "made", "cold".
_SYLLABLE = re.compile(
    r"^(?:[bcdfghjklmnpqrstvwxyz]{0,2}h?)(?:[aeiouwy]{1,3})(?:ng|n|m|k|l|p|t|r|s)?$",
    re.IGNORECASE,
)


def is_syllable(word: str) -> bool:
    """Whether ``word`` is one romanised East Asian name syllable."""
    return len(word) <= 6 and bool(_SYLLABLE.match(word))


def hyphenated_name_at(tokens: Tokens, i: int) -> bool:
    """``tokens[i:i+4]`` is a family name and a hyphenated given name ("Ri Son-gwon")."""
    if i + 4 > len(tokens):
        return False
    fam, first, hyphen, second = tokens[i], tokens[i + 1], tokens[i + 2], tokens[i + 3]
    return (
        _is_cap(fam)
        and len(fam) <= 6
        and fam.lower_ not in STOP_WORDS
        and bool(fam.whitespace_)
        and _is_cap(first)
        and is_syllable(first.text)
        and not first.whitespace_
        and hyphen.text in HYPHENS
        and not hyphen.whitespace_
        and second.is_lower
        and second.is_alpha
        and is_syllable(second.text)
    )


def _is_cap(token: Token) -> bool:
    text = token.text
    return text[:1].isupper() and any(c.islower() for c in text)


def person_shape(span: Tokens, common: Container[str] = frozenset()) -> int:
    """How much ``span`` looks like a person's name: 2 strong, 1 plausible, 0 not.

    Strong: a family name and a hyphenated given name ("Ri Son-gwon", "Lee Jae-myung"), the
    East Asian romanisation that never forms organisation names.  Plausible: two or three
    capitalised words with no organisation, place or title noun and at most one of them an
    ordinary English word (``common`` is the word list to ask).
    """
    tokens = [t for t in span if not t.is_space]
    if not tokens or len(tokens) > 6:
        return 0
    words = [t for t in tokens if t.text not in HYPHENS]
    if any(not t.is_alpha for t in words) or not all(t.text[:1].isupper() for t in words[:1]):
        return 0
    lowered = [w.text.lower() for w in words]
    if any(w in org_words() or place_noun_kind(w) or title_kind([w]) for w in lowered):
        return 0
    texts = [t.text for t in tokens]
    # Family name + Cap-lower given name: "Ri Son-gwon" = Ri, Son, -, gwon.
    if len(tokens) == 4 and hyphenated_name_at(tokens, 0):
        return 2
    if any(t in HYPHENS for t in texts):
        return 0
    if not 2 <= len(words) <= 3 or not all(_is_cap(w) for w in words):
        return 0
    ordinary = sum(1 for w in lowered if w in common)
    return 1 if ordinary <= 1 else 0


# The Arabic definite article hyphenated to a family name ("al-Khatib", "el-Sayed" and the
# sun-letter forms "ash-", "az-" ...), which news drops from later mentions ("Khatib said").
_ARABIC_ARTICLES = frozenset({"al", "el", "ad", "adh", "an", "ar", "as", "ash", "at", "ath", "az"})


def without_article(key: str) -> str:
    """A name key without a leading Arabic article ("al khatib" → "khatib")."""
    first, _, rest = key.partition(" ")
    return rest if rest and first in _ARABIC_ARTICLES else key


# Lower-case particles inside family names: Spanish/Portuguese/Italian/French ("de la Torre",
# "dos Santos", "di Stefano", "du Pont"), Dutch/German ("van der Berg", "von Weiss").
_SURNAME_PARTICLES = frozenset(
    "de del della la las los da das do dos di du des van der den ter ten von zu".split()
)


def paternal_surname(words: Sequence[str]) -> str | None:
    """The first family name of an Iberian double surname whose second one has a particle
    ("Ricardo Ibáñez de la Torre" → "Ibáñez"), which later mentions use alone; None when the
    particle follows the first word ("Joost van der Wal") or there is none."""
    for k in range(2, len(words) - 1):
        if words[k] in _SURNAME_PARTICLES:
            rest = words[k:]
            if all(w in _SURNAME_PARTICLES for w in rest[:-1]) and rest[-1][:1].isupper():
                return words[k - 1]
            return None
    return None


@lru_cache(maxsize=65_536)  # names repeat through a text; the key is a pure function
def name_key(text: str) -> str:
    """Comparison key of a name: case-folded, hyphens as spaces, apostrophes dropped."""
    text = text.translate(_KEY_DROP)
    text = _KEY_SPACE.sub(" ", text).strip().casefold()
    if text.startswith("the "):
        text = text[4:]
    return text
