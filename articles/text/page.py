"""A page as the cleaner sees it: its non-empty lines, each with what was decided for it."""

from __future__ import annotations

from dataclasses import dataclass, field

from articles.text.metadata import DateLine


@dataclass
class PageLine:
    """One non-empty line of the page and what the cleaner decided for it."""

    text: str
    reason: str = ""  # why it was removed; "" when kept as text; "headline" for the headline
    score: float = 0.0
    prose: bool = False
    words: tuple[str, ...] = ()  # its normalized words: " ".join(words) == normalize_phrase(text)
    decided: str = ""  # an editor's rule decided it: "text" or "noise"

    @property
    def kept(self) -> bool:
        return not self.reason


@dataclass
class Cleaned:
    page: list[PageLine]
    metadata: dict[str, str] = field(default_factory=dict)  # author/source/published → raw value
    bylines: list[tuple[int, str]] = field(default_factory=list)  # (index in `page`, author named)
    sources: list[tuple[int, str]] = field(default_factory=list)  # "place - outlet" lines above the article
    weak_bylines: list[tuple[int, str]] = field(
        default_factory=list
    )  # the same, in forms without a lead word
    dates: list[tuple[int, DateLine]] = field(default_factory=list)  # (index in `page`, date stated)
    headline: int | None = None  # index in `page` of the line judged to be the headline
    start: int = 0  # index in `page` of the article's first paragraph
    end: int = 0  # index in `page` just past its last paragraph

    @property
    def lines(self) -> list[str]:
        return [line.text for line in self.page if line.kept]

    @property
    def kept_lines(self) -> list[PageLine]:
        return [line for line in self.page if line.kept]

    @property
    def removed(self) -> list[tuple[str, str]]:
        return [(line.reason, line.text) for line in self.page if line.reason and line.reason != "headline"]

    @property
    def headline_text(self) -> str:
        return self.page[self.headline].text if self.headline is not None else ""
