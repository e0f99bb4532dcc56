"""Russian and Ukrainian reports through the extract stage: the natasha parse, entities with
nominative canonical names, Cyrillic places on the map. Texts are invented for the tests."""

from __future__ import annotations

from datetime import date

import pytest

import storyline
from storyline import nlp_ru_uk
from storyline.model import EntityMention, Extraction

pytestmark = pytest.mark.slow

RU = (
    "Вербовщики ЧВК «Вагнер» посетили ИК-7 в Мордовии\n\n"
    "По словам пресс-секретаря Кремля Дмитрия Пескова, около 30 тысяч заключённых подписали "
    "контракты. Как сообщил источник, в конце мая Евгений Пригожин приезжал в колонию в "
    "Мордовии. ФСИН отказалась от комментариев. Пескова спросили о потерях, но он не ответил.\n\n"
    "В Саратовской области завербовали сорок осуждённых из исправительной колонии № 17."
)
UK = (
    "Вербувальники приїжджали до колонії\n\n"
    "Як повідомив речник ДПтС, у травні ув'язнених завербували в колонії в Мордовії. "
    "За даними ЗМІ, у Харківській області загинули сорок засуджених. "
    "Дмитро Пєсков відмовився коментувати."
)


def _entities(result: Extraction) -> dict[str, tuple[str, str]]:
    """Mention text → (entity name, type)."""
    names = {e.id: (e.name, e.type) for e in result.entities}
    return {
        m.text: names[m.entity]
        for m in result.mentions
        if isinstance(m, EntityMention) and m.entity
    }


def test_the_parse_keeps_every_offset_and_reads_russian_grammar() -> None:
    doc = nlp_ru_uk.parse(RU, "ru")
    assert doc.text == RU and doc.lang_ == "ru"
    by_text = {t.text: t for t in doc}
    assert by_text["заключённых"].lemma_ == "заключенный"  # a participle used as a noun
    assert by_text["подписали"].pos_ == "VERB" and by_text["подписали"].lemma_ == "подписать"
    assert by_text["контракты"].dep_ == "obj" and by_text["контракты"].head.text == "подписали"
    # a paragraph break ends a sentence: the headline never runs into the body
    assert all("\n\n" not in sent.text.strip() for sent in doc.sents)


def test_ukrainian_words_keep_their_apostrophe_and_their_own_lemmas() -> None:
    doc = nlp_ru_uk.parse(UK, "uk")
    assert doc.text == UK
    by_text = {t.text: t for t in doc}
    assert by_text["ув'язнених"].lemma_ == "ув'язнений"
    assert by_text["загинули"].pos_ == "VERB" and by_text["загинули"].lemma_ == "загинути"
    assert by_text["травні"].lemma_ == "травень"


def test_russian_entities_have_nominative_names_and_places() -> None:
    result = storyline.extract(RU, published=date(2024, 6, 20))
    assert result.document.language == "ru"
    found = _entities(result)
    assert found["ЧВК «Вагнер»"] == ("ЧВК «Вагнер»", "ORG")
    assert found["ИК-7"] == ("ИК-7", "FAC")
    assert found["Мордовии"] == ("Мордовия", "LOC")
    assert found["Дмитрия Пескова"] == ("Дмитрий Песков", "PER")
    assert found["Пескова"] == ("Дмитрий Песков", "PER")  # the surname alone: one person
    assert found["Кремля"] == ("Кремль", "ORG")  # the alias list says what the Kremlin is
    assert found["Саратовской области"] == ("Саратовская область", "LOC")
    assert found["колонию в Мордовии"][1] == "FAC"
    assert found["исправительной колонии № 17"] == ("исправительная колония № 17", "FAC")
    geo = {e.name: e.geo for e in result.entities if e.geo}
    assert geo["Мордовия"]["code"] == "RU-MO"
    assert geo["Саратовская область"]["code"] == "RU-SAR"
    assert geo["ИК-7"]["feature"] == "facility" and geo["ИК-7"]["country"] == "RU"
    for mention in result.mentions:
        assert RU[mention.start : mention.end] == mention.text


def test_ukrainian_entities_and_region_forms() -> None:
    result = storyline.extract(UK, published=date(2024, 6, 20))
    assert result.document.language == "uk"
    found = _entities(result)
    assert found["Харківській області"] == ("Харківська область", "LOC")
    assert found["Мордовії"] == ("Мордовія", "LOC")
    assert found["ДПтС"][1] == "ORG"  # an abbreviation no place table knows
    assert found["Дмитро Пєсков"] == ("Дмитро Пєсков", "PER")
    geo = {e.name: e.geo for e in result.entities if e.geo}
    assert geo["Харківська область"]["code"] == "UA-63"
    assert geo["Мордовія"]["code"] == "RU-MO"


def test_ukrainian_names_the_russian_model_misses() -> None:
    """A person the dictionary knows by first name and surname, an organisation written
    with an apostrophe of either kind, and "Ваґнер" in the 2019 spelling with ґ."""
    text = (
        "Засуджені у ЗСУ\n\n"
        "Водночас заступник міністра юстиції Євген Пікалов вважає, що участь у війні "
        "важлива. У Мін’юсті пояснюють, що не кожен в’язень може служити. "
        "Група Ваґнера набирає засуджених у колоніях. Так вважає британська розвідка."
    )
    found = _entities(storyline.extract(text, published=date(2024, 6, 20)))
    assert found["Євген Пікалов"] == ("Євген Пікалов", "PER")
    assert found["Мін’юсті"][1] == "ORG"
    assert found["Група Ваґнера"][1] == "ORG"
    assert found["британська"] == ("Велика Британія", "LOC")  # a demonym names its place


def test_places_the_russian_model_reads_as_one_person_are_places() -> None:
    """natasha takes "Росії проти України" and "Бахмуті та Авдіївці" for one person each in
    Ukrainian; cut at the joining word, each part is a place the gazetteer knows, and a
    person whose surname is also a town stays a person."""
    text = (
        "Вербування у колоніях\n\n"
        "Засуджених вербують для участі у війні Росії проти України, сказала Ольга Скрипник. "
        "Командир воював у Бахмуті та Авдіївці. Олександр Орел підтвердив це. "
        "Президент України Володимир Зеленський підписав закон, і поповнення лав Сил "
        "оборони України триває. Розмова з Малюською була довгою."
    )
    found = _entities(storyline.extract(text, published=date(2024, 6, 20)))
    assert found["України"][1] == "LOC"
    assert found["Росії"][1] == "LOC"
    assert found["Бахмуті"][1] == "LOC"
    assert found["Авдіївці"][1] == "LOC"
    assert found["Ольга Скрипник"] == ("Ольга Скрипник", "PER")
    assert found["Олександр Орел"][1] == "PER"
    # a first name that is also a town ("Володимир") still names a person
    assert [kind for text, (_, kind) in found.items() if "Зеленський" in text] == ["PER"]
    assert all(kind != "LOC" for text, (_, kind) in found.items() if "оборони" in text)
    # a name with its own particle is one name
    leonardo = _entities(
        storyline.extract("Выставка\n\nКартину Леонардо да Винчи показали в Москве.")
    )
    assert leonardo["Леонардо да Винчи"][1] == "PER"
    # a common word natasha joined to a name is cut off, not made a person
    assert "Розмова" not in found and found["Малюською"][1] == "PER"


def test_an_unsupported_language_is_stored_but_not_extracted() -> None:
    text = "Gefangene an der Front\n\nDie Rekrutierung von Häftlingen geht weiter, sagte er."
    result = storyline.extract(text)
    assert result.document.language == "de"
    assert result.mentions == () and result.events == ()
    from storyline.extract.contract import extraction_to_json

    assert extraction_to_json(result)["document"]["not_extracted"] == "not extracted: language de"
