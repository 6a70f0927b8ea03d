"""From scraped page text to title, body and stated metadata."""

import datetime

from articles.text.scraped import parse_scraped
from tests.samples import MOSCOW_TRUCE_BODY, MOSCOW_TRUCE_PAGE, SOCHI_SUMMIT_TEXT


def test_it_keeps_exactly_the_article_text_of_a_noisy_page():
    assert parse_scraped(MOSCOW_TRUCE_PAGE).body == MOSCOW_TRUCE_BODY


def test_it_reads_title_byline_source_and_date_line():
    article = parse_scraped(MOSCOW_TRUCE_PAGE)
    assert article.title == "لافروف يعلن هدنة إنسانية في قره باغ بعد محادثات ماراثونية في موسكو"
    assert not article.title_guessed
    assert article.author == "سامر الحلبي"
    assert article.source == "وكالة سبوتنيك"
    assert (article.published.value, article.published.precision) == (datetime.date(2020, 10, 10), "day")


def test_it_drops_the_title_repeated_after_the_byline():
    article = parse_scraped(MOSCOW_TRUCE_PAGE)
    assert ("repeated", article.title) in article.removed
    assert article.title not in article.body


def test_it_reads_levantine_month_names():
    article = parse_scraped(SOCHI_SUMMIT_TEXT)
    assert article.published.value == datetime.date(2021, 11, 26)
    assert article.author == "ليلى منصور"


def test_without_a_heading_the_first_sentence_is_the_guessed_title_and_stays_in_the_body():
    text = "قال الكرملين إن بوتين أجرى اتصالا هاتفيا مع باشينيان. وبحث الجانبان الوضع على الحدود."
    article = parse_scraped(text)
    assert article.title == "قال الكرملين إن بوتين أجرى اتصالا هاتفيا مع باشينيان"
    assert article.title_guessed
    assert article.body == text


def test_a_given_title_wins_and_its_repeat_in_the_text_is_dropped():
    text = "قمة سوتشي\nاستضاف بوتين قمة ثلاثية في سوتشي."
    article = parse_scraped(text, title="قمة سوتشي")
    assert article.title == "قمة سوتشي"
    assert article.body == "استضاف بوتين قمة ثلاثية في سوتشي."


def test_a_given_title_also_drops_the_texts_own_heading():
    text = "لافروف يعلن هدنة في قره باغ\nأعلن لافروف هدنة إنسانية."
    article = parse_scraped(text, title="لافروف: هدنة إنسانية من ظهر السبت")
    assert article.title == "لافروف: هدنة إنسانية من ظهر السبت"
    assert article.body == "أعلن لافروف هدنة إنسانية."


def test_an_agency_dateline_gives_the_date_when_no_date_line_exists():
    text = "هدنة جديدة\nموسكو - 18 أكتوبر 2020 (وكالات) - أعلنت أرمينيا وأذربيجان هدنة جديدة."
    assert parse_scraped(text).published.value == datetime.date(2020, 10, 18)


def test_a_date_deep_in_the_body_is_not_the_publication_date():
    text = (
        "ذكرى الحرب\nيستعيد الأرمن والأذربيجانيون هذه الأيام ذكرى الحرب التي اندلعت "
        "في 27 سبتمبر 2020 واستمرت أربعة وأربعين يوما."
    )
    assert parse_scraped(text).published is None


def test_text_without_a_date_gets_no_date():
    assert parse_scraped("خبر بلا تاريخ\nأعلنت يريفان استعدادها لاستئناف المحادثات.").published is None


def test_a_text_that_is_only_its_title_is_kept_whole_and_nothing_is_reported_removed():
    title = "باشينيان وعلييف يلتقيان في بروكسل"
    article = parse_scraped(f"{title}\n\n{title}", title=title)
    assert article.body == f"{title}\n\n{title}"
    assert ("title", title) not in article.removed
    assert article.normalized_body == "باشينيان وعلييف يلتقيان في بروكسل باشينيان وعلييف يلتقيان في بروكسل"


LEDE = (
    "أعلن وزير الخارجية الروسي سيرغي لافروف، فجر اليوم السبت، أن أرمينيا وأذربيجان اتفقتا على وقف "
    "إطلاق النار لأغراض إنسانية اعتبارا من ظهر اليوم، بعد محادثات استمرت عشر ساعات في موسكو."
)
HEADLINE = "لافروف يعلن هدنة إنسانية في قره باغ بعد محادثات في موسكو"


def test_a_labelled_date_after_the_text_wins_over_the_top_bars_today():
    page = "\n".join(
        [
            "الأربعاء 15 مارس 2023 | الطقس",
            "الرئيسية | أخبار",
            "اقتصاد",
            "رياضة",
            HEADLINE,
            LEDE,
            "تاريخ الإضافة 12-03-2023",
        ]
    )
    assert parse_scraped(page).published.value == datetime.date(2023, 3, 12)


def test_the_publication_date_wins_over_the_update_stamp_on_one_line():
    page = "\n".join([HEADLINE, "آخر تحديث: 12 مارس 2023 | تاريخ النشر: 11 مارس 2023", LEDE])
    assert parse_scraped(page).published.value == datetime.date(2023, 3, 11)


def test_the_dateline_of_the_lede_gives_the_agency_and_the_date():
    article = parse_scraped("\n".join([HEADLINE, "الخرطوم، 5 يونيو 2023 (سونا) - " + LEDE]))
    assert (article.source, article.published.value) == ("سونا", datetime.date(2023, 6, 5))


def test_with_a_title_given_a_standfirst_above_the_text_stays_in_the_body():
    standfirst = "الهدنة تبدأ ظهر السبت وتشمل تبادل الأسرى وجثث القتلى بإشراف الصليب الأحمر"
    article = parse_scraped("\n".join([standfirst, LEDE]), title="لافروف يعلن هدنة إنسانية في قره باغ")
    assert article.body == f"{standfirst}\n\n{LEDE}"


def test_with_a_title_given_its_copy_in_the_text_is_the_headline_and_the_menu_above_goes():
    article = parse_scraped("\n".join(["الرئيسية | أخبار", HEADLINE, LEDE]), title=HEADLINE)
    assert (article.title, article.body) == (HEADLINE, LEDE)


def test_a_place_and_outlet_line_above_the_article_gives_the_source():
    article = parse_scraped("\n".join([HEADLINE, "أبوظبي - سكاي نيوز عربية", LEDE]))
    assert article.source == "سكاي نيوز عربية"
    assert ("source-line", "أبوظبي - سكاي نيوز عربية") in article.removed
