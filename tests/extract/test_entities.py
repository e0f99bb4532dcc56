"""Entity extraction: types, spans, merging into document entities, and no junk.

Every text here is written for these tests (prisons and war, floods, elections, business).
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.extract import entities
from storyline.model import Entity, EntityMention


def run(nlp: Language, text: str) -> tuple[list[EntityMention], list[Entity]]:
    return entities.extract(nlp(text))


def find(
    mentions: list[EntityMention], ents: list[Entity], text: str
) -> tuple[EntityMention, Entity]:
    """The first mention with exactly this text, and its entity."""
    by_id = {e.id: e for e in ents}
    for mention in mentions:
        if mention.text == text:
            return mention, by_id[mention.entity]
    raise AssertionError(f"no mention {text!r} in {[m.text for m in mentions]}")


@pytest.mark.parametrize(
    ("text", "mention", "etype", "name"),
    [
        # people, organisations, places
        (
            "President Vladimir Putin signed the decree on Friday.",
            "Vladimir Putin",
            "PER",
            "Vladimir Putin",
        ),
        ("The Kremlin declined to comment on the report.", "Kremlin", "ORG", "Kremlin"),
        ("A spokesman for the Kremlin declined to comment.", "Kremlin", "ORG", "Kremlin"),
        (
            "Shares of Apple Inc. fell 3% after the earnings call.",
            "Apple Inc.",
            "ORG",
            "Apple Inc.",
        ),
        ("Floodwaters reached the outskirts of Karachi overnight.", "Karachi", "LOC", "Karachi"),
        ("Voters lined up in Fulton County before dawn.", "Fulton County", "LOC", "Fulton County"),
        (
            "Officials said the water rose in Khyber Pakhtunkhwa province.",
            "Khyber Pakhtunkhwa province",
            "LOC",
            "Khyber Pakhtunkhwa province",
        ),
        (
            "Amina Khan, a teacher in Mingora, said the school was flooded.",
            "Mingora",
            "LOC",
            "Mingora",
        ),
        # demonyms link to their place
        ("Russian officials denied the claim.", "Russian", "LOC", "Russia"),
        ("Ukrainian drones struck an oil depot overnight.", "Ukrainian", "LOC", "Ukraine"),
        ("Pakistani farmers lost most of their crops.", "Pakistani", "LOC", "Pakistan"),
        (
            "American aid workers were on standby, officials said.",
            "American",
            "LOC",
            "United States",
        ),
        ("The U.S. pledged $50 million in emergency aid.", "U.S.", "LOC", "United States"),
        ("KYIV, Ukraine (AP) — Air raid sirens sounded across the country.", "KYIV", "LOC", "Kyiv"),
        # facilities and units
        (
            "Women were moved to Penal Colony No. 7 in Segezha last year.",
            "Penal Colony No. 7",
            "FAC",
            "Penal Colony No. 7",
        ),
        (
            "The opposition leader died in IK-3, a remote colony above the Arctic Circle.",
            "IK-3",
            "FAC",
            "IK-3",
        ),
        (
            "Soldiers of the 155th Marine Brigade were moved to the south.",
            "155th Marine Brigade",
            "FAC",
            "155th Marine Brigade",
        ),
        (
            "The 3rd Separate Assault Brigade held the line.",
            "3rd Separate Assault Brigade",
            "FAC",
            "3rd Separate Assault Brigade",
        ),
        ("Convicts were sent to Storm-Z units on the front.", "Storm-Z", "FAC", "Storm-Z"),
        (
            "Lefortovo prison in Moscow holds several foreign reporters.",
            "Lefortovo prison",
            "FAC",
            "Lefortovo prison",
        ),
        (
            "Engineers inspected the Kakhovka dam after the blast.",
            "Kakhovka dam",
            "FAC",
            "Kakhovka dam",
        ),
        (
            "Recruiters visited a prison outside St. Petersburg in May.",
            "prison outside St. Petersburg",
            "FAC",
            "prison outside Saint Petersburg",
        ),
        (
            "She served her term in a women's prison in Mordovia.",
            "women's prison in Mordovia",
            "FAC",
            "women's prison in Mordovia",
        ),
        # groups
        ("Voters in Georgia queued for hours.", "Voters", "GROUP", "voters"),
        ("Democrats and Republicans traded accusations.", "Democrats", "GROUP", "Democrats"),
    ],
)
def test_mention_type_and_entity_name(
    nlp: Language, text: str, mention: str, etype: str, name: str
) -> None:
    mentions, ents = run(nlp, text)
    found, entity = find(mentions, ents, text=mention)
    assert (found.type, entity.type, entity.name) == (etype, etype, name)


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        (
            "Two former inmates said the female inmates were moved.",
            ["former inmates", "female inmates"],
        ),
        (
            "Military recruiters offered convicts pardons and salaries.",
            ["Military recruiters", "convicts"],
        ),
        (
            "Most Russian servicewomen serve as combat medics.",
            ["Russian servicewomen", "combat medics"],
        ),
        ("Volunteers brought food to displaced residents.", ["Volunteers", "displaced residents"]),
        ("Convicted women who enlisted stayed behind bars.", ["Convicted women"]),
        ("Tens of thousands of prisoners have joined since 2022.", ["prisoners"]),
        ("Rescuers pulled flood-hit villagers from rooftops.", ["Rescuers", "flood-hit villagers"]),
        ("Analysts expect investors to sell.", ["Analysts", "investors"]),
        ("Apple told its employees to return.", ["employees"]),
        (
            "Interviews with former and current inmates of four prisons.",
            ["former and current inmates"],
        ),
        # men, women, families are groups even with a number; "people" needs a modifier
        ("Two women and several men were detained on Monday.", ["women", "men"]),
        ("Many people left the city.", []),
        ("About 5,000 displaced people live in tents.", ["displaced people"]),
        ("Police said the families of the victims were told.", ["Police", "families", "victims"]),
        ("Police officers guarded the police station.", ["Police officers"]),
        ("Inmates at the women's colony sewed uniforms.", ["Inmates"]),
        # an unlisted agent noun counts as the subject of a verb of saying
        ("Forecasters warned that more rain may fall.", ["Forecasters"]),
        ("Computers said nothing, and the papers were lost.", []),
        # a verb is not a group
        ("She volunteers at the shelter every week.", []),
    ],
)
def test_groups(nlp: Language, text: str, groups: list[str]) -> None:
    mentions, _ = run(nlp, text)
    assert [m.text for m in mentions if m.type == "GROUP"] == groups


@pytest.mark.parametrize(
    ("text", "surfaces", "name", "etype"),
    [
        (
            "Protests spread in St. Petersburg. Police in St Petersburg detained 40 people, and "
            "Saint Petersburg officials were silent.",
            ["St. Petersburg", "St Petersburg", "Saint Petersburg"],
            "Saint Petersburg",
            "LOC",
        ),
        (
            "Vladimir Putin met the governor. Putin said the decree would follow.",
            ["Vladimir Putin", "Putin"],
            "Vladimir Putin",
            "PER",
        ),
        (
            "The Federal Penitentiary Service (FSIN) said the report was false. FSIN did not "
            "say how many inmates had left.",
            ["Federal Penitentiary Service", "FSIN"],
            "Federal Penitentiary Service",
            "ORG",
        ),
        (
            "The Kremlin said the talks were over. Analysts said the Kremlin wanted time.",
            ["Kremlin"],
            "Kremlin",
            "ORG",
        ),
        (
            "Russia released the women. Russian officials and Russia's courts stayed silent, "
            "and Russians were not told.",
            ["Russia", "Russian", "Russians"],
            "Russia",
            "LOC",
        ),
        (
            "Shares of Apple Inc. fell. Apple said demand in China had slowed.",
            ["Apple Inc.", "Apple"],
            "Apple Inc.",
            "ORG",
        ),
        (
            "Senator Raphael Warnock told CNN that turnout was high. Warnock's campaign agreed.",
            ["Raphael Warnock", "Warnock"],
            "Raphael Warnock",
            "PER",
        ),
        (
            "The World Health Organization (WHO) warned of cholera. The WHO sent teams.",
            ["World Health Organization", "WHO"],
            "World Health Organization",
            "ORG",
        ),
        (
            "Recruiters came to a prison outside St. Petersburg. Inmates at the prison near "
            "St. Petersburg had to remain silent.",
            ["prison outside St. Petersburg", "prison near St. Petersburg"],
            "prison outside Saint Petersburg",
            "FAC",
        ),
    ],
)
def test_one_entity_per_referent(
    nlp: Language, text: str, surfaces: list[str], name: str, etype: str
) -> None:
    mentions, ents = run(nlp, text)
    ids = {find(mentions, ents, text=surface)[0].entity for surface in surfaces}
    assert len(ids) == 1
    entity = next(e for e in ents if e.id in ids)
    assert (entity.name, entity.type) == (name, etype)


def test_different_groups_stay_apart(nlp: Language) -> None:
    text = "Two former inmates spoke. The former inmates said other inmates stayed."
    mentions, _ = run(nlp, text)
    groups = [m for m in mentions if m.type == "GROUP"]
    assert [m.text for m in groups] == ["former inmates", "former inmates", "inmates"]
    assert groups[0].entity == groups[1].entity != groups[2].entity


def test_ids_offsets_and_order(nlp: Language) -> None:
    text = (
        "Floods Leave Thousands Homeless In Pakistan\n\n"
        "Torrential rains flooded Sindh province, Pakistan's disaster agency said on Sunday. "
        "The World Bank pledged $200 million, and Pakistani farmers asked for more."
    )
    mentions, ents = run(nlp, text)
    assert [e.id for e in ents] == [f"E{i}" for i in range(1, len(ents) + 1)]
    assert all(m.text == text[m.start : m.end] and m.id == "" for m in mentions)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    first_seen = list(dict.fromkeys(m.entity for m in mentions))
    assert first_seen == [e.id for e in ents]  # numbered in order of first mention
    assert all(e.geo is None for e in ents)


def test_title_case_headline_keeps_only_confirmed_names(nlp: Language) -> None:
    text = (
        "Russia Releases Female Prison Inmates To Join War In Ukraine\n\n"
        "Russia has released female inmates from a penal colony to fight in Ukraine, two "
        "former prisoners said. The prison service did not comment."
    )
    mentions, _ = run(nlp, text)
    headline = [(m.text, m.type) for m in mentions if m.start < text.index("\n\n")]
    assert ("Russia", "LOC") in headline and ("Ukraine", "LOC") in headline
    assert ("Female Prison Inmates", "GROUP") in headline
    assert all(t in {"LOC", "GROUP"} for _, t in headline)


def test_headline_surname_joins_the_body_person(nlp: Language) -> None:
    text = (
        "Biden Wins Georgia As Democrats Celebrate\n\n"
        "President Joe Biden won Georgia on Tuesday. Mr. Biden thanked volunteers in Atlanta."
    )
    mentions, ents = run(nlp, text)
    people = {m.entity for m in mentions if m.type == "PER"}
    assert len(people) == 1
    assert next(e for e in ents if e.id in people).name == "Joe Biden"
    assert "Biden Wins" not in [m.text for m in mentions]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "#Russia #Releases #Female #Prison #Inmates #Join #Ukraine #War",
        "12,000 | 2024 | $45 | 3.5% | 10:30",
        "!!! ??? ... --- ***",
        "Leave a Reply\n\nYour email address will not be published.",
    ],
)
def test_no_junk_on_odd_text(nlp: Language, text: str) -> None:
    mentions, ents = run(nlp, text)
    assert mentions == [] and ents == []


def test_numbers_dates_and_hashtags_are_not_entities(nlp: Language) -> None:
    text = (
        "About 30,000 women were serving time in Russia in 2022, and 40 of them left in May. "
        "#Russia #Prison @newsdesk"
    )
    mentions, _ = run(nlp, text)
    assert [(m.text, m.type) for m in mentions] == [("women", "GROUP"), ("Russia", "LOC")]


def test_credit_line_is_not_an_acronym(nlp: Language) -> None:
    mentions, ents = run(nlp, "KYIV, Ukraine (AP) — Ukraine's parliament passed a law.")
    ap = [m for m in mentions if m.text == "AP"]
    ukraine = find(mentions, ents, "Ukraine")[0]
    assert all(m.entity != ukraine.entity for m in ap)


def test_article_on_several_topics(nlp: Language) -> None:
    text = (
        "Ukraine's 3rd Separate Assault Brigade held positions near Bakhmut, while Storm-Z "
        "units made up of former prisoners attacked. Convicts from Penal Colony No. 2 in "
        "Pokrov were recruited, the FSB said. Tesla Inc. shares jumped after Elon Musk said "
        "the company's factory in Shanghai would reopen. Musk told analysts that Tesla had "
        "hired 2,000 workers."
    )
    mentions, ents = run(nlp, text)
    got = {(m.text, m.type) for m in mentions}
    assert {
        ("Ukraine", "LOC"),
        ("3rd Separate Assault Brigade", "FAC"),
        ("Bakhmut", "LOC"),
        ("Storm-Z", "FAC"),
        ("former prisoners", "GROUP"),
        ("Convicts", "GROUP"),
        ("Penal Colony No. 2", "FAC"),
        ("Pokrov", "LOC"),
        ("FSB", "ORG"),
        ("Tesla Inc.", "ORG"),
        ("Elon Musk", "PER"),
        ("Musk", "PER"),
        ("factory in Shanghai", "FAC"),
        ("Shanghai", "LOC"),
        ("analysts", "GROUP"),
        ("Tesla", "ORG"),
        ("workers", "GROUP"),
    } == got
    musk = {m.entity for m in mentions if "Musk" in m.text}
    tesla = {m.entity for m in mentions if "Tesla" in m.text}
    assert len(musk) == len(tesla) == 1
    assert find(mentions, ents, "FSB")[1].name == "Federal Security Service"


@pytest.mark.parametrize(
    ("text", "mention", "etype", "name"),
    [
        # a region word after a name belongs to it, and the bare name is then a place too
        (
            "Recruiters toured a colony in the Tomsk region in March.",
            "Tomsk region",
            "LOC",
            "Tomsk region",
        ),
        (
            "Aftershocks shook Velna Province. Velna was hit by floods last year.",
            "Velna",
            "LOC",
            "Velna",
        ),
        # the words around an unfamiliar name show that it is a place
        ("Fires burned near the village of Orvik on Sunday.", "Orvik", "LOC", "Orvik"),
        (
            "The quake struck 30 km from the provincial capital, Dunmore, officials said.",
            "Dunmore",
            "LOC",
            "Dunmore",
        ),
        (
            "Thousands marched through central Kelso on Saturday.",
            "Kelso",
            "LOC",
            "Kelso",
        ),
        (
            "Lanford, a port city of about 200,000 people, votes in May.",
            "Lanford",
            "LOC",
            "Lanford",
        ),
        ("Parvia's economy shrank by 2 percent last year.", "Parvia", "LOC", "Parvia"),
        ("Heavy rain sent the Mirna River over its banks.", "Mirna River", "LOC", "Mirna River"),
        # a person noun in apposition makes a name a person's
        (
            "The men left in May, said Ilona Varga, his sister.",
            "Ilona Varga",
            "PER",
            "Ilona Varga",
        ),
        # numbered military units are organisations; well-known NGOs come from the lexicon
        (
            "They were assigned to military unit 40621 near Rostov.",
            "military unit 40621",
            "ORG",
            "military unit 40621",
        ),
        (
            "Doctors Without Borders said it was treating 80 patients a day.",
            "Doctors Without Borders",
            "ORG",
            "Doctors Without Borders",
        ),
        # unnamed facilities pinned down by a place, a named facility or "the village of X"
        (
            "Rescuers searched a school dormitory in the village of Tresk.",
            "school dormitory in the village of Tresk",
            "FAC",
            "school dormitory in the village of Tresk",
        ),
        (
            "The charity runs a 40-bed treatment center in the Dalo camp.",
            "treatment center in the Dalo camp",
            "FAC",
            "treatment center in the Dalo camp",
        ),
        (
            "A cemetery outside Omsk has added 90 graves.",
            "cemetery outside Omsk",
            "FAC",
            "cemetery outside Omsk",
        ),
    ],
)
def test_context_types_and_spans(
    nlp: Language, text: str, mention: str, etype: str, name: str
) -> None:
    mentions, ents = run(nlp, text)
    found, entity = find(mentions, ents, text=mention)
    assert (found.type, entity.type, entity.name) == (etype, etype, name)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # sentence-initial ordinary words the model may call names
        ("Nationally, the figure rose to 12 percent.", "Nationally"),
        ("Turnout reached 58 percent on Sunday.", "Turnout"),
        ("Overall turnout was high. Turnout rose in every district.", "Turnout"),
        # a name in a coordination is no modifier of the group after it
        ("Amnesty International and local journalists criticized the response.", None),
    ],
)
def test_capitalised_ordinary_words_are_not_names(
    nlp: Language, text: str, absent: str | None
) -> None:
    mentions, _ = run(nlp, text)
    texts = [m.text for m in mentions]
    if absent is not None:
        assert absent not in texts
    assert not any(" and " in t for t in texts if t != "Amnesty International")


def test_parser_break_does_not_cut_a_group(nlp: Language) -> None:
    text = "Inmates Say Guards Beat Them\n\nPrison officials in the Perm region denied it."
    mentions, _ = run(nlp, text)
    groups = [m.text for m in mentions if m.type == "GROUP"]
    assert "Prison officials" in groups


def test_headline_demonym_survives_a_dropped_span(nlp: Language) -> None:
    text = (
        "Workers at Czech Steel Plant Walk Out Over Pay\n\n"
        "About 2,000 workers at the Halden Works in Ostrava walked out on Monday."
    )
    mentions, ents = run(nlp, text)
    found, entity = find(mentions, ents, text="Czech")
    assert (found.type, entity.name) == ("LOC", "Czech Republic")


@pytest.mark.parametrize(
    ("text", "mention", "etype", "name"),
    [
        # a role before a full name or an age after a name makes it a person's
        (
            "A court sentenced former regional governor Pavel Orlov to eight years.",
            "Pavel Orlov",
            "PER",
            "Pavel Orlov",
        ),
        # a name and its region word spaCy did not see
        (
            "Landslides buried houses in Cagayan province on Sunday.",
            "Cagayan province",
            "LOC",
            "Cagayan province",
        ),
    ],
)
def test_person_and_region_cues(
    nlp: Language, text: str, mention: str, etype: str, name: str
) -> None:
    mentions, ents = run(nlp, text)
    found, entity = find(mentions, ents, text=mention)
    assert (found.type, entity.type, entity.name) == (etype, etype, name)


def test_surnames_follow_a_person_found_by_a_cue(nlp: Language) -> None:
    text = (
        "A court sentenced former regional governor Pavel Orlov to eight years. "
        "Orlov, 61, denied the charges, and Orlov's lawyer said he would appeal."
    )
    mentions, _ = run(nlp, text)
    assert {m.type for m in mentions if "Orlov" in m.text} == {"PER"}
    assert len({m.entity for m in mentions if "Orlov" in m.text}) == 1


def test_headline_facility_located_by_a_place(nlp: Language) -> None:
    text = (
        "Recruiters Tour Detention Center in Tomsk Region, Relatives Say\n\n"
        "Military recruiters visited a detention center in the Tomsk region last week, "
        "relatives of inmates said."
    )
    mentions, _ = run(nlp, text)
    facilities = [m.text for m in mentions if m.type == "FAC"]
    assert "Detention Center in Tomsk Region" in facilities
    assert "detention center in the Tomsk region" in facilities


def test_one_word_speaker_at_sentence_start_is_kept(nlp: Language) -> None:
    mentions, _ = run(nlp, "Zelensky said the talks would resume on Monday.")
    assert [(m.text, m.type) for m in mentions] == [("Zelensky", "PER")]


def test_capital_as_money_is_no_place_cue(nlp: Language) -> None:
    text = "The lender needed to raise capital, Goldman Sachs analysts said on Friday."
    mentions, _ = run(nlp, text)
    assert "LOC" not in {m.type for m in mentions}


def test_coordinated_demonyms_stay_in_the_group(nlp: Language) -> None:
    mentions, _ = run(nlp, "Egyptian and Qatari mediators met in Cairo on Wednesday.")
    groups = [m.text for m in mentions if m.type == "GROUP"]
    assert groups == ["Egyptian and Qatari mediators"]


def test_surname_that_is_also_a_word_is_kept(nlp: Language) -> None:
    text = (
        "Prime Minister Theresa May met the queen. May said the vote may be delayed. "
        "May thanked her cabinet."
    )
    mentions, _ = run(nlp, text)
    assert [m.text for m in mentions if m.type == "PER"][:2] == ["Theresa May", "May"]
