"""Measuring Storyline against annotated gold sets: every scorer in one place.

* :mod:`.mentions` — quantities, times, sources, hedges, entities (``storyline eval DIR``);
* :mod:`.events` — events assembled through a codebook (type F1, roles, certainty);
* :mod:`.places` — place resolution (``storyline eval DIR --places``);
* :mod:`.claims` — claim groups across documents (``storyline eval DIR --claims``);
* :mod:`.stories` — reprint grouping (``storyline eval DIR --stories``);
* :mod:`.realset` — real published reports kept outside the repository: the committed
  annotations hold offsets, URL and sha256, and are joined with the texts at run time
  (``storyline eval-real``, docs/eval.md "Real reports").

The scorers are pure where they can be (gold and predictions in, figures out); the claims
and stories scorers run the real pipeline into a throw-away SQLite store because grouping
is a property of the whole record.
"""
