"""Template helpers for the public pages."""

from __future__ import annotations

import datetime
from functools import lru_cache

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def dated(value: datetime.date | None, precision: str) -> str:
    """A date as precise as it is known, in Arabic: "10 أكتوبر 2020", "أكتوبر 2020", "2020"."""
    if value is None or precision == "unknown":
        return gettext("date unknown")
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return date_format(value, "F Y")
    return date_format(value, "j F Y")


@register.simple_tag
def link(view_name: str, *args: object) -> str:
    """`{% url %}` for the links a page repeats by the hundred (actors, venues, events):
    the same reversal, remembered by the process. Reversing costs about 40 µs, and an
    actor page holds two hundred links."""
    return _reversed(get_script_prefix(), view_name, tuple(str(arg) for arg in args))


@lru_cache(maxsize=1 << 14)
def _reversed(script_prefix: str, view_name: str, args: tuple[str, ...]) -> str:
    return reverse(view_name, args=args)  # the prefix is part of the key: reverse() reads it
