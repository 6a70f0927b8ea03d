"""People nobody entered, found by how Arabic news introduces them."""

import datetime

import pytest

pytestmark = pytest.mark.django_db


def candidates(tagged, text):
    return {c.name for c in tagged(text, datetime.date(2023, 6, 1))["suggestions"].candidates}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("وقال الفريق أول ياسر العطا إن الجيش ماض في عملياته.", "ياسر العطا"),
        ("ووصل المبعوث الأمريكي الخاص جيفري فيلتمان إلى أديس أبابا.", "جيفري فيلتمان"),
        ("وأكد الشيخ موسى هلال دعمه للاتفاق.", "موسى هلال"),
        ("وقال محمد حمدان دقلو، قائد قوات الدعم السريع، إنه يقبل الهدنة.", "محمد حمدان دقلو"),
        ("وصرح المتحدث باسم الجيش العميد نبيل عبد الله بأن القوات تقدمت.", "نبيل عبد الله"),
        (
            "وقال رئيس تنسيقية القوى الديمقراطية المدنية (تقدم) عبد الله حمدوك إن الإعلان خطوة أولى.",
            "عبد الله حمدوك",
        ),
        ("وأوضح الناطق الرسمي باسم التنسيقية بكري الجاك أن الإعلان ليس تحالفا.", "بكري الجاك"),
        ("وينسق جهوده مع مبعوث الأمم المتحدة الشخصي رمطان لعمامرة منذ فبراير.", "رمطان لعمامرة"),
        ("وقال محمد بن شمباس إن اللجنة ستجتمع قريبا. وأضاف شمباس أن الطرفين وافقا.", "محمد بن شمباس"),
    ],
)
def test_titles_ranks_and_appositions_propose_the_name(tagged, text, name):
    assert name in candidates(tagged, text)


@pytest.mark.parametrize(
    "text",
    [
        "وقال مسؤول عسكري رفيع إن الهدنة صامدة.",
        "وقال المتحدث باسم الجيش إن القوات تقدمت.",
        "وقال شهود عيان إن القصف استمر حتى الصباح.",  # a reporting verb, but nobody named again
        "وأكد رئيس الوزراء الأرميني نيكول باشينيان التزامه.",  # known: no candidate
    ],
)
def test_no_candidate_where_no_unknown_name_stands(tagged, text):
    assert candidates(tagged, text) == set()
