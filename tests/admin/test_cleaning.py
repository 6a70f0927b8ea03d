"""Editors see why each line of a page was removed, and correct the cleaning in the admin."""

from django.urls import reverse

from articles.models import CleaningDecision, CleaningRule


def test_the_article_page_lists_each_removed_line_with_its_reason(editor, articles):
    moscow = articles["moscow"]
    page = editor.get(reverse("admin:articles_article_change", args=[moscow.pk])).content.decode()
    assert "اقرأ أيضا: أردوغان يستقبل وزير الخارجية الإيراني في أنقرة" in page
    assert "صندوق «اقرأ أيضا» / «الأكثر قراءة»: أخبار أخرى" in page  # the reason, in the editors' words
    assert 'title="related-stories"' in page
    assert reverse("admin:articles_article_cleaning_decision", args=[moscow.pk]) in page


def test_marking_a_removed_line_as_text_makes_a_rule_for_the_source_and_cleans_the_article_again(
    editor, articles
):
    moscow = articles["moscow"]
    index = next(i for i, (_, line) in enumerate(moscow.removed_lines) if line.startswith("اقرأ أيضا"))
    line = moscow.removed_lines[index][1]
    response = editor.post(
        reverse("admin:articles_article_cleaning_decision", args=[moscow.pk]), {"removed": index}
    )
    assert response.status_code == 302
    rule = CleaningRule.objects.get()
    assert (rule.line, rule.decision, rule.source, rule.created_by) == (
        line,
        CleaningDecision.TEXT,
        moscow.source,
        editor.user,
    )
    assert rule.history.count() == 1
    moscow.refresh_from_db()
    assert line in moscow.body.split("\n\n")


def test_marking_a_kept_paragraph_as_noise_removes_it(editor, articles):
    moscow = articles["moscow"]
    paragraphs = moscow.body.split("\n\n")
    url = reverse("admin:articles_article_cleaning_decision", args=[moscow.pk])
    editor.post(url, {"kept": len(paragraphs) - 1})
    moscow.refresh_from_db()
    assert paragraphs[-1] not in moscow.body
    assert ["editor-rule", paragraphs[-1]] in moscow.removed_lines


def test_a_reviewer_cannot_decide_on_cleaning(reviewer, articles):
    url = reverse("admin:articles_article_cleaning_decision", args=[articles["moscow"].pk])
    assert reviewer.post(url, {"removed": 0}).status_code == 403
    assert not CleaningRule.objects.exists()


def test_a_decision_needs_a_post_and_a_line_the_article_has(editor, articles):
    moscow = articles["moscow"]
    url = reverse("admin:articles_article_cleaning_decision", args=[moscow.pk])
    assert editor.get(url).status_code == 405
    assert editor.post(url, {"removed": 999}).status_code == 403
    assert not CleaningRule.objects.exists()


def test_every_reason_the_cleaner_gives_has_words_for_editors():
    from articles.admin.cleaning_reasons import REASONS
    from articles.text.clean import EDITOR_RULE, load_rules
    from articles.text.furniture import load_vocabulary
    from articles.text.line_signals import load_weights

    reasons = {
        *load_vocabulary().roles,
        *(rule.name for rule in load_rules()),
        *(
            name.replace("_", "-")
            for name in load_weights().signals
            if name not in {"furniture", "list_lead_in"}
        ),
        *("before-article", "after-article", "article-header", "title", "byline", "date-line", EDITOR_RULE),
    }
    assert reasons <= set(REASONS)
