"""``--scheduler``: extraction on a Dask cluster (a real ``LocalCluster`` of worker processes,
reached over TCP on 127.0.0.1) stores exactly what one process stores, on SQLite and
PostgreSQL; a worker killed mid-run neither loses nor duplicates a document; a bad address
writes nothing."""

from __future__ import annotations

import json
import logging
import os
import shutil
import socket
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cloudpickle
import dask
import pytest
from distributed import Client, LocalCluster, WorkerPlugin
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from storyline import cluster
from storyline.cli import app
from storyline.store.db import normalise_url

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# The plugin below is defined here, where the worker processes cannot import it from.
cloudpickle.register_pickle_by_value(sys.modules[__name__])


class _DieOnce(WorkerPlugin):
    """Kills the worker process that starts the ``at``-th extraction task (counting from 0)
    of the whole cluster, once: as the out-of-memory killer would, mid-run."""

    def __init__(self, marks: str, at: int) -> None:
        self.marks = marks
        self.at = at

    def transition(self, key: Any, start: str, finish: str, **kwargs: Any) -> None:
        name = key[0] if isinstance(key, tuple) else key
        if finish != "executing" or not str(name).startswith("extract_group"):
            return
        for number in range(self.at + 1):
            try:  # each task claims the next number; only one can claim ``at``
                os.close(os.open(f"{self.marks}/{number}", os.O_CREAT | os.O_EXCL))
            except FileExistsError:
                continue
            if number == self.at:
                os._exit(1)
            return


def _local_cluster(**config: Any) -> LocalCluster:
    with dask.config.set(config):
        return LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        )


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A cluster of two worker processes, shared by the tests that kill nothing."""
    with _local_cluster() as running:
        yield running.scheduler_address


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def urls(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two empty stores on one backend: the serial run's and the cluster's."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'serial.db'}", f"sqlite:///{tmp_path / 'cluster.db'}"
        return
    server = request.getfixturevalue("pg_server")
    schemas = [f"t_{uuid.uuid4().hex[:12]}" for _ in range(2)]
    admin = create_engine(normalise_url(server))
    with admin.begin() as connection:
        for schema in schemas:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in server else "?"
    serial, clustered = (f"{server}{separator}options=-csearch_path%3D{s}" for s in schemas)
    yield serial, clustered
    with admin.begin() as connection:
        for schema in schemas:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """The examples twice under other names (copies are duplicates) and one own report:
    more than one group of 16, so groups must come back in order."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for number, example in enumerate(sorted(EXAMPLES.glob("*.*"))):
        if example.suffix in {".html", ".txt"}:
            for copy in range(2):
                shutil.copy(example, folder / f"{number:02d}-{copy}-{example.name}")
    for number in range(6):
        (folder / f"zz-own-{number}.txt").write_text(
            f"Police detained {number + 12} protesters in Calder on Saturday, witnesses said.",
            encoding="utf-8",
        )
    return folder


def _cli(url: str, data: Path, *args: str) -> Any:
    return CliRunner().invoke(app, ["--db", url, "--data-dir", str(data), *args])


def _without_clock(value: Any) -> Any:
    """``value`` without its capture times, the only fields that depend on the clock."""
    if isinstance(value, dict):
        return {k: _without_clock(v) for k, v in value.items() if k != "captured_at"}
    if isinstance(value, list):
        return [_without_clock(v) for v in value]
    return value


def _record(url: str, data: Path) -> dict[str, Any]:
    """The exported record: every document as ``show --format json``, every event, story
    and claim (less the capture times)."""
    listed = _cli(url, data, "list", "--format", "json", "--limit", "1000")
    assert listed.exit_code == 0, listed.stderr
    documents = []
    for row in json.loads(listed.stdout):
        shown = _cli(url, data, "show", str(row["id"]), "--format", "json")
        documents.append(json.loads(shown.stdout))
    record: dict[str, Any] = {"documents": documents}
    for name, command in {
        "events": ["export", "events", "--format", "json"],
        "stories": ["stories", "--format", "json"],
        "claims": ["claims", "--format", "json"],
    }.items():
        result = _cli(url, data, *command)
        assert result.exit_code == 0, result.stderr
        record[name] = json.loads(result.stdout)
    return _without_clock(record)


def _assert_same(got: dict[str, Any], expected: dict[str, Any]) -> None:
    """``got == expected``, failing with the first differing field of the first differing
    document (pytest's own diff of the whole record is too long to read)."""
    assert len(got["documents"]) == len(expected["documents"])
    for mine, theirs in zip(got["documents"], expected["documents"], strict=True):
        for key in sorted(set(mine) | set(theirs)):
            assert mine.get(key) == theirs.get(key), (
                f"document {theirs.get('id')}, {key}:\n"
                f"{json.dumps(mine.get(key))[:3000]}\n!=\n{json.dumps(theirs.get(key))[:3000]}"
            )
    assert got == expected


def _add(url: str, data: Path, folder: Path, *options: str) -> Any:
    return _cli(url, data, "add", str(folder), "--format", "json", *options)


def test_a_cluster_stores_what_one_process_stores(
    urls: tuple[str, str], reports: Path, tmp_path: Path, scheduler: str
) -> None:
    serial_url, cluster_url = urls
    serial = _add(serial_url, tmp_path / "one", reports)
    clustered = _add(cluster_url, tmp_path / "many", reports, "--scheduler", scheduler)
    assert serial.exit_code == clustered.exit_code == 0, clustered.stderr
    assert json.loads(clustered.stdout) == json.loads(serial.stdout)  # ids, in input order
    expected = _record(serial_url, tmp_path / "one")
    assert any(d["events"] for d in expected["documents"])  # extraction really ran
    assert expected["claims"]  # and the linking after it
    _assert_same(_record(cluster_url, tmp_path / "many"), expected)


def test_reprocess_on_a_cluster_matches_reprocess_here(
    reports: Path, tmp_path: Path, scheduler: str
) -> None:
    stores = {name: f"sqlite:///{tmp_path / name}.db" for name in ("here", "cluster")}
    for name, url in stores.items():
        assert _add(url, tmp_path / name, reports, "--no-extract").exit_code == 0
    here = _cli(stores["here"], tmp_path / "here", "reprocess", "--format", "json")
    there = _cli(
        stores["cluster"], tmp_path / "cluster", "reprocess", "--scheduler", scheduler,
        "--format", "json",
    )  # fmt: skip
    assert here.exit_code == there.exit_code == 0, there.stderr
    assert json.loads(there.stdout) == json.loads(here.stdout)
    assert json.loads(here.stdout)["events"] > 0
    _assert_same(
        _record(stores["cluster"], tmp_path / "cluster"), _record(stores["here"], tmp_path / "here")
    )


def test_import_on_a_cluster_matches_import_here(tmp_path: Path, scheduler: str) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    texts += [f"Police detained {n} protesters in Calder on Saturday." for n in range(12, 30)]
    messages = [
        {"id": n, "type": "message", "date_unixtime": str(1718877600 + 60 * n), "text": t}
        for n, t in enumerate(texts, start=1)
    ]
    export = tmp_path / "result.json"
    channel = {"name": "Calder Watch", "type": "public_channel", "id": 1001}
    export.write_text(json.dumps({**channel, "messages": messages}), encoding="utf-8")
    stores = {name: f"sqlite:///{tmp_path / name}.db" for name in ("here", "cluster")}
    command = ["import", "telegram", str(export), "--format", "json"]
    here = _cli(stores["here"], tmp_path / "here", *command)
    there = _cli(stores["cluster"], tmp_path / "cluster", *command, "--scheduler", scheduler)
    assert here.exit_code == there.exit_code == 0, there.stderr
    assert json.loads(there.stdout) == json.loads(here.stdout)
    expected = _record(stores["here"], tmp_path / "here")
    assert len(expected["documents"]) == len(texts) and expected["events"]
    _assert_same(_record(stores["cluster"], tmp_path / "cluster"), expected)


# Many writers share PostgreSQL in production; SQLite's case is the test after this one.
@pytest.mark.parametrize(
    "urls", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)
def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(
    urls: tuple[str, str], reports: Path, tmp_path: Path
) -> None:
    serial_url, cluster_url = urls
    marks = tmp_path / "marks"
    marks.mkdir()
    with _local_cluster() as running, Client(running) as client:
        client.register_plugin(_DieOnce(str(marks), at=2))
        clustered = _add(
            cluster_url, tmp_path / "many", reports, "--scheduler", running.scheduler_address
        )
    assert (marks / "2").exists()  # a worker really died, on the third extraction task
    assert clustered.exit_code == 0, clustered.stderr
    serial = _add(serial_url, tmp_path / "one", reports)
    assert json.loads(clustered.stdout) == json.loads(serial.stdout)
    _assert_same(_record(cluster_url, tmp_path / "many"), _record(serial_url, tmp_path / "one"))


def test_a_worker_death_without_retries_is_one_line_and_the_rerun_completes(
    reports: Path, tmp_path: Path
) -> None:
    stores = {name: f"sqlite:///{tmp_path / name}.db" for name in ("serial", "cluster")}
    marks = tmp_path / "marks"
    marks.mkdir()
    no_retry = {"distributed.scheduler.allowed-failures": 0}
    with _local_cluster(**no_retry) as running, Client(running) as client:
        client.register_plugin(_DieOnce(str(marks), at=2))
        address = running.scheduler_address
        failed = _add(stores["cluster"], tmp_path / "c", reports, "--scheduler", address)
        assert failed.exit_code == 1
        lines = failed.stderr.strip().splitlines()
        assert lines[-1].startswith(f"error: Dask workers at {address} died while extracting")
        assert "run the same command again" in lines[-1]
        rerun = _add(stores["cluster"], tmp_path / "c", reports, "--scheduler", address)
    assert rerun.exit_code == 0, rerun.stderr
    serial = _add(stores["serial"], tmp_path / "s", reports)
    assert [o["document"] for o in json.loads(rerun.stdout)] == [
        o["document"] for o in json.loads(serial.stdout)
    ]
    _assert_same(
        _record(stores["cluster"], tmp_path / "c"), _record(stores["serial"], tmp_path / "s")
    )


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(
    ("address", "code", "message"),
    [
        ("tcp://127.0.0.1:{port}", 1, "error: cannot reach the Dask scheduler at tcp://127.0.0.1:"),
        ("not a scheduler", 2, "error: --scheduler 'not a scheduler' is not a Dask scheduler"),
    ],
)
def test_a_bad_scheduler_is_one_line_and_writes_nothing(
    address: str,
    code: int,
    message: str,
    tmp_path: Path,
    reports: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 2.0)
    db = tmp_path / "never.db"
    given = address.format(port=_closed_port())
    result = _add(f"sqlite:///{db}", tmp_path / "data", reports, "--scheduler", given)
    assert result.exit_code == code
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith(message)
    assert not db.exists() and not (tmp_path / "data").exists()


def test_scheduler_and_workers_together_is_a_usage_error(tmp_path: Path, reports: Path) -> None:
    db = tmp_path / "never.db"
    result = _add(
        f"sqlite:///{db}", tmp_path / "d", reports, "--scheduler", "local:2", "--workers", "2"
    )
    assert result.exit_code == 2
    assert "--workers" in result.stderr
    assert not db.exists()
