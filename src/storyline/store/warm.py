"""Load what storing the first document loads, in a thread, while the workers start.

Why: when extraction runs elsewhere (``--workers N``, a cluster), the writing process still
needs the gazetteer (a place's region key, for claims) and the language packs (credit cues,
for reprints) the first time it stores a document: about 3 CPU-seconds that the serial path
shares with extraction, and that the writer would otherwise spend while the workers are
already extracting, on a core they need. Started before the workers, the load runs while
they fork and warm up, when this process has nothing else to do.
"""

from __future__ import annotations

import threading

from storyline import langpacks
from storyline.places.gazetteer import gazetteer


def _load() -> None:
    gazetteer()
    for code in langpacks.supported():
        langpacks.load(code)


_started: threading.Thread | None = None
_lock = threading.Lock()


def warm_in_background() -> threading.Thread:
    """Start loading (once per process: the web app adds one report at a time and the
    tables stay loaded); join the thread before storing, so that no load runs twice."""
    global _started
    with _lock:
        if _started is None:
            _started = threading.Thread(target=_load, name="storyline-warm-writer", daemon=True)
            _started.start()
        return _started
