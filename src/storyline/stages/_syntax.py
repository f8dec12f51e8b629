"""Small dependency-parse helpers shared by the attribution, certainty and events stages."""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
from spacy.attrs import LOWER, POS
from spacy.parts_of_speech import IDS as _POS_IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from ..doc import text_of

__all__ = [
    "QUOTE_CHARS",
    "char_span",
    "dateline_end",
    "dateline_outlet",
    "dateline_span",
    "has_negative_subject",
    "indices_with_lower",
    "indices_with_pos",
    "is_negated",
    "is_passive",
    "sentence_units",
    "span_root",
    "subtree",
    "subtree_ids",
    "trimmed",
    "unit_of",
]

QUOTE_CHARS = frozenset('"“”‘’«»„')
_EDGE_PUNCT = frozenset(",;:-–—(")
# A wire dateline opening the article: "OSLO —", "LIMA, Peru, June 3 (AP) -",
# "Toronto, March 3, 2024 -".  Upper-case place words, or a capitalised place followed by a
# comma (a date or region), then an optional agency in brackets and a dash.
_DATELINE = re.compile(
    r"\A\s*(?:[A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]+)*(?:,[^\n.]{1,40}?)?"
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+)*,[^\n.]{1,40}?)"
    r"(?:\s*\([A-Za-z .]{1,30}\))?\s+[-–—]{1,2}\s+"
)


def dateline_end(text: str) -> int:
    """End offset of the article's dateline (0 when there is none).

    A dateline says where the story was filed, not where or by whom anything happened: its
    place is no participant and no event setting.
    """
    match = _DATELINE.match(text)
    return match.end() if match else 0


# AP-style abbreviated months keep their period in a dateline ("BISHKEK, Oct. 17 (X) --").
_MONTH_ABBREVIATION = r"(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\."
_WIRE_DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]+)*"
    rf"(?:,(?:{_MONTH_ABBREVIATION}|[^\n.]){{1,40}}?)?"
    rf"|[A-Z][a-z]+(?: [A-Z][a-z]+)*,(?:{_MONTH_ABBREVIATION}|[^\n.]){{1,40}}?)"
    r"(?:\s*\([A-Za-z .]{1,30}\))?\s+[-–—]{1,2}\s+"
)
# A headline: a short first line without closing punctuation, set off by a blank line.
_HEADLINE = re.compile(r"\A\s*[^\n]{1,200}(?<![.!?:\"”])[ \t]*\n[ \t]*\n\s*")


def dateline_span(text: str) -> tuple[int, int]:
    """Start and end offsets of the article's dateline, (0, 0) when there is none.

    Like :func:`dateline_end`, but the dateline may follow a headline set off by a blank
    line, and its date may use an abbreviated month with its period ("Oct. 17").
    """
    starts = [len(text) - len(text.lstrip())]
    headline = _HEADLINE.match(text)
    if headline:
        starts.append(headline.end())
    for start in starts:
        match = _WIRE_DATELINE.match(text, start)
        if match:
            return match.start(), match.end()
    return 0, 0


_DATELINE_OUTLET = re.compile(r"\(([A-Za-z .]{1,30})\)\s+[-–—]{1,2}\s+\Z")


def dateline_outlet(text: str) -> str | None:
    """The news organisation bracketed in the article's dateline ("LIMA (AP) -" → "AP")."""
    end = dateline_end(text)
    match = _DATELINE_OUTLET.search(text[:end]) if end else None
    return match.group(1).strip() if match else None


def trimmed(tokens: Iterable[Token]) -> tuple[int, int] | None:
    """Character span of the tokens without edge spaces, commas and dangling brackets."""
    toks = sorted((t for t in tokens if not t.is_space), key=lambda t: t.i)
    # Token texts read once; the edges are trimmed by moving two indices.
    texts = [t.text for t in toks]
    lo, hi = 0, len(toks)
    while lo < hi and (texts[lo] in _EDGE_PUNCT or texts[lo] in {")", "."}):
        lo += 1
    while lo < hi and (texts[hi - 1] in _EDGE_PUNCT or texts[hi - 1] == "."):
        hi -= 1
    # Keep brackets balanced at the right edge: "(NTSB" gets its ")", a stray ")" goes.
    if lo < hi and texts[hi - 1] == ")" and "(" not in texts[lo:hi]:
        hi -= 1
    if lo >= hi:
        return None
    last = toks[hi - 1]
    inner = texts[lo:hi]
    if inner.count("(") - inner.count(")") > 0:
        doc = last.doc
        if last.i + 1 < len(doc) and doc[last.i + 1].text == ")":
            last = doc[last.i + 1]
    return toks[lo].idx, last.idx + len(last.text)


# The last document's subtrees, by token index.  Stages ask for the same subtree many times
# and building it creates fresh Token objects each time; the doc identity check keeps a
# cache from one document out of the next (read as one tuple, so it is thread safe).
# Indices only: cached Token objects would keep the garbage collector busy.
_SUBTREES: tuple[Doc | None, dict[int, tuple[int, ...]]] = (None, {})


def _subtree_of(token: Token) -> tuple[int, ...]:
    global _SUBTREES
    doc = token.doc
    cached_doc, cache = _SUBTREES
    if cached_doc is not doc:
        cache = {}
        _SUBTREES = (doc, cache)
    found = cache.get(token.i)
    if found is None:
        seen = {token.i}
        stack = [token]
        while stack:
            current = stack.pop()
            for child in current.children:
                if child.i not in seen:
                    seen.add(child.i)
                    stack.append(child)
        found = tuple(sorted(seen))
        cache[token.i] = found
    return found


def subtree(token: Token) -> list[Token]:
    """The token and its descendants in text order, safe against a cyclic parse.

    spaCy's ``Token.subtree`` never ends when retokenisation has left a cycle in the
    heads; this walk visits each token once.
    """
    doc = token.doc
    return [doc[i] for i in _subtree_of(token)]


def subtree_ids(token: Token) -> set[int]:
    """Indices of :func:`subtree` (a new set the caller may change)."""
    return set(_subtree_of(token))


def indices_with_pos(doc: Doc, *tags: str) -> list[int]:
    """Indices of the tokens with one of the coarse tags, in text order.

    Read from one array instead of creating a Token object for every word of the doc.
    """
    column = doc.to_array(POS)
    hits = np.flatnonzero(np.isin(column, [_POS_IDS[tag] for tag in tags]))
    return [int(i) for i in hits]


def indices_with_lower(doc: Doc, word: str) -> list[int]:
    """Indices of the tokens whose lower-case form is ``word``, in text order."""
    column = doc.to_array(LOWER)
    return [int(i) for i in np.flatnonzero(column == get_string_id(word))]


def span_root(span: Span) -> Token:
    """The span's syntactic root, safe against a cyclic parse (``Span.root`` raises)."""
    try:
        return span.root
    except RuntimeError:
        for token in span:
            if not (span.start <= token.head.i < span.end) or token.head.i == token.i:
                return token
        return span[-1]


def char_span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def is_negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


# Subjects that deny there is an agent: "no one has confirmed", "neither side said".
_NEGATIVE_SUBJECTS = frozenset({"nobody", "none", "neither", "nothing", "no-one"})


def has_negative_subject(verb: Token) -> bool:
    """ "no one", "nobody", "neither government", "no official" is the verb's subject."""
    for subject in verb.children:
        if subject.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if subject.lower_ in _NEGATIVE_SUBJECTS:
            return True
        doc = subject.doc
        if subject.lower_ == "one" and subject.i > 0 and doc[subject.i - 1].lower_ == "no":
            return True
        if any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in subject.children):
            return True
    return False


def is_passive(token: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)


def sentence_units(doc: Doc) -> list[Span]:
    """Sentences, with a sentence that starts in lower case joined to the one before.

    A stray full stop ("… near the old harbour. next Friday and …") splits one sentence in
    two; the lower-case start shows the writer meant one.
    """
    units: list[Span] = []
    for sent in doc.sents:
        first = next((t for t in sent if not t.is_space and not t.is_punct), None)
        if (
            units
            and first is not None
            and first.is_lower
            and first.is_alpha
            and "\n\n" not in text_of(doc)[units[-1].end_char : sent.start_char]
        ):
            units[-1] = doc[units[-1].start : sent.end]
        else:
            units.append(sent)
    return units


def unit_of(units: list[Span], token: Token) -> Span:
    """The unit (from :func:`sentence_units`) that holds ``token``."""
    lo, hi = 0, len(units) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if units[mid].start <= token.i:
            lo = mid
        else:
            hi = mid - 1
    return units[lo]
