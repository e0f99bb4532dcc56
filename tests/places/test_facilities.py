"""Facilities keep their names and take the point of the place the text ties them to."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.places import resolve_places
from storyline.places.facilities import sentence_starts


def resolve(document: Any, text: str, entities: dict[str, tuple[str, str, list[str]]]) -> dict:
    mentions, ents = document(text, entities)
    return {e.id: e.geo for e in resolve_places(text, mentions, ents)}


def test_a_prison_outside_a_city_is_placed_outside_it(document: Any) -> None:
    geo = resolve(
        document,
        "Recruiters visited a prison outside St. Petersburg, two former inmates said.",
        {
            "E1": ("FAC", "prison outside Saint Petersburg", ["prison outside St. Petersburg"]),
            "E2": ("LOC", "Saint Petersburg", ["St. Petersburg"]),
        },
    )
    prison, city = geo["E1"], geo["E2"]
    assert prison["feature"] == "facility"
    assert (prison["near"], prison["relation"], prison["via"]) == ("E2", "outside", "phrase")
    assert prison["precision"] == "outside city"
    assert (prison["lat"], prison["lon"], prison["country"]) == (
        city["lat"],
        city["lon"],
        "RU",
    )
    assert prison["geonameid"] is None and prison["name"] == "Saint Petersburg"


@pytest.mark.parametrize(
    ("text", "relation", "precision"),
    [
        ("He left Penal Colony No. 11 near Perm two years ago.", "near", "near city"),
        ("Inmates of Penal Colony No. 11 in the Perm region signed up.", "in", "in region"),
    ],
)
def test_a_named_colony_takes_the_place_named_after_it(
    document: Any, text: str, relation: str, precision: str
) -> None:
    place = "Perm region" if "Perm region" in text else "Perm"
    geo = resolve(
        document,
        text,
        {
            "E1": ("FAC", "Penal Colony No. 11", ["Penal Colony No. 11"]),
            "E2": ("LOC", place, [place]),
        },
    )
    assert (geo["E1"]["relation"], geo["E1"]["precision"]) == (relation, precision)
    assert geo["E1"]["near"] == "E2" and geo["E1"]["via"] == "phrase"


def test_without_a_phrase_the_nearest_place_in_the_sentence_is_used(document: Any) -> None:
    geo = resolve(
        document,
        "Officials in the Irkutsk region denied that inmates at Penal Colony No. 15 were "
        "beaten. Relatives in Moscow said otherwise.",
        {
            "E1": ("LOC", "Irkutsk region", ["Irkutsk region"]),
            "E2": ("FAC", "Penal Colony No. 15", ["Penal Colony No. 15"]),
            "E3": ("LOC", "Moscow", ["Moscow"]),
        },
    )
    colony = geo["E2"]
    assert (colony["near"], colony["via"], colony["relation"]) == ("E1", "sentence", None)
    assert colony["precision"] == "region"


def test_a_facility_by_an_unknown_place_falls_back_to_the_main_place(document: Any) -> None:
    geo = resolve(
        document,
        "Floods hit eastern Croatia. A car was swept off a road near Belica. "
        "Croatia asked for help.",
        {
            "E1": ("LOC", "Croatia", ["Croatia"]),
            "E2": ("FAC", "road near Belica", ["road near Belica"]),
            "E3": ("LOC", "Belica", ["Belica"]),
        },
    )
    assert geo["E3"] is None
    road = geo["E2"]
    assert (road["near"], road["via"], road["country"]) == ("E1", "document", "HR")
    assert road["precision"] == "country"


def test_a_facility_with_no_real_place_in_the_story_stays_unresolved(document: Any) -> None:
    geo = resolve(
        document,
        "People were trapped in a school dormitory in the village of Koshel in Kestria.",
        {
            "E1": (
                "FAC",
                "school dormitory in the village of Koshel",
                ["school dormitory in the village of Koshel"],
            ),
            "E2": ("LOC", "Koshel", ["Koshel"]),
            "E3": ("LOC", "Kestria", ["Kestria"]),
        },
    )
    assert geo == {"E1": None, "E2": None, "E3": None}


def test_sentences_do_not_end_at_abbreviations() -> None:
    text = "He was held in St. Petersburg at Penal Colony No. 4. Then he left. Dr. Li agreed."
    starts = sentence_starts(text)
    assert starts == [0, text.index("Then"), text.index("Dr.")]
