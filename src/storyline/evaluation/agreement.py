"""How far two annotators of the same reports agree: the ceiling for the extractors' scores.

Why: Storyline's targets (event type F1, source value F1, claim pairs) are measured against
one blind annotator per split. Without knowing how often a second, equally careful reader
of the same guide marks the same things, a score cannot say whether the extractor or the
annotation choice is short. This module scores one annotation of a real-report split
against another with the very scorers used for the extractors
(:func:`storyline.evaluation.events.score_document`, :func:`.mentions.align`), so the
figures are comparable: treat the first annotator as gold and the second as predictions.

Run: ``python -m storyline.evaluation.agreement FIRST SECOND [--texts DIR]`` where both
folders are splits of committed annotations (``storyline.realgold/1``) of the same texts.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from storyline.errors import InputError
from storyline.evaluation import realset
from storyline.evaluation.events import EventScores, score_document, to_dict
from storyline.evaluation.mentions import align, value_matches

Member = tuple[str, int, int]


@dataclass(frozen=True)
class Agreement:
    """Agreement figures of a second annotation against a first (first = gold)."""

    documents: int
    events: dict[str, Any]
    #: per mention kind the two annotators marked: counts and value F1 (as ``storyline eval``)
    kinds: dict[str, dict[str, Any]]
    sources_first: int
    sources_second: int
    source_value_f1: float | None
    anonymity_agreement: float | None
    pairs_first: int
    pairs_second: int
    pairs_shared_of_first: int
    pairs_shared_of_second: int

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _load(folder: Path, texts: Path) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    docs, claims = realset.load_set(folder)
    return {d.name: realset.hydrate_doc(d, realset.read_text(d, texts)) for d in docs}, claims


def claim_pairs(claims: list[dict[str, Any]]) -> list[tuple[Member, Member]]:
    """Every cross-document pair of events one annotator put in one claim group."""
    pairs = []
    for case in claims:
        for group in case.get("groups", []):
            members = [
                (realset._stem(m["document"]), m["start"], m["end"]) for m in group["members"]
            ]
            pairs += [(a, b) for a, b in combinations(members, 2) if a[0] != b[0]]
    return pairs


def _overlap(a: Member, b: Member) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def _same_pair(p: tuple[Member, Member], q: tuple[Member, Member]) -> bool:
    return (_overlap(p[0], q[0]) and _overlap(p[1], q[1])) or (
        _overlap(p[0], q[1]) and _overlap(p[1], q[0])
    )


def agreement(first: str | Path, second: str | Path, texts: str | Path) -> Agreement:
    """Score the annotation ``second`` against ``first`` (both of the same texts)."""
    texts_dir = Path(texts)
    one, claims_one = _load(Path(first), texts_dir)
    two, claims_two = _load(Path(second), texts_dir)
    if set(one) != set(two):
        raise InputError(str(second), "the two annotations do not cover the same reports")
    events = EventScores()
    gold_sources = predicted_sources = value_tp = pairs = anonymity_same = 0
    counts: dict[str, list[int]] = {}  # kind -> [first, second, value tp]
    for name, doc in sorted(one.items()):
        other = two[name]
        score_document(events, doc["text"], doc["events"], other["events"])
        for kind in {m["kind"] for m in doc["mentions"]} | {m["kind"] for m in other["mentions"]}:
            ours = [m for m in doc["mentions"] if m["kind"] == kind]
            theirs = [m for m in other["mentions"] if m["kind"] == kind]
            tally = counts.setdefault(kind, [0, 0, 0])
            tally[0] += len(ours)
            tally[1] += len(theirs)
            tally[2] += sum(1 for x, y in align(ours, theirs).pairs if value_matches(x, y))
        a = [m for m in doc["mentions"] if m["kind"] == "source"]
        b = [m for m in other["mentions"] if m["kind"] == "source"]
        aligned = align(a, b)
        gold_sources += len(a)
        predicted_sources += len(b)
        value_tp += sum(1 for x, y in aligned.pairs if value_matches(x, y))
        pairs += len(aligned.pairs)
        anonymity_same += sum(
            1 for x, y in aligned.pairs if bool(x.get("anonymous")) == bool(y.get("anonymous"))
        )
    p1, p2 = claim_pairs(claims_one), claim_pairs(claims_two)
    both = gold_sources + predicted_sources
    return Agreement(
        documents=len(one),
        events=to_dict(events),
        kinds={
            kind: {"first": a, "second": b, "value_f1": 2 * tp / (a + b) if a + b else None}
            for kind, (a, b, tp) in sorted(counts.items())
        },
        sources_first=gold_sources,
        sources_second=predicted_sources,
        source_value_f1=2 * value_tp / both if both else None,
        anonymity_agreement=anonymity_same / pairs if pairs else None,
        pairs_first=len(p1),
        pairs_second=len(p2),
        pairs_shared_of_first=sum(1 for p in p1 if any(_same_pair(p, q) for q in p2)),
        pairs_shared_of_second=sum(1 for q in p2 if any(_same_pair(p, q) for p in p1)),
    )


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def format_table(result: Agreement) -> str:
    """A short plain-text report of the figures."""
    ev = result.events
    shared_one = result.pairs_shared_of_first / result.pairs_first if result.pairs_first else None
    shared_two = (
        result.pairs_shared_of_second / result.pairs_second if result.pairs_second else None
    )
    return "\n".join(
        [
            f"documents: {result.documents}",
            f"events: first {ev['gold']}, second {ev['predicted']}; type F1 "
            f"{_fmt(ev['type']['f1'])} (second's precision {_fmt(ev['type']['precision'])}, "
            f"recall {_fmt(ev['type']['recall'])}); certainty agreement "
            f"{_fmt(ev['certainty_accuracy'])}; role agreement {_fmt(ev['role_accuracy'])}",
            *(
                f"{kind}: first {k['first']}, second {k['second']}; value F1 {_fmt(k['value_f1'])}"
                for kind, k in result.kinds.items()
            ),
            f"source anonymity agreement {_fmt(result.anonymity_agreement)}",
            f"claim pairs: first {result.pairs_first}, second {result.pairs_second}; "
            f"first's pairs the second made {_fmt(shared_one)}, second's pairs the first "
            f"made {_fmt(shared_two)}",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m storyline.evaluation.agreement",
        description="Agreement of a second annotation of a real-report split with the first.",
    )
    parser.add_argument("first", help="split of the first annotation (treated as gold)")
    parser.add_argument("second", help="split of the second annotation of the same reports")
    parser.add_argument("--texts", help="folder of retrieved texts (default: FIRST/../texts)")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    args = parser.parse_args(argv)
    texts = args.texts or str(Path(args.first).parent / "texts")
    try:
        result = agreement(args.first, args.second, texts)
    except (InputError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(result.as_dict(), indent=2))
    else:
        print(format_table(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
