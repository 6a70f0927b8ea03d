"""Every input format, the options for plain files, and idempotent re-ingest."""

import datetime
import json

import pytest

from articles.models import Article, DateOrigin
from tests.samples import MOSCOW_TRUCE_BODY, MOSCOW_TRUCE_PAGE, SOCHI_SUMMIT_TEXT

pytestmark = pytest.mark.django_db

CSTO_SUMMIT_TEXT = """باشينيان يرفض توقيع إعلان قمة يريفان
يريفان - 23 نوفمبر 2022 (وكالات) - رفض رئيس الوزراء الأرميني نيكول باشينيان توقيع الإعلان الختامي لقمة منظمة معاهدة الأمن الجماعي التي استضافتها يريفان.
وقال باشينيان إن المنظمة لم تقدم ردا واضحا على الهجوم الأذربيجاني في سبتمبر الماضي.
"""

NEWS_PAGE = """<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="{charset}">
<title>بوتين يجمع علييف وباشينيان في سوتشي | الخليج اليوم</title>
<meta property="og:title" content="بوتين يجمع علييف وباشينيان في سوتشي">
<meta property="article:published_time" content="2021-11-26T18:40:00+03:00">
</head><body>
<nav><a href="/">الرئيسية</a> <a href="/politics">سياسة</a> <a href="/economy">اقتصاد</a></nav>
<article>
<h1>بوتين يجمع علييف وباشينيان في سوتشي</h1>
<p>استضاف الرئيس الروسي فلاديمير بوتين في منتجع سوتشي قمة ثلاثية مع الرئيس الأذربيجاني إلهام علييف ورئيس الوزراء الأرميني نيكول باشينيان، في أول لقاء يجمعهم منذ مطلع العام.</p>
<p>واتفق القادة الثلاثة في بيان مشترك على إنشاء آلية لترسيم الحدود بين البلدين قبل نهاية العام، وفق ما أعلنه الكرملين.</p>
<p>وقال بوتين في مؤتمر صحفي إن الطرفين أحرزا تقدما في ملف فتح طرق النقل في المنطقة.</p>
</article>
<aside><h3>الأكثر قراءة</h3><ul><li><a href="/1">أردوغان يستقبل بلينكن في أنقرة</a></li><li><a href="/2">ماكرون يزور طهران</a></li></ul></aside>
<footer><p>جميع الحقوق محفوظة © 2021 الخليج اليوم</p></footer>
</body></html>
"""


def test_txt_file_is_cleaned_and_its_metadata_read(ingest, write):
    path = write("moscow.txt", MOSCOW_TRUCE_PAGE)
    result = ingest(path)
    assert result.exit_code == 0
    assert "new 1, duplicate 0, failed 0" in result.stdout
    article = Article.objects.get()
    assert article.body == MOSCOW_TRUCE_BODY
    assert article.author == "سامر الحلبي"
    assert article.source.name == "وكالة سبوتنيك"
    assert (article.published, article.date_precision, article.date_origin) == (
        datetime.date(2020, 10, 10),
        "day",
        DateOrigin.GUESSED,
    )
    assert article.origin == "moscow.txt"


def test_html_page_keeps_the_article_and_drops_navigation_sidebar_and_footer(ingest, write):
    path = write("sochi.html", NEWS_PAGE.format(charset="utf-8"))
    assert ingest(path).exit_code == 0
    article = Article.objects.get()
    assert article.title == "بوتين يجمع علييف وباشينيان في سوتشي"
    assert article.body.startswith("استضاف الرئيس الروسي فلاديمير بوتين")
    assert "مؤتمر صحفي" in article.body
    for noise in ("الرئيسية", "أردوغان يستقبل بلينكن", "جميع الحقوق محفوظة", "الأكثر قراءة"):
        assert noise not in article.body
    assert (article.published, article.raw_format) == (datetime.date(2021, 11, 26), "html")


def test_html_page_in_windows_1256_is_decoded_by_its_declared_charset(ingest, write):
    path = write("sochi-1256.htm", NEWS_PAGE.format(charset="windows-1256"), encoding="cp1256")
    assert ingest(path).exit_code == 0
    article = Article.objects.get()
    assert article.raw_encoding == "cp1256"
    assert "نيكول باشينيان" in article.body


def test_json_fields_win_over_what_the_text_says(ingest, write):
    record = {
        "title": "لافروف: هدنة إنسانية من ظهر السبت",
        "body": MOSCOW_TRUCE_PAGE,
        "published": "2020-10-09T23:50:00+03:00",
        "source": "روسيا اليوم",
        "author": "قسم الأخبار",
        "url": "https://example-agency.test/ar/news/12345",
    }
    path = write("wire.jsonl", json.dumps(record, ensure_ascii=False) + "\n")
    assert ingest(path).exit_code == 0
    article = Article.objects.get()
    assert article.title == record["title"]
    assert (article.published, article.date_origin) == (datetime.date(2020, 10, 9), DateOrigin.GIVEN)
    assert (article.source.name, article.source_origin) == ("روسيا اليوم", DateOrigin.GIVEN)
    assert article.author == "قسم الأخبار"
    assert article.origin == record["url"]
    assert article.body == MOSCOW_TRUCE_BODY


def test_json_array_file_is_read_item_by_item(ingest, write):
    records = [{"body": SOCHI_SUMMIT_TEXT}, {"body": MOSCOW_TRUCE_PAGE}]
    path = write("items.json", json.dumps(records, ensure_ascii=False))
    assert ingest(path).exit_code == 0
    assert sorted(Article.objects.values_list("origin_line", flat=True)) == [1, 2]


def test_options_set_source_date_and_url_of_plain_files(ingest, write):
    path = write("sochi.txt", SOCHI_SUMMIT_TEXT)
    result = ingest(
        path, "--source", "الشرق الأوسط", "--published", "2021-11-27", "--url", "https://x.test/a/1"
    )
    assert result.exit_code == 0
    article = Article.objects.get()
    assert (article.source.name, article.published, article.date_origin) == (
        "الشرق الأوسط",
        datetime.date(2021, 11, 27),
        DateOrigin.GIVEN,
    )
    assert article.origin == "https://x.test/a/1"


def test_an_unreadable_published_option_is_refused_before_anything_runs(ingest, write):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--published: not a date"):
        ingest(write("sochi.txt", SOCHI_SUMMIT_TEXT), "--published", "قريبا")
    assert not Article.objects.exists()


def test_standard_input_is_read_and_sniffed(ingest):
    assert ingest("-", stdin=SOCHI_SUMMIT_TEXT.encode()).exit_code == 0
    assert Article.objects.get().origin == "stdin"


def test_folders_are_read_recursively_in_name_order_skipping_other_files(ingest, write, tmp_path):
    write("corpus/2021/sochi.txt", SOCHI_SUMMIT_TEXT)
    write("corpus/2020/moscow.txt", MOSCOW_TRUCE_PAGE)
    write("corpus/2020/photo.jpg", b"\xff\xd8\xff\xe0 not an article")
    write("corpus/.cache/old.txt", "مسودة قديمة لا تنشر.")
    result = ingest(tmp_path / "corpus")
    assert result.exit_code == 0
    assert list(Article.objects.order_by("id").values_list("origin", flat=True)) == [
        "moscow.txt",
        "sochi.txt",
    ]


def test_raw_bytes_are_kept_exactly_as_received(ingest, write):
    files = {
        "utf8.txt": MOSCOW_TRUCE_PAGE.encode(),
        "cp1256.txt": SOCHI_SUMMIT_TEXT.encode("cp1256"),
        "utf16.txt": "\r\n".join(CSTO_SUMMIT_TEXT.splitlines()).encode("utf-16"),
        "page.html": NEWS_PAGE.format(charset="utf-8").encode(),
    }
    paths = [write(name, content) for name, content in files.items()]
    assert ingest(*paths).exit_code == 0
    stored = {a.origin: bytes(a.raw) for a in Article.objects.all()}
    assert stored == files


def test_a_json_line_is_kept_as_received(ingest, write):
    line = json.dumps({"title": "قمة سوتشي", "body": SOCHI_SUMMIT_TEXT}, ensure_ascii=False)
    ingest(write("wire.jsonl", line + "\n"))
    assert bytes(Article.objects.get().raw) == line.encode()


def test_ingesting_the_same_files_twice_adds_nothing(ingest, write):
    paths = [write("a.txt", MOSCOW_TRUCE_PAGE), write("b.txt", SOCHI_SUMMIT_TEXT)]
    ingest(*paths)
    again = ingest(*paths)
    assert again.exit_code == 0
    assert "new 0, duplicate 2, failed 0" in again.stdout
    assert Article.objects.count() == 2


def test_the_same_text_with_other_noise_and_encoding_is_a_duplicate(ingest, write):
    ingest(write("a.txt", MOSCOW_TRUCE_PAGE))
    noisier = "Advertisement\n" + MOSCOW_TRUCE_PAGE.replace("العودة إلى الأعلى", "شارك هذا المقال")
    result = ingest(write("b.txt", noisier, encoding="utf-16"))
    assert "new 0, duplicate 1" in result.stdout
    assert Article.objects.count() == 1
