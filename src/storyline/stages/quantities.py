"""The quantities stage: numbers with units, money, percentages and counts of people.

One regular expression, built once from ``units.tsv``, finds a number (digits, or words
such as "two hundred") with a unit after it ("740 kilometers", "a 40-km road",
"15 per cent", "30 people") or a currency symbol before it ("$120 million", "€3bn").  The
value is the number as the text gives it, in the text's unit (740 with ``km``); scale words
multiply ("$5 million" → 5000000 ``USD``).  An approximator before the number ("about",
"nearly", "more than", "at least", "up to", …) marks the quantity ``approximate`` and is part
of its span; "another 85 kilometers" is 85 km, neither approximate nor including "another".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc

from ..doc import QuantityRecord, text_of

__all__ = ["QuantitiesStage", "Unit", "find_quantities", "parse_number", "units"]

# Words that make a figure approximate; a closed class of English (longest first in the regex).
_APPROXIMATORS = (
    "about", "around", "some", "nearly", "almost", "roughly", "approximately", "more than",
    "over", "up to", "at least", "at most", "fewer than", "less than", "under", "close to",
    "an estimated", "estimated", "upwards of", "as many as", "as much as", "just over",
    "just under", "well over", "well under", "almost exactly", "circa", "approx.", "c.",
    "nearly all of", "more or less", "or so", "below", "above", "in excess of", "~",
)  # fmt: skip
_SCALES = {
    "thousand": 1e3, "k": 1e3,
    "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9,
    "trillion": 1e12, "tn": 1e12,
}  # fmt: skip
_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_MULTIPLIERS = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9}
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_WORD_NUMBER = (
    r"(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|dozen|hundred|thousand)(?:[\s-]+(?:and\s+)?(?=(?:one|two|three|"
    r"four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    r"dozen|hundred|thousand)\b))?)+"
)


@dataclass(frozen=True, slots=True)
class Unit:
    symbol: str
    kind: str


def _rows() -> list[list[str]]:
    text = resources.files("storyline.resources").joinpath("units.tsv").read_text("utf-8")
    return [
        line.split("\t")
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    ]


@cache
def units() -> dict[str, Unit]:
    """Every written form (lower case) → its unit."""
    out: dict[str, Unit] = {}
    for forms, symbol, kind in (row[:3] for row in _rows()):
        for form in forms.split("|"):
            out.setdefault(form.strip().lower(), Unit(symbol.strip(), kind.strip()))
    return out


def _alternation(forms: list[str]) -> str:
    ordered = sorted(forms, key=len, reverse=True)
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in ordered)


@cache
def _pattern() -> re.Pattern[str]:
    table = units()
    symbols = [f for f in table if not f[:1].isalnum() or f.endswith("$")]
    words = [f for f in table if f not in symbols or f == "%"]
    number = rf"(?P<num>(?:{_DIGITS})(?![\d])|(?:{_WORD_NUMBER})\b)"
    scale = rf"(?:\s?(?P<scale>{_alternation(list(_SCALES))})(?![A-Za-z]))?"
    return re.compile(
        rf"(?:(?P<cur>{_alternation(symbols)})\s?)?"
        rf"(?<![\w.,]){number}"
        rf"{scale}"
        rf"(?:(?:\s+|-|\s?)(?P<unit>{_alternation(words)})(?![A-Za-z]))?",
        re.IGNORECASE,
    )


@cache
def _approximator() -> re.Pattern[str]:
    """An approximator right before a figure (matched on the text just before it)."""
    return re.compile(
        rf"(?:^|(?<![\w]))(?P<approx>{_alternation(list(_APPROXIMATORS))})\s+$", re.IGNORECASE
    )


def parse_number(text: str) -> float | None:
    """The value of "1,250", "3.5", "two hundred and forty", "a dozen"."""
    cleaned = text.replace(",", "").strip()
    try:
        return float(cleaned)
    except ValueError:
        pass
    total, current = 0.0, 0.0
    seen = False
    for word in re.split(r"[\s-]+", text.lower()):
        if word in ("and", ""):
            continue
        if word in ("a", "an"):
            current = current or 1
            continue
        if word in _SMALL:
            current += _SMALL[word]
            seen = True
        elif word in _MULTIPLIERS:
            current = (current or 1) * _MULTIPLIERS[word]
            if _MULTIPLIERS[word] >= 1000:
                total, current = total + current, 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


def find_quantities(text: str) -> list[QuantityRecord]:
    """The quantities in ``text`` with their character spans."""
    table = units()
    approximator = _approximator()
    out: list[QuantityRecord] = []
    for m in _pattern().finditer(text):
        cur, unit_text, scale = m.group("cur"), m.group("unit"), m.group("scale")
        if scale is not None and len(scale) == 1 and cur is None:
            if unit_text is not None or scale.lower() not in table:
                continue  # "5 m dollars"/"3 k": unclear
            unit_text, scale = scale, None  # "2 m long": metres, not millions
        if cur is None and unit_text is None:
            continue
        unit = table.get((cur or unit_text or "").lower())
        if unit is None and unit_text is not None:
            unit = table.get(re.sub(r"\s+", " ", unit_text.lower()))
        if unit is None:
            continue
        if cur is not None and unit_text is not None:
            other = table.get(re.sub(r"\s+", " ", unit_text.lower()))
            if other is not None and other.kind != "money":
                unit_text = None  # "$5 per barrel" is not "$5 barrels"
        value = parse_number(m.group("num"))
        if value is None:
            continue
        if scale is not None:
            value *= _SCALES[scale.lower()]
        start = m.start("cur") if cur else m.start("num")
        # Scanning for approximators only before figures keeps the main pattern cheap.
        before = approximator.search(text, max(0, start - 24), start)
        if before is not None:
            start = before.start("approx")
        end = m.end()
        if unit_text is None and m.group("unit") is not None:
            end = m.end("scale") if scale else m.end("num")
        out.append(
            QuantityRecord(
                start=start,
                end=end,
                value=_tidy(value),
                unit=unit.symbol,
                approximate=before is not None,
            )
        )
    return out


def _tidy(value: float) -> float:
    return float(round(value, 6))


class QuantitiesStage:
    def __call__(self, doc: Doc) -> Doc:
        records: list[QuantityRecord] = doc._.sl_quantities
        records.extend(find_quantities(text_of(doc)))
        return doc


@Language.factory(
    "storyline_quantities",
    requires=["doc.ents"],
    assigns=["doc._.sl_quantities"],
)
def make_quantities(nlp: Language, name: str) -> QuantitiesStage:
    return QuantitiesStage()
