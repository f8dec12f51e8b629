"""The repair stage: split words that translation or scraping glued together.

"Lee Su-minarrived in the port" tokenizes as ``Lee Su - minarrived``; the tagger and the
entity recognizer then see a name cut short.  This stage runs first, on the bare tokens, and
splits a token only where evidence supports the split:

* the document itself: the same name piece appears elsewhere ("Lee Su-min" later in the
  text, so ``minarrived`` after ``Su-`` is ``min`` + ``arrived``), or the same capitalised
  name stands alone elsewhere ("Ruiz" → ``Ruizsaid`` is ``Ruiz`` + ``said``); when the
  whole name stands elsewhere ("Ana Ruiz"), a short verb form is enough ("Ana Ruizmet");
* the English lexicon (:mod:`._words`): the rest of the token must be an English word, and a
  lower-case token is split only when it is not a word itself and splits into a function
  word and another word ("ofthe", "arrivedthe").

The text never changes (``doc.text`` stays the original, so all offsets index it); only the
token boundaries move.  Each split's character offset is appended to ``doc._.sl_repairs``.
"""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from ._names import is_syllable
from ._words import EnglishWords, english_words

__all__ = ["RepairStage", "find_splits"]

_HYPHENS = frozenset("-‐‑‒–")
_FUNCTION_WORDS = frozenset(w.lower() for w in STOP_WORDS if len(w) >= 2)
# Adverbial particles: a verb glued to one is a phrasal noun ("standout", "cutoff",
# "holdout"), news vocabulary the model's word list often lacks, not a typo.
_PARTICLES = frozenset({"out", "over", "off", "down", "up", "back", "away", "about", "around"})
# A glued lower-case token must be at least this long before a split is tried.
_MIN_GLUED = 5
# The word after a glued name must have at least this many letters ("un" + "crossed").
_MIN_REST = 2
# Endings that make names out of names or words (Johnson, Charleston, Greenville): a name
# followed by one of these is a longer name, not two glued words.
_NAME_ENDINGS = frozenset(
    {
        "son", "sen", "sson", "s", "es", "ton", "town", "ville", "burg", "berg", "borough",
        "land", "stein", "man", "men", "ford", "field", "ham", "wood", "well", "worth", "ley",
        "by", "dale", "mont", "port", "stone", "bridge", "ington", "ing", "er", "ers", "sons",
    }
)  # fmt: skip


def _is_name_text(text: str) -> bool:
    return text.isalpha() and text[0].isupper() and (len(text) == 1 or not text.isupper())


def _split_lower(text: str, words: EnglishWords) -> int | None:
    """Where a glued lower-case token splits into a function word and another word."""
    if text in words:
        return None
    for k in range(2, len(text) - 1):
        head, rest = text[:k], text[k:]
        if head in _FUNCTION_WORDS and len(rest) >= 3 and rest in words:
            return k
        if (
            rest in _FUNCTION_WORDS
            and len(head) >= 3
            and head in words
            and not (rest in _PARTICLES and words.is_verb_form(head))
        ):
            return k
    return None


def find_splits(doc: Doc, words: EnglishWords) -> list[tuple[int, int]]:
    """``(token index, k)`` pairs: split the token's text after its ``k``-th character."""
    # One pass over the tokens into plain lists: the rules below only read strings.
    texts = [t.text for t in doc]
    spaced = [bool(t.whitespace_) for t in doc]
    n = len(texts)
    # The capitalised token each token continues across a hyphen ("Su" for "min").
    hosts: list[str | None] = [None] * n
    for i in range(2, n):
        if (
            texts[i - 1] in _HYPHENS
            and not spaced[i - 1]
            and not spaced[i - 2]
            and _is_name_text(texts[i - 2])
        ):
            hosts[i] = texts[i - 2]
    # Name pieces the document attests: after a hyphen, per host ("Su" → {"min"}), and
    # capitalised tokens standing alone ("Ruiz").
    pieces: dict[str, dict[str, int]] = {}
    names: dict[str, int] = {}
    lower: set[str] = set()
    # Two-word names the document attests ("Ana Ruiz"): a short verb after a glued name is
    # split only when the full name also stands elsewhere.
    pairs: set[tuple[str, str]] = set()
    for i, text in enumerate(texts):
        if i and spaced[i - 1] and _is_name_text(texts[i - 1]) and _is_name_text(text):
            pairs.add((texts[i - 1], text))
        host = hosts[i]
        if host is not None and text.isalpha():
            counts = pieces.setdefault(host, {})
            counts[text] = counts.get(text, 0) + 1
        elif _is_name_text(text):
            names[text] = names.get(text, 0) + 1
        elif text.islower():
            lower.add(text)

    out: list[tuple[int, int]] = []
    for i, text in enumerate(texts):
        if len(text) < 3 or not text.isalpha():
            continue
        host = hosts[i]
        if host is not None:
            k = _split_after_piece(text, pieces.get(host, {}), words)
            if k is None and is_syllable(host):
                k = _split_after_syllable(text, words)
            if k is None and _is_name_text(text):
                # "Al-Rawabdehtold" where "al-Rawabdeh" stands elsewhere: the name after the
                # hyphen is attested on its own (a lower-case article is no host).
                k = _split_after_name(text, names, lower, words)
        elif _is_name_text(text):
            given = texts[i - 1] if i and spaced[i - 1] else ""
            k = _split_after_name(text, names, lower, words, given, pairs)
        elif len(text) >= _MIN_GLUED and text.islower():
            k = _split_lower(text, words)
        else:
            k = None
        if k is not None:
            out.append((i, k))
    return out


def _split_after_piece(text: str, counts: dict[str, int], words: EnglishWords) -> int | None:
    # Longest attested piece first: "min" in "Su-min" elsewhere, the rest a word.
    for piece in sorted(counts, key=len, reverse=True):
        if piece == text or not text.startswith(piece):
            continue
        rest = text[len(piece) :]
        if len(rest) >= _MIN_REST and rest in words:
            return len(piece)
    return None


def _split_after_syllable(text: str, words: EnglishWords) -> int | None:
    """ "Son-hwasaid" with no other "Son-hwa" in the text: a romanised name syllable and
    then a function word or an inflected verb, the whole being no English word."""
    if text in words:
        return None
    # Shortest piece first: "hoarrived" is "ho" + "arrived", not "hoar" + "rived".
    for k in range(1, min(4, len(text) - 3) + 1):
        piece, rest = text[:k], text[k:]
        if is_syllable(piece) and (
            rest in _FUNCTION_WORDS or (len(rest) >= 4 and words.is_inflected(rest))
        ):
            return k
    return None


def _split_after_name(
    text: str,
    names: dict[str, int],
    lower: set[str],
    words: EnglishWords,
    given: str = "",
    pairs: frozenset[tuple[str, str]] | set[tuple[str, str]] = frozenset(),
) -> int | None:
    if text.lower() in words or names.get(text, 0) > 1:
        return None
    for k in range(len(text) - _MIN_REST, 1, -1):
        head, rest = text[:k], text[k:]
        if names.get(head, 0) == 0:
            continue
        # "Ruizsaid": the rest is a word the document also uses on its own, a function
        # word or an inflected verb ("crossed"); not a name-forming ending ("John" + "son").
        if rest.islower():
            if (
                rest not in _NAME_ENDINGS
                and rest in words
                and (
                    rest in lower
                    or rest in _FUNCTION_WORDS
                    or (len(rest) >= 4 and words.is_inflected(rest))
                )
            ):
                return k
            # "Ana Ruizmet" where "Ana Ruiz" stands elsewhere: a short verb form ("met",
            # "led", "saw") is enough once the document attests the full name.
            if (
                rest not in _NAME_ENDINGS
                and len(rest) >= _MIN_REST
                and (given, head) in pairs
                and words.is_verb_form(rest)
            ):
                return k
            continue
        # CamelCase glue ("RuizThe"): the second part is a word or a name seen alone.
        if rest[0].isupper() and (names.get(rest, 0) > 0 or rest.lower() in words):
            return k
    return None


class RepairStage:
    def __init__(self, words: EnglishWords) -> None:
        self.words = words

    def __call__(self, doc: Doc) -> Doc:
        splits = find_splits(doc, self.words)
        if not splits:
            return doc
        repairs: list[int] = doc._.sl_repairs
        tokens = [doc[i] for i, _ in splits]
        with doc.retokenize() as retokenizer:
            for token, (_, k) in zip(tokens, splits, strict=True):
                text = token.text
                # Each piece heads itself: a piece attached to its sibling is an arc the
                # parser may keep unlabelled, and then attach the sibling back (a cycle).
                retokenizer.split(token, [text[:k], text[k:]], heads=[(token, 0), (token, 1)])
                repairs.append(token.idx + k)
        repairs.sort()
        return doc


@Language.factory(
    "storyline_repair",
    requires=[],
    assigns=["doc._.sl_repairs"],
)
def make_repair(nlp: Language, name: str) -> RepairStage:
    return RepairStage(english_words(nlp))
