"""Claims of reports that tell one happening (issue 11, real-report errors), on team-written
events: reports linked by a particular shared fact join their vague events of one type; the
links never override a clash; weak evidence (a state as actor, a place without any time in
reports of unknown date, a hedged forecast) joins nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from storyline.link.claims import (
    ClaimEvent,
    Figure,
    agree,
    agree_linked,
    figure_key,
    group_claims,
    report_links,
    same_claim,
    same_happening_claim,
    same_scope,
    share_a_count,
    tells_same_happening,
)


def figure(value: float, doc: int, approximate: bool = False, unit: str = "person") -> Figure:
    return Figure("quantity", unit, value, value, approximate, f"{value:g}", doc, 0, 5)


def event(n: int, doc: int, **fields) -> ClaimEvent:
    values = {
        "type": "discharge_and_return",
        "certainty": "reported",
        "text": "came home",
        "story": doc,
        **fields,
    }
    return ClaimEvent(event=n, document=doc, **values)


def home(n: int, doc: int, count: float) -> ClaimEvent:
    """ "About 32,000 former convicts came home", in one of two retellings."""
    return event(n, doc, subject="former convicts", figures=(figure(count, doc, approximate=True),))


def crimes(n: int, doc: int, **fields) -> ClaimEvent:
    """ "Some of them committed crimes after their return" (no place, time or figure)."""
    values = {"type": "crime_after_return", "text": "committed", "subject": "some of them"}
    return event(n, doc, **(values | fields))


def test_reports_linked_by_an_agreeing_figure_join_their_vague_events() -> None:
    a, b = home(1, 1, 32_000), home(2, 2, 32_000)
    x, y = crimes(3, 1), crimes(4, 2)
    assert tells_same_happening(a, b)
    assert not agree(x, y), "without the link nothing particular is shared"
    groups = group_claims([a, b, x, y])
    assert sorted(len(g.events) for g in groups) == [2, 2]
    assert report_links([[a, b]]) == {1: {2}, 2: {1}}


def test_unlinked_reports_keep_their_vague_events_apart() -> None:
    a, b = home(1, 1, 32_000), home(2, 2, 5_000)  # two different returns
    groups = group_claims([a, b, crimes(3, 1), crimes(4, 2)])
    assert sorted(len(g.events) for g in groups) == [1, 1, 1, 1]


def test_a_link_never_overrides_a_clash() -> None:
    told = crimes(1, 1, side="RU")
    assert not same_happening_claim(told, crimes(2, 2, certainty="negated"))
    assert not same_happening_claim(told, crimes(2, 2, certainty="possible"))
    assert not same_happening_claim(told, crimes(2, 2, side="UA", subject="Ukrainian convicts"))
    # "250 people agreed to go" counts one region's recruits; "prisoners agreed" does not
    counted = crimes(2, 2, subject="250 people", figures=(figure(250, 2),))
    assert not same_happening_claim(told, counted)
    assert not same_happening_claim(crimes(1, 1, subject="50,000"), crimes(2, 2))
    # one named man is not "prisoners"
    named = crimes(2, 2, subject="Sergei Ivanov")
    assert not same_happening_claim(crimes(1, 1, subject="prisoners"), named)
    assert same_happening_claim(crimes(1, 1, subject="Ivanov"), named)
    # a statement needs its occasion: one speaker speaks about many things
    said = {"type": "official_statement", "text": "said", "actor": "the governor", "speech": True}
    assert not same_happening_claim(event(1, 1, **said), event(2, 2, **said))
    # women are not men; two counts that differ are not one
    assert not same_happening_claim(crimes(1, 1, subject="women"), crimes(2, 2, subject="men"))
    assert not same_happening_claim(home(1, 1, 680), home(2, 2, 400))
    assert same_happening_claim(home(1, 1, 680), home(2, 2, 700))


def test_hedged_forecasts_and_statements_link_no_reports() -> None:
    forecast = {"type": "enlistment", "text": "could be recruited", "certainty": "possible"}
    a = event(1, 1, **forecast, figures=(figure(20_000, 1),))
    b = event(2, 2, **forecast, figures=(figure(20_000, 2),))
    assert not tells_same_happening(a, b)
    said = {"type": "official_statement", "text": "said", "actor": "the governor", "speech": True}
    assert not tells_same_happening(event(3, 1, **said), event(4, 2, **said))


def test_a_named_person_links_reports() -> None:
    pardoned = {"type": "release_for_service", "text": "pardoned"}
    a = event(1, 1, **pardoned, subject="Pavel Orlov")
    b = event(2, 2, **pardoned, subject="Orlov")
    assert tells_same_happening(a, b)


def test_a_state_as_actor_singles_out_no_one() -> None:
    denied = {"type": "denial_or_refusal", "text": "denied", "published": date(2024, 5, 2)}
    a = event(1, 1, **denied, actor="Moscow")
    b = event(2, 2, **denied, actor="Moscow")
    assert not agree(a, b)
    c = event(3, 1, **denied, actor="the prison service")
    d = event(4, 2, **denied, actor="The Prison Service")
    assert agree(c, d)


def test_a_place_without_any_time_in_reports_of_unknown_date_is_no_claim() -> None:
    front = {"type": "deployment", "text": "sent", "place": "Orlov", "country": "RU"}
    where = {"lat": 55.0, "lon": 37.0}
    a = event(1, 1, **front, **where, published=date(2024, 5, 2))
    b = event(2, 2, **front, **where)
    assert not same_claim(a, b), "sent there some time: one of many deployments"
    c = event(3, 3, **front, **where, published=date(2024, 5, 6))
    assert same_claim(a, c), "the same place in one news cycle"
    may = {"time_start": date(2024, 5, 1), "time_end": date(2024, 5, 31)}
    assert same_claim(event(4, 4, **front, **where, **may), b), "one of them says when"


def test_women_and_female_prisoners_are_the_same_people() -> None:
    sent = {"type": "deployment", "text": "sent"}
    a = event(1, 1, **sent, subject="About 100 women", figures=(figure(100, 1, True),))
    b = event(2, 2, **sent, subject="about a hundred female prisoners")
    assert same_scope(a, b)
    assert not same_scope(a, event(3, 3, **sent, subject="male prisoners"))


def test_distinctive_counts_are_exact_counts_of_things_with_two_significant_digits() -> None:
    assert figure_key({"value": 350, "unit": "person"}) == "350 person"
    assert figure_key({"value": 4300, "unit": "application"}) == "4300 application"
    assert figure_key({"value": 5000, "unit": "person"}) is None, "round: said of many things"
    assert figure_key({"value": 50, "unit": "person"}) is None
    assert figure_key({"value": 2023, "unit": "year"}) is None
    assert figure_key({"value": 350, "unit": None}) is None
    assert figure_key({"value": 350, "low": 300, "high": 400, "unit": "person"}) is None


def test_reports_giving_one_distinctive_count_in_one_news_cycle_share_it() -> None:
    counts = frozenset({"4300 application"})
    a = crimes(1, 1, report_figures=counts, published=date(2024, 5, 20))
    b = crimes(2, 2, report_figures=counts, published=date(2024, 5, 24))
    undated = crimes(3, 3, report_figures=counts)
    later = crimes(4, 4, report_figures=counts, published=date(2024, 9, 1))
    assert share_a_count(a, b) and share_a_count(a, undated)
    assert not share_a_count(a, later)
    assert not share_a_count(a, crimes(5, 5, published=date(2024, 5, 21)))
    assert agree_linked(a, b, set()) and not agree(a, b)


def test_wide_or_hedged_figures_are_no_particular_evidence() -> None:
    def recruited(
        n: int, low: float | None, high: float, certainty: str = "reported"
    ) -> ClaimEvent:
        count = Figure("quantity", "person", low, high, False, f"{high:g}", n, 0, 5)
        return event(
            n,
            n,
            type="enlistment",
            text="recruited",
            certainty=certainty,
            subject="convicts",
            figures=(count,),
        )

    assert not agree(recruited(1, 1_000, 10_000), recruited(2, 5_000, 5_000)), "thousands"
    assert agree(recruited(1, 680, 680), recruited(2, 680, 680))
    forecast = recruited(1, None, 20_000, "possible")
    assert not agree(forecast, recruited(2, None, 20_000, "possible")), "a cap, repeated for months"
    assert agree(recruited(1, None, 20_000), recruited(2, None, 20_000)), "a stated bound"


def test_small_counts_and_far_apart_reports_link_nothing() -> None:
    def enlisted(n: int, value: float, **fields: object) -> ClaimEvent:
        count = Figure("quantity", "person", value, value, True, f"about {value:g}", n, 0, 5)
        return event(
            n, n, type="enlistment", text="enlisted", subject="inmates", figures=(count,), **fields
        )

    # "about 25 inmates enlisted" at two colonies: small counts recur
    assert agree(enlisted(1, 25), enlisted(2, 25))
    assert not tells_same_happening(enlisted(1, 25), enlisted(2, 25))
    assert tells_same_happening(enlisted(1, 680), enlisted(2, 700))
    # reports mainly about Krasnoyarsk and Tver giving one count tell two happenings
    counts = frozenset({"1200 person"})
    krasnoyarsk = {"home": "Kansk", "home_lat": 56.2, "home_lon": 95.7, "report_figures": counts}
    tver = {"home": "Tver", "home_lat": 56.86, "home_lon": 35.9, "report_figures": counts}
    assert not share_a_count(crimes(1, 1, **krasnoyarsk), crimes(2, 2, **tver))
    assert share_a_count(crimes(1, 1, **krasnoyarsk), crimes(2, 2, report_figures=counts))


def test_a_join_without_positive_evidence_never_makes_a_contradiction() -> None:
    def offered(n: int, rubles: float) -> ClaimEvent:
        pay = Figure("money", "RUB", rubles, rubles, False, f"{rubles:g} rubles", n, 0, 5)
        return event(n, n, type="contract_offer", text="offered", figures=(pay,))

    assert not same_happening_claim(offered(1, 190_000), offered(2, 200_000))
    assert same_happening_claim(offered(1, 200_000), offered(2, 200_000))


def test_an_event_without_the_count_joins_when_its_report_gives_that_count() -> None:
    """ "Nearly 350 prisoners were released" and "the release of prisoners" in a report
    headlined "350 prisoners released" state one release; a report that never gives 350
    may be telling of other prisoners."""
    counted = event(
        1, 1, type="release_for_service", subject="prisoners", figures=(figure(350, 1),)
    )
    headlined = event(
        2,
        2,
        type="release_for_service",
        subject="prisoners",
        report_figures=frozenset({"350 person"}),
    )
    other = event(3, 3, type="release_for_service", subject="prisoners")
    elsewhere = event(
        4,
        4,
        type="release_for_service",
        subject="prisoners",
        report_figures=frozenset({"420 person"}),
    )
    assert figure_key({"value": 350, "unit": "person"}) == "350 person"
    assert same_happening_claim(counted, headlined) and same_happening_claim(headlined, counted)
    assert not same_happening_claim(counted, other)
    assert not same_happening_claim(counted, elsewhere)
    # a count the other event states differently still clashes
    different = event(5, 5, type="release_for_service", figures=(figure(120, 5),))
    assert not same_happening_claim(
        counted, replace(different, report_figures=frozenset({"350 person"}))
    )
