"""How exact an event's place is, and the point it may be drawn at.

Why: the gazetteer gives a country the point of its capital and a region the point of its
administrative centre, so an entity always has *some* coordinates. Drawn as they are,
"Russia" becomes a hotspot in Moscow that no report describes. So each event place gets a
``precision`` — how exact its point is — and country-level places get no point at all:
maps and GeoJSON leave them unplaced (``geometry: null``) rather than pin them to a capital.

Precision is about the point, not the kind of place: a facility tied to a city ("a prison
outside Omsk") is drawn at the city and is ``city``-precise; one tied only to a region is
``region``-precise. ``facility`` is kept for a facility with a point of its own.

``region`` is a key ``COUNTRY.ADMIN1`` (GeoNames first-level division) shared by a region
and the cities and facilities inside it, so a filter on the region finds them;
``geonameid`` names the city a place is or lies in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from storyline.places.gazetteer import gazetteer

#: From most to least exact.
PRECISIONS = ("facility", "city", "region", "country")


@dataclass(frozen=True)
class PlaceColumns:
    """What an event row stores about its place (all ``None`` for an unresolved place)."""

    precision: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    region: str | None = None


def region_key(country: str | None, admin1: str | None) -> str | None:
    """``RU.66``: a first-level division, comparable across cities and regions."""
    return f"{country}.{admin1}" if country and admin1 else None


def place_columns(
    geo: Mapping[str, Any] | None, geos: Mapping[str, Mapping[str, Any] | None] | None = None
) -> PlaceColumns:
    """The columns for a place entity's ``geo``; ``geos`` holds the document's other
    entities' ``geo`` by id, so a facility finds the place it is tied to."""
    if not isinstance(geo, Mapping):
        return PlaceColumns()
    base: Mapping[str, Any] = geo
    feature = str(geo.get("feature") or "")
    if feature == "facility":
        linked = (geos or {}).get(str(geo.get("near") or ""))
        if isinstance(linked, Mapping):
            base = linked
            feature = str(linked.get("feature") or "")
        elif geo.get("near") is None:  # a facility with a point of its own
            feature = "facility"
        else:  # "in region": the last word of the stated precision names the place kind
            feature = str(geo.get("precision") or "").split(" ")[-1]
    precision = feature if feature in PRECISIONS else None
    country = geo.get("country")
    if precision == "country":
        return PlaceColumns("country", country)
    lat, lon = geo.get("lat"), geo.get("lon")
    geonameid = base.get("geonameid") if precision in ("city", "facility") else None
    return PlaceColumns(
        precision,
        country,
        float(lat) if lat is not None else None,
        float(lon) if lon is not None else None,
        int(geonameid) if geonameid is not None else None,
        _region(base, precision),
    )


def _region(geo: Mapping[str, Any], precision: str | None) -> str | None:
    """The region key of a city (by its GeoNames id) or of a region (by its ISO code)."""
    if precision in ("city", "facility") and geo.get("geonameid") is not None:
        city = gazetteer().by_geonameid(int(geo["geonameid"]))
        return region_key(city.country, city.admin1) if city else None
    if precision == "region" and geo.get("code"):
        region = gazetteer().region_by_code(str(geo["code"]))
        return region_key(region.country, region.admin1) if region else None
    return None
