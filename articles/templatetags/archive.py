"""Template helpers for the public pages."""

from __future__ import annotations

import datetime

from django import template
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
