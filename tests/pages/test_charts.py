"""The actor page's timeline: one bar per month between the first and last date, events as dots."""

import datetime
from collections import Counter

from articles.views.charts import HEIGHT, MARGIN, month_timeline


def days(*texts: str) -> Counter:
    """Rows per day, as the database counts them (the chart groups the days by month)."""
    return Counter(datetime.date.fromisoformat(text) for text in texts)


def test_it_has_a_bar_for_every_month_including_empty_ones():
    timeline = month_timeline(days("2020-10-10", "2020-10-11", "2021-01-05"), days("2020-11-09"))
    assert [bar.month for bar in timeline.bars] == ["2020-10", "2020-11", "2020-12", "2021-01"]
    assert [bar.articles for bar in timeline.bars] == [2, 0, 0, 1]
    assert [bar.events for bar in timeline.bars] == [0, 1, 0, 0]


def test_the_busiest_month_is_the_tallest_bar_and_empty_months_have_none():
    timeline = month_timeline(days(*["2022-05-22"] * 4, "2022-07-01"), days())
    may, june, july = timeline.bars
    assert may.height == HEIGHT - 2 * MARGIN and may.y == MARGIN
    assert june.height == 0 and june.event_y is None
    assert july.height == may.height / 4
    assert timeline.peak == 4


def test_years_are_labelled_where_they_start():
    timeline = month_timeline(days("2020-11-01", "2022-02-01"), days())
    assert [year for _x, year in timeline.years] == [2020, 2021, 2022]


def test_no_dates_no_chart():
    assert month_timeline(days(), days()) is None
