"""The lock files are a complete, consistent closure, so `make` installs them with --no-deps.

`make demo` and `make test` install requirements/*.txt with ``--no-deps --require-hashes``:
pip resolves nothing, so a release upstream after the lock cannot change what gets installed
(the lxml 6.2.0 breakage of the first wave). That only works if the lock lists every
distribution the project needs, each pinned and hash-checked, and these tests fail when it
does not.
"""

from __future__ import annotations

import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCKS = ["bootstrap.txt", "main.txt", "dev.txt"]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")
# Distributions that are not the lock's business: the project itself (installed editable).
NOT_LOCKED = {"storyline"}


def parse_lock(text: str) -> dict[str, tuple[str, int]]:
    """name -> (version, number of hashes) for each requirement of a pip-compile lock."""
    pins: dict[str, tuple[str, int]] = {}
    current: str | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = PIN.match(line)
        if match:
            current = canonicalize_name(match.group(1))
            pins[current] = (match.group(2), line.count("--hash=sha256:"))
        elif line.startswith("--hash=sha256:") and current is not None:
            version, hashes = pins[current]
            pins[current] = (version, hashes + 1)
        elif not line.startswith("--"):
            raise AssertionError(f"not a pinned requirement: {line!r}")
    return pins


def locked() -> dict[str, str]:
    """Every pinned distribution of every lock file (a name locked twice must agree)."""
    versions: dict[str, str] = {}
    for name in LOCKS:
        for dist, (version, hashes) in parse_lock(
            (ROOT / "requirements" / name).read_text()
        ).items():
            assert hashes >= 1, f"{name}: {dist}=={version} has no --hash"
            assert versions.setdefault(dist, version) == version, f"{dist} pinned twice differently"
    return versions


def test_parse_lock_counts_hashes_and_rejects_unpinned_lines() -> None:
    text = "a==1.0 \\\n    --hash=sha256:aa \\\n    --hash=sha256:bb\n    # via x\nB_c==2 \\\n"
    assert parse_lock(text) == {"a": ("1.0", 2), "b-c": ("2", 0)}
    with pytest.raises(AssertionError, match="not a pinned requirement"):
        parse_lock("lxml[html_clean]>=4.4.2\n")


def test_every_lock_line_is_pinned_with_a_hash() -> None:
    versions = locked()
    assert "pip" in versions and "setuptools" in versions  # bootstrap and the editable build


def in_a_virtualenv() -> bool:
    return sys.prefix != sys.base_prefix


@pytest.mark.skipif(not in_a_virtualenv(), reason="checks the environment `make` built")
def test_installed_environment_is_exactly_the_lock() -> None:
    versions = locked()
    installed = {
        canonicalize_name(dist.metadata["Name"]): dist.version for dist in metadata.distributions()
    }
    unlocked = sorted(set(installed) - set(versions) - NOT_LOCKED)
    assert not unlocked, f"installed but not in requirements/*.txt: {unlocked}"
    wrong = {
        n: (installed[n], versions[n])
        for n in installed
        if n in versions and installed[n] != versions[n]
    }
    assert not wrong, f"installed version differs from the lock: {wrong}"


def needs(name: str, extra: str, environment: dict[str, str]) -> list[Requirement]:
    """What installed distribution `name` requires on this platform (with `extra` if given)."""
    try:
        specs = metadata.requires(name) or []
    except metadata.PackageNotFoundError:
        return []  # a platform-specific pin not installed here
    wanted: list[Requirement] = []
    for spec in specs:
        requirement = Requirement(spec)
        marker = requirement.marker
        if extra:
            if marker is None or not marker.evaluate({**environment, "extra": extra}):
                continue
            if marker.evaluate({**environment, "extra": ""}):
                continue  # not specific to the extra: already checked without it
        elif marker is not None and not marker.evaluate({**environment, "extra": ""}):
            continue
        wanted.append(requirement)
    return wanted


@pytest.mark.skipif(not in_a_virtualenv(), reason="checks the environment `make` built")
def test_every_locked_distribution_has_its_dependencies_locked() -> None:
    versions = locked()
    environment = default_environment()
    missing: list[str] = []
    for name in versions:
        for requirement in needs(name, "", environment):
            dep = canonicalize_name(requirement.name)
            if dep not in versions:
                missing.append(f"{name} needs {dep}")
                continue
            if not requirement.specifier.contains(versions[dep], prereleases=True):
                missing.append(f"{name} needs {requirement}, lock has {versions[dep]}")
            for extra in requirement.extras:  # lxml[html_clean] needs lxml-html-clean too
                missing.extend(
                    f"{name} needs {dep}[{extra}]: {sub.name}"
                    for sub in needs(dep, extra, environment)
                    if canonicalize_name(sub.name) not in versions
                )
    assert not missing, missing


@pytest.mark.skipif(not in_a_virtualenv(), reason="checks the environment `make` built")
def test_pip_check_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pip", "check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
