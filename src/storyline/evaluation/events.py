"""Score assembled events against hand-annotated gold events (docs/eval.md, "Events").

How events are matched: per document, a predicted event pairs with a gold event when their
triggers overlap, or — failing that — when they have the same type and their triggers lie
in the same sentence (annotators and the codebook may pick different words of one clause:
"signed" vs "signed up", "recruiters offered" vs "offer"). Pairing is one-to-one and
greedy, best pairs first (overlapping and same type, then overlapping, then same
sentence).

The figures:

* **identification** P/R/F1: paired events, whatever their type;
* **type** P/R/F1: paired events whose type agrees (the issue's "type F1");
* **role accuracy**: over type-correct pairs, the share of gold role fillers that a
  predicted filler of the same role overlaps; also per role, and role precision (predicted
  fillers that overlap a gold filler of their role);
* **certainty accuracy**: over type-correct pairs.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.evaluation.mentions import GoldDoc
from storyline.model import Extraction

_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s|\n\n")


@dataclass
class EventScores:
    """Counts behind the event figures (summed over documents)."""

    gold: int = 0
    predicted: int = 0
    identified: int = 0
    typed: int = 0
    certainty_right: int = 0
    role_gold: Counter[str] = field(default_factory=Counter)
    role_right: Counter[str] = field(default_factory=Counter)
    role_predicted: Counter[str] = field(default_factory=Counter)
    role_precise: Counter[str] = field(default_factory=Counter)
    per_type: dict[str, Counter[str]] = field(default_factory=dict)

    def f1(self, tp: int) -> dict[str, float | None]:
        """Precision, recall and F1 for ``tp`` true positives."""
        precision = tp / self.predicted if self.predicted else None
        recall = tp / self.gold if self.gold else None
        total = self.gold + self.predicted
        return {"precision": precision, "recall": recall, "f1": 2 * tp / total if total else None}

    @property
    def role_accuracy(self) -> float | None:
        """Share of gold fillers of type-correct events that were found in their role."""
        total = sum(self.role_gold.values())
        return sum(self.role_right.values()) / total if total else None

    @property
    def role_precision(self) -> float | None:
        """Share of predicted fillers (of type-correct events) that match a gold filler."""
        total = sum(self.role_predicted.values())
        return sum(self.role_precise.values()) / total if total else None


def gold_events(doc: GoldDoc) -> tuple[str | None, list[dict[str, Any]] | None]:
    """The codebook name and gold events of a gold file (``None`` when it has none)."""
    if doc.path is None:
        return None, None
    data = json.loads(doc.path.read_text(encoding="utf-8"))
    events = data.get("events")
    return data.get("codebook"), events if isinstance(events, list) else None


def extract_gold(gold: Sequence[GoldDoc], books: Mapping[str, str | None]) -> list[Extraction]:
    """Extract every gold document through the codebook its file names (default otherwise),
    batching documents that share a codebook; results in input order."""
    from storyline.events import load_codebook
    from storyline.extract import extract_documents

    groups: dict[str | None, list[int]] = {}
    for index, doc in enumerate(gold):
        groups.setdefault(books.get(doc.name), []).append(index)
    results: dict[int, Extraction] = {}
    for name, indices in groups.items():
        book = load_codebook(name)
        found = extract_documents((gold[i].as_document() for i in indices), codebook=book)
        results.update(zip(indices, found, strict=True))
    return [results[i] for i in range(len(gold))]


def score_events(
    gold: Sequence[GoldDoc],
    results: Sequence[Extraction],
    annotated: Mapping[str, tuple[str | None, list[dict[str, Any]] | None]],
) -> EventScores | None:
    """Score the extractions' events against the gold files that have events (``None``
    when none has)."""
    from storyline.extract.contract import event_to_json

    if all(events is None for _, events in annotated.values()):
        return None
    scores = EventScores()
    for doc, result in zip(gold, results, strict=True):
        events = annotated[doc.name][1]
        if events is not None:
            predicted = [event_to_json(e) for e in result.events]
            score_document(scores, doc.text, events, predicted)
    return scores


def _overlap(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return bool(a["start"] < b["end"] and b["start"] < a["end"])


def _same_sentence(text: str, a: int, b: int) -> bool:
    lo, hi = min(a, b), max(a, b)
    return _SENTENCE_END.search(text, lo, hi) is None


def _trigger(event: Mapping[str, Any]) -> Mapping[str, Any]:
    trigger = event.get("trigger")
    return trigger if isinstance(trigger, Mapping) else event


def pair_events(
    text: str, gold: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, Any]]
) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, best first (see module docstring)."""
    ranked = []
    for g, gold_event in enumerate(gold):
        for p, event in enumerate(predicted):
            gt, pt = _trigger(gold_event), _trigger(event)
            same_type = gold_event["type"] == event["type"]
            if _overlap(gt, pt):
                rank = 0 if same_type else 1
            elif same_type and _same_sentence(text, gt["start"], pt["start"]):
                rank = 2
            else:
                continue
            ranked.append((rank, abs(gt["start"] - pt["start"]), g, p))
    pairs, used_g, used_p = [], set(), set()
    for _, _, g, p in sorted(ranked):
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            pairs.append((g, p))
    return pairs


def score_document(
    scores: EventScores,
    text: str,
    gold: Sequence[Mapping[str, Any]],
    predicted: Sequence[Mapping[str, Any]],
) -> None:
    """Add one document's counts to ``scores``."""
    scores.gold += len(gold)
    scores.predicted += len(predicted)
    for event in gold:
        scores.per_type.setdefault(event["type"], Counter())["gold"] += 1
    for event in predicted:
        scores.per_type.setdefault(event["type"], Counter())["predicted"] += 1
    for g, p in pair_events(text, gold, predicted):
        scores.identified += 1
        gold_event, event = gold[g], predicted[p]
        if gold_event["type"] != event["type"]:
            continue
        scores.typed += 1
        scores.per_type[event["type"]]["tp"] += 1
        scores.certainty_right += gold_event.get("certainty") == event.get("certainty")
        predicted_roles = event.get("roles") or {}
        for role, fillers in (gold_event.get("roles") or {}).items():
            for filler in fillers:
                scores.role_gold[role] += 1
                if any(_overlap(filler, f) for f in predicted_roles.get(role, [])):
                    scores.role_right[role] += 1
        gold_roles = gold_event.get("roles") or {}
        for role, fillers in predicted_roles.items():
            for filler in fillers:
                scores.role_predicted[role] += 1
                if any(_overlap(filler, f) for f in gold_roles.get(role, [])):
                    scores.role_precise[role] += 1


def to_dict(scores: EventScores) -> dict[str, Any]:
    """The figures as JSON-ready data (``storyline eval --format json``, key ``events``)."""
    typed = scores.typed
    return {
        "gold": scores.gold,
        "predicted": scores.predicted,
        "identification": {"tp": scores.identified, **scores.f1(scores.identified)},
        "type": {"tp": typed, **scores.f1(typed)},
        "certainty_accuracy": scores.certainty_right / typed if typed else None,
        "role_accuracy": scores.role_accuracy,
        "role_precision": scores.role_precision,
        "roles": {
            role: {
                "gold": scores.role_gold[role],
                "right": scores.role_right[role],
                "accuracy": scores.role_right[role] / scores.role_gold[role],
            }
            for role in sorted(scores.role_gold)
        },
        "types": {name: dict(counts) for name, counts in sorted(scores.per_type.items())},
    }


def format_table(scores: EventScores) -> str:
    """A plain-text table of the event figures."""
    data = to_dict(scores)

    def pct(value: float | None) -> str:
        return "-" if value is None else f"{100 * value:5.1f}"

    lines = [
        f"events: {scores.gold} gold, {scores.predicted} predicted",
        f"{'':<22}{'P':>7}{'R':>7}{'F1':>7}",
    ]
    for name in ("identification", "type"):
        row = data[name]
        lines.append(
            f"{name:<22}{pct(row['precision']):>7}{pct(row['recall']):>7}{pct(row['f1']):>7}"
        )
    lines.append(f"{'role accuracy':<22}{pct(data['role_accuracy']):>7}")
    lines.append(f"{'role precision':<22}{pct(data['role_precision']):>7}")
    lines.append(f"{'certainty accuracy':<22}{pct(data['certainty_accuracy']):>7}")
    for role, row in data["roles"].items():
        lines.append(
            f"{'  role ' + role:<22}{pct(row['accuracy']):>7}   ({row['right']}/{row['gold']})"
        )
    return "\n".join(lines)
