"""The words dates are written with, and the folded copy of a text they are matched in.

Month names of both families (and the Maghreb's), weekdays, ordinals, relative day words
and direction words, as tables of number → spellings; `fold` gives a same-length copy of
a text (digits Western, letters unified, marks and tatweel out) that `dates.py` matches.
"""

from __future__ import annotations

# ---------------------------------------------------------------------------
# Folding: a same-length copy of the text that is easier to match.
# ---------------------------------------------------------------------------

TATWEEL = "\u0640"


def build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for zero in (0x0660, 0x06F0):  # Arabic-Indic and Persian digits
        for i in range(10):
            table[zero + i] = str(i)
    table[0x066B] = "."  # Arabic decimal separator
    table[0x066C] = ","  # Arabic thousands separator
    table[0x066A] = "%"  # Arabic percent sign
    for ch in "أإآٱ":
        table[ord(ch)] = "ا"
    table[ord("ى")] = "ي"
    table[ord("ی")] = "ي"  # Persian yeh
    table[ord("ک")] = "ك"  # Persian kaf
    table[ord("ة")] = "ه"
    # Invisible in-word marks: ZWNJ, ZWJ, harakat, superscript alef.
    for cp in (0x200C, 0x200D, 0x0670, *range(0x064B, 0x0660)):
        table[cp] = TATWEEL
    # Bidi controls and BOM separate words.
    for cp in (0x061C, 0x200E, 0x200F, 0xFEFF, *range(0x202A, 0x202F), *range(0x2066, 0x206A)):
        table[cp] = " "
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = chr(cp + 32)
    return table


FOLD_TABLE = build_fold_table()


def fold(text: str) -> str:
    """Same-length normalised copy of ``text`` (what it folds: docs/ingest.md, "Dates in the text")."""
    return text.translate(FOLD_TABLE)


def phrase_key(matched: str) -> str:
    """Lookup key for a matched (already folded) phrase."""
    return " ".join(matched.replace(TATWEEL, "").split())


# ---------------------------------------------------------------------------
# Vocabulary tables.
# ---------------------------------------------------------------------------

MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("يناير", "كانون الثاني", "جانفي", "january", "jan"),
    2: ("فبراير", "شباط", "فيفري", "february", "feb"),
    3: ("مارس", "آذار", "march", "mar"),
    4: ("أبريل", "إبريل", "نيسان", "أفريل", "april", "apr"),
    5: ("مايو", "أيار", "ماي", "may"),
    6: ("يونيو", "يونيه", "حزيران", "جوان", "june", "jun"),
    7: ("يوليو", "يوليه", "تموز", "جويلية", "يوليوز", "july", "jul"),
    8: ("أغسطس", "آب", "أوت", "غشت", "august", "aug"),
    9: ("سبتمبر", "أيلول", "شتنبر", "september", "sept", "sep"),
    10: ("أكتوبر", "تشرين الأول", "october", "oct"),
    11: ("نوفمبر", "تشرين الثاني", "نونبر", "november", "nov"),
    12: ("ديسمبر", "كانون الأول", "دجنبر", "december", "dec"),
}

# Python's weekday(): Monday is 0.
WEEKDAY_NAMES: dict[int, tuple[str, ...]] = {
    0: ("الاثنين", "الإثنين"),
    1: ("الثلاثاء",),
    2: ("الأربعاء",),
    3: ("الخميس",),
    4: ("الجمعة",),
    5: ("السبت",),
    6: ("الأحد",),
}

UNITS = ("", "الحادي", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع")
ORDINAL_NAMES: dict[int, tuple[str, ...]] = {
    1: ("الأول",),
    **{n: (UNITS[n],) for n in range(2, 10)},
    10: ("العاشر",),
    **{10 + n: (f"{UNITS[n]} عشر",) for n in range(1, 10)},
    20: ("العشرين",),
    **{20 + n: (f"{UNITS[n]} والعشرين",) for n in range(1, 10)},
    30: ("الثلاثين",),
    31: ("الحادي والثلاثين",),
}

# Words after which "اليوم" means "the day", not "today".
NOT_TODAY_NEXT = (
    *[
        "العالمي",
        "الدولي",
        "الوطني",
        "التالي",
        "الموالي",
        "السابق",
        "الأخير",
        "نفسه",
        "ذاته",
        "الذي",
        "التي",
        "الواحد",
        "المفتوح",
        "الدراسي",
    ],
    *(names[0] for n, names in ORDINAL_NAMES.items() if n <= 10),
)

# Direction words after a weekday: -1 strictly before, +1 strictly after.
DIRECTIONS: dict[int, tuple[str, ...]] = {
    -1: ("الماضي", "الماضية", "المنصرم", "الفائت", "السابق"),
    1: ("المقبل", "المقبلة", "القادم", "القادمة"),
}


def number_by_spelling(table: dict[int, tuple[str, ...]]) -> dict[str, int]:
    return {phrase_key(fold(name)): number for number, names in table.items() for name in names}


MONTHS = number_by_spelling(MONTH_NAMES)
WEEKDAYS = number_by_spelling(WEEKDAY_NAMES)
ORDINALS = number_by_spelling(ORDINAL_NAMES)
DIRECTION_OF = number_by_spelling(DIRECTIONS)
