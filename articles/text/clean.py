"""Judge each line of a scraped page: the article's text, its headline, or page furniture.

Three layers, each reporting why it removed a line, so an editor can see it:

1. **Patterns** (`articles/data/boilerplate.toml`): exact shapes an outlet's lines
   take, chiefly the labelled metadata ("بقلم: …", "المصدر: …", "نشر في: …").
2. **Signals** per line (`line_signals.py`, weighed by `articles/data/cleaning.toml`):
   furniture vocabulary, separators, Latin-only lines, captions, repeats, stubs.
3. **Structure** (`page_structure.py`): the article's run of prose, the headline
   above it, the page around them, boxes of other stories' headlines.

Bylines and date lines are recognised here, between the layers (`metadata.py`), and
editors' rules for the source have the last word.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from articles.text.furniture import Vocabulary, load_vocabulary
from articles.text.line_signals import LineSignals, load_weights, score_lines
from articles.text.marks import strip_marks, tidy_line
from articles.text.metadata import byline_name, date_line
from articles.text.page import Cleaned, PageLine
from articles.text.page_structure import apply_structure

PATTERN_MAX_CHARS = 200  # the pattern rules describe short lines; a paragraph is never one of them
EDITOR_RULE = "editor-rule"  # the reason shown for a line an editor's rule removed
RULES_PATH = Path(__file__).resolve().parent.parent / "data" / "boilerplate.toml"
METADATA_ACTIONS = {"author", "source", "published"}
ACTIONS = {"drop", "drop_with_next", "drop_block", *METADATA_ACTIONS}

_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Rule:
    name: str
    reason: str
    pattern: re.Pattern[str]
    action: str
    last_lines: int | None = None


@cache
def load_rules(path: Path = RULES_PATH) -> tuple[Rule, ...]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    rules = []
    for entry in data["rule"]:
        if entry["action"] not in ACTIONS:
            raise ValueError(f"{path}: rule {entry['name']!r} has unknown action {entry['action']!r}")
        rules.append(
            Rule(
                name=entry["name"],
                reason=entry["reason"],
                pattern=re.compile(entry["pattern"], re.IGNORECASE),
                action=entry["action"],
                last_lines=entry.get("last_lines"),
            )
        )
    return tuple(rules)


def clean(
    text: str,
    rules: tuple[Rule, ...] | None = None,
    decisions: Mapping[str, str] | None = None,
    title: str = "",
) -> Cleaned:
    """Judge every line of `text`. `decisions` (normalized line → "text" or "noise") are
    editors' rules for this source: they have the last word on the lines they name.
    `title`, known from elsewhere (markup, a JSON field), is the only line of the text
    that may be taken for the headline."""
    rules = load_rules() if rules is None else rules
    page = [PageLine(line) for line in map(tidy_line, text.splitlines()) if line]
    result = Cleaned(page=page)
    _apply_patterns(result, rules)
    vocabulary, weights = load_vocabulary(), load_weights()
    signals = score_lines(result.page, vocabulary, weights)
    if decisions:
        _apply_decisions(result, decisions)
    _apply_tail_rules(result, rules, signals)
    _find_metadata_lines(result, vocabulary)
    apply_structure(result, signals, vocabulary, weights, title)
    if decisions:
        _apply_decisions(result, decisions)
    return result


def _apply_decisions(result: Cleaned, decisions: Mapping[str, str]) -> None:
    """Editors' rules: a line judged noise goes, a line judged text stays (and counts as prose)."""
    for line in result.page:
        decision = decisions.get(" ".join(line.words))
        if decision == "noise":
            line.reason, line.prose, line.decided = EDITOR_RULE, False, decision
        elif decision == "text" and line.reason != "headline":
            line.reason, line.prose, line.decided = "", len(line.words) >= 3, decision


# Layer 1: patterns ---------------------------------------------------------------


def _apply_patterns(result: Cleaned, rules: tuple[Rule, ...]) -> None:
    body_rules = tuple(rule for rule in rules if rule.last_lines is None)
    page = result.page
    index = 0
    while index < len(page):
        line = page[index]
        rule = _first_match(body_rules, line.text)
        index += 1
        if rule is None:
            continue
        _remove(result, line, rule)
        if rule.action == "drop_with_next" and index < len(page):
            page[index].reason = rule.name
            index += 1
        elif rule.action == "drop_block":
            # The links under the heading, up to a metadata line (the source line often follows them).
            while index < len(page) and not page[index].prose and len(page[index].text.split()) <= 25:
                next_rule = _first_match(body_rules, page[index].text)
                if next_rule is not None and next_rule.action in METADATA_ACTIONS:
                    break
                page[index].reason = rule.name
                index += 1


def _apply_tail_rules(result: Cleaned, rules: tuple[Rule, ...], signals: list[LineSignals]) -> None:
    """Sign-offs: among the last lines that are neither removed nor furniture ("— Advertisement —")."""
    furniture = {
        id(line)
        for line, line_signals in zip(result.page, signals, strict=True)
        if _is_furniture(line_signals)
    }
    for rule in (rule for rule in rules if rule.last_lines is not None):
        plain = [line for line in result.page if line.kept and id(line) not in furniture]
        for line in plain[-rule.last_lines :][::-1]:
            if rule.pattern.fullmatch(strip_marks(line.text)):
                _remove(result, line, rule)
                break


def _is_furniture(signals: LineSignals) -> bool:
    return signals.coverage.share >= 0.5 or "latin_only" in signals.values or "latin_noise" in signals.values


def _remove(result: Cleaned, line: PageLine, rule: Rule) -> None:
    line.reason = rule.name
    if rule.action in METADATA_ACTIONS:
        match = rule.pattern.fullmatch(strip_marks(line.text))
        result.metadata.setdefault(rule.action, match.group("value").strip())


def _first_match(rules: tuple[Rule, ...], line: str) -> Rule | None:
    if len(line) > PATTERN_MAX_CHARS:
        return None
    visible = strip_marks(line)
    for rule in rules:
        if rule.pattern.fullmatch(visible):
            return rule
    return None


def _find_metadata_lines(result: Cleaned, vocabulary: Vocabulary) -> None:
    """Bylines and date lines in their unlabelled forms: metadata, never text or headline."""
    for index, line in enumerate(result.page):
        if not line.kept or line.decided:
            continue
        name = byline_name(line.text)
        if name:
            line.reason = "byline"
            result.bylines.append((index, name))
        if _DIGIT.search(line.text):
            found = date_line(line.text, vocabulary.loose_words)
            if found is not None:
                line.reason = line.reason or "date-line"
                result.dates.append((index, found))
        if line.reason:
            line.prose = False
