"""One normalization (camel-tools as a translate table) for aliases, text and queries."""

import pytest

from articles.text.normalize import normalize, normalize_phrase, normalize_reference, tokenize

# Diacritics, tatweel, hamza forms, alef maksura, teh marbuta, Arabic-Indic and
# Persian digits, Persian letters, a lam-alef ligature, NBSP, ZWNJ and Latin accents.
NOISY = (
    "أعلنَ وزيرُ الخارجيـــة الروسيّ سيرگي لاڤروف، في ١٠ أكتوبر ۲۰۲۰، أنّ آذربيجان\u00a0وإرمينيا "
    "اتفقتا على هدنةٍ إنسانية في قرة باغ، وقال ﻻفروف إن الرئيس أردوغان (Erdoğan) باشين\u200cيان «مستعدٌ» (Лавров 😀)"
)


def test_it_agrees_with_camel_tools_on_every_arabic_character():
    block = "".join(chr(c) for c in range(0x0600, 0x0700)) + "".join(chr(c) for c in range(0xFB50, 0xFEFF))
    assert normalize(block) == normalize_reference(block)


def test_it_agrees_with_camel_tools_on_noisy_news_text():
    assert normalize(NOISY) == normalize_reference(NOISY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أحمد إبراهيم آذار ٱلقدس", "احمد ابراهيم اذار القدس"),  # alef and hamza forms
        ("مصطفى", "مصطفي"),  # alef maksura
        ("قرة باغ", "قره باغ"),  # teh marbuta
        ("مُحَادَثَاتٌ", "محادثات"),  # diacritics
        ("الخارجيـــة", "الخارجيه"),  # tatweel
        ("٢٠٢٠ ۲۰۲۳", "2020 2023"),  # Arabic-Indic and Persian digits
        ("سيرگي لاڤروف", "سيركي لافروف"),  # Persian letters folded by arclean
        ("Erdoğan ÇAVUŞOĞLU", "erdogan cavusoglu"),  # Latin case and accents
        ("باشين\u200cيان", "باشينيان"),  # a stray zero-width non-joiner inside a name
    ],
)
def test_it_normalizes(text, expected):
    assert normalize(text) == expected


def test_it_is_idempotent():
    once = normalize(NOISY)
    assert normalize(once) == once


def test_it_tokenizes_with_offsets_into_the_display_text():
    text = "قال لافروف، في موسكو: «الهدنة»."
    tokens = tokenize(text)
    assert [t.text for t in tokens] == ["قال", "لافروف", "في", "موسكو", "الهدنة"]
    assert all(text[t.start : t.end] == t.text for t in tokens)


def test_it_keeps_diacritics_inside_tokens_so_offsets_cover_the_whole_word():
    text = "التقى بوتينُ بِعلييف"
    assert [t.text for t in tokenize(text)] == ["التقى", "بوتينُ", "بِعلييف"]


def test_phrase_key_ignores_punctuation_spacing_and_spelling_variants():
    assert normalize_phrase("  إلهام   علييف، ") == normalize_phrase("الهام علييف")
    assert normalize_phrase("قرة-باغ") == "قره باغ"


def test_the_words_of_a_whole_text_agree_with_word_by_word_for_every_character():
    """normalized_words's table and word class are checked on every character they can meet
    (between two words, and alone): no character joins, splits or adds to words differently."""
    from articles.text.normalize import normalized_words

    for code in range(0x10000):
        char = chr(code)
        for text in (f"0{char}0", f"ب{char}a", char):
            assert normalized_words(text) == normalize_phrase(text).split(), hex(code)
