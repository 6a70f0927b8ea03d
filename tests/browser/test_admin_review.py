"""An editor reviews a suggestion on an article's admin page, in a real browser."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from articles.curation import add_actor
from articles.models import Alias, AliasSuggestion, Article, Mention, ReviewStatus
from tests.browser.conftest import screenshot
from tests.samples import MOSCOW_TRUCE_PAGE

pytestmark = pytest.mark.browser

PASSWORD = "Stepanakert-Shusha-2020"


def test_a_reviewer_confirms_a_suggestion_in_the_article_text(page, ingest, write):
    ingest(write("moscow.txt", MOSCOW_TRUCE_PAGE))
    article = Article.objects.get()
    user = get_user_model().objects.create_user("reviewer", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="reviewers"))
    mention = Mention.objects.filter(article=article, actor__slug="jeyhun-bayramov", in_title=False).first()

    page.goto(f"{page.live_server_url}/admin/login/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.fill("#id_username", "reviewer")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{page.live_server_url}/admin/articles/article/{article.pk}/change/")

    mark = page.locator(f"#mention-{mention.pk}")
    assert mark.inner_text() == mention.matched_text
    assert "mention-suggested" in mark.get_attribute("class")
    screenshot(page, "admin-article-suggestions")

    page.locator(f"#mention-{mention.pk} + button[value=confirmed]").click()
    page.wait_for_load_state()
    assert "mention-confirmed" in page.locator(f"#mention-{mention.pk}").get_attribute("class")
    mention.refresh_from_db()
    assert (mention.status, mention.reviewer) == (ReviewStatus.CONFIRMED, user)
    screenshot(page, "admin-article-confirmed")


def test_an_editor_sees_why_lines_were_removed_and_brings_one_back(page, ingest, write):
    ingest(write("moscow.txt", MOSCOW_TRUCE_PAGE))
    article = Article.objects.get()
    user = get_user_model().objects.create_user("editor", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="editors"))
    read_also = "اقرأ أيضا: أردوغان يستقبل وزير الخارجية الإيراني في أنقرة"
    assert read_also not in article.body

    page.goto(f"{page.live_server_url}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{page.live_server_url}/admin/articles/article/{article.pk}/change/")
    page.locator(
        "details:has(.article-cleaning) summary, fieldset:has(.article-cleaning) .collapse-toggle"
    ).first.click()
    row = page.locator("tr.cleaning-removed", has_text=read_also)
    assert "أخبار أخرى" in row.inner_text()  # the reason, in Arabic, for the editor
    assert row.locator("td[title=related-stories]").count() == 1
    page.locator(".article-cleaning").scroll_into_view_if_needed()
    screenshot(page, "admin-article-cleaning", full_page=False)

    row.locator("button").click()
    page.wait_for_load_state()
    article.refresh_from_db()
    assert read_also in article.body.split("\n\n")
    assert page.locator(".messagelist").inner_text().startswith("«")


def test_an_editor_accepts_the_spellings_the_archive_suggests(page, ingest, write):
    write(
        "sudan/1.txt",
        "حميدتي يعلن قبول الهدنة\n"
        "الخرطوم - 1 يونيو 2023 - قال قائد قوات الدعم السريع محمد حمدان دقلو (حميدتي) إن قواته ستلتزم بالهدنة.",
    )
    ingest(
        write(
            "sudan/2.txt",
            "دقلو يلتقي الوسطاء\nجدة - 3 يونيو 2023 - التقى محمد حمدان دجلو الوسطاء السعوديين في جدة.",
        ).parent
    )
    hemedti = add_actor("person", "محمد حمدان دقلو", "Mohamed Hamdan Dagalo")
    user = get_user_model().objects.create_user("editor", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="editors"))

    page.goto(f"{page.live_server_url}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{page.live_server_url}/admin/articles/aliassuggestion/")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 2
    assert "لقب يذكره النص" in page.locator("#result_list").inner_text()  # why, in Arabic
    screenshot(page, "admin-spelling-suggestions")

    page.locator("#action-toggle").check()
    page.select_option("select[name=action]", "accept_suggestions")
    page.locator("button[name=index]").click()
    page.wait_for_load_state()
    assert "قُبلت" in page.locator(".messagelist").inner_text()
    assert set(AliasSuggestion.objects.filter(actor=hemedti).values_list("status", flat=True)) == {
        "confirmed"
    }
    assert Alias.objects.filter(actor=hemedti, name="حميدتي").exists()
