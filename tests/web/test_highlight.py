"""Marking up report text: escaping, nesting and crossing spans, brackets, redaction."""

from __future__ import annotations

import random
import re

from storyline.store.schema import MentionRow
from storyline.web.highlight import Span, mention_spans, render


def _strip(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_text_is_escaped_inside_and_outside_spans() -> None:
    text = 'A <b>bold</b> & "quoted" claim'
    html = str(render(text, [Span(2, 13, 3, "span", "m m-entity", bracketed=True)]))
    assert "<b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "&amp;" in html and "&#34;quoted&#34;" in html
    assert _strip(html).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == (
        text.replace('"', "&#34;")
    )


def test_attributes_cannot_be_broken_out_of() -> None:
    html = str(render("x", [Span(0, 1, 3, "span", "m", title='" onmouseover="alert(1)')]))
    assert 'title="&#34; onmouseover=&#34;alert(1)"' in html


def test_crossing_spans_nest_and_keep_one_bracket_pair() -> None:
    text = "about forty inmates signed"
    mention = Span(0, 19, 3, "span", "m m-quantity", bracketed=True)
    evidence = Span(12, 26, 0, "mark", "evidence")
    html = str(render(text, [mention, evidence]))
    assert html == (
        '<span class="m m-quantity first">about forty </span>'
        '<mark class="evidence"><span class="m m-quantity last">inmates</span></mark>'
        '<mark class="evidence"> signed</mark>'
    )


def test_nested_mentions_each_get_their_class() -> None:
    text = "according to Ivan Petrov"
    source = Span(0, 24, 3, "span", "m m-source", bracketed=True)
    person = Span(13, 24, 3, "span", "m m-entity", bracketed=True)
    html = str(render(text, [person, source]))
    assert '<span class="m m-source last"><span class="m m-entity first last">Ivan Petrov' in html
    assert _strip(html) == text


def test_out_of_range_spans_are_ignored_and_text_survives() -> None:
    html = str(render("short", [Span(3, 99, 3, "span", "m"), Span(4, 2, 3, "span", "m")]))
    assert html == "short"


def test_redacted_ranges_hide_every_character() -> None:
    html = str(render("witness Anna K. said", [], redact=[(8, 15)]))
    assert "Anna" not in html and "█" * 7 in html and _strip(html).startswith("witness ")


def test_the_headline_is_its_own_span() -> None:
    html = str(render("Title\n\nBody", [], headline_end=5))
    assert html == '<span class="headline">Title</span>\n\nBody'


def test_tooltips_over_redacted_text_say_nothing() -> None:
    span = Span(8, 15, 3, "span", "m m-source", title="source s1: Anna K.")
    html = str(render("witness Anna K. said", [span], redact=[(8, 15)]))
    assert "Anna" not in html and 'title="protected"' in html


def _mention(kind: str, text: str, phrase: str, key: str, **data: object) -> MentionRow:
    start = text.index(phrase)
    return MentionRow(
        kind=kind, key=key, start=start, end=start + len(phrase), text=phrase, data=data
    )


def test_overlapping_mentions_make_one_mark_with_both_details() -> None:
    text = "About 40 Russian servicewomen left, according to Ivan Petrov."
    mentions = [
        _mention("entity", text, "Russian", "e1", type="NORP"),
        _mention("entity", text, "Russian servicewomen", "e2", type="PERSON"),
        _mention("quantity", text, "About 40 Russian servicewomen", "q1", value=40),
        _mention("entity", text, "Ivan Petrov", "e3", type="PERSON"),
        _mention("source", text, "according to Ivan Petrov", "s1", source="Ivan Petrov"),
    ]
    html = str(render(text, mention_spans(mentions)))
    marks = re.findall(r'<span class="m m-(\w+)[^"]*"', html)
    assert marks == ["quantity", "source"]  # one mark per stretch, never «« … » … »
    details = re.findall(r'data-detail="([^"]*)"', html)
    assert "quantity q1: 40" in details[0] and "entity e2: PERSON" in details[0]
    assert "entity e3: PERSON" in details[1]
    # Links to a folded mention (#m-e3 from the entity panel) still land on the text.
    assert 'id="m-e3"' in html and 'id="m-s1"' in html
    assert html.count('tabindex="0"') == 2
    assert _strip(html) == text


def test_a_name_is_marked_once_and_its_repeats_keep_their_anchor() -> None:
    text = "Wagner recruited there. Later Wagner left, and wagner came back."
    starts = {"e1": (0, {"entity": "E1"}), "e2": (30, {"entity": "E1"}), "e3": (47, {})}
    mentions = [
        MentionRow(kind="entity", key=key, start=s, end=s + 6, text=text[s : s + 6], data=data)
        for key, (s, data) in starts.items()
    ]
    html = str(render(text, mention_spans(mentions)))
    assert html.count('class="m m-entity') == 2  # E1 once; the unlinked "wagner" on its own
    assert re.search(r'<span class="m-again[^"]*" id="m-e2"', html)  # entity pages land here
    assert html.count("tabindex") == 2


def _fold_by_comparing_all(mentions: list[MentionRow]) -> list[tuple[str, list[str]]]:
    """The folding rule spelled out the slow way: by rank, a mention overlapping a mark
    kept before folds into the first-kept of them, else it is kept; marks in text order."""
    rank = {"source": 0, "quantity": 1, "time": 2, "hedge": 3, "entity": 4}
    ranked = sorted(
        (m for m in mentions if m.start < m.end),
        key=lambda m: (rank.get(m.kind, 5), m.start - m.end, m.start),
    )
    kept: list[tuple[MentionRow, list[str]]] = []
    for m in ranked:
        host = next((k for k in kept if k[0].start < m.end and m.start < k[0].end), None)
        if host is None:
            kept.append((m, []))
        else:
            host[1].append(m.key)
    return [(k.key, folded) for k, folded in sorted(kept, key=lambda k: k[0].start)]


def test_marks_fold_overlapping_mentions_like_comparing_each_with_every_mark() -> None:
    # mention_spans finds the marks a mention overlaps by bisection (a long report has
    # hundreds of mentions); it must keep and fold exactly what comparing all would.
    rng = random.Random(3)
    kinds = ["source", "quantity", "time", "hedge", "entity", "other"]
    for _ in range(300):
        mentions = []
        for n in range(rng.randint(1, 30)):
            start = rng.randint(0, 80)
            end = start + rng.randint(0, 12)
            kind = rng.choice(kinds)
            mentions.append(
                MentionRow(kind=kind, key=f"k{n}", start=start, end=end, text=f"w{n}", data={})
            )
        spans = mention_spans(mentions)
        expected = _fold_by_comparing_all(mentions)
        assert [s.anchor for s in spans] == [f"m-{key}" for key, _ in expected]
        assert [list(s.also) for s in spans] == [[f"m-{k}" for k in f] for _, f in expected]
