"""Keys that let names written differently across documents meet (the corpus merge).

A name is reduced in steps, each tolerating one class of variation between outlets:

* accents, case and punctuation: ``Hudecová`` / ``HUDECOVA`` -> ``hudecova``;
* honorifics and titles before the name: ``Mr.``, ``Dr``, ``Prime Minister`` are dropped;
* hyphenation and spacing: ``Kerekes-Barta`` / ``Kerekes Barta`` / ``KerekesBarta`` meet in
  the compact form ``kerekesbarta``;
* transliteration: :func:`skeleton` maps the letter groups romanisations disagree on
  (``kh``/``h``, ``y``/``i``/``j``, ``ou``/``u``, ``w``/``v``, ``c``/``k``, doubled letters)
  to one letter and drops the vowels after the first letter, so ``Dmytro`` / ``Dmitri`` /
  ``Dmitry`` and ``Muhammad`` / ``Mohammed`` share a skeleton.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

__all__ = ["acronym", "clean_name", "compact", "name_tokens", "skeleton"]

_SPLIT = re.compile(r"[\s\-‐‑–—_/.,'’`]+")
_NON_ALNUM = re.compile(r"[^0-9a-z ]+")
# Ordered: longer groups first, so "sch" is read before "ch".
_TRANSLIT = (
    ("sch", "s"),
    ("tch", "c"),
    ("tsch", "c"),
    ("ch", "c"),
    ("sh", "s"),
    ("zh", "j"),
    ("kh", "h"),
    ("dj", "j"),
    ("dzh", "j"),
    ("ph", "f"),
    ("th", "t"),
    ("ck", "k"),
    ("ks", "x"),
    ("q", "k"),
    ("w", "v"),
    ("c", "k"),
    ("z", "s"),
    ("y", "i"),
    ("j", "i"),
    ("ou", "u"),
)
_VOWELS = frozenset("aeiou")
# Words that qualify a title ("Foreign Minister", "Deputy Mayor", "former President"): dropped
# with the title that follows them.
_TITLE_MODIFIERS = frozenset(
    """foreign interior defence defense finance health trade justice education labour labor
    deputy acting former vice assistant chief senior junior interim outgoing incoming
    opposition state federal regional""".split()
)
# Words that do not count towards an acronym ("Bank of England" -> BE, "BoE" aside).
_ACRONYM_SKIP = frozenset({"of", "the", "for", "and", "on", "in", "de", "du", "la", "le", "&"})


@cache
def _prefix_words() -> tuple[tuple[str, ...], ...]:
    """Honorifics and titles (as lower-case word tuples), longest first."""
    out: set[tuple[str, ...]] = set()
    base = resources.files("storyline.resources")
    for name in ("honorifics.tsv", "titles.tsv"):
        for line in base.joinpath(name).read_text("utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            form = line.split("\t", 1)[0].strip().lower()
            words = tuple(w for w in _SPLIT.split(_fold(form)) if w)
            if words:
                out.add(words)
    return tuple(sorted(out, key=len, reverse=True))


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@cache
def name_tokens(name: str) -> tuple[str, ...]:
    """The words of a name, folded (no accents, lower case), honorifics and titles removed.

    Hyphenated parts stay separate words here; :func:`compact` joins them.
    """
    words = [w for w in (_NON_ALNUM.sub("", w) for w in _SPLIT.split(_fold(name))) if w]
    if words and words[0] == "the":
        words = words[1:]
    prefixes = _prefix_words()
    firsts = _prefixes_by_first_word()
    changed = True
    while changed and len(words) > 1:
        changed = False
        if words[0] in _TITLE_MODIFIERS and len(words) > 2 and words[1] in firsts:
            words = words[1:]
            changed = True
            continue
        for prefix in prefixes:
            n = len(prefix)
            if n < len(words) and tuple(words[:n]) == prefix:
                words = words[n:]
                changed = True
                break
    return tuple(words)


@cache
def _prefixes_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for prefix in _prefix_words():
        out.setdefault(prefix[0], []).append(prefix)
    return {k: tuple(v) for k, v in out.items()}


@cache
def clean_name(name: str) -> str:
    """The name without a leading honorific or title (original spelling kept)."""
    words = name.split()
    stripped = True
    # Repeatedly: "Foreign Minister Dr. X" loses "Foreign", "Minister" and "Dr.".
    while stripped and len(words) > 1:
        stripped = False
        first = _NON_ALNUM.sub("", _fold(words[0]))
        if first in _TITLE_MODIFIERS and len(words) > 2:
            second = _NON_ALNUM.sub("", _fold(words[1]))
            if second in _prefixes_by_first_word():
                words = words[1:]
                stripped = True
                continue
        for prefix in _prefixes_by_first_word().get(first, ()):
            n = len(prefix)
            if n < len(words):
                folded = tuple(_NON_ALNUM.sub("", _fold(w)) for w in words[:n])
                if folded == prefix:
                    words = words[n:]
                    stripped = True
                    break
    return " ".join(words)


def compact(name: str) -> str:
    """Folded letters and digits of the name without spaces or hyphens."""
    return "".join(name_tokens(name))


@cache
def skeleton(word: str) -> str:
    """A transliteration-tolerant key of a folded word (see the module docstring)."""
    if not word:
        return ""
    out = word
    for group, letter in _TRANSLIT:
        out = out.replace(group, letter)
    first, rest = out[0], out[1:]
    kept = [c for c in rest if c not in _VOWELS and c != "h"]
    collapsed: list[str] = [first]
    for c in kept:
        if c != collapsed[-1]:
            collapsed.append(c)
    return "".join(collapsed)


def acronym(name: str) -> str | None:
    """Initials of a name of three or more significant words (``Danube Flood Protection
    Commission`` -> ``dfpc``), or the name itself when it is written as an acronym."""
    raw = name.strip()
    letters = raw.replace(".", "")
    if 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper():
        return letters.lower()
    words = [w for w in _SPLIT.split(_fold(raw)) if w and w not in _ACRONYM_SKIP]
    if len(words) < 2:
        return None
    return "".join(w[0] for w in words)
