"""The timeline's bars and the map's view, computed from counts."""

from __future__ import annotations

from datetime import date

from storyline.store.event_queries import MapPoint
from storyline.web.charts import CHART_HEIGHT, MAX_BARS, map_view, project, timeline


def test_months_without_events_are_empty_bars() -> None:
    chart = timeline([("2023-11", 4), ("2024-02", 2)])
    assert chart is not None
    assert [(b.label, b.count) for b in chart.bars] == [
        ("2023-11", 4),
        ("2023-12", 0),
        ("2024-01", 0),
        ("2024-02", 2),
    ]
    assert (
        chart.bars[0].height == CHART_HEIGHT - 4
        and chart.bars[3].height == chart.bars[0].height / 2
    )
    assert (chart.bars[1].since, chart.bars[1].until) == (date(2023, 12, 1), date(2023, 12, 31))
    assert chart.bars[3].until == date(2024, 2, 29)


def test_long_spans_are_counted_per_year() -> None:
    chart = timeline([("2001-03", 1), ("2001-09", 2), ("2020-01", 5)])
    assert chart is not None and chart.per == "year"
    assert len(chart.bars) == 20 <= MAX_BARS
    assert (chart.bars[0].label, chart.bars[0].count) == ("2001", 3)


def test_no_dated_events_means_no_chart() -> None:
    assert timeline([]) is None


def test_the_map_fits_its_markers_and_sizes_them_by_count() -> None:
    view = map_view([MapPoint(56.9, 35.9, 9, "Tver"), MapPoint(47.2, 39.7, 1, "Rostov")])
    x, y, width, height = view.view
    for lat, lon in [(56.9, 35.9), (47.2, 39.7)]:
        px, py = project(lat, lon)
        assert x < px < x + width and y < py < y + height
    assert abs(width / height - 2.5) < 1e-9
    big, small = view.markers
    assert (big.place, small.place) == ("Tver", "Rostov") and big.r > small.r
    assert view.total == 10


def test_an_empty_map_shows_the_world() -> None:
    assert map_view([]).view == (0.0, 5.0, 360.0, 145.0)


def test_axis_labels_at_the_edges_hang_inwards() -> None:
    months = [(f"{2020 + m // 12}-{m % 12 + 1:02d}", 1) for m in range(40)]
    chart = timeline(months)
    assert chart is not None
    anchors = [anchor for _, _, anchor in chart.ticks]
    assert anchors[0] == "start" and set(anchors[1:-1]) == {"middle"}
    assert len(chart.ticks) <= 9
