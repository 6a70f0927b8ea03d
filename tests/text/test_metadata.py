"""Bylines, date lines, datelines and credits in the forms Arabic news pages write them."""

import datetime

import pytest

from articles.text.furniture import load_vocabulary
from articles.text.hijri import find_hijri
from articles.text.metadata import (
    bare_name,
    byline_name,
    credit_line,
    date_line,
    dateline_agency,
    header_source,
)

AGENCIES = frozenset({"وكالة", "رويترز", "نيوز", "صحيفة"})

BYLINES = [
    ("كتب: سامر الحلبي", "سامر الحلبي"),
    ("كتبت إيمان علي", "إيمان علي"),
    ("كتب/ محمد عبد الحليم", "محمد عبد الحليم"),
    ("كتبت ــ منى عبد الحميد", "منى عبد الحميد"),
    ("بقلم الكاتب عاطف عبد الغني", "عاطف عبد الغني"),
    ("بواسطة سارة علي في 12 مارس 2023", "سارة علي"),
    ("كتب: محمد عبد الحليم - الأربعاء، 14 أغسطس 2024 07:12 م", "محمد عبد الحليم"),
    ("تصريحات النواب | كتب: فهد المطيري", "فهد المطيري"),
    ("مراسلنا في عدن: وضاح الحالمي", "وضاح الحالمي"),
    ("زيد الخوالدة - محرر الشؤون العربية", "زيد الخوالدة"),
    ("أحمد الحاج علي، صحفي مستقل", "أحمد الحاج علي"),
    ("سلطان الحربي (الرياض)", "سلطان الحربي"),
    ("(محمد الأمين عبد الرحيم - الخرطوم)", "محمد الأمين عبد الرحيم"),
    ("By Faisal Al-Harthy", "Faisal Al-Harthy"),
]
NOT_BYLINES = [
    "عاجل | رئيس مجلس الأمة يرفع الجلسة لعدم اكتمال النصاب",
    "تغطية خاصة من مراسلينا",
    "كتب الرئيس في تغريدة على حسابه أن المفاوضات ستستأنف الأسبوع المقبل في جنيف",
    "تقرير مراسلة الأرز في القاهرة حول قرار مجلس الجامعة",
]


@pytest.mark.parametrize(("line", "name"), BYLINES)
def test_it_reads_the_name_of_a_byline(line, name):
    assert byline_name(line) == name


@pytest.mark.parametrize("line", NOT_BYLINES)
def test_lines_that_only_look_like_bylines_name_nobody(line):
    assert byline_name(line) == ""


def test_a_name_alone_is_a_name_unless_an_agency_or_outlet_word_is_in_it():
    assert bare_name("سمية حمادوش", AGENCIES) == "سمية حمادوش"
    assert bare_name("ريم عبد الله | الأحد 14 أيار 2023", AGENCIES) == "ريم عبد الله"
    assert bare_name("ريم عبد الله وجاد نصر الله", AGENCIES) == "ريم عبد الله وجاد نصر الله"
    assert bare_name("عبد الله وليد", AGENCIES) == "عبد الله وليد"
    assert bare_name("المدار نيوز", AGENCIES) == ""
    assert bare_name("عاجل", AGENCIES) == ""


DATE_LINES = [
    ("الخميس 26 كانون الثاني 2023 | 08:15 | آخر تحديث: 09:40", datetime.date(2023, 1, 26), False),
    ("آخر تحديث: 2023/11/05 - 14:02", datetime.date(2023, 11, 5), True),
    ("الثلاثاء 12 شوال 1444 هـ - 2 أيار/مايو 2023", datetime.date(2023, 5, 2), False),
    ("نُشر في ۱۰ رمضان ۱۴۴۴ هـ", datetime.date(2023, 4, 1), False),
    ("الأحد 1444/9/25 هـ الساعة 17:40", datetime.date(2023, 4, 16), False),
    ("القسم: سياسة - 5 يونيو 2022", datetime.date(2022, 6, 5), False),
    ("March 12, 2023 10:30 AM", datetime.date(2023, 3, 12), False),
]


@pytest.mark.parametrize(("line", "day", "updated"), DATE_LINES)
def test_it_reads_the_date_a_date_line_states(line, day, updated):
    found = date_line(line, load_vocabulary().loose_words)
    assert (found.date.value, found.updated) == (day, updated)


def test_a_sentence_that_mentions_a_date_is_no_date_line():
    line = "وقال الوزير إن الجولة المقبلة ستعقد في 12 مارس 2023 في جنيف بحضور الوسطاء."
    assert date_line(line, load_vocabulary().loose_words) is None


def test_hijri_dates_are_read_through_diacritics_with_their_span_on_the_text_as_given():
    text = "الخميس 16 محرّم 1445"
    [found] = find_hijri(text)
    assert found.value == datetime.date(2023, 8, 3)
    assert text[found.start : found.end] == "16 محرّم 1445"


@pytest.mark.parametrize(
    ("lede", "agency"),
    [
        ("جدة - واس: وقع ممثلو القوات المسلحة السودانية إعلانا", "واس"),
        ("بيروت (أ ف ب) - اختتمت في فيينا جولة جديدة", "أ ف ب"),
        ("عدن – «الشرق الأوسط»: أعلنت الحكومة اليمنية", "الشرق الأوسط"),
        ("إسطنبول - 22 - 7 (وعم) - وقعت روسيا وأوكرانيا", "وعم"),
        ("إسطنبول - وكالات - أعلنت روسيا أمس الثلاثاء", "وكالات"),
        ("عمان - اتفق وزراء خارجية الأردن والسعودية، في ختام اجتماعهم", ""),
    ],
)
def test_the_dateline_opening_the_lede_gives_the_agency(lede, agency):
    assert dateline_agency(lede) == agency


def test_a_credit_alone_on_its_line_is_the_source_but_an_end_mark_is_not():
    assert credit_line("(رويترز)") == "رويترز"
    assert credit_line("(انتهى)") == ""


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("لندن: «الشرق الأوسط»", "الشرق الأوسط"),
        ("أبوظبي - سكاي نيوز عربية", "سكاي نيوز عربية"),
        ("الرياض - عبدالله الشهري", ""),
        ("الجبهة الجنوبية: ماذا يحمل هوكشتاين في حقيبته؟", ""),
    ],
)
def test_a_place_and_an_outlet_on_a_line_of_their_own_credit_the_outlet(line, outlet):
    assert header_source(line, AGENCIES | {"سكاي"}) == outlet
