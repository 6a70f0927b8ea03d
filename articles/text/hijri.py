"""Hijri dates written in news pages ("١٢ شوال ١٤٤٤ هـ"), read as Gregorian dates.

Pages often print the Hijri date beside the Gregorian one; the Gregorian is read
first (`articles.text.dates`) and this module serves pages that give only the Hijri
date. The conversion is hijridate's Umm al-Qura calendar, the one Arabic news sites
print.
"""

from __future__ import annotations

import datetime

import regex
from hijridate import Hijri

from articles.text.dates import FoundDate

# Digits to ASCII; alef forms, alef maksura and teh marbuta folded: one character for one.
_FOLD = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹أإآىة", "01234567890123456789ااايه")
_MONTHS = {
    "محرم": 1,
    "صفر": 2,
    "ربيع الأول": 3,
    "ربيع الاول": 3,
    "ربيع الآخر": 4,
    "ربيع الاخر": 4,
    "ربيع الثاني": 4,
    "جمادى الأولى": 5,
    "جمادى الاولى": 5,
    "جمادي الأولى": 5,
    "جمادى الآخرة": 6,
    "جمادى الاخرة": 6,
    "جمادى الثانية": 6,
    "جمادي الآخرة": 6,
    "رجب": 7,
    "شعبان": 8,
    "رمضان": 9,
    "شوال": 10,
    "ذو القعدة": 11,
    "ذي القعدة": 11,
    "ذو الحجة": 12,
    "ذي الحجة": 12,
}
_MONTHS = {name.translate(_FOLD): number for name, number in _MONTHS.items()}
_MARKS = regex.compile("[\u064b-\u065f\u0670]")
_MONTH_PATTERN = "|".join(sorted(map(regex.escape, _MONTHS), key=len, reverse=True))
_HIJRI = regex.compile(
    rf"(?<!\d)(?P<day>\d{{1,2}})\s*(?:من\s+)?(?P<month>{_MONTH_PATTERN})\s*,?\s*(?P<year>1[34]\d\d)(?!\d)\s*(?:هـ|ه|ھ)?"
)


# "1444/9/25 هـ", "25/9/1444هـ": numbers only, so the marker هـ is required.
_HIJRI_NUMERIC = regex.compile(
    r"(?<!\d)(?:(?P<year>1[34]\d\d)[/.-](?P<month>\d{1,2})[/.-](?P<day>\d{1,2})"
    r"|(?P<day2>\d{1,2})[/.-](?P<month2>\d{1,2})[/.-](?P<year2>1[34]\d\d))(?!\d)\s*(?:هـ|ھ)"
)


def find_hijri(text: str) -> list[FoundDate]:
    """Every day-precision Hijri date in `text`, as Gregorian dates (offsets into `text`)."""
    if _MARKS.search(text):
        # Diacritics and tatweel ("محرّم", "هـ") are read through: found in the text without
        # them, each date's span is put back on the text as given.
        kept = [index for index, char in enumerate(text) if not _MARKS.match(char)]
        return [
            FoundDate(date.value, date.precision, kept[date.start], kept[date.end - 1] + 1)
            for date in find_hijri("".join(text[index] for index in kept))
        ]
    folded = text.translate(_FOLD)
    found = []
    for match in _HIJRI.finditer(folded):
        found += _gregorian(int(match["year"]), _MONTHS[match["month"]], int(match["day"]), match.span())
    for match in _HIJRI_NUMERIC.finditer(folded):
        year, month, day = (
            match["year"] or match["year2"],
            match["month"] or match["month2"],
            match["day"] or match["day2"],
        )
        found += _gregorian(int(year), int(month), int(day), match.span())
    return sorted(found, key=lambda date: date.start)


def _gregorian(year: int, month: int, day: int, span: tuple[int, int]) -> list[FoundDate]:
    try:
        value = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return []  # a day the calendar does not have, or a year outside its range
    return [FoundDate(datetime.date(value.year, value.month, value.day), "day", *span)]
