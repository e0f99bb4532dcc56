"""Extraction speed per language: milliseconds per 1,000 words, Russian and Ukrainian vs English.

Usage::

    python benchmarks/languages.py [--en DIR] [--ru DIR] [--uk DIR] [--rounds N] [--copies K]

Each DIR is a gold folder (``storyline.gold/1`` files, docs/eval.md) or a real-report split
(``realsets/ru/dev``: annotations whose texts are read from the set's ``texts/`` folder);
defaults: ``tests/gold``, ``tests/gold_ru``, ``tests/gold_uk``. The whole extract stage runs
(parse, every extractor, places, events), in one process with BLAS on one thread, each
language's documents as one batch (``--copies`` repeats the texts, so short sets still make
batches). The languages alternate within each of ``--rounds`` rounds, so a busy machine
slows them alike; the best round per language is reported, with the ratio to English from
the same run. Models are loaded and every language warmed up before timing.

Words are whitespace-separated tokens of the main text (``Document.word_count``), the same
count for every language.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from storyline.evaluation import realset  # noqa: E402
from storyline.evaluation.mentions import load_gold  # noqa: E402
from storyline.extract import extract_documents  # noqa: E402
from storyline.model import Document  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULTS = {"en": ROOT / "tests/gold", "ru": ROOT / "tests/gold_ru", "uk": ROOT / "tests/gold_uk"}


def documents(folder: Path, language: str) -> list[Document]:
    """The documents of a gold folder or a real-report split, read as ``language``."""
    if realset.is_real_set(folder):
        docs, _ = realset.load_set(folder)
        texts = folder.parent / "texts"
        gold = [realset.hydrate_doc(doc, realset.read_text(doc, texts)) for doc in docs]
        from storyline.evaluation.mentions import parse_gold

        loaded = [parse_gold({**g, "language": language}) for g in gold]
    else:
        loaded = load_gold(folder)
    return [
        Document(
            text=doc.text,
            sha256="",
            body_start=doc.text.find("\n\n") + 2 if "\n\n" in doc.text else 0,
            published=doc.published,
            language=language,
        )
        for doc in loaded
    ]


def run(docs: list[Document]) -> float:
    """Seconds to extract ``docs`` (one batch, every stage)."""
    start = time.perf_counter()
    for _ in extract_documents(docs):
        pass
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for code in DEFAULTS:
        parser.add_argument(f"--{code}", type=Path, default=DEFAULTS[code], help=f"{code} texts")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds (best kept)")
    parser.add_argument("--copies", type=int, default=3, help="repeat each set's texts K times")
    parser.add_argument("--format", choices=["table", "json"], default="table")
    args = parser.parse_args(argv)
    sets = {code: documents(getattr(args, code), code) * max(1, args.copies) for code in DEFAULTS}
    words = {code: sum(d.word_count for d in docs) for code, docs in sets.items()}
    for docs in sets.values():  # load every model, warm every cache
        run(docs[:2])
    best = dict.fromkeys(sets, float("inf"))
    for _ in range(args.rounds):
        for code, docs in sets.items():
            best[code] = min(best[code], run(docs))
    per_k = {code: 1000 * best[code] / words[code] * 1000 for code in sets}
    result = {
        "documents": {code: len(docs) for code, docs in sets.items()},
        "words": words,
        "ms_per_1000_words": {code: round(value, 1) for code, value in per_k.items()},
        "ratio_to_en": {code: round(per_k[code] / per_k["en"], 2) for code in sets},
        "rounds": args.rounds,
    }
    if args.format == "json":
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
        return 0
    print(f"{'language':<9} {'docs':>5} {'words':>7} {'ms/1000 words':>14} {'vs en':>6}")
    for code in sets:
        print(
            f"{code:<9} {result['documents'][code]:>5} {words[code]:>7} "
            f"{per_k[code]:>14.1f} {result['ratio_to_en'][code]:>6.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
