"""Remove the boilerplate of scraped pages, line by line, by rules kept as data.

The rules live in `articles/data/boilerplate.toml`: a pattern, an action and the
reason each one exists. The cleaner never guesses beyond them; it reports which
rule removed which line, so an editor can see why text disappeared.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

RULES_PATH = Path(__file__).resolve().parent.parent / "data" / "boilerplate.toml"
METADATA_ACTIONS = {"author", "source", "published"}
ACTIONS = {"drop", "drop_with_next", "drop_block", *METADATA_ACTIONS}

# Diacritics, tatweel and zero-width marks: invisible to rules, kept in the text.
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640\u200b-\u200f\u2066-\u2069\u202a-\u202e\ufeff]")
_SPACES = re.compile(r"[^\S\n]+")


@dataclass(frozen=True)
class Rule:
    name: str
    reason: str
    pattern: re.Pattern[str]
    action: str
    last_lines: int | None = None


@dataclass
class Cleaned:
    lines: list[str]  # kept lines, stripped; "" separates paragraphs
    removed: list[tuple[str, str]] = field(default_factory=list)  # (rule name, line)
    metadata: dict[str, str] = field(default_factory=dict)  # author/source/published → raw value


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


def strip_marks(text: str) -> str:
    """The text rules see: without diacritics, tatweel and invisible marks."""
    return _MARKS.sub("", text)


def tidy_line(line: str) -> str:
    """Collapse non-breaking and repeated spaces; strip the ends."""
    return _SPACES.sub(" ", line.replace("\u00a0", " ")).strip()


def clean(text: str, rules: tuple[Rule, ...] | None = None) -> Cleaned:
    rules = load_rules() if rules is None else rules
    body_rules = tuple(rule for rule in rules if rule.last_lines is None)
    tail_rules = tuple(rule for rule in rules if rule.last_lines is not None)
    lines = [tidy_line(line) for line in text.splitlines()]
    result = Cleaned(lines=[])
    index = 0
    while index < len(lines):
        line = lines[index]
        rule = _first_match(body_rules, line) if line else None
        index += 1
        if rule is None:
            result.lines.append(line)
            continue
        _remove(result, rule, line)
        if rule.action == "drop_with_next":
            while index < len(lines) and not lines[index]:
                index += 1
            if index < len(lines):
                result.removed.append((rule.name, lines[index]))
                index += 1
        elif rule.action == "drop_block":
            # Up to a blank line, or a metadata line (the source line often follows the links).
            while index < len(lines) and lines[index]:
                next_rule = _first_match(body_rules, lines[index])
                if next_rule is not None and next_rule.action in METADATA_ACTIONS:
                    break
                result.removed.append((rule.name, lines[index]))
                index += 1
    _clean_tail(result, tail_rules)
    return result


def _clean_tail(result: Cleaned, tail_rules: tuple[Rule, ...]) -> None:
    """Sign-off rules look at the last lines of what is left once the noise is gone."""
    for rule in tail_rules:
        kept = [i for i, line in enumerate(result.lines) if line][-rule.last_lines :]
        for index in reversed(kept):
            if rule.pattern.fullmatch(strip_marks(result.lines[index])):
                _remove(result, rule, result.lines.pop(index))
                break


def _remove(result: Cleaned, rule: Rule, line: str) -> None:
    result.removed.append((rule.name, line))
    if rule.action in METADATA_ACTIONS:
        match = rule.pattern.fullmatch(strip_marks(line))
        result.metadata.setdefault(rule.action, match.group("value").strip())


def _first_match(rules: tuple[Rule, ...], line: str) -> Rule | None:
    visible = strip_marks(line)
    for rule in rules:
        if rule.pattern.fullmatch(visible):
            return rule
    return None
