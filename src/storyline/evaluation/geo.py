"""Place recognition and grounding scored on GeoWebNews and GeoVirus (``METRICS.md``).

Every mention of every output place is one predicted toponym.  Gold toponyms are paired with
them one-to-one (identical spans first, then by largest overlap).  Recognition is P/R/F1 over
overlapping pairs, plus exact-span F1.  Geocoding is measured over the recognised gold
toponyms that have coordinates: the great-circle error of the predicted place (20,039 km when
it has no coordinates), accuracy within 161 km, mean and median error, and the AUC of the
sorted ln(error + 1) curve.

GeoWebNews: the types ``Non_Toponym``, ``Literal_Expression`` and ``Non_Lit_Expression`` are
not toponyms.  GeoVirus offsets count from 1.  A gold span whose text is not its phrase is
moved to the nearest occurrence of the phrase within 50 characters.  Neither set gives
publication dates: the date in a GeoWebNews link is used where there is one, else a fixed
reference date (places do not depend on it).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EvalError
from ..geo import MAX_ERROR_KM, great_circle_km
from ..ingest.text import Article
from .report import EvalReport
from .spans import Counts, pair_spans

if TYPE_CHECKING:
    from ..pipeline import Pipeline

__all__ = [
    "GeoDocument",
    "GeoScore",
    "GoldToponym",
    "load_geovirus",
    "load_geowebnews",
    "run",
    "score_documents",
]

NOT_TOPONYMS = frozenset({"Non_Toponym", "Literal_Expression", "Non_Lit_Expression"})
DRIFT_WINDOW = 50
ACC_KM = 161.0
_REFERENCE_DATE = dt.date(2018, 6, 1)
_LINK_DATE = re.compile(r"(20\d\d|19\d\d)[/-](\d\d)(?:[/-](\d\d))?")
MISMATCH_LOG = 25


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None


@dataclass
class GeoDocument:
    name: str
    text: str
    published: dt.date
    gold: list[GoldToponym] = field(default_factory=list)


@dataclass
class GeoScore:
    recognition: Counts = field(default_factory=Counts)
    exact: Counts = field(default_factory=Counts)
    errors: list[float] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)

    def figures(self, prefix: str) -> dict[str, float]:
        errs = sorted(self.errors)
        out = {
            f"{prefix}.recognition_p": self.recognition.precision,
            f"{prefix}.recognition_r": self.recognition.recall,
            f"{prefix}.recognition_f1": self.recognition.f1,
            f"{prefix}.recognition_exact_f1": self.exact.f1,
        }
        if errs:
            out[f"{prefix}.acc161"] = sum(e <= ACC_KM for e in errs) / len(errs)
            out[f"{prefix}.mean_error_km"] = statistics.fmean(errs)
            out[f"{prefix}.median_error_km"] = statistics.median(errs)
            out[f"{prefix}.auc"] = auc(errs)
        return out


def auc(errors: Iterable[float]) -> float:
    """Area under the sorted ln(error + 1) curve, trapezoids, over ln(20,039) × (n − 1)."""
    ys = [math.log(e + 1.0) for e in sorted(errors)]
    if len(ys) < 2:
        return ys[0] / math.log(MAX_ERROR_KM) if ys else 0.0
    area = sum((ys[i] + ys[i + 1]) / 2.0 for i in range(len(ys) - 1))
    return area / (math.log(MAX_ERROR_KM) * (len(ys) - 1))


def _fix_drift(text: str, start: int, end: int, name: str) -> tuple[int, int]:
    if text[start:end] == name or not name:
        return start, end
    lo = max(0, start - DRIFT_WINDOW)
    hi = min(len(text), end + DRIFT_WINDOW)
    best: tuple[int, int] | None = None
    pos = text.find(name, lo)
    while pos != -1 and pos + len(name) <= hi:
        if best is None or abs(pos - start) < abs(best[0] - start):
            best = (pos, pos + len(name))
        pos = text.find(name, pos + 1)
    return best if best is not None else (start, end)


def _float(text: str | None) -> float | None:
    if text is None or not text.strip():
        return None
    try:
        return float(text)
    except ValueError:
        return None


def _date_of_link(link: str | None) -> dt.date:
    if link:
        m = _LINK_DATE.search(link)
        if m:
            year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3) or 1)
            try:
                return dt.date(year, month, day)
            except ValueError:
                pass
    return _REFERENCE_DATE


def _parse(path: Path) -> ET.Element:
    if not path.is_file():
        raise EvalError(f"{path} not found")
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise EvalError(f"{path}: {exc}") from None


def load_geowebnews(folder: Path, limit: int | None = None) -> list[GeoDocument]:
    root = _parse(folder / "GWN.xml")
    docs: list[GeoDocument] = []
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        doc = GeoDocument(
            name=f"gwn-{article.get('file')}",
            text=text,
            published=_date_of_link(article.findtext("link")),
        )
        for top in article.iter("toponym"):
            if (top.findtext("type") or "") in NOT_TOPONYMS:
                continue
            name = top.findtext("extractedName") or ""
            start, end = int(top.findtext("start") or 0), int(top.findtext("end") or 0)
            start, end = _fix_drift(text, start, end, name)
            doc.gold.append(
                GoldToponym(
                    start, end, name, _float(top.findtext("latitude")),
                    _float(top.findtext("longitude")),
                )
            )  # fmt: skip
        docs.append(doc)
        if limit is not None and len(docs) >= limit:
            break
    return docs


def load_geovirus(folder: Path, limit: int | None = None) -> list[GeoDocument]:
    root = _parse(folder / "GeoVirus.xml")
    docs: list[GeoDocument] = []
    for number, article in enumerate(root.iter("article")):
        text = article.findtext("text")
        if not text:
            continue  # the commented-out template is not an article
        doc = GeoDocument(name=f"geovirus-{number}", text=text, published=_REFERENCE_DATE)
        for loc in article.iter("location"):
            name = loc.findtext("name") or ""
            start, end = int(loc.findtext("start") or 1) - 1, int(loc.findtext("end") or 1) - 1
            start, end = _fix_drift(text, start, end, name)
            doc.gold.append(
                GoldToponym(
                    start, end, name, _float(loc.findtext("lat")), _float(loc.findtext("lon"))
                )
            )
        docs.append(doc)
        if limit is not None and len(docs) >= limit:
            break
    return docs


Prediction = tuple[int, int, float | None, float | None]


def predict(pipeline: Pipeline, docs: list[GeoDocument]) -> list[list[Prediction]]:
    """Every mention of every output place, with the place's coordinates."""
    articles = (Article(text=d.text, published=d.published, language="en") for d in docs)
    out: list[list[Prediction]] = []
    for account in pipeline.pipe(articles):
        preds: list[Prediction] = []
        for place in account.places:
            for m in place.mentions:
                preds.append((m.start, m.end, place.lat, place.lon))
        out.append(preds)
    return out


def score_documents(docs: list[GeoDocument], predictions: list[list[Prediction]]) -> GeoScore:
    score = GeoScore()
    for doc, preds in zip(docs, predictions, strict=True):
        pred_spans = [(p[0], p[1]) for p in preds]
        gold_spans = [(g.start, g.end) for g in doc.gold]
        pairs = pair_spans(pred_spans, gold_spans, doc.text)
        score.recognition.add(len(pairs), len(preds), len(doc.gold))
        score.exact.add(sum(p.exact for p in pairs), len(preds), len(doc.gold))
        paired_gold = set()
        for pair in pairs:
            gold = doc.gold[pair.gold]
            paired_gold.add(pair.gold)
            if gold.lat is None or gold.lon is None:
                continue
            _, _, lat, lon = preds[pair.pred]
            if lat is None or lon is None:
                err = MAX_ERROR_KM
            else:
                err = great_circle_km(gold.lat, gold.lon, lat, lon)
            score.errors.append(err)
            if err > ACC_KM and len(score.mismatches) < MISMATCH_LOG:
                score.mismatches.append(
                    f"{doc.name} {gold.name!r} @({gold.lat:.2f},{gold.lon:.2f}) predicted "
                    f"{doc.text[preds[pair.pred][0] : preds[pair.pred][1]]!r} "
                    f"{'none' if lat is None else f'({lat:.2f},{lon:.2f})'} {err:.0f} km"
                )
    return score


def run(pipeline: Pipeline, shared: Path, limit: int | None = None) -> EvalReport:
    """Score GeoWebNews and GeoVirus (``limit`` documents of each, when given)."""
    eval_dir = shared / "eval"
    report = EvalReport(name="geo")
    for prefix, loader, folder in (
        ("geowebnews", load_geowebnews, eval_dir / "geowebnews"),
        ("geovirus", load_geovirus, eval_dir / "geovirus"),
    ):
        docs = loader(folder, limit)
        score = score_documents(docs, predict(pipeline, docs))
        report.documents += len(docs)
        figures = score.figures(prefix)
        report.figures.update(figures)
        report.details.append(
            f"{prefix}: {len(docs)} documents, {score.recognition.n_gold} gold toponyms, "
            f"{score.recognition.n_pred} predicted, {len(score.errors)} geocoded"
        )
        report.details.extend(f"  {line}" for line in score.mismatches)
    return report
