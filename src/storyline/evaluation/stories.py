"""Score story grouping (reprint detection) against a gold set of stories and their copies.

Why a separate gold set: extraction gold (``tests/gold``) is one document at a time, while
reprints only exist between documents. A story gold file lists documents as a user would add
them (raw text or HTML, with the metadata a capture would carry) and says which story each
belongs to and which copy is the original. :func:`predict` runs them through the real
pipeline — the paste/HTML parser and a throwaway SQLite store, so linking happens inside
each document's ingest transaction exactly as with ``storyline add`` — and :func:`score`
compares the result:

* **grouping**: pairwise precision and recall over documents (a pair is *grouped* when both
  documents share a story); all files of a gold folder are added to one store, so stories
  of different files must stay apart too;
* **originals**: for each gold story with more than one document and a marked original,
  whether the predicted story of that original is exactly the gold story and chose it.

The CLI is ``storyline eval GOLD_DIR --stories``; the format is in docs/eval.md.
"""

from __future__ import annotations

import itertools
import json
import tempfile
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from storyline.capture.hashing import sha256_hex
from storyline.errors import InputError, NotFoundError
from storyline.model import Capture

GOLD_STORIES_SCHEMA = "storyline.gold-stories/1"
#: Captures are stamped one minute apart from this instant, in file and list order.
CAPTURE_START = datetime(2024, 12, 1, tzinfo=UTC)


@dataclass(frozen=True)
class GoldStoryDoc:
    """One document of a story gold file.

    Attributes:
        key: ``FILE-STEM/name``, unique in a gold folder.
        story: ``FILE-STEM/story``: documents with the same value are one story.
        original: marked as the story's original.
        text: the raw input (a paste or an HTML page), parsed like ``storyline add``.
        outlet, url, canonical_url, published: metadata a capture or page would carry.
    """

    key: str
    story: str
    original: bool
    text: str
    outlet: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    published: date | None = None


@dataclass(frozen=True)
class Prediction:
    """What the pipeline did: each document's story id and each story's original (a key)."""

    story_of: dict[str, int]
    original_of: dict[int, str | None]
    reason_of: dict[int, str]


@dataclass(frozen=True)
class StoryScores:
    """Pairwise grouping scores and the share of originals chosen right."""

    documents: int
    gold_pairs: int
    predicted_pairs: int
    correct_pairs: int
    originals_right: int
    originals_total: int
    errors: tuple[str, ...]

    @property
    def precision(self) -> float | None:
        """Grouped pairs that are one gold story / grouped pairs."""
        return self.correct_pairs / self.predicted_pairs if self.predicted_pairs else None

    @property
    def recall(self) -> float | None:
        """Gold story pairs that were grouped / gold story pairs."""
        return self.correct_pairs / self.gold_pairs if self.gold_pairs else None

    @property
    def f1(self) -> float | None:
        """2·correct / (gold + predicted)."""
        total = self.gold_pairs + self.predicted_pairs
        return 2 * self.correct_pairs / total if total else None

    def as_json(self) -> dict[str, Any]:
        """The scores as data (schema ``storyline.eval-stories/1``)."""
        return {
            "schema": "storyline.eval-stories/1",
            "documents": self.documents,
            "pairs": {
                "gold": self.gold_pairs,
                "predicted": self.predicted_pairs,
                "correct": self.correct_pairs,
                "precision": _round(self.precision),
                "recall": _round(self.recall),
                "f1": _round(self.f1),
            },
            "originals": {"right": self.originals_right, "total": self.originals_total},
            "errors": list(self.errors),
        }


# ------------------------------------------------------------------------------ loading


def load_gold_stories(path: str | Path) -> list[GoldStoryDoc]:
    """Read and validate every ``*.json`` story gold file in a folder (or one file).

    Raises:
        NotFoundError: the path does not exist.
        InputError: no gold file there, or a file breaks the format (the message names the
            file, the document and the reason).
    """
    path = Path(path)
    if not path.exists():
        raise NotFoundError(str(path), "no such file or directory")
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files:
        raise InputError(str(path), "no story gold files (*.json) in this directory")
    docs: list[GoldStoryDoc] = []
    for file in files:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(str(file), f"not valid JSON: {exc}") from exc
        docs.extend(parse_gold_stories(data, file))
    return docs


def parse_gold_stories(data: Any, source: str | Path = "<gold>") -> list[GoldStoryDoc]:
    """Validate one decoded story gold file and return its documents.

    Raises:
        InputError: the first problem found, naming ``source`` and the document.
    """
    where = str(source)
    stem = Path(where).stem
    if not isinstance(data, dict) or data.get("schema") != GOLD_STORIES_SCHEMA:
        raise InputError(where, f'not a story gold file: "schema" must be "{GOLD_STORIES_SCHEMA}"')
    documents = data.get("documents")
    if not isinstance(documents, list) or not documents:
        raise InputError(where, '"documents" must be a non-empty list')
    found: list[GoldStoryDoc] = []
    names: set[str] = set()
    originals: dict[str, str] = {}
    for number, item in enumerate(documents, 1):
        label = f"document {number}"
        if not isinstance(item, dict):
            raise InputError(where, f"{label}: not an object")
        name, story, text = item.get("name"), item.get("story"), item.get("text")
        if not isinstance(name, str) or not name:
            raise InputError(where, f'{label}: "name" must be a non-empty string')
        label = f"document {number} ({name})"
        if name in names:
            raise InputError(where, f"{label}: duplicate name")
        names.add(name)
        if not isinstance(story, str) or not story:
            raise InputError(where, f'{label}: "story" must be a non-empty string')
        if not isinstance(text, str) or not text.strip():
            raise InputError(where, f'{label}: "text" must be a non-empty string')
        original = item.get("original", False)
        if not isinstance(original, bool):
            raise InputError(where, f'{label}: "original" must be true or false')
        if original and story in originals:
            raise InputError(where, f"{label}: story {story!r} already has an original")
        if original:
            originals[story] = name
        fields: dict[str, str | None] = {}
        for field in ("outlet", "url", "canonical_url"):
            value = item.get(field)
            if value is not None and not isinstance(value, str):
                raise InputError(where, f'{label}: "{field}" must be a string or null')
            fields[field] = value
        published = item.get("published")
        try:
            when = date.fromisoformat(published) if published is not None else None
        except (TypeError, ValueError):
            raise InputError(where, f'{label}: "published" must be an ISO date or null') from None
        found.append(
            GoldStoryDoc(
                key=f"{stem}/{name}",
                story=f"{stem}/{story}",
                original=original,
                text=text,
                published=when,
                **fields,
            )
        )
    return found


# ----------------------------------------------------------------------------- running


def predict(docs: list[GoldStoryDoc]) -> Prediction:
    """Add the documents, in order, to a throwaway SQLite store and read back the stories."""
    from storyline import parse as parse_stage
    from storyline.parse import ParseOptions
    from storyline.store import repository, stories
    from storyline.store.db import open_store

    with tempfile.TemporaryDirectory(prefix="storyline-eval-") as folder:
        store = open_store(f"sqlite:///{folder}/eval.db", Path(folder) / "blobs")
        try:
            ids: dict[str, int] = {}
            for number, doc in enumerate(docs):
                data = doc.text.encode("utf-8")
                capture = Capture(
                    data=data,
                    sha256=sha256_hex(data),
                    input=doc.key,
                    captured_at=CAPTURE_START + timedelta(minutes=number),
                    url=doc.url,
                )
                parsed = parse_stage.parse(capture, ParseOptions(published=doc.published))
                parsed = replace(
                    parsed,
                    outlet=doc.outlet or parsed.outlet,
                    canonical_url=doc.canonical_url or parsed.canonical_url,
                )
                result = repository.add_document(
                    store, capture, parsed, parser_version=parse_stage.VERSION
                )
                ids[doc.key] = result.document_id
            story_ids = stories.story_ids(store)
            views = stories.list_stories(store, include_single=True)
        finally:
            store.close()
    key_of = {document_id: key for key, document_id in ids.items()}
    story_of = {key: story_ids[document_id] or 0 for key, document_id in ids.items()}
    return Prediction(
        story_of=story_of,
        original_of={v.id: key_of.get(v.original) if v.original else None for v in views},
        reason_of={v.id: v.reason for v in views},
    )


def score(docs: list[GoldStoryDoc], prediction: Prediction) -> StoryScores:
    """Pairwise grouping precision/recall and originals chosen right (see module docstring)."""
    gold_groups: dict[str, list[str]] = defaultdict(list)
    predicted_groups: dict[int, list[str]] = defaultdict(list)
    for doc in docs:
        gold_groups[doc.story].append(doc.key)
        predicted_groups[prediction.story_of[doc.key]].append(doc.key)
    gold = _pairs(gold_groups.values())
    predicted = _pairs(predicted_groups.values())
    errors = [f"grouped apart from its story: {a} and {b}" for a, b in sorted(gold - predicted)]
    errors += [f"grouped but different stories: {a} and {b}" for a, b in sorted(predicted - gold)]
    right = total = 0
    for story, members in sorted(gold_groups.items()):
        marked = [doc.key for doc in docs if doc.story == story and doc.original]
        if len(members) < 2 or not marked:
            continue
        total += 1
        predicted_story = prediction.story_of[marked[0]]
        whole = sorted(predicted_groups[predicted_story]) == sorted(members)
        chosen = prediction.original_of.get(predicted_story)
        if whole and chosen == marked[0]:
            right += 1
        else:
            errors.append(
                f"original of {story}: expected {marked[0]}, got {chosen} "
                f"({prediction.reason_of.get(predicted_story, 'no reason')})"
            )
    return StoryScores(
        documents=len(docs),
        gold_pairs=len(gold),
        predicted_pairs=len(predicted),
        correct_pairs=len(gold & predicted),
        originals_right=right,
        originals_total=total,
        errors=tuple(errors),
    )


def format_table(scores: StoryScores) -> str:
    """The scores as a plain-text table (what ``storyline eval --stories`` prints)."""

    def show(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"

    lines = [
        f"{'':<10} {'gold':>6} {'found':>6} {'right':>6} {'P':>6} {'R':>6} {'F1':>6}",
        f"{'pairs':<10} {scores.gold_pairs:>6} {scores.predicted_pairs:>6} "
        f"{scores.correct_pairs:>6} {show(scores.precision):>6} {show(scores.recall):>6} "
        f"{show(scores.f1):>6}",
        f"originals chosen right: {scores.originals_right} of {scores.originals_total}",
    ]
    lines += [f"  {error}" for error in scores.errors]
    return "\n".join(lines)


def _pairs(groups: Any) -> set[tuple[str, str]]:
    return {pair for group in groups for pair in itertools.combinations(sorted(group), 2)}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
