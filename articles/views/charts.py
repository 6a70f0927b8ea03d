"""A timeline of articles and events per month, drawn as SVG on the server (no JavaScript)."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

WIDTH, HEIGHT, MARGIN = 720, 180, 28


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    month: str  # "2020-10"
    articles: int
    events: int
    event_y: float | None  # where the event marker sits, if any

    @property
    def center(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass
class Timeline:
    bars: list[Bar]
    years: list[tuple[float, int]]  # (x, year) labels
    peak: int
    width: int = WIDTH
    height: int = HEIGHT
    baseline: float = HEIGHT - MARGIN


def month_timeline(
    article_months: Mapping[datetime.date, int], event_months: Mapping[datetime.date, int]
) -> Timeline | None:
    """Bars of articles per month from the first to the last month seen; events as markers.
    Both counts come by month (any day of the month as key), counted by the database."""
    dates = [*article_months, *event_months]
    if not dates:
        return None
    articles = _by_month(article_months)
    events = _by_month(event_months)
    first, last = min(dates), max(dates)
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    peak = max([*articles.values(), 1])
    step = (WIDTH - 2 * MARGIN) / len(months)
    usable = HEIGHT - 2 * MARGIN
    bars, years = [], []
    for index, (year, month) in enumerate(months):
        x = MARGIN + index * step
        height = usable * articles[(year, month)] / peak
        baseline = HEIGHT - MARGIN
        bars.append(
            Bar(
                x=round(x + step * 0.1, 1),
                y=round(baseline - height, 1),
                width=round(step * 0.8, 1),
                height=round(height, 1),
                month=f"{year}-{month:02d}",
                articles=articles[(year, month)],
                events=events[(year, month)],
                event_y=round(baseline - height - 8, 1) if events[(year, month)] else None,
            )
        )
        if month == 1 or index == 0:
            years.append((round(x, 1), year))
    return Timeline(bars, years, peak)


def _by_month(counts: Mapping[datetime.date, int]) -> Counter:
    by_month: Counter = Counter()
    for day, n in counts.items():
        by_month[(day.year, day.month)] += n
    return by_month
