"""Reprint benchmark: MinHash LSH + verification vs an all-pairs exact Jaccard baseline.

Usage::

    python benchmarks/reprints.py [PATH ...] [--seed 7] [--store] [--limit N]

``PATH`` holds real news text: a PolNeAR ``text/`` folder (``NAME.txt``: headline, blank
line, paragraphs) or a TempEval-3 folder (TimeML ``.tml`` files, searched recursively).
Default: ``../shared/data/polnear/train/text`` and ``../shared/data/tempeval3-train``.

What it builds (seeded, so every run builds the same set):

* **originals**: the articles, minus those that already copy another article of the
  corpus (wire updates, next-day rewrites: their truth is unknown, so one of each such
  pair, coefficient ≥ 0.25 on exact 5-word shingles, is left out and counted);
* **reprints** of about half of them, one to four each, every one made by one or two of:
  ``cut`` (the first 25-90 % of the words, or a middle run), ``rewrap`` (hard line breaks
  at 60-78 characters), ``tags`` (a tag line with hashtags, a "Share this" line, a comment
  form, sometimes a credit line), ``edit`` (a new headline and 2-4 % of the words changed,
  dropped or added), ``quote`` (45-80 % of the original, verbatim, inside a different
  article's paragraphs, each such article used once and never itself in the set);
* traps for precision: 30 % of the originals end with their outlet's boilerplate note, and
  15 % quote a statement that unrelated originals quote too;
* every text goes through the real paste parser (``storyline.parse.plaintext``), as a
  pasted report would.

The PolNeAR articles are 840 reports on the 2016 US election from seven outlets: pairs of
different originals are the same-topic reports that must not merge.

Scores are pairwise over documents: precision = pairs put in one story that are one story
/ pairs put in one story; recall = pairs that are one story and were put in one / pairs
that are one story. Indexing speed is documents per second on one core (the process pins
itself to CPU 0), fingerprinting included, in insertion order (shuffled, so reprints often
come before their original). ``--store`` also ingests the set into a SQLite store (the
real ``add`` path, linking inside each document's transaction) and times
``storyline stories --rebuild``.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from storyline.link.credits import find_credits
from storyline.link.index import ReprintIndex
from storyline.link.original import Copy, choose_original
from storyline.link.reprints import MIN_OVERLAP, MIN_SHARED, fingerprint
from storyline.link.shingles import main_text, shingles, words
from storyline.parse.plaintext import split_paste

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = [
    ROOT.parent / "shared" / "data" / "polnear" / "train" / "text",
    ROOT.parent / "shared" / "data" / "tempeval3-train",
]
#: Articles set aside as the surrounding text of ``quote`` reprints (never in the set).
FILLER_SHARE = 0.12
#: Articles already copying another corpus article at this coefficient are left out.
NATURAL_COPY = 0.25
#: Precision traps: the share of originals that end with their outlet's boilerplate note
#: (the same 40-60 words under every such article of an outlet), and the share that quote
#: one of a few statements (25-60 words) that other, unrelated originals quote too.
BOILERPLATE_SHARE = 0.3
QUOTE_SHARE = 0.15
QUOTE_SOURCES = 10
_NOTES = (
    "Editor's note: {outlet} is committed to accurate reporting. If you believe this article "
    "contains an error, please contact our corrections desk. Our journalism depends on "
    "readers like you, so please consider supporting it with a subscription today.",
    "{outlet} provides this content for personal, non-commercial use only. Reproduction, "
    "distribution or display of this material in any form without the prior written "
    "permission of the publisher is prohibited. Follow us for the latest news and analysis.",
    "Sign up for the {outlet} morning briefing to get the day's most important political "
    "news delivered to your inbox every weekday, with analysis from our reporters around "
    "the country and the world. You can unsubscribe at any time.",
    "This story has been updated with additional reporting. {outlet} reporters contributed "
    "to this report. Have a tip about this story? Our newsroom reads every message sent "
    "through our secure tip line, and we protect our sources.",
)

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"“A-Z])")
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Article:
    """One corpus article: outlet, headline, paragraphs, publication date."""

    name: str
    outlet: str
    title: str | None
    paragraphs: tuple[str, ...]
    published: date | None


@dataclass
class BenchDoc:
    """One document of the benchmark set and the story it truly belongs to."""

    id: int
    story: int
    variant: str
    text: str
    body_start: int
    outlet: str
    url: str
    published: date | None
    captured_at: datetime
    raw: str = field(repr=False, default="")


# ------------------------------------------------------------------------------ corpus


def load_articles(paths: Iterable[Path]) -> list[Article]:
    """PolNeAR ``.txt`` and TempEval ``.tml`` articles under ``paths``."""
    articles = []
    for path in paths:
        for file in sorted(path.rglob("*.txt")):
            text = file.read_text(encoding="utf-8")
            title, _, body = text.partition("\n\n")
            outlet = file.stem.split("_")[0]
            when = re.search(r"_(\d{4}-\d{2}-\d{2})_", file.name)
            published = date.fromisoformat(when.group(1)) if when else None
            articles.append(Article(file.stem, outlet, title.strip(), _paragraphs(body), published))
        for file in sorted(path.rglob("*.tml")):
            text = file.read_text(encoding="utf-8")
            body = re.search(r"<TEXT>(.*)</TEXT>", text, re.S)
            dct = re.search(r'functionInDocument="CREATION_TIME"[^>]*>(\d{8})<', text)
            if dct is None:
                dct = re.search(
                    r'value="(\d{4}-\d{2}-\d{2})"[^>]*functionInDocument="CREATION', text
                )
            published = None
            if dct:
                digits = dct.group(1).replace("-", "")
                published = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
            outlet = re.sub(r"\d.*", "", file.stem).lower() or "wire"
            paragraphs = _paragraphs(_TAG.sub("", body.group(1))) if body else ()
            articles.append(Article(file.stem, outlet, None, paragraphs, published))
    unique: dict[str, Article] = {}
    for article in articles:  # the same file in two folders is one article
        unique.setdefault(article.name, article)
    return [a for a in unique.values() if sum(len(p.split()) for p in a.paragraphs) >= 60]


def _paragraphs(body: str) -> tuple[str, ...]:
    blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", body) if b.strip()]
    if len(blocks) >= 3:
        return tuple(blocks)
    sentences = [s for b in blocks for s in _SENTENCE.split(b) if s.strip()]
    return tuple(" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3))


def drop_natural_copies(articles: list[Article]) -> tuple[list[Article], int]:
    """Leave out one article of each pair that already copies the other (exact check)."""
    sets = [shingles(words("\n".join(a.paragraphs))) for a in articles]
    postings: dict[int, list[int]] = defaultdict(list)
    for i, items in enumerate(sets):
        for item in items:
            postings[item].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for ids in postings.values():
        if len(ids) <= 200:
            shared.update(itertools.combinations(ids, 2))
    dropped: set[int] = set()
    for (a, b), count in sorted(shared.items()):
        smaller = min(len(sets[a]), len(sets[b]))
        if smaller and count / smaller >= NATURAL_COPY and a not in dropped:
            dropped.add(b)
    return [a for i, a in enumerate(articles) if i not in dropped], len(dropped)


# ---------------------------------------------------------------------------- variants

_EDITS = {
    "said": "stated", "says": "states", "told": "informed", "big": "large", "about": "around",
    "people": "persons", "percent": "per cent", "but": "however", "also": "too",
    "show": "indicate", "many": "numerous", "new": "fresh", "after": "following",
}  # fmt: skip
_FILLERS = ("reportedly", "also", "now", "still", "indeed", "apparently")
_SITES = ("reposter", "newsmirror", "dailyfeed", "aggregator", "wirecopy", "digest")


def shared_quotes(sources: list[Article]) -> list[str]:
    """Statements of 25-60 words, taken from articles that are not in the set."""
    found = []
    for article in sources:
        for paragraph in article.paragraphs:
            if 25 <= len(paragraph.split()) <= 60:
                found.append(paragraph.strip('"“” '))
                break
    return found


def cut(paragraphs: list[str], rng: random.Random) -> list[str]:
    """The first 25-90 % of the words (a truncated repost), or a middle run of them."""
    share = rng.uniform(0.25, 0.9)
    tokens = " \n".join(paragraphs).split(" ")
    keep = max(30, int(len(tokens) * share))
    start = 0 if rng.random() < 0.75 else rng.randrange(0, max(1, len(tokens) - keep))
    kept = " ".join(tokens[start : start + keep])
    return [p.strip() for p in kept.split("\n") if p.strip()]


def rewrap(paragraphs: list[str], rng: random.Random) -> list[str]:
    """Hard line breaks inside paragraphs, as an e-mail or a forum post wraps them."""
    width = rng.randint(60, 78)
    wrapped = []
    for paragraph in paragraphs:
        lines, line = [], ""
        for word in paragraph.split():
            if len(line) + len(word) + 1 > width and line:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(line)
        wrapped.append("\n".join(lines))
    return wrapped


def edit(paragraphs: list[str], rng: random.Random) -> list[str]:
    """2-4 % of the words replaced, dropped or padded (light copy-editing)."""
    rate = rng.uniform(0.02, 0.04)
    edited = []
    for paragraph in paragraphs:
        out = []
        for word in paragraph.split():
            if rng.random() >= rate:
                out.append(word)
                continue
            choice = rng.random()
            bare = word.lower().strip(".,;:\"'")
            if choice < 0.4 and bare in _EDITS:
                out.append(word.lower().replace(bare, _EDITS[bare]))
            elif choice < 0.7:
                continue  # dropped
            else:
                out.extend([rng.choice(_FILLERS), word])
        edited.append(" ".join(out))
    return edited


def quote(paragraphs: list[str], filler: Article, outlet: str, rng: random.Random) -> list[str]:
    """45-80 % of the original, verbatim, inside another article's intro and comment."""
    total = sum(len(p.split()) for p in paragraphs)
    target = total * rng.uniform(0.45, 0.8)
    start = rng.randrange(0, max(1, len(paragraphs) // 3))
    quoted, count = [], 0
    for paragraph in paragraphs[start:]:
        if count >= target:
            break
        quoted.append(paragraph)
        count += len(paragraph.split())
    own = list(filler.paragraphs)
    own_words = 0
    limit = count * rng.uniform(0.2, 0.6)
    intro, outro = [], []
    for i, paragraph in enumerate(own):
        if own_words >= limit:
            break
        (intro if i % 2 == 0 else outro).append(paragraph)
        own_words += len(paragraph.split())
    return [*intro, f"As {outlet} reported:", *quoted, *outro]


def tags(paragraphs: list[str], original_outlet: str, rng: random.Random) -> list[str]:
    """Tag line with hashtags, share line, comment form, and sometimes a credit line."""
    extra = list(paragraphs)
    if rng.random() < 0.5:
        extra.append(f"This article originally appeared in {original_outlet.title()}.")
    extra.append("Share this:")
    extra.append("Politics,Elections,United States,Campaign 2016, #News #Politics #Breaking")
    extra.append("Leave a Reply\n\nYour email address will not be published.\n\nComment *")
    return extra


# --------------------------------------------------------------------------- the set


def build_set(articles: list[Article], seed: int, limit: int | None) -> list[BenchDoc]:
    """Originals, generated reprints and shuffled capture order (see the module doc)."""
    rng = random.Random(seed)
    pool = articles[:]
    rng.shuffle(pool)
    fillers = pool[: int(len(pool) * FILLER_SHARE)]
    originals = pool[len(fillers) :]
    if limit:
        originals = originals[:limit]
    quotes = shared_quotes(fillers[:QUOTE_SOURCES])
    fillers = fillers[QUOTE_SOURCES:]
    raw: list[tuple[int, str, Article, list[str], str | None, str, date | None]] = []
    start = datetime(2024, 1, 1, tzinfo=UTC)
    for story, article in enumerate(originals):
        paragraphs = list(article.paragraphs)
        # Traps for precision: outlet boilerplate and quotations shared by different reports.
        if rng.random() < BOILERPLATE_SHARE:
            note = _NOTES[sum(map(ord, article.outlet)) % len(_NOTES)]
            paragraphs.append(note.format(outlet=article.outlet.title()))
        if quotes and rng.random() < QUOTE_SHARE:
            at = rng.randrange(1, max(2, len(paragraphs)))
            paragraphs.insert(at, f"\u201c{rng.choice(quotes)}\u201d the statement said.")
        raw.append((story, "original", article, paragraphs, article.title, article.outlet,
                    article.published))  # fmt: skip
        count = rng.choice((0, 0, 0, 1, 2, 3, 4)) if rng.random() < 0.9 else 0
        for n in range(count):
            kinds = [rng.choice(("cut", "rewrap", "tags", "edit", "quote"))]
            if kinds[0] != "quote" and rng.random() < 0.5:
                kinds.append(rng.choice(("cut", "rewrap", "tags", "edit")))
            text = paragraphs[:]
            title = article.title
            for kind in kinds:
                if kind == "cut":
                    text = cut(text, rng)
                elif kind == "rewrap":
                    text = rewrap(text, rng)
                elif kind == "edit":
                    text = edit(text, rng)
                    title = f"{title or 'Report'} (update)"
                elif kind == "tags":
                    text = tags(text, article.outlet, rng)
                elif kind == "quote" and fillers:
                    text = quote(text, fillers.pop(), article.outlet.title(), rng)
                    title = f"Commentary on {article.outlet}"
            site = f"{_SITES[n % len(_SITES)]}{story % 50}"
            published = None
            if article.published and rng.random() < 0.7:
                published = article.published + timedelta(days=rng.randint(0, 5))
            raw.append((story, "+".join(kinds), article, text, title, site, published))
    rng.shuffle(raw)
    docs = []
    for i, (story, variant, article, text, title, site, published) in enumerate(raw, 1):
        paste = (f"{title}\n\n" if title else "") + "\n\n".join(text)
        parts = split_paste(paste)
        body = "\n\n".join(parts.paragraphs)
        headline = parts.title
        full = f"{headline}\n\n{body}" if headline else body
        docs.append(
            BenchDoc(
                id=i,
                story=story,
                variant=variant,
                text=full,
                body_start=len(headline) + 2 if headline else 0,
                outlet=site,
                url=f"https://{site}.example/{article.name}",
                published=published,
                captured_at=start + timedelta(minutes=i),
                raw=paste,
            )
        )
    return docs


# ------------------------------------------------------------------------------ scoring


def pairs_of(groups: Iterable[Iterable[int]]) -> set[tuple[int, int]]:
    """All unordered document pairs inside each group."""
    return {pair for group in groups for pair in itertools.combinations(sorted(group), 2)}


def score(docs: list[BenchDoc], predicted: dict[int, int]) -> tuple[float, float, int]:
    """Pairwise precision, recall and the number of predicted pairs."""
    truth: dict[int, list[int]] = defaultdict(list)
    guess: dict[int, list[int]] = defaultdict(list)
    for doc in docs:
        truth[doc.story].append(doc.id)
        guess[predicted[doc.id]].append(doc.id)
    gold, found = pairs_of(truth.values()), pairs_of(guess.values())
    hit = len(gold & found)
    return (hit / len(found) if found else 1.0), (hit / len(gold) if gold else 1.0), len(found)


def recall_by_variant(docs: list[BenchDoc], predicted: dict[int, int]) -> dict[str, str]:
    """Share of reprints of each variant put in their original's story."""
    original = {doc.story: doc.id for doc in docs if doc.variant == "original"}
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for doc in docs:
        if doc.variant == "original":
            continue
        for kind in doc.variant.split("+"):
            counts[kind][1] += 1
            counts[kind][0] += predicted[doc.id] == predicted[original[doc.story]]
    return {k: f"{hit}/{n}" for k, (hit, n) in sorted(counts.items())}


# ------------------------------------------------------------------------------ systems


@dataclass(frozen=True)
class Timing:
    """Wall-clock and CPU seconds of one run (CPU time is what a shared machine cannot
    steal; both are printed)."""

    wall: float
    cpu: float


class _Clock:
    def __enter__(self) -> _Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_: object) -> None:
        self.timing = Timing(time.perf_counter() - self.wall, time.process_time() - self.cpu)


def run_ours(docs: list[BenchDoc]) -> tuple[dict[int, int], Timing]:
    """Fingerprint and index every document in order; return stories and timing."""
    index = ReprintIndex()
    with _Clock() as clock:
        for doc in docs:
            index.add(doc.id, fingerprint(doc.text, doc.body_start))
    return {doc.id: index.story(doc.id) for doc in docs}, clock.timing


def run_all_pairs(
    docs: list[BenchDoc], threshold: float
) -> tuple[dict[int, int], dict[int, int], Timing]:
    """Exact all-pairs comparison over the same shingles, in insertion order.

    Returns the stories by Jaccard ≥ ``threshold`` (the baseline), the stories by our own
    verification rule applied to every pair (no LSH: what LSH may lose), and the timing.
    """
    clock = _Clock().__enter__()
    sets: list[frozenset[int]] = []
    jaccard = _UnionFind()
    ours = _UnionFind()
    for doc in docs:
        new = shingles(words(main_text(doc.text, doc.body_start)))
        for j, other in enumerate(sets):
            shared = len(new & other)
            if not shared:
                continue
            union = len(new) + len(other) - shared
            if shared / union >= threshold:
                jaccard.union(docs[j].id, doc.id)
            if shared >= MIN_SHARED and shared / min(len(new), len(other)) >= MIN_OVERLAP:
                ours.union(docs[j].id, doc.id)
        sets.append(new)
    clock.__exit__()
    return (
        {d.id: jaccard.find(d.id) for d in docs},
        {d.id: ours.find(d.id) for d in docs},
        clock.timing,
    )


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _partition(docs: list[BenchDoc], predicted: dict[int, int]) -> set[frozenset[int]]:
    groups: dict[int, set[int]] = defaultdict(set)
    for doc in docs:
        groups[predicted[doc.id]].add(doc.id)
    return {frozenset(group) for group in groups.values()}


def original_accuracy(
    docs: list[BenchDoc], predicted: dict[int, int]
) -> tuple[int, int, Counter[str]]:
    """Of the true stories with reprints that were found whole, how often the original won;
    and the evidence behind each wrong choice."""
    by_story: dict[int, list[BenchDoc]] = defaultdict(list)
    for doc in docs:
        by_story[doc.story].append(doc)
    right = total = 0
    wrong: Counter[str] = Counter()
    for members in by_story.values():
        if len(members) < 2 or len({predicted[m.id] for m in members}) != 1:
            continue
        copies = [
            Copy(
                document_id=m.id,
                outlet=m.outlet,
                url=m.url,
                published=m.published,
                captured_at=m.captured_at,
                credits=find_credits(m.text),
            )
            for m in members
        ]
        choice = choose_original(copies)
        total += 1
        if next(m for m in members if m.id == choice.document_id).variant == "original":
            right += 1
        else:
            tie = choice.basis == "published" and "the same day" in choice.reason
            wrong["same-day tie, captured first" if tie else choice.basis] += 1
    return right, total, wrong


# ------------------------------------------------------------------------------- store


def run_store(docs: list[BenchDoc]) -> tuple[dict[int, int], Timing, Timing]:
    """Ingest into a SQLite store (linking in each transaction), then time a rebuild."""
    from storyline.capture.hashing import sha256_hex
    from storyline.model import Capture, Document
    from storyline.store import repository, stories
    from storyline.store.db import open_store

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{folder}/bench.db", Path(folder) / "blobs")
        ids: dict[int, int] = {}
        ingest = _Clock().__enter__()
        for doc in docs:
            data = doc.raw.encode("utf-8")
            digest = sha256_hex(data)
            capture = Capture(data, digest, f"doc{doc.id}.txt", doc.captured_at, url=doc.url)
            document = Document(
                text=doc.text,
                sha256=digest,
                body_start=doc.body_start,
                outlet=doc.outlet,
                url=doc.url,
                published=doc.published,
            )
            result = repository.add_document(store, capture, document, parser_version="bench")
            ids[doc.id] = result.document_id
        ingest.__exit__()
        with _Clock() as rebuild:
            stories.rebuild(store)
        story_of = stories.story_ids(store)
        store.close()
    return (
        {doc.id: story_of[ids[doc.id]] or 0 for doc in docs},
        ingest.timing,
        rebuild.timing,
    )


# -------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    """Build the set, run every system, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, default=DEFAULT_PATHS)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--limit", type=int, default=None, help="at most N originals")
    parser.add_argument("--jaccard", type=float, default=0.5, help="baseline threshold")
    parser.add_argument("--store", action="store_true", help="also time the SQLite store")
    args = parser.parse_args(argv)
    for path in args.paths:
        if not path.exists():
            print(f"error: {path}: no such folder", file=sys.stderr)
            return 2
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {0})
    articles, dropped = drop_natural_copies(load_articles(args.paths))
    docs = build_set(articles, args.seed, args.limit)
    stories_true = len({d.story for d in docs})
    reprints = sum(d.variant != "original" for d in docs)
    print(
        f"{len(docs)} documents: {stories_true} originals ({dropped} corpus articles left out "
        f"as natural copies), {reprints} generated reprints; one core (CPU 0)"
    )
    rows = []
    ours, timing = run_ours(docs)
    precision, recall, found = score(docs, ours)
    rows.append(("MinHash LSH + verification (ours)", precision, recall, found, timing))
    baseline, exact_ours, pair_timing = run_all_pairs(docs, args.jaccard)
    precision, recall, found = score(docs, baseline)
    rows.append((f"all-pairs exact Jaccard ≥ {args.jaccard}", precision, recall, found,
                 pair_timing))  # fmt: skip
    precision, recall, found = score(docs, exact_ours)
    rows.append(("all-pairs exact, our rule (no LSH)", precision, recall, found, pair_timing))
    if args.store:
        stored, ingest, rebuild = run_store(docs)
        precision, recall, found = score(docs, stored)
        rows.append(("store: SQLite, stories --rebuild", precision, recall, found, rebuild))
        print(
            f"store ingest (the add path: capture row, blob, document, linking; one commit "
            f"each): {len(docs) / ingest.wall:,.0f} docs/s ({len(docs) / ingest.cpu:,.0f} "
            "per CPU second)"
        )
        same = _partition(docs, stored) == _partition(docs, ours)
        print("store and in-memory index put documents in the same stories:", same)
    print()
    print("| system | precision | recall | pairs | wall s | CPU s | docs/s (wall) | docs/s (CPU) |")
    print("|---|---|---|---|---|---|---|---|")
    for name, precision, recall, found, timing in rows:
        print(
            f"| {name} | {precision:.4f} | {recall:.4f} | {found:,} | {timing.wall:.2f} "
            f"| {timing.cpu:.2f} | {len(docs) / timing.wall:,.0f} | {len(docs) / timing.cpu:,.0f} |"
        )
    print()
    print("recall per variant (ours):", recall_by_variant(docs, ours))
    print("recall per variant (Jaccard):", recall_by_variant(docs, baseline))
    right, total, wrong = original_accuracy(docs, ours)
    print(f"original chosen right in {right}/{total} stories found whole; wrong by evidence:",
          dict(wrong))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
