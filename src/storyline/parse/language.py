"""Which language a report, and each of its paragraphs, is written in.

py3langid (a trained character n-gram model shipped inside its wheel, nothing downloaded)
chooses among the installed language packs and the other languages named in
``langpacks/detection.yaml``, so an unsupported report is named ("de", "be") rather than
forced into the nearest supported one. Two checks by script keep it honest where n-grams
are weak: texts too short for the model are decided by their letters alone (Cyrillic with
"і", "ї", "є" or "ґ" is Ukrainian, other Cyrillic Russian, Latin letters English),
and a Russian/Ukrainian verdict that contradicts those marks is swapped.

The HTML ``lang`` attribute, when present, wins over the document-level guess (parse stage).
Paragraph languages (:func:`segments`) decide which language's extractors read each part
of a document: a Ukrainian report quoting a Russian statement reads the quote as Russian.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from storyline import langpacks

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")


@dataclass(frozen=True)
class Segment:
    """A stretch of a document's text in one language (offsets into ``Document.text``)."""

    start: int
    end: int
    language: str


@lru_cache(maxsize=1)
def _settings() -> Mapping[str, Any]:
    from storyline import langpacks

    return langpacks.shared("detection")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid's model restricted to the candidate languages (about 1 s, once)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    known = set(identifier.nb_classes)
    candidates = [*langpacks.supported(), *_settings()["others"]]
    identifier.set_languages([code for code in dict.fromkeys(candidates) if code in known])
    return identifier


def _by_script(text: str) -> str | None:
    """The language the letters alone show, for texts too short for the model."""
    cyrillic = len(_CYRILLIC.findall(text))
    latin = len(_LATIN.findall(text))
    if latin > cyrillic:
        return "en" if langpacks.is_supported("en") else None
    if not cyrillic:
        return None
    return _cyrillic_marks(text) or "ru"  # unmarked: Russian, by far the commoner here


def _foreign_script(text: str, language: str) -> bool:
    """Whether ``text`` has no letter of ``language``'s script (a Latin-only paragraph in a
    Cyrillic-script report, or the reverse)."""
    script = langpacks.load(language).script if langpacks.is_supported(language) else ""
    pattern = {"Cyrl": _CYRILLIC, "Latn": _LATIN}.get(script)
    return pattern is not None and pattern.search(text) is None


def _cyrillic_marks(text: str) -> str | None:
    """``uk`` or ``ru`` when the text holds letters only that language uses, else ``None``."""
    lowered = text.lower()
    found = [
        code
        for code, letters in _settings()["script_marks"].items()
        if any(letter in lowered for letter in letters)
    ]
    return found[0] if len(found) == 1 else None


def classify(text: str) -> tuple[str | None, float]:
    """The language of ``text`` and how sure the model is (1.0 for a script decision)."""
    letters = len(_LETTER.findall(text))
    if letters == 0:
        return None, 0.0
    if letters < int(_settings()["short_text_letters"]):
        return _by_script(text), 1.0
    code, probability = _identifier().classify(text)
    marks = _cyrillic_marks(text) if code in {"ru", "uk"} else None
    if marks is not None and marks != code:
        code = marks
    return str(code), float(probability)


def guess_language(text: str, sample_chars: int = 5000) -> str | None:
    """Return an ISO 639-1 code for a document's text, or ``None`` when it has no letters."""
    code, _ = classify(text[:sample_chars])
    return code


def normalise(code: str | None) -> str | None:
    """``ru-RU``, ``RU``, ``uk_UA`` → ``ru``, ``ru``, ``uk``; empty → ``None``."""
    if not code:
        return None
    base = re.split(r"[-_]", code.strip())[0].lower()
    return base or None


def segments(text: str, language: str | None, start: int = 0) -> list[Segment]:
    """``text[start:]`` cut into runs of paragraphs by language, covering it without gaps.

    A paragraph takes another *supported* language than the document's only when it is
    long enough and the model is sure (``detection.yaml``), or when none of its letters is
    in the document's script (an English tweet's credit line, "— Ministry of Defence
    (@DefenceHQ) May 11, 2023", in a Ukrainian report: no Cyrillic rule can read it);
    everything else stays in the document's language. Neighbouring paragraphs of one
    language form one segment.
    """
    settings = _settings()
    base = language or "en"
    runs: list[Segment] = []
    for match in _PARAGRAPH.finditer(text, start):
        paragraph = match.group()
        code = base
        letters = len(_LETTER.findall(paragraph))
        if letters >= int(settings["paragraph_min_letters"]):
            found, probability = classify(paragraph)
            if (
                found != base
                and langpacks.is_supported(found)
                and probability >= float(settings["paragraph_min_probability"])
            ):
                code = str(found)
        if (
            code == base
            and letters >= int(settings["paragraph_script_letters"])
            and _foreign_script(paragraph, base)
        ):
            found = _by_script(paragraph)
            if found is not None and found != base and langpacks.is_supported(found):
                code = found
        if runs and runs[-1].language == code:
            runs[-1] = Segment(runs[-1].start, match.end(), code)
        else:
            runs.append(Segment(runs[-1].end if runs else start, match.end(), code))
    if not runs:
        return [Segment(start, len(text), base)] if len(text) > start else []
    runs[-1] = Segment(runs[-1].start, len(text), runs[-1].language)
    return runs
