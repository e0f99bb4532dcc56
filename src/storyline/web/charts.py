"""Geometry of the timeline chart and the map, drawn as SVG by the templates.

Why server-side SVG and not a chart library: the pages must work offline, under a CSP
with no inline scripts, and for 100,000 events — so the database counts (per month, per
place), this module turns counts into bar rectangles and marker circles, and the browser
only draws a few hundred shapes. Bars and markers are links that narrow the table.
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass
from datetime import date

from storyline.store.event_queries import MapPoint

#: The world outline's coordinate box: plate carrée, x = longitude + 180, y = 90 - latitude.
WORLD_VIEW = (0, 0, 360, 180)
#: The map's default view leaves out Antarctica and the far north.
DEFAULT_VIEW = (0.0, 5.0, 360.0, 145.0)
#: The chart's drawing box (the SVG scales to the page's width).
CHART_WIDTH, CHART_HEIGHT = 800.0, 160.0
#: Most bars a chart draws; longer spans are counted per year instead of per month.
MAX_BARS = 120


def project(lat: float, lon: float) -> tuple[float, float]:
    """Map coordinates of a point (plate carrée)."""
    return lon + 180.0, 90.0 - lat


@dataclass(frozen=True)
class Bar:
    """One bar of the timeline: a month (or a year) and its events."""

    x: float
    y: float
    width: float
    height: float
    label: str
    count: int
    since: date
    until: date


@dataclass(frozen=True)
class Timeline:
    """Bars plus the axis labels to draw under them."""

    bars: list[Bar]
    ticks: list[tuple[float, str, str]]
    peak: int
    per: str  # "month" or "year"
    width: float = CHART_WIDTH
    height: float = CHART_HEIGHT


def _months(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return months


def timeline(counts: list[tuple[str, int]]) -> Timeline | None:
    """Bars for events per month (``YYYY-MM``), gaps filled with zeros; ``None`` if empty."""
    if not counts:
        return None
    by_month = dict(counts)
    months = _months(counts[0][0], counts[-1][0])
    per = "month"
    buckets: list[tuple[str, int, date, date]] = []
    if len(months) > MAX_BARS:
        per = "year"
        years: dict[str, int] = {}
        for month, n in counts:
            years[month[:4]] = years.get(month[:4], 0) + n
        first, last = int(months[0][:4]), int(months[-1][:4])
        for year in range(first, last + 1):
            key = str(year)
            buckets.append((key, years.get(key, 0), date(year, 1, 1), date(year, 12, 31)))
    else:
        for month in months:
            y, m = int(month[:4]), int(month[5:7])
            last_day = calendar.monthrange(y, m)[1]
            buckets.append((month, by_month.get(month, 0), date(y, m, 1), date(y, m, last_day)))
    peak = max(n for _, n, _, _ in buckets) or 1
    step = CHART_WIDTH / len(buckets)
    bars = []
    for index, (label, n, since, until) in enumerate(buckets):
        height = (CHART_HEIGHT - 4) * n / peak
        bars.append(
            Bar(
                x=round(index * step + step * 0.1, 2),
                y=round(CHART_HEIGHT - height, 2),
                width=round(step * 0.8, 2),
                height=round(height, 2),
                label=label,
                count=n,
                since=since,
                until=until,
            )
        )
    every = max(1, math.ceil(len(buckets) / 8))
    ticks = []
    for i, (label, *_rest) in enumerate(buckets):
        if i % every:
            continue
        # Labels at the edges start at (or end at) the edge instead of being cut there.
        anchor = _anchor(i, len(buckets), step)
        x = {"start": 0.0, "end": CHART_WIDTH}.get(anchor, round(i * step + step / 2, 2))
        ticks.append((x, label, anchor))
    return Timeline(bars, ticks, peak, per)


def _anchor(index: int, count: int, step: float) -> str:
    """``text-anchor`` of an axis label: labels near an edge must not run past it."""
    label_width = 70.0  # "2024-06" at the axis font size, in chart units
    if (index + 0.5) * step < label_width / 2:
        return "start"
    if (count - index - 0.5) * step < label_width / 2:
        return "end"
    return "middle"


@dataclass(frozen=True)
class Marker:
    """One circle on the map: events at one place."""

    x: float
    y: float
    r: float
    count: int
    place: str | None
    lat: float
    lon: float


@dataclass(frozen=True)
class MapView:
    """The visible box and the markers inside it."""

    view: tuple[float, float, float, float]
    markers: list[Marker]
    total: int

    @property
    def viewbox(self) -> str:
        """The ``viewBox`` attribute."""
        return " ".join(f"{v:.2f}" for v in self.view)


def map_view(points: list[MapPoint]) -> MapView:
    """Fit the view to the markers (never tighter than 24° wide) and size them by count."""
    if not points:
        return MapView(DEFAULT_VIEW, [], 0)
    xy = [project(p.lat, p.lon) for p in points]
    xs, ys = [x for x, _ in xy], [y for _, y in xy]
    width = max(max(xs) - min(xs), 24.0) * 1.3
    height = max(max(ys) - min(ys), 12.0) * 1.3
    # Keep the chart's 2.5:1 shape so the outline is not stretched.
    width, height = max(width, height * 2.5), max(height, width / 2.5)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    view = (cx - width / 2, cy - height / 2, width, height)
    peak = max(p.count for p in points)
    unit = width / 90
    markers = [
        Marker(
            x=round(x, 3),
            y=round(y, 3),
            r=round(unit * (0.6 + 1.4 * math.sqrt(p.count / peak)), 3),
            count=p.count,
            place=p.place,
            lat=p.lat,
            lon=p.lon,
        )
        for p, (x, y) in zip(points, xy, strict=True)
    ]
    markers.sort(key=lambda m: -m.count)  # big circles first, so small ones stay clickable
    return MapView(view, markers, sum(p.count for p in points))
