"""Builds the spaCy pipeline, runs the stages over a ``Doc``, and builds the ``Account``."""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import doc as docext
from .errors import ResourceError
from .ingest.dates import parse_published
from .ingest.text import Article, check_text
from .model import (
    Account,
    PublishedFrom,
)
from .settings import Settings, get_settings
from .stages import STAGE_ORDER, factory_name, load_stage_modules

__all__ = ["Article", "Pipeline", "build_account", "document_id", "extract", "load_nlp"]

DEFAULT_BATCH_SIZE = 16
_BEFORE_MODEL = ("repair", "paragraphs")  # stages that run before the spaCy model's own


def document_id(text: str) -> str:
    """A document's id: the first 16 hex digits of the sha256 of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def load_nlp(settings: Settings | None = None, stages: Sequence[str] = STAGE_ORDER) -> Language:
    """The spaCy model with storyline's stages added in order."""
    settings = settings or get_settings()
    docext.register()
    load_stage_modules()
    try:
        nlp = spacy.load(settings.model)
    except OSError as exc:
        raise ResourceError(
            f"cannot load the spaCy model {settings.model!r}: {exc}. "
            "Install it with `pip install -e .` (it is a normal dependency)."
        ) from None
    for stage in stages:
        if stage not in STAGE_ORDER:
            raise ValueError(f"unknown stage {stage!r}; known: {', '.join(STAGE_ORDER)}")
        # Repair (token boundaries) and paragraphs (sentence starts) must run before the
        # statistical components see the tokens, in that order.
        if stage in _BEFORE_MODEL:
            earlier = [factory_name(s) for s in _BEFORE_MODEL[: _BEFORE_MODEL.index(stage)]]
            placed = [name for name in earlier if name in nlp.pipe_names]
            if placed:
                nlp.add_pipe(factory_name(stage), after=placed[-1])
            else:
                nlp.add_pipe(factory_name(stage), first=True)
        else:
            nlp.add_pipe(factory_name(stage), last=True)
    return nlp


# One short article of our own: running it once loads every lexicon and the gazetteer.
_SETTLE_TEXT = (
    "LYON, May 2 - President Ana Ruiz met officials in Lyon, France, on Monday and said "
    "they would meet again in two weeks, the ministry said. About 300 people attended."
)


def _settle(nlp: Language) -> None:
    """Load the stages' resources now, then take them out of the garbage collector's scans.

    The model, lexicons and gazetteer caches are ~100,000 long-lived objects; every full
    collection would walk them again (about 4 ms an article, measured with
    benchmarks/throughput.py).  ``gc.freeze`` moves what exists now to the permanent
    generation; objects made later are collected as usual.
    """
    doc = nlp.make_doc(_SETTLE_TEXT)
    doc.user_data["storyline.text"] = _SETTLE_TEXT
    doc._.sl_published = dt.date(2024, 5, 2)
    for _name, component in nlp.pipeline:
        doc = component(doc)
    gc.collect()
    gc.freeze()


class Pipeline:
    """Loads the model and the stages once; extracts accounts from many articles."""

    def __init__(
        self, settings: Settings | None = None, *, stages: Sequence[str] = STAGE_ORDER
    ) -> None:
        self.settings = settings or get_settings()
        self.stages = tuple(stages)
        self._nlp: Language | None = None
        self._lock = threading.Lock()

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            with self._lock:
                if self._nlp is None:
                    nlp = load_nlp(self.settings, self.stages)
                    _settle(nlp)
                    self._nlp = nlp
        return self._nlp

    def article(
        self,
        text: str,
        published: dt.date | str,
        title: str | None = None,
        *,
        url: str | None = None,
        language: str | None = None,
        published_from: PublishedFrom = "argument",
    ) -> Article:
        """Validate input and make an :class:`Article` (raises ``InputError``)."""
        check_text(text, max_bytes=self.settings.max_bytes, language=language)
        return Article(
            text=text,
            published=parse_published(published),
            title=title,
            url=url,
            published_from=published_from,
            language=language,
        )

    def extract(
        self,
        text: str,
        published: dt.date | str,
        title: str | None = None,
        *,
        url: str | None = None,
        language: str | None = None,
    ) -> Account:
        """The account of one article."""
        article = self.article(text, published, title, url=url, language=language)
        return next(iter(self.pipe([article])))

    def docs(
        self, articles: Iterable[Article], batch_size: int = DEFAULT_BATCH_SIZE
    ) -> Iterator[Doc]:
        """Run the pipeline; yields the annotated ``Doc`` of each article, in order."""
        nlp = self.nlp

        def prepared() -> Iterator[Doc]:
            for article in articles:
                check_text(
                    article.text, max_bytes=self.settings.max_bytes, language=article.language
                )
                doc = nlp.make_doc(article.text)
                # spaCy keeps every character, so the text is the article's: no rebuild later.
                doc.user_data["storyline.text"] = article.text
                doc._.sl_published = article.published
                doc._.sl_title = article.title
                yield doc

        yield from nlp.pipe(prepared(), batch_size=batch_size)

    def pipe(
        self, articles: Iterable[Article], batch_size: int = DEFAULT_BATCH_SIZE
    ) -> Iterator[Account]:
        """Accounts of many articles, batched through spaCy's ``nlp.pipe``."""
        buffered: list[Article] = []

        def remember(items: Iterable[Article]) -> Iterator[Article]:
            for item in items:
                buffered.append(item)
                yield item

        for doc in self.docs(remember(articles), batch_size=batch_size):
            article = buffered.pop(0)
            yield build_account(doc, article)


_default: Pipeline | None = None
_default_lock = threading.Lock()


def extract(
    text: str, published: dt.date | str, title: str | None = None, **kwargs: Any
) -> Account:
    """The account of one article, through a pipeline loaded once per process."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Pipeline()
    return _default.extract(text, published, title, **kwargs)


# --- building the account -------------------------------------------------------------


def _span(text: str, start: int, end: int) -> dict[str, Any]:
    return {"text": text[start:end], "start": start, "end": end}


def _spans(text: str, pairs: Iterable[tuple[int, int]]) -> list[dict[str, Any]]:
    return [_span(text, s, e) for s, e in sorted(set(pairs))]


def build_account(doc: Doc, article: Article) -> Account:
    """Turn the records the stages left on ``doc`` into the public :class:`Account`.

    The account is assembled as plain data and validated once: one pass of pydantic's
    core over the whole tree is several times cheaper than building each model in Python.
    """
    text = docext.text_of(doc)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    document = dict(
        id=sha[:16],
        title=article.title,
        published=article.published.isoformat(),
        published_from=article.published_from,
        language="en",
        text_sha256=sha,
        url=article.url,
        length=len(text),
    )
    entities = [
        dict(
            id=e.key,
            name=e.name,
            type=e.label,
            aliases=[a for a in dict.fromkeys(e.aliases) if a != e.name],
            roles=list(dict.fromkeys(e.roles)),
            country=e.country,
            mentions=_spans(text, e.mentions),
        )
        for e in doc._.sl_entities
    ]
    places = [
        dict(
            id=p.key,
            name=p.name,
            aliases=[a for a in dict.fromkeys(p.aliases) if a != p.name],
            feature=p.feature,
            lat=p.lat,
            lon=p.lon,
            country=p.country,
            geonameid=p.geonameid,
            population=p.population,
            source=p.source,
            mentions=_spans(text, p.mentions),
            affiliations=_spans(text, p.affiliations),
        )
        for p in doc._.sl_places
    ]
    times = [
        dict(
            text=text[t.start : t.end],
            start=t.start,
            end=t.end,
            type=t.type,
            value=t.value,
            anchor=t.anchor,
            mod=t.mod,
            quant=t.quant,
            freq=t.freq,
            range_begin=t.range_begin,
            range_end=t.range_end,
        )
        for t in sorted(doc._.sl_times, key=lambda t: t.start)
    ]
    quantities = [
        dict(
            text=text[q.start : q.end],
            start=q.start,
            end=q.end,
            value=q.value,
            unit=q.unit,
            approximate=q.approximate,
        )
        for q in sorted(doc._.sl_quantities, key=lambda q: q.start)
    ]
    sources = [
        dict(
            id=s.key,
            name=s.name,
            kind=s.kind,
            entity=s.entity,
            mentions=_spans(text, s.mentions),
        )
        for s in doc._.sl_sources
    ]
    quotes = [
        dict(
            kind=q.kind,
            speaker=q.speaker,
            source=_span(text, *q.source),
            cue=_span(text, *q.cue) if q.cue else None,
            content=_span(text, *q.content),
            content_parts=_spans(text, q.parts or [q.content]),
        )
        for q in doc._.sl_quotes
    ]
    events = [
        dict(
            id=ev.key,
            type=ev.type,
            trigger=_span(text, *ev.trigger),
            actors=list(dict.fromkeys(ev.actors)),
            targets=list(dict.fromkeys(ev.targets)),
            places=list(dict.fromkeys(ev.places)),
            time=(
                dict(text=text[ev.time.start : ev.time.end], value=ev.time.value)
                if ev.time
                else None
            ),
            certainty=ev.certainty,
            sources=list(dict.fromkeys(ev.sources)),
            evidence=_spans(text, ev.evidence),
        )
        for ev in doc._.sl_events
    ]
    main: docext.MainEventRecord | None = doc._.sl_main_event
    main_event = (
        dict(
            **{k: v for k, v in main.answers.items() if k in MAIN_EVENT_QUESTIONS},
            spans={k: _span(text, *v) for k, v in main.spans.items()},
        )
        if main
        else dict()
    )
    route_rec: docext.RouteRecord | None = doc._.sl_route
    route = (
        dict(
            stops=[
                dict(
                    name=s.name,
                    lat=s.lat,
                    lon=s.lon,
                    mention=_span(text, *s.mention) if s.mention else None,
                )
                for s in route_rec.stops
            ],
            legs=[
                (
                    {
                        "from": leg.origin,
                        "to": leg.destination,
                        "distance_km": leg.distance_km,
                        "distance_source": leg.distance_source,
                        "evidence": _span(text, *leg.evidence) if leg.evidence else None,
                    }
                )
                for leg in route_rec.legs
            ],
        )
        if route_rec
        else dict()
    )
    return Account.model_validate(
        dict(
            document=document,
            entities=entities,
            places=places,
            times=times,
            quantities=quantities,
            sources=sources,
            quotes=quotes,
            events=events,
            main_event=main_event,
            route=route,
        )
    )


MAIN_EVENT_QUESTIONS = ("who", "what", "when", "where", "why", "how")
