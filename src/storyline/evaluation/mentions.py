"""Score extracted mentions against hand-annotated gold documents.

Why this module: extraction quality must be measured, not guessed (DESIGN §9.11: golden files
and F1 floors per kind). The scorer is pure: it takes gold and predicted mentions as the JSON
dicts of the extraction contract (DESIGN §4) — the exact shape ``storyline extract --format
json`` prints — or as the typed records of :mod:`storyline.model`, and returns counts and
scores. Loading the gold directory is the only I/O, and the CLI (``storyline eval``) is a thin
wrapper over :func:`load_gold`, :func:`evaluate` and :func:`format_table`.

How mentions are matched (per document, never across kinds):

* **exact**: a predicted span with the same ``start`` and ``end`` as a gold span.
* **overlap**: one-to-one, greedy. Every (gold, predicted) pair of the same kind whose spans
  share at least one character is a candidate; candidates are taken best first — exact spans
  first, then pairs whose values agree, then the larger overlap, then the closer lengths — and
  a mention, once paired, is not paired again. Preferring agreeing values keeps nested gold
  (a ``LOC`` "Ukrainian" inside a ``GROUP`` "Ukrainian officials") from being paired with
  the wrong prediction.
* **value**: among overlap pairs, whether the normalised value agrees (see
  :func:`value_matches`). "value F1" counts a true positive only for an overlap pair with the
  right value, so it rewards finding *and* reading a mention.

Counts are summed over documents before dividing (micro averages).
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from storyline.errors import InputError, NotFoundError
from storyline.model import Document, Mention

GOLD_SCHEMA = "storyline.gold/1"
KINDS: tuple[str, ...] = ("quantity", "time", "source", "hedge", "entity")
ENTITY_TYPES = frozenset({"PER", "ORG", "LOC", "FAC", "GROUP"})
CERTAINTIES = frozenset({"asserted", "reported", "possible", "negated", "unknown"})
GRANULARITIES = frozenset(
    {"day", "week", "part-of-month", "month", "season", "quarter", "year", "decade"}
    | {"range", "open", "duration"}
)
# Relative tolerance for numbers: 1e-6 forgives float noise ("1.2 million" parsed as
# 1199999.9999999998) without letting a wrong magnitude through.
REL_TOL = 1e-6
_ISO_DURATION = re.compile(
    r"^P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?"
    r"(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$"
)

# A mention as the scorer accepts it: a contract dict (JSON) or a storyline.model record.
Mentionish = Mapping[str, Any] | Mention


# ------------------------------------------------------------------------------- records


@dataclass(frozen=True)
class GoldDoc:
    """One annotated gold document.

    Attributes:
        name: short identifier (the file stem).
        published: publication date, or ``None`` when the report gives none.
        text: headline, a blank line, then the body; all offsets index this string.
        mentions: the gold mentions as contract dicts, ordered by ``start``.
        path: the file it was read from, when read from a file.
        language: the report's language (the file's ``"language"``; English when absent),
            which picks the extractors and groups the figures per language.
    """

    name: str
    published: date | None
    text: str
    mentions: tuple[dict[str, Any], ...]
    path: Path | None = None
    language: str = "en"

    def as_document(self) -> Document:
        """The gold text as the document the extractors read (it already is headline, blank
        line, body, so it is not parsed again)."""
        body_start = self.text.find("\n\n") + 2 if "\n\n" in self.text else 0
        return Document(
            text=self.text,
            sha256="",
            body_start=body_start,
            published=self.published,
            language=self.language,
        )


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1; ``None`` where the denominator is zero (undefined)."""

    precision: float | None
    recall: float | None
    f1: float | None


def prf(tp: int, gold: int, predicted: int) -> PRF:
    """Precision/recall/F1 from counts.

    F1 is computed as ``2·tp / (gold + predicted)``, which equals the harmonic mean where
    both are defined and is 0.0 (not undefined) when one side is empty and the other not.

    Args:
        tp: matched pairs.
        gold: number of gold mentions.
        predicted: number of predicted mentions.
    """
    precision = tp / predicted if predicted else None
    recall = tp / gold if gold else None
    f1 = 2 * tp / (gold + predicted) if gold + predicted else None
    return PRF(precision, recall, f1)


@dataclass(frozen=True)
class KindScore:
    """Counts for one mention kind (or ``"all"``), with the scores derived from them.

    Attributes:
        kind: the mention kind, or ``"all"`` for the sum over kinds.
        gold: gold mentions.
        predicted: predicted mentions.
        exact: one-to-one pairs with identical spans.
        overlap: one-to-one pairs with overlapping spans (includes the exact ones).
        value: overlap pairs whose value is correct.
    """

    kind: str
    gold: int = 0
    predicted: int = 0
    exact: int = 0
    overlap: int = 0
    value: int = 0

    def __add__(self, other: KindScore) -> KindScore:
        kind = self.kind if self.kind == other.kind else "all"
        return KindScore(
            kind,
            self.gold + other.gold,
            self.predicted + other.predicted,
            self.exact + other.exact,
            self.overlap + other.overlap,
            self.value + other.value,
        )

    @property
    def exact_prf(self) -> PRF:
        """Scores for exact span matches."""
        return prf(self.exact, self.gold, self.predicted)

    @property
    def overlap_prf(self) -> PRF:
        """Scores for overlapping span matches."""
        return prf(self.overlap, self.gold, self.predicted)

    @property
    def value_prf(self) -> PRF:
        """Scores where a true positive is an overlap match with the correct value."""
        return prf(self.value, self.gold, self.predicted)

    @property
    def value_accuracy(self) -> float | None:
        """Share of overlap-matched pairs whose value is correct (``None`` without pairs)."""
        return self.value / self.overlap if self.overlap else None


@dataclass(frozen=True)
class KindScores:
    """Scores per kind, summed over ``documents`` documents.

    Index it by kind (``scores["quantity"]``); :attr:`total` sums all kinds.
    """

    by_kind: Mapping[str, KindScore] = field(
        default_factory=lambda: {k: KindScore(k) for k in KINDS}
    )
    documents: int = 0

    def __getitem__(self, kind: str) -> KindScore:
        return self.by_kind[kind]

    def __add__(self, other: KindScores) -> KindScores:
        kinds = dict.fromkeys([*self.by_kind, *other.by_kind])
        merged = {
            k: self.by_kind.get(k, KindScore(k)) + other.by_kind.get(k, KindScore(k)) for k in kinds
        }
        return KindScores(merged, self.documents + other.documents)

    @property
    def total(self) -> KindScore:
        """Micro sum over all kinds."""
        out = KindScore("all")
        for kind_score in self.by_kind.values():
            out = out + kind_score
        return out


@dataclass(frozen=True)
class Alignment:
    """How one document's predictions line up with its gold mentions.

    Attributes:
        pairs: overlap-matched (gold, predicted) pairs, in gold order.
        missed: gold mentions with no partner.
        spurious: predicted mentions with no partner.
    """

    pairs: tuple[tuple[dict[str, Any], dict[str, Any]], ...]
    missed: tuple[dict[str, Any], ...]
    spurious: tuple[dict[str, Any], ...]

    @property
    def wrong_value(self) -> tuple[tuple[dict[str, Any], dict[str, Any]], ...]:
        """Matched pairs whose values disagree."""
        return tuple((g, p) for g, p in self.pairs if not value_matches(g, p))


# ---------------------------------------------------------------------------- normalising


def as_dict(mention: Mentionish) -> dict[str, Any]:
    """A mention as a contract dict: dicts pass through, model records are converted.

    Dates become ISO strings so that records and JSON compare alike.
    """
    if isinstance(mention, Mapping):
        return dict(mention)
    if dataclasses.is_dataclass(mention) and not isinstance(mention, type):
        out = dataclasses.asdict(mention)
        return {k: v.isoformat() if isinstance(v, date) else v for k, v in out.items()}
    raise TypeError(f"not a mention: {mention!r}")


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _same_number(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=REL_TOL, abs_tol=1e-12)


def value_matches(gold: Mapping[str, Any], predicted: Mapping[str, Any]) -> bool:
    """Whether a predicted mention reads the same value as the gold one (same kind assumed).

    * quantity: ``value``, ``low``, ``high`` equal within 1e-6 relative (``None`` only equals
      ``None``), and ``unit`` and ``per`` equal;
    * time: ``start_date``, ``end_date`` and ``duration`` equal;
    * source: ``anonymous`` equal;
    * hedge: ``certainty`` equal;
    * entity: ``type`` equal.

    Missing fields count as their contract defaults (``None``, ``False``).
    """
    kind = gold.get("kind")
    if kind == "quantity":
        return (
            all(_same_number(gold.get(f), predicted.get(f)) for f in ("value", "low", "high"))
            and gold.get("unit") == predicted.get("unit")
            and gold.get("per") == predicted.get("per")
        )
    if kind == "time":
        return all(
            _iso(gold.get(f)) == _iso(predicted.get(f))
            for f in ("start_date", "end_date", "duration")
        )
    if kind == "source":
        return bool(gold.get("anonymous", False)) == bool(predicted.get("anonymous", False))
    if kind == "hedge":
        return gold.get("certainty") == predicted.get("certainty")
    if kind == "entity":
        return gold.get("type") == predicted.get("type")
    raise ValueError(f"unknown mention kind: {kind!r}")


# ----------------------------------------------------------------------------- matching


def align(gold: Iterable[Mentionish], predicted: Iterable[Mentionish]) -> Alignment:
    """Pair one document's predicted mentions with its gold mentions (see module docstring).

    Args:
        gold: gold mentions (contract dicts or model records).
        predicted: predicted mentions, same shapes; other kinds than :data:`KINDS` are
            ignored on both sides.

    Returns:
        The one-to-one pairs, the missed gold mentions and the spurious predictions.
    """
    golds = [m for m in map(as_dict, gold) if m.get("kind") in KINDS]
    preds = [m for m in map(as_dict, predicted) if m.get("kind") in KINDS]
    candidates: list[tuple[tuple[int, ...], int, int]] = []
    for gi, g in enumerate(golds):
        gs, ge = int(g["start"]), int(g["end"])
        for pi, p in enumerate(preds):
            if p["kind"] != g["kind"]:
                continue
            ps, pe = int(p["start"]), int(p["end"])
            overlap = min(ge, pe) - max(gs, ps)
            if overlap <= 0:
                continue
            exact = gs == ps and ge == pe
            key = (
                0 if exact else 1,
                0 if value_matches(g, p) else 1,
                -overlap,
                abs((ge - gs) - (pe - ps)),
                gi,
                pi,
            )
            candidates.append((key, gi, pi))
    candidates.sort()
    gold_used: dict[int, int] = {}
    pred_used: set[int] = set()
    for _, gi, pi in candidates:
        if gi in gold_used or pi in pred_used:
            continue
        gold_used[gi] = pi
        pred_used.add(pi)
    pairs = tuple((golds[gi], preds[pi]) for gi, pi in sorted(gold_used.items()))
    missed = tuple(g for gi, g in enumerate(golds) if gi not in gold_used)
    spurious = tuple(p for pi, p in enumerate(preds) if pi not in pred_used)
    return Alignment(pairs, missed, spurious)


def score(gold: Iterable[Mentionish], predicted: Iterable[Mentionish]) -> KindScores:
    """Score one document's predictions against its gold mentions, per kind.

    Args:
        gold: gold mentions (contract dicts or model records).
        predicted: predicted mentions, e.g. the ``mentions`` list of
            ``storyline extract --format json``.

    Returns:
        Counts per kind for this one document; add :class:`KindScores` together to
        aggregate over documents.
    """
    alignment = align(gold, predicted)
    counts = {
        k: dict.fromkeys(("gold", "predicted", "exact", "overlap", "value"), 0) for k in KINDS
    }
    for g, p in alignment.pairs:
        c = counts[g["kind"]]
        c["gold"] += 1
        c["predicted"] += 1
        c["overlap"] += 1
        c["exact"] += g["start"] == p["start"] and g["end"] == p["end"]
        c["value"] += value_matches(g, p)
    for g in alignment.missed:
        counts[g["kind"]]["gold"] += 1
    for p in alignment.spurious:
        counts[p["kind"]]["predicted"] += 1
    return KindScores({k: KindScore(k, **c) for k, c in counts.items()}, documents=1)


def score_documents(
    gold_docs: Sequence[GoldDoc], predictions: Mapping[str, Iterable[Mentionish]]
) -> KindScores:
    """Micro-averaged scores over documents.

    Args:
        gold_docs: the gold documents.
        predictions: predicted mentions by gold document name.

    Raises:
        ValueError: when a gold document has no entry in ``predictions`` (an empty list is
            an entry: it means "nothing found", which is scored, not skipped).
    """
    missing = [d.name for d in gold_docs if d.name not in predictions]
    if missing:
        raise ValueError(f"no predictions for: {', '.join(missing)}")
    total = KindScores()
    for doc in gold_docs:
        total = total + score(doc.mentions, predictions[doc.name])
    return total


def evaluate(
    gold_docs: Sequence[GoldDoc], predict: Callable[[GoldDoc], Iterable[Mentionish]]
) -> KindScores:
    """Run ``predict`` on every gold document and score the results (micro averages).

    ``predict`` receives the :class:`GoldDoc` (use ``.text`` and ``.published``; never the
    gold mentions) and returns mentions as contract dicts or model records.
    """
    return score_documents(gold_docs, {d.name: list(predict(d)) for d in gold_docs})


# -------------------------------------------------------------------------------- gold


def load_gold(path: str | Path) -> list[GoldDoc]:
    """Read and validate gold documents: every ``*.json`` in a directory, or one file.

    Raises:
        NotFoundError: the path does not exist.
        InputError: no gold file there, or a file breaks the gold format (the message names
            the file, the mention and the reason).
    """
    path = Path(path)
    if not path.exists():
        raise NotFoundError(str(path), "no such file or directory")
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files:
        raise InputError(str(path), "no gold files (*.json) in this directory")
    docs = []
    for file in files:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(str(file), f"not valid JSON: {exc}") from exc
        docs.append(parse_gold(data, file))
    return docs


def parse_gold(data: Any, source: str | Path = "<gold>") -> GoldDoc:
    """Validate one gold document (already decoded from JSON) and return it.

    Args:
        data: the decoded JSON object.
        source: where it came from, for error messages.

    Raises:
        InputError: the first problem found, naming ``source`` and the mention.
    """
    where = str(source)

    def fail(reason: str) -> InputError:
        return InputError(where, reason)

    if not isinstance(data, dict) or data.get("schema") != GOLD_SCHEMA:
        raise fail(f'not a gold document: "schema" must be "{GOLD_SCHEMA}"')
    text, name = data.get("text"), data.get("name")
    if not isinstance(text, str) or not text or not isinstance(name, str) or not name:
        raise fail('"name" and "text" must be non-empty strings')
    published = data.get("published")
    try:
        pub = date.fromisoformat(published) if published is not None else None
    except (TypeError, ValueError) as exc:
        raise fail(f'"published" must be an ISO date or null, not {published!r}') from exc
    mentions = data.get("mentions")
    if not isinstance(mentions, list):
        raise fail('"mentions" must be a list')
    ids = [str(m["id"]) for m in mentions if isinstance(m, dict) and m.get("id")]
    id_set = set(ids)
    if len(ids) != len(id_set):
        raise fail("mention ids are not unique")
    entity_ids = {e.get("id") for e in data.get("entities", []) if isinstance(e, dict)}
    for i, m in enumerate(mentions):
        problem = _mention_problem(m, text, pub, id_set)
        if (
            not problem
            and entity_ids
            and m["kind"] == "entity"
            and m.get("entity") not in entity_ids
        ):
            problem = f'entity {m.get("entity")!r} is not in "entities"'
        if problem:
            label = (m.get("id") if isinstance(m, dict) else None) or "?"
            raise fail(f"mention {i + 1} ({label}): {problem}")
    language = data.get("language", "en")
    if not isinstance(language, str) or not language:
        raise fail('"language" must be a language code such as "ru"')
    ordered = tuple(sorted((dict(m) for m in mentions), key=lambda m: (m["start"], -m["end"])))
    return GoldDoc(name, pub, text, ordered, Path(source) if source != "<gold>" else None, language)


def _mention_problem(m: Any, text: str, published: date | None, ids: set[str]) -> str | None:
    """The first thing wrong with one gold mention, or ``None``."""
    if not isinstance(m, dict):
        return "not an object"
    kind = m.get("kind")
    if kind not in KINDS:
        return f"unknown kind {kind!r}"
    start, end = m.get("start"), m.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        return f"bad offsets {start!r}..{end!r}"
    if text[start:end] != m.get("text"):
        return f"text {m.get('text')!r} != text[{start}:{end}] {text[start:end]!r}"
    if kind == "quantity":
        return _quantity_problem(m, ids)
    if kind == "time":
        return _time_problem(m, published)
    if kind == "source":
        if not isinstance(m.get("source"), str) or not isinstance(m.get("anonymous"), bool):
            return '"source" must be a string and "anonymous" a boolean'
    elif kind == "hedge":
        if m.get("certainty") not in CERTAINTIES:
            return f"unknown certainty {m.get('certainty')!r}"
    elif m.get("type") not in ENTITY_TYPES:
        return f"unknown entity type {m.get('type')!r}"
    return None


def _quantity_problem(m: dict[str, Any], ids: set[str]) -> str | None:
    nums = {f: m.get(f) for f in ("value", "low", "high")}
    if any(v is not None and not isinstance(v, int | float) for v in nums.values()):
        return "value/low/high must be numbers or null"
    if all(v is None for v in nums.values()):
        return "a quantity needs a value or a bound"
    value, low, high = nums["value"], nums["low"], nums["high"]
    if low is not None and high is not None and low > high:
        return "low > high"
    if value is not None and (
        (low is not None and value < low) or (high is not None and value > high)
    ):
        return "value outside low..high"
    if not isinstance(m.get("unit"), str):
        return '"unit" must be a string'
    if m.get("part_of") is not None and m["part_of"] not in ids:
        return f"part_of {m['part_of']!r} names no mention"
    return None


def _time_problem(m: dict[str, Any], published: date | None) -> str | None:
    granularity = m.get("granularity")
    if granularity not in GRANULARITIES:
        return f"unknown granularity {granularity!r}"
    if granularity == "duration":
        if not isinstance(m.get("duration"), str) or not _ISO_DURATION.match(m["duration"]):
            return f"a duration needs an ISO 8601 duration, not {m.get('duration')!r}"
        return None
    try:
        start = date.fromisoformat(m["start_date"]) if m.get("start_date") else None
        end = date.fromisoformat(m["end_date"]) if m.get("end_date") else None
    except (TypeError, ValueError):
        return "start_date/end_date must be ISO dates or null"
    if start and end and start > end:
        return "start_date after end_date"
    if bool(m.get("resolved")) != (start is not None):
        return '"resolved" must be true exactly when start_date is set'
    if m.get("relative") and published is None and m.get("resolved"):
        return "a relative time cannot be resolved without a publication date"
    return None


# ----------------------------------------------------------------------------- reports


def _fmt(x: float | None) -> str:
    return "    -" if x is None else f"{x:5.3f}"


def format_table(scores: KindScores) -> str:
    """A plain-text table: one row per kind and an ``all`` row (micro sums)."""
    header = (
        f"{'kind':<9}{'gold':>6}{'pred':>6} | {'exact P':>7} {'R':>5} {'F1':>5} | "
        f"{'overlap P':>9} {'R':>5} {'F1':>5} | {'value acc':>9} {'P':>5} {'R':>5} {'F1':>5}"
    )
    lines = [f"{scores.documents} documents", header, "-" * len(header)]
    rows = [scores[k] for k in KINDS if k in scores.by_kind] + [scores.total]
    for s in rows:
        e, o, v = s.exact_prf, s.overlap_prf, s.value_prf
        lines.append(
            f"{s.kind:<9}{s.gold:>6}{s.predicted:>6} | {_fmt(e.precision):>7} "
            f"{_fmt(e.recall)} {_fmt(e.f1)} | {_fmt(o.precision):>9} {_fmt(o.recall)} "
            f"{_fmt(o.f1)} | {_fmt(s.value_accuracy):>9} {_fmt(v.precision)} "
            f"{_fmt(v.recall)} {_fmt(v.f1)}"
        )
    return "\n".join(lines)


def _kind_dict(s: KindScore) -> dict[str, Any]:
    def block(tp: int, p: PRF) -> dict[str, Any]:
        return {"tp": tp, "precision": p.precision, "recall": p.recall, "f1": p.f1}

    value = block(s.value, s.value_prf)
    value["accuracy"] = s.value_accuracy
    return {
        "gold": s.gold,
        "predicted": s.predicted,
        "exact": block(s.exact, s.exact_prf),
        "overlap": block(s.overlap, s.overlap_prf),
        "value": value,
    }


def to_dict(scores: KindScores) -> dict[str, Any]:
    """Scores as plain data: ``{"documents", "kinds": {kind: …}, "all": …}``."""
    return {
        "schema": "storyline.eval/1",
        "documents": scores.documents,
        "kinds": {k: _kind_dict(s) for k, s in scores.by_kind.items()},
        "all": _kind_dict(scores.total),
    }


def to_json(scores: KindScores, indent: int | None = 2) -> str:
    """Scores as a JSON string (see :func:`to_dict` for the shape)."""
    return json.dumps(to_dict(scores), indent=indent)
