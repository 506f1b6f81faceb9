"""The site's charts: Vega-Lite specs drawn to SVG at build time by vl-convert, so a page needs no script,
no font download and no network to show them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import vl_convert


def money_over_time(points: Sequence[tuple[date, str, float]], title: str) -> str:
    """A line per series (e.g. 'for', 'against', 'raised') of money by month: (month, series, dollars).

    Returns the SVG text, sized to its container by the page's CSS (viewBox kept, fixed size dropped)."""
    spec: dict[str, Any] = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title,
        "width": 560,
        "height": 220,
        "data": {
            "values": [
                {"month": month.isoformat(), "series": series, "dollars": round(dollars, 2)}
                for month, series, dollars in points
            ]
        },
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {"field": "month", "type": "temporal", "title": "Month", "timeUnit": "yearmonth"},
            "y": {
                "field": "dollars",
                "type": "quantitative",
                "title": "Dollars",
                "axis": {"format": "$,.0f"},
            },
            "color": {"field": "series", "type": "nominal", "title": None},
        },
        "config": {"font": "sans-serif", "background": "white"},
    }
    svg: str = vl_convert.vegalite_to_svg(spec)
    return svg
