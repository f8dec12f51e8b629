"""Small dependency-parse helpers shared by the attribution, certainty and events stages."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from ..doc import text_of

__all__ = [
    "QUOTE_CHARS",
    "char_span",
    "is_negated",
    "is_passive",
    "sentence_units",
    "span_root",
    "subtree",
    "trimmed",
    "unit_of",
]

QUOTE_CHARS = frozenset("\"“”‘’«»„")
_EDGE_PUNCT = frozenset(",;:-–—(")


def trimmed(tokens: Iterable[Token]) -> tuple[int, int] | None:
    """Character span of the tokens without edge spaces, commas and dangling brackets."""
    toks = sorted((t for t in tokens if not t.is_space), key=lambda t: t.i)
    while toks and (toks[0].text in _EDGE_PUNCT or toks[0].text in {")", "."}):
        toks.pop(0)
    while toks and (toks[-1].text in _EDGE_PUNCT or toks[-1].text == "."):
        toks.pop()
    # Keep brackets balanced at the right edge: "(JCS" gets its ")", a stray ")" goes.
    if toks and toks[-1].text == ")" and not any(t.text == "(" for t in toks):
        toks.pop()
    if toks:
        opened = sum(t.text == "(" for t in toks) - sum(t.text == ")" for t in toks)
        last = toks[-1]
        if opened > 0 and last.i + 1 < len(last.doc) and last.doc[last.i + 1].text == ")":
            toks.append(last.doc[last.i + 1])
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def subtree(token: Token) -> list[Token]:
    """The token and its descendants in text order, safe against a cyclic parse.

    spaCy's ``Token.subtree`` never ends when retokenisation has left a cycle in the
    heads; this walk visits each token once.
    """
    doc = token.doc
    seen = {token.i}
    stack = [token]
    while stack:
        current = stack.pop()
        for child in current.children:
            if child.i not in seen:
                seen.add(child.i)
                stack.append(child)
    return [doc[i] for i in sorted(seen)]


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


def is_passive(token: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)


def sentence_units(doc: Doc) -> list[Span]:
    """Sentences, with a sentence that starts in lower case joined to the one before.

    A stray full stop ("… in the Far East. this Wednesday and …") splits one sentence in
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
