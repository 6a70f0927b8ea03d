"""Recognise the lines and phrases that state an article's metadata.

Pure functions over one line (or the lede): a byline and the name in it, a line
whose job is a date (whatever else it carries: a weekday, a time, "آخر تحديث", a
section name), an agency dateline opening the lede, a credit line. The cleaner asks
them which lines are metadata; `scraped` picks the values.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from articles.text.dates import FoundDate, find_dates
from articles.text.hijri import find_hijri
from articles.text.marks import strip_marks

NAME_MAX_WORDS = 6
BYLINE_MAX_WORDS = 14
DATE_LINE_MAX_CHARS = 160
DATE_LINE_MAX_LOOSE_WORDS = 6  # words of a date line that are neither furniture nor a date
DATE_SEGMENT_MAX_LOOSE_WORDS = 3  # the same, in the segment that holds the date

_BYLINE_LEADS = (
    "كتب",
    "كتبت",
    "كتبه",
    "كتبها",
    "بقلم",
    "بواسطة",
    "إعداد",
    "اعداد",
    "تحرير",
    "تقرير",
    "المحرر",
    "المحررة",
    "الكاتب",
    "الكاتبة",
    "حوار",
    "حاوره",
    "حاورته",
    "أجرى الحوار",
    "متابعة",
    "ترجمة",
    "تحقيق",
    "تغطية",
    "رصد",
    "مراسل",
    "مراسلة",
    "الصحفي",
    "الصحفية",
    "الصحافي",
    "الصحافية",
    "by",
    "written by",
    "posted by",
    "author",
)
_BYLINE_LEAD = "(?:" + "|".join(sorted(map(re.escape, _BYLINE_LEADS), key=len, reverse=True)) + ")"
# "بقلم: ليلى منصور", "كتب - زياد فرحات", "كتبت ــ منى", "By Omar Khalil | 3 مارس".
_BYLINE = re.compile(
    rf"^\s*(?:نشر|نشره|نشرت|published|posted)?\s*{_BYLINE_LEAD}(?=[\s:：\-–—ـ/])[\s:：\-–—ـ/]*(?P<name>[^|•·،,:–—ـ(/]+?)\s*(?:\s[-–—ـ]+\s|[|•·،,–—ـ(/]|$)",
    re.I,
)
# "زيد الخوالدة - محرر الشؤون العربية", "ليلى حسن | مراسلة الجزيرة".
_NAME_THEN_ROLE = re.compile(
    r"^\s*(?P<name>[^|•·،,:\-–—(0-9٠-٩]+?)\s*[\-–—|،,]\s*(?:مراسل|مراسلة|مراسلنا|محرر|محررة|موفد|موفدة|الموفد|المحرر"
    r"|كاتب|كاتبة|الكاتب|صحافي|صحافية|صحفي|صحفية|باحث|باحثة|محلل|محللة|رئيس|نائب|خاص|مكتب)"
)
_BAR = re.compile(r"\s*\|\s*")
_SECOND_NAME = re.compile(r"\s+و(?=\S{2,}\s+\S)")  # "… وجاد نصر الله": the second of two authors
_SEGMENT_START = re.compile(r"\s*[|•·]\s*")
# "مراسلنا في عدن: وضاح الحالمي".
_CORRESPONDENT = re.compile(
    r"^\s*(?:مراسلنا|مراسلتنا|مراسل|مراسلة|موفدنا|موفد|موفدة)(?:\s+\S+){0,2}?\s+(?:في|ب)\s*\S+(?:\s\S+)?\s*[:：\-–—]\s*"
    r"(?P<name>[^:：|•·،,()0-9٠-٩]+)$"
)
# "(محمد الأمين عبد الرحيم - الخرطوم)": the name and the correspondent's city, in brackets.
_NAME_PLACE_IN_BRACKETS = re.compile(r"^\s*\(\s*(?P<name>[^()|:0-9٠-٩\-–—]+?)\s+[-–—]\s+[^()\d]{2,25}\)\s*$")
# "بقلم الكاتب عاطف عبد الغني": the role is not the name.
_ROLE_BEFORE_NAME = re.compile(
    r"^\s*(?:الكاتب|الكاتبة|الصحفي|الصحفية|الصحافي|الصحافية|الإعلامي|الإعلامية|الباحث|الباحثة|الزميل|الزميلة)\s+(?=\S+\s+\S)"
)
# "القاهرة: محمد نبيل حلمي": the correspondent's city, then the name.
_PLACE_THEN_NAME = re.compile(
    r"^\s*[^\s:：|•·،,()0-9٠-٩]+(?:\s[^\s:：|•·،,()0-9٠-٩]+)?\s*[:：]\s*(?P<name>[^:：|•·،,()0-9٠-٩]+)$"
)
# "سلطان الحربي (الرياض)": a name and the correspondent's city.
_NAME_THEN_PLACE = re.compile(r"^\s*(?P<name>[^|•·،,:\-–—()0-9٠-٩]+?)\s*\([^()\d]{2,25}\)\s*$")
# What may follow the name on a byline: "بواسطة سارة علي في 12 مارس", "… منذ 3 ساعات".
_STAMP_AFTER_NAME = re.compile(r"\s+(?:في|منذ|on|at|يوم)\s+[^\d]{0,20}\d.*$|\s+\S*\d.*$", re.I)
# A dateline lede ("تبليسي - 1 يونيو 2022 (وكالات) - استقبل …") is a sentence, not a date line.
_SENTENCE = re.compile(r"\S+\s+\S+\s+\S+.*[.!؟?]['\"»”)]*$")
_DIGIT = re.compile(r"\d")
_HANDLE = re.compile(r"\s*@\w+|[\u2700-\u27bf\U0001f300-\U0001faff]")
_NAME_WORD = re.compile(r"^[\w\u0600-\u06ff.'ʼ-]+$")
# The end marks of wire copy: "(انتهى)", "— يتبع".
_NOT_A_CREDIT = {"انتهى", "إنتهى", "يتبع", "تابع", "النهاية", "ع.م", "end"}
_FUNCTION_WORDS = {
    "من",
    "في",
    "على",
    "إلى",
    "الى",
    "عن",
    "مع",
    "حول",
    "بعد",
    "قبل",
    "هذا",
    "هذه",
    "التي",
    "الذي",
}
_NOT_A_NAME = {
    "وكالات",
    "الوكالات",
    "رويترز",
    "المحرر",
    "التحرير",
    "فريق",
    "هيئة",
    "قسم",
    "محرر",
    "مراسلنا",
    "مراسل",
}
_UPDATE = re.compile(r"(?:آخر|اخر|أخر)\s+(?:تحديث|تعديل)|تحديث|تم التحديث|محدث|updated|modified", re.I)
_PUBLISHED = re.compile(r"نشر|تاريخ|أضيف|اضيف|بتاريخ|الإضافة|الاضافة|published|posted|date", re.I)
_SEGMENTS = re.compile(r"\s*[|•·]\s*|\s+[-–—]\s+|\s{2,}")
# Datelines: "جدة - واس:", "بيروت (أ ف ب) -", "عدن – «الشرق الأوسط»:", "(د ب أ) -".
_PLACE = r"[^\s\-–—ـ(«:،.]+(?:\s[^\s\-–—ـ(«:،.]+){0,2}"
_AGENCY = r"«[^»]{2,40}»|\"[^\"]{2,40}\"|[^\s:،.\-–—ـ()«]+(?:\s[^\s:،.\-–—ـ()«]+){0,3}"
_DATELINE_PATTERNS = (
    re.compile(rf"^\s*{_PLACE}\s*[-–—ـ]+\s*(?P<agency>{_AGENCY})\s*[:：]"),
    re.compile(rf"^\s*{_PLACE}\s*[-–—ـ]+\s*(?P<agency>{_AGENCY})\s+[-–—ـ]\s"),
    re.compile(rf"^\s*{_PLACE}\s*\((?P<agency>[^()]{{2,40}})\)\s*[-–—ـ:：]"),
    re.compile(r"^\s*\((?P<agency>[^()]{2,40})\)\s*[-–—ـ:：]"),
    re.compile(rf"^\s*{_PLACE}\s*[-–—ـ]+\s*\((?P<agency>[^()]{{2,40}})\)\s*[-–—ـ:：]?"),
    # With the date between: "إسطنبول - 22 - 7 (وعم) -", "موسكو 10 أكتوبر 2020 (وكالات) -".
    re.compile(
        rf"^\s*{_PLACE}\s*[-–—ـ،,]?\s*[0-9٠-٩][^()]{{0,30}}?\((?P<agency>[^()]{{2,40}})\)\s*[-–—ـ:：]"
    ),
)
# A credit standing alone on a line: "(رويترز)", "— أ ف ب", "وكالات".
_CREDIT_LINE = re.compile(
    r"^\s*(?:[(\[]\s*(?P<a>[^()\[\]]{2,40})\s*[)\]]|[—–-]+\s*(?P<b>[^.!؟?]{2,40}))\s*\.?\s*$"
)


@dataclass(frozen=True)
class DateLine:
    date: FoundDate
    updated: bool  # the date is a "last updated" stamp, not the publication
    labelled: bool = False  # a label says it is the publication date ("تاريخ الإضافة", "نشر يوم")


def byline_name(line: str) -> str:
    """The author a short byline line names, or "". A line of segments ("تصريحات النواب |
    كتب: فهد المطيري") is read segment by segment."""
    if line.count(" ") >= BYLINE_MAX_WORDS:
        return ""
    line = _HANDLE.sub("", strip_marks(line))
    for text in (line, *(_BAR.split(line) if "|" in line else ())):
        for pattern in (_BYLINE, _CORRESPONDENT, _NAME_THEN_ROLE, _NAME_THEN_PLACE, _NAME_PLACE_IN_BRACKETS):
            match = pattern.match(text.strip())
            name = _ROLE_BEFORE_NAME.sub("", _STAMP_AFTER_NAME.sub("", match.group("name"))) if match else ""
            if _is_name(name):
                return name.strip()
    return ""


# Forms a byline takes only near the headline, where no sentence of the article stands:
# "بغداد: مازن الحسيني", "الرياض - عبدالله الشهري".
_PLACE_THEN_NAME_DASH = re.compile(
    r"^\s*[^\s:：|•·،,()0-9٠-٩\-–—]+(?:\s[^\s:：|•·،,()0-9٠-٩\-–—]+)?\s+[-–—]\s+(?P<name>[^:：|•·،,()0-9٠-٩\-–—]+)$"
)


def header_byline_name(line: str, agency_words: frozenset[str]) -> str:
    """The author a line standing by the headline names in a form that only a byline
    takes there: the correspondent's city, then the name. A name holding an agency's
    word ("وكالة", "رويترز") is a source, not an author. (A name alone on its line was
    tried and lost held-out pages: sites' and sections' names pass for people's.)"""
    line = _HANDLE.sub("", strip_marks(line))
    for pattern in (_PLACE_THEN_NAME, _PLACE_THEN_NAME_DASH):
        match = pattern.match(line)
        if match and 2 <= len(match.group("name").split()) <= 4:
            return _personal(match.group("name"), agency_words)
    return ""


# "لندن: «الشرق الأوسط»", "أبوظبي - سكاي نيوز عربية": the place and the outlet, on a line of their own.
_PLACE_THEN_QUOTED = re.compile(rf"^\s*{_PLACE}\s*[:：\-–—]\s*«(?P<agency>[^»]{{2,40}})»\s*$")
_PLACE_THEN_OUTLET = re.compile(rf"^\s*{_PLACE}\s*[:：\-–—]\s*(?P<agency>[^:：|•·،,()«»\d]{{2,40}})$")


def header_source(line: str, agency_words: frozenset[str]) -> str:
    """The outlet a line above the article credits as "place - outlet" ("أبوظبي - سكاي نيوز
    عربية", "لندن: «الشرق الأوسط»"): quoted, or holding an agency's word; else ""."""
    line = strip_marks(line)
    match = _PLACE_THEN_QUOTED.match(line)
    if match:
        return match.group("agency").strip()
    match = _PLACE_THEN_OUTLET.match(line)
    if match and len(match.group("agency").split()) <= 5:
        agency = match.group("agency").strip()
        return agency if set(agency.replace(".", " ").split()) & agency_words else ""
    return ""


def bare_name(line: str, agency_words: frozenset[str]) -> str:
    """A name alone (two to four words), or two joined by "و" ("ريم عبد الله وجاد نصر الله"),
    or opening a line of segments ("ريم عبد الله | الأحد 14 أيار 2023"): a byline only
    where the headline and the date stand by it."""
    first = _SEGMENT_START.split(strip_marks(line), maxsplit=1)[0].strip()
    names = _SECOND_NAME.split(first, maxsplit=1)
    if not all(2 <= len(name.split()) <= 4 for name in names):
        return ""
    return first if all(_personal(name, agency_words) for name in names) else ""


def _personal(name: str, agency_words: frozenset[str]) -> str:
    name = name.strip()
    words = set(name.replace(".", " ").split())
    return name if _is_name(name) and "." not in name and not words & agency_words else ""


def _is_name(text: str) -> bool:
    words = text.split()
    return (
        2 <= len(words) <= NAME_MAX_WORDS
        and all(_NAME_WORD.match(word) for word in words)
        and not any(char.isdigit() for char in text)
        and words[0] not in _NOT_A_NAME
        and not _FUNCTION_WORDS.intersection(words)
    )


def date_line(line: str, loose_words: Callable[[str], int]) -> DateLine | None:
    """The date a line states when stating it is the line's job.

    A line is cut at its separators (| • · and spaced dashes); a segment whose words,
    beside its date, are at most a few that are not furniture (`loose_words` counts
    those: the cleaner knows the vocabulary) is a date stamp, publication or update.
    A line of prose that mentions a date is not a date line.
    """
    if len(line) > DATE_LINE_MAX_CHARS or not _DIGIT.search(line) or _SENTENCE.search(line):
        return None
    spans = absolute_dates(line)
    if not spans or loose_words(line) - _words_in(line, spans) > DATE_LINE_MAX_LOOSE_WORDS:
        return None
    stamps = []
    for segment in _SEGMENTS.split(line):
        dates = absolute_dates(segment)  # a Gregorian date first, when the segment gives both
        if dates and loose_words(segment) - _words_in(segment, dates) <= DATE_SEGMENT_MAX_LOOSE_WORDS:
            updated = bool(_UPDATE.search(segment))
            stamps.append(DateLine(dates[0], updated, not updated and bool(_PUBLISHED.search(segment))))
    published = [stamp for stamp in stamps if not stamp.updated]
    return (published or stamps or [None])[0]


def absolute_dates(text: str) -> list[FoundDate]:
    """The dates the text states outright (no "أمس"), Gregorian ones first, then Hijri ones."""
    return [date for date in find_dates(text) if not date.relative] + find_hijri(text)


def _words_in(text: str, spans: list[FoundDate]) -> int:
    """How many words the dates span (they are not counted as loose words)."""
    return sum(len(text[date.start : date.end].split()) for date in spans)


def dateline_agency(paragraph: str) -> str:
    """The agency an agency dateline opening the lede credits, or ""."""
    head = paragraph[:120]
    for pattern in _DATELINE_PATTERNS:
        match = pattern.match(head)
        if match:
            agency = match.group("agency").strip().strip('«»"')
            if agency and not any(char.isdigit() for char in agency):
                return agency
    return ""


def credit_line(line: str) -> str:
    """The agency a line that is nothing but a credit names ("(رويترز)", "— أ ف ب"), or ""."""
    match = _CREDIT_LINE.match(line)
    if not match:
        return ""
    value = (match.group("a") or match.group("b") or "").strip()
    if value in _NOT_A_CREDIT or any(char.isdigit() for char in value):
        return ""
    return value if len(value.split()) <= 4 else ""
