"""Editors' cleaning rules, read from the database once per run and handed to the cleaner."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from articles.models import CleaningRule


@dataclass(frozen=True)
class CleaningDecisions:
    """Normalized line → "text" or "noise", for every source (key None) and per source name."""

    by_source: dict[str | None, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> CleaningDecisions:
        by_source: dict[str | None, dict[str, str]] = {}
        for source, normalized, decision in CleaningRule.objects.values_list(
            "source__name", "normalized", "decision"
        ):
            by_source.setdefault(source, {})[normalized] = decision
        return cls(by_source)

    def for_source(self, name: str) -> Mapping[str, str]:
        """The rules that hold on this source's pages: its own over those of every source."""
        general, own = self.by_source.get(None, {}), self.by_source.get(name, {}) if name else {}
        return {**general, **own} if own else general

    def has_rules_for(self, name: str) -> bool:
        return bool(name) and name in self.by_source


NONE = CleaningDecisions()
