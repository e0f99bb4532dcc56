"""Claim grouping, independence by story, and contradictions (pure records, no parsing)."""

from __future__ import annotations

from datetime import date

from storyline.link.claims import ClaimEvent, Figure, group_claims, same_claim

OMSK = {"place": "Penal Colony No. 7", "country": "RU", "lat": 54.99, "lon": 73.37}
NEAR_OMSK = {"place": "Omsk", "country": "RU", "lat": 54.97, "lon": 73.40}
PERM = {"place": "Perm", "country": "RU", "lat": 58.01, "lon": 56.25}
MAY = {"time_start": date(2024, 5, 1), "time_end": date(2024, 5, 31)}


def figure(low: float, high: float | None = None, approximate: bool = False, doc: int = 1):
    high = low if high is None else high
    return Figure("quantity", "person", low, high, approximate, f"{low:g}", doc, 0, 5)


def event(n: int, doc: int, story: int, **fields) -> ClaimEvent:
    values = {"type": "enlistment", "certainty": "reported", "text": "signed up", **fields}
    return ClaimEvent(event=n, document=doc, story=story, **values)


def test_agreeing_independent_reports_are_one_claim_with_two_sources() -> None:
    a = event(1, 1, 1, **OMSK, **MAY, figures=(figure(40, approximate=True),), grade="B")
    b = event(2, 2, 2, **NEAR_OMSK, **MAY, figures=(figure(45, approximate=True, doc=2),))
    [group] = group_claims([a, b])
    assert group.independent_sources == 2
    assert not group.contradictions
    assert group.best_grade == "B"
    assert group.credibility == 1


def test_reprints_count_once() -> None:
    a = event(1, 1, 1, **OMSK, **MAY)
    copy = event(2, 2, 1, **OMSK, **MAY)
    [group] = group_claims([a, copy])
    assert len(group.events) == 2 and group.independent_sources == 1


def test_figures_that_cannot_both_be_true_are_a_contradiction() -> None:
    a = event(1, 1, 1, **OMSK, **MAY, figures=(figure(40, approximate=True),))
    b = event(2, 2, 2, **OMSK, **MAY, figures=(figure(90, doc=2),))
    reprint = event(3, 3, 1, **OMSK, **MAY, figures=(figure(40, approximate=True, doc=3),))
    [group] = group_claims([a, b, reprint])
    assert [c.kind for c in group.contradictions] == ["figure"]
    assert group.credibility == 4


def test_a_denial_against_a_report_is_a_contradiction_of_facts() -> None:
    told = event(1, 1, 1, **OMSK, **MAY)
    denied = event(2, 2, 2, **OMSK, **MAY, certainty="negated")
    [group] = group_claims([told, denied])
    assert [c.kind for c in group.contradictions] == ["fact"]


def test_open_ranges_and_units_are_respected() -> None:
    more_than_40 = event(1, 1, 1, **OMSK, **MAY, figures=(figure(40, float("inf")),))
    ninety = event(2, 2, 2, **OMSK, **MAY, figures=(figure(90, doc=2),))
    [group] = group_claims([more_than_40, ninety])
    assert not group.contradictions
    money = Figure("quantity", "RUB", 90, 90, False, "90", 3, 0, 2)
    other_unit = event(3, 3, 3, **OMSK, **MAY, figures=(money,))
    assert not group_claims([more_than_40, other_unit])[0].contradictions


def test_different_places_or_times_or_types_do_not_group() -> None:
    omsk = event(1, 1, 1, **OMSK, **MAY)
    assert not same_claim(omsk, event(2, 2, 2, **PERM, **MAY))
    earlier = {"time_start": date(2022, 9, 1), "time_end": date(2022, 9, 30)}
    assert not same_claim(omsk, event(3, 3, 3, **OMSK, **earlier))
    assert not same_claim(omsk, event(4, 4, 4, **OMSK, **MAY, type="casualty"))
    assert not same_claim(omsk, event(5, 1, 5, **OMSK, **MAY)), "one document, two events"
    women = event(6, 6, 6, **OMSK, **MAY, subject="women")
    men = event(7, 7, 7, **OMSK, **MAY, subject="convicted men")
    assert not same_claim(women, men)
    assert len(group_claims([omsk, event(2, 2, 2, **PERM, **MAY)])) == 2


def test_a_country_level_place_groups_with_places_inside_it() -> None:
    russia = {"place": "Russia", "country": "RU", "lat": 55.75, "lon": 37.62, "country_level": True}
    assert same_claim(event(1, 1, 1, **OMSK, **MAY), event(2, 2, 2, **russia, **MAY))


def test_events_without_place_need_a_shared_time() -> None:
    vague = event(1, 1, 1)
    assert not same_claim(vague, event(2, 2, 2))
    assert same_claim(event(3, 3, 3, **MAY), event(4, 4, 4, **MAY))


def test_credibility_of_single_claims_follows_the_outlet_grade() -> None:
    assert group_claims([event(1, 1, 1, grade="A")])[0].credibility == 2
    assert group_claims([event(1, 1, 1, grade="D")])[0].credibility == 3
    assert group_claims([event(1, 1, 1, grade="A", certainty="possible")])[0].credibility == 3
    assert group_claims([event(1, 1, 1)])[0].credibility == 6
    assert group_claims([event(1, 1, 1, certainty="negated", grade="A")])[0].credibility == 5


def test_candidate_pairs_give_the_groups_that_comparing_every_pair_gives() -> None:
    import random
    from itertools import combinations

    from storyline.link.claims import candidate_pairs

    rng = random.Random(7)
    names = ["Omsk", "Perm", "Kirov", "Penal Colony No. 7"]
    events = []
    for n in range(50):  # every bucket below WINDOW: the result must be exact
        placed = rng.random() < 0.7
        month = rng.randint(1, 6)
        events.append(
            event(
                n,
                n // 2,
                n // 4,
                place=rng.choice(names) if placed else None,
                country="RU" if placed else None,
                lat=rng.uniform(54, 56) if placed and rng.random() < 0.8 else None,
                lon=rng.uniform(60, 63) if placed else None,
                country_level=placed and rng.random() < 0.1,
                time_start=date(2024, month, 1) if rng.random() < 0.8 else None,
                time_end=date(2024, month, 28),
            )
        )
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, j in combinations(range(len(events)), 2):
        if same_claim(events[i], events[j]):
            parent[find(i)] = find(j)
    everything = {
        frozenset(e.event for e in events if find(e.event) == root)
        for root in {find(i) for i in range(len(events))}
    }
    grouped = {frozenset(e.event for e in g.events) for g in group_claims(events)}
    assert grouped == everything
    candidates = {(min(i, j), max(i, j)) for i, j in candidate_pairs(events)}
    assert len(candidates) < len(events) * (len(events) - 1) / 2


def test_a_claim_reported_many_times_stays_one_group_beyond_the_window() -> None:
    from storyline.link.claims import WINDOW

    many = [event(n, n, n, **OMSK, **MAY) for n in range(WINDOW * 3)]
    [group] = group_claims(many)
    assert group.independent_sources == WINDOW * 3


def test_statements_are_one_claim_only_for_one_speaker() -> None:
    said = {"type": "official_statement", "text": "said", "speech": True, **OMSK, **MAY}
    ministry = event(1, 1, 1, actor="the Justice Ministry", **said)
    same = event(2, 2, 2, actor="Justice Ministry", **said)
    governor = event(3, 3, 3, actor="the governor", **said)
    assert same_claim(ministry, same)
    assert not same_claim(ministry, governor)
    did_not = event(4, 4, 4, actor="the governor", certainty="negated", **said)
    [group] = [g for g in group_claims([governor, did_not]) if len(g.events) == 2]
    assert group.contradictions == [], "a statement not made contradicts no other statement"
