"""Attribution benchmark on PolNeAR (brat standoff): our source extractor vs a regex baseline.

Usage::

    python benchmarks/polnear.py PATH [--limit N]

``PATH`` is a PolNeAR split folder holding ``text/NAME.txt`` and
``attributions/NAME_ANNOTATOR.ann`` (e.g. ``../shared/data/polnear/dev``). When a document
was annotated by several annotators, the first annotation file in sorted order is the gold
standard, so the score is deterministic.

What is scored, per document, as sets of character spans (a discontinuous brat span is
scored by its hull):

* ``source``: the gold ``Source`` spans vs our ``source_start``/``source_end``;
* ``cue``: the gold ``Cue`` spans vs our cue token span (the reporting verb, its particle, or
  "according to");

each with *exact* boundaries (after stripping whitespace and punctuation at both ends of
gold and predicted spans alike: PolNeAR often keeps the comma that closes an apposition) and
with *overlap* (one-to-one, any shared character). PolNeAR
attribution is broad (it includes beliefs, endorsements and plans: "believes", "backs",
"wants"), so the table also reports a *speech* subset: gold and predicted attributions whose
cue contains one of a fixed list of verbs of saying (``SPEECH_SUBSET``, kept apart from
the extractor's lexicon so the subset does not move when the word lists grow) or
"according to". The baseline in the same
run is the usual regex: cue ``said|says|say|told|tells|according to``; source the person or
organisation entity (or personal pronoun) closest to the cue in its sentence, preferring the
one right after it ("…, said X", "according to X").

Published anchors (PARC 3.0, not PolNeAR): source F1 about 82-85, cue F1 about 82.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from spacy.tokens import Doc

from storyline import nlp as nlp_module
from storyline.extract import sources

_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d; ]+)\t")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")
_BASELINE_CUE = re.compile(r"\b(?:said|says|say|told|tells|according to)\b", re.IGNORECASE)
_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})
#: The fixed verbs of saying that define the *speech* subset (independent of our lexicon,
#: so the subset does not move when the extractor's word lists grow).
SPEECH_SUBSET: frozenset[str] = frozenset(
    """
    say tell add write report announce state claim confirm deny explain note argue insist
    warn acknowledge admit allege ask reply respond tweet testify declare suggest predict
    recall complain reveal disclose stress emphasize according cite quote continue
    """.split()  # noqa: SIM905
)

Span = tuple[int, int]


def load_split(path: Path) -> list[tuple[str, str, list[dict[str, Span]]]]:
    """Read (name, text, relations) per document; a relation maps role → hull span."""
    docs = []
    seen: set[str] = set()
    for ann in sorted((path / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        if name in seen:
            continue
        seen.add(name)
        text = (path / "text" / f"{name}.txt").read_text(encoding="utf-8")
        spans: dict[str, Span] = {}
        relations = []
        for line in ann.read_text(encoding="utf-8").splitlines():
            if m := _T_LINE.match(line):
                pieces = [tuple(map(int, p.split())) for p in m.group(3).split(";")]
                spans[m.group(1)] = (min(p[0] for p in pieces), max(p[1] for p in pieces))
            elif m := _E_LINE.match(line):
                roles = dict(part.split(":", 1) for part in m.group(2).split())
                relations.append({role: spans[t] for role, t in roles.items() if t in spans})
        docs.append((name, text, relations))
    return docs


def _is_speech(doc: Doc, span: Span) -> bool:
    chunk = doc.char_span(span[0], span[1], alignment_mode="expand")
    if chunk is None:
        return False
    return any(t.lemma_.lower() in SPEECH_SUBSET or t.lower_ == "according" for t in chunk)


class Score:
    """Counts for exact and overlap matching of span sets."""

    def __init__(self) -> None:
        self.tp_exact = self.tp_overlap = self.gold = self.pred = 0

    def add(self, gold: set[Span], pred: set[Span]) -> None:
        self.gold += len(gold)
        self.pred += len(pred)
        self.tp_exact += len(gold & pred)
        used: set[Span] = set()
        for p in sorted(pred):
            for g in sorted(gold):
                if g not in used and g[0] < p[1] and p[0] < g[1]:
                    used.add(g)
                    self.tp_overlap += 1
                    break

    def prf(self, exact: bool) -> tuple[float, float, float]:
        tp = self.tp_exact if exact else self.tp_overlap
        p = tp / self.pred if self.pred else 0.0
        r = tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def baseline(doc: Doc) -> list[tuple[Span, Span | None]]:
    """Regex cue plus the nearest PERSON/ORG entity or pronoun in the cue's sentence."""
    out: list[tuple[Span, Span | None]] = []
    for m in _BASELINE_CUE.finditer(doc.text):
        cue_tok = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if cue_tok is None:
            continue
        sent = cue_tok[0].sent
        candidates: list[Span] = [
            (e.start_char, e.end_char)
            for e in sent.ents
            if e.label_ in ("PERSON", "ORG")
            and not (e.start_char < m.end() and m.start() < e.end_char)
        ]
        candidates += [(t.idx, t.idx + len(t.text)) for t in sent if t.lower_ in _PRONOUNS]
        after = [c for c in candidates if 0 <= c[0] - m.end() <= 5]
        if after:
            src = min(after)
        elif candidates:
            src = min(candidates, key=lambda c: abs(c[0] - m.start()))
        else:
            src = None
        out.append(((m.start(), m.end()), src))
    return out


Ours = tuple[Span, Span | None, str, Span | None]


def ours(doc: Doc) -> list[Ours]:
    """Our attributions as (cue span, source span, cue lemma, claim span)."""
    out = []
    for a in sources.find_attributions(doc):
        m = a.mention
        src = (m.source_start, m.source_end) if m.source_start is not None else None
        claim = (m.claim_start, m.claim_end) if m.claim_start is not None else None
        out.append(((a.cue_start, a.cue_end), src, m.cue or "", claim))
    return out


def _overlap_f1(gold: Span, pred: Span | None) -> float:
    """Character-overlap F1 of two spans (0 when the prediction is missing)."""
    if pred is None:
        return 0.0
    shared = max(0, min(gold[1], pred[1]) - max(gold[0], pred[0]))
    if not shared:
        return 0.0
    p, r = shared / (pred[1] - pred[0]), shared / (gold[1] - gold[0])
    return 2 * p * r / (p + r)


def claim_scores(rels: list[dict[str, Span]], mine: list[Ours]) -> list[float]:
    """Claim vs gold Content overlap F1, for each of our cues that hits a gold cue."""
    scores = []
    for cue, _, _, claim in mine:
        for rel in rels:
            if (
                "Cue" in rel
                and "Content" in rel
                and rel["Cue"][0] < cue[1]
                and cue[0] < rel["Cue"][1]
            ):
                scores.append(_overlap_f1(rel["Content"], claim))
                break
    return scores


_EDGE = " \t\n,;:.!?'\"“”‘’`-–—"


def _trim(text: str, span: Span) -> Span:
    """Strip whitespace and punctuation at both ends (PolNeAR sometimes keeps the comma
    that closes an apposition, "Brian Fallon, a spokesman,"; we never do)."""
    start, end = span
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return (start, end) if start < end else span


def _spans(text: str, items: Iterable[Span | None]) -> set[Span]:
    return {_trim(text, s) for s in items if s is not None}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the comparison table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", type=Path, help="PolNeAR split folder (text/, attributions/)")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N documents")
    args = parser.parse_args(argv)
    if not (args.path / "attributions").is_dir():
        print(f"error: {args.path}/attributions not found", file=sys.stderr)
        return 2
    docs = load_split(args.path)
    if args.limit:
        docs = docs[: args.limit]
    nlp = nlp_module.load("en")
    t0 = time.perf_counter()
    parsed = list(nlp.pipe(text for _, text, _ in docs))
    t_nlp = time.perf_counter() - t0
    t0 = time.perf_counter()
    predicted = [ours(d) for d in parsed]
    t_ours = time.perf_counter() - t0
    base = [baseline(d) for d in parsed]

    rows: dict[str, Score] = {}
    for key in ("ours", "base"):
        for subset in ("all", "speech"):
            for what in ("source", "cue"):
                rows[f"{key}/{subset}/{what}"] = Score()
    claims: list[float] = []
    for (_, _, rels), doc, mine, theirs in zip(docs, parsed, predicted, base, strict=True):
        claims += claim_scores(rels, mine)
        gold_all = [r for r in rels if "Cue" in r]
        gold_speech = [r for r in gold_all if _is_speech(doc, r["Cue"])]
        for subset, gold in (("all", gold_all), ("speech", gold_speech)):
            g_src = _spans(doc.text, (r.get("Source") for r in gold))
            g_cue = _spans(doc.text, (r["Cue"] for r in gold))
            mine_sub = [m for m in mine if subset == "all" or m[2].split()[0] in SPEECH_SUBSET]
            rows[f"ours/{subset}/source"].add(g_src, _spans(doc.text, (m[1] for m in mine_sub)))
            rows[f"ours/{subset}/cue"].add(g_cue, _spans(doc.text, (m[0] for m in mine_sub)))
            rows[f"base/{subset}/source"].add(g_src, _spans(doc.text, (b[1] for b in theirs)))
            rows[f"base/{subset}/cue"].add(g_cue, _spans(doc.text, (b[0] for b in theirs)))

    n = len(docs)
    print(f"PolNeAR {args.path} — {n} documents")
    header = f"{'system':8} {'subset':7} {'span':7} {'gold':>5} {'pred':>5}"
    header += "   exact P / R / F1       overlap P / R / F1"
    print(header)
    print("-" * len(header))
    for key, label in (("base", "baseline"), ("ours", "ours")):
        for subset in ("all", "speech"):
            for what in ("source", "cue"):
                s = rows[f"{key}/{subset}/{what}"]
                pe, re_, fe = s.prf(True)
                po, ro, fo = s.prf(False)
                print(
                    f"{label:8} {subset:7} {what:7} {s.gold:5d} {s.pred:5d}"
                    f"   {pe:5.1%} {re_:5.1%} {fe:5.1%}    {po:5.1%} {ro:5.1%} {fo:5.1%}"
                )
    if claims:
        exact = sum(1 for c in claims if c > 0.999) / len(claims)
        print(
            f"claim vs gold Content, on {len(claims)} cues found by both: mean overlap F1 "
            f"{sum(claims) / len(claims):.1%}, exact {exact:.1%}"
        )
    words = sum(len(d) for d in parsed)
    print(
        f"speed: spaCy {n / t_nlp:.1f} docs/s; source extractor alone {n / t_ours:.0f} docs/s "
        f"({t_ours / max(words, 1) * 570 * 1000:.2f} ms per 570 tokens)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
