"""Places: LOC and FAC entities resolved, offline, to points with a country.

Why a stage of its own: where something happened is the question a map, a GeoJSON export
and a reviewer ask of every event, and answering it needs data (a gazetteer) and document
context that entity extraction does not. :func:`resolve_places` is a pure function over
one document's text, mentions and entities; it fills :attr:`storyline.model.Entity.geo`.
How it decides is in :mod:`storyline.places.resolve` and docs/places.md.
"""

from __future__ import annotations

from storyline.places.resolve import resolve_places

#: Versioned name of the place resolver, stored with extraction results.
VERSION = "places/1"

__all__ = ["VERSION", "resolve_places"]
