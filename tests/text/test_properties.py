"""Property-based tests: arbitrary Unicode (mixed scripts, bidi controls, long lines) never
breaks cleaning, normalization, dates or tagging, and offsets always point inside the text."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.text.clean import clean
from articles.text.dates import find_dates, parse_date
from articles.text.normalize import (
    normalize,
    normalize_phrase,
    normalize_reference,
    normalized_words,
    tokenize,
)
from articles.text.scraped import parse_scraped

# Arabic letters and marks, Persian letters, digits of three systems, Latin, Cyrillic,
# bidi controls, zero-width joiners, tatweel, NBSP, punctuation and newlines.
ALPHABET = st.sampled_from(
    list("ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإىةؤئ")
    + list("پچژگکیڤ")
    + list("ًٌٍَُِّْـ")
    + list("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹0123456789")
    + list("abcXYZéğşçЛавров")
    + [
        "\u200c",
        "\u200d",
        "\u200e",
        "\u200f",
        "\u202a",
        "\u202b",
        "\u202c",
        "\u202e",
        "\u2066",
        "\u2069",
        "\ufeff",
    ]
    + list(" \n\t\u00a0.,،؛:؟!«»()-/")
)
# Real fragments of news text mixed in, so dates, names and rules actually fire.
FRAGMENTS = st.sampled_from([
    "10 أكتوبر 2020", "١٠ تشرين الأول ٢٠٢٠", "سبتمبر/أيلول", "أمس الخميس", "اليوم الأربعاء", "عام 2021",
    "سيرغي لافروف", "ولافروف", "بموسكو", "نظيره الأذربيجاني", "وزير الخارجية الأرميني", "اقرأ أيضا: ",
    "Advertisement", "كتب: ", "المصدر: ", "\n\n\n", "قره باغ", "2020-10-10", "10/10/2020",
])  # fmt: skip
TEXT = st.lists(st.one_of(st.text(ALPHABET, max_size=40), FRAGMENTS), max_size=40).map("".join)
DAYS = st.one_of(st.none(), st.dates(datetime.date(2019, 1, 1), datetime.date(2024, 12, 31)))


@given(TEXT)
def test_normalization_is_idempotent_and_agrees_with_camel_tools(text):
    once = normalize(text)
    assert normalize(once) == once
    assert once == normalize_reference(text)
    assert normalize_phrase(normalize_phrase(text)) == normalize_phrase(text)


@given(TEXT)
def test_tokens_point_into_the_text(text):
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text


@given(TEXT, DAYS)
def test_dates_never_raise_and_point_into_the_text(text, day):
    for found in find_dates(text, reference=day):
        assert 0 <= found.start < found.end <= len(text)
        assert found.precision in {"day", "month", "year"}
        if day is None:
            assert not found.relative
    parse_date(text)


@given(TEXT)
def test_cleaning_never_raises_and_keeps_only_lines_of_the_text(text):
    result = clean(text)
    lines = {line.strip() for line in text.replace("\u00a0", " ").splitlines()}
    assert all(
        " ".join(line.split()) in {" ".join(x.split()) for x in lines} for line in result.lines if line
    )
    scraped = parse_scraped(text)
    assert isinstance(scraped.body, str)


@given(TEXT, st.one_of(st.just(""), FRAGMENTS, st.text(ALPHABET, max_size=20)))
def test_the_normalized_body_is_the_body_normalized(text, title):
    """parse_scraped builds it from its paragraphs' forms, which it computes anyway."""
    scraped = parse_scraped(text, title=title)
    assert scraped.normalized_body == normalize_phrase(scraped.body)


@given(st.one_of(TEXT, st.text(max_size=80)))
def test_the_words_of_a_whole_text_are_its_words_normalized_one_by_one(text):
    """normalized_words translates the whole text at once; normalize_phrase word by word."""
    assert normalized_words(text) == normalize_phrase(text).split()


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXT, TEXT, DAYS)
def test_tagging_never_raises_and_offsets_stay_inside(title, body, day):
    from articles.tagging.cues import load_cues
    from articles.tagging.lexicon import get_lexicon
    from articles.tagging.suggest import suggest_article

    suggestions, body_start = suggest_article(title, body, day, get_lexicon(), load_cues())
    text = f"{title}\n{body}"
    for mention in suggestions.mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        assert mention.start >= body_start or mention.end <= len(title)
    for candidate in suggestions.candidates:
        assert text[candidate.start : candidate.end] == candidate.name


def huge(text: str, separator: str, size: int = 300_000) -> str:
    """`text` repeated to `size` characters: one very long line, or very many lines."""
    return (separator.join([text] * (size // (len(text) + 1) + 1)))[:size]


@pytest.mark.django_db
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXT.filter(lambda text: text.strip()), st.sampled_from([" ", "\n"]), DAYS)
def test_very_long_lines_and_huge_texts_never_raise_and_offsets_stay_inside(text, separator, day):
    from articles.tagging.cues import load_cues
    from articles.tagging.lexicon import get_lexicon
    from articles.tagging.suggest import suggest_article

    body = huge(text, separator)
    assert normalize_phrase(normalize_phrase(body)) == normalize_phrase(body)
    assert all(body[t.start : t.end] == t.text for t in tokenize(body))
    assert all(0 <= found.start < found.end <= len(body) for found in find_dates(body, reference=day))
    clean(body)
    suggestions, _body_start = suggest_article("عنوان", body, day, get_lexicon(), load_cues())
    whole = f"عنوان\n{body}"
    assert all(whole[m.start : m.end] == m.text for m in suggestions.mentions)
