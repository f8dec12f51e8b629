"""The paragraphs stage: a blank line ends a sentence.

The parser decides sentence boundaries from the words alone, and a headline without a full
stop, the dateline under it and the lead's first sentence ("Fuel protests spread\\n\\nLA PAZ,
March 4 - Police arrested ...") come out as one sentence.  Every later stage reads
sentences: the main event took the headline's second clause, an event took the dateline
city as its setting.  A blank line is a paragraph break in every format storyline reads
(plain text, the text trafilatura extracts from HTML, JSONL bodies), so the first token after
one starts a sentence; the parser keeps boundaries set before it runs.  A single line break is
left to the parser: hard-wrapped text breaks lines mid-sentence.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["ParagraphsStage", "paragraph_starts"]


_BLANK_LINE_RE = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def paragraph_starts(doc: Doc) -> list[int]:
    """Indices of the first word token after each blank line (found in the text, then
    mapped to tokens: iterating the tokens in Python costs more than the whole stage)."""
    text = doc.text
    breaks = [m.end() for m in _BLANK_LINE_RE.finditer(text) if m.end() < len(text)]
    if not breaks:
        return []
    starts = doc.to_array([IDX])
    out: list[int] = []
    for char in breaks:
        i = int(numpy.searchsorted(starts, char, side="left"))
        if 0 < i < len(doc) and (not out or out[-1] != i):
            out.append(i)
    return out


class ParagraphsStage:
    def __call__(self, doc: Doc) -> Doc:
        for i in paragraph_starts(doc):
            doc[i].is_sent_start = True
        return doc


@Language.factory("storyline_paragraphs", requires=[], assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> ParagraphsStage:
    return ParagraphsStage()
