"""Events in Russian and Ukrainian reports through the built-in codebook's language blocks.

Invented paragraphs; the mentions come from the lexicon extractors, entities are built by
hand (finding them is the NLP path's job), so these tests judge triggers, roles and
certainty alone.
"""

from __future__ import annotations

from datetime import date

import pytest

from storyline.errors import CodebookError
from storyline.events import default_codebook
from storyline.events.codebook import parse_codebook
from storyline.events.lexical_assemble import assemble_lexical
from storyline.extract import lexical
from storyline.model import EntityMention, Event, Mention

PUBLISHED = date(2024, 6, 20)


def _entity(text: str, phrase: str, kind: str) -> EntityMention:
    start = text.index(phrase)
    return EntityMention(start=start, end=start + len(phrase), text=phrase, type=kind)


def _events(text: str, language: str, entities: list[tuple[str, str]] = ()) -> list[Event]:
    mentions: list[Mention] = lexical.extract(text, PUBLISHED, language)
    mentions += [_entity(text, phrase, kind) for phrase, kind in entities]
    return assemble_lexical(text, mentions, default_codebook(), language)


def _role(event: Event, name: str) -> str | None:
    fillers = event.roles.get(name, ())
    return fillers[0].text if fillers else None


def test_a_recruitment_in_russian_with_its_figure_place_and_time() -> None:
    text = "В конце мая вербовщики завербовали около 200 заключённых в колонии в Мордовии."
    (event,) = _events(text, "ru", [("вербовщики", "GROUP"), ("Мордовии", "LOC")])
    assert (event.type, event.text, event.certainty) == ("enlistment", "завербовали", "asserted")
    assert _role(event, "quantity") == "около 200 заключённых"
    assert _role(event, "time") == "конце мая"
    assert _role(event, "place") == "Мордовии"


def test_every_form_of_the_lemma_triggers() -> None:
    for form in ("вербовали", "завербованы", "вербовка"):
        text = f"В колонии {form} заключённых для войны."
        assert [e.type for e in _events(text, "ru")] == ["enlistment"], form


def test_a_pardon_attributed_to_a_source_is_reported() -> None:
    text = "По словам адвоката, осуждённых помиловали и отправили на фронт."
    events = _events(text, "ru")
    types = {e.type: e for e in events}
    assert types["release_for_service"].certainty == "reported"
    assert _role(types["release_for_service"], "source") == "По словам адвоката"


def test_alleged_and_negated_events() -> None:
    alleged = _events("Заключённых якобы завербовали для войны.", "ru")
    assert [(e.type, e.certainty) for e in alleged] == [("enlistment", "possible")]
    denied = _events("Ув'язнених не звільнили для служби в армії.", "uk")
    assert [(e.type, e.certainty) for e in denied] == [("release_for_service", "negated")]


def test_a_ukrainian_report_of_deaths_and_a_phrase_trigger() -> None:
    text = (
        "Понад 8 тисяч ув'язнених підписали контракт з Міноборони росії. "
        "За даними ГУР, близько 500 з них загинули на фронті."
    )
    events = _events(text, "uk", [("Міноборони росії", "ORG"), ("ГУР", "ORG")])
    assert [(e.type, e.text) for e in events] == [
        ("enlistment", "підписали контракт"),
        ("casualty", "загинули"),
    ]
    enlistment, casualty = events
    assert _role(enlistment, "quantity") == "Понад 8 тисяч ув'язнених"
    assert casualty.certainty == "reported"


def test_context_keeps_unrelated_words_out() -> None:
    assert _events("Он вернулся домой из отпуска и освободил квартиру.", "ru") == []


def test_an_official_statement_needs_an_official_speaker() -> None:
    official = _events("Представитель ФСИН заявил, что колонию закрыли.", "ru", [("ФСИН", "ORG")])
    assert [(e.type, _role(e, "actor")) for e in official] == [("official_statement", "ФСИН")]
    media = _events("Издание «Медуза» заявило, что колонию закрыли.", "ru")
    assert [e.type for e in media] == []


def test_the_headline_is_skipped() -> None:
    text = "Заключённых завербовали\n\nВ колонии завербовали 40 заключённых для войны."
    events = assemble_lexical(
        text, lexical.extract(text, PUBLISHED, "ru"), default_codebook(), "ru", body_start=25
    )
    assert [e.start for e in events] == [text.index("завербовали 40")]


def test_an_english_codebook_without_a_language_block_finds_nothing() -> None:
    book = parse_codebook(
        "codebook: t\nversion: 1\ntypes:\n  visit:\n    triggers: {lemmas: [visit]}\n"
    )
    assert assemble_lexical("Вербовщики посетили колонию.", [], book, "ru") == []


def test_language_blocks_are_read_and_checked_line_by_line() -> None:
    book = parse_codebook(
        "codebook: t\nversion: 1\ntypes:\n  visit:\n    triggers:\n"
        "      lemmas: [visit]\n      ru: {lemmas: [посетить], context: [колония]}\n"
    )
    block = book.types[0].languages["ru"]
    assert block.lemmas == {"посетить"} and block.context == {"колония"}
    with pytest.raises(CodebookError) as error:
        parse_codebook(
            "codebook: t\nversion: 1\ntypes:\n  visit:\n    triggers:\n"
            "      lemmas: [visit]\n      ru: {lemas: [посетить]}\n"
        )
    assert "<codebook>:7: visit.triggers.ru: unknown key 'lemas'" in str(error.value)


def test_the_second_shipped_codebook_reads_russian_too() -> None:
    from storyline.events import load_codebook

    text = "Тысячи человек вышли на улицы Минска. Полиция задержала более 200 протестующих."
    mentions = lexical.extract(text, PUBLISHED, "ru")
    events = assemble_lexical(text, mentions, load_codebook("protest-violence"), "ru")
    assert [(e.type, e.text) for e in events] == [
        ("protest", "вышли на улицы"),
        ("arrest", "задержала"),
    ]
    assert _role(events[1], "quantity") == "более 200 протестующих"


def test_a_ukrainian_passive_participle_tells_an_event_only_after_a_copula() -> None:
    told = _events("Кілька жінок були вивезені з колонії для служби в армії.", "uk")
    assert [(e.type, e.text) for e in told] == [("release_for_service", "вивезені")]
    described = _events("Вивезені жінки служать в армії.", "uk")
    assert [e.type for e in described if e.text == "Вивезені"] == []


def test_one_statement_per_named_speaker_and_participles_describe_people() -> None:
    text = (
        "Пригожин заявил, что колонии опустели. "
        "Осуждённые, заключившие контракт, воюют на фронте, заявил Евгений Пригожин."
    )
    events = _events(text, "ru", [("Пригожин", "PER"), ("Евгений Пригожин", "PER")])
    assert [e.type for e in events] == ["official_statement"]


def test_a_speaker_after_a_prepositional_phrase_is_found_after_the_verb() -> None:
    text = "Об этом в комментарии Associated Press отметила замминистра юстиции Елена Высоцкая."
    (mention,) = lexical.extract(text, PUBLISHED, "ru")
    assert mention.kind == "source"
    assert mention.source == "замминистра юстиции Елена Высоцкая"


def test_who_acts_is_told_by_case_not_by_position() -> None:
    text = "Жінок звільнила Росія з колонії для війни."
    (event,) = _events(text, "uk", [("Жінок", "GROUP"), ("Росія", "LOC")])
    assert event.type == "release_for_service"
    assert (_role(event, "actor"), _role(event, "subject")) == ("Росія", "Жінок")


def test_a_demonym_is_no_place() -> None:
    text = "Російські вербувальники завербували ув'язнених для війни."
    (event,) = _events(text, "uk", [("Російські", "LOC"), ("вербувальники", "GROUP")])
    assert _role(event, "place") is None


def test_a_statement_retold_by_another_source_is_reported() -> None:
    text = "За даними видання «Медіазона», ФСВП заявила про скорочення колоній через вербування."
    events = _events(text, "uk", [("ФСВП", "ORG")])
    statements = [e for e in events if e.type == "official_statement"]
    assert [(e.text, e.certainty) for e in statements] == [("заявила", "reported")]


def test_an_open_why_question_leaves_the_event_as_told() -> None:
    why = _events("Невідомо, чому ув'язнені вступили до армії для війни.", "uk")
    assert [(e.type, e.certainty) for e in why] == [("enlistment", "asserted")]
    whether = _events("Неизвестно, сколько заключённых завербовали для войны.", "ru")
    assert [(e.type, e.certainty) for e in whether] == [("enlistment", "unknown")]


def test_the_recruited_are_the_object_and_victims_do_not_act() -> None:
    text = "Вербувальники завербували ув'язнених у колонії. Щонайменше 15 жінок загинули на фронті."
    entities = [("Вербувальники", "GROUP"), ("ув'язнених", "GROUP"), ("жінок", "GROUP")]
    enlistment, casualty = _events(text, "uk", entities)
    assert (enlistment.type, _role(enlistment, "subject")) == ("enlistment", "ув'язнених")
    assert (casualty.type, _role(casualty, "actor")) == ("casualty", None)
    assert _role(casualty, "quantity") == "Щонайменше 15 жінок"


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "uk",
            "Суди задовольнили понад 10 тисяч клопотань засуджених про звільнення для служби.",
            [("release_for_service", "задовольнили")],
        ),
        (
            "uk",
            "Понад дві тисячі засуджених передали підрозділам Національної гвардії.",
            [("deployment", "передали")],
        ),
        ("uk", "Колишні в'язні поповнили лави ЗСУ.", [("enlistment", "поповнили")]),
        ("ru", "Бывшие заключенные пополнили ряды армии.", [("enlistment", "пополнили")]),
        (
            "ru",
            "Суды удовлетворили ходатайства осужденных об освобождении для службы.",
            [("release_for_service", "удовлетворили")],
        ),
        (
            "ru",
            "Контракты подписали около 40 осуждённых колонии.",
            [("enlistment", "Контракты")],  # free word order: the phrase read backwards
        ),
        (
            "uk",
            "У травні в колонії побували вербувальники.",
            [("recruitment_visit", "побували")],
        ),
        (
            "ru",
            "После службы в ЧВК освободились 500 заключенных.",
            [("release_for_service", "освободились")],
        ),
        (
            "uk",
            "Понад 300 засуджених отримали умовно-дострокове звільнення для служби в ЗСУ.",
            [("release_for_service", "отримали")],
        ),
    ],
)
def test_parole_granted_contracts_signed_visits_and_convicts_handed_to_units(
    language: str, text: str, expected: list[tuple[str, str]]
) -> None:
    """Ukraine's parole-for-service figures are told with these verbs (realsets/uk README:
    "задовольнили" release, "поповнили лави" enlistment, "передано підрозділам" deployment)."""
    assert [(e.type, e.text.split()[0]) for e in _events(text, language)] == expected


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ru", "Дела закроют, если подсудимые подпишут контракт с армией."),
        ("uk", "Справу закриють, якщо засуджений підпише контракт з армією."),
        ("ru", "Норма касается тех, кто хочет заключить контракт с армией."),
        ("ru", "Заключить контракт с армией нужно будет до суда."),
        ("ru", "Контракт с армией можно подписать до суда."),
        ("uk", "Засуджених можуть достроково звільнити для служби в армії."),
    ],
)
def test_a_condition_a_wish_or_a_possibility_is_no_event(language: str, text: str) -> None:
    """A contract signed "if" or "wanted" and a release that "may" come have not happened
    (realsets/ru heldout3: laws that let defendants sign up are not enlistments)."""
    assert [e.type for e in _events(text, language)] == []


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "uk",
            "Троє засуджених вирішили укласти контракт з армією.",
            [("enlistment", "укласти контракт")],
        ),
        (
            "ru",
            "Закон позволяет подсудимым уходить от ответственности за службу в армии.",
            [("contract_offer", "уходить от ответственности")],
        ),
        (
            "uk",
            "Новий закон дозволяє засудженим звільнятися від відповідальності за службу в армії.",
            [("contract_offer", "звільнятися від відповідальності")],
        ),
    ],
)
def test_a_decision_is_told_as_done_and_an_offer_as_what_may_be_done(
    language: str, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(e.type, e.text) for e in _events(text, language)] == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "ru",
            "Депутаты приняли закон об освобождении осужденных для службы в армии.",
            [("policy_change", "приняли")],
        ),
        (
            "ru",
            "Суд определил порядок освобождения заключенных для службы в армии.",
            [],
        ),
        (
            "uk",
            "Ухвалений парламентом закон дозволяє мобілізацію засуджених.",
            [("policy_change", "Ухвалений парламентом закон")],
        ),
        (
            "uk",
            "Після ухвалення закону засуджені пішли на службу до армії.",
            [("policy_change", "ухвалення"), ("enlistment", "пішли на службу")],
        ),
    ],
)
def test_what_a_law_is_about_is_no_event_and_passing_or_stopping_is_a_policy_change(
    language: str, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(e.type, e.text) for e in _events(text, language)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Уже 200 ув'язнених вийшли з в'язниць, щоб воювати.", "release_for_service"),
        ("Ще 90 засуджених виїхали з установ на навчання до армії.", "release_for_service"),
        ("Перші засуджені приєдналися до штурмових підрозділів армії.", "deployment"),
    ],
)
def test_walking_out_of_prison_is_a_release_and_joining_units_a_deployment(
    text: str, expected: str
) -> None:
    assert [e.type for e in _events(text, "uk")] == [expected]


def test_recruitment_stopped_is_a_policy_change() -> None:
    """(The recruitment noun itself is still read as an enlistment: not fixed.)"""
    found = [(e.type, e.text) for e in _events("Набор заключенных в колониях прекращен.", "ru")]
    assert ("policy_change", "прекращен") in found


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("uk", "Міністр очікує, що до армії зголосяться понад 4000 засуджених."),
        ("ru", "Власти рассчитывают, что контракт подпишут еще 500 заключенных."),
    ],
)
def test_what_is_expected_in_the_future_tense_is_no_event(language: str, text: str) -> None:
    assert [e.type for e in _events(text, language) if e.type != "official_statement"] == []


def test_a_ministry_making_figures_public_is_an_official_statement() -> None:
    text = "Дані про засуджених у війську оприлюднило Міністерство юстиції."
    events = _events(text, "uk", [("Міністерство юстиції", "ORG")])
    assert [(e.type, _role(e, "actor")) for e in events] == [
        ("official_statement", "Міністерство юстиції")
    ]


def test_a_recalled_earlier_statement_of_the_same_speaker_is_another_statement() -> None:
    text = (
        "Глава ведомства Иван Петров заявил, что набор заключенных в армию продолжается. "
        "Петров также сказал, что контракты подписаны. "
        "Напомним, Петров заявил в январе, что колонии опустели."
    )
    events = _events(text, "ru", [("Иван Петров", "PER"), ("Петров", "PER")])
    statements = [e.text for e in events if e.type == "official_statement"]
    assert statements == ["заявил", "заявил"]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ru", "Осужденный может быть освобожден от наказания для службы в армии."),
        ("uk", "Засуджена може бути звільнена для служби в армії, якщо погодиться."),
    ],
)
def test_what_may_be_done_is_no_event(language: str, text: str) -> None:
    assert [e.type for e in _events(text, language)] == []


def test_an_estimate_of_how_many_may_be_sent_is_a_possible_event() -> None:
    text = "Эксперты считают, что на фронт могут быть отправлены до 9 тысяч заключенных."
    assert [(e.type, e.certainty) for e in _events(text, "ru")] == [("deployment", "possible")]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ru", "Контракт можно подписать до отправки дела в суд, сообщили в армии."),
        ("uk", "Прокурор направив справу засудженого до суду, щоб той пішов до армії."),
        ("ru", "В новых статьях прописан механизм освобождения осужденных для службы."),
    ],
)
def test_a_case_sent_to_court_and_a_laws_mechanism_are_no_events(language: str, text: str) -> None:
    types = [e.type for e in _events(text, language)]
    assert "deployment" not in types and "release_for_service" not in types


@pytest.mark.parametrize(
    ("language", "text", "trigger"),
    [
        # a phase verb the dictionary also reads as a noun ("начало": beginning, or began)
        ("ru", "Министерство начало вербовать на войну узников колоний.", "вербовать"),
        # the same inside a phrase
        (
            "ru",
            "Министерство начало подписывать контракты с заключенными.",
            "подписывать контракты",
        ),
        ("ru", "С сентября заключенных начали набирать в отряды «Шторм V».", "набирать в отряды"),
        ("uk", "До лав армії мобілізувалися 3611 засуджених.", "мобілізувалися"),
        (
            "uk",
            "Близько 9,5 тисяч засуджених стали добровольцями на фронті.",
            "стали добровольцями",
        ),
    ],
)
def test_recruitment_begun_taken_up_or_volunteered_for(
    language: str, text: str, trigger: str
) -> None:
    assert [(e.type, e.text) for e in _events(text, language)] == [("enlistment", trigger)]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ru", "Петиция против войны набрала 10 тысяч подписей."),
        ("ru", "Из колонии он набрал номер жены и сказал, что уходит на фронт."),
    ],
)
def test_gathering_signatures_or_dialling_is_no_recruitment(language: str, text: str) -> None:
    assert [e.type for e in _events(text, language) if e.type == "enlistment"] == []


@pytest.mark.parametrize(
    ("text", "language", "trigger"),
    [
        (
            "Заголовок\n\nЗаключенные оказались в плену почти сразу после прибытия на фронт.",
            "ru",
            "оказались в плену",
        ),
        (
            "Заголовок\n\nБригада показала видео захвата в плен бывших заключенных.",
            "ru",
            "захвата в плен",
        ),
        (
            "Заголовок\n\nКолишні в'язні опинилися в полоні через три дні на фронті.",
            "uk",
            "опинилися в полоні",
        ),
    ],
)
def test_ending_up_in_captivity_is_a_capture(text: str, language: str, trigger: str) -> None:
    events = [e for e in _events(text, language) if e.type == "desertion_or_capture"]
    assert [e.text for e in events] == [trigger]


def test_captivity_of_another_kind_is_no_capture() -> None:
    text = "Заголовок\n\nФермер оказался в плену собственных долгов."
    assert _events(text, "ru") == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # anyone may go to the front (a reporter, a volunteer) and sign a contract (a club)
        ("Заголовок\n\nЖурналист уехал на фронт, чтобы снимать репортаж.", "ru"),
        ("Заголовок\n\nКлуб продлил контракт с нападающим.", "ru"),
        ("Заголовок\n\nВолонтери поїхали на фронт з допомогою.", "uk"),
        # even beside a prison word: the colony's head, its chaplain (an adversarial review
        # found 42 such false deployments when a nearby prison word let these phrases in)
        ("Заголовок\n\nНачальник исправительной колонии уехал на фронт.", "ru"),
        ("Заголовок\n\nКапелан слідчого ізолятора поїхав на фронт.", "uk"),
    ],
)
def test_going_to_the_front_or_extending_a_contract_alone_is_no_event(
    text: str, language: str
) -> None:
    assert _events(text, language) == []


def test_agreeing_to_go_is_an_enlistment_but_taking_part_before_is_background() -> None:
    agreed = _events("Заголовок\n\nОсужденный согласился пойти на войну.", "ru")
    assert [e.type for e in agreed] == ["enlistment"]
    background = "Заголовок\n\nПосле участия в боевых действиях заключенные вернулись домой."
    assert "deployment" not in [e.type for e in _events(background, "ru")]


def test_recruiting_by_its_loanword_is_an_enlistment_with_the_recruits_as_subject() -> None:
    text = "Заголовок\n\nВагнерівці рекрутують політичних ув'язнених у колоніях."
    (event,) = _events(text, "uk", [("політичних ув'язнених", "GROUP")])
    assert (event.type, event.text) == ("enlistment", "рекрутують")
    assert _role(event, "subject") == "політичних ув'язнених"


@pytest.mark.parametrize(
    ("language", "text", "entities", "trigger", "subject"),
    [
        # a reflexive verb the codebook lists: its subject is the one it happens to
        (
            "ru",
            "Многие осужденные завербовались на войну.",
            [("осужденные", "GROUP")],
            "завербовались",
            "осужденные",
        ),
        (
            "uk",
            "Ув'язнені записалися до батальйону.",
            [("Ув'язнені", "GROUP")],
            "записалися",
            "Ув'язнені",
        ),
        # in whatever case the tagger reads a surname
        (
            "ru",
            "В конце года досрочно освободился из колонии Хаджикурбанов.",
            [("Хаджикурбанов", "PER")],
            "освободился",
            "Хаджикурбанов",
        ),
    ],
)
def test_a_listed_reflexive_verb_has_the_one_it_happens_to_as_subject(
    language: str, text: str, entities: list[tuple[str, str]], trigger: str, subject: str
) -> None:
    (event,) = (e for e in _events(text, language, entities) if e.text == trigger)
    assert _role(event, "subject") == subject
    assert _role(event, "actor") is None


def test_a_reflexive_form_of_a_verb_listed_without_it_stays_a_passive() -> None:
    text = "Заключенные вербуются вербовщиками в колониях."
    entities = [("Заключенные", "GROUP"), ("вербовщиками", "GROUP")]
    (event,) = _events(text, "ru", entities)
    assert _role(event, "subject") == "Заключенные"


@pytest.mark.parametrize(
    ("language", "text", "entities", "trigger", "role", "filler"),
    [
        # a nominative relative pronoun before an active verb: the clause's subject
        (
            "ru",
            "Вагнер распустил всех бывших заключенных, которые подписали контракты.",
            [("бывших заключенных", "GROUP")],
            "подписали контракты",
            "subject",
            "бывших заключенных",
        ),
        (
            "uk",
            "У Росії почали звільняти засуджених жінок, які погодилися воювати.",
            [("засуджених жінок", "GROUP")],
            "погодилися воювати",
            "subject",
            "засуджених жінок",
        ),
        # one word may stand between the mention and the comma
        (
            "uk",
            "Шестеро ув'язнених осіб, які погодились долучитися до ЗСУ, втекли.",
            [("ув'язнених", "GROUP")],
            "погодились",
            "subject",
            "ув'язнених",
        ),
        # another case, or a passive: the object ("яким" is read by form, not as the name)
        (
            "uk",
            "Серед загиблих переважно ув'язнені, яких відправили на війну.",
            [("ув'язнені", "GROUP")],
            "відправили",
            "subject",
            "ув'язнені",
        ),
    ],
)
def test_a_relative_clause_tells_of_the_noun_before_its_comma(
    language: str,
    text: str,
    entities: list[tuple[str, str]],
    trigger: str,
    role: str,
    filler: str,
) -> None:
    (event,) = (e for e in _events(text, language, entities) if e.text == trigger)
    assert _role(event, role) == filler
    assert _role(event, "actor") is None


def test_a_clause_that_names_its_own_subject_keeps_it_and_what_opens_speech_is_no_relative() -> (
    None
):
    own = "Вагнер распустил бывших заключенных, которые вербовщики отправили на фронт."
    (event,) = (
        e
        for e in _events(own, "ru", [("бывших заключенных", "GROUP"), ("вербовщики", "GROUP")])
        if e.text == "отправили"
    )
    assert _role(event, "actor") == "вербовщики"
    speech = "Об этом сообщил Денисов, что осужденные отправились на фронт."
    (event,) = (
        e
        for e in _events(speech, "ru", [("Денисов", "PER"), ("осужденные", "GROUP")])
        if e.text == "отправились"
    )
    assert _role(event, "subject") == "осужденные"


@pytest.mark.parametrize(
    ("language", "text", "entities", "trigger"),
    [
        # the pronoun's number is not the group's: it is the lawyer's or the list's clause
        (
            "ru",
            "Адвокат осужденных, который записался добровольцем, дал интервью.",
            [("осужденных", "GROUP")],
            "записался",
        ),
        (
            "ru",
            "Список заключенных, который передали военным, опубликован.",
            [("заключенных", "GROUP")],
            "передали",
        ),
    ],
)
def test_a_relative_clause_about_another_noun_takes_no_participant(
    language: str, text: str, entities: list[tuple[str, str]], trigger: str
) -> None:
    (event,) = (e for e in _events(text, language, entities) if e.text == trigger)
    assert _role(event, "subject") is None
    assert _role(event, "actor") is None


def test_a_noun_inside_a_relative_clause_is_another_event_than_its_verb() -> None:
    text = "Правозащитница Ольга Смирнова, которая расследует вербовку заключенных, выступила."
    entities = [("Ольга Смирнова", "PER"), ("заключенных", "GROUP")]
    (event,) = _events(text, "ru", entities)
    assert event.text == "вербовку"
    assert _role(event, "subject") != "Ольга Смирнова"


@pytest.mark.parametrize(
    ("text", "entities", "subject"),
    [
        # a figure's people before a dative or a genitive name
        (
            "В отряд к Петрову записались еще 40 заключенных.",
            [("Петрову", "PER"), ("заключенных", "GROUP")],
            "заключенных",
        ),
        (
            "По призыву Пригожина записались сотни осужденных.",
            [("Пригожина", "PER"), ("осужденных", "GROUP")],
            "осужденных",
        ),
    ],
)
def test_a_reflexive_verbs_subject_is_never_a_dative_and_a_figure_comes_first(
    text: str, entities: list[tuple[str, str]], subject: str
) -> None:
    (event,) = _events(text, "ru", entities)
    assert _role(event, "subject") == subject
