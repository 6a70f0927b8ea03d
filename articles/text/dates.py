"""Find the dates written in Arabic news text, and read dates from metadata values.

Pure Python, standard library only, no Django.  Every regular expression is
compiled once, at import.

Public API
==========
``FoundDate``
    ``value`` (a ``datetime.date``; the first day of the month or year when the
    precision is coarser than a day), ``precision`` (``"day"``, ``"month"`` or
    ``"year"``), ``start``/``end`` (offsets into the text given, so that
    ``text[start:end]`` is the matched expression) and ``relative`` (True when
    the date was resolved against the reference date: a relative expression or
    a day and month written without a year).

``find_dates(text, reference=None)``
    Every date written in ``text``, in order of appearance, never overlapping.
    Never raises for a ``str``; never invents a date (no "today" by default).

``parse_date(value)``
    One metadata value (a command-line option, a JSON field, an HTML ``meta``
    value) -> the date it states, or None.  The whole value may be an ISO date
    or date-time (``2020-10-10``, ``2020-10-10T14:30:00+03:00``, ``2020-10``,
    ``20201010``) or a bare year (``2020``); otherwise it is the first date
    ``find_dates`` sees in the value (``10/10/2020``, ``١٠ أكتوبر ٢٠٢٠``,
    ``Sat, 10 Oct 2020 14:30:00 +0300``).  Relative expressions are never
    resolved (there is no reference), so ``"أمس"`` gives None.

What is recognised (the forms, both month families, relative days, validity) is
written out in docs/ingest.md, "Dates in the text"; the tables are in `date_words.py`.

How it works
============
One table, ``_RULES``.  A rule is a compiled pattern anchored on a distinctive
word or digit (month name, year word, relative word, digits), an optional
``prefix`` pattern for the words that may precede the anchor (weekday, day
number, ordinal), and a reader turning the matched groups into ``(date,
precision, relative)`` or None.  All rules run over the folded text;
overlapping candidates are resolved by tier (explicit before relative), then
length (longest first), then position.
"""

from __future__ import annotations

import calendar
import datetime
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from articles.text.date_words import (
    DIRECTION_OF,
    DIRECTIONS,
    MONTH_NAMES,
    MONTHS,
    NOT_TODAY_NEXT,
    ORDINAL_NAMES,
    ORDINALS,
    TATWEEL,
    WEEKDAY_NAMES,
    WEEKDAYS,
    fold,
    number_by_spelling,
    phrase_key,
)

__all__ = ["FoundDate", "find_dates", "parse_date"]

MIN_YEAR = 1900
MAX_YEAR = 2100
#: How far after the reference a day-month without a year may fall.
LOOKAHEAD_DAYS = 31


@dataclass(frozen=True)
class FoundDate:
    """A date written in a text; ``text[start:end]`` is the expression that states it."""

    value: datetime.date
    precision: str  # "day" | "month" | "year"
    start: int
    end: int
    relative: bool = False


# ---------------------------------------------------------------------------
# Regex building blocks (all applied to the folded text).
#
# Speed: every rule's pattern starts with a group of plain literal
# alternatives (or a digit class), which lets the regex engine skip quickly
# to possible starts.  The word-start test for that first word is therefore
# done in Python (``_at_word_start``), and optional words *before* the anchor
# (weekday, day number) are found by a second pattern anchored at the
# anchor's start (``_Rule.prefix``).
# ---------------------------------------------------------------------------

_LETTER = r"[^\W\d_]"
_END = rf"(?!{_LETTER})"  # no letter follows
# Inside a pattern: a word starts here (no letter before, or a one/two-letter
# clitic that itself starts a word: "وأمس", "بالعام", "للعام").
_START = (
    rf"(?:(?<!{_LETTER})"
    rf"|(?<=(?<!{_LETTER})[وفبل])"
    rf"|(?<=(?<!{_LETTER})(?:لل|وب|ول|فب|فل)))"
)
_CLITICS = frozenset({"و", "ف", "ب", "ل", "لل", "وب", "ول", "فب", "فل"})


def _at_word_start(folded: str, i: int) -> bool:
    """Same test as ``_START``, for the first word of a match."""
    if i == 0 or not folded[i - 1].isalpha():
        return True
    for width in (1, 2):
        before = i - width
        if before >= 0 and folded[before:i] in _CLITICS and (before == 0 or not folded[before - 1].isalpha()):
            return True
    return False


def _phrase(text: str) -> str:
    """Regex for one phrase: tatweel/harakat allowed inside and after each word, any spaces between words."""
    filler = f"{TATWEEL}*"
    return r"\s+".join(filler.join(map(re.escape, word)) + filler for word in fold(text).split())


def _words(phrases: Iterable[str], anchor: bool = False) -> str:
    """Alternation of whole words/phrases, longest first.

    With ``anchor=True`` the word-start test is left to ``_at_word_start`` so
    that the pattern begins with literal alternatives.
    """
    unique = sorted({phrase_key(fold(p)) for p in phrases}, key=len, reverse=True)
    return rf"{'' if anchor else _START}(?:{'|'.join(map(_phrase, unique))}){_END}"


def _names(table: dict[int, tuple[str, ...]], anchor: bool = False) -> str:
    return _words((name for names in table.values() for name in names), anchor)


# Relative day words and their offset from the reference.
_DAY_WORDS: dict[int, tuple[str, ...]] = {
    0: ("اليوم",),
    -1: ("أمس", "الأمس"),
    -2: ("أول أمس", "أول من أمس", "أمس الأول"),
}
_DAY_OFFSETS = number_by_spelling(_DAY_WORDS)

_WEEKDAY = _names(WEEKDAY_NAMES)
_DIRECTION = _names(DIRECTIONS)
_YEAR_WORD = _words(["عام", "العام", "سنة", "السنة"])
_ERA = _words(["م", "ميلادي", "ميلادية"])
_YEAR = rf"(?P<year>[0-9]{{4}})(?![0-9])(?:\s*{_ERA})?"
_ISO_TIME = r"t[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:z|[+-][0-9]{2}(?::?[0-9]{2})?)?"
# "السبت", "يوم السبت،", "اليوم الأربعاء", "يوم" directly before a date.
_WEEKDAY_PREFIX = rf"(?:{_words(['يوم', 'اليوم'])}[\s،,]+(?:{_WEEKDAY}[\s،,]*)?|{_WEEKDAY}[\s،,]*)"
_PREFIX_WINDOW = 64  # how far before an anchor its prefix may start
# Every prefix starts with a digit, "ال..." (weekday, ordinal, "الـ10") or "يوم".
_PREFIX_STARTS = re.compile(r"[اي0-9]")


def _extend_left(prefix: re.Pattern[str], folded: str, start: int) -> re.Match[str] | None:
    """The longest match of ``prefix`` ending exactly at ``start``.

    Trying ``fullmatch`` at the few possible first characters is much faster
    than a ``search`` for a pattern ending in ``\\Z``.
    """
    for first in _PREFIX_STARTS.finditer(folded, max(0, start - _PREFIX_WINDOW), start):
        match = prefix.fullmatch(folded, first.start(), start)
        if match is not None:
            return match
    return None


# "10 أكتوبر 2020", "أكتوبر/تشرين الأول 2020", "أكتوبر (تشرين الأول)"...: anchored
# on the first month name, which gives the month.
_TEXTUAL = re.compile(
    rf"""
    (?P<month>{_names(MONTH_NAMES, anchor=True)})
    (?:\s*[/\\\-–—]\s*{_names(MONTH_NAMES)}|\s*\(\s*{_names(MONTH_NAMES)}\s*\))?
    (?:\s+(?P<day_after>[0-9]{{1,2}})(?![0-9])(?=[\s،,]+[0-9]{{4}}))?
    (?:[\s،,\-/]*(?:(?:{_START}من\s+)?{_YEAR_WORD}\s*)?{_YEAR})?
    """,
    re.VERBOSE,
)
# What may precede the month: "السبت 10 ", "الـ10 من شهر ", "العاشر من ".
_TEXTUAL_PREFIX = re.compile(
    rf"""
    (?:{_WEEKDAY_PREFIX})?
    (?:
        (?:{_START}ال{TATWEEL}*\s?)?(?<![0-9.,:/%])(?P<day>[0-9]{{1,2}})(?:\s*(?:{_START}من\s+)?|[-/])
      | (?P<ordinal>{_names(ORDINAL_NAMES)})\s+{_START}من\s+
    )
    (?:{_START}شهر\s+)?
    """,
    re.VERBOSE,
)

# "2020-10-10", "2020/10/10", "2020-10-10T14:30:00+03:00", "10/10/2020", "10.10.2020".
_NUMERIC = re.compile(
    rf"""
    (?P<first>[0-9](?<![0-9.,:/%\-].)(?:[0-9](?:[0-9]{{2}})?)?)
    \x20?(?P<sep>[-/.])\x20?(?P<month>[0-9]{{1,2}})\x20?(?P=sep)\x20?(?P<last>[0-9]{{1,4}})
    (?:{_ISO_TIME})?
    (?![0-9]|[.,:/\-][0-9])
    """,
    re.VERBOSE,
)
_WEEKDAY_ONLY_PREFIX = re.compile(_WEEKDAY_PREFIX)

# "عام 2020", "سنة 2020", "العام 2020".
_YEAR_ONLY = re.compile(rf"{_words(['عام', 'العام', 'سنة', 'السنة'], anchor=True)}\s*{_YEAR}")

# "اليوم", "اليوم الأربعاء", "أمس", "أول من أمس"...; not "اليوم العالمي", "اليوم التالي".
_DAY_WORD = re.compile(
    rf"(?P<day_word>{_names(_DAY_WORDS, anchor=True)})(?!\s+{_words(NOT_TODAY_NEXT)})(?:\s+{_WEEKDAY})?"
)
# "يوم الجمعة", "يوم الجمعة المقبل".
_YAWM_WEEKDAY = re.compile(
    rf"{_words(['يوم'], anchor=True)}\s+(?P<weekday>{_WEEKDAY})(?:\s+(?P<direction>{_DIRECTION}))?"
)
# "الأحد الماضي", "الاثنين المقبل".
_WEEKDAY_DIRECTION = re.compile(
    rf"(?P<weekday>{_names(WEEKDAY_NAMES, anchor=True)})\s+(?P<direction>{_DIRECTION})"
)

# parse_date: values that are entirely an ISO date/date-time, "20201010" or a year.
_WHOLE_VALUE = re.compile(
    r"""
    \s*(?P<expr>
        (?P<y>[0-9]{4})
        (?:
            -(?P<m>[0-9]{2})(?:-(?P<d>[0-9]{2})
                (?:[t\x20][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?\s*(?:z|utc|[+-][0-9]{2}(?::?[0-9]{2})?)?)?
            )?
          | (?P<cm>[0-9]{2})(?P<cd>[0-9]{2})
        )?
    )\s*
    """,
    re.VERBOSE,
)


# ---------------------------------------------------------------------------
# Interpreting matches.  A reader gets the named groups of the match (and of
# its prefix) with their folded text, and returns (date, precision, relative)
# or None to drop the match.
# ---------------------------------------------------------------------------

Fields = dict[str, str | None]
Resolved = tuple[datetime.date, str, bool]


def _valid(year: int, month: int, day: int) -> datetime.date | None:
    if not MIN_YEAR <= year <= MAX_YEAR or not 1 <= month <= 12:
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return datetime.date(year, month, day)


def _explicit(year: int, month: int, day: int | None) -> Resolved | None:
    value = _valid(year, month, 1 if day is None else day)
    if value is None:
        return None
    return value, ("month" if day is None else "day"), False


def _without_year(month: int, day: int, reference: datetime.date) -> Resolved | None:
    """The latest valid date with this day and month no more than LOOKAHEAD_DAYS after the reference."""
    latest = reference + datetime.timedelta(days=LOOKAHEAD_DAYS)
    for year in (reference.year + 1, reference.year, reference.year - 1):
        value = _valid(year, month, day)
        if value is not None and value <= latest:
            return value, "day", True
    return None


def _weekday_near(reference: datetime.date, weekday: int, direction: int) -> datetime.date:
    """direction -1: strictly before, +1: strictly after, 0: on or before the reference."""
    if direction > 0:
        return reference + datetime.timedelta(days=(weekday - reference.weekday()) % 7 or 7)
    back = (reference.weekday() - weekday) % 7
    if direction < 0:
        back = back or 7
    return reference - datetime.timedelta(days=back)


def _read_textual(fields: Fields, reference: datetime.date | None) -> Resolved | None:
    month = MONTHS[phrase_key(fields["month"])]
    if fields.get("day") or fields.get("day_after"):
        day: int | None = int(fields.get("day") or fields["day_after"])
    elif fields.get("ordinal"):
        day = ORDINALS[phrase_key(fields["ordinal"])]
    else:
        day = None
    if fields["year"]:
        return _explicit(int(fields["year"]), month, day)
    if day is None or reference is None:
        return None  # a month name alone, or a day-month with nothing to resolve it against
    return _without_year(month, day, reference)


def _read_numeric(fields: Fields, reference: datetime.date | None) -> Resolved | None:
    first, month, last = fields["first"], int(fields["month"]), fields["last"]
    if len(first) == 4 and len(last) <= 2:
        return _explicit(int(first), month, int(last))
    if len(first) <= 2 and len(last) == 4:
        return _explicit(int(last), month, int(first))
    return None


def _read_year(fields: Fields, reference: datetime.date | None) -> Resolved | None:
    value = _valid(int(fields["year"]), 1, 1)
    return (value, "year", False) if value else None


def _read_day_word(fields: Fields, reference: datetime.date | None) -> Resolved | None:
    if reference is None:
        return None
    return reference + datetime.timedelta(days=_DAY_OFFSETS[phrase_key(fields["day_word"])]), "day", True


def _read_weekday(fields: Fields, reference: datetime.date | None) -> Resolved | None:
    if reference is None:
        return None
    weekday = WEEKDAYS[phrase_key(fields["weekday"])]
    direction = DIRECTION_OF[phrase_key(fields["direction"])] if fields.get("direction") else 0
    return _weekday_near(reference, weekday, direction), "day", True


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern[str]
    read: Callable[[Fields, datetime.date | None], Resolved | None]
    tier: int = 0  # the lower tier wins an overlap
    prefix: re.Pattern[str] | None = None  # optional words just before the pattern
    word_start: bool = True  # the match must begin a word (clitics allowed)


EXPLICIT, RELATIVE = 0, 1

_RULES: tuple[_Rule, ...] = (
    _Rule(_NUMERIC, _read_numeric, EXPLICIT, prefix=_WEEKDAY_ONLY_PREFIX, word_start=False),
    _Rule(_TEXTUAL, _read_textual, EXPLICIT, prefix=_TEXTUAL_PREFIX),
    _Rule(_YEAR_ONLY, _read_year, EXPLICIT),
    _Rule(_DAY_WORD, _read_day_word, RELATIVE),
    _Rule(_YAWM_WEEKDAY, _read_weekday, RELATIVE),
    _Rule(_WEEKDAY_DIRECTION, _read_weekday, RELATIVE),
)


# ---------------------------------------------------------------------------
# Public functions.
# ---------------------------------------------------------------------------

_Candidate = tuple[int, int, int, FoundDate]  # (tier, -length, start, date): sort key first


def _candidates(folded: str, reference: datetime.date | None) -> list[_Candidate]:
    found: list[_Candidate] = []
    for rule in _RULES:
        pos = 0
        while (match := rule.pattern.search(folded, pos)) is not None:
            start, end = match.span()
            if rule.word_start and not _at_word_start(folded, start):
                pos = start + 1  # inside a word: look again from the next character
                continue
            pos = end
            fields = match.groupdict()
            if rule.prefix is not None:
                before = _extend_left(rule.prefix, folded, start)
                if before is not None:
                    start = before.start()
                    fields.update((k, v) for k, v in before.groupdict().items() if v is not None)
            resolved = rule.read(fields, reference)
            if resolved is not None:
                value, precision, relative = resolved
                found.append(
                    (rule.tier, start - end, start, FoundDate(value, precision, start, end, relative))
                )
    return found


def _without_overlaps(candidates: list[_Candidate]) -> list[FoundDate]:
    """Keep the best candidates (tier, then length, then position) that overlap no better one."""
    starts: list[int] = []
    ends: list[int] = []
    kept: list[FoundDate] = []
    for *_, date in sorted(candidates, key=lambda c: c[:3]):
        i = bisect_left(starts, date.start)
        if (i > 0 and ends[i - 1] > date.start) or (i < len(starts) and starts[i] < date.end):
            continue
        starts.insert(i, date.start)
        ends.insert(i, date.end)
        kept.insert(i, date)
    return kept


def find_dates(text: str, reference: datetime.date | None = None) -> list[FoundDate]:
    """All dates written in `text`, in order of appearance, no overlaps.

    Relative expressions and day-months without a year are resolved against
    `reference` and left out when it is None.
    """
    if not isinstance(text, str) or not text:
        return []
    if isinstance(reference, datetime.datetime):
        reference = reference.date()
    elif not isinstance(reference, datetime.date):
        reference = None
    return _without_overlaps(_candidates(fold(text), reference))


def parse_date(value: str) -> FoundDate | None:
    """One metadata field value (a command-line option, a JSON field, an HTML meta value) -> the date it states, or None."""
    if not isinstance(value, str):
        return None
    folded = fold(value)
    whole = _WHOLE_VALUE.fullmatch(folded)
    if whole is None:
        dates = _without_overlaps(_candidates(folded, None))
        return dates[0] if dates else None
    year = int(whole["y"])
    if whole["cm"]:
        resolved = _explicit(year, int(whole["cm"]), int(whole["cd"]))
    elif whole["m"]:
        resolved = _explicit(year, int(whole["m"]), int(whole["d"]) if whole["d"] else None)
    else:
        resolved = _read_year({"year": whole["y"]}, None)
    if resolved is None:
        return None
    start, end = whole.span("expr")
    return FoundDate(resolved[0], resolved[1], start, end)
