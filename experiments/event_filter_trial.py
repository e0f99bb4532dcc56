"""Trial: can a trained keep/drop filter raise the precision of the rule-built events?

Issue 11 asked to consider trainable components where rules fail to generalise. This is
the trial, kept so that its figures can be re-run, not a part of Storyline: on the real
English dev split the rules find 184 of 287 gold events and make 102 wrong ones, so a
classifier that tells the wrong ones from the right ones would raise type F1.

How: every event the pipeline extracts from a real-report split is a candidate, labelled
*keep* when it pairs with a gold event of its type (the scorer's pairing,
:func:`storyline.evaluation.events.pair_events`). Its features are the event type,
certainty, roles, the trigger's lemma, tag, dependency, head and children (spaCy
``en_core_web_sm``) and the words of its sentence. A spaCy ``textcat`` (bag-of-words,
exclusive KEEP/DROP) is trained leave-one-happening-out, so no report of the scored
happening is seen in training; events under a threshold are dropped and type F1 is
recomputed. With further splits, it also trains on all of the first and scores the others.

Run (texts retrieved as realsets/en/README.md says)::

    python experiments/event_filter_trial.py realsets/en/dev [realsets/en/heldout2 ...]

Result (2026-12-07, docs/eval.md "Tried: a trained filter"): no threshold beats the rules.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.training import Example

from storyline.evaluation import events as event_eval
from storyline.evaluation import realset
from storyline.evaluation.mentions import load_gold
from storyline.extract.contract import event_to_json
from storyline.nlp import MODELS

THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6)
EPOCHS = 15


def candidates(folder: Path) -> tuple[list[dict[str, Any]], int]:
    """The pipeline's events of one real split as labelled examples, and the gold count."""
    hydrated = realset.hydrate(folder, folder.parent / "texts", tempfile.mkdtemp())
    gold = load_gold(hydrated / "gold")
    annotated = {doc.name: event_eval.gold_events(doc) for doc in gold}
    results = event_eval.extract_gold(gold, {n: book for n, (book, _) in annotated.items()})
    happening = {}
    for card in folder.glob("*.json"):
        data = json.loads(card.read_text(encoding="utf-8"))
        if "happening" in data and "name" in data:
            happening[data["name"]] = data["happening"]
    nlp = spacy.load(MODELS["en"])
    rows: list[dict[str, Any]] = []
    total = 0
    for doc, result in zip(gold, results, strict=True):
        gold_events = annotated[doc.name][1] or []
        total += len(gold_events)
        predicted = [event_to_json(e) for e in result.events]
        pairs = event_eval.pair_events(doc.text, gold_events, predicted)
        right = {p for g, p in pairs if gold_events[g]["type"] == predicted[p]["type"]}
        parsed = nlp(doc.text)
        for index, event in enumerate(predicted):
            token = next((t for t in parsed if t.idx >= event["start"]), parsed[-1])
            features = [
                f"TYPE_{event['type']}",
                f"CERT_{event['certainty']}",
                f"LEM_{token.lemma_.lower()}",
                f"TL_{event['type']}_{token.lemma_.lower()}",
                f"DEP_{token.dep_}",
                f"TAG_{token.tag_}",
                f"HEAD_{token.head.lemma_.lower()}",
                f"HDEP_{token.head.dep_}",
                f"SRC_{bool(event.get('source'))}",
                *(f"ROLE_{role}" for role in event.get("roles") or {}),
                *(f"CH_{c.dep_}_{c.lemma_.lower()}" for c in token.children),
            ]
            words = [("TRIG_" if t.i == token.i else "") + t.lower_ for t in token.sent]
            rows.append(
                {
                    "happening": happening.get(doc.name),
                    "text": " ".join(features + words),
                    "keep": index in right,
                }
            )
    return rows, total


def train(rows: list[dict[str, Any]], seed: int = 0) -> Language:
    """A bag-of-words KEEP/DROP text classifier trained on ``rows``."""
    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe(
        "textcat",
        config={
            "model": {
                "@architectures": "spacy.TextCatBOW.v3",
                "exclusive_classes": True,
                "ngram_size": 1,
                "no_output_layer": False,
            }
        },
    )
    textcat.add_label("KEEP")
    textcat.add_label("DROP")
    examples = [
        Example.from_dict(
            nlp.make_doc(row["text"]),
            {"cats": {"KEEP": float(row["keep"]), "DROP": float(not row["keep"])}},
        )
        for row in rows
    ]
    optimizer = nlp.initialize(lambda: examples)
    shuffle = random.Random(seed)
    for _ in range(EPOCHS):
        shuffle.shuffle(examples)
        for start in range(0, len(examples), 16):
            nlp.update(examples[start : start + 16], sgd=optimizer, drop=0.1)
    return nlp


def f1(right: int, predicted: int, gold: int) -> float:
    """Type F1 from counts."""
    return 2 * right / (predicted + gold) if predicted + gold else 0.0


def report(name: str, scored: list[tuple[float, bool]], gold: int) -> None:
    """One table: the rules alone, then each threshold."""
    right = sum(keep for _, keep in scored)
    print(
        f"{name}: rules alone F1 {f1(right, len(scored), gold):.3f} "
        f"({right} right of {len(scored)} predicted, {gold} gold)"
    )
    for threshold in THRESHOLDS:
        kept = [keep for score, keep in scored if score >= threshold]
        print(
            f"  keep if P(KEEP) >= {threshold}: {len(kept)} kept, {sum(kept)} right, "
            f"F1 {f1(sum(kept), len(kept), gold):.3f}"
        )


def main(folders: list[Path]) -> None:
    rows, gold = candidates(folders[0])
    scored: list[tuple[float, bool]] = []
    for happening in sorted({str(row["happening"]) for row in rows}):
        model = train([row for row in rows if str(row["happening"]) != happening])
        scored += [
            (model(row["text"]).cats["KEEP"], row["keep"])
            for row in rows
            if str(row["happening"]) == happening
        ]
    report(f"{folders[0]} (leave one happening out)", scored, gold)
    if len(folders) > 1:
        model = train(rows)
        for folder in folders[1:]:
            others, other_gold = candidates(folder)
            report(
                f"{folder} (trained on {folders[0]})",
                [(model(row["text"]).cats["KEEP"], row["keep"]) for row in others],
                other_gold,
            )


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: python experiments/event_filter_trial.py SPLIT [SPLIT ...]")
    main([Path(arg) for arg in sys.argv[1:]])
