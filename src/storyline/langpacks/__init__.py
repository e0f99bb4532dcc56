"""Language packs: the per-language data every extractor reads, one folder per language.

Why data and not code: adding a language must be adding a folder (and a gold set), never
editing extractors. A pack is ``storyline/langpacks/<code>/`` holding ``pack.yaml`` (the
language's name, script and the NLP path that reads it) and any number of ``*.yaml`` /
``*.txt`` files — ``quantities.yaml``, ``times.yaml``, ``sources.yaml``, ``hedges.yaml``,
``entities.yaml``, ``aliases.yaml``… Each file is one entry of :attr:`LanguagePack.files`,
keyed by its stem; a ``.txt`` file is a word list (one entry a line, ``#`` comments and
blank lines skipped), a ``.yaml`` file is whatever it parses to.

:func:`load` parses a pack once per process (cached) and raises
:class:`UnknownLanguageError` with the supported codes for a language without a folder.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from types import MappingProxyType
from typing import Any

import yaml

from storyline.errors import ConfigError

#: The language Storyline falls back to when a caller names none.
DEFAULT = "en"
#: The metadata file every pack has; its absence means the folder is no pack.
PACK_FILE = "pack.yaml"


class UnknownLanguageError(ConfigError):
    """A language code with no pack folder (the message lists the supported ones)."""


@dataclass(frozen=True)
class LanguagePack:
    """One language's parsed data files.

    Attributes:
        code: ISO 639-1 code, the folder's name (``ru``).
        name: the language's English name from ``pack.yaml`` (``Russian``).
        script: the script its texts are written in (``Cyrl``, ``Latn``), which language
            detection uses to check short texts.
        nlp: the NLP path that parses it (``spacy`` or ``natasha``…; ``pack.yaml``).
        files: file stem → parsed content (YAML value, or a tuple of lines for ``.txt``).
    """

    code: str
    name: str
    script: str
    nlp: str
    files: Mapping[str, Any] = field(default_factory=dict)

    def get(self, name: str, default: Any = None) -> Any:
        """The parsed file ``name`` (stem, no extension), or ``default`` when absent."""
        return self.files.get(name, default)

    def section(self, name: str) -> Mapping[str, Any]:
        """The YAML mapping in ``name.yaml``; an empty mapping when the pack lacks it.

        Raises:
            ConfigError: when the file holds something other than a mapping.
        """
        value = self.files.get(name)
        if value is None:
            return MappingProxyType({})
        if not isinstance(value, Mapping):
            raise ConfigError(f"language pack {self.code}: {name}.yaml is not a mapping")
        return value

    def words(self, name: str) -> frozenset[str]:
        """The word list in ``name.txt`` (or a YAML list) as a set; empty when absent."""
        value = self.files.get(name)
        if value is None:
            return frozenset()
        if isinstance(value, str) or not isinstance(value, list | tuple):
            raise ConfigError(f"language pack {self.code}: {name} is not a word list")
        return frozenset(str(item) for item in value)


def _root() -> Traversable:
    return resources.files(__name__)


@lru_cache(maxsize=1)
def supported() -> tuple[str, ...]:
    """The codes of every installed pack, sorted (a folder with a ``pack.yaml``)."""
    return tuple(
        sorted(
            entry.name
            for entry in _root().iterdir()
            if entry.is_dir() and (entry / PACK_FILE).is_file()
        )
    )


def is_supported(code: str | None) -> bool:
    """Whether ``code`` names an installed pack (``None`` never does)."""
    return code is not None and code in supported()


def not_extracted(language: str | None) -> str | None:
    """ "not extracted: language xx" for a document whose language has no pack, else None.

    Documents of unknown language (``None``) are read with the default pack, so they are
    extracted; the message is what ``show``, the web app and the JSON say instead of
    showing an empty record as if the report held nothing.
    """
    if language is None or is_supported(language):
        return None
    return f"not extracted: language {language}"


@lru_cache(maxsize=16)
def load(code: str = DEFAULT) -> LanguagePack:
    """Parse and cache the pack for ``code``.

    Raises:
        UnknownLanguageError: ``code`` has no pack (the message lists those that exist).
        ConfigError: a file of the pack does not parse (the message names it).
    """
    if not is_supported(code):
        raise UnknownLanguageError(
            f"no language pack for {code!r}; supported: {', '.join(supported())}"
        )
    folder = _root() / code
    files: dict[str, Any] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.is_file():
            continue
        stem, _, suffix = entry.name.rpartition(".")
        text = entry.read_text("utf-8")
        if suffix in {"yaml", "yml"}:
            try:
                files[stem] = yaml.safe_load(text)
            except yaml.YAMLError as exc:
                raise ConfigError(f"language pack {code}: {entry.name}: {exc}") from exc
        elif suffix == "txt":
            files[stem] = tuple(_lines(text))
    meta = files.pop("pack", None) or {}
    if not isinstance(meta, Mapping):
        raise ConfigError(f"language pack {code}: {PACK_FILE} is not a mapping")
    return LanguagePack(
        code=code,
        name=str(meta.get("name", code)),
        script=str(meta.get("script", "")),
        nlp=str(meta.get("nlp", "")),
        files=MappingProxyType(files),
    )


@lru_cache(maxsize=8)
def shared(name: str) -> Mapping[str, Any]:
    """A language-neutral data file at the packs' root (``aliases``, ``detection``,
    ``furniture``, ``outlets``: ``NAME.yaml``), parsed once; ``{}`` when it is empty.

    Raises:
        ConfigError: the file does not parse or is not a mapping (the message names it).
    """
    entry = _root() / f"{name}.yaml"
    try:
        data = yaml.safe_load(entry.read_text("utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"language packs: {name}.yaml: {exc}") from exc
    if not isinstance(data, Mapping):
        raise ConfigError(f"language packs: {name}.yaml is not a mapping")
    return data


def _lines(text: str) -> list[str]:
    """A word list's entries: one a line, stripped, ``#`` comments and blank lines dropped."""
    out = []
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            out.append(entry)
    return out
