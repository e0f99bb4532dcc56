"""Place resolution: the document decides which St. Petersburg; invented places stay unplaced.

Texts are short fictional reports written for these tests; entity mentions are given by hand
(tests/places/conftest.py), so the resolver is tested without spaCy.
"""

from __future__ import annotations

from typing import Any

import pytest

from storyline.model import Entity
from storyline.places import resolve_places


def resolve(document: Any, text: str, entities: dict[str, tuple[str, str, list[str]]]) -> dict:
    mentions, ents = document(text, entities)
    return {e.id: e.geo for e in resolve_places(text, mentions, ents)}


RUSSIA_STORY = (
    "Recruiters visited a colony near St. Petersburg in May. Russian officials in Moscow "
    "denied that inmates were pressured, and relatives said the men were sent to Ukraine."
)
FLORIDA_STORY = (
    "Seawater flooded streets in St. Petersburg on Wednesday. Crews from Tampa and Orlando "
    "worked through the night, and the governor of Florida asked for federal help."
)


@pytest.mark.parametrize(
    ("text", "others", "country", "lat"),
    [
        (
            RUSSIA_STORY,
            {
                "E2": ("LOC", "Russia", ["Russian"]),
                "E3": ("LOC", "Moscow", ["Moscow"]),
                "E4": ("LOC", "Ukraine", ["Ukraine"]),
            },
            "RU",
            59.9,
        ),
        (
            FLORIDA_STORY,
            {
                "E2": ("LOC", "Tampa", ["Tampa"]),
                "E3": ("LOC", "Orlando", ["Orlando"]),
                "E4": ("LOC", "Florida", ["Florida"]),
            },
            "US",
            27.8,
        ),
    ],
    ids=["russia-story", "florida-story"],
)
def test_st_petersburg_is_the_one_in_the_story_country(
    document: Any, text: str, others: dict, country: str, lat: float
) -> None:
    geo = resolve(document, text, {"E1": ("LOC", "Saint Petersburg", ["St. Petersburg"])} | others)
    assert geo["E1"]["country"] == country
    assert geo["E1"]["lat"] == pytest.approx(lat, abs=0.2)
    assert geo["E1"]["feature"] == "city"


@pytest.mark.parametrize(("country_name", "country"), [("Russia", "RU"), ("United States", "US")])
def test_the_countries_a_story_names_decide_between_namesakes(
    document: Any, country_name: str, country: str
) -> None:
    geo = resolve(
        document,
        f"Flooding hit St. Petersburg overnight, and {country_name} sent rescue teams.",
        {
            "E1": ("LOC", "Saint Petersburg", ["St. Petersburg"]),
            "E2": ("LOC", country_name, [country_name]),
        },
    )
    assert geo["E1"]["country"] == country


def test_georgia_is_the_country_beside_tbilisi_and_the_state_beside_atlanta(
    document: Any,
) -> None:
    caucasus = resolve(
        document,
        "Georgia said two of its citizens held in Russia had returned to Tbilisi.",
        {
            "E1": ("LOC", "Georgia", ["Georgia"]),
            "E2": ("LOC", "Russia", ["Russia"]),
            "E3": ("LOC", "Tbilisi", ["Tbilisi"]),
        },
    )
    assert (caucasus["E1"]["country"], caucasus["E1"]["feature"]) == ("GE", "country")
    south = resolve(
        document,
        "Storms crossed Georgia overnight; shelters in Atlanta and Savannah were full.",
        {
            "E1": ("LOC", "Georgia", ["Georgia"]),
            "E2": ("LOC", "Atlanta", ["Atlanta"]),
            "E3": ("LOC", "Savannah", ["Savannah"]),
        },
    )
    assert (south["E1"]["country"], south["E1"]["feature"]) == ("US", "region")
    assert south["E1"]["code"] == "US-GA"


def test_a_place_written_with_its_state_is_placed_in_that_state(document: Any) -> None:
    geo = resolve(
        document,
        "Crews came from Paris, Texas, and from Alexandria, Virginia.",
        {
            "E1": ("LOC", "Paris", ["Paris"]),
            "E2": ("LOC", "Texas", ["Texas"]),
            "E3": ("LOC", "Alexandria", ["Alexandria"]),
            "E4": ("LOC", "Virginia", ["Virginia"]),
        },
    )
    assert geo["E1"]["country"] == "US" and geo["E1"]["lon"] == pytest.approx(-95.6, abs=0.2)
    assert geo["E3"]["country"] == "US" and geo["E3"]["lat"] == pytest.approx(38.8, abs=0.2)


def test_without_context_the_large_namesake_wins(document: Any) -> None:
    geo = resolve(
        document,
        "A court in Alexandria jailed the owner; his insurer in Paris refused to pay.",
        {"E1": ("LOC", "Alexandria", ["Alexandria"]), "E2": ("LOC", "Paris", ["Paris"])},
    )
    assert geo["E1"]["country"] == "EG"
    assert geo["E2"]["country"] == "FR"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Estavia", "Estavia's economy grew 2 percent, the statistics office in Estavia said."),
        ("Kestria", "Cholera spread in camps in eastern Kestria, health officials said."),
        ("Ardan province", "An earthquake struck Ardan province on Wednesday."),
        ("Riverton", "The Green Alliance won control of Riverton for the first time."),
        ("Wexmoor", "In the small town of Wexmoor, volunteers filled sandbags."),
    ],
)
def test_invented_places_stay_unresolved(document: Any, name: str, text: str) -> None:
    form = name.split()[0] if name.endswith("province") else name
    forms = [name] if name in text else [form]
    assert resolve(document, text, {"E1": ("LOC", name, forms)})["E1"] is None


def test_a_town_named_like_a_real_one_needs_the_text_to_tie_it(document: Any) -> None:
    alone = resolve(document, "Thousands marched in Serov.", {"E1": ("LOC", "Serov", ["Serov"])})
    assert alone["E1"] is None
    placed = resolve(
        document,
        "Thousands marched in Serov, a town in the Sverdlovsk region.",
        {
            "E1": ("LOC", "Serov", ["Serov"]),
            "E2": ("LOC", "Sverdlovsk region", ["Sverdlovsk region"]),
        },
    )
    assert placed["E1"]["country"] == "RU"
    assert placed["E2"]["code"] == "RU-SVE"
    assert placed["E2"]["name"] == "Sverdlovsk Oblast"


def test_an_unknown_country_in_the_story_switches_off_the_country_context(
    document: Any,
) -> None:
    entities = {
        "E1": ("LOC", "Serov", ["Serov"]),
        "E2": ("LOC", "Russia", ["Russian"]),
        "E3": ("LOC", "Estavia", ["Estavia"]),
    }
    real = "Thousands marched in Serov against a law modeled on a Russian one."
    assert resolve(document, real, entities)["E1"]["country"] == "RU"
    invented = real + " The EU said the law harms Estavia's bid for membership."
    assert resolve(document, invented, entities)["E1"] is None


@pytest.mark.parametrize(
    ("name", "code", "capital_lat"),
    [
        ("Irkutsk region", "RU-IRK", 52.3),
        ("Mordovia", "RU-MO", 54.2),
        ("Republic of Mordovia", "RU-MO", 54.2),
        ("Kharkiv oblast", "UA-63", 50.0),
    ],
)
def test_regions_resolve_to_their_capital_point(
    document: Any, name: str, code: str, capital_lat: float
) -> None:
    geo = resolve(document, f"Recruiters toured {name}.", {"E1": ("LOC", name, [name])})["E1"]
    assert (geo["feature"], geo["code"], geo["point"]) == ("region", code, "capital")
    assert geo["precision"] == "region"
    assert geo["lat"] == pytest.approx(capital_lat, abs=0.2)


def test_a_resolved_place_states_its_source_and_precision(document: Any) -> None:
    geo = resolve(document, "Protests spread to Kazan.", {"E1": ("LOC", "Kazan", ["Kazan"])})
    kazan = geo["E1"]
    assert kazan["name"] == "Kazan" and kazan["country"] == "RU"
    assert isinstance(kazan["geonameid"], int)
    assert (kazan["precision"], kazan["point"], kazan["via"]) == ("city", "place", "name")
    assert kazan["near"] is None and kazan["relation"] is None


def test_other_entities_pass_through_unchanged(document: Any) -> None:
    text = "Marina Sokolova of Memorial said the men were taken to Russia."
    mentions, entities = document(
        text,
        {
            "E1": ("PER", "Marina Sokolova", ["Marina Sokolova"]),
            "E2": ("ORG", "Memorial", ["Memorial"]),
            "E3": ("LOC", "Russia", ["Russia"]),
        },
    )
    result = resolve_places(text, mentions, entities)
    assert [e.id for e in result] == ["E1", "E2", "E3"]
    assert result[0] is entities[0] and result[1] is entities[1]
    assert result[2].geo is not None and result[2].geo["country"] == "RU"


def test_a_document_without_places_is_returned_as_is() -> None:
    people = (Entity("E1", "Oksana Marchenko", "PER"),)
    assert resolve_places("Oksana Marchenko spoke.", [], people) == people
