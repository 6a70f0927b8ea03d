"""The cleaner judges each line of a scraped page by what it is: vocabulary, shape, place."""

import pytest

from articles.text.clean import clean, load_rules
from articles.text.furniture import load_vocabulary

LEDE = (
    "أعلن وزير الخارجية الروسي سيرغي لافروف، فجر اليوم السبت، أن أرمينيا وأذربيجان اتفقتا على وقف "
    "إطلاق النار لأغراض إنسانية اعتبارا من ظهر اليوم، بعد محادثات استمرت أكثر من عشر ساعات في موسكو."
)
SECOND = (
    "وجمعت المحادثات وزير الخارجية الأرميني زهراب مناتساكانيان ونظيره الأذربيجاني جيهون بيراموف، "
    "بوساطة روسية، في قصر الضيافة التابع للخارجية الروسية."
)
THIRD = "وقال لافروف إن الهدنة تهدف إلى تبادل الأسرى وجثث القتلى بمساعدة اللجنة الدولية للصليب الأحمر."
HEADLINE = "لافروف يعلن هدنة إنسانية في قره باغ بعد محادثات ماراثونية في موسكو"


def article_with(line: str) -> str:
    """A page whose article has `line` between its paragraphs."""
    return "\n".join([HEADLINE, LEDE, SECOND, line, THIRD])


# (category or rule, a line of page furniture it must remove) — written as outlets write them.
FURNITURE = [
    ("navigation", "الرئيسية | سياسة | اقتصاد | رياضة | منوعات"),
    ("navigation", "أخبار عربية"),
    ("account", "تسجيل الدخول"),
    ("share-button", "شارك الخبر: فيسبوك • تويتر • واتساب"),
    ("share-button", "A+ A- طباعة"),
    ("share-button", "نسخ الرابط المختصر"),
    ("follow-prompt", "تابعونا على تيليجرام"),
    ("follow-prompt", "حمّل تطبيق الجريدة من Google Play"),
    ("cookie-notice", "نستخدم ملفات تعريف الارتباط لتحسين تجربتك. موافق"),
    ("ad-slot", "مساحة إعلانية"),
    ("ad-slot", "ADVERTISEMENT"),
    ("ad-slot", "إعلان"),
    ("latin-noise", "div-gpt-ad-1683846610022-0"),
    ("latin-noise", "300x250"),
    ("site-links", "العودة للأعلى"),
    ("media-label", "صورة أرشيفية"),
    ("page-stamp", "منذ 3 ساعات"),
    ("page-stamp", "5 دقائق قراءة"),
    ("language-switch", "English | Français"),
    ("related-stories", "اقرأ أيضاً: أردوغان يستقبل وزير الخارجية الإيراني في أنقرة"),
    ("related-stories", "إقرأ أيضا السيسي يستقبل رئيس الوزراء اليوناني في قصر الاتحادية"),
    ("related-stories", "اقرأ أيضا.. وزير الخارجية يبحث مع نظيره اليوناني ترسيم الحدود"),
    ("photo-credit", "الرئيس السوداني يستقبل المبعوث الأممي في بورتسودان (رويترز)"),
    ("photo-credit", "الصورة: رويترز"),
    ("separators", "القاهرة › أخبار › السودان"),
    ("separators", "الرئيسية » عربي » تصعيد على الحدود اللبنانية: مقتل 4 مدنيين بغارة إسرائيلية"),
    ("bilingual", "المُحقِّق | Al-Muhaqqiq"),
    ("disclaimer", "الآراء الواردة في هذه المدونة تعبر عن رأي كاتبها ولا تعكس بالضرورة موقف المركز."),
    ("photo-credit", "فيديو | طوابير أمام المخابز في أم درمان"),
    ("photo-credit", "المبعوث الأممي إلى اليمن هانس غروندبرغ - أرشيفية"),
]

# Article sentences that use furniture words and must stay.
KEPT = [
    "وقال لافروف إن الهدنة تهدف إلى تبادل الأسرى، مضيفا أن المشاركة في المحادثات كانت واسعة.",
    "وأضاف أن المحادثات ستستأنف في موسكو الأسبوع المقبل بمشاركة الوسطاء الدوليين.",
    "ودعا الاتحاد الأوروبي إلى التعليق الفوري لجميع العمليات العسكرية على خط التماس.",
    "ونشر الجيش الأذربيجاني صورا قال إنها لمواقع أرمنية مدمرة، في حين نفت يريفان ذلك.",
    "وأكد المصدر أن المفاوضات مستمرة، وأن الإعلان عن الاتفاق قد يتأخر أياما.",
    "ملف الأسرى",
    "1- وقف جميع الأعمال القتالية على طول خط التماس اعتبارا من منتصف الليل.",
]


@pytest.mark.parametrize(("reason", "line"), FURNITURE)
def test_it_removes_page_furniture_inside_the_article(reason, line):
    result = clean(article_with(line))
    assert line not in result.lines
    assert (reason, line) in result.removed
    assert result.lines == [LEDE, SECOND, THIRD]


@pytest.mark.parametrize("line", KEPT)
def test_it_keeps_article_sentences_that_use_furniture_words(line):
    assert line in clean(article_with(line)).lines


def test_every_vocabulary_category_and_pattern_rule_has_an_example():
    removers = {reason for reason, _ in FURNITURE} | {name for name, _ in RULE_EXAMPLES}
    assert set(load_vocabulary().roles) - {"comments", "comment-form", "tags", "footer"} <= removers
    assert {rule.name for rule in load_rules()} == {name for name, _ in RULE_EXAMPLES}


RULE_EXAMPLES = [
    (
        "comment-form",
        "احفظ اسمي، بريدي الإلكتروني، والموقع الإلكتروني في هذا المتصفح لاستخدامها المرة المقبلة.",
    ),
    ("post-author-box", "About Post Author"),
    ("copyright", "جميع الحقوق محفوظة © 2023"),
    ("photo-credit", "(الصورة: وكالة الأناضول)"),
    ("source-line", "(المصدر: الأناضول)"),
    ("sign-off", "— وكالة الأنباء الروسية (سبوتنيك)"),
    ("date-line", "نُشر في: 2020-10-10"),
]


@pytest.mark.parametrize(("rule", "line"), RULE_EXAMPLES)
def test_pattern_rules_remove_their_lines(rule, line):
    page = "\n".join([HEADLINE, LEDE, SECOND, THIRD, line]) if rule == "sign-off" else article_with(line)
    assert (rule, line) in clean(page).removed


def test_a_navigation_bar_or_an_ad_line_never_becomes_the_headline():
    page = "\n".join(["ADVERTISEMENT", "الرئيسية | سياسة | عربي ودولي | اقتصاد", HEADLINE, LEDE, SECOND])
    result = clean(page)
    assert result.headline_text == HEADLINE
    assert result.lines == [LEDE, SECOND]


def test_everything_above_the_headline_is_the_page_around_the_article():
    page = "\n".join(["صحيفة الأفق", "عاجل | الجيش يعلن اعتراض مسيرة فوق الجليل", HEADLINE, LEDE, SECOND])
    result = clean(page)
    assert result.removed[:2] == [
        ("before-article", "صحيفة الأفق"),
        ("before-article", "عاجل | الجيش يعلن اعتراض مسيرة فوق الجليل"),
    ]


def test_the_headline_overlaps_the_lede_and_a_caption_below_the_byline_is_not_it():
    caption = "وزيرا خارجية أرمينيا وأذربيجان خلال لقائهما في موسكو"
    page = "\n".join([HEADLINE, "كتب: سامر الحلبي", caption, LEDE, SECOND])
    result = clean(page)
    assert result.headline_text == HEADLINE
    assert caption not in result.lines


def test_a_standfirst_under_the_headline_is_text():
    standfirst = "الهدنة تبدأ ظهر السبت وتشمل تبادل الأسرى وجثث القتلى"
    result = clean("\n".join([HEADLINE, standfirst, "كتب: سامر الحلبي", LEDE, SECOND]))
    assert result.headline_text == HEADLINE
    assert result.lines == [standfirst, LEDE, SECOND]


def test_a_box_heading_takes_the_other_stories_headlines_under_it():
    page = article_with(
        "الأكثر قراءة\nميقاتي يدعو إلى جلسة حكومية لبحث الرواتب\nنتنياهو يستقبل سوليفان في القدس"
    )
    result = clean(page)
    assert result.lines == [LEDE, SECOND, THIRD]
    assert ("related-stories", "نتنياهو يستقبل سوليفان في القدس") in result.removed


def test_readers_comments_after_the_article_are_not_its_text():
    comment = (
        "تحليل دقيق، لكن أعتقد أن الكاتب يقلل من خطر ملف الحدود ومن دور القوى الإقليمية في تأجيج النزاع."
    )
    page = "\n".join([HEADLINE, LEDE, SECOND, THIRD, "التعليقات (2)", "أبو خالد", comment, "أضف تعليقك"])
    assert clean(page).lines == [LEDE, SECOND, THIRD]


def test_a_line_repeated_on_the_page_goes_after_its_first_time():
    page = article_with("مساحة إعلانية") + "\n" + "مساحة إعلانية"
    assert (
        clean(page).removed.count(("ad-slot", "مساحة إعلانية"))
        + clean(page).removed.count(("after-article", "مساحة إعلانية"))
        == 2
    )


def test_it_collapses_non_breaking_and_repeated_spaces():
    assert clean("وقال\u00a0لافروف   إن\u00a0\u00a0الهدنة صامدة.").lines == ["وقال لافروف إن الهدنة صامدة."]


def test_a_short_text_without_any_paragraph_of_prose_keeps_its_plain_lines_under_its_heading():
    result = clean("هدنة في قره باغ\nأعلنت موسكو الهدنة.\nإعلان")
    assert result.headline_text == "هدنة في قره باغ"
    assert result.lines == ["أعلنت موسكو الهدنة."]


def test_metadata_lines_are_found_wherever_they_stand():
    page = "\n".join(
        [HEADLINE, "كتبت ليلى منصور", "الخميس 26 كانون الثاني 2023 | 08:15 | آخر تحديث: 09:40", LEDE, SECOND]
    )
    result = clean(page)
    assert result.bylines == [(1, "ليلى منصور")]
    assert result.dates[0][1].date.value.isoformat() == "2023-01-26"
    assert not result.dates[0][1].updated


def test_a_question_above_the_lede_is_the_headline_not_its_first_sentence():
    question = "بعد هدنة موسكو: مَن يفاوض على مصير الأسرى؟"
    result = clean("\n".join(["المُحقِّق | Al-Muhaqqiq", question, LEDE, SECOND]))
    assert result.headline_text == question


def test_the_points_an_article_lists_stay_in_it():
    points = [f"- البند {n}: وقف الأعمال القتالية في القطاع {n}" for n in range(1, 9)]
    page = "\n".join([HEADLINE, LEDE, "وتضمن الاتفاق البنود التالية:", *points, SECOND, THIRD])
    assert clean(page).lines == [LEDE, "وتضمن الاتفاق البنود التالية:", *points, SECOND, THIRD]


def test_the_sites_name_above_its_menu_is_not_the_headline_though_it_shares_a_word():
    page = "\n".join(
        [
            "صدى موسكو",
            "روسيا / أرمينيا / أذربيجان / جورجيا / تركيا",
            "الأحد 10 أكتوبر 2020 - 18:20",
            HEADLINE,
            LEDE,
            SECOND,
        ]
    )
    assert clean(page).headline_text == HEADLINE


def test_a_name_over_the_date_under_the_first_paragraph_is_the_byline():
    page = "\n".join([HEADLINE, LEDE, "ريم عبد الله وجاد نصر الله", "الأحد 14 أيار 2023م", SECOND, THIRD])
    result = clean(page)
    assert result.lines == [LEDE, SECOND, THIRD]
    assert result.weak_bylines == [(2, "ريم عبد الله وجاد نصر الله")]
