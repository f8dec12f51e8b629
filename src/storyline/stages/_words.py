"""Is this an English word?  A compact check built from spaCy's own lemmatizer tables.

The small English model ships WordNet's lemma index (about 90 000 nouns, verbs, adjectives
and adverbs) and the inflection rules and exceptions of its rule-based lemmatizer.  Together
with spaCy's stop words they answer "is ``crossed`` a word?" without any extra download:
strip an inflection by a rule and look the base up.  ``lex.is_oov``/``lex.prob`` cannot do
this in the small models (they carry no vectors and no probabilities).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.lookups import Lookups

__all__ = ["EnglishWords", "english_words", "words_from_lookups"]

_POS = ("noun", "verb", "adj", "adv")
_MEMO_MAX = 100_000


class EnglishWords:
    """A lower-case English word list with inflection rules (``crossed`` → ``cross``)."""

    def __init__(
        self,
        bases: Iterable[str],
        rules: Iterable[tuple[str, str]] = (),
        inflected: Iterable[str] = (),
        verbs: Iterable[str] = (),
        verb_rules: Iterable[tuple[str, str]] = (),
    ) -> None:
        self._bases = frozenset(bases)
        self._inflected = frozenset(inflected)
        # Verb bases and irregular verb forms ("meet", "met", "ran"), for checks that need a
        # verb, not any word: a short remainder after a glued name ("Ruizmet").
        self._verbs = frozenset(verbs)
        self._verb_rules = tuple(sorted(set(verb_rules), key=lambda r: -len(r[0])))
        # Longest suffix first so that "ies" → "y" is tried before "s" → "".
        self._rules = tuple(sorted(set(rules), key=lambda r: -len(r[0])))
        self._memo: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word:
            return False
        w = word.lower()
        if w in self._bases:
            return True
        known = self._memo.get(w)
        if known is None:
            # Rule look-ups are the slow path; news repeats its words, so remember them.
            if len(self._memo) > _MEMO_MAX:
                self._memo.clear()
            known = self._memo[w] = self.is_inflected(w)
        return known

    def is_listed(self, word: str) -> bool:
        """Whether ``word`` is a listed base or irregular form (no suffix rule applied):
        "Denys" is a name, though "deny" + "s" would make it a verb form."""
        w = word.lower()
        return w in self._bases or w in self._inflected

    def is_inflected(self, word: str) -> bool:
        """Whether ``word`` is an inflected form of a base ("crossed", "says", "stopped")."""
        w = word.lower()
        if w in self._inflected:
            return True
        for suffix, repl in self._rules:
            if len(w) > len(suffix) + 1 and w.endswith(suffix):
                base = w[: len(w) - len(suffix)] + repl
                if base in self._bases:
                    return True
                # stopped → stop, running → run: the doubled final consonant.
                if not repl and len(base) > 2 and base[-1] == base[-2] and base[:-1] in self._bases:
                    return True
        return False

    def is_verb_form(self, word: str) -> bool:
        """Whether ``word`` is a verb's base, irregular form or regular inflection
        ("met", "go", "crossed"), by the lemmatizer's verb tables only."""
        w = word.lower()
        if w in self._verbs:
            return True
        for suffix, repl in self._verb_rules:
            if len(w) > len(suffix) + 1 and w.endswith(suffix):
                base = w[: len(w) - len(suffix)] + repl
                if base in self._verbs:
                    return True
                if not repl and len(base) > 2 and base[-1] == base[-2] and base[:-1] in self._verbs:
                    return True
        return False

    def __len__(self) -> int:
        return len(self._bases) + len(self._inflected)


def words_from_lookups(lookups: Lookups) -> EnglishWords:
    """Build the word list from a rule lemmatizer's ``lemma_index/rules/exc`` tables."""
    bases: set[str] = {w.lower() for w in STOP_WORDS}
    rules: set[tuple[str, str]] = set()
    inflected: set[str] = set()
    verbs: set[str] = set()
    verb_rules: set[tuple[str, str]] = set()
    if lookups.has_table("lemma_index"):
        index = lookups.get_table("lemma_index")
        for pos in _POS:
            if pos in index:
                bases.update(w.replace("_", " ") for w in index[pos] if "_" not in w)
        if "verb" in index:
            verbs.update(w for w in index["verb"] if "_" not in w)
    if lookups.has_table("lemma_rules"):
        table = lookups.get_table("lemma_rules")
        for pos in _POS:
            if pos in table:
                rules.update((old, new) for old, new in table[pos] if old)
        if "verb" in table:
            verb_rules.update((old, new) for old, new in table["verb"] if old)
    if lookups.has_table("lemma_exc"):
        exc = lookups.get_table("lemma_exc")
        for pos in _POS:
            if pos in exc:
                inflected.update(exc[pos].keys())
        if "verb" in exc:
            verbs.update(exc["verb"].keys())
    return EnglishWords(bases, rules, inflected, verbs, verb_rules)


def _lookups_of(nlp: Language) -> Lookups | None:
    for _, pipe in nlp.pipeline:
        lookups = getattr(pipe, "lookups", None)
        if isinstance(lookups, Lookups) and lookups.has_table("lemma_index"):
            return lookups
    return None


_FALLBACK: EnglishWords | None = None


def english_words(nlp: Language | None = None) -> EnglishWords:
    """The word list of ``nlp``'s lemmatizer; only the stop words when it has none."""
    global _FALLBACK
    if nlp is not None:
        lookups = _lookups_of(nlp)
        if lookups is not None:
            return _cached_from(lookups)
    if _FALLBACK is None:
        _FALLBACK = EnglishWords(w.lower() for w in STOP_WORDS)
    return _FALLBACK


_BY_ID: dict[int, tuple[Lookups, EnglishWords]] = {}


def _cached_from(lookups: Lookups) -> EnglishWords:
    # Keyed by identity: one model's tables are built into a word list once per process.
    hit = _BY_ID.get(id(lookups))
    if hit is not None and hit[0] is lookups:
        return hit[1]
    words = words_from_lookups(lookups)
    _BY_ID[id(lookups)] = (lookups, words)
    return words
