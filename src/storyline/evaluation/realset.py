"""Real published reports as an evaluation set, without their texts in the repository.

Gold sets written by the team measure the team's own style; the figures that count are on
real reports no one here wrote. Their texts belong to their publishers, so the repository
keeps only what a dataset card would: for each report its URL, outlet, publication date,
the sha256 and length of the exact text annotated, how to retrieve it, and the annotation as
character offsets. The texts live in a folder that git ignores (``realsets/en/texts/`` by
default); :func:`hydrate` joins the two — checking every sha256 — into the ordinary gold
formats, so the usual scorers (:mod:`.mentions`, :mod:`.events`, :mod:`.claims`) run on them.

Layout of a set (``realsets/en/``)::

    README.md                the dataset card: where the reports come from, how to retrieve
    dev/NAME.json            one report: metadata + offsets (schema storyline.realgold/1)
    dev/claims-LABEL.json    claim groups of one happening (schema storyline.realclaims/1)
    heldout/…                the same for the held-out third (never tuned on)
    texts/NAME.txt           the texts (ignored by git; retrieved as the card says)

:func:`prepare_text` is the one normalisation applied to a retrieved page before it is
annotated: it is part of the retrieval recipe, so it must never change once a set exists.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.errors import InputError, NotFoundError

DOC_SCHEMA = "storyline.realgold/1"
CLAIMS_SCHEMA = "storyline.realclaims/1"
#: Where a sentence may end: punctuation, optional closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*(?=\s|$)")


def prepare_text(raw: str) -> str:
    """The text that is annotated, from a page's stored text (retrieval recipe, frozen).

    Every non-empty line becomes a paragraph (pages separate paragraphs by one or more line
    breaks), paragraphs are joined by one blank line, so the first line is the headline, as
    in a paste; an excerpt cut off mid-sentence loses its unfinished end.
    """
    lines = [" ".join(line.split()) for line in raw.replace("\r\n", "\n").split("\n")]
    paragraphs = [line for line in lines if line]
    while paragraphs:
        last = paragraphs[-1]
        ends = list(_SENTENCE_END.finditer(last))
        if ends and ends[-1].end() == len(last):
            break
        if ends:
            paragraphs[-1] = last[: ends[-1].end()]
            break
        paragraphs.pop()
    return "\n\n".join(paragraphs)


def sha256(text: str) -> str:
    """The hex sha256 of a text's UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class RealDoc:
    """One annotated real report as committed: metadata and offsets, no text."""

    name: str
    data: dict[str, Any]

    @property
    def sha256(self) -> str:
        return str(self.data["sha256"])


def strip_gold(gold: dict[str, Any], meta: dict[str, Any]) -> dict[str, Any]:
    """A committable annotation from a full gold file: offsets only, plus the card fields.

    ``gold`` is a ``storyline.gold/1`` document with its text; ``meta`` gives ``url``,
    ``outlet``, ``retrieval`` (and optionally ``happening``, ``split``).
    """
    text = gold["text"]

    def span(item: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in item.items() if k != "text"}

    mentions = [span(m) for m in gold.get("mentions", [])]
    for mention in mentions:
        mention.pop("source", None)  # the source phrase is source_start/source_end
    events = []
    for event in gold.get("events", []):
        events.append(
            {
                **{k: v for k, v in event.items() if k not in {"trigger", "roles"}},
                "trigger": span(event["trigger"]),
                "roles": {
                    role: [span(f) for f in fillers]
                    for role, fillers in (event.get("roles") or {}).items()
                },
            }
        )
    return {
        "schema": DOC_SCHEMA,
        "name": gold["name"],
        "url": meta["url"],
        "outlet": meta["outlet"],
        "published": gold.get("published"),
        "language": gold.get("language", "en"),
        "happening": meta.get("happening"),
        "retrieval": meta["retrieval"],
        "sha256": sha256(text),
        "chars": len(text),
        "codebook": gold.get("codebook", "prison-recruitment"),
        "mentions": mentions,
        # names with their aliases and places, no sentences: what cross-language linking
        # and place resolution are scored against
        "entities": list(gold.get("entities") or []),
        "events": events,
    }


def import_annotations(
    annotated: str | Path, meta: dict[str, dict[str, Any]], out: str | Path, texts: str | Path
) -> list[str]:
    """Turn annotators' full gold files into a committable set (maintainers' tool).

    ``annotated`` holds one folder per happening with ``NAME.json`` (``storyline.gold/1``
    with text) and ``claims-*.json``; ``meta[NAME]`` gives ``url``, ``outlet``, ``split``
    (``dev`` or ``heldout``), ``happening`` and ``retrieval``. Writes ``out/SPLIT/NAME.json``
    and ``out/SPLIT/claims-*.json`` without any text, and the texts to ``texts/``; returns
    the names written.
    """
    root, texts_dir = Path(out), Path(texts)
    texts_dir.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    for path in sorted(Path(annotated).glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("schema") != "storyline.gold/1":
            continue
        info = meta[path.stem]
        folder = root / info["split"]
        folder.mkdir(parents=True, exist_ok=True)
        stripped = strip_gold(data, info)
        (folder / path.name).write_text(json.dumps(stripped, ensure_ascii=False, indent=1) + "\n")
        (texts_dir / f"{path.stem}.txt").write_text(data["text"], encoding="utf-8")
        written.append(path.stem)
    for path in sorted(Path(annotated).glob("*/claims-*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        data["documents"] = {_stem(k): v for k, v in data.get("documents", {}).items()}
        split = meta[next(iter(data["documents"]))]["split"]
        data["schema"] = CLAIMS_SCHEMA
        for group in data.get("groups", []):
            for member in group.get("members", []):
                member.pop("trigger", None)  # offsets only
                member["document"] = _stem(member["document"])
        (root / split / path.name).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return written


def _stem(name: str) -> str:
    """A report's name without the file suffix an annotator may have written."""
    return name.removesuffix(".json").removesuffix(".txt")


def is_real_set(folder: str | Path) -> bool:
    """Whether ``folder`` holds real-report annotations (files of schema
    ``storyline.realgold/1``) rather than ordinary gold files."""
    root = Path(folder)
    if not root.is_dir():
        return False
    for path in sorted(root.glob("*.json"))[:5]:
        try:
            if json.loads(path.read_text(encoding="utf-8")).get("schema") == DOC_SCHEMA:
                return True
        except (OSError, ValueError):
            return False
    return False


def load_set(folder: str | Path) -> tuple[list[RealDoc], list[dict[str, Any]]]:
    """The committed annotations of one split: documents and claim files."""
    root = Path(folder)
    if not root.is_dir():
        raise NotFoundError(str(root), "no such folder")
    docs: list[RealDoc] = []
    claims: list[dict[str, Any]] = []
    for path in sorted(root.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("schema") == DOC_SCHEMA:
            docs.append(RealDoc(path.stem, data))
        elif data.get("schema") == CLAIMS_SCHEMA:
            claims.append(data)
        else:
            raise InputError(str(path), f"not a real-report annotation ({DOC_SCHEMA})")
    if not docs:
        raise InputError(str(root), "no real-report annotations here")
    return docs, claims


def read_text(doc: RealDoc, texts: Path) -> str:
    """The report's text from the texts folder, checked against the committed sha256."""
    path = texts / f"{doc.name}.txt"
    if not path.exists():
        raise NotFoundError(
            str(path), f"text of {doc.name} not retrieved (see the set's README: {doc.data['url']})"
        )
    text = path.read_text(encoding="utf-8")
    if sha256(text) != doc.sha256:
        raise InputError(str(path), "sha256 differs from the annotated text: retrieve it again")
    return text


def _with_text(text: str, span: dict[str, Any]) -> dict[str, Any]:
    return {**span, "text": text[span["start"] : span["end"]]}


def hydrate_doc(doc: RealDoc, text: str) -> dict[str, Any]:
    """The ``storyline.gold/1`` file of one report: its text and every span's text."""
    data = doc.data
    mentions = []
    for mention in data.get("mentions", []):
        full = _with_text(text, mention)
        if "source_start" in mention:
            full["source"] = text[mention["source_start"] : mention["source_end"]]
        mentions.append(full)
    events = [
        {
            **event,
            "trigger": _with_text(text, event["trigger"]),
            "roles": {
                role: [_with_text(text, f) for f in fillers]
                for role, fillers in event.get("roles", {}).items()
            },
        }
        for event in data.get("events", [])
    ]
    return {
        "schema": "storyline.gold/1",
        "name": doc.name,
        "published": data.get("published"),
        "language": data.get("language", "en"),
        "text": text,
        "codebook": data.get("codebook"),
        "mentions": mentions,
        "entities": list(data.get("entities") or []),
        "events": events,
    }


def _occurrence(text: str, start: int, end: int) -> int:
    """Which whole-word occurrence in ``text`` the span ``start:end`` is (the stored copy
    may split headline and body differently, so counting runs over the whole text)."""
    trigger = text[start:end]
    matches = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(trigger)}(?!\w)", text)]
    return matches.index(start) + 1 if start in matches else 1


def hydrate(folder: str | Path, texts: str | Path, out: str | Path) -> Path:
    """Write the split ``folder`` as ordinary gold sets under ``out``.

    ``out/gold/`` holds one ``storyline.gold/1`` file per report (for ``storyline eval``)
    and ``out/claims/all/`` one claims case with every report of the split in one store
    (so that events of different happenings can wrongly group, as in a real archive).
    """
    docs, claim_files = load_set(folder)
    root = Path(out)
    gold_dir, case = root / "gold", root / "claims" / "all"
    gold_dir.mkdir(parents=True, exist_ok=True)
    case.mkdir(parents=True, exist_ok=True)
    texts_dir = Path(texts)
    documents: dict[str, Any] = {}
    full: dict[str, str] = {}
    events: dict[tuple[str, int, int], dict[str, Any]] = {}
    for doc in docs:
        text = read_text(doc, texts_dir)
        gold = hydrate_doc(doc, text)
        (gold_dir / f"{doc.name}.json").write_text(json.dumps(gold, ensure_ascii=False))
        (case / f"{doc.name}.txt").write_text(text, encoding="utf-8")
        full[doc.name] = text
        documents[f"{doc.name}.txt"] = {
            "published": doc.data.get("published"),
            "outlet": doc.data["outlet"],
            "story": doc.name,
        }
        for event in gold["events"]:
            trigger = event["trigger"]
            events[(doc.name, trigger["start"], trigger["end"])] = event
    groups = []
    grouped: set[tuple[str, int, int]] = set()
    for claims in claim_files:
        stories = {name: meta.get("story") for name, meta in claims.get("documents", {}).items()}
        for name, story in stories.items():
            if f"{name}.txt" in documents and story:
                documents[f"{name}.txt"]["story"] = story
        for group in claims.get("groups", []):
            members = []
            for member in group["members"]:
                key = (member["document"], member["start"], member["end"])
                if key not in events:
                    raise InputError(f"claims {claims.get('happening')}", f"no gold event at {key}")
                grouped.add(key)
                members.append(
                    {
                        "document": f"{member['document']}.txt",
                        "trigger": events[key]["trigger"]["text"],
                        "occurrence": _occurrence(
                            full[member["document"]], member["start"], member["end"]
                        ),
                        "within": "text",
                        "certainty": events[key]["certainty"],
                    }
                )
            groups.append({**group, "members": members})
    singletons = []
    for (name, start, end), event in sorted(events.items()):
        if (name, start, end) in grouped:
            continue
        singletons.append(
            {
                "document": f"{name}.txt",
                "type": event["type"],
                "trigger": event["trigger"]["text"],
                "occurrence": _occurrence(full[name], start, end),
                "within": "text",
                "certainty": event["certainty"],
            }
        )
    gold_claims = {
        "codebook": "prison-recruitment",
        "description": f"real reports of {Path(folder).name}",
        "documents": documents,
        "groups": groups,
        "singletons": singletons,
    }
    (case / "gold.json").write_text(json.dumps(gold_claims, ensure_ascii=False, indent=1))
    return root
