"""Choosing the original: evidence in order, and no loop on circular or self credits."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

import pytest

from storyline.link.credits import Credit
from storyline.link.original import Choice, Copy, choose_original, keeps_original

T0 = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)


def copy(document_id: int, outlet: str | None = None, **fields) -> Copy:
    credits = tuple(
        Credit(name, f"originally appeared in {name}") for name in fields.pop("credits", ())
    )
    fields.setdefault("captured_at", T0 + timedelta(minutes=document_id))
    return Copy(document_id=document_id, outlet=outlet, credits=credits, **fields)


def test_a_story_of_one() -> None:
    assert choose_original([copy(7)]) == Choice(7, "single", "the only copy: no reprints found")
    with pytest.raises(ValueError):
        choose_original([])


def test_credit_beats_an_earlier_date() -> None:
    choice = choose_original(
        [
            copy(1, "Prison Digest", published=date(2024, 4, 9), credits=["Sever Media"]),
            copy(2, "Sever Media", published=date(2024, 4, 10)),
            copy(3, "Channel", credits=["Sever Media"]),
        ]
    )
    assert (choice.document_id, choice.basis) == (2, "credit")
    assert choice.reason.startswith("credited as the source by documents 1, 3")
    assert '"originally appeared in Sever Media"' in choice.reason


def test_credit_matches_a_web_host() -> None:
    choice = choose_original(
        [
            copy(1, url="https://www.calder-courier.example/strike", published=date(2024, 3, 12)),
            copy(2, "Aggregator", published=date(2024, 3, 11), credits=["The Calder Courier"]),
        ]
    )
    assert (choice.document_id, choice.basis) == (1, "credit")


def test_a_credit_naming_an_outlet_without_a_copy_is_no_evidence() -> None:
    choice = choose_original(
        [
            copy(1, "Blog", published=date(2024, 3, 12), credits=["The New York Times"]),
            copy(2, "Aggregator", published=date(2024, 3, 11)),
        ]
    )
    assert (choice.document_id, choice.basis) == (2, "published")


def test_self_credit_is_no_evidence() -> None:
    """A copy that says it "originally appeared in" its own outlet is not thereby first."""
    choice = choose_original(
        [
            copy(1, "Sever Media", published=date(2024, 4, 12), credits=["Sever Media"]),
            copy(2, "Digest", published=date(2024, 4, 10)),
        ]
    )
    assert (choice.document_id, choice.basis) == (2, "published")


def test_circular_credits_are_set_aside() -> None:
    choice = choose_original(
        [
            copy(1, "Riverton Ledger", published=date(2024, 11, 8), credits=["Riverton Star"]),
            copy(2, "Riverton Star", published=date(2024, 11, 7), credits=["Riverton Ledger"]),
            copy(3, "Metro Wire", published=date(2024, 11, 9)),
        ]
    )
    assert (choice.document_id, choice.basis) == (2, "published")
    assert "circular credit links (1→2, 2→1) set aside" in choice.reason


def test_a_chain_of_credits_ends_at_its_source() -> None:
    choice = choose_original(
        [
            copy(1, "Alpha", credits=["Beta"]),
            copy(2, "Beta", credits=["Gamma"]),
            copy(3, "Gamma"),
        ]
    )
    assert (choice.document_id, choice.basis) == (3, "credit")


def test_canonical_link_to_another_copy() -> None:
    choice = choose_original(
        [
            copy(1, url="https://valley.example/a", canonical_url="https://norpress.example/x/"),
            copy(2, url="https://norpress.example/x", published=date(2024, 5, 5)),
            copy(3, url="https://other.example/b", published=date(2024, 5, 4)),
        ]
    )
    assert (choice.document_id, choice.basis) == (2, "canonical")
    assert "canonical link of document 1" in choice.reason


def test_self_canonical_and_canonical_to_an_absent_page_are_no_evidence() -> None:
    choice = choose_original(
        [
            copy(1, url="https://a.example/x", canonical_url="https://a.example/x"),
            copy(2, url="https://b.example/y", canonical_url="https://gone.example/z"),
            copy(3, url="https://c.example/z", canonical_url="https://gone.example/z"),
        ]
    )
    assert choice.basis == "captured" and choice.document_id == 1
    assert "circular canonical links" in choice.reason


def test_earliest_publication_then_capture_then_id() -> None:
    same_day = [
        copy(5, published=date(2024, 3, 2), captured_at=T0 + timedelta(hours=2)),
        copy(4, published=date(2024, 3, 2), captured_at=T0 + timedelta(hours=1)),
        copy(3, published=date(2024, 3, 3)),
        copy(2),
    ]
    choice = choose_original(same_day)
    assert (choice.document_id, choice.basis) == (4, "published")
    assert (
        choice.reason == "published first (2024-03-02, the same day as document 5; captured first)"
    )
    undated = choose_original([copy(9), copy(8, captured_at=T0), copy(7, captured_at=T0)])
    assert (undated.document_id, undated.basis) == (7, "captured")
    assert undated.reason.startswith("captured first (2024-03-01T12:00:00+00:00)")


def test_thousands_of_copies_with_credits_are_quick() -> None:
    copies = [copy(1, "Sever Media")] + [
        copy(i, f"Mirror {i}", credits=["Sever Media"]) for i in range(2, 5001)
    ]
    started = time.perf_counter()
    choice = choose_original(copies)
    assert time.perf_counter() - started < 2.0  # linear, not one pass per pair
    assert choice.document_id == 1 and "and 4994 more" in choice.reason


def test_keeps_original_says_when_a_new_copy_cannot_change_the_choice() -> None:
    original = copy(1, "Sever Media", published=date(2024, 4, 10))
    by_credit = Choice(1, "credit", "credited …")
    by_date = Choice(1, "published", "published first (2024-04-10)")
    later = copy(9, "Mirror", published=date(2024, 4, 12))
    assert keeps_original(later, by_credit, original, {"severmedia"})
    assert keeps_original(later, by_date, original, set())
    assert keeps_original(copy(9), by_date, original, set())
    assert not keeps_original(copy(9, published=date(2024, 4, 1)), by_date, original, set())
    assert not keeps_original(copy(9, published=date(2024, 4, 10)), by_date, original, set())
    assert not keeps_original(
        copy(9, "Mirror", credits=["Sever Media"]), by_credit, original, set()
    )
    assert not keeps_original(copy(9, "Sever Media"), by_credit, original, {"severmedia"})
    assert not keeps_original(later, Choice(1, "single", ""), original, set())
