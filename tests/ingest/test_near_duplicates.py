"""Syndicated copies of one wire story are linked to the first article of the story."""

import pytest

from articles.ingest.near_duplicates import signature, similarity
from articles.models import Article
from articles.text.normalize import normalize_phrase
from tests.samples import MOSCOW_TRUCE_PAGE, SOCHI_SUMMIT_TEXT

pytestmark = pytest.mark.django_db

WIRE = """أعلن وزير الخارجية الروسي سيرغي لافروف فجر السبت أن أرمينيا وأذربيجان اتفقتا على وقف إطلاق النار لأغراض إنسانية اعتبارا من ظهر اليوم.
وجاء الإعلان بعد محادثات استمرت أكثر من عشر ساعات في موسكو جمعت وزير الخارجية الأرميني زهراب مناتساكانيان ونظيره الأذربيجاني جيهون بيراموف.
وقال لافروف إن الهدنة تهدف إلى تبادل الأسرى وجثث القتلى بمساعدة اللجنة الدولية للصليب الأحمر، على أن يتم الاتفاق على تفاصيل أخرى لاحقا.
وأضاف أن الطرفين اتفقا على بدء مفاوضات جوهرية بوساطة الرؤساء المشاركين لمجموعة مينسك بهدف التوصل إلى تسوية سلمية في أسرع وقت.
وكانت المعارك قد اندلعت في السابع والعشرين من سبتمبر الماضي في إقليم ناغورني قره باغ، في أعنف مواجهة بين البلدين منذ تسعينيات القرن الماضي.
"""

# The same wire as a second outlet ran it: a new opening word, a paragraph cut, other noise.
REPUBLISHED = (
    "هدنة إنسانية في قره باغ\nAdvertisement\n"
    + WIRE.replace("أعلن وزير الخارجية الروسي", "وأعلن وزير خارجية روسيا")
    .replace("وقال لافروف إن الهدنة تهدف", "وقال الوزير الروسي إن الهدنة تهدف")
    .replace(
        "وأضاف أن الطرفين اتفقا على بدء مفاوضات جوهرية بوساطة الرؤساء المشاركين لمجموعة مينسك بهدف التوصل إلى تسوية سلمية في أسرع وقت.\n",
        "",
    )
    + "المصدر: وكالة الأناضول\n"
)


def test_similar_texts_have_similar_signatures_and_different_texts_do_not():
    wire, copy, other = (signature(normalize_phrase(t)) for t in (WIRE, REPUBLISHED, SOCHI_SUMMIT_TEXT))
    assert similarity(wire.minhash, copy.minhash) >= 0.5
    assert similarity(wire.minhash, other.minhash) < 0.2


def test_a_republished_wire_is_linked_to_the_first_copy(ingest, write):
    ingest(write("agency.txt", "هدنة في قره باغ\n" + WIRE))
    ingest(write("gulf-daily.txt", REPUBLISHED))
    original, copy = Article.objects.order_by("id")
    assert copy.copy_of == original
    assert original.copy_of is None
    assert list(Article.objects.stories()) == [original]


def test_a_third_copy_points_to_the_first_article_of_the_story(ingest, write):
    ingest(write("agency.txt", "هدنة في قره باغ\n" + WIRE))
    ingest(write("gulf-daily.txt", REPUBLISHED))
    ingest(
        write(
            "blog.txt",
            REPUBLISHED.replace("المصدر: وكالة الأناضول", "تابعونا على تلغرام") + "\nنص إضافي قصير.",
        )
    )
    first = Article.objects.order_by("id").first()
    assert set(Article.objects.exclude(pk=first.pk).values_list("copy_of", flat=True)) == {first.pk}


def test_different_stories_are_not_linked(ingest, write):
    ingest(write("moscow.txt", MOSCOW_TRUCE_PAGE), write("sochi.txt", SOCHI_SUMMIT_TEXT))
    assert not Article.objects.filter(copy_of__isnull=False).exists()
