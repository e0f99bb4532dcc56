"""Stories and outlets through the real CLI, on both backends: stories, show --story, outlet."""

from __future__ import annotations

import json
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select

from storyline.store.db import Store, open_store
from storyline.store.schema import DocumentRow, FingerprintRow, LshBucketRow, OutletRow, StoryRow

STORIES = Path(__file__).parent / "fixtures" / "stories"
Write = Callable[[str, bytes | str], Path]


def article(name: str) -> str:
    return (STORIES / f"{name}.txt").read_text(encoding="utf-8").strip()


def page(text: str, *, site: str, canonical: str, published: str, extra: str = "") -> str:
    """An HTML page holding ``text`` (headline, paragraphs) with the given metadata."""
    title, *paragraphs = text.split("\n\n")
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<html><head><title>{title}</title><meta property="og:site_name" content="{site}">'
        f'<link rel="canonical" href="{canonical}">'
        f'<meta property="article:published_time" content="{published}">{extra}</head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer>All rights reserved.</footer></body></html>"
    )


def rewrap(text: str, width: int = 64) -> str:
    return "\n\n".join(textwrap.fill(p, width) for p in text.split("\n\n"))


def add(cli, *paths: Path | str) -> list[dict]:
    result = cli("add", "--no-extract", "--format", "json", *map(str, paths))
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def db(db_url: str, tmp_path: Path):
    """Open the test store to check its rows (after the CLI wrote them)."""
    opened: list[Store] = []

    def _open() -> Store:
        opened.append(open_store(db_url, tmp_path / "blobs"))
        return opened[-1]

    yield _open
    for store in opened:
        store.close()


def count(store: Store, column) -> int:
    with store.sessions() as session:
        return session.scalar(select(func.count(column))) or 0


@pytest.fixture
def strike_story(cli, write: Write) -> list[dict]:
    """The strike report as an HTML page, three reprints and an independent report."""
    strike = article("strike")
    original = write(
        "courier.html",
        page(
            strike,
            site="The Calder Courier",
            canonical="https://calder-courier.example/2024/03/11/dock-strike",
            published="2024-03-11",
        ),
    )
    _title, *paragraphs = strike.split("\n\n")
    truncated = write("blog.txt", "\n\n".join(["Calder port at a standstill", *paragraphs[:2]]))
    tagged = write(
        "paste.txt",
        rewrap(strike) + "\n\nThis article originally appeared in The Calder Courier.\n\n"
        "Ports,Labour,Strikes, #CalderStrike #Dockers\n\nLeave a Reply\n\nComment *",
    )
    independent = write("herald.txt", article("strike-other"))
    return add(cli, truncated, original, tagged, independent)


def test_stories_lists_the_original_and_its_reprints(cli, db, strike_story) -> None:
    assert [o["document"] for o in strike_story] == [1, 2, 3, 4]
    result = cli("stories", "--format", "json")
    assert result.exit_code == 0
    stories = json.loads(result.stdout)
    assert len(stories) == 1
    story = stories[0]
    assert story["original"] == 2 and story["documents"] == [1, 2, 3]
    assert story["basis"] == "credit"
    assert story["reason"] == (
        'credited as the source by document 3 ("originally appeared in The Calder Courier")'
    )
    assert [c["document"] for c in story["copies"]] == [2, 1, 3]  # the original first
    assert story["copies"][0]["outlet"] == "The Calder Courier"
    assert story["copies"][0]["published"] == "2024-03-11"
    table = cli("stories")
    assert table.exit_code == 0
    assert "The Calder Courier" in table.stdout and "credit" in table.stdout
    csv = cli("stories", "--format", "csv").stdout.splitlines()
    assert csv[0] == "story,original,copies,documents,outlet,basis,reason"
    assert csv[1].startswith(f"{story['story']},2,3,2 1 3,The Calder Courier,credit,")
    everything = json.loads(cli("stories", "--all", "--format", "json").stdout)
    assert sorted(s["documents"] for s in everything) == [[1, 2, 3], [4]]

    store = db()
    with store.sessions() as session:
        rows = dict(session.execute(select(DocumentRow.id, DocumentRow.story_id)).all())
        assert rows[1] == rows[2] == rows[3] == story["story"] != rows[4]
        saved = session.get(StoryRow, story["story"])
        assert saved is not None and saved.original_document_id == 2
        assert saved.basis == "credit"
        credits = session.scalar(
            select(FingerprintRow.credits).where(FingerprintRow.document_id == 3)
        )
        assert credits == [["The Calder Courier", "originally appeared in The Calder Courier"]]
    assert count(store, StoryRow.id) == 2
    assert count(store, FingerprintRow.document_id) == 4
    assert count(store, LshBucketRow.key) == 4 * 128


def test_show_story(cli, strike_story) -> None:
    result = cli("show", "1", "--story")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("document 1 belongs to story ")
    assert lines[0].endswith("(3 copies); original: document 2 (credit)")
    assert lines[1] == (
        'reason: credited as the source by document 3 ("originally appeared in The Calder Courier")'
    )
    assert "original" in result.stdout and "2024-03-11" in result.stdout
    data = json.loads(cli("show", "4", "--story", "--format", "json").stdout)
    assert data["documents"] == [4] and data["basis"] == "single"
    assert data["reason"] == "the only copy: no reprints found"


def test_outlet_grades(cli, db, strike_story) -> None:
    result = cli("outlet", "set", "The Calder Courier", "--reliability", "b", "--note", "local")
    assert result.exit_code == 0
    assert result.stdout.strip() == "outlet the calder courier: reliability B; note: local"
    assert (
        cli("outlet", "set", "https://www.Harbour-Herald.example/x", "--reliability", "C").exit_code
        == 0
    )
    assert cli("outlet", "set", "harbour-herald.example", "--note", "weekly").exit_code == 0
    listed = json.loads(cli("outlet", "list", "--format", "json").stdout)
    assert [(o["outlet"], o["reliability"], o["note"]) for o in listed] == [
        ("harbour-herald.example", "C", "weekly"),
        ("the calder courier", "B", "local"),
    ]
    assert "The Calder Courier (B)" in cli("show", "1", "--story").stdout
    store = db()
    assert count(store, OutletRow.id) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--reliability", "G"], "reliability must be one of A, B, C, D, E, F"),
        (["--reliability", "AB"], "reliability must be one of A, B, C, D, E, F"),
        ([], "nothing to set: give --reliability or --note"),
    ],
)
def test_outlet_set_rejects_bad_input(cli, db, args: list[str], message: str) -> None:
    result = cli("outlet", "set", "example.org", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert count(db(), OutletRow.id) == 0  # nothing half-written


def test_outlet_list_when_empty(cli) -> None:
    result = cli("outlet", "list")
    assert result.exit_code == 0
    assert "no outlets graded yet" in result.stdout


def test_unknown_document(cli, strike_story) -> None:
    result = cli("show", "99", "--story")
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: no document with id 99"


def test_headline_only_self_credit_and_circular_credits(cli, write: Write) -> None:
    election = article("election")
    star = write(
        "star.html",
        page(
            election + "\n\nThis article originally appeared in the Riverton Ledger.",
            site="Riverton Star",
            canonical="https://rivertonstar.example/osei",
            published="2024-11-08",
        ),
    )
    ledger = write(
        "ledger.html",
        page(
            election + "\n\nThis article originally appeared in the Riverton Star.",
            site="Riverton Ledger",
            canonical="https://rivertonledger.example/osei",
            published="2024-11-07",
        ),
    )
    own = write(
        "sever.html",
        page(
            article("colony") + "\n\nThis article originally appeared in Sever Media.",
            site="Sever Media",
            canonical="https://severmedia.example/recruiters",
            published="2024-04-10",
        ),
    )
    headline = write("headline.txt", "Calder port strike")
    add(cli, star, ledger, own, headline)
    stories = {
        s["original"]: s for s in json.loads(cli("stories", "--all", "--format", "json").stdout)
    }
    assert sorted(s["documents"] for s in stories.values()) == [[1, 2], [3], [4]]
    circular = stories[2]
    assert circular["basis"] == "published"
    assert (
        circular["reason"]
        == "published first (2024-11-07) (circular credit links (1→2, 2→1) set aside)"
    )
    assert stories[3]["reason"] == "the only copy: no reprints found"  # credits itself only
    assert stories[4]["basis"] == "single"


def test_a_new_publication_date_can_change_the_original(cli, write: Write) -> None:
    flood = article("flood")
    add(cli, write("a.txt", flood), write("b.txt", rewrap(flood)))
    assert json.loads(cli("stories", "--format", "json").stdout)[0]["basis"] == "captured"
    assert cli("set", "2", "--published", "2024-05-04").exit_code == 0
    story = json.loads(cli("stories", "--format", "json").stdout)[0]
    assert (story["original"], story["reason"]) == (2, "published first (2024-05-04)")


def test_rebuild_links_documents_stored_before_linking(cli, db, strike_story) -> None:
    before = json.loads(cli("stories", "--all", "--format", "json").stdout)
    store = db()
    with store.sessions.begin() as session:  # what a store from before this stage looks like
        session.execute(LshBucketRow.__table__.delete())
        session.execute(FingerprintRow.__table__.delete())
        session.execute(DocumentRow.__table__.update().values(story_id=None))
        session.execute(StoryRow.__table__.delete())
    result = cli("stories")
    assert result.exit_code == 0
    assert "note: 4 documents are not linked to stories yet" in result.stderr
    assert "no stories with reprints" in result.stdout
    rebuilt = cli("stories", "--rebuild", "--all", "--format", "json")
    assert rebuilt.exit_code == 0 and "4 documents linked" in rebuilt.stderr
    after = json.loads(rebuilt.stdout)
    assert [(s["documents"], s["original"], s["reason"]) for s in after] == [
        (s["documents"], s["original"], s["reason"]) for s in before
    ]
    assert count(store, FingerprintRow.document_id) == 4


def test_a_thousand_identical_copies_in_different_wrappers(cli, db, tmp_path: Path) -> None:
    """Texts that are identical once parsed but differ in bytes: one story, and quick."""
    title, body = article("colony").split("\n\n", 1)
    folder = tmp_path / "copies"
    folder.mkdir()
    for i in range(1000):
        head = f"#repost{i}\n\n" if i % 3 == 0 else ""
        tail = f"\n\nPrison,Russia,War,Channel {i}, #prison{i} #war"
        if i % 2:
            tail += f"\n\nShare this:\n\nLeave a Reply\n\nComment * {i}"
        text = f"{title}\n\n{rewrap(body, 55 + i % 40)}"  # one-line headline: a title
        (folder / f"copy{i:04d}.txt").write_text(head + text + tail, encoding="utf-8")
    started = time.perf_counter()
    outcomes = add(cli, folder)
    elapsed = time.perf_counter() - started
    assert [o["status"] for o in outcomes] == ["added"] * 1000
    stories = json.loads(cli("stories", "--format", "json").stdout)
    assert len(stories) == 1 and len(stories[0]["documents"]) == 1000
    assert stories[0]["basis"] == "captured" and stories[0]["original"] == 1
    store = db()
    assert count(store, StoryRow.id) == 1
    assert count(store, LshBucketRow.key) == 128  # only the first copy went into the index
    # Generous bound (shared CI machines); on the development machine this takes seconds.
    assert elapsed < 180


def _halves(text: str) -> tuple[str, str]:
    title, body = text.split("\n\n", 1)
    words = body.split(" ")
    middle = len(words) // 2
    return f"{title}\n\n" + " ".join(words[:middle]), f"{title}\n\n" + " ".join(words[middle:])


@pytest.fixture
def mixed_stories(cli, write: Write) -> list[dict]:
    """Reports and reprints in a shuffled order: two halves of the colony report arrive
    before the whole (their stories merge), then more copies of each half."""
    first, second = _halves(article("colony"))
    texts = {
        "strike.txt": article("strike"),
        "colony-first-half.txt": first,
        "flood.txt": article("flood"),
        "colony-second-half.txt": second,
        "strike-rewrapped.txt": rewrap(article("strike")),  # same words: the digest path
        "flood-other.txt": article("flood-other"),
        "colony.txt": article("colony"),
        "election.txt": article("election"),
        "second-half-tagged.txt": second + "\n\nShare this:\n\n#colony #prison",
        "flood-cut.txt": "\n\n".join(article("flood").split("\n\n")[:3]),
        "strike-other.txt": article("strike-other"),
        "first-half-rewrapped.txt": rewrap(first, 50) + "\n\nLeave a Reply",
        "colony-other.txt": article("colony-other"),
    }
    return add(cli, *(write(name, text) for name, text in texts.items()))


def _grouping(cli) -> list[tuple]:
    result = cli("stories", "--all", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return sorted(
        (s["documents"], s["original"], s["basis"], s["reason"]) for s in json.loads(result.stdout)
    )


@pytest.mark.parametrize("memory", [10_000, 1], ids=["cached", "reads-the-store"])
def test_rebuild_groups_like_ingest(cli, db, mixed_stories, monkeypatch, memory: int) -> None:
    """A rebuild keeps candidates in memory; with room for one document it reads them from
    the store instead, and both give the stories that linking at ingest gave."""
    from storyline.store import stories

    assert len(mixed_stories) == 13
    at_ingest = _grouping(cli)
    colony = next(documents for documents, *_ in at_ingest if 2 in documents)
    assert colony == [2, 4, 7, 9, 12]  # both halves, the whole, and the later copies
    store = db()
    buckets = count(store, LshBucketRow.key)
    monkeypatch.setattr(stories, "_REBUILD_CACHE", memory)
    rebuilt = cli("stories", "--rebuild")
    assert rebuilt.exit_code == 0 and "13 documents linked" in rebuilt.stderr
    assert _grouping(cli) == at_ingest
    assert count(store, LshBucketRow.key) == buckets
    assert count(store, FingerprintRow.document_id) == 13
    assert "ix_lsh_buckets_document_id" in {
        index["name"] for index in inspect(store.engine).get_indexes("lsh_buckets")
    }


def test_a_failed_rebuild_keeps_its_batches_and_resumes(cli, db, mixed_stories) -> None:
    """A rebuild that fails half-way keeps the batches it committed; the next one resumes
    after them and ends with the stories an uninterrupted rebuild gives."""
    from storyline.store import stories

    before = _grouping(cli)
    store = db()
    buckets = count(store, LshBucketRow.key)
    seen: list[int] = []

    def stop_after_five() -> None:
        seen.append(1)
        if len(seen) == 5:
            raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError, match="interrupted"):
        stories.rebuild(store, on_document=stop_after_five, batch=2)
    assert stories.rebuild_position(store) == 4  # two batches of two were committed
    resumed = cli("stories", "--rebuild")
    assert resumed.exit_code == 0, resumed.stderr
    assert "resuming the unfinished rebuild after document 4" in resumed.stderr
    assert "9 documents linked" in resumed.stderr
    assert stories.rebuild_position(store) is None
    assert _grouping(cli) == before
    assert count(store, LshBucketRow.key) == buckets
    assert "ix_lsh_buckets_document_id" in {
        index["name"] for index in inspect(store.engine).get_indexes("lsh_buckets")
    }
