"""Bad input: each failure named on one line, the rest ingested, exit status non-zero."""

import json

import pytest

from articles.ingest import store
from articles.models import Article, Source
from tests.samples import MOSCOW_TRUCE_PAGE, SOCHI_SUMMIT_TEXT

pytestmark = pytest.mark.django_db


@pytest.fixture
def good(write):
    return write("good.txt", SOCHI_SUMMIT_TEXT)


def error_lines(result):
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


def test_windows_1256_text_is_decoded(ingest, write):
    path = write("cp1256.txt", SOCHI_SUMMIT_TEXT, encoding="cp1256")
    result = ingest(path)
    assert result.exit_code == 0
    article = Article.objects.get()
    assert article.raw_encoding == "cp1256"
    assert "إلهام علييف" in article.body


def test_utf16_with_bom_is_decoded(ingest, write):
    path = write("utf16.txt", SOCHI_SUMMIT_TEXT, encoding="utf-16")
    assert ingest(path).exit_code == 0
    assert "نيكول باشينيان" in Article.objects.get().body


def test_text_in_an_unknown_encoding_is_refused_by_name(ingest, write, good):
    latin = write(
        "latin1.txt", "Les négociations à Genève: Aliyev et Pashinyan réunis. Ça avance.", "latin-1"
    )
    result = ingest(latin, good)
    assert result.exit_code == 1
    assert error_lines(result) == [
        f"error: {latin}: not text in a known encoding (tried UTF-8, UTF-16, Windows-1256)"
    ]
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary file (a PNG image)"),
        (b"%PDF-1.7\n" + bytes(range(256)), "binary file (a PDF document)"),
        (bytes(range(256)) * 4, "binary file (contains NUL bytes)"),
        (b"", "empty file"),
        (b"  \n\n\t \n", "empty file"),
    ],
)
def test_binary_and_empty_files_are_refused_by_name(ingest, write, good, content, reason):
    bad = write("article.txt", content)
    result = ingest(bad, good)
    assert result.exit_code == 1
    assert error_lines(result) == [f"error: {bad}: {reason}"]
    assert Article.objects.count() == 1


def test_a_file_over_the_size_limit_is_refused(ingest, write, good, settings):
    settings.INGEST_MAX_BYTES = 2000
    big = write("big.txt", "عنوان\n" + "وقال لافروف إن المحادثات مستمرة. " * 200)
    result = ingest(big, good)
    size_kb = round(big.stat().st_size / 1024)
    assert error_lines(result) == [f"error: {big}: file too large ({size_kb} KB > 2 KB limit)"]
    assert result.exit_code == 1
    assert Article.objects.count() == 1


def test_a_page_of_nothing_but_boilerplate_is_refused(ingest, write, good):
    bad = write("noise.txt", "Advertisement\nAdvertisement\nاترك تعليقاً\nالاسم *\nالعودة إلى الأعلى\n")
    result = ingest(bad, good)
    assert error_lines(result) == [f"error: {bad}: no article text left after removing boilerplate"]
    assert Article.objects.count() == 1


def test_malformed_json_lines_are_named_and_the_other_lines_ingested(ingest, write):
    lines = [
        json.dumps(
            {"title": "قمة سوتشي", "body": SOCHI_SUMMIT_TEXT, "published": "2021-11-26"}, ensure_ascii=False
        ),
        '{"title": "سطر مكسور", "body": "نص',
        json.dumps(["ليس", "كائنا"], ensure_ascii=False),
        json.dumps({"title": "بلا نص"}, ensure_ascii=False),
        json.dumps(
            {"title": "تاريخ غريب", "body": "نص الخبر.", "published": "الأسبوع الماضي"}, ensure_ascii=False
        ),
        json.dumps({"title": "نوع خاطئ", "body": "نص الخبر.", "author": 42}, ensure_ascii=False),
        "",
        json.dumps({"body": MOSCOW_TRUCE_PAGE, "source": "سبوتنيك"}, ensure_ascii=False),
    ]
    path = write("wire.jsonl", "\n".join(lines) + "\n")
    result = ingest(path)
    assert result.exit_code == 1
    assert error_lines(result) == [
        f"error: {path} line 2: malformed JSON (Unterminated string starting at column 32)",
        f"error: {path} line 3: expected a JSON object, got list",
        f"error: {path} line 4: field 'body' is missing or empty",
        f"error: {path} line 5: unreadable publication date 'الأسبوع الماضي'",
        f"error: {path} line 6: field 'author' must be a string",
    ]
    assert sorted(Article.objects.values_list("origin_line", flat=True)) == [1, 8]
    assert "new 2, duplicate 0, failed 5" in result.stdout


def test_nul_characters_in_a_json_line_are_dropped_from_the_text_and_kept_in_the_raw(ingest, write):
    line = json.dumps(
        {"title": "لقاء\x00 في موسكو", "body": "التقى لافروف\x00 نظيره في موسكو.", "author": "\x00"}
    )
    result = ingest(write("wire.jsonl", line + "\n"))

    assert result.exit_code == 0, result.stderr
    article = Article.objects.get()
    assert (article.title, article.body, article.author) == (
        "لقاء في موسكو",
        "التقى لافروف نظيره في موسكو.",
        "",
    )
    assert bytes(article.raw) == line.encode()
    assert article.mentions.filter(actor__slug="sergey-lavrov").exists()


def test_missing_paths_are_named(ingest, good, tmp_path):
    missing = tmp_path / "nowhere.txt"
    broken = tmp_path / "broken-link.txt"
    broken.symlink_to(tmp_path / "gone.txt")
    result = ingest(missing, broken, good)
    assert result.exit_code == 1
    assert error_lines(result) == [
        f"error: {missing}: no such file or folder",
        f"error: {broken}: no such file or folder",
    ]
    assert Article.objects.count() == 1


def test_a_failure_while_storing_leaves_nothing_half_written(ingest, write, good, monkeypatch):
    bad = write("wire.txt", MOSCOW_TRUCE_PAGE)

    original_insert = store.bulk_create_with_history

    def insert(articles, model):
        if any(article.origin == "wire.txt" for article in articles):
            raise RuntimeError("disk full")
        return original_insert(articles, model)

    monkeypatch.setattr(store, "bulk_create_with_history", insert)
    result = ingest(bad, good)
    assert result.exit_code == 1
    assert "error: " in result.stderr and "disk full" in result.stderr
    # The source row created for the failed article was rolled back with it.
    assert list(Source.objects.values_list("name", flat=True)) == []
    assert list(Article.objects.values_list("origin", flat=True)) == ["good.txt"]


def test_a_file_the_system_refuses_to_read_is_named(ingest, write, good, monkeypatch):
    # Tests run as root here, where file modes do not stop reads: simulate the refusal.
    locked = write("locked.txt", SOCHI_SUMMIT_TEXT.replace("سوتشي", "موسكو"))
    original = type(locked).read_bytes

    def read_bytes(path):
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return original(path)

    monkeypatch.setattr(type(locked), "read_bytes", read_bytes)
    result = ingest(locked, good)
    assert error_lines(result) == [f"error: {locked}: unreadable (Permission denied)"]
    assert Article.objects.count() == 1


def test_a_page_saved_as_one_line_of_300000_characters_is_stored_whole_with_a_short_title(
    ingest, write, good
):
    """A scraper that loses the line breaks saves the page as one line: it is kept whole (the
    cleaner cannot cut one line) under a title taken from its first sentence."""
    sentence = "وقال المبعوث الأممي إن جولة جديدة من المحادثات بين الطرفين ستعقد في جنيف الأسبوع المقبل. "
    line = (sentence * (300_000 // len(sentence) + 1))[:300_000]
    page = write("one-line.txt", line)
    result = ingest(page, good)
    assert result.exit_code == 0
    article = Article.objects.get(origin="one-line.txt")
    assert article.body == line.strip()
    assert article.title == sentence.split(".")[0]
    assert Article.objects.count() == 2
