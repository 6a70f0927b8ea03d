"""Clitics never hide a name, and stripping never breaks a name that begins like a clitic."""

import pytest

from articles.tagging.lexicon import Entry, Lexicon
from articles.tagging.matcher import find_longest, stems
from articles.text.normalize import normalize_phrase


@pytest.fixture
def lexicon():
    lexicon = Lexicon()
    for phrase, entry_id in [
        ("لافروف", 1),
        ("سيرغي لافروف", 1),
        ("موسكو", 2),
        ("باكو", 3),
        ("بوتين", 4),
        ("وليد المعلم", 5),
        ("بيراموف", 6),
        ("فلاديمير بوتين", 4),
        ("الأرميني", 7),
        ("مجموعة مينسك", 8),
        ("مينسك", 9),
    ]:
        lexicon.add_alias(phrase, Entry("actor", entry_id))
    return lexicon


def found(lexicon, text):
    words = normalize_phrase(text).split()
    return [
        (" ".join(words[m.first : m.last]), {e.id for e in m.payloads}, m.prefix)
        for m in find_longest(lexicon.aliases, words)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ولافروف", [("ولافروف", {1}, "و")]),
        ("وصل بموسكو", [("بموسكو", {2}, "ب")]),
        ("للرئيس بوتين", [("بوتين", {4}, "")]),
        ("وباكو", [("وباكو", {3}, "و")]),
        ("فبوتين", [("فبوتين", {4}, "ف")]),  # ف + بوتين: the ب belongs to the name
        ("فبموسكو", [("فبموسكو", {2}, "فب")]),
        ("للأرميني", [("للارميني", {7}, "ل")]),
        ("والأرميني", [("والارميني", {7}, "و")]),
    ],
)
def test_it_finds_names_under_proclitics(lexicon, text, expected):
    assert found(lexicon, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وليد المعلم", [("وليد المعلم", {5}, "")]),
        ("بيراموف", [("بيراموف", {6}, "")]),
        ("لافروف", [("لافروف", {1}, "")]),
        ("فلاديمير بوتين", [("فلاديمير بوتين", {4}, "")]),
    ],
)
def test_it_never_breaks_names_that_begin_like_a_clitic(lexicon, text, expected):
    assert found(lexicon, text) == expected


def test_the_longest_phrase_wins(lexicon):
    assert found(lexicon, "قال سيرغي لافروف إن مجموعة مينسك") == [
        ("سيرغي لافروف", {1}, ""),
        ("مجموعه مينسك", {8}, ""),
    ]


def test_a_stem_shorter_than_two_letters_is_never_tried():
    assert all(len(form) >= 2 for form, _prefix in stems("ولد"))


def test_a_phrase_added_after_its_first_word_was_looked_up_is_found(lexicon):
    """The trie remembers which words open a phrase; a new alias must not be hidden by that."""
    assert found(lexicon, "وصل باشينيان إلى بروكسل") == []
    lexicon.add_alias("باشينيان", Entry("actor", 10))
    lexicon.add_alias("نيكول باشينيان", Entry("actor", 10))
    assert found(lexicon, "وصل باشينيان إلى بروكسل") == [("باشينيان", {10}, "")]
    assert found(lexicon, "ونيكول باشينيان") == [("ونيكول باشينيان", {10}, "و")]


def test_the_remembered_openings_stay_bounded(lexicon, monkeypatch):
    monkeypatch.setattr("articles.tagging.matcher.OPENINGS_KEPT", 3)
    found(lexicon, "قال لافروف في موسكو إن الهدنة صامدة")
    assert len(lexicon.aliases.openings) <= 3
    assert found(lexicon, "قال لافروف في موسكو") == [("لافروف", {1}, ""), ("موسكو", {2}, "")]
