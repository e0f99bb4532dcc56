"""The event scorer: pairing, type F1, role accuracy, on hand-made gold and predictions."""

from __future__ import annotations

from storyline.evaluation.events import EventScores, pair_events, score_document, to_dict

TEXT = "Recruiters visited the colony. About 40 inmates signed up. Police made arrests."


def span(text: str, start: int | None = None) -> dict:
    start = TEXT.index(text) if start is None else start
    return {"start": start, "end": start + len(text), "text": text}


def event(type: str, trigger: str, **roles: list[str]) -> dict:
    return {
        "type": type,
        "trigger": span(trigger),
        "certainty": "asserted",
        "roles": {role: [span(t) for t in texts] for role, texts in roles.items()},
    }


def predicted(type: str, trigger: str, certainty: str = "asserted", **roles: list[str]) -> dict:
    found = event(type, trigger, **roles)
    return {**found["trigger"], "type": type, "certainty": certainty, "roles": found["roles"]}


def test_overlapping_triggers_pair_and_same_sentence_same_type_pairs_too() -> None:
    gold = [event("enlistment", "signed up"), event("recruitment_visit", "visited")]
    guess = [predicted("enlistment", "signed"), predicted("recruitment_visit", "Recruiters")]
    assert sorted(pair_events(TEXT, gold, guess)) == [(0, 0), (1, 1)]
    far = [predicted("recruitment_visit", "arrests")]
    assert pair_events(TEXT, gold, far) == []


def test_type_f1_counts_wrong_types_as_errors_and_roles_count_by_overlap() -> None:
    gold = [
        event("enlistment", "signed up", quantity=["About 40 inmates"], subject=["inmates"]),
        event("arrest", "arrests", actor=["Police"]),
    ]
    guess = [
        predicted("enlistment", "signed up", "reported", quantity=["About 40"], place=["colony"]),
        predicted("protest", "arrests", actor=["Police"]),
        predicted("recruitment_visit", "visited"),
    ]
    scores = EventScores()
    score_document(scores, TEXT, gold, guess)
    data = to_dict(scores)
    assert (data["gold"], data["predicted"]) == (2, 3)
    assert data["identification"]["tp"] == 2
    assert data["type"]["tp"] == 1
    assert round(data["type"]["f1"], 3) == round(2 * 1 / 5, 3)
    assert data["roles"]["quantity"] == {"gold": 1, "right": 1, "accuracy": 1.0}
    assert data["roles"]["subject"]["right"] == 0
    assert data["role_accuracy"] == 0.5
    assert data["role_precision"] == 0.5
    assert data["certainty_accuracy"] == 0.0
