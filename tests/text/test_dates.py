"""Tests for articles.text.dates (pure Python: no Django, no database)."""

from __future__ import annotations

import dataclasses
import itertools
import random
from datetime import date

import pytest

from articles.text.dates import FoundDate, find_dates, parse_date

# A Wednesday.
REF = date(2021, 10, 13)


def found(text: str, reference: date | None = None) -> list[tuple[str, date, str, bool]]:
    """(matched expression, value, precision, relative) for every date in text."""
    return [(text[d.start : d.end], d.value, d.precision, d.relative) for d in find_dates(text, reference)]


def only(text: str, reference: date | None = None) -> tuple[str, date, str, bool]:
    results = found(text, reference)
    assert len(results) == 1, results
    return results[0]


# ---------------------------------------------------------------------------
# Explicit dates
# ---------------------------------------------------------------------------

DAY_FORMS = [
    ("أعلنت الوزارة في 10 أكتوبر 2020 عن خطة جديدة", "10 أكتوبر 2020"),
    ("وقعت الاتفاقية بتاريخ 10 أكتوبر عام 2020 في القاهرة", "10 أكتوبر عام 2020"),
    ("صدر القرار في 10 أكتوبر 2020م بحضور الوزير", "10 أكتوبر 2020م"),
    ("وكان ذلك في 10 أكتوبر، 2020 بحسب المصدر", "10 أكتوبر، 2020"),
    ("انطلقت الاحتجاجات في الـ10 من أكتوبر 2020 واستمرت أسابيع", "الـ10 من أكتوبر 2020"),
    ("بدأت الحملة في 10 من شهر أكتوبر 2020", "10 من شهر أكتوبر 2020"),
    ("افتتح المعرض في العاشر من أكتوبر 2020", "العاشر من أكتوبر 2020"),
    ("جرت الانتخابات في 10 أكتوبر من العام 2020", "10 أكتوبر من العام 2020"),
    ("نشر البيان 2020-10-10 على موقع الوزارة", "2020-10-10"),
    ("نشر البيان 2020/10/10 على موقع الوزارة", "2020/10/10"),
    ("تاريخ النشر: 10/10/2020", "10/10/2020"),
    ("تاريخ النشر: 10-10-2020", "10-10-2020"),
    ("تاريخ النشر: 10.10.2020", "10.10.2020"),
    ("آخر تحديث 2020-10-10T14:30:00+03:00", "2020-10-10T14:30:00+03:00"),
]


@pytest.mark.parametrize(("text", "expression"), DAY_FORMS)
def test_it_reads_each_day_form(text: str, expression: str) -> None:
    assert only(text) == (expression, date(2020, 10, 10), "day", False)


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("ارتفعت الأسعار في أكتوبر 2020 بنسبة كبيرة", "أكتوبر 2020", date(2020, 10, 1)),
        ("وفي تشرين الأول 2020 أعلنت الحكومة", "تشرين الأول 2020", date(2020, 10, 1)),
        ("منذ كانون الثاني 2019 لم تصرف الرواتب", "كانون الثاني 2019", date(2019, 1, 1)),
        ("تراجعت الصادرات في مايو من عام 2021", "مايو من عام 2021", date(2021, 5, 1)),
    ],
)
def test_it_reads_month_precision(text: str, expression: str, value: date) -> None:
    assert only(text) == (expression, value, "month", False)


@pytest.mark.parametrize(
    ("text", "expression", "year"),
    [
        ("شهدت البلاد عام 2020 أزمة اقتصادية", "عام 2020", 2020),
        ("أقر البرلمان الموازنة سنة 2019", "سنة 2019", 2019),
        ("انخفض النمو في العام 2018 إلى 2%", "العام 2018", 2018),
        ("صدر القانون رقم 10 لسنة 2016", "سنة 2016", 2016),
        ("خطة الحكومة للعام ٢٠٢٢", "عام ٢٠٢٢", 2022),
    ],
)
def test_it_reads_year_precision(text: str, expression: str, year: int) -> None:
    assert only(text) == (expression, date(year, 1, 1), "year", False)


SPELLINGS_BY_MONTH = {
    1: ["يناير", "كانون الثاني"],
    2: ["فبراير", "شباط"],
    3: ["مارس", "آذار", "اذار"],
    4: ["أبريل", "ابريل", "إبريل", "نيسان"],
    5: ["مايو", "أيار", "ايار"],
    6: ["يونيو", "يونيه", "حزيران"],
    7: ["يوليو", "يوليه", "تموز"],
    8: ["أغسطس", "اغسطس", "آب"],
    9: ["سبتمبر", "أيلول", "ايلول"],
    10: ["أكتوبر", "اكتوبر", "تشرين الأول", "تشرين الاول"],
    11: ["نوفمبر", "تشرين الثاني"],
    12: ["ديسمبر", "كانون الأول", "كانون الاول"],
}
MONTH_SPELLINGS = [(name, month) for month, names in SPELLINGS_BY_MONTH.items() for name in names]


@pytest.mark.parametrize(("name", "month"), MONTH_SPELLINGS)
def test_it_knows_every_month_spelling(name: str, month: int) -> None:
    text = f"وقعت الحادثة في 7 {name} 2019 حسب الشرطة"
    assert only(text) == (f"7 {name} 2019", date(2019, month, 7), "day", False)


@pytest.mark.parametrize(
    ("expression", "month"),
    [
        ("أكتوبر/تشرين الأول", 10),
        ("تشرين الأول/أكتوبر", 10),
        ("أيلول/سبتمبر", 9),
        ("أكتوبر (تشرين الأول)", 10),
        ("نوفمبر / تشرين الثاني", 11),
        ("آب/أغسطس", 8),
    ],
)
def test_it_reads_combined_month_forms(expression: str, month: int) -> None:
    text = f"أفادت وكالة الأنباء في 3 {expression} 2021 بأن المحادثات انتهت"
    assert only(text) == (f"3 {expression} 2021", date(2021, month, 3), "day", False)
    assert only(f"في {expression} 2021 تراجعت الأسعار") == (
        f"{expression} 2021",
        date(2021, month, 1),
        "month",
        False,
    )


@pytest.mark.parametrize(
    ("text", "expression"),
    [
        ("القاهرة - ١٠ أكتوبر ٢٠٢٠ (رويترز)", "١٠ أكتوبر ٢٠٢٠"),
        ("طهران - ۱۰ أكتوبر ۲۰۲۰", "۱۰ أكتوبر ۲۰۲۰"),
        ("تاريخ الخبر: ١٠/١٠/٢٠٢٠", "١٠/١٠/٢٠٢٠"),
        ("تاريخ الخبر: ٢٠٢٠-١٠-١٠", "٢٠٢٠-١٠-١٠"),
        ("بتاريخ 1٠ أكتوبر ٢0٢٠ صدر القرار", "1٠ أكتوبر ٢0٢٠"),
    ],
)
def test_it_reads_arabic_indic_persian_and_mixed_digits(text: str, expression: str) -> None:
    assert only(text) == (expression, date(2020, 10, 10), "day", False)


@pytest.mark.parametrize(
    ("text", "expression"),
    [
        ("نشر السبت 10 أكتوبر/تشرين الأول 2020 تقرير", "السبت 10 أكتوبر/تشرين الأول 2020"),
        ("وذلك يوم السبت، 10/10/2020 في العاصمة", "يوم السبت، 10/10/2020"),
        ("أعلن الجيش اليوم السبت 10 أكتوبر 2020 انتهاء العملية", "اليوم السبت 10 أكتوبر 2020"),
        ("صرح الوزير اليوم، 10 أكتوبر 2020، بأن", "اليوم، 10 أكتوبر 2020"),
        ("تبدأ الدورة يوم 10/10/2020", "يوم 10/10/2020"),
    ],
)
def test_it_includes_a_preceding_weekday_or_yawm_in_the_span(text: str, expression: str) -> None:
    # Also with a reference: "اليوم السبت" or "اليوم" must not come out as a second date.
    assert only(text, REF) == (expression, date(2020, 10, 10), "day", False)


@pytest.mark.parametrize(
    "month_word",
    ["أكتـــوبر", "أكتـ\u200cـوبر", "أكـ\u200cتوبر", "أكتوبرَ", "تشريـن الأول"],
)
def test_it_ignores_tatweel_zwnj_and_harakat_inside_month_names(month_word: str) -> None:
    text = f"في 10 {month_word} 2020 وقع الانفجار"
    expected_month = 10
    assert only(text) == (f"10 {month_word} 2020", date(2020, expected_month, 10), "day", False)


@pytest.mark.parametrize(
    ("text", "expression"),
    [
        ("٢٦ نوفمبر/تشرين الثاني ٢٠٢١ - ١٤:٣٠", "٢٦ نوفمبر/تشرين الثاني ٢٠٢١"),
        ("نشر في 26 نوفمبر 2021 الساعة 14:30 بتوقيت مكة", "26 نوفمبر 2021"),
        ("26/11/2021 14:30", "26/11/2021"),
        ("2021-11-26 14:30:00", "2021-11-26"),
    ],
)
def test_it_leaves_the_time_out_of_the_date(text: str, expression: str) -> None:
    assert only(text, REF) == (expression, date(2021, 11, 26), "day", False)


def test_it_returns_dates_in_order_without_overlaps() -> None:
    text = (
        "أعلنت الحكومة السبت 10 أكتوبر/تشرين الأول 2020 عن خطة تمتد حتى عام 2025، "
        "بعد اجتماع عقد في 2020-09-01، على أن تراجع في مارس 2021."
    )
    assert found(text) == [
        ("السبت 10 أكتوبر/تشرين الأول 2020", date(2020, 10, 10), "day", False),
        ("عام 2025", date(2025, 1, 1), "year", False),
        ("2020-09-01", date(2020, 9, 1), "day", False),
        ("مارس 2021", date(2021, 3, 1), "month", False),
    ]
    results = find_dates(text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(results))


# ---------------------------------------------------------------------------
# Dates resolved against the reference
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reference", "text", "expression", "value"),
    [
        (REF, "التقى الوزيران في 9 أكتوبر لبحث الأزمة", "9 أكتوبر", date(2021, 10, 9)),
        (REF, "ويعقد المؤتمر يوم 14 كانون الأول في بيروت", "يوم 14 كانون الأول", date(2020, 12, 14)),
        (REF, "تنطلق القمة في 10 نوفمبر المقبل", "10 نوفمبر", date(2021, 11, 10)),  # 28 days ahead
        (REF, "وكانت الحادثة في 20 نوفمبر", "20 نوفمبر", date(2020, 11, 20)),  # 38 days ahead: last year
        (date(2021, 1, 5), "أعلنت الشرطة في 28 ديسمبر عن اعتقال", "28 ديسمبر", date(2020, 12, 28)),
        (date(2020, 12, 20), "تبدأ المفاوضات في 5 يناير", "5 يناير", date(2021, 1, 5)),
        (date(2021, 3, 1), "ولد في 29 فبراير", "29 فبراير", date(2020, 2, 29)),
        (REF, "جرى التصويت في الخامس من أكتوبر", "الخامس من أكتوبر", date(2021, 10, 5)),
        (REF, "اليوم الأربعاء 13 أكتوبر", "اليوم الأربعاء 13 أكتوبر", date(2021, 10, 13)),
    ],
)
def test_it_resolves_day_month_without_year(reference: date, text: str, expression: str, value: date) -> None:
    assert only(text, reference) == (expression, value, "day", True)


RELATIVE_DAYS = [
    ("قال الرئيس اليوم الأربعاء إن المفاوضات مستمرة", "اليوم الأربعاء", date(2021, 10, 13)),
    ("وصل الوفد اليوم إلى عمّان", "اليوم", date(2021, 10, 13)),
    ("أعلنت الوزارة أمس عن إجراءات جديدة", "أمس", date(2021, 10, 12)),
    ("أعلنت الوزارة امس الثلاثاء عن إجراءات جديدة", "امس الثلاثاء", date(2021, 10, 12)),
    ("وكانت الشرطة قد اعتقلت بالأمس ثلاثة مشتبهين", "الأمس", date(2021, 10, 12)),
    ("وقع الانفجار أول أمس في السوق", "أول أمس", date(2021, 10, 11)),
    ("وقع الانفجار أول من أمس في السوق", "أول من أمس", date(2021, 10, 11)),
    ("التقى الرئيس يوم الجمعة بوفد أوروبي", "يوم الجمعة", date(2021, 10, 8)),
    ("التقى الرئيس يوم الأربعاء بوفد أوروبي", "يوم الأربعاء", date(2021, 10, 13)),
    ("جرت الانتخابات الأحد الماضي وسط إقبال ضعيف", "الأحد الماضي", date(2021, 10, 10)),
    ("جرت الانتخابات الأربعاء الماضي", "الأربعاء الماضي", date(2021, 10, 6)),
    ("تبدأ الدراسة الاثنين المقبل في جميع المدارس", "الاثنين المقبل", date(2021, 10, 18)),
    ("تعقد الجلسة يوم الجمعة القادمة", "يوم الجمعة القادمة", date(2021, 10, 15)),
    ("تعقد الجلسة الأربعاء المقبل", "الأربعاء المقبل", date(2021, 10, 20)),
]


@pytest.mark.parametrize(("text", "expression", "value"), RELATIVE_DAYS)
def test_it_resolves_relative_days_with_a_reference(text: str, expression: str, value: date) -> None:
    assert only(text, REF) == (expression, value, "day", True)


@pytest.mark.parametrize(
    "text",
    [text for text, _, _ in RELATIVE_DAYS]
    + ["التقى الوزيران في 9 أكتوبر لبحث الأزمة", "ويعقد المؤتمر يوم 14 كانون الأول في بيروت"],
)
def test_it_returns_nothing_relative_without_a_reference(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "تصدر الصحف اليومية في موعدها",
        "احتفل العالم باليوم العالمي للمرأة",
        "وفي اليوم التالي عاد الهدوء إلى المدينة",
        "في اليوم الأول من المعرض",
        "قالت صحيفة اليوم السابع إن",
        "أقيمت أمسية شعرية في المركز الثقافي",
        "وكان أحد الحضور من الأحدث سنا",
    ],
)
def test_it_does_not_take_these_words_for_relative_days(text: str) -> None:
    assert find_dates(text, REF) == []


# ---------------------------------------------------------------------------
# Invalid dates and text without dates
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "في 31 فبراير 2021 حسب البيان",
        "في 29 فبراير 2021",
        "في 31/04/2021",
        "بتاريخ 2020-13-01",
        "بتاريخ 2020-00-10",
        "بتاريخ 32/01/2020",
        "في 10 أكتوبر 1850",
        "خلال عام 1899",
        "بحلول عام 2150",
        "في 0 أكتوبر 2020",
    ],
)
def test_it_rejects_impossible_dates(text: str) -> None:
    assert find_dates(text, REF) == []


@pytest.mark.parametrize(("text", "year"), [("عام 1900", 1900), ("عام 2100", 2100), ("29 فبراير 2020", 2020)])
def test_it_accepts_the_limits(text: str, year: int) -> None:
    assert find_dates(text)[0].value.year == year


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "أكد المتحدث أن الوضع مستقر وأن المفاوضات مستمرة",
        "ويبدأ الاجتماع الساعة 10:30 صباحا ويستمر حتى 14:30",
        "للاستفسار يرجى الاتصال على 0123456789 أو +966 50 123 4567 أو 0100-123-4567",
        "قتل 10 جنود وأصيب 25 آخرون في الهجوم",
        "ارتفع التضخم بنسبة 10% وبلغ النمو ٣٫٥٪",
        "بلغت الخسائر 1,000,000 دولار و2.500.000 يورو",
        "يعيش في المدينة 2020 شخصا",
        "وحقق الفريق الفوز 3-1 في موسم 2020/2021",
        "الخادم على العنوان 192.168.1.2020 و10.10.10.10",
        "في أكتوبر تتساقط الأوراق",
    ],
)
def test_it_finds_no_date_in(text: str) -> None:
    assert find_dates(text) == []
    assert find_dates(text, REF) == []


@pytest.mark.parametrize(
    "text",
    [
        "\u202b١٠ أكتوبر ٢٠٢٠\u202c",
        "\u200f10 أكتوبر 2020\u200f",
        "\u2067في 10/10/2020\u2069",
    ],
)
def test_it_reads_through_bidi_controls(text: str) -> None:
    (result,) = find_dates(text)
    assert result.value == date(2020, 10, 10)
    assert (
        text[result.start : result.end].strip("\u200f\u202b\u202c\u2067\u2069")
        == text[result.start : result.end]
    )


def test_it_never_raises_on_odd_input() -> None:
    rng = random.Random(20201010)
    alphabet = "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲/-.:، أكتوبرامسليومعانـ\u200c\u200f\u202e\ud800\U0001f600"
    samples = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300))) for _ in range(300)] + [
        "".join(chr(rng.randint(0, 0x10FFFF)) for _ in range(2000)),
        "\u202e\u2066\u200f" * 100,
        "9" * 10_000,
        "الـ" * 1000,
    ]
    for text in samples:
        for result in find_dates(text, REF):
            assert 0 <= result.start < result.end <= len(text)
        parse_date(text)


def test_it_finds_every_date_in_a_megabyte() -> None:
    # Speed is measured by the benchmark, not asserted here (timings flake on shared machines).
    paragraph = (
        "أعلنت وزارة الصحة اليوم الأربعاء تسجيل 1,234 إصابة جديدة بنسبة 12% وقال الوزير في مؤتمر "
        "صحفي عقده الساعة 10:30 إن الوضع مستقر منذ 10 أكتوبر/تشرين الأول 2020، وإن الاجتماع المقبل "
        "سيعقد يوم الأحد المقبل. للتواصل 0123456789. وكانت الحكومة قررت في عام 2019 زيادة الميزانية. "
        "وأشار التقرير إلى أن الأوضاع الإنسانية في المخيمات ما زالت صعبة، وأن المنظمات الدولية تطالب "
        "بزيادة المساعدات وفتح المعابر أمام الشاحنات، فيما دعا ناشطون إلى حماية المدنيين والصحفيين. "
    )
    repeats = 1_000_000 // len(paragraph)
    per_paragraph = len(find_dates(paragraph, REF))
    results = find_dates(paragraph * repeats, REF)
    assert per_paragraph >= 3
    assert len(results) == per_paragraph * repeats


# ---------------------------------------------------------------------------
# parse_date
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected", "precision"),
    [
        ("2020-10-10", date(2020, 10, 10), "day"),
        ("2020-10-10T14:30:00+03:00", date(2020, 10, 10), "day"),
        ("2020-10-10T14:30:00Z", date(2020, 10, 10), "day"),
        ("2020-10-10T14:30:00.123456", date(2020, 10, 10), "day"),
        ("2020-10-10 14:30:00", date(2020, 10, 10), "day"),
        ("20201010", date(2020, 10, 10), "day"),
        ("2020-10", date(2020, 10, 1), "month"),
        ("2020", date(2020, 1, 1), "year"),
        ("10/10/2020", date(2020, 10, 10), "day"),
        ("١٠ أكتوبر ٢٠٢٠", date(2020, 10, 10), "day"),
        ("السبت 10 أكتوبر/تشرين الأول 2020 - 14:30", date(2020, 10, 10), "day"),
        ("Sat, 10 Oct 2020 14:30:00 +0300", date(2020, 10, 10), "day"),
        ("تشرين الأول 2020", date(2020, 10, 1), "month"),
    ],
)
def test_it_parses_metadata_values(value: str, expected: date, precision: str) -> None:
    result = parse_date(value)
    assert result is not None
    assert (result.value, result.precision, result.relative) == (expected, precision, False)


def test_it_keeps_parse_date_offsets_in_the_value() -> None:
    value = "  2020-10-10T14:30:00Z \n"
    result = parse_date(value)
    assert result is not None
    assert value[result.start : result.end] == "2020-10-10T14:30:00Z"


NOT_A_DATE = ["", "   ", "garbage", "لا يوجد تاريخ", "14:30", "أمس", "10 أكتوبر"]
IMPOSSIBLE = ["2020-13-45", "2020-02-30", "1850", "12345678"]


@pytest.mark.parametrize("value", NOT_A_DATE + IMPOSSIBLE)
def test_it_parses_nothing_from(value: str) -> None:
    assert parse_date(value) is None


def test_it_builds_a_frozen_found_date() -> None:
    result = FoundDate(date(2020, 10, 10), "day", 0, 10)
    assert result.relative is False
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.start = 1  # type: ignore[misc]
