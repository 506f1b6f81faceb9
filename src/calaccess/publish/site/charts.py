"""The site's charts: money over time as SVG, drawn at build time, so a page needs no script, no font download
and no network to show them.

Drawn here rather than by a charting library: every lobbying organization's page has one (tens of thousands
at full size), and Vega (vl-convert) took 38 ms a chart, which alone would have made the site step an hour.
A line per series over a time axis, a dollar axis with round ticks and a legend is all the site needs; this
draws one in under a millisecond. Every text in it is escaped, the series names (from the data) among them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import escape

Point = tuple[date, str, float]  # (the period's first day, series, dollars)

WIDTH, HEIGHT = 600, 260
LEFT, RIGHT, TOP, BOTTOM = 76, 16, 34, 62
#: The first colours of Vega's default scheme (tableau10), which the charts were first drawn with.
COLOURS = ("#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2", "#ff9da6")
_LEGEND_ROW = 16


def _nice_step(span: float, ticks: int) -> float:
    """A round step (1, 2 or 5 times a power of ten) that cuts `span` into about `ticks` parts."""
    raw = span / ticks if span > 0 else 1.0
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def _dollars(value: float) -> str:
    """An axis label: $0, $500, $25k, $1.5M."""
    sign, size = ("-" if value < 0 else ""), abs(value)
    for divisor, unit in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if size >= divisor:
            return f"{sign}${size / divisor:,.4g}{unit}"
    return f"{sign}${size:,.0f}"


def _period_label(when: date, period: str) -> str:
    return f"{when.year} Q{(when.month - 1) // 3 + 1}" if period == "Quarter" else when.isoformat()[:7]


@dataclass(frozen=True)
class _Frame:
    """Where a point goes: days on x, dollars on y (from `low` to `high`)."""

    first: int
    last: int
    low: float
    high: float

    def x(self, day: int) -> float:
        width = WIDTH - LEFT - RIGHT
        return LEFT + (
            width * (day - self.first) / (self.last - self.first) if self.last > self.first else width / 2
        )

    def y(self, dollars: float) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (self.high - dollars) / (self.high - self.low)


def _frame(points: Sequence[Point]) -> tuple[_Frame, float]:
    """The chart's extent (dollars rounded out to whole steps, zero always in) and its dollar step."""
    days = [point[0].toordinal() for point in points]
    low = min(0.0, *(point[2] for point in points))
    high = max(0.0, *(point[2] for point in points))
    step = _nice_step(high - low, 4)
    low, high = math.floor(low / step) * step, math.ceil(high / step) * step
    return _Frame(min(days), max(days), low, high if high > low else low + step), step


def _axes(frame: _Frame, step: float, days: Sequence[int], period: str) -> list[str]:
    """Dollar gridlines and labels; a tick per year (at most ten labelled), or per period within a year."""
    parts = []
    for index in range(round((frame.high - frame.low) / step) + 1):
        value = frame.low + index * step
        at = frame.y(value)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{at:.1f}" y2="{at:.1f}" stroke="#ddd"/>'
            f'<text x="{LEFT - 6}" y="{at + 4:.1f}" text-anchor="end">{_dollars(value)}</text>'
        )
    start, end = date.fromordinal(frame.first).year, date.fromordinal(frame.last).year
    years = [
        year for year in range(start, end + 1) if frame.first <= date(year, 1, 1).toordinal() <= frame.last
    ]
    if len(years) >= 2:
        marks = [(date(year, 1, 1).toordinal(), str(year)) for year in years[:: math.ceil(len(years) / 10)]]
    else:
        periods = sorted(set(days))
        marks = [
            (day, _period_label(date.fromordinal(day), period))
            for day in periods[:: math.ceil(len(periods) / 6)]
        ]
    base = HEIGHT - BOTTOM
    for day, text in marks:
        at = frame.x(day)
        anchor = "end" if at > WIDTH - RIGHT - 24 else "middle"
        parts.append(
            f'<line x1="{at:.1f}" x2="{at:.1f}" y1="{base}" y2="{base + 5}" stroke="#888"/>'
            f'<text x="{at:.1f}" y="{base + 17}" text-anchor="{anchor}">{text}</text>'
        )
    middle_x, middle_y = LEFT + (WIDTH - LEFT - RIGHT) / 2, TOP + (base - TOP) / 2
    parts.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{base}" y2="{base}" stroke="#888"/>'
        f'<text x="{middle_x}" y="{base + 33}" text-anchor="middle">{escape(period)}</text>'
        f'<text transform="translate(14 {middle_y}) rotate(-90)" text-anchor="middle">Dollars</text>'
    )
    return parts


def _legend(names: Sequence[str]) -> list[tuple[str, int, int]]:
    """Each series' legend entry: (name, x, row), wrapped to the chart's width."""
    entries, row, across = [], 0, LEFT
    for name in names:
        wide = 24 + 7 * len(name)
        if across > LEFT and across + wide > WIDTH - RIGHT:
            row, across = row + 1, LEFT
        entries.append((name, across, row))
        across += wide
    return entries


def money_over_time(points: Sequence[Point], title: str, period: str = "Month") -> str:
    """A line per series (e.g. 'for', 'against') of dollars by period (`Month` or `Quarter`).

    Returns the SVG text; it keeps its viewBox and is sized to its container by the page's CSS. Each point
    carries its series, period and amount as its label and tooltip."""
    frame, step = _frame(points)
    legend = _legend(sorted({point[1] for point in points}))
    height = HEIGHT + _LEGEND_ROW * legend[-1][2]
    label = escape(title)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{label}" font-family="sans-serif" font-size="11">',
        f'<rect width="{WIDTH}" height="{height}" fill="white"/>',
        f'<text x="{WIDTH / 2}" y="18" text-anchor="middle" font-size="13" font-weight="bold">{label}</text>',
        *_axes(frame, step, [point[0].toordinal() for point in points], period),
    ]
    for index, (name, across, row) in enumerate(legend):
        colour = COLOURS[index % len(COLOURS)]
        series = sorted((point for point in points if point[1] == name), key=lambda point: point[0])
        line = " ".join(
            f"{'L' if i else 'M'}{frame.x(when.toordinal()):.1f} {frame.y(dollars):.1f}"
            for i, (when, _, dollars) in enumerate(series)
        )
        parts.append(f'<path d="{line}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for when, _, dollars in series:
            text = escape(
                f"series: {name}; {period}: {_period_label(when, period)}; Dollars: ${dollars:,.2f}"
            )
            parts.append(
                f'<circle cx="{frame.x(when.toordinal()):.1f}" cy="{frame.y(dollars):.1f}" r="2.5" '
                f'fill="{colour}" aria-label="{text}"><title>{text}</title></circle>'
            )
        top = HEIGHT - 14 + _LEGEND_ROW * row
        parts.append(
            f'<rect x="{across}" y="{top}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{across + 14}" y="{top + 9}">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
