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


def test_groups_are_cliques_of_agreeing_events_and_no_two_could_merge() -> None:
    """Complete linkage through the candidate pairs: inside a group every pair agrees and no
    document appears twice; and no two groups could still be joined (the candidate pairs
    missed no agreeing pair that mattered)."""
    import random
    from itertools import combinations

    from storyline.link.claims import agree, candidate_pairs

    rng = random.Random(7)
    names = ["Omsk", "Perm", "Kirov", "Penal Colony No. 7"]
    events = []
    for n in range(60):  # every bucket below WINDOW
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
                actor=rng.choice(["Wagner", "recruiters", None]),
                home=rng.choice(["Omsk", "Perm", None]),
            )
        )
    groups = group_claims(events)
    assert sorted(e.event for g in groups for e in g.events) == list(range(60))

    for group in groups:
        assert len({e.document for e in group.events}) == len(group.events)
        assert all(agree(a, b) for a, b in combinations(group.events, 2))
    for g, h in combinations(groups, 2):
        disjoint = not {e.document for e in g.events} & {e.document for e in h.events}
        assert not (disjoint and all(agree(a, b) for a in g.events for b in h.events)), (
            "two groups that could be one"
        )
    candidates = {(min(i, j), max(i, j)) for i, j in candidate_pairs(events)}
    assert len(candidates) < len(events) * (len(events) - 1) / 2


def test_a_vague_event_never_chains_two_specific_claims() -> None:
    russia = {"place": "Russia", "country": "RU", "country_level": True}
    since_2022 = {"time_start": date(2022, 1, 1), "time_end": None}
    vague = event(1, 1, 1, **russia, **since_2022)
    omsk = event(2, 2, 2, **OMSK, **MAY)
    perm = event(3, 3, 3, **PERM, **MAY)
    assert not vague.specific and omsk.specific
    groups = group_claims([vague, omsk, perm])
    assert sorted(len(g.events) for g in groups) == [1, 1, 1]
    wagner = event(4, 4, 4, **russia, **since_2022, actor="Wagner")
    groups = group_claims(
        [
            wagner,
            event(5, 5, 5, **OMSK, **MAY, actor="Wagner"),
            event(6, 6, 6, **PERM, **MAY, actor="Wagner"),
        ]
    )
    assert sorted(len(g.events) for g in groups) == [1, 2], "joins one specific claim, not two"
    [joined] = [g for g in groups if len(g.events) == 2]
    assert joined.independent_sources == 2 and joined.credibility != 1, (
        "a vague report confirms nothing"
    )


def test_russian_and_ukrainian_programmes_are_never_one_claim() -> None:
    kyiv = {"place": "Kyiv", "country": "UA", "lat": 50.45, "lon": 30.52}
    russian = event(1, 1, 1, **kyiv, **MAY, side="RU")
    ukrainian = event(2, 2, 2, **kyiv, **MAY, side="UA")
    assert not same_claim(russian, ukrainian)
    assert same_claim(ukrainian, event(3, 3, 3, **kyiv, **MAY))


def test_figures_of_different_scope_are_no_contradiction() -> None:
    colony = event(1, 1, 1, **OMSK, **MAY, figures=(figure(40, approximate=True),))
    city = event(2, 2, 2, **NEAR_OMSK, **MAY, figures=(figure(900, doc=2),))
    [group] = group_claims([colony, city])
    assert group.contradictions == [], "a colony's count and a city's are different scopes"
    killed = event(3, 3, 3, **OMSK, **MAY, type="casualty", figures=(figure(40),))
    wounded = event(
        4, 4, 4, **OMSK, **MAY, type="casualty", scope="wounded", figures=(figure(90, doc=4),)
    )
    [group] = group_claims([killed, wounded])
    assert group.contradictions == [], "killed and killed-or-wounded count different things"


def test_confirmed_needs_two_independent_stories_that_state_it() -> None:
    stated = event(1, 1, 1, **OMSK, **MAY)
    hedged = event(2, 2, 2, **OMSK, **MAY, certainty="possible")
    [group] = group_claims([stated, hedged])
    assert group.independent_sources == 2 and group.credibility != 1
    assert "only one independent story states it" in group.standing
    [group] = group_claims([stated, event(3, 3, 3, **OMSK, **MAY, certainty="asserted")])
    assert group.credibility == 1 and group.standing.startswith("confirmed: 2")


def test_a_claim_explains_itself() -> None:
    a = event(1, 1, 1, **OMSK, **MAY, figures=(figure(40, approximate=True),), side="RU")
    b = event(2, 2, 2, **NEAR_OMSK, **MAY)
    [group] = group_claims([a, b])
    assert (
        group.summary == "40 · enlistment · Penal Colony No. 7 · May 2024 — 2 independent stories"
    )
    assert "same side: RU" in group.why
    assert any(reason.startswith("places agree: ") for reason in group.why)


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


def test_counted_people_match_across_words_for_them() -> None:
    from storyline.link.people import same_people

    assert same_people("convicts", "prisoner") and same_people("inmates", "people")
    assert not same_people("women", "convicts"), "a part and its whole"
    a = event(1, 1, 1, **OMSK, **MAY, subject="former convicts", figures=(figure(40),))
    b = event(2, 2, 2, **OMSK, **MAY, subject="prisoners", figures=(figure(90, doc=2),))
    [group] = group_claims([a, b])
    assert [c.kind for c in group.contradictions] == ["figure"], "one count, two figures"


def test_a_claim_of_vague_reports_only_is_never_confirmed() -> None:
    wagner = {"actor": "Wagner", "time_start": date(2022, 1, 1), "time_end": None}
    a = event(1, 1, 1, **wagner, certainty="asserted")
    b = event(2, 2, 2, **wagner, certainty="asserted")
    [group] = group_claims([a, b])
    assert group.independent_sources == 2 and group.credibility != 1
    assert "neither where nor when" in group.standing


def test_open_figures_are_evidence_only_for_the_same_bound() -> None:
    up_to = Figure("quantity", "person", None, 20000, False, "up to 20,000", 1, 0, 5)
    over = Figure("quantity", "person", 5000, None, False, "over 5,000", 2, 0, 5)
    also_over = Figure("quantity", "person", 5000, None, False, "more than 5,000", 3, 0, 5)
    four_hundred = figure(400, doc=4)
    vague = {"subject": "convicts"}
    a = event(1, 1, 1, **vague, figures=(up_to,))
    b = event(4, 4, 4, **vague, figures=(four_hundred,))
    assert len(group_claims([a, b])) == 2, "'up to 20,000' says nothing about 400"
    c = event(2, 2, 2, **vague, figures=(over,))
    d = event(3, 3, 3, **vague, figures=(also_over,))
    assert len(group_claims([c, d])) == 1, "the same stated bound"


def test_undated_refusals_are_no_shared_claim() -> None:
    refusal = {"type": "denial_or_refusal", "text": "did not respond", "speech": True}
    a = event(1, 1, 1, actor="the Defence Ministry", **refusal)
    b = event(2, 2, 2, actor="the Defence Ministry", **refusal)
    assert len(group_claims([a, b])) == 2
    dated = {"published": date(2024, 5, 2), **refusal}
    c = event(3, 3, 3, actor="the Defence Ministry", **dated)
    d = event(4, 4, 4, actor="Defence Ministry", **{**dated, "published": date(2024, 5, 6)})
    assert len(group_claims([c, d])) == 1, "the same speaker in one news cycle"


def test_a_claim_resting_on_anonymous_sources_only_says_so() -> None:
    a = event(1, 1, 1, **OMSK, **MAY, anonymous=True)
    b = event(2, 2, 2, **OMSK, **MAY, anonymous=True)
    [group] = group_claims([a, b])
    assert group.anonymous_only and group.standing.endswith("; only anonymous sources")
    [group] = group_claims([a, event(3, 3, 3, **OMSK, **MAY, anonymous=False)])
    assert not group.anonymous_only, "one named source is enough"


def test_the_same_particular_people_join_vague_reports() -> None:
    left = {"type": "deployment", "text": "left for the front"}
    a = event(1, 1, 1, subject="The first group", **left)
    b = event(2, 2, 2, subject="the first group of prisoners", **left)
    assert len(group_claims([a, b])) == 1, "one group singled out by its ordinal"
    pardoned = {"type": "release_for_service", "text": "pardoned"}
    c = event(3, 3, 3, subject="Sergei Khadzhikurbanov", **pardoned)
    d = event(4, 4, 4, subject="Khadzhikurbanov", **pardoned)
    assert len(group_claims([c, d])) == 1, "one man named twice"
    e = event(5, 5, 5, subject="Prisoners", **pardoned)
    f = event(6, 6, 6, subject="prisoners", **pardoned)
    assert len(group_claims([e, f])) == 2, "a class of people singles out no one"


def test_the_head_of_a_counted_phrase_is_before_its_modifiers() -> None:
    up_to = Figure("quantity", "person", None, 20000, False, "up to 20,000", 1, 0, 5)
    also = Figure("quantity", "person", None, 20000, False, "up to 20,000", 2, 0, 5)
    a = event(1, 1, 1, subject="people with criminal records", figures=(up_to,))
    b = event(2, 2, 2, subject="such applicants", figures=(also,))
    assert len(group_claims([a, b])) == 1, "people (not records) and applicants are one count"


def test_a_law_passed_and_the_law_signed_are_two_claims() -> None:
    law = {"type": "policy_change", "time_start": date(2024, 5, 13), "time_end": date(2024, 5, 19)}
    passed = event(1, 1, 1, text="passed", **law)
    signed = event(2, 2, 2, text="signed", **law)
    adopted = event(3, 3, 3, text="adopted", **law)
    assert not same_claim(passed, signed)
    assert same_claim(passed, adopted), "passing and adopting are one step"
