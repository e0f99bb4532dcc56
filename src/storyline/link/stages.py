"""Steps of one change that are separate claims ("passed" and "signed" one law).

The steps are data: ``stages.yaml`` beside this module.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml


@lru_cache(maxsize=1)
def _steps() -> dict[str, dict[str, tuple[str, ...]]]:
    data = yaml.safe_load((resources.files("storyline.link") / "stages.yaml").read_text("utf-8"))
    return {
        type_: {step: tuple(w.casefold() for w in words) for step, words in steps.items()}
        for type_, steps in (data or {}).items()
    }


def stage_of(type_: str, trigger: str) -> str | None:
    """The step a trigger tells ("signed" → "signing"), or None when the type has no steps
    or the trigger names none."""
    words = trigger.casefold().split()
    for step, beginnings in _steps().get(type_, {}).items():
        if any(w.startswith(b) for w in words for b in beginnings):
            return step
    return None


def stages_clash(type_: str, a: str, b: str) -> bool:
    """Whether two triggers of one type tell different steps."""
    x, y = stage_of(type_, a), stage_of(type_, b)
    return x is not None and y is not None and x != y
