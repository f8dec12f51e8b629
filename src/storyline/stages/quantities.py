"""The quantities stage: numbers with units, money, percentages and counts of people.

One regular expression, built once from ``units.tsv`` and ``currencies.tsv``, finds a number
(digits, or words such as "two hundred") with a unit after it ("740 kilometers", "a 40-km
road", "15 per cent", "30 people", "2 million crowns", "4 million EUR") or a currency sign or
code before it ("$120 million", "€3bn", "NT$5 billion", "NOK 2 million").  The value is the
number as the text gives it, in the text's unit (740 with ``km``); scale words multiply ("$5
million" → 5000000 ``USD``).  An approximator before the number ("about", "nearly", "more
than", "at least", "up to", …) marks the quantity ``approximate`` and is part of its span;
"another 85 kilometers" is 85 km, neither approximate nor including "another".

Money is reported by its ISO 4217 code.  A name several currencies share ("crowns", "pesos",
"dinars", "dollars") is read from a qualifier in the text ("Norwegian crowns"), else from the
country the document is most about (the places stage, which runs first, records it), else from
the name's default (dollars are US dollars).  Names that are also English words ("won",
"real", "rand", "crowns", "pounds") need a scale word or a figure in digits in a story about
their country, so that "150 won seats" stays a vote.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc

from ..doc import PlaceRecord, QuantityRecord, text_of
from ..resources.countries import country_code, country_of_demonym

__all__ = [
    "Currency",
    "MoneyForm",
    "QuantitiesStage",
    "Unit",
    "currencies",
    "document_countries",
    "find_quantities",
    "parse_number",
    "units",
]

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
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,  # South Asian English
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
# Words that may follow a guarded currency name ("150,000 won a year", "500 rand in cash");
# another lower-case word makes the name a verb or an adjective ("3 won seats", "2 real
# problems").  Prepositions, conjunctions, articles and auxiliaries: closed classes of English.
_AFTER_GUARDED = frozenset({
    "a", "an", "in", "of", "for", "to", "per", "each", "and", "or", "nor", "from", "on", "at",
    "by", "with", "without", "worth", "as", "than", "but", "after", "before", "into", "over",
    "under", "which", "apiece", "plus", "minus", "annually", "monthly", "yearly", "daily",
    "is", "was", "are", "were", "be", "been", "has", "had", "have", "will", "would", "could",
    "should", "may", "might", "must", "can",
})  # fmt: skip
# Nouns that make the unit before them money: "a 5-pound note", "a 20-crown coin".
_MONEY_NOUN = re.compile(r"[\s-]+(?:bank)?(?:notes?|coins?|bills?)\b", re.IGNORECASE)
_NEXT_WORD = re.compile(r"[^\S\n]*([A-Za-z]+)")
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


@dataclass(frozen=True, slots=True)
class Currency:
    """An ISO 4217 currency and the countries (ISO 3166-1 alpha-2) where it is legal tender."""

    code: str
    countries: frozenset[str]


@dataclass(frozen=True, slots=True)
class MoneyForm:
    """A written form of money ("crowns", "NT$") and the currencies it may mean, in table
    order; ``default`` is the one it means when nothing in the text decides."""

    candidates: tuple[Currency, ...]
    default: Currency | None
    guarded: bool


@dataclass(frozen=True, slots=True)
class _MoneyTable:
    names: dict[str, MoneyForm]  # lower case, matched case-insensitively
    signs: dict[str, MoneyForm]  # exact case


def _rows(name: str) -> list[list[str]]:
    text = resources.files("storyline.resources").joinpath(name).read_text("utf-8")
    return [
        line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]


@cache
def units() -> dict[str, Unit]:
    """Every written form (lower case) of a unit of measure → its unit."""
    out: dict[str, Unit] = {}
    for forms, symbol, kind in (row[:3] for row in _rows("units.tsv")):
        for form in forms.split("|"):
            out.setdefault(form.strip().lower(), Unit(symbol.strip(), kind.strip()))
    return out


def _split(column: str) -> list[str]:
    return [f.strip() for f in column.split("|") if f.strip()]


@dataclass(frozen=True, slots=True)
class _CurrencyRow:
    currency: Currency
    names: tuple[str, ...]  # lower case
    guarded: frozenset[str]  # lower case
    signs: tuple[str, ...]
    defaults: frozenset[str]  # names in lower case, signs as written


def _currency_rows() -> list[_CurrencyRow]:
    out = []
    for code, names, guarded, signs, countries, default in (
        row[:6] for row in _rows("currencies.tsv")
    ):
        name_forms = tuple(n.lower() for n in _split(names))
        out.append(
            _CurrencyRow(
                currency=Currency(code.strip(), frozenset(_split(countries))),
                names=name_forms,
                guarded=frozenset(g.lower() for g in _split(guarded)),
                signs=tuple(_split(signs)),
                defaults=frozenset(d.lower() if d.lower() in name_forms else d
                                   for d in _split(default)),
            )
        )  # fmt: skip
    return out


def _forms(rows: list[_CurrencyRow], signs: bool) -> dict[str, MoneyForm]:
    candidates: dict[str, list[Currency]] = {}
    defaults: dict[str, Currency] = {}
    guarded: set[str] = set()
    for row in rows:
        for form in row.signs if signs else row.names:
            candidates.setdefault(form, []).append(row.currency)
            if form in row.defaults:
                defaults.setdefault(form, row.currency)
            if form in row.guarded:
                guarded.add(form)
    return {
        form: MoneyForm(tuple(found), defaults.get(form), form in guarded)
        for form, found in candidates.items()
    }


@cache
def _money() -> _MoneyTable:
    rows = _currency_rows()
    return _MoneyTable(names=_forms(rows, signs=False), signs=_forms(rows, signs=True))


def currencies() -> dict[str, Currency]:
    """Every currency of ``currencies.tsv`` by ISO 4217 code."""
    table = _money()
    return {
        c.code: c
        for form in (*table.names.values(), *table.signs.values())
        for c in form.candidates
    }


def _alternation(forms: list[str]) -> str:
    ordered = sorted(forms, key=len, reverse=True)
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in ordered)


# A qualifier between a figure and a currency name: a country or demonym of one to three
# capitalised words ("Norwegian crowns", "U.S. dollars", "South Korean won").
_QUALIFIER = r"(?-i:[A-Z][A-Za-z.'’]*(?:\s+[A-Z][A-Za-z.'’]*){0,2})"


@cache
def _pattern() -> re.Pattern[str]:
    money = _money()
    signs = rf"(?-i:{_alternation(list(money.signs))})"
    # After a figure only codes and letter signs ("2 million NOK", "500 zł"), and only after
    # digits: "a $15 fee" is $15, not "a $".
    post_signs = [f for f in money.signs if f[:1].isalpha() and not f.endswith("$")]
    names = _alternation(list(money.names))
    number = rf"(?P<num>(?:{_DIGITS})(?![\d])|(?P<wnum>{_WORD_NUMBER})\b)"
    scale = rf"(?:\s?(?P<scale>{_alternation(list(_SCALES))})(?![A-Za-z]))?"
    return re.compile(
        rf"(?:(?<![A-Za-z])(?P<cur>{signs})\s?|(?<![\w.,]))"
        rf"{number}"
        rf"{scale}"
        rf"(?:(?:\s+|-|\s?)(?:(?P<mname>{names})|(?P<qual>{_QUALIFIER})\s+(?P<qname>{names})"
        rf"|(?P<unit>{_alternation(list(units()))})"
        rf"|(?(wnum)(?!)|(?P<msign>(?-i:{_alternation(post_signs)}))))(?![A-Za-z]))?",
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


def _qualifier_country(text: str) -> str | None:
    """The country a qualifier names ("Norwegian", "U.S.", "Hong Kong"); a plural noun
    ("3 Koreans won") is a count of people, no qualifier."""
    code = country_code(text)
    if code is not None:
        return code
    code = country_of_demonym(text)
    if code and text.endswith("s") and country_of_demonym(text[:-1]) == code:
        return None
    return code


def _currency(
    form: MoneyForm, qualifier: str | None, top: str | None, weights: Mapping[str, int]
) -> Currency | None:
    """Which currency a form means: the qualifier's country; else the country the document is
    most about; else the form's default; else the one whose countries the document mentions
    most (the first listed when it mentions none)."""
    if qualifier is not None:
        return next((c for c in form.candidates if qualifier in c.countries), None)
    if len(form.candidates) == 1:
        return form.candidates[0]
    if top is not None:
        for currency in form.candidates:
            if top in currency.countries:
                return currency
    if form.default is not None:
        return form.default
    return max(form.candidates, key=lambda c: sum(weights.get(k, 0) for k in c.countries))


def _guard_passes(
    text: str, m: re.Match[str], currency: Currency, value: float, top: str | None
) -> bool:
    """Whether a guarded name ("won", "real", "crowns", "pounds") is money here: lower case,
    after a scale word ("2 million crowns") or before "note" or "coin"; else after a figure in
    digits of at least 10 in a document about a country that uses it and not followed by a
    word that makes it a verb or an adjective ("150 won seats")."""
    name = m.group("mname")
    if name != name.lower():
        return False
    if m.group("scale") is not None or _MONEY_NOUN.match(text, m.end()):
        return True
    digits = any(ch.isdigit() for ch in m.group("num"))
    in_its_country = top in currency.countries
    return digits and value >= 10 and in_its_country and _ends_a_money_phrase(text, m.end())


def _ends_a_money_phrase(text: str, end: int) -> bool:
    """Whether the word after a currency could end its noun phrase: none, punctuation, a
    capitalised word or one of ``_AFTER_GUARDED``; a lower-case noun after it makes it a verb,
    an adjective or an acronym modifying the noun ("150 won seats", "2 SAR teams")."""
    following = _NEXT_WORD.match(text, end)
    if following is None:
        return True
    word = following.group(1)
    return word.lower() in _AFTER_GUARDED or not word[0].islower()


def _fold(form: str, table: dict[str, MoneyForm]) -> str:
    """The table key of a matched form: names are folded to lower case, signs kept."""
    folded = re.sub(r"\s+", " ", form.lower())
    return folded if folded in table else form


def _code(currency: Currency | None) -> str | None:
    return currency.code if currency is not None else None


def _name_unit(
    text: str, m: re.Match[str], value: float, top: str | None, weights: Mapping[str, int]
) -> str | None:
    """The unit a currency name after a figure stands for, or None when it is no money."""
    name = m.group("mname") or m.group("qname")
    qualifier = m.group("qual")
    qualifier_code = _qualifier_country(qualifier) if qualifier is not None else None
    if qualifier is not None and qualifier_code is None:
        return None  # "2 million Acme crowns": not a country
    form = _money().names[re.sub(r"\s+", " ", name.lower())]
    found = _currency(form, qualifier_code, top, weights)
    guarded = form.guarded and qualifier is None
    if found is not None and guarded and not _guard_passes(text, m, found, value, top):
        found = None
    weight = units().get(name.lower()) if qualifier is None else None
    if weight is not None and found is not None and top not in found.countries:
        # "1.5 million pounds of beef" is a weight outside a country that counts in pounds.
        following = _NEXT_WORD.match(text, m.end())
        if following is not None and following.group(1) == "of":
            found = None
    if found is None and weight is not None and text[m.end() : m.end() + 1] != "-":
        return weight.symbol  # "300 pounds" is a weight; "627 pound-feet" is neither
    return _code(found)


def find_quantities(text: str, countries: Mapping[str, int] | None = None) -> list[QuantityRecord]:
    """The quantities in ``text`` with their character spans.  ``countries`` weighs the
    countries the document is about (ISO 3166-1 alpha-2 → mentions); it decides what a name
    several currencies share means ("crowns" in a story from Norway)."""
    measures = units()
    money = _money()
    weights: Mapping[str, int] = countries or {}
    top = max(weights, key=lambda k: weights[k]) if weights else None
    approximator = _approximator()
    out: list[QuantityRecord] = []
    for m in _pattern().finditer(text):
        cur, scale = m.group("cur"), m.group("scale")
        name = m.group("mname") or m.group("qname")
        end = m.end()
        symbol: str | None = None
        if scale is not None and len(scale) == 1 and cur is None:
            if name or m.group("unit") or m.group("msign") or scale.lower() not in measures:
                continue  # "5 m dollars"/"3 k": unclear
            # "2 m long": metres, not millions
            symbol, scale, end = measures[scale.lower()].symbol, None, m.end("scale")
        value = parse_number(m.group("num"))
        if value is None:
            continue
        if scale is not None:
            value *= _SCALES[scale.lower()]
        if cur is not None:
            symbol = _code(_currency(money.signs[cur], None, top, weights))
            trailing = m.group("mname") or m.group("msign")
            forms = money.names if m.group("mname") else money.signs
            same = trailing is not None and any(
                c.code == symbol for c in forms[_fold(trailing, forms)].candidates
            )
            if (m.group("unit") or m.group("qname") or trailing) and not same:
                # "$5 per barrel", "the £50K real thing": the sign's figure only.
                end = m.end("scale") if scale else m.end("num")
        elif name is not None:
            symbol = _name_unit(text, m, value, top, weights)
        elif m.group("msign") is not None:
            if scale is None and not _ends_a_money_phrase(text, m.end()):
                continue  # "2 SAR teams"; a scale makes it money ("2 million NOK imposed")
            symbol = _code(_currency(money.signs[m.group("msign")], None, top, weights))
        elif m.group("unit") is not None:
            symbol = measures[re.sub(r"\s+", " ", m.group("unit").lower())].symbol
        if symbol is None:
            continue
        start = m.start("cur") if cur else m.start("num")
        # Scanning for approximators only before figures keeps the main pattern cheap.
        before = approximator.search(text, max(0, start - 24), start)
        if before is not None:
            start = before.start("approx")
        out.append(
            QuantityRecord(
                start=start,
                end=end,
                value=_tidy(value),
                unit=symbol,
                approximate=before is not None,
            )
        )
    return out


def _tidy(value: float) -> float:
    return float(round(value, 6))


def document_countries(places: list[PlaceRecord]) -> Counter[str]:
    """How much the document is about each country: the mentions of its places (the places
    stage runs before this one), by ISO 3166-1 alpha-2 code."""
    weights: Counter[str] = Counter()
    for place in places:
        if place.country:
            weights[place.country] += max(1, len(place.mentions))
    return weights


class QuantitiesStage:
    def __call__(self, doc: Doc) -> Doc:
        records: list[QuantityRecord] = doc._.sl_quantities
        records.extend(find_quantities(text_of(doc), document_countries(doc._.sl_places)))
        return doc


@Language.factory(
    "storyline_quantities",
    requires=["doc.ents"],
    assigns=["doc._.sl_quantities"],
)
def make_quantities(nlp: Language, name: str) -> QuantitiesStage:
    return QuantitiesStage()
