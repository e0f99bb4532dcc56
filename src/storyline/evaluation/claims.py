"""Score claim grouping against the multi-document gold set (tests/gold_claims/README.md).

Each case is a folder of pasted reports and a ``gold.json``. The case's reports go through
the whole pipeline — parse, extract, assemble, reprint linking — into a fresh SQLite store
in a temporary folder, then :func:`storyline.store.claims.claims` groups their events. Gold
events are found in the predicted ones by document, type and overlapping trigger.

The figures (summed over cases):

* **events matched**: gold events the pipeline found at all (assembly recall; grouping
  can only be judged on these);
* **grouping** precision and recall over *pairs* of matched events: a pair is in the gold
  when both events are in one gold group, predicted when both are in one claim group;
* **contradiction** precision and recall over groups: a gold group is flagged when the
  claim group holding most of its matched members has a contradiction; a flagged claim
  group is right when the gold group holding most of its members is a contradiction;
* **independent sources**: share of gold groups whose claim group counts as many
  independent stories as the gold;
* **confirmed**: claim groups graded 1 ("confirmed"), and how many of them a human would
  not confirm (their events are not mostly one confirmed gold group).
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

from storyline.errors import InputError, NotFoundError
from storyline.link.claims import ClaimGroup


@dataclass(frozen=True)
class GoldEvent:
    """One gold event: its document, type, trigger span and the gold group it belongs to."""

    document: str
    type: str
    start: int
    end: int
    group: int | None  # index into the case's groups, None for singletons


@dataclass
class ClaimScores:
    """Counts behind the claim figures."""

    cases: int = 0
    gold_events: int = 0
    matched: int = 0
    gold_pairs: int = 0
    predicted_pairs: int = 0
    true_pairs: int = 0
    gold_contradictions: int = 0
    found_contradictions: int = 0
    flagged: int = 0
    flagged_right: int = 0
    groups: int = 0
    sources_right: int = 0
    confirmed: int = 0
    confirmed_wrong: int = 0
    misses: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready figures."""

        def ratio(a: int, b: int) -> float | None:
            return a / b if b else None

        return {
            "cases": self.cases,
            "events": {"gold": self.gold_events, "matched": self.matched},
            "grouping": {
                "gold_pairs": self.gold_pairs,
                "predicted_pairs": self.predicted_pairs,
                "precision": ratio(self.true_pairs, self.predicted_pairs),
                "recall": ratio(self.true_pairs, self.gold_pairs),
            },
            "contradiction": {
                "gold": self.gold_contradictions,
                "flagged": self.flagged,
                "precision": ratio(self.flagged_right, self.flagged),
                "recall": ratio(self.found_contradictions, self.gold_contradictions),
            },
            "independent_sources_accuracy": ratio(self.sources_right, self.groups),
            "confirmed": {"predicted": self.confirmed, "not_confirmable": self.confirmed_wrong},
        }


def cases(folder: str | Path) -> list[Path]:
    """The case folders (each with a gold.json) under ``folder``."""
    root = Path(folder)
    if not root.exists():
        raise NotFoundError(str(root), "no such file or directory")
    found = sorted(p.parent for p in root.glob("*/gold.json"))
    if not found:
        raise InputError(str(root), "no claim cases (folders with a gold.json) here")
    return found


def locate(body: str, offset: int, trigger: str, occurrence: int = 1) -> tuple[int, int]:
    """Span of the ``occurrence``-th whole-word match of ``trigger`` in ``body``."""
    matches = list(re.finditer(rf"(?<!\w){re.escape(trigger)}(?!\w)", body))
    if len(matches) < occurrence:
        raise InputError(trigger, "trigger not found in the body")
    match = matches[occurrence - 1]
    return offset + match.start(), offset + match.end()


def evaluate_claims(folder: str | Path) -> ClaimScores:
    """Run every case through the pipeline and score its claim groups."""
    scores = ClaimScores()
    for case in cases(folder):
        _score_case(case, scores)
    return scores


def _score_case(case: Path, scores: ClaimScores) -> None:
    gold = json.loads((case / "gold.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="storyline-claims-") as tmp:
        documents, texts, groups = _run(case, gold, Path(tmp))
    events = list(_gold_events(gold, texts))
    scores.cases += 1
    scores.gold_events += len(events)
    where: dict[int, int] = {}  # gold event index -> predicted group id
    predicted_of: dict[int, int] = {}  # gold event index -> predicted event id
    by_event = {e.event: g for g in groups for e in g.events}
    for index, event in enumerate(events):
        document = documents[event.document]
        match = next(
            (
                e
                for g in groups
                for e in g.events
                if e.document == document
                and e.type == event.type
                and e.start < event.end
                and event.start < e.end
                and e.event not in predicted_of.values()
            ),
            None,
        )
        if match is None:
            scores.misses.append(f"{case.name}/{event.document}: {event.type} not found")
            continue
        scores.matched += 1
        predicted_of[index] = match.event
        where[index] = by_event[match.event].id
    for i, j in combinations(sorted(where), 2):
        gold_pair = events[i].group is not None and events[i].group == events[j].group
        predicted_pair = where[i] == where[j]
        scores.gold_pairs += gold_pair
        scores.predicted_pairs += predicted_pair
        scores.true_pairs += gold_pair and predicted_pair
    by_id = {g.id: g for g in groups}
    for number, group in enumerate(gold.get("groups", [])):
        members = [i for i, e in enumerate(events) if e.group == number and i in where]
        majority = Counter(where[i] for i in members).most_common(1)
        claim = by_id[majority[0][0]] if majority else None
        scores.groups += 1
        scores.gold_contradictions += bool(group.get("contradiction"))
        if claim is not None:
            scores.sources_right += claim.independent_sources == group["independent_sources"]
            if group.get("contradiction") and claim.contradictions:
                scores.found_contradictions += 1
    for claim in groups:
        if claim.credibility == 1:
            scores.confirmed += 1
            scores.confirmed_wrong += not _confirmable(claim.id, where, events, gold)
        if not claim.contradictions:
            continue
        scores.flagged += 1
        gold_groups = [events[i].group for i in where if where[i] == claim.id]
        majority = Counter(g for g in gold_groups if g is not None).most_common(1)
        if majority and gold["groups"][majority[0][0]].get("contradiction"):
            scores.flagged_right += 1


def _confirmable(
    claim: int, where: dict[int, int], events: list[GoldEvent], gold: dict[str, Any]
) -> bool:
    """Whether a human would confirm the claim: its matched events are mostly one gold group
    that is confirmed (``confirmed``, by default two or more independent stories and no
    contradiction) and they come from at least two of that group's stories."""
    members = [i for i in where if where[i] == claim]
    majority = Counter(events[i].group for i in members if events[i].group is not None)
    if not majority:
        return False
    number, count = majority.most_common(1)[0]
    group = gold["groups"][number]
    default = group.get("independent_sources", 0) >= 2 and not group.get("contradiction")
    return bool(group.get("confirmed", default)) and count >= 2 and count * 2 > len(members)


def _run(
    case: Path, gold: dict[str, Any], tmp: Path
) -> tuple[dict[str, int], dict[str, tuple[str, int]], list[ClaimGroup]]:
    """Ingest the case into a fresh store; documents' ids, texts and the claim groups."""
    from storyline.events import load_codebook
    from storyline.parse import ParseOptions
    from storyline.pipeline import ingest
    from storyline.settings import Settings
    from storyline.store import repository
    from storyline.store.claim_members import stored_groups
    from storyline.store.db import open_store

    store = open_store(str(tmp / "claims.db"), tmp / "data")
    try:
        book = load_codebook(gold.get("codebook"))
        documents: dict[str, int] = {}
        texts: dict[str, tuple[str, int]] = {}
        for name, meta in sorted(gold["documents"].items()):
            options = ParseOptions(
                published=date.fromisoformat(meta["published"]) if meta.get("published") else None,
                url=f"https://{meta['outlet'].rstrip('/')}/{name}",
            )
            [outcome] = ingest(store, [str(case / name)], Settings(), options, codebook=book)
            if outcome.document is None:
                raise InputError(str(case / name), outcome.error or "not stored")
            documents[name] = outcome.document
            row = repository.get_document(store, outcome.document)
            texts[name] = (row.text, row.body_start)
        return documents, texts, stored_groups(store)
    finally:
        store.close()


def _gold_events(gold: dict[str, Any], texts: dict[str, tuple[str, int]]) -> Iterator[GoldEvent]:
    listed: list[tuple[int | None, dict[str, Any]]] = [
        (number, m) for number, g in enumerate(gold.get("groups", [])) for m in g["members"]
    ]
    listed += [(None, s) for s in gold.get("singletons", [])]
    for number, item in listed:
        text, body_start = texts[item["document"]]
        if item.get("within") == "text":  # real reports: counted over the whole text
            body_start = 0
        try:
            start, end = locate(
                text[body_start:], body_start, item["trigger"], item.get("occurrence", 1)
            )
        except InputError:
            start = end = -1  # the stored text lost it (a dropped boilerplate line): a miss
        type_ = item.get("type") or gold["groups"][number]["type"]
        yield GoldEvent(item["document"], type_, start, end, number)


def format_table(scores: ClaimScores) -> str:
    """The figures as a plain-text table."""
    data = scores.as_dict()

    def pct(value: float | None) -> str:
        return "-" if value is None else f"{100 * value:5.1f}"

    grouping, flags = data["grouping"], data["contradiction"]
    return "\n".join(
        [
            f"claims: {data['cases']} cases, {scores.matched}/{scores.gold_events} gold events "
            "found by the pipeline",
            f"{'':<26}{'P':>7}{'R':>7}",
            f"{'grouping (pairs)':<26}{pct(grouping['precision']):>7}{pct(grouping['recall']):>7}"
            f"   ({scores.true_pairs} of {scores.gold_pairs} gold pairs, "
            f"{scores.predicted_pairs} predicted)",
            f"{'contradiction flags':<26}{pct(flags['precision']):>7}{pct(flags['recall']):>7}"
            f"   ({scores.found_contradictions} of {scores.gold_contradictions} found, "
            f"{scores.flagged} flagged)",
            f"{'independent sources':<26}{pct(data['independent_sources_accuracy']):>7}",
            f"{'confirmed (credibility 1)':<26}{scores.confirmed:>7}   "
            f"({scores.confirmed_wrong} that a human would not confirm)",
        ]
    )
