"""Extraction benchmark: Storyline against the stack a user would assemble instead.

Usage::

    python benchmarks/extraction.py [GOLD_DIR] [--repeat N]

GOLD_DIR defaults to ``tests/gold`` (format in docs/eval.md). Both systems run on the same
texts in the same process, pinned to one core (thread pools of BLAS and spaCy set to 1):

* **Storyline**: :func:`storyline.extract.extract_document` (spaCy once per text, then the
  five extractors).
* **Baseline stack**: spaCy ``en_core_web_sm`` NER alone (the same model package, only
  its ``ner`` and ``tok2vec``), quantulum3 for quantities, dateparser's ``search_dates``
  with the publication date as ``RELATIVE_BASE`` for dates, and — since that stack has no
  attribution finder — the regular expression ``according to X`` / ``X said`` / ``said X``
  for sources. Its outputs are mapped onto the extraction contract as charitably as the
  libraries allow (quantulum's units to ISO currencies and ``percent``; a dateparser date
  to the day, month or year it names; spaCy labels to PER/ORG/LOC/FAC).

Scores come from :mod:`storyline.evaluation.mentions` (value F1: an overlapping span with the right
value — quantity value and unit, time interval, source anonymity, entity type); speed is
articles per second and milliseconds per 1,000 words, best of ``--repeat`` runs.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import dataclasses  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from collections.abc import Callable  # noqa: E402
from datetime import date, datetime  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from storyline import nlp as nlp_module  # noqa: E402
from storyline.evaluation.mentions import GoldDoc, KindScores, load_gold, score_documents  # noqa: E402
from storyline.extract import extract_documents  # noqa: E402

KINDS = ("quantity", "time", "source", "entity", "hedge")
ROOT = Path(__file__).resolve().parent.parent

_QUANTULUM_UNITS = {
    "dollar": "USD",
    "United States dollar": "USD",
    "euro": "EUR",
    "pound sterling": "GBP",
    "Russian ruble": "RUB",
    "ruble": "RUB",
    "Ukrainian hryvnia": "UAH",
    "percentage": "percent",
    "hour": "hour",
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
    "kilometre": "km",
    "metre": "m",
    "kilogram": "kg",
    "tonne": "t",
    "hectare": "ha",
    "millimetre": "mm",
}
_SPACY_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "FAC"}
_SAID = re.compile(
    r"according to (?P<a>[^,.;]+)|(?P<b>\b[A-Z][\w.\- ]{2,60}?) (?:said|says|told)\b|"
    r"\b(?:said|says) (?P<c>[^,.;]+)"
)
_ANON_WORDS = re.compile(r"\b(official|officials|source|sources|people|residents|witness)", re.I)


def storyline_predict(docs: list[GoldDoc]) -> list[list[Any]]:
    """Storyline's whole extract stage, batched as ``storyline add`` runs it."""
    return [list(r.mentions) for r in extract_documents(d.as_document() for d in docs)]


class Baseline:
    """spaCy NER + quantulum3 + dateparser + a regex for sources."""

    def __init__(self) -> None:
        import spacy
        from quantulum3 import parser as quantulum

        # NER alone: the ner component carries its own embedding layer, so the shared
        # tok2vec and every other component are left out (the fastest honest baseline).
        self.nlp = spacy.load(
            nlp_module.MODELS["en"],
            exclude=["tok2vec", "parser", "tagger", "attribute_ruler", "lemmatizer"],
        )
        self.quantulum = quantulum
        from dateparser.search import search_dates

        self.search_dates = search_dates

    def __call__(self, docs: list[GoldDoc]) -> list[list[dict[str, Any]]]:
        # spaCy gets the same batching Storyline gets; the other libraries have none.
        parsed = self.nlp.pipe((d.text for d in docs), batch_size=32)
        return [self._one(doc, spacy_doc) for doc, spacy_doc in zip(docs, parsed, strict=True)]

    def _one(self, doc: GoldDoc, spacy_doc: Any) -> list[dict[str, Any]]:
        text = doc.text
        mentions: list[dict[str, Any]] = []
        for ent in spacy_doc.ents:
            if ent.label_ in _SPACY_TYPES:
                mentions.append(
                    _m("entity", ent.start_char, ent.end_char, text, type=_SPACY_TYPES[ent.label_])
                )
        for q in self.quantulum.parse(text):
            start, end = q.span
            unit = _QUANTULUM_UNITS.get(q.unit.name)
            if unit is None and q.unit.name != "dimensionless":
                unit = q.unit.name
            mentions.append(
                _m(
                    "quantity",
                    start,
                    end,
                    text,
                    value=q.value,
                    low=q.value,
                    high=q.value,
                    unit=unit,
                )
            )
        mentions += self._times(doc)
        for match in _SAID.finditer(text):
            source = next(g for g in match.groups() if g)
            mentions.append(
                _m(
                    "source",
                    match.start(),
                    match.end(),
                    text,
                    anonymous=bool(_ANON_WORDS.search(source)),
                )
            )
        return mentions

    def _times(self, doc: GoldDoc) -> list[dict[str, Any]]:
        settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
        if doc.published:
            settings["RELATIVE_BASE"] = datetime.combine(doc.published, datetime.min.time())
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = self.search_dates(doc.text, languages=["en"], settings=settings) or []
        mentions = []
        cursor = 0
        for phrase, when in found:
            start = doc.text.find(phrase, cursor)
            if start < 0:
                continue
            cursor = start + len(phrase)
            day = when.date()
            mentions.append(
                _m("time", start, cursor, doc.text, resolved=True, start_date=day, end_date=day)
            )
        return mentions


def _m(kind: str, start: int, end: int, text: str, **fields: Any) -> dict[str, Any]:
    for key in ("start_date", "end_date"):
        if isinstance(fields.get(key), date):
            fields[key] = fields[key].isoformat()
    return {"kind": kind, "start": start, "end": end, "text": text[start:end], **fields}


def articles(docs: list[GoldDoc], min_words: int) -> list[GoldDoc]:
    """Join consecutive texts into news-length articles for timing (quality is scored on
    the gold texts themselves). Short texts overstate per-article fixed costs."""
    if min_words <= 0:
        return docs
    joined: list[GoldDoc] = []
    parts: list[GoldDoc] = []
    for doc in docs:
        parts.append(doc)
        if sum(len(p.text.split()) for p in parts) >= min_words:
            joined.append(_join(parts))
            parts = []
    if parts:
        joined.append(_join(parts))
    return joined


def _join(parts: list[GoldDoc]) -> GoldDoc:
    text = parts[0].text + "".join("\n\n" + p.text.split("\n\n", 1)[-1] for p in parts[1:])
    return dataclasses.replace(parts[0], name="+".join(p.name for p in parts), text=text)


def score(docs: list[GoldDoc], predict: Callable[[list[GoldDoc]], list[list[Any]]]) -> KindScores:
    """Quality of one system on the gold set."""
    by_name = {doc.name: found for doc, found in zip(docs, predict(docs), strict=True)}
    return score_documents(docs, by_name)


def timed(
    docs: list[GoldDoc],
    systems: list[Callable[[list[GoldDoc]], list[list[Any]]]],
    repeat: int,
) -> list[float]:
    """Best wall time of each system over ``repeat`` rounds (models already loaded).

    The systems take turns within each round, so a slow spell on the machine hits both
    rather than whichever happened to run then.
    """
    for predict in systems:
        predict(docs[:2])
    best = [float("inf")] * len(systems)
    for _ in range(repeat):
        for number, predict in enumerate(systems):
            began = time.perf_counter()
            predict(docs)
            best[number] = min(best[number], time.perf_counter() - began)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="?", type=Path, default=ROOT / "tests" / "gold")
    parser.add_argument("--repeat", type=int, default=5, help="timing rounds (best is kept)")
    parser.add_argument(
        "--scale", type=int, default=4, help="time over the set repeated N times (steadier)"
    )
    parser.add_argument(
        "--article-words",
        type=int,
        default=570,
        help="for timing, join consecutive gold texts into articles of at least this many "
        "words (the issue's reference article has 570); 0 keeps them as they are",
    )
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, for both systems
    docs = load_gold(args.gold)
    baseline = Baseline()
    ours = score(docs, storyline_predict)
    base = score(docs, baseline)
    timing_set = articles(docs * args.scale, args.article_words)
    words = sum(len(d.text.split()) for d in timing_set)
    ours_s, base_s = timed(timing_set, [storyline_predict, baseline], args.repeat)
    print(
        f"{len(docs)} gold documents; timed on {len(timing_set)} articles, {words} words, "
        f"one core, best of {args.repeat} runs\n"
    )
    header = f"{'kind':<10}{'Storyline F1':>14}{'baseline F1':>13}   (value F1; span-overlap F1)"
    print(header)
    print("-" * len(header))
    for kind in KINDS:
        mine, theirs = ours.by_kind.get(kind), base.by_kind.get(kind)
        print(
            f"{kind:<10}{_f1(mine):>14}{_f1(theirs):>13}   "
            f"({_f1(mine, 'overlap')} vs {_f1(theirs, 'overlap')})"
        )
    print()
    for name, seconds in (("Storyline", ours_s), ("baseline stack", base_s)):
        print(
            f"{name:<16}{len(timing_set) / seconds:8.2f} articles/s  "
            f"{1000 * seconds / words * 1000:8.1f} ms per 1,000 words"
        )
    print(f"\nspeed-up: {base_s / ours_s:.2f}x")
    return 0


def _f1(score: Any, which: str = "value") -> str:
    if score is None:
        return "-"
    value = getattr(score, f"{which}_prf").f1
    return "-" if value is None else f"{value:.3f}"


if __name__ == "__main__":
    sys.exit(main())
