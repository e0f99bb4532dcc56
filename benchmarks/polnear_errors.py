"""Error listing for attribution on a random sample of a PolNeAR split (speech subset).

Usage::

    python benchmarks/polnear_errors.py SPLIT --sample N --seed S [--exclude M:SEED] --out FILE

Why: the dev set of real reports is nearly saturated and PolNeAR dev is the guard figure,
so new error classes are looked for on PolNeAR *train*, which the rules were not fitted
on. The documents are shuffled with ``--seed`` and the first ``--sample`` taken; with
``--exclude M:SEED`` the first M documents of the order that SEED gives are left out, so
a second sample shares no document with a first one that was looked at. Scoring is that
of ``benchmarks/polnear.py`` (speech subset, spans trimmed of edge punctuation). ``--out``
gets one JSON row per gold or predicted attribution: ``miss`` (a gold cue no cue of ours
overlaps), ``fa`` (a cue of ours in the speech subset that overlaps no gold cue),
``srcdiff`` (cue found, source span differs) or ``ok``, with the cue, gold and predicted
source, our anonymity and the sentence.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc

sys.path.insert(0, str(Path(__file__).parent))

import polnear as P
from storyline import nlp as nlp_module
from storyline.extract import sources

Row = dict[str, object]


def _sentence(doc: Doc, span: P.Span) -> str:
    chunk = doc.char_span(span[0], span[1], alignment_mode="expand")
    return chunk[0].sent.text.replace("\n", " ") if chunk is not None else ""


def rows_for(doc: Doc, name: str, rels: list[dict[str, P.Span]]) -> list[Row]:
    """The rows of one document (see the module docstring)."""
    text = doc.text
    found = sources.find_attributions(doc)
    gold = [r for r in rels if "Cue" in r and P._is_speech(doc, r["Cue"])]
    rows: list[Row] = []
    for rel in gold:
        g_cue, g_src = rel["Cue"], rel.get("Source")
        hit = [a for a in found if a.cue_start < g_cue[1] and g_cue[0] < a.cue_end]
        row: Row = {
            "doc": name,
            "cue": text[g_cue[0] : g_cue[1]],
            "src": text[g_src[0] : g_src[1]] if g_src else None,
            "sent": _sentence(doc, g_cue),
        }
        if not hit:
            rows.append({"kind": "miss", **row})
            continue
        m = hit[0].mention
        mine = (m.source_start, m.source_end) if m.source_start is not None else None
        if g_src is None:
            continue
        same = mine is not None and P._trim(text, mine) == P._trim(text, g_src)
        pred = text[mine[0] : mine[1]] if mine else None
        rows.append({"kind": "ok" if same else "srcdiff", "pred": pred, "anon": m.anonymous, **row})
    for a in found:
        m = a.mention
        if not (m.cue or "").split() or m.cue.split()[0] not in P.SPEECH_SUBSET:
            continue
        if any(a.cue_start < r["Cue"][1] and r["Cue"][0] < a.cue_end for r in rels if "Cue" in r):
            continue
        pred = text[m.source_start : m.source_end] if m.source_start is not None else None
        cue = (a.cue_start, a.cue_end)
        rows.append(
            {
                "kind": "fa",
                "doc": name,
                "cue": text[cue[0] : cue[1]],
                "pred": pred,
                "anon": m.anonymous,
                "sent": _sentence(doc, cue),
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    """Score the sample, print the figures and write the rows."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", type=Path, help="PolNeAR split folder (text/, attributions/)")
    parser.add_argument("--sample", type=int, required=True, help="documents to score")
    parser.add_argument("--seed", type=int, required=True, help="shuffle seed")
    parser.add_argument("--exclude", default="", help="M:SEED — leave out another sample")
    parser.add_argument("--out", type=Path, required=True, help="JSON file for the rows")
    args = parser.parse_args(argv)
    if not (args.path / "attributions").is_dir():
        print(f"error: {args.path}/attributions not found", file=sys.stderr)
        return 2
    docs = P.load_split(args.path)
    skip: set[str] = set()
    if args.exclude:
        try:
            count, seed = (int(x) for x in args.exclude.split(":"))
        except ValueError:
            print("error: --exclude must be M:SEED, e.g. 150:12", file=sys.stderr)
            return 2
        other = list(docs)
        random.Random(seed).shuffle(other)
        skip = {d[0] for d in other[:count]}
    random.Random(args.seed).shuffle(docs)
    docs = [d for d in docs if d[0] not in skip][: args.sample]
    nlp = nlp_module.load("en")
    rows: list[Row] = []
    src, cue = P.Score(), P.Score()
    for (name, text, rels), doc in zip(docs, nlp.pipe(t for _, t, _ in docs), strict=True):
        rows += rows_for(doc, name, rels)
        mine = [
            a
            for a in sources.find_attributions(doc)
            if (a.mention.cue or "").split() and a.mention.cue.split()[0] in P.SPEECH_SUBSET
        ]
        gold = [r for r in rels if "Cue" in r and P._is_speech(doc, r["Cue"])]
        src.add(
            P._spans(text, (r.get("Source") for r in gold)),
            P._spans(
                text,
                (
                    (a.mention.source_start, a.mention.source_end)
                    if a.mention.source_start is not None and a.mention.source_end is not None
                    else None
                    for a in mine
                ),
            ),
        )
        cue.add(
            P._spans(text, (r["Cue"] for r in gold)),
            P._spans(text, ((a.cue_start, a.cue_end) for a in mine)),
        )
    print(f"{args.path}: {len(docs)} documents (seed {args.seed}, excluded {len(skip)})")
    for label, score in (("source", src), ("cue", cue)):
        pe, re_, fe = score.prf(True)
        print(
            f"speech {label:6} gold {score.gold:5d} pred {score.pred:5d}   "
            f"exact P/R/F1 {pe:.3f} {re_:.3f} {fe:.3f}"
        )
    print(dict(Counter(str(r["kind"]) for r in rows)))
    args.out.write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
