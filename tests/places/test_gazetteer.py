"""The offline gazetteer: names to candidate places, built once per process."""

from __future__ import annotations

import pytest

from storyline.places.gazetteer import gazetteer, normalise, split_region


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("St. Petersburg", "saint petersburg"),
        ("Saint-Petersburg", "saint petersburg"),
        ("Rostov-on-Don", "rostov on don"),
        ("The Hague", "hague"),
        ("Łódź", "lodz"),
        ("Ryazan’", "ryazan"),
        ("Côte d'Ivoire", "cote divoire"),
    ],
)
def test_normalise_folds_spelling_variants(name: str, key: str) -> None:
    assert normalise(name) == key


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("irkutsk region", ("irkutsk", True)),
        ("republic of mordovia", ("mordovia", True)),
        ("nenets autonomous okrug", ("nenets", True)),
        ("irkutsk", ("irkutsk", False)),
        ("region", ("region", False)),
    ],
)
def test_split_region(key: str, expected: tuple[str, bool]) -> None:
    assert split_region(key) == expected


def test_the_gazetteer_is_built_once() -> None:
    assert gazetteer() is gazetteer()


@pytest.mark.parametrize(
    ("name", "country", "feature"),
    [
        ("Russia", "RU", "country"),
        ("Russian Federation", "RU", "country"),
        ("Czech Republic", "CZ", "country"),
        ("Britain", "GB", "country"),
        ("Iran", "IR", "country"),
        ("Sverdlovsk region", "RU", "region"),
        ("Zaporizhzhia oblast", "UA", "region"),
        ("Crimea", "UA", "region"),
        ("Florida", "US", "region"),
        ("Kyiv", "UA", "city"),
        ("Avdiivka", "UA", "city"),
    ],
)
def test_lookup_finds_the_place(name: str, country: str, feature: str) -> None:
    found = [(c.place.country, c.place.feature) for c in gazetteer().lookup(name)]
    assert (country, feature) in found


def test_both_st_petersburgs_are_candidates() -> None:
    found = {c.place.country: c.place for c in gazetteer().lookup("St. Petersburg")}
    assert set(found) >= {"RU", "US"}
    assert found["RU"].population > found["US"].population
    assert found["US"].admin1 == "FL"


def test_a_region_word_selects_the_region_not_its_capital() -> None:
    city = gazetteer().lookup("Irkutsk")
    region = gazetteer().lookup("Irkutsk region")
    assert {c.place.feature for c in city} == {"city"}
    assert [(c.place.feature, c.place.code, c.hinted) for c in region] == [
        ("region", "RU-IRK", True)
    ]
    assert region[0].place.lat == pytest.approx(city[0].place.lat)


def test_other_names_are_marked_as_not_exact() -> None:
    old = {c.place.name: c.exact for c in gazetteer().lookup("Sverdlovsk")}
    assert old.get("Yekaterinburg") is False  # the Soviet name: another name, not a spelling
    spelling = {c.place.country: c.exact for c in gazetteer().lookup("Avdiivka")}
    assert spelling["UA"] is True  # GeoNames spells it "Avdiyivka"


@pytest.mark.parametrize("name", ["Estavia", "Kestria", "Ardan province", "Tarsk", "Koshel"])
def test_invented_names_have_no_candidates(name: str) -> None:
    assert gazetteer().lookup(name) == []


def test_countries_have_their_capital_as_point() -> None:
    russia = gazetteer().countries["RU"]
    assert russia.point == "capital"
    assert russia.lat == pytest.approx(55.75, abs=0.1)


#: Lexicon names that span several countries (or none): no single country code is right.
MULTI_COUNTRY = {
    "Arctic", "Atlantic", "Balkans", "Baltic Sea", "Baltics", "Black Sea", "Caucasus",
    "Central Asia", "Europe", "Kashmir", "Kurdistan", "Latin America", "Mediterranean",
    "Middle East", "North America", "Pacific", "Persian Gulf", "Scandinavia", "Sea of Azov",
    "South America", "Soviet Union",
}  # fmt: skip


def test_every_single_country_place_of_the_extractor_lexicon_has_an_entry() -> None:
    from storyline.extract import entity_lexicon as lex

    names = {*lex.PLACES, *lex.COUNTRY_DEMONYMS, *lex.REGION_DEMONYMS}
    names |= set(lex.PLACE_ALIASES.values())
    missing = sorted(n for n in names - MULTI_COUNTRY if not gazetteer().lookup(n))
    assert missing == []
    assert all(not gazetteer().lookup(n) for n in MULTI_COUNTRY)
