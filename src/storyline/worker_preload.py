"""Imported once by the extraction workers' fork server: loads spaCy and the extractors'
tables before any worker is forked.

Why: with ``--workers N`` every worker used to start a fresh interpreter and load spaCy
itself (about 3 CPU-seconds each), so two workers paid twice what the serial path pays
once, and a worker killed over its time limit paid again. Forked from a server that has
loaded it, every worker starts with the model in memory (pages shared until written), and
a replacement is ready at once. The server is a fresh interpreter started by
:mod:`multiprocessing` (nothing the calling process holds — database connections, threads —
is copied into it), so forking from it is safe.

A failure here (no spaCy model installed) is not raised: :mod:`multiprocessing` would drop
it silently. The worker's own :func:`~storyline.worker_process.warm_up` meets it again and
sends the reason to the parent, which shows it as one line.
"""

from __future__ import annotations

import gc
from contextlib import suppress

from storyline.worker_process import warm_up

with suppress(Exception):  # each worker meets it again and reports it (see above)
    warm_up()
# Everything loaded so far lives as long as the server: moved out of the collector's reach,
# so a forked worker's garbage collections do not write to (and so copy) the pages it
# shares with the server (the pre-fork pattern ``gc.freeze`` was added for).
gc.freeze()
