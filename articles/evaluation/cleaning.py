"""Score cleaning and metadata on labelled pages, through the same path as `ingest`.

A labelled page (`*.page`, in `articles/data/cleaning/dev/` and `…/heldout/`) is a
header of `# key: value` lines (template, title, published, source, author), an
empty line, then the page as scraped: each line `[label] text`, or empty. Labels:
headline, text, date, byline, source, noise. The page text without its labels is
prepared as a text file would be by `ingest`; a line counts as kept when it is one
of the body's paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from articles.ingest.errors import IngestError
from articles.ingest.prepare import prepare
from articles.ingest.readers import Incoming
from articles.text.marks import tidy_line

LABELS = {"headline", "text", "date", "byline", "source", "noise"}
NOISE_LABELS = LABELS - {"headline", "text"}
FIELDS = ("title", "published", "source", "author")
_LINE = re.compile(r"\[(\w+)\] ?(.*)")


@dataclass
class LabelledPage:
    name: str
    template: str
    expected: dict[str, str]
    lines: list[tuple[str, str]]  # (label, text); ("", "") for an empty line

    @property
    def text(self) -> str:
        return "\n".join(text for _, text in self.lines)


@dataclass
class PageScore:
    name: str
    template: str
    noise: int = 0
    noise_removed: int = 0
    text: int = 0
    text_lost: int = 0
    fields_right: dict[str, bool] = field(default_factory=dict)
    kept_noise: list[str] = field(default_factory=list)
    lost_text: list[str] = field(default_factory=list)
    got: dict[str, str] = field(default_factory=dict)
    error: str = ""
    body: str = ""
    sidebar_names: int = 0  # actors the page names only in its noise lines
    sidebar_names_tagged: int = 0  # of those, the ones the tagger found in the cleaned article


@dataclass
class SetScore:
    pages: list[PageScore] = field(
        repr=False
    )  # never in a failing test's message: held-out lines stay unread

    def total(self, name: str) -> int:
        return sum(getattr(page, name) for page in self.pages)

    @property
    def noise_removed(self) -> float:
        return self.total("noise_removed") / max(1, self.total("noise"))

    @property
    def text_lost(self) -> float:
        return self.total("text_lost") / max(1, self.total("text"))

    def field_right(self, name: str) -> int:
        return sum(page.fields_right[name] for page in self.pages)

    @property
    def fields_exact(self) -> float:
        return sum(self.field_right(name) for name in FIELDS) / max(1, len(FIELDS) * len(self.pages))

    @property
    def templates(self) -> int:
        return len({page.template for page in self.pages})


def read_page(path: Path) -> LabelledPage:
    """Parse a labelled page; ValueError names the file and line that break the format."""
    header, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    expected = {}
    for line in header.splitlines():
        key, sep, value = line.removeprefix("#").partition(":")
        if not line.startswith("#") or not sep:
            raise ValueError(f"{path.name}: header line {line!r} is not '# key: value'")
        expected[key.strip()] = value.strip()
    lines = []
    for number, line in enumerate(body.splitlines(), start=1):
        if not line.strip():
            lines.append(("", ""))
            continue
        match = _LINE.fullmatch(line)
        if match is None or match.group(1) not in LABELS:
            raise ValueError(f"{path.name}: page line {number} has no known [label]")
        lines.append((match.group(1), match.group(2)))
    return LabelledPage(path.stem, expected.get("template", ""), expected, lines)


def read_pages(folder: Path) -> list[LabelledPage]:
    return [read_page(path) for path in sorted(folder.glob("*.page"))]


def score_page(page: LabelledPage) -> PageScore:
    score = PageScore(page.name, page.template)
    try:
        prepared = prepare(Incoming(f"{page.name}.txt", page.text.encode(), "txt"))
    except IngestError as error:
        score.error = str(error)
        paragraphs: set[str] = set()
        got = dict.fromkeys(FIELDS, "")
    else:
        score.body = prepared.body
        paragraphs = {tidy_line(paragraph) for paragraph in prepared.body.split("\n\n")}
        got = {
            "title": prepared.title,
            "published": prepared.published.isoformat() if prepared.published else "",
            "source": prepared.source,
            "author": prepared.author,
        }
    for label, text in page.lines:
        kept = tidy_line(text) in paragraphs
        if label in NOISE_LABELS:
            score.noise += 1
            score.noise_removed += not kept
            if kept:
                score.kept_noise.append(f"[{label}] {text}")
        elif label == "text":
            score.text += 1
            score.text_lost += not kept
            if not kept:
                score.lost_text.append(text)
    score.got = got
    score.fields_right = {
        name: tidy_line(got[name]) == tidy_line(page.expected.get(name, "")) for name in FIELDS
    }
    return score


def score_pages(pages: list[LabelledPage], names: bool = False) -> SetScore:
    """Every page scored; with `names`, also the actors named only in its noise (reads the dictionary)."""
    scores = [score_page(page) for page in pages]
    if names:
        from articles.tagging.cues import load_cues
        from articles.tagging.lexicon import get_lexicon

        lexicon, cues = get_lexicon(), load_cues()
        for page, score in zip(pages, scores, strict=True):
            _score_sidebar_names(page, score, lexicon, cues)
    return SetScore(scores)


def _score_sidebar_names(page: LabelledPage, score: PageScore, lexicon, cues) -> None:
    """Actors the page names only in lines labelled noise, and whether the article was tagged with them."""
    from articles.tagging.suggest import suggest, suggest_article
    from articles.text.dates import parse_date

    published = parse_date(page.expected.get("published", ""))
    day = published.value if published else None
    article_text = "\n".join(text for label, text in page.lines if label in ("headline", "text"))
    noise_text = "\n".join(text for label, text in page.lines if label in NOISE_LABELS)
    in_article = suggest(article_text, day, lexicon, cues).actor_ids()
    only_in_noise = set(suggest(noise_text, day, lexicon, cues).actor_ids()) - set(in_article)
    if score.error or not only_in_noise:
        score.sidebar_names = len(only_in_noise)
        return
    tagged, _start = suggest_article(score.got["title"], score.body, day, lexicon, cues)
    score.sidebar_names = len(only_in_noise)
    score.sidebar_names_tagged = len(only_in_noise & set(tagged.actor_ids()))
