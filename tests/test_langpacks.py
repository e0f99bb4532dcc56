"""The language-pack loader: every shipped pack parses, unknown codes fail clearly."""

from __future__ import annotations

import pytest

from storyline import langpacks
from storyline.errors import ConfigError


def test_shipped_packs_are_found_and_parse() -> None:
    assert {"en", "ru", "uk"} <= set(langpacks.supported())
    for code in langpacks.supported():
        pack = langpacks.load(code)
        assert pack.code == code
        assert pack.name and pack.script in {"Latn", "Cyrl"}
        assert "pack" not in pack.files  # metadata is attributes, not a data file


def test_packs_are_cached_per_process() -> None:
    assert langpacks.load("ru") is langpacks.load("ru")


def test_unknown_language_names_the_supported_ones() -> None:
    with pytest.raises(langpacks.UnknownLanguageError, match=r"'xx'.*en.*ru.*uk"):
        langpacks.load("xx")
    assert issubclass(langpacks.UnknownLanguageError, ConfigError)
    assert not langpacks.is_supported(None)


def test_missing_files_read_as_empty() -> None:
    pack = langpacks.load("en")
    assert pack.get("no-such-file") is None
    assert pack.words("no-such-file") == frozenset()
    assert dict(pack.section("no-such-file")) == {}


def test_txt_lines_drop_comments_and_blanks() -> None:
    assert langpacks._lines("# head\nодин\n\n  два  # note\n") == ["один", "два"]


def test_the_extracted_languages_are_part_of_the_stored_version() -> None:
    """A new pack changes the stored extractor version, so `reprocess` re-reads documents
    stored before their language was extracted."""
    from storyline.extract import versions

    assert versions()["language"] == "languages/" + "+".join(langpacks.supported())
    assert {"en", "ru", "uk"} <= set(versions()["language"].removeprefix("languages/").split("+"))
