"""reclean: articles cleaned again from their raw bytes, keeping what editors decided."""

import io

import pytest
from django.core.management import CommandError, call_command

from articles.curation import decide_line, review_mentions
from articles.models import Article, CleaningDecision, Mention, ReviewStatus, Source
from tests.conftest import CommandResult

pytestmark = pytest.mark.django_db

PROMO = "عرض خاص لقراء الموقع على اشتراكات النسخة الرقمية لمدة عام كامل"
PAGE = "\n".join(
    [
        "لافروف يعلن هدنة إنسانية في قره باغ بعد محادثات في موسكو",
        "بقلم: سامر الحلبي",
        "أعلن وزير الخارجية الروسي سيرغي لافروف، فجر اليوم السبت، أن أرمينيا وأذربيجان اتفقتا على وقف "
        "إطلاق النار لأغراض إنسانية اعتبارا من ظهر اليوم، بعد محادثات استمرت عشر ساعات في موسكو.",
        PROMO,
        "وجمعت المحادثات وزير الخارجية الأرميني زهراب مناتساكانيان ونظيره الأذربيجاني جيهون بيراموف، "
        "بوساطة روسية، في قصر الضيافة التابع للخارجية الروسية.",
        "وقال لافروف إن الهدنة تهدف إلى تبادل الأسرى وجثث القتلى بمساعدة اللجنة الدولية للصليب الأحمر.",
    ]
)


def run_command(name: str, *args: str) -> CommandResult:
    """The command as a user runs it: a CommandError is its message on stderr and exit status 1."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(name, *args, stdout=out, stderr=err)
    except CommandError as error:
        err.write(str(error))
        return CommandResult(error.returncode, out.getvalue(), err.getvalue())
    return CommandResult(0, out.getvalue(), err.getvalue())


@pytest.fixture
def article(ingest, write):
    assert ingest("--source", "سبوتنيك", write("truce.txt", PAGE)).exit_code == 0
    return Article.objects.get(origin="truce.txt")


def test_ingest_keeps_each_removed_line_with_its_reason(article):
    assert ["byline", "بقلم: سامر الحلبي"] in article.removed_lines
    assert [
        "headline",
        "لافروف يعلن هدنة إنسانية في قره باغ بعد محادثات في موسكو",
    ] not in article.removed_lines


def test_an_editors_noise_rule_removes_the_line_and_keeps_the_reviewed_mentions(article, django_user_model):
    editor = django_user_model.objects.create_user("editor")
    bakers = Mention.objects.filter(article=article, in_title=False, actor__slug="jeyhun-bayramov")
    confirmed = bakers.get()
    review_mentions([confirmed], ReviewStatus.CONFIRMED, editor)
    start_before = confirmed.start
    assert PROMO in article.body

    decide_line(article, PROMO, CleaningDecision.NOISE, editor)
    result = run_command("reclean", "--source", "سبوتنيك")

    assert result.exit_code == 0
    assert "recleaned 1, unchanged 0, failed 0" in result.stdout
    article.refresh_from_db()
    assert PROMO not in article.body
    assert ["editor-rule", PROMO] in article.removed_lines
    confirmed.refresh_from_db()
    assert confirmed.status == ReviewStatus.CONFIRMED
    assert confirmed.start == start_before - len(PROMO) - 2  # moved with its words
    assert article.body[confirmed.start : confirmed.end] == "جيهون بيراموف"


def test_a_text_rule_brings_a_removed_line_back(article, django_user_model):
    editor = django_user_model.objects.create_user("editor")
    decide_line(article, "بقلم: سامر الحلبي", CleaningDecision.TEXT, editor)
    run_command("reclean", "--ids", str(article.pk))
    article.refresh_from_db()
    assert "بقلم: سامر الحلبي" in article.body.split("\n\n")


def test_fields_an_editor_corrected_are_kept(article):
    article.author = "سامر الحلبي (موسكو)"
    article.save()
    source = Source.objects.get(name="سبوتنيك")
    decide_line(article, PROMO, CleaningDecision.NOISE, None)
    assert run_command("reclean", "--all").exit_code == 0
    article.refresh_from_db()
    assert article.author == "سامر الحلبي (موسكو)"
    assert article.source == source
    assert PROMO not in article.body


def test_nothing_to_change_is_reported_unchanged(article):
    result = run_command("reclean", "--all")
    assert "recleaned 0, unchanged 1, failed 0" in result.stdout


def test_an_article_whose_text_becomes_another_articles_fails_alone(ingest, write, article):
    twin_page = PAGE.replace(PROMO, "مساحة إعلانية خاصة بالشركاء التجاريين للموقع في المنطقة")
    ingest("--source", "سبوتنيك", write("twin.txt", twin_page))
    twin = Article.objects.get(origin="twin.txt")
    assert twin.body != article.body
    decide_line(twin, "مساحة إعلانية خاصة بالشركاء التجاريين للموقع في المنطقة", CleaningDecision.NOISE, None)
    decide_line(article, PROMO, CleaningDecision.NOISE, None)

    result = run_command("reclean", "--source", "سبوتنيك")

    assert result.exit_code == 1
    assert "recleaned 1, unchanged 0, failed 1" in result.stdout
    assert "its cleaned text is now the same as article" in result.stderr
    assert {Article.objects.get(pk=article.pk).body, Article.objects.get(pk=twin.pk).body} != {article.body}


def test_an_unknown_source_is_a_clear_error():
    result = run_command("reclean", "--source", "لا يوجد")
    assert result.exit_code != 0
    assert "no source named" in result.stderr
