"""A synthetic corpus of Arabic news about the Armenia–Azerbaijan talks, for benchmarks.

Pure Python, no database, no Django: `Corpus(seed)` reads the starter dictionary
(`articles/data/dictionary.toml`) with tomllib, then writes article *i* from its own
random generator, seeded with (seed, i) and nothing else. So:

- the same seed gives byte-identical output, and article *i* does not depend on how
  many articles are asked for (the first thousand of a million equal a run of a
  thousand);
- articles are made one at a time: a corpus of any size streams in constant memory.

What an article looks like
--------------------------
300–1,200 words of Modern Standard Arabic news: a lede reporting one event (talks, a
meeting, a phone call, a summit, a ceasefire, clashes, an agreement, a joint
statement, a press conference, a military operation, or economic figures) with its
actors, venue and date; then paragraphs mixing statements of the story's cast (role
and full name first, mostly the surname later, in the spelling the outlet uses
throughout, with clitics attached: ولافروف، بموسكو، للرئيس بوتين), quotes «…»,
background ("وكان … قد"), dates in both month families and in Latin or Arabic-Indic
digits, figures — and, for the most part, general political and economic sentences,
so that names stay a minority of the words. People are drawn with Zipf-like weights
among those holding their office on the article's date (the Armenian and Azerbaijani
leaders or foreign ministers, then mediators and commentators): a few names are very
frequent, a long tail is rare.

Sentences are assembled from many short interchangeable parts (some 1,700 topics, 60
predicates, 1,100 objects, 380 generic speakers…), so that two unrelated articles share
few word 3-shingles (Jaccard similarity about 0.02): the archive's near-duplicate
detector must not take them for one story.
About 3% of articles are syndicated near-copies of one of the few hundred articles
before them: the same body with a rewritten first sentence, one paragraph dropped and
an updated figure. Every body carries a figure derived from its own index (the
"index sentence"), so no two bodies are the same text.

Output: `json_line(i)` (title, body, published, source, author, url; the body may
carry up to two noise lines) and `text_file(i)` (what a scraper saves: title, byline,
a date line in one of many forms, 2–4 noise lines of the kinds
`data/boilerplate.toml` removes, the body, a source line or sign-off).

Where things are: the words, phrases, names and templates are data,
`vocabulary.toml`; `vocabulary.py` loads them once, composes the pools, reads the
dictionary and writes the sentences of one story (`Writer`); this module makes
articles of them (seeds, lengths, near-copies) and writes them out.
"""

from __future__ import annotations

import datetime
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from bench.cast import Names
from bench.vocabulary import (
    ADS,
    AUTHORS,
    BYLINE_LABELS,
    COMMENT_FORM,
    DICTIONARY_PATH,
    INDEX_SENTENCES,
    OTHER_NOISE,
    PHOTO_CREDITS,
    READ_ALSO,
    READ_ALSO_TITLES,
    SOURCES,
    WEEKDAYS,
    Rand,
    Weighted,
    zipf,
)
from bench.writer import MENUS, Writer

FIRST_DAY = datetime.date(2020, 9, 1)
LAST_DAY = datetime.date(2023, 12, 31)
MIN_WORDS = 300
MAX_WORDS = 1200
# The content stops short of MAX_WORDS: a JSON body may add two noise lines.
_MAX_CONTENT_WORDS = 1150
COPY_RATE = 0.03
COPY_WINDOW = 300  # a syndicated copy repeats one of the COPY_WINDOW articles before it
FILES_PER_FOLDER = 1000
FIELDS = ("title", "body", "published", "source", "author", "url")

__all__ = ["DICTIONARY_PATH", "FIELDS", "FILES_PER_FOLDER", "Article", "Corpus"]


def _json_string(text: str) -> str:
    """json.dumps(text, ensure_ascii=False), three times faster for our text.

    The only control character our text can hold is the line break between paragraphs:
    the vocabulary has none (a test checks), dictionary names with one are left out.
    """
    if '"' in text or "\\" in text:
        return json.dumps(text, ensure_ascii=False)
    return '"' + text.replace("\n", "\\n") + '"'


# ---------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------


@dataclass
class Article:
    index: int
    title: str
    paragraphs: list[list[str]]  # the sentences of each paragraph
    index_at: tuple[int, int, int]  # (paragraph, sentence, template) of the index sentence
    published: datetime.date
    source: int  # into SOURCES
    author: str
    author_fem: bool
    writer: Writer = field(repr=False)
    copy_of: int | None = None  # the first article of the story this one copies

    @property
    def url(self) -> str:
        return f"https://example-outlet-{self.source + 1}.test/ar/news/{self.index}"

    @property
    def words(self) -> int:
        return sum(s.count(" ") + 1 for p in self.paragraphs for s in p)


def _publication_days() -> Weighted:
    """Every day of the period; more news in the war of autumn 2020 and in September 2022 and 2023."""
    boosts = {(2020, 9): 4.0, (2020, 10): 6.0, (2020, 11): 5.0, (2021, 1): 2.0, (2022, 9): 3.0,
              (2022, 12): 1.5, (2023, 9): 4.0, (2023, 10): 2.0}  # fmt: skip
    days = [FIRST_DAY + datetime.timedelta(days=n) for n in range((LAST_DAY - FIRST_DAY).days + 1)]
    return Weighted(days, [boosts.get((d.year, d.month), 1.0) for d in days])


class Corpus:
    """Article *i* of a seeded corpus, as an Article, a JSON line or a scraped text file."""

    def __init__(self, seed: int = 0, dictionary: Path = DICTIONARY_PATH) -> None:
        self.seed = seed
        self._seed_base = (2 * seed if seed >= 0 else -2 * seed - 1) << 64
        self.names = Names(dictionary)
        self._days = _publication_days()
        self._sources = zipf(range(len(SOURCES)), 0.8, 2.0)

    def _rng(self, i: int) -> random.Random:
        # (seed, i) → one integer, one-to-one: article i depends on nothing else.
        return random.Random(self._seed_base | i) if i < 2**64 else random.Random(f"{self.seed}:{i}")

    # -- articles ---------------------------------------------------------

    def article(self, i: int) -> Article:
        rng = self._rng(i)
        r = rng.random
        if i > 0 and r() < COPY_RATE:
            copy = self._near_copy(self.article(i - 1 - int(r() * min(i, COPY_WINDOW))), rng, i)
            if copy is not None:
                return copy
        return self._original(rng, i)

    def _byline(self, r: Rand) -> tuple[int, str, bool]:
        source = self._sources.pick(r)
        author, fem = ("", False) if r() < 0.15 else AUTHORS[int(r() * len(AUTHORS))]
        return source, author, fem

    def _original(self, rng: random.Random, i: int) -> Article:
        r = rng.random
        day = self._days.pick(r)
        writer = Writer(self.names, rng, day)
        menu = MENUS[writer.story == "economy"]
        kinds = len(menu)
        target = MIN_WORDS + int(r() * (_MAX_CONTENT_WORDS - MIN_WORDS - 50))
        lede = [writer.lede()]
        if r() < 0.7:
            lede.append(menu[int(r() * kinds)](writer))
        paragraphs = [lede]
        words = sum(s.count(" ") + 1 for s in lede)
        index_paragraph = 1 + int(r() * 3)
        template = int(r() * len(INDEX_SENTENCES))
        index_at = None
        while words < target:
            paragraph: list[str] = []
            for _ in range(2 + int(r() * 3)):
                sentence = menu[int(r() * kinds)](writer)
                n = sentence.count(" ") + 1
                if words + n > _MAX_CONTENT_WORDS - 20:
                    break
                paragraph.append(sentence)
                words += n
                if words >= target:
                    break
            if not paragraph:
                break
            if len(paragraphs) == index_paragraph:
                index_at = (len(paragraphs), len(paragraph), template)
                paragraph.append(writer.index_sentence(template, i))
                words += paragraph[-1].count(" ") + 1
            paragraphs.append(paragraph)
        if index_at is None:  # a short article: the index sentence closes the lede
            index_at = (0, len(lede), template)
            lede.append(writer.index_sentence(template, i))
        source, author, fem = self._byline(r)
        return Article(i, writer.title(), paragraphs, index_at, day, source, author, fem, writer)

    def _near_copy(self, base: Article, rng: random.Random, i: int) -> Article | None:
        """Another outlet's version of `base`: new first sentence, a paragraph dropped, the figure updated."""
        r = rng.random
        writer = base.writer.fork(rng)
        paragraphs = [list(p) for p in base.paragraphs]
        at_paragraph, at_sentence, template = base.index_at
        paragraphs[at_paragraph][at_sentence] = writer.index_sentence(template, i)
        paragraphs[0][0] = writer.lede()
        droppable = [k for k in range(1, len(paragraphs)) if k != at_paragraph]
        if droppable:
            drop = droppable[int(r() * len(droppable))]
            del paragraphs[drop]
            at_paragraph -= drop < at_paragraph
        if not MIN_WORDS <= sum(s.count(" ") + 1 for p in paragraphs for s in p) <= _MAX_CONTENT_WORDS:
            return None
        source, author, fem = self._byline(r)
        if source == base.source:
            source = (source + 1) % len(SOURCES)
        published = min(base.published + datetime.timedelta(days=int(r() * 3)), LAST_DAY)
        title = base.title if r() < 0.5 else writer.title()
        index_at = (at_paragraph, at_sentence, template)
        copy_of = base.copy_of if base.copy_of is not None else base.index
        return Article(i, title, paragraphs, index_at, published, source, author, fem, writer, copy_of)

    # -- output formats ---------------------------------------------------

    def record(self, i: int) -> dict[str, str]:
        """The JSON object of article i; its body may carry 0–2 noise lines, as scraped feeds do."""
        article = self.article(i)
        r = article.writer.r  # the article's own generator, past its content
        lines = [" ".join(p) for p in article.paragraphs]
        for _ in range(int(r() * 3)):
            lines.insert(1 + int(r() * len(lines)), _noise_line(r, article))  # never before the lede
        return {
            "title": article.title,
            "body": "\n".join(lines),
            "published": article.published.isoformat(),
            "source": SOURCES[article.source],
            "author": article.author,
            "url": article.url,
        }

    def json_line(self, i: int) -> str:
        """Article i as one line of JSON (what json.dumps(record, ensure_ascii=False) gives)."""
        record = self.record(i)
        return "{" + ", ".join(f'"{key}": {_json_string(record[key])}' for key in FIELDS) + "}"

    def text_file(self, i: int) -> str:
        """Article i as a scraper saves a page: title, byline, date line, noise, body, source."""
        article = self.article(i)
        writer = article.writer
        r = writer.r
        head = [article.title]
        if article.author and r() < 0.75:
            label = BYLINE_LABELS[int(r() * len(BYLINE_LABELS))][article.author_fem]
            head.append(f"{label}: {article.author}")
        paragraphs = [" ".join(p) for p in article.paragraphs]
        if r() < 0.9:
            head.append(_date_line(r, writer, article.published))
        else:  # an agency dateline opens the body instead
            city = writer.venue.aliases.items[0]
            paragraphs[0] = f"{city} - {writer.date(article.published)} (وكالات) - {paragraphs[0]}"
        noise = 2 + int(r() * 3)
        if r() < 0.4:
            head.append(
                PHOTO_CREDITS[int(r() * len(PHOTO_CREDITS))].format(author=article.author or "المصور")
            )
            noise -= 1
        tail: list[str] = []
        if noise >= 2 and r() < 0.35:
            start = int(r() * (len(COMMENT_FORM) - 1))
            tail = list(COMMENT_FORM[start : start + 2])
            noise -= 2
        gaps = [1 + int(r() * len(paragraphs)) for _ in range(noise)]  # before paragraph k, or at the end
        body: list[str] = []
        for k, paragraph in enumerate(paragraphs):
            body.extend(_noise_line(r, article) for gap in gaps if gap == k)
            body.append(paragraph)
        body.extend(_noise_line(r, article) for gap in gaps if gap == len(paragraphs))
        x = r()
        if x < 0.45:
            body.append(f"المصدر: {SOURCES[article.source]}")
        elif x < 0.65:
            body.append(f"— {SOURCES[article.source]}")
        separator = "\n\n" if article.source % 3 == 0 else "\n"  # some outlets leave blank lines
        return "\n".join(head) + "\n\n" + separator.join(body) + "\n" + "".join(line + "\n" for line in tail)

    @staticmethod
    def text_path(i: int) -> str:
        """Where article i goes in a folder corpus: 1,000 files per subfolder."""
        return f"{i // FILES_PER_FOLDER:05d}/{i:08d}.txt"


def _noise_line(r: Rand, article: Article) -> str:
    """A line the boilerplate rules remove: an ad slot, "اقرأ أيضا: …", a photo credit, a share button."""
    x = r()
    if x < 0.45:
        return ADS[int(r() * len(ADS))]
    if x < 0.75:
        title = READ_ALSO_TITLES[int(r() * len(READ_ALSO_TITLES))]
        return READ_ALSO[int(r() * len(READ_ALSO))].format(t=title)
    if x < 0.9:
        return PHOTO_CREDITS[int(r() * len(PHOTO_CREDITS))].format(author=article.author or "المصور")
    return OTHER_NOISE[int(r() * len(OTHER_NOISE))]


def _date_line(r: Rand, writer: Writer, day: datetime.date) -> str:
    """A publication date line in one of the forms outlets use."""
    num = writer.num
    weekday = WEEKDAYS[day.weekday()]
    hour = int(r() * 24)
    hh, mm, noon = num(f"{hour:02d}"), num(f"{int(r() * 60):02d}"), "م" if hour >= 12 else "ص"
    dd, mo, yy = num(f"{day.day:02d}"), num(f"{day.month:02d}"), num(day.year)
    forms = (
        lambda: f"{weekday} {writer.date(day)}",
        lambda: f"نُشر في: {writer.date(day)}",
        lambda: f"تاريخ النشر: {yy}-{mo}-{dd}",
        lambda: f"{dd}/{mo}/{yy} - {hh}:{mm}",
        lambda: f"{weekday}، {writer.date(day)} - {hh}:{mm} {noon}",
        lambda: f"نشر بتاريخ: {dd}.{mo}.{yy}",
        lambda: f"{yy}-{mo}-{dd} {hh}:{mm}",
        lambda: writer.date(day),
        lambda: f"يوم {weekday}، {writer.date(day)}",
    )
    return forms[int(r() * len(forms))]()
