"""The audit chain's anchors (issue 15.11): a cut or re-written log no longer verifies."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, func, select, update

from storyline.errors import StoreError
from storyline.store import review
from storyline.store.db import Store
from storyline.store.schema import AuditHeadRow, AuditRow


def _chain(store: Store, actors: tuple[str, ...] = ("ana", "bo", "cy", "dee")) -> None:
    for number, actor in enumerate(actors, start=1):
        review.record(store, actor, "user.add", "user", number, {"name": actor})


def _rehash_all(store: Store) -> None:
    """What a careful forger does after editing a row: recompute every hash and the head."""
    with store.sessions.begin() as session:
        prev = None
        rows = list(session.scalars(select(AuditRow).order_by(AuditRow.id)))
        for row in rows:
            row.prev_hash = None  # free the unique index while rewriting
        session.flush()
        for row in rows:
            row.prev_hash = prev
            row.hash = review.row_hash(prev, row)
            prev = row.hash
            session.flush()
        session.execute(update(AuditHeadRow).values(rows=len(rows), hash=prev))


def test_the_head_follows_every_appended_row(store: Store) -> None:
    assert review.head(store) == review.Anchor(0, None)
    assert review.verify_chain(store).ok
    _chain(store)
    anchor = review.head(store)
    with store.sessions() as session:
        newest = session.scalar(select(AuditRow.hash).order_by(AuditRow.id.desc()).limit(1))
        recorded = session.get(AuditHeadRow, 1)
    assert anchor == review.Anchor(4, newest)
    assert recorded is not None and (recorded.rows, recorded.hash) == (4, newest)
    report = review.verify_chain(store, anchor)
    assert (report.ok, report.rows) == (True, 4)


def test_deleting_the_newest_row_is_found(store: Store) -> None:
    _chain(store)
    with store.sessions.begin() as session:
        newest = session.scalar(select(func.max(AuditRow.id)))
        session.execute(delete(AuditRow).where(AuditRow.id == newest))
    report = review.verify_chain(store)
    assert not report.ok
    assert report.reason == (
        "the chain has 3 rows but its head record says 4: rows were deleted or the head was changed"
    )


def test_deleting_every_row_is_found(store: Store) -> None:
    _chain(store)
    with store.sessions.begin() as session:
        session.execute(delete(AuditRow))
    report = review.verify_chain(store)
    assert (report.ok, report.rows) == (False, 0)
    # Even with the head record reset too, the anchor kept elsewhere tells.
    anchor = review.Anchor(4, "0" * 64)
    with store.sessions.begin() as session:
        session.execute(update(AuditHeadRow).values(rows=0, hash=None))
    assert review.verify_chain(store).ok
    cut = review.verify_chain(store, anchor)
    assert not cut.ok
    assert (
        cut.reason
        == "the chain has 0 rows, fewer than the 4 anchored: the log was cut or re-written"
    )


def test_an_edit_re_hashed_to_the_end_fails_against_an_outside_anchor(store: Store) -> None:
    _chain(store)
    anchor = review.head(store)
    _chain(store, ("eve",))  # the log grows after the anchor was taken: still fine
    assert review.verify_chain(store, anchor).ok
    with store.sessions.begin() as session:
        second = session.scalars(select(AuditRow).order_by(AuditRow.id)).all()[1]
        second.actor = "mallory"
    _rehash_all(store)
    assert review.verify_chain(store).ok  # the chain and its head agree with each other…
    report = review.verify_chain(store, anchor)  # …but not with the copy kept elsewhere
    assert not report.ok
    assert report.reason is not None and report.reason.startswith(
        f"row 4 no longer has the anchored hash {anchor.hash}"
    )


def test_a_missing_head_record_is_reported(store: Store) -> None:
    _chain(store)
    with store.sessions.begin() as session:
        session.execute(delete(AuditHeadRow))
    report = review.verify_chain(store)
    assert report.reason == "the chain's head record (audit_head) is missing"
    _chain(store, ("fay",))  # appending does not quietly re-create it
    assert not review.verify_chain(store).ok


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"rows": "3", "hash": "a" * 64},
        {"rows": 3, "hash": "short"},
        {"rows": 0, "hash": "a" * 64},
    ],
)
def test_malformed_anchors_are_refused(data: object) -> None:
    with pytest.raises(StoreError, match="not an audit anchor"):
        review.Anchor.from_json(data)


def test_upgrading_a_store_anchors_the_chain_it_already_has(store: Store) -> None:
    from alembic import command
    from alembic.config import Config

    from storyline.store.db import _MIGRATIONS, upgrade

    _chain(store)
    anchor = review.head(store)
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    with store.engine.begin() as connection:  # back to the schema before this change
        config.attributes["connection"] = connection
        command.downgrade(config, "0005_claims")
    upgrade(store.engine)
    with store.sessions() as session:
        recorded = session.get(AuditHeadRow, 1)
    assert recorded is not None and (recorded.rows, recorded.hash) == (4, anchor.hash)
    assert review.verify_chain(store, anchor).ok
