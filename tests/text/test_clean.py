"""Every boilerplate rule, by example: each rule in the data file must appear here."""

import pytest

from articles.text.clean import clean, load_rules

# (rule name, a line it must remove) — lines as scraped from Arabic news pages.
EXAMPLES = [
    ("ad-placeholder", "Advertisement"),
    ("ad-placeholder", "- Advertisement -"),
    ("ad-placeholder", "Sponsored Content"),
    ("ad-placeholder", "Loading..."),
    ("language-switcher", "Ru En"),
    ("language-switcher", "EN | RU | TR"),
    ("language-switcher", "English Русский"),
    ("comment-form", "اترك تعليقاً"),
    ("comment-form", "اترك تعليقا"),
    ("comment-form", "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *"),
    ("comment-form", "الاسم *"),
    ("comment-form", "البريد الإلكتروني *"),
    (
        "comment-form",
        "احفظ اسمي، بريدي الإلكتروني، والموقع الإلكتروني في هذا المتصفح لاستخدامها المرة المقبلة في تعليقي.",
    ),
    ("comment-form", "إرسال التعليق"),
    ("post-author-box", "About Post Author"),
    ("read-also-label", "اقرأ أيضاً:"),
    ("read-also-link", "اقرأ أيضا: أردوغان يستقبل بلينكن في أنقرة"),
    ("read-also-link", "إقرأ أيضا… ماكرون يتصل بعلييف"),
    ("read-also-link", "اقرأ ايضا: قمة ثلاثية في سوتشي"),
    ("related-articles", "مقالات ذات صلة"),
    ("related-articles", "أخبار ذات صلة:"),
    ("back-to-top", "العودة إلى الأعلى"),
    ("back-to-top", "إلى الأعلى"),
    ("share-follow", "شارك هذا المقال"),
    ("share-follow", "تابعونا على تلغرام"),
    ("copyright", "جميع الحقوق محفوظة © 2023"),
    ("photo-credit", "الصورة: رويترز"),
    ("photo-credit", "(الصورة: وكالة الأناضول)"),
    ("photo-credit", "مصدر الصورة: أ ف ب"),
    ("byline", "كتب: سامر الحلبي"),
    ("byline", "بقلم: ليلى منصور"),
    ("source-line", "المصدر: وكالة سبوتنيك"),
    ("source-line", "(المصدر: الأناضول)"),
    ("sign-off", "— وكالة الأنباء الروسية (سبوتنيك)"),
    ("date-line", "نُشر في: 2020-10-10"),
    ("date-line", "تاريخ النشر: 10/10/2020"),
    ("update-line", "آخر تحديث: ١١ أكتوبر ٢٠٢٠"),
]

# Article sentences that look a little like boilerplate and must stay.
KEPT = [
    "وقال لافروف إن الهدنة تهدف إلى تبادل الأسرى.",
    "وأضاف أن المحادثات ستستأنف في موسكو الأسبوع المقبل.",
    "ودعا الاتحاد الأوروبي إلى التعليق الفوري لجميع العمليات العسكرية.",
    "ونشر الجيش الأذربيجاني صورا قال إنها لمواقع أرمنية مدمرة.",
    "وأكد المصدر أن المفاوضات مستمرة.",
    "Advertisement campaigns in Baku were suspended during the war.",
]


@pytest.mark.parametrize(("rule", "line"), EXAMPLES)
def test_it_removes_boilerplate_lines(rule, line):
    text = f"عنوان الخبر\nفقرة أولى من الخبر.\n{line}\nفقرة أخيرة من الخبر."
    result = clean(text)
    assert line not in result.lines
    assert (rule, line) in result.removed


def test_every_rule_in_the_data_file_has_an_example():
    assert {rule.name for rule in load_rules()} == {name for name, _ in EXAMPLES}


@pytest.mark.parametrize("line", KEPT)
def test_it_keeps_article_sentences(line):
    assert line in clean(f"فقرة أولى.\n{line}\nفقرة أخيرة.").lines


def test_read_also_label_takes_the_linked_title_on_the_next_line():
    result = clean("فقرة.\nاقرأ أيضا:\n\nبلينكن يصل إلى طهران\nفقرة تالية.")
    assert "بلينكن يصل إلى طهران" not in result.lines
    assert "فقرة تالية." in result.lines


def test_related_articles_block_ends_at_the_blank_line():
    result = clean("فقرة.\nمقالات ذات صلة\nرابط أول\nرابط ثان\n\nفقرة بعد الفراغ.")
    assert result.lines == ["فقرة.", "", "فقرة بعد الفراغ."]


def test_post_author_box_takes_the_author_name_line():
    result = clean("فقرة.\nAbout Post Author\nسامر الحلبي\nفقرة أخيرة.")
    assert result.lines == ["فقرة.", "فقرة أخيرة."]


def test_sign_off_counts_only_at_the_end():
    text = "فقرة.\n- هذه جملة تبدأ بشرطة في وسط النص\nفقرة.\nفقرة.\nفقرة أخيرة.\n— وكالة الأناضول"
    result = clean(text)
    assert "- هذه جملة تبدأ بشرطة في وسط النص" in result.lines
    assert result.metadata["source"] == "وكالة الأناضول"


def test_metadata_lines_give_their_values():
    result = clean("كتب: سامر الحلبي\nالمصدر: وكالة سبوتنيك\nنُشر في: 2020-10-10\nنص.")
    assert result.metadata == {"author": "سامر الحلبي", "source": "وكالة سبوتنيك", "published": "2020-10-10"}


def test_it_collapses_non_breaking_and_repeated_spaces():
    assert clean("وقال\u00a0لافروف   إن\u00a0\u00a0الهدنة صامدة.").lines == ["وقال لافروف إن الهدنة صامدة."]


def test_a_source_line_after_related_links_is_still_read():
    text = "فقرة.\n\nمقالات ذات صلة\nاقرأ ايضا: بلينكن في الرياض\nإلى الأعلى\nالمصدر: وكالة الصحافة الفرنسية"
    result = clean(text)
    assert result.metadata["source"] == "وكالة الصحافة الفرنسية"
    assert result.lines == ["فقرة.", ""]


def test_a_sign_off_followed_by_related_links_is_still_the_source():
    text = (
        "فقرة أولى.\nفقرة ثانية.\n— وكالة الأنباء الروسية (سبوتنيك)\nأخبار ذات صلة\nاقرأ أيضاً: أردوغان يتقدم"
    )
    result = clean(text)
    assert result.metadata["source"] == "وكالة الأنباء الروسية (سبوتنيك)"
    assert result.lines == ["فقرة أولى.", "فقرة ثانية."]
