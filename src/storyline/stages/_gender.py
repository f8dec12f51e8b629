"""Which sex the article itself gives a named person, so that "he" and "she" find the right one.

Read from the text only, never from the name: an honorific or a sex-marked noun written
before the name ("Ms Marlow", "chairwoman Ines Marlow") or in apposition to it ("Tomas Reyk,
the king's brother"), else a personal pronoun the article binds to that person in the
person's own clause ("Marlow said she …", "Reyk distanced himself …") when no other person
is named in the sentence.  Word evidence outranks pronoun evidence; evidence both ways is
no evidence.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from spacy.tokens import Doc, Token

from ._mentions import MentionIndex
from ._syntax import subtree_ids

__all__ = ["PRONOUN_SEX", "Sex", "person_sexes"]

Sex = Literal["m", "f"]

_RESOURCES = Path(__file__).resolve().parent.parent / "resources"
PRONOUN_SEX: dict[str, Sex] = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}  # fmt: skip
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_NAME_PHRASE = frozenset({"PROPN", "NOUN", "ADJ"})
_MAX_TITLE_WORDS = 4  # "the former chairwoman Ines Marlow": words before a name to look at


@cache
def _sex_words() -> dict[str, Sex]:
    table: dict[str, Sex] = {}
    header_seen = False
    with open(_RESOURCES / "gendered_nouns.tsv", encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if not header_seen:
                header_seen = True
                continue
            word, sex = line.split("\t")
            if sex == "m":
                table[word] = "m"
            elif sex == "f":
                table[word] = "f"
    return table


def _word_sex(token: Token) -> Sex | None:
    words = _sex_words()
    return words.get(token.lower_.rstrip(".")) or words.get(token.lemma_.lower())


def _words_around(doc: Doc, first: int, root: Token) -> set[Sex]:
    """Sex-marked words just before the name or in apposition to it."""
    found: set[Sex] = set()
    i = first - 1
    while i >= 0 and first - i <= _MAX_TITLE_WORDS:
        token = doc[i]
        # Only the words of the name's own noun phrase ("the wife of X" is X's wife).
        if token.is_sent_end or not (token.pos_ in _NAME_PHRASE or token.text == "."):
            break
        if token.is_alpha and (sex := _word_sex(token)) is not None:
            found.add(sex)
        i -= 1
    # "the chairwoman, Ines Marlow" / "Ines Marlow, the chairwoman of …"
    linked = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        linked.append(root.head)
    for token in linked:
        if token.pos_ in ("NOUN", "PROPN") and (sex := _word_sex(token)) is not None:
            found.add(sex)
    return found


def _bound_pronouns(doc: Doc, root: Token, people: int) -> set[Sex]:
    """Pronouns in the clause the person is the subject of, when they are its only person."""
    if people != 1 or root.dep_ not in _SUBJECTS:
        return set()
    clause = subtree_ids(root.head) - subtree_ids(root)
    return {
        sex
        for i in clause
        if doc[i].pos_ == "PRON" and (sex := PRONOUN_SEX.get(doc[i].lower_)) is not None
    }


def person_sexes(doc: Doc, index: MentionIndex) -> dict[str, Sex]:
    """Canonical name of each person entity → the sex the article gives it, where it does."""
    words: dict[str, set[Sex]] = {}
    pronouns: dict[str, set[Sex]] = {}
    people = [m for m in index.mentions if m.is_person and m.entity is not None]
    by_sentence: dict[int, set[str]] = {}
    spans = []
    for mention in people:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        spans.append((mention, span))
        by_sentence.setdefault(span.sent.start, set()).add(mention.name)
    for mention, span in spans:
        root = span.root
        words.setdefault(mention.name, set()).update(_words_around(doc, span.start, root))
        count = len(by_sentence[span.sent.start])
        pronouns.setdefault(mention.name, set()).update(_bound_pronouns(doc, root, count))
    sexes: dict[str, Sex] = {}
    for name, found in words.items():
        evidence = found or pronouns.get(name, set())
        if len(evidence) == 1:
            sexes[name] = next(iter(evidence))
    return sexes
